//! Rollbacks that roll back: a package rollback that would re-apply the update is refused
//! before anything is sent, one with an older version or `--action uninstall` is started with
//! what was asked, and every rollback says first what it puts back and what it cannot.

use rolling_update_sim::SimHandle;
use rolling_update_sim::model::ess::{DEMO_CONFIGURATION_ID, DEMO_OLD_IMAGE};
use serde_json::Value;

use crate::support::*;

const PACKAGE: &str = "sim-demo-agent";

/// Runs a package update of version 2.0.0 to its end; its execution id.
fn package_update(sim: &SimHandle) -> String {
    let out = plugin(
        sim,
        &[
            "start",
            "-y",
            "--template",
            "package",
            "--scaling-group-id",
            GROUP,
            "--package-name",
            PACKAGE,
            "--package-version",
            "2.0.0",
            "--wait",
        ],
    );
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    out.json()["executionId"].as_str().expect("executionId").to_owned()
}

/// The parameters of the last StartExecution the simulator received.
fn last_started(sim: &SimHandle) -> Value {
    let start = calls(sim, "StartExecution").pop().expect("a StartExecution");
    serde_json::from_str(&start.params["Parameters"]).expect("Parameters is JSON")
}

fn versions(sim: &SimHandle) -> Vec<Option<String>> {
    let world = sim.world();
    let group = world.instances().iter().filter(|i| i.scaling_group_id == GROUP);
    group.map(|i| i.packages.get(PACKAGE).cloned()).collect()
}

#[test]
fn a_package_rollback_that_would_change_nothing_is_refused() {
    let sim = sim();
    let id = package_update(&sim);
    for extra in [&[][..], &["--cli-dry-run"][..], &["--action", "install"][..]] {
        let mut args = vec!["rollback", id.as_str(), "-y"];
        args.extend_from_slice(extra);
        let out = plugin(&sim, &args);
        assert_eq!(out.code, Some(1), "{extra:?}: {}", out.stderr);
        let json = out.json();
        assert_eq!(json["started"], false);
        assert_eq!(json["refusals"][0]["code"], "rollback_changes_nothing", "{json}");
        let message = json["refusals"][0]["message"].as_str().unwrap_or_default();
        assert!(message.contains(&format!("install {PACKAGE} version 2.0.0 again")), "{message}");
        assert!(message.contains("--package-version") && message.contains("--action uninstall"));
        assert!(out.stderr.contains("refused: this rollback would install"), "{}", out.stderr);
    }
    assert_eq!(calls(&sim, "StartExecution").len(), 1, "only the update was started");
    assert!(versions(&sim).iter().all(|v| v.as_deref() == Some("2.0.0")));
}

#[test]
fn a_package_rollback_to_an_older_version_installs_it() {
    let sim = sim();
    let id = package_update(&sim);
    let out = plugin(&sim, &["rollback", &id, "-y", "--package-version", "1.0.0", "--wait"]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stderr.contains(&format!("puts back: each instance gets {PACKAGE} version 1.0.0")),
        "{}",
        out.stderr
    );
    let params = last_started(&sim);
    assert_eq!(params["invokeType"], "rollback");
    assert_eq!(params["sourceExecutionId"], id.as_str());
    assert_eq!(params["packageVersion"], "1.0.0");
    // Not given: the rollback sends the source's own action when the execution records it (the
    // simulator records defaulted parameters too; whether OOS does is not written down), or
    // nothing, which is the template's default. Either way it installs.
    let action = params.get("action").and_then(Value::as_str);
    assert!(action.is_none_or(|a| a == "install"), "{params}");
    assert!(versions(&sim).iter().all(|v| v.as_deref() == Some("1.0.0")), "{:?}", versions(&sim));
}

#[test]
fn a_package_rollback_with_action_uninstall_removes_it() {
    let sim = sim();
    let id = package_update(&sim);
    let out = plugin(&sim, &["rollback", &id, "-y", "--action", "uninstall", "--wait"]);
    assert_eq!(out.code, Some(0), "{}\n{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("does not put back: uninstalling"), "{}", out.stderr);
    let params = last_started(&sim);
    assert_eq!(params["action"], "uninstall");
    assert_eq!(params["packageName"], PACKAGE);
    assert!(versions(&sim).iter().all(Option::is_none), "{:?}", versions(&sim));
    // Not an action of the template: a usage error, nothing sent.
    let before = calls(&sim, "StartExecution").len();
    let bad = plugin(&sim, &["rollback", &id, "-y", "--action", "remove"]);
    assert_eq!(bad.code, Some(2), "{}", bad.stderr);
    assert!(bad.stderr.contains("--action"), "{}", bad.stderr);
    assert_eq!(calls(&sim, "StartExecution").len(), before);
}

#[test]
fn an_image_rollback_says_the_configuration_keeps_the_new_image() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "2"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(0));
    // The update sent both process lists, so the rollback finds them in the source.
    let source: Value =
        serde_json::from_str(&calls(&sim, "StartExecution")[0].params["Parameters"])
            .expect("Parameters is JSON");
    assert_eq!(source["enterProcess"].as_array().map(Vec::len), Some(5), "{source}");
    assert_eq!(source["exitProcess"].as_array().map(Vec::len), Some(5), "{source}");
    let out = plugin(&sim, &["rollback", &id, "--cli-dry-run"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let said = &out.stderr;
    assert!(
        said.contains(&format!(
            "puts back: each instance's system disk is replaced with {DEMO_OLD_IMAGE}"
        )),
        "{said}"
    );
    assert!(said.contains("puts back: it suspends ScaleIn,ScaleOut"), "{said}");
    assert!(
        said.contains(&format!(
            "does not put back: scaling configuration {DEMO_CONFIGURATION_ID} keeps {NEW_IMAGE}"
        )),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "aliyun ess ModifyScalingConfiguration --region cn-hangzhou --endpoint {} \
             --ScalingConfigurationId {DEMO_CONFIGURATION_ID} --ImageId {DEMO_OLD_IMAGE}",
            sim.base_url()
        )),
        "{said}"
    );
}

#[test]
fn a_gate_is_not_allowed_to_roll_a_package_back_to_itself() {
    let sim = sim();
    let out = plugin(
        &sim,
        &[
            "start",
            "-y",
            "--template",
            "package",
            "--scaling-group-id",
            GROUP,
            "--package-name",
            PACKAGE,
            "--package-version",
            "2.0.0",
            "--check",
            "true",
            "--on-unhealthy",
            "rollback",
        ],
    );
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    let json = out.json();
    assert_eq!(json["refusals"][0]["code"], "rollback_changes_nothing", "{json}");
    assert!(out.stderr.contains("use --on-unhealthy pause or cancel"), "{}", out.stderr);
    assert_eq!(sim.call_count(), 0, "refused before any call");
}
