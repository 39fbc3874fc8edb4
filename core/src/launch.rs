//! The StartExecution request `start` and `rollback` send: the template, the parameters, a
//! deterministic `ClientToken`, and a `Description` and `Tags` that say which group it updates.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::api::oos::{LoopMode, Mode, SafetyCheck, StartExecution};
use crate::template::Template;
use crate::token::client_token;

/// The tag naming the scaling group an execution updates.
pub const GROUP_TAG: &str = "rolling-update:scaling-group";
/// The tag naming this tool.
pub const TOOL_TAG: &str = "rolling-update:tool";

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
    let token = token
        .filter(|t| !t.is_empty())
        .map_or_else(|| client_token(template, &params, change_id), str::to_owned);
    let group = parameters.get("scalingGroupId").and_then(Value::as_str).unwrap_or("").to_owned();
    let invoke = parameters.get("invokeType").and_then(Value::as_str).unwrap_or("invoke");
    let mut tags = BTreeMap::new();
    tags.insert(GROUP_TAG.to_owned(), group.clone());
    tags.insert(TOOL_TAG.to_owned(), "aliyun-cli-rolling-update".to_owned());
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
}
