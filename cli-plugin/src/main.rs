//! `aliyun-cli-rolling-update`: the `aliyun rolling-update` plugin.
//!
//! The `aliyun` host runs it as `aliyun-cli-rolling-update rolling-update <verb> ...`; it also
//! runs standalone as `aliyun-cli-rolling-update <verb> ...`. Exit codes are documented in
//! [`exit`] and in the README.

mod cli;
mod cmd;
mod exit;
mod http;
mod output;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::host_args(std::env::args_os());
    let parsed = match cli::parse(args) {
        Ok(parsed) => parsed,
        Err(code) => return code,
    };
    match cmd::run(parsed) {
        Ok(code) => code.into(),
        Err(err) => {
            output::error(&err);
            exit::Code::from_error(&err).into()
        }
    }
}
