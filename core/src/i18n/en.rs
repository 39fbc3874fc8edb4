//! English texts: `(key, text)`, `{name}` for a placeholder. Every key here is in
//! [`super::zh_cn`] too, with the same placeholders (`core/tests/texts.rs`).
//!
//! Keys are dotted, by where the text appears: `finding.<code>.<case>` and `hint.<...>` for
//! validation, `param.<key>.<what>` for a parameter of the table, `help.<verb>.about`,
//! `help.<verb>.<arg-id>`, `help.global.<arg-id>` and `help.<verb>.examples` for `--help`,
//! `error.<...>` for the plugin's errors, `wait.<...>` for following an update, `page.<...>` for
//! the page's interface.

/// The English table.
pub const TEXTS: &[(&str, &str)] = &[
    // i18n itself
    ("i18n.example", "example for {name}"),
    // --- i18n ---
    ("severity.error", "error"),
    ("severity.warning", "warning"),
    ("finding.line", "{severity}[{code}] at {at}: {message}"),
    ("finding.hint_line", "  hint: {hint}"),
    ("finding.missing_required.untyped", "`{key}` could not be read into the typed model"),
    (
        "finding.not_an_object.syntax",
        "the parameters are not valid JSON: {error} at line {line} column {column}",
    ),
    ("hint.json_syntax", "check quotes and commas near that position"),
    ("json_type.null", "null"),
    ("json_type.boolean", "a boolean"),
    ("json_type.fraction", "a number with a fraction"),
    ("json_type.number", "a number"),
    ("json_type.string", "a string"),
    ("json_type.list", "a list"),
    ("json_type.object", "an object"),
    (
        "finding.wrong_type.containers",
        "`{key}` must be a JSON list of containers ({{}} means none), got {got}",
    ),
    ("hint.containers_list", "write it as [{{\"Name\": \"web\", \"Image\": \"registry/web:2\"}}]"),
    ("finding.wrong_type.container", "`{key}[{index}]` must be a container object, got {got}"),
    ("hint.container_object", "each container is an object with at least a Name and an Image"),
    (
        "finding.empty_value.containers",
        "`{key}` must list at least one container for invokeType `{mode}`",
    ),
    ("finding.missing_required.container_field", "a container of `{key}` has no `{field}`"),
    ("hint.container_fields", "ESS needs a Name and an Image for every container"),
    ("finding.empty_value.container_field", "a container's `{field}` must not be empty"),
    ("finding.wrong_type.container_field", "a container's `{field}` must be a string, got {got}"),
    ("finding.unknown_field.container", "`{field}` is not a container field ESS documents"),
    (
        "hint.container_field_spelling",
        "check its spelling against ESS CreateEciScalingConfiguration (Container.N.*)",
    ),
    ("finding.duplicate_item.container", "two containers of `{key}` are named `{name}`"),
    ("hint.container_names", "give each container its own Name; ECI refuses the same name twice"),
    ("finding.not_an_object.value", "the parameters must be a JSON object, got {got}"),
    (
        "hint.object_example",
        "write them as {{\"invokeType\": \"invoke\", \"scalingGroupId\": \"asg-...\", ...}}",
    ),
    ("expect.schema_url", "a string (the schema's URL)"),
    ("expect.boolean", "true or false"),
    ("expect.string", "a string"),
    ("expect.integer", "an integer"),
    ("expect.string_list", "a list of strings"),
    (
        "hint.region_not_a_parameter",
        "the region is not a template parameter: give it to the command (--region)",
    ),
    ("hint.did_you_mean_key", "did you mean `{key}`? keys are case-sensitive"),
    (
        "hint.key_of_other_template",
        "`{key}` belongs to the {short} template ({owner}), not to {template}",
    ),
    ("hint.did_you_mean", "did you mean `{value}`?"),
    ("hint.its_parameters", "its parameters are: {keys}"),
    ("finding.unknown_key", "`{key}` is not a parameter of {template}"),
    ("finding.empty_value.in_mode", "`{key}` must not be empty for invokeType `{mode}`"),
    ("finding.empty_value", "`{key}` must not be empty"),
    ("range.between", "between {min} and {max}"),
    ("range.at_least", "at least {min}"),
    ("range.at_most", "at most {max}"),
    ("range.in_range", "in range"),
    ("finding.out_of_range", "`{key}` must be {range}, got {got}"),
    ("finding.duplicate_item", "`{item}` appears more than once in `{key}`"),
    ("hint.remove_repeated", "remove the repeated item"),
    ("finding.bad_id.blanks", "`{key}` must be an ID like {prefix}..., with no blanks"),
    ("finding.bad_id.prefix", "`{key}` must start with `{prefix}`, got `{got}`"),
    ("finding.masked_id", "contains `*`: this looks like a masked example ID, not a real one"),
    ("hint.did_you_mean_value", "did you mean `{value}`? values are case-sensitive"),
    ("hint.allowed_values", "allowed values: {values}"),
    ("hint.suggestion_and_allowed", "{suggestion} (allowed values: {values})"),
    ("finding.not_allowed", "`{value}` is not an allowed value of `{key}`"),
    ("finding.missing_required.in_mode", "`{key}` is required when invokeType is `{mode}`"),
    ("finding.missing_required", "`{key}` is required"),
    ("finding.ignored_in_mode", "ignored when invokeType is `{mode}`"),
    ("hint.remove_or_check_mode", "remove the key, or check invokeType"),
    (
        "finding.rollback_keeps_configuration_image",
        "a rollback restores the instances' system disks but not the scaling configuration's image",
    ),
    (
        "hint.rollback_keeps_configuration_image",
        "if the invoke changed a scaling configuration, set its image back too, or new instances will still start from the new image",
    ),
    (
        "finding.rollback_runs_shell_script.other",
        "a rollback always runs `rollbackScript` as {shell}; commandType `{kind}` is ignored",
    ),
    (
        "finding.rollback_runs_shell_script",
        "a rollback always runs `rollbackScript` as a Linux shell script ({shell})",
    ),
    ("hint.rollback_runs_shell_script", "Windows instances cannot be rolled back by this template"),
    (
        "finding.single_batch",
        "`batchNumber` is 1: every selected instance leaves service at the same time",
    ),
    ("hint.single_batch", "use 2 or more batches to keep the service up"),
    (
        "finding.process_left_suspended",
        "{processes} suspended at the start but not resumed at the end",
    ),
    ("hint.process_left_suspended", "add them to exitProcess, or resume them yourself afterwards"),
    ("hint.number_without_quotes", "write the number without quotes: {value}"),
    ("hint.without_quotes", "write it without quotes: {value}"),
    ("hint.write_a_list", "write a list, even for one value: [{value}]"),
    ("finding.wrong_type", "`{what}` must be {expected}, got {got}"),
    ("param.invokeType.label", "Invoke type"),
    (
        "param.invokeType.description",
        "invoke runs the update; rollback undoes an earlier invoke execution.",
    ),
    (
        "param.invokeType.flag",
        "invoke runs the update; rollback undoes an earlier invoke execution",
    ),
    (
        "param.invokeType.required_hint",
        "set it to `invoke` to run the update or `rollback` to undo one",
    ),
    ("param.invokeType.choice.invoke", "Run the update"),
    (
        "param.invokeType.choice.rollback",
        "Undo the instances of an earlier invoke execution (needs sourceExecutionId)",
    ),
    ("param.scalingGroupId.label", "Scaling group ID"),
    (
        "param.scalingGroupId.description",
        "The scaling group whose instances are updated (asg-...).",
    ),
    ("param.scalingGroupId.flag", "The scaling group whose instances are updated (asg-...)"),
    ("param.scalingGroupId.required_hint", "the ID of the scaling group to update, asg-..."),
    (
        "param.scalingGroupId.find_hint",
        "find it with `aliyun ess DescribeScalingGroups --region <region>`",
    ),
    ("param.scalingConfigurationId.label", "Scaling configuration ID"),
    (
        "param.scalingConfigurationId.description",
        "If set, OOS changes this scaling configuration's image to imageId before the batches run, so new instances also get the new image (asc-...). A rollback does not change it back. This plugin: `start` fills in the group's active scaling configuration when it is not given.",
    ),
    (
        "param.scalingConfigurationId.flag",
        "image: also change this scaling configuration's image; container: the ECI scaling configuration whose containers are set (asc-...)",
    ),
    ("param.scalingConfigurationId.required_hint", "give it a value"),
    (
        "param.scalingConfigurationId.find_hint",
        "find it with `aliyun ess DescribeScalingConfigurations --ScalingGroupId asg-...`",
    ),
    (
        "param.scalingConfigurationId.ignored_hint",
        "a rollback does not change the scaling configuration; restore its image separately (ess ModifyScalingConfiguration)",
    ),
    ("param.scalingConfigurationId.label.eci", "ECI scaling configuration ID"),
    (
        "param.scalingConfigurationId.description.eci",
        "The ECI scaling configuration whose containers OOS sets after the batches: to containerConfigure on invoke, to sourceContainerConfigure on rollback (asc-...).",
    ),
    (
        "param.scalingConfigurationId.required_hint.eci",
        "the group's ECI scaling configuration, asc-... (its ActiveScalingConfigurationId in `aliyun ess DescribeScalingGroups`)",
    ),
    ("param.imageId.label", "New image ID"),
    ("param.imageId.description", "The image each instance's system disk is replaced with."),
    ("param.imageId.flag", "image: the image each instance's system disk is replaced with"),
    ("param.imageId.required_hint", "the image to put on every instance"),
    ("param.imageId.find_hint", "find it with `aliyun ecs DescribeImages --region <region>`"),
    ("param.sourceImageId.label", "Rollback image ID"),
    (
        "param.sourceImageId.description",
        "The image a rollback puts back on each instance (the image before the update). OOS reads it from the rollback's own parameters and records nothing for it at invoke time. This plugin: `start` fills it in from the scaling configuration's current image, and `rollback` copies it from the source execution.",
    ),
    (
        "param.sourceImageId.flag",
        "image: the image a rollback puts back (the image before the update)",
    ),
    ("param.sourceImageId.required_hint", "the image the instances had before the update"),
    ("param.maxErrors.label", "Tolerated failures"),
    (
        "param.maxErrors.description",
        "How many instances may fail before the update stops (0 stops at the first failure). The container template declares it but its loop does not read it: there the first failure stops the update.",
    ),
    (
        "param.maxErrors.flag",
        "image, container: how many instances may fail before the update stops",
    ),
    ("param.commandType.label", "Command type"),
    (
        "param.commandType.description",
        "The kind of script to run. A rollback always runs RunShellScript.",
    ),
    ("param.commandType.flag", "command: RunShellScript, RunBatScript or RunPowerShellScript"),
    ("param.commandType.choice.RunBatScript", "A Windows batch (cmd) script"),
    ("param.commandType.choice.RunPowerShellScript", "A Windows PowerShell script"),
    ("param.commandType.choice.RunShellScript", "A Linux shell script"),
    ("param.invokeSourcePath.label", "File URL"),
    (
        "param.invokeSourcePath.description",
        "The URL of the file OOS downloads to each instance on invoke, into invokeDestinationDir, before it runs invokeScript. A rollback does not read it.",
    ),
    (
        "param.invokeSourcePath.flag",
        "file: the URL of the file an invoke downloads to each instance",
    ),
    (
        "param.invokeSourcePath.required_hint",
        "the URL of the file to download; OOS requires the key in both modes (the template declares no default), although a rollback does not read it",
    ),
    ("param.invokeBucketName.label", "OSS bucket"),
    (
        "param.invokeBucketName.description",
        "The OSS bucket holding the object OOS downloads to each instance on invoke. A rollback does not read it.",
    ),
    ("param.invokeBucketName.flag", "oss-file: the OSS bucket of the object an invoke downloads"),
    (
        "param.invokeBucketName.required_hint",
        "the bucket of the object to download; OOS requires the key in both modes (the template declares no default), although a rollback does not read it",
    ),
    ("param.invokeObjectName.label", "OSS object"),
    (
        "param.invokeObjectName.description",
        "The OSS object (its key in invokeBucketName) OOS downloads to each instance on invoke. A rollback does not read it.",
    ),
    ("param.invokeObjectName.flag", "oss-file: the OSS object an invoke downloads"),
    (
        "param.invokeObjectName.required_hint",
        "the object to download; OOS requires the key in both modes (the template declares no default), although a rollback does not read it",
    ),
    ("param.invokeDestinationDir.label", "Download directory"),
    (
        "param.invokeDestinationDir.description",
        "The directory on each instance the invoke's download is put in (the script runs after it). A rollback does not read it.",
    ),
    (
        "param.invokeDestinationDir.flag",
        "file, oss-file: the directory on each instance an invoke downloads into",
    ),
    (
        "param.invokeDestinationDir.required_hint",
        "the directory on each instance to download into; OOS requires the key in both modes (the template declares no default), although a rollback does not read it",
    ),
    ("param.invokeScript.label", "Script"),
    ("param.invokeScript.description", "The script run on each instance by an invoke execution."),
    (
        "param.invokeScript.flag",
        "command, file, oss-file: the script an invoke runs on each instance",
    ),
    (
        "param.invokeScript.file_flag",
        "command, file, oss-file: read the invoke script from this file",
    ),
    ("param.invokeScript.required_hint", "the script to run on every instance"),
    (
        "param.invokeScript.description.file",
        "The shell script OOS runs on each instance after the invoke's download; empty runs none.",
    ),
    ("param.rollbackSourcePath.label", "Rollback file URL"),
    (
        "param.rollbackSourcePath.description",
        "The URL of the file OOS downloads to each instance on rollback (the file before the update). OOS reads it from the rollback's own parameters. This plugin: `rollback` copies it from the source execution.",
    ),
    (
        "param.rollbackSourcePath.flag",
        "file: the URL of the file a rollback downloads to each instance",
    ),
    (
        "param.rollbackSourcePath.required_hint",
        "the URL of the file a rollback puts back; OOS requires the key in both modes (the template declares no default), although an invoke does not read it",
    ),
    ("param.rollbackBucketName.label", "Rollback OSS bucket"),
    (
        "param.rollbackBucketName.description",
        "The OSS bucket holding the object OOS downloads on rollback. OOS reads it from the rollback's own parameters. This plugin: `rollback` copies it from the source execution.",
    ),
    (
        "param.rollbackBucketName.flag",
        "oss-file: the OSS bucket of the object a rollback downloads",
    ),
    (
        "param.rollbackBucketName.required_hint",
        "the bucket of the object a rollback puts back; OOS requires the key in both modes (the template declares no default), although an invoke does not read it",
    ),
    ("param.rollbackObjectName.label", "Rollback OSS object"),
    (
        "param.rollbackObjectName.description",
        "The OSS object OOS downloads to each instance on rollback. OOS reads it from the rollback's own parameters. This plugin: `rollback` copies it from the source execution.",
    ),
    ("param.rollbackObjectName.flag", "oss-file: the OSS object a rollback downloads"),
    (
        "param.rollbackObjectName.required_hint",
        "the object a rollback puts back; OOS requires the key in both modes (the template declares no default), although an invoke does not read it",
    ),
    ("param.rollbackDestinationDir.label", "Rollback download directory"),
    (
        "param.rollbackDestinationDir.description",
        "The directory on each instance the rollback's download is put in. OOS reads it from the rollback's own parameters. This plugin: `rollback` copies it from the source execution.",
    ),
    (
        "param.rollbackDestinationDir.flag",
        "file, oss-file: the directory on each instance a rollback downloads into",
    ),
    (
        "param.rollbackDestinationDir.required_hint",
        "the directory a rollback downloads into; OOS requires the key in both modes (the template declares no default), although an invoke does not read it",
    ),
    ("param.rollbackScript.label", "Rollback script"),
    (
        "param.rollbackScript.description",
        "The shell script run on each instance by a rollback. OOS reads it from the rollback's own parameters and records nothing for it at invoke time. This plugin: `rollback` copies it from the source execution, so give it when you start the update.",
    ),
    (
        "param.rollbackScript.flag",
        "command, file, oss-file: the shell script a rollback runs on each instance",
    ),
    (
        "param.rollbackScript.file_flag",
        "command, file, oss-file: read the rollback script from this file",
    ),
    ("param.rollbackScript.required_hint", "the shell script that undoes the invoke script"),
    (
        "param.rollbackScript.description.file",
        "The shell script OOS runs on each instance after the rollback's download; empty runs none. OOS reads it from the rollback's own parameters. This plugin: `rollback` copies it from the source execution.",
    ),
    ("param.packageName.label", "Package name"),
    ("param.packageName.description", "The OOS package to configure on each instance."),
    ("param.packageName.flag", "package: the OOS package to configure"),
    ("param.packageName.required_hint", "the name of the OOS package"),
    ("param.packageVersion.label", "Package version"),
    (
        "param.packageVersion.description",
        "The package version; empty means the latest. A rollback applies the version it is given (for example the previous one).",
    ),
    ("param.packageVersion.flag", "package: the package version; empty means the latest"),
    ("param.action.label", "Package action"),
    ("param.action.description", "Whether to install or uninstall the package."),
    ("param.action.flag", "package: install or uninstall"),
    ("param.action.choice.install", "Install the package (or the given version)"),
    ("param.action.choice.uninstall", "Uninstall the package"),
    ("param.whetherSaveToFile.label", "Save the download to a file"),
    (
        "param.whetherSaveToFile.description",
        "The template's whetherSaveToFile switch of its download step (true: the download is kept as a file in the destination directory).",
    ),
    (
        "param.whetherSaveToFile.flag",
        "file, oss-file: true or false; the template's save-to-file switch",
    ),
    ("param.URLExpirationTime.label", "URL expiration (s)"),
    (
        "param.URLExpirationTime.description",
        "How many seconds the signed URL OOS makes for the OSS object stays valid.",
    ),
    (
        "param.URLExpirationTime.flag",
        "oss-file: how long the object's signed download URL is valid",
    ),
    ("param.OSSRegion.label", "OSS region"),
    (
        "param.OSSRegion.description",
        "The region of the OSS bucket; by default the region the execution runs in. Another region downloads over the public network.",
    ),
    ("param.OSSRegion.flag", "oss-file: the bucket's region; default the execution's"),
    ("param.containerConfigure.label", "Containers"),
    (
        "param.containerConfigure.description",
        "The containers OOS gives each container group on invoke, and then the ECI scaling configuration: a JSON list of ESS Container objects, each with at least a Name and an Image. A rollback does not read it.",
    ),
    (
        "param.containerConfigure.flag",
        "container: the containers as a JSON list ([{{\"Name\": ..., \"Image\": ...}}])",
    ),
    (
        "param.containerConfigure.file_flag",
        "container: read the containers (a JSON list) from this file",
    ),
    (
        "param.containerConfigure.required_hint",
        "the containers to roll out, as [{{\"Name\": \"web\", \"Image\": \"...\"}}]; OOS requires the key in both modes (the template declares no default)",
    ),
    ("param.sourceContainerConfigure.label", "Rollback containers"),
    (
        "param.sourceContainerConfigure.description",
        "The containers a rollback puts back on each container group and in the ECI scaling configuration (a JSON list like containerConfigure). OOS reads it from the rollback's own parameters. This plugin: `start` fills it in from the scaling configuration's current containers, and `rollback` copies it from the source execution.",
    ),
    (
        "param.sourceContainerConfigure.flag",
        "container: the containers a rollback puts back (a JSON list)",
    ),
    (
        "param.sourceContainerConfigure.file_flag",
        "container: read the containers a rollback puts back from this file",
    ),
    (
        "param.sourceContainerConfigure.required_hint",
        "the containers the group had before the update, as a JSON list; `rollback` copies them from the source execution, where `start` recorded them",
    ),
    ("param.updateType.label", "Update type"),
    ("param.updateType.description", "How each container group is updated."),
    ("param.updateType.flag", "container: IncrementalUpdate or RenewUpdate"),
    (
        "param.updateType.choice.RenewUpdate",
        "Replace the containers with exactly the given ones (what is not given is dropped)",
    ),
    (
        "param.updateType.choice.IncrementalUpdate",
        "Change only what the given containers set; the rest stays as it is",
    ),
    ("param.OOSAssumeRole.label", "OOS assume role"),
    (
        "param.OOSAssumeRole.description",
        "The RAM role OOS assumes to run the update; empty runs it with the caller's own permissions.",
    ),
    (
        "param.OOSAssumeRole.flag",
        "The RAM role OOS assumes; empty runs with the caller's permissions",
    ),
    (
        "param.OOSAssumeRole.description.file",
        "The RAM role OOS assumes to run the update; empty runs it with the caller's own permissions. The file templates default to OOSServiceRole, which must exist in the account.",
    ),
    ("param.enterProcess.label", "Processes to suspend"),
    (
        "param.enterProcess.description",
        "Scaling processes suspended when the update starts, so scaling does not fight it.",
    ),
    ("param.enterProcess.flag", "Scaling processes suspended during the update (comma-separated)"),
    (
        "param.enterProcess.ignored_hint",
        "a rollback takes these from the source execution; remove the key",
    ),
    ("param.enterProcess.choice.ScaleIn", "Scale-in activities (removing instances)"),
    ("param.enterProcess.choice.ScaleOut", "Scale-out activities (adding instances)"),
    ("param.enterProcess.choice.HealthCheck", "Health checks that replace unhealthy instances"),
    ("param.enterProcess.choice.AlarmNotification", "Scaling triggered by CloudMonitor alarms"),
    ("param.enterProcess.choice.ScheduledAction", "Scheduled scaling tasks"),
    ("param.exitProcess.label", "Processes to resume"),
    ("param.exitProcess.description", "Scaling processes resumed when the update ends."),
    ("param.exitProcess.flag", "Scaling processes resumed at the end (comma-separated)"),
    ("param.lifecycleState.label", "Lifecycle states"),
    ("param.lifecycleState.description", "Only instances in these lifecycle states are updated."),
    (
        "param.lifecycleState.flag",
        "image, command, package: only instances in these lifecycle states are updated (comma-separated)",
    ),
    (
        "param.lifecycleState.empty_message",
        "`lifecycleState` is empty, so no lifecycle state selects the instances",
    ),
    (
        "param.lifecycleState.empty_hint",
        "leave it out to update InService instances, or list the states",
    ),
    ("param.lifecycleState.choice.InService", "Instances serving traffic"),
    (
        "param.lifecycleState.choice.Protected",
        "Protected instances (unprotected for the update, protected again after)",
    ),
    ("param.sourceExecutionId.label", "Source execution ID"),
    (
        "param.sourceExecutionId.description",
        "For a rollback: the ID of the invoke execution to undo (exec-...), as its StartExecution returned it.",
    ),
    ("param.sourceExecutionId.flag", "rollback: the invoke execution to undo (exec-...)"),
    ("param.sourceExecutionId.required_hint", "the ID of the invoke execution to undo, exec-..."),
    (
        "param.sourceExecutionId.find_hint",
        "use the execution ID the invoke's StartExecution returned",
    ),
    ("param.batchNumber.label", "Number of batches"),
    (
        "param.batchNumber.description",
        "How many batches the instances are split into (1-100); each batch holds at least one instance.",
    ),
    ("param.batchNumber.flag", "How many batches the instances are split into (1-100)"),
    ("param.batchPauseOption.label", "Pause between batches"),
    (
        "param.batchPauseOption.description",
        "Whether the update waits for approval after the first batch, after every batch, or never.",
    ),
    ("param.batchPauseOption.flag", "Automatic, FirstBatchPause or EveryBatchPause"),
    ("param.batchPauseOption.choice.Automatic", "Run every batch without pausing"),
    (
        "param.batchPauseOption.choice.FirstBatchPause",
        "Pause after the first batch until approved, then run the rest",
    ),
    ("param.batchPauseOption.choice.EveryBatchPause", "Pause after every batch until approved"),
    ("error.bad_argument", "{flag}: {problem}"),
    (
        "error.bad_region",
        "`{region}` is not a region id; region ids look like cn-hangzhou or ap-southeast-1",
    ),
    ("error.bad_id", "`{value}` is not {what} id; it looks like {prefix}... (letters and digits)"),
    ("error.bad_id.execution", "an execution"),
    ("error.bad_id.group", "a scaling group"),
    (
        "error.unknown_template",
        "unknown template `{name}`: expected image, command, package, file, oss-file, container or one of their full names ({names})",
    ),
    ("next.approve", "continue with the next batch: {command}"),
    ("next.status_so_far", "see what has been done so far: {command}"),
    ("next.cancel_here", "stop here: {command}"),
    ("next.rollback_update", "undo the update: {command}"),
    ("next.status_failed", "see which instances failed and why: {command}"),
    (
        "next.cleanup",
        "resume the group's processes and take instances out of Standby: run the clean-up commands printed with this result",
    ),
    (
        "next.cleanup_status",
        "resume the group's processes and take instances out of Standby: run the clean-up commands printed with this result (`{command}` prints them too)",
    ),
    ("next.rollback_changed", "undo the instances it changed: {command}"),
    ("next.wait", "follow it to the end: {command}"),
    ("next.cancel", "stop it: {command}"),
    (
        "hint.api.access_key_unknown",
        "the AccessKey ID is unknown or disabled; check the profile with `aliyun configure list`",
    ),
    (
        "hint.api.sts_token",
        "the STS token expired or does not match the AccessKey; fetch new temporary credentials",
    ),
    (
        "hint.api.clock",
        "the request's time was refused: check the clock of this machine (sync it, e.g. with NTP) and retry; `aliyun rolling-update doctor` shows the offset",
    ),
    ("hint.api.template_region", "the template is not available in this region; check --region"),
    ("hint.api.not_found", "check the id and the region (--region): executions are regional"),
    (
        "hint.api.signature",
        "check the AccessKey secret: it does not match the AccessKey ID (or the clock is off); run `aliyun rolling-update doctor`",
    ),
    (
        "hint.api.permission",
        "the RAM user lacks a permission; `aliyun rolling-update doctor` lists what is missing",
    ),
    (
        "hint.api.throttling",
        "the API is throttling calls; wait a little and retry, or raise --retry-count",
    ),
    ("hint.api.server", "a temporary server fault; retry later"),
    ("error.line", "Error: {error}"),
    ("error.recommend_line", "Recommend: {link}"),
    ("error.hint_line", "Hint: {hint}"),
    (
        "hint.send.no_response",
        "the request may have been applied; check with `aliyun rolling-update status <execution-id>` (or `list`) before running it again",
    ),
    (
        "hint.send.timed_out",
        "the network path to the endpoint is not answering: check --endpoint, a proxy (HTTPS_PROXY) or a firewall; on a slow link raise --read-timeout. A change may have been applied; check with `status` or `list` before running it again",
    ),
    (
        "hint.send.connect",
        "nothing answers at the endpoint: check --endpoint, the region, DNS and the network",
    ),
    ("validate.one_warning", "1 warning"),
    ("validate.warnings", "{n} warnings"),
    ("validate.one_error", "1 error"),
    ("validate.errors", "{n} errors"),
    ("validate.valid", "valid ({warnings})"),
    ("validate.invalid", "invalid ({errors}, {warnings})"),
    ("error.reading_stdin", "reading standard input"),
    ("error.cannot_read", "cannot read {name}: {error}"),
    ("error.not_utf8", "{name} is not UTF-8 text"),
    (
        "note.bom",
        "note: {name} starts with a UTF-8 byte-order mark (as Windows editors write); it was ignored. `aliyun ... --Parameters-FILE` would send it as it is: save the file as UTF-8 without BOM for that",
    ),
    (
        "help.rolling-update.about",
        "Rolling updates of Auto Scaling (ESS) groups, run by CloudOps Orchestration Service (OOS)",
    ),
    (
        "help.rolling-update.long_about",
        "Rolling updates of Auto Scaling (ESS) groups, run by CloudOps Orchestration Service (OOS).\n\nValidates template parameters before anything runs, writes commands that are right for your shell, and starts, follows, approves, cancels and rolls back updates.",
    ),
    (
        "help.rolling-update.after_help",
        "Exit codes: 0 ok, 1 rejected or failed, 2 usage or configuration error, 3 update failed, 4 cancelled, 5 paused for approval, 6 --timeout reached, 7 a gate failed and the rollback succeeded, 8 a gate failed (left paused, cancelled, or the rollback failed), 130 interrupted.\nRun `aliyun rolling-update <verb> --help` for a verb's flags.",
    ),
    (
        "help.global.endpoint",
        "Send every call (OOS and ESS) to this host name or URL; plain http:// only for loopback addresses. Default: $ALIBABA_CLOUD_ENDPOINT, else the regional endpoints",
    ),
    (
        "help.global.insecure",
        "With a bare HOST:PORT endpoint, use plain http, as the host's --insecure does; only for loopback addresses",
    ),
    (
        "help.global.cli_query",
        "Filter the JSON output with a JMESPath expression, as the aliyun CLI does",
    ),
    (
        "help.global.cli_dry_run",
        "Verbs that change something (start, rollback, approve, cancel): print the request and the equivalent `aliyun oos ...` command, send nothing",
    ),
    (
        "help.global.signature_algorithm",
        "The request signature: ACS3-HMAC-SHA256 (default) or the older RPC HMAC-SHA1",
    ),
    ("help.global.region", "The region to call (overrides the profile's)"),
    (
        "help.global.yes",
        "Answer yes to confirmation prompts; required by start, rollback and cancel when there is no terminal to ask on",
    ),
    ("help.global.help", "Print help (see more with '--help')"),
    ("help.global.help.long", "Print help (see a summary with '-h')"),
    (
        "help.validate.about",
        "Check a parameters file against a template; findings on stderr, JSON on stdout",
    ),
    (
        "help.validate.long_about",
        "Check a parameters file against a template; findings on stderr, JSON on stdout.\n\nExits 0 when valid (warnings allowed), 1 when any finding is an error, 2 on usage errors.",
    ),
    (
        "help.validate.template",
        "Template: image, command, package, or a full ACS-ESS-RollingUpdate... name",
    ),
    ("help.validate.file", "The parameters file (JSON); `-` reads standard input"),
    (
        "help.schema.about",
        "Print the JSON Schema (draft-07) of a template's parameters, for editors",
    ),
    (
        "help.schema.template",
        "Template: image, command, package, or a full ACS-ESS-RollingUpdate... name",
    ),
    ("help.render.about", "Print a ready-to-paste command for your shell (validated first)"),
    (
        "help.render.long_about",
        "Print a ready-to-paste command for your shell (validated first).\n\nPrints `aliyun oos StartExecution ...` (or, with --plugin, `aliyun rolling-update start ...`) on stdout and nothing else; findings go to stderr. Exits 1 when a finding is an error (no command is printed), 2 on usage errors.",
    ),
    (
        "help.render.template",
        "Template: image, command, package, file, oss-file, container, or a full ACS-ESS-RollingUpdate... name",
    ),
    (
        "help.render.parameters-file",
        "A whole payload (JSON object) to start from; parameter flags override its keys",
    ),
    ("help.render.shell", "The shell the command is for; bash is also right for zsh, dash and sh"),
    (
        "help.render.plugin",
        "Print this plugin's own `aliyun rolling-update start ...` instead of `aliyun oos StartExecution ...`",
    ),
    (
        "help.render.parameters_out",
        "Write the parameters (JSON, UTF-8) to this file and make the command read it (`--Parameters-FILE`, or `--parameters-file` with --plugin)",
    ),
    (
        "help.render.from_command",
        "Read a pasted command from this file (`-` for standard input) instead of the flags, to write it for another shell; parameter flags given beside it override its values",
    ),
    ("help.render.from_shell", "The shell the pasted command (--from-command) was written for"),
    (
        "help.start.about",
        "Start a rolling update: validate, check the group, fill in image fields, start once",
    ),
    (
        "help.start.long_about",
        "Start a rolling update: validate, check the group, fill in image fields, start once.\n\nPrints the execution id and the exact rollback command (JSON on stdout). With --wait, follows it and exits as `wait` does. With a gate (--check, --alarm, --bake) it tries the gates once first, starts with EveryBatchPause (unless --batch-pause-option says otherwise), approves each healthy batch itself and exits 0, 7 or 8 (see \"Health gates\"). Asks for confirmation on a terminal unless -y; without a terminal it needs -y (exit 2 otherwise). When the same update (same ClientToken) is already running it follows it instead; when it already ended it exits 1 and says to pass --change-id. Exits 1 when validation or a pre-flight check refuses.",
    ),
    (
        "help.start.template",
        "Template: image, command, package, file, oss-file, container, or a full ACS-ESS-RollingUpdate... name",
    ),
    (
        "help.start.parameters-file",
        "A whole payload (JSON object) to start from; parameter flags override its keys",
    ),
    (
        "help.start.change_id",
        "Makes a deliberate repeat of the same update distinct (e.g. a change ticket id); it goes into the ClientToken",
    ),
    ("help.start.client_token", "Use this ClientToken instead of the derived one"),
    (
        "help.start.wait",
        "Follow the update to its end, as `wait` does (exit codes of `wait`). Implied by a gate",
    ),
    (
        "help.start.through_pauses",
        "Keep following through batch pauses instead of exiting 5 at the first one",
    ),
    (
        "help.start.timeout",
        "Stop following after this long and exit 6: seconds, or e.g. 90s, 30m, 2h",
    ),
    (
        "help.start.check",
        "A command run by `sh -c` (`cmd /C` on Windows) after each batch; exit 0 = healthy. It gets RU_EXECUTION_ID, RU_SCALING_GROUP_ID, RU_REGION, RU_BATCH, RU_BATCHES, RU_INSTANCE_IDS and RU_INSTANCE_IPS, and no credential. Tried once on the whole group (RU_BATCH=0) before anything starts",
    ),
    (
        "help.start.check_timeout",
        "With --check: a check running longer is unhealthy: seconds, or e.g. 90s, 5m (default 5m)",
    ),
    (
        "help.start.alarms",
        "A CloudMonitor alarm rule id (repeatable, or comma-separated); ALARM means unhealthy",
    ),
    (
        "help.start.bake",
        "How long a finished batch must stay healthy (alarms watched meanwhile): e.g. 5m",
    ),
    ("help.start.on_unhealthy", "With a gate: what a failed gate does (default pause)"),
    (
        "help.start.insufficient_data_ok",
        "With --alarm: count a rule in INSUFFICIENT_DATA after the bake as healthy (default: unhealthy)",
    ),
    (
        "help.rollback.about",
        "Undo an earlier update: parameters derived from that execution, flags override them",
    ),
    (
        "help.rollback.long_about",
        "Undo an earlier update: parameters derived from that execution, flags override them.\n\nRuns start's pre-flight on the group, warns when the group was updated since, and asks \"Start this rollback?\" unless -y (without a terminal it needs -y, exit 2 otherwise). With --cli-dry-run it reads the source execution only. Takes the gates as `start` does, except --on-unhealthy rollback (a rollback is not rolled back).",
    ),
    ("help.rollback.execution_id", "The invoke execution to undo (exec-...)"),
    (
        "help.rollback.source_image_id",
        "image: the image to put back (default: the source's sourceImageId)",
    ),
    (
        "help.rollback.rollback_script",
        "command: the script that undoes the update (default: the source's rollbackScript)",
    ),
    ("help.rollback.rollback_script_file", "command: read the rollback script from this file"),
    (
        "help.rollback.package_version",
        "package: the version to go back to (default: the source's packageVersion)",
    ),
    ("help.rollback.batch_number", "How many batches (default: the source's)"),
    (
        "help.rollback.batch_pause_option",
        "Automatic, FirstBatchPause or EveryBatchPause (default: the source's)",
    ),
    ("help.rollback.change_id", "Makes a deliberate second rollback of the same source distinct"),
    ("help.rollback.client_token", "Use this ClientToken instead of the derived one"),
    ("help.rollback.wait", "Follow the rollback to its end, as `wait` does. Implied by a gate"),
    (
        "help.rollback.through_pauses",
        "Keep following through batch pauses instead of exiting 5 at the first one",
    ),
    (
        "help.rollback.timeout",
        "Stop following after this long and exit 6: seconds, or e.g. 90s, 30m, 2h",
    ),
    (
        "help.rollback.check",
        "A command run by `sh -c` (`cmd /C` on Windows) after each batch; exit 0 = healthy. It gets RU_EXECUTION_ID, RU_SCALING_GROUP_ID, RU_REGION, RU_BATCH, RU_BATCHES, RU_INSTANCE_IDS and RU_INSTANCE_IPS, and no credential. Tried once on the whole group (RU_BATCH=0) before anything starts",
    ),
    (
        "help.rollback.check_timeout",
        "With --check: a check running longer is unhealthy: seconds, or e.g. 90s, 5m (default 5m)",
    ),
    (
        "help.rollback.alarms",
        "A CloudMonitor alarm rule id (repeatable, or comma-separated); ALARM means unhealthy",
    ),
    (
        "help.rollback.bake",
        "How long a finished batch must stay healthy (alarms watched meanwhile): e.g. 5m",
    ),
    ("help.rollback.on_unhealthy", "With a gate: what a failed gate does (default pause)"),
    (
        "help.rollback.insufficient_data_ok",
        "With --alarm: count a rule in INSUFFICIENT_DATA after the bake as healthy (default: unhealthy)",
    ),
    (
        "help.status.about",
        "Show an execution: state, batches as OOS formed them, instances, failures, next steps",
    ),
    (
        "help.status.long_about",
        "Show an execution: state, batches as OOS formed them, instances, failures, next steps.\n\nA gated update also shows its gates, as the run that gated it recorded them in the execution's tag rolling-update:gates.",
    ),
    ("help.status.execution_id", "The execution (exec-...)"),
    (
        "help.status.verbose",
        "Name every instance of every batch (on a group of more than 20 instances, `status` otherwise shows counts per batch and names only failed and unfinished instances; the JSON always holds every instance)",
    ),
    ("help.wait.about", "Follow an execution until it ends"),
    (
        "help.wait.long_about",
        "Follow an execution until it ends.\n\nExits 0 success, 3 failed, 4 cancelled, 5 paused for approval (unless --through-pauses), 6 --timeout reached, 130 on Ctrl-C (the update goes on). With a gate, tries the gates once, then approves each healthy batch: 0, 7 or 8 (see \"Health gates\").",
    ),
    ("help.wait.execution_id", "The execution (exec-...)"),
    (
        "help.wait.through_pauses",
        "Keep following through batch pauses instead of exiting 5 at the first one",
    ),
    (
        "help.wait.timeout",
        "Stop following after this long and exit 6: seconds, or e.g. 90s, 30m, 2h",
    ),
    (
        "help.wait.check",
        "A command run by `sh -c` (`cmd /C` on Windows) after each batch; exit 0 = healthy. It gets RU_EXECUTION_ID, RU_SCALING_GROUP_ID, RU_REGION, RU_BATCH, RU_BATCHES, RU_INSTANCE_IDS and RU_INSTANCE_IPS, and no credential. Tried once on the whole group (RU_BATCH=0) before anything starts",
    ),
    (
        "help.wait.check_timeout",
        "With --check: a check running longer is unhealthy: seconds, or e.g. 90s, 5m (default 5m)",
    ),
    (
        "help.wait.alarms",
        "A CloudMonitor alarm rule id (repeatable, or comma-separated); ALARM means unhealthy",
    ),
    (
        "help.wait.bake",
        "How long a finished batch must stay healthy (alarms watched meanwhile): e.g. 5m",
    ),
    ("help.wait.on_unhealthy", "With a gate: what a failed gate does (default pause)"),
    (
        "help.wait.insufficient_data_ok",
        "With --alarm: count a rule in INSUFFICIENT_DATA after the bake as healthy (default: unhealthy)",
    ),
    (
        "help.approve.about",
        "Continue a batch-paused update (NotifyExecution Approve on the Waiting task)",
    ),
    (
        "help.approve.long_about",
        "Continue a batch-paused update (NotifyExecution Approve on the Waiting task).\n\nExits 1, sending nothing, when no top-level task of the execution is Waiting. Then re-reads the execution until it leaves Waiting (up to 12 polls, 60 s against the cloud); exits 5, without approving again, when it does not.",
    ),
    ("help.approve.execution_id", "The execution (exec-...)"),
    (
        "help.cancel.about",
        "Cancel an update, then print the commands that resume the group's processes and take instances out of Standby",
    ),
    (
        "help.cancel.long_about",
        "Cancel an update, then print the commands that resume the group's processes and take instances out of Standby.\n\nAsks for confirmation on a terminal unless -y; without a terminal it needs -y (exit 2 otherwise).",
    ),
    ("help.cancel.execution_id", "The execution (exec-...)"),
    ("help.list.about", "Recent rolling-update executions, newest first"),
    ("help.list.scaling_group_id", "Only executions that update this scaling group"),
    (
        "help.list.status",
        "Only executions in this status (Running, Waiting, Success, Failed, Cancelled, ...)",
    ),
    (
        "help.list.max_results",
        "At most this many executions, newest first (pages are fetched as needed)",
    ),
    (
        "help.plan.about",
        "Preview the batches: offline with --instances N, or live from --scaling-group-id",
    ),
    ("help.plan.instances", "Plan offline for this many instances instead of reading the group"),
    (
        "help.plan.template",
        "Template: image, command, package, file, oss-file, container, or a full ACS-ESS-RollingUpdate... name",
    ),
    (
        "help.plan.parameters-file",
        "A whole payload (JSON object) to start from; parameter flags override its keys",
    ),
    (
        "help.doctor.about",
        "Check credentials, region, clock and RAM permissions; prints where each came from",
    ),
    (
        "help.demo.about",
        "Watch a whole rolling update in a local SIMULATION: no account, nothing in the cloud",
    ),
    (
        "help.demo.long_about",
        "Watch a whole rolling update in a local SIMULATION: no account, nothing in the cloud.\n\nStarts the simulator in-process on a free 127.0.0.1 port with a six-instance group and runs the plugin's own verbs against it, with real signed requests: plan, start (an image update in 3 batches, paused after the first), approve, wait, status, rollback. Each step is printed as the command you would type. `--scenario failure` makes an instance fail and shows the way out (status, the clean-up commands, rollback); `--scenario canary` gates each batch with a check and an alarm rule and rolls back automatically when the alarm fires at batch 2. Needs no credentials or ~/.aliyun/config.json. Takes about 20 seconds; exits 0 when every step ended as scripted.",
    ),
    (
        "help.demo.scenario",
        "Which story to play: a successful update and its rollback, a failed instance, or a health-gated canary rolled back when its alarm fires",
    ),
    (
        "help.demo.template",
        "Which template the demo's update runs: image, command, package, file, oss-file or container (an ECI group)",
    ),
    (
        "help.demo.speed",
        "How many times faster than real time the simulation runs (lower it to watch slowly)",
    ),
    ("help.version.about", "Print the plugin's version"),
    ("help.help.about", "Print this message or the help of the given subcommand(s)"),
    ("help.heading.usage", "Usage:"),
    ("help.heading.options", "Options:"),
    ("help.heading.commands", "Commands:"),
    ("help.heading.arguments", "Arguments:"),
    ("help.heading.global", "Global options:"),
    ("help.see_more", "(see more with '--help')"),
    ("help.see_summary", "(see a summary with '-h')"),
    (
        "error.no_terminal",
        "no terminal to ask \"{question}\" on: pass -y (--yes) to go ahead without asking",
    ),
    (
        "error.endpoint_plain_http",
        "--endpoint {endpoint}: plain http:// is allowed only for loopback addresses (127.0.0.1, ::1, localhost); use https://",
    ),
    (
        "error.insecure_not_loopback",
        "--insecure with endpoint {endpoint}: plain http is used only for loopback addresses (127.0.0.1, ::1, localhost); drop --insecure to use https",
    ),
    (
        "note.simulation",
        "note: this endpoint is a SIMULATION (it answers x-simulation: true): no Alibaba Cloud account is used and nothing in the cloud changes",
    ),
    (
        "note.poll_ms_ignored",
        "note: {var} is ignored: it is only for the local simulator (a loopback --endpoint); `wait` keeps its documented pace",
    ),
    (
        "help.rollback.action",
        "package: install (with --package-version) or uninstall (default: the source's action)",
    ),
    ("start.filled_in", "filled in {key} = {value}: {reason}"),
    ("start.warning", "warning: {warning}"),
    ("start.refused", "refused: {message}"),
    ("error.plan_needs_input", "plan needs --instances N (offline) or --scaling-group-id (live)"),
    ("error.render_needs_template", "render needs --template (or --from-command)"),
];
