//! All six rolling-update templates end to end against the simulator: for each, a full update
//! to its end, its rollback to its end (the group's instances back as they began, read from the
//! simulator's own state), and a payload the template would reject refused before anything is
//! started. The simulator checks what it receives with its own definitions of the templates,
//! not the core's, so a wrong parameter name or type would be refused there.

use rolling_update_sim::SimHandle;
use rolling_update_sim::model::ess::{
    DEMO_ECI_GROUP_ID, DEMO_ECI_NEW_IMAGE, DEMO_ECI_OLD_IMAGE, DEMO_OLD_IMAGE, Instance,
};
use serde_json::Value;

use crate::support::*;

/// One template's story: what `start` changes, what the rollback needs besides the source,
/// how to read the change off an instance, and a payload the template refuses.
struct Story {
    template: &'static str,
    group: &'static str,
    change: Vec<String>,
    rollback: Vec<String>,
    /// What an instance shows about the update: before, and after the invoke.
    mark: fn(&Instance) -> Option<String>,
    before: Option<&'static str>,
    after: &'static str,
    /// Flags of a start the template refuses, and a word the refusal names.
    refused: Vec<String>,
    names: &'static str,
}

fn owned(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| (*a).to_owned()).collect()
}

const APP_V1: &str = "https://example.com/releases/app-1.0.tar.gz";
const APP_V2: &str = "https://example.com/releases/app-2.0.tar.gz";

