//! The pure model: Auto Scaling and OOS state and the six rolling-update templates (as
//! [`crate::templates`] defines them) as a state machine over a simulated clock.
//!
//! Time is always passed in (`now_ms`, simulated milliseconds); the model reads no clock, does no
//! I/O and makes no random choices, so every run is reproducible. Every call that takes `now_ms`
//! first plays all events due up to that time ([`World::advance`]).

pub mod cms;
mod control;
mod engine;
pub mod ess;
pub mod oos;
pub mod refresh;

use std::collections::BTreeMap;

use serde_json::{Map, Value};

pub use engine::split_batches;
pub use ess::{GroupSpec, Instance, LifecycleHook, ScalingConfiguration, ScalingGroup};
pub use oos::{Execution, LogEntry, Status, TaskExecution};
pub use refresh::{
    RefreshControl, RefreshFault, RefreshRequest, RefreshStatus, RefreshTask, ScalingActivity,
};

use crate::error::ApiError;
use crate::templates;

/// How long the simulated work takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// From StartExecution to the execution running (ms of simulated time).
    pub start_delay_ms: u64,
    /// One step of the per-instance work (enter Standby, stop, replace disk, start, exit
    /// Standby for the image template; enter Standby, run, exit Standby for the others).
    pub step_ms: u64,
}

impl Default for Timing {
    fn default() -> Timing {
        Timing { start_delay_ms: 2_000, step_ms: 5_000 }
    }
}

/// Which instance an injected failure hits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FailTarget {
    /// This instance, whenever the next execution reaches it.
    Instance(String),
    /// The Nth (1-based) instance the next execution selects.
    Nth(usize),
}

/// A StartExecution request as the model sees it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StartRequest {
    /// Full template name.
    pub template_name: String,
    /// The `Parameters` JSON object.
    pub parameters: Value,
    /// Idempotency token.
    pub client_token: Option<String>,
    /// Tags.
    pub tags: Map<String, Value>,
    /// Description.
    pub description: String,
    /// Mode (default `Automatic`).
    pub mode: String,
    /// LoopMode (default `Automatic`).
    pub loop_mode: String,
    /// SafetyCheck (default `ConfirmEveryHighRiskAction`).
    pub safety_check: String,
    /// Region.
    pub region_id: String,
    /// Resource group.
    pub resource_group_id: String,
}

/// What NotifyExecution asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notify {
    /// Continue a batch-paused execution.
    Approve,
    /// Stop a batch-paused execution (it fails).
    Reject,
}

/// The whole simulated account: Auto Scaling and OOS state.
#[derive(Debug, Clone)]
pub struct World {
    pub(crate) now_ms: u64,
    pub(crate) timing: Timing,
    pub(crate) seq: u64,
    pub(crate) groups: Vec<ScalingGroup>,
    pub(crate) configurations: Vec<ScalingConfiguration>,
    pub(crate) instances: Vec<Instance>,
    pub(crate) lifecycle_hooks: Vec<LifecycleHook>,
    pub(crate) executions: Vec<Execution>,
    pub(crate) tasks: Vec<TaskExecution>,
    pub(crate) logs: Vec<LogEntry>,
    pub(crate) pending_failures: Vec<FailTarget>,
    pub(crate) tokens: BTreeMap<String, (String, String)>,
    pub(crate) alarm_rules: Vec<cms::AlarmRule>,
    /// The engine's state of every rolling update, by execution id.
    pub(crate) runs: engine::Runs,
    /// Instance refresh tasks and their scaling activities.
    pub(crate) refresh: refresh::Refreshes,
}

impl World {
    /// An empty account at simulated time `now_ms`.
    pub fn new(now_ms: u64, timing: Timing) -> World {
        World {
            now_ms,
            timing,
            seq: 0,
            groups: Vec::new(),
            configurations: Vec::new(),
            instances: Vec::new(),
            lifecycle_hooks: Vec::new(),
            executions: Vec::new(),
            tasks: Vec::new(),
            logs: Vec::new(),
            pending_failures: Vec::new(),
            tokens: BTreeMap::new(),
            alarm_rules: Vec::new(),
            runs: engine::Runs::new(),
            refresh: refresh::Refreshes::default(),
        }
    }

    /// The simulated time the model has reached.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }

    /// The timing in use.
    pub fn timing(&self) -> Timing {
        self.timing
    }

