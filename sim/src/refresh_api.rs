//! The ESS instance refresh actions (2014-08-28): StartInstanceRefresh,
//! DescribeInstanceRefreshes, Suspend/Resume/Cancel/RollbackInstanceRefresh and
//! DescribeScalingActivities, from request parameters to Alibaba-shaped JSON over
//! [`crate::model::refresh`].

use serde_json::{Map, Value, json};

use crate::call::{Body, Call, date, ess_page, ess_region, page, token_offset};
use crate::error::ApiError;
use crate::model::refresh::Desired;
use crate::model::{RefreshControl, RefreshRequest, RefreshTask, ScalingActivity, World};

/// An integer parameter (its range is the model's to check, so its message names the range).
fn int(call: &Call<'_>, key: &str, default: u32) -> Result<u32, ApiError> {
    match call.get(key) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| {
            ApiError::invalid(format!("The parameter \"{key}\" must be an integer, got \"{v}\"."))
        }),
    }
}

/// `Prefix.N.Rest` parameters, by N in order: `(N, Rest, value)`.
fn indexed<'a>(call: &'a Call<'_>, prefix: &str) -> Vec<(u32, &'a str, &'a str)> {
    let mut found: Vec<(u32, &str, &str)> = call
        .params
        .iter()
        .filter_map(|(k, v)| {
            let rest = k.strip_prefix(prefix)?.strip_prefix('.')?;
            let (n, tail) = rest.split_once('.').unwrap_or((rest, ""));
            Some((n.parse().ok()?, tail, v.as_str()))
        })
        .collect();
    found.sort();
    found
}

/// Sets `path` (`Field` or `Field.M.Sub`…, numbers are 1-based list positions) in `target`.
fn set_path(target: &mut Value, path: &[&str], value: &str) {
    let Some((head, rest)) = path.split_first() else {
        *target = Value::from(value);
        return;
    };
    if let Ok(n) = head.parse::<usize>() {
        if !target.is_array() {
            *target = Value::Array(Vec::new());
        }
        if let Value::Array(items) = target {
            while items.len() < n.max(1) {
                items.push(Value::Object(Map::new()));
            }
            set_path(&mut items[n.max(1) - 1], rest, value);
        }
        return;
    }
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(map) = target {
        set_path(map.entry(*head).or_insert(Value::Null), rest, value);
    }
}

fn desired(call: &Call<'_>) -> Desired {
    let key = |k: &str| call.get(&format!("DesiredConfiguration.{k}")).map(str::to_owned);
    let instance_types = indexed(call, "DesiredConfiguration.LaunchTemplateOverrides")
        .into_iter()
        .filter(|(_, rest, v)| *rest == "InstanceType" && !v.is_empty())
        .map(|(_, _, v)| v.to_owned())
        .collect();
    let mut containers: Vec<(u32, Value)> = Vec::new();
    for (n, rest, v) in indexed(call, "DesiredConfiguration.Containers") {
        if rest.is_empty() {
            continue;
        }
        let pos = match containers.iter().position(|(m, _)| *m == n) {
            Some(p) => p,
            None => {
                containers.push((n, Value::Object(Map::new())));
                containers.len() - 1
            }
        };
        let path: Vec<&str> = rest.split('.').collect();
        set_path(&mut containers[pos].1, &path, v);
    }
    Desired {
        scaling_configuration_id: key("ScalingConfigurationId"),
        image_id: key("ImageId"),
        launch_template_id: key("LaunchTemplateId"),
        launch_template_version: key("LaunchTemplateVersion"),
        instance_types,
        containers: containers.into_iter().map(|(_, c)| c).collect(),
    }
}

