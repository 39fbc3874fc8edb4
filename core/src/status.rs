//! The state of an update as OOS really ran it: the execution, its batches as OOS formed them
//! (loop task executions grouped by `LoopBatchNumber`), each instance's progress and failures,
//! and what the user can do next.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::advice::next_steps;
use crate::api::oos::{Execution, TaskExecution};
use crate::api::response::Status;
use crate::command::Target;
use crate::gate::RECORD_TAG;
use crate::i18n::Text;
use crate::t;
use crate::template::{InvokeType, Key};

/// One instance's task in a batch.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstanceProgress {
    /// The ECS instance, when the task names one.
    pub instance_id: Option<String>,
    /// The loop child's task execution id.
    pub task_execution_id: String,
    /// Its status.
    pub status: Status,
    /// Its status message (the failure reason when it failed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// The per-instance child execution, when OOS started one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_execution_id: Option<String>,
    /// The child execution's status, when it was fetched.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_status: Option<Status>,
}

/// One batch as OOS formed it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchProgress {
    /// `LoopBatchNumber`.
    pub number: i64,
    /// Running, Waiting, Success, Failed or Pending, derived from the instances.
    pub status: Status,
    /// The instances.
    pub instances: Vec<InstanceProgress>,
    /// How many finished well.
    pub succeeded: usize,
    /// How many failed.
    pub failed: usize,
    /// How many were cancelled (stopped, not failed).
    pub cancelled: usize,
}

/// A failure worth showing.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// The batch, for instance failures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batch: Option<i64>,
    /// The instance, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance_id: Option<String>,
    /// The task that failed.
    pub task: String,
    /// Why.
    pub message: String,
}

/// Everything `status` shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The execution.
    pub execution_id: String,
    /// Its status.
    pub status: Status,
    /// Its status message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_message: Option<String>,
    /// Why it waits, when it waits.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiting_status: Option<String>,
    /// The template.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub template_name: Option<String>,
    /// `invoke` or `rollback`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoke_type: Option<String>,
    /// The scaling group.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scaling_group_id: Option<String>,
    /// When it started and ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// When it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// The top-level tasks (not loop children) and their statuses.
    pub tasks: Vec<TaskLine>,
    /// The batches, in order.
    pub batches: Vec<BatchProgress>,
    /// Instances done, failed, cancelled, pending, in total (those OOS has reached so far).
    pub instances: Counts,
    /// What the update will cover in all (every instance, every batch), when OOS says it: the
    /// loop task's `Loop` statistics. While it runs, `instances` counts only the batches
    /// started so far.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub planned: Option<Planned>,
    /// Failures of tasks and instances.
    pub failures: Vec<Failure>,
    /// The gates that ran, as the gating run recorded them in the execution's tag
    /// [`RECORD_TAG`] (`b<batch> <what decided> <decision>; ...; => <outcome>`); `None` when
    /// the update was not gated (or its record could not be written).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gates: Option<String>,
    /// Follow-up commands.
    pub next: Vec<crate::i18n::Text>,
}

/// A top-level task.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TaskLine {
    /// The task name.
    pub name: String,
    /// Its status.
    pub status: Status,
    /// The task execution id.
    pub task_execution_id: String,
}

/// The whole update's size, from the loop task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Planned {
    /// Every instance the loop takes.
    pub instances: usize,
    /// Every batch, when OOS gives the count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub batches: Option<usize>,
}

/// The planned totals from a loop task's `Loop` statistics (`Items` is the item count, or the
/// items themselves; `Batches` when present).
fn planned(tasks: &[TaskExecution]) -> Option<Planned> {
    tasks.iter().filter(|t| t.is_top_level()).find_map(|t| {
        let info = t.loop_info.as_object()?;
        let instances = match info.get("Items")? {
            Value::Number(n) => usize::try_from(n.as_u64()?).ok()?,
            Value::Array(items) => items.len(),
            _ => return None,
        };
        let batches =
            info.get("Batches").and_then(Value::as_u64).and_then(|n| usize::try_from(n).ok());
        Some(Planned { instances, batches })
    })
}

/// Instance counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Finished well.
    pub succeeded: usize,
    /// Failed.
    pub failed: usize,
    /// Cancelled (stopped by a cancel, not failed).
    pub cancelled: usize,
    /// Not finished.
    pub pending: usize,
    /// All known.
    pub total: usize,
}

