//! `status`, `approve`, `cancel` and `list`: one execution's state, and the calls that change
//! it.

use rolling_update_core::api::oos::{CancelExecution, ListExecutions, NotifyExecution, NotifyType};
use rolling_update_core::api::paging::Pages;
use std::time::{Duration, Instant};

use rolling_update_core::api::response::Status;
use rolling_update_core::command::plugin_command;
use rolling_update_core::gate::{ConfirmStep, Confirmation, GateConfig};
use rolling_update_core::status::{Detail, list_row, render, summarize};
use rolling_update_core::t;
use serde_json::json;

use super::{fetch, gate, leftovers, start};
use crate::cli::{ExecutionArgs, ListArgs, StatusArgs};
use crate::ctx::{CallError, Ctx, Io, Session};
use crate::exit::Code;

/// `status <execution-id>`.
pub(crate) fn status(ctx: &mut Ctx, args: &StatusArgs) -> anyhow::Result<Code> {
    let (s, io) = ctx.session()?;
    let id = &args.execution_id;
    let execution = fetch::execution(s, io, id)?;
    let tasks = fetch::tasks(s, io, id)?;
    let children = fetch::children(s, io, id)?;
    let summary = summarize(&s.target, &execution, &tasks, &children);
    let detail = if args.verbose { Detail::Every } else { Detail::Auto };
    for line in render(&summary, detail) {
        io.say(line.render(crate::lang::current()));
    }
    let json = leftovers::after_end(s, io, &execution, &tasks, serde_json::to_value(&summary)?);
    io.json(&json)?;
    Ok(Code::Ok)
}

/// `approve <execution-id>`: NotifyExecution Approve on the Waiting loop task, then the
/// confirmation that the execution left Waiting: exit 0 when it did, 5 (still paused; nothing
/// sent again) when it did not in time.
pub(crate) fn approve(ctx: &mut Ctx, args: &ExecutionArgs) -> anyhow::Result<Code> {
    let id = &args.execution_id;
    if ctx.dry_run {
        let region = ctx.region()?;
        ctx.io.say(t!("plugin.approve.dry_run").render(crate::lang::current()));
        let req = NotifyExecution::new(&region, id, NotifyType::Approve);
        return start::dry_run(ctx, &region, &req);
    }
    let (s, io) = ctx.session()?;
    let lang = crate::lang::current();
    let execution = fetch::execution(s, io, id)?;
    if execution.status != Status::Waiting {
        let line = t!("plugin.approve.not_waiting", id = id, status = execution.status);
        io.say(line.render(lang));
        io.json(&json!({"executionId": id, "approved": false, "status": execution.status}))?;
        return Ok(Code::Rejected);
    }
    let Some(task) = fetch::paused_task(s, io, id)? else {
        // Approving with no task would be a guess at what OOS continues: send nothing.
        let command = plugin_command("status", id, &s.target);
        io.say(t!("plugin.approve.no_waiting_task", id = id, command = command).render(lang));
        io.json(&json!({"executionId": id, "approved": false, "status": execution.status}))?;
        return Ok(Code::Rejected);
    };
    let mut req = NotifyExecution::new(&s.region, id, NotifyType::Approve);
    req.task_execution_id = Some(task.task_execution_id.clone());
    let response = s.call(&req, io)?;
    let confirmed = confirm(s, io, id, execution.counters.clone())?;
    let task_id = &task.task_execution_id;
    let mut result = json!({
        "executionId": id,
        "approved": true,
        "taskExecutionId": task_id,
        "requestId": response.request_id,
    });
    match confirmed {
        ConfirmStep::Confirmed { status } => {
            let line = t!("plugin.approve.confirmed", id = id, task = task_id, status = status);
            io.say(line.render(lang));
            result["confirmed"] = json!(true);
            result["status"] = json!(status);
            io.json(&result)?;
            Ok(Code::Ok)
        }
        step => {
            let waited = match step {
                ConfirmStep::Unconfirmed { waited_ms } => waited_ms / 1000,
                _ => 0,
            };
            let line = t!(
                "plugin.approve.unconfirmed",
                id = id,
                task = task_id,
                seconds = waited,
                command = plugin_command("status", id, &s.target)
            );
            io.say(line.render(lang));
            result["confirmed"] = json!(false);
            result["status"] = json!(Status::Waiting);
            io.json(&result)?;
            Ok(Code::Paused)
        }
    }
}

