//! Following an execution: a sans-I/O state machine that says which API call to make next,
//! turns the answers into events, and says when following is over.
//!
//! The waiter never sleeps, reads a clock or calls the API. The caller owns the loop; time is a
//! plain number of milliseconds from any fixed origin (a monotonic clock in the plugin, a
//! counter in tests and in the simulator). The plugin's `wait` verb and the tests drive it the
//! same way:
//!
//! ```text
//! loop {
//!     match waiter.next(now) {
//!         Step::Sleep { until_ms } => sleep until until_ms,
//!         Step::Call(Call::Execution) => observe_execution(ListExecutions ExecutionId=...),
//!         Step::Call(Call::Tasks { .. }) => observe_task_page(one ListTaskExecutions page),
//!         Step::Done(end) => break end,
//!     }
//! }
//! ```
//!
//! On a throttled call the caller reports [`Waiter::on_throttled`] with the advertised
//! `x-acs-retry-after`, on another retryable error [`Waiter::on_transient_error`]; the same call
//! is asked for again later.
//!
//! # What it reads, and how often
//!
//! One poll every [`WaiterConfig::poll_ms`] (5 s against the cloud). While the whole task list
//! fits in one page (a group of up to about 90 instances), a poll makes **one** call: the task
//! list (loop children included), or the execution itself when the tasks hint that its status
//! changed (a top-level task changed, an instance failed) and at least every
//! [`WaiterConfig::execution_every`] polls. On a larger group the full task list is many pages,
//! so a poll reads only the tasks that can still change: those started at or after the start of
//! the oldest unfinished loop child (`StartDateAfter`), usually one page, plus the execution when
//! a hint says so. Finished tasks are never read again, so the cost of a poll does not grow with
//! the group. Calls within one poll are at least [`WaiterConfig::call_gap_ms`] apart (never
//! more than three within a second).
//!
//! # Nothing is lost at the end
//!
//! When the execution is seen ended or paused, the waiter asks for the tasks once more, reports
//! every instance and batch event that happened before, and only then [`Event::Paused`] or
//! [`Event::Finished`]: the last batch's instances are always reported before the end, whatever
//! the interleaving of the final poll.
//!
//! ```
//! use rolling_update_core::api::oos::Execution;
//! use rolling_update_core::api::response::Status;
//! use rolling_update_core::waiter::{Call, End, Event, Step, Waiter, WaiterConfig};
//!
//! let mut waiter = Waiter::new(WaiterConfig::default(), 0);
//! assert_eq!(waiter.next(0), Step::Call(Call::Execution));
//! let done = Execution { execution_id: "exec-1".into(), status: Status::Success, ..Default::default() };
//! assert!(waiter.observe_execution(0, &done).is_empty(), "the tasks are read before the end");
//! let Step::Call(Call::Tasks { .. }) = waiter.next(1_000) else { panic!() };
//! let events = waiter.observe_task_page(1_000, &[], None);
//! assert!(matches!(&events[..], [Event::Finished { status: Status::Success, .. }]));
//! assert_eq!(waiter.next(1_000), Step::Done(End::Finished(Status::Success)));
//! ```

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::time::Duration;

use crate::api::oos::{Execution, TaskExecution};
use crate::api::response::Status;
use crate::i18n::Text;
use crate::sign::UtcTime;
use crate::t;

/// The plugin's pace against the cloud: one poll every 5 s.
pub const STEADY_POLL_MS: u64 = 5_000;

/// Page size of the task reads: ListTaskExecutions takes 20 to 100 (OOS API reference).
pub const TASK_PAGE_SIZE: u32 = 100;

/// More pages than this in one read means the service repeats itself: stop reading.
const MAX_PAGES_PER_READ: u32 = 200;

/// The pace of polling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaiterConfig {
    /// Milliseconds between the starts of two polls (default [`STEADY_POLL_MS`]).
    pub poll_ms: u64,
    /// Read the execution itself at least every this many polls (default 6: every 30 s).
    pub execution_every: u32,
    /// The shortest gap between two calls of one poll, in milliseconds (default a fourteenth
    /// of the poll: 357 ms, so that four calls always span more than a second).
    pub call_gap_ms: u64,
    /// Stop at a pause ([`End::Paused`]) instead of following through it (default true).
    pub stop_at_pause: bool,
}

impl Default for WaiterConfig {
    fn default() -> Self {
        WaiterConfig::steady(STEADY_POLL_MS)
    }
}

