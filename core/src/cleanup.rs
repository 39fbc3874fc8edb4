//! What to run after a cancelled update: an execution stopped half way leaves the scaling
//! processes it suspended suspended, and the instances it was working on in Standby. OOS does
//! not undo either, so `cancel` prints the exact `aliyun ess` commands that do.

use serde::Serialize;
use serde_json::Value;

use crate::api::ess::ScalingInstance;
use crate::api::oos::RequestIdResponse;
use crate::api::oos::{Execution, TaskExecution};
use crate::api::{ApiRequest, Params, Product};
use crate::command::{Target, aliyun_command_at, quote};
use crate::i18n::Text;
use crate::t;
use crate::template::{DefaultValue, Key, Template};

/// ExitStandby takes at most this many instances per call.
pub const EXIT_STANDBY_BATCH: usize = 20;

/// The follow-up commands and why each is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cleanup {
    /// The scaling group.
    pub scaling_group_id: String,
    /// Processes to resume.
    pub processes: Vec<String>,
    /// Instances to take out of Standby.
    pub standby_instances: Vec<String>,
    /// The commands, in the order to run them.
    pub commands: Vec<String>,
    /// Notes for people.
    pub notes: Vec<Text>,
}

/// ESS `ResumeProcesses` (2014-08-28: `Process.N`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResumeProcesses {
    /// The region.
    pub region_id: String,
    /// The group.
    pub scaling_group_id: String,
    /// The processes.
    pub processes: Vec<String>,
}

impl ApiRequest for ResumeProcesses {
    type Response = RequestIdResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "ResumeProcesses";

    fn resend_safe(&self) -> bool {
        true // resuming a resumed process changes nothing
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("ScalingGroupId", self.scaling_group_id.as_str())
            .list("Process", &self.processes)
            .finish()
    }
}

/// ESS `ExitStandby` (2014-08-28: `InstanceId.N`, at most 20).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExitStandby {
    /// The region.
    pub region_id: String,
    /// The group.
    pub scaling_group_id: String,
    /// The instances.
    pub instance_ids: Vec<String>,
}

impl ApiRequest for ExitStandby {
    type Response = RequestIdResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "ExitStandby";

    fn resend_safe(&self) -> bool {
        false // a second call fails for instances no longer in Standby
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("ScalingGroupId", self.scaling_group_id.as_str())
            .list("InstanceId", &self.instance_ids)
            .finish()
    }
}

/// The processes the execution suspended: its `enterProcess`, or the template's default list.
pub fn suspended_processes(execution: &Execution) -> Vec<String> {
    let params = execution.parameters_object().unwrap_or_default();
    if let Some(Value::Array(items)) = params.get(Key::EnterProcess.as_str()) {
        return items.iter().filter_map(Value::as_str).map(str::to_owned).collect();
    }
    let template = execution.template_name.as_deref().and_then(|n| Template::from_name(n).ok());
    match template.and_then(|t| t.param(Key::EnterProcess.as_str())).map(|p| p.default) {
        Some(DefaultValue::List(items)) => items.iter().map(|s| (*s).to_owned()).collect(),
        _ => Vec::new(),
    }
}

/// Builds the cleanup for `execution`, in commands that reach `target`. `standby` are the
/// group's instances in Standby now; those the execution's tasks name are kept (all of them
/// when the tasks name none, with a note saying so). `suspended_now` are the group's suspended
/// processes as read now, when read: only those the execution suspended and that are still
/// suspended are resumed.
pub fn cleanup(
    target: &Target,
    execution: &Execution,
    tasks: &[TaskExecution],
    standby: &[ScalingInstance],
    suspended_now: Option<&[String]>,
) -> Option<Cleanup> {
    let params = execution.parameters_object().unwrap_or_default();
    let group = params.get(Key::ScalingGroupId.as_str()).and_then(Value::as_str)?.to_owned();
    let mut notes = Vec::new();
    let mut processes = suspended_processes(execution);
    if let Some(now) = suspended_now {
        processes.retain(|p| now.contains(p));
        if processes.is_empty() {
            notes.push(t!("cleanup.note.nothing_suspended"));
        }
    }
    let touched: Vec<String> = tasks.iter().filter_map(TaskExecution::instance_id).collect();
    let mut instances: Vec<String> = standby
        .iter()
        .filter(|i| touched.is_empty() || touched.contains(&i.instance_id))
        .map(|i| i.instance_id.clone())
        .collect();
    instances.dedup();
    if touched.is_empty() && !instances.is_empty() {
        notes.push(t!("cleanup.note.every_standby_instance"));
    }
    let mut commands = Vec::new();
    if !processes.is_empty() {
        let req = ResumeProcesses {
            region_id: target.region.clone(),
            scaling_group_id: group.clone(),
            processes: processes.clone(),
        };
        commands.push(aliyun_command_at(&req.to_call(), target));
    }
    for chunk in instances.chunks(EXIT_STANDBY_BATCH) {
        let req = ExitStandby {
            region_id: target.region.clone(),
            scaling_group_id: group.clone(),
            instance_ids: chunk.to_vec(),
        };
        commands.push(aliyun_command_at(&req.to_call(), target));
    }
    if instances.is_empty() {
        notes.push(t!("cleanup.note.no_standby"));
    }
    notes.extend(lifecycle_hook_note(execution, &group));
    let command = format!(
        "aliyun ess DescribeScalingGroups {} --ScalingGroupId.1 {}",
        target.options(),
        quote(&group)
    );
    notes.push(t!("cleanup.note.check_group", command = command));
    Some(Cleanup {
        scaling_group_id: group,
        processes,
        standby_instances: instances,
        commands,
        notes,
    })
}

