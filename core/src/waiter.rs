//! Following an execution: a sans-I/O state machine that turns snapshots into events and says
//! when to poll next.
//!
//! The waiter never sleeps, reads a clock or calls the API. The caller owns the loop; time is a
//! plain number of milliseconds from any fixed origin (a monotonic clock in the plugin, a
//! counter in tests and in the simulator).
//!
//! # Call order
//!
//! 1. [`Waiter::new`] (or [`Waiter::with_config`]) with the current time; the first poll is
//!    due at once.
//! 2. Loop while [`Waiter::next_poll_at`] returns `Some(at)`: wait until `at`, then fetch the
//!    execution (ListExecutions with its id) and, for batch and instance events, its task
//!    executions (ListTaskExecutions with `IncludeChildTaskExecution=true`).
//! 3. On success, call [`Waiter::observe`] with the time of the response and both snapshots;
//!    report the returned [`Event`]s.
//! 4. On a throttling error call [`Waiter::on_throttled`] with the advertised
//!    `x-acs-retry-after`; on another retryable error, [`Waiter::on_transient_error`].
//! 5. [`Waiter::next_poll_at`] returns `None` once an observed status was terminal
//!    ([`Event::Finished`] has been returned).
//!
//! A caller on a call budget makes one call per poll instead: [`Waiter::next_call`] says which
//! ([`Call::Execution`] or [`Call::Tasks`]), and [`Waiter::observe_execution`] or
//! [`Waiter::observe_tasks_only`] takes the answer. The plugin does this with
//! [`WaiterConfig::steady`] at [`STEADY_POLL_MS`]: one call every 5 s.
//!
//! # Pace
//!
//! A poll that sees any change is followed by one after [`WaiterConfig::after_change_ms`].
//! While nothing moves the delay grows by [`WaiterConfig::backoff_percent`] up to
//! [`WaiterConfig::max_delay_ms`]; it is never below [`WaiterConfig::min_delay_ms`]. A throttled
//! call waits the advertised delay (or the maximum delay) and resumes from the slow end.
//!
//! ```
//! use rolling_update_core::api::oos::Execution;
//! use rolling_update_core::api::response::Status;
//! use rolling_update_core::waiter::{Event, Waiter};
//!
//! let mut waiter = Waiter::new(0);
//! assert_eq!(waiter.next_poll_at(0), Some(0));
//! let running = Execution { execution_id: "exec-1".into(), status: Status::Running, ..Default::default() };
//! assert!(waiter.observe(0, &running, &[]).is_empty());
//! assert_eq!(waiter.next_poll_at(0), Some(2_000));
//! let done = Execution { status: Status::Success, ..running };
//! let events = waiter.observe(2_000, &done, &[]);
//! assert!(matches!(&events[0], Event::Finished { status: Status::Success, .. }));
//! assert_eq!(waiter.next_poll_at(2_000), None);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use crate::api::oos::{Execution, TaskExecution};
use crate::api::response::Status;

/// The pace of polling, in milliseconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct WaiterConfig {
    /// Delay after a poll that saw a change (default 2 000).
    pub after_change_ms: u64,
    /// The shortest delay ever used (default 2 000).
    pub min_delay_ms: u64,
    /// The longest delay while nothing moves (default 10 000).
    pub max_delay_ms: u64,
    /// Growth of the delay per quiet poll, in percent (default 150, i.e. ×1.5).
    pub backoff_percent: u64,
    /// With one call per poll ([`Waiter::next_call`]): read the execution itself at least every
    /// this many polls, even when the tasks give no hint that its status changed (default 6).
    pub execution_every: u32,
}

impl Default for WaiterConfig {
    fn default() -> Self {
        WaiterConfig {
            after_change_ms: 2_000,
            min_delay_ms: 2_000,
            max_delay_ms: 10_000,
            backoff_percent: 150,
            execution_every: 6,
        }
    }
}

impl WaiterConfig {
    /// A steady pace: one poll every `tick_ms`, whatever happens. With one API call per poll
    /// ([`Waiter::next_call`]) and a 5 s tick this is the plugin's budget: on average one call
    /// per 5 s, and every task-level change reported within one tick. (The adaptive default
    /// polls sooner after a change, which costs calls the budget does not have.)
    pub fn steady(tick_ms: u64) -> WaiterConfig {
        WaiterConfig {
            after_change_ms: tick_ms,
            min_delay_ms: tick_ms,
            max_delay_ms: tick_ms,
            backoff_percent: 100,
            ..WaiterConfig::default()
        }
    }
}

/// The plugin's pace against the cloud: one poll, one API call, every 5 s.
pub const STEADY_POLL_MS: u64 = 5_000;

