//! Instance refresh in the pure model: batches, skips, checkpoints, suspend/resume, cancel,
//! rollback, refusals, idempotency and faults, over a simulated clock.

use rolling_update_sim::model::ess::{
    DEMO_CONFIGURATION_ID, DEMO_ECI_GROUP_ID, DEMO_GROUP_ID, DEMO_LT_GROUP_ID, DEMO_NEW_IMAGE,
    DEMO_OLD_IMAGE,
};
use rolling_update_sim::model::refresh::codes;
use rolling_update_sim::model::{
    Instance, RefreshControl, RefreshFault, RefreshRequest, RefreshStatus,
};
use rolling_update_sim::{GroupSpec, Sim, World};
use serde_json::json;

const T0: u64 = 1_735_689_600_000; // 2025-01-01T00:00:00Z

fn world() -> World {
    Sim::builder().demo_groups().start_time_ms(T0).build_world()
}

fn image_request(image: &str) -> RefreshRequest {
    let mut r = RefreshRequest::new(DEMO_GROUP_ID);
    r.desired.image_id = Some(image.to_owned());
    r
}

fn members(w: &World, group: &str) -> Vec<Instance> {
    w.instances().iter().filter(|i| i.scaling_group_id == group).cloned().collect()
}

fn status(w: &World, id: &str) -> RefreshStatus {
    w.instance_refresh(id).unwrap().status
}

/// Advances a second at a time until the task's status is one of `want`; calls `each` after
/// every step. Returns the simulated time reached.
fn run_until(w: &mut World, id: &str, want: &[RefreshStatus], mut each: impl FnMut(&World)) -> u64 {
    let mut now = w.now_ms();
    for _ in 0..100_000 {
        if want.contains(&status(w, id)) {
            return now;
        }
        now += 1_000;
        w.advance(now);
        each(w);
    }
    panic!("task {id} never reached {want:?}; it is {:?}", status(w, id));
}

fn in_service(w: &World, group: &str) -> usize {
    members(w, group).iter().filter(|i| i.lifecycle_state == "InService").count()
}

#[test]
fn image_refresh_replaces_every_instance_with_new_ids_within_the_percentages() {
    let mut w = world();
    let old: Vec<String> = members(&w, DEMO_GROUP_ID).into_iter().map(|i| i.id).collect();
    let id = w.start_instance_refresh(T0, &image_request(DEMO_NEW_IMAGE)).unwrap();
    assert!(id.starts_with("ir-"), "{id}");
    assert_eq!(status(&w, &id), RefreshStatus::Pending);
    assert_eq!(w.instance_refresh(&id).unwrap().total, 6);
    let (mut most, mut least) = (0, usize::MAX);
    run_until(&mut w, &id, &[RefreshStatus::Successful], |w| {
        most = most.max(members(w, DEMO_GROUP_ID).len());
        least = least.min(in_service(w, DEMO_GROUP_ID));
    });
    // Defaults 80/120 on six: at least 5 in service, at most 7 at once, two per batch.
    assert!(most <= 7 && least >= 5, "most {most}, least in service {least}");
    let task = w.instance_refresh(&id).unwrap();
    assert_eq!((task.finished, task.total), (6, 6));
    assert!(task.end_ms.is_some());
    let now = members(&w, DEMO_GROUP_ID);
    assert_eq!(now.len(), 6);
    for i in &now {
        assert!(!old.contains(&i.id), "{} is an old id", i.id);
        assert_eq!(i.image_id, DEMO_NEW_IMAGE);
        assert_eq!(i.lifecycle_state, "InService");
    }
    let group = w.group(DEMO_GROUP_ID).unwrap();
    let active = group.active_scaling_configuration_id.clone().unwrap();
    assert_ne!(active, DEMO_CONFIGURATION_ID);
    let configs = w.configurations();
    let new = configs.iter().find(|c| c.id == active).unwrap();
    assert_eq!((new.image_id.as_str(), new.lifecycle_state.as_str()), (DEMO_NEW_IMAGE, "Active"));
    let before = configs.iter().find(|c| c.id == DEMO_CONFIGURATION_ID).unwrap();
    assert_eq!(before.lifecycle_state, "Inactive");
    let activities: Vec<_> = w
        .scaling_activities()
        .iter()
        .filter(|a| a.instance_refresh_task_id.as_deref() == Some(id.as_str()))
        .collect();
    assert_eq!(activities.len(), 3);
    for a in activities {
        assert_eq!((a.status_code.as_str(), a.progress), ("Successful", 100));
        assert_eq!((a.created.len(), a.destroyed.len()), (2, 2));
    }
}

