//! The pure model over a simulated clock.

use rolling_update_sim::model::ess::{
    DEMO_CONFIGURATION_ID, DEMO_GROUP_ID, DEMO_LT_GROUP_ID, DEMO_NEW_IMAGE, DEMO_OLD_IMAGE,
};
use rolling_update_sim::model::{Notify, StartRequest, Status};
use rolling_update_sim::{FailTarget, GroupSpec, Sim, World};
use serde_json::{Value, json};

const T0: u64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z
const IMAGE: &str = "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup";
const COMMAND: &str = "ACS-ESS-RollingUpdateByRunCommandInScalingGroup";
const PACKAGE: &str = "ACS-ESS-RollingUpdateByConfigureOOSPackage";

fn world() -> World {
    Sim::builder().demo_groups().start_time_ms(T0).build_world()
}

fn req(template: &str, params: Value) -> StartRequest {
    StartRequest { template_name: template.into(), parameters: params, ..StartRequest::default() }
}

fn status(w: &World, id: &str) -> Status {
    w.execution(id).unwrap().status
}

/// Advances one simulated second at a time until the execution leaves Started/Running.
fn run(w: &mut World, id: &str, now: &mut u64) -> Status {
    for _ in 0..10_000 {
        *now += 1_000;
        w.advance(*now);
        let s = status(w, id);
        if !matches!(s, Status::Started | Status::Running) {
            return s;
        }
    }
    panic!("execution {id} never settled");
}

fn group_instances(w: &World, group: &str) -> Vec<rolling_update_sim::model::Instance> {
    w.instances().iter().filter(|i| i.scaling_group_id == group).cloned().collect()
}

fn image_invoke(extra: Value) -> Value {
    let mut p = json!({
        "invokeType": "invoke",
        "scalingGroupId": DEMO_GROUP_ID,
        "scalingConfigurationId": DEMO_CONFIGURATION_ID,
        "imageId": DEMO_NEW_IMAGE,
        "sourceImageId": DEMO_OLD_IMAGE,
        "batchNumber": 3,
    });
    for (k, v) in extra.as_object().unwrap() {
        p[k] = v.clone();
    }
    p
}

#[test]
fn image_invoke_then_rollback() {
    let mut w = world();
    let mut now = T0;
    let id = w.start_execution(now, &req(IMAGE, image_invoke(json!({})))).unwrap();
    assert_eq!(status(&w, &id), Status::Started);
    assert_eq!(run(&mut w, &id, &mut now), Status::Success);
    for i in group_instances(&w, DEMO_GROUP_ID) {
        assert_eq!(i.image_id, DEMO_NEW_IMAGE, "{}", i.id);
        assert_eq!(i.lifecycle_state, "InService");
        assert_eq!(i.tags.get("ess:rollingupdate"), Some(&format!("oos:{id}")));
    }
    assert_eq!(w.configurations()[0].image_id, DEMO_NEW_IMAGE);
    assert!(w.group(DEMO_GROUP_ID).unwrap().suspended_processes.is_empty());
    // 6 instances, 3 batches of 2: one child execution and one loop-child task each.
    let children = w.children(&id);
    assert_eq!(children.len(), 6);
    assert!(children.iter().all(|c| c.status == Status::Success && c.instance_id().is_some()));
    let loop_task =
        w.tasks().iter().find(|t| t.execution_id == id && t.loop_info.is_some()).unwrap();
    assert_eq!(loop_task.task_action, "ACS::ESS::ReplaceSystemDisk");
    let batches: Vec<u32> = w
        .tasks()
        .iter()
        .filter(|t| t.parent_task_execution_id.as_deref() == Some(&loop_task.id))
        .map(|t| t.loop_batch_number.unwrap())
        .collect();
    assert_eq!(batches, vec![1, 1, 2, 2, 3, 3]);
    // Simulated duration: start delay + 3 batches × 4 steps.
    let e = w.execution(&id).unwrap();
    let t = w.timing();
    assert_eq!(e.ended_ms.unwrap() - e.created_ms, t.start_delay_ms + 3 * 4 * t.step_ms);

    let rb = json!({"invokeType": "rollback", "scalingGroupId": DEMO_GROUP_ID, "sourceImageId": DEMO_OLD_IMAGE, "sourceExecutionId": id, "batchNumber": 2});
    let rid = w.start_execution(now, &req(IMAGE, rb)).unwrap();
    assert_eq!(run(&mut w, &rid, &mut now), Status::Success);
    for i in group_instances(&w, DEMO_GROUP_ID) {
        assert_eq!(i.image_id, DEMO_OLD_IMAGE, "{}", i.id);
        assert_eq!(i.lifecycle_state, "InService");
    }
    assert_eq!(w.children(&rid).len(), 6);
    // Rollback leaves the scaling configuration's image alone, as the real template does.
    assert_eq!(w.configurations()[0].image_id, DEMO_NEW_IMAGE);
}

