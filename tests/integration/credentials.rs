//! Credentials and region: from the host's variables, from config.json (AK and StsToken), and
//! the failure messages; the secret never appears in any output.

use std::path::{Path, PathBuf};

use rolling_update_sim::{Sim, SimHandle};
use rolling_update_tests::{Run, run};

use crate::support::*;

const ID: &str = "LTAIconfigfileid0001";
const SECRET: &str = "ConfigFileSecretValue0123456789";
const TOKEN: &str = "CAISstsTokenValueForTheTest";

fn home_with(config: &str, name: &str) -> PathBuf {
    let home =
        std::env::temp_dir().join(format!("rolling-update-cred-{name}-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".aliyun")).unwrap();
    std::fs::write(home.join(".aliyun/config.json"), config).unwrap();
    home
}

fn standalone(home: &Path, sim: &SimHandle, args: &[&str], extra: &[(&str, &str)]) -> Run {
    let url = sim.base_url();
    let mut argv = args.to_vec();
    argv.extend_from_slice(&["--endpoint", &url]);
    let home = home.display().to_string();
    let mut env = vec![("HOME", home.as_str())];
    env.extend_from_slice(extra);
    let out = run(&argv, None, &env);
    for secret in [SECRET, TOKEN, sim.access_key_secret()] {
        assert!(!out.stdout.contains(secret) && !out.stderr.contains(secret), "secret in output");
    }
    out
}

#[test]
fn host_variables_are_used_and_an_empty_token_means_none() {
    let sim = sim();
    let out = plugin(&sim, &["list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let r = &sim.requests()[0];
    assert!(r.verified);
    assert_eq!(r.access_key_id.as_deref(), Some(sim.access_key_id()));
    assert!(
        !r.params.contains_key("SecurityToken")
            && !r.headers.iter().any(|(k, _)| k == "x-acs-security-token")
    );
    assert_eq!(r.params["RegionId"], "cn-hangzhou");
    let region = plugin(&sim, &["list", "--region", "cn-beijing"]);
    assert_eq!(region.code, Some(0));
    assert_eq!(sim.requests().last().unwrap().params["RegionId"], "cn-beijing", "--region wins");
}

#[test]
fn config_json_ak_profile() {
    let sim = Sim::builder().speed(100.0).access_key(ID, SECRET).demo_groups().start().unwrap();
    let home = home_with(
        &format!(
            r#"{{"current":"dev","profiles":[{{"name":"dev","mode":"AK","access_key_id":"{ID}","access_key_secret":"{SECRET}","region_id":"cn-hangzhou"}}]}}"#
        ),
        "ak",
    );
    let out = standalone(&home, &sim, &["list"], &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(sim.requests()[0].verified);
    assert_eq!(sim.requests()[0].access_key_id.as_deref(), Some(ID));
    let doctor = standalone(&home, &sim, &["doctor"], &[]);
    assert!(doctor.stderr.contains("profile `dev`"), "{}", doctor.stderr);
    let missing = standalone(&home, &sim, &["list", "--profile", "nope"], &[]);
    assert_eq!(missing.code, Some(2));
    assert!(missing.stderr.contains("profile `nope`"), "{}", missing.stderr);
}

#[test]
fn printed_commands_carry_the_profile_the_config_path_and_the_endpoint() {
    let sim = Sim::builder().speed(100.0).access_key(ID, SECRET).demo_groups().start().unwrap();
    let home = home_with(
        &format!(
            r#"{{"current":"other","profiles":[{{"name":"other","mode":"AK","access_key_id":"x","access_key_secret":"y","region_id":"cn-beijing"}},{{"name":"second","mode":"AK","access_key_id":"{ID}","access_key_secret":"{SECRET}","region_id":"cn-hangzhou"}}]}}"#
        ),
        "target",
    );
    let config = home.join(".aliyun/config.json").display().to_string();
    let out = standalone(
        &home,
        &sim,
        &[
            "start",
            "-y",
            "--profile",
            "second",
            "--config-path",
            &config,
            "--template",
            "image",
            "--scaling-group-id",
            GROUP,
            "--image-id",
            NEW_IMAGE,
        ],
        &[],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let rollback = out.json()["rollbackCommand"].as_str().unwrap().to_owned();
    let id = out.json()["executionId"].as_str().unwrap().to_owned();
    assert_eq!(
        rollback,
        format!(
            "aliyun rolling-update rollback {id} --region cn-hangzhou --endpoint {} --profile \
             second --config-path {config}",
            sim.base_url()
        ),
        "pasted, it reaches the same account and endpoint"
    );
}

#[test]
fn config_json_sts_profile_sends_the_token() {
    let sim = Sim::builder()
        .speed(100.0)
        .sts_access_key(ID, SECRET, TOKEN)
        .demo_groups()
        .start()
        .unwrap();
    let home = home_with(
        &format!(
            r#"{{"current":"sts","profiles":[{{"name":"sts","mode":"StsToken","access_key_id":"{ID}","access_key_secret":"{SECRET}","sts_token":"{TOKEN}","region_id":"cn-hangzhou"}}]}}"#
        ),
        "sts",
    );
    let out = standalone(&home, &sim, &["list"], &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(sim.requests().iter().all(|r| r.verified), "the simulator checks the token");
}

#[test]
fn failure_messages() {
    let sim = sim();
    let ram = home_with(
        r#"{"current":"r","profiles":[{"name":"r","mode":"RamRoleArn","access_key_id":"a","access_key_secret":"b","ram_role_arn":"acs:ram::1:role/x","region_id":"cn-hangzhou"}]}"#,
        "ram",
    );
    let out = standalone(&ram, &sim, &["list"], &[]);
    assert_eq!(out.code, Some(2));
    assert!(
        out.stderr.contains("RamRoleArn") && out.stderr.contains("through the host"),
        "{}",
        out.stderr
    );
    let empty = home_with("{}", "empty");
    let none = standalone(&empty, &sim, &["list"], &[("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")]);
    assert_eq!(none.code, Some(2));
    assert!(none.stderr.starts_with("Error: no credentials"), "{}", none.stderr);
    let no_region = standalone(
        &empty,
        &sim,
        &["list"],
        &[("ALIBABA_CLOUD_ACCESS_KEY_ID", "a"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "b")],
    );
    assert_eq!(no_region.code, Some(2));
    assert!(no_region.stderr.contains("no region"), "{}", no_region.stderr);
    let broken = home_with("{not json", "broken");
    let bad = standalone(&broken, &sim, &["list"], &[]);
    assert_eq!(bad.code, Some(2));
    assert!(bad.stderr.contains("config file"), "{}", bad.stderr);
    assert_eq!(sim.call_count(), 0);
}

#[test]
fn a_wrong_secret_is_one_clear_error_and_never_printed() {
    let sim = sim();
    let wrong = "WrongSecretThatMustNotAppear";
    let out = plugin_env(&sim, &["list"], &[("ALIBABA_CLOUD_ACCESS_KEY_SECRET", wrong)]);
    assert_eq!(out.code, Some(1));
    assert!(error_line(&out).starts_with("Error: SignatureDoesNotMatch: "), "{}", out.stderr);
    assert!(out.stderr.contains("(RequestId "), "{}", out.stderr);
    assert!(out.stderr.contains("Hint: check the AccessKey secret"), "{}", out.stderr);
    assert!(!out.stderr.contains(wrong) && !out.stdout.contains(wrong));
    assert_eq!(sim.call_count(), 1, "a 4xx is not retried");
}

#[test]
fn host_sts_token_is_sent() {
    let sim = Sim::builder()
        .speed(100.0)
        .sts_access_key(ID, SECRET, TOKEN)
        .demo_groups()
        .start()
        .unwrap();
    let out = plugin_env(
        &sim,
        &["list"],
        &[
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", ID),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN),
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(sim.requests()[0].verified);
    assert!(!out.stderr.contains(TOKEN) && !out.stdout.contains(TOKEN));
}

#[test]
fn a_skewed_clock_gets_a_hint() {
    let sim = sim();
    sim.inject(rolling_update_sim::Fault::ClockSkew { seconds: 3_600 });
    let out = plugin(&sim, &["list"]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains("IllegalTimestamp"), "{}", out.stderr);
    assert!(
        out.stderr.contains("Hint: ") && out.stderr.contains("check the clock"),
        "{}",
        out.stderr
    );
    assert_eq!(sim.call_count(), 1, "a clock error is not retried");
}

#[test]
fn both_signatures_are_accepted() {
    let sim = sim();
    assert_eq!(plugin(&sim, &["list"]).code, Some(0));
    let out = plugin(&sim, &["list", "--signature-algorithm", "HMAC-SHA1"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let reqs = sim.requests();
    assert_eq!(reqs[0].signature, rolling_update_sim::SignatureKind::V3);
    assert_eq!(reqs[1].signature, rolling_update_sim::SignatureKind::V2);
    assert!(reqs.iter().all(|r| r.verified));
}
