//! CloudMonitor alarm rules and ECS private IPs over real HTTP on 127.0.0.1, signed and
//! checked like the other products.

use std::time::{Duration, Instant};

use rolling_update_sim::model::cms::Trigger;
use rolling_update_sim::model::ess::{
    DEMO_CONFIGURATION_ID, DEMO_GROUP_ID, DEMO_NEW_IMAGE, DEMO_OLD_IMAGE,
};
use rolling_update_sim::{CMS_VERSION, ECS_VERSION, Sim, SimHandle, TEST_SPEED};
use serde_json::json;

use super::client::{Client, Resp};

fn sim() -> SimHandle {
    Sim::builder().speed(TEST_SPEED).demo_groups().start().unwrap()
}

fn rules(c: &Client, ids: &str) -> Resp {
    c.v3(CMS_VERSION, "DescribeMetricRuleList", &[("RuleIds", ids), ("PageSize", "20")]).unwrap()
}

fn states(r: &Resp) -> Vec<(String, String)> {
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["Success"], true);
    r.body["Alarms"]["Alarm"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (a["RuleId"].as_str().unwrap().to_owned(), a["AlertState"].as_str().unwrap().to_owned())
        })
        .collect()
}

fn status_of(c: &Client, id: &str) -> String {
    let r = c.oos("ListExecutions", &[("RegionId", "cn-hangzhou"), ("ExecutionId", id)]);
    r.body["Executions"][0]["Status"].as_str().unwrap_or("").to_owned()
}

