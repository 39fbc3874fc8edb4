//! The script of `demo`: which verbs run against the simulator, in what order, with which
//! flags, what each step tells the reader, and the exit code each step must end with for the
//! demo to have gone as planned. The runner (`super`) decides nothing of its own.

use rolling_update_core::command::quote;
use rolling_update_core::i18n::Text;
use rolling_update_core::t;
use rolling_update_core::template::{BatchPauseOption as Pause, GroupKind};

use super::update::Update;
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

/// The canary's check on an ECI group, whose container groups have no ECS private IPs for the
/// plugin to read: it tests that the batch's container group ids reached it.
pub(crate) const CANARY_CHECK_ECI: &str = if cfg!(windows) {
    "if defined RU_INSTANCE_IDS (exit 0) else (exit 1)"
} else {
    "test -n \"$RU_INSTANCE_IDS\""
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
    /// What the step shows, one line for the reader (rendered in the run's language when said).
    pub(crate) title: Text,
    /// The verb and its flags (no `aliyun rolling-update`), with placeholders for ids.
    pub(crate) args: Vec<String>,
    /// The exit code the verb must return.
    pub(crate) expect: Code,
    /// The ids this step's result gives to later steps.
    pub(crate) yields: Vec<Yield>,
    /// Said after the step ran as expected.
    pub(crate) after: Option<Text>,
}

