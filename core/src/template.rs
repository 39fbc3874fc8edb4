//! The three public rolling-update templates and what each of their parameters means.
//!
//! Everything the rest of the crate knows about a parameter (its JSON type, allowed values,
//! default, label, description, and whether a mode uses it) lives in the tables of this module.
//! Validation, the JSON Schemas, the plugin's flags and the browser form are all driven by them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// One of the three public OOS templates that roll an update through an ESS scaling group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Template {
    /// `ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup`: replace the system disk image.
    Image,
    /// `ACS-ESS-RollingUpdateByRunCommandInScalingGroup`: run a script.
    Command,
    /// `ACS-ESS-RollingUpdateByConfigureOOSPackage`: install or uninstall an OOS package.
    Package,
}

impl Template {
    /// The three templates, in a stable order.
    pub const ALL: [Template; 3] = [Template::Image, Template::Command, Template::Package];

    /// The template's full name, as OOS knows it.
    pub const fn name(self) -> &'static str {
        match self {
            Template::Image => "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup",
            Template::Command => "ACS-ESS-RollingUpdateByRunCommandInScalingGroup",
            Template::Package => "ACS-ESS-RollingUpdateByConfigureOOSPackage",
        }
    }

    /// The short name this product accepts wherever a template is named.
    pub const fn short_name(self) -> &'static str {
        match self {
            Template::Image => "image",
            Template::Command => "command",
            Template::Package => "package",
        }
    }

    /// A one-line title for people.
    pub const fn title(self) -> &'static str {
        match self {
            Template::Image => "Rolling update: replace the system disk image",
            Template::Command => "Rolling update: run a script",
            Template::Package => "Rolling update: install or uninstall an OOS package",
        }
    }

    /// What the template does, in a sentence.
    pub const fn description(self) -> &'static str {
        match self {
            Template::Image => {
                "Puts each instance of the scaling group in Standby, replaces its system disk with \
                 a new image, starts it and returns it to service, batch by batch."
            }
            Template::Command => {
                "Puts each instance of the scaling group in Standby, runs a Cloud Assistant script \
                 on it and returns it to service, batch by batch."
            }
            Template::Package => {
                "Puts each instance of the scaling group in Standby, installs or uninstalls an OOS \
                 package on it and returns it to service, batch by batch."
            }
        }
    }

    /// The parameters of this template, in the order the template lists them.
    pub fn params(self) -> impl Iterator<Item = &'static ParamSpec> {
        PARAMS.iter().filter(move |p| p.templates.contains(&self))
    }

    /// The parameter spelled exactly `key`, if this template has one.
    pub fn param(self, key: &str) -> Option<&'static ParamSpec> {
        self.param_index(key).map(|i| &PARAMS[i])
    }

    /// The position in [`PARAMS`] of the parameter spelled exactly `key`, if this template has
    /// one. A `match` on the spelling: validation looks every key up, so this is its hot path.
    pub fn param_index(self, key: &str) -> Option<usize> {
        let index = match key {
            "invokeType" => 0,
            "scalingGroupId" => 1,
            "scalingConfigurationId" => 2,
            "imageId" => 3,
            "sourceImageId" => 4,
            "maxErrors" => 5,
            "commandType" => 6,
            "invokeScript" => 7,
            "rollbackScript" => 8,
            "packageName" => 9,
            "packageVersion" => 10,
            "action" => 11,
            "OOSAssumeRole" => 12,
            "enterProcess" => 13,
            "exitProcess" => 14,
            "lifecycleState" => 15,
            "sourceExecutionId" => 16,
            "batchNumber" => 17,
            "batchPauseOption" => 18,
            _ => return None,
        };
        PARAMS[index].templates.contains(&self).then_some(index)
    }

    /// Parses a template from its short or full name (case-insensitive).
    pub fn from_name(name: &str) -> Result<Template, UnknownTemplate> {
        let wanted = name.trim();
        Template::ALL
            .into_iter()
            .find(|t| {
                wanted.eq_ignore_ascii_case(t.short_name()) || wanted.eq_ignore_ascii_case(t.name())
            })
            .ok_or_else(|| UnknownTemplate(name.to_owned()))
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Template {
    type Err = UnknownTemplate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Template::from_name(s)
    }
}

