//! Preparing a start or a rollback: everything decided between a payload and the
//! StartExecution request that runs it, as one pure step for both verbs.
//!
//! The step has two halves because of what must not happen: a payload that is invalid or past
//! a service limit sends nothing, not even a read. So [`check`] judges the payload alone
//! (validation, limits, the pause a gate needs, the process lists sent explicitly, the
//! ClientToken), the plugin then reads what [`Checked`] names (the group, its configuration,
//! the updates in progress), and [`Checked::against`] judges the payload against those facts
//! (the pre-flight's refusals, warnings and fill-ins) and holds the request to send. Between
//! the two the plugin only reads; it decides nothing.
//!
//! ```
//! use rolling_update_core::prepare::{Ask, Verb, check};
//! use rolling_update_core::preflight::Facts;
//! use rolling_update_core::template::Template;
//!
//! let payload = serde_json::json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
//!                                  "invokeScript": "echo hi"});
//! let ask = Ask::new(Template::Command, payload.as_object().cloned().unwrap(), Verb::Start);
//! let checked = check(&ask);
//! assert!(checked.ok());
//! // Both process lists are sent, so that a rollback finds them in this execution.
//! assert_eq!(checked.filled.len(), 2);
//! // No such group: the pre-flight refuses.
//! let prepared = checked.against(&Facts::default());
//! assert_eq!(prepared.refusals[0].code, "group_not_found");
//! ```

use serde_json::{Map, Value};

use crate::api::oos::StartExecution;
use crate::i18n::Text;
use crate::launch::{start_request, token_for};
use crate::limits;
use crate::preflight::{self, Facts, Filled, Refusal};
use crate::rollback;
use crate::t;
use crate::template::{BatchPauseOption, InvokeType, Key, Template};
use crate::validate::{Code, Finding, Severity, validate};

/// Which verb prepares: a rollback shares only the group refusals of `start` and fills
/// nothing from the group (see [`preflight::check_rollback`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    /// `start`.
    Start,
    /// `rollback` (parameters derived from the source execution).
    Rollback,
}

/// What a verb asks to start.
#[derive(Debug, Clone)]
pub struct Ask<'a> {
    /// The template.
    pub template: Template,
    /// The payload as built from the user's input (or derived from the source).
    pub payload: Map<String, Value>,
    /// Which verb asks.
    pub verb: Verb,
    /// Whether a health gate follows the update: it must pause after every batch.
    pub gated: bool,
    /// Whether a failed gate rolls the update back by itself (`--on-unhealthy rollback`): that
    /// rollback takes no flags, so one that would change nothing is refused up front.
    pub gate_rolls_back: bool,
    /// `--change-id`: goes into the ClientToken.
    pub change_id: Option<&'a str>,
    /// `--client-token`: replaces the derived ClientToken.
    pub client_token: Option<&'a str>,
}

impl Ask<'_> {
    /// An ungated ask without a change id or token.
    pub fn new(template: Template, payload: Map<String, Value>, verb: Verb) -> Ask<'static> {
        Ask {
            template,
            payload,
            verb,
            gated: false,
            gate_rolls_back: false,
            change_id: None,
            client_token: None,
        }
    }
}

/// The payload judged alone: what the plugin prints before any call.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The template.
    pub template: Template,
    /// Which verb asks.
    pub verb: Verb,
    /// What was decided for the user and is worth saying (the pause a gate needs).
    pub notes: Vec<Text>,
    /// The validation's findings, errors and warnings.
    pub findings: Vec<Finding>,
    /// Warnings: a value near a service limit, a gate that cannot hold every batch.
    pub warnings: Vec<Text>,
    /// Values past a service limit (`over_limit`).
    pub refusals: Vec<Refusal<Text>>,
    /// Values filled in without reading anything (the process lists of an invoke).
    pub filled: Vec<Filled>,
    /// The parameters to send, before anything is filled in from the group.
    pub parameters: Map<String, Value>,
    /// The ClientToken: derived from the parameters as the user gave them (before any fill-in),
    /// so that the same command gives the same token whatever the group looks like.
    pub token: String,
    /// `--change-id`, for the request's description.
    pub change_id: Option<String>,
}

