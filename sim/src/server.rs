//! The loopback HTTP server: one port for both products, routed by API version.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::BufReader;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::api::{self, CMS_VERSION, ECS_VERSION, ESS_VERSION, OOS_VERSION};
use crate::auth::{self, Credential, SignatureKind};
use crate::call::Call;
use crate::error::ApiError;
use crate::fault::Fault;
use crate::http::{self, ReadError, Request, Response};
use crate::model::World;
use crate::sign;

/// One API request as the server saw it (secrets masked).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    /// 1-based order of arrival.
    pub seq: u64,
    /// HTTP method.
    pub method: String,
    /// `oos`, `ess`, `cms`, `ecs` or `unknown` (by API version).
    pub product: String,
    /// The action (`Action` parameter or `x-acs-action`).
    pub action: String,
    /// The API version (`Version` parameter or `x-acs-version`).
    pub version: String,
    /// Query and form parameters, decoded; `Signature` and `SecurityToken` masked as `***`.
    pub params: BTreeMap<String, String>,
    /// Headers; `Authorization` and `x-acs-security-token` masked as `***`.
    pub headers: Vec<(String, String)>,
    /// The signature kind found.
    pub signature: SignatureKind,
    /// Whether the signature verified.
    pub verified: bool,
    /// The AccessKey id named by the request.
    pub access_key_id: Option<String>,
    /// HTTP status answered (0 when the connection was dropped on purpose).
    pub status: u16,
    /// Error code answered, if any.
    pub code: Option<String>,
    /// The RequestId.
    pub request_id: String,
    /// Simulated time when it was answered (ms since the epoch), to line requests up with the
    /// model's timestamps.
    pub sim_ms: u64,
    /// Real time when it arrived, in ms since the server started (to measure client delays).
    pub real_ms: u64,
}

pub(crate) struct Clock {
    anchor_real: Instant,
    anchor_sim: u64,
    speed: f64,
}

impl Clock {
    pub(crate) fn new(anchor_sim: u64, speed: f64) -> Clock {
        Clock { anchor_real: Instant::now(), anchor_sim, speed: speed.max(0.0) }
    }

    pub(crate) fn now_ms(&self) -> u64 {
        let real = self.anchor_real.elapsed().as_secs_f64() * 1000.0;
        self.anchor_sim + (real * self.speed) as u64
    }

    pub(crate) fn set_speed(&mut self, speed: f64) {
        self.anchor_sim = self.now_ms();
        self.anchor_real = Instant::now();
        self.speed = speed.max(0.0);
    }

    pub(crate) fn skip(&mut self, ms: u64) {
        self.anchor_sim += ms;
    }
}

pub(crate) struct State {
    pub(crate) world: World,
    pub(crate) clock: Clock,
    pub(crate) faults: Vec<Fault>,
    pub(crate) skew_secs: i64,
    pub(crate) records: Vec<RecordedRequest>,
    pub(crate) nonces: HashSet<String>,
    pub(crate) request_seq: u64,
}

pub(crate) struct Shared {
    pub(crate) state: Mutex<State>,
    pub(crate) credentials: Vec<Credential>,
    pub(crate) missing_permissions: HashMap<String, Vec<String>>,
    pub(crate) stop: AtomicBool,
    /// When the server started (the origin of [`RecordedRequest::real_ms`]).
    pub(crate) started: Instant,
}

impl Shared {
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

enum Outcome {
    Respond(Response, Option<Duration>),
    Drop,
}

pub(crate) fn accept_loop(shared: Arc<Shared>, listener: TcpListener) {
    for stream in listener.incoming() {
        if shared.stop.load(Ordering::SeqCst) {
            break;
        }
        let Ok(stream) = stream else { continue };
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || serve_connection(&shared, stream));
    }
}

