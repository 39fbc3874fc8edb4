//! The server over real HTTP on 127.0.0.1.

use std::time::{Duration, Instant};

use rolling_update_sim::model::ess::{
    DEMO_CONFIGURATION_ID, DEMO_GROUP_ID, DEMO_NEW_IMAGE, DEMO_OLD_IMAGE,
};
use rolling_update_sim::{FailTarget, Fault, SignatureKind, Sim, SimHandle, TEST_SPEED};
use serde_json::{Value, json};

use super::client::Client;

const IMAGE: &str = "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup";

fn sim() -> SimHandle {
    Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap()
}

fn image_params(pause: &str) -> String {
    json!({
        "invokeType": "invoke",
        "scalingGroupId": DEMO_GROUP_ID,
        "scalingConfigurationId": DEMO_CONFIGURATION_ID,
        "imageId": DEMO_NEW_IMAGE,
        "sourceImageId": DEMO_OLD_IMAGE,
        "batchNumber": 3,
        "batchPauseOption": pause,
    })
    .to_string()
}

fn wait_status(c: &Client, id: &str, want: &[&str]) -> Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let r = c.oos("ListExecutions", &[("RegionId", "cn-hangzhou"), ("ExecutionId", id)]);
        assert_eq!(r.status, 200, "{:?}", r.body);
        let e = r.body["Executions"][0].clone();
        if want.contains(&e["Status"].as_str().unwrap_or("")) {
            return e;
        }
        assert!(Instant::now() < deadline, "still {} waiting for {want:?}", e["Status"]);
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn v3_and_v2_signatures_are_accepted_and_recorded() {
    let sim = sim();
    let c = Client::new(&sim);
    let r = c.ess(
        "DescribeScalingGroups",
        &[("RegionId", "cn-hangzhou"), ("ScalingGroupId.1", DEMO_GROUP_ID)],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.header("x-simulation"), Some("true"));
    let g = &r.body["ScalingGroups"]["ScalingGroup"][0];
    assert_eq!(g["ScalingGroupId"], DEMO_GROUP_ID);
    assert_eq!(g["ActiveScalingConfigurationId"], DEMO_CONFIGURATION_ID);
    assert_eq!(g["LifecycleState"], "Active");
    assert_eq!(r.body["TotalCount"], 1);
    assert!(r.body["RequestId"].is_string());

    let r = c
        .v2(
            "2014-08-28",
            "DescribeScalingInstances",
            &[
                ("RegionId", "cn-hangzhou"),
                ("ScalingGroupId", DEMO_GROUP_ID),
                ("LifecycleStates.1", "InService"),
                ("PageSize", "4"),
            ],
        )
        .unwrap();
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["ScalingInstances"]["ScalingInstance"].as_array().unwrap().len(), 4);
    assert_eq!(
        (r.body["TotalCount"].as_u64(), r.body["PageSize"].as_u64(), r.body["PageNumber"].as_u64()),
        (Some(6), Some(4), Some(1))
    );

    let r = c
        .v2_form(
            "2014-08-28",
            "DescribeScalingConfigurations",
            &[("RegionId", "cn-hangzhou"), ("ScalingConfigurationId.1", DEMO_CONFIGURATION_ID)],
        )
        .unwrap();
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(
        r.body["ScalingConfigurations"]["ScalingConfiguration"][0]["ImageId"],
        DEMO_OLD_IMAGE
    );

    let recs = sim.requests();
    assert_eq!(recs.len(), 3);
    assert_eq!(
        (recs[0].signature, recs[0].verified, recs[0].product.as_str()),
        (SignatureKind::V3, true, "ess")
    );
    assert_eq!((recs[1].signature, recs[1].verified), (SignatureKind::V2, true));
    assert_eq!(recs[1].params["Signature"], "***");
    assert!(recs[0].headers.iter().any(|(k, v)| k == "Authorization" && v == "***"));
    assert_eq!(sim.calls_to("DescribeScalingInstances"), 1);
}

