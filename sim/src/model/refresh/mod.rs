//! ESS instance refresh (StartInstanceRefresh and its siblings, ESS 2014-08-28) as a state
//! machine over the simulated clock: new instances, with new ids, replace the old ones batch by
//! batch. The simulator's own reading of instance-refresh.md and the ESS API reference; it
//! shares nothing with the core.
//!
//! **Statuses.** `Pending` (for `Timing::start_delay_ms`, 2 s) → `InProgress` → batches →
//! `Successful`. At each checkpoint below 100 % the task is `CheckpointPause` and goes back to
//! `InProgress` by itself after `CheckpointPauseTime` minutes of simulated time (the 100 %
//! checkpoint is the end: no pause). `SuspendInstanceRefresh` (from Pending, InProgress or
//! CheckpointPause) → `Paused`: a batch already under way finishes, no new one starts, a
//! checkpoint's timer stops. `ResumeInstanceRefresh` (from Paused or CheckpointPause) →
//! `InProgress` at once. `CancelInstanceRefresh` (from Pending, InProgress, Paused or
//! CheckpointPause) → `Cancelling` until the batch under way ends (at least one step,
//! `Timing::step_ms`) → `Cancelled`; what was replaced stays replaced and the group keeps the
//! configuration it had. `RollbackInstanceRefresh` (from Pending, InProgress, Paused,
//! CheckpointPause or Failed) → `RollbackInProgress`: after the batch under way, every instance
//! the task created and that is still in the group is replaced again by a new instance on the
//! configuration the group had before → `RollbackSuccessful` (or `RollbackFailed` when one of
//! those launches fails). A launch that fails (an injected [`RefreshFault::LaunchFails`]) ends
//! the task `Failed` with a `Detail`. During a rollback `FinishedUpdateCapacity` and
//! `TotalNeedUpdateCapacity` count the rollback's own replacements (the docs are silent).
//!
//! **Timings** (simulated): per batch each launch step takes `2 × Timing::step_ms` (10 s: the
//! new instances are `Pending`, then `InService`) and the release step `Timing::step_ms` (5 s:
//! the old ones are `Removing`, then gone). At `TEST_SPEED` (100) a one-minute checkpoint pause
//! lasts 0.6 s of real time and at `DEMO_SPEED` (5) 12 s, long enough to be seen by polling;
//! a test can also freeze time (`set_speed(0.0)`) and `advance`.
//!
//! **Batch rule** (ESS documents only Min = Max = 100, one at a time): with C the group's
//! InService instances when the task starts, at least `keep = ceil(C × Min / 100)` stay in
//! service and at most `most = floor(C × Max / 100)` exist at once. A batch replaces
//! `b = max(1, most − keep)` instances (fewer for the last, and never past the next checkpoint:
//! a batch stops at `ceil(total × percentage / 100)`), in up to three steps: launch
//! `L = max(min(b, most − C), b − (C − keep))` new instances first, release the batch's `b`
//! old ones, then launch the other `b − L`. So with Max > 100 new instances come up before old
//! ones go, with Max = 100 old ones go first, and where the percentages leave no room
//! (`keep = most = C`, as with Min = Max = 100) a batch launches one, then releases one (C + 1
//! for a moment: the only way to keep every instance in service). Defaults (80/120)
//! on six instances: 2 per batch, launch 1, release 2, launch 1 (never above 7, never below 5
//! in service).
//!
//! **Selection.** InService instances created by the group (`AutoCreated`) are replaced;
//! Standby, Protected and other lifecycle states, and manually added (`Attached`, `Managed`)
//! instances are skipped silently, as are, with SkipMatching (default true), instances already
//! on the desired configuration: the same scaling configuration id, the same launch template
//! and version, or, for `ImageId`, the same image.
//!
//! **Desired configuration.** `ScalingConfigurationId` (of this group); `ImageId` (the
//! simulator copies the active scaling configuration with the new image into a new `asc-…`,
//! Inactive until the task succeeds); `LaunchTemplateId` (+ `LaunchTemplateVersion`, default
//! `Default`, + instance-type overrides); `Containers` (ECI groups: a copy of the active ECI
//! configuration with the containers merged by `Name`); empty: the group's active
//! configuration. On `Successful` the group's active configuration (or launch template and
//! version) becomes the desired one; a rollback puts back the one it had.

