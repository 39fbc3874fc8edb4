//! The command line: verbs, their flags, and the host's flags that are accepted and ignored.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{
    Arg, ArgAction, ArgMatches, Args, Command, CommandFactory, FromArgMatches, Parser, Subcommand,
    value_parser,
};
use rolling_update_core::refresh::table::{REFRESH_PARAMS, RefreshKind, RefreshParam};
use rolling_update_core::template::{Key, PARAMS, PackageAction, ParamSpec};

/// The command word the `aliyun` host passes as the first argument.
pub(crate) const COMMAND: &str = "rolling-update";

/// The plugin's executable, as the host installs it and as it runs standalone.
pub(crate) const BIN: &str = "aliyun-cli-rolling-update";

/// Rolling updates of Auto Scaling (ESS) groups, run by CloudOps Orchestration Service (OOS).
///
/// Validates template parameters before anything runs, writes commands that are right for
/// your shell, and starts, follows, approves, cancels and rolls back updates.
#[derive(Debug, Parser)]
#[command(
    name = "aliyun rolling-update",
    bin_name = "aliyun rolling-update",
    version,
    display_name = BIN,
    arg_required_else_help = true,
    help_expected = true,
    after_help = "Exit codes: 0 ok, 1 rejected or failed, 2 usage or configuration error, \
                  3 update failed, 4 cancelled, 5 paused for approval, 6 --timeout reached, \
                  7 a gate failed and the rollback succeeded, 8 a gate failed (left paused, \
                  cancelled, or the rollback failed), 130 interrupted.\n\
                  Run `aliyun rolling-update <verb> --help` for a verb's flags."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) verb: Verb,
    #[command(flatten)]
    pub(crate) call: CallFlags,
    #[command(flatten)]
    pub(crate) host: HostFlags,
}

/// Flags of every verb that calls the API or prints JSON.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct CallFlags {
    /// Send every call (OOS and ESS) to this host name or URL; plain http:// only for loopback
    /// addresses. Default: $ALIBABA_CLOUD_ENDPOINT, else the regional endpoints.
    #[arg(long, global = true, value_name = "HOST|URL")]
    pub(crate) endpoint: Option<String>,
    /// With a bare HOST:PORT endpoint, use plain http, as the host's --insecure does; only
    /// for loopback addresses.
    #[arg(long, global = true)]
    pub(crate) insecure: bool,
    /// Filter the JSON output with a JMESPath expression, as the aliyun CLI does.
    #[arg(long, global = true, value_name = "JMESPATH")]
    pub(crate) cli_query: Option<String>,
    /// Verbs that change something (start, rollback, approve, cancel): print the request and
    /// the equivalent `aliyun oos ...` command, send nothing.
    #[arg(long, global = true)]
    pub(crate) cli_dry_run: bool,
    /// The request signature: ACS3-HMAC-SHA256 (default) or the older RPC HMAC-SHA1.
    #[arg(long, global = true, value_enum, value_name = "ALGORITHM")]
    pub(crate) signature_algorithm: Option<SignatureArg>,
}

/// A signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum SignatureArg {
    /// ACS3-HMAC-SHA256 (signature V3).
    #[value(name = "ACS3-HMAC-SHA256", alias = "v3")]
    Acs3,
    /// HMAC-SHA1 (RPC signature V2).
    #[value(name = "HMAC-SHA1", alias = "v2")]
    Sha1,
}

/// `--wait` behaviour shared by `wait`, `start --wait` and `rollback --wait`.
#[derive(Debug, Args, Clone, Default)]
pub(crate) struct WaitFlags {
    /// Keep following through batch pauses instead of exiting 5 at the first one.
    #[arg(long)]
    pub(crate) through_pauses: bool,
    /// Stop following after this long and exit 6: seconds, or e.g. 90s, 30m, 2h.
    #[arg(long, value_name = "DURATION")]
    pub(crate) timeout: Option<String>,
}

/// Flags of `start`.
#[derive(Debug, Args)]
pub(crate) struct StartArgs {
    #[command(flatten)]
    pub(crate) params: ParamFlags,
    /// A whole update in one JSON or YAML file: `template`, `parameters` and optionally
    /// `region` (schemas/rolling-update.update-file.schema.json); parameter flags override it.
    #[arg(long, value_name = "F", conflicts_with_all = ["template", "parameters-file"])]
    pub(crate) update_file: Option<PathBuf>,
    /// Makes a deliberate repeat of the same update distinct (e.g. a change ticket id); it goes
    /// into the ClientToken.
    #[arg(long, value_name = "ID")]
    pub(crate) change_id: Option<String>,
    /// Use this ClientToken instead of the derived one.
    #[arg(long, value_name = "TOKEN")]
    pub(crate) client_token: Option<String>,
    /// Follow the update to its end, as `wait` does (exit codes of `wait`). Implied by a gate.
    #[arg(long)]
    pub(crate) wait: bool,
    #[command(flatten)]
    pub(crate) wait_flags: WaitFlags,
    #[command(flatten)]
    pub(crate) gate: GateFlags,
    /// --template refresh: suspend the refresh at each checkpoint so that it waits for
    /// `approve` instead of resuming by itself (needs the plugin following: --wait or `wait`).
    #[arg(long)]
    pub(crate) hold_at_checkpoints: bool,
}

