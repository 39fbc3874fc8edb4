//! OOS (CloudOps Orchestration Service, API 2019-06-01): requests and responses.
//!
//! Structured parameters are sent the way the official SDK sends them: `Parameters` as a JSON
//! string, `Tags` as a compact JSON map, `TaskExecutionIds`/`RdFolderIds`/`Categories` as JSON
//! array strings, booleans as `true`/`false`.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::{ApiRequest, Params, Product};

mod types;

pub use types::*;

macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// The text the API uses.
            pub const fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text,)+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

text_enum! {
    /// The execution mode.
    Mode {
        /// Run every task without stopping (the default).
        Automatic => "Automatic",
        /// Pause when a task fails (answer with RetryTask/SkipTask).
        FailurePause => "FailurePause",
        /// Run task by task (answer with ExecuteTask/CompleteExecution).
        Debug => "Debug",
    }
}

text_enum! {
    /// Execution-level loop pausing.
    LoopMode {
        /// No pause (the default).
        Automatic => "Automatic",
        /// Pause after the first batch.
        FirstBatchPause => "FirstBatchPause",
        /// Pause after every batch.
        EveryBatchPause => "EveryBatchPause",
    }
}

text_enum! {
    /// Whether high-risk actions need confirmation.
    SafetyCheck {
        /// Do not ask (only valid with [`Mode::Automatic`]).
        Skip => "Skip",
        /// Ask before each high-risk action (answer with NotifyExecution Approve/Reject).
        ConfirmEveryHighRiskAction => "ConfirmEveryHighRiskAction",
    }
}

text_enum! {
    /// What a NotifyExecution call tells the execution.
    NotifyType {
        /// Debug mode: run a task.
        ExecuteTask => "ExecuteTask",
        /// Debug mode: cancel a task.
        CancelTask => "CancelTask",
        /// Debug mode: finish the execution with `ExecutionStatus`.
        CompleteExecution => "CompleteExecution",
        /// Approve a waiting task or a high-risk action.
        Approve => "Approve",
        /// Reject a waiting task or a high-risk action.
        Reject => "Reject",
        /// FailurePause mode: retry the failed task.
        RetryTask => "RetryTask",
        /// FailurePause mode: skip the failed task.
        SkipTask => "SkipTask",
    }
}

text_enum! {
    /// The sort key of list calls.
    SortField {
        /// Start time (the default).
        StartDate => "StartDate",
        /// End time.
        EndDate => "EndDate",
        /// Status.
        Status => "Status",
    }
}

text_enum! {
    /// The sort order of list calls.
    SortOrder {
        /// Newest first (the default).
        Descending => "Descending",
        /// Oldest first.
        Ascending => "Ascending",
    }
}

text_enum! {
    /// Which executions ListExecutions returns by depth.
    Depth {
        /// Only root executions.
        RootDepth => "RootDepth",
        /// Root executions and their direct children.
        FirstChildDepth => "FirstChildDepth",
    }
}

// ---------------------------------------------------------------------------------------------
// Requests

/// Starts an execution of a template.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StartExecution {
    /// Region of the execution.
    pub region_id: String,
    /// Template name (public templates: their `ACS-…` name).
    pub template_name: Option<String>,
    /// Template version, e.g. `v1`; latest when omitted.
    pub template_version: Option<String>,
    /// Inline template (instead of a name).
    pub template_content: Option<String>,
    /// Public-read OSS URL of a template (instead of a name).
    pub template_url: Option<String>,
    /// Template inputs, sent as a JSON string (`{}` when `None`).
    pub parameters: Option<Value>,
    /// Execution mode; sent only when set (the service defaults to Automatic).
    pub mode: Option<Mode>,
    /// Loop pausing; sent only when set.
    pub loop_mode: Option<LoopMode>,
    /// Always sent: when `None`, `Skip` with Automatic mode, else `ConfirmEveryHighRiskAction`
    /// (the documented default is contradictory, so the value is explicit on the wire).
    pub safety_check: Option<SafetyCheck>,
    /// Parent execution.
    pub parent_execution_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Idempotency token: retrying with the same token starts no second execution.
    pub client_token: Option<String>,
    /// Tags, sent as a compact JSON map.
    pub tags: Option<BTreeMap<String, String>>,
    /// Resource group.
    pub resource_group_id: Option<String>,
}

impl StartExecution {
    /// A start of the named template with `parameters`.
    pub fn new(region_id: &str, template_name: &str, parameters: Value) -> Self {
        StartExecution {
            region_id: region_id.to_owned(),
            template_name: Some(template_name.to_owned()),
            parameters: Some(parameters),
            ..StartExecution::default()
        }
    }

