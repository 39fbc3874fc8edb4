//! Instance refresh over real HTTP on 127.0.0.1: the ESS actions with their flattened
//! parameters, answer shapes, paging, refusals as HTTP errors and faults from `/_sim/fault`.

use std::time::{Duration, Instant};

use rolling_update_sim::model::ess::{
    DEMO_CONFIGURATION_ID, DEMO_GROUP_ID, DEMO_LT_GROUP_ID, DEMO_NEW_IMAGE,
};
use rolling_update_sim::{GroupSpec, Sim, SimHandle, TEST_SPEED};
use serde_json::Value;

use super::client::{Client, Resp};

const REGION: (&str, &str) = ("RegionId", "cn-hangzhou");

/// Extra StartInstanceRefresh parameters, the HTTP status and the error code they get.
type Case<'a> = (&'a [(&'a str, &'a str)], u16, &'a str);

fn sim() -> SimHandle {
    Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap()
}

fn start(c: &Client, extra: &[(&str, &str)]) -> Resp {
    let mut params = vec![REGION, ("ScalingGroupId", DEMO_GROUP_ID)];
    params.extend_from_slice(extra);
    c.ess("StartInstanceRefresh", &params)
}

fn describe(c: &Client, id: &str) -> Value {
    let r = c.ess("DescribeInstanceRefreshes", &[REGION, ("InstanceRefreshTaskIds.1", id)]);
    assert_eq!(r.status, 200, "{:?}", r.body);
    r.body["InstanceRefreshTasks"][0].clone()
}

fn wait_for(c: &Client, id: &str, want: &str) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let t = describe(c, id);
        if t["Status"] == want {
            return t;
        }
        assert!(Instant::now() < deadline, "still {} waiting for {want}", t["Status"]);
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn control(c: &Client, action: &str, id: &str) -> Resp {
    c.ess(action, &[REGION, ("ScalingGroupId", DEMO_GROUP_ID), ("InstanceRefreshTaskId", id)])
}

#[test]
fn a_refresh_over_http_answers_every_field_and_changes_the_group() {
    let sim = sim();
    let c = Client::new(&sim);
    let r = start(
        &c,
        &[
            ("DesiredConfiguration.ImageId", DEMO_NEW_IMAGE),
            ("MinHealthyPercentage", "100"),
            ("MaxHealthyPercentage", "150"),
            ("SkipMatching", "false"),
            ("Checkpoints.1.Percentage", "50"),
            ("Checkpoints.2.Percentage", "100"),
            ("CheckpointPauseTime", "1"),
        ],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.header("x-simulation"), Some("true"));
    let id = r.body["InstanceRefreshTaskId"].as_str().unwrap().to_owned();
    assert!(id.starts_with("ir-"), "{id}");
    let t = describe(&c, &id);
    for (key, want) in [
        ("ScalingGroupId", Value::from(DEMO_GROUP_ID)),
        ("RegionId", "cn-hangzhou".into()),
        ("TotalNeedUpdateCapacity", 6.into()),
        ("MinHealthyPercentage", 100.into()),
        ("MaxHealthyPercentage", 150.into()),
        ("SkipMatching", false.into()),
        ("CheckpointPauseTime", 1.into()),
    ] {
        assert_eq!(t[key], want, "{key} in {t}");
    }
    assert_eq!(t["Checkpoints"][1]["Percentage"], 100);
    assert_eq!(t["DesiredConfiguration"]["ImageId"], DEMO_NEW_IMAGE);
    assert!(t["StartTime"].as_str().unwrap().ends_with('Z'));
    // The checkpoint pause is seen by polling before it resumes by itself (1 min = 0.6 s).
    let paused = wait_for(&c, &id, "CheckpointPause");
    assert_eq!(paused["FinishedUpdateCapacity"], 3);
    let done = wait_for(&c, &id, "Successful");
    assert_eq!(done["FinishedUpdateCapacity"], 6);
    assert!(done["EndTime"].is_string());

    let g = c.ess("DescribeScalingGroups", &[REGION, ("ScalingGroupId.1", DEMO_GROUP_ID)]);
    let group = &g.body["ScalingGroups"]["ScalingGroup"][0];
    assert_eq!(group["MultiAZPolicy"], "PRIORITY");
    let active = group["ActiveScalingConfigurationId"].as_str().unwrap().to_owned();
    assert_ne!(active, DEMO_CONFIGURATION_ID);
    let sc =
        c.ess("DescribeScalingConfigurations", &[REGION, ("ScalingConfigurationId.1", &active)]);
    assert_eq!(
        sc.body["ScalingConfigurations"]["ScalingConfiguration"][0]["ImageId"],
        DEMO_NEW_IMAGE
    );
    let si = c.ess(
        "DescribeScalingInstances",
        &[REGION, ("ScalingGroupId", DEMO_GROUP_ID), ("ScalingConfigurationId", &active)],
    );
    assert_eq!(si.body["TotalCount"], 6);

    let a = c.ess(
        "DescribeScalingActivities",
        &[REGION, ("ScalingGroupId", DEMO_GROUP_ID), ("InstanceRefreshTaskId", &id)],
    );
    assert_eq!(a.status, 200, "{:?}", a.body);
    let list = a.body["ScalingActivities"]["ScalingActivity"].as_array().unwrap();
    // 100/150 on six: keep 6, at most 9, so three at a time, stopping at the 50 % checkpoint.
    assert_eq!(list.len(), 2, "{list:?}");
    for act in list {
        assert_eq!(act["StatusCode"], "Successful");
        assert_eq!(act["InstanceRefreshTaskId"], id.as_str());
        assert_eq!(act["CreatedInstances"].as_array().unwrap().len(), 3);
        assert_eq!(act["DestroyedInstances"].as_array().unwrap().len(), 3);
        assert!(act["Description"].as_str().unwrap().contains("simulated"));
    }
}

