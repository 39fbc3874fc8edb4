//! Health-gated `start`, `rollback` and `wait`, the gates' pre-flight, confirmed approvals and
//! the gates' record in `status`: the plugin binary against the simulator over HTTP on
//! 127.0.0.1 (a simulation), counting the requests the simulator recorded.

use std::path::{Path, PathBuf};

use rolling_update_sim::model::cms::Trigger;
use rolling_update_sim::model::ess::DEMO_OLD_IMAGE;
use rolling_update_sim::{DEFAULT_ACCESS_KEY_ID, Sim, SimHandle, TEST_SPEED};
use serde_json::Value;

use crate::support::*;

const RULE: &str = "rule-canary";

/// A simulator with the demo groups and the alarm rule [`RULE`] in `OK`.
fn gated_sim(missing: &[&str]) -> SimHandle {
    let sim = Sim::builder()
        .speed(TEST_SPEED)
        .demo_groups()
        .missing_permissions(DEFAULT_ACCESS_KEY_ID, missing)
        .start()
        .expect("starting the simulator");
    sim.with_world(|w| w.add_alarm_rule(RULE, "OK").expect("adding the rule"));
    sim
}

/// A fresh folder for what the checks write.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ru-gates-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("creating the scratch folder");
    dir
}

/// A check that writes its environment to `<dir>/env-<batch>` and exits 0.
fn env_check(dir: &Path) -> String {
    format!("env > '{}/env-'\"$RU_BATCH\"", dir.display())
}

fn start_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
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
    ];
    args.extend_from_slice(extra);
    args
}

fn gated_start(sim: &SimHandle, extra: &[&str]) -> rolling_update_tests::Run {
    plugin(sim, &start_args(extra))
}

/// The decisions of the final JSON's gates, in order.
fn decisions(json: &Value) -> Vec<String> {
    json["gates"]
        .as_array()
        .map(|gates| {
            gates.iter().map(|g| g["decision"].as_str().unwrap_or("?").to_owned()).collect()
        })
        .unwrap_or_default()
}

/// The template parameters each StartExecution carried.
fn started_parameters(sim: &SimHandle) -> Vec<Value> {
    calls(sim, "StartExecution")
        .iter()
        .map(|r| serde_json::from_str(&r.params["Parameters"]).expect("Parameters is JSON"))
        .collect()
}

fn group_images(sim: &SimHandle) -> Vec<String> {
    let world = sim.world();
    world
        .instances()
        .iter()
        .filter(|i| i.scaling_group_id == GROUP)
        .map(|i| i.image_id.clone())
        .collect()
}

/// `KEY=value` of an env file.
fn var<'a>(env: &'a str, key: &str) -> Option<&'a str> {
    env.lines().find_map(|l| l.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
}

#[test]
fn a_gated_start_approves_each_healthy_batch_once_and_exits_0() {
    let sim = gated_sim(&[]);
    let dir = scratch("pass");
    let check = env_check(&dir);
    let out = gated_start(&sim, &["--check", &check, "--alarm", RULE]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["outcome"]["kind"], "passed", "{json}");
    assert_eq!(decisions(&json), ["approve", "approve", "pass"], "{}", out.stderr);
    assert!(out.stderr.contains("gating exec-"), "says that it follows: {}", out.stderr);
    assert!(out.stderr.contains("gated: batchPauseOption EveryBatchPause"), "{}", out.stderr);
    let started = started_parameters(&sim);
    assert_eq!(started.len(), 1, "started once");
    assert_eq!(started[0]["batchPauseOption"], "EveryBatchPause");
    let id = json["executionId"].as_str().unwrap_or_default().to_owned();
    let notify = calls(&sim, "NotifyExecution");
    assert_eq!(notify.len(), 2, "batches 1 and 2 approved once each, the last never");
    assert!(
        notify.iter().all(|n| n.params["ExecutionId"] == id && n.params["NotifyType"] == "Approve")
    );

    // The check's environment: the batch's instances and their private IPs, no credential.
    let world = sim.world();
    let all: Vec<String> = world
        .instances()
        .iter()
        .filter(|i| i.scaling_group_id == GROUP)
        .map(|i| i.id.clone())
        .collect();
    let trial = std::fs::read_to_string(dir.join("env-0")).expect("the pre-flight ran the check");
    let mut trial_ids: Vec<&str> =
        var(&trial, "RU_INSTANCE_IDS").unwrap_or("").split(',').collect();
    trial_ids.sort_unstable();
    let mut expected: Vec<&str> = all.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(trial_ids, expected, "the trial run sees the whole group");
    for gate in json["gates"].as_array().into_iter().flatten() {
        let batch = gate["batch"].as_i64().unwrap_or_default();
        let env = std::fs::read_to_string(dir.join(format!("env-{batch}"))).expect("env file");
        let ids: Vec<String> = gate["instanceIds"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|i| i.as_str().map(str::to_owned))
            .collect();
        assert!(!ids.is_empty(), "{gate}");
        let ips: Vec<String> = ids.iter().filter_map(|i| world.private_ip(i)).collect();
        assert_eq!(var(&env, "RU_BATCH"), Some(batch.to_string().as_str()));
        assert_eq!(var(&env, "RU_BATCHES"), Some("3"));
        assert_eq!(var(&env, "RU_EXECUTION_ID"), Some(id.as_str()));
        assert_eq!(var(&env, "RU_SCALING_GROUP_ID"), Some(GROUP));
        assert_eq!(var(&env, "RU_INSTANCE_IDS"), Some(ids.join(",").as_str()));
        assert_eq!(var(&env, "RU_INSTANCE_IPS"), Some(ips.join(",").as_str()));
    }
    for file in ["env-0", "env-1", "env-2", "env-3"] {
        let env = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
        assert!(!env.is_empty(), "{file} was written");
        assert!(!env.contains(sim.access_key_secret()), "{file} holds the secret");
        assert!(!env.contains("ALIBABA_CLOUD_"), "{file} holds a credential variable:\n{env}");
    }

    // The record: written to the tag after the gates, shown by `status`.
    let tagged = calls(&sim, "TagResources");
    assert!(!tagged.is_empty());
    assert!(tagged.iter().all(|t| t.params["ResourceType"] == "execution"
        && t.params["ResourceIds"] == format!("[\"{id}\"]")));
    let status = plugin(&sim, &["status", &id]);
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    let line = "gates (as recorded by the run that gated it): b1 ok approve; b2 ok approve; \
                b3 ok pass; => passed";
    assert!(status.stderr.contains(line), "{}", status.stderr);
    assert_eq!(status.json()["gates"], "b1 ok approve; b2 ok approve; b3 ok pass; => passed");
    assert_all_verified(&sim);
}

