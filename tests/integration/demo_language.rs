//! `demo` in Simplified Chinese: its narration (the lines the demo itself prints around the
//! steps) is Chinese, while the commands it shows and runs, and the JSON it shows, are
//! byte-identical to the English run's; every run is still labelled a simulation. `demo --help`
//! lists every template in both languages.
//!
//! [`english_words`] decides whether a line a person reads is still an English sentence; its
//! own tests below keep it from passing vacuously.

use rolling_update_tests::{Run, run};

/// The demo, fast (tests need not watch), in `lang`.
fn demo(lang: &str, extra: &[&str]) -> Run {
    let mut args = vec!["rolling-update", "demo", "--speed", "200", "--language", lang];
    args.extend_from_slice(extra);
    run(&args, None, &[])
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The prefix of the lines the verbs print inside the demo (their stderr).
const SIM: &str = "[sim]";

/// The demo's own lines: neither a verb's (`  [sim] ...`), nor a command (`$ ...`), nor empty.
fn narration(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with(SIM))
        .filter(|l| !l.starts_with("$ "))
        .collect()
}

/// The commands the demo shows before running each (`$ aliyun rolling-update ...`).
fn commands(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| l.starts_with("$ ")).collect()
}

/// The JSON the demo shows (the parameters a rollback runs with, each line `  [sim] ...`), one
/// string per object.
fn json_blocks(stdout: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut open: Option<String> = None;
    for line in stdout.lines() {
        let Some(body) = line.trim_start().strip_prefix(SIM).map(|b| b.strip_prefix(' ')) else {
            continue;
        };
        let body = body.unwrap_or_default();
        match open.as_mut() {
            None if body == "{" => open = Some(String::from("{\n")),
            None => {}
            Some(block) => {
                block.push_str(body);
                block.push('\n');
                if body == "}" {
                    blocks.extend(open.take());
                }
            }
        }
    }
    blocks
}

/// The English words of `line` that a person reads as prose: lowercase ASCII words (an
/// apostrophe inside allowed: `group's`), outside what is never translated: a command line
/// (`$ ...`), a line of JSON, a `backticked` span, a command written out (`aliyun ...` to the
/// end of the line or the next Chinese character), flags (`--wait`), paths and URLs (`/`), IDs
/// and names with digits, `_`, `-`, `.` or capitals (`exec-1`, `sim-demo-agent`,
/// `ScaleIn,ScaleOut`), `key=value` and both sides of a spaced `key = value`.
pub(crate) fn english_words(line: &str) -> Vec<&str> {
    let mut line = line.trim();
    if let Some(rest) = line.strip_prefix(SIM) {
        line = rest.trim();
    }
    if line.starts_with("$ ") || line.starts_with(['{', '}', '[', ']', '"']) {
        return Vec::new();
    }
    // Outside backticks only.
    let mut prose = String::with_capacity(line.len());
    for (n, part) in line.split('`').enumerate() {
        if n % 2 == 0 {
            prose.push_str(part);
        }
        prose.push(' ');
    }
    let prose = cut_commands(&prose);
    let tokens: Vec<&str> = prose.split_whitespace().collect();
    let mut words = Vec::new();
    for (at, token) in tokens.iter().enumerate() {
        let beside_equals = tokens.get(at + 1) == Some(&"=") || (at > 0 && tokens[at - 1] == "=");
        if beside_equals || token.starts_with('-') || token.contains(['=', '/', '\\', '_', '@']) {
            continue;
        }
        let word = token.trim_matches(|c: char| !c.is_ascii_alphanumeric());
        let prose_word = word.starts_with(|c: char| c.is_ascii_lowercase())
            && word.ends_with(|c: char| c.is_ascii_lowercase())
            && word.chars().all(|c| c.is_ascii_lowercase() || c == '\'');
        if prose_word {
            // The word as it is in `line`, for the failure message.
            let start = line.find(word).unwrap_or(0);
            words.push(&line[start..start + word.len()]);
        }
    }
    words
}

/// `text` without the commands written out in it: from `aliyun ` (or the plugin's and the
/// simulator's own names) to the end of the line, or to the next Chinese character.
fn cut_commands(text: &str) -> String {
    const STARTS: [&str; 3] = ["aliyun ", "aliyun-cli-rolling-update ", "rolling-update-sim"];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let found = STARTS
            .iter()
            .filter_map(|s| rest.find(s))
            .filter(|&at| at == 0 || !rest[..at].ends_with(|c: char| c.is_ascii_alphanumeric()))
            .min();
        let Some(at) = found else { break };
        out.push_str(&rest[..at]);
        out.push(' ');
        let command = &rest[at..];
        let end = command.find(|c: char| !c.is_ascii()).unwrap_or(command.len());
        rest = &command[end..];
    }
    out.push_str(rest);
    out
}

/// Whether `line` is still an English sentence: at least 4 English words (see
/// [`english_words`]).
pub(crate) fn is_english_sentence(line: &str) -> bool {
    english_words(line).len() >= 4
}

