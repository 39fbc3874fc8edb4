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
//! `Waiting` within [`GateConfig::confirm_ms`]. When it does not, the gate stops with
//! [`Outcome::ApprovalUnconfirmed`] instead of approving again.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde::Serialize;

use crate::api::cms::AlertState;
use crate::api::response::Status;
use crate::waiter::{End, Event};

/// CloudMonitor takes at most this many rule ids in one DescribeMetricRuleList call.
pub const MAX_RULES_PER_CALL: usize = 20;

/// What to do when a gate fails (`--on-unhealthy`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum OnUnhealthy {
    /// Leave a paused update paused and stop (the default).
    #[default]
    Pause,
    /// Cancel the update if it still runs, start its rollback and follow it.
    Rollback,
    /// Cancel the update.
    Cancel,
}

/// How a rule in `INSUFFICIENT_DATA` counts after the bake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum InsufficientData {
    /// As unhealthy (the default: no data is no evidence of health).
    #[default]
    Unhealthy,
    /// As healthy.
    Healthy,
}

/// The gates of one update. Build it from [`GateConfig::default`] with struct update syntax.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateConfig {
    /// A check command is given (`--check`).
    pub check: bool,
    /// A check running longer is unhealthy (`--check-timeout`, default 5 minutes).
    pub check_timeout_ms: u64,
    /// CloudMonitor alarm rule ids (`--alarm`).
    pub alarms: Vec<String>,
    /// How long a finished batch must stay healthy (`--bake`, default 0).
    pub bake_ms: u64,
    /// Alarm readings during the bake, this far apart (default 30 s).
    pub alarm_poll_ms: u64,
    /// How `INSUFFICIENT_DATA` counts after the bake.
    pub insufficient_data: InsufficientData,
    /// What a failed gate does.
    pub on_unhealthy: OnUnhealthy,
    /// An approval must take the execution out of `Waiting` within this (default 60 s).
    pub confirm_ms: u64,
    /// Re-reads of the execution after an approval, this far apart (default 5 s).
    pub confirm_poll_ms: u64,
    /// How long a cancelled execution may take to reach a terminal status (default 5 minutes).
    pub cancel_ms: u64,
}

impl Default for GateConfig {
    fn default() -> Self {
        GateConfig {
            check: false,
            check_timeout_ms: 5 * 60_000,
            alarms: Vec::new(),
            bake_ms: 0,
            alarm_poll_ms: 30_000,
            insufficient_data: InsufficientData::Unhealthy,
            on_unhealthy: OnUnhealthy::Pause,
            confirm_ms: 60_000,
            confirm_poll_ms: 5_000,
            cancel_ms: 5 * 60_000,
        }
    }
}

impl GateConfig {
    /// Whether anything is gated at all.
    pub fn is_gated(&self) -> bool {
        self.check || !self.alarms.is_empty() || self.bake_ms > 0
    }
}

/// What the check's environment names.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GateContext {
    /// The execution being gated.
    pub execution_id: String,
    /// Its scaling group.
    pub scaling_group_id: String,
    /// Its region.
    pub region: String,
    /// How many batches it runs, when known.
    pub batches: Option<u32>,
}

/// How one run of the check ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum CheckResult {
    /// It exited with this code (`None` when killed by a signal).
    Exited {
        /// The exit code.
        code: Option<i32>,
    },
    /// It ran longer than the timeout and was stopped.
    TimedOut,
    /// It could not be started.
    CouldNotStart {
        /// Why.
        error: String,
    },
}

/// The check's result in a gate record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckRecord {
    /// How it ended.
    pub result: CheckResult,
    /// How long it ran, in milliseconds.
    pub duration_ms: u64,
}

/// One rule's state at the last reading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlarmReading {
    /// The rule id.
    pub rule_id: String,
    /// Its state (`None` when the rule was not in the answer).
    pub state: Option<AlertState>,
}

/// What a gate decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Decision {
    /// Healthy, and the paused update was approved.
    Approve,
    /// Healthy, and the update goes on (it was not paused, or it has finished).
    Pass,
    /// Unhealthy: the update is left as it is (paused, or running when it was not paused).
    Pause,
    /// Unhealthy: the update is cancelled.
    Cancel,
    /// Unhealthy: the update is rolled back.
    Rollback,
}

/// Every gate's result: the record that goes to the final JSON and the progress lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GateRecord {
    /// `LoopBatchNumber` of the batch.
    pub batch: i64,
    /// Its instances as the task list named them.
    pub instance_ids: Vec<String>,
    /// The check, when one ran.
    pub check: Option<CheckRecord>,
    /// The last alarm reading.
    pub alarms: Vec<AlarmReading>,
    /// Whether the batch passed.
    pub healthy: bool,
    /// Why it passed or failed.
    pub reason: String,
    /// What was done about it.
    pub decision: Decision,
}