/// A template name that is none of the three.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown template `{0}`: expected image, command, package or one of their full names \
     (ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup, \
     ACS-ESS-RollingUpdateByRunCommandInScalingGroup, ACS-ESS-RollingUpdateByConfigureOOSPackage)"
)]
pub struct UnknownTemplate(pub String);

/// The two modes of every template: run the update, or undo an earlier run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InvokeType {
    /// Run the update.
    Invoke,
    /// Undo the instances of an earlier `invoke` execution (`sourceExecutionId`).
    Rollback,
}

impl InvokeType {
    /// Both modes.
    pub const ALL: [InvokeType; 2] = [InvokeType::Invoke, InvokeType::Rollback];

    /// The value as the template spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            InvokeType::Invoke => "invoke",
            InvokeType::Rollback => "rollback",
        }
    }

    /// Parses the template's spelling (case-sensitive, as OOS is).
    pub fn from_value(s: &str) -> Option<InvokeType> {
        InvokeType::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

impl fmt::Display for InvokeType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The JSON type a parameter takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ParamKind {
    /// A JSON string.
    String,
    /// A JSON number with no fractional part (the template's `Number`).
    Integer,
    /// A JSON array of strings (the template's `List`).
    StringList,
}

/// How a mode treats a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Relevance {
    /// The key must be present (the template itself requires it).
    Required,
    /// The key must be present and not empty: the run cannot do its work without it.
    RequiredNonEmpty,
    /// Used when given; the default applies otherwise.
    Optional,
    /// Not used by this run, but kept in the execution's parameters so that a later rollback
    /// can read it (the rollback image or script recorded at invoke time).
    Recorded,
    /// The mode does not read it.
    Ignored,
}

impl Relevance {
    /// Whether the key must be present.
    pub const fn is_required(self) -> bool {
        matches!(self, Relevance::Required | Relevance::RequiredNonEmpty)
    }
}

/// One allowed value of a parameter, with what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The value exactly as the template spells it.
    pub value: &'static str,
    /// What choosing it does.
    pub description: &'static str,
}

/// A parameter's default, as the template declares it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum DefaultValue {
    /// No default: the key is required.
    None,
    /// A string default (often empty).
    Str(&'static str),
    /// A number default.
    Int(i64),
    /// A list default.
    List(&'static [&'static str]),
}

impl DefaultValue {
    /// The default as JSON, or `None` when the parameter has none.
    pub fn to_json(self) -> Option<serde_json::Value> {
        match self {
            DefaultValue::None => None,
            DefaultValue::Str(s) => Some(serde_json::Value::from(s)),
            DefaultValue::Int(n) => Some(serde_json::Value::from(n)),
            DefaultValue::List(items) => Some(serde_json::Value::from(items.to_vec())),
        }
    }
}

/// Everything known about one template parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ParamSpec {
    /// The key, spelled exactly as the template spells it.
    pub key: &'static str,
    /// The plugin's flag for it, without the leading `--`.
    pub flag: &'static str,
    /// A short label for forms.
    pub label: &'static str,
    /// What the parameter does.
    pub description: &'static str,
    /// Its JSON type.
    pub kind: ParamKind,
    /// The allowed values (of the string, or of each list item); empty when free-form.
    pub choices: &'static [Choice],
    /// The template's default.
    pub default: DefaultValue,
    /// Smallest allowed number.
    pub min: Option<i64>,
    /// Largest allowed number.
    pub max: Option<i64>,
    /// The prefix every non-empty value must start with (resource IDs).
    pub id_prefix: Option<&'static str>,
    /// The templates that have this parameter.
    #[serde(skip)]
    pub templates: &'static [Template],
    /// How `invokeType=invoke` treats it.
    pub invoke: Relevance,
    /// How `invokeType=rollback` treats it.
    pub rollback: Relevance,
}

impl ParamSpec {
    /// How the given mode treats this parameter.
    pub const fn relevance(&self, mode: InvokeType) -> Relevance {
        match mode {
            InvokeType::Invoke => self.invoke,
            InvokeType::Rollback => self.rollback,
        }
    }

