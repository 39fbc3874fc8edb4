//! Health gates: a sans-I/O state machine that judges each finished batch and says what to do
//! about it (run the check, read the alarms, wait out the bake, approve, cancel, roll back, stop).
//!
//! The gate never runs a command, reads a clock or calls the API. The caller follows the
//! execution with the [`crate::waiter::Waiter`], hands every waiter [`Event`] to
//! [`Gate::on_event`] and the waiter's end to [`Gate::on_end`], then asks [`Gate::next`] until
//! it says [`Action::Follow`] (drive the waiter again) or [`Action::Stop`]:
//!
//! ```text
//! loop {
//!     match gate.next(now) {
//!         Action::Follow => follow with the waiter, feed its events, then ask again,
//!         Action::LookUpAddresses { instance_ids, .. } => ECS DescribeInstances -> on_addresses,
//!         Action::RunCheck { env, timeout_ms, .. } => run the command -> on_check,
//!         Action::ReadAlarms { rule_ids, .. } => CMS DescribeMetricRuleList -> on_alarms,
//!         Action::Sleep { until_ms } => sleep,
//!         Action::Approve { .. } => NotifyExecution -> on_approved,
//!         Action::ReadExecution => ListExecutions -> on_execution,
//!         Action::Cancel => CancelExecution -> on_cancelled,
//!         Action::StartRollback => start the derived rollback, follow it -> on_rollback,
//!         Action::Stop { outcome, reason } => exit with outcome.exit_code(),
//!     }
//! }
//! ```
//!
//! # What makes a batch healthy
//!
//! In this order, the first failure deciding:
//! 1. none of its instances failed (a batch with a failed instance is unhealthy at once);
//! 2. the check (when given) exits 0 within its timeout; a check that cannot start or runs out
//!    of time is unhealthy. The check runs once, as soon as the batch is seen finished;
//! 3. during the bake (`--bake`, measured from the moment the gate saw the batch finished) the
//!    alarms are read every [`GateConfig::alarm_poll_ms`]; any rule in `ALARM` fails the batch at
//!    once. `INSUFFICIENT_DATA` during the bake is tolerated (a fresh batch may not have data
//!    yet);
//! 4. after the bake, one last reading: every rule must be `OK`. `INSUFFICIENT_DATA` counts as
//!    unhealthy unless [`InsufficientData::Healthy`] was chosen (the safe default is
//!    unhealthy: no data is no evidence of health). A rule missing from the answer (a rule that
//!    does not exist) or an answer that could not be read is unhealthy, never a silent pass.
//!
//! # Approvals are confirmed
//!
//! Which NotifyExecution call continues a batch pause is not documented. After each approval
//! the gate re-reads the execution every [`GateConfig::confirm_poll_ms`] and expects it to leave
//! `Waiting` within [`GateConfig::confirm_ms`] (a [`Confirmation`], which the `approve` verb
//! uses too). When it does not, the gate stops with [`Outcome::ApprovalUnconfirmed`] instead of
//! approving again.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use crate::api::cms::AlertState;
use crate::api::response::Status;
use crate::i18n::Text;
use crate::t;
use crate::waiter::{End, Event};

/// CloudMonitor takes at most this many rule ids in one DescribeMetricRuleList call.
pub use crate::api::cms::MAX_RULE_IDS as MAX_RULES_PER_CALL;

mod confirm;
pub mod preflight;
mod record;
mod types;

pub use confirm::*;
pub use record::*;
pub use types::*;

/// The check's `RU_*` environment for batch `batch` of `instance_ids`; `ips` are
/// `(instance id, private IP)` in any order, and an instance with no IP is left out of
/// `RU_INSTANCE_IPS`.
pub fn check_env(
    context: &GateContext,
    batch: i64,
    instance_ids: &[String],
    ips: &[(String, String)],
) -> Vec<(String, String)> {
    let batches = context.batches.map(|n| n.to_string()).unwrap_or_default();
    let ordered: Vec<&str> = instance_ids
        .iter()
        .filter_map(|id| ips.iter().find(|(i, _)| i == id).map(|(_, ip)| ip.as_str()))
        .collect();
    vec![
        ("RU_EXECUTION_ID".into(), context.execution_id.clone()),
        ("RU_SCALING_GROUP_ID".into(), context.scaling_group_id.clone()),
        ("RU_REGION".into(), context.region.clone()),
        ("RU_BATCH".into(), batch.to_string()),
        ("RU_BATCHES".into(), batches),
        ("RU_INSTANCE_IDS".into(), instance_ids.join(",")),
        ("RU_INSTANCE_IPS".into(), ordered.join(",")),
    ]
}

