//! OOS response types.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::api::response::{Status, de, json_object};

/// A task an execution is currently running.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct CurrentTask {
    /// Task name.
    #[serde(deserialize_with = "de::opt_string")]
    pub task_name: Option<String>,
    /// Task action.
    #[serde(deserialize_with = "de::opt_string")]
    pub task_action: Option<String>,
    /// Task execution id.
    #[serde(deserialize_with = "de::opt_string")]
    pub task_execution_id: Option<String>,
}

/// An execution, as StartExecution and ListExecutions return it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Execution {
    /// `exec-…`.
    #[serde(deserialize_with = "de::string")]
    pub execution_id: String,
    /// Status.
    pub status: Status,
    /// Status message (often the failure reason).
    #[serde(deserialize_with = "de::opt_string")]
    pub status_message: Option<String>,
    /// Status reason (ListExecutions).
    #[serde(deserialize_with = "de::opt_string")]
    pub status_reason: Option<String>,
    /// What a `Waiting` execution waits for.
    #[serde(deserialize_with = "de::opt_string")]
    pub waiting_status: Option<String>,
    /// Template name.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_name: Option<String>,
    /// Template id.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_id: Option<String>,
    /// Template version.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_version: Option<String>,
    /// Mode.
    #[serde(deserialize_with = "de::opt_string")]
    pub mode: Option<String>,
    /// Loop mode.
    #[serde(deserialize_with = "de::opt_string")]
    pub loop_mode: Option<String>,
    /// Safety check.
    #[serde(deserialize_with = "de::opt_string")]
    pub safety_check: Option<String>,
    /// Who started it.
    #[serde(deserialize_with = "de::opt_string")]
    pub executed_by: Option<String>,
    /// Start time.
    #[serde(deserialize_with = "de::opt_string")]
    pub start_date: Option<String>,
    /// End time.
    #[serde(deserialize_with = "de::opt_string")]
    pub end_date: Option<String>,
    /// Creation time.
    #[serde(deserialize_with = "de::opt_string")]
    pub create_date: Option<String>,
    /// Last update time.
    #[serde(deserialize_with = "de::opt_string")]
    pub update_date: Option<String>,
    /// Whether it has child executions.
    #[serde(deserialize_with = "de::opt_bool")]
    pub is_parent: Option<bool>,
    /// Parent execution.
    #[serde(deserialize_with = "de::opt_string")]
    pub parent_execution_id: Option<String>,
    /// Inputs: an object or a JSON string (see [`Execution::parameters_object`]).
    pub parameters: Value,
    /// Outputs: an object or a JSON string (see [`Execution::outputs_object`]).
    pub outputs: Value,
    /// Task counts by status.
    pub counters: Value,
    /// Tasks running now.
    #[serde(deserialize_with = "de::list")]
    pub current_tasks: Vec<CurrentTask>,
    /// The RAM role it runs as.
    #[serde(deserialize_with = "de::opt_string")]
    pub ram_role: Option<String>,
    /// Description.
    #[serde(deserialize_with = "de::opt_string")]
    pub description: Option<String>,
    /// Tags (a map).
    pub tags: Value,
    /// Resource group.
    #[serde(deserialize_with = "de::opt_string")]
    pub resource_group_id: Option<String>,
    /// Category (ListExecutions).
    #[serde(deserialize_with = "de::opt_string")]
    pub category: Option<String>,
}

impl Execution {
    /// The inputs as an object, whether sent as an object or a JSON string.
    pub fn parameters_object(&self) -> Option<Map<String, Value>> {
        json_object(&self.parameters)
    }

    /// The outputs as an object, whether sent as an object or a JSON string.
    pub fn outputs_object(&self) -> Option<Map<String, Value>> {
        json_object(&self.outputs)
    }
}

