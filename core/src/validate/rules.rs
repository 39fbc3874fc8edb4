//! The rules, each a small function over the parameters a payload holds.
//!
//! The value rules ([`check_value`]) run once per key, in payload order; then every rule of
//! [`RULES`] runs once over the whole payload. Nothing here names a key by its spelling: what
//! differs between parameters (allowed values, ranges, prefixes, hints) is read from the table,
//! and a rule about particular parameters names them by [`Key`].

use std::borrow::Cow;

use serde_json::Value;

use super::{Code, Findings, Severity, json_type};
use crate::i18n::Text;
use crate::params::Present;
use crate::t;
use crate::template::{CommandType, InvokeType, Key, ParamKind, ParamSpec, Relevance, Template};

/// What the whole-payload rules read: the template, the mode when `invokeType` is valid, and
/// the value of each parameter the payload holds.
#[derive(Debug, Clone, Copy)]
pub struct Payload<'a, 'v> {
    /// The template the payload is for.
    pub template: Template,
    /// The mode, when `invokeType` holds a valid one.
    pub mode: Option<InvokeType>,
    /// The value of each parameter of the template the payload holds, by [`Key::index`].
    pub present: &'a Present<'v>,
}

impl<'v> Payload<'_, 'v> {
    /// The value of `key`, when the payload holds it.
    pub fn get(&self, key: Key) -> Option<&'v Value> {
        self.present[key.index()]
    }
}

/// A rule over a whole payload: adds what it finds.
pub type Rule = fn(&Payload<'_, '_>, &mut Findings);

/// The whole-payload rules, in the order their findings are listed.
pub const RULES: &[Rule] = &[
    missing_required,
    ignored_in_mode,
    rollback_keeps_configuration_image,
    rollback_runs_shell_script,
    single_batch,
    process_left_suspended,
];

/// The payload is not an object at all.
pub(super) fn not_an_object(payload: &Value, out: &mut Findings) {
    out.error(
        Code::NotAnObject,
        "",
        t!("finding.not_an_object.value", got: json_type(payload)),
        Some(t!("hint.object_example")),
    );
}

/// A key that is no parameter of the template: `$schema` (for editors) or an unknown key.
pub(super) fn check_other_key(template: Template, key: &str, value: &Value, out: &mut Findings) {
    if key == "$schema" {
        if !value.is_string() {
            wrong_type(pointer(key), key, t!("expect.schema_url"), value, out);
        }
        return;
    }
    let hint = if key.eq_ignore_ascii_case("regionId") || key.eq_ignore_ascii_case("region") {
        Some(t!("hint.region_not_a_parameter"))
    } else if let Some(spec) = template.params().find(|p| p.key.eq_ignore_ascii_case(key)) {
        Some(t!("hint.did_you_mean_key", key = spec.key))
    } else if let Some(owner) =
        Template::ALL.into_iter().find(|t| *t != template && t.param(key).is_some())
    {
        Some(t!(
            "hint.key_of_other_template",
            key = key,
            short = owner.short_name(),
            owner = owner.name(),
            template = template.name(),
        ))
    } else {
        closest(key, template.params().map(|p| p.key)).map(|k| t!("hint.did_you_mean", value = k))
    };
    let hint = hint.unwrap_or_else(|| {
        let keys: Vec<_> = template.params().map(|p| p.key).collect();
        t!("hint.its_parameters", keys = keys.join(", "))
    });
    out.error(
        Code::UnknownKey,
        pointer(key),
        t!("finding.unknown_key", key = key, template = template.name()),
        Some(hint),
    );
}

/// The checks of one parameter's value: its JSON type, then what its kind allows.
pub(super) fn check_value(
    spec: &ParamSpec,
    value: &Value,
    mode: Option<InvokeType>,
    out: &mut Findings,
) {
    match spec.kind {
        ParamKind::String => check_string(spec, value, mode, out),
        ParamKind::Integer => check_integer(spec, value, out),
        ParamKind::StringList => check_list(spec, value, out),
        ParamKind::Boolean => check_boolean(spec, value, out),
        ParamKind::Json => super::containers::check(spec, value, mode, out),
    }
}

/// A Boolean parameter: JSON `true` or `false`, not the text.
fn check_boolean(spec: &ParamSpec, value: &Value, out: &mut Findings) {
    if !value.is_boolean() {
        wrong_type(spec.pointer, spec.key, t!("expect.boolean"), value, out);
    }
}

/// A string parameter: its text, and not empty where the mode needs it filled.
fn check_string(spec: &ParamSpec, value: &Value, mode: Option<InvokeType>, out: &mut Findings) {
    // Pointers are built only for findings: the clean path allocates nothing.
    let at = || Cow::Borrowed(spec.pointer);
    let Some(text) = value.as_str() else {
        wrong_type(at(), spec.key, t!("expect.string"), value, out);
        return;
    };
    check_text(spec, text, &at, out);
    let must_fill = spec.always_filled()
        || mode.is_some_and(|m| spec.relevance(m) == Relevance::RequiredNonEmpty);
    if text.is_empty() && must_fill {
        let message = match mode {
            Some(mode) if !spec.always_filled() => {
                t!("finding.empty_value.in_mode", key = spec.key, mode = mode)
            }
            _ => t!("finding.empty_value", key = spec.key),
        };
        out.error(Code::EmptyValue, spec.pointer, message, Some(spec.required_hint_text()));
    }
}