/// Where the execution is, as far as the gate knows.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Run {
    Running,
    Paused,
    Ended(Status),
}

/// Where one batch's gate is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Stage {
    Addresses,
    Check,
    /// Baking until `until_ms`; the next alarm reading is due at `next_read_ms`.
    Bake {
        until_ms: u64,
        next_read_ms: u64,
        reading: bool,
    },
    /// The reading after the bake is under way.
    FinalRead,
}

#[derive(Debug, Clone)]
struct Judging {
    batch: i64,
    stage: Stage,
    /// `(instance id, private IP)` as read.
    ips: Vec<(String, String)>,
    record: GateRecord,
}

/// What the gate is doing once a batch is judged.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    /// Following, or judging the front of the queue.
    Watching,
    /// Approved; waiting for the execution to leave `Waiting` until `deadline_ms`.
    Confirming(Confirmation),
    /// Cancel sent; waiting for a terminal status until `deadline_ms`, then `then_rollback`.
    Cancelling { deadline_ms: u64, next_read_ms: u64, reading: bool, then_rollback: bool },
    /// Approve batch `0` next.
    Approving(i64),
    /// Send the cancel next.
    SendCancel,
    /// Ask for the rollback next.
    StartRollback,
    /// The rollback was asked for; waiting for [`Gate::on_rollback`].
    RollingBack,
}

/// The gate state machine of one update.
#[derive(Debug, Clone)]
pub struct Gate {
    config: GateConfig,
    context: GateContext,
    run: Run,
    phase: Phase,
    members: BTreeMap<i64, Vec<String>>,
    failed: BTreeMap<i64, usize>,
    /// Batches seen finished and not yet judged, in order.
    queue: VecDeque<i64>,
    judged: BTreeSet<i64>,
    current: Option<Judging>,
    records: Vec<GateRecord>,
    /// The reason of the gate that failed.
    failure: Option<Text>,
    /// A healthy batch whose pause is still to approve.
    to_approve: Option<i64>,
    stop: Option<(Outcome, Text)>,
}

/// A list of texts for a person: `a, b, c` (`、`-free: the items are ids and states).
fn list(items: Vec<Text>) -> Text {
    items
        .into_iter()
        .rev()
        .reduce(|rest, first| t!("gate.reason.list", first: first, rest: rest))
        .unwrap_or_default()
}

/// `batch N: <why>`, the form every batch's reason takes.
fn of_batch(batch: i64, why: &Text) -> Text {
    t!("gate.reason.batch", batch = batch, reason: why.clone())
}

impl Gate {
    /// A gate for one execution.
    pub fn new(config: GateConfig, context: GateContext) -> Gate {
        Gate {
            config,
            context,
            run: Run::Running,
            phase: Phase::Watching,
            members: BTreeMap::new(),
            failed: BTreeMap::new(),
            queue: VecDeque::new(),
            judged: BTreeSet::new(),
            current: None,
            records: Vec::new(),
            failure: None,
            to_approve: None,
            stop: None,
        }
    }

    /// Every gate judged so far, in order.
    pub fn records(&self) -> &[GateRecord] {
        &self.records
    }

    /// Why gating stopped, for a person (its English is the `reason` of [`Action::Stop`]);
    /// `None` before it stops.
    pub fn reason(&self) -> Option<&Text> {
        self.stop.as_ref().map(|(_, reason)| reason)
    }

