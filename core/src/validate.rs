//! Validation that explains itself.
//!
//! [`validate`] reads a payload as the user wrote it (any JSON) and returns every finding at
//! once, each with a severity, a stable machine [`Code`], a JSON Pointer (RFC 6901) to the field,
//! a message and, where one helps, a hint. When no finding is an error it also returns the typed
//! [`TemplateParams`].
//!
//! Every error here is also an error of the generated JSON Schema and the other way round (a test
//! runs one corpus through both); warnings are this crate's own advice and have no schema
//! counterpart.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::params::TemplateParams;
use crate::template::{InvokeType, PARAMS, ParamKind, ParamSpec, Relevance, Template, pointer_of};

/// The value of each parameter of the table, when the payload has it.
type Present<'a> = [Option<&'a Value>; PARAMS.len()];

/// The position of a key in the table (for keys every template has).
fn index_of(key: &str) -> usize {
    PARAMS.iter().position(|p| p.key == key).unwrap_or(0)
}

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The execution would fail or do something other than intended: nothing is started.
    Error,
    /// Worth reading; the payload is still valid.
    Warning,
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
    /// What is wrong, naming the field.
    pub message: Cow<'static, str>,
    /// How to fix it, when there is something useful to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<Cow<'static, str>>,
}

impl Finding {
    /// The top-level key the finding is about, if any (`/enterProcess/2` gives `enterProcess`).
    pub fn field(&self) -> Option<String> {
        let first = self.pointer.strip_prefix('/')?.split('/').next()?;
        Some(first.replace("~1", "/").replace("~0", "~"))
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
        let get = |key: &str| template.param_index(key).and_then(|index| present[index]);
        match TemplateParams::from_checked(template, get) {
            Ok(params) => Some(params),
            Err(key) => {
                // Unreachable when the checks and the typed model agree; say so plainly.
                findings.push(Finding {
                    severity: Severity::Error,
                    code: Code::MissingRequired,
                    pointer: pointer(key).into(),
                    message: format!("`{key}` could not be read into the typed model").into(),
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

fn check_into<'a>(
    template: Template,
    payload: &'a Value,
    present: &mut Present<'a>,
) -> Vec<Finding> {
    let mut v = Validator { template, findings: Vec::new() };
    let Some(object) = payload.as_object() else {
        v.push(
            Severity::Error,
            Code::NotAnObject,
            "",
            format!("the parameters must be a JSON object, got {}", json_type(payload)),
            Some(
                "write them as {\"invokeType\": \"invoke\", \"scalingGroupId\": \"asg-...\", ...}",
            ),
        );
        return v.findings;
    };
    let mode = object.get("invokeType").and_then(Value::as_str).and_then(InvokeType::from_value);

    // Which parameters are present, by their position in the table: later checks read this
    // instead of looking keys up in the map again.
    for (key, value) in object {
        if key == "$schema" {
            if !value.is_string() {
                v.wrong_type(pointer(key), key, "a string (the schema's URL)", value);
            }
            continue;
        }
        match template.param_index(key) {
            Some(index) => {
                present[index] = Some(value);
                v.check_value(&PARAMS[index], value, mode);
            }
            None => v.unknown_key(key),
        }
    }
    v.check_requirements(present, mode);
    if let Some(mode) = mode {
        v.check_mode(present, mode);
    }
    v.findings
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
                message: format!(
                    "the parameters are not valid JSON: {} at line {} column {}",
                    describe_json_error(&err),
                    err.line(),
                    err.column()
                )
                .into(),
                hint: Some(Cow::Borrowed("check quotes and commas near that position")),
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

struct Validator {
    template: Template,
    findings: Vec<Finding>,
}

impl Validator {
    fn push(
        &mut self,
        severity: Severity,
        code: Code,
        pointer: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
        hint: Option<impl Into<Cow<'static, str>>>,
    ) {
        self.findings.push(Finding {
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
        message: impl Into<Cow<'static, str>>,
        hint: Option<&'static str>,
    ) {
        self.push(Severity::Error, code, pointer, message, hint);
    }

    fn warning(
        &mut self,
        code: Code,
        pointer: impl Into<Cow<'static, str>>,
        message: impl Into<Cow<'static, str>>,
        hint: Option<impl Into<Cow<'static, str>>>,
    ) {
        self.push(Severity::Warning, code, pointer, message, hint);
    }

    fn wrong_type(
        &mut self,
        at: impl Into<Cow<'static, str>>,
        what: &str,
        expected: &str,
        value: &Value,
    ) {
        let hint = match value {
            Value::String(s) if expected.starts_with("an integer") && s.parse::<f64>().is_ok() => {
                Some(format!("write the number without quotes: {s}"))
            }
            Value::String(s) if expected.starts_with("a list") => {
                Some(format!("write a list, even for one value: [{}]", Value::from(s.as_str())))
            }
            _ => None,
        };
        self.push(
            Severity::Error,
            Code::WrongType,
            at,
            format!("`{what}` must be {expected}, got {}", json_type(value)),
            hint,
        );
    }

    fn unknown_key(&mut self, key: &str) {
        let template = self.template;
        let hint = if key.eq_ignore_ascii_case("regionId") || key.eq_ignore_ascii_case("region") {
            Some(
                "the region is not a template parameter: give it to the command (--region)"
                    .to_owned(),
            )
        } else if let Some(spec) = template.params().find(|p| p.key.eq_ignore_ascii_case(key)) {
            Some(format!("did you mean `{}`? keys are case-sensitive", spec.key))
        } else if let Some(owner) =
            Template::ALL.into_iter().find(|t| *t != template && t.param(key).is_some())
        {
            Some(format!(
                "`{key}` belongs to the {} template ({}), not to {}",
                owner.short_name(),
                owner.name(),
                template.name()
            ))
        } else {
            closest(key, template.params().map(|p| p.key)).map(|k| format!("did you mean `{k}`?"))
        };
        self.push(
            Severity::Error,
            Code::UnknownKey,
            pointer(key),
            format!("`{key}` is not a parameter of {}", template.name()),
            hint.or_else(|| {
                let keys: Vec<_> = template.params().map(|p| p.key).collect();
                Some(format!("its parameters are: {}", keys.join(", ")))
            }),
        );
    }

    fn check_value(&mut self, spec: &ParamSpec, value: &Value, mode: Option<InvokeType>) {
        // Pointers are built only for findings: the clean path allocates nothing.
        let at = || Cow::Borrowed(pointer_of(spec));
        match spec.kind {
            ParamKind::String => {
                let Some(text) = value.as_str() else {
                    self.wrong_type(at(), spec.key, "a string", value);
                    return;
                };
                self.check_string(spec, text, &at);
                let always = spec.invoke == Relevance::RequiredNonEmpty
                    && spec.rollback == Relevance::RequiredNonEmpty;
                let must_fill = always
                    || mode.is_some_and(|m| spec.relevance(m) == Relevance::RequiredNonEmpty);
                if text.is_empty() && must_fill {
                    self.empty_value(spec, mode);
                }
            }
            ParamKind::Integer => {
                let Some(number) = integer(value) else {
                    self.wrong_type(at(), spec.key, "an integer", value);
                    return;
                };
                let low = spec.min.is_some_and(|min| number < min as f64);
                let high = spec.max.is_some_and(|max| number > max as f64);
                if low || high {
                    let range = match (spec.min, spec.max) {
                        (Some(min), Some(max)) if max < i64::from(u32::MAX) => {
                            format!("between {min} and {max}")
                        }
                        (Some(min), _) if low => format!("at least {min}"),
                        (_, Some(max)) => format!("at most {max}"),
                        _ => "in range".to_owned(),
                    };
                    self.error(
                        Code::OutOfRange,
                        at(),
                        format!("`{}` must be {range}, got {value}", spec.key),
                        None,
                    );
                }
            }
            ParamKind::StringList => {
                let Some(items) = value.as_array() else {
                    self.wrong_type(at(), spec.key, "a list of strings", value);
                    return;
                };
                for (index, item) in items.iter().enumerate() {
                    let item_at = || Cow::Owned(format!("{}/{index}", at()));
                    let Some(text) = item.as_str() else {
                        let what = format!("{}[{index}]", spec.key);
                        self.wrong_type(item_at(), &what, "a string", item);
                        continue;
                    };
                    self.check_string(spec, text, &item_at);
                    if items[..index].iter().any(|earlier| earlier.as_str() == Some(text)) {
                        self.warning(
                            Code::DuplicateItem,
                            item_at(),
                            format!("`{text}` appears more than once in `{}`", spec.key),
                            Some("remove the repeated item"),
                        );
                    }
                }
                if items.is_empty() && spec.key == "lifecycleState" {
                    self.warning(
                        Code::EmptyList,
                        at(),
                        "`lifecycleState` is empty, so no lifecycle state selects the instances",
                        Some("leave it out to update InService instances, or list the states"),
                    );
                }
            }
        }
    }

    fn check_string(&mut self, spec: &ParamSpec, text: &str, at: &dyn Fn() -> Cow<'static, str>) {
        if !spec.allows(text) {
            let values: Vec<_> = spec.choices.iter().map(|c| c.value).collect();
            let suggestion = spec
                .choices
                .iter()
                .find(|c| c.value.eq_ignore_ascii_case(text))
                .map(|c| format!("did you mean `{}`? values are case-sensitive", c.value))
                .or_else(|| {
                    closest(text, values.iter().copied()).map(|c| format!("did you mean `{c}`?"))
                });
            let allowed = format!("allowed values: {}", values.join(", "));
            self.push(
                Severity::Error,
                Code::NotAllowed,
                at(),
                format!("`{text}` is not an allowed value of `{}`", spec.key),
                Some(match suggestion {
                    Some(s) => format!("{s} ({allowed})"),
                    None => allowed,
                }),
            );
            return;
        }
        if let Some(prefix) = spec.id_prefix
            && !text.is_empty()
            && !is_id(text, prefix)
        {
            let problem = if text.starts_with(prefix) {
                format!("`{}` must be an ID like {prefix}..., with no blanks", spec.key)
            } else {
                format!("`{}` must start with `{prefix}`, got `{text}`", spec.key)
            };
            self.push(Severity::Error, Code::BadId, at(), problem, Some(id_hint(spec.key)));
            return;
        }
        let is_id = spec.id_prefix.is_some() || matches!(spec.key, "imageId" | "sourceImageId");
        if is_id && text.contains('*') {
            self.warning(
                Code::MaskedId,
                at(),
                "contains `*`: this looks like a masked example ID, not a real one",
                Some(id_hint(spec.key)),
            );
        }
    }

    fn empty_value(&mut self, spec: &ParamSpec, mode: Option<InvokeType>) {
        let why = match mode {
            Some(mode) if spec.key != "scalingGroupId" && spec.key != "packageName" => {
                format!(" for invokeType `{mode}`")
            }
            _ => String::new(),
        };
        self.push(
            Severity::Error,
            Code::EmptyValue,
            pointer_of(spec),
            format!("`{}` must not be empty{why}", spec.key),
            Some(requirement_hint(spec.key)),
        );
    }

    fn check_requirements(&mut self, present: &Present<'_>, mode: Option<InvokeType>) {
        for (index, spec) in PARAMS.iter().enumerate() {
            if present[index].is_some() || !spec.templates.contains(&self.template) {
                continue;
            }
            let required = match mode {
                Some(mode) => spec.relevance(mode).is_required(),
                // Without a valid mode only what both modes require can be asked for.
                None => spec.invoke.is_required() && spec.rollback.is_required(),
            };
            if required {
                let why = match mode {
                    Some(mode) if !(spec.invoke.is_required() && spec.rollback.is_required()) => {
                        format!(" when invokeType is `{mode}`")
                    }
                    _ => String::new(),
                };
                self.push(
                    Severity::Error,
                    Code::MissingRequired,
                    pointer_of(spec),
                    format!("`{}` is required{why}", spec.key),
                    Some(requirement_hint(spec.key)),
                );
            }
        }
    }

    fn check_mode(&mut self, present: &Present<'_>, mode: InvokeType) {
        let template = self.template;
        let get = |key: &str| present[index_of(key)];
        for (index, spec) in PARAMS.iter().enumerate() {
            let Some(value) = present[index] else { continue };
            let special = template == Template::Command && spec.key == "commandType";
            if spec.relevance(mode) == Relevance::Ignored && !special && !is_blank(value) {
                let hint = match (mode, spec.key) {
                    (InvokeType::Rollback, "enterProcess" | "exitProcess" | "lifecycleState") => {
                        "a rollback takes these from the source execution; remove the key"
                    }
                    (InvokeType::Rollback, "scalingConfigurationId") => {
                        "a rollback does not change the scaling configuration; restore its image \
                         separately (ess ModifyScalingConfiguration)"
                    }
                    _ => "remove the key, or check invokeType",
                };
                self.warning(
                    Code::IgnoredInMode,
                    pointer_of(spec),
                    match mode {
                        InvokeType::Invoke => "ignored when invokeType is `invoke`",
                        InvokeType::Rollback => "ignored when invokeType is `rollback`",
                    },
                    Some(hint),
                );
            }
        }

        if mode == InvokeType::Rollback && template == Template::Image {
            self.warning(
                Code::RollbackKeepsConfigurationImage,
                "/invokeType",
                "a rollback restores the instances' system disks but not the scaling \
                 configuration's image",
                Some(
                    "if the invoke changed a scaling configuration, set its image back too, or \
                     new instances will still start from the new image",
                ),
            );
        }
        if mode == InvokeType::Rollback && template == Template::Command {
            let given = get("commandType").and_then(Value::as_str);
            let at = if get("commandType").is_some() { "/commandType" } else { "/invokeType" };
            let message = match given {
                Some(kind) if kind != "RunShellScript" => format!(
                    "a rollback always runs `rollbackScript` as RunShellScript; commandType \
                     `{kind}` is ignored"
                ),
                _ => "a rollback always runs `rollbackScript` as a Linux shell script \
                      (RunShellScript)"
                    .to_owned(),
            };
            self.warning(
                Code::RollbackRunsShellScript,
                at.to_owned(),
                message,
                Some("Windows instances cannot be rolled back by this template"),
            );
        }

        if get("batchNumber").and_then(integer) == Some(1.0) {
            self.warning(
                Code::SingleBatch,
                "/batchNumber",
                "`batchNumber` is 1: every selected instance leaves service at the same time",
                Some("use 2 or more batches to keep the service up"),
            );
        }

        if mode == InvokeType::Invoke {
            let entered = process_list(get("enterProcess"));
            let exited = process_list(get("exitProcess"));
            let left: Vec<&str> = entered.iter().copied().filter(|p| !exited.contains(p)).collect();
            if !left.is_empty() {
                self.warning(
                    Code::ProcessLeftSuspended,
                    "/exitProcess",
                    format!(
                        "{} suspended at the start but not resumed at the end",
                        left.join(", ")
                    ),
                    Some("add them to exitProcess, or resume them yourself afterwards"),
                );
            }
        }
    }
}

/// The processes a list names, or the template default when it is absent.
fn process_list(value: Option<&Value>) -> Vec<&str> {
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(_) => Vec::new(),
        None => vec!["ScaleIn", "ScaleOut", "HealthCheck", "AlarmNotification", "ScheduledAction"],
    }
}

fn is_blank(value: &Value) -> bool {
    matches!(value, Value::String(s) if s.is_empty())
}

/// The value as a number with no fractional part, as JSON Schema's `integer` reads it.
fn integer(value: &Value) -> Option<f64> {
    let number = value.as_f64()?;
    (number.is_finite() && number.fract() == 0.0).then_some(number)
}

fn is_id(text: &str, prefix: &str) -> bool {
    text.len() > prefix.len() && text.starts_with(prefix) && !text.chars().any(char::is_whitespace)
}

fn id_hint(key: &str) -> &'static str {
    match key {
        "scalingGroupId" => "find it with `aliyun ess DescribeScalingGroups --region <region>`",
        "scalingConfigurationId" => {
            "find it with `aliyun ess DescribeScalingConfigurations --ScalingGroupId asg-...`"
        }
        "sourceExecutionId" => "use the execution ID the invoke's StartExecution returned",
        _ => "find it with `aliyun ecs DescribeImages --region <region>`",
    }
}

fn requirement_hint(key: &str) -> &'static str {
    match key {
        "invokeType" => "set it to `invoke` to run the update or `rollback` to undo one",
        "scalingGroupId" => "the ID of the scaling group to update, asg-...",
        "imageId" => "the image to put on every instance",
        "sourceImageId" => "the image the instances had before the update",
        "invokeScript" => "the script to run on every instance",
        "rollbackScript" => "the shell script that undoes the invoke script",
        "packageName" => "the name of the OOS package",
        "sourceExecutionId" => "the ID of the invoke execution to undo, exec-...",
        _ => "give it a value",
    }
}

/// The closest candidate to `word`, if one is close enough to be a likely typo.
fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(distance, c)| *distance <= (c.len() / 4).max(2))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// The JSON Pointer of a top-level key.
fn pointer(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_f64() => "a number with a fraction",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
