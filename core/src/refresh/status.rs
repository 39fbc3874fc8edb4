//! Following a refresh task: its statuses, what each means for `wait`, and a sans-I/O waiter
//! that reads the task and reports the same [`Event`]s as an execution's waiter, so that the
//! health gates ([`crate::gate::Gate`]) judge a refresh with the same decisions.
//!
//! The points a gate judges: each checkpoint (the task is `CheckpointPause`) and, without
//! checkpoints, each time `FinishedUpdateCapacity` has grown by a batch's worth (the step of
//! [`super::plan`]) since the last point, and the end.

use serde::Serialize;

use crate::api::refresh::InstanceRefreshTask as Task;
use crate::api::response::Status;
use crate::waiter::{End, Event};

/// A refresh task's status, as ESS spells it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum RefreshStatus {
    /// Accepted, not yet running.
    Pending,
    /// Replacing instances.
    InProgress,
    /// Suspended (SuspendInstanceRefresh): waits for ResumeInstanceRefresh.
    Paused,
    /// At a checkpoint: ESS resumes it by itself after CheckpointPauseTime.
    CheckpointPause,
    /// Failed (Detail says why).
    Failed,
    /// Every instance replaced.
    Successful,
    /// Being cancelled.
    Cancelling,
    /// Cancelled (instances already replaced stay).
    Cancelled,
    /// Being rolled back.
    RollbackInProgress,
    /// Rolled back.
    RollbackSuccessful,
    /// The rollback failed.
    RollbackFailed,
    /// A status this version does not know (treated as still running).
    Other(String),
}

impl RefreshStatus {
    /// Reads ESS's text.
    pub fn parse(text: &str) -> RefreshStatus {
        match text {
            "Pending" => RefreshStatus::Pending,
            "InProgress" => RefreshStatus::InProgress,
            "Paused" => RefreshStatus::Paused,
            "CheckpointPause" => RefreshStatus::CheckpointPause,
            "Failed" => RefreshStatus::Failed,
            "Successful" => RefreshStatus::Successful,
            "Cancelling" => RefreshStatus::Cancelling,
            "Cancelled" => RefreshStatus::Cancelled,
            "RollbackInProgress" => RefreshStatus::RollbackInProgress,
            "RollbackSuccessful" => RefreshStatus::RollbackSuccessful,
            "RollbackFailed" => RefreshStatus::RollbackFailed,
            other => RefreshStatus::Other(other.to_owned()),
        }
    }

    /// ESS's text.
    pub fn as_str(&self) -> &str {
        match self {
            RefreshStatus::Pending => "Pending",
            RefreshStatus::InProgress => "InProgress",
            RefreshStatus::Paused => "Paused",
            RefreshStatus::CheckpointPause => "CheckpointPause",
            RefreshStatus::Failed => "Failed",
            RefreshStatus::Successful => "Successful",
            RefreshStatus::Cancelling => "Cancelling",
            RefreshStatus::Cancelled => "Cancelled",
            RefreshStatus::RollbackInProgress => "RollbackInProgress",
            RefreshStatus::RollbackSuccessful => "RollbackSuccessful",
            RefreshStatus::RollbackFailed => "RollbackFailed",
            RefreshStatus::Other(text) => text,
        }
    }

    /// Whether the task will not change again.
    pub fn is_terminal(&self) -> bool {
        matches!(
            self,
            RefreshStatus::Failed
                | RefreshStatus::Successful
                | RefreshStatus::Cancelled
                | RefreshStatus::RollbackSuccessful
                | RefreshStatus::RollbackFailed
        )
    }

    /// Whether the task is paused: suspended, or at a checkpoint (`wait` exits 5 for both).
    pub fn is_paused(&self) -> bool {
        matches!(self, RefreshStatus::Paused | RefreshStatus::CheckpointPause)
    }

    /// Whether another refresh of the group may start (one task per group).
    pub fn blocks_a_new_refresh(&self) -> bool {
        !self.is_terminal()
    }

    /// Whether ESS can roll the task back in this state: it has started and is not already
    /// rolling back, rolled back or cancelling.
    pub fn can_roll_back(&self) -> bool {
        matches!(
            self,
            RefreshStatus::InProgress
                | RefreshStatus::Paused
                | RefreshStatus::CheckpointPause
                | RefreshStatus::Failed
                | RefreshStatus::Successful
                | RefreshStatus::Cancelled
        )
    }

    /// Whether ESS can cancel it: running or paused, and not rolling back (a rollback in
    /// progress cannot be cancelled).
    pub fn can_cancel(&self) -> bool {
        matches!(
            self,
            RefreshStatus::Pending
                | RefreshStatus::InProgress
                | RefreshStatus::Paused
                | RefreshStatus::CheckpointPause
        )
    }

    /// Whether ResumeInstanceRefresh applies (approve).
    pub fn can_resume(&self) -> bool {
        self.is_paused()
    }

