//! Scripted timelines for the gate: every path to a stop, with its record.

#![allow(clippy::panic)]

use super::*;

const SEC: u64 = 1_000;

fn context() -> GateContext {
    GateContext {
        execution_id: "exec-1".into(),
        scaling_group_id: "asg-1".into(),
        region: "cn-hangzhou".into(),
        batches: Some(3),
    }
}

fn config(on_unhealthy: OnUnhealthy) -> GateConfig {
    GateConfig {
        check: true,
        alarms: vec!["rule-a".into(), "rule-b".into()],
        bake_ms: 60 * SEC,
        on_unhealthy,
        ..GateConfig::default()
    }
}

fn ok() -> Vec<(String, AlertState)> {
    vec![("rule-a".into(), AlertState::Ok), ("rule-b".into(), AlertState::Ok)]
}

/// The waiter reports batch `batch` (instance `i-<batch>`) finished, then the pause.
fn batch_pauses(gate: &mut Gate, batch: i64) {
    finish_batch(gate, batch);
    gate.on_event(&Event::Paused { reason: Some("BatchPause".into()) });
    gate.on_end(&End::Paused);
}

fn finish_batch(gate: &mut Gate, batch: i64) {
    gate.on_event(&Event::BatchStarted { batch });
    gate.on_event(&Event::InstanceDone {
        batch,
        instance_id: Some(format!("i-{batch}")),
        task_execution_id: format!("t-{batch}"),
        status: Status::Success,
    });
    gate.on_event(&Event::BatchFinished { batch, succeeded: 1, failed: 0 });
}

/// Runs batch `batch`'s gate from the addresses through the check, at `t`.
fn run_check(gate: &mut Gate, batch: i64, t: u64, result: CheckResult) {
    let action = gate.next(t);
    assert_eq!(action, Action::LookUpAddresses { batch, instance_ids: vec![format!("i-{batch}")] });
    gate.on_addresses(&[(format!("i-{batch}"), format!("10.0.0.{batch}"))]);
    let Action::RunCheck { batch: b, env, timeout_ms } = gate.next(t) else {
        panic!("the check runs after the addresses")
    };
    assert_eq!((b, timeout_ms), (batch, 300 * SEC));
    let get = |k: &str| env.iter().find(|(key, _)| key == k).map(|(_, v)| v.clone());
    assert_eq!(get("RU_BATCH"), Some(batch.to_string()));
    assert_eq!(get("RU_BATCHES").as_deref(), Some("3"));
    assert_eq!(get("RU_INSTANCE_IDS"), Some(format!("i-{batch}")));
    assert_eq!(get("RU_INSTANCE_IPS"), Some(format!("10.0.0.{batch}")));
    assert_eq!(get("RU_EXECUTION_ID").as_deref(), Some("exec-1"));
    assert!(env.iter().all(|(k, _)| k.starts_with("RU_")), "only RU_ variables: {env:?}");
    gate.on_check(t + 2 * SEC, result, 2 * SEC);
}

/// From a passed check at `t`: the bake's readings at t, t+30 s and the last at t+60 s.
/// Returns the time of the last reading.
fn bake(gate: &mut Gate, batch: i64, t: u64, readings: [Vec<(String, AlertState)>; 3]) -> u64 {
    let chunks = vec![vec!["rule-a".to_owned(), "rule-b".to_owned()]];
    let [first, second, last] = readings;
    assert_eq!(gate.next(t), Action::ReadAlarms { batch, rule_ids: chunks.clone() });
    gate.on_alarms(t, &first);
    if gate.current.is_none() {
        return t;
    }
    assert_eq!(gate.next(t + SEC), Action::Sleep { until_ms: t + 30 * SEC });
    assert_eq!(gate.next(t + 30 * SEC), Action::ReadAlarms { batch, rule_ids: chunks.clone() });
    gate.on_alarms(t + 30 * SEC, &second);
    if gate.current.is_none() {
        return t + 30 * SEC;
    }
    assert_eq!(gate.next(t + 60 * SEC), Action::ReadAlarms { batch, rule_ids: chunks });
    gate.on_alarms(t + 60 * SEC, &last);
    t + 60 * SEC
}

