//! `start`: validate, check the group, fill in what can be looked up, and start the update
//! once (a deterministic ClientToken), then print the rollback command; `--wait` follows it. With
//! a gate the gates are tried first, the update pauses after every batch unless told otherwise,
//! and the plugin follows it and approves each healthy batch itself.

use rolling_update_core::api::ApiRequest;
use rolling_update_core::api::oos::{Execution, StartExecution};
use rolling_update_core::command::{aliyun_command_at, plugin_command};
use rolling_update_core::confirm;
use rolling_update_core::gate::OnUnhealthy;
use rolling_update_core::i18n::Text;
use rolling_update_core::launch::{Earlier, earlier};
use rolling_update_core::preflight::{Filled, Refusal};
use rolling_update_core::prepare::{self, Ask, Checked, Prepared, Verb};
use rolling_update_core::t;
use rolling_update_core::template::{InvokeType, Key, Template};
use serde_json::{Map, Value, json};

use super::gate::{self, Gating};
use super::{fetch, render};
use crate::cli::{StartArgs, WaitFlags};
use crate::ctx::{Ctx, Io};
use crate::exit::{Code, usage};

/// How a verb that starts an update goes on once it is started.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Follow<'a> {
    /// It prints the execution and exits.
    No,
    /// `--wait`: as `wait` does.
    Wait(&'a WaitFlags),
    /// A gate: the gated follow, approving each healthy batch.
    Gated(&'a Gating),
}

impl<'a> Follow<'a> {
    /// From the verb's flags: a gate implies following (and refuses `--through-pauses` and
    /// `--timeout`, which a gated follow cannot honour).
    pub(crate) fn from_flags(
        wait: bool,
        flags: &'a WaitFlags,
        gating: Option<&'a Gating>,
    ) -> anyhow::Result<Follow<'a>> {
        match gating {
            Some(g) => {
                gate::refuse_wait_flags(flags)?;
                Ok(Follow::Gated(g))
            }
            None if wait => Ok(Follow::Wait(flags)),
            None => Ok(Follow::No),
        }
    }
}

/// `start`: builds the payload (the core's one payload builder), has the core's prepare step
/// judge it alone and then against the group it reads, prints what that found, and launches.
pub(crate) fn run(ctx: &mut Ctx, args: &StartArgs) -> anyhow::Result<Code> {
    if args.hold_at_checkpoints {
        return Err(usage(rolling_update_core::t!("error.start.hold_needs_refresh")));
    }
    let (template, payload) = match &args.update_file {
        Some(path) => {
            let update = render::read_update_file(path)?;
            ctx.default_region(update.region);
            (update.template, render::payload_with(&args.params, None, Some(update.file))?)
        }
        None => {
            let Some(name) = &args.params.template else {
                let names: Vec<&str> = Template::ALL.iter().map(|t| t.short_name()).collect();
                let text =
                    rolling_update_core::t!("error.start.no_template", names = names.join(", "));
                return Err(usage(text));
            };
            (super::template(name)?, render::payload(&args.params, None)?)
        }
    };
    let gating = gate::plan(&args.gate)?;
    let follow = Follow::from_flags(args.wait, &args.wait_flags, gating.as_ref())?;
    let ask = Ask {
        template,
        payload,
        verb: Verb::Start,
        gated: gating.is_some(),
        gate_rolls_back: gating
            .as_ref()
            .is_some_and(|g| g.config.on_unhealthy == OnUnhealthy::Rollback),
        change_id: args.change_id.as_deref(),
        client_token: args.client_token.as_deref(),
    };
    let checked = prepare::check(&ask);
    if !said_checked(ctx, &checked)? {
        return Ok(Code::Rejected);
    }
    if ctx.dry_run {
        ctx.io.say(t!("plugin.start.dry_run").render(crate::lang::current()));
        let region = ctx.region()?;
        return dry_run(ctx, &region, &checked.request(&region));
    }
    if let Some(code) = earlier_run(ctx, template, &checked.token, follow)? {
        return Ok(code);
    }
    let Some(prepared) = preflight(ctx, &checked)? else {
        return Ok(Code::Rejected);
    };
    if let Some(g) = &gating
        && !gate::preflight_payload(ctx, g, &prepared.parameters)?
    {
        return Ok(Code::Rejected);
    }
    launch(ctx, &prepared, follow)
}

