//! The loop task and what follows it: one child execution per instance, batch by batch, each
//! child stepping through its instance's work; then `tagInstances` and `resumeProcess`.

use rolling_update_core::template::Template;
use serde_json::{Map, Value, json};

use super::{ChildRun, Phase, Run, Selected};
use crate::model::{Execution, Instance, Status, World};

impl World {
    /// Starts batch `batch` (0-based): one child execution and one loop-child task per
    /// instance. An instance's lifecycle state comes from `selected` when it is there, from
    /// the instance as it is now otherwise.
    pub(super) fn start_batch(
        &mut self,
        run: &mut Run,
        batch: usize,
        at: u64,
        selected: &[Selected],
    ) {
        run.batch = batch;
        let items = run.batches[batch].clone();
        let message =
            format!("Batch {}/{} started: {}", batch + 1, run.batches.len(), items.join(", "));
        self.log(&run.exec_id, run.loop_task.as_deref(), at, "Info", &message);
        for iid in items {
            let state = selected
                .iter()
                .find(|s| s.instance_id == iid)
                .map(|s| s.lifecycle_state.clone())
                .or_else(|| self.instance(&iid).map(|i| i.lifecycle_state.clone()))
                .unwrap_or_else(|| "InService".to_owned());
            self.start_child(run, iid, state, at);
        }
    }

    /// NotifyExecution(Approve) on a paused rolling update: its next batch starts.
    pub(crate) fn approve(&mut self, run: &mut Run, at: u64) {
        let loop_id = run.loop_task_id();
        run.phase = Phase::Batch;
        self.set_status(run.exec, Status::Running, "", at);
        self.set_task(&loop_id, Status::Running, "", at);
        let message = "Approved; continuing with the next batch";
        self.log(&run.exec_id, Some(&loop_id), at, "Info", message);
        self.start_batch(run, run.batch + 1, at, &[]);
    }

    /// NotifyExecution(Reject) on a paused rolling update: the loop task and the execution fail.
    pub(crate) fn reject(&mut self, run: &mut Run, at: u64) {
        let message = "Rejected by NotifyExecution(NotifyType=Reject); processes suspended at the start stay suspended";
        self.set_task(&run.loop_task_id(), Status::Failed, message, at);
        self.fail_run(run, at, message);
    }

    fn start_child(&mut self, run: &mut Run, instance_id: String, state: String, at: u64) {
        let child_id = self.next_id("exec-");
        let parameters = child_parameters(run, &instance_id, &state);
        let child =
            child_record(&self.executions[run.exec], &child_id, run.action(), &parameters, at);
        self.executions.push(child);
        let task_id = self.add_task(
            &run.exec_id,
            "rollingUpdate",
            run.action(),
            at,
            Status::Running,
            parameters,
        );
        if let Some(t) = self.task_mut(&task_id) {
            t.loop_item = Some(instance_id.clone());
            t.loop_batch_number = Some(run.batch as u32 + 1);
            t.parent_task_execution_id = run.loop_task.clone();
            t.child_execution_id = Some(child_id.clone());
        }
        run.children.push(ChildRun {
            exec_id: child_id,
            task_id,
            was_protected: state == "Protected",
            instance_id,
            batch: run.batch,
            step: 0,
            next_at: at,
            done: false,
            failed: false,
            output: String::new(),
        });
    }

    /// Plays the next step of the child of the current batch that is due first.
    pub(super) fn step_child(&mut self, run: &mut Run, at: u64) {
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
        let steps = run.steps();
        let step = steps[run.children[ci].step.min(steps.len() - 1)];
        // Every step draws a disk id though only ReplaceSystemDisk uses it: the ids handed out
        // after it stay what they were before the engine was split into steps.
        let disk = self.next_id("d-");
        let child = &run.children[ci];
        let outcome = match self.instances.iter_mut().find(|i| i.id == child.instance_id) {
            None => Err(format!(
                "InvalidInstanceId.NotFound: the instance {} no longer exists",
                child.instance_id
            )),
            Some(instance) => apply_step(run, child, instance, step, disk),
        };
        match outcome {
            Err(message) => self.fail_child(run, ci, &message, at),
            Ok(output) => {
                if !output.is_empty() {
                    run.children[ci].output = output;
                }
                if run.children[ci].step + 1 >= steps.len() {
                    self.succeed_child(run, ci, at);
                } else {
                    self.schedule_next_step(run, ci, at);
                }
            }
        }
        let batch = run.batch;
        if run.children.iter().filter(|c| c.batch == batch).all(|c| c.done) {
            self.batch_done(run, at);
        }
    }

