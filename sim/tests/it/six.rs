//! The three templates beyond image/command/package, and what every run leaves as the templates
//! write it (templates-as-written.md §2–4): task names, tagging, leftovers, lifecycle hooks,
//! the ECI configuration change, ESS DescribeLifecycleHooks and DescribeEciScalingConfigurations
//! over HTTP, and the lost-approval fault.

use std::time::{Duration, Instant};

use rolling_update_sim::model::ess::{
    DEMO_ECI_CONFIGURATION_ID, DEMO_ECI_GROUP_ID, DEMO_ECI_NEW_IMAGE, DEMO_ECI_OLD_IMAGE,
    DEMO_GROUP_ID,
};
use rolling_update_sim::model::{StartRequest, Status};
use rolling_update_sim::{FailTarget, Fault, GroupSpec, Sim, TEST_SPEED, World};
use serde_json::{Value, json};

use super::client::Client;

const T0: u64 = 1_735_689_600_000;
const FILE: &str = "ACS-ESS-RollingUpdateByDownloadFileAndRunCommand";
const OSS: &str = "ACS-ESS-RollingUpdateByDownloadOSSFileAndRunCommand";
const CONTAINER: &str = "ACS-ESS-RollingUpdateByUpdateContainerGroup";
const HOOK: &str = "ACS-ESS-LifeCycleDownloadFileAndRunCommand";

fn world() -> World {
    Sim::builder().demo_groups().start_time_ms(T0).build_world()
}

fn start(w: &mut World, now: u64, template: &str, params: Value) -> String {
    let req = StartRequest {
        template_name: template.into(),
        parameters: params,
        ..StartRequest::default()
    };
    w.start_execution(now, &req).expect("started")
}

fn settle(w: &mut World, id: &str, now: &mut u64) -> Status {
    for _ in 0..10_000 {
        *now += 1_000;
        w.advance(*now);
        let s = w.execution(id).expect("exists").status;
        if !matches!(s, Status::Started | Status::Running) {
            return s;
        }
    }
    panic!("{id} never settled");
}

fn task_names(w: &World, id: &str) -> Vec<String> {
    let mut names: Vec<String> = w
        .tasks()
        .iter()
        .filter(|t| t.execution_id == id && t.parent_task_execution_id.is_none())
        .map(|t| t.task_name.clone())
        .collect();
    names.dedup();
    names
}

fn file_params(mode: &str, source: Option<&str>) -> Value {
    let mut p = json!({
        "invokeType": mode, "scalingGroupId": DEMO_GROUP_ID,
        "invokeSourcePath": "https://example.com/app-2.tar.gz", "invokeDestinationDir": "/opt/app",
        "invokeScript": "tar xzf /opt/app/app-2.tar.gz",
        "rollbackSourcePath": "https://example.com/app-1.tar.gz",
        "rollbackDestinationDir": "/opt/app", "rollbackScript": "tar xzf /opt/app/app-1.tar.gz",
        "enterProcess": ["ScaleIn"], "exitProcess": ["ScaleIn"], "batchNumber": 2,
    });
    if let Some(s) = source {
        p["sourceExecutionId"] = json!(s);
    }
    p
}

fn container_params(mode: &str, source: Option<&str>) -> Value {
    let mut p = json!({
        "invokeType": mode, "scalingGroupId": DEMO_ECI_GROUP_ID,
        "scalingConfigurationId": DEMO_ECI_CONFIGURATION_ID,
        "containerConfigure": [{"Name": "web", "Image": DEMO_ECI_NEW_IMAGE}],
        "sourceContainerConfigure": [{"Name": "web", "Image": DEMO_ECI_OLD_IMAGE}],
        "batchNumber": 3,
    });
    if let Some(s) = source {
        p["sourceExecutionId"] = json!(s);
    }
    p
}

fn eci_image(w: &World) -> Value {
    let config = w.configurations().iter().find(|c| c.id == DEMO_ECI_CONFIGURATION_ID);
    config.and_then(|c| c.containers.clone()).expect("ECI containers")[0]["Image"].clone()
}

