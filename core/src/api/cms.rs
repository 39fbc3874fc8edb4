//! CloudMonitor (CMS, API 2019-01-01): the state of alarm rules, for the health gates.
//!
//! DescribeMetricRuleList takes `RuleIds` as one comma-separated value, at most
//! [`MAX_RULE_IDS`] ids per call, and answers `Alarms.Alarm[]`, each with
//! `RuleId` and `AlertState` (`OK`, `ALARM`, `INSUFFICIENT_DATA`). CMS reports some failures in
//! the body (`"Success": false` with a `Code` and `Message`) rather than in the HTTP status:
//! [`DescribeMetricRuleListResponse::failure`] says so.

use serde::{Deserialize, Serialize};

use super::response::de;
use super::{ApiRequest, Params, Product};

/// DescribeMetricRuleList takes at most this many ids in `RuleIds` (CMS API reference).
pub const MAX_RULE_IDS: usize = 20;

/// Reads alarm rules by id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DescribeMetricRuleList {
    /// Region (required by the endpoint; rules are global to the account).
    pub region_id: String,
    /// The rules, sent comma-separated as `RuleIds` (at most 20).
    pub rule_ids: Vec<String>,
    /// Page number, from 1.
    pub page: Option<u32>,
    /// Page size (default 10): set it to the number of ids so that one page holds them all.
    pub page_size: Option<u32>,
}

impl ApiRequest for DescribeMetricRuleList {
    type Response = DescribeMetricRuleListResponse;
    const PRODUCT: Product = Product::Cms;
    const ACTION: &'static str = "DescribeMetricRuleList";

    fn resend_safe(&self) -> bool {
        true // a read
    }

    fn params(&self) -> Vec<(String, String)> {
        Params::new(&self.region_id)
            .put("RuleIds", self.rule_ids.join(","))
            .opt("Page", self.page)
            .opt("PageSize", self.page_size)
            .finish()
    }
}

/// The state of an alarm rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AlertState {
    /// `OK`.
    Ok,
    /// `ALARM`.
    Alarm,
    /// `INSUFFICIENT_DATA`.
    InsufficientData,
    /// Any other text (kept, and never counted as healthy).
    Other(String),
}

impl AlertState {
    /// Reads the API's text.
    pub fn parse(text: &str) -> AlertState {
        match text {
            "OK" => AlertState::Ok,
            "ALARM" => AlertState::Alarm,
            "INSUFFICIENT_DATA" => AlertState::InsufficientData,
            other => AlertState::Other(other.to_owned()),
        }
    }

    /// The API's text.
    pub fn as_str(&self) -> &str {
        match self {
            AlertState::Ok => "OK",
            AlertState::Alarm => "ALARM",
            AlertState::InsufficientData => "INSUFFICIENT_DATA",
            AlertState::Other(text) => text,
        }
    }
}

impl Serialize for AlertState {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for AlertState {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = de::string(d)?;
        Ok(AlertState::parse(&text))
    }
}

/// One rule in the answer.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct MetricRule {
    /// The rule id.
    #[serde(deserialize_with = "de::string")]
    pub rule_id: String,
    /// Its name.
    #[serde(deserialize_with = "de::opt_string")]
    pub rule_name: Option<String>,
    /// Its state (`None` when the answer leaves it out).
    pub alert_state: Option<AlertState>,
    /// Whether it is enabled.
    #[serde(deserialize_with = "de::opt_bool")]
    pub enable_state: Option<bool>,
}

/// DescribeMetricRuleList's response.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase", default)]
pub struct DescribeMetricRuleListResponse {
    /// Request id.
    #[serde(deserialize_with = "de::opt_string")]
    pub request_id: Option<String>,
    /// `false` when the call failed in the body.
    #[serde(deserialize_with = "de::opt_bool")]
    pub success: Option<bool>,
    /// The status code in the body (`200` on success).
    #[serde(deserialize_with = "de::opt_string")]
    pub code: Option<String>,
    /// The error message in the body.
    #[serde(deserialize_with = "de::opt_string")]
    pub message: Option<String>,
    /// The rules found.
    #[serde(deserialize_with = "de::list")]
    pub alarms: Vec<MetricRule>,
    /// How many rules matched, as text.
    #[serde(deserialize_with = "de::opt_string")]
    pub total: Option<String>,
}

