//! OOS state: executions, task executions and logs, as plain records. The engine writes them;
//! they hold nothing of its own state.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::error::ApiError;

/// Status of an execution or a task execution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Status {
    /// Created, not yet running.
    Started,
    /// Running.
    Running,
    /// Paused (batch pause), waiting for `NotifyExecution(Approve)`.
    Waiting,
    /// Finished well.
    Success,
    /// Finished badly.
    Failed,
    /// Cancelled.
    Cancelled,
}

impl Status {
    /// The spelling OOS uses.
    pub const fn as_str(self) -> &'static str {
        match self {
            Status::Started => "Started",
            Status::Running => "Running",
            Status::Waiting => "Waiting",
            Status::Success => "Success",
            Status::Failed => "Failed",
            Status::Cancelled => "Cancelled",
        }
    }

    /// Whether nothing more will happen.
    pub const fn is_terminal(self) -> bool {
        matches!(self, Status::Success | Status::Failed | Status::Cancelled)
    }
}

/// An OOS execution: a parent (one rolling update) or a per-instance child.
#[derive(Debug, Clone, PartialEq)]
pub struct Execution {
    /// `exec-…`.
    pub id: String,
    /// Template name (the child's is the nested action, e.g. `ACS::ESS::RunCommand`).
    pub template_name: String,
    /// Template version.
    pub template_version: String,
    /// The parent execution of a child.
    pub parent_id: Option<String>,
    /// Parameters as a JSON object.
    pub parameters: Value,
    /// Outputs as a JSON object.
    pub outputs: Value,
    /// Status.
    pub status: Status,
    /// Why it is in that status.
    pub status_message: String,
    /// `Automatic`, `FailurePause` or `Debug`.
    pub mode: String,
    /// `Automatic`, `FirstBatchPause` or `EveryBatchPause` (StartExecution's own LoopMode).
    pub loop_mode: String,
    /// `Skip` or `ConfirmEveryHighRiskAction`.
    pub safety_check: String,
    /// Description.
    pub description: String,
    /// Tags.
    pub tags: Map<String, Value>,
    /// Region.
    pub region_id: String,
    /// Resource group.
    pub resource_group_id: String,
    /// Who started it.
    pub executed_by: String,
    /// The idempotency token it was started with.
    pub client_token: Option<String>,
    /// Times in simulated ms.
    pub created_ms: u64,
    /// Last change.
    pub updated_ms: u64,
    /// When it ended.
    pub ended_ms: Option<u64>,
}

impl Execution {
    /// Whether this is a parent (rolling-update) execution.
    pub fn is_parent(&self) -> bool {
        self.parent_id.is_none()
    }

    /// The scaling group a parent execution works on.
    pub fn scaling_group_id(&self) -> Option<&str> {
        self.parameters.get("scalingGroupId").and_then(Value::as_str)
    }

    /// The instance a child execution works on.
    pub fn instance_id(&self) -> Option<&str> {
        self.parameters.get("instanceId").and_then(Value::as_str)
    }
}

/// A task execution of a parent execution (loop children included).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskExecution {
    /// `exec-…` of the parent execution.
    pub execution_id: String,
    /// `t-…`.
    pub id: String,
    /// Task name as the template writes it, e.g. `invokeByReplaceImage`.
    pub task_name: String,
    /// Task action, e.g. `ACS::ESS::RunCommand`.
    pub task_action: String,
    /// Status.
    pub status: Status,
    /// Why.
    pub status_message: String,
    /// Inputs.
    pub properties: Value,
    /// Outputs.
    pub outputs: Value,
    /// Loop statistics, on the loop task only.
    pub loop_info: Option<Value>,
    /// Loop item (instance id), on loop children.
    pub loop_item: Option<String>,
    /// 1-based batch, on loop children.
    pub loop_batch_number: Option<u32>,
    /// The loop task, on loop children.
    pub parent_task_execution_id: Option<String>,
    /// The per-instance child execution, on loop children.
    pub child_execution_id: Option<String>,
    /// Times in simulated ms.
    pub created_ms: u64,
    /// Last change.
    pub updated_ms: u64,
    /// When it ended.
    pub ended_ms: Option<u64>,
}

/// One line of an execution's log.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LogEntry {
    /// The execution.
    pub execution_id: String,
    /// The task, if any.
    pub task_execution_id: Option<String>,
    /// When (simulated ms).
    pub ms: u64,
    /// `Info` or `Error`.
    pub log_type: String,
    /// Text.
    pub message: String,
}

/// OOS keeps at most this many tags on a resource.
pub const MAX_TAGS: usize = 20;
/// The longest tag key or value OOS takes.
pub const MAX_TAG_LENGTH: usize = 128;

impl super::World {
    /// TagResources on executions: adds `tags` to each of `ids` (an existing key is
    /// overwritten). Every id must exist and no execution may end with more than [`MAX_TAGS`]
    /// tags; nothing is changed when any check fails.
    pub fn tag_executions(
        &mut self,
        ids: &[String],
        tags: &Map<String, Value>,
    ) -> Result<(), ApiError> {
        for id in ids {
            let execution = self.execution(id).ok_or_else(|| ApiError::no_execution(id))?;
            let mut merged = execution.tags.clone();
            merged.extend(tags.clone());
            if merged.len() > MAX_TAGS {
                return Err(ApiError::new(
                    400,
                    "InvalidParameter.TagsCount",
                    format!("The execution ({id}) would have more than {MAX_TAGS} tags."),
                ));
            }
        }
        for execution in self.executions.iter_mut().filter(|e| ids.contains(&e.id)) {
            execution.tags.extend(tags.clone());
            execution.updated_ms = self.now_ms;
        }
        Ok(())
    }
}
