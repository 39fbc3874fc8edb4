//! `demo`: a rolling update played out against the simulator, started in-process on a free
//! loopback port. Each step runs the ordinary verb with a real signed HTTP request to
//! 127.0.0.1; the script (steps, flags, expected exit codes) is the core's
//! (`rolling_update_core::demo`).

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::Context as _;
use clap::Parser as _;
use rolling_update_core::demo::{Scenario, Step, scaled_pace, script};
use rolling_update_core::sign::Credentials;
use rolling_update_sim::model::FailTarget;
use rolling_update_sim::model::ess::{DEMO_GROUP_ID, DEMO_NEW_IMAGE, DEMO_OLD_IMAGE};
use rolling_update_sim::{Fault, GroupSpec, Sim};

use crate::cli::{Cli, DemoArgs, ScenarioArg};
use crate::ctx::{Ctx, Io, Session, SessionConfig};
use crate::exit::Code;

/// The simulator's region (any region works; the simulator answers for all of them).
const REGION: &str = "cn-hangzhou";
/// The instance the failure scenario breaks: the 3rd selected, so batch 1 succeeds first.
const FAILING_NTH: usize = 3;

/// `demo [--scenario success|failure] [--speed X]` on the process's stdout.
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

/// Plays the demo, writing everything for people to `out`.
pub(crate) fn play(screen: &Screen, style: Style, args: &DemoArgs) -> anyhow::Result<Code> {
    let mut out = screen.clone();
    if !(0.5..=1000.0).contains(&args.speed) {
        return Err(crate::exit::usage("--speed must be from 0.5 to 1000"));
    }
    let began = Instant::now();
    let scenario = match args.scenario {
        ScenarioArg::Success => Scenario::Success,
        ScenarioArg::Failure => Scenario::Failure,
    };
    let sim = Sim::builder()
        .speed(args.speed)
        .group(GroupSpec::six_instance_demo())
        .start()
        .context("starting the simulator on 127.0.0.1")?;
    if scenario == Scenario::Failure {
        sim.inject(Fault::FailInstance(FailTarget::Nth(FAILING_NTH)));
    }
    let banner = style.paint("1;33", "SIMULATION");
    let say = |out: &mut Screen, line: &str| -> anyhow::Result<()> {
        writeln!(out, "{line}").context("writing to standard output")
    };
    say(
        &mut out,
        &format!(
            "{banner}: this demo uses no Alibaba Cloud account and changes nothing in the cloud."
        ),
    )?;
    say(
        &mut out,
        &format!(
            "A simulated Auto Scaling group {DEMO_GROUP_ID} (6 instances on {DEMO_OLD_IMAGE}) \
             runs in a local simulator on {url}, {speed}x faster than real time. Each step \
             below is the plugin's own verb, sending signed requests to the simulator with its \
             test AccessKey, as it would to the cloud.",
            url = sim.base_url(),
            speed = args.speed,
        ),
    )?;

    let mut config =
        SessionConfig::new(REGION, Credentials::new(sim.access_key_id(), sim.access_key_secret()));
    config.endpoint = Some(sim.base_url());
    config.poll = scaled_pace(args.speed);
    let json = Captured::default();
    let io = Io {
        out: Box::new(json.clone()),
        err: Box::new(Prefixed::new(screen.clone(), "  [sim] ")),
        input: Box::new(std::io::empty()),
        progress: true,
        interactive: false,
        query: None,
    };
    let mut ctx = Ctx::with_session(io, Session::new(config)?, true);

    let steps = script(scenario, DEMO_GROUP_ID, DEMO_NEW_IMAGE);
    let mut execution: Option<String> = None;
    for (n, step) in steps.iter().enumerate() {
        say(&mut out, "")?;
        say(
            &mut out,
            &style.paint("1", &format!("Step {}/{}: {}", n + 1, steps.len(), step.title)),
        )?;
        say(
            &mut out,
            &format!("$ {}", style.paint("1;36", &step.command_line(execution.as_deref()))),
        )?;
        let code = run_step(&mut ctx, step, execution.as_deref());
        let _ = ctx.io.err.flush();
        let result = json.take();
        let code = match code {
            Ok(code) => code,
            Err(err) => {
                say(&mut out, &format!("  [sim] Error: {err:#}"))?;
                Code::Rejected
            }
        };
        if step.starts_update {
            execution = serde_json::from_str::<serde_json::Value>(&result)
                .ok()
                .and_then(|v| v.get("executionId")?.as_str().map(str::to_owned));
        }
        if code as u8 != step.expect || (step.starts_update && execution.is_none()) {
            say(
                &mut out,
                &format!(
                    "The demo did not go as scripted: step {} exited {} where {} was expected.",
                    n + 1,
                    code as u8,
                    step.expect
                ),
            )?;
            say(&mut out, &format!("{banner} ended early; nothing in the cloud was changed."))?;
            return Ok(Code::Rejected);
        }
        if let Some(after) = step.after {
            say(&mut out, after)?;
        }
    }
    say(&mut out, "")?;
    say(
        &mut out,
        &format!(
            "{banner} over after {:.1} s: {} API calls went to the local simulator; no account \
             was used and nothing in Alibaba Cloud was changed.",
            began.elapsed().as_secs_f64(),
            sim.call_count()
        ),
    )?;
    say(
        &mut out,
        "For real: the same commands with your own --scaling-group-id and --image-id (start with \
         `aliyun rolling-update plan`). To practise on your own: run `rolling-update-sim` and add \
         --endpoint http://127.0.0.1:<port> to any command.",
    )?;
    Ok(Code::Ok)
}

