//! The StartExecution request `start` and `rollback` send: the template, the parameters, a
//! deterministic `ClientToken`, and a `Description` and `Tags` that say which group it updates.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::api::oos::{LoopMode, Mode, SafetyCheck, StartExecution};
use crate::template::{InvokeType, Key, Template};
use crate::token::client_token;

/// The tag naming the scaling group an execution updates.
pub const GROUP_TAG: &str = "rolling-update:scaling-group";
/// The tag naming this tool.
pub const TOOL_TAG: &str = "rolling-update:tool";
/// The tag holding the execution's ClientToken, so that a repeated `start` can find the
/// execution its token already started (OOS has no look-up by ClientToken).
pub const TOKEN_TAG: &str = "rolling-update:client-token";

/// The ClientToken a start sends: `token` when given (`--client-token`), otherwise derived from
/// the template, the parameters as the user gave them and `change_id`.
pub fn token_for(
    template: Template,
    parameters: &Map<String, Value>,
    change_id: Option<&str>,
    token: Option<&str>,
) -> String {
    token.filter(|t| !t.is_empty()).map_or_else(
        || client_token(template, &Value::Object(parameters.clone()), change_id),
        str::to_owned,
    )
}

/// What to do about an execution this start's ClientToken already started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Earlier {
    /// It is still running or waiting: follow it instead of starting another.
    Follow {
        /// The execution.
        execution_id: String,
        /// Its status.
        status: String,
    },
    /// It ended: the same command cannot start the change again.
    Ended {
        /// The execution.
        execution_id: String,
        /// Why the start is refused, with what to do.
        message: crate::i18n::Text,
    },
}

/// Decides about `earlier`, the execution OOS knows for this start's ClientToken.
///
/// ```
/// use rolling_update_core::api::{oos::Execution, response::Status};
/// use rolling_update_core::launch::{Earlier, earlier};
/// let e = Execution { execution_id: "exec-1".into(), status: Status::Success,
///     end_date: Some("2026-01-02T03:04:05Z".into()), ..Execution::default() };
/// let Earlier::Ended { message, .. } = earlier(&e) else { panic!() };
/// assert!(message.contains("exec-1") && message.contains("--change-id"));
/// ```
pub fn earlier(earlier: &crate::api::oos::Execution) -> Earlier {
    let id = earlier.execution_id.clone();
    if !earlier.status.is_terminal() {
        return Earlier::Follow { execution_id: id, status: earlier.status.to_string() };
    }
    let when = match earlier.end_date.as_deref() {
        Some(date) => crate::t!("launch.earlier.ended_at", date = date),
        None => crate::i18n::Text::raw(""),
    };
    Earlier::Ended {
        message: crate::t!(
            "launch.earlier.ended",
            execution = id,
            status = earlier.status,
            when: when
        ),
        execution_id: id,
    }
}

/// Builds the request. `token` overrides the derived `ClientToken` (`--client-token`);
/// otherwise it comes from the template, the parameters and `change_id`.
pub fn start_request(
    region: &str,
    template: Template,
    parameters: &Map<String, Value>,
    change_id: Option<&str>,
    token: Option<&str>,
) -> StartExecution {
    let params = Value::Object(parameters.clone());
    let token = token_for(template, parameters, change_id, token);
    let group = parameters
        .get(Key::ScalingGroupId.as_str())
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    let invoke = parameters
        .get(Key::InvokeType.as_str())
        .and_then(Value::as_str)
        .unwrap_or(InvokeType::Invoke.as_str());
    let mut tags = BTreeMap::new();
    tags.insert(GROUP_TAG.to_owned(), group.clone());
    tags.insert(TOOL_TAG.to_owned(), "aliyun-cli-rolling-update".to_owned());
    tags.insert(TOKEN_TAG.to_owned(), token.clone());
    let mut description =
        format!("aliyun rolling-update: {} {invoke} of {group}", template.short_name());
    if let Some(change) = change_id.filter(|c| !c.is_empty()) {
        description.push_str(&format!(" (change {change})"));
    }
    StartExecution {
        mode: Some(Mode::Automatic),
        loop_mode: None::<LoopMode>,
        safety_check: Some(SafetyCheck::Skip),
        description: Some(description),
        client_token: Some(token),
        tags: Some(tags),
        ..StartExecution::new(region, template.name(), params)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::ApiRequest;

    #[test]
    fn request_names_the_group_and_is_deterministic() {
        let p = json!({"invokeType": "invoke", "scalingGroupId": "asg-1"})
            .as_object()
            .cloned()
            .unwrap();
        let a = start_request("cn-hangzhou", Template::Command, &p, None, None);
        let b = start_request("cn-hangzhou", Template::Command, &p, None, None);
        assert_eq!(a.client_token, b.client_token);
        assert_ne!(
            a.client_token,
            start_request("cn-hangzhou", Template::Command, &p, Some("CHG-1"), None).client_token
        );
        assert_eq!(
            start_request("r", Template::Command, &p, None, Some("mine")).client_token.as_deref(),
            Some("mine")
        );
        let params: BTreeMap<_, _> = a.to_call().params.into_iter().collect();
        assert_eq!(params["Description"], "aliyun rolling-update: command invoke of asg-1");
        assert!(params["Tags"].contains("\"rolling-update:scaling-group\":\"asg-1\""));
        assert_eq!(params["SafetyCheck"], "Skip");
    }

    #[test]
    fn a_start_that_already_ran_is_refused_in_chinese() {
        use crate::api::{oos::Execution, response::Status};
        use crate::i18n::Lang;
        let e = Execution {
            execution_id: "exec-1".into(),
            status: Status::Success,
            end_date: Some("2026-01-02T03:04:05Z".into()),
            ..Execution::default()
        };
        // A follow instead of an end has no message, and fails below.
        let message = match earlier(&e) {
            Earlier::Ended { message, .. } => message,
            Earlier::Follow { .. } => crate::i18n::Text::raw(""),
        };
        assert!(message.starts_with(
            "this same update already ran as exec-1, which ended Success at 2026-01-02T03:04:05Z; "
        ));
        let zh = message.render(Lang::ZhCn);
        assert!(
            zh.starts_with(
                "同样的更新已作为 exec-1 运行过，结束状态为 Success，结束于 2026-01-02T03:04:05Z；"
            ),
            "{zh}"
        );
        assert!(zh.contains("--change-id"), "{zh}");
    }
}