#[test]
fn the_classifier_flags_english_sentences() {
    for line in [
        "Exit code 5: the first batch is done and the update waits for approval.",
        "Step 3/6: Approve: the remaining batches run.",
        "SIMULATION: this demo uses no Alibaba Cloud account and changes nothing in the cloud.",
        // A verb's line with a Chinese label and an English explanation.
        "  [sim]   下一步：continue with the next batch: aliyun rolling-update approve exec-1",
        "  [sim] 已填入 enterProcess = ScaleIn,ScaleOut：the template's default, sent explicitly",
        // Figures between the words do not hide them.
        "  [sim]   instances: 6 done, 0 failed, 0 pending, 6 total in 3 batch(es)",
        // An English sentence after a backticked command is still one.
        "For real: the same commands (start with `aliyun rolling-update plan`) and your group.",
    ] {
        assert!(is_english_sentence(line), "not flagged: {line:?} {:?}", english_words(line));
    }
    assert_eq!(
        english_words("  [sim] approved exec-1 (task t-5): it left Waiting (Running)"),
        ["approved", "task", "it", "left"]
    );
}

#[test]
fn the_classifier_passes_chinese_with_ids_commands_and_json() {
    for line in [
        "退出码 5：第一批已完成，更新正在等待批准。",
        "步骤 1/6：预览更新将分成的批次（只读取伸缩组，不做任何改动）。",
        "  [sim] exec-910a2dec89025cc10001 成功：6 个实例中 6 个完成，0 个失败；3 批中完成 3 批；用时 0s",
        "  [sim]   i-bp1sim0demo000000001 已完成（第 1 批）",
        "模拟伸缩组 asg-bp1sim0demo0000000001 保持回滚后的状态：6 台实例中 6 台最后运行的是回滚脚本 \
         `echo 1.0 > /srv/app/version and so on`（从模拟器读取）。",
        "实际使用时：从 `aliyun rolling-update plan` 开始。想自己练习：运行 `rolling-update-sim`，\
         并在任意命令后加上 --endpoint http://127.0.0.1:<port>。",
        "  [sim]   下一步：撤销更新：aliyun rolling-update rollback exec-1 --region cn-hangzhou \
         --endpoint http://127.0.0.1:4000",
        "  [sim] 已填入 scalingConfigurationId = asc-bp1sim0demo0000000001：伸缩组当前的伸缩配置",
        "  [sim] 警告[rollback_keeps_configuration_image] 位于 /invokeType：回滚不会恢复伸缩配置",
        "本地模拟器（http://127.0.0.1:39315）中运行着模拟伸缩组（ACS-ESS-RollingUpdateByRunCommandInScalingGroup）",
        // Commands and JSON are never prose, whatever their words.
        "$ aliyun rolling-update start --template image --scaling-group-id asg-1 --wait -y",
        "  [sim]   \"invokeType\": \"rollback\",",
        "  [sim] {",
        // Fewer than 4 words: a verb's name in a Chinese sentence.
        "退出码 5：仍停在检查点；wait 不会自行批准，cancel 也不会。",
        "",
    ] {
        assert!(!is_english_sentence(line), "flagged: {line:?} {:?}", english_words(line));
    }
}

/// The English lines of `stdout`, each once, in order.
fn english_lines(stdout: &str) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for line in stdout.lines().filter(|l| is_english_sentence(l)) {
        if !seen.contains(&line) {
            seen.push(line);
        }
    }
    seen
}

#[test]
fn the_classifier_flags_every_line_of_the_english_demos_narration() {
    // Not vacuous on a real run either: in English, every line of the demo's own is flagged.
    let en = demo("en", &[]);
    assert_eq!(en.code, Some(0), "{}\n{}", en.stdout, en.stderr);
    let lines = narration(&en.stdout);
    assert!(lines.len() >= 12, "{}", en.stdout);
    let missed: Vec<&&str> = lines.iter().filter(|l| !is_english_sentence(l)).collect();
    assert!(missed.is_empty(), "English narration not flagged: {missed:#?}");
}

/// The stories played in both languages: `(name, extra flags)`.
const STORIES: [(&str, &[&str]); 4] = [
    ("default", &[]),
    ("refresh", &["--template", "refresh"]),
    ("failure", &["--scenario", "failure"]),
    ("canary", &["--scenario", "canary"]),
];

