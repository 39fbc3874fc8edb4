//! The gates' record kept on the execution itself, so that `status` can show the gates that ran
//! long after the run that gated it: one OOS tag ([`RECORD_TAG`]) whose value sums up every
//! gate (batch, what decided, the decision) and, at the end, how gating ended. OOS tag values
//! hold at most [`MAX_TAG_VALUE`] characters: when the record is longer, the oldest gates are
//! left out and the value says how many.
//!
//! ```
//! use rolling_update_core::gate::{record_tag, Decision, GateRecord, Outcome};
//! let healthy = GateRecord {
//!     batch: 1,
//!     instance_ids: vec!["i-1".into()],
//!     check: None,
//!     alarms: Vec::new(),
//!     healthy: true,
//!     reason: "batch 1: healthy".into(),
//!     why: "healthy".into(),
//!     decision: Decision::Approve,
//! };
//! let value = record_tag(&[healthy], Some(&Outcome::Passed));
//! assert_eq!(value, "b1 ok approve; => passed");
//! ```
//!
//! The value is machine data and stays as written; [`record_text`] reads it back for a person,
//! in English exactly the value and in Chinese each part translated.

use super::{CheckResult, Decision, GateRecord, Outcome};
use crate::api::cms::AlertState;
use crate::i18n::Text;
use crate::t;

/// The tag key of the record.
pub const RECORD_TAG: &str = "rolling-update:gates";

/// The longest tag value OOS takes.
pub const MAX_TAG_VALUE: usize = 128;

fn decision(d: Decision) -> &'static str {
    match d {
        Decision::Approve => "approve",
        Decision::Pass => "pass",
        Decision::Pause => "pause",
        Decision::Cancel => "cancel",
        Decision::Rollback => "rollback",
    }
}

/// What decided one gate, in a word or two.
fn cause(record: &GateRecord) -> String {
    if record.healthy {
        return "ok".into();
    }
    if let Some(check) = &record.check {
        match &check.result {
            CheckResult::Exited { code: Some(0) } => {}
            CheckResult::Exited { code: Some(code) } => return format!("check={code}"),
            CheckResult::Exited { code: None } => return "check=killed".into(),
            CheckResult::TimedOut => return "check=timeout".into(),
            CheckResult::CouldNotStart { .. } => return "check=unstartable".into(),
        }
    }
    if let Some(alarm) = record.alarms.iter().find(|a| a.state != Some(AlertState::Ok)) {
        let state = alarm.state.as_ref().map_or("missing", AlertState::as_str);
        return format!("{}={state}", alarm.rule_id);
    }
    if record.reason.contains("instance(s) failed") { "failed-instance" } else { "unhealthy" }
        .into()
}

fn end(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Passed => "passed".into(),
        Outcome::RolledBack { rollback_execution_id } => {
            format!("rolled back by {rollback_execution_id}")
        }
        Outcome::LeftPaused => "left paused".into(),
        Outcome::Cancelled => "cancelled".into(),
        Outcome::RollbackFailed { rollback_execution_id: Some(id) } => {
            format!("rollback {id} failed")
        }
        Outcome::RollbackFailed { rollback_execution_id: None } => "rollback failed".into(),
        Outcome::ApprovalUnconfirmed => "approval unconfirmed".into(),
        Outcome::PausedUngated => "paused, nothing to judge".into(),
        Outcome::Ended { status } => format!("ended {status}"),
    }
}

/// The tag value for the gates judged so far and, once gating has stopped, its outcome: at
/// most [`MAX_TAG_VALUE`] characters (ASCII, unless a rule id is not).
pub fn record_tag(records: &[GateRecord], outcome: Option<&Outcome>) -> String {
    let entries: Vec<String> = records
        .iter()
        .map(|r| format!("b{} {} {}", r.batch, cause(r), decision(r.decision)))
        .collect();
    let tail = outcome.map(|o| format!("=> {}", end(o)));
    for skipped in 0..=entries.len() {
        let mut parts: Vec<String> = Vec::new();
        if skipped > 0 {
            parts.push(format!("{skipped} earlier not shown"));
        }
        parts.extend(entries[skipped..].iter().cloned());
        parts.extend(tail.clone());
        let value = parts.join("; ");
        if value.chars().count() <= MAX_TAG_VALUE {
            return value;
        }
    }
    // Even the outcome alone is too long (a very long rule id or execution id): cut it.
    let value = tail.unwrap_or_default();
    value.chars().take(MAX_TAG_VALUE - 3).collect::<String>() + "..."
}