/// The one API call a poll makes, when the caller follows [`Waiter::next_call`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// ListExecutions for the execution: its status (paused, finished).
    Execution,
    /// ListTaskExecutions with the loop children: batch and instance progress.
    Tasks,
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
        /// `WaitingStatus`, else `StatusReason`/`StatusMessage`.
        reason: Option<String>,
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

/// The state of following one execution. See the [module docs](self) for the call order.
#[derive(Debug, Clone)]
pub struct Waiter {
    config: WaiterConfig,
    delay_ms: u64,
    next_poll_ms: u64,
    status: Option<Status>,
    tasks: BTreeMap<String, Status>,
    batches: BTreeMap<i64, Batch>,
    finished: bool,
    /// A pause was reported and no resumption since.
    paused: bool,
    /// The tasks hinted that the execution's own status changed: read it next.
    execution_due: bool,
    /// Task-only polls since the execution was last read.
    polls_since_execution: u32,
}

impl Waiter {
    /// A waiter with the default pace; the first poll is due at `now_ms`.
    pub fn new(now_ms: u64) -> Self {
        Waiter::with_config(WaiterConfig::default(), now_ms)
    }

    /// A waiter with `config`; the first poll is due at `now_ms`.
    pub fn with_config(config: WaiterConfig, now_ms: u64) -> Self {
        Waiter {
            config,
            delay_ms: config.after_change_ms.max(config.min_delay_ms),
            next_poll_ms: now_ms,
            status: None,
            tasks: BTreeMap::new(),
            batches: BTreeMap::new(),
            finished: false,
            paused: false,
            execution_due: true,
            polls_since_execution: 0,
        }
    }

    /// Which single call the next poll should make, for callers that make one call per poll:
    /// the execution first, then its tasks, and the execution again when the tasks hint that
    /// its status changed (a top-level task waiting, failed or finished) or every
    /// [`WaiterConfig::execution_every`] polls.
    pub fn next_call(&self) -> Call {
        let every = self.config.execution_every.max(1);
        if self.execution_due || self.polls_since_execution + 1 >= every {
            Call::Execution
        } else {
            Call::Tasks
        }
    }

    /// Feeds a poll that read only the execution ([`Call::Execution`]).
    pub fn observe_execution(&mut self, now_ms: u64, execution: &Execution) -> Vec<Event> {
        self.observe_parts(now_ms, Some(execution), None)
    }

    /// Feeds a poll that read only the task executions ([`Call::Tasks`]).
    pub fn observe_tasks_only(&mut self, now_ms: u64, tasks: &[TaskExecution]) -> Vec<Event> {
        self.observe_parts(now_ms, None, Some(tasks))
    }

    /// When to poll next (never before `now_ms`), or `None` once the execution finished.
    pub fn next_poll_at(&self, now_ms: u64) -> Option<u64> {
        (!self.finished).then_some(self.next_poll_ms.max(now_ms))
    }

    /// Whether a terminal status was observed.
    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// The last observed execution status.
    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    /// The current delay between quiet polls, in milliseconds.
    pub fn delay_ms(&self) -> u64 {
        self.delay_ms
    }

    /// Feeds one poll's snapshots: the execution and (possibly empty) its task executions,
    /// loop children included. Returns what changed since the previous poll, in order:
    /// resumption, batch and instance progress, a pause, the end.
    pub fn observe(
        &mut self,
        now_ms: u64,
        execution: &Execution,
        tasks: &[TaskExecution],
    ) -> Vec<Event> {
        self.observe_parts(now_ms, Some(execution), Some(tasks))
    }

    fn observe_parts(
        &mut self,
        now_ms: u64,
        execution: Option<&Execution>,
        tasks: Option<&[TaskExecution]>,
    ) -> Vec<Event> {
        if self.finished {
            return Vec::new();
        }
        let mut events = Vec::new();
        let mut changed = false;
        if let Some(execution) = execution {
            self.execution_due = false;
            self.polls_since_execution = 0;
            let previous = self.status.replace(execution.status.clone());
            changed |= previous.as_ref() != Some(&execution.status);
            let is_waiting = execution.status == Status::Waiting;
            if self.paused && !is_waiting && !execution.status.is_terminal() {
                self.paused = false;
                events.push(Event::Resumed);
            }
        } else {
            self.polls_since_execution = self.polls_since_execution.saturating_add(1);
        }

        if let Some(tasks) = tasks {
            let (tasks_changed, hint) = self.observe_tasks(tasks, &mut events);
            changed |= tasks_changed;
            if execution.is_none() && hint {
                self.execution_due = true;
            }
            if execution.is_none() && !self.paused && self.has_waiting_top_task(tasks) {
                self.paused = true;
                events.push(Event::Paused { reason: Some("a task waits for approval".to_owned()) });
            }
        }

        if let Some(execution) = execution {
            if execution.status == Status::Waiting && !self.paused {
                self.paused = true;
                let reason = [
                    &execution.waiting_status,
                    &execution.status_reason,
                    &execution.status_message,
                ]
                .into_iter()
                .find_map(|r| r.clone().filter(|r| !r.is_empty()));
                events.push(Event::Paused { reason });
            }
            if execution.status.is_terminal() {
                self.finished = true;
                events.push(Event::Finished {
                    status: execution.status.clone(),
                    message: execution.status_message.clone(),
                });
            }
        }

        self.schedule(now_ms, changed || !events.is_empty());
        events
    }