#[test]
fn bad_credentials_and_clocks_are_refused() {
    let sim = sim();
    let good = Client::new(&sim);
    let mut wrong = good.clone();
    wrong.secret = "not-the-secret".into();
    for r in [
        wrong.oos("ListExecutions", &[("RegionId", "cn-hangzhou")]),
        wrong.v2("2019-06-01", "ListExecutions", &[]).unwrap(),
    ] {
        assert_eq!((r.status, r.code()), (403, "SignatureDoesNotMatch"), "{:?}", r.body);
        assert!(r.body["Message"].as_str().unwrap().contains("server string to sign is:"));
        assert!(r.body["HostId"].as_str().unwrap().contains("simulated"));
    }
    let mut unknown = good.clone();
    unknown.id = "LTAIunknown".into();
    let r = unknown.oos("ListExecutions", &[]);
    assert_eq!((r.status, r.code()), (404, "InvalidAccessKeyId.NotFound"));

    let mut late = good.clone();
    late.skew_secs = -20 * 60;
    assert_eq!(late.oos("ListExecutions", &[]).code(), "IllegalTimestamp", "V3 allows 15 minutes");
    assert_eq!(
        late.v2("2019-06-01", "ListExecutions", &[]).unwrap().status,
        200,
        "V2 allows 31 minutes"
    );
    late.skew_secs = -40 * 60;
    let r = late.v2("2019-06-01", "ListExecutions", &[]).unwrap();
    assert_eq!((r.status, r.code()), (400, "IllegalTimestamp"));

    sim.inject(Fault::ClockSkew { seconds: 3600 });
    assert_eq!(good.oos("ListExecutions", &[]).code(), "IllegalTimestamp");
    sim.inject(Fault::ClockSkew { seconds: 0 });
    assert_eq!(good.oos("ListExecutions", &[]).status, 200);

    let mut replay = good.clone();
    replay.fixed_nonce = Some("same-nonce-twice".into());
    assert_eq!(replay.oos("ListExecutions", &[]).status, 200);
    assert_eq!(replay.oos("ListExecutions", &[]).code(), "SignatureNonceUsed");

    let recs = sim.requests();
    assert!(!recs[0].verified && recs[0].code.as_deref() == Some("SignatureDoesNotMatch"));
}

#[test]
fn sts_tokens_are_checked() {
    let sim = Sim::builder()
        .speed(TEST_SPEED)
        .sts_access_key("STS.sim", "sts-secret", "tok-1")
        .demo_groups()
        .start()
        .unwrap();
    let mut c = Client::new(&sim);
    assert_eq!(c.oos("ListExecutions", &[]).code(), "InvalidSecurityToken.MismatchWithAccessKey");
    c.token = Some("tok-1".into());
    assert_eq!(c.oos("ListExecutions", &[]).status, 200);
    assert_eq!(c.v2("2019-06-01", "ListExecutions", &[]).unwrap().status, 200);
    c.token = Some("tok-2".into());
    assert_eq!(c.oos("ListExecutions", &[]).status, 400);
}

#[test]
fn throttling_and_server_errors_on_demand() {
    let sim = sim();
    let c = Client::new(&sim);
    sim.inject(Fault::Throttle { calls: 2, retry_after_ms: 250 });
    for _ in 0..2 {
        let r = c.oos("ListExecutions", &[]);
        assert_eq!((r.status, r.code()), (400, "Throttling"));
        assert_eq!(r.header("x-acs-retry-after"), Some("250"));
    }
    assert_eq!(c.oos("ListExecutions", &[]).status, 200);
    sim.inject(Fault::ServerError { calls: 1, status: 503 });
    let r = c.oos("ListExecutions", &[]);
    assert_eq!((r.status, r.code()), (503, "ServiceUnavailable"));
    sim.inject(Fault::ServerError { calls: 1, status: 500 });
    assert_eq!(c.oos("ListExecutions", &[]).code(), "InternalError");
    assert_eq!(sim.call_count(), 5);
}