/// The ids known so far: `(placeholder, id)`.
pub(crate) type Ids = [(&'static str, String)];

impl Step {
    pub(crate) fn new(title: impl Into<Text>, args: &[&str], expect: Code) -> Step {
        Step {
            title: title.into(),
            args: args.iter().map(|a| (*a).to_owned()).collect(),
            expect,
            yields: Vec::new(),
            after: None,
        }
    }

    pub(crate) fn yielding(mut self, id: Yield) -> Step {
        self.yields.push(id);
        self
    }

    pub(crate) fn then(mut self, after: impl Into<Text>) -> Step {
        self.after = Some(after.into());
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

/// The steps of `scenario`, playing `update`.
pub(crate) fn script(scenario: ScenarioArg, update: &Update) -> Vec<Step> {
    match scenario {
        ScenarioArg::Success => success(update),
        ScenarioArg::Failure => failure(update),
        ScenarioArg::Canary => canary(update),
    }
}

/// `start` of `update` in 3 batches, then `extra` flags.
fn start_args<'a>(update: &'a Update, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["start", "--template", update.template.short_name()];
    args.extend(["--scaling-group-id", update.group]);
    args.extend(update.change.iter().map(String::as_str));
    args.extend(["--batch-number", "3"]);
    args.extend_from_slice(extra);
    args
}

fn start(title: Text, update: &Update, pause: &str, extra: &[&str]) -> Step {
    let mut flags = vec!["--batch-pause-option", pause];
    flags.extend_from_slice(extra);
    Step::new(title, &start_args(update, &flags), Code::Ok).yielding(UPDATE_ID)
}

/// `rollback` of the update, without pauses, followed to its end.
fn rollback(title: Text, update: &Update) -> Step {
    let mut args = vec!["rollback", EXECUTION, "--batch-pause-option", Pause::Automatic.as_str()];
    args.extend(update.rollback.iter().map(String::as_str));
    args.extend(["--wait", "-y"]);
    Step::new(title, &args, Code::Ok)
}

fn success(update: &Update) -> Vec<Step> {
    let what = update.what.clone();
    let previous = update.previous.clone();
    let start = start(
        t!("demo.step.start_paused", what: what),
        update,
        Pause::FirstBatchPause.as_str(),
        &["--wait", "-y"],
    );
    vec![
        Step::new(
            t!("demo.step.plan"),
            &["plan", "--scaling-group-id", update.group, "--batch-number", "3"],
            Code::Ok,
        ),
        Step { expect: Code::Paused, ..start }.then(t!("demo.after.paused")),
        Step::new(t!("demo.step.approve"), &["approve", EXECUTION], Code::Ok),
        Step::new(t!("demo.step.wait"), &["wait", EXECUTION], Code::Ok)
            .then(t!("demo.after.success")),
        Step::new(t!("demo.step.status"), &["status", EXECUTION], Code::Ok),
        rollback(t!("demo.step.rollback", previous: previous.clone()), update)
            .then(t!("demo.after.rolled_back", previous: previous)),
    ]
}

fn failure(update: &Update) -> Vec<Step> {
    let previous = update.previous.clone();
    let start = start(
        t!("demo.step.start_failing", what: update.what.clone()),
        update,
        Pause::Automatic.as_str(),
        &["--wait", "-y"],
    );
    vec![
        Step { expect: Code::Failed, ..start }.then(t!("demo.after.failed")),
        Step::new(t!("demo.step.failure_status"), &["status", EXECUTION], Code::Ok),
        Step::new(t!("demo.step.cleanup"), &["cancel", EXECUTION, "-y"], Code::Ok),
        rollback(t!("demo.step.undo", previous: previous.clone()), update)
            .then(t!("demo.after.undone", previous: previous)),
    ]
}

/// The canary's gate flags for `update`'s kind of group.
fn canary_gate(update: &Update) -> [&'static str; 6] {
    let check = match update.template.group_kind() {
        GroupKind::Ecs => CANARY_CHECK,
        GroupKind::Eci => CANARY_CHECK_ECI,
    };
    ["--check", check, "--alarm", CANARY_RULE, "--on-unhealthy", "rollback"]
}

fn canary(update: &Update) -> Vec<Step> {
    let mut extra = vec!["-y"];
    extra.extend(canary_gate(update));
    let args = start_args(update, &extra);
    vec![
        Step {
            title: t!("demo.step.canary", what: update.what.clone()),
            ..Step::new("", &args, Code::GateRolledBack)
        }
        .yielding(UPDATE_ID)
        .yielding(ROLLBACK_ID)
        .then(t!("demo.after.canary")),
        Step::new(t!("demo.step.canary_status"), &["status", ROLLBACK], Code::Ok),
    ]
}

#[cfg(test)]
mod tests {
    use clap::{Parser as _, ValueEnum as _};

    use rolling_update_core::i18n::Lang;
    use rolling_update_core::template::Template;

    use super::*;
    use crate::cli::{Cli, Unhealthy, Verb};

    const IDS: [(&str, &str); 2] =
        [(EXECUTION, "exec-0123456789abcdef0001"), (ROLLBACK, "exec-0123456789abcdef0002")];

    fn ids() -> Vec<(&'static str, String)> {
        IDS.iter().map(|(p, id)| (*p, (*id).to_owned())).collect()
    }

    fn image() -> Update {
        Update::of(Template::Image)
    }

    /// Every scenario with every template.
    fn all() -> impl Iterator<Item = (String, Vec<Step>)> {
        ScenarioArg::value_variants().iter().flat_map(|s| {
            Template::ALL
                .into_iter()
                .map(move |t| (format!("{s:?} of {}", t.short_name()), script(*s, &Update::of(t))))
        })
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
        let codes = |s| script(s, &image()).iter().map(|s| s.expect as u8).collect::<Vec<_>>();
        assert_eq!(codes(ScenarioArg::Success), [0, 5, 0, 0, 0, 0]);
        assert_eq!(codes(ScenarioArg::Failure), [3, 0, 0, 0]);
        assert_eq!(codes(ScenarioArg::Canary), [7, 0]);
    }

    #[test]
    fn the_canary_gates_every_batch_and_rolls_back_when_unhealthy() {
        let steps = script(ScenarioArg::Canary, &image());
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

    fn has_chinese(text: &str) -> bool {
        text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// Every title and after-word of every scenario with every template reads in Chinese, and in
    /// English as it always did.
    #[test]
    fn every_step_reads_in_chinese_and_in_english_as_before() {
        for (scenario, steps) in all() {
            for step in &steps {
                for text in std::iter::once(&step.title).chain(step.after.as_ref()) {
                    let zh = text.render(Lang::ZhCn);
                    assert!(has_chinese(&zh) && zh != text.as_str(), "{scenario}: {zh}");
                    assert!(!has_chinese(text.as_str()), "{scenario}: {}", text.as_str());
                }
            }
        }
        let steps = script(ScenarioArg::Success, &image());
        assert_eq!(
            steps[1].title,
            "Start an image update in 3 batches that pauses after the first batch, and follow it."
        );
        assert_eq!(
            steps[1].title.render(Lang::ZhCn),
            "分 3 批启动一次镜像更新，第一批完成后暂停，并跟踪它。"
        );
        let rollback = &steps[5];
        assert_eq!(
            rollback.after.as_deref(),
            Some("Exit code 0: the group is back to the previous image.")
        );
        let after = rollback.after.as_ref().map(|a| a.render(Lang::ZhCn).into_owned());
        assert_eq!(after.as_deref(), Some("退出码 0：伸缩组已恢复为之前的镜像。"));
        // The canary's title names its alarm rule's batch and keeps the update's kind.
        let canary = script(ScenarioArg::Canary, &Update::of(Template::Package));
        let title = canary[0].title.render(Lang::ZhCn);
        assert!(title.contains("软件包安装") && title.contains("第 2 批"), "{title}");
    }

    #[test]
    fn command_lines_quote_and_substitute() {
        let update = Update {
            group: "asg-1",
            change: vec!["--image-id".into(), "my image".into()],
            ..image()
        };
        let steps = script(ScenarioArg::Success, &update);
        assert_eq!(
            steps[1].command_line(&[]),
            "aliyun rolling-update start --template image --scaling-group-id asg-1 --image-id \
             'my image' --batch-number 3 --batch-pause-option FirstBatchPause --wait -y"
        );
        assert_eq!(steps[3].resolved_args(&ids()), ["wait", IDS[0].1]);
        assert_eq!(steps[3].resolved_args(&[]), ["wait", EXECUTION]);
    }
}
