//! The update's own texts in Simplified Chinese: pre-flight refusals, rollback derivation and
//! explanation, `status` lines, `doctor`, and the core's errors the plugin shows. People's
//! lines follow `--language`; the JSON on stdout is the same in both languages.

use rolling_update_sim::Sim;
use rolling_update_tests::Run;
use serde_json::Value;

use crate::support::{
    GROUP, NEW_IMAGE, error_line, image_start_args, plugin, plugin_env, sim, start_image,
};

/// The first line of stderr that reports an error in Chinese.
fn error_line_zh(out: &Run) -> &str {
    out.stderr.lines().find(|l| l.starts_with("错误：")).unwrap_or("")
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// `args` run once with `--language zh-CN` and once with `--language en`.
fn both(sim: &rolling_update_sim::SimHandle, args: &[&str]) -> (Run, Run) {
    let with = |lang: &str| {
        let mut argv = args.to_vec();
        argv.extend(["--language", lang]);
        plugin(sim, &argv)
    };
    (with("zh-CN"), with("en"))
}

#[test]
fn a_start_refused_by_the_pre_flight_says_why_in_chinese_with_the_same_json() {
    let sim = sim();
    let args = [
        "start",
        "-y",
        "--template",
        "image",
        "--scaling-group-id",
        "asg-nosuchgroup",
        "--image-id",
        NEW_IMAGE,
    ];
    let (zh, en) = both(&sim, &args);
    assert_eq!(zh.code, Some(1), "{}", zh.stderr);
    assert_eq!(en.code, Some(1), "{}", en.stderr);
    assert!(
        zh.stderr.contains("在此地域找不到伸缩组 asg-nosuchgroup；请检查 ID 和 --region"),
        "{}",
        zh.stderr
    );
    // What was filled in before the group was read says why in Chinese too.
    assert!(zh.stderr.contains("模板的默认值，显式传入以便回滚时能找到它"), "{}", zh.stderr);
    assert!(
        en.stderr.contains(
            "refused: scaling group asg-nosuchgroup was not found in this region; check the id \
             and --region"
        ),
        "{}",
        en.stderr
    );
    assert!(
        en.stderr.contains("the template's default, sent explicitly so a rollback finds it"),
        "{}",
        en.stderr
    );
    assert!(!has_chinese(&en.stderr), "{}", en.stderr);
    assert_eq!(zh.stdout, en.stdout, "the refusal's JSON is the same in both languages");
    assert_eq!(zh.json()["refusals"][0]["code"], "group_not_found");
    let message = zh.json()["refusals"][0]["message"].as_str().unwrap_or("").to_owned();
    assert!(message.starts_with("scaling group asg-nosuchgroup was not found"), "{message}");
}

#[test]
fn the_same_start_after_it_ended_is_refused_in_chinese_with_the_same_json() {
    let sim = sim();
    let id = start_image(&sim, &[]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(0));
    let (zh, en) = both(&sim, &image_start_args(&[]));
    assert_eq!(zh.code, Some(1), "{}", zh.stderr);
    assert!(zh.stderr.contains(&format!("已拒绝：同样的更新已作为 {id} 运行过")), "{}", zh.stderr);
    assert!(
        en.stderr.contains(&format!("refused: this same update already ran as {id}")),
        "{}",
        en.stderr
    );
    assert_eq!(zh.stdout, en.stdout, "the refusal's JSON is the same in both languages");
    assert_eq!(zh.json()["refusals"][0]["code"], "already_ran");
}

#[test]
fn status_of_a_finished_update_has_chinese_batch_lines_and_the_same_json() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "2"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(0));
    let (zh, en) = both(&sim, &["status", &id]);
    assert_eq!(zh.code, Some(0), "{}", zh.stderr);
    assert!(zh.stderr.contains("  第 1 批 Success："), "{}", zh.stderr);
    assert!(zh.stderr.contains("  第 2 批 Success："), "{}", zh.stderr);
    assert!(
        zh.stderr.contains("  实例：") && zh.stderr.contains("台完成，0 台失败"),
        "{}",
        zh.stderr
    );
    assert!(zh.stderr.contains(&format!("（伸缩组 {GROUP}）")), "{}", zh.stderr);
    assert!(en.stderr.contains("  batch 1 Success: "), "{}", en.stderr);
    assert!(en.stderr.contains(" done, 0 failed, 0 pending, "), "{}", en.stderr);
    assert!(!has_chinese(&en.stderr), "{}", en.stderr);
    assert_eq!(zh.stdout, en.stdout, "status JSON is the same in both languages");
}

#[test]
fn rollback_of_a_running_execution_is_refused_in_chinese() {
    // Speed 0: the update never gets past its start.
    let sim = Sim::builder().speed(0.0).demo_groups().start().expect("starting the simulator");
    let id = start_image(&sim, &[]);
    let (zh, en) = both(&sim, &["rollback", &id, "-y"]);
    assert_eq!(zh.code, Some(1), "{}", zh.stderr);
    assert_eq!(en.code, Some(1), "{}", en.stderr);
    let line = error_line_zh(&zh);
    assert!(line.contains(&format!("执行 {id} 仍处于")), "{}", zh.stderr);
    assert!(line.contains("请等待它结束或取消它，再进行回滚"), "{}", zh.stderr);
    let line = error_line(&en);
    assert!(line.contains(&format!("execution {id} is still ")), "{}", en.stderr);
    assert!(line.ends_with("; wait for it or cancel it before rolling it back"), "{line}");
    // A gate that would roll a rollback back is refused before any call, in Chinese.
    let gated = plugin(
        &sim,
        &["rollback", &id, "--on-unhealthy", "rollback", "--check", "true", "--language", "zh"],
    );
    assert_eq!(gated.code, Some(2), "{}", gated.stderr);
    assert!(error_line_zh(&gated).contains("回滚本身不会再被回滚"), "{}", gated.stderr);
}

