//! `wait`: follow an execution with the core's waiter until it ends, pauses or times out.

use std::time::{Duration, Instant};

use rolling_update_core::api::oos::{Execution, TaskExecution};
use rolling_update_core::api::response::Status;
use rolling_update_core::command::plugin_command;
use rolling_update_core::duration::{format_duration, parse_duration};
use rolling_update_core::status::summarize;
use rolling_update_core::waiter::{Call, Event, Waiter};

use super::fetch;
use crate::cli::{WaitArgs, WaitFlags};
use crate::ctx::Ctx;
use crate::exit::{Code, usage};

pub(crate) fn run(ctx: &mut Ctx, args: &WaitArgs) -> anyhow::Result<Code> {
    follow(ctx, &args.execution_id, &args.wait)
}

/// Follows `id` to its end. Exit codes: 0 success, 3 failed, 4 cancelled, 5 paused (unless
/// `--through-pauses`), 6 `--timeout` reached, 130 Ctrl-C.
pub(crate) fn follow(ctx: &mut Ctx, id: &str, flags: &WaitFlags) -> anyhow::Result<Code> {
    let timeout = match &flags.timeout {
        Some(text) => Some(parse_duration(text).map_err(|e| usage(e.to_string()))?),
        None => None,
    };
    let (s, io) = ctx.session()?;
    let started = Instant::now();
    let elapsed_ms = || started.elapsed().as_millis() as u64;
    let mut waiter = Waiter::with_config(s.poll, 0);
    let mut execution: Option<Execution> = None;
    let mut tasks: Vec<TaskExecution> = Vec::new();
    let resume = plugin_command("wait", id, &s.target);
    guard_interrupt_and_retries(s, id, &resume, timeout);
    loop {
        let Some(at) = waiter.next_poll_at(elapsed_ms()) else {
            return Ok(Code::Ok);
        };
        // Sleep in short steps so that Ctrl-C and the timeout are noticed promptly.
        loop {
            if s.is_interrupted() {
                io.say(format!(
                    "Stopped following {id}; the update goes on. Resume with: {resume}"
                ));
                return Ok(Code::Interrupted);
            }
            if let Some(limit) = timeout
                && started.elapsed() >= limit
            {
                io.say(format!(
                    "Timed out after {} following {id}; the update goes on. Resume with: {resume}",
                    format_duration(limit)
                ));
                let last = waiter.status().map(Status::to_string).unwrap_or_default();
                io.json(&serde_json::json!({"executionId": id, "status": last, "timedOut": true}))?;
                return Ok(Code::Timeout);
            }
            let now = elapsed_ms();
            if now >= at {
                break;
            }
            std::thread::sleep(Duration::from_millis((at - now).min(50)));
        }
        // One call per poll, chosen by the waiter: the budget is one call per 5 s on average.
        let call = waiter.next_call();
        let outcome = match call {
            Call::Execution => fetch::execution(s, io, id).map(|e| {
                let events = waiter.observe_execution(elapsed_ms(), &e);
                execution = Some(e);
                events
            }),
            Call::Tasks => fetch::tasks(s, io, id).map(|t| {
                let events = waiter.observe_tasks_only(elapsed_ms(), &t);
                tasks = t;
                events
            }),
        };
        let events = match outcome {
            Ok(events) => events,
            Err(err) if is_transient(&err) => {
                io.progress(format!("poll failed, will retry: {err:#}"));
                waiter.on_transient_error(elapsed_ms());
                continue;
            }
            Err(err) => return Err(err),
        };
        for event in &events {
            io.progress(describe(event));
        }
        let Some(execution) = execution.as_ref().filter(|_| call == Call::Execution) else {
            continue;
        };
        let finished = match execution.status {
            Status::Success => Some(Code::Ok),
            Status::Failed => Some(Code::Failed),
            Status::Cancelled => Some(Code::Cancelled),
            _ => None,
        };
        let paused = execution.status == Status::Waiting && !flags.through_pauses;
        if finished.is_some() || paused {
            // The last task list may be a poll old: read it once more for the summary unless
            // it already shows every task settled (the usual case: its change is what sent the
            // waiter to read the execution).
            let settled =
                |t: &TaskExecution| t.status.is_finished_task() || t.status == Status::Waiting;
            if (tasks.is_empty() || !tasks.iter().all(settled))
                && let Ok(fresh) = fetch::tasks(s, io, id)
            {
                tasks = fresh;
            }
            let summary = summarize(&s.target, execution, &tasks, &[]);
            io.say(format!("{id} {}", execution.status));
            // Name what failed even without a terminal (no progress lines were shown then).
            for f in &summary.failures {
                let who = f.instance_id.as_deref().unwrap_or(&f.task);
                io.say(format!("  failed: {who}: {}", f.message));
            }
            for step in &summary.next {
                io.say(format!("  next: {step}"));
            }
            let json = super::leftovers::after_end(
                s,
                io,
                execution,
                &tasks,
                serde_json::to_value(&summary)?,
            );
            io.json(&json)?;
            return Ok(finished.unwrap_or(Code::Paused));
        }
    }
}

/// Ctrl-C while following prints how to resume; no wait between retries outlasts `--timeout`.
fn guard_interrupt_and_retries(
    s: &crate::ctx::Session,
    id: &str,
    resume: &str,
    timeout: Option<Duration>,
) {
    crate::ctx::on_interrupt(Some(format!(
        "Stopped following {id}; the update goes on. Resume with: {resume}"
    )));
    s.set_deadline(timeout.map(|t| Instant::now() + t));
}

fn is_transient(err: &anyhow::Error) -> bool {
    err.downcast_ref::<crate::ctx::CallError>().is_some_and(crate::ctx::CallError::transient)
}

fn describe(event: &Event) -> String {
    match event {
        Event::BatchStarted { batch } => format!("batch {batch} started"),
        Event::BatchFinished { batch, succeeded, failed } => {
            format!("batch {batch} finished: {succeeded} done, {failed} failed")
        }
        Event::InstanceDone { batch, instance_id, .. } => {
            format!("  {} done (batch {batch})", instance_id.as_deref().unwrap_or("instance"))
        }
        Event::InstanceFailed { batch, instance_id, message, .. } => format!(
            "  {} FAILED (batch {batch}){}",
            instance_id.as_deref().unwrap_or("instance"),
            message.as_deref().map(|m| format!(": {m}")).unwrap_or_default()
        ),
        Event::Paused { reason } => {
            format!("paused{}", reason.as_deref().map(|r| format!(" ({r})")).unwrap_or_default())
        }
        Event::Resumed => "resumed".to_owned(),
        Event::Finished { status, message } => format!(
            "finished: {status}{}",
            message
                .as_deref()
                .filter(|m| !m.is_empty())
                .map(|m| format!(": {m}"))
                .unwrap_or_default()
        ),
        other => format!("{other:?}"),
    }
}
