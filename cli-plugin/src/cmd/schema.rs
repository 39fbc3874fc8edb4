//! `schema`: print a template's JSON Schema.
//!
//! Its descriptions are in English unless `--language` names another language: a schema is a
//! file people commit, so the locale of the machine that printed it must not change it.

use rolling_update_core::{refresh, schema, update_schema};

use crate::cli::SchemaArgs;
use crate::exit::Code;

pub(crate) fn run(args: &SchemaArgs) -> anyhow::Result<Code> {
    let lang = crate::lang::from_flag().unwrap_or_default();
    let file = if args.template == "update-file" {
        // The schema of a whole update file (`--update-file`).
        update_schema::update_file_schema_file(lang)
    } else if refresh::is_refresh(&args.template) {
        schema::file_text(&refresh::schema::schema_in(lang))
    } else {
        schema::schema_file(super::template(&args.template)?, lang)
    };
    crate::output::text(file.trim_end())?;
    Ok(Code::Ok)
}
