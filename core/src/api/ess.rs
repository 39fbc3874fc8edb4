//! Auto Scaling (ESS, API 2014-08-28): the read calls the tool needs, and their responses.
//!
//! Lists in requests are flattened (`ScalingGroupId.1=…&ScalingGroupId.2=…`). Lists in
//! responses come wrapped (`{"ScalingGroups":{"ScalingGroup":[…]}}`); a bare array is accepted
//! too. Pages are numbered from 1; see [`Page::has_next_page`].

use serde::{Deserialize, Serialize};

use super::response::de;
use super::{ApiRequest, Params, Product};

/// Describes scaling groups.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeScalingGroups {
    /// Region (required).
    pub region_id: String,
    /// Groups by id, sent as `ScalingGroupId.N`.
    pub scaling_group_ids: Vec<String>,
    /// Group name.
    pub scaling_group_name: Option<String>,
    /// `ECS` or `ECI`.
    pub group_type: Option<String>,
    /// Resource group.
    pub resource_group_id: Option<String>,
    /// Tags, sent as `Tag.N.Key`/`Tag.N.Value`.
    pub tags: Vec<(String, String)>,
    /// Page number, from 1.
    pub page_number: Option<u32>,
    /// Page size, up to 50 (default 10).
    pub page_size: Option<u32>,
}

impl ApiRequest for DescribeScalingGroups {
    type Response = DescribeScalingGroupsResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "DescribeScalingGroups";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        let mut p = Params::new(&self.region_id);
        p.list("ScalingGroupId", &self.scaling_group_ids)
            .opt("ScalingGroupName", self.scaling_group_name.as_ref())
            .opt("GroupType", self.group_type.as_ref())
            .opt("ResourceGroupId", self.resource_group_id.as_ref());
        for (i, (key, value)) in self.tags.iter().enumerate() {
            p.put(&format!("Tag.{}.Key", i + 1), key.as_str())
                .put(&format!("Tag.{}.Value", i + 1), value.as_str());
        }
        p.opt("PageNumber", self.page_number).opt("PageSize", self.page_size).finish()
    }
}

/// Describes scaling configurations.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeScalingConfigurations {
    /// Region (required).
    pub region_id: String,
    /// The group.
    pub scaling_group_id: Option<String>,
    /// Configurations by id, sent as `ScalingConfigurationId.N`.
    pub scaling_configuration_ids: Vec<String>,
    /// Configurations by name, sent as `ScalingConfigurationName.N`.
    pub scaling_configuration_names: Vec<String>,
    /// Page number, from 1.
    pub page_number: Option<u32>,
    /// Page size, up to 50 (default 10).
    pub page_size: Option<u32>,
}

impl ApiRequest for DescribeScalingConfigurations {
    type Response = DescribeScalingConfigurationsResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "DescribeScalingConfigurations";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .opt("ScalingGroupId", self.scaling_group_id.as_ref())
            .list("ScalingConfigurationId", &self.scaling_configuration_ids)
            .list("ScalingConfigurationName", &self.scaling_configuration_names)
            .opt("PageNumber", self.page_number)
            .opt("PageSize", self.page_size)
            .finish()
    }
}

/// Describes the scaling configurations of an ECI scaling group (`GroupType` `ECI`), with their
/// containers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeEciScalingConfigurations {
    /// Region (required).
    pub region_id: String,
    /// The group.
    pub scaling_group_id: Option<String>,
    /// Configurations by id, sent as `ScalingConfigurationIds.N`.
    pub scaling_configuration_ids: Vec<String>,
    /// Page number, from 1.
    pub page_number: Option<u32>,
    /// Page size, up to 50 (default 10).
    pub page_size: Option<u32>,
}

impl ApiRequest for DescribeEciScalingConfigurations {
    type Response = DescribeEciScalingConfigurationsResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "DescribeEciScalingConfigurations";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .opt("ScalingGroupId", self.scaling_group_id.as_ref())
            .list("ScalingConfigurationIds", &self.scaling_configuration_ids)
            .opt("PageNumber", self.page_number)
            .opt("PageSize", self.page_size)
            .finish()
    }
}

