//! Reads shared by several verbs: one execution, its task executions and child executions, and
//! what pre-flight needs to know about a group.

use rolling_update_core::api::ApiRequest;
use rolling_update_core::api::ess::{
    DescribeEciScalingConfigurations, DescribeScalingConfigurations, DescribeScalingGroups,
    DescribeScalingInstances, EciScalingConfiguration, ScalingInstance,
};
use rolling_update_core::api::oos::{
    Execution, ListExecutions, ListTaskExecutions, ListTaskExecutionsResponse, TaskExecution,
};
use rolling_update_core::api::paging::{Paged, Pages};
use rolling_update_core::api::response::Status;
use rolling_update_core::preflight::Facts;
use rolling_update_core::sign::UtcTime;
use rolling_update_core::template::GroupKind;
use rolling_update_core::waiter::TASK_PAGE_SIZE;

use crate::ctx::{Io, Session};

/// The execution `id`; an error saying so when OOS does not know it.
pub(crate) fn execution(s: &Session, io: &mut Io, id: &str) -> anyhow::Result<Execution> {
    let req =
        ListExecutions { execution_id: Some(id.to_owned()), ..ListExecutions::new(&s.region) };
    let page = s.call(&req, io)?;
    page.executions.into_iter().find(|e| e.execution_id == id).ok_or_else(|| {
        crate::exit::rejected(rolling_update_core::t!(
            "plugin.fetch.not_found",
            id = id,
            region = s.region
        ))
    })
}

/// Every task execution of `id`, loop children included, all pages.
pub(crate) fn tasks(s: &Session, io: &mut Io, id: &str) -> anyhow::Result<Vec<TaskExecution>> {
    let req = ListTaskExecutions {
        max_results: Some(TASK_PAGE_SIZE),
        ..ListTaskExecutions::new(&s.region, id)
    };
    all_pages(s, io, req, 20_000, |r, t| r.next_token = t)
}

/// One page of the task executions of `id`, loop children included; only those started at
/// or after `started_after` when given.
pub(crate) fn task_page(
    s: &Session,
    io: &mut Io,
    id: &str,
    started_after: Option<UtcTime>,
    next_token: Option<&str>,
) -> anyhow::Result<ListTaskExecutionsResponse> {
    let req = ListTaskExecutions {
        max_results: Some(TASK_PAGE_SIZE),
        start_date_after: started_after.map(|t| t.to_string()),
        next_token: next_token.map(str::to_owned),
        ..ListTaskExecutions::new(&s.region, id)
    };
    Ok(s.call(&req, io)?)
}

/// The top-level task that holds `id`'s batch pause (the Waiting loop task), if any: what
/// `approve` and a gate's approval send as TaskExecutionId. Loop children are never it,
/// whether OOS marks them by batch number or by parent task.
pub(crate) fn paused_task(
    s: &Session,
    io: &mut Io,
    id: &str,
) -> anyhow::Result<Option<TaskExecution>> {
    let waiting = ListTaskExecutions {
        status: Some(Status::Waiting.as_str().to_owned()),
        include_child_task_execution: None,
        ..ListTaskExecutions::new(&s.region, id)
    };
    let tasks = s.call(&waiting, io)?.task_executions;
    Ok(tasks.into_iter().find(|t| t.status == Status::Waiting && t.is_top_level()))
}

/// The child executions of `id` (one per instance in the rolling templates).
pub(crate) fn children(s: &Session, io: &mut Io, id: &str) -> anyhow::Result<Vec<Execution>> {
    let req = ListExecutions {
        parent_execution_id: Some(id.to_owned()),
        max_results: Some(100),
        ..ListExecutions::new(&s.region)
    };
    all_pages(s, io, req, 10_000, set_token)
}

fn set_token(req: &mut ListExecutions, token: Option<String>) {
    req.next_token = token;
}

/// The items of every page of `req` (NextToken paging, [`Pages`]), at most about `limit`.
fn all_pages<R>(
    s: &Session,
    io: &mut Io,
    mut req: R,
    limit: usize,
    set_token: impl Fn(&mut R, Option<String>),
) -> anyhow::Result<Vec<<R::Response as Paged>::Item>>
where
    R: ApiRequest,
    R::Response: Paged,
{
    let mut pages = Pages::new(limit);
    let mut all = Vec::new();
    loop {
        let page = s.call(&req, io)?;
        let next = page.next_token().map(str::to_owned);
        let items = page.into_items();
        let more = pages.advance(next.as_deref(), items.len());
        all.extend(items);
        if !more {
            return Ok(all);
        }
        set_token(&mut req, pages.token().map(str::to_owned));
    }
}