/// How gating ended; [`Outcome::exit_code`] is the plugin's exit code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "kind")]
pub enum Outcome {
    /// The update succeeded and every gate passed (exit 0).
    Passed,
    /// A gate failed and the rollback succeeded (exit 7).
    RolledBack {
        /// The rollback execution.
        rollback_execution_id: String,
    },
    /// A gate failed and the update was left paused (or running, when it never pauses) (8).
    LeftPaused,
    /// A gate failed and the update was cancelled (8).
    Cancelled,
    /// A gate failed and the rollback failed or could not start (8).
    RollbackFailed {
        /// The rollback execution, when one started.
        rollback_execution_id: Option<String>,
    },
    /// An approval did not take the execution out of `Waiting` (exit 5, as a pause).
    ApprovalUnconfirmed,
    /// The update paused with no finished batch to judge (exit 5, as a pause).
    PausedUngated,
    /// The update ended without a gate failing: `Failed` (3) or `Cancelled` (4).
    Ended {
        /// The terminal status.
        status: Status,
    },
}

impl Outcome {
    /// The exit code: 0, 7 and 8 for the gates, the others as for `wait`.
    pub fn exit_code(&self) -> u8 {
        match self {
            Outcome::Passed => 0,
            Outcome::RolledBack { .. } => 7,
            Outcome::LeftPaused | Outcome::Cancelled | Outcome::RollbackFailed { .. } => 8,
            Outcome::ApprovalUnconfirmed | Outcome::PausedUngated => 5,
            Outcome::Ended { status: Status::Cancelled } => 4,
            Outcome::Ended { status: Status::Success } => 0,
            Outcome::Ended { .. } => 3,
        }
    }
}

/// What the caller does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Nothing to judge now: follow the execution with the waiter and feed its events.
    Follow,
    /// Read the private IPs of these instances (ECS DescribeInstances, up to 100 per call),
    /// then [`Gate::on_addresses`].
    LookUpAddresses {
        /// The batch.
        batch: i64,
        /// Its instances.
        instance_ids: Vec<String>,
    },
    /// Run the check with this environment (added to the plugin's, credentials removed), stop
    /// it after `timeout_ms`, then [`Gate::on_check`].
    RunCheck {
        /// The batch.
        batch: i64,
        /// `RU_*` variables.
        env: Vec<(String, String)>,
        /// The timeout.
        timeout_ms: u64,
    },
    /// Read the alarm rules, one DescribeMetricRuleList per chunk, then [`Gate::on_alarms`].
    ReadAlarms {
        /// The batch.
        batch: i64,
        /// Rule ids, at most [`MAX_RULES_PER_CALL`] per chunk.
        rule_ids: Vec<Vec<String>>,
    },
    /// Nothing is due before `until_ms`.
    Sleep {
        /// When to ask again.
        until_ms: u64,
    },
    /// Approve the paused execution (the approval continues batch `batch + 1`), then
    /// [`Gate::on_approved`].
    Approve {
        /// The batch that passed.
        batch: i64,
    },
    /// Read the execution (ListExecutions), then [`Gate::on_execution`].
    ReadExecution,
    /// Cancel the execution (CancelExecution), then [`Gate::on_cancelled`].
    Cancel,
    /// Start the rollback that `rollback` would derive, follow it to its end, then
    /// [`Gate::on_rollback`].
    StartRollback,
    /// Gating is over.
    Stop {
        /// How it ended.
        outcome: Outcome,
        /// Why, in one sentence.
        reason: String,
    },
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
    ips: Vec<String>,
    record: GateRecord,
}