/// Describes the instances of a scaling group.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeScalingInstances {
    /// Region (required).
    pub region_id: String,
    /// The group.
    pub scaling_group_id: Option<String>,
    /// Instances created from this configuration.
    pub scaling_configuration_id: Option<String>,
    /// `Healthy` or `Unhealthy`.
    pub health_status: Option<String>,
    /// One lifecycle state.
    pub lifecycle_state: Option<String>,
    /// Several lifecycle states, sent as `LifecycleStates.N`.
    pub lifecycle_states: Vec<String>,
    /// One creation type.
    pub creation_type: Option<String>,
    /// Several creation types (`AutoCreated`, `Attached`, `Managed`), sent as `CreationTypes.N`.
    pub creation_types: Vec<String>,
    /// Instances by id, sent as `InstanceId.N`.
    pub instance_ids: Vec<String>,
    /// Instances of one scaling activity.
    pub scaling_activity_id: Option<String>,
    /// Page number, from 1.
    pub page_number: Option<u32>,
    /// Page size.
    pub page_size: Option<u32>,
}

impl ApiRequest for DescribeScalingInstances {
    type Response = DescribeScalingInstancesResponse;
    const PRODUCT: Product = Product::Ess;
    const ACTION: &'static str = "DescribeScalingInstances";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .opt("ScalingGroupId", self.scaling_group_id.as_ref())
            .opt("ScalingConfigurationId", self.scaling_configuration_id.as_ref())
            .opt("HealthStatus", self.health_status.as_ref())
            .opt("LifecycleState", self.lifecycle_state.as_ref())
            .list("LifecycleStates", &self.lifecycle_states)
            .opt("CreationType", self.creation_type.as_ref())
            .list("CreationTypes", &self.creation_types)
            .list("InstanceId", &self.instance_ids)
            .opt("ScalingActivityId", self.scaling_activity_id.as_ref())
            .opt("PageNumber", self.page_number)
            .opt("PageSize", self.page_size)
            .finish()
    }
}

/// The page fields every ESS Describe response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct Page {
    /// Items over all pages.
    #[serde(deserialize_with = "de::opt_i64")]
    pub total_count: Option<i64>,
    /// This page's number, from 1.
    #[serde(deserialize_with = "de::opt_i64")]
    pub page_number: Option<i64>,
    /// Page size.
    #[serde(deserialize_with = "de::opt_i64")]
    pub page_size: Option<i64>,
}

impl Page {
    /// Whether another page follows: `PageNumber * PageSize < TotalCount`. Without the three
    /// numbers, or with a zero page size, there is no next page (so a loop always ends).
    pub fn has_next_page(&self) -> bool {
        match (self.total_count, self.page_number, self.page_size) {
            (Some(total), Some(number), Some(size)) if size > 0 && number > 0 => {
                number.saturating_mul(size) < total
            }
            _ => false,
        }
    }

    /// The next page's number, when there is one.
    pub fn next_page_number(&self) -> Option<i64> {
        self.has_next_page().then(|| self.page_number.map(|n| n + 1)).flatten()
    }
}

/// A scaling group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ScalingGroup {
    /// `asg-…`.
    #[serde(deserialize_with = "de::string")]
    pub scaling_group_id: String,
    /// Name.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_group_name: Option<String>,
    /// `Active`, `Inactive` or `Deleting`.
    #[serde(deserialize_with = "de::opt_string")]
    pub lifecycle_state: Option<String>,
    /// `ECS` or `ECI`.
    #[serde(deserialize_with = "de::opt_string")]
    pub group_type: Option<String>,
    /// The active scaling configuration.
    #[serde(deserialize_with = "de::opt_string")]
    pub active_scaling_configuration_id: Option<String>,
    /// Launch template, when the group uses one.
    #[serde(deserialize_with = "de::opt_string")]
    pub launch_template_id: Option<String>,
    /// A number, `Default` or `Latest`.
    #[serde(deserialize_with = "de::opt_string")]
    pub launch_template_version: Option<String>,
    /// Weighted capacity, or the instance count.
    #[serde(deserialize_with = "de::opt_i64")]
    pub total_capacity: Option<i64>,
    /// Instance count.
    #[serde(deserialize_with = "de::opt_i64")]
    pub total_instance_count: Option<i64>,
    /// InService capacity.
    #[serde(deserialize_with = "de::opt_i64")]
    pub active_capacity: Option<i64>,
    /// Pending capacity.
    #[serde(deserialize_with = "de::opt_i64")]
    pub pending_capacity: Option<i64>,
    /// Removing capacity.
    #[serde(deserialize_with = "de::opt_i64")]
    pub removing_capacity: Option<i64>,
    /// Standby capacity.
    #[serde(deserialize_with = "de::opt_i64")]
    pub standby_capacity: Option<i64>,
    /// Protected capacity.
    #[serde(deserialize_with = "de::opt_i64")]
    pub protected_capacity: Option<i64>,
    /// Stopped capacity.
    #[serde(deserialize_with = "de::opt_i64")]
    pub stopped_capacity: Option<i64>,
    /// Desired capacity.
    #[serde(deserialize_with = "de::opt_i64")]
    pub desired_capacity: Option<i64>,
    /// Minimum size.
    #[serde(deserialize_with = "de::opt_i64")]
    pub min_size: Option<i64>,
    /// Maximum size.
    #[serde(deserialize_with = "de::opt_i64")]
    pub max_size: Option<i64>,
    /// Suspended processes (wrapped or bare).
    #[serde(deserialize_with = "de::list")]
    pub suspended_processes: Vec<String>,
    /// Whether ESS itself suspended the group.
    #[serde(deserialize_with = "de::opt_bool")]
    pub system_suspended: Option<bool>,
    /// Scaling policy (`recycle`, `release`, …).
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_policy: Option<String>,
    /// VSwitches (wrapped or bare).
    #[serde(rename = "VSwitchIds", deserialize_with = "de::list")]
    pub vswitch_ids: Vec<String>,
    /// Removal policies (wrapped or bare).
    #[serde(deserialize_with = "de::list")]
    pub removal_policies: Vec<String>,
    /// Scale-out policy across zones: `PRIORITY`, `BALANCE`, `COST_OPTIMIZED`, ... (instance
    /// refresh takes `PRIORITY` groups only).
    #[serde(rename = "MultiAZPolicy", deserialize_with = "de::opt_string")]
    pub multi_az_policy: Option<String>,
}

