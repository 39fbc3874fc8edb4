//! One test per validation rule: each asserts the code, severity and JSON Pointer.

use serde_json::{Value, json};

use super::*;
use crate::template::DefaultValue;

fn image_invoke() -> Value {
    json!({
        "invokeType": "invoke",
        "scalingGroupId": "asg-bp18p2yfxow2dloqabcd",
        "imageId": "aliyun_3_x64_20G_alibase_20250101.vhd",
        "batchNumber": 2,
    })
}

fn with(mut base: Value, key: &str, value: Value) -> Value {
    base[key] = value;
    base
}

fn without(mut base: Value, key: &str) -> Value {
    if let Some(map) = base.as_object_mut() {
        map.remove(key);
    }
    base
}

/// The findings with `code`, as (severity, pointer) pairs.
fn found(template: Template, payload: &Value, code: Code) -> Vec<(Severity, String)> {
    validate(template, payload)
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .map(|f| (f.severity, f.pointer.into_owned()))
        .collect()
}

fn error_at(pointer: &str) -> Vec<(Severity, String)> {
    vec![(Severity::Error, pointer.to_owned())]
}

fn warning_at(pointer: &str) -> Vec<(Severity, String)> {
    vec![(Severity::Warning, pointer.to_owned())]
}

#[test]
fn a_clean_payload_has_no_findings_and_yields_typed_params() {
    let checked = validate(Template::Image, &image_invoke());
    assert_eq!(checked.findings, vec![]);
    let params = checked.params.expect("typed params");
    assert_eq!(params.template(), Template::Image);
    assert_eq!(params.to_json(), image_invoke());
}

#[test]
fn not_an_object() {
    assert_eq!(found(Template::Image, &json!([1, 2]), Code::NotAnObject), error_at(""));
    let checked = validate_str(Template::Image, "{\"invokeType\": \"invoke\",,}");
    assert_eq!(checked.findings[0].code, Code::NotAnObject);
    assert!(checked.findings[0].message.contains("line 1"), "{}", checked.findings[0].message);
}

#[test]
fn unknown_key_suggests_the_right_spelling() {
    let payload = with(image_invoke(), "scalingGroupID", json!("asg-x1"));
    let checked = validate(Template::Image, &payload);
    let finding = checked.findings.iter().find(|f| f.code == Code::UnknownKey).expect("finding");
    assert_eq!((finding.severity, finding.pointer.as_ref()), (Severity::Error, "/scalingGroupID"));
    assert!(finding.hint.as_deref().unwrap_or("").contains("did you mean `scalingGroupId`"));

    let typo = with(image_invoke(), "batchNumbr", json!(2));
    let finding = validate(Template::Image, &typo).findings.remove(0);
    assert_eq!(finding.hint.as_deref(), Some("did you mean `batchNumber`?"));
}

#[test]
fn unknown_key_of_another_template_names_its_owner() {
    let payload = with(image_invoke(), "invokeScript", json!("echo hi"));
    let finding = validate(Template::Image, &payload).findings.remove(0);
    assert_eq!(finding.code, Code::UnknownKey);
    assert!(finding.hint.as_deref().unwrap_or("").contains("command template"));
}

#[test]
fn unknown_key_pointer_is_escaped() {
    let payload = with(image_invoke(), "a/b~c", json!(1));
    assert_eq!(found(Template::Image, &payload, Code::UnknownKey), error_at("/a~1b~0c"));
}

#[test]
fn wrong_type_of_a_string() {
    let payload = with(image_invoke(), "imageId", json!(42));
    assert_eq!(found(Template::Image, &payload, Code::WrongType), error_at("/imageId"));
}

#[test]
fn wrong_type_of_a_number_written_as_a_string() {
    let payload = with(image_invoke(), "batchNumber", json!("2"));
    let checked = validate(Template::Image, &payload);
    assert_eq!(found(Template::Image, &payload, Code::WrongType), error_at("/batchNumber"));
    let hint = checked.findings[0].hint.clone().unwrap_or_default();
    assert!(hint.contains("without quotes"), "{hint}");
}

#[test]
fn wrong_type_of_a_fraction() {
    let payload = with(image_invoke(), "batchNumber", json!(2.5));
    assert_eq!(found(Template::Image, &payload, Code::WrongType), error_at("/batchNumber"));
}

#[test]
fn a_whole_number_written_with_a_fraction_is_an_integer() {
    let payload = with(image_invoke(), "batchNumber", json!(2.0));
    let checked = validate(Template::Image, &payload);
    assert!(!checked.has_errors(), "{:?}", checked.findings);
    assert_eq!(checked.params.expect("params").common().batch_number, Some(2));
}

