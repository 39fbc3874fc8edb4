//! Writing commands: `aliyun oos StartExecution ...` and the plugin's own form.

use serde_json::Value;

use super::gate::{GateFinding, GateOptions};
use super::quote::quote;
use super::{Shell, StartCommand};
use crate::i18n::Text;
use crate::t;
use crate::template::{ParamKind, ParamSpec};
use crate::validate::Severity;

/// Why a payload cannot be written as the plugin's flags.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RenderError {
    /// cmd.exe cannot pass a line break inside an argument. The `--Parameters` JSON form has
    /// none (JSON writes it `\n`); for the plugin's form write the payload to a file and set
    /// [`StartCommand::parameters_file`].
    CmdNewline {
        /// The payload key.
        key: String,
    },
    /// No shell can pass a NUL character in an argument.
    Nul {
        /// The payload key.
        key: String,
    },
    /// The payload is not a JSON object.
    NotAnObject,
    /// A key with no flag of this template.
    UnknownKey {
        /// The payload key.
        key: String,
        /// The template's short name.
        template: &'static str,
    },
    /// A value that its flag cannot express (wrong JSON type, a list item with a comma, ...).
    NotRepresentable {
        /// The payload key.
        key: String,
        /// The flag, without `--`.
        flag: &'static str,
        /// Why.
        reason: Text,
    },
    /// A gate option that cannot be written: an error [`GateOptions::validate`] reports, or a
    /// line break in the check command for cmd.exe (which cannot pass one).
    Gate {
        /// The option's [`super::GateField::key`] (for a check: `check`).
        field: &'static str,
        /// What is wrong, naming the flag.
        message: Text,
    },
}

impl RenderError {
    /// The error for a person, in any language (`Display` is its English).
    pub fn text(&self) -> Text {
        match self {
            RenderError::CmdNewline { key } => t!("shell.render.cmd_newline", key = key),
            RenderError::Nul { key } => t!("shell.render.nul", key = key),
            RenderError::NotAnObject => t!("shell.render.not_an_object"),
            RenderError::UnknownKey { key, template } => {
                t!("shell.render.unknown_key", key = key, template = template)
            }
            RenderError::NotRepresentable { key, flag, reason } => {
                t!("shell.render.not_representable", key = key, flag = flag, reason: reason.clone())
            }
            RenderError::Gate { message, .. } => message.clone(),
        }
    }
}

crate::display_as_text!(RenderError);

impl std::error::Error for RenderError {}

/// Renders `aliyun oos StartExecution --region R --TemplateName T --Parameters JSON` for
/// `shell`.
///
/// The JSON is `cmd.parameters` written compactly, exactly the keys given (no defaults added).
/// `--region` appears only when a region is given (never `--RegionId`: the aliyun CLI takes
/// both the endpoint and the `RegionId` parameter from `--region`). With
/// [`StartCommand::parameters_file`] the command carries `--Parameters-FILE PATH` instead.
/// Every shell can carry every payload here, because compact JSON has no raw line break. A line
/// break in the region or the file's path is the one thing cmd.exe cannot carry: the text
/// rendered for [`Shell::Cmd`] then does not reproduce it (reading it back refuses it, or drops a
/// trailing one, as cmd.exe would), so callers must not offer such a region or path for cmd.
pub fn render(cmd: &StartCommand, shell: Shell) -> String {
    let mut words = vec!["aliyun".to_owned(), "oos".to_owned(), "StartExecution".to_owned()];
    if let Some(region) = &cmd.region {
        words.extend(["--region".to_owned(), region.clone()]);
    }
    words.extend(["--TemplateName".to_owned(), cmd.template.name().to_owned()]);
    match &cmd.parameters_file {
        Some(path) => words.extend(["--Parameters-FILE".to_owned(), path.clone()]),
        None => words.extend(["--Parameters".to_owned(), cmd.parameters.to_string()]),
    }
    join(&words, shell)
}

