//! The confirmation of an approval by the `approve` verb: which NotifyExecution call continues a
//! batch pause is not documented, so after sending it the caller re-reads the execution and
//! expects it to leave `Waiting` within a bounded time (the same pacing as a gate's approval,
//! [`super::GateConfig::confirm_ms`] and [`super::GateConfig::confirm_poll_ms`]). When it does
//! not, the caller stops and says so; it never approves again.
//!
//! ```
//! use rolling_update_core::api::response::Status;
//! use rolling_update_core::gate::{Confirmation, ConfirmStep};
//! let mut c = Confirmation::new(0, 60_000, 5_000);
//! assert_eq!(c.next(0), ConfirmStep::Sleep { until_ms: 5_000 });
//! assert_eq!(c.next(5_000), ConfirmStep::Read);
//! c.on_status(5_000, &Status::Running);
//! assert_eq!(c.next(5_000), ConfirmStep::Confirmed { status: Status::Running });
//! ```

use crate::api::response::Status;

/// What to do next while confirming.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmStep {
    /// Read the execution, then [`Confirmation::on_status`] (or
    /// [`Confirmation::on_read_failed`]).
    Read,
    /// Nothing is due before `until_ms`.
    Sleep {
        /// When to ask again.
        until_ms: u64,
    },
    /// The execution left `Waiting`: the approval took.
    Confirmed {
        /// The status it was read in.
        status: Status,
    },
    /// It was still `Waiting` at the deadline: stop, do not approve again.
    Unconfirmed {
        /// How long it was given, in milliseconds.
        waited_ms: u64,
    },
}

/// The confirmation of one approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    sent_ms: u64,
    deadline_ms: u64,
    poll_ms: u64,
    next_read_ms: u64,
    left: Option<Status>,
    /// The execution's progress when the approval was sent (`Null`: unknown).
    baseline: serde_json::Value,
}

impl Confirmation {
    /// An approval sent at `now_ms`, to be confirmed within `within_ms`, reading every `poll_ms`.
    pub fn new(now_ms: u64, within_ms: u64, poll_ms: u64) -> Confirmation {
        let poll_ms = poll_ms.max(1);
        Confirmation {
            sent_ms: now_ms,
            deadline_ms: now_ms + within_ms,
            poll_ms,
            next_read_ms: now_ms + poll_ms,
            left: None,
            baseline: serde_json::Value::Null,
        }
    }

    /// The execution's progress (its `Counters`) read just before the approval was sent.
    pub fn with_baseline(mut self, progress: serde_json::Value) -> Confirmation {
        self.baseline = progress;
        self
    }

    /// What to do at `now_ms`. The last read is at the deadline, so a slow but working
    /// approval is seen.
    pub fn next(&self, now_ms: u64) -> ConfirmStep {
        if let Some(status) = &self.left {
            return ConfirmStep::Confirmed { status: status.clone() };
        }
        if now_ms >= self.next_read_ms {
            return ConfirmStep::Read;
        }
        if now_ms >= self.deadline_ms {
            return ConfirmStep::Unconfirmed { waited_ms: self.deadline_ms - self.sent_ms };
        }
        ConfirmStep::Sleep { until_ms: self.next_read_ms.min(self.deadline_ms) }
    }

    /// The status just read.
    pub fn on_status(&mut self, now_ms: u64, status: &Status) {
        self.on_read(now_ms, status, &serde_json::Value::Null);
    }

    /// The status and progress (`Counters`) just read: confirmed when the execution left
    /// `Waiting`, or when it is `Waiting` with a progress other than the baseline (the next
    /// batch ran within one poll and paused again).
    pub fn on_read(&mut self, now_ms: u64, status: &Status, progress: &serde_json::Value) {
        let moved = !self.baseline.is_null() && !progress.is_null() && *progress != self.baseline;
        if *status == Status::Waiting && !moved {
            self.schedule(now_ms);
        } else {
            self.left = Some(status.clone());
        }
    }

    /// The read failed (a transient error): try again a poll later, within the same deadline.
    pub fn on_read_failed(&mut self, now_ms: u64) {
        self.schedule(now_ms);
    }

    fn schedule(&mut self, now_ms: u64) {
        // Past the deadline no read is scheduled: next() then says Unconfirmed.
        self.next_read_ms = if now_ms >= self.deadline_ms {
            u64::MAX
        } else {
            (now_ms + self.poll_ms).min(self.deadline_ms)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Plays a confirmation against `statuses` (one per read; `None` = a failed read) and
    /// returns how it ended and how many reads it took.
    fn play(statuses: &[Option<Status>]) -> (ConfirmStep, usize) {
        let mut c = Confirmation::new(1_000, 60_000, 5_000);
        let mut now = 1_000;
        let mut reads = 0;
        loop {
            match c.next(now) {
                ConfirmStep::Read => {
                    match statuses.get(reads).cloned().flatten() {
                        Some(status) => c.on_status(now, &status),
                        None if reads < statuses.len() => c.on_read_failed(now),
                        None => c.on_status(now, &Status::Waiting),
                    }
                    reads += 1;
                }
                ConfirmStep::Sleep { until_ms } => {
                    assert!(until_ms > now, "sleeps forward: {until_ms} at {now}");
                    now = until_ms;
                }
                end => return (end, reads),
            }
        }
    }

    #[test]
    fn a_batch_run_within_one_poll_confirms_by_its_progress() {
        let before = serde_json::json!({"Success": 4, "Waiting": 1});
        let after = serde_json::json!({"Success": 7, "Waiting": 1});
        let mut c = Confirmation::new(0, 60_000, 5_000).with_baseline(before.clone());
        c.on_read(5_000, &Status::Waiting, &before);
        assert_eq!(c.next(5_000), ConfirmStep::Sleep { until_ms: 10_000 }, "no progress yet");
        c.on_read(10_000, &Status::Waiting, &after);
        assert_eq!(c.next(10_000), ConfirmStep::Confirmed { status: Status::Waiting });
        let mut unknown = Confirmation::new(0, 60_000, 5_000);
        unknown.on_read(5_000, &Status::Waiting, &after);
        assert_ne!(
            unknown.next(5_000),
            ConfirmStep::Confirmed { status: Status::Waiting },
            "without a baseline only leaving Waiting confirms"
        );
    }

    #[test]
    fn leaving_waiting_confirms_at_the_read_that_sees_it() {
        let (end, reads) = play(&[Some(Status::Waiting), Some(Status::Running)]);
        assert_eq!(end, ConfirmStep::Confirmed { status: Status::Running });
        assert_eq!(reads, 2);
        let (end, _) = play(&[Some(Status::Success)]);
        assert_eq!(end, ConfirmStep::Confirmed { status: Status::Success });
    }

    #[test]
    fn still_waiting_at_the_deadline_is_unconfirmed_after_bounded_reads() {
        let (end, reads) = play(&[]);
        assert_eq!(end, ConfirmStep::Unconfirmed { waited_ms: 60_000 });
        assert_eq!(reads, 12, "one read every 5 s for 60 s, the last at the deadline");
    }

    #[test]
    fn failed_reads_are_retried_within_the_same_deadline() {
        let (end, reads) = play(&[None, None, Some(Status::Running)]);
        assert_eq!(end, ConfirmStep::Confirmed { status: Status::Running });
        assert_eq!(reads, 3);
        let failing: Vec<Option<Status>> = vec![None; 50];
        let (end, reads) = play(&failing);
        assert_eq!(end, ConfirmStep::Unconfirmed { waited_ms: 60_000 });
        assert_eq!(reads, 12, "failures do not extend the deadline");
    }
}
