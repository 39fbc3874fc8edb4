//! The payload a verb works on, built from what a person gave: a parameters file, a pasted
//! command, and the parameter flags (a script file's text stands for its script flag).
//!
//! Every verb that takes parameters (`start`, `render`, `plan`) calls [`build`] once; the plugin
//! only reads the files and passes their text. Later sources override earlier ones key by key:
//! the file, then the pasted command's inline parameters, then the flags in table order.

use std::borrow::Cow;

use serde_json::{Map, Value};

use crate::i18n::Text;
use crate::shell::{FlagError, ParsedCommand, apply_flag};
use crate::t;
use crate::template::{InvokeType, Key, ParamSpec};

/// A text file as read: a name for messages (its path, or `<stdin>`) and its text.
#[derive(Debug, Clone, Copy)]
pub struct FileText<'a> {
    /// How messages name the file.
    pub name: &'a str,
    /// Its contents.
    pub text: &'a str,
}

/// Everything a payload is built from.
#[derive(Debug, Default)]
pub struct Sources<'a> {
    /// The parameters file: `--parameters-file`, or else the one the pasted command names.
    pub file: Option<FileText<'a>>,
    /// The command pasted with `--from-command`, parsed.
    pub pasted: Option<&'a ParsedCommand>,
    /// Each parameter flag given, with its text, in table order; a script file's text appears
    /// as its script's parameter, after the inline flags.
    pub flags: Vec<(&'a ParamSpec, Cow<'a, str>)>,
}

/// Why no payload could be built.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PayloadError {
    /// The parameters file holds JSON that is not an object.
    NotAnObject {
        /// The file's name.
        name: String,
    },
    /// The parameters file is not JSON.
    NotJson {
        /// The file's name.
        name: String,
        /// What the JSON parser says.
        reason: String,
    },
    /// The parameters file is not YAML (a `.yaml`/`.yml` file, or text that is neither JSON
    /// nor YAML and does not start like JSON).
    NotYaml {
        /// The file's name.
        name: String,
        /// What is wrong, with its line and column.
        message: crate::i18n::Text,
    },
    /// A flag's text does not fit its parameter.
    Flag(FlagError),
}

impl From<FlagError> for PayloadError {
    fn from(err: FlagError) -> PayloadError {
        PayloadError::Flag(err)
    }
}

impl PayloadError {
    /// The error for a person, in any language (`Display` is its English).
    pub fn text(&self) -> Text {
        match self {
            PayloadError::NotAnObject { name } => {
                t!("payload.in_file", name = name, message: t!("shell.render.not_an_object"))
            }
            PayloadError::NotJson { name, reason } => {
                t!("payload.not_json", name = name, reason = reason)
            }
            PayloadError::NotYaml { name, message } => {
                t!("payload.not_yaml", name = name, message: message.clone())
            }
            PayloadError::Flag(err) => err.text(),
        }
    }
}

crate::display_as_text!(PayloadError);

impl std::error::Error for PayloadError {}

/// Builds the payload. One built without a pasted command runs the update unless
/// `--invoke-type` (or the file) says otherwise, as `start` does; a pasted command keeps exactly
/// the mode it carried.
///
/// ```
/// use std::borrow::Cow;
/// use rolling_update_core::payload::{FileText, Sources, build};
/// use rolling_update_core::template::Key;
///
/// let sources = Sources {
///     file: Some(FileText { name: "p.json", text: r#"{"batchNumber": 2}"# }),
///     flags: vec![(Key::BatchNumber.spec(), Cow::Borrowed("3"))],
///     ..Sources::default()
/// };
/// let payload = build(&sources).unwrap();
/// assert_eq!(payload["batchNumber"], 3);
/// assert_eq!(payload["invokeType"], "invoke");
/// ```
pub fn build(sources: &Sources<'_>) -> Result<Map<String, Value>, PayloadError> {
    let mut payload = match sources.file {
        Some(file) => parse_object(file)?,
        None => Map::new(),
    };
    if let Some(Value::Object(inline)) = sources.pasted.map(|p| &p.parameters) {
        payload.extend(inline.clone());
    }
    for (spec, text) in &sources.flags {
        apply_flag(&mut payload, spec, text)?;
    }
    if sources.pasted.is_none() {
        payload
            .entry(Key::InvokeType.as_str())
            .or_insert_with(|| Value::from(InvokeType::Invoke.as_str()));
    }
    Ok(payload)
}

