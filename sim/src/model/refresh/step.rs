//! Playing a refresh task's events: batches (launch and release steps), checkpoints, the end,
//! and the switch to a rollback.

use std::collections::BTreeMap;

use super::{Batch, RefreshFault, RefreshStatus, RefreshTask, ScalingActivity, Step, Target};
use crate::model::{Instance, World};

impl World {
    /// Plays the due event of task `idx` at `at`.
    pub(crate) fn play_refresh(&mut self, idx: usize, at: u64) {
        let mut task = self.refresh.tasks[idx].clone();
        task.next_at = None;
        if task.batch.is_some() {
            self.finish_step(&mut task, at);
        } else {
            if matches!(task.status, RefreshStatus::Pending | RefreshStatus::CheckpointPause) {
                task.status = RefreshStatus::InProgress;
                task.detail.clear();
            }
            self.next_batch_or_end(&mut task, at);
        }
        self.refresh.tasks[idx] = task;
    }

    fn next_batch_or_end(&mut self, task: &mut RefreshTask, at: u64) {
        match task.status {
            RefreshStatus::Cancelling => return end(task, RefreshStatus::Cancelled, at),
            RefreshStatus::Paused => return,
            _ => {}
        }
        if task.rollback_pending {
            self.begin_rollback(task);
        }
        if task.todo.is_empty() {
            return self.finish_refresh(task, at);
        }
        self.start_refresh_batch(task, at);
    }

    /// From now on the task replaces what it created with instances on the earlier
    /// configuration.
    fn begin_rollback(&mut self, task: &mut RefreshTask) {
        task.rollback_pending = false;
        task.rolling_back = true;
        task.todo =
            task.forward_created.iter().filter(|id| self.instance(id).is_some()).cloned().collect();
        task.finished = 0;
        task.total = task.todo.len() as u32;
        task.target = task.original.clone();
    }

    fn start_refresh_batch(&mut self, task: &mut RefreshTask, at: u64) {
        let mut size = task.batch_size.min(task.todo.len());
        if !task.rolling_back
            && let Some(&cp) = task.request.checkpoints.get(task.checkpoint)
        {
            let stop = (task.total as usize * cp as usize).div_ceil(100);
            size = size.min(stop.saturating_sub(task.finished as usize).max(1));
        }
        let old: Vec<String> = task.todo.drain(..size).collect();
        task.batches += 1;
        let fault = self.take_refresh_fault(task.batches);
        let activity = self.add_activity(task, &old, at);
        let first = size.min(task.surge).max(size.saturating_sub(task.spare));
        let mut steps = Vec::new();
        if first > 0 {
            steps.push(Step::Launch(first));
        }
        steps.push(Step::Release);
        if size > first {
            steps.push(Step::Launch(size - first));
        }
        task.batch = Some(Batch { activity, old, new: Vec::new(), steps, step: 0, fault });
        self.begin_step(task, at);
    }

    fn take_refresh_fault(&mut self, batch: u32) -> Option<RefreshFault> {
        let faults = &mut self.refresh.faults;
        let i = faults.iter().position(|f| f.batch().is_none_or(|b| b == batch))?;
        Some(faults.remove(i))
    }

    fn add_activity(&mut self, task: &RefreshTask, old: &[String], at: u64) -> usize {
        let id = self.next_id("asa-");
        let members =
            self.instances.iter().filter(|i| i.scaling_group_id == task.scaling_group_id).count();
        let what =
            if task.rolling_back { "rollback of instance refresh" } else { "instance refresh" };
        self.refresh.activities.push(ScalingActivity {
            id,
            scaling_group_id: task.scaling_group_id.clone(),
            instance_refresh_task_id: Some(task.id.clone()),
            status_code: "InProgress".to_owned(),
            status_message: String::new(),
            progress: 0,
            description: format!(
                "Replace {} instance(s) ({}), batch {} of the {what} {} (simulated).",
                old.len(),
                old.join(", "),
                task.batches,
                task.id
            ),
            cause: format!("The {what} {} replaces instances batch by batch.", task.id),
            start_ms: at,
            end_ms: None,
            created: Vec::new(),
            destroyed: Vec::new(),
            total_capacity: members as u32,
        });
        self.refresh.activities.len() - 1
    }

