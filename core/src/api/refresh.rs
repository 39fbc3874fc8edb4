//! ESS instance refresh (API 2014-08-28): StartInstanceRefresh, DescribeInstanceRefreshes,
//! Suspend/Resume/Rollback/CancelInstanceRefresh and DescribeScalingActivities filtered by a
//! refresh task, with their responses.

use serde::{Deserialize, Serialize};

use super::ess::Page;
use super::response::de;
use super::{ApiRequest, Params, Product};

/// Starts an instance refresh. The parameters are already flattened
/// (the refresh module's `request::start_request` builds them from the typed parameters).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StartInstanceRefresh {
    /// Region (required).
    pub region_id: String,
    /// The business parameters after `RegionId`, in a stable order, `ScalingGroupId` first and
    /// `ClientToken` last.
    pub params: Vec<(String, String)>,
}

/// StartInstanceRefresh's response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct StartInstanceRefreshResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// `ir-...`.
    #[serde(deserialize_with = "de::string")]
    pub instance_refresh_task_id: String,
}

impl ApiRequest for StartInstanceRefresh {
    type Response = StartInstanceRefreshResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "StartInstanceRefresh";

    fn resend_safe(&self) -> bool {
        // ESS deduplicates by ClientToken, which the request always carries.
        self.params.iter().any(|(k, _)| k == "ClientToken")
    }

    fn params(&self) -> Vec<(String, String)> {
        let mut p = Params::new(&self.region_id);
        for (key, value) in &self.params {
            p.put(key, value.as_str());
        }
        p.finish()
    }
}

/// Reads refresh tasks of a group, or some by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeInstanceRefreshes {
    /// Region (required).
    pub region_id: String,
    /// The group.
    pub scaling_group_id: Option<String>,
    /// Tasks by id, sent as `InstanceRefreshTaskIds.N`.
    pub task_ids: Vec<String>,
    /// 1-50 (ESS default 10).
    pub max_results: Option<u32>,
    /// The previous page's token.
    pub next_token: Option<String>,
}

impl ApiRequest for DescribeInstanceRefreshes {
    type Response = DescribeInstanceRefreshesResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "DescribeInstanceRefreshes";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        let mut p = Params::new(&self.region_id);
        p.opt("ScalingGroupId", self.scaling_group_id.as_ref())
            .list("InstanceRefreshTaskIds", &self.task_ids)
            .opt("MaxResults", self.max_results)
            .opt("NextToken", self.next_token.as_ref())
            .finish()
    }
}

/// A checkpoint of a task.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Checkpoint {
    /// Percentage of the capacity to replace.
    #[serde(deserialize_with = "de::opt_i64")]
    pub percentage: Option<i64>,
}

/// An instance type override of a launch template.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct LaunchTemplateOverride {
    /// The instance type.
    #[serde(deserialize_with = "de::opt_string")]
    pub instance_type: Option<String>,
}

/// A task's desired configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct TaskDesiredConfiguration {
    /// Image.
    #[serde(deserialize_with = "de::opt_string")]
    pub image_id: Option<String>,
    /// Scaling configuration.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_configuration_id: Option<String>,
    /// Launch template.
    #[serde(deserialize_with = "de::opt_string")]
    pub launch_template_id: Option<String>,
    /// Launch template version.
    #[serde(deserialize_with = "de::opt_string")]
    pub launch_template_version: Option<String>,
    /// Instance type overrides.
    #[serde(deserialize_with = "de::list")]
    pub launch_template_overrides: Vec<LaunchTemplateOverride>,
}

