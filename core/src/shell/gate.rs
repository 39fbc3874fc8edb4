//! The health-gate options of the plugin's `start` (`--check`, `--alarm`, `--bake`, ...): what a
//! form shows for each ([`GATE_FIELDS`]), what is wrong with a filled-in set
//! ([`GateOptions::validate`]), and the words they add to a command.
//!
//! A gate is a check command, an alarm rule or a bake time; the other options only say how a
//! gate judges or acts, so they mean nothing alone.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::duration::parse_duration;
use crate::gate::{GateConfig, InsufficientData, OnUnhealthy};
use crate::i18n::Text;
use crate::t;
use crate::template::Choice;
use crate::validate::Severity;

/// What `--on-unhealthy` takes, the default first.
pub const ON_UNHEALTHY_CHOICES: &[Choice] = &[
    Choice { value: "pause", description: "Leave the paused update paused and stop (exit 8)" },
    Choice {
        value: "rollback",
        description: "Cancel the update, roll it back and follow the rollback (exit 7)",
    },
    Choice { value: "cancel", description: "Cancel the update (exit 8)" },
];

/// How a form takes a gate option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GateFieldKind {
    /// Free text (a command).
    Text,
    /// A duration: seconds, or e.g. `90s`, `5m`, `1h30m`.
    Duration,
    /// A list of ids, comma-separated in a form, one flag each in a command.
    List,
    /// One of [`GateField::choices`].
    Choice,
    /// On or off; the flag takes no value.
    Switch,
}

/// One gate option as a form shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GateField {
    /// The key in [`GateOptions`] (camelCase, as in JSON).
    pub key: &'static str,
    /// The plugin's flag, without the leading `--`.
    pub flag: &'static str,
    /// A short label.
    pub label: &'static str,
    /// What it does.
    pub description: &'static str,
    /// How it is entered.
    pub kind: GateFieldKind,
    /// The allowed values, for [`GateFieldKind::Choice`].
    pub choices: &'static [Choice],
    /// What the plugin uses when the option is not given.
    pub default: Option<&'static str>,
}

/// Every gate option, in the order a command writes them.
pub static GATE_FIELDS: [GateField; 6] = [
    GateField {
        key: "check",
        flag: "check",
        label: "Check command",
        description: "Run by the plugin's shell (sh -c, cmd /C on Windows) after each batch; exit \
                      0 means healthy. It gets RU_EXECUTION_ID, RU_SCALING_GROUP_ID, RU_REGION, \
                      RU_BATCH, RU_BATCHES, RU_INSTANCE_IDS and RU_INSTANCE_IPS, and no \
                      credential.",
        kind: GateFieldKind::Text,
        choices: &[],
        default: None,
    },
    GateField {
        key: "checkTimeout",
        flag: "check-timeout",
        label: "Check timeout",
        description: "A check that runs longer is unhealthy.",
        kind: GateFieldKind::Duration,
        choices: &[],
        default: Some("5m"),
    },
    GateField {
        key: "alarms",
        flag: "alarm",
        label: "CloudMonitor alarm rules",
        description: "Alarm rule ids; a batch is unhealthy when any of them is in ALARM during or \
                      after the bake.",
        kind: GateFieldKind::List,
        choices: &[],
        default: None,
    },
    GateField {
        key: "bake",
        flag: "bake",
        label: "Bake time",
        description: "How long a finished batch must stay healthy before it counts (the alarms \
                      are watched meanwhile).",
        kind: GateFieldKind::Duration,
        choices: &[],
        default: Some("0"),
    },
    GateField {
        key: "onUnhealthy",
        flag: "on-unhealthy",
        label: "When a gate fails",
        description: "What the plugin does when a batch is unhealthy.",
        kind: GateFieldKind::Choice,
        choices: ON_UNHEALTHY_CHOICES,
        default: Some("pause"),
    },
    GateField {
        key: "insufficientDataOk",
        flag: "insufficient-data-ok",
        label: "Insufficient data is healthy",
        description: "Count an alarm rule in INSUFFICIENT_DATA after the bake as healthy (by \
                      default it is unhealthy: no data is no evidence of health).",
        kind: GateFieldKind::Switch,
        choices: &[],
        default: None,
    },
];

