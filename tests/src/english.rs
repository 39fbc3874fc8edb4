//! Whether a line a person reads in a Chinese run is still English: the one classifier the
//! language tests share (`tests/integration/*_language.rs`). Data is never prose: IDs,
//! commands, JSON, `key=value`, paths, flags. Its own tests below keep it from passing
//! vacuously: each must flag plain English sentences and pass Chinese ones with data in them.

/// The prefix of the lines the verbs print inside the demo.
pub const SIM: &str = "[sim]";

/// Whether `text` holds a Chinese character.
pub fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The English words of `line` that a person reads as prose: lowercase ASCII words (an
/// apostrophe inside allowed: `group's`), outside what is never translated: a command line
/// (`$ ...`), a line of JSON, a `backticked` span, a command written out (`aliyun ...` to the
/// end of the line or the next Chinese character), flags (`--wait`), paths and URLs (`/`), IDs
/// and names with digits, `_`, `-`, `.` or capitals (`exec-1`, `sim-demo-agent`,
/// `ScaleIn,ScaleOut`), `key=value` and both sides of a spaced `key = value`.
pub fn english_words(line: &str) -> Vec<&str> {
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
pub fn is_english_sentence(line: &str) -> bool {
    english_words(line).len() >= 4
}

/// An ID as the services write them: a lowercase prefix, a hyphen, then letters and digits
/// with at least one digit (`exec-0a1b`, `ir-3f2e`, `i-9c`, `asg-01`, `m-new01`).
pub fn is_id(token: &str) -> bool {
    let token = token.trim_end_matches([',', ';']);
    let Some((prefix, rest)) = token.split_once('-') else { return false };
    !prefix.is_empty()
        && prefix.len() <= 8
        && prefix.bytes().all(|b| b.is_ascii_lowercase())
        && !rest.is_empty()
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && rest.bytes().any(|b| b.is_ascii_digit())
}

/// `key=value`, the key a name.
fn is_key_value(token: &str) -> bool {
    token.split_once('=').is_some_and(|(key, _)| {
        !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b"_.-".contains(&b))
    })
}

fn is_path(token: &str) -> bool {
    token.starts_with('/')
        || token.starts_with("./")
        || token.starts_with("~/")
        || token.get(1..3) == Some(":\\")
}

/// Whether `line` is JSON: an object or an array on one line, or a line of one printed over
/// several (a bracket, or a `"key": value` member).
fn is_json(line: &str) -> bool {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(line) {
        return value.is_object() || value.is_array();
    }
    let member = line.strip_suffix(',').unwrap_or(line);
    // A member that opens an object or an array: `"key": {` or `"key": [`.
    let opened = member.strip_suffix('{').or_else(|| member.strip_suffix('['));
    let member_of = |text: &str| {
        text.starts_with('"')
            && serde_json::from_str::<serde_json::Value>(&format!("{{{text} null}}")).is_ok()
    };
    ["{", "}", "[", "]"].contains(&member)
        || opened.is_some_and(|head| member_of(head.trim_end()))
        || (member.starts_with('"')
            && serde_json::from_str::<serde_json::Value>(&format!("{{{member}}}")).is_ok())
}

/// Whether a stderr line is data rather than a sentence: empty, JSON (see [`is_json`]), a
/// command (`aliyun ...`), or made only of IDs, only of `key=value` pairs, or a path alone.
pub fn is_data(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || is_json(line) {
        return true;
    }
    let tokens: Vec<&str> = line.split_whitespace().collect();
    let first = tokens[0];
    if first == "$" || first == "aliyun" || first.ends_with("aliyun-cli-rolling-update") {
        return true;
    }
    tokens.iter().all(|t| is_id(t) || is_state(t))
        || tokens.iter().all(|t| is_key_value(t))
        || (tokens.len() == 1 && is_path(first))
}

/// A state as OOS and ESS write it, shown as it is in every language (`exec-1 Success`).
fn is_state(token: &str) -> bool {
    const STATES: [&str; 9] = [
        "Running",
        "Waiting",
        "Success",
        "Failed",
        "Cancelled",
        "Started",
        "Queued",
        "Pending",
        "Paused",
    ];
    STATES.contains(&token.trim_matches(|c: char| !c.is_ascii_alphabetic()))
}

/// Whether a person would read `line` as English in a Chinese run: a sentence (not
/// [`is_data`]) with letters and no Chinese, or a line with Chinese that still holds an English
/// sentence ([`is_english_sentence`]: `下一步：continue with the next batch`).
pub fn untranslated(line: &str) -> bool {
    let line = line.trim();
    let line = line.strip_prefix(SIM).map_or(line, str::trim);
    is_english_sentence(line)
        || (!is_data(line) && line.chars().any(|c| c.is_ascii_alphabetic()) && !has_chinese(line))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn the_classifier_flags_english_sentences_and_passes_data() {
        for english in [
            "already started: following exec-0a1b2c (Running)",
            "Start this rolling update? [y/N]",
            "would run: aliyun oos StartExecution --RegionId cn-hangzhou",
            "not started",
            "exec-0a1b is Success, not Waiting: there is no paused batch to approve",
            "Error: execution exec-1 was not found in region cn-hangzhou; check the id and --region",
            "filled in imageId = m-1: from the group",
            "to follow it: aliyun rolling-update wait exec-1",
            "interrupted",
            "  point 1: 2 of 4 capacity replaced",
        ] {
            assert!(untranslated(english), "not flagged: {english:?}");
        }
        for data in [
            "",
            "   ",
            "aliyun rolling-update wait exec-0a1b --region cn-hangzhou",
            "  aliyun rolling-update status ir-9f --scaling-group-id asg-01",
            r#"{"executionId":"exec-0a1b","status":"Running","alreadyStarted":true}"#,
            "[1, 2]",
            "{",
            "  \"invokeType\": \"rollback\",",
            "  \"batchNumber\": 2",
            "  \"containerConfigure\": [",
            "      \"EnvironmentVars\": {",
            "},",
            "exec-0a1b2c",
            "exec-0a1b2c Success",
            "$ aliyun rolling-update approve exec-1",
            "i-01, i-02",
            "batch=1 instance=i-01 status=Success",
            "/tmp/params.json",
            "已启动 exec-0a1b（Running）",
            "错误：在地域 cn-hangzhou 中找不到执行 exec-1",
        ] {
            assert!(!untranslated(data), "flagged: {data:?}");
        }
        // Words alone are not data: a hyphenated word without a digit is no ID, a lone word no path.
        assert!(untranslated("rolling-update"));
        assert!(untranslated("params.json"));
        assert!(!is_data("\"a string\""), "a JSON string is a sentence");
        assert!(untranslated("\"a string\","));
        assert!(untranslated("{ this is not JSON }"));
    }
}
