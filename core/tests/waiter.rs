//! The waiter on scripted timelines, driven exactly as the plugin's `wait` drives it: ask
//! [`Waiter::next`], sleep or make the one call it names, feed the answer back. The script
//! plays the service (ListExecutions and paged, `StartDateAfter`-filtered ListTaskExecutions
//! over a timeline of batches); the tests check what was reported, in what order, and what it
//! cost in calls.

use std::collections::BTreeMap;
use std::time::Duration;

use rolling_update_core::api::oos::{Execution, TaskExecution};
use rolling_update_core::api::response::Status;
use rolling_update_core::sign::UtcTime;
use rolling_update_core::waiter::{Call, End, Event, STEADY_POLL_MS, Step, Waiter, WaiterConfig};

const SECOND: u64 = 1_000;
/// 2026-01-01T00:00:00Z: time 0 of every script.
const EPOCH: i64 = 1_767_225_600;
/// Each call takes this long to answer.
const LATENCY: u64 = 40;

/// A rolling update over time, as the service would show it.
#[derive(Debug, Clone)]
struct Script {
    instances: usize,
    batches: usize,
    /// When the loop starts.
    start: u64,
    /// How long a batch runs.
    batch_ms: u64,
    /// Pause after batch 1 until `approve_at` (when set).
    first_batch_pause: bool,
    approve_at: Option<u64>,
    /// This instance (1-based) fails; the execution then ends `Failed`.
    fail: Option<usize>,
    /// The execution ends this long after its last loop child.
    exec_lag: u64,
    /// The task list shows each child's end this long late.
    task_lag: u64,
    /// Calls in these windows are throttled (retry after 15 s) or fail with a 5xx.
    throttled: Option<(u64, u64)>,
    failing: Option<(u64, u64)>,
}

impl Script {
    fn new(instances: usize, batches: usize) -> Script {
        Script {
            instances,
            batches,
            start: 10 * SECOND,
            batch_ms: 60 * SECOND,
            first_batch_pause: false,
            approve_at: None,
            fail: None,
            exec_lag: 0,
            task_lag: 0,
            throttled: None,
            failing: None,
        }
    }

    fn size(&self) -> usize {
        self.instances.div_ceil(self.batches)
    }

    /// The batches that exist, and each one's start, given the pause.
    fn batch_begin(&self, batch: usize) -> Option<u64> {
        let plain = self.start + (batch as u64 - 1) * self.batch_ms;
        if batch == 1 || !self.first_batch_pause {
            return Some(plain);
        }
        let approve = self.approve_at?;
        Some(approve.max(self.start + self.batch_ms) + (batch as u64 - 2) * self.batch_ms)
    }

    fn batch_of(&self, instance: usize) -> usize {
        (instance - 1) / self.size() + 1
    }

    /// When instance `n` really ends: staggered within its batch.
    fn ends(&self, n: usize) -> Option<u64> {
        let begin = self.batch_begin(self.batch_of(n))?;
        Some(begin + self.batch_ms - (n as u64 % 3) * 10 * SECOND)
    }

    fn last_end(&self) -> Option<u64> {
        (1..=self.instances).map(|n| self.ends(n)).try_fold(0, |m, e| Some(m.max(e?)))
    }

    fn failed_at(&self) -> Option<u64> {
        self.fail.and_then(|n| self.ends(n))
    }

    fn exec_end(&self) -> Option<u64> {
        match self.failed_at() {
            Some(at) => Some(at + self.exec_lag),
            None => self.last_end().map(|e| e + self.exec_lag),
        }
    }

    fn paused(&self, t: u64) -> bool {
        let pause_from = self.start + self.batch_ms;
        self.first_batch_pause && t >= pause_from && self.approve_at.is_none_or(|a| t < a)
    }

    fn execution(&self, t: u64) -> Execution {
        let ended = self.exec_end().is_some_and(|e| t >= e);
        let status = if ended && self.fail.is_some() {
            Status::Failed
        } else if ended {
            Status::Success
        } else if t < self.start {
            Status::Started
        } else if self.paused(t) {
            Status::Waiting
        } else {
            Status::Running
        };
        Execution {
            execution_id: "exec-1".into(),
            waiting_status: (status == Status::Waiting).then(|| "BatchPause".into()),
            status,
            ..Execution::default()
        }
    }