/// A healthy paused batch: approved once, and the approval confirmed. Returns the time.
fn pass_and_approve(gate: &mut Gate, batch: i64, t: u64) -> u64 {
    batch_pauses(gate, batch);
    run_check(gate, batch, t, CheckResult::Exited { code: Some(0) });
    let t = bake(gate, batch, t + 2 * SEC, [ok(), ok(), ok()]);
    assert_eq!(gate.next(t), Action::Approve { batch });
    gate.on_approved(t);
    assert_eq!(gate.next(t), Action::Sleep { until_ms: t + 5 * SEC });
    assert_eq!(gate.next(t + 5 * SEC), Action::ReadExecution);
    gate.on_execution(t + 5 * SEC, &Status::Running);
    assert_eq!(gate.next(t + 5 * SEC), Action::Follow, "approved: follow again");
    t + 5 * SEC
}

fn stop(action: Action) -> (Outcome, String) {
    match action {
        Action::Stop { outcome, reason } => (outcome, reason),
        other => panic!("expected a stop, got {other:?}"),
    }
}

#[test]
fn all_gates_pass() {
    let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
    assert_eq!(gate.next(0), Action::Follow, "nothing to judge before a batch finishes");
    let t = pass_and_approve(&mut gate, 1, 100 * SEC);
    let t = pass_and_approve(&mut gate, 2, t + 100 * SEC);
    // The last batch: the execution succeeds without pausing.
    finish_batch(&mut gate, 3);
    gate.on_event(&Event::Finished { status: Status::Success, message: None });
    gate.on_end(&End::Finished(Status::Success));
    let t = t + 100 * SEC;
    run_check(&mut gate, 3, t, CheckResult::Exited { code: Some(0) });
    let t = bake(&mut gate, 3, t + 2 * SEC, [ok(), ok(), ok()]);
    let (outcome, reason) = stop(gate.next(t));
    assert_eq!((outcome.exit_code(), &outcome), (0, &Outcome::Passed));
    assert!(reason.contains("all 3 gates passed"), "{reason}");
    let decisions: Vec<Decision> = gate.records().iter().map(|r| r.decision).collect();
    assert_eq!(decisions, [Decision::Approve, Decision::Approve, Decision::Pass]);
    assert!(gate.records().iter().all(|r| r.healthy));
    assert_eq!(gate.next(t + SEC), Action::Stop { outcome, reason }, "a stop stays a stop");
}

#[test]
fn a_failed_check_at_batch_2_pauses() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    let t = pass_and_approve(&mut gate, 1, 0);
    batch_pauses(&mut gate, 2);
    run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(3) });
    let (outcome, reason) = stop(gate.next(t + 2 * SEC));
    assert_eq!((outcome.exit_code(), outcome), (8, Outcome::LeftPaused));
    assert_eq!(reason, "batch 2: the check exited 3; execution exec-1 is left paused");
    let record = &gate.records()[1];
    assert_eq!((record.batch, record.healthy, record.decision), (2, false, Decision::Pause));
    assert_eq!(
        record.check,
        Some(CheckRecord { result: CheckResult::Exited { code: Some(3) }, duration_ms: 2 * SEC })
    );
    assert!(record.alarms.is_empty(), "no alarm was read after the failed check");
}