    /// What the gate is doing at `now_ms`, for the live block (`None`: following).
    pub fn step(&self, now_ms: u64) -> Option<GateStep> {
        if self.stop.is_some() {
            return None;
        }
        match &self.phase {
            Phase::Approving(batch) => return Some(GateStep::Approving { batch: *batch }),
            Phase::Confirming(_) => return Some(GateStep::Confirming),
            Phase::Cancelling { .. } | Phase::SendCancel => return Some(GateStep::Cancelling),
            Phase::StartRollback | Phase::RollingBack => return Some(GateStep::RollingBack),
            Phase::Watching => {}
        }
        let judging = self.current.as_ref()?;
        let batch = judging.batch;
        Some(match judging.stage {
            Stage::Addresses => GateStep::Addresses { batch },
            Stage::Check => GateStep::Check { batch },
            Stage::Bake { reading: true, .. } | Stage::FinalRead => GateStep::Alarms { batch },
            Stage::Bake { until_ms, .. } => {
                GateStep::Baking { batch, left_ms: until_ms.saturating_sub(now_ms) }
            }
        })
    }

    /// What the gate does with the batch it judges when it is healthy and when it is not, for
    /// the live block's next step (`None` when it judges nothing).
    pub fn next_step(&self) -> Option<Text> {
        let judging = self.current.as_ref()?;
        let unhealthy = match self.config.on_unhealthy {
            OnUnhealthy::Pause => t!("gate.next.unhealthy_pause"),
            OnUnhealthy::Cancel => t!("gate.next.unhealthy_cancel"),
            OnUnhealthy::Rollback => t!("gate.next.unhealthy_rollback"),
        };
        Some(if self.run == Run::Paused {
            t!("gate.next.approve", batch = judging.batch, unhealthy: unhealthy)
        } else {
            t!("gate.next.pass", batch = judging.batch, unhealthy: unhealthy)
        })
    }

    /// One waiter event. A batch reported finished again by a fresh waiter is not judged twice.
    pub fn on_event(&mut self, event: &Event) {
        match event {
            Event::InstanceDone { batch, instance_id: Some(id), .. }
            | Event::InstanceFailed { batch, instance_id: Some(id), .. } => {
                let members = self.members.entry(*batch).or_default();
                if !members.contains(id) {
                    members.push(id.clone());
                }
            }
            Event::BatchFinished { batch, failed, .. } => {
                self.failed.insert(*batch, *failed);
                let known = self.judged.contains(batch)
                    || self.queue.contains(batch)
                    || self.current.as_ref().is_some_and(|j| j.batch == *batch);
                if !known {
                    self.queue.push_back(*batch);
                }
            }
            Event::Paused { .. } => self.run = Run::Paused,
            Event::Resumed => self.run = Run::Running,
            Event::Finished { status, .. } => self.run = Run::Ended(status.clone()),
            _ => {}
        }
    }

    /// The waiter's end.
    pub fn on_end(&mut self, end: &End) {
        self.run = match end {
            End::Paused => Run::Paused,
            End::Finished(status) => Run::Ended(status.clone()),
        };
    }

    /// What to do now.
    pub fn next(&mut self, now_ms: u64) -> Action {
        if let Some((outcome, reason)) = &self.stop {
            return Action::Stop { outcome: outcome.clone(), reason: reason.to_string() };
        }
        match self.phase.clone() {
            Phase::Approving(batch) => Action::Approve { batch },
            Phase::SendCancel => Action::Cancel,
            Phase::StartRollback => {
                self.phase = Phase::RollingBack;
                Action::StartRollback
            }
            // The rollback is asked for once; the caller reports it with on_rollback.
            Phase::RollingBack => Action::Sleep { until_ms: now_ms + self.config.confirm_poll_ms },
            Phase::Confirming(confirmation) => match confirmation.next(now_ms) {
                ConfirmStep::Read => Action::ReadExecution,
                ConfirmStep::Sleep { until_ms } => Action::Sleep { until_ms },
                ConfirmStep::Confirmed { .. } => {
                    // on_execution has already moved on; follow again.
                    self.phase = Phase::Watching;
                    self.next(now_ms)
                }
                ConfirmStep::Unconfirmed { waited_ms } => {
                    let reason = t!(
                        "gate.stop.approval_unconfirmed",
                        id = self.context.execution_id,
                        seconds = waited_ms / 1000,
                    );
                    self.finish(Outcome::ApprovalUnconfirmed, reason)
                }
            },
            Phase::Cancelling { deadline_ms, next_read_ms, reading, then_rollback } => {
                if reading {
                    Action::ReadExecution
                } else if now_ms >= deadline_ms {
                    let reason = t!(
                        "gate.stop.cancel_not_ended",
                        failure: self.failure_text(),
                        id = self.context.execution_id,
                        seconds = self.config.cancel_ms / 1000,
                    );
                    let outcome = if then_rollback {
                        Outcome::RollbackFailed { rollback_execution_id: None }
                    } else {
                        Outcome::Cancelled
                    };
                    self.finish(outcome, reason)
                } else if now_ms >= next_read_ms {
                    self.phase = Phase::Cancelling {
                        deadline_ms,
                        next_read_ms,
                        reading: true,
                        then_rollback,
                    };
                    Action::ReadExecution
                } else {
                    Action::Sleep { until_ms: next_read_ms.min(deadline_ms) }
                }
            }
            Phase::Watching => self.watch(now_ms),
        }
    }

