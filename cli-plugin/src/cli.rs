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