    fn begin_step(&mut self, task: &mut RefreshTask, at: u64) {
        let Some(batch) = task.batch.as_mut() else { return };
        match batch.steps[batch.step] {
            Step::Launch(count) => {
                let template = batch.old.first().and_then(|id| self.instance(id)).cloned();
                for n in 0..count {
                    let id = self.launch(task, template.as_ref(), n, at);
                    task.created.push(id.clone());
                    if let Some(b) = task.batch.as_mut() {
                        b.new.push(id);
                    }
                }
                task.next_at = Some(at + 2 * self.timing.step_ms);
            }
            Step::Release => {
                for id in batch.old.clone() {
                    if let Some(i) = self.instances.iter_mut().find(|i| i.id == id) {
                        i.lifecycle_state = "Removing".to_owned();
                    }
                }
                task.next_at = Some(at + self.timing.step_ms);
            }
        }
        let done = task.batch.as_ref().map(|b| (b.activity, b.step * 100 / b.steps.len()));
        if let Some((a, percent)) = done
            && let Some(a) = self.refresh.activities.get_mut(a)
        {
            a.progress = percent as u32;
        }
    }

    /// A new instance, Pending, on the task's target.
    fn launch(&mut self, task: &RefreshTask, like: Option<&Instance>, n: usize, at: u64) -> String {
        let group = self.group(&task.scaling_group_id).cloned();
        let eci = group.as_ref().is_some_and(|g| g.group_type == "ECI");
        let id = self.next_id(if eci { "eci-" } else { "i-" });
        let config = task
            .target
            .scaling_configuration_id
            .as_ref()
            .and_then(|c| self.configurations.iter().find(|x| &x.id == c))
            .cloned();
        let old_image = like.map(|i| i.image_id.clone()).unwrap_or_default();
        let zones = ["cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"];
        self.instances.push(Instance {
            id: id.clone(),
            scaling_group_id: task.scaling_group_id.clone(),
            lifecycle_state: "Pending".to_owned(),
            health_status: "Healthy".to_owned(),
            creation_type: "AutoCreated".to_owned(),
            image_id: match &config {
                Some(c) if !eci => c.image_id.clone(),
                _ if eci => String::new(),
                _ => old_image,
            },
            ecs_status: "Running".to_owned(),
            zone_id: like.map_or(zones[n % zones.len()].to_owned(), |i| i.zone_id.clone()),
            scaling_configuration_id: task.target.scaling_configuration_id.clone(),
            launch_template_id: task.target.launch_template_id.clone(),
            launch_template_version: task.target.launch_template_version.clone(),
            tags: BTreeMap::new(),
            packages: BTreeMap::new(),
            last_script: None,
            last_file: None,
            containers: config.and_then(|c| c.containers).unwrap_or_default(),
            created_ms: at,
        });
        id
    }

    fn finish_step(&mut self, task: &mut RefreshTask, at: u64) {
        let Some(mut batch) = task.batch.take() else { return };
        match batch.steps[batch.step] {
            Step::Launch(_) if matches!(batch.fault, Some(RefreshFault::LaunchFails { .. })) => {
                return self.fail_batch(task, &batch, at);
            }
            Step::Launch(_) => {
                let unhealthy = matches!(batch.fault, Some(RefreshFault::Unhealthy { .. }));
                let pending =
                    |i: &Instance| batch.new.contains(&i.id) && i.lifecycle_state == "Pending";
                for i in self.instances.iter_mut().filter(|i| pending(i)) {
                    i.lifecycle_state = "InService".to_owned();
                    if unhealthy {
                        i.health_status = "Unhealthy".to_owned();
                    }
                }
            }
            Step::Release => {
                self.instances.retain(|i| !batch.old.contains(&i.id));
                task.released.extend(batch.old.iter().cloned());
            }
        }
        batch.step += 1;
        let more = batch.step < batch.steps.len();
        task.batch = Some(batch);
        if more {
            self.begin_step(task, at);
        } else {
            self.end_batch(task, at);
        }
    }

