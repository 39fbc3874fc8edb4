//! StartInstanceRefresh: the request, its refusals, the selection and the first event.

use serde::Serialize;
use serde_json::Value;

use super::{Desired, RefreshStatus, RefreshTask, Target, codes};
use crate::error::ApiError;
use crate::model::{ScalingConfiguration, ScalingGroup, World};

/// A StartInstanceRefresh request as the model sees it (defaults filled in by the API layer).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshRequest {
    /// `ScalingGroupId`.
    pub scaling_group_id: String,
    /// `RegionId`.
    pub region_id: String,
    /// `ClientToken`.
    pub client_token: Option<String>,
    /// `DesiredConfiguration.*`.
    pub desired: Desired,
    /// `MinHealthyPercentage`, 0-100 (80).
    pub min_healthy_percentage: u32,
    /// `MaxHealthyPercentage`, 100-200 (120).
    pub max_healthy_percentage: u32,
    /// `SkipMatching` (true).
    pub skip_matching: bool,
    /// `Checkpoints.N.Percentage`, ascending, the last 100.
    pub checkpoints: Vec<u32>,
    /// `CheckpointPauseTime`, minutes, 1-2880 (60).
    pub checkpoint_pause_time: u32,
}

impl RefreshRequest {
    /// A request for `group` with ESS's defaults.
    pub fn new(group: &str) -> RefreshRequest {
        RefreshRequest {
            scaling_group_id: group.to_owned(),
            region_id: "cn-hangzhou".to_owned(),
            client_token: None,
            desired: Desired::default(),
            min_healthy_percentage: 80,
            max_healthy_percentage: 120,
            skip_matching: true,
            checkpoints: Vec::new(),
            checkpoint_pause_time: 60,
        }
    }

    /// The checks that need no group: ranges, Min ≤ Max, checkpoints, one desired kind.
    pub fn check(&self) -> Result<(), ApiError> {
        let range = |name: &str, v: u32, lo: u32, hi: u32| {
            if (lo..=hi).contains(&v) {
                Ok(())
            } else {
                Err(ApiError::invalid(format!(
                    "The parameter \"{name}\" must be from {lo} to {hi}, got {v}."
                )))
            }
        };
        range("MinHealthyPercentage", self.min_healthy_percentage, 0, 100)?;
        range("MaxHealthyPercentage", self.max_healthy_percentage, 100, 200)?;
        range("CheckpointPauseTime", self.checkpoint_pause_time, 1, 2880)?;
        // The ranges already imply Min <= 100 <= Max; kept so the rule holds if they change.
        if self.min_healthy_percentage > self.max_healthy_percentage {
            return Err(ApiError::invalid(format!(
                "The parameter \"MinHealthyPercentage\" ({}) must not be greater than \"MaxHealthyPercentage\" ({}).",
                self.min_healthy_percentage, self.max_healthy_percentage
            )));
        }
        self.check_checkpoints()?;
        let kinds = self.desired.kinds();
        if kinds.len() > 1 {
            return Err(ApiError::new(
                400,
                codes::CONFLICT,
                format!(
                    "The parameter \"DesiredConfiguration\" takes one kind of configuration, got {}.",
                    kinds.join(" and ")
                ),
            ));
        }
        Ok(())
    }

    fn check_checkpoints(&self) -> Result<(), ApiError> {
        for (n, p) in self.checkpoints.iter().enumerate() {
            if !(1..=100).contains(p) {
                return Err(ApiError::invalid(format!(
                    "The parameter \"Checkpoints.{}.Percentage\" must be from 1 to 100, got {p}.",
                    n + 1
                )));
            }
        }
        if self.checkpoints.windows(2).any(|w| w[0] >= w[1]) {
            return Err(ApiError::invalid(format!(
                "The parameter \"Checkpoints.N.Percentage\" must be strictly ascending, got {:?}.",
                self.checkpoints
            )));
        }
        match self.checkpoints.last() {
            Some(&last) if last != 100 => Err(ApiError::invalid(format!(
                "The last checkpoint (\"Checkpoints.{}.Percentage\") must be 100, got {last}.",
                self.checkpoints.len()
            ))),
            _ => Ok(()),
        }
    }

    fn fingerprint(&self) -> String {
        let mut copy = self.clone();
        copy.client_token = None;
        serde_json::to_string(&copy).unwrap_or_default()
    }
}

impl World {
    /// StartInstanceRefresh: the new task's id (`ir-…`); the same ClientToken with the same
    /// request answers the first task's id again.
    pub fn start_instance_refresh(
        &mut self,
        now_ms: u64,
        req: &RefreshRequest,
    ) -> Result<String, ApiError> {
        self.advance(now_ms);
        req.check()?;
        let token = req.client_token.as_deref().filter(|t| !t.is_empty());
        if let Some((seen, id)) = token.and_then(|t| self.refresh.tokens.get(t)) {
            if *seen == req.fingerprint() {
                return Ok(id.clone());
            }
            return Err(ApiError::new(
                400,
                codes::TOKEN_MISMATCH,
                "The ClientToken was already used with different request parameters.",
            ));
        }
        let group = self.refreshable_group(req)?.clone();
        let original = current_target(&group);
        let (target, made) = self.desired_target(&group, req)?;
        let id = self.next_id("ir-");
        let mut task = self.new_task(&id, &group, req, target, original);
        task.made_configuration = made;
        self.select(&mut task, &group);
        self.refresh.tasks.push(task);
        if let Some(t) = token {
            self.refresh.tokens.insert(t.to_owned(), (req.fingerprint(), id.clone()));
        }
        Ok(id)
    }