fn request(call: &Call<'_>) -> Result<RefreshRequest, ApiError> {
    let mut req = RefreshRequest::new(call.required("ScalingGroupId")?);
    req.region_id = ess_region(call)?.to_owned();
    req.client_token = call.get("ClientToken").map(str::to_owned);
    req.desired = desired(call);
    req.min_healthy_percentage = int(call, "MinHealthyPercentage", 80)?;
    req.max_healthy_percentage = int(call, "MaxHealthyPercentage", 120)?;
    req.skip_matching = call.get("SkipMatching").is_none() || call.bool("SkipMatching")?;
    req.checkpoint_pause_time = int(call, "CheckpointPauseTime", 60)?;
    for (n, rest, v) in indexed(call, "Checkpoints") {
        if rest == "Percentage" {
            req.checkpoints.push(v.parse().map_err(|_| {
                ApiError::invalid(format!(
                    "The parameter \"Checkpoints.{n}.Percentage\" must be an integer, got \"{v}\"."
                ))
            })?);
        }
    }
    Ok(req)
}

/// StartInstanceRefresh: answers `InstanceRefreshTaskId`.
pub(crate) fn start(world: &mut World, call: &Call<'_>) -> Result<Body, ApiError> {
    let req = request(call)?;
    let id = world.start_instance_refresh(call.now_ms, &req)?;
    let mut body = Body::new();
    body.insert("InstanceRefreshTaskId".into(), id.into());
    Ok(body)
}

fn desired_json(d: &Desired) -> Value {
    let mut m = Map::new();
    let mut put = |k: &str, v: &Option<String>| {
        if let Some(v) = v {
            m.insert(k.into(), v.clone().into());
        }
    };
    put("ScalingConfigurationId", &d.scaling_configuration_id);
    put("ImageId", &d.image_id);
    put("LaunchTemplateId", &d.launch_template_id);
    put("LaunchTemplateVersion", &d.launch_template_version);
    if !d.instance_types.is_empty() {
        let overrides: Vec<Value> =
            d.instance_types.iter().map(|t| json!({ "InstanceType": t })).collect();
        m.insert("LaunchTemplateOverrides".into(), overrides.into());
    }
    if !d.containers.is_empty() {
        m.insert("Containers".into(), d.containers.clone().into());
    }
    Value::Object(m)
}

fn task_json(t: &RefreshTask) -> Value {
    let r = &t.request;
    let mut m = Map::new();
    m.insert("InstanceRefreshTaskId".into(), t.id.clone().into());
    m.insert("ScalingGroupId".into(), t.scaling_group_id.clone().into());
    m.insert("RegionId".into(), t.region_id.clone().into());
    m.insert("Status".into(), t.status.as_str().into());
    m.insert("Detail".into(), t.detail.clone().into());
    m.insert("StartTime".into(), date(t.start_ms));
    if let Some(end) = t.end_ms {
        m.insert("EndTime".into(), date(end));
    }
    m.insert("FinishedUpdateCapacity".into(), t.finished.into());
    m.insert("TotalNeedUpdateCapacity".into(), t.total.into());
    m.insert("MinHealthyPercentage".into(), r.min_healthy_percentage.into());
    m.insert("MaxHealthyPercentage".into(), r.max_healthy_percentage.into());
    m.insert("SkipMatching".into(), r.skip_matching.into());
    m.insert("CheckpointPauseTime".into(), r.checkpoint_pause_time.into());
    let checkpoints: Vec<Value> =
        r.checkpoints.iter().map(|p| json!({ "Percentage": p })).collect();
    m.insert("Checkpoints".into(), checkpoints.into());
    m.insert("DesiredConfiguration".into(), desired_json(&r.desired));
    Value::Object(m)
}

/// DescribeInstanceRefreshes: by `ScalingGroupId` and/or `InstanceRefreshTaskIds.N` (the
/// reference also spells it `InstanceRefreshTaskId.N`; both are read), newest first, paged by
/// `MaxResults` (1-50, 10) and `NextToken`. `InstanceRefreshTasks` is a plain JSON array, as
/// in ESS's other NextToken-paged answers.
pub(crate) fn describe(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let region = ess_region(call)?;
    let max = call.number("MaxResults", 10, 1, 50)? as usize;
    let offset = token_offset(call)?;
    let mut ids = call.list("InstanceRefreshTaskIds");
    ids.extend(call.list("InstanceRefreshTaskId"));
    if ids.len() > 20 {
        return Err(ApiError::invalid(format!(
            "The parameter \"InstanceRefreshTaskIds.N\" takes at most 20 ids, got {}.",
            ids.len()
        )));
    }
    let group = call.get("ScalingGroupId");
    let found: Vec<Value> = world
        .instance_refreshes()
        .iter()
        .rev()
        .filter(|t| t.region_id == region)
        .filter(|t| group.is_none_or(|g| t.scaling_group_id == g))
        .filter(|t| ids.is_empty() || ids.contains(&t.id))
        .map(task_json)
        .collect();
    let (items, next) = page(&found, offset, max);
    let mut body = Body::new();
    body.insert("InstanceRefreshTasks".into(), items.into());
    body.insert("TotalCount".into(), found.len().into());
    body.insert("MaxResults".into(), max.into());
    body.insert("NextToken".into(), next.into());
    Ok(body)
}

