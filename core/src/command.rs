//! Commands for people to run: the `aliyun` CLI form of an API call, and this plugin's own
//! follow-up commands. Written for POSIX shells (bash, zsh); values are single-quoted when they
//! need it.

use crate::api::Call;
use crate::shell::{self, Shell};

/// Quotes `value` for a POSIX shell (bash, zsh, dash, sh): [`crate::shell::quote`] for
/// [`Shell::Bash`], so that every command of the crate is quoted by the same rules.
///
/// ```
/// use rolling_update_core::command::quote;
/// assert_eq!(quote("asg-1"), "asg-1");
/// assert_eq!(quote("{\"a\":1}"), "'{\"a\":1}'");
/// assert_eq!(quote("it's"), "'it'\\''s'");
/// assert_eq!(quote(""), "''");
/// assert_eq!(quote("=zsh"), "'=zsh'");
/// ```
pub fn quote(value: &str) -> String {
    shell::quote(value, Shell::Bash)
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

/// Where and as whom the calls went: the options a printed command must carry so that, pasted,
/// it reaches the same place (the same region, endpoint, profile and config file). The plugin
/// fills it from what the user chose; the core only writes it out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    /// The region of every call.
    pub region: String,
    /// The endpoint override in effect (`--endpoint`, `ALIBABA_CLOUD_ENDPOINT`, the profile's).
    pub endpoint: Option<String>,
    /// The profile, when one was chosen (`--profile` or a profile variable).
    pub profile: Option<String>,
    /// The config file, when `--config-path` chose one.
    pub config_path: Option<String>,
}

impl Target {
    /// A target that is only a region (the cloud's default endpoints, the default profile).
    pub fn region(region: &str) -> Target {
        Target { region: region.to_owned(), ..Target::default() }
    }

    /// The options as shell words: `--region R [--endpoint E] [--profile P] [--config-path C]`.
    ///
    /// ```
    /// use rolling_update_core::command::Target;
    /// let t = Target { endpoint: Some("http://127.0.0.1:9".into()), ..Target::region("cn-hangzhou") };
    /// assert_eq!(t.options(), "--region cn-hangzhou --endpoint http://127.0.0.1:9");
    /// ```
    pub fn options(&self) -> String {
        let mut words = vec!["--region".to_owned(), quote(&self.region)];
        words.extend(self.other_options());
        words.join(" ")
    }

    /// The options besides `--region`.
    fn other_options(&self) -> Vec<String> {
        let mut words = Vec::new();
        for (flag, value) in [
            ("--endpoint", &self.endpoint),
            ("--profile", &self.profile),
            ("--config-path", &self.config_path),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                words.push(flag.to_owned());
                words.push(quote(v));
            }
        }
        words
    }
}

/// `aliyun rolling-update <verb> <execution id> --region <region> [...]`: every option of
/// `target`, so that the command reaches the same place as the calls that printed it.
pub fn plugin_command(verb: &str, execution_id: &str, target: &Target) -> String {
    format!("aliyun rolling-update {verb} {} {}", quote(execution_id), target.options())
}

/// [`aliyun_command`] with the options of `target` (the call's own `RegionId` gives the
/// region, so only the others are added after it).
pub fn aliyun_command_at(call: &Call, target: &Target) -> String {
    let mut words = vec![aliyun_command(call)];
    words.extend(target.other_options());
    words.join(" ")
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
            plugin_command("rollback", "exec-9", &Target::region("cn-hangzhou")),
            "aliyun rolling-update rollback exec-9 --region cn-hangzhou"
        );
    }

    #[test]
    fn commands_carry_every_chosen_option() {
        let t = Target {
            region: "cn-beijing".into(),
            endpoint: Some("http://127.0.0.1:8080".into()),
            profile: Some("second account".into()),
            config_path: Some("/tmp/c.json".into()),
        };
        assert_eq!(
            plugin_command("status", "exec-9", &t),
            "aliyun rolling-update status exec-9 --region cn-beijing --endpoint \
             http://127.0.0.1:8080 --profile 'second account' --config-path /tmp/c.json"
        );
        let call = crate::api::oos::CancelExecution {
            region_id: "cn-beijing".into(),
            execution_id: "exec-9".into(),
        }
        .to_call();
        assert_eq!(
            aliyun_command_at(&call, &t),
            "aliyun oos CancelExecution --region cn-beijing --ExecutionId exec-9 --endpoint \
             http://127.0.0.1:8080 --profile 'second account' --config-path /tmp/c.json"
        );
        assert_eq!(aliyun_command_at(&call, &Target::region("x")), aliyun_command(&call));
    }
}
