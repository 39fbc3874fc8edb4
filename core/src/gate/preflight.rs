//! The gates' pre-flight: before a gated update starts (or, for a gated `wait`, before the first
//! gate), everything a gate will need is tried once, so that a check that cannot run, an alarm
//! rule that does not exist or a missing permission is a refusal up front, never a gate that
//! fails half-way through the update.
//!
//! The caller reads the group's in-service instances and their private IPs (ECS
//! DescribeInstances), runs the check once with [`env()`] (`RU_BATCH=0`: no batch, the whole
//! group), reads the alarm rules (CMS DescribeMetricRuleList), and hands what it found to
//! [`judge`], which says what refuses the start.

use serde::Serialize;

use super::{CheckResult, GateConfig, GateContext, check_env};
use crate::api::cms::AlertState;
use crate::i18n::Text;
use crate::t;

/// The RAM action a gate needs to read its instances' private IPs.
pub const ECS_PERMISSION: &str = "ecs:DescribeInstances";
/// The RAM action a gate needs to read its alarm rules.
pub const CMS_PERMISSION: &str = "cms:DescribeMetricRuleList";

/// A read that failed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReadFailure {
    /// The API refused for lack of permission (`Forbidden*`, `NoPermission`).
    pub permission_denied: bool,
    /// The error as reported.
    pub error: String,
}

/// What the caller found when it tried the gates once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Findings {
    /// The private IPs could not be read (`None`: they were read, or not needed).
    pub addresses: Option<ReadFailure>,
    /// How the check's trial run ended (`None` when there is no check or it was not run).
    pub check: Option<CheckResult>,
    /// The alarm rules as read: `Ok` with every rule found and its state, or why they could not
    /// be read. `Ok(empty)` when there are no rules.
    pub alarms: Result<Vec<(String, AlertState)>, ReadFailure>,
}

impl Default for Findings {
    fn default() -> Self {
        Findings { addresses: None, check: None, alarms: Ok(Vec::new()) }
    }
}

/// Why a gated update is not started.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GateRefusal {
    /// A stable code: `permission_missing`, `addresses_unreadable`, `check_failed`,
    /// `check_not_started`, `check_timed_out`, `alarms_unreadable`, `alarm_rule_unknown`,
    /// `alarm_firing`.
    pub code: &'static str,
    /// What is wrong, naming the permission, the exit code or the rules (in English in the
    /// JSON).
    pub message: Text,
}

/// The environment of the check's trial run: the whole group's in-service instances as batch 0.
pub fn env(
    context: &GateContext,
    instance_ids: &[String],
    ips: &[(String, String)],
) -> Vec<(String, String)> {
    check_env(context, 0, instance_ids, ips)
}

fn unreadable(
    what: Text,
    permission: &str,
    failure: &ReadFailure,
    code: &'static str,
) -> GateRefusal {
    let error = &failure.error;
    if failure.permission_denied {
        GateRefusal {
            code: "permission_missing",
            message: t!(
                "gate.preflight.permission_missing",
                permission = permission,
                what: what,
                error = error,
            ),
        }
    } else {
        GateRefusal { code, message: t!("gate.preflight.unreadable", what: what, error = error) }
    }
}

fn check_refusal(result: &CheckResult, timeout_ms: u64) -> Option<GateRefusal> {
    let (code, message) = match result {
        CheckResult::Exited { code: Some(0) } => return None,
        CheckResult::Exited { code: Some(code) } => {
            ("check_failed", t!("gate.preflight.check_exited", code = code))
        }
        CheckResult::Exited { code: None } => ("check_failed", t!("gate.preflight.check_killed")),
        CheckResult::TimedOut => {
            ("check_timed_out", t!("gate.preflight.check_timed_out", seconds = timeout_ms / 1000))
        }
        CheckResult::CouldNotStart { error } => {
            ("check_not_started", t!("gate.reason.check_not_started", error = error))
        }
    };
    Some(GateRefusal { code, message })
}

