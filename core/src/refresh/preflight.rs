//! What `start --template refresh` refuses and says before confirming, from the group's facts
//! (read by the plugin): one refresh per group, an ECS group with the Priority scale-out
//! policy, not a reclaim mode ESS refuses, no image for a launch-template group; and which
//! instances the refresh will skip, and why.

use serde::Serialize;

use super::{DesiredConfiguration, RefreshParams};
use crate::api::ess::{ScalingGroup, ScalingInstance};
use crate::api::refresh::InstanceRefreshTask;
use crate::i18n::Text;
use crate::refresh::status::RefreshStatus;
use crate::t;
use crate::template::LifecycleState;

/// What the plugin read about the group.
#[derive(Debug, Clone, Default)]
pub struct RefreshFacts {
    /// The group, when found.
    pub group: Option<ScalingGroup>,
    /// Its instances (every lifecycle state).
    pub instances: Vec<ScalingInstance>,
    /// Its refresh tasks (DescribeInstanceRefreshes of the group).
    pub refreshes: Vec<InstanceRefreshTask>,
}

/// Why an instance is left as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SkipReason {
    /// Already on the desired scaling configuration, and SkipMatching is on.
    Matching,
    /// In Standby.
    Standby,
    /// Protected.
    Protected,
    /// Added by hand (Attached): ESS does not replace it.
    ManuallyAdded,
}

/// An instance the refresh will not replace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skipped {
    /// `i-...`.
    pub instance_id: String,
    /// Why.
    pub reason: SkipReason,
}

/// A reason not to start: a stable code and what is wrong, for a person (its English in JSON,
/// as a rolling update's refusal).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefreshRefusal {
    /// A stable code: `group_not_found`, `refresh_in_progress`, `group_not_active`,
    /// `wrong_group_type`, `scale_out_policy`, `reclaim_mode`, `image_on_launch_template_group`.
    pub code: &'static str,
    /// What is wrong.
    pub message: Text,
}

/// The outcome of the pre-flight.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshPreflight {
    /// Reasons not to start; empty when it may.
    pub refusals: Vec<RefreshRefusal>,
    /// Things worth knowing.
    pub warnings: Vec<Text>,
    /// Instances to replace.
    pub to_replace: Vec<String>,
    /// Instances left as they are, and why.
    pub skipped: Vec<Skipped>,
}

impl RefreshPreflight {
    /// Whether the refresh may start.
    pub fn ok(&self) -> bool {
        self.refusals.is_empty()
    }

    fn refuse(&mut self, code: &'static str, message: Text) {
        self.refusals.push(RefreshRefusal { code, message });
    }
}

/// The pre-flight of a refresh with `params` on the group described by `facts`.
pub fn check(params: &RefreshParams, facts: &RefreshFacts) -> RefreshPreflight {
    let mut out = RefreshPreflight::default();
    let group_id = params.scaling_group_id.as_str();
    let Some(group) = &facts.group else {
        out.refuse("group_not_found", t!("refresh.refusal.group_not_found", group = group_id));
        return out;
    };
    group_rules(params, group, &mut out);
    if let Some(running) = facts.refreshes.iter().find(|task| {
        RefreshStatus::parse(task.status.as_deref().unwrap_or("")).blocks_a_new_refresh()
    }) {
        out.refuse(
            "refresh_in_progress",
            t!(
                "refresh.refusal.refresh_in_progress",
                group = group_id,
                task = running.instance_refresh_task_id,
                status = running.status.as_deref().unwrap_or("")
            ),
        );
    }
    select(params, group, &facts.instances, &mut out);
    if out.ok() && out.to_replace.is_empty() {
        out.warnings.push(t!("refresh.warning.nothing_to_replace"));
    }
    if !params.desired.can_roll_back() {
        out.warnings.push(t!("refresh.warning.no_rollback"));
    }
    out
}

fn group_rules(params: &RefreshParams, group: &ScalingGroup, out: &mut RefreshPreflight) {
    let id = group.scaling_group_id.as_str();
    if group.lifecycle_state.as_deref().is_some_and(|s| s != "Active") {
        let state = group.lifecycle_state.clone().unwrap_or_default();
        out.refuse(
            "group_not_active",
            t!("refresh.refusal.group_not_active", group = id, state = state),
        );
    }
    if group.kind() == crate::template::GroupKind::Eci {
        out.refuse("wrong_group_type", t!("refresh.refusal.eci_group", group = id));
    }
    if let Some(policy) =
        group.multi_az_policy.as_deref().filter(|p| !p.eq_ignore_ascii_case("PRIORITY"))
    {
        out.refuse(
            "scale_out_policy",
            t!("refresh.refusal.scale_out_policy", group = id, policy = policy),
        );
    }
    if let Some(mode) = group
        .scaling_policy
        .as_deref()
        .filter(|m| m.eq_ignore_ascii_case("recycle") || m.eq_ignore_ascii_case("forcerecycle"))
    {
        out.refuse("reclaim_mode", t!("refresh.refusal.reclaim_mode", group = id, mode = mode));
    }
    let image = matches!(params.desired, DesiredConfiguration::Image(_));
    if image && group.launch_template_id.is_some() {
        let template = group.launch_template_id.clone().unwrap_or_default();
        out.refuse(
            "image_on_launch_template_group",
            t!("refresh.refusal.image_on_launch_template", group = id, template = template),
        );
    }
}