#[test]
fn dropped_connection_after_apply_and_client_token_retry() {
    let sim = sim();
    let c = Client::new(&sim);
    sim.inject(Fault::DropAfterApply { calls: 1, action: Some("StartExecution".into()) });
    let params = image_params("Automatic");
    let start = [
        ("RegionId", "cn-hangzhou"),
        ("TemplateName", IMAGE),
        ("Parameters", params.as_str()),
        ("ClientToken", "retry-token-1"),
    ];
    let first = c.v3("2019-06-01", "StartExecution", &start);
    assert!(first.is_err(), "the connection should close without a response");
    let listed = c.oos("ListExecutions", &[]);
    assert_eq!(listed.body["TotalCount"], 1, "the execution was created before the drop");
    let created = listed.body["Executions"][0]["ExecutionId"].as_str().unwrap().to_owned();
    let retry = c.oos("StartExecution", &start);
    assert_eq!(retry.status, 200, "{:?}", retry.body);
    assert_eq!(retry.body["Execution"]["ExecutionId"], created.as_str());
    assert_eq!(c.oos("ListExecutions", &[]).body["TotalCount"], 1);
    assert_eq!(sim.requests()[0].status, 0);
}

#[test]
fn delayed_response() {
    let sim = sim();
    let mut c = Client::new(&sim);
    sim.inject(Fault::Delay { calls: 1, delay_ms: 700 });
    c.timeout = Duration::from_millis(200);
    assert!(c.v3("2019-06-01", "ListExecutions", &[]).is_err(), "client timeout trips");
    c.timeout = Duration::from_secs(5);
    let t = Instant::now();
    assert_eq!(c.oos("ListExecutions", &[]).status, 200);
    assert!(t.elapsed() < Duration::from_millis(500));
}

