//! The API actions: request parameters in, Alibaba-shaped JSON out, over the pure model.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::call::{Body, Call, date, ess_page, ess_region, page, token_offset};
use crate::error::ApiError;
use crate::model::RefreshControl::{Cancel, Resume, Rollback, Suspend};
use crate::model::{Execution, Notify, StartRequest, Status, TaskExecution, World};
use crate::refresh_api;
use crate::templates::{self, DEFINITIONS, Definition, Work};
use crate::time::{format_utc, parse_utc};

/// OOS API version.
pub const OOS_VERSION: &str = "2019-06-01";
/// ESS API version.
pub const ESS_VERSION: &str = "2014-08-28";
/// CloudMonitor API version.
pub const CMS_VERSION: &str = "2019-01-01";
/// ECS API version.
pub const ECS_VERSION: &str = "2014-05-26";

/// Runs one action.
pub(crate) fn dispatch(world: &mut World, call: &Call<'_>) -> Result<Body, ApiError> {
    world.advance(call.now_ms);
    match (call.version, call.action) {
        (OOS_VERSION, "StartExecution") => start_execution(world, call),
        (OOS_VERSION, "ListExecutions") => list_executions(world, call),
        (OOS_VERSION, "ListTaskExecutions") => list_task_executions(world, call),
        (OOS_VERSION, "NotifyExecution") => notify_execution(world, call),
        (OOS_VERSION, "CancelExecution") => {
            world.cancel(call.now_ms, call.required("ExecutionId")?)?;
            Ok(Body::new())
        }
        (OOS_VERSION, "TagResources") => tag_resources(world, call),
        (OOS_VERSION, "GetTemplate") => get_template(call),
        (OOS_VERSION, "ListExecutionLogs") => list_execution_logs(world, call),
        (OOS_VERSION, "GenerateExecutionPolicy") => generate_policy(call),
        (ESS_VERSION, "DescribeScalingGroups") => describe_groups(world, call),
        (ESS_VERSION, "DescribeScalingConfigurations") => describe_configurations(world, call),
        (ESS_VERSION, "DescribeScalingInstances") => describe_instances(world, call),
        (ESS_VERSION, "DescribeEciScalingConfigurations") => {
            describe_eci_configurations(world, call)
        }
        (ESS_VERSION, "DescribeLifecycleHooks") => describe_lifecycle_hooks(world, call),
        (ESS_VERSION, "StartInstanceRefresh") => refresh_api::start(world, call),
        (ESS_VERSION, "DescribeInstanceRefreshes") => refresh_api::describe(world, call),
        (ESS_VERSION, "SuspendInstanceRefresh") => refresh_api::control(world, call, Suspend),
        (ESS_VERSION, "ResumeInstanceRefresh") => refresh_api::control(world, call, Resume),
        (ESS_VERSION, "CancelInstanceRefresh") => refresh_api::control(world, call, Cancel),
        (ESS_VERSION, "RollbackInstanceRefresh") => refresh_api::control(world, call, Rollback),
        (ESS_VERSION, "DescribeScalingActivities") => refresh_api::activities(world, call),
        (CMS_VERSION, "DescribeMetricRuleList") => describe_metric_rules(world, call),
        (ECS_VERSION, "DescribeInstances") => describe_ecs_instances(world, call),
        (version, action) => Err(ApiError::new(
            400,
            "InvalidParameter",
            format!(
                "The action \"{action}\" of API version \"{version}\" is not supported by this simulation."
            ),
        )),
    }
}

fn template_id(name: &str) -> String {
    let n = DEFINITIONS.iter().position(|d| d.name == name).map_or(9, |i| i + 1);
    format!("t-sim0public000{n}")
}

fn counters(world: &World, e: &Execution) -> Value {
    let mut c: BTreeMap<&str, u64> = BTreeMap::new();
    for key in ["Total", "Started", "Running", "Waiting", "Success", "Failed", "Cancelled"] {
        c.insert(key, 0);
    }
    for t in world.tasks().iter().filter(|t| t.execution_id == e.id) {
        *c.entry("Total").or_default() += 1;
        *c.entry(t.status.as_str()).or_default() += 1;
    }
    json!(c)
}