    fn fail_batch(&mut self, task: &mut RefreshTask, batch: &Batch, at: u64) {
        self.instances.retain(|i| !batch.new.contains(&i.id));
        for i in self.instances.iter_mut().filter(|i| batch.old.contains(&i.id)) {
            i.lifecycle_state = "InService".to_owned();
        }
        let message = format!(
            "The new instance(s) {} of batch {} failed to start (simulated fault); the old instance(s) {} stay in the group.",
            batch.new.join(", "),
            task.batches,
            batch.old.join(", ")
        );
        if let Some(a) = self.refresh.activities.get_mut(batch.activity) {
            a.status_code = "Failed".to_owned();
            a.status_message = message.clone();
            a.end_ms = Some(at);
        }
        let status =
            if task.rolling_back { RefreshStatus::RollbackFailed } else { RefreshStatus::Failed };
        task.detail = message;
        task.todo.clear();
        end(task, status, at);
    }

    fn end_batch(&mut self, task: &mut RefreshTask, at: u64) {
        let Some(batch) = task.batch.take() else { return };
        task.finished += batch.old.len() as u32;
        if !task.rolling_back {
            task.forward_created.extend(batch.new.iter().cloned());
        }
        if let Some(a) = self.refresh.activities.get_mut(batch.activity) {
            a.status_code = "Successful".to_owned();
            a.progress = 100;
            a.end_ms = Some(at);
            a.created = batch.new.clone();
            a.destroyed = batch.old.clone();
        }
        if task.status == RefreshStatus::InProgress && self.reached_checkpoint(task) {
            task.status = RefreshStatus::CheckpointPause;
            task.detail = format!(
                "Checkpoint {} % reached; resumes by itself after {} minute(s)",
                task.request.checkpoints[task.checkpoint - 1],
                task.request.checkpoint_pause_time
            );
            task.next_at = Some(at + u64::from(task.request.checkpoint_pause_time) * 60_000);
            return;
        }
        self.next_batch_or_end(task, at);
    }

    /// Whether the task has just passed a checkpoint below 100 % (it moves past it).
    fn reached_checkpoint(&self, task: &mut RefreshTask) -> bool {
        let mut reached = false;
        while let Some(&cp) = task.request.checkpoints.get(task.checkpoint) {
            if cp >= 100 || u64::from(task.finished) * 100 < u64::from(cp) * u64::from(task.total) {
                break;
            }
            task.checkpoint += 1;
            reached = true;
        }
        reached && !task.todo.is_empty()
    }

    /// Every instance replaced: the group takes the target configuration.
    fn finish_refresh(&mut self, task: &mut RefreshTask, at: u64) {
        let target = task.target.clone();
        self.apply_target(&task.scaling_group_id, &target);
        if task.rolling_back {
            task.detail.clear();
            end(task, RefreshStatus::RollbackSuccessful, at);
        } else {
            end(task, RefreshStatus::Successful, at);
        }
    }

    fn apply_target(&mut self, group_id: &str, target: &Target) {
        let Some(g) = self.groups.iter_mut().find(|g| g.id == group_id) else { return };
        if target.launch_template_id.is_some() {
            g.launch_template_id = target.launch_template_id.clone();
            g.launch_template_version = target.launch_template_version.clone();
            return;
        }
        let Some(active) = target.scaling_configuration_id.clone() else { return };
        g.active_scaling_configuration_id = Some(active.clone());
        for c in self.configurations.iter_mut().filter(|c| c.scaling_group_id == group_id) {
            c.lifecycle_state = if c.id == active { "Active" } else { "Inactive" }.to_owned();
        }
    }
}

fn end(task: &mut RefreshTask, status: RefreshStatus, at: u64) {
    task.status = status;
    task.end_ms = Some(at);
    task.next_at = None;
    task.batch = None;
}
