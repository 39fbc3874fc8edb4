//! The flags of `--template refresh` (declared from the core's refresh table in `cli.rs`), read
//! into a payload.

use rolling_update_core::refresh::table::{RefreshKind, RefreshParam};
use serde_json::{Map, Value};

use crate::cli::ParamFlags;
use crate::exit::usage;

/// The flags only a refresh has, when given with a template: refused, since a template would
/// silently ignore them.
pub(crate) fn refuse_with_template(flags: &ParamFlags) -> anyhow::Result<()> {
    let shared = |flag: &str| flags.values.iter().any(|(spec, _)| spec.flag == flag);
    if let Some((spec, _)) = flags.refresh.iter().find(|(spec, _)| !shared(spec.flag)) {
        return Err(usage(format!(
            "--{} is a flag of --template refresh (an instance refresh), not of a template",
            spec.flag
        )));
    }
    Ok(())
}

/// The payload: `--parameters-file` (a JSON object) if given, then each flag over its key.
pub(crate) fn payload(flags: &ParamFlags) -> anyhow::Result<Value> {
    let mut object = match &flags.parameters_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| usage(format!("reading --parameters-file {}: {e}", path.display())))?;
            match serde_json::from_str::<Value>(&text) {
                Ok(Value::Object(map)) => map,
                Ok(_) => {
                    return Err(usage(format!(
                        "{}: the parameters must be a JSON object",
                        path.display()
                    )));
                }
                Err(e) => return Err(usage(format!("{}: not valid JSON: {e}", path.display()))),
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
    let bad = |what: &str, text: &str| usage(format!("--{}: `{text}` is not {what}", spec.flag));
    let number = |text: &str| -> anyhow::Result<Value> {
        text.trim().parse::<i64>().map(Value::from).map_err(|_| bad("a whole number", text))
    };
    match spec.kind {
        RefreshKind::String => Ok(Value::from(last)),
        RefreshKind::Integer => number(last),
        RefreshKind::Boolean => match last {
            "true" => Ok(Value::Bool(true)),
            "false" => Ok(Value::Bool(false)),
            other => Err(bad("true or false", other)),
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
