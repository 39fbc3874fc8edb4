//! `demo`: a rolling update played out against the simulator, started in-process on a free
//! loopback port. Each step runs the ordinary verb with a real signed HTTP request to
//! 127.0.0.1; the steps, their flags and expected exit codes are the [`script`]'s.

mod refresh;
mod screen;
mod script;
mod update;

use std::io::Write;
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser as _;
use rolling_update_core::sign::Credentials;
use rolling_update_core::waiter::{STEADY_POLL_MS, WaiterConfig};
use rolling_update_sim::model::FailTarget;
use rolling_update_sim::model::cms::Trigger;

use rolling_update_sim::{Fault, GroupSpec, Sim, SimHandle};

pub(crate) use self::screen::Captured;
use self::screen::{Prefixed, Screen};
use self::script::{CANARY_ALARM_BATCH, CANARY_RULE, Ids, Step, script};
use self::update::Update;
use crate::cli::{Cli, DemoArgs, ScenarioArg};
use crate::ctx::{Ctx, Io, Session, SessionConfig};
use crate::exit::Code;
use rolling_update_core::template::Template;

/// The simulator's region (any region works; the simulator answers for all of them).
const REGION: &str = "cn-hangzhou";
/// The instance the failure scenario breaks: the 3rd selected, so batch 1 succeeds first.
const FAILING_NTH: usize = 3;

/// `demo [--scenario success|failure|canary] [--speed X]` on the process's stdout.
pub(crate) fn run(args: &DemoArgs) -> anyhow::Result<Code> {
    use std::io::IsTerminal;
    let color = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none()
        && ansi_escapes_work();
    play(&Screen::new(Box::new(std::io::stdout())), Style { color }, args)
}

/// A Windows console shows escape codes as text unless asked to interpret them; where it
/// cannot be asked (an old console), the demo prints plain text.
fn ansi_escapes_work() -> bool {
    #[cfg(windows)]
    {
        anstyle_query::windows::enable_ansi_colors().unwrap_or(false)
    }
    #[cfg(not(windows))]
    {
        true
    }
}

/// Terminal styling: bold step headers and commands, only on a terminal.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub(crate) color: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.color { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_owned() }
    }
}

/// The pace of `wait` for a simulation running `speed` times faster than real time: the
/// plugin's steady pace divided by `speed`, so that in simulated time it polls as often as
/// against the cloud. Never faster than every 20 ms.
pub(crate) fn scaled_pace(speed: f64) -> WaiterConfig {
    let speed = if speed.is_finite() && speed >= 1.0 { speed } else { 1.0 };
    WaiterConfig::steady(((STEADY_POLL_MS as f64 / speed).round() as u64).max(20))
}

/// Plays the demo, writing everything for people to `screen`.
pub(crate) fn play(screen: &Screen, style: Style, args: &DemoArgs) -> anyhow::Result<Code> {
    if !(0.5..=1000.0).contains(&args.speed) {
        return Err(crate::exit::usage("--speed must be from 0.5 to 1000"));
    }
    if rolling_update_core::refresh::is_refresh(&args.template) {
        return refresh::play(screen, style, args);
    }
    let update = Update::of(super::template(&args.template)?);
    if args.scenario == ScenarioArg::Canary && update.template == Template::Package {
        return Err(crate::exit::usage(
            "the canary rolls back by itself, and a package update's own rollback would install \
             the same version again (it is refused): play the canary with another --template",
        ));
    }
    let began = Instant::now();
    let sim = start_simulator(args)?;
    let before = marks(&sim, &update);
    let mut out = Narrator { screen: screen.clone(), style };
    out.introduce(&sim, &update, args.speed)?;
    let (mut ctx, json) = context(screen, &sim, args.speed)?;
    let steps = script(args.scenario, &update);
    if !play_steps(&mut out, &mut ctx, &json, &steps)? || !out.show_group(&sim, &update, &before)? {
        let banner = out.banner();
        out.say(&format!("{banner} ended early; nothing in the cloud was changed."))?;
        return Ok(Code::Rejected);
    }
    out.conclude(&sim, began)?;
    Ok(Code::Ok)
}

