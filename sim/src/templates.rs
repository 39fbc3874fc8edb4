//! The simulator's own knowledge of the six public ESS rolling-update templates: their
//! parameters as OOS declares them (type, default, allowed values, bounds), their task names and
//! what their runs do to a group.
//!
//! Written from the templates' public source (the project's notes,
//! `templates-as-written.md`), **not** from the core's parameter table or validator: the
//! simulator exists to catch the core being wrong about a template, which it cannot do by
//! asking the core. A test in `tests/` compares the two and fails on any difference, so each
//! side checks the other.
//!
//! OOS checks a StartExecution's `Parameters` against the template's declarations only: a
//! parameter without a default must be given, a value must have the declared type, a String
//! with `AllowedValues` must be one of them, a Number must lie within `MinValue`/`MaxValue`.
//! What a parameter *means* (an `imageId` that is empty on invoke, say) is not checked there;
//! the run fails later. [`Definition::check`] does exactly that much.

use serde_json::{Map, Value, json};

/// A parameter's declared `Type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `String`.
    String,
    /// `Number`.
    Number,
    /// `List`.
    List,
    /// `Boolean`.
    Boolean,
    /// `Json`: any JSON object or array.
    Json,
}

impl Kind {
    /// The name OOS templates use.
    pub fn name(self) -> &'static str {
        match self {
            Kind::String => "String",
            Kind::Number => "Number",
            Kind::List => "List",
            Kind::Boolean => "Boolean",
            Kind::Json => "Json",
        }
    }

    fn accepts(self, value: &Value) -> bool {
        match self {
            Kind::String => value.is_string(),
            Kind::Number => value.is_i64() || value.is_u64() || value.is_f64(),
            Kind::List => value.is_array(),
            Kind::Boolean => value.is_boolean(),
            Kind::Json => value.is_object() || value.is_array(),
        }
    }
}

/// A parameter's declared `Default`, or its absence (the parameter must then be given).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// No default: OOS refuses a StartExecution without it.
    Required,
    /// A string.
    Text(&'static str),
    /// A number.
    Number(i64),
    /// A list of strings.
    List(&'static [&'static str]),
    /// A Boolean.
    Boolean(bool),
    /// `{}`.
    EmptyObject,
    /// `{{ ACS::RegionId }}`: the execution's own region.
    ExecutionRegion,
}

impl Fallback {
    /// The default as JSON, in `region`; `None` for [`Fallback::Required`].
    pub fn value(self, region: &str) -> Option<Value> {
        match self {
            Fallback::Required => None,
            Fallback::Text(t) => Some(json!(t)),
            Fallback::Number(n) => Some(json!(n)),
            Fallback::List(items) => Some(json!(items)),
            Fallback::Boolean(b) => Some(json!(b)),
            Fallback::EmptyObject => Some(json!({})),
            Fallback::ExecutionRegion => Some(json!(region)),
        }
    }
}

/// One declared parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// Its name in `Parameters`.
    pub name: &'static str,
    /// Its `Type`.
    pub kind: Kind,
    /// Its `Default`.
    pub default: Fallback,
    /// Its `AllowedValues` (empty: any).
    pub allowed: &'static [&'static str],
    /// `MinValue` and `MaxValue` of a Number.
    pub range: Option<(i64, i64)>,
}

const fn param(name: &'static str, kind: Kind, default: Fallback) -> Param {
    Param { name, kind, default, allowed: &[], range: None }
}

