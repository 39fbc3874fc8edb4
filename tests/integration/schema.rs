//! The committed schemas are current, and the schemas and the Rust validator agree.

use rolling_update_core::i18n::Lang;
use rolling_update_core::refresh;
use rolling_update_core::schema::{file_name, file_text, folder, schema, schema_file, schema_in};
use rolling_update_core::schema_snippets::UPDATE_FILE_SCHEMA;
use rolling_update_core::template::{ParamKind, Template};
use rolling_update_core::update_schema::{update_file_schema, update_file_schema_file};
use rolling_update_core::validate::validate;
use rolling_update_tests::{diff, root, seeds};
use serde_json::{Value, json};

/// Every schema file of `lang`: its path under `schemas/` and what the core generates for it.
fn generated_files(lang: Lang) -> Vec<(String, String)> {
    let dir = folder(lang);
    let mut files: Vec<(String, String)> = Template::ALL
        .iter()
        .map(|t| (format!("{dir}{}", file_name(*t)), schema_file(*t, lang)))
        .collect();
    files.push((format!("{dir}{UPDATE_FILE_SCHEMA}"), update_file_schema_file(lang)));
    let refresh_schema = file_text(&refresh::schema::schema_in(lang));
    files.push((format!("{dir}instance-refresh.schema.json"), refresh_schema));
    files
}

#[test]
fn committed_schemas_are_current_in_every_language() {
    for lang in Lang::ALL {
        for (name, generated) in generated_files(lang) {
            let path = root().join("schemas").join(&name);
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == generated,
                "{} is stale; run scripts/regenerate-schemas.sh\n{}",
                path.display(),
                diff(&committed, &generated)
            );
        }
    }
}

/// A schema with what people read taken out (texts, snippets and examples, whose placeholders
/// name fields in the reader's language) and its `$id`: what decides validation.
fn rules(schema: &Value) -> Value {
    const TEXTS: [&str; 5] = ["description", "title", "defaultSnippets", "examples", "$id"];
    match schema {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !TEXTS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), rules(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(rules).collect()),
        other => other.clone(),
    }
}

