//! The typed parameters of the three templates.
//!
//! Every optional field is an `Option`: `None` means "not given", so a payload serializes back
//! with exactly the keys it came with and no defaults added. Validation builds these values
//! from a checked payload (it explains what is wrong with a payload instead of failing on the
//! first problem); this module depends on the parameter table only.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::template::{
    BatchPauseOption, CommandType, LifecycleState, PackageAction, ScalingProcess,
};
use crate::template::{InvokeType, Key, Template};

/// The value of each parameter of the table when a payload has it, by [`Key::index`].
pub type Present<'a> = [Option<&'a Value>; crate::template::PARAMS.len()];

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

    /// Builds the typed parameters from the values of a payload whose checks found no error.
    /// Reads the checked JSON directly: no second parse, no copy of the payload. `Err` names a
    /// key that cannot be read, which the checks should have refused.
    pub fn from_checked(template: Template, present: &Present<'_>) -> Result<TemplateParams, Key> {
        let get = |key: Key| present[key.index()];
        let text = |key: Key| get(key).and_then(Value::as_str).map(str::to_owned);
        let number = |key: Key| {
            get(key).and_then(Value::as_f64).map(|n| n.clamp(0.0, f64::from(u32::MAX)) as u32)
        };
        let list = |key: Key| {
            get(key).and_then(Value::as_array).map(|items| {
                items.iter().filter_map(Value::as_str).map(str::to_owned).collect::<Vec<_>>()
            })
        };
        fn parsed<T>(items: Option<Vec<String>>, parse: fn(&str) -> Option<T>) -> Option<Vec<T>> {
            items.map(|items| items.iter().filter_map(|item| parse(item)).collect())
        }
        let common = CommonParams {
            invoke_type: text(Key::InvokeType)
                .as_deref()
                .and_then(InvokeType::parse)
                .ok_or(Key::InvokeType)?,
            scaling_group_id: text(Key::ScalingGroupId).ok_or(Key::ScalingGroupId)?,
            enter_process: parsed(list(Key::EnterProcess), ScalingProcess::parse),
            exit_process: parsed(list(Key::ExitProcess), ScalingProcess::parse),
            lifecycle_state: parsed(list(Key::LifecycleState), LifecycleState::parse),
            source_execution_id: text(Key::SourceExecutionId),
            batch_pause_option: text(Key::BatchPauseOption)
                .as_deref()
                .and_then(BatchPauseOption::parse),
            batch_number: number(Key::BatchNumber),
            oos_assume_role: text(Key::OosAssumeRole),
        };
        Ok(match template {
            Template::Image => TemplateParams::Image(ImageParams {
                common,
                scaling_configuration_id: text(Key::ScalingConfigurationId),
                image_id: text(Key::ImageId),
                source_image_id: text(Key::SourceImageId),
                max_errors: number(Key::MaxErrors),
            }),
            Template::Command => TemplateParams::Command(CommandParams {
                common,
                command_type: text(Key::CommandType).as_deref().and_then(CommandType::parse),
                invoke_script: text(Key::InvokeScript),
                rollback_script: text(Key::RollbackScript),
            }),
            Template::Package => TemplateParams::Package(PackageParams {
                common,
                package_name: text(Key::PackageName).ok_or(Key::PackageName)?,
                package_version: text(Key::PackageVersion),
                action: text(Key::Action).as_deref().and_then(PackageAction::parse),
            }),
        })
    }
}