#[test]
fn full_update_with_pause_over_http() {
    let sim = sim();
    let c = Client::new(&sim);
    let params = image_params("FirstBatchPause");
    let r = c.oos(
        "StartExecution",
        &[
            ("RegionId", "cn-hangzhou"),
            ("TemplateName", IMAGE),
            ("Parameters", params.as_str()),
            ("Tags", r#"{"team":"sim"}"#),
            ("SafetyCheck", "Skip"),
        ],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let e = &r.body["Execution"];
    let id = e["ExecutionId"].as_str().unwrap().to_owned();
    assert!(id.starts_with("exec-"));
    assert_eq!(e["Status"], "Started");
    assert_eq!(e["Parameters"]["batchNumber"], 3, "Parameters is a JSON object");
    assert!(e["StartDate"].as_str().unwrap().ends_with('Z'));

    let waiting = wait_status(&c, &id, &["Waiting"]);
    assert_eq!(waiting["Tags"]["team"], "sim");
    let tasks = c.oos("ListTaskExecutions", &[("ExecutionId", &id), ("Status", "Waiting")]);
    let loop_task = tasks.body["TaskExecutions"][0].clone();
    assert_eq!(loop_task["TaskName"], "invokeByReplaceImage");
    assert_eq!(loop_task["TaskAction"], "ACS::ESS::ReplaceSystemDisk");
    let loop_id = loop_task["TaskExecutionId"].as_str().unwrap().to_owned();
    let r = c.oos(
        "NotifyExecution",
        &[("ExecutionId", &id), ("NotifyType", "Approve"), ("TaskExecutionId", &loop_id)],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let done = wait_status(&c, &id, &["Success", "Failed"]);
    assert_eq!(done["Status"], "Success", "{done}");
    assert!(done["EndDate"].is_string());

    let kids = c.oos(
        "ListTaskExecutions",
        &[("ExecutionId", &id), ("ParentTaskExecutionId", &loop_id), ("MaxResults", "4")],
    );
    let items = kids.body["TaskExecutions"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["LoopBatchNumber"], 1);
    assert_eq!(items[0]["ParentTaskExecutionId"], loop_id.as_str());
    let next = kids.body["NextToken"].as_str().unwrap();
    assert!(!next.is_empty());
    let rest = c.oos(
        "ListTaskExecutions",
        &[
            ("ExecutionId", &id),
            ("ParentTaskExecutionId", &loop_id),
            ("MaxResults", "4"),
            ("NextToken", next),
        ],
    );
    assert_eq!(rest.body["TaskExecutions"].as_array().unwrap().len(), 2);
    assert_eq!(rest.body["NextToken"], "");
    let child_id = items[0]["ChildExecutionId"].as_str().unwrap();
    let child = c.oos("ListExecutions", &[("ParentExecutionId", &id)]);
    assert_eq!(child.body["TotalCount"], 6);
    let child0 = child.body["Executions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["ExecutionId"] == child_id)
        .unwrap();
    assert_eq!(child0["ParentExecutionId"], id.as_str());
    assert!(child0["Parameters"]["instanceId"].as_str().unwrap().starts_with("i-"));

    let logs = c.oos("ListExecutionLogs", &[("ExecutionId", &id)]);
    assert!(logs.body["ExecutionLogs"].as_array().unwrap().len() > 3);
    let groups = c.ess(
        "DescribeScalingConfigurations",
        &[("RegionId", "cn-hangzhou"), ("ScalingGroupId", DEMO_GROUP_ID)],
    );
    assert_eq!(
        groups.body["ScalingConfigurations"]["ScalingConfiguration"][0]["ImageId"],
        DEMO_NEW_IMAGE
    );
    assert!(
        sim.world()
            .instances()
            .iter()
            .filter(|i| i.scaling_group_id == DEMO_GROUP_ID)
            .all(|i| i.image_id == DEMO_NEW_IMAGE)
    );
}

#[test]
fn injected_instance_failure_over_http() {
    let sim = sim();
    let c = Client::new(&sim);
    sim.inject(Fault::FailInstance(FailTarget::Nth(1)));
    let params = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID, "invokeScript": "echo hi", "batchNumber": 2}).to_string();
    let r = c.oos(
        "StartExecution",
        &[
            ("TemplateName", "ACS-ESS-RollingUpdateByRunCommandInScalingGroup"),
            ("Parameters", &params),
        ],
    );
    let id = r.body["Execution"]["ExecutionId"].as_str().unwrap().to_owned();
    let e = wait_status(&c, &id, &["Failed", "Success"]);
    assert_eq!(e["Status"], "Failed");
    let standby = c.ess(
        "DescribeScalingInstances",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ScalingGroupId", DEMO_GROUP_ID),
            ("LifecycleStates.1", "Standby"),
        ],
    );
    assert_eq!(standby.body["TotalCount"], 1);
    let g = c.ess("DescribeScalingGroups", &[("RegionId", "cn-hangzhou")]);
    let suspended =
        &g.body["ScalingGroups"]["ScalingGroup"][0]["SuspendedProcesses"]["SuspendedProcess"];
    assert_eq!(suspended.as_array().unwrap().len(), 5);
}

#[test]
fn errors_for_bad_input_never_panics() {
    let sim = sim();
    let c = Client::new(&sim);
    let r = c.oos("NoSuchAction", &[]);
    assert_eq!((r.status, r.code()), (400, "InvalidParameter"));
    let bad = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID, "imageId": "x", "batchNumber": 500}).to_string();
    let r = c.oos("StartExecution", &[("TemplateName", IMAGE), ("Parameters", &bad)]);
    assert_eq!(r.code(), "InvalidParameter");
    assert!(r.body["Message"].as_str().unwrap().contains("batchNumber"));
    let r = c.oos("StartExecution", &[("TemplateName", IMAGE), ("Parameters", "{not json")]);
    assert_eq!(r.code(), "InvalidParameter");
    let r = c.oos(
        "StartExecution",
        &[("TemplateName", IMAGE), ("Parameters", r#"{"invokeType":"invoke"}"#)],
    );
    assert_eq!(r.code(), "MissingParameter");
    let r = c.oos("GetTemplate", &[("TemplateName", "ACS-Nope")]);
    assert_eq!((r.status, r.code()), (404, "EntityNotExists.Template"));
    let r = c.oos("GetTemplate", &[("TemplateName", IMAGE)]);
    assert_eq!(r.body["Template"]["TemplateName"], IMAGE);
    assert!(r.body["Content"].as_str().unwrap().contains("batchNumber"));
    let r = c.oos("ListExecutionLogs", &[("ExecutionId", "exec-none")]);
    assert_eq!((r.status, r.code()), (404, "EntityNotExists.Execution"));
    let r = c.oos("CancelExecution", &[("ExecutionId", "exec-none")]);
    assert_eq!(r.code(), "EntityNotExists.Execution");
    let r = c.oos("ListExecutions", &[("MaxResults", "abc")]);
    assert_eq!(r.code(), "InvalidParameter");
    let r = c.oos("ListExecutions", &[("NextToken", "garbage")]);
    assert_eq!(r.code(), "InvalidParameter");
    let r = c.ess("DescribeScalingGroups", &[]);
    assert_eq!(r.code(), "MissingParameter");
    let r = c.send("POST", "Action=ListExecutions", &[], b"").unwrap();
    assert_eq!(r.code(), "IncompleteSignature");
    for raw in [
        &b"GARBAGE\r\n\r\n"[..],
        b"POST / HTTP/1.1\r\nContent-Length: nope\r\n\r\n",
        b"POST / HTTP/1.1\r\nBroken header\r\n\r\n",
    ] {
        let r = c.raw(raw).unwrap();
        assert_eq!(r.status, 400);
        assert!(r.body["HostId"].as_str().unwrap().contains("simulated"));
    }
    assert_eq!(c.oos("ListExecutions", &[]).status, 200, "still serving");
}

#[test]
fn generate_execution_policy_reports_missing_permissions() {
    let sim = Sim::builder()
        .speed(TEST_SPEED)
        .missing_permissions("SIMULATEDACCESSKEYID", &["ecs:RunCommand"])
        .start()
        .unwrap();
    let c = Client::new(&sim);
    let r = c.oos(
        "GenerateExecutionPolicy",
        &[("TemplateName", "ACS-ESS-RollingUpdateByRunCommandInScalingGroup")],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let policy: Value = serde_json::from_str(r.body["Policy"].as_str().unwrap()).unwrap();
    assert!(
        policy["Statement"][0]["Action"].as_array().unwrap().contains(&json!("ess:EnterStandby"))
    );
    let missing: Value = serde_json::from_str(r.body["MissingPolicy"].as_str().unwrap()).unwrap();
    assert_eq!(missing["Statement"][0]["Action"], json!(["ecs:RunCommand"]));
}

#[test]
fn control_endpoint_injects_and_reports() {
    let sim = sim();
    let c = Client::new(&sim);
    let r = c.send("POST", "", &[], b"").unwrap();
    assert_eq!(r.status, 400);
    let r = c.raw(b"POST /_sim/fault?kind=throttle&calls=1&retry_after_ms=99 HTTP/1.1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(c.oos("ListExecutions", &[]).header("x-acs-retry-after"), Some("99"));
    let r = c.raw(b"GET /_sim/state HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!(r.body["Simulation"], true);
    assert_eq!(
        r.body["Instances"].as_array().unwrap().len(),
        13,
        "6 + 4 ECS instances and 3 ECI ones"
    );
    let r = c.raw(b"POST /_sim/fault?kind=bogus HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!(r.status, 400);
}

#[test]
fn keep_alive_serves_several_requests_on_one_connection() {
    let sim = sim();
    let c = Client::new(&sim);
    let one = b"GET /_sim/state HTTP/1.1\r\nHost: x\r\n\r\n";
    let two = b"GET /_sim/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    let mut stream = std::net::TcpStream::connect(c.addr).unwrap();
    use std::io::{Read, Write};
    stream.write_all(&[&one[..], &two[..]].concat()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    assert_eq!(out.matches("HTTP/1.1 200 OK").count(), 2);
}

#[test]
fn garbage_bytes_get_an_error_not_a_crash() {
    let sim = sim();
    let c = Client::new(&sim);
    proptest::proptest!(proptest::prelude::ProptestConfig::with_cases(48), |(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300))| {
        let mut raw = bytes.clone();
        raw.extend_from_slice(b"\r\n\r\n");
        // Either an HTTP answer or a closed connection; the server must keep serving.
        let _ = c.raw(&raw);
    });
    assert_eq!(c.oos("ListExecutions", &[]).status, 200);
}

#[test]
fn second_update_of_a_busy_group_fails_at_once() {
    let sim = sim();
    let c = Client::new(&sim);
    let params = image_params("FirstBatchPause");
    let start = [("TemplateName", IMAGE), ("Parameters", params.as_str())];
    let first = c.oos("StartExecution", &start);
    let second = c.oos("StartExecution", &start);
    assert_eq!(second.status, 200);
    let e = &second.body["Execution"];
    assert_eq!(e["Status"], "Failed");
    assert!(
        e["StatusMessage"]
            .as_str()
            .unwrap()
            .contains(first.body["Execution"]["ExecutionId"].as_str().unwrap())
    );
    let id = first.body["Execution"]["ExecutionId"].as_str().unwrap();
    wait_status(&c, id, &["Waiting"]);
    assert_eq!(c.oos("CancelExecution", &[("ExecutionId", id)]).status, 200);
    assert_eq!(wait_status(&c, id, &["Cancelled"])["Status"], "Cancelled");
}

#[test]
fn v3_form_body_is_hashed_and_read() {
    let sim = sim();
    let c = Client::new(&sim);
    let body = b"RegionId=cn-hangzhou&ScalingGroupId.1=asg-bp1sim0demo0000000001";
    let r = c.v3_body("2014-08-28", "DescribeScalingGroups", &[], body, None).unwrap();
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["TotalCount"], 1);
    let wrong = rolling_update_sim::sign::EMPTY_SHA256;
    let r = c.v3_body("2014-08-28", "DescribeScalingGroups", &[], body, Some(wrong)).unwrap();
    assert_eq!((r.status, r.code()), (403, "SignatureDoesNotMatch"));
}

/// The shape `aliyun oos StartExecution --force --version 2019-06-01` may take: an RPC
/// HMAC-SHA1 request with every flag in the query, over GET or POST, with a long JSON value.
#[test]
fn v2_start_execution_with_parameters_in_the_query_over_get_and_post() {
    let sim = sim();
    let c = Client::new(&sim);
    let script = "#!/bin/bash\necho \"it's a 'quoted' $HOME & 100% ok\"\n".repeat(40);
    let parameters = json!({
        "invokeType": "invoke",
        "scalingGroupId": DEMO_GROUP_ID,
        "invokeScript": script,
        "batchNumber": 2,
    })
    .to_string();
    for (i, send) in [Client::v2_get, Client::v2].into_iter().enumerate() {
        let token = format!("v2-query-{i}");
        let r = send(
            &c,
            "2019-06-01",
            "StartExecution",
            &[
                ("RegionId", "cn-hangzhou"),
                ("TemplateName", "ACS-ESS-RollingUpdateByRunCommandInScalingGroup"),
                ("Parameters", &parameters),
                ("ClientToken", &token),
            ],
        )
        .unwrap();
        assert_eq!(r.status, 200, "request {i}: {:?}", r.body);
        let recorded = sim.requests().into_iter().last().unwrap();
        assert!(recorded.verified && recorded.signature == SignatureKind::V2, "{recorded:?}");
        let sent: Value = serde_json::from_str(&recorded.params["Parameters"]).unwrap();
        assert_eq!(sent, serde_json::from_str::<Value>(&parameters).unwrap(), "request {i}");
    }
}
