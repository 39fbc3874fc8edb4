//! The core's gate and waiter driving a real update over HTTP on 127.0.0.1 against the
//! simulator (a simulation): batch 1 passes and is approved once, batch 2's alarm fires when
//! it finishes, the gate cancels the update, rolls it back and ends with exit code 7. This is
//! the loop the plugin is to run; the check's result is scripted here (the plugin runs it).

use std::time::{Duration, Instant};

use rolling_update_core::api::ApiRequest;
use rolling_update_core::api::cms::{DescribeMetricRuleList, DescribeMetricRuleListResponse};
use rolling_update_core::api::ecs::{DescribeInstances, DescribeInstancesResponse};
use rolling_update_core::api::oos::{
    CancelExecution, Execution, ListExecutions, ListExecutionsResponse, ListTaskExecutions,
    ListTaskExecutionsResponse, NotifyExecution, NotifyType, StartExecutionResponse,
};
use rolling_update_core::api::response::Status;
use rolling_update_core::gate::{
    Action, CheckResult, Gate, GateConfig, GateContext, OnUnhealthy, Outcome,
};
use rolling_update_core::launch::start_request;
use rolling_update_core::rollback::{Overrides, derive};
use rolling_update_core::template::Template;
use rolling_update_core::waiter::{Call, Step, Waiter, WaiterConfig};
use rolling_update_sim::model::cms::Trigger;
use rolling_update_sim::model::ess::{
    DEMO_CONFIGURATION_ID, DEMO_GROUP_ID, DEMO_NEW_IMAGE, DEMO_OLD_IMAGE,
};
use rolling_update_sim::{CMS_VERSION, ECS_VERSION, OOS_VERSION, Sim, TEST_SPEED};
use serde::de::DeserializeOwned;
use serde_json::json;

use super::client::Client;

const REGION: &str = "cn-hangzhou";

fn send<R: ApiRequest>(c: &Client, version: &str, req: &R) -> R::Response
where
    R::Response: DeserializeOwned,
{
    let call = req.to_call();
    let params: Vec<(&str, &str)> =
        call.params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let r = c.v3(version, call.action, &params).unwrap();
    assert_eq!(r.status, 200, "{} answered {:?}", call.action, r.body);
    serde_json::from_value(r.body).unwrap()
}

fn execution(c: &Client, id: &str) -> Execution {
    let req = ListExecutions { execution_id: Some(id.to_owned()), ..ListExecutions::new(REGION) };
    let page: ListExecutionsResponse = send(c, OOS_VERSION, &req);
    page.executions.into_iter().next().unwrap()
}

/// Follows `id` with a fresh waiter until it asks for nothing more, feeding `gate`.
struct Follower {
    waiter: Waiter,
}

impl Follower {
    fn new(now: u64, through_pauses: bool) -> Follower {
        let config = WaiterConfig::steady(50);
        let config = if through_pauses { config.through_pauses() } else { config };
        Follower { waiter: Waiter::new(config, now) }
    }

    /// One step; returns the events and the end, if any.
    fn step(
        &mut self,
        c: &Client,
        id: &str,
        now: u64,
    ) -> (Vec<rolling_update_core::waiter::Event>, Option<rolling_update_core::waiter::End>) {
        match self.waiter.next(now) {
            Step::Done(end) => (Vec::new(), Some(end)),
            Step::Sleep { until_ms } => {
                std::thread::sleep(Duration::from_millis(until_ms.saturating_sub(now).min(20)));
                (Vec::new(), None)
            }
            Step::Call(Call::Execution) => {
                (self.waiter.observe_execution(now, &execution(c, id)), None)
            }
            Step::Call(Call::Tasks { started_after, next_token }) => {
                let req = ListTaskExecutions {
                    max_results: Some(100),
                    start_date_after: started_after.map(|t| t.to_string()),
                    next_token,
                    ..ListTaskExecutions::new(REGION, id)
                };
                let page: ListTaskExecutionsResponse = send(c, OOS_VERSION, &req);
                let events = self.waiter.observe_task_page(
                    now,
                    &page.task_executions,
                    page.next_token.as_deref(),
                );
                (events, None)
            }
        }
    }
}

