//! What following an update shows a person: the live status block on a terminal, the heartbeat
//! line of a log, the summary line at the end, and whether the terminal gets a live view and
//! colour at all.
//!
//! Everything here is computed from answers the follow already has (the waiter's events, the
//! task pages and the execution it read) and a local clock passed in: redrawing the block or
//! printing a heartbeat never costs an API call.
//!
//! ```
//! use rolling_update_core::progress::{Heartbeat, Tracker};
//! use rolling_update_core::waiter::Event;
//!
//! let mut tracker = Tracker::default();
//! tracker.observe_event(&Event::BatchStarted { batch: 1 });
//! let mut beat = Heartbeat::new(5_000, 0);
//! assert!(!beat.due(59_999));
//! assert!(beat.due(60_000));
//! assert_eq!(tracker.heartbeat(60_000).as_str(), "still following: batch 1, 0 done, 0 failed, 1m00s elapsed");
//! ```

use std::collections::BTreeSet;
use std::time::Duration;

use serde_json::Value;

use crate::api::oos::{Execution, TaskExecution};
use crate::api::response::Status;
use crate::duration::format_duration;
use crate::i18n::Text;
use crate::status::Summary;
use crate::t;
use crate::template::Key;
use crate::waiter::Event;

/// The longest time a log goes without a heartbeat line.
pub const HEARTBEAT_MAX_MS: u64 = 60_000;

/// Polls per heartbeat: 12 polls of 5 s against the cloud, one line a minute.
const POLLS_PER_HEARTBEAT: u64 = 12;

/// How the follow draws on standard error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Display {
    /// A live status block redrawn in place (a terminal that can move the cursor).
    pub live: bool,
    /// Colour for states.
    pub colour: bool,
}

impl Display {
    /// Decides from the facts the caller read: whether standard error is a terminal, `TERM`,
    /// whether `NO_COLOR` is set (any value, even empty), and whether an unset `TERM` means a
    /// terminal that cannot move the cursor (Unix; a Windows console sets no `TERM`).
    pub fn decide(
        stderr_terminal: bool,
        term: Option<&str>,
        no_color: bool,
        unset_term_is_dumb: bool,
    ) -> Display {
        let dumb = match term {
            Some(t) => t.trim().is_empty() || t == "dumb",
            None => unset_term_is_dumb,
        };
        let live = stderr_terminal && !dumb;
        Display { live, colour: live && !no_color }
    }
}

/// What a state means to a person, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// It went well.
    Good,
    /// It failed.
    Bad,
    /// It needs attention (paused, cancelled, timed out).
    Warn,
    /// Neutral (running).
    Info,
}

/// The tone of an execution's or a task's status.
pub fn tone(status: &Status) -> Tone {
    match status {
        Status::Success | Status::Skipped => Tone::Good,
        Status::Failed => Tone::Bad,
        Status::Waiting | Status::Cancelled => Tone::Warn,
        _ => Tone::Info,
    }
}

/// When a log gets its next heartbeat line: every twelve polls, at most a minute apart,
/// counted from the last heartbeat (a call that took long does not make a burst of them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heartbeat {
    period_ms: u64,
    next_ms: u64,
}

impl Heartbeat {
    /// A schedule for a follow polling every `poll_ms`, started at `now_ms`.
    pub fn new(poll_ms: u64, now_ms: u64) -> Heartbeat {
        let period_ms = poll_ms.saturating_mul(POLLS_PER_HEARTBEAT).clamp(1, HEARTBEAT_MAX_MS);
        Heartbeat { period_ms, next_ms: now_ms.saturating_add(period_ms) }
    }

    /// The time between two heartbeats.
    pub fn period_ms(&self) -> u64 {
        self.period_ms
    }

    /// Whether a heartbeat is due at `now_ms`; when it is, the next one is a period later.
    pub fn due(&mut self, now_ms: u64) -> bool {
        if now_ms < self.next_ms {
            return false;
        }
        self.next_ms = now_ms.saturating_add(self.period_ms);
        true
    }
}

/// How a follow ended, for its summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The execution ended with this status.
    Finished(Status),
    /// It paused for approval.
    Paused,
    /// `--timeout` was reached; the update goes on.
    TimedOut,
}

/// The totals a summary line reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Instances finished well.
    pub done: usize,
    /// Instances failed or cancelled.
    pub failed: usize,
    /// Every instance of the update, when known.
    pub instances: Option<usize>,
    /// Batches finished.
    pub batches_done: usize,
    /// Every batch, when known.
    pub batches: Option<usize>,
}

