//! `rollback <execution-id>`: undo an earlier update with parameters derived from it.

use rolling_update_core::launch::start_request;
use rolling_update_core::rollback::{Overrides, derive};
use serde_json::{Value, json};

use super::{fetch, start};
use crate::cli::RollbackArgs;
use crate::ctx::Ctx;
use crate::exit::{Code, usage};

pub(crate) fn run(ctx: &mut Ctx, args: &RollbackArgs) -> anyhow::Result<Code> {
    let rollback_script = match (&args.rollback_script, &args.rollback_script_file) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(path)) => Some(
            std::fs::read_to_string(path)
                .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?,
        ),
        (None, None) => None,
    };
    let overrides = Overrides {
        source_image_id: args.source_image_id.clone(),
        rollback_script,
        package_version: args.package_version.clone(),
        batch_number: args.batch_number,
        batch_pause_option: args.batch_pause_option.clone(),
    };
    let (s, io) = ctx.session()?;
    let source = fetch::execution(s, io, &args.execution_id)?;
    let (template, payload) = derive(&source, &overrides)?;
    io.say(format!("rollback of {} runs {} with:", args.execution_id, template.name()));
    io.say(serde_json::to_string_pretty(&Value::Object(payload.clone()))?);
    if !start::check(ctx, template, &payload) {
        return Ok(Code::Rejected);
    }
    // The change id keeps a second, deliberate rollback of the same source distinct only when
    // the user says so; by default a repeated command reuses the first rollback.
    let change = args.change_id.clone();
    if ctx.dry_run {
        let region = ctx.region()?;
        let req = start_request(
            &region,
            template,
            &payload,
            change.as_deref(),
            args.client_token.as_deref(),
        );
        return start::dry_run(ctx, &region, &req);
    }
    start::launch(
        ctx,
        template,
        &payload,
        change.as_deref(),
        args.client_token.as_deref(),
        &json!([]),
        args.wait.then_some(&args.wait_flags),
    )
}