    /// The SafetyCheck value that will be sent.
    pub fn effective_safety_check(&self) -> SafetyCheck {
        match (self.safety_check, self.mode) {
            (Some(s), _) => s,
            (None, None | Some(Mode::Automatic)) => SafetyCheck::Skip,
            (None, Some(_)) => SafetyCheck::ConfirmEveryHighRiskAction,
        }
    }
}

impl ApiRequest for StartExecution {
    type Response = StartExecutionResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "StartExecution";

    fn resend_safe(&self) -> bool {
        // OOS starts one execution per ClientToken, so a resend with the same token is harmless.
        self.client_token.as_deref().is_some_and(|t| !t.is_empty())
    }

    fn params(&self) -> Vec<(String, String)> {
        let parameters = self.parameters.as_ref().map_or_else(|| "{}".to_owned(), Value::to_string);
        Params::new(&self.region_id)
            .opt("TemplateName", self.template_name.as_ref())
            .opt("TemplateVersion", self.template_version.as_ref())
            .opt("TemplateContent", self.template_content.as_ref())
            .opt("TemplateURL", self.template_url.as_ref())
            .put("Parameters", parameters)
            .opt("Mode", self.mode)
            .opt("LoopMode", self.loop_mode)
            .put("SafetyCheck", self.effective_safety_check().as_str())
            .opt("ParentExecutionId", self.parent_execution_id.as_ref())
            .opt("Description", self.description.as_ref())
            .opt("ClientToken", self.client_token.as_ref())
            .json("Tags", self.tags.as_ref())
            .opt("ResourceGroupId", self.resource_group_id.as_ref())
            .finish()
    }
}

/// Lists executions (paginated with `NextToken`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListExecutions {
    /// Region.
    pub region_id: String,
    /// One execution (an unknown id gives an empty list, not an error).
    pub execution_id: Option<String>,
    /// Template name (substring match).
    pub template_name: Option<String>,
    /// Status filter.
    pub status: Option<String>,
    /// Mode filter.
    pub mode: Option<Mode>,
    /// Who started it.
    pub executed_by: Option<String>,
    /// Children of this execution (the rolling templates' per-instance executions).
    pub parent_execution_id: Option<String>,
    /// Include child executions.
    pub include_child_execution: Option<bool>,
    /// Depth filter (instead of `include_child_execution`).
    pub depth: Option<Depth>,
    /// Category (`Other`, `TimerTrigger`, `EventTrigger`, `AlarmTrigger`).
    pub category: Option<String>,
    /// Categories, sent as a JSON array.
    pub categories: Option<Vec<String>>,
    /// RAM role.
    pub ram_role: Option<String>,
    /// Resource id.
    pub resource_id: Option<String>,
    /// Resource template name.
    pub resource_template_name: Option<String>,
    /// Resource group.
    pub resource_group_id: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Tags, sent as a compact JSON map.
    pub tags: Option<BTreeMap<String, String>>,
    /// Resource directory folders, sent as a JSON array.
    pub rd_folder_ids: Option<Vec<String>>,
    /// Started before (ISO 8601 UTC).
    pub start_date_before: Option<String>,
    /// Started after.
    pub start_date_after: Option<String>,
    /// Ended before.
    pub end_date_before: Option<String>,
    /// Ended after.
    pub end_date_after: Option<String>,
    /// Sort key.
    pub sort_field: Option<SortField>,
    /// Sort order.
    pub sort_order: Option<SortOrder>,
    /// Account (undocumented).
    pub account_id: Option<String>,
    /// Page size, 10–100 (default 50).
    pub max_results: Option<u32>,
    /// The previous page's `NextToken`.
    pub next_token: Option<String>,
}

impl ListExecutions {
    /// No filter in `region_id`.
    pub fn new(region_id: &str) -> Self {
        ListExecutions { region_id: region_id.to_owned(), ..ListExecutions::default() }
    }
}

