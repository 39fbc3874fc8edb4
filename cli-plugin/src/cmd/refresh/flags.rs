//! The flags of `--template refresh`, from the core's refresh table: added to the parameter
//! flags of `start`, `render` and `plan` (a flag the templates' table already has, such as
//! `--scaling-group-id` or `--image-id`, is that one flag), and read into a payload.

use clap::{Arg, ArgAction, ArgMatches, value_parser};
use rolling_update_core::refresh::table::{REFRESH_PARAMS, RefreshKind, RefreshParam};
use serde_json::{Map, Value};

use crate::cli::ParamFlags;
use crate::exit::usage;

/// Adds each refresh flag that `args` lacks.
pub(crate) fn add_arguments(args: &mut Vec<Arg>) {
    let lang = crate::lang::current();
    for spec in &REFRESH_PARAMS {
        if args.iter().any(|a| a.get_long() == Some(spec.flag)) {
            continue;
        }
        let mut arg = Arg::new(spec.flag)
            .long(spec.flag)
            .value_name(spec.value_name)
            .value_parser(value_parser!(String))
            .help(lang.get(spec.help))
            .help_heading("Instance refresh (--template refresh)");
        if spec.kind == RefreshKind::StringList {
            arg = arg.action(ArgAction::Append);
        }
        args.push(arg);
    }
}

/// Every refresh flag given, with its values.
pub(crate) fn from_matches(matches: &ArgMatches) -> Vec<(&'static RefreshParam, Vec<String>)> {
    REFRESH_PARAMS
        .iter()
        .filter_map(|spec| {
            let values = matches.try_get_many::<String>(spec.flag).ok().flatten()?;
            Some((spec, values.cloned().collect()))
        })
        .collect()
}

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
