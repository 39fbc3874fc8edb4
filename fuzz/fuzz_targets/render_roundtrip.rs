//! Render-then-parse round trips: a payload rendered for a shell parses back, in that shell, to
//! the same template, payload, region and file, in both command forms.
//!
//! Input: one byte choosing the template and the options (region or not, parameters file or
//! not), a first line that is the region or the file's path, then a JSON object: the payload.
//! Properties: `parse(render(c, s), s) == c` for every shell; `render_plugin` either round-trips
//! the same way or refuses for a reason this target checks on its own (a value its flag cannot
//! carry, a NUL, a line break for cmd.exe).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolling_update_core::shell::{RenderError, Shell, StartCommand, parse, render, render_plugin};
use rolling_update_core::template::{ParamKind, Template};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let Ok(text) = std::str::from_utf8(rest) else { return };
    let (first_line, json) = text.split_once('\n').unwrap_or(("", text));
    let Ok(parameters @ Value::Object(_)) = serde_json::from_str::<Value>(json) else { return };
    let template = Template::ALL[usize::from(selector & 0x0f) % Template::ALL.len()];
    let region = (selector & 0x10 != 0).then(|| first_line.to_owned());
    let parameters_file = (selector & 0x20 != 0).then(|| first_line.to_owned());
    // A command that reads its parameters from a file carries none inline.
    let parameters =
        if parameters_file.is_some() { Value::Object(Default::default()) } else { parameters };
    let cmd = StartCommand { template, parameters, region, parameters_file };

    for shell in Shell::ALL {
        read_back(&cmd, shell, &render(&cmd, shell), "StartExecution");
        match render_plugin(&cmd, shell) {
            Ok(text) => read_back(&cmd, shell, &text, "plugin"),
            Err(err) => assert_refusal_is_right(&cmd, shell, &err),
        }
    }
});

/// The rendered text reads back to the command. The one exception is cmd.exe with a line
/// break in the region or the file's path (outside the JSON, which writes one as `\n`): cmd.exe
/// cannot carry it, as `render` documents.
fn read_back(cmd: &StartCommand, shell: Shell, text: &str, form: &str) {
    if shell == Shell::Cmd && cmd_cannot_carry(cmd) {
        return;
    }
    match parse(text, shell) {
        Ok(parsed) => assert_same(cmd, &parsed.to_start_command(), shell, text),
        Err(e) => panic!("{shell}: rendered {form} command does not parse: {e}\n{text}"),
    }
}

fn cmd_cannot_carry(cmd: &StartCommand) -> bool {
    [&cmd.region, &cmd.parameters_file].into_iter().flatten().any(|s| s.contains(['\n', '\r']))
}

fn assert_same(want: &StartCommand, got: &StartCommand, shell: Shell, text: &str) {
    assert_eq!(got.template, want.template, "{shell}: template of {text}");
    assert_eq!(got.parameters, want.parameters, "{shell}: parameters of {text}");
    assert_eq!(got.region, want.region, "{shell}: region of {text}");
    assert_eq!(got.parameters_file, want.parameters_file, "{shell}: file of {text}");
}

/// The refusal names a key that really cannot be written as its flag, for the reason given.
fn assert_refusal_is_right(cmd: &StartCommand, shell: Shell, err: &RenderError) {
    assert!(cmd.parameters_file.is_none(), "{shell}: refused a command with a file: {err}");
    let Value::Object(payload) = &cmd.parameters else { unreachable!("the target builds objects") };
    let value_of = |key: &str| {
        payload
            .get(key)
            .unwrap_or_else(|| panic!("{shell}: refusal names `{key}`, not in the payload"))
    };
    match err {
        RenderError::UnknownKey { key, .. } => {
            assert!(cmd.template.param(key).is_none(), "{shell}: `{key}` has a flag: {err}");
        }
        RenderError::NotRepresentable { key, .. } => {
            let spec = cmd.template.param(key).unwrap_or_else(|| panic!("no spec for `{key}`"));
            assert!(!flag_can_carry(spec.kind, value_of(key)), "{shell}: {err}");
        }
        RenderError::Nul { key } => {
            assert!(text_of(value_of(key)).contains('\0'), "{shell}: no NUL in `{key}`: {err}");
        }
        RenderError::CmdNewline { key } => {
            assert_eq!(shell, Shell::Cmd, "a line-break refusal for {shell}: {err}");
            assert!(text_of(value_of(key)).contains(['\n', '\r']), "{shell}: {err}");
        }
        other => panic!("{shell}: unexpected refusal {other}"),
    }
}

/// Whether a value can be written as a flag of this kind, decided independently of the renderer:
/// strings as they are, whole numbers as digits, lists of strings joined with commas (so no item
/// may be empty, hold a comma or start or end with a blank, which the reader trims).
fn flag_can_carry(kind: ParamKind, value: &Value) -> bool {
    match (kind, value) {
        (ParamKind::String, Value::String(_)) => true,
        (ParamKind::Integer, Value::Number(n)) => n.is_i64() || n.is_u64(),
        (ParamKind::StringList, Value::Array(items)) => items.iter().all(|item| {
            item.as_str().is_some_and(|s| !s.is_empty() && !s.contains(',') && s.trim() == s)
        }),
        // A Boolean as true/false; a Json value (a list or an object) as its JSON text.
        (ParamKind::Boolean, Value::Bool(_)) => true,
        (ParamKind::Json, Value::Array(_) | Value::Object(_)) => true,
        _ => false,
    }
}

fn text_of(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().filter_map(Value::as_str).collect::<Vec<_>>().join(","),
        other => other.to_string(),
    }
}
