//! Auto Scaling state: scaling groups, scaling configurations and instances.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

/// A scaling group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalingGroup {
    /// `asg-…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Region, e.g. `cn-hangzhou`.
    pub region_id: String,
    /// `Active`, `Inactive` or `Deleting`.
    pub lifecycle_state: String,
    /// The active scaling configuration (configuration-based groups).
    pub active_scaling_configuration_id: Option<String>,
    /// The launch template (launch-template groups).
    pub launch_template_id: Option<String>,
    /// `Default`, `Latest` or a number.
    pub launch_template_version: Option<String>,
    /// Minimum size.
    pub min_size: u32,
    /// Maximum size.
    pub max_size: u32,
    /// `ECS` or `ECI`.
    pub group_type: String,
    /// Suspended processes, in the order they were suspended.
    pub suspended_processes: Vec<String>,
    /// The scale-out policy across zones (`MultiAZPolicy`): `PRIORITY`, `BALANCE`,
    /// `COST_OPTIMIZED`, … (instance refresh needs `PRIORITY`).
    pub multi_az_policy: String,
    /// Creation time (simulated ms).
    pub created_ms: u64,
}

/// A scaling configuration.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ScalingConfiguration {
    /// `asc-…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The group it belongs to.
    pub scaling_group_id: String,
    /// Image new instances start from.
    pub image_id: String,
    /// Key pair.
    pub key_pair_name: String,
    /// Instance type.
    pub instance_type: String,
    /// `Active` or `Inactive`.
    pub lifecycle_state: String,
    /// The containers of an ECI scaling configuration (ESS's `Containers`, as JSON objects);
    /// `None` for an ECS one.
    pub containers: Option<Vec<Value>>,
    /// Creation time (simulated ms).
    pub created_ms: u64,
}

/// An ESS lifecycle hook of a scaling group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LifecycleHook {
    /// `ash-…`.
    pub id: String,
    /// The group it belongs to.
    pub scaling_group_id: String,
    /// Its name.
    pub name: String,
    /// `SCALE_OUT` or `SCALE_IN`.
    pub transition: String,
    /// `CONTINUE` or `ABANDON`.
    pub default_result: String,
    /// Seconds an instance waits in the hook.
    pub heartbeat_timeout: u32,
    /// The fixed text handed to the notification (a file template's: a JSON object).
    pub notification_metadata: String,
    /// The notification target.
    pub notification_arn: String,
}

/// An ECS instance (or, in an ECI group, an elastic container instance) in a scaling group.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Instance {
    /// `i-…`.
    pub id: String,
    /// The group it belongs to.
    pub scaling_group_id: String,
    /// `InService`, `Standby`, `Protected`, `Stopped`, `Pending`, `Removing`…
    pub lifecycle_state: String,
    /// `Healthy` or `Unhealthy`.
    pub health_status: String,
    /// `AutoCreated`, `Attached` or `Managed`.
    pub creation_type: String,
    /// The image of its current system disk (ECS-level; not shown by ESS).
    pub image_id: String,
    /// ECS status: `Running` or `Stopped`.
    pub ecs_status: String,
    /// Zone.
    pub zone_id: String,
    /// The configuration it was created from.
    pub scaling_configuration_id: Option<String>,
    /// The launch template it was created from.
    pub launch_template_id: Option<String>,
    /// That template's version (`Default`, `Latest` or a number).
    pub launch_template_version: Option<String>,
    /// ECS tags (the template adds `ess:rollingupdate`).
    pub tags: BTreeMap<String, String>,
    /// OOS packages installed, name → version (`""` when unversioned).
    pub packages: BTreeMap<String, String>,
    /// The last script a rolling update ran on it.
    pub last_script: Option<String>,
    /// The last file a rolling update downloaded to it (URL or `oss://bucket/object`).
    pub last_file: Option<String>,
    /// An elastic container instance's containers (empty on ECS instances).
    pub containers: Vec<Value>,
    /// Creation time (simulated ms).
    pub created_ms: u64,
}

/// What a new group looks like; see the presets.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupSpec {
    /// `asg-…`.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Region.
    pub region_id: String,
    /// A scaling configuration `(id, image, key pair)`, made the active one.
    pub configuration: Option<(String, String, String)>,
    /// A launch template `(id, version)`.
    pub launch_template: Option<(String, String)>,
    /// The image instances run now.
    pub image_id: String,
    /// Instances `(id, lifecycle state)`.
    pub instances: Vec<(String, String)>,
    /// An ECI group's active scaling configuration `(id, containers)`: the group is `ECI`.
    pub eci_configuration: Option<(String, Vec<Value>)>,
    /// The group's `MultiAZPolicy` (`PRIORITY` unless set).
    pub multi_az_policy: String,
}

