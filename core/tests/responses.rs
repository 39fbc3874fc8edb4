//! Every response fixture under `tests/fixtures/responses/` parses into its typed response, and
//! every error fixture into the right error class.

use std::time::Duration;

use rolling_update_core::api::ess::{
    DescribeScalingConfigurationsResponse, DescribeScalingGroupsResponse,
    DescribeScalingInstancesResponse,
};
use rolling_update_core::api::oos::{
    GenerateExecutionPolicyResponse, GetTemplateResponse, ListExecutionLogsResponse,
    ListExecutionsResponse, ListTaskExecutionsResponse, RequestIdResponse, StartExecutionResponse,
};
use rolling_update_core::api::response::Status;
use rolling_update_core::api::{ErrorClass, ResponseError, parse_response};
use serde::de::DeserializeOwned;

macro_rules! fixture {
    ($path:literal) => {
        include_str!(concat!("fixtures/responses/", $path))
    };
}

const NO_HEADERS: &[(&str, &str)] = &[];

fn ok<T: DeserializeOwned>(body: &str) -> T {
    match parse_response(200, NO_HEADERS, body.as_bytes()) {
        Ok(value) => value,
        Err(e) => panic!("fixture does not parse: {e}"),
    }
}

#[test]
fn start_execution() {
    let r: StartExecutionResponse = ok(fixture!("oos/start-execution.json"));
    assert_eq!(r.execution.execution_id, "exec-7a1b2c3d4e5f60001");
    assert_eq!(r.execution.status, Status::Started);
    assert_eq!(r.execution.is_parent, Some(false));
    let params = r.execution.parameters_object().expect("Parameters as a JSON string");
    assert_eq!(params["batchNumber"], 2);
    assert!(r.execution.outputs_object().expect("Outputs").is_empty());
}

#[test]
fn list_executions_pages() {
    let p1: ListExecutionsResponse = ok(fixture!("oos/list-executions-page1.json"));
    assert!(p1.has_next_page());
    assert_eq!(p1.next_token.as_deref(), Some("eyJvZmZzZXQiOjJ9"));
    assert_eq!(p1.executions.len(), 2);
    assert_eq!(p1.executions[0].status, Status::Waiting);
    assert_eq!(p1.executions[0].waiting_status.as_deref(), Some("BatchPause"));
    assert_eq!(p1.executions[0].current_tasks[0].task_execution_id.as_deref(), Some("task-loop-1"));
    // Parameters as an object here, as a string on page 2: the helper reads both.
    let child = p1.executions[1].parameters_object().expect("object");
    assert_eq!(child["instanceId"], "i-bp1aaa");

    let p2: ListExecutionsResponse = ok(fixture!("oos/list-executions-page2.json"));
    assert!(!p2.has_next_page());
    let e = &p2.executions[0];
    assert_eq!(e.status, Status::Other("Hibernating".into()));
    assert!(!e.status.is_terminal());
    assert_eq!(e.parameters_object().expect("string")["instanceId"], "i-bp1bbb");
    assert_eq!(p1.total_count, Some(3));
}

#[test]
fn list_task_executions_pages() {
    let p1: ListTaskExecutionsResponse = ok(fixture!("oos/list-task-executions-page1.json"));
    assert!(p1.has_next_page());
    let [parent, done, failed] = &p1.task_executions[..] else { panic!("three tasks expected") };
    assert!(!parent.is_loop_child());
    assert!(parent.loop_info.is_object());
    assert_eq!(done.loop_batch_number, Some(1));
    assert_eq!(done.instance_id().as_deref(), Some("i-bp1aaa"));
    assert_eq!(failed.status, Status::Failed);
    assert_eq!(failed.status_message.as_deref(), Some("ExitCode is 1"));

    let p2: ListTaskExecutionsResponse = ok(fixture!("oos/list-task-executions-page2.json"));
    assert!(!p2.has_next_page());
    let t = &p2.task_executions[0];
    assert_eq!(t.loop_batch_number, Some(2), "a batch number sent as a string");
    assert_eq!(t.instance_id().as_deref(), Some("i-bp1ccc"), "a bare LoopItem");
}

#[test]
fn small_oos_responses() {
    let n: RequestIdResponse = ok(fixture!("oos/notify-execution.json"));
    assert_eq!(n.request_id.as_deref(), Some("r-notify"));
    let c: RequestIdResponse = ok(fixture!("oos/cancel-execution.json"));
    assert_eq!(c.request_id.as_deref(), Some("r-cancel"));
    let t: GetTemplateResponse = ok(fixture!("oos/get-template.json"));
    assert!(t.content.as_deref().is_some_and(|c| c.starts_with("FormatVersion")));
    assert_eq!(t.template.template_format.as_deref(), Some("YAML"));
    let l: ListExecutionLogsResponse = ok(fixture!("oos/list-execution-logs.json"));
    assert_eq!(l.execution_logs.len(), 2);
    assert_eq!(l.is_truncated, Some(false));
    assert!(!l.has_next_page());
    let p: GenerateExecutionPolicyResponse = ok(fixture!("oos/generate-execution-policy.json"));
    let policy: serde_json::Value =
        serde_json::from_str(p.policy.as_deref().expect("policy")).expect("policy is JSON");
    assert_eq!(policy["Version"], "1");
    assert!(p.missing_policy.is_some());
}

