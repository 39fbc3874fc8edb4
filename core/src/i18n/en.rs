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
    // --- term ---
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
    ("help.man.out_dir", "Write aliyun-rolling-update.1 and one aliyun-rolling-update-<verb>.1 per verb into this folder (created if missing) instead of printing the main page"),
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
];