/// The old image of the presets.
pub const DEMO_OLD_IMAGE: &str = "aliyun_3_x64_20G_alibase_20240101.vhd";
/// A newer image to update the presets to.
pub const DEMO_NEW_IMAGE: &str = "aliyun_3_x64_20G_alibase_20250101.vhd";
/// The scaling group of [`GroupSpec::six_instance_demo`].
pub const DEMO_GROUP_ID: &str = "asg-bp1sim0demo0000000001";
/// Its active scaling configuration.
pub const DEMO_CONFIGURATION_ID: &str = "asc-bp1sim0demo0000000001";
/// The scaling group of [`GroupSpec::launch_template_demo`].
pub const DEMO_LT_GROUP_ID: &str = "asg-bp1sim0lt000000000002";
/// The ECI scaling group of [`GroupSpec::eci_demo`].
pub const DEMO_ECI_GROUP_ID: &str = "asg-bp1sim0eci00000000003";
/// Its active ECI scaling configuration.
pub const DEMO_ECI_CONFIGURATION_ID: &str = "asc-bp1sim0eci00000000003";
/// The image its containers run now.
pub const DEMO_ECI_OLD_IMAGE: &str = "registry.cn-hangzhou.aliyuncs.com/sim-demo/web:1.0";
/// A newer image to update them to.
pub const DEMO_ECI_NEW_IMAGE: &str = "registry.cn-hangzhou.aliyuncs.com/sim-demo/web:1.1";

impl GroupSpec {
    /// An empty configuration-less group.
    pub fn new(id: &str, name: &str) -> GroupSpec {
        GroupSpec {
            id: id.to_owned(),
            name: name.to_owned(),
            region_id: "cn-hangzhou".to_owned(),
            configuration: None,
            launch_template: None,
            image_id: DEMO_OLD_IMAGE.to_owned(),
            instances: Vec::new(),
            eci_configuration: None,
            multi_az_policy: "PRIORITY".to_owned(),
        }
    }

    /// One Active group with an Active scaling configuration on [`DEMO_OLD_IMAGE`] and six
    /// InService instances: [`GroupSpec::demo_with`] 6.
    pub fn six_instance_demo() -> GroupSpec {
        GroupSpec::demo_with(6)
    }

    /// The demo group with `count` InService instances, `i-bp1sim0demo000000001` onwards
    /// (`rolling-update-sim --instances N`: rehearse on a group of realistic size).
    pub fn demo_with(count: usize) -> GroupSpec {
        let mut group = GroupSpec::new(DEMO_GROUP_ID, "sim-demo-web").with_configuration(
            DEMO_CONFIGURATION_ID,
            DEMO_OLD_IMAGE,
            "sim-demo-keypair",
        );
        for n in 1..=count {
            group = group.with_instance(&format!("i-bp1sim0demo{n:09}"), "InService");
        }
        group
    }

    /// A launch-template group (`lt-…`, version `Default`) with four InService instances.
    pub fn launch_template_demo() -> GroupSpec {
        GroupSpec::new(DEMO_LT_GROUP_ID, "sim-demo-launch-template")
            .with_launch_template("lt-bp1sim0demo000000001", "Default")
            .with_instances("i-bp1sim0lt000000000", 4, "InService")
    }

    /// An ECI group with an active ECI scaling configuration (one container `web` on
    /// [`DEMO_ECI_OLD_IMAGE`]) and three InService elastic container instances.
    pub fn eci_demo() -> GroupSpec {
        let web = json!({
            "Name": "web",
            "Image": DEMO_ECI_OLD_IMAGE,
            "ImagePullPolicy": "IfNotPresent",
            "Cpu": 0.5,
            "Memory": 1.0,
            "Commands": [],
            "Args": [],
            "EnvironmentVars": [{"Key": "MODE", "Value": "simulated"}],
            "Ports": [{"Port": 80, "Protocol": "TCP"}],
        });
        GroupSpec::new(DEMO_ECI_GROUP_ID, "sim-demo-eci")
            .with_eci_configuration(DEMO_ECI_CONFIGURATION_ID, vec![web])
            .with_instances("eci-bp1sim0eci00000000", 3, "InService")
    }

    /// Makes it an ECI group whose active ECI scaling configuration holds `containers`.
    pub fn with_eci_configuration(mut self, id: &str, containers: Vec<Value>) -> GroupSpec {
        self.eci_configuration = Some((id.to_owned(), containers));
        self
    }

    /// Sets the scale-out policy (`MultiAZPolicy`), e.g. `BALANCE` for a group instance
    /// refresh refuses.
    pub fn with_multi_az_policy(mut self, policy: &str) -> GroupSpec {
        self.multi_az_policy = policy.to_owned();
        self
    }

    /// Sets the region.
    pub fn in_region(mut self, region_id: &str) -> GroupSpec {
        self.region_id = region_id.to_owned();
        self
    }

    /// Adds the active scaling configuration.
    pub fn with_configuration(mut self, id: &str, image_id: &str, key_pair: &str) -> GroupSpec {
        self.configuration = Some((id.to_owned(), image_id.to_owned(), key_pair.to_owned()));
        self.image_id = image_id.to_owned();
        self
    }

    /// Makes it a launch-template group.
    pub fn with_launch_template(mut self, id: &str, version: &str) -> GroupSpec {
        self.launch_template = Some((id.to_owned(), version.to_owned()));
        self
    }

    /// Adds `count` instances named `<prefix>1`, `<prefix>2`, … in `state`.
    pub fn with_instances(mut self, prefix: &str, count: usize, state: &str) -> GroupSpec {
        let start = self.instances.len();
        for n in start + 1..=start + count {
            self.instances.push((format!("{prefix}{n}"), state.to_owned()));
        }
        self
    }

    /// Adds one instance.
    pub fn with_instance(mut self, id: &str, state: &str) -> GroupSpec {
        self.instances.push((id.to_owned(), state.to_owned()));
        self
    }
}
