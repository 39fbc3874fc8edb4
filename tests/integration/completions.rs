//! The completion scripts `completion <shell>` writes load in real bash, zsh and fish without
//! an error and complete the verbs; the man page `man` writes is roff that names every verb.
//! zsh and fish are installed by scripts/test.sh; where one is missing here the test says so
//! and skips that shell only.

use std::path::{Path, PathBuf};
use std::process::Command;

use rolling_update_tests::binary;

/// The script for `shell`, written to a file.
fn script(shell: &str) -> PathBuf {
    let out = Command::new(binary()).args(["completion", shell]).output().expect("the plugin runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    let dir = std::env::temp_dir().join(format!("ru-completion-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let path = dir.join(format!("completion.{shell}"));
    std::fs::write(&path, &out.stdout).expect("writing the script");
    path
}

fn installed(shell: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {shell}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs `code` in `shell` with `args` before it; stdout and stderr.
fn run(shell: &str, args: &[&str], code: &str) -> (Option<i32>, String, String) {
    let out = Command::new(shell).args(args).arg(code).output().expect("the shell runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

fn quoted(path: &Path) -> String {
    format!("'{}'", path.display())
}

#[test]
fn bash_loads_the_script_and_completes_verbs_and_flags() {
    let path = script("bash");
    let code = format!(
        "set -u; source {}; \
         COMP_WORDS=(aliyun-cli-rolling-update sta); COMP_CWORD=1; COMP_LINE='aliyun-cli-rolling-update sta'; \
         COMP_POINT=${{#COMP_LINE}}; _aliyun__cli__rolling__update aliyun-cli-rolling-update sta aliyun-cli-rolling-update; \
         printf 'verb:%s\\n' \"${{COMPREPLY[@]}}\"; \
         COMP_WORDS=(aliyun-cli-rolling-update wait --through); COMP_CWORD=2; \
         _aliyun__cli__rolling__update aliyun-cli-rolling-update --through wait; \
         printf 'flag:%s\\n' \"${{COMPREPLY[@]}}\"; complete -p aliyun-cli-rolling-update",
        quoted(&path)
    );
    let (status, out, err) = run("bash", &["--noprofile", "--norc", "-c"], &code);
    assert_eq!(status, Some(0), "{out}{err}");
    assert!(err.is_empty(), "loading printed errors: {err}");
    let verbs: Vec<&str> = out.lines().filter_map(|l| l.strip_prefix("verb:")).collect();
    assert_eq!(verbs, ["start", "status"], "{out}");
    assert!(out.lines().any(|l| l == "flag:--through-pauses"), "{out}");
    assert!(out.contains("-F _aliyun__cli__rolling__update aliyun-cli-rolling-update"), "{out}");
}

#[test]
fn zsh_loads_the_script_without_errors() {
    if !installed("zsh") {
        eprintln!("skipped: zsh is not installed (scripts/test.sh installs it)");
        return;
    }
    let path = script("zsh");
    let code = format!(
        "autoload -U compinit; compinit -u; source {}; \
         whence -w _aliyun-cli-rolling-update; print -r -- ${{_comps[aliyun-cli-rolling-update]}}",
        quoted(&path)
    );
    let (status, out, err) = run("zsh", &["-f", "-c"], &code);
    assert_eq!(status, Some(0), "{out}{err}");
    assert!(err.is_empty(), "loading printed errors: {err}");
    assert!(out.contains("_aliyun-cli-rolling-update: function"), "{out}");
    assert!(
        out.lines().any(|l| l == "_aliyun-cli-rolling-update"),
        "registered for the command: {out}"
    );
}

#[test]
fn fish_loads_the_script_and_completes_verbs() {
    if !installed("fish") {
        eprintln!("skipped: fish is not installed (scripts/test.sh installs it)");
        return;
    }
    let path = script("fish");
    let code = format!(
        "source {}; complete -C 'aliyun-cli-rolling-update sta'; complete -C 'aliyun-cli-rolling-update wait --thr'",
        quoted(&path)
    );
    let (status, out, err) = run("fish", &["--no-config", "-c"], &code);
    assert_eq!(status, Some(0), "{out}{err}");
    assert!(err.is_empty(), "loading printed errors: {err}");
    let first: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    assert!(first.contains(&"start") && first.contains(&"status"), "{out}");
    assert!(first.contains(&"--through-pauses"), "a verb's flags: {out}");
}

#[test]
fn the_powershell_script_registers_a_completer_and_the_man_pages_name_every_verb() {
    let text = std::fs::read_to_string(script("powershell")).expect("the script");
    assert!(
        text.contains(
            "Register-ArgumentCompleter -Native -CommandName 'aliyun-cli-rolling-update'"
        ),
        "{text}"
    );
    let dir = std::env::temp_dir().join(format!("ru-man-{}", std::process::id()));
    let out = Command::new(binary()).arg("man").arg("--out-dir").arg(&dir).output().expect("runs");
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let main = std::fs::read_to_string(dir.join("aliyun-rolling-update.1")).expect("the main page");
    assert!(main.contains(".TH aliyun-rolling-update 1"), "{main}");
    for verb in ["start", "wait", "rollback", "completion", "man"] {
        let page = dir.join(format!("aliyun-rolling-update-{verb}.1"));
        let page = std::fs::read_to_string(&page).unwrap_or_else(|e| panic!("{verb}: {e}"));
        assert!(page.contains(".SH NAME"), "{verb}: {page}");
        assert!(
            main.contains(&format!("aliyun\\-rolling\\-update\\-{verb}(1)")),
            "{verb} in {main}"
        );
    }
    if installed("man") {
        let shown = Command::new("man")
            .arg("-l")
            .arg(dir.join("aliyun-rolling-update-wait.1"))
            .env("MANPAGER", "cat")
            .env("MANWIDTH", "100")
            .output()
            .expect("man runs");
        let text = String::from_utf8_lossy(&shown.stdout);
        assert!(text.contains("--through-pauses"), "{text}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bash_completes_aliyun_rolling_update_and_leaves_other_words_to_the_host() {
    let path = script("bash");
    let dir = path.parent().expect("the script's folder").to_owned();
    // The host's own completion, as `aliyun auto-completion` installs it: `complete -C <bin>`.
    let host = dir.join("host-completer");
    std::fs::write(&host, "#!/bin/sh\necho ecs\necho oos\n").expect("the stand-in");
    let _ = Command::new("chmod").arg("+x").arg(&host).status();
    let code = format!(
        "set -u; complete -C {host} aliyun; source {script}; source {script}; \
         COMP_WORDS=(aliyun rolling-update sta); COMP_CWORD=2; COMP_LINE='aliyun rolling-update sta'; \
         COMP_POINT=${{#COMP_LINE}}; _aliyun_rolling_update_host aliyun sta rolling-update; \
         printf 'verb:%s\\n' \"${{COMPREPLY[@]}}\"; \
         COMP_WORDS=(aliyun rolling-update wait --thr); COMP_CWORD=3; \
         _aliyun_rolling_update_host aliyun --thr wait; printf 'flag:%s\\n' \"${{COMPREPLY[@]}}\"; \
         COMP_WORDS=(aliyun ''); COMP_CWORD=1; COMP_LINE='aliyun '; COMP_POINT=7; \
         _aliyun_rolling_update_host aliyun '' aliyun; printf 'top:%s\\n' \"${{COMPREPLY[@]}}\"; \
         complete -p aliyun",
        host = quoted(&host),
        script = quoted(&path)
    );
    let (status, out, err) = run("bash", &["--noprofile", "--norc", "-c"], &code);
    assert_eq!(status, Some(0), "{out}{err}");
    assert!(err.is_empty(), "{err}");
    let lines = |prefix: &str| -> Vec<String> {
        out.lines().filter_map(|l| l.strip_prefix(prefix)).map(str::to_owned).collect()
    };
    assert_eq!(lines("verb:"), ["start", "status"], "{out}");
    assert_eq!(lines("flag:"), ["--through-pauses"], "{out}");
    // The host's words stay, the plugin is offered beside them, and loading twice did not
    // make the wrapper call itself.
    assert_eq!(lines("top:"), ["ecs", "oos", "rolling-update"], "{out}");
    assert!(out.contains("-F _aliyun_rolling_update_host aliyun"), "{out}");
}

#[test]
fn zsh_hands_the_words_after_rolling_update_to_the_plugin_s_completion() {
    if !installed("zsh") {
        eprintln!("skipped: zsh is not installed (scripts/test.sh installs it)");
        return;
    }
    let path = script("zsh");
    // The plugin's completion function is replaced after loading by one that shows what it
    // was handed: the words and the cursor as zsh's completion system passes them.
    let code = format!(
        "autoload -U compinit; compinit -u; _host() {{ print -r -- host }}; compdef _host aliyun; \
         source {script}; source {script}; print -r -- ${{_comps[aliyun]}}; \
         _aliyun-cli-rolling-update() {{ print -r -- \"plugin: ${{words[*]}} @$CURRENT\" }}; \
         _describe() {{ print -r -- described }}; \
         words=(aliyun rolling-update wait --thr); CURRENT=4; _aliyun_rolling_update_host; \
         words=(aliyun ''); CURRENT=2; _aliyun_rolling_update_host",
        script = quoted(&path)
    );
    let (status, out, err) = run("zsh", &["-f", "-c"], &code);
    assert_eq!(status, Some(0), "{out}{err}");
    assert!(err.is_empty(), "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines,
        [
            "_aliyun_rolling_update_host",
            "plugin: aliyun-cli-rolling-update wait --thr @3",
            "described",
            "host"
        ],
        "{out}"
    );
}

#[test]
fn fish_completes_aliyun_rolling_update() {
    if !installed("fish") {
        eprintln!("skipped: fish is not installed (scripts/test.sh installs it)");
        return;
    }
    let path = script("fish");
    let code = format!(
        "source {}; complete -C 'aliyun rolling-update sta'; complete -C 'aliyun rolling-update wait --thr'; complete -C 'aliyun rol'",
        quoted(&path)
    );
    let (status, out, err) = run("fish", &["--no-config", "-c"], &code);
    assert_eq!(status, Some(0), "{out}{err}");
    assert!(err.is_empty(), "{err}");
    let first: Vec<&str> = out.lines().filter_map(|l| l.split('\t').next()).collect();
    assert_eq!(first, ["start", "status", "--through-pauses", "rolling-update"], "{out}");
}
