//! The JSON Schema of a whole update file (`--update-file`): `template` plus `parameters`,
//! checked by that template's own schema, which it embeds so that the file stands alone.
//!
//! Its own module because it reads both the template schemas and their snippets, which the
//! template schemas read in turn: the module graph stays one way.

use serde_json::{Map, Value, json};

use crate::i18n::{Lang, Text};
use crate::schema::{DRAFT_07, file_text, id_in, schema_in};
use crate::schema_snippets::{UPDATE_FILE_NAME, skeleton, snippet_description, snippet_label};
use crate::t;
use crate::template::{InvokeType, Template};

/// The schema of an update file: `template` (each short and full name), `parameters` checked
/// by that template's schema (embedded under `definitions`, so the file stands alone), and an
/// optional `region`; its texts in `lang`.
pub fn update_file_schema(lang: Lang) -> Value {
    let say = |text: Text| text.render(lang).into_owned();
    let mut definitions = Map::new();
    let mut clauses = Vec::new();
    let mut names = Vec::new();
    let mut snippets = Vec::new();
    for template in Template::ALL {
        let mut embedded = schema_in(template, lang);
        if let Some(object) = embedded.as_object_mut() {
            object.remove("$schema");
            object.remove("$id");
        }
        definitions.insert(template.short_name().to_owned(), embedded);
        for name in [template.short_name(), template.name()] {
            let title = Text::from_english("template.", template.title());
            names.push(json!({ "const": name, "description": say(title) }));
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
                "label": snippet_label(template, mode, lang),
                "description": snippet_description(template, mode, lang),
                "body": {
                    "template": template.short_name(),
                    "parameters": skeleton(template, mode, true, lang),
                },
            }));
        }
    }
    json!({
        "$schema": DRAFT_07,
        "$id": id_in(UPDATE_FILE_NAME, lang),
        "title": say(t!("schema.update_file.title")),
        "description": say(t!("schema.update_file.description")),
        "type": "object",
        "required": ["template", "parameters"],
        "additionalProperties": false,
        "properties": {
            "$schema": { "type": "string", "description": say(t!("schema.update_file.schema_key")) },
            "template": {
                "type": "string",
                "description": say(t!("schema.update_file.template")),
                "oneOf": names,
            },
            "region": {
                "type": "string",
                "pattern": "^[a-z0-9-]+$",
                "description": say(t!("schema.update_file.region")),
                "examples": ["cn-hangzhou"],
            },
            "parameters": {
                "type": "object",
                "description": say(t!("schema.update_file.parameters")),
            },
        },
        "allOf": clauses,
        "definitions": definitions,
        "defaultSnippets": snippets,
    })
}

/// The update file's schema in `lang` as the committed file holds it.
pub fn update_file_schema_file(lang: Lang) -> String {
    file_text(&update_file_schema(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_update_file_schema_names_every_template_both_ways() {
        let s = update_file_schema(Lang::En);
        let names = s["properties"]["template"]["oneOf"].as_array().map(Vec::len);
        assert_eq!(names, Some(2 * Template::ALL.len()));
        for template in Template::ALL {
            assert!(s["definitions"][template.short_name()]["properties"].is_object());
        }
        assert_eq!(s["allOf"].as_array().map(Vec::len), Some(Template::ALL.len()));
    }
}
