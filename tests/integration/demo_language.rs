//! `demo` in Simplified Chinese: its narration (the lines the demo itself prints around the
//! steps) is Chinese, while the commands it shows and runs, and the JSON it shows, are
//! byte-identical to the English run's; every run is still labelled a simulation. `demo --help`
//! lists every template in both languages.
//!
//! [`english_words`] decides whether a line a person reads is still an English sentence; its
//! own tests below keep it from passing vacuously.

use rolling_update_tests::english::{SIM, has_chinese, is_english_sentence, untranslated};
use rolling_update_tests::{Run, run};

/// The demo, fast (tests need not watch), in `lang`.
fn demo(lang: &str, extra: &[&str]) -> Run {
    let mut args = vec!["rolling-update", "demo", "--speed", "200", "--language", lang];
    args.extend_from_slice(extra);
    run(&args, None, &[])
}

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

/// `line` without what the simulated services said themselves (a task's or an instance's
/// failure message): English, as the real services' messages are, and shown as they came.
fn without_api_messages(line: &str) -> String {
    let api = |part: &str| {
        part.contains("(simulated fault)")
            || (part.starts_with("Task ") && part.contains(" failed"))
    };
    line.split('：').filter(|part| !api(part)).collect::<Vec<_>>().join("：")
}

/// The English lines of `stdout`, each once, in order.
fn english_lines(stdout: &str) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for line in stdout.lines().filter(|l| untranslated(&without_api_messages(l))) {
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
        let english: Vec<&&str> = lines.iter().filter(|l| untranslated(l)).collect();
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

/// Every line of each demo in Chinese (every story, every template) that is still English,
/// the demo's own and the verbs' (`[sim]`) alike.
#[test]
fn demo_in_chinese_has_no_english_sentence() {
    let templates: Vec<[&str; 2]> = ["command", "package", "file", "oss-file", "container"]
        .iter()
        .map(|t| ["--template", *t])
        .collect();
    let stories = STORIES.iter().map(|(name, extra)| (name.to_string(), extra.to_vec()));
    let templates = templates.iter().map(|t| (t[1].to_owned(), t.to_vec()));
    let mut english = Vec::new();
    for (story, extra) in stories.chain(templates) {
        let zh = demo("zh-CN", &extra);
        assert_eq!(zh.code, Some(0), "{story}:\n{}\n{}", zh.stdout, zh.stderr);
        english.extend(english_lines(&zh.stdout).into_iter().map(|l| format!("{story}: {l}")));
    }
    assert!(
        english.is_empty(),
        "{} English lines in the Chinese demos:\n{}",
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
