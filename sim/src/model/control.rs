//! What NotifyExecution and CancelExecution do to a running rolling update.

use super::{Notify, Status, World};
use crate::error::ApiError;

impl World {
    /// NotifyExecution on execution `idx`: only a batch-paused rolling update takes it, and
    /// only for its waiting loop task.
    pub(crate) fn notify_at(
        &mut self,
        idx: usize,
        at: u64,
        notify: Notify,
        task: Option<&str>,
    ) -> Result<(), ApiError> {
        let exec_id = self.executions[idx].id.clone();
        let status = self.executions[idx].status.as_str();
        let Some(run) = self.runs.get(&exec_id) else {
            return Err(ApiError::new(
                400,
                "InvalidStatus.Execution",
                format!("The execution ({exec_id}) is in status {status} and cannot be notified."),
            ));
        };
        if !run.is_paused() {
            return Err(ApiError::new(
                400,
                "InvalidStatus.Execution",
                format!(
                    "The execution ({exec_id}) is {status}, not Waiting; there is nothing to approve."
                ),
            ));
        }
        let loop_id = run.loop_task_id();
        if let Some(task) = task.filter(|t| !t.is_empty() && *t != loop_id) {
            return Err(ApiError::new(
                404,
                "EntityNotExists.TaskExecution",
                format!(
                    "The task execution ({task}) is not the waiting task of {exec_id}; the waiting task is {loop_id}."
                ),
            ));
        }
        self.with_run(&exec_id, |world, run| match notify {
            Notify::Approve => world.approve(run, at),
            Notify::Reject => world.reject(run, at),
        });
        Ok(())
    }

    /// CancelExecution on execution `idx`: it, its open children and its open tasks end as
    /// cancelled; instances and processes stay as they are.
    pub(crate) fn cancel_at(&mut self, idx: usize, at: u64) {
        if self.executions[idx].status.is_terminal() {
            return;
        }
        let exec_id = self.executions[idx].id.clone();
        if let Some(run) = self.runs.get_mut(&exec_id) {
            run.stop();
        }
        self.set_status(idx, Status::Cancelled, "Cancelled by CancelExecution", at);
        let open: Vec<usize> = self
            .executions
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.parent_id.as_deref() == Some(exec_id.as_str()) && !e.status.is_terminal()
            })
            .map(|(i, _)| i)
            .collect();
        for c in open {
            self.set_status(c, Status::Cancelled, "Cancelled with its parent execution", at);
        }
        let tasks: Vec<String> = self
            .tasks
            .iter()
            .filter(|t| t.execution_id == exec_id && !t.status.is_terminal())
            .map(|t| t.id.clone())
            .collect();
        for t in tasks {
            self.set_task(&t, Status::Cancelled, "Cancelled", at);
        }
        self.log(&exec_id, None, at, "Info", "Execution cancelled; instances in Standby stay in Standby and suspended processes stay suspended");
    }
}
