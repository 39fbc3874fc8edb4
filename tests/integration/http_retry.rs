//! Retries: throttling and 5xx are retried (StartExecution with the same ClientToken), a lost
//! response to StartExecution is resent with the same token, a 4xx never is.

use rolling_update_sim::Fault;

use crate::support::*;

#[test]
fn throttling_is_retried_honouring_retry_after() {
    let sim = sim();
    sim.inject(Fault::Throttle { calls: 2, retry_after_ms: 30 });
    let out = plugin(&sim, &["list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let reqs = sim.requests();
    assert_eq!(reqs.len(), 3);
    assert_eq!(reqs[0].code.as_deref(), Some("Throttling"));
    assert_eq!(reqs[2].status, 200);
    assert!(reqs.iter().all(|r| r.verified), "every attempt is signed afresh");
    for pair in reqs.windows(2) {
        assert!(pair[1].real_ms >= pair[0].real_ms + 30, "resent before x-acs-retry-after");
    }
    let nonces: std::collections::BTreeSet<_> = reqs
        .iter()
        .map(|r| {
            r.headers.iter().find(|(k, _)| k == "x-acs-signature-nonce").map(|(_, v)| v.clone())
        })
        .collect();
    assert_eq!(nonces.len(), 3, "a new nonce per attempt");
}

#[test]
fn throttling_waits_at_least_the_advertised_delay() {
    let sim = sim();
    sim.inject(Fault::Throttle { calls: 2, retry_after_ms: 600 });
    let out = plugin(&sim, &["list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let reqs = sim.requests();
    assert_eq!(reqs.len(), 3, "two throttled calls absorbed");
    for pair in reqs.windows(2) {
        let waited = pair[1].real_ms - pair[0].real_ms;
        assert!(waited >= 600, "waited {waited} ms, less than x-acs-retry-after 600 ms");
        assert!(waited < 15_000, "waited {waited} ms, far more than advertised");
    }
    assert_eq!(reqs[2].status, 200);
}

#[test]
fn server_errors_are_retried_then_reported() {
    let sim = sim();
    sim.inject(Fault::ServerError { calls: 1, status: 503 });
    let out = plugin(&sim, &["list"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_eq!(sim.call_count(), 2);
    sim.clear_requests();
    sim.inject(Fault::ServerError { calls: 10, status: 500 });
    let out = plugin(&sim, &["list", "--retry-count", "2"]);
    assert_eq!(out.code, Some(1));
    assert!(error_line(&out).starts_with("Error: InternalError: "), "{}", out.stderr);
    assert_eq!(sim.call_count(), 3, "one try and two retries");
    sim.clear_faults();
}

#[test]
fn start_under_throttling_and_5xx_sends_one_client_token() {
    let sim = sim();
    sim.inject(Fault::Throttle { calls: 1, retry_after_ms: 10 });
    sim.inject(Fault::ServerError { calls: 1, status: 500 });
    start_image(&sim, &[]);
    let failed: Vec<_> = sim.requests().into_iter().filter(|r| r.status >= 400).collect();
    assert_eq!(failed.len(), 2, "both faults were met and retried");
    let tokens: std::collections::BTreeSet<_> =
        calls(&sim, "StartExecution").iter().map(|r| r.params["ClientToken"].clone()).collect();
    assert_eq!(tokens.len(), 1);
}

#[test]
fn a_lost_start_response_is_resent_with_the_same_client_token() {
    let sim = sim();
    sim.inject(Fault::DropAfterApply { calls: 1, action: Some("StartExecution".into()) });
    let id = start_image(&sim, &[]);
    let starts = calls(&sim, "StartExecution");
    assert_eq!(starts.len(), 2, "resent once");
    assert_eq!(starts[0].params["ClientToken"], starts[1].params["ClientToken"]);
    assert_eq!(
        sim.world().executions().iter().filter(|e| e.is_parent()).count(),
        1,
        "one execution"
    );
    assert!(sim.world().execution(&id).is_some());
}

#[test]
fn a_lost_approve_is_not_resent() {
    let sim = sim();
    let id = start_image(&sim, &["--batch-number", "3", "--batch-pause-option", "EveryBatchPause"]);
    assert_eq!(plugin(&sim, &["wait", &id]).code, Some(5));
    sim.inject(Fault::DropAfterApply { calls: 1, action: Some("NotifyExecution".into()) });
    let out = plugin(&sim, &["approve", &id]);
    assert_eq!(out.code, Some(1), "{}", out.stderr);
    assert_eq!(
        calls(&sim, "NotifyExecution").len(),
        1,
        "a second Approve could release the next batch"
    );
}
