//! Checks before `start`: what would fail is refused, what the user should not have to look up
//! is filled in, and what is surprising is said.
//!
//! The plugin fetches the group, its active scaling configuration (the ECI one for an ECI
//! group), its instances and the rolling-update executions still in progress, and hands them
//! over as [`Facts`].

use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::ess::{
    EciScalingConfiguration, ScalingConfiguration, ScalingGroup, ScalingInstance,
};
use crate::api::oos::Execution;
use crate::i18n::Text;
use crate::t;
use crate::template::{DefaultValue, GroupKind, InvokeType, Key, LifecycleState, Template};

/// What the plugin fetched about the group.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    /// The group, when DescribeScalingGroups found it.
    pub group: Option<ScalingGroup>,
    /// Its active scaling configuration, when it has one (ECS groups).
    pub configuration: Option<ScalingConfiguration>,
    /// Its active ECI scaling configuration with its containers, when it has one (ECI groups).
    pub eci_configuration: Option<EciScalingConfiguration>,
    /// Its instances (every lifecycle state).
    pub instances: Vec<ScalingInstance>,
    /// Rolling-update executions that have not finished (any group; filtered here).
    pub unfinished: Vec<Execution>,
}

/// Why `start` refuses. The message is a [`Text`] for the update's own checks (rendered in
/// the reader's language; JSON carries its English); `String`, the default, is the English
/// alone, as the instance refresh's pre-flight still holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Refusal<M = String> {
    /// A stable code: `group_not_found`, `group_not_active`, `wrong_group_type`,
    /// `no_instances`, `too_many_instances`, `update_in_progress`,
    /// `launch_template_configuration`.
    pub code: &'static str,
    /// What is wrong.
    pub message: M,
}

impl Refusal<Text> {
    /// The same refusal with its message's English alone.
    pub fn into_english(self) -> Refusal {
        Refusal { code: self.code, message: self.message.as_str().to_owned() }
    }
}

/// A value filled in for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Filled {
    /// The parameter key.
    pub key: &'static str,
    /// The value (JSON text for a Json parameter).
    pub value: String,
    /// Where it came from.
    pub reason: Text,
}

/// The outcome.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Preflight {
    /// Reasons not to start; empty when it may start.
    pub refusals: Vec<Refusal<Text>>,
    /// Things worth knowing.
    pub warnings: Vec<Text>,
    /// Values filled in.
    pub filled: Vec<Filled>,
    /// How many instances the update will take (those in the chosen lifecycle states).
    pub selected_instances: usize,
    /// The parameters with the filled values.
    #[serde(skip)]
    pub parameters: Map<String, Value>,
}

impl Preflight {
    /// Whether the update may start.
    pub fn ok(&self) -> bool {
        self.refusals.is_empty()
    }

    fn refuse(&mut self, code: &'static str, message: Text) {
        self.refusals.push(Refusal { code, message });
    }

    fn fill(&mut self, key: Key, value: Value, reason: Text) {
        let shown = value.as_str().map_or_else(|| value.to_string(), str::to_owned);
        self.parameters.insert(key.as_str().to_owned(), value);
        self.filled.push(Filled { key: key.as_str(), value: shown, reason });
    }
}