pub(crate) fn execution_json(world: &World, e: &Execution) -> Value {
    let mut m = Map::new();
    m.insert("ExecutionId".into(), e.id.clone().into());
    m.insert("TemplateName".into(), e.template_name.clone().into());
    m.insert("TemplateId".into(), template_id(&e.template_name).into());
    m.insert("TemplateVersion".into(), e.template_version.clone().into());
    m.insert("Mode".into(), e.mode.clone().into());
    m.insert("LoopMode".into(), e.loop_mode.clone().into());
    m.insert("SafetyCheck".into(), e.safety_check.clone().into());
    m.insert("Status".into(), e.status.as_str().into());
    m.insert("StatusMessage".into(), e.status_message.clone().into());
    m.insert("StatusReason".into(), e.status_message.clone().into());
    m.insert("ExecutedBy".into(), e.executed_by.clone().into());
    m.insert("StartDate".into(), date(e.created_ms));
    if let Some(end) = e.ended_ms {
        m.insert("EndDate".into(), date(end));
    }
    m.insert("CreateDate".into(), date(e.created_ms));
    m.insert("UpdateDate".into(), date(e.updated_ms));
    m.insert("IsParent".into(), e.is_parent().into());
    if let Some(p) = &e.parent_id {
        m.insert("ParentExecutionId".into(), p.clone().into());
    }
    m.insert("Parameters".into(), e.parameters.clone());
    m.insert("Outputs".into(), e.outputs.clone());
    m.insert("Counters".into(), counters(world, e));
    let current: Vec<Value> = world
        .tasks()
        .iter()
        .filter(|t| t.execution_id == e.id && t.parent_task_execution_id.is_none() && !t.status.is_terminal())
        .map(|t| json!({"TaskName": t.task_name, "TaskAction": t.task_action, "TaskExecutionId": t.id}))
        .collect();
    m.insert("CurrentTasks".into(), current.into());
    let role = e.parameters.get("OOSAssumeRole").and_then(Value::as_str).unwrap_or_default();
    m.insert("RamRole".into(), role.into());
    m.insert("Description".into(), e.description.clone().into());
    m.insert("Tags".into(), Value::Object(e.tags.clone()));
    m.insert("ResourceGroupId".into(), e.resource_group_id.clone().into());
    m.insert("Category".into(), "Other".into());
    if e.status == Status::Waiting {
        m.insert("WaitingStatus".into(), "BatchPause".into());
    }
    Value::Object(m)
}

fn start_execution(world: &mut World, call: &Call<'_>) -> Result<Body, ApiError> {
    if call.get("TemplateContent").is_some() || call.get("TemplateURL").is_some() {
        return Err(ApiError::invalid(
            "This simulation runs only the six public ESS rolling-update templates by TemplateName; TemplateContent and TemplateURL are not supported.",
        ));
    }
    let name = call.required("TemplateName")?;
    let parameters: Value = match call.get("Parameters") {
        None => json!({}),
        Some(text) => serde_json::from_str(text).map_err(|e| {
            ApiError::invalid(format!("The parameter \"Parameters\" is not valid JSON: {e}."))
        })?,
    };
    for (key, allowed) in [
        ("Mode", &["Automatic", "FailurePause", "Debug"][..]),
        ("LoopMode", &["Automatic", "FirstBatchPause", "EveryBatchPause"][..]),
        ("SafetyCheck", &["Skip", "ConfirmEveryHighRiskAction"][..]),
    ] {
        if let Some(v) = call.get(key).filter(|v| !allowed.contains(v)) {
            return Err(ApiError::invalid(format!(
                "The parameter \"{key}\" ({v}) must be one of {}.",
                allowed.join(", ")
            )));
        }
    }
    let req = StartRequest {
        template_name: name.to_owned(),
        parameters,
        client_token: call.get("ClientToken").map(str::to_owned),
        tags: call.json_map("Tags")?,
        description: call.get("Description").unwrap_or_default().to_owned(),
        mode: call.get("Mode").unwrap_or_default().to_owned(),
        loop_mode: call.get("LoopMode").unwrap_or_default().to_owned(),
        safety_check: call.get("SafetyCheck").unwrap_or_default().to_owned(),
        region_id: call.get("RegionId").unwrap_or_default().to_owned(),
        resource_group_id: call.get("ResourceGroupId").unwrap_or_default().to_owned(),
    };
    let id = world.start_execution(call.now_ms, &req)?;
    let exec = world.execution(&id).ok_or_else(|| ApiError::no_execution(&id))?;
    let mut body = Body::new();
    body.insert("Execution".into(), execution_json(world, exec));
    Ok(body)
}

fn list_executions(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let max = call.number("MaxResults", 50, 1, 100)? as usize;
    let offset = token_offset(call)?;
    let tags = call.json_map("Tags")?;
    let include_children =
        call.bool("IncludeChildExecution")? || call.get("Depth") == Some("FirstChildDepth");
    let id = call.get("ExecutionId");
    let parent = call.get("ParentExecutionId");
    let mut found: Vec<&Execution> = world
        .executions()
        .iter()
        .filter(|e| id.is_none_or(|id| e.id == id))
        .filter(|e| match parent {
            Some(p) => e.parent_id.as_deref() == Some(p),
            None => include_children || id.is_some() || e.is_parent(),
        })
        .filter(|e| call.get("TemplateName").is_none_or(|n| e.template_name.contains(n)))
        .filter(|e| call.get("Status").is_none_or(|s| e.status.as_str() == s))
        .filter(|e| call.get("Mode").is_none_or(|m| e.mode == m))
        .filter(|e| tags.iter().all(|(k, v)| e.tags.get(k) == Some(v)))
        .collect();
    if call.get("SortOrder") != Some("Ascending") {
        found.reverse();
    }
    let (items, next) = page(&found, offset, max);
    let mut body = Body::new();
    body.insert(
        "Executions".into(),
        items.iter().map(|e| execution_json(world, e)).collect::<Vec<_>>().into(),
    );
    body.insert("NextToken".into(), next.into());
    body.insert("MaxResults".into(), max.into());
    body.insert("TotalCount".into(), found.len().into());
    Ok(body)
}

