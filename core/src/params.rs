//! The typed parameters of the three templates.
//!
//! Every optional field is an `Option`: `None` means "not given", so a payload serializes back
//! with exactly the keys it came with and no defaults added. Build these values with
//! [`crate::validate::validate`], which explains what is wrong with a payload instead of failing
//! on the first problem.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::template::{InvokeType, Template};

/// A scaling process ESS can suspend and resume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum ScalingProcess {
    /// Scale-in activities.
    ScaleIn,
    /// Scale-out activities.
    ScaleOut,
    /// Health checks.
    HealthCheck,
    /// Alarm-triggered scaling.
    AlarmNotification,
    /// Scheduled scaling.
    ScheduledAction,
}

/// A lifecycle state instances can be selected by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum LifecycleState {
    /// Serving.
    InService,
    /// Protected from scale-in.
    Protected,
}

/// When the update pauses for approval.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum BatchPauseOption {
    /// Never pause.
    Automatic,
    /// Pause after the first batch.
    FirstBatchPause,
    /// Pause after every batch.
    EveryBatchPause,
}

/// The script type of the command template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub enum CommandType {
    /// A Windows batch script.
    RunBatScript,
    /// A Windows PowerShell script.
    RunPowerShellScript,
    /// A Linux shell script.
    RunShellScript,
}

/// What the package template does with the package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PackageAction {
    /// Install it.
    Install,
    /// Uninstall it.
    Uninstall,
}

/// `parse` and `as_str` in the template's spelling, for enums whose serde names are the same.
macro_rules! spelled {
    ($name:ident { $($variant:ident = $text:literal),* $(,)? }) => {
        impl $name {
            /// Parses the template's spelling (case-sensitive).
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The template's spelling.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }
    };
}

spelled!(ScalingProcess {
    ScaleIn = "ScaleIn",
    ScaleOut = "ScaleOut",
    HealthCheck = "HealthCheck",
    AlarmNotification = "AlarmNotification",
    ScheduledAction = "ScheduledAction",
});
spelled!(LifecycleState { InService = "InService", Protected = "Protected" });
spelled!(BatchPauseOption {
    Automatic = "Automatic",
    FirstBatchPause = "FirstBatchPause",
    EveryBatchPause = "EveryBatchPause",
});
spelled!(CommandType {
    RunBatScript = "RunBatScript",
    RunPowerShellScript = "RunPowerShellScript",
    RunShellScript = "RunShellScript",
});
spelled!(PackageAction { Install = "install", Uninstall = "uninstall" });

/// The parameters all three templates share.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommonParams {
    /// Run the update, or undo an earlier one.
    pub invoke_type: InvokeType,
    /// The scaling group.
    pub scaling_group_id: String,
    /// Processes suspended at the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enter_process: Option<Vec<ScalingProcess>>,
    /// Processes resumed at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exit_process: Option<Vec<ScalingProcess>>,
    /// Lifecycle states of the instances to update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_state: Option<Vec<LifecycleState>>,
    /// The invoke execution a rollback undoes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_execution_id: Option<String>,
    /// When to pause.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_pause_option: Option<BatchPauseOption>,
    /// How many batches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_number: Option<u32>,
    /// The RAM role OOS assumes.
    #[serde(rename = "OOSAssumeRole", default, skip_serializing_if = "Option::is_none")]
    pub oos_assume_role: Option<String>,
}

/// Parameters of `ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImageParams {
    /// The shared parameters.
    #[serde(flatten)]
    pub common: CommonParams,
    /// The scaling configuration whose image is changed first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scaling_configuration_id: Option<String>,
    /// The new image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_id: Option<String>,
    /// The image a rollback restores.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_image_id: Option<String>,
    /// Failures tolerated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_errors: Option<u32>,
}

/// Parameters of `ACS-ESS-RollingUpdateByRunCommandInScalingGroup`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct CommandParams {
    /// The shared parameters.
    #[serde(flatten)]
    pub common: CommonParams,
    /// The script type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command_type: Option<CommandType>,
    /// The script an invoke runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoke_script: Option<String>,
    /// The script a rollback runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback_script: Option<String>,
}

/// Parameters of `ACS-ESS-RollingUpdateByConfigureOOSPackage`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct PackageParams {
    /// The shared parameters.
    #[serde(flatten)]
    pub common: CommonParams,
    /// The package.
    pub package_name: String,
    /// The package version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_version: Option<String>,
    /// Install or uninstall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<PackageAction>,
}

