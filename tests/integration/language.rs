//! The plugin in English and Simplified Chinese: people's texts follow `--language`,
//! `ALIBABA_CLOUD_LANGUAGE` and the locale, machine output never does.

use rolling_update_tests::{Run, run};

use crate::support::{plugin_env, sim, start_image};

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// A payload with a finding that has a hint (a quoted number) and one from the table (a
/// missing key).
const PAYLOAD: &str = r#"{"invokeType":"invoke","batchNumber":"2","imageId":"m-1"}"#;

fn validate(env: &[(&str, &str)], extra: &[&str]) -> Run {
    let mut args = vec!["rolling-update", "validate", "--template", "image", "--file", "-"];
    args.extend_from_slice(extra);
    run(&args, Some(PAYLOAD), env)
}

/// The stderr line of the finding about `pointer`, and the hint line after it.
fn finding_lines<'a>(stderr: &'a str, pointer: &str) -> (&'a str, &'a str) {
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines.iter().position(|l| l.contains(pointer)).unwrap_or_else(|| {
        panic!("no finding about {pointer} in:\n{stderr}");
    });
    (lines[at], lines.get(at + 1).copied().unwrap_or(""))
}

#[test]
fn with_language_zh_cn_findings_and_hints_are_chinese_and_the_json_is_the_same() {
    let zh = validate(&[], &["--language", "zh-CN"]);
    let en = validate(&[], &["--language", "en"]);
    assert_eq!(zh.code, Some(1), "{}", zh.stderr);
    let (message, hint) = finding_lines(&zh.stderr, "/batchNumber");
    assert!(message.contains("必须是整数"), "{message}");
    assert!(hint.contains("提示") && hint.contains("引号"), "{hint}");
    // The table's hint of a missing key is translated too.
    let (_, table_hint) = finding_lines(&zh.stderr, "/scalingGroupId");
    assert!(has_chinese(table_hint), "{table_hint}");
    let (message, hint) = finding_lines(&en.stderr, "/batchNumber");
    assert!(message.contains("must be an integer") && !has_chinese(&en.stderr), "{message}");
    assert!(hint.contains("hint: write the number without quotes"), "{hint}");
    assert_eq!(zh.stdout, en.stdout, "the JSON is byte-identical in both languages");
    assert!(!has_chinese(&zh.stdout), "{}", zh.stdout);
}

#[test]
fn errors_are_chinese_for_a_missing_file_and_a_bad_flag_value() {
    let missing = run(
        &["validate", "--template", "image", "--file", "/no/such/file.json", "--language", "zh"],
        None,
        &[],
    );
    assert_eq!(missing.code, Some(2), "{}", missing.stderr);
    assert!(missing.stderr.contains("错误：无法读取 /no/such/file.json"), "{}", missing.stderr);
    let template =
        run(&["validate", "--template", "imag", "--file", "-", "--language", "zh"], None, &[]);
    assert_eq!(template.code, Some(2), "{}", template.stderr);
    assert!(template.stderr.contains("未知模板 `imag`"), "{}", template.stderr);
    let region = run(&["status", "exec-1", "--region", "Hangzhou", "--language", "zh"], None, &[]);
    assert_eq!(region.code, Some(2), "{}", region.stderr);
    assert!(region.stderr.contains("`Hangzhou` 不是地域 ID"), "{}", region.stderr);
}

