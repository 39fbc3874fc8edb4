//! `rolling-update-sim`: runs the OOS + Auto Scaling SIMULATION on 127.0.0.1 until interrupted.

use std::process::ExitCode;

use rolling_update_sim::model::ess::{
    DEMO_CONFIGURATION_ID, DEMO_ECI_CONFIGURATION_ID, DEMO_ECI_GROUP_ID, DEMO_GROUP_ID,
    DEMO_LT_GROUP_ID, DEMO_OLD_IMAGE,
};
use rolling_update_sim::{DEFAULT_ACCESS_KEY_ID, DEFAULT_ACCESS_KEY_SECRET, DEMO_SPEED, Sim};

const HELP: &str = "\
rolling-update-sim: a local SIMULATION of Alibaba Cloud OOS (2019-06-01) and Auto Scaling
(2014-08-28) for rolling updates. It contacts no cloud and changes nothing real.

Usage: rolling-update-sim [--port N] [--speed F] [--instances N] [--access-key-id ID]
                          [--access-key-secret S]

  --port N               port on 127.0.0.1 (default 0: any free port)
  --speed F              simulated seconds per real second (default 5)
  --instances N          instances in the first demo group (default 6, at most 5000)
  --access-key-id ID     AccessKey id to accept (default SIMULATEDACCESSKEYID)
  --access-key-secret S  its secret
  -h, --help             this text

Exit codes: 0 after --help, 2 on a bad argument, 1 when the port cannot be bound.";

fn main() -> ExitCode {
    let mut port = 0u16;
    let mut speed = DEMO_SPEED;
    let mut instances = 6usize;
    let mut id = DEFAULT_ACCESS_KEY_ID.to_owned();
    let mut secret = DEFAULT_ACCESS_KEY_SECRET.to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) => (f.to_owned(), Some(v.to_owned())),
            None => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            println!("{HELP}");
            return ExitCode::SUCCESS;
        }
        let Some(value) = inline.or_else(|| args.next()) else {
            eprintln!("error: {flag} needs a value (see --help)");
            return ExitCode::from(2);
        };
        let ok = match flag.as_str() {
            "--port" => value.parse().map(|p| port = p).is_ok(),
            "--speed" => value
                .parse::<f64>()
                .ok()
                .filter(|s| s.is_finite() && *s >= 0.0)
                .map(|s| speed = s)
                .is_some(),
            "--instances" => value
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=5_000).contains(n))
                .map(|n| instances = n)
                .is_some(),
            "--access-key-id" => {
                id = value.clone();
                true
            }
            "--access-key-secret" => {
                secret = value.clone();
                true
            }
            _ => {
                eprintln!("error: unknown argument {flag} (see --help)");
                return ExitCode::from(2);
            }
        };
        if !ok {
            eprintln!("error: bad value {value:?} for {flag}");
            return ExitCode::from(2);
        }
    }
    let sim = match Sim::builder()
        .speed(speed)
        .port(port)
        .access_key(&id, &secret)
        .demo_groups_with(instances)
        .start()
    {
        Ok(sim) => sim,
        Err(err) => {
            eprintln!("error: cannot start the simulation on 127.0.0.1:{port}: {err}");
            return ExitCode::FAILURE;
        }
    };
    println!("SIMULATION of Alibaba Cloud OOS and Auto Scaling - no real cloud is contacted");
    println!(
        "endpoint:          {}  (OOS 2019-06-01 and ESS 2014-08-28 on one port)",
        sim.base_url()
    );
    println!("AccessKeyId:       {}", sim.access_key_id());
    println!("AccessKeySecret:   {}  (simulation-only test key)", sim.access_key_secret());
    println!("speed:             {speed}x simulated time");
    println!(
        "scaling groups:    {DEMO_GROUP_ID} ({instances} InService, configuration {DEMO_CONFIGURATION_ID}, image {DEMO_OLD_IMAGE})"
    );
    println!("                   {DEMO_LT_GROUP_ID} (4 InService, launch template)");
    println!(
        "                   {DEMO_ECI_GROUP_ID} (ECI, 3 InService, ECI configuration {DEMO_ECI_CONFIGURATION_ID})"
    );
    println!(
        "control:           GET {0}/_sim/state | POST {0}/_sim/fault?kind=throttle&calls=2",
        sim.base_url()
    );
    println!("Press Ctrl-C to stop.");
    loop {
        std::thread::park();
    }
}