const fn choice(name: &'static str, allowed: &'static [&'static str], default: Fallback) -> Param {
    Param { name, kind: Kind::String, default, allowed, range: None }
}

/// The scaling processes the five-process defaults name (ESS's own list).
pub const ALL_PROCESSES: &[&str] =
    &["ScaleIn", "ScaleOut", "HealthCheck", "AlarmNotification", "ScheduledAction"];

const INVOKE_TYPE: Param = choice("invokeType", &["invoke", "rollback"], Fallback::Required);
const GROUP: Param = param("scalingGroupId", Kind::String, Fallback::Required);
const ENTER: Param = param("enterProcess", Kind::List, Fallback::List(ALL_PROCESSES));
const EXIT: Param = param("exitProcess", Kind::List, Fallback::List(ALL_PROCESSES));
const LIFECYCLE: Param = param("lifecycleState", Kind::List, Fallback::List(&["InService"]));
const SOURCE: Param = param("sourceExecutionId", Kind::String, Fallback::Text(""));
const PAUSE: Param = choice(
    "batchPauseOption",
    &["Automatic", "FirstBatchPause", "EveryBatchPause"],
    Fallback::Text("Automatic"),
);
const BATCHES: Param = Param {
    name: "batchNumber",
    kind: Kind::Number,
    default: Fallback::Number(5),
    allowed: &[],
    range: Some((1, 100)),
};
const ROLE: Param = param("OOSAssumeRole", Kind::String, Fallback::Text(""));
/// The file templates' source still names the service role (the seeds' changed to '' in 2024).
const SERVICE_ROLE: Param = param("OOSAssumeRole", Kind::String, Fallback::Text("OOSServiceRole"));
const MAX_ERRORS: Param = param("maxErrors", Kind::Number, Fallback::Number(0));
const SAVE_TO_FILE: Param = param("whetherSaveToFile", Kind::Boolean, Fallback::Boolean(true));
const INVOKE_SCRIPT: Param = param("invokeScript", Kind::String, Fallback::Text(""));
const ROLLBACK_SCRIPT: Param = param("rollbackScript", Kind::String, Fallback::Text(""));
const INVOKE_DIR: Param = param("invokeDestinationDir", Kind::String, Fallback::Required);
const ROLLBACK_DIR: Param = param("rollbackDestinationDir", Kind::String, Fallback::Required);

/// What kind of group a template updates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    /// ECS instances.
    Ecs,
    /// Elastic container instances (ECI).
    Eci,
}

/// What the invoke does to the group's configuration besides the instances.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConfigurationChange {
    /// Nothing.
    None,
    /// `ModifyScalingConfiguration(ImageId=imageId)` before the loop, when
    /// `scalingConfigurationId` is given (invoke only; a rollback leaves it).
    ImageWhenGiven,
    /// `ModifyEciScalingConfiguration(Container=...)` after the loop, in both modes and even for
    /// an empty group: `containerConfigure` on invoke, `sourceContainerConfigure` on rollback.
    EciContainers,
}

/// What a loop child does to its instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Work {
    /// Stop, replace the system disk with `imageId` (`sourceImageId` on rollback), start.
    ReplaceImage,
    /// ECS RunCommand of `invokeScript` (`rollbackScript`, always a shell script, on rollback).
    RunCommand,
    /// The OOS package tool: `action` on `packageName` at `packageVersion`.
    ConfigurePackage,
    /// Download `invokeSourcePath` (`rollbackSourcePath`) into the directory, run the script.
    DownloadFile,
    /// Download the OSS object (`invokeBucketName`/`invokeObjectName`), run the script.
    DownloadOssFile,
    /// ECI UpdateContainerGroup with `containerConfigure` (`sourceContainerConfigure`).
    UpdateContainers,
}

impl Work {
    /// The child's steps in order, Standby excluded.
    pub fn steps(self) -> &'static [&'static str] {
        match self {
            Work::ReplaceImage => &["StopInstance", "ReplaceSystemDisk", "StartInstance"],
            Work::RunCommand => &["RunCommand"],
            Work::ConfigurePackage => &["ConfigurePackage"],
            Work::DownloadFile | Work::DownloadOssFile => &["DownloadFile", "RunCommand"],
            Work::UpdateContainers => &["UpdateContainerGroup"],
        }
    }
}