/// One refresh task as DescribeInstanceRefreshes answers it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct InstanceRefreshTask {
    /// `ir-...`.
    #[serde(deserialize_with = "de::string")]
    pub instance_refresh_task_id: String,
    /// The group.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_group_id: Option<String>,
    /// Pending, InProgress, Paused, CheckpointPause, Failed, Successful, Cancelling,
    /// Cancelled, RollbackInProgress, RollbackSuccessful, RollbackFailed.
    #[serde(deserialize_with = "de::opt_string")]
    pub status: Option<String>,
    /// Why it failed, or what it is doing.
    #[serde(deserialize_with = "de::opt_string")]
    pub detail: Option<String>,
    /// Start (UTC, ISO 8601).
    #[serde(deserialize_with = "de::opt_string")]
    pub start_time: Option<String>,
    /// End.
    #[serde(deserialize_with = "de::opt_string")]
    pub end_time: Option<String>,
    /// Capacity already replaced.
    #[serde(deserialize_with = "de::opt_i64")]
    pub finished_update_capacity: Option<i64>,
    /// Capacity to replace in all.
    #[serde(deserialize_with = "de::opt_i64")]
    pub total_need_update_capacity: Option<i64>,
    /// MinHealthyPercentage.
    #[serde(deserialize_with = "de::opt_i64")]
    pub min_healthy_percentage: Option<i64>,
    /// MaxHealthyPercentage.
    #[serde(deserialize_with = "de::opt_i64")]
    pub max_healthy_percentage: Option<i64>,
    /// SkipMatching.
    #[serde(deserialize_with = "de::opt_bool")]
    pub skip_matching: Option<bool>,
    /// Minutes a checkpoint pauses.
    #[serde(deserialize_with = "de::opt_i64")]
    pub checkpoint_pause_time: Option<i64>,
    /// Checkpoints.
    #[serde(deserialize_with = "de::list")]
    pub checkpoints: Vec<Checkpoint>,
    /// What the group is refreshed to.
    pub desired_configuration: Option<TaskDesiredConfiguration>,
}

/// DescribeInstanceRefreshes' response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeInstanceRefreshesResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The tasks.
    #[serde(deserialize_with = "de::list")]
    pub instance_refresh_tasks: Vec<InstanceRefreshTask>,
    /// Over all pages.
    #[serde(deserialize_with = "de::opt_i64")]
    pub total_count: Option<i64>,
    /// The next page's token, when there is one.
    #[serde(deserialize_with = "de::opt_string")]
    pub next_token: Option<String>,
}

/// The answer of a call that changes a task: its request id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct RefreshControlResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
}

/// What a control call does to a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefreshControl {
    /// SuspendInstanceRefresh.
    Suspend,
    /// ResumeInstanceRefresh.
    Resume,
    /// RollbackInstanceRefresh.
    Rollback,
    /// CancelInstanceRefresh.
    Cancel,
}

macro_rules! control {
    ($name:ident, $action:literal, $doc:literal) => {
        #[doc = $doc]
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            /// Region (required).
            pub region_id: String,
            /// The group (required).
            pub scaling_group_id: String,
            /// The task (required).
            pub instance_refresh_task_id: String,
        }

        impl ApiRequest for $name {
            type Response = RefreshControlResponse;
            const PRODUCT: Product = Product::Ess;
            const ACTION: &'static str = $action;

            fn resend_safe(&self) -> bool {
                // A second send may be refused for the state the first one made.
                false
            }

            fn params(&self) -> Vec<(String, String)> {
                let mut p = Params::new(&self.region_id);
                p.put("ScalingGroupId", self.scaling_group_id.as_str())
                    .put("InstanceRefreshTaskId", self.instance_refresh_task_id.as_str())
                    .finish()
            }
        }
    };
}

control!(SuspendInstanceRefresh, "SuspendInstanceRefresh", "Suspends a refresh task.");
control!(ResumeInstanceRefresh, "ResumeInstanceRefresh", "Resumes a suspended or paused task.");
control!(RollbackInstanceRefresh, "RollbackInstanceRefresh", "Rolls a refresh task back.");
control!(CancelInstanceRefresh, "CancelInstanceRefresh", "Cancels a refresh task.");

/// Reads the scaling activities of a group, optionally only those of one refresh task.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeScalingActivities {
    /// Region (required).
    pub region_id: String,
    /// The group (required).
    pub scaling_group_id: String,
    /// Only the activities of this refresh task.
    pub instance_refresh_task_id: Option<String>,
    /// Page number, from 1.
    pub page_number: Option<u32>,
    /// Page size, up to 50.
    pub page_size: Option<u32>,
}

