//! `render`: a ready-to-paste command for the chosen shell, after validation.

use std::borrow::Cow;
use std::cell::RefCell;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;
use rolling_update_core::document::{self, Format};
use rolling_update_core::i18n::Lang;
use rolling_update_core::payload::{self, FileText, Sources};
use rolling_update_core::shell::{self, ParsedCommand, RenderError, Shell, StartCommand};
use rolling_update_core::template::Template;
use rolling_update_core::validate::{Finding, validate};
use rolling_update_core::{t, update_file};
use serde_json::{Map, Value};

use crate::cli::{ParamFlags, RenderArgs};
use crate::exit::{Code, usage};

pub(crate) fn run(args: &RenderArgs, region: Option<&str>) -> anyhow::Result<Code> {
    let (template, payload, pasted_region) = match (&args.update_file, &args.from_command) {
        (Some(path), _) => {
            let update = read_update_file(path)?;
            (update.template, payload_with(&args.params, None, Some(update.file))?, update.region)
        }
        (None, Some(path)) => {
            let pasted = read_pasted(path, args.from_shell.into())?;
            let template = match &args.params.template {
                Some(name) => super::template(name)?,
                None => pasted.template,
            };
            (template, payload(&args.params, Some(&pasted))?, pasted.region)
        }
        (None, None) => {
            let Some(name) = &args.params.template else {
                return Err(usage(rolling_update_core::t!("error.render_needs_template")));
            };
            let payload = payload(&args.params, None)?;
            (super::template(name)?, payload, None)
        }
    };
    let payload = Value::Object(payload);

    let checked = validate(template, &payload);
    for line in finding_lines(template, &checked.findings, crate::lang::current()) {
        eprintln!("{line}");
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
            RenderError::CmdNewline { .. } => usage(err.text()),
            other => crate::exit::rejected(other.text()),
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

/// Where the values of the payload a run builds are written, when a YAML file gave them: the
/// file's name, the file as read, where the parameters sit in it (`""`, or `/parameters` in an
/// update file) and the payload built. One payload is built per run: [`read_update_file`] and
/// [`payload_with`] record it here, and [`finding_lines`] takes it (so nothing of one run is
/// left for the next), so that `render` and `start` point at the YAML line and column as
/// `validate` does.
struct Origin {
    name: String,
    read: document::Read,
    prefix: &'static str,
    payload: Option<Value>,
}

thread_local! {
    static ORIGIN: RefCell<Option<Origin>> = const { RefCell::new(None) };
}

/// Records a YAML file the payload's values come from (a JSON file gives no lines).
fn remember_yaml(name: &str, text: &str, prefix: &'static str) {
    if let Ok(read) = document::read(name, text)
        && read.format == Format::Yaml
    {
        let origin = Origin { name: name.to_owned(), read, prefix, payload: None };
        ORIGIN.with(|o| *o.borrow_mut() = Some(origin));
    }
}

/// The findings about the payload built, one text each in `lang`: `NAME:LINE:COLUMN: FINDING`
/// for a value as a YAML file wrote it (with YAML's hint where it explains the finding), the
/// finding alone otherwise.
pub(crate) fn finding_lines(template: Template, findings: &[Finding], lang: Lang) -> Vec<String> {
    let origin = ORIGIN.with(|o| o.borrow_mut().take());
    let Some((origin, payload)) = origin.as_ref().and_then(|o| Some((o, o.payload.as_ref()?)))
    else {
        return findings.iter().map(|f| f.localized(lang)).collect();
    };
    let located = origin.read.locate_payload(template, origin.prefix, payload, findings.to_vec());
    let line = |l: &document::Located| {
        let finding = l.finding.localized(lang);
        match l.line.zip(l.column) {
            Some((line, column)) => format!("{}:{line}:{column}: {finding}", origin.name),
            None => finding,
        }
    };
    located.iter().map(line).collect()
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
    payload_with(flags, pasted, file)
}

/// An update file (`--update-file`) as read: its template, its parameters as a parameters
/// file's `(name, JSON text)`, and its region.
pub(crate) struct UpdateFileRead {
    pub(crate) template: rolling_update_core::template::Template,
    pub(crate) file: (String, String),
    pub(crate) region: Option<String>,
}

/// Reads `--update-file`; the core checks it (a bad one is a usage error naming its line).
pub(crate) fn read_update_file(path: &Path) -> anyhow::Result<UpdateFileRead> {
    let (name, text) = super::validate::read_input(path)?;
    remember_yaml(&name, &text, "/parameters");
    let update = update_file::parse(&name, &text)
        .map_err(|err| usage(err.render(crate::lang::current())))?;
    let parameters = Value::Object(update.parameters).to_string();
    Ok(UpdateFileRead {
        template: update.template,
        file: (format!("{name} (parameters)"), parameters),
        region: update.region,
    })
}

/// [`payload`] from a parameters file already read, as `(name, text)`.
pub(crate) fn payload_with(
    flags: &ParamFlags,
    pasted: Option<&ParsedCommand>,
    file: Option<(String, String)>,
) -> anyhow::Result<Map<String, Value>> {
    let mut scripts = Vec::new();
    for (spec, path) in &flags.files {
        let script = std::fs::read_to_string(path).map_err(|err| {
            usage(rolling_update_core::t!("error.cannot_read", name = path.display(), error = err))
        })?;
        scripts.push((*spec, super::validate::without_bom(&path.display().to_string(), script)));
    }
    let inline = flags.values.iter().map(|(spec, text)| (*spec, Cow::Borrowed(text.as_str())));
    // A payload of its own: what an earlier run left is dropped, an update file just read kept.
    ORIGIN.with(|o| drop(o.borrow_mut().take_if(|origin| origin.payload.is_some())));
    if let Some((name, text)) = &file {
        remember_yaml(name, text, "");
    }
    let sources = Sources {
        file: file.as_ref().map(|(name, text)| FileText { name, text }),
        pasted,
        flags: inline
            .chain(scripts.into_iter().map(|(spec, text)| (spec, Cow::Owned(text))))
            .collect(),
    };
    let payload = payload::build(&sources).map_err(|err| usage(err.text()))?;
    ORIGIN.with(|o| {
        if let Some(origin) = o.borrow_mut().as_mut() {
            origin.payload = Some(Value::Object(payload.clone()));
        }
    });
    Ok(payload)
}

/// Reads and parses a pasted command, printing its notes.
fn read_pasted(path: &Path, from_shell: Shell) -> anyhow::Result<ParsedCommand> {
    let (name, text) = read_text(path)?;
    let parsed = shell::parse(&text, from_shell)
        .map_err(|err| usage(t!("payload.in_file", name = name, message: err.text())))?;
    let lang = crate::lang::current();
    for note in &parsed.notes {
        eprintln!("{}", t!("plan.note", note: note.clone()).render(lang));
    }
    Ok(parsed)
}

fn read_text(path: &Path) -> anyhow::Result<(String, String)> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("reading standard input")?;
        return Ok(("<stdin>".to_owned(), text));
    }
    let text = std::fs::read_to_string(path).map_err(|err| {
        usage(rolling_update_core::t!("error.cannot_read", name = path.display(), error = err))
    })?;
    Ok((path.display().to_string(), text))
}
