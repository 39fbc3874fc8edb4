//! Printing: JSON on stdout, people's messages on stderr.

use std::io::Write;

/// Prints a value as pretty JSON on stdout.
pub(crate) fn json(value: &serde_json::Value) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    let text = serde_json::to_string_pretty(value)?;
    // A closed pipe (`| head`) is not an error worth reporting.
    match writeln!(out, "{text}") {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Prints text on stdout as it is.
pub(crate) fn text(text: &str) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}") {
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// Prints an error and its causes on stderr, one line.
pub(crate) fn error(err: &anyhow::Error) {
    eprintln!("Error: {err:#}");
}