    /// The execution status that means the same for the waiter's readers and the gate:
    /// running, Waiting (paused), Success, Failed (also a failed rollback) or Cancelled (also a
    /// rollback that succeeded: the refresh was stopped and undone).
    pub fn as_execution_status(&self) -> Status {
        match self {
            RefreshStatus::Paused | RefreshStatus::CheckpointPause => Status::Waiting,
            RefreshStatus::Successful => Status::Success,
            RefreshStatus::Failed | RefreshStatus::RollbackFailed => Status::Failed,
            RefreshStatus::Cancelled | RefreshStatus::RollbackSuccessful => Status::Cancelled,
            _ => Status::Running,
        }
    }
}

/// What the waiter asks for next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefreshStep {
    /// Sleep until this time (ms).
    Sleep {
        /// When to ask again.
        until_ms: u64,
    },
    /// Read the task (DescribeInstanceRefreshes) and hand it to [`RefreshWaiter::observe`].
    Read,
    /// Following is over.
    Done(End),
}

/// How the waiter follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshWaiterConfig {
    /// Between two reads (ms).
    pub poll_ms: u64,
    /// Before a pause or an end is reported, the task is read again after this long (ms).
    pub confirm_ms: u64,
    /// End at the first pause (`wait` without `--through-pauses`); otherwise keep following.
    pub stop_at_pause: bool,
    /// Capacity replaced between two gate points when the task has no checkpoints.
    pub step: i64,
}

impl Default for RefreshWaiterConfig {
    fn default() -> Self {
        RefreshWaiterConfig { poll_ms: 5_000, confirm_ms: 1_000, stop_at_pause: true, step: 1 }
    }
}

/// Follows one refresh task.
#[derive(Debug, Clone)]
pub struct RefreshWaiter {
    config: RefreshWaiterConfig,
    next_read_ms: u64,
    last: Option<RefreshStatus>,
    /// A pause or end seen once, to be confirmed by the next read.
    unconfirmed: Option<RefreshStatus>,
    /// Capacity replaced at the last gate point.
    point_capacity: i64,
    points: i64,
    paused: bool,
    done: Option<End>,
}

impl RefreshWaiter {
    /// A waiter that reads at once.
    pub fn new(config: RefreshWaiterConfig) -> RefreshWaiter {
        RefreshWaiter {
            config,
            next_read_ms: 0,
            last: None,
            unconfirmed: None,
            point_capacity: 0,
            points: 0,
            paused: false,
            done: None,
        }
    }

    /// Gate points reported so far.
    pub fn points(&self) -> i64 {
        self.points
    }

    /// Follow on after a pause was reported (the task was resumed, or `--through-pauses`).
    pub fn resume(&mut self, now_ms: u64) {
        self.done = None;
        self.unconfirmed = None;
        self.next_read_ms = now_ms;
    }

    /// What to do at `now_ms`.
    pub fn next(&self, now_ms: u64) -> RefreshStep {
        if let Some(end) = &self.done {
            return RefreshStep::Done(end.clone());
        }
        if now_ms >= self.next_read_ms {
            RefreshStep::Read
        } else {
            RefreshStep::Sleep { until_ms: self.next_read_ms }
        }
    }

    /// A read failed: try again after the poll interval.
    pub fn read_failed(&mut self, now_ms: u64) {
        self.next_read_ms = now_ms + self.config.poll_ms;
    }

    /// The task as read at `now_ms`; returns what happened since the last read.
    pub fn observe(&mut self, now_ms: u64, task: &Task) -> Vec<Event> {
        let status = RefreshStatus::parse(task.status.as_deref().unwrap_or(""));
        let finished = task.finished_update_capacity.unwrap_or(0);
        let mut events = Vec::new();
        self.next_read_ms = now_ms + self.config.poll_ms;
        let settles = status.is_paused() || status.is_terminal();
        if settles && self.unconfirmed.as_ref() != Some(&status) {
            // Seen once: read again soon before saying so.
            self.unconfirmed = Some(status.clone());
            self.next_read_ms = now_ms + self.config.confirm_ms;
            self.last = Some(status);
            return events;
        }
        self.unconfirmed = None;
        if status.is_paused() {
            // A checkpoint, or a checkpoint held by SuspendInstanceRefresh: a point either way.
            self.progress_points(finished, true, &mut events);
            if !self.paused {
                self.paused = true;
                events.push(Event::Paused { reason: Some(status.as_str().to_owned().into()) });
            }
            if self.config.stop_at_pause {
                self.done = Some(End::Paused);
            }
        } else if status.is_terminal() {
            self.progress_points(finished, status == RefreshStatus::Successful, &mut events);
            let message = task.detail.clone();
            let status = status.as_execution_status();
            events.push(Event::Finished { status: status.clone(), message });
            self.done = Some(End::Finished(status));
        } else {
            if self.paused {
                self.paused = false;
                events.push(Event::Resumed);
            }
            self.progress_points(finished, false, &mut events);
        }
        self.last = Some(status);
        events
    }