#[test]
fn wrong_type_of_a_list_given_as_a_string() {
    let payload = with(image_invoke(), "lifecycleState", json!("InService"));
    assert_eq!(found(Template::Image, &payload, Code::WrongType), error_at("/lifecycleState"));
}

#[test]
fn wrong_type_of_a_list_item() {
    let payload = with(image_invoke(), "enterProcess", json!(["ScaleIn", 3]));
    assert_eq!(found(Template::Image, &payload, Code::WrongType), error_at("/enterProcess/1"));
}

#[test]
fn wrong_type_of_schema_key() {
    let payload = with(image_invoke(), "$schema", json!(7));
    assert_eq!(found(Template::Image, &payload, Code::WrongType), error_at("/$schema"));
    let fine = with(image_invoke(), "$schema", json!("./schemas/x.schema.json"));
    let checked = validate(Template::Image, &fine);
    assert_eq!(checked.findings, vec![]);
    // `$schema` is for editors only: it never reaches OOS.
    assert_eq!(checked.params.expect("params").to_json().get("$schema"), None);
}

#[test]
fn not_allowed_value_is_case_sensitive_with_suggestion() {
    let payload = with(image_invoke(), "batchPauseOption", json!("firstBatchPause"));
    let checked = validate(Template::Image, &payload);
    assert_eq!(found(Template::Image, &payload, Code::NotAllowed), error_at("/batchPauseOption"));
    let hint = checked.findings[0].hint.clone().unwrap_or_default();
    assert!(hint.contains("did you mean `FirstBatchPause`"), "{hint}");
}

#[test]
fn not_allowed_invoke_type() {
    let payload = with(image_invoke(), "invokeType", json!("Invoke"));
    assert_eq!(found(Template::Image, &payload, Code::NotAllowed), error_at("/invokeType"));
}

#[test]
fn not_allowed_list_item() {
    let payload = with(image_invoke(), "exitProcess", json!(["ScaleIn", "Scalein", "Foo"]));
    assert_eq!(
        found(Template::Image, &payload, Code::NotAllowed),
        vec![
            (Severity::Error, "/exitProcess/1".to_owned()),
            (Severity::Error, "/exitProcess/2".to_owned())
        ]
    );
}

#[test]
fn not_allowed_command_type_and_action() {
    let command = json!({"invokeType": "invoke", "scalingGroupId": "asg-a1",
        "invokeScript": "echo", "commandType": "RunBash"});
    assert_eq!(found(Template::Command, &command, Code::NotAllowed), error_at("/commandType"));
    let package = json!({"invokeType": "invoke", "scalingGroupId": "asg-a1",
        "packageName": "nginx", "action": "remove"});
    assert_eq!(found(Template::Package, &package, Code::NotAllowed), error_at("/action"));
}

#[test]
fn batch_number_out_of_range() {
    for bad in [json!(0), json!(101), json!(-1)] {
        let payload = with(image_invoke(), "batchNumber", bad.clone());
        assert_eq!(found(Template::Image, &payload, Code::OutOfRange), error_at("/batchNumber"));
    }
    for good in [json!(1), json!(100)] {
        let payload = with(image_invoke(), "batchNumber", good);
        assert_eq!(found(Template::Image, &payload, Code::OutOfRange), vec![]);
    }
}

#[test]
fn negative_max_errors() {
    let payload = with(image_invoke(), "maxErrors", json!(-1));
    assert_eq!(found(Template::Image, &payload, Code::OutOfRange), error_at("/maxErrors"));
    let fine = with(image_invoke(), "maxErrors", json!(3));
    assert!(!validate(Template::Image, &fine).has_errors());
}

#[test]
fn missing_invoke_type_and_scaling_group() {
    let payload = json!({"imageId": "img"});
    assert_eq!(
        found(Template::Image, &payload, Code::MissingRequired),
        vec![
            (Severity::Error, "/invokeType".to_owned()),
            (Severity::Error, "/scalingGroupId".to_owned())
        ]
    );
}

#[test]
fn rollback_without_source_execution_id() {
    let payload = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceImageId": "old.vhd"});
    assert_eq!(
        found(Template::Image, &payload, Code::MissingRequired),
        error_at("/sourceExecutionId")
    );
}

#[test]
fn image_invoke_without_image_id() {
    let payload = without(image_invoke(), "imageId");
    assert_eq!(found(Template::Image, &payload, Code::MissingRequired), error_at("/imageId"));
}