mod start;
mod step;

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::World;
use crate::error::ApiError;

pub use start::RefreshRequest;

/// The error codes the refresh actions answer with (chosen after ESS's own naming where the
/// API reference lists none).
pub mod codes {
    /// 404: no task of that id on that group.
    pub const TASK_NOT_FOUND: &str = "InvalidInstanceRefreshTaskId.NotFound";
    /// 404: no such scaling group in the region.
    pub const GROUP_NOT_FOUND: &str = "InvalidScalingGroupId.NotFound";
    /// 404: the desired scaling configuration is not one of the group's.
    pub const CONFIGURATION_NOT_FOUND: &str = "InvalidScalingConfigurationId.NotFound";
    /// 400: the group already runs a task, or is not Active.
    pub const GROUP_STATUS: &str = "IncorrectScalingGroupStatus";
    /// 400: the group's scale-out policy (MultiAZPolicy) is not PRIORITY.
    pub const POLICY: &str = "OperationDenied.MultiAZPolicy";
    /// 400: parameters that exclude each other.
    pub const CONFLICT: &str = "InvalidParameter.Conflict";
    /// 400: a value out of range or malformed.
    pub const INVALID: &str = "InvalidParameter";
    /// 400: the action is not allowed in the task's status.
    pub const TASK_STATUS: &str = "IncorrectInstanceRefreshTaskStatus";
    /// 400: ESS cannot roll this task back.
    pub const NO_ROLLBACK: &str = "OperationDenied.Rollback";
    /// 400: a ClientToken reused with other parameters.
    pub const TOKEN_MISMATCH: &str = "IdempotentParameterMismatch";
}

/// The status of an instance refresh task, as ESS spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RefreshStatus {
    /// Created, not started yet.
    Pending,
    /// Replacing instances.
    InProgress,
    /// Suspended by SuspendInstanceRefresh.
    Paused,
    /// At a checkpoint; resumes by itself after CheckpointPauseTime.
    CheckpointPause,
    /// A replacement failed (see Detail).
    Failed,
    /// Every instance replaced; the group is on the desired configuration.
    Successful,
    /// Cancelled; the batch under way finishes.
    Cancelling,
    /// Cancelled; what was replaced stays.
    Cancelled,
    /// Putting the group back on its earlier configuration.
    RollbackInProgress,
    /// Rolled back.
    RollbackSuccessful,
    /// The rollback failed (see Detail).
    RollbackFailed,
}

impl RefreshStatus {
    /// ESS's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            RefreshStatus::Pending => "Pending",
            RefreshStatus::InProgress => "InProgress",
            RefreshStatus::Paused => "Paused",
            RefreshStatus::CheckpointPause => "CheckpointPause",
            RefreshStatus::Failed => "Failed",
            RefreshStatus::Successful => "Successful",
            RefreshStatus::Cancelling => "Cancelling",
            RefreshStatus::Cancelled => "Cancelled",
            RefreshStatus::RollbackInProgress => "RollbackInProgress",
            RefreshStatus::RollbackSuccessful => "RollbackSuccessful",
            RefreshStatus::RollbackFailed => "RollbackFailed",
        }
    }

    /// Whether nothing more happens to the task by itself (a Failed one can still be rolled
    /// back).
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            RefreshStatus::Failed
                | RefreshStatus::Successful
                | RefreshStatus::Cancelled
                | RefreshStatus::RollbackSuccessful
                | RefreshStatus::RollbackFailed
        )
    }
}

/// The desired configuration as requested (echoed by DescribeInstanceRefreshes).
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Desired {
    /// `DesiredConfiguration.ScalingConfigurationId`.
    pub scaling_configuration_id: Option<String>,
    /// `DesiredConfiguration.ImageId`.
    pub image_id: Option<String>,
    /// `DesiredConfiguration.LaunchTemplateId`.
    pub launch_template_id: Option<String>,
    /// `DesiredConfiguration.LaunchTemplateVersion`.
    pub launch_template_version: Option<String>,
    /// `DesiredConfiguration.LaunchTemplateOverrides.N.InstanceType`.
    pub instance_types: Vec<String>,
    /// `DesiredConfiguration.Containers.N.*`, one JSON object per container.
    pub containers: Vec<Value>,
}

