//! Every line a person reads on stderr in a Chinese run (`--language zh-CN`) is Chinese: the
//! plugin's verbs are run against the simulator (a start that waits, one that finds its update
//! already started, a dry run, status, approve of an update that is not paused, cancel of one
//! that ended, an unknown execution, an endpoint that does not answer, an instance refresh's
//! start, plan, status and approve) and each stderr line is classified. A line that is only
//! IDs, a command, JSON, `key=value` data or a path is data, the same in every language; any
//! other line must hold Chinese. The confirmation prompt is checked on a pseudo-terminal in
//! both languages, with the answers each accepts.

use rolling_update_tests::Run;
use rolling_update_tests::english::{has_chinese, untranslated};

use crate::support::*;

/// The English lines of one run.
fn english_lines(what: &str, out: &Run) -> Vec<String> {
    out.stderr.lines().filter(|l| untranslated(l)).map(|l| format!("{what}: {l}")).collect()
}

/// What the runs of one test found: their English lines, and how many Chinese lines they
/// printed (so that the check cannot pass on runs that printed nothing).
#[derive(Default)]
struct Found {
    english: Vec<String>,
    chinese: usize,
}

impl Found {
    /// Asserts that the runs printed at least `lines` Chinese lines and no English one.
    fn assert_chinese(&self, lines: usize) {
        assert!(self.english.is_empty(), "English in a Chinese run:\n{}", self.english.join("\n"));
        assert!(self.chinese >= lines, "only {} Chinese lines", self.chinese);
    }
}

/// Runs `args` against `sim` in Chinese and classifies its stderr, which must not be empty.
fn zh(sim: &rolling_update_sim::SimHandle, args: &[&str], found: &mut Found) -> Run {
    let mut argv = args.to_vec();
    argv.extend(["--language", "zh-CN"]);
    let out = plugin(sim, &argv);
    let what = args.iter().take(3).copied().collect::<Vec<_>>().join(" ");
    assert!(!out.stderr.trim().is_empty(), "{what}: nothing on stderr");
    found.chinese += out.stderr.lines().filter(|l| has_chinese(l)).count();
    found.english.extend(english_lines(&what, &out));
    out
}

#[test]
fn every_line_of_the_rolling_update_verbs_is_chinese() {
    let sim = sim();
    let mut found = Found::default();
    let dry = zh(&sim, &image_start_args(&["--batch-number", "2", "--cli-dry-run"]), &mut found);
    assert_eq!(dry.code, Some(0), "{}", dry.stderr);
    // Started, not followed: the rollback and follow commands.
    let args = image_start_args(&["--batch-number", "2"]);
    let started = zh(&sim, &args, &mut found);
    assert_eq!(started.code, Some(0), "{}", started.stderr);
    let id = started.json()["executionId"].as_str().expect("executionId").to_owned();
    // The same start again, with --wait: it finds its update and follows it to the end.
    let again = zh(&sim, &image_start_args(&["--batch-number", "2", "--wait"]), &mut found);
    assert_eq!(again.code, Some(0), "{}", again.stderr);
    assert!(again.stdout.contains(&id), "{}", again.stdout);
    let status = zh(&sim, &["status", &id], &mut found);
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    let approve = zh(&sim, &["approve", &id], &mut found);
    assert_eq!(approve.code, Some(1), "not paused: {}", approve.stderr);
    let cancel = zh(&sim, &["cancel", "-y", &id], &mut found);
    assert_eq!(cancel.code, Some(0), "{}", cancel.stderr);
    let unknown = zh(&sim, &["status", "exec-0123456789abcdef"], &mut found);
    assert_eq!(unknown.code, Some(1), "{}", unknown.stderr);
    // An error line holds Chinese through its `错误：` alone: the message itself must too.
    assert!(
        unknown.stderr.contains("错误：在地域 cn-hangzhou 中找不到执行 exec-0123456789abcdef"),
        "{}",
        unknown.stderr
    );
    let english = plugin(&sim, &["status", "exec-0123456789abcdef"]);
    assert!(
        error_line(&english).starts_with(
            "Error: execution exec-0123456789abcdef was not found in region cn-hangzhou; \
             check the id and --region"
        ),
        "{}",
        english.stderr
    );
    let approve_dry = zh(&sim, &["approve", &id, "--cli-dry-run"], &mut found);
    assert_eq!(approve_dry.code, Some(0), "{}", approve_dry.stderr);
    found.assert_chinese(10);
}

