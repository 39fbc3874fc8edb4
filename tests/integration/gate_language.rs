//! Health gates as people read them: a gated update in Simplified Chinese (its reasons, the
//! pre-flight, the verdicts) while the JSON stays English, and the gated follow's live status
//! block under a pseudo-terminal (the gate's step in it) or plain lines when piped.
//!
//! The pseudo-terminal is Python's standard `pty` module, as in `terminal.rs`.

use serde_json::Value;

use crate::support::*;

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A 3-batch gated image update; `extra` adds the gates and the language.
fn gated_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    image_start_args(&[&["--batch-number", "3"], extra].concat())
}

/// The check that fails at batch 2 and passes elsewhere (the pre-flight's batch 0 too).
const FAILS_AT_2: &str = "test \"$RU_BATCH\" != 2";

#[test]
fn a_gate_that_fails_and_rolls_back_says_why_in_chinese_and_the_json_stays_english() {
    let gates = ["--check", FAILS_AT_2, "--on-unhealthy", "rollback"];
    let zh_sim = sim();
    let zh = plugin(&zh_sim, &gated_args(&[&gates[..], &["--language", "zh-CN"]].concat()));
    assert_eq!(zh.code, Some(7), "{}", zh.stderr);
    let json = zh.json();
    let id = json["executionId"].as_str().unwrap_or_default().to_owned();
    let rollback = json["outcome"]["rollbackExecutionId"].as_str().unwrap_or_default().to_owned();
    assert!(rollback.starts_with("exec-") && rollback != id, "{json}");
    let english = format!("batch 2: the check exited 1; rollback {rollback} succeeded");
    assert_eq!(json["reason"], english.as_str(), "the JSON's reason stays English");
    assert_eq!(json["gates"][1]["reason"], "batch 2: the check exited 1");
    assert!(!has_chinese(&zh.stdout), "{}", zh.stdout);
    let stderr = &zh.stderr;
    let reason = format!("执行 {id}：第 2 批：健康检查的退出码为 1；回滚 {rollback} 成功");
    assert!(stderr.contains(&reason), "no {reason:?} in:\n{stderr}");
    assert!(stderr.contains("预检：健康门禁可以运行"), "{stderr}");
    assert!(stderr.contains("第 1 批健康门禁：健康；决定：批准"), "{stderr}");
    assert!(
        stderr.contains("第 2 批健康门禁：不健康（健康检查的退出码为 1）；决定：回滚"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("正在回滚 {id}：回滚 {rollback} 已启动")), "{stderr}");
    assert!(!stderr.contains("the check exited"), "no English reason left: {stderr}");

    // The same run in English: as before, word for word.
    let en_sim = sim();
    let en = plugin(&en_sim, &gated_args(&gates));
    assert_eq!(en.code, Some(7), "{}", en.stderr);
    let json = en.json();
    let id = json["executionId"].as_str().unwrap_or_default().to_owned();
    let rollback = json["outcome"]["rollbackExecutionId"].as_str().unwrap_or_default().to_owned();
    let english = format!("batch 2: the check exited 1; rollback {rollback} succeeded");
    assert_eq!(json["reason"], english.as_str());
    let stderr = &en.stderr;
    assert!(stderr.contains(&format!("{id}: {english}")), "{stderr}");
    assert!(stderr.contains("pre-flight: the gates can run"), "{stderr}");
    assert!(stderr.contains("gate batch 1: healthy; decision: Approve"), "{stderr}");
    assert!(
        stderr.contains("gate batch 2: UNHEALTHY (the check exited 1); decision: Rollback"),
        "{stderr}"
    );
    assert!(stderr.contains(&format!("rolling back {id}: rollback {rollback} started")));
    assert!(!has_chinese(stderr), "{stderr}");
}

#[test]
fn a_refusal_of_the_gates_pre_flight_is_chinese_and_its_json_english() {
    let sim = sim();
    let out = plugin(&sim, &gated_args(&["--check", "exit 3", "--language", "zh-CN"]));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["refusals"][0]["code"], "check_failed");
    assert_eq!(
        json["refusals"][0]["message"],
        "the check exited 3 on the group as it is now (RU_BATCH=0)"
    );
    assert!(
        out.stderr.contains("健康门禁预检拒绝：在伸缩组当前状态下试运行健康检查，退出码为 3"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("未启动"), "{}", out.stderr);
}

/// Gates whose steps last long enough to be drawn: a check of a third of a second, a bake of
/// one second.
const SLOW_GATES: [&str; 5] = ["--wait", "--check", "sleep 0.3", "--bake", "1s"];

#[test]
fn under_a_terminal_a_gated_follow_keeps_the_live_block_with_the_gates_step() {
    let sim = sim();
    let Tty { code, screen, stdout } =
        under_pty(&sim, &gated_args(&SLOW_GATES), &[("TERM", "xterm-256color")]);
    assert_eq!(code, Some(0), "{screen}");
    // The block: the batch, the bar and counts, the clock with the gate's step, the next step.
    assert!(screen.contains(" of 3 - "), "{screen:?}");
    assert!(screen.contains("] 2 done, 0 failed of 6 instances"), "{screen:?}");
    assert!(screen.contains(" - gate: batch 1: running the check"), "{screen:?}");
    assert!(screen.contains(" - gate: batch 1: baking, "), "{screen:?}");
    assert!(
        screen.contains("next: approve batch 1 if healthy, else leave it paused (exit 8)"),
        "{screen:?}"
    );
    assert!(screen.contains("\x1b[1A") || screen.contains("\x1b[2K"), "redrawn: {screen:?}");
    // Events and verdicts above it, each batch once; the one summary line at the end.
    assert_eq!(screen.matches("batch 1 finished: 2 done, 0 failed").count(), 1, "{screen:?}");
    let verdict = screen.find("gate batch 1: healthy; decision: Approve");
    let approved = screen.find("batch 1 passed its gate: approved");
    assert!(verdict.is_some() && verdict < approved, "the verdict, then the approval: {screen:?}");
    let json: Value = serde_json::from_str(&stdout).expect("JSON on stdout");
    let id = json["executionId"].as_str().unwrap_or_default();
    assert_eq!(json["outcome"]["kind"], "passed", "{json}");
    let summary = format!("{id} succeeded: 6 of 6 instances done, 0 failed; 3 of 3 batches");
    assert!(screen.contains(&summary), "{screen:?}");
    assert!(!stdout.contains('\x1b'), "{stdout:?}");
}

#[test]
fn piped_a_gated_follow_prints_plain_lines_and_heartbeats() {
    let sim = sim();
    let out = plugin_env(&sim, &gated_args(&SLOW_GATES), &[("TERM", "xterm-256color")]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let stderr = &out.stderr;
    assert!(!stderr.contains('\x1b'), "{stderr:?}");
    assert!(!stderr.contains(" of 3 - "), "no live block: {stderr}");
    assert!(stderr.contains("batch 1 started"), "{stderr}");
    assert_eq!(stderr.matches("batch 2 finished: 2 done, 0 failed").count(), 1, "{stderr}");
    assert!(stderr.contains("gate batch 3: healthy; decision: Pass"), "{stderr}");
    assert!(stderr.lines().any(|l| l.starts_with("still following: batch ")), "{stderr}");
    let id = out.json()["executionId"].as_str().unwrap_or_default().to_owned();
    let summary = format!("{id} succeeded: 6 of 6 instances done, 0 failed; 3 of 3 batches");
    assert!(stderr.lines().any(|l| l.starts_with(&summary)), "{stderr}");
}
