//! `aliyun-cli-rolling-update`: the `aliyun rolling-update` plugin.
//!
//! The `aliyun` host runs it as `aliyun-cli-rolling-update rolling-update <verb> ...`; it also
//! runs standalone as `aliyun-cli-rolling-update <verb> ...`. Exit codes are documented in
//! [`exit`] and in the README.

mod cli;
mod cmd;
mod completion;
mod ctx;
mod exit;
mod help;
mod http;
mod lang;
mod output;
mod parse_error;
mod paths;
mod progress;
#[cfg(test)]
mod render_parse_tests;

use std::process::ExitCode;

fn main() -> ExitCode {
    // A bug must not print a backtrace (or anything a backtrace might hold): one line instead.
    std::panic::set_hook(Box::new(|info| {
        let at =
            info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        eprintln!("Error: internal error{at}; please report it");
    }));
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    lang::init(&argv);
    let args = cli::host_args(argv);
    let parsed = match cli::parse(args) {
        Ok(parsed) => parsed,
        Err(code) => return code,
    };
    // Ctrl-C ends the plugin at once with exit 130, after saying what it can (`wait` says how
    // to resume following; the update itself goes on).
    let _ = ctrlc::set_handler(|| ctx::interrupted());
    // A live view and colour only where the verb writes to this process's own terminal: the
    // demo draws its own screen.
    if !matches!(parsed.verb, cli::Verb::Demo(_)) {
        progress::init();
    }
    let mut ctx = ctx::Ctx::new(
        ctx::Io::stdio(parsed.call.cli_query.clone()),
        settings(&parsed),
        parsed.host.yes,
        parsed.call.cli_dry_run,
    );
    match cmd::run(parsed, &mut ctx) {
        Ok(code) => code.into(),
        Err(err) => {
            output::error(&err);
            exit::Code::from_error(&err).into()
        }
    }
}

/// What the session is resolved from: the environment, the config file and the flags. The
/// decision itself is the core's (`profile::resolve`).
fn settings(cli: &cli::Cli) -> ctx::Settings {
    // `vars()` would panic on a variable that is not Unicode; such a variable is none of ours.
    let env: std::collections::BTreeMap<String, String> = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .collect();
    let host = &cli.host;
    let config_path = host
        .config_path
        .clone()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| paths::config_file(&env));
    let config_text = std::fs::read_to_string(&config_path).ok();
    let number = |v: &Option<String>| v.as_deref().and_then(|t| t.trim().parse::<u64>().ok());
    let poll_ms = env.get(ctx::POLL_MS_VAR).and_then(|v| v.parse().ok());
    ctx::Settings {
        inputs: rolling_update_core::profile::Inputs {
            env,
            profile_flag: host.profile.clone(),
            region_flag: host.region.clone(),
            mode_flag: host.mode.clone(),
            access_key_id_flag: host.access_key_id.clone(),
            access_key_secret_flag: host.access_key_secret.clone(),
            sts_token_flag: host.sts_token.clone(),
            config_text,
            config_path,
        },
        endpoint: cli.call.endpoint.clone(),
        insecure: cli.call.insecure,
        algorithm: match cli.call.signature_algorithm {
            Some(cli::SignatureArg::Sha1) => {
                rolling_update_core::sign::SignatureAlgorithm::RpcHmacSha1
            }
            _ => rolling_update_core::sign::SignatureAlgorithm::Acs3HmacSha256,
        },
        connect_timeout: number(&host.connect_timeout),
        read_timeout: number(&host.read_timeout),
        retry_count: number(&host.retry_count).map(|n| n.min(20) as u32),
        poll_ms,
        config_path_flag: host.config_path.clone().filter(|p| !p.is_empty()),
    }
}
