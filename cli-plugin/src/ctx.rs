//! The context every verb runs in: where output goes, which region and credentials calls use,
//! and how they are sent. Verbs take it explicitly, so other verbs (such as `demo`) can drive
//! them in-process against a simulator with their own sinks and session.

use std::io::{BufRead, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::Context as _;
use rolling_update_core::api::{
    ApiError, ApiRequest, Call, Endpoint, EndpointType, ResponseError, parse_response,
};
use rolling_update_core::command::Target;
use rolling_update_core::profile;
use rolling_update_core::retry::RetryPolicy;
use rolling_update_core::sign::{self, Credentials, SignatureAlgorithm, SigningSettings, UtcTime};
use rolling_update_core::waiter::{STEADY_POLL_MS, WaiterConfig};

use crate::exit::usage;
use crate::http::{self, SendError};

/// Set by the process's Ctrl-C handler.
pub(crate) static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// Where output goes. JSON results on `out`; messages for people on `err`.
pub(crate) struct Io {
    /// Standard output (JSON results).
    pub(crate) out: Box<dyn Write>,
    /// Standard error (messages, warnings, progress).
    pub(crate) err: Box<dyn Write>,
    /// Where answers to prompts come from.
    pub(crate) input: Box<dyn BufRead>,
    /// Show progress lines (stderr is a terminal).
    pub(crate) progress: bool,
    /// Ask for confirmation (stdin and stderr are terminals).
    pub(crate) interactive: bool,
    /// `--cli-query`: a JMESPath expression applied to JSON output.
    pub(crate) query: Option<String>,
}

impl std::fmt::Debug for Io {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Io")
            .field("progress", &self.progress)
            .field("interactive", &self.interactive)
            .finish()
    }
}

impl Io {
    /// The process's own streams, with terminal detection.
    pub(crate) fn stdio(query: Option<String>) -> Io {
        use std::io::IsTerminal;
        let err_tty = std::io::stderr().is_terminal();
        Io {
            out: Box::new(std::io::stdout()),
            err: Box::new(std::io::stderr()),
            input: Box::new(std::io::BufReader::new(std::io::stdin())),
            progress: err_tty,
            interactive: err_tty && std::io::stdin().is_terminal(),
            query,
        }
    }

    /// Prints a JSON result on `out`, filtered by `--cli-query`.
    pub(crate) fn json(&mut self, value: &serde_json::Value) -> anyhow::Result<()> {
        let value = match &self.query {
            Some(expr) => query(expr, value)?,
            None => value.clone(),
        };
        let text = match &value {
            // A query that selects one string prints it bare, as the host does with --cli-query.
            serde_json::Value::String(s) if self.query.is_some() => s.clone(),
            other => serde_json::to_string_pretty(other)?,
        };
        match writeln!(self.out, "{text}") {
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        }
    }

    /// A line for people on `err`.
    pub(crate) fn say(&mut self, line: impl AsRef<str>) {
        let _ = writeln!(self.err, "{}", line.as_ref());
    }

    /// A progress line: only when stderr is a terminal.
    pub(crate) fn progress(&mut self, line: impl AsRef<str>) {
        if self.progress {
            self.say(line);
        }
    }

    /// Asks a yes/no question (in the run's language, answered as [`is_yes`] reads it). `yes`
    /// (`-y`) answers yes; without a terminal to ask on, the verb refuses (a usage error saying
    /// to pass `-y`) rather than change something unasked.
    pub(crate) fn confirm(&mut self, question: &str, yes: bool) -> anyhow::Result<bool> {
        if yes {
            return Ok(true);
        }
        if !self.interactive {
            return Err(usage(rolling_update_core::t!("error.no_terminal", question = question)));
        }
        let _ = write!(self.err, "{question} [y/N] ");
        let _ = self.err.flush();
        let answer = read_answer(&mut self.input)?;
        Ok(is_yes(&answer))
    }
}

/// Whether an answer to a `[y/N]` question is yes: `y` or `yes` in any case, in every
/// language, or `是` (yes in Chinese); anything else, an empty answer included, is no.
pub(crate) fn is_yes(answer: &str) -> bool {
    matches!(answer.trim().to_lowercase().as_str(), "y" | "yes" | "是")
}