fn task_json(t: &TaskExecution) -> Value {
    let mut m = Map::new();
    m.insert("ExecutionId".into(), t.execution_id.clone().into());
    m.insert("TaskExecutionId".into(), t.id.clone().into());
    m.insert("TaskName".into(), t.task_name.clone().into());
    m.insert("TaskAction".into(), t.task_action.clone().into());
    m.insert("Status".into(), t.status.as_str().into());
    m.insert("StatusMessage".into(), t.status_message.clone().into());
    m.insert("StartDate".into(), date(t.created_ms));
    if let Some(end) = t.ended_ms {
        m.insert("EndDate".into(), date(end));
    }
    m.insert("CreateDate".into(), date(t.created_ms));
    m.insert("UpdateDate".into(), date(t.updated_ms));
    m.insert("Properties".into(), t.properties.to_string().into());
    m.insert("Outputs".into(), t.outputs.to_string().into());
    if let Some(l) = &t.loop_info {
        m.insert("Loop".into(), l.clone());
    }
    if let Some(item) = &t.loop_item {
        m.insert("LoopItem".into(), item.clone().into());
    }
    if let Some(n) = t.loop_batch_number {
        m.insert("LoopBatchNumber".into(), n.into());
    }
    if let Some(p) = &t.parent_task_execution_id {
        m.insert("ParentTaskExecutionId".into(), p.clone().into());
    }
    if let Some(c) = &t.child_execution_id {
        m.insert("ChildExecutionId".into(), c.clone().into());
    }
    m.insert("ExtraData".into(), json!({}));
    Value::Object(m)
}

fn list_task_executions(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let max = call.number("MaxResults", 50, 1, 100)? as usize;
    let offset = token_offset(call)?;
    let include = call.bool("IncludeChildTaskExecution")?;
    let parent = call.get("ParentTaskExecutionId");
    let dates = DateFilter::read(call)?;
    let found: Vec<&TaskExecution> = world
        .tasks()
        .iter()
        .filter(|t| call.get("ExecutionId").is_none_or(|id| t.execution_id == id))
        .filter(|t| call.get("TaskExecutionId").is_none_or(|id| t.id == id))
        .filter(|t| call.get("TaskName").is_none_or(|n| t.task_name == n))
        .filter(|t| call.get("TaskAction").is_none_or(|a| t.task_action == a))
        .filter(|t| call.get("Status").is_none_or(|s| t.status.as_str() == s))
        .filter(|t| dates.keeps(t.created_ms, t.ended_ms))
        .filter(|t| match parent {
            Some(p) => t.parent_task_execution_id.as_deref() == Some(p),
            None => {
                include
                    || call.get("TaskExecutionId").is_some()
                    || t.parent_task_execution_id.is_none()
            }
        })
        .collect();
    let (items, next) = page(&found, offset, max);
    let mut body = Body::new();
    body.insert(
        "TaskExecutions".into(),
        items.iter().map(|t| task_json(t)).collect::<Vec<_>>().into(),
    );
    body.insert("NextToken".into(), next.into());
    body.insert("MaxResults".into(), max.into());
    Ok(body)
}

/// `StartDateAfter`/`Before` and `EndDateAfter`/`Before` of ListTaskExecutions: inclusive, to
/// the second, as the API reference describes them ("greater than or equal to").
#[derive(Debug, Default)]
struct DateFilter {
    start_after: Option<i64>,
    start_before: Option<i64>,
    end_after: Option<i64>,
    end_before: Option<i64>,
}

impl DateFilter {
    fn read(call: &Call<'_>) -> Result<DateFilter, ApiError> {
        let date = |key: &str| -> Result<Option<i64>, ApiError> {
            match call.get(key) {
                None => Ok(None),
                Some(text) => parse_utc(text).map(Some).ok_or_else(|| {
                    ApiError::invalid(format!(
                        "The parameter \"{key}\" ({text}) is not a valid date (yyyy-MM-ddTHH:mm:ssZ)."
                    ))
                }),
            }
        };
        Ok(DateFilter {
            start_after: date("StartDateAfter")?,
            start_before: date("StartDateBefore")?,
            end_after: date("EndDateAfter")?,
            end_before: date("EndDateBefore")?,
        })
    }

