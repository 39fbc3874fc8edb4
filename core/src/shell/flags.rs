//! The plugin's parameter flags (`--scaling-group-id asg-...`) turned into payload entries.

use serde_json::{Map, Number, Value};

use crate::i18n::Text;
use crate::t;
use crate::template::{PARAMS, ParamKind, ParamSpec};

/// A flag value that does not fit its parameter.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FlagError {
    /// A number parameter given something that is not a whole number.
    NotAnInteger {
        /// The flag, without `--`.
        flag: &'static str,
        /// The value as given.
        value: String,
    },
    /// A Boolean parameter given something other than `true` or `false`.
    NotABoolean {
        /// The flag, without `--`.
        flag: &'static str,
        /// The value as given.
        value: String,
    },
    /// A Json parameter given text that is not a JSON list or object.
    NotJson {
        /// The flag, without `--`.
        flag: &'static str,
        /// What the JSON parser says, or what the value is instead.
        reason: Text,
    },
}

impl FlagError {
    /// The error for a person, in any language (`Display` is its English).
    pub fn text(&self) -> Text {
        match self {
            FlagError::NotAnInteger { flag, value } => {
                t!("shell.flag.not_integer", flag = flag, value = value)
            }
            FlagError::NotABoolean { flag, value } => {
                t!("shell.flag.not_boolean", flag = flag, value = value)
            }
            FlagError::NotJson { flag, reason } => {
                t!("shell.flag.not_json", flag = flag, reason: reason.clone())
            }
        }
    }
}

crate::display_as_text!(FlagError);

impl std::error::Error for FlagError {}

/// The parameter whose plugin flag is `flag` (without the leading `--`).
pub fn flag_spec(flag: &str) -> Option<&'static ParamSpec> {
    PARAMS.iter().find(|spec| spec.flag == flag)
}

/// Sets `spec.key` in `payload` from a flag's raw text, replacing any earlier value.
///
/// Strings are kept exactly (no trimming). Numbers are parsed after trimming; anything else is
/// a [`FlagError::NotAnInteger`], so a typo is reported at the flag rather than later as a JSON
/// type error. Lists are split on commas, each item trimmed, and empty items dropped, so `""`
/// gives an empty list. Booleans are `true` or `false` (trimmed, case-insensitive); Json is
/// JSON text that holds a list or an object, kept as that value.
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
            ParamKind::Boolean => Value::Bool(parse_boolean(raw).ok_or_else(|| {
                FlagError::NotABoolean { flag: spec.flag, value: raw.to_owned() }
            })?),
            ParamKind::Json => parse_json(spec.flag, raw)?,
        };
    payload.insert(spec.key.to_owned(), value);
    Ok(())
}

fn parse_boolean(raw: &str) -> Option<bool> {
    let text = raw.trim();
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

fn parse_json(flag: &'static str, raw: &str) -> Result<Value, FlagError> {
    match serde_json::from_str::<Value>(raw) {
        Ok(value @ (Value::Array(_) | Value::Object(_))) => Ok(value),
        Ok(_) => Err(FlagError::NotJson { flag, reason: t!("shell.flag.not_a_container") }),
        Err(err) => Err(FlagError::NotJson { flag, reason: Text::raw(err.to_string()) }),
    }
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

    #[test]
    fn booleans_are_true_or_false() {
        assert_eq!(applied("whether-save-to-file", " False ").unwrap(), json!(false));
        assert_eq!(applied("whether-save-to-file", "true").unwrap(), json!(true));
        assert_eq!(
            applied("whether-save-to-file", "yes").unwrap_err().to_string(),
            "--whether-save-to-file takes true or false, got `yes`"
        );
    }

    #[test]
    fn json_is_one_value_a_list_or_an_object() {
        let containers = r#"[{"Name": "web", "Image": "nginx:1.27"}]"#;
        assert_eq!(
            applied("container-configure", containers).unwrap(),
            json!([{"Name": "web", "Image": "nginx:1.27"}])
        );
        assert_eq!(applied("source-container-configure", "{}").unwrap(), json!({}));
        let not_json = applied("container-configure", "[{").unwrap_err().to_string();
        assert!(not_json.starts_with("--container-configure takes JSON"), "{not_json}");
        assert_eq!(
            applied("container-configure", "\"web\"").unwrap_err().to_string(),
            "--container-configure takes JSON (a list or an object): it is not a list or an object"
        );
    }
}