/// A record's tag value ([`record_tag`]) for a person: its English is the value itself, byte
/// for byte; in another language each part it knows is translated (the batches, what decided
/// them, the decisions, how gating ended) and what it does not know (a value cut short, a
/// record of a later version) is shown as written.
pub fn record_text(value: &str) -> Text {
    let parts: Vec<Text> = value.split("; ").map(record_part).collect();
    parts
        .into_iter()
        .rev()
        .reduce(|rest, first| t!("gate.record.join", first: first, rest: rest))
        .unwrap_or_default()
}

fn record_part(part: &str) -> Text {
    let raw = || Text::raw(part.to_owned());
    if let Some(end) = part.strip_prefix("=> ") {
        return end_text(end).map_or_else(raw, |end| t!("gate.record.end", end: end));
    }
    if let Some(count) = part.strip_suffix(" earlier not shown")
        && count.parse::<usize>().is_ok()
    {
        return t!("gate.record.skipped", count = count);
    }
    entry_text(part).unwrap_or_else(raw)
}

/// `b<batch> <cause> <decision>`.
fn entry_text(part: &str) -> Option<Text> {
    let (batch, rest) = part.strip_prefix('b')?.split_once(' ')?;
    batch.parse::<i64>().ok()?;
    let (cause, decision) = rest.rsplit_once(' ')?;
    let decision = match decision {
        "approve" => t!("gate.record.decision.approve"),
        "pass" => t!("gate.record.decision.pass"),
        "pause" => t!("gate.record.decision.pause"),
        "cancel" => t!("gate.record.decision.cancel"),
        "rollback" => t!("gate.record.decision.rollback"),
        _ => return None,
    };
    let cause = match cause {
        "ok" => t!("gate.record.cause.ok"),
        "check=killed" => t!("gate.record.cause.check_killed"),
        "check=timeout" => t!("gate.record.cause.check_timeout"),
        "check=unstartable" => t!("gate.record.cause.check_unstartable"),
        "failed-instance" => t!("gate.record.cause.failed_instance"),
        "unhealthy" => t!("gate.record.cause.unhealthy"),
        other => match other.split_once('=') {
            Some(("check", code)) if code.parse::<i32>().is_ok() => {
                t!("gate.record.cause.check", code = code)
            }
            Some((rule, state)) => t!("gate.record.cause.alarm", rule = rule, state = state),
            None => Text::raw(other.to_owned()),
        },
    };
    Some(t!("gate.record.entry", batch = batch, cause: cause, decision: decision))
}

