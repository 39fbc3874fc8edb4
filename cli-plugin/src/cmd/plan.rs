//! `plan`: the batch plan, offline from `--instances N` or live from the group's instances.

use rolling_update_core::plan::{RULE, plan, plan_ids, settings};
use rolling_update_core::preflight::lifecycle_states;
use rolling_update_core::template::{Key, Template};
use serde_json::Value;

use super::{fetch, render};
use crate::cli::PlanArgs;
use crate::ctx::Ctx;
use crate::exit::{Code, usage};

pub(crate) fn run(ctx: &mut Ctx, args: &PlanArgs) -> anyhow::Result<Code> {
    let payload = render::payload(&args.params, None)?;
    let template = match &args.params.template {
        Some(name) => super::template(name)?,
        None => Template::Image,
    };
    let (batch_number, pause) = settings(&payload).map_err(|err| usage(err.to_string()))?;
    let group = payload.get(Key::ScalingGroupId.as_str()).and_then(Value::as_str);
    let result = match (args.instances, group) {
        (Some(n), _) => plan(n, batch_number, pause),
        (None, Some(group)) => {
            let states = lifecycle_states(template, &payload);
            let group = group.to_owned();
            let (s, io) = ctx.session()?;
            let ids: Vec<String> = fetch::instances(s, io, &group, None)?
                .into_iter()
                .filter(|i| {
                    i.lifecycle_state.as_deref().is_some_and(|st| states.iter().any(|w| w == st))
                })
                .map(|i| i.instance_id)
                .collect();
            plan_ids(&ids, batch_number, pause)
        }
        (None, None) => {
            return Err(usage("plan needs --instances N (offline) or --scaling-group-id (live)"));
        }
    };
    for b in &result.batches {
        ctx.io.say(format!(
            "batch {}: {} instance(s), {:.0}% out of service{}",
            b.number,
            b.instances,
            b.out_of_service_percent,
            if b.pause_after { ", then pause for approval" } else { "" }
        ));
    }
    for w in &result.warnings {
        ctx.io.say(format!("warning: {w}"));
    }
    ctx.io.say(format!("note: {RULE}"));
    ctx.io.json(&serde_json::to_value(&result)?)?;
    Ok(Code::Ok)
}
