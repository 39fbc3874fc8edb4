//! Following a refresh task: `wait ir-...`, `start --template refresh --wait`, with
//! `--hold-at-checkpoints` (SuspendInstanceRefresh at each checkpoint, so the task waits for
//! `approve` instead of resuming by itself) and with health gates, where the core's
//! [`Gate`] judges each checkpoint (or each batch's worth of replaced capacity) and its
//! decisions map onto Resume (approve), Cancel and Rollback of the task.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::time::{Duration, Instant};

use rolling_update_core::api::refresh::{
    CancelInstanceRefresh, DescribeScalingActivities, InstanceRefreshTask, ResumeInstanceRefresh,
    RollbackInstanceRefresh, SuspendInstanceRefresh,
};
use rolling_update_core::api::response::Status;
use rolling_update_core::duration::parse_duration;
use rolling_update_core::gate::{Action, Gate, GateContext, Outcome};
use rolling_update_core::i18n::Text;
use rolling_update_core::refresh::status::{
    RefreshStatus, RefreshStep, RefreshWaiter, RefreshWaiterConfig, wait_exit,
};
use rolling_update_core::t;
use rolling_update_core::waiter::{End, Event};
use serde_json::{Value, json};

use super::{group_of, read_task, say};
use crate::cli::WaitArgs;
use crate::cmd::gate::{self as gates, Gating};
use crate::ctx::{Ctx, Io, Session};
use crate::exit::{Code, usage};

/// What to follow and how.
#[derive(Debug, Clone)]
pub(crate) struct How {
    pub(crate) group: String,
    pub(crate) id: String,
    pub(crate) hold: bool,
    pub(crate) through_pauses: bool,
    pub(crate) timeout: Option<String>,
    pub(crate) step: i64,
    pub(crate) can_roll_back: bool,
}

/// `wait ir-...`.
pub(crate) fn wait(ctx: &mut Ctx, args: &WaitArgs) -> anyhow::Result<Code> {
    let group = group_of(&args.execution_id, args.refresh_group.as_ref())?;
    let gating = gates::plan(&args.gate)?;
    let how = How {
        group,
        id: args.execution_id.clone(),
        hold: args.hold_at_checkpoints,
        through_pauses: args.wait.through_pauses,
        timeout: args.wait.timeout.clone(),
        step: 1,
        can_roll_back: true,
    };
    run(ctx, &how, gating.as_ref(), None)
}

/// Follows the task, gated or not; `started` is what `start` would have printed.
pub(crate) fn run(
    ctx: &mut Ctx,
    how: &How,
    gating: Option<&Gating>,
    started: Option<Value>,
) -> anyhow::Result<Code> {
    match gating {
        Some(gating) => {
            gates::refuse_wait_flags(&crate::cli::WaitFlags {
                through_pauses: how.through_pauses,
                timeout: how.timeout.clone(),
            })?;
            gated(ctx, how, gating, started)
        }
        None => plain(ctx, how, started),
    }
}

fn now_of(started: Instant) -> u64 {
    u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX)
}

fn config(s: &Session, stop_at_pause: bool, step: i64) -> RefreshWaiterConfig {
    let poll_ms = s.poll.poll_ms.max(1);
    RefreshWaiterConfig { poll_ms, confirm_ms: (poll_ms / 5).max(1), stop_at_pause, step }
}

/// Holds a task that reached a checkpoint: SuspendInstanceRefresh.
fn hold(s: &Session, io: &mut Io, how: &How) -> anyhow::Result<()> {
    let req = SuspendInstanceRefresh {
        region_id: s.region.clone(),
        scaling_group_id: how.group.clone(),
        instance_refresh_task_id: how.id.clone(),
    };
    s.call(&req, io)?;
    say(io, t!("refresh.cli.held", task = how.id));
    Ok(())
}

fn summary(task: &InstanceRefreshTask, started: Option<Value>) -> Value {
    let mut value = started.unwrap_or_else(|| json!({}));
    if let Some(object) = value.as_object_mut() {
        object.insert("instanceRefreshTaskId".into(), task.instance_refresh_task_id.clone().into());
        object.insert("status".into(), task.status.clone().into());
        object.insert("finishedUpdateCapacity".into(), task.finished_update_capacity.into());
        object.insert("totalNeedUpdateCapacity".into(), task.total_need_update_capacity.into());
        object.insert("detail".into(), task.detail.clone().into());
    }
    value
}