#[test]
fn a_failed_check_at_batch_2_cancels() {
    let mut gate = Gate::new(config(OnUnhealthy::Cancel), context());
    let t = pass_and_approve(&mut gate, 1, 0);
    batch_pauses(&mut gate, 2);
    run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(1) });
    let t = t + 2 * SEC;
    assert_eq!(gate.next(t), Action::Cancel);
    gate.on_cancelled(t, Ok(()));
    assert_eq!(gate.next(t), Action::ReadExecution);
    gate.on_execution(t, &Status::Waiting);
    assert_eq!(gate.next(t + SEC), Action::Sleep { until_ms: t + 5 * SEC });
    assert_eq!(gate.next(t + 5 * SEC), Action::ReadExecution);
    gate.on_execution(t + 5 * SEC, &Status::Cancelled);
    let (outcome, reason) = stop(gate.next(t + 5 * SEC));
    assert_eq!((outcome.exit_code(), outcome), (8, Outcome::Cancelled));
    assert!(
        reason.starts_with("batch 2: the check exited 1; execution exec-1 was cancelled"),
        "{reason}"
    );
    assert_eq!(gate.records()[1].decision, Decision::Cancel);
}

/// Batch 2's check fails with `--on-unhealthy rollback`: cancel, confirm, start the
/// rollback. Returns the gate and the time the rollback was asked for.
fn fail_batch_2_and_start_rollback() -> (Gate, u64) {
    let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
    let t = pass_and_approve(&mut gate, 1, 0);
    batch_pauses(&mut gate, 2);
    run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(1) });
    let t = t + 2 * SEC;
    assert_eq!(
        gate.next(t),
        Action::Cancel,
        "a waiting execution is cancelled before its rollback"
    );
    gate.on_cancelled(t, Ok(()));
    assert_eq!(gate.next(t), Action::ReadExecution);
    gate.on_execution(t, &Status::Cancelled);
    assert_eq!(gate.next(t), Action::StartRollback);
    assert!(matches!(gate.next(t), Action::Sleep { .. }), "the rollback is asked for once");
    assert_eq!(gate.records()[1].decision, Decision::Rollback);
    (gate, t)
}

#[test]
fn a_failed_check_at_batch_2_rolls_back() {
    let (mut gate, t) = fail_batch_2_and_start_rollback();
    gate.on_rollback(Ok(("exec-rb".into(), Status::Success)));
    let (outcome, reason) = stop(gate.next(t));
    assert_eq!(outcome.exit_code(), 7);
    assert_eq!(outcome, Outcome::RolledBack { rollback_execution_id: "exec-rb".into() });
    assert_eq!(reason, "batch 2: the check exited 1; rollback exec-rb succeeded");
}

#[test]
fn a_failed_rollback_exits_8_and_names_it() {
    let (mut gate, t) = fail_batch_2_and_start_rollback();
    gate.on_rollback(Ok(("exec-rb".into(), Status::Failed)));
    let (outcome, reason) = stop(gate.next(t));
    assert_eq!(outcome.exit_code(), 8);
    assert_eq!(outcome, Outcome::RollbackFailed { rollback_execution_id: Some("exec-rb".into()) });
    assert!(reason.contains("rollback exec-rb ended Failed"), "{reason}");

    let (mut gate, t) = fail_batch_2_and_start_rollback();
    gate.on_rollback(Err((None, "execution exec-1 does not record sourceImageId".into())));
    let (outcome, reason) = stop(gate.next(t));
    assert_eq!(
        (outcome.exit_code(), outcome),
        (8, Outcome::RollbackFailed { rollback_execution_id: None })
    );
    assert!(reason.contains("the rollback failed: execution exec-1 does not record"), "{reason}");
}

#[test]
fn an_alarm_during_the_bake_fails_the_batch_at_once() {
    let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
    let t = pass_and_approve(&mut gate, 1, 0);
    batch_pauses(&mut gate, 2);
    run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(0) });
    let firing = vec![("rule-a".into(), AlertState::Ok), ("rule-b".into(), AlertState::Alarm)];
    let at = bake(&mut gate, 2, t + 2 * SEC, [ok(), firing, ok()]);
    assert_eq!(at, t + 32 * SEC, "the bake stopped at the reading that saw the alarm");
    assert_eq!(gate.next(at), Action::Cancel);
    let record = &gate.records()[1];
    assert!(!record.healthy);
    assert_eq!(record.reason, "batch 2: alarm rule-b fired during the bake");
    assert_eq!(
        record.alarms[1],
        AlarmReading { rule_id: "rule-b".into(), state: Some(AlertState::Alarm) }
    );
    assert!(!gate.records().iter().any(|r| r.batch == 2 && r.decision == Decision::Approve));
}