impl ApiRequest for ListExecutions {
    type Response = ListExecutionsResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "ListExecutions";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .opt("ExecutionId", self.execution_id.as_ref())
            .opt("TemplateName", self.template_name.as_ref())
            .opt("Status", self.status.as_ref())
            .opt("Mode", self.mode)
            .opt("ExecutedBy", self.executed_by.as_ref())
            .opt("ParentExecutionId", self.parent_execution_id.as_ref())
            .opt("IncludeChildExecution", self.include_child_execution)
            .opt("Depth", self.depth)
            .opt("Category", self.category.as_ref())
            .json("Categories", self.categories.as_ref())
            .opt("RamRole", self.ram_role.as_ref())
            .opt("ResourceId", self.resource_id.as_ref())
            .opt("ResourceTemplateName", self.resource_template_name.as_ref())
            .opt("ResourceGroupId", self.resource_group_id.as_ref())
            .opt("Description", self.description.as_ref())
            .json("Tags", self.tags.as_ref())
            .json("RdFolderIds", self.rd_folder_ids.as_ref())
            .opt("StartDateBefore", self.start_date_before.as_ref())
            .opt("StartDateAfter", self.start_date_after.as_ref())
            .opt("EndDateBefore", self.end_date_before.as_ref())
            .opt("EndDateAfter", self.end_date_after.as_ref())
            .opt("SortField", self.sort_field)
            .opt("SortOrder", self.sort_order)
            .opt("AccountId", self.account_id.as_ref())
            .opt("MaxResults", self.max_results)
            .opt("NextToken", self.next_token.as_ref())
            .finish()
    }
}

/// Lists the task executions of an execution (paginated with `NextToken`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListTaskExecutions {
    /// Region.
    pub region_id: String,
    /// The execution.
    pub execution_id: Option<String>,
    /// One task execution.
    pub task_execution_id: Option<String>,
    /// Task name.
    pub task_name: Option<String>,
    /// Task action, e.g. `ACS::ESS::RunCommand`.
    pub task_action: Option<String>,
    /// Children of this loop task execution.
    pub parent_task_execution_id: Option<String>,
    /// Include per-item loop children.
    pub include_child_task_execution: Option<bool>,
    /// Status filter.
    pub status: Option<String>,
    /// Started before.
    pub start_date_before: Option<String>,
    /// Started after.
    pub start_date_after: Option<String>,
    /// Ended before.
    pub end_date_before: Option<String>,
    /// Ended after.
    pub end_date_after: Option<String>,
    /// Sort key.
    pub sort_field: Option<SortField>,
    /// Sort order.
    pub sort_order: Option<SortOrder>,
    /// Page size, 20–100 (default 50).
    pub max_results: Option<u32>,
    /// The previous page's `NextToken`.
    pub next_token: Option<String>,
}

impl ListTaskExecutions {
    /// The tasks of `execution_id`, loop children included.
    pub fn new(region_id: &str, execution_id: &str) -> Self {
        ListTaskExecutions {
            region_id: region_id.to_owned(),
            execution_id: Some(execution_id.to_owned()),
            include_child_task_execution: Some(true),
            ..ListTaskExecutions::default()
        }
    }
}

impl ApiRequest for ListTaskExecutions {
    type Response = ListTaskExecutionsResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "ListTaskExecutions";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .opt("ExecutionId", self.execution_id.as_ref())
            .opt("TaskExecutionId", self.task_execution_id.as_ref())
            .opt("TaskName", self.task_name.as_ref())
            .opt("TaskAction", self.task_action.as_ref())
            .opt("ParentTaskExecutionId", self.parent_task_execution_id.as_ref())
            .opt("IncludeChildTaskExecution", self.include_child_task_execution)
            .opt("Status", self.status.as_ref())
            .opt("StartDateBefore", self.start_date_before.as_ref())
            .opt("StartDateAfter", self.start_date_after.as_ref())
            .opt("EndDateBefore", self.end_date_before.as_ref())
            .opt("EndDateAfter", self.end_date_after.as_ref())
            .opt("SortField", self.sort_field)
            .opt("SortOrder", self.sort_order)
            .opt("MaxResults", self.max_results)
            .opt("NextToken", self.next_token.as_ref())
            .finish()
    }
}

/// Notifies an execution: approve/reject a waiting task, retry/skip a failed one, debug steps.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NotifyExecution {
    /// Region.
    pub region_id: String,
    /// The execution (required).
    pub execution_id: String,
    /// What to tell it (required).
    pub notify_type: Option<NotifyType>,
    /// Task name.
    pub task_name: Option<String>,
    /// One task execution.
    pub task_execution_id: Option<String>,
    /// Several task executions, sent as a JSON array.
    pub task_execution_ids: Option<Vec<String>>,
    /// Loop item.
    pub loop_item: Option<String>,
    /// For CompleteExecution, e.g. `Success`.
    pub execution_status: Option<String>,
    /// For ExecuteTask: task parameters, sent as a JSON string.
    pub parameters: Option<Value>,
    /// A note.
    pub notify_note: Option<String>,
}

