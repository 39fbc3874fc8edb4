//! Drawing a follow on standard error: on a terminal one live status block kept at the bottom
//! (indicatif) with every other line printed above it; otherwise plain lines and a heartbeat.
//! What the block and the lines say is the core's (`rolling_update_core::progress`); this
//! module only draws, from the last known state and the local clock: it never makes a call.

use std::io::Write;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rolling_update_core::i18n::Text;
use rolling_update_core::progress::{Display, Heartbeat, Tone, Tracker, tone};
use rolling_update_core::t;
use rolling_update_core::waiter::Event;

use crate::ctx::Io;

/// How this process's own standard error is drawn on (decided once, in `main`).
static TERMINAL: OnceLock<Display> = OnceLock::new();

/// The bar's width in cells.
const BAR_WIDTH: usize = 24;

/// The block is redrawn at most this often (the clock line changes once a second).
const REDRAW: Duration = Duration::from_millis(250);

/// Decides, from the process's stderr and environment, whether a follow draws a live block and
/// colours states. Only `main` calls it, for the process's own streams: a verb driven
/// in-process with other sinks (`demo`, tests) always gets plain lines.
pub(crate) fn init() {
    use std::io::IsTerminal;
    let term = std::env::var("TERM").ok();
    let display = Display::decide(
        std::io::stderr().is_terminal(),
        term.as_deref(),
        std::env::var_os("NO_COLOR").is_some(),
        cfg!(unix),
    );
    let _ = TERMINAL.set(display);
}

/// The display of this run (plain until [`init`]).
pub(crate) fn display() -> Display {
    TERMINAL.get().copied().unwrap_or(Display { live: false, colour: false })
}

/// `text` in the colour of `tone` when colour is on.
pub(crate) fn paint(tone: Tone, text: &str) -> String {
    if !display().colour {
        return text.to_owned();
    }
    let code = match tone {
        Tone::Good => "32",
        Tone::Bad => "31",
        Tone::Warn => "33",
        Tone::Info => "36",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// Lines written while the block is shown go above it, whole lines at a time.
struct Above {
    bar: ProgressBar,
    pending: Vec<u8>,
}

impl Write for Above {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        while let Some(at) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=at).collect();
            self.bar.println(String::from_utf8_lossy(&line[..at]));
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if !self.pending.is_empty() {
            let rest = std::mem::take(&mut self.pending);
            self.bar.println(String::from_utf8_lossy(&rest));
        }
        Ok(())
    }
}

/// The view of one follow.
pub(crate) struct View {
    started: Instant,
    mode: Mode,
}

enum Mode {
    /// The block, and the sink `io.err` had before the block took it.
    Live { bar: ProgressBar, saved: Box<dyn Write>, drawn: Option<Instant> },
    /// Plain lines, with a heartbeat.
    Plain { heartbeat: Heartbeat },
}

impl std::fmt::Debug for View {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let live = matches!(self.mode, Mode::Live { .. });
        f.debug_struct("View").field("live", &live).finish()
    }
}

impl View {
    /// Starts the view of a follow polling every `poll_ms`: on a terminal it takes `io.err`
    /// (everything said meanwhile goes above the block) until [`View::finish`].
    pub(crate) fn start(io: &mut Io, poll_ms: u64) -> View {
        let started = Instant::now();
        if display().live {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            if !bar.is_hidden() {
                if let Ok(style) = ProgressStyle::with_template("{msg}") {
                    bar.set_style(style);
                }
                let above = Above { bar: bar.clone(), pending: Vec::new() };
                let saved = std::mem::replace(&mut io.err, Box::new(above));
                return View { started, mode: Mode::Live { bar, saved, drawn: None } };
            }
        }
        View { started, mode: Mode::Plain { heartbeat: Heartbeat::new(poll_ms, 0) } }
    }

    /// Whether the live block is drawn (else plain lines and a heartbeat).
    pub(crate) fn is_live(&self) -> bool {
        matches!(self.mode, Mode::Live { .. })
    }