impl Desired {
    /// The kinds of desired configuration given (at most one is allowed).
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds = Vec::new();
        if self.scaling_configuration_id.is_some() {
            kinds.push("ScalingConfigurationId");
        }
        if self.image_id.is_some() {
            kinds.push("ImageId");
        }
        if self.launch_template_id.is_some()
            || self.launch_template_version.is_some()
            || !self.instance_types.is_empty()
        {
            kinds.push("LaunchTemplateId");
        }
        if !self.containers.is_empty() {
            kinds.push("Containers");
        }
        kinds
    }
}

/// What new instances are created from.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Target {
    /// The scaling configuration (configuration-based and ECI groups).
    pub scaling_configuration_id: Option<String>,
    /// The launch template (launch-template groups).
    pub launch_template_id: Option<String>,
    /// Its version.
    pub launch_template_version: Option<String>,
    /// Instance types overriding the template's.
    pub instance_types: Vec<String>,
    /// For `ImageId`: instances already on this image match.
    pub image_id: Option<String>,
}

/// One instance refresh task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshTask {
    /// `ir-…`.
    pub id: String,
    /// The group it refreshes.
    pub scaling_group_id: String,
    /// The group's region.
    pub region_id: String,
    /// Where it is.
    pub status: RefreshStatus,
    /// Why it failed, or what a pause is waiting for.
    pub detail: String,
    /// StartInstanceRefresh (simulated ms).
    pub start_ms: u64,
    /// When it ended.
    pub end_ms: Option<u64>,
    /// Instances replaced so far (of the rollback, during a rollback).
    pub finished: u32,
    /// Instances to replace (of the rollback, during a rollback).
    pub total: u32,
    /// The request as given, defaults filled in.
    pub request: RefreshRequest,
    /// Instances left out, with the reason.
    pub skipped: Vec<(String, String)>,
    /// Every instance the task created (forward and rollback), in order.
    pub created: Vec<String>,
    /// Every instance the task released, in order.
    pub released: Vec<String>,
    pub(crate) target: Target,
    pub(crate) original: Target,
    /// A configuration the task created (`ImageId`, `Containers`).
    pub(crate) made_configuration: Option<String>,
    pub(crate) todo: Vec<String>,
    /// Instances this task's forward batches created (what a rollback replaces).
    pub(crate) forward_created: Vec<String>,
    /// `max(1, most − keep)`.
    pub(crate) batch_size: usize,
    /// `most − C`: how many may be launched above the starting capacity.
    pub(crate) surge: usize,
    /// `C − keep`: how many may be out of service.
    pub(crate) spare: usize,
    pub(crate) batch: Option<Batch>,
    pub(crate) next_at: Option<u64>,
    pub(crate) checkpoint: usize,
    pub(crate) rollback_pending: bool,
    pub(crate) rolling_back: bool,
    pub(crate) batches: u32,
}

/// A batch under way.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Batch {
    pub(crate) activity: usize,
    pub(crate) old: Vec<String>,
    pub(crate) new: Vec<String>,
    pub(crate) steps: Vec<Step>,
    pub(crate) step: usize,
    pub(crate) fault: Option<RefreshFault>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub(crate) enum Step {
    /// Launch this many new instances.
    Launch(usize),
    /// Release the batch's old instances.
    Release,
}

/// A scaling activity (DescribeScalingActivities): here, one batch of a refresh.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalingActivity {
    /// `asa-…`.
    pub id: String,
    /// The group.
    pub scaling_group_id: String,
    /// The refresh it belongs to.
    pub instance_refresh_task_id: Option<String>,
    /// `InProgress`, `Successful`, `Warning` or `Failed`.
    pub status_code: String,
    /// Why, when it failed.
    pub status_message: String,
    /// 0-100.
    pub progress: u32,
    /// What it does.
    pub description: String,
    /// Why it happens.
    pub cause: String,
    /// Start (simulated ms).
    pub start_ms: u64,
    /// End.
    pub end_ms: Option<u64>,
    /// Instances it created.
    pub created: Vec<String>,
    /// Instances it released.
    pub destroyed: Vec<String>,
    /// The group's instance count when it started.
    pub total_capacity: u32,
}