fn batch_status(instances: &[InstanceProgress]) -> Status {
    let any = |f: &dyn Fn(&Status) -> bool| instances.iter().any(|i| f(&i.status));
    if any(&|s| *s == Status::Failed) {
        Status::Failed
    } else if any(&|s| *s == Status::Cancelled) {
        Status::Cancelled
    } else if any(&|s| *s == Status::Waiting) {
        Status::Waiting
    } else if instances.iter().all(|i| i.status.is_finished_task()) {
        Status::Success
    } else if any(&|s| *s == Status::Running) {
        Status::Running
    } else {
        Status::Pending
    }
}

/// The tasks of an execution sorted into top-level lines, instances by batch, and failures.
struct Sorted {
    top: Vec<TaskLine>,
    by_batch: BTreeMap<i64, Vec<InstanceProgress>>,
    failures: Vec<Failure>,
}

fn sort_tasks(tasks: &[TaskExecution], children: &[Execution]) -> Sorted {
    let child_status: BTreeMap<&str, &Execution> =
        children.iter().map(|c| (c.execution_id.as_str(), c)).collect();
    let mut sorted = Sorted { top: Vec::new(), by_batch: BTreeMap::new(), failures: Vec::new() };
    let mut ordered: Vec<&TaskExecution> = tasks.iter().collect();
    ordered.sort_by(|a, b| {
        (a.loop_batch_number, &a.start_date, &a.task_execution_id).cmp(&(
            b.loop_batch_number,
            &b.start_date,
            &b.task_execution_id,
        ))
    });
    for task in ordered {
        let name = task.task_name.clone().unwrap_or_default();
        let Some(batch) = task.loop_batch_number else {
            if task.is_top_level() {
                if task.status.is_failure() {
                    sorted.failures.push(Failure {
                        batch: None,
                        instance_id: None,
                        task: name.clone(),
                        message: task.status_message.clone().unwrap_or_default(),
                    });
                }
                sorted.top.push(TaskLine {
                    name,
                    status: task.status.clone(),
                    task_execution_id: task.task_execution_id.clone(),
                });
            }
            continue;
        };
        let child = task.child_execution_id.as_deref().and_then(|id| child_status.get(id));
        let message = task
            .status_message
            .clone()
            .filter(|m| !m.is_empty())
            .or_else(|| child.and_then(|c| c.status_message.clone()).filter(|m| !m.is_empty()));
        let progress = InstanceProgress {
            instance_id: task.instance_id(),
            task_execution_id: task.task_execution_id.clone(),
            status: task.status.clone(),
            message: message.clone(),
            child_execution_id: task.child_execution_id.clone(),
            child_status: child.map(|c| c.status.clone()),
        };
        if task.status.is_failure() {
            sorted.failures.push(Failure {
                batch: Some(batch),
                instance_id: progress.instance_id.clone(),
                task: name,
                message: message.unwrap_or_default(),
            });
        }
        sorted.by_batch.entry(batch).or_default().push(progress);
    }
    sorted
}

/// The batches in order, with the instance counts over all of them.
fn batches(by_batch: BTreeMap<i64, Vec<InstanceProgress>>) -> (Vec<BatchProgress>, Counts) {
    let mut counts = Counts::default();
    let batches: Vec<BatchProgress> = by_batch
        .into_iter()
        .map(|(number, instances)| {
            let succeeded = instances
                .iter()
                .filter(|i| i.status.is_finished_task() && !i.status.is_failure())
                .count();
            let failed = instances.iter().filter(|i| i.status == Status::Failed).count();
            let cancelled = instances.iter().filter(|i| i.status == Status::Cancelled).count();
            counts.succeeded += succeeded;
            counts.failed += failed;
            counts.cancelled += cancelled;
            counts.total += instances.len();
            let status = batch_status(&instances);
            BatchProgress { number, status, instances, succeeded, failed, cancelled }
        })
        .collect();
    counts.pending = counts.total - counts.succeeded - counts.failed - counts.cancelled;
    (batches, counts)
}

/// The gates' record a gating run left in the execution's tags ([`RECORD_TAG`]).
fn recorded_gates(execution: &Execution) -> Option<String> {
    execution.tags.get(RECORD_TAG).and_then(Value::as_str).map(str::to_owned)
}

