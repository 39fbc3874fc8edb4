//! The plugin's parameter flags (`--scaling-group-id asg-...`) turned into payload entries.

use serde_json::{Map, Number, Value};

use crate::template::{PARAMS, ParamKind, ParamSpec};

/// A flag value that does not fit its parameter.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FlagError {
    /// A number parameter given something that is not a whole number.
    #[error("--{flag} takes a whole number, got `{value}`")]
    NotAnInteger {
        /// The flag, without `--`.
        flag: &'static str,
        /// The value as given.
        value: String,
    },
}

/// The parameter whose plugin flag is `flag` (without the leading `--`).
pub fn flag_spec(flag: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|spec| spec.flag == flag)
}

/// Sets `spec.key` in `payload` from a flag's raw text, replacing any earlier value.
///
/// Strings are kept exactly (no trimming). Numbers are parsed after trimming; anything else is
/// a [`FlagError::NotAnInteger`], so a typo is reported at the flag rather than later as a JSON
/// type error. Lists are split on commas, each item trimmed, and empty items dropped, so `""`
/// gives an empty list.
pub fn apply_flag(
    payload: &mut Map<String, Value>,
    spec: &ParamSpec,
    raw: &str,
) -> Result<(), FlagError> {
    let value =
        match spec.kind {
            ParamKind::String => Value::String(raw.to_owned()),
            ParamKind::Integer => Value::Number(parse_integer(raw).ok_or_else(|| {
                FlagError::NotAnInteger { flag: spec.flag, value: raw.to_owned() }
            })?),
            ParamKind::StringList => Value::Array(
                raw.split(',')
                    .map(str::trim)
                    .filter(|item| !item.is_empty())
                    .map(|item| Value::String(item.to_owned()))
                    .collect(),
            ),
        };
    payload.insert(spec.key.to_owned(), value);
    Ok(())
}

fn parse_integer(raw: &str) -> Option<Number> {
    let text = raw.trim();
    text.parse::<i64>()
        .map(Number::from)
        .ok()
        .or_else(|| text.parse::<u64>().map(Number::from).ok())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn applied(flag: &str, raw: &str) -> Result<Value, FlagError> {
        let mut payload = Map::new();
        let spec = flag_spec(flag).expect("known flag");
        apply_flag(&mut payload, spec, raw)?;
        Ok(payload[spec.key].clone())
    }

    #[test]
    fn strings_are_kept_exactly() {
        assert_eq!(applied("invoke-script", " df -h\n").unwrap(), json!(" df -h\n"));
    }

    #[test]
    fn integers_are_parsed_and_non_numbers_rejected() {
        assert_eq!(applied("batch-number", " 3 ").unwrap(), json!(3));
        assert_eq!(
            applied("batch-number", "three").unwrap_err().to_string(),
            "--batch-number takes a whole number, got `three`"
        );
        assert!(applied("batch-number", "2.5").is_err());
    }

    #[test]
    fn lists_are_split_on_commas_and_trimmed() {
        assert_eq!(
            applied("enter-process", "ScaleIn, ScaleOut,,").unwrap(),
            json!(["ScaleIn", "ScaleOut"])
        );
        assert_eq!(applied("lifecycle-state", "").unwrap(), json!([]));
    }
}
