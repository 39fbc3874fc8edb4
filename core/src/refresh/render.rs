//! `render --template refresh`: the `aliyun ess StartInstanceRefresh` command with its
//! flattened parameters, quoted for each shell by [`crate::shell::quote`], and the plugin's own
//! `start --template refresh` form.

use super::request::flatten;
use super::table::{REFRESH_PARAMS, RefreshKind};
use super::{RefreshParams, SHORT_NAME};
use crate::shell::{Shell, quote};

/// `aliyun ess StartInstanceRefresh [--region R --RegionId R] --ScalingGroupId ... ` for
/// `shell`: exactly the parameters given (ESS applies its defaults to the rest; no ClientToken,
/// so the command is the user's to run). The region is given twice because the aliyun CLI
/// takes the endpoint from `--region` and sends `RegionId` only as a parameter.
///
/// ```
/// use rolling_update_core::refresh::{render::render, validate::validate};
/// use rolling_update_core::shell::Shell;
/// let params = validate(&serde_json::json!({"scalingGroupId": "asg-1", "checkpoints": [50, 100]}))
///     .params.unwrap();
/// assert_eq!(
///     render(&params, None, Shell::Bash),
///     "aliyun ess StartInstanceRefresh --ScalingGroupId asg-1 --Checkpoints.1.Percentage 50 \
///      --Checkpoints.2.Percentage 100"
/// );
/// ```
pub fn render(params: &RefreshParams, region: Option<&str>, shell: Shell) -> String {
    let mut words = vec!["aliyun".to_owned(), "ess".to_owned(), "StartInstanceRefresh".to_owned()];
    if let Some(region) = region {
        words.extend(["--region".into(), region.into(), "--RegionId".into(), region.into()]);
    }
    for (key, value) in flatten(params) {
        words.push(format!("--{key}"));
        words.push(value);
    }
    join(&words, shell)
}

/// The plugin's `aliyun rolling-update start --template refresh --flag value ...`, in table
/// order; a list of instance types is one flag per type, checkpoints comma-separated.
pub fn render_plugin(payload: &serde_json::Value, region: Option<&str>, shell: Shell) -> String {
    let mut words = vec!["aliyun".to_owned(), "rolling-update".to_owned(), "start".to_owned()];
    if let Some(region) = region {
        push(&mut words, "region", region);
    }
    push(&mut words, "template", SHORT_NAME);
    for spec in &REFRESH_PARAMS {
        let Some(value) = payload.get(spec.key) else { continue };
        match (spec.kind, value) {
            (RefreshKind::StringList, serde_json::Value::Array(items)) => {
                for item in items.iter().filter_map(serde_json::Value::as_str) {
                    push(&mut words, spec.flag, item);
                }
            }
            (RefreshKind::IntegerList, serde_json::Value::Array(items)) => {
                let texts: Vec<String> = items.iter().map(ToString::to_string).collect();
                push(&mut words, spec.flag, &texts.join(","));
            }
            (_, serde_json::Value::String(text)) => push(&mut words, spec.flag, text),
            (_, other) => push(&mut words, spec.flag, &other.to_string()),
        }
    }
    join(&words, shell)
}

fn push(words: &mut Vec<String>, flag: &str, value: &str) {
    if value.starts_with('-') {
        words.push(format!("--{flag}={value}"));
    } else {
        words.extend([format!("--{flag}"), value.to_owned()]);
    }
}

fn join(words: &[String], shell: Shell) -> String {
    words.iter().map(|w| quote(w, shell)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refresh::validate::validate;

    #[test]
    fn every_shell_gets_the_same_words() {
        let payload = serde_json::json!({
            "scalingGroupId": "asg-1", "launchTemplateId": "lt-1", "launchTemplateVersion": "2",
            "launchTemplateOverrideInstanceTypes": ["ecs.g7.large"], "skipMatching": false,
        });
        let params = validate(&payload).params.expect("valid");
        for shell in Shell::ALL {
            let text = render(&params, Some("cn-hangzhou"), shell);
            let words = crate::shell::split(&text, shell).expect("reads back");
            assert_eq!(
                words[..5],
                ["aliyun", "ess", "StartInstanceRefresh", "--region", "cn-hangzhou"],
                "{shell}"
            );
            assert!(words.contains(
                &"--DesiredConfiguration.LaunchTemplateOverrides.1.InstanceType".to_owned()
            ));
            assert_eq!(words.last().map(String::as_str), Some("false"));
        }
        let plugin = render_plugin(&payload, None, Shell::Bash);
        assert_eq!(
            plugin,
            "aliyun rolling-update start --template refresh --scaling-group-id asg-1 \
             --launch-template-id lt-1 --launch-template-version 2 \
             --launch-template-override-instance-type ecs.g7.large --skip-matching false"
        );
    }
}
