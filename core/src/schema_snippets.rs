//! What editors insert and show beside the schemas: a `defaultSnippets` entry for each mode of
//! each template (the fields that mode requires, as tab stops), `examples` (the same skeletons
//! with their placeholders filled), and the schema of a whole update file.
//!
//! Everything is derived from the parameter table: a mode's skeleton holds `invokeType` and every
//! key the mode requires. A placeholder's text is itself a valid value (an ID's prefix and
//! `example`, a label in angle brackets, a default, the first allowed value), so a skeleton
//! inserted and left as it is validates; the editor tests (`editors/test/`) and a unit test
//! check that.
//!
//! ```
//! use rolling_update_core::i18n::Lang;
//! use rolling_update_core::schema_snippets::{fill, skeleton};
//! use rolling_update_core::template::{InvokeType, Template};
//! use rolling_update_core::validate::validate;
//!
//! let body = skeleton(Template::Image, InvokeType::Invoke, true, Lang::En);
//! assert!(body.to_string().contains("${1:"));
//! assert!(!validate(Template::Image, &fill(&body)).has_errors());
//! ```

use serde_json::{Map, Value, json};

use crate::i18n::{Lang, Text};
use crate::t;
use crate::template::{InvokeType, Key, ParamKind, ParamSpec, Template};

/// The file name of the update file's schema under `schemas/`.
pub const UPDATE_FILE_SCHEMA: &str = "rolling-update.update-file.schema.json";

/// The name in the `$id` of the update file's schema.
pub const UPDATE_FILE_NAME: &str = "update-file";

/// Adds `defaultSnippets` and `examples` to a template's schema, their texts in `lang`.
pub fn add(template: Template, params: &[&ParamSpec], root: &mut Map<String, Value>, lang: Lang) {
    let mut snippets = Vec::new();
    let mut examples = Vec::new();
    for mode in InvokeType::ALL {
        let body = skeleton_of(params, mode, true, lang);
        examples.push(fill(&body));
        snippets.push(json!({
            "label": snippet_label(template, mode, lang),
            "description": snippet_description(template, mode, lang),
            "body": body,
        }));
    }
    root.insert("defaultSnippets".to_owned(), Value::Array(snippets));
    root.insert("examples".to_owned(), Value::Array(examples));
}

pub(crate) fn snippet_label(template: Template, mode: InvokeType, lang: Lang) -> String {
    match mode {
        InvokeType::Invoke => t!("schema.snippet.invoke.label", template = template.short_name()),
        InvokeType::Rollback => {
            t!("schema.snippet.rollback.label", template = template.short_name())
        }
    }
    .render(lang)
    .into_owned()
}

pub(crate) fn snippet_description(template: Template, mode: InvokeType, lang: Lang) -> String {
    match mode {
        InvokeType::Invoke => t!("schema.snippet.invoke.description", template = template.name()),
        InvokeType::Rollback => {
            t!("schema.snippet.rollback.description", template = template.name())
        }
    }
    .render(lang)
    .into_owned()
}

/// The skeleton of `template` in `mode`: `invokeType` and each key the mode requires. With
/// `tab_stops`, each text value is a snippet placeholder (`${1:text}`). A placeholder that names
/// what belongs there (`<label>`) is in `lang`.
pub fn skeleton(template: Template, mode: InvokeType, tab_stops: bool, lang: Lang) -> Value {
    let params: Vec<&ParamSpec> = template.params().collect();
    skeleton_of(&params, mode, tab_stops, lang)
}

fn skeleton_of(params: &[&ParamSpec], mode: InvokeType, tab_stops: bool, lang: Lang) -> Value {
    let mut body = Map::new();
    let mut stop = 0;
    let mut text = |value: String| {
        if tab_stops {
            stop += 1;
            Value::String(format!("${{{stop}:{}}}", escape(&value)))
        } else {
            Value::String(value)
        }
    };
    for spec in params {
        if spec.key == Key::InvokeType.as_str() {
            body.insert(spec.key.to_owned(), json!(mode.as_str()));
        } else if spec.relevance(mode).is_required() {
            body.insert(spec.key.to_owned(), placeholder(spec, &mut text, lang));
        }
    }
    Value::Object(body)
}

/// A valid value for `spec` that says what belongs there.
fn placeholder(spec: &ParamSpec, text: &mut impl FnMut(String) -> Value, lang: Lang) -> Value {
    let default = spec.default.to_json();
    let first_choice = spec.choices.first().map(|c| c.value.to_owned());
    let label = format!("<{}>", Text::from_english("param.", spec.label).render(lang));
    match spec.kind {
        ParamKind::String => match (spec.id_prefix, default, first_choice) {
            (Some(prefix), ..) => text(format!("{prefix}example")),
            (None, Some(Value::String(s)), _) if !s.is_empty() => text(s),
            (None, _, Some(choice)) => text(choice),
            _ => text(label),
        },
        ParamKind::Integer => default.unwrap_or_else(|| json!(spec.min.unwrap_or(1))),
        ParamKind::Boolean => default.unwrap_or(Value::Bool(true)),
        ParamKind::StringList => match (default, first_choice) {
            (Some(Value::Array(items)), _) if !items.is_empty() => Value::Array(items),
            (_, Some(choice)) => json!([text(choice)]),
            _ => json!([text(label)]),
        },
        ParamKind::Json => {
            let mut container = Map::new();
            for field in crate::validate::CONTAINER_FIELDS {
                container.insert(field.to_owned(), text(format!("<{field}>")));
            }
            json!([container])
        }
    }
}

/// Escapes what a snippet placeholder's text cannot hold as it is.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('$', "\\$").replace('}', "\\}")
}

/// A skeleton with every `${n:text}` replaced by its text, as an editor leaves it when the
/// user tabs through without typing.
pub fn fill(body: &Value) -> Value {
    match body {
        Value::String(s) => Value::String(unplaceholder(s)),
        Value::Array(items) => Value::Array(items.iter().map(fill).collect()),
        Value::Object(map) => {
            Value::Object(map.iter().map(|(k, v)| (k.clone(), fill(v))).collect())
        }
        other => other.clone(),
    }
}

fn unplaceholder(text: &str) -> String {
    let Some(inner) = text.strip_prefix("${").and_then(|t| t.strip_suffix('}')) else {
        return text.to_owned();
    };
    let Some((_, value)) = inner.split_once(':') else { return text.to_owned() };
    value.replace("\\}", "}").replace("\\$", "$").replace("\\\\", "\\")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    #[test]
    fn every_skeleton_filled_validates_without_errors() {
        for template in Template::ALL {
            for mode in InvokeType::ALL {
                for lang in Lang::ALL {
                    let body = fill(&skeleton(template, mode, true, lang));
                    let plain = skeleton(template, mode, false, lang);
                    assert_eq!(body, plain, "{template} {mode:?} {lang}");
                    let checked = validate(template, &body);
                    let errors: Vec<String> = checked.errors().map(ToString::to_string).collect();
                    assert!(errors.is_empty(), "{template} {mode:?} {lang}: {body}\n{errors:#?}");
                }
            }
        }
    }

    #[test]
    fn placeholders_are_numbered_tab_stops_and_come_back_out() {
        let body = skeleton(Template::Command, InvokeType::Invoke, true, Lang::En);
        let text = body.to_string();
        assert!(text.contains("${1:") && !text.contains("${0:"), "{text}");
        assert_eq!(unplaceholder("${3:a\\}b\\$c}"), "a}b$c");
        assert_eq!(unplaceholder("plain"), "plain");
    }
}
