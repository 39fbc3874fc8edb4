//! `plan --template refresh`: how many instances are replaced at a time, where the checkpoints
//! fall, and how much capacity is out of service or added meanwhile.
//!
//! ESS documents one case: MinHealthyPercentage = MaxHealthyPercentage = 100 replaces one
//! instance at a time. For the rest the plan assumes what the percentages allow: up to
//! `floor(n * (Max - 100) / 100)` new instances launched above the group's size before old ones
//! are released (surge), and up to `floor(n * (100 - Min) / 100)` instances out of service at
//! once, so `surge + out of service` (at least 1) are replaced per batch. The plan says which
//! of the two it is ([`RefreshPlan::documented`]).

use serde::Serialize;

use super::RefreshParams;
use crate::i18n::Text;
use crate::t;

/// Where a checkpoint falls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckpointAt {
    /// The percentage given.
    pub percentage: u32,
    /// Instances replaced when the task pauses there.
    pub after_instances: usize,
}

/// The plan of a refresh over `instances` instances.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshPlan {
    /// Instances to replace.
    pub instances: usize,
    /// Replaced per batch.
    pub per_batch: usize,
    /// Launched above the group's size at most (MaxHealthyPercentage above 100).
    pub surge: usize,
    /// Out of service at most at once (MinHealthyPercentage below 100).
    pub out_of_service: usize,
    /// The size of each batch, in order.
    pub batches: Vec<usize>,
    /// Where the checkpoints fall.
    pub checkpoints: Vec<CheckpointAt>,
    /// Whether ESS documents this case (Min = Max = 100); otherwise an assumption.
    pub documented: bool,
    /// The rule the plan used, for a person (its English in JSON).
    pub assumption: Text,
}

/// Plans a refresh of `instances` instances with `params`' percentages and checkpoints.
///
/// ```
/// use rolling_update_core::refresh::{plan::plan, validate::validate};
/// let params = validate(&serde_json::json!({"scalingGroupId": "asg-1",
///     "minHealthyPercentage": 100, "maxHealthyPercentage": 100})).params.unwrap();
/// let p = plan(&params, 3);
/// assert_eq!(p.batches, [1, 1, 1]);
/// assert!(p.documented);
/// ```
pub fn plan(params: &RefreshParams, instances: usize) -> RefreshPlan {
    let (min, max) = (params.min_healthy() as usize, params.max_healthy() as usize);
    let surge = instances * max.saturating_sub(100) / 100;
    let out_of_service = instances * 100usize.saturating_sub(min) / 100;
    let per_batch = (surge + out_of_service).max(1);
    let mut batches = Vec::new();
    let mut left = instances;
    while left > 0 {
        let size = per_batch.min(left);
        batches.push(size);
        left -= size;
    }
    let checkpoints = params
        .checkpoints
        .iter()
        .map(|&percentage| CheckpointAt {
            percentage,
            after_instances: (instances * percentage as usize).div_ceil(100),
        })
        .collect();
    let documented = min == 100 && max == 100;
    let assumption = if documented {
        t!("refresh.plan.documented")
    } else {
        t!("refresh.plan.assumed", min = min, max = max, surge = surge, out = out_of_service)
    };
    RefreshPlan {
        instances,
        per_batch,
        surge: surge.min(per_batch),
        out_of_service: out_of_service.min(per_batch),
        batches,
        checkpoints,
        documented,
        assumption,
    }
}

/// The capacity step between two gate points of a refresh without checkpoints: one batch.
pub fn gate_step(params: &RefreshParams, instances: usize) -> i64 {
    i64::try_from(plan(params, instances).per_batch).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::refresh::validate::validate;

    fn params(payload: serde_json::Value) -> RefreshParams {
        validate(&payload).params.expect("valid")
    }

    #[test]
    fn the_defaults_replace_a_share_and_checkpoints_fall_on_instances() {
        let p = plan(
            &params(serde_json::json!({"scalingGroupId": "asg-1", "checkpoints": [30, 100]})),
            10,
        );
        // Default 80/120: 2 out of service, 2 launched above the size.
        assert_eq!((p.surge, p.out_of_service, p.per_batch), (2, 2, 4));
        assert_eq!(p.batches, [4, 4, 2]);
        assert_eq!(p.checkpoints[0], CheckpointAt { percentage: 30, after_instances: 3 });
        assert_eq!(p.checkpoints[1].after_instances, 10);
        assert!(!p.documented);
        assert!(p.assumption.contains("80"), "{}", p.assumption);
        let zh = p.assumption.render(crate::i18n::Lang::ZhCn);
        assert!(zh.contains("80") && zh != p.assumption.as_str(), "{zh}");
        let json = serde_json::to_value(&p).unwrap_or_default();
        assert_eq!(json["assumption"], p.assumption.as_str(), "JSON keeps the English");
    }

    #[test]
    fn small_groups_still_move_one_at_a_time() {
        let p = plan(
            &params(
                serde_json::json!({"scalingGroupId": "asg-1", "minHealthyPercentage": 90, "maxHealthyPercentage": 100}),
            ),
            4,
        );
        assert_eq!(p.batches, [1, 1, 1, 1]);
        assert_eq!(
            plan(&params(serde_json::json!({"scalingGroupId": "asg-1"})), 0).batches,
            Vec::<usize>::new()
        );
        assert_eq!(
            gate_step(
                &params(
                    serde_json::json!({"scalingGroupId": "asg-1", "maxHealthyPercentage": 200, "minHealthyPercentage": 100})
                ),
                6
            ),
            6
        );
    }
}
