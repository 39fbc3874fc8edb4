//! `status`, `list`, `plan`, `doctor`, `--cli-query` and the host contract.

use rolling_update_sim::Sim;
use rolling_update_tests::run;
use serde_json::Value;

use crate::support::*;

#[test]
fn status_groups_tasks_by_loop_batch_number() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(0));
    let out = plugin(&sim, &["status", &id]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    let batches = json["batches"].as_array().unwrap();
    assert_eq!(batches.len(), 3);
    for (n, b) in batches.iter().enumerate() {
        assert_eq!(b["number"], n as i64 + 1);
        assert_eq!(b["instances"].as_array().unwrap().len(), 2);
    }
    assert!(json["next"][0].as_str().unwrap().contains(&format!("rollback {id}")));
    let tasks = calls(&sim, "ListTaskExecutions");
    assert!(
        tasks
            .iter()
            .any(|r| r.params["ExecutionId"] == id
                && r.params["IncludeChildTaskExecution"] == "true")
    );
    assert!(
        calls(&sim, "ListExecutions")
            .iter()
            .any(|r| r.params.get("ParentExecutionId") == Some(&id))
    );
    assert!(out.stderr.contains("batch 3 Success"), "{}", out.stderr);
}

#[test]
fn answers_from_the_simulator_are_labelled_a_simulation_once() {
    let sim = sim();
    let out = plugin(&sim, &["list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.stderr.matches("this endpoint is a SIMULATION").count(), 1, "{}", out.stderr);
}

#[test]
fn status_of_an_unknown_execution_is_an_error() {
    let sim = sim();
    let out = plugin(&sim, &["status", "exec-unknown"]);
    assert_eq!(out.code, Some(1));
    assert!(
        error_line(&out).starts_with("Error: execution exec-unknown was not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn list_filters_by_group_and_pages() {
    let sim = sim();
    let a = start_image(&sim, &[]);
    plugin(&sim, &["wait", &a]);
    let b = start_image(&sim, &["--change-id", "second"]);
    let out = plugin(&sim, &["list", "--scaling-group-id", GROUP, "--max-results", "1"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rows = out.json();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["executionId"], b, "newest first");
    assert_eq!(rows[0]["template"], "image");
    let req = &calls(&sim, "ListExecutions").last().unwrap().params.clone();
    assert_eq!(req["TemplateName"], "ACS-ESS-RollingUpdate");
    let other = plugin(&sim, &["list", "--scaling-group-id", "asg-other"]);
    assert_eq!(other.json(), Value::Array(vec![]));
}

#[test]
fn plan_offline_and_live() {
    let sim = sim();
    let offline = plugin(
        &sim,
        &[
            "plan",
            "--instances",
            "10",
            "--batch-number",
            "4",
            "--batch-pause-option",
            "FirstBatchPause",
        ],
    );
    assert_eq!(offline.code, Some(0), "{}", offline.stderr);
    let json = offline.json();
    assert_eq!(json["batches"].as_array().unwrap().len(), 4);
    assert_eq!(json["pauses"], 1);
    assert!(offline.stderr.contains("OOS does not document"), "{}", offline.stderr);
    assert_eq!(sim.call_count(), 0, "offline plan makes no call");
    let live = plugin(&sim, &["plan", "--scaling-group-id", GROUP, "--batch-number", "3"]);
    assert_eq!(live.code, Some(0), "{}", live.stderr);
    assert_eq!(live.json()["instances"], 6);
    assert_eq!(calls(&sim, "DescribeScalingInstances")[0].params["ScalingGroupId"], GROUP);
    // Offline plan needs neither credentials nor a region.
    let bare = run(&["plan", "--instances", "3"], None, &[]);
    assert_eq!(bare.code, Some(0), "{}", bare.stderr);
}

#[test]
fn doctor_reports_sources_and_missing_permissions() {
    let sim = Sim::builder()
        .speed(100.0)
        .demo_groups()
        .missing_permissions(rolling_update_sim::DEFAULT_ACCESS_KEY_ID, &["ecs:RunCommand"])
        .start()
        .unwrap();
    let out = plugin(&sim, &["doctor"]);
    assert_eq!(out.code, Some(1), "a missing permission is a failed check: {}", out.stderr);
    let json = out.json();
    assert_eq!(json["credentials"]["accessKeyId"], sim.access_key_id());
    assert_eq!(json["credentials"]["source"]["kind"], "host");
    assert_eq!(json["call"]["ok"], true);
    let missing: Vec<&Value> = json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["missing"].as_array().is_some_and(|m| !m.is_empty()))
        .collect();
    assert!(!missing.is_empty(), "{json}");
    assert!(out.stderr.contains("ecs:RunCommand"), "{}", out.stderr);
    let templates: Vec<String> = calls(&sim, "GenerateExecutionPolicy")
        .iter()
        .map(|r| r.params["TemplateName"].clone())
        .collect();
    assert_eq!(
        templates,
        [
            "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup",
            "ACS-ESS-RollingUpdateByRunCommandInScalingGroup",
            "ACS-ESS-RollingUpdateByConfigureOOSPackage",
            "ACS-ESS-RollingUpdateByDownloadFileAndRunCommand",
            "ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand",
            "ACS-ESS-RollingUpdateByUpdateContainerGroup",
        ]
    );
    assert_eq!(
        calls(&sim, "ListExecutions")[0].params["MaxResults"],
        "10",
        "the cheap signed call"
    );
}

#[test]
fn cli_query_filters_output() {
    let sim = sim();
    let out = plugin(
        &sim,
        &["plan", "--instances", "4", "--batch-number", "2", "--cli-query", "batches[*].instances"],
    );
    assert_eq!(out.json(), serde_json::json!([2, 2]));
    let bad = plugin(&sim, &["plan", "--instances", "4", "--cli-query", "[["]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
}

#[test]
fn host_contract_help_version_and_ignored_flags() {
    let bare = run(&["rolling-update"], None, &[]);
    assert_eq!(bare.code, Some(0));
    assert!(bare.stdout.contains("Usage"), "{}", bare.stdout);
    for verb in
        ["start", "rollback", "status", "wait", "approve", "cancel", "list", "plan", "doctor"]
    {
        let help = run(&["rolling-update", verb, "--help"], None, &[]);
        assert_eq!(help.code, Some(0), "{verb}");
        assert!(help.stdout.contains("Usage"), "{verb}");
    }
    let version = run(&["rolling-update", "version"], None, &[]);
    assert!(version.stdout.starts_with("aliyun-cli-rolling-update "));
    let sim = sim();
    let out = plugin(
        &sim,
        &[
            "list",
            "-p",
            "default",
            "--mode",
            "AK",
            "--language",
            "en",
            "--read-timeout",
            "20",
            "-y",
            "--endpoint-type",
            "",
            "--region",
            "cn-hangzhou",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

#[test]
fn plain_http_only_to_loopback() {
    let sim = sim();
    let out = plugin(&sim, &["list", "--endpoint", "http://example.com"]);
    assert_eq!(out.code, Some(2));
    assert!(out.stderr.contains("only for loopback"), "{}", out.stderr);
    let host_var = plugin_env(&sim, &["list"], &[("ALIBABA_CLOUD_ENDPOINT", "http://10.1.2.3:80")]);
    assert_eq!(host_var.code, Some(2), "{}", host_var.stderr);
    let localhost =
        plugin(&sim, &["list", "--endpoint", &sim.base_url().replace("127.0.0.1", "localhost")]);
    assert_eq!(localhost.code, Some(0), "{}", localhost.stderr);
}
