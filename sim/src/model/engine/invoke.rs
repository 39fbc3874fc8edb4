//! The tasks before the loop, in the template's order (templates-as-written.md §2–4):
//! `choiceNextTask` (invoke or rollback), `getInstance` or `getExecutionInstanceIds`,
//! `suspendProcess`, the file templates' lifecycle hook, `modifyScalingConfiguration` (image
//! only), then the loop is set up.

use serde_json::{Value, json};

use super::{Phase, Run, Selected, split_batches, str_list};
use crate::model::{FailTarget, LifecycleHook, Status, World};
use crate::templates::{ALL_PROCESSES, ConfigurationChange};

impl World {
    /// The run's first event: every task up to the loop, then its first batch.
    pub(super) fn begin(&mut self, run: &mut Run, at: u64) {
        self.set_status(run.exec, Status::Running, "", at);
        match self.before_loop(run, at) {
            Err(message) => self.fail_run(run, at, &message),
            Ok(None) => {}
            Ok(Some(selected)) => self.open_loop(run, &selected, at),
        }
    }

    /// The tasks before the loop. `Ok(None)` when the execution already ended well (nothing
    /// selected); `Err` with the message it fails with.
    fn before_loop(&mut self, run: &mut Run, at: u64) -> Result<Option<Vec<Selected>>, String> {
        self.check_group(run)?;
        let selected = if run.rollback {
            self.get_execution_instance_ids(run)?
        } else {
            self.get_instance(run)
        };
        self.record_selection(run, &selected, at);
        if !run.rollback && selected.is_empty() {
            self.end_with_nothing_selected(run, at)?;
            return Ok(None);
        }
        self.suspend_process(run, at);
        self.lifecycle_hook(run, at);
        self.modify_scaling_configuration(run, at)?;
        Ok(Some(selected))
    }

    fn check_group(&self, run: &Run) -> Result<(), String> {
        match self.group(&run.group_id) {
            Some(_) => Ok(()),
            None => Err(format!(
                "InvalidScalingGroupId.NotFound: the scaling group {} does not exist",
                run.group_id
            )),
        }
    }

    /// Invoke: DescribeScalingInstances with the selected lifecycle states (InService only for
    /// the templates without `lifecycleState`), auto-created and attached instances only.
    fn get_instance(&self, run: &Run) -> Vec<Selected> {
        let in_service = ["InService"];
        let states = if run.def.selects_by_lifecycle_state {
            str_list(&run.params, "lifecycleState", &in_service)
        } else {
            vec![in_service[0].to_owned()]
        };
        self.instances
            .iter()
            .filter(|i| {
                i.scaling_group_id == run.group_id
                    && states.contains(&i.lifecycle_state)
                    && matches!(i.creation_type.as_str(), "AutoCreated" | "Attached")
            })
            .map(|i| Selected {
                instance_id: i.id.clone(),
                lifecycle_state: i.lifecycle_state.clone(),
            })
            .collect()
    }

    /// Rollback: the instances of the source execution's children that are still in the
    /// group, with the lifecycle state each child recorded; the run takes the source's process
    /// lists.
    fn get_execution_instance_ids(&self, run: &mut Run) -> Result<Vec<Selected>, String> {
        let source_id = run.str_param("sourceExecutionId");
        let source = self.executions.iter().find(|e| e.id == source_id && e.is_parent());
        let Some(source) = source else {
            return Err(format!(
                "EntityNotExists.Execution: the source execution ({source_id}) does not exist"
            ));
        };
        run.enter = str_list(&source.parameters, "enterProcess", ALL_PROCESSES);
        run.exit = str_list(&source.parameters, "exitProcess", ALL_PROCESSES);
        let mut selected: Vec<Selected> = Vec::new();
        for child in self.children(&source_id) {
            let Some(iid) = child.instance_id() else { continue };
            let state = child
                .parameters
                .get("lifecycleState")
                .and_then(Value::as_str)
                .unwrap_or("InService");
            let exists = self.instance(iid).is_some_and(|i| i.scaling_group_id == run.group_id);
            if exists && !selected.iter().any(|s| s.instance_id == iid) {
                selected.push(Selected {
                    instance_id: iid.to_owned(),
                    lifecycle_state: state.to_owned(),
                });
            }
        }
        Ok(selected)
    }

    /// The `getInstance` (or `getExecutionInstanceIds`) task, with the selected instances as
    /// its output.
    fn record_selection(&mut self, run: &Run, selected: &[Selected], at: u64) {
        let (name, api) = if run.rollback {
            ("getExecutionInstanceIds", "ListExecutions")
        } else {
            ("getInstance", "DescribeScalingInstances")
        };
        let ids: Vec<&str> = selected.iter().map(|s| s.instance_id.as_str()).collect();
        let task = self.add_task(
            &run.exec_id,
            name,
            "ACS::ExecuteAPI",
            at,
            Status::Success,
            json!({"Service": "ESS", "API": api}),
        );
        if let Some(t) = self.task_mut(&task) {
            t.outputs = json!({ "instances": ids });
        }
    }

    /// An invoke that selects no instance ends at once: nothing suspended, nothing modified,
    /// except the container template's scaling configuration, which changes even then.
    fn end_with_nothing_selected(&mut self, run: &mut Run, at: u64) -> Result<(), String> {
        self.modify_eci_scaling_configuration(run, at)?;
        run.phase = Phase::Done;
        self.set_status(
            run.exec,
            Status::Success,
            "no instance of the scaling group is in the selected lifecycle states",
            at,
        );
        self.log(&run.exec_id, None, at, "Info", "No instances selected; nothing to do");
        Ok(())
    }

