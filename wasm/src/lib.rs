//! The core of `aliyun rolling-update` for JavaScript: the browser page and Node.
//!
//! Every export converts JS values to core types, calls [`rolling_update_core`] and converts the
//! answer back. No decision is made here: the template table, validation, schemas, quoting and
//! batch plans all live in the core. Objects cross the boundary as plain JSON-shaped JS values
//! (objects, arrays, strings, numbers); errors are thrown as JS `Error`s whose message is the
//! core's, with a `position` (a character offset) when the core gives one.
//!
//! ```
//! // The same functions are plain Rust calls outside wasm.
//! let names: Vec<&str> = rolling_update_wasm::shell_names().collect();
//! assert_eq!(names[0], "bash");
//! ```
#![warn(missing_docs)]

mod i18n;
pub mod refresh;
mod shell;

use std::fmt::Display;

use i18n::Localize;
use rolling_update_core::params::BatchPauseOption;
use rolling_update_core::shell::{GATE_FIELDS, GateOptions, Shell};
use rolling_update_core::template::{INVOKE_TYPES, Template};
use rolling_update_core::{plan, t, validate};
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

pub use shell::shell_names;

/// A template as the page needs it: names, texts and its parameter table, the texts in the
/// page's language.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TemplateInfo {
    name: &'static str,
    short_name: &'static str,
    title: String,
    description: String,
    params: Vec<Value>,
}

/// A finding in the language asked for, with the top-level key it is about.
#[derive(Serialize)]
struct FindingInfo<'a> {
    severity: validate::Severity,
    code: validate::Code,
    pointer: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    field: Option<String>,
}

impl<'a> FindingInfo<'a> {
    fn new(finding: &'a validate::Finding, lang: rolling_update_core::i18n::Lang) -> Self {
        FindingInfo {
            severity: finding.severity,
            code: finding.code,
            pointer: &finding.pointer,
            message: finding.message.localize(lang),
            hint: finding.hint.as_ref().map(|h| h.localize(lang)),
            field: finding.field(),
        }
    }
}

/// A gate option's finding in the language asked for.
#[derive(Serialize)]
struct GateFindingInfo {
    severity: validate::Severity,
    field: &'static str,
    message: String,
}

/// The answer of [`validate`].
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ValidationInfo<'a> {
    valid: bool,
    findings: Vec<FindingInfo<'a>>,
    /// The typed parameters written back as JSON (only when valid).
    parameters: Option<Value>,
}

/// The command a [`render`] call writes: `{template, parameters, region?, parametersFile?,
/// gate?}` (the gate options only go into the plugin's command).
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CommandInput {
    template: String,
    parameters: Value,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    parameters_file: Option<String>,
    #[serde(default)]
    gate: GateOptions,
}