#[test]
fn a_check_that_times_out_is_unhealthy() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    batch_pauses(&mut gate, 1);
    run_check(&mut gate, 1, 0, CheckResult::TimedOut);
    let (outcome, reason) = stop(gate.next(SEC));
    assert_eq!(outcome.exit_code(), 8);
    assert_eq!(reason, "batch 1: the check ran longer than 300 s; execution exec-1 is left paused");
}

#[test]
fn a_check_that_cannot_start_is_unhealthy() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    batch_pauses(&mut gate, 1);
    run_check(&mut gate, 1, 0, CheckResult::CouldNotStart { error: "no such file".into() });
    let (_, reason) = stop(gate.next(SEC));
    assert!(reason.starts_with("batch 1: the check could not start: no such file"), "{reason}");
}

#[test]
fn insufficient_data_is_tolerated_during_the_bake_and_unhealthy_after_by_default() {
    let nodata =
        || vec![("rule-a".into(), AlertState::Ok), ("rule-b".into(), AlertState::InsufficientData)];
    for (flag, healthy) in [(InsufficientData::Unhealthy, false), (InsufficientData::Healthy, true)]
    {
        let mut gate = Gate::new(
            GateConfig { insufficient_data: flag, ..config(OnUnhealthy::Pause) },
            context(),
        );
        batch_pauses(&mut gate, 1);
        run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
        let t = bake(&mut gate, 1, 2 * SEC, [nodata(), nodata(), nodata()]);
        assert_eq!(t, 62 * SEC, "no data never cut the bake short");
        let next = gate.next(t);
        if healthy {
            assert_eq!(next, Action::Approve { batch: 1 });
        } else {
            let (_, reason) = stop(next);
            assert!(reason.starts_with("batch 1: rule-b is INSUFFICIENT_DATA"), "{reason}");
        }
    }
}

#[test]
fn a_rule_missing_from_the_answer_or_unreadable_alarms_are_unhealthy() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    batch_pauses(&mut gate, 1);
    run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
    let only_a = || vec![("rule-a".into(), AlertState::Ok)];
    let t = bake(&mut gate, 1, 2 * SEC, [only_a(), only_a(), only_a()]);
    let (_, reason) = stop(gate.next(t));
    assert!(reason.starts_with("batch 1: rule-b does not exist"), "{reason}");

    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    batch_pauses(&mut gate, 1);
    run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
    assert!(matches!(gate.next(2 * SEC), Action::ReadAlarms { .. }));
    gate.on_alarms_failed("Forbidden: cms:DescribeMetricRuleList");
    let (outcome, reason) = stop(gate.next(2 * SEC));
    assert_eq!(outcome.exit_code(), 8);
    assert!(reason.contains("the alarms could not be read: Forbidden"), "{reason}");
}

#[test]
fn an_unconfirmed_approval_stops_without_approving_again() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    batch_pauses(&mut gate, 1);
    run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
    let t = bake(&mut gate, 1, 2 * SEC, [ok(), ok(), ok()]);
    assert_eq!(gate.next(t), Action::Approve { batch: 1 });
    gate.on_approved(t);
    let mut now = t;
    let mut approvals = 0;
    let outcome = loop {
        match gate.next(now) {
            Action::ReadExecution => gate.on_execution(now, &Status::Waiting),
            Action::Sleep { until_ms } => now = until_ms,
            Action::Approve { .. } => approvals += 1,
            Action::Stop { outcome, reason } => break (outcome, reason),
            other => panic!("unexpected {other:?}"),
        }
        assert!(now <= t + 61 * SEC, "the confirmation is bounded");
    };
    assert_eq!(approvals, 0, "never approved twice");
    assert_eq!(now, t + 60 * SEC);
    assert_eq!((outcome.0.exit_code(), &outcome.0), (5, &Outcome::ApprovalUnconfirmed));
    assert!(
        outcome.1.contains("did not take execution exec-1 out of Waiting within 60 s"),
        "{}",
        outcome.1
    );
}

