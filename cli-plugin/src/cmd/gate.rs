//! The I/O of the health gates that the core's [`rolling_update_core::gate::Gate`] asks for:
//! running the check command. Not yet wired into `start`, `rollback` or `wait` (see the README
//! section "Health gates"); the driver loop and the flags are what remains.
//!
//! The check runs under the plugin's own shell (`sh -c`, or `cmd /C` on Windows) with the
//! plugin's environment minus every credential variable, plus the gate's `RU_*` variables. Its
//! stdout and stderr are handed line by line to the caller (who prints them prefixed on
//! stderr). A check still running at its timeout is killed (the shell only: a process it left
//! in the background may outlive it) and counts as timed out.
#![cfg_attr(not(test), allow(dead_code))]

use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rolling_update_core::gate::CheckResult;

/// How a check ended and how long it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckRun {
    pub(crate) result: CheckResult,
    pub(crate) duration_ms: u64,
}

/// Whether a variable of the plugin's environment must not reach the check: the host's and
/// the SDKs' credential variables (`ALIBABA_CLOUD_*`, `ALICLOUD_*`, `ALIYUN_*`) and anything
/// named like a key, secret or token. Broad on purpose: a check that needs a secret reads it
/// from its own store, never from the plugin's credentials.
pub(crate) fn is_credential_variable(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["ALIBABA_CLOUD_", "ALICLOUD_", "ALIYUN_"].iter().any(|p| upper.starts_with(p))
        || ["ACCESS_KEY", "SECRET", "SECURITY_TOKEN", "STS_TOKEN"].iter().any(|w| upper.contains(w))
}

/// The shell that runs a check command.
fn shell() -> (&'static str, &'static str) {
    if cfg!(windows) { ("cmd", "/C") } else { ("sh", "-c") }
}

/// Runs `command` with `parent_env` (the plugin's environment, credentials removed here) and
/// `gate_env`; `line` receives each output line; stops it after `timeout`.
pub(crate) fn run_check(
    command: &str,
    parent_env: impl IntoIterator<Item = (OsString, OsString)>,
    gate_env: &[(String, String)],
    timeout: Duration,
    line: &mut dyn FnMut(&str),
) -> CheckRun {
    let (program, flag) = shell();
    run_with(program, flag, command, parent_env, gate_env, timeout, line)
}