/// What the gate is doing once a batch is judged.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Phase {
    /// Following, or judging the front of the queue.
    Watching,
    /// Approved; waiting for the execution to leave `Waiting` until `deadline_ms`.
    Confirming { deadline_ms: u64, next_read_ms: u64, reading: bool },
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
    failure: Option<String>,
    /// A healthy batch whose pause is still to approve.
    to_approve: Option<i64>,
    stop: Option<(Outcome, String)>,
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
            return Action::Stop { outcome: outcome.clone(), reason: reason.clone() };
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
            Phase::Confirming { deadline_ms, next_read_ms, reading } => {
                if reading {
                    Action::ReadExecution
                } else if now_ms >= deadline_ms {
                    let reason = format!(
                        "the approval did not take execution {} out of Waiting within {} s; \
                         it was not approved again (which call continues a batch pause is not \
                         documented): check it with `status` and approve it by hand",
                        self.context.execution_id,
                        self.config.confirm_ms / 1000
                    );
                    self.finish(Outcome::ApprovalUnconfirmed, reason)
                } else if now_ms >= next_read_ms {
                    self.phase = Phase::Confirming { deadline_ms, next_read_ms, reading: true };
                    Action::ReadExecution
                } else {
                    Action::Sleep { until_ms: next_read_ms.min(deadline_ms) }
                }
            }
            Phase::Cancelling { deadline_ms, next_read_ms, reading, then_rollback } => {
                if reading {
                    Action::ReadExecution
                } else if now_ms >= deadline_ms {
                    let reason = format!(
                        "{}; execution {} was cancelled but did not end within {} s",
                        self.failure_text(),
                        self.context.execution_id,
                        self.config.cancel_ms / 1000
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
                format!(
                    "execution {} paused with no finished batch to judge; nothing was approved",
                    self.context.execution_id
                ),
            ),
            Run::Ended(Status::Success) => {
                let reason =
                    format!("the update succeeded and all {} gates passed", self.records.len());
                self.finish(Outcome::Passed, reason)
            }
            Run::Ended(status) => {
                let status = status.clone();
                let reason = format!(
                    "execution {} ended {status:?} with no gate failing",
                    self.context.execution_id
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
            reason: String::new(),
            decision: Decision::Pause,
        };
        let mut judging = Judging { batch, stage: Stage::Addresses, ips: Vec::new(), record };
        let failed = self.failed.get(&batch).copied().unwrap_or(0);
        if failed > 0 {
            self.current = Some(judging);
            self.unhealthy(format!("batch {batch}: {failed} instance(s) failed"));
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
        let batches = self.context.batches.map(|n| n.to_string()).unwrap_or_default();
        vec![
            ("RU_EXECUTION_ID".into(), self.context.execution_id.clone()),
            ("RU_SCALING_GROUP_ID".into(), self.context.scaling_group_id.clone()),
            ("RU_REGION".into(), self.context.region.clone()),
            ("RU_BATCH".into(), batch.to_string()),
            ("RU_BATCHES".into(), batches),
            ("RU_INSTANCE_IDS".into(), judging.record.instance_ids.join(",")),
            ("RU_INSTANCE_IPS".into(), judging.ips.join(",")),
        ]
    }

    /// The private IPs read for the batch's instances, in any order. Instances with no IP are
    /// left out of `RU_INSTANCE_IPS`.
    pub fn on_addresses(&mut self, ips: &[(String, String)]) {
        let Some(judging) = &mut self.current else { return };
        if judging.stage != Stage::Addresses {
            return;
        }
        judging.ips = judging
            .record
            .instance_ids
            .iter()
            .filter_map(|id| ips.iter().find(|(i, _)| i == id).map(|(_, ip)| ip.clone()))
            .collect();
        judging.stage = Stage::Check;
    }

    /// The addresses could not be read: the batch cannot be checked, so it is unhealthy.
    pub fn on_addresses_failed(&mut self, error: &str) {
        let Some(judging) = &self.current else { return };
        if judging.stage == Stage::Addresses {
            let batch = judging.batch;
            self.unhealthy(format!("batch {batch}: its private IPs could not be read: {error}"));
        }
    }

    /// How the check ended and how long it ran.
    pub fn on_check(&mut self, now_ms: u64, result: CheckResult, duration_ms: u64) {
        let bake = self.bake_stage(now_ms);
        let Some(judging) = &mut self.current else { return };
        if judging.stage != Stage::Check {
            return;
        }
        let batch = judging.batch;
        judging.record.check = Some(CheckRecord { result: result.clone(), duration_ms });
        match result {
            CheckResult::Exited { code: Some(0) } => judging.stage = bake,
            CheckResult::Exited { code: Some(code) } => {
                self.unhealthy(format!("batch {batch}: the check exited {code}"))
            }
            CheckResult::Exited { code: None } => {
                self.unhealthy(format!("batch {batch}: the check was killed by a signal"))
            }
            CheckResult::TimedOut => self.unhealthy(format!(
                "batch {batch}: the check ran longer than {} s",
                self.config.check_timeout_ms / 1000
            )),
            CheckResult::CouldNotStart { error } => {
                self.unhealthy(format!("batch {batch}: the check could not start: {error}"))
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
        let batch = judging.batch;
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
                    self.unhealthy(format!("batch {batch}: alarm {list} fired during the bake"));
                } else {
                    judging.stage =
                        Stage::Bake { until_ms, next_read_ms: now_ms + poll, reading: false };
                }
            }
            Stage::FinalRead => {
                let bad: Vec<String> = readings
                    .iter()
                    .filter_map(|r| match &r.state {
                        Some(AlertState::Ok) => None,
                        Some(AlertState::InsufficientData) if insufficient_ok => None,
                        Some(state) => Some(format!("{} is {}", r.rule_id, state.as_str())),
                        None => Some(format!("{} does not exist", r.rule_id)),
                    })
                    .collect();
                if bad.is_empty() {
                    self.healthy(now_ms);
                } else {
                    self.unhealthy(format!("batch {batch}: {}", bad.join(", ")));
                }
            }
            _ => {}
        }
    }

    /// The alarms could not be read: unhealthy, never a silent pass.
    pub fn on_alarms_failed(&mut self, error: &str) {
        let Some(judging) = &self.current else { return };
        let batch = judging.batch;
        if matches!(judging.stage, Stage::Bake { reading: true, .. } | Stage::FinalRead) {
            self.unhealthy(format!("batch {batch}: the alarms could not be read: {error}"));
        }
    }

    /// The approval was sent.
    pub fn on_approved(&mut self, now_ms: u64) {
        if let Phase::Approving(_) = self.phase {
            self.phase = Phase::Confirming {
                deadline_ms: now_ms + self.config.confirm_ms,
                next_read_ms: now_ms + self.config.confirm_poll_ms,
                reading: false,
            };
        }
    }

    /// The approval was refused by the API: stop, leaving the update paused.
    pub fn on_approve_failed(&mut self, error: &str) {
        let reason =
            format!("the approval of execution {} failed: {error}", self.context.execution_id);
        self.finish(Outcome::ApprovalUnconfirmed, reason);
    }

    /// The execution's status as just read (after [`Action::ReadExecution`]).
    pub fn on_execution(&mut self, now_ms: u64, status: &Status) {
        match self.phase.clone() {
            Phase::Confirming { deadline_ms, .. } => {
                if *status == Status::Waiting {
                    self.phase = Phase::Confirming {
                        deadline_ms,
                        next_read_ms: now_ms + self.config.confirm_poll_ms,
                        reading: false,
                    };
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
                        let reason = format!(
                            "{}; execution {} was cancelled (see `status` for what is left to clean up)",
                            self.failure_text(),
                            self.context.execution_id
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
            Phase::Confirming { next_read_ms, reading, .. }
            | Phase::Cancelling { next_read_ms, reading, .. } => {
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
                let reason = format!(
                    "{}; execution {} could not be cancelled: {error}",
                    self.failure_text(),
                    self.context.execution_id
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
                let reason = format!("{failure}; rollback {id} succeeded");
                self.finish(Outcome::RolledBack { rollback_execution_id: id }, reason);
            }
            Ok((id, status)) => {
                let reason = format!("{failure}; rollback {id} ended {status:?}");
                self.finish(Outcome::RollbackFailed { rollback_execution_id: Some(id) }, reason);
            }
            Err((id, error)) => {
                let reason = format!("{failure}; the rollback failed: {error}");
                self.finish(Outcome::RollbackFailed { rollback_execution_id: id }, reason);
            }
        }
    }

    fn failure_text(&self) -> String {
        self.failure.clone().unwrap_or_else(|| "a gate failed".into())
    }

    fn healthy(&mut self, _now_ms: u64) {
        let Some(mut judging) = self.current.take() else { return };
        let batch = judging.batch;
        let paused = self.run == Run::Paused;
        judging.record.healthy = true;
        judging.record.reason = format!("batch {batch}: healthy");
        judging.record.decision = if paused { Decision::Approve } else { Decision::Pass };
        self.judged.insert(batch);
        self.records.push(judging.record);
        if paused {
            self.to_approve = Some(batch);
        }
    }

    fn unhealthy(&mut self, reason: String) {
        let Some(mut judging) = self.current.take() else { return };
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
        judging.record.decision = decision;
        self.records.push(judging.record);
        match (decision, ended) {
            (Decision::Pause, None) if self.run == Run::Paused => {
                self.finish(
                    Outcome::LeftPaused,
                    format!("{reason}; execution {id} is left paused"),
                );
            }
            (Decision::Pause, None) => {
                let text =
                    format!("{reason}; execution {id} does not pause here and is still running");
                self.finish(Outcome::LeftPaused, text);
            }
            (Decision::Cancel | Decision::Pause, Some(status)) => {
                let text = format!(
                    "{reason}; execution {id} had already ended {status:?}, nothing was cancelled"
                );
                self.finish(Outcome::LeftPaused, text);
            }
            (Decision::Rollback, Some(_)) => self.phase = Phase::StartRollback,
            _ => self.phase = Phase::SendCancel,
        };
    }

    fn finish(&mut self, outcome: Outcome, reason: String) -> Action {
        self.stop = Some((outcome.clone(), reason.clone()));
        Action::Stop { outcome, reason }
    }
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;

    const SEC: u64 = 1_000;

    fn context() -> GateContext {
        GateContext {
            execution_id: "exec-1".into(),
            scaling_group_id: "asg-1".into(),
            region: "cn-hangzhou".into(),
            batches: Some(3),
        }
    }

    fn config(on_unhealthy: OnUnhealthy) -> GateConfig {
        GateConfig {
            check: true,
            alarms: vec!["rule-a".into(), "rule-b".into()],
            bake_ms: 60 * SEC,
            on_unhealthy,
            ..GateConfig::default()
        }
    }

    fn ok() -> Vec<(String, AlertState)> {
        vec![("rule-a".into(), AlertState::Ok), ("rule-b".into(), AlertState::Ok)]
    }

    /// The waiter reports batch `batch` (instance `i-<batch>`) finished, then the pause.
    fn batch_pauses(gate: &mut Gate, batch: i64) {
        finish_batch(gate, batch);
        gate.on_event(&Event::Paused { reason: Some("BatchPause".into()) });
        gate.on_end(&End::Paused);
    }

    fn finish_batch(gate: &mut Gate, batch: i64) {
        gate.on_event(&Event::BatchStarted { batch });
        gate.on_event(&Event::InstanceDone {
            batch,
            instance_id: Some(format!("i-{batch}")),
            task_execution_id: format!("t-{batch}"),
            status: Status::Success,
        });
        gate.on_event(&Event::BatchFinished { batch, succeeded: 1, failed: 0 });
    }

    /// Runs batch `batch`'s gate from the addresses through the check, at `t`.
    fn run_check(gate: &mut Gate, batch: i64, t: u64, result: CheckResult) {
        let action = gate.next(t);
        assert_eq!(
            action,
            Action::LookUpAddresses { batch, instance_ids: vec![format!("i-{batch}")] }
        );
        gate.on_addresses(&[(format!("i-{batch}"), format!("10.0.0.{batch}"))]);
        let Action::RunCheck { batch: b, env, timeout_ms } = gate.next(t) else {
            panic!("the check runs after the addresses")
        };
        assert_eq!((b, timeout_ms), (batch, 300 * SEC));
        let get = |k: &str| env.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
        assert_eq!(get("RU_BATCH"), Some(batch.to_string()));
        assert_eq!(get("RU_BATCHES").as_deref(), Some("3"));
        assert_eq!(get("RU_INSTANCE_IDS"), Some(format!("i-{batch}")));
        assert_eq!(get("RU_INSTANCE_IPS"), Some(format!("10.0.0.{batch}")));
        assert_eq!(get("RU_EXECUTION_ID").as_deref(), Some("exec-1"));
        assert!(env.iter().all(|(k, _)| k.starts_with("RU_")), "only RU_ variables: {env:?}");
        gate.on_check(t + 2 * SEC, result, 2 * SEC);
    }

    /// From a passed check at `t`: the bake's readings at t, t+30 s and the last at t+60 s.
    /// Returns the time of the last reading.
    fn bake(gate: &mut Gate, batch: i64, t: u64, readings: [Vec<(String, AlertState)>; 3]) -> u64 {
        let chunks = vec![vec!["rule-a".to_owned(), "rule-b".to_owned()]];
        let [first, second, last] = readings;
        assert_eq!(gate.next(t), Action::ReadAlarms { batch, rule_ids: chunks.clone() });
        gate.on_alarms(t, &first);
        if gate.current.is_none() {
            return t;
        }
        assert_eq!(gate.next(t + SEC), Action::Sleep { until_ms: t + 30 * SEC });
        assert_eq!(gate.next(t + 30 * SEC), Action::ReadAlarms { batch, rule_ids: chunks.clone() });
        gate.on_alarms(t + 30 * SEC, &second);
        if gate.current.is_none() {
            return t + 30 * SEC;
        }
        assert_eq!(gate.next(t + 60 * SEC), Action::ReadAlarms { batch, rule_ids: chunks });
        gate.on_alarms(t + 60 * SEC, &last);
        t + 60 * SEC
    }

    /// A healthy paused batch: approved once, and the approval confirmed. Returns the time.
    fn pass_and_approve(gate: &mut Gate, batch: i64, t: u64) -> u64 {
        batch_pauses(gate, batch);
        run_check(gate, batch, t, CheckResult::Exited { code: Some(0) });
        let t = bake(gate, batch, t + 2 * SEC, [ok(), ok(), ok()]);
        assert_eq!(gate.next(t), Action::Approve { batch });
        gate.on_approved(t);
        assert_eq!(gate.next(t), Action::Sleep { until_ms: t + 5 * SEC });
        assert_eq!(gate.next(t + 5 * SEC), Action::ReadExecution);
        gate.on_execution(t + 5 * SEC, &Status::Running);
        assert_eq!(gate.next(t + 5 * SEC), Action::Follow, "approved: follow again");
        t + 5 * SEC
    }

    fn stop(action: Action) -> (Outcome, String) {
        match action {
            Action::Stop { outcome, reason } => (outcome, reason),
            other => panic!("expected a stop, got {other:?}"),
        }
    }

    #[test]
    fn all_gates_pass() {
        let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
        assert_eq!(gate.next(0), Action::Follow, "nothing to judge before a batch finishes");
        let t = pass_and_approve(&mut gate, 1, 100 * SEC);
        let t = pass_and_approve(&mut gate, 2, t + 100 * SEC);
        // The last batch: the execution succeeds without pausing.
        finish_batch(&mut gate, 3);
        gate.on_event(&Event::Finished { status: Status::Success, message: None });
        gate.on_end(&End::Finished(Status::Success));
        let t = t + 100 * SEC;
        run_check(&mut gate, 3, t, CheckResult::Exited { code: Some(0) });
        let t = bake(&mut gate, 3, t + 2 * SEC, [ok(), ok(), ok()]);
        let (outcome, reason) = stop(gate.next(t));
        assert_eq!((outcome.exit_code(), &outcome), (0, &Outcome::Passed));
        assert!(reason.contains("all 3 gates passed"), "{reason}");
        let decisions: Vec<Decision> = gate.records().iter().map(|r| r.decision).collect();
        assert_eq!(decisions, [Decision::Approve, Decision::Approve, Decision::Pass]);
        assert!(gate.records().iter().all(|r| r.healthy));
        assert_eq!(gate.next(t + SEC), Action::Stop { outcome, reason }, "a stop stays a stop");
    }

    #[test]
    fn a_failed_check_at_batch_2_pauses() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        let t = pass_and_approve(&mut gate, 1, 0);
        batch_pauses(&mut gate, 2);
        run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(3) });
        let (outcome, reason) = stop(gate.next(t + 2 * SEC));
        assert_eq!((outcome.exit_code(), outcome), (8, Outcome::LeftPaused));
        assert_eq!(reason, "batch 2: the check exited 3; execution exec-1 is left paused");
        let record = &gate.records()[1];
        assert_eq!((record.batch, record.healthy, record.decision), (2, false, Decision::Pause));
        assert_eq!(
            record.check,
            Some(CheckRecord {
                result: CheckResult::Exited { code: Some(3) },
                duration_ms: 2 * SEC
            })
        );
        assert!(record.alarms.is_empty(), "no alarm was read after the failed check");
    }

    #[test]
    fn a_failed_check_at_batch_2_cancels() {
        let mut gate = Gate::new(config(OnUnhealthy::Cancel), context());
        let t = pass_and_approve(&mut gate, 1, 0);
        batch_pauses(&mut gate, 2);
        run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(1) });
        let t = t + 2 * SEC;
        assert_eq!(gate.next(t), Action::Cancel);
        gate.on_cancelled(t, Ok(()));
        assert_eq!(gate.next(t), Action::ReadExecution);
        gate.on_execution(t, &Status::Waiting);
        assert_eq!(gate.next(t + SEC), Action::Sleep { until_ms: t + 5 * SEC });
        assert_eq!(gate.next(t + 5 * SEC), Action::ReadExecution);
        gate.on_execution(t + 5 * SEC, &Status::Cancelled);
        let (outcome, reason) = stop(gate.next(t + 5 * SEC));
        assert_eq!((outcome.exit_code(), outcome), (8, Outcome::Cancelled));
        assert!(
            reason.starts_with("batch 2: the check exited 1; execution exec-1 was cancelled"),
            "{reason}"
        );
        assert_eq!(gate.records()[1].decision, Decision::Cancel);
    }

    /// Batch 2's check fails with `--on-unhealthy rollback`: cancel, confirm, start the
    /// rollback. Returns the gate and the time the rollback was asked for.
    fn fail_batch_2_and_start_rollback() -> (Gate, u64) {
        let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
        let t = pass_and_approve(&mut gate, 1, 0);
        batch_pauses(&mut gate, 2);
        run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(1) });
        let t = t + 2 * SEC;
        assert_eq!(
            gate.next(t),
            Action::Cancel,
            "a waiting execution is cancelled before its rollback"
        );
        gate.on_cancelled(t, Ok(()));
        assert_eq!(gate.next(t), Action::ReadExecution);
        gate.on_execution(t, &Status::Cancelled);
        assert_eq!(gate.next(t), Action::StartRollback);
        assert!(matches!(gate.next(t), Action::Sleep { .. }), "the rollback is asked for once");
        assert_eq!(gate.records()[1].decision, Decision::Rollback);
        (gate, t)
    }

    #[test]
    fn a_failed_check_at_batch_2_rolls_back() {
        let (mut gate, t) = fail_batch_2_and_start_rollback();
        gate.on_rollback(Ok(("exec-rb".into(), Status::Success)));
        let (outcome, reason) = stop(gate.next(t));
        assert_eq!(outcome.exit_code(), 7);
        assert_eq!(outcome, Outcome::RolledBack { rollback_execution_id: "exec-rb".into() });
        assert_eq!(reason, "batch 2: the check exited 1; rollback exec-rb succeeded");
    }

    #[test]
    fn a_failed_rollback_exits_8_and_names_it() {
        let (mut gate, t) = fail_batch_2_and_start_rollback();
        gate.on_rollback(Ok(("exec-rb".into(), Status::Failed)));
        let (outcome, reason) = stop(gate.next(t));
        assert_eq!(outcome.exit_code(), 8);
        assert_eq!(
            outcome,
            Outcome::RollbackFailed { rollback_execution_id: Some("exec-rb".into()) }
        );
        assert!(reason.contains("rollback exec-rb ended Failed"), "{reason}");

        let (mut gate, t) = fail_batch_2_and_start_rollback();
        gate.on_rollback(Err((None, "execution exec-1 does not record sourceImageId".into())));
        let (outcome, reason) = stop(gate.next(t));
        assert_eq!(
            (outcome.exit_code(), outcome),
            (8, Outcome::RollbackFailed { rollback_execution_id: None })
        );
        assert!(
            reason.contains("the rollback failed: execution exec-1 does not record"),
            "{reason}"
        );
    }

    #[test]
    fn an_alarm_during_the_bake_fails_the_batch_at_once() {
        let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
        let t = pass_and_approve(&mut gate, 1, 0);
        batch_pauses(&mut gate, 2);
        run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(0) });
        let firing = vec![("rule-a".into(), AlertState::Ok), ("rule-b".into(), AlertState::Alarm)];
        let at = bake(&mut gate, 2, t + 2 * SEC, [ok(), firing, ok()]);
        assert_eq!(at, t + 32 * SEC, "the bake stopped at the reading that saw the alarm");
        assert_eq!(gate.next(at), Action::Cancel);
        let record = &gate.records()[1];
        assert!(!record.healthy);
        assert_eq!(record.reason, "batch 2: alarm rule-b fired during the bake");
        assert_eq!(
            record.alarms[1],
            AlarmReading { rule_id: "rule-b".into(), state: Some(AlertState::Alarm) }
        );
        assert!(!gate.records().iter().any(|r| r.batch == 2 && r.decision == Decision::Approve));
    }

    #[test]
    fn a_check_that_times_out_is_unhealthy() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        batch_pauses(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::TimedOut);
        let (outcome, reason) = stop(gate.next(SEC));
        assert_eq!(outcome.exit_code(), 8);
        assert_eq!(
            reason,
            "batch 1: the check ran longer than 300 s; execution exec-1 is left paused"
        );
    }

    #[test]
    fn a_check_that_cannot_start_is_unhealthy() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        batch_pauses(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::CouldNotStart { error: "no such file".into() });
        let (_, reason) = stop(gate.next(SEC));
        assert!(reason.starts_with("batch 1: the check could not start: no such file"), "{reason}");
    }

    #[test]
    fn insufficient_data_is_tolerated_during_the_bake_and_unhealthy_after_by_default() {
        let nodata = || {
            vec![("rule-a".into(), AlertState::Ok), ("rule-b".into(), AlertState::InsufficientData)]
        };
        for (flag, healthy) in
            [(InsufficientData::Unhealthy, false), (InsufficientData::Healthy, true)]
        {
            let mut gate = Gate::new(
                GateConfig { insufficient_data: flag, ..config(OnUnhealthy::Pause) },
                context(),
            );
            batch_pauses(&mut gate, 1);
            run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
            let t = bake(&mut gate, 1, 2 * SEC, [nodata(), nodata(), nodata()]);
            assert_eq!(t, 62 * SEC, "no data never cut the bake short");
            let next = gate.next(t);
            if healthy {
                assert_eq!(next, Action::Approve { batch: 1 });
            } else {
                let (_, reason) = stop(next);
                assert!(reason.starts_with("batch 1: rule-b is INSUFFICIENT_DATA"), "{reason}");
            }
        }
    }

    #[test]
    fn a_rule_missing_from_the_answer_or_unreadable_alarms_are_unhealthy() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        batch_pauses(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
        let only_a = || vec![("rule-a".into(), AlertState::Ok)];
        let t = bake(&mut gate, 1, 2 * SEC, [only_a(), only_a(), only_a()]);
        let (_, reason) = stop(gate.next(t));
        assert!(reason.starts_with("batch 1: rule-b does not exist"), "{reason}");

        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        batch_pauses(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
        assert!(matches!(gate.next(2 * SEC), Action::ReadAlarms { .. }));
        gate.on_alarms_failed("Forbidden: cms:DescribeMetricRuleList");
        let (outcome, reason) = stop(gate.next(2 * SEC));
        assert_eq!(outcome.exit_code(), 8);
        assert!(reason.contains("the alarms could not be read: Forbidden"), "{reason}");
    }

    #[test]
    fn an_unconfirmed_approval_stops_without_approving_again() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        batch_pauses(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
        let t = bake(&mut gate, 1, 2 * SEC, [ok(), ok(), ok()]);
        assert_eq!(gate.next(t), Action::Approve { batch: 1 });
        gate.on_approved(t);
        let mut now = t;
        let mut approvals = 0;
        let outcome = loop {
            match gate.next(now) {
                Action::ReadExecution => gate.on_execution(now, &Status::Waiting),
                Action::Sleep { until_ms } => now = until_ms,
                Action::Approve { .. } => approvals += 1,
                Action::Stop { outcome, reason } => break (outcome, reason),
                other => panic!("unexpected {other:?}"),
            }
            assert!(now <= t + 61 * SEC, "the confirmation is bounded");
        };
        assert_eq!(approvals, 0, "never approved twice");
        assert_eq!(now, t + 60 * SEC);
        assert_eq!((outcome.0.exit_code(), &outcome.0), (5, &Outcome::ApprovalUnconfirmed));
        assert!(
            outcome.1.contains("did not take execution exec-1 out of Waiting within 60 s"),
            "{}",
            outcome.1
        );
    }

    #[test]
    fn a_batch_with_a_failed_instance_is_unhealthy_without_a_check() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        gate.on_event(&Event::BatchFinished { batch: 1, succeeded: 1, failed: 1 });
        gate.on_end(&End::Paused);
        let (outcome, reason) = stop(gate.next(0));
        assert_eq!(outcome.exit_code(), 8);
        assert!(reason.starts_with("batch 1: 1 instance(s) failed"), "{reason}");
        assert_eq!(gate.records()[0].check, None);
    }

    #[test]
    fn a_batch_reported_again_is_not_judged_twice_and_an_ungated_pause_is_not_approved() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        let t = pass_and_approve(&mut gate, 1, 0);
        // A fresh waiter after the approval reports batch 1 again, then pauses again.
        batch_pauses(&mut gate, 1);
        let (outcome, reason) = stop(gate.next(t));
        assert_eq!((outcome.exit_code(), outcome), (5, Outcome::PausedUngated));
        assert!(reason.contains("nothing was approved"), "{reason}");
        assert_eq!(gate.records().len(), 1);
    }

    #[test]
    fn pause_on_a_running_update_says_it_still_runs() {
        // An explicit `Automatic` pause option: batches finish while the execution runs.
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        finish_batch(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
        let t = bake(&mut gate, 1, 2 * SEC, [ok(), ok(), ok()]);
        assert_eq!(gate.next(t), Action::Follow, "healthy and running: no approval");
        assert_eq!(gate.records()[0].decision, Decision::Pass);
        finish_batch(&mut gate, 2);
        run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(2) });
        let (outcome, reason) = stop(gate.next(t));
        assert_eq!(outcome.exit_code(), 8);
        assert!(reason.ends_with("does not pause here and is still running"), "{reason}");
    }

    #[test]
    fn a_rollback_of_a_finished_update_skips_the_cancel() {
        let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
        finish_batch(&mut gate, 1);
        gate.on_end(&End::Finished(Status::Success));
        run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(9) });
        assert_eq!(gate.next(SEC), Action::StartRollback);
    }

    #[test]
    fn only_alarms_no_bake_reads_once_and_chunks_by_twenty() {
        let alarms: Vec<String> = (0..45).map(|i| format!("r{i}")).collect();
        let cfg = GateConfig { alarms: alarms.clone(), ..GateConfig::default() };
        let mut gate = Gate::new(cfg, context());
        batch_pauses(&mut gate, 1);
        let Action::ReadAlarms { rule_ids, .. } = gate.next(0) else { panic!("alarms first") };
        let sizes: Vec<usize> = rule_ids.iter().map(Vec::len).collect();
        assert_eq!(sizes, [20, 20, 5]);
        let all_ok: Vec<(String, AlertState)> =
            alarms.iter().map(|r| (r.clone(), AlertState::Ok)).collect();
        gate.on_alarms(0, &all_ok);
        assert_eq!(gate.next(0), Action::Approve { batch: 1 });
    }

    #[test]
    fn the_record_serializes_for_the_final_json() {
        let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
        batch_pauses(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(4) });
        let json = serde_json::to_value(gate.records()).unwrap();
        assert_eq!(
            json,
            serde_json::json!([{
                "batch": 1,
                "instanceIds": ["i-1"],
                "check": {"result": {"kind": "exited", "code": 4}, "durationMs": 2000},
                "alarms": [],
                "healthy": false,
                "reason": "batch 1: the check exited 4",
                "decision": "pause",
            }])
        );
        let outcome =
            serde_json::to_value(Outcome::RolledBack { rollback_execution_id: "e".into() })
                .unwrap();
        assert_eq!(outcome, serde_json::json!({"kind": "rolledBack", "rollbackExecutionId": "e"}));
    }
}
