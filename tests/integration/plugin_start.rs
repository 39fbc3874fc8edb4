//! `start` and `rollback`: request parameters, filled-in image fields, pre-flight refusals,
//! dry runs.

use rolling_update_sim::model::ess::{DEMO_CONFIGURATION_ID, DEMO_LT_GROUP_ID, DEMO_OLD_IMAGE};
use serde_json::Value;

use crate::support::*;

#[test]
fn start_fills_image_fields_and_sends_a_tagged_request_with_a_client_token() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "2"]);
    let starts = calls(&sim, "StartExecution");
    assert_eq!(starts.len(), 1);
    let p = &starts[0].params;
    assert_eq!(p["TemplateName"], "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup");
    assert_eq!(p["RegionId"], "cn-hangzhou");
    assert_eq!(p["SafetyCheck"], "Skip");
    assert!(p["ClientToken"].starts_with("rolling-update-"));
    assert_eq!(p["Description"], format!("aliyun rolling-update: image invoke of {GROUP}"));
    let tags: Value = serde_json::from_str(&p["Tags"]).unwrap();
    assert_eq!(tags["rolling-update:scaling-group"], GROUP);
    let params: Value = serde_json::from_str(&p["Parameters"]).unwrap();
    assert_eq!(params["invokeType"], "invoke");
    assert_eq!(params["scalingConfigurationId"], DEMO_CONFIGURATION_ID, "filled from the group");
    assert_eq!(params["sourceImageId"], DEMO_OLD_IMAGE, "filled from the configuration");
    assert_eq!(params["batchNumber"], 2);
    for action in
        ["DescribeScalingGroups", "DescribeScalingConfigurations", "DescribeScalingInstances"]
    {
        assert!(!calls(&sim, action).is_empty(), "pre-flight reads {action}");
    }
    assert_eq!(calls(&sim, "DescribeScalingGroups")[0].params["ScalingGroupId.1"], GROUP);
    assert!(id.starts_with("exec-"));
    assert_all_verified(&sim);
}