    fn tasks(&self, t: u64) -> Vec<TaskExecution> {
        let date = |ms: u64| UtcTime::from_unix_seconds(EPOCH + (ms / SECOND) as i64).unwrap();
        let loop_status = match self.execution(t).status {
            Status::Started => Status::Running,
            other => other,
        };
        let mut all = vec![TaskExecution {
            execution_id: "exec-1".into(),
            task_execution_id: "task-loop".into(),
            task_name: Some("invokeByReplaceImage".into()),
            start_date: Some(date(self.start).to_string()),
            status: loop_status,
            ..TaskExecution::default()
        }];
        let stop = self.failed_at();
        for n in 1..=self.instances {
            let Some(begin) = self.batch_begin(self.batch_of(n)) else { break };
            if t < begin || stop.is_some_and(|s| begin >= s) {
                continue;
            }
            let end = self.ends(n).unwrap_or(u64::MAX);
            let shown = t >= end + self.task_lag;
            let status = match (shown, self.fail == Some(n)) {
                (false, _) => Status::Running,
                (true, false) => Status::Success,
                (true, true) => Status::Failed,
            };
            all.push(TaskExecution {
                execution_id: "exec-1".into(),
                task_execution_id: format!("task-{n:05}"),
                start_date: Some(date(begin).to_string()),
                status_message: (status == Status::Failed).then(|| "ExitCode is 1".into()),
                status,
                loop_item: Some(format!(r#"{{"InstanceId":"i-{n:05}"}}"#)),
                loop_batch_number: Some(self.batch_of(n) as i64),
                parent_task_execution_id: Some("task-loop".into()),
                ..TaskExecution::default()
            });
        }
        all
    }

    /// One page of ListTaskExecutions at `t`: `StartDateAfter` inclusive, 100 a page.
    fn task_page(
        &self,
        t: u64,
        after: Option<UtcTime>,
        token: Option<&str>,
    ) -> (Vec<TaskExecution>, Option<String>) {
        let kept: Vec<TaskExecution> = self
            .tasks(t)
            .into_iter()
            .filter(|task| {
                let started: UtcTime = task.start_date.as_deref().unwrap().parse().unwrap();
                after.is_none_or(|a| started >= a)
            })
            .collect();
        let offset: usize = token.map_or(0, |t| t.parse().unwrap());
        let end = (offset + 100).min(kept.len());
        let next = (end < kept.len()).then(|| end.to_string());
        (kept[offset..end].to_vec(), next)
    }
}

/// What one follow reported and what it cost.
#[derive(Debug, Default)]
struct Run {
    events: Vec<(u64, Event)>,
    calls: Vec<u64>,
    end: Option<End>,
    now: u64,
}

/// Drives a waiter from `from` as the plugin does, against `script`.
fn follow(script: &Script, config: WaiterConfig, from: u64) -> Run {
    let mut waiter = Waiter::new(config, from);
    let mut run = Run { now: from, ..Run::default() };
    for _ in 0..100_000 {
        match waiter.next(run.now) {
            Step::Done(end) => {
                run.end = Some(end);
                return run;
            }
            Step::Sleep { until_ms } => {
                assert!(until_ms > run.now, "a sleep that does not move time");
                run.now = until_ms;
            }
            Step::Call(call) => {
                let t = run.now;
                run.calls.push(t);
                run.now += LATENCY;
                if script.throttled.is_some_and(|(a, b)| (a..b).contains(&t)) {
                    waiter.on_throttled(run.now, Some(Duration::from_millis(15_000)));
                    continue;
                }
                if script.failing.is_some_and(|(a, b)| (a..b).contains(&t)) {
                    waiter.on_transient_error(run.now);
                    continue;
                }
                let events = match call {
                    Call::Execution => waiter.observe_execution(run.now, &script.execution(t)),
                    Call::Tasks { started_after, next_token } => {
                        let (page, next) =
                            script.task_page(t, started_after, next_token.as_deref());
                        waiter.observe_task_page(run.now, &page, next.as_deref())
                    }
                };
                run.events.extend(events.into_iter().map(|e| (run.now, e)));
            }
        }
    }
    panic!("the waiter never ended");
}

/// Each instance reported done or failed, with how many times.
fn reported(run: &Run) -> BTreeMap<String, usize> {
    let mut seen = BTreeMap::new();
    for (_, e) in &run.events {
        if let Event::InstanceDone { instance_id: Some(id), .. }
        | Event::InstanceFailed { instance_id: Some(id), .. } = e
        {
            *seen.entry(id.clone()).or_insert(0) += 1;
        }
    }
    seen
}

fn ids(range: std::ops::RangeInclusive<usize>) -> Vec<String> {
    range.map(|n| format!("i-{n:05}")).collect()
}

/// The last event is the end, and every instance event came before it.
fn assert_ends_last(run: &Run, end: &End) {
    assert_eq!(run.end.as_ref(), Some(end));
    let last = &run.events.last().expect("events").1;
    match end {
        End::Paused => assert!(matches!(last, Event::Paused { .. }), "{last:?}"),
        End::Finished(status) => {
            assert!(matches!(last, Event::Finished { status: s, .. } if s == status), "{last:?}")
        }
    }
}

/// The demo's sequence: 6 instances in 3 batches with FirstBatchPause; `start --wait` stops at
/// the pause, `approve`, then `wait` follows to the end. On every interleaving of the final
/// poll with the batch's and the execution's end (the poll phase, the execution ending at the
/// same instant as the last batch or after it, the task list lagging), every instance is
/// reported exactly once and before the pause or the end that follows it.
#[test]
fn the_demo_sequence_reports_every_instance_before_the_end() {
    let config = WaiterConfig::default();
    let mut cases = 0;
    for phase in (0..STEADY_POLL_MS).step_by(250) {
        for (exec_lag, task_lag) in [(0, 0), (1, 0), (999, 0), (4_999, 0), (0, 2_000), (0, 4_000)] {
            let mut script = Script::new(6, 3);
            script.first_batch_pause = true;
            script.exec_lag = exec_lag;
            script.task_lag = task_lag;
            let first = follow(&script, config, phase);
            assert_ends_last(&first, &End::Paused);
            assert_eq!(
                reported(&first).into_keys().collect::<Vec<_>>(),
                ids(1..=2),
                "phase {phase}"
            );
            let paused_at = first.now;

            // `approve` a few seconds later; `wait` starts right after it.
            script.approve_at = Some(paused_at + 3 * SECOND);
            let second = follow(&script, config, paused_at + 3 * SECOND + 200);
            assert_ends_last(&second, &End::Finished(Status::Success));
            let seen = reported(&second);
            assert!(seen.values().all(|&n| n == 1), "reported twice: {seen:?}");
            let later: Vec<String> = seen.into_keys().filter(|k| !ids(1..=2).contains(k)).collect();
            assert_eq!(later, ids(3..=6), "phase {phase}, lags {exec_lag}/{task_lag}");
            let finished: Vec<i64> = second
                .events
                .iter()
                .filter_map(|(_, e)| match e {
                    Event::BatchFinished { batch, .. } => Some(*batch),
                    _ => None,
                })
                .collect();
            assert_eq!(finished, [1, 2, 3], "a new `wait` reports what it finds, then the rest");
            cases += 1;
        }
    }
    assert_eq!(cases, 120);
}

#[test]
fn a_failure_throttling_and_errors_are_reported_in_order() {
    let mut script = Script::new(10, 5);
    script.fail = Some(6);
    script.throttled = Some((100 * SECOND, 130 * SECOND));
    script.failing = Some((150 * SECOND, 160 * SECOND));
    let run = follow(&script, WaiterConfig::default(), 0);
    assert_ends_last(&run, &End::Finished(Status::Failed));
    let lines: Vec<String> = run
        .events
        .iter()
        .map(|(_, e)| match e {
            Event::BatchStarted { batch } => format!("start {batch}"),
            Event::BatchFinished { batch, succeeded, failed } => {
                format!("finish {batch} {succeeded}/{failed}")
            }
            Event::InstanceDone { instance_id, .. } => {
                format!("done {}", instance_id.as_deref().unwrap())
            }
            Event::InstanceFailed { instance_id, message, .. } => {
                format!(
                    "failed {} {}",
                    instance_id.as_deref().unwrap(),
                    message.as_deref().unwrap()
                )
            }
            Event::Finished { status, .. } => format!("end {status}"),
            other => format!("{other:?}"),
        })
        .collect();
    // Ends are staggered by n % 3 within a batch: instance 2 before 1, 5 before 6.
    let expected = [
        "start 1",
        "done i-00002",
        "done i-00001",
        "finish 1 2/0",
        "start 2",
        "done i-00003",
        "done i-00004",
        "finish 2 2/0",
        "start 3",
        "done i-00005",
        "failed i-00006 ExitCode is 1",
        "finish 3 1/1",
        "end Failed",
    ];
    assert_eq!(lines, expected);
    // The throttled calls waited the advertised 15 s; the failing ones backed off.
    let gaps: Vec<u64> = run.calls.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(gaps.iter().any(|&g| g >= 15 * SECOND), "{gaps:?}");
}

/// Calls made in each `window`-long stretch, and the most within any second.
fn pace(calls: &[u64], window: u64) -> (f64, usize) {
    let span = calls.last().unwrap() - calls.first().unwrap();
    let per_window = calls.len() as f64 * window as f64 / span.max(1) as f64;
    let burst = calls
        .iter()
        .enumerate()
        .map(|(i, &t)| calls[i..].iter().take_while(|&&u| u < t + SECOND).count())
        .max()
        .unwrap_or(0);
    (per_window, burst)
}

#[test]
fn a_small_group_costs_one_call_per_poll() {
    let script = Script::new(10, 5);
    let run = follow(&script, WaiterConfig::default(), 0);
    assert_ends_last(&run, &End::Finished(Status::Success));
    assert_eq!(reported(&run).len(), 10);
    let (per_5s, burst) = pace(&run.calls, 5 * SECOND);
    assert!(per_5s <= 1.05, "{per_5s} calls per 5 s");
    assert!(burst <= 2, "{burst} calls within a second");
}

/// 1000 instances in 10 batches: every instance reported exactly once, at most 2 calls per 5 s
/// on average and never more than 3 within a second, because a poll reads only the tasks that
/// can still change.
#[test]
fn a_thousand_instances_cost_what_ten_do() {
    for phase in [0, 1_700, 4_100] {
        let script = Script::new(1_000, 10);
        let run = follow(&script, WaiterConfig::default(), phase);
        assert_ends_last(&run, &End::Finished(Status::Success));
        let seen = reported(&run);
        assert_eq!(seen.len(), 1_000);
        assert!(seen.values().all(|&n| n == 1));
        let (per_5s, burst) = pace(&run.calls, 5 * SECOND);
        assert!(per_5s <= 2.0, "{per_5s} calls per 5 s");
        assert!(burst <= 3, "{burst} calls within a second");
    }
}

#[test]
fn a_finished_waiter_asks_for_nothing_more() {
    let script = Script::new(2, 1);
    let mut waiter = Waiter::new(WaiterConfig::default(), 0);
    let mut now = 0;
    while !waiter.is_done() {
        match waiter.next(now) {
            Step::Sleep { until_ms } => now = until_ms,
            Step::Call(Call::Execution) => {
                waiter.observe_execution(now, &script.execution(now));
            }
            Step::Call(Call::Tasks { .. }) => {
                waiter.observe_task_page(now, &script.tasks(now), None);
            }
            Step::Done(_) => break,
        }
    }
    let done = script.execution(now);
    assert!(waiter.observe_execution(now, &done).is_empty());
    assert!(waiter.observe_task_page(now, &script.tasks(now), None).is_empty());
    assert_eq!(waiter.next(now + 60 * SECOND), Step::Done(End::Finished(Status::Success)));
}
