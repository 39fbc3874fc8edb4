//! One module per verb (or group of small verbs); each takes the context and its flags and
//! returns the exit code. Verbs that call the API take an explicit [`Ctx`], so other verbs can
//! drive them in-process.

mod demo;
mod doctor;
mod fetch;
mod gate;
#[cfg(test)]
mod gate_tests;
#[cfg(test)]
mod in_process_tests;
mod leftovers;
mod ops;
mod plan;
pub(crate) mod refresh;
mod render;
mod rollback;
mod schema;
mod start;
mod validate;
mod wait;

use crate::cli::{Cli, Verb};
use crate::ctx::Ctx;
use crate::exit::Code;

/// Runs the verb, after checking the arguments that name things (before any call).
pub(crate) fn run(cli: Cli, ctx: &mut Ctx) -> anyhow::Result<Code> {
    check_arguments(&cli)?;
    if let Some(code) = refresh_verb(&cli, ctx)? {
        return Ok(code);
    }
    match cli.verb {
        Verb::Validate(args) => validate::run(&args),
        Verb::Schema(args) => schema::run(&args),
        Verb::Render(args) => render::run(&args, cli.host.region.as_deref()),
        Verb::Start(args) => start::run(ctx, &args),
        Verb::Rollback(args) => rollback::run(ctx, &args),
        Verb::Status(args) => ops::status(ctx, &args),
        Verb::Wait(args) => wait::run(ctx, &args),
        Verb::Approve(args) => ops::approve(ctx, &args),
        Verb::Cancel(args) => ops::cancel(ctx, &args),
        Verb::List(args) => ops::list(ctx, &args),
        Verb::Plan(args) => plan::run(ctx, &args),
        Verb::Doctor => doctor::run(ctx),
        Verb::Demo(args) => demo::run(&args),
        Verb::Version => {
            crate::output::text(&format!(
                "aliyun-cli-rolling-update {}",
                env!("CARGO_PKG_VERSION")
            ))?;
            Ok(Code::Ok)
        }
        Verb::Completion(args) => crate::completion::completion(args.shell),
        Verb::Man(args) => crate::completion::man(&args),
    }
}

/// `--template refresh` and `ir-...` ids go to the instance refresh's verbs; a refresh flag
/// with a template is refused. `None`: the verb is an OOS one.
fn refresh_verb(cli: &Cli, ctx: &mut Ctx) -> anyhow::Result<Option<Code>> {
    use rolling_update_core::refresh::{is_refresh, is_task_id};
    let named = |flags: &crate::cli::ParamFlags| flags.template.as_deref().is_some_and(is_refresh);
    let region = cli.host.region.as_deref();
    let code = match &cli.verb {
        Verb::Start(a) if named(&a.params) => refresh::start(ctx, a)?,
        Verb::Render(a) if named(&a.params) => refresh::render(a, region)?,
        Verb::Plan(a) if named(&a.params) => refresh::plan(ctx, a)?,
        Verb::Status(a) if is_task_id(&a.execution_id) => refresh::status(ctx, a)?,
        Verb::Wait(a) if is_task_id(&a.execution_id) => refresh::wait(ctx, a)?,
        Verb::Approve(a) if is_task_id(&a.execution_id) => refresh::approve(ctx, a)?,
        Verb::Cancel(a) if is_task_id(&a.execution_id) => refresh::cancel(ctx, a)?,
        Verb::Rollback(a) if is_task_id(&a.execution_id) => refresh::rollback(ctx, a)?,
        Verb::Start(a) => return refresh::flags::refuse_with_template(&a.params).map(|()| None),
        Verb::Render(a) => return refresh::flags::refuse_with_template(&a.params).map(|()| None),
        Verb::Plan(a) => return refresh::flags::refuse_with_template(&a.params).map(|()| None),
        _ => return Ok(None),
    };
    Ok(Some(code))
}

/// Refuses, with exit 2 and the flag named, a region, execution id, group id or `--cli-query`
/// expression that cannot be right, so that a typo never reaches the API (and a bad
/// `--cli-query` is not found only after `start` has started the update).
fn check_arguments(cli: &Cli) -> anyhow::Result<()> {
    use rolling_update_core::args::{check_execution_id, check_group_id, check_region};
    use rolling_update_core::template::Key;
    let bad = |e: rolling_update_core::args::BadArgument| crate::exit::usage(e.text());
    if let Some(region) = &cli.host.region {
        check_region("--region", region).map_err(bad)?;
    }
    if let Some(expr) = &cli.call.cli_query {
        crate::ctx::compile_query(expr)?;
    }
    let execution = match &cli.verb {
        Verb::Rollback(a) => Some(&a.execution_id),
        Verb::Status(a) => Some(&a.execution_id),
        Verb::Approve(a) | Verb::Cancel(a) => Some(&a.execution_id),
        Verb::Wait(a) => Some(&a.execution_id),
        _ => None,
    };
    if let Some(id) = execution {
        if rolling_update_core::refresh::is_task_id(id) {
            rolling_update_core::args::check_refresh_task_id("EXECUTION_ID", id).map_err(bad)?;
        } else {
            check_execution_id("EXECUTION_ID", id).map_err(bad)?;
        }
    }
    let group = match &cli.verb {
        Verb::Start(a) => a.params.value(Key::ScalingGroupId),
        Verb::Plan(a) => a.params.value(Key::ScalingGroupId),
        Verb::List(a) => a.scaling_group_id.as_deref(),
        _ => None,
    };
    if let Some(g) = group {
        check_group_id("--scaling-group-id", g).map_err(bad)?;
    }
    Ok(())
}

/// Parses a template name given on the command line (usage error when unknown).
pub(crate) fn template(name: &str) -> anyhow::Result<rolling_update_core::template::Template> {
    name.parse().map_err(|err: rolling_update_core::template::UnknownTemplate| {
        crate::exit::usage(err.text())
    })
}

/// Entry points for in-process callers (the `demo` verb): each runs one verb with an explicit
/// context, exactly as the command line would.
#[allow(dead_code, unused_imports)]
pub(crate) mod api {
    pub(crate) use super::ops::{approve, cancel, list, status};
    pub(crate) use super::plan::run as plan;
    pub(crate) use super::rollback::run as rollback;
    pub(crate) use super::start::run as start;
    pub(crate) use super::wait::{follow, run as wait};
}
