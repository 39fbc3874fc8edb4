//! Instance refresh (`--template refresh`, `ir-...` ids) end to end against the simulator over
//! real HTTP, and its rendered command run in real shells with the stand-in `aliyun`.

use rolling_update_sim::SimHandle;
use rolling_update_sim::model::ess::DEMO_LT_GROUP_ID;

use crate::shells::{installed_shells, run_script, sandbox};
use crate::support::*;

fn start(sim: &SimHandle, extra: &[&str]) -> rolling_update_tests::Run {
    let mut args = vec!["start", "-y", "--template", "refresh", "--scaling-group-id", GROUP];
    args.extend_from_slice(extra);
    plugin(sim, &args)
}

fn task_id(out: &rolling_update_tests::Run) -> String {
    out.json()["instanceRefreshTaskId"].as_str().expect("instanceRefreshTaskId").to_owned()
}

#[test]
fn a_refresh_runs_to_success_and_sends_the_flattened_parameters() {
    let sim = sim();
    let out = start(
        &sim,
        &[
            "--image-id",
            NEW_IMAGE,
            "--min-healthy-percentage",
            "100",
            "--max-healthy-percentage",
            "150",
            "--wait",
        ],
    );
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.json()["status"], "Successful");
    let sent = calls(&sim, "StartInstanceRefresh");
    assert_eq!(sent.len(), 1);
    let p = &sent[0].params;
    assert_eq!(p["ScalingGroupId"], GROUP);
    assert_eq!(p["DesiredConfiguration.ImageId"], NEW_IMAGE);
    assert_eq!(p["MinHealthyPercentage"], "100");
    assert_eq!(p["MaxHealthyPercentage"], "150");
    assert!(p["ClientToken"].starts_with("rolling-update-"));
    assert!(out.stderr.contains("SIMULATION"), "{}", out.stderr);
    assert_all_verified(&sim);
}

#[test]
fn a_held_checkpoint_exits_5_until_approved() {
    let sim = sim();
    let out = start(
        &sim,
        &["--image-id", NEW_IMAGE, "--checkpoint", "50,100", "--hold-at-checkpoints", "--wait"],
    );
    assert_eq!(out.code, Some(5), "{}\n{}", out.stdout, out.stderr);
    let id = task_id(&out);
    assert_eq!(out.json()["status"], "Paused", "held by SuspendInstanceRefresh");
    assert_eq!(calls(&sim, "SuspendInstanceRefresh").len(), 1);
    let again = plugin(&sim, &["wait", &id, "--scaling-group-id", GROUP]);
    assert_eq!(again.code, Some(5), "still held: {}", again.stderr);
    let approved = plugin(&sim, &["approve", &id, "--scaling-group-id", GROUP]);
    assert_eq!(approved.code, Some(0), "{}", approved.stderr);
    assert_eq!(calls(&sim, "ResumeInstanceRefresh").len(), 1);
    let end = plugin(&sim, &["wait", &id, "--scaling-group-id", GROUP, "--through-pauses"]);
    assert_eq!(end.code, Some(0), "{}", end.stderr);
    assert_eq!(end.json()["status"], "Successful");
    let status = plugin(&sim, &["status", &id, "--scaling-group-id", GROUP]);
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    assert!(!status.json()["activities"].as_array().expect("activities").is_empty());
    let approve_done = plugin(&sim, &["approve", &id, "--scaling-group-id", GROUP]);
    assert_eq!(approve_done.code, Some(1), "nothing to approve: {}", approve_done.stderr);
}

#[test]
fn a_failed_gate_rolls_the_refresh_back_and_exits_7() {
    let sim = sim();
    let out = start(
        &sim,
        &[
            "--image-id",
            NEW_IMAGE,
            "--checkpoint",
            "50,100",
            "--check",
            "exit 1",
            "--on-unhealthy",
            "rollback",
        ],
    );
    assert_eq!(out.code, Some(7), "{}\n{}", out.stdout, out.stderr);
    assert_eq!(calls(&sim, "RollbackInstanceRefresh").len(), 1);
    assert_eq!(out.json()["status"], "RollbackSuccessful");
}

