//! Rollback in one command: the parameters that undo an earlier `invoke` execution, derived
//! from that execution, with overrides from flags; the rollback that would undo nothing,
//! refused; and what a rollback puts back and what it cannot, said before it starts.
//!
//! What each template's rollback does is in templates-as-written §3: it runs on the instances
//! of the source's child executions, suspends and resumes the source's process lists, and
//! reads everything else from its own parameters: `image` puts back `sourceImageId` but leaves
//! the scaling configuration's image alone, `command` runs `rollbackScript` as a shell script,
//! `package` applies its own `action` and `packageVersion`.

use serde_json::{Map, Value};

use crate::api::oos::Execution;
use crate::command::{Target, quote};
use crate::i18n::Text;
use crate::preflight::Refusal;
use crate::t;
use crate::template::{InvokeType, Key, PackageAction, Relevance, Template};

/// Values given on the command line that take precedence over the source's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides {
    /// image: the image to restore.
    pub source_image_id: Option<String>,
    /// command: the script that undoes the invoke script.
    pub rollback_script: Option<String>,
    /// package: the package version to go back to.
    pub package_version: Option<String>,
    /// package: install (a version) or uninstall.
    pub action: Option<PackageAction>,
    /// How many batches.
    pub batch_number: Option<u32>,
    /// When to pause.
    pub batch_pause_option: Option<String>,
}

/// Why no rollback can be derived. It reads as its English ([`RollbackError::text`] gives it
/// in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RollbackError {
    /// The execution is not one of the rolling-update templates.
    NotRollingUpdate(String, String),
    /// The execution is itself a rollback.
    IsRollback(String),
    /// The execution has not finished.
    Unfinished(String, String),
    /// A value the rollback needs is neither in the source nor given.
    Missing {
        /// The source execution.
        execution: String,
        /// The parameter.
        key: &'static str,
        /// The flag that gives it.
        flag: &'static str,
    },
}

impl RollbackError {
    /// What went wrong, for a person.
    pub fn text(&self) -> Text {
        match self {
            RollbackError::NotRollingUpdate(id, name) => {
                t!("rollback.error.not_rolling_update", execution = id, template = name)
            }
            RollbackError::IsRollback(id) => t!("rollback.error.is_rollback", execution = id),
            RollbackError::Unfinished(id, status) => {
                t!("rollback.error.unfinished", execution = id, status = status)
            }
            RollbackError::Missing { execution, key, flag } => {
                t!("rollback.error.missing", execution = execution, key = key, flag = flag)
            }
        }
    }
}

crate::display_as_text!(RollbackError);

impl std::error::Error for RollbackError {}

/// The template and parameters that roll back `source`.
pub fn derive(
    source: &Execution,
    overrides: &Overrides,
) -> Result<(Template, Map<String, Value>), RollbackError> {
    let id = source.execution_id.clone();
    let name = source.template_name.clone().unwrap_or_default();
    let template = Template::from_name(&name)
        .map_err(|_| RollbackError::NotRollingUpdate(id.clone(), name.clone()))?;
    let params = source.parameters_object().unwrap_or_default();
    let rollback = InvokeType::Rollback.as_str();
    if params.get(Key::InvokeType.as_str()).and_then(Value::as_str) == Some(rollback) {
        return Err(RollbackError::IsRollback(id));
    }
    if !source.status.is_terminal() {
        return Err(RollbackError::Unfinished(id, source.status.to_string()));
    }
    let mut out = Map::new();
    out.insert(Key::InvokeType.as_str().into(), Value::from(rollback));
    for key in template.keys() {
        let spec = key.spec();
        if matches!(key, Key::InvokeType | Key::SourceExecutionId)
            || spec.relevance(InvokeType::Rollback) == Relevance::Ignored
        {
            continue;
        }
        if let Some(v) = params.get(spec.key) {
            out.insert(spec.key.into(), v.clone());
        }
    }
    out.insert(Key::SourceExecutionId.as_str().into(), Value::from(id.clone()));
    let mut set = |key: Key, value: &Option<String>| {
        if let Some(v) = value {
            out.insert(key.as_str().to_owned(), Value::from(v.clone()));
        }
    };
    set(Key::SourceImageId, &overrides.source_image_id);
    set(Key::RollbackScript, &overrides.rollback_script);
    set(Key::PackageVersion, &overrides.package_version);
    set(Key::Action, &overrides.action.map(|a| a.as_str().to_owned()));
    set(Key::BatchPauseOption, &overrides.batch_pause_option);
    if let Some(n) = overrides.batch_number {
        out.insert(Key::BatchNumber.as_str().into(), Value::from(n));
    }
    // What an invoke records for its rollback (the image or script to put back) must be there.
    for spec in template.params().filter(|s| s.invoke == Relevance::Recorded) {
        let present = out.get(spec.key).and_then(Value::as_str).is_some_and(|s| !s.is_empty());
        if !present {
            return Err(RollbackError::Missing {
                execution: id.clone(),
                key: spec.key,
                flag: spec.flag,
            });
        }
    }
    Ok((template, out))
}