#[test]
fn the_chinese_demo_narrates_in_chinese_and_runs_the_same_commands() {
    for (story, extra) in STORIES {
        let en = demo("en", extra);
        let zh = demo("zh-CN", extra);
        assert_eq!(en.code, Some(0), "{story} in English:\n{}\n{}", en.stdout, en.stderr);
        assert_eq!(zh.code, Some(0), "{story} in Chinese:\n{}\n{}", zh.stdout, zh.stderr);
        assert_eq!(zh.stderr, en.stderr, "{story}: stderr");

        // The commands shown (and run) are the same, byte for byte.
        let typed = commands(&zh.stdout);
        assert!(typed.len() >= 2, "{story}:\n{}", zh.stdout);
        assert_eq!(typed, commands(&en.stdout), "{story}: the commands differ");
        assert!(typed.iter().all(|l| l.starts_with("$ aliyun rolling-update ")), "{typed:?}");
        // So is the JSON shown.
        assert_eq!(json_blocks(&zh.stdout), json_blocks(&en.stdout), "{story}: the JSON differs");

        // The demo's own lines: as many as in English, each Chinese, none an English sentence.
        let lines = narration(&zh.stdout);
        assert_eq!(lines.len(), narration(&en.stdout).len(), "{story}:\n{}", zh.stdout);
        let english: Vec<&&str> =
            lines.iter().filter(|l| !has_chinese(l) || is_english_sentence(l)).collect();
        assert!(english.is_empty(), "{story}: narration not in Chinese: {english:#?}");
        let steps = lines.iter().filter(|l| l.starts_with("步骤 ")).count();
        assert_eq!(steps, typed.len(), "{story}: one Chinese heading per step\n{}", zh.stdout);

        // Labelled a simulation at both ends, in both languages.
        assert!(lines[0].starts_with("模拟（SIMULATION）："), "{story}: {}", lines[0]);
        assert!(lines[0].contains("不使用任何阿里云账号"), "{story}: {}", lines[0]);
        let over = lines.iter().rposition(|l| l.starts_with("模拟（SIMULATION）结束"));
        let over = over.unwrap_or_else(|| panic!("{story}: no closing label\n{}", zh.stdout));
        assert!(over + 2 >= lines.len(), "{story}: the closing label comes last");
        assert!(lines[over].contains("阿里云上没有任何改动"), "{story}: {}", lines[over]);
        assert!(lines[1].contains("模拟的弹性伸缩组"), "{story}: {}", lines[1]);
        assert!(lines[over - 1].starts_with("模拟伸缩组"), "{story}: {}", lines[over - 1]);
        assert!(en.stdout.lines().any(|l| l.starts_with("SIMULATION: ")), "{story}");
        assert!(!has_chinese(&en.stdout), "{story}: the English run has no Chinese");
    }
}

/// Every line of the default demo in Chinese that is still an English sentence, the demo's own
/// and the verbs' (`[sim]`) alike. The verbs' lines are other areas' texts.
#[test]
#[ignore = "until the other areas' texts are merged"]
fn demo_in_chinese_has_no_english_sentence() {
    let zh = demo("zh-CN", &[]);
    assert_eq!(zh.code, Some(0), "{}\n{}", zh.stdout, zh.stderr);
    let english = english_lines(&zh.stdout);
    assert!(
        english.is_empty(),
        "{} English lines in the Chinese demo:\n{}",
        english.len(),
        english.join("\n")
    );
}

#[test]
fn the_demos_refusals_are_chinese_in_chinese() {
    let speed = run(&["rolling-update", "demo", "--speed", "0", "--language", "zh-CN"], None, &[]);
    assert_eq!(speed.code, Some(2), "{}", speed.stderr);
    assert!(speed.stderr.contains("--speed 必须在 0.5 到 1000 之间"), "{}", speed.stderr);
    let package = demo("zh-CN", &["--scenario", "canary", "--template", "package"]);
    assert_eq!(package.code, Some(2), "{}", package.stderr);
    assert!(package.stderr.contains("请用其他 --template"), "{}", package.stderr);
    let refresh = demo("zh-CN", &["--scenario", "failure", "--template", "refresh"]);
    assert_eq!(refresh.code, Some(2), "{}", refresh.stderr);
    assert!(has_chinese(&refresh.stderr) && refresh.stdout.is_empty(), "{}", refresh.stderr);
}

#[test]
fn demo_help_lists_every_template_in_both_languages() {
    for (lang, chinese) in [("en", false), ("zh-CN", true)] {
        for flag in ["--help", "-h"] {
            let help = run(&["rolling-update", "demo", flag, "--language", lang], None, &[]);
            assert_eq!(help.code, Some(0), "{lang} {flag}: {}", help.stderr);
            let text = help.stdout.replace('\n', " ");
            let at = text.find("--template <T>").expect("--template is listed");
            let template = &text[at..text[at..].find("--speed").map_or(text.len(), |e| at + e)];
            for name in ["image", "command", "package", "file", "oss-file", "container", "refresh"]
            {
                assert!(template.contains(name), "{lang} {flag}: no {name} in {template}");
            }
            assert_eq!(has_chinese(template), chinese, "{lang} {flag}: {template}");
            if flag == "--help" {
                // The scenarios' own descriptions follow the language too.
                let scenarios = &text[..at];
                for name in ["- success: ", "- failure: ", "- canary: "] {
                    let from = scenarios.find(name).map(|s| s + name.len());
                    let about = &scenarios[from.unwrap_or_else(|| panic!("{lang}: {name}"))..];
                    let about = &about[..about.find(" - ").unwrap_or(about.len())];
                    assert_eq!(has_chinese(about), chinese, "{lang}: {name}{about}");
                }
            }
        }
    }
}
