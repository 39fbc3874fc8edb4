//! Draft-07 JSON Schemas for editors, one per template.
//!
//! Everything comes from the parameter table of [`crate::template`]: the key set, the JSON
//! types, the always-required keys, labels, descriptions, defaults, described allowed values,
//! ranges and ID patterns; the per-mode requirements become `if`/`then` clauses. A test checks
//! that the typed model (through `schemars`) agrees with the table. The generated files are
//! committed under `schemas/` (English) and `schemas/zh-CN/` (Simplified Chinese).
//!
//! One schema set per language, because editors read one `description` per property and no
//! per-language key: VS Code's JSON service and the YAML language server show whatever
//! `description` holds. A user points the editor at the set in the language they read; both
//! sets validate exactly the same documents (a test compares them with their texts removed).

use schemars::JsonSchema;
use schemars::generate::SchemaSettings;
use serde_json::{Map, Value, json};

use crate::i18n::{Lang, Text};
use crate::t;
use crate::template::{Choice, InvokeType, Key, PARAMS, ParamKind, ParamSpec, Relevance, Template};

/// The draft every generated schema declares.
pub const DRAFT_07: &str = "http://json-schema.org/draft-07/schema#";

/// The file name of a template's schema under `schemas/` (or `schemas/<lang>/`).
pub fn file_name(template: Template) -> String {
    format!("{}.schema.json", template.name())
}

/// The folder under `schemas/` that holds the schemas in `lang`: `""` for English (the
/// schemas themselves), `zh-CN/` for Chinese.
pub fn folder(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::ZhCn => "zh-CN/",
    }
}

/// The `$id` of a schema named `name` in `lang`: the English set has none of the language in
/// it (its ids predate the second set), the others have their tag, so that both sets can be
/// loaded side by side.
pub fn id_in(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("urn:aliyun-cli-rolling-update:schema:{name}"),
        lang => format!("urn:aliyun-cli-rolling-update:schema:{}:{name}", lang.tag()),
    }
}

/// The `$id` of a template's schema.
pub fn schema_id(template: Template, lang: Lang) -> String {
    id_in(template.name(), lang)
}

/// The schema of a template's parameters, its texts in English.
pub fn schema(template: Template) -> Value {
    schema_in(template, Lang::En)
}

/// The schema of a template's parameters, its texts in `lang`.
pub fn schema_in(template: Template, lang: Lang) -> Value {
    schema_of(template, &PARAMS, lang)
}

/// A text of the parameter table in `lang` (the table keeps its English; the i18n tables
/// hold every language's).
fn param_text(english: &'static str, lang: Lang) -> String {
    Text::from_english("param.", english).render(lang).into_owned()
}

/// The schema of a template's parameters as `table` declares them ([`schema`] passes
/// [`PARAMS`]; a test passes a table with one more parameter to show the schema follows).
pub fn schema_of(template: Template, table: &[ParamSpec], lang: Lang) -> Value {
    let params: Vec<&ParamSpec> =
        table.iter().filter(|p| p.templates.contains(&template)).collect();
    let required: Vec<Value> =
        params.iter().filter(|p| p.always_required()).map(|p| json!(p.key)).collect();

    let mut properties = Map::new();
    properties.insert(
        "$schema".to_owned(),
        json!({
            "type": "string",
            "description": t!("schema.template.schema_key").render(lang),
        }),
    );
    for spec in &params {
        properties.insert(spec.key.to_owned(), property(spec, lang));
    }

    let mut root = Map::new();
    root.insert("$schema".to_owned(), json!(DRAFT_07));
    root.insert("$id".to_owned(), json!(schema_id(template, lang)));
    root.insert("title".to_owned(), json!(template.name()));
    let description = t!(
        "schema.template.description",
        title: Text::from_english("template.", template.title()),
        description: Text::from_english("template.", template.description()),
        name = template.name(),
        short = template.short_name(),
    );
    root.insert("description".to_owned(), json!(description.render(lang)));
    root.insert("type".to_owned(), json!("object"));
    root.insert("required".to_owned(), Value::Array(required));
    root.insert("properties".to_owned(), Value::Object(properties));
    root.insert("additionalProperties".to_owned(), json!(false));
    root.insert(
        "allOf".to_owned(),
        Value::Array(
            InvokeType::ALL.iter().filter_map(|mode| mode_clause(&params, *mode)).collect(),
        ),
    );
    crate::schema_snippets::add(template, &params, &mut root, lang);
    Value::Object(root)
}