impl NotifyExecution {
    /// A notification of `notify_type` to `execution_id`.
    pub fn new(region_id: &str, execution_id: &str, notify_type: NotifyType) -> Self {
        NotifyExecution {
            region_id: region_id.to_owned(),
            execution_id: execution_id.to_owned(),
            notify_type: Some(notify_type),
            ..NotifyExecution::default()
        }
    }
}

impl ApiRequest for NotifyExecution {
    type Response = RequestIdResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "NotifyExecution";

    fn resend_safe(&self) -> bool {
        false // a second Approve could release the next batch
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("ExecutionId", self.execution_id.as_str())
            .opt("NotifyType", self.notify_type)
            .opt("TaskName", self.task_name.as_ref())
            .opt("TaskExecutionId", self.task_execution_id.as_ref())
            .json("TaskExecutionIds", self.task_execution_ids.as_ref())
            .opt("LoopItem", self.loop_item.as_ref())
            .opt("ExecutionStatus", self.execution_status.as_ref())
            .opt("Parameters", self.parameters.as_ref())
            .opt("NotifyNote", self.notify_note.as_ref())
            .finish()
    }
}

/// Cancels an execution.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CancelExecution {
    /// Region.
    pub region_id: String,
    /// The execution.
    pub execution_id: String,
}

impl ApiRequest for CancelExecution {
    type Response = RequestIdResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "CancelExecution";

    fn resend_safe(&self) -> bool {
        true // cancelling twice changes nothing
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id).put("ExecutionId", self.execution_id.as_str()).finish()
    }
}

/// Adds tags to OOS resources (`ResourceType` `execution` for executions); existing keys are
/// overwritten. `ResourceIds` and `Tags` are sent as JSON strings, as the SDK sends them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TagResources {
    /// Region.
    pub region_id: String,
    /// `execution`, `template`, ... (required).
    pub resource_type: String,
    /// The resources (1 to 50), sent as a JSON array.
    pub resource_ids: Vec<String>,
    /// The tags (1 to 20; keys and values at most 128 characters), sent as a JSON map.
    pub tags: BTreeMap<String, String>,
}

impl TagResources {
    /// Tags one execution.
    pub fn execution(region_id: &str, execution_id: &str, tags: BTreeMap<String, String>) -> Self {
        TagResources {
            region_id: region_id.to_owned(),
            resource_type: "execution".to_owned(),
            resource_ids: vec![execution_id.to_owned()],
            tags,
        }
    }
}

impl ApiRequest for TagResources {
    type Response = RequestIdResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "TagResources";

    fn resend_safe(&self) -> bool {
        true // setting the same tags again changes nothing
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("ResourceType", self.resource_type.as_str())
            .json("ResourceIds", Some(&self.resource_ids))
            .json("Tags", Some(&self.tags))
            .finish()
    }
}

/// Fetches a template (public ones by their `ACS-…` name).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetTemplate {
    /// Region.
    pub region_id: String,
    /// Template name.
    pub template_name: String,
    /// Version; latest when omitted.
    pub template_version: Option<String>,
}

impl ApiRequest for GetTemplate {
    type Response = GetTemplateResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "GetTemplate";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("TemplateName", self.template_name.as_str())
            .opt("TemplateVersion", self.template_version.as_ref())
            .finish()
    }
}

/// Lists the log lines of an execution (paginated with `NextToken`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ListExecutionLogs {
    /// Region.
    pub region_id: String,
    /// The execution (required).
    pub execution_id: String,
    /// One task execution.
    pub task_execution_id: Option<String>,
    /// Log type.
    pub log_type: Option<String>,
    /// Account (undocumented).
    pub account_id: Option<String>,
    /// Page size.
    pub max_results: Option<u32>,
    /// The previous page's `NextToken`.
    pub next_token: Option<String>,
}

impl ApiRequest for ListExecutionLogs {
    type Response = ListExecutionLogsResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "ListExecutionLogs";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("ExecutionId", self.execution_id.as_str())
            .opt("TaskExecutionId", self.task_execution_id.as_ref())
            .opt("LogType", self.log_type.as_ref())
            .opt("AccountId", self.account_id.as_ref())
            .opt("MaxResults", self.max_results)
            .opt("NextToken", self.next_token.as_ref())
            .finish()
    }
}

/// Computes the RAM policy a template execution needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GenerateExecutionPolicy {
    /// Region.
    pub region_id: String,
    /// Template name (required).
    pub template_name: String,
    /// Version; latest when omitted.
    pub template_version: Option<String>,
    /// The RAM role the execution would assume.
    pub ram_role: Option<String>,
    /// Inline template content to check instead.
    pub template_content: Option<String>,
}