#[test]
fn a_batch_with_a_failed_instance_is_unhealthy_without_a_check() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    gate.on_event(&Event::BatchFinished { batch: 1, succeeded: 1, failed: 1 });
    gate.on_end(&End::Paused);
    let (outcome, reason) = stop(gate.next(0));
    assert_eq!(outcome.exit_code(), 8);
    assert!(reason.starts_with("batch 1: 1 instance(s) failed"), "{reason}");
    assert_eq!(gate.records()[0].check, None);
}

#[test]
fn a_batch_reported_again_is_not_judged_twice_and_an_ungated_pause_is_not_approved() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    let t = pass_and_approve(&mut gate, 1, 0);
    // A fresh waiter after the approval reports batch 1 again, then pauses again.
    batch_pauses(&mut gate, 1);
    let (outcome, reason) = stop(gate.next(t));
    assert_eq!((outcome.exit_code(), outcome), (5, Outcome::PausedUngated));
    assert!(reason.contains("nothing was approved"), "{reason}");
    assert_eq!(gate.records().len(), 1);
}

#[test]
fn pause_on_a_running_update_says_it_still_runs() {
    // An explicit `Automatic` pause option: batches finish while the execution runs.
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    finish_batch(&mut gate, 1);
    run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(0) });
    let t = bake(&mut gate, 1, 2 * SEC, [ok(), ok(), ok()]);
    assert_eq!(gate.next(t), Action::Follow, "healthy and running: no approval");
    assert_eq!(gate.records()[0].decision, Decision::Pass);
    finish_batch(&mut gate, 2);
    run_check(&mut gate, 2, t, CheckResult::Exited { code: Some(2) });
    let (outcome, reason) = stop(gate.next(t));
    assert_eq!(outcome.exit_code(), 8);
    assert!(reason.ends_with("does not pause here and is still running"), "{reason}");
}

#[test]
fn a_rollback_of_a_finished_update_skips_the_cancel() {
    let mut gate = Gate::new(config(OnUnhealthy::Rollback), context());
    finish_batch(&mut gate, 1);
    gate.on_end(&End::Finished(Status::Success));
    run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(9) });
    assert_eq!(gate.next(SEC), Action::StartRollback);
}

#[test]
fn only_alarms_no_bake_reads_once_and_chunks_by_twenty() {
    let alarms: Vec<String> = (0..45).map(|i| format!("r{i}")).collect();
    let cfg = GateConfig { alarms: alarms.clone(), ..GateConfig::default() };
    let mut gate = Gate::new(cfg, context());
    batch_pauses(&mut gate, 1);
    let Action::ReadAlarms { rule_ids, .. } = gate.next(0) else { panic!("alarms first") };
    let sizes: Vec<usize> = rule_ids.iter().map(Vec::len).collect();
    assert_eq!(sizes, [20, 20, 5]);
    let all_ok: Vec<(String, AlertState)> =
        alarms.iter().map(|r| (r.clone(), AlertState::Ok)).collect();
    gate.on_alarms(0, &all_ok);
    assert_eq!(gate.next(0), Action::Approve { batch: 1 });
}

#[test]
fn the_record_serializes_for_the_final_json() {
    let mut gate = Gate::new(config(OnUnhealthy::Pause), context());
    batch_pauses(&mut gate, 1);
    run_check(&mut gate, 1, 0, CheckResult::Exited { code: Some(4) });
    let json = serde_json::to_value(gate.records()).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "batch": 1,
            "instanceIds": ["i-1"],
            "check": {"result": {"kind": "exited", "code": 4}, "durationMs": 2000},
            "alarms": [],
            "healthy": false,
            "reason": "batch 1: the check exited 4",
            "decision": "pause",
        }])
    );
    let outcome =
        serde_json::to_value(Outcome::RolledBack { rollback_execution_id: "e".into() }).unwrap();
    assert_eq!(outcome, serde_json::json!({"kind": "rolledBack", "rollbackExecutionId": "e"}));
}