    /// Whether a task that started at `start_ms` and ended at `end_ms` passes.
    fn keeps(&self, start_ms: u64, end_ms: Option<u64>) -> bool {
        let secs = |ms: u64| (ms / 1000) as i64;
        let start = secs(start_ms);
        let end = end_ms.map(secs);
        self.start_after.is_none_or(|a| start >= a)
            && self.start_before.is_none_or(|b| start <= b)
            && self.end_after.is_none_or(|a| end.is_some_and(|e| e >= a))
            && self.end_before.is_none_or(|b| end.is_some_and(|e| e <= b))
    }
}

fn notify_execution(world: &mut World, call: &Call<'_>) -> Result<Body, ApiError> {
    let id = call.required("ExecutionId")?;
    let notify = match call.required("NotifyType")? {
        "Approve" => Notify::Approve,
        "Reject" => Notify::Reject,
        t @ ("ExecuteTask" | "CancelTask" | "CompleteExecution" | "RetryTask" | "SkipTask") => {
            if world.execution(id).is_none() {
                return Err(ApiError::no_execution(id));
            }
            return Err(ApiError::new(
                400,
                "UnsupportedOperation",
                format!(
                    "NotifyType \"{t}\" applies to Debug or FailurePause executions, which this simulation does not run."
                ),
            ));
        }
        other => {
            return Err(ApiError::invalid(format!(
                "The parameter \"NotifyType\" ({other}) is not valid."
            )));
        }
    };
    let mut task = call.get("TaskExecutionId").map(str::to_owned);
    if task.is_none()
        && let Some(text) = call.get("TaskExecutionIds")
    {
        {
            let ids: Vec<String> = serde_json::from_str(text).map_err(|_| {
                ApiError::invalid(
                    "The parameter \"TaskExecutionIds\" must be a JSON array of strings.",
                )
            })?;
            task = ids.into_iter().next();
        }
    }
    world.notify(call.now_ms, id, notify, task.as_deref())?;
    Ok(Body::new())
}

/// OOS TagResources: `ResourceType` (only `execution` here), `ResourceIds` (a JSON array, 1 to
/// 50) and `Tags` (a JSON map, 1 to 20; keys and values at most 128 characters, keys not
/// starting with `acs:` or `aliyun`).
fn tag_resources(world: &mut World, call: &Call<'_>) -> Result<Body, ApiError> {
    use crate::model::oos::{MAX_TAG_LENGTH, MAX_TAGS};
    require_permission(call, "oos:TagResources")?;
    call.required("RegionId")?;
    let kind = call.required("ResourceType")?;
    if kind != "execution" {
        return Err(ApiError::invalid(format!(
            "The parameter \"ResourceType\" ({kind}) is not supported by this simulation: only execution."
        )));
    }
    let ids: Vec<String> = serde_json::from_str(call.required("ResourceIds")?).map_err(|_| {
        ApiError::invalid("The parameter \"ResourceIds\" must be a JSON array of strings.")
    })?;
    if ids.is_empty() || ids.len() > 50 {
        return Err(ApiError::invalid("The parameter \"ResourceIds\" takes 1 to 50 ids."));
    }
    call.required("Tags")?;
    let tags = call.json_map("Tags")?;
    if tags.is_empty() || tags.len() > MAX_TAGS {
        return Err(ApiError::invalid(format!(
            "The parameter \"Tags\" takes 1 to {MAX_TAGS} tags."
        )));
    }
    for (key, value) in &tags {
        let Some(value) = value.as_str() else {
            return Err(ApiError::invalid(format!("The value of tag \"{key}\" must be a string.")));
        };
        let lower = key.to_ascii_lowercase();
        if key.is_empty()
            || key.chars().count() > MAX_TAG_LENGTH
            || lower.starts_with("acs:")
            || lower.starts_with("aliyun")
        {
            return Err(ApiError::invalid(format!("The tag key \"{key}\" is not valid.")));
        }
        if value.chars().count() > MAX_TAG_LENGTH {
            return Err(ApiError::invalid(format!(
                "The value of tag \"{key}\" is longer than {MAX_TAG_LENGTH} characters."
            )));
        }
    }
    world.tag_executions(&ids, &tags)?;
    Ok(Body::new())
}