/// The ungated follow: exit 0 success, 3 failed, 4 cancelled or rolled back, 5 paused (at a
/// checkpoint, held or not, unless --through-pauses), 6 timeout, 130 Ctrl-C.
fn plain(ctx: &mut Ctx, how: &How, started: Option<Value>) -> anyhow::Result<Code> {
    let timeout = match &how.timeout {
        Some(text) => Some(parse_duration(text).map_err(|e| usage(e.text()))?),
        None => None,
    };
    let (s, io) = ctx.session()?;
    let begun = Instant::now();
    let mut waiter = RefreshWaiter::new(config(s, !how.through_pauses, how.step));
    let mut last: Option<InstanceRefreshTask> = None;
    let mut held = false;
    loop {
        if s.is_interrupted() {
            return Ok(Code::Interrupted);
        }
        if timeout.is_some_and(|limit| begun.elapsed() >= limit) {
            say(io, t!("refresh.cli.timeout", task = how.id));
            io.json(&summary(&last.unwrap_or_default(), started))?;
            return Ok(Code::Timeout);
        }
        match waiter.next(now_of(begun)) {
            RefreshStep::Sleep { until_ms } => {
                let left = until_ms.saturating_sub(now_of(begun)).min(50);
                std::thread::sleep(Duration::from_millis(left));
            }
            RefreshStep::Read => {
                let task = read_task(s, io, &how.group, &how.id)?;
                let status = RefreshStatus::parse(task.status.as_deref().unwrap_or(""));
                if how.hold && status == RefreshStatus::CheckpointPause && !held {
                    hold(s, io, how)?;
                    held = true;
                } else if status == RefreshStatus::InProgress {
                    held = false;
                }
                for event in waiter.observe(now_of(begun), &task) {
                    progress(io, &event, &task);
                }
                last = Some(task);
            }
            RefreshStep::Done(end) => {
                let task = last.unwrap_or_default();
                if end == End::Paused {
                    let approve = format!(
                        "aliyun rolling-update approve {} --scaling-group-id {}",
                        how.id, how.group
                    );
                    say(io, t!("refresh.cli.paused", task = how.id, command = approve));
                }
                io.json(&summary(&task, started))?;
                return Ok(Code::from_follow(wait_exit(&end)));
            }
        }
    }
}

fn progress(io: &mut Io, event: &Event, task: &InstanceRefreshTask) {
    let total = task.total_need_update_capacity.unwrap_or(0);
    let done = task.finished_update_capacity.unwrap_or(0);
    match event {
        Event::BatchFinished { batch, .. } => {
            say(io, t!("refresh.cli.progress", point = batch, done = done, total = total));
        }
        Event::Finished { status, message } => {
            let detail = message.clone().unwrap_or_default();
            let state = task.status.clone().unwrap_or_default();
            say(
                io,
                t!(
                    "refresh.cli.ended",
                    task = task.instance_refresh_task_id,
                    status = state,
                    detail = detail
                ),
            );
            let _ = status;
        }
        _ => {}
    }
}

/// The instances the task created that were not seen before (its scaling activities).
fn new_instances(s: &Session, io: &mut Io, how: &How, seen: &mut BTreeSet<String>) -> Vec<String> {
    let req = DescribeScalingActivities {
        region_id: s.region.clone(),
        scaling_group_id: how.group.clone(),
        instance_refresh_task_id: Some(how.id.clone()),
        page_size: Some(50),
        ..DescribeScalingActivities::default()
    };
    let Ok(page) = s.call(&req, io) else { return Vec::new() };
    let mut out = Vec::new();
    for activity in page.scaling_activities {
        for id in activity.created_instances {
            if seen.insert(id.clone()) {
                out.push(id);
            }
        }
    }
    out
}

/// The state of a gated follow besides the gate.
struct Gated<'a> {
    how: &'a How,
    waiter: RefreshWaiter,
    last: InstanceRefreshTask,
    seen: BTreeSet<String>,
    begun: Instant,
}

