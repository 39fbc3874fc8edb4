//! `--template refresh` and `ir-...` ids: ESS instance refresh behind the same verbs. `start`,
//! `render` and `plan` come here when `--template` names a refresh; `status`, `wait`,
//! `approve`, `cancel` and `rollback` when the id is `ir-...`; `list` adds the group's
//! refreshes. The decisions are the core's (`rolling_update_core::refresh`); this module reads,
//! calls and prints.

pub(crate) mod flags;
mod follow;
mod ops;
mod start;

pub(crate) use follow::wait;
pub(crate) use ops::{approve, cancel, list_rows, rollback, status};
pub(crate) use start::{plan, render, start};

use rolling_update_core::api::refresh::{DescribeInstanceRefreshes, InstanceRefreshTask};
use rolling_update_core::t;

use crate::ctx::{Io, Session};
use crate::exit::usage;

/// The group an `ir-...` id belongs to: ESS takes the task id only with its ScalingGroupId.
pub(crate) fn group_of(id: &str, flag: Option<&String>) -> anyhow::Result<String> {
    match flag {
        Some(group) => {
            rolling_update_core::args::check_group_id("--scaling-group-id", group)
                .map_err(|e| usage(e.text()))?;
            Ok(group.clone())
        }
        None => Err(usage(t!("refresh.cli.needs_group", task = id))),
    }
}

/// The task `id` of `group`; an error (exit 1) when ESS does not know it.
pub(crate) fn read_task(
    s: &Session,
    io: &mut Io,
    group: &str,
    id: &str,
) -> anyhow::Result<InstanceRefreshTask> {
    let req = DescribeInstanceRefreshes {
        region_id: s.region.clone(),
        scaling_group_id: Some(group.to_owned()),
        task_ids: vec![id.to_owned()],
        ..DescribeInstanceRefreshes::default()
    };
    let found = s
        .call(&req, io)?
        .instance_refresh_tasks
        .into_iter()
        .find(|t| t.instance_refresh_task_id == id);
    found.ok_or_else(|| {
        anyhow::anyhow!(
            t!("refresh.cli.not_found", task = id, group = group)
                .render(crate::lang::current())
                .into_owned()
        )
    })
}

/// Every refresh task of `group`, all pages (at most 20 pages of 50).
pub(crate) fn tasks_of(
    s: &Session,
    io: &mut Io,
    group: &str,
) -> anyhow::Result<Vec<InstanceRefreshTask>> {
    let mut all = Vec::new();
    let mut token = None;
    for _ in 0..20 {
        let req = DescribeInstanceRefreshes {
            region_id: s.region.clone(),
            scaling_group_id: Some(group.to_owned()),
            max_results: Some(50),
            next_token: token.take(),
            ..DescribeInstanceRefreshes::default()
        };
        let page = s.call(&req, io)?;
        all.extend(page.instance_refresh_tasks);
        match page.next_token.filter(|t| !t.is_empty()) {
            Some(next) => token = Some(next),
            None => break,
        }
    }
    Ok(all)
}

/// A text for a person, in the run's language.
pub(crate) fn say(io: &mut Io, text: rolling_update_core::i18n::Text) {
    io.say(text.render(crate::lang::current()));
}
