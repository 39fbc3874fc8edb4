//! The typed parameters of the six templates.
//!
//! Every optional field is an `Option`: `None` means "not given", so a payload serializes back
//! with exactly the keys it came with and no defaults added. Validation builds these values
//! from a checked payload (it explains what is wrong with a payload instead of failing on the
//! first problem); this module depends on the parameter table only.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use crate::template::{
    BatchPauseOption, CommandType, LifecycleState, PackageAction, ScalingProcess, UpdateType,
};
use crate::template::{InvokeType, Key, Template};

/// The value of each parameter of the table when a payload has it, by [`Key::index`].
pub type Present<'a> = [Option<&'a Value>; crate::template::PARAMS.len()];

/// The parameters every template shares.
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
    /// Lifecycle states of the instances to update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_state: Option<Vec<LifecycleState>>,
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
    /// Lifecycle states of the instances to update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_state: Option<Vec<LifecycleState>>,
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
    /// Lifecycle states of the instances to update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifecycle_state: Option<Vec<LifecycleState>>,
    /// The package.
    pub package_name: String,
    /// The package version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package_version: Option<String>,
    /// Install or uninstall.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<PackageAction>,
}

/// Parameters of `ACS-ESS-RollingUpdateByDownloadFileAndRunCommand`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct FileParams {
    /// The shared parameters.
    #[serde(flatten)]
    pub common: CommonParams,
    /// The URL an invoke downloads.
    pub invoke_source_path: String,
    /// Where an invoke puts the download.
    pub invoke_destination_dir: String,
    /// The script an invoke runs after the download.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoke_script: Option<String>,
    /// The URL a rollback downloads.
    pub rollback_source_path: String,
    /// Where a rollback puts the download.
    pub rollback_destination_dir: String,
    /// The script a rollback runs after the download.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback_script: Option<String>,
    /// The download step's save-to-file switch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whether_save_to_file: Option<bool>,
}

/// Parameters of `ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct OssFileParams {
    /// The shared parameters.
    #[serde(flatten)]
    pub common: CommonParams,
    /// The bucket an invoke downloads from.
    pub invoke_bucket_name: String,
    /// The object an invoke downloads.
    pub invoke_object_name: String,
    /// Where an invoke puts the download.
    pub invoke_destination_dir: String,
    /// The script an invoke runs after the download.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoke_script: Option<String>,
    /// The bucket a rollback downloads from.
    pub rollback_bucket_name: String,
    /// The object a rollback downloads.
    pub rollback_object_name: String,
    /// Where a rollback puts the download.
    pub rollback_destination_dir: String,
    /// The script a rollback runs after the download.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollback_script: Option<String>,
    /// The download step's save-to-file switch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whether_save_to_file: Option<bool>,
    /// How long the signed URL is valid, in seconds.
    #[serde(rename = "URLExpirationTime", default, skip_serializing_if = "Option::is_none")]
    pub url_expiration_time: Option<u32>,
    /// The bucket's region.
    #[serde(rename = "OSSRegion", default, skip_serializing_if = "Option::is_none")]
    pub oss_region: Option<String>,
}

/// Parameters of `ACS-ESS-RollingUpdateByUpdateContainerGroup`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ContainerParams {
    /// The shared parameters.
    #[serde(flatten)]
    pub common: CommonParams,
    /// The containers an invoke rolls out (a checked list of ESS Container objects).
    pub container_configure: Value,
    /// The containers a rollback puts back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_container_configure: Option<Value>,
    /// How each container group is updated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_type: Option<UpdateType>,
    /// The ECI scaling configuration whose containers are set.
    pub scaling_configuration_id: String,
    /// Failures tolerated (declared, not read by the template's loop).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_errors: Option<u32>,
}

/// Validated parameters of one of the six templates.
#[derive(Debug, Clone, PartialEq)]
pub enum TemplateParams {
    /// The image template.
    Image(ImageParams),
    /// The command template.
    Command(CommandParams),
    /// The package template.
    Package(PackageParams),
    /// The file template.
    File(FileParams),
    /// The OSS file template.
    OssFile(OssFileParams),
    /// The container template.
    Container(ContainerParams),
}

/// Calls `$body` with the parameters of whichever template `$params` holds, bound to `$p`.
macro_rules! each {
    ($params:expr, $p:ident => $body:expr) => {
        match $params {
            TemplateParams::Image($p) => $body,
            TemplateParams::Command($p) => $body,
            TemplateParams::Package($p) => $body,
            TemplateParams::File($p) => $body,
            TemplateParams::OssFile($p) => $body,
            TemplateParams::Container($p) => $body,
        }
    };
}

impl TemplateParams {
    /// The template these parameters belong to.
    pub fn template(&self) -> Template {
        match self {
            TemplateParams::Image(_) => Template::Image,
            TemplateParams::Command(_) => Template::Command,
            TemplateParams::Package(_) => Template::Package,
            TemplateParams::File(_) => Template::File,
            TemplateParams::OssFile(_) => Template::OssFile,
            TemplateParams::Container(_) => Template::Container,
        }
    }

