//! The `validate` and `schema` verbs, run as the `aliyun` host runs the plugin and standalone.

use rolling_update_tests::{fixture, run};

#[test]
fn validate_a_seed_as_the_host_runs_it() {
    let file = fixture("seed/image-invoke.json");
    let out = run(
        &["rolling-update", "validate", "--template", "image", "--file", file.to_str().unwrap()],
        None,
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let report = out.json();
    assert_eq!(report["valid"], true);
    assert_eq!(report["template"], "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup");
    assert!(report["warnings"].as_u64().unwrap() >= 1);
    assert!(out.stderr.contains("warning[masked_id] at /scalingGroupId"), "{}", out.stderr);
}

#[test]
fn validate_standalone_from_stdin_with_errors_exits_1() {
    let payload = r#"{"invokeType":"rollback","scalingGroupID":"asg-1","batchNumber":0}"#;
    let out = run(
        &[
            "validate",
            "--template",
            "ACS-ESS-RollingUpdateByRunCommandInScalingGroup",
            "--file",
            "-",
        ],
        Some(payload),
        &[],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let report = out.json();
    assert_eq!(report["valid"], false);
    let pointers: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["pointer"].as_str())
        .collect();
    for expected in ["/scalingGroupID", "/batchNumber", "/scalingGroupId", "/sourceExecutionId"] {
        assert!(pointers.contains(&expected), "{expected} missing from {pointers:?}");
    }
    assert!(out.stderr.contains("did you mean `scalingGroupId`"), "{}", out.stderr);
}

#[test]
fn validate_reports_bad_json_with_its_position() {
    let out = run(&["validate", "--template", "package", "--file", "-"], Some("{\"a\": }"), &[]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("line 1 column 7"), "{}", out.stderr);
}

#[test]
fn usage_errors_exit_2() {
    let missing =
        run(&["validate", "--template", "image", "--file", "/nonexistent/p.json"], None, &[]);
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("cannot read /nonexistent/p.json"), "{}", missing.stderr);
    let bad_template = run(&["validate", "--template", "images", "--file", "-"], Some("{}"), &[]);
    assert_eq!(bad_template.code, Some(2));
    assert!(bad_template.stderr.contains("unknown template `images`"), "{}", bad_template.stderr);
    let no_flag = run(&["validate"], None, &[]);
    assert_eq!(no_flag.code, Some(2));
}

#[test]
fn host_flags_after_the_verb_are_accepted() {
    let file = fixture("seed/package-invoke.json");
    let out = run(
        &[
            "rolling-update",
            "validate",
            "--template",
            "package",
            "--file",
            file.to_str().unwrap(),
            "--profile",
            "prod",
            "--region",
            "cn-hangzhou",
            "-y",
            "--language",
            "en",
        ],
        None,
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
}

#[test]
fn schema_prints_the_committed_file() {
    let out = run(&["rolling-update", "schema", "--template", "command"], None, &[]);
    assert_eq!(out.code, Some(0));
    let committed = std::fs::read_to_string(
        rolling_update_tests::root()
            .join("schemas/ACS-ESS-RollingUpdateByRunCommandInScalingGroup.schema.json"),
    )
    .unwrap();
    assert_eq!(out.stdout, committed);
}

#[test]
fn bare_command_and_help_print_help() {
    let bare = run(&["rolling-update"], None, &[]);
    assert_eq!(bare.code, Some(0), "{bare:?}");
    assert!(bare.stdout.contains("Usage") && bare.stdout.contains("validate"), "{bare:?}");
    let help = run(&["rolling-update", "validate", "--help"], None, &[]);
    assert_eq!(help.code, Some(0));
    assert!(help.stdout.contains("--template"), "{}", help.stdout);
}

#[test]
fn version_verb() {
    let out = run(&["rolling-update", "version"], None, &[]);
    assert_eq!(out.code, Some(0));
    assert!(out.stdout.starts_with("aliyun-cli-rolling-update "), "{}", out.stdout);
}