#[test]
fn min_and_max_100_replace_one_at_a_time_and_keep_full_capacity() {
    let mut w = world();
    let mut r = image_request(DEMO_NEW_IMAGE);
    r.min_healthy_percentage = 100;
    r.max_healthy_percentage = 100;
    let id = w.start_instance_refresh(T0, &r).unwrap();
    let mut least = usize::MAX;
    run_until(&mut w, &id, &[RefreshStatus::Successful], |w| {
        least = least.min(in_service(w, DEMO_GROUP_ID));
    });
    assert_eq!(least, 6, "launch first: capacity in service never drops");
    let batches = w.scaling_activities().iter().filter(|a| a.created.len() == 1).count();
    assert_eq!(batches, 6);
}

#[test]
fn max_100_releases_before_launching() {
    let mut w = world();
    let mut r = image_request(DEMO_NEW_IMAGE);
    r.min_healthy_percentage = 50;
    r.max_healthy_percentage = 100;
    let id = w.start_instance_refresh(T0, &r).unwrap();
    let (mut most, mut least) = (0, usize::MAX);
    run_until(&mut w, &id, &[RefreshStatus::Successful], |w| {
        most = most.max(members(w, DEMO_GROUP_ID).len());
        least = least.min(in_service(w, DEMO_GROUP_ID));
    });
    assert_eq!((most, least), (6, 3), "three at a time, never above six");
    assert_eq!(w.scaling_activities().len(), 2);
}

#[test]
fn standby_protected_attached_and_matching_instances_are_skipped() {
    let spec = GroupSpec::demo_with(3)
        .with_instance("i-standby", "Standby")
        .with_instance("i-protected", "Protected");
    let mut w = Sim::builder().group(spec).start_time_ms(T0).build_world();
    let mut w2 = w.clone();
    // Instance 3 is manually attached; 1 and 2 are on the desired configuration.
    assert!(w.set_instance_creation_type("i-bp1sim0demo000000003", "Attached"));
    assert!(!w.set_instance_creation_type("i-nope", "Attached"));
    let mut r = RefreshRequest::new(DEMO_GROUP_ID);
    r.desired.scaling_configuration_id = Some(DEMO_CONFIGURATION_ID.into());
    let id = w.start_instance_refresh(T0, &r).unwrap();
    let task = w.instance_refresh(&id).unwrap();
    let why: Vec<(&str, &str)> =
        task.skipped.iter().map(|(i, w)| (i.as_str(), w.as_str())).collect();
    assert_eq!(
        why,
        vec![
            ("i-bp1sim0demo000000001", "already on the desired configuration"),
            ("i-bp1sim0demo000000002", "already on the desired configuration"),
            ("i-bp1sim0demo000000003", "manually added (Attached)"),
            ("i-standby", "Standby instance"),
            ("i-protected", "Protected instance"),
        ]
    );
    assert_eq!(task.total, 0);
    run_until(&mut w, &id, &[RefreshStatus::Successful], |_| {});
    assert!(w.instance("i-standby").is_some() && w.instance("i-bp1sim0demo000000001").is_some());

    // Without SkipMatching the two on the desired configuration are replaced too.
    r.skip_matching = false;
    let id = w2.start_instance_refresh(T0, &r).unwrap();
    assert_eq!(w2.instance_refresh(&id).unwrap().total, 3);
    run_until(&mut w2, &id, &[RefreshStatus::Successful], |_| {});
    assert!(w2.instance("i-bp1sim0demo000000001").is_none());
    assert!(w2.instance("i-standby").is_some() && w2.instance("i-protected").is_some());
}

