//! ESS instance refresh (`--template refresh`) for the page: its parameter table with help in
//! the page's language, its findings, its commands and its plan, all the core's
//! (`rolling_update_core::refresh`).

use rolling_update_core::i18n::Lang;
use rolling_update_core::refresh::table::{
    Desired, REFRESH_PARAMS, RefreshDefault, RefreshKind, RefreshParam,
};
use rolling_update_core::refresh::{self, plan, render, validate};
use rolling_update_core::shell::Shell;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::{FindingInfo, error, from_js, i18n, to_js};

/// One refresh parameter as the page's form needs it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ParamInfo {
    key: &'static str,
    flag: &'static str,
    /// `string`, `integer`, `boolean`, `integerList` or `stringList`.
    kind: &'static str,
    required: bool,
    min: Option<i64>,
    max: Option<i64>,
    default: Option<Value>,
    id_prefix: Option<&'static str>,
    /// `image`, `scalingConfiguration` or `launchTemplate`: at most one kind per refresh.
    desired: Option<&'static str>,
    /// The flag, as the field's label.
    label: &'static str,
    /// The help text in the page's language.
    description: &'static str,
    /// No choice lists: a refresh's values are free (kept for the form's shape).
    choices: [(); 0],
    /// `required` or `optional`, the same in both of the form's modes.
    invoke: &'static str,
    /// As `invoke`.
    rollback: &'static str,
}

impl ParamInfo {
    fn new(param: &'static RefreshParam, lang: Lang) -> ParamInfo {
        ParamInfo {
            key: param.key,
            flag: param.flag,
            kind: match param.kind {
                RefreshKind::String => "string",
                RefreshKind::Integer => "integer",
                RefreshKind::Boolean => "boolean",
                RefreshKind::IntegerList => "integerList",
                RefreshKind::StringList => "stringList",
            },
            required: param.required,
            min: param.range.map(|r| r.0),
            max: param.range.map(|r| r.1),
            default: param.default.map(|d| match d {
                RefreshDefault::Integer(n) => Value::from(n),
                RefreshDefault::Boolean(b) => Value::from(b),
            }),
            id_prefix: param.prefix,
            desired: param.desired.map(|d| match d {
                Desired::Image => "image",
                Desired::ScalingConfiguration => "scalingConfiguration",
                Desired::LaunchTemplate => "launchTemplate",
            }),
            label: param.flag,
            description: lang.get(param.help),
            choices: [],
            invoke: relevance(param),
            rollback: relevance(param),
        }
    }
}

fn relevance(param: &RefreshParam) -> &'static str {
    if param.required { "required" } else { "optional" }
}

/// The refresh as a choice beside the templates.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RefreshInfo {
    name: &'static str,
    short_name: &'static str,
    title: &'static str,
    description: &'static str,
    refresh: bool,
    params: Vec<ParamInfo>,
}

/// The answer of [`validate_refresh`].
#[derive(Serialize)]
struct RefreshValidationInfo<'a> {
    valid: bool,
    findings: Vec<FindingInfo<'a>>,
}

/// A refresh command to write: `{parameters, region?}`.
#[derive(serde::Deserialize)]
struct RefreshInput {
    parameters: Value,
    #[serde(default)]
    region: Option<String>,
}

/// The instance refresh: `{name, shortName, title, description, refresh: true, params}`, each parameter `{key, flag, kind,
/// required, min, max, default, idPrefix, desired, label, description, choices, invoke,
/// rollback}`, the description in `lang`.
#[wasm_bindgen(js_name = refreshInfo)]
pub fn refresh_info(lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = i18n::lang(lang.as_deref());
    to_js(&RefreshInfo {
        name: refresh::NAME,
        short_name: refresh::SHORT_NAME,
        title: lang.get("page.refresh.title"),
        description: lang.get("page.refresh.description"),
        refresh: true,
        params: REFRESH_PARAMS.iter().map(|p| ParamInfo::new(p, lang)).collect(),
    })
}