#[test]
fn cancel_stops_the_refresh_and_wait_exits_4() {
    let sim = sim();
    let out = start(
        &sim,
        &["--image-id", NEW_IMAGE, "--checkpoint", "50,100", "--checkpoint-pause-time", "60"],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let id = task_id(&out);
    let paused = plugin(&sim, &["wait", &id, "--scaling-group-id", GROUP]);
    assert_eq!(paused.code, Some(5), "a checkpoint is a pause: {}", paused.stderr);
    let cancel = plugin(&sim, &["cancel", "-y", &id, "--scaling-group-id", GROUP]);
    assert_eq!(cancel.code, Some(0), "{}", cancel.stderr);
    let end = plugin(&sim, &["wait", &id, "--scaling-group-id", GROUP]);
    assert_eq!(end.code, Some(4), "{}", end.stderr);
    let listed = plugin(&sim, &["list", "--scaling-group-id", GROUP]);
    assert!(listed.stdout.contains(&id), "{}", listed.stdout);
}

#[test]
fn refusals_send_no_start() {
    let sim = sim();
    let both = start(&sim, &["--image-id", NEW_IMAGE, "--launch-template-id", "lt-1"]);
    assert_eq!(both.code, Some(1));
    assert_eq!(both.json()["findings"][0]["code"], "conflicting_keys");
    let order = start(&sim, &["--checkpoint", "60,40"]);
    assert_eq!(order.code, Some(1));
    let codes: Vec<String> = order.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["checkpoint_order", "checkpoint_order"]);
    let range = start(&sim, &["--min-healthy-percentage", "90", "--max-healthy-percentage", "250"]);
    assert_eq!(range.json()["findings"][0]["code"], "out_of_range");
    let min_max = start(
        &sim,
        &[
            "--min-healthy-percentage",
            "100",
            "--max-healthy-percentage",
            "100",
            "--checkpoint-pause-time",
            "3000",
            "--checkpoint",
            "100",
        ],
    );
    assert_eq!(min_max.json()["findings"][0]["pointer"], "/checkpointPauseTime");
    let lt = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "refresh",
            "--scaling-group-id",
            DEMO_LT_GROUP_ID,
            "--image-id",
            NEW_IMAGE,
        ],
    );
    assert_eq!(lt.code, Some(1), "{}", lt.stderr);
    assert_eq!(lt.json()["refusals"][0]["code"], "image_on_launch_template_group");
    assert!(calls(&sim, "StartInstanceRefresh").is_empty(), "nothing refused was started");
    let first = start(&sim, &["--image-id", NEW_IMAGE, "--checkpoint", "50,100"]);
    assert_eq!(first.code, Some(0), "{}", first.stderr);
    let second = start(&sim, &["--image-id", NEW_IMAGE, "--change-id", "two"]);
    assert_eq!(second.code, Some(1));
    assert_eq!(second.json()["refusals"][0]["code"], "refresh_in_progress");
    assert_eq!(calls(&sim, "StartInstanceRefresh").len(), 1, "one refresh per group");
    let no_group = plugin(&sim, &["status", &task_id(&first)]);
    assert_eq!(no_group.code, Some(2));
    assert!(error_line(&no_group).contains("--scaling-group-id"), "{}", no_group.stderr);
}

#[test]
fn rollback_is_refused_where_ess_cannot_roll_back() {
    let sim = sim();
    let out = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "refresh",
            "--scaling-group-id",
            DEMO_LT_GROUP_ID,
            "--launch-template-id",
            "lt-bp1sim0demo000000001",
            "--launch-template-version",
            "Latest",
            "--checkpoint",
            "50,100",
        ],
    );
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("cannot be rolled back"), "warned before: {}", out.stderr);
    let id = task_id(&out);
    let refused = plugin(&sim, &["rollback", "-y", &id, "--scaling-group-id", DEMO_LT_GROUP_ID]);
    assert_eq!(refused.code, Some(1), "{}", refused.stderr);
    assert!(refused.stderr.contains("not pinned"), "{}", refused.stderr);
    assert!(calls(&sim, "RollbackInstanceRefresh").is_empty());
    let done = start(&sim, &["--image-id", NEW_IMAGE, "--wait", "--through-pauses"]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let cancelled_state =
        plugin(&sim, &["cancel", "-y", &task_id(&done), "--scaling-group-id", GROUP]);
    assert_eq!(
        cancelled_state.code,
        Some(1),
        "a finished refresh cannot be cancelled: {}",
        cancelled_state.stderr
    );
}

#[test]
fn the_rendered_command_sends_exactly_the_parameters_in_every_shell() {
    let args = [
        "render",
        "--template",
        "refresh",
        "--scaling-group-id",
        "asg-1",
        "--launch-template-id",
        "lt-1",
        "--launch-template-version",
        "7",
        "--launch-template-override-instance-type",
        "ecs.g7.large",
        "--launch-template-override-instance-type",
        "ecs.c7.large",
        "--min-healthy-percentage",
        "90",
        "--max-healthy-percentage",
        "110",
        "--skip-matching",
        "false",
        "--checkpoint",
        "20,100",
        "--checkpoint-pause-time",
        "5",
    ];
    let expected: Vec<String> = [
        "ess",
        "StartInstanceRefresh",
        "--region",
        "cn-hangzhou",
        "--RegionId",
        "cn-hangzhou",
        "--ScalingGroupId",
        "asg-1",
        "--DesiredConfiguration.LaunchTemplateId",
        "lt-1",
        "--DesiredConfiguration.LaunchTemplateVersion",
        "7",
        "--DesiredConfiguration.LaunchTemplateOverrides.1.InstanceType",
        "ecs.g7.large",
        "--DesiredConfiguration.LaunchTemplateOverrides.2.InstanceType",
        "ecs.c7.large",
        "--MinHealthyPercentage",
        "90",
        "--MaxHealthyPercentage",
        "110",
        "--SkipMatching",
        "false",
        "--Checkpoints.1.Percentage",
        "20",
        "--Checkpoints.2.Percentage",
        "100",
        "--CheckpointPauseTime",
        "5",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for (path, shell_args, _, name) in installed_shells() {
        let shell = if name == "fish" { "fish" } else { "bash" };
        let mut argv = vec!["rolling-update", "--region", "cn-hangzhou"];
        argv.extend_from_slice(&args);
        argv.extend_from_slice(&["--shell", shell]);
        let out = rolling_update_tests::run(&argv, None, &[]);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        let dir = sandbox();
        let got = run_script(&path, shell_args, &[out.stdout.trim().to_owned()], &dir);
        assert_eq!(got.len(), 1, "{name}: one aliyun call");
        assert_eq!(got[0], expected, "{name}");
    }
}