/// Prints what [`prepare::check`] found: its notes, the validation's findings, the limits'
/// warnings and refusals and what it filled in; false, after printing the refusal JSON, when
/// the payload may not go on.
pub(crate) fn said_checked(ctx: &mut Ctx, checked: &Checked) -> anyhow::Result<bool> {
    let io = &mut ctx.io;
    for note in &checked.notes {
        io.say(note.render(crate::lang::current()));
    }
    let lang = crate::lang::current();
    for line in render::finding_lines(checked.template, &checked.findings, lang) {
        io.say(line);
    }
    if checked.has_errors() {
        return Ok(false);
    }
    say_outcome(io, &checked.filled, &checked.warnings, &checked.refusals);
    if !checked.ok() {
        refused(io, &checked.refusals, &checked.warnings)?;
        return Ok(false);
    }
    Ok(true)
}

/// Reads what the pre-flight needs (the group, its configuration, the updates in progress)
/// and judges `checked` against it: prints what it filled in, its warnings and refusals;
/// `None` (after printing the refusal JSON) when it refuses.
pub(crate) fn preflight(ctx: &mut Ctx, checked: &Checked) -> anyhow::Result<Option<Prepared>> {
    let (s, io) = ctx.session()?;
    let facts = fetch::facts(s, io, checked.group_id(), checked.configuration_id())?;
    let prepared = checked.against(&facts);
    // What the check filled in without the group was said already.
    let from_group = &prepared.filled[checked.filled.len()..];
    say_outcome(io, from_group, &prepared.warnings, &prepared.refusals);
    if !prepared.ok() {
        refused(io, &prepared.refusals, &prepared.warnings)?;
        return Ok(None);
    }
    Ok(Some(prepared))
}

fn say_outcome(io: &mut Io, filled: &[Filled], warnings: &[Text], refusals: &[Refusal<Text>]) {
    use rolling_update_core::t;
    let lang = crate::lang::current();
    for f in filled {
        let line = t!("start.filled_in", key = f.key, value = f.value, reason: f.reason.clone());
        io.say(line.render(lang));
    }
    for w in warnings {
        io.say(t!("start.warning", warning: w.clone()).render(lang));
    }
    for r in refusals {
        io.say(t!("start.refused", message: r.message.clone()).render(lang));
    }
}

fn refused(io: &mut Io, refusals: &[Refusal<Text>], warnings: &[Text]) -> anyhow::Result<()> {
    io.json(&json!({"started": false, "refusals": refusals, "warnings": warnings}))
}

/// Looks up the execution `token` already started (its tag). Running or waiting: says so and
/// follows it with `--wait` (exit as `wait`) or gated (the gates tried first, exit as a gated
/// `wait`), or prints it (exit 0). Ended: refuses (exit 1), naming it and its end. `None` when
/// the token started nothing yet.
pub(crate) fn earlier_run(
    ctx: &mut Ctx,
    template: Template,
    token: &str,
    follow: Follow<'_>,
) -> anyhow::Result<Option<Code>> {
    let (s, io) = ctx.session()?;
    let Some(found) = fetch::by_client_token(s, io, template, token)? else {
        return Ok(None);
    };
    reattach(ctx, &found, follow).map(Some)
}

/// Acts on an execution this start's ClientToken had already started (see [`earlier_run`]).
fn reattach(ctx: &mut Ctx, found: &Execution, follow: Follow<'_>) -> anyhow::Result<Code> {
    let (s, io) = ctx.session()?;
    let lang = crate::lang::current();
    match earlier(found) {
        Earlier::Follow { execution_id, status } => {
            let wait_command = plugin_command("wait", &execution_id, &s.target);
            let result = json!({
                "executionId": execution_id,
                "status": status,
                "alreadyStarted": true,
            });
            match follow {
                Follow::Wait(flags) => {
                    let line =
                        t!("plugin.start.already_following", id = execution_id, status = status);
                    io.say(line.render(lang));
                    io.say(serde_json::to_string(&result)?);
                    super::wait::follow(ctx, &execution_id, flags)
                }
                Follow::Gated(gating) => {
                    let line =
                        t!("plugin.start.already_gating", id = execution_id, status = status);
                    io.say(line.render(lang));
                    io.say(serde_json::to_string(&result)?);
                    gate::gate_running(ctx, &execution_id, gating)
                }
                Follow::No => {
                    let line = t!(
                        "plugin.start.already_started",
                        id = execution_id,
                        status = status,
                        command = wait_command
                    );
                    io.say(line.render(lang));
                    io.json(&result)?;
                    Ok(Code::Ok)
                }
            }
        }
        Earlier::Ended { execution_id, message } => {
            io.say(t!("start.refused", message: message.clone()).render(lang));
            io.json(&json!({
                "started": false,
                "executionId": execution_id,
                "status": found.status,
                "endDate": found.end_date,
                "refusals": [{"code": "already_ran", "message": message}],
            }))?;
            Ok(Code::Rejected)
        }
    }
}