impl WaiterConfig {
    /// One poll every `poll_ms`, calls within a poll `poll_ms / 14` apart, stopping at pauses.
    pub fn steady(poll_ms: u64) -> WaiterConfig {
        let poll_ms = poll_ms.max(1);
        WaiterConfig { poll_ms, execution_every: 6, call_gap_ms: poll_ms / 14, stop_at_pause: true }
    }

    /// The same pace, following through pauses (`--through-pauses`).
    pub fn through_pauses(mut self) -> WaiterConfig {
        self.stop_at_pause = false;
        self
    }
}

/// One API call the waiter asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Call {
    /// ListExecutions for the execution: its status (paused, finished).
    Execution,
    /// One page of ListTaskExecutions with `IncludeChildTaskExecution=true` and
    /// `MaxResults=`[`TASK_PAGE_SIZE`].
    Tasks {
        /// `StartDateAfter` (inclusive, to the second), when only recent tasks are wanted.
        started_after: Option<UtcTime>,
        /// `NextToken` of the previous page of this read.
        next_token: Option<String>,
    },
}

/// What the caller does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Nothing is due before `until_ms`.
    Sleep {
        /// When to ask again.
        until_ms: u64,
    },
    /// Make this call now and feed its answer back.
    Call(Call),
    /// Following is over.
    Done(End),
}

/// How following ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum End {
    /// The execution reached this terminal status.
    Finished(Status),
    /// The execution paused for approval ([`WaiterConfig::stop_at_pause`]).
    Paused,
}

/// Something that happened between two polls.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event {
    /// The first task of a loop batch appeared.
    BatchStarted {
        /// `LoopBatchNumber` as OOS reports it.
        batch: i64,
    },
    /// Every known task of a batch finished.
    BatchFinished {
        /// `LoopBatchNumber`.
        batch: i64,
        /// Instances that succeeded (or were skipped).
        succeeded: usize,
        /// Instances that failed or were cancelled.
        failed: usize,
    },
    /// An instance's task succeeded (or was skipped).
    InstanceDone {
        /// `LoopBatchNumber`.
        batch: i64,
        /// The ECS instance, when the task names one.
        instance_id: Option<String>,
        /// The loop child's task execution id.
        task_execution_id: String,
        /// `Success` or `Skipped`.
        status: Status,
    },
    /// An instance's task failed or was cancelled.
    InstanceFailed {
        /// `LoopBatchNumber`.
        batch: i64,
        /// The ECS instance, when the task names one.
        instance_id: Option<String>,
        /// The loop child's task execution id.
        task_execution_id: String,
        /// `Failed` or `Cancelled`.
        status: Status,
        /// The task's status message.
        message: Option<String>,
    },
    /// The execution entered `Waiting` (a batch pause or an approval).
    Paused {
        /// `WaitingStatus`, else `StatusReason`/`StatusMessage` (the API's words, shown as
        /// they are), else why the waiter saw a pause, in the reader's language.
        reason: Option<Text>,
    },
    /// The execution left `Waiting` and runs again.
    Resumed,
    /// The execution reached `Success`, `Failed` or `Cancelled`.
    Finished {
        /// The terminal status.
        status: Status,
        /// Its status message.
        message: Option<String>,
    },
}

#[derive(Debug, Clone, Default)]
struct Batch {
    members: BTreeSet<String>,
    succeeded: usize,
    failed: usize,
    finished: bool,
}

/// What is known of one task execution.
#[derive(Debug, Clone)]
struct Seen {
    status: Status,
    /// `LoopBatchNumber` of a loop child; `None` for a top-level task.
    batch: Option<i64>,
    started: Option<UtcTime>,
}

/// The end seen in the execution, reported once the tasks have been read after it.
#[derive(Debug, Clone)]
enum Ending {
    Paused(Option<Text>),
    /// The terminal status, its message, and how many more task reads to make while the task
    /// list still shows a loop child unfinished after a `Success` (the list may lag).
    Finished(Status, Option<String>, u8),
}

/// After a `Success`, the task list is read up to this many more times, a poll apart, until it
/// shows every loop child finished.
const RE_READS_AFTER_SUCCESS: u8 = 3;

