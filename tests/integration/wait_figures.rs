//! How `wait` paces itself: the API calls it makes over a 5-batch update and how long after
//! each change in the execution it reports it. Both figures go to
//! `test-output/wait-figures.json` for the README.
//!
//! Time base: the simulator runs `SPEED` times faster than real time and `wait` polls with
//! the default pace divided by `SPEED` (ALIYUN_ROLLING_UPDATE_POLL_MS = 2000 / SPEED), so in
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
/// task (one per instance) starting and ending, and the execution ending.
fn changes(sim: &SimHandle, id: &str) -> Vec<u64> {
    let world = sim.world();
    let mut at: Vec<u64> = world
        .tasks()
        .iter()
        .filter(|t| t.execution_id == id && t.loop_batch_number.is_some())
        .flat_map(|t| [Some(t.created_ms), t.ended_ms])
        .flatten()
        .collect();
    at.extend(world.execution(id).and_then(|e| e.ended_ms));
    at.sort_unstable();
    at.dedup();
    at
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
    let poll_ms = (2_000.0 / SPEED).round().to_string();
    let env = [("ALIYUN_ROLLING_UPDATE_POLL_MS", poll_ms.as_str())];
    let started = plugin_env(
        &sim,
        &[
            "start",
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
    let polls: Vec<u64> =
        requests.iter().filter(|r| r.action == "ListTaskExecutions").map(|r| r.sim_ms).collect();
    let execution = sim.world().execution(&id).cloned().unwrap();
    let (begin, end) = (requests[0].sim_ms, execution.ended_ms.unwrap());
    let update_s = (end - execution.created_ms) as f64 / 1000.0;
    let followed_s = (requests.last().unwrap().sim_ms - begin) as f64 / 1000.0;
    let calls = requests.len();
    let seconds_per_call = followed_s / calls as f64;

    // A change is seen by the first poll answered at or after it.
    let delays: Vec<u64> = changes(&sim, &id)
        .into_iter()
        .filter(|&c| c >= begin)
        .map(|c| {
            let seen = polls.iter().find(|&&p| p >= c).expect("every change is polled");
            seen - c
        })
        .collect();
    // Instances of a batch start and end together, and a batch ends as the next one starts:
    // 5 batches give 6 distinct moments (those before `wait` started are left out).
    assert!(delays.len() >= 5, "batch starts and ends, and the end: {delays:?}");
    let max_delay_s = *delays.iter().max().unwrap() as f64 / 1000.0;
    let mean_delay_s = delays.iter().sum::<u64>() as f64 / delays.len() as f64 / 1000.0;

    let figures = serde_json::json!({
        "what": "aliyun rolling-update wait over a simulated 5-batch image update (10 instances)",
        "timeBase": format!(
            "simulated seconds = real-run seconds; simulator at {SPEED}x, wait polling at the \
             default pace / {SPEED}"
        ),
        "updateSeconds": update_s,
        "followedSeconds": followed_s,
        "apiCalls": calls,
        "polls": polls.len(),
        "secondsPerCall": (seconds_per_call * 100.0).round() / 100.0,
        "changes": delays.len(),
        "maxReportDelaySeconds": max_delay_s,
        "meanReportDelaySeconds": (mean_delay_s * 100.0).round() / 100.0,
    });
    let dir = rolling_update_tests::root().join("test-output");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("wait-figures.json"), serde_json::to_string_pretty(&figures).unwrap())
        .unwrap();
    eprintln!("{figures:#}");
    // What the default pace guarantees (2 calls per poll, polls at least 2 s apart, at most
    // 10 s apart while nothing moves; 1 s allowed for latency). The targets (at most
    // 1 call per 5 s AND every change within 5 s) cannot both hold for a poller that does
    // not know when the next change comes: a 5 s bound needs a poll at least every 5 s, i.e.
    // 2 calls per 5 s. The figures file records where the pace stands against them.
    assert!(seconds_per_call >= 1.0, "more than 2 calls per 2 s poll interval: {figures:#}");
    assert!(max_delay_s <= 11.0, "a change reported after more than 10 s + 1 s: {figures:#}");
}