fn stories() -> Vec<Story> {
    let containers = format!(r#"[{{"Name":"web","Image":"{DEMO_ECI_NEW_IMAGE}"}}]"#);
    vec![
        Story {
            template: "image",
            group: GROUP,
            change: owned(&["--image-id", NEW_IMAGE]),
            rollback: Vec::new(),
            mark: |i| Some(i.image_id.clone()),
            before: Some(DEMO_OLD_IMAGE),
            after: NEW_IMAGE,
            refused: owned(&["--image-id", NEW_IMAGE, "--batch-number", "0"]),
            names: "batchNumber",
        },
        Story {
            template: "command",
            group: GROUP,
            change: owned(&[
                "--invoke-script",
                "echo 2.0 > /srv/version",
                "--rollback-script",
                "echo 1.0 > /srv/version",
            ]),
            rollback: Vec::new(),
            mark: |i| i.last_script.clone(),
            before: None,
            after: "echo 2.0 > /srv/version",
            refused: owned(&["--invoke-script", "true", "--command-type", "RunPythonScript"]),
            names: "commandType",
        },
        Story {
            template: "package",
            group: GROUP,
            change: owned(&["--package-name", "sim-demo-agent", "--package-version", "2.0.0"]),
            rollback: owned(&["--action", "uninstall"]),
            mark: |i| i.packages.get("sim-demo-agent").cloned(),
            before: None,
            after: "2.0.0",
            refused: owned(&["--package-version", "2.0.0"]),
            names: "packageName",
        },
        Story {
            template: "file",
            group: GROUP,
            change: owned(&[
                "--invoke-source-path",
                APP_V2,
                "--invoke-destination-dir",
                "/opt/app",
                "--rollback-source-path",
                APP_V1,
                "--rollback-destination-dir",
                "/opt/app",
            ]),
            rollback: Vec::new(),
            mark: |i| i.last_file.clone(),
            before: None,
            after: APP_V2,
            // OOS requires the rollback's destination even for an invoke (no default).
            refused: owned(&[
                "--invoke-source-path",
                APP_V2,
                "--invoke-destination-dir",
                "/opt/app",
                "--rollback-source-path",
                APP_V1,
            ]),
            names: "rollbackDestinationDir",
        },
        Story {
            template: "oss-file",
            group: GROUP,
            change: owned(&[
                "--invoke-bucket-name",
                "sim-demo-releases",
                "--invoke-object-name",
                "app-2.0.tar.gz",
                "--invoke-destination-dir",
                "/opt/app",
                "--rollback-bucket-name",
                "sim-demo-releases",
                "--rollback-object-name",
                "app-1.0.tar.gz",
                "--rollback-destination-dir",
                "/opt/app",
            ]),
            rollback: Vec::new(),
            mark: |i| i.last_file.clone(),
            before: None,
            after: "app-2.0.tar.gz",
            // Every bucket and object is required by OOS (no default), the rollback's too.
            refused: owned(&[
                "--invoke-object-name",
                "app-2.0.tar.gz",
                "--invoke-destination-dir",
                "/opt/app",
                "--rollback-bucket-name",
                "sim-demo-releases",
                "--rollback-object-name",
                "app-1.0.tar.gz",
                "--rollback-destination-dir",
                "/opt/app",
            ]),
            names: "invokeBucketName",
        },
        Story {
            template: "container",
            group: DEMO_ECI_GROUP_ID,
            change: vec!["--container-configure".into(), containers],
            rollback: Vec::new(),
            mark: |i| {
                i.containers
                    .iter()
                    .find(|c| c["Name"] == "web")
                    .and_then(|c| c["Image"].as_str().map(str::to_owned))
            },
            before: Some(DEMO_ECI_OLD_IMAGE),
            after: DEMO_ECI_NEW_IMAGE,
            refused: owned(&["--container-configure", r#"{"Name":"web"}"#]),
            names: "containerConfigure",
        },
    ]
}

fn marks(sim: &SimHandle, story: &Story) -> Vec<Option<String>> {
    let world = sim.world();
    let group = world.instances().iter().filter(|i| i.scaling_group_id == story.group);
    group.map(|i| (story.mark)(i)).collect()
}

fn start_args<'a>(story: &'a Story, extra: &'a [String]) -> Vec<&'a str> {
    let mut args = vec!["start", "-y", "--template", story.template, "--scaling-group-id"];
    args.push(story.group);
    args.extend(extra.iter().map(String::as_str));
    args
}

fn update_and_roll_back(story: &Story) {
    let sim = sim();
    let before = marks(&sim, story);
    assert!(!before.is_empty(), "{}: the group has instances", story.template);
    if let Some(expected) = story.before {
        assert!(before.iter().all(|m| m.as_deref() == Some(expected)), "{before:?}");
    }
    let mut args = start_args(story, &story.change);
    args.push("--wait");
    let out = plugin(&sim, &args);
    assert_eq!(out.code, Some(0), "{} start:\n{}\n{}", story.template, out.stdout, out.stderr);
    let id = out.json()["executionId"].as_str().expect("executionId").to_owned();
    let after = marks(&sim, story);
    assert!(
        after.iter().all(|m| m.as_deref().is_some_and(|m| m.contains(story.after))),
        "{}: every instance updated: {after:?}",
        story.template
    );

    let mut rollback = vec!["rollback", "-y", "--wait", id.as_str()];
    rollback.extend(story.rollback.iter().map(String::as_str));
    let out = plugin(&sim, &rollback);
    assert_eq!(out.code, Some(0), "{} rollback:\n{}\n{}", story.template, out.stdout, out.stderr);
    let back = marks(&sim, story);
    match story.before {
        Some(_) => assert_eq!(back, before, "{}: the instances as they began", story.template),
        None => assert!(
            back.iter().all(|m| !m.as_deref().is_some_and(|m| m.contains(story.after))),
            "{}: the update undone on every instance: {back:?}",
            story.template
        ),
    }
    let started = calls(&sim, "StartExecution");
    assert_eq!(started.len(), 2, "{}: one invoke and one rollback", story.template);
    let rollback_params: Value =
        serde_json::from_str(&started[1].params["Parameters"]).expect("Parameters is JSON");
    assert_eq!(rollback_params["invokeType"], "rollback");
    assert_eq!(rollback_params["sourceExecutionId"], id.as_str());
    assert_all_verified(&sim);
}

fn refused(story: &Story) {
    let sim = sim();
    let out = plugin(&sim, &start_args(story, &story.refused));
    assert_ne!(out.code, Some(0), "{}: refused:\n{}", story.template, out.stderr);
    assert!(
        out.stderr.contains(story.names) || out.stdout.contains(story.names),
        "{}: the refusal names {}:\n{}\n{}",
        story.template,
        story.names,
        out.stdout,
        out.stderr
    );
    assert!(calls(&sim, "StartExecution").is_empty(), "{}: nothing started", story.template);
}

fn story(name: &str) -> Story {
    stories().into_iter().find(|s| s.template == name).expect("a story for every template")
}

#[test]
fn every_template_has_a_story() {
    let mut names: Vec<&str> = stories().iter().map(|s| s.template).collect();
    names.sort_unstable();
    assert_eq!(names, ["command", "container", "file", "image", "oss-file", "package"]);
}

#[test]
fn image_updates_and_rolls_back() {
    update_and_roll_back(&story("image"));
    refused(&story("image"));
}

#[test]
fn command_updates_and_rolls_back() {
    update_and_roll_back(&story("command"));
    refused(&story("command"));
}

#[test]
fn package_updates_and_rolls_back() {
    update_and_roll_back(&story("package"));
    refused(&story("package"));
}

#[test]
fn file_updates_and_rolls_back() {
    update_and_roll_back(&story("file"));
    refused(&story("file"));
}

#[test]
fn oss_file_updates_and_rolls_back() {
    update_and_roll_back(&story("oss-file"));
    refused(&story("oss-file"));
}

#[test]
fn container_updates_and_rolls_back() {
    update_and_roll_back(&story("container"));
    refused(&story("container"));
}

#[test]
fn a_template_on_the_wrong_kind_of_group_is_refused() {
    let sim = sim();
    let container = story("container");
    let on_ecs = Story { group: GROUP, ..story("container") };
    let out = plugin(&sim, &start_args(&on_ecs, &container.change));
    assert_eq!(out.code, Some(1), "container on an ECS group:\n{}", out.stderr);
    assert_eq!(out.json()["refusals"][0]["code"], "wrong_group_type", "{}", out.stdout);
    let image = story("image");
    let on_eci = Story { group: DEMO_ECI_GROUP_ID, ..story("image") };
    let out = plugin(&sim, &start_args(&on_eci, &image.change));
    assert_eq!(out.code, Some(1), "image on an ECI group:\n{}", out.stderr);
    assert_eq!(out.json()["refusals"][0]["code"], "wrong_group_type", "{}", out.stdout);
    assert!(calls(&sim, "StartExecution").is_empty(), "nothing started");
}