#[test]
fn an_alarm_at_batch_2_rolls_back_and_exits_7() {
    let sim = gated_sim(&[]);
    sim.with_world(|w| w.schedule_alarm(RULE, Trigger::BatchFinished(2), "ALARM").unwrap());
    let out = gated_start(&sim, &["--alarm", RULE, "--on-unhealthy", "rollback"]);
    assert_eq!(out.code, Some(7), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["outcome"]["kind"], "rolledBack", "{json}");
    assert_eq!(decisions(&json), ["approve", "rollback"]);
    let id = json["executionId"].as_str().unwrap_or_default().to_owned();
    let rollback = json["outcome"]["rollbackExecutionId"].as_str().unwrap_or_default().to_owned();
    assert!(rollback.starts_with("exec-") && rollback != id, "{json}");
    assert_eq!(calls(&sim, "NotifyExecution").len(), 1, "the batch that failed is never approved");
    assert_eq!(calls(&sim, "CancelExecution").len(), 1);
    let started = started_parameters(&sim);
    assert_eq!(started.len(), 2, "the update and its rollback");
    assert_eq!(started[1]["invokeType"], "rollback");
    assert_eq!(started[1]["sourceExecutionId"], id.as_str());
    assert_eq!(started[1]["batchPauseOption"], "Automatic", "the rollback is not gated");
    assert!(group_images(&sim).iter().all(|i| i == DEMO_OLD_IMAGE), "back on the old image");
    let world = sim.world();
    let rb = world.executions().iter().find(|e| e.id == rollback).map(|e| e.status.as_str());
    assert_eq!(rb, Some("Success"), "the rollback was followed to its end");
    let status = plugin(&sim, &["status", &id]);
    assert!(
        status.stderr.contains(&format!(
            "b1 ok approve; b2 {RULE}=ALARM rollback; => rolled back by {rollback}"
        )),
        "{}",
        status.stderr
    );
}

#[test]
fn a_check_failing_at_batch_2_exits_8_left_paused_or_cancelled() {
    for (action, status, cancels) in [("pause", "Waiting", 0), ("cancel", "Cancelled", 1)] {
        let sim = gated_sim(&[]);
        let out =
            gated_start(&sim, &["--check", "test \"$RU_BATCH\" != 2", "--on-unhealthy", action]);
        assert_eq!(out.code, Some(8), "{action}: {}", out.stderr);
        let json = out.json();
        assert_eq!(decisions(&json), ["approve", action], "{action}");
        let reason = json["reason"].as_str().unwrap_or_default();
        assert!(reason.starts_with("batch 2: the check exited 1"), "{action}: {reason}");
        assert_eq!(calls(&sim, "NotifyExecution").len(), 1, "{action}: batch 1 only");
        assert_eq!(calls(&sim, "CancelExecution").len(), cancels, "{action}");
        assert_eq!(calls(&sim, "StartExecution").len(), 1, "{action}: no rollback");
        let id = json["executionId"].as_str().unwrap_or_default();
        let world = sim.world();
        let e = world.executions().iter().find(|e| e.id == id).map(|e| e.status.as_str());
        assert_eq!(e, Some(status), "{action}");
    }
}

