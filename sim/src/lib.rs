//! A local **SIMULATION** of the Alibaba Cloud OOS (2019-06-01) and Auto Scaling (ESS,
//! 2014-08-28) APIs: enough to run a whole rolling update without an account, and to inject
//! faults in tests. Nothing here talks to Alibaba Cloud.
//!
//! * [`model`] is a pure state machine over a simulated clock (no I/O, no clock reads).
//! * The server (started by [`SimBuilder::start`]) listens on 127.0.0.1, serves both products on
//!   one port (routed by API version), verifies V2 and V3 signatures with its own code
//!   ([`sign`], [`auth`]), and maps real time to simulated time with a speed factor.
//!
//! ```
//! use rolling_update_sim::{Fault, Sim};
//!
//! let sim = Sim::builder().speed(100.0).demo_groups().start().unwrap();
//! assert!(sim.base_url().starts_with("http://127.0.0.1:"));
//! sim.inject(Fault::Throttle { calls: 1, retry_after_ms: 200 });
//! assert_eq!(sim.world().instances().len(), 13);
//! sim.shutdown();
//! ```
#![warn(missing_docs)]

mod api;
pub mod auth;
mod call;
pub mod error;
pub mod fault;
mod http;
pub mod model;
mod refresh_api;
mod server;
pub mod sign;
pub mod templates;
pub mod time;
#[cfg(test)]
mod vectors;

use std::collections::{HashMap, HashSet};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use api::{CMS_VERSION, ECS_VERSION, ESS_VERSION, OOS_VERSION, template_permissions};
pub use auth::{Credential, SignatureKind};
pub use error::ApiError;
pub use fault::Fault;
pub use model::{FailTarget, GroupSpec, RefreshFault, Timing, World};
pub use server::RecordedRequest;

/// The fuzzing entry point (used by `fuzz/`, not a stable API): reads one HTTP request from
/// `raw` with the server's own reader, decodes its query and form, and checks its signature
/// against `credentials` at `server_secs` (Unix seconds), exactly as the server does before it
/// answers. `Ok` names the signature that verified; `Err` is what the server would answer
/// (`400 ...` for a request it cannot read, the API error's code and message otherwise).
///
/// ```
/// use rolling_update_sim::{Credential, check_raw_request};
///
/// let creds = [Credential {
///     access_key_id: "AK".into(),
///     access_key_secret: "secret".into(),
///     security_token: None,
/// }];
/// let err = check_raw_request(b"POST /?Action=X HTTP/1.1\r\nHost: h\r\n\r\n", &creds, 0);
/// assert!(err.unwrap_err().contains("IncompleteSignature"));
/// ```
///
/// # Errors
///
/// When the request cannot be read or its signature does not verify.
#[doc(hidden)]
pub fn check_raw_request(
    raw: &[u8],
    credentials: &[Credential],
    server_secs: i64,
) -> Result<SignatureKind, String> {
    let mut reader = raw;
    let req =
        http::read_request(&mut reader).map_err(|e| format!("400 unreadable request: {e:?}"))?;
    let (query, form) = server::decoded_params(&req);
    let mut nonces = HashSet::new();
    let checked = auth::check(&req, &query, &form, credentials, server_secs, &mut nonces);
    checked
        .result
        .map(|()| checked.kind)
        .map_err(|e| format!("{} {}: {}", e.status, e.code, e.message))
}

/// The AccessKey id the simulation accepts unless told otherwise.
pub const DEFAULT_ACCESS_KEY_ID: &str = "SIMULATEDACCESSKEYID";
/// The matching secret.
pub const DEFAULT_ACCESS_KEY_SECRET: &str = "SimulatedAccessKeySecretNotARealOne";
/// Speed for a person watching (`demo`): a 3-batch image update takes about 12 s plus pauses.
pub const DEMO_SPEED: f64 = 5.0;
/// Speed for tests: the same update takes well under a second of real time.
pub const TEST_SPEED: f64 = 100.0;