    /// Takes the waiter's `events` into `tracker` and says each one, in its colour (above the
    /// block on a terminal); the caller redraws.
    pub(crate) fn show_events(&mut self, io: &mut Io, tracker: &mut Tracker, events: &[Event]) {
        let lang = crate::lang::current();
        for event in events {
            tracker.observe_event(event);
            let (tone, line) = describe(event);
            io.say(paint(tone, &line.render(lang)));
        }
    }

    /// Milliseconds since the follow began.
    pub(crate) fn elapsed_ms(&self) -> u64 {
        self.started.elapsed().as_millis() as u64
    }

    /// Redraws the block (at most every [`REDRAW`]) or, in a log, prints a heartbeat when due.
    pub(crate) fn tick(&mut self, io: &mut Io, tracker: &Tracker) {
        let now = self.elapsed_ms();
        let lang = crate::lang::current();
        match &mut self.mode {
            Mode::Live { bar, drawn, .. } => {
                if drawn.is_some_and(|at| at.elapsed() < REDRAW) {
                    return;
                }
                *drawn = Some(Instant::now());
                let tone = tracker.status().map_or(Tone::Info, rolling_update_core::progress::tone);
                let lines: Vec<String> = tracker
                    .block(now, BAR_WIDTH)
                    .iter()
                    .enumerate()
                    .map(|(i, line)| {
                        let text = line.render(lang);
                        if i == 0 { paint(tone, &text) } else { text.into_owned() }
                    })
                    .collect();
                bar.set_message(lines.join("\n"));
            }
            Mode::Plain { heartbeat } => {
                if heartbeat.due(now) {
                    io.say(tracker.heartbeat(now).render(lang));
                }
            }
        }
    }

    /// Forces the next [`View::tick`] to redraw (the state changed).
    pub(crate) fn changed(&mut self) {
        if let Mode::Live { drawn, .. } = &mut self.mode {
            *drawn = None;
        }
    }

    /// Clears the block and gives `io.err` back.
    pub(crate) fn finish(self, io: &mut Io) {
        if let Mode::Live { bar, saved, .. } = self.mode {
            let _ = io.err.flush();
            bar.finish_and_clear();
            io.err = saved;
        }
    }
}

/// An event as a line, with the tone of its colour.
fn describe(event: &Event) -> (Tone, Text) {
    let instance = |id: &Option<String>| id.clone().unwrap_or_else(|| "instance".to_owned());
    let given = |m: &Option<String>| m.as_deref().filter(|m| !m.is_empty()).map(str::to_owned);
    match event {
        Event::BatchStarted { batch } => {
            (Tone::Info, t!("wait.event.batch_started", batch = batch))
        }
        Event::BatchFinished { batch, succeeded, failed } => (
            if *failed == 0 { Tone::Good } else { Tone::Bad },
            t!("wait.event.batch_finished", batch = batch, succeeded = succeeded, failed = failed),
        ),
        Event::InstanceDone { batch, instance_id, .. } => (
            Tone::Good,
            t!("wait.event.instance_done", instance = instance(instance_id), batch = batch),
        ),
        Event::InstanceFailed { batch, instance_id, message, .. } => {
            let instance = instance(instance_id);
            let line = match given(message) {
                Some(message) => t!(
                    "wait.event.instance_failed_because",
                    instance = instance,
                    batch = batch,
                    message = message,
                ),
                None => t!("wait.event.instance_failed", instance = instance, batch = batch),
            };
            (Tone::Bad, line)
        }
        Event::Paused { reason } => match reason.clone().filter(|r| !r.is_empty()) {
            Some(reason) => (Tone::Warn, t!("wait.event.paused_because", reason: reason)),
            None => (Tone::Warn, t!("wait.event.paused")),
        },
        Event::Resumed => (Tone::Info, t!("wait.event.resumed")),
        Event::Finished { status, message } => {
            let line = match given(message) {
                Some(message) => {
                    t!("wait.event.finished_because", status = status, message = message)
                }
                None => t!("wait.event.finished", status = status),
            };
            (tone(status), line)
        }
        other => (Tone::Info, Text::raw(format!("{other:?}"))),
    }
}
