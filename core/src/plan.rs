//! The batch plan: how a rolling update will split a group's instances, before it runs.
//!
//! OOS computes the split server-side with `Fn::CalculateBatch`, which is not documented. The
//! ESS documentation only says that `batchNumber` batches are formed and that each holds at
//! least one instance. This preview assumes the simplest rule that satisfies that: every batch
//! holds `ceil(M / N)` instances and the last one holds the rest, so there are at most `N`
//! batches (fewer when the division leaves nothing for the last ones). [`rule`] says so wherever
//! a plan is shown, and `status` shows the batches OOS really formed.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::i18n::Text;

pub use crate::limits::MAX_LOOP_ITEMS;
use crate::params::BatchPauseOption;
use crate::t;
use crate::template::{DefaultValue, Key, ParamSpec};

/// The rule the preview assumes, in one sentence for people.
pub fn rule() -> Text {
    t!("plan.rule")
}

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
    /// `batchNumber` as asked (the template's default when not given).
    pub batch_number: u32,
    /// The pause option (the template's default when not given).
    pub batch_pause_option: BatchPauseOption,
    /// The batches in order.
    pub batches: Vec<Batch>,
    /// How many times the update will wait for approval.
    pub pauses: usize,
    /// Things worth knowing before starting (serialized in English).
    pub warnings: Vec<Text>,
    /// The split rule the preview assumes (serialized in English).
    pub rule: Text,
}

/// A batch setting of a payload that cannot be planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadSetting {
    /// The flag of the setting, without `--`.
    pub flag: &'static str,
    /// What it takes.
    pub expected: Text,
}

impl BadSetting {
    /// The error for a person, in any language (`Display` is its English).
    pub fn text(&self) -> Text {
        t!("plan.bad_setting", flag = self.flag, expected: self.expected.clone())
    }
}

crate::display_as_text!(BadSetting);

impl std::error::Error for BadSetting {}

/// The batch settings of a payload: `batchNumber` and `batchPauseOption`, or the template's
/// defaults when absent.
///
/// ```
/// use rolling_update_core::params::BatchPauseOption;
/// use rolling_update_core::plan::settings;
/// let payload = serde_json::json!({"batchNumber": 3});
/// assert_eq!(settings(payload.as_object().unwrap()), Ok((3, BatchPauseOption::Automatic)));
/// let bad = serde_json::json!({"batchNumber": 0});
/// assert_eq!(
///     settings(bad.as_object().unwrap()).unwrap_err().to_string(),
///     "--batch-number must be a whole number from 1 to 100"
/// );
/// ```
pub fn settings(payload: &Map<String, Value>) -> Result<(u32, BatchPauseOption), BadSetting> {
    let number = Key::BatchNumber.spec();
    let (low, high) = batch_range();
    let batch_number = match payload.get(number.key) {
        None => default_batch_number(),
        Some(value) => value
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .filter(|n| (low..=high).contains(n))
            .ok_or_else(|| BadSetting {
                flag: number.flag,
                expected: t!("plan.expected.range", low = low, high = high),
            })?,
    };
    let pause = Key::BatchPauseOption.spec();
    let text = match (payload.get(pause.key), pause.default) {
        (Some(value), _) => value.as_str(),
        (None, DefaultValue::Str(default)) => Some(default),
        (None, _) => None,
    };
    let option = text
        .and_then(BatchPauseOption::parse)
        .ok_or_else(|| BadSetting { flag: pause.flag, expected: one_of(pause) })?;
    Ok((batch_number, option))
}

/// The allowed values of `spec` as a person reads them: `A, B or C`.
fn one_of(spec: &ParamSpec) -> Text {
    let values: Vec<&str> = spec.choices.iter().map(|c| c.value).collect();
    match values.split_last() {
        Some((last, [])) => Text::raw(*last),
        Some((last, rest)) => t!("plan.expected.one_of", rest = rest.join(", "), last = last),
        None => Text::default(),
    }
}

/// The range of `batchNumber`, from the table.
fn batch_range() -> (u32, u32) {
    let spec = Key::BatchNumber.spec();
    let clamp = |n: Option<i64>, or: u32| n.map_or(or, |n| n.clamp(1, i64::from(u32::MAX)) as u32);
    (clamp(spec.min, 1), clamp(spec.max, u32::MAX))
}

/// The template's default `batchNumber`.
fn default_batch_number() -> u32 {
    match Key::BatchNumber.spec().default {
        DefaultValue::Int(n) => u32::try_from(n).unwrap_or(1),
        _ => 1,
    }
}

/// Plans `instances` instances in `batch_number` batches (clamped to the template's range).
pub fn plan(instances: usize, batch_number: u32, pause: BatchPauseOption) -> Plan {
    plan_ids(&vec![String::new(); instances], batch_number, pause)
}