/// Flags of `rollback`.
#[derive(Debug, Args)]
pub(crate) struct RollbackArgs {
    /// The invoke execution to undo (exec-...), or an instance refresh to roll back (ir-...).
    #[arg(value_name = "EXECUTION_ID")]
    pub(crate) execution_id: String,
    /// For an instance refresh (ir-...): its scaling group (ESS needs it with the task id).
    #[arg(long = "scaling-group-id", value_name = "ID")]
    pub(crate) refresh_group: Option<String>,
    /// image: the image to put back (default: the source's sourceImageId).
    #[arg(long, value_name = "ID")]
    pub(crate) source_image_id: Option<String>,
    /// command: the script that undoes the update (default: the source's rollbackScript).
    #[arg(long, value_name = "TEXT", conflicts_with = "rollback_script_file")]
    pub(crate) rollback_script: Option<String>,
    /// command: read the rollback script from this file.
    #[arg(long, value_name = "F")]
    pub(crate) rollback_script_file: Option<PathBuf>,
    /// package: the version to go back to (default: the source's packageVersion).
    #[arg(long, value_name = "VERSION")]
    pub(crate) package_version: Option<String>,
    /// package: install (with --package-version) or uninstall (default: the source's action).
    #[arg(long, value_name = "ACTION", value_parser = package_action())]
    pub(crate) action: Option<PackageAction>,
    /// How many batches (default: the source's).
    #[arg(long, value_name = "N")]
    pub(crate) batch_number: Option<u32>,
    /// Automatic, FirstBatchPause or EveryBatchPause (default: the source's).
    #[arg(long, value_name = "OPTION")]
    pub(crate) batch_pause_option: Option<String>,
    /// Makes a deliberate second rollback of the same source distinct.
    #[arg(long, value_name = "ID")]
    pub(crate) change_id: Option<String>,
    /// Use this ClientToken instead of the derived one.
    #[arg(long, value_name = "TOKEN")]
    pub(crate) client_token: Option<String>,
    /// Follow the rollback to its end, as `wait` does. Implied by a gate.
    #[arg(long)]
    pub(crate) wait: bool,
    #[command(flatten)]
    pub(crate) wait_flags: WaitFlags,
    #[command(flatten)]
    pub(crate) gate: GateFlags,
}

/// `--action`: the package template's actions, as the core's table spells them.
fn package_action() -> impl clap::builder::TypedValueParser<Value = PackageAction> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(PackageAction::VALUES)
        .try_map(|text: String| PackageAction::parse(&text).ok_or("not a package action"))
}

/// An execution id.
#[derive(Debug, Args)]
pub(crate) struct ExecutionArgs {
    /// The execution (exec-...), or an instance refresh task (ir-...).
    #[arg(value_name = "EXECUTION_ID")]
    pub(crate) execution_id: String,
    /// For an instance refresh (ir-...): its scaling group (ESS needs it with the task id).
    #[arg(long = "scaling-group-id", value_name = "ID")]
    pub(crate) refresh_group: Option<String>,
}

/// Flags of `status`.
#[derive(Debug, Args)]
pub(crate) struct StatusArgs {
    /// The execution (exec-...), or an instance refresh task (ir-...).
    #[arg(value_name = "EXECUTION_ID")]
    pub(crate) execution_id: String,
    /// For an instance refresh (ir-...): its scaling group (ESS needs it with the task id).
    #[arg(long = "scaling-group-id", value_name = "ID")]
    pub(crate) refresh_group: Option<String>,
    /// Name every instance of every batch (on a group of more than 20 instances, `status`
    /// otherwise shows counts per batch and names only failed and unfinished instances; the
    /// JSON always holds every instance).
    #[arg(long)]
    pub(crate) verbose: bool,
}

/// Flags of `wait`.
#[derive(Debug, Args)]
pub(crate) struct WaitArgs {
    /// The execution (exec-...), or an instance refresh task (ir-...).
    #[arg(value_name = "EXECUTION_ID")]
    pub(crate) execution_id: String,
    /// For an instance refresh (ir-...): its scaling group (ESS needs it with the task id).
    #[arg(long = "scaling-group-id", value_name = "ID")]
    pub(crate) refresh_group: Option<String>,
    /// ir-...: suspend the refresh at each checkpoint so that it waits for `approve`.
    #[arg(long)]
    pub(crate) hold_at_checkpoints: bool,
    #[command(flatten)]
    pub(crate) wait: WaitFlags,
    #[command(flatten)]
    pub(crate) gate: GateFlags,
}