fn find_template(call: &Call<'_>) -> Result<&'static Definition, ApiError> {
    let name = call.required("TemplateName")?;
    templates::find(name).ok_or_else(|| {
        ApiError::new(
            404,
            "EntityNotExists.Template",
            format!("The template ({name}) does not exist."),
        )
    })
}

/// GetTemplate: the simulator's own definition of the template ([`Definition::content`]).
fn get_template(call: &Call<'_>) -> Result<Body, ApiError> {
    let t = find_template(call)?;
    let content = t.content(call.get("RegionId").unwrap_or("cn-hangzhou"));
    let mut body = Body::new();
    body.insert(
        "Template".into(),
        json!({
            "TemplateName": t.name,
            "TemplateId": template_id(t.name),
            "TemplateVersion": "v1",
            "Description": t.description,
            "TemplateFormat": "JSON",
            "ShareType": "Public",
            "Category": "elastic_manage",
            "Hash": crate::sign::sha256_hex(content.as_bytes()),
            "CreatedBy": "ACS",
            "CreatedDate": "2024-09-23T00:00:00Z",
            "UpdatedBy": "ACS",
            "UpdatedDate": "2024-09-23T00:00:00Z",
            "Tags": {},
        }),
    );
    body.insert("Content".into(), content.into());
    Ok(body)
}

fn list_execution_logs(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let id = call.required("ExecutionId")?;
    if world.execution(id).is_none() {
        return Err(ApiError::no_execution(id));
    }
    let max = call.number("MaxResults", 50, 1, 100)? as usize;
    let offset = token_offset(call)?;
    let found: Vec<Value> = world
        .logs()
        .iter()
        .filter(|l| l.execution_id == id)
        .filter(|l| call.get("TaskExecutionId").is_none_or(|t| l.task_execution_id.as_deref() == Some(t)))
        .filter(|l| call.get("LogType").is_none_or(|t| l.log_type == t))
        .map(|l| {
            json!({"Timestamp": format_utc(l.ms), "Message": l.message, "LogType": l.log_type, "TaskExecutionId": l.task_execution_id.clone().unwrap_or_default()})
        })
        .collect();
    let (items, next) = page(&found, offset, max);
    let mut body = Body::new();
    body.insert("ExecutionLogs".into(), items.into());
    body.insert("IsTruncated".into(), (!next.is_empty()).into());
    body.insert("NextToken".into(), next.into());
    body.insert("MaxResults".into(), max.into());
    Ok(body)
}

/// The permissions a template needs (oos-api.md §5.5), by what its children do.
pub fn template_permissions(t: &Definition) -> Vec<&'static str> {
    let mut actions = vec![
        "ess:DescribeScalingInstances",
        "ess:ResumeProcesses",
        "ess:SuspendProcesses",
        "oos:ListExecutions",
    ];
    if t.standby {
        actions.extend(["ess:EnterStandby", "ess:ExitStandby", "ess:SetInstancesProtection"]);
    }
    if t.tags_instances {
        actions.extend(["ecs:DescribeInstances", "ecs:TagResources"]);
    }
    if t.lifecycle_hook.is_some() {
        actions.extend([
            "ess:DescribeLifecycleHooks",
            "ess:CreateLifecycleHook",
            "ess:ModifyLifecycleHook",
        ]);
    }
    match t.work {
        Work::ReplaceImage => actions.extend([
            "ess:DescribeScalingConfigurations",
            "ess:DescribeScalingGroups",
            "ess:ModifyScalingConfiguration",
            "ecs:StopInstance",
            "ecs:StartInstance",
            "ecs:ReplaceSystemDisk",
            "ecs:DescribeDisks",
            "ecs:ModifyInstanceAttribute",
            "ecs:DescribeLaunchTemplates",
            "ecs:DescribeLaunchTemplateVersions",
        ]),
        Work::RunCommand | Work::ConfigurePackage | Work::DownloadFile | Work::DownloadOssFile => {
            actions.extend([
                "ecs:RunCommand",
                "ecs:DescribeInvocations",
                "ecs:DescribeInvocationResults",
            ]);
        }
        Work::UpdateContainers => actions.extend([
            "ess:ModifyEciScalingConfiguration",
            "eci:UpdateContainerGroup",
            "eci:DescribeContainerGroups",
        ]),
    }
    if t.work == Work::DownloadOssFile {
        actions.push("oss:GetObject");
    }
    actions
}

fn policy(actions: &[String]) -> String {
    let statement = if actions.is_empty() {
        json!([])
    } else {
        json!([{"Effect": "Allow", "Action": actions, "Resource": "*"}])
    };
    json!({"Version": "1", "Statement": statement}).to_string()
}

fn generate_policy(call: &Call<'_>) -> Result<Body, ApiError> {
    let t = find_template(call)?;
    let all: Vec<String> = template_permissions(t).into_iter().map(str::to_owned).collect();
    let missing: Vec<String> =
        all.iter().filter(|a| call.missing_permissions.contains(a)).cloned().collect();
    let mut body = Body::new();
    body.insert("Policy".into(), policy(&all).into());
    body.insert("MissingPolicy".into(), policy(&missing).into());
    Ok(body)
}