/// The schema in `lang` as the committed file holds it: pretty JSON and a final newline.
pub fn schema_file(template: Template, lang: Lang) -> String {
    file_text(&schema_in(template, lang))
}

/// A schema as a committed file holds it: pretty JSON and a final newline.
pub fn file_text(schema: &Value) -> String {
    let text = serde_json::to_string_pretty(schema).unwrap_or_default();
    format!("{text}\n")
}

/// What `schemars` derives from the typed model, as JSON.
pub fn generated<T: JsonSchema>() -> Value {
    let generator = SchemaSettings::draft07().into_generator();
    generator.into_root_schema_for::<T>().to_value()
}

fn property(spec: &ParamSpec, lang: Lang) -> Value {
    let mut p = Map::new();
    p.insert("title".to_owned(), json!(param_text(spec.label, lang)));
    p.insert("description".to_owned(), json!(param_text(spec.description, lang)));
    match spec.kind {
        ParamKind::String => {
            p.insert("type".to_owned(), json!("string"));
            if !spec.choices.is_empty() {
                p.insert("oneOf".to_owned(), choices(spec.choices, lang));
            }
        }
        ParamKind::Integer => {
            p.insert("type".to_owned(), json!("integer"));
        }
        ParamKind::StringList => {
            p.insert("type".to_owned(), json!("array"));
            let mut items = Map::new();
            items.insert("type".to_owned(), json!("string"));
            if !spec.choices.is_empty() {
                items.insert("oneOf".to_owned(), choices(spec.choices, lang));
            }
            p.insert("items".to_owned(), Value::Object(items));
        }
        ParamKind::Boolean => {
            p.insert("type".to_owned(), json!("boolean"));
        }
        ParamKind::Json => {
            p.insert("anyOf".to_owned(), containers(lang));
        }
    }
    if let Some(min) = spec.min {
        p.insert("minimum".to_owned(), json!(min));
    }
    if let Some(max) = spec.max {
        p.insert("maximum".to_owned(), json!(max));
    }
    if let Some(prefix) = spec.id_prefix {
        let body = format!("{prefix}\\S+");
        let pattern =
            if spec.always_filled() { format!("^{body}$") } else { format!("^({body})?$") };
        p.insert("pattern".to_owned(), json!(pattern));
    } else if spec.always_filled() {
        p.insert("minLength".to_owned(), json!(1));
    }
    if let Some(default) = spec.default.to_json() {
        p.insert("default".to_owned(), default);
    }
    Value::Object(p)
}

/// A list of ECI containers, each an object with a non-empty `Name` and `Image`; or `{}`.
/// (That each name is used once cannot be said in draft-07; the validator warns about it.)
fn containers(lang: Lang) -> Value {
    let mut fields = Map::new();
    for field in crate::validate::CONTAINER_FIELDS {
        fields.insert(field.to_owned(), json!({ "type": "string", "minLength": 1 }));
    }
    json!([
        {
            "type": "array",
            "items": {
                "type": "object",
                "required": crate::validate::CONTAINER_FIELDS,
                "properties": fields,
            },
        },
        {
            "type": "object",
            "maxProperties": 0,
            "description": t!("schema.template.no_containers").render(lang),
        },
    ])
}

fn choices(choices: &[Choice], lang: Lang) -> Value {
    choices
        .iter()
        .map(|c| json!({ "const": c.value, "description": param_text(c.description, lang) }))
        .collect()
}