#[test]
fn image_rollback_without_source_image_id() {
    let payload = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceExecutionId": "exec-1"});
    assert_eq!(found(Template::Image, &payload, Code::MissingRequired), error_at("/sourceImageId"));
}

#[test]
fn command_invoke_without_invoke_script() {
    let payload = json!({"invokeType": "invoke", "scalingGroupId": "asg-a1"});
    assert_eq!(
        found(Template::Command, &payload, Code::MissingRequired),
        error_at("/invokeScript")
    );
}

#[test]
fn command_rollback_without_rollback_script() {
    let payload = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceExecutionId": "exec-1"});
    assert_eq!(
        found(Template::Command, &payload, Code::MissingRequired),
        error_at("/rollbackScript")
    );
}

#[test]
fn package_without_package_name_in_either_mode() {
    for mode in ["invoke", "rollback"] {
        let payload = json!({"invokeType": mode, "scalingGroupId": "asg-a1",
            "sourceExecutionId": "exec-1"});
        assert_eq!(
            found(Template::Package, &payload, Code::MissingRequired),
            error_at("/packageName")
        );
    }
}

#[test]
fn empty_required_values() {
    let payload = with(image_invoke(), "imageId", json!(""));
    assert_eq!(found(Template::Image, &payload, Code::EmptyValue), error_at("/imageId"));
    let group = with(image_invoke(), "scalingGroupId", json!(""));
    assert_eq!(found(Template::Image, &group, Code::EmptyValue), error_at("/scalingGroupId"));
    let rollback = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceExecutionId": "", "rollbackScript": "echo"});
    assert_eq!(
        found(Template::Command, &rollback, Code::EmptyValue),
        error_at("/sourceExecutionId")
    );
}

#[test]
fn empty_value_allowed_where_the_mode_ignores_it() {
    let payload = with(image_invoke(), "sourceExecutionId", json!(""));
    assert_eq!(validate(Template::Image, &payload).findings, vec![]);
}

#[test]
fn id_prefixes() {
    let group = with(image_invoke(), "scalingGroupId", json!("sg-123"));
    assert_eq!(found(Template::Image, &group, Code::BadId), error_at("/scalingGroupId"));
    let config = with(image_invoke(), "scalingConfigurationId", json!("asg-123"));
    assert_eq!(found(Template::Image, &config, Code::BadId), error_at("/scalingConfigurationId"));
    let exec = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceImageId": "old", "sourceExecutionId": "ex-1"});
    assert_eq!(found(Template::Image, &exec, Code::BadId), error_at("/sourceExecutionId"));
    let blank = with(image_invoke(), "scalingGroupId", json!("asg-abc "));
    assert_eq!(found(Template::Image, &blank, Code::BadId), error_at("/scalingGroupId"));
    let bare = with(image_invoke(), "scalingGroupId", json!("asg-"));
    assert_eq!(found(Template::Image, &bare, Code::BadId), error_at("/scalingGroupId"));
}

#[test]
fn ignored_in_mode_warns() {
    let rollback = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceExecutionId": "exec-1", "sourceImageId": "old",
        "enterProcess": ["ScaleIn"], "scalingConfigurationId": "asc-1"});
    assert_eq!(
        found(Template::Image, &rollback, Code::IgnoredInMode),
        vec![
            (Severity::Warning, "/scalingConfigurationId".to_owned()),
            (Severity::Warning, "/enterProcess".to_owned())
        ]
    );
    let invoke = with(image_invoke(), "sourceExecutionId", json!("exec-1"));
    assert_eq!(
        found(Template::Image, &invoke, Code::IgnoredInMode),
        warning_at("/sourceExecutionId")
    );
}

#[test]
fn recorded_rollback_values_do_not_warn_at_invoke() {
    let payload = with(image_invoke(), "sourceImageId", json!("old.vhd"));
    assert_eq!(validate(Template::Image, &payload).findings, vec![]);
}

#[test]
fn masked_example_ids_warn() {
    let payload = with(image_invoke(), "scalingGroupId", json!("asg-bp18p2yfxow2dloq****"));
    assert_eq!(found(Template::Image, &payload, Code::MaskedId), warning_at("/scalingGroupId"));
    assert!(!validate(Template::Image, &payload).has_errors());
}

#[test]
fn image_rollback_caveat() {
    let payload = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceExecutionId": "exec-1", "sourceImageId": "old"});
    assert_eq!(
        found(Template::Image, &payload, Code::RollbackKeepsConfigurationImage),
        warning_at("/invokeType")
    );
}