    /// The parameters shared by every template.
    pub fn common(&self) -> &CommonParams {
        each!(self, p => &p.common)
    }

    /// The parameters shared by every template, mutably.
    pub fn common_mut(&mut self) -> &mut CommonParams {
        each!(self, p => &mut p.common)
    }

    /// The mode.
    pub fn invoke_type(&self) -> InvokeType {
        self.common().invoke_type
    }

    /// The parameters as a JSON object, with the template's key spellings.
    pub fn to_json(&self) -> serde_json::Value {
        let value = each!(self, p => serde_json::to_value(p));
        // Plain structs of strings, numbers, enums and JSON values always serialize.
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
        // By spelling: a spelling declared twice (for different templates) is read from the
        // declaration this template has.
        let get = |key: Key| template.key(key.as_str()).and_then(|k| present[k.index()]);
        let json = |key: Key| get(key).cloned();
        let flag = |key: Key| get(key).and_then(Value::as_bool);
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
            source_execution_id: text(Key::SourceExecutionId),
            batch_pause_option: text(Key::BatchPauseOption)
                .as_deref()
                .and_then(BatchPauseOption::parse),
            batch_number: number(Key::BatchNumber),
            oos_assume_role: text(Key::OosAssumeRole),
        };
        let lifecycle_state = parsed(list(Key::LifecycleState), LifecycleState::parse);
        Ok(match template {
            Template::Image => TemplateParams::Image(ImageParams {
                common,
                lifecycle_state,
                scaling_configuration_id: text(Key::ScalingConfigurationId),
                image_id: text(Key::ImageId),
                source_image_id: text(Key::SourceImageId),
                max_errors: number(Key::MaxErrors),
            }),
            Template::Command => TemplateParams::Command(CommandParams {
                common,
                lifecycle_state,
                command_type: text(Key::CommandType).as_deref().and_then(CommandType::parse),
                invoke_script: text(Key::InvokeScript),
                rollback_script: text(Key::RollbackScript),
            }),
            Template::Package => TemplateParams::Package(PackageParams {
                common,
                lifecycle_state,
                package_name: text(Key::PackageName).ok_or(Key::PackageName)?,
                package_version: text(Key::PackageVersion),
                action: text(Key::Action).as_deref().and_then(PackageAction::parse),
            }),
            Template::File => TemplateParams::File(FileParams {
                common,
                invoke_source_path: text(Key::InvokeSourcePath).ok_or(Key::InvokeSourcePath)?,
                invoke_destination_dir: text(Key::InvokeDestinationDir)
                    .ok_or(Key::InvokeDestinationDir)?,
                invoke_script: text(Key::InvokeScript),
                rollback_source_path: text(Key::RollbackSourcePath)
                    .ok_or(Key::RollbackSourcePath)?,
                rollback_destination_dir: text(Key::RollbackDestinationDir)
                    .ok_or(Key::RollbackDestinationDir)?,
                rollback_script: text(Key::RollbackScript),
                whether_save_to_file: flag(Key::WhetherSaveToFile),
            }),
            Template::OssFile => TemplateParams::OssFile(OssFileParams {
                common,
                invoke_bucket_name: text(Key::InvokeBucketName).ok_or(Key::InvokeBucketName)?,
                invoke_object_name: text(Key::InvokeObjectName).ok_or(Key::InvokeObjectName)?,
                invoke_destination_dir: text(Key::InvokeDestinationDir)
                    .ok_or(Key::InvokeDestinationDir)?,
                invoke_script: text(Key::InvokeScript),
                rollback_bucket_name: text(Key::RollbackBucketName)
                    .ok_or(Key::RollbackBucketName)?,
                rollback_object_name: text(Key::RollbackObjectName)
                    .ok_or(Key::RollbackObjectName)?,
                rollback_destination_dir: text(Key::RollbackDestinationDir)
                    .ok_or(Key::RollbackDestinationDir)?,
                rollback_script: text(Key::RollbackScript),
                whether_save_to_file: flag(Key::WhetherSaveToFile),
                url_expiration_time: number(Key::UrlExpirationTime),
                oss_region: text(Key::OssRegion),
            }),
            Template::Container => TemplateParams::Container(ContainerParams {
                common,
                container_configure: json(Key::ContainerConfigure)
                    .ok_or(Key::ContainerConfigure)?,
                source_container_configure: json(Key::SourceContainerConfigure),
                update_type: text(Key::UpdateType).as_deref().and_then(UpdateType::parse),
                scaling_configuration_id: text(Key::ScalingConfigurationId)
                    .ok_or(Key::ScalingConfigurationId)?,
                max_errors: number(Key::MaxErrors),
            }),
        })
    }
}