/// Judges `ask`'s payload alone. Limits and fill-ins are looked at only once the payload is
/// valid, so an invalid payload shows its findings and nothing else.
pub fn check(ask: &Ask<'_>) -> Checked {
    let mut payload = ask.payload.clone();
    let mut notes = Vec::new();
    let mut warnings = Vec::new();
    if ask.gated {
        pause_for_gates(&mut payload, &mut notes, &mut warnings);
    }
    let mut findings = validate(ask.template, &Value::Object(payload.clone())).findings;
    if ask.verb == Verb::Start {
        // What the pre-flight reads from the group is judged once it is filled in (`against`).
        let later = preflight::fills_from_group(ask.template);
        findings.retain(|f| {
            !(f.code == Code::MissingRequired && later.iter().any(|k| f.pointer == k.pointer()))
        });
    }
    let token = token_for(ask.template, &payload, ask.change_id, ask.client_token);
    let mut out = Checked {
        template: ask.template,
        verb: ask.verb,
        notes,
        findings,
        warnings,
        refusals: Vec::new(),
        filled: Vec::new(),
        parameters: payload,
        token,
        change_id: ask.change_id.map(str::to_owned),
    };
    if out.has_errors() {
        return out;
    }
    if ask.gate_rolls_back {
        out.refusals.extend(rollback::refusal_for_gate(ask.template, &out.parameters));
    }
    for exceeded in limits::check(ask.template, &out.parameters) {
        if exceeded.refuse {
            out.refusals.push(Refusal { code: "over_limit", message: exceeded.message });
        } else {
            out.warnings.push(exceeded.message);
        }
    }
    if out.refusals.is_empty() {
        out.filled = fill_process_lists(ask.template, &mut out.parameters);
    }
    out
}

/// A gated update pauses after every batch, so that no batch runs before the previous one
/// passed its gate, unless the payload already names a `batchPauseOption`: then that wins, and
/// a warning says what is not held.
fn pause_for_gates(
    payload: &mut Map<String, Value>,
    notes: &mut Vec<Text>,
    warnings: &mut Vec<Text>,
) {
    let every = BatchPauseOption::EveryBatchPause;
    match payload.get(Key::BatchPauseOption.as_str()).and_then(Value::as_str) {
        None => {
            payload.insert(Key::BatchPauseOption.as_str().into(), every.as_str().into());
            notes.push(t!(
                "prepare.note.gated",
                key = Key::BatchPauseOption.as_str(),
                value = every
            ));
        }
        Some(given) if given == every.as_str() => {}
        Some(other) => warnings.push(t!(
            "prepare.warning.gated_without_pause",
            key = Key::BatchPauseOption.as_str(),
            value = other
        )),
    }
}

/// An invoke sends both process lists, their defaults when not given: the template's rollback
/// reads them from the source execution, and whether OOS records a defaulted parameter there is
/// written nowhere (templates-as-written §5).
fn fill_process_lists(template: Template, payload: &mut Map<String, Value>) -> Vec<Filled> {
    let mode = payload.get(Key::InvokeType.as_str()).and_then(Value::as_str);
    if mode != Some(InvokeType::Invoke.as_str()) {
        return Vec::new();
    }
    let mut filled = Vec::new();
    for key in [Key::EnterProcess, Key::ExitProcess] {
        let spec = key.spec();
        if !spec.templates.contains(&template) || payload.contains_key(spec.key) {
            continue;
        }
        let Some(default) = spec.default.to_json() else { continue };
        payload.insert(spec.key.into(), default);
        filled.push(Filled {
            key: spec.key,
            value: spec.default_list().join(","),
            reason: t!("prepare.filled.process_default"),
        });
    }
    filled
}

impl Checked {
    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.severity == Severity::Error)
    }

    /// Whether the payload may go on to the group's pre-flight.
    pub fn ok(&self) -> bool {
        !self.has_errors() && self.refusals.is_empty()
    }

    /// The scaling group the pre-flight reads.
    pub fn group_id(&self) -> &str {
        self.text(Key::ScalingGroupId).unwrap_or_default()
    }

    /// The scaling configuration the pre-flight reads, when the payload names one (otherwise
    /// the group's active one).
    pub fn configuration_id(&self) -> Option<&str> {
        self.text(Key::ScalingConfigurationId)
    }

    fn text(&self, key: Key) -> Option<&str> {
        self.parameters.get(key.as_str()).and_then(Value::as_str)
    }

    /// The request as it stands, with nothing filled in from the group (a dry run's).
    pub fn request(&self, region: &str) -> StartExecution {
        let change = self.change_id.as_deref();
        start_request(region, self.template, &self.parameters, change, Some(&self.token))
    }

    /// Judges the payload against the group's `facts`: the pre-flight's refusals, warnings and
    /// fill-ins, and the parameters to send.
    pub fn against(&self, facts: &Facts) -> Prepared {
        let found = match self.verb {
            Verb::Start => preflight::check(self.template, &self.parameters, facts),
            Verb::Rollback => preflight::check_rollback(self.template, &self.parameters, facts),
        };
        let mut filled = self.filled.clone();
        filled.extend(found.filled);
        let mut refusals = found.refusals;
        if refusals.is_empty() {
            // The payload as it will be sent, with the group's fill-ins, is judged again.
            let checked = validate(self.template, &Value::Object(found.parameters.clone()));
            refusals.extend(
                checked
                    .findings
                    .into_iter()
                    .filter(|f| f.severity == Severity::Error)
                    .map(|f| Refusal { code: "invalid_after_fill_in", message: after_fill_in(&f) }),
            );
        }
        Prepared {
            template: self.template,
            refusals,
            warnings: found.warnings,
            filled,
            selected_instances: found.selected_instances,
            parameters: found.parameters,
            token: self.token.clone(),
            change_id: self.change_id.clone(),
        }
    }
}