#[test]
fn ess_scaling_groups_pages() {
    let p1: DescribeScalingGroupsResponse = ok(fixture!("ess/describe-scaling-groups-page1.json"));
    assert_eq!(p1.scaling_groups.len(), 2);
    assert!(p1.page.has_next_page());
    assert_eq!(p1.page.next_page_number(), Some(2));
    let g = &p1.scaling_groups[0];
    assert_eq!(g.suspended_processes, ["ScaleIn"]);
    assert_eq!(g.vswitch_ids, ["vsw-1", "vsw-2"]);
    assert_eq!(g.launch_template_id, None);
    assert_eq!(p1.scaling_groups[1].launch_template_version.as_deref(), Some("Default"));

    let p2: DescribeScalingGroupsResponse = ok(fixture!("ess/describe-scaling-groups-page2.json"));
    assert!(!p2.page.has_next_page());
    assert_eq!(p2.scaling_groups[0].total_capacity, Some(6));
}

#[test]
fn ess_configurations_and_instances() {
    let c: DescribeScalingConfigurationsResponse =
        ok(fixture!("ess/describe-scaling-configurations.json"));
    assert_eq!(
        c.scaling_configurations[0].image_id.as_deref(),
        Some("aliyun_3_x64_20G_alibase_20250101.vhd")
    );
    let i: DescribeScalingInstancesResponse = ok(fixture!("ess/describe-scaling-instances.json"));
    let ids: Vec<&str> = i.scaling_instances.iter().map(|x| x.instance_id.as_str()).collect();
    assert_eq!(ids, ["i-bp1aaa", "i-bp1bbb"]);
    assert_eq!(i.scaling_instances[0].entrusted, Some(true));
    let bare: DescribeScalingInstancesResponse =
        ok(fixture!("ess/describe-scaling-instances-bare.json"));
    assert_eq!(bare.scaling_instances[0].lifecycle_state.as_deref(), Some("Standby"));
}

fn api_error(
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> rolling_update_core::api::ApiError {
    match parse_response::<RequestIdResponse, _, _>(status, headers, body.as_bytes()) {
        Err(ResponseError::Api(e)) => *e,
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[test]
fn error_fixtures_are_classified() {
    let cases: [(u16, &str, ErrorClass, bool); 7] = [
        (400, fixture!("errors/throttling.json"), ErrorClass::Throttling, true),
        (500, fixture!("errors/server-500.json"), ErrorClass::Server, true),
        (503, fixture!("errors/service-unavailable-503.json"), ErrorClass::Server, true),
        (400, fixture!("errors/signature.json"), ErrorClass::Signature, false),
        (403, fixture!("errors/permission.json"), ErrorClass::Permission, false),
        (400, fixture!("errors/parameter.json"), ErrorClass::Parameter, false),
        (404, fixture!("errors/entity-not-exists.json"), ErrorClass::NotFound, false),
    ];
    for (status, body, class, retryable) in cases {
        let e = api_error(status, NO_HEADERS, body);
        assert_eq!(e.class(), class, "{e}");
        assert_eq!(e.retryable(), retryable, "{e}");
        assert!(e.request_id.is_some() && e.host_id.is_some() && e.recommend.is_some(), "{e:?}");
    }
}

#[test]
fn throttling_carries_retry_after() {
    let headers = [("content-type", "application/json"), ("X-Acs-Retry-After", "3500")];
    let e = api_error(400, &headers, fixture!("errors/throttling.json"));
    assert_eq!(e.retry_after, Some(Duration::from_millis(3500)));
    assert_eq!(
        e.to_string(),
        "Throttling.User: Request was denied due to user flow control. (RequestId r-e1)"
    );
}

#[test]
fn success_status_with_a_bad_body_is_a_decode_error() {
    let r = parse_response::<ListExecutionsResponse, _, _>(200, NO_HEADERS, b"<xml/>");
    assert!(matches!(r, Err(ResponseError::Decode { http_status: 200, .. })));
    let r = parse_response::<ListExecutionsResponse, _, _>(200, NO_HEADERS, b"[1]");
    assert!(matches!(r, Err(ResponseError::Decode { .. })));
}