#[test]
fn start_says_what_it_filled_in_and_prints_the_rollback_command() {
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
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("filled in sourceImageId = {DEMO_OLD_IMAGE}")),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("filled in scalingConfigurationId"), "{}", out.stderr);
    let json = out.json();
    let id = json["executionId"].as_str().unwrap();
    assert_eq!(
        json["rollbackCommand"],
        format!(
            "aliyun rolling-update rollback {id} --region cn-hangzhou --endpoint {}",
            sim.base_url()
        ),
        "the command reaches the same endpoint"
    );
    let filled: Vec<&str> =
        json["filled"].as_array().unwrap().iter().filter_map(|f| f["key"].as_str()).collect();
    assert_eq!(
        filled,
        ["enterProcess", "exitProcess", "scalingConfigurationId", "sourceImageId"],
        "the process lists are sent explicitly, then the image fields read from the group"
    );
    assert!(
        out.stderr.contains(
            "filled in enterProcess = ScaleIn,ScaleOut,HealthCheck,AlarmNotification,\
             ScheduledAction: the template's default, sent explicitly so a rollback finds it"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn given_image_fields_are_not_overwritten() {
    let sim = sim();
    start_image(&sim, &["--source-image-id", "m-mine"]);
    let params: Value =
        serde_json::from_str(&calls(&sim, "StartExecution")[0].params["Parameters"]).unwrap();
    assert_eq!(params["sourceImageId"], "m-mine");
}

#[test]
fn the_same_start_twice_follows_or_refuses_instead_of_starting_again() {
    let sim = sim();
    let first = start_image(&sim, &["--batch-pause-option", "EveryBatchPause"]);
    let same = |extra: &[&str]| {
        let mut args = vec![
            "start",
            "-y",
            "--template",
            "image",
            "--scaling-group-id",
            GROUP,
            "--image-id",
            NEW_IMAGE,
            "--batch-pause-option",
            "EveryBatchPause",
        ];
        args.extend_from_slice(extra);
        plugin(&sim, &args)
    };
    // Running or waiting: a re-run (a re-run CI job) re-attaches to the first execution.
    let again = same(&[]);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(again.stderr.contains(&format!("already started: {first}")), "{}", again.stderr);
    assert_eq!(again.json()["alreadyStarted"], true);
    let lookup = calls(&sim, "ListExecutions");
    assert!(
        lookup.iter().any(|r| r
            .params
            .get("Tags")
            .is_some_and(|t| t.contains("rolling-update:client-token"))),
        "the token was looked up by its tag"
    );
    let followed = same(&["--wait"]);
    assert!(
        followed.stderr.contains(&format!("already started: following {first}")),
        "{}",
        followed.stderr
    );
    assert_eq!(followed.code, Some(5), "exits as wait does at the pause: {}", followed.stderr);
    assert_eq!(calls(&sim, "StartExecution").len(), 1, "nothing started twice");
    // Ended: refused, naming the earlier execution, its end and --change-id.
    assert_eq!(plugin(&sim, &["cancel", &first, "-y"]).code, Some(0));
    let ended = same(&[]);
    assert_eq!(ended.code, Some(1), "{}", ended.stderr);
    assert!(
        ended.stderr.contains(&first) && ended.stderr.contains("ended Cancelled"),
        "{}",
        ended.stderr
    );
    assert!(ended.stderr.contains("--change-id"), "{}", ended.stderr);
    assert_eq!(ended.json()["refusals"][0]["code"], "already_ran");
    assert_eq!(calls(&sim, "StartExecution").len(), 1, "a refusal sends no StartExecution");
    // A new change id runs the same change again.
    let rerun = same(&["--change-id", "CHG-2"]);
    assert_eq!(rerun.code, Some(0), "{}", rerun.stderr);
    assert_eq!(calls(&sim, "StartExecution").len(), 2);
    let token = |change: &str| {
        let out = plugin(
            &sim,
            &[
                "start",
                "--cli-dry-run",
                "--template",
                "image",
                "--scaling-group-id",
                GROUP,
                "--image-id",
                NEW_IMAGE,
                "--change-id",
                change,
            ],
        );
        out.json()["parameters"]["ClientToken"].as_str().unwrap().to_owned()
    };
    assert_eq!(token("CHG-1"), token("CHG-1"));
    assert_ne!(token("CHG-1"), token("CHG-2"));
}

#[test]
fn pre_flight_refusals() {
    let sim = sim();
    let refused = |args: &[&str], code: &str| {
        let out = plugin(&sim, args);
        assert_eq!(out.code, Some(1), "{args:?}: {}", out.stderr);
        let json = out.json();
        assert_eq!(json["started"], false);
        assert_eq!(json["refusals"][0]["code"], code, "{args:?}: {}", out.stderr);
        assert!(out.stderr.contains("refused:"), "{}", out.stderr);
    };
    refused(
        &[
            "start",
            "-y",
            "--template",
            "command",
            "--scaling-group-id",
            "asg-doesnotexist",
            "--invoke-script",
            "echo",
        ],
        "group_not_found",
    );
    refused(
        &[
            "start",
            "-y",
            "--template",
            "command",
            "--scaling-group-id",
            GROUP,
            "--invoke-script",
            "echo",
            "--lifecycle-state",
            "Protected",
        ],
        "no_instances",
    );
    refused(
        &[
            "start",
            "-y",
            "--template",
            "image",
            "--scaling-group-id",
            DEMO_LT_GROUP_ID,
            "--image-id",
            NEW_IMAGE,
            "--scaling-configuration-id",
            "asc-x",
        ],
        "launch_template_configuration",
    );
    assert!(sim.with_world(|w| w.set_group_lifecycle_state(DEMO_LT_GROUP_ID, "Inactive")));
    refused(
        &[
            "start",
            "-y",
            "--template",
            "command",
            "--scaling-group-id",
            DEMO_LT_GROUP_ID,
            "--invoke-script",
            "echo",
        ],
        "group_not_active",
    );
    start_image(&sim, &["--batch-pause-option", "FirstBatchPause", "--batch-number", "3"]);
    refused(
        &[
            "start",
            "-y",
            "--template",
            "command",
            "--scaling-group-id",
            GROUP,
            "--invoke-script",
            "echo",
        ],
        "update_in_progress",
    );
    assert_eq!(calls(&sim, "StartExecution").len(), 1, "refusals send nothing");
}

#[test]
fn launch_template_groups_are_warned_and_batch_number_checked() {
    let sim = sim();
    let out = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "image",
            "--scaling-group-id",
            DEMO_LT_GROUP_ID,
            "--image-id",
            NEW_IMAGE,
            "--batch-number",
            "9",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("launch template's image is not updated"), "{}", out.stderr);
    assert!(
        out.stderr.contains("batchNumber 9 exceeds the 4 selected instances"),
        "{}",
        out.stderr
    );
    let params: Value =
        serde_json::from_str(&calls(&sim, "StartExecution")[0].params["Parameters"]).unwrap();
    assert!(params.get("scalingConfigurationId").is_none());
}

#[test]
fn validation_errors_stop_start_before_any_call() {
    let sim = sim();
    let out = plugin(&sim, &["start", "--template", "image", "--scaling-group-id", GROUP]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("imageId"), "{}", out.stderr);
    assert_eq!(sim.call_count(), 0);
}

#[test]
fn dry_run_sends_nothing_and_prints_the_aliyun_command() {
    let sim = sim();
    let out = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--cli-dry-run",
            "--template",
            "command",
            "--scaling-group-id",
            GROUP,
            "--invoke-script",
            "echo 'hi'",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["action"], "StartExecution");
    assert_eq!(json["endpoint"], sim.base_url());
    let command = json["command"].as_str().unwrap();
    assert!(command.starts_with("aliyun oos StartExecution --region cn-hangzhou --TemplateName ACS-ESS-RollingUpdateByRunCommandInScalingGroup --Parameters '"), "{command}");
    assert!(command.ends_with(&format!(" --endpoint {}", sim.base_url())), "{command}");
    for verb in [vec!["approve", "exec-1"], vec!["cancel", "exec-1"]] {
        let mut args = verb.clone();
        args.push("--cli-dry-run");
        let out = plugin(&sim, &args);
        assert_eq!(out.code, Some(0), "{}", out.stderr);
        assert!(out.json()["command"].as_str().unwrap().starts_with("aliyun oos "));
    }
    assert_eq!(sim.call_count(), 0, "a dry run sends nothing");
}

