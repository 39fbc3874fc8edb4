//! The batch plan drawn as text: one bar per batch, the instances it takes out of service
//! against those still serving, and the pause points between batches. The page draws the same
//! picture as SVG from the same [`Plan`].
//!
//! ```
//! use rolling_update_core::params::BatchPauseOption;
//! use rolling_update_core::plan::plan;
//! use rolling_update_core::plan_view::bars;
//!
//! let lines: Vec<String> =
//!     bars(&plan(6, 3, BatchPauseOption::FirstBatchPause), 6).iter().map(|t| t.to_string()).collect();
//! assert_eq!(lines[0], "batch 1 [##----] 2 out of service, 4 serving (33%)");
//! assert_eq!(lines[1], "  pause: waits for approval before batch 2");
//! ```

use crate::i18n::Text;
use crate::plan::Plan;
use crate::t;

/// The cells of one batch's bar: `=` already updated and serving, `#` out of service in this
/// batch, `-` not yet updated and serving. Every group of instances shows at least one cell
/// when it is not empty, so a small batch of a large group stays visible.
pub fn batch_bar(before: usize, size: usize, total: usize, width: usize) -> String {
    if total == 0 || width == 0 {
        return "-".repeat(width);
    }
    let after = total.saturating_sub(before + size);
    let cells = |n: usize| if n == 0 { 0 } else { (n * width / total).max(1) };
    let mut out = cells(size).min(width);
    let mut done = cells(before).min(width - out);
    let mut rest = width - out - done;
    if after > 0 && rest == 0 {
        // Take the cell for what still serves from the larger neighbour.
        if done > 1 {
            done -= 1;
        } else if out > 1 {
            out -= 1;
        }
        rest = width - out - done;
    } else if after == 0 {
        // Nothing after this batch: the rounding remainder belongs to the batch.
        out += rest;
        rest = 0;
    }
    format!("{}{}{}", "=".repeat(done), "#".repeat(out), "-".repeat(rest))
}

/// The plan as lines: a bar per batch, a pause line after each batch that pauses, and a
/// legend last. Bars are `width` cells wide.
pub fn bars(plan: &Plan, width: usize) -> Vec<Text> {
    let mut lines = Vec::new();
    let mut before = 0;
    // Numbers padded to the widest, so that the bars line up past batch 9.
    let digits = plan.batches.len().to_string().len();
    for batch in &plan.batches {
        let serving = plan.instances.saturating_sub(batch.instances);
        lines.push(t!(
            "plan.view.bar",
            number = format!("{:<digits$}", batch.number),
            bar = batch_bar(before, batch.instances, plan.instances, width),
            out = batch.instances,
            serving = serving,
            percent = format!("{:.0}", batch.out_of_service_percent),
        ));
        if batch.pause_after {
            lines.push(t!("plan.view.pause", next = batch.number + 1));
        }
        before += batch.instances;
    }
    if !plan.batches.is_empty() {
        lines.push(t!("plan.view.legend"));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::BatchPauseOption;
    use crate::plan::plan;

    #[test]
    fn each_batch_takes_its_place_out_of_service() {
        assert_eq!(batch_bar(0, 2, 6, 6), "##----");
        assert_eq!(batch_bar(2, 2, 6, 6), "==##--");
        assert_eq!(batch_bar(4, 2, 6, 6), "====##");
        assert_eq!(batch_bar(0, 3, 10, 10), "###-------");
        assert_eq!(batch_bar(9, 1, 10, 10), "=========#");
        // One instance of a thousand still shows, and what still serves keeps a cell.
        assert_eq!(batch_bar(0, 1, 1000, 10), "#---------");
        assert_eq!(batch_bar(998, 1, 1000, 10), "========#-");
        assert_eq!(batch_bar(0, 0, 0, 3), "---");
    }

    #[test]
    fn pauses_sit_between_the_batches_they_hold() {
        let lines: Vec<String> = bars(&plan(5, 2, BatchPauseOption::EveryBatchPause), 10)
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(
            lines,
            [
                "batch 1 [######----] 3 out of service, 2 serving (60%)",
                "  pause: waits for approval before batch 2",
                "batch 2 [======####] 2 out of service, 3 serving (40%)",
                "# out of service, = updated and serving, - not yet updated and serving",
            ]
        );
        assert!(bars(&plan(0, 2, BatchPauseOption::Automatic), 10).is_empty());
    }

    #[test]
    fn labels_line_up_past_nine_batches() {
        let lines = bars(&plan(12, 12, BatchPauseOption::Automatic), 12);
        assert!(lines[0].starts_with("batch 1  ["), "{}", lines[0].as_str());
        assert!(lines[11].starts_with("batch 12 ["), "{}", lines[11].as_str());
    }
}
