//! A rendered one-line command laid out on several lines, one flag per line, with the shell's
//! line continuation: `\` for bash/zsh/dash and fish, a backtick for PowerShell, `^` for cmd.exe.
//!
//! A line is only ever broken at a space that separates two arguments: each candidate break
//! (a space before an argument that starts with `--`) is kept only when the shell still reads
//! the same arguments from the text with that break ([`split`]), so a break can never land
//! inside an ID or a quoted value, and the laid-out text always reads back as the one-line text
//! does.

use super::{Shell, split};

/// How a continued line is indented.
const INDENT: &str = "  ";

/// The shell's line-continuation character.
pub const fn continuation(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash | Shell::Fish => "\\",
        Shell::PowerShell | Shell::PowerShellLegacy => "`",
        Shell::Cmd => "^",
    }
}

/// `one_line` (a command as [`render`](super::render) writes it) with a line break, continued
/// for `shell`, before each `--flag`. Text the shell cannot read is returned unchanged.
pub fn layout(one_line: &str, shell: Shell) -> String {
    let Ok(words) = split(one_line, shell) else { return one_line.to_owned() };
    let breaks = format!(" {}\n{INDENT}", continuation(shell));
    let mut out = String::with_capacity(one_line.len() + 8 * breaks.len());
    let mut rest = one_line;
    while let Some(at) = rest.find(" --") {
        let (head, tail) = rest.split_at(at);
        // The text so far, the break, and the remainder as it stands.
        let candidate = format!("{out}{head}{breaks}{}", &tail[1..]);
        let kept = split(&candidate, shell).is_ok_and(|w| w == words);
        out.push_str(head);
        out.push_str(if kept { &breaks } else { " " });
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

/// The shell a pasted multi-line command was laid out for, read from how its lines are
/// continued: a backtick is PowerShell's, a caret cmd.exe's, a backslash bash's (fish
/// continues the same way and reads the same text). `None` when no line is continued.
pub fn shell_of(text: &str) -> Option<Shell> {
    text.lines().find_map(|line| match line.trim_end().chars().last()? {
        '`' => Some(Shell::PowerShell),
        '^' => Some(Shell::Cmd),
        '\\' => Some(Shell::Bash),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::{StartCommand, render, render_plugin};
    use crate::template::Template;
    use serde_json::json;

    fn command(parameters: serde_json::Value) -> StartCommand {
        StartCommand {
            template: Template::ALL[0],
            parameters,
            region: Some("cn-hangzhou".into()),
            parameters_file: None,
        }
    }

    fn sample() -> StartCommand {
        command(json!({
            "invokeType": "invoke",
            "scalingGroupId": "asg-bp1 --not-a-flag",
            "imageId": "m-1",
        }))
    }

    #[test]
    fn bash_and_fish_continue_with_a_backslash_and_keep_a_quoted_value_whole() {
        for shell in [Shell::Bash, Shell::Fish] {
            let text = layout(&render_plugin(&sample(), shell).expect("renders"), shell);
            let lines: Vec<&str> = text.lines().collect();
            assert!(lines[0].starts_with("aliyun rolling-update start \\"), "{shell}: {text}");
            assert!(lines[1..].iter().all(|l| l.starts_with("  --")), "{shell}: {text}");
            assert!(lines[..lines.len() - 1].iter().all(|l| l.ends_with(" \\")), "{shell}: {text}");
            assert!(
                lines.iter().any(|l| l.contains("'asg-bp1 --not-a-flag'")),
                "{shell}: the quoted value is broken: {text}"
            );
        }
    }

    #[test]
    fn powershell_continues_with_a_backtick() {
        for shell in [Shell::PowerShell, Shell::PowerShellLegacy] {
            let text = layout(&render(&sample(), shell), shell);
            assert!(text.starts_with("aliyun oos StartExecution `\n  --"), "{shell}: {text}");
            assert!(!text.contains("\\\n"), "{shell}: {text}");
            assert_eq!(text.matches(" `\n  --").count(), text.lines().count() - 1, "{text}");
        }
    }

    #[test]
    fn cmd_continues_with_a_caret() {
        let text = layout(&render(&sample(), Shell::Cmd), Shell::Cmd);
        assert!(text.starts_with("aliyun oos StartExecution ^\n  --"), "{text}");
        assert_eq!(text.matches(" ^\n  --").count(), text.lines().count() - 1, "{text}");
    }

    #[test]
    fn every_shell_reads_the_same_arguments_back_from_either_form() {
        let awkward = command(json!({
            "invokeType": "invoke",
            "scalingGroupId": "asg-1",
            "imageId": "m-1",
            "OOSAssumeRole": "a --b 'c' \"d\" ^ ` $x %PATH%",
        }));
        for shell in Shell::ALL {
            let plugin = render_plugin(&awkward, shell).expect("renders");
            for one in [render(&awkward, shell), plugin] {
                let text = layout(&one, shell);
                assert!(text.lines().count() > 3, "{shell}: not laid out: {text}");
                assert_eq!(split(&text, shell).ok(), split(&one, shell).ok(), "{shell}: {text}");
                let (a, b) = (super::super::parse(&text, shell), super::super::parse(&one, shell));
                assert_eq!(a.ok(), b.ok(), "{shell}: {text}");
            }
        }
    }

    #[test]
    fn a_laid_out_command_names_its_shell() {
        let one = render(&sample(), Shell::Cmd);
        assert_eq!(shell_of(&layout(&one, Shell::Cmd)), Some(Shell::Cmd));
        let one = render(&sample(), Shell::PowerShell);
        assert_eq!(shell_of(&layout(&one, Shell::PowerShell)), Some(Shell::PowerShell));
        let one = render(&sample(), Shell::Bash);
        assert_eq!(shell_of(&layout(&one, Shell::Bash)), Some(Shell::Bash));
        assert_eq!(shell_of(&one), None, "one line tells nothing: {one}");
    }

    #[test]
    fn text_the_shell_cannot_read_is_left_alone() {
        assert_eq!(layout("aliyun 'open --x", Shell::Bash), "aliyun 'open --x");
        assert_eq!(layout("", Shell::Cmd), "");
    }
}
