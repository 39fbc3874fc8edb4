//! The closed sets of values the templates take, each declared once: the typed enum, its
//! spelling, and the described [`Choice`]s the table, the schemas and the page show.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One allowed value of a parameter, with what it means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Choice {
    /// The value exactly as the template spells it.
    pub value: &'static str,
    /// What choosing it does.
    pub description: &'static str,
}

/// Declares a closed set: the enum (serde and schemars spell each variant as the template
/// does, and document it with its description), `ALL`, `VALUES`, `parse`, `as_str`, and the
/// list of [`Choice`]s named `$choices`.
macro_rules! values {
    ($(#[$meta:meta])* $name:ident, $choices:ident {
        $($variant:ident = $text:literal: $description:literal,)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
        pub enum $name {
            $(#[doc = $description] #[serde(rename = $text)] $variant,)*
        }

        impl $name {
            /// Every value, in the template's order.
            pub const ALL: [$name; [$($text),*].len()] = [$($name::$variant),*];

            /// Every value as the template spells it, in the template's order.
            pub const VALUES: &'static [&'static str] = &[$($text),*];

            /// Parses the template's spelling (case-sensitive, as OOS is).
            pub fn parse(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The template's spelling.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        #[doc = concat!("The values of [`", stringify!($name), "`], described.")]
        pub const $choices: &[Choice] = &[$(Choice { value: $text, description: $description },)*];
    };
}

values! {
    /// The two modes of every template: run the update, or undo an earlier run.
    InvokeType, INVOKE_TYPES {
        Invoke = "invoke": "Run the update",
        Rollback = "rollback":
            "Undo the instances of an earlier invoke execution (needs sourceExecutionId)",
    }
}

values! {
    /// A scaling process ESS can suspend and resume.
    ScalingProcess, SCALING_PROCESSES {
        ScaleIn = "ScaleIn": "Scale-in activities (removing instances)",
        ScaleOut = "ScaleOut": "Scale-out activities (adding instances)",
        HealthCheck = "HealthCheck": "Health checks that replace unhealthy instances",
        AlarmNotification = "AlarmNotification": "Scaling triggered by CloudMonitor alarms",
        ScheduledAction = "ScheduledAction": "Scheduled scaling tasks",
    }
}

values! {
    /// A lifecycle state a rolling update can select instances by.
    LifecycleState, LIFECYCLE_STATES {
        InService = "InService": "Instances serving traffic",
        Protected = "Protected":
            "Protected instances (unprotected for the update, protected again after)",
    }
}

values! {
    /// When the update pauses for approval.
    BatchPauseOption, BATCH_PAUSE_OPTIONS {
        Automatic = "Automatic": "Run every batch without pausing",
        FirstBatchPause = "FirstBatchPause":
            "Pause after the first batch until approved, then run the rest",
        EveryBatchPause = "EveryBatchPause": "Pause after every batch until approved",
    }
}

values! {
    /// The script type of the command template (what Cloud Assistant runs).
    CommandType, COMMAND_TYPES {
        RunBatScript = "RunBatScript": "A Windows batch (cmd) script",
        RunPowerShellScript = "RunPowerShellScript": "A Windows PowerShell script",
        RunShellScript = "RunShellScript": "A Linux shell script",
    }
}

values! {
    /// What the package template does with the package.
    PackageAction, PACKAGE_ACTIONS {
        Install = "install": "Install the package (or the given version)",
        Uninstall = "uninstall": "Uninstall the package",
    }
}

values! {
    /// How the container template updates each container group.
    UpdateType, UPDATE_TYPES {
        RenewUpdate = "RenewUpdate":
            "Replace the containers with exactly the given ones (what is not given is dropped)",
        IncrementalUpdate = "IncrementalUpdate":
            "Change only what the given containers set; the rest stays as it is",
    }
}

impl InvokeType {
    /// Parses the template's spelling; the same as [`InvokeType::parse`].
    pub fn from_value(s: &str) -> Option<InvokeType> {
        InvokeType::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip_through_serde_and_parse() {
        for mode in InvokeType::ALL {
            assert_eq!(InvokeType::parse(mode.as_str()), Some(mode));
            assert_eq!(serde_json::to_value(mode).ok(), Some(mode.as_str().into()));
        }
        for action in PackageAction::ALL {
            assert_eq!(serde_json::to_value(action).ok(), Some(action.as_str().into()));
        }
        assert_eq!(ScalingProcess::VALUES.len(), SCALING_PROCESSES.len());
        assert_eq!(CommandType::parse("runShellScript"), None, "case-sensitive");
    }
}
