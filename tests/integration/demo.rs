//! `demo` runs to its end with no account or configuration, labelled a simulation at both ends,
//! in plain text when stdout is not a terminal, and ends showing the group back on its image.

use rolling_update_sim::model::ess::DEMO_OLD_IMAGE;
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
    assert!(lines[end - 1].contains("ends as the rollback left it"), "{}", out.stdout);
}

/// The image stories end with every instance back on the image before the update.
fn assert_back_on_old_image(out: &Run) {
    let back = format!("ends as the rollback left it: 6 of 6 instances on {DEMO_OLD_IMAGE}");
    assert!(out.stdout.contains(&back), "every image story ends on the old image:\n{}", out.stdout);
}

#[test]
fn demo_plays_every_template_in_every_scenario() {
    for (template, end) in [
        ("command", "having last run the rollback script"),
        ("package", "without sim-demo-agent"),
        ("file", "holding the file from https://"),
        ("oss-file", "holding the file from app-1.0.tar.gz"),
        ("container", "on registry.cn-hangzhou.aliyuncs.com/sim-demo/web:1.0"),
    ] {
        for scenario in ["success", "failure", "canary"] {
            let args =
                ["rolling-update", "demo", "--speed", "200", "--scenario", scenario, "--template"];
            let mut args = args.to_vec();
            args.push(template);
            let out = run(&args, None, &[]);
            if (scenario, template) == ("canary", "package") {
                // Its automatic rollback would install the same version again: refused.
                assert_eq!(out.code, Some(2), "{}", out.stderr);
                assert!(out.stderr.contains("another --template"), "{}", out.stderr);
                continue;
            }
            assert_labelled(&out);
            let typed: Vec<&str> =
                out.stdout.lines().filter_map(|l| l.strip_prefix("$ ")).collect();
            let start = typed.iter().find(|l| l.contains(" start ")).expect("a start step");
            assert!(start.contains(&format!("--template {template} ")), "{typed:?}");
            assert!(
                out.stdout.contains(end),
                "{scenario} {template} ends {end:?}:\n{}",
                out.stdout
            );
        }
    }
    let bad = demo(&["--template", "nonsense"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(bad.stderr.contains("nonsense"), "{}", bad.stderr);
}

#[test]
fn demo_plays_an_update_a_pause_and_a_rollback() {
    let out = demo(&[]);
    assert_labelled(&out);
    assert_back_on_old_image(&out);
    let typed: Vec<&str> = out.stdout.lines().filter_map(|l| l.strip_prefix("$ ")).collect();
    let verbs: Vec<&str> = typed.iter().map(|l| l.split(' ').nth(2).unwrap_or_default()).collect();
    assert_eq!(verbs, ["plan", "start", "approve", "wait", "status", "rollback"], "{typed:?}");
    assert!(typed[1].contains("--template image") && typed[1].contains("--batch-number 3"));
    assert!(typed[1].contains("--batch-pause-option FirstBatchPause --wait"));
    assert!(out.stdout.contains("Exit code 5"), "{}", out.stdout);
    assert!(out.stdout.contains("[sim] batch 3 finished: 2 done, 0 failed"), "{}", out.stdout);
    assert_eq!(out.stdout.matches("[sim] finished: Success").count(), 2, "update and rollback");

    // Each step's own output.
    let steps = steps(&out.stdout);
    assert_eq!(steps.len(), 6);
    let instance = |n: usize| format!("i-bp1sim0demo{n:09}");
    let done = |step: &str, n: usize, batch: usize| {
        step.contains(&format!("[sim]   {} done (batch {batch})", instance(n)))
    };
    assert_eq!(steps[0].matches("[sim] batch ").count(), 3, "plan: three batches\n{}", steps[0]);
    // start --wait: batch 1's instances, the batch, then the pause, and exit 5.
    let start = steps[1];
    assert!(done(start, 1, 1) && done(start, 2, 1), "{start}");
    assert!(!done(start, 3, 2), "nothing of batch 2 before the approval\n{start}");
    let at = |step: &str, text: &str| step.find(text).unwrap_or_else(|| panic!("{text}: {step}"));
    assert!(at(start, "batch 1 finished: 2 done") < at(start, "paused"), "{start}");
    assert!(start.contains("Exit code 5"), "{start}");
    assert!(steps[2].contains("approved exec-"), "{}", steps[2]);
    // wait: every instance of batches 2 and 3, once each, before the end, and exit 0.
    let wait = steps[3];
    for (n, batch) in [(3, 2), (4, 2), (5, 3), (6, 3)] {
        assert_eq!(wait.matches(&format!("{} done", instance(n))).count(), 1, "{wait}");
        assert!(done(wait, n, batch), "{wait}");
        assert!(at(wait, &format!("{} done", instance(n))) < at(wait, "finished: Success"));
    }
    assert!(wait.contains("Exit code 0"), "{wait}");
    // status: one line per batch, every instance Success.
    let status = steps[4];
    assert_eq!(status.matches("[sim]   batch ").count(), 3, "{status}");
    assert_eq!(status.matches(" Success,").count() + status.matches(" Success\n").count(), 7);
    // rollback: the derived parameters, then every instance again, and exit 0.
    let rollback = steps[5];
    assert!(rollback.contains("\"invokeType\": \"rollback\""), "{rollback}");
    assert!((1..=6).all(|n| rollback.contains(&format!("{} done", instance(n)))), "{rollback}");
    assert!(rollback.contains("Exit code 0"), "{rollback}");
}

/// The demo's output cut at each `Step k/N:` heading.
fn steps(stdout: &str) -> Vec<&str> {
    let starts: Vec<usize> = stdout.match_indices("\nStep ").map(|(i, _)| i + 1).collect();
    let ends = starts.iter().skip(1).copied().chain([stdout.len()]);
    starts.iter().zip(ends).map(|(&a, b)| &stdout[a..b]).collect()
}

#[test]
fn demo_failure_names_the_instance_and_the_way_out() {
    let out = demo(&["--scenario", "failure"]);
    assert_labelled(&out);
    assert_back_on_old_image(&out);
    assert!(out.stdout.contains("Exit code 3"), "{}", out.stdout);
    assert!(out.stdout.contains("i-bp1sim0demo000000003 FAILED"), "{}", out.stdout);
    assert!(out.stdout.contains("aliyun ess ResumeProcesses"), "{}", out.stdout);
    assert!(out.stdout.contains("aliyun ess ExitStandby"), "{}", out.stdout);
    assert!(out.stdout.contains("$ aliyun rolling-update rollback exec-"), "{}", out.stdout);
}

#[test]
fn demo_canary_approves_batch_1_and_rolls_back_at_batch_2s_alarm() {
    let out = demo(&["--scenario", "canary"]);
    assert_labelled(&out);
    assert_back_on_old_image(&out);
    let typed: Vec<&str> = out.stdout.lines().filter_map(|l| l.strip_prefix("$ ")).collect();
    let verbs: Vec<&str> = typed.iter().map(|l| l.split(' ').nth(2).unwrap_or_default()).collect();
    assert_eq!(verbs, ["start", "status"], "{typed:?}");
    assert!(typed[0].contains("--batch-number 3"), "{}", typed[0]);
    assert!(typed[0].contains("--alarm rule-demo-canary-errors --on-unhealthy rollback"));
    assert!(typed[0].contains("--check "), "{}", typed[0]);

    let steps = steps(&out.stdout);
    assert_eq!(steps.len(), 2, "{}", out.stdout);
    // The gated start: it pauses after every batch by itself; batch 1 judged healthy and
    // approved by the plugin, then batch 2's alarm, the rollback started and succeeded, exit 7.
    let gate = steps[0];
    assert!(gate.contains("batchPauseOption EveryBatchPause"), "{gate}");
    assert_eq!(gate.matches("batch 1 finished").count(), 1, "each batch reported once\n{gate}");
    let at = |text: &str| gate.find(text).unwrap_or_else(|| panic!("no {text:?} in:\n{gate}"));
    let approved = at("[sim] batch 1 passed its gate: approved");
    assert!(at("[sim] gate batch 1: healthy") < approved, "{gate}");
    assert_eq!(gate.matches("passed its gate: approved").count(), 1, "batch 1 only\n{gate}");
    let alarm = at("[sim] gate batch 2: UNHEALTHY");
    assert!(approved < alarm && alarm < at("rule-demo-canary-errors is ALARM"), "{gate}");
    // "rolling back exec-…: rollback exec-… started" (the start's own output also names the
    // rollback command, before any gate).
    let started = at(": rollback exec-") + 2;
    assert!(alarm < started && gate[started..].contains(" started"), "{gate}");
    let rollback = gate[started..].split_whitespace().nth(1).unwrap();
    assert!(gate.contains(&format!("rollback {rollback} succeeded")), "{gate}");
    assert!(!gate.contains("gate batch 3"), "batch 3 never ran\n{gate}");
    assert!(gate.contains("Exit code 7"), "{gate}");
    // status of that rollback: the 4 instances of batches 1 and 2, back.
    let status = steps[1];
    assert!(status.contains(&format!("$ aliyun rolling-update status {rollback}")), "{status}");
    assert!(status.contains(&format!("[sim] {rollback} Success")), "{status}");
    assert!(status.contains("rollback on asg-bp1sim0demo0000000001"), "{status}");
    assert!(status.contains("instances: 4 done, 0 failed"), "{status}");
    // The end: the group's image, read from the simulator, is the one before the update.
    let end = format!("ends as the rollback left it: 6 of 6 instances on {DEMO_OLD_IMAGE}");
    assert!(status.contains(&end), "{status}");
}

#[test]
fn demo_help_and_bad_flags() {
    let help = run(&["rolling-update", "demo", "--help"], None, &[]);
    assert_eq!(help.code, Some(0));
    assert!(help.stdout.contains("SIMULATION") && help.stdout.contains("--scenario"));
    assert!(help.stdout.contains("failure") && help.stdout.contains("canary"), "{}", help.stdout);
    let listed = run(&["rolling-update", "--help"], None, &[]);
    assert!(listed.stdout.contains("demo"), "{}", listed.stdout);
    let bad = run(&["rolling-update", "demo", "--speed", "0"], None, &[]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
}

#[test]
fn demo_refresh_replaces_holds_approves_and_rolls_back() {
    let out = run(&["rolling-update", "demo", "--speed", "40", "--template", "refresh"], None, &[]);
    assert_labelled(&out);
    let typed: Vec<&str> = out.stdout.lines().filter_map(|l| l.strip_prefix("$ ")).collect();
    let verbs: Vec<&str> = typed.iter().map(|l| l.split(' ').nth(2).unwrap_or_default()).collect();
    let expected =
        ["plan", "start", "wait", "approve", "wait", "status", "start", "rollback", "wait"];
    assert_eq!(verbs, expected, "{typed:?}");
    assert!(typed[1].contains("--template refresh") && typed[1].contains("--hold-at-checkpoints"));
    let steps = steps(&out.stdout);
    assert_eq!(steps.len(), 9, "{}", out.stdout);
    assert!(steps[0].contains("[sim] checkpoint 50%"), "{}", steps[0]);
    // The held checkpoint: start and wait both stop there with exit 5.
    for held in [steps[1], steps[2]] {
        assert!(held.contains("is paused at a checkpoint"), "{held}");
        assert!(held.contains("Exit code 5"), "{held}");
    }
    assert!(steps[1].contains("3 of 6 capacity replaced"), "{}", steps[1]);
    assert!(steps[3].contains("resumed (ResumeInstanceRefresh)"), "{}", steps[3]);
    assert!(steps[4].contains("ended Successful"), "{}", steps[4]);
    // status: new instances created, the demo's original ones released.
    let status = steps[5];
    assert!(status.contains("Successful, 6 of 6 capacity replaced"), "{status}");
    for n in 1..=6 {
        assert!(status.contains(&format!("i-bp1sim0demo{n:09}")), "{n} released\n{status}");
    }
    assert_eq!(status.matches("created i-").count(), 4, "{status}");
    assert!(steps[6].contains("Exit code 5"), "the candidate is held\n{}", steps[6]);
    assert!(steps[7].contains("rollback started (RollbackInstanceRefresh)"), "{}", steps[7]);
    assert!(steps[8].contains("ended RollbackSuccessful"), "{}", steps[8]);
    assert!(steps[8].contains("Exit code 4"), "{}", steps[8]);
    let end = "6 instances, none of the ones it started with, all on";
    assert!(steps[8].contains(end), "{}", steps[8]);
    assert!(steps[8].contains(rolling_update_sim::model::ess::DEMO_NEW_IMAGE), "{}", steps[8]);

    let refused = run(
        &["rolling-update", "demo", "--template", "refresh", "--scenario", "canary"],
        None,
        &[],
    );
    assert_eq!(refused.code, Some(2), "{}", refused.stderr);
    assert!(refused.stderr.contains("only the default scenario (success)"), "{}", refused.stderr);
}