/// The gate options as given: texts, as a form or the command line holds them. `None` and an
/// empty list mean "not given".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct GateOptions {
    /// `--check CMD`, kept exactly.
    pub check: Option<String>,
    /// `--check-timeout D`.
    pub check_timeout: Option<String>,
    /// `--alarm RULE_ID`, one per rule.
    pub alarms: Vec<String>,
    /// `--bake D`; `0` is no bake.
    pub bake: Option<String>,
    /// `--on-unhealthy pause|rollback|cancel`.
    pub on_unhealthy: Option<String>,
    /// `--insufficient-data-ok`.
    pub insufficient_data_ok: bool,
}

/// Something wrong, or worth a word, in a [`GateOptions`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GateFinding {
    /// An error stops the command from being written; a warning does not.
    pub severity: Severity,
    /// The [`GateField::key`] it is about.
    pub field: &'static str,
    /// What is wrong, naming the flag (serialized in English).
    pub message: Text,
}

impl GateFinding {
    fn error(field: &'static str, message: Text) -> GateFinding {
        GateFinding { severity: Severity::Error, field, message }
    }

    fn warning(field: &'static str, message: Text) -> GateFinding {
        GateFinding { severity: Severity::Warning, field, message }
    }
}

impl GateOptions {
    /// Whether a gate is given: a check, an alarm rule, or a bake that is not zero.
    pub fn is_gated(&self) -> bool {
        self.check.is_some()
            || !self.alarms.is_empty()
            || self.bake.as_deref().is_some_and(|b| bake(b).is_ok_and(|d| !d.is_zero()))
    }

    /// Every problem, in [`GATE_FIELDS`] order: a blank check, a duration that does not parse,
    /// an empty or malformed rule id, an unknown `--on-unhealthy` value, and options that mean
    /// nothing without the gate they qualify (`--on-unhealthy` without a gate is an error; a
    /// check timeout without a check and `--insufficient-data-ok` without an alarm are
    /// warnings).
    ///
    /// ```
    /// use rolling_update_core::shell::GateOptions;
    /// let options = GateOptions { on_unhealthy: Some("rollback".into()), ..GateOptions::default() };
    /// let findings = options.validate();
    /// assert_eq!(findings[0].field, "onUnhealthy");
    /// assert!(findings[0].message.contains("needs a gate"));
    /// ```
    pub fn validate(&self) -> Vec<GateFinding> {
        let mut findings = Vec::new();
        if self.check.as_deref().is_some_and(|c| c.trim().is_empty()) {
            findings.push(GateFinding::error("check", t!("shell.gate.check_empty")));
        }
        if let Some(text) = &self.check_timeout {
            match parse_duration(text) {
                Err(e) => findings.push(GateFinding::error("checkTimeout", e.text())),
                Ok(_) if self.check.is_none() => findings
                    .push(GateFinding::error("checkTimeout", t!("shell.gate.timeout_alone"))),
                Ok(_) => {}
            }
        }
        findings.extend(self.alarms.iter().filter_map(|rule| rule_problem(rule)));
        findings.extend(self.duplicate_rules());
        if let Some(Err(e)) = self.bake.as_deref().map(bake) {
            findings.push(GateFinding::error("bake", e.text()));
        }
        if let Some(text) = &self.on_unhealthy {
            if on_unhealthy(text).is_none() {
                let found = t!("shell.gate.on_unhealthy_value", value = text);
                findings.push(GateFinding::error("onUnhealthy", found));
            } else if !self.is_gated() {
                let found = t!("shell.gate.on_unhealthy_alone");
                findings.push(GateFinding::error("onUnhealthy", found));
            }
        }
        if self.insufficient_data_ok && self.alarms.is_empty() {
            let found = t!("shell.gate.insufficient_data_alone");
            findings.push(GateFinding::error("insufficientDataOk", found));
        }
        findings
    }

    fn duplicate_rules(&self) -> Option<GateFinding> {
        let rules: Vec<&str> = self.alarms.iter().map(|r| r.trim()).collect();
        let twice = rules.iter().enumerate().find(|(i, r)| rules[..*i].contains(r))?.1;
        Some(GateFinding::warning("alarms", t!("shell.gate.rule_twice", rule = twice)))
    }