    /// Whether `value` is one of the allowed values (always true for free-form parameters).
    pub fn allows(&self, value: &str) -> bool {
        self.choices.is_empty() || self.choices.iter().any(|c| c.value == value)
    }

    /// The template that owns this parameter when only one does.
    pub fn sole_template(&self) -> Option<Template> {
        match self.templates {
            [only] => Some(*only),
            _ => None,
        }
    }
}

/// The parameters every template has.
const ALL_TEMPLATES: &[Template] = &[Template::Image, Template::Command, Template::Package];

/// The scaling processes ESS can suspend and resume.
pub const SCALING_PROCESSES: &[Choice] = &[
    Choice { value: "ScaleIn", description: "Scale-in activities (removing instances)" },
    Choice { value: "ScaleOut", description: "Scale-out activities (adding instances)" },
    Choice { value: "HealthCheck", description: "Health checks that replace unhealthy instances" },
    Choice { value: "AlarmNotification", description: "Scaling triggered by CloudMonitor alarms" },
    Choice { value: "ScheduledAction", description: "Scheduled scaling tasks" },
];

const ALL_PROCESSES: &[&str] =
    &["ScaleIn", "ScaleOut", "HealthCheck", "AlarmNotification", "ScheduledAction"];

/// The lifecycle states a rolling update can select instances by.
pub const LIFECYCLE_STATES: &[Choice] = &[
    Choice { value: "InService", description: "Instances serving traffic" },
    Choice {
        value: "Protected",
        description: "Protected instances (unprotected for the update, protected again after)",
    },
];

/// When the update pauses for approval.
pub const BATCH_PAUSE_OPTIONS: &[Choice] = &[
    Choice { value: "Automatic", description: "Run every batch without pausing" },
    Choice {
        value: "FirstBatchPause",
        description: "Pause after the first batch until approved, then run the rest",
    },
    Choice { value: "EveryBatchPause", description: "Pause after every batch until approved" },
];

/// The two modes, as choices.
pub const INVOKE_TYPES: &[Choice] = &[
    Choice { value: "invoke", description: "Run the update" },
    Choice {
        value: "rollback",
        description: "Undo the instances of an earlier invoke execution (needs sourceExecutionId)",
    },
];

/// Script types Cloud Assistant runs.
pub const COMMAND_TYPES: &[Choice] = &[
    Choice { value: "RunBatScript", description: "A Windows batch (cmd) script" },
    Choice { value: "RunPowerShellScript", description: "A Windows PowerShell script" },
    Choice { value: "RunShellScript", description: "A Linux shell script" },
];

/// What to do with an OOS package.
pub const PACKAGE_ACTIONS: &[Choice] = &[
    Choice { value: "install", description: "Install the package (or the given version)" },
    Choice { value: "uninstall", description: "Uninstall the package" },
];

use Relevance::{Ignored, Optional, Recorded, Required, RequiredNonEmpty};

