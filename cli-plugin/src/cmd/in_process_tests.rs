//! The verbs driven in-process, as `demo` drives them: an explicit session pointed at the
//! simulator, output captured in memory.

use super::demo::{Captured, scaled_pace};
use clap::Parser;
use rolling_update_core::sign::Credentials;
use rolling_update_sim::model::ess::{DEMO_GROUP_ID, DEMO_NEW_IMAGE};
use rolling_update_sim::{Sim, SimHandle, TEST_SPEED};

use crate::cli::{Cli, Verb};
use crate::ctx::{Ctx, Io, Session, SessionConfig};
use crate::exit::Code;

/// The verb of a command line, parsed by the plugin's own definition.
pub(super) fn verb(args: &[&str]) -> Verb {
    let mut argv = vec!["aliyun-cli-rolling-update"];
    argv.extend_from_slice(args);
    Cli::try_parse_from(argv).unwrap().verb
}

/// A context pointed at `sim` that polls `speed` times faster than against the cloud, with
/// progress lines on and both streams captured.
pub(super) fn context(sim: &SimHandle, speed: f64) -> (Ctx, Captured, Captured) {
    let mut config = SessionConfig::new(
        "cn-hangzhou",
        Credentials::new(sim.access_key_id(), sim.access_key_secret()),
    );
    config.endpoint = Some(sim.base_url());
    config.poll = scaled_pace(speed);
    let out = Captured::default();
    let err = Captured::default();
    let io = Io {
        out: Box::new(out.clone()),
        err: Box::new(err.clone()),
        input: Box::new(std::io::empty()),
        progress: true,
        interactive: false,
        query: None,
    };
    (Ctx::with_session(io, Session::new(config).unwrap(), true), out, err)
}

/// The progress lines saying an instance finished, in order: `(instance, batch)`.
fn done_lines(err: &str) -> Vec<(String, i64)> {
    err.lines()
        .filter_map(|l| {
            let rest = l.trim().strip_suffix(')')?;
            let (id, batch) = rest.split_once(" done (batch ")?;
            Some((id.to_owned(), batch.parse().ok()?))
        })
        .collect()
}

/// The position of the first line containing `text`.
fn line_of(err: &str, text: &str) -> usize {
    err.lines().position(|l| l.contains(text)).unwrap_or_else(|| panic!("no {text:?} in:\n{err}"))
}

#[test]
fn demo_flow_plan_start_wait_approve_status_rollback() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    let (mut ctx, out, err) = context(&sim, TEST_SPEED);
    let mut run = |args: &[&str]| -> Code {
        match verb(args) {
            Verb::Plan(a) => super::api::plan(&mut ctx, &a),
            Verb::Start(a) => super::api::start(&mut ctx, &a),
            Verb::Wait(a) => super::api::wait(&mut ctx, &a),
            Verb::Approve(a) => super::api::approve(&mut ctx, &a),
            Verb::Status(a) => super::api::status(&mut ctx, &a),
            Verb::Rollback(a) => super::api::rollback(&mut ctx, &a),
            other => panic!("not driven here: {other:?}"),
        }
        .unwrap()
    };
    assert_eq!(
        run(&["plan", "--scaling-group-id", DEMO_GROUP_ID, "--batch-number", "3"]),
        Code::Ok
    );
    out.take();
    let started = run(&[
        "start",
        "-y",
        "--template",
        "image",
        "--scaling-group-id",
        DEMO_GROUP_ID,
        "--image-id",
        DEMO_NEW_IMAGE,
        "--batch-number",
        "3",
        "--batch-pause-option",
        "FirstBatchPause",
        "--wait",
    ]);
    assert_eq!(started, Code::Paused);
    let summary: serde_json::Value = serde_json::from_str(&out.take()).unwrap();
    let id = summary["executionId"].as_str().unwrap().to_owned();
    assert_eq!(summary["status"], "Waiting");
    // Batch 1's two instances, then the batch, then the pause: nothing of it is lost.
    let first = err.take();
    let batch_1: Vec<(String, i64)> =
        (1..=2).map(|n| (format!("i-bp1sim0demo{n:09}"), 1)).collect();
    assert_eq!(done_lines(&first), batch_1, "{first}");
    assert!(line_of(&first, "batch 1 finished: 2 done") < line_of(&first, "paused"), "{first}");

    assert_eq!(run(&["approve", &id]), Code::Ok);
    let approved: serde_json::Value = serde_json::from_str(&out.take()).unwrap();
    assert_eq!(approved["executionId"], id.as_str(), "{approved}");
    err.take();
    assert_eq!(run(&["wait", &id]), Code::Ok);
    let waited: serde_json::Value = serde_json::from_str(&out.take()).unwrap();
    assert_eq!(waited["status"], "Success");
    assert_eq!(waited["instances"]["succeeded"], 6);
    // Every instance of batches 2 and 3 reported, each once, all before the end.
    let second = err.take();
    let later: Vec<(String, i64)> =
        done_lines(&second).into_iter().filter(|(_, b)| *b > 1).collect();
    let expected: Vec<(String, i64)> =
        (3..=6).map(|n| (format!("i-bp1sim0demo{n:09}"), if n <= 4 { 2 } else { 3 })).collect();
    assert_eq!(later, expected, "{second}");
    let end = line_of(&second, "finished: Success");
    assert!(line_of(&second, "batch 3 finished: 2 done") < end, "{second}");
    assert!(second.lines().skip(end + 1).all(|l| !l.contains(" done (batch ")), "{second}");

    assert_eq!(run(&["status", &id]), Code::Ok);
    let status: serde_json::Value = serde_json::from_str(&out.take()).unwrap();
    assert_eq!(status["batches"].as_array().unwrap().len(), 3, "{status}");
    assert_eq!(
        run(&["rollback", &id, "--batch-pause-option", "Automatic", "--wait", "-y"]),
        Code::Ok
    );
    assert!(!err.take().contains(sim.access_key_secret()));
}

