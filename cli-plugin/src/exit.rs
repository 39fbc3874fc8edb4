//! The plugin's exit codes. Scripts depend on them; they never change meaning.

use std::process::ExitCode;

use rolling_update_core::i18n::Text;

/// A documented exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Code {
    /// Success (for `validate`: valid, warnings allowed).
    Ok = 0,
    /// Rejected: invalid parameters, an API error, or a failed operation.
    Rejected = 1,
    /// Usage or configuration error (bad flags, unreadable file, missing credentials or region).
    Usage = 2,
    /// `wait`: the update failed.
    Failed = 3,
    /// `wait`: the update was cancelled.
    Cancelled = 4,
    /// `wait`: the update paused for approval.
    Paused = 5,
    /// `wait`: `--timeout` was reached; the update goes on.
    Timeout = 6,
    /// A health gate failed and the rollback succeeded.
    GateRolledBack = 7,
    /// A health gate failed and the update was left paused or cancelled, or its rollback failed.
    GateFailed = 8,
    /// Ctrl-C: the plugin stopped following; the update goes on.
    Interrupted = 130,
}

impl Code {
    /// The exit code for an error that reached `main`.
    pub(crate) fn from_error(err: &anyhow::Error) -> Code {
        if err.chain().any(|cause| cause.downcast_ref::<UsageError>().is_some()) {
            Code::Usage
        } else {
            Code::Rejected
        }
    }

    /// The exit code of a followed update's end, as the core's waiter and gates number it
    /// (0, 3, 4, 5, 7; any other is a gate that failed).
    pub(crate) fn from_follow(exit: u8) -> Code {
        match exit {
            0 => Code::Ok,
            3 => Code::Failed,
            4 => Code::Cancelled,
            5 => Code::Paused,
            7 => Code::GateRolledBack,
            _ => Code::GateFailed,
        }
    }
}

impl From<Code> for ExitCode {
    fn from(code: Code) -> ExitCode {
        ExitCode::from(code as u8)
    }
}

/// An error in how the plugin was called or configured: exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct UsageError(pub(crate) String);

/// Builds a usage error (exit code 2), its text in the run's language.
pub(crate) fn usage(message: impl Into<Text>) -> anyhow::Error {
    UsageError(message.into().render(crate::lang::current()).into_owned()).into()
}

/// Builds an error for a person (exit code 1), its text in the run's language.
#[allow(dead_code)]
pub(crate) fn rejected(message: impl Into<Text>) -> anyhow::Error {
    anyhow::Error::msg(message.into().render(crate::lang::current()).into_owned())
}
