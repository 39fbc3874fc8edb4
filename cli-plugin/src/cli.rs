//! The command line: verbs, their flags, and the host's flags that are accepted and ignored.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

/// The command word the `aliyun` host passes as the first argument.
pub(crate) const COMMAND: &str = "rolling-update";

/// Rolling updates of Auto Scaling (ESS) groups, run by CloudOps Orchestration Service (OOS).
///
/// Validates template parameters before anything runs, writes commands that are right for
/// your shell, and starts, follows, approves, cancels and rolls back updates.
#[derive(Debug, Parser)]
#[command(
    name = "aliyun rolling-update",
    bin_name = "aliyun rolling-update",
    version,
    disable_version_flag = true,
    arg_required_else_help = true,
    help_expected = true,
    after_help = "Exit codes: 0 ok, 1 rejected or failed, 2 usage or configuration error.\n\
                  Run `aliyun rolling-update <verb> --help` for a verb's flags."
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) verb: Verb,
    #[command(flatten)]
    pub(crate) host: HostFlags,
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
    Render(RenderArgs),
    /// Print the plugin's version.
    Version,
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
#[derive(Debug, Args)]
pub(crate) struct ParamFlags {
    /// Template: image, command, package, or a full ACS-ESS-RollingUpdate... name.
    #[arg(long, value_name = "T")]
    pub(crate) template: Option<String>,
    /// A whole payload (JSON object) to start from; parameter flags override its keys.
    #[arg(long, value_name = "F")]
    pub(crate) parameters_file: Option<PathBuf>,
    /// invoke runs the update; rollback undoes an earlier invoke execution.
    #[arg(long, value_name = "TYPE")]
    pub(crate) invoke_type: Option<String>,
    /// The scaling group whose instances are updated (asg-...).
    #[arg(long, value_name = "ID")]
    pub(crate) scaling_group_id: Option<String>,
    /// image: also change this scaling configuration's image (asc-...).
    #[arg(long, value_name = "ID")]
    pub(crate) scaling_configuration_id: Option<String>,
    /// image: the image each instance's system disk is replaced with.
    #[arg(long, value_name = "ID")]
    pub(crate) image_id: Option<String>,
    /// image: the image a rollback puts back (the image before the update).
    #[arg(long, value_name = "ID")]
    pub(crate) source_image_id: Option<String>,
    /// image: how many instances may fail before the update stops.
    #[arg(long, value_name = "N")]
    pub(crate) max_errors: Option<String>,
    /// command: RunShellScript, RunBatScript or RunPowerShellScript.
    #[arg(long, value_name = "TYPE")]
    pub(crate) command_type: Option<String>,
    /// command: the script an invoke runs on each instance.
    #[arg(long, value_name = "TEXT", conflicts_with = "invoke_script_file")]
    pub(crate) invoke_script: Option<String>,
    /// command: read the invoke script from this file.
    #[arg(long, value_name = "F")]
    pub(crate) invoke_script_file: Option<PathBuf>,
    /// command: the shell script a rollback runs on each instance.
    #[arg(long, value_name = "TEXT", conflicts_with = "rollback_script_file")]
    pub(crate) rollback_script: Option<String>,
    /// command: read the rollback script from this file.
    #[arg(long, value_name = "F")]
    pub(crate) rollback_script_file: Option<PathBuf>,
    /// package: the OOS package to configure.
    #[arg(long, value_name = "NAME")]
    pub(crate) package_name: Option<String>,
    /// package: the package version; empty means the latest.
    #[arg(long, value_name = "VERSION")]
    pub(crate) package_version: Option<String>,
    /// package: install or uninstall.
    #[arg(long, value_name = "ACTION")]
    pub(crate) action: Option<String>,
    /// How many batches the instances are split into (1-100).
    #[arg(long, value_name = "N")]
    pub(crate) batch_number: Option<String>,
    /// Automatic, FirstBatchPause or EveryBatchPause.
    #[arg(long, value_name = "OPTION")]
    pub(crate) batch_pause_option: Option<String>,
    /// Scaling processes suspended during the update (comma-separated).
    #[arg(long, value_name = "LIST")]
    pub(crate) enter_process: Option<String>,
    /// Scaling processes resumed at the end (comma-separated).
    #[arg(long, value_name = "LIST")]
    pub(crate) exit_process: Option<String>,
    /// Only instances in these lifecycle states are updated (comma-separated).
    #[arg(long, value_name = "LIST")]
    pub(crate) lifecycle_state: Option<String>,
    /// The RAM role OOS assumes; empty runs with the caller's permissions.
    #[arg(long, value_name = "ROLE")]
    pub(crate) oos_assume_role: Option<String>,
    /// rollback: the invoke execution to undo (exec-...).
    #[arg(long, value_name = "ID")]
    pub(crate) source_execution_id: Option<String>,
}

impl ParamFlags {
    /// The parameter flags given inline, as (flag name without `--`, raw text).
    pub(crate) fn given(&self) -> Vec<(&'static str, &str)> {
        let all: [(&'static str, &Option<String>); 19] = [
            ("invoke-type", &self.invoke_type),
            ("scaling-group-id", &self.scaling_group_id),
            ("scaling-configuration-id", &self.scaling_configuration_id),
            ("image-id", &self.image_id),
            ("source-image-id", &self.source_image_id),
            ("max-errors", &self.max_errors),
            ("command-type", &self.command_type),
            ("invoke-script", &self.invoke_script),
            ("rollback-script", &self.rollback_script),
            ("package-name", &self.package_name),
            ("package-version", &self.package_version),
            ("action", &self.action),
            ("oos-assume-role", &self.oos_assume_role),
            ("enter-process", &self.enter_process),
            ("exit-process", &self.exit_process),
            ("lifecycle-state", &self.lifecycle_state),
            ("source-execution-id", &self.source_execution_id),
            ("batch-number", &self.batch_number),
            ("batch-pause-option", &self.batch_pause_option),
        ];
        all.into_iter().filter_map(|(flag, value)| Some((flag, value.as_deref()?))).collect()
    }

    /// The script files given, as (flag name of the script without `--`, path).
    pub(crate) fn script_files(&self) -> Vec<(&'static str, &std::path::Path)> {
        [("invoke-script", &self.invoke_script_file), ("rollback-script", &self.rollback_script_file)]
            .into_iter()
            .filter_map(|(flag, path)| Some((flag, path.as_deref()?)))
            .collect()
    }
}

/// Flags the `aliyun` host accepts after the command word. They reach the plugin verbatim, so
/// the plugin accepts them; the host has already applied those it acts on.
#[derive(Debug, Args)]
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
    /// Answer yes to confirmation prompts.
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

/// Parses the arguments; on `--help` or a usage error, prints and returns the exit code.
pub(crate) fn parse(args: Vec<OsString>) -> Result<Cli, ExitCode> {
    Cli::try_parse_from(args).map_err(|err| {
        use clap::error::ErrorKind;
        // A bare `aliyun rolling-update` asks for help: print it on stdout and succeed, so the
        // host's own note after plugin help reads right.
        if err.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
            print!("{}", err.render());
            return ExitCode::SUCCESS;
        }
        let _ = err.print();
        if err.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS }
    })
}