/// The state of following one execution. See the [module docs](self) for the call order.
#[derive(Debug, Clone)]
pub struct Waiter {
    config: WaiterConfig,
    /// When the next poll starts.
    next_poll_ms: u64,
    /// The calls of the poll under way, first due first.
    queue: VecDeque<Call>,
    /// No call before this (a retry-after, a back-off, the gap after the previous call).
    not_before_ms: u64,
    /// Consecutive transient errors.
    errors_in_row: u32,
    status: Option<Status>,
    tasks: BTreeMap<String, Seen>,
    batches: BTreeMap<i64, Batch>,
    /// Pages of the task read under way.
    pages: Vec<TaskExecution>,
    pages_read: u32,
    /// A pause was reported and no resumption since.
    paused: bool,
    ending: Option<Ending>,
    done: Option<End>,
    /// The tasks hinted that the execution's own status changed: read it next.
    execution_due: bool,
    /// Polls since the execution was last read.
    polls_since_execution: u32,
    /// The task list is longer than a page: read only what can still change.
    large: bool,
}

impl Waiter {
    /// A waiter with `config`; the first poll is due at `now_ms`.
    pub fn new(config: WaiterConfig, now_ms: u64) -> Self {
        Waiter {
            config,
            next_poll_ms: now_ms,
            queue: VecDeque::new(),
            not_before_ms: now_ms,
            errors_in_row: 0,
            status: None,
            tasks: BTreeMap::new(),
            batches: BTreeMap::new(),
            pages: Vec::new(),
            pages_read: 0,
            paused: false,
            ending: None,
            done: None,
            execution_due: true,
            polls_since_execution: 0,
            large: false,
        }
    }

    /// What to do at `now_ms`: sleep, make a call, or stop.
    pub fn next(&mut self, now_ms: u64) -> Step {
        if let Some(end) = &self.done {
            return Step::Done(end.clone());
        }
        if self.queue.is_empty() {
            let at = self.next_poll_ms.max(self.not_before_ms);
            if now_ms < at {
                return Step::Sleep { until_ms: at };
            }
            self.plan_poll(now_ms);
        }
        if now_ms < self.not_before_ms {
            return Step::Sleep { until_ms: self.not_before_ms };
        }
        match self.queue.front() {
            Some(call) => Step::Call(call.clone()),
            None => Step::Sleep { until_ms: self.next_poll_ms },
        }
    }

    /// The calls of the poll starting at `now_ms`.
    fn plan_poll(&mut self, now_ms: u64) {
        self.next_poll_ms = now_ms.saturating_add(self.config.poll_ms);
        if self.ending.is_some() {
            self.queue.push_back(self.task_read());
            return;
        }
        let every = self.config.execution_every.max(1);
        let execution_due = self.execution_due || self.polls_since_execution + 1 >= every;
        if !execution_due {
            self.polls_since_execution = self.polls_since_execution.saturating_add(1);
        }
        if self.large {
            // A page of what can still change, then the execution when due: at most two calls.
            self.queue.push_back(self.task_read());
            if execution_due {
                self.queue.push_back(Call::Execution);
            }
        } else if execution_due {
            self.queue.push_back(Call::Execution);
        } else {
            self.queue.push_back(self.task_read());
        }
    }

    /// The first page of a task read: everything on a small group, on a large one what
    /// started at or after the oldest unfinished loop child.
    fn task_read(&self) -> Call {
        let started_after = if self.large { self.window_start() } else { None };
        Call::Tasks { started_after, next_token: None }
    }

    /// The start of the oldest loop child that has not finished or, when every child seen has
    /// finished, the latest start seen: anything that can still change started at or after it.
    fn window_start(&self) -> Option<UtcTime> {
        let children = self.tasks.values().filter(|t| t.batch.is_some());
        let unfinished = children.clone().filter(|t| !t.status.is_finished_task());
        let mut oldest: Option<UtcTime> = None;
        for task in unfinished {
            // A child without a start time: nothing can be left out safely.
            let started = task.started?;
            oldest = Some(oldest.map_or(started, |o| o.min(started)));
        }
        oldest.or_else(|| self.tasks.values().filter_map(|t| t.started).max())
    }

    /// Marks the front call as made at `now_ms`; the next is due after the gap.
    fn called(&mut self, now_ms: u64) {
        self.errors_in_row = 0;
        self.not_before_ms = now_ms.saturating_add(self.config.call_gap_ms);
    }

