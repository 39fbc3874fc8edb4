//! The parameter table: every parameter of the six templates (templates-as-written notes
//! §1 and §4), declared once, in template order.
//!
//! The `table!` macro turns each declaration into one [`ParamSpec`] of [`PARAMS`] (its pointer
//! derived from its key) and one variant of [`Key`] (its position in [`PARAMS`]), so the key
//! set, the lookups by key and the pointers cannot drift apart. What a declaration leaves out
//! comes from [`ParamSpec::BLANK`].
//!
//! A spelling is declared twice when templates declare it differently (`OOSAssumeRole`'s
//! default in the file templates, `scalingConfigurationId` required by the container
//! template, the file templates' optional scripts): the two declarations have disjoint
//! templates and share their flag, so keys are looked up per template ([`super::Template::key`]).

// A description says what OOS does with a value; what this plugin adds (values it fills in
// or copies from a source execution) is said separately, after "This plugin:".

use super::Relevance::{Ignored, Optional, Recorded, Required, RequiredNonEmpty};
use super::values::{
    BATCH_PAUSE_OPTIONS, BatchPauseOption, COMMAND_TYPES, CommandType, INVOKE_TYPES,
    LIFECYCLE_STATES, LifecycleState, PACKAGE_ACTIONS, PackageAction, SCALING_PROCESSES,
    ScalingProcess, UPDATE_TYPES, UpdateType,
};
use super::{Advice, DefaultValue, FileFlag, FlagHelp, ParamKind, ParamSpec, Template};

