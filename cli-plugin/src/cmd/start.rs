//! `start`: validate, check the group, fill in what can be looked up, and start the update
//! once (a deterministic ClientToken), then print the rollback command; `--wait` follows it. With
//! a gate the gates are tried first, the update pauses after every batch unless told otherwise,
//! and the plugin follows it and approves each healthy batch itself.

use rolling_update_core::api::ApiRequest;
use rolling_update_core::api::oos::{Execution, StartExecution};
use rolling_update_core::command::{aliyun_command_at, plugin_command};
use rolling_update_core::launch::{Earlier, earlier, start_request, token_for};
use rolling_update_core::preflight;
use rolling_update_core::template::Template;
use rolling_update_core::validate::validate;
use serde_json::{Map, Value, json};

use super::gate::{self, Gating};
use super::{fetch, render};
use crate::cli::{StartArgs, WaitFlags};
use crate::ctx::Ctx;
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

/// Makes a gated update pause after every batch, so that no batch runs before the previous one
/// passed its gate, unless the parameters already name a `batchPauseOption` (the flag or the
/// parameters file): then that wins, and a warning says what is not held.
pub(crate) fn pause_for_gates(ctx: &mut Ctx, payload: &mut Map<String, Value>) {
    match payload.get("batchPauseOption").and_then(Value::as_str) {
        None => {
            payload.insert("batchPauseOption".into(), "EveryBatchPause".into());
            ctx.io.say(
                "gated: batchPauseOption EveryBatchPause (each batch waits for its gate; the \
                 plugin follows the update and approves each healthy batch itself)",
            );
        }
        Some("EveryBatchPause") => {}
        Some(other) => ctx.io.say(format!(
            "warning: gated with batchPauseOption {other}: the batches that follow without a \
             pause run before their gate, which can then only stop, cancel or roll back the \
             update, not hold the next batch"
        )),
    }
}

pub(crate) fn run(ctx: &mut Ctx, args: &StartArgs) -> anyhow::Result<Code> {
    let Some(name) = &args.params.template else {
        return Err(usage("start needs --template (image, command or package)"));
    };
    let template = super::template(name)?;
    let gating = gate::plan(&args.gate)?;
    let follow = Follow::from_flags(args.wait, &args.wait_flags, gating.as_ref())?;
    let mut payload = render::default_invoke_type(render::apply_flags(
        render::base_payload(&args.params)?,
        &args.params,
    )?);
    if gating.is_some() {
        pause_for_gates(ctx, &mut payload);
    }
    if !check(ctx, template, &payload) || !within_limits(ctx, template, &payload)? {
        return Ok(Code::Rejected);
    }
    if ctx.dry_run {
        ctx.io.say(
            "dry run: no call is made, so the group is not checked, the image fields are not \
             filled in and the gates are not tried",
        );
        let region = ctx.region()?;
        let req = start_request(
            &region,
            template,
            &payload,
            args.change_id.as_deref(),
            args.client_token.as_deref(),
        );
        return dry_run(ctx, &region, &req);
    }

    let token =
        token_for(template, &payload, args.change_id.as_deref(), args.client_token.as_deref());
    if let Some(code) = earlier_run(ctx, template, &token, follow)? {
        return Ok(code);
    }
    let Some(checked) = preflight(ctx, template, &payload, false)? else {
        return Ok(Code::Rejected);
    };
    let payload = checked.parameters.clone();
    if let Some(g) = &gating
        && !gate::preflight_payload(ctx, g, &payload)?
    {
        return Ok(Code::Rejected);
    }
    let filled = checked.filled.clone();
    launch(ctx, template, &payload, args.change_id.as_deref(), &token, &json!(filled), follow)
}

