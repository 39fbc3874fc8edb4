//! The parameters of an instance refresh (`--template refresh`), declared once: payload key,
//! plugin flag, the flattened StartInstanceRefresh parameter, JSON kind, range, default, ID
//! prefix and help. Validation, the request, `render`, the schema, the plugin's flags and the
//! page's form all read this table.
//!
//! Ranges and defaults are ESS's (StartInstanceRefresh, 2014-08-28): MinHealthyPercentage 0-100
//! (default 80), MaxHealthyPercentage 100-200 (default 120), SkipMatching (default true),
//! checkpoint percentages 1-100, CheckpointPauseTime 1-2880 minutes (default 60).

/// The JSON kind of a refresh parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshKind {
    /// A string.
    String,
    /// A whole number.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A list of whole numbers (flag: comma-separated).
    IntegerList,
    /// A list of strings (flag: repeatable, or comma-separated).
    StringList,
}

/// A default value, as ESS applies it when the parameter is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshDefault {
    /// A number.
    Integer(i64),
    /// A boolean.
    Boolean(bool),
}

/// Which desired configuration a parameter belongs to (at most one kind per refresh).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Desired {
    /// `DesiredConfiguration.ImageId`.
    Image,
    /// `DesiredConfiguration.ScalingConfigurationId`.
    ScalingConfiguration,
    /// `DesiredConfiguration.LaunchTemplate*`.
    LaunchTemplate,
}

/// One parameter of an instance refresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RefreshParam {
    /// The payload key (camelCase, as the templates' keys).
    pub key: &'static str,
    /// Its JSON Pointer.
    pub pointer: &'static str,
    /// The plugin flag, without `--`.
    pub flag: &'static str,
    /// The flattened API parameter; a list's items are numbered where `N` stands.
    pub api: &'static str,
    /// The JSON kind.
    pub kind: RefreshKind,
    /// Whether the payload must have it.
    pub required: bool,
    /// Inclusive range of a number (each item of a number list).
    pub range: Option<(i64, i64)>,
    /// What ESS uses when it is left out.
    pub default: Option<RefreshDefault>,
    /// The prefix an ID starts with.
    pub prefix: Option<&'static str>,
    /// The desired configuration it is part of.
    pub desired: Option<Desired>,
    /// The flag's placeholder in `--help`.
    pub value_name: &'static str,
    /// The i18n key of its help (flag help, schema description, the page's label hint).
    pub help: &'static str,
}

const BLANK: RefreshParam = RefreshParam {
    key: "",
    pointer: "",
    flag: "",
    api: "",
    kind: RefreshKind::String,
    required: false,
    range: None,
    default: None,
    prefix: None,
    desired: None,
    value_name: "ID",
    help: "",
};