fn run_with(
    program: &str,
    flag: &str,
    command: &str,
    parent_env: impl IntoIterator<Item = (OsString, OsString)>,
    gate_env: &[(String, String)],
    timeout: Duration,
    line: &mut dyn FnMut(&str),
) -> CheckRun {
    let started = Instant::now();
    let elapsed = |s: Instant| s.elapsed().as_millis() as u64;
    let mut cmd = Command::new(program);
    cmd.arg(flag).arg(command).env_clear().stdin(Stdio::null());
    for (key, value) in parent_env {
        if !is_credential_variable(&key.to_string_lossy()) {
            cmd.env(key, value);
        }
    }
    cmd.envs(gate_env.iter().map(|(k, v)| (k, v)));
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(err) => {
            let error = format!("{program} {flag} could not start: {err}");
            return CheckRun {
                result: CheckResult::CouldNotStart { error },
                duration_ms: elapsed(started),
            };
        }
    };
    let (tx, rx) = mpsc::channel::<String>();
    let mut readers = Vec::new();
    let stdout = child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>);
    let stderr = child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>);
    for stream in [stdout, stderr].into_iter().flatten() {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || {
            for text in BufReader::new(stream).lines().map_while(Result::ok) {
                if tx.send(text).is_err() {
                    break;
                }
            }
        }));
    }
    drop(tx);
    let deadline = started + timeout;
    let result = loop {
        while let Ok(text) = rx.try_recv() {
            line(&text);
        }
        match child.try_wait() {
            Ok(Some(status)) => break CheckResult::Exited { code: status.code() },
            Ok(None) if Instant::now() >= deadline => {
                // Killing can only fail when it has just exited; the wait reaps it either way.
                let _ = child.kill();
                let _ = child.wait();
                break CheckResult::TimedOut;
            }
            Ok(None) => {
                if let Ok(text) = rx.recv_timeout(Duration::from_millis(20)) {
                    line(&text);
                }
            }
            Err(err) => {
                let _ = child.kill();
                break CheckResult::CouldNotStart {
                    error: format!("waiting for the check failed: {err}"),
                };
            }
        }
    };
    if result != CheckResult::TimedOut {
        // The rest of the output, until both pipes close.
        for reader in readers {
            let _ = reader.join();
        }
        while let Ok(text) = rx.try_recv() {
            line(&text);
        }
    }
    CheckRun { result, duration_ms: elapsed(started) }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn parent() -> Vec<(OsString, OsString)> {
        [
            ("PATH", "/usr/bin:/bin"),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIparent"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "parent-secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "parent-token"),
            ("ALICLOUD_ACCESS_KEY", "other"),
            ("MY_APP_SECRET", "x"),
            ("KEEP_ME", "kept"),
        ]
        .iter()
        .map(|(k, v)| (OsString::from(k), OsString::from(v)))
        .collect()
    }

    fn run(command: &str, timeout: Duration) -> (CheckRun, Vec<String>) {
        let mut lines = Vec::new();
        let env = [
            ("RU_BATCH".to_owned(), "2".to_owned()),
            ("RU_INSTANCE_IPS".to_owned(), "172.16.0.10".to_owned()),
        ];
        let run = run_check(command, parent(), &env, timeout, &mut |l| lines.push(l.to_owned()));
        (run, lines)
    }

    #[test]
    fn the_check_gets_the_batch_and_no_credential() {
        let (run, lines) = run("env; echo to-stderr >&2", Duration::from_secs(30));
        assert_eq!(run.result, CheckResult::Exited { code: Some(0) });
        assert!(lines.contains(&"RU_BATCH=2".to_owned()), "{lines:?}");
        assert!(lines.contains(&"RU_INSTANCE_IPS=172.16.0.10".to_owned()), "{lines:?}");
        assert!(lines.contains(&"KEEP_ME=kept".to_owned()), "{lines:?}");
        assert!(lines.contains(&"to-stderr".to_owned()), "stderr is shown too: {lines:?}");
        let joined = lines.join("\n");
        for secret in
            ["LTAIparent", "parent-secret", "parent-token", "ALICLOUD_ACCESS_KEY", "MY_APP_SECRET"]
        {
            assert!(!joined.contains(secret), "{secret} reached the check: {joined}");
        }
    }

    #[test]
    fn the_exit_code_is_kept() {
        let (run, lines) = run("echo unhealthy; exit 3", Duration::from_secs(30));
        assert_eq!(run.result, CheckResult::Exited { code: Some(3) });
        assert_eq!(lines, ["unhealthy"]);
    }

    #[test]
    fn a_check_past_its_timeout_is_stopped() {
        let (run, _) = run("exec sleep 30", Duration::from_millis(200));
        assert_eq!(run.result, CheckResult::TimedOut);
        assert!(run.duration_ms >= 200, "it ran until the timeout: {}", run.duration_ms);
    }

    #[test]
    fn a_shell_that_cannot_start_is_named() {
        let mut sink = |_: &str| {};
        let run = run_with(
            "/nonexistent/sh",
            "-c",
            "true",
            parent(),
            &[],
            Duration::from_secs(1),
            &mut sink,
        );
        let CheckResult::CouldNotStart { error } = run.result else {
            unreachable!("a missing shell cannot start")
        };
        assert!(error.starts_with("/nonexistent/sh -c could not start"), "{error}");
    }

    #[test]
    fn credential_names_are_recognised() {
        for name in [
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            "alibaba_cloud_region_id",
            "ALIYUN_PROFILE",
            "AWS_SECRET_ACCESS_KEY",
        ] {
            assert!(is_credential_variable(name), "{name}");
        }
        for name in ["PATH", "HOME", "RU_BATCH", "LANG"] {
            assert!(!is_credential_variable(name), "{name}");
        }
    }
}