/// Renders the plugin's own `aliyun rolling-update start --template T --flag value ...`:
/// [`render_plugin_gated`] with no gate.
///
/// # Errors
///
/// As [`render_plugin_gated`].
pub fn render_plugin(cmd: &StartCommand, shell: Shell) -> Result<String, RenderError> {
    render_plugin_gated(cmd, &GateOptions::default(), shell)
}

/// Renders the plugin's own `aliyun rolling-update start --template T --flag value ...`, then
/// the health-gate options of `gate` (`--check CMD --alarm RULE ...`).
///
/// Each payload key becomes its [`ParamSpec::flag`], in payload order: strings as they are,
/// numbers as digits, lists comma-separated. A value starting with `-` is written
/// `--flag=value`, as the aliyun host requires. With [`StartCommand::parameters_file`] the
/// parameters are `--parameters-file PATH` alone. The gate options follow in
/// [`super::GATE_FIELDS`] order, one `--alarm` per rule.
///
/// ```
/// use rolling_update_core::shell::{GateOptions, Shell, StartCommand, render_plugin_gated};
/// use rolling_update_core::template::Template;
/// let cmd = StartCommand {
///     template: Template::Image,
///     parameters: serde_json::json!({"scalingGroupId": "asg-1"}),
///     region: None,
///     parameters_file: None,
/// };
/// let gate = GateOptions { alarms: vec!["r-1".into()], bake: Some("5m".into()), ..GateOptions::default() };
/// assert_eq!(
///     render_plugin_gated(&cmd, &gate, Shell::Bash).unwrap(),
///     "aliyun rolling-update start --template image --scaling-group-id asg-1 --alarm r-1 --bake 5m"
/// );
/// ```
///
/// # Errors
///
/// When a value cannot be expressed as its flag ([`RenderError`]); notably, for
/// [`Shell::Cmd`], a value with a line break gives [`RenderError::CmdNewline`]: cmd.exe cannot
/// carry it, so the caller should write the payload to a file and render with
/// `parameters_file` set. A gate option with an error gives [`RenderError::Gate`].
pub fn render_plugin_gated(
    cmd: &StartCommand,
    gate: &GateOptions,
    shell: Shell,
) -> Result<String, RenderError> {
    let mut words = vec!["aliyun".to_owned(), "rolling-update".to_owned(), "start".to_owned()];
    if let Some(region) = &cmd.region {
        push_flag(&mut words, "region", region);
    }
    push_flag(&mut words, "template", cmd.template.short_name());
    match &cmd.parameters_file {
        Some(path) => push_flag(&mut words, "parameters-file", path),
        None => push_params(&mut words, cmd, shell)?,
    }
    push_gate(&mut words, gate, shell)?;
    Ok(join(&words, shell))
}

fn push_params(
    words: &mut Vec<String>,
    cmd: &StartCommand,
    shell: Shell,
) -> Result<(), RenderError> {
    let Some(payload) = cmd.parameters.as_object() else { return Err(RenderError::NotAnObject) };
    for (key, value) in payload {
        let Some(spec) = cmd.template.param(key) else {
            return Err(RenderError::UnknownKey {
                key: key.clone(),
                template: cmd.template.short_name(),
            });
        };
        let text = flag_text(key, spec, value)?;
        if text.contains('\0') {
            return Err(RenderError::Nul { key: key.clone() });
        }
        if shell == Shell::Cmd && text.contains(['\n', '\r']) {
            return Err(RenderError::CmdNewline { key: key.clone() });
        }
        push_flag(words, spec.flag, &text);
    }
    Ok(())
}