/// A task execution, as ListTaskExecutions returns it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct TaskExecution {
    /// The execution.
    #[serde(deserialize_with = "de::string")]
    pub execution_id: String,
    /// This task execution.
    #[serde(deserialize_with = "de::string")]
    pub task_execution_id: String,
    /// Task name.
    #[serde(deserialize_with = "de::opt_string")]
    pub task_name: Option<String>,
    /// Task action.
    #[serde(deserialize_with = "de::opt_string")]
    pub task_action: Option<String>,
    /// Template id.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_id: Option<String>,
    /// Status.
    pub status: Status,
    /// Status message.
    #[serde(deserialize_with = "de::opt_string")]
    pub status_message: Option<String>,
    /// Start time.
    #[serde(deserialize_with = "de::opt_string")]
    pub start_date: Option<String>,
    /// End time.
    #[serde(deserialize_with = "de::opt_string")]
    pub end_date: Option<String>,
    /// Creation time.
    #[serde(deserialize_with = "de::opt_string")]
    pub create_date: Option<String>,
    /// Last update time.
    #[serde(deserialize_with = "de::opt_string")]
    pub update_date: Option<String>,
    /// Inputs (a JSON string or an object).
    pub properties: Value,
    /// Outputs (a JSON string or an object).
    pub outputs: Value,
    /// Loop configuration and statistics (only on a loop parent).
    #[serde(rename = "Loop")]
    pub loop_info: Value,
    /// The loop item this child handles (text; objects are kept as compact JSON).
    #[serde(deserialize_with = "de::opt_string")]
    pub loop_item: Option<String>,
    /// The batch this loop child belongs to.
    #[serde(deserialize_with = "de::opt_i64")]
    pub loop_batch_number: Option<i64>,
    /// The loop parent's task execution id.
    #[serde(deserialize_with = "de::opt_string")]
    pub parent_task_execution_id: Option<String>,
    /// The child execution a nested template action spawned.
    #[serde(deserialize_with = "de::opt_string")]
    pub child_execution_id: Option<String>,
    /// Extra data.
    pub extra_data: Value,
}

impl TaskExecution {
    /// Whether this is a per-item child of a loop (it has a batch number).
    pub fn is_loop_child(&self) -> bool {
        self.loop_batch_number.is_some()
    }

    /// Whether this is one of the template's own tasks (`getInstance`, the loop task,
    /// `resumeProcesses`, ...) rather than a per-instance loop child: it has neither a
    /// `LoopBatchNumber` nor a loop parent. `wait` and `status` both use this definition.
    pub fn is_top_level(&self) -> bool {
        self.loop_batch_number.is_none()
            && self.parent_task_execution_id.as_deref().is_none_or(str::is_empty)
    }

    /// The ECS instance this loop child handles: the `InstanceId`/`instanceId` of a JSON
    /// `LoopItem`, an `i-…` `LoopItem` itself, or `instanceId` in the task's properties.
    pub fn instance_id(&self) -> Option<String> {
        let from_object = |map: &Map<String, Value>| {
            ["InstanceId", "instanceId"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str).map(str::to_owned))
        };
        if let Some(item) = self.loop_item.as_deref() {
            let item = item.trim();
            if let Some(map) = json_object(&Value::String(item.to_owned())) {
                if let Some(id) = from_object(&map) {
                    return Some(id);
                }
            } else if let Ok(Value::String(s)) = serde_json::from_str::<Value>(item) {
                return Some(s);
            } else if !item.is_empty() {
                return Some(item.to_owned());
            }
        }
        json_object(&self.properties).as_ref().and_then(from_object)
    }
}

/// One log line.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ExecutionLog {
    /// When.
    #[serde(deserialize_with = "de::opt_string")]
    pub timestamp: Option<String>,
    /// The line.
    #[serde(deserialize_with = "de::opt_string")]
    pub message: Option<String>,
    /// Log type.
    #[serde(deserialize_with = "de::opt_string")]
    pub log_type: Option<String>,
    /// The task execution it belongs to.
    #[serde(deserialize_with = "de::opt_string")]
    pub task_execution_id: Option<String>,
}

