//! The parameter table: every parameter of the three templates (oos-api notes §5.1-5.2),
//! declared once, in template order.
//!
//! The `table!` macro turns each declaration into one [`ParamSpec`] of [`PARAMS`] (its pointer
//! derived from its key) and one variant of [`Key`] (its position in [`PARAMS`]), so the key
//! set, the lookups by key and the pointers cannot drift apart. What a declaration leaves out
//! comes from [`ParamSpec::BLANK`].

use super::Relevance::{Ignored, Optional, Recorded, Required, RequiredNonEmpty};
use super::values::{
    BATCH_PAUSE_OPTIONS, BatchPauseOption, COMMAND_TYPES, CommandType, INVOKE_TYPES,
    LIFECYCLE_STATES, LifecycleState, PACKAGE_ACTIONS, PackageAction, SCALING_PROCESSES,
    ScalingProcess,
};
use super::{Advice, DefaultValue, FileFlag, FlagHelp, ParamKind, ParamSpec, Template};

macro_rules! table {
    ($($variant:ident = $key:literal { $($field:ident: $value:expr),* $(,)? })*) => {
        /// A parameter of the table, by name: its discriminant is its position in [`PARAMS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key {
            $(#[doc = concat!("`", $key, "`")] $variant,)*
        }

        /// Every parameter of the three templates, in template order.
        pub static PARAMS: [ParamSpec; [$($key),*].len()] = [$(
            ParamSpec {
                key: $key,
                pointer: concat!("/", $key),
                $($field: $value,)*
                ..ParamSpec::BLANK
            },
        )*];

        impl Key {
            /// Every key, in the order of [`PARAMS`].
            pub const ALL: [Key; PARAMS.len()] = [$(Key::$variant),*];

            /// The key spelled exactly `key` (case-sensitive, as OOS is).
            pub fn from_key(key: &str) -> Option<Key> {
                match key {
                    $($key => Some(Key::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

impl Key {
    /// Its position in [`PARAMS`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Its declaration.
    pub fn spec(self) -> &'static ParamSpec {
        &PARAMS[self.index()]
    }

    /// The key as the template spells it.
    pub fn as_str(self) -> &'static str {
        self.spec().key
    }

    /// Its JSON Pointer in a payload.
    pub fn pointer(self) -> &'static str {
        self.spec().pointer
    }
}

/// The parameters every template has.
const ALL_TEMPLATES: &[Template] = &[Template::Image, Template::Command, Template::Package];

const fn flag(value_name: &'static str, help: &'static str, order: u8) -> FlagHelp {
    FlagHelp { value_name, help, order, file: None }
}

const fn script_flag(help: &'static str, order: u8, file: FileFlag) -> FlagHelp {
    FlagHelp { value_name: "TEXT", help, order, file: Some(file) }
}

/// How to find a scaling group's ID.
const FIND_GROUP: &str = "find it with `aliyun ess DescribeScalingGroups --region <region>`";
/// How to find an image's ID.
const FIND_IMAGE: &str = "find it with `aliyun ecs DescribeImages --region <region>`";
/// Why a rollback ignores the scaling processes and lifecycle states.
const FROM_SOURCE: &str = "a rollback takes these from the source execution; remove the key";

table! {
    InvokeType = "invokeType" {
        flag: "invoke-type",
        flag_help: flag(
            "TYPE",
            "invoke runs the update; rollback undoes an earlier invoke execution",
            0,
        ),
        label: "Invoke type",
        description: "invoke runs the update; rollback undoes an earlier invoke execution.",
        choices: INVOKE_TYPES,
        default: DefaultValue::None,
        templates: ALL_TEMPLATES,
        invoke: Required,
        rollback: Required,
        required_hint: "set it to `invoke` to run the update or `rollback` to undo one",
    }
    ScalingGroupId = "scalingGroupId" {
        flag: "scaling-group-id",
        flag_help: flag("ID", "The scaling group whose instances are updated (asg-...)", 1),
        label: "Scaling group ID",
        description: "The scaling group whose instances are updated (asg-...).",
        default: DefaultValue::None,
        id_prefix: Some("asg-"),
        templates: ALL_TEMPLATES,
        invoke: RequiredNonEmpty,
        rollback: RequiredNonEmpty,
        required_hint: "the ID of the scaling group to update, asg-...",
        find_hint: Some(FIND_GROUP),
    }
    ScalingConfigurationId = "scalingConfigurationId" {
        flag: "scaling-configuration-id",
        flag_help: flag("ID", "image: also change this scaling configuration's image (asc-...)", 2),
        label: "Scaling configuration ID",
        description: "If set, this scaling configuration's image is changed to imageId before the \
                      batches run, so new instances also get the new image (asc-...). A rollback \
                      does not change it back.",
        id_prefix: Some("asc-"),
        templates: &[Template::Image],
        invoke: Optional,
        rollback: Ignored,
        find_hint: Some(
            "find it with `aliyun ess DescribeScalingConfigurations --ScalingGroupId asg-...`",
        ),
        ignored_by_rollback_hint: Some(
            "a rollback does not change the scaling configuration; restore its image separately \
             (ess ModifyScalingConfiguration)",
        ),
    }
    ImageId = "imageId" {
        flag: "image-id",
        flag_help: flag("ID", "image: the image each instance's system disk is replaced with", 3),
        label: "New image ID",
        description: "The image each instance's system disk is replaced with.",
        templates: &[Template::Image],
        invoke: RequiredNonEmpty,
        rollback: Ignored,
        required_hint: "the image to put on every instance",
        find_hint: Some(FIND_IMAGE),
    }
    SourceImageId = "sourceImageId" {
        flag: "source-image-id",
        flag_help: flag(
            "ID",
            "image: the image a rollback puts back (the image before the update)",
            4,
        ),
        label: "Rollback image ID",
        description: "The image a rollback puts back on each instance (the image before the \
                      update). Recorded at invoke time so the rollback can find it.",
        templates: &[Template::Image],
        invoke: Recorded,
        rollback: RequiredNonEmpty,
        required_hint: "the image the instances had before the update",
        find_hint: Some(FIND_IMAGE),
    }
    MaxErrors = "maxErrors" {
        flag: "max-errors",
        flag_help: flag("N", "image: how many instances may fail before the update stops", 5),
        label: "Tolerated failures",
        description: "How many instances may fail before the update stops (0 stops at the first \
                      failure).",
        kind: ParamKind::Integer,
        default: DefaultValue::Int(0),
        min: Some(0),
        max: Some(u32::MAX as i64),
        templates: &[Template::Image],
    }
    CommandType = "commandType" {
        flag: "command-type",
        flag_help: flag("TYPE", "command: RunShellScript, RunBatScript or RunPowerShellScript", 6),
        label: "Command type",
        description: "The kind of script to run. A rollback always runs RunShellScript.",
        choices: COMMAND_TYPES,
        default: DefaultValue::Str(CommandType::RunShellScript.as_str()),
        templates: &[Template::Command],
        invoke: Optional,
        rollback: Ignored,
        // The rollback_runs_shell_script warning says what a rollback does with it.
        explained_when_ignored: true,
    }
    InvokeScript = "invokeScript" {
        flag: "invoke-script",
        flag_help: script_flag("command: the script an invoke runs on each instance", 7, FileFlag {
            name: "invoke-script-file",
            help: "command: read the invoke script from this file",
        }),
        label: "Script",
        description: "The script run on each instance by an invoke execution.",
        templates: &[Template::Command],
        invoke: RequiredNonEmpty,
        rollback: Ignored,
        required_hint: "the script to run on every instance",
        run_command_content: true,
    }
    RollbackScript = "rollbackScript" {
        flag: "rollback-script",
        flag_help: script_flag(
            "command: the shell script a rollback runs on each instance",
            8,
            FileFlag {
                name: "rollback-script-file",
                help: "command: read the rollback script from this file",
            },
        ),
        label: "Rollback script",
        description: "The shell script run on each instance by a rollback. Recorded at invoke \
                      time so the rollback can find it.",
        templates: &[Template::Command],
        invoke: Recorded,
        rollback: RequiredNonEmpty,
        required_hint: "the shell script that undoes the invoke script",
        run_command_content: true,
    }
    PackageName = "packageName" {
        flag: "package-name",
        flag_help: flag("NAME", "package: the OOS package to configure", 9),
        label: "Package name",
        description: "The OOS package to configure on each instance.",
        default: DefaultValue::None,
        templates: &[Template::Package],
        invoke: RequiredNonEmpty,
        rollback: RequiredNonEmpty,
        required_hint: "the name of the OOS package",
    }
    PackageVersion = "packageVersion" {
        flag: "package-version",
        flag_help: flag("VERSION", "package: the package version; empty means the latest", 10),
        label: "Package version",
        description: "The package version; empty means the latest. A rollback applies the \
                      version it is given (for example the previous one).",
        templates: &[Template::Package],
    }
    Action = "action" {
        flag: "action",
        flag_help: flag("ACTION", "package: install or uninstall", 11),
        label: "Package action",
        description: "Whether to install or uninstall the package.",
        choices: PACKAGE_ACTIONS,
        default: DefaultValue::Str(PackageAction::Install.as_str()),
        templates: &[Template::Package],
    }
    OosAssumeRole = "OOSAssumeRole" {
        flag: "oos-assume-role",
        flag_help: flag(
            "ROLE",
            "The RAM role OOS assumes; empty runs with the caller's permissions",
            17,
        ),
        label: "OOS assume role",
        description: "The RAM role OOS assumes to run the update; empty runs it with the \
                      caller's own permissions.",
        templates: ALL_TEMPLATES,
    }
    EnterProcess = "enterProcess" {
        flag: "enter-process",
        flag_help: flag(
            "LIST",
            "Scaling processes suspended during the update (comma-separated)",
            14,
        ),
        label: "Processes to suspend",
        description: "Scaling processes suspended when the update starts, so scaling does not \
                      fight it.",
        kind: ParamKind::StringList,
        choices: SCALING_PROCESSES,
        default: DefaultValue::List(ScalingProcess::VALUES),
        templates: ALL_TEMPLATES,
        rollback: Ignored,
        ignored_by_rollback_hint: Some(FROM_SOURCE),
    }
    ExitProcess = "exitProcess" {
        flag: "exit-process",
        flag_help: flag("LIST", "Scaling processes resumed at the end (comma-separated)", 15),
        label: "Processes to resume",
        description: "Scaling processes resumed when the update ends.",
        kind: ParamKind::StringList,
        choices: SCALING_PROCESSES,
        default: DefaultValue::List(ScalingProcess::VALUES),
        templates: ALL_TEMPLATES,
        rollback: Ignored,
        ignored_by_rollback_hint: Some(FROM_SOURCE),
    }
    LifecycleState = "lifecycleState" {
        flag: "lifecycle-state",
        flag_help: flag(
            "LIST",
            "Only instances in these lifecycle states are updated (comma-separated)",
            16,
        ),
        label: "Lifecycle states",
        description: "Only instances in these lifecycle states are updated.",
        kind: ParamKind::StringList,
        choices: LIFECYCLE_STATES,
        default: DefaultValue::List(&[LifecycleState::InService.as_str()]),
        templates: ALL_TEMPLATES,
        rollback: Ignored,
        ignored_by_rollback_hint: Some(FROM_SOURCE),
        empty_list: Some(Advice {
            message: "`lifecycleState` is empty, so no lifecycle state selects the instances",
            hint: "leave it out to update InService instances, or list the states",
        }),
    }
    SourceExecutionId = "sourceExecutionId" {
        flag: "source-execution-id",
        flag_help: flag("ID", "rollback: the invoke execution to undo (exec-...)", 18),
        label: "Source execution ID",
        description: "For a rollback: the ID of the invoke execution to undo (exec-...), as its \
                      StartExecution returned it.",
        id_prefix: Some("exec-"),
        templates: ALL_TEMPLATES,
        invoke: Ignored,
        rollback: RequiredNonEmpty,
        required_hint: "the ID of the invoke execution to undo, exec-...",
        find_hint: Some("use the execution ID the invoke's StartExecution returned"),
    }
    BatchNumber = "batchNumber" {
        flag: "batch-number",
        flag_help: flag("N", "How many batches the instances are split into (1-100)", 12),
        label: "Number of batches",
        description: "How many batches the instances are split into (1-100); each batch holds \
                      at least one instance.",
        kind: ParamKind::Integer,
        default: DefaultValue::Int(5),
        min: Some(1),
        max: Some(100),
        templates: ALL_TEMPLATES,
    }
    BatchPauseOption = "batchPauseOption" {
        flag: "batch-pause-option",
        flag_help: flag("OPTION", "Automatic, FirstBatchPause or EveryBatchPause", 13),
        label: "Pause between batches",
        description: "Whether the update waits for approval after the first batch, after \
                      every batch, or never.",
        choices: BATCH_PAUSE_OPTIONS,
        default: DefaultValue::Str(BatchPauseOption::Automatic.as_str()),
        templates: ALL_TEMPLATES,
    }
}