fn push_gate(words: &mut Vec<String>, gate: &GateOptions, shell: Shell) -> Result<(), RenderError> {
    let errors = gate.validate().into_iter().filter(|f| f.severity == Severity::Error);
    if let Some(GateFinding { field, message, .. }) = errors.into_iter().next() {
        return Err(RenderError::Gate { field, message });
    }
    for (field, value) in gate.flags() {
        let flag = field.flag;
        let Some(value) = value else {
            words.push(format!("--{flag}"));
            continue;
        };
        let refuse = |why: Text| RenderError::Gate {
            field: field.key,
            message: t!("shell.render.gate_flag", flag = flag, why: why),
        };
        if value.contains('\0') {
            return Err(refuse(t!("shell.render.gate_nul")));
        }
        if shell == Shell::Cmd && value.contains(['\n', '\r']) {
            return Err(refuse(t!("shell.render.gate_cmd_newline")));
        }
        push_flag(words, flag, &value);
    }
    Ok(())
}

fn push_flag(words: &mut Vec<String>, flag: &str, value: &str) {
    if value.starts_with('-') {
        words.push(format!("--{flag}={value}"));
    } else {
        words.extend([format!("--{flag}"), value.to_owned()]);
    }
}

/// The flag's text for `value`, the inverse of [`super::apply_flag`].
fn flag_text(key: &str, spec: &ParamSpec, value: &Value) -> Result<String, RenderError> {
    let refuse =
        |reason| RenderError::NotRepresentable { key: key.to_owned(), flag: spec.flag, reason };
    match (spec.kind, value) {
        (ParamKind::String, Value::String(s)) => Ok(s.clone()),
        (ParamKind::String, _) => Err(refuse(t!("shell.render.reason.string"))),
        (ParamKind::Integer, Value::Number(n)) if n.is_i64() || n.is_u64() => Ok(n.to_string()),
        (ParamKind::Integer, _) => Err(refuse(t!("shell.render.reason.integer"))),
        (ParamKind::StringList, Value::Array(items)) => {
            let mut texts = Vec::with_capacity(items.len());
            for item in items {
                let Value::String(s) = item else {
                    return Err(refuse(t!("shell.render.reason.list_items")));
                };
                if s.is_empty() || s.contains(',') || s.trim() != s {
                    return Err(refuse(t!("shell.render.reason.list_item")));
                }
                texts.push(s.as_str());
            }
            Ok(texts.join(","))
        }
        (ParamKind::StringList, _) => Err(refuse(t!("shell.render.reason.list"))),
        (ParamKind::Boolean, Value::Bool(b)) => Ok(b.to_string()),
        (ParamKind::Boolean, _) => Err(refuse(t!("shell.render.reason.boolean"))),
        (ParamKind::Json, Value::Array(_) | Value::Object(_)) => Ok(value.to_string()),
        (ParamKind::Json, _) => Err(refuse(t!("shell.render.reason.json"))),
    }
}