/// A failure of an instance refresh, on demand (`Fault::Refresh`, `/_sim/fault?kind=refresh-…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RefreshFault {
    /// The launch of batch `batch` (1-based, counted per task; `None`: the next batch of any
    /// task) fails: its new instances never come up, the task ends Failed (RollbackFailed in a
    /// rollback) with a Detail.
    LaunchFails {
        /// Which batch.
        batch: Option<u32>,
    },
    /// The new instances of batch `batch` come up InService but `Unhealthy`; the refresh goes
    /// on (ESS does not judge the application), so a client's health gate can catch it.
    Unhealthy {
        /// Which batch.
        batch: Option<u32>,
    },
}

impl RefreshFault {
    fn batch(self) -> Option<u32> {
        match self {
            RefreshFault::LaunchFails { batch } | RefreshFault::Unhealthy { batch } => batch,
        }
    }
}

/// Every refresh task, scaling activity and refresh fault of the account.
#[derive(Debug, Clone, Default)]
pub(crate) struct Refreshes {
    pub(crate) tasks: Vec<RefreshTask>,
    pub(crate) activities: Vec<ScalingActivity>,
    /// ClientToken → (fingerprint of the request, task id).
    pub(crate) tokens: BTreeMap<String, (String, String)>,
    pub(crate) faults: Vec<RefreshFault>,
}

/// What a control action asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshControl {
    /// SuspendInstanceRefresh.
    Suspend,
    /// ResumeInstanceRefresh.
    Resume,
    /// CancelInstanceRefresh.
    Cancel,
    /// RollbackInstanceRefresh.
    Rollback,
}

impl RefreshControl {
    fn action(self) -> &'static str {
        match self {
            RefreshControl::Suspend => "SuspendInstanceRefresh",
            RefreshControl::Resume => "ResumeInstanceRefresh",
            RefreshControl::Cancel => "CancelInstanceRefresh",
            RefreshControl::Rollback => "RollbackInstanceRefresh",
        }
    }

    fn allowed(self) -> &'static [RefreshStatus] {
        use RefreshStatus as S;
        match self {
            RefreshControl::Suspend => &[S::Pending, S::InProgress, S::CheckpointPause],
            RefreshControl::Resume => &[S::Paused, S::CheckpointPause],
            RefreshControl::Cancel => &[S::Pending, S::InProgress, S::Paused, S::CheckpointPause],
            RefreshControl::Rollback => {
                &[S::Pending, S::InProgress, S::Paused, S::CheckpointPause, S::Failed]
            }
        }
    }
}

impl World {
    /// Every instance refresh task, oldest first.
    pub fn instance_refreshes(&self) -> &[RefreshTask] {
        &self.refresh.tasks
    }

    /// One task.
    pub fn instance_refresh(&self, id: &str) -> Option<&RefreshTask> {
        self.refresh.tasks.iter().find(|t| t.id == id)
    }

    /// Scaling activities, oldest first.
    pub fn scaling_activities(&self) -> &[ScalingActivity] {
        &self.refresh.activities
    }

    /// Makes a batch of a refresh fail or come up unhealthy.
    pub fn fail_refresh(&mut self, fault: RefreshFault) {
        self.refresh.faults.push(fault);
    }

    /// Sets a group's scale-out policy (`PRIORITY`, `BALANCE`, `COST_OPTIMIZED`, …); returns
    /// whether the group exists.
    pub fn set_multi_az_policy(&mut self, group_id: &str, policy: &str) -> bool {
        match self.groups.iter_mut().find(|g| g.id == group_id) {
            Some(g) => {
                g.multi_az_policy = policy.to_owned();
                true
            }
            None => false,
        }
    }

    /// Sets an instance's creation type (`AutoCreated`, `Attached` for one added by hand,
    /// `Managed`); returns whether the instance exists.
    pub fn set_instance_creation_type(&mut self, id: &str, creation_type: &str) -> bool {
        match self.instances.iter_mut().find(|i| i.id == id) {
            Some(i) => {
                i.creation_type = creation_type.to_owned();
                true
            }
            None => false,
        }
    }