    /// The gates as the core's [`GateConfig`] (the plugin's defaults for what is not given).
    ///
    /// # Errors
    ///
    /// Every error [`GateOptions::validate`] finds; warnings are not errors.
    pub fn config(&self) -> Result<GateConfig, Vec<GateFinding>> {
        let errors: Vec<GateFinding> =
            self.validate().into_iter().filter(|f| f.severity == Severity::Error).collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        let defaults = GateConfig::default();
        let millis = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
        let mut alarms: Vec<String> = Vec::new();
        for rule in self.alarms.iter().map(|r| r.trim().to_owned()) {
            if !alarms.contains(&rule) {
                alarms.push(rule);
            }
        }
        Ok(GateConfig {
            check: self.check.is_some(),
            check_timeout_ms: self
                .check_timeout
                .as_deref()
                .and_then(|t| parse_duration(t).ok())
                .map_or(defaults.check_timeout_ms, millis),
            alarms,
            bake_ms: self.bake.as_deref().and_then(|b| bake(b).ok()).map_or(0, millis),
            insufficient_data: if self.insufficient_data_ok {
                InsufficientData::Healthy
            } else {
                InsufficientData::Unhealthy
            },
            on_unhealthy: self.on_unhealthy.as_deref().and_then(on_unhealthy).unwrap_or_default(),
            ..defaults
        })
    }

    /// The options given, each with its field and its value (none for a switch), in
    /// [`GATE_FIELDS`] order. Texts are trimmed, except the check command, kept exactly.
    pub(super) fn flags(&self) -> Vec<(&'static GateField, Option<String>)> {
        let [check, timeout, alarm, bake, on_unhealthy, insufficient] = &GATE_FIELDS;
        let trimmed = |v: &Option<String>| v.as_deref().map(|t| t.trim().to_owned());
        let mut flags = Vec::new();
        flags.extend(self.check.clone().map(|c| (check, Some(c))));
        flags.extend(trimmed(&self.check_timeout).map(|t| (timeout, Some(t))));
        flags.extend(self.alarms.iter().map(|r| (alarm, Some(r.trim().to_owned()))));
        flags.extend(trimmed(&self.bake).map(|b| (bake, Some(b))));
        flags.extend(trimmed(&self.on_unhealthy).map(|o| (on_unhealthy, Some(o))));
        if self.insufficient_data_ok {
            flags.push((insufficient, None));
        }
        flags
    }
}

/// A bake time: `0`, or a duration.
fn bake(text: &str) -> Result<Duration, crate::duration::DurationError> {
    if text.trim() == "0" { Ok(Duration::ZERO) } else { parse_duration(text) }
}

fn on_unhealthy(text: &str) -> Option<OnUnhealthy> {
    match text.trim() {
        "pause" => Some(OnUnhealthy::Pause),
        "rollback" => Some(OnUnhealthy::Rollback),
        "cancel" => Some(OnUnhealthy::Cancel),
        _ => None,
    }
}

