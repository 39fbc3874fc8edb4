//! How `wait` paces itself: the API calls it makes over a 5-batch update and how long after
//! each change in the execution it reports it. Both figures go to
//! `test-output/wait-figures.json` for the README.
//!
//! Time base: the simulator runs `SPEED` times faster than real time and `wait` polls with
//! the default pace divided by `SPEED` (ALIYUN_ROLLING_UPDATE_POLL_MS = 5000 / SPEED), so in
//! simulated time `wait` polls exactly as often as against the cloud. Every time below is
//! simulated time (the simulator stamps each request and each task with it), which is what a
//! real run would take. The only distortion is that real latencies (process start, HTTP) are
//! multiplied by `SPEED`, which makes the reporting delays look longer, never shorter.

use rolling_update_sim::model::ess::{DEMO_CONFIGURATION_ID, DEMO_NEW_IMAGE, DEMO_OLD_IMAGE};
use rolling_update_sim::{GroupSpec, Sim, SimHandle};

use crate::support::*;

const SPEED: f64 = 20.0;
const GROUP_ID: &str = "asg-bp1sim0figures00000001";

/// Simulated times (ms) at which `wait` has something new to report about `id`: each loop
/// task (one per instance) starting and ending (seen by ListTaskExecutions), and the execution
/// ending (seen by ListExecutions).
fn changes(sim: &SimHandle, id: &str) -> (Vec<u64>, Option<u64>) {
    let world = sim.world();
    let mut at: Vec<u64> = world
        .tasks()
        .iter()
        .filter(|t| t.execution_id == id && t.loop_batch_number.is_some())
        .flat_map(|t| [Some(t.created_ms), t.ended_ms])
        .flatten()
        .collect();
    at.sort_unstable();
    at.dedup();
    (at, world.execution(id).and_then(|e| e.ended_ms))
}

/// How long after `change` the first `polls` answered at or after it came.
fn delay(polls: &[u64], change: u64) -> u64 {
    polls.iter().find(|&&p| p >= change).map_or(u64::MAX, |p| p - change)
}

#[test]
fn wait_calls_and_reporting_delay_over_a_five_batch_update() {
    let sim = Sim::builder()
        .speed(SPEED)
        .group(
            GroupSpec::new(GROUP_ID, "sim-figures")
                .with_configuration(DEMO_CONFIGURATION_ID, DEMO_OLD_IMAGE, "sim-key")
                .with_instances("i-bp1sim0fig0000000", 10, "InService"),
        )
        .start()
        .unwrap();
    let poll_ms = (5_000.0 / SPEED).round().to_string();
    let env = [("ALIYUN_ROLLING_UPDATE_POLL_MS", poll_ms.as_str())];
    let started = plugin_env(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "image",
            "--scaling-group-id",
            GROUP_ID,
            "--image-id",
            DEMO_NEW_IMAGE,
            "--batch-number",
            "5",
        ],
        &env,
    );
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    let id = started.json()["executionId"].as_str().unwrap().to_owned();
    sim.clear_requests();
    let waited = plugin_env(&sim, &["wait", &id], &env);
    assert_eq!(waited.code, Some(0), "{}", waited.stderr);
    assert_eq!(waited.json()["batches"].as_array().unwrap().len(), 5);

    let requests = sim.requests();
    let sent = |action: &str| -> Vec<u64> {
        requests.iter().filter(|r| r.action == action).map(|r| r.sim_ms).collect()
    };
    let (task_polls, execution_polls) = (sent("ListTaskExecutions"), sent("ListExecutions"));
    let execution = sim.world().execution(&id).cloned().unwrap();
    let first = requests[0].sim_ms;
    let update_s = (execution.ended_ms.unwrap() - execution.created_ms) as f64 / 1000.0;
    let calls = requests.len();
    // A poll is one call; a call within half a tick of the one before belongs to its poll
    // (the tasks read once more after the end was seen, or the execution read at once when
    // the tasks show the template's own tasks all finished).
    let poll_starts: Vec<u64> = requests
        .iter()
        .enumerate()
        .filter(|(i, r)| *i == 0 || r.sim_ms - requests[i - 1].sim_ms >= 2_500)
        .map(|(_, r)| r.sim_ms)
        .collect();
    let polls = poll_starts.len();
    let last_poll = *poll_starts.last().unwrap();
    // The average time between two polls while following, and calls per 5 s overall.
    let seconds_per_call = (last_poll - first) as f64 / 1000.0 / (polls - 1) as f64;
    let calls_per_5s = calls as f64 * 5.0 / ((last_poll - first) as f64 / 1000.0 + 5.0);

    let (task_changes, ended) = changes(&sim, &id);
    let task_delays: Vec<u64> =
        task_changes.into_iter().filter(|&c| c >= first).map(|c| delay(&task_polls, c)).collect();
    assert!(task_delays.len() >= 5, "batch starts and ends: {task_delays:?}");
    let end_delay_s = delay(&execution_polls, ended.unwrap()) as f64 / 1000.0;
    let max_delay_s = *task_delays.iter().max().unwrap() as f64 / 1000.0;
    let mean_delay_s = task_delays.iter().sum::<u64>() as f64 / task_delays.len() as f64 / 1000.0;

    let figures = serde_json::json!({
        "what": "aliyun rolling-update wait over a simulated 5-batch image update (10 instances)",
        "timeBase": format!(
            "simulated seconds = real-run seconds; simulator at {SPEED}x, wait polling at the \
             default pace / {SPEED}; real latency is multiplied by {SPEED} in this time base"
        ),
        "updateSeconds": update_s,
        "apiCalls": calls,
        "polls": polls,
        "secondsPerPoll": (seconds_per_call * 100.0).round() / 100.0,
        "callsPer5s": (calls_per_5s * 100.0).round() / 100.0,
        "taskChanges": task_delays.len(),
        "maxReportDelaySeconds": max_delay_s,
        "meanReportDelaySeconds": (mean_delay_s * 100.0).round() / 100.0,
        "endReportDelaySeconds": end_delay_s,
    });
    let dir = rolling_update_tests::root().join("test-output");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("wait-figures.json"), serde_json::to_string_pretty(&figures).unwrap())
        .unwrap();
    eprintln!("{figures:#}");
    // What holds on any machine: polls never closer than the 5 s tick (a loaded machine only
    // makes them later), at most two calls besides the polls (the re-read at the end and the
    // execution read when the tasks show the end coming), so about one call per 5 s. The delays
    // depend on the machine's latency (multiplied by SPEED here), so they are recorded above,
    // for the README, and only checked loosely.
    let gaps: Vec<u64> = poll_starts.windows(2).map(|w| w[1] - w[0]).collect();
    let closest = *gaps.iter().min().unwrap();
    // (Request times are stamped on arrival: real latency jitter, ×SPEED, moves them a little.)
    assert!(closest >= 4_500, "two polls {closest} ms apart: {figures:#}");
    assert!(calls <= polls + 2, "at most two calls besides the polls: {figures:#}");
    assert!(max_delay_s <= 15.0, "a change reported three ticks late: {figures:#}");
    assert!(end_delay_s <= 15.0, "the end reported three ticks late: {figures:#}");
}
