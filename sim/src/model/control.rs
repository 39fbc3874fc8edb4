//! What NotifyExecution and CancelExecution do to a running rolling update.

use super::World;
use super::engine::Phase;
use super::{Notify, Status};
use crate::error::ApiError;

impl World {
    pub(crate) fn notify_at(
        &mut self,
        idx: usize,
        at: u64,
        notify: Notify,
        task: Option<&str>,
    ) -> Result<(), ApiError> {
        let exec_id = self.executions[idx].id.clone();
        let status = self.executions[idx].status;
        let Some(mut run) = self.executions[idx].run.take() else {
            return Err(ApiError::new(
                400,
                "InvalidStatus.Execution",
                format!(
                    "The execution ({exec_id}) is in status {} and cannot be notified.",
                    status.as_str()
                ),
            ));
        };
        if run.phase != Phase::Paused {
            self.executions[idx].run = Some(run);
            return Err(ApiError::new(
                400,
                "InvalidStatus.Execution",
                format!(
                    "The execution ({exec_id}) is {}, not Waiting; there is nothing to approve.",
                    status.as_str()
                ),
            ));
        }
        let loop_id = run.loop_task.clone().unwrap_or_default();
        if let Some(task) = task.filter(|t| !t.is_empty() && *t != loop_id) {
            self.executions[idx].run = Some(run);
            return Err(ApiError::new(
                404,
                "EntityNotExists.TaskExecution",
                format!(
                    "The task execution ({task}) is not the waiting task of {exec_id}; the waiting task is {loop_id}."
                ),
            ));
        }
        match notify {
            Notify::Approve => {
                run.phase = Phase::Batch;
                self.set_status(idx, Status::Running, "", at);
                self.set_task(&loop_id, Status::Running, "", at);
                self.log(
                    &exec_id,
                    Some(&loop_id),
                    at,
                    "Info",
                    "Approved; continuing with the next batch",
                );
                let next = run.batch + 1;
                self.start_batch(idx, &mut run, next, at, &[]);
            }
            Notify::Reject => {
                let msg = "Rejected by NotifyExecution(NotifyType=Reject); processes suspended at the start stay suspended";
                self.set_task(&loop_id, Status::Failed, msg, at);
                self.fail_run(idx, &mut run, at, msg);
            }
        }
        self.executions[idx].run = Some(run);
        Ok(())
    }

    pub(crate) fn cancel_at(&mut self, idx: usize, at: u64) {
        if self.executions[idx].status.is_terminal() {
            return;
        }
        let exec_id = self.executions[idx].id.clone();
        let mut run = self.executions[idx].run.take();
        if let Some(run) = run.as_mut() {
            run.phase = Phase::Done;
            for c in run.children.iter_mut().filter(|c| !c.done) {
                c.done = true;
            }
        }
        self.executions[idx].run = run;
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