/// One template as the simulator knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Definition {
    /// The template's name.
    pub name: &'static str,
    /// What it does, one line (the source's English description).
    pub description: &'static str,
    /// Its parameters, in the source's order.
    pub params: &'static [Param],
    /// The loop task of an invoke (the only task that pauses).
    pub invoke_loop: &'static str,
    /// The loop task of a rollback.
    pub rollback_loop: &'static str,
    /// Whether each instance is put in Standby around its work (a failure leaves it there).
    pub standby: bool,
    /// Whether the instances are selected by the `lifecycleState` parameter (otherwise:
    /// InService only).
    pub selects_by_lifecycle_state: bool,
    /// Whether a successful invoke tags every listed instance `ess:rollingupdate`.
    pub tags_instances: bool,
    /// The scale-out lifecycle hook the invoke creates or updates, so new instances get the
    /// same update.
    pub lifecycle_hook: Option<&'static str>,
    /// What else the run changes.
    pub configuration: ConfigurationChange,
    /// The kind of group it is for.
    pub group: GroupKind,
    /// What each loop child does.
    pub work: Work,
    /// The loop task's action: the nested template each child execution runs.
    pub child_action: &'static str,
}

/// The six public ESS rolling-update templates.
pub const DEFINITIONS: [Definition; 6] = [
    Definition {
        name: "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup",
        description: "Rolling update ECS instances in a scaling group by replacing the system disk",
        params: &[
            INVOKE_TYPE,
            GROUP,
            ENTER,
            EXIT,
            LIFECYCLE,
            param("imageId", Kind::String, Fallback::Text("")),
            param("sourceImageId", Kind::String, Fallback::Text("")),
            SOURCE,
            param("scalingConfigurationId", Kind::String, Fallback::Text("")),
            PAUSE,
            BATCHES,
            MAX_ERRORS,
            ROLE,
        ],
        invoke_loop: "invokeByReplaceImage",
        rollback_loop: "rollbackByReplaceImage",
        standby: true,
        selects_by_lifecycle_state: true,
        tags_instances: true,
        lifecycle_hook: None,
        configuration: ConfigurationChange::ImageWhenGiven,
        group: GroupKind::Ecs,
        work: Work::ReplaceImage,
        child_action: "ACS::ESS::ReplaceSystemDisk",
    },
    Definition {
        name: "ACS-ESS-RollingUpdateByRunCommandInScalingGroup",
        description: "Rolling update ECS instances in a scaling group by running a command",
        params: &[
            INVOKE_TYPE,
            GROUP,
            ENTER,
            EXIT,
            LIFECYCLE,
            choice(
                "commandType",
                &["RunBatScript", "RunPowerShellScript", "RunShellScript"],
                Fallback::Text("RunShellScript"),
            ),
            INVOKE_SCRIPT,
            ROLLBACK_SCRIPT,
            SOURCE,
            PAUSE,
            BATCHES,
            ROLE,
        ],
        invoke_loop: "invokeByRunCommand",
        rollback_loop: "rollbackByRunCommand",
        standby: true,
        selects_by_lifecycle_state: true,
        tags_instances: true,
        lifecycle_hook: None,
        configuration: ConfigurationChange::None,
        group: GroupKind::Ecs,
        work: Work::RunCommand,
        child_action: "ACS::ESS::RunCommand",
    },
    Definition {
        name: "ACS-ESS-RollingUpdateByConfigureOOSPackage",
        description: "Rolling update ECS instances in a scaling group by configuring an OOS package",
        params: &[
            INVOKE_TYPE,
            GROUP,
            ENTER,
            EXIT,
            LIFECYCLE,
            choice("action", &["install", "uninstall"], Fallback::Text("install")),
            param("packageName", Kind::String, Fallback::Required),
            param("packageVersion", Kind::String, Fallback::Text("")),
            SOURCE,
            PAUSE,
            BATCHES,
            ROLE,
        ],
        invoke_loop: "invokeByConfigureOOSPackage",
        rollback_loop: "rollbackByConfigureOOSPackage",
        standby: true,
        selects_by_lifecycle_state: true,
        tags_instances: true,
        lifecycle_hook: None,
        configuration: ConfigurationChange::None,
        group: GroupKind::Ecs,
        work: Work::ConfigurePackage,
        child_action: "ACS::ESS::ConfigureOOSPackage",
    },
    Definition {
        name: "ACS-ESS-RollingUpdateByDownloadFileAndRunCommand",
        description: "Rolling update ECS instances in a scaling group by downloading a file and \
                      running a command",
        params: &[
            INVOKE_TYPE,
            GROUP,
            ENTER,
            EXIT,
            param("invokeSourcePath", Kind::String, Fallback::Required),
            INVOKE_DIR,
            INVOKE_SCRIPT,
            param("rollbackSourcePath", Kind::String, Fallback::Required),
            ROLLBACK_DIR,
            ROLLBACK_SCRIPT,
            SOURCE,
            SAVE_TO_FILE,
            PAUSE,
            BATCHES,
            SERVICE_ROLE,
        ],
        invoke_loop: "invokeByDownloadFileAndRunCommand",
        rollback_loop: "rollbackByDownloadFileAndRunCommand",
        standby: false,
        selects_by_lifecycle_state: false,
        tags_instances: true,
        lifecycle_hook: Some("ACS-ESS-LifeCycleDownloadFileAndRunCommand"),
        configuration: ConfigurationChange::None,
        group: GroupKind::Ecs,
        work: Work::DownloadFile,
        child_action: "ACS::ESS::DownloadFileAndRunCommand",
    },
    Definition {
        name: "ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand",
        description: "Rolling update ECS instances in a scaling group by downloading an OSS file \
                      and running a command",
        params: &[
            INVOKE_TYPE,
            GROUP,
            ENTER,
            EXIT,
            param("invokeBucketName", Kind::String, Fallback::Required),
            param("invokeObjectName", Kind::String, Fallback::Required),
            INVOKE_DIR,
            INVOKE_SCRIPT,
            param("rollbackBucketName", Kind::String, Fallback::Required),
            param("rollbackObjectName", Kind::String, Fallback::Required),
            ROLLBACK_DIR,
            ROLLBACK_SCRIPT,
            SOURCE,
            SAVE_TO_FILE,
            param("URLExpirationTime", Kind::Number, Fallback::Number(6000)),
            param("OSSRegion", Kind::String, Fallback::ExecutionRegion),
            PAUSE,
            BATCHES,
            SERVICE_ROLE,
        ],
        invoke_loop: "invokeByDownloadOSSFileAndRunCommand",
        rollback_loop: "rollbackByDownloadOSSFileAndRunCommand",
        standby: false,
        selects_by_lifecycle_state: false,
        tags_instances: true,
        lifecycle_hook: Some("ACS-ESS-LifeCycleDownloadOSSFileAndRunCommand"),
        configuration: ConfigurationChange::None,
        group: GroupKind::Ecs,
        work: Work::DownloadOssFile,
        child_action: "ACS::ESS::DownloadOSSFileAndRunCommand",
    },
    Definition {
        name: "ACS-ESS-RollingUpdateByUpdateContainerGroup",
        description: "Rolling update ECI instances in a scaling group by updating the container \
                      group",
        params: &[
            INVOKE_TYPE,
            GROUP,
            ENTER,
            EXIT,
            param("containerConfigure", Kind::Json, Fallback::Required),
            param("sourceContainerConfigure", Kind::Json, Fallback::EmptyObject),
            choice(
                "updateType",
                &["RenewUpdate", "IncrementalUpdate"],
                Fallback::Text("IncrementalUpdate"),
            ),
            SOURCE,
            param("scalingConfigurationId", Kind::String, Fallback::Required),
            PAUSE,
            BATCHES,
            MAX_ERRORS,
            ROLE,
        ],
        invoke_loop: "invokeByUpdateContainerGroup",
        rollback_loop: "rollbackByUpdateContainerGroup",
        standby: true,
        selects_by_lifecycle_state: false,
        tags_instances: false,
        lifecycle_hook: None,
        configuration: ConfigurationChange::EciContainers,
        group: GroupKind::Eci,
        work: Work::UpdateContainers,
        child_action: "ACS::ESS::UpdateContainerGroup",
    },
];