#[test]
fn suspend_resume_cancel_and_rollback_over_http() {
    let sim = sim();
    let c = Client::new(&sim);
    let r = start(
        &c,
        &[
            ("DesiredConfiguration.ImageId", DEMO_NEW_IMAGE),
            ("Checkpoints.1.Percentage", "30"),
            ("Checkpoints.2.Percentage", "100"),
        ],
    );
    let id = r.body["InstanceRefreshTaskId"].as_str().unwrap().to_owned();
    wait_for(&c, &id, "CheckpointPause");
    let r = control(&c, "SuspendInstanceRefresh", &id);
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(describe(&c, &id)["Status"], "Paused");
    assert_eq!(control(&c, "ResumeInstanceRefresh", &id).status, 200);
    assert_ne!(describe(&c, &id)["Status"], "Paused");
    let r = control(&c, "RollbackInstanceRefresh", &id);
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(describe(&c, &id)["Status"], "RollbackInProgress");
    let r = control(&c, "CancelInstanceRefresh", &id);
    assert_eq!((r.status, r.code()), (400, "IncorrectInstanceRefreshTaskStatus"), "{:?}", r.body);
    wait_for(&c, &id, "RollbackSuccessful");
    let g = c.ess("DescribeScalingGroups", &[REGION, ("ScalingGroupId.1", DEMO_GROUP_ID)]);
    assert_eq!(
        g.body["ScalingGroups"]["ScalingGroup"][0]["ActiveScalingConfigurationId"],
        DEMO_CONFIGURATION_ID
    );

    let r = start(
        &c,
        &[
            ("DesiredConfiguration.ScalingConfigurationId", DEMO_CONFIGURATION_ID),
            ("SkipMatching", "false"),
        ],
    );
    let id = r.body["InstanceRefreshTaskId"].as_str().unwrap().to_owned();
    assert_eq!(control(&c, "CancelInstanceRefresh", &id).status, 200);
    assert_eq!(describe(&c, &id)["Status"], "Cancelling");
    wait_for(&c, &id, "Cancelled");
    let r = control(&c, "ResumeInstanceRefresh", "ir-unknown");
    assert_eq!((r.status, r.code()), (404, "InvalidInstanceRefreshTaskId.NotFound"));
    let r = c.ess("SuspendInstanceRefresh", &[REGION, ("ScalingGroupId", DEMO_GROUP_ID)]);
    assert_eq!((r.status, r.code()), (400, "MissingParameter"));
}