/// The file templates install a scale-out lifecycle hook before their batches; a cancel or
/// a rollback leaves it, so new instances still get the update's download.
pub fn lifecycle_hook_note(execution: &Execution, group: &str) -> Option<Text> {
    let template = execution.template_name.as_deref().and_then(|n| Template::from_name(n).ok())?;
    let hook = template.lifecycle_hook()?;
    Some(t!("cleanup.note.lifecycle_hook", hook = hook, group = quote(group)))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_file_update_names_its_lifecycle_hook() {
        let mut e = exec(json!({"scalingGroupId": "asg-1"}));
        e.template_name = Some(Template::File.name().into());
        let note = lifecycle_hook_note(&e, "asg-1").expect("a note");
        assert!(note.contains("ACS-ESS-LifeCycleDownloadFileAndRunCommand"), "{note}");
        e.template_name = Some(Template::Image.name().into());
        assert_eq!(lifecycle_hook_note(&e, "asg-1"), None);
    }

    fn exec(params: Value) -> Execution {
        Execution {
            execution_id: "exec-1".into(),
            template_name: Some(Template::Image.name().into()),
            parameters: params,
            ..Execution::default()
        }
    }

    fn task(item: &str) -> TaskExecution {
        TaskExecution {
            task_execution_id: format!("t-{item}"),
            loop_item: Some(item.into()),
            loop_batch_number: Some(1),
            ..TaskExecution::default()
        }
    }

    fn inst(id: &str) -> ScalingInstance {
        ScalingInstance { instance_id: id.into(), ..ScalingInstance::default() }
    }

    #[test]
    fn resumes_the_given_processes_and_exits_touched_standby_instances() {
        let e =
            exec(json!({"scalingGroupId": "asg-1", "enterProcess": ["ScaleIn", "HealthCheck"]}));
        let c = cleanup(
            &Target::region("cn-hangzhou"),
            &e,
            &[task("i-1")],
            &[inst("i-1"), inst("i-9")],
            None,
        )
        .unwrap();
        assert_eq!(
            c.commands,
            [
                "aliyun ess ResumeProcesses --region cn-hangzhou --ScalingGroupId asg-1 \
                 --Process.1 ScaleIn --Process.2 HealthCheck",
                "aliyun ess ExitStandby --region cn-hangzhou --ScalingGroupId asg-1 \
                 --InstanceId.1 i-1"
            ]
        );
    }

    #[test]
    fn resumes_only_what_is_still_suspended_now() {
        let e =
            exec(json!({"scalingGroupId": "asg-1", "enterProcess": ["ScaleIn", "HealthCheck"]}));
        let now = ["HealthCheck".to_owned(), "ScaleOut".to_owned()];
        let c = cleanup(&Target::region("r"), &e, &[], &[], Some(&now)).unwrap();
        assert_eq!(c.processes, ["HealthCheck"], "ScaleOut was not suspended by the update");
        let c = cleanup(&Target::region("r"), &e, &[], &[], Some(&[])).unwrap();
        assert!(c.commands.is_empty(), "{:?}", c.commands);
        assert!(c.notes[0].contains("still suspended"), "{:?}", c.notes);
    }

    #[test]
    fn falls_back_to_template_defaults_and_all_standby_instances() {
        let e = exec(json!({"scalingGroupId": "asg-1"}));
        let many: Vec<ScalingInstance> = (1..=21).map(|n| inst(&format!("i-{n}"))).collect();
        let c = cleanup(&Target::region("r"), &e, &[], &many, None).unwrap();
        assert!(c.processes.len() > 3, "template default list: {:?}", c.processes);
        assert_eq!(c.commands.len(), 3, "resume + two ExitStandby chunks");
        assert!(c.notes[0].contains("every Standby instance"));
        assert!(cleanup(&Target::region("r"), &exec(json!({})), &[], &[], None).is_none());
    }

    #[test]
    fn notes_read_in_chinese() {
        use crate::i18n::Lang;
        let e = exec(json!({"scalingGroupId": "asg-1", "enterProcess": ["ScaleIn"]}));
        let c = cleanup(&Target::region("r"), &e, &[], &[], Some(&[])).unwrap();
        assert_eq!(c.notes[0], "no process the update suspended is still suspended");
        assert_eq!(c.notes[0].render(Lang::ZhCn), "本次更新暂停的流程均已不再处于暂停状态");
        let last = c.notes.last().expect("the check note");
        assert!(
            last.render(Lang::ZhCn)
                .starts_with("之后请检查伸缩组：aliyun ess DescribeScalingGroups")
        );
        let json = serde_json::to_value(&c).unwrap();
        assert_eq!(json["notes"][0], "no process the update suspended is still suspended");
    }
}
