//! Printing: JSON on stdout, people's messages on stderr.

use std::io::Write;

use rolling_update_core::advice::error_hint;
use rolling_update_core::api::ApiError;

use crate::ctx::CallError;

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
            let lost = err.chain().any(|c| {
                matches!(
                    c.downcast_ref::<CallError>(),
                    Some(CallError::Send(crate::http::SendError::NoResponse { .. }))
                )
            });
            if lost {
                eprintln!(
                    "Hint: the request may have been applied; check with `aliyun rolling-update \
                     status <execution-id>` (or `list`) before running it again"
                );
            }
        }
    }
}

/// Prints a value as pretty JSON on stdout.
pub(crate) fn json(value: &serde_json::Value) -> anyhow::Result<()> {
    text(&serde_json::to_string_pretty(value)?)
}
