//! OOS and ESS response parsing: every response type the plugin decodes, any status, any body,
//! with or without `x-acs-retry-after`.
//!
//! Input: one byte choosing the response type, one choosing the HTTP status, a first line that
//! is the `x-acs-retry-after` value (empty for none), then the body. Properties: no panic; a
//! non-2xx status is always an API error carrying that status, whose retry delay is the
//! header's, capped; a 2xx status is never an API error; what decodes answers its paging
//! questions consistently.
#![no_main]

use std::fmt::Debug;
use std::time::Duration;

use libfuzzer_sys::fuzz_target;
use rolling_update_core::api::error::{MAX_RETRY_AFTER, retry_after};
use rolling_update_core::api::ess::{
    DescribeScalingConfigurationsResponse, DescribeScalingGroupsResponse,
    DescribeScalingInstancesResponse, Page,
};
use rolling_update_core::api::oos::{
    Execution, GenerateExecutionPolicyResponse, GetTemplateResponse, ListExecutionLogsResponse,
    ListExecutionsResponse, ListTaskExecutionsResponse, RequestIdResponse, StartExecutionResponse,
};
use rolling_update_core::api::{ResponseError, parse_response};
use serde::de::DeserializeOwned;

const STATUSES: [u16; 12] = [200, 201, 204, 299, 300, 400, 403, 404, 409, 500, 503, 504];

fuzz_target!(|data: &[u8]| {
    let [kind, status, rest @ ..] = data else { return };
    let status = STATUSES[usize::from(*status) % STATUSES.len()];
    let (header, body) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (String::from_utf8_lossy(&rest[..i]).into_owned(), &rest[i + 1..]),
        None => (String::new(), rest),
    };
    let headers: Vec<(&str, &str)> =
        if header.is_empty() { Vec::new() } else { vec![("x-acs-retry-after", header.as_str())] };
    let decoded = Decoded { status, headers: &headers, body };
    match kind % 10 {
        0 => decoded.check::<RequestIdResponse>(|_| ()),
        1 => decoded.check::<StartExecutionResponse>(|r| execution(&r.execution)),
        2 => decoded.check::<ListExecutionsResponse>(|r| {
            r.executions.iter().for_each(execution);
            token_paging(r.has_next_page(), r.next_token.as_deref());
        }),
        3 => decoded.check::<ListTaskExecutionsResponse>(|r| {
            for task in &r.task_executions {
                let _ = (task.is_loop_child(), task.instance_id(), task.status.is_terminal());
            }
            token_paging(r.has_next_page(), r.next_token.as_deref());
        }),
        4 => decoded.check::<ListExecutionLogsResponse>(|r| {
            token_paging(r.has_next_page(), r.next_token.as_deref());
        }),
        5 => decoded.check::<GetTemplateResponse>(|_| ()),
        6 => decoded.check::<GenerateExecutionPolicyResponse>(|_| ()),
        7 => decoded.check::<DescribeScalingGroupsResponse>(|r| page(&r.page)),
        8 => decoded.check::<DescribeScalingConfigurationsResponse>(|r| page(&r.page)),
        _ => decoded.check::<DescribeScalingInstancesResponse>(|r| page(&r.page)),
    }
});

struct Decoded<'a> {
    status: u16,
    headers: &'a [(&'a str, &'a str)],
    body: &'a [u8],
}

impl Decoded<'_> {
    fn check<T: DeserializeOwned + Debug>(&self, inspect: impl FnOnce(&T)) {
        let result = parse_response::<T, _, _>(self.status, self.headers, self.body);
        let success = (200..300).contains(&self.status);
        match &result {
            Ok(value) => {
                assert!(success, "HTTP {} decoded as a success", self.status);
                inspect(value);
                let _ = format!("{value:?}");
            }
            Err(ResponseError::Api(api)) => {
                assert!(!success, "HTTP {} read as an API error: {api}", self.status);
                assert_eq!(api.http_status, self.status);
                let want = retry_after(self.headers);
                assert_eq!(api.retry_after, want, "retry-after of {:?}", self.headers);
                assert!(want.is_none_or(|d| d <= MAX_RETRY_AFTER));
                let text = api.to_string();
                assert!(!text.is_empty());
                let _ = (api.class(), api.retryable(), api.is_throttling());
            }
            Err(err @ ResponseError::Decode { http_status, .. }) => {
                assert!(success, "HTTP {} not read as an API error: {err}", self.status);
                assert_eq!(*http_status, self.status);
                let _ = err.to_string();
            }
            Err(other) => panic!("unexpected error kind {other:?}"),
        }
        if let Err(err) = &result {
            let _ = (err.retryable(), err.retry_after(), err.api_error());
            let delay: Option<Duration> = err.retry_after();
            assert!(delay.is_none_or(|d| d <= MAX_RETRY_AFTER));
        }
    }
}

fn execution(e: &Execution) {
    let _ = (e.parameters_object(), e.outputs_object(), e.status.is_terminal(), e.status.as_str());
}

/// A token page goes on exactly when the token says there is more.
fn token_paging(more: bool, token: Option<&str>) {
    if more {
        assert!(
            token.is_some_and(|t| !t.trim().is_empty()),
            "a next page without a token {token:?}"
        );
    }
}

/// A numbered page goes on to a later page, and never past the total.
fn page(p: &Page) {
    match p.next_page_number() {
        Some(next) => {
            assert!(p.has_next_page());
            let number =
                p.page_number.unwrap_or_else(|| panic!("a next page with no number: {p:?}"));
            assert!(next > number, "{p:?} goes back to page {next}");
            let (total, size) = (p.total_count.unwrap_or(0), p.page_size.unwrap_or(0));
            assert!(size > 0 && number.saturating_mul(size) < total, "{p:?} has no more items");
        }
        None => assert!(!p.has_next_page(), "{p:?} has a next page but no number"),
    }
}