    /// Adds a scaling group with its configuration and instances.
    pub fn add_group(&mut self, spec: &GroupSpec) {
        let now = self.now_ms;
        self.add_configurations(spec);
        let eci = spec.eci_configuration.as_ref();
        let active = spec.configuration.as_ref().map(|c| c.0.clone()).or(eci.map(|e| e.0.clone()));
        self.groups.push(ScalingGroup {
            id: spec.id.clone(),
            name: spec.name.clone(),
            region_id: spec.region_id.clone(),
            lifecycle_state: "Active".to_owned(),
            active_scaling_configuration_id: active.clone(),
            launch_template_id: spec.launch_template.as_ref().map(|l| l.0.clone()),
            launch_template_version: spec.launch_template.as_ref().map(|l| l.1.clone()),
            min_size: 0,
            max_size: (spec.instances.len() as u32).max(10) * 2,
            group_type: if eci.is_some() { "ECI" } else { "ECS" }.to_owned(),
            suspended_processes: Vec::new(),
            multi_az_policy: spec.multi_az_policy.clone(),
            created_ms: now,
        });
        let zones = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"];
        for (n, (id, state)) in spec.instances.iter().enumerate() {
            self.instances.push(Instance {
                id: id.clone(),
                scaling_group_id: spec.id.clone(),
                lifecycle_state: state.clone(),
                health_status: "Healthy".to_owned(),
                creation_type: "AutoCreated".to_owned(),
                image_id: if eci.is_some() { String::new() } else { spec.image_id.clone() },
                ecs_status: "Running".to_owned(),
                zone_id: zones[n % zones.len()].to_owned(),
                scaling_configuration_id: active.clone(),
                launch_template_id: spec.launch_template.as_ref().map(|l| l.0.clone()),
                launch_template_version: spec.launch_template.as_ref().map(|l| l.1.clone()),
                tags: BTreeMap::new(),
                packages: BTreeMap::new(),
                last_script: None,
                last_file: None,
                containers: eci.map(|e| e.1.clone()).unwrap_or_default(),
                created_ms: now,
            });
        }
    }

    /// The group's active scaling configuration: an ECS one, or an ECI one with containers.
    fn add_configurations(&mut self, spec: &GroupSpec) {
        let now = self.now_ms;
        let mut record = |id: &str, name: String, image: &str, key: &str, containers| {
            self.configurations.push(ScalingConfiguration {
                id: id.to_owned(),
                name,
                scaling_group_id: spec.id.clone(),
                image_id: image.to_owned(),
                key_pair_name: key.to_owned(),
                instance_type: "ecs.g7.large".to_owned(),
                lifecycle_state: "Active".to_owned(),
                containers,
                created_ms: now,
            });
        };
        if let Some((id, image, key)) = &spec.configuration {
            record(id, format!("{}-config", spec.name), image, key, None);
        }
        if let Some((id, containers)) = &spec.eci_configuration {
            record(id, format!("{}-eci-config", spec.name), "", "", Some(containers.clone()));
        }
    }

    /// Lifecycle hooks, in creation order.
    pub fn lifecycle_hooks(&self) -> &[LifecycleHook] {
        &self.lifecycle_hooks
    }

    /// Scaling groups.
    pub fn groups(&self) -> &[ScalingGroup] {
        &self.groups
    }

    /// Sets a group's lifecycle state (`Active`, `Inactive`, `Deleting`), as disabling a
    /// group in the console would; returns whether the group exists.
    pub fn set_group_lifecycle_state(&mut self, id: &str, state: &str) -> bool {
        match self.groups.iter_mut().find(|g| g.id == id) {
            Some(group) => {
                group.lifecycle_state = state.to_owned();
                true
            }
            None => false,
        }
    }

    /// One scaling group.
    pub fn group(&self, id: &str) -> Option<&ScalingGroup> {
        self.groups.iter().find(|g| g.id == id)
    }

    /// Scaling configurations.
    pub fn configurations(&self) -> &[ScalingConfiguration] {
        &self.configurations
    }

    /// Instances, in creation order.
    pub fn instances(&self) -> &[Instance] {
        &self.instances
    }

    /// One instance.
    pub fn instance(&self, id: &str) -> Option<&Instance> {
        self.instances.iter().find(|i| i.id == id)
    }

    /// Executions, in creation order.
    pub fn executions(&self) -> &[Execution] {
        &self.executions
    }

    /// One execution.
    pub fn execution(&self, id: &str) -> Option<&Execution> {
        self.executions.iter().find(|e| e.id == id)
    }