/// Health gates: judge each finished batch, approve it when healthy (see "Health gates").
/// Shared by `start`, `rollback` and `wait`; any of --check, --alarm or --bake makes the verb
/// gated (a gated verb follows the update to its end itself).
#[derive(Debug, Args, Default, Clone)]
#[command(next_help_heading = "Health gates")]
pub(crate) struct GateFlags {
    /// A command run by `sh -c` (`cmd /C` on Windows) after each batch; exit 0 = healthy. It
    /// gets RU_EXECUTION_ID, RU_SCALING_GROUP_ID, RU_REGION, RU_BATCH, RU_BATCHES,
    /// RU_INSTANCE_IDS and RU_INSTANCE_IPS, and no credential. Tried once on the whole group
    /// (RU_BATCH=0) before anything starts.
    #[arg(long, value_name = "CMD")]
    pub(crate) check: Option<String>,
    /// With --check: a check running longer is unhealthy: seconds, or e.g. 90s, 5m (default 5m).
    #[arg(long, value_name = "DURATION")]
    pub(crate) check_timeout: Option<String>,
    /// A CloudMonitor alarm rule id (repeatable, or comma-separated); ALARM means unhealthy.
    #[arg(long = "alarm", value_name = "RULE_ID", value_delimiter = ',')]
    pub(crate) alarms: Vec<String>,
    /// How long a finished batch must stay healthy (alarms watched meanwhile): e.g. 5m.
    #[arg(long, value_name = "DURATION")]
    pub(crate) bake: Option<String>,
    /// With a gate: what a failed gate does (default pause).
    #[arg(long, value_enum, value_name = "ACTION")]
    pub(crate) on_unhealthy: Option<Unhealthy>,
    /// With --alarm: count a rule in INSUFFICIENT_DATA after the bake as healthy (default:
    /// unhealthy).
    #[arg(long)]
    pub(crate) insufficient_data_ok: bool,
}

/// `--on-unhealthy` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub(crate) enum Unhealthy {
    /// Leave a paused update paused and exit 8.
    #[default]
    Pause,
    /// Cancel the update, roll it back and follow the rollback (exit 7, or 8 if it fails).
    Rollback,
    /// Cancel the update and exit 8.
    Cancel,
}

/// Flags of `list`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only executions that update this scaling group.
    #[arg(long, value_name = "ID")]
    pub(crate) scaling_group_id: Option<String>,
    /// Only executions in this status (Running, Waiting, Success, Failed, Cancelled, ...).
    #[arg(long, value_name = "STATUS")]
    pub(crate) status: Option<String>,
    /// At most this many executions, newest first (pages are fetched as needed).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub(crate) max_results: usize,
}

/// Flags of `plan`.
#[derive(Debug, Args)]
pub(crate) struct PlanArgs {
    /// Plan offline for this many instances instead of reading the group.
    #[arg(long, value_name = "N")]
    pub(crate) instances: Option<usize>,
    #[command(flatten)]
    pub(crate) params: ParamFlags,
}

/// The verbs.
#[derive(Debug, Subcommand)]
pub(crate) enum Verb {
    /// Check a parameters file against a template; findings on stderr, JSON on stdout.
    ///
    /// Exits 0 when valid (warnings allowed), 1 when any finding is an error, 2 on usage errors.
    Validate(ValidateArgs),
    /// Print the JSON Schema (draft-07) of a template's parameters, for editors.
    Schema(SchemaArgs),
    /// Print a ready-to-paste command for your shell (validated first).
    ///
    /// Prints `aliyun oos StartExecution ...` (or, with --plugin, `aliyun rolling-update start
    /// ...`) on stdout and nothing else; findings go to stderr. Exits 1 when a finding is an
    /// error (no command is printed), 2 on usage errors.
    Render(Box<RenderArgs>),
    /// Start a rolling update: validate, check the group, fill in image fields, start once.
    ///
    /// Prints the execution id and the exact rollback command (JSON on stdout). With --wait,
    /// follows it and exits as `wait` does. With a gate (--check, --alarm, --bake) it tries the
    /// gates once first, starts with EveryBatchPause (unless --batch-pause-option says
    /// otherwise), approves each healthy batch itself and exits 0, 7 or 8 (see "Health gates").
    /// Asks for confirmation on a terminal unless -y;
    /// without a terminal it needs -y (exit 2 otherwise). When the same update (same
    /// ClientToken) is already running it follows it instead; when it already ended it exits 1
    /// and says to pass --change-id. Exits 1 when validation or a pre-flight check refuses.
    Start(StartArgs),
    /// Undo an earlier update: parameters derived from that execution, flags override them.
    ///
    /// Runs start's pre-flight on the group, warns when the group was updated since, and asks
    /// "Start this rollback?" unless -y (without a terminal it needs -y, exit 2 otherwise).
    /// With --cli-dry-run it reads the source execution only. Takes the gates as `start` does,
    /// except --on-unhealthy rollback (a rollback is not rolled back).
    Rollback(RollbackArgs),
    /// Show an execution: state, batches as OOS formed them, instances, failures, next steps.
    ///
    /// A gated update also shows its gates, as the run that gated it recorded them in the
    /// execution's tag rolling-update:gates.
    Status(StatusArgs),
    /// Follow an execution until it ends.
    ///
    /// Exits 0 success, 3 failed, 4 cancelled, 5 paused for approval (unless
    /// --through-pauses), 6 --timeout reached, 130 on Ctrl-C (the update goes on). With a gate,
    /// tries the gates once, then approves each healthy batch: 0, 7 or 8 (see "Health gates").
    Wait(WaitArgs),
    /// Continue a batch-paused update (NotifyExecution Approve on the Waiting task).
    ///
    /// Exits 1, sending nothing, when no top-level task of the execution is Waiting. Then
    /// re-reads the execution until it leaves Waiting (up to 12 polls, 60 s against the cloud);
    /// exits 5, without approving again, when it does not.
    Approve(ExecutionArgs),
    /// Cancel an update, then print the commands that resume the group's processes and take
    /// instances out of Standby.
    ///
    /// Asks for confirmation on a terminal unless -y; without a terminal it needs -y (exit 2
    /// otherwise).
    Cancel(ExecutionArgs),
    /// Recent rolling-update executions, newest first.
    List(ListArgs),
    /// Preview the batches: offline with --instances N, or live from --scaling-group-id.
    Plan(PlanArgs),
    /// Check credentials, region, clock and RAM permissions; prints where each came from.
    Doctor,
    /// Watch a whole rolling update in a local SIMULATION: no account, nothing in the cloud.
    ///
    /// Starts the simulator in-process on a free 127.0.0.1 port with a six-instance group and
    /// runs the plugin's own verbs against it, with real signed requests: plan, start (an image
    /// update in 3 batches, paused after the first), approve, wait, status, rollback. Each step
    /// is printed as the command you would type. `--scenario failure` makes an instance fail and
    /// shows the way out (status, the clean-up commands, rollback); `--scenario canary` gates
    /// each batch with a check and an alarm rule and rolls back automatically when the alarm
    /// fires at batch 2. Needs no credentials or
    /// ~/.aliyun/config.json. Takes about 20 seconds; exits 0 when every step ended as scripted.
    Demo(DemoArgs),
    /// Print the plugin's version.
    Version,
    /// Print a completion script for your shell (bash, zsh, fish or powershell).
    ///
    /// Generated from the same definition as --help, for the `aliyun-cli-rolling-update`
    /// command (see the README for installing it).
    Completion(CompletionArgs),
    /// Print the man page (roff), generated from the same definition as --help.
    ///
    /// With --out-dir, writes the page of the plugin and one page per verb there instead.
    Man(ManArgs),
}