impl ScalingGroup {
    /// The kind of the group: `GroupType` `ECI` is an ECI group; anything else (ECS, or not
    /// said, as older groups answer) is an ECS group.
    pub fn kind(&self) -> crate::template::GroupKind {
        match self.group_type.as_deref() {
            Some(t) if t.eq_ignore_ascii_case(crate::template::GroupKind::Eci.as_str()) => {
                crate::template::GroupKind::Eci
            }
            _ => crate::template::GroupKind::Ecs,
        }
    }
}

/// A scaling configuration.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ScalingConfiguration {
    /// `asc-…`.
    #[serde(deserialize_with = "de::string")]
    pub scaling_configuration_id: String,
    /// Name.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_configuration_name: Option<String>,
    /// The group.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_group_id: Option<String>,
    /// Image.
    #[serde(deserialize_with = "de::opt_string")]
    pub image_id: Option<String>,
    /// `Active` or `Inactive`.
    #[serde(deserialize_with = "de::opt_string")]
    pub lifecycle_state: Option<String>,
    /// Key pair.
    #[serde(deserialize_with = "de::opt_string")]
    pub key_pair_name: Option<String>,
    /// User data (Base64).
    #[serde(deserialize_with = "de::opt_string")]
    pub user_data: Option<String>,
    /// Instance type.
    #[serde(deserialize_with = "de::opt_string")]
    pub instance_type: Option<String>,
}

/// A scaling configuration of an ECI group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct EciScalingConfiguration {
    /// `asc-…`.
    #[serde(deserialize_with = "de::string")]
    pub scaling_configuration_id: String,
    /// The group.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_group_id: Option<String>,
    /// `Active` or `Inactive`.
    #[serde(deserialize_with = "de::opt_string")]
    pub lifecycle_state: Option<String>,
    /// Its containers, each as ESS returns it (`Name`, `Image`, `Cpu`, ...), kept whole so that
    /// a rollback can put them back as they were.
    #[serde(deserialize_with = "de::list")]
    pub containers: Vec<serde_json::Value>,
}

/// An instance of a scaling group.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct ScalingInstance {
    /// `i-…`.
    #[serde(deserialize_with = "de::string")]
    pub instance_id: String,
    /// InService, Pending, Pending:Wait, Protected, Standby, Stopped, Removing, Removing:Wait.
    #[serde(deserialize_with = "de::opt_string")]
    pub lifecycle_state: Option<String>,
    /// `Healthy` or `Unhealthy`.
    #[serde(deserialize_with = "de::opt_string")]
    pub health_status: Option<String>,
    /// AutoCreated, Attached or Managed.
    #[serde(deserialize_with = "de::opt_string")]
    pub creation_type: Option<String>,
    /// The group.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_group_id: Option<String>,
    /// The configuration it was created from.
    #[serde(deserialize_with = "de::opt_string")]
    pub scaling_configuration_id: Option<String>,
    /// Launch template.
    #[serde(deserialize_with = "de::opt_string")]
    pub launch_template_id: Option<String>,
    /// Launch template version.
    #[serde(deserialize_with = "de::opt_string")]
    pub launch_template_version: Option<String>,
    /// Whether ESS manages its lifecycle.
    #[serde(deserialize_with = "de::opt_bool")]
    pub entrusted: Option<bool>,
    /// Warm-up state.
    #[serde(deserialize_with = "de::opt_string")]
    pub warmup_state: Option<String>,
    /// Zone.
    #[serde(deserialize_with = "de::opt_string")]
    pub zone_id: Option<String>,
    /// When it joined.
    #[serde(deserialize_with = "de::opt_string")]
    pub created_time: Option<String>,
}

