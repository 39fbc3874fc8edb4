//! `status`, `approve`, `cancel` and `rollback` of an `ir-...` task, and the refresh rows of
//! `list`.

use rolling_update_core::api::refresh::{
    CancelInstanceRefresh, DescribeScalingActivities, InstanceRefreshTask, ResumeInstanceRefresh,
    RollbackInstanceRefresh,
};
use rolling_update_core::refresh::status::RefreshStatus;
use rolling_update_core::refresh::table::keys::SCALING_GROUP_ID as GROUP_KEY;
use rolling_update_core::t;
use serde_json::{Value, json};

use super::{group_of, read_task, say, tasks_of};
use crate::cli::{ExecutionArgs, RollbackArgs, StatusArgs};
use crate::ctx::{Ctx, Io, Session};
use crate::exit::{Code, usage};

fn status_of(task: &InstanceRefreshTask) -> RefreshStatus {
    RefreshStatus::parse(task.status.as_deref().unwrap_or(""))
}

/// `status ir-...`: the task, its progress and Detail, and its per-instance activities.
pub(crate) fn status(ctx: &mut Ctx, args: &StatusArgs) -> anyhow::Result<Code> {
    let id = &args.execution_id;
    let group = group_of(id, args.refresh_group.as_ref())?;
    let (s, io) = ctx.session()?;
    let task = read_task(s, io, &group, id)?;
    let req = DescribeScalingActivities {
        region_id: s.region.clone(),
        scaling_group_id: group.clone(),
        instance_refresh_task_id: Some(id.clone()),
        page_size: Some(50),
        ..DescribeScalingActivities::default()
    };
    let activities = s.call(&req, io)?.scaling_activities;
    let status = task.status.clone().unwrap_or_default();
    let done = task.finished_update_capacity.unwrap_or(0);
    let total = task.total_need_update_capacity.unwrap_or(0);
    say(
        io,
        t!(
            "refresh.cli.status",
            task = id,
            group = group,
            status = status,
            done = done,
            total = total
        ),
    );
    if let Some(detail) = task.detail.as_deref().filter(|d| !d.is_empty()) {
        say(io, t!("refresh.cli.detail", detail = detail));
    }
    for activity in &activities {
        let created = activity.created_instances.join(",");
        let released = activity.destroyed_instances.join(",");
        let code = activity.status_code.clone().unwrap_or_default();
        say(io, t!("refresh.cli.activity", status = code, created = created, released = released));
    }
    let value = json!({
        "instanceRefreshTaskId": id,
        (GROUP_KEY): group,
        "task": task,
        "activities": activities,
    });
    io.json(&value)?;
    Ok(Code::Ok)
}

/// Sends one control call of the task after checking its state allows it.
fn control(
    s: &Session,
    io: &mut Io,
    task: &InstanceRefreshTask,
    allowed: bool,
    refusal: rolling_update_core::i18n::Text,
) -> anyhow::Result<Option<Code>> {
    if allowed {
        return Ok(None);
    }
    io.say(refusal.render(crate::lang::current()));
    io.json(&json!({"instanceRefreshTaskId": task.instance_refresh_task_id, "done": false, "status": task.status}))?;
    let _ = s;
    Ok(Some(Code::Rejected))
}

/// `approve ir-...`: resumes a task held (Paused) or at a checkpoint (CheckpointPause).
pub(crate) fn approve(ctx: &mut Ctx, args: &ExecutionArgs) -> anyhow::Result<Code> {
    let id = &args.execution_id;
    let group = group_of(id, args.refresh_group.as_ref())?;
    let (s, io) = ctx.session()?;
    let task = read_task(s, io, &group, id)?;
    let status = status_of(&task);
    let refusal = t!("refresh.cli.not_paused", task = id, status = status.as_str());
    if let Some(code) = control(s, io, &task, status.can_resume(), refusal)? {
        return Ok(code);
    }
    let req = ResumeInstanceRefresh {
        region_id: s.region.clone(),
        scaling_group_id: group,
        instance_refresh_task_id: id.clone(),
    };
    let response = s.call(&req, io)?;
    say(io, t!("refresh.cli.resumed", task = id));
    io.json(
        &json!({"instanceRefreshTaskId": id, "approved": true, "requestId": response.request_id}),
    )?;
    Ok(Code::Ok)
}