fn alarm_refusals(rules: &[String], found: &[(String, AlertState)]) -> Vec<GateRefusal> {
    let state = |rule: &str| found.iter().find(|(r, _)| r == rule).map(|(_, s)| s);
    let unknown: Vec<&str> =
        rules.iter().filter(|r| state(r).is_none()).map(String::as_str).collect();
    let firing: Vec<&str> =
        rules.iter().filter(|r| state(r) == Some(&AlertState::Alarm)).map(String::as_str).collect();
    let mut refusals = Vec::new();
    if !unknown.is_empty() {
        refusals.push(GateRefusal {
            code: "alarm_rule_unknown",
            message: t!("gate.preflight.alarm_rule_unknown", rules = unknown.join(", ")),
        });
    }
    if !firing.is_empty() {
        refusals.push(GateRefusal {
            code: "alarm_firing",
            message: t!("gate.preflight.alarm_firing", rules = firing.join(", ")),
        });
    }
    refusals
}

/// Every refusal the findings hold (empty: the gates may run). A rule in `INSUFFICIENT_DATA`
/// is not refused here: a group may have no data before it is updated; the gate after the bake
/// decides (see [`super::InsufficientData`]).
pub fn judge(config: &GateConfig, findings: &Findings) -> Vec<GateRefusal> {
    let mut refusals = Vec::new();
    if let Some(failure) = &findings.addresses {
        let what = t!("gate.preflight.what_addresses");
        refusals.push(unreadable(what, ECS_PERMISSION, failure, "addresses_unreadable"));
    }
    if config.check
        && let Some(result) = &findings.check
    {
        refusals.extend(check_refusal(result, config.check_timeout_ms));
    }
    if !config.alarms.is_empty() {
        match &findings.alarms {
            Ok(found) => refusals.extend(alarm_refusals(&config.alarms, found)),
            Err(failure) => {
                let what = t!("gate.preflight.what_alarms");
                refusals.push(unreadable(what, CMS_PERMISSION, failure, "alarms_unreadable"));
            }
        }
    }
    refusals
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config() -> GateConfig {
        GateConfig {
            check: true,
            alarms: vec!["rule-a".into(), "rule-b".into()],
            ..GateConfig::default()
        }
    }

    fn all_ok() -> Findings {
        Findings {
            check: Some(CheckResult::Exited { code: Some(0) }),
            alarms: Ok(vec![
                ("rule-a".into(), AlertState::Ok),
                ("rule-b".into(), AlertState::InsufficientData),
            ]),
            ..Findings::default()
        }
    }

    fn codes(refusals: &[GateRefusal]) -> Vec<&'static str> {
        refusals.iter().map(|r| r.code).collect()
    }

    #[test]
    fn a_passing_check_and_known_quiet_rules_refuse_nothing() {
        assert_eq!(judge(&config(), &all_ok()), []);
    }

    #[test]
    fn a_failing_check_names_its_exit_code() {
        let findings = Findings { check: Some(CheckResult::Exited { code: Some(3) }), ..all_ok() };
        let refusals = judge(&config(), &findings);
        assert_eq!(codes(&refusals), ["check_failed"]);
        assert!(refusals[0].message.contains("exited 3"), "{}", refusals[0].message);
    }

    #[test]
    fn a_check_that_cannot_start_or_times_out_is_refused() {
        let error = "sh -c could not start: No such file or directory".to_owned();
        let findings = Findings {
            check: Some(CheckResult::CouldNotStart { error: error.clone() }),
            ..all_ok()
        };
        let refusals = judge(&config(), &findings);
        assert_eq!(codes(&refusals), ["check_not_started"]);
        assert!(refusals[0].message.contains(&error));
        let findings = Findings { check: Some(CheckResult::TimedOut), ..all_ok() };
        assert_eq!(codes(&judge(&config(), &findings)), ["check_timed_out"]);
    }

    #[test]
    fn unknown_and_firing_rules_are_named() {
        let findings =
            Findings { alarms: Ok(vec![("rule-b".into(), AlertState::Alarm)]), ..all_ok() };
        let refusals = judge(&config(), &findings);
        assert_eq!(codes(&refusals), ["alarm_rule_unknown", "alarm_firing"]);
        assert!(refusals[0].message.contains("rule-a"), "{}", refusals[0].message);
        assert!(!refusals[0].message.contains("rule-b"), "{}", refusals[0].message);
        assert!(refusals[1].message.contains("rule-b"), "{}", refusals[1].message);
    }

    #[test]
    fn a_missing_permission_is_named() {
        let denied = ReadFailure { permission_denied: true, error: "Forbidden.RAM: no".into() };
        let findings =
            Findings { addresses: Some(denied.clone()), alarms: Err(denied), ..all_ok() };
        let refusals = judge(&config(), &findings);
        assert_eq!(codes(&refusals), ["permission_missing", "permission_missing"]);
        assert!(refusals[0].message.contains(ECS_PERMISSION), "{}", refusals[0].message);
        assert!(refusals[1].message.contains(CMS_PERMISSION), "{}", refusals[1].message);
        let other = ReadFailure { permission_denied: false, error: "timed out".into() };
        let findings = Findings { alarms: Err(other), ..all_ok() };
        assert_eq!(codes(&judge(&config(), &findings)), ["alarms_unreadable"]);
    }

    #[test]
    fn a_refusal_reads_in_chinese_and_serializes_in_english() {
        use crate::i18n::Lang;
        let denied = ReadFailure { permission_denied: true, error: "Forbidden.RAM: no".into() };
        let findings = Findings {
            check: Some(CheckResult::Exited { code: Some(3) }),
            alarms: Err(denied),
            ..all_ok()
        };
        let refusals = judge(&config(), &findings);
        assert_eq!(
            refusals[0].message,
            "the check exited 3 on the group as it is now (RU_BATCH=0)"
        );
        let zh = refusals[0].message.render(Lang::ZhCn);
        assert!(zh.contains("退出码为 3") && zh.contains("RU_BATCH=0"), "{zh}");
        let zh = refusals[1].message.render(Lang::ZhCn);
        assert!(zh.contains(CMS_PERMISSION) && zh.contains("报警规则"), "{zh}");
        let json = serde_json::to_value(&refusals[1]).unwrap_or_default();
        assert_eq!(
            json["message"],
            "the gates need the RAM permission cms:DescribeMetricRuleList to read the alarm rules \
             (CloudMonitor DescribeMetricRuleList), and it is missing: Forbidden.RAM: no"
        );
    }

    #[test]
    fn what_is_not_configured_is_not_judged() {
        let config = GateConfig { bake_ms: 60_000, ..GateConfig::default() };
        let findings = Findings {
            check: Some(CheckResult::Exited { code: Some(1) }),
            alarms: Err(ReadFailure::default()),
            ..Findings::default()
        };
        assert_eq!(judge(&config, &findings), []);
    }

    #[test]
    fn the_trial_run_is_batch_0_of_the_whole_group() {
        let context = GateContext {
            execution_id: String::new(),
            scaling_group_id: "asg-1".into(),
            region: "cn-hangzhou".into(),
            batches: Some(3),
        };
        let ids = ["i-1".to_owned(), "i-2".to_owned()];
        let ips =
            [("i-2".to_owned(), "10.0.0.2".to_owned()), ("i-1".to_owned(), "10.0.0.1".to_owned())];
        let env = env(&context, &ids, &ips);
        let get = |k: &str| env.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("RU_BATCH"), Some("0"));
        assert_eq!(get("RU_BATCHES"), Some("3"));
        assert_eq!(get("RU_INSTANCE_IDS"), Some("i-1,i-2"));
        assert_eq!(get("RU_INSTANCE_IPS"), Some("10.0.0.1,10.0.0.2"));
        assert_eq!(get("RU_EXECUTION_ID"), Some(""));
    }
}