    /// Feeds the answer to [`Call::Execution`].
    pub fn observe_execution(&mut self, now_ms: u64, execution: &Execution) -> Vec<Event> {
        if self.done.is_some() {
            return Vec::new();
        }
        if self.queue.front() == Some(&Call::Execution) {
            self.queue.pop_front();
        }
        self.called(now_ms);
        self.execution_due = false;
        self.polls_since_execution = 0;
        let mut events = Vec::new();
        let status = execution.status.clone();
        self.status = Some(status.clone());
        if self.paused && status != Status::Waiting && !status.is_terminal() {
            self.paused = false;
            events.push(Event::Resumed);
        }
        let ending = if status.is_terminal() {
            Some(Ending::Finished(status, execution.status_message.clone(), RE_READS_AFTER_SUCCESS))
        } else if status == Status::Waiting && !self.paused {
            let reason =
                [&execution.waiting_status, &execution.status_reason, &execution.status_message]
                    .into_iter()
                    .find_map(|r| r.clone().filter(|r| !r.is_empty()));
            Some(Ending::Paused(reason.map(Text::from)))
        } else {
            None
        };
        if let Some(ending) = ending {
            // Read the tasks once more before reporting the pause or the end.
            self.ending = Some(ending);
            self.queue.clear();
            self.queue.push_back(self.task_read());
        }
        events
    }

    /// Feeds one page of the answer to [`Call::Tasks`], with the page's `NextToken`. Events
    /// come once the last page is in.
    pub fn observe_task_page(
        &mut self,
        now_ms: u64,
        tasks: &[TaskExecution],
        next_token: Option<&str>,
    ) -> Vec<Event> {
        if self.done.is_some() {
            return Vec::new();
        }
        self.called(now_ms);
        self.pages.extend_from_slice(tasks);
        self.pages_read += 1;
        let token = next_token.filter(|t| !t.is_empty());
        if let Some(Call::Tasks { started_after, next_token: previous }) = self.queue.front()
            && let Some(token) = token
            && previous.as_deref() != Some(token)
            && self.pages_read < MAX_PAGES_PER_READ
        {
            self.queue[0] =
                Call::Tasks { started_after: *started_after, next_token: Some(token.to_owned()) };
            return Vec::new();
        }
        self.queue.pop_front();
        if self.pages_read > 1 {
            self.large = true;
        }
        let read = std::mem::take(&mut self.pages);
        self.pages_read = 0;
        let mut events = Vec::new();
        self.absorb(&read, &mut events);
        self.settle(&read, &mut events);
        events
    }

    /// After a full task read: report the pause or the end seen before it.
    fn settle(&mut self, read: &[TaskExecution], events: &mut Vec<Event>) {
        match self.ending.take() {
            Some(Ending::Finished(status, message, rereads)) => {
                let running =
                    self.tasks.values().any(|t| t.batch.is_some() && !t.status.is_finished_task());
                if status == Status::Success && running && rereads > 0 {
                    // Every child of a successful loop finished: the list has not caught up.
                    self.ending = Some(Ending::Finished(status, message, rereads - 1));
                    self.next_poll_ms = self.not_before_ms.max(self.next_poll_ms);
                    return;
                }
                events.push(Event::Finished { status: status.clone(), message });
                self.done = Some(End::Finished(status));
                self.queue.clear();
            }
            Some(Ending::Paused(reason)) => self.pause(reason, events),
            None => {
                let waiting = read.iter().any(|t| t.is_top_level() && t.status == Status::Waiting);
                if waiting && !self.paused {
                    self.execution_due = true;
                    self.pause(Some(t!("wait.reason.task_waits")), events);
                }
            }
        }
    }

    fn pause(&mut self, reason: Option<Text>, events: &mut Vec<Event>) {
        self.paused = true;
        events.push(Event::Paused { reason });
        if self.config.stop_at_pause {
            self.done = Some(End::Paused);
            self.queue.clear();
        }
    }

    /// Takes in a whole task read: instance and batch events, in batch order, and hints.
    fn absorb(&mut self, read: &[TaskExecution], events: &mut Vec<Event>) {
        let mut by_batch: BTreeMap<i64, Vec<&TaskExecution>> = BTreeMap::new();
        let mut top_changed = false;
        for task in read.iter().filter(|t| !t.task_execution_id.is_empty()) {
            match task.loop_batch_number {
                Some(batch) => by_batch.entry(batch).or_default().push(task),
                None => {
                    let seen =
                        Seen { status: task.status.clone(), batch: None, started: start(task) };
                    let before = self.tasks.insert(task.task_execution_id.clone(), seen);
                    // Top-level tasks change a handful of times per update, and each such
                    // change may be the execution pausing, resuming or ending.
                    if before.is_none_or(|b| b.status != task.status) {
                        self.execution_due = true;
                        top_changed = true;
                    }
                }
            }
        }
        if top_changed
            && self.ending.is_none()
            && !self.queue.contains(&Call::Execution)
            && self.top_level_settled()
        {
            // Every top-level task finished, or one failed: the execution is ending. Read it
            // in this poll rather than the next, so that the end is reported within a poll.
            self.queue.push_back(Call::Execution);
        }
        let numbers: BTreeSet<i64> = by_batch.keys().chain(self.batches.keys()).copied().collect();
        for number in numbers {
            let mut batch_tasks = by_batch.remove(&number).unwrap_or_default();
            batch_tasks.sort_by(|a, b| a.task_execution_id.cmp(&b.task_execution_id));
            for task in batch_tasks {
                self.absorb_child(number, task, events);
            }
            self.finish_batch(number, events);
        }
        if self.large
            && !self.tasks.values().any(|t| t.batch.is_some() && !t.status.is_finished_task())
        {
            // Nothing runs: between batches the execution may pause or end.
            self.execution_due = true;
        }
    }

