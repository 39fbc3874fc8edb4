//! YAML parameter files and update files through the plugin binary: `validate`, `render`,
//! `start` (against the simulator), findings at the YAML line, and YAML's traps.

use std::path::{Path, PathBuf};

use rolling_update_tests::{Run, run};

use crate::support::{GROUP, NEW_IMAGE, calls, plugin, sim};

/// Writes `text` to a fresh file named `name` and returns its path.
fn file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rolling-update-yaml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn validate(template: &str, path: &Path) -> Run {
    run(&["validate", "--template", template, "--file", path.to_str().unwrap()], None, &[])
}

fn image_yaml() -> String {
    format!(
        "# an image update\ninvokeType: invoke\nscalingGroupId: {GROUP}\nimageId: {NEW_IMAGE}\n\
         batchNumber: 2\nbatchPauseOption: Automatic\n"
    )
}

#[test]
fn a_yaml_parameters_file_validates_like_its_json() {
    let yaml = file("ok.yaml", &image_yaml());
    let out = validate("image", &yaml);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let report = out.json();
    assert_eq!(report["valid"], true);
    let json_text = format!(
        r#"{{"invokeType":"invoke","scalingGroupId":"{GROUP}","imageId":"{NEW_IMAGE}",
            "batchNumber":2,"batchPauseOption":"Automatic"}}"#
    );
    let json = validate("image", &file("ok.json", &json_text)).json();
    assert_eq!(report["warnings"], json["warnings"]);
}

#[test]
fn a_finding_points_at_the_yaml_line_and_column() {
    let text = format!(
        "invokeType: invoke\nscalingGroupId: {GROUP}\n\nimageId: {NEW_IMAGE}\n  \
                        \nbatchNumber: 0\nenterProcess:\n  - ScaleIn\n  - Nonsense\n"
    );
    let out = validate("image", &file("bad.yml", &text));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let findings = out.json()["findings"].as_array().unwrap().clone();
    let at = |pointer: &str| {
        let f = findings.iter().find(|f| f["pointer"] == pointer).unwrap_or_else(|| {
            panic!("no finding at {pointer}: {findings:?}");
        });
        (f["line"].as_u64(), f["column"].as_u64())
    };
    assert_eq!(at("/batchNumber"), (Some(6), Some(1)));
    assert_eq!(at("/enterProcess/1"), (Some(9), Some(5)));
    assert!(
        out.stderr.contains("bad.yml:6:1: error[out_of_range] at /batchNumber"),
        "{}",
        out.stderr
    );
}

#[test]
fn yaml_traps_are_findings_not_quiet_conversions() {
    // A bare number where the template wants text: a wrong-type finding with a hint to quote.
    let bare = format!("invokeType: invoke\nscalingGroupId: {GROUP}\nimageId: 20250101\n");
    let out = validate("image", &file("bare.yaml", &bare));
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let report = out.json();
    let image = report["findings"].as_array().unwrap().iter().find(|f| f["pointer"] == "/imageId");
    let image = image.expect("a finding at /imageId");
    assert_eq!(image["code"], "wrong_type");
    assert_eq!(image["line"], 3);
    assert!(image["hint"].as_str().unwrap().contains("'20250101'"), "{image}");

    // Quoted, the same digits are text and valid.
    let quoted = format!("invokeType: invoke\nscalingGroupId: {GROUP}\nimageId: '20250101'\n");
    assert_eq!(validate("image", &file("quoted.yaml", &quoted)).code, Some(0));

    // `yes` stays text under YAML 1.2: a Boolean parameter says so.
    let yes = format!("invokeType: invoke\nscalingGroupId: {GROUP}\nwhetherSaveToFile: yes\n");
    let out = validate("file", &file("yes.yaml", &yes));
    let report = out.json();
    let flag = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["pointer"] == "/whetherSaveToFile");
    let flag = flag.expect("a finding at /whetherSaveToFile");
    assert_eq!(flag["code"], "wrong_type");
    assert!(flag["hint"].as_str().unwrap().contains("true or false"), "{flag}");

    // Refused outright, each with its line: a leading zero, a duplicate key, an alias.
    for (name, text, line, words) in [
        ("zero.yaml", "invokeType: invoke\nscalingGroupId: 0123\n", 2, "leading zero"),
        ("dup.yaml", "invokeType: invoke\nbatchNumber: 1\nbatchNumber: 2\n", 3, "twice"),
        ("alias.yaml", "a: &x invoke\ninvokeType: *x\n", 1, "anchors"),
    ] {
        let out = validate("image", &file(name, text));
        assert_eq!(out.code, Some(1), "{name}: {}", out.stderr);
        let finding = out.json()["findings"][0].clone();
        assert_eq!(finding["code"], "not_an_object", "{name}");
        assert_eq!(finding["line"], line, "{name}: {finding}");
        assert!(finding["message"].as_str().unwrap().contains(words), "{name}: {finding}");
    }

    // A YAML syntax error: its line and column, as JSON's are.
    let out =
        validate("image", &file("syntax.yaml", "invokeType: invoke\nenterProcess: [ScaleIn\n"));
    assert_eq!(out.code, Some(1));
    let finding = out.json()["findings"][0].clone();
    assert!(finding["message"].as_str().unwrap().starts_with("not valid YAML: "), "{finding}");
    assert!(finding["line"].as_u64().is_some() && finding["column"].as_u64().is_some());
}

