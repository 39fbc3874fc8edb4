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
                format!(
                    "`{}` must be a JSON list of containers ({{}} means none), got {}",
                    spec.key,
                    super::json_type(value)
                ),
                Some("write it as [{\"Name\": \"web\", \"Image\": \"registry/web:2\"}]"),
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
                format!(
                    "`{}[{index}]` must be a container object, got {}",
                    spec.key,
                    super::json_type(item)
                ),
                Some("each container is an object with at least a Name and an Image"),
            ),
        }
    }
    duplicate_names(spec, items, out);
    let must_fill = mode.is_some_and(|m| spec.relevance(m) == Relevance::RequiredNonEmpty);
    if items.is_empty() && must_fill {
        out.error(
            Code::EmptyValue,
            spec.pointer,
            format!("`{}` must list at least one container for invokeType `{}`", spec.key, {
                mode.map_or("", InvokeType::as_str)
            }),
            Some(spec.required_hint),
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
                format!("a container of `{}` has no `{field}`", spec.key),
                Some("ESS needs a Name and an Image for every container"),
            ),
            Some(Value::String(text)) if text.is_empty() => out.error(
                Code::EmptyValue,
                field_at(),
                format!("a container's `{field}` must not be empty"),
                Some("ESS needs a Name and an Image for every container"),
            ),
            Some(Value::String(_)) => {}
            Some(other) => out.error(
                Code::WrongType,
                field_at(),
                format!(
                    "a container's `{field}` must be a string, got {}",
                    super::json_type(other)
                ),
                None::<&str>,
            ),
        }
    }
    for field in container.keys().filter(|k| !KNOWN_FIELDS.contains(&k.as_str())) {
        out.warning(
            Code::UnknownField,
            format!("{at}/{}", field.replace('~', "~0").replace('/', "~1")),
            format!("`{field}` is not a container field ESS documents"),
            Some("check its spelling against ESS CreateEciScalingConfiguration (Container.N.*)"),
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
                format!("two containers of `{}` are named `{this}`", spec.key),
                Some("give each container its own Name; ECI refuses the same name twice"),
            );
        }
    }
}