/// Every parameter of the three templates (oos-api notes §5.1–5.2), in template order.
/// [`Template::param_index`] spells out the same order; a test keeps the two in step.
pub static PARAMS: [ParamSpec; 19] = [
    ParamSpec {
        key: "invokeType",
        flag: "invoke-type",
        label: "Invoke type",
        description: "invoke runs the update; rollback undoes an earlier invoke execution.",
        kind: ParamKind::String,
        choices: INVOKE_TYPES,
        default: DefaultValue::None,
        min: None,
        max: None,
        id_prefix: None,
        templates: ALL_TEMPLATES,
        invoke: Required,
        rollback: Required,
    },
    ParamSpec {
        key: "scalingGroupId",
        flag: "scaling-group-id",
        label: "Scaling group ID",
        description: "The scaling group whose instances are updated (asg-...).",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::None,
        min: None,
        max: None,
        id_prefix: Some("asg-"),
        templates: ALL_TEMPLATES,
        invoke: RequiredNonEmpty,
        rollback: RequiredNonEmpty,
    },
    ParamSpec {
        key: "scalingConfigurationId",
        flag: "scaling-configuration-id",
        label: "Scaling configuration ID",
        description: "If set, this scaling configuration's image is changed to imageId before the \
                      batches run, so new instances also get the new image (asc-...). A rollback \
                      does not change it back.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: Some("asc-"),
        templates: &[Template::Image],
        invoke: Optional,
        rollback: Ignored,
    },
    ParamSpec {
        key: "imageId",
        flag: "image-id",
        label: "New image ID",
        description: "The image each instance's system disk is replaced with.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Image],
        invoke: RequiredNonEmpty,
        rollback: Ignored,
    },
    ParamSpec {
        key: "sourceImageId",
        flag: "source-image-id",
        label: "Rollback image ID",
        description: "The image a rollback puts back on each instance (the image before the \
                      update). Recorded at invoke time so the rollback can find it.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Image],
        invoke: Recorded,
        rollback: RequiredNonEmpty,
    },
    ParamSpec {
        key: "maxErrors",
        flag: "max-errors",
        label: "Tolerated failures",
        description: "How many instances may fail before the update stops (0 stops at the first \
                      failure).",
        kind: ParamKind::Integer,
        choices: &[],
        default: DefaultValue::Int(0),
        min: Some(0),
        max: Some(u32::MAX as i64),
        id_prefix: None,
        templates: &[Template::Image],
        invoke: Optional,
        rollback: Optional,
    },
    ParamSpec {
        key: "commandType",
        flag: "command-type",
        label: "Command type",
        description: "The kind of script to run. A rollback always runs RunShellScript.",
        kind: ParamKind::String,
        choices: COMMAND_TYPES,
        default: DefaultValue::Str("RunShellScript"),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Command],
        invoke: Optional,
        rollback: Ignored,
    },
    ParamSpec {
        key: "invokeScript",
        flag: "invoke-script",
        label: "Script",
        description: "The script run on each instance by an invoke execution.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Command],
        invoke: RequiredNonEmpty,
        rollback: Ignored,
    },
    ParamSpec {
        key: "rollbackScript",
        flag: "rollback-script",
        label: "Rollback script",
        description: "The shell script run on each instance by a rollback. Recorded at invoke \
                      time so the rollback can find it.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Command],
        invoke: Recorded,
        rollback: RequiredNonEmpty,
    },
    ParamSpec {
        key: "packageName",
        flag: "package-name",
        label: "Package name",
        description: "The OOS package to configure on each instance.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::None,
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Package],
        invoke: RequiredNonEmpty,
        rollback: RequiredNonEmpty,
    },
    ParamSpec {
        key: "packageVersion",
        flag: "package-version",
        label: "Package version",
        description: "The package version; empty means the latest. A rollback applies the \
                      version it is given (for example the previous one).",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Package],
        invoke: Optional,
        rollback: Optional,
    },
    ParamSpec {
        key: "action",
        flag: "action",
        label: "Package action",
        description: "Whether to install or uninstall the package.",
        kind: ParamKind::String,
        choices: PACKAGE_ACTIONS,
        default: DefaultValue::Str("install"),
        min: None,
        max: None,
        id_prefix: None,
        templates: &[Template::Package],
        invoke: Optional,
        rollback: Optional,
    },
    ParamSpec {
        key: "OOSAssumeRole",
        flag: "oos-assume-role",
        label: "OOS assume role",
        description: "The RAM role OOS assumes to run the update; empty runs it with the \
                      caller's own permissions.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: None,
        templates: ALL_TEMPLATES,
        invoke: Optional,
        rollback: Optional,
    },
    ParamSpec {
        key: "enterProcess",
        flag: "enter-process",
        label: "Processes to suspend",
        description: "Scaling processes suspended when the update starts, so scaling does not \
                      fight it.",
        kind: ParamKind::StringList,
        choices: SCALING_PROCESSES,
        default: DefaultValue::List(ALL_PROCESSES),
        min: None,
        max: None,
        id_prefix: None,
        templates: ALL_TEMPLATES,
        invoke: Optional,
        rollback: Ignored,
    },
    ParamSpec {
        key: "exitProcess",
        flag: "exit-process",
        label: "Processes to resume",
        description: "Scaling processes resumed when the update ends.",
        kind: ParamKind::StringList,
        choices: SCALING_PROCESSES,
        default: DefaultValue::List(ALL_PROCESSES),
        min: None,
        max: None,
        id_prefix: None,
        templates: ALL_TEMPLATES,
        invoke: Optional,
        rollback: Ignored,
    },
    ParamSpec {
        key: "lifecycleState",
        flag: "lifecycle-state",
        label: "Lifecycle states",
        description: "Only instances in these lifecycle states are updated.",
        kind: ParamKind::StringList,
        choices: LIFECYCLE_STATES,
        default: DefaultValue::List(&["InService"]),
        min: None,
        max: None,
        id_prefix: None,
        templates: ALL_TEMPLATES,
        invoke: Optional,
        rollback: Ignored,
    },
    ParamSpec {
        key: "sourceExecutionId",
        flag: "source-execution-id",
        label: "Source execution ID",
        description: "For a rollback: the ID of the invoke execution to undo (exec-...), as its \
                      StartExecution returned it.",
        kind: ParamKind::String,
        choices: &[],
        default: DefaultValue::Str(""),
        min: None,
        max: None,
        id_prefix: Some("exec-"),
        templates: ALL_TEMPLATES,
        invoke: Ignored,
        rollback: RequiredNonEmpty,
    },
    ParamSpec {
        key: "batchNumber",
        flag: "batch-number",
        label: "Number of batches",
        description: "How many batches the instances are split into (1-100); each batch holds \
                      at least one instance.",
        kind: ParamKind::Integer,
        choices: &[],
        default: DefaultValue::Int(5),
        min: Some(1),
        max: Some(100),
        id_prefix: None,
        templates: ALL_TEMPLATES,
        invoke: Optional,
        rollback: Optional,
    },
    ParamSpec {
        key: "batchPauseOption",
        flag: "batch-pause-option",
        label: "Pause between batches",
        description: "Whether the update waits for approval after the first batch, after \
                      every batch, or never.",
        kind: ParamKind::String,
        choices: BATCH_PAUSE_OPTIONS,
        default: DefaultValue::Str("Automatic"),
        min: None,
        max: None,
        id_prefix: None,
        templates: ALL_TEMPLATES,
        invoke: Optional,
        rollback: Optional,
    },
];