/// Entry point: `Sim::builder()`.
#[derive(Debug)]
pub struct Sim;

impl Sim {
    /// A builder with [`DEMO_SPEED`], the default AccessKey and no groups.
    pub fn builder() -> SimBuilder {
        SimBuilder {
            speed: DEMO_SPEED,
            port: 0,
            credentials: Vec::new(),
            groups: Vec::new(),
            timing: Timing::default(),
            missing: HashMap::new(),
            start_ms: None,
        }
    }
}

/// Configures a simulation; [`SimBuilder::start`] runs the server.
#[derive(Debug, Clone)]
pub struct SimBuilder {
    speed: f64,
    port: u16,
    credentials: Vec<Credential>,
    groups: Vec<GroupSpec>,
    timing: Timing,
    missing: HashMap<String, Vec<String>>,
    start_ms: Option<u64>,
}

impl SimBuilder {
    /// Simulated seconds per real second (0 freezes time; see [`SimHandle::advance`]).
    pub fn speed(mut self, speed: f64) -> SimBuilder {
        self.speed = if speed.is_finite() { speed.max(0.0) } else { DEMO_SPEED };
        self
    }

    /// Port on 127.0.0.1 (0, the default, picks a free one).
    pub fn port(mut self, port: u16) -> SimBuilder {
        self.port = port;
        self
    }

    /// Accepts this AccessKey (replaces the default one; call again to add more).
    pub fn access_key(mut self, id: &str, secret: &str) -> SimBuilder {
        self.credentials.push(Credential {
            access_key_id: id.into(),
            access_key_secret: secret.into(),
            security_token: None,
        });
        self
    }

    /// Accepts an STS AccessKey whose requests must carry `token`.
    pub fn sts_access_key(mut self, id: &str, secret: &str, token: &str) -> SimBuilder {
        self.credentials.push(Credential {
            access_key_id: id.into(),
            access_key_secret: secret.into(),
            security_token: Some(token.into()),
        });
        self
    }

    /// Adds a scaling group.
    pub fn group(mut self, spec: GroupSpec) -> SimBuilder {
        self.groups.push(spec);
        self
    }

    /// Adds the three presets: [`GroupSpec::six_instance_demo`],
    /// [`GroupSpec::launch_template_demo`] and the ECI group [`GroupSpec::eci_demo`].
    pub fn demo_groups(self) -> SimBuilder {
        self.demo_groups_with(6)
    }

    /// The demo groups, the first with `instances` instances.
    pub fn demo_groups_with(self, instances: usize) -> SimBuilder {
        self.group(GroupSpec::demo_with(instances))
            .group(GroupSpec::launch_template_demo())
            .group(GroupSpec::eci_demo())
    }

    /// How long simulated work takes.
    pub fn timing(mut self, timing: Timing) -> SimBuilder {
        self.timing = timing;
        self
    }

    /// GenerateExecutionPolicy reports these actions (e.g. `ecs:RunCommand`) as missing for
    /// this AccessKey id.
    pub fn missing_permissions(mut self, access_key_id: &str, actions: &[&str]) -> SimBuilder {
        self.missing
            .insert(access_key_id.into(), actions.iter().map(|a| (*a).to_owned()).collect());
        self
    }

    /// Simulated time at start, in ms since the epoch (default: the real time now).
    pub fn start_time_ms(mut self, ms: u64) -> SimBuilder {
        self.start_ms = Some(ms);
        self
    }

    /// The model alone, without a server (for pure tests).
    pub fn build_world(&self) -> World {
        let start = self.start_ms.unwrap_or_else(real_now_ms);
        let mut world = World::new(start, self.timing);
        for g in &self.groups {
            world.add_group(g);
        }
        world
    }

