//! Every input a person can give: files with a byte-order mark, values past documented service
//! limits, and the poll-pace variable that only the simulator may use.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

use crate::support::*;

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("rolling-update-inputs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_parameters_file_with_a_byte_order_mark_is_read_with_a_note() {
    let sim = sim();
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend_from_slice(
        format!(r#"{{"invokeType":"invoke","scalingGroupId":"{GROUP}","imageId":"{NEW_IMAGE}","batchNumber":2}}"#)
            .as_bytes(),
    );
    let path = temp_file("bom.json", &bytes);
    let file = path.to_str().unwrap();
    let valid = plugin(&sim, &["validate", "--template", "image", "--file", file]);
    assert_eq!(valid.code, Some(0), "{}", valid.stderr);
    assert!(valid.stderr.contains("byte-order mark"), "{}", valid.stderr);
    let out = plugin(&sim, &["start", "-y", "--template", "image", "--parameters-file", file]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stderr.contains("byte-order mark"), "{}", out.stderr);
    let params: serde_json::Value =
        serde_json::from_str(&calls(&sim, "StartExecution")[0].params["Parameters"]).unwrap();
    assert_eq!(params["batchNumber"], 2);
}

#[test]
fn a_script_past_the_run_command_limit_is_refused_before_any_call() {
    let sim = sim();
    // 13,825 bytes are 18,436 in Base64, past RunCommand's 18 KB.
    let script = format!("#!/bin/sh\n{}", "x".repeat(13_815));
    let path = temp_file("big.sh", script.as_bytes());
    let out = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "command",
            "--scaling-group-id",
            GROUP,
            "--invoke-script-file",
            path.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(out.json()["refusals"][0]["code"], "over_limit");
    assert!(out.stderr.contains("18 KB"), "{}", out.stderr);
    assert_eq!(sim.call_count(), 0, "refused before any call");
}

#[test]
fn the_poll_pace_variable_is_only_for_the_simulator() {
    // A loopback endpoint that answers like an API but is not the simulator.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut s = stream;
            let _ = s.set_read_timeout(Some(Duration::from_millis(500)));
            let mut buf = [0u8; 8192];
            let _ = s.read(&mut buf);
            let body = r#"{"RequestId":"r","Executions":[],"NextToken":""}"#;
            let _ = write!(
                s,
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
                 connection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    let sim = sim();
    let endpoint = format!("http://{addr}");
    let out = plugin_env(&sim, &["list"], &[("ALIBABA_CLOUD_ENDPOINT", endpoint.as_str())]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(error_line(&out).contains("ALIYUN_ROLLING_UPDATE_POLL_MS"), "{}", out.stderr);
    // Without the variable the same endpoint is fine.
    let plain = plugin_env(
        &sim,
        &["list"],
        &[("ALIBABA_CLOUD_ENDPOINT", endpoint.as_str()), ("ALIYUN_ROLLING_UPDATE_POLL_MS", "")],
    );
    assert_eq!(plain.code, Some(0), "{}", plain.stderr);
    // Against a non-loopback endpoint it is ignored, with a note, before any call.
    let remote = plugin_env(
        &sim,
        &["list", "--connect-timeout", "1", "--retry-count", "0"],
        &[("ALIBABA_CLOUD_ENDPOINT", "https://10.255.255.1")],
    );
    assert!(
        remote.stderr.contains("ALIYUN_ROLLING_UPDATE_POLL_MS is ignored"),
        "{}",
        remote.stderr
    );
}