#[test]
fn refusals_are_http_errors_with_codes() {
    let sim = Sim::builder()
        .speed(0.0)
        .demo_groups()
        .group(GroupSpec::new("asg-balance", "balanced").with_multi_az_policy("BALANCE"))
        .start()
        .unwrap();
    let c = Client::new(&sim);
    let cases: &[Case<'_>] = &[
        (&[("MinHealthyPercentage", "101")], 400, "InvalidParameter"),
        (&[("MaxHealthyPercentage", "99")], 400, "InvalidParameter"),
        (&[("MaxHealthyPercentage", "x")], 400, "InvalidParameter"),
        (&[("CheckpointPauseTime", "2881")], 400, "InvalidParameter"),
        (&[("SkipMatching", "maybe")], 400, "InvalidParameter"),
        (
            &[("Checkpoints.1.Percentage", "60"), ("Checkpoints.2.Percentage", "40")],
            400,
            "InvalidParameter",
        ),
        (&[("Checkpoints.1.Percentage", "60")], 400, "InvalidParameter"),
        (
            &[
                ("DesiredConfiguration.ImageId", DEMO_NEW_IMAGE),
                ("DesiredConfiguration.LaunchTemplateId", "lt-x"),
            ],
            400,
            "InvalidParameter.Conflict",
        ),
    ];
    for (extra, status, code) in cases {
        let r = start(&c, extra);
        assert_eq!((r.status, r.code()), (*status, *code), "{extra:?}: {:?}", r.body);
        assert!(!r.body["Message"].as_str().unwrap_or("").is_empty());
    }
    let r = c.ess(
        "StartInstanceRefresh",
        &[
            REGION,
            ("ScalingGroupId", DEMO_LT_GROUP_ID),
            ("DesiredConfiguration.ImageId", DEMO_NEW_IMAGE),
        ],
    );
    assert_eq!((r.status, r.code()), (400, "InvalidParameter.Conflict"));
    let r = c.ess("StartInstanceRefresh", &[REGION, ("ScalingGroupId", "asg-balance")]);
    assert_eq!((r.status, r.code()), (400, "OperationDenied.MultiAZPolicy"), "{:?}", r.body);
    let first = start(&c, &[]);
    assert_eq!(first.status, 200);
    let r = start(&c, &[]);
    assert_eq!((r.status, r.code()), (400, "IncorrectScalingGroupStatus"));
    let r = c.ess("StartInstanceRefresh", &[REGION]);
    assert_eq!((r.status, r.code()), (400, "MissingParameter"));
}

#[test]
fn describe_pages_by_next_token_and_a_client_token_is_idempotent() {
    let mut builder = Sim::builder().speed(0.0);
    for n in 0..5 {
        builder =
            builder.group(GroupSpec::new(&format!("asg-page{n}"), "paged").with_configuration(
                &format!("asc-page{n}"),
                "img",
                "key",
            ));
    }
    let sim = builder.start().unwrap();
    let c = Client::new(&sim);
    let mut ids = Vec::new();
    for n in 0..5 {
        let g = format!("asg-page{n}");
        let token = format!("token-{n}");
        let params = [REGION, ("ScalingGroupId", g.as_str()), ("ClientToken", token.as_str())];
        let r = c.ess("StartInstanceRefresh", &params);
        assert_eq!(r.status, 200, "{:?}", r.body);
        let again = c.ess("StartInstanceRefresh", &params);
        assert_eq!(again.body["InstanceRefreshTaskId"], r.body["InstanceRefreshTaskId"]);
        ids.push(r.body["InstanceRefreshTaskId"].as_str().unwrap().to_owned());
    }
    let r = c.ess(
        "StartInstanceRefresh",
        &[
            REGION,
            ("ScalingGroupId", "asg-page0"),
            ("ClientToken", "token-0"),
            ("MinHealthyPercentage", "10"),
        ],
    );
    assert_eq!((r.status, r.code()), (400, "IdempotentParameterMismatch"));

    let mut seen = Vec::new();
    let mut token = String::new();
    for _ in 0..5 {
        let mut params = vec![REGION, ("MaxResults", "2")];
        if !token.is_empty() {
            params.push(("NextToken", token.as_str()));
        }
        let r = c.ess("DescribeInstanceRefreshes", &params);
        assert_eq!(r.status, 200, "{:?}", r.body);
        assert_eq!(r.body["TotalCount"], 5);
        for t in r.body["InstanceRefreshTasks"].as_array().unwrap() {
            seen.push(t["InstanceRefreshTaskId"].as_str().unwrap().to_owned());
        }
        token = r.body["NextToken"].as_str().unwrap().to_owned();
        if token.is_empty() {
            break;
        }
    }
    ids.reverse();
    assert_eq!(seen, ids, "newest first, every task once");
    let r = c.ess("DescribeInstanceRefreshes", &[REGION, ("MaxResults", "51")]);
    assert_eq!((r.status, r.code()), (400, "InvalidParameter"));
    let r = c.ess("DescribeInstanceRefreshes", &[REGION, ("ScalingGroupId", "asg-page3")]);
    assert_eq!(r.body["InstanceRefreshTasks"][0]["InstanceRefreshTaskId"], ids[1].as_str());
}