#[test]
fn a_checkpoint_pauses_then_resumes_by_itself_after_its_pause_time() {
    let mut w = world();
    let mut r = image_request(DEMO_NEW_IMAGE);
    r.checkpoints = vec![50, 100];
    r.checkpoint_pause_time = 2;
    let id = w.start_instance_refresh(T0, &r).unwrap();
    let at = run_until(&mut w, &id, &[RefreshStatus::CheckpointPause], |_| {});
    let task = w.instance_refresh(&id).unwrap();
    assert_eq!((task.finished, task.total), (3, 6), "the batch stops at the checkpoint");
    assert!(task.detail.contains("50 %"), "{}", task.detail);
    w.advance(at + 119_000);
    assert_eq!(status(&w, &id), RefreshStatus::CheckpointPause);
    w.advance(at + 120_000);
    assert_eq!(status(&w, &id), RefreshStatus::InProgress);
    run_until(&mut w, &id, &[RefreshStatus::Successful], |_| {});
}

#[test]
fn suspend_holds_the_task_and_resume_continues_it() {
    let mut w = world();
    let id = w.start_instance_refresh(T0, &image_request(DEMO_NEW_IMAGE)).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::InProgress], |_| {});
    let now = w.now_ms();
    w.control_instance_refresh(now, DEMO_GROUP_ID, &id, RefreshControl::Suspend).unwrap();
    assert_eq!(status(&w, &id), RefreshStatus::Paused);
    w.advance(now + 3_600_000);
    assert_eq!(status(&w, &id), RefreshStatus::Paused);
    let task = w.instance_refresh(&id).unwrap();
    assert_eq!(task.finished, 2, "the batch under way finished, no other started");
    let err = w
        .control_instance_refresh(now + 3_600_000, DEMO_GROUP_ID, &id, RefreshControl::Suspend)
        .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (400, codes::TASK_STATUS));
    w.control_instance_refresh(now + 3_600_000, DEMO_GROUP_ID, &id, RefreshControl::Resume)
        .unwrap();
    assert_eq!(status(&w, &id), RefreshStatus::InProgress);
    run_until(&mut w, &id, &[RefreshStatus::Successful], |_| {});
}

#[test]
fn cancel_keeps_what_was_replaced_and_the_old_configuration() {
    let mut w = world();
    let mut r = image_request(DEMO_NEW_IMAGE);
    r.checkpoints = vec![30, 100];
    let id = w.start_instance_refresh(T0, &r).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::CheckpointPause], |_| {});
    let now = w.now_ms();
    w.control_instance_refresh(now, DEMO_GROUP_ID, &id, RefreshControl::Cancel).unwrap();
    assert_eq!(status(&w, &id), RefreshStatus::Cancelling);
    run_until(&mut w, &id, &[RefreshStatus::Cancelled], |_| {});
    let images: Vec<String> = members(&w, DEMO_GROUP_ID).into_iter().map(|i| i.image_id).collect();
    assert_eq!(images.iter().filter(|i| *i == DEMO_NEW_IMAGE).count(), 2, "{images:?}");
    assert_eq!(images.iter().filter(|i| *i == DEMO_OLD_IMAGE).count(), 4, "{images:?}");
    let group = w.group(DEMO_GROUP_ID).unwrap();
    assert_eq!(group.active_scaling_configuration_id.as_deref(), Some(DEMO_CONFIGURATION_ID));
    let err = w
        .control_instance_refresh(w.now_ms(), DEMO_GROUP_ID, &id, RefreshControl::Resume)
        .unwrap_err();
    assert_eq!(err.code, codes::TASK_STATUS);
}

