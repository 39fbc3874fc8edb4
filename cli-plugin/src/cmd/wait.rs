//! `wait`: follow an execution with the core's waiter until it ends, pauses or times out.

use std::time::{Duration, Instant};

use rolling_update_core::api::oos::{Execution, TaskExecution};
use rolling_update_core::api::response::Status;
use rolling_update_core::command::plugin_command;
use rolling_update_core::duration::{format_duration, parse_duration};
use rolling_update_core::i18n::Text;
use rolling_update_core::progress::{Outcome, Tone, Totals, Tracker, outcome_tone, summary_line};
use rolling_update_core::status::summarize;
use rolling_update_core::t;
use rolling_update_core::waiter::{Call, End, Step, Waiter};

use super::fetch;
use crate::cli::{WaitArgs, WaitFlags};
use crate::ctx::{Ctx, Io, Session};
use crate::exit::{Code, usage};
use crate::progress::{View, paint};

/// `wait`: gated when a gate flag is given (a qualifying flag without its gate is refused).
pub(crate) fn run(ctx: &mut Ctx, args: &WaitArgs) -> anyhow::Result<Code> {
    match super::gate::plan(&args.gate)? {
        Some(gating) => super::gate::wait(ctx, args, &gating),
        None => follow(ctx, &args.execution_id, &args.wait),
    }
}

/// Follows `id` to its end. Exit codes: 0 success, 3 failed, 4 cancelled, 5 paused (unless
/// `--through-pauses`), 6 `--timeout` reached, 130 Ctrl-C. On a terminal a live status block
/// shows where the update is; in a log, plain lines and a heartbeat; at the end, one summary
/// line.
pub(crate) fn follow(ctx: &mut Ctx, id: &str, flags: &WaitFlags) -> anyhow::Result<Code> {
    let timeout = match &flags.timeout {
        Some(text) => Some(parse_duration(text).map_err(|e| usage(e.text()))?),
        None => None,
    };
    let (s, io) = ctx.session()?;
    let resume = plugin_command("wait", id, &s.target);
    guard_interrupt_and_retries(s, id, &resume, timeout);
    let mut view = View::start(io, s.poll.poll_ms);
    let followed = poll(s, io, id, flags, timeout, &mut view);
    let elapsed_ms = view.elapsed_ms();
    view.finish(io);
    let followed = followed?;
    let lang = crate::lang::current();
    let end = match followed.stop {
        Stop::End(end) => end,
        Stop::Interrupted => {
            io.say(t!("wait.stopped", id = id, resume = resume).render(lang));
            return Ok(Code::Interrupted);
        }
        Stop::TimedOut(limit) => {
            let limit = format_duration(limit);
            io.say(t!("wait.timed_out", limit = limit, id = id, resume = resume).render(lang));
            let totals = followed.tracker.totals();
            let line = summary_line(id, &Outcome::TimedOut, &totals, elapsed_ms);
            io.say(paint(Tone::Warn, &line.render(lang)));
            let last = followed.tracker.status().map(Status::to_string).unwrap_or_default();
            io.json(&serde_json::json!({"executionId": id, "status": last, "timedOut": true}))?;
            return Ok(Code::Timeout);
        }
    };
    // The exit code comes from the waiter; the summary is read afresh for the report.
    let code = match &end {
        End::Finished(Status::Success) => Code::Ok,
        End::Finished(Status::Cancelled) => Code::Cancelled,
        End::Finished(_) => Code::Failed,
        End::Paused => Code::Paused,
    };
    let fresh_tasks = followed.last_full.filter(|_| !followed.windowed);
    let last = Last { execution: followed.last_execution, tasks: fresh_tasks };
    report(s, io, id, &end, last, elapsed_ms)?;
    Ok(code)
}

/// Why polling stopped.
enum Stop {
    End(End),
    Interrupted,
    TimedOut(Duration),
}

/// What a follow saw.
struct Followed {
    stop: Stop,
    tracker: Tracker,
    last_execution: Option<Execution>,
    last_full: Option<Vec<TaskExecution>>,
    windowed: bool,
}

