//! The JSON Schema of a whole update file (`--update-file`): `template` plus `parameters`,
//! checked by that template's own schema, which it embeds so that the file stands alone.
//!
//! Its own module because it reads both the template schemas and their snippets, which the
//! template schemas read in turn: the module graph stays one way.

use serde_json::{Map, Value, json};

use crate::schema::{DRAFT_07, schema};
use crate::schema_snippets::{UPDATE_FILE_ID, skeleton, snippet_description, snippet_label};
use crate::t;
use crate::template::{InvokeType, Template};

/// The schema of an update file: `template` (each short and full name), `parameters` checked
/// by that template's schema (embedded under `definitions`, so the file stands alone), and an
/// optional `region`.
pub fn update_file_schema() -> Value {
    let mut definitions = Map::new();
    let mut clauses = Vec::new();
    let mut names = Vec::new();
    let mut snippets = Vec::new();
    for template in Template::ALL {
        let mut embedded = schema(template);
        if let Some(object) = embedded.as_object_mut() {
            object.remove("$schema");
            object.remove("$id");
        }
        definitions.insert(template.short_name().to_owned(), embedded);
        for name in [template.short_name(), template.name()] {
            names.push(json!({ "const": name, "description": template.title() }));
        }
        clauses.push(json!({
            "if": {
                "properties": { "template": { "enum": [template.short_name(), template.name()] } },
                "required": ["template"],
            },
            "then": {
                "properties": {
                    "parameters": { "$ref": format!("#/definitions/{}", template.short_name()) },
                },
            },
        }));
        for mode in InvokeType::ALL {
            snippets.push(json!({
                "label": snippet_label(template, mode),
                "description": snippet_description(template, mode),
                "body": {
                    "template": template.short_name(),
                    "parameters": skeleton(template, mode, true),
                },
            }));
        }
    }
    json!({
        "$schema": DRAFT_07,
        "$id": UPDATE_FILE_ID,
        "title": t!("schema.update_file.title").to_string(),
        "description": t!("schema.update_file.description").to_string(),
        "type": "object",
        "required": ["template", "parameters"],
        "additionalProperties": false,
        "properties": {
            "$schema": { "type": "string", "description": t!("schema.update_file.schema_key").to_string() },
            "template": {
                "type": "string",
                "description": t!("schema.update_file.template").to_string(),
                "oneOf": names,
            },
            "region": {
                "type": "string",
                "pattern": "^[a-z0-9-]+$",
                "description": t!("schema.update_file.region").to_string(),
                "examples": ["cn-hangzhou"],
            },
            "parameters": {
                "type": "object",
                "description": t!("schema.update_file.parameters").to_string(),
            },
        },
        "allOf": clauses,
        "definitions": definitions,
        "defaultSnippets": snippets,
    })
}

/// The update file's schema as the committed file holds it.
pub fn update_file_schema_file() -> String {
    let text = serde_json::to_string_pretty(&update_file_schema()).unwrap_or_default();
    format!("{text}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_update_file_schema_names_every_template_both_ways() {
        let s = update_file_schema();
        let names = s["properties"]["template"]["oneOf"].as_array().map(Vec::len);
        assert_eq!(names, Some(2 * Template::ALL.len()));
        for template in Template::ALL {
            assert!(s["definitions"][template.short_name()]["properties"].is_object());
        }
        assert_eq!(s["allOf"].as_array().map(Vec::len), Some(Template::ALL.len()));
    }
}