/// A finding on the payload as it will be sent, said as a refusal: the finding's line (and
/// hint) as validation says it, marked as found after the fill-in.
fn after_fill_in(f: &Finding) -> Text {
    let line = f.line();
    match &f.hint {
        Some(hint) => t!(
            "prepare.refusal.invalid_after_fill_in.hint",
            finding: line,
            hint: t!("finding.hint_line", hint: hint.clone())
        ),
        None => t!("prepare.refusal.invalid_after_fill_in", finding: line),
    }
}

/// A start judged against the group: what to print, and what to send when nothing refuses.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// The template.
    pub template: Template,
    /// Reasons not to start; empty when it may start.
    pub refusals: Vec<Refusal<Text>>,
    /// Things worth knowing.
    pub warnings: Vec<Text>,
    /// Every value filled in: the process lists, then what was read from the group.
    pub filled: Vec<Filled>,
    /// How many instances the update selects.
    pub selected_instances: usize,
    /// The parameters to send.
    pub parameters: Map<String, Value>,
    /// The ClientToken.
    pub token: String,
    /// `--change-id`.
    pub change_id: Option<String>,
}

impl Prepared {
    /// Whether the update may start.
    pub fn ok(&self) -> bool {
        self.refusals.is_empty()
    }

    /// The StartExecution request to send.
    pub fn request(&self, region: &str) -> StartExecution {
        let change = self.change_id.as_deref();
        start_request(region, self.template, &self.parameters, change, Some(&self.token))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::ess::{ScalingConfiguration, ScalingGroup, ScalingInstance};

    fn payload(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    fn group() -> Facts {
        Facts {
            group: Some(ScalingGroup {
                scaling_group_id: "asg-1".into(),
                lifecycle_state: Some("Active".into()),
                active_scaling_configuration_id: Some("asc-1".into()),
                ..ScalingGroup::default()
            }),
            configuration: Some(ScalingConfiguration {
                scaling_configuration_id: "asc-1".into(),
                image_id: Some("m-old".into()),
                ..ScalingConfiguration::default()
            }),
            instances: vec![ScalingInstance {
                instance_id: "i-1".into(),
                lifecycle_state: Some("InService".into()),
                ..ScalingInstance::default()
            }],
            eci_configuration: None,
            unfinished: Vec::new(),
        }
    }

    fn image() -> Map<String, Value> {
        payload(json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "imageId": "m-new"}))
    }

    #[test]
    fn an_invoke_sends_both_process_lists_and_the_group_fill_ins() {
        let checked = check(&Ask::new(Template::Image, image(), Verb::Start));
        assert!(checked.ok(), "{:?}", checked.findings);
        let keys: Vec<&str> = checked.filled.iter().map(|f| f.key).collect();
        assert_eq!(keys, ["enterProcess", "exitProcess"]);
        assert_eq!(
            checked.filled[0].value,
            "ScaleIn,ScaleOut,HealthCheck,AlarmNotification,ScheduledAction"
        );
        assert_eq!(checked.parameters["exitProcess"].as_array().map(Vec::len), Some(5));
        let prepared = checked.against(&group());
        assert!(prepared.ok(), "{:?}", prepared.refusals);
        let keys: Vec<&str> = prepared.filled.iter().map(|f| f.key).collect();
        assert_eq!(
            keys,
            ["enterProcess", "exitProcess", "scalingConfigurationId", "sourceImageId"]
        );
        assert_eq!(prepared.parameters["sourceImageId"], "m-old");
        assert_eq!(prepared.parameters["enterProcess"], checked.parameters["enterProcess"]);
    }

    #[test]
    fn given_process_lists_are_kept_even_empty() {
        let mut p = image();
        p.insert("enterProcess".into(), json!([]));
        let checked = check(&Ask::new(Template::Image, p, Verb::Start));
        assert_eq!(checked.parameters["enterProcess"], json!([]));
        let keys: Vec<&str> = checked.filled.iter().map(|f| f.key).collect();
        assert_eq!(keys, ["exitProcess"]);
    }

