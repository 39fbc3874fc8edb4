//! One module per verb; each takes its parsed flags and returns the exit code.

mod render;
mod schema;
mod validate;

use crate::cli::{Cli, Verb};
use crate::exit::Code;

/// Runs the verb.
pub(crate) fn run(cli: Cli) -> anyhow::Result<Code> {
    match cli.verb {
        Verb::Validate(args) => validate::run(&args),
        Verb::Schema(args) => schema::run(&args),
        Verb::Render(args) => render::run(&args, cli.host.region.as_deref()),
        Verb::Version => {
            crate::output::text(&format!(
                "aliyun-cli-rolling-update {}",
                env!("CARGO_PKG_VERSION")
            ))?;
            Ok(Code::Ok)
        }
    }
}

/// Parses a template name given on the command line (usage error when unknown).
pub(crate) fn template(name: &str) -> anyhow::Result<rolling_update_core::template::Template> {
    name.parse().map_err(|err: rolling_update_core::template::UnknownTemplate| {
        crate::exit::usage(err.to_string())
    })
}