fn text(params: &Map<String, Value>, key: Key) -> Option<&str> {
    params.get(key.as_str()).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The lifecycle states the update selects: `lifecycleState`, or the template's default (the
/// templates without the parameter select InService instances).
pub fn lifecycle_states(template: Template, params: &Map<String, Value>) -> Vec<String> {
    let key = Key::LifecycleState.as_str();
    if let (Some(_), Some(Value::Array(items))) = (template.key(key), params.get(key)) {
        return items.iter().filter_map(Value::as_str).map(str::to_owned).collect();
    }
    match template.param(key).map(|p| p.default) {
        Some(DefaultValue::List(items)) => items.iter().map(|s| (*s).to_owned()).collect(),
        _ => vec![LifecycleState::InService.as_str().to_owned()],
    }
}

/// Checks `params` (already validated) for `template` against `facts`.
pub fn check(template: Template, params: &Map<String, Value>, facts: &Facts) -> Preflight {
    let mut out = Preflight { parameters: params.clone(), ..Preflight::default() };
    let group_id = text(params, Key::ScalingGroupId).unwrap_or_default().to_owned();
    let Some(group) = &facts.group else {
        out.refuse("group_not_found", t!("preflight.refusal.group_not_found", group = group_id));
        return out;
    };
    check_group(&mut out, template, group, &group_id);
    let selected = check_instances(&mut out, template, params, facts, &group_id);
    check_unfinished(&mut out, facts, &group_id);
    if let Some(n) = params.get(Key::BatchNumber.as_str()).and_then(Value::as_u64)
        && selected > 0
        && n as usize > selected
    {
        out.warnings.push(t!("preflight.warning.batches_of_one", n = n, selected = selected));
    }
    let invoke = text(params, Key::InvokeType) == Some(InvokeType::Invoke.as_str());
    match template {
        Template::Image => check_image(&mut out, group, facts, invoke, &group_id),
        Template::Container if invoke => fill_container_fields(&mut out, group, facts),
        _ => {}
    }
    if let (true, Some(hook)) = (invoke, template.lifecycle_hook()) {
        out.warnings.push(t!(
            "preflight.warning.lifecycle_hook",
            template = template.short_name(),
            hook = hook,
            group = group_id
        ));
    }
    out
}

/// The group must be Active and of the kind the template updates.
fn check_group(out: &mut Preflight, template: Template, group: &ScalingGroup, group_id: &str) {
    let state = group.lifecycle_state.as_deref().unwrap_or("");
    if !state.is_empty() && state != "Active" {
        out.refuse(
            "group_not_active",
            t!("preflight.refusal.group_not_active", group = group_id, state = state),
        );
    }
    let (has, wants) = (group.kind(), template.group_kind());
    if has != wants {
        let instead = match wants {
            GroupKind::Eci => t!("preflight.refusal.wrong_group_type.eci_only"),
            GroupKind::Ecs => t!("preflight.refusal.wrong_group_type.ecs_only"),
        };
        out.refuse(
            "wrong_group_type",
            t!(
                "preflight.refusal.wrong_group_type",
                group = group_id,
                kind = has.as_str(),
                template = template.short_name(),
                instead: instead
            ),
        );
    }
}

/// The instances the update selects; refuses none, and more than a loop takes.
fn check_instances(
    out: &mut Preflight,
    template: Template,
    params: &Map<String, Value>,
    facts: &Facts,
    group_id: &str,
) -> usize {
    let states = lifecycle_states(template, params);
    let selected = facts
        .instances
        .iter()
        .filter(|i| i.lifecycle_state.as_deref().is_some_and(|s| states.iter().any(|w| w == s)))
        .count();
    out.selected_instances = selected;
    if selected == 0 {
        out.refuse(
            "no_instances",
            t!("preflight.refusal.no_instances", group = group_id, states = states.join(", ")),
        );
    }
    if let Some(over) = crate::limits::check_loop_items(selected) {
        out.refuse("too_many_instances", over.message);
    }
    selected
}

/// Another rolling update of the same group that has not finished.
fn check_unfinished(out: &mut Preflight, facts: &Facts, group_id: &str) {
    for e in &facts.unfinished {
        let same_group = e
            .parameters_object()
            .and_then(|p| {
                p.get(Key::ScalingGroupId.as_str()).and_then(Value::as_str).map(str::to_owned)
            })
            .is_some_and(|g| g == group_id);
        let rolling = e.template_name.as_deref().is_some_and(|n| Template::from_name(n).is_ok());
        if same_group && rolling && !e.status.is_terminal() {
            out.refuse(
                "update_in_progress",
                t!(
                    "preflight.refusal.update_in_progress",
                    execution = e.execution_id,
                    status = e.status,
                    group = group_id
                ),
            );
        }
    }
}

/// The image template: a launch template's group keeps its image; otherwise fill in the
/// configuration and the image to restore.
fn check_image(
    out: &mut Preflight,
    group: &ScalingGroup,
    facts: &Facts,
    invoke: bool,
    group_id: &str,
) {
    let launch_template = group.launch_template_id.as_deref().filter(|s| !s.is_empty());
    if let Some(lt) = launch_template {
        if let Some(given) = text(&out.parameters, Key::ScalingConfigurationId).map(str::to_owned) {
            out.refuse(
                "launch_template_configuration",
                t!(
                    "preflight.refusal.launch_template_configuration",
                    group = group_id,
                    launch_template = lt,
                    given = given
                ),
            );
        }
        if invoke {
            out.warnings.push(t!(
                "preflight.warning.launch_template_image",
                group = group_id,
                launch_template = lt
            ));
        }
    } else if invoke {
        fill_image_fields(out, group, facts.configuration.as_ref());
    }
    if invoke
        && let (Some(new), Some(old)) =
            (text(&out.parameters, Key::ImageId), text(&out.parameters, Key::SourceImageId))
        && new == old
    {
        out.warnings.push(t!("preflight.warning.same_image", image = new));
    }
}

/// The refusals a rollback shares with `start`: the group must exist, be Active and have no
/// other update running or waiting. A rollback selects its instances from the source
/// execution, not by lifecycle state, so `no_instances` does not apply, and it fills nothing.
pub fn check_rollback(template: Template, params: &Map<String, Value>, facts: &Facts) -> Preflight {
    let mut out = check(template, params, facts);
    out.refusals.retain(|r| {
        matches!(
            r.code,
            "group_not_found" | "group_not_active" | "wrong_group_type" | "update_in_progress"
        )
    });
    out.filled.clear();
    out.parameters = params.clone();
    out
}

/// The required keys that `start`'s pre-flight fills in from the group when they are not given
/// (so their absence is not yet an error when the payload is judged alone): the container
/// template's ECI scaling configuration.
pub fn fills_from_group(template: Template) -> &'static [Key] {
    match template {
        Template::Container => &[Key::EciScalingConfigurationId],
        _ => &[],
    }
}