/// Flags of `completion`.
#[derive(Debug, Args)]
pub(crate) struct CompletionArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub(crate) shell: CompletionShell,
}

/// A shell `completion` writes a script for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CompletionShell {
    /// bash 4 or later.
    Bash,
    /// zsh.
    Zsh,
    /// fish.
    Fish,
    /// PowerShell (5.1 and 7).
    Powershell,
}

/// Flags of `man`.
#[derive(Debug, Args)]
pub(crate) struct ManArgs {
    /// Write aliyun-rolling-update.1 and one aliyun-rolling-update-<verb>.1 per verb into this
    /// folder (created if missing) instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub(crate) out_dir: Option<PathBuf>,
}

/// Flags of `demo`.
#[derive(Debug, Args)]
pub(crate) struct DemoArgs {
    /// Which story to play: a successful update and its rollback, a failed instance, or a
    /// health-gated canary rolled back when its alarm fires.
    #[arg(long, value_enum, default_value_t = ScenarioArg::Success, value_name = "SCENARIO")]
    pub(crate) scenario: ScenarioArg,
    /// Which template the demo's update runs: image, command, package, file, oss-file,
    /// container (an ECI group) or refresh (an ESS instance refresh; the success scenario only).
    #[arg(long, value_name = "T", default_value = "image")]
    pub(crate) template: String,
    /// How many times faster than real time the simulation runs (lower it to watch slowly).
    #[arg(long, default_value_t = DEMO_SPEED, value_name = "FACTOR",
          value_parser = clap::value_parser!(f64))]
    pub(crate) speed: f64,
}

/// The demo's default speed: the happy path (two 62-second updates, simulated) in about 20 s.
pub(crate) const DEMO_SPEED: f64 = 8.0;

/// A demo scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ScenarioArg {
    /// An image update: pause after batch 1, approve, success, status, rollback.
    Success,
    /// An image update in which one instance fails: exit 3, status, clean-up, rollback.
    Failure,
    /// A health-gated image update: batch 1 passes and is approved, batch 2's alarm fires, the
    /// plugin rolls back (exit 7), status.
    Canary,
}

/// Flags of `validate`.
#[derive(Debug, Args)]
pub(crate) struct ValidateArgs {
    /// Template: image, command, package, or a full ACS-ESS-RollingUpdate... name.
    #[arg(long, value_name = "T")]
    pub(crate) template: String,
    /// The parameters file (JSON); `-` reads standard input.
    #[arg(long, value_name = "F")]
    pub(crate) file: PathBuf,
}

/// Flags of `schema`.
#[derive(Debug, Args)]
pub(crate) struct SchemaArgs {
    /// Template: image, command, package, or a full ACS-ESS-RollingUpdate... name.
    #[arg(long, value_name = "T")]
    pub(crate) template: String,
}

