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

/// The arguments of `start -y` of an image update of [`GROUP`] to [`NEW_IMAGE`], then `extra`.
pub(crate) fn image_start_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args =
        vec!["start", "-y", "--template", "image", "--scaling-group-id", GROUP, "--image-id"];
    args.push(NEW_IMAGE);
    args.extend_from_slice(extra);
    args
}

/// Starts an image update and returns its execution id.
pub(crate) fn start_image(sim: &SimHandle, extra: &[&str]) -> String {
    let out = plugin(sim, &image_start_args(extra));
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

/// Runs `argv` with its stdin and stderr on a new pty (120 columns) and its stdout in the file
/// given first; prints everything the pty received and exits with the child's code.
pub(crate) const PTY: &str = r#"
import fcntl, os, pty, struct, subprocess, sys, termios
out_path, argv = sys.argv[1], sys.argv[2:]
master, slave = pty.openpty()
fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
with open(out_path, "wb") as out:
    child = subprocess.Popen(argv, stdin=slave, stdout=out, stderr=slave, close_fds=True)
os.close(slave)
seen = bytearray()
while True:
    try:
        chunk = os.read(master, 65536)
    except OSError:
        break
    if not chunk:
        break
    seen += chunk
code = child.wait()
sys.stdout.buffer.write(bytes(seen))
sys.exit(code)
"#;

/// What a run under the pty gave.
pub(crate) struct Tty {
    pub(crate) code: Option<i32>,
    pub(crate) screen: String,
    pub(crate) stdout: String,
}

/// Runs the plugin (`rolling-update <args>`) under a pty against `sim`, with `TERM` and extra
/// variables.
pub(crate) fn under_pty(sim: &SimHandle, args: &[&str], extra: &[(&str, &str)]) -> Tty {
    // Each run its own folder: tests run in parallel.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ru-pty-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let out_file = dir.join("stdout");
    let mut cmd = std::process::Command::new("python3");
    cmd.arg("-c").arg(PTY).arg(&out_file).arg(rolling_update_tests::binary());
    cmd.arg("rolling-update").args(args).env_clear();
    for (k, v) in host_env(sim) {
        cmd.env(k, v);
    }
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("python3 runs the pty helper");
    let stdout = std::fs::read_to_string(&out_file).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let screen = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        !screen.contains(sim.access_key_secret()) && !stdout.contains(sim.access_key_secret()),
        "the secret leaked"
    );
    Tty { code: out.status.code(), screen, stdout }
}

/// Runs the plugin with `args` on a pseudo-terminal (util-linux `script`), answering its
/// prompt with `answer`: the exit code and the screen, or `None` without `script`.
#[cfg(target_os = "linux")]
pub(crate) fn on_a_terminal(
    sim: &rolling_update_sim::SimHandle,
    args: &str,
    answer: &str,
) -> Option<(i32, String)> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    if Command::new("script").arg("--version").output().is_err() {
        return None;
    }
    let inner = format!("{} rolling-update {args}", rolling_update_tests::binary().display());
    let mut cmd = Command::new("script");
    cmd.args(["-qec", &inner, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in host_env(sim) {
        cmd.env(k, v);
    }
    let mut child =
        cmd.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().ok()?;
    child.stdin.take()?.write_all(answer.as_bytes()).ok()?;
    let out = child.wait_with_output().ok()?;
    Some((out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned()))
}