impl Gated<'_> {
    fn now(&self) -> u64 {
        now_of(self.begun)
    }

    /// One read of the task: hold it at a checkpoint, feed the gate its events (with the
    /// instances the task created since the last point as the point's members).
    fn step(&mut self, s: &Session, io: &mut Io, gate: &mut Gate) -> anyhow::Result<()> {
        match self.waiter.next(self.now()) {
            RefreshStep::Sleep { until_ms } => {
                let left = until_ms.saturating_sub(self.now()).min(50);
                std::thread::sleep(Duration::from_millis(left));
            }
            RefreshStep::Done(end) => gate.on_end(&end),
            RefreshStep::Read => {
                let task = read_task(s, io, &self.how.group, &self.how.id)?;
                let status = RefreshStatus::parse(task.status.as_deref().unwrap_or(""));
                if status == RefreshStatus::CheckpointPause {
                    hold(s, io, self.how)?;
                }
                let events = self.waiter.observe(self.now(), &task);
                for event in &events {
                    if let Event::BatchFinished { batch, .. } = event {
                        for id in new_instances(s, io, self.how, &mut self.seen) {
                            gate.on_event(&Event::InstanceDone {
                                batch: *batch,
                                instance_id: Some(id.clone()),
                                task_execution_id: id,
                                status: Status::Success,
                            });
                        }
                    }
                    gate.on_event(event);
                    progress(io, event, &task);
                }
                self.last = task;
            }
        }
        Ok(())
    }
}

/// The gated follow: the gate's actions as refresh calls. Approve resumes the held task;
/// Cancel cancels it, or with --on-unhealthy rollback rolls it back at once (a refresh's
/// rollback replaces the new instances; a cancel before it would only stop the refresh).
fn gated(
    ctx: &mut Ctx,
    how: &How,
    gating: &Gating,
    started: Option<Value>,
) -> anyhow::Result<Code> {
    let (s, io) = ctx.session()?;
    let config = gates::paced(gating.config.clone(), s.poll.poll_ms);
    let rolls_back = config.on_unhealthy == rolling_update_core::gate::OnUnhealthy::Rollback;
    let context = GateContext {
        execution_id: how.id.clone(),
        scaling_group_id: how.group.clone(),
        region: s.region.clone(),
        batches: None,
    };
    let mut gate = Gate::new(config, context);
    let mut state = Gated {
        how,
        waiter: RefreshWaiter::new(config_of(s, how)),
        last: InstanceRefreshTask::default(),
        seen: BTreeSet::new(),
        begun: Instant::now(),
    };
    let parent_env: Vec<(OsString, OsString)> = std::env::vars_os().collect();
    let mut shown = 0;
    let (outcome, reason) = loop {
        if s.is_interrupted() {
            return Ok(Code::Interrupted);
        }
        let action = gate.next(state.now());
        match action {
            Action::Stop { outcome, reason } => break (outcome, reason),
            other => act(s, io, &mut gate, &mut state, other, (gating, &parent_env, rolls_back))?,
        }
        for record in &gate.records()[shown..] {
            io.progress(gates::describe(record));
        }
        shown = gate.records().len();
    };
    let said = gate.reason().cloned().unwrap_or_else(|| Text::raw(reason.clone()));
    finish(s, io, how, &state.last, (&outcome, &reason, &said), started)
}

fn config_of(s: &Session, how: &How) -> RefreshWaiterConfig {
    config(s, true, how.step)
}

type Extra<'a> = (&'a Gating, &'a Vec<(OsString, OsString)>, bool);

