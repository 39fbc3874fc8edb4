//! Faults a test (or a person, through `POST /_sim/fault`) can inject into the running server.

use crate::model::{FailTarget, RefreshFault};

/// One fault. Call-counted faults apply to the next `calls` signed API calls (not to `/_sim/…`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer 400 `Throttling` with `x-acs-retry-after: <retry_after_ms>` (milliseconds).
    Throttle {
        /// How many calls.
        calls: u32,
        /// The header's value.
        retry_after_ms: u64,
    },
    /// Answer a 5xx: 500 `InternalError`, 503 `ServiceUnavailable` (other 5xx: `InternalError`).
    ServerError {
        /// How many calls.
        calls: u32,
        /// HTTP status, 500–599.
        status: u16,
    },
    /// Apply the request (e.g. create the execution), then close the connection without answering.
    DropAfterApply {
        /// How many calls.
        calls: u32,
        /// Only calls of this action (e.g. `StartExecution`); `None` = any action.
        action: Option<String>,
    },
    /// Apply the request, then wait this long before answering (to trip client timeouts).
    Delay {
        /// How many calls.
        calls: u32,
        /// How long, in real milliseconds.
        delay_ms: u64,
    },
    /// Move the server's clock (used to check `Timestamp`/`x-acs-date`) by this many seconds.
    /// Replaces any earlier skew; 0 removes it.
    ClockSkew {
        /// Seconds, positive = server ahead.
        seconds: i64,
    },
    /// Answer the next `calls` NotifyExecution(NotifyType=Approve) calls with success but
    /// change nothing: the execution stays Waiting, as when an approval is lost.
    IgnoreApprove {
        /// How many Approve calls.
        calls: u32,
    },
    /// Fail an instance of the next execution at its work step (disk replacement, command or
    /// package); the instance stays in Standby.
    FailInstance(FailTarget),
    /// Make a batch of an instance refresh fail to launch, or come up unhealthy.
    Refresh(RefreshFault),
}

impl Fault {
    /// Parses the query of `POST /_sim/fault?kind=…`.
    pub fn from_query(
        params: &std::collections::BTreeMap<String, String>,
    ) -> Result<Fault, String> {
        let num = |k: &str, d: u64| -> Result<u64, String> {
            params.get(k).map_or(Ok(d), |v| v.parse().map_err(|_| format!("{k} must be a number")))
        };
        let calls = num("calls", 1)? as u32;
        match params.get("kind").map(String::as_str) {
            Some("throttle") => {
                Ok(Fault::Throttle { calls, retry_after_ms: num("retry_after_ms", 1000)? })
            }
            Some("error") => {
                let status = num("status", 500)? as u16;
                if !(500..=599).contains(&status) {
                    return Err("status must be 500-599".into());
                }
                Ok(Fault::ServerError { calls, status })
            }
            Some("drop") => {
                Ok(Fault::DropAfterApply { calls, action: params.get("action").cloned() })
            }
            Some("delay") => Ok(Fault::Delay { calls, delay_ms: num("ms", 5000)? }),
            Some("ignore-approve") => Ok(Fault::IgnoreApprove { calls }),
            Some("skew") => {
                let s = params.get("seconds").ok_or("seconds is required")?;
                Ok(Fault::ClockSkew {
                    seconds: s.parse().map_err(|_| "seconds must be an integer")?,
                })
            }
            Some("fail") => match (params.get("instance"), params.get("nth")) {
                (Some(id), _) => Ok(Fault::FailInstance(FailTarget::Instance(id.clone()))),
                (None, Some(n)) => Ok(Fault::FailInstance(FailTarget::Nth(
                    n.parse().map_err(|_| "nth must be a number")?,
                ))),
                _ => Err("fail needs instance=<i-…> or nth=<N>".into()),
            },
            Some(kind @ ("refresh-fail" | "refresh-unhealthy")) => {
                let batch = match params.get("batch") {
                    None => None,
                    Some(b) => Some(b.parse().map_err(|_| "batch must be a number")?),
                };
                Ok(Fault::Refresh(if kind == "refresh-fail" {
                    RefreshFault::LaunchFails { batch }
                } else {
                    RefreshFault::Unhealthy { batch }
                }))
            }
            _ => Err("kind must be throttle, error, drop, delay, ignore-approve, skew, fail, \
                 refresh-fail or refresh-unhealthy"
                .into()),
        }
    }
}
