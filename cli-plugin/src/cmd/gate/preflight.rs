//! The gates' pre-flight, tried once before a gated update starts (and before a gated `wait`
//! judges its first batch): the group's in-service instances and their private IPs, one run of
//! the check on all of them (`RU_BATCH=0`), and the alarm rules. The core
//! ([`rolling_update_core::gate::preflight::judge`]) decides what refuses; this only reads,
//! runs and prints.

use rolling_update_core::api::ErrorClass;
use rolling_update_core::gate::preflight::{self, Findings, GateRefusal, ReadFailure};
use rolling_update_core::gate::{GateContext, MAX_RULES_PER_CALL};
use rolling_update_core::t;
use rolling_update_core::template::LifecycleState;
use serde_json::{Map, Value, json};

use super::{Gating, context, look_up, read_alarms, run_check};
use crate::cmd::fetch;
use crate::ctx::{CallError, Ctx, Io, Session};

/// How a failed read is told to the core: a permission refusal is named as one.
fn failure(err: &anyhow::Error) -> ReadFailure {
    let permission_denied = matches!(
        err.downcast_ref::<CallError>(),
        Some(CallError::Api(e)) if e.class() == ErrorClass::Permission
    );
    ReadFailure { permission_denied, error: format!("{err:#}") }
}

/// Tries every gate once on the group of `context`; the refusals (empty: the gates may run).
fn try_gates(
    s: &Session,
    io: &mut Io,
    gating: &Gating,
    context: &GateContext,
) -> anyhow::Result<Vec<GateRefusal>> {
    let config = &gating.config;
    let group = &context.scaling_group_id;
    let instances = fetch::instances(s, io, group, Some(LifecycleState::InService.as_str()))?;
    let ids: Vec<String> = instances.into_iter().map(|i| i.instance_id).collect();
    let (addresses, ips) = if ids.is_empty() {
        (None, Vec::new())
    } else {
        match look_up(s, io, &ids) {
            Ok(ips) => (None, ips),
            Err(err) => (Some(failure(&err)), Vec::new()),
        }
    };
    // A check run without the addresses would fail for the wrong reason: it is not tried then.
    let lang = crate::lang::current();
    let check = (config.check && addresses.is_none()).then(|| {
        let trying = t!("gate.cli.preflight_trying", count = ids.len(), group = group);
        io.say(trying.render(lang));
        let env = preflight::env(context, &ids, &ips);
        let timeout = std::time::Duration::from_millis(config.check_timeout_ms);
        let mut say =
            |line: &str| io.say(t!("gate.cli.preflight_check_line", line = line).render(lang));
        run_check(&gating.command, std::env::vars_os(), &env, timeout, &mut say).result
    });
    let alarms = if config.alarms.is_empty() {
        Ok(Vec::new())
    } else {
        let chunks = config.alarms.chunks(MAX_RULES_PER_CALL).map(<[String]>::to_vec).collect();
        read_alarms(s, io, chunks).map_err(|e| failure(&e))
    };
    Ok(preflight::judge(config, &Findings { addresses, check, alarms }))
}

fn say_refusals(io: &mut Io, refusals: &[GateRefusal]) {
    let lang = crate::lang::current();
    for r in refusals {
        let line = t!("gate.cli.preflight_refused", message: r.message.clone());
        io.say(line.render(lang));
    }
}

/// The pre-flight of a gated `start` or `rollback`, on the group `payload` updates: false,
/// after printing the refusals and their JSON, when the update must not start.
pub(crate) fn preflight_payload(
    ctx: &mut Ctx,
    gating: &Gating,
    payload: &Map<String, Value>,
) -> anyhow::Result<bool> {
    let (s, io) = ctx.session()?;
    let context = context(payload, "", &s.region);
    let refusals = try_gates(s, io, gating, &context)?;
    let lang = crate::lang::current();
    if refusals.is_empty() {
        io.say(t!("gate.cli.preflight_ok").render(lang));
        return Ok(true);
    }
    say_refusals(io, &refusals);
    io.say(t!("gate.cli.not_started").render(lang));
    io.json(&json!({"started": false, "refusals": refusals}))?;
    Ok(false)
}

/// The pre-flight of a gated `wait` on the group of the running `id`: false, after printing the
/// refusals and their JSON, when it must not be gated (nothing was changed; it goes on).
pub(crate) fn preflight_running(ctx: &mut Ctx, id: &str, gating: &Gating) -> anyhow::Result<bool> {
    let (s, io) = ctx.session()?;
    let execution = fetch::execution(s, io, id)?;
    let context = context(&execution.parameters_object().unwrap_or_default(), id, &s.region);
    let refusals = try_gates(s, io, gating, &context)?;
    if refusals.is_empty() {
        return Ok(true);
    }
    say_refusals(io, &refusals);
    let line = t!("gate.cli.not_gating", id = id, status = execution.status);
    io.say(line.render(crate::lang::current()));
    io.json(&json!({"executionId": id, "gated": false, "status": execution.status, "refusals": refusals}))?;
    Ok(false)
}