#[test]
fn every_line_of_the_refresh_verbs_is_chinese() {
    let sim = sim();
    let mut found = Found::default();
    let start = ["start", "-y", "--template", "refresh", "--scaling-group-id", GROUP];
    let mut args = start.to_vec();
    args.extend(["--image-id", NEW_IMAGE, "--checkpoint", "50,100", "--hold-at-checkpoints"]);
    args.push("--wait");
    let held = zh(&sim, &args, &mut found);
    assert_eq!(held.code, Some(5), "{}", held.stderr);
    let id = held.json()["instanceRefreshTaskId"].as_str().expect("a task id").to_owned();
    let status = zh(&sim, &["status", &id, "--scaling-group-id", GROUP], &mut found);
    assert_eq!(status.code, Some(0), "{}", status.stderr);
    let approved = zh(&sim, &["approve", &id, "--scaling-group-id", GROUP], &mut found);
    assert_eq!(approved.code, Some(0), "{}", approved.stderr);
    let end = zh(&sim, &["wait", &id, "--scaling-group-id", GROUP, "--through-pauses"], &mut found);
    assert_eq!(end.code, Some(0), "{}", end.stderr);
    let again = zh(&sim, &["approve", &id, "--scaling-group-id", GROUP], &mut found);
    assert_eq!(again.code, Some(1), "nothing to approve: {}", again.stderr);
    let mut plan = vec!["plan", "--template", "refresh", "--scaling-group-id", GROUP];
    plan.extend(["--image-id", NEW_IMAGE, "--min-healthy-percentage", "80"]);
    let planned = zh(&sim, &plan, &mut found);
    assert_eq!(planned.code, Some(0), "{}", planned.stderr);
    assert!(planned.stderr.contains("注意："), "{}", planned.stderr);
    let json = planned.json();
    assert!(json["assumption"].as_str().is_some_and(|a| a.starts_with("assumed")), "{json}");
    // A gated refresh: the check's own output is shown with the batch it judged.
    let sim_gated = crate::support::sim();
    let mut gated = start.to_vec();
    gated.extend(["--image-id", NEW_IMAGE, "--checkpoint", "50,100", "--check", "echo healthy"]);
    let judged = zh(&sim_gated, &gated, &mut found);
    assert_eq!(judged.code, Some(0), "{}", judged.stderr);
    assert!(judged.stderr.contains("健康检查[1]：healthy"), "{}", judged.stderr);
    // A refusal of the pre-flight, and a flag value that is not a number.
    let mut missing = start.to_vec();
    missing[5] = "asg-bp1nosuchgroup000000";
    missing.extend(["--image-id", NEW_IMAGE]);
    let refused = zh(&sim, &missing, &mut found);
    assert_eq!(refused.code, Some(1), "{}", refused.stderr);
    assert!(refused.stderr.contains("已拒绝 [group_not_found]："), "{}", refused.stderr);
    assert_eq!(refused.json()["refusals"][0]["message"].as_str().map(has_chinese), Some(false));
    let mut bad = start.to_vec();
    bad.extend(["--image-id", NEW_IMAGE, "--min-healthy-percentage", "most"]);
    let usage = zh(&sim, &bad, &mut found);
    assert_eq!(usage.code, Some(2), "{}", usage.stderr);
    assert!(
        usage.stderr.contains("--min-healthy-percentage：`most` 不是有效的值，应为：整数"),
        "{}",
        usage.stderr
    );
    found.assert_chinese(10);
}

#[cfg(target_os = "linux")]
#[test]
fn the_confirmation_asks_in_chinese_and_takes_y_yes_or_shi() {
    let sim = sim();
    let start = format!(
        "start --template command --scaling-group-id {GROUP} --invoke-script hi --batch-number 2 \
         --batch-pause-option FirstBatchPause"
    );
    let Some((code, screen)) = on_a_terminal(&sim, &format!("{start} --language zh-CN"), "n\n")
    else {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    };
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains("开始这次滚动更新吗？ [y/N]"), "{screen}");
    assert!(screen.contains("未启动"), "{screen}");
    assert!(!screen.contains("Start this"), "{screen}");
    assert!(calls(&sim, "StartExecution").is_empty());
    // 是 is yes in Chinese; y and yes stay yes in both languages.
    let zh = format!("{start} --language zh-CN");
    let (code, screen) = on_a_terminal(&sim, &zh, "是\n").expect("script ran before");
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("已启动 exec-"), "{screen}");
    assert!(screen.contains("跟踪请运行：aliyun rolling-update wait exec-"), "{screen}");
    assert_eq!(calls(&sim, "StartExecution").len(), 1);
    // The cancel question of that update, paused after its first batch, declined.
    let id = screen
        .split("已启动 ")
        .nth(1)
        .and_then(|rest| rest.split('（').next())
        .expect("the started line names the execution")
        .to_owned();
    let cancel = format!("cancel {id} --language zh-CN");
    let (code, screen) = on_a_terminal(&sim, &cancel, "n\n").expect("script ran before");
    assert_eq!(code, 1, "{screen}");
    assert!(screen.contains(&format!("要取消 {id}（")), "{screen}");
    assert!(screen.contains("吗？ [y/N]") && screen.contains("未取消"), "{screen}");
    assert!(calls(&sim, "CancelExecution").is_empty());
    // In English the question and the answers are as they were.
    let sim = crate::support::sim();
    let (code, screen) = on_a_terminal(&sim, &start, "YES\n").expect("script ran before");
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("Start this rolling update? [y/N]"), "{screen}");
    assert!(screen.contains("to follow it: aliyun rolling-update wait exec-"), "{screen}");
    assert_eq!(calls(&sim, "StartExecution").len(), 1);
}
