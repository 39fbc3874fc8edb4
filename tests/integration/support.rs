//! Running the plugin against the simulator: environment, recorded requests, helpers.

use rolling_update_sim::model::ess::{DEMO_GROUP_ID, DEMO_NEW_IMAGE};
use rolling_update_sim::{RecordedRequest, Sim, SimHandle, TEST_SPEED};
use rolling_update_tests::{Run, run};

pub(crate) const GROUP: &str = DEMO_GROUP_ID;
pub(crate) const NEW_IMAGE: &str = DEMO_NEW_IMAGE;

/// A simulator with the demo groups at test speed.
pub(crate) fn sim() -> SimHandle {
    Sim::builder().speed(TEST_SPEED).demo_groups().start().expect("starting the simulator")
}

/// Variables that point the plugin at `sim` with the host's contract.
pub(crate) fn host_env(sim: &SimHandle) -> Vec<(String, String)> {
    vec![
        ("ALIBABA_CLOUD_CLI_VERSION".into(), "3.4.11".into()),
        ("ALIBABA_CLOUD_ACCESS_KEY_ID".into(), sim.access_key_id().into()),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET".into(), sim.access_key_secret().into()),
        ("ALIBABA_CLOUD_SECURITY_TOKEN".into(), String::new()),
        ("ALIBABA_CLOUD_REGION_ID".into(), "cn-hangzhou".into()),
        ("ALIBABA_CLOUD_ENDPOINT".into(), sim.base_url()),
        ("ALIYUN_ROLLING_UPDATE_POLL_MS".into(), "40".into()),
    ]
}

/// Runs the plugin as the host would (`rolling-update <args>`) against `sim`.
pub(crate) fn plugin(sim: &SimHandle, args: &[&str]) -> Run {
    plugin_env(sim, args, &[])
}

/// Like [`plugin`], with extra variables.
pub(crate) fn plugin_env(sim: &SimHandle, args: &[&str], extra: &[(&str, &str)]) -> Run {
    let mut env = host_env(sim);
    for (k, v) in extra {
        env.retain(|(key, _)| key != k);
        env.push(((*k).into(), (*v).into()));
    }
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut argv = vec!["rolling-update"];
    argv.extend_from_slice(args);
    let out = run(&argv, None, &env);
    assert!(
        !out.stdout.contains(sim.access_key_secret())
            && !out.stderr.contains(sim.access_key_secret()),
        "the secret leaked into the output"
    );
    out
}

/// The requests of one action.
pub(crate) fn calls(sim: &SimHandle, action: &str) -> Vec<RecordedRequest> {
    sim.requests().into_iter().filter(|r| r.action == action).collect()
}

/// Starts an image update and returns its execution id.
pub(crate) fn start_image(sim: &SimHandle, extra: &[&str]) -> String {
    let mut args = vec![
        "start",
        "-y",
        "--template",
        "image",
        "--scaling-group-id",
        GROUP,
        "--image-id",
        NEW_IMAGE,
    ];
    args.extend_from_slice(extra);
    let out = plugin(sim, &args);
    assert_eq!(out.code, Some(0), "start failed:\n{}\n{}", out.stdout, out.stderr);
    out.json()["executionId"].as_str().expect("executionId").to_owned()
}

/// Asserts every recorded request carried a valid signature.
pub(crate) fn assert_all_verified(sim: &SimHandle) {
    for r in sim.requests() {
        assert!(r.verified, "{} was not signed correctly", r.action);
    }
}

/// The first line of stderr that reports an error (the simulator's note may come before it).
pub(crate) fn error_line(out: &Run) -> &str {
    out.stderr.lines().find(|l| l.starts_with("Error: ")).unwrap_or("")
}
