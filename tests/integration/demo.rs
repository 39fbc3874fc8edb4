//! `demo` runs to its end with no account or configuration, labelled a simulation at both ends,
//! in plain text when stdout is not a terminal.

use rolling_update_tests::{Run, run};

/// Runs the demo faster than its default speed (tests need not watch); the default speed is
/// measured by hand (see the README).
fn demo(extra: &[&str]) -> Run {
    let mut args = vec!["rolling-update", "demo", "--speed", "40"];
    args.extend_from_slice(extra);
    run(&args, None, &[])
}

fn assert_labelled(out: &Run) {
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    let lines: Vec<&str> = out.stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    assert!(lines[0].starts_with("SIMULATION: "), "{}", lines[0]);
    assert!(lines[0].contains("no Alibaba Cloud account"), "{}", lines[0]);
    let end = lines.iter().rposition(|l| l.starts_with("SIMULATION over")).expect("closing line");
    assert!(end + 2 >= lines.len(), "the closing label comes last:\n{}", out.stdout);
    assert!(lines[end].contains("nothing in Alibaba Cloud was changed"), "{}", lines[end]);
    assert!(!out.stdout.contains('\x1b'), "no escape codes when stdout is not a terminal");
    assert!(!out.stdout.contains(rolling_update_sim::DEFAULT_ACCESS_KEY_SECRET));
}

#[test]
fn demo_plays_an_update_a_pause_and_a_rollback() {
    let out = demo(&[]);
    assert_labelled(&out);
    let typed: Vec<&str> = out.stdout.lines().filter_map(|l| l.strip_prefix("$ ")).collect();
    let verbs: Vec<&str> = typed.iter().map(|l| l.split(' ').nth(2).unwrap_or_default()).collect();
    assert_eq!(verbs, ["plan", "start", "approve", "wait", "status", "rollback"], "{typed:?}");
    assert!(typed[1].contains("--template image") && typed[1].contains("--batch-number 3"));
    assert!(typed[1].contains("--batch-pause-option FirstBatchPause --wait"));
    assert!(out.stdout.contains("Exit code 5"), "{}", out.stdout);
    assert!(out.stdout.contains("[sim] batch 3 finished: 2 done, 0 failed"), "{}", out.stdout);
    assert_eq!(out.stdout.matches("[sim] finished: Success").count(), 2, "update and rollback");
}

#[test]
fn demo_failure_names_the_instance_and_the_way_out() {
    let out = demo(&["--scenario", "failure"]);
    assert_labelled(&out);
    assert!(out.stdout.contains("Exit code 3"), "{}", out.stdout);
    assert!(out.stdout.contains("i-bp1sim0demo000000003 FAILED"), "{}", out.stdout);
    assert!(out.stdout.contains("aliyun ess ResumeProcesses"), "{}", out.stdout);
    assert!(out.stdout.contains("aliyun ess ExitStandby"), "{}", out.stdout);
    assert!(out.stdout.contains("$ aliyun rolling-update rollback exec-"), "{}", out.stdout);
}

#[test]
fn demo_help_and_bad_flags() {
    let help = run(&["rolling-update", "demo", "--help"], None, &[]);
    assert_eq!(help.code, Some(0));
    assert!(help.stdout.contains("SIMULATION") && help.stdout.contains("--scenario"));
    assert!(help.stdout.contains("failure"), "{}", help.stdout);
    let listed = run(&["rolling-update", "--help"], None, &[]);
    assert!(listed.stdout.contains("demo"), "{}", listed.stdout);
    let bad = run(&["rolling-update", "demo", "--speed", "0"], None, &[]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
}
