//! Printing: JSON on stdout, people's messages on stderr.

use std::io::Write;

use rolling_update_core::advice::error_hint;
use rolling_update_core::api::ApiError;
use rolling_update_core::i18n::Lang;
use rolling_update_core::t;

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
    let lang = crate::lang::current();
    let say = |text: rolling_update_core::i18n::Text| eprintln!("{}", text.render(lang));
    match api {
        Some(api) => {
            say(t!("error.line", error = api));
            if let Some(link) = api.recommend.as_deref().filter(|l| !l.is_empty()) {
                say(t!("error.recommend_line", link = link));
            }
            if let Some(hint) = error_hint(api) {
                say(t!("error.hint_line", hint: hint));
            }
        }
        None => {
            say(t!("error.line", error = chain_text(err, lang)));
            let send = err.chain().find_map(|c| match c.downcast_ref::<CallError>() {
                Some(CallError::Send(e)) => Some(e),
                _ => None,
            });
            let hint = match send {
                Some(SendError::NoResponse { .. }) => Some(t!("hint.send.no_response")),
                Some(SendError::TimedOut { .. }) => Some(t!("hint.send.timed_out")),
                Some(SendError::Connect { .. }) => Some(t!("hint.send.connect")),
                _ => None,
            };
            if let Some(hint) = hint {
                say(t!("error.hint_line", hint: hint));
            }
        }
    }
}

/// What `{err:#}` writes (each cause after the one before, `: ` between), with the core's
/// errors and a call's undecodable answer in `lang`.
fn chain_text(err: &anyhow::Error, lang: Lang) -> String {
    let causes: Vec<String> = err.chain().map(|cause| cause_text(cause, lang)).collect();
    causes.join(": ")
}

/// One cause of an error chain in `lang`: a core error from its `Text`, anything else as it
/// reads.
fn cause_text(cause: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    use rolling_update_core::api::{EndpointError, ResponseError};
    use rolling_update_core::profile::ResolveError;
    use rolling_update_core::rollback::RollbackError;
    use rolling_update_core::sign::{ParseTimeError, SignError};
    let text = None
        .or_else(|| cause.downcast_ref::<CallError>().map(CallError::text))
        .or_else(|| cause.downcast_ref::<SendError>().map(SendError::text))
        .or_else(|| cause.downcast_ref::<ResolveError>().map(ResolveError::text))
        .or_else(|| cause.downcast_ref::<EndpointError>().map(EndpointError::text))
        .or_else(|| cause.downcast_ref::<ResponseError>().map(ResponseError::text))
        .or_else(|| cause.downcast_ref::<SignError>().map(SignError::text))
        .or_else(|| cause.downcast_ref::<ParseTimeError>().map(ParseTimeError::text))
        .or_else(|| cause.downcast_ref::<RollbackError>().map(RollbackError::text));
    match text {
        Some(text) => text.render(lang).into_owned(),
        None => cause.to_string(),
    }
}

/// Prints a value as pretty JSON on stdout.
pub(crate) fn json(value: &serde_json::Value) -> anyhow::Result<()> {
    text(&serde_json::to_string_pretty(value)?)
}