/// Reads one answer line. Ctrl-C at the prompt ends the plugin at once (the handler exits 130),
/// so the line typed after it never becomes the answer.
fn read_answer(input: &mut dyn BufRead) -> anyhow::Result<String> {
    let mut answer = String::new();
    let reading = || {
        rolling_update_core::t!("plugin.confirm.reading")
            .render(crate::lang::current())
            .into_owned()
    };
    input.read_line(&mut answer).with_context(reading)?;
    Ok(answer)
}

/// What Ctrl-C prints before the plugin exits 130 (`wait` says how to resume following).
static ON_INTERRUPT: std::sync::Mutex<Option<String>> = std::sync::Mutex::new(None);

/// Sets what Ctrl-C prints (None: a plain line).
pub(crate) fn on_interrupt(message: Option<String>) {
    if let Ok(mut slot) = ON_INTERRUPT.lock() {
        *slot = message;
    }
}

/// The process's Ctrl-C handler: ends the plugin at once, wherever it is (at a prompt, in a
/// call, in a wait between retries), with exit code 130. A call cut off may or may not have
/// reached the service; calls that change something carry what makes a re-run safe (the
/// ClientToken), and nothing is half-written locally.
pub(crate) fn interrupted() -> ! {
    INTERRUPTED.store(true, Ordering::SeqCst);
    let message = ON_INTERRUPT.try_lock().ok().and_then(|m| m.clone());
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err);
    let plain = || {
        rolling_update_core::t!("plugin.interrupted").render(crate::lang::current()).into_owned()
    };
    let _ = writeln!(err, "{}", message.unwrap_or_else(plain));
    let _ = err.flush();
    let _ = std::io::stdout().lock().flush();
    std::process::exit(crate::exit::Code::Interrupted as i32)
}

/// Applies a JMESPath expression.
pub(crate) fn query(expr: &str, value: &serde_json::Value) -> anyhow::Result<serde_json::Value> {
    let compiled = compile_query(expr)?;
    let found = compiled.search(value).map_err(|e| {
        usage(rolling_update_core::t!("plugin.query.failed", expr = expr, error = e))
    })?;
    Ok(serde_json::to_value(&*found)?)
}

/// Compiles a `--cli-query` expression (a usage error naming the flag when it is not JMESPath).
pub(crate) fn compile_query(expr: &str) -> anyhow::Result<jmespath::Expression<'static>> {
    jmespath::compile(expr)
        .map_err(|e| usage(rolling_update_core::t!("plugin.query.invalid", expr = expr, error = e)))
}

/// Everything needed to make calls: region, credentials, endpoint and transport.
pub(crate) struct Session {
    /// The region of every call.
    pub(crate) region: String,
    credentials: Credentials,
    endpoint: Option<String>,
    endpoint_type: EndpointType,
    signing: SigningSettings,
    http: http::Client,
    /// How failed calls are retried.
    pub(crate) retry: RetryPolicy,
    /// How `wait` paces its polls.
    pub(crate) poll: WaiterConfig,
    /// Set by Ctrl-C: `wait` stops following.
    pub(crate) interrupted: Arc<AtomicBool>,
    seed: std::cell::Cell<u64>,
    /// Whether the user was told that the endpoint is a simulation.
    simulation_noted: std::cell::Cell<bool>,
    /// When the last call was sent: calls keep [`WaiterConfig::call_gap_ms`] apart, so that no
    /// verb sends more than three within a second.
    last_call: std::cell::Cell<Option<std::time::Instant>>,
    /// Where the credentials and region came from (for `doctor`).
    pub(crate) resolved: Option<profile::Resolved>,
    /// The options printed commands carry to reach the same place.
    pub(crate) target: Target,
    /// No wait between retries goes past this instant (`wait --timeout`).
    deadline: std::cell::Cell<Option<Instant>>,
    /// `wait` polls faster than the floor: only while every answer is the simulator's.
    fast_poll: bool,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("region", &self.region)
            .field("credentials", &self.credentials)
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

/// What a [`Session`] is made from.
#[derive(Debug, Clone)]
pub(crate) struct SessionConfig {
    pub(crate) region: String,
    pub(crate) credentials: Credentials,
    /// A host name or URL every product's calls go to.
    pub(crate) endpoint: Option<String>,
    pub(crate) endpoint_type: EndpointType,
    pub(crate) algorithm: SignatureAlgorithm,
    pub(crate) connect_timeout: Duration,
    pub(crate) read_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) poll: WaiterConfig,
    /// Appended to the User-Agent (the host's `ALIBABA_CLOUD_USER_AGENT` and AI-mode agent).
    pub(crate) user_agent_extra: Vec<String>,
}