fn serve_connection(shared: &Shared, stream: TcpStream) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
    let _ = stream.set_nodelay(true);
    let Ok(read_half) = stream.try_clone() else { return };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        if shared.stop.load(Ordering::SeqCst) {
            return;
        }
        let req = match http::read_request(&mut reader) {
            Ok(req) => req,
            Err(ReadError::Closed | ReadError::Io) => return,
            Err(ReadError::Malformed(why)) => {
                let id = next_request_id(&mut shared.lock());
                let err = ApiError::new(
                    400,
                    "InvalidParameter",
                    format!("Malformed HTTP request: {why}."),
                );
                let _ = http::write_response(
                    &mut writer,
                    &error_response(&err, &id, "unknown", None),
                    false,
                );
                return;
            }
            Err(ReadError::TooLarge) => {
                let id = next_request_id(&mut shared.lock());
                let err = ApiError::new(
                    413,
                    "RequestTooLarge",
                    "The request head or body is too large for this simulation.",
                );
                let _ = http::write_response(
                    &mut writer,
                    &error_response(&err, &id, "unknown", None),
                    false,
                );
                return;
            }
        };
        match handle(shared, &req) {
            Outcome::Drop => {
                let _ = writer.shutdown(Shutdown::Both);
                return;
            }
            Outcome::Respond(response, delay) => {
                if let Some(d) = delay {
                    std::thread::sleep(d);
                }
                if http::write_response(&mut writer, &response, req.keep_alive).is_err()
                    || !req.keep_alive
                {
                    return;
                }
            }
        }
    }
}

fn next_request_id(state: &mut State) -> String {
    state.request_seq += 1;
    let n = state.request_seq;
    let mix = n.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    format!("{:08X}-51A0-4000-8000-{:012X}", (mix >> 32) as u32, n)
}

fn base_headers(request_id: &str) -> Vec<(String, String)> {
    vec![
        ("Content-Type".into(), "application/json;charset=utf-8".into()),
        ("x-acs-request-id".into(), request_id.into()),
        ("x-simulation".into(), "true".into()),
        ("Server".into(), "rolling-update-sim (SIMULATION, not Alibaba Cloud)".into()),
    ]
}

fn error_response(
    err: &ApiError,
    request_id: &str,
    product: &str,
    retry_after_ms: Option<u64>,
) -> Response {
    let body = json!({
        "RequestId": request_id,
        "HostId": format!("{product}.simulated.localhost"),
        "Code": err.code,
        "Message": err.message,
        "Recommend": format!("https://api.alibabacloud.com/troubleshoot?q={}&product={product}&requestId={request_id} (simulated)", err.code),
    });
    let mut headers = base_headers(request_id);
    if let Some(ms) = retry_after_ms {
        headers.push(("x-acs-retry-after".into(), ms.to_string()));
    }
    Response { status: err.status, headers, body: body.to_string().into_bytes() }
}

fn ok_response(body: Map<String, Value>, request_id: &str) -> Response {
    let mut full = Map::new();
    full.insert("RequestId".into(), request_id.into());
    full.extend(body);
    Response {
        status: 200,
        headers: base_headers(request_id),
        body: Value::Object(full).to_string().into_bytes(),
    }
}

fn server_secs(skew: i64) -> i64 {
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    now + skew
}

/// Takes one unit of the first fault that matches; returns a copy of it.
fn take_fault(faults: &mut Vec<Fault>, pick: impl Fn(&Fault) -> bool) -> Option<Fault> {
    let i = faults.iter().position(pick)?;
    let taken = faults[i].clone();
    let left = match &mut faults[i] {
        Fault::Throttle { calls, .. }
        | Fault::ServerError { calls, .. }
        | Fault::DropAfterApply { calls, .. }
        | Fault::Delay { calls, .. }
        | Fault::IgnoreApprove { calls } => {
            *calls = calls.saturating_sub(1);
            *calls
        }
        _ => 0,
    };
    if left == 0 {
        faults.remove(i);
    }
    Some(taken)
}

/// Decoded `name=value` pairs, in wire order.
type Pairs = Vec<(String, String)>;

