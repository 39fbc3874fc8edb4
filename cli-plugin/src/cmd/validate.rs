//! `validate`: check a parameters file, findings for people on stderr and as JSON on stdout.

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use rolling_update_core::document;
use rolling_update_core::i18n::Text;
use rolling_update_core::t;
use rolling_update_core::validate::Validation;
use serde_json::json;

use crate::cli::ValidateArgs;
use crate::exit::{Code, usage};

pub(crate) fn run(args: &ValidateArgs) -> anyhow::Result<Code> {
    let template = super::template(&args.template)?;
    let (name, text) = read_input(&args.file)?;
    // JSON or YAML (by the name, else the content); YAML findings carry their line and column.
    let file = document::validate_file(template, &name, &text);
    let checked = &file.validation;
    let lang = crate::lang::current();
    for located in &file.findings {
        let finding = located.finding.localized(lang);
        match located.line.zip(located.column) {
            Some((line, column)) => eprintln!("{name}:{line}:{column}: {finding}"),
            None => eprintln!("{name}: {finding}"),
        }
    }
    let summary = summary(checked);
    eprintln!("{name}: {}", summary.render(lang));
    crate::output::json(&json!({
        "template": template.name(),
        "file": name,
        "valid": !checked.has_errors(),
        "errors": checked.errors().count(),
        "warnings": checked.warnings().count(),
        "findings": file.findings,
    }))?;
    Ok(if checked.has_errors() { Code::Rejected } else { Code::Ok })
}

fn summary(checked: &Validation) -> Text {
    let errors = checked.errors().count();
    let warnings = checked.warnings().count();
    let warnings = match warnings {
        1 => t!("validate.one_warning"),
        n => t!("validate.warnings", n = n),
    };
    match errors {
        0 => t!("validate.valid", warnings: warnings),
        1 => t!("validate.invalid", errors: t!("validate.one_error"), warnings: warnings),
        n => t!("validate.invalid", errors: t!("validate.errors", n = n), warnings: warnings),
    }
}

/// Reads a file, or standard input for `-`; returns a display name and the text.
pub(crate) fn read_input(path: &Path) -> anyhow::Result<(String, String)> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).with_context(|| {
            t!("error.reading_stdin").render(crate::lang::current()).into_owned()
        })?;
        return Ok(("<stdin>".to_owned(), without_bom("<stdin>", text)));
    }
    let name = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|err| usage(t!("error.cannot_read", name = name, error = err)))?;
    let text = String::from_utf8(bytes).map_err(|_| usage(t!("error.not_utf8", name = name)))?;
    let text = without_bom(&name, text);
    Ok((name, text))
}

/// Drops a UTF-8 byte-order mark, with a note. Editors on Windows may save one; JSON parsers
/// reject it, and in a script it would hide the `#!` line.
pub(crate) fn without_bom(name: &str, text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => {
            eprintln!("{}", t!("note.bom", name = name).render(crate::lang::current()));
            rest.to_owned()
        }
        None => text,
    }
}