/// Every parameter of `--template refresh`, in the order of `--help` and the form.
pub static REFRESH_PARAMS: [RefreshParam; 11] = [
    RefreshParam {
        key: "scalingGroupId",
        pointer: "/scalingGroupId",
        flag: "scaling-group-id",
        api: "ScalingGroupId",
        required: true,
        prefix: Some("asg-"),
        help: "refresh.param.scalingGroupId",
        ..BLANK
    },
    RefreshParam {
        key: "imageId",
        pointer: "/imageId",
        flag: "image-id",
        api: "DesiredConfiguration.ImageId",
        desired: Some(Desired::Image),
        help: "refresh.param.imageId",
        ..BLANK
    },
    RefreshParam {
        key: "scalingConfigurationId",
        pointer: "/scalingConfigurationId",
        flag: "scaling-configuration-id",
        api: "DesiredConfiguration.ScalingConfigurationId",
        prefix: Some("asc-"),
        desired: Some(Desired::ScalingConfiguration),
        help: "refresh.param.scalingConfigurationId",
        ..BLANK
    },
    RefreshParam {
        key: "launchTemplateId",
        pointer: "/launchTemplateId",
        flag: "launch-template-id",
        api: "DesiredConfiguration.LaunchTemplateId",
        prefix: Some("lt-"),
        desired: Some(Desired::LaunchTemplate),
        help: "refresh.param.launchTemplateId",
        ..BLANK
    },
    RefreshParam {
        key: "launchTemplateVersion",
        pointer: "/launchTemplateVersion",
        flag: "launch-template-version",
        api: "DesiredConfiguration.LaunchTemplateVersion",
        desired: Some(Desired::LaunchTemplate),
        value_name: "VERSION",
        help: "refresh.param.launchTemplateVersion",
        ..BLANK
    },
    RefreshParam {
        key: "launchTemplateOverrideInstanceTypes",
        pointer: "/launchTemplateOverrideInstanceTypes",
        flag: "launch-template-override-instance-type",
        api: "DesiredConfiguration.LaunchTemplateOverrides.N.InstanceType",
        kind: RefreshKind::StringList,
        desired: Some(Desired::LaunchTemplate),
        value_name: "TYPE",
        help: "refresh.param.launchTemplateOverrideInstanceTypes",
        ..BLANK
    },
    RefreshParam {
        key: "minHealthyPercentage",
        pointer: "/minHealthyPercentage",
        flag: "min-healthy-percentage",
        api: "MinHealthyPercentage",
        kind: RefreshKind::Integer,
        range: Some((0, 100)),
        default: Some(RefreshDefault::Integer(80)),
        value_name: "PERCENT",
        help: "refresh.param.minHealthyPercentage",
        ..BLANK
    },
    RefreshParam {
        key: "maxHealthyPercentage",
        pointer: "/maxHealthyPercentage",
        flag: "max-healthy-percentage",
        api: "MaxHealthyPercentage",
        kind: RefreshKind::Integer,
        range: Some((100, 200)),
        default: Some(RefreshDefault::Integer(120)),
        value_name: "PERCENT",
        help: "refresh.param.maxHealthyPercentage",
        ..BLANK
    },
    RefreshParam {
        key: "skipMatching",
        pointer: "/skipMatching",
        flag: "skip-matching",
        api: "SkipMatching",
        kind: RefreshKind::Boolean,
        default: Some(RefreshDefault::Boolean(true)),
        value_name: "BOOL",
        help: "refresh.param.skipMatching",
        ..BLANK
    },
    RefreshParam {
        key: "checkpoints",
        pointer: "/checkpoints",
        flag: "checkpoint",
        api: "Checkpoints.N.Percentage",
        kind: RefreshKind::IntegerList,
        range: Some((1, 100)),
        value_name: "PERCENTS",
        help: "refresh.param.checkpoints",
        ..BLANK
    },
    RefreshParam {
        key: "checkpointPauseTime",
        pointer: "/checkpointPauseTime",
        flag: "checkpoint-pause-time",
        api: "CheckpointPauseTime",
        kind: RefreshKind::Integer,
        range: Some((1, 2880)),
        default: Some(RefreshDefault::Integer(60)),
        value_name: "MINUTES",
        help: "refresh.param.checkpointPauseTime",
        ..BLANK
    },
];

/// The keys the code names, declared here with the table.
pub mod keys {
    /// `scalingGroupId`.
    pub const SCALING_GROUP_ID: &str = "scalingGroupId";
    /// `imageId`.
    pub const IMAGE_ID: &str = "imageId";
    /// `scalingConfigurationId`.
    pub const SCALING_CONFIGURATION_ID: &str = "scalingConfigurationId";
}

/// The declaration of `key`.
pub fn param(key: &str) -> Option<&'static RefreshParam> {
    REFRESH_PARAMS.iter().find(|p| p.key == key)
}

/// The declaration whose flag is `flag` (without `--`).
pub fn param_by_flag(flag: &str) -> Option<&'static RefreshParam> {
    REFRESH_PARAMS.iter().find(|p| p.flag == flag)
}

/// The declaration of a key the code names; the table holds every key the code names (a test
/// checks), so the fallback is never reached.
pub(crate) fn spec(key: &str) -> &'static RefreshParam {
    param(key).unwrap_or(&REFRESH_PARAMS[0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn pointers_follow_keys_and_flags_are_distinct() {
        for (i, p) in REFRESH_PARAMS.iter().enumerate() {
            assert_eq!(p.pointer, format!("/{}", p.key), "{}", p.key);
            assert!(REFRESH_PARAMS[..i].iter().all(|q| q.flag != p.flag), "{}", p.flag);
            for lang in Lang::ALL {
                assert!(lang.lookup(p.help).is_some(), "{lang}: {} has no help text", p.key);
            }
        }
        assert_eq!(param_by_flag("checkpoint").map(|p| p.key), Some("checkpoints"));
    }
}