fn describe_groups(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let region = ess_region(call)?;
    let ids = call.list("ScalingGroupId");
    let found: Vec<Value> = world
        .groups()
        .iter()
        .filter(|g| g.region_id == region)
        .filter(|g| ids.is_empty() || ids.contains(&g.id))
        .filter(|g| call.get("ScalingGroupName").is_none_or(|n| g.name == n))
        .filter(|g| call.get("GroupType").is_none_or(|t| g.group_type == t))
        .map(|g| {
            let members: Vec<_> =
                world.instances().iter().filter(|i| i.scaling_group_id == g.id).collect();
            let count = |s: &str| members.iter().filter(|i| i.lifecycle_state == s).count();
            let mut m = Map::new();
            m.insert("ScalingGroupId".into(), g.id.clone().into());
            m.insert("ScalingGroupName".into(), g.name.clone().into());
            m.insert("RegionId".into(), g.region_id.clone().into());
            m.insert("LifecycleState".into(), g.lifecycle_state.clone().into());
            if let Some(c) = &g.active_scaling_configuration_id {
                m.insert("ActiveScalingConfigurationId".into(), c.clone().into());
            }
            if let Some(l) = &g.launch_template_id {
                m.insert("LaunchTemplateId".into(), l.clone().into());
                m.insert(
                    "LaunchTemplateVersion".into(),
                    g.launch_template_version.clone().unwrap_or_default().into(),
                );
            }
            m.insert("GroupType".into(), g.group_type.clone().into());
            m.insert("MinSize".into(), g.min_size.into());
            m.insert("MaxSize".into(), g.max_size.into());
            m.insert("DesiredCapacity".into(), members.len().into());
            m.insert("TotalCapacity".into(), members.len().into());
            m.insert("TotalInstanceCount".into(), members.len().into());
            m.insert("ActiveCapacity".into(), count("InService").into());
            m.insert("PendingCapacity".into(), count("Pending").into());
            m.insert("RemovingCapacity".into(), count("Removing").into());
            m.insert("StandbyCapacity".into(), count("Standby").into());
            m.insert("ProtectedCapacity".into(), count("Protected").into());
            m.insert("StoppedCapacity".into(), count("Stopped").into());
            m.insert(
                "SuspendedProcesses".into(),
                json!({"SuspendedProcess": g.suspended_processes}),
            );
            m.insert("SystemSuspended".into(), false.into());
            m.insert("MultiAZPolicy".into(), g.multi_az_policy.clone().into());
            m.insert("HealthCheckType".into(), "ECS".into());
            m.insert("ScalingPolicy".into(), "release".into());
            m.insert("DefaultCooldown".into(), 300.into());
            m.insert(
                "RemovalPolicies".into(),
                json!({"RemovalPolicy": ["OldestScalingConfiguration", "OldestInstance"]}),
            );
            m.insert("VpcId".into(), "vpc-sim0simulated00001".into());
            m.insert("VSwitchIds".into(), json!({"VSwitchId": ["vsw-sim0simulated00001"]}));
            m.insert("CreationTime".into(), format_utc(g.created_ms).into());
            Value::Object(m)
        })
        .collect();
    let (items, mut body) = ess_page(call, &found)?;
    body.insert("ScalingGroups".into(), json!({"ScalingGroup": items}));
    Ok(body)
}

fn describe_configurations(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let region = ess_region(call)?;
    let ids = call.list("ScalingConfigurationId");
    let names = call.list("ScalingConfigurationName");
    let found: Vec<Value> = world
        .configurations()
        .iter()
        .filter(|c| world.group(&c.scaling_group_id).is_some_and(|g| g.region_id == region))
        .filter(|c| c.containers.is_none())
        .filter(|c| call.get("ScalingGroupId").is_none_or(|g| c.scaling_group_id == g))
        .filter(|c| ids.is_empty() || ids.contains(&c.id))
        .filter(|c| names.is_empty() || names.contains(&c.name))
        .map(|c| {
            json!({
                "ScalingConfigurationId": c.id,
                "ScalingConfigurationName": c.name,
                "ScalingGroupId": c.scaling_group_id,
                "ImageId": c.image_id,
                "KeyPairName": c.key_pair_name,
                "InstanceType": c.instance_type,
                "LifecycleState": c.lifecycle_state,
                "SystemDiskCategory": "cloud_essd",
                "UserData": "",
                "CreationTime": format_utc(c.created_ms),
            })
        })
        .collect();
    let (items, mut body) = ess_page(call, &found)?;
    body.insert("ScalingConfigurations".into(), json!({"ScalingConfiguration": items}));
    Ok(body)
}