/// `if invokeType is <mode> then <what that mode requires>`, when it requires anything.
fn mode_clause(params: &[&ParamSpec], mode: InvokeType) -> Option<Value> {
    let mut required = Vec::new();
    let mut properties = Map::new();
    for spec in params {
        let both = spec.always_required();
        let relevance = spec.relevance(mode);
        if relevance.is_required() && !both {
            required.push(json!(spec.key));
        }
        // Filled in both modes is said by the property itself (pattern or minLength).
        if relevance == Relevance::RequiredNonEmpty && !spec.always_filled() {
            let filled = match spec.kind {
                ParamKind::Json => json!({ "type": "array", "minItems": 1 }),
                _ => json!({ "minLength": 1 }),
            };
            properties.insert(spec.key.to_owned(), filled);
        }
    }
    if required.is_empty() && properties.is_empty() {
        return None;
    }
    Some(json!({
        "if": {
            "properties": { (Key::InvokeType.as_str()): { "const": mode.as_str() } },
            "required": [Key::InvokeType.as_str()],
        },
        "then": {
            "required": required,
            "properties": properties,
        },
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::{
        CommandParams, ContainerParams, FileParams, ImageParams, OssFileParams, PackageParams,
    };

    /// What `schemars` derives from a template's typed model.
    fn typed_schema(template: Template) -> Value {
        match template {
            Template::Image => generated::<ImageParams>(),
            Template::Command => generated::<CommandParams>(),
            Template::Package => generated::<PackageParams>(),
            Template::File => generated::<FileParams>(),
            Template::OssFile => generated::<OssFileParams>(),
            Template::Container => generated::<ContainerParams>(),
        }
    }

    /// The table and the typed model must describe the same keys with the same JSON types.
    #[test]
    fn table_and_typed_model_agree() {
        for template in Template::ALL {
            let base = typed_schema(template);
            let props = base["properties"].as_object().expect("generated properties");
            let mut generated_keys: Vec<&str> = props.keys().map(String::as_str).collect();
            let mut table_keys: Vec<&str> = template.params().map(|p| p.key).collect();
            generated_keys.sort_unstable();
            table_keys.sort_unstable();
            assert_eq!(generated_keys, table_keys, "keys of {template}");

            for spec in template.params() {
                let text = props[spec.key].to_string();
                let expected = match spec.kind {
                    ParamKind::String => "\"string\"",
                    ParamKind::Integer => "\"integer\"",
                    ParamKind::StringList => "\"array\"",
                    ParamKind::Boolean => "\"boolean\"",
                    // A `serde_json::Value` is any JSON: schemars gives it no type.
                    ParamKind::Json => "",
                };
                // Enum-typed fields are references to definitions; check those by name.
                let is_ref = text.contains("$ref");
                let untyped = spec.kind == ParamKind::Json && !text.contains("\"type\"");
                assert!(
                    untyped
                        || (!expected.is_empty() && text.contains(expected))
                        || (is_ref && spec.kind == ParamKind::String),
                    "{template} {}: generated {text}, table says {:?}",
                    spec.key,
                    spec.kind
                );
                let schemars_required =
                    base["required"].as_array().is_some_and(|r| r.iter().any(|k| k == spec.key));
                let table_required = spec.invoke.is_required() && spec.rollback.is_required();
                assert_eq!(schemars_required, table_required, "required-ness of {}", spec.key);
            }
        }
    }

    /// Every `$ref` reachable from a generated property (directly, in `allOf`/`anyOf`, or in
    /// `items`), resolved to the allowed constants of the enum it names.
    fn generated_choices(base: &Value, property: &Value) -> Vec<String> {
        let text = property.to_string();
        let Some(start) = text.find("#/definitions/") else { return Vec::new() };
        let name: String = text[start + 14..].chars().take_while(|c| *c != '"').collect();
        base["definitions"][&name]["oneOf"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v["const"].as_str().map(str::to_owned))
            .collect()
    }

    #[test]
    fn allowed_values_match_the_typed_enums() {
        for template in Template::ALL {
            let base = typed_schema(template);
            for spec in template.params() {
                let from_types = generated_choices(&base, &base["properties"][spec.key]);
                let from_table: Vec<&str> = spec.choices.iter().map(|c| c.value).collect();
                assert_eq!(from_types, from_table, "allowed values of {template} {}", spec.key);
            }
        }
    }
}