/// The container template: the ECI configuration to change, when not given, and the containers
/// a rollback puts back (the configuration's current ones), when not given.
fn fill_container_fields(out: &mut Preflight, group: &ScalingGroup, facts: &Facts) {
    let active = group.active_scaling_configuration_id.as_deref().filter(|s| !s.is_empty());
    if text(&out.parameters, Key::EciScalingConfigurationId).is_none()
        && let Some(id) = active
    {
        out.fill(
            Key::EciScalingConfigurationId,
            Value::from(id),
            t!("preflight.filled.eci_configuration"),
        );
    }
    let key = Key::SourceContainerConfigure.as_str();
    let given = out.parameters.get(key).is_some_and(|v| match v {
        Value::Array(items) => !items.is_empty(),
        Value::Object(map) => !map.is_empty(),
        _ => true,
    });
    if given {
        return;
    }
    let wanted = text(&out.parameters, Key::EciScalingConfigurationId).map(str::to_owned);
    let config = facts
        .eci_configuration
        .as_ref()
        .filter(|c| Some(c.scaling_configuration_id.as_str()) == wanted.as_deref())
        .filter(|c| !c.containers.is_empty());
    match config {
        Some(c) => out.fill(
            Key::SourceContainerConfigure,
            Value::Array(c.containers.clone()),
            t!("preflight.filled.source_containers", configuration = c.scaling_configuration_id),
        ),
        None => out.warnings.push(t!("preflight.warning.no_source_containers")),
    }
}