impl DescribeMetricRuleListResponse {
    /// The failure reported in the body, when there is one.
    pub fn failure(&self) -> Option<String> {
        let code_bad = self.code.as_deref().is_some_and(|c| c != "200");
        if self.success == Some(false) || code_bad {
            let code = self.code.as_deref().unwrap_or("unknown");
            let message = self.message.as_deref().unwrap_or("no message");
            Some(format!("CloudMonitor answered code {code}: {message}"))
        } else {
            None
        }
    }

    /// `(rule id, state)` of every rule that has a state.
    pub fn states(&self) -> Vec<(String, AlertState)> {
        self.alarms
            .iter()
            .filter_map(|r| r.alert_state.clone().map(|s| (r.rule_id.clone(), s)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::parse_response;

    #[test]
    fn rule_ids_are_one_comma_separated_value() {
        let req = DescribeMetricRuleList {
            region_id: "cn-hangzhou".into(),
            rule_ids: vec!["r-1".into(), "r-2".into()],
            page_size: Some(2),
            ..Default::default()
        };
        let call = req.to_call();
        assert_eq!(call.product, Product::Cms);
        assert_eq!(call.action, "DescribeMetricRuleList");
        assert_eq!(
            call.params,
            [
                ("RegionId".to_owned(), "cn-hangzhou".to_owned()),
                ("RuleIds".to_owned(), "r-1,r-2".to_owned()),
                ("PageSize".to_owned(), "2".to_owned()),
            ]
        );
    }

    #[test]
    fn the_documented_answer_is_read() {
        let body = br#"{"RequestId":"386C6712","Success":true,"Code":200,"Total":"3",
            "Alarms":{"Alarm":[
                {"RuleId":"r-1","RuleName":"cpu","AlertState":"OK","EnableState":true},
                {"RuleId":"r-2","AlertState":"ALARM"},
                {"RuleId":"r-3","AlertState":"INSUFFICIENT_DATA"},
                {"RuleId":"r-4","AlertState":"SILENCED"},
                {"RuleId":"r-5"}]}}"#;
        let resp: DescribeMetricRuleListResponse =
            parse_response(200, &[] as &[(&str, &str)], body).unwrap();
        assert_eq!(resp.failure(), None);
        assert_eq!(resp.total.as_deref(), Some("3"));
        assert_eq!(
            resp.states(),
            [
                ("r-1".to_owned(), AlertState::Ok),
                ("r-2".to_owned(), AlertState::Alarm),
                ("r-3".to_owned(), AlertState::InsufficientData),
                ("r-4".to_owned(), AlertState::Other("SILENCED".into())),
            ]
        );
        assert_eq!(resp.alarms[0].enable_state, Some(true));
    }

    #[test]
    fn a_failure_in_the_body_is_named() {
        let body = br#"{"RequestId":"r","Success":false,"Code":"403","Message":"no permission"}"#;
        let resp: DescribeMetricRuleListResponse =
            parse_response(200, &[] as &[(&str, &str)], body).unwrap();
        assert_eq!(
            resp.failure().as_deref(),
            Some("CloudMonitor answered code 403: no permission")
        );
        assert!(resp.alarms.is_empty());
    }

    #[test]
    fn states_round_trip_as_text() {
        for text in ["OK", "ALARM", "INSUFFICIENT_DATA", "NEW"] {
            let state = AlertState::parse(text);
            assert_eq!(serde_json::to_value(&state).unwrap(), serde_json::json!(text));
        }
    }
}
