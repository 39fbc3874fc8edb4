//! `rollback <execution-id>`: undo an earlier update with parameters derived from it.

use rolling_update_core::api::oos::Execution;
use rolling_update_core::launch::{start_request, token_for};
use rolling_update_core::rollback::{Overrides, derive, newer_updates};
use serde_json::{Value, json};

use super::start::Follow;
use super::{fetch, gate, start};
use crate::cli::{RollbackArgs, Unhealthy};
use crate::ctx::Ctx;
use crate::exit::{Code, usage};

pub(crate) fn run(ctx: &mut Ctx, args: &RollbackArgs) -> anyhow::Result<Code> {
    if args.gate.on_unhealthy == Some(Unhealthy::Rollback) {
        return Err(usage(
            "--on-unhealthy rollback does not go with rollback: a rollback is not rolled back \
             (use pause or cancel)",
        ));
    }
    let gating = gate::plan(&args.gate)?;
    let follow = Follow::from_flags(args.wait, &args.wait_flags, gating.as_ref())?;
    let rollback_script = match (&args.rollback_script, &args.rollback_script_file) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(path)) => Some(super::validate::without_bom(
            &path.display().to_string(),
            std::fs::read_to_string(path)
                .map_err(|e| usage(format!("cannot read {}: {e}", path.display())))?,
        )),
        (None, None) => None,
    };
    let overrides = Overrides {
        source_image_id: args.source_image_id.clone(),
        rollback_script,
        package_version: args.package_version.clone(),
        batch_number: args.batch_number,
        // A gated rollback pauses after every batch, as a gated start does, unless told.
        batch_pause_option: args
            .batch_pause_option
            .clone()
            .or_else(|| gating.as_ref().map(|_| "EveryBatchPause".to_owned())),
    };
    let (s, io) = ctx.session()?;
    // Even a dry run reads the source: the parameters are derived from it.
    let source = fetch::execution(s, io, &args.execution_id)?;
    let (template, payload) = derive(&source, &overrides)?;
    io.say(format!("rollback of {} runs {} with:", args.execution_id, template.name()));
    io.say(serde_json::to_string_pretty(&Value::Object(payload.clone()))?);
    if !start::check(ctx, template, &payload) || !start::within_limits(ctx, template, &payload)? {
        return Ok(Code::Rejected);
    }
    // The change id keeps a second, deliberate rollback of the same source distinct only when
    // the user says so; by default a repeated command reuses the first rollback.
    let change = args.change_id.clone();
    if ctx.dry_run {
        ctx.io.say(
            "dry run: only the source execution was read (to derive the parameters); the group \
             is not checked and nothing is started",
        );
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
    let token = token_for(template, &payload, change.as_deref(), args.client_token.as_deref());
    if let Some(code) = start::earlier_run(ctx, template, &token, follow)? {
        return Ok(code);
    }
    if start::preflight(ctx, template, &payload, true)?.is_none() {
        return Ok(Code::Rejected);
    }
    if let Some(g) = &gating
        && !gate::preflight_payload(ctx, g, &payload)?
    {
        return Ok(Code::Rejected);
    }
    warn_newer_updates(ctx, &source)?;
    start::launch(ctx, template, &payload, change.as_deref(), &token, &json!([]), follow)
}

/// Warns when the group was updated again after `source`: the rollback puts back what `source`
/// replaced, so it undoes those later updates too.
fn warn_newer_updates(ctx: &mut Ctx, source: &Execution) -> anyhow::Result<()> {
    let (s, io) = ctx.session()?;
    let recent = fetch::recent(s, io, 200)?;
    for newer in newer_updates(source, &recent) {
        let invoke = newer
            .parameters_object()
            .and_then(|p| p.get("invokeType").and_then(Value::as_str).map(str::to_owned))
            .unwrap_or_else(|| "invoke".to_owned());
        io.say(format!(
            "warning: the group was updated after {}: {} ({invoke}, {}, started {}); this \
             rollback puts back what {} replaced and so undoes that later update as well",
            source.execution_id,
            newer.execution_id,
            newer.status,
            newer.start_date.as_deref().unwrap_or("?"),
            source.execution_id,
        ));
    }
    Ok(())
}
