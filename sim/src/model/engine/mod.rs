//! The rolling-update templates as a state machine (oos-api.md §5.3–5.4).
//!
//! The engine owns the state of every rolling update it runs: [`Runs`], a map from a parent
//! execution's id to its [`Run`]. The records in [`super::oos`] are plain data the engine
//! writes. A run's steps follow the template's tasks: [`invoke`] holds the tasks before the
//! loop, [`batch`] the loop and the tasks after it.

mod batch;
mod invoke;

use std::collections::{BTreeMap, BTreeSet};

use rolling_update_core::template::Template;
use serde_json::{Value, json};

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

/// The runs of parent executions, by execution id. A run stays after its execution ended, so
/// NotifyExecution can tell a finished rolling update from a child execution.
pub(crate) type Runs = BTreeMap<String, Run>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Waiting for the start delay to pass.
    Start,
    /// Running the children of the current batch.
    Batch,
    /// Batch pause: waiting for NotifyExecution.
    Paused,
    /// Ended (well or not); nothing more happens.
    Done,
}

/// One loop item: the child execution working on one instance.
#[derive(Debug, Clone, PartialEq)]
struct ChildRun {
    exec_id: String,
    task_id: String,
    instance_id: String,
    batch: usize,
    step: usize,
    next_at: u64,
    done: bool,
    failed: bool,
    was_protected: bool,
    output: String,
}

/// An instance a rolling update works on, with the lifecycle state it had when selected.
struct Selected {
    instance_id: String,
    lifecycle_state: String,
}

/// Engine state of a parent execution.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// Where the execution's record is in [`World::executions`] (records are never removed).
    exec: usize,
    exec_id: String,
    template: Template,
    rollback: bool,
    group_id: String,
    params: Value,
    phase: Phase,
    next_at: u64,
    batches: Vec<Vec<String>>,
    batch: usize,
    children: Vec<ChildRun>,
    loop_task: Option<String>,
    max_errors: usize,
    pause: String,
    enter: Vec<String>,
    exit: Vec<String>,
    fail_targets: Vec<FailTarget>,
    fail_ids: BTreeSet<String>,
}

impl Run {
    fn new(exec: usize, exec_id: &str, template: Template, params: &Value, start_at: u64) -> Run {
        let max_errors = match template {
            Template::Image => params.get("maxErrors").and_then(Value::as_u64).unwrap_or(0),
            _ => 0,
        };
        Run {
            exec,
            exec_id: exec_id.to_owned(),
            template,
            rollback: params.get("invokeType").and_then(Value::as_str) == Some("rollback"),
            group_id: str_param(params, "scalingGroupId"),
            params: params.clone(),
            phase: Phase::Start,
            next_at: start_at,
            batches: Vec::new(),
            batch: 0,
            children: Vec::new(),
            loop_task: None,
            max_errors: max_errors as usize,
            pause: params
                .get("batchPauseOption")
                .and_then(Value::as_str)
                .unwrap_or("Automatic")
                .to_owned(),
            enter: str_list(params, "enterProcess", &ALL_PROCESSES),
            exit: str_list(params, "exitProcess", &ALL_PROCESSES),
            fail_targets: Vec::new(),
            fail_ids: BTreeSet::new(),
        }
    }

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

    /// The steps of one child, in order.
    fn steps(&self) -> &'static [&'static str] {
        match self.template {
            Template::Image => &[
                "EnterStandby",
                "StopInstance",
                "ReplaceSystemDisk",
                "StartInstance",
                "ExitStandby",
            ],
            // The new templates' own steps are the simulator branch's (sim/src/templates.rs).
            Template::Command | Template::File | Template::OssFile | Template::Container => {
                &["EnterStandby", "RunCommand", "ExitStandby"]
            }
            Template::Package => &["EnterStandby", "ConfigurePackage", "ExitStandby"],
        }
    }

    /// The loop task's action, also the child executions' template name.
    fn action(&self) -> &'static str {
        match self.template {
            Template::Image => "ACS::ESS::ReplaceSystemDisk",
            Template::Command | Template::File | Template::OssFile | Template::Container => {
                "ACS::ESS::RunCommand"
            }
            Template::Package => "ACS::ESS::ConfigureOOSPackage",
        }
    }

    fn str_param(&self, key: &str) -> String {
        str_param(&self.params, key)
    }

    /// Whether the rolling update waits for NotifyExecution.
    pub(crate) fn is_paused(&self) -> bool {
        self.phase == Phase::Paused
    }

    /// The loop task's id (empty before the loop started).
    pub(crate) fn loop_task_id(&self) -> String {
        self.loop_task.clone().unwrap_or_default()
    }

    /// CancelExecution: nothing more happens, to the run or to any of its children.
    pub(crate) fn stop(&mut self) {
        self.phase = Phase::Done;
        for c in self.children.iter_mut().filter(|c| !c.done) {
            c.done = true;
        }
    }
}

