//! `demo --template refresh`: ESS instance refreshes played against the simulator. New
//! instances, with new ids, replace the old ones: `plan`, `start` held at a 50 % checkpoint
//! (it follows the task there: exit 5), `wait` (exit 5: still held), `approve`, `wait` to
//! success, `status`. ESS rolls back only a refresh that has not ended (Pending, InProgress,
//! Paused, CheckpointPause or Failed), so the rollback is shown on a second refresh, to a
//! candidate image, held at its checkpoint: `rollback` and `wait` to `RollbackSuccessful`.
//! Only the success scenario exists for it.

use std::time::Instant;

use anyhow::Context as _;
use rolling_update_core::t;
use rolling_update_sim::model::ess::{DEMO_GROUP_ID, DEMO_NEW_IMAGE};
use rolling_update_sim::{GroupSpec, Sim, SimHandle};

use super::script::{Step, Yield};
use super::{Narrator, Screen, Style, context, play_steps, text};
use crate::cli::{DemoArgs, ScenarioArg};
use crate::exit::Code;

/// Stands, in a step's arguments, for the id of the refresh task `start` started.
const TASK: &str = "<refresh-task-id>";
const TASK_ID: Yield = Yield { placeholder: TASK, pointer: "/instanceRefreshTaskId" };
/// Stands for the id of the second refresh, the one rolled back.
const CANDIDATE_TASK: &str = "<candidate-task-id>";
const CANDIDATE_TASK_ID: Yield =
    Yield { placeholder: CANDIDATE_TASK, pointer: "/instanceRefreshTaskId" };
/// The image of the second refresh: any id does in the simulator.
const CANDIDATE_IMAGE: &str = "aliyun_3_x64_20G_alibase_20250601.vhd";

/// `--scaling-group-id G` after an `ir-...` id, as ESS needs it.
fn on_task(verb: &'static str, task: &'static str) -> [&'static str; 4] {
    [verb, task, "--scaling-group-id", DEMO_GROUP_ID]
}

