//! Golden files: the `--help` of every verb, the JSON every verb prints and the commands
//! `render` writes, compared byte for byte with `tests/golden/`. A difference fails with a diff; `scripts/regenerate-golden.sh`
//! (which sets `UPDATE_GOLDEN=1`) rewrites the files, and CI never does.
//!
//! The verbs' names and flags are interfaces: a changed `--help` is a change users see, so it
//! shows up in review as a changed golden file.
//!
//! JSON from the simulator carries ids and times that differ between runs (execution ids,
//! request ids, dates, the ClientToken): [`normalize`] replaces each distinct one with a
//! numbered placeholder, so the shape and every other value are still compared.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

use crate::support::{GROUP, NEW_IMAGE, plugin, sim, start_image};
use rolling_update_tests::{Run, diff, fixture, root, run};

/// Every verb of the plugin, as `aliyun rolling-update --help` lists them.
const VERBS: &[&str] = &[
    "validate",
    "schema",
    "render",
    "start",
    "rollback",
    "status",
    "wait",
    "approve",
    "cancel",
    "list",
    "plan",
    "doctor",
    "demo",
    "version",
    "completion",
    "man",
];

fn golden(relative: &str) -> PathBuf {
    root().join("tests/golden").join(relative)
}

/// Compares `actual` with the golden file, or rewrites it under `UPDATE_GOLDEN=1`.
fn check(relative: &str, actual: &str) {
    let path = golden(relative);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().expect("golden files live in a folder"))
            .expect("creating the golden folder");
        std::fs::write(&path, actual).expect("writing a golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!("{} is missing ({err}); run scripts/regenerate-golden.sh", path.display())
    });
    assert!(
        expected == actual,
        "{} differs (run scripts/regenerate-golden.sh if the change is intended):\n{}",
        path.display(),
        diff(&expected, actual)
    );
}

fn help(args: &[&str]) -> String {
    let out = run(args, None, &[]);
    assert_eq!(out.code, Some(0), "{args:?} failed:\n{}", out.stderr);
    out.stdout
}

#[test]
fn help_of_the_plugin_and_of_every_verb() {
    check("help/rolling-update.txt", &help(&["--help"]));
    for verb in VERBS {
        check(&format!("help/{verb}.txt"), &help(&[verb, "--help"]));
    }
}

#[test]
fn every_verb_listed_by_help_has_a_golden_help() {
    let top = help(&["--help"]);
    let listed: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|v| *v != "help")
        .collect();
    assert_eq!(listed, VERBS, "the verbs of --help and the golden list differ");
}

/// Replaces run-dependent values with numbered placeholders, the same value with the same
/// placeholder: execution, task and request ids, dates, the ClientToken.
fn normalize(value: &Value) -> Value {
    let mut seen = BTreeMap::new();
    normalize_in(value, None, &mut seen)
}

fn normalize_in(value: &Value, key: Option<&str>, seen: &mut BTreeMap<String, String>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter().map(|(k, v)| (k.clone(), normalize_in(v, Some(k), seen))).collect(),
        ),
        Value::Array(items) => {
            Value::Array(items.iter().map(|v| normalize_in(v, key, seen)).collect())
        }
        Value::String(text) => Value::String(normalize_text(text, key, seen)),
        other => other.clone(),
    }
}

fn normalize_text(text: &str, key: Option<&str>, seen: &mut BTreeMap<String, String>) -> String {
    let kind = if text.starts_with("exec-") {
        Some("exec")
    } else if text.starts_with("task-exec-") {
        Some("task")
    } else if key.is_some_and(|k| k.ends_with("Date") || k.ends_with("Time") || k == "updatedAt") {
        Some("date")
    } else if key.is_some_and(|k| k == "requestId" || k == "RequestId" || k == "clientToken") {
        Some(key.unwrap_or("id"))
    } else {
        None
    };
    let Some(kind) = kind else {
        return replace_ids_inside(&unplace(text), seen);
    };
    let next = seen.len() + 1;
    seen.entry(text.to_owned()).or_insert_with(|| format!("<{kind}-{next}>")).clone()
}

