//! What a stopped update leaves behind, read from the group's live state: the processes it
//! suspended that are still suspended, and the instances it left in Standby. `cancel`, `status`
//! and `wait` print the same clean-up commands from here.

use rolling_update_core::api::ess::DescribeScalingGroups;
use rolling_update_core::api::oos::{Execution, TaskExecution};
use rolling_update_core::api::response::Status;
use rolling_update_core::cleanup::{Cleanup, cleanup};
use rolling_update_core::t;
use rolling_update_core::template::Key;
use serde_json::Value;

use super::fetch;
use crate::ctx::{Io, Session};

/// Reads the group of `execution` now and builds the clean-up; `None` when the execution names
/// no group.
pub(crate) fn read(
    s: &Session,
    io: &mut Io,
    execution: &Execution,
    tasks: &[TaskExecution],
) -> anyhow::Result<Option<Cleanup>> {
    let group = execution.parameters_object().and_then(|p| {
        p.get(Key::ScalingGroupId.as_str()).and_then(|g| g.as_str().map(str::to_owned))
    });
    let Some(group) = group else {
        return Ok(None);
    };
    let req = DescribeScalingGroups {
        region_id: s.region.clone(),
        scaling_group_ids: vec![group.clone()],
        ..DescribeScalingGroups::default()
    };
    let suspended = s
        .call(&req, io)?
        .scaling_groups
        .into_iter()
        .find(|g| g.scaling_group_id == group)
        .map(|g| g.suspended_processes);
    let standby = fetch::instances(s, io, &group, Some("Standby"))?;
    Ok(cleanup(&s.target, execution, tasks, &standby, suspended.as_deref()))
}

/// Prints the clean-up for people (nothing when there is nothing to run).
pub(crate) fn print(io: &mut Io, plan: &Cleanup) {
    let lang = crate::lang::current();
    if plan.commands.is_empty() {
        io.say(t!("cleanup.cli.nothing_left").render(lang));
        return;
    }
    io.say(t!("cleanup.cli.run").render(lang));
    for c in &plan.commands {
        io.say(format!("  {c}"));
    }
    for n in &plan.notes {
        io.say(t!("cleanup.cli.note", note: n.clone()).render(lang));
    }
}

/// After an update ended Failed or Cancelled: reads and prints the clean-up and adds it to
/// `json` as `cleanup`. A failure to read the group is a note, never a different exit code.
pub(crate) fn after_end(
    s: &Session,
    io: &mut Io,
    execution: &Execution,
    tasks: &[TaskExecution],
    mut json: Value,
) -> Value {
    if !matches!(execution.status, Status::Failed | Status::Cancelled) {
        return json;
    }
    match read(s, io, execution, tasks) {
        Ok(Some(plan)) => {
            print(io, &plan);
            if let (Value::Object(map), Ok(value)) = (&mut json, serde_json::to_value(&plan)) {
                map.insert("cleanup".into(), value);
            }
        }
        Ok(None) => {}
        Err(err) => {
            let cancel = rolling_update_core::command::plugin_command(
                "cancel",
                &execution.execution_id,
                &s.target,
            );
            let note = t!("cleanup.cli.unreadable", error = format!("{err:#}"), command = cancel);
            io.say(note.render(crate::lang::current()));
        }
    }
    json
}