/// Prints what a dry run would send: the request (no signature: nothing is signed) and the
/// equivalent `aliyun` command.
pub(crate) fn dry_run<R: ApiRequest>(ctx: &mut Ctx, region: &str, req: &R) -> anyhow::Result<Code> {
    let call = req.to_call();
    let endpoint = ctx.endpoint_text(call.product, region)?;
    let params: Map<String, Value> =
        call.params.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect();
    let command = aliyun_command_at(&call, &ctx.target(region));
    let line = t!("plugin.dry_run.would_run", command = command);
    ctx.io.say(line.render(crate::lang::current()));
    ctx.io.json(&json!({
        "dryRun": true,
        "endpoint": endpoint,
        "action": call.action,
        "version": call.product.version(),
        "parameters": params,
        "command": command,
    }))?;
    Ok(Code::Ok)
}

/// Confirms, sends StartExecution, prints the id and the rollback command, and follows it when
/// asked (gated: at once, the gates having been tried before). When OOS answers with an
/// execution that already existed (the token was used before the look-up could see it), says so
/// instead of "started".
pub(crate) fn launch(
    ctx: &mut Ctx,
    prepared: &Prepared,
    follow: Follow<'_>,
) -> anyhow::Result<Code> {
    let yes = ctx.yes;
    let (s, io) = ctx.session()?;
    let template = prepared.template;
    let payload = &prepared.parameters;
    let req: StartExecution = prepared.request(&s.region);
    let invoke = payload.get(Key::InvokeType.as_str()).and_then(Value::as_str);
    let rolling_back = invoke == Some(InvokeType::Rollback.as_str());
    let lang = crate::lang::current();
    let question = if rolling_back {
        t!("plugin.start.confirm_rollback")
    } else {
        t!("plugin.start.confirm_update")
    };
    // Before asking, the plan a person can check: what changes, the batches and the share out
    // of service in each, the pauses, the processes suspended (the core's summary).
    if io.interactive && !yes {
        let lines = confirm::summary(template, payload, prepared.selected_instances, &s.region);
        for line in lines {
            io.say(line.render(lang));
        }
    }
    if !io.confirm(&question.render(lang), yes)? {
        io.say(t!("plugin.start.not_started").render(lang));
        return Ok(Code::Rejected);
    }
    let response = s.call(&req, io)?;
    if response.execution.status.is_terminal() {
        // A new execution is never already over: OOS returned the one this token started.
        return reattach(ctx, &response.execution, follow);
    }
    let id = response.execution.execution_id.clone();
    let rollback = (!rolling_back).then(|| plugin_command("rollback", &id, &s.target));
    let status = &response.execution.status;
    io.say(t!("plugin.start.started", id = id, status = status).render(lang));
    if let Some(cmd) = &rollback {
        io.say(t!("plugin.start.roll_back_with", command = cmd).render(lang));
    }
    let follow_command = plugin_command("wait", &id, &s.target);
    io.say(t!("plugin.start.follow_with", command = follow_command).render(lang));
    let result = json!({
        "executionId": id,
        "status": response.execution.status,
        "templateName": template.name(),
        "clientToken": req.client_token,
        "parameters": payload,
        "filled": prepared.filled,
        "rollbackCommand": rollback,
        "requestId": response.request_id,
    });
    match follow {
        Follow::Wait(flags) => {
            io.say(serde_json::to_string(&result)?);
            super::wait::follow(ctx, &id, flags)
        }
        Follow::Gated(gating) => {
            io.say(serde_json::to_string(&result)?);
            io.say(t!("plugin.start.gating", id = id).render(lang));
            gate::follow_gated(ctx, &id, gating)
        }
        Follow::No => {
            io.json(&result)?;
            Ok(Code::Ok)
        }
    }
}