/// What is wrong with one alarm rule id, if anything. A comma would split it into two rules
/// on the command line, and a blank is in no rule id.
fn rule_problem(rule: &str) -> Option<GateFinding> {
    let rule = rule.trim();
    let message = if rule.is_empty() {
        t!("shell.gate.rule_empty")
    } else if rule.contains(|c: char| c == ',' || c.is_whitespace() || c.is_control()) {
        t!("shell.gate.rule_malformed", rule = rule)
    } else {
        return None;
    };
    Some(GateFinding::error("alarms", message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gated() -> GateOptions {
        GateOptions { check: Some("curl -fsS http://$IP/".into()), ..GateOptions::default() }
    }

    fn errors(options: &GateOptions) -> Vec<(&'static str, Text)> {
        options
            .validate()
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| (f.field, f.message))
            .collect()
    }

    #[test]
    fn the_fields_table_names_every_option_in_command_order() {
        let all = GateOptions {
            check: Some("c".into()),
            check_timeout: Some("1m".into()),
            alarms: vec!["r".into()],
            bake: Some("2m".into()),
            on_unhealthy: Some("cancel".into()),
            insufficient_data_ok: true,
        };
        let flags: Vec<&str> = all.flags().into_iter().map(|(f, _)| f.flag).collect();
        let table: Vec<&str> = GATE_FIELDS.iter().map(|f| f.flag).collect();
        assert_eq!(flags, table);
        assert!(errors(&all).is_empty(), "{:?}", all.validate());
    }

    #[test]
    fn on_unhealthy_without_a_gate_is_an_error_on_its_field() {
        for options in [
            GateOptions { on_unhealthy: Some("pause".into()), ..GateOptions::default() },
            GateOptions {
                on_unhealthy: Some("rollback".into()),
                bake: Some("0".into()),
                check_timeout: Some("30s".into()),
                ..GateOptions::default()
            },
        ] {
            let found = errors(&options);
            let on = found.iter().find(|(field, _)| *field == "onUnhealthy");
            assert!(on.is_some_and(|(_, m)| m.contains("needs a gate")), "{found:?}");
        }
        for gate in [
            gated(),
            GateOptions { alarms: vec!["r-1".into()], ..GateOptions::default() },
            GateOptions { bake: Some("5m".into()), ..GateOptions::default() },
        ] {
            let options = GateOptions { on_unhealthy: Some("rollback".into()), ..gate };
            assert!(errors(&options).is_empty(), "{options:?}");
        }
    }

    #[test]
    fn bad_values_are_errors_on_their_fields() {
        let options = GateOptions {
            check: Some("  ".into()),
            check_timeout: Some("5 minutes".into()),
            alarms: vec!["ok-1".into(), " ".into(), "a b".into()],
            bake: Some("-1".into()),
            on_unhealthy: Some("Rollback".into()),
            insufficient_data_ok: false,
        };
        let fields: Vec<&str> = errors(&options).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, ["check", "checkTimeout", "alarms", "alarms", "bake", "onUnhealthy"]);
        let zero = GateOptions { check_timeout: Some("0".into()), ..gated() };
        assert_eq!(errors(&zero)[0].0, "checkTimeout", "a zero timeout fails every check");
    }

    #[test]
    fn qualifiers_without_their_gate_are_errors() {
        let options = GateOptions {
            check_timeout: Some("30s".into()),
            insufficient_data_ok: true,
            alarms: Vec::new(),
            bake: Some("1m".into()),
            ..GateOptions::default()
        };
        // Never silently ignored: the plugin refuses them (exit 2) and the page says why.
        let found = options.validate();
        assert!(found.iter().all(|f| f.severity == Severity::Error), "{found:?}");
        let fields: Vec<&str> = found.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["checkTimeout", "insufficientDataOk"]);
    }

    #[test]
    fn config_carries_the_values_and_the_plugin_defaults() {
        let options = GateOptions {
            alarms: vec!["r-1".into(), " r-2 ".into(), "r-1".into()],
            bake: Some("1m30s".into()),
            on_unhealthy: Some("rollback".into()),
            insufficient_data_ok: true,
            ..gated()
        };
        let config = options.config().expect("valid");
        assert!(config.check);
        assert_eq!(config.check_timeout_ms, GateConfig::default().check_timeout_ms);
        assert_eq!(config.alarms, ["r-1", "r-2"]);
        assert_eq!(config.bake_ms, 90_000);
        assert_eq!(config.on_unhealthy, OnUnhealthy::Rollback);
        assert_eq!(config.insufficient_data, InsufficientData::Healthy);
        let bad = GateOptions { bake: Some("soon".into()), ..gated() };
        assert_eq!(bad.config().unwrap_err()[0].field, "bake");
        assert!(!GateOptions::default().config().expect("valid").is_gated());
    }

    #[test]
    fn findings_read_in_chinese_and_serialize_in_english() {
        use crate::i18n::Lang;
        let options = GateOptions { bake: Some("5x".into()), ..gated() };
        let bake = &options.validate()[0];
        assert_eq!(
            bake.message,
            "invalid duration `5x`: unknown unit (write seconds, or e.g. 90s, 30m, 2h, 1h30m)"
        );
        assert_eq!(
            bake.message.render(Lang::ZhCn),
            "无效的时长 `5x`：未知的单位（请写秒数，或如 90s、30m、2h、1h30m）"
        );
        let json = serde_json::to_value(bake).unwrap_or_default();
        assert_eq!(json["message"], bake.message.as_str());
        let lone = GateOptions { on_unhealthy: Some("Rollback".into()), ..GateOptions::default() };
        let zh = lone.validate()[0].message.render(Lang::ZhCn).into_owned();
        assert!(zh.contains("`Rollback`") && zh.contains("只接受"), "{zh}");
    }
}