#[test]
fn command_rollback_caveat() {
    let payload = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1",
        "sourceExecutionId": "exec-1", "rollbackScript": "echo", "commandType": "RunPowerShellScript"});
    let checked = validate(Template::Command, &payload);
    assert_eq!(
        found(Template::Command, &payload, Code::RollbackRunsShellScript),
        warning_at("/commandType")
    );
    assert!(checked.findings.iter().all(|f| f.code != Code::IgnoredInMode));
    let plain = without(payload, "commandType");
    assert_eq!(
        found(Template::Command, &plain, Code::RollbackRunsShellScript),
        warning_at("/invokeType")
    );
}

#[test]
fn single_batch_warns() {
    let payload = with(image_invoke(), "batchNumber", json!(1));
    assert_eq!(found(Template::Image, &payload, Code::SingleBatch), warning_at("/batchNumber"));
}

#[test]
fn process_left_suspended_warns() {
    let payload = with(image_invoke(), "exitProcess", json!(["ScaleIn", "ScaleOut"]));
    assert_eq!(
        found(Template::Image, &payload, Code::ProcessLeftSuspended),
        warning_at("/exitProcess")
    );
}

#[test]
fn duplicate_item_warns() {
    let payload = with(image_invoke(), "lifecycleState", json!(["InService", "InService"]));
    assert_eq!(
        found(Template::Image, &payload, Code::DuplicateItem),
        warning_at("/lifecycleState/1")
    );
}

#[test]
fn empty_lifecycle_state_warns() {
    let payload = with(image_invoke(), "lifecycleState", json!([]));
    assert_eq!(found(Template::Image, &payload, Code::EmptyList), warning_at("/lifecycleState"));
}

#[test]
fn every_finding_at_once() {
    let payload = json!({"invokeType": "rollback", "scalingGroupID": "x", "batchNumber": 0,
        "maxErrors": -2, "batchPauseOption": "never"});
    let checked = validate(Template::Image, &payload);
    let codes: Vec<&str> = checked.errors().map(|f| f.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "unknown_key",
            "out_of_range",
            "out_of_range",
            "not_allowed",
            "missing_required",
            "missing_required",
            "missing_required"
        ]
    );
    assert!(checked.params.is_none());
}

#[test]
fn codes_are_unique_and_snake_case() {
    let mut seen = std::collections::BTreeSet::new();
    for code in Code::ALL {
        assert!(seen.insert(code.as_str()), "duplicate {code}");
        assert!(code.as_str().chars().all(|c| c.is_ascii_lowercase() || c == '_'));
    }
}

#[test]
fn finding_field_reads_the_top_level_key() {
    let payload = with(image_invoke(), "enterProcess", json!(["Nope"]));
    let finding = validate(Template::Image, &payload).findings.remove(0);
    assert_eq!(finding.field().as_deref(), Some("enterProcess"));
}

/// Runs one whole-payload rule alone, with the parameters `payload` holds.
fn rule_alone(rule: Rule, template: Template, payload: &Value) -> Vec<(Code, String)> {
    let object = payload.as_object().expect("an object");
    let mut present: Present<'_> = [None; PARAMS.len()];
    for (key, value) in object {
        if let Some(index) = template.param_index(key) {
            present[index] = Some(value);
        }
    }
    let mode = object.get("invokeType").and_then(Value::as_str).and_then(InvokeType::parse);
    let mut out = Findings::default();
    rule(&Payload { template, mode, present: &present }, &mut out);
    out.0.into_iter().map(|f| (f.code, f.pointer.into_owned())).collect()
}

#[test]
fn each_rule_runs_alone_and_finds_only_its_own() {
    let single = with(image_invoke(), "batchNumber", json!(1));
    assert_eq!(
        rule_alone(rules::single_batch, Template::Image, &single),
        [(Code::SingleBatch, "/batchNumber".to_owned())]
    );
    assert_eq!(rule_alone(rules::process_left_suspended, Template::Image, &single), []);
    let partial = with(image_invoke(), "exitProcess", json!(["ScaleIn"]));
    assert_eq!(
        rule_alone(rules::process_left_suspended, Template::Image, &partial),
        [(Code::ProcessLeftSuspended, "/exitProcess".to_owned())]
    );
    let rollback = json!({"invokeType": "rollback", "scalingGroupId": "asg-a1"});
    assert_eq!(
        rule_alone(rules::missing_required, Template::Image, &rollback),
        [
            (Code::MissingRequired, "/sourceImageId".to_owned()),
            (Code::MissingRequired, "/sourceExecutionId".to_owned())
        ]
    );
    assert_eq!(
        rule_alone(rules::rollback_runs_shell_script, Template::Command, &rollback),
        [(Code::RollbackRunsShellScript, "/invokeType".to_owned())]
    );
    assert_eq!(rule_alone(rules::rollback_runs_shell_script, Template::Image, &rollback), []);
    assert_eq!(RULES.len(), 6);
}

