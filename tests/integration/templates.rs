//! A full update and its rollback for each of the three templates, checked in the simulated
//! group: every instance changed, then changed back, InService, processes resumed.

use rolling_update_sim::SimHandle;
use rolling_update_sim::model::ess::DEMO_OLD_IMAGE;

use crate::support::*;

/// Runs `start <flags> --wait`, returns the execution id after asserting success.
fn update(sim: &SimHandle, flags: &[&str]) -> String {
    let mut args = vec!["start", "-y", "--scaling-group-id", GROUP, "--batch-number", "3"];
    args.extend_from_slice(flags);
    args.push("--wait");
    let out = plugin(sim, &args);
    assert_eq!(out.code, Some(0), "{flags:?}\n{}\n{}", out.stdout, out.stderr);
    let json = out.json();
    assert_eq!(json["status"], "Success", "{json}");
    assert_eq!(json["instances"]["succeeded"], 6, "{json}");
    json["executionId"].as_str().expect("executionId").to_owned()
}

/// Runs `rollback <id> <flags> --wait` and asserts it succeeded with the source's parameters.
fn roll_back(sim: &SimHandle, id: &str, flags: &[&str]) {
    let mut args = vec!["rollback", id, "-y"];
    args.extend_from_slice(flags);
    args.push("--wait");
    let out = plugin(sim, &args);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.json()["status"], "Success");
    let start = calls(sim, "StartExecution").pop().expect("a StartExecution");
    let params: serde_json::Value = serde_json::from_str(&start.params["Parameters"]).unwrap();
    assert_eq!(params["invokeType"], "rollback");
    assert_eq!(params["sourceExecutionId"], id);
}

/// Every instance of the group, InService, with the group's processes running again.
fn assert_group_settled(sim: &SimHandle) {
    let world = sim.world();
    let group = world.group(GROUP).unwrap();
    assert!(group.suspended_processes.is_empty(), "{:?}", group.suspended_processes);
    let instances: Vec<_> =
        world.instances().iter().filter(|i| i.scaling_group_id == GROUP).collect();
    assert_eq!(instances.len(), 6);
    for i in instances {
        assert_eq!(i.lifecycle_state, "InService", "{}", i.id);
    }
}

fn group_instances(sim: &SimHandle) -> Vec<rolling_update_sim::model::ess::Instance> {
    sim.world().instances().iter().filter(|i| i.scaling_group_id == GROUP).cloned().collect()
}

#[test]
fn image_update_and_rollback() {
    let sim = sim();
    let id = update(&sim, &["--template", "image", "--image-id", NEW_IMAGE]);
    assert!(group_instances(&sim).iter().all(|i| i.image_id == NEW_IMAGE));
    assert_group_settled(&sim);
    roll_back(&sim, &id, &[]);
    assert!(group_instances(&sim).iter().all(|i| i.image_id == DEMO_OLD_IMAGE));
    assert_group_settled(&sim);
    assert_all_verified(&sim);
}

#[test]
fn command_update_and_rollback() {
    let sim = sim();
    let id = update(
        &sim,
        &[
            "--template",
            "command",
            "--invoke-script",
            "echo v2 > /etc/app-version",
            "--rollback-script",
            "echo v1 > /etc/app-version",
        ],
    );
    let scripts = |sim: &SimHandle| -> Vec<Option<String>> {
        group_instances(sim).into_iter().map(|i| i.last_script).collect()
    };
    assert!(scripts(&sim).iter().all(|s| s.as_deref() == Some("echo v2 > /etc/app-version")));
    assert_group_settled(&sim);
    roll_back(&sim, &id, &[]);
    assert!(
        scripts(&sim).iter().all(|s| s.as_deref() == Some("echo v1 > /etc/app-version")),
        "the rollback script recorded at start ran: {:?}",
        scripts(&sim)
    );
    assert_group_settled(&sim);
    assert_all_verified(&sim);
}

#[test]
fn package_update_and_rollback() {
    let sim = sim();
    let id = update(
        &sim,
        &[
            "--template",
            "package",
            "--package-name",
            "sim-demo-agent",
            "--package-version",
            "2.0.0",
            "--action",
            "install",
        ],
    );
    let versions = |sim: &SimHandle| -> Vec<Option<String>> {
        group_instances(sim)
            .into_iter()
            .map(|i| i.packages.get("sim-demo-agent").cloned())
            .collect()
    };
    assert!(versions(&sim).iter().all(|v| v.as_deref() == Some("2.0.0")), "{:?}", versions(&sim));
    assert_group_settled(&sim);
    roll_back(&sim, &id, &["--package-version", "1.0.0"]);
    assert!(versions(&sim).iter().all(|v| v.as_deref() == Some("1.0.0")), "{:?}", versions(&sim));
    assert_group_settled(&sim);
    assert_all_verified(&sim);
}