/// The one error helper: a JS `Error` with the core's message and, when known, a `position`.
fn error(message: impl Display, position: Option<usize>) -> JsValue {
    let err = js_sys::Error::new(&message.to_string());
    if let Some(at) = position {
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(&err, &"position".into(), &(at as f64).into());
    }
    err.into()
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsValue> {
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(|e| error(e, None))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsValue> {
    serde_wasm_bindgen::from_value(value).map_err(|e| error(e, None))
}

fn template(name: &str) -> Result<Template, JsValue> {
    Template::from_name(name).map_err(|e| error(e, None))
}

/// The six templates, each with `name`, `shortName`, `title`, `description` and `params`
/// (key, flag, label, description, kind, choices, default, min, max, idPrefix, and the
/// relevance in each mode as `invoke` / `rollback`), the texts in `lang` (`en` when not given).
#[wasm_bindgen]
pub fn templates(lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = i18n::lang(lang.as_deref());
    let mut all = Vec::new();
    for t in Template::ALL {
        let params = t.params().map(|p| i18n::param(p, lang)).collect::<Result<_, _>>();
        all.push(TemplateInfo {
            name: t.name(),
            short_name: t.short_name(),
            title: i18n::from_english("template.", t.title(), lang),
            description: i18n::from_english("template.", t.description(), lang),
            params: params.map_err(|e| error(e, None))?,
        });
    }
    to_js(&all)
}

/// The two modes (`invokeType` values), each `{value, description}`.
#[wasm_bindgen(js_name = invokeTypes)]
pub fn invoke_types() -> Result<JsValue, JsValue> {
    to_js(INVOKE_TYPES)
}

/// Validates a payload object: `{valid, findings: [{severity, code, pointer, message, hint?,
/// field}], parameters}`, the messages and hints in `lang` (`en` when not given; codes and
/// pointers are the same in every language).
#[wasm_bindgen]
pub fn validate(
    template_name: &str,
    payload: JsValue,
    lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let payload: Value = from_js(payload)?;
    let lang = i18n::lang(lang.as_deref());
    let checked = validate::validate(template(template_name)?, &payload);
    to_js(&ValidationInfo {
        valid: !checked.has_errors(),
        findings: checked.findings.iter().map(|finding| FindingInfo::new(finding, lang)).collect(),
        parameters: checked.params.as_ref().map(|p| p.to_json()),
    })
}

/// The plugin's health-gate options, in command order, each `{key, flag, label, description,
/// kind, choices, default}` (kind: `text`, `duration`, `list`, `choice` or `switch`), the
/// labels and descriptions in `lang` (`en` when not given).
#[wasm_bindgen(js_name = gateFields)]
pub fn gate_fields(lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = i18n::lang(lang.as_deref());
    let all: Result<Vec<Value>, _> =
        GATE_FIELDS.iter().map(|f| i18n::gate_field(f, lang)).collect();
    to_js(&all.map_err(|e| error(e, None))?)
}

/// Checks gate options `{check?, checkTimeout?, alarms?, bake?, onUnhealthy?,
/// insufficientDataOk?}`: `[{severity, field, message}]`, `field` being the option's key, the
/// message in `lang` (`en` when not given).
#[wasm_bindgen(js_name = validateGate)]
pub fn validate_gate(options: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
    let options: GateOptions = from_js(options)?;
    let lang = i18n::lang(lang.as_deref());
    let findings: Vec<GateFindingInfo> = options
        .validate()
        .into_iter()
        .map(|f| GateFindingInfo {
            severity: f.severity,
            field: f.field,
            message: f.message.localize(lang),
        })
        .collect();
    to_js(&findings)
}

/// The page's interface texts in `lang` (a tag such as `zh-CN`, or `navigator.language`;
/// English for any other): an object from each `page.<name>` key's `<name>` to its text, with
/// `{placeholders}` left for the page to fill.
#[wasm_bindgen]
pub fn texts(lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = i18n::lang(lang.as_deref());
    let all: std::collections::BTreeMap<&str, &str> = i18n::page_texts(lang).collect();
    to_js(&all)
}

/// The language the core reads from a tag: `en` or `zh-CN` (`zh-TW`, `zh_CN.UTF-8` give
/// `zh-CN`; anything it does not know gives `en`).
#[wasm_bindgen(js_name = languageOf)]
pub fn language_of(tag: &str) -> String {
    i18n::lang(Some(tag)).tag().to_owned()
}

/// `text` (one command as [`render`] or [`render_plugin`] wrote it for `shell`) on several
/// lines, one flag per line, each continued as the shell continues a line; the shell reads the
/// same arguments from it.
#[wasm_bindgen]
pub fn layout(text: &str, shell_name: &str) -> Result<String, JsValue> {
    let shell: Shell = shell_name.parse().map_err(|e| error(e, None))?;
    Ok(rolling_update_core::shell::layout::layout(text, shell))
}

/// Parses JSON text, keeping the key order; throws with the line and column of a syntax error,
/// said in `lang` (`en` when not given; the parser's own words stay English).
#[wasm_bindgen(js_name = parseJson)]
pub fn parse_json(text: &str, lang: Option<String>) -> Result<JsValue, JsValue> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let message = e.to_string();
        let reason = message.rsplit_once(" at line ").map_or(message.as_str(), |(r, _)| r);
        let text = t!("shell.json.invalid", reason = reason, line = e.line(), column = e.column());
        error(text.localize(i18n::lang(lang.as_deref())), None)
    })?;
    to_js(&value)
}