#[test]
fn file_template_runs_as_written_and_installs_its_hook() {
    let (mut w, mut now) = (world(), T0);
    let id = start(&mut w, now, FILE, file_params("invoke", None));
    assert_eq!(settle(&mut w, &id, &mut now), Status::Success);
    assert_eq!(
        task_names(&w, &id),
        [
            "getInstance",
            "suspendProcess",
            "createOrUpdateLifecycleHook",
            "invokeByDownloadFileAndRunCommand",
            "tagInstance",
            "resumeProcesses"
        ]
    );
    let hooks = w.lifecycle_hooks();
    assert_eq!(hooks.len(), 1);
    assert_eq!((hooks[0].name.as_str(), hooks[0].transition.as_str()), (HOOK, "SCALE_OUT"));
    assert!(hooks[0].notification_metadata.contains("app-2.tar.gz"));
    let demo: Vec<_> =
        w.instances().iter().filter(|i| i.scaling_group_id == DEMO_GROUP_ID).collect();
    assert!(
        demo.iter().all(|i| i.last_file.as_deref() == Some("https://example.com/app-2.tar.gz"))
    );
    assert!(demo.iter().all(|i| i.lifecycle_state == "InService"), "no Standby");
    let back = start(&mut w, now, FILE, file_params("rollback", Some(&id)));
    assert_eq!(settle(&mut w, &back, &mut now), Status::Success);
    assert!(!task_names(&w, &back).contains(&"tagInstance".to_owned()), "no tagging");
    assert_eq!(w.lifecycle_hooks().len(), 1, "the rollback leaves the hook as it is");
    assert!(w.lifecycle_hooks()[0].notification_metadata.contains("app-2.tar.gz"));
    let demo: Vec<_> =
        w.instances().iter().filter(|i| i.scaling_group_id == DEMO_GROUP_ID).collect();
    assert!(
        demo.iter().all(|i| i.last_file.as_deref() == Some("https://example.com/app-1.tar.gz"))
    );
    // A second invoke updates the hook rather than adding one.
    let again = start(&mut w, now, FILE, file_params("invoke", None));
    assert_eq!(settle(&mut w, &again, &mut now), Status::Success);
    assert_eq!(w.lifecycle_hooks().len(), 1);
}

#[test]
fn file_templates_select_in_service_only_and_fail_without_standby() {
    let mut w = Sim::builder()
        .group(
            GroupSpec::new("asg-mixed", "mixed")
                .with_instance("i-a", "InService")
                .with_instance("i-b", "Protected"),
        )
        .start_time_ms(T0)
        .build_world();
    let mut now = T0;
    let mut p = json!({
        "invokeType": "invoke", "scalingGroupId": "asg-mixed",
        "invokeBucketName": "b", "invokeObjectName": "app.tgz", "invokeDestinationDir": "/opt",
        "rollbackBucketName": "b", "rollbackObjectName": "old.tgz",
        "rollbackDestinationDir": "/opt",
    });
    w.fail_next(FailTarget::Instance("i-a".into()));
    let id = start(&mut w, now, OSS, p.clone());
    assert_eq!(settle(&mut w, &id, &mut now), Status::Failed);
    assert_eq!(w.children(&id).len(), 1, "the Protected instance is not selected");
    assert_eq!(w.instance("i-a").expect("i-a").lifecycle_state, "InService", "no Standby");
    assert_eq!(w.group("asg-mixed").expect("group").suspended_processes.len(), 5);
    assert!(w.instance("i-a").expect("i-a").tags.is_empty(), "no tagging after a failure");
    p["lifecycleState"] = json!(["InService"]);
    let refused = w
        .start_execution(
            now,
            &StartRequest { template_name: OSS.into(), parameters: p, ..StartRequest::default() },
        )
        .expect_err("lifecycleState is not a parameter of this template");
    assert_eq!(refused.code, "InvalidParameter");
}