/// Plans the given instances, in the order OOS lists them.
pub fn plan_ids(instance_ids: &[String], batch_number: u32, pause: BatchPauseOption) -> Plan {
    let instances = instance_ids.len();
    let (low, high) = batch_range();
    let n = batch_number.clamp(low, high) as usize;
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
        warnings.push(t!("plan.warning.no_instance"));
    } else {
        if count < n {
            let batches = match count {
                1 => t!("plan.count.batch"),
                count => t!("plan.count.batches", count = count),
            };
            let instances = match size {
                1 => t!("plan.count.instance"),
                size => t!("plan.count.instances", count = size),
            };
            warnings.push(t!(
                "plan.warning.fewer_batches",
                n = n,
                batches: batches,
                instances: instances
            ));
        }
        if count == 1 && instances > 0 {
            warnings.push(t!("plan.warning.one_batch"));
        } else if size * 2 >= instances {
            let percent = format!("{:.0}", percent(size, instances));
            warnings.push(t!(
                "plan.warning.large_batch",
                size = size,
                instances = instances,
                percent = percent
            ));
        }
        if instances > MAX_LOOP_ITEMS {
            warnings.push(t!(
                "plan.warning.loop_limit",
                instances = instances,
                max = MAX_LOOP_ITEMS
            ));
        }
    }
    if batch_number != n as u32 {
        let asked = batch_number;
        warnings.push(t!("plan.warning.outside", asked = asked, low = low, high = high, n = n));
    }
    Plan {
        instances,
        batch_number,
        batch_pause_option: pause,
        batches,
        pauses,
        warnings,
        rule: rule(),
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
    fn settings_come_from_the_payload_or_the_table() {
        let given = serde_json::json!({"batchNumber": 100, "batchPauseOption": "EveryBatchPause"});
        let given = given.as_object().cloned().unwrap_or_default();
        assert_eq!(settings(&given), Ok((100, BatchPauseOption::EveryBatchPause)));
        assert_eq!(settings(&Map::new()), Ok((5, BatchPauseOption::Automatic)));
        let bad = serde_json::json!({"batchPauseOption": "never"});
        assert_eq!(
            settings(bad.as_object().unwrap_or(&Map::new())).unwrap_err().to_string(),
            "--batch-pause-option must be Automatic, FirstBatchPause or EveryBatchPause"
        );
        let high = serde_json::json!({"batchNumber": 101});
        assert!(settings(high.as_object().unwrap_or(&Map::new())).is_err());
        assert!(
            plan(3, 300, BatchPauseOption::Automatic)
                .warnings
                .iter()
                .any(|w| w.contains("outside 1-100"))
        );
    }

    #[test]
    fn large_groups_warn_about_the_loop_limit() {
        let p = plan(1500, 100, BatchPauseOption::Automatic);
        assert!(p.warnings.iter().any(|w| w.contains("at most 1000")), "{:?}", p.warnings);
        assert_eq!(p.batches.iter().map(|b| b.instances).sum::<usize>(), 1500);
    }

    #[test]
    fn warnings_and_the_rule_read_in_chinese_and_serialize_in_english() {
        use crate::i18n::Lang;
        let p = plan(6, 4, BatchPauseOption::Automatic);
        assert_eq!(
            p.warnings[0],
            "batchNumber 4 asks for more batches than this split gives: 3 batches of up to 2 \
             instances"
        );
        assert_eq!(
            p.warnings[0].render(Lang::ZhCn),
            "batchNumber 4 要求的批次多于此拆分能给出的：3 批，每批最多 2 台实例"
        );
        let one = plan(1, 2, BatchPauseOption::Automatic);
        assert!(one.warnings[0].ends_with(": 1 batch of up to 1 instance"), "{:?}", one.warnings);
        let json = serde_json::to_value(&p).unwrap_or_default();
        assert_eq!(json["warnings"][0], p.warnings[0].as_str());
        assert!(json["rule"].as_str().is_some_and(|r| r.starts_with("OOS does not document")));
        assert!(p.rule.render(Lang::ZhCn).contains("ceil(实例数 / batchNumber)"));
        let outside = plan(3, 300, BatchPauseOption::Automatic);
        let last = outside.warnings.last().map(|w| w.render(Lang::ZhCn).into_owned());
        assert_eq!(last.as_deref(), Some("batchNumber 300 超出 1-100；按 100 规划"));
        let bad = serde_json::json!({"batchNumber": 0});
        let err = settings(bad.as_object().unwrap_or(&Map::new())).unwrap_err();
        assert_eq!(err.text().render(Lang::ZhCn), "--batch-number 必须是 1 到 100 之间的整数");
    }
}
