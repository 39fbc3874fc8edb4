//! The script of `demo`: which verbs run against the simulator, in what order, with which
//! flags, what each step tells the reader, and the exit code each step must end with for the
//! demo to have gone as planned. The runner (`super`) decides nothing of its own.

use rolling_update_core::command::quote;
use rolling_update_core::template::BatchPauseOption as Pause;

use crate::cli::ScenarioArg;
use crate::exit::Code;

/// Stands, in a step's arguments, for the id of the update an earlier step started.
pub(crate) const EXECUTION: &str = "<execution-id>";
/// Stands, in a step's arguments, for the id of the rollback a health gate started.
pub(crate) const ROLLBACK: &str = "<rollback-id>";

/// The CloudMonitor alarm rule the canary gates on; the runner creates it in the simulator
/// (state `OK`) and has the simulator fire it when batch [`CANARY_ALARM_BATCH`] finishes.
pub(crate) const CANARY_RULE: &str = "rule-demo-canary-errors";
/// The batch of the canary whose end fires [`CANARY_RULE`].
pub(crate) const CANARY_ALARM_BATCH: u32 = 2;

/// The canary's check, in the plugin's shell (`sh -c`, or `cmd /C` on Windows). It stands for
/// a real health check of the batch's instances (a request to each of its private IPs); here
/// it only tests that the batch's IPs reached it, which is true, so the alarm decides.
pub(crate) const CANARY_CHECK: &str = if cfg!(windows) {
    "if defined RU_INSTANCE_IPS (exit 0) else (exit 1)"
} else {
    "test -n \"$RU_INSTANCE_IPS\""
};

/// An id that a step's JSON result holds and later steps use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Yield {
    /// The placeholder later steps name it by.
    pub(crate) placeholder: &'static str,
    /// Where it is in the step's JSON result (a JSON Pointer).
    pub(crate) pointer: &'static str,
}

/// The update `start` started.
const UPDATE_ID: Yield = Yield { placeholder: EXECUTION, pointer: "/executionId" };
/// The rollback a health gate started.
const ROLLBACK_ID: Yield = Yield { placeholder: ROLLBACK, pointer: "/outcome/rollbackExecutionId" };

/// One step: a verb as the user would type it, and what to expect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Step {
    /// What the step shows, one line for the reader.
    pub(crate) title: &'static str,
    /// The verb and its flags (no `aliyun rolling-update`), with placeholders for ids.
    pub(crate) args: Vec<String>,
    /// The exit code the verb must return.
    pub(crate) expect: Code,
    /// The ids this step's result gives to later steps.
    pub(crate) yields: Vec<Yield>,
    /// Said after the step ran as expected.
    pub(crate) after: Option<&'static str>,
}

