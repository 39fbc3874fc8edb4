//! Commands for people to run: the `aliyun` CLI form of an API call, and this plugin's own
//! follow-up commands. Written for POSIX shells (bash, zsh); values are single-quoted when they
//! need it.

use crate::api::Call;

/// Quotes `value` for a POSIX shell: bare when it is made only of safe characters, otherwise in
/// single quotes (a `'` inside becomes `'\''`).
///
/// ```
/// use rolling_update_core::command::quote;
/// assert_eq!(quote("asg-1"), "asg-1");
/// assert_eq!(quote("{\"a\":1}"), "'{\"a\":1}'");
/// assert_eq!(quote("it's"), "'it'\\''s'");
/// assert_eq!(quote(""), "''");
/// ```
pub fn quote(value: &str) -> String {
    let safe = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./:=,@+%".contains(&b));
    if safe { value.to_owned() } else { format!("'{}'", value.replace('\'', "'\\''")) }
}

/// The `aliyun <product> <Action> --region <r> --Key value ...` command that makes the same
/// call as `call` (the `RegionId` parameter becomes `--region`, as the host fills it from
/// there).
///
/// ```
/// use rolling_update_core::api::{oos::CancelExecution, ApiRequest};
/// use rolling_update_core::command::aliyun_command;
/// let call = CancelExecution { region_id: "cn-hangzhou".into(), execution_id: "exec-1".into() }.to_call();
/// assert_eq!(aliyun_command(&call), "aliyun oos CancelExecution --region cn-hangzhou --ExecutionId exec-1");
/// ```
pub fn aliyun_command(call: &Call) -> String {
    let mut parts =
        vec!["aliyun".to_owned(), call.product.code().to_owned(), call.action.to_owned()];
    for (key, value) in &call.params {
        if key == "RegionId" {
            parts.push("--region".to_owned());
        } else {
            parts.push(format!("--{key}"));
        }
        parts.push(quote(value));
    }
    parts.join(" ")
}

/// `aliyun rolling-update <verb> <execution id> --region <region>`.
pub fn plugin_command(verb: &str, execution_id: &str, region: &str) -> String {
    format!("aliyun rolling-update {verb} {} --region {}", quote(execution_id), quote(region))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::ApiRequest;
    use crate::api::oos::StartExecution;

    #[test]
    fn start_execution_command_quotes_the_parameters() {
        let req = StartExecution {
            client_token: Some("tok".into()),
            ..StartExecution::new(
                "cn-beijing",
                "ACS-ESS-RollingUpdateByRunCommandInScalingGroup",
                serde_json::json!({"invokeScript": "echo 'hi'"}),
            )
        };
        let text = aliyun_command(&req.to_call());
        assert!(text.starts_with(
            "aliyun oos StartExecution --region cn-beijing --TemplateName \
             ACS-ESS-RollingUpdateByRunCommandInScalingGroup --Parameters "
        ));
        assert!(text.contains(r#"'{"invokeScript":"echo '\''hi'\''"}'"#), "{text}");
        assert!(text.ends_with("--ClientToken tok"), "{text}");
    }

    #[test]
    fn plugin_commands_name_the_region() {
        assert_eq!(
            plugin_command("rollback", "exec-9", "cn-hangzhou"),
            "aliyun rolling-update rollback exec-9 --region cn-hangzhou"
        );
    }
}
