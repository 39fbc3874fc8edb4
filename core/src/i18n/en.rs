//! English texts: `(key, text)`, `{name}` for a placeholder. Every key here is in
//! `zh_cn.rs` too, with the same placeholders (`core/tests/texts.rs`).
//!
//! Keys are dotted, by where the text appears: `finding.<code>.<case>` and `hint.<...>` for
//! validation, `param.<key>.<what>` for a parameter of the table, `help.<verb>.about`,
//! `help.<verb>.<arg-id>`, `help.global.<arg-id>` and `help.<verb>.examples` for `--help`,
//! `error.<...>` for the plugin's errors, `wait.<...>` for following an update, `page.<...>` for
//! the page's interface.

/// The English table.
pub const TEXTS: &[(&str, &str)] = &[
    ("i18n.example", "example for {name}"),
    ("page.title", "Rolling update command writer"),
    (
        "page.intro",
        "Fill in an ESS rolling update run by OOS and copy a command that is right for your shell. Everything happens in this page: nothing is sent anywhere.",
    ),
    ("page.language", "Language"),
    ("page.loading", "Loading…"),
    (
        "page.fail.file",
        "This page cannot run from a file: its WebAssembly module only loads over HTTP. Serve the folder (for example with web-demo/serve.sh) and open http://127.0.0.1:8080/ instead.",
    ),
    (
        "page.fail.noscript",
        "This page needs JavaScript: it builds the form, checks the values and writes the command in your browser, and sends nothing anywhere. Turn JavaScript on for this page, or run aliyun rolling-update render in a terminal.",
    ),
    (
        "page.fail.nowasm",
        "This browser has no WebAssembly (or it is turned off), and the page checks values and writes commands in WebAssembly. Use a current browser with WebAssembly on, or run aliyun rolling-update render in a terminal.",
    ),
    (
        "page.fail.load",
        "The page could not start: {error}. Reload it; if it still fails, run aliyun rolling-update render in a terminal.",
    ),
    ("page.fail.timeout", "its files did not finish loading within 20 seconds"),
    ("page.fail.script", "a file of the page did not load ({file})"),
    ("page.import.summary", "Import a command or a parameters JSON"),
    ("page.import.label", "A command or a parameters JSON to load into the form"),
    ("page.import.shell", "Written for"),
    ("page.import.json", "JSON (parameters only)"),
    ("page.import.button", "Import"),
    (
        "page.import.loaded",
        "Loaded {count} parameters into the {template} template, read as {shell}.",
    ),
    ("page.import.loaded_json", "Loaded {count} parameters into the {template} template."),
    ("page.import.file_note", "It reads its parameters from {file}: import that file's JSON too."),
    ("page.import.unknown", "Not parameters of this template, left out: {keys}."),
    ("page.import.failed", "Could not import: {error}"),
    ("page.import.not_object", "the parameters must be a JSON object"),
    ("page.what.heading", "What to run"),
    ("page.template", "Template"),
    ("page.mode", "Mode"),
    ("page.region", "Region"),
    ("page.region.placeholder", "the profile's region"),
    (
        "page.region.help",
        "Written as --region; leave it empty to use your aliyun CLI profile's region.",
    ),
    ("page.params.heading", "Parameters"),
    (
        "page.params.help",
        "Greyed text is the template's default: it applies when you leave a field empty, and only the fields you fill go into the command.",
    ),
    ("page.advanced", "Advanced: {count} more parameters"),
    ("page.required", "(required)"),
    ("page.default", "(default: {value})"),
    ("page.not_set", "(not set)"),
    ("page.help.any_of", "Comma-separated, any of: {list}."),
    ("page.help.one_of", "One of: {list}."),
    ("page.help.range", "From {min} to {max}."),
    ("page.help.prefix", "Starts with {prefix}."),
    ("page.help.default", "Default: {value}."),
    ("page.help.default_empty", "Default: empty."),
    ("page.help.duration", "Seconds, or for example 90s, 5m, 1h30m."),
    ("page.help.list", "Comma-separated."),
    (
        "page.relevance.recorded",
        "Not used by this run. OOS keeps it with the execution's parameters, and this plugin's rollback copies it from there.",
    ),
    ("page.gate.heading", "Health gates (optional)"),
    (
        "page.gate.help",
        "Let a check command and CloudMonitor alarms judge each finished batch: the plugin approves a healthy batch itself and acts when one is unhealthy. Only the plugin command carries these (OOS itself has no gates).",
    ),
    ("page.gate.count", "{count} set"),
    ("page.out.heading", "Command"),
    ("page.problems.one", "1 problem to fix: Copy is off until it is fixed."),
    ("page.problems.many", "{count} problems to fix: Copy is off until they are fixed."),
    ("page.use_file", "Read the parameters from params.json"),
    (
        "page.use_file.help",
        "Passes --Parameters-FILE params.json instead of inline JSON, which no shell can mangle. Download the file below.",
    ),
    ("page.tabs.label", "Shell"),
    ("page.tab.plugin", "Plugin command"),
    ("page.tab.params", "params.json"),
    ("page.plugin_shell", "For the shell"),
    ("page.one_line", "On one line"),
    ("page.copy", "Copy command"),
    ("page.download", "Download params.json"),
    ("page.copied", "Copied."),
    ("page.selected", "Selected: press Ctrl+C to copy."),
    ("page.ready", "Command ready for {shell}."),
    ("page.plan.heading", "Batch plan"),
    ("page.plan.instances", "Instances in the group"),
    ("page.plan.help", "Uses the form's batchNumber and batchPauseOption. {rule}."),
    ("page.plan.bad", "Enter the number of instances (0-100000)."),
    ("page.plan.caption", "{batches} batches, {pauses} pauses for approval"),
    ("page.plan.batch", "Batch"),
    ("page.plan.count", "Instances"),
    ("page.plan.out", "Out of service"),
    ("page.plan.then", "Then"),
    ("page.plan.serving", "Serving"),
    ("page.plan.wait", "wait for approval"),
    (
        "page.plan.bar",
        "Batch {number}: {out} of {total} instances out of service, {serving} serving",
    ),
    ("page.plan.bar_pause", "then a pause for approval"),
    (
        "page.plan.chart",
        "Batch plan: {batches} batches of {total} instances, {pauses} pauses for approval",
    ),
    ("page.finding.error", "Error:"),
    ("page.finding.warning", "Warning:"),
    ("page.finding.hint", "Hint:"),
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
    ("refresh.param.scalingGroupId", "The scaling group to refresh (asg-...)."),
    (
        "refresh.param.imageId",
        "Desired configuration: replace instances with ones from this image (not for a launch-template group).",
    ),
    (
        "refresh.param.scalingConfigurationId",
        "Desired configuration: replace instances with ones from this scaling configuration of the group (asc-...).",
    ),
    (
        "refresh.param.launchTemplateId",
        "Desired configuration: replace instances with ones from this launch template (lt-...).",
    ),
    (
        "refresh.param.launchTemplateVersion",
        "With --launch-template-id: a version number, Default or Latest (Default and Latest cannot be rolled back).",
    ),
    (
        "refresh.param.launchTemplateOverrideInstanceTypes",
        "With --launch-template-id: an instance type that overrides the template's (repeatable, or comma-separated).",
    ),
    (
        "refresh.param.minHealthyPercentage",
        "Share of the group's capacity that stays in service during the refresh, 0-100 (ESS default 80).",
    ),
    (
        "refresh.param.maxHealthyPercentage",
        "Share of the group's capacity allowed while new instances start before old ones go, 100-200 (ESS default 120).",
    ),
    (
        "refresh.param.skipMatching",
        "true: leave instances already on the desired scaling configuration alone (ESS default true).",
    ),
    (
        "refresh.param.checkpoints",
        "Checkpoints: percentages of capacity replaced at which the refresh pauses, ascending, the last 100 (e.g. 20,50,100).",
    ),
    (
        "refresh.param.checkpointPauseTime",
        "Minutes a checkpoint pauses before ESS resumes by itself, 1-2880 (ESS default 60).",
    ),
    ("refresh.finding.not_an_object", "the refresh parameters must be a JSON object"),
    ("refresh.finding.unknown_key", "`{key}` is not a parameter of an instance refresh"),
    ("refresh.hint.known_keys", "the parameters are: {keys}"),
    ("refresh.finding.wrong_type", "`{key}` must be {expected}"),
    ("refresh.finding.wrong_item", "each item of `{key}` must be {expected}"),
    ("refresh.kind.string", "a string"),
    ("refresh.kind.boolean", "true or false"),
    ("refresh.kind.integer", "a whole number"),
    ("refresh.kind.list", "a list"),
    ("refresh.finding.duplicate_item", "`{key}` lists `{value}` twice"),
    ("refresh.finding.empty_value", "`{key}` is empty"),
    ("refresh.finding.masked_id", "`{key}` is `{value}`, a masked example ID"),
    ("refresh.hint.masked_id", "copy the real ID from the console or a Describe call"),
    ("refresh.finding.bad_id", "`{key}` is `{value}`, which is not an ID of that kind"),
    ("refresh.hint.prefix", "it starts with `{prefix}` and has no blanks"),
    ("refresh.finding.out_of_range", "`{key}` is {value}, outside {min}-{max}"),
    ("refresh.finding.missing_required", "`{key}` is required"),
    ("refresh.hint.flag", "give --{flag}"),
    (
        "refresh.finding.two_desired_kinds",
        "`{key}` and `{other}` are two desired configurations; a refresh takes at most one",
    ),
    (
        "refresh.hint.one_desired_kind",
        "give one of an image, a scaling configuration or a launch template (with its version and instance types), or none for the group's active configuration",
    ),
    ("refresh.finding.needs_launch_template", "`{key}` needs `launchTemplateId`"),
    (
        "refresh.finding.version_no_rollback",
        "launch template version `{version}` is not pinned: ESS cannot roll this refresh back",
    ),
    ("refresh.hint.version_number", "give a version number to keep the rollback"),
    (
        "refresh.finding.min_above_max",
        "minHealthyPercentage ({min}) is above maxHealthyPercentage ({max})",
    ),
    (
        "refresh.finding.pause_without_checkpoints",
        "`checkpointPauseTime` is ignored without `checkpoints`",
    ),
    ("refresh.finding.no_checkpoints", "`checkpoints` is an empty list"),
    ("refresh.hint.leave_out_checkpoints", "leave `checkpoints` out for a refresh without pauses"),
    (
        "refresh.finding.checkpoints_ascending",
        "checkpoint {value} does not come after {before}: checkpoints must be ascending",
    ),
    (
        "refresh.finding.last_checkpoint",
        "the last checkpoint is {value}; ESS requires it to be 100",
    ),
    ("refresh.hint.last_checkpoint", "end the list with 100"),
    (
        "refresh.plan.documented",
        "MinHealthyPercentage = MaxHealthyPercentage = 100: ESS documents one instance replaced at a time",
    ),
    (
        "refresh.plan.assumed",
        "assumed from MinHealthyPercentage {min} and MaxHealthyPercentage {max}: up to {surge} new instances above the group's size and up to {out} out of service at once; ESS documents only the 100/100 case",
    ),
    ("refresh.schema.dollar_schema", "The schema this file follows; ignored."),
    (
        "refresh.schema.description",
        "Instance refresh (`--template {short}`): Auto Scaling replaces the group's instances with new ones from the desired configuration, batch by batch, and releases the old ones. The parameters of StartInstanceRefresh; at most one desired configuration; minHealthyPercentage <= maxHealthyPercentage; checkpoints ascending, the last 100.",
    ),
    ("error.bad_id.refresh_task", "an instance refresh task"),
    ("page.refresh.title", "Replace instances (ESS instance refresh)"),
    (
        "page.refresh.description",
        "ESS launches new instances from a desired configuration and releases the old ones, batch by batch; instance ids, IPs and local data are not kept.",
    ),
    ("template.image.title", "Rolling update: replace the system disk image"),
    ("template.command.title", "Rolling update: run a script"),
    ("template.package.title", "Rolling update: install or uninstall an OOS package"),
    ("template.file.title", "Rolling update: download a file and run a script"),
    ("template.oss-file.title", "Rolling update: download an OSS object and run a script"),
    ("template.container.title", "Rolling update: update the containers of an ECI group"),
    (
        "template.image.description",
        "Puts each instance of the scaling group in Standby, replaces its system disk with a new image, starts it and returns it to service, batch by batch.",
    ),
    (
        "template.command.description",
        "Puts each instance of the scaling group in Standby, runs a Cloud Assistant script on it and returns it to service, batch by batch.",
    ),
    (
        "template.package.description",
        "Puts each instance of the scaling group in Standby, installs or uninstalls an OOS package on it and returns it to service, batch by batch.",
    ),
    (
        "template.file.description",
        "Downloads a file from a URL to each instance of the scaling group and runs a script, batch by batch, without Standby; also installs a scale-out lifecycle hook so that new instances get the same file.",
    ),
    (
        "template.oss-file.description",
        "Downloads an OSS object to each instance of the scaling group and runs a script, batch by batch, without Standby; also installs a scale-out lifecycle hook so that new instances get the same object.",
    ),
    (
        "template.container.description",
        "Puts each elastic container instance of an ECI scaling group in Standby, updates its containers and returns it to service, batch by batch; then sets the same containers in the ECI scaling configuration.",
    ),
    ("gate.check.label", "Check command"),
    (
        "gate.check.description",
        "Run by the plugin's shell (sh -c, cmd /C on Windows) after each batch; exit 0 means healthy. It gets RU_EXECUTION_ID, RU_SCALING_GROUP_ID, RU_REGION, RU_BATCH, RU_BATCHES, RU_INSTANCE_IDS and RU_INSTANCE_IPS, and no credential.",
    ),
    ("gate.checkTimeout.label", "Check timeout"),
    ("gate.checkTimeout.description", "A check that runs longer is unhealthy."),
    ("gate.alarms.label", "CloudMonitor alarm rules"),
    (
        "gate.alarms.description",
        "Alarm rule ids; a batch is unhealthy when any of them is in ALARM during or after the bake.",
    ),
    ("gate.bake.label", "Bake time"),
    (
        "gate.bake.description",
        "How long a finished batch must stay healthy before it counts (the alarms are watched meanwhile).",
    ),
    ("gate.onUnhealthy.label", "When a gate fails"),
    ("gate.onUnhealthy.description", "What the plugin does when a batch is unhealthy."),
    ("gate.insufficientDataOk.label", "Insufficient data is healthy"),
    (
        "gate.insufficientDataOk.description",
        "Count an alarm rule in INSUFFICIENT_DATA after the bake as healthy (by default it is unhealthy: no data is no evidence of health).",
    ),
    ("gate.onUnhealthy.choice.pause", "Leave the paused update paused and stop (exit 8)"),
    (
        "gate.onUnhealthy.choice.rollback",
        "Cancel the update, roll it back and follow the rollback (exit 7)",
    ),
    ("gate.onUnhealthy.choice.cancel", "Cancel the update (exit 8)"),
    // --- TEXTS of shell: begin ---
    (
        "shell.unknown",
        "unknown shell `{name}`: expected bash, fish, powershell, powershell-legacy or cmd",
    ),
    (
        "shell.lex.line_break",
        "the line break at the end of line {line} ends the command, but more follows: end continued lines with `{continuation}`",
    ),
    (
        "shell.lex.operator",
        "`{c}` is a shell operator here; paste only the aliyun command, or quote it",
    ),
    (
        "shell.lex.expansion",
        "`$` starts an expansion the shell would fill in when it runs the command; replace it with the value, or quote it",
    ),
    ("shell.lex.escapes_nothing", "a `{c}` at the very end escapes nothing"),
    ("shell.lex.ends_in_escape", "a `\\` at the end escapes nothing"),
    ("shell.lex.backtick_runs", "a backtick runs a command; quote it"),
    ("shell.lex.backtick_in_quotes", "a backtick runs a command; escape it as \\`"),
    ("shell.lex.unclosed", "this `{quote}` is never closed"),
    ("shell.lex.quote_unclosed", "this quote is never closed"),
    ("shell.lex.not_a_character", "this escape is not a character"),
    ("shell.lex.fish_paren", "`(` runs a command in fish; quote it"),
    ("shell.lex.ps_at", "`@` starts an array or a splat in PowerShell; quote it"),
    ("shell.lex.ps_comma", "`,` makes PowerShell pass an array; quote it"),
    ("shell.lex.ps_syntax", "`{c}` is PowerShell syntax here; quote it"),
    ("shell.lex.stop_parsing", "`--%` (stop-parsing) is not supported; remove it"),
    ("shell.lex.backtick_escapes_nothing", "a backtick at the very end escapes nothing"),
    ("shell.lex.unicode_escape", "`u{{ needs hex digits and a closing `}}`"),
    (
        "shell.lex.cmd_operator",
        "`{c}` is a cmd.exe operator here; paste only the aliyun command, or escape it as ^{c}",
    ),
    (
        "shell.lex.cmd_variable",
        "`%{name}%` was read as written; cmd.exe replaces it if a variable of that name is defined",
    ),
    ("shell.parse.at", "{message} (line {line}, column {column})"),
    ("shell.parse.expected_flag", "expected a flag, found `{word}`"),
    ("shell.parse.needs_value", "{flag} needs a value"),
    ("shell.parse.empty", "there is no command here"),
    ("shell.parse.expected_start_execution", "expected `StartExecution` after `aliyun oos`"),
    (
        "shell.parse.unknown_program",
        "expected `aliyun oos StartExecution` or `aliyun rolling-update start`, found `{program}`",
    ),
    ("shell.parse.expected_verb", "expected the verb `start` (or `render`)"),
    ("shell.parse.twice", "{flag} is given twice"),
    (
        "shell.parse.file_note",
        "the parameters are read from the file {file} when the command runs; they are not in the pasted text",
    ),
    (
        "shell.parse.both_parameters",
        "--Parameters and --Parameters-FILE together make the aliyun CLI fail; keep one",
    ),
    ("shell.parse.missing", "the command has no {flag}"),
    (
        "shell.parse.region_note",
        "--region {region} is used; the aliyun CLI ignores --RegionId {id}",
    ),
    (
        "shell.parse.json_split",
        "the --Parameters JSON was split into several arguments by the shell (it was not quoted as one); they were joined with spaces",
    ),
    ("shell.parse.not_json", "--Parameters is not valid JSON: {reason}"),
    ("shell.parse.not_object", "--Parameters must be a JSON object ({{...}})"),
    (
        "shell.parse.plugin_file_note",
        "the parameters are read from the file {file} when the command runs (flags beside it override its keys); its contents are not in the pasted text",
    ),
    (
        "shell.parse.script_note",
        "{flag} reads the script from {file} when the command runs; it is not in the text",
    ),
    (
        "shell.parse.script_note_no_file",
        "{flag} reads the script from a file when the command runs; it is not in the text",
    ),
    ("shell.parse.takes_no_value", "{flag} takes no value"),
    ("shell.json.invalid", "{reason} at line {line} column {column}"),
    ("shell.flag.not_integer", "--{flag} takes a whole number, got `{value}`"),
    ("shell.flag.not_boolean", "--{flag} takes true or false, got `{value}`"),
    ("shell.flag.not_json", "--{flag} takes JSON (a list or an object): {reason}"),
    ("shell.flag.not_a_container", "it is not a list or an object"),
    (
        "shell.render.cmd_newline",
        "cmd.exe cannot pass a line break inside an argument, and `{key}` has one: write the parameters to a file (--parameters-out) instead",
    ),
    ("shell.render.nul", "`{key}` holds a NUL character, which no program argument can carry"),
    ("shell.render.not_an_object", "the parameters must be a JSON object"),
    ("shell.render.unknown_key", "`{key}` is not a parameter of {template}, so it has no flag"),
    ("shell.render.not_representable", "`{key}` cannot be written as --{flag}: {reason}"),
    ("shell.render.reason.string", "the flag takes a string"),
    ("shell.render.reason.integer", "the flag takes a whole number"),
    ("shell.render.reason.list_items", "list items must be strings"),
    (
        "shell.render.reason.list_item",
        "a list item that is empty, holds a comma or has surrounding blanks",
    ),
    ("shell.render.reason.list", "the flag takes a list"),
    ("shell.render.reason.boolean", "the flag takes true or false"),
    ("shell.render.reason.json", "the flag takes a JSON list or object"),
    ("shell.render.gate_flag", "--{flag}: {why}"),
    ("shell.render.gate_nul", "it holds a NUL character, which no program argument can carry"),
    ("shell.render.gate_cmd_newline", "cmd.exe cannot pass a line break inside an argument"),
    ("shell.gate.check_empty", "--check: the command is empty"),
    ("shell.gate.timeout_alone", "--check-timeout goes with --check: there is no check to time"),
    (
        "shell.gate.on_unhealthy_value",
        "--on-unhealthy takes pause, rollback or cancel, not `{value}`",
    ),
    (
        "shell.gate.on_unhealthy_alone",
        "--on-unhealthy needs a gate: give --check, --alarm or a --bake time",
    ),
    (
        "shell.gate.insufficient_data_alone",
        "--insufficient-data-ok goes with --alarm: there is no alarm rule",
    ),
    ("shell.gate.rule_twice", "alarm rule `{rule}` is given twice"),
    ("shell.gate.rule_empty", "--alarm: a rule id is empty"),
    ("shell.gate.rule_malformed", "--alarm: `{rule}` is not a rule id (no blanks or commas)"),
    (
        "duration.invalid",
        "invalid duration `{text}`: {reason} (write seconds, or e.g. 90s, 30m, 2h, 1h30m)",
    ),
    ("duration.reason.empty", "it is empty"),
    ("duration.reason.unknown_unit", "unknown unit"),
    ("duration.reason.unit_first", "a unit needs a number before it"),
    ("duration.reason.too_large", "the number is too large"),
    ("duration.reason.no_unit", "a number after a unit needs its own unit"),
    ("duration.reason.zero", "it must be longer than zero"),
    (
        "plan.rule",
        "OOS does not document how it splits instances into batches; this preview assumes ceil(instances / batchNumber) per batch, the last batch holding the rest",
    ),
    (
        "plan.warning.no_instance",
        "no instance is selected: the update ends at once without doing anything",
    ),
    (
        "plan.warning.fewer_batches",
        "batchNumber {n} asks for more batches than this split gives: {batches} of up to {instances}",
    ),
    ("plan.count.batch", "1 batch"),
    ("plan.count.batches", "{count} batches"),
    ("plan.count.instance", "1 instance"),
    ("plan.count.instances", "{count} instances"),
    (
        "plan.warning.one_batch",
        "one batch: every selected instance leaves service at the same time",
    ),
    (
        "plan.warning.large_batch",
        "a batch takes {size} of {instances} instances ({percent}%) out of service at once",
    ),
    (
        "plan.warning.loop_limit",
        "{instances} instances: one OOS loop takes at most {max}; split the update (for example by lifecycle state)",
    ),
    ("plan.warning.outside", "batchNumber {asked} is outside {low}-{high}; planned with {n}"),
    // --- TEXTS of shell: end ---
    // --- TEXTS of update: begin ---
    // --- TEXTS of update: end ---
    // --- TEXTS of gate: begin ---
    // --- TEXTS of gate: end ---
    // --- TEXTS of plugin: begin ---
    // --- TEXTS of plugin: end ---
    // --- TEXTS of demo: begin ---
    // --- TEXTS of demo: end ---
];