fn act(
    s: &Session,
    io: &mut Io,
    gate: &mut Gate,
    state: &mut Gated<'_>,
    action: Action,
    (gating, env, rolls_back): Extra<'_>,
) -> anyhow::Result<()> {
    let how = state.how;
    let control = (s.region.clone(), how.group.clone(), how.id.clone());
    match action {
        Action::Follow => {
            if matches!(state.waiter.next(state.now()), RefreshStep::Done(_)) {
                state.waiter.resume(state.now());
            }
            state.step(s, io, gate)?;
        }
        Action::LookUpAddresses { instance_ids, .. } => {
            match gates::look_up(s, io, &instance_ids) {
                Ok(ips) => gate.on_addresses(&ips),
                Err(err) => gate.on_addresses_failed(&err.to_string()),
            }
        }
        Action::RunCheck { batch, env: vars, timeout_ms } => {
            let lang = crate::lang::current();
            io.progress(t!("plugin.refresh.running_check", batch = batch).render(lang));
            let run = gates::run_check(
                &gating.command,
                env.clone(),
                &vars,
                Duration::from_millis(timeout_ms),
                &mut |line| {
                    io.say(t!("plugin.refresh.check_line", batch = batch, line = line).render(lang))
                },
            );
            gate.on_check(state.now(), run.result, run.duration_ms);
        }
        Action::ReadAlarms { rule_ids, .. } => match gates::read_alarms(s, io, rule_ids) {
            Ok(states) => gate.on_alarms(state.now(), &states),
            Err(err) => gate.on_alarms_failed(&err.to_string()),
        },
        Action::Sleep { until_ms } => {
            std::thread::sleep(Duration::from_millis(until_ms.saturating_sub(state.now()).min(50)));
        }
        Action::Approve { .. } => {
            let progress = json!({"finished": state.last.finished_update_capacity});
            let req = ResumeInstanceRefresh {
                region_id: control.0,
                scaling_group_id: control.1,
                instance_refresh_task_id: control.2,
            };
            match s.call(&req, io) {
                Ok(_) => gate.on_approved_from(state.now(), progress),
                Err(err) => gate.on_approve_failed(&err.to_string()),
            }
        }
        Action::ReadExecution => {
            let task = read_task(s, io, &how.group, &how.id)?;
            let status = RefreshStatus::parse(task.status.as_deref().unwrap_or(""));
            let progress = json!({"finished": task.finished_update_capacity});
            gate.on_execution_read(state.now(), &status.as_execution_status(), &progress);
            state.last = task;
        }
        Action::Cancel => {
            let result = if rolls_back && how.can_roll_back {
                let req = RollbackInstanceRefresh {
                    region_id: control.0,
                    scaling_group_id: control.1,
                    instance_refresh_task_id: control.2,
                };
                s.call(&req, io).map(|_| ())
            } else {
                let req = CancelInstanceRefresh {
                    region_id: control.0,
                    scaling_group_id: control.1,
                    instance_refresh_task_id: control.2,
                };
                s.call(&req, io).map(|_| ())
            };
            gate.on_cancelled(state.now(), result.map_err(|e| e.to_string()));
        }
        Action::StartRollback => {
            let status = RefreshStatus::parse(state.last.status.as_deref().unwrap_or(""));
            let result = match status {
                RefreshStatus::RollbackSuccessful => Ok((how.id.clone(), Status::Success)),
                RefreshStatus::RollbackFailed => Ok((how.id.clone(), Status::Failed)),
                other => Err((
                    None,
                    t!("refresh.cli.rollback_not_done", task = how.id, status = other.as_str())
                        .as_str()
                        .to_owned(),
                )),
            };
            gate.on_rollback(result);
        }
        Action::Stop { .. } => {}
    }
    Ok(())
}

fn finish(
    s: &Session,
    io: &mut Io,
    how: &How,
    last: &InstanceRefreshTask,
    (outcome, reason, said): (&Outcome, &str, &Text),
    started: Option<Value>,
) -> anyhow::Result<Code> {
    if *outcome == Outcome::LeftPaused
        && RefreshStatus::parse(last.status.as_deref().unwrap_or("")) == RefreshStatus::InProgress
    {
        // Without checkpoints the task runs on while judged: leave it paused for real.
        hold(s, io, how)?;
    }
    io.say(said.render(crate::lang::current()));
    let mut value = summary(last, started);
    if let Some(object) = value.as_object_mut() {
        object.insert("gate".into(), json!({"outcome": format!("{outcome:?}"), "reason": reason}));
    }
    io.json(&value)?;
    Ok(Code::from_follow(outcome.exit_code()))
}