fn text(params: &Map<String, Value>, key: Key) -> Option<&str> {
    params.get(key.as_str()).and_then(Value::as_str)
}

/// A parameter's value, or its default when absent.
fn or_default(params: &Map<String, Value>, key: Key) -> String {
    let default = key.spec().default.to_json();
    params.get(key.as_str()).or(default.as_ref()).and_then(Value::as_str).unwrap_or("").to_owned()
}

/// The package a template's action applies and the version it names, as a person reads it.
fn package_words(params: &Map<String, Value>) -> (PackageAction, Text) {
    let action =
        PackageAction::parse(&or_default(params, Key::Action)).unwrap_or(PackageAction::Install);
    let name = match text(params, Key::PackageName) {
        Some(name) => Text::raw(name.to_owned()),
        None => t!("rollback.package.unnamed"),
    };
    let version = or_default(params, Key::PackageVersion);
    let what = match (action, version.as_str()) {
        (PackageAction::Uninstall, _) => name,
        (PackageAction::Install, "") => t!("rollback.package.latest", name: name),
        (PackageAction::Install, v) => t!("rollback.package.version", name: name, version = v),
    };
    (action, what)
}

/// The action as a verb in a sentence (`install`, `uninstall`).
fn action_verb(action: PackageAction) -> Text {
    match action {
        PackageAction::Install => t!("rollback.action.install"),
        PackageAction::Uninstall => t!("rollback.action.uninstall"),
    }
}

/// Refuses a rollback that would change nothing: a package rollback applies its own action
/// and version, so with the source's own it re-applies the update (templates-as-written §3).
///
/// ```
/// use rolling_update_core::api::oos::Execution;
/// use rolling_update_core::rollback::refusal;
/// use rolling_update_core::template::Template;
/// let params = serde_json::json!({"invokeType": "invoke", "packageName": "app",
///     "packageVersion": "2.0"});
/// let source = Execution { execution_id: "exec-1".into(), parameters: params.clone(),
///     ..Execution::default() };
/// let same = params.as_object().cloned().unwrap();
/// let refused = refusal(Template::Package, &source, &same).unwrap();
/// assert_eq!(refused.code, "rollback_changes_nothing");
/// ```
pub fn refusal(
    template: Template,
    source: &Execution,
    rollback: &Map<String, Value>,
) -> Option<Refusal> {
    refusal_text(template, source, rollback).map(Refusal::into_english)
}

/// [`refusal`] with its message as a [`Text`], for a person reading it in their language.
pub fn refusal_text(
    template: Template,
    source: &Execution,
    rollback: &Map<String, Value>,
) -> Option<Refusal<Text>> {
    if !template.keys().any(|k| k == Key::Action) {
        return None;
    }
    let given = source.parameters_object().unwrap_or_default();
    let same = |key: Key| or_default(&given, key) == or_default(rollback, key);
    if !(same(Key::Action) && same(Key::PackageVersion)) {
        return None;
    }
    let (action, what) = package_words(rollback);
    let instead = match action {
        PackageAction::Install => t!(
            "rollback.refusal.pass_version_or_uninstall",
            version_flag = Key::PackageVersion.spec().flag,
            action_flag = Key::Action.spec().flag,
            uninstall = PackageAction::Uninstall
        ),
        PackageAction::Uninstall => t!(
            "rollback.refusal.pass_install",
            action_flag = Key::Action.spec().flag,
            install = PackageAction::Install,
            version_flag = Key::PackageVersion.spec().flag
        ),
    };
    Some(Refusal {
        code: "rollback_changes_nothing",
        message: t!(
            "rollback.refusal.changes_nothing",
            action: action_verb(action),
            what: what,
            execution = source.execution_id,
            action_key = Key::Action.as_str(),
            version_key = Key::PackageVersion.as_str(),
            instead: instead
        ),
    })
}

