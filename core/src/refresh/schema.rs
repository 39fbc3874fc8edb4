//! The draft-07 JSON Schema of a refresh payload, from [`super::table`] (committed as
//! `schemas/instance-refresh.schema.json`). Every error of [`super::validate`] that depends on
//! one value alone is an error of this schema too; the rules across values (one desired kind,
//! Min <= Max, checkpoint order) are the validation's own and are written into the
//! descriptions.

use serde_json::{Map, Value, json};

use super::table::{REFRESH_PARAMS, RefreshDefault, RefreshKind, RefreshParam};
use super::{NAME, SHORT_NAME};
use crate::i18n::Lang;
use crate::t;

/// The schema, with English descriptions.
pub fn schema() -> Value {
    schema_in(Lang::En)
}

/// The schema, its descriptions in `lang`.
pub fn schema_in(lang: Lang) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "$schema".into(),
        json!({"type": "string", "description": lang.get("refresh.schema.dollar_schema")}),
    );
    for spec in &REFRESH_PARAMS {
        properties.insert(spec.key.into(), property(spec, lang));
    }
    let required: Vec<&str> = REFRESH_PARAMS.iter().filter(|p| p.required).map(|p| p.key).collect();
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": crate::schema::id_in(NAME, lang),
        "title": NAME,
        "description": t!("refresh.schema.description", short = SHORT_NAME).render(lang),
        "type": "object",
        "required": required,
        "properties": properties,
        "additionalProperties": false,
    })
}

fn id_pattern(spec: &RefreshParam) -> String {
    match spec.prefix {
        Some(prefix) => format!("^{}[^\\s*]+$", regex_escape(prefix)),
        None => "^[^\\s*]+$".to_owned(),
    }
}

fn regex_escape(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_string() } else { format!("\\{c}") })
        .collect()
}

fn property(spec: &RefreshParam, lang: Lang) -> Value {
    let mut out = Map::new();
    out.insert("description".into(), lang.get(spec.help).into());
    let range = |out: &mut Map<String, Value>| {
        if let Some((min, max)) = spec.range {
            out.insert("minimum".into(), min.into());
            out.insert("maximum".into(), max.into());
        }
    };
    match spec.kind {
        RefreshKind::String => {
            out.insert("type".into(), "string".into());
            out.insert("pattern".into(), id_pattern(spec).into());
        }
        RefreshKind::Integer => {
            out.insert("type".into(), "integer".into());
            range(&mut out);
        }
        RefreshKind::Boolean => {
            out.insert("type".into(), "boolean".into());
        }
        RefreshKind::IntegerList => {
            let mut item = Map::new();
            item.insert("type".into(), "integer".into());
            range(&mut item);
            out.insert("type".into(), "array".into());
            out.insert("minItems".into(), 1.into());
            out.insert("items".into(), item.into());
        }
        RefreshKind::StringList => {
            out.insert("type".into(), "array".into());
            out.insert("uniqueItems".into(), true.into());
            out.insert("items".into(), json!({"type": "string", "pattern": id_pattern(spec)}));
        }
    }
    match spec.default {
        Some(RefreshDefault::Integer(n)) => out.insert("default".into(), n.into()),
        Some(RefreshDefault::Boolean(b)) => out.insert("default".into(), b.into()),
        None => None,
    };
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_follows_the_table() {
        let s = schema();
        assert_eq!(s["required"], json!(["scalingGroupId"]));
        assert_eq!(s["properties"]["checkpointPauseTime"]["maximum"], 2880);
        assert_eq!(s["properties"]["maxHealthyPercentage"]["default"], 120);
        assert_eq!(s["properties"]["checkpoints"]["items"]["minimum"], 1);
        assert_eq!(s["properties"]["scalingGroupId"]["pattern"], "^asg\\-[^\\s*]+$");
    }
}