/// DescribeScalingGroups' response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeScalingGroupsResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The groups.
    #[serde(deserialize_with = "de::list")]
    pub scaling_groups: Vec<ScalingGroup>,
    /// Page fields.
    #[serde(flatten)]
    pub page: Page,
}

/// DescribeScalingConfigurations' response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeScalingConfigurationsResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The configurations.
    #[serde(deserialize_with = "de::list")]
    pub scaling_configurations: Vec<ScalingConfiguration>,
    /// Page fields.
    #[serde(flatten)]
    pub page: Page,
}

/// DescribeEciScalingConfigurations' response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeEciScalingConfigurationsResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The configurations.
    #[serde(deserialize_with = "de::list")]
    pub scaling_configurations: Vec<EciScalingConfiguration>,
    /// Page fields.
    #[serde(flatten)]
    pub page: Page,
}

/// DescribeScalingInstances' response.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeScalingInstancesResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// The instances.
    #[serde(deserialize_with = "de::list")]
    pub scaling_instances: Vec<ScalingInstance>,
    /// Page fields.
    #[serde(flatten)]
    pub page: Page,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eci_configurations_keep_their_containers_whole() {
        let text = r#"{"RequestId": "r", "TotalCount": 1, "PageNumber": 1, "PageSize": 10,
            "ScalingConfigurations": [{"ScalingConfigurationId": "asc-1",
              "LifecycleState": "Active",
              "Containers": [{"Name": "web", "Image": "nginx:1.27", "Cpu": 0.5,
                              "Ports": [{"Port": 80, "Protocol": "TCP"}]}]}]}"#;
        let page: DescribeEciScalingConfigurationsResponse =
            serde_json::from_str(text).expect("parses");
        let config = &page.scaling_configurations[0];
        assert_eq!(config.scaling_configuration_id, "asc-1");
        assert_eq!(config.containers[0]["Ports"][0]["Port"], 80);
        let group: ScalingGroup =
            serde_json::from_str(r#"{"ScalingGroupId": "asg-1", "GroupType": "ECI"}"#).unwrap();
        assert_eq!(group.kind(), crate::template::GroupKind::Eci);
        assert_eq!(ScalingGroup::default().kind(), crate::template::GroupKind::Ecs);
        let req = DescribeEciScalingConfigurations {
            region_id: "r".into(),
            scaling_configuration_ids: vec!["asc-1".into()],
            ..DescribeEciScalingConfigurations::default()
        };
        assert_eq!(req.params()[1], ("ScalingConfigurationIds.1".to_owned(), "asc-1".to_owned()));
    }

    #[test]
    fn lists_are_flattened_from_one() {
        let req = DescribeScalingInstances {
            region_id: "cn-hangzhou".into(),
            scaling_group_id: Some("asg-1".into()),
            lifecycle_states: vec!["InService".into(), "Protected".into()],
            instance_ids: vec!["i-1".into()],
            ..DescribeScalingInstances::default()
        };
        let p = req.params();
        let keys: Vec<&str> = p.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "RegionId",
                "ScalingGroupId",
                "LifecycleStates.1",
                "LifecycleStates.2",
                "InstanceId.1"
            ]
        );
        let groups = DescribeScalingGroups {
            region_id: "r".into(),
            scaling_group_ids: vec!["asg-1".into(), "asg-2".into()],
            tags: vec![("k".into(), "v".into())],
            page_size: Some(50),
            ..DescribeScalingGroups::default()
        };
        let keys: Vec<String> = groups.params().into_iter().map(|(k, _)| k).collect();
        assert_eq!(
            keys,
            [
                "RegionId",
                "ScalingGroupId.1",
                "ScalingGroupId.2",
                "Tag.1.Key",
                "Tag.1.Value",
                "PageSize"
            ]
        );
    }

    #[test]
    fn pages_end_when_the_numbers_say_so() {
        let page =
            |t, n, s| Page { total_count: Some(t), page_number: Some(n), page_size: Some(s) };
        assert!(page(25, 1, 10).has_next_page());
        assert_eq!(page(25, 2, 10).next_page_number(), Some(3));
        assert!(!page(25, 3, 10).has_next_page());
        assert!(!page(20, 2, 10).has_next_page());
        assert!(!page(20, 1, 0).has_next_page());
        assert!(!Page::default().has_next_page());
    }
}