macro_rules! table {
    ($($variant:ident = $key:literal { $($field:ident: $value:expr),* $(,)? })*) => {
        /// A parameter of the table, by name: its discriminant is its position in [`PARAMS`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Key {
            $(#[doc = concat!("`", $key, "`")] $variant,)*
        }

        /// Every parameter of the six templates, in template order.
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
const ALL_TEMPLATES: &[Template] = &[
    Template::Image,
    Template::Command,
    Template::Package,
    Template::File,
    Template::OssFile,
    Template::Container,
];
/// The three templates that select instances by `lifecycleState`.
const SEED_TEMPLATES: &[Template] = &[Template::Image, Template::Command, Template::Package];
/// The two templates that download a file and run a script.
const FILE_TEMPLATES: &[Template] = &[Template::File, Template::OssFile];

const fn flag(value_name: &'static str, help: &'static str, order: u8) -> FlagHelp {
    FlagHelp { value_name, help, order, file: None }
}

const fn script_flag(help: &'static str, order: u8, file: FileFlag) -> FlagHelp {
    FlagHelp { value_name: "TEXT", help, order, file: Some(file) }
}

const fn json_flag(help: &'static str, order: u8, file: FileFlag) -> FlagHelp {
    FlagHelp { value_name: "JSON", help, order, file: Some(file) }
}

/// `--invoke-script`, shared by the command and file templates.
const INVOKE_SCRIPT_FLAG: FlagHelp = script_flag(
    "command, file, oss-file: the script an invoke runs on each instance",
    7,
    FileFlag {
        name: "invoke-script-file",
        help: "command, file, oss-file: read the invoke script from this file",
    },
);
/// `--rollback-script`, shared by the command and file templates.
const ROLLBACK_SCRIPT_FLAG: FlagHelp = script_flag(
    "command, file, oss-file: the shell script a rollback runs on each instance",
    8,
    FileFlag {
        name: "rollback-script-file",
        help: "command, file, oss-file: read the rollback script from this file",
    },
);
/// `--scaling-configuration-id`, shared by the image and container templates.
const SCALING_CONFIGURATION_FLAG: FlagHelp = flag(
    "ID",
    "image: also change this scaling configuration's image; container: the ECI scaling \
     configuration whose containers are set (asc-...)",
    2,
);
/// `--oos-assume-role`.
const ROLE_FLAG: FlagHelp =
    flag("ROLE", "The RAM role OOS assumes; empty runs with the caller's permissions", 45);
/// How to find a scaling configuration's ID.
const FIND_CONFIGURATION: &str =
    "find it with `aliyun ess DescribeScalingConfigurations --ScalingGroupId asg-...`";

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
        flag_help: SCALING_CONFIGURATION_FLAG,
        label: "Scaling configuration ID",
        description: "If set, OOS changes this scaling configuration's image to imageId before \
                      the batches run, so new instances also get the new image (asc-...). A \
                      rollback does not change it back. This plugin: `start` fills in the \
                      group's active scaling configuration when it is not given.",
        id_prefix: Some("asc-"),
        templates: &[Template::Image],
        invoke: Optional,
        rollback: Ignored,
        find_hint: Some(FIND_CONFIGURATION),
        ignored_by_rollback_hint: Some(
            "a rollback does not change the scaling configuration; restore its image separately \
             (ess ModifyScalingConfiguration)",
        ),
    }
    EciScalingConfigurationId = "scalingConfigurationId" {
        flag: "scaling-configuration-id",
        flag_help: SCALING_CONFIGURATION_FLAG,
        label: "ECI scaling configuration ID",
        description: "The ECI scaling configuration whose containers OOS sets after the \
                      batches: to containerConfigure on invoke, to sourceContainerConfigure on \
                      rollback (asc-...).",
        default: DefaultValue::None,
        id_prefix: Some("asc-"),
        templates: &[Template::Container],
        invoke: RequiredNonEmpty,
        rollback: RequiredNonEmpty,
        required_hint: "the group's ECI scaling configuration, asc-... (its \
                        ActiveScalingConfigurationId in `aliyun ess DescribeScalingGroups`)",
        find_hint: Some(FIND_CONFIGURATION),
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
                      update). OOS reads it from the rollback's own parameters and records \
                      nothing for it at invoke time. This plugin: `start` fills it in from the \
                      scaling configuration's current image, and `rollback` copies it from the \
                      source execution.",
        templates: &[Template::Image],
        invoke: Recorded,
        rollback: RequiredNonEmpty,
        required_hint: "the image the instances had before the update",
        find_hint: Some(FIND_IMAGE),
    }
    MaxErrors = "maxErrors" {
        flag: "max-errors",
        flag_help: flag(
            "N",
            "image, container: how many instances may fail before the update stops",
            5,
        ),
        label: "Tolerated failures",
        description: "How many instances may fail before the update stops (0 stops at the first \
                      failure). The container template declares it but its loop does not read \
                      it: there the first failure stops the update.",
        kind: ParamKind::Integer,
        default: DefaultValue::Int(0),
        min: Some(0),
        max: Some(u32::MAX as i64),
        templates: &[Template::Image, Template::Container],
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
    InvokeSourcePath = "invokeSourcePath" {
        flag: "invoke-source-path",
        flag_help: flag("URL", "file: the URL of the file an invoke downloads to each instance", 20),
        label: "File URL",
        description: "The URL of the file OOS downloads to each instance on invoke, into \
                      invokeDestinationDir, before it runs invokeScript. A rollback does not \
                      read it.",
        default: DefaultValue::None,
        templates: &[Template::File],
        invoke: RequiredNonEmpty,
        rollback: Required,
        required_hint: "the URL of the file to download; OOS requires the key in both modes \
                        (the template declares no default), although a rollback does not read \
                        it",
    }
    InvokeBucketName = "invokeBucketName" {
        flag: "invoke-bucket-name",
        flag_help: flag("BUCKET", "oss-file: the OSS bucket of the object an invoke downloads", 21),
        label: "OSS bucket",
        description: "The OSS bucket holding the object OOS downloads to each instance on invoke. \
                      A rollback does not read it.",
        default: DefaultValue::None,
        templates: &[Template::OssFile],
        invoke: RequiredNonEmpty,
        rollback: Required,
        required_hint: "the bucket of the object to download; OOS requires the key in both \
                        modes (the template declares no default), although a rollback does \
                        not read it",
    }
    InvokeObjectName = "invokeObjectName" {
        flag: "invoke-object-name",
        flag_help: flag("OBJECT", "oss-file: the OSS object an invoke downloads", 22),
        label: "OSS object",
        description: "The OSS object (its key in invokeBucketName) OOS downloads to each \
                      instance on invoke. A rollback does not read it.",
        default: DefaultValue::None,
        templates: &[Template::OssFile],
        invoke: RequiredNonEmpty,
        rollback: Required,
        required_hint: "the object to download; OOS requires the key in both modes (the \
                        template declares no default), although a rollback does not read it",
    }
    InvokeDestinationDir = "invokeDestinationDir" {
        flag: "invoke-destination-dir",
        flag_help: flag(
            "DIR",
            "file, oss-file: the directory on each instance an invoke downloads into",
            23,
        ),
        label: "Download directory",
        description: "The directory on each instance the invoke's download is put in (the \
                      script runs after it). A rollback does not read it.",
        default: DefaultValue::None,
        templates: FILE_TEMPLATES,
        invoke: RequiredNonEmpty,
        rollback: Required,
        required_hint: "the directory on each instance to download into; OOS requires the key \
                        in both modes (the template declares no default), although a rollback \
                        does not read it",
    }
    InvokeScript = "invokeScript" {
        flag: "invoke-script",
        flag_help: INVOKE_SCRIPT_FLAG,
        label: "Script",
        description: "The script run on each instance by an invoke execution.",
        templates: &[Template::Command],
        invoke: RequiredNonEmpty,
        rollback: Ignored,
        required_hint: "the script to run on every instance",
        run_command_content: true,
    }
    FileInvokeScript = "invokeScript" {
        flag: "invoke-script",
        flag_help: INVOKE_SCRIPT_FLAG,
        label: "Script",
        description: "The shell script OOS runs on each instance after the invoke's download; \
                      empty runs none.",
        templates: FILE_TEMPLATES,
        invoke: Optional,
        rollback: Ignored,
        run_command_content: true,
    }
    RollbackSourcePath = "rollbackSourcePath" {
        flag: "rollback-source-path",
        flag_help: flag("URL", "file: the URL of the file a rollback downloads to each instance", 24),
        label: "Rollback file URL",
        description: "The URL of the file OOS downloads to each instance on rollback (the file \
                      before the update). OOS reads it from the rollback's own parameters. \
                      This plugin: `rollback` copies it from the source execution.",
        default: DefaultValue::None,
        templates: &[Template::File],
        invoke: Required,
        rollback: RequiredNonEmpty,
        required_hint: "the URL of the file a rollback puts back; OOS requires the key in both \
                        modes (the template declares no default), although an invoke does not \
                        read it",
    }
    RollbackBucketName = "rollbackBucketName" {
        flag: "rollback-bucket-name",
        flag_help: flag("BUCKET", "oss-file: the OSS bucket of the object a rollback downloads", 25),
        label: "Rollback OSS bucket",
        description: "The OSS bucket holding the object OOS downloads on rollback. OOS reads it \
                      from the rollback's own parameters. This plugin: `rollback` copies it \
                      from the source execution.",
        default: DefaultValue::None,
        templates: &[Template::OssFile],
        invoke: Required,
        rollback: RequiredNonEmpty,
        required_hint: "the bucket of the object a rollback puts back; OOS requires the key in \
                        both modes (the template declares no default), although an invoke does \
                        not read it",
    }
    RollbackObjectName = "rollbackObjectName" {
        flag: "rollback-object-name",
        flag_help: flag("OBJECT", "oss-file: the OSS object a rollback downloads", 26),
        label: "Rollback OSS object",
        description: "The OSS object OOS downloads to each instance on rollback. OOS reads it \
                      from the rollback's own parameters. This plugin: `rollback` copies it \
                      from the source execution.",
        default: DefaultValue::None,
        templates: &[Template::OssFile],
        invoke: Required,
        rollback: RequiredNonEmpty,
        required_hint: "the object a rollback puts back; OOS requires the key in both modes \
                        (the template declares no default), although an invoke does not read \
                        it",
    }
    RollbackDestinationDir = "rollbackDestinationDir" {
        flag: "rollback-destination-dir",
        flag_help: flag(
            "DIR",
            "file, oss-file: the directory on each instance a rollback downloads into",
            27,
        ),
        label: "Rollback download directory",
        description: "The directory on each instance the rollback's download is put in. OOS \
                      reads it from the rollback's own parameters. This plugin: `rollback` \
                      copies it from the source execution.",
        default: DefaultValue::None,
        templates: FILE_TEMPLATES,
        invoke: Required,
        rollback: RequiredNonEmpty,
        required_hint: "the directory a rollback downloads into; OOS requires the key in both \
                        modes (the template declares no default), although an invoke does not \
                        read it",
    }
    RollbackScript = "rollbackScript" {
        flag: "rollback-script",
        flag_help: ROLLBACK_SCRIPT_FLAG,
        label: "Rollback script",
        description: "The shell script run on each instance by a rollback. OOS reads it from \
                      the rollback's own parameters and records nothing for it at invoke time. \
                      This plugin: `rollback` copies it from the source execution, so give it \
                      when you start the update.",
        templates: &[Template::Command],
        invoke: Recorded,
        rollback: RequiredNonEmpty,
        required_hint: "the shell script that undoes the invoke script",
        run_command_content: true,
    }
    FileRollbackScript = "rollbackScript" {
        flag: "rollback-script",
        flag_help: ROLLBACK_SCRIPT_FLAG,
        label: "Rollback script",
        description: "The shell script OOS runs on each instance after the rollback's download; \
                      empty runs none. OOS reads it from the rollback's own parameters. This \
                      plugin: `rollback` copies it from the source execution.",
        templates: FILE_TEMPLATES,
        invoke: Optional,
        rollback: Optional,
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
    WhetherSaveToFile = "whetherSaveToFile" {
        flag: "whether-save-to-file",
        flag_help: flag("BOOL", "file, oss-file: true or false; the template's save-to-file switch", 28),
        label: "Save the download to a file",
        description: "The template's whetherSaveToFile switch of its download step (true: the \
                      download is kept as a file in the destination directory).",
        kind: ParamKind::Boolean,
        default: DefaultValue::Bool(true),
        templates: FILE_TEMPLATES,
    }
    UrlExpirationTime = "URLExpirationTime" {
        flag: "url-expiration-time",
        flag_help: flag("SECONDS", "oss-file: how long the object's signed download URL is valid", 29),
        label: "URL expiration (s)",
        description: "How many seconds the signed URL OOS makes for the OSS object stays valid.",
        kind: ParamKind::Integer,
        default: DefaultValue::Int(6000),
        min: Some(1),
        max: Some(u32::MAX as i64),
        templates: &[Template::OssFile],
    }
    OssRegion = "OSSRegion" {
        flag: "oss-region",
        flag_help: flag("REGION", "oss-file: the bucket's region; default the execution's", 30),
        label: "OSS region",
        description: "The region of the OSS bucket; by default the region the execution runs \
                      in. Another region downloads over the public network.",
        default: DefaultValue::ExecutionRegion,
        templates: &[Template::OssFile],
    }
    ContainerConfigure = "containerConfigure" {
        flag: "container-configure",
        flag_help: json_flag(
            "container: the containers as a JSON list ([{\"Name\": ..., \"Image\": ...}])",
            31,
            FileFlag {
                name: "container-configure-file",
                help: "container: read the containers (a JSON list) from this file",
            },
        ),
        label: "Containers",
        description: "The containers OOS gives each container group on invoke, and then the \
                      ECI scaling configuration: a JSON list of ESS Container objects, each \
                      with at least a Name and an Image. A rollback does not read it.",
        kind: ParamKind::Json,
        default: DefaultValue::None,
        templates: &[Template::Container],
        invoke: RequiredNonEmpty,
        rollback: Required,
        required_hint: "the containers to roll out, as [{\"Name\": \"web\", \"Image\": \"...\"}]; \
                        OOS requires the key in both modes (the template declares no default)",
    }
    SourceContainerConfigure = "sourceContainerConfigure" {
        flag: "source-container-configure",
        flag_help: json_flag(
            "container: the containers a rollback puts back (a JSON list)",
            32,
            FileFlag {
                name: "source-container-configure-file",
                help: "container: read the containers a rollback puts back from this file",
            },
        ),
        label: "Rollback containers",
        description: "The containers a rollback puts back on each container group and in the \
                      ECI scaling configuration (a JSON list like containerConfigure). OOS \
                      reads it from the rollback's own parameters. This plugin: `start` fills \
                      it in from the scaling configuration's current containers, and \
                      `rollback` copies it from the source execution.",
        kind: ParamKind::Json,
        default: DefaultValue::EmptyObject,
        templates: &[Template::Container],
        invoke: Optional,
        rollback: RequiredNonEmpty,
        required_hint: "the containers the group had before the update, as a JSON list; \
                        `rollback` copies them from the source execution, where `start` \
                        recorded them",
    }
    UpdateType = "updateType" {
        flag: "update-type",
        flag_help: flag("TYPE", "container: IncrementalUpdate or RenewUpdate", 33),
        label: "Update type",
        description: "How each container group is updated.",
        choices: UPDATE_TYPES,
        default: DefaultValue::Str(UpdateType::IncrementalUpdate.as_str()),
        templates: &[Template::Container],
    }
    OosAssumeRole = "OOSAssumeRole" {
        flag: "oos-assume-role",
        flag_help: ROLE_FLAG,
        label: "OOS assume role",
        description: "The RAM role OOS assumes to run the update; empty runs it with the \
                      caller's own permissions.",
        templates: &[Template::Image, Template::Command, Template::Package, Template::Container],
    }
    FileOosAssumeRole = "OOSAssumeRole" {
        flag: "oos-assume-role",
        flag_help: ROLE_FLAG,
        label: "OOS assume role",
        description: "The RAM role OOS assumes to run the update; empty runs it with the \
                      caller's own permissions. The file templates default to OOSServiceRole, \
                      which must exist in the account.",
        default: DefaultValue::Str("OOSServiceRole"),
        templates: FILE_TEMPLATES,
    }
    EnterProcess = "enterProcess" {
        flag: "enter-process",
        flag_help: flag(
            "LIST",
            "Scaling processes suspended during the update (comma-separated)",
            42,
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
        flag_help: flag("LIST", "Scaling processes resumed at the end (comma-separated)", 43),
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
            "image, command, package: only instances in these lifecycle states are updated \
             (comma-separated)",
            44,
        ),
        label: "Lifecycle states",
        description: "Only instances in these lifecycle states are updated.",
        kind: ParamKind::StringList,
        choices: LIFECYCLE_STATES,
        default: DefaultValue::List(&[LifecycleState::InService.as_str()]),
        templates: SEED_TEMPLATES,
        rollback: Ignored,
        ignored_by_rollback_hint: Some(FROM_SOURCE),
        empty_list: Some(Advice {
            message: "`lifecycleState` is empty, so no lifecycle state selects the instances",
            hint: "leave it out to update InService instances, or list the states",
        }),
    }
    SourceExecutionId = "sourceExecutionId" {
        flag: "source-execution-id",
        flag_help: flag("ID", "rollback: the invoke execution to undo (exec-...)", 46),
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
        flag_help: flag("N", "How many batches the instances are split into (1-100)", 40),
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
        flag_help: flag("OPTION", "Automatic, FirstBatchPause or EveryBatchPause", 41),
        label: "Pause between batches",
        description: "Whether the update waits for approval after the first batch, after \
                      every batch, or never.",
        choices: BATCH_PAUSE_OPTIONS,
        default: DefaultValue::Str(BatchPauseOption::Automatic.as_str()),
        templates: ALL_TEMPLATES,
    }
}
