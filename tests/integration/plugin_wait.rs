//! `wait` and `start --wait`: every exit code.

use std::time::{Duration, Instant};

use rolling_update_sim::model::FailTarget;
use rolling_update_sim::{Fault, Sim};

use crate::support::*;

#[test]
fn exit_0_on_success_with_the_final_summary() {
    let sim = sim();
    let out = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "image",
            "--scaling-group-id",
            GROUP,
            "--image-id",
            NEW_IMAGE,
            "--batch-number",
            "3",
            "--wait",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["status"], "Success");
    assert_eq!(json["batches"].as_array().unwrap().len(), 3, "{json}");
    assert_eq!(json["instances"]["succeeded"], 6);
    let polls = calls(&sim, "ListExecutions");
    assert!(
        polls.iter().any(|r| r.params.get("ExecutionId")
            == json["executionId"].as_str().map(str::to_owned).as_ref())
    );
    assert!(
        calls(&sim, "ListTaskExecutions")
            .iter()
            .all(|r| r.params["IncludeChildTaskExecution"] == "true")
    );
}

#[test]
fn exit_5_at_a_pause_then_0_after_approve() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "FirstBatchPause"]);
    let paused = plugin(&sim, &["wait", &id]);
    assert_eq!(paused.code, Some(5), "{}", paused.stderr);
    assert!(
        paused.stderr.contains(&format!("aliyun rolling-update approve {id}")),
        "{}",
        paused.stderr
    );
    let approved = plugin(&sim, &["approve", &id]);
    assert_eq!(approved.code, Some(0), "{}", approved.stderr);
    let notify = calls(&sim, "NotifyExecution");
    assert_eq!(notify.len(), 1);
    assert_eq!(notify[0].params["NotifyType"], "Approve");
    assert_eq!(notify[0].params["ExecutionId"], id);
    assert_eq!(
        Some(&notify[0].params["TaskExecutionId"]),
        approved.json()["taskExecutionId"].as_str().map(str::to_owned).as_ref()
    );
    let done = plugin(&sim, &["wait", &id]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let again = plugin(&sim, &["approve", &id]);
    assert_eq!(again.code, Some(1), "nothing to approve once it finished");
}

#[test]
fn through_pauses_keeps_following() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "2", "--batch-pause-option", "FirstBatchPause"]);
    let paused = plugin(&sim, &["wait", &id, "--through-pauses", "--timeout", "1"]);
    assert_eq!(paused.code, Some(6), "nobody approves, so it times out: {}", paused.stderr);
}

#[test]
fn exit_3_when_the_update_fails() {
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
            "exit 1",
            "--batch-number",
            "2",
            "--wait",
        ],
    );
    assert_eq!(out.code, Some(3), "{}\n{}", out.stdout, out.stderr);
    let json = out.json();
    assert_eq!(json["status"], "Failed");
    assert!(!json["failures"].as_array().unwrap().is_empty(), "{json}");
    // The first instance the update selected is the one that failed: named in the summary
    // and on stderr.
    let failed = "i-bp1sim0demo000000001";
    assert!(json["failures"].to_string().contains(failed), "{json}");
    assert!(out.stderr.contains(failed), "{}", out.stderr);
}

#[test]
fn exit_4_when_cancelled_and_cancel_prints_cleanup_commands() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "EveryBatchPause"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(5));
    let cancel = plugin(&sim, &["cancel", &id, "-y"]);
    assert_eq!(cancel.code, Some(0), "{}", cancel.stderr);
    assert_eq!(calls(&sim, "CancelExecution")[0].params["ExecutionId"], id);
    let json = cancel.json();
    let commands: Vec<&str> = json["cleanup"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert!(
        commands[0].starts_with(&format!(
            "aliyun ess ResumeProcesses --region cn-hangzhou --ScalingGroupId {GROUP} --Process.1 "
        )) && commands[0].ends_with(&format!("--endpoint {}", sim.base_url())),
        "{commands:?}"
    );
    assert!(cancel.stderr.contains("ResumeProcesses"), "{}", cancel.stderr);
    let standby = calls(&sim, "DescribeScalingInstances");
    assert!(
        standby
            .iter()
            .any(|r| r.params.get("LifecycleState").map(String::as_str) == Some("Standby"))
    );
    let out = plugin(&sim, &["wait", &id]);
    assert_eq!(out.code, Some(4), "{}", out.stderr);
}

#[test]
fn exit_6_when_the_timeout_is_reached() {
    let sim = Sim::builder().speed(0.0).demo_groups().start().unwrap();
    let id = start_image(&sim, &[]);
    let started = Instant::now();
    let out = plugin(&sim, &["wait", &id, "--timeout", "1s"]);
    assert_eq!(out.code, Some(6), "{}", out.stderr);
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(out.stderr.contains(&format!("aliyun rolling-update wait {id}")), "{}", out.stderr);
    let bad = plugin(&sim, &["wait", &id, "--timeout", "soon"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
}

#[cfg(unix)]
#[test]
fn exit_130_on_ctrl_c_says_how_to_resume() {
    use std::process::{Command, Stdio};
    let sim = Sim::builder().speed(0.0).demo_groups().start().unwrap();
    let id = start_image(&sim, &[]);
    let mut cmd = Command::new(rolling_update_tests::binary());
    cmd.args(["rolling-update", "wait", &id]).env_clear();
    for (k, v) in host_env(&sim) {
        cmd.env(k, v);
    }
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let pid = child.id().to_string();
    // Let it install its handler and poll once.
    let deadline = Instant::now() + Duration::from_secs(10);
    while calls(&sim, "ListTaskExecutions").is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let killed = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains(&format!("Resume with: aliyun rolling-update wait {id}")), "{stderr}");
}