/// A 1000-instance group in 10 batches, followed to the end through the plugin's own `start
/// --wait`: every instance reported exactly once, and in simulated time about one call per
/// 5 s poll however large the group, since a poll reads only the tasks that can still change.
#[test]
fn a_thousand_instance_update_reports_every_instance_once() {
    const SPEED: f64 = 200.0;
    let sim = Sim::builder().speed(SPEED).demo_groups_with(1_000).start().unwrap();
    let (mut ctx, out, err) = context(&sim, SPEED);
    let args = [
        "start",
        "--template",
        "image",
        "--scaling-group-id",
        DEMO_GROUP_ID,
        "--image-id",
        DEMO_NEW_IMAGE,
        "--batch-number",
        "10",
        "--wait",
    ];
    let Verb::Start(a) = verb(&args) else { unreachable!() };
    let first_call = sim.requests().len();
    assert_eq!(super::api::start(&mut ctx, &a).unwrap(), Code::Ok);
    let summary: serde_json::Value = serde_json::from_str(&out.take()).unwrap();
    assert_eq!(summary["instances"]["succeeded"], 1_000, "{}", summary["instances"]);
    assert_eq!(summary["batches"].as_array().unwrap().len(), 10);

    let lines = done_lines(&err.take());
    assert_eq!(lines.len(), 1_000, "one line per instance");
    let mut ids: Vec<&str> = lines.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 1_000, "no instance reported twice");
    for (n, (_, batch)) in lines.iter().enumerate() {
        assert!(*batch >= 1 && *batch <= 10, "line {n}: batch {batch}");
    }

    // The cost of following, in simulated time: from the first poll to the end.
    let requests = sim.requests();
    let follow: Vec<u64> = requests[first_call..]
        .iter()
        .filter(|r| r.action == "ListTaskExecutions" || r.action == "ListExecutions")
        .map(|r| r.sim_ms)
        .collect();
    let span_s = (follow.last().unwrap() - follow.first().unwrap()) as f64 / 1_000.0;
    let per_5s = follow.len() as f64 * 5.0 / span_s;
    eprintln!("{} calls over {span_s} s: {per_5s:.2} per 5 s", follow.len());
    assert!(per_5s <= 2.0, "{} calls over {span_s} s: {per_5s:.2} per 5 s", follow.len());

    // `status` of the large group: counts per batch, no instance named (none failed or
    // pending); `--verbose` names all of them; the JSON holds every one either way.
    let id = summary["executionId"].as_str().unwrap().to_owned();
    for (verbose, named) in [(false, 0), (true, 1_000)] {
        let mut args = vec!["status", id.as_str()];
        if verbose {
            args.push("--verbose");
        }
        let Verb::Status(a) = verb(&args) else { unreachable!() };
        assert_eq!(super::api::status(&mut ctx, &a).unwrap(), Code::Ok);
        let text = err.take();
        let batch_lines: Vec<&str> = text.lines().filter(|l| l.starts_with("  batch ")).collect();
        assert_eq!(batch_lines.len(), 10, "{text}");
        if !verbose {
            assert!(batch_lines[0].ends_with(": 100 done, 0 failed, 0 pending"), "{text}");
        }
        assert_eq!(text.matches("i-bp1sim0demo").count(), named, "verbose {verbose}");
        let json: serde_json::Value = serde_json::from_str(&out.take()).unwrap();
        assert_eq!(json["instances"]["total"], 1_000);
    }
}