#[test]
fn the_parser_s_own_errors_and_help_notes_are_chinese_too() {
    // clap writes these in English; in Chinese they are written from the tables.
    let unknown = run(&["validate", "--templat", "image", "--language", "zh"], None, &[]);
    assert_eq!(unknown.code, Some(2), "{}", unknown.stderr);
    assert!(unknown.stderr.starts_with("错误：无法识别的参数 '--templat'"), "{}", unknown.stderr);
    assert!(unknown.stderr.contains("提示：您是否想用 '--template'？"), "{}", unknown.stderr);
    assert!(unknown.stderr.contains("用法：aliyun rolling-update validate"), "{}", unknown.stderr);
    let choice = run(&["completion", "tcsh", "--language", "zh"], None, &[]);
    assert_eq!(choice.code, Some(2), "{}", choice.stderr);
    assert!(choice.stderr.contains("[可选值：bash, zsh, fish, powershell]"), "{}", choice.stderr);
    let english = run(&["validate", "--templat", "image", "--language", "en"], None, &[]);
    assert!(english.stderr.contains("unexpected argument '--templat' found"), "{}", english.stderr);
    assert_eq!(english.code, unknown.code);
    // `[default: ..]` and `[possible values: ..]` in --help.
    let help = run(&["rolling-update", "demo", "--help", "--language", "zh"], None, &[]);
    assert!(!help.stdout.contains("[default:"), "{}", help.stdout);
    assert!(!help.stdout.contains("[possible values:"), "{}", help.stdout);
    let render = run(&["rolling-update", "render", "--help", "--language", "zh"], None, &[]);
    assert!(render.stdout.contains("[默认值：bash]"), "{}", render.stdout);
    assert!(render.stdout.contains("可选值：\n"), "{}", render.stdout);
    assert!(render.stdout.contains("- fish: fish 命令解释器"), "{}", render.stdout);
    let short = run(&["rolling-update", "start", "-h", "--language", "zh"], None, &[]);
    assert!(short.stdout.contains("[可选值：pause, rollback, cancel]"), "{}", short.stdout);
    assert!(short.stdout.contains("健康门禁："), "{}", short.stdout);
    assert!(!short.stdout.contains("Possible values"), "{}", short.stdout);
}

#[test]
fn help_is_chinese_with_the_flag_the_variable_and_the_locale() {
    for env in [
        vec![("LANG", "en_US.UTF-8")],
        vec![("ALIBABA_CLOUD_LANGUAGE", "zh")],
        vec![("LANG", "zh_CN.UTF-8")],
        vec![("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")],
    ] {
        let flag = env == [("LANG", "en_US.UTF-8")];
        let mut args = vec!["rolling-update", "start", "--help"];
        if flag {
            args.extend(["--language", "zh-CN"]);
        }
        let out = run(&args, None, &env);
        assert_eq!(out.code, Some(0), "{env:?}: {}", out.stderr);
        assert!(out.stdout.contains("用法："), "{env:?}: {}", out.stdout);
        assert!(out.stdout.contains("启动滚动更新"), "{env:?}: {}", out.stdout);
        // A parameter flag's help comes from the parameter table's Chinese.
        assert!(out.stdout.contains("要更新其实例的伸缩组"), "{env:?}: {}", out.stdout);
        assert!(out.stdout.contains("全局选项："), "{env:?}: {}", out.stdout);
    }
}

#[test]
fn language_en_wins_over_a_chinese_locale() {
    let env = [("LANG", "zh_CN.UTF-8"), ("ALIBABA_CLOUD_LANGUAGE", "zh")];
    let help = run(&["rolling-update", "validate", "--help", "--language", "en"], None, &env);
    assert!(help.stdout.contains("Usage:") && !has_chinese(&help.stdout), "{}", help.stdout);
    let checked = validate(&env, &["--language", "en"]);
    assert!(checked.stderr.contains("must be an integer"), "{}", checked.stderr);
    assert!(!has_chinese(&checked.stderr), "{}", checked.stderr);
    let chinese = validate(&[("LANG", "zh_CN.UTF-8")], &[]);
    assert!(has_chinese(&chinese.stderr), "{}", chinese.stderr);
    assert_eq!(chinese.stdout, checked.stdout);
}

#[test]
fn status_and_plan_json_are_the_same_in_both_languages() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3"]);
    let zh = [("ALIBABA_CLOUD_LANGUAGE", "zh-CN")];
    let en = [("ALIBABA_CLOUD_LANGUAGE", "en")];
    // Once the update has ended, status reads the same execution twice.
    let waited = plugin_env(&sim, &["wait", &id, "--through-pauses"], &en);
    assert_eq!(waited.code, Some(0), "{}", waited.stderr);
    let status_zh = plugin_env(&sim, &["status", &id], &zh);
    let status_en = plugin_env(&sim, &["status", &id], &en);
    assert_eq!(status_zh.code, Some(0), "{}", status_zh.stderr);
    assert_eq!(status_zh.stdout, status_en.stdout, "status's JSON is byte-identical");
    assert!(!has_chinese(&status_zh.stdout), "{}", status_zh.stdout);
    let plan = ["plan", "--instances", "10", "--batch-number", "4"];
    let plan_zh = plugin_env(&sim, &plan, &zh);
    let plan_en = plugin_env(&sim, &plan, &en);
    assert_eq!(plan_zh.code, Some(0), "{}", plan_zh.stderr);
    assert_eq!(plan_zh.stdout, plan_en.stdout, "plan's JSON is byte-identical");
}