/// Flags of `render`.
#[derive(Debug, Args)]
pub(crate) struct RenderArgs {
    #[command(flatten)]
    pub(crate) params: ParamFlags,
    /// A whole update in one JSON or YAML file: `template`, `parameters` and optionally
    /// `region` (schemas/rolling-update.update-file.schema.json); parameter flags override it.
    #[arg(
        long,
        value_name = "F",
        conflicts_with_all = ["template", "parameters-file", "from_command"]
    )]
    pub(crate) update_file: Option<PathBuf>,
    /// The shell the command is for; bash is also right for zsh, dash and sh.
    #[arg(long, value_enum, default_value_t = ShellArg::Bash, value_name = "SHELL")]
    pub(crate) shell: ShellArg,
    /// Print this plugin's own `aliyun rolling-update start ...` instead of `aliyun oos
    /// StartExecution ...`.
    #[arg(long)]
    pub(crate) plugin: bool,
    /// Write the parameters (JSON, UTF-8) to this file and make the command read it
    /// (`--Parameters-FILE`, or `--parameters-file` with --plugin).
    #[arg(long, value_name = "F")]
    pub(crate) parameters_out: Option<PathBuf>,
    /// Read a pasted command from this file (`-` for standard input) instead of the flags,
    /// to write it for another shell; parameter flags given beside it override its values.
    #[arg(long, value_name = "F")]
    pub(crate) from_command: Option<PathBuf>,
    /// The shell the pasted command (--from-command) was written for.
    #[arg(long, value_enum, default_value_t = ShellArg::Bash, value_name = "SHELL")]
    pub(crate) from_shell: ShellArg,
}

/// A shell to write or read a command for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ShellArg {
    /// bash, zsh, dash or POSIX sh.
    #[value(alias = "zsh", alias = "sh", alias = "dash")]
    Bash,
    /// fish.
    Fish,
    /// PowerShell 7.3 or later.
    #[value(alias = "pwsh")]
    Powershell,
    /// Windows PowerShell 5.1, or PowerShell 7.2 and earlier.
    PowershellLegacy,
    /// cmd.exe, at its prompt.
    Cmd,
}

impl From<ShellArg> for rolling_update_core::shell::Shell {
    fn from(shell: ShellArg) -> Self {
        use rolling_update_core::shell::Shell;
        match shell {
            ShellArg::Bash => Shell::Bash,
            ShellArg::Fish => Shell::Fish,
            ShellArg::Powershell => Shell::PowerShell,
            ShellArg::PowershellLegacy => Shell::PowerShellLegacy,
            ShellArg::Cmd => Shell::Cmd,
        }
    }
}

