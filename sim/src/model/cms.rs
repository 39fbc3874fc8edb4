//! CloudMonitor alarm rules: states a test or the demo sets now, at a simulated time, or when a
//! batch of an execution finishes (the "this rule fires at batch k" fault).

use super::World;

/// What moves a rule to a new state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trigger {
    /// At this simulated time.
    At(u64),
    /// When every loop child of batch `k` (1-based) of an execution started at or after the
    /// schedule was set has finished.
    BatchFinished(u32),
}

/// A change of state waiting for its trigger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// When.
    pub trigger: Trigger,
    /// The new state: `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    pub state: String,
    /// Simulated time the schedule was set.
    pub set_ms: u64,
}

/// One alarm rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlarmRule {
    /// The rule id.
    pub rule_id: String,
    /// Its name.
    pub rule_name: String,
    /// `OK`, `ALARM` or `INSUFFICIENT_DATA`.
    pub state: String,
    /// Pending changes, applied in order as their triggers come.
    pub scheduled: Vec<Scheduled>,
    /// Simulated time of the last change.
    pub changed_ms: u64,
}

/// The states CloudMonitor reports.
pub const ALERT_STATES: [&str; 3] = ["OK", "ALARM", "INSUFFICIENT_DATA"];

fn check_state(state: &str) -> Result<(), String> {
    if ALERT_STATES.contains(&state) {
        Ok(())
    } else {
        Err(format!("state must be OK, ALARM or INSUFFICIENT_DATA, got {state:?}"))
    }
}

impl World {
    /// Adds (or resets) a rule in `state`.
    pub fn add_alarm_rule(&mut self, rule_id: &str, state: &str) -> Result<(), String> {
        check_state(state)?;
        self.alarm_rules.retain(|r| r.rule_id != rule_id);
        self.alarm_rules.push(AlarmRule {
            rule_id: rule_id.to_owned(),
            rule_name: format!("sim {rule_id}"),
            state: state.to_owned(),
            scheduled: Vec::new(),
            changed_ms: self.now_ms,
        });
        Ok(())
    }

    /// Sets a rule's state now.
    pub fn set_alarm_state(&mut self, rule_id: &str, state: &str) -> Result<(), String> {
        check_state(state)?;
        let now = self.now_ms;
        let rule = self.rule_mut(rule_id)?;
        rule.state = state.to_owned();
        rule.changed_ms = now;
        Ok(())
    }

    /// Schedules a change of a rule's state.
    pub fn schedule_alarm(
        &mut self,
        rule_id: &str,
        trigger: Trigger,
        state: &str,
    ) -> Result<(), String> {
        check_state(state)?;
        if trigger == Trigger::BatchFinished(0) {
            return Err("batch numbers start at 1".into());
        }
        let set_ms = self.now_ms;
        self.rule_mut(rule_id)?.scheduled.push(Scheduled {
            trigger,
            state: state.to_owned(),
            set_ms,
        });
        Ok(())
    }

    /// The rules, with every trigger due by now applied.
    pub fn alarm_rules(&mut self) -> &[AlarmRule] {
        self.apply_alarm_triggers();
        &self.alarm_rules
    }

    fn rule_mut(&mut self, rule_id: &str) -> Result<&mut AlarmRule, String> {
        self.alarm_rules
            .iter_mut()
            .find(|r| r.rule_id == rule_id)
            .ok_or_else(|| format!("no alarm rule {rule_id}"))
    }

    /// When batch `k` of an execution created at or after `since_ms` finished, if it has.
    fn batch_finished_at(&self, k: u32, since_ms: u64) -> Option<u64> {
        self.executions
            .iter()
            .filter(|e| e.created_ms >= since_ms)
            .filter_map(|e| {
                let batch: Vec<_> = self
                    .tasks
                    .iter()
                    .filter(|t| t.execution_id == e.id && t.loop_batch_number == Some(k))
                    .collect();
                let done = !batch.is_empty() && batch.iter().all(|t| t.status.is_terminal());
                done.then(|| batch.iter().map(|t| t.updated_ms).max().unwrap_or(0))
            })
            .min()
    }

    fn apply_alarm_triggers(&mut self) {
        let now = self.now_ms;
        for i in 0..self.alarm_rules.len() {
            while let Some(next) = self.alarm_rules[i].scheduled.first().cloned() {
                let at = match next.trigger {
                    Trigger::At(ms) => Some(ms),
                    Trigger::BatchFinished(k) => self.batch_finished_at(k, next.set_ms),
                };
                match at {
                    Some(at) if at <= now => {
                        let rule = &mut self.alarm_rules[i];
                        rule.scheduled.remove(0);
                        rule.state = next.state;
                        rule.changed_ms = at;
                    }
                    _ => break,
                }
            }
        }
    }

    /// The private IP the simulation gives an instance: `172.16.<n / 200>.<n % 200 + 10>` by its
    /// position in the account.
    pub fn private_ip(&self, instance_id: &str) -> Option<String> {
        let n = self.instances.iter().position(|i| i.id == instance_id)?;
        Some(format!("172.16.{}.{}", n / 200, n % 200 + 10))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Timing;

    #[test]
    fn states_change_now_and_at_a_time() {
        let mut w = World::new(0, Timing::default());
        w.add_alarm_rule("r1", "OK").unwrap();
        assert!(w.add_alarm_rule("r2", "RED").is_err());
        w.schedule_alarm("r1", Trigger::At(10_000), "ALARM").unwrap();
        assert_eq!(w.alarm_rules()[0].state, "OK");
        w.advance(10_000);
        assert_eq!(w.alarm_rules()[0].state, "ALARM");
        w.set_alarm_state("r1", "INSUFFICIENT_DATA").unwrap();
        assert_eq!(w.alarm_rules()[0].state, "INSUFFICIENT_DATA");
        assert!(w.set_alarm_state("nope", "OK").is_err());
        assert!(w.schedule_alarm("r1", Trigger::BatchFinished(0), "OK").is_err());
    }
}
