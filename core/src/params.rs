//! The typed parameters of the three templates.
//!
//! Every optional field is an `Option`: `None` means "not given", so a payload serializes back
//! with exactly the keys it came with and no defaults added. Build these values with
//! [`crate::validate::validate`], which explains what is wrong with a payload instead of failing
//! on the first problem.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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

    /// Deserializes a payload that [`crate::validate::validate`] found free of errors.
    pub(crate) fn from_checked(
        template: Template,
        payload: serde_json::Value,
    ) -> Result<TemplateParams, serde_json::Error> {
        Ok(match template {
            Template::Image => TemplateParams::Image(serde_json::from_value(payload)?),
            Template::Command => TemplateParams::Command(serde_json::from_value(payload)?),
            Template::Package => TemplateParams::Package(serde_json::from_value(payload)?),
        })
    }
}