/// Refuses `--on-unhealthy rollback` for an update whose own rollback would change nothing: a
/// gate rolls back with the update's own parameters, and a package rollback with the update's
/// own action and version re-applies it (see [`refusal`]).
pub fn refusal_for_gate(
    template: Template,
    parameters: &Map<String, Value>,
) -> Option<Refusal<Text>> {
    if !template.keys().any(|k| k == Key::Action) {
        return None;
    }
    let (action, what) = package_words(parameters);
    Some(Refusal {
        code: "rollback_changes_nothing",
        message: t!(
            "rollback.refusal.gate_changes_nothing",
            action: action_verb(action),
            what: what,
            action_key = Key::Action.as_str(),
            version_key = Key::PackageVersion.as_str(),
            version_flag = Key::PackageVersion.spec().flag,
            action_flag = Key::Action.spec().flag,
            other = match action {
                PackageAction::Install => PackageAction::Uninstall,
                PackageAction::Uninstall => PackageAction::Install,
            }
        ),
    })
}

/// What a rollback will do, said before it starts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Explanation {
    /// What it puts back, and on which instances.
    pub puts_back: Vec<Text>,
    /// What it cannot put back, with what to run for it.
    pub cannot: Vec<Text>,
}

/// Explains the rollback of `source` with `rollback` (its derived parameters) for `template`;
/// `target` is where the commands it names should reach.
pub fn explain(
    template: Template,
    source: &Execution,
    rollback: &Map<String, Value>,
    target: &Target,
) -> Explanation {
    let given = source.parameters_object().unwrap_or_default();
    let mut out = Explanation::default();
    out.puts_back.push(t!("rollback.puts_back.instances", execution = source.execution_id));
    explain_processes(&given, &source.execution_id, &mut out);
    if let Some(image) = text(rollback, Key::SourceImageId) {
        explain_image(image, &given, target, &mut out);
    }
    if let Some(script) = text(rollback, Key::RollbackScript) {
        let lines = script.lines().count();
        out.puts_back.push(t!(
            "rollback.puts_back.script",
            key = Key::RollbackScript.as_str(),
            lines = lines
        ));
    }
    if template.keys().any(|k| k == Key::Action) {
        let (action, what) = package_words(rollback);
        out.puts_back.push(match action {
            PackageAction::Install => t!("rollback.puts_back.package_installed", what: what),
            PackageAction::Uninstall => t!("rollback.puts_back.package_uninstalled", what: what),
        });
        if action == PackageAction::Uninstall {
            out.cannot.push(t!("rollback.cannot.uninstall", execution = source.execution_id));
        }
    }
    out
}

/// The process lists a rollback suspends and resumes are the source's.
fn explain_processes(given: &Map<String, Value>, id: &str, out: &mut Explanation) {
    for key in [Key::EnterProcess, Key::ExitProcess] {
        let suspends = key == Key::EnterProcess;
        match given.get(key.as_str()).and_then(Value::as_array) {
            Some(list) => {
                let names: Vec<&str> = list.iter().filter_map(Value::as_str).collect();
                let names = if names.is_empty() {
                    t!("rollback.puts_back.no_process")
                } else {
                    Text::raw(names.join(","))
                };
                let (key, id) = (key.as_str(), id);
                out.puts_back.push(if suspends {
                    t!("rollback.puts_back.suspends", names: names, key = key, execution = id)
                } else {
                    t!("rollback.puts_back.resumes", names: names, key = key, execution = id)
                });
            }
            None => out.cannot.push(if suspends {
                t!("rollback.cannot.no_enter_process", execution = id, key = key.as_str())
            } else {
                t!("rollback.cannot.no_exit_process", execution = id, key = key.as_str())
            }),
        }
    }
}