impl ApiRequest for DescribeScalingActivities {
    type Response = DescribeScalingActivitiesResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "DescribeScalingActivities";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        let mut p = Params::new(&self.region_id);
        p.put("ScalingGroupId", self.scaling_group_id.as_str())
            .opt("InstanceRefreshTaskId", self.instance_refresh_task_id.as_ref())
            .opt("PageNumber", self.page_number)
            .opt("PageSize", self.page_size)
            .finish()
    }
}

/// A scaling activity.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ScalingActivity {
    /// `asa-...`.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_activity_id: Option<String>,
    /// Successful, Warning, Failed, InProgress, Rejected.
    #[serde(deserialize_with = "de::opt_string")]
    pub status_code: Option<String>,
    /// The status in words.
    #[serde(deserialize_with = "de::opt_string")]
    pub status_message: Option<String>,
    /// What it did.
    #[serde(deserialize_with = "de::opt_string")]
    pub description: Option<String>,
    /// Why.
    #[serde(deserialize_with = "de::opt_string")]
    pub cause: Option<String>,
    /// Start.
    #[serde(deserialize_with = "de::opt_string")]
    pub start_time: Option<String>,
    /// End.
    #[serde(deserialize_with = "de::opt_string")]
    pub end_time: Option<String>,
    /// Percent done.
    #[serde(deserialize_with = "de::opt_i64")]
    pub progress: Option<i64>,
    /// Instances it created.
    #[serde(deserialize_with = "de::list")]
    pub created_instances: Vec<String>,
    /// Instances it released.
    #[serde(deserialize_with = "de::list")]
    pub destroyed_instances: Vec<String>,
}

/// DescribeScalingActivities' response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeScalingActivitiesResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The activities.
    #[serde(deserialize_with = "de::list")]
    pub scaling_activities: Vec<ScalingActivity>,
    /// Page fields.
    #[serde(flatten)]
    pub page: Page,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_reads_from_the_api_shape() {
        let body = r#"{"RequestId":"r","TotalCount":1,"InstanceRefreshTasks":[{
            "InstanceRefreshTaskId":"ir-1","ScalingGroupId":"asg-1","Status":"CheckpointPause",
            "FinishedUpdateCapacity":2,"TotalNeedUpdateCapacity":4,
            "Checkpoints":[{"Percentage":50},{"Percentage":100}],
            "DesiredConfiguration":{"ImageId":"m-1","LaunchTemplateOverrides":[{"InstanceType":"ecs.g7.large"}]}}]}"#;
        let page: DescribeInstanceRefreshesResponse = serde_json::from_str(body).expect("parses");
        let task = &page.instance_refresh_tasks[0];
        assert_eq!(task.status.as_deref(), Some("CheckpointPause"));
        assert_eq!(task.checkpoints[1].percentage, Some(100));
        let desired = task.desired_configuration.as_ref().expect("desired");
        assert_eq!(
            desired.launch_template_overrides[0].instance_type.as_deref(),
            Some("ecs.g7.large")
        );
    }

    #[test]
    fn control_calls_name_group_and_task() {
        let call = RollbackInstanceRefresh {
            region_id: "cn-hangzhou".into(),
            scaling_group_id: "asg-1".into(),
            instance_refresh_task_id: "ir-1".into(),
        }
        .to_call();
        assert_eq!(call.action, "RollbackInstanceRefresh");
        assert!(!call.resend_safe);
        let keys: Vec<&str> = call.params.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["RegionId", "ScalingGroupId", "InstanceRefreshTaskId"]);
        let read = DescribeScalingActivities {
            region_id: "r".into(),
            scaling_group_id: "asg-1".into(),
            instance_refresh_task_id: Some("ir-1".into()),
            ..DescribeScalingActivities::default()
        };
        assert_eq!(read.params()[2], ("InstanceRefreshTaskId".to_owned(), "ir-1".to_owned()));
    }
}