#[test]
fn the_reasons_are_shown_in_chinese_and_kept_in_english_for_the_json() {
    use crate::i18n::Lang;
    let (mut gate, t) = fail_batch_2_and_start_rollback();
    gate.on_rollback(Ok(("exec-rb".into(), Status::Success)));
    let (_, english) = stop(gate.next(t));
    let shown = gate.reason().cloned().unwrap_or_default();
    assert_eq!(shown.as_str(), english, "the Text's English is the JSON's reason");
    assert_eq!(english, "batch 2: the check exited 1; rollback exec-rb succeeded");
    let zh = shown.render(Lang::ZhCn);
    assert!(zh.contains("第 2 批") && zh.contains("exec-rb") && zh.contains("回滚"), "{zh}");
    assert!(!zh.contains("succeeded"), "{zh}");
    let record = &gate.records()[1];
    assert_eq!(record.reason, "batch 2: the check exited 1");
    assert_eq!(record.why, "the check exited 1");
    assert!(record.why.render(Lang::ZhCn).contains("退出码为 1"), "{:?}", record.why);
    let json = serde_json::to_value(record).unwrap_or_default();
    assert_eq!(json["reason"], "batch 2: the check exited 1");
    assert!(json.get("why").is_none(), "{json}");
}

#[test]
fn the_alarms_named_together_read_in_both_languages() {
    use crate::i18n::Lang;
    let config =
        GateConfig { alarms: vec!["rule-a".into(), "rule-b".into()], ..GateConfig::default() };
    let mut gate = Gate::new(config, context());
    finish_batch(&mut gate, 1);
    assert!(matches!(gate.next(0), Action::ReadAlarms { .. }));
    gate.on_alarms(0, &[("rule-a".into(), AlertState::Alarm)]);
    let record = &gate.records()[0];
    assert_eq!(record.reason, "batch 1: rule-a is ALARM, rule-b does not exist");
    let zh = record.reason.render(Lang::ZhCn);
    assert!(zh.contains("rule-a") && zh.contains("rule-b") && zh.contains("不存在"), "{zh}");
}

#[test]
fn the_gate_says_its_step_and_what_comes_next() {
    use crate::i18n::Lang;
    let config = GateConfig { bake_ms: 60 * SEC, ..config(OnUnhealthy::Rollback) };
    let mut gate = Gate::new(config, context());
    assert_eq!(gate.step(0), None, "following");
    batch_pauses(&mut gate, 1);
    assert!(matches!(gate.next(0), Action::LookUpAddresses { .. }));
    assert_eq!(gate.step(0), Some(GateStep::Addresses { batch: 1 }));
    gate.on_addresses(&[]);
    assert_eq!(
        gate.step(0).map(|s| s.text().to_string()).as_deref(),
        Some("batch 1: running the check")
    );
    let next = gate.next_step().unwrap_or_default();
    assert_eq!(next, "approve batch 1 if healthy, else roll it back (exit 7)");
    assert!(next.render(Lang::ZhCn).contains("回滚"), "{next:?}");
    gate.on_check(0, CheckResult::Exited { code: Some(0) }, 5);
    assert!(matches!(gate.next(0), Action::ReadAlarms { .. }));
    gate.on_alarms(0, &ok());
    let baking = gate.step(15 * SEC).unwrap_or(GateStep::Confirming);
    assert_eq!(baking, GateStep::Baking { batch: 1, left_ms: 45 * SEC });
    assert_eq!(baking.text(), "batch 1: baking, 45s left");
    assert!(baking.text().render(Lang::ZhCn).contains("观察"), "{:?}", baking.text());
}
