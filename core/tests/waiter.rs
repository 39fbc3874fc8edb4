//! The waiter on a scripted timeline: a 5-batch rolling update of 10 instances that pauses
//! after the first batch, loses one instance in batch 3, is throttled for a stretch, and ends
//! `Failed`. The script plays the service; the test plays the plugin's loop.

use std::time::Duration;

use rolling_update_core::api::oos::{Execution, TaskExecution};
use rolling_update_core::api::response::Status;
use rolling_update_core::waiter::{Event, Waiter};

const SECOND: u64 = 1_000;
/// Each batch runs for a minute; batch 1 starts at 10 s.
const BATCH_MS: u64 = 60 * SECOND;
const START: u64 = 10 * SECOND;
/// After batch 1 the execution waits for approval for two minutes.
const PAUSE: (u64, u64) = (START + BATCH_MS, START + BATCH_MS + 120 * SECOND);
/// Calls in this window are throttled with `x-acs-retry-after: 15000`.
const THROTTLED: (u64, u64) = (400 * SECOND, 430 * SECOND);

fn batch_window(batch: u64) -> (u64, u64) {
    let begin = if batch == 1 { START } else { PAUSE.1 + (batch - 2) * BATCH_MS };
    (begin, begin + BATCH_MS)
}

fn end_time() -> u64 {
    batch_window(5).1 + 5 * SECOND
}

/// The service's answer at `t`: the execution and its task executions.
fn snapshot(t: u64) -> (Execution, Vec<TaskExecution>) {
    let status = if t >= end_time() {
        Status::Failed
    } else if t < START {
        Status::Started
    } else if (PAUSE.0..PAUSE.1).contains(&t) {
        Status::Waiting
    } else {
        Status::Running
    };
    let execution = Execution {
        execution_id: "exec-1".into(),
        status_message: (status == Status::Failed).then(|| "1 loop item failed".to_owned()),
        waiting_status: (status == Status::Waiting).then(|| "BatchPause".to_owned()),
        status,
        ..Execution::default()
    };
    let mut tasks = Vec::new();
    for batch in 1..=5u64 {
        let (begin, end) = batch_window(batch);
        if t < begin {
            continue;
        }
        for slot in 0..2u64 {
            let n = (batch - 1) * 2 + slot + 1;
            // The second instance of each batch takes 20 s longer.
            let done_at = end - if slot == 0 { 20 * SECOND } else { 0 };
            let status = match (t >= done_at, batch == 3 && slot == 1) {
                (false, _) => Status::Running,
                (true, false) => Status::Success,
                (true, true) => Status::Failed,
            };
            tasks.push(TaskExecution {
                execution_id: "exec-1".into(),
                task_execution_id: format!("task-{n:02}"),
                status_message: (status == Status::Failed).then(|| "ExitCode is 1".to_owned()),
                status,
                loop_item: Some(format!(
                    r#"{{"InstanceId":"i-{n:02}","LifecycleState":"InService"}}"#
                )),
                loop_batch_number: Some(batch as i64),
                parent_task_execution_id: Some("task-loop".into()),
                ..TaskExecution::default()
            });
        }
    }
    (execution, tasks)
}

#[test]
fn five_batches_with_a_pause_a_failure_and_throttling() {
    let mut waiter = Waiter::new(0);
    let mut now = 0;
    let mut polls = 0u64;
    let mut throttled = 0u64;
    let mut events = Vec::new();
    let mut gaps = Vec::new();
    while let Some(at) = waiter.next_poll_at(now) {
        assert!(at >= now, "never polls in the past");
        gaps.push(at - now);
        now = at;
        polls += 1;
        assert!(polls < 1_000, "the waiter never ends");
        if (THROTTLED.0..THROTTLED.1).contains(&now) {
            throttled += 1;
            waiter.on_throttled(now, Some(Duration::from_millis(15_000)));
            continue;
        }
        let (execution, tasks) = snapshot(now);
        events.extend(waiter.observe(now, &execution, &tasks));
    }

    let summary: Vec<String> = events
        .iter()
        .map(|e| match e {
            Event::BatchStarted { batch } => format!("start {batch}"),
            Event::BatchFinished { batch, succeeded, failed } => {
                format!("finish {batch} ok={succeeded} failed={failed}")
            }
            Event::InstanceDone { instance_id, .. } => {
                format!("done {}", instance_id.as_deref().unwrap_or("?"))
            }
            Event::InstanceFailed { instance_id, message, .. } => format!(
                "failed {} ({})",
                instance_id.as_deref().unwrap_or("?"),
                message.as_deref().unwrap_or("")
            ),
            Event::Paused { reason } => format!("paused {}", reason.as_deref().unwrap_or("")),
            Event::Resumed => "resumed".to_owned(),
            Event::Finished { status, message } => {
                format!("end {status} {}", message.as_deref().unwrap_or(""))
            }
            other => format!("{other:?}"),
        })
        .collect();
    let expected = [
        "start 1",
        "done i-01",
        "done i-02",
        "finish 1 ok=2 failed=0",
        "paused BatchPause",
        "resumed",
        "start 2",
        "done i-03",
        "done i-04",
        "finish 2 ok=2 failed=0",
        "start 3",
        "done i-05",
        "failed i-06 (ExitCode is 1)",
        "finish 3 ok=1 failed=1",
        "start 4",
        "done i-07",
        "done i-08",
        "finish 4 ok=2 failed=0",
        "start 5",
        "done i-09",
        "done i-10",
        "finish 5 ok=2 failed=0",
        "end Failed 1 loop item failed",
    ];
    assert_eq!(summary, expected);

    // The pace: never faster than the 2 s floor, never more than 10 s apart except when the
    // service asked for 15 s, and on average no more than one poll per 5 s.
    assert!(gaps.iter().skip(1).all(|&g| g >= 2 * SECOND), "{gaps:?}");
    assert!(gaps.iter().all(|&g| g <= 10 * SECOND || g == 15 * SECOND), "{gaps:?}");
    assert_eq!(throttled, 2, "two calls fall in the throttled window");
    assert!(gaps.contains(&(15 * SECOND)));
    let duration = now;
    assert!(polls * 5 * SECOND <= duration, "{polls} polls in {duration} ms");
    assert_eq!(polls, 70, "the exact number of polls of this script");
}

#[test]
fn a_finished_waiter_ignores_further_snapshots() {
    let mut waiter = Waiter::new(0);
    let done = Execution { status: Status::Cancelled, ..Execution::default() };
    assert_eq!(waiter.observe(0, &done, &[]).len(), 1);
    assert!(waiter.observe(5 * SECOND, &done, &[]).is_empty());
    assert_eq!(waiter.next_poll_at(10 * SECOND), None);
}