/// A number parameter: a whole number within the table's range.
fn check_integer(spec: &ParamSpec, value: &Value, out: &mut Findings) {
    let Some(number) = integer(value) else {
        wrong_type(spec.pointer, spec.key, t!("expect.integer"), value, out);
        return;
    };
    let low = spec.min.is_some_and(|min| number < min as f64);
    let high = spec.max.is_some_and(|max| number > max as f64);
    if !(low || high) {
        return;
    }
    let range = match (spec.min, spec.max) {
        (Some(min), Some(max)) if max < i64::from(u32::MAX) => {
            t!("range.between", min = min, max = max)
        }
        (Some(min), _) if low => t!("range.at_least", min = min),
        (_, Some(max)) => t!("range.at_most", max = max),
        _ => t!("range.in_range"),
    };
    out.error(
        Code::OutOfRange,
        spec.pointer,
        t!("finding.out_of_range", key = spec.key, range: range, got = value),
        None::<&str>,
    );
}

/// A list parameter: strings, each allowed, none repeated; and the table's advice when empty.
fn check_list(spec: &ParamSpec, value: &Value, out: &mut Findings) {
    let Some(items) = value.as_array() else {
        wrong_type(spec.pointer, spec.key, t!("expect.string_list"), value, out);
        return;
    };
    for (index, item) in items.iter().enumerate() {
        let item_at = || Cow::Owned(format!("{}/{index}", spec.pointer));
        let Some(text) = item.as_str() else {
            let what = format!("{}[{index}]", spec.key);
            wrong_type(item_at(), &what, t!("expect.string"), item, out);
            continue;
        };
        check_text(spec, text, &item_at, out);
        if items[..index].iter().any(|earlier| earlier.as_str() == Some(text)) {
            out.warning(
                Code::DuplicateItem,
                item_at(),
                t!("finding.duplicate_item", item = text, key = spec.key),
                Some(t!("hint.remove_repeated")),
            );
        }
    }
    if let (true, Some(advice)) = (items.is_empty(), spec.empty_list) {
        out.warning(
            Code::EmptyList,
            spec.pointer,
            Text::from_english("param.", advice.message),
            Some(Text::from_english("param.", advice.hint)),
        );
    }
}

/// A string (or list item): one of the allowed values, a well-formed ID, not a masked example.
fn check_text(
    spec: &ParamSpec,
    text: &str,
    at: &dyn Fn() -> Cow<'static, str>,
    out: &mut Findings,
) {
    if !spec.allows(text) {
        not_allowed(spec, text, at(), out);
    } else if let Some(prefix) = spec.id_prefix.filter(|p| !text.is_empty() && !is_id(text, p)) {
        let problem = if text.starts_with(prefix) {
            t!("finding.bad_id.blanks", key = spec.key, prefix = prefix)
        } else {
            t!("finding.bad_id.prefix", key = spec.key, prefix = prefix, got = text)
        };
        out.error(Code::BadId, at(), problem, spec.find_hint_text());
    } else if let (Some(find), true) = (spec.find_hint_text(), text.contains('*')) {
        out.warning(Code::MaskedId, at(), t!("finding.masked_id"), Some(find));
    }
}

/// A value outside the allowed set, with the likely intended one.
fn not_allowed(spec: &ParamSpec, text: &str, at: Cow<'static, str>, out: &mut Findings) {
    let values: Vec<_> = spec.choices.iter().map(|c| c.value).collect();
    let suggestion = spec
        .choices
        .iter()
        .find(|c| c.value.eq_ignore_ascii_case(text))
        .map(|c| t!("hint.did_you_mean_value", value = c.value))
        .or_else(|| {
            closest(text, values.iter().copied()).map(|c| t!("hint.did_you_mean", value = c))
        });
    let values = values.join(", ");
    out.error(
        Code::NotAllowed,
        at,
        t!("finding.not_allowed", value = text, key = spec.key),
        Some(match suggestion {
            Some(s) => t!("hint.suggestion_and_allowed", suggestion: s, values = values),
            None => t!("hint.allowed_values", values = values),
        }),
    );
}

/// Keys the mode requires are present (without a valid mode, what both modes require).
pub(super) fn missing_required(payload: &Payload<'_, '_>, out: &mut Findings) {
    for key in payload.template.keys() {
        let spec = key.spec();
        if payload.get(key).is_some() {
            continue;
        }
        let required = match payload.mode {
            Some(mode) => spec.relevance(mode).is_required(),
            None => spec.always_required(),
        };
        if !required {
            continue;
        }
        let message = match payload.mode {
            Some(mode) if !spec.always_required() => {
                t!("finding.missing_required.in_mode", key = spec.key, mode = mode)
            }
            _ => t!("finding.missing_required", key = spec.key),
        };
        out.error(Code::MissingRequired, spec.pointer, message, Some(spec.required_hint_text()));
    }
}