    fn watch(&mut self, now_ms: u64) -> Action {
        if self.current.is_none()
            && let Some(batch) = self.queue.pop_front()
        {
            self.begin(batch, now_ms);
            if self.current.is_none() {
                // Judged unhealthy at once (a failed instance).
                return self.next(now_ms);
            }
        }
        if self.current.is_some() {
            return self.judge(now_ms);
        }
        // Nothing left to judge.
        match &self.run {
            Run::Running => Action::Follow,
            Run::Paused if self.to_approve.is_some() => {
                let batch = self.to_approve.take().unwrap_or_default();
                self.phase = Phase::Approving(batch);
                Action::Approve { batch }
            }
            Run::Paused => self.finish(
                Outcome::PausedUngated,
                t!("gate.stop.paused_ungated", id = self.context.execution_id),
            ),
            Run::Ended(Status::Success) => {
                let reason = t!("gate.stop.passed", count = self.records.len());
                self.finish(Outcome::Passed, reason)
            }
            Run::Ended(status) => {
                let status = status.clone();
                let reason = t!(
                    "gate.stop.ended",
                    id = self.context.execution_id,
                    status = format!("{status:?}"),
                );
                self.finish(Outcome::Ended { status }, reason)
            }
        }
    }

    fn begin(&mut self, batch: i64, now_ms: u64) {
        let instance_ids = self.members.get(&batch).cloned().unwrap_or_default();
        let record = GateRecord {
            batch,
            instance_ids,
            check: None,
            alarms: Vec::new(),
            healthy: false,
            reason: Text::default(),
            why: Text::default(),
            decision: Decision::Pause,
        };
        let mut judging = Judging { batch, stage: Stage::Addresses, ips: Vec::new(), record };
        let failed = self.failed.get(&batch).copied().unwrap_or(0);
        if failed > 0 {
            self.current = Some(judging);
            self.unhealthy(t!("gate.reason.instances_failed", failed = failed));
            return;
        }
        judging.stage = if !self.config.check {
            self.bake_stage(now_ms)
        } else if judging.record.instance_ids.is_empty() {
            Stage::Check
        } else {
            Stage::Addresses
        };
        self.current = Some(judging);
    }

    fn bake_stage(&self, now_ms: u64) -> Stage {
        if self.config.bake_ms == 0 {
            Stage::FinalRead
        } else {
            Stage::Bake {
                until_ms: now_ms + self.config.bake_ms,
                next_read_ms: now_ms,
                reading: false,
            }
        }
    }

    fn judge(&mut self, now_ms: u64) -> Action {
        let Some(judging) = &mut self.current else { return Action::Follow };
        let batch = judging.batch;
        match judging.stage.clone() {
            Stage::Addresses => {
                Action::LookUpAddresses { batch, instance_ids: judging.record.instance_ids.clone() }
            }
            Stage::Check => {
                let env = self.env(batch);
                Action::RunCheck { batch, env, timeout_ms: self.config.check_timeout_ms }
            }
            Stage::Bake { until_ms, next_read_ms, reading } => {
                if reading {
                    return Action::ReadAlarms { batch, rule_ids: self.chunks() };
                }
                if now_ms >= until_ms {
                    judging.stage = Stage::FinalRead;
                    return self.judge(now_ms);
                }
                if !self.config.alarms.is_empty() && now_ms >= next_read_ms {
                    judging.stage = Stage::Bake { until_ms, next_read_ms, reading: true };
                    return Action::ReadAlarms { batch, rule_ids: self.chunks() };
                }
                let wake = if self.config.alarms.is_empty() {
                    until_ms
                } else {
                    next_read_ms.min(until_ms)
                };
                Action::Sleep { until_ms: wake }
            }
            Stage::FinalRead => {
                if self.config.alarms.is_empty() {
                    self.healthy(now_ms);
                    self.next(now_ms)
                } else {
                    Action::ReadAlarms { batch, rule_ids: self.chunks() }
                }
            }
        }
    }

