//! `render`: a ready-to-paste command for the chosen shell, after validation.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use rolling_update_core::payload::{self, FileText, Sources};
use rolling_update_core::shell::{self, ParsedCommand, RenderError, Shell, StartCommand};
use rolling_update_core::validate::validate;
use serde_json::{Map, Value};

use crate::cli::{ParamFlags, RenderArgs};
use crate::exit::{Code, usage};

pub(crate) fn run(args: &RenderArgs, region: Option<&str>) -> anyhow::Result<Code> {
    let (template, payload, pasted_region) = match &args.from_command {
        Some(path) => {
            let pasted = read_pasted(path, args.from_shell.into())?;
            let template = match &args.params.template {
                Some(name) => super::template(name)?,
                None => pasted.template,
            };
            (template, payload(&args.params, Some(&pasted))?, pasted.region)
        }
        None => {
            let Some(name) = &args.params.template else {
                return Err(usage("render needs --template (or --from-command)"));
            };
            let payload = payload(&args.params, None)?;
            (super::template(name)?, payload, None)
        }
    };
    let payload = Value::Object(payload);

    let checked = validate(template, &payload);
    for finding in &checked.findings {
        eprintln!("{finding}");
    }
    if checked.has_errors() {
        return Ok(Code::Rejected);
    }

    let command = StartCommand {
        template,
        parameters: payload,
        region: region.map(str::to_owned).or(pasted_region),
        parameters_file: args.parameters_out.as_ref().map(|p| p.display().to_string()),
    };
    let shell = Shell::from(args.shell);
    let text = if args.plugin {
        shell::render_plugin(&command, shell).map_err(|err| match err {
            RenderError::CmdNewline { .. } => usage(err.to_string()),
            other => anyhow::Error::new(other),
        })?
    } else {
        shell::render(&command, shell)
    };
    if let Some(path) = &args.parameters_out {
        // UTF-8 without a BOM and without a trailing newline: the aliyun CLI sends the file's
        // bytes as they are.
        std::fs::write(path, command.parameters.to_string())
            .with_context(|| format!("writing the parameters to {}", path.display()))?;
    }
    crate::output::text(&text)?;
    Ok(Code::Ok)
}

/// The payload of a verb: the parameters file (`--parameters-file`, or else the one the pasted
/// command names) and the script files are read here; the core builds the payload from their
/// text, the pasted command and the flags.
pub(crate) fn payload(
    flags: &ParamFlags,
    pasted: Option<&ParsedCommand>,
) -> anyhow::Result<Map<String, Value>> {
    let named = pasted.and_then(|p| p.parameters_file.as_deref()).map(PathBuf::from);
    let file = match flags.parameters_file.as_ref().or(named.as_ref()) {
        Some(path) => Some(super::validate::read_input(path)?),
        None => None,
    };
    let mut scripts = Vec::new();
    for (spec, path) in &flags.files {
        let script = std::fs::read_to_string(path)
            .map_err(|err| usage(format!("cannot read {}: {err}", path.display())))?;
        scripts.push((*spec, super::validate::without_bom(&path.display().to_string(), script)));
    }
    let inline = flags.values.iter().map(|(spec, text)| (*spec, Cow::Borrowed(text.as_str())));
    let sources = Sources {
        file: file.as_ref().map(|(name, text)| FileText { name, text }),
        pasted,
        flags: inline
            .chain(scripts.into_iter().map(|(spec, text)| (spec, Cow::Owned(text))))
            .collect(),
    };
    payload::build(&sources).map_err(|err| usage(err.to_string()))
}

/// Reads and parses a pasted command, printing its notes.
fn read_pasted(path: &Path, from_shell: Shell) -> anyhow::Result<ParsedCommand> {
    let (name, text) = read_text(path)?;
    let parsed = shell::parse(&text, from_shell).map_err(|err| usage(format!("{name}: {err}")))?;
    for note in &parsed.notes {
        eprintln!("note: {note}");
    }
    Ok(parsed)
}

fn read_text(path: &Path) -> anyhow::Result<(String, String)> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("reading standard input")?;
        return Ok(("<stdin>".to_owned(), text));
    }
    let text = std::fs::read_to_string(path)
        .map_err(|err| usage(format!("cannot read {}: {err}", path.display())))?;
    Ok((path.display().to_string(), text))
}
