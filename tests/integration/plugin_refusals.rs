//! Every verb refuses what would be wrong before sending it (the simulator's request record
//! shows that nothing was sent), and a failed or cancelled update prints its way out.

use rolling_update_sim::model::FailTarget;
use rolling_update_sim::{Fault, Sim};
use serde_json::Value;

use crate::support::*;

/// The actions that change something.
const CHANGES: [&str; 3] = ["StartExecution", "NotifyExecution", "CancelExecution"];

fn changes(sim: &rolling_update_sim::SimHandle) -> usize {
    CHANGES.iter().map(|a| calls(sim, a).len()).sum()
}

#[test]
fn approve_sends_nothing_when_nothing_waits() {
    // Speed 0: the execution never gets past its start, so nothing is paused.
    let sim = Sim::builder().speed(0.0).demo_groups().start().unwrap();
    let id = start_image(&sim, &["--batch-pause-option", "FirstBatchPause"]);
    let out = plugin(&sim, &["approve", &id]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("no paused batch to approve"), "{}", out.stderr);
    assert_eq!(out.json()["approved"], false);
    assert!(calls(&sim, "NotifyExecution").is_empty(), "nothing was approved");
}

#[test]
fn bad_arguments_are_refused_before_any_call_naming_the_flag() {
    let sim = sim();
    let cases: [(&[&str], &str); 5] = [
        (&["status", "exec-1", "--region", "cn_hangzhou"], "--region"),
        (&["status", "910a2dec89025cc10001"], "EXECUTION_ID"),
        (&["cancel", "exec-1 -y"], "EXECUTION_ID"),
        (&["list", "--scaling-group-id", "sg-1"], "--scaling-group-id"),
        (
            &[
                "start",
                "-y",
                "--template",
                "image",
                "--scaling-group-id",
                GROUP,
                "--image-id",
                NEW_IMAGE,
                "--cli-query",
                "executionId[",
            ],
            "--cli-query",
        ),
    ];
    for (args, flag) in cases {
        let out = plugin(&sim, args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(error_line(&out).contains(flag), "{args:?} names {flag}: {}", out.stderr);
    }
    assert_eq!(sim.call_count(), 0, "no call was sent for a bad argument");
    // A region from the environment is checked as well, naming where it came from.
    let out = plugin_env(&sim, &["status", "exec-1"], &[("ALIBABA_CLOUD_REGION_ID", "Hangzhou")]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(error_line(&out).contains("ALIBABA_CLOUD_REGION_ID"), "{}", out.stderr);
    assert_eq!(sim.call_count(), 0);
}

#[test]
fn without_a_terminal_changes_need_yes() {
    let sim = sim();
    let start = plugin(
        &sim,
        &["start", "--template", "image", "--scaling-group-id", GROUP, "--image-id", NEW_IMAGE],
    );
    assert_eq!(start.code, Some(2), "{}", start.stderr);
    assert!(error_line(&start).contains("pass -y"), "{}", start.stderr);
    assert!(calls(&sim, "StartExecution").is_empty());

    let id = start_image(&sim, &["--batch-pause-option", "FirstBatchPause"]);
    let cancel = plugin(&sim, &["cancel", &id]);
    assert_eq!(cancel.code, Some(2), "{}", cancel.stderr);
    assert!(error_line(&cancel).contains("pass -y"), "{}", cancel.stderr);
    assert!(calls(&sim, "CancelExecution").is_empty());

    assert_eq!(plugin(&sim, &["cancel", &id, "-y"]).code, Some(0));
    let rollback = plugin(&sim, &["rollback", &id]);
    assert_eq!(rollback.code, Some(2), "{}", rollback.stderr);
    assert!(error_line(&rollback).contains("pass -y"), "{}", rollback.stderr);
    assert_eq!(calls(&sim, "StartExecution").len(), 1, "the rollback was not started");
}

#[test]
fn rollback_runs_the_pre_flight_of_start_and_warns_about_newer_updates() {
    let sim = sim();
    let first = start_image(&sim, &["--batch-number", "2"]);
    assert_eq!(plugin(&sim, &["wait", &first]).code, Some(0));

    // Another update of the group is running: refused, nothing started.
    let second = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "command",
            "--scaling-group-id",
            GROUP,
            "--invoke-script",
            "echo",
            "--batch-pause-option",
            "FirstBatchPause",
        ],
    );
    assert_eq!(second.code, Some(0), "{}", second.stderr);
    let second = second.json()["executionId"].as_str().unwrap().to_owned();
    let before = changes(&sim);
    let busy = plugin(&sim, &["rollback", &first, "-y"]);
    assert_eq!(busy.code, Some(1), "{}", busy.stderr);
    assert_eq!(busy.json()["refusals"][0]["code"], "update_in_progress", "{}", busy.stderr);
    assert!(busy.stderr.contains(&second), "{}", busy.stderr);
    assert_eq!(changes(&sim), before, "nothing sent");

    // The group is not Active: refused.
    assert_eq!(plugin(&sim, &["cancel", &second, "-y"]).code, Some(0));
    assert!(sim.with_world(|w| w.set_group_lifecycle_state(GROUP, "Inactive")));
    let before = changes(&sim);
    let inactive = plugin(&sim, &["rollback", &first, "-y"]);
    assert_eq!(inactive.code, Some(1), "{}", inactive.stderr);
    assert_eq!(inactive.json()["refusals"][0]["code"], "group_not_active");
    assert_eq!(changes(&sim), before, "nothing sent");

    // Active again: it starts, and says that a newer update ran since the source.
    assert!(sim.with_world(|w| w.set_group_lifecycle_state(GROUP, "Active")));
    let out = plugin(&sim, &["rollback", &first, "-y"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("warning: the group was updated after {first}: {second}")),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("rollback of").count(), 1, "what runs is shown once");

    // A dry run reads only the source execution.
    let reads = sim.call_count();
    let dry = plugin(&sim, &["rollback", &first, "--cli-dry-run"]);
    assert_eq!(dry.code, Some(0), "{}", dry.stderr);
    let sent: Vec<String> =
        sim.requests().into_iter().skip(reads).map(|r| r.action.clone()).collect();
    assert_eq!(sent, ["ListExecutions"], "a dry-run rollback reads the source only");
}