/// Every `description` of a schema with the path to it.
fn descriptions(schema: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match schema {
        Value::Object(map) => {
            for (k, v) in map {
                match (k.as_str(), v) {
                    ("description", Value::String(text)) => out.push((at.to_owned(), text.clone())),
                    _ => descriptions(v, &format!("{at}/{k}"), out),
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                descriptions(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[test]
fn the_chinese_schemas_validate_what_the_english_ones_do_and_read_in_chinese() {
    let pairs: Vec<(String, Value, Value)> = Template::ALL
        .iter()
        .map(|t| (t.name().to_owned(), schema(*t), schema_in(*t, Lang::ZhCn)))
        .chain([
            (
                "update-file".to_owned(),
                update_file_schema(Lang::En),
                update_file_schema(Lang::ZhCn),
            ),
            (
                "refresh".to_owned(),
                refresh::schema::schema(),
                refresh::schema::schema_in(Lang::ZhCn),
            ),
        ])
        .collect();
    for (name, english, chinese) in pairs {
        assert_eq!(rules(&english), rules(&chinese), "{name}: the same rules in both languages");
        assert_ne!(english["$id"], chinese["$id"], "{name}: both sets can be loaded side by side");
        let mut texts = Vec::new();
        descriptions(&chinese, "", &mut texts);
        assert!(texts.len() > 5, "{name}: {} descriptions", texts.len());
        for (at, text) in texts {
            assert!(has_chinese(&text), "{name} {at}: not Chinese: {text}");
        }
    }
}

#[test]
fn schemas_are_draft_07_with_what_editors_need() {
    for template in Template::ALL {
        let s = schema(template);
        assert_eq!(s["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(s["$id"].as_str().is_some_and(|id| id.contains(template.name())));
        assert_eq!(s["title"], template.name());
        assert_eq!(s["additionalProperties"], false);
        assert!(s["properties"]["$schema"].is_object(), "{template}: $schema key allowed");
        for spec in template.params() {
            let p = &s["properties"][spec.key];
            assert!(p["description"].is_string(), "{template} {} description", spec.key);
            if let Some(default) = spec.default.to_json() {
                assert_eq!(p["default"], default, "{template} {} default", spec.key);
            }
            let choices = match spec.kind {
                ParamKind::StringList => &p["items"]["oneOf"],
                _ => &p["oneOf"],
            };
            for choice in spec.choices {
                assert!(
                    choices.as_array().is_some_and(|list| list
                        .iter()
                        .any(|c| c["const"] == choice.value && c["description"].is_string())),
                    "{template} {}: {} described",
                    spec.key,
                    choice.value
                );
            }
        }
        assert!(s["allOf"].as_array().is_some_and(|a| a.iter().all(|c| c["if"].is_object())));
        jsonschema::draft7::meta::validate(&s).unwrap_or_else(|e| panic!("{template}: {e}"));
    }
}

/// Values tried for every key: right and wrong types, edges of ranges, allowed and not.
fn probe_values() -> Vec<Value> {
    vec![
        json!(""),
        json!("x"),
        json!(" "),
        json!("asg-1"),
        json!("asg-"),
        json!("asg-a b"),
        json!("asc-1"),
        json!("exec-1"),
        json!("asg-bp18p2yfxow2dloq****"),
        json!("invoke"),
        json!("rollback"),
        json!("Invoke"),
        json!("Automatic"),
        json!("FirstBatchPause"),
        json!("RunShellScript"),
        json!("RunBatScript"),
        json!("install"),
        json!("Install"),
        json!("2"),
        json!(0),
        json!(1),
        json!(5),
        json!(100),
        json!(101),
        json!(-1),
        json!(2.0),
        json!(2.5),
        json!(4294967296u64),
        json!(null),
        json!(true),
        json!({}),
        json!([]),
        json!(["ScaleIn"]),
        json!(["ScaleIn", "ScaleIn"]),
        json!(["InService", "Protected"]),
        json!(["Bogus"]),
        json!(["inservice"]),
        json!([1]),
        json!("InService"),
        json!(false),
        json!("true"),
        json!("IncrementalUpdate"),
        json!("renewupdate"),
        json!([{"Name": "web", "Image": "nginx:1.27"}]),
        json!([{"Name": "web", "Image": "nginx:1.27", "Cpu": 0.5, "Bogus": 1}]),
        json!([{"Name": "web", "Image": "a"}, {"Name": "web", "Image": "b"}]),
        json!([{"Name": "web"}]),
        json!([{"Name": "", "Image": "nginx"}]),
        json!([{"Name": "web", "Image": 1}]),
        json!(["web"]),
        json!({"Name": "web", "Image": "nginx"}),
    ]
}

/// A clean payload of each template in each mode.
fn bases(template: Template) -> Vec<Value> {
    let group = json!("asg-bp18p2yfxow2dloqabcd");
    let specific = match template {
        Template::Image => {
            vec![json!({"imageId": "new.vhd"}), json!({"sourceImageId": "old.vhd"})]
        }
        Template::Command => {
            vec![json!({"invokeScript": "echo hi"}), json!({"rollbackScript": "echo bye"})]
        }
        Template::Package => {
            vec![json!({"packageName": "nginx"}), json!({"packageName": "nginx"})]
        }
        Template::File => {
            let both = json!({
                "invokeSourcePath": "https://example.com/app-2.tar.gz",
                "invokeDestinationDir": "/opt/app",
                "rollbackSourcePath": "https://example.com/app-1.tar.gz",
                "rollbackDestinationDir": "/opt/app",
            });
            vec![both.clone(), both]
        }
        Template::OssFile => {
            let both = json!({
                "invokeBucketName": "releases",
                "invokeObjectName": "app-2.tar.gz",
                "invokeDestinationDir": "/opt/app",
                "rollbackBucketName": "releases",
                "rollbackObjectName": "app-1.tar.gz",
                "rollbackDestinationDir": "/opt/app",
            });
            vec![both.clone(), both]
        }
        Template::Container => {
            let new = json!([{"Name": "web", "Image": "registry/web:2"}]);
            let old = json!([{"Name": "web", "Image": "registry/web:1"}]);
            vec![
                json!({"containerConfigure": new, "scalingConfigurationId": "asc-1"}),
                json!({"containerConfigure": new, "sourceContainerConfigure": old,
                       "scalingConfigurationId": "asc-1"}),
            ]
        }
    };
    ["invoke", "rollback"]
        .into_iter()
        .zip(specific)
        .map(|(mode, extra)| {
            let mut base = json!({"invokeType": mode, "scalingGroupId": group});
            if mode == "rollback" {
                base["sourceExecutionId"] = json!("exec-0123456789");
            }
            for (k, v) in extra.as_object().into_iter().flatten() {
                base[k] = v.clone();
            }
            base
        })
        .collect()
}

/// The corpus: seeds, clean bases, and every base with each key set to each probe value,
/// removed, or joined by an unknown key.
fn corpus(template: Template) -> Vec<Value> {
    let mut out: Vec<Value> =
        seeds().into_iter().filter(|s| s.template == template).map(|s| s.payload).collect();
    let keys: Vec<&str> = Template::ALL
        .iter()
        .flat_map(|t| t.params().map(|p| p.key))
        .chain(["$schema", "scalingGroupID", "regionId"])
        .collect();
    for base in bases(template) {
        out.push(base.clone());
        for key in &keys {
            for value in probe_values() {
                let mut p = base.clone();
                p[*key] = value;
                out.push(p);
            }
            let mut removed = base.clone();
            if let Some(map) = removed.as_object_mut() {
                map.remove(*key);
            }
            out.push(removed);
        }
    }
    out.extend([json!(null), json!([]), json!("text"), json!(3), json!({})]);
    out
}

#[test]
fn schema_and_validator_agree_on_the_whole_corpus() {
    let mut checked = 0;
    let mut disagreements = Vec::new();
    for template in Template::ALL {
        let validator = jsonschema::draft7::new(&schema(template)).expect("schema compiles");
        for payload in corpus(template) {
            let by_schema = validator.is_valid(&payload);
            let report = validate(template, &payload);
            let by_rust = !report.has_errors();
            if by_schema != by_rust {
                let schema_errors: Vec<String> =
                    validator.iter_errors(&payload).map(|e| e.to_string()).collect();
                let rust_errors: Vec<String> = report.errors().map(ToString::to_string).collect();
                disagreements.push(format!(
                    "{template}: {payload}\n  schema: {schema_errors:?}\n  rust: {rust_errors:?}"
                ));
            }
            checked += 1;
        }
    }
    assert!(checked > 3000, "corpus too small: {checked}");
    assert!(
        disagreements.is_empty(),
        "{} of {checked} payloads disagree:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
}

#[test]
fn schema_prints_chinese_only_when_language_names_it() {
    let args = ["rolling-update", "schema", "--template", "image"];
    let english = rolling_update_tests::run(&args, None, &[]);
    let chinese =
        rolling_update_tests::run(&[&args[..], &["--language", "zh-CN"]].concat(), None, &[]);
    // The locale alone does not change a file people commit.
    let in_locale = rolling_update_tests::run(&args, None, &[("LANG", "zh_CN.UTF-8")]);
    assert_eq!(english.code, Some(0), "{}", english.stderr);
    assert_eq!(chinese.code, Some(0), "{}", chinese.stderr);
    assert_eq!(english.stdout.trim_end(), schema_file(Template::Image, Lang::En).trim_end());
    assert_eq!(chinese.stdout.trim_end(), schema_file(Template::Image, Lang::ZhCn).trim_end());
    assert_eq!(in_locale.stdout, english.stdout);
    assert!(has_chinese(&chinese.stdout) && !has_chinese(&english.stdout));
}
