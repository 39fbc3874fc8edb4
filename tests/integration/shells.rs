//! Rendered commands run in real shells (bash, zsh, dash, fish) with a fake `aliyun` first on
//! PATH that prints the arguments it got; the `--Parameters` argument must be JSON equal to the
//! payload. PowerShell and cmd.exe cannot run here: the core tests them against models of their
//! documented rules. Also: the six seed-guide commands parse back to their payloads.
//!
//! A shell whose binary is missing is skipped, unless `CI` is set: then the test fails.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::TestRunner;
use rolling_update_core::shell::{
    ParsedCommand, Shell, StartCommand, parse, parse_argv, render, render_plugin,
};
use rolling_update_core::template::Template;
use rolling_update_tests::fixture;
use serde_json::{Value, json};

/// The shells run here, with the arguments that keep their start-up files out of the way.
const SHELLS: [(&str, &[&str], Shell); 4] = [
    ("bash", &["--norc", "--noprofile"], Shell::Bash),
    ("zsh", &["-f"], Shell::Bash),
    ("dash", &[], Shell::Bash),
    ("fish", &["--no-config"], Shell::Fish),
];

const SEEDS: [&str; 6] = [
    "image-invoke",
    "command-invoke",
    "package-invoke",
    "image-rollback",
    "command-rollback",
    "package-rollback",
];

/// Values that mean something to some shell.
const NASTY: &[&str] = &[
    "",
    "it's",
    "say \"hi\"",
    "'\"'\"",
    "$HOME ${HOME} $(id) `id` $1 $$",
    "!! !$ !-1 history",
    "%PATH% %% %",
    "^ ^^ a^b",
    "a && b || c; d & e | f",
    "<in >out 2>&1",
    "\\",
    "ends with a backslash\\",
    "\\\\server\\share \\\" \\'",
    "df -h\nifconfig",
    "tab\there\r\nCRLF",
    "中文 😀 é",
    "\u{2018}typographic\u{2019} \u{201c}quotes\u{201d}",
    "-x",
    "--flag=value",
    "#not a comment",
    "* ? [a] ~ {a,b} (x)",
    "\\' fish \\\\ escapes",
    "=zsh equals",
    "trailing space ",
];

fn shell_binary(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file())
}

/// A fresh folder with the fake `aliyun` in it.
pub(crate) fn sandbox() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "rolling-update-shells-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("creating the sandbox");
    std::fs::copy(env!("CARGO_BIN_EXE_fake-aliyun"), dir.join("aliyun"))
        .expect("copying the fake aliyun");
    dir
}

/// Runs `lines` as one script in `shell`; returns the arguments of each `aliyun` call.
pub(crate) fn run_script(
    shell: &Path,
    args: &[&str],
    lines: &[String],
    dir: &Path,
) -> Vec<Vec<String>> {
    let script = dir.join("commands");
    let mut text = lines.join("\n");
    text.push('\n');
    std::fs::write(&script, text).expect("writing the script");
    let path = std::env::join_paths(
        std::iter::once(dir.to_path_buf())
            .chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("PATH");
    let out = Command::new(shell)
        .args(args)
        .arg(&script)
        .env("PATH", path)
        .current_dir(dir)
        .output()
        .expect("running the shell");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert!(
        out.status.success(),
        "{} failed: {}\n{stdout}",
        shell.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    stdout.lines().map(|line| serde_json::from_str(line).expect("argv JSON")).collect()
}

/// Each shell that is installed (a missing one fails on CI).
pub(crate) fn installed_shells() -> Vec<(PathBuf, &'static [&'static str], Shell, &'static str)> {
    let mut found = Vec::new();
    for (name, args, shell) in SHELLS {
        match shell_binary(name) {
            Some(path) => found.push((path, args, shell, name)),
            None if std::env::var_os("CI").is_some() => panic!("{name} is not installed (CI)"),
            None => eprintln!("skipping {name}: not installed"),
        }
    }
    found
}

fn commands() -> Vec<StartCommand> {
    let mut commands: Vec<StartCommand> = NASTY
        .iter()
        .map(|value| StartCommand {
            template: Template::Command,
            parameters: json!({
                "invokeType": "invoke",
                "scalingGroupId": "asg-1",
                "invokeScript": value,
                "rollbackScript": format!("{value}{value}"),
                "batchNumber": 2,
                "enterProcess": ["ScaleIn", "ScaleOut"],
            }),
            region: Some("cn-hangzhou".to_owned()),
            parameters_file: None,
        })
        .collect();
    // Some generated ones: any characters but NUL, which no argument can hold.
    let mut runner = TestRunner::deterministic();
    let strategy = proptest::collection::vec(
        proptest::char::any().prop_filter("no NUL", |c| *c != '\0'),
        0..40,
    );
    for _ in 0..16 {
        let value: String =
            strategy.new_tree(&mut runner).expect("a value").current().into_iter().collect();
        commands.push(StartCommand {
            template: Template::Package,
            parameters: json!({"packageName": value, "packageVersion": value, "batchNumber": 1}),
            region: None,
            parameters_file: None,
        });
    }
    commands
}

fn value_after<'a>(argv: &'a [String], flag: &str) -> Option<&'a str> {
    argv.iter().position(|a| a == flag).map(|i| argv[i + 1].as_str())
}

