//! `wait` as people see it: under a real pseudo-terminal it keeps a live status block (batch x
//! of y, the bar, the counts) redrawn in place, with colour for states; with `NO_COLOR` no
//! colour; with `TERM=dumb` or piped, plain lines, a heartbeat and no escape sequence; and
//! every follow ends with its summary line.
//!
//! The pseudo-terminal comes from Python's standard `pty` module (a kernel pty, as a terminal
//! emulator gives): CPython is on every machine this project builds on, so the test needs no
//! extra crate to compile on two shared cores, and the plugin under test is the real binary
//! writing to a real tty.

use rolling_update_sim::{Sim, SimHandle};

use crate::support::*;

/// An image update that pauses after the first of three batches, started on a simulator
/// whose clock stands still; the clock starts when the follow starts, at a pace where a batch
/// takes about two seconds, so that the block is drawn several times over one batch.
fn paused_update() -> (SimHandle, String) {
    let sim = Sim::builder().speed(0.0).demo_groups().start().expect("the simulator");
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "FirstBatchPause"]);
    sim.set_speed(10.0);
    (sim, id)
}

/// Whether `text` holds an SGR (colour) escape sequence: ESC [ digits/semicolons m.
fn has_colour(text: &str) -> bool {
    text.match_indices("\x1b[").any(|(at, _)| {
        let rest = &text[at + 2..];
        let params = rest.find(|c: char| !(c.is_ascii_digit() || c == ';')).unwrap_or(rest.len());
        rest[params..].starts_with('m')
    })
}

fn summary_of(screen: &str, id: &str) -> bool {
    screen.contains(&format!("{id} paused for approval: 2 of 6 instances done, 0 failed; 1 of 3"))
}

#[test]
fn under_a_terminal_wait_keeps_a_live_status_block() {
    let (sim, id) = paused_update();
    let tty = under_pty(&sim, &["wait", &id], &[("TERM", "xterm-256color")]);
    assert_eq!(tty.code, Some(5), "{}", tty.screen);
    let screen = &tty.screen;
    // The block: where the update is, the bar and the counts, the clock.
    assert!(screen.contains("batch 1 of 3 - "), "{screen:?}");
    assert!(
        screen.contains("[########----------------] 2 done, 0 failed of 6 instances"),
        "{screen:?}"
    );
    assert!(screen.contains("elapsed "), "{screen:?}");
    // Redrawn in place (the cursor goes back up over the block), events printed above it.
    assert!(screen.contains("\x1b[1A") || screen.contains("\x1b[2K"), "{screen:?}");
    assert!(
        screen.contains("batch 1 started") && screen.contains("batch 1 finished"),
        "{screen:?}"
    );
    assert!(has_colour(screen), "states are coloured on a terminal: {screen:?}");
    assert!(summary_of(screen, &id), "{screen:?}");
    // Stdout holds the JSON and nothing of the view.
    let json: serde_json::Value = serde_json::from_str(&tty.stdout).expect("JSON on stdout");
    assert_eq!(json["status"], "Waiting");
    assert!(!tty.stdout.contains('\x1b'));
}

#[test]
fn no_color_and_a_dumb_terminal_and_a_pipe_get_no_colour() {
    let (sim, id) = paused_update();
    let tty = under_pty(&sim, &["wait", &id], &[("TERM", "xterm"), ("NO_COLOR", "1")]);
    assert_eq!(tty.code, Some(5), "{}", tty.screen);
    assert!(!has_colour(&tty.screen), "NO_COLOR: {:?}", tty.screen);
    assert!(tty.screen.contains("batch 1 of 3 - "), "still a live block: {:?}", tty.screen);
    assert!(summary_of(&tty.screen, &id), "{:?}", tty.screen);

    // TERM=dumb cannot move the cursor: plain lines, nothing escaped.
    let (sim, id) = paused_update();
    let dumb = under_pty(&sim, &["wait", &id], &[("TERM", "dumb")]);
    assert_eq!(dumb.code, Some(5), "{}", dumb.screen);
    assert!(!dumb.screen.contains('\x1b'), "{:?}", dumb.screen);
    assert!(!dumb.screen.contains("batch 1 of 3"), "no live block: {:?}", dumb.screen);
    assert!(dumb.screen.contains("batch 1 finished: 2 done, 0 failed"), "{:?}", dumb.screen);
    assert!(summary_of(&dumb.screen, &id), "{:?}", dumb.screen);

    // Piped, as in CI: plain lines, a heartbeat (every 12 polls of 40 ms here), the summary.
    let (sim, id) = paused_update();
    let piped = plugin_env(&sim, &["wait", &id], &[("TERM", "xterm-256color")]);
    assert_eq!(piped.code, Some(5), "{}", piped.stderr);
    assert!(!piped.stderr.contains('\x1b'), "{:?}", piped.stderr);
    assert!(piped.stderr.contains("batch 1 started"), "{}", piped.stderr);
    let beat = piped.stderr.lines().find(|l| l.starts_with("still following: batch "));
    assert!(
        beat.is_some_and(|l| l.contains(" done, ") && l.ends_with(" elapsed")),
        "{}",
        piped.stderr
    );
    assert!(summary_of(&piped.stderr, &id), "{}", piped.stderr);
    let finished = piped.stderr.find("batch 1 finished").unwrap_or(usize::MAX);
    let summary = piped.stderr.find(&format!("{id} paused for approval")).unwrap_or(0);
    assert!(summary > finished, "the summary comes after the events: {}", piped.stderr);
}
