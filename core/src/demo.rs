//! The script of `aliyun rolling-update demo`: which verbs run against the simulator, in what
//! order, with which flags, what each step tells the reader, and the exit code each step must
//! end with for the demo to have gone as planned.
//!
//! The plugin runs the steps through its ordinary verbs; everything it decides comes from here.
//!
//! ```
//! use rolling_update_core::demo::{Scenario, script};
//! let steps = script(Scenario::Success, "asg-1", "img-new");
//! assert_eq!(steps[0].args[0], "plan");
//! assert_eq!(steps[1].expect, 5, "the start pauses after the first batch");
//! let line = steps[2].command_line(Some("exec-1"));
//! assert_eq!(line, "aliyun rolling-update approve exec-1");
//! ```

use crate::command::quote;
use crate::waiter::{STEADY_POLL_MS, WaiterConfig};

/// Where a step's arguments take the id of the update started earlier in the script.
pub const EXECUTION: &str = "<execution-id>";

/// Which story the demo tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scenario {
    /// An image update with a pause after the first batch, approved, then rolled back.
    Success,
    /// An image update in which one instance fails, and how to get out of it.
    Failure,
}

/// One step: a verb as the user would type it, and what to expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// What the step shows, one line for the reader.
    pub title: &'static str,
    /// The verb and its flags (no `aliyun rolling-update`); [`EXECUTION`] stands for the id.
    pub args: Vec<String>,
    /// The exit code the verb must return.
    pub expect: u8,
    /// Whether this step starts the update whose id later steps use.
    pub starts_update: bool,
    /// Said after the step ran as expected.
    pub after: Option<&'static str>,
}

impl Step {
    fn new(title: &'static str, args: &[&str], expect: u8) -> Step {
        Step {
            title,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            expect,
            starts_update: false,
            after: None,
        }
    }

    fn starting(mut self) -> Step {
        self.starts_update = true;
        self
    }

    fn then(mut self, after: &'static str) -> Step {
        self.after = Some(after);
        self
    }

    /// The arguments with [`EXECUTION`] replaced by `execution_id` (left as is when unknown).
    pub fn resolved_args(&self, execution_id: Option<&str>) -> Vec<String> {
        self.args
            .iter()
            .map(|a| match execution_id {
                Some(id) if a == EXECUTION => id.to_owned(),
                _ => a.clone(),
            })
            .collect()
    }

    /// The command a user would type for this step (POSIX shell quoting).
    pub fn command_line(&self, execution_id: Option<&str>) -> String {
        let mut line = String::from("aliyun rolling-update");
        for arg in self.resolved_args(execution_id) {
            line.push(' ');
            line.push_str(&quote(&arg));
        }
        line
    }
}

/// The steps of `scenario` against the group `group_id`, updating to `new_image`.
pub fn script(scenario: Scenario, group_id: &str, new_image: &str) -> Vec<Step> {
    let start = |pause: &str| {
        Step::new(
            "",
            &[
                "start",
                "--template",
                "image",
                "--scaling-group-id",
                group_id,
                "--image-id",
                new_image,
                "--batch-number",
                "3",
                "--batch-pause-option",
                pause,
                "--wait",
                "-y",
            ],
            0,
        )
        .starting()
    };
    match scenario {
        Scenario::Success => vec![
            Step::new(
                "Preview the batches the update will run in (reads the group, changes nothing).",
                &["plan", "--scaling-group-id", group_id, "--batch-number", "3"],
                0,
            ),
            Step {
                title: "Start an image update in 3 batches that pauses after the first batch, \
                        and follow it.",
                expect: 5,
                after: Some(
                    "Exit code 5: the first batch is done and the update waits for approval.",
                ),
                ..start("FirstBatchPause")
            },
            Step::new("Approve: the remaining batches run.", &["approve", EXECUTION], 0),
            Step::new("Follow the update to its end.", &["wait", EXECUTION], 0)
                .then("Exit code 0: every instance runs the new image."),
            Step::new("Show what happened, batch by batch.", &["status", EXECUTION], 0),
            Step::new(
                "Roll it back: parameters come from the update itself (the previous image).",
                &["rollback", EXECUTION, "--batch-pause-option", "Automatic", "--wait", "-y"],
                0,
            )
            .then("Exit code 0: the group is back on the previous image."),
        ],
        Scenario::Failure => vec![
            Step {
                title: "Start an image update in 3 batches and follow it; the simulator will \
                        make one instance fail.",
                expect: 3,
                after: Some(
                    "Exit code 3: the update failed; the failed instance is named above and \
                     stays in Standby, and the group's scaling processes stay suspended.",
                ),
                ..start("Automatic")
            },
            Step::new(
                "Look at the failure: which batch, which instance, and the next steps.",
                &["status", EXECUTION],
                0,
            ),
            Step::new(
                "Print the clean-up: the commands that resume the scaling processes and take \
                 instances out of Standby (cancel does nothing to an update that already ended).",
                &["cancel", EXECUTION, "-y"],
                0,
            ),
            Step::new(
                "Or undo it: roll back the instances the update touched to the previous image.",
                &["rollback", EXECUTION, "--batch-pause-option", "Automatic", "--wait", "-y"],
                0,
            )
            .then("Exit code 0: the rollback put the previous image back."),
        ],
    }
}

