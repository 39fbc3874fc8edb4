//! The rolling-update templates as a state machine (oos-api.md §5.3–5.4).

use std::collections::BTreeSet;

use rolling_update_core::template::Template;
use serde_json::{Map, Value, json};

use super::oos::{Execution, LogEntry, Status, TaskExecution};
use super::{FailTarget, StartRequest, World};

const ALL_PROCESSES: [&str; 5] =
    ["ScaleIn", "ScaleOut", "HealthCheck", "AlarmNotification", "ScheduledAction"];

/// Splits items into batches: every batch holds `ceil(M / N)` items and the last one the rest,
/// so there are at most `min(N, M)` batches (N = batchNumber, at least 1; M = items).
/// `Fn::CalculateBatch`'s exact rule is undocumented; this is the simulator's choice.
pub fn split_batches<T: Clone>(items: &[T], batch_number: u32) -> Vec<Vec<T>> {
    if items.is_empty() {
        return Vec::new();
    }
    let n = batch_number.max(1) as usize;
    let size = items.len().div_ceil(n);
    items.chunks(size).map(<[T]>::to_vec).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Phase {
    Start,
    Batch,
    Paused,
    Done,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ChildRun {
    exec_id: String,
    task_id: String,
    instance_id: String,
    pub(super) batch: usize,
    step: usize,
    next_at: u64,
    pub(super) done: bool,
    failed: bool,
    was_protected: bool,
    output: String,
}

/// Engine state of a parent execution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    template: Template,
    rollback: bool,
    pub(crate) group_id: String,
    params: Value,
    pub(super) phase: Phase,
    next_at: u64,
    batches: Vec<Vec<String>>,
    pub(super) batch: usize,
    pub(super) children: Vec<ChildRun>,
    pub(super) loop_task: Option<String>,
    max_errors: usize,
    pause: String,
    enter: Vec<String>,
    exit: Vec<String>,
    fail_targets: Vec<FailTarget>,
    fail_ids: BTreeSet<String>,
}

impl Run {
    fn next_event(&self) -> Option<u64> {
        match self.phase {
            Phase::Start => Some(self.next_at),
            Phase::Batch => self
                .children
                .iter()
                .filter(|c| c.batch == self.batch && !c.done)
                .map(|c| c.next_at)
                .min(),
            Phase::Paused | Phase::Done => None,
        }
    }

    fn steps(&self) -> &'static [&'static str] {
        match self.template {
            Template::Image => &[
                "EnterStandby",
                "StopInstance",
                "ReplaceSystemDisk",
                "StartInstance",
                "ExitStandby",
            ],
            Template::Command => &["EnterStandby", "RunCommand", "ExitStandby"],
            Template::Package => &["EnterStandby", "ConfigurePackage", "ExitStandby"],
        }
    }

    fn action(&self) -> &'static str {
        match self.template {
            Template::Image => "ACS::ESS::ReplaceSystemDisk",
            Template::Command => "ACS::ESS::RunCommand",
            Template::Package => "ACS::ESS::ConfigureOOSPackage",
        }
    }

    fn str_param(&self, key: &str) -> String {
        self.params.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
    }
}

fn str_list(params: &Value, key: &str, default: &[&str]) -> Vec<String> {
    match params.get(key) {
        Some(Value::Array(items)) => {
            items.iter().filter_map(Value::as_str).map(str::to_owned).collect()
        }
        Some(Value::String(s)) => vec![s.clone()],
        _ => default.iter().map(|s| (*s).to_owned()).collect(),
    }
}

impl World {
    pub(crate) fn next_event(&self) -> Option<(u64, usize)> {
        self.executions
            .iter()
            .enumerate()
            .filter_map(|(i, e)| e.run.as_ref().and_then(Run::next_event).map(|t| (t, i)))
            .min()
    }