    /// Starts the server on 127.0.0.1.
    pub fn start(self) -> std::io::Result<SimHandle> {
        let listener = TcpListener::bind(("127.0.0.1", self.port))?;
        let addr = listener.local_addr()?;
        let world = self.build_world();
        let mut credentials = self.credentials.clone();
        if credentials.is_empty() {
            credentials.push(Credential {
                access_key_id: DEFAULT_ACCESS_KEY_ID.into(),
                access_key_secret: DEFAULT_ACCESS_KEY_SECRET.into(),
                security_token: None,
            });
        }
        let shared = Arc::new(server::Shared {
            state: Mutex::new(server::State {
                clock: server::Clock::new(world.now_ms(), self.speed),
                world,
                faults: Vec::new(),
                skew_secs: 0,
                records: Vec::new(),
                nonces: HashSet::new(),
                request_seq: 0,
            }),
            credentials,
            missing_permissions: self.missing,
            stop: std::sync::atomic::AtomicBool::new(false),
            started: std::time::Instant::now(),
        });
        let accept_shared = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("rolling-update-sim".into())
            .spawn(move || server::accept_loop(accept_shared, listener))?;
        Ok(SimHandle { shared, addr, thread: Some(thread) })
    }
}

fn real_now_ms() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis() as u64)
}

/// A running simulation. Dropping it shuts the server down.
pub struct SimHandle {
    shared: Arc<server::Shared>,
    addr: SocketAddr,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for SimHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SimHandle").field("addr", &self.addr).field("simulation", &true).finish()
    }
}

impl SimHandle {
    /// `http://127.0.0.1:<port>`: the endpoint for both OOS and ESS.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The first accepted AccessKey id.
    pub fn access_key_id(&self) -> &str {
        self.shared.credentials.first().map_or("", |c| c.access_key_id.as_str())
    }

    /// Its secret.
    pub fn access_key_secret(&self) -> &str {
        self.shared.credentials.first().map_or("", |c| c.access_key_secret.as_str())
    }

    /// Injects a fault.
    pub fn inject(&self, fault: Fault) {
        server::inject(&mut self.shared.lock(), fault);
    }

    /// Removes all pending faults and the clock skew.
    pub fn clear_faults(&self) {
        let mut s = self.shared.lock();
        s.faults.clear();
        s.skew_secs = 0;
    }

    /// Every API request so far (not `/_sim/…` calls), oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().records.clone()
    }

    /// How many API calls arrived.
    pub fn call_count(&self) -> usize {
        self.shared.lock().records.len()
    }

    /// How many calls of one action arrived.
    pub fn calls_to(&self, action: &str) -> usize {
        self.shared.lock().records.iter().filter(|r| r.action == action).count()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.lock().records.clear();
    }

    /// A snapshot of the model, advanced to the current simulated time.
    pub fn world(&self) -> World {
        self.with_world(|w| w.clone())
    }

    /// Runs `f` on the live model (advanced to now), e.g. to add a group or remove an instance.
    pub fn with_world<R>(&self, f: impl FnOnce(&mut World) -> R) -> R {
        let mut s = self.shared.lock();
        let now = s.clock.now_ms();
        s.world.advance(now);
        f(&mut s.world)
    }

    /// The current simulated time (ms since the epoch).
    pub fn sim_now_ms(&self) -> u64 {
        self.shared.lock().clock.now_ms()
    }

    /// Jumps simulated time forward.
    pub fn advance(&self, by: Duration) {
        let mut s = self.shared.lock();
        s.clock.skip(by.as_millis() as u64);
        let now = s.clock.now_ms();
        s.world.advance(now);
    }

    /// Changes the speed factor from now on.
    pub fn set_speed(&self, speed: f64) {
        if speed.is_finite() {
            self.shared.lock().clock.set_speed(speed);
        }
    }

    /// Stops accepting connections and waits for the accept thread.
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(thread) = self.thread.take() {
            self.shared.stop.store(true, Ordering::SeqCst);
            let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
            let _ = thread.join();
        }
    }
}

impl Drop for SimHandle {
    fn drop(&mut self) {
        self.stop();
    }
}