    #[test]
    fn the_token_is_that_of_the_payload_as_given() {
        let checked = check(&Ask {
            change_id: Some("CHG-1"),
            ..Ask::new(Template::Image, image(), Verb::Start)
        });
        assert_eq!(checked.token, token_for(Template::Image, &image(), Some("CHG-1"), None));
        let prepared = checked.against(&group());
        let req = prepared.request("cn-hangzhou");
        assert_eq!(req.client_token.as_deref(), Some(checked.token.as_str()));
        assert!(req.description.unwrap_or_default().ends_with("(change CHG-1)"));
    }

    #[test]
    fn an_invalid_payload_gets_its_findings_only() {
        let p = payload(json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}));
        let checked = check(&Ask::new(Template::Image, p, Verb::Start));
        assert!(checked.has_errors() && !checked.ok());
        assert!(checked.filled.is_empty() && checked.refusals.is_empty());
        assert!(!checked.parameters.contains_key("enterProcess"));
    }

    #[test]
    fn a_script_past_the_limit_is_refused_before_the_group_is_read() {
        let p = payload(json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
                               "invokeScript": "x".repeat(20_000)}));
        let checked = check(&Ask::new(Template::Command, p, Verb::Start));
        assert!(!checked.ok());
        assert_eq!(checked.refusals[0].code, "over_limit");
        assert!(checked.filled.is_empty());
    }

    #[test]
    fn a_gate_that_would_roll_back_a_package_to_itself_is_refused() {
        let p = payload(json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
                               "packageName": "app", "packageVersion": "2.0"}));
        let ask = |rolls_back| Ask {
            gated: true,
            gate_rolls_back: rolls_back,
            ..Ask::new(Template::Package, p.clone(), Verb::Start)
        };
        let checked = check(&ask(true));
        assert_eq!(checked.refusals[0].code, "rollback_changes_nothing");
        assert!(!checked.ok());
        assert!(check(&ask(false)).ok());
    }

    #[test]
    fn a_gate_pauses_every_batch_unless_told() {
        let gated = |p| check(&Ask { gated: true, ..Ask::new(Template::Image, p, Verb::Start) });
        let checked = gated(image());
        assert_eq!(checked.parameters["batchPauseOption"], "EveryBatchPause");
        assert!(checked.notes[0].starts_with("gated: batchPauseOption EveryBatchPause"));
        let mut first = image();
        first.insert("batchPauseOption".into(), json!("FirstBatchPause"));
        let checked = gated(first);
        assert_eq!(checked.parameters["batchPauseOption"], "FirstBatchPause");
        assert!(checked.notes.is_empty());
        assert!(checked.warnings[0].contains("gated with batchPauseOption FirstBatchPause"));
    }

    #[test]
    fn a_rollback_fills_nothing_and_skips_no_instances() {
        let p = payload(json!({"invokeType": "rollback", "scalingGroupId": "asg-1",
                               "sourceExecutionId": "exec-1", "sourceImageId": "m-old"}));
        let checked = check(&Ask::new(Template::Image, p.clone(), Verb::Rollback));
        assert!(checked.ok(), "{:?}", checked.findings);
        assert!(checked.filled.is_empty(), "a rollback reads the source's process lists");
        let mut empty = group();
        empty.instances.clear();
        let prepared = checked.against(&empty);
        assert!(prepared.ok(), "{:?}", prepared.refusals);
        assert!(prepared.filled.is_empty());
        assert_eq!(prepared.parameters, p);
        let start = check(&Ask::new(Template::Image, p, Verb::Start)).against(&empty);
        assert_eq!(start.refusals[0].code, "no_instances");
    }

    #[test]
    fn a_refusal_after_the_fill_in_reads_as_the_finding_did_in_both_languages() {
        use crate::i18n::Lang;
        let p = payload(json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
                               "batchNumber": "2", "imageId": "m-new"}));
        let finding = validate(Template::Image, &Value::Object(p))
            .findings
            .into_iter()
            .find(|f| f.hint.is_some())
            .expect("a finding with a hint");
        let text = after_fill_in(&finding);
        assert_eq!(text.as_str(), format!("{finding} (after filling in from the group)"));
        let zh = text.render(Lang::ZhCn);
        assert!(zh.starts_with(&finding.localized(Lang::ZhCn)), "{zh}");
        assert!(zh.ends_with("（根据伸缩组填入参数之后）"), "{zh}");
        let checked = check(&Ask::new(Template::Image, image(), Verb::Start));
        let reason = &checked.filled[0].reason;
        assert_eq!(
            reason.as_str(),
            "the template's default, sent explicitly so a rollback finds it"
        );
        assert_eq!(reason.render(Lang::ZhCn), "模板的默认值，显式传入以便回滚时能找到它");
    }
}