/// Summarizes an execution from its task executions (loop children included) and, when
/// fetched, its child executions (`ListExecutions ParentExecutionId=...`).
pub fn summarize(
    target: &Target,
    execution: &Execution,
    tasks: &[TaskExecution],
    children: &[Execution],
) -> Summary {
    let params = execution.parameters_object().unwrap_or_default();
    let text = |key: &str| params.get(key).and_then(Value::as_str).map(str::to_owned);
    let Sorted { top, by_batch, mut failures } = sort_tasks(tasks, children);
    let (batches, counts) = batches(by_batch);
    if execution.status.is_failure()
        && failures.is_empty()
        && let Some(m) = execution.status_message.clone().filter(|m| !m.is_empty())
    {
        failures.push(Failure {
            batch: None,
            instance_id: None,
            task: "execution".into(),
            message: m,
        });
    }
    let invoke_type = text(Key::InvokeType.as_str());
    let is_rollback = invoke_type.as_deref() == Some(InvokeType::Rollback.as_str());
    Summary {
        execution_id: execution.execution_id.clone(),
        status: execution.status.clone(),
        status_message: execution.status_message.clone().filter(|m| !m.is_empty()),
        waiting_status: execution.waiting_status.clone().filter(|m| !m.is_empty()),
        template_name: execution.template_name.clone(),
        invoke_type,
        scaling_group_id: text(Key::ScalingGroupId.as_str()),
        start_date: execution.start_date.clone(),
        end_date: execution.end_date.clone(),
        tasks: top,
        batches,
        instances: counts,
        planned: planned(tasks),
        failures,
        gates: recorded_gates(execution),
        next: next_steps(&execution.status, &execution.execution_id, target, is_rollback),
    }
}

/// The summary as lines for people, each a [`Text`] to render in the reader's language.
pub fn render(summary: &Summary, detail: Detail) -> Vec<Text> {
    let mut lines = vec![Text::raw(format!(
        "{} {}{}",
        summary.execution_id,
        summary.status,
        summary.waiting_status.as_ref().map(|w| format!(" ({w})")).unwrap_or_default()
    ))];
    if let (Some(t), Some(g)) = (&summary.template_name, &summary.scaling_group_id) {
        let invoke = summary.invoke_type.as_deref().unwrap_or("invoke");
        lines.push(t!("status.template_on_group", template = t, invoke = invoke, group = g));
    }
    lines.push(instances_line(summary));
    let c = summary.instances;
    let total = summary.planned.map_or(c.total, |p| p.instances.max(c.total));
    let every = detail == Detail::Every || (detail == Detail::Auto && total <= NAMED_UP_TO);
    for b in &summary.batches {
        lines.push(batch_line(b, every));
    }
    for f in &summary.failures {
        let who = f.instance_id.as_deref().unwrap_or(&f.task);
        lines.push(t!("status.failed", who = who, message = f.message));
    }
    if let Some(gates) = &summary.gates {
        lines.push(t!("status.gates", gates: crate::gate::record_text(gates)));
    }
    for n in &summary.next {
        lines.push(t!("status.next", step: n.clone()));
    }
    lines
}

/// The instance counts: how far a running update is (OOS lists only the batches it has
/// started), or the totals.
fn instances_line(summary: &Summary) -> Text {
    let c = summary.instances;
    let cancelled = if c.cancelled > 0 {
        t!("status.cancelled_part", cancelled = c.cancelled)
    } else {
        Text::raw("")
    };
    let batches = summary.batches.len();
    match summary
        .planned
        .filter(|p| p.instances > c.total || p.batches.is_some_and(|b| b > batches))
    {
        Some(p) => t!(
            "status.instances.running",
            done = c.succeeded,
            failed = c.failed,
            cancelled: cancelled,
            running = c.pending,
            not_started = p.instances.saturating_sub(c.total),
            total = p.instances,
            batches = p.batches.map_or_else(|| "?".to_owned(), |b| b.to_string()),
            started = batches
        ),
        None => t!(
            "status.instances.total",
            done = c.succeeded,
            failed = c.failed,
            cancelled: cancelled,
            pending = c.pending,
            total = c.total,
            batches = batches
        ),
    }
}

/// How much of each batch [`render`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// Every instance on a group of up to [`NAMED_UP_TO`] instances; on a larger one, counts
    /// per batch and only the instances that failed or have not finished.
    Auto,
    /// Every instance, whatever the size (`status --verbose`).
    Every,
}

/// The largest group whose instances `status` names one by one without `--verbose`.
pub const NAMED_UP_TO: usize = 20;