/// The waiter's loop: each call it asks for, each event said (above the block on a terminal),
/// the block redrawn or a heartbeat printed while it sleeps.
fn poll(
    s: &Session,
    io: &mut Io,
    id: &str,
    flags: &WaitFlags,
    timeout: Option<Duration>,
    view: &mut View,
) -> anyhow::Result<Followed> {
    let config = if flags.through_pauses { s.poll.through_pauses() } else { s.poll };
    let mut waiter = Waiter::new(config, 0);
    let mut tracker = Tracker::default();
    let approve = plugin_command("approve", id, &s.target);
    let lang = crate::lang::current();
    // The last answers, kept for the final summary so that it costs no call on a small group.
    let mut last_execution: Option<Execution> = None;
    let mut reading: Vec<TaskExecution> = Vec::new();
    let mut last_full: Option<Vec<TaskExecution>> = None;
    let stop = loop {
        let call = match waiter.next(view.elapsed_ms()) {
            Step::Done(end) => break Stop::End(end),
            Step::Call(call) => call,
            Step::Sleep { until_ms } => {
                // Sleep in short steps so that Ctrl-C and the timeout are noticed promptly.
                if s.is_interrupted() {
                    break Stop::Interrupted;
                }
                if let Some(limit) = timeout
                    && view.elapsed_ms() >= limit.as_millis() as u64
                {
                    break Stop::TimedOut(limit);
                }
                view.tick(io, &tracker);
                let wait = until_ms.saturating_sub(view.elapsed_ms()).min(50);
                std::thread::sleep(Duration::from_millis(wait));
                continue;
            }
        };
        // The waiter chose the call: one per poll on a small group, a window of the tasks on
        // a large one, and the tasks once more before it reports a pause or the end.
        let outcome = match &call {
            Call::Execution => fetch::execution(s, io, id).map(|e| {
                tracker.observe_execution(&e);
                let events = waiter.observe_execution(view.elapsed_ms(), &e);
                last_execution = Some(e);
                events
            }),
            Call::Tasks { started_after, next_token } => {
                fetch::task_page(s, io, id, *started_after, next_token.as_deref()).map(|page| {
                    tracker.observe_tasks(&page.task_executions);
                    let token = page.next_token.as_deref();
                    let now = view.elapsed_ms();
                    let events = waiter.observe_task_page(now, &page.task_executions, token);
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
                view.show_events(io, &mut tracker, &events);
                let paused = tracker.status() == Some(&Status::Waiting);
                tracker.set_next(paused.then(|| Text::raw(approve.clone())));
                view.changed();
                view.tick(io, &tracker);
            }
            Err(err) if is_transient(&err) => {
                io.say(t!("wait.poll_failed", error = format!("{err:#}")).render(lang));
                waiter.on_transient_error(view.elapsed_ms());
            }
            Err(err) => return Err(err),
        }
    };
    let windowed = waiter.is_windowed();
    Ok(Followed { stop, tracker, last_execution, last_full, windowed })
}

/// The answers that ended a follow, when they can stand for a fresh read.
struct Last {
    execution: Option<Execution>,
    tasks: Option<Vec<TaskExecution>>,
}

/// Prints the summary and its JSON at the end of a follow: from the answers that ended it when
/// they are whole and fresh (the execution as it ended, the full task read after it), otherwise
/// read afresh.
fn report(
    s: &Session,
    io: &mut Io,
    id: &str,
    end: &End,
    last: Last,
    elapsed_ms: u64,
) -> anyhow::Result<()> {
    let execution = match last.execution {
        Some(e)
            if e.status.is_terminal() || (*end == End::Paused && e.status == Status::Waiting) =>
        {
            e
        }
        _ => fetch::execution(s, io, id)?,
    };
    let tasks = match last.tasks {
        Some(tasks) => tasks,
        None => fetch::tasks(s, io, id)?,
    };
    let summary = summarize(&s.target, &execution, &tasks, &[]);
    let lang = crate::lang::current();
    let outcome = match end {
        End::Paused => Outcome::Paused,
        End::Finished(_) => Outcome::Finished(execution.status.clone()),
    };
    let line = summary_line(id, &outcome, &Totals::of_summary(&summary), elapsed_ms);
    io.say(paint(outcome_tone(&outcome), &line.render(lang)));
    // Name what failed even without a terminal.
    for f in &summary.failures {
        let who = f.instance_id.as_deref().unwrap_or(&f.task);
        io.say(t!("wait.failed_line", who = who, message = f.message).render(lang));
    }
    for step in &summary.next {
        io.say(t!("wait.next_line", step: step.clone()).render(lang));
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
    let stopped = t!("wait.stopped", id = id, resume = resume);
    crate::ctx::on_interrupt(Some(stopped.render(crate::lang::current()).into_owned()));
    s.set_deadline(timeout.map(|t| Instant::now() + t));
}

fn is_transient(err: &anyhow::Error) -> bool {
    err.downcast_ref::<crate::ctx::CallError>().is_some_and(crate::ctx::CallError::transient)
}
