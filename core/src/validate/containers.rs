//! The container template's Json parameters: a list of ECI containers as ESS takes them
//! (`CreateEciScalingConfiguration` / `ModifyEciScalingConfiguration`, `Container.N.*`).
//!
//! What ESS documents as required is an error here (and in the schema): each container an
//! object with a non-empty `Name` and `Image`. The rest is advice: a field ESS does not
//! document is warned about rather than refused (the service may know more than its
//! documentation), and so is a name given twice, which JSON Schema cannot express.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::{Code, Findings};
use crate::t;
use crate::template::{InvokeType, ParamSpec, Relevance};

/// The fields every container must have.
pub const REQUIRED_FIELDS: [&str; 2] = ["Name", "Image"];

/// The `Container.N.*` fields ESS documents (a prefix stands for its sub-fields, as in
/// `ReadinessProbe.HttpGet.Path`, which a JSON value writes as a nested object).
pub const KNOWN_FIELDS: &[&str] = &[
    "Name",
    "Image",
    "Cpu",
    "Memory",
    "Gpu",
    "WorkingDir",
    "ImagePullPolicy",
    "Command",
    "Commands",
    "Arg",
    "Args",
    "EnvironmentVar",
    "EnvironmentVars",
    "Port",
    "Ports",
    "VolumeMount",
    "VolumeMounts",
    "ReadinessProbe",
    "LivenessProbe",
    "SecurityContext",
    "Stdin",
    "StdinOnce",
    "Tty",
    "LifecyclePostStartHandler",
    "LifecyclePreStopHandler",
    "TerminationMessagePath",
    "TerminationMessagePolicy",
];

/// A Json parameter: a list of containers (or `{}`, the template's "none"), not empty where
/// the mode needs it filled.
pub(super) fn check(spec: &ParamSpec, value: &Value, mode: Option<InvokeType>, out: &mut Findings) {
    let items: &[Value] = match value {
        Value::Array(items) => items,
        Value::Object(map) if map.is_empty() => &[],
        _ => {
            out.error(
                Code::WrongType,
                spec.pointer,
                t!("finding.wrong_type.containers", key = spec.key, got: super::json_type(value)),
                Some(t!("hint.containers_list")),
            );
            return;
        }
    };
    for (index, item) in items.iter().enumerate() {
        let at = format!("{}/{index}", spec.pointer);
        match item.as_object() {
            Some(container) => check_container(spec, &at, container, out),
            None => out.error(
                Code::WrongType,
                at,
                t!(
                    "finding.wrong_type.container",
                    key = spec.key,
                    index = index,
                    got: super::json_type(item),
                ),
                Some(t!("hint.container_object")),
            ),
        }
    }
    duplicate_names(spec, items, out);
    let must_fill = mode.is_some_and(|m| spec.relevance(m) == Relevance::RequiredNonEmpty);
    if items.is_empty() && must_fill {
        out.error(
            Code::EmptyValue,
            spec.pointer,
            t!(
                "finding.empty_value.containers",
                key = spec.key,
                mode = mode.map_or("", InvokeType::as_str),
            ),
            Some(spec.required_hint_text()),
        );
    }
}

fn check_container(spec: &ParamSpec, at: &str, container: &Map<String, Value>, out: &mut Findings) {
    for field in REQUIRED_FIELDS {
        let field_at = || Cow::Owned(format!("{at}/{field}"));
        match container.get(field) {
            None => out.error(
                Code::MissingRequired,
                field_at(),
                t!("finding.missing_required.container_field", key = spec.key, field = field),
                Some(t!("hint.container_fields")),
            ),
            Some(Value::String(text)) if text.is_empty() => out.error(
                Code::EmptyValue,
                field_at(),
                t!("finding.empty_value.container_field", field = field),
                Some(t!("hint.container_fields")),
            ),
            Some(Value::String(_)) => {}
            Some(other) => out.error(
                Code::WrongType,
                field_at(),
                t!(
                    "finding.wrong_type.container_field",
                    field = field,
                    got: super::json_type(other),
                ),
                None::<&str>,
            ),
        }
    }
    for field in container.keys().filter(|k| !KNOWN_FIELDS.contains(&k.as_str())) {
        out.warning(
            Code::UnknownField,
            format!("{at}/{}", field.replace('~', "~0").replace('/', "~1")),
            t!("finding.unknown_field.container", field = field),
            Some(t!("hint.container_field_spelling")),
        );
    }
}

/// Each container name once: ECI refuses a container group with two of the same name.
fn duplicate_names(spec: &ParamSpec, items: &[Value], out: &mut Findings) {
    fn name(item: &Value) -> Option<&str> {
        item.get(REQUIRED_FIELDS[0]).and_then(Value::as_str)
    }
    for (index, item) in items.iter().enumerate() {
        let Some(this) = name(item).filter(|n| !n.is_empty()) else { continue };
        if items[..index].iter().any(|earlier| name(earlier) == Some(this)) {
            out.warning(
                Code::DuplicateItem,
                format!("{}/{index}/{}", spec.pointer, REQUIRED_FIELDS[0]),
                t!("finding.duplicate_item.container", key = spec.key, name = this),
                Some(t!("hint.container_names")),
            );
        }
    }
}