/// A gated start that the pre-flight refuses: exit 1, the reason named, nothing started.
fn assert_refused(sim: &SimHandle, out: &rolling_update_tests::Run, code: &str, named: &str) {
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["started"], false, "{json}");
    let refusal = json["refusals"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no {code} refusal in {json}"));
    let message = refusal["message"].as_str().unwrap_or_default();
    assert!(message.contains(named), "{code}: {message}");
    assert!(out.stderr.contains("refused by the gates' pre-flight"), "{}", out.stderr);
    assert_eq!(calls(sim, "StartExecution").len(), 0, "{code}: nothing was started");
}

#[test]
fn the_pre_flight_refuses_a_check_that_cannot_start_or_fails() {
    let sim = gated_sim(&[]);
    // No shell on the PATH: `sh -c` itself cannot start.
    let args = start_args(&["--check", "true"]);
    let out = plugin_env(&sim, &args, &[("PATH", "/nonexistent")]);
    assert_refused(&sim, &out, "check_not_started", "could not start");
    let out = gated_start(&sim, &["--check", "echo not yet >&2; exit 3"]);
    assert_refused(&sim, &out, "check_failed", "exited 3");
    assert!(out.stderr.contains("check[pre-flight]: not yet"), "{}", out.stderr);
    let out = gated_start(&sim, &["--check", "no-such-command-here"]);
    assert_refused(&sim, &out, "check_failed", "exited 127");
}

#[test]
fn the_pre_flight_refuses_unknown_or_firing_alarm_rules() {
    let sim = gated_sim(&[]);
    let out = gated_start(&sim, &["--alarm", &format!("{RULE},rule-nobody-made")]);
    assert_refused(&sim, &out, "alarm_rule_unknown", "rule-nobody-made");
    let json = out.json();
    let message = json["refusals"][0]["message"].as_str().unwrap_or_default();
    assert!(!message.contains(RULE), "only the unknown rule is named: {message}");
    sim.with_world(|w| w.add_alarm_rule("rule-firing", "ALARM").unwrap());
    let out = gated_start(&sim, &["--alarm", "rule-firing"]);
    assert_refused(&sim, &out, "alarm_firing", "rule-firing");
}

#[test]
fn the_pre_flight_names_a_missing_permission() {
    let sim = gated_sim(&["cms:DescribeMetricRuleList"]);
    let out = gated_start(&sim, &["--alarm", RULE]);
    assert_refused(&sim, &out, "permission_missing", "cms:DescribeMetricRuleList");
    let sim = gated_sim(&["ecs:DescribeInstances"]);
    let out = gated_start(&sim, &["--check", "true"]);
    assert_refused(&sim, &out, "permission_missing", "ecs:DescribeInstances");
}

#[test]
fn a_gated_wait_refused_by_its_pre_flight_changes_nothing() {
    let sim = gated_sim(&[]);
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "EveryBatchPause"]);
    let out =
        plugin(&sim, &["wait", &id, "--alarm", "rule-nobody-made", "--on-unhealthy", "cancel"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["gated"], false, "{json}");
    assert_eq!(json["refusals"][0]["code"], "alarm_rule_unknown", "{json}");
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    for action in ["NotifyExecution", "CancelExecution", "TagResources"] {
        assert_eq!(calls(&sim, action).len(), 0, "{action}");
    }
}

#[test]
fn a_gated_rollback_approves_its_own_batches() {
    let sim = gated_sim(&[]);
    let id = start_image(&sim, &["--batch-number", "2", "--wait"]);
    let out = plugin(&sim, &["rollback", "-y", &id, "--check", "true", "--alarm", RULE]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    assert_eq!(decisions(&json), ["approve", "pass"], "{}", out.stderr);
    let started = started_parameters(&sim);
    assert_eq!(started[1]["invokeType"], "rollback");
    assert_eq!(started[1]["batchPauseOption"], "EveryBatchPause");
    let rollback = json["executionId"].as_str().unwrap_or_default();
    let notify = calls(&sim, "NotifyExecution");
    assert_eq!(notify.len(), 1);
    assert_eq!(notify[0].params["ExecutionId"], rollback);
    assert!(group_images(&sim).iter().all(|i| i == DEMO_OLD_IMAGE));
    // A rollback is not rolled back.
    let out =
        plugin(&sim, &["rollback", "-y", &id, "--check", "true", "--on-unhealthy", "rollback"]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
}

#[test]
fn approve_confirms_that_the_execution_left_waiting() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "FirstBatchPause"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(5));
    let out = plugin(&sim, &["approve", &id]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["confirmed"], true, "{json}");
    assert!(out.stderr.contains("it left Waiting"), "{}", out.stderr);
    let notify = calls(&sim, "NotifyExecution");
    assert_eq!(notify.len(), 1, "approved once");
    let reread = calls(&sim, "ListExecutions")
        .iter()
        .any(|r| r.seq > notify[0].seq && r.params.get("ExecutionId") == Some(&id));
    assert!(reread, "the execution was read again after the approval");
}