impl SessionConfig {
    /// Defaults for `region` and `credentials`.
    pub(crate) fn new(region: &str, credentials: Credentials) -> SessionConfig {
        SessionConfig {
            region: region.to_owned(),
            credentials,
            endpoint: None,
            endpoint_type: EndpointType::Public,
            algorithm: SignatureAlgorithm::default(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            poll: WaiterConfig::steady(STEADY_POLL_MS),
            user_agent_extra: Vec::new(),
        }
    }
}

/// Whether the endpoint's host is a loopback address (127.0.0.0/8, ::1, localhost).
fn is_loopback(endpoint: &Endpoint) -> bool {
    is_loopback_host(&endpoint.host)
}

/// The variable tests use to make `wait` poll a sped-up simulator faster.
pub(crate) const POLL_MS_VAR: &str = "ALIYUN_ROLLING_UPDATE_POLL_MS";

/// Refuses a plain-HTTP endpoint unless it is a loopback address.
pub(crate) fn check_endpoint(text: &str) -> anyhow::Result<Endpoint> {
    let endpoint = Endpoint::parse_override(text).map_err(|e| usage(e.text()))?;
    if endpoint.scheme == "http" && !is_loopback(&endpoint) {
        return Err(usage(rolling_update_core::t!("error.endpoint_plain_http", endpoint = text)));
    }
    Ok(endpoint)
}

/// Whether `host` (with or without `:port`) names this machine.
fn is_loopback_host(host: &str) -> bool {
    let name = host
        .rsplit_once(':')
        .map_or(host, |(h, port)| if port.bytes().all(|b| b.is_ascii_digit()) { h } else { host });
    let name = name.trim_start_matches('[').trim_end_matches(']');
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// The endpoint as calls use it. The host takes `--endpoint` as a bare `host:port` and, with its
/// `--insecure`, sends plain http there; it passes both to the plugin (argv and
/// `ALIBABA_CLOUD_ENDPOINT`). So with `insecure` a bare loopback endpoint means `http://`; any
/// other bare endpoint is refused rather than sent in the clear. A URL keeps its own scheme.
pub(crate) fn endpoint_override(text: &str, insecure: bool) -> anyhow::Result<String> {
    let text = text.trim();
    if !insecure || text.contains("://") {
        return Ok(text.to_owned());
    }
    let host = text.strip_suffix('/').unwrap_or(text);
    if !is_loopback_host(host) {
        return Err(usage(rolling_update_core::t!("error.insecure_not_loopback", endpoint = text)));
    }
    Ok(format!("http://{host}"))
}

/// The profile chosen by `--profile` or a profile variable (not the config file's `current`,
/// which a pasted command picks anyway).
fn chosen_profile(inputs: &profile::Inputs) -> Option<String> {
    inputs.profile_flag.clone().filter(|p| !p.is_empty()).or_else(|| {
        profile::PROFILE_VARS
            .iter()
            .find_map(|v| inputs.env.get(*v).filter(|p| !p.is_empty()).cloned())
    })
}

/// A region from a profile or a variable is checked as strictly as `--region`, naming where it
/// came from.
fn check_resolved_region(region: &str, source: &str) -> anyhow::Result<()> {
    let label = rolling_update_core::t!("plugin.region.from", source = source);
    rolling_update_core::args::check_region(&label.render(crate::lang::current()), region)
        .map_err(|e| usage(e.text()))
}

/// Why a call failed after its retries.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CallError {
    /// The API said no.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// No response.
    #[error(transparent)]
    Send(#[from] SendError),
    /// A response that is not what the API documents.
    #[error("{action}: {message}")]
    Decode { action: &'static str, message: rolling_update_core::i18n::Text },
}

impl CallError {
    /// The error for a person, in any language where it is the plugin's own (an API's answer
    /// and a response it cannot read are shown as they are). `Display` stays English.
    pub(crate) fn text(&self) -> rolling_update_core::i18n::Text {
        match self {
            CallError::Send(e) => e.text(),
            CallError::Decode { action, message } => {
                rolling_update_core::t!("plugin.call.decode", action = action, message: message.clone())
            }
            other => rolling_update_core::i18n::Text::raw(other.to_string()),
        }
    }

    /// Whether waiting and polling again may help.
    pub(crate) fn transient(&self) -> bool {
        match self {
            CallError::Api(e) => e.retryable(),
            CallError::Send(_) => true,
            CallError::Decode { .. } => false,
        }
    }
}

impl Session {
    /// A session from explicit settings.
    pub(crate) fn new(config: SessionConfig) -> anyhow::Result<Session> {
        if let Some(e) = &config.endpoint {
            check_endpoint(e)?;
        }
        let mut agent = format!("aliyun-cli-rolling-update/{}", env!("CARGO_PKG_VERSION"));
        for extra in config.user_agent_extra.iter().filter(|e| !e.trim().is_empty()) {
            agent.push(' ');
            agent.push_str(extra.trim());
        }
        let http = http::Client::new(config.connect_timeout, config.read_timeout, &agent)?;
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        let seed =
            now.as_nanos() as u64 ^ (u64::from(std::process::id()) << 32) ^ 0x9E37_79B9_7F4A_7C15;
        let target = Target { endpoint: config.endpoint.clone(), ..Target::region(&config.region) };
        Ok(Session {
            target,
            deadline: std::cell::Cell::new(None),
            fast_poll: false,
            region: config.region,
            credentials: config.credentials,
            endpoint: config.endpoint,
            endpoint_type: config.endpoint_type,
            signing: SigningSettings::with_algorithm(config.algorithm),
            http,
            retry: config.retry,
            poll: config.poll,
            interrupted: Arc::new(AtomicBool::new(false)),
            seed: std::cell::Cell::new(seed),
            simulation_noted: std::cell::Cell::new(false),
            last_call: std::cell::Cell::new(None),
            resolved: None,
        })
    }

    /// The endpoint a product's calls go to.
    pub(crate) fn endpoint(
        &self,
        product: rolling_update_core::api::Product,
    ) -> anyhow::Result<Endpoint> {
        Endpoint::resolve(product, &self.region, self.endpoint_type, self.endpoint.as_deref())
            .map_err(|e| usage(e.text()))
    }

    /// Sets the instant no wait between retries may pass (`wait --timeout`).
    pub(crate) fn set_deadline(&self, deadline: Option<Instant>) {
        self.deadline.set(deadline);
    }

    /// Whether Ctrl-C was pressed.
    pub(crate) fn is_interrupted(&self) -> bool {
        self.interrupted.load(Ordering::SeqCst) || INTERRUPTED.load(Ordering::SeqCst)
    }

    fn random(&self) -> u64 {
        // splitmix64: nonces and jitter need uniqueness and spread, not secrecy.
        let mut z = self.seed.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.seed.set(z);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Sleeps until the gap since the previous call has passed.
    fn keep_pace(&self) {
        let gap = Duration::from_millis(self.poll.call_gap_ms);
        if let Some(last) = self.last_call.get() {
            let since = last.elapsed();
            if since < gap {
                std::thread::sleep(gap - since);
            }
        }
    }

    /// Calls `request`, retrying retryable failures.
    pub(crate) fn call<R: ApiRequest>(
        &self,
        request: &R,
        io: &mut Io,
    ) -> Result<R::Response, CallError> {
        let call = request.to_call();
        self.keep_pace();
        let response = self.send(&call, io);
        self.last_call.set(Some(std::time::Instant::now()));
        let response = response?;
        parse_response::<R::Response, _, _>(response.status, &response.headers, &response.body)
            .map_err(|e| match e {
                ResponseError::Api(mut api) => {
                    // A server may echo what it was sent (a string to sign holds the token).
                    api.message = self.credentials.scrub(&api.message);
                    api.recommend = api.recommend.map(|r| self.credentials.scrub(&r));
                    CallError::Api(api)
                }
                ResponseError::Decode { message, .. } => {
                    CallError::Decode { action: R::ACTION, message: message.into() }
                }
                other => CallError::Decode { action: R::ACTION, message: other.text() },
            })
    }

    /// Says once, on stderr, that the endpoint is the local simulator (it marks every response
    /// with `x-simulation: true`), so nobody mistakes its answers for the cloud's.
    fn note_simulation(&self, response: &http::Response, io: &mut Io) {
        if !self.simulation_noted.get() && response.header("x-simulation") == Some("true") {
            self.simulation_noted.set(true);
            io.say(rolling_update_core::t!("note.simulation").render(crate::lang::current()));
        }
    }

    /// Sends `call` and returns the raw response of the last attempt (2xx or not retryable).
    pub(crate) fn send(&self, call: &Call, io: &mut Io) -> Result<http::Response, CallError> {
        let resend_safe = call.resend_safe;
        let endpoint = self.endpoint(call.product).map_err(|e| CallError::Decode {
            action: call.action,
            message: e.to_string().into(),
        })?;
        let mut attempt = 0u32;
        loop {
            let now =
                SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default().as_secs() as i64;
            let time = UtcTime::from_unix_seconds(now).ok_or_else(|| CallError::Decode {
                action: call.action,
                message: rolling_update_core::t!("plugin.clock_out_of_range"),
            })?;
            let nonce = format!("{:016x}{:016x}", self.random(), self.random());
            let signed = sign::sign(
                &call.signable(&endpoint),
                &self.credentials,
                time,
                &nonce,
                &self.signing,
            )
            .map_err(|e| CallError::Decode {
                action: call.action,
                message: rolling_update_core::t!("sign.error.cannot_sign", error: e.text()),
            })?;
            let r = signed.request;
            let outcome = self.http.send(r.method.as_str(), &r.url, &r.headers, &r.body);
            if let Ok(resp) = &outcome {
                self.note_simulation(resp, io);
                if self.fast_poll && resp.header("x-simulation") != Some("true") {
                    return Err(CallError::Decode {
                        action: call.action,
                        message: format!(
                            "{POLL_MS_VAR} is set, but the endpoint did not answer as the \
                             simulator does (x-simulation: true); the faster pace is only for \
                             the simulator: unset {POLL_MS_VAR}"
                        )
                        .into(),
                    });
                }
            }
            let (retry, retry_after, error) = match outcome {
                Ok(resp) if (200..300).contains(&resp.status) => return Ok(resp),
                Ok(resp) => {
                    let api = ApiError::from_response(resp.status, &resp.headers, &resp.body);
                    // Throttled calls were never applied; server faults may have been.
                    let ok = api.is_throttling() || (api.retryable() && resend_safe);
                    let after = api.retry_after.map(|d| d.as_millis() as u64);
                    if !ok {
                        return Ok(resp);
                    }
                    (true, after, CallError::Api(Box::new(api)))
                }
                Err(err) => (err.retryable(resend_safe), None, CallError::Send(err)),
            };
            attempt += 1;
            if !retry || !self.retry.allows(attempt) {
                return Err(error);
            }
            let jitter = (self.random() >> 11) as f64 / (1u64 << 53) as f64;
            let delay = self.retry.delay_ms(attempt, retry_after, jitter);
            // A wait between retries never outlasts the caller's deadline (`wait --timeout`):
            // the error is reported instead, and the caller decides.
            if self
                .deadline
                .get()
                .is_some_and(|d| Instant::now() + Duration::from_millis(delay) >= d)
            {
                return Err(error);
            }
            let line = rolling_update_core::t!(
                "plugin.call.retry",
                action = call.action,
                error: error.text(),
                attempt = attempt,
                delay = delay
            );
            io.progress(line.render(crate::lang::current()));
            // Ctrl-C during this sleep ends the process at once (the handler exits 130).
            std::thread::sleep(Duration::from_millis(delay));
        }
    }
}

/// The command-line settings a session is resolved from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub(crate) inputs: profile::Inputs,
    pub(crate) endpoint: Option<String>,
    /// The host's `--insecure`: plain http to a bare loopback endpoint.
    pub(crate) insecure: bool,
    pub(crate) algorithm: SignatureAlgorithm,
    pub(crate) connect_timeout: Option<u64>,
    pub(crate) read_timeout: Option<u64>,
    pub(crate) retry_count: Option<u32>,
    pub(crate) poll_ms: Option<u64>,
    /// `--config-path`, when given.
    pub(crate) config_path_flag: Option<String>,
}

/// A verb's context: output, flags that apply everywhere, and a session made on first use.
pub(crate) struct Ctx {
    pub(crate) io: Io,
    pub(crate) settings: Settings,
    /// `-y/--yes`.
    pub(crate) yes: bool,
    /// `--cli-dry-run`.
    pub(crate) dry_run: bool,
    session: Option<Session>,
}

impl std::fmt::Debug for Ctx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ctx").field("session", &self.session).finish_non_exhaustive()
    }
}

impl Ctx {
    /// A context that resolves its session from `settings` when a verb first needs it.
    pub(crate) fn new(io: Io, settings: Settings, yes: bool, dry_run: bool) -> Ctx {
        Ctx { io, settings, yes, dry_run, session: None }
    }

