//! Validation that explains itself.
//!
//! [`validate`] reads a payload as the user wrote it (any JSON) and returns every finding at
//! once, each with a severity, a stable machine [`Code`], a JSON Pointer (RFC 6901) to the field,
//! a message and, where one helps, a hint. When no finding is an error it also returns the typed
//! [`TemplateParams`].
//!
//! The checks are small named rules over the parameters the payload holds ([`RULES`], in
//! `validate/rules.rs`); each reads the parameter table and can be run alone. Every error here
//! is also an error of the generated JSON Schema and the other way round (a test runs one
//! corpus through both); warnings are this crate's own advice and have no schema counterpart.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::i18n::{Lang, Text};
use crate::params::{Present, TemplateParams};
use crate::t;
use crate::template::{InvokeType, Key, PARAMS, Template};

mod containers;
mod rules;

pub use containers::{KNOWN_FIELDS as CONTAINER_KNOWN_FIELDS, REQUIRED_FIELDS as CONTAINER_FIELDS};
pub use rules::{Payload, RULES, Rule};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The execution would fail or do something other than intended: nothing is started.
    Error,
    /// Worth reading; the payload is still valid.
    Warning,
}

impl Severity {
    /// The severity in a person's words.
    pub fn text(self) -> Text {
        match self {
            Severity::Error => t!("severity.error"),
            Severity::Warning => t!("severity.warning"),
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

macro_rules! codes {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)*) => {
        /// The stable machine code of a finding. The strings never change meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $($(#[$doc])* $variant,)*
        }

        impl Code {
            /// Every code, in a stable order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code's stable string.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The payload is not a JSON object.
    NotAnObject = "not_an_object",
    /// A key the template does not have.
    UnknownKey = "unknown_key",
    /// A value of the wrong JSON type.
    WrongType = "wrong_type",
    /// A value outside the allowed set.
    NotAllowed = "not_allowed",
    /// A number outside its range.
    OutOfRange = "out_of_range",
    /// A key the mode requires is missing.
    MissingRequired = "missing_required",
    /// A key the mode requires is empty.
    EmptyValue = "empty_value",
    /// A resource ID without its prefix (`asg-`, `asc-`, `exec-`), or with blanks in it.
    BadId = "bad_id",
    /// A key the mode does not read.
    IgnoredInMode = "ignored_in_mode",
    /// A masked example ID (with `*`) copied from documentation.
    MaskedId = "masked_id",
    /// A rollback of the image template leaves the scaling configuration's image as it is.
    RollbackKeepsConfigurationImage = "rollback_keeps_configuration_image",
    /// A rollback of the command template always runs a shell script.
    RollbackRunsShellScript = "rollback_runs_shell_script",
    /// One batch: every selected instance leaves service at once.
    SingleBatch = "single_batch",
    /// A process suspended at the start is not resumed at the end.
    ProcessLeftSuspended = "process_left_suspended",
    /// The same item twice in a list.
    DuplicateItem = "duplicate_item",
    /// An empty list where an empty list selects nothing useful.
    EmptyList = "empty_list",
    /// A field of a JSON value (a container) that the service does not document.
    UnknownField = "unknown_field",
    /// Two parameters that exclude each other (an instance refresh's desired configuration
    /// kinds).
    ConflictingKeys = "conflicting_keys",
    /// Instance refresh checkpoints out of order, or a last one other than 100.
    CheckpointOrder = "checkpoint_order",
    /// MinHealthyPercentage above MaxHealthyPercentage.
    MinAboveMax = "min_above_max",
    /// A value with which the change cannot be rolled back (a launch template version
    /// `Default` or `Latest`).
    NoRollback = "no_rollback",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One thing validation has to say about a payload.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Error or warning.
    pub severity: Severity,
    /// Stable machine code.
    pub code: Code,
    /// JSON Pointer to the field (`""` is the whole payload).
    pub pointer: Cow<'static, str>,
    /// What is wrong, naming the field (serialized in English).
    pub message: Text,
    /// How to fix it, when there is something useful to say (serialized in English).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Text>,
}

impl Finding {
    /// The top-level key the finding is about, if any (`/enterProcess/2` gives `enterProcess`).
    pub fn field(&self) -> Option<String> {
        let first = self.pointer.strip_prefix('/')?.split('/').next()?;
        Some(first.replace("~1", "/").replace("~0", "~"))
    }

    /// The finding's first line for a person: `error[code] at /pointer: message`.
    pub fn line(&self) -> Text {
        let at = if self.pointer.is_empty() { "/" } else { &self.pointer };
        t!(
            "finding.line",
            severity: self.severity.text(),
            code = self.code,
            at = at,
            message: self.message.clone(),
        )
    }

    /// The finding for a person reading `lang`, as [`Display`](fmt::Display) writes it in
    /// English: `error[code] at /pointer: message`, then the hint on its own line.
    pub fn localized(&self, lang: Lang) -> String {
        let mut out = self.line().render(lang).into_owned();
        if let Some(hint) = &self.hint {
            out.push('\n');
            out.push_str(&t!("finding.hint_line", hint: hint.clone()).render(lang));
        }
        out
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.pointer.is_empty() { "/" } else { &self.pointer };
        write!(f, "{}[{}] at {}: {}", self.severity, self.code, at, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The result of [`validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct Validation {
    /// Every finding, in payload order, then requirements of the mode.
    pub findings: Vec<Finding>,
    /// The typed parameters, present exactly when no finding is an error.
    pub params: Option<TemplateParams>,
}

impl Validation {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// The errors.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Error)
    }

    /// The warnings.
    pub fn warnings(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.severity == Severity::Warning)
    }
}

/// Validates a payload for `template`: every finding, and the typed parameters when no finding
/// is an error.
pub fn validate(template: Template, payload: &Value) -> Validation {
    let mut present: Present<'_> = [None; PARAMS.len()];
    let mut findings = check_into(template, payload, &mut present);
    let params = if findings.iter().any(|f| f.severity == Severity::Error) {
        None
    } else {
        match TemplateParams::from_checked(template, &present) {
            Ok(params) => Some(params),
            Err(key) => {
                // Unreachable when the checks and the typed model agree; say so plainly.
                findings.push(Finding {
                    severity: Severity::Error,
                    code: Code::MissingRequired,
                    pointer: key.pointer().into(),
                    message: t!("finding.missing_required.untyped", key = key.as_str()),
                    hint: None,
                });
                None
            }
        }
    };
    Validation { findings, params }
}

/// Checks a payload for `template` and returns every finding, without building typed
/// parameters (what an editor or a form needs on every keystroke).
pub fn check(template: Template, payload: &Value) -> Vec<Finding> {
    check_into(template, payload, &mut [None; PARAMS.len()])
}

/// Runs every rule of [`RULES`] over `payload`, filling `present` with the parameters it holds.
fn check_into<'a>(
    template: Template,
    payload: &'a Value,
    present: &mut Present<'a>,
) -> Vec<Finding> {
    let mut out = Findings::default();
    let Some(object) = payload.as_object() else {
        rules::not_an_object(payload, &mut out);
        return out.0;
    };
    let mode = object.get(Key::InvokeType.as_str()).and_then(Value::as_str);
    let mode = mode.and_then(InvokeType::parse);
    // Which parameters are present, by their position in the table: the rules read this
    // instead of looking keys up in the map again.
    for (key, value) in object {
        match template.param_index(key) {
            Some(index) => {
                present[index] = Some(value);
                rules::check_value(&PARAMS[index], value, mode, &mut out);
            }
            None => rules::check_other_key(template, key, value, &mut out),
        }
    }
    let checked = Payload { template, mode, present };
    for rule in RULES {
        rule(&checked, &mut out);
    }
    out.0
}

/// Parses JSON text and validates it; a syntax error becomes a `not_an_object` finding with its
/// line and column.
pub fn validate_str(template: Template, text: &str) -> Validation {
    match serde_json::from_str::<Value>(text) {
        Ok(value) => validate(template, &value),
        Err(err) => Validation {
            findings: vec![Finding {
                severity: Severity::Error,
                code: Code::NotAnObject,
                pointer: Cow::Borrowed(""),
                message: t!(
                    "finding.not_an_object.syntax",
                    error = describe_json_error(&err),
                    line = err.line(),
                    column = err.column(),
                ),
                hint: Some(t!("hint.json_syntax")),
            }],
            params: None,
        },
    }
}

fn describe_json_error(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}

/// How a finding names a value's JSON type.
fn json_type(value: &Value) -> Text {
    match value {
        Value::Null => t!("json_type.null"),
        Value::Bool(_) => t!("json_type.boolean"),
        Value::Number(n) if n.is_f64() => t!("json_type.fraction"),
        Value::Number(_) => t!("json_type.number"),
        Value::String(_) => t!("json_type.string"),
        Value::Array(_) => t!("json_type.list"),
        Value::Object(_) => t!("json_type.object"),
    }
}

/// The findings of a run, in the order the rules add them.
#[derive(Debug, Default)]
pub struct Findings(pub Vec<Finding>);

impl Findings {
    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        pointer: impl Into<Cow<'static, str>>,
        message: impl Into<Text>,
        hint: Option<impl Into<Text>>,
    ) {
        self.0.push(Finding {
            severity,
            code,
            pointer: pointer.into(),
            message: message.into(),
            hint: hint.map(Into::into),
        });
    }

    fn error(
        &mut self,
        code: Code,
        pointer: impl Into<Cow<'static, str>>,
        message: impl Into<Text>,
        hint: Option<impl Into<Text>>,
    ) {
        self.push(Severity::Error, code, pointer, message, hint);
    }

    fn warning(
        &mut self,
        code: Code,
        pointer: impl Into<Cow<'static, str>>,
        message: impl Into<Text>,
        hint: Option<impl Into<Text>>,
    ) {
        self.push(Severity::Warning, code, pointer, message, hint);
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