/// The JSON Pointer of each parameter of [`PARAMS`], in the same order, so findings about a
/// top-level key need no allocation.
pub static POINTERS: [&str; PARAMS.len()] = [
    "/invokeType",
    "/scalingGroupId",
    "/scalingConfigurationId",
    "/imageId",
    "/sourceImageId",
    "/maxErrors",
    "/commandType",
    "/invokeScript",
    "/rollbackScript",
    "/packageName",
    "/packageVersion",
    "/action",
    "/OOSAssumeRole",
    "/enterProcess",
    "/exitProcess",
    "/lifecycleState",
    "/sourceExecutionId",
    "/batchNumber",
    "/batchPauseOption",
];

/// The JSON Pointer of a parameter of [`PARAMS`].
pub fn pointer_of(spec: &ParamSpec) -> &'static str {
    PARAMS.iter().position(|p| std::ptr::eq(p, spec)).map_or("", |index| POINTERS[index])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_follow_the_table() {
        for (spec, pointer) in PARAMS.iter().zip(POINTERS) {
            assert_eq!(pointer, format!("/{}", spec.key));
            assert_eq!(pointer_of(spec), pointer);
        }
    }

    #[test]
    fn param_index_follows_the_table() {
        for template in Template::ALL {
            for (index, spec) in PARAMS.iter().enumerate() {
                let expected = spec.templates.contains(&template).then_some(index);
                assert_eq!(template.param_index(spec.key), expected, "{template} {}", spec.key);
            }
            assert_eq!(template.param_index("scalingGroupID"), None);
        }
    }

    #[test]
    fn templates_parse_from_short_and_full_names() {
        for template in Template::ALL {
            assert_eq!(Template::from_name(template.short_name()), Ok(template));
            assert_eq!(Template::from_name(template.name()), Ok(template));
            assert_eq!(template.name().parse::<Template>(), Ok(template));
        }
        assert!(Template::from_name("images").is_err());
    }
}
