//! The batch plan: how a rolling update will split a group's instances, before it runs.
//!
//! OOS computes the split server-side with `Fn::CalculateBatch`, which is not documented. The
//! ESS documentation only says that `batchNumber` batches are formed and that each holds at
//! least one instance. This preview assumes the simplest rule that satisfies that: every batch
//! holds `ceil(M / N)` instances and the last one holds the rest, so there are at most `N`
//! batches (fewer when the division leaves nothing for the last ones). [`RULE`] says so wherever
//! a plan is shown, and `status` shows the batches OOS really formed.

use serde::Serialize;

use crate::params::BatchPauseOption;

/// The rule the preview assumes, in one sentence for people.
pub const RULE: &str = "OOS does not document how it splits instances into batches; this \
                        preview assumes ceil(instances / batchNumber) per batch, the last batch \
                        holding the rest";

/// The most items one OOS loop task takes.
pub const MAX_LOOP_ITEMS: usize = 1000;

/// One batch of the plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Batch {
    /// 1-based, as OOS numbers `LoopBatchNumber`.
    pub number: usize,
    /// How many instances it takes out of service at once.
    pub instances: usize,
    /// The instance IDs, when the plan was made from a live group.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub instance_ids: Vec<String>,
    /// The share of the selected instances out of service during this batch, in percent.
    pub out_of_service_percent: f64,
    /// Whether the update waits for approval after this batch.
    pub pause_after: bool,
}

/// The whole plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    /// Instances selected by the lifecycle states.
    pub instances: usize,
    /// `batchNumber` as asked (default 5).
    pub batch_number: u32,
    /// The pause option (default Automatic).
    pub batch_pause_option: BatchPauseOption,
    /// The batches in order.
    pub batches: Vec<Batch>,
    /// How many times the update will wait for approval.
    pub pauses: usize,
    /// Things worth knowing before starting.
    pub warnings: Vec<String>,
    /// The split rule the preview assumes.
    pub rule: &'static str,
}

/// Plans `instances` instances in `batch_number` batches (clamped to 1-100).
pub fn plan(instances: usize, batch_number: u32, pause: BatchPauseOption) -> Plan {
    plan_ids(&vec![String::new(); instances], batch_number, pause)
}

/// Plans the given instances, in the order OOS lists them.
pub fn plan_ids(instance_ids: &[String], batch_number: u32, pause: BatchPauseOption) -> Plan {
    let instances = instance_ids.len();
    let n = batch_number.clamp(1, 100) as usize;
    let size = instances.div_ceil(n).max(1);
    let chunks: Vec<&[String]> = instance_ids.chunks(size).collect();
    let count = chunks.len();
    let batches: Vec<Batch> = chunks
        .into_iter()
        .enumerate()
        .map(|(index, chunk)| {
            let last = index + 1 == count;
            let pause_after = !last
                && match pause {
                    BatchPauseOption::Automatic => false,
                    BatchPauseOption::FirstBatchPause => index == 0,
                    BatchPauseOption::EveryBatchPause => true,
                };
            Batch {
                number: index + 1,
                instances: chunk.len(),
                instance_ids: chunk.iter().filter(|id| !id.is_empty()).cloned().collect(),
                out_of_service_percent: percent(chunk.len(), instances),
                pause_after,
            }
        })
        .collect();
    let pauses = batches.iter().filter(|b| b.pause_after).count();

    let mut warnings = Vec::new();
    if instances == 0 {
        warnings.push(
            "no instance is selected: the update ends at once without doing anything".to_owned(),
        );
    } else {
        if count < n {
            warnings.push(format!(
                "batchNumber {n} asks for more batches than this split gives: {count} batch{} \
                 of up to {size} instance{}",
                if count == 1 { "" } else { "es" },
                if size == 1 { "" } else { "s" }
            ));
        }
        if count == 1 && instances > 0 {
            warnings.push(
                "one batch: every selected instance leaves service at the same time".to_owned(),
            );
        } else if size * 2 >= instances {
            warnings.push(format!(
                "a batch takes {} of {instances} instances ({:.0}%) out of service at once",
                size,
                percent(size, instances)
            ));
        }
        if instances > MAX_LOOP_ITEMS {
            warnings.push(format!(
                "{instances} instances: one OOS loop takes at most {MAX_LOOP_ITEMS}; split the \
                 update (for example by lifecycle state)"
            ));
        }
    }
    if batch_number != n as u32 {
        warnings.push(format!("batchNumber {batch_number} is outside 1-100; planned with {n}"));
    }
    Plan {
        instances,
        batch_number,
        batch_pause_option: pause,
        batches,
        pauses,
        warnings,
        rule: RULE,
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { (part as f64 * 1000.0 / whole as f64).round() / 10.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(plan: &Plan) -> Vec<usize> {
        plan.batches.iter().map(|b| b.instances).collect()
    }

    #[test]
    fn six_instances_in_three_batches_with_a_first_pause() {
        let p = plan(6, 3, BatchPauseOption::FirstBatchPause);
        assert_eq!(sizes(&p), [2, 2, 2]);
        assert_eq!(p.pauses, 1);
        assert!(p.batches[0].pause_after && !p.batches[1].pause_after);
        assert_eq!(p.batches[0].out_of_service_percent, 33.3);
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn uneven_split_gives_fewer_batches_and_says_so() {
        let p = plan(10, 4, BatchPauseOption::Automatic);
        assert_eq!(sizes(&p), [3, 3, 3, 1]);
        let p = plan(6, 4, BatchPauseOption::Automatic);
        assert_eq!(sizes(&p), [2, 2, 2]);
        assert!(p.warnings[0].contains("more batches than this split gives"), "{:?}", p.warnings);
    }

    #[test]
    fn more_batches_than_instances() {
        let p = plan(2, 5, BatchPauseOption::EveryBatchPause);
        assert_eq!(sizes(&p), [1, 1]);
        assert_eq!(p.pauses, 1, "no pause after the last batch");
        assert!(p.warnings.iter().any(|w| w.contains("50%")), "{:?}", p.warnings);
    }

    #[test]
    fn one_batch_and_no_instances_warn() {
        assert!(plan(4, 1, BatchPauseOption::Automatic).warnings[0].starts_with("one batch"));
        let empty = plan(0, 5, BatchPauseOption::Automatic);
        assert!(empty.batches.is_empty());
        assert!(empty.warnings[0].contains("no instance"));
    }

    #[test]
    fn live_ids_are_assigned_in_order() {
        let ids: Vec<String> = (1..=5).map(|i| format!("i-{i}")).collect();
        let p = plan_ids(&ids, 2, BatchPauseOption::Automatic);
        assert_eq!(p.batches[0].instance_ids, ["i-1", "i-2", "i-3"]);
        assert_eq!(p.batches[1].instance_ids, ["i-4", "i-5"]);
    }

    #[test]
    fn large_groups_warn_about_the_loop_limit() {
        let p = plan(1500, 100, BatchPauseOption::Automatic);
        assert!(p.warnings.iter().any(|w| w.contains("at most 1000")), "{:?}", p.warnings);
        assert_eq!(p.batches.iter().map(|b| b.instances).sum::<usize>(), 1500);
    }
}