#[test]
fn container_template_updates_instances_then_the_configuration() {
    let (mut w, mut now) = (world(), T0);
    let id = start(&mut w, now, CONTAINER, container_params("invoke", None));
    assert_eq!(settle(&mut w, &id, &mut now), Status::Success);
    let names = task_names(&w, &id);
    assert!(names.ends_with(&[
        "invokeByUpdateContainerGroup".to_owned(),
        "modifyEciScalingConfiguration".to_owned(),
        "resumeProcesses".to_owned()
    ]));
    assert!(!names.contains(&"tagInstance".to_owned()), "no tagging: {names:?}");
    assert_eq!(eci_image(&w), json!(DEMO_ECI_NEW_IMAGE));
    let eci: Vec<_> =
        w.instances().iter().filter(|i| i.scaling_group_id == DEMO_ECI_GROUP_ID).collect();
    assert_eq!(eci.len(), 3);
    for i in &eci {
        assert_eq!(i.containers[0]["Image"], json!(DEMO_ECI_NEW_IMAGE));
        assert_eq!(i.containers[0]["Cpu"], json!(0.5), "IncrementalUpdate keeps other fields");
    }
    let back = start(&mut w, now, CONTAINER, container_params("rollback", Some(&id)));
    assert_eq!(settle(&mut w, &back, &mut now), Status::Success);
    assert_eq!(eci_image(&w), json!(DEMO_ECI_OLD_IMAGE), "the rollback changes it back");
}

#[test]
fn container_template_changes_the_configuration_even_for_an_empty_group() {
    let mut w =
        Sim::builder()
            .group(GroupSpec::new("asg-eci-empty", "empty").with_eci_configuration(
                "asc-eci-empty",
                vec![json!({"Name": "web", "Image": "a"})],
            ))
            .start_time_ms(T0)
            .build_world();
    let mut now = T0;
    let mut p = container_params("invoke", None);
    p["scalingGroupId"] = json!("asg-eci-empty");
    p["scalingConfigurationId"] = json!("asc-eci-empty");
    let id = start(&mut w, now, CONTAINER, p);
    assert_eq!(settle(&mut w, &id, &mut now), Status::Success);
    let config = &w.configurations()[0];
    assert_eq!(config.containers.as_ref().expect("ECI")[0]["Image"], json!(DEMO_ECI_NEW_IMAGE));
}

#[test]
fn ess_reads_of_eci_groups_and_lifecycle_hooks_over_http() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().expect("sim");
    let c = Client::new(&sim);
    let groups =
        c.ess("DescribeScalingGroups", &[("RegionId", "cn-hangzhou"), ("GroupType", "ECI")]);
    let listed = groups.body["ScalingGroups"]["ScalingGroup"].as_array().expect("groups").clone();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["ScalingGroupId"], DEMO_ECI_GROUP_ID);
    assert_eq!(listed[0]["ActiveScalingConfigurationId"], DEMO_ECI_CONFIGURATION_ID);
    let configs = c.ess(
        "DescribeEciScalingConfigurations",
        &[("RegionId", "cn-hangzhou"), ("ScalingConfigurationId.1", DEMO_ECI_CONFIGURATION_ID)],
    );
    assert_eq!(configs.status, 200, "{:?}", configs.body);
    let first = &configs.body["ScalingConfigurations"][0];
    assert_eq!(first["ScalingGroupId"], DEMO_ECI_GROUP_ID);
    assert_eq!(first["Containers"][0]["Image"], DEMO_ECI_OLD_IMAGE);
    let ecs_only = c.ess(
        "DescribeScalingConfigurations",
        &[("RegionId", "cn-hangzhou"), ("ScalingGroupId", DEMO_ECI_GROUP_ID)],
    );
    assert_eq!(ecs_only.body["TotalCount"], 0, "an ECI configuration is not an ECS one");

    let params = file_params("invoke", None).to_string();
    let r = c.oos("StartExecution", &[("TemplateName", FILE), ("Parameters", &params)]);
    let id = r.body["Execution"]["ExecutionId"].as_str().expect("id").to_owned();
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let hooks = c.ess(
            "DescribeLifecycleHooks",
            &[
                ("RegionId", "cn-hangzhou"),
                ("ScalingGroupId", DEMO_GROUP_ID),
                ("LifecycleHookName", HOOK),
            ],
        );
        assert_eq!(hooks.status, 200, "{:?}", hooks.body);
        if hooks.body["TotalCount"] == 1 {
            let hook = &hooks.body["LifecycleHooks"]["LifecycleHook"][0];
            assert_eq!(hook["LifecycleTransition"], "SCALE_OUT");
            assert!(hook["LifecycleHookId"].as_str().expect("id").starts_with("ash-"));
            let by_id = c.ess(
                "DescribeLifecycleHooks",
                &[("LifecycleHookId.1", hook["LifecycleHookId"].as_str().expect("id"))],
            );
            assert_eq!(by_id.body["TotalCount"], 1);
            break;
        }
        assert!(Instant::now() < deadline, "no hook for {id}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_lost_approval_is_answered_ok_and_changes_nothing() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().expect("sim");
    let c = Client::new(&sim);
    let params = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID,
        "invokeScript": "true", "batchNumber": 3, "batchPauseOption": "FirstBatchPause"})
    .to_string();
    let r = c.oos(
        "StartExecution",
        &[
            ("TemplateName", "ACS-ESS-RollingUpdateByRunCommandInScalingGroup"),
            ("Parameters", &params),
        ],
    );
    let id = r.body["Execution"]["ExecutionId"].as_str().expect("id").to_owned();
    let deadline = Instant::now() + Duration::from_secs(20);
    while sim.world().execution(&id).expect("exists").status != Status::Waiting {
        assert!(Instant::now() < deadline, "never paused");
        std::thread::sleep(Duration::from_millis(50));
    }
    sim.inject(Fault::IgnoreApprove { calls: 1 });
    let approve = [("ExecutionId", id.as_str()), ("NotifyType", "Approve")];
    assert_eq!(c.oos("NotifyExecution", &approve).status, 200);
    sim.advance(Duration::from_secs(600));
    assert_eq!(sim.world().execution(&id).expect("exists").status, Status::Waiting);
    assert_eq!(c.oos("NotifyExecution", &approve).status, 200, "the fault was for one call");
    sim.advance(Duration::from_secs(1));
    assert_ne!(sim.world().execution(&id).expect("exists").status, Status::Waiting);
}

