//! Health gates in the plugin: the I/O that the core's [`rolling_update_core::gate::Gate`] asks
//! for (follow, look up IPs, run the check, read alarms, approve, cancel, roll back), the
//! gates' pre-flight (`preflight`), and the record written to the execution's tags. `start`,
//! `rollback` and `wait` take the gate flags; a gated verb follows the update itself.
//!
//! The check runs under the plugin's own shell (`sh -c`, or `cmd /C` on Windows) with the
//! plugin's environment minus every credential variable, plus the gate's `RU_*` variables. Its
//! stdout and stderr are handed line by line to the caller (who prints them prefixed on
//! stderr). A check still running at its timeout is killed (the shell only: a process it left
//! in the background may outlive it) and counts as timed out.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rolling_update_core::api::cms::{AlertState, DescribeMetricRuleList};
use rolling_update_core::api::ecs::{DescribeInstances, MAX_INSTANCE_IDS_PER_CALL};
use rolling_update_core::api::oos::{
    CancelExecution, Execution, NotifyExecution, NotifyType, TagResources, TaskExecution,
};
use rolling_update_core::api::response::Status;
use rolling_update_core::gate::{
    Action, CheckResult, Decision, Gate, GateConfig, GateContext, GateRecord, Outcome, RECORD_TAG,
    record_tag,
};
use rolling_update_core::i18n::Text;
use rolling_update_core::launch::start_request;
use rolling_update_core::progress::{self, Tracker, outcome_tone, summary_line};
use rolling_update_core::rollback::{Overrides, derive, refusal};
use rolling_update_core::shell::GateOptions;
use rolling_update_core::t;
use rolling_update_core::template::{BatchPauseOption, Key};
use rolling_update_core::waiter::{Call, End, Event, Step, Waiter};

use super::fetch;
use crate::cli::{GateFlags, WaitArgs};
use crate::ctx::{CallError, Ctx, Io, Session};
use crate::exit::{Code, usage};
use crate::progress::{View, paint};

mod preflight;

pub(crate) use preflight::{preflight_payload, preflight_running};

/// The gates of one run: the core's configuration and the check command.
#[derive(Debug, Clone)]
pub(crate) struct Gating {
    pub(crate) config: GateConfig,
    pub(crate) command: String,
}

/// The gate flags as the core's [`GateOptions`], the one place that validates them (the page
/// uses the same).
fn options(flags: &GateFlags) -> GateOptions {
    GateOptions {
        check: flags.check.clone(),
        check_timeout: flags.check_timeout.clone(),
        alarms: flags.alarms.clone(),
        bake: flags.bake.clone(),
        on_unhealthy: flags
            .on_unhealthy
            .and_then(|u| clap::ValueEnum::to_possible_value(&u).map(|v| v.get_name().to_owned())),
        insufficient_data_ok: flags.insufficient_data_ok,
    }
}

/// Whether the flags ask for a gate: a check, an alarm rule or a bake time.
#[cfg(test)]
pub(crate) fn is_gated(flags: &GateFlags) -> bool {
    options(flags).is_gated()
}

/// The gates the flags ask for: `None` without a gate. A flag that only qualifies a gate
/// (`--on-unhealthy`, `--check-timeout`, `--insufficient-data-ok`) given without the gate it
/// qualifies is a usage error, never silently ignored; so is every other error the core's
/// [`GateOptions::validate`] finds.
pub(crate) fn plan(flags: &GateFlags) -> anyhow::Result<Option<Gating>> {
    let options = options(flags);
    let config = options.config().map_err(|errors| {
        let lang = crate::lang::current();
        usage(errors.iter().map(|e| e.message.render(lang)).collect::<Vec<_>>().join("; "))
    })?;
    if !options.is_gated() {
        return Ok(None);
    }
    Ok(Some(Gating { config, command: flags.check.clone().unwrap_or_default() }))
}

/// Refuses `--through-pauses` and `--timeout` with a gate: a gated follow answers every pause
/// itself and ends only when the gates say so.
pub(crate) fn refuse_wait_flags(wait: &crate::cli::WaitFlags) -> anyhow::Result<()> {
    if wait.through_pauses || wait.timeout.is_some() {
        return Err(usage(t!("gate.cli.wait_flags")));
    }
    Ok(())
}