/// How gating ended, as [`end`] wrote it.
fn end_text(end: &str) -> Option<Text> {
    Some(match end {
        "passed" => t!("gate.record.end.passed"),
        "left paused" => t!("gate.record.end.left_paused"),
        "cancelled" => t!("gate.record.end.cancelled"),
        "rollback failed" => t!("gate.record.end.rollback_failed"),
        "approval unconfirmed" => t!("gate.record.end.approval_unconfirmed"),
        "paused, nothing to judge" => t!("gate.record.end.paused_ungated"),
        _ => {
            if let Some(id) = end.strip_prefix("rolled back by ") {
                t!("gate.record.end.rolled_back", id = id)
            } else if let Some(id) =
                end.strip_prefix("rollback ").and_then(|r| r.strip_suffix(" failed"))
            {
                t!("gate.record.end.rollback_id_failed", id = id)
            } else if let Some(status) = end.strip_prefix("ended ") {
                t!("gate.record.end.ended", status = status)
            } else {
                return None;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::response::Status;
    use crate::gate::{AlarmReading, CheckRecord};
    use crate::i18n::Lang;

    fn record(batch: i64, healthy: bool, decision: Decision) -> GateRecord {
        GateRecord {
            batch,
            instance_ids: vec![format!("i-{batch}")],
            check: None,
            alarms: Vec::new(),
            healthy,
            reason: Text::default(),
            why: Text::default(),
            decision,
        }
    }

    #[test]
    fn the_record_shown_to_a_person_is_the_value_in_english_and_translated_in_chinese() {
        let mut check = record(2, false, Decision::Rollback);
        check.check =
            Some(CheckRecord { result: CheckResult::Exited { code: Some(1) }, duration_ms: 5 });
        let records = [record(1, true, Decision::Approve), check];
        let rolled = Outcome::RolledBack { rollback_execution_id: "exec-rb".into() };
        let value = record_tag(&records, Some(&rolled));
        assert_eq!(value, "b1 ok approve; b2 check=1 rollback; => rolled back by exec-rb");
        let shown = record_text(&value);
        assert_eq!(shown.as_str(), value, "the English is the stored value");
        let zh = shown.render(Lang::ZhCn);
        assert!(zh.contains("exec-rb") && zh.contains("回滚") && zh.contains("批准"), "{zh}");
        assert!(!zh.contains("rolled back by"), "{zh}");
        // Every form the tag takes reads back to itself in English.
        let mut alarm = record(3, false, Decision::Pause);
        alarm.alarms = vec![AlarmReading { rule_id: "r-cpu".into(), state: None }];
        let many: Vec<GateRecord> = (1..=20).map(|b| record(b, true, Decision::Pass)).collect();
        for outcome in [
            Outcome::Passed,
            Outcome::LeftPaused,
            Outcome::Cancelled,
            Outcome::RollbackFailed { rollback_execution_id: Some("exec-2".into()) },
            Outcome::RollbackFailed { rollback_execution_id: None },
            Outcome::ApprovalUnconfirmed,
            Outcome::PausedUngated,
            Outcome::Ended { status: Status::Failed },
            Outcome::RolledBack { rollback_execution_id: "x".repeat(200) },
        ] {
            for records in [&[alarm.clone()][..], &many] {
                let value = record_tag(records, Some(&outcome));
                assert_eq!(record_text(&value).as_str(), value);
                let zh = record_text(&value).render(Lang::ZhCn).into_owned();
                assert_ne!(zh, value, "{value}");
            }
        }
        let zh = record_text("3 earlier not shown; b4 ok pass; => paused, nothing to judge");
        assert!(zh.render(Lang::ZhCn).contains("3"), "{}", zh.render(Lang::ZhCn));
    }

    #[test]
    fn each_gate_says_what_decided_it() {
        let mut check = record(2, false, Decision::Pause);
        check.check =
            Some(CheckRecord { result: CheckResult::Exited { code: Some(1) }, duration_ms: 5 });
        let mut alarm = record(2, false, Decision::Rollback);
        alarm.alarms = vec![
            AlarmReading { rule_id: "r-ok".into(), state: Some(AlertState::Ok) },
            AlarmReading { rule_id: "r-cpu".into(), state: Some(AlertState::Alarm) },
        ];
        let mut failed = record(1, false, Decision::Cancel);
        failed.reason = "batch 1: 1 instance(s) failed".into();
        let ok = record(1, true, Decision::Approve);
        assert_eq!(
            record_tag(&[ok.clone(), check], Some(&Outcome::LeftPaused)),
            "b1 ok approve; b2 check=1 pause; => left paused"
        );
        let rolled = Outcome::RolledBack { rollback_execution_id: "exec-rb".into() };
        assert_eq!(
            record_tag(&[ok, alarm], Some(&rolled)),
            "b1 ok approve; b2 r-cpu=ALARM rollback; => rolled back by exec-rb"
        );
        assert_eq!(record_tag(&[failed], None), "b1 failed-instance cancel");
        let ended = Outcome::Ended { status: Status::Failed };
        assert_eq!(record_tag(&[], Some(&ended)), "=> ended Failed");
    }

    #[test]
    fn a_long_record_leaves_out_the_oldest_gates_and_says_how_many() {
        let records: Vec<GateRecord> =
            (1..=20).map(|b| record(b, true, Decision::Approve)).collect();
        let value = record_tag(&records, Some(&Outcome::Passed));
        assert!(value.chars().count() <= MAX_TAG_VALUE, "{value}");
        let (head, rest) = value.split_once(" earlier not shown; ").unwrap_or_default();
        let skipped: usize = head.parse().unwrap_or_default();
        assert!(skipped > 0, "{value}");
        assert!(rest.starts_with(&format!("b{} ok approve", skipped + 1)), "{value}");
        assert!(rest.ends_with("b20 ok approve; => passed"), "{value}");
    }

    #[test]
    fn an_outcome_too_long_for_a_tag_is_cut_visibly() {
        let long = Outcome::RolledBack { rollback_execution_id: "x".repeat(200) };
        let value = record_tag(&[record(1, true, Decision::Approve)], Some(&long));
        assert_eq!(value.chars().count(), MAX_TAG_VALUE);
        assert!(value.starts_with("=> rolled back by xxx") && value.ends_with("..."), "{value}");
    }
}