/// Whether a template name (short or full) is the instance refresh.
#[wasm_bindgen(js_name = isRefresh)]
pub fn is_refresh(name: &str) -> bool {
    refresh::is_refresh(name)
}

/// Checks a refresh payload: `{valid, findings}`, the findings as [`crate::validate`]'s, in
/// `lang`.
#[wasm_bindgen(js_name = validateRefresh)]
pub fn validate_refresh(payload: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
    let payload: Value = from_js(payload)?;
    let lang = i18n::lang(lang.as_deref());
    let findings = validate::check(&payload);
    let valid =
        !findings.iter().any(|f| f.severity == rolling_update_core::validate::Severity::Error);
    to_js(&RefreshValidationInfo {
        valid,
        findings: findings.iter().map(|f| FindingInfo::new(f, lang)).collect(),
    })
}

/// The parameters of a payload, or its first error in `lang`.
fn params_of(payload: &Value, lang: Lang) -> Result<refresh::RefreshParams, JsValue> {
    let checked = validate::validate(payload);
    match (checked.params, checked.findings.first()) {
        (Some(params), _) => Ok(params),
        (None, Some(first)) => Err(error(first.message.render(lang), None)),
        (None, None) => Err(error(lang.get("refresh.finding.not_an_object"), None)),
    }
}

fn shell(name: &str) -> Result<Shell, JsValue> {
    name.parse().map_err(|e| error(e, None))
}

/// Writes `aliyun ess StartInstanceRefresh ...` for `shell` from `{parameters, region?}`;
/// throws with the first error, in `lang`, when the parameters have one.
#[wasm_bindgen(js_name = renderRefresh)]
pub fn render_refresh(
    command: JsValue,
    shell_name: &str,
    lang: Option<String>,
) -> Result<String, JsValue> {
    let input: RefreshInput = from_js(command)?;
    let params = params_of(&input.parameters, i18n::lang(lang.as_deref()))?;
    Ok(render::render(&params, input.region.as_deref(), shell(shell_name)?))
}

/// Writes the plugin's `aliyun rolling-update start --template refresh ...` for `shell`.
#[wasm_bindgen(js_name = renderRefreshPlugin)]
pub fn render_refresh_plugin(
    command: JsValue,
    shell_name: &str,
    lang: Option<String>,
) -> Result<String, JsValue> {
    let input: RefreshInput = from_js(command)?;
    params_of(&input.parameters, i18n::lang(lang.as_deref()))?;
    Ok(render::render_plugin(&input.parameters, input.region.as_deref(), shell(shell_name)?))
}

/// The plan of a refresh of `instances` instances with a payload's percentages and checkpoints,
/// its assumption in `lang`.
#[wasm_bindgen(js_name = refreshPlan)]
pub fn refresh_plan(
    payload: JsValue,
    instances: u32,
    lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let payload: Value = from_js(payload)?;
    let lang = i18n::lang(lang.as_deref());
    let plan = plan::plan(&params_of(&payload, lang)?, instances as usize);
    let mut value = serde_json::to_value(&plan).map_err(|e| error(e, None))?;
    value["assumption"] = plan.assumption.render(lang).into();
    to_js(&value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_has_its_help_in_each_language() {
        for lang in Lang::ALL {
            for param in &REFRESH_PARAMS {
                let info = ParamInfo::new(param, lang);
                assert!(!info.description.is_empty(), "{lang}: {}", param.key);
                assert_ne!(info.description, param.help, "{lang}: {} has no text", param.key);
            }
        }
        let zh = ParamInfo::new(&REFRESH_PARAMS[0], Lang::ZhCn);
        assert_ne!(zh.description, ParamInfo::new(&REFRESH_PARAMS[0], Lang::En).description);
        assert_eq!(ParamInfo::new(&REFRESH_PARAMS[6], Lang::En).default, Some(Value::from(80)));
    }
}