#[test]
fn command_invoke_then_rollback() {
    let mut w = world();
    let mut now = T0;
    let p = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID, "invokeScript": "echo v2", "batchNumber": 2, "enterProcess": ["ScaleIn"], "exitProcess": ["ScaleIn"]});
    let id = w.start_execution(now, &req(COMMAND, p)).unwrap();
    now += 2_500;
    w.advance(now);
    assert_eq!(w.group(DEMO_GROUP_ID).unwrap().suspended_processes, vec!["ScaleIn"]);
    assert_eq!(run(&mut w, &id, &mut now), Status::Success);
    assert!(
        group_instances(&w, DEMO_GROUP_ID)
            .iter()
            .all(|i| i.last_script.as_deref() == Some("echo v2"))
    );
    let rb = json!({"invokeType": "rollback", "scalingGroupId": DEMO_GROUP_ID, "rollbackScript": "echo v1", "sourceExecutionId": id});
    let rid = w.start_execution(now, &req(COMMAND, rb)).unwrap();
    assert_eq!(run(&mut w, &rid, &mut now), Status::Success);
    assert!(
        group_instances(&w, DEMO_GROUP_ID)
            .iter()
            .all(|i| i.last_script.as_deref() == Some("echo v1"))
    );
    assert_eq!(w.children(&rid)[0].parameters["commandType"], "RunShellScript");
    assert!(w.group(DEMO_GROUP_ID).unwrap().suspended_processes.is_empty());
}

#[test]
fn package_invoke_then_rollback() {
    let mut w = world();
    let mut now = T0;
    let p = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID, "packageName": "nginx", "packageVersion": "v2"});
    let id = w.start_execution(now, &req(PACKAGE, p)).unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Success);
    assert!(
        group_instances(&w, DEMO_GROUP_ID).iter().all(|i| i
            .packages
            .get("nginx")
            .map(String::as_str)
            == Some("v2"))
    );
    let rb = json!({"invokeType": "rollback", "scalingGroupId": DEMO_GROUP_ID, "packageName": "nginx", "packageVersion": "v1", "sourceExecutionId": id});
    let rid = w.start_execution(now, &req(PACKAGE, rb)).unwrap();
    assert_eq!(run(&mut w, &rid, &mut now), Status::Success);
    assert!(
        group_instances(&w, DEMO_GROUP_ID).iter().all(|i| i
            .packages
            .get("nginx")
            .map(String::as_str)
            == Some("v1"))
    );
}

#[test]
fn batch_pause_waits_for_approve() {
    let mut w = world();
    let mut now = T0;
    let id = w
        .start_execution(
            now,
            &req(IMAGE, image_invoke(json!({"batchPauseOption": "EveryBatchPause"}))),
        )
        .unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Waiting);
    let loop_task = w
        .tasks()
        .iter()
        .find(|t| t.execution_id == id && t.loop_info.is_some())
        .unwrap()
        .id
        .clone();
    assert_eq!(w.tasks().iter().find(|t| t.id == loop_task).unwrap().status, Status::Waiting);
    let updated =
        group_instances(&w, DEMO_GROUP_ID).iter().filter(|i| i.image_id == DEMO_NEW_IMAGE).count();
    assert_eq!(updated, 2, "only the first batch ran");
    // Waiting is stable while nobody approves.
    now += 3_600_000;
    w.advance(now);
    assert_eq!(status(&w, &id), Status::Waiting);
    // A wrong task id is refused; the loop task's id or none at all is accepted.
    assert_eq!(
        w.notify(now, &id, Notify::Approve, Some("t-nope")).unwrap_err().code,
        "EntityNotExists.TaskExecution"
    );
    w.notify(now, &id, Notify::Approve, Some(&loop_task)).unwrap();
    assert_eq!(status(&w, &id), Status::Running);
    assert_eq!(run(&mut w, &id, &mut now), Status::Waiting);
    w.notify(now, &id, Notify::Approve, None).unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Success);
    assert_eq!(
        w.notify(now, &id, Notify::Approve, None).unwrap_err().code,
        "InvalidStatus.Execution"
    );
}