/// `start --template refresh` to `image`, held at the 50 % checkpoint.
fn start(image: &'static str) -> Vec<&'static str> {
    let mut start = vec!["start", "--template", "refresh", "--scaling-group-id", DEMO_GROUP_ID];
    start.extend(["--image-id", image, "--checkpoint", "50,100", "--hold-at-checkpoints", "-y"]);
    start
}

/// The refresh's steps.
pub(crate) fn script() -> Vec<Step> {
    let change = ["--scaling-group-id", DEMO_GROUP_ID, "--image-id", DEMO_NEW_IMAGE];
    let mut plan = vec!["plan", "--template", "refresh"];
    plan.extend(change);
    plan.extend(["--checkpoint", "50,100"]);
    vec![
        Step::new(t!("demo.refresh.step.plan"), &plan, Code::Ok),
        Step::new(t!("demo.refresh.step.start"), &start(DEMO_NEW_IMAGE), Code::Paused)
            .yielding(TASK_ID)
            .then(t!("demo.refresh.after.checkpoint")),
        Step::new(t!("demo.refresh.step.wait_checkpoint"), &on_task("wait", TASK), Code::Paused)
            .then(t!("demo.refresh.after.still_held")),
        Step::new(t!("demo.refresh.step.approve"), &on_task("approve", TASK), Code::Ok),
        Step::new(t!("demo.refresh.step.wait_success"), &on_task("wait", TASK), Code::Ok)
            .then(t!("demo.refresh.after.success")),
        Step::new(t!("demo.refresh.step.status"), &on_task("status", TASK), Code::Ok),
        Step::new(t!("demo.refresh.step.candidate"), &start(CANDIDATE_IMAGE), Code::Paused)
            .yielding(CANDIDATE_TASK_ID)
            .then(t!("demo.refresh.after.candidate")),
        Step::new(t!("demo.refresh.step.rollback"), &rollback(), Code::Ok),
        Step::new(
            t!("demo.refresh.step.wait_rollback"),
            &on_task("wait", CANDIDATE_TASK),
            Code::Cancelled,
        )
        .then(t!("demo.refresh.after.rollback")),
    ]
}

fn rollback() -> [&'static str; 5] {
    ["rollback", CANDIDATE_TASK, "--scaling-group-id", DEMO_GROUP_ID, "-y"]
}

/// Plays the refresh demo; `args.scenario` must be the default.
pub(crate) fn play(screen: &Screen, style: Style, args: &DemoArgs) -> anyhow::Result<Code> {
    if args.scenario != ScenarioArg::Success {
        return Err(crate::exit::usage(t!("demo.refresh.scenario_refused")));
    }
    let began = Instant::now();
    let sim = Sim::builder()
        .speed(args.speed)
        .group(GroupSpec::six_instance_demo())
        .start()
        .with_context(|| text(t!("demo.error.simulator")))?;
    let before = group_instances(&sim);
    let mut out = Narrator { screen: screen.clone(), style };
    let banner = out.banner();
    out.tell(t!("demo.intro", banner = banner))?;
    out.tell(t!(
        "demo.refresh.group",
        group = DEMO_GROUP_ID,
        count = before.len(),
        url = sim.base_url(),
        speed = args.speed,
    ))?;
    let (mut ctx, json) = context(screen, &sim, args.speed)?;
    if !play_steps(&mut out, &mut ctx, &json, &script())? || !show_group(&mut out, &sim, &before)? {
        out.tell(t!("demo.ended_early", banner = banner))?;
        return Ok(Code::Rejected);
    }
    out.conclude(&sim, began)?;
    Ok(Code::Ok)
}

/// The demo group's instances, `(id, image)`, read from the simulator.
fn group_instances(sim: &SimHandle) -> Vec<(String, String)> {
    let world = sim.world();
    let group = world.instances().iter().filter(|i| i.scaling_group_id == DEMO_GROUP_ID);
    group.map(|i| (i.id.clone(), i.image_id.clone())).collect()
}

/// After the rollback, every instance of the group is on the first refresh's image (the
/// rollback put back the configuration the candidate replaced) and none is one of the
/// instances it had before (a refresh replaces, it never updates in place); `false` otherwise.
fn show_group(
    out: &mut Narrator,
    sim: &SimHandle,
    before: &[(String, String)],
) -> anyhow::Result<bool> {
    let now = group_instances(sim);
    let total = now.len();
    let on_old = now.iter().filter(|(_, image)| image == DEMO_NEW_IMAGE).count();
    let new = now.iter().filter(|(id, _)| before.iter().all(|(old, _)| old != id)).count();
    out.say("")?;
    let good = total == before.len() && on_old == total && new == total;
    let line = if good {
        t!("demo.refresh.end", group = DEMO_GROUP_ID, total = total, image = DEMO_NEW_IMAGE)
    } else {
        t!("demo.refresh.end_wrong", group = DEMO_GROUP_ID, total = total, on = on_old, new = new)
    };
    out.tell(line)?;
    Ok(good)
}

#[cfg(test)]
mod tests {
    use clap::Parser as _;

    use super::*;
    use crate::cli::Cli;

    #[test]
    fn every_refresh_step_parses_and_tells_the_story() {
        let ids = [
            (TASK, "ir-0123456789abcdef0001".to_owned()),
            (CANDIDATE_TASK, "ir-0123456789abcdef0002".to_owned()),
        ];
        let steps = script();
        for step in &steps {
            let mut argv = vec!["aliyun-cli-rolling-update".to_owned()];
            argv.extend(step.resolved_args(&ids));
            let cli = Cli::try_parse_from(&argv).unwrap_or_else(|e| panic!("{argv:?}\n{e}"));
            crate::cmd::check_arguments(&cli).unwrap_or_else(|e| panic!("{argv:?}: {e}"));
        }
        let codes: Vec<u8> = steps.iter().map(|s| s.expect as u8).collect();
        assert_eq!(codes, [0, 5, 5, 0, 0, 0, 5, 0, 4]);
        assert_eq!(steps[1].yields, [TASK_ID]);
        assert_eq!(steps[6].yields, [CANDIDATE_TASK_ID]);
        assert_eq!(steps[7].args[1], CANDIDATE_TASK, "the held candidate is rolled back");
    }

    #[test]
    fn every_refresh_step_reads_in_chinese() {
        use rolling_update_core::i18n::Lang;
        for step in script() {
            for text in std::iter::once(&step.title).chain(step.after.as_ref()) {
                let zh = text.render(Lang::ZhCn);
                assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{zh}");
            }
        }
        let line = t!("demo.step", n = 4, total = 9, title: script()[3].title.clone());
        assert_eq!(line, "Step 4/9: Approve: the refresh resumes (ResumeInstanceRefresh).");
        assert_eq!(
            line.render(Lang::ZhCn),
            "步骤 4/9：批准：实例刷新继续进行（ResumeInstanceRefresh）。"
        );
    }
}
