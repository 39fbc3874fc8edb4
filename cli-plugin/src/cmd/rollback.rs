//! `rollback <execution-id>`: undo an earlier update with parameters derived from it.

use rolling_update_core::api::oos::Execution;
use rolling_update_core::i18n::Text;
use rolling_update_core::prepare::{self, Ask, Verb};
use rolling_update_core::rollback::{Overrides, derive, explain, newer_updates, refusal_text};
use rolling_update_core::t;
use rolling_update_core::template::{BatchPauseOption, InvokeType, Key};
use serde_json::{Value, json};

use super::start::Follow;
use super::{fetch, gate, start};
use crate::cli::{RollbackArgs, Unhealthy};
use crate::ctx::Ctx;
use crate::exit::{Code, rejected, usage};

/// Says `text` in the run's language.
fn say(io: &mut crate::ctx::Io, text: Text) {
    io.say(text.render(crate::lang::current()));
}

/// `rollback`: reads the source, has the core derive the rollback, refuse one that would undo
/// nothing and explain what it puts back, then prepares and launches it as `start` does.
pub(crate) fn run(ctx: &mut Ctx, args: &RollbackArgs) -> anyhow::Result<Code> {
    if args.gate.on_unhealthy == Some(Unhealthy::Rollback) {
        return Err(usage(t!("rollback.cli.no_gate_rollback")));
    }
    let gating = gate::plan(&args.gate)?;
    let follow = Follow::from_flags(args.wait, &args.wait_flags, gating.as_ref())?;
    let rollback_script = match (&args.rollback_script, &args.rollback_script_file) {
        (Some(s), _) => Some(s.clone()),
        (None, Some(path)) => Some(super::validate::without_bom(
            &path.display().to_string(),
            std::fs::read_to_string(path)
                .map_err(|e| usage(t!("error.cannot_read", name = path.display(), error = e)))?,
        )),
        (None, None) => None,
    };
    let overrides = Overrides {
        source_image_id: args.source_image_id.clone(),
        rollback_script,
        package_version: args.package_version.clone(),
        action: args.action,
        batch_number: args.batch_number,
        // A gated rollback pauses after every batch, as a gated start does, unless told.
        batch_pause_option: args.batch_pause_option.clone().or_else(|| {
            gating.as_ref().map(|_| BatchPauseOption::EveryBatchPause.as_str().to_owned())
        }),
    };
    let (s, io) = ctx.session()?;
    // Even a dry run reads the source: the parameters are derived from it.
    let source = fetch::execution(s, io, &args.execution_id)?;
    let (template, payload) = derive(&source, &overrides).map_err(|e| rejected(e.text()))?;
    let runs = t!("rollback.cli.runs", execution = args.execution_id, template = template.name());
    say(io, runs);
    io.say(serde_json::to_string_pretty(&Value::Object(payload.clone()))?);
    if let Some(refusal) = refusal_text(template, &source, &payload) {
        say(io, t!("start.refused", message: refusal.message.clone()));
        io.json(&json!({"started": false, "refusals": [refusal]}))?;
        return Ok(Code::Rejected);
    }
    let explained = explain(template, &source, &payload, &s.target);
    for line in &explained.puts_back {
        say(io, t!("rollback.cli.puts_back", line: line.clone()));
    }
    for line in &explained.cannot {
        say(io, t!("rollback.cli.does_not_put_back", line: line.clone()));
    }
    // The change id keeps a second, deliberate rollback of the same source distinct only when
    // the user says so; by default a repeated command reuses the first rollback.
    let ask = Ask {
        template,
        payload,
        verb: Verb::Rollback,
        gated: gating.is_some(),
        // Refused above: a rollback is not rolled back.
        gate_rolls_back: false,
        change_id: args.change_id.as_deref(),
        client_token: args.client_token.as_deref(),
    };
    let checked = prepare::check(&ask);
    if !start::said_checked(ctx, &checked)? {
        return Ok(Code::Rejected);
    }
    if ctx.dry_run {
        say(&mut ctx.io, t!("rollback.cli.dry_run"));
        let region = ctx.region()?;
        return start::dry_run(ctx, &region, &checked.request(&region));
    }
    if let Some(code) = start::earlier_run(ctx, template, &checked.token, follow)? {
        return Ok(code);
    }
    let Some(prepared) = start::preflight(ctx, &checked)? else {
        return Ok(Code::Rejected);
    };
    if let Some(g) = &gating
        && !gate::preflight_payload(ctx, g, &prepared.parameters)?
    {
        return Ok(Code::Rejected);
    }
    warn_newer_updates(ctx, &source)?;
    start::launch(ctx, &prepared, follow)
}

/// Warns when the group was updated again after `source`: the rollback puts back what `source`
/// replaced, so it undoes those later updates too.
fn warn_newer_updates(ctx: &mut Ctx, source: &Execution) -> anyhow::Result<()> {
    let (s, io) = ctx.session()?;
    let recent = fetch::recent(s, io, 200)?;
    for newer in newer_updates(source, &recent) {
        let invoke = newer
            .parameters_object()
            .and_then(|p| {
                p.get(Key::InvokeType.as_str()).and_then(Value::as_str).map(str::to_owned)
            })
            .unwrap_or_else(|| InvokeType::Invoke.as_str().to_owned());
        let warning = t!(
            "rollback.cli.newer_update",
            source = source.execution_id,
            newer = newer.execution_id,
            invoke = invoke,
            status = newer.status,
            started = newer.start_date.as_deref().unwrap_or("?"),
        );
        say(io, warning);
    }
    Ok(())
}