#[test]
fn rollback_replaces_the_new_instances_and_restores_the_configuration() {
    let mut w = world();
    let old: Vec<String> = members(&w, DEMO_GROUP_ID).into_iter().map(|i| i.id).collect();
    let mut r = image_request(DEMO_NEW_IMAGE);
    r.checkpoints = vec![50, 100];
    let id = w.start_instance_refresh(T0, &r).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::CheckpointPause], |_| {});
    let forward: Vec<String> = w.instance_refresh(&id).unwrap().created.clone();
    assert_eq!(forward.len(), 3);
    let now = w.now_ms();
    w.control_instance_refresh(now, DEMO_GROUP_ID, &id, RefreshControl::Rollback).unwrap();
    assert_eq!(status(&w, &id), RefreshStatus::RollbackInProgress);
    let err =
        w.control_instance_refresh(now, DEMO_GROUP_ID, &id, RefreshControl::Cancel).unwrap_err();
    assert_eq!(err.code, codes::TASK_STATUS);
    assert!(err.message.contains("cannot be cancelled"), "{}", err.message);
    run_until(&mut w, &id, &[RefreshStatus::RollbackSuccessful], |_| {});
    let task = w.instance_refresh(&id).unwrap();
    assert_eq!((task.finished, task.total), (3, 3));
    let now = members(&w, DEMO_GROUP_ID);
    assert_eq!(now.len(), 6);
    for i in &now {
        assert_eq!(i.image_id, DEMO_OLD_IMAGE, "{}", i.id);
        assert_eq!(i.scaling_configuration_id.as_deref(), Some(DEMO_CONFIGURATION_ID));
        assert!(!forward.contains(&i.id), "{} survived the rollback", i.id);
    }
    assert_eq!(now.iter().filter(|i| old.contains(&i.id)).count(), 3);
    let group = w.group(DEMO_GROUP_ID).unwrap();
    assert_eq!(group.active_scaling_configuration_id.as_deref(), Some(DEMO_CONFIGURATION_ID));
    // The group is free again.
    assert!(w.start_instance_refresh(w.now_ms(), &image_request(DEMO_NEW_IMAGE)).is_ok());
}

#[test]
fn a_launch_that_fails_ends_the_task_failed_and_it_can_be_rolled_back() {
    let mut w = world();
    w.fail_refresh(RefreshFault::LaunchFails { batch: Some(2) });
    let id = w.start_instance_refresh(T0, &image_request(DEMO_NEW_IMAGE)).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::Failed], |_| {});
    let task = w.instance_refresh(&id).unwrap().clone();
    assert!(task.detail.contains("failed to start"), "{}", task.detail);
    assert_eq!(task.finished, 2);
    assert_eq!(members(&w, DEMO_GROUP_ID).len(), 6);
    let failed: Vec<_> =
        w.scaling_activities().iter().filter(|a| a.status_code == "Failed").collect();
    assert_eq!(failed.len(), 1);
    w.control_instance_refresh(w.now_ms(), DEMO_GROUP_ID, &id, RefreshControl::Rollback).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::RollbackSuccessful], |_| {});
    assert!(members(&w, DEMO_GROUP_ID).iter().all(|i| i.image_id == DEMO_OLD_IMAGE));
}

#[test]
fn a_launch_failing_in_a_rollback_ends_it_rollback_failed() {
    let mut w = world();
    w.fail_refresh(RefreshFault::LaunchFails { batch: Some(2) });
    let id = w.start_instance_refresh(T0, &image_request(DEMO_NEW_IMAGE)).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::InProgress], |_| {});
    w.control_instance_refresh(w.now_ms(), DEMO_GROUP_ID, &id, RefreshControl::Rollback).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::RollbackFailed], |_| {});
    assert!(!w.instance_refresh(&id).unwrap().detail.is_empty());
}