fn str_param(params: &Value, key: &str) -> String {
    params.get(key).and_then(Value::as_str).unwrap_or_default().to_owned()
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

/// A new parent execution's record, before it runs.
fn parent_record(
    id: &str,
    template: Template,
    params: &Value,
    req: &StartRequest,
    now: u64,
) -> Execution {
    let or = |s: &str, d: &str| if s.is_empty() { d.to_owned() } else { s.to_owned() };
    Execution {
        id: id.to_owned(),
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
    }
}

impl World {
    /// The earliest event of any run: its time and the index of its execution.
    pub(crate) fn next_event(&self) -> Option<(u64, usize)> {
        self.runs.values().filter_map(|r| r.next_event().map(|t| (t, r.exec))).min()
    }

    /// Plays the next event of the run of execution `idx`.
    pub(crate) fn play(&mut self, idx: usize, at: u64) {
        let id = self.executions[idx].id.clone();
        self.with_run(&id, |world, run| match run.phase {
            Phase::Start => world.begin(run, at),
            Phase::Batch => world.step_child(run, at),
            Phase::Paused | Phase::Done => {}
        });
    }

    /// Lends the run of execution `id` to `step` together with the world it writes. The run is
    /// out of [`World::runs`] meanwhile; a step only ever works on its own run.
    pub(crate) fn with_run<R>(
        &mut self,
        id: &str,
        step: impl FnOnce(&mut World, &mut Run) -> R,
    ) -> Option<R> {
        let mut run = self.runs.remove(id)?;
        let out = step(self, &mut run);
        self.runs.insert(id.to_owned(), run);
        Some(out)
    }

    /// The execution of a rolling update still running on the group, if any.
    fn busy_on(&self, group_id: &str) -> Option<String> {
        self.runs
            .values()
            .filter(|r| r.group_id == group_id && !self.executions[r.exec].status.is_terminal())
            .min_by_key(|r| r.exec)
            .map(|r| r.exec_id.clone())
    }

    /// Records a parent execution and, unless its group is busy, the run that plays it.
    pub(crate) fn create_parent(
        &mut self,
        template: Template,
        params: &Value,
        req: &StartRequest,
    ) -> String {
        let now = self.now_ms;
        let id = self.next_id("exec-");
        let mut exec = parent_record(&id, template, params, req, now);
        let group_id = str_param(params, "scalingGroupId");
        if let Some(busy_id) = self.busy_on(&group_id) {
            let message = format!(
                "IncorrectScalingGroupStatus: the scaling group {group_id} already has a rolling \
                 update in progress ({busy_id}); only one runs per group at a time"
            );
            exec.status = Status::Failed;
            exec.ended_ms = Some(now);
            exec.status_message = message.clone();
            self.executions.push(exec);
            self.log(&id, None, now, "Error", &message);
            return id;
        }
        let start_at = now + self.timing.start_delay_ms;
        let mut run = Run::new(self.executions.len(), &id, template, params, start_at);
        run.fail_targets = std::mem::take(&mut self.pending_failures);
        self.runs.insert(id.clone(), run);
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

    /// Records a task execution of `exec_id` (`properties` are its inputs); returns its id.
    fn add_task(
        &mut self,
        exec_id: &str,
        name: &str,
        action: &str,
        at: u64,
        status: Status,
        properties: Value,
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
            outputs: json!({}),
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

    /// Records an `ACS::ExecuteAPI` task that has already succeeded.
    fn add_api_task(&mut self, run: &Run, name: &str, at: u64, properties: Value) {
        self.add_task(&run.exec_id, name, "ACS::ExecuteAPI", at, Status::Success, properties);
    }

    fn task_mut(&mut self, task_id: &str) -> Option<&mut TaskExecution> {
        self.tasks.iter_mut().find(|t| t.id == task_id)
    }

    pub(super) fn set_task(&mut self, task_id: &str, status: Status, message: &str, at: u64) {
        if let Some(t) = self.task_mut(task_id) {
            t.status = status;
            t.status_message = message.to_owned();
            t.updated_ms = at;
            t.ended_ms = status.is_terminal().then_some(at);
        }
    }

    /// Ends the run and its execution as failed.
    pub(super) fn fail_run(&mut self, run: &mut Run, at: u64, message: &str) {
        run.phase = Phase::Done;
        self.set_status(run.exec, Status::Failed, message, at);
        self.log(&run.exec_id, None, at, "Error", message);
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