impl Totals {
    /// From a status summary read at the end.
    pub fn of_summary(summary: &Summary) -> Totals {
        let counts = summary.instances;
        let finished = summary.batches.iter().filter(|b| b.status.is_finished_task()).count();
        let planned = summary.planned;
        Totals {
            done: counts.succeeded,
            failed: counts.failed + counts.cancelled,
            instances: planned.map(|p| p.instances).or(Some(counts.total)),
            batches_done: finished,
            batches: planned.and_then(|p| p.batches).or(Some(summary.batches.len())),
        }
    }
}

fn known(n: Option<usize>) -> String {
    n.map_or_else(|| "?".to_owned(), |n| n.to_string())
}

fn elapsed(ms: u64) -> String {
    format_duration(Duration::from_millis(ms))
}

/// The one line every follow ends with: how it ended, the instances, the batches, how long.
pub fn summary_line(id: &str, outcome: &Outcome, totals: &Totals, elapsed_ms: u64) -> Text {
    let done = totals.done;
    let failed = totals.failed;
    let instances = known(totals.instances);
    let batches_done = totals.batches_done;
    let batches = known(totals.batches);
    let duration = elapsed(elapsed_ms);
    macro_rules! summary {
        ($key:literal $(, $name:ident = $value:expr)*) => {
            t!($key, id = id, done = done, failed = failed, instances = instances,
               batches_done = batches_done, batches = batches, duration = duration
               $(, $name = $value)*)
        };
    }
    match outcome {
        Outcome::Finished(Status::Success) => summary!("wait.summary.success"),
        Outcome::Finished(Status::Cancelled) => summary!("wait.summary.cancelled"),
        Outcome::Finished(Status::Failed) => summary!("wait.summary.failed"),
        Outcome::Finished(other) => summary!("wait.summary.other", status = other),
        Outcome::Paused => summary!("wait.summary.paused"),
        Outcome::TimedOut => summary!("wait.summary.timed_out"),
    }
}

/// The tone of an outcome, for the summary line's colour.
pub fn outcome_tone(outcome: &Outcome) -> Tone {
    match outcome {
        Outcome::Finished(status) => tone(status),
        Outcome::Paused | Outcome::TimedOut => Tone::Warn,
    }
}

/// A bar of `width` cells: done instances `#`, failed `x`, the rest `-`. Every instance that
/// is done or failed shows at least one cell.
pub fn bar(done: usize, failed: usize, total: usize, width: usize) -> String {
    let total = total.max(done + failed);
    if total == 0 || width == 0 {
        return "-".repeat(width);
    }
    let cells = |n: usize| if n == 0 { 0 } else { (n * width / total).max(1) };
    let bad = cells(failed).min(width);
    let good = cells(done).min(width - bad);
    format!("{}{}{}", "#".repeat(good), "x".repeat(bad), "-".repeat(width - good - bad))
}

/// What the follow knows of the update, from the answers it already has.
#[derive(Debug, Clone, Default)]
pub struct Tracker {
    status: Option<Status>,
    asked_batches: Option<usize>,
    planned_instances: Option<usize>,
    planned_batches: Option<usize>,
    current: Option<i64>,
    started: BTreeSet<i64>,
    finished: BTreeSet<i64>,
    done: usize,
    failed: usize,
    pause: Option<Text>,
    gate: Option<Text>,
    next: Option<Text>,
}

impl Tracker {
    /// Takes in the execution: its status and the `batchNumber` it was started with.
    pub fn observe_execution(&mut self, execution: &Execution) {
        self.status = Some(execution.status.clone());
        let params = execution.parameters_object().unwrap_or_default();
        if let Some(n) = params.get(Key::BatchNumber.as_str()).and_then(Value::as_u64) {
            self.asked_batches = usize::try_from(n).ok();
        }
    }

    /// Takes in a page of tasks: the loop task's `Loop` statistics give the totals.
    pub fn observe_tasks(&mut self, tasks: &[TaskExecution]) {
        for task in tasks.iter().filter(|t| t.is_top_level()) {
            let Some(info) = task.loop_info.as_object() else { continue };
            let items = match info.get("Items") {
                Some(Value::Number(n)) => n.as_u64().and_then(|n| usize::try_from(n).ok()),
                Some(Value::Array(items)) => Some(items.len()),
                _ => None,
            };
            let count = |key: &str| info.get(key).and_then(Value::as_u64);
            let per_batch = count("Concurrency").filter(|c| *c > 0);
            let batches = count("Batches").or_else(|| {
                let items = items? as u64;
                Some(items.div_ceil(per_batch?))
            });
            if items.is_some() {
                self.planned_instances = items;
            }
            if let Some(b) = batches.and_then(|b| usize::try_from(b).ok()) {
                self.planned_batches = Some(b);
            }
        }
    }

