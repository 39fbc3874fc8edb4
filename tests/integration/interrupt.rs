//! Retries that respect the user: Ctrl-C ends a wait between retries at once, no wait between
//! retries outlasts `--timeout`, and an endpoint that accepts connections but never answers is
//! reported after one read timeout with a network hint, not retried.

use std::io::Read;
use std::net::TcpListener;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rolling_update_sim::{Fault, Sim};

use crate::support::*;

/// The plugin as a child process against `sim` (the host's environment), for signals.
fn spawn(sim: &rolling_update_sim::SimHandle, args: &[&str]) -> std::process::Child {
    let mut cmd = Command::new(rolling_update_tests::binary());
    cmd.arg("rolling-update").args(args).env_clear();
    cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
    for (k, v) in host_env(sim) {
        cmd.env(k, v);
    }
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("starting the plugin")
}

#[cfg(unix)]
#[test]
fn ctrl_c_ends_a_wait_between_retries_at_once() {
    let sim = Sim::builder().speed(0.0).demo_groups().start().unwrap();
    // Every call is throttled with a 60 s advertised delay: the plugin sleeps in a retry wait.
    sim.inject(Fault::Throttle { calls: 1_000, retry_after_ms: 60_000 });
    let child = spawn(&sim, &["list"]);
    let deadline = Instant::now() + Duration::from_secs(30);
    while sim.call_count() == 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(sim.call_count(), 1, "the first call was throttled");
    // Well inside the 60 s wait.
    std::thread::sleep(Duration::from_millis(300));
    let sent = Instant::now();
    let pid = child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().unwrap().success());
    let out = child.wait_with_output().unwrap();
    let took = sent.elapsed();
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(took < Duration::from_secs(5), "took {took:?} to stop, against a 60 s retry wait");
    assert_eq!(sim.call_count(), 1, "nothing was sent after Ctrl-C");
}

#[test]
fn waits_between_retries_never_outlast_the_timeout() {
    let sim = Sim::builder().speed(0.0).demo_groups().start().unwrap();
    let id = start_image(&sim, &[]);
    sim.inject(Fault::Throttle { calls: 1_000, retry_after_ms: 60_000 });
    let started = Instant::now();
    let out = plugin(&sim, &["wait", &id, "--timeout", "2s"]);
    assert_eq!(out.code, Some(6), "{}", out.stderr);
    // A 60 s retry wait would have ended long after this.
    assert!(started.elapsed() < Duration::from_secs(40), "took {:?}", started.elapsed());
}

#[test]
fn an_endpoint_that_never_answers_fails_after_one_read_timeout_with_a_hint() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(AtomicUsize::new(0));
    let count = accepted.clone();
    std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming().flatten() {
            count.fetch_add(1, Ordering::SeqCst);
            let mut s = stream;
            let mut buf = [0u8; 4096];
            let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
            let _ = s.read(&mut buf);
            // Keep the connection open and never answer.
            open.push(s);
        }
    });
    let sim = sim();
    let endpoint = format!("http://{addr}");
    let out = plugin_env(
        &sim,
        &["list", "--read-timeout", "2", "--connect-timeout", "1"],
        &[("ALIBABA_CLOUD_ENDPOINT", endpoint.as_str())],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(error_line(&out).contains("no answer from"), "{}", out.stderr);
    assert!(out.stderr.contains("Hint: the network path"), "{}", out.stderr);
    assert_eq!(accepted.load(Ordering::SeqCst), 1, "not retried: one connection");
}
