//! The one place that names the core's shell API (`rolling_update_core::shell`): converts its
//! inputs and answers for the exports in `lib.rs`.

use rolling_update_core::i18n::{Lang, Text};
use rolling_update_core::shell::{self, CommandForm, GateOptions, Shell, StartCommand};
use serde::Serialize;
use serde_json::Value;

/// A pasted command, read back.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Parsed {
    /// `startExecution` or `plugin`.
    form: &'static str,
    /// The template's full name.
    template: &'static str,
    parameters: Value,
    region: Option<String>,
    parameters_file: Option<String>,
    /// The plugin form's health-gate options (`{check, checkTimeout, alarms, ...}`).
    gate: GateOptions,
    notes: Vec<String>,
}

/// Why rendering or parsing failed, in the page's language, with a position in UTF-16 code
/// units (as JS counts).
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) position: Option<usize>,
}

impl Failure {
    fn new(message: Text, lang: Lang) -> Failure {
        Failure { message: message.render(lang).into_owned(), position: None }
    }
}

/// The stable names of the shells, in the core's order.
pub fn shell_names() -> impl Iterator<Item = &'static str> {
    Shell::ALL.into_iter().map(Shell::as_str)
}

/// A shell's stable name and its name for people.
#[derive(Serialize)]
pub(crate) struct Title {
    value: &'static str,
    title: &'static str,
}

/// Every shell with its title, in the core's order.
pub(crate) fn titles() -> impl Iterator<Item = Title> {
    Shell::ALL.into_iter().map(|s| Title { value: s.as_str(), title: s.title() })
}

/// Renders `command` for the shell named `shell`: the plugin's form with `gate`, else the
/// StartExecution form; a failure in `lang`.
pub(crate) fn render(
    command: &StartCommand,
    gate: Option<&GateOptions>,
    shell: &str,
    lang: Lang,
) -> Result<String, Failure> {
    let shell: Shell =
        shell.parse().map_err(|e: shell::UnknownShell| Failure::new(e.text(), lang))?;
    match gate {
        Some(gate) => shell::render_plugin_gated(command, gate, shell)
            .map_err(|e| Failure::new(e.text(), lang)),
        None => Ok(shell::render(command, shell)),
    }
}

/// Reads a command pasted into the shell named `shell`; its notes and a failure in `lang`.
pub(crate) fn parse(text: &str, shell: &str, lang: Lang) -> Result<Parsed, Failure> {
    let shell: Shell =
        shell.parse().map_err(|e: shell::UnknownShell| Failure::new(e.text(), lang))?;
    let parsed = shell::parse(text, shell).map_err(|err| Failure {
        position: Some(text.get(..err.offset).unwrap_or(text).encode_utf16().count()),
        message: err.text().render(lang).into_owned(),
    })?;
    Ok(Parsed {
        form: match parsed.form {
            CommandForm::StartExecution => "startExecution",
            CommandForm::Plugin => "plugin",
        },
        template: parsed.template.name(),
        parameters: parsed.parameters,
        region: parsed.region,
        parameters_file: parsed.parameters_file,
        gate: parsed.gate,
        notes: parsed.notes.iter().map(|note| note.render(lang).into_owned()).collect(),
    })
}