fn batch_line(b: &BatchProgress, every: bool) -> Text {
    let named =
        |i: &InstanceProgress| format!("{} {}", i.instance_id.as_deref().unwrap_or("?"), i.status);
    if every {
        let ids: Vec<String> = b.instances.iter().map(named).collect();
        return t!(
            "status.batch.every",
            number = b.number,
            status = b.status,
            instances = ids.join(", ")
        );
    }
    let pending = b.instances.len() - b.succeeded - b.failed;
    let open: Vec<String> = b
        .instances
        .iter()
        .filter(|i| !i.status.is_finished_task() || i.status.is_failure())
        .map(named)
        .collect();
    let open = if open.is_empty() { String::new() } else { format!(" ({})", open.join(", ")) };
    t!(
        "status.batch.counts",
        number = b.number,
        status = b.status,
        done = b.succeeded,
        failed = b.failed,
        pending = pending,
        open = open
    )
}

/// One line of `list`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ListRow {
    /// The execution.
    pub execution_id: String,
    /// Its status.
    pub status: Status,
    /// The template's short name (`image`, `command`, `package`), or its full name.
    pub template: Option<String>,
    /// `invoke` or `rollback`.
    pub invoke_type: Option<String>,
    /// The scaling group.
    pub scaling_group_id: Option<String>,
    /// When it started.
    pub start_date: Option<String>,
    /// When it ended.
    pub end_date: Option<String>,
}