/// The image goes back on the instances; the scaling configuration keeps the new one.
fn explain_image(image: &str, given: &Map<String, Value>, target: &Target, out: &mut Explanation) {
    out.puts_back.push(t!("rollback.puts_back.image", image = image));
    let Some(configuration) = text(given, Key::ScalingConfigurationId).filter(|c| !c.is_empty())
    else {
        return;
    };
    let new = match text(given, Key::ImageId) {
        Some(new) => Text::raw(new.to_owned()),
        None => t!("rollback.cannot.the_new_image"),
    };
    let command = format!(
        "aliyun ess ModifyScalingConfiguration {} --ScalingConfigurationId {} --ImageId {}",
        target.options(),
        quote(configuration),
        quote(image)
    );
    out.cannot.push(t!(
        "rollback.cannot.configuration_image",
        configuration = configuration,
        new: new,
        image = image,
        command = command
    ));
}

/// The rolling-update executions of `source`'s group that started after it (newest first, as
/// given): a rollback puts back what `source` replaced, undoing these as well.
pub fn newer_updates<'a>(source: &Execution, executions: &'a [Execution]) -> Vec<&'a Execution> {
    let group = |e: &Execution| {
        e.parameters_object().and_then(|p| {
            p.get(Key::ScalingGroupId.as_str()).and_then(Value::as_str).map(str::to_owned)
        })
    };
    let Some(source_group) = group(source) else {
        return Vec::new();
    };
    let Some(started) = source.start_date.as_deref().or(source.create_date.as_deref()) else {
        return Vec::new();
    };
    executions
        .iter()
        .filter(|e| e.execution_id != source.execution_id)
        .filter(|e| e.template_name.as_deref().is_some_and(|n| Template::from_name(n).is_ok()))
        .filter(|e| group(e).as_deref() == Some(source_group.as_str()))
        .filter(|e| {
            e.start_date.as_deref().or(e.create_date.as_deref()).is_some_and(|d| d > started)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::api::response::Status;
    use crate::validate::validate;

    fn source(template: Template, params: Value, status: Status) -> Execution {
        Execution {
            execution_id: "exec-src".into(),
            template_name: Some(template.name().into()),
            status,
            parameters: params,
            ..Execution::default()
        }
    }

    #[test]
    fn image_rollback_takes_the_source_image_and_validates() {
        let s = source(
            Template::Image,
            json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "imageId": "m-new",
                   "sourceImageId": "m-old", "scalingConfigurationId": "asc-1", "batchNumber": 2}),
            Status::Success,
        );
        let (t, p) = derive(&s, &Overrides::default()).unwrap();
        assert_eq!(t, Template::Image);
        assert_eq!(p["invokeType"], "rollback");
        assert_eq!(p["sourceExecutionId"], "exec-src");
        assert_eq!(p["sourceImageId"], "m-old");
        let v = validate(t, &Value::Object(p));
        assert!(!v.has_errors(), "{:?}", v.findings);
    }

    #[test]
    fn overrides_win_and_missing_values_are_named() {
        let s = source(
            Template::Command,
            json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "invokeScript": "echo"}),
            Status::Failed,
        );
        assert_eq!(
            derive(&s, &Overrides::default()).unwrap_err().to_string(),
            "execution exec-src does not record rollbackScript; pass --rollback-script"
        );
        let o = Overrides { rollback_script: Some("undo".into()), ..Overrides::default() };
        let (_, p) = derive(&s, &o).unwrap();
        assert_eq!(p["rollbackScript"], "undo");
    }

    #[test]
    fn newer_updates_are_later_rolling_updates_of_the_same_group() {
        let at = |id: &str, group: &str, date: &str| Execution {
            execution_id: id.into(),
            template_name: Some(Template::Command.name().into()),
            status: Status::Success,
            parameters: json!({"invokeType": "invoke", "scalingGroupId": group}),
            start_date: Some(date.into()),
            ..Execution::default()
        };
        let src = at("exec-src", "asg-1", "2026-01-01T10:00:00Z");
        let all = [
            at("exec-later", "asg-1", "2026-01-01T11:00:00Z"),
            at("exec-other-group", "asg-2", "2026-01-01T12:00:00Z"),
            at("exec-src", "asg-1", "2026-01-01T10:00:00Z"),
            at("exec-earlier", "asg-1", "2026-01-01T09:00:00Z"),
            Execution {
                template_name: Some("ACS-ECS-Other".into()),
                ..at("exec-x", "asg-1", "2026-01-02T00:00:00Z")
            },
        ];
        let newer: Vec<&str> =
            newer_updates(&src, &all).iter().map(|e| e.execution_id.as_str()).collect();
        assert_eq!(newer, ["exec-later"]);
    }

    #[test]
    fn refuses_running_and_rollback_sources() {
        let running = source(Template::Image, json!({"invokeType": "invoke"}), Status::Running);
        assert!(matches!(
            derive(&running, &Overrides::default()),
            Err(RollbackError::Unfinished(..))
        ));
        let rb = source(Template::Image, json!({"invokeType": "rollback"}), Status::Success);
        assert!(matches!(derive(&rb, &Overrides::default()), Err(RollbackError::IsRollback(_))));
        let other = Execution { template_name: Some("ACS-ECS-Other".into()), ..rb };
        assert!(matches!(
            derive(&other, &Overrides::default()),
            Err(RollbackError::NotRollingUpdate(..))
        ));
    }

    fn package_source(params: Value) -> Execution {
        source(Template::Package, params, Status::Success)
    }

    #[test]
    fn a_package_rollback_needs_another_version_or_action() {
        let s = package_source(json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
                                      "packageName": "app", "packageVersion": "2.0"}));
        let derived = |o: Overrides| derive(&s, &o).unwrap().1;
        let same = derived(Overrides::default());
        let refused = refusal(Template::Package, &s, &same).expect("the same version is refused");
        assert_eq!(refused.code, "rollback_changes_nothing");
        assert!(refused.message.contains("install app version 2.0 again, as exec-src did"));
        assert!(
            refused.message.contains("--package-version")
                && refused.message.contains("--action uninstall")
        );
        // The default action given explicitly is the same action.
        let explicit =
            derived(Overrides { action: Some(PackageAction::Install), ..Overrides::default() });
        assert!(refusal(Template::Package, &s, &explicit).is_some());
        let older =
            derived(Overrides { package_version: Some("1.0".into()), ..Overrides::default() });
        assert_eq!(older["packageVersion"], "1.0");
        assert_eq!(refusal(Template::Package, &s, &older), None);
        let removed =
            derived(Overrides { action: Some(PackageAction::Uninstall), ..Overrides::default() });
        assert_eq!(removed["action"], "uninstall");
        assert_eq!(refusal(Template::Package, &s, &removed), None);
    }

    #[test]
    fn undoing_an_uninstall_needs_install() {
        let s = package_source(json!({"invokeType": "invoke", "packageName": "app",
                                      "action": "uninstall"}));
        let (_, same) = derive(&s, &Overrides::default()).unwrap();
        let refused = refusal(Template::Package, &s, &same).expect("refused");
        assert!(refused.message.contains("would uninstall app again"), "{}", refused.message);
        assert!(refused.message.contains("pass --action install"), "{}", refused.message);
    }

    #[test]
    fn a_gate_cannot_roll_back_a_package_update() {
        let p = json!({"invokeType": "invoke", "packageName": "app", "packageVersion": "2.0"});
        let p = p.as_object().cloned().unwrap();
        let refused = refusal_for_gate(Template::Package, &p).expect("refused");
        assert!(refused.message.contains("install app version 2.0 again"), "{}", refused.message);
        assert!(refused.message.contains("--action uninstall"), "{}", refused.message);
        assert_eq!(refusal_for_gate(Template::Command, &p), None);
    }

    #[test]
    fn other_templates_are_never_refused_as_no_ops() {
        let s = source(
            Template::Image,
            json!({"invokeType": "invoke", "imageId": "m-new", "sourceImageId": "m-old"}),
            Status::Success,
        );
        let (_, p) = derive(&s, &Overrides::default()).unwrap();
        assert_eq!(refusal(Template::Image, &s, &p), None);
    }

    #[test]
    fn an_image_rollback_names_the_configuration_it_leaves_alone() {
        let s = source(
            Template::Image,
            json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "imageId": "m-new",
                   "sourceImageId": "m-old", "scalingConfigurationId": "asc-1",
                   "enterProcess": ["ScaleIn"], "exitProcess": []}),
            Status::Success,
        );
        let (t, p) = derive(&s, &Overrides::default()).unwrap();
        let e = explain(t, &s, &p, &Target::region("cn-hangzhou"));
        assert!(e.puts_back.iter().any(|l| l.contains("replaced with m-old")), "{e:?}");
        assert!(e.puts_back.iter().any(|l| l == "it suspends ScaleIn (enterProcess of exec-src)"));
        assert!(e.puts_back.iter().any(|l| l == "it resumes nothing (exitProcess of exec-src)"));
        assert_eq!(e.cannot.len(), 1, "{e:?}");
        assert!(e.cannot[0].starts_with("scaling configuration asc-1 keeps m-new"), "{e:?}");
        assert!(e.cannot[0].ends_with(
            "aliyun ess ModifyScalingConfiguration --region cn-hangzhou \
             --ScalingConfigurationId asc-1 --ImageId m-old"
        ));
    }

    #[test]
    fn a_source_without_process_lists_is_said() {
        let s = source(
            Template::Command,
            json!({"invokeType": "invoke", "scalingGroupId": "asg-1", "invokeScript": "a",
                   "rollbackScript": "b\nc"}),
            Status::Success,
        );
        let (t, p) = derive(&s, &Overrides::default()).unwrap();
        let e = explain(t, &s, &p, &Target::region("r"));
        assert!(e.puts_back.iter().any(|l| l.contains("runs rollbackScript (2 line(s))")), "{e:?}");
        let missing: Vec<&Text> =
            e.cannot.iter().filter(|l| l.contains("does not record")).collect();
        assert_eq!(missing.len(), 2, "{e:?}");
    }

    #[test]
    fn errors_refusals_and_explanations_read_in_chinese() {
        use crate::i18n::Lang;
        let running = source(Template::Image, json!({"invokeType": "invoke"}), Status::Running);
        let err = derive(&running, &Overrides::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "execution exec-src is still Running; wait for it or cancel it before rolling it back"
        );
        assert_eq!(
            err.text().render(Lang::ZhCn),
            "执行 exec-src 仍处于 Running 状态；请等待它结束或取消它，再进行回滚"
        );
        let rb = source(Template::Image, json!({"invokeType": "rollback"}), Status::Success);
        let zh =
            derive(&rb, &Overrides::default()).unwrap_err().text().render(Lang::ZhCn).into_owned();
        assert!(zh.contains("exec-src 本身就是一次回滚"), "{zh}");
        let s = package_source(json!({"invokeType": "invoke", "scalingGroupId": "asg-1",
                                      "packageName": "app", "packageVersion": "2.0"}));
        let (_, same) = derive(&s, &Overrides::default()).unwrap();
        let refused = refusal_text(Template::Package, &s, &same).expect("refused");
        let zh = refused.message.render(Lang::ZhCn);
        assert!(
            zh.contains("再次安装 app 的 2.0 版本") && zh.contains("--package-version"),
            "{zh}"
        );
        assert_eq!(
            refusal(Template::Package, &s, &same).map(|r| r.message),
            Some(refused.message.as_str().to_owned())
        );
        let e = explain(Template::Package, &s, &same, &Target::region("r"));
        let lines: Vec<String> =
            e.puts_back.iter().map(|l| l.render(Lang::ZhCn).into_owned()).collect();
        assert!(
            lines.iter().any(|l| l == "每台实例由 OOS 软件包工具安装 app 的 2.0 版本"),
            "{lines:?}"
        );
        assert!(
            e.puts_back.iter().any(
                |l| l == "each instance gets app version 2.0 installed by the OOS package tool"
            ),
            "{e:?}"
        );
    }
}