#[test]
fn a_rollback_says_what_it_puts_back_in_chinese() {
    let sim = sim();
    let id = start_image(&sim, &[]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(0));
    let (zh, en) = both(&sim, &["rollback", &id, "--cli-dry-run"]);
    assert_eq!(zh.code, Some(0), "{}", zh.stderr);
    assert!(zh.stderr.contains(&format!("{id} 的回滚将以如下参数运行")), "{}", zh.stderr);
    assert!(zh.stderr.contains("会恢复：每台实例的系统盘重新换回"), "{}", zh.stderr);
    assert!(zh.stderr.contains("不会恢复：伸缩配置"), "{}", zh.stderr);
    assert!(zh.stderr.contains("试运行：只读取了源执行"), "{}", zh.stderr);
    assert!(en.stderr.contains(&format!("rollback of {id} runs ")), "{}", en.stderr);
    assert!(en.stderr.contains("puts back: each instance's system disk is replaced with "));
    assert!(en.stderr.contains("does not put back: scaling configuration "), "{}", en.stderr);
    assert_eq!(zh.stdout, en.stdout, "the dry run's JSON is the same in both languages");
}

/// The doctor report without the clock offset (it can differ by a second between two runs).
fn report(out: &Run) -> Value {
    let mut json = out.json();
    if let Some(map) = json.as_object_mut() {
        map.remove("clockOffsetSeconds");
    }
    json
}

#[test]
fn doctor_speaks_chinese_and_reports_the_same_json() {
    let sim = sim();
    let (zh, en) = both(&sim, &["doctor"]);
    assert_eq!(zh.code, en.code, "{}\n{}", zh.stderr, en.stderr);
    for expected in [
        "凭证：AccessKey ",
        "来自 aliyun 主程序（$ALIBABA_CLOUD_ACCESS_KEY_ID）",
        "接入地址：OOS ",
        "签名调用：成功（OOS ListExecutions）",
        "时钟：",
        "image 所需权限：",
        "插件自身的调用需要以下权限（未检查）：",
        "  oos:StartExecution 用于：start 和 rollback 命令",
    ] {
        assert!(zh.stderr.contains(expected), "{expected}:\n{}", zh.stderr);
    }
    for expected in [
        "endpoints: OOS ",
        "signed call: ok (OOS ListExecutions)",
        "permissions for image: ",
        "the plugin's own calls need (not checked):",
        "  oos:StartExecution: start, rollback",
    ] {
        assert!(en.stderr.contains(expected), "{expected}:\n{}", en.stderr);
    }
    assert!(!has_chinese(&en.stderr), "{}", en.stderr);
    assert_eq!(report(&zh), report(&en), "doctor's JSON is the same in both languages");
    assert_eq!(zh.json()["pluginActions"][0]["usedBy"], "start, rollback");
}

#[test]
fn the_cores_errors_about_the_region_and_the_endpoint_are_chinese() {
    let sim = sim();
    let no_region = [("ALIBABA_CLOUD_REGION_ID", "")];
    let zh = plugin_env(&sim, &["status", "exec-1", "--language", "zh-CN"], &no_region);
    assert_eq!(zh.code, Some(2), "{}", zh.stderr);
    assert!(error_line_zh(&zh).contains("没有地域：请指定 --region"), "{}", zh.stderr);
    let en = plugin_env(&sim, &["status", "exec-1", "--language", "en"], &no_region);
    assert_eq!(en.code, Some(2), "{}", en.stderr);
    assert!(error_line(&en).contains("no region: pass --region"), "{}", en.stderr);
    let bad_endpoint = [("ALIBABA_CLOUD_ENDPOINT", "ftp://x")];
    let zh = plugin_env(&sim, &["status", "exec-1", "--language", "zh-CN"], &bad_endpoint);
    assert_eq!(zh.code, Some(2), "{}", zh.stderr);
    assert!(error_line_zh(&zh).contains("接入地址 \"ftp://x\" 无效"), "{}", zh.stderr);
    let en = plugin_env(&sim, &["status", "exec-1", "--language", "en"], &bad_endpoint);
    assert!(error_line(&en).contains("invalid endpoint \"ftp://x\": expected"), "{}", en.stderr);
    assert_eq!(sim.call_count(), 0, "nothing was sent");
}

#[test]
fn a_value_that_cannot_be_signed_is_said_in_chinese() {
    let sim = sim();
    let key = [("ALIBABA_CLOUD_ACCESS_KEY_ID", "AK\u{1}ID")];
    let zh = plugin_env(&sim, &["status", "exec-1", "--language", "zh-CN"], &key);
    assert_eq!(zh.code, Some(1), "{}", zh.stderr);
    assert!(
        error_line_zh(&zh).contains("无法签名：AccessKey ID（访问密钥 ID） 含有控制字符"),
        "{}",
        zh.stderr
    );
    let en = plugin_env(&sim, &["status", "exec-1", "--language", "en"], &key);
    assert!(
        error_line(&en).contains("cannot sign: access key id contains a control character"),
        "{}",
        en.stderr
    );
    assert_eq!(sim.call_count(), 0, "nothing was sent");
}
