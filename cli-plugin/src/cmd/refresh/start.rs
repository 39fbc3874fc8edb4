//! `start`, `render` and `plan` with `--template refresh`.

use rolling_update_core::api::ess::DescribeScalingGroups;
use rolling_update_core::command::Target;
use rolling_update_core::refresh::plan::plan as plan_refresh;
use rolling_update_core::refresh::preflight::{RefreshFacts, check, describe};
use rolling_update_core::refresh::request::{client_token, start_request};
use rolling_update_core::refresh::table::keys::SCALING_GROUP_ID as GROUP_KEY;
use rolling_update_core::refresh::validate::{RefreshValidation, validate};
use rolling_update_core::refresh::{RefreshParams, render as core_render};
use rolling_update_core::t;
use serde_json::{Value, json};

use super::{flags, follow, say, tasks_of};
use crate::cli::{PlanArgs, RenderArgs, StartArgs};
use crate::cmd::fetch;
use crate::ctx::{Ctx, Io};
use crate::exit::{Code, usage};

/// Validates, printing every finding; the typed parameters, or the exit code of a refusal.
fn checked(io: &mut Io, payload: &Value) -> anyhow::Result<Result<RefreshParams, Code>> {
    let RefreshValidation { findings, params } = validate(payload);
    for finding in &findings {
        io.say(finding.localized(crate::lang::current()));
    }
    match params {
        Some(params) => Ok(Ok(params)),
        None => {
            io.json(&json!({"valid": false, "template": rolling_update_core::refresh::NAME, "findings": findings}))?;
            Ok(Err(Code::Rejected))
        }
    }
}

/// `start --template refresh`.
pub(crate) fn start(ctx: &mut Ctx, args: &StartArgs) -> anyhow::Result<Code> {
    // A gated refresh holds every checkpoint itself (the gate resumes it when healthy).
    let payload = flags::payload(&args.params)?;
    let params = match checked(&mut ctx.io, &payload)? {
        Ok(params) => params,
        Err(code) => return Ok(code),
    };
    let token = match &args.client_token {
        Some(token) => token.clone(),
        None => client_token(&payload, args.change_id.as_deref()),
    };
    if ctx.dry_run {
        let region = ctx.region()?;
        let req = start_request(&region, &params, &token);
        return crate::cmd::start::dry_run(ctx, &region, &req);
    }
    let gating = crate::cmd::gate::plan(&args.gate)?;
    let yes = ctx.yes;
    let (s, io) = ctx.session()?;
    let facts = facts(s, io, &params.scaling_group_id)?;
    let preflight = check(&params, &facts);
    for refusal in &preflight.refusals {
        let message = refusal.message.clone();
        say(io, t!("plugin.refresh.refused", code = refusal.code, message: message));
    }
    if !preflight.ok() {
        io.json(&json!({"started": false, "refusals": preflight.refusals}))?;
        return Ok(Code::Rejected);
    }
    show_preflight(io, &preflight);
    let replaced = preflight.to_replace.len();
    let question = t!("refresh.cli.confirm", group = params.scaling_group_id, count = replaced)
        .render(crate::lang::current())
        .into_owned();
    if !io.confirm(&question, yes)? {
        say(io, t!("refresh.cli.not_started"));
        return Ok(Code::Rejected);
    }
    let req = start_request(&s.region, &params, &token);
    let response = s.call(&req, io)?;
    let id = response.instance_refresh_task_id.clone();
    let target = s.target.clone();
    say(io, t!("refresh.cli.started", task = id, group = params.scaling_group_id));
    for line in follow_ups(&id, &params.scaling_group_id, &target) {
        io.say(format!("  {line}"));
    }
    let started = json!({
        "started": true,
        "instanceRefreshTaskId": id,
        (GROUP_KEY): params.scaling_group_id,
        "clientToken": token,
        "requestId": response.request_id,
        "toReplace": preflight.to_replace,
        "skipped": preflight.skipped,
        "warnings": preflight.warnings,
    });
    let wants_follow = args.wait || args.hold_at_checkpoints || gating.is_some();
    if !wants_follow {
        io.json(&started)?;
        return Ok(Code::Ok);
    }
    let step = rolling_update_core::refresh::plan::gate_step(&params, replaced);
    let how = follow::How {
        group: params.scaling_group_id.clone(),
        id,
        hold: args.hold_at_checkpoints,
        through_pauses: args.wait_flags.through_pauses,
        timeout: args.wait_flags.timeout.clone(),
        step,
        can_roll_back: params.desired.can_roll_back(),
    };
    follow::run(ctx, &how, gating.as_ref(), Some(started))
}