    fn chunks(&self) -> Vec<Vec<String>> {
        self.config.alarms.chunks(MAX_RULES_PER_CALL).map(<[String]>::to_vec).collect()
    }

    fn env(&self, batch: i64) -> Vec<(String, String)> {
        let Some(judging) = &self.current else { return Vec::new() };
        check_env(&self.context, batch, &judging.record.instance_ids, &judging.ips)
    }

    /// The private IPs read for the batch's instances, in any order. Instances with no IP are
    /// left out of `RU_INSTANCE_IPS`.
    pub fn on_addresses(&mut self, ips: &[(String, String)]) {
        let Some(judging) = &mut self.current else { return };
        if judging.stage != Stage::Addresses {
            return;
        }
        judging.ips = ips.to_vec();
        judging.stage = Stage::Check;
    }

    /// The addresses could not be read: the batch cannot be checked, so it is unhealthy.
    pub fn on_addresses_failed(&mut self, error: &str) {
        let Some(judging) = &self.current else { return };
        if judging.stage == Stage::Addresses {
            self.unhealthy(t!("gate.reason.addresses_unreadable", error = error));
        }
    }

    /// How the check ended and how long it ran.
    pub fn on_check(&mut self, now_ms: u64, result: CheckResult, duration_ms: u64) {
        let bake = self.bake_stage(now_ms);
        let Some(judging) = &mut self.current else { return };
        if judging.stage != Stage::Check {
            return;
        }
        judging.record.check = Some(CheckRecord { result: result.clone(), duration_ms });
        match result {
            CheckResult::Exited { code: Some(0) } => judging.stage = bake,
            CheckResult::Exited { code: Some(code) } => {
                self.unhealthy(t!("gate.reason.check_exited", code = code))
            }
            CheckResult::Exited { code: None } => self.unhealthy(t!("gate.reason.check_killed")),
            CheckResult::TimedOut => self.unhealthy(t!(
                "gate.reason.check_timed_out",
                seconds = self.config.check_timeout_ms / 1000
            )),
            CheckResult::CouldNotStart { error } => {
                self.unhealthy(t!("gate.reason.check_not_started", error = error))
            }
        }
    }

    /// The states read for the rules (all chunks together).
    pub fn on_alarms(&mut self, now_ms: u64, states: &[(String, AlertState)]) {
        let insufficient_ok = self.config.insufficient_data == InsufficientData::Healthy;
        let readings: Vec<AlarmReading> = self
            .config
            .alarms
            .iter()
            .map(|rule| AlarmReading {
                rule_id: rule.clone(),
                state: states.iter().find(|(r, _)| r == rule).map(|(_, s)| s.clone()),
            })
            .collect();
        let poll = self.config.alarm_poll_ms.max(1);
        let Some(judging) = &mut self.current else { return };
        judging.record.alarms = readings.clone();
        let firing: Vec<&str> = readings
            .iter()
            .filter(|r| r.state == Some(AlertState::Alarm))
            .map(|r| r.rule_id.as_str())
            .collect();
        match judging.stage.clone() {
            Stage::Bake { until_ms, reading: true, .. } => {
                if !firing.is_empty() {
                    let list = firing.join(", ");
                    self.unhealthy(t!("gate.reason.alarm_fired", list = list));
                } else {
                    judging.stage =
                        Stage::Bake { until_ms, next_read_ms: now_ms + poll, reading: false };
                }
            }
            Stage::FinalRead => {
                let bad: Vec<Text> = readings
                    .iter()
                    .filter_map(|r| match &r.state {
                        Some(AlertState::Ok) => None,
                        Some(AlertState::InsufficientData) if insufficient_ok => None,
                        Some(state) => Some(t!(
                            "gate.reason.alarm_state",
                            rule = r.rule_id,
                            state = state.as_str()
                        )),
                        None => Some(t!("gate.reason.alarm_missing", rule = r.rule_id)),
                    })
                    .collect();
                if bad.is_empty() {
                    self.healthy(now_ms);
                } else {
                    self.unhealthy(list(bad));
                }
            }
            _ => {}
        }
    }

