//! `render`: a ready-to-paste command for the chosen shell, after validation.

use std::io::Read;
use std::path::Path;

use anyhow::Context;
use rolling_update_core::shell::{self, RenderError, Shell, StartCommand};
use rolling_update_core::template::Template;
use rolling_update_core::validate::validate;
use serde_json::{Map, Value};

use crate::cli::{ParamFlags, RenderArgs};
use crate::exit::{Code, usage};

pub(crate) fn run(args: &RenderArgs, region: Option<&str>) -> anyhow::Result<Code> {
    let (template, payload, pasted_region) = match &args.from_command {
        Some(path) => {
            let (template, payload, region) =
                from_command(path, args.from_shell.into(), &args.params)?;
            (template, apply_flags(payload, &args.params)?, region)
        }
        None => {
            let Some(name) = &args.params.template else {
                return Err(usage("render needs --template (or --from-command)"));
            };
            let payload = apply_flags(base_payload(&args.params)?, &args.params)?;
            (super::template(name)?, default_invoke_type(payload), None)
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

/// A payload built from flags runs the update unless `--invoke-type` (or the parameters file)
/// says otherwise, as `start` does; a pasted command keeps exactly what it carried.
pub(crate) fn default_invoke_type(mut payload: Map<String, Value>) -> Map<String, Value> {
    if !payload.contains_key("invokeType") {
        payload.insert("invokeType".into(), Value::from("invoke"));
    }
    payload
}

/// The payload from `--parameters-file`, or an empty object.
pub(crate) fn base_payload(flags: &ParamFlags) -> anyhow::Result<Map<String, Value>> {
    match &flags.parameters_file {
        Some(path) => read_object(path),
        None => Ok(Map::new()),
    }
}

/// Sets each parameter flag (and script file) given over `payload`.
pub(crate) fn apply_flags(
    mut payload: Map<String, Value>,
    flags: &ParamFlags,
) -> anyhow::Result<Map<String, Value>> {
    let spec =
        |flag: &str| shell::flag_spec(flag).with_context(|| format!("no parameter --{flag}"));
    for (flag, raw) in flags.given() {
        shell::apply_flag(&mut payload, spec(flag)?, raw).map_err(|e| usage(e.to_string()))?;
    }
    for (flag, path) in flags.script_files() {
        let script = std::fs::read_to_string(path)
            .map_err(|err| usage(format!("cannot read {}: {err}", path.display())))?;
        let script = super::validate::without_bom(&path.display().to_string(), script);
        shell::apply_flag(&mut payload, spec(flag)?, &script).map_err(|e| usage(e.to_string()))?;
    }
    Ok(payload)
}

/// Reads a pasted command; its parameters file, if it names one, is read from here.
fn from_command(
    path: &Path,
    from_shell: Shell,
    flags: &ParamFlags,
) -> anyhow::Result<(Template, Map<String, Value>, Option<String>)> {
    let (name, text) = read_text(path)?;
    let parsed = shell::parse(&text, from_shell).map_err(|err| usage(format!("{name}: {err}")))?;
    for note in &parsed.notes {
        eprintln!("note: {note}");
    }
    let template = match &flags.template {
        Some(name) => super::template(name)?,
        None => parsed.template,
    };
    let mut payload = match &flags.parameters_file {
        Some(file) => read_object(file)?,
        None => match &parsed.parameters_file {
            Some(file) => read_object(Path::new(file))?,
            None => Map::new(),
        },
    };
    if let Value::Object(inline) = parsed.parameters {
        payload.extend(inline);
    }
    Ok((template, payload, parsed.region))
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

fn read_object(path: &Path) -> anyhow::Result<Map<String, Value>> {
    let (name, text) = super::validate::read_input(path)?;
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(usage(format!("{name}: the parameters must be a JSON object"))),
        Err(err) => Err(usage(format!("{name} is not valid JSON: {err}"))),
    }
}