#[test]
fn status_of_a_running_update_shows_planned_totals() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "FirstBatchPause"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(5));
    let out = plugin(&sim, &["status", &id]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["planned"]["instances"], 6, "{json}");
    assert_eq!(json["planned"]["batches"], 3, "{json}");
    assert!(
        out.stderr.contains("4 not started; 6 total in 3 batch(es) (1 started)"),
        "{}",
        out.stderr
    );
    assert!(
        json["next"].as_array().unwrap().iter().all(|n| n
            .as_str()
            .unwrap()
            .contains(&format!("--endpoint {}", sim.base_url()))
            || !n.as_str().unwrap().contains("aliyun rolling-update")),
        "every printed command reaches the simulator: {json}"
    );
}

/// The group's leftovers in the simulator: (suspended processes, instances in Standby).
fn leftovers(sim: &rolling_update_sim::SimHandle) -> (Vec<String>, Vec<String>) {
    sim.with_world(|w| {
        let suspended = w.group(GROUP).map(|g| g.suspended_processes.clone()).unwrap_or_default();
        let standby = w
            .instances()
            .iter()
            .filter(|i| i.scaling_group_id == GROUP && i.lifecycle_state == "Standby")
            .map(|i| i.id.clone())
            .collect();
        (suspended, standby)
    })
}

/// Checks the printed clean-up against the simulator's leftovers: every suspended process is
/// resumed and every Standby instance leaves Standby, in commands that reach the simulator.
fn assert_cleanup_matches(sim: &rolling_update_sim::SimHandle, json: &Value, stderr: &str) {
    let (suspended, standby) = leftovers(sim);
    assert!(!suspended.is_empty(), "the update left its processes suspended");
    let cleanup = &json["cleanup"];
    let listed = |key: &str| -> Vec<String> {
        cleanup[key].as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
    };
    let mut processes = listed("processes");
    let mut want = suspended.clone();
    processes.sort();
    want.sort();
    assert_eq!(processes, want, "{cleanup}");
    assert_eq!(listed("standbyInstances"), standby, "{cleanup}");
    let commands = listed("commands");
    assert!(commands[0].starts_with("aliyun ess ResumeProcesses --region cn-hangzhou"));
    for c in &commands {
        assert!(c.ends_with(&format!("--endpoint {}", sim.base_url())), "{c}");
        assert!(stderr.contains(c.as_str()), "printed for people: {c}\n{stderr}");
    }
    for i in &standby {
        assert!(commands.iter().any(|c| c.starts_with("aliyun ess ExitStandby") && c.contains(i)));
    }
}

#[test]
fn a_failed_update_prints_its_clean_up_from_the_live_group() {
    let sim = sim();
    sim.inject(Fault::FailInstance(FailTarget::Nth(1)));
    let out = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "command",
            "--scaling-group-id",
            GROUP,
            "--invoke-script",
            "echo",
            "--wait",
        ],
    );
    assert_eq!(out.code, Some(3), "{}", out.stderr);
    let (_, standby) = leftovers(&sim);
    assert_eq!(standby, ["i-bp1sim0demo000000001"], "the failed instance stays in Standby");
    assert_cleanup_matches(&sim, &out.json(), &out.stderr);
    let id = out.json()["executionId"].as_str().unwrap().to_owned();
    let status = plugin(&sim, &["status", &id]);
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    assert_cleanup_matches(&sim, &status.json(), &status.stderr);
}

#[test]
fn a_cancelled_update_prints_its_clean_up_from_the_live_group() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "EveryBatchPause"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(5));
    assert_eq!(plugin(&sim, &["cancel", &id, "-y"]).code, Some(0));
    let out = plugin(&sim, &["wait", &id]);
    assert_eq!(out.code, Some(4), "{}", out.stderr);
    assert_cleanup_matches(&sim, &out.json(), &out.stderr);
}