    pub(crate) fn play(&mut self, idx: usize, at: u64) {
        let Some(mut run) = self.executions[idx].run.take() else { return };
        match run.phase {
            Phase::Start => self.begin(idx, &mut run, at),
            Phase::Batch => self.step_child(idx, &mut run, at),
            Phase::Paused | Phase::Done => {}
        }
        self.executions[idx].run = Some(run);
    }

    pub(crate) fn create_parent(
        &mut self,
        template: Template,
        params: &Value,
        req: &StartRequest,
    ) -> String {
        let now = self.now_ms;
        let id = self.next_id("exec-");
        let group_id =
            params.get("scalingGroupId").and_then(Value::as_str).unwrap_or_default().to_owned();
        let rollback = params.get("invokeType").and_then(Value::as_str) == Some("rollback");
        let busy = self.executions.iter().find(|e| {
            !e.status.is_terminal() && e.run.as_ref().is_some_and(|r| r.group_id == group_id)
        });
        let busy_id = busy.map(|e| e.id.clone());
        let max_errors = match template {
            Template::Image => {
                params.get("maxErrors").and_then(Value::as_u64).unwrap_or(0) as usize
            }
            _ => 0,
        };
        let run = Run {
            template,
            rollback,
            group_id: group_id.clone(),
            params: params.clone(),
            phase: Phase::Start,
            next_at: now + self.timing.start_delay_ms,
            batches: Vec::new(),
            batch: 0,
            children: Vec::new(),
            loop_task: None,
            max_errors,
            pause: params
                .get("batchPauseOption")
                .and_then(Value::as_str)
                .unwrap_or("Automatic")
                .to_owned(),
            enter: str_list(params, "enterProcess", &ALL_PROCESSES),
            exit: str_list(params, "exitProcess", &ALL_PROCESSES),
            fail_targets: Vec::new(),
            fail_ids: BTreeSet::new(),
        };
        let or = |s: &str, d: &str| if s.is_empty() { d.to_owned() } else { s.to_owned() };
        let mut exec = Execution {
            id: id.clone(),
            template_name: template.name().to_owned(),
            template_version: "v1".to_owned(),
            parent_id: None,
            parameters: params.clone(),
            outputs: json!({}),
            status: Status::Started,
            status_message: String::new(),
            mode: or(&req.mode, "Automatic"),
            loop_mode: or(&req.loop_mode, "Automatic"),
            safety_check: or(&req.safety_check, "ConfirmEveryHighRiskAction"),
            description: req.description.clone(),
            tags: req.tags.clone(),
            region_id: or(&req.region_id, "cn-hangzhou"),
            resource_group_id: req.resource_group_id.clone(),
            executed_by: "simulated-user".to_owned(),
            client_token: req.client_token.clone(),
            created_ms: now,
            updated_ms: now,
            ended_ms: None,
            run: None,
        };
        if let Some(busy_id) = busy_id {
            exec.status = Status::Failed;
            exec.ended_ms = Some(now);
            exec.status_message = format!(
                "IncorrectScalingGroupStatus: the scaling group {group_id} already has a rolling \
                 update in progress ({busy_id}); only one runs per group at a time"
            );
            let message = exec.status_message.clone();
            self.executions.push(exec);
            self.log(&id, None, now, "Error", &message);
            return id;
        }
        let mut run = run;
        run.fail_targets = std::mem::take(&mut self.pending_failures);
        exec.run = Some(run);
        self.executions.push(exec);
        self.log(&id, None, now, "Info", &format!("Execution {id} started ({})", template.name()));
        id
    }

    pub(super) fn log(
        &mut self,
        exec_id: &str,
        task: Option<&str>,
        ms: u64,
        kind: &str,
        message: &str,
    ) {
        self.logs.push(LogEntry {
            execution_id: exec_id.to_owned(),
            task_execution_id: task.map(str::to_owned),
            ms,
            log_type: kind.to_owned(),
            message: message.to_owned(),
        });
    }