#[test]
fn a_value_rule_reads_only_the_table() {
    let mut out = Findings::default();
    rules::check_value(Key::BatchNumber.spec(), &json!(0), None, &mut out);
    rules::check_value(Key::ScalingGroupId.spec(), &json!("asg-a****"), None, &mut out);
    rules::check_value(Key::LifecycleState.spec(), &json!([]), None, &mut out);
    let codes: Vec<Code> = out.0.iter().map(|f| f.code).collect();
    assert_eq!(codes, [Code::OutOfRange, Code::MaskedId, Code::EmptyList]);
    // A list without the table's empty-list advice says nothing when empty.
    let mut quiet = Findings::default();
    rules::check_value(Key::EnterProcess.spec(), &json!([]), None, &mut quiet);
    assert_eq!(quiet.0, vec![]);
}

#[test]
fn an_unknown_key_is_only_unknown() {
    let payload = with(image_invoke(), "drainSeconds", json!("x"));
    let checked = validate(Template::Image, &payload);
    let codes: Vec<&str> = checked.findings.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(codes, ["unknown_key"], "no check of another parameter runs on it");
}

fn file_invoke() -> Value {
    json!({
        "invokeType": "invoke",
        "scalingGroupId": "asg-bp18p2yfxow2dloqabcd",
        "invokeSourcePath": "https://example.com/app-2.tar.gz",
        "invokeDestinationDir": "/opt/app",
        "rollbackSourcePath": "https://example.com/app-1.tar.gz",
        "rollbackDestinationDir": "/opt/app",
    })
}

fn container_invoke() -> Value {
    json!({
        "invokeType": "invoke",
        "scalingGroupId": "asg-bp18p2yfxow2dloqabcd",
        "scalingConfigurationId": "asc-bp1",
        "containerConfigure": [{"Name": "web", "Image": "registry/web:2"}],
    })
}

#[test]
fn the_new_templates_read_into_their_typed_params() {
    let file = validate(Template::File, &file_invoke());
    assert_eq!(file.findings, vec![]);
    assert_eq!(file.params.expect("typed").to_json(), file_invoke());
    let container = validate(Template::Container, &container_invoke());
    assert_eq!(container.findings, vec![]);
    assert_eq!(container.params.expect("typed").to_json(), container_invoke());
}

/// OOS requires a key without a default in both modes, even where the mode does not read it.
#[test]
fn keys_without_a_default_are_required_in_both_modes() {
    let invoke = without(file_invoke(), "rollbackSourcePath");
    assert_eq!(
        found(Template::File, &invoke, Code::MissingRequired),
        error_at("/rollbackSourcePath")
    );
    let message = validate(Template::File, &invoke).errors().next().map(|f| f.to_string());
    assert!(message.is_some_and(|m| m.contains("OOS requires the key in both modes")));
    // Present but empty is fine where the mode does not read it...
    let empty = with(file_invoke(), "rollbackSourcePath", json!(""));
    assert_eq!(found(Template::File, &empty, Code::EmptyValue), vec![]);
    // ...and an error where it does.
    let rollback =
        with(with(empty, "invokeType", json!("rollback")), "sourceExecutionId", json!("exec-1"));
    assert_eq!(found(Template::File, &rollback, Code::EmptyValue), error_at("/rollbackSourcePath"));
}

#[test]
fn the_file_templates_have_no_lifecycle_state_and_their_own_role_default() {
    let with_state = with(file_invoke(), "lifecycleState", json!(["InService"]));
    assert_eq!(found(Template::File, &with_state, Code::UnknownKey), error_at("/lifecycleState"));
    let role = Template::File.param("OOSAssumeRole").map(|p| p.default);
    assert_eq!(role, Some(DefaultValue::Str("OOSServiceRole")));
    let role = Template::Image.param("OOSAssumeRole").map(|p| p.default);
    assert_eq!(role, Some(DefaultValue::Str("")));
}