    /// A context with a ready session (in-process callers such as `demo`).
    #[allow(dead_code)]
    pub(crate) fn with_session(io: Io, session: Session, yes: bool) -> Ctx {
        Ctx { io, settings: Settings::default(), yes, dry_run: false, session: Some(session) }
    }

    /// Uses `region` (an update file's) as if `--region` had been given, unless `--region` was
    /// given or the session is already made: the flag wins over the file.
    pub(crate) fn default_region(&mut self, region: Option<String>) {
        if self.session.is_none() && self.settings.inputs.region_flag.is_none() {
            self.settings.inputs.region_flag = region;
        }
    }

    /// The region, without needing credentials (for dry runs and offline verbs).
    pub(crate) fn region(&self) -> anyhow::Result<String> {
        if let Some(s) = &self.session {
            return Ok(s.region.clone());
        }
        let region = profile::region_only(&self.settings.inputs)
            .ok_or_else(|| usage(profile::ResolveError::NoRegion.text()))?;
        let source = rolling_update_core::t!("plugin.region.profile_or_environment");
        check_resolved_region(&region, &source.render(crate::lang::current()))?;
        Ok(region)
    }

    /// The options printed commands carry, without needing credentials (for dry runs): the
    /// session's when there is one.
    pub(crate) fn target(&self, region: &str) -> Target {
        if let Some(s) = &self.session {
            return s.target.clone();
        }
        let endpoint = self
            .settings
            .endpoint
            .clone()
            .or_else(|| profile::resolve(&self.settings.inputs).ok().and_then(|r| r.endpoint));
        Target {
            endpoint: endpoint.filter(|e| !e.trim().is_empty()),
            profile: chosen_profile(&self.settings.inputs),
            config_path: self.settings.config_path_flag.clone(),
            ..Target::region(region)
        }
    }