#[test]
fn get_template_and_start_execution_answer_from_the_simulators_definitions() {
    let sim = Sim::builder().speed(TEST_SPEED).demo_groups().start().expect("sim");
    let c = Client::new(&sim);
    let r = c.oos("GetTemplate", &[("TemplateName", CONTAINER), ("RegionId", "cn-hangzhou")]);
    assert_eq!(r.status, 200, "{:?}", r.body);
    let content: Value =
        serde_json::from_str(r.body["Content"].as_str().expect("Content")).expect("JSON");
    assert_eq!(content["Parameters"]["containerConfigure"]["Type"], "Json");
    assert!(content["Parameters"]["containerConfigure"].get("Default").is_none(), "required");
    assert_eq!(content["Parameters"]["updateType"]["Default"], "IncrementalUpdate");
    let oss = c.oos("GetTemplate", &[("TemplateName", OSS)]);
    let content: Value =
        serde_json::from_str(oss.body["Content"].as_str().expect("Content")).expect("JSON");
    assert_eq!(content["Parameters"]["OSSRegion"]["Default"], "{{ ACS::RegionId }}");

    let mut p = container_params("invoke", None);
    p.as_object_mut().expect("object").remove("containerConfigure");
    let text = p.to_string();
    let r = c.oos("StartExecution", &[("TemplateName", CONTAINER), ("Parameters", &text)]);
    assert_eq!((r.status, r.code()), (400, "MissingParameter"), "{:?}", r.body);
    assert!(r.body["Message"].as_str().expect("Message").contains("containerConfigure"));
    p["containerConfigure"] = json!("web");
    let text = p.to_string();
    let r = c.oos("StartExecution", &[("TemplateName", CONTAINER), ("Parameters", &text)]);
    assert_eq!((r.status, r.code()), (400, "InvalidParameter"), "Json is an object or a list");
    assert_eq!(sim.calls_to("StartExecution"), 2);
    assert!(sim.world().executions().is_empty(), "nothing started");
}

#[test]
fn tag_instance_tags_ten_instances_per_task() {
    let mut w = Sim::builder().demo_groups_with(12).start_time_ms(T0).build_world();
    let mut now = T0;
    let p = json!({"invokeType": "invoke", "scalingGroupId": DEMO_GROUP_ID,
        "invokeScript": "true", "batchNumber": 2});
    let id = start(&mut w, now, "ACS-ESS-RollingUpdateByRunCommandInScalingGroup", p);
    assert_eq!(settle(&mut w, &id, &mut now), Status::Success);
    let tagging = w.tasks().iter().filter(|t| t.execution_id == id && t.task_name == "tagInstance");
    assert_eq!(tagging.count(), 2, "12 instances: 10, then 2");
    let tagged = w.instances().iter().filter(|i| i.tags.contains_key("ess:rollingupdate"));
    assert_eq!(tagged.count(), 12);
}