/// The request's decoded query pairs and, for a form body, its decoded form pairs.
pub(crate) fn decoded_params(req: &Request) -> (Pairs, Pairs) {
    let query = sign::parse_query(&req.raw_query);
    let is_form = req
        .header("content-type")
        .is_some_and(|c| c.to_ascii_lowercase().contains("application/x-www-form-urlencoded"));
    let form = if is_form && !req.body.is_empty() {
        sign::parse_query(&String::from_utf8_lossy(&req.body))
    } else {
        Vec::new()
    };
    (query, form)
}

/// What an API request names: its decoded parameters, action, version and product.
struct Parsed {
    query: Pairs,
    form: Pairs,
    /// Query and form together (form wins on a repeated name).
    params: BTreeMap<String, String>,
    version: String,
    action: String,
    product: &'static str,
}

/// What a call does to its connection besides the answer: an injected delay, throttling's
/// retry-after, or dropping the connection after the call was applied.
#[derive(Default)]
struct Effects {
    retry_after_ms: Option<u64>,
    delay: Option<Duration>,
    drop: bool,
}

/// One API request: parse it, authenticate it, dispatch it to the model, answer and record it.
fn handle(shared: &Shared, req: &Request) -> Outcome {
    if req.path.starts_with("/_sim") {
        return control(shared, req);
    }
    let parsed = parse(req);
    let mut state = shared.lock();
    let request_id = next_request_id(&mut state);
    let checked = authenticate(shared, &mut state, req, &parsed);
    let mut effects = Effects::default();
    let result = checked
        .result
        .clone()
        .and_then(|()| dispatch(shared, &mut state, req, &parsed, &checked, &mut effects));
    let response = match &result {
        Ok(body) => ok_response(body.clone(), &request_id),
        Err(err) => error_response(err, &request_id, parsed.product, effects.retry_after_ms),
    };
    let answer = Answer {
        status: if effects.drop { 0 } else { response.status },
        code: result.err().map(|e| e.code),
        request_id,
    };
    record(shared, &mut state, req, parsed, checked, answer);
    if effects.drop { Outcome::Drop } else { Outcome::Respond(response, effects.delay) }
}

fn parse(req: &Request) -> Parsed {
    let (query, form) = decoded_params(req);
    let params: BTreeMap<String, String> = query.iter().chain(&form).cloned().collect();
    let named = |param: &str, header: &str| {
        params.get(param).cloned().or_else(|| req.header(header).map(str::to_owned))
    };
    let version = named("Version", "x-acs-version").unwrap_or_default();
    let action = named("Action", "x-acs-action").unwrap_or_default();
    let product = match version.as_str() {
        OOS_VERSION => "oos",
        ESS_VERSION => "ess",
        CMS_VERSION => "cms",
        ECS_VERSION => "ecs",
        _ => "unknown",
    };
    Parsed { query, form, params, version, action, product }
}

/// Checks the signature against the AccessKeys, the (possibly skewed) server clock and the
/// nonces already seen.
fn authenticate(
    shared: &Shared,
    state: &mut State,
    req: &Request,
    parsed: &Parsed,
) -> auth::Checked {
    let now_secs = server_secs(state.skew_secs);
    auth::check(req, &parsed.query, &parsed.form, &shared.credentials, now_secs, &mut state.nonces)
}