    /// The endpoint override, checked (for dry runs).
    pub(crate) fn endpoint_text(
        &self,
        product: rolling_update_core::api::Product,
        region: &str,
    ) -> anyhow::Result<String> {
        let resolved = profile::resolve(&self.settings.inputs).ok();
        let text = self
            .settings
            .endpoint
            .clone()
            .or_else(|| resolved.as_ref().and_then(|r| r.endpoint.clone()))
            .filter(|e| !e.trim().is_empty())
            .map(|e| endpoint_override(&e, self.settings.insecure))
            .transpose()?;
        if let Some(t) = &text {
            check_endpoint(t)?;
        }
        let kind = resolved
            .and_then(|r| r.endpoint_type)
            .map_or(EndpointType::Public, |t| EndpointType::from_setting(&t));
        Endpoint::resolve(product, region, kind, text.as_deref())
            .map(|e| e.to_string())
            .map_err(|e| usage(e.text()))
    }

    /// The session, resolving credentials and region on first use.
    pub(crate) fn session(&mut self) -> anyhow::Result<(&Session, &mut Io)> {
        if self.session.is_none() {
            self.session = Some(self.resolve()?);
        }
        match &self.session {
            Some(s) => Ok((s, &mut self.io)),
            None => Err(anyhow::anyhow!("no session")),
        }
    }