#[test]
fn faults_from_the_control_endpoint_fail_a_batch_or_make_it_unhealthy() {
    let sim = sim();
    let c = Client::new(&sim);
    let r = c
        .raw(b"POST /_sim/fault?kind=refresh-unhealthy&batch=1 HTTP/1.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(r.status, 200, "{:?}", r.body);
    let r = c
        .raw(b"POST /_sim/fault?kind=refresh-fail&batch=2 HTTP/1.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(r.status, 200, "{:?}", r.body);
    let r = c
        .raw(b"POST /_sim/fault?kind=refresh-fail&batch=x HTTP/1.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(r.status, 400, "{:?}", r.body);
    let r = start(&c, &[("DesiredConfiguration.ImageId", DEMO_NEW_IMAGE)]);
    let id = r.body["InstanceRefreshTaskId"].as_str().unwrap().to_owned();
    let t = wait_for(&c, &id, "Failed");
    assert!(t["Detail"].as_str().unwrap().contains("simulated fault"), "{t}");
    let unhealthy = c.ess(
        "DescribeScalingInstances",
        &[REGION, ("ScalingGroupId", DEMO_GROUP_ID), ("HealthStatus", "Unhealthy")],
    );
    assert_eq!(unhealthy.body["TotalCount"], 2, "{:?}", unhealthy.body);
    let a = c.ess(
        "DescribeScalingActivities",
        &[REGION, ("ScalingGroupId", DEMO_GROUP_ID), ("StatusCode", "Failed")],
    );
    assert_eq!(a.body["TotalCount"], 1, "{:?}", a.body);
    assert_eq!(control(&c, "RollbackInstanceRefresh", &id).status, 200);
    wait_for(&c, &id, "RollbackSuccessful");
    let state = c.raw(b"GET /_sim/state HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
    assert_eq!(state.body["InstanceRefreshTasks"][0]["status"], "RollbackSuccessful");
}

#[test]
fn flattened_launch_template_and_container_parameters_are_read_and_echoed() {
    use rolling_update_sim::model::ess::DEMO_ECI_GROUP_ID;
    let sim = sim();
    let c = Client::new(&sim);
    let r = c.ess(
        "StartInstanceRefresh",
        &[
            REGION,
            ("ScalingGroupId", DEMO_LT_GROUP_ID),
            ("DesiredConfiguration.LaunchTemplateId", "lt-bp1sim0demo000000001"),
            ("DesiredConfiguration.LaunchTemplateVersion", "3"),
            ("DesiredConfiguration.LaunchTemplateOverrides.1.InstanceType", "ecs.g7.large"),
            ("DesiredConfiguration.LaunchTemplateOverrides.2.InstanceType", "ecs.c7.large"),
        ],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["InstanceRefreshTaskId"].as_str().unwrap().to_owned();
    let d = describe(&c, &id)["DesiredConfiguration"].clone();
    assert_eq!(d["LaunchTemplateVersion"], "3");
    assert_eq!(d["LaunchTemplateOverrides"][1]["InstanceType"], "ecs.c7.large");
    assert!(d.get("ImageId").is_none(), "{d}");
    wait_for(&c, &id, "Successful");
    let g = c.ess("DescribeScalingGroups", &[REGION, ("ScalingGroupId.1", DEMO_LT_GROUP_ID)]);
    assert_eq!(g.body["ScalingGroups"]["ScalingGroup"][0]["LaunchTemplateVersion"], "3");

    let r = c.ess(
        "StartInstanceRefresh",
        &[
            REGION,
            ("ScalingGroupId", DEMO_ECI_GROUP_ID),
            ("DesiredConfiguration.Containers.1.Name", "web"),
            ("DesiredConfiguration.Containers.1.Image", "registry/web:3.0"),
            ("DesiredConfiguration.Containers.1.EnvironmentVars.1.Key", "MODE"),
            ("DesiredConfiguration.Containers.1.EnvironmentVars.1.Value", "refreshed"),
        ],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["InstanceRefreshTaskId"].as_str().unwrap().to_owned();
    let d = describe(&c, &id)["DesiredConfiguration"].clone();
    assert_eq!(d["Containers"][0]["EnvironmentVars"][0]["Value"], "refreshed", "{d}");
    wait_for(&c, &id, "Successful");
    let e =
        c.ess("DescribeEciScalingConfigurations", &[REGION, ("ScalingGroupId", DEMO_ECI_GROUP_ID)]);
    let active: Vec<&Value> = e.body["ScalingConfigurations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["LifecycleState"] == "Active")
        .collect();
    assert_eq!(active.len(), 1, "{:?}", e.body);
    assert_eq!(active[0]["Containers"][0]["Image"], "registry/web:3.0");
    assert_eq!(active[0]["Containers"][0]["EnvironmentVars"][0]["Value"], "refreshed");
}