/// An authenticated request: injected faults first, then the model answers the call.
fn dispatch(
    shared: &Shared,
    state: &mut State,
    req: &Request,
    parsed: &Parsed,
    checked: &auth::Checked,
    effects: &mut Effects,
) -> Result<Map<String, Value>, ApiError> {
    if !matches!(req.method.as_str(), "GET" | "POST") {
        return Err(ApiError::new(
            400,
            "UnsupportedHTTPMethod",
            format!("The HTTP method {} is not supported; use POST or GET.", req.method),
        ));
    }
    injected_error(state, effects)?;
    if parsed.action.is_empty() {
        return Err(ApiError::missing("Action"));
    }
    if parsed.version.is_empty() {
        return Err(ApiError::missing("Version"));
    }
    let ak = checked.access_key_id.clone().unwrap_or_default();
    let missing = shared.missing_permissions.get(&ak).cloned().unwrap_or_default();
    let call = Call {
        version: &parsed.version,
        action: &parsed.action,
        params: &parsed.params,
        now_ms: state.clock.now_ms(),
        missing_permissions: &missing,
    };
    let body = if ignores_approve(state, parsed) {
        Map::new()
    } else {
        api::dispatch(&mut state.world, &call)?
    };
    let action = parsed.action.as_str();
    effects.drop = take_fault(&mut state.faults, |f| matches!(f, Fault::DropAfterApply { action: a, .. } if a.as_deref().is_none_or(|a| a == action))).is_some();
    if let Some(Fault::Delay { delay_ms, .. }) =
        take_fault(&mut state.faults, |f| matches!(f, Fault::Delay { .. }))
    {
        effects.delay = Some(Duration::from_millis(delay_ms));
    }
    Ok(body)
}

/// Whether an injected [`Fault::IgnoreApprove`] takes this call: a NotifyExecution Approve
/// of an execution that exists, answered OK without reaching the model.
fn ignores_approve(state: &mut State, parsed: &Parsed) -> bool {
    let approve = parsed.version == api::OOS_VERSION
        && parsed.action == "NotifyExecution"
        && parsed.params.get("NotifyType").map(String::as_str) == Some("Approve")
        && parsed.params.get("ExecutionId").is_some_and(|id| state.world.execution(id).is_some());
    approve && take_fault(&mut state.faults, |f| matches!(f, Fault::IgnoreApprove { .. })).is_some()
}

/// An injected throttling or server error, answered before the call reaches the model.
fn injected_error(state: &mut State, effects: &mut Effects) -> Result<(), ApiError> {
    if let Some(Fault::Throttle { retry_after_ms, .. }) =
        take_fault(&mut state.faults, |f| matches!(f, Fault::Throttle { .. }))
    {
        effects.retry_after_ms = Some(retry_after_ms);
        return Err(ApiError::new(
            400,
            "Throttling",
            "Request was denied due to request throttling (simulated fault).",
        ));
    }
    if let Some(Fault::ServerError { status, .. }) =
        take_fault(&mut state.faults, |f| matches!(f, Fault::ServerError { .. }))
    {
        return Err(if status == 503 {
            ApiError::new(
                503,
                "ServiceUnavailable",
                "The request has failed due to a temporary failure of the server (simulated fault).",
            )
        } else {
            ApiError::new(
                status,
                "InternalError",
                "The request processing has failed due to some unknown error (simulated fault).",
            )
        });
    }
    Ok(())
}

/// How a request was answered, for its record.
struct Answer {
    /// 0 when the connection is dropped on purpose.
    status: u16,
    code: Option<String>,
    request_id: String,
}

/// Records the request as answered, with its secrets masked.
fn record(
    shared: &Shared,
    state: &mut State,
    req: &Request,
    parsed: Parsed,
    checked: auth::Checked,
    answer: Answer,
) {
    let mask = ["authorization", "x-acs-security-token"];
    let headers = req
        .headers
        .iter()
        .map(|(k, v)| {
            let secret = mask.contains(&k.to_ascii_lowercase().as_str());
            (k.clone(), if secret { "***".to_owned() } else { v.clone() })
        })
        .collect();
    let mut params = parsed.params;
    for key in ["Signature", "SecurityToken"] {
        if let Some(v) = params.get_mut(key) {
            *v = "***".to_owned();
        }
    }
    let seq = state.records.len() as u64 + 1;
    let sim_ms = state.clock.now_ms();
    state.records.push(RecordedRequest {
        seq,
        method: req.method.clone(),
        product: parsed.product.to_owned(),
        action: parsed.action,
        version: parsed.version,
        params,
        headers,
        signature: checked.kind,
        verified: checked.result.is_ok(),
        access_key_id: checked.access_key_id,
        status: answer.status,
        code: answer.code,
        request_id: answer.request_id,
        sim_ms,
        real_ms: shared.started.elapsed().as_millis() as u64,
    });
}

