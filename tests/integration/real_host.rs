//! The plugin under the `aliyun` host: installed from the archive `scripts/package.sh` builds,
//! run by the host with its profiles, flags and environment, against the simulator.
//!
//! The host is the real one (`ALIYUN_REAL_HOST`, else what `scripts/real-host.sh` prints). When
//! that script says the real host cannot be had here (exit 3: the Go module proxy does not serve
//! its module; exit 2: no Go), the same tests run against the project's stand-in for the host's
//! plugin contract (`tests/src/bin/host_standin.rs`) and say so on stderr; set
//! `ROLLING_UPDATE_REQUIRE_REAL_HOST=1` to make that a failure instead.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rolling_update_sim::model::FailTarget;
use rolling_update_sim::{Fault, Sim, SimHandle, TEST_SPEED};
use rolling_update_tests::{Run, fixture, package_archive, root};

use crate::support::{GROUP, NEW_IMAGE, calls};

const ID: &str = "LTAIhostprofileid001";
const SECRET: &str = "HostProfileSecretValue0123456789";
const TOKEN: &str = "CAIShostStsTokenValueForTheTest";

/// The `aliyun` binary the tests run, and whether it is the real host.
#[derive(Debug)]
struct Host {
    path: PathBuf,
    real: bool,
}

fn host() -> &'static Host {
    static HOST: OnceLock<Host> = OnceLock::new();
    HOST.get_or_init(|| {
        if let Some(path) = std::env::var_os("ALIYUN_REAL_HOST").filter(|p| !p.is_empty()) {
            let path = PathBuf::from(path);
            assert!(path.is_file(), "ALIYUN_REAL_HOST={} is not a file", path.display());
            return Host { path, real: true };
        }
        let reason = match std::env::var("ALIYUN_REAL_HOST_UNAVAILABLE") {
            Ok(reason) if !reason.is_empty() => reason,
            _ => {
                let out = Command::new("bash")
                    .arg("scripts/real-host.sh")
                    .current_dir(root())
                    .stderr(Stdio::piped())
                    .output()
                    .expect("running scripts/real-host.sh");
                let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
                match out.status.code() {
                    Some(0) => {
                        let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
                        return Host { path, real: true };
                    }
                    Some(2 | 3) => stderr,
                    other => panic!("scripts/real-host.sh failed ({other:?}):\n{stderr}"),
                }
            }
        };
        assert!(
            std::env::var("ROLLING_UPDATE_REQUIRE_REAL_HOST").as_deref() != Ok("1"),
            "the real aliyun host is required but unavailable: {reason}"
        );
        eprintln!(
            "real_host: THE REAL aliyun HOST IS UNAVAILABLE HERE ({}); these tests run against \
             the project's stand-in for its plugin contract",
            reason.trim()
        );
        Host { path: PathBuf::from(env!("CARGO_BIN_EXE_aliyun-host-standin")), real: false }
    })
}

/// A temporary HOME and plugin folder, with the plugin installed from its archive.
struct Machine {
    home: PathBuf,
    plugins: PathBuf,
}