fn show_preflight(
    io: &mut Io,
    preflight: &rolling_update_core::refresh::preflight::RefreshPreflight,
) {
    say(
        io,
        t!(
            "refresh.cli.to_replace",
            count = preflight.to_replace.len(),
            ids = preflight.to_replace.join(", ")
        ),
    );
    for skipped in &preflight.skipped {
        let reason = describe(skipped.reason).render(crate::lang::current()).into_owned();
        say(io, t!("refresh.cli.skipped", instance = skipped.instance_id, reason = reason));
    }
    for warning in &preflight.warnings {
        say(io, t!("start.warning", warning: warning.clone()));
    }
}

/// The commands that follow, approve, cancel and roll back the task.
pub(crate) fn follow_ups(id: &str, group: &str, target: &Target) -> Vec<String> {
    ["status", "wait", "approve", "cancel", "rollback"]
        .iter()
        .map(|verb| {
            format!(
                "{} --scaling-group-id {group}",
                rolling_update_core::command::plugin_command(verb, id, target)
            )
        })
        .collect()
}

/// What the pre-flight needs: the group, its instances and its refresh tasks.
fn facts(s: &crate::ctx::Session, io: &mut Io, group: &str) -> anyhow::Result<RefreshFacts> {
    let req = DescribeScalingGroups {
        region_id: s.region.clone(),
        scaling_group_ids: vec![group.to_owned()],
        ..DescribeScalingGroups::default()
    };
    let found = s.call(&req, io)?.scaling_groups.into_iter().find(|g| g.scaling_group_id == group);
    if found.is_none() {
        return Ok(RefreshFacts::default());
    }
    let instances = fetch::instances(s, io, group, None)?;
    let refreshes = tasks_of(s, io, group)?;
    Ok(RefreshFacts { group: found, instances, refreshes })
}

/// `render --template refresh`: `aliyun ess StartInstanceRefresh ...`, or with --plugin this
/// plugin's own command.
pub(crate) fn render(args: &RenderArgs, region: Option<&str>) -> anyhow::Result<Code> {
    if args.from_command.is_some() || args.parameters_out.is_some() {
        return Err(usage(t!("refresh.cli.render_flags")));
    }
    let payload = flags::payload(&args.params)?;
    let mut io = Io::stdio(None);
    let params = match checked(&mut io, &payload)? {
        Ok(params) => params,
        Err(code) => return Ok(code),
    };
    let shell = args.shell.into();
    let text = if args.plugin {
        core_render::render_plugin(&payload, region, shell)
    } else {
        core_render::render(&params, region, shell)
    };
    crate::output::text(&text)?;
    Ok(Code::Ok)
}

/// `plan --template refresh`: offline from `--instances N`, or from the group's instances
/// that the refresh would replace.
pub(crate) fn plan(ctx: &mut Ctx, args: &PlanArgs) -> anyhow::Result<Code> {
    let payload = flags::payload(&args.params)?;
    let params = match checked(&mut ctx.io, &payload)? {
        Ok(params) => params,
        Err(code) => return Ok(code),
    };
    let (count, skipped) = match args.instances {
        Some(n) => (n, Vec::new()),
        None => {
            let (s, io) = ctx.session()?;
            let facts = facts(s, io, &params.scaling_group_id)?;
            let preflight = check(&params, &facts);
            (preflight.to_replace.len(), preflight.skipped)
        }
    };
    let plan = plan_refresh(&params, count);
    let io = &mut ctx.io;
    say(
        io,
        t!(
            "refresh.cli.plan_batches",
            count = count,
            batches = plan.batches.len(),
            per = plan.per_batch
        ),
    );
    say(io, t!("refresh.cli.plan_capacity", surge = plan.surge, out = plan.out_of_service));
    for checkpoint in &plan.checkpoints {
        say(
            io,
            t!(
                "refresh.cli.plan_checkpoint",
                percentage = checkpoint.percentage,
                after = checkpoint.after_instances
            ),
        );
    }
    say(io, t!("plugin.refresh.note", note: plan.assumption.clone()));
    let mut value = serde_json::to_value(&plan)?;
    if let Some(object) = value.as_object_mut() {
        object.insert("template".into(), rolling_update_core::refresh::NAME.into());
        object.insert("skipped".into(), serde_json::to_value(&skipped)?);
    }
    io.json(&value)?;
    Ok(Code::Ok)
}