fn control(shared: &Shared, req: &Request) -> Outcome {
    let params: BTreeMap<String, String> = sign::parse_query(&req.raw_query).into_iter().collect();
    let mut state = shared.lock();
    let request_id = next_request_id(&mut state);
    let now = state.clock.now_ms();
    state.world.advance(now);
    let post = req.method == "POST";
    let result: Result<Value, ApiError> = match (
        req.method.as_str(),
        req.path.trim_end_matches('/'),
    ) {
        ("GET", "/_sim" | "/_sim/state") => Ok(state_json(&state.world)),
        ("GET", "/_sim/requests") => Ok(json!({"requests": state.records})),
        (_, "/_sim/fault") if post => match Fault::from_query(&params) {
            Ok(fault) => {
                inject(&mut state, fault);
                Ok(json!({"injected": true}))
            }
            Err(why) => Err(ApiError::invalid(why)),
        },
        (_, "/_sim/clear") if post => {
            state.faults.clear();
            state.skew_secs = 0;
            Ok(json!({"cleared": true}))
        }
        (_, "/_sim/advance") if post => {
            match params.get("seconds").and_then(|s| s.parse::<u64>().ok()) {
                Some(s) => {
                    state.clock.skip(s * 1000);
                    let now = state.clock.now_ms();
                    state.world.advance(now);
                    Ok(json!({"simTime": crate::time::format_utc(now)}))
                }
                None => Err(ApiError::invalid("advance needs seconds=<N>")),
            }
        }
        (_, "/_sim/speed") if post => match params
            .get("x")
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|x| x.is_finite() && *x >= 0.0)
        {
            Some(x) => {
                state.clock.set_speed(x);
                Ok(json!({"speed": x}))
            }
            None => Err(ApiError::invalid("speed needs x=<factor>")),
        },
        _ => Err(ApiError::new(
            404,
            "InvalidParameter",
            "Unknown control endpoint; try GET /_sim/state, GET /_sim/requests, POST /_sim/fault?kind=…, POST /_sim/clear, POST /_sim/advance?seconds=N, POST /_sim/speed?x=F.",
        )),
    };
    let response = match result {
        Ok(Value::Object(mut body)) => {
            body.insert("Simulation".into(), true.into());
            ok_response(body, &request_id)
        }
        Ok(other) => ok_response(Map::from_iter([("Result".to_owned(), other)]), &request_id),
        Err(err) => error_response(&err, &request_id, "control", None),
    };
    Outcome::Respond(response, None)
}

pub(crate) fn inject(state: &mut State, fault: Fault) {
    match fault {
        // A fault for zero calls is no fault at all.
        Fault::Throttle { calls: 0, .. }
        | Fault::ServerError { calls: 0, .. }
        | Fault::DropAfterApply { calls: 0, .. }
        | Fault::Delay { calls: 0, .. }
        | Fault::IgnoreApprove { calls: 0 } => {}
        Fault::ClockSkew { seconds } => state.skew_secs = seconds,
        Fault::FailInstance(target) => state.world.fail_next(target),
        Fault::Refresh(fault) => state.world.fail_refresh(fault),
        other => state.faults.push(other),
    }
}

fn state_json(world: &World) -> Value {
    json!({
        "SimTime": crate::time::format_utc(world.now_ms()),
        "ScalingGroups": world.groups(),
        "ScalingConfigurations": world.configurations(),
        "Instances": world.instances(),
        "InstanceRefreshTasks": world.instance_refreshes(),
        "ScalingActivities": world.scaling_activities(),
        "Executions": world.executions().iter().map(|e| api::execution_json(world, e)).collect::<Vec<_>>(),
    })
}
