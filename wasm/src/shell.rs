//! The one place that names the core's shell API (`rolling_update_core::shell`): converts its
//! inputs and answers for the exports in `lib.rs`.

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

/// Why rendering or parsing failed, with a position in UTF-16 code units (as JS counts).
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) position: Option<usize>,
}

impl Failure {
    fn new(message: impl ToString) -> Failure {
        Failure { message: message.to_string(), position: None }
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
/// StartExecution form.
pub(crate) fn render(
    command: &StartCommand,
    gate: Option<&GateOptions>,
    shell: &str,
) -> Result<String, Failure> {
    let shell: Shell = shell.parse().map_err(Failure::new)?;
    match gate {
        Some(gate) => shell::render_plugin_gated(command, gate, shell).map_err(Failure::new),
        None => Ok(shell::render(command, shell)),
    }
}

/// Reads a command pasted into the shell named `shell`.
pub(crate) fn parse(text: &str, shell: &str) -> Result<Parsed, Failure> {
    let shell: Shell = shell.parse().map_err(Failure::new)?;
    let parsed = shell::parse(text, shell).map_err(|err| Failure {
        position: Some(text.get(..err.offset).unwrap_or(text).encode_utf16().count()),
        message: err.to_string(),
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
        notes: parsed.notes,
    })
}