fn run_step(ctx: &mut Ctx, step: &Step, execution: Option<&str>) -> anyhow::Result<Code> {
    let mut argv = vec!["aliyun-cli-rolling-update".to_owned()];
    argv.extend(step.resolved_args(execution));
    let cli = Cli::try_parse_from(argv).context("the demo script has a bad step")?;
    super::run(cli, ctx)
}

/// Verbs' JSON results, kept to read the execution id from (not shown: the demo is for people).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Captured {
    fn take(&self) -> String {
        let bytes = self.0.lock().map(|mut b| std::mem::take(&mut *b)).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    }
}

impl Write for Captured {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Where the demo's lines go: its own and, prefixed, the verbs' messages, in order.
#[derive(Clone)]
pub(crate) struct Screen(Arc<Mutex<Box<dyn Write + Send>>>);

impl Screen {
    pub(crate) fn new(inner: Box<dyn Write + Send>) -> Screen {
        Screen(Arc::new(Mutex::new(inner)))
    }
}

impl Write for Screen {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.write_all(data)?;
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.flush()
    }
}

/// Writes each line with a prefix, so that what the simulator answered reads as such.
struct Prefixed {
    inner: Screen,
    prefix: &'static str,
    line: Vec<u8>,
}

impl Prefixed {
    fn new(inner: Screen, prefix: &'static str) -> Prefixed {
        Prefixed { inner, prefix, line: Vec::new() }
    }
}

impl Write for Prefixed {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        for &b in data {
            self.line.push(b);
            if b == b'\n' {
                // `start --wait` repeats its JSON result on stderr for scripts; a person
                // watching the demo reads the lines around it instead.
                if self.line.starts_with(b"{\"") {
                    self.line.clear();
                    continue;
                }
                let mut line = self.prefix.as_bytes().to_vec();
                line.append(&mut self.line);
                self.inner.write_all(&line)?;
            }
        }
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if !self.line.is_empty() {
            let mut line = self.prefix.as_bytes().to_vec();
            line.append(&mut self.line);
            line.push(b'\n');
            self.inner.write_all(&line)?;
        }
        self.inner.flush()
    }
}