impl Machine {
    fn new(name: &str) -> Machine {
        let home = std::env::temp_dir()
            .join(format!("rolling-update-real-host-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&home);
        let plugins = home.join("plugin-dir");
        std::fs::create_dir_all(&plugins).expect("creating the temporary HOME");
        Machine { home, plugins }
    }

    fn installed(name: &str) -> Machine {
        let m = Machine::new(name);
        let out = m.aliyun(&["plugin", "install", "--package", &archive()], &[]);
        assert_eq!(out.code, Some(0), "install failed:\n{}\n{}", out.stdout, out.stderr);
        m
    }

    /// The host as a user runs it: a clean environment (no proxies, no Alibaba Cloud
    /// variables) but for HOME, the plugin folder, PATH and `env`.
    fn command(&self, args: &[&str], env: &[(&str, &str)]) -> Command {
        let mut c = Command::new(&host().path);
        c.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", &self.home)
            .env("ALIBABA_CLOUD_CLI_PLUGINS_DIR", &self.plugins)
            .env("NO_COLOR", "1")
            .env("ALIYUN_ROLLING_UPDATE_POLL_MS", "40")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    fn aliyun(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = self.command(args, env).output().expect("running the host");
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert_no_secret(&run);
        run
    }

    /// `aliyun rolling-update <args>` against `sim` with the host's `--endpoint host:port
    /// --insecure`.
    fn plugin(&self, sim: &SimHandle, args: &[&str], env: &[(&str, &str)]) -> Run {
        let endpoint = endpoint(sim);
        let mut argv = vec!["rolling-update"];
        argv.extend_from_slice(args);
        argv.extend(["--endpoint", endpoint.as_str(), "--insecure"]);
        self.aliyun(&argv, env)
    }

    fn configure(&self, args: &[&str]) {
        let mut argv = vec!["configure", "set"];
        argv.extend_from_slice(args);
        let out = self.aliyun(&argv, &[]);
        assert_eq!(out.code, Some(0), "configure set failed:\n{}\n{}", out.stdout, out.stderr);
    }
}

impl Drop for Machine {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// The archive `scripts/package.sh` built for this test run.
fn archive() -> String {
    package_archive().display().to_string()
}

/// The simulator's address as the host takes `--endpoint`: a bare `host:port`.
fn endpoint(sim: &SimHandle) -> String {
    sim.addr().to_string()
}

fn assert_no_secret(run: &Run) {
    for secret in [SECRET, TOKEN] {
        assert!(
            !run.stdout.contains(secret) && !run.stderr.contains(secret),
            "a secret was printed:\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
}

fn sim_with_key() -> SimHandle {
    Sim::builder().speed(TEST_SPEED).access_key(ID, SECRET).demo_groups().start().expect("sim")
}

/// A machine whose `current` profile is an AK profile the simulator accepts.
fn with_ak_profile(name: &str) -> Machine {
    let m = Machine::installed(name);
    m.configure(&[
        "--profile",
        "ak",
        "--mode",
        "AK",
        "--access-key-id",
        ID,
        "--access-key-secret",
        SECRET,
        "--region",
        "cn-hangzhou",
    ]);
    m
}

fn execution_id(run: &Run) -> String {
    run.json()["executionId"].as_str().expect("executionId in the output").to_owned()
}

#[test]
fn plugin_install_list_and_uninstall() {
    let m = Machine::installed("install");
    assert!(m.plugins.join("aliyun-cli-rolling-update/aliyun-cli-rolling-update").is_file());
    let list = m.aliyun(&["plugin", "list"], &[]);
    assert_eq!(list.code, Some(0), "{}", list.stderr);
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        list.stdout.lines().any(|l| l.contains("aliyun-cli-rolling-update") && l.contains(version)),
        "plugin list:\n{}",
        list.stdout
    );
    let again = m.aliyun(&["plugin", "install", "--package", &archive()], &[]);
    assert_eq!(again.code, Some(0), "reinstalling replaces: {}", again.stderr);
    let gone = m.aliyun(&["plugin", "uninstall", "--name", "aliyun-cli-rolling-update"], &[]);
    assert_eq!(gone.code, Some(0), "{}\n{}", gone.stdout, gone.stderr);
    let list = m.aliyun(&["plugin", "list"], &[]);
    assert!(!list.stdout.contains("aliyun-cli-rolling-update"), "{}", list.stdout);
    assert!(!m.plugins.join("aliyun-cli-rolling-update").exists());
    let after = m.aliyun(&["rolling-update", "version"], &[]);
    assert_ne!(after.code, Some(0), "an uninstalled plugin no longer runs: {}", after.stdout);
}

#[test]
fn help_version_and_offline_verbs_need_no_profile() {
    let m = Machine::installed("offline");
    let help = m.aliyun(&["rolling-update", "--help"], &[]);
    assert_eq!(help.code, Some(0), "{}", help.stderr);
    assert!(help.stdout.contains("Usage: aliyun rolling-update"), "{}", help.stdout);
    let version = m.aliyun(&["rolling-update", "version"], &[]);
    assert_eq!(version.code, Some(0), "{}", version.stderr);
    assert!(version.stdout.contains(env!("CARGO_PKG_VERSION")), "{}", version.stdout);

    let example = fixture("../../examples/image-invoke.json").display().to_string();
    let valid =
        m.aliyun(&["rolling-update", "validate", "--template", "image", "--file", &example], &[]);
    assert_eq!(valid.code, Some(0), "{}\n{}", valid.stdout, valid.stderr);
    assert_eq!(valid.json()["valid"], true, "{}", valid.stdout);
    let invalid = m.aliyun(
        &["rolling-update", "validate", "--template", "image", "--file", "/nonexistent.json"],
        &[],
    );
    assert_eq!(invalid.code, Some(2), "usage errors pass through: {}", invalid.stderr);

    let render = m.aliyun(
        &[
            "rolling-update",
            "render",
            "--template",
            "image",
            "--scaling-group-id",
            GROUP,
            "--image-id",
            NEW_IMAGE,
            "--shell",
            "bash",
            "--region",
            "cn-hangzhou",
        ],
        &[],
    );
    assert_eq!(render.code, Some(0), "{}", render.stderr);
    assert!(render.stdout.starts_with("aliyun oos StartExecution --region cn-hangzhou "));
    assert_eq!(render.stdout.lines().count(), 1, "only the command on stdout: {}", render.stdout);

    let schema = m.aliyun(&["rolling-update", "schema", "--template", "command"], &[]);
    assert_eq!(schema.code, Some(0), "{}", schema.stderr);
    assert!(schema.json()["properties"].is_object(), "{}", schema.stdout);
    let plan =
        m.aliyun(&["rolling-update", "plan", "--instances", "10", "--batch-number", "4"], &[]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert_eq!(plan.json()["instances"], 10, "{}", plan.stdout);
}

#[test]
fn profiles_written_by_the_host_sign_the_calls() {
    let sim = sim_with_key();
    let m = with_ak_profile("ak");
    let out = m.plugin(&sim, &["list"], &[]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    let r = sim.requests();
    assert!(!r.is_empty() && r.iter().all(|r| r.verified), "signatures verified: {r:?}");
    assert!(r.iter().all(|r| r.access_key_id.as_deref() == Some(ID)));
    assert!(r.iter().all(|r| r.params.get("RegionId").map(String::as_str) == Some("cn-hangzhou")));
    assert!(
        out.stderr.contains("SIMULATION"),
        "the plugin reached the simulator over plain http: {}",
        out.stderr
    );

    // --region given to the host reaches the plugin.
    sim.clear_requests();
    let region = m.plugin(&sim, &["list", "--region", "cn-beijing"], &[]);
    assert_eq!(region.code, Some(0), "{}", region.stderr);
    assert!(sim.requests().iter().all(|r| r.params["RegionId"] == "cn-beijing"));

    // --profile picks another profile over `current`: a wrong key in `current` is refused.
    m.configure(&[
        "--profile",
        "wrong",
        "--mode",
        "AK",
        "--access-key-id",
        "LTAIwrongkeyid000001",
        "--access-key-secret",
        "WrongSecretValue000000000000",
        "--region",
        "cn-hangzhou",
    ]);
    let rejected = m.plugin(&sim, &["list", "--profile", "wrong"], &[]);
    assert_eq!(rejected.code, Some(1), "{}", rejected.stderr);
    assert!(rejected.stderr.contains("InvalidAccessKeyId"), "{}", rejected.stderr);
    assert!(!rejected.stderr.contains("WrongSecretValue"), "{}", rejected.stderr);
    sim.clear_requests();
    let chosen = m.plugin(&sim, &["list", "--profile", "ak"], &[]);
    assert_eq!(chosen.code, Some(0), "{}", chosen.stderr);
    assert!(sim.requests().iter().all(|r| r.verified && r.access_key_id.as_deref() == Some(ID)));
}

#[test]
fn sts_token_profile_and_environment_credentials() {
    let sim = Sim::builder()
        .speed(TEST_SPEED)
        .sts_access_key(ID, SECRET, TOKEN)
        .demo_groups()
        .start()
        .expect("sim");
    let m = Machine::installed("sts");
    m.configure(&[
        "--profile",
        "sts",
        "--mode",
        "StsToken",
        "--access-key-id",
        ID,
        "--access-key-secret",
        SECRET,
        "--sts-token",
        TOKEN,
        "--region",
        "cn-hangzhou",
    ]);
    let out = m.plugin(&sim, &["list"], &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let r = sim.requests();
    assert!(!r.is_empty() && r.iter().all(|r| r.verified), "the simulator checks the token");
    assert!(r.iter().all(|r| r.headers.iter().any(|(k, _)| k == "x-acs-security-token")));

    // No config file: the host takes credentials from the environment; the endpoint from
    // ALIBABA_CLOUD_ENDPOINT as a bare host:port, made plain http by --insecure.
    let plain = sim_with_key();
    let bare = Machine::installed("env");
    let endpoint = endpoint(&plain);
    let env = [
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", ID),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET),
        ("ALIBABA_CLOUD_REGION_ID", "cn-shanghai"),
        ("ALIBABA_CLOUD_ENDPOINT", endpoint.as_str()),
    ];
    let out = bare.aliyun(&["rolling-update", "list", "--insecure"], &env);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let r = plain.requests();
    assert!(!r.is_empty() && r.iter().all(|r| r.verified && r.params["RegionId"] == "cn-shanghai"));
    assert!(!bare.home.join(".aliyun/config.json").exists(), "nothing was configured");
}

#[test]
fn an_update_through_the_host_every_verb_and_exit_code() {
    let sim = sim_with_key();
    let m = with_ak_profile("flow");
    let plan = m.plugin(&sim, &["plan", "--scaling-group-id", GROUP, "--batch-number", "3"], &[]);
    assert_eq!(plan.code, Some(0), "{}", plan.stderr);
    assert_eq!(plan.json()["instances"], 6);

    let start = |extra: &[&str]| {
        let mut args = vec![
            "start",
            "--template",
            "image",
            "--scaling-group-id",
            GROUP,
            "--image-id",
            NEW_IMAGE,
            "-y",
        ];
        args.extend_from_slice(extra);
        m.plugin(&sim, &args, &[])
    };
    let paused =
        start(&["--batch-number", "3", "--batch-pause-option", "FirstBatchPause", "--wait"]);
    assert_eq!(paused.code, Some(5), "exit 5 passes through: {}", paused.stderr);
    let id = execution_id(&paused);
    let approve = m.plugin(&sim, &["approve", &id], &[]);
    assert_eq!(approve.code, Some(0), "{}", approve.stderr);
    assert_eq!(calls(&sim, "NotifyExecution")[0].params["ExecutionId"], id);
    let done = m.plugin(&sim, &["wait", &id], &[]);
    assert_eq!(done.code, Some(0), "{}", done.stderr);
    let status = m.plugin(&sim, &["status", &id], &[]);
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    assert_eq!(status.json()["status"], "Success", "{}", status.stdout);
    // The rollback copies the source's FirstBatchPause unless told otherwise.
    let rollback = m.plugin(
        &sim,
        &["rollback", &id, "--batch-pause-option", "Automatic", "--wait", "-y"],
        &[],
    );
    assert_eq!(rollback.code, Some(0), "{}", rollback.stderr);
    assert_eq!(rollback.json()["status"], "Success", "{}", rollback.stdout);

    let every =
        start(&["--batch-number", "3", "--batch-pause-option", "EveryBatchPause", "--wait"]);
    assert_eq!(every.code, Some(5), "{}", every.stderr);
    let id = execution_id(&every);
    let cancel = m.plugin(&sim, &["cancel", &id, "-y"], &[]);
    assert_eq!(cancel.code, Some(0), "{}", cancel.stderr);
    let cancelled = m.plugin(&sim, &["wait", &id], &[]);
    assert_eq!(cancelled.code, Some(4), "exit 4 passes through: {}", cancelled.stderr);

    sim.inject(Fault::FailInstance(FailTarget::Nth(1)));
    let failed = m.plugin(
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
        &[],
    );
    assert_eq!(failed.code, Some(3), "exit 3 passes through: {}", failed.stderr);
    assert_eq!(failed.json()["status"], "Failed");
    assert!(sim.requests().iter().all(|r| r.verified && r.access_key_id.as_deref() == Some(ID)));
}

#[test]
fn timeout_exit_6_and_separate_streams_with_debug_logging() {
    let sim = Sim::builder().speed(0.0).access_key(ID, SECRET).demo_groups().start().expect("sim");
    let m = with_ak_profile("timeout");
    let start = m.plugin(
        &sim,
        &[
            "start",
            "--template",
            "image",
            "--scaling-group-id",
            GROUP,
            "--image-id",
            NEW_IMAGE,
            "-y",
        ],
        &[],
    );
    assert_eq!(start.code, Some(0), "{}", start.stderr);
    let id = execution_id(&start);
    let out = m.plugin(&sim, &["wait", &id, "--timeout", "1s", "--log-level", "DEBUG"], &[]);
    assert_eq!(out.code, Some(6), "exit 6 passes through: {}", out.stderr);
    // stdout is the JSON result alone; the messages are on stderr, and neither has a secret
    // (checked for every run) even at DEBUG.
    let json = out.json();
    assert_eq!(json["executionId"], id.as_str(), "{json}");
    assert!(out.stderr.contains(&format!("aliyun rolling-update wait {id}")), "{}", out.stderr);
    assert!(serde_json::from_str::<serde_json::Value>(&out.stderr).is_err());
    assert!(!out.stdout.contains("SIMULATION"), "notes stay off stdout: {}", out.stdout);
}

#[cfg(unix)]
#[test]
fn ctrl_c_reaches_the_plugin_through_the_host() {
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let sim = Sim::builder().speed(0.0).access_key(ID, SECRET).demo_groups().start().expect("sim");
    let m = with_ak_profile("sigint");
    let start = m.plugin(
        &sim,
        &[
            "start",
            "--template",
            "image",
            "--scaling-group-id",
            GROUP,
            "--image-id",
            NEW_IMAGE,
            "-y",
        ],
        &[],
    );
    let id = execution_id(&start);
    sim.clear_requests();
    let endpoint = endpoint(&sim);
    let mut command =
        m.command(&["rolling-update", "wait", &id, "--endpoint", &endpoint, "--insecure"], &[]);
    // Its own process group, as a shell's foreground job: Ctrl-C signals the whole group.
    command.process_group(0);
    let child = command.spawn().expect("starting the host");
    let group = format!("-{}", child.id());
    let deadline = Instant::now() + Duration::from_secs(20);
    while calls(&sim, "ListTaskExecutions").is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(!calls(&sim, "ListTaskExecutions").is_empty(), "the plugin never polled");
    let killed = Command::new("kill").args(["-INT", "--", &group]).status().expect("kill");
    assert!(killed.success());
    // The output pipes stay open until the plugin itself has exited.
    let out = child.wait_with_output().expect("waiting for the host");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The host either dies of the SIGINT itself (what a shell reports as 130) or exits 130.
    assert!(
        out.status.code() == Some(130) || out.status.signal() == Some(2),
        "host status {:?}: {stderr}",
        out.status
    );
    assert!(stderr.contains(&format!("Resume with: aliyun rolling-update wait {id}")), "{stderr}");
}

#[test]
fn the_host_answers_version_and_is_what_it_says() {
    let h = host();
    let out = Command::new(&h.path).arg("version").output().expect("aliyun version");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "aliyun version failed");
    assert!(text.trim_start().starts_with("3."), "aliyun version: {text}");
    let name = h.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    assert_eq!(
        h.real,
        name == "aliyun",
        "{} taken for the real host: {}",
        h.path.display(),
        h.real
    );
}