/// Validated parameters of one of the three templates.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateParams {
    /// The image template.
    Image(ImageParams),
    /// The command template.
    Command(CommandParams),
    /// The package template.
    Package(PackageParams),
}

impl TemplateParams {
    /// The template these parameters belong to.
    pub fn template(&self) -> Template {
        match self {
            TemplateParams::Image(_) => Template::Image,
            TemplateParams::Command(_) => Template::Command,
            TemplateParams::Package(_) => Template::Package,
        }
    }

    /// The parameters shared by every template.
    pub fn common(&self) -> &CommonParams {
        match self {
            TemplateParams::Image(p) => &p.common,
            TemplateParams::Command(p) => &p.common,
            TemplateParams::Package(p) => &p.common,
        }
    }

    /// The parameters shared by every template, mutably.
    pub fn common_mut(&mut self) -> &mut CommonParams {
        match self {
            TemplateParams::Image(p) => &mut p.common,
            TemplateParams::Command(p) => &mut p.common,
            TemplateParams::Package(p) => &mut p.common,
        }
    }

    /// The mode.
    pub fn invoke_type(&self) -> InvokeType {
        self.common().invoke_type
    }

    /// The parameters as a JSON object, with the template's key spellings.
    pub fn to_json(&self) -> serde_json::Value {
        let value = match self {
            TemplateParams::Image(p) => serde_json::to_value(p),
            TemplateParams::Command(p) => serde_json::to_value(p),
            TemplateParams::Package(p) => serde_json::to_value(p),
        };
        // Plain structs of strings, numbers and enums always serialize.
        value.unwrap_or(serde_json::Value::Null)
    }

    /// The compact JSON string the `Parameters` argument of StartExecution takes.
    pub fn to_parameters_string(&self) -> String {
        self.to_json().to_string()
    }

    /// Builds the typed parameters from a payload that [`crate::validate::validate`] found free
    /// of errors. Reads the checked JSON directly: no second parse, no copy of the payload.
    pub(crate) fn from_checked<'a>(
        template: Template,
        get: impl Fn(&str) -> Option<&'a Value>,
    ) -> Result<TemplateParams, &'static str> {
        let text = |key: &str| get(key).and_then(Value::as_str).map(str::to_owned);
        let number = |key: &str| {
            get(key).and_then(Value::as_f64).map(|n| n.clamp(0.0, f64::from(u32::MAX)) as u32)
        };
        fn list<T>(value: Option<&Value>, parse: fn(&str) -> Option<T>) -> Option<Vec<T>> {
            value
                .and_then(Value::as_array)
                .map(|items| items.iter().filter_map(|v| v.as_str().and_then(parse)).collect())
        }
        let common = CommonParams {
            invoke_type: text("invokeType")
                .as_deref()
                .and_then(InvokeType::from_value)
                .ok_or("invokeType")?,
            scaling_group_id: text("scalingGroupId").ok_or("scalingGroupId")?,
            enter_process: list(get("enterProcess"), ScalingProcess::parse),
            exit_process: list(get("exitProcess"), ScalingProcess::parse),
            lifecycle_state: list(get("lifecycleState"), LifecycleState::parse),
            source_execution_id: text("sourceExecutionId"),
            batch_pause_option: text("batchPauseOption")
                .as_deref()
                .and_then(BatchPauseOption::parse),
            batch_number: number("batchNumber"),
            oos_assume_role: text("OOSAssumeRole"),
        };
        Ok(match template {
            Template::Image => TemplateParams::Image(ImageParams {
                common,
                scaling_configuration_id: text("scalingConfigurationId"),
                image_id: text("imageId"),
                source_image_id: text("sourceImageId"),
                max_errors: number("maxErrors"),
            }),
            Template::Command => TemplateParams::Command(CommandParams {
                common,
                command_type: text("commandType").as_deref().and_then(CommandType::parse),
                invoke_script: text("invokeScript"),
                rollback_script: text("rollbackScript"),
            }),
            Template::Package => TemplateParams::Package(PackageParams {
                common,
                package_name: text("packageName").ok_or("packageName")?,
                package_version: text("packageVersion"),
                action: text("action").as_deref().and_then(PackageAction::parse),
            }),
        })
    }
}
