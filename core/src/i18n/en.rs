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
    // --- refresh ---
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
];
