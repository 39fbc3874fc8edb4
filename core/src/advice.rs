//! What the user can do next: follow-up commands for an execution's state, and hints for the
//! API errors people hit most often.

use crate::api::response::Status;
use crate::api::{ApiError, ErrorClass};
use crate::command::{Target, plugin_command};
use crate::i18n::Text;
use crate::t;

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
) -> Vec<Text> {
    let cmd = |verb: &str| plugin_command(verb, execution_id, target);
    let mut steps = Vec::new();
    match status {
        Status::Waiting => {
            steps.push(t!("next.approve", command = cmd("approve")));
            steps.push(t!("next.status_so_far", command = cmd("status")));
            steps.push(t!("next.cancel_here", command = cmd("cancel")));
        }
        Status::Success => {
            if !is_rollback {
                steps.push(t!("next.rollback_update", command = cmd("rollback")));
            }
        }
        Status::Failed => {
            steps.push(t!("next.status_failed", command = cmd("status")));
            steps.push(t!("next.cleanup"));
            if !is_rollback {
                steps.push(t!("next.rollback_changed", command = cmd("rollback")));
            }
        }
        Status::Cancelled => {
            steps.push(t!("next.cleanup_status", command = cmd("status")));
            if !is_rollback {
                steps.push(t!("next.rollback_changed", command = cmd("rollback")));
            }
        }
        _ => {
            steps.push(t!("next.wait", command = cmd("wait")));
            steps.push(t!("next.cancel", command = cmd("cancel")));
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
pub fn error_hint(error: &ApiError) -> Option<Text> {
    let code = error.code.as_str();
    if code == "InvalidAccessKeyId.NotFound" || code == "InvalidAccessKeyId.Inactive" {
        return Some(t!("hint.api.access_key_unknown"));
    }
    if code.starts_with("InvalidSecurityToken") {
        return Some(t!("hint.api.sts_token"));
    }
    if code == "IllegalTimestamp" || code.starts_with("InvalidTimeStamp") {
        return Some(t!("hint.api.clock"));
    }
    if code == "EntityNotExists.Template" {
        return Some(t!("hint.api.template_region"));
    }
    if code.starts_with("EntityNotExists") || code.contains("ExecutionNotFound") {
        return Some(t!("hint.api.not_found"));
    }
    match error.class() {
        ErrorClass::Signature => Some(t!("hint.api.signature")),
        ErrorClass::Permission => Some(t!("hint.api.permission")),
        ErrorClass::Throttling => Some(t!("hint.api.throttling")),
        ErrorClass::Server => Some(t!("hint.api.server")),
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
