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
use rolling_update_core::i18n::Text;
use rolling_update_core::sign::Credentials;
use rolling_update_core::t;
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

/// `text` in the run's language: the demo's narration is for people.
fn text(text: Text) -> String {
    text.render(crate::lang::current()).into_owned()
}

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
        return Err(crate::exit::usage(t!("demo.error.speed")));
    }
    if rolling_update_core::refresh::is_refresh(&args.template) {
        return refresh::play(screen, style, args);
    }
    let update = Update::of(super::template(&args.template)?);
    if args.scenario == ScenarioArg::Canary && update.template == Template::Package {
        return Err(crate::exit::usage(t!("demo.error.canary_package")));
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
        out.tell(t!("demo.ended_early", banner = banner))?;
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
        .with_context(|| text(t!("demo.error.simulator")))?;
    match args.scenario {
        ScenarioArg::Success => {}
        ScenarioArg::Failure => sim.inject(Fault::FailInstance(FailTarget::Nth(FAILING_NTH))),
        ScenarioArg::Canary => sim
            .with_world(|w| {
                w.add_alarm_rule(CANARY_RULE, "OK")?;
                let fires = Trigger::BatchFinished(CANARY_ALARM_BATCH);
                w.schedule_alarm(CANARY_RULE, fires, "ALARM")
            })
            .map_err(|e| anyhow::anyhow!(text(t!("demo.error.alarm_rule", error = e))))?,
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
        let title =
            text(t!("demo.step", n = n + 1, total = steps.len(), title: step.title.clone()));
        out.say(&out.style.paint("1", &title))?;
        out.say(&format!("$ {}", out.style.paint("1;36", &step.command_line(&ids))))?;
        let code = run_step(ctx, step, &ids);
        let _ = ctx.io.err.flush();
        let result = json.take();
        let code = match code {
            Ok(code) => code,
            Err(err) => {
                out.say(&format!(
                    "  [sim] {}",
                    text(t!("error.line", error = format!("{err:#}")))
                ))?;
                Code::Rejected
            }
        };
        if code != step.expect {
            out.tell(t!(
                "demo.not_scripted.exit",
                n = n + 1,
                code = code as u8,
                expected = step.expect as u8,
            ))?;
            return Ok(false);
        }
        for wanted in &step.yields {
            let id = serde_json::from_str::<serde_json::Value>(&result)
                .ok()
                .and_then(|v| v.pointer(wanted.pointer)?.as_str().map(str::to_owned));
            let Some(id) = id else {
                out.tell(t!(
                    "demo.not_scripted.no_id",
                    n = n + 1,
                    placeholder = wanted.placeholder,
                ))?;
                return Ok(false);
            };
            ids.push((wanted.placeholder, id));
        }
        if let Some(after) = &step.after {
            out.tell(after.clone())?;
        }
    }
    Ok(true)
}

fn run_step(ctx: &mut Ctx, step: &Step, ids: &Ids) -> anyhow::Result<Code> {
    let mut argv = vec!["aliyun-cli-rolling-update".to_owned()];
    argv.extend(step.resolved_args(ids));
    let cli = Cli::try_parse_from(argv).with_context(|| text(t!("demo.error.bad_step")))?;
    super::run(cli, ctx)
}

/// The demo's own lines, around the steps.
struct Narrator {
    screen: Screen,
    style: Style,
}

impl Narrator {
    fn say(&mut self, line: &str) -> anyhow::Result<()> {
        writeln!(self.screen, "{line}").with_context(|| text(t!("demo.error.write")))
    }

    /// Says `line` in the run's language.
    fn tell(&mut self, line: Text) -> anyhow::Result<()> {
        self.say(&text(line))
    }

    fn banner(&self) -> String {
        self.style.paint("1;33", &text(t!("demo.banner")))
    }

    fn introduce(&mut self, sim: &SimHandle, update: &Update, speed: f64) -> anyhow::Result<()> {
        let banner = self.banner();
        self.tell(t!("demo.intro", banner = banner))?;
        let world = sim.world();
        let instances = world.instances().iter().filter(|i| i.scaling_group_id == update.group);
        self.tell(t!(
            "demo.group",
            group = update.group,
            count = instances.count(),
            url = sim.base_url(),
            speed = speed,
            what: update.what.clone(),
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
        let group = update.group;
        if good == total {
            self.tell(t!("demo.end", group = group, good = good, total = total, end: end))?;
        } else {
            self.tell(t!("demo.end_wrong", group = group, good = good, total = total, end: end))?;
        }
        Ok(good == total)
    }

    fn conclude(&mut self, sim: &SimHandle, began: Instant) -> anyhow::Result<()> {
        let banner = self.banner();
        self.say("")?;
        self.tell(t!(
            "demo.over",
            banner = banner,
            seconds = format!("{:.1}", began.elapsed().as_secs_f64()),
            calls = sim.call_count(),
        ))?;
        self.tell(t!("demo.for_real"))
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