fn join(words: &[String], shell: Shell) -> String {
    words.iter().map(|w| quote(w, shell)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::template::Template;

    fn command(parameters: Value) -> StartCommand {
        StartCommand {
            template: Template::Command,
            parameters,
            region: Some("cn-hangzhou".to_owned()),
            parameters_file: None,
        }
    }

    #[test]
    fn oos_form_carries_exactly_the_given_keys_and_region() {
        let cmd = command(json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}));
        assert_eq!(
            render(&cmd, Shell::Bash),
            "aliyun oos StartExecution --region cn-hangzhou --TemplateName \
             ACS-ESS-RollingUpdateByRunCommandInScalingGroup --Parameters \
             '{\"invokeType\":\"invoke\",\"scalingGroupId\":\"asg-1\"}'"
        );
    }

    #[test]
    fn oos_form_with_a_file_names_the_file_and_no_region_when_none() {
        let mut cmd = command(json!({}));
        cmd.region = None;
        cmd.parameters_file = Some("my params.json".to_owned());
        assert_eq!(
            render(&cmd, Shell::PowerShell),
            "aliyun oos StartExecution --TemplateName \
             ACS-ESS-RollingUpdateByRunCommandInScalingGroup --Parameters-FILE 'my params.json'"
        );
    }

    #[test]
    fn plugin_form_uses_each_flag_lists_comma_separated_numbers_as_digits() {
        let cmd = command(json!({
            "invokeType": "invoke",
            "enterProcess": ["ScaleIn", "ScaleOut"],
            "batchNumber": 2,
            "invokeScript": "echo -n hi",
        }));
        assert_eq!(
            render_plugin(&cmd, Shell::Bash).unwrap(),
            "aliyun rolling-update start --region cn-hangzhou --template command \
             --invoke-type invoke --enter-process ScaleIn,ScaleOut --batch-number 2 \
             --invoke-script 'echo -n hi'"
        );
    }

    #[test]
    fn plugin_form_writes_values_starting_with_a_dash_as_flag_equals_value() {
        let cmd = command(json!({"invokeScript": "-x"}));
        assert!(render_plugin(&cmd, Shell::Bash).unwrap().ends_with(" --invoke-script=-x"));
    }

    /// Found by the `shell_parse` fuzz target: a file path with a line break, rendered for
    /// cmd.exe. It cannot be carried; the text must be refused when read back, never misread.
    #[test]
    fn a_line_break_in_a_file_path_for_cmd_is_refused_when_read_back() {
        let mut cmd = command(json!({}));
        cmd.parameters_file = Some("\n\njson".to_owned());
        let text = render(&cmd, Shell::Cmd);
        let err = crate::shell::parse(&text, Shell::Cmd).unwrap_err();
        assert!(err.message.contains("line break"), "{err}");
        let read = crate::shell::parse(&render(&cmd, Shell::Bash), Shell::Bash).unwrap();
        assert_eq!(read.parameters_file, cmd.parameters_file);
    }

    #[test]
    fn plugin_form_for_cmd_refuses_a_line_break() {
        let cmd = command(json!({"invokeScript": "df -h\nifconfig"}));
        assert_eq!(
            render_plugin(&cmd, Shell::Cmd),
            Err(RenderError::CmdNewline { key: "invokeScript".to_owned() })
        );
        assert!(render_plugin(&cmd, Shell::PowerShellLegacy).is_ok());
        let mut by_file = cmd.clone();
        by_file.parameters_file = Some("p.json".to_owned());
        assert_eq!(
            render_plugin(&by_file, Shell::Cmd).unwrap(),
            "aliyun rolling-update start --region cn-hangzhou --template command \
             --parameters-file p.json"
        );
    }

    #[test]
    fn plugin_form_refuses_what_flags_cannot_say() {
        for payload in [
            json!({"imageId": "x"}),
            json!({"batchNumber": 2.5}),
            json!({"batchNumber": "2"}),
            json!({"enterProcess": ["a,b"]}),
            json!({"invokeScript": "a\0b"}),
            json!([1]),
        ] {
            assert!(render_plugin(&command(payload.clone()), Shell::Bash).is_err(), "{payload}");
        }
    }

    fn gate() -> GateOptions {
        GateOptions {
            check: Some("curl -fsS \"http://$RU_INSTANCE_IPS/\"".to_owned()),
            check_timeout: Some(" 90s ".to_owned()),
            alarms: vec!["rule-1".to_owned(), "rule-2".to_owned()],
            bake: Some("5m".to_owned()),
            on_unhealthy: Some("rollback".to_owned()),
            insufficient_data_ok: true,
        }
    }

    #[test]
    fn plugin_form_writes_the_gate_options_after_the_parameters() {
        let cmd = command(json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}));
        assert_eq!(
            render_plugin_gated(&cmd, &gate(), Shell::Bash).unwrap(),
            "aliyun rolling-update start --region cn-hangzhou --template command \
             --invoke-type invoke --scaling-group-id asg-1 \
             --check 'curl -fsS \"http://$RU_INSTANCE_IPS/\"' --check-timeout 90s \
             --alarm rule-1 --alarm rule-2 --bake 5m --on-unhealthy rollback \
             --insufficient-data-ok"
        );
        assert_eq!(
            render_plugin_gated(&cmd, &GateOptions::default(), Shell::Bash),
            render_plugin(&cmd, Shell::Bash),
            "no gate, no gate flags"
        );
        let mut by_file = cmd.clone();
        by_file.parameters_file = Some("p.json".to_owned());
        let text = render_plugin_gated(&by_file, &gate(), Shell::PowerShell).unwrap();
        assert!(
            text.contains(
                "--parameters-file p.json --check 'curl -fsS \"http://$RU_INSTANCE_IPS/\"'"
            ),
            "{text}"
        );
    }

    #[test]
    fn plugin_form_writes_a_check_starting_with_a_dash_as_flag_equals_value() {
        let cmd = command(json!({}));
        let gate = GateOptions { check: Some("-x".to_owned()), ..GateOptions::default() };
        assert!(render_plugin_gated(&cmd, &gate, Shell::Bash).unwrap().ends_with(" --check=-x"));
    }

    #[test]
    fn plugin_form_refuses_gate_options_with_an_error() {
        let cmd = command(json!({}));
        let lone =
            GateOptions { on_unhealthy: Some("cancel".to_owned()), ..GateOptions::default() };
        let err = render_plugin_gated(&cmd, &lone, Shell::Bash).unwrap_err();
        assert!(matches!(err, RenderError::Gate { field: "onUnhealthy", .. }), "{err:?}");
        let multi = GateOptions { check: Some("a\nb".to_owned()), ..GateOptions::default() };
        let err = render_plugin_gated(&cmd, &multi, Shell::Cmd).unwrap_err();
        assert_eq!(err.to_string(), "--check: cmd.exe cannot pass a line break inside an argument");
        assert!(render_plugin_gated(&cmd, &multi, Shell::Fish).is_ok());
    }

    #[test]
    fn gate_options_read_back_from_every_shell() {
        let cmd = command(json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}));
        let want = GateOptions { check_timeout: Some("90s".to_owned()), ..gate() };
        for shell in Shell::ALL {
            let text = render_plugin_gated(&cmd, &gate(), shell).unwrap();
            let parsed = crate::shell::parse(&text, shell).unwrap();
            assert_eq!(parsed.gate, want, "{shell}: {text}");
            assert_eq!(parsed.other_flags, [], "{shell}: {text}");
            assert_eq!(parsed.to_start_command(), cmd, "{shell}: {text}");
        }
        let parsed = crate::shell::parse(
            "aliyun rolling-update start --template image --alarm a,b --alarm=c",
            Shell::Bash,
        )
        .unwrap();
        assert_eq!(parsed.gate.alarms, ["a", "b", "c"], "as clap splits them");
        let err = crate::shell::parse(
            "aliyun rolling-update start --template image --insufficient-data-ok=yes",
            Shell::Bash,
        )
        .unwrap_err();
        assert!(err.message.contains("takes no value"), "{err}");
    }

    #[test]
    fn refusals_read_in_chinese_and_english_is_unchanged() {
        use crate::i18n::Lang;
        let err = render_plugin(&command(json!({"invokeScript": "a\nb"})), Shell::Cmd).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cmd.exe cannot pass a line break inside an argument, and `invokeScript` has one: \
             write the parameters to a file (--parameters-out) instead"
        );
        assert!(err.text().render(Lang::ZhCn).contains("`invokeScript` 含有换行"));
        let err = render_plugin(&command(json!({"batchNumber": "2"})), Shell::Bash).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`batchNumber` cannot be written as --batch-number: the flag takes a whole number"
        );
        assert_eq!(
            err.text().render(Lang::ZhCn),
            "`batchNumber` 无法写成 --batch-number：该选项需要整数"
        );
        let multi = GateOptions { check: Some("a\nb".to_owned()), ..GateOptions::default() };
        let err = render_plugin_gated(&command(json!({})), &multi, Shell::Cmd).unwrap_err();
        assert_eq!(err.text().render(Lang::ZhCn), "选项 --check：cmd.exe 无法在参数中传递换行");
    }
}
