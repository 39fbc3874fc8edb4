//! `completion` and `man`: shell completion scripts (clap_complete) and man pages (clap_mangen)
//! generated from the one command-line definition ([`crate::cli::command`]), so they never
//! disagree with --help.

use std::io::Write;
use std::path::Path;

use anyhow::Context as _;
use clap::Command;
use clap_complete::Shell;
use rolling_update_core::i18n::Text;
use rolling_update_core::t;

use crate::cli::{BIN, CompletionShell, ManArgs, command};
use crate::exit::Code;

/// The man pages' name: what `man` is asked for.
pub(crate) const MAN_NAME: &str = "aliyun-rolling-update";

/// A text in the run's language.
fn say(text: Text) -> String {
    text.render(crate::lang::current()).into_owned()
}

/// Writes `bytes` on stdout; a reader that went away (`| head`) is not an error.
fn print(bytes: &[u8]) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other.with_context(|| say(t!("plugin.output.writing_stdout")))?),
    }
}

/// The completion script for `shell`, completing the plugin's executable.
pub(crate) fn script(shell: CompletionShell) -> Vec<u8> {
    let shell = match shell {
        CompletionShell::Bash => Shell::Bash,
        CompletionShell::Zsh => Shell::Zsh,
        CompletionShell::Fish => Shell::Fish,
        CompletionShell::Powershell => Shell::PowerShell,
    };
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, BIN, &mut out);
    if shell == Shell::Bash {
        out = bash_fixed(&out);
    }
    out.extend_from_slice(host_form(shell).as_bytes());
    out
}

/// What completes `aliyun rolling-update ...` as well as the plugin's own name: the words after
/// `rolling-update` are handed to the completion above, any other `aliyun ...` to what
/// completed `aliyun` before (the host's). PowerShell's script completes the plugin's own name
/// only.
fn host_form(shell: Shell) -> &'static str {
    match shell {
        Shell::Bash => include_str!("completion/host.bash"),
        Shell::Zsh => include_str!("completion/host.zsh"),
        Shell::Fish => include_str!("completion/host.fish"),
        _ => "",
    }
}

/// clap_complete's bash script names a verb's case after the executable with every `-` turned
/// into `__subcmd__`, but looks it up with `-` turned into `__`; for a name with hyphens (this
/// one) no verb's flags would complete. The labels are renamed to what the lookup uses.
fn bash_fixed(script: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(script);
    let wrong = format!("{}__subcmd__", BIN.replace('-', "__subcmd__"));
    let right = format!("{}__subcmd__", BIN.replace('-', "__"));
    text.replace(&wrong, &right).into_bytes()
}

/// `completion <SHELL>`.
pub(crate) fn completion(shell: CompletionShell) -> anyhow::Result<Code> {
    print(&script(shell))?;
    Ok(Code::Ok)
}

/// The command as the man pages name it.
fn man_command() -> Command {
    let mut cmd = command().name(MAN_NAME).display_name(MAN_NAME).bin_name("aliyun rolling-update");
    cmd.build();
    cmd
}

fn render(page: clap_mangen::Man) -> anyhow::Result<Vec<u8>> {
    let mut out = Vec::new();
    page.render(&mut out).with_context(|| say(t!("plugin.man.rendering")))?;
    Ok(out)
}

/// `man`: the main page on stdout, or every page into `--out-dir`.
pub(crate) fn man(args: &ManArgs) -> anyhow::Result<Code> {
    let cmd = man_command();
    match &args.out_dir {
        None => print(&render(clap_mangen::Man::new(cmd))?)?,
        Some(dir) => write_pages(&cmd, dir)?,
    }
    Ok(Code::Ok)
}

/// Writes the main page and one page per verb (`aliyun-rolling-update-<verb>.1`) into `dir`.
fn write_pages(cmd: &Command, dir: &Path) -> anyhow::Result<()> {
    std::fs::create_dir_all(dir)
        .with_context(|| say(t!("plugin.man.creating", path = dir.display())))?;
    let write = |name: String, bytes: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, bytes)
            .with_context(|| say(t!("plugin.man.writing", path = path.display())))
    };
    write(format!("{MAN_NAME}.1"), render(clap_mangen::Man::new(cmd.clone()))?)?;
    for verb in cmd.get_subcommands().filter(|v| !v.is_hide_set()) {
        let name = format!("{MAN_NAME}-{}", verb.get_name());
        // clap names commands with static text; the process writes its pages and ends.
        let page = clap_mangen::Man::new(verb.clone().name(name.clone().leak() as &'static str));
        write(format!("{name}.1"), render(page)?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shell_gets_a_script_that_names_the_verbs() {
        for shell in [
            CompletionShell::Bash,
            CompletionShell::Zsh,
            CompletionShell::Fish,
            CompletionShell::Powershell,
        ] {
            let text = String::from_utf8(script(shell)).unwrap_or_default();
            assert!(text.contains(BIN), "{shell:?}");
            for verb in ["start", "wait", "rollback", "completion"] {
                assert!(text.contains(verb), "{shell:?} lacks {verb}");
            }
        }
    }

    #[test]
    fn the_man_page_lists_the_verbs_and_the_exit_codes() {
        let page =
            String::from_utf8(render(clap_mangen::Man::new(man_command())).unwrap_or_default())
                .unwrap_or_default();
        assert!(page.starts_with(".ie") || page.contains(".TH"), "{page}");
        assert!(page.contains("aliyun\\-rolling\\-update"), "{page}");
        assert!(page.contains("rollback") && page.contains("Exit codes"), "{page}");
    }
}