/// The simulator with the demo group, set up for `args.scenario`: the failure's broken
/// instance, the canary's alarm rule (`OK` until the canary's batch 2 finishes).
fn start_simulator(args: &DemoArgs) -> anyhow::Result<SimHandle> {
    let sim = Sim::builder()
        .speed(args.speed)
        .group(GroupSpec::six_instance_demo())
        .group(GroupSpec::eci_demo())
        .start()
        .context("starting the simulator on 127.0.0.1")?;
    match args.scenario {
        ScenarioArg::Success => {}
        ScenarioArg::Failure => sim.inject(Fault::FailInstance(FailTarget::Nth(FAILING_NTH))),
        ScenarioArg::Canary => sim
            .with_world(|w| {
                w.add_alarm_rule(CANARY_RULE, "OK")?;
                let fires = Trigger::BatchFinished(CANARY_ALARM_BATCH);
                w.schedule_alarm(CANARY_RULE, fires, "ALARM")
            })
            .map_err(|e| anyhow::anyhow!("setting up the simulator's alarm rule: {e}"))?,
    }
    Ok(sim)
}

/// What each instance of `update`'s group shows of the update, in the simulator's order.
fn marks(sim: &SimHandle, update: &Update) -> Vec<Option<String>> {
    let world = sim.world();
    let group = world.instances().iter().filter(|i| i.scaling_group_id == update.group);
    group.map(|i| (update.mark)(i)).collect()
}

/// A context pointed at `sim`, polling at its pace; the verbs' messages go to `screen`,
/// prefixed, and their JSON results to the returned buffer.
fn context(screen: &Screen, sim: &SimHandle, speed: f64) -> anyhow::Result<(Ctx, Captured)> {
    let mut config =
        SessionConfig::new(REGION, Credentials::new(sim.access_key_id(), sim.access_key_secret()));
    config.endpoint = Some(sim.base_url());
    config.poll = scaled_pace(speed);
    let json = Captured::default();
    let io = Io {
        out: Box::new(json.clone()),
        err: Box::new(Prefixed::new(screen.clone(), "  [sim] ")),
        input: Box::new(std::io::empty()),
        progress: true,
        interactive: false,
        query: None,
    };
    Ok((Ctx::with_session(io, Session::new(config)?, true), json))
}

