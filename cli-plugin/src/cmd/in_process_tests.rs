//! The verbs driven in-process, as `demo` drives them: an explicit session pointed at the
//! simulator, output captured in memory.

use std::io::Write;
use std::sync::{Arc, Mutex};

use clap::Parser;
use rolling_update_core::sign::Credentials;
use rolling_update_sim::model::ess::{DEMO_GROUP_ID, DEMO_NEW_IMAGE};
use rolling_update_sim::{Sim, TEST_SPEED};

use crate::cli::{Cli, Verb};
use crate::ctx::{Ctx, Io, Session, SessionConfig};
use crate::exit::Code;

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.0.lock().map_err(|_| std::io::Error::other("poisoned"))?.extend_from_slice(data);
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Buffer {
    fn take(&self) -> String {
        let mut bytes = self.0.lock().unwrap();
        String::from_utf8(std::mem::take(&mut *bytes)).unwrap()
    }
}

fn verb(args: &[&str]) -> Verb {
    let mut argv = vec!["aliyun-cli-rolling-update"];
    argv.extend_from_slice(args);
    Cli::try_parse_from(argv).unwrap().verb
}

#[test]
fn demo_flow_plan_start_wait_approve_status_rollback() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap();
    let mut config = SessionConfig::new(
        "cn-hangzhou",
        Credentials::new(sim.access_key_id(), sim.access_key_secret()),
    );
    config.endpoint = Some(sim.base_url());
    config.poll.after_change_ms = 30;
    config.poll.min_delay_ms = 30;
    config.poll.max_delay_ms = 100;
    let out = Buffer::default();
    let err = Buffer::default();
    let io = Io {
        out: Box::new(out.clone()),
        err: Box::new(err.clone()),
        input: Box::new(std::io::empty()),
        progress: true,
        interactive: false,
        query: None,
    };
    let mut ctx = Ctx::with_session(io, Session::new(config).unwrap(), true);
    let mut run = |args: &[&str]| -> Code {
        match verb(args) {
            Verb::Plan(a) => super::api::plan(&mut ctx, &a),
            Verb::Start(a) => super::api::start(&mut ctx, &a),
            Verb::Wait(a) => super::api::wait(&mut ctx, &a),
            Verb::Approve(a) => super::api::approve(&mut ctx, &a),
            Verb::Status(a) => super::api::status(&mut ctx, &a),
            Verb::Rollback(a) => super::api::rollback(&mut ctx, &a),
            other => panic!("not driven here: {other:?}"),
        }
        .unwrap()
    };
    assert_eq!(
        run(&["plan", "--scaling-group-id", DEMO_GROUP_ID, "--batch-number", "3"]),
        Code::Ok
    );
    out.take();
    let started = run(&[
        "start",
        "-y",
        "--template",
        "image",
        "--scaling-group-id",
        DEMO_GROUP_ID,
        "--image-id",
        DEMO_NEW_IMAGE,
        "--batch-number",
        "3",
        "--batch-pause-option",
        "FirstBatchPause",
        "--wait",
    ]);
    assert_eq!(started, Code::Paused);
    let summary: serde_json::Value = serde_json::from_str(&out.take()).unwrap();
    let id = summary["executionId"].as_str().unwrap().to_owned();
    assert!(err.take().contains("batch 1 started"), "progress lines go to the err sink");
    assert_eq!(run(&["approve", &id]), Code::Ok);
    assert_eq!(run(&["wait", &id]), Code::Ok);
    assert_eq!(run(&["status", &id]), Code::Ok);
    assert_eq!(
        run(&["rollback", &id, "--batch-pause-option", "Automatic", "--wait", "-y"]),
        Code::Ok
    );
    assert!(!err.take().contains(sim.access_key_secret()));
}