/// The `list` line of an execution.
pub fn list_row(execution: &Execution) -> ListRow {
    let params = execution.parameters_object().unwrap_or_default();
    let text = |key: &str| params.get(key).and_then(Value::as_str).map(str::to_owned);
    let template = execution.template_name.as_deref().map(|n| {
        crate::template::Template::from_name(n)
            .map_or_else(|_| n.to_owned(), |t| t.short_name().to_owned())
    });
    ListRow {
        execution_id: execution.execution_id.clone(),
        status: execution.status.clone(),
        template,
        invoke_type: text(Key::InvokeType.as_str()),
        scaling_group_id: text(Key::ScalingGroupId.as_str()),
        start_date: execution.start_date.clone(),
        end_date: execution.end_date.clone(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::i18n::Lang;

    fn english(lines: &[Text]) -> String {
        lines.iter().map(Text::as_str).collect::<Vec<_>>().join("\n")
    }

    fn task(id: &str, batch: Option<i64>, item: &str, status: Status) -> TaskExecution {
        TaskExecution {
            task_execution_id: id.into(),
            task_name: Some(if batch.is_some() { "replaceImage" } else { "rollingUpdate" }.into()),
            loop_batch_number: batch,
            loop_item: (!item.is_empty()).then(|| item.to_owned()),
            parent_task_execution_id: batch.map(|_| "t-loop".to_owned()),
            status,
            ..TaskExecution::default()
        }
    }

    #[test]
    fn groups_by_loop_batch_number_and_reports_failures() {
        let e = Execution {
            execution_id: "exec-1".into(),
            status: Status::Failed,
            parameters: json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}),
            ..Execution::default()
        };
        let mut failed = task("t-3", Some(2), "i-3", Status::Failed);
        failed.status_message = Some("disk replacement failed".into());
        let tasks = [
            task("t-loop", None, "", Status::Failed),
            task("t-2", Some(1), "i-2", Status::Success),
            task("t-1", Some(1), "i-1", Status::Success),
            failed,
            task("t-4", Some(2), "i-4", Status::Running),
        ];
        let s = summarize(&Target::region("cn-hangzhou"), &e, &tasks, &[]);
        assert_eq!(s.batches.len(), 2);
        assert_eq!(s.batches[0].status, Status::Success);
        assert_eq!(s.batches[1].status, Status::Failed);
        assert_eq!(
            s.instances,
            Counts { succeeded: 2, failed: 1, cancelled: 0, pending: 1, total: 4 }
        );
        assert!(
            s.failures.iter().any(|f| f.instance_id.as_deref() == Some("i-3")
                && f.message == "disk replacement failed")
        );
        assert_eq!(s.tasks.len(), 1);
        assert!(s.next.iter().any(|n| n.contains("rollback exec-1")));
        assert!(render(&s, Detail::Auto).iter().any(|l| l.starts_with("  batch 2 Failed")));
    }

    #[test]
    fn a_running_update_shows_its_planned_totals_and_cancelled_apart_from_failed() {
        let e = Execution {
            execution_id: "exec-1".into(),
            status: Status::Cancelled,
            parameters: json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}),
            ..Execution::default()
        };
        let mut parent = task("t-loop", None, "", Status::Cancelled);
        parent.loop_info = json!({"Items": 6, "Batches": 3});
        let tasks = [
            parent,
            task("t-1", Some(1), "i-1", Status::Success),
            task("t-2", Some(1), "i-2", Status::Failed),
            task("t-3", Some(2), "i-3", Status::Cancelled),
        ];
        let s = summarize(&Target::region("r"), &e, &tasks, &[]);
        assert_eq!(s.planned, Some(Planned { instances: 6, batches: Some(3) }));
        assert_eq!(
            s.instances,
            Counts { succeeded: 1, failed: 1, cancelled: 1, pending: 0, total: 3 }
        );
        assert_eq!(s.batches[1].cancelled, 1);
        assert_eq!(s.batches[1].failed, 0);
        let text = english(&render(&s, Detail::Auto));
        assert!(
            text.contains("1 done, 1 failed, 1 cancelled, 0 in progress, 3 not started; 6 total in 3 batch(es) (2 started)"),
            "{text}"
        );
    }

    #[test]
    fn child_execution_messages_fill_in() {
        let e =
            Execution { execution_id: "e".into(), status: Status::Running, ..Execution::default() };
        let mut t = task("t-1", Some(1), "i-1", Status::Failed);
        t.child_execution_id = Some("exec-c".into());
        let child = Execution {
            execution_id: "exec-c".into(),
            status: Status::Failed,
            status_message: Some("command exited 1".into()),
            ..Execution::default()
        };
        let s = summarize(&Target::region("r"), &e, &[t], &[child]);
        assert_eq!(s.batches[0].instances[0].message.as_deref(), Some("command exited 1"));
        assert_eq!(s.batches[0].instances[0].child_status, Some(Status::Failed));
    }

    #[test]
    fn the_gates_recorded_in_the_tags_are_shown_labelled() {
        let mut e =
            Execution { execution_id: "e".into(), status: Status::Success, ..Execution::default() };
        let plain = summarize(&Target::region("r"), &e, &[], &[]);
        assert_eq!(plain.gates, None);
        assert!(!english(&render(&plain, Detail::Auto)).contains("gates"));
        e.tags = json!({"rolling-update:gates": "b1 ok approve; => passed", "other": "x"});
        let s = summarize(&Target::region("r"), &e, &[], &[]);
        assert_eq!(s.gates.as_deref(), Some("b1 ok approve; => passed"));
        let text = english(&render(&s, Detail::Auto));
        assert!(
            text.contains(
                "  gates (as recorded by the run that gated it): b1 ok approve; => passed"
            ),
            "{text}"
        );
    }

    #[test]
    fn the_lines_read_in_chinese_and_keep_their_english() {
        let e = Execution {
            execution_id: "exec-1".into(),
            status: Status::Running,
            template_name: Some("T".into()),
            parameters: json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}),
            ..Execution::default()
        };
        let tasks = [
            task("t-1", Some(1), "i-1", Status::Success),
            task("t-2", Some(1), "i-2", Status::Running),
        ];
        let s = summarize(&Target::region("r"), &e, &tasks, &[]);
        let lines = render(&s, Detail::Auto);
        let en = english(&lines);
        assert!(en.contains("  T invoke on asg-1"), "{en}");
        assert!(
            en.contains("  instances: 1 done, 0 failed, 1 pending, 2 total in 1 batch(es)"),
            "{en}"
        );
        assert!(en.contains("  batch 1 Running: i-1 Success, i-2 Running"), "{en}");
        let zh: Vec<String> = lines.iter().map(|l| l.render(Lang::ZhCn).into_owned()).collect();
        let zh = zh.join("\n");
        assert!(zh.contains("  T invoke（伸缩组 asg-1）"), "{zh}");
        assert!(zh.contains("  实例：1 台完成，0 台失败，1 台未完成，共 2 台，分 1 批"), "{zh}");
        assert!(zh.contains("  第 1 批 Running：i-1 Success, i-2 Running"), "{zh}");
        assert!(zh.contains("  下一步："), "{zh}");
        let counts = batch_line(&s.batches[0], false);
        assert_eq!(counts.as_str(), "  batch 1 Running: 1 done, 0 failed, 1 pending (i-2 Running)");
        assert_eq!(
            counts.render(Lang::ZhCn),
            "  第 1 批 Running：1 台完成，0 台失败，1 台未完成 (i-2 Running)"
        );
    }
}