/// The ids known so far: `(placeholder, id)`.
pub(crate) type Ids = [(&'static str, String)];

impl Step {
    fn new(title: &'static str, args: &[&str], expect: Code) -> Step {
        Step {
            title,
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            expect,
            yields: Vec::new(),
            after: None,
        }
    }

    fn yielding(mut self, id: Yield) -> Step {
        self.yields.push(id);
        self
    }

    fn then(mut self, after: &'static str) -> Step {
        self.after = Some(after);
        self
    }

    /// The arguments with each placeholder replaced by its id in `ids` (left as is when
    /// unknown).
    pub(crate) fn resolved_args(&self, ids: &Ids) -> Vec<String> {
        self.args
            .iter()
            .map(|a| match ids.iter().find(|(placeholder, _)| placeholder == a) {
                Some((_, id)) => id.clone(),
                None => a.clone(),
            })
            .collect()
    }

    /// The command a user would type for this step (POSIX shell quoting).
    pub(crate) fn command_line(&self, ids: &Ids) -> String {
        let mut line = String::from("aliyun rolling-update");
        for arg in self.resolved_args(ids) {
            line.push(' ');
            line.push_str(&quote(&arg));
        }
        line
    }
}

/// The steps of `scenario` against the group `group_id`, updating to `new_image`.
pub(crate) fn script(scenario: ScenarioArg, group_id: &str, new_image: &str) -> Vec<Step> {
    match scenario {
        ScenarioArg::Success => success(group_id, new_image),
        ScenarioArg::Failure => failure(group_id, new_image),
        ScenarioArg::Canary => canary(group_id, new_image),
    }
}

/// `start` of an image update of `group_id` in 3 batches with `pause`, then `extra` flags.
fn start(
    title: &'static str,
    group_id: &str,
    new_image: &str,
    pause: &str,
    extra: &[&str],
) -> Step {
    let mut args = vec![
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
    ];
    args.extend_from_slice(extra);
    Step::new(title, &args, Code::Ok).yielding(UPDATE_ID)
}

/// `rollback` of the update, without pauses, followed to its end.
fn rollback(title: &'static str) -> Step {
    Step::new(
        title,
        &["rollback", EXECUTION, "--batch-pause-option", Pause::Automatic.as_str(), "--wait", "-y"],
        Code::Ok,
    )
}

fn success(group_id: &str, new_image: &str) -> Vec<Step> {
    let start = start(
        "Start an image update in 3 batches that pauses after the first batch, and follow it.",
        group_id,
        new_image,
        Pause::FirstBatchPause.as_str(),
        &["--wait", "-y"],
    );
    vec![
        Step::new(
            "Preview the batches the update will run in (reads the group, changes nothing).",
            &["plan", "--scaling-group-id", group_id, "--batch-number", "3"],
            Code::Ok,
        ),
        Step { expect: Code::Paused, ..start }
            .then("Exit code 5: the first batch is done and the update waits for approval."),
        Step::new("Approve: the remaining batches run.", &["approve", EXECUTION], Code::Ok),
        Step::new("Follow the update to its end.", &["wait", EXECUTION], Code::Ok)
            .then("Exit code 0: every instance runs the new image."),
        Step::new("Show what happened, batch by batch.", &["status", EXECUTION], Code::Ok),
        rollback("Roll it back: parameters come from the update itself (the previous image).")
            .then("Exit code 0: the group is back on the previous image."),
    ]
}

fn failure(group_id: &str, new_image: &str) -> Vec<Step> {
    let start = start(
        "Start an image update in 3 batches and follow it; the simulator will make one \
         instance fail.",
        group_id,
        new_image,
        Pause::Automatic.as_str(),
        &["--wait", "-y"],
    );
    vec![
        Step { expect: Code::Failed, ..start }.then(
            "Exit code 3: the update failed; the failed instance is named above and stays in \
             Standby, and the group's scaling processes stay suspended.",
        ),
        Step::new(
            "Look at the failure: which batch, which instance, and the next steps.",
            &["status", EXECUTION],
            Code::Ok,
        ),
        Step::new(
            "Print the clean-up: the commands that resume the scaling processes and take \
             instances out of Standby (cancel does nothing to an update that already ended).",
            &["cancel", EXECUTION, "-y"],
            Code::Ok,
        ),
        rollback("Or undo it: roll back the instances the update touched to the previous image.")
            .then("Exit code 0: the rollback put the previous image back."),
    ]
}

/// The canary's gate flags.
fn canary_gate() -> [&'static str; 6] {
    ["--check", CANARY_CHECK, "--alarm", CANARY_RULE, "--on-unhealthy", "rollback"]
}

fn canary(group_id: &str, new_image: &str) -> Vec<Step> {
    let mut args = vec![
        "start",
        "--template",
        "image",
        "--scaling-group-id",
        group_id,
        "--image-id",
        new_image,
        "--batch-number",
        "3",
        "-y",
    ];
    args.extend(canary_gate());
    vec![
        Step {
            title: "Start an image update in 3 batches, gated: after each batch the check (standing \
                    for your service's health check; here it tests that the batch's private IPs \
                    reached it) and a CloudMonitor alarm rule, which the simulator fires when \
                    batch 2 finishes, decide. The plugin pauses the update after every batch, \
                    approves a healthy one and rolls back an unhealthy one.",
            ..Step::new("", &args, Code::GateRolledBack)
        }
        .yielding(UPDATE_ID)
        .yielding(ROLLBACK_ID)
        .then(
            "Exit code 7: batch 1 passed and was approved by the plugin, batch 2's alarm fired, \
             and the plugin cancelled the update and rolled it back; batch 3 never ran.",
        ),
        Step::new(
            "Show the rollback the gate started, batch by batch.",
            &["status", ROLLBACK],
            Code::Ok,
        ),
    ]
}

#[cfg(test)]
mod tests {
    use clap::{Parser as _, ValueEnum as _};

    use super::*;
    use crate::cli::{Cli, Unhealthy, Verb};

    const IDS: [(&str, &str); 2] =
        [(EXECUTION, "exec-0123456789abcdef0001"), (ROLLBACK, "exec-0123456789abcdef0002")];

    fn ids() -> Vec<(&'static str, String)> {
        IDS.iter().map(|(p, id)| (*p, (*id).to_owned())).collect()
    }

    fn all() -> impl Iterator<Item = (ScenarioArg, Vec<Step>)> {
        ScenarioArg::value_variants().iter().map(|s| (*s, script(*s, "asg-1", "m-new")))
    }

    /// Every step of every scenario, as the runner resolves it, is accepted by the plugin's own
    /// argument parser (and its checks of ids and regions) as the verb it names.
    #[test]
    fn every_step_parses_with_the_plugins_own_flags() {
        for (scenario, steps) in all() {
            for step in &steps {
                let mut argv = vec!["aliyun-cli-rolling-update".to_owned()];
                argv.extend(step.resolved_args(&ids()));
                let cli = Cli::try_parse_from(&argv)
                    .unwrap_or_else(|e| panic!("{scenario:?}: {argv:?}\n{e}"));
                crate::cmd::check_arguments(&cli)
                    .unwrap_or_else(|e| panic!("{scenario:?}: {argv:?}: {e}"));
                let verb = format!("{:?}", cli.verb).to_lowercase();
                assert!(verb.starts_with(&step.args[0]), "{scenario:?}: {argv:?} is {verb}");
            }
        }
    }

    #[test]
    fn every_id_is_yielded_before_it_is_used() {
        for (scenario, steps) in all() {
            let mut known: Vec<&str> = Vec::new();
            for step in &steps {
                for arg in step.args.iter().filter(|a| a.starts_with('<')) {
                    assert!(known.contains(&arg.as_str()), "{scenario:?}: {arg} unknown yet");
                }
                known.extend(step.yields.iter().map(|y| y.placeholder));
            }
            assert!(known.contains(&EXECUTION), "{scenario:?} starts an update");
            assert!(steps.iter().all(|s| !s.title.is_empty()), "{scenario:?}");
        }
    }

    #[test]
    fn expected_exit_codes_tell_the_story() {
        let codes = |s| script(s, "g", "i").iter().map(|s| s.expect as u8).collect::<Vec<_>>();
        assert_eq!(codes(ScenarioArg::Success), [0, 5, 0, 0, 0, 0]);
        assert_eq!(codes(ScenarioArg::Failure), [3, 0, 0, 0]);
        assert_eq!(codes(ScenarioArg::Canary), [7, 0]);
    }

    #[test]
    fn the_canary_gates_every_batch_and_rolls_back_when_unhealthy() {
        let steps = script(ScenarioArg::Canary, "asg-1", "m-new");
        let flag = |step: &Step, name: &str| {
            let at = step.args.iter().position(|a| a == name)?;
            step.args.get(at + 1).cloned()
        };
        assert_eq!(flag(&steps[0], "--batch-number").as_deref(), Some("3"));
        assert_eq!(
            flag(&steps[0], "--batch-pause-option"),
            None,
            "a gated start pauses after every batch by itself"
        );
        let argv = std::iter::once("aliyun-cli-rolling-update".to_owned())
            .chain(steps[0].resolved_args(&ids()));
        let Verb::Start(start) = Cli::try_parse_from(argv).unwrap().verb else {
            panic!("the canary gates its start")
        };
        assert!(crate::cmd::gate::is_gated(&start.gate));
        assert_eq!(start.gate.check.as_deref(), Some(CANARY_CHECK));
        assert_eq!(start.gate.alarms, [CANARY_RULE]);
        assert_eq!(start.gate.on_unhealthy, Some(Unhealthy::Rollback));
        assert_eq!(steps[0].yields, [UPDATE_ID, ROLLBACK_ID]);
        assert_eq!(steps[1].resolved_args(&ids()), ["status", IDS[1].1]);
    }

    #[test]
    fn command_lines_quote_and_substitute() {
        let steps = script(ScenarioArg::Success, "asg-1", "my image");
        assert_eq!(
            steps[1].command_line(&[]),
            "aliyun rolling-update start --template image --scaling-group-id asg-1 --image-id \
             'my image' --batch-number 3 --batch-pause-option FirstBatchPause --wait -y"
        );
        assert_eq!(steps[3].resolved_args(&ids()), ["wait", IDS[0].1]);
        assert_eq!(steps[3].resolved_args(&[]), ["wait", EXECUTION]);
    }
}