fn describe_instances(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let region = ess_region(call)?;
    let mut states = call.list("LifecycleStates");
    states.extend(call.get("LifecycleState").map(str::to_owned));
    let mut creation = call.list("CreationTypes");
    creation.extend(call.get("CreationType").map(str::to_owned));
    let ids = call.list("InstanceId");
    let found: Vec<Value> = world
        .instances()
        .iter()
        .filter(|i| world.group(&i.scaling_group_id).is_some_and(|g| g.region_id == region))
        .filter(|i| call.get("ScalingGroupId").is_none_or(|g| i.scaling_group_id == g))
        .filter(|i| {
            call.get("ScalingConfigurationId")
                .is_none_or(|c| i.scaling_configuration_id.as_deref() == Some(c))
        })
        .filter(|i| call.get("HealthStatus").is_none_or(|h| i.health_status == h))
        .filter(|i| states.is_empty() || states.contains(&i.lifecycle_state))
        .filter(|i| creation.is_empty() || creation.contains(&i.creation_type))
        .filter(|i| ids.is_empty() || ids.contains(&i.id))
        .map(|i| {
            let mut m = Map::new();
            m.insert("InstanceId".into(), i.id.clone().into());
            m.insert("ScalingGroupId".into(), i.scaling_group_id.clone().into());
            if let Some(c) = &i.scaling_configuration_id {
                m.insert("ScalingConfigurationId".into(), c.clone().into());
            }
            if let Some(l) = &i.launch_template_id {
                m.insert("LaunchTemplateId".into(), l.clone().into());
            }
            m.insert("LifecycleState".into(), i.lifecycle_state.clone().into());
            m.insert("HealthStatus".into(), i.health_status.clone().into());
            m.insert("CreationType".into(), i.creation_type.clone().into());
            m.insert("CreationTime".into(), format_utc(i.created_ms).into());
            m.insert("ZoneId".into(), i.zone_id.clone().into());
            m.insert("Entrusted".into(), true.into());
            m.insert("WarmupState".into(), "NoNeedWarmup".into());
            m.insert("WeightedCapacity".into(), 1.into());
            m.insert("LoadBalancerWeight".into(), 50.into());
            Value::Object(m)
        })
        .collect();
    let (items, mut body) = ess_page(call, &found)?;
    body.insert("ScalingInstances".into(), json!({"ScalingInstance": items}));
    Ok(body)
}

/// ESS DescribeEciScalingConfigurations: the ECI scaling configurations, by `ScalingGroupId`,
/// `ScalingConfigurationId.N` or `ScalingConfigurationName.N` (the 2022-02-22 spellings
/// `ScalingConfigurationIds.N`/`ScalingConfigurationNames.N` are read too), each with its
/// `Containers`. Both lists are plain JSON arrays in the answer.
fn describe_eci_configurations(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let region = ess_region(call)?;
    let mut ids = call.list("ScalingConfigurationId");
    ids.extend(call.list("ScalingConfigurationIds"));
    let mut names = call.list("ScalingConfigurationName");
    names.extend(call.list("ScalingConfigurationNames"));
    if ids.len() > 10 || names.len() > 10 {
        return Err(ApiError::invalid(
            "The parameters \"ScalingConfigurationId.N\" and \"ScalingConfigurationName.N\" take at most 10 values.",
        ));
    }
    let found: Vec<Value> = world
        .configurations()
        .iter()
        .filter(|c| world.group(&c.scaling_group_id).is_some_and(|g| g.region_id == region))
        .filter(|c| call.get("ScalingGroupId").is_none_or(|g| c.scaling_group_id == g))
        .filter(|c| ids.is_empty() || ids.contains(&c.id))
        .filter(|c| names.is_empty() || names.contains(&c.name))
        .filter_map(|c| {
            let containers = c.containers.as_ref()?;
            Some(json!({
                "ScalingConfigurationId": c.id,
                "ScalingConfigurationName": c.name,
                "ScalingGroupId": c.scaling_group_id,
                "RegionId": region,
                "LifecycleState": c.lifecycle_state,
                "ContainerGroupName": format!("{}-group", c.name),
                "Cpu": 2.0,
                "Memory": 4.0,
                "RestartPolicy": "Always",
                "SecurityGroupId": "sg-sim0simulated00001",
                "Containers": containers,
                "InitContainers": [],
                "Volumes": [],
                "CreationTime": format_utc(c.created_ms),
            }))
        })
        .collect();
    let (items, mut body) = ess_page(call, &found)?;
    body.insert("ScalingConfigurations".into(), items.into());
    Ok(body)
}

/// ESS DescribeLifecycleHooks: by `LifecycleHookId.N` (then the group and name are ignored),
/// or by `ScalingGroupId`, optionally with `LifecycleHookName`.
fn describe_lifecycle_hooks(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let ids = call.list("LifecycleHookId");
    let by_group = ids.is_empty();
    let region = call.get("RegionId");
    let found: Vec<Value> = world
        .lifecycle_hooks()
        .iter()
        .filter(|h| {
            region
                .is_none_or(|r| world.group(&h.scaling_group_id).is_some_and(|g| g.region_id == r))
        })
        .filter(|h| by_group || ids.contains(&h.id))
        .filter(|h| !by_group || call.get("ScalingGroupId").is_none_or(|g| h.scaling_group_id == g))
        .filter(|h| !by_group || call.get("LifecycleHookName").is_none_or(|n| h.name == n))
        .map(|h| {
            json!({
                "LifecycleHookId": h.id,
                "LifecycleHookName": h.name,
                "ScalingGroupId": h.scaling_group_id,
                "LifecycleTransition": h.transition,
                "DefaultResult": h.default_result,
                "HeartbeatTimeout": h.heartbeat_timeout,
                "NotificationMetadata": h.notification_metadata,
                "NotificationArn": h.notification_arn,
                "LifecycleHookStatus": "Active",
            })
        })
        .collect();
    let (items, mut body) = ess_page(call, &found)?;
    body.insert("LifecycleHooks".into(), json!({ "LifecycleHook": items }));
    Ok(body)
}