#[test]
fn unhealthy_new_instances_come_up_and_the_refresh_goes_on() {
    let mut w = world();
    w.fail_refresh(RefreshFault::Unhealthy { batch: Some(1) });
    let id = w.start_instance_refresh(T0, &image_request(DEMO_NEW_IMAGE)).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::Successful], |_| {});
    let first = &w.scaling_activities()[0].created;
    for i in first {
        assert_eq!(w.instance(i).unwrap().health_status, "Unhealthy");
    }
    let healthy =
        members(&w, DEMO_GROUP_ID).iter().filter(|i| i.health_status == "Healthy").count();
    assert_eq!(healthy, 4);
}

#[test]
fn launch_template_refresh_moves_the_group_to_the_version() {
    let mut w = world();
    let mut r = RefreshRequest::new(DEMO_LT_GROUP_ID);
    r.desired.launch_template_id = Some("lt-bp1sim0demo000000001".into());
    r.desired.launch_template_version = Some("2".into());
    r.desired.instance_types = vec!["ecs.g7.xlarge".into()];
    let id = w.start_instance_refresh(T0, &r).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::Successful], |_| {});
    let g = w.group(DEMO_LT_GROUP_ID).unwrap();
    assert_eq!(g.launch_template_version.as_deref(), Some("2"));
    for i in members(&w, DEMO_LT_GROUP_ID) {
        assert_eq!(i.launch_template_version.as_deref(), Some("2"));
    }
    // A rollback of a task on Latest is refused, as ESS refuses it.
    let mut latest = r.clone();
    latest.desired.launch_template_version = Some("Latest".into());
    let id = w.start_instance_refresh(w.now_ms(), &latest).unwrap();
    let err = w
        .control_instance_refresh(w.now_ms(), DEMO_LT_GROUP_ID, &id, RefreshControl::Rollback)
        .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (400, codes::NO_ROLLBACK));
    assert!(err.message.contains("Latest"), "{}", err.message);
}

#[test]
fn eci_refresh_merges_the_containers_into_a_new_configuration() {
    let mut w = world();
    let mut r = RefreshRequest::new(DEMO_ECI_GROUP_ID);
    r.desired.containers = vec![json!({"Name": "web", "Image": "registry/web:2.0"})];
    let id = w.start_instance_refresh(T0, &r).unwrap();
    run_until(&mut w, &id, &[RefreshStatus::Successful], |_| {});
    for i in members(&w, DEMO_ECI_GROUP_ID) {
        assert!(i.id.starts_with("eci-"), "{}", i.id);
        assert_eq!(i.containers[0]["Image"], "registry/web:2.0");
        assert_eq!(i.containers[0]["ImagePullPolicy"], "IfNotPresent", "merged by Name");
    }
}

/// Starts `base` changed by `edit` and checks the refusal: HTTP status, code, and a message
/// that names what is wrong.
fn refused(w: &mut World, edit: impl Fn(&mut RefreshRequest), status: u16, code: &str, says: &str) {
    let mut req = image_request(DEMO_NEW_IMAGE);
    edit(&mut req);
    let err = w.start_instance_refresh(T0, &req).expect_err(says);
    assert_eq!((err.status, err.code.as_str()), (status, code), "{says}: {}", err.message);
    assert!(err.message.contains(says), "{says}: {}", err.message);
}