    /// The child executions of a parent, in creation order.
    pub fn children(&self, parent_id: &str) -> Vec<&Execution> {
        self.executions.iter().filter(|e| e.parent_id.as_deref() == Some(parent_id)).collect()
    }

    /// Task executions, in creation order.
    pub fn tasks(&self) -> &[TaskExecution] {
        &self.tasks
    }

    /// Log lines, in time order.
    pub fn logs(&self) -> &[LogEntry] {
        &self.logs
    }

    /// Makes an instance of the next execution fail at its work step.
    pub fn fail_next(&mut self, target: FailTarget) {
        self.pending_failures.push(target);
    }

    /// Removes an instance from its group (as a scale-in would).
    pub fn remove_instance(&mut self, id: &str) {
        self.instances.retain(|i| i.id != id);
    }

    /// Plays every event due up to `now_ms`. Time never goes backwards.
    pub fn advance(&mut self, now_ms: u64) {
        let mut guard = 0u32;
        loop {
            let run = self.next_event().map(|(at, idx)| (at, false, idx));
            let refresh = self.next_refresh_event().map(|(at, idx)| (at, true, idx));
            let Some((at, is_refresh, idx)) = run.into_iter().chain(refresh).min() else {
                break;
            };
            if at > now_ms || guard > 1_000_000 {
                break;
            }
            guard += 1;
            self.now_ms = self.now_ms.max(at);
            if is_refresh {
                self.play_refresh(idx, at);
            } else {
                self.play(idx, at);
            }
        }
        self.now_ms = self.now_ms.max(now_ms);
    }

    /// StartExecution. Returns the execution id; the same ClientToken with the same request
    /// returns the first execution's id again.
    pub fn start_execution(&mut self, now_ms: u64, req: &StartRequest) -> Result<String, ApiError> {
        self.advance(now_ms);
        let definition = templates::find(&req.template_name).ok_or_else(|| {
            ApiError::new(
                404,
                "EntityNotExists.Template",
                format!("The template ({}) does not exist.", req.template_name),
            )
        })?;
        let region = if req.region_id.is_empty() { "cn-hangzhou" } else { &req.region_id };
        let params = definition
            .check(&req.parameters, region)
            .map_err(|refusal| ApiError::new(400, refusal.code, refusal.message))?;
        let fingerprint = format!("{}\n{}\n{:?}", req.template_name, req.parameters, req.tags);
        if let Some(token) = req.client_token.as_deref().filter(|t| !t.is_empty())
            && let Some((seen, id)) = self.tokens.get(token)
        {
            if *seen == fingerprint {
                return Ok(id.clone());
            }
            return Err(ApiError::new(
                400,
                "IdempotentParameterMismatch",
                "The ClientToken was already used with different request parameters.",
            ));
        }
        let id = self.create_parent(definition, &Value::Object(params), req);
        if let Some(token) = req.client_token.as_deref().filter(|t| !t.is_empty()) {
            self.tokens.insert(token.to_owned(), (fingerprint, id.clone()));
        }
        Ok(id)
    }

    /// NotifyExecution with Approve or Reject. `task_execution_id`, when given, must be the
    /// waiting loop task of the execution.
    pub fn notify(
        &mut self,
        now_ms: u64,
        execution_id: &str,
        notify: Notify,
        task_execution_id: Option<&str>,
    ) -> Result<(), ApiError> {
        self.advance(now_ms);
        let idx = self.index_of(execution_id)?;
        self.notify_at(idx, now_ms.max(self.now_ms), notify, task_execution_id)
    }

    /// CancelExecution. A finished execution stays as it is.
    pub fn cancel(&mut self, now_ms: u64, execution_id: &str) -> Result<(), ApiError> {
        self.advance(now_ms);
        let idx = self.index_of(execution_id)?;
        self.cancel_at(idx, self.now_ms);
        Ok(())
    }

    fn index_of(&self, execution_id: &str) -> Result<usize, ApiError> {
        self.executions
            .iter()
            .position(|e| e.id == execution_id)
            .ok_or_else(|| ApiError::no_execution(execution_id))
    }

    pub(crate) fn next_id(&mut self, prefix: &str) -> String {
        self.seq += 1;
        // splitmix64: a bijection, so ids never collide, yet they look random.
        let mut z = self.seq.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        format!("{prefix}{z:016x}{:04x}", self.seq & 0xffff)
    }
}