/// Template metadata of GetTemplate.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct TemplateInfo {
    /// Name.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_name: Option<String>,
    /// Id.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_id: Option<String>,
    /// Version.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_version: Option<String>,
    /// `JSON` or `YAML`.
    #[serde(deserialize_with = "de::opt_string")]
    pub template_format: Option<String>,
    /// SHA-256 of the content.
    #[serde(deserialize_with = "de::opt_string")]
    pub hash: Option<String>,
    /// Description.
    #[serde(deserialize_with = "de::opt_string")]
    pub description: Option<String>,
    /// `Public` or `Private`.
    #[serde(deserialize_with = "de::opt_string")]
    pub share_type: Option<String>,
    /// Creator.
    #[serde(deserialize_with = "de::opt_string")]
    pub created_by: Option<String>,
    /// Creation time.
    #[serde(deserialize_with = "de::opt_string")]
    pub created_date: Option<String>,
    /// Last updater.
    #[serde(deserialize_with = "de::opt_string")]
    pub updated_by: Option<String>,
    /// Last update time.
    #[serde(deserialize_with = "de::opt_string")]
    pub updated_date: Option<String>,
    /// Tags.
    pub tags: Value,
}

/// A response with nothing but its request id (NotifyExecution, CancelExecution).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RequestIdResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
}

/// StartExecution's response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct StartExecutionResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The execution started.
    pub execution: Execution,
}

fn more(token: Option<&str>) -> bool {
    token.is_some_and(|t| !t.trim().is_empty())
}

/// One page of ListExecutions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListExecutionsResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The executions.
    #[serde(deserialize_with = "de::list")]
    pub executions: Vec<Execution>,
    /// The next page's token; empty or absent on the last page.
    #[serde(deserialize_with = "de::opt_string")]
    pub next_token: Option<String>,
    /// Page size.
    #[serde(deserialize_with = "de::opt_i64")]
    pub max_results: Option<i64>,
    /// Total.
    #[serde(deserialize_with = "de::opt_i64")]
    pub total_count: Option<i64>,
}

impl ListExecutionsResponse {
    /// Whether another page follows (a non-empty `NextToken`).
    pub fn has_next_page(&self) -> bool {
        more(self.next_token.as_deref())
    }
}

/// One page of ListTaskExecutions.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListTaskExecutionsResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The task executions.
    #[serde(deserialize_with = "de::list")]
    pub task_executions: Vec<TaskExecution>,
    /// The next page's token.
    #[serde(deserialize_with = "de::opt_string")]
    pub next_token: Option<String>,
    /// Page size.
    #[serde(deserialize_with = "de::opt_i64")]
    pub max_results: Option<i64>,
}

impl ListTaskExecutionsResponse {
    /// Whether another page follows.
    pub fn has_next_page(&self) -> bool {
        more(self.next_token.as_deref())
    }
}

/// One page of ListExecutionLogs.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ListExecutionLogsResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The lines.
    #[serde(deserialize_with = "de::list")]
    pub execution_logs: Vec<ExecutionLog>,
    /// Whether the log was cut.
    #[serde(deserialize_with = "de::opt_bool")]
    pub is_truncated: Option<bool>,
    /// The next page's token.
    #[serde(deserialize_with = "de::opt_string")]
    pub next_token: Option<String>,
    /// Page size.
    #[serde(deserialize_with = "de::opt_i64")]
    pub max_results: Option<i64>,
}

impl ListExecutionLogsResponse {
    /// Whether another page follows.
    pub fn has_next_page(&self) -> bool {
        more(self.next_token.as_deref())
    }
}

/// GetTemplate's response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GetTemplateResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The template text (JSON or YAML).
    #[serde(deserialize_with = "de::opt_string")]
    pub content: Option<String>,
    /// Metadata.
    pub template: TemplateInfo,
}

/// GenerateExecutionPolicy's response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct GenerateExecutionPolicyResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The RAM policy document (JSON text).
    #[serde(deserialize_with = "de::opt_string")]
    pub policy: Option<String>,
    /// What the caller's role lacks (text; the documented sample is Python-literal, not JSON).
    #[serde(deserialize_with = "de::opt_string")]
    pub missing_policy: Option<String>,
}