    /// Whether the template's own tasks say the execution is about to end.
    fn top_level_settled(&self) -> bool {
        let mut top = self.tasks.values().filter(|t| t.batch.is_none()).peekable();
        top.peek().is_some()
            && (top.clone().all(|t| t.status.is_finished_task())
                || top.any(|t| t.status.is_failure()))
    }

    fn finish_batch(&mut self, number: i64, events: &mut Vec<Event>) {
        let Some(batch) = self.batches.get_mut(&number) else {
            return;
        };
        let tasks = &self.tasks;
        let all_done = batch
            .members
            .iter()
            .all(|id| tasks.get(id).is_some_and(|t| t.status.is_finished_task()));
        if !batch.finished && !batch.members.is_empty() && all_done {
            batch.finished = true;
            events.push(Event::BatchFinished {
                batch: number,
                succeeded: batch.succeeded,
                failed: batch.failed,
            });
        }
    }

    /// One loop child of batch `number`.
    fn absorb_child(&mut self, number: i64, task: &TaskExecution, events: &mut Vec<Event>) {
        let seen = Seen { status: task.status.clone(), batch: Some(number), started: start(task) };
        let before = self.tasks.insert(task.task_execution_id.clone(), seen);
        let before = before.map(|b| b.status);
        if before.as_ref() == Some(&task.status) {
            return;
        }
        let batch = self.batches.entry(number).or_default();
        if batch.members.is_empty() {
            events.push(Event::BatchStarted { batch: number });
        }
        batch.members.insert(task.task_execution_id.clone());
        let was_finished = before.as_ref().is_some_and(Status::is_finished_task);
        if !task.status.is_finished_task() || was_finished {
            return;
        }
        let instance_id = task.instance_id();
        let task_execution_id = task.task_execution_id.clone();
        if task.status.is_failure() {
            batch.failed += 1;
            self.execution_due = true;
            events.push(Event::InstanceFailed {
                batch: number,
                instance_id,
                task_execution_id,
                status: task.status.clone(),
                message: task.status_message.clone(),
            });
        } else {
            batch.succeeded += 1;
            events.push(Event::InstanceDone {
                batch: number,
                instance_id,
                task_execution_id,
                status: task.status.clone(),
            });
        }
    }

    /// The front call was throttled: ask again after `retry_after` (the `x-acs-retry-after`
    /// header) or, without one, two polls.
    pub fn on_throttled(&mut self, now_ms: u64, retry_after: Option<Duration>) {
        let wait = retry_after
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(self.config.poll_ms.saturating_mul(2))
            .max(self.config.call_gap_ms);
        self.not_before_ms = now_ms.saturating_add(wait);
    }

    /// The front call failed with a retryable error other than throttling (a 5xx, a dropped
    /// connection): ask again after a back-off that doubles from one poll up to a minute.
    pub fn on_transient_error(&mut self, now_ms: u64) {
        let factor = 1u64 << self.errors_in_row.min(4);
        let wait = self.config.poll_ms.saturating_mul(factor).min(60_000).max(self.config.poll_ms);
        self.errors_in_row = self.errors_in_row.saturating_add(1);
        self.not_before_ms = now_ms.saturating_add(wait);
    }

    /// Whether following is over.
    pub fn is_done(&self) -> bool {
        self.done.is_some()
    }

    /// The last observed execution status.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// Whether the task list is read a window at a time (the group is large).
    pub fn is_windowed(&self) -> bool {
        self.large
    }
}