#[test]
fn standard_input_is_json_first_then_yaml() {
    let out = run(&["validate", "--template", "image", "--file", "-"], Some(&image_yaml()), &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let bad = format!("invokeType: invoke\nscalingGroupId: {GROUP}\nimageId: x\nbatchNumber: 0\n");
    let out = run(&["validate", "--template", "image", "--file", "-"], Some(&bad), &[]);
    assert!(out.stderr.contains("<stdin>:4:1: error[out_of_range]"), "{}", out.stderr);
}

#[test]
fn render_reads_yaml_and_update_files() {
    let yaml = file("render.yaml", &image_yaml());
    let from_yaml = run(
        &["render", "--template", "image", "--parameters-file", yaml.to_str().unwrap()],
        None,
        &[],
    );
    assert_eq!(from_yaml.code, Some(0), "{}", from_yaml.stderr);
    let update = format!(
        "template: image\nregion: cn-shanghai\nparameters:\n  invokeType: invoke\n  \
         scalingGroupId: {GROUP}\n  imageId: {NEW_IMAGE}\n  batchNumber: 2\n  \
         batchPauseOption: Automatic\n"
    );
    let update = file("update.yaml", &update);
    let out = run(&["render", "--update-file", update.to_str().unwrap()], None, &[]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert!(out.stdout.contains("--region cn-shanghai"), "{}", out.stdout);
    // The same parameters as the YAML parameters file gave.
    let strip_region = out.stdout.replace("--region cn-shanghai ", "");
    assert_eq!(strip_region, from_yaml.stdout);
    // Flags still override the file.
    let out = run(
        &["render", "--update-file", update.to_str().unwrap(), "--batch-number", "3"],
        None,
        &[],
    );
    assert!(out.stdout.contains("\"batchNumber\":3"), "{}", out.stdout);
}

#[test]
fn an_update_file_conflicts_with_template_and_parameters_file_and_names_its_mistakes() {
    let update = file("u.json", r#"{"template": "image", "parameters": {}}"#);
    let path = update.to_str().unwrap();
    for extra in [["--template", "image"], ["--parameters-file", path]] {
        for verb in ["render", "start"] {
            let mut args = vec![verb, "--update-file", path];
            args.extend_from_slice(&extra);
            let out = run(&args, None, &[]);
            assert_eq!(out.code, Some(2), "{args:?}: {}", out.stderr);
            assert!(out.stderr.contains("cannot be used with"), "{args:?}: {}", out.stderr);
        }
    }
    let misspelt = file("misspelt.yaml", "template: image\nparamters:\n  batchNumber: 2\n");
    let out = run(&["render", "--update-file", misspelt.to_str().unwrap()], None, &[]);
    assert_eq!(out.code, Some(2), "{}", out.stderr);
    assert!(out.stderr.contains("misspelt.yaml:2:1:"), "{}", out.stderr);
    assert!(out.stderr.contains("`paramters` is not a key of an update file"), "{}", out.stderr);
}

#[test]
fn start_runs_a_yaml_update_file_against_the_simulator() {
    let sim = sim();
    let update = format!(
        "template: ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup\nregion: cn-hangzhou\n\
         parameters:\n  scalingGroupId: {GROUP}\n  imageId: {NEW_IMAGE}\n  batchNumber: 2\n  \
         batchPauseOption: Automatic\n"
    );
    let update = file("start.yaml", &update);
    let out = plugin(&sim, &["start", "--update-file", update.to_str().unwrap(), "-y"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let started = calls(&sim, "StartExecution");
    assert_eq!(started.len(), 1);
    let params: serde_json::Value =
        serde_json::from_str(started[0].params.get("Parameters").unwrap()).unwrap();
    assert_eq!(params["imageId"], NEW_IMAGE);
    assert_eq!(params["batchNumber"], 2);
    assert_eq!(params["invokeType"], "invoke");

    // And a YAML parameters file with start.
    let yaml = file("start-params.yaml", &image_yaml());
    let out = plugin(
        &sim,
        &[
            "start",
            "--template",
            "image",
            "--parameters-file",
            yaml.to_str().unwrap(),
            "--cli-dry-run",
        ],
    );
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(out.json()["action"], "StartExecution");
}