/// The template called `name`.
pub fn find(name: &str) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.name == name)
}

/// Why OOS refuses a StartExecution's parameters: its error code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// `MissingParameter` or `InvalidParameter`.
    pub code: &'static str,
    /// The message, naming the parameter.
    pub message: String,
}

fn invalid(name: &str, why: impl std::fmt::Display) -> Refusal {
    Refusal {
        code: "InvalidParameter",
        message: format!("The template parameter \"{name}\" is invalid: {why}"),
    }
}

impl Definition {
    /// The parameter called `name`.
    pub fn param(&self, name: &str) -> Option<&'static Param> {
        self.params.iter().find(|p| p.name == name)
    }

    /// Checks `given` (the StartExecution's `Parameters`) the way OOS checks it against the
    /// declarations, and returns every parameter with the defaults filled in, in `region`.
    pub fn check(&self, given: &Value, region: &str) -> Result<Map<String, Value>, Refusal> {
        let Some(given) = given.as_object() else {
            return Err(Refusal {
                code: "InvalidParameter",
                message: "The parameter \"Parameters\" must be a JSON object.".into(),
            });
        };
        if let Some(unknown) = given.keys().find(|k| self.param(k).is_none()) {
            return Err(invalid(unknown, format!("it is not defined in template {}", self.name)));
        }
        let mut out = Map::new();
        for p in self.params {
            let value = match given.get(p.name) {
                Some(v) => v.clone(),
                None => p.default.value(region).ok_or_else(|| Refusal {
                    code: "MissingParameter",
                    message: format!("The template parameter \"{}\" is required.", p.name),
                })?,
            };
            check_value(p, &value)?;
            out.insert(p.name.to_owned(), value);
        }
        Ok(out)
    }

    /// The template text `GetTemplate` serves: the declarations, the loop tasks by name.
    pub fn content(&self, region: &str) -> String {
        let mut params = Map::new();
        for p in self.params {
            let mut spec = json!({"Type": p.kind.name()});
            if let Some(d) = p.default.value(region) {
                spec["Default"] = match p.default {
                    Fallback::ExecutionRegion => json!("{{ ACS::RegionId }}"),
                    _ => d,
                };
            }
            if !p.allowed.is_empty() {
                spec["AllowedValues"] = json!(p.allowed);
            }
            if let Some((min, max)) = p.range {
                spec["MinValue"] = json!(min);
                spec["MaxValue"] = json!(max);
            }
            params.insert(p.name.to_owned(), spec);
        }
        let tasks: Vec<Value> = [self.invoke_loop, self.rollback_loop]
            .iter()
            .map(|name| json!({"Name": name, "Loop": {"BatchPauseOption": "{{ batchPauseOption }}"}}))
            .collect();
        json!({
            "FormatVersion": "OOS-2019-06-01",
            "Description": format!("{} (the simulator's summary; the real text has every task)",
                self.description),
            "Parameters": params,
            "RamRole": "{{ OOSAssumeRole }}",
            "Tasks": tasks,
        })
        .to_string()
    }
}