fn start_update(c: &Client) -> String {
    let payload = json!({
        "invokeType": "invoke",
        "scalingGroupId": DEMO_GROUP_ID,
        "scalingConfigurationId": DEMO_CONFIGURATION_ID,
        "imageId": DEMO_NEW_IMAGE,
        "sourceImageId": DEMO_OLD_IMAGE,
        "batchNumber": 3,
        "batchPauseOption": "EveryBatchPause",
    });
    let payload = payload.as_object().unwrap().clone();
    let started: StartExecutionResponse =
        send(c, OOS_VERSION, &start_request(REGION, Template::Image, &payload, None, None));
    started.execution.execution_id
}

/// What a gated run left: how it ended, the gate (with its records) and, per check, the batch,
/// its instance ids and its private IPs as the check's environment held them.
struct Run {
    outcome: Outcome,
    reason: String,
    gate: Gate,
    checked: Vec<(String, String, String)>,
}

/// Runs the gate over `id` to its stop, doing every action over HTTP as the plugin would.
fn drive(c: &Client, id: &str) -> Run {
    let clock = Instant::now();
    let now = || clock.elapsed().as_millis() as u64;
    let config = GateConfig {
        check: true,
        alarms: vec!["rule-canary".into()],
        on_unhealthy: OnUnhealthy::Rollback,
        confirm_ms: 10_000,
        confirm_poll_ms: 50,
        cancel_ms: 20_000,
        ..GateConfig::default()
    };
    let context = GateContext {
        execution_id: id.to_owned(),
        scaling_group_id: DEMO_GROUP_ID.into(),
        region: REGION.into(),
        batches: Some(3),
    };
    let mut gate = Gate::new(config, context);
    let mut follower = Follower::new(now(), false);
    let mut checked = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(40);
    let (outcome, reason) = loop {
        assert!(Instant::now() < deadline, "the gated update did not end");
        match gate.next(now()) {
            Action::Follow => {
                if follower.waiter.is_done() {
                    follower = Follower::new(now(), false);
                }
                let (events, end) = follower.step(c, id, now());
                events.iter().for_each(|e| gate.on_event(e));
                if let Some(end) = end {
                    gate.on_end(&end);
                }
            }
            Action::LookUpAddresses { instance_ids, .. } => {
                let req = DescribeInstances {
                    region_id: REGION.into(),
                    instance_ids,
                    page_size: Some(100),
                    ..Default::default()
                };
                let answer: DescribeInstancesResponse = send(c, ECS_VERSION, &req);
                gate.on_addresses(&answer.private_ips());
            }
            Action::RunCheck { env, .. } => {
                let get =
                    |k: &str| env.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone()).unwrap();
                checked.push((get("RU_BATCH"), get("RU_INSTANCE_IDS"), get("RU_INSTANCE_IPS")));
                gate.on_check(now(), CheckResult::Exited { code: Some(0) }, 5);
            }
            Action::ReadAlarms { rule_ids, .. } => {
                let mut states = Vec::new();
                for chunk in rule_ids {
                    let req = DescribeMetricRuleList {
                        region_id: REGION.into(),
                        page_size: Some(chunk.len() as u32),
                        rule_ids: chunk,
                        ..Default::default()
                    };
                    let answer: DescribeMetricRuleListResponse = send(c, CMS_VERSION, &req);
                    assert_eq!(answer.failure(), None);
                    states.extend(answer.states());
                }
                gate.on_alarms(now(), &states);
            }
            Action::Sleep { until_ms } => {
                std::thread::sleep(Duration::from_millis(until_ms.saturating_sub(now()).min(20)))
            }
            Action::Approve { .. } => {
                let req = NotifyExecution::new(REGION, id, NotifyType::Approve);
                send(c, OOS_VERSION, &req);
                gate.on_approved(now());
            }
            Action::ReadExecution => {
                let status = execution(c, id).status;
                gate.on_execution(now(), &status);
            }
            Action::Cancel => {
                let req = CancelExecution { region_id: REGION.into(), execution_id: id.to_owned() };
                send(c, OOS_VERSION, &req);
                gate.on_cancelled(now(), Ok(()));
            }
            Action::StartRollback => {
                let source = execution(c, id);
                // The automatic rollback does not pause: nobody is there to approve it.
                let overrides = Overrides {
                    batch_pause_option: Some("Automatic".into()),
                    ..Overrides::default()
                };
                let (template, rollback) = derive(&source, &overrides).unwrap();
                let started: StartExecutionResponse =
                    send(c, OOS_VERSION, &start_request(REGION, template, &rollback, None, None));
                let rb = started.execution.execution_id;
                let mut follow = Follower::new(now(), true);
                let end = loop {
                    assert!(Instant::now() < deadline, "the rollback did not end");
                    if let (_, Some(end)) = follow.step(c, &rb, now()) {
                        break end;
                    }
                };
                let status = match end {
                    rolling_update_core::waiter::End::Finished(status) => status,
                    rolling_update_core::waiter::End::Paused => Status::Waiting,
                };
                gate.on_rollback(Ok((rb, status)));
            }
            Action::Stop { outcome, reason } => break (outcome, reason),
        }
    };
    Run { outcome, reason, gate, checked }
}