/// The template and its parameters as flags, shared by every verb that builds a payload.
/// Lists are comma-separated; a value starting with `-` is written `--flag=value`.
///
/// The parameter flags are not written out here: [`ParamFlags::arguments`] builds one per
/// parameter of the core's table (its flag name, placeholder, help and place in `--help`), plus
/// the `--...-file` flag of a script or JSON parameter, so a parameter added to the table is a
/// flag without another line here. A spelling the table declares twice (for different
/// templates) is one flag: the first declaration stands for it, as the core's `flag_spec`
/// does.
#[derive(Debug, Default)]
pub(crate) struct ParamFlags {
    /// `--template`.
    pub(crate) template: Option<String>,
    /// `--parameters-file`.
    pub(crate) parameters_file: Option<PathBuf>,
    /// Each parameter flag given inline, with its text, in table order.
    pub(crate) values: Vec<(&'static ParamSpec, String)>,
    /// Each script or JSON file given (`--invoke-script-file`, `--container-configure-file`), by
    /// its parameter, in table order.
    pub(crate) files: Vec<(&'static ParamSpec, PathBuf)>,
    /// Each flag of `--template refresh` given (the core's refresh table), with every value
    /// given to it (the instance type override is repeatable), in table order.
    pub(crate) refresh: Vec<(&'static RefreshParam, Vec<String>)>,
}

const TEMPLATE: &str = "template";
const PARAMETERS_FILE: &str = "parameters-file";

impl ParamFlags {
    /// The text given to the flag of `key`, if any.
    pub(crate) fn value(&self, key: Key) -> Option<&str> {
        self.values.iter().find(|(s, _)| s.key == key.as_str()).map(|(_, text)| text.as_str())
    }

    /// Each flag of `table` once: the first declaration of each flag name.
    fn distinct(table: &'static [ParamSpec]) -> impl Iterator<Item = &'static ParamSpec> {
        table
            .iter()
            .enumerate()
            .filter(|(i, spec)| table[..*i].iter().all(|earlier| earlier.flag != spec.flag))
            .map(|(_, spec)| spec)
    }

    /// The arguments for `table`: `--template`, `--parameters-file`, then each parameter's flag
    /// in its `--help` order (a script's file flag right after it).
    pub(crate) fn arguments(table: &'static [ParamSpec]) -> Vec<Arg> {
        let mut args = vec![
            Arg::new(TEMPLATE)
                .long(TEMPLATE)
                .value_name("T")
                .value_parser(value_parser!(String))
                .help(
                    "Template: image, command, package, file, oss-file, container, or a full \
                     ACS-ESS-RollingUpdate... name",
                ),
            Arg::new(PARAMETERS_FILE)
                .long(PARAMETERS_FILE)
                .value_name("F")
                .value_parser(value_parser!(PathBuf))
                .help(
                    "A whole payload (JSON object) to start from; parameter flags override its \
                     keys",
                ),
        ];
        let mut specs: Vec<&'static ParamSpec> = ParamFlags::distinct(table).collect();
        specs.sort_by_key(|spec| spec.flag_help.order);
        for spec in specs {
            let help = &spec.flag_help;
            let mut arg = Arg::new(spec.flag)
                .long(spec.flag)
                .value_name(help.value_name)
                .value_parser(value_parser!(String))
                .help(help.help);
            if let Some(file) = help.file {
                arg = arg.conflicts_with(file.name);
            }
            args.push(arg);
            if let Some(file) = help.file {
                args.push(
                    Arg::new(file.name)
                        .long(file.name)
                        .value_name("F")
                        .value_parser(value_parser!(PathBuf))
                        .help(file.help),
                );
            }
        }
        add_refresh_arguments(&mut args);
        args
    }

    /// Reads the flags of `table` from parsed arguments.
    pub(crate) fn from_matches(matches: &ArgMatches, table: &'static [ParamSpec]) -> ParamFlags {
        let text = |id: &str| matches.try_get_one::<String>(id).ok().flatten().cloned();
        let path = |id: &str| matches.try_get_one::<PathBuf>(id).ok().flatten().cloned();
        let values =
            ParamFlags::distinct(table).filter_map(|spec| Some((spec, text(spec.flag)?))).collect();
        let files = ParamFlags::distinct(table)
            .filter_map(|spec| Some((spec, path(spec.flag_help.file?.name)?)))
            .collect();
        ParamFlags {
            template: text(TEMPLATE),
            parameters_file: path(PARAMETERS_FILE),
            values,
            files,
            refresh: refresh_from_matches(matches),
        }
    }
}

/// Adds each flag of `--template refresh` (the core's refresh table) that `args` lacks: a flag
/// the templates' table already has (`--scaling-group-id`, `--image-id`) is that one flag.
fn add_refresh_arguments(args: &mut Vec<Arg>) {
    let lang = crate::lang::current();
    for spec in &REFRESH_PARAMS {
        if args.iter().any(|a| a.get_long() == Some(spec.flag)) {
            continue;
        }
        let mut arg = Arg::new(spec.flag)
            .long(spec.flag)
            .value_name(spec.value_name)
            .value_parser(value_parser!(String))
            .help(lang.get(spec.help))
            .help_heading(lang.get("help.heading.refresh"));
        if spec.kind == RefreshKind::StringList {
            arg = arg.action(ArgAction::Append);
        }
        args.push(arg);
    }
}

/// Every refresh flag given, with its values.
fn refresh_from_matches(matches: &ArgMatches) -> Vec<(&'static RefreshParam, Vec<String>)> {
    REFRESH_PARAMS
        .iter()
        .filter_map(|spec| {
            let values = matches.try_get_many::<String>(spec.flag).ok().flatten()?;
            Some((spec, values.cloned().collect()))
        })
        .collect()
}

impl FromArgMatches for ParamFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        Ok(ParamFlags::from_matches(matches, &PARAMS))
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        *self = ParamFlags::from_matches(matches, &PARAMS);
        Ok(())
    }
}

impl Args for ParamFlags {
    fn augment_args(cmd: Command) -> Command {
        cmd.args(ParamFlags::arguments(&PARAMS))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        ParamFlags::augment_args(cmd)
    }
}

/// Flags the `aliyun` host accepts after the command word. They reach the plugin verbatim, so
/// the plugin accepts them; the host has already applied those it acts on.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
#[allow(dead_code)] // Held only so that clap accepts them.
pub(crate) struct HostFlags {
    /// The region to call (overrides the profile's).
    #[arg(long, global = true, value_name = "REGION")]
    pub(crate) region: Option<String>,
    /// Accepted for the host: the profile (read from ~/.aliyun/config.json).
    #[arg(long, short = 'p', global = true, hide = true)]
    pub(crate) profile: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) mode: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) access_key_id: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) access_key_secret: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) sts_token: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) sts_region: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) ram_role_name: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) ram_role_arn: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) role_session_name: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) external_id: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) private_key: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) key_pair_name: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) oidc_provider_arn: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) oidc_token_file: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) config_path: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) language: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) endpoint_type: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) read_timeout: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) connect_timeout: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) retry_count: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) log_level: Option<String>,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) skip_secure_verify: bool,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) cli_ai_mode: bool,
    /// Accepted for the host.
    #[arg(long, global = true, hide = true)]
    pub(crate) no_cli_ai_mode: bool,
    /// Accepted for the host.
    #[arg(long, short = 'q', global = true, hide = true)]
    pub(crate) quiet: bool,
    /// Answer yes to confirmation prompts; required by start, rollback and cancel when there is
    /// no terminal to ask on.
    #[arg(long, short = 'y', global = true)]
    pub(crate) yes: bool,
}

