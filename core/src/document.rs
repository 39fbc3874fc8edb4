//! A parameters file or an update file as read: JSON or YAML, decided by the file's name, else
//! by its content (JSON first, then YAML), and validation findings placed at the YAML line.
//!
//! ```
//! use rolling_update_core::document::{self, Format};
//! use rolling_update_core::template::Template;
//!
//! let text = "invokeType: invoke\nscalingGroupId: asg-1\nbatchNumber: 0\n";
//! let read = document::read("p.yaml", text).unwrap();
//! assert_eq!(read.format, Format::Yaml);
//! let checked = document::validate_file(Template::Command, "p.yaml", text);
//! let batch = checked.findings.iter().find(|f| f.finding.pointer == "/batchNumber").unwrap();
//! assert_eq!(batch.line, Some(3));
//! ```

use serde::Serialize;
use serde_json::Value;

use crate::i18n::Text;
use crate::t;
use crate::template::Template;
use crate::validate::{Code, Finding, Severity, Validation, validate, validate_str};
use crate::yaml::{self, Position};

/// How a file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// JSON.
    Json,
    /// YAML (1.2).
    Yaml,
}

impl Format {
    /// The format a file's name says: `.json`, or `.yaml`/`.yml` (any case); `None` for any
    /// other name and for standard input, whose content decides.
    pub fn from_name(name: &str) -> Option<Format> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "json" => Some(Format::Json),
            "yaml" | "yml" => Some(Format::Yaml),
            _ => None,
        }
    }
}

/// A file's value, with the positions a YAML file gives.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// The value, as JSON.
    pub value: Value,
    /// How the file was written.
    pub format: Format,
    yaml: Option<yaml::Document>,
}

impl Read {
    /// Where the value at `pointer` is written, for a YAML file.
    pub fn position(&self, pointer: &str) -> Option<Position> {
        self.yaml.as_ref()?.position(pointer)
    }

    /// The findings of `template`'s validation of this file with their places, and a
    /// YAML-specific hint where YAML's reading of an unquoted value explains the finding.
    pub fn locate(&self, template: Template, findings: Vec<Finding>) -> Vec<Located> {
        findings.into_iter().map(|finding| self.place(template, "", &self.value, finding)).collect()
    }

    /// The findings about a payload built from this file and other sources (flags, a pasted
    /// command), as [`Read::locate`] places them, for the values the payload holds as the file
    /// writes them: a value a flag replaced, or the whole payload (`""`), has no place. The
    /// parameters sit at `prefix` in the file: `""` for a parameters file, `/parameters` for an
    /// update file.
    pub fn locate_payload(
        &self,
        template: Template,
        prefix: &str,
        payload: &Value,
        findings: Vec<Finding>,
    ) -> Vec<Located> {
        let from_file = |pointer: &str| {
            let top = pointer.strip_prefix('/').and_then(|rest| rest.split('/').next());
            top.is_some_and(|top| {
                let top = format!("/{top}");
                payload.pointer(&top) == self.value.pointer(&format!("{prefix}{top}"))
            })
        };
        let place = |finding: Finding| {
            if from_file(&finding.pointer) {
                self.place(template, prefix, payload, finding)
            } else {
                Located { finding, line: None, column: None }
            }
        };
        findings.into_iter().map(place).collect()
    }

    /// `finding` (about `payload`, whose parameters sit at `prefix` in the file) at its place,
    /// with the YAML hint that explains it, if one does.
    fn place(
        &self,
        template: Template,
        prefix: &str,
        payload: &Value,
        mut finding: Finding,
    ) -> Located {
        let in_file = format!("{prefix}{}", finding.pointer);
        let at = self.position(&in_file);
        let hint = match (&self.yaml, finding.code) {
            (Some(doc), Code::WrongType) => {
                yaml_hint(doc, template, payload, &finding.pointer, &in_file)
            }
            _ => None,
        };
        if let Some(hint) = hint {
            finding.hint = Some(hint);
        }
        Located { finding, line: at.map(|p| p.line), column: at.map(|p| p.column) }
    }
}

/// What YAML did to a value that a wrong-type finding at `pointer` of `payload` is about (at
/// `in_file` in the file), when that explains it: only when writing it the way the hint says
/// (quoted, or as `true`/`false`) gives a value of the type the parameter takes.
fn yaml_hint(
    doc: &yaml::Document,
    template: Template,
    payload: &Value,
    pointer: &str,
    in_file: &str,
) -> Option<Text> {
    let fixes = |replacement: Value| {
        let mut fixed = payload.clone();
        let Some(slot) = fixed.pointer_mut(pointer) else { return false };
        *slot = replacement;
        let findings = validate(template, &fixed).findings;
        !findings.iter().any(|f| f.code == Code::WrongType && f.pointer == pointer)
    };
    if let Some(text) = doc.unquoted(in_file) {
        let quoted = Value::String(text.to_owned());
        return fixes(quoted).then(|| t!("yaml.hint.quote", text = text));
    }
    let word = doc.value.pointer(in_file)?.as_str()?;
    let lower = word.to_ascii_lowercase();
    let meant = match lower.as_str() {
        "yes" | "on" | "y" => true,
        "no" | "off" | "n" => false,
        _ => return None,
    };
    fixes(Value::Bool(meant)).then(|| t!("yaml.hint.boolean", text = word))
}