#[test]
fn start_execution_commands_deliver_the_payload_in_real_shells() {
    let commands = commands();
    for (path, args, shell, name) in installed_shells() {
        let dir = sandbox();
        let lines: Vec<String> = commands.iter().map(|c| render(c, shell)).collect();
        let calls = run_script(&path, args, &lines, &dir);
        assert_eq!(calls.len(), commands.len(), "{name}: one aliyun call per command");
        for ((cmd, argv), line) in commands.iter().zip(&calls).zip(&lines) {
            assert_eq!(argv[..2], ["oos", "StartExecution"], "{name}: {line}");
            let json = value_after(argv, "--Parameters").expect("--Parameters");
            let received: Value = serde_json::from_str(json).expect("JSON");
            assert_eq!(received, cmd.parameters, "{name}: --Parameters of {line}");
            assert_eq!(value_after(argv, "--region"), cmd.region.as_deref(), "{name}: {line}");
            assert_eq!(value_after(argv, "--TemplateName"), Some(cmd.template.name()));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn plugin_commands_deliver_the_flags_in_real_shells() {
    let commands = commands();
    for (path, args, shell, name) in installed_shells() {
        let dir = sandbox();
        let lines: Vec<String> =
            commands.iter().map(|c| render_plugin(c, shell).expect("renders")).collect();
        let calls = run_script(&path, args, &lines, &dir);
        assert_eq!(calls.len(), commands.len(), "{name}: one aliyun call per command");
        for ((cmd, argv), line) in commands.iter().zip(&calls).zip(&lines) {
            let argv: Vec<String> =
                std::iter::once("aliyun".to_owned()).chain(argv.clone()).collect();
            let parsed = parse_argv(&argv).unwrap_or_else(|e| panic!("{name}: {e}: {argv:?}"));
            assert_eq!(parsed.parameters, cmd.parameters, "{name}: flags of {line}");
            assert_eq!(parsed.region, cmd.region, "{name}: {line}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn parameters_file_command_names_the_file_in_real_shells() {
    let cmd = StartCommand {
        template: Template::Image,
        parameters: json!({}),
        region: Some("cn-hangzhou".to_owned()),
        parameters_file: Some("my params $HOME 'x'.json".to_owned()),
    };
    for (path, args, shell, name) in installed_shells() {
        let dir = sandbox();
        let calls = run_script(&path, args, &[render(&cmd, shell)], &dir);
        assert_eq!(
            value_after(&calls[0], "--Parameters-FILE"),
            cmd.parameters_file.as_deref(),
            "{name}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn seed(name: &str) -> (String, Value) {
    let read = |ext: &str| {
        std::fs::read_to_string(fixture(&format!("seed/{name}.{ext}")))
            .unwrap_or_else(|e| panic!("{name}.{ext}: {e}"))
    };
    let json = serde_json::from_str(&read("json")).expect("seed JSON");
    (read("command.txt"), json)
}

fn seed_template(name: &str) -> Template {
    Template::from_name(name.split('-').next().unwrap_or_default()).expect("template")
}

#[test]
fn seed_commands_parse_as_bash_to_their_payloads() {
    for name in SEEDS {
        let (text, payload) = seed(name);
        let parsed: ParsedCommand =
            parse(&text, Shell::Bash).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(parsed.template, seed_template(name), "{name}: template");
        assert_eq!(parsed.parameters, payload, "{name}: parameters");
        assert_eq!(parsed.region, None, "{name}: region");
    }
}

#[test]
fn seed_payloads_rendered_for_every_shell_parse_back() {
    for name in SEEDS {
        let (_, payload) = seed(name);
        let cmd = StartCommand {
            template: seed_template(name),
            parameters: payload,
            region: Some("cn-hangzhou".to_owned()),
            parameters_file: None,
        };
        for shell in Shell::ALL {
            let text = render(&cmd, shell);
            let parsed = parse(&text, shell).unwrap_or_else(|e| panic!("{name} {shell}: {e}"));
            assert_eq!(parsed.to_start_command(), cmd, "{name} {shell}: {text}");
            if let Ok(text) = render_plugin(&cmd, shell) {
                let parsed = parse(&text, shell).unwrap_or_else(|e| panic!("{name} {shell}: {e}"));
                assert_eq!(parsed.to_start_command(), cmd, "{name} {shell} plugin: {text}");
            }
        }
    }
}

#[test]
fn seed_commands_deliver_their_payloads_in_real_bash_family_shells() {
    for (path, args, shell, name) in installed_shells() {
        if shell != Shell::Bash {
            continue;
        }
        let dir = sandbox();
        let seeds: Vec<(String, Value)> = SEEDS.iter().map(|s| seed(s)).collect();
        let lines: Vec<String> = seeds.iter().map(|(text, _)| text.trim_end().to_owned()).collect();
        let calls = run_script(&path, args, &lines, &dir);
        for ((_, payload), argv) in seeds.iter().zip(&calls) {
            let json = value_after(argv, "--Parameters").expect("--Parameters");
            assert_eq!(&serde_json::from_str::<Value>(json).expect("JSON"), payload, "{name}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The follow-up commands the plugin prints (`command::plugin_command`, `aliyun_command`) are
/// quoted by the same quoter: in zsh a bare word starting with `=` would be replaced by the path
/// of a program, so such values must arrive exactly.
#[test]
fn printed_follow_up_commands_deliver_values_starting_with_equals_in_real_shells() {
    use rolling_update_core::api::ApiRequest;
    use rolling_update_core::api::oos::CancelExecution;
    use rolling_update_core::command::{Target, aliyun_command_at, plugin_command};

    let target = Target {
        region: "=cn-hangzhou".to_owned(),
        endpoint: Some("=ls".to_owned()),
        profile: Some("=echo a=b".to_owned()),
        config_path: Some("%HOME%/c.json".to_owned()),
    };
    let call = CancelExecution { region_id: "=ls".to_owned(), execution_id: "=exec-1".to_owned() }
        .to_call();
    let lines = [plugin_command("status", "=exec-1", &target), aliyun_command_at(&call, &target)];
    for (path, args, shell, name) in installed_shells() {
        if shell != Shell::Bash {
            continue;
        }
        let dir = sandbox();
        let calls = run_script(&path, args, &lines, &dir);
        assert_eq!(calls.len(), 2, "{name}");
        let status = &calls[0];
        assert_eq!(status[..3], ["rolling-update", "status", "=exec-1"], "{name}: {}", lines[0]);
        assert_eq!(value_after(status, "--region"), Some("=cn-hangzhou"), "{name}");
        assert_eq!(value_after(status, "--endpoint"), Some("=ls"), "{name}");
        assert_eq!(value_after(status, "--profile"), Some("=echo a=b"), "{name}");
        assert_eq!(value_after(status, "--config-path"), Some("%HOME%/c.json"), "{name}");
        let cancel = &calls[1];
        assert_eq!(value_after(cancel, "--region"), Some("=ls"), "{name}: {}", lines[1]);
        assert_eq!(value_after(cancel, "--ExecutionId"), Some("=exec-1"), "{name}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