/// A key given a value the mode does not read.
pub(super) fn ignored_in_mode(payload: &Payload<'_, '_>, out: &mut Findings) {
    let Some(mode) = payload.mode else { return };
    for key in payload.template.keys() {
        let spec = key.spec();
        let Some(value) = payload.get(key) else { continue };
        if spec.relevance(mode) != Relevance::Ignored
            || spec.explained_when_ignored
            || is_blank(value)
        {
            continue;
        }
        let hint = match mode {
            InvokeType::Rollback => spec.ignored_by_rollback_hint,
            InvokeType::Invoke => None,
        };
        out.warning(
            Code::IgnoredInMode,
            spec.pointer,
            t!("finding.ignored_in_mode", mode = mode),
            Some(match hint {
                Some(hint) => Text::from_english("param.", hint),
                None => t!("hint.remove_or_check_mode"),
            }),
        );
    }
}

/// An image rollback restores the disks but leaves the scaling configuration's image.
pub(super) fn rollback_keeps_configuration_image(payload: &Payload<'_, '_>, out: &mut Findings) {
    if payload.mode != Some(InvokeType::Rollback) || payload.template != Template::Image {
        return;
    }
    out.warning(
        Code::RollbackKeepsConfigurationImage,
        Key::InvokeType.pointer(),
        t!("finding.rollback_keeps_configuration_image"),
        Some(t!("hint.rollback_keeps_configuration_image")),
    );
}

/// A command rollback always runs its script as a Linux shell script.
pub(super) fn rollback_runs_shell_script(payload: &Payload<'_, '_>, out: &mut Findings) {
    if payload.mode != Some(InvokeType::Rollback) || payload.template != Template::Command {
        return;
    }
    let shell = CommandType::RunShellScript.as_str();
    let given = payload.get(Key::CommandType);
    let message = match given.and_then(Value::as_str) {
        Some(kind) if kind != shell => {
            t!("finding.rollback_runs_shell_script.other", shell = shell, kind = kind)
        }
        _ => t!("finding.rollback_runs_shell_script", shell = shell),
    };
    let at = if given.is_some() { Key::CommandType } else { Key::InvokeType };
    out.warning(
        Code::RollbackRunsShellScript,
        at.pointer(),
        message,
        Some(t!("hint.rollback_runs_shell_script")),
    );
}

/// One batch takes every selected instance out of service at once.
pub(super) fn single_batch(payload: &Payload<'_, '_>, out: &mut Findings) {
    if payload.mode.is_none() || payload.get(Key::BatchNumber).and_then(integer) != Some(1.0) {
        return;
    }
    out.warning(
        Code::SingleBatch,
        Key::BatchNumber.pointer(),
        t!("finding.single_batch"),
        Some(t!("hint.single_batch")),
    );
}

/// An invoke suspends processes at the start that it does not resume at the end.
pub(super) fn process_left_suspended(payload: &Payload<'_, '_>, out: &mut Findings) {
    if payload.mode != Some(InvokeType::Invoke) {
        return;
    }
    let entered = process_list(payload, Key::EnterProcess);
    let exited = process_list(payload, Key::ExitProcess);
    let left: Vec<&str> = entered.iter().copied().filter(|p| !exited.contains(p)).collect();
    if left.is_empty() {
        return;
    }
    out.warning(
        Code::ProcessLeftSuspended,
        Key::ExitProcess.pointer(),
        t!("finding.process_left_suspended", processes = left.join(", ")),
        Some(t!("hint.process_left_suspended")),
    );
}

/// The processes a list names, or the table's default when it is absent.
fn process_list<'v>(payload: &Payload<'_, 'v>, key: Key) -> Vec<&'v str> {
    match payload.get(key) {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        Some(_) => Vec::new(),
        None => key.spec().default_list().to_vec(),
    }
}

fn wrong_type(
    at: impl Into<Cow<'static, str>>,
    what: &str,
    expected: Text,
    value: &Value,
    out: &mut Findings,
) {
    let hint = match (value, expected.key()) {
        (Value::String(s), Some("expect.integer")) if s.parse::<f64>().is_ok() => {
            Some(t!("hint.number_without_quotes", value = s))
        }
        (Value::String(s), Some("expect.boolean")) if s == "true" || s == "false" => {
            Some(t!("hint.without_quotes", value = s))
        }
        (Value::String(s), Some("expect.string_list")) => {
            Some(t!("hint.write_a_list", value = Value::from(s.as_str())))
        }
        _ => None,
    };
    out.push(
        Severity::Error,
        Code::WrongType,
        at,
        t!("finding.wrong_type", what = what, expected: expected, got: json_type(value)),
        hint,
    );
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
