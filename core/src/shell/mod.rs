//! Ready-to-paste commands for every shell, and reading pasted commands back.
//!
//! [`render`] writes `aliyun oos StartExecution ...` and [`render_plugin`] writes this
//! product's own `aliyun rolling-update start ...` ([`render_plugin_gated`] with its health-gate
//! options, [`GateOptions`]), each quoted so that the program receives
//! exactly the given values when the text is pasted into the chosen [`Shell`]. [`parse`] reads
//! either form back, the way that shell would, into a [`ParsedCommand`].
//!
//! What each shell needs (the rule names are used in the tests):
//!
//! - **bash** (also zsh, dash and POSIX `sh`): every argument that is not plainly safe goes in
//!   single quotes, inside which nothing is special; a `'` is written `'\''`.
//! - **fish**: single quotes, inside which `\\` and `\'` are escapes, so `\` is doubled and `'`
//!   written `\'`.
//! - **powershell** (PowerShell 7.3 and later): single quotes, a quote doubled. PowerShell also
//!   counts the typographic quotes `‘ ’ ‚ ‛` as single quotes, so those are doubled too. Native
//!   programs then receive the string intact.
//! - **powershell-legacy** (Windows PowerShell 5.1, pwsh 7.2 and earlier): the string is
//!   written in single quotes as above, but it already holds the escapes the program's
//!   command-line parser needs, because PowerShell passes it on without escaping embedded `"`:
//!   each `"` is written `\"` (the backslashes before it doubled, then one more), and when
//!   PowerShell wraps the argument in `"` (it does when it holds whitespace) trailing
//!   backslashes are doubled. An empty value is written `'""'`, since these versions drop `''`.
//! - **cmd** (cmd.exe at the interactive prompt): the argument is first quoted for the program
//!   (Microsoft C runtime / `CommandLineToArgvW` rules: `"` groups, `\"` is a literal quote,
//!   backslashes before a `"` doubled). If the result holds any of `% ^ & | < > ( )`, every `"`
//!   in it is written `^"` so that cmd's own quote state never switches on, and each of those
//!   characters gets a `^` before it. A `%` written `^%` cannot expand: cmd looks up the text
//!   between two `%` as a variable name, and that name then ends in `^`, which no variable has.
//!   In a `.bat` file `%` must be doubled instead; these commands are for the prompt. Delayed
//!   expansion (`cmd /v:on`) is assumed off, as it is by default. cmd.exe cannot pass a newline
//!   inside an argument: see [`RenderError::CmdNewline`].
//!
//! PowerShell and cmd.exe were not run here: their rules are tested against test-only models
//! written from Microsoft's documentation. bash, zsh, dash and fish run in the integration tests.

mod flags;
mod gate;
pub mod layout;
mod lex;
mod parse;
mod quote;
mod render;

#[cfg(test)]
mod roundtrip_tests;

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use crate::i18n::Text;
use crate::template::Template;

pub use flags::{FlagError, apply_flag, flag_spec};
pub use gate::{
    GATE_FIELDS, GateField, GateFieldKind, GateFinding, GateOptions, ON_UNHEALTHY_CHOICES,
};
pub use parse::{CommandForm, Flag, ParseError, ParsedCommand, parse, parse_argv, split};
pub use quote::quote;
pub use render::{RenderError, render, render_plugin, render_plugin_gated};

/// A shell a command is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shell {
    /// bash; the same text is right for zsh, dash and POSIX `sh`.
    Bash,
    /// fish.
    Fish,
    /// PowerShell 7.3 and later (`$PSNativeCommandArgumentPassing` `Standard` or `Windows`).
    PowerShell,
    /// Windows PowerShell 5.1 and PowerShell 7.2 or earlier (legacy native argument passing).
    PowerShellLegacy,
    /// cmd.exe, typed or pasted at its prompt.
    Cmd,
}

impl Shell {
    /// Every shell, in a stable order.
    pub const ALL: [Shell; 5] =
        [Shell::Bash, Shell::Fish, Shell::PowerShell, Shell::PowerShellLegacy, Shell::Cmd];

    /// The shell's stable name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Shell::Bash => "bash",
            Shell::Fish => "fish",
            Shell::PowerShell => "powershell",
            Shell::PowerShellLegacy => "powershell-legacy",
            Shell::Cmd => "cmd",
        }
    }

    /// The shell's name for people, as a form offers it (`bash / zsh`, `PowerShell 7.3+`).
    pub const fn title(self) -> &'static str {
        match self {
            Shell::Bash => "bash / zsh",
            Shell::Fish => "fish",
            Shell::PowerShell => "PowerShell 7.3+",
            Shell::PowerShellLegacy => "Windows PowerShell 5.1",
            Shell::Cmd => "cmd.exe",
        }
    }
}

impl fmt::Display for Shell {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A shell name that is none of [`Shell::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownShell(pub String);

impl UnknownShell {
    /// The error for a person, in any language (`Display` is its English).
    pub fn text(&self) -> Text {
        crate::t!("shell.unknown", name = self.0)
    }
}

crate::display_as_text!(UnknownShell);

impl std::error::Error for UnknownShell {}

impl FromStr for Shell {
    type Err = UnknownShell;

    /// Reads a stable name; `zsh`, `sh`, `dash`, `pwsh` and `cmd.exe` are accepted as aliases.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let name = s.trim().to_ascii_lowercase();
        let shell = match name.as_str() {
            "bash" | "zsh" | "sh" | "dash" => Shell::Bash,
            "fish" => Shell::Fish,
            "powershell" | "pwsh" => Shell::PowerShell,
            "powershell-legacy" => Shell::PowerShellLegacy,
            "cmd" | "cmd.exe" => Shell::Cmd,
            _ => return Err(UnknownShell(s.to_owned())),
        };
        Ok(shell)
    }
}

/// An `aliyun oos StartExecution` call of one of the rolling-update templates.
#[derive(Debug, Clone, PartialEq)]
pub struct StartCommand {
    /// The template to run.
    pub template: Template,
    /// The payload object exactly as given: rendering adds no defaults.
    pub parameters: Value,
    /// The region (`--region`), when one is given.
    pub region: Option<String>,
    /// When set, the command reads the parameters from this file (`--Parameters-FILE`, or
    /// `--parameters-file` in the plugin's form) instead of carrying them inline. Writing the
    /// file is the caller's job.
    pub parameters_file: Option<String>,
}