fn is_transient(err: &anyhow::Error) -> bool {
    err.downcast_ref::<CallError>().is_some_and(CallError::transient)
}

/// What one step of a waiter read or did, for the caller's view.
enum Seen<'a> {
    Execution(&'a Execution),
    Tasks(&'a [TaskExecution]),
    /// Nothing was due: a moment to redraw.
    Sleeping,
}

/// One step of a waiter over `id`: its events and its end, if it ended; `seen` is told what
/// was read (and when it sleeps).
fn step(
    s: &Session,
    io: &mut Io,
    waiter: &mut Waiter,
    id: &str,
    now: u64,
    seen: &mut dyn FnMut(&mut Io, Seen<'_>),
) -> anyhow::Result<(Vec<Event>, Option<End>)> {
    let outcome = match waiter.next(now) {
        Step::Done(end) => return Ok((Vec::new(), Some(end))),
        Step::Sleep { until_ms } => {
            seen(io, Seen::Sleeping);
            std::thread::sleep(Duration::from_millis(until_ms.saturating_sub(now).min(50)));
            return Ok((Vec::new(), None));
        }
        Step::Call(Call::Execution) => fetch::execution(s, io, id).map(|e| {
            seen(io, Seen::Execution(&e));
            waiter.observe_execution(now, &e)
        }),
        Step::Call(Call::Tasks { started_after, next_token }) => {
            fetch::task_page(s, io, id, started_after, next_token.as_deref()).map(|page| {
                seen(io, Seen::Tasks(&page.task_executions));
                waiter.observe_task_page(now, &page.task_executions, page.next_token.as_deref())
            })
        }
    };
    match outcome {
        Ok(events) => Ok((events, None)),
        Err(err) if is_transient(&err) => {
            let line = t!("wait.poll_failed", error = format!("{err:#}"));
            io.say(line.render(crate::lang::current()));
            waiter.on_transient_error(now);
            Ok((Vec::new(), None))
        }
        Err(err) => Err(err),
    }
}

/// A judged gate as one line, in the run's language.
pub(crate) fn describe(record: &GateRecord) -> String {
    let verdict = if record.healthy { t!("gate.reason.healthy") } else { t!("gate.cli.unhealthy") };
    let decision = match record.decision {
        Decision::Approve => t!("gate.cli.decision.approve"),
        Decision::Pass => t!("gate.cli.decision.pass"),
        Decision::Pause => t!("gate.cli.decision.pause"),
        Decision::Cancel => t!("gate.cli.decision.cancel"),
        Decision::Rollback => t!("gate.cli.decision.rollback"),
    };
    let batch = record.batch;
    // The line names the batch already: the reason is said without it, and not at all when it
    // only repeats the verdict.
    let line = if record.healthy {
        t!("gate.cli.verdict", batch = batch, verdict: verdict, decision: decision)
    } else {
        let reason = record.why.clone();
        t!("gate.cli.verdict_because", batch = batch, verdict: verdict, reason: reason, decision: decision)
    };
    line.render(crate::lang::current()).into_owned()
}

/// `wait` with gates ([`plan`] of its flags): the gates' pre-flight against the running update
/// (exit 1 before gating, nothing changed, when it refuses), then the gated follow.
pub(crate) fn wait(ctx: &mut Ctx, args: &WaitArgs, gating: &Gating) -> anyhow::Result<Code> {
    refuse_wait_flags(&args.wait)?;
    gate_running(ctx, &args.execution_id, gating)
}

/// Tries the gates on a running update's group, then follows it gated.
pub(crate) fn gate_running(ctx: &mut Ctx, id: &str, gating: &Gating) -> anyhow::Result<Code> {
    if !preflight_running(ctx, id, gating)? {
        return Ok(Code::Rejected);
    }
    follow_gated(ctx, id, gating)
}

/// The gate's pace follows the poll (5 s against the cloud): the approval is re-read every poll
/// for up to 12 polls (60 s), the alarms every 6 polls (30 s) during a bake, and a cancel may
/// take 60 polls (5 min). Against the simulator the poll is scaled, and so is this.
pub(crate) fn paced(mut config: GateConfig, poll_ms: u64) -> GateConfig {
    let poll = poll_ms.max(1);
    config.confirm_poll_ms = poll;
    config.confirm_ms = 12 * poll;
    config.alarm_poll_ms = 6 * poll;
    config.cancel_ms = 60 * poll;
    config
}

/// The record of the gates kept in the execution's tag [`RECORD_TAG`]. Writing it is best
/// effort: the first failure is reported once and no more are tried (the record is in the
/// run's own output either way).
struct TagRecord {
    written: Option<String>,
    failed: bool,
}

impl TagRecord {
    fn write(&mut self, s: &Session, io: &mut Io, id: &str, value: String) {
        if self.failed || self.written.as_deref() == Some(value.as_str()) {
            return;
        }
        let tags = BTreeMap::from([(RECORD_TAG.to_owned(), value.clone())]);
        match s.call(&TagResources::execution(&s.region, id, tags), io) {
            Ok(_) => self.written = Some(value),
            Err(err) => {
                self.failed = true;
                let line =
                    t!("gate.cli.record_not_written", id = id, tag = RECORD_TAG, error = err);
                io.say(line.render(crate::lang::current()));
            }
        }
    }
}

/// The private IPs of `instance_ids` (ECS DescribeInstances, up to 100 ids a call).
pub(crate) fn look_up(
    s: &Session,
    io: &mut Io,
    instance_ids: &[String],
) -> anyhow::Result<Vec<(String, String)>> {
    let mut ips = Vec::new();
    for chunk in instance_ids.chunks(MAX_INSTANCE_IDS_PER_CALL) {
        let req = DescribeInstances {
            region_id: s.region.clone(),
            instance_ids: chunk.to_vec(),
            page_size: Some(chunk.len() as u32),
            ..Default::default()
        };
        ips.extend(s.call(&req, io)?.private_ips());
    }
    Ok(ips)
}

/// The states of the rules, one DescribeMetricRuleList per chunk; a failure reported in the
/// body is an error too.
pub(crate) fn read_alarms(
    s: &Session,
    io: &mut Io,
    chunks: Vec<Vec<String>>,
) -> anyhow::Result<Vec<(String, AlertState)>> {
    let mut states = Vec::new();
    for chunk in chunks {
        let req = DescribeMetricRuleList {
            region_id: s.region.clone(),
            page_size: Some(chunk.len() as u32),
            rule_ids: chunk,
            ..Default::default()
        };
        let answer = s.call(&req, io)?;
        if let Some(err) = answer.failure() {
            anyhow::bail!(err);
        }
        states.extend(answer.states());
    }
    Ok(states)
}

/// NotifyExecution Approve on the Waiting top-level task of `id`.
fn approve(s: &Session, io: &mut Io, id: &str) -> anyhow::Result<()> {
    // A failed read leaves the task out, as before: OOS then continues the execution's pause.
    let task = fetch::paused_task(s, io, id).ok().flatten();
    let mut req = NotifyExecution::new(&s.region, id, NotifyType::Approve);
    req.task_execution_id = task.map(|t| t.task_execution_id);
    s.call(&req, io)?;
    Ok(())
}

/// What a gated follow shows while it runs: the live block on a terminal (or plain lines and a
/// heartbeat), drawn from the tracker, and the events already said (a fresh waiter after an
/// approval reports the batches before it again: they are said and counted once).
struct Shown {
    view: View,
    tracker: Tracker,
    said: BTreeSet<String>,
    /// The gate's step last shown: a new one is drawn at once.
    step: Option<Text>,
}

impl Shown {
    fn start(io: &mut Io, poll_ms: u64) -> Shown {
        let view = View::start(io, poll_ms);
        Shown { view, tracker: Tracker::default(), said: BTreeSet::new(), step: None }
    }

    fn now(&self) -> u64 {
        self.view.elapsed_ms()
    }

    /// What a waiter step over the gated execution read, and its moments to redraw.
    fn seen(&mut self, io: &mut Io, seen: Seen<'_>) {
        match seen {
            Seen::Execution(execution) => self.tracker.observe_execution(execution),
            Seen::Tasks(tasks) => self.tracker.observe_tasks(tasks),
            Seen::Sleeping => return self.view.tick(io, &self.tracker),
        }
        self.view.changed();
    }

    /// Says the events not said yet and redraws (at once when there were any).
    fn events(&mut self, io: &mut Io, events: &[Event]) {
        let fresh: Vec<Event> = events
            .iter()
            .filter(|e| event_key(e).is_none_or(|k| self.said.insert(k)))
            .cloned()
            .collect();
        if !fresh.is_empty() {
            self.view.show_events(io, &mut self.tracker, &fresh);
            self.view.changed();
        }
        self.view.tick(io, &self.tracker);
    }

    /// Shows what the gate is doing now in place of the pause, and what it does next.
    fn gate(&mut self, io: &mut Io, gate: &Gate) {
        let step = gate.step(self.now()).map(|s| s.text());
        if step != self.step {
            self.step = step.clone();
            self.view.changed();
        }
        self.tracker.set_gate(step);
        self.tracker.set_next(gate.next_step());
        self.view.tick(io, &self.tracker);
    }

    /// Says a line above the block and redraws it.
    fn say(&mut self, io: &mut Io, line: Text) {
        io.say(line.render(crate::lang::current()));
        self.view.changed();
        self.view.tick(io, &self.tracker);
    }
}

/// What identifies an event that a fresh waiter may report again (`None`: said every time).
fn event_key(event: &Event) -> Option<String> {
    match event {
        Event::BatchStarted { batch } => Some(format!("started {batch}")),
        Event::BatchFinished { batch, .. } => Some(format!("finished {batch}")),
        Event::InstanceDone { task_execution_id, .. }
        | Event::InstanceFailed { task_execution_id, .. } => {
            Some(format!("task {task_execution_id}"))
        }
        _ => None,
    }
}

/// Follows `id` and gates each finished batch. Exit codes: 0 every gate passed and the update
/// succeeded; 7 a gate failed and the rollback succeeded; 8 a gate failed and the update was
/// left paused or cancelled, or the rollback failed; otherwise as for `wait`. It shows what
/// `wait` shows (the live block on a terminal, with the gate's step in place of the pause;
/// plain lines and a heartbeat otherwise; one summary line at the end).
pub(crate) fn follow_gated(ctx: &mut Ctx, id: &str, gating: &Gating) -> anyhow::Result<Code> {
    let (s, io) = ctx.session()?;
    let config = paced(gating.config.clone(), s.poll.poll_ms);
    let source = fetch::execution(s, io, id)?;
    let mut gate =
        Gate::new(config, context(&source.parameters_object().unwrap_or_default(), id, &s.region));
    let mut shown = Shown::start(io, s.poll.poll_ms);
    shown.tracker.observe_execution(&source);
    let mut tag = TagRecord { written: None, failed: false };
    let gated = gate_loop(s, io, id, gating, &mut gate, &mut shown, &mut tag);
    let elapsed_ms = shown.now();
    let Shown { view, tracker, .. } = shown;
    view.finish(io);
    let lang = crate::lang::current();
    let Some(outcome) = gated? else {
        io.say(t!("gate.cli.stopped", id = id).render(lang));
        return Ok(Code::Interrupted);
    };
    tag.write(s, io, id, record_tag(gate.records(), Some(&outcome)));
    let reason = gate.reason().cloned().unwrap_or_default();
    io.say(t!("gate.cli.reason_line", id = id, reason: reason.clone()).render(lang));
    let ended = match tracker.status().cloned().unwrap_or(Status::Running) {
        Status::Waiting => progress::Outcome::Paused,
        status => progress::Outcome::Finished(status),
    };
    let line = summary_line(id, &ended, &tracker.totals(), elapsed_ms);
    io.say(paint(outcome_tone(&ended), &line.render(lang)));
    report(io, id, &outcome, &reason, gate.records(), &tag)
}

/// The gate's loop: each action it asks for, done, until it stops (`None`: interrupted).
fn gate_loop(
    s: &Session,
    io: &mut Io,
    id: &str,
    gating: &Gating,
    gate: &mut Gate,
    shown: &mut Shown,
    tag: &mut TagRecord,
) -> anyhow::Result<Option<Outcome>> {
    let mut waiter = Waiter::new(s.poll, shown.now());
    let parent_env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
    let mut recorded = 0;
    loop {
        if s.is_interrupted() {
            return Ok(None);
        }
        let action = gate.next(shown.now());
        // A verdict reached while answering (a batch healthy without alarms) is said before
        // what it leads to (its approval).
        recorded = say_records(s, io, id, gate, shown, tag, recorded);
        shown.gate(io, gate);
        match action {
            Action::Follow => follow_once(s, io, id, gate, shown, &mut waiter)?,
            Action::LookUpAddresses { instance_ids, .. } => match look_up(s, io, &instance_ids) {
                Ok(ips) => gate.on_addresses(&ips),
                Err(err) => gate.on_addresses_failed(&err.to_string()),
            },
            Action::RunCheck { batch, env, timeout_ms } => {
                let run =
                    check_batch(io, shown, batch, &gating.command, &parent_env, &env, timeout_ms);
                gate.on_check(shown.now(), run.result, run.duration_ms);
            }
            Action::ReadAlarms { rule_ids, .. } => match read_alarms(s, io, rule_ids) {
                Ok(states) => gate.on_alarms(shown.now(), &states),
                Err(err) => gate.on_alarms_failed(&err.to_string()),
            },
            Action::Sleep { until_ms } => {
                shown.view.tick(io, &shown.tracker);
                let wait = until_ms.saturating_sub(shown.now()).min(50);
                std::thread::sleep(Duration::from_millis(wait));
            }
            Action::Approve { batch } => approve_batch(s, io, id, batch, gate, shown),
            Action::ReadExecution => match fetch::execution(s, io, id) {
                Ok(e) => {
                    shown.tracker.observe_execution(&e);
                    gate.on_execution_read(shown.now(), &e.status, &e.counters);
                }
                Err(err) if is_transient(&err) => gate.on_execution_failed(shown.now()),
                Err(err) => return Err(err),
            },
            Action::Cancel => {
                let req =
                    CancelExecution { region_id: s.region.clone(), execution_id: id.to_owned() };
                let result = s.call(&req, io).map(|_| ()).map_err(|e| e.to_string());
                gate.on_cancelled(shown.now(), result);
            }
            Action::StartRollback => {
                let result = rollback(s, io, id, &mut |io| shown.view.tick(io, &shown.tracker));
                gate.on_rollback(result);
            }
            Action::Stop { outcome, .. } => return Ok(Some(outcome)),
        }
        recorded = say_records(s, io, id, gate, shown, tag, recorded);
    }
}

/// One step of following the execution for the gate: its events and its end, told to the gate
/// and shown. A waiter that ended (at the approved pause) is replaced: the gate follows again
/// only once its approval took, and a fresh waiter says a new pause itself.
fn follow_once(
    s: &Session,
    io: &mut Io,
    id: &str,
    gate: &mut Gate,
    shown: &mut Shown,
    waiter: &mut Waiter,
) -> anyhow::Result<()> {
    if waiter.is_done() {
        *waiter = Waiter::new(s.poll, shown.now());
        shown.tracker.observe_event(&Event::Resumed);
    }
    let now = shown.now();
    let (events, end) = step(s, io, waiter, id, now, &mut |io, seen| shown.seen(io, seen))?;
    events.iter().for_each(|event| gate.on_event(event));
    if let Some(end) = end {
        gate.on_end(&end);
    }
    shown.events(io, &events);
    Ok(())
}

/// Runs the check `command` on `batch` (the plugin's environment and the batch's variables,
/// within `timeout_ms`), each line of its output shown with the batch.
fn check_batch(
    io: &mut Io,
    shown: &Shown,
    batch: i64,
    command: &str,
    parent_env: &[(OsString, OsString)],
    env: &[(String, String)],
    timeout_ms: u64,
) -> CheckRun {
    let lang = crate::lang::current();
    if !shown.view.is_live() {
        io.progress(t!("gate.step.check", batch = batch).render(lang));
    }
    run_check(command, parent_env.to_vec(), env, Duration::from_millis(timeout_ms), &mut |line| {
        io.say(t!("gate.cli.check_line", batch = batch, line = line).render(lang));
    })
}

/// Approves the paused `batch`, reading the progress first: it tells a batch that ran within
/// one poll from an approval that did not take (see core::gate::Confirmation).
fn approve_batch(
    s: &Session,
    io: &mut Io,
    id: &str,
    batch: i64,
    gate: &mut Gate,
    shown: &mut Shown,
) {
    let before = match fetch::execution(s, io, id) {
        Ok(e) => {
            shown.tracker.observe_execution(&e);
            e.counters
        }
        Err(_) => serde_json::Value::default(),
    };
    match approve(s, io, id) {
        Ok(()) => {
            shown.say(io, t!("gate.cli.approved", batch = batch));
            gate.on_approved_from(shown.now(), before);
        }
        Err(err) => gate.on_approve_failed(&err.to_string()),
    }
}

/// Says the gates judged since the first `recorded` and writes the record to the tag; how many
/// are said now.
fn say_records(
    s: &Session,
    io: &mut Io,
    id: &str,
    gate: &Gate,
    shown: &mut Shown,
    tag: &mut TagRecord,
    recorded: usize,
) -> usize {
    let records = gate.records();
    if records.len() > recorded {
        for record in &records[recorded..] {
            io.say(describe(record));
        }
        shown.view.changed();
        tag.write(s, io, id, record_tag(records, None));
    }
    records.len()
}

/// What the check's environment names, from the execution's parameters.
fn context(
    params: &serde_json::Map<String, serde_json::Value>,
    id: &str,
    region: &str,
) -> GateContext {
    let group = params.get(Key::ScalingGroupId.as_str()).and_then(|v| v.as_str());
    let batches = params.get(Key::BatchNumber.as_str()).and_then(|v| v.as_u64());
    GateContext {
        execution_id: id.to_owned(),
        scaling_group_id: group.unwrap_or_default().to_owned(),
        region: region.to_owned(),
        batches: batches.map(|n| n as u32),
    }
}

/// Prints how gating ended as JSON (its reason in English); the exit code.
fn report(
    io: &mut Io,
    id: &str,
    outcome: &Outcome,
    reason: &Text,
    records: &[GateRecord],
    tag: &TagRecord,
) -> anyhow::Result<Code> {
    io.json(&serde_json::json!({
        "executionId": id,
        "outcome": outcome,
        "reason": reason.as_str(),
        "gates": records,
        "record": {"tag": RECORD_TAG, "value": tag.written, "written": !tag.failed},
    }))?;
    Ok(Code::from_follow(outcome.exit_code()))
}

/// Starts the rollback `rollback` would derive, without pauses (nobody is there to approve
/// it), and follows it to its end, calling `tick` while it waits. It is never gated itself.
fn rollback(
    s: &Session,
    io: &mut Io,
    id: &str,
    tick: &mut dyn FnMut(&mut Io),
) -> Result<(String, Status), (Option<String>, String)> {
    let source = fetch::execution(s, io, id).map_err(|e| (None, format!("{e:#}")))?;
    let automatic = BatchPauseOption::Automatic.as_str().to_owned();
    let overrides = Overrides { batch_pause_option: Some(automatic), ..Overrides::default() };
    let (template, payload) = derive(&source, &overrides).map_err(|e| (None, e.to_string()))?;
    // A rollback that would undo nothing (a package re-applied) is not started.
    if let Some(refused) = refusal(template, &source, &payload) {
        return Err((None, refused.message));
    }
    let req = start_request(&s.region, template, &payload, None, None);
    let started = s.call(&req, io).map_err(|e| (None, e.to_string()))?;
    let rb = started.execution.execution_id;
    let lang = crate::lang::current();
    io.say(t!("gate.cli.rollback_started", id = id, rollback = rb).render(lang));
    let clock = Instant::now();
    let now = || clock.elapsed().as_millis() as u64;
    let mut waiter = Waiter::new(s.poll.through_pauses(), now());
    let mut seen = |io: &mut Io, seen: Seen<'_>| {
        if let Seen::Sleeping = seen {
            tick(io);
        }
    };
    loop {
        match step(s, io, &mut waiter, &rb, now(), &mut seen) {
            Ok((_, Some(End::Finished(status)))) => return Ok((rb, status)),
            Ok((_, Some(End::Paused))) => return Ok((rb, Status::Waiting)),
            Ok(_) => {}
            Err(err) => return Err((Some(rb), format!("{err:#}"))),
        }
        if s.is_interrupted() {
            let text = t!("gate.cli.rollback_interrupted");
            return Err((Some(rb), text.render(lang).into_owned()));
        }
    }
}

/// How a check ended and how long it ran.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckRun {
    pub(crate) result: CheckResult,
    pub(crate) duration_ms: u64,
}

