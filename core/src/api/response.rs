//! Shared pieces of responses: statuses, lenient field decoding and JSON-or-string values.
//!
//! Responses are decoded leniently so that a new field, a new status, a `null` where a list was
//! expected or a number sent as a string never fails a poll: unknown fields are ignored, an
//! unknown status is kept as [`Status::Other`], and lists accept both the 2014 ESS wrapper
//! (`{"ScalingGroup":[…]}`) and a bare array.

use std::fmt;

use serde::de::{DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

/// The status of an OOS execution or task execution.
///
/// ```
/// use rolling_update_core::api::response::Status;
/// let s: Status = serde_json::from_str("\"Cancelled\"").unwrap();
/// assert!(s.is_terminal());
/// let new: Status = serde_json::from_str("\"Hibernating\"").unwrap();
/// assert_eq!(new, Status::Other("Hibernating".into()));
/// assert!(!new.is_terminal());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Status {
    /// Created, not yet running.
    Started,
    /// Held back by flow control.
    Queued,
    /// Running.
    Running,
    /// Waiting for an approval, a trigger or a batch-pause confirmation.
    Waiting,
    /// Finished successfully.
    Success,
    /// Finished with a failure.
    Failed,
    /// Cancelled.
    Cancelled,
    /// Pending (task level).
    Pending,
    /// Skipped (task level).
    Skipped,
    /// A value this version does not know, or none at all (empty text).
    Other(String),
    /// No status was given.
    #[default]
    Missing,
}

impl Status {
    /// The text OOS uses.
    pub fn as_str(&self) -> &str {
        match self {
            Status::Started => "Started",
            Status::Queued => "Queued",
            Status::Running => "Running",
            Status::Waiting => "Waiting",
            Status::Success => "Success",
            Status::Failed => "Failed",
            Status::Cancelled => "Cancelled",
            Status::Pending => "Pending",
            Status::Skipped => "Skipped",
            Status::Other(s) => s,
            Status::Missing => "",
        }
    }

    /// `Success`, `Failed` or `Cancelled`: an execution in this state will not change again.
    /// Unknown values are not terminal.
    pub fn is_terminal(&self) -> bool {
        matches!(self, Status::Success | Status::Failed | Status::Cancelled)
    }

    /// Terminal, or `Skipped`: a task execution in this state is done.
    pub fn is_finished_task(&self) -> bool {
        self.is_terminal() || *self == Status::Skipped
    }

    /// `Failed` or `Cancelled`.
    pub fn is_failure(&self) -> bool {
        matches!(self, Status::Failed | Status::Cancelled)
    }
}

impl From<&str> for Status {
    fn from(text: &str) -> Self {
        match text {
            "Started" => Status::Started,
            "Queued" => Status::Queued,
            "Running" => Status::Running,
            "Waiting" => Status::Waiting,
            "Success" => Status::Success,
            "Failed" => Status::Failed,
            "Cancelled" => Status::Cancelled,
            "Pending" => Status::Pending,
            "Skipped" => Status::Skipped,
            "" => Status::Missing,
            other => Status::Other(other.to_owned()),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Status {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(match Value::deserialize(deserializer)? {
            Value::String(s) => Status::from(s.as_str()),
            Value::Null => Status::Missing,
            other => Status::Other(other.to_string()),
        })
    }
}

/// The object a `Parameters`/`Outputs`/`Properties` field holds, whether OOS sent it as an
/// object or as a JSON string of an object; `None` for anything else.
///
/// ```
/// use rolling_update_core::api::response::json_object;
/// let a = json_object(&serde_json::json!("{\"instanceId\":\"i-1\"}")).unwrap();
/// let b = json_object(&serde_json::json!({"instanceId": "i-1"})).unwrap();
/// assert_eq!(a, b);
/// assert!(json_object(&serde_json::json!("not json")).is_none());
/// ```
pub fn json_object(value: &Value) -> Option<Map<String, Value>> {
    match value {
        Value::Object(map) => Some(map.clone()),
        Value::String(text) => match serde_json::from_str(text) {
            Ok(Value::Object(map)) => Some(map),
            _ => None,
        },
        _ => None,
    }
}

/// Lenient field decoders used through `#[serde(deserialize_with = …)]`.
pub(crate) mod de {
    use super::*;

    /// Text from a string, a number or a bool; `None` for null; compact JSON otherwise.
    pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Null => None,
            Value::String(s) => Some(s),
            other => Some(other.to_string()),
        })
    }

    /// Like [`opt_string`], with null as the empty string.
    pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(opt_string(d)?.unwrap_or_default())
    }

    /// An integer from a number or a numeric string; `None` otherwise.
    pub(crate) fn opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Number(n) => n.as_i64().or_else(|| n.as_f64().map(|f| f as i64)),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        })
    }

    /// A bool from a bool or `"true"`/`"false"`; `None` otherwise.
    pub(crate) fn opt_bool<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
        Ok(match Value::deserialize(d)? {
            Value::Bool(b) => Some(b),
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some(true),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        })
    }

    /// A list from a bare array, a one-key wrapper object (`{"ScalingGroup":[…]}`), a wrapper
    /// holding a single object, or null/absent (empty). Items that do not decode are skipped
    /// rather than failing the whole page.
    pub(crate) fn list<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        d: D,
    ) -> Result<Vec<T>, D::Error> {
        let value = Value::deserialize(d)?;
        let items = match value {
            Value::Array(items) => items,
            Value::Object(map) if map.len() == 1 => match map.into_iter().next() {
                Some((_, Value::Array(items))) => items,
                Some((_, Value::Null)) | None => Vec::new(),
                Some((_, single)) => vec![single],
            },
            Value::Null => Vec::new(),
            Value::Object(map) if map.is_empty() => Vec::new(),
            single @ Value::Object(_) => vec![single],
            _ => Vec::new(),
        };
        Ok(items.into_iter().filter_map(|item| serde_json::from_value(item).ok()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(default, deserialize_with = "de::list")]
        items: Vec<String>,
        #[serde(default, deserialize_with = "de::opt_i64")]
        n: Option<i64>,
        #[serde(default, deserialize_with = "de::opt_bool")]
        b: Option<bool>,
    }

    #[test]
    fn lists_accept_every_shape() {
        let parse = |s: &str| serde_json::from_str::<Holder>(s).unwrap().items;
        assert_eq!(parse(r#"{"items":["a","b"]}"#), ["a", "b"]);
        assert_eq!(parse(r#"{"items":{"Item":["a"]}}"#), ["a"]);
        assert_eq!(parse(r#"{"items":{"Item":"a"}}"#), ["a"]);
        assert!(parse(r#"{"items":null}"#).is_empty());
        assert!(parse(r#"{"items":{}}"#).is_empty());
        assert!(parse(r#"{}"#).is_empty());
        assert_eq!(parse(r#"{"items":["a",1,"c"]}"#), ["a", "c"]);
    }

    #[test]
    fn numbers_and_bools_are_lenient() {
        let h: Holder = serde_json::from_str(r#"{"n":"42","b":"true"}"#).unwrap();
        assert_eq!((h.n, h.b), (Some(42), Some(true)));
        let h: Holder = serde_json::from_str(r#"{"n":7,"b":false}"#).unwrap();
        assert_eq!((h.n, h.b), (Some(7), Some(false)));
        let h: Holder = serde_json::from_str(r#"{"n":"x","b":3}"#).unwrap();
        assert_eq!((h.n, h.b), (None, None));
    }
}