    pub(super) fn set_status(&mut self, idx: usize, status: Status, message: &str, at: u64) {
        let e = &mut self.executions[idx];
        e.status = status;
        e.status_message = message.to_owned();
        e.updated_ms = at;
        if status.is_terminal() {
            e.ended_ms = Some(at);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn add_task(
        &mut self,
        exec_id: &str,
        name: &str,
        action: &str,
        at: u64,
        status: Status,
        properties: Value,
        outputs: Value,
    ) -> String {
        let id = self.next_id("t-");
        self.tasks.push(TaskExecution {
            execution_id: exec_id.to_owned(),
            id: id.clone(),
            task_name: name.to_owned(),
            task_action: action.to_owned(),
            status,
            status_message: String::new(),
            properties,
            outputs,
            loop_info: None,
            loop_item: None,
            loop_batch_number: None,
            parent_task_execution_id: None,
            child_execution_id: None,
            created_ms: at,
            updated_ms: at,
            ended_ms: status.is_terminal().then_some(at),
        });
        id
    }

    pub(super) fn set_task(&mut self, task_id: &str, status: Status, message: &str, at: u64) {
        if let Some(t) = self.tasks.iter_mut().find(|t| t.id == task_id) {
            t.status = status;
            t.status_message = message.to_owned();
            t.updated_ms = at;
            t.ended_ms = status.is_terminal().then_some(at);
        }
    }

    pub(super) fn fail_run(&mut self, idx: usize, run: &mut Run, at: u64, message: &str) {
        run.phase = Phase::Done;
        let exec_id = self.executions[idx].id.clone();
        self.set_status(idx, Status::Failed, message, at);
        self.log(&exec_id, None, at, "Error", message);
    }

    fn begin(&mut self, idx: usize, run: &mut Run, at: u64) {
        let exec_id = self.executions[idx].id.clone();
        self.set_status(idx, Status::Running, "", at);
        if self.group(&run.group_id).is_none() {
            let msg = format!(
                "InvalidScalingGroupId.NotFound: the scaling group {} does not exist",
                run.group_id
            );
            self.fail_run(idx, run, at, &msg);
            return;
        }
        // 1. Which instances.
        let mut selected: Vec<(String, String)> = Vec::new();
        if run.rollback {
            let source_id = run.str_param("sourceExecutionId");
            let source = self.executions.iter().find(|e| e.id == source_id && e.is_parent());
            let Some(source) = source else {
                let msg = format!(
                    "EntityNotExists.Execution: the source execution ({source_id}) does not exist"
                );
                self.fail_run(idx, run, at, &msg);
                return;
            };
            run.enter = str_list(&source.parameters, "enterProcess", &ALL_PROCESSES);
            run.exit = str_list(&source.parameters, "exitProcess", &ALL_PROCESSES);
            for child in self.children(&source_id) {
                let Some(iid) = child.instance_id() else { continue };
                let state = child
                    .parameters
                    .get("lifecycleState")
                    .and_then(Value::as_str)
                    .unwrap_or("InService");
                let exists = self.instance(iid).is_some_and(|i| i.scaling_group_id == run.group_id);
                if exists && !selected.iter().any(|(s, _)| s == iid) {
                    selected.push((iid.to_owned(), state.to_owned()));
                }
            }
        } else {
            let states = str_list(&run.params, "lifecycleState", &["InService"]);
            for i in &self.instances {
                if i.scaling_group_id == run.group_id
                    && states.contains(&i.lifecycle_state)
                    && matches!(i.creation_type.as_str(), "AutoCreated" | "Attached")
                {
                    selected.push((i.id.clone(), i.lifecycle_state.clone()));
                }
            }
        }
        let ids: Vec<String> = selected.iter().map(|s| s.0.clone()).collect();
        self.add_task(&exec_id, "getInstance", "ACS::ExecuteAPI", at, Status::Success, json!({"Service": "ESS", "API": if run.rollback { "ListExecutions" } else { "DescribeScalingInstances" }}), json!({"instances": ids}));
        if !run.rollback && ids.is_empty() {
            run.phase = Phase::Done;
            self.set_status(
                idx,
                Status::Success,
                "no instance of the scaling group is in the selected lifecycle states",
                at,
            );
            self.log(&exec_id, None, at, "Info", "No instances selected; nothing to do");
            return;
        }
        // 2. Suspend processes (rollback: unconditionally, with the source's list).
        if run.rollback || !run.enter.is_empty() {
            let enter = run.enter.clone();
            if let Some(g) = self.groups.iter_mut().find(|g| g.id == run.group_id) {
                for p in &enter {
                    if !g.suspended_processes.contains(p) {
                        g.suspended_processes.push(p.clone());
                    }
                }
            }
            self.add_task(&exec_id, "suspendProcess", "ACS::ExecuteAPI", at, Status::Success, json!({"Service": "ESS", "API": "SuspendProcesses", "Parameters": {"Process": enter}}), json!({}));
            self.log(
                &exec_id,
                None,
                at,
                "Info",
                &format!("Suspended processes {:?} of {}", run.enter, run.group_id),
            );
        }
        // 3. Image template: change the scaling configuration's image first.
        let config_id = run.str_param("scalingConfigurationId");
        if run.template == Template::Image && !run.rollback && !config_id.is_empty() {
            let image = run.str_param("imageId");
            let group_id = run.group_id.clone();
            match self
                .configurations
                .iter_mut()
                .find(|c| c.id == config_id && c.scaling_group_id == group_id)
            {
                Some(c) => c.image_id = image.clone(),
                None => {
                    let msg = format!(
                        "InvalidScalingConfigurationId.NotFound: the scaling configuration {config_id} does not exist in {group_id}"
                    );
                    self.fail_run(idx, run, at, &msg);
                    return;
                }
            }
            self.add_task(&exec_id, "modifyScalingConfiguration", "ACS::ExecuteAPI", at, Status::Success, json!({"Service": "ESS", "API": "ModifyScalingConfiguration", "Parameters": {"ScalingConfigurationId": config_id, "ImageId": image}}), json!({}));
        }
        // 4. The per-instance loop.
        run.batches = split_batches(
            &ids,
            run.params.get("batchNumber").and_then(Value::as_u64).unwrap_or(5) as u32,
        );
        for target in std::mem::take(&mut run.fail_targets) {
            match target {
                FailTarget::Instance(id) => {
                    run.fail_ids.insert(id);
                }
                FailTarget::Nth(n) => {
                    if let Some(id) = n.checked_sub(1).and_then(|i| ids.get(i)) {
                        run.fail_ids.insert(id.clone());
                    }
                }
            }
        }
        if run.batches.is_empty() {
            self.finish(idx, run, at);
            return;
        }
        let size = run.batches[0].len();
        let loop_id = self.add_task(
            &exec_id,
            "rollingUpdate",
            run.action(),
            at,
            Status::Running,
            json!({"rollBack": run.rollback}),
            json!({}),
        );
        if let Some(t) = self.tasks.iter_mut().find(|t| t.id == loop_id) {
            t.loop_info = Some(json!({
                "Items": ids.len(),
                "Concurrency": size,
                "MaxErrors": run.max_errors,
                "BatchPauseOption": run.pause,
                "Batches": run.batches.len(),
            }));
        }
        run.loop_task = Some(loop_id);
        run.phase = Phase::Batch;
        let states: Vec<(String, String)> = selected;
        self.start_batch(idx, run, 0, at, &states);
    }

    pub(super) fn start_batch(
        &mut self,
        idx: usize,
        run: &mut Run,
        batch: usize,
        at: u64,
        states: &[(String, String)],
    ) {
        let exec_id = self.executions[idx].id.clone();
        run.batch = batch;
        let items = run.batches[batch].clone();
        self.log(
            &exec_id,
            run.loop_task.as_deref(),
            at,
            "Info",
            &format!("Batch {}/{} started: {}", batch + 1, run.batches.len(), items.join(", ")),
        );
        for iid in items {
            let state = states
                .iter()
                .find(|s| s.0 == iid)
                .map(|s| s.1.clone())
                .or_else(|| self.instance(&iid).map(|i| i.lifecycle_state.clone()))
                .unwrap_or_else(|| "InService".to_owned());
            let child_id = self.next_id("exec-");
            let mut p = json!({
                "instanceId": iid,
                "scalingGroupId": run.group_id,
                "lifecycleState": state,
                "rollBack": if run.rollback { "true" } else { "false" },
            });
            if let Some(obj) = p.as_object_mut() {
                match run.template {
                    Template::Image => {
                        let key = if run.rollback { "sourceImageId" } else { "imageId" };
                        obj.insert("imageId".into(), Value::from(run.str_param(key)));
                    }
                    Template::Command => {
                        let (ty, script) = if run.rollback {
                            ("RunShellScript".to_owned(), run.str_param("rollbackScript"))
                        } else {
                            let ty = run.str_param("commandType");
                            (
                                if ty.is_empty() { "RunShellScript".to_owned() } else { ty },
                                run.str_param("invokeScript"),
                            )
                        };
                        obj.insert("commandType".into(), Value::from(ty));
                        obj.insert("commandContent".into(), Value::from(script));
                    }
                    Template::Package => {
                        for key in ["action", "packageName", "packageVersion"] {
                            obj.insert(
                                key.into(),
                                run.params.get(key).cloned().unwrap_or(Value::from(
                                    if key == "action" { "install" } else { "" },
                                )),
                            );
                        }
                    }
                }
            }
            let parent = &self.executions[idx];
            let child = Execution {
                id: child_id.clone(),
                template_name: run.action().to_owned(),
                template_version: "v1".to_owned(),
                parent_id: Some(exec_id.clone()),
                parameters: p.clone(),
                outputs: json!({}),
                status: Status::Running,
                status_message: String::new(),
                mode: parent.mode.clone(),
                loop_mode: "Automatic".to_owned(),
                safety_check: parent.safety_check.clone(),
                description: String::new(),
                tags: Map::new(),
                region_id: parent.region_id.clone(),
                resource_group_id: parent.resource_group_id.clone(),
                executed_by: parent.executed_by.clone(),
                client_token: None,
                created_ms: at,
                updated_ms: at,
                ended_ms: None,
                run: None,
            };
            self.executions.push(child);
            let task_id = self.add_task(
                &exec_id,
                "rollingUpdate",
                run.action(),
                at,
                Status::Running,
                p,
                json!({}),
            );
            if let Some(t) = self.tasks.iter_mut().find(|t| t.id == task_id) {
                t.loop_item = Some(iid.clone());
                t.loop_batch_number = Some(batch as u32 + 1);
                t.parent_task_execution_id = run.loop_task.clone();
                t.child_execution_id = Some(child_id.clone());
            }
            run.children.push(ChildRun {
                exec_id: child_id,
                task_id,
                was_protected: state == "Protected",
                instance_id: iid,
                batch,
                step: 0,
                next_at: at,
                done: false,
                failed: false,
                output: String::new(),
            });
        }
    }

    fn step_child(&mut self, idx: usize, run: &mut Run, at: u64) {
        let Some(ci) = run
            .children
            .iter()
            .enumerate()
            .filter(|(_, c)| c.batch == run.batch && !c.done)
            .min_by_key(|(_, c)| c.next_at)
            .map(|(i, _)| i)
        else {
            return;
        };
        let exec_id = self.executions[idx].id.clone();
        let steps = run.steps();
        let step = steps[run.children[ci].step.min(steps.len() - 1)];
        let iid = run.children[ci].instance_id.clone();
        let failing = run.fail_ids.contains(&iid);
        let mut failure: Option<String> = None;
        let image =
            if run.rollback { run.str_param("sourceImageId") } else { run.str_param("imageId") };
        let script = if run.rollback {
            run.str_param("rollbackScript")
        } else {
            run.str_param("invokeScript")
        };
        let (action, pkg, version) = (
            run.str_param("action"),
            run.str_param("packageName"),
            run.str_param("packageVersion"),
        );
        let was_protected = run.children[ci].was_protected;
        let disk = self.next_id("d-");
        let output = match self.instances.iter_mut().find(|i| i.id == iid) {
            None => {
                failure = Some(format!(
                    "InvalidInstanceId.NotFound: the instance {iid} no longer exists"
                ));
                String::new()
            }
            Some(inst) => match step {
                "EnterStandby" => {
                    inst.lifecycle_state = "Standby".to_owned();
                    String::new()
                }
                "StopInstance" => {
                    inst.ecs_status = "Stopped".to_owned();
                    String::new()
                }
                "StartInstance" => {
                    inst.ecs_status = "Running".to_owned();
                    String::new()
                }
                "ExitStandby" => {
                    inst.lifecycle_state =
                        if was_protected { "Protected" } else { "InService" }.to_owned();
                    String::new()
                }
                _ if failing => {
                    failure = Some(match step {
                        "ReplaceSystemDisk" => format!(
                            "ReplaceSystemDisk failed on {iid}: InvalidImageId.NotFound (simulated fault)"
                        ),
                        _ => format!(
                            "the command failed on {iid} with exit code 1 (simulated fault); the instance stays in Standby"
                        ),
                    });
                    String::new()
                }
                "ReplaceSystemDisk" => {
                    inst.image_id = image;
                    disk
                }
                "RunCommand" => {
                    inst.last_script = Some(script);
                    "simulated command output".to_owned()
                }
                _ => {
                    if action == "uninstall" {
                        inst.packages.remove(&pkg);
                    } else {
                        inst.packages.insert(pkg.clone(), version);
                    }
                    format!("{action} {pkg}: done (simulated)")
                }
            },
        };
        if !output.is_empty() {
            run.children[ci].output = output;
        }
        let child_exec = run.children[ci].exec_id.clone();
        let task_id = run.children[ci].task_id.clone();
        let child_idx = self.executions.iter().position(|e| e.id == child_exec);
        if let Some(message) = failure {
            run.children[ci].done = true;
            run.children[ci].failed = true;
            if let Some(c) = child_idx {
                self.set_status(c, Status::Failed, &message, at);
            }
            self.set_task(&task_id, Status::Failed, &message, at);
            self.log(&exec_id, Some(&task_id), at, "Error", &message);
        } else if run.children[ci].step + 1 >= steps.len() {
            run.children[ci].done = true;
            let key =
                if run.template == Template::Image { "newSystemDiskId" } else { "commandOutput" };
            let out = json!({ key: run.children[ci].output });
            if let Some(c) = child_idx {
                self.executions[c].outputs = out.clone();
                self.set_status(c, Status::Success, "", at);
            }
            self.set_task(&task_id, Status::Success, "", at);
            if let Some(t) = self.tasks.iter_mut().find(|t| t.id == task_id) {
                t.outputs = out;
            }
            self.log(&exec_id, Some(&task_id), at, "Info", &format!("{iid}: done"));
        } else {
            run.children[ci].step += 1;
            run.children[ci].next_at = at + self.timing.step_ms;
            if let Some(c) = child_idx {
                self.executions[c].updated_ms = at;
            }
        }
        let batch = run.batch;
        if run.children.iter().filter(|c| c.batch == batch).all(|c| c.done) {
            self.batch_done(idx, run, at);
        }
    }

    fn batch_done(&mut self, idx: usize, run: &mut Run, at: u64) {
        let exec_id = self.executions[idx].id.clone();
        let errors = run.children.iter().filter(|c| c.failed).count();
        let loop_id = run.loop_task.clone().unwrap_or_default();
        if errors > run.max_errors {
            let msg = format!(
                "Task rollingUpdate failed: {errors} instance(s) failed, more than maxErrors ({}); \
                 processes suspended at the start stay suspended",
                run.max_errors
            );
            self.set_task(&loop_id, Status::Failed, &msg, at);
            self.fail_run(idx, run, at, &msg);
            return;
        }
        let next = run.batch + 1;
        if next < run.batches.len() {
            let pause = match run.pause.as_str() {
                "FirstBatchPause" => run.batch == 0,
                "EveryBatchPause" => true,
                _ => false,
            };
            if pause {
                run.phase = Phase::Paused;
                let msg = format!(
                    "Paused after batch {}/{}: NotifyExecution(NotifyType=Approve) continues, Reject stops",
                    run.batch + 1,
                    run.batches.len()
                );
                self.set_status(idx, Status::Waiting, &msg, at);
                self.set_task(&loop_id, Status::Waiting, &msg, at);
                self.log(&exec_id, Some(&loop_id), at, "Info", &msg);
            } else {
                self.start_batch(idx, run, next, at, &[]);
            }
        } else {
            self.set_task(&loop_id, Status::Success, "", at);
            self.finish(idx, run, at);
        }
    }

    fn finish(&mut self, idx: usize, run: &mut Run, at: u64) {
        let exec_id = self.executions[idx].id.clone();
        if !run.rollback {
            let done: Vec<String> =
                run.children.iter().filter(|c| !c.failed).map(|c| c.instance_id.clone()).collect();
            for inst in self.instances.iter_mut().filter(|i| done.contains(&i.id)) {
                inst.tags.insert("ess:rollingupdate".to_owned(), format!("oos:{exec_id}"));
            }
            self.add_task(
                &exec_id,
                "tagInstances",
                "ACS::ExecuteAPI",
                at,
                Status::Success,
                json!({"Service": "ECS", "API": "TagResources", "ResourceIds": done}),
                json!({}),
            );
        }
        if !run.exit.is_empty() {
            let exit = run.exit.clone();
            if let Some(g) = self.groups.iter_mut().find(|g| g.id == run.group_id) {
                g.suspended_processes.retain(|p| !exit.contains(p));
            }
            self.add_task(&exec_id, "resumeProcess", "ACS::ExecuteAPI", at, Status::Success, json!({"Service": "ESS", "API": "ResumeProcesses", "Parameters": {"Process": exit}}), json!({}));
        }
        let outputs: Vec<Value> = run
            .children
            .iter()
            .filter(|c| !c.failed)
            .map(|c| Value::from(c.output.clone()))
            .collect();
        self.executions[idx].outputs = json!({ "commandOutputs": outputs });
        run.phase = Phase::Done;
        self.set_status(idx, Status::Success, "", at);
        self.log(&exec_id, None, at, "Info", &format!("Execution {exec_id} succeeded"));
    }
}

#[cfg(test)]
mod tests {
    use super::split_batches;

    #[test]
    fn batches_are_ceil_sized() {
        let items: Vec<u32> = (1..=10).collect();
        let sizes = |n| split_batches(&items, n).iter().map(Vec::len).collect::<Vec<_>>();
        assert_eq!(sizes(4), vec![3, 3, 3, 1]);
        assert_eq!(sizes(3), vec![4, 4, 2]);
        assert_eq!(sizes(1), vec![10]);
        assert_eq!(sizes(0), vec![10]);
        assert_eq!(sizes(20), vec![1; 10]);
        assert_eq!(split_batches(&items[..6], 3).len(), 3);
        assert!(split_batches::<u32>(&[], 3).is_empty());
    }
}