#[test]
fn first_batch_pause_then_reject_fails() {
    let mut w = world();
    let mut now = T0;
    let id = w
        .start_execution(
            now,
            &req(IMAGE, image_invoke(json!({"batchPauseOption": "FirstBatchPause"}))),
        )
        .unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Waiting);
    w.notify(now, &id, Notify::Reject, None).unwrap();
    assert_eq!(status(&w, &id), Status::Failed);
    assert_eq!(
        w.group(DEMO_GROUP_ID).unwrap().suspended_processes.len(),
        5,
        "exitProcess never ran"
    );
}

#[test]
fn failures_within_max_errors_still_succeed() {
    let mut w = world();
    let mut now = T0;
    w.fail_next(FailTarget::Nth(2));
    let id = w.start_execution(now, &req(IMAGE, image_invoke(json!({"maxErrors": 1})))).unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Success);
    let second = &group_instances(&w, DEMO_GROUP_ID)[1];
    assert_eq!(second.lifecycle_state, "Standby");
    assert_eq!(second.image_id, DEMO_OLD_IMAGE);
    assert_eq!(
        second.tags.get("ess:rollingupdate"),
        Some(&format!("oos:{id}")),
        "tagInstance tags every listed instance, failed ones within maxErrors included"
    );
    let failed = w.children(&id).into_iter().filter(|c| c.status == Status::Failed).count();
    assert_eq!(failed, 1);
}

#[test]
fn a_failure_beyond_max_errors_fails_and_stops() {
    let mut w = world();
    let mut now = T0;
    w.fail_next(FailTarget::Instance("i-bp1sim0demo000000001".into()));
    let p = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID, "invokeScript": "exit 1", "batchNumber": 3});
    let id = w.start_execution(now, &req(COMMAND, p)).unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Failed);
    let e = w.execution(&id).unwrap();
    assert!(e.status_message.contains("maxErrors"), "{}", e.status_message);
    assert_eq!(w.instance("i-bp1sim0demo000000001").unwrap().lifecycle_state, "Standby");
    assert_eq!(w.children(&id).len(), 2, "later batches never started");
    assert_eq!(w.group(DEMO_GROUP_ID).unwrap().suspended_processes.len(), 5);
    // The injected failure was for that execution only.
    // lifecycleState is a List without AllowedValues: OOS takes any states, but a List only.
    let p = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID, "invokeScript": "ok", "lifecycleState": "Standby"});
    let err = w.start_execution(now, &req(COMMAND, p)).unwrap_err();
    assert_eq!(err.code, "InvalidParameter", "a List must be a list: {err}");
}

#[test]
fn cancel_leaves_instances_in_standby() {
    let mut w = world();
    let mut now = T0;
    let id = w.start_execution(now, &req(IMAGE, image_invoke(json!({})))).unwrap();
    now += w.timing().start_delay_ms + w.timing().step_ms + 1;
    w.advance(now);
    let standby: Vec<String> = w
        .instances()
        .iter()
        .filter(|i| i.lifecycle_state == "Standby")
        .map(|i| i.id.clone())
        .collect();
    assert_eq!(standby.len(), 2);
    w.cancel(now, &id).unwrap();
    assert_eq!(status(&w, &id), Status::Cancelled);
    now += 3_600_000;
    w.advance(now);
    for s in &standby {
        assert_eq!(w.instance(s).unwrap().lifecycle_state, "Standby");
    }
    assert!(w.children(&id).iter().all(|c| c.status == Status::Cancelled));
    assert!(w.tasks().iter().filter(|t| t.execution_id == id).all(|t| t.status.is_terminal()));
    assert_eq!(w.group(DEMO_GROUP_ID).unwrap().suspended_processes.len(), 5);
    assert_eq!(w.cancel(now, "exec-missing").unwrap_err().code, "EntityNotExists.Execution");
}