    /// Suspend, Resume, Cancel or Rollback a task of `group_id`.
    pub fn control_instance_refresh(
        &mut self,
        now_ms: u64,
        group_id: &str,
        task_id: &str,
        control: RefreshControl,
    ) -> Result<(), ApiError> {
        self.advance(now_ms);
        let now = self.now_ms;
        let idx = self
            .refresh
            .tasks
            .iter()
            .position(|t| t.id == task_id && t.scaling_group_id == group_id)
            .ok_or_else(|| task_not_found(group_id, task_id))?;
        let task = &mut self.refresh.tasks[idx];
        if !control.allowed().contains(&task.status) {
            return Err(wrong_status(task, control));
        }
        match control {
            RefreshControl::Suspend => {
                task.status = RefreshStatus::Paused;
                task.detail = "Suspended by SuspendInstanceRefresh".to_owned();
                if task.batch.is_none() {
                    task.next_at = None;
                }
            }
            RefreshControl::Resume => {
                task.status = RefreshStatus::InProgress;
                task.detail.clear();
                if task.batch.is_none() {
                    task.next_at = Some(now);
                }
            }
            RefreshControl::Cancel => {
                task.status = RefreshStatus::Cancelling;
                task.detail = "Cancelled by CancelInstanceRefresh".to_owned();
                if task.batch.is_none() {
                    task.next_at = Some(now + self.timing.step_ms);
                }
            }
            RefreshControl::Rollback => {
                check_rollback(task)?;
                task.status = RefreshStatus::RollbackInProgress;
                task.detail = "Rollback requested by RollbackInstanceRefresh".to_owned();
                task.rollback_pending = true;
                task.end_ms = None;
                if task.batch.is_none() {
                    task.next_at = Some(now);
                }
            }
        }
        Ok(())
    }

    /// The earliest due event of any refresh: its time and the task's index.
    pub(crate) fn next_refresh_event(&self) -> Option<(u64, usize)> {
        self.refresh.tasks.iter().enumerate().filter_map(|(i, t)| t.next_at.map(|at| (at, i))).min()
    }
}

fn task_not_found(group_id: &str, task_id: &str) -> ApiError {
    ApiError::new(
        404,
        codes::TASK_NOT_FOUND,
        format!(
            "The instance refresh task ({task_id}) does not exist in scaling group {group_id}."
        ),
    )
}

fn wrong_status(task: &RefreshTask, control: RefreshControl) -> ApiError {
    let allowed: Vec<&str> = control.allowed().iter().map(|s| s.as_str()).collect();
    let mut message = format!(
        "The instance refresh task ({}) is {}; {} needs it {}.",
        task.id,
        task.status.as_str(),
        control.action(),
        allowed.join(", ")
    );
    if control == RefreshControl::Cancel && task.status == RefreshStatus::RollbackInProgress {
        message = format!(
            "The instance refresh task ({}) is rolling back; a rollback in progress cannot be cancelled.",
            task.id
        );
    }
    ApiError::new(400, codes::TASK_STATUS, message)
}

/// What ESS cannot roll back: a task without a desired configuration, or one whose launch
/// template version is `Default` or `Latest` (there is no fixed version to go back from).
fn check_rollback(task: &RefreshTask) -> Result<(), ApiError> {
    let desired = &task.request.desired;
    if desired.kinds().is_empty() {
        return Err(ApiError::new(
            400,
            codes::NO_ROLLBACK,
            format!(
                "The instance refresh task ({}) has no desired configuration, so there is nothing to roll back.",
                task.id
            ),
        ));
    }
    if desired.kinds() == ["LaunchTemplateId"] {
        let version = desired.launch_template_version.as_deref().unwrap_or("Default");
        if version.eq_ignore_ascii_case("Default") || version.eq_ignore_ascii_case("Latest") {
            return Err(ApiError::new(
                400,
                codes::NO_ROLLBACK,
                format!(
                    "The instance refresh task ({}) uses launch template version {version}; a task on the Default or Latest version cannot be rolled back.",
                    task.id
                ),
            ));
        }
    }
    Ok(())
}