/// Whether a variable of the plugin's environment must not reach the check: the host's and
/// the SDKs' credential variables (`ALIBABA_CLOUD_*`, `ALICLOUD_*`, `ALIYUN_*`) and anything
/// named like a key, secret or token. Broad on purpose: a check that needs a secret reads it
/// from its own store, never from the plugin's credentials.
pub(crate) fn is_credential_variable(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    ["ALIBABA_CLOUD_", "ALICLOUD_", "ALIYUN_"].iter().any(|p| upper.starts_with(p))
        || ["ACCESS_KEY", "SECRET", "SECURITY_TOKEN", "STS_TOKEN"].iter().any(|w| upper.contains(w))
}

/// The shell that runs a check command.
fn shell() -> (&'static str, &'static str) {
    if cfg!(windows) { ("cmd", "/C") } else { ("sh", "-c") }
}

/// Runs `command` with `parent_env` (the plugin's environment, credentials removed here) and
/// `gate_env`; `line` receives each output line; stops it after `timeout`.
pub(crate) fn run_check(
    command: &str,
    parent_env: impl IntoIterator<Item = (OsString, OsString)>,
    gate_env: &[(String, String)],
    timeout: Duration,
    line: &mut dyn FnMut(&str),
) -> CheckRun {
    let (program, flag) = shell();
    run_with(program, flag, command, parent_env, gate_env, timeout, line)
}