    fn child_index(&self, child: &ChildRun) -> Option<usize> {
        self.executions.iter().position(|e| e.id == child.exec_id)
    }

    fn fail_child(&mut self, run: &mut Run, ci: usize, message: &str, at: u64) {
        let child = &mut run.children[ci];
        child.done = true;
        child.failed = true;
        if let Some(c) = self.child_index(child) {
            self.set_status(c, Status::Failed, message, at);
        }
        self.set_task(&child.task_id, Status::Failed, message, at);
        self.log(&run.exec_id, Some(&child.task_id), at, "Error", message);
    }

    fn succeed_child(&mut self, run: &mut Run, ci: usize, at: u64) {
        let key = if run.template == Template::Image { "newSystemDiskId" } else { "commandOutput" };
        let child = &mut run.children[ci];
        child.done = true;
        let outputs = json!({ key: child.output });
        if let Some(c) = self.child_index(child) {
            self.executions[c].outputs = outputs.clone();
            self.set_status(c, Status::Success, "", at);
        }
        self.set_task(&child.task_id, Status::Success, "", at);
        if let Some(t) = self.task_mut(&child.task_id) {
            t.outputs = outputs;
        }
        let message = format!("{}: done", child.instance_id);
        self.log(&run.exec_id, Some(&child.task_id), at, "Info", &message);
    }

    fn schedule_next_step(&mut self, run: &mut Run, ci: usize, at: u64) {
        let child = &mut run.children[ci];
        child.step += 1;
        child.next_at = at + self.timing.step_ms;
        if let Some(c) = self.child_index(child) {
            self.executions[c].updated_ms = at;
        }
    }

    /// Every child of the current batch ended: fail past maxErrors, pause, start the next
    /// batch or finish.
    fn batch_done(&mut self, run: &mut Run, at: u64) {
        let errors = run.children.iter().filter(|c| c.failed).count();
        let loop_id = run.loop_task_id();
        if errors > run.max_errors {
            let msg = format!(
                "Task rollingUpdate failed: {errors} instance(s) failed, more than maxErrors ({}); \
                 processes suspended at the start stay suspended",
                run.max_errors
            );
            self.set_task(&loop_id, Status::Failed, &msg, at);
            self.fail_run(run, at, &msg);
            return;
        }
        let next = run.batch + 1;
        if next >= run.batches.len() {
            self.set_task(&loop_id, Status::Success, "", at);
            self.finish(run, at);
        } else if pauses_after(run) {
            run.phase = Phase::Paused;
            let msg = format!(
                "Paused after batch {}/{}: NotifyExecution(NotifyType=Approve) continues, Reject stops",
                run.batch + 1,
                run.batches.len()
            );
            self.set_status(run.exec, Status::Waiting, &msg, at);
            self.set_task(&loop_id, Status::Waiting, &msg, at);
            self.log(&run.exec_id, Some(&loop_id), at, "Info", &msg);
        } else {
            self.start_batch(run, next, at, &[]);
        }
    }

    /// After the loop: tag the instances (invoke), resume the processes, succeed.
    pub(super) fn finish(&mut self, run: &mut Run, at: u64) {
        if !run.rollback {
            self.tag_instances(run, at);
        }
        self.resume_process(run, at);
        let outputs: Vec<Value> = run
            .children
            .iter()
            .filter(|c| !c.failed)
            .map(|c| Value::from(c.output.clone()))
            .collect();
        self.executions[run.exec].outputs = json!({ "commandOutputs": outputs });
        run.phase = Phase::Done;
        self.set_status(run.exec, Status::Success, "", at);
        let message = format!("Execution {} succeeded", run.exec_id);
        self.log(&run.exec_id, None, at, "Info", &message);
    }

    /// Tags the instances whose child succeeded `ess:rollingupdate = oos:<execution id>`.
    fn tag_instances(&mut self, run: &Run, at: u64) {
        let done: Vec<String> =
            run.children.iter().filter(|c| !c.failed).map(|c| c.instance_id.clone()).collect();
        for inst in self.instances.iter_mut().filter(|i| done.contains(&i.id)) {
            inst.tags.insert("ess:rollingupdate".to_owned(), format!("oos:{}", run.exec_id));
        }
        let properties = json!({"Service": "ECS", "API": "TagResources", "ResourceIds": done});
        self.add_api_task(run, "tagInstances", at, properties);
    }