    /// A gate point at a checkpoint (`force`) or each time a batch's worth was replaced.
    fn progress_points(&mut self, finished: i64, force: bool, events: &mut Vec<Event>) {
        let grown = finished - self.point_capacity;
        let due = (force && grown > 0) || grown >= self.config.step.max(1);
        if due && !self.paused {
            self.points += 1;
            events.push(Event::BatchFinished {
                batch: self.points,
                succeeded: usize::try_from(grown).unwrap_or(0),
                failed: 0,
            });
            self.point_capacity = finished;
        }
    }
}

/// The exit meaning of a task's end for `wait` without gates: 0 success, 3 failed (or its
/// rollback failed), 4 cancelled (or rolled back), 5 paused.
pub fn wait_exit(end: &End) -> u8 {
    match end {
        End::Paused => 5,
        End::Finished(Status::Success) => 0,
        End::Finished(Status::Cancelled) => 4,
        End::Finished(_) => 3,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(status: &str, finished: i64) -> Task {
        Task {
            instance_refresh_task_id: "ir-1".into(),
            status: Some(status.into()),
            finished_update_capacity: Some(finished),
            total_need_update_capacity: Some(4),
            ..Task::default()
        }
    }

    #[test]
    fn each_status_means_one_thing_for_wait() {
        let cases = [
            ("Pending", Status::Running),
            ("InProgress", Status::Running),
            ("Paused", Status::Waiting),
            ("CheckpointPause", Status::Waiting),
            ("Failed", Status::Failed),
            ("Successful", Status::Success),
            ("Cancelling", Status::Running),
            ("Cancelled", Status::Cancelled),
            ("RollbackInProgress", Status::Running),
            ("RollbackSuccessful", Status::Cancelled),
            ("RollbackFailed", Status::Failed),
            ("Hibernating", Status::Running),
        ];
        for (text, status) in cases {
            let parsed = RefreshStatus::parse(text);
            assert_eq!(parsed.as_str(), text);
            assert_eq!(parsed.as_execution_status(), status, "{text}");
        }
        assert!(!RefreshStatus::RollbackInProgress.can_cancel());
        assert!(!RefreshStatus::RollbackSuccessful.can_roll_back());
        assert!(RefreshStatus::CheckpointPause.can_resume());
        assert_eq!(wait_exit(&End::Finished(Status::Success)), 0);
        assert_eq!(wait_exit(&End::Finished(Status::Cancelled)), 4);
        assert_eq!(wait_exit(&End::Paused), 5);
    }

    #[test]
    fn a_checkpoint_is_confirmed_then_reported_as_a_judged_pause() {
        let mut waiter = RefreshWaiter::new(RefreshWaiterConfig::default());
        assert_eq!(waiter.next(0), RefreshStep::Read);
        assert!(waiter.observe(0, &task("InProgress", 0)).is_empty());
        assert_eq!(waiter.next(1_000), RefreshStep::Sleep { until_ms: 5_000 });
        // Seen once: not reported, read again in a second.
        assert!(waiter.observe(5_000, &task("CheckpointPause", 2)).is_empty());
        assert_eq!(waiter.next(6_000), RefreshStep::Read);
        let events = waiter.observe(6_000, &task("CheckpointPause", 2));
        assert_eq!(
            events,
            [
                Event::BatchFinished { batch: 1, succeeded: 2, failed: 0 },
                Event::Paused { reason: Some("CheckpointPause".into()) },
            ]
        );
        assert_eq!(waiter.next(6_001), RefreshStep::Done(End::Paused));
        waiter.resume(7_000);
        assert_eq!(waiter.observe(7_000, &task("InProgress", 2)), [Event::Resumed]);
        waiter.observe(12_000, &task("Successful", 4));
        let end = waiter.observe(13_000, &task("Successful", 4));
        assert_eq!(end[0], Event::BatchFinished { batch: 2, succeeded: 2, failed: 0 });
        assert!(matches!(end[1], Event::Finished { status: Status::Success, .. }));
        assert_eq!(waiter.next(13_000), RefreshStep::Done(End::Finished(Status::Success)));
    }

    #[test]
    fn without_checkpoints_a_point_falls_at_each_step_of_capacity() {
        let config = RefreshWaiterConfig { step: 2, stop_at_pause: false, ..Default::default() };
        let mut waiter = RefreshWaiter::new(config);
        assert!(waiter.observe(0, &task("InProgress", 1)).is_empty());
        let events = waiter.observe(5_000, &task("InProgress", 3));
        assert_eq!(events, [Event::BatchFinished { batch: 1, succeeded: 3, failed: 0 }]);
        assert!(waiter.observe(10_000, &task("InProgress", 4)).is_empty());
        waiter.observe(15_000, &task("Failed", 4));
        let end = waiter.observe(16_000, &task("Failed", 4));
        assert!(matches!(end.last(), Some(Event::Finished { status: Status::Failed, .. })));
    }
}
