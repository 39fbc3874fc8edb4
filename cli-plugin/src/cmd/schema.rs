//! `schema`: print a template's JSON Schema.

use rolling_update_core::schema;

use crate::cli::SchemaArgs;
use crate::exit::Code;

pub(crate) fn run(args: &SchemaArgs) -> anyhow::Result<Code> {
    let template = super::template(&args.template)?;
    crate::output::text(schema::schema_file(template).trim_end())?;
    Ok(Code::Ok)
}
