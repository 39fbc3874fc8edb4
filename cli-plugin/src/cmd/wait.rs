//! `wait`: follow an execution with the core's waiter until it ends, pauses or times out.

use std::time::{Duration, Instant};

use rolling_update_core::api::oos::{Execution, TaskExecution};
use rolling_update_core::api::response::Status;
use rolling_update_core::command::plugin_command;
use rolling_update_core::duration::{format_duration, parse_duration};
use rolling_update_core::status::summarize;
use rolling_update_core::waiter::{Call, End, Event, Step, Waiter};

use super::fetch;
use crate::cli::{WaitArgs, WaitFlags};
use crate::ctx::{Ctx, Io, Session};
use crate::exit::{Code, usage};

/// `wait`: gated when a gate flag is given (a qualifying flag without its gate is refused).
pub(crate) fn run(ctx: &mut Ctx, args: &WaitArgs) -> anyhow::Result<Code> {
    match super::gate::plan(&args.gate)? {
        Some(gating) => super::gate::wait(ctx, args, &gating),
        None => follow(ctx, &args.execution_id, &args.wait),
    }
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
    let config = if flags.through_pauses { s.poll.through_pauses() } else { s.poll };
    let mut waiter = Waiter::new(config, 0);
    let resume = plugin_command("wait", id, &s.target);
    guard_interrupt_and_retries(s, id, &resume, timeout);
    // The last answers, kept for the final summary so that it costs no call on a small group.
    let mut last_execution: Option<Execution> = None;
    let mut reading: Vec<TaskExecution> = Vec::new();
    let mut last_full: Option<Vec<TaskExecution>> = None;
    let end = loop {
        let call = match waiter.next(elapsed_ms()) {
            Step::Done(end) => break end,
            Step::Call(call) => call,
            Step::Sleep { until_ms } => {
                // Sleep in short steps so that Ctrl-C and the timeout are noticed promptly.
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
                    io.json(
                        &serde_json::json!({"executionId": id, "status": last, "timedOut": true}),
                    )?;
                    return Ok(Code::Timeout);
                }
                let now = elapsed_ms();
                std::thread::sleep(Duration::from_millis(until_ms.saturating_sub(now).min(50)));
                continue;
            }
        };
        // The waiter chose the call: one per poll on a small group, a window of the tasks on
        // a large one, and the tasks once more before it reports a pause or the end.
        let outcome = match &call {
            Call::Execution => fetch::execution(s, io, id).map(|e| {
                let events = waiter.observe_execution(elapsed_ms(), &e);
                last_execution = Some(e);
                events
            }),
            Call::Tasks { started_after, next_token } => {
                fetch::task_page(s, io, id, *started_after, next_token.as_deref()).map(|page| {
                    let token = page.next_token.as_deref();
                    let events =
                        waiter.observe_task_page(elapsed_ms(), &page.task_executions, token);
                    if next_token.is_none() {
                        reading.clear();
                    }
                    reading.extend(page.task_executions.iter().cloned());
                    if started_after.is_none() && !page.has_next_page() {
                        last_full = Some(std::mem::take(&mut reading));
                    }
                    events
                })
            }
        };
        match outcome {
            Ok(events) => {
                for event in &events {
                    io.progress(describe(event));
                }
            }
            Err(err) if is_transient(&err) => {
                io.progress(format!("poll failed, will retry: {err:#}"));
                waiter.on_transient_error(elapsed_ms());
            }
            Err(err) => return Err(err),
        }
    };
    // The exit code comes from the waiter; the summary is read afresh for the report.
    let code = match &end {
        End::Finished(Status::Success) => Code::Ok,
        End::Finished(Status::Cancelled) => Code::Cancelled,
        End::Finished(_) => Code::Failed,
        End::Paused => Code::Paused,
    };
    let fresh_tasks = last_full.filter(|_| !waiter.is_windowed());
    report(s, io, id, &end, last_execution, fresh_tasks)?;
    Ok(code)
}

/// Prints the summary and its JSON at the end of a follow: from the answers that ended it when
/// they are whole and fresh (the execution as it ended, the full task read after it), otherwise
/// read afresh.
fn report(
    s: &Session,
    io: &mut Io,
    id: &str,
    end: &End,
    last_execution: Option<Execution>,
    last_tasks: Option<Vec<TaskExecution>>,
) -> anyhow::Result<()> {
    let execution = match last_execution {
        Some(e)
            if e.status.is_terminal() || (*end == End::Paused && e.status == Status::Waiting) =>
        {
            e
        }
        _ => fetch::execution(s, io, id)?,
    };
    let tasks = match last_tasks {
        Some(tasks) => tasks,
        None => fetch::tasks(s, io, id)?,
    };
    let summary = summarize(&s.target, &execution, &tasks, &[]);
    io.say(format!("{id} {}", execution.status));
    // Name what failed even without a terminal (no progress lines were shown then).
    for f in &summary.failures {
        let who = f.instance_id.as_deref().unwrap_or(&f.task);
        io.say(format!("  failed: {who}: {}", f.message));
    }
    for step in &summary.next {
        io.say(format!("  next: {step}"));
    }
    let json =
        super::leftovers::after_end(s, io, &execution, &tasks, serde_json::to_value(&summary)?);
    io.json(&json)?;
    Ok(())
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