    /// The group, if a refresh may start on it.
    fn refreshable_group(&self, req: &RefreshRequest) -> Result<&ScalingGroup, ApiError> {
        let gid = &req.scaling_group_id;
        let group = self.group(gid).filter(|g| g.region_id == req.region_id).ok_or_else(|| {
            ApiError::new(
                404,
                codes::GROUP_NOT_FOUND,
                format!("The specified scaling group ({gid}) does not exist."),
            )
        })?;
        if group.lifecycle_state != "Active" {
            return Err(ApiError::new(
                400,
                codes::GROUP_STATUS,
                format!(
                    "The scaling group ({gid}) is {}; an instance refresh needs it Active.",
                    group.lifecycle_state
                ),
            ));
        }
        if let Some(busy) = self
            .refresh
            .tasks
            .iter()
            .find(|t| t.scaling_group_id == *gid && !t.status.is_terminal())
        {
            return Err(ApiError::new(
                400,
                codes::GROUP_STATUS,
                format!(
                    "The scaling group ({gid}) already has an instance refresh task in progress ({}, {}); only one runs per group.",
                    busy.id,
                    busy.status.as_str()
                ),
            ));
        }
        if !group.multi_az_policy.eq_ignore_ascii_case("PRIORITY") {
            return Err(ApiError::new(
                400,
                codes::POLICY,
                format!(
                    "The scaling group ({gid}) scales out by the {} policy; instance refresh supports only groups with the PRIORITY policy (MultiAZPolicy).",
                    group.multi_az_policy
                ),
            ));
        }
        Ok(group)
    }

    /// What new instances are made from, and the configuration made for them, if any.
    fn desired_target(
        &mut self,
        group: &ScalingGroup,
        req: &RefreshRequest,
    ) -> Result<(Target, Option<String>), ApiError> {
        let d = &req.desired;
        let eci = group.group_type == "ECI";
        let conflict = |m: String| Err(ApiError::new(400, codes::CONFLICT, m));
        if eci && !d.kinds().is_empty() && d.containers.is_empty() {
            return conflict(format!(
                "The scaling group ({}) is an ECI group; its desired configuration takes only Containers.",
                group.id
            ));
        }
        if !eci && !d.containers.is_empty() {
            return conflict(format!(
                "The parameter \"DesiredConfiguration.Containers\" applies to ECI groups; {} is an ECS group.",
                group.id
            ));
        }
        if let Some(id) = &d.scaling_configuration_id {
            self.group_configuration(group, id)?;
            return Ok((
                Target { scaling_configuration_id: Some(id.clone()), ..Target::default() },
                None,
            ));
        }
        if let Some(image) = &d.image_id {
            if group.launch_template_id.is_some() {
                return conflict(format!(
                    "The parameter \"DesiredConfiguration.ImageId\" is not supported for the launch-template group {}; give a launch template version instead.",
                    group.id
                ));
            }
            let made = self.copy_active(group, |c| c.image_id = image.clone())?;
            let target = Target {
                scaling_configuration_id: Some(made.clone()),
                image_id: Some(image.clone()),
                ..Target::default()
            };
            return Ok((target, Some(made)));
        }
        if !d.containers.is_empty() {
            let made = self.copy_active(group, |c| merge_containers(c, &d.containers))?;
            let target =
                Target { scaling_configuration_id: Some(made.clone()), ..Target::default() };
            return Ok((target, Some(made)));
        }
        if !d.kinds().is_empty() {
            return self.launch_template_target(group, d).map(|t| (t, None));
        }
        Ok((current_target(group), None))
    }

    fn launch_template_target(
        &self,
        group: &ScalingGroup,
        d: &Desired,
    ) -> Result<Target, ApiError> {
        let id = d.launch_template_id.clone().or_else(|| group.launch_template_id.clone());
        let Some(id) = id else {
            return Err(ApiError::missing("DesiredConfiguration.LaunchTemplateId"));
        };
        if !id.starts_with("lt-") {
            return Err(ApiError::invalid(format!(
                "The parameter \"DesiredConfiguration.LaunchTemplateId\" ({id}) is not a launch template id (lt-…)."
            )));
        }
        let version = d.launch_template_version.clone().unwrap_or_else(|| "Default".to_owned());
        let numeric = version.parse::<u64>().is_ok_and(|n| n >= 1);
        if !numeric && !["Default", "Latest"].iter().any(|v| v.eq_ignore_ascii_case(&version)) {
            return Err(ApiError::invalid(format!(
                "The parameter \"DesiredConfiguration.LaunchTemplateVersion\" ({version}) must be a version number, Default or Latest."
            )));
        }
        Ok(Target {
            launch_template_id: Some(id),
            launch_template_version: Some(version),
            instance_types: d.instance_types.clone(),
            ..Target::default()
        })
    }