/// The English texts only the plugin shows (`--help`, following an update, YAML and update
/// files, confirmations): left out of the page's build, which has no feature `cli-texts`.
#[cfg(feature = "cli-texts")]
pub const CLI_TEXTS: &[(&str, &str)] = &[
    (
        "wait.summary.success",
        "{id} succeeded: {done} of {instances} instances done, {failed} failed; {batches_done} of {batches} batches; took {duration}",
    ),
    (
        "wait.summary.cancelled",
        "{id} cancelled: {done} of {instances} instances done, {failed} failed; {batches_done} of {batches} batches; took {duration}",
    ),
    (
        "wait.summary.failed",
        "{id} failed: {done} of {instances} instances done, {failed} failed; {batches_done} of {batches} batches; took {duration}",
    ),
    (
        "wait.summary.other",
        "{id} ended {status}: {done} of {instances} instances done, {failed} failed; {batches_done} of {batches} batches; took {duration}",
    ),
    (
        "wait.summary.paused",
        "{id} paused for approval: {done} of {instances} instances done, {failed} failed; {batches_done} of {batches} batches; took {duration}",
    ),
    (
        "wait.summary.timed_out",
        "{id} still running (--timeout reached): {done} of {instances} instances done, {failed} failed; {batches_done} of {batches} batches; took {duration}",
    ),
    ("wait.block.batch", "batch {batch} of {batches} - {state}"),
    ("wait.block.no_batch", "before the first of {batches} batches - {state}"),
    ("wait.block.instances", "[{bar}] {done} done, {failed} failed of {instances} instances"),
    ("wait.block.gate", "elapsed {elapsed} - gate: {gate}"),
    ("wait.block.paused_because", "elapsed {elapsed} - paused: {reason}"),
    ("wait.block.paused", "elapsed {elapsed} - paused for approval"),
    ("wait.block.running", "elapsed {elapsed} - running"),
    ("wait.block.next", "next: {next}"),
    (
        "wait.heartbeat",
        "still following: batch {batch}, {done} done, {failed} failed, {elapsed} elapsed",
    ),
    ("wait.event.batch_started", "batch {batch} started"),
    ("wait.event.batch_finished", "batch {batch} finished: {succeeded} done, {failed} failed"),
    ("wait.event.instance_done", "  {instance} done (batch {batch})"),
    ("wait.event.instance_failed", "  {instance} FAILED (batch {batch})"),
    ("wait.event.instance_failed_because", "  {instance} FAILED (batch {batch}): {message}"),
    ("wait.event.paused", "paused"),
    ("wait.event.paused_because", "paused ({reason})"),
    ("wait.event.resumed", "resumed"),
    ("wait.event.finished", "finished: {status}"),
    ("wait.event.finished_because", "finished: {status}: {message}"),
    ("wait.poll_failed", "poll failed, will retry: {error}"),
    ("wait.stopped", "Stopped following {id}; the update goes on. Resume with: {resume}"),
    (
        "wait.timed_out",
        "Timed out after {limit} following {id}; the update goes on. Resume with: {resume}",
    ),
    ("wait.failed_line", "  failed: {who}: {message}"),
    ("wait.next_line", "  next: {step}"),
    (
        "plan.view.bar",
        "batch {number} [{bar}] {out} out of service, {serving} serving ({percent}%)",
    ),
    ("plan.view.pause", "  pause: waits for approval before batch {next}"),
    ("plan.view.legend", "# out of service, = updated and serving, - not yet updated and serving"),
    ("plan.batch", "batch {number}: {instances} instance(s), {percent}% out of service"),
    (
        "plan.batch_pause",
        "batch {number}: {instances} instance(s), {percent}% out of service, then pause for approval",
    ),
    ("plan.warning", "warning: {warning}"),
    ("plan.note", "note: {note}"),
    ("confirm.head.update", "Start a rolling update of {group} in {region} ({template}):"),
    ("confirm.head.rollback", "Start a rollback on {group} in {region} ({template}):"),
    ("confirm.change.image", "  changes: image {old} -> {new}"),
    ("confirm.change.image_back", "  changes: puts image {image} back"),
    ("confirm.change.file", "  changes: {source}, then runs: {script}"),
    ("confirm.change.script", "  changes: runs the script: {script}"),
    ("confirm.change.package", "  changes: package {package} {version}: {action}"),
    (
        "confirm.change.containers",
        "  changes: the containers of the ECI scaling configuration ({count} container definitions)",
    ),
    (
        "confirm.instances",
        "  instances: {instances} in {batches} batches, at most {percent}% out of service at once",
    ),
    ("confirm.batch", "    batch {number}: {instances} instances ({percent}% out of service)"),
    (
        "confirm.batch_pause",
        "    batch {number}: {instances} instances ({percent}% out of service), then a pause for approval",
    ),
    ("confirm.no_pauses", "  pauses: none (it runs to the end unless a batch fails)"),
    ("confirm.pauses", "  pauses: {count}"),
    ("confirm.suspended", "  suspended during the update: {processes}"),
    ("confirm.suspended_none", "  suspended during the update: none"),
    ("help.global.version", "Print the plugin's version"),
    (
        "help.completion.about",
        "Print a completion script for your shell (bash, zsh, fish or powershell)",
    ),
    ("help.completion.shell", "The shell to complete in"),
    ("help.man.about", "Print the man page (roff), generated from the same definition as --help"),
    (
        "help.man.out_dir",
        "Write aliyun-rolling-update.1 and one aliyun-rolling-update-<verb>.1 per verb into this folder (created if missing) instead of printing the main page",
    ),
    (
        "help.validate.examples",
        "Examples:\n  # Check a parameters file\n  aliyun rolling-update validate --template image --file params.json\n  # Check a file read from standard input\n  cat params.json | aliyun rolling-update validate --template command --file -",
    ),
    (
        "help.schema.examples",
        "Examples:\n  # Write the schema of the image template for an editor\n  aliyun rolling-update schema --template image > image.schema.json",
    ),
    (
        "help.render.examples",
        "Examples:\n  # A command to paste into PowerShell\n  aliyun rolling-update render --template image --scaling-group-id asg-xxx --image-id m-xxx --shell powershell\n  # Rewrite a pasted bash command for fish\n  aliyun rolling-update render --from-command cmd.txt --from-shell bash --shell fish",
    ),
    (
        "help.start.examples",
        "Examples:\n  # Replace the image in 3 batches, pausing after the first, and follow it\n  aliyun rolling-update start --template image --scaling-group-id asg-xxx --image-id m-xxx --batch-number 3 --batch-pause-option FirstBatchPause --wait\n  # Run a script, gated by a health check after each batch\n  aliyun rolling-update start --template command --scaling-group-id asg-xxx --invoke-script-file update.sh --check ./check-health.sh --bake 5m",
    ),
    (
        "help.rollback.examples",
        "Examples:\n  # Undo an update with the parameters it recorded\n  aliyun rolling-update rollback exec-xxx\n  # Undo it in 2 batches without asking\n  aliyun rolling-update rollback exec-xxx --batch-number 2 -y",
    ),
    (
        "help.status.examples",
        "Examples:\n  # Show where an update is\n  aliyun rolling-update status exec-xxx\n  # Name every instance of every batch\n  aliyun rolling-update status exec-xxx --verbose",
    ),
    (
        "help.wait.examples",
        "Examples:\n  # Follow an update until it ends or pauses\n  aliyun rolling-update wait exec-xxx\n  # Follow through pauses for at most an hour\n  aliyun rolling-update wait exec-xxx --through-pauses --timeout 1h",
    ),
    (
        "help.approve.examples",
        "Examples:\n  # Let a paused update go on to its next batch\n  aliyun rolling-update approve exec-xxx",
    ),
    (
        "help.cancel.examples",
        "Examples:\n  # Cancel an update without asking\n  aliyun rolling-update cancel exec-xxx -y",
    ),
    (
        "help.list.examples",
        "Examples:\n  # The last five updates of a group\n  aliyun rolling-update list --scaling-group-id asg-xxx --max-results 5\n  # Updates waiting for approval\n  aliyun rolling-update list --status Waiting",
    ),
    (
        "help.plan.examples",
        "Examples:\n  # Preview 10 instances in 4 batches, offline\n  aliyun rolling-update plan --instances 10 --batch-number 4 --batch-pause-option EveryBatchPause\n  # Preview the live group\n  aliyun rolling-update plan --template image --scaling-group-id asg-xxx --batch-number 3",
    ),
    (
        "help.doctor.examples",
        "Examples:\n  # Check credentials, region, clock and permissions\n  aliyun rolling-update doctor --region cn-hangzhou",
    ),
    (
        "help.demo.examples",
        "Examples:\n  # Watch a whole update in a local simulation\n  aliyun rolling-update demo\n  # Watch a health-gated canary roll back\n  aliyun rolling-update demo --scenario canary --speed 4",
    ),
    ("help.version.examples", "Examples:\n  # Print the version\n  aliyun rolling-update version"),
    (
        "help.completion.examples",
        "Examples:\n  # Install bash completion for the current user\n  aliyun-cli-rolling-update completion bash > ~/.local/share/bash-completion/completions/aliyun-cli-rolling-update\n  # Load fish completion now\n  aliyun-cli-rolling-update completion fish | source",
    ),
    (
        "help.man.examples",
        "Examples:\n  # Read the man page\n  aliyun-cli-rolling-update man | man -l -\n  # Write every page for installing\n  aliyun-cli-rolling-update man --out-dir ~/.local/share/man/man1",
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
    (
        "help.rollback.execution_id",
        "The invoke execution to undo (exec-...), or an instance refresh to roll back (ir-...)",
    ),
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
    ("help.status.execution_id", "The execution (exec-...), or an instance refresh task (ir-...)"),
    (
        "help.status.verbose",
        "Name every instance of every batch (on a group of more than 20 instances, `status` otherwise shows counts per batch and names only failed and unfinished instances; the JSON always holds every instance)",
    ),
    ("help.wait.about", "Follow an execution until it ends"),
    (
        "help.wait.long_about",
        "Follow an execution until it ends.\n\nExits 0 success, 3 failed, 4 cancelled, 5 paused for approval (unless --through-pauses), 6 --timeout reached, 130 on Ctrl-C (the update goes on). With a gate, tries the gates once, then approves each healthy batch: 0, 7 or 8 (see \"Health gates\").",
    ),
    ("help.wait.execution_id", "The execution (exec-...), or an instance refresh task (ir-...)"),
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
    ("help.approve.execution_id", "The execution (exec-...), or an instance refresh task (ir-...)"),
    (
        "help.cancel.about",
        "Cancel an update, then print the commands that resume the group's processes and take instances out of Standby",
    ),
    (
        "help.cancel.long_about",
        "Cancel an update, then print the commands that resume the group's processes and take instances out of Standby.\n\nAsks for confirmation on a terminal unless -y; without a terminal it needs -y (exit 2 otherwise).",
    ),
    ("help.cancel.execution_id", "The execution (exec-...), or an instance refresh task (ir-...)"),
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
        "help.rollback.action",
        "package: install (with --package-version) or uninstall (default: the source's action)",
    ),
    (
        "help.completion.long_about",
        "Print a completion script for your shell (bash, zsh, fish or powershell).\n\nGenerated from the same definition as --help, for the `aliyun-cli-rolling-update` command (see the README for installing it).",
    ),
    (
        "help.man.long_about",
        "Print the man page (roff), generated from the same definition as --help.\n\nWith --out-dir, writes the page of the plugin and one page per verb there instead.",
    ),
    ("yaml.unexpected", "the YAML parser gave something this reader does not expect here"),
    ("yaml.empty", "the file holds no YAML document"),
    ("yaml.second_document", "only one YAML document is read; remove the second one (after `---`)"),
    ("yaml.too_deep", "nested deeper than {max} levels"),
    (
        "yaml.alias",
        "YAML aliases (`*name`) are not accepted in a parameters file; write the value out",
    ),
    (
        "yaml.anchor",
        "YAML anchors (`&name`) are not accepted in a parameters file; remove the anchor",
    ),
    ("yaml.tag", "the YAML tag `{tag}` is not accepted; only `!!str` is (to force text)"),
    ("yaml.complex_key", "a key must be plain text, not a list or a mapping"),
    ("yaml.duplicate_key", "the key `{key}` is given twice in the same mapping"),
    (
        "yaml.leading_zero",
        "`{text}` has a leading zero, which YAML 1.1 reads as octal and YAML 1.2 as decimal; quote it ('{text}') to keep it as text, or drop the zero for a number",
    ),
    ("yaml.not_a_json_number", "`{text}` is not a number JSON can hold"),
    (
        "yaml.number_too_large",
        "`{text}` is too large for a whole number; quote it to keep it as text",
    ),
    (
        "yaml.hint.quote",
        "YAML reads the unquoted `{text}` as a number, a boolean or null; quote it ('{text}') to keep it as text",
    ),
    ("yaml.hint.boolean", "YAML 1.2 reads `{text}` as text, not a boolean: write true or false"),
    ("document.not_json", "not valid JSON: {reason} at line {line} column {column}"),
    ("document.not_yaml", "not valid YAML: {reason} at line {line} column {column}"),
    (
        "document.hint.yaml_syntax",
        "check the indentation (spaces, not tabs), the colons and the quotes near that position",
    ),
    (
        "update_file.not_an_object",
        "an update file must be a mapping (JSON object) with `template` and `parameters`",
    ),
    (
        "update_file.unknown_key",
        "`{key}` is not a key of an update file; it takes `template`, `parameters` and optionally `region` (and `$schema`)",
    ),
    ("update_file.no_template", "the update file has no `template`"),
    (
        "update_file.template_text",
        "`template` must be a template's name as text (image, command, package, file, oss-file, container, or a full ACS-ESS-... name)",
    ),
    ("update_file.no_parameters", "the update file has no `parameters`"),
    (
        "update_file.parameters_object",
        "`parameters` must be a mapping (JSON object) of the template's parameters",
    ),
    (
        "update_file.bad_region",
        "`region` must be a region ID such as cn-hangzhou (lowercase letters, digits and dashes)",
    ),
    (
        "update_file.conflicting_region",
        "the update file is for region {file}, but this run calls {run}; pass --region {file} or change the file",
    ),
    ("schema.snippet.invoke.label", "{template}: update (invoke)"),
    ("schema.snippet.rollback.label", "{template}: roll back (rollback)"),
    ("schema.snippet.invoke.description", "The fields an update with {template} requires"),
    (
        "schema.snippet.rollback.description",
        "The fields a rollback of an earlier {template} update requires",
    ),
    ("schema.update_file.title", "rolling-update update file"),
    (
        "schema.update_file.description",
        "A whole rolling update in one file, read by `aliyun rolling-update start --update-file` and `render --update-file`: the template, its parameters and optionally the region.",
    ),
    ("schema.update_file.schema_key", "The schema this file follows; ignored by the plugin."),
    (
        "schema.update_file.template",
        "The OOS public template: a short name or its full ACS-ESS-... name.",
    ),
    ("schema.update_file.region", "The region to run in (used when --region is not given)."),
    (
        "schema.update_file.parameters",
        "The template's parameters, as in a parameters file; checked against the template's schema.",
    ),
    ("refresh.refusal.group_not_found", "scaling group {group} was not found in this region"),
    (
        "refresh.refusal.refresh_in_progress",
        "scaling group {group} already has refresh {task} ({status}); ESS runs one refresh per group: wait for it, or cancel it",
    ),
    ("refresh.refusal.group_not_active", "scaling group {group} is {state}, not Active"),
    (
        "refresh.refusal.eci_group",
        "scaling group {group} is an ECI group; this plugin refreshes ECS groups (use --template container for ECI)",
    ),
    (
        "refresh.refusal.scale_out_policy",
        "scaling group {group} scales out by {policy}; instance refresh needs the Priority policy",
    ),
    (
        "refresh.refusal.reclaim_mode",
        "scaling group {group} reclaims instances in mode {mode}; instance refresh does not support the Economical or Forcibly Recycle modes",
    ),
    (
        "refresh.refusal.image_on_launch_template",
        "scaling group {group} uses launch template {template}; a refresh to an image is refused for it: give --launch-template-id with a new version instead",
    ),
    (
        "refresh.warning.nothing_to_replace",
        "no instance would be replaced: every instance is skipped",
    ),
    (
        "refresh.warning.no_rollback",
        "this refresh cannot be rolled back (launch template version Default, Latest or none)",
    ),
    ("refresh.skip.matching", "already on the desired scaling configuration (SkipMatching)"),
    ("refresh.skip.standby", "in Standby"),
    ("refresh.skip.protected", "protected from scale-in (Protected)"),
    ("refresh.skip.manually_added", "added by hand"),
    (
        "refresh.cli.needs_group",
        "{task} is an instance refresh task: give --scaling-group-id (ESS takes the task id only with its scaling group)",
    ),
    (
        "refresh.cli.not_found",
        "instance refresh task {task} was not found in scaling group {group}",
    ),
    (
        "refresh.cli.confirm",
        "Start an instance refresh of {group}, replacing {count} instance(s) with new ones?",
    ),
    ("refresh.cli.not_started", "not started"),
    ("refresh.cli.started", "started instance refresh {task} of {group}; next:"),
    ("refresh.cli.to_replace", "to replace: {count} instance(s) {ids}"),
    ("refresh.cli.skipped", "skipped: {instance}, {reason}"),
    (
        "refresh.cli.render_flags",
        "--from-command and --parameters-out are not available with --template refresh: give its flags",
    ),
    ("refresh.cli.plan_batches", "{count} instance(s) in {batches} batch(es) of up to {per}"),
    (
        "refresh.cli.plan_capacity",
        "at most {surge} instance(s) launched above the group's size and {out} out of service at once",
    ),
    (
        "refresh.cli.plan_checkpoint",
        "checkpoint {percentage}%: pauses after {after} instance(s) are replaced",
    ),
    (
        "refresh.cli.held",
        "{task} reached a checkpoint: held (SuspendInstanceRefresh) until approved",
    ),
    ("refresh.cli.timeout", "--timeout reached: stopped following {task}; the refresh goes on"),
    ("refresh.cli.paused", "{task} is paused at a checkpoint; continue it with: {command}"),
    ("refresh.cli.progress", "point {point}: {done} of {total} capacity replaced"),
    ("refresh.cli.ended", "{task} ended {status} {detail}"),
    ("refresh.cli.rollback_not_done", "the rollback of {task} did not finish: it is {status}"),
    ("refresh.cli.status", "{task} of {group}: {status}, {done} of {total} capacity replaced"),
    ("refresh.cli.detail", "detail: {detail}"),
    ("refresh.cli.activity", "activity {status}: created {created}; released {released}"),
    ("refresh.cli.not_paused", "{task} is {status}, not paused: there is nothing to approve"),
    ("refresh.cli.resumed", "{task} resumed (ResumeInstanceRefresh)"),
    ("refresh.cli.cannot_cancel", "{task} is {status}: ESS cannot cancel it in that state"),
    (
        "refresh.cli.confirm_cancel",
        "Cancel instance refresh {task}? The instances already replaced stay.",
    ),
    (
        "refresh.cli.cancelled",
        "{task}: cancel sent (CancelInstanceRefresh); the instances already replaced stay",
    ),
    (
        "refresh.cli.cannot_roll_back_state",
        "{task} is {status}: ESS cannot roll it back in that state",
    ),
    (
        "refresh.cli.cannot_roll_back_version",
        "{task} refreshed to launch template version {version}, which is not pinned: ESS cannot roll it back",
    ),
    (
        "refresh.cli.rollback_flags",
        "--source-image-id, --package-version and --batch-number are for rolling back an execution, not an instance refresh",
    ),
    (
        "refresh.cli.confirm_rollback",
        "Roll back instance refresh {task}? New instances are replaced by ones from the previous configuration.",
    ),
    ("refresh.cli.rolling_back", "{task}: rollback started (RollbackInstanceRefresh)"),
    ("help.heading.refresh", "Instance refresh (--template refresh)"),
    (
        "help.render.update_file",
        "A whole update in one JSON or YAML file: `template`, `parameters` and optionally `region` (schemas/rolling-update.update-file.schema.json); parameter flags override it",
    ),
    (
        "help.start.update_file",
        "A whole update in one JSON or YAML file: `template`, `parameters` and optionally `region` (schemas/rolling-update.update-file.schema.json); parameter flags override it",
    ),
    (
        "help.start.hold_at_checkpoints",
        "--template refresh: suspend the refresh at each checkpoint so that it waits for `approve` instead of resuming by itself (needs the plugin following: --wait or `wait`)",
    ),
    (
        "help.wait.hold_at_checkpoints",
        "ir-...: suspend the refresh at each checkpoint so that it waits for `approve`",
    ),
    (
        "help.rollback.refresh_group",
        "For an instance refresh (ir-...): its scaling group (ESS needs it with the task id)",
    ),
    (
        "help.status.refresh_group",
        "For an instance refresh (ir-...): its scaling group (ESS needs it with the task id)",
    ),
    (
        "help.wait.refresh_group",
        "For an instance refresh (ir-...): its scaling group (ESS needs it with the task id)",
    ),
    (
        "help.approve.refresh_group",
        "For an instance refresh (ir-...): its scaling group (ESS needs it with the task id)",
    ),
    (
        "help.cancel.refresh_group",
        "For an instance refresh (ir-...): its scaling group (ESS needs it with the task id)",
    ),
    ("help.global.help.plain", "Print help"),
    (
        "demo.refresh.scenario_refused",
        "demo --template refresh plays only the default scenario (success): leave out --scenario, or play failure and canary with one of the six OOS templates",
    ),
    (
        "demo.refresh.intro",
        "{banner}: this demo uses no Alibaba Cloud account and changes nothing in the cloud.",
    ),
    (
        "demo.refresh.group",
        "A simulated Auto Scaling group {group} ({count} instances) runs in a local simulator on {url}, {speed}x faster than real time; the demo plays an ESS instance refresh (refresh): new instances, with new ids, replace the old ones. Each step below is the plugin's own verb, sending signed requests to the simulator with its test AccessKey, as it would to the cloud.",
    ),
    (
        "demo.refresh.step.plan",
        "Preview the refresh: what it replaces and where it stops (reads the group, changes nothing).",
    ),
    (
        "demo.refresh.step.start",
        "Start an instance refresh to the new image, held at the 50 % checkpoint, and follow it there.",
    ),
    (
        "demo.refresh.step.wait_checkpoint",
        "Follow it again: it stays at the checkpoint until approved.",
    ),
    (
        "demo.refresh.after.checkpoint",
        "Exit code 5: half the instances are replaced and the refresh is held at its checkpoint.",
    ),
    (
        "demo.refresh.after.still_held",
        "Exit code 5: still held at the checkpoint; wait never approves by itself.",
    ),
    ("demo.refresh.step.approve", "Approve: the refresh resumes (ResumeInstanceRefresh)."),
    ("demo.refresh.step.wait_success", "Follow the refresh to its end."),
    (
        "demo.refresh.after.success",
        "Exit code 0: every instance was replaced by a new one on the new image.",
    ),
    ("demo.refresh.step.status", "Show the refresh: the new instances that replaced the old ones."),
    (
        "demo.refresh.step.candidate",
        "Start a second refresh, to a candidate image, held at its 50 % checkpoint (ESS rolls back only a refresh that has not ended).",
    ),
    (
        "demo.refresh.after.candidate",
        "Exit code 5: the candidate refresh is held at its checkpoint, half the instances on the candidate image.",
    ),
    (
        "demo.refresh.step.rollback",
        "Roll the candidate back: ESS replaces its new instances again, on the configuration from before it.",
    ),
    ("demo.refresh.step.wait_rollback", "Follow the rollback to its end."),
    (
        "demo.refresh.after.rollback",
        "Exit code 4: the candidate refresh ended RollbackSuccessful (wait exits 4 for a refresh cancelled or rolled back).",
    ),
    ("demo.refresh.ended_early", "{banner} ended early; nothing in the cloud was changed."),
    (
        "demo.refresh.end",
        "The simulated group {group} ends as the rollback left it: {total} instances, none of the ones it started with, all on {image} (read from the simulator).",
    ),
    (
        "demo.refresh.end_wrong",
        "The demo did not go as scripted: of the {total} instances of the simulated group {group}, {on} are on the first refresh's image and {new} are new.",
    ),
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
    ("start.filled_in", "filled in {key} = {value}: {reason}"),
    ("start.warning", "warning: {warning}"),
    ("start.refused", "refused: {message}"),
    ("error.plan_needs_input", "plan needs --instances N (offline) or --scaling-group-id (live)"),
    ("error.render_needs_template", "render needs --template (or --from-command)"),
    ("error.start.no_template", "start needs --template ({names}) or --update-file"),
    ("error.start.hold_needs_refresh", "--hold-at-checkpoints is for --template refresh"),
    // --- CLI_TEXTS of shell: begin ---
    ("payload.in_file", "{name}: {message}"),
    ("payload.not_json", "{name} is not valid JSON: {reason}"),
    ("payload.not_yaml", "{name} is {message}"),
    ("plan.bad_setting", "--{flag} must be {expected}"),
    ("plan.expected.range", "a whole number from {low} to {high}"),
    ("plan.expected.one_of", "{rest} or {last}"),
    // --- CLI_TEXTS of shell: end ---
    // --- CLI_TEXTS of update: begin ---
    // --- CLI_TEXTS of update: end ---
    // --- CLI_TEXTS of gate: begin ---
    // --- CLI_TEXTS of gate: end ---
    // --- CLI_TEXTS of plugin: begin ---
    // --- CLI_TEXTS of plugin: end ---
    // --- CLI_TEXTS of demo: begin ---
    // --- CLI_TEXTS of demo: end ---
];

/// Without the feature `cli-texts` (the page), no plugin-only texts.
#[cfg(not(feature = "cli-texts"))]
pub const CLI_TEXTS: &[(&str, &str)] = &[];