#[test]
fn every_documented_refusal_of_a_start() {
    let mut w = Sim::builder()
        .demo_groups()
        .group(GroupSpec::new("asg-balance", "balanced").with_multi_az_policy("BALANCE"))
        .start_time_ms(T0)
        .build_world();
    let (invalid, conflict) = (codes::INVALID, codes::CONFLICT);
    refused(&mut w, |r| r.min_healthy_percentage = 101, 400, invalid, "MinHealthyPercentage");
    refused(&mut w, |r| r.max_healthy_percentage = 99, 400, invalid, "MaxHealthyPercentage");
    refused(&mut w, |r| r.max_healthy_percentage = 201, 400, invalid, "MaxHealthyPercentage");
    refused(&mut w, |r| r.checkpoint_pause_time = 0, 400, invalid, "CheckpointPauseTime");
    refused(&mut w, |r| r.checkpoint_pause_time = 2881, 400, invalid, "CheckpointPauseTime");
    refused(&mut w, |r| r.checkpoints = vec![50, 50, 100], 400, invalid, "ascending");
    refused(&mut w, |r| r.checkpoints = vec![20, 60], 400, invalid, "must be 100");
    refused(&mut w, |r| r.checkpoints = vec![0, 100], 400, invalid, "Checkpoints.1.Percentage");
    let config = Some(DEMO_CONFIGURATION_ID.to_owned());
    let two = "ScalingConfigurationId and ImageId";
    refused(&mut w, |r| r.desired.scaling_configuration_id = config.clone(), 400, conflict, two);
    let lt = |r: &mut RefreshRequest| r.scaling_group_id = DEMO_LT_GROUP_ID.into();
    refused(&mut w, lt, 400, conflict, "launch-template group");
    let balance = |r: &mut RefreshRequest| r.scaling_group_id = "asg-balance".into();
    refused(&mut w, balance, 400, codes::POLICY, "BALANCE");
    let nope = |r: &mut RefreshRequest| r.scaling_group_id = "asg-nope".into();
    refused(&mut w, nope, 404, codes::GROUP_NOT_FOUND, "asg-nope");
    let beijing = |r: &mut RefreshRequest| r.region_id = "cn-beijing".into();
    refused(&mut w, beijing, 404, codes::GROUP_NOT_FOUND, DEMO_GROUP_ID);
    let unknown = |r: &mut RefreshRequest| {
        r.desired.image_id = None;
        r.desired.scaling_configuration_id = Some("asc-nope".into());
    };
    refused(&mut w, unknown, 404, codes::CONFIGURATION_NOT_FOUND, "asc-nope");
    let containers = |r: &mut RefreshRequest| {
        r.desired.image_id = None;
        r.desired.containers = vec![json!({"Name": "web"})];
    };
    refused(&mut w, containers, 400, conflict, "ECI groups");
    // Min > Max is out of range on one side or the other (Min <= 100 <= Max); Min = Max = 100
    // is allowed.
    let mut equal = image_request(DEMO_NEW_IMAGE);
    equal.min_healthy_percentage = 100;
    equal.max_healthy_percentage = 100;
    assert!(equal.check().is_ok(), "min = max is allowed");
    assert!(w.instance_refreshes().is_empty(), "a refused start makes no task");
    let base = image_request(DEMO_NEW_IMAGE);
    let first = w.start_instance_refresh(T0, &base).unwrap();
    let err = w.start_instance_refresh(T0, &base).unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (400, codes::GROUP_STATUS));
    assert!(err.message.contains(&first), "{}", err.message);
    assert_eq!(w.instance_refreshes().len(), 1);
}

#[test]
fn control_refusals_name_the_task_and_its_status() {
    let mut w = world();
    let err = w
        .control_instance_refresh(T0, DEMO_GROUP_ID, "ir-nope", RefreshControl::Suspend)
        .unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (404, codes::TASK_NOT_FOUND));
    let id = w.start_instance_refresh(T0, &image_request(DEMO_NEW_IMAGE)).unwrap();
    let err =
        w.control_instance_refresh(T0, DEMO_LT_GROUP_ID, &id, RefreshControl::Cancel).unwrap_err();
    assert_eq!(err.code, codes::TASK_NOT_FOUND, "a task of another group is not found");
    let err =
        w.control_instance_refresh(T0, DEMO_GROUP_ID, &id, RefreshControl::Resume).unwrap_err();
    assert_eq!(err.code, codes::TASK_STATUS);
    assert!(err.message.contains("Pending") && err.message.contains("Paused"), "{}", err.message);
    run_until(&mut w, &id, &[RefreshStatus::Successful], |_| {});
    for control in [
        RefreshControl::Suspend,
        RefreshControl::Resume,
        RefreshControl::Cancel,
        RefreshControl::Rollback,
    ] {
        let err = w.control_instance_refresh(w.now_ms(), DEMO_GROUP_ID, &id, control).unwrap_err();
        assert_eq!((err.status, err.code.as_str()), (400, codes::TASK_STATUS), "{control:?}");
        assert!(err.message.contains("Successful"), "{}", err.message);
    }
    // No desired configuration: nothing to roll back to.
    let id = w.start_instance_refresh(w.now_ms(), &RefreshRequest::new(DEMO_GROUP_ID)).unwrap();
    let err = w
        .control_instance_refresh(w.now_ms(), DEMO_GROUP_ID, &id, RefreshControl::Rollback)
        .unwrap_err();
    assert_eq!(err.code, codes::NO_ROLLBACK);
}