/// The pace of `wait` for a simulation running `speed` times faster than real time: the
/// plugin's steady pace divided by `speed`, so that in simulated time it polls as often as against the
/// cloud. Never faster than every 20 ms.
///
/// ```
/// use rolling_update_core::demo::scaled_pace;
/// let pace = scaled_pace(10.0);
/// assert_eq!((pace.poll_ms, pace.call_gap_ms), (500, 35));
/// ```
pub fn scaled_pace(speed: f64) -> WaiterConfig {
    let speed = if speed.is_finite() && speed >= 1.0 { speed } else { 1.0 };
    WaiterConfig::steady(((STEADY_POLL_MS as f64 / speed).round() as u64).max(20))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_step_after_the_start_names_the_update() {
        for scenario in [Scenario::Success, Scenario::Failure] {
            let steps = script(scenario, "asg-1", "img");
            let first = steps.iter().position(|s| s.starts_update).expect("a start step");
            assert_eq!(steps.iter().filter(|s| s.starts_update).count(), 1);
            for step in &steps[first + 1..] {
                assert!(step.args.iter().any(|a| a == EXECUTION), "{:?}", step.args);
            }
            assert!(steps[..first].iter().all(|s| !s.args.iter().any(|a| a == EXECUTION)));
            assert!(steps.iter().all(|s| !s.title.is_empty()), "{scenario:?}");
        }
    }

    #[test]
    fn expected_exit_codes_tell_the_story() {
        let ok: Vec<u8> = script(Scenario::Success, "g", "i").iter().map(|s| s.expect).collect();
        assert_eq!(ok, [0, 5, 0, 0, 0, 0]);
        let failure: Vec<u8> =
            script(Scenario::Failure, "g", "i").iter().map(|s| s.expect).collect();
        assert_eq!(failure, [3, 0, 0, 0]);
    }

    #[test]
    fn command_lines_quote_and_substitute() {
        let steps = script(Scenario::Success, "asg-1", "my image");
        assert_eq!(
            steps[1].command_line(None),
            "aliyun rolling-update start --template image --scaling-group-id asg-1 --image-id \
             'my image' --batch-number 3 --batch-pause-option FirstBatchPause --wait -y"
        );
        assert_eq!(steps[3].resolved_args(Some("exec-9")), ["wait", "exec-9"]);
        assert_eq!(steps[3].resolved_args(None), ["wait", EXECUTION]);
    }

    #[test]
    fn pace_scales_with_speed_and_has_a_floor() {
        assert_eq!(scaled_pace(1.0), WaiterConfig::steady(STEADY_POLL_MS));
        assert_eq!(scaled_pace(0.0), WaiterConfig::steady(STEADY_POLL_MS));
        assert_eq!(scaled_pace(1e9).poll_ms, 20);
        assert_eq!(scaled_pace(4.0).poll_ms, 1_250);
    }
}