/// A finding with the line and column of what it is about, when the file gives them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Located {
    /// The finding.
    #[serde(flatten)]
    pub finding: Finding,
    /// The line, from 1 (YAML files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The column, from 1 (YAML files).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// What is wrong, naming the format.
    pub message: Text,
    /// Where, when the parser says.
    pub at: Option<Position>,
}

/// Reads a file's text: as its name says; else text that starts like JSON (`{` or `[`) as JSON,
/// and any other as JSON and then YAML (a bare `"text"` or `3` is JSON).
pub fn read(name: &str, text: &str) -> Result<Read, ReadError> {
    match Format::from_name(name) {
        Some(Format::Json) => read_json(text),
        Some(Format::Yaml) => read_yaml(text),
        // Text that starts like JSON is JSON only: YAML's flow style would read broken JSON
        // (`{"a": }`) as something else.
        None if text.trim_start().starts_with(['{', '[']) => read_json(text),
        None => read_json(text).or_else(|_| read_yaml(text)),
    }
}

fn read_json(text: &str) -> Result<Read, ReadError> {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => Ok(Read { value, format: Format::Json, yaml: None }),
        Err(err) => {
            let at = Position { line: err.line(), column: err.column() };
            let reason = err.to_string();
            let reason = reason.rsplit_once(" at line ").map_or(reason.as_str(), |(r, _)| r);
            Err(ReadError {
                message: t!(
                    "document.not_json",
                    reason = reason,
                    line = at.line,
                    column = at.column
                ),
                at: Some(at),
            })
        }
    }
}

fn read_yaml(text: &str) -> Result<Read, ReadError> {
    match yaml::parse(text) {
        Ok(doc) => Ok(Read { value: doc.value.clone(), format: Format::Yaml, yaml: Some(doc) }),
        Err(err) => Err(ReadError {
            message: t!(
                "document.not_yaml",
                reason = err.message,
                line = err.at.line,
                column = err.at.column
            ),
            at: Some(err.at),
        }),
    }
}

/// The result of [`validate_file`].
#[derive(Debug, Clone, PartialEq)]
pub struct FileValidation {
    /// The format the file was read as, when it could be read.
    pub format: Option<Format>,
    /// The validation.
    pub validation: Validation,
    /// Its findings, placed.
    pub findings: Vec<Located>,
}

/// Reads and validates a parameters file for `template`; a file that cannot be read is one
/// `not_an_object` finding with its line and column, as a JSON syntax error is.
pub fn validate_file(template: Template, name: &str, text: &str) -> FileValidation {
    match read(name, text) {
        Ok(read) => {
            let validation = validate(template, &read.value);
            let findings = read.locate(template, validation.findings.clone());
            FileValidation { format: Some(read.format), validation, findings }
        }
        Err(err) if err.message.key() == Some("document.not_json") => {
            // JSON keeps the finding `validate_str` has always given.
            let validation = validate_str(template, text);
            let findings = placed(&validation, err.at);
            FileValidation { format: None, validation, findings }
        }
        Err(err) => {
            let validation = Validation {
                findings: vec![Finding {
                    severity: Severity::Error,
                    code: Code::NotAnObject,
                    pointer: "".into(),
                    hint: syntax_hint(text),
                    message: err.message,
                }],
                params: None,
            };
            let findings = placed(&validation, err.at);
            FileValidation { format: None, validation, findings }
        }
    }
}

/// The hint about YAML syntax (indentation, colons, quotes), for an error of the YAML parser
/// itself; none for what this reader refuses (a key given twice, an anchor, an empty file, ...),
/// whose message already says what to do.
fn syntax_hint(text: &str) -> Option<Text> {
    let parser_error = yaml::parse(text).err().is_some_and(|err| err.message.key().is_none());
    parser_error.then(|| t!("document.hint.yaml_syntax"))
}