fn all_on_image(sim: &rolling_update_sim::SimHandle, image: &str) -> bool {
    sim.world()
        .instances()
        .iter()
        .filter(|i| i.scaling_group_id == DEMO_GROUP_ID)
        .all(|i| i.image_id == image)
}

/// The check saw each batch's own instances and their private IPs from ECS.
fn assert_checks_saw_their_batch(sim: &rolling_update_sim::SimHandle, run: &Run) {
    let world = sim.world();
    for (batch, ids, ips) in &run.checked {
        let want: Vec<String> = ids.split(',').map(|i| world.private_ip(i).unwrap()).collect();
        assert_eq!(ips, &want.join(","), "batch {batch}");
        assert!(!ids.is_empty(), "batch {batch} named its instances");
    }
}

#[test]
fn every_gate_passing_approves_each_batch_once_and_exits_0() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    sim.with_world(|w| w.add_alarm_rule("rule-canary", "OK").unwrap());
    let c = Client::new(&sim);
    let id = start_update(&c);
    let run = drive(&c, &id);
    assert_eq!((run.outcome.exit_code(), &run.outcome), (0, &Outcome::Passed), "{}", run.reason);
    assert_eq!(sim.calls_to("NotifyExecution"), 2, "batches 1 and 2 approved once each");
    assert_eq!(run.gate.records().len(), 3);
    assert!(run.gate.records().iter().all(|r| r.healthy));
    assert_eq!(run.checked.len(), 3);
    assert_checks_saw_their_batch(&sim, &run);
    assert_eq!(execution(&c, &id).status, Status::Success);
    assert!(all_on_image(&sim, DEMO_NEW_IMAGE), "the group is on the new image");
}

#[test]
fn a_canary_alarm_at_batch_2_rolls_the_group_back_with_exit_7() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    sim.with_world(|w| {
        w.add_alarm_rule("rule-canary", "OK").unwrap();
        w.schedule_alarm("rule-canary", Trigger::BatchFinished(2), "ALARM").unwrap();
    });
    let c = Client::new(&sim);
    let id = start_update(&c);
    let run = drive(&c, &id);
    let (outcome, reason) = (&run.outcome, &run.reason);
    assert_eq!(outcome.exit_code(), 7, "{outcome:?}: {reason}");
    assert!(matches!(outcome, Outcome::RolledBack { .. }));
    assert!(reason.starts_with("batch 2: rule-canary is ALARM"), "{reason}");
    assert_eq!(sim.calls_to("NotifyExecution"), 1, "batch 1 approved once, batch 2 never");
    let records = run.gate.records();
    assert_eq!(records.len(), 2);
    assert!(records[0].healthy && !records[1].healthy);
    assert_eq!(run.checked.len(), 2);
    assert_checks_saw_their_batch(&sim, &run);
    assert_eq!(execution(&c, &id).status, Status::Cancelled);
    assert!(all_on_image(&sim, DEMO_OLD_IMAGE), "the group ends on its old image");
    assert_eq!(sim.calls_to("StartExecution"), 2, "the update and its one rollback");
}