/// A task's `StartDate`, to the second (a fraction is dropped).
fn start(task: &TaskExecution) -> Option<UtcTime> {
    let text = task.start_date.as_deref()?.trim();
    let whole = match text.split_once('.') {
        Some((seconds, _)) => format!("{seconds}Z"),
        None => text.to_owned(),
    };
    whole.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exec(status: Status) -> Execution {
        Execution { execution_id: "exec-1".into(), status, ..Execution::default() }
    }

    fn loop_child(id: &str, batch: i64, status: Status) -> TaskExecution {
        TaskExecution {
            task_execution_id: id.into(),
            loop_batch_number: Some(batch),
            parent_task_execution_id: Some("loop".into()),
            start_date: Some("2026-01-01T00:00:00Z".into()),
            status,
            ..TaskExecution::default()
        }
    }

    fn top_task(id: &str, status: Status) -> TaskExecution {
        TaskExecution { task_execution_id: id.into(), status, ..TaskExecution::default() }
    }

    #[test]
    fn one_call_per_poll_reads_the_execution_when_the_tasks_hint_at_it() {
        let mut w = Waiter::new(WaiterConfig::steady(5_000), 0);
        assert_eq!(w.next(0), Step::Call(Call::Execution), "the execution comes first");
        w.observe_execution(0, &exec(Status::Running));
        assert_eq!(w.next(10), Step::Sleep { until_ms: 5_000 }, "a steady tick");
        let tasks = Call::Tasks { started_after: None, next_token: None };
        assert_eq!(w.next(5_000), Step::Call(tasks.clone()));
        let events = w.observe_task_page(
            5_000,
            &[top_task("loop", Status::Running), loop_child("c1", 1, Status::Running)],
            None,
        );
        assert_eq!(events, [Event::BatchStarted { batch: 1 }]);
        assert_eq!(w.next(10_000), Step::Call(Call::Execution), "a top-level task changed");
        w.observe_execution(10_000, &exec(Status::Running));
        assert_eq!(w.next(15_000), Step::Call(tasks));
    }

    #[test]
    fn a_waiting_task_is_a_pause_reported_after_the_batch() {
        let mut w = Waiter::new(WaiterConfig::steady(5_000), 0);
        w.next(0);
        w.observe_execution(0, &exec(Status::Running));
        w.next(5_000);
        let events = w.observe_task_page(
            5_000,
            &[top_task("loop", Status::Waiting), loop_child("c1", 1, Status::Success)],
            None,
        );
        assert!(
            matches!(
                &events[..],
                [
                    Event::BatchStarted { batch: 1 },
                    Event::InstanceDone { .. },
                    Event::BatchFinished { batch: 1, succeeded: 1, failed: 0 },
                    Event::Paused { .. },
                ]
            ),
            "{events:?}"
        );
        assert_eq!(w.next(5_001), Step::Done(End::Paused));
    }

    #[test]
    fn pages_are_read_to_the_end_and_a_repeated_token_stops_the_read() {
        let mut w = Waiter::new(WaiterConfig::steady(5_000), 0);
        w.next(0);
        w.observe_execution(0, &exec(Status::Running));
        w.next(5_000);
        assert!(
            w.observe_task_page(5_000, &[loop_child("c1", 1, Status::Running)], Some("t1"))
                .is_empty()
        );
        let second = Call::Tasks { started_after: None, next_token: Some("t1".into()) };
        assert_eq!(w.next(5_000), Step::Sleep { until_ms: 5_357 }, "calls of a poll keep a gap");
        assert_eq!(w.next(5_357), Step::Call(second));
        let events =
            w.observe_task_page(5_357, &[loop_child("c2", 1, Status::Running)], Some("t1"));
        assert_eq!(events, [Event::BatchStarted { batch: 1 }], "the repeated token ends the read");
        assert!(w.is_windowed(), "two pages: a large group");
    }

    #[test]
    fn throttling_and_errors_delay_the_same_call() {
        let mut w = Waiter::new(WaiterConfig::steady(5_000), 0);
        assert_eq!(w.next(0), Step::Call(Call::Execution));
        w.on_throttled(0, Some(Duration::from_millis(30_000)));
        assert_eq!(w.next(1_000), Step::Sleep { until_ms: 30_000 });
        assert_eq!(w.next(30_000), Step::Call(Call::Execution));
        w.on_transient_error(30_000);
        assert_eq!(w.next(30_000), Step::Sleep { until_ms: 35_000 });
        w.on_transient_error(35_000);
        assert_eq!(w.next(35_000), Step::Sleep { until_ms: 45_000 }, "the back-off doubles");
    }
}