#[test]
fn a_client_token_makes_a_start_idempotent() {
    let mut w = world();
    let mut r = image_request(DEMO_NEW_IMAGE);
    r.client_token = Some("token-1".into());
    let first = w.start_instance_refresh(T0, &r).unwrap();
    assert_eq!(w.start_instance_refresh(T0 + 5_000, &r).unwrap(), first);
    assert_eq!(w.instance_refreshes().len(), 1);
    r.min_healthy_percentage = 50;
    let err = w.start_instance_refresh(T0 + 6_000, &r).unwrap_err();
    assert_eq!((err.status, err.code.as_str()), (400, codes::TOKEN_MISMATCH));
}

mod props {
    use proptest::prelude::*;

    use super::*;

    fn control(n: u8) -> RefreshControl {
        match n % 4 {
            0 => RefreshControl::Suspend,
            1 => RefreshControl::Resume,
            2 => RefreshControl::Cancel,
            _ => RefreshControl::Rollback,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Any percentages, checkpoints and sequence of controls at any times: nothing panics,
        /// the group never holds more than `floor(6 × Max / 100)` instances (7 when the
        /// percentages leave no room, `keep = most = 6`, as Min = Max = 100: one is launched
        /// before one is released), and once the task is let run it ends in a terminal status
        /// with six InService instances again.
        #[test]
        fn any_control_sequence_keeps_the_group_within_bounds(
            min in 0u32..=100,
            max in 100u32..=200,
            cut in 1u32..=99,
            ops in proptest::collection::vec((0u8..4, 0u64..40_000), 0..8),
        ) {
            let mut w = world();
            let mut r = image_request(DEMO_NEW_IMAGE);
            r.min_healthy_percentage = min;
            r.max_healthy_percentage = max;
            r.checkpoints = vec![cut, 100];
            r.checkpoint_pause_time = 1;
            let id = w.start_instance_refresh(T0, &r).unwrap();
            let keep = (6 * min).div_ceil(100) as usize;
            let most = (6 * max / 100) as usize;
            let bound = if keep == most { 7 } else { most };
            let mut now = T0;
            for (op, wait) in ops {
                for _ in 0..(wait / 1_000) {
                    now += 1_000;
                    w.advance(now);
                    prop_assert!(members(&w, DEMO_GROUP_ID).len() <= bound);
                }
                // Refusals are fine; panics and broken invariants are not.
                let _ = w.control_instance_refresh(now, DEMO_GROUP_ID, &id, control(op));
            }
            if status(&w, &id) == RefreshStatus::Paused {
                w.control_instance_refresh(now, DEMO_GROUP_ID, &id, RefreshControl::Resume)
                    .unwrap();
            }
            for _ in 0..3_600 {
                now += 1_000;
                w.advance(now);
                prop_assert!(members(&w, DEMO_GROUP_ID).len() <= bound);
            }
            let task = w.instance_refresh(&id).unwrap();
            prop_assert!(task.status.is_terminal(), "{:?}", task.status);
            prop_assert_eq!(members(&w, DEMO_GROUP_ID).len(), 6);
            prop_assert!(members(&w, DEMO_GROUP_ID).iter().all(|i| i.lifecycle_state == "InService"));
            prop_assert!(task.finished <= task.total);
        }
    }
}