    /// The alarms could not be read: unhealthy, never a silent pass.
    pub fn on_alarms_failed(&mut self, error: &str) {
        let Some(judging) = &self.current else { return };
        if matches!(judging.stage, Stage::Bake { reading: true, .. } | Stage::FinalRead) {
            self.unhealthy(t!("gate.reason.alarms_unreadable", error = error));
        }
    }

    /// The approval was sent.
    pub fn on_approved(&mut self, now_ms: u64) {
        self.on_approved_from(now_ms, serde_json::Value::Null);
    }

    /// The approval was sent; `progress` is the execution's `Counters` read just before it
    /// (see [`Confirmation`]).
    pub fn on_approved_from(&mut self, now_ms: u64, progress: serde_json::Value) {
        if let Phase::Approving(_) = self.phase {
            self.phase = Phase::Confirming(
                Confirmation::new(now_ms, self.config.confirm_ms, self.config.confirm_poll_ms)
                    .with_baseline(progress),
            );
        }
    }

    /// The approval was refused by the API: stop, leaving the update paused.
    pub fn on_approve_failed(&mut self, error: &str) {
        let reason = t!("gate.stop.approval_failed", id = self.context.execution_id, error = error);
        self.finish(Outcome::ApprovalUnconfirmed, reason);
    }

    /// The execution's status as just read (after [`Action::ReadExecution`]).
    pub fn on_execution(&mut self, now_ms: u64, status: &Status) {
        self.on_execution_read(now_ms, status, &serde_json::Value::Null);
    }

    /// The execution's status and progress (`Counters`) as just read.
    pub fn on_execution_read(
        &mut self,
        now_ms: u64,
        status: &Status,
        progress: &serde_json::Value,
    ) {
        match self.phase.clone() {
            Phase::Confirming(mut confirmation) => {
                confirmation.on_read(now_ms, status, progress);
                if *status == Status::Waiting
                    && !matches!(confirmation.next(now_ms), ConfirmStep::Confirmed { .. })
                {
                    self.phase = Phase::Confirming(confirmation);
                } else {
                    self.run = if status.is_terminal() {
                        Run::Ended(status.clone())
                    } else {
                        Run::Running
                    };
                    self.phase = Phase::Watching;
                }
            }
            Phase::Cancelling { deadline_ms, then_rollback, .. } => {
                if status.is_terminal() {
                    self.run = Run::Ended(status.clone());
                    if then_rollback {
                        self.phase = Phase::StartRollback;
                    } else {
                        let reason = t!(
                            "gate.stop.cancelled",
                            failure: self.failure_text(),
                            id = self.context.execution_id,
                        );
                        self.finish(Outcome::Cancelled, reason);
                    }
                } else {
                    self.phase = Phase::Cancelling {
                        deadline_ms,
                        next_read_ms: now_ms + self.config.confirm_poll_ms,
                        reading: false,
                        then_rollback,
                    };
                }
            }
            _ => {}
        }
    }

    /// A re-read after an approval or a cancel failed; the next read is tried a poll later.
    pub fn on_execution_failed(&mut self, now_ms: u64) {
        match &mut self.phase {
            Phase::Confirming(confirmation) => confirmation.on_read_failed(now_ms),
            Phase::Cancelling { next_read_ms, reading, .. } => {
                *reading = false;
                *next_read_ms = now_ms + self.config.confirm_poll_ms;
            }
            _ => {}
        }
    }

