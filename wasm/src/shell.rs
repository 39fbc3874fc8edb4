//! The one place that names the core's shell API (`rolling_update_core::shell`).
//!
//! PROVISIONAL: the core's `shell` module is not merged into this branch yet. Until it is, this
//! stand-in quotes every shell the bash way and cannot parse, so that the rest of the crate and
//! the page can be built; the merge replaces the bodies below with calls to the core.

use rolling_update_core::template::Template;
use serde::Serialize;
use serde_json::Value;

/// What to render.
pub(crate) struct Command {
    pub(crate) template: Template,
    pub(crate) parameters: Value,
    pub(crate) region: Option<String>,
    pub(crate) parameters_file: Option<String>,
}

/// A pasted command, read back.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Parsed {
    template: &'static str,
    parameters: Value,
    region: Option<String>,
    parameters_file: Option<String>,
}

/// Why rendering or parsing failed.
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) position: Option<usize>,
}

const NAMES: [&str; 5] = ["bash", "fish", "powershell", "powershell-legacy", "cmd"];

/// The stable names of the shells, in the core's order.
pub fn shell_names() -> impl Iterator<Item = &'static str> {
    NAMES.into_iter()
}

pub(crate) fn render(command: &Command, shell: &str, plugin: bool) -> Result<String, Failure> {
    if !NAMES.contains(&shell) {
        return Err(Failure { message: format!("unknown shell `{shell}`"), position: None });
    }
    let quote = |s: &str| format!("'{}'", s.replace('\'', r"'\''"));
    let mut words = if plugin {
        vec!["aliyun rolling-update start".to_owned()]
    } else {
        vec!["aliyun oos StartExecution".to_owned()]
    };
    if let Some(region) = &command.region {
        words.push(format!("--region {}", quote(region)));
    }
    words.push(format!("--TemplateName {}", command.template.name()));
    match &command.parameters_file {
        Some(path) => words.push(format!("--Parameters-FILE {}", quote(path))),
        None => words.push(format!("--Parameters {}", quote(&command.parameters.to_string()))),
    }
    Ok(words.join(" "))
}

pub(crate) fn parse(_text: &str, _shell: &str) -> Result<Parsed, Failure> {
    Err(Failure { message: "parsing is not merged yet".to_owned(), position: None })
}
