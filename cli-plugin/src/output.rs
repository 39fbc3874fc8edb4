//! Printing: JSON on stdout, people's messages on stderr.

use std::io::Write;

use rolling_update_core::advice::error_hint;
use rolling_update_core::api::ApiError;

use crate::ctx::CallError;
use crate::http::SendError;

/// Prints text on stdout as it is.
pub(crate) fn text(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Prints an error on stderr: one line, then for API errors the `Recommend` link and a hint.
pub(crate) fn error(err: &anyhow::Error) {
    let api: Option<&ApiError> = err.chain().find_map(|cause| {
        cause.downcast_ref::<ApiError>().or_else(|| match cause.downcast_ref::<CallError>() {
            Some(CallError::Api(e)) => Some(&**e),
            _ => None,
        })
    });
    match api {
        Some(api) => {
            eprintln!("Error: {api}");
            if let Some(link) = api.recommend.as_deref().filter(|l| !l.is_empty()) {
                eprintln!("Recommend: {link}");
            }
            if let Some(hint) = error_hint(api) {
                eprintln!("Hint: {hint}");
            }
        }
        None => {
            eprintln!("Error: {err:#}");
            let send = err.chain().find_map(|c| match c.downcast_ref::<CallError>() {
                Some(CallError::Send(e)) => Some(e),
                _ => None,
            });
            match send {
                Some(SendError::NoResponse { .. }) => eprintln!(
                    "Hint: the request may have been applied; check with `aliyun rolling-update \
                     status <execution-id>` (or `list`) before running it again"
                ),
                Some(SendError::TimedOut { .. }) => eprintln!(
                    "Hint: the network path to the endpoint is not answering: check --endpoint, \
                     a proxy (HTTPS_PROXY) or a firewall; on a slow link raise --read-timeout. \
                     A change may have been applied; check with `status` or `list` before \
                     running it again"
                ),
                Some(SendError::Connect { .. }) => eprintln!(
                    "Hint: nothing answers at the endpoint: check --endpoint, the region, DNS and \
                     the network"
                ),
                _ => {}
            }
        }
    }
}

/// Prints a value as pretty JSON on stdout.
pub(crate) fn json(value: &serde_json::Value) -> anyhow::Result<()> {
    text(&serde_json::to_string_pretty(value)?)
}