/// Reads the group and runs the core's pre-flight on `payload` (the rollback variant when
/// `rollback`): prints what it filled in, its warnings and refusals; `None` (after printing the
/// refusal JSON) when it refuses.
pub(crate) fn preflight(
    ctx: &mut Ctx,
    template: Template,
    payload: &Map<String, Value>,
    rollback: bool,
) -> anyhow::Result<Option<preflight::Preflight>> {
    let group =
        payload.get("scalingGroupId").and_then(Value::as_str).unwrap_or_default().to_owned();
    let wanted_config =
        payload.get("scalingConfigurationId").and_then(Value::as_str).map(str::to_owned);
    let (s, io) = ctx.session()?;
    let facts = fetch::facts(s, io, &group, wanted_config.as_deref())?;
    let checked = if rollback {
        preflight::check_rollback(template, payload, &facts)
    } else {
        preflight::check(template, payload, &facts)
    };
    for f in &checked.filled {
        io.say(format!("filled in {} = {}: {}", f.key, f.value, f.reason));
    }
    for w in &checked.warnings {
        io.say(format!("warning: {w}"));
    }
    for r in &checked.refusals {
        io.say(format!("refused: {}", r.message));
    }
    if !checked.ok() {
        io.json(
            &json!({"started": false, "refusals": checked.refusals, "warnings": checked.warnings}),
        )?;
        return Ok(None);
    }
    Ok(Some(checked))
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
                    io.say(format!("already started: following {execution_id} ({status})"));
                    io.say(serde_json::to_string(&result)?);
                    super::wait::follow(ctx, &execution_id, flags)
                }
                Follow::Gated(gating) => {
                    io.say(format!("already started: gating {execution_id} ({status})"));
                    io.say(serde_json::to_string(&result)?);
                    gate::gate_running(ctx, &execution_id, gating)
                }
                Follow::No => {
                    io.say(format!(
                        "already started: {execution_id} ({status}) is this update; follow it: \
                         {wait_command}"
                    ));
                    io.json(&result)?;
                    Ok(Code::Ok)
                }
            }
        }
        Earlier::Ended { execution_id, message } => {
            io.say(format!("refused: {message}"));
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

/// Validates and prints the findings; false when any is an error.
pub(crate) fn check(ctx: &mut Ctx, template: Template, payload: &Map<String, Value>) -> bool {
    let checked = validate(template, &Value::Object(payload.clone()));
    for finding in &checked.findings {
        ctx.io.say(finding.to_string());
    }
    !checked.has_errors()
}

/// Checks the documented service limits (core `limits`): prints warnings; false, after
/// printing the refusal JSON, when a value would certainly fail.
pub(crate) fn within_limits(
    ctx: &mut Ctx,
    template: Template,
    payload: &Map<String, Value>,
) -> anyhow::Result<bool> {
    let found = rolling_update_core::limits::check(template, payload);
    for e in &found {
        ctx.io.say(format!("{}: {}", if e.refuse { "refused" } else { "warning" }, e.message));
    }
    let refusals: Vec<Value> = found
        .iter()
        .filter(|e| e.refuse)
        .map(|e| json!({"code": "over_limit", "message": e.message}))
        .collect();
    if refusals.is_empty() {
        return Ok(true);
    }
    ctx.io.json(&json!({"started": false, "refusals": refusals}))?;
    Ok(false)
}

/// Prints what a dry run would send: the request (no signature: nothing is signed) and the
/// equivalent `aliyun` command.
pub(crate) fn dry_run<R: ApiRequest>(ctx: &mut Ctx, region: &str, req: &R) -> anyhow::Result<Code> {
    let call = req.to_call();
    let endpoint = ctx.endpoint_text(call.product, region)?;
    let params: Map<String, Value> =
        call.params.iter().map(|(k, v)| (k.clone(), Value::from(v.as_str()))).collect();
    let command = aliyun_command_at(&call, &ctx.target(region));
    ctx.io.say(format!("would run: {command}"));
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
    template: Template,
    payload: &Map<String, Value>,
    change_id: Option<&str>,
    token: &str,
    filled: &Value,
    follow: Follow<'_>,
) -> anyhow::Result<Code> {
    let yes = ctx.yes;
    let (s, io) = ctx.session()?;
    let req: StartExecution = start_request(&s.region, template, payload, change_id, Some(token));
    let invoke = payload.get("invokeType").and_then(Value::as_str).unwrap_or("invoke");
    let group = payload.get("scalingGroupId").and_then(Value::as_str).unwrap_or_default();
    let question =
        if invoke == "rollback" { "Start this rollback?" } else { "Start this rolling update?" };
    // A rollback has already shown what will run (rollback::run); show it once.
    if io.interactive && !yes && invoke != "rollback" {
        io.say(format!("{} ({invoke}) on {group} in {}:", template.name(), s.region));
        io.say(serde_json::to_string_pretty(&Value::Object(payload.clone()))?);
    }
    if !io.confirm(question, yes)? {
        io.say("not started");
        return Ok(Code::Rejected);
    }
    let response = s.call(&req, io)?;
    if response.execution.status.is_terminal() {
        // A new execution is never already over: OOS returned the one this token started.
        return reattach(ctx, &response.execution, follow);
    }
    let id = response.execution.execution_id.clone();
    let rollback = (invoke != "rollback").then(|| plugin_command("rollback", &id, &s.target));
    io.say(format!("started {id} ({})", response.execution.status));
    if let Some(cmd) = &rollback {
        io.say(format!("to roll it back: {cmd}"));
    }
    io.say(format!("to follow it: {}", plugin_command("wait", &id, &s.target)));
    let result = json!({
        "executionId": id,
        "status": response.execution.status,
        "templateName": template.name(),
        "clientToken": req.client_token,
        "parameters": payload,
        "filled": filled,
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
            io.say(format!(
                "gating {id} (a gate implies --wait): each finished batch is judged, and \
                 approved when healthy"
            ));
            gate::follow_gated(ctx, &id, gating)
        }
        Follow::No => {
            io.json(&result)?;
            Ok(Code::Ok)
        }
    }
}