/// The checkout's path and the simulator's port, which differ between machines and runs.
fn unplace(text: &str) -> String {
    let text = text.replace(&root().display().to_string(), "<checkout>");
    let marker = "127.0.0.1:";
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find(marker) {
        let after = &rest[at + marker.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        out.push_str(&rest[..at]);
        out.push_str("127.0.0.1:<port>");
        rest = &after[digits..];
    }
    out.push_str(rest);
    out
}

/// Ids inside longer text (a printed command naming an execution).
fn replace_ids_inside(text: &str, seen: &mut BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        if word.starts_with("exec-") {
            let next = seen.len() + 1;
            out.push_str(seen.entry(word.to_owned()).or_insert_with(|| format!("<exec-{next}>")));
        } else {
            out.push_str(word);
        }
    }
    out
}

fn json_of(out: &Run, what: &str) -> String {
    let mut value: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|err| panic!("{what}: stdout is not JSON ({err}):\n{}", out.stdout));
    if what == "approve" {
        // The status approve read back to confirm the approval: the update has left Waiting,
        // and by then it may have run its last batches too.
        let after = value["status"].as_str().unwrap_or_default();
        assert!(["Running", "Success"].contains(&after), "approve confirmed on {after}");
        value["status"] = Value::from("<Running or Success>");
    }
    let mut text = serde_json::to_string_pretty(&normalize(&value)).expect("JSON prints");
    text.push('\n');
    text
}

#[test]
fn json_of_the_offline_verbs() {
    let payload = fixture("seed/image-invoke.json");
    let payload = payload.to_str().expect("a UTF-8 path");
    let refused = fixture("golden/refused.json");
    let refused = refused.to_str().expect("a UTF-8 path");
    for shell in ["bash", "powershell", "cmd"] {
        let out = run(
            &["render", "--template", "image", "--parameters-file", payload, "--shell", shell],
            None,
            &[],
        );
        assert_eq!(out.code, Some(0), "render --shell {shell}:\n{}", out.stderr);
        check(&format!("render/image-invoke.{shell}.txt"), &out.stdout);
    }
    let cases: [(&str, Vec<&str>); 4] = [
        ("validate", vec!["validate", "--template", "image", "--file", payload]),
        (
            "plan",
            vec![
                "plan",
                "--template",
                "image",
                "--scaling-group-id",
                GROUP,
                "--image-id",
                NEW_IMAGE,
                "--instances",
                "10",
                "--batch-number",
                "3",
            ],
        ),
        ("schema", vec!["schema", "--template", "image"]),
        ("validate-refused", vec!["validate", "--template", "image", "--file", refused]),
    ];
    for (name, args) in cases {
        let out = run(&args, None, &[]);
        assert!(out.code.is_some(), "{name} was killed:\n{}", out.stderr);
        check(&format!("json/{name}.json"), &json_of(&out, name));
    }
}

#[test]
fn json_of_the_verbs_that_call_the_api() {
    let sim = sim();
    let start = plugin(
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
            "--batch-pause-option",
            "FirstBatchPause",
        ],
    );
    check("json/start.json", &json_of(&start, "start"));
    let id = start.json()["executionId"].as_str().unwrap_or_default().to_owned();
    let verbs: [(&str, Vec<&str>); 5] = [
        ("wait-paused", vec!["wait", id.as_str()]),
        ("status-paused", vec!["status", id.as_str()]),
        ("approve", vec!["approve", id.as_str()]),
        ("wait-success", vec!["wait", id.as_str()]),
        ("list", vec!["list", "--scaling-group-id", GROUP]),
    ];
    for (name, args) in verbs {
        let out = plugin(&sim, &args);
        assert!(out.code.is_some(), "{name} was killed:\n{}", out.stderr);
        check(&format!("json/{name}.json"), &json_of(&out, name));
    }
    let rollback = plugin(
        &sim,
        &["rollback", "-y", "--wait", "--batch-pause-option", "Automatic", id.as_str()],
    );
    check("json/rollback.json", &json_of(&rollback, "rollback"));
    // The simulated clock stands still from here, so the cancel finds the same batch in Standby
    // however busy the machine is: the second update runs for exactly 20 simulated seconds.
    sim.set_speed(0.0);
    let second = start_image(&sim, &["--change-id", "golden-cancel"]);
    sim.advance(std::time::Duration::from_secs(20));
    let cancel = plugin(&sim, &["cancel", "-y", second.as_str()]);
    check("json/cancel.json", &json_of(&cancel, "cancel"));
}
