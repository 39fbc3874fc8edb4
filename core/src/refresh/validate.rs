//! Validation of an instance refresh's payload: every finding at once, with a code, a JSON
//! Pointer, a message and a hint, like a template's ([`crate::validate`]).

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::table::{Desired, REFRESH_PARAMS, RefreshKind, RefreshParam, keys, param, spec};
use super::{DesiredConfiguration, RefreshParams};
use crate::i18n::Text;
use crate::t;
use crate::validate::{Code, Finding, Severity};

/// The result of [`validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct RefreshValidation {
    /// Every finding, in payload order, then the rules across parameters.
    pub findings: Vec<Finding>,
    /// The typed parameters, present exactly when no finding is an error.
    pub params: Option<RefreshParams>,
}

impl RefreshValidation {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }
}

fn finding(
    severity: Severity,
    code: Code,
    pointer: impl Into<Cow<'static, str>>,
    message: Text,
    hint: Option<Text>,
) -> Finding {
    Finding { severity, code, pointer: pointer.into(), message, hint }
}

fn error(
    code: Code,
    pointer: impl Into<Cow<'static, str>>,
    message: Text,
    hint: Option<Text>,
) -> Finding {
    finding(Severity::Error, code, pointer, message, hint)
}

/// Validates a refresh payload (a JSON object of [`REFRESH_PARAMS`] keys).
///
/// ```
/// use rolling_update_core::refresh::validate::validate;
/// let checked = validate(&serde_json::json!({
///     "scalingGroupId": "asg-1", "imageId": "m-1", "checkpoints": [50, 80],
/// }));
/// assert_eq!(checked.findings[0].code.as_str(), "checkpoint_order");
/// assert_eq!(checked.findings[0].pointer, "/checkpoints/1");
/// ```
pub fn validate(payload: &Value) -> RefreshValidation {
    let findings = check(payload);
    let params = if findings.iter().any(|f| f.severity == Severity::Error) {
        None
    } else {
        payload.as_object().map(typed)
    };
    RefreshValidation { findings, params }
}

