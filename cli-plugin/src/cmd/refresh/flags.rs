//! The flags of `--template refresh` (declared from the core's refresh table in `cli.rs`), read
//! into a payload.

use rolling_update_core::i18n::Text;
use rolling_update_core::refresh::table::{RefreshKind, RefreshParam};
use rolling_update_core::t;
use serde_json::{Map, Value};

use crate::cli::ParamFlags;
use crate::exit::usage;

/// The flags only a refresh has, when given with a template: refused, since a template would
/// silently ignore them.
pub(crate) fn refuse_with_template(flags: &ParamFlags) -> anyhow::Result<()> {
    let shared = |flag: &str| flags.values.iter().any(|(spec, _)| spec.flag == flag);
    if let Some((spec, _)) = flags.refresh.iter().find(|(spec, _)| !shared(spec.flag)) {
        return Err(usage(t!("plugin.refresh.not_a_template_flag", flag = spec.flag)));
    }
    Ok(())
}

/// The payload: `--parameters-file` (a JSON object) if given, then each flag over its key.
pub(crate) fn payload(flags: &ParamFlags) -> anyhow::Result<Value> {
    let mut object = match &flags.parameters_file {
        Some(path) => {
            let shown = path.display();
            let text = std::fs::read_to_string(path)
                .map_err(|e| usage(t!("plugin.refresh.reading_file", path = shown, error = e)))?;
            match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(map)) => map,
                Ok(_) => return Err(usage(t!("plugin.refresh.not_an_object", path = shown))),
                Err(e) => {
                    return Err(usage(t!("plugin.refresh.not_json", path = shown, error = e)));
                }
            }
        }
        None => Map::new(),
    };
    for (spec, values) in &flags.refresh {
        object.insert(spec.key.to_owned(), value(spec, values)?);
    }
    Ok(Value::Object(object))
}

fn value(spec: &RefreshParam, values: &[String]) -> anyhow::Result<Value> {
    let last = values.last().map(String::as_str).unwrap_or("");
    let bad = |expected: Text, text: &str| {
        usage(
            t!("plugin.refresh.bad_flag_value", flag = spec.flag, value = text, expected: expected),
        )
    };
    let number = |text: &str| -> anyhow::Result<Value> {
        let whole = || t!("refresh.kind.integer");
        text.trim().parse::<i64>().map(Value::from).map_err(|_| bad(whole(), text))
    };
    match spec.kind {
        RefreshKind::String => Ok(Value::from(last)),
        RefreshKind::Integer => number(last),
        RefreshKind::Boolean => match last {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            other => Err(bad(t!("refresh.kind.boolean"), other)),
        },
        RefreshKind::IntegerList => {
            let items: anyhow::Result<Vec<Value>> = last.split(',').map(number).collect();
            Ok(Value::Array(items?))
        }
        RefreshKind::StringList => Ok(Value::Array(
            values.iter().flat_map(|v| v.split(',')).map(|item| Value::from(item.trim())).collect(),
        )),
    }
}