#[test]
fn rollback_derives_its_parameters_from_the_source() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "2"]);
    let waited = plugin(&sim, &["wait", &id]);
    assert_eq!(waited.code, Some(0), "{}", waited.stderr);
    let out = plugin(&sim, &["rollback", &id, "--wait", "-y"]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    let starts = calls(&sim, "StartExecution");
    assert_eq!(starts.len(), 2);
    let params: Value = serde_json::from_str(&starts[1].params["Parameters"]).unwrap();
    assert_eq!(params["invokeType"], "rollback");
    assert_eq!(params["sourceExecutionId"], id);
    assert_eq!(params["sourceImageId"], DEMO_OLD_IMAGE);
    assert_eq!(params["batchNumber"], 2);
    assert!(params.get("imageId").is_none(), "a rollback does not read imageId");
    assert!(out.stderr.contains("rollback of"), "{}", out.stderr);
    // A command update without a recorded rollback script needs one.
    let cmd = plugin(
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
    let cmd_id = cmd
        .stderr
        .lines()
        .find_map(|l| l.strip_prefix("started "))
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_owned();
    let missing = plugin(&sim, &["rollback", &cmd_id, "-y"]);
    assert_eq!(missing.code, Some(1));
    assert!(missing.stderr.contains("pass --rollback-script"), "{}", missing.stderr);
}

/// Runs `start` on a pseudo-terminal (util-linux `script`), answering the prompt with `answer`.
#[cfg(target_os = "linux")]
fn start_on_a_terminal(
    sim: &rolling_update_sim::SimHandle,
    answer: &str,
    extra: &str,
) -> Option<(i32, String)> {
    on_a_terminal(
        sim,
        &format!("start --template command --scaling-group-id {GROUP} --invoke-script hi {extra}"),
        answer,
    )
}

#[cfg(target_os = "linux")]
#[test]
fn a_terminal_asks_for_confirmation_unless_yes() {
    let sim = sim();
    let Some((code, screen)) = start_on_a_terminal(&sim, "n\n", "") else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("Start this rolling update? [y/N]"), "{screen}");
    assert!(calls(&sim, "StartExecution").is_empty());
    let (code, screen) = start_on_a_terminal(&sim, "", "-y").unwrap();
    assert_eq!(code, 0, "{screen}");
    assert!(!screen.contains("[y/N]"), "{screen}");
    assert_eq!(calls(&sim, "StartExecution").len(), 1);
}

#[cfg(target_os = "linux")]
#[test]
fn the_rollback_confirmation_shows_what_runs_once_and_asks() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "2"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(0));
    let Some((code, screen)) = on_a_terminal(&sim, &format!("rollback {id}"), "n\n") else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("Start this rollback? [y/N]"), "{screen}");
    assert_eq!(screen.matches("rollback of").count(), 1, "shown once: {screen}");
    assert_eq!(screen.matches("\"invokeType\": \"rollback\"").count(), 1, "{screen}");
    assert_eq!(calls(&sim, "StartExecution").len(), 1, "the rollback was not started");
}

/// Ctrl-C at the confirmation prompt ends the plugin at once (exit 130): the line typed after
/// it does not become the answer, and nothing is started.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_at_the_prompt_ends_the_plugin() {
    use std::io::{Read, Write};
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let sim = sim();
    let inner = format!(
        "{} rolling-update start --template command --scaling-group-id {GROUP} --invoke-script hi",
        rolling_update_tests::binary().display()
    );
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &inner, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in host_env(&sim) {
        cmd.env(k, v);
    }
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    let screen = Arc::new(Mutex::new(String::new()));
    let mut stdout = child.stdout.take().unwrap();
    let sink = screen.clone();
    let reader = std::thread::spawn(move || {
        let mut buf = [0u8; 1024];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n]));
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while !screen.lock().unwrap().contains("[y/N]") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(screen.lock().unwrap().contains("[y/N]"), "{}", screen.lock().unwrap());
    let mut stdin = child.stdin.take().unwrap();
    // ^C on the terminal, then an answer that must not count.
    stdin.write_all(b"\x03").unwrap();
    stdin.flush().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let _ = stdin.write_all(b"y\n");
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    assert_eq!(status.code(), Some(130), "{}", screen.lock().unwrap());
    assert!(calls(&sim, "StartExecution").is_empty(), "nothing was started");
}