/// Every finding about `payload`, without typed parameters (what a form needs per keystroke).
pub fn check(payload: &Value) -> Vec<Finding> {
    let Some(object) = payload.as_object() else {
        return vec![error(Code::NotAnObject, "", t!("refresh.finding.not_an_object"), None)];
    };
    let mut out = Vec::new();
    for (key, value) in object {
        match param(key) {
            Some(spec) => check_value(spec, value, &mut out),
            None => out.push(error(
                Code::UnknownKey,
                format!("/{}", escape(key)),
                t!("refresh.finding.unknown_key", key = key),
                Some(t!("refresh.hint.known_keys", keys = known_keys())),
            )),
        }
    }
    required(object, &mut out);
    one_desired_kind(object, &mut out);
    launch_template_parts(object, &mut out);
    healthy_percentages(object, &mut out);
    checkpoints(object, &mut out);
    out
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

fn known_keys() -> String {
    REFRESH_PARAMS.iter().map(|p| p.key).collect::<Vec<_>>().join(", ")
}

fn check_value(spec: &'static RefreshParam, value: &Value, out: &mut Vec<Finding>) {
    let wrong = |expected: Text| {
        error(
            Code::WrongType,
            spec.pointer,
            t!("refresh.finding.wrong_type", key = spec.key, expected = expected),
            None,
        )
    };
    match (spec.kind, value) {
        (RefreshKind::String, Value::String(s)) => check_text(spec, spec.pointer.into(), s, out),
        (RefreshKind::String, _) => out.push(wrong(t!("refresh.kind.string"))),
        (RefreshKind::Boolean, Value::Bool(_)) => {}
        (RefreshKind::Boolean, _) => out.push(wrong(t!("refresh.kind.boolean"))),
        (RefreshKind::Integer, v) => match v.as_i64() {
            Some(n) => check_range(spec, spec.pointer.into(), n, out),
            None => out.push(wrong(t!("refresh.kind.integer"))),
        },
        (RefreshKind::IntegerList, Value::Array(items)) => {
            for (i, item) in items.iter().enumerate() {
                let at = format!("{}/{i}", spec.pointer);
                match item.as_i64() {
                    Some(n) => check_range(spec, at, n, out),
                    None => out.push(error(
                        Code::WrongType,
                        at,
                        t!(
                            "refresh.finding.wrong_item",
                            key = spec.key,
                            expected = t!("refresh.kind.integer")
                        ),
                        None,
                    )),
                }
            }
        }
        (RefreshKind::StringList, Value::Array(items)) => string_list(spec, items, out),
        (RefreshKind::IntegerList | RefreshKind::StringList, _) => {
            out.push(wrong(t!("refresh.kind.list")))
        }
    }
}

fn string_list(spec: &'static RefreshParam, items: &[Value], out: &mut Vec<Finding>) {
    for (i, item) in items.iter().enumerate() {
        let at = format!("{}/{i}", spec.pointer);
        let Some(text) = item.as_str() else {
            out.push(error(
                Code::WrongType,
                at,
                t!(
                    "refresh.finding.wrong_item",
                    key = spec.key,
                    expected = t!("refresh.kind.string")
                ),
                None,
            ));
            continue;
        };
        if items[..i].iter().any(|earlier| earlier.as_str() == Some(text)) {
            out.push(error(
                Code::DuplicateItem,
                at.clone(),
                t!("refresh.finding.duplicate_item", key = spec.key, value = text),
                None,
            ));
        }
        check_text(spec, at, text, out);
    }
}

fn check_text(spec: &'static RefreshParam, at: String, text: &str, out: &mut Vec<Finding>) {
    if text.trim().is_empty() {
        out.push(error(
            Code::EmptyValue,
            at,
            t!("refresh.finding.empty_value", key = spec.key),
            None,
        ));
        return;
    }
    if text.contains('*') {
        out.push(error(
            Code::MaskedId,
            at,
            t!("refresh.finding.masked_id", key = spec.key, value = text),
            Some(t!("refresh.hint.masked_id")),
        ));
        return;
    }
    let blank = text.chars().any(char::is_whitespace);
    let unprefixed = spec.prefix.is_some_and(|prefix| !text.starts_with(prefix));
    if blank || unprefixed {
        out.push(error(
            Code::BadId,
            at,
            t!("refresh.finding.bad_id", key = spec.key, value = text),
            spec.prefix.map(|prefix| t!("refresh.hint.prefix", prefix = prefix)),
        ));
    }
}

fn check_range(spec: &'static RefreshParam, at: String, n: i64, out: &mut Vec<Finding>) {
    if let Some((min, max)) = spec.range
        && (n < min || n > max)
    {
        out.push(error(
            Code::OutOfRange,
            at,
            t!("refresh.finding.out_of_range", key = spec.key, value = n, min = min, max = max),
            None,
        ));
    }
}

fn required(object: &Map<String, Value>, out: &mut Vec<Finding>) {
    for spec in REFRESH_PARAMS.iter().filter(|p| p.required && !object.contains_key(p.key)) {
        out.push(error(
            Code::MissingRequired,
            spec.pointer,
            t!("refresh.finding.missing_required", key = spec.key),
            Some(t!("refresh.hint.flag", flag = spec.flag)),
        ));
    }
}

/// At most one desired configuration kind: an image, a scaling configuration or a launch
/// template (with its version and instance types).
fn one_desired_kind(object: &Map<String, Value>, out: &mut Vec<Finding>) {
    let mut first: Option<&RefreshParam> = None;
    let mut reported: Vec<Desired> = Vec::new();
    let given = REFRESH_PARAMS.iter().filter(|p| p.desired.is_some() && object.contains_key(p.key));
    for spec in given {
        let Some(earlier) = first else {
            first = Some(spec);
            continue;
        };
        let kind = spec.desired.unwrap_or(Desired::Image);
        if earlier.desired != spec.desired && !reported.contains(&kind) {
            reported.push(kind);
            out.push(error(
                Code::ConflictingKeys,
                spec.pointer,
                t!("refresh.finding.two_desired_kinds", key = spec.key, other = earlier.key),
                Some(t!("refresh.hint.one_desired_kind")),
            ));
        }
    }
}

fn launch_template_parts(object: &Map<String, Value>, out: &mut Vec<Finding>) {
    if let Some(version) = object.get("launchTemplateVersion").and_then(Value::as_str)
        && (version == "Default" || version == "Latest")
    {
        out.push(finding(
            Severity::Warning,
            Code::NoRollback,
            spec("launchTemplateVersion").pointer,
            t!("refresh.finding.version_no_rollback", version = version),
            Some(t!("refresh.hint.version_number")),
        ));
    }
    if object.contains_key("launchTemplateId") {
        return;
    }
    for key in ["launchTemplateVersion", "launchTemplateOverrideInstanceTypes"] {
        if object.contains_key(key) {
            out.push(error(
                Code::MissingRequired,
                spec("launchTemplateId").pointer,
                t!("refresh.finding.needs_launch_template", key = key),
                Some(t!("refresh.hint.flag", flag = "launch-template-id")),
            ));
        }
    }
}

fn number(object: &Map<String, Value>, key: &str) -> Option<i64> {
    object.get(key).and_then(Value::as_i64)
}

fn healthy_percentages(object: &Map<String, Value>, out: &mut Vec<Finding>) {
    let min = number(object, "minHealthyPercentage").unwrap_or(80);
    let max = number(object, "maxHealthyPercentage").unwrap_or(120);
    if min > max {
        out.push(error(
            Code::MinAboveMax,
            spec("minHealthyPercentage").pointer,
            t!("refresh.finding.min_above_max", min = min, max = max),
            None,
        ));
    }
}

fn checkpoints(object: &Map<String, Value>, out: &mut Vec<Finding>) {
    let pointer = spec("checkpoints").pointer;
    let Some(Value::Array(items)) = object.get("checkpoints") else {
        if object.contains_key("checkpointPauseTime") && !object.contains_key("checkpoints") {
            out.push(finding(
                Severity::Warning,
                Code::IgnoredInMode,
                spec("checkpointPauseTime").pointer,
                t!("refresh.finding.pause_without_checkpoints"),
                None,
            ));
        }
        return;
    };
    let values: Vec<Option<i64>> = items.iter().map(Value::as_i64).collect();
    if values.is_empty() {
        out.push(error(
            Code::EmptyList,
            pointer,
            t!("refresh.finding.no_checkpoints"),
            Some(t!("refresh.hint.leave_out_checkpoints")),
        ));
        return;
    }
    for i in 1..values.len() {
        if let (Some(before), Some(now)) = (values[i - 1], values[i])
            && now <= before
        {
            out.push(error(
                Code::CheckpointOrder,
                format!("{pointer}/{i}"),
                t!("refresh.finding.checkpoints_ascending", value = now, before = before),
                None,
            ));
        }
    }
    let last = values.len() - 1;
    if let Some(value) = values[last].filter(|v| *v != 100) {
        out.push(error(
            Code::CheckpointOrder,
            format!("{pointer}/{last}"),
            t!("refresh.finding.last_checkpoint", value = value),
            Some(t!("refresh.hint.last_checkpoint")),
        ));
    }
}

/// The typed parameters of a payload without errors.
fn typed(object: &Map<String, Value>) -> RefreshParams {
    let text = |key: &str| object.get(key).and_then(Value::as_str).map(str::to_owned);
    let int = |key: &str| number(object, key).and_then(|n| u32::try_from(n).ok());
    let desired = if let Some(image) = text(keys::IMAGE_ID) {
        DesiredConfiguration::Image(image)
    } else if let Some(id) = text(keys::SCALING_CONFIGURATION_ID) {
        DesiredConfiguration::ScalingConfiguration(id)
    } else if let Some(id) = text("launchTemplateId") {
        let types = object.get("launchTemplateOverrideInstanceTypes").and_then(Value::as_array);
        DesiredConfiguration::LaunchTemplate {
            id,
            version: text("launchTemplateVersion"),
            instance_types: types
                .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
                .unwrap_or_default(),
        }
    } else {
        DesiredConfiguration::Active
    };
    let checkpoints = object.get("checkpoints").and_then(Value::as_array);
    RefreshParams {
        scaling_group_id: text(keys::SCALING_GROUP_ID).unwrap_or_default(),
        desired,
        min_healthy_percentage: int("minHealthyPercentage"),
        max_healthy_percentage: int("maxHealthyPercentage"),
        skip_matching: object.get("skipMatching").and_then(Value::as_bool),
        checkpoints: checkpoints
            .map(|items| {
                items
                    .iter()
                    .filter_map(Value::as_u64)
                    .filter_map(|n| u32::try_from(n).ok())
                    .collect()
            })
            .unwrap_or_default(),
        checkpoint_pause_time: int("checkpointPauseTime"),
    }
}

/// Which desired kind a typed configuration is.
pub fn desired_kind(desired: &DesiredConfiguration) -> Option<Desired> {
    match desired {
        DesiredConfiguration::Active => None,
        DesiredConfiguration::Image(_) => Some(Desired::Image),
        DesiredConfiguration::ScalingConfiguration(_) => Some(Desired::ScalingConfiguration),
        DesiredConfiguration::LaunchTemplate { .. } => Some(Desired::LaunchTemplate),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn codes(payload: Value) -> Vec<(&'static str, String)> {
        check(&payload).into_iter().map(|f| (f.code.as_str(), f.pointer.into_owned())).collect()
    }

    #[test]
    fn a_full_payload_is_valid_and_typed() {
        let checked = validate(&json!({
            "scalingGroupId": "asg-1", "scalingConfigurationId": "asc-2",
            "minHealthyPercentage": 100, "maxHealthyPercentage": 100,
            "skipMatching": true, "checkpoints": [25, 50, 100], "checkpointPauseTime": 2880,
        }));
        assert!(checked.findings.is_empty(), "{:?}", checked.findings);
        let params = checked.params.expect("typed");
        assert_eq!(params.desired, DesiredConfiguration::ScalingConfiguration("asc-2".into()));
        assert_eq!(params.checkpoints, [25, 50, 100]);
    }

    #[test]
    fn ranges_types_and_ids_point_at_the_value() {
        let got = codes(json!({
            "scalingGroupId": "sg-1", "minHealthyPercentage": 101, "maxHealthyPercentage": 99,
            "checkpointPauseTime": 0, "skipMatching": "yes", "checkpoints": [0, "x", 100],
            "imageID": "m-1",
        }));
        assert_eq!(
            got,
            [
                ("bad_id", "/scalingGroupId".to_owned()),
                ("out_of_range", "/minHealthyPercentage".to_owned()),
                ("out_of_range", "/maxHealthyPercentage".to_owned()),
                ("out_of_range", "/checkpointPauseTime".to_owned()),
                ("wrong_type", "/skipMatching".to_owned()),
                ("out_of_range", "/checkpoints/0".to_owned()),
                ("wrong_type", "/checkpoints/1".to_owned()),
                ("unknown_key", "/imageID".to_owned()),
                ("min_above_max", "/minHealthyPercentage".to_owned()),
            ]
        );
        assert_eq!(codes(json!({}))[0], ("missing_required", "/scalingGroupId".to_owned()));
        assert_eq!(codes(json!([]))[0].0, "not_an_object");
    }

    #[test]
    fn one_desired_kind_and_launch_template_parts() {
        let got = codes(json!({
            "scalingGroupId": "asg-1", "imageId": "m-1", "launchTemplateId": "lt-1",
            "launchTemplateOverrideInstanceTypes": ["ecs.g7.large", "ecs.g7.large"],
        }));
        assert_eq!(
            got,
            [
                ("duplicate_item", "/launchTemplateOverrideInstanceTypes/1".to_owned()),
                ("conflicting_keys", "/launchTemplateId".to_owned()),
            ]
        );
        let orphan = codes(json!({"scalingGroupId": "asg-1", "launchTemplateVersion": "Latest"}));
        assert_eq!(orphan[1], ("missing_required", "/launchTemplateId".to_owned()));
        let latest = validate(
            &json!({"scalingGroupId": "asg-1", "launchTemplateId": "lt-1", "launchTemplateVersion": "Default"}),
        );
        assert_eq!(latest.findings[0].code, Code::NoRollback);
        assert_eq!(latest.findings[0].severity, Severity::Warning);
        assert!(!latest.params.expect("a warning only").desired.can_roll_back());
    }

    #[test]
    fn checkpoints_ascend_and_end_at_100() {
        let got = codes(json!({"scalingGroupId": "asg-1", "checkpoints": [50, 50, 80]}));
        assert_eq!(
            got,
            [
                ("checkpoint_order", "/checkpoints/1".to_owned()),
                ("checkpoint_order", "/checkpoints/2".to_owned())
            ]
        );
        assert_eq!(codes(json!({"scalingGroupId": "asg-1", "checkpoints": []}))[0].0, "empty_list");
        let pause = validate(&json!({"scalingGroupId": "asg-1", "checkpointPauseTime": 5}));
        assert_eq!(pause.findings[0].code, Code::IgnoredInMode);
        assert!(pause.params.is_some());
    }
}