/// Suspend/Resume/Cancel/RollbackInstanceRefresh (`ScalingGroupId`, `InstanceRefreshTaskId`).
pub(crate) fn control(
    world: &mut World,
    call: &Call<'_>,
    control: RefreshControl,
) -> Result<Body, ApiError> {
    ess_region(call)?;
    let group = call.required("ScalingGroupId")?;
    let task = call.required("InstanceRefreshTaskId")?;
    world.control_instance_refresh(call.now_ms, group, task, control)?;
    Ok(Body::new())
}

fn activity_json(a: &ScalingActivity) -> Value {
    let mut m = Map::new();
    m.insert("ScalingActivityId".into(), a.id.clone().into());
    m.insert("ScalingGroupId".into(), a.scaling_group_id.clone().into());
    if let Some(t) = &a.instance_refresh_task_id {
        m.insert("InstanceRefreshTaskId".into(), t.clone().into());
    }
    m.insert("StatusCode".into(), a.status_code.clone().into());
    m.insert("StatusMessage".into(), a.status_message.clone().into());
    m.insert("Progress".into(), a.progress.into());
    m.insert("Description".into(), a.description.clone().into());
    m.insert("Cause".into(), a.cause.clone().into());
    m.insert("StartTime".into(), date(a.start_ms));
    if let Some(end) = a.end_ms {
        m.insert("EndTime".into(), date(end));
    }
    m.insert("TotalCapacity".into(), a.total_capacity.to_string().into());
    m.insert("CreatedCapacity".into(), a.created.len().into());
    m.insert("CreatedInstances".into(), a.created.clone().into());
    m.insert("DestroyedCapacity".into(), a.destroyed.len().into());
    m.insert("DestroyedInstances".into(), a.destroyed.clone().into());
    m.insert("ScalingInstanceNumber".into(), (a.created.len() + a.destroyed.len()).into());
    Value::Object(m)
}

/// DescribeScalingActivities: a group's activities (`ScalingGroupId`, or `ScalingActivityId.N`),
/// filtered by `StatusCode` and `InstanceRefreshTaskId`, newest first, paged by `PageNumber`
/// and `PageSize` (1-50, 10). Here every activity is one batch of an instance refresh.
pub(crate) fn activities(world: &World, call: &Call<'_>) -> Result<Body, ApiError> {
    let region = ess_region(call)?;
    let ids = call.list("ScalingActivityId");
    let group = if ids.is_empty() { Some(call.required("ScalingGroupId")?) } else { None };
    let task = call.get("InstanceRefreshTaskId");
    let status = call.get("StatusCode");
    let found: Vec<Value> = world
        .scaling_activities()
        .iter()
        .rev()
        .filter(|a| world.group(&a.scaling_group_id).is_some_and(|g| g.region_id == region))
        .filter(|a| group.is_none_or(|g| a.scaling_group_id == g))
        .filter(|a| ids.is_empty() || ids.contains(&a.id))
        .filter(|a| task.is_none_or(|t| a.instance_refresh_task_id.as_deref() == Some(t)))
        .filter(|a| status.is_none_or(|s| a.status_code == s))
        .map(activity_json)
        .collect();
    let (items, mut body) = ess_page(call, &found)?;
    body.insert("ScalingActivities".into(), json!({ "ScalingActivity": items }));
    Ok(body)
}
