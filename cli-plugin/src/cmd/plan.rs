//! `plan`: the batch plan, offline from `--instances N` or live from the group's instances.

use rolling_update_core::params::BatchPauseOption;
use rolling_update_core::plan::{RULE, plan, plan_ids};
use rolling_update_core::preflight::lifecycle_states;
use rolling_update_core::template::Template;
use serde_json::Value;

use super::{fetch, render};
use crate::cli::PlanArgs;
use crate::ctx::Ctx;
use crate::exit::{Code, usage};

pub(crate) fn run(ctx: &mut Ctx, args: &PlanArgs) -> anyhow::Result<Code> {
    let payload = render::apply_flags(render::base_payload(&args.params)?, &args.params)?;
    let template = match &args.params.template {
        Some(name) => super::template(name)?,
        None => Template::Image,
    };
    let batch_number = match payload.get("batchNumber") {
        None => 5,
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (1..=100).contains(n))
            .ok_or_else(|| usage("--batch-number must be a whole number from 1 to 100"))?,
    };
    let pause: BatchPauseOption = match payload.get("batchPauseOption") {
        None => BatchPauseOption::Automatic,
        Some(v) => serde_json::from_value(v.clone()).map_err(|_| {
            usage("--batch-pause-option must be Automatic, FirstBatchPause or EveryBatchPause")
        })?,
    };
    let result = match (args.instances, payload.get("scalingGroupId").and_then(Value::as_str)) {
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