/// Parses a parameters file (JSON or YAML, as [`crate::document::read`] decides) into its
/// object.
pub fn parse_object(file: FileText<'_>) -> Result<Map<String, Value>, PayloadError> {
    let name = file.name.to_owned();
    match crate::document::read(file.name, file.text) {
        Ok(read) => match read.value {
            Value::Object(map) => Ok(map),
            _ => Err(PayloadError::NotAnObject { name }),
        },
        Err(err) if err.message.key() == Some("document.not_yaml") => {
            Err(PayloadError::NotYaml { name, message: err.message })
        }
        Err(_) => match serde_json::from_str::<Value>(file.text) {
            Err(err) => Err(PayloadError::NotJson { name, reason: err.to_string() }),
            Ok(_) => Err(PayloadError::NotAnObject { name }),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::shell::{Shell, parse};

    fn flag(key: Key, text: &str) -> (&'static ParamSpec, Cow<'_, str>) {
        (key.spec(), Cow::Borrowed(text))
    }

    #[test]
    fn flags_override_the_file_and_the_mode_defaults_to_invoke() {
        let sources = Sources {
            file: Some(FileText {
                name: "f",
                text: r#"{"scalingGroupId": "asg-1", "batchNumber": 2}"#,
            }),
            flags: vec![flag(Key::BatchNumber, "4"), flag(Key::EnterProcess, "ScaleIn, ScaleOut")],
            ..Sources::default()
        };
        let payload = build(&sources).unwrap();
        assert_eq!(
            Value::Object(payload),
            json!({"scalingGroupId": "asg-1", "batchNumber": 4,
                   "enterProcess": ["ScaleIn", "ScaleOut"], "invokeType": "invoke"})
        );
    }

    #[test]
    fn a_pasted_command_keeps_its_mode_and_flags_override_it() {
        let text = concat!(
            "aliyun oos StartExecution --TemplateName ",
            "ACS-ESS-RollingUpdateByRunCommandInScalingGroup ",
            r#"--Parameters '{"scalingGroupId":"asg-1","batchNumber":2}'"#
        );
        let pasted = parse(text, Shell::Bash).unwrap();
        let sources = Sources {
            pasted: Some(&pasted),
            flags: vec![flag(Key::BatchNumber, "3")],
            ..Sources::default()
        };
        let payload = build(&sources).unwrap();
        assert_eq!(Value::Object(payload), json!({"scalingGroupId": "asg-1", "batchNumber": 3}));
    }

    #[test]
    fn bad_files_and_flags_are_named() {
        let file =
            |text| Sources { file: Some(FileText { name: "p.json", text }), ..Sources::default() };
        assert_eq!(
            build(&file("[1]")).unwrap_err().to_string(),
            "p.json: the parameters must be a JSON object"
        );
        assert!(
            build(&file("{")).unwrap_err().to_string().starts_with("p.json is not valid JSON: ")
        );
        let flags = Sources { flags: vec![flag(Key::MaxErrors, "many")], ..Sources::default() };
        assert_eq!(
            build(&flags).unwrap_err().to_string(),
            "--max-errors takes a whole number, got `many`"
        );
    }

    #[test]
    fn errors_read_in_chinese() {
        use crate::i18n::Lang;
        let file =
            |text| Sources { file: Some(FileText { name: "p.json", text }), ..Sources::default() };
        let err = build(&file("[1]")).unwrap_err();
        assert_eq!(err.text().render(Lang::ZhCn), "文件 p.json：参数必须是 JSON 对象");
        let err = build(&file("{")).unwrap_err();
        assert!(err.text().render(Lang::ZhCn).starts_with("p.json 不是有效的 JSON："), "{err}");
    }
}