    fn has_waiting_top_task(&self, tasks: &[TaskExecution]) -> bool {
        tasks.iter().any(|t| t.loop_batch_number.is_none() && t.status == Status::Waiting)
    }

    /// Returns whether anything changed, and whether the change hints that the execution's own
    /// status changed too (a top-level task changed, an instance failed).
    fn observe_tasks(&mut self, tasks: &[TaskExecution], events: &mut Vec<Event>) -> (bool, bool) {
        let mut changed = false;
        let mut hint = false;
        // Batch by batch, so that "batch N finished" comes before "batch N+1 started" when
        // both happened between two polls.
        let mut by_batch: BTreeMap<i64, Vec<&TaskExecution>> = BTreeMap::new();
        for task in tasks.iter().filter(|t| !t.task_execution_id.is_empty()) {
            match task.loop_batch_number {
                Some(batch) => by_batch.entry(batch).or_default().push(task),
                None => {
                    let before =
                        self.tasks.insert(task.task_execution_id.clone(), task.status.clone());
                    // Top-level tasks change a handful of times per update, and each such
                    // change may be the execution pausing, resuming or ending.
                    if before.as_ref() != Some(&task.status) {
                        changed = true;
                        hint = true;
                    }
                }
            }
        }
        let numbers: BTreeSet<i64> = by_batch.keys().chain(self.batches.keys()).copied().collect();
        for number in numbers {
            let mut batch_tasks = by_batch.remove(&number).unwrap_or_default();
            batch_tasks.sort_by(|a, b| a.task_execution_id.cmp(&b.task_execution_id));
            for task in batch_tasks {
                let before = events.len();
                changed |= self.observe_child(number, task, events);
                hint |= events[before..].iter().any(|e| matches!(e, Event::InstanceFailed { .. }));
            }
            let Some(batch) = self.batches.get_mut(&number) else {
                continue;
            };
            let tasks = &self.tasks;
            let all_done =
                batch.members.iter().all(|id| tasks.get(id).is_some_and(Status::is_finished_task));
            if !batch.finished && !batch.members.is_empty() && all_done {
                batch.finished = true;
                events.push(Event::BatchFinished {
                    batch: number,
                    succeeded: batch.succeeded,
                    failed: batch.failed,
                });
            }
        }
        (changed, hint)
    }

