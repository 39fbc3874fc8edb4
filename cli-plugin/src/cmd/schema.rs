//! `schema`: print a template's JSON Schema.

use rolling_update_core::{schema, update_schema};

use crate::cli::SchemaArgs;
use crate::exit::Code;

pub(crate) fn run(args: &SchemaArgs) -> anyhow::Result<Code> {
    // `--template update-file`: the schema of a whole update file (`--update-file`).
    if args.template == "update-file" {
        crate::output::text(update_schema::update_file_schema_file().trim_end())?;
        return Ok(Code::Ok);
    }
    if rolling_update_core::refresh::is_refresh(&args.template) {
        let schema = rolling_update_core::refresh::schema::schema();
        crate::output::text(&serde_json::to_string_pretty(&schema)?)?;
        return Ok(Code::Ok);
    }
    let template = super::template(&args.template)?;
    crate::output::text(schema::schema_file(template).trim_end())?;
    Ok(Code::Ok)
}
