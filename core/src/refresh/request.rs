//! The StartInstanceRefresh request of a refresh, and its ClientToken.

use serde_json::Value;

use super::{DesiredConfiguration, NAME, RefreshParams};
use crate::api::refresh::StartInstanceRefresh;

/// The flattened business parameters, in the order ESS documents them: `ScalingGroupId`, the
/// desired configuration, the healthy percentages, `SkipMatching`, the checkpoints and their
/// pause time. Only what was given is sent; ESS applies its defaults to the rest.
pub fn flatten(params: &RefreshParams) -> Vec<(String, String)> {
    let mut out = vec![("ScalingGroupId".to_owned(), params.scaling_group_id.clone())];
    let mut put = |key: String, value: String| out.push((key, value));
    match &params.desired {
        DesiredConfiguration::Active => {}
        DesiredConfiguration::Image(id) => put("DesiredConfiguration.ImageId".into(), id.clone()),
        DesiredConfiguration::ScalingConfiguration(id) => {
            put("DesiredConfiguration.ScalingConfigurationId".into(), id.clone());
        }
        DesiredConfiguration::LaunchTemplate { id, version, instance_types } => {
            put("DesiredConfiguration.LaunchTemplateId".into(), id.clone());
            if let Some(version) = version {
                put("DesiredConfiguration.LaunchTemplateVersion".into(), version.clone());
            }
            for (i, kind) in instance_types.iter().enumerate() {
                put(
                    format!("DesiredConfiguration.LaunchTemplateOverrides.{}.InstanceType", i + 1),
                    kind.clone(),
                );
            }
        }
    }
    if let Some(n) = params.min_healthy_percentage {
        put("MinHealthyPercentage".into(), n.to_string());
    }
    if let Some(n) = params.max_healthy_percentage {
        put("MaxHealthyPercentage".into(), n.to_string());
    }
    if let Some(b) = params.skip_matching {
        put("SkipMatching".into(), b.to_string());
    }
    for (i, percentage) in params.checkpoints.iter().enumerate() {
        put(format!("Checkpoints.{}.Percentage", i + 1), percentage.to_string());
    }
    if let Some(n) = params.checkpoint_pause_time {
        put("CheckpointPauseTime".into(), n.to_string());
    }
    out
}

/// The ClientToken of a refresh: the rule of `start` ([`crate::token`]) over the payload as
/// given, so the same refresh started twice is one task.
pub fn client_token(payload: &Value, change_id: Option<&str>) -> String {
    crate::token::client_token_named(NAME, payload, change_id)
}

/// The StartInstanceRefresh request: the flattened parameters and the ClientToken.
pub fn start_request(region_id: &str, params: &RefreshParams, token: &str) -> StartInstanceRefresh {
    let mut flat = flatten(params);
    flat.push(("ClientToken".to_owned(), token.to_owned()));
    StartInstanceRefresh { region_id: region_id.to_owned(), params: flat }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::ApiRequest;
    use crate::refresh::validate::validate;

    #[test]
    fn a_launch_template_refresh_flattens_every_part() {
        let payload = json!({
            "scalingGroupId": "asg-1", "launchTemplateId": "lt-1", "launchTemplateVersion": "3",
            "launchTemplateOverrideInstanceTypes": ["ecs.g7.large", "ecs.c7.large"],
            "minHealthyPercentage": 90, "maxHealthyPercentage": 150, "skipMatching": false,
            "checkpoints": [30, 100], "checkpointPauseTime": 15,
        });
        let params = validate(&payload).params.expect("valid");
        let token = client_token(&payload, None);
        let call = start_request("cn-hangzhou", &params, &token).to_call();
        let got: Vec<(&str, &str)> =
            call.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            got,
            [
                ("RegionId", "cn-hangzhou"),
                ("ScalingGroupId", "asg-1"),
                ("DesiredConfiguration.LaunchTemplateId", "lt-1"),
                ("DesiredConfiguration.LaunchTemplateVersion", "3"),
                ("DesiredConfiguration.LaunchTemplateOverrides.1.InstanceType", "ecs.g7.large"),
                ("DesiredConfiguration.LaunchTemplateOverrides.2.InstanceType", "ecs.c7.large"),
                ("MinHealthyPercentage", "90"),
                ("MaxHealthyPercentage", "150"),
                ("SkipMatching", "false"),
                ("Checkpoints.1.Percentage", "30"),
                ("Checkpoints.2.Percentage", "100"),
                ("CheckpointPauseTime", "15"),
                ("ClientToken", token.as_str()),
            ]
        );
        assert!(call.resend_safe, "deduplicated by its ClientToken");
    }

    #[test]
    fn the_token_follows_the_payload_and_the_change_id() {
        let a = json!({"scalingGroupId": "asg-1", "imageId": "m-1"});
        let b = json!({"imageId": "m-1", "scalingGroupId": "asg-1"});
        assert_eq!(client_token(&a, None), client_token(&b, None));
        assert_ne!(client_token(&a, None), client_token(&a, Some("CHG-1")));
        let image = crate::token::client_token(crate::template::Template::Image, &a, None);
        assert_ne!(client_token(&a, None), image, "a refresh is not an image update");
        assert!(client_token(&a, None).len() <= 64, "ESS takes at most 64 characters");
    }
}