/// Runs `steps` in order; `false` as soon as one does not end as scripted.
fn play_steps(
    out: &mut Narrator,
    ctx: &mut Ctx,
    json: &Captured,
    steps: &[Step],
) -> anyhow::Result<bool> {
    let mut ids: Vec<(&'static str, String)> = Vec::new();
    for (n, step) in steps.iter().enumerate() {
        out.say("")?;
        out.say(&out.style.paint("1", &format!("Step {}/{}: {}", n + 1, steps.len(), step.title)))?;
        out.say(&format!("$ {}", out.style.paint("1;36", &step.command_line(&ids))))?;
        let code = run_step(ctx, step, &ids);
        let _ = ctx.io.err.flush();
        let result = json.take();
        let code = match code {
            Ok(code) => code,
            Err(err) => {
                out.say(&format!("  [sim] Error: {err:#}"))?;
                Code::Rejected
            }
        };
        if code != step.expect {
            out.say(&format!(
                "The demo did not go as scripted: step {} exited {} where {} was expected.",
                n + 1,
                code as u8,
                step.expect as u8
            ))?;
            return Ok(false);
        }
        for wanted in &step.yields {
            let id = serde_json::from_str::<serde_json::Value>(&result)
                .ok()
                .and_then(|v| v.pointer(wanted.pointer)?.as_str().map(str::to_owned));
            let Some(id) = id else {
                out.say(&format!(
                    "The demo did not go as scripted: step {} gave no {}.",
                    n + 1,
                    wanted.placeholder
                ))?;
                return Ok(false);
            };
            ids.push((wanted.placeholder, id));
        }
        if let Some(after) = &step.after {
            out.say(after)?;
        }
    }
    Ok(true)
}

fn run_step(ctx: &mut Ctx, step: &Step, ids: &Ids) -> anyhow::Result<Code> {
    let mut argv = vec!["aliyun-cli-rolling-update".to_owned()];
    argv.extend(step.resolved_args(ids));
    let cli = Cli::try_parse_from(argv).context("the demo script has a bad step")?;
    super::run(cli, ctx)
}

/// The demo's own lines, around the steps.
struct Narrator {
    screen: Screen,
    style: Style,
}

impl Narrator {
    fn say(&mut self, line: &str) -> anyhow::Result<()> {
        writeln!(self.screen, "{line}").context("writing to standard output")
    }

    fn banner(&self) -> String {
        self.style.paint("1;33", "SIMULATION")
    }

    fn introduce(&mut self, sim: &SimHandle, update: &Update, speed: f64) -> anyhow::Result<()> {
        let banner = self.banner();
        self.say(&format!(
            "{banner}: this demo uses no Alibaba Cloud account and changes nothing in the cloud."
        ))?;
        let world = sim.world();
        let instances = world.instances().iter().filter(|i| i.scaling_group_id == update.group);
        self.say(&format!(
            "A simulated Auto Scaling group {group} ({n} instances) runs in a local simulator \
             on {url}, {speed}x faster than real time; the demo plays {what} \
             ({template}). Each step below is the plugin's own verb, sending signed requests to \
             the simulator with its test AccessKey, as it would to the cloud.",
            group = update.group,
            n = instances.count(),
            url = sim.base_url(),
            what = update.what,
            template = update.template.name(),
        ))
    }

    /// Shows what the simulated group's instances hold at the end, read from the simulator's
    /// own state: every scenario ends with the rollback's result on every instance. `false`
    /// when it is not.
    fn show_group(
        &mut self,
        sim: &SimHandle,
        update: &Update,
        before: &[Option<String>],
    ) -> anyhow::Result<bool> {
        let marks = marks(sim, update);
        let total = marks.len();
        let good = marks
            .iter()
            .zip(before.iter().map(Option::as_deref).chain(std::iter::repeat(None)))
            .filter(|(m, b)| update.ended_well(m.as_deref(), *b))
            .count();
        let end = update.end_text();
        self.say("")?;
        if good == total {
            self.say(&format!(
                "The simulated group {} ends as the rollback left it: {good} of {total} \
                 instances {end} (read from the simulator).",
                update.group
            ))?;
        } else {
            self.say(&format!(
                "The demo did not go as scripted: only {good} of {total} instances of the \
                 simulated group {} are {end}.",
                update.group
            ))?;
        }
        Ok(good == total)
    }

    fn conclude(&mut self, sim: &SimHandle, began: Instant) -> anyhow::Result<()> {
        let banner = self.banner();
        self.say("")?;
        self.say(&format!(
            "{banner} over after {:.1} s: {} API calls went to the local simulator; no account \
             was used and nothing in Alibaba Cloud was changed.",
            began.elapsed().as_secs_f64(),
            sim.call_count()
        ))?;
        self.say(
            "For real: the same commands with your own --scaling-group-id and --image-id (start \
             with `aliyun rolling-update plan`). To practise on your own: run \
             `rolling-update-sim` and add --endpoint http://127.0.0.1:<port> to any command.",
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_scales_with_speed_and_has_a_floor() {
        assert_eq!(scaled_pace(1.0), WaiterConfig::steady(STEADY_POLL_MS));
        assert_eq!(scaled_pace(0.0), WaiterConfig::steady(STEADY_POLL_MS));
        assert_eq!(scaled_pace(f64::NAN), WaiterConfig::steady(STEADY_POLL_MS));
        assert_eq!(scaled_pace(1e9).poll_ms, 20);
        assert_eq!(scaled_pace(4.0).poll_ms, 1_250);
        let pace = scaled_pace(10.0);
        assert_eq!((pace.poll_ms, pace.call_gap_ms), (500, 35));
    }
}