fn check_value(p: &Param, value: &Value) -> Result<(), Refusal> {
    if !p.kind.accepts(value) {
        return Err(invalid(p.name, format!("it must be of type {}, got {value}", p.kind.name())));
    }
    if let Some(text) = value.as_str()
        && !p.allowed.is_empty()
        && !p.allowed.contains(&text)
    {
        return Err(invalid(p.name, format!("{text:?} is not one of {}", p.allowed.join(", "))));
    }
    if let (Some((min, max)), Some(n)) = (p.range, value.as_f64())
        && (n < min as f64 || n > max as f64)
    {
        return Err(invalid(p.name, format!("{n} is outside {min}..{max}")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image() -> &'static Definition {
        find("ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup").expect("image is known")
    }

    #[test]
    fn six_templates_with_distinct_names_and_loop_tasks() {
        let mut names: Vec<&str> = DEFINITIONS.iter().map(|d| d.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 6);
        for d in &DEFINITIONS {
            assert!(d.invoke_loop.starts_with("invokeBy"), "{}", d.name);
            assert!(d.rollback_loop.starts_with("rollbackBy"), "{}", d.name);
            for shared in [
                "invokeType",
                "scalingGroupId",
                "enterProcess",
                "exitProcess",
                "sourceExecutionId",
                "batchPauseOption",
                "batchNumber",
                "OOSAssumeRole",
            ] {
                assert!(d.param(shared).is_some(), "{} lacks {shared}", d.name);
            }
        }
    }

    #[test]
    fn defaults_are_filled_in() {
        let out = image()
            .check(&json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}), "cn-hangzhou")
            .expect("accepted");
        assert_eq!(out["batchNumber"], json!(5));
        assert_eq!(out["lifecycleState"], json!(["InService"]));
        assert_eq!(out["enterProcess"], json!(ALL_PROCESSES));
        assert_eq!(out["imageId"], json!(""), "an empty image is OOS's business at run time");
    }

    #[test]
    fn what_oos_refuses() {
        let refuse = |params: Value| image().check(&params, "cn-hangzhou").expect_err("refused");
        let missing = refuse(json!({"invokeType": "invoke"}));
        assert_eq!(missing.code, "MissingParameter");
        assert!(missing.message.contains("scalingGroupId"), "{}", missing.message);
        let base = |k: &str, v: Value| {
            let mut p = json!({"invokeType": "invoke", "scalingGroupId": "asg-1"});
            p[k] = v;
            p
        };
        for (key, value, says) in [
            ("batchNumber", json!(0), "outside 1..100"),
            ("batchNumber", json!(101), "outside 1..100"),
            ("batchNumber", json!("5"), "type Number"),
            ("batchPauseOption", json!("Never"), "not one of"),
            ("invokeType", json!("undo"), "not one of"),
            ("enterProcess", json!("ScaleIn"), "type List"),
            ("nonsense", json!(1), "not defined"),
        ] {
            let r = refuse(base(key, value));
            assert_eq!(r.code, "InvalidParameter", "{key}");
            assert!(r.message.contains(key) && r.message.contains(says), "{key}: {}", r.message);
        }
    }

    #[test]
    fn the_new_kinds_are_checked() {
        let oss = find("ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand").expect("known");
        let mut p = json!({
            "invokeType": "invoke", "scalingGroupId": "asg-1",
            "invokeBucketName": "b", "invokeObjectName": "o", "invokeDestinationDir": "/tmp",
            "rollbackBucketName": "b", "rollbackObjectName": "o0",
            "rollbackDestinationDir": "/tmp",
        });
        let out = oss.check(&p, "cn-shanghai").expect("accepted");
        assert_eq!(out["OSSRegion"], json!("cn-shanghai"), "defaults to the execution's region");
        assert_eq!(out["whetherSaveToFile"], json!(true));
        p["whetherSaveToFile"] = json!("yes");
        assert!(oss.check(&p, "cn-shanghai").is_err(), "a Boolean must be a Boolean");
        let eci = find("ACS-ESS-RollingUpdateByUpdateContainerGroup").expect("known");
        let mut c = json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
            "scalingConfigurationId": "asc-1", "containerConfigure": [{"Name": "web"}]});
        let out = eci.check(&c, "cn-hangzhou").expect("accepted");
        assert_eq!(out["sourceContainerConfigure"], json!({}));
        c["containerConfigure"] = json!("web");
        assert!(eci.check(&c, "cn-hangzhou").is_err(), "a Json parameter is an object or array");
    }

    #[test]
    fn the_content_declares_every_parameter() {
        for d in &DEFINITIONS {
            let content: Value =
                serde_json::from_str(&d.content("cn-hangzhou")).expect("content is JSON");
            let declared = content["Parameters"].as_object().expect("parameters");
            assert_eq!(declared.len(), d.params.len(), "{}", d.name);
        }
    }
}