#[test]
fn client_token_is_idempotent() {
    let mut w = world();
    let mut r = req(IMAGE, image_invoke(json!({})));
    r.client_token = Some("token-1".into());
    let a = w.start_execution(T0, &r).unwrap();
    let b = w.start_execution(T0 + 10, &r).unwrap();
    assert_eq!(a, b);
    assert_eq!(w.executions().len(), 1);
    r.parameters["batchNumber"] = json!(2);
    assert_eq!(w.start_execution(T0 + 20, &r).unwrap_err().code, "IdempotentParameterMismatch");
}

#[test]
fn one_update_per_group() {
    let mut w = world();
    let mut now = T0;
    let first = w.start_execution(now, &req(IMAGE, image_invoke(json!({})))).unwrap();
    let second = w.start_execution(now + 1, &req(IMAGE, image_invoke(json!({})))).unwrap();
    let e = w.execution(&second).unwrap();
    assert_eq!(e.status, Status::Failed);
    assert!(
        e.status_message.starts_with("IncorrectScalingGroupStatus")
            && e.status_message.contains(&first)
    );
    // Another group is independent.
    let lt = json!({"invokeType": "invoke", "scalingGroupId": DEMO_LT_GROUP_ID, "imageId": DEMO_NEW_IMAGE});
    let other = w.start_execution(now, &req(IMAGE, lt)).unwrap();
    assert_eq!(run(&mut w, &other, &mut now), Status::Success);
    assert!(group_instances(&w, DEMO_LT_GROUP_ID).iter().all(|i| i.image_id == DEMO_NEW_IMAGE));
    assert_eq!(run(&mut w, &first, &mut now), Status::Success);
    let third = w.start_execution(now, &req(IMAGE, image_invoke(json!({})))).unwrap();
    assert_eq!(run(&mut w, &third, &mut now), Status::Success);
}

#[test]
fn rejects_what_the_template_would_reject() {
    let mut w = world();
    let missing = w
        .start_execution(T0, &req(IMAGE, json!({"invokeType": "invoke", "imageId": "x"})))
        .unwrap_err();
    assert_eq!((missing.code.as_str(), missing.status), ("MissingParameter", 400));
    assert!(missing.message.contains("scalingGroupId"), "{}", missing.message);
    let bad =
        w.start_execution(T0, &req(IMAGE, image_invoke(json!({"batchNumber": 0})))).unwrap_err();
    assert_eq!(bad.code, "InvalidParameter");
    assert!(bad.message.contains("batchNumber"), "{}", bad.message);
    let unknown = w.start_execution(T0, &req("ACS-Nope", json!({}))).unwrap_err();
    assert_eq!((unknown.code.as_str(), unknown.status), ("EntityNotExists.Template", 404));
    assert!(w.executions().is_empty());
}

#[test]
fn unknown_group_and_protected_instances() {
    let mut w = Sim::builder()
        .group(
            GroupSpec::new("asg-small", "small")
                .with_configuration("asc-small", DEMO_OLD_IMAGE, "k")
                .with_instance("i-a", "InService")
                .with_instance("i-b", "Protected"),
        )
        .start_time_ms(T0)
        .build_world();
    let mut now = T0;
    let p =
        json!({"invokeType": "invoke", "scalingGroupId": "asg-nothere", "imageId": DEMO_NEW_IMAGE});
    let id = w.start_execution(now, &req(IMAGE, p)).unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Failed);
    assert!(w.execution(&id).unwrap().status_message.contains("InvalidScalingGroupId.NotFound"));
    let p = json!({"invokeType": "invoke", "scalingGroupId": "asg-small", "imageId": DEMO_NEW_IMAGE, "lifecycleState": ["InService", "Protected"], "batchNumber": 1});
    let id = w.start_execution(now, &req(IMAGE, p)).unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Success);
    assert_eq!(w.instance("i-b").unwrap().lifecycle_state, "Protected");
    assert_eq!(w.instance("i-b").unwrap().image_id, DEMO_NEW_IMAGE);
    // Nothing selected: success without suspending anything.
    let p = json!({"invokeType": "invoke", "scalingGroupId": "asg-small", "imageId": DEMO_NEW_IMAGE, "lifecycleState": ["Protected"], "enterProcess": ["ScaleIn"]});
    w.remove_instance("i-b");
    let id = w.start_execution(now, &req(IMAGE, p)).unwrap();
    assert_eq!(run(&mut w, &id, &mut now), Status::Success);
    assert!(w.group("asg-small").unwrap().suspended_processes.is_empty());
    assert!(w.children(&id).is_empty());
}