    /// The cancel was sent (`Ok`) or refused (`Err`).
    pub fn on_cancelled(&mut self, now_ms: u64, result: Result<(), String>) {
        let then_rollback = self.config.on_unhealthy == OnUnhealthy::Rollback;
        match result {
            Ok(()) => {
                self.phase = Phase::Cancelling {
                    deadline_ms: now_ms + self.config.cancel_ms,
                    next_read_ms: now_ms,
                    reading: false,
                    then_rollback,
                };
            }
            Err(error) => {
                let reason = t!(
                    "gate.stop.cancel_failed",
                    failure: self.failure_text(),
                    id = self.context.execution_id,
                    error = error,
                );
                let outcome = if then_rollback {
                    Outcome::RollbackFailed { rollback_execution_id: None }
                } else {
                    Outcome::LeftPaused
                };
                self.finish(outcome, reason);
            }
        }
    }

    /// The rollback ended: its execution id (when it started) and its terminal status, or why
    /// it could not start.
    pub fn on_rollback(&mut self, result: Result<(String, Status), (Option<String>, String)>) {
        let failure = self.failure_text();
        match result {
            Ok((id, Status::Success)) => {
                let reason = t!("gate.stop.rolled_back", failure: failure, id = id);
                self.finish(Outcome::RolledBack { rollback_execution_id: id }, reason);
            }
            Ok((id, status)) => {
                let status = format!("{status:?}");
                let reason =
                    t!("gate.stop.rollback_ended", failure: failure, id = id, status = status);
                self.finish(Outcome::RollbackFailed { rollback_execution_id: Some(id) }, reason);
            }
            Err((id, error)) => {
                let reason = t!("gate.stop.rollback_failed", failure: failure, error = error);
                self.finish(Outcome::RollbackFailed { rollback_execution_id: id }, reason);
            }
        }
    }

    fn failure_text(&self) -> Text {
        self.failure.clone().unwrap_or_else(|| t!("gate.reason.a_gate_failed"))
    }

    fn healthy(&mut self, _now_ms: u64) {
        let Some(mut judging) = self.current.take() else { return };
        let batch = judging.batch;
        let paused = self.run == Run::Paused;
        judging.record.healthy = true;
        judging.record.why = t!("gate.reason.healthy");
        judging.record.reason = of_batch(batch, &judging.record.why);
        judging.record.decision = if paused { Decision::Approve } else { Decision::Pass };
        self.judged.insert(batch);
        self.records.push(judging.record);
        if paused {
            self.to_approve = Some(batch);
        }
    }

    /// The batch being judged is unhealthy because of `why` (without its batch: the reason
    /// says `batch N: <why>`).
    fn unhealthy(&mut self, why: Text) {
        let Some(mut judging) = self.current.take() else { return };
        let reason = of_batch(judging.batch, &why);
        self.judged.insert(judging.batch);
        self.queue.clear();
        self.to_approve = None;
        self.failure = Some(reason.clone());
        let id = self.context.execution_id.clone();
        let ended = match &self.run {
            Run::Ended(status) => Some(status.clone()),
            _ => None,
        };
        let decision = match self.config.on_unhealthy {
            OnUnhealthy::Pause => Decision::Pause,
            OnUnhealthy::Cancel => Decision::Cancel,
            OnUnhealthy::Rollback => Decision::Rollback,
        };
        judging.record.reason = reason.clone();
        judging.record.why = why;
        judging.record.decision = decision;
        self.records.push(judging.record);
        match (decision, ended) {
            (Decision::Pause, None) if self.run == Run::Paused => {
                let text = t!("gate.stop.left_paused", failure: reason, id = id);
                self.finish(Outcome::LeftPaused, text);
            }
            (Decision::Pause, None) => {
                let text = t!("gate.stop.still_running", failure: reason, id = id);
                self.finish(Outcome::LeftPaused, text);
            }
            (Decision::Cancel | Decision::Pause, Some(status)) => {
                let status = format!("{status:?}");
                let text = t!("gate.stop.already_ended", failure: reason, id = id, status = status);
                self.finish(Outcome::LeftPaused, text);
            }
            (Decision::Rollback, Some(_)) => self.phase = Phase::StartRollback,
            _ => self.phase = Phase::SendCancel,
        };
    }

    fn finish(&mut self, outcome: Outcome, reason: Text) -> Action {
        let english = reason.to_string();
        self.stop = Some((outcome.clone(), reason));
        Action::Stop { outcome, reason: english }
    }
}

#[cfg(test)]
mod tests;
