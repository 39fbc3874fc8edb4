//! `wait` with health gates, end to end against the simulator over HTTP on 127.0.0.1 (a
//! simulation): the real check under `sh -c`, CloudMonitor and ECS calls, approvals, the
//! automatic rollback.

use rolling_update_sim::model::cms::Trigger;
use rolling_update_sim::model::ess::{DEMO_GROUP_ID, DEMO_NEW_IMAGE, DEMO_OLD_IMAGE};
use rolling_update_sim::{Sim, SimHandle, TEST_SPEED};
use serde_json::Value;

use super::demo::Captured;
use super::in_process_tests::verb;
use crate::cli::Verb;
use crate::ctx::Ctx;
use crate::exit::Code;

fn context(sim: &SimHandle) -> (Ctx, Captured, Captured) {
    super::in_process_tests::context(sim, TEST_SPEED)
}

/// Starts a 3-batch image update that pauses after every batch; returns its id.
fn start(ctx: &mut Ctx, out: &Captured) -> String {
    let Verb::Start(args) = verb(&[
        "start",
        "--template",
        "image",
        "--scaling-group-id",
        DEMO_GROUP_ID,
        "--image-id",
        DEMO_NEW_IMAGE,
        "--batch-number",
        "3",
        "--batch-pause-option",
        "EveryBatchPause",
    ]) else {
        unreachable!("start parses as start")
    };
    assert_eq!(super::api::start(ctx, &args).unwrap(), Code::Ok);
    let started: Value = serde_json::from_str(&out.take()).unwrap();
    started["executionId"].as_str().unwrap().to_owned()
}

const CHECK: &str =
    "echo \"batch=$RU_BATCH/$RU_BATCHES ids=$RU_INSTANCE_IDS ips=$RU_INSTANCE_IPS\"";

fn gated_wait(ctx: &mut Ctx, id: &str) -> Code {
    gated_wait_with(ctx, id, "rollback")
}

fn gated_wait_with(ctx: &mut Ctx, id: &str, on_unhealthy: &str) -> Code {
    let Verb::Wait(args) = verb(&[
        "wait",
        id,
        "--check",
        CHECK,
        "--alarm",
        "rule-canary",
        "--on-unhealthy",
        on_unhealthy,
    ]) else {
        unreachable!("wait parses as wait")
    };
    let gating = super::gate::plan(&args.gate).unwrap().expect("gated");
    super::gate::follow_gated(ctx, id, &gating).unwrap()
}

fn group_images(sim: &SimHandle) -> Vec<String> {
    let world = sim.world();
    world
        .instances()
        .iter()
        .filter(|i| i.scaling_group_id == DEMO_GROUP_ID)
        .map(|i| i.image_id.clone())
        .collect()
}

#[test]
fn every_gate_passing_exits_0_with_each_batch_approved_once() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    sim.with_world(|w| w.add_alarm_rule("rule-canary", "OK").unwrap());
    let (mut ctx, out, err) = context(&sim);
    let id = start(&mut ctx, &out);
    let started = err.take();
    assert!(started.contains("SIMULATION"), "labelled a simulation:\n{started}");
    let code = gated_wait(&mut ctx, &id);
    let stderr = err.take();
    assert_eq!(code, Code::Ok, "{stderr}");
    let result: Value = serde_json::from_str(&out.take()).unwrap();
    assert_eq!(result["outcome"]["kind"], "passed", "{result}\n{stderr}");
    let gates = result["gates"].as_array().unwrap();
    let decisions: Vec<&str> = gates.iter().map(|g| g["decision"].as_str().unwrap()).collect();
    assert_eq!(decisions, ["approve", "approve", "pass"], "{stderr}");
    assert_eq!(sim.calls_to("NotifyExecution"), 2, "batches 1 and 2 approved once each");
    // The check ran with each batch's own instances and their ECS private IPs.
    let world = sim.world();
    for gate in gates {
        let batch = gate["batch"].as_i64().unwrap();
        let ids: Vec<&str> =
            gate["instanceIds"].as_array().unwrap().iter().map(|i| i.as_str().unwrap()).collect();
        let ips: Vec<String> = ids.iter().map(|i| world.private_ip(i).unwrap()).collect();
        let line = format!(
            "check[batch {batch}]: batch={batch}/3 ids={} ips={}",
            ids.join(","),
            ips.join(",")
        );
        assert!(stderr.contains(&line), "no {line:?} in:\n{stderr}");
        assert_eq!(gate["check"]["result"], serde_json::json!({"kind": "exited", "code": 0}));
    }
    assert!(group_images(&sim).iter().all(|i| i == DEMO_NEW_IMAGE));
}

