//! The data of the gates: their configuration, what a gate asks the caller to do, how gating
//! ends, and every gate's record (serializable for the final JSON).

use serde::Serialize;

use crate::api::cms::AlertState;
use crate::api::response::Status;
use crate::duration::format_duration;
use crate::i18n::Text;
use crate::t;

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
    /// Why it passed or failed (`batch N: ...`; in English in the JSON).
    pub reason: Text,
    /// The same without its batch (`the check exited 1`), for a line that names the batch
    /// already; not in the JSON.
    #[serde(skip)]
    pub why: Text,
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
    /// then [`super::Gate::on_addresses`].
    LookUpAddresses {
        /// The batch.
        batch: i64,
        /// Its instances.
        instance_ids: Vec<String>,
    },
    /// Run the check with this environment (added to the plugin's, credentials removed), stop
    /// it after `timeout_ms`, then [`super::Gate::on_check`].
    RunCheck {
        /// The batch.
        batch: i64,
        /// `RU_*` variables.
        env: Vec<(String, String)>,
        /// The timeout.
        timeout_ms: u64,
    },
    /// Read the alarm rules, one DescribeMetricRuleList per chunk, then [`super::Gate::on_alarms`].
    ReadAlarms {
        /// The batch.
        batch: i64,
        /// Rule ids, at most [`super::MAX_RULES_PER_CALL`] per chunk.
        rule_ids: Vec<Vec<String>>,
    },
    /// Nothing is due before `until_ms`.
    Sleep {
        /// When to ask again.
        until_ms: u64,
    },
    /// Approve the paused execution (the approval continues batch `batch + 1`), then
    /// [`super::Gate::on_approved`].
    Approve {
        /// The batch that passed.
        batch: i64,
    },
    /// Read the execution (ListExecutions), then [`super::Gate::on_execution`].
    ReadExecution,
    /// Cancel the execution (CancelExecution), then [`super::Gate::on_cancelled`].
    Cancel,
    /// Start the rollback that `rollback` would derive, follow it to its end, then
    /// [`super::Gate::on_rollback`].
    StartRollback,
    /// Gating is over.
    Stop {
        /// How it ended.
        outcome: Outcome,
        /// Why, in one sentence, in English (the JSON's `reason`); [`super::Gate::reason`] has
        /// it for a person.
        reason: String,
    },
}

/// What a gate is doing, for the live block of a gated follow ([`super::Gate::step`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateStep {
    /// Reading the batch's private IPs.
    Addresses {
        /// The batch.
        batch: i64,
    },
    /// Running the check.
    Check {
        /// The batch.
        batch: i64,
    },
    /// Baking: the batch must stay healthy for `left_ms` more.
    Baking {
        /// The batch.
        batch: i64,
        /// What is left of the bake.
        left_ms: u64,
    },
    /// Reading the alarm rules.
    Alarms {
        /// The batch.
        batch: i64,
    },
    /// Approving the healthy batch's pause.
    Approving {
        /// The batch.
        batch: i64,
    },
    /// Re-reading the execution until the approval took.
    Confirming,
    /// Cancelling the update.
    Cancelling,
    /// Rolling the update back.
    RollingBack,
}

impl GateStep {
    /// The step as a person reads it (`batch 2: running the check`).
    pub fn text(&self) -> Text {
        match self {
            GateStep::Addresses { batch } => t!("gate.step.addresses", batch = batch),
            GateStep::Check { batch } => t!("gate.step.check", batch = batch),
            GateStep::Baking { batch, left_ms } => {
                // Whole seconds, rounded up: the last second shows as 1s, never 0s.
                let left = std::time::Duration::from_secs(left_ms.div_ceil(1000));
                t!("gate.step.baking", batch = batch, left = format_duration(left))
            }
            GateStep::Alarms { batch } => t!("gate.step.alarms", batch = batch),
            GateStep::Approving { batch } => t!("gate.step.approving", batch = batch),
            GateStep::Confirming => t!("gate.step.confirming"),
            GateStep::Cancelling => t!("gate.step.cancelling"),
            GateStep::RollingBack => t!("gate.step.rolling_back"),
        }
    }
}