/// Drops the command word the host passes first, so both `aliyun-cli-rolling-update
/// rolling-update <verb>` and `aliyun-cli-rolling-update <verb>` work.
pub(crate) fn host_args(args: impl IntoIterator<Item = OsString>) -> Vec<OsString> {
    let mut args: Vec<OsString> = args.into_iter().collect();
    if args.get(1).and_then(|a| a.to_str()).is_some_and(|a| a.eq_ignore_ascii_case(COMMAND)) {
        args.remove(1);
    }
    // The host turns `aliyun rolling-update plugin-help` into `--help`; accept it standalone too.
    if args.get(1).and_then(|a| a.to_str()) == Some("plugin-help") {
        args[1] = OsString::from("--help");
    }
    args
}

/// The global options each verb lists in its --help: the call options only where the verb
/// calls the API, `--cli-dry-run` where it changes something, `-y` where it asks. Every verb
/// still accepts all of them (the host passes its flags on), hidden elsewhere.
const SHOWN_GLOBALS: &[(&str, &[&str])] = &[
    ("validate", &[]),
    ("schema", &[]),
    ("render", &["region"]),
    ("start", &[CALL, DRY_RUN, "region", "yes"]),
    ("rollback", &[CALL, DRY_RUN, "region", "yes"]),
    ("status", &[CALL, "region"]),
    ("wait", &[CALL, "region"]),
    ("approve", &[CALL, DRY_RUN, "region"]),
    ("cancel", &[CALL, DRY_RUN, "region", "yes"]),
    ("list", &[CALL, "region"]),
    ("plan", &[CALL, "region"]),
    ("doctor", &[CALL, "region"]),
    ("demo", &[]),
    ("version", &[]),
    ("completion", &[]),
    ("man", &[]),
];

/// Stands for the options of every call: endpoint, transport, signature and output filter.
const CALL: &str = "<call>";
const CALL_ARGS: &[&str] = &["endpoint", "insecure", "signature_algorithm", "cli_query"];
const DRY_RUN: &str = "cli_dry_run";

/// Whether `verb`'s --help lists the global option `id`.
fn shown(verb: &str, id: &str) -> bool {
    SHOWN_GLOBALS.iter().find(|(v, _)| *v == verb).is_none_or(|(_, ids)| {
        ids.iter().any(|shown| *shown == id || (*shown == CALL && CALL_ARGS.contains(&id)))
    })
}

/// The whole command line: the derive's definition, each verb's examples after its help, and
/// each verb's global options reduced to those that apply to it. The one definition --help,
/// the parser, the completion scripts and the man pages all come from.
pub(crate) fn command() -> Command {
    let lang = crate::lang::current();
    let version = Arg::new("version")
        .short('V')
        .long("version")
        .action(clap::ArgAction::Version)
        .help(lang.get("help.global.version"))
        .help_heading(None::<&'static str>);
    let mut cmd = Cli::command().disable_version_flag(true).arg(version);
    let globals: Vec<Arg> = cmd.get_arguments().filter(|a| a.is_global_set()).cloned().collect();
    let verbs: Vec<String> = cmd.get_subcommands().map(|v| v.get_name().to_owned()).collect();
    for verb in verbs {
        let examples = examples_key(&verb).map(|key| lang.get(key));
        let hidden: Vec<Arg> = globals
            .iter()
            .filter(|a| !shown(&verb, a.get_id().as_str()))
            .map(|a| a.clone().hide(true))
            .collect();
        cmd = cmd.mut_subcommand(&verb, |sub| {
            // A verb's own copy of a global option stops clap from copying the shown one in.
            let sub = sub.args(hidden);
            match examples {
                Some(text) => sub.after_help(text),
                None => sub,
            }
        });
    }
    cmd
}

/// The key of a verb's examples (`help.<verb>.examples`).
fn examples_key(verb: &str) -> Option<&'static str> {
    Some(match verb {
        "validate" => "help.validate.examples",
        "schema" => "help.schema.examples",
        "render" => "help.render.examples",
        "start" => "help.start.examples",
        "rollback" => "help.rollback.examples",
        "status" => "help.status.examples",
        "wait" => "help.wait.examples",
        "approve" => "help.approve.examples",
        "cancel" => "help.cancel.examples",
        "list" => "help.list.examples",
        "plan" => "help.plan.examples",
        "doctor" => "help.doctor.examples",
        "demo" => "help.demo.examples",
        "version" => "help.version.examples",
        "completion" => "help.completion.examples",
        "man" => "help.man.examples",
        _ => return None,
    })
}

/// Parses the arguments; on `--help` or a usage error, prints and returns the exit code.
pub(crate) fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    let lang = crate::lang::current();
    let parsed = crate::help::localized(command(), lang)
        .try_get_matches_from(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|err| {
        use clap::error::ErrorKind;
        // A bare `aliyun rolling-update` asks for help: print it on stdout and succeed, so the
        // host's own note after plugin help reads right.
        if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            print!("{}", crate::help::localize_rendered(&err.render().to_string(), lang));
            return ExitCode::SUCCESS;
        }
        if lang == rolling_update_core::i18n::Lang::En {
            let _ = err.print();
        } else if err.use_stderr() {
            eprint!("{}", crate::parse_error::render(&err, lang).unwrap_or_default());
        } else {
            print!("{}", crate::help::localize_rendered(&err.render().to_string(), lang));
        }
        if err.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS }
    })
}