impl ApiRequest for GenerateExecutionPolicy {
    type Response = GenerateExecutionPolicyResponse;
    const PRODUCT: Product = Product::Oos;
    const ACTION: &'static str = "GenerateExecutionPolicy";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("TemplateName", self.template_name.as_str())
            .opt("TemplateVersion", self.template_version.as_ref())
            .opt("RamRole", self.ram_role.as_ref())
            .opt("TemplateContent", self.template_content.as_ref())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
        params.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    #[test]
    fn tag_resources_sends_ids_and_tags_as_json() {
        let tags =
            BTreeMap::from([("rolling-update:gates".to_owned(), "b1 ok approve".to_owned())]);
        let p = TagResources::execution("cn-hangzhou", "exec-1", tags).params();
        assert_eq!(get(&p, "ResourceType"), Some("execution"));
        assert_eq!(get(&p, "ResourceIds"), Some(r#"["exec-1"]"#));
        assert_eq!(get(&p, "Tags"), Some(r#"{"rolling-update:gates":"b1 ok approve"}"#));
    }

    #[test]
    fn start_execution_sends_structured_values_as_json_text() {
        let mut req = StartExecution::new(
            "cn-hangzhou",
            "ACS-ESS-RollingUpdateByRunCommandInScalingGroup",
            serde_json::json!({"invokeType": "invoke", "batchNumber": 2}),
        );
        req.tags = Some(BTreeMap::from([("env".into(), "prod".into()), ("a".into(), "b".into())]));
        req.client_token = Some("tok".into());
        let p = req.params();
        assert_eq!(p[0], ("RegionId".to_owned(), "cn-hangzhou".to_owned()));
        assert_eq!(get(&p, "Parameters"), Some(r#"{"invokeType":"invoke","batchNumber":2}"#));
        assert_eq!(get(&p, "Tags"), Some(r#"{"a":"b","env":"prod"}"#));
        assert_eq!(get(&p, "SafetyCheck"), Some("Skip"));
        assert_eq!(get(&p, "ClientToken"), Some("tok"));
        assert_eq!(get(&p, "Mode"), None);

        req.mode = Some(Mode::FailurePause);
        assert_eq!(get(&req.params(), "SafetyCheck"), Some("ConfirmEveryHighRiskAction"));
        req.safety_check = Some(SafetyCheck::Skip);
        assert_eq!(get(&req.params(), "SafetyCheck"), Some("Skip"));
        assert_eq!(get(&req.params(), "Mode"), Some("FailurePause"));
    }

    #[test]
    fn lists_and_booleans_are_encoded_as_the_sdk_does() {
        let req = ListExecutions {
            rd_folder_ids: Some(vec!["fd-1".into(), "fd-2".into()]),
            include_child_execution: Some(false),
            max_results: Some(20),
            ..ListExecutions::new("cn-beijing")
        };
        let p = req.params();
        assert_eq!(get(&p, "RdFolderIds"), Some(r#"["fd-1","fd-2"]"#));
        assert_eq!(get(&p, "IncludeChildExecution"), Some("false"));
        assert_eq!(get(&p, "MaxResults"), Some("20"));
        let notify = NotifyExecution {
            task_execution_ids: Some(vec!["t-1".into()]),
            ..NotifyExecution::new("cn-beijing", "exec-1", NotifyType::Approve)
        };
        let p = notify.params();
        assert_eq!(get(&p, "TaskExecutionIds"), Some(r#"["t-1"]"#));
        assert_eq!(get(&p, "NotifyType"), Some("Approve"));
    }

    #[test]
    fn instance_id_is_found_in_every_loop_item_shape() {
        let task = |item: Option<&str>, props: Value| TaskExecution {
            loop_item: item.map(str::to_owned),
            properties: props,
            ..TaskExecution::default()
        };
        let id = |t: TaskExecution| t.instance_id();
        assert_eq!(
            id(task(Some(r#"{"InstanceId":"i-1","LifecycleState":"InService"}"#), Value::Null))
                .as_deref(),
            Some("i-1")
        );
        assert_eq!(id(task(Some("i-2"), Value::Null)).as_deref(), Some("i-2"));
        assert_eq!(id(task(Some("\"i-3\""), Value::Null)).as_deref(), Some("i-3"));
        assert_eq!(
            id(task(None, Value::String(r#"{"instanceId":"i-4"}"#.into()))).as_deref(),
            Some("i-4")
        );
        assert_eq!(id(task(None, Value::Null)), None);
    }
}
