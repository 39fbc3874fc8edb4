//! ESS instance refresh: replace a group's instances with new ones from a desired
//! configuration, behind the same verbs as the OOS templates (`--template refresh`).
//!
//! A refresh is not a [`crate::template::Template`]: it is not an OOS execution, its
//! parameters are a StartInstanceRefresh request and not a template's, and its id is `ir-...`.
//! It has its own small table ([`table`]) from which validation, the request, `render`, the
//! schema and the plugin's flags follow, as the templates' do from theirs.
//!
//! ```
//! use rolling_update_core::refresh::{request, validate::validate};
//! let checked = validate(&serde_json::json!({
//!     "scalingGroupId": "asg-1", "imageId": "m-new", "checkpoints": [50, 100],
//! }));
//! let params = checked.params.expect("valid");
//! let flat = request::flatten(&params);
//! assert_eq!(flat[1], ("DesiredConfiguration.ImageId".to_owned(), "m-new".to_owned()));
//! assert_eq!(flat[2], ("Checkpoints.1.Percentage".to_owned(), "50".to_owned()));
//! ```

pub mod plan;
pub mod preflight;
pub mod render;
pub mod request;
pub mod schema;
pub mod status;
pub mod table;
pub mod validate;

use serde::Serialize;

/// The interface name of an instance refresh as `--template` takes it.
pub const SHORT_NAME: &str = "refresh";
/// Its full name.
pub const NAME: &str = "instance-refresh";
/// The prefix of a refresh task's id.
pub const TASK_PREFIX: &str = "ir-";

/// Whether `--template` names an instance refresh.
pub fn is_refresh(template: &str) -> bool {
    template == SHORT_NAME || template == NAME
}

/// Whether an id is a refresh task's (`ir-...`) rather than an execution's.
pub fn is_task_id(id: &str) -> bool {
    id.starts_with(TASK_PREFIX)
}

/// What the group is refreshed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum DesiredConfiguration {
    /// Nothing given: the group's active configuration (instances not on it are replaced).
    Active,
    /// A new image for the active scaling configuration.
    Image(String),
    /// Another scaling configuration of the group.
    ScalingConfiguration(String),
    /// A launch template.
    LaunchTemplate {
        /// `lt-...`.
        id: String,
        /// A version number, `Default` or `Latest`.
        version: Option<String>,
        /// Instance type overrides.
        instance_types: Vec<String>,
    },
}

impl DesiredConfiguration {
    /// Whether ESS can roll the refresh back: not to a launch template given as `Default` or
    /// `Latest` (the version the instances came from is not pinned).
    pub fn can_roll_back(&self) -> bool {
        match self {
            DesiredConfiguration::LaunchTemplate { version: Some(v), .. } => {
                v != "Default" && v != "Latest"
            }
            DesiredConfiguration::LaunchTemplate { version: None, .. } => false,
            _ => true,
        }
    }
}

/// The typed parameters of a refresh, from a payload without errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RefreshParams {
    /// `asg-...`.
    pub scaling_group_id: String,
    /// What to refresh to.
    pub desired: DesiredConfiguration,
    /// Given MinHealthyPercentage.
    pub min_healthy_percentage: Option<u32>,
    /// Given MaxHealthyPercentage.
    pub max_healthy_percentage: Option<u32>,
    /// Given SkipMatching.
    pub skip_matching: Option<bool>,
    /// Checkpoint percentages, ascending, the last 100 (empty: none).
    pub checkpoints: Vec<u32>,
    /// Given CheckpointPauseTime (minutes).
    pub checkpoint_pause_time: Option<u32>,
}

impl RefreshParams {
    /// MinHealthyPercentage as ESS applies it.
    pub fn min_healthy(&self) -> u32 {
        self.min_healthy_percentage.unwrap_or(80)
    }

    /// MaxHealthyPercentage as ESS applies it.
    pub fn max_healthy(&self) -> u32 {
        self.max_healthy_percentage.unwrap_or(120)
    }

    /// SkipMatching as ESS applies it.
    pub fn skips_matching(&self) -> bool {
        self.skip_matching.unwrap_or(true)
    }
}