#[test]
fn an_alarm_at_batch_2_rolls_back_and_exits_7() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    sim.with_world(|w| {
        w.add_alarm_rule("rule-canary", "OK").unwrap();
        w.schedule_alarm("rule-canary", Trigger::BatchFinished(2), "ALARM").unwrap();
    });
    let (mut ctx, out, err) = context(&sim);
    let id = start(&mut ctx, &out);
    assert_eq!(gated_wait(&mut ctx, &id), Code::GateRolledBack);
    let stderr = err.take();
    let result: Value = serde_json::from_str(&out.take()).unwrap();
    assert_eq!(result["outcome"]["kind"], "rolledBack", "{result}\n{stderr}");
    assert!(
        result["reason"].as_str().unwrap().starts_with("batch 2: rule-canary is ALARM"),
        "{result}"
    );
    let decisions: Vec<&str> = result["gates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["decision"].as_str().unwrap())
        .collect();
    assert_eq!(decisions, ["approve", "rollback"]);
    assert_eq!(sim.calls_to("NotifyExecution"), 1, "never approved the batch that failed");
    assert_eq!(sim.calls_to("CancelExecution"), 1);
    assert!(stderr.contains("rollback exec-"), "{stderr}");
    assert!(group_images(&sim).iter().all(|i| i == DEMO_OLD_IMAGE), "back on the old image");
}

#[test]
fn a_failing_check_with_pause_exits_8_and_leaves_the_update_paused() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    sim.with_world(|w| w.add_alarm_rule("rule-canary", "OK").unwrap());
    let (mut ctx, out, err) = context(&sim);
    let id = start(&mut ctx, &out);
    let Verb::Wait(args) =
        verb(&["wait", &id, "--check", "test \"$RU_BATCH\" != 2", "--alarm", "rule-canary"])
    else {
        unreachable!("wait parses as wait")
    };
    let gating = super::gate::plan(&args.gate).unwrap().expect("gated");
    let code = super::gate::follow_gated(&mut ctx, &id, &gating).unwrap();
    let stderr = err.take();
    assert_eq!(code, Code::GateFailed, "{stderr}");
    let result: Value = serde_json::from_str(&out.take()).unwrap();
    assert_eq!(result["outcome"]["kind"], "leftPaused", "{result}");
    assert!(
        result["reason"].as_str().unwrap().starts_with("batch 2: the check exited 1"),
        "{result}"
    );
    assert_eq!(sim.calls_to("NotifyExecution"), 1, "batch 1 only");
    assert_eq!(sim.calls_to("CancelExecution"), 0);
    let world = sim.world();
    let execution = world.executions().iter().find(|e| e.id == id).unwrap();
    assert_eq!(execution.status.as_str(), "Waiting", "left paused");
}

#[test]
fn gate_flags_refuse_bad_input_before_any_call() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    let (mut ctx, _, _) = context(&sim);
    for args in [
        &["wait", "exec-1", "--check", "true", "--timeout", "5m"][..],
        &["wait", "exec-1", "--alarm", "r1", "--through-pauses"],
        &["wait", "exec-1", "--check", "true", "--check-timeout", "soon"],
        &["wait", "exec-1", "--check", "  "],
        &["wait", "exec-1", "--bake", "5x"],
        &["wait", "exec-1", "--on-unhealthy", "rollback"],
        &["wait", "exec-1", "--check-timeout", "1m"],
        &["wait", "exec-1", "--alarm", "r1", "--check-timeout", "1m"],
        &["wait", "exec-1", "--insufficient-data-ok"],
        &["wait", "exec-1", "--check", "true", "--insufficient-data-ok"],
    ] {
        let Verb::Wait(parsed) = verb(args) else { unreachable!("wait parses as wait") };
        let err = super::wait::run(&mut ctx, &parsed).unwrap_err();
        assert_eq!(Code::from_error(&err), Code::Usage, "{args:?}: {err:#}");
    }
    assert_eq!(sim.call_count(), 0, "refused before any call");
}