#[test]
fn a_boolean_is_a_json_boolean() {
    let quoted = with(file_invoke(), "whetherSaveToFile", json!("false"));
    let checked = validate(Template::File, &quoted);
    let finding = checked.errors().next().expect("an error");
    assert_eq!((finding.code, finding.pointer.as_ref()), (Code::WrongType, "/whetherSaveToFile"));
    assert_eq!(finding.hint.as_deref(), Some("write it without quotes: false"));
    let plain = with(file_invoke(), "whetherSaveToFile", json!(false));
    assert!(!validate(Template::File, &plain).has_errors());
}

#[test]
fn containers_are_shaped_as_ess_takes_them() {
    let set = |v: Value| with(container_invoke(), "containerConfigure", v);
    let at = |v: Value, code| found(Template::Container, &set(v), code);
    assert_eq!(at(json!("web"), Code::WrongType), error_at("/containerConfigure"));
    assert_eq!(at(json!({"Name": "web"}), Code::WrongType), error_at("/containerConfigure"));
    assert_eq!(at(json!(["web"]), Code::WrongType), error_at("/containerConfigure/0"));
    assert_eq!(
        at(json!([{"Name": "web"}]), Code::MissingRequired),
        error_at("/containerConfigure/0/Image")
    );
    assert_eq!(
        at(json!([{"Name": "", "Image": "x"}]), Code::EmptyValue),
        error_at("/containerConfigure/0/Name")
    );
    assert_eq!(
        at(json!([{"Name": "a", "Image": 2}]), Code::WrongType),
        error_at("/containerConfigure/0/Image")
    );
    assert_eq!(at(json!([]), Code::EmptyValue), error_at("/containerConfigure"));
    assert_eq!(at(json!({}), Code::EmptyValue), error_at("/containerConfigure"));
    let twice = json!([{"Name": "a", "Image": "x"}, {"Name": "a", "Image": "y"}]);
    assert_eq!(at(twice, Code::DuplicateItem), warning_at("/containerConfigure/1/Name"));
    let odd = json!([{"Name": "a", "Image": "x", "Cpu": 1, "Imgae": "y"}]);
    assert_eq!(at(odd, Code::UnknownField), warning_at("/containerConfigure/0/Imgae"));
}

#[test]
fn a_container_rollback_needs_the_containers_to_put_back() {
    let rollback = with(
        with(container_invoke(), "invokeType", json!("rollback")),
        "sourceExecutionId",
        json!("exec-1"),
    );
    assert_eq!(
        found(Template::Container, &rollback, Code::MissingRequired),
        error_at("/sourceContainerConfigure")
    );
    let empty = with(rollback.clone(), "sourceContainerConfigure", json!({}));
    assert_eq!(
        found(Template::Container, &empty, Code::EmptyValue),
        error_at("/sourceContainerConfigure")
    );
    let old = json!([{"Name": "web", "Image": "registry/web:1"}]);
    assert!(
        !validate(Template::Container, &with(rollback, "sourceContainerConfigure", old))
            .has_errors()
    );
    let no_config = without(container_invoke(), "scalingConfigurationId");
    assert_eq!(
        found(Template::Container, &no_config, Code::MissingRequired),
        error_at("/scalingConfigurationId")
    );
}

#[test]
fn findings_read_in_chinese_and_serialize_in_english() {
    use crate::i18n::Lang;
    let checked = validate(Template::Image, &json!({"invokeType": "invoke", "batchNumber": "2"}));
    let chinese = |text: &str| text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let wrong = checked.findings.iter().find(|f| f.code == Code::WrongType).expect("wrong type");
    let hint = wrong.hint.as_ref().expect("a hint");
    assert!(chinese(&wrong.message.render(Lang::ZhCn)), "{}", wrong.message.render(Lang::ZhCn));
    assert!(chinese(&hint.render(Lang::ZhCn)), "{}", hint.render(Lang::ZhCn));
    assert!(wrong.localized(Lang::ZhCn).contains("整数"), "{}", wrong.localized(Lang::ZhCn));
    assert_eq!(wrong.localized(Lang::En), wrong.to_string());
    let missing =
        checked.findings.iter().find(|f| f.code == Code::MissingRequired).expect("missing");
    let hint = missing.hint.as_ref().expect("the table's hint");
    assert!(chinese(&hint.render(Lang::ZhCn)), "the table's hint is translated: {hint}");
    let json = serde_json::to_string(&checked.findings).unwrap_or_default();
    assert!(json.contains("must be an integer") && !chinese(&json), "{json}");
}