    /// ResumeProcesses(exitProcess), skipped when the list is empty.
    fn resume_process(&mut self, run: &Run, at: u64) {
        if run.exit.is_empty() {
            return;
        }
        if let Some(g) = self.groups.iter_mut().find(|g| g.id == run.group_id) {
            g.suspended_processes.retain(|p| !run.exit.contains(p));
        }
        let properties = json!({"Service": "ESS", "API": "ResumeProcesses", "Parameters": {"Process": run.exit}});
        self.add_api_task(run, "resumeProcess", at, properties);
    }
}

/// Whether the loop pauses after the current batch (which is not the last).
fn pauses_after(run: &Run) -> bool {
    match run.pause.as_str() {
        "FirstBatchPause" => run.batch == 0,
        "EveryBatchPause" => true,
        _ => false,
    }
}

/// A child execution's parameters: the instance and what the template does to it.
fn child_parameters(run: &Run, instance_id: &str, state: &str) -> Value {
    let mut p = Map::new();
    p.insert("instanceId".into(), instance_id.into());
    p.insert("scalingGroupId".into(), run.group_id.clone().into());
    p.insert("lifecycleState".into(), state.into());
    p.insert("rollBack".into(), if run.rollback { "true" } else { "false" }.into());
    match run.template {
        Template::Image => {
            let key = if run.rollback { "sourceImageId" } else { "imageId" };
            p.insert("imageId".into(), run.str_param(key).into());
        }
        Template::Command | Template::File | Template::OssFile | Template::Container => {
            let (kind, script) = if run.rollback {
                ("RunShellScript".to_owned(), run.str_param("rollbackScript"))
            } else {
                let kind = run.str_param("commandType");
                let kind = if kind.is_empty() { "RunShellScript".to_owned() } else { kind };
                (kind, run.str_param("invokeScript"))
            };
            p.insert("commandType".into(), kind.into());
            p.insert("commandContent".into(), script.into());
        }
        Template::Package => {
            for key in ["action", "packageName", "packageVersion"] {
                let default = Value::from(if key == "action" { "install" } else { "" });
                p.insert(key.into(), run.params.get(key).cloned().unwrap_or(default));
            }
        }
    }
    Value::Object(p)
}

/// A child execution's record: it runs at once, in its parent's mode, region and group.
fn child_record(
    parent: &Execution,
    id: &str,
    action: &str,
    parameters: &Value,
    at: u64,
) -> Execution {
    Execution {
        id: id.to_owned(),
        template_name: action.to_owned(),
        template_version: "v1".to_owned(),
        parent_id: Some(parent.id.clone()),
        parameters: parameters.clone(),
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
    }
}

/// One step of a child's work on its instance. `Ok` holds the step's output (empty for the
/// Standby and power steps); `Err` the failure, which leaves the instance as it is.
fn apply_step(
    run: &Run,
    child: &ChildRun,
    instance: &mut Instance,
    step: &str,
    disk: String,
) -> Result<String, String> {
    let iid = &child.instance_id;
    match step {
        "EnterStandby" => instance.lifecycle_state = "Standby".to_owned(),
        "StopInstance" => instance.ecs_status = "Stopped".to_owned(),
        "StartInstance" => instance.ecs_status = "Running".to_owned(),
        "ExitStandby" => {
            let state = if child.was_protected { "Protected" } else { "InService" };
            instance.lifecycle_state = state.to_owned();
        }
        "ReplaceSystemDisk" if run.fail_ids.contains(iid) => {
            return Err(format!(
                "ReplaceSystemDisk failed on {iid}: InvalidImageId.NotFound (simulated fault)"
            ));
        }
        _ if run.fail_ids.contains(iid) => {
            return Err(format!(
                "the command failed on {iid} with exit code 1 (simulated fault); the instance stays in Standby"
            ));
        }
        "ReplaceSystemDisk" => {
            let key = if run.rollback { "sourceImageId" } else { "imageId" };
            instance.image_id = run.str_param(key);
            return Ok(disk);
        }
        "RunCommand" => {
            let key = if run.rollback { "rollbackScript" } else { "invokeScript" };
            instance.last_script = Some(run.str_param(key));
            return Ok("simulated command output".to_owned());
        }
        _ => {
            let (action, package) = (run.str_param("action"), run.str_param("packageName"));
            if action == "uninstall" {
                instance.packages.remove(&package);
            } else {
                instance.packages.insert(package.clone(), run.str_param("packageVersion"));
            }
            return Ok(format!("{action} {package}: done (simulated)"));
        }
    }
    Ok(String::new())
}