/// `cancel ir-...`: CancelInstanceRefresh; the instances already replaced stay.
pub(crate) fn cancel(ctx: &mut Ctx, args: &ExecutionArgs) -> anyhow::Result<Code> {
    let id = &args.execution_id;
    let group = group_of(id, args.refresh_group.as_ref())?;
    let yes = ctx.yes;
    let (s, io) = ctx.session()?;
    let task = read_task(s, io, &group, id)?;
    let status = status_of(&task);
    let refusal = t!("refresh.cli.cannot_cancel", task = id, status = status.as_str());
    if let Some(code) = control(s, io, &task, status.can_cancel(), refusal)? {
        return Ok(code);
    }
    let question =
        t!("refresh.cli.confirm_cancel", task = id).render(crate::lang::current()).into_owned();
    if !io.confirm(&question, yes)? {
        return Ok(Code::Rejected);
    }
    let req = CancelInstanceRefresh {
        region_id: s.region.clone(),
        scaling_group_id: group,
        instance_refresh_task_id: id.clone(),
    };
    let response = s.call(&req, io)?;
    say(io, t!("refresh.cli.cancelled", task = id));
    io.json(
        &json!({"instanceRefreshTaskId": id, "cancelled": true, "requestId": response.request_id}),
    )?;
    Ok(Code::Ok)
}

/// Why ESS cannot roll the task back, if it cannot: its state, or a launch template given as
/// Default or Latest (not pinned, so there is no version to go back to).
fn rollback_refusal(task: &InstanceRefreshTask) -> Option<rolling_update_core::i18n::Text> {
    let id = &task.instance_refresh_task_id;
    let status = status_of(task);
    if !status.can_roll_back() {
        return Some(t!("refresh.cli.cannot_roll_back_state", task = id, status = status.as_str()));
    }
    let desired = task.desired_configuration.as_ref()?;
    let version = desired.launch_template_version.as_deref();
    let pinned = version.is_some_and(|v| v != "Default" && v != "Latest");
    if desired.launch_template_id.is_some() && !pinned {
        let version = version.unwrap_or("none");
        return Some(t!("refresh.cli.cannot_roll_back_version", task = id, version = version));
    }
    None
}

/// `rollback ir-...`: RollbackInstanceRefresh, refused with the reason where ESS cannot.
pub(crate) fn rollback(ctx: &mut Ctx, args: &RollbackArgs) -> anyhow::Result<Code> {
    let id = &args.execution_id;
    let group = group_of(id, args.refresh_group.as_ref())?;
    if args.source_image_id.is_some()
        || args.package_version.is_some()
        || args.batch_number.is_some()
    {
        return Err(usage(t!("refresh.cli.rollback_flags")));
    }
    let yes = ctx.yes;
    let (s, io) = ctx.session()?;
    let task = read_task(s, io, &group, id)?;
    if let Some(refusal) = rollback_refusal(&task) {
        control(s, io, &task, false, refusal)?;
        return Ok(Code::Rejected);
    }
    let question =
        t!("refresh.cli.confirm_rollback", task = id).render(crate::lang::current()).into_owned();
    if !io.confirm(&question, yes)? {
        return Ok(Code::Rejected);
    }
    let req = RollbackInstanceRefresh {
        region_id: s.region.clone(),
        scaling_group_id: group.clone(),
        instance_refresh_task_id: id.clone(),
    };
    let response = s.call(&req, io)?;
    say(io, t!("refresh.cli.rolling_back", task = id));
    let started =
        json!({"instanceRefreshTaskId": id, "rollback": true, "requestId": response.request_id});
    if !args.wait {
        io.json(&started)?;
        return Ok(Code::Ok);
    }
    let how = super::follow::How {
        group,
        id: id.clone(),
        hold: false,
        through_pauses: true,
        timeout: args.wait_flags.timeout.clone(),
        step: 1,
        can_roll_back: false,
    };
    let code = super::follow::run(ctx, &how, None, Some(started))?;
    // A rollback that succeeded ends RollbackSuccessful, which `wait` reads as 4: for the
    // rollback verb that is its success.
    Ok(if code == Code::Cancelled { Code::Ok } else { code })
}

/// The refresh tasks of `group` as rows of `list`.
pub(crate) fn list_rows(s: &Session, io: &mut Io, group: &str) -> anyhow::Result<Vec<Value>> {
    let tasks = tasks_of(s, io, group)?;
    Ok(tasks
        .iter()
        .map(|task| {
            json!({
                "kind": "instanceRefresh",
                "instanceRefreshTaskId": task.instance_refresh_task_id,
                (GROUP_KEY): group,
                "status": task.status,
                "finishedUpdateCapacity": task.finished_update_capacity,
                "totalNeedUpdateCapacity": task.total_need_update_capacity,
                "startTime": task.start_time,
                "endTime": task.end_time,
            })
        })
        .collect())
}