    fn group_configuration(
        &self,
        group: &ScalingGroup,
        id: &str,
    ) -> Result<&ScalingConfiguration, ApiError> {
        self.configurations.iter().find(|c| c.id == id && c.scaling_group_id == group.id).ok_or_else(
            || {
                ApiError::new(
                    404,
                    codes::CONFIGURATION_NOT_FOUND,
                    format!(
                        "The specified scaling configuration ({id}) does not exist in scaling group {}.",
                        group.id
                    ),
                )
            },
        )
    }

    /// Copies the group's active configuration (changed by `edit`) into a new Inactive one.
    fn copy_active(
        &mut self,
        group: &ScalingGroup,
        edit: impl FnOnce(&mut ScalingConfiguration),
    ) -> Result<String, ApiError> {
        let active = group.active_scaling_configuration_id.clone().unwrap_or_default();
        let mut copy = self.group_configuration(group, &active)?.clone();
        let id = self.next_id("asc-");
        copy.id = id.clone();
        copy.name = format!("{}-refresh", copy.name);
        copy.lifecycle_state = "Inactive".to_owned();
        copy.created_ms = self.now_ms;
        edit(&mut copy);
        self.configurations.push(copy);
        Ok(id)
    }

    fn new_task(
        &self,
        id: &str,
        group: &ScalingGroup,
        req: &RefreshRequest,
        target: Target,
        original: Target,
    ) -> RefreshTask {
        let c = self
            .instances
            .iter()
            .filter(|i| i.scaling_group_id == group.id && i.lifecycle_state == "InService")
            .count();
        let (min, max) = (req.min_healthy_percentage as usize, req.max_healthy_percentage as usize);
        let keep = (c * min).div_ceil(100);
        let most = c * max / 100;
        RefreshTask {
            id: id.to_owned(),
            scaling_group_id: group.id.clone(),
            region_id: group.region_id.clone(),
            status: RefreshStatus::Pending,
            detail: String::new(),
            start_ms: self.now_ms,
            end_ms: None,
            finished: 0,
            total: 0,
            request: req.clone(),
            skipped: Vec::new(),
            created: Vec::new(),
            released: Vec::new(),
            target,
            original,
            made_configuration: None,
            todo: Vec::new(),
            forward_created: Vec::new(),
            batch_size: most.saturating_sub(keep).max(1),
            surge: most.saturating_sub(c),
            spare: c.saturating_sub(keep),
            batch: None,
            next_at: Some(self.now_ms + self.timing.start_delay_ms),
            checkpoint: 0,
            rollback_pending: false,
            rolling_back: false,
            batches: 0,
        }
    }

    /// Which instances the task replaces, and which it skips and why.
    fn select(&self, task: &mut RefreshTask, group: &ScalingGroup) {
        for i in self.instances.iter().filter(|i| i.scaling_group_id == group.id) {
            let why = if i.lifecycle_state != "InService" {
                Some(format!("{} instance", i.lifecycle_state))
            } else if i.creation_type != "AutoCreated" {
                Some(format!("manually added ({})", i.creation_type))
            } else if task.request.skip_matching && self.matches(i, &task.target) {
                Some("already on the desired configuration".to_owned())
            } else {
                None
            };
            match why {
                Some(why) => task.skipped.push((i.id.clone(), why)),
                None => task.todo.push(i.id.clone()),
            }
        }
        task.total = task.todo.len() as u32;
    }

    fn matches(&self, i: &crate::model::Instance, target: &Target) -> bool {
        if let Some(image) = &target.image_id {
            return &i.image_id == image;
        }
        if let Some(lt) = &target.launch_template_id {
            return i.launch_template_id.as_ref() == Some(lt)
                && i.launch_template_version == target.launch_template_version;
        }
        target.scaling_configuration_id.is_some()
            && i.scaling_configuration_id == target.scaling_configuration_id
    }
}

/// What the group's new instances are made from now.
pub(super) fn current_target(group: &ScalingGroup) -> Target {
    match &group.launch_template_id {
        Some(lt) => Target {
            launch_template_id: Some(lt.clone()),
            launch_template_version: group.launch_template_version.clone(),
            ..Target::default()
        },
        None => Target {
            scaling_configuration_id: group.active_scaling_configuration_id.clone(),
            ..Target::default()
        },
    }
}

/// Merges containers by `Name` (a new name is appended).
fn merge_containers(config: &mut ScalingConfiguration, given: &[Value]) {
    let list = config.containers.get_or_insert_with(Vec::new);
    for g in given {
        let name = g.get("Name");
        match list.iter_mut().find(|c| name.is_some() && c.get("Name") == name) {
            Some(Value::Object(existing)) => {
                if let Value::Object(fields) = g {
                    existing.extend(fields.clone());
                }
            }
            _ => list.push(g.clone()),
        }
    }
}