#[cfg(test)]
mod tests {
    use rolling_update_core::i18n::Lang;
    use rolling_update_core::payload::{Sources, build};
    use rolling_update_core::schema::schema_of;
    use rolling_update_core::template::{DefaultValue, FlagHelp, ParamKind, Relevance, Template};

    use super::*;

    /// The core's table with one more parameter of the image template, declared as a table
    /// entry is: nothing else names it.
    fn table_with_extra() -> &'static [ParamSpec] {
        let extra = ParamSpec {
            key: "drainSeconds",
            pointer: "/drainSeconds",
            flag: "drain-seconds",
            flag_help: FlagHelp {
                value_name: "SECONDS",
                help: "image: how long each instance drains before it is stopped",
                order: 50,
                file: None,
            },
            label: "Drain time",
            description: "Seconds each instance drains before it is stopped.",
            kind: ParamKind::Integer,
            default: DefaultValue::Int(30),
            min: Some(0),
            max: Some(3600),
            templates: &[Template::Image],
            invoke: Relevance::Optional,
            rollback: Relevance::Optional,
            ..ParamSpec::BLANK
        };
        Vec::leak(PARAMS.iter().copied().chain([extra]).collect())
    }

    fn command(table: &'static [ParamSpec]) -> Command {
        Command::new("start").args(ParamFlags::arguments(table))
    }

    #[test]
    fn a_parameter_added_to_the_table_is_a_flag_with_its_help() {
        let table = table_with_extra();
        let help = command(table).render_help().to_string();
        assert!(help.contains("--drain-seconds <SECONDS>"), "{help}");
        assert!(help.contains("image: how long each instance drains before it is stopped"));
        let without = command(&PARAMS).render_help().to_string();
        assert!(!without.contains("drain-seconds"), "{without}");
    }

    #[test]
    fn a_parameter_added_to_the_table_reaches_the_payload_and_the_schema() {
        let table = table_with_extra();
        let args = ["start", "--template", "image", "--drain-seconds", "45", "--batch-number", "2"];
        let matches = command(table).try_get_matches_from(args).expect("the flags parse");
        let flags = ParamFlags::from_matches(&matches, table);
        let sources = Sources {
            flags: flags.values.iter().map(|(s, t)| (*s, t.as_str().into())).collect(),
            ..Sources::default()
        };
        let payload = build(&sources).expect("a payload");
        assert_eq!(payload["drainSeconds"], 45);
        assert_eq!(payload["batchNumber"], 2);

        let schema = schema_of(Template::Image, table, Lang::En);
        let property = &schema["properties"]["drainSeconds"];
        assert_eq!(property["type"], "integer");
        assert_eq!(
            (property["minimum"].as_i64(), property["maximum"].as_i64()),
            (Some(0), Some(3600))
        );
        assert_eq!(property["default"], 30);
        assert_eq!(property["title"], "Drain time");
        let command_schema = schema_of(Template::Command, table, Lang::En);
        assert!(command_schema["properties"].get("drainSeconds").is_none());
    }

    /// Every parameter flag of the table parses into the payload key it declares.
    #[test]
    fn each_parameter_flag_sets_its_key() {
        for spec in ParamFlags::distinct(&PARAMS) {
            let value = match spec.kind {
                ParamKind::Integer => "3",
                ParamKind::Boolean => "false",
                ParamKind::Json => "[]",
                _ => "x",
            };
            let matches = command(&PARAMS)
                .try_get_matches_from(["start", &format!("--{}", spec.flag), value])
                .expect("the flag parses");
            let flags = ParamFlags::from_matches(&matches, &PARAMS);
            let given: Vec<&str> = flags.values.iter().map(|(s, _)| s.key).collect();
            assert_eq!(given, [spec.key], "--{}", spec.flag);
        }
    }

    #[test]
    fn a_script_and_its_file_conflict() {
        let args = ["start", "--invoke-script", "ls", "--invoke-script-file", "s.sh"];
        let err = command(&PARAMS).try_get_matches_from(args).expect_err("conflict");
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
        let matches = command(&PARAMS)
            .try_get_matches_from(["start", "--rollback-script-file", "undo.sh"])
            .expect("a file alone parses");
        let flags = ParamFlags::from_matches(&matches, &PARAMS);
        assert_eq!(flags.files.len(), 1);
        assert_eq!(flags.files[0].0.key, Key::RollbackScript.as_str());
    }

    /// A JSON parameter's file flag names its parameter.
    #[test]
    fn a_json_parameter_reads_from_its_file_flag() {
        let matches = command(&PARAMS)
            .try_get_matches_from(["start", "--container-configure-file", "c.json"])
            .expect("the file flag parses");
        let flags = ParamFlags::from_matches(&matches, &PARAMS);
        assert_eq!(flags.files.len(), 1);
        assert_eq!(flags.files[0].0.key, Key::ContainerConfigure.as_str());
        let err = command(&PARAMS)
            .try_get_matches_from(["start", "--oos-assume-role", "a", "--oos-assume-role", "b"])
            .expect_err("one flag, given once");
        assert_eq!(err.kind(), clap::error::ErrorKind::ArgumentConflict);
    }
}
