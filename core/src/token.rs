//! Deterministic `ClientToken`s, so that running the same update twice (a re-run CI job, a
//! retried request) never starts a second execution.

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::template::Template;

/// The token for starting `template` with `parameters`, and an optional change ID that makes a
/// deliberate repeat of the same update distinct. Key order in the parameters does not matter.
///
/// ```
/// use rolling_update_core::{template::Template, token::client_token};
/// let a = client_token(Template::Image, &serde_json::json!({"a": 1, "b": 2}), None);
/// let b = client_token(Template::Image, &serde_json::json!({"b": 2, "a": 1}), None);
/// assert_eq!(a, b);
/// assert_ne!(a, client_token(Template::Image, &serde_json::json!({"a": 1, "b": 2}), Some("CHG-7")));
/// ```
pub fn client_token(template: Template, parameters: &Value, change_id: Option<&str>) -> String {
    client_token_named(template.name(), parameters, change_id)
}

/// The same rule for anything started by name: a template's full name, or
/// [`crate::refresh::NAME`] for an instance refresh (whose payload is its own).
pub fn client_token_named(name: &str, parameters: &Value, change_id: Option<&str>) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"aliyun-cli-rolling-update/client-token/v1\n");
    hasher.update(name.as_bytes());
    hasher.update(b"\n");
    hasher.update(canonical(parameters).as_bytes());
    hasher.update(b"\n");
    hasher.update(change_id.unwrap_or("").as_bytes());
    let digest = hasher.finalize();
    let hex: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
    format!("rolling-update-{hex}")
}

/// JSON with object keys sorted at every level.
fn canonical(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let body: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{}:{}", Value::from(k.as_str()), canonical(&map[k])))
                .collect();
            format!("{{{}}}", body.join(","))
        }
        Value::Array(items) => {
            format!("[{}]", items.iter().map(canonical).collect::<Vec<_>>().join(","))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn token_shape_and_sensitivity() {
        let p = json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "list": [2, 1]});
        let t = client_token(Template::Command, &p, None);
        assert_eq!(t.len(), "rolling-update-".len() + 32);
        assert_ne!(t, client_token(Template::Image, &p, None), "template matters");
        let reordered = json!({"list": [1, 2], "invokeType": "invoke", "scalingGroupId": "asg-1"});
        assert_ne!(t, client_token(Template::Command, &reordered, None), "list order matters");
        assert_eq!(
            canonical(&json!({"b": {"d": 1, "c": 2}, "a": "x"})),
            r#"{"a":"x","b":{"c":2,"d":1}}"#
        );
    }
}
