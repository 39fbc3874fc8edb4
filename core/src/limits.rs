//! Documented service limits, checked before anything is sent, so that a value past one is
//! refused (or warned about) with the limit and its source instead of failing half way through
//! an update.

use serde_json::{Map, Value};

use crate::i18n::Text;
use crate::t;
use crate::template::Template;

/// The most items one OOS loop task takes. Source: OOS documentation, "Loop" (template
/// syntax, the `Items` property: at most 1000 items); see also ../shared notes oos-api.md §5.5.
/// A larger group needs the update split (e.g. by lifecycle state) into several executions.
pub const MAX_LOOP_ITEMS: usize = 1000;

/// The largest Cloud Assistant command, Base64-encoded, in bytes. Source: ECS API RunCommand,
/// `CommandContent` ("the command content ... cannot exceed 18 KB after Base64 encoding"), and
/// ROS `ALIYUN::ECS::Command` (help.aliyun.com/en/ros/developer-reference/aliyun-ecs-command:
/// "Must be Base64-encoded. Maximum size: 18 KB"). The command template passes the script to
/// RunCommand on each instance, so a longer script fails on every instance.
pub const MAX_COMMAND_CONTENT_BASE64: usize = 18 * 1024;

/// Above this many bytes of URL-encoded `Parameters` the plugin warns. Every parameter of an
/// OOS call travels in the URL query (oos-api.md §1: the official SDKs send no body), and no
/// Alibaba Cloud page found states the longest URL the gateway accepts (searched 2026-12):
/// 16 KiB is where common HTTP front ends start answering 414, so it is a warning, not a
/// refusal.
pub const WARN_PARAMETERS_URL_BYTES: usize = 16 * 1024;

/// A value past a limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    /// True when the call would certainly fail (refuse); false for a warning.
    pub refuse: bool,
    /// What is past which limit.
    pub message: Text,
}

/// The Base64 length of `bytes` bytes.
fn base64_len(bytes: usize) -> usize {
    bytes.div_ceil(3) * 4
}

/// The length of `text` percent-encoded as a URL query value (RFC 3986 unreserved kept).
fn url_encoded_len(text: &str) -> usize {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { 1 } else { 3 })
        .sum()
}

/// Checks `params` of `template` against the documented limits.
///
/// ```
/// use rolling_update_core::{limits::check, template::Template};
/// let big = "x".repeat(20_000);
/// let p = serde_json::json!({"invokeScript": big}).as_object().cloned().unwrap();
/// assert!(check(Template::Command, &p)[0].refuse);
/// ```
pub fn check(template: Template, params: &Map<String, Value>) -> Vec<Exceeded> {
    let mut out = Vec::new();
    for spec in template.params().filter(|spec| spec.run_command_content) {
        let Some(script) = params.get(spec.key).and_then(Value::as_str) else {
            continue;
        };
        let encoded = base64_len(script.len());
        if encoded > MAX_COMMAND_CONTENT_BASE64 {
            out.push(Exceeded {
                refuse: true,
                message: t!(
                    "limits.command_content",
                    key = spec.key,
                    bytes = script.len(),
                    encoded = encoded,
                    limit = MAX_COMMAND_CONTENT_BASE64
                ),
            });
        }
    }
    let text = Value::Object(params.clone()).to_string();
    let encoded = url_encoded_len(&text);
    if encoded > WARN_PARAMETERS_URL_BYTES {
        out.push(Exceeded {
            refuse: false,
            message: t!(
                "limits.parameters_url",
                encoded = encoded,
                limit = WARN_PARAMETERS_URL_BYTES
            ),
        });
    }
    out
}

/// Refuses a loop over more items than OOS takes.
///
/// ```
/// use rolling_update_core::limits::check_loop_items;
/// assert!(check_loop_items(1000).is_none());
/// assert!(check_loop_items(1001).unwrap().refuse);
/// ```
pub fn check_loop_items(items: usize) -> Option<Exceeded> {
    (items > MAX_LOOP_ITEMS).then(|| Exceeded {
        refuse: true,
        message: t!("limits.loop_items", items = items, limit = MAX_LOOP_ITEMS),
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_script_at_the_limit_passes_and_one_byte_more_is_refused() {
        // 13,824 bytes are exactly 18,432 in Base64.
        let at = "a".repeat(13_824);
        let p = json!({"invokeScript": at}).as_object().cloned().unwrap();
        assert!(check(Template::Command, &p).iter().all(|e| !e.refuse));
        let over = "a".repeat(13_825);
        let p = json!({"rollbackScript": over}).as_object().cloned().unwrap();
        let found = check(Template::Command, &p);
        assert!(found[0].refuse && found[0].message.contains("rollbackScript"), "{found:?}");
        assert!(check(Template::Package, &p).iter().all(|e| !e.refuse), "only RunCommand");
    }

    #[test]
    fn long_parameters_are_a_warning() {
        let p = json!({"invokeScript": "é".repeat(3_000)}).as_object().cloned().unwrap();
        let found = check(Template::Command, &p);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(!found[0].refuse);
    }

    #[test]
    fn a_limit_reads_in_chinese_with_its_numbers() {
        use crate::i18n::Lang;
        let over = check_loop_items(1001).expect("over the limit");
        assert!(
            over.message.starts_with("the update would take 1001 instances, more than the 1000")
        );
        let zh = over.message.render(Lang::ZhCn);
        assert!(
            zh.contains("1001 台实例")
                && zh.contains("1000 项")
                && zh.contains("--lifecycle-state"),
            "{zh}"
        );
    }
}
