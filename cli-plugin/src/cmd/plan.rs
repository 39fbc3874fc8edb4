//! `plan`: the batch plan, offline from `--instances N` or live from the group's instances.

use rolling_update_core::plan::{plan, plan_ids, settings};
use rolling_update_core::plan_view::bars;
use rolling_update_core::preflight::lifecycle_states;
use rolling_update_core::t;
use rolling_update_core::template::{Key, Template};
use serde_json::Value;

use super::{fetch, render};
use crate::cli::PlanArgs;
use crate::ctx::Ctx;
use crate::exit::{Code, usage};

/// The width of a batch's bar, in cells.
const BAR_WIDTH: usize = 30;

pub(crate) fn run(ctx: &mut Ctx, args: &PlanArgs) -> anyhow::Result<Code> {
    let payload = render::payload(&args.params, None)?;
    let template = match &args.params.template {
        Some(name) => super::template(name)?,
        None => Template::Image,
    };
    let (batch_number, pause) = settings(&payload).map_err(|err| usage(err.text()))?;
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
            return Err(usage(rolling_update_core::t!("error.plan_needs_input")));
        }
    };
    let lang = crate::lang::current();
    if crate::progress::display().live {
        // On a terminal, the picture the page draws: one bar per batch, and the pauses.
        for line in bars(&result, BAR_WIDTH) {
            ctx.io.say(line.render(lang));
        }
    } else {
        for b in &result.batches {
            let percent = format!("{:.0}", b.out_of_service_percent);
            let (number, instances) = (b.number, b.instances);
            let line = if b.pause_after {
                t!("plan.batch_pause", number = number, instances = instances, percent = percent)
            } else {
                t!("plan.batch", number = number, instances = instances, percent = percent)
            };
            ctx.io.say(line.render(lang));
        }
    }
    for w in &result.warnings {
        ctx.io.say(t!("plan.warning", warning: w.clone()).render(lang));
    }
    ctx.io.say(t!("plan.note", note: result.rule.clone()).render(lang));
    ctx.io.json(&serde_json::to_value(&result)?)?;
    Ok(Code::Ok)
}