/// Re-reads `id` after an approval until it leaves Waiting or the confirmation's time is up
/// (the core's [`Confirmation`], paced as a gate's approval: every poll, for 12 polls).
fn confirm(
    s: &Session,
    io: &mut Io,
    id: &str,
    before: serde_json::Value,
) -> anyhow::Result<ConfirmStep> {
    let config = gate::paced(GateConfig::default(), s.poll.poll_ms);
    let clock = Instant::now();
    let now = || clock.elapsed().as_millis() as u64;
    let mut confirmation =
        Confirmation::new(now(), config.confirm_ms, config.confirm_poll_ms).with_baseline(before);
    loop {
        match confirmation.next(now()) {
            ConfirmStep::Read => match fetch::execution(s, io, id) {
                Ok(e) => confirmation.on_read(now(), &e.status, &e.counters),
                Err(err) if is_transient(&err) => confirmation.on_read_failed(now()),
                Err(err) => return Err(err),
            },
            ConfirmStep::Sleep { until_ms } => {
                let ms = until_ms.saturating_sub(now()).min(50);
                std::thread::sleep(Duration::from_millis(ms));
            }
            end => return Ok(end),
        }
    }
}

fn is_transient(err: &anyhow::Error) -> bool {
    err.downcast_ref::<CallError>().is_some_and(CallError::transient)
}

/// `cancel <execution-id>`: CancelExecution, then the commands that undo what OOS leaves.
pub(crate) fn cancel(ctx: &mut Ctx, args: &ExecutionArgs) -> anyhow::Result<Code> {
    let id = &args.execution_id;
    if ctx.dry_run {
        let region = ctx.region()?;
        let req = CancelExecution { region_id: region.clone(), execution_id: id.clone() };
        return start::dry_run(ctx, &region, &req);
    }
    let yes = ctx.yes;
    let (s, io) = ctx.session()?;
    let lang = crate::lang::current();
    let before = fetch::execution(s, io, id)?;
    if before.status.is_terminal() {
        io.say(t!("plugin.cancel.already_ended", id = id, status = before.status).render(lang));
    } else {
        let question = t!("plugin.cancel.confirm", id = id, status = before.status);
        if !io.confirm(&question.render(lang), yes)? {
            io.say(t!("plugin.cancel.not_cancelled").render(lang));
            return Ok(Code::Rejected);
        }
        let req = CancelExecution { region_id: s.region.clone(), execution_id: id.clone() };
        s.call(&req, io)?;
        io.say(t!("plugin.cancel.cancelled", id = id).render(lang));
    }
    let execution = fetch::execution(s, io, id)?;
    let tasks = fetch::tasks(s, io, id)?;
    let plan = leftovers::read(s, io, &execution, &tasks)?;
    if let Some(plan) = &plan {
        leftovers::print(io, plan);
    }
    io.json(&json!({
        "executionId": id,
        "status": execution.status,
        "cancelled": !before.status.is_terminal(),
        "cleanup": plan,
    }))?;
    Ok(Code::Ok)
}

/// `list`: recent rolling-update executions, newest first.
pub(crate) fn list(ctx: &mut Ctx, args: &ListArgs) -> anyhow::Result<Code> {
    let (s, io) = ctx.session()?;
    let limit = args.max_results.max(1);
    let mut req = ListExecutions {
        template_name: Some("ACS-ESS-RollingUpdate".into()),
        status: args.status.clone(),
        max_results: Some(50),
        ..ListExecutions::new(&s.region)
    };
    let mut rows = Vec::new();
    // At most 100 pages of 50 are read, however few of them are in the group asked for.
    let mut pages = Pages::new(5_000);
    loop {
        let page = s.call(&req, io)?;
        rows.extend(page.executions.iter().map(list_row).filter(|r| {
            args.scaling_group_id.as_ref().is_none_or(|g| r.scaling_group_id.as_ref() == Some(g))
        }));
        let more = pages.advance(page.next_token.as_deref(), page.executions.len());
        if rows.len() >= limit || !more {
            break;
        }
        req.next_token = pages.token().map(str::to_owned);
    }
    rows.truncate(limit);
    if let Some(group) = &args.scaling_group_id {
        // Refreshes of the group beside its rolling-update executions (ESS lists them by group).
        let refreshes = super::refresh::list_rows(s, io, group)?;
        for r in &refreshes {
            io.progress(format!(
                "{} {:9} instance-refresh {}",
                r["instanceRefreshTaskId"].as_str().unwrap_or(""),
                r["status"].as_str().unwrap_or(""),
                group
            ));
        }
        if !refreshes.is_empty() {
            let mut all = serde_json::to_value(&rows)?;
            if let Some(list) = all.as_array_mut() {
                list.extend(refreshes);
            }
            io.json(&all)?;
            return Ok(Code::Ok);
        }
    }
    for r in &rows {
        io.progress(format!(
            "{} {:9} {} {} {}",
            r.execution_id,
            r.status.as_str(),
            r.template.as_deref().unwrap_or("?"),
            r.invoke_type.as_deref().unwrap_or(""),
            r.scaling_group_id.as_deref().unwrap_or("")
        ));
    }
    io.json(&serde_json::to_value(&rows)?)?;
    Ok(Code::Ok)
}