fn placed(validation: &Validation, at: Option<Position>) -> Vec<Located> {
    let at = |f: fn(Position) -> usize| at.map(f);
    let finding = |finding: &Finding| Located {
        finding: finding.clone(),
        line: at(|p| p.line),
        column: at(|p| p.column),
    };
    validation.findings.iter().map(finding).collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn the_name_decides_else_json_then_yaml() {
        assert_eq!(Format::from_name("a/b.YML"), Some(Format::Yaml));
        assert_eq!(Format::from_name("p.json"), Some(Format::Json));
        assert_eq!(Format::from_name("<stdin>"), None);
        assert_eq!(read("<stdin>", "{\"a\": 1}").unwrap().format, Format::Json);
        assert_eq!(read("<stdin>", "a: 1\n").unwrap().format, Format::Yaml);
        assert_eq!(read("p.txt", "a: [1]").unwrap().value, json!({"a": [1]}));
        // Broken JSON stays a JSON error, not YAML's flow style.
        assert_eq!(read("-", "{\"a\": }").unwrap_err().message.key(), Some("document.not_json"));
        // A .json file is JSON only, even when YAML could read it.
        assert_eq!(read("p.json", "a: 1").unwrap_err().message.key(), Some("document.not_json"));
        // Neither: reported in the language the text starts like.
        assert_eq!(read("-", "{\"a\": ").unwrap_err().message.key(), Some("document.not_json"));
        assert_eq!(read("-", "a: [").unwrap_err().message.key(), Some("document.not_yaml"));
    }

    #[test]
    fn findings_get_the_yaml_line_and_a_hint_about_quoting() {
        let text = "invokeType: invoke\nscalingGroupId: asg-1\nimageId: 20250101\n";
        let checked = validate_file(Template::Image, "p.yaml", text);
        let image = checked.findings.iter().find(|f| f.finding.pointer == "/imageId").unwrap();
        assert_eq!(image.finding.code, Code::WrongType);
        assert_eq!((image.line, image.column), (Some(3), Some(1)));
        let hint = image.finding.hint.as_deref().unwrap_or_default();
        assert!(hint.contains("'20250101'"), "{hint}");
    }

    #[test]
    fn a_yaml_1_1_boolean_is_explained() {
        let text = "invokeType: invoke\nscalingGroupId: asg-1\nwhetherSaveToFile: yes\n";
        let checked = validate_file(Template::File, "p.yml", text);
        let flag =
            checked.findings.iter().find(|f| f.finding.pointer == "/whetherSaveToFile").unwrap();
        assert_eq!(flag.finding.code, Code::WrongType);
        assert!(flag.finding.hint.as_deref().unwrap_or_default().contains("true or false"));
    }

    #[test]
    fn unreadable_files_are_one_finding_with_a_place() {
        let yaml = validate_file(Template::Image, "p.yaml", "a: 1\na: 2\n");
        assert_eq!(yaml.findings.len(), 1);
        assert_eq!(yaml.findings[0].finding.code, Code::NotAnObject);
        assert_eq!(yaml.findings[0].line, Some(2));
        let json = validate_file(Template::Image, "p.json", "{\"a\": 1,,}");
        assert_eq!(json.validation, validate_str(Template::Image, "{\"a\": 1,,}"));
        assert_eq!(json.findings[0].line, Some(1));
    }

    #[test]
    fn the_quote_and_boolean_hints_only_where_they_would_fix_the_value() {
        let hint_at = |template, text: &str, pointer: &str| {
            let checked = validate_file(template, "p.yaml", text);
            let found = checked.findings.into_iter().find(|f| f.finding.pointer == pointer);
            found.map(|f| (f.finding.code, f.finding.hint.map(|h| h.key())))
        };
        // batchNumber takes a number: quoting `true`, or writing `yes` as true, would not help.
        let text = "invokeType: invoke\nscalingGroupId: asg-1\nbatchNumber: true\n";
        assert_eq!(hint_at(Template::Image, text, "/batchNumber"), Some((Code::WrongType, None)));
        let text = "invokeType: invoke\nscalingGroupId: asg-1\nbatchNumber: yes\n";
        assert_eq!(hint_at(Template::Image, text, "/batchNumber"), Some((Code::WrongType, None)));
        // imageId takes text: quoting the number is the fix.
        let text = "invokeType: invoke\nscalingGroupId: asg-1\nimageId: 20250101\n";
        assert_eq!(
            hint_at(Template::Image, text, "/imageId"),
            Some((Code::WrongType, Some(Some("yaml.hint.quote"))))
        );
    }

    #[test]
    fn the_syntax_hint_only_for_a_syntax_error() {
        let syntax = validate_file(Template::Image, "p.yaml", "a: [1, 2\nb: 3\n");
        let hint = syntax.findings[0].finding.hint.as_ref().and_then(|h| h.key());
        assert_eq!(hint, Some("document.hint.yaml_syntax"), "{:?}", syntax.findings);
        // A key given twice is well-formed YAML this reader refuses: its message says it all.
        let twice = validate_file(Template::Image, "p.yaml", "a: 1\na: 2\n");
        assert_eq!(twice.findings[0].finding.hint, None, "{:?}", twice.findings);
        assert_eq!(twice.findings[0].finding.message.key(), Some("document.not_yaml"));
    }

    #[test]
    fn a_payload_built_from_a_file_and_flags_is_placed_where_the_file_gave_the_value() {
        let text = "parameters:\n  invokeType: invoke\n  imageId: 20250101\n  batchNumber: 0\n";
        let read = read("u.yaml", text).unwrap();
        // batchNumber came from the file; imageId was replaced by a flag.
        let payload = json!({"invokeType": "invoke", "imageId": 7, "batchNumber": 0});
        let findings = validate(Template::Image, &payload).findings;
        let located = read.locate_payload(Template::Image, "/parameters", &payload, findings);
        let at = |pointer: &str| {
            let found = located.iter().find(|l| l.finding.pointer == pointer);
            found.map(|l| (l.line, l.column))
        };
        assert_eq!(at("/batchNumber"), Some((Some(4), Some(3))));
        assert_eq!(at("/imageId"), Some((None, None)));
    }
}