/// The shells commands are written for: `bash`, `fish`, `powershell`, `powershell-legacy`,
/// `cmd`.
#[wasm_bindgen]
pub fn shells() -> Result<JsValue, JsValue> {
    to_js(&shell_names().collect::<Vec<_>>())
}

/// The same shells with their names for people: `[{value, title}]` (`bash`, `bash / zsh`).
#[wasm_bindgen(js_name = shellTitles)]
pub fn shell_titles() -> Result<JsValue, JsValue> {
    to_js(&shell::titles().collect::<Vec<_>>())
}

/// Writes `aliyun oos StartExecution ...` for `shell`, from
/// `{template, parameters, region?, parametersFile?}`.
#[wasm_bindgen]
pub fn render(command: JsValue, shell_name: &str) -> Result<String, JsValue> {
    render_either(command, shell_name, false, None)
}

/// Writes the plugin's own `aliyun rolling-update start ...` for `shell`, with the health-gate
/// options of `gate` when given; throws when a value cannot be written as its flag (for
/// example a line break for cmd.exe, or a gate option with an error), saying why in `lang`
/// (`en` when not given).
#[wasm_bindgen(js_name = renderPlugin)]
pub fn render_plugin(
    command: JsValue,
    shell_name: &str,
    lang: Option<String>,
) -> Result<String, JsValue> {
    render_either(command, shell_name, true, lang)
}

fn render_either(
    command: JsValue,
    shell_name: &str,
    plugin: bool,
    lang: Option<String>,
) -> Result<String, JsValue> {
    let input: CommandInput = from_js(command)?;
    let command = rolling_update_core::shell::StartCommand {
        template: template(&input.template)?,
        parameters: input.parameters,
        region: input.region,
        parameters_file: input.parameters_file,
    };
    let gate = if plugin { Some(&input.gate) } else { None };
    let lang = i18n::lang(lang.as_deref());
    shell::render(&command, gate, shell_name, lang).map_err(|f| error(f.message, f.position))
}

/// Reads a pasted command (either form) the way `shell` would: `{form, template, parameters,
/// region, parametersFile, gate, notes}`, the notes in `lang` (`en` when not given); throws
/// with a `position` and a message in `lang` when it cannot.
#[wasm_bindgen(js_name = parseCommand)]
pub fn parse_command(
    text: &str,
    shell_name: &str,
    lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = i18n::lang(lang.as_deref());
    let parsed = shell::parse(text, shell_name, lang).map_err(|f| error(f.message, f.position))?;
    to_js(&parsed)
}

/// The batch plan for `instances` instances in `batchNumber` batches with a pause option
/// (`Automatic`, `FirstBatchPause` or `EveryBatchPause`), its `warnings` and `rule` in `lang`
/// (`en` when not given).
#[wasm_bindgen]
pub fn plan(
    instances: u32,
    batch_number: u32,
    pause: &str,
    lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = i18n::lang(lang.as_deref());
    let pause: BatchPauseOption =
        serde_json::from_value(Value::from(pause)).map_err(|e| error(e, None))?;
    let planned = plan::plan(instances as usize, batch_number, pause);
    let mut out = serde_json::to_value(&planned).map_err(|e| error(e, None))?;
    let warnings: Vec<String> = planned.warnings.iter().map(|w| w.localize(lang)).collect();
    out["warnings"] = warnings.into();
    out["rule"] = planned.rule.localize(lang).into();
    to_js(&out)
}

/// The shell a pasted multi-line command was written for, read from its line continuations
/// (`bash`, `powershell` or `cmd`), or `undefined` when no line is continued.
#[wasm_bindgen(js_name = shellOf)]
pub fn shell_of(text: &str) -> Option<String> {
    rolling_update_core::shell::layout::shell_of(text).map(|s| s.as_str().to_owned())
}