fn run_with(
    program: &str,
    flag: &str,
    command: &str,
    parent_env: impl IntoIterator<Item = (OsString, OsString)>,
    gate_env: &[(String, String)],
    timeout: Duration,
    line: &mut dyn FnMut(&str),
) -> CheckRun {
    let started = Instant::now();
    let elapsed = |s: Instant| s.elapsed().as_millis() as u64;
    let mut cmd = Command::new(program);
    cmd.arg(flag).arg(command).env_clear().stdin(Stdio::null());
    for (key, value) in parent_env {
        if !is_credential_variable(&key.to_string_lossy()) {
            cmd.env(key, value);
        }
    }
    cmd.envs(gate_env.iter().map(|(k, v)| (k, v)));
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = match cmd.spawn() {
        Ok(child) => child,
        Err(err) => {
            let error = format!("{program} {flag} could not start: {err}");
            return CheckRun {
                result: CheckResult::CouldNotStart { error },
                duration_ms: elapsed(started),
            };
        }
    };
    let (tx, rx) = mpsc::channel::<String>();
    let mut readers = Vec::new();
    let stdout = child.stdout.take().map(|s| Box::new(s) as Box<dyn Read + Send>);
    let stderr = child.stderr.take().map(|s| Box::new(s) as Box<dyn Read + Send>);
    for stream in [stdout, stderr].into_iter().flatten() {
        let tx = tx.clone();
        readers.push(std::thread::spawn(move || {
            for text in BufReader::new(stream).lines().map_while(Result::ok) {
                if tx.send(text).is_err() {
                    break;
                }
            }
        }));
    }
    drop(tx);
    let deadline = started + timeout;
    let result = loop {
        while let Ok(text) = rx.try_recv() {
            line(&text);
        }
        match child.try_wait() {
            Ok(Some(status)) => break CheckResult::Exited { code: status.code() },
            Ok(None) if Instant::now() >= deadline => {
                // Killing can only fail when it has just exited; the wait reaps it either way.
                let _ = child.kill();
                let _ = child.wait();
                break CheckResult::TimedOut;
            }
            Ok(None) => {
                if let Ok(text) = rx.recv_timeout(Duration::from_millis(20)) {
                    line(&text);
                }
            }
            Err(err) => {
                let _ = child.kill();
                break CheckResult::CouldNotStart {
                    error: format!("waiting for the check failed: {err}"),
                };
            }
        }
    };
    if result != CheckResult::TimedOut {
        // The rest of the output, until both pipes close.
        for reader in readers {
            let _ = reader.join();
        }
        while let Ok(text) = rx.try_recv() {
            line(&text);
        }
    }
    CheckRun { result, duration_ms: elapsed(started) }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn parent() -> Vec<(OsString, OsString)> {
        [
            ("PATH", "/usr/bin:/bin"),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIparent"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "parent-secret"),
            ("ALIBABA_CLOUD_SECURITY_TOKEN", "parent-token"),
            ("ALICLOUD_ACCESS_KEY", "other"),
            ("MY_APP_SECRET", "x"),
            ("KEEP_ME", "kept"),
        ]
        .iter()
        .map(|(k, v)| (OsString::from(k), OsString::from(v)))
        .collect()
    }

    fn run(command: &str, timeout: Duration) -> (CheckRun, Vec<String>) {
        let mut lines = Vec::new();
        let env = [
            ("RU_BATCH".to_owned(), "2".to_owned()),
            ("RU_INSTANCE_IPS".to_owned(), "172.16.0.10".to_owned()),
        ];
        let run = run_check(command, parent(), &env, timeout, &mut |l| lines.push(l.to_owned()));
        (run, lines)
    }

    #[test]
    fn the_check_gets_the_batch_and_no_credential() {
        let (run, lines) = run("env; echo to-stderr >&2", Duration::from_secs(30));
        assert_eq!(run.result, CheckResult::Exited { code: Some(0) });
        assert!(lines.contains(&"RU_BATCH=2".to_owned()), "{lines:?}");
        assert!(lines.contains(&"RU_INSTANCE_IPS=172.16.0.10".to_owned()), "{lines:?}");
        assert!(lines.contains(&"KEEP_ME=kept".to_owned()), "{lines:?}");
        assert!(lines.contains(&"to-stderr".to_owned()), "stderr is shown too: {lines:?}");
        let joined = lines.join("\n");
        for secret in
            ["LTAIparent", "parent-secret", "parent-token", "ALICLOUD_ACCESS_KEY", "MY_APP_SECRET"]
        {
            assert!(!joined.contains(secret), "{secret} reached the check: {joined}");
        }
    }

    #[test]
    fn the_exit_code_is_kept() {
        let (run, lines) = run("echo unhealthy; exit 3", Duration::from_secs(30));
        assert_eq!(run.result, CheckResult::Exited { code: Some(3) });
        assert_eq!(lines, ["unhealthy"]);
    }

    #[test]
    fn a_check_past_its_timeout_is_stopped() {
        let (run, _) = run("exec sleep 30", Duration::from_millis(200));
        assert_eq!(run.result, CheckResult::TimedOut);
        assert!(run.duration_ms >= 200, "it ran until the timeout: {}", run.duration_ms);
    }

    #[test]
    fn a_shell_that_cannot_start_is_named() {
        let mut sink = |_: &str| {};
        let run = run_with(
            "/nonexistent/sh",
            "-c",
            "true",
            parent(),
            &[],
            Duration::from_secs(1),
            &mut sink,
        );
        let CheckResult::CouldNotStart { error } = run.result else {
            unreachable!("a missing shell cannot start")
        };
        assert!(error.starts_with("/nonexistent/sh -c could not start"), "{error}");
    }

    #[test]
    fn credential_names_are_recognised() {
        for name in [
            "ALIBABA_CLOUD_ACCESS_KEY_ID",
            "alibaba_cloud_region_id",
            "ALIYUN_PROFILE",
            "AWS_SECRET_ACCESS_KEY",
        ] {
            assert!(is_credential_variable(name), "{name}");
        }
        for name in ["PATH", "HOME", "RU_BATCH", "LANG"] {
            assert!(!is_credential_variable(name), "{name}");
        }
    }
}
