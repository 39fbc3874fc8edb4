//! The shell area in English and Simplified Chinese: a pasted command's errors and notes
//! (`render --from-command`), the plugin form's refusals, the batch plan's warnings and rule,
//! and YAML findings of `render` and `start` placed at their line, in the run's language; the
//! JSON and the English stay as they were.

use std::path::PathBuf;

use rolling_update_tests::{Run, run};

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Writes `text` to a fresh file named `name` and returns its path.
fn file(name: &str, text: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("rolling-update-shell-lang-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `args` run once with `--language en` and once with `--language zh-CN`.
fn both(args: &[&str], stdin: Option<&str>) -> (Run, Run) {
    let with = |lang: &str| {
        let mut all = args.to_vec();
        all.extend(["--language", lang]);
        run(&all, stdin, &[])
    };
    (with("en"), with("zh-CN"))
}

#[test]
fn a_pasted_command_that_cannot_be_read_says_why_and_where_in_chinese() {
    let text = "aliyun oos StartExecution --TemplateName image \\\n  --Parameters '{\"a\": 1,}'\n";
    let pasted = file("bad-json.txt", text);
    let args = ["render", "--from-command", pasted.to_str().unwrap(), "--from-shell", "bash"];
    let (en, zh) = both(&args, None);
    assert_eq!((en.code, zh.code), (Some(2), Some(2)), "{}\n{}", en.stderr, zh.stderr);
    assert!(en.stderr.contains("--Parameters is not valid JSON: "), "{}", en.stderr);
    assert!(en.stderr.contains("(line 2, column 25)"), "{}", en.stderr);
    assert!(!has_chinese(&en.stderr), "{}", en.stderr);
    assert!(zh.stderr.contains("--Parameters 不是有效的 JSON："), "{}", zh.stderr);
    assert!(zh.stderr.contains("（第 2 行，第 25 列）"), "{}", zh.stderr);
    assert!(zh.stderr.contains("bad-json.txt"), "the file is named: {}", zh.stderr);

    let expansion = file("expansion.txt", "aliyun oos StartExecution --TemplateName \"$T\"\n");
    let args = ["render", "--from-command", expansion.to_str().unwrap(), "--from-shell", "bash"];
    let (en, zh) = both(&args, None);
    assert!(en.stderr.contains("`$` starts an expansion the shell would fill in"), "{}", en.stderr);
    assert!(zh.stderr.contains("`$` 开始一个展开"), "{}", zh.stderr);
}

#[test]
fn a_pasted_command_s_notes_are_chinese_and_the_command_is_the_same() {
    let text = "aliyun oos StartExecution --region cn-hangzhou --RegionId cn-beijing \
                --TemplateName image --Parameters \
                '{\"invokeType\":\"invoke\",\"scalingGroupId\":\"asg-1\",\"imageId\":\"m-1\"}'\n";
    let pasted = file("notes.txt", text);
    let args = ["render", "--from-command", pasted.to_str().unwrap(), "--from-shell", "bash"];
    let (en, zh) = both(&args, None);
    assert_eq!((en.code, zh.code), (Some(0), Some(0)), "{}\n{}", en.stderr, zh.stderr);
    assert!(
        en.stderr.contains(
            "note: --region cn-hangzhou is used; the aliyun CLI ignores --RegionId cn-beijing"
        ),
        "{}",
        en.stderr
    );
    assert!(
        zh.stderr.contains("使用 --region cn-hangzhou；aliyun CLI 会忽略 --RegionId cn-beijing"),
        "{}",
        zh.stderr
    );
    assert_eq!(en.stdout, zh.stdout, "the command printed is the same in both languages");
}

#[test]
fn the_plugin_form_s_refusal_for_cmd_is_chinese() {
    let args = [
        "render",
        "--template",
        "command",
        "--scaling-group-id",
        "asg-1",
        "--invoke-script",
        "df -h\nuptime",
        "--plugin",
        "--shell",
        "cmd",
    ];
    let (en, zh) = both(&args, None);
    assert_eq!((en.code, zh.code), (Some(2), Some(2)), "{}\n{}", en.stderr, zh.stderr);
    assert!(
        en.stderr
            .contains("cmd.exe cannot pass a line break inside an argument, and `invokeScript`"),
        "{}",
        en.stderr
    );
    assert!(
        zh.stderr.contains("cmd.exe 无法在参数中传递换行，而 `invokeScript` 含有换行"),
        "{}",
        zh.stderr
    );
}

#[test]
fn the_plan_s_warnings_and_rule_are_chinese_and_its_json_is_the_same() {
    let args = ["plan", "--instances", "6", "--batch-number", "4"];
    let (en, zh) = both(&args, None);
    assert_eq!((en.code, zh.code), (Some(0), Some(0)), "{}\n{}", en.stderr, zh.stderr);
    assert!(
        en.stderr.contains(
            "warning: batchNumber 4 asks for more batches than this split gives: 3 batches of up \
             to 2 instances"
        ),
        "{}",
        en.stderr
    );
    assert!(en.stderr.contains("note: OOS does not document how it splits"), "{}", en.stderr);
    assert!(
        zh.stderr.contains("batchNumber 4 要求的批次多于此拆分能给出的：3 批"),
        "{}",
        zh.stderr
    );
    assert!(zh.stderr.contains("OOS 没有公开它如何把实例分成批次"), "{}", zh.stderr);
    assert_eq!(en.stdout, zh.stdout, "the JSON is byte-identical");
    assert!(!has_chinese(&zh.stdout), "{}", zh.stdout);

    let (en, zh) = both(&["plan", "--instances", "6", "--batch-number", "0"], None);
    assert_eq!((en.code, zh.code), (Some(2), Some(2)), "{}\n{}", en.stderr, zh.stderr);
    assert!(
        en.stderr.contains("--batch-number must be a whole number from 1 to 100"),
        "{}",
        en.stderr
    );
    assert!(zh.stderr.contains("--batch-number 必须是 1 到 100 之间的整数"), "{}", zh.stderr);
}

#[test]
fn render_places_a_yaml_parameters_file_s_findings_at_their_line() {
    let text = "invokeType: invoke\nscalingGroupId: asg-1\nimageId: 20250101\nbatchNumber: 0\n";
    let yaml = file("params.yaml", text);
    let name = yaml.to_str().unwrap();
    let (en, zh) = both(&["render", "--template", "image", "--parameters-file", name], None);
    assert_eq!((en.code, zh.code), (Some(1), Some(1)), "{}\n{}", en.stderr, zh.stderr);
    assert!(
        en.stderr.contains(&format!("{name}:4:1: error[out_of_range] at /batchNumber")),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains(&format!("{name}:3:1: error[wrong_type] at /imageId")),
        "{}",
        en.stderr
    );
    assert!(en.stderr.contains("quote it ('20250101')"), "the YAML hint: {}", en.stderr);
    assert!(zh.stderr.contains(&format!("{name}:4:1: ")), "{}", zh.stderr);
    assert!(has_chinese(&zh.stderr), "{}", zh.stderr);
    // A value a flag replaced is not the file's: no line for it.
    let flagged = run(
        &["render", "--template", "image", "--parameters-file", name, "--batch-number", "101"],
        None,
        &[],
    );
    assert!(flagged.stderr.contains("error[out_of_range] at /batchNumber"), "{}", flagged.stderr);
    assert!(!flagged.stderr.contains(&format!("{name}:4:1:")), "{}", flagged.stderr);
    assert!(
        flagged.stderr.contains(&format!("{name}:3:1: error[wrong_type]")),
        "{}",
        flagged.stderr
    );
}

#[test]
fn start_places_an_update_file_s_findings_at_their_line() {
    let text =
        "template: image\nparameters:\n  scalingGroupId: asg-1\n  imageId: m-1\n  batchNumber: 0\n";
    let update = file("update.yaml", text);
    let name = update.to_str().unwrap();
    let out = run(
        &["start", "--update-file", name, "--region", "cn-hangzhou", "-y", "--language", "zh-CN"],
        None,
        &[],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert!(out.stderr.contains(&format!("{name}:5:3: ")), "{}", out.stderr);
    assert!(out.stderr.contains("/batchNumber") && has_chinese(&out.stderr), "{}", out.stderr);
}