fn fill_image_fields(
    out: &mut Preflight,
    group: &ScalingGroup,
    config: Option<&ScalingConfiguration>,
) {
    let active = group.active_scaling_configuration_id.as_deref().filter(|s| !s.is_empty());
    if text(&out.parameters, Key::ScalingConfigurationId).is_none()
        && let Some(id) = active
    {
        out.fill(
            Key::ScalingConfigurationId,
            Value::from(id),
            t!("preflight.filled.scaling_configuration"),
        );
    }
    let wanted = text(&out.parameters, Key::ScalingConfigurationId).map(str::to_owned);
    let config = config
        .filter(|c| Some(c.scaling_configuration_id.as_str()) == wanted.as_deref().or(active));
    if text(&out.parameters, Key::SourceImageId).is_none() {
        if let Some((image, id)) = config.and_then(|c| {
            c.image_id.as_deref().map(|i| (i.to_owned(), c.scaling_configuration_id.clone()))
        }) {
            out.fill(
                Key::SourceImageId,
                Value::from(image),
                t!("preflight.filled.source_image", configuration = id),
            );
        } else {
            out.warnings.push(t!("preflight.warning.no_source_image"));
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::response::Status;

    fn facts(state: &str, lt: Option<&str>, instances: &[(&str, &str)]) -> Facts {
        Facts {
            group: Some(ScalingGroup {
                scaling_group_id: "asg-1".into(),
                lifecycle_state: Some(state.into()),
                active_scaling_configuration_id: lt.is_none().then(|| "asc-1".into()),
                launch_template_id: lt.map(str::to_owned),
                ..ScalingGroup::default()
            }),
            configuration: lt.is_none().then(|| ScalingConfiguration {
                scaling_configuration_id: "asc-1".into(),
                image_id: Some("m-old".into()),
                ..ScalingConfiguration::default()
            }),
            instances: instances
                .iter()
                .map(|(id, s)| ScalingInstance {
                    instance_id: (*id).into(),
                    lifecycle_state: Some((*s).into()),
                    ..ScalingInstance::default()
                })
                .collect(),
            unfinished: Vec::new(),
            eci_configuration: None,
        }
    }

    fn params(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    fn image() -> Map<String, Value> {
        params(json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "imageId": "m-new"}))
    }

    #[test]
    fn fills_the_image_fields_from_the_active_configuration() {
        let p = check(Template::Image, &image(), &facts("Active", None, &[("i-1", "InService")]));
        assert!(p.ok(), "{:?}", p.refusals);
        assert_eq!(p.parameters["scalingConfigurationId"], "asc-1");
        assert_eq!(p.parameters["sourceImageId"], "m-old");
        assert_eq!(p.filled.len(), 2);
    }

    #[test]
    fn given_values_are_kept() {
        let mut given = image();
        given.insert("sourceImageId".into(), json!("m-mine"));
        let p = check(Template::Image, &given, &facts("Active", None, &[("i-1", "InService")]));
        assert_eq!(p.parameters["sourceImageId"], "m-mine");
        assert_eq!(p.filled.len(), 1);
    }

    #[test]
    fn refusals() {
        let missing = Facts::default();
        assert_eq!(check(Template::Image, &image(), &missing).refusals[0].code, "group_not_found");
        let inactive = facts("Inactive", None, &[("i-1", "InService")]);
        assert_eq!(
            check(Template::Image, &image(), &inactive).refusals[0].code,
            "group_not_active"
        );
        let standby_only = facts("Active", None, &[("i-1", "Standby")]);
        assert_eq!(
            check(Template::Image, &image(), &standby_only).refusals[0].code,
            "no_instances"
        );
        let mut busy = facts("Active", None, &[("i-1", "InService")]);
        busy.unfinished.push(Execution {
            execution_id: "exec-busy".into(),
            status: Status::Waiting,
            template_name: Some(Template::Command.name().into()),
            parameters: json!({"scalingGroupId": "asg-1"}),
            ..Execution::default()
        });
        let p = check(Template::Image, &image(), &busy);
        assert_eq!(p.refusals[0].code, "update_in_progress");
        assert!(p.refusals[0].message.contains("exec-busy"));
        let mut lt_given = image();
        lt_given.insert("scalingConfigurationId".into(), json!("asc-x"));
        let lt = facts("Active", Some("lt-1"), &[("i-1", "InService")]);
        assert_eq!(
            check(Template::Image, &lt_given, &lt).refusals[0].code,
            "launch_template_configuration"
        );
    }

    #[test]
    fn warnings() {
        let lt = facts("Active", Some("lt-1"), &[("i-1", "InService")]);
        let p = check(Template::Image, &image(), &lt);
        assert!(p.ok());
        assert!(p.parameters.get("scalingConfigurationId").is_none());
        assert!(p.warnings.iter().any(|w| w.contains("launch template")));
        let mut many = image();
        many.insert("batchNumber".into(), json!(5));
        let p = check(
            Template::Image,
            &many,
            &facts("Active", None, &[("i-1", "InService"), ("i-2", "InService")]),
        );
        assert!(p.warnings.iter().any(|w| w.contains("batchNumber 5 exceeds")));
        let protected = params(
            json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "lifecycleState": ["Protected"]}),
        );
        let p =
            check(Template::Command, &protected, &facts("Active", None, &[("i-1", "Protected")]));
        assert_eq!(p.selected_instances, 1);
    }

    fn eci_facts() -> Facts {
        let mut f = facts("Active", None, &[("eci-1", "InService")]);
        if let Some(g) = f.group.as_mut() {
            g.group_type = Some("ECI".into());
        }
        f.configuration = None;
        f.eci_configuration = Some(EciScalingConfiguration {
            scaling_configuration_id: "asc-1".into(),
            containers: vec![json!({"Name": "web", "Image": "registry/web:1", "Cpu": 0.5})],
            ..EciScalingConfiguration::default()
        });
        f
    }

    fn container() -> Map<String, Value> {
        params(json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
                      "containerConfigure": [{"Name": "web", "Image": "registry/web:2"}]}))
    }

    #[test]
    fn each_template_is_refused_on_the_other_kind_of_group() {
        let ecs = facts("Active", None, &[("i-1", "InService")]);
        let p = check(Template::Container, &container(), &ecs);
        assert_eq!(p.refusals[0].code, "wrong_group_type");
        assert!(p.refusals[0].message.contains("ECS group"), "{}", p.refusals[0].message);
        let p = check(Template::Image, &image(), &eci_facts());
        assert_eq!(p.refusals[0].code, "wrong_group_type");
        assert!(p.refusals[0].message.contains("--template container"));
        let rollback = check_rollback(Template::Command, &image(), &eci_facts());
        assert_eq!(rollback.refusals[0].code, "wrong_group_type");
    }

    #[test]
    fn a_container_update_fills_the_configuration_and_the_containers_to_restore() {
        let p = check(Template::Container, &container(), &eci_facts());
        assert!(p.ok(), "{:?}", p.refusals);
        assert_eq!(p.parameters["scalingConfigurationId"], "asc-1");
        assert_eq!(p.parameters["sourceContainerConfigure"][0]["Image"], "registry/web:1");
        assert_eq!(p.filled.len(), 2);
        let mut given = container();
        given.insert("sourceContainerConfigure".into(), json!([{"Name": "a", "Image": "b"}]));
        let p = check(Template::Container, &given, &eci_facts());
        assert_eq!(p.parameters["sourceContainerConfigure"][0]["Name"], "a");
        let mut unknown = eci_facts();
        unknown.eci_configuration = None;
        let p = check(Template::Container, &container(), &unknown);
        assert!(p.warnings.iter().any(|w| w.contains("--source-container-configure")));
    }

    #[test]
    fn the_file_templates_say_they_install_a_lifecycle_hook() {
        let p = params(json!({"invokeType": "invoke", "scalingGroupId": "asg-1"}));
        let ecs = facts("Active", None, &[("i-1", "InService")]);
        for template in [Template::File, Template::OssFile] {
            let hook = template.lifecycle_hook().expect("a hook");
            let out = check(template, &p, &ecs);
            assert!(out.warnings.iter().any(|w| w.contains(hook)), "{template}");
        }
        assert!(check(Template::Command, &p, &ecs).warnings.iter().all(|w| !w.contains("hook")));
    }

    #[test]
    fn a_rollback_shares_only_the_group_refusals_of_start() {
        let params = json!({"invokeType": "rollback", "scalingGroupId": "asg-1",
                            "sourceExecutionId": "exec-1", "lifecycleState": ["Protected"]})
        .as_object()
        .cloned()
        .unwrap();
        // No Protected instance: start would refuse `no_instances`; a rollback does not.
        let ok =
            check_rollback(Template::Image, &params, &facts("Active", None, &[("i-1", "Standby")]));
        assert!(ok.ok(), "{:?}", ok.refusals);
        assert!(ok.filled.is_empty());
        let inactive = check_rollback(Template::Image, &params, &facts("Inactive", None, &[]));
        assert_eq!(inactive.refusals[0].code, "group_not_active");
        let missing = check_rollback(Template::Image, &params, &Facts::default());
        assert_eq!(missing.refusals[0].code, "group_not_found");
    }

    #[test]
    fn refusals_and_fill_ins_read_in_chinese_and_keep_their_english() {
        use crate::i18n::Lang;
        let missing = check(Template::Image, &image(), &Facts::default());
        let refusal = &missing.refusals[0].message;
        assert_eq!(
            refusal.as_str(),
            "scaling group asg-1 was not found in this region; check the id and --region"
        );
        assert_eq!(refusal.render(Lang::ZhCn), "在此地域找不到伸缩组 asg-1；请检查 ID 和 --region");
        let wrong = check(Template::Image, &image(), &eci_facts());
        let zh = wrong.refusals[0].message.render(Lang::ZhCn);
        assert!(
            zh.contains("伸缩组 asg-1 是 ECI 类型") && zh.contains("--template container"),
            "{zh}"
        );
        let json = serde_json::to_value(&wrong.refusals[0]).unwrap();
        assert!(json["message"].as_str().unwrap().contains("for an ECI group use"), "{json}");
        let filled =
            check(Template::Image, &image(), &facts("Active", None, &[("i-1", "InService")]));
        let reason = &filled.filled[1].reason;
        assert_eq!(
            reason.as_str(),
            "the current image of scaling configuration asc-1, so a rollback restores it"
        );
        assert_eq!(reason.render(Lang::ZhCn), "伸缩配置 asc-1 当前的镜像，以便回滚时恢复它");
        assert_eq!(missing.refusals[0].clone().into_english().message, refusal.as_str());
    }
}