/// Refuses a call whose RAM action the caller's key lacks (`Builder::missing_permissions`).
fn require_permission(call: &Call<'_>, ram_action: &str) -> Result<(), ApiError> {
    if call.missing_permissions.iter().any(|a| a == ram_action) {
        return Err(ApiError::new(
            403,
            "Forbidden.RAM",
            format!(
                "User not authorized to operate on the specified resource: {ram_action} is not allowed (simulated)."
            ),
        ));
    }
    Ok(())
}

/// CloudMonitor 2019-01-01 DescribeMetricRuleList by `RuleIds` (comma-separated, at most 20).
/// Unknown ids are left out of the answer, as a filter that matches nothing.
fn describe_metric_rules(world: &mut World, call: &Call<'_>) -> Result<Body, ApiError> {
    require_permission(call, "cms:DescribeMetricRuleList")?;
    let ids: Vec<&str> = call
        .get("RuleIds")
        .map(|t| t.split(',').map(str::trim).filter(|s| !s.is_empty()).collect())
        .unwrap_or_default();
    if ids.len() > 20 {
        return Err(ApiError::invalid(format!(
            "The parameter \"RuleIds\" takes at most 20 ids, got {}.",
            ids.len()
        )));
    }
    let page_no = call.number("Page", 1, 1, 100_000)? as usize;
    let size = call.number("PageSize", 10, 1, 10_000)? as usize;
    let found: Vec<Value> = world
        .alarm_rules()
        .iter()
        .filter(|r| ids.is_empty() || ids.contains(&r.rule_id.as_str()))
        .map(|r| {
            json!({
                "RuleId": r.rule_id,
                "RuleName": r.rule_name,
                "AlertState": r.state,
                "EnableState": true,
                "Namespace": "acs_ecs_dashboard",
                "MetricName": "cpu_total",
            })
        })
        .collect();
    let items: Vec<Value> = found.iter().skip((page_no - 1) * size).take(size).cloned().collect();
    let mut body = Body::new();
    body.insert("Success".into(), true.into());
    body.insert("Code".into(), 200.into());
    body.insert("Total".into(), found.len().to_string().into());
    body.insert("Alarms".into(), json!({ "Alarm": items }));
    Ok(body)
}

/// ECS 2014-05-26 DescribeInstances by `InstanceIds` (a JSON array, at most 100), in the
/// region of the instances' groups, with the simulation's private IPs.
fn describe_ecs_instances(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    require_permission(call, "ecs:DescribeInstances")?;
    let region = call.required("RegionId")?;
    let ids: Vec<String> = match call.get("InstanceIds") {
        None => Vec::new(),
        Some(text) => serde_json::from_str(text).map_err(|_| {
            ApiError::invalid(
                "The parameter \"InstanceIds\" must be a JSON array of strings.".to_owned(),
            )
        })?,
    };
    if ids.len() > 100 {
        return Err(ApiError::invalid(format!(
            "The parameter \"InstanceIds\" takes at most 100 ids, got {}.",
            ids.len()
        )));
    }
    let page_no = call.number("PageNumber", 1, 1, 100_000)? as usize;
    let size = call.number("PageSize", 10, 1, 100)? as usize;
    let found: Vec<Value> = world
        .instances()
        .iter()
        .filter(|i| {
            world
                .group(&i.scaling_group_id)
                .is_some_and(|g| g.region_id == region && g.group_type == "ECS")
        })
        .filter(|i| ids.is_empty() || ids.contains(&i.id))
        .map(|i| {
            let ip = world.private_ip(&i.id).unwrap_or_default();
            json!({
                "InstanceId": i.id,
                "RegionId": region,
                "ZoneId": i.zone_id,
                "Status": i.ecs_status,
                "ImageId": i.image_id,
                "InstanceNetworkType": "vpc",
                "VpcAttributes": {"VpcId": "vpc-sim", "PrivateIpAddress": {"IpAddress": [ip]}},
                "InnerIpAddress": {"IpAddress": []},
            })
        })
        .collect();
    let items: Vec<Value> = found.iter().skip((page_no - 1) * size).take(size).cloned().collect();
    let mut body = Body::new();
    body.insert("TotalCount".into(), found.len().into());
    body.insert("PageNumber".into(), page_no.into());
    body.insert("PageSize".into(), size.into());
    body.insert("Instances".into(), json!({ "Instance": items }));
    Ok(body)
}