    fn resolve(&self) -> anyhow::Result<Session> {
        let s = &self.settings;
        let resolved = profile::resolve(&s.inputs).map_err(|e| usage(e.text()))?;
        check_resolved_region(&resolved.region, &resolved.region_source.to_string())?;
        let mut config = SessionConfig::new(&resolved.region, resolved.credentials.clone());
        config.endpoint = s
            .endpoint
            .clone()
            .or_else(|| resolved.endpoint.clone())
            .filter(|e| !e.trim().is_empty())
            .map(|e| endpoint_override(&e, s.insecure))
            .transpose()?;
        config.endpoint_type = resolved
            .endpoint_type
            .as_deref()
            .map_or(EndpointType::Public, EndpointType::from_setting);
        config.algorithm = s.algorithm;
        if let Some(t) = s.connect_timeout.or(resolved.connect_timeout) {
            config.connect_timeout = Duration::from_secs(t.max(1));
        }
        if let Some(t) = s.read_timeout.or(resolved.read_timeout) {
            config.read_timeout = Duration::from_secs(t.max(1));
        }
        if let Some(n) = s.retry_count.or(resolved.retry_count) {
            config.retry.max_retries = n;
        }
        // A faster pace than the documented floor is only for a sped-up simulator: every call
        // must go to a loopback endpoint, and every answer must say it is a simulation (checked
        // in `send`). Against the cloud no variable changes the pace.
        let loopback = config
            .endpoint
            .as_deref()
            .and_then(|e| Endpoint::parse_override(e).ok())
            .is_some_and(|e| is_loopback(&e));
        let fast_poll = match s.poll_ms.filter(|ms| *ms > 0) {
            Some(ms) if loopback => {
                // The same steady pace, one poll every `ms`.
                config.poll = WaiterConfig::steady(ms);
                true
            }
            Some(_) => {
                let note = rolling_update_core::t!("note.poll_ms_ignored", var = POLL_MS_VAR);
                eprintln!("{}", note.render(crate::lang::current()));
                false
            }
            None => false,
        };
        for var in ["ALIBABA_CLOUD_USER_AGENT", "ALIBABA_CLOUD_CLI_AI_USER_AGENT"] {
            if let Some(v) = s.inputs.env.get(var) {
                config.user_agent_extra.push(v.clone());
            }
        }
        let mut session = Session::new(config)?;
        session.fast_poll = fast_poll;
        // A profile chosen by flag or variable is carried by printed commands; the config
        // file's `current` profile is what a pasted command picks anyway.
        session.target.profile = chosen_profile(&s.inputs);
        session.target.config_path = s.config_path_flag.clone();
        session.resolved = Some(resolved);
        Ok(session)
    }
}

#[cfg(test)]
mod tests {
    use rolling_update_core::api::ApiRequest;
    use rolling_update_core::api::oos::{
        CancelExecution, ListExecutions, NotifyExecution, NotifyType, StartExecution,
    };

