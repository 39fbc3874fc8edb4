//! Pieces of `doctor`: the clock offset from a response's `Date` header, the RAM actions
//! GenerateExecutionPolicy reports as missing, and the actions the plugin's own calls need.

use serde_json::Value;

use crate::i18n::Text;
use crate::t;

/// Parses an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`) into Unix seconds.
///
/// ```
/// use rolling_update_core::doctor::parse_http_date;
/// assert_eq!(parse_http_date("Thu, 01 Jan 1970 00:01:40 GMT"), Some(100));
/// assert_eq!(parse_http_date("Wed, 01 Jan 2025 00:00:00 GMT"), Some(1_735_689_600));
/// assert_eq!(parse_http_date("yesterday"), None);
/// ```
pub fn parse_http_date(text: &str) -> Option<i64> {
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, zone] = parts.as_slice() else { return None };
    if !zone.eq_ignore_ascii_case("GMT") && !zone.eq_ignore_ascii_case("UTC") {
        return None;
    }
    const MONTHS: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as u32 + 1;
    let day: u32 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let hms: Vec<i64> = time.split(':').map(|p| p.parse().ok()).collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else { return None };
    if !(1..=31).contains(&day) || *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    Some(crate::sign::time::days_from_civil(year, month, day) * 86_400 + h * 3_600 + m * 60 + s)
}

/// The server's clock minus ours, in seconds, from its `Date` header.
pub fn clock_offset(server_date: &str, local_unix_seconds: i64) -> Option<i64> {
    parse_http_date(server_date).map(|server| server - local_unix_seconds)
}

/// How far the clock may drift before signed calls fail (the gateway accepts 15 minutes).
pub const MAX_CLOCK_SKEW_SECONDS: i64 = 900;

/// The RAM actions the plugin's own calls need (besides what each template's execution needs,
/// which GenerateExecutionPolicy reports), each with what uses it.
pub fn plugin_actions() -> [(&'static str, Text); 12] {
    [
        ("oos:StartExecution", t!("doctor.used_by.start_execution")),
        ("oos:ListExecutions", t!("doctor.used_by.list_executions")),
        ("oos:ListTaskExecutions", t!("doctor.used_by.list_task_executions")),
        ("oos:NotifyExecution", t!("doctor.used_by.notify_execution")),
        ("oos:CancelExecution", t!("doctor.used_by.cancel_execution")),
        ("oos:TagResources", t!("doctor.used_by.tag_resources")),
        ("oos:GenerateExecutionPolicy", t!("doctor.used_by.generate_execution_policy")),
        ("ess:DescribeScalingGroups", t!("doctor.used_by.describe_scaling_groups")),
        ("ess:DescribeScalingConfigurations", t!("doctor.used_by.describe_scaling_configurations")),
        ("ess:DescribeScalingInstances", t!("doctor.used_by.describe_scaling_instances")),
        ("ecs:DescribeInstances", t!("doctor.used_by.describe_instances")),
        ("cms:DescribeMetricRuleList", t!("doctor.used_by.describe_metric_rule_list")),
    ]
}

/// The actions of a RAM policy document (`MissingPolicy`), sorted and without duplicates.
///
/// ```
/// use rolling_update_core::doctor::policy_actions;
/// let doc = r#"{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:RunCommand","ess:ExitStandby"],"Resource":"*"}]}"#;
/// assert_eq!(policy_actions(doc), ["ecs:RunCommand", "ess:ExitStandby"]);
/// assert!(policy_actions("").is_empty());
/// ```
pub fn policy_actions(document: &str) -> Vec<String> {
    let value: Value = serde_json::from_str(document).unwrap_or(Value::Null);
    let statements = match value.get("Statement") {
        Some(Value::Array(items)) => items.clone(),
        Some(other @ Value::Object(_)) => vec![other.clone()],
        _ => Vec::new(),
    };
    let mut actions: Vec<String> = statements
        .iter()
        .flat_map(|s| match s.get("Action") {
            Some(Value::String(a)) => vec![a.clone()],
            Some(Value::Array(items)) => {
                items.iter().filter_map(Value::as_str).map(str::to_owned).collect()
            }
            _ => Vec::new(),
        })
        .collect();
    actions.sort();
    actions.dedup();
    actions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::{ApiRequest, Product, cms, ecs, ess, oos};

    /// The RAM action of a request: the product's RAM prefix and the action's name.
    fn ram_action<R: ApiRequest>() -> String {
        let prefix = match R::PRODUCT {
            Product::Oos => "oos",
            Product::Ess => "ess",
            Product::Cms => "cms",
            Product::Ecs => "ecs",
        };
        format!("{prefix}:{}", R::ACTION)
    }

    #[test]
    fn every_call_the_plugin_makes_is_listed() {
        let made = [
            ram_action::<oos::StartExecution>(),
            ram_action::<oos::ListExecutions>(),
            ram_action::<oos::ListTaskExecutions>(),
            ram_action::<oos::NotifyExecution>(),
            ram_action::<oos::CancelExecution>(),
            ram_action::<oos::TagResources>(),
            ram_action::<oos::GenerateExecutionPolicy>(),
            ram_action::<ess::DescribeScalingGroups>(),
            ram_action::<ess::DescribeScalingConfigurations>(),
            ram_action::<ess::DescribeScalingInstances>(),
            ram_action::<ecs::DescribeInstances>(),
            ram_action::<cms::DescribeMetricRuleList>(),
        ];
        let listed: Vec<&str> = plugin_actions().iter().map(|(a, _)| *a).collect();
        for action in &made {
            assert!(listed.contains(&action.as_str()), "{action} is not in plugin_actions");
        }
        assert_eq!(listed.len(), made.len(), "plugin_actions lists a call nobody makes");
    }

    #[test]
    fn offsets() {
        assert_eq!(clock_offset("Wed, 01 Jan 2025 00:00:10 GMT", 1_735_689_600), Some(10));
        assert_eq!(clock_offset("Wed, 01 Jan 2025 00:00:00 PST", 0), None);
        assert_eq!(parse_http_date("Sat, 29 Feb 2020 12:00:00 GMT"), Some(1_582_977_600));
    }

    #[test]
    fn single_statement_and_string_action() {
        let doc = r#"{"Statement":{"Action":"oos:StartExecution"}}"#;
        assert_eq!(policy_actions(doc), ["oos:StartExecution"]);
    }

    #[test]
    fn what_each_action_is_for_reads_in_chinese() {
        use crate::i18n::Lang;
        let actions = plugin_actions();
        let (action, used_by) = &actions[0];
        assert_eq!((*action, used_by.as_str()), ("oos:StartExecution", "start, rollback"));
        assert_eq!(used_by.render(Lang::ZhCn), "start 和 rollback 命令");
        let alarms = &actions[11].1;
        assert_eq!(alarms.as_str(), "gates: --alarm");
        assert_eq!(alarms.render(Lang::ZhCn), "健康门的 --alarm");
    }
}