/// Which instances are replaced and which are skipped.
fn select(
    params: &RefreshParams,
    group: &ScalingGroup,
    instances: &[ScalingInstance],
    out: &mut RefreshPreflight,
) {
    let desired_configuration = match &params.desired {
        DesiredConfiguration::ScalingConfiguration(id) => Some(id.as_str()),
        DesiredConfiguration::Active => group.active_scaling_configuration_id.as_deref(),
        _ => None,
    };
    for instance in instances {
        let state = instance.lifecycle_state.as_deref().unwrap_or("");
        let reason = if instance.creation_type.as_deref() == Some("Attached") {
            Some(SkipReason::ManuallyAdded)
        } else if state == "Standby" {
            Some(SkipReason::Standby)
        } else if state == LifecycleState::Protected.as_str() {
            Some(SkipReason::Protected)
        } else if params.skips_matching()
            && desired_configuration.is_some()
            && instance.scaling_configuration_id.as_deref() == desired_configuration
        {
            Some(SkipReason::Matching)
        } else {
            None
        };
        match reason {
            Some(reason) => {
                out.skipped.push(Skipped { instance_id: instance.instance_id.clone(), reason })
            }
            None => out.to_replace.push(instance.instance_id.clone()),
        }
    }
}

/// The reason in words, for the confirmation.
pub fn describe(reason: SkipReason) -> crate::i18n::Text {
    match reason {
        SkipReason::Matching => t!("refresh.skip.matching"),
        SkipReason::Standby => t!("refresh.skip.standby"),
        SkipReason::Protected => t!("refresh.skip.protected"),
        SkipReason::ManuallyAdded => t!("refresh.skip.manually_added"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refresh::validate::validate;

    fn params(payload: serde_json::Value) -> RefreshParams {
        validate(&payload).params.expect("valid")
    }

    fn instance(id: &str, state: &str, creation: &str, configuration: &str) -> ScalingInstance {
        ScalingInstance {
            instance_id: id.into(),
            lifecycle_state: Some(state.into()),
            creation_type: Some(creation.into()),
            scaling_configuration_id: Some(configuration.into()),
            ..ScalingInstance::default()
        }
    }

    fn group() -> ScalingGroup {
        ScalingGroup {
            scaling_group_id: "asg-1".into(),
            lifecycle_state: Some("Active".into()),
            active_scaling_configuration_id: Some("asc-old".into()),
            multi_az_policy: Some("PRIORITY".into()),
            ..ScalingGroup::default()
        }
    }

    #[test]
    fn skipped_instances_are_named_with_their_reason() {
        let facts = RefreshFacts {
            group: Some(group()),
            instances: vec![
                instance("i-1", "InService", "AutoCreated", "asc-old"),
                instance("i-2", "InService", "AutoCreated", "asc-new"),
                instance("i-3", "Standby", "AutoCreated", "asc-old"),
                instance("i-4", "Protected", "AutoCreated", "asc-old"),
                instance("i-5", "InService", "Attached", "asc-old"),
            ],
            refreshes: Vec::new(),
        };
        let out = check(
            &params(
                serde_json::json!({"scalingGroupId": "asg-1", "scalingConfigurationId": "asc-new"}),
            ),
            &facts,
        );
        assert!(out.ok(), "{:?}", out.refusals);
        assert_eq!(out.to_replace, ["i-1"]);
        let reasons: Vec<SkipReason> = out.skipped.iter().map(|s| s.reason).collect();
        assert_eq!(
            reasons,
            [
                SkipReason::Matching,
                SkipReason::Standby,
                SkipReason::Protected,
                SkipReason::ManuallyAdded
            ]
        );
        let all = check(
            &params(
                serde_json::json!({"scalingGroupId": "asg-1", "scalingConfigurationId": "asc-new", "skipMatching": false}),
            ),
            &facts,
        );
        assert_eq!(all.to_replace, ["i-1", "i-2"]);
    }

    #[test]
    fn each_group_fact_refuses_with_its_code() {
        let running = InstanceRefreshTask {
            instance_refresh_task_id: "ir-9".into(),
            status: Some("CheckpointPause".into()),
            ..InstanceRefreshTask::default()
        };
        let mut bad = group();
        bad.multi_az_policy = Some("BALANCE".into());
        bad.scaling_policy = Some("recycle".into());
        bad.launch_template_id = Some("lt-1".into());
        bad.group_type = Some("ECI".into());
        let facts =
            RefreshFacts { group: Some(bad), instances: Vec::new(), refreshes: vec![running] };
        let out = check(
            &params(serde_json::json!({"scalingGroupId": "asg-1", "imageId": "m-1"})),
            &facts,
        );
        let codes: Vec<&str> = out.refusals.iter().map(|r| r.code).collect();
        assert_eq!(
            codes,
            [
                "wrong_group_type",
                "scale_out_policy",
                "reclaim_mode",
                "image_on_launch_template_group",
                "refresh_in_progress"
            ]
        );
        assert!(out.refusals[4].message.contains("ir-9"));
        let zh = out.refusals[4].message.render(crate::i18n::Lang::ZhCn);
        assert!(zh.contains("ir-9") && zh.chars().any(|c| c > '\u{4e00}'), "{zh}");
        let json = serde_json::to_value(&out.refusals[4]).unwrap_or_default();
        assert_eq!(json["message"], out.refusals[4].message.as_str(), "JSON keeps the English");
        let missing = check(
            &params(serde_json::json!({"scalingGroupId": "asg-1"})),
            &RefreshFacts::default(),
        );
        assert_eq!(missing.refusals[0].code, "group_not_found");
    }
}