#[test]
fn gate_qualifiers_without_a_gate_are_refused_before_any_call() {
    let sim = sim();
    for args in [
        start_args(&["--on-unhealthy", "rollback"]),
        start_args(&["--check-timeout", "1m"]),
        start_args(&["--alarm", RULE, "--wait", "--timeout", "5m"]),
        vec!["wait", "exec-0123456789abcdef0123", "--insufficient-data-ok"],
        vec!["rollback", "-y", "exec-0123456789abcdef0123", "--on-unhealthy", "cancel"],
    ] {
        let out = plugin(&sim, &args);
        assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
        assert!(error_line(&out).contains("--"), "{args:?} names the flag: {}", out.stderr);
    }
    assert_eq!(sim.call_count(), 0, "refused before any call");
}

#[test]
fn a_record_that_cannot_be_written_is_warned_once_and_the_gates_go_on() {
    let sim = gated_sim(&["oos:TagResources"]);
    let out = gated_start(&sim, &["--check", "true"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr.matches("the gates' record could not be written").count(), 1);
    assert!(out.stderr.contains("oos:TagResources"), "{}", out.stderr);
    assert_eq!(calls(&sim, "TagResources").len(), 1, "not tried again after it failed");
    assert_eq!(out.json()["record"]["written"], false);
    let id = out.json()["executionId"].as_str().unwrap_or_default().to_owned();
    let status = plugin(&sim, &["status", &id]);
    assert!(!status.stderr.contains("gates (as recorded"), "{}", status.stderr);
}

#[test]
fn an_explicit_batch_pause_option_wins_and_the_output_says_what_is_not_held() {
    let sim = gated_sim(&[]);
    let out = gated_start(&sim, &["--check", "true", "--batch-pause-option", "FirstBatchPause"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains("warning: gated with batchPauseOption FirstBatchPause"),
        "{}",
        out.stderr
    );
    assert_eq!(started_parameters(&sim)[0]["batchPauseOption"], "FirstBatchPause");
    assert_eq!(decisions(&out.json()), ["approve", "pass", "pass"], "{}", out.stderr);
    assert_eq!(calls(&sim, "NotifyExecution").len(), 1, "only the first pause exists");
}

/// The simulator answers the next Approve OK and leaves the execution Waiting (a lost approval).
fn lose_the_next_approval(sim: &SimHandle) {
    sim.inject(rolling_update_sim::Fault::IgnoreApprove { calls: 1 });
}

#[test]
fn approve_of_a_lost_approval_exits_5_and_does_not_send_it_again() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "FirstBatchPause"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(5));
    lose_the_next_approval(&sim);
    let out = plugin(&sim, &["approve", &id]);
    assert_eq!(out.code, Some(5), "still paused: {}\n{}", out.stdout, out.stderr);
    let json = out.json();
    assert_eq!(
        (json["confirmed"].clone(), json["status"].clone()),
        (false.into(), "Waiting".into())
    );
    assert!(
        out.stderr.contains("still Waiting") && out.stderr.contains("not sent again"),
        "says what happened and what it did not do: {}",
        out.stderr
    );
    assert_eq!(calls(&sim, "NotifyExecution").len(), 1, "approved once, never twice");
    assert_eq!(sim.world().execution(&id).map(|e| e.status.as_str()), Some("Waiting"));
}

#[test]
fn a_gated_start_whose_approval_is_lost_stops_with_5_without_approving_twice() {
    let sim = gated_sim(&[]);
    lose_the_next_approval(&sim);
    let out = gated_start(&sim, &["--check", "true"]);
    assert_eq!(out.code, Some(5), "{}\n{}", out.stdout, out.stderr);
    let json = out.json();
    let kind = json["outcome"]["kind"].as_str().unwrap_or_default().to_ascii_lowercase();
    assert!(kind.contains("unconfirmed"), "{json}");
    assert_eq!(decisions(&json).first().map(String::as_str), Some("approve"), "{json}");
    assert_eq!(calls(&sim, "NotifyExecution").len(), 1, "one approval, not repeated");
    let id = json["executionId"].as_str().unwrap_or_default().to_owned();
    assert_eq!(sim.world().execution(&id).map(|e| e.status.as_str()), Some("Waiting"));
}