    use super::*;

    #[test]
    fn plain_http_only_for_loopback() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost:1",
            "http://[::1]:9",
            "https://oos.example.com",
            "oos.example.com",
        ] {
            assert!(check_endpoint(ok).is_ok(), "{ok}");
        }
        for bad in
            ["http://10.0.0.1", "http://example.com:80", "http://127.0.0.1.example.com", "ftp://x"]
        {
            assert!(check_endpoint(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn insecure_means_plain_http_to_loopback_only() {
        let http = |t: &str| endpoint_override(t, true).map_err(|e| e.to_string());
        assert_eq!(http("127.0.0.1:8080").unwrap(), "http://127.0.0.1:8080");
        assert_eq!(http(" localhost:9/").unwrap(), "http://localhost:9");
        assert_eq!(http("[::1]:9").unwrap(), "http://[::1]:9");
        assert_eq!(
            http("https://127.0.0.1:1").unwrap(),
            "https://127.0.0.1:1",
            "a URL keeps its scheme"
        );
        for bad in ["10.0.0.1:80", "oos.cn-hangzhou.aliyuncs.com", "127.0.0.1.example.com:80"] {
            let err = http(bad).unwrap_err();
            assert!(err.contains("--insecure") && err.contains(bad), "{bad}: {err}");
        }
        assert_eq!(endpoint_override("127.0.0.1:8080", false).unwrap(), "127.0.0.1:8080");
    }

    #[test]
    fn only_harmless_calls_are_resent() {
        let start = StartExecution::new("r", "t", serde_json::json!({}));
        assert!(!start.to_call().resend_safe, "no ClientToken");
        let with_token = StartExecution { client_token: Some("tok".into()), ..start };
        assert!(with_token.to_call().resend_safe);
        assert!(ListExecutions::new("r").to_call().resend_safe);
        let cancel = CancelExecution { region_id: "r".into(), execution_id: "e".into() };
        assert!(cancel.to_call().resend_safe);
        assert!(!NotifyExecution::new("r", "e", NotifyType::Approve).to_call().resend_safe);
    }

    #[test]
    fn unbuildable_and_unanswered_requests_are_not_retried() {
        let host = || "h".to_owned();
        let reason = || "r".to_owned();
        for safe in [true, false] {
            assert!(!SendError::Build { host: host(), reason: reason() }.retryable(safe));
            let timed_out = SendError::TimedOut { host: host(), seconds: 40, reason: reason() };
            assert!(!timed_out.retryable(safe));
            assert!(SendError::Connect { host: host(), reason: reason() }.retryable(safe));
        }
        assert!(!SendError::NoResponse { host: host(), reason: reason() }.retryable(false));
    }

    #[test]
    fn an_unbuildable_request_is_sent_once() {
        // A port no URL can hold passes the endpoint check but no HTTP client builds it.
        let mut config = SessionConfig::new("cn-hangzhou", Credentials::new("id", "secret"));
        config.endpoint = Some("http://127.0.0.1:99999".into());
        config.retry.base_ms = 60_000;
        let session = Session::new(config).unwrap();
        let mut io = Io {
            out: Box::new(std::io::sink()),
            err: Box::new(std::io::sink()),
            input: Box::new(std::io::empty()),
            progress: false,
            interactive: false,
            query: None,
        };
        let started = Instant::now();
        let err = session.call(&ListExecutions::new("cn-hangzhou"), &mut io).unwrap_err();
        assert!(matches!(err, CallError::Send(SendError::Build { .. })), "{err}");
        // A retry would have slept at least 30 s (half the 60 s base backoff).
        assert!(started.elapsed() < Duration::from_secs(30), "it was retried");
    }

    #[test]
    fn yes_is_y_or_yes_in_any_case_or_chinese_and_anything_else_is_no() {
        for yes in ["y", "Y", "yes", "YES\n", " Yes \r\n", "是", "是\n"] {
            assert!(is_yes(yes), "{yes:?}");
        }
        for no in ["", "\n", "n", "no", "N", "yep", "否", "不", "ye", "y y"] {
            assert!(!is_yes(no), "{no:?}");
        }
    }

    #[test]
    fn a_retry_line_and_a_bad_region_read_in_chinese() {
        use rolling_update_core::i18n::Lang;
        let error = CallError::Send(SendError::Connect { host: "h".into(), reason: "r".into() });
        let line = rolling_update_core::t!(
            "plugin.call.retry",
            action = "ListExecutions",
            error: error.text(),
            attempt = 2,
            delay = 400
        );
        assert_eq!(line, "ListExecutions: cannot connect to h: r; retry 2 in 400 ms");
        assert_eq!(
            line.render(Lang::ZhCn),
            "ListExecutions：无法连接到 h：r；400 毫秒后进行第 2 次重试"
        );
        let err = check_resolved_region("Hangzhou", "$ALIBABA_CLOUD_REGION_ID").unwrap_err();
        assert!(err.to_string().starts_with("the region (from $ALIBABA_CLOUD_REGION_ID)"), "{err}");
        let label = rolling_update_core::t!("plugin.region.from", source = "$X");
        assert_eq!(label.render(Lang::ZhCn), "地域（来自 $X）");
    }

    #[test]
    fn query_filters_and_reports_bad_expressions() {
        let v = serde_json::json!({"a": [{"b": 1}, {"b": 2}]});
        assert_eq!(query("a[*].b", &v).unwrap(), serde_json::json!([1, 2]));
        assert!(query("a[", &v).is_err());
    }
}