    /// SuspendProcesses(enterProcess), skipped when the list is empty; a rollback suspends the
    /// source's list unconditionally.
    fn suspend_process(&mut self, run: &Run, at: u64) {
        if !run.rollback && run.enter.is_empty() {
            return;
        }
        if let Some(g) = self.groups.iter_mut().find(|g| g.id == run.group_id) {
            for p in &run.enter {
                if !g.suspended_processes.contains(p) {
                    g.suspended_processes.push(p.clone());
                }
            }
        }
        let properties = json!({"Service": "ESS", "API": "SuspendProcesses", "Parameters": {"Process": run.enter}});
        self.add_api_task(run, "suspendProcess", at, properties);
        let message = format!("Suspended processes {:?} of {}", run.enter, run.group_id);
        self.log(&run.exec_id, None, at, "Info", &message);
    }

    /// Image invoke with `scalingConfigurationId`: the configuration gets the new image first.
    fn modify_scaling_configuration(&mut self, run: &Run, at: u64) -> Result<(), String> {
        let config_id = run.str_param("scalingConfigurationId");
        let changes_image = run.def.configuration == ConfigurationChange::ImageWhenGiven;
        if !changes_image || run.rollback || config_id.is_empty() {
            return Ok(());
        }
        let image = run.str_param("imageId");
        let group_id = &run.group_id;
        let config = self
            .configurations
            .iter_mut()
            .find(|c| c.id == config_id && c.scaling_group_id == *group_id)
            .ok_or_else(|| {
                format!(
                    "InvalidScalingConfigurationId.NotFound: the scaling configuration \
                     {config_id} does not exist in {group_id}"
                )
            })?;
        config.image_id = image.clone();
        let properties = json!({"Service": "ESS", "API": "ModifyScalingConfiguration", "Parameters": {"ScalingConfigurationId": config_id, "ImageId": image}});
        self.add_api_task(run, "modifyScalingConfiguration", at, properties);
        Ok(())
    }

    /// The loop task (`invokeBy…` or `rollbackBy…`): splits the instances into batches and
    /// starts the first one.
    fn open_loop(&mut self, run: &mut Run, selected: &[Selected], at: u64) {
        let ids: Vec<String> = selected.iter().map(|s| s.instance_id.clone()).collect();
        let batch_number = run.params.get("batchNumber").and_then(Value::as_u64).unwrap_or(5);
        run.batches = split_batches(&ids, batch_number as u32);
        aim_failures(run, &ids);
        if run.batches.is_empty() {
            self.finish(run, at);
            return;
        }
        let loop_id = self.add_task(
            &run.exec_id,
            run.loop_name(),
            run.action(),
            at,
            Status::Running,
            json!({"rollBack": run.rollback}),
        );
        let loop_info = json!({
            "Items": ids.len(),
            "Concurrency": run.batches[0].len(),
            "MaxErrors": run.max_errors,
            "BatchPauseOption": run.pause,
            "Batches": run.batches.len(),
        });
        if let Some(t) = self.task_mut(&loop_id) {
            t.loop_info = Some(loop_info);
        }
        run.loop_task = Some(loop_id);
        run.phase = Phase::Batch;
        self.start_batch(run, 0, at, selected);
    }
}

impl World {
    /// The file templates' invoke: creates the scale-out lifecycle hook, or updates the one of
    /// that name, so that instances the group adds later get the same file and script.
    fn lifecycle_hook(&mut self, run: &Run, at: u64) {
        let Some(name) = run.def.lifecycle_hook.filter(|_| !run.rollback) else { return };
        let mut metadata = serde_json::Map::new();
        for (key, value) in run.params.as_object().into_iter().flatten() {
            if key.starts_with("invoke") && key != "invokeType" || key == "whetherSaveToFile" {
                metadata.insert(key.clone(), value.clone());
            }
        }
        let metadata = Value::Object(metadata).to_string();
        let region = self.group(&run.group_id).map(|g| g.region_id.clone()).unwrap_or_default();
        let existing = self
            .lifecycle_hooks
            .iter()
            .position(|h| h.scaling_group_id == run.group_id && h.name == name);
        let api = match existing {
            Some(i) => {
                self.lifecycle_hooks[i].notification_metadata = metadata;
                "ModifyLifecycleHook"
            }
            None => {
                let id = self.next_id("ash-");
                self.lifecycle_hooks.push(LifecycleHook {
                    id,
                    scaling_group_id: run.group_id.clone(),
                    name: name.to_owned(),
                    transition: "SCALE_OUT".to_owned(),
                    default_result: "CONTINUE".to_owned(),
                    heartbeat_timeout: 600,
                    notification_metadata: metadata,
                    notification_arn: format!("acs:ess:{region}:1234567890123456:oos/{name}"),
                });
                "CreateLifecycleHook"
            }
        };
        let properties = json!({"Service": "ESS", "API": api, "Parameters": {"ScalingGroupId": run.group_id, "LifecycleHookName": name, "LifecycleTransition": "SCALE_OUT"}});
        self.add_api_task(run, "createOrUpdateLifecycleHook", at, properties);
        let message = format!("Lifecycle hook {name} of {} ready for scale-outs", run.group_id);
        self.log(&run.exec_id, None, at, "Info", &message);
    }
}

/// Turns the injected failures into the instances that will fail.
fn aim_failures(run: &mut Run, ids: &[String]) {
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
}