    /// Takes in one of the waiter's events.
    pub fn observe_event(&mut self, event: &Event) {
        match event {
            Event::BatchStarted { batch } => {
                self.started.insert(*batch);
                self.current = Some(self.current.map_or(*batch, |c| c.max(*batch)));
            }
            Event::BatchFinished { batch, .. } => {
                self.finished.insert(*batch);
            }
            Event::InstanceDone { .. } => self.done += 1,
            Event::InstanceFailed { .. } => self.failed += 1,
            Event::Paused { reason } => {
                self.status = Some(Status::Waiting);
                self.pause = Some(reason.clone().unwrap_or_default());
            }
            Event::Resumed => {
                self.status = Some(Status::Running);
                self.pause = None;
            }
            Event::Finished { status, .. } => {
                self.status = Some(status.clone());
                self.pause = None;
            }
        }
    }

    /// What a gate is doing now, shown in the block in place of the pause (`None` when
    /// nothing): a [`Text`], rendered in the reader's language.
    pub fn set_gate(&mut self, gate: Option<Text>) {
        self.gate = gate;
    }

    /// The next step a person can take (a command, or what a gate does next), shown at the
    /// bottom of the block.
    pub fn set_next(&mut self, next: Option<Text>) {
        self.next = next;
    }

    /// The status last seen.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    fn batches(&self) -> Option<usize> {
        self.planned_batches.or(self.asked_batches)
    }

    /// The totals so far.
    pub fn totals(&self) -> Totals {
        Totals {
            done: self.done,
            failed: self.failed,
            instances: self.planned_instances,
            batches_done: self.finished.len(),
            batches: self.batches(),
        }
    }

    /// The live block at `now_ms` (milliseconds since the follow began), its bar `width` cells
    /// wide: the batch and state, the instances with a bar, the elapsed time and the current
    /// pause or gate, and the next step.
    pub fn block(&self, now_ms: u64, width: usize) -> Vec<Text> {
        let state = self.status.as_ref().map_or_else(|| "...".to_owned(), Status::to_string);
        let batches = known(self.batches());
        let head = match self.current {
            Some(b) => t!("wait.block.batch", batch = b, batches = batches, state = state),
            None => t!("wait.block.no_batch", batches = batches, state = state),
        };
        let total = self.planned_instances.unwrap_or(self.done + self.failed);
        let mut lines = vec![
            head,
            t!(
                "wait.block.instances",
                bar = bar(self.done, self.failed, total, width),
                done = self.done,
                failed = self.failed,
                instances = known(self.planned_instances),
            ),
        ];
        let elapsed = elapsed(now_ms);
        lines.push(match (&self.gate, &self.pause) {
            (Some(gate), _) => t!("wait.block.gate", elapsed = elapsed, gate: gate.clone()),
            (None, Some(reason)) if !reason.is_empty() => {
                t!("wait.block.paused_because", elapsed = elapsed, reason: reason.clone())
            }
            (None, Some(_)) => t!("wait.block.paused", elapsed = elapsed),
            (None, None) => t!("wait.block.running", elapsed = elapsed),
        });
        if let Some(next) = &self.next {
            lines.push(t!("wait.block.next", next: next.clone()));
        }
        lines
    }

    /// The heartbeat line of a log at `now_ms`.
    pub fn heartbeat(&self, now_ms: u64) -> Text {
        let batch = match self.current {
            Some(b) => b.to_string(),
            None => "-".to_owned(),
        };
        t!(
            "wait.heartbeat",
            batch = batch,
            done = self.done,
            failed = self.failed,
            elapsed = elapsed(now_ms),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn the_heartbeat_comes_every_twelve_polls_and_at_most_a_minute_apart() {
        let mut cloud = Heartbeat::new(5_000, 1_000);
        assert_eq!(cloud.period_ms(), 60_000);
        assert!(!cloud.due(60_999));
        assert!(cloud.due(61_000));
        assert!(!cloud.due(61_001), "once per period");
        // A call that blocked for three minutes gives one line, not three.
        assert!(cloud.due(241_000));
        assert!(!cloud.due(300_999));
        assert!(cloud.due(301_000));
        // A slow pace never stretches the gap past a minute; a fast one shortens it.
        assert_eq!(Heartbeat::new(30_000, 0).period_ms(), HEARTBEAT_MAX_MS);
        assert_eq!(Heartbeat::new(40, 0).period_ms(), 480);
        assert_eq!(Heartbeat::new(0, 0).period_ms(), 1);
    }

    #[test]
    fn the_summary_line_says_result_instances_batches_and_duration() {
        let totals =
            Totals { done: 5, failed: 1, instances: Some(6), batches_done: 3, batches: Some(3) };
        let line = summary_line("exec-1", &Outcome::Finished(Status::Failed), &totals, 83_000);
        assert_eq!(
            line.as_str(),
            "exec-1 failed: 5 of 6 instances done, 1 failed; 3 of 3 batches; took 1m23s"
        );
        let zh = line.render(Lang::ZhCn);
        assert!(zh.contains("exec-1") && zh.contains("1m23s") && zh.contains("失败"), "{zh}");
        let unknown = Totals::default();
        let paused = summary_line("exec-2", &Outcome::Paused, &unknown, 5_000);
        assert_eq!(
            paused.as_str(),
            "exec-2 paused for approval: 0 of ? instances done, 0 failed; 0 of ? batches; took 5s"
        );
        assert_eq!(outcome_tone(&Outcome::Finished(Status::Success)), Tone::Good);
        assert_eq!(outcome_tone(&Outcome::TimedOut), Tone::Warn);
    }

    #[test]
    fn the_bar_shows_every_finished_instance() {
        assert_eq!(bar(0, 0, 6, 12), "------------");
        assert_eq!(bar(3, 0, 6, 12), "######------");
        assert_eq!(bar(1, 1, 1000, 10), "#x--------");
        assert_eq!(bar(6, 0, 6, 6), "######");
        assert_eq!(bar(0, 0, 0, 4), "----");
        assert_eq!(bar(7, 0, 6, 7), "#######", "more finished than planned widens the total");
    }

    #[test]
    fn colour_and_the_live_view_only_on_a_real_terminal() {
        let xterm = Some("xterm-256color");
        assert_eq!(Display::decide(true, xterm, false, true), Display { live: true, colour: true });
        assert_eq!(Display::decide(true, xterm, true, true), Display { live: true, colour: false });
        assert!(!Display::decide(false, xterm, false, true).live);
        assert!(!Display::decide(true, Some("dumb"), false, true).colour);
        assert!(!Display::decide(true, Some("dumb"), false, false).live);
        assert!(!Display::decide(true, None, false, true).live);
        assert!(Display::decide(true, None, false, false).live, "a Windows console");
    }

    fn task(loop_info: Value) -> TaskExecution {
        TaskExecution { task_execution_id: "t-loop".into(), loop_info, ..TaskExecution::default() }
    }

    #[test]
    fn the_block_follows_batches_counts_and_pauses() {
        let mut tracker = Tracker::default();
        tracker.observe_tasks(&[task(serde_json::json!({"Items": 6, "Concurrency": 2}))]);
        assert_eq!(tracker.totals().batches, Some(3), "from the items and the concurrency");
        tracker.observe_event(&Event::BatchStarted { batch: 1 });
        for n in 0..2 {
            tracker.observe_event(&Event::InstanceDone {
                batch: 1,
                instance_id: Some(format!("i-{n}")),
                task_execution_id: format!("t-{n}"),
                status: Status::Success,
            });
        }
        tracker.observe_event(&Event::BatchFinished { batch: 1, succeeded: 2, failed: 0 });
        tracker.observe_event(&Event::Paused { reason: Some("BatchPause".into()) });
        tracker.set_next(Some("aliyun rolling-update approve exec-1".into()));
        let block: Vec<String> = tracker.block(75_000, 6).iter().map(|t| t.to_string()).collect();
        assert_eq!(
            block,
            [
                "batch 1 of 3 - Waiting",
                "[##----] 2 done, 0 failed of 6 instances",
                "elapsed 1m15s - paused: BatchPause",
                "next: aliyun rolling-update approve exec-1",
            ]
        );
        tracker.observe_event(&Event::Resumed);
        tracker.set_gate(Some("running the check".into()));
        let block = tracker.block(80_000, 6);
        assert_eq!(block[0].as_str(), "batch 1 of 3 - Running");
        assert_eq!(block[2].as_str(), "elapsed 1m20s - gate: running the check");
        assert_eq!(
            tracker.heartbeat(80_000).as_str(),
            "still following: batch 1, 2 done, 0 failed, 1m20s elapsed"
        );
    }
}