/// Waits for `Waiting` or a terminal status, and says which.
fn wait_pause_or_end(c: &Client, id: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let s = status_of(c, id);
        if matches!(s.as_str(), "Waiting" | "Success" | "Failed" | "Cancelled") {
            return s;
        }
        assert!(Instant::now() < deadline, "still {s}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn approve(c: &Client, id: &str) {
    let r = c.oos("NotifyExecution", &[("ExecutionId", id), ("NotifyType", "Approve")]);
    assert_eq!(r.status, 200, "{:?}", r.body);
    let deadline = Instant::now() + Duration::from_secs(20);
    while status_of(c, id) == "Waiting" {
        assert!(Instant::now() < deadline, "the approval did not take");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_alarm_rule_fires_when_batch_2_finishes() {
    let sim = sim();
    sim.with_world(|w| {
        w.add_alarm_rule("rule-steady", "OK").unwrap();
        w.add_alarm_rule("rule-canary", "OK").unwrap();
        w.schedule_alarm("rule-canary", Trigger::BatchFinished(2), "ALARM").unwrap();
    });
    let c = Client::new(&sim);
    let ok = |id: &str| (id.to_owned(), "OK".to_owned());
    assert_eq!(
        states(&rules(&c, "rule-steady,rule-canary,rule-unknown")),
        [ok("rule-steady"), ok("rule-canary")]
    );

    let params = json!({
        "invokeType": "invoke",
        "scalingGroupId": DEMO_GROUP_ID,
        "scalingConfigurationId": DEMO_CONFIGURATION_ID,
        "imageId": DEMO_NEW_IMAGE,
        "sourceImageId": DEMO_OLD_IMAGE,
        "batchNumber": 3,
        "batchPauseOption": "EveryBatchPause",
    })
    .to_string();
    let r = c.oos(
        "StartExecution",
        &[
            ("RegionId", "cn-hangzhou"),
            ("TemplateName", "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup"),
            ("Parameters", params.as_str()),
            ("SafetyCheck", "Skip"),
        ],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["Execution"]["ExecutionId"].as_str().unwrap().to_owned();

    assert_eq!(wait_pause_or_end(&c, &id), "Waiting");
    assert_eq!(states(&rules(&c, "rule-canary")), [ok("rule-canary")], "batch 1 done: still OK");
    approve(&c, &id);
    assert_eq!(wait_pause_or_end(&c, &id), "Waiting");
    assert_eq!(
        states(&rules(&c, "rule-steady,rule-canary")),
        [ok("rule-steady"), ("rule-canary".to_owned(), "ALARM".to_owned())],
        "batch 2 done: the canary rule fires"
    );
    let recs = sim.requests();
    let last = recs.iter().rev().find(|r| r.action == "DescribeMetricRuleList").unwrap();
    assert_eq!((last.product.as_str(), last.verified), ("cms", true));
}

#[test]
fn rule_lists_are_bounded_and_permissions_and_signatures_checked() {
    let open = sim();
    let c = Client::new(&open);
    let many: Vec<String> = (0..21).map(|i| format!("r{i}")).collect();
    let r = rules(&c, &many.join(","));
    assert_eq!((r.status, r.code()), (400, "InvalidParameter"), "{:?}", r.body);
    assert!(r.body["Message"].as_str().unwrap().contains("at most 20"));

    let mut wrong = c.clone();
    wrong.secret = "not-the-secret".into();
    let r = rules(&wrong, "r1");
    assert_eq!((r.status, r.code()), (403, "SignatureDoesNotMatch"));
    let r = wrong.v3(ECS_VERSION, "DescribeInstances", &[("RegionId", "cn-hangzhou")]).unwrap();
    assert_eq!((r.status, r.code()), (403, "SignatureDoesNotMatch"));

    let sim = Sim::builder()
        .speed(TEST_SPEED)
        .demo_groups()
        .access_key("LTAIlimited", "limited-secret")
        .missing_permissions(
            "LTAIlimited",
            &["cms:DescribeMetricRuleList", "ecs:DescribeInstances"],
        )
        .start()
        .unwrap();
    let limited = Client::new(&sim);
    assert_eq!(limited.id, "LTAIlimited");
    let r = rules(&limited, "r1");
    assert_eq!((r.status, r.code()), (403, "Forbidden.RAM"), "{:?}", r.body);
    assert!(r.body["Message"].as_str().unwrap().contains("cms:DescribeMetricRuleList"));
    let r = limited.v3(ECS_VERSION, "DescribeInstances", &[("RegionId", "cn-hangzhou")]).unwrap();
    assert_eq!((r.status, r.code()), (403, "Forbidden.RAM"), "{:?}", r.body);
}

#[test]
fn ecs_describe_instances_gives_private_ips() {
    let sim = sim();
    let ids: Vec<String> = sim
        .world()
        .instances()
        .iter()
        .filter(|i| i.scaling_group_id == DEMO_GROUP_ID)
        .map(|i| i.id.clone())
        .take(2)
        .collect();
    assert_eq!(ids.len(), 2);
    let c = Client::new(&sim);
    let ask = serde_json::to_string(&ids).unwrap();
    let r = c
        .v3(
            ECS_VERSION,
            "DescribeInstances",
            &[("RegionId", "cn-hangzhou"), ("InstanceIds", &ask), ("PageSize", "100")],
        )
        .unwrap();
    assert_eq!(r.status, 200, "{:?}", r.body);
    assert_eq!(r.body["TotalCount"], 2);
    let found: Vec<(String, String)> = r.body["Instances"]["Instance"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            let ip = &i["VpcAttributes"]["PrivateIpAddress"]["IpAddress"][0];
            (i["InstanceId"].as_str().unwrap().to_owned(), ip.as_str().unwrap().to_owned())
        })
        .collect();
    let world = sim.world();
    let want: Vec<(String, String)> =
        ids.iter().map(|id| (id.clone(), world.private_ip(id).unwrap())).collect();
    assert_eq!(found, want);
    assert!(found.iter().all(|(_, ip)| ip.starts_with("172.16.")), "{found:?}");
    assert_ne!(found[0].1, found[1].1, "each instance has its own address");

    let r = c
        .v3(
            ECS_VERSION,
            "DescribeInstances",
            &[("RegionId", "eu-central-1"), ("InstanceIds", &ask)],
        )
        .unwrap();
    assert_eq!(r.body["TotalCount"], 0, "another region holds none of them: {:?}", r.body);
    let r = c
        .v3(
            ECS_VERSION,
            "DescribeInstances",
            &[("RegionId", "cn-hangzhou"), ("InstanceIds", "i-1,i-2")],
        )
        .unwrap();
    assert_eq!((r.status, r.code()), (400, "InvalidParameter"), "InstanceIds is a JSON array");
    let recs = sim.requests();
    assert!(recs.iter().any(|r| r.product == "ecs" && r.verified));
}

#[test]
fn tag_resources_tags_an_execution_with_the_real_parameters() {
    let sim = sim();
    let c = Client::new(&sim);
    let params = json!({
        "invokeType": "invoke",
        "scalingGroupId": DEMO_GROUP_ID,
        "imageId": DEMO_NEW_IMAGE,
        "sourceImageId": DEMO_OLD_IMAGE,
    })
    .to_string();
    let r = c.oos(
        "StartExecution",
        &[
            ("RegionId", "cn-hangzhou"),
            ("TemplateName", "ACS-ESS-RollingUpdateByReplaceSystemDiskInScalingGroup"),
            ("Parameters", params.as_str()),
            ("Tags", r#"{"team":"web"}"#),
        ],
    );
    assert_eq!(r.status, 200, "{:?}", r.body);
    let id = r.body["Execution"]["ExecutionId"].as_str().unwrap().to_owned();
    let ids = format!("[\"{id}\"]");
    let tag = |tags: &str| {
        c.oos(
            "TagResources",
            &[
                ("RegionId", "cn-hangzhou"),
                ("ResourceType", "execution"),
                ("ResourceIds", ids.as_str()),
                ("Tags", tags),
            ],
        )
    };
    let r = tag(r#"{"rolling-update:gates":"b1 ok approve"}"#);
    assert_eq!(r.status, 200, "{:?}", r.body);
    let r = tag(r#"{"rolling-update:gates":"b1 ok approve; => passed"}"#);
    assert_eq!(r.status, 200, "a key is overwritten: {:?}", r.body);
    let listed = c.oos("ListExecutions", &[("RegionId", "cn-hangzhou"), ("ExecutionId", &id)]);
    assert_eq!(
        listed.body["Executions"][0]["Tags"],
        json!({"team": "web", "rolling-update:gates": "b1 ok approve; => passed"})
    );

    let long = format!(r#"{{"k":"{}"}}"#, "x".repeat(129));
    let many: serde_json::Map<String, serde_json::Value> =
        (0..19).map(|n| (format!("k{n}"), json!("v"))).collect();
    let many = serde_json::Value::Object(many).to_string();
    for (tags, why) in [
        (long.as_str(), "a value over 128 characters"),
        (r#"{"acs:x":"v"}"#, "a reserved key"),
        ("{}", "no tag"),
        (many.as_str(), "more than 20 tags on the execution"),
    ] {
        let r = tag(tags);
        assert_eq!(r.status, 400, "{why}: {:?}", r.body);
    }
    let r = c.oos(
        "TagResources",
        &[
            ("RegionId", "cn-hangzhou"),
            ("ResourceType", "execution"),
            ("ResourceIds", r#"["exec-nobody"]"#),
            ("Tags", r#"{"k":"v"}"#),
        ],
    );
    assert_eq!((r.status, r.code()), (404, "EntityNotExists.Execution"), "{:?}", r.body);
    let r = c.oos(
        "TagResources",
        &[("RegionId", "cn-hangzhou"), ("ResourceIds", ids.as_str()), ("Tags", r#"{"k":"v"}"#)],
    );
    assert_eq!((r.status, r.code()), (400, "MissingParameter"), "{:?}", r.body);
    assert!(sim.requests().iter().all(|r| r.verified), "every request was signed correctly");
}
