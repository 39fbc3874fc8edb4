//! What the user can do next: follow-up commands for an execution's state, and hints for the
//! API errors people hit most often.

use crate::api::response::Status;
use crate::api::{ApiError, ErrorClass};
use crate::command::{Target, plugin_command};

/// Follow-up commands for an execution in `status`. `is_rollback` is true when the execution
/// itself undoes another one (there is nothing to roll back then).
///
/// ```
/// use rolling_update_core::advice::next_steps;
/// use rolling_update_core::api::response::Status;
/// use rolling_update_core::command::Target;
/// let steps = next_steps(&Status::Waiting, "exec-1", &Target::region("cn-hangzhou"), false);
/// assert!(steps[0].contains("aliyun rolling-update approve exec-1"));
/// ```
pub fn next_steps(
    status: &Status,
    execution_id: &str,
    target: &Target,
    is_rollback: bool,
) -> Vec<String> {
    let cmd = |verb: &str| plugin_command(verb, execution_id, target);
    let mut steps = Vec::new();
    match status {
        Status::Waiting => {
            steps.push(format!("continue with the next batch: {}", cmd("approve")));
            steps.push(format!("see what has been done so far: {}", cmd("status")));
            steps.push(format!("stop here: {}", cmd("cancel")));
        }
        Status::Success => {
            if !is_rollback {
                steps.push(format!("undo the update: {}", cmd("rollback")));
            }
        }
        Status::Failed => {
            steps.push(format!("see which instances failed and why: {}", cmd("status")));
            steps.push(
                "resume the group's processes and take instances out of Standby: run the \
                 clean-up commands printed with this result"
                    .to_owned(),
            );
            if !is_rollback {
                steps.push(format!("undo the instances it changed: {}", cmd("rollback")));
            }
        }
        Status::Cancelled => {
            steps.push(format!(
                "resume the group's processes and take instances out of Standby: run the \
                 clean-up commands printed with this result (`{}` prints them too)",
                cmd("status")
            ));
            if !is_rollback {
                steps.push(format!("undo the instances it changed: {}", cmd("rollback")));
            }
        }
        _ => {
            steps.push(format!("follow it to the end: {}", cmd("wait")));
            steps.push(format!("stop it: {}", cmd("cancel")));
        }
    }
    steps
}

/// A one-line hint for an API error, when there is a common cause.
///
/// ```
/// use rolling_update_core::advice::error_hint;
/// use rolling_update_core::api::ApiError;
/// let e = ApiError::from_response(403, &[] as &[(&str, &str)], br#"{"Code":"Forbidden.RAM","Message":"m"}"#);
/// assert!(error_hint(&e).unwrap().contains("doctor"));
/// ```
pub fn error_hint(error: &ApiError) -> Option<&'static str> {
    let code = error.code.as_str();
    if code == "InvalidAccessKeyId.NotFound" || code == "InvalidAccessKeyId.Inactive" {
        return Some(
            "the AccessKey ID is unknown or disabled; check the profile with `aliyun configure list`",
        );
    }
    if code.starts_with("InvalidSecurityToken") {
        return Some(
            "the STS token expired or does not match the AccessKey; fetch new temporary credentials",
        );
    }
    if code == "IllegalTimestamp" || code.starts_with("InvalidTimeStamp") {
        return Some(
            "the request's time was refused: check the clock of this machine (sync it, e.g. with NTP) and retry; `aliyun rolling-update doctor` shows the offset",
        );
    }
    if code == "EntityNotExists.Template" {
        return Some("the template is not available in this region; check --region");
    }
    if code.starts_with("EntityNotExists") || code.contains("ExecutionNotFound") {
        return Some("check the id and the region (--region): executions are regional");
    }
    match error.class() {
        ErrorClass::Signature => Some(
            "check the AccessKey secret: it does not match the AccessKey ID (or the clock is off); run `aliyun rolling-update doctor`",
        ),
        ErrorClass::Permission => Some(
            "the RAM user lacks a permission; `aliyun rolling-update doctor` lists what is missing",
        ),
        ErrorClass::Throttling => {
            Some("the API is throttling calls; wait a little and retry, or raise --retry-count")
        }
        ErrorClass::Server => Some("a temporary server fault; retry later"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_advice_except_a_finished_rollback() {
        for s in [
            Status::Running,
            Status::Started,
            Status::Waiting,
            Status::Failed,
            Status::Cancelled,
            Status::Success,
        ] {
            assert!(!next_steps(&s, "e", &Target::region("r"), false).is_empty(), "{s}");
        }
        assert!(next_steps(&Status::Success, "e", &Target::region("r"), true).is_empty());
        assert!(
            next_steps(&Status::Failed, "e", &Target::region("r"), false)
                .iter()
                .any(|s| s.contains("rollback e"))
        );
    }

    #[test]
    fn hints_cover_common_codes() {
        let e = |status, code: &str| {
            let body = format!(r#"{{"Code":"{code}","Message":"m"}}"#);
            ApiError::from_response(status, &[] as &[(&str, &str)], body.as_bytes())
        };
        assert!(error_hint(&e(404, "InvalidAccessKeyId.NotFound")).is_some());
        assert!(error_hint(&e(400, "IllegalTimestamp")).unwrap().contains("clock"));
        assert!(error_hint(&e(403, "SignatureDoesNotMatch")).is_some());
        assert!(error_hint(&e(400, "Throttling.User")).is_some());
        assert!(error_hint(&e(400, "Whatever")).is_none());
    }
}