    /// One loop child of batch `number`; returns whether its status changed.
    fn observe_child(
        &mut self,
        number: i64,
        task: &TaskExecution,
        events: &mut Vec<Event>,
    ) -> bool {
        let before = self.tasks.insert(task.task_execution_id.clone(), task.status.clone());
        if before.as_ref() == Some(&task.status) {
            return false;
        }
        let batch = self.batches.entry(number).or_default();
        if batch.members.is_empty() {
            events.push(Event::BatchStarted { batch: number });
        }
        batch.members.insert(task.task_execution_id.clone());
        let was_finished = before.as_ref().is_some_and(Status::is_finished_task);
        if task.status.is_finished_task() && !was_finished {
            let instance_id = task.instance_id();
            let task_execution_id = task.task_execution_id.clone();
            if task.status.is_failure() {
                batch.failed += 1;
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
        true
    }

    fn schedule(&mut self, now_ms: u64, changed: bool) {
        let c = self.config;
        self.delay_ms = if changed {
            c.after_change_ms
        } else {
            (self.delay_ms.saturating_mul(c.backoff_percent) / 100).min(c.max_delay_ms)
        }
        .max(c.min_delay_ms);
        self.next_poll_ms = self.next_poll_ms.max(now_ms.saturating_add(self.delay_ms));
    }

    /// The call was throttled: wait `retry_after` (the `x-acs-retry-after` header) or, without
    /// one, the maximum delay; continue from the slow end of the back-off.
    pub fn on_throttled(&mut self, now_ms: u64, retry_after: Option<Duration>) {
        let c = self.config;
        let wait = retry_after
            .map(|d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
            .unwrap_or(c.max_delay_ms)
            .max(c.min_delay_ms);
        self.delay_ms = c.max_delay_ms.max(c.min_delay_ms);
        self.next_poll_ms = now_ms.saturating_add(wait);
    }

    /// A retryable error other than throttling (a 5xx, a dropped connection): back off as if
    /// nothing moved.
    pub fn on_transient_error(&mut self, now_ms: u64) {
        self.schedule(now_ms, false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exec(status: Status) -> Execution {
        Execution { execution_id: "exec-1".into(), status, ..Execution::default() }
    }

    #[test]
    fn backs_off_while_quiet_and_resets_on_change() {
        let mut w = Waiter::new(0);
        let mut now = 0;
        let mut gaps = Vec::new();
        for _ in 0..7 {
            w.observe(now, &exec(Status::Running), &[]);
            let next = w.next_poll_at(now).unwrap();
            gaps.push(next - now);
            now = next;
        }
        assert_eq!(gaps, [2_000, 3_000, 4_500, 6_750, 10_000, 10_000, 10_000]);
        w.observe(now, &exec(Status::Waiting), &[]);
        assert_eq!(w.next_poll_at(now), Some(now + 2_000));
    }

    fn loop_child(id: &str, batch: i64, status: Status) -> TaskExecution {
        TaskExecution {
            task_execution_id: id.into(),
            loop_batch_number: Some(batch),
            status,
            ..TaskExecution::default()
        }
    }

    fn top_task(id: &str, status: Status) -> TaskExecution {
        TaskExecution { task_execution_id: id.into(), status, ..TaskExecution::default() }
    }

    #[test]
    fn one_call_per_poll_reads_the_execution_when_the_tasks_hint_at_it() {
        let mut config = WaiterConfig::steady(5_000);
        config.execution_every = 4;
        let mut w = Waiter::with_config(config, 0);
        assert_eq!(w.next_call(), Call::Execution, "the execution comes first");
        w.observe_execution(0, &exec(Status::Running));
        assert_eq!(w.next_poll_at(0), Some(5_000), "a steady tick");
        assert_eq!(w.next_call(), Call::Tasks);

        let events = w.observe_tasks_only(
            5_000,
            &[top_task("loop", Status::Running), loop_child("c1", 1, Status::Running)],
        );
        assert_eq!(events, [Event::BatchStarted { batch: 1 }]);
        assert_eq!(w.next_call(), Call::Execution, "a top-level task changed");
        w.observe_execution(10_000, &exec(Status::Running));
        assert_eq!(w.next_call(), Call::Tasks);

        // A quiet stretch: the execution is read again every `execution_every` polls.
        let quiet = [top_task("loop", Status::Running), loop_child("c1", 1, Status::Running)];
        let calls: Vec<Call> = (0..4)
            .map(|i| {
                let call = w.next_call();
                match call {
                    Call::Tasks => w.observe_tasks_only(15_000 + i * 5_000, &quiet),
                    Call::Execution => {
                        w.observe_execution(15_000 + i * 5_000, &exec(Status::Running))
                    }
                };
                call
            })
            .collect();
        assert_eq!(calls, [Call::Tasks, Call::Tasks, Call::Tasks, Call::Execution]);

        // The loop task waiting is reported as a pause at once, then confirmed once.
        let events = w.observe_tasks_only(40_000, &[top_task("loop", Status::Waiting)]);
        assert!(matches!(events.last(), Some(Event::Paused { .. })), "{events:?}");
        assert_eq!(w.next_call(), Call::Execution);
        assert!(w.observe_execution(45_000, &exec(Status::Waiting)).is_empty(), "no second pause");
        assert_eq!(w.observe_execution(50_000, &exec(Status::Running)), [Event::Resumed]);
    }

    #[test]
    fn throttling_honours_the_advertised_delay() {
        let mut w = Waiter::new(0);
        w.on_throttled(1_000, Some(Duration::from_millis(30_000)));
        assert_eq!(w.next_poll_at(1_000), Some(31_000));
        w.on_throttled(40_000, Some(Duration::from_millis(10)));
        assert_eq!(w.next_poll_at(40_000), Some(42_000));
        w.on_throttled(50_000, None);
        assert_eq!(w.next_poll_at(50_000), Some(60_000));
        w.observe(60_000, &exec(Status::Running), &[]);
        assert_eq!(w.next_poll_at(60_000), Some(62_000));
    }
}