/// The group's instances, all pages; only those in `state` when given.
pub(crate) fn instances(
    s: &Session,
    io: &mut Io,
    group: &str,
    state: Option<&str>,
) -> anyhow::Result<Vec<ScalingInstance>> {
    let mut all = Vec::new();
    let mut number = 1u32;
    loop {
        let req = DescribeScalingInstances {
            region_id: s.region.clone(),
            scaling_group_id: Some(group.to_owned()),
            lifecycle_state: state.map(str::to_owned),
            page_number: Some(number),
            page_size: Some(50),
            ..DescribeScalingInstances::default()
        };
        let page = s.call(&req, io)?;
        let next = page.page.next_page_number();
        let got = page.scaling_instances.len();
        all.extend(page.scaling_instances);
        match next {
            Some(_) if got > 0 && number < 1_000 => number += 1,
            _ => return Ok(all),
        }
    }
}

/// The execution a start with `token` already started, found by the tag `start` puts on it
/// (newest first, should there be several).
pub(crate) fn by_client_token(
    s: &Session,
    io: &mut Io,
    template: rolling_update_core::template::Template,
    token: &str,
) -> anyhow::Result<Option<Execution>> {
    let tags = std::collections::BTreeMap::from([(
        rolling_update_core::launch::TOKEN_TAG.to_owned(),
        token.to_owned(),
    )]);
    let req = ListExecutions {
        template_name: Some(template.name().to_owned()),
        tags: Some(tags),
        max_results: Some(10),
        ..ListExecutions::new(&s.region)
    };
    Ok(s.call(&req, io)?.executions.into_iter().next())
}

/// The most recent rolling-update executions (any status, newest first), at least `limit`
/// when there are that many.
pub(crate) fn recent(s: &Session, io: &mut Io, limit: usize) -> anyhow::Result<Vec<Execution>> {
    let req = ListExecutions {
        template_name: Some("ACS-ESS-RollingUpdate".into()),
        max_results: Some(100),
        ..ListExecutions::new(&s.region)
    };
    all_pages(s, io, req, limit, set_token)
}

/// Rolling-update executions that have not finished, in any group.
pub(crate) fn unfinished(s: &Session, io: &mut Io) -> anyhow::Result<Vec<Execution>> {
    let mut all = Vec::new();
    for status in ["Running", "Waiting", "Started", "Queued"] {
        let req = ListExecutions {
            template_name: Some("ACS-ESS-RollingUpdate".into()),
            status: Some(status.into()),
            max_results: Some(100),
            ..ListExecutions::new(&s.region)
        };
        all.extend(all_pages(s, io, req, 10_000, set_token)?);
    }
    Ok(all)
}

/// The ECI scaling configuration `id` of `group`, with its containers.
fn eci_configuration(
    s: &Session,
    io: &mut Io,
    group: &str,
    id: &str,
) -> anyhow::Result<Option<EciScalingConfiguration>> {
    let req = DescribeEciScalingConfigurations {
        region_id: s.region.clone(),
        scaling_group_id: Some(group.to_owned()),
        scaling_configuration_ids: vec![id.to_owned()],
        ..DescribeEciScalingConfigurations::default()
    };
    Ok(s.call(&req, io)?
        .scaling_configurations
        .into_iter()
        .find(|c| c.scaling_configuration_id == id))
}

/// What pre-flight needs about `group`: an ECS group's scaling configuration, or an ECI
/// group's ECI configuration with its containers.
pub(crate) fn facts(
    s: &Session,
    io: &mut Io,
    group: &str,
    configuration: Option<&str>,
) -> anyhow::Result<Facts> {
    let req = DescribeScalingGroups {
        region_id: s.region.clone(),
        scaling_group_ids: vec![group.to_owned()],
        ..DescribeScalingGroups::default()
    };
    let found = s.call(&req, io)?.scaling_groups.into_iter().find(|g| g.scaling_group_id == group);
    let Some(found) = found else {
        return Ok(Facts::default());
    };
    let wanted = configuration
        .map(str::to_owned)
        .or_else(|| found.active_scaling_configuration_id.clone())
        .filter(|c| !c.is_empty() && found.launch_template_id.as_deref().is_none_or(str::is_empty));
    let eci = found.kind() == GroupKind::Eci;
    let eci_configuration = match (&wanted, eci) {
        (Some(id), true) => eci_configuration(s, io, group, id)?,
        _ => None,
    };
    let configuration = match wanted.filter(|_| !eci) {
        Some(id) => {
            let req = DescribeScalingConfigurations {
                region_id: s.region.clone(),
                scaling_group_id: Some(group.to_owned()),
                scaling_configuration_ids: vec![id.clone()],
                ..DescribeScalingConfigurations::default()
            };
            s.call(&req, io)?
                .scaling_configurations
                .into_iter()
                .find(|c| c.scaling_configuration_id == id)
        }
        None => None,
    };
    let instances = instances(s, io, group, None)?;
    let unfinished = unfinished(s, io)?;
    Ok(Facts { group: Some(found), configuration, eci_configuration, instances, unfinished })
}
