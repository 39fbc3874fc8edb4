//! Checks of the values a person gives on the command line, made before any call is sent, so
//! that a typo is reported with the flag it came from instead of as an API error (or, worse,
//! after an update has started).

use crate::i18n::Text;
use crate::t;

/// A value that cannot be right, with the flag or argument it came from.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{flag}: {problem}")]
pub struct BadArgument {
    /// The flag or argument (`--region`, `EXECUTION_ID`, ...).
    pub flag: String,
    /// What is wrong, with the value.
    pub problem: Text,
}

impl BadArgument {
    /// The error for a person, in any language ([`Display`](std::fmt::Display) is English).
    pub fn text(&self) -> Text {
        t!("error.bad_argument", flag = self.flag, problem: self.problem.clone())
    }
}

fn bad(flag: &str, problem: Text) -> BadArgument {
    BadArgument { flag: flag.to_owned(), problem }
}

/// A region id such as `cn-hangzhou`, `ap-southeast-1` or `cn-shanghai-finance-1`: lowercase
/// words of letters and digits joined by `-`, the first of letters only, at least two words.
///
/// ```
/// use rolling_update_core::args::check_region;
/// assert!(check_region("--region", "cn-hangzhou").is_ok());
/// assert!(check_region("--region", "cn_hangzhou").is_err());
/// assert!(check_region("--region", "Hangzhou").is_err());
/// ```
pub fn check_region(flag: &str, region: &str) -> Result<(), BadArgument> {
    let words: Vec<&str> = region.split('-').collect();
    let word_ok =
        |w: &&str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let first_ok =
        words.first().is_some_and(|w| w.len() >= 2 && w.bytes().all(|b| b.is_ascii_lowercase()));
    if words.len() >= 2
        && words.len() <= 6
        && first_ok
        && words.iter().all(word_ok)
        && region.len() <= 64
    {
        return Ok(());
    }
    Err(bad(flag, t!("error.bad_region", region = region)))
}

/// An id with a fixed prefix (`exec-`, `asg-`): the prefix, then letters, digits, `-` or `_`.
fn check_prefixed(flag: &str, value: &str, prefix: &str, what: Text) -> Result<(), BadArgument> {
    let rest = value.strip_prefix(prefix).unwrap_or("");
    if !rest.is_empty()
        && value.len() <= 128
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        return Ok(());
    }
    Err(bad(flag, t!("error.bad_id", value = value, what: what, prefix = prefix)))
}

/// An OOS execution id (`exec-...`).
///
/// ```
/// use rolling_update_core::args::check_execution_id;
/// assert!(check_execution_id("EXECUTION_ID", "exec-910a2dec89025cc10001").is_ok());
/// assert!(check_execution_id("EXECUTION_ID", "910a2dec").is_err());
/// assert!(check_execution_id("EXECUTION_ID", "exec-1 --wait").is_err());
/// ```
pub fn check_execution_id(flag: &str, id: &str) -> Result<(), BadArgument> {
    check_prefixed(flag, id, "exec-", t!("error.bad_id.execution"))
}

/// An instance refresh task id (`ir-...`).
///
/// ```
/// use rolling_update_core::args::check_refresh_task_id;
/// assert!(check_refresh_task_id("EXECUTION_ID", "ir-bp1abc").is_ok());
/// assert!(check_refresh_task_id("EXECUTION_ID", "ir- 1").is_err());
/// ```
pub fn check_refresh_task_id(flag: &str, id: &str) -> Result<(), BadArgument> {
    check_prefixed(flag, id, "ir-", t!("error.bad_id.refresh_task"))
}

/// An Auto Scaling group id (`asg-...`).
///
/// ```
/// use rolling_update_core::args::check_group_id;
/// assert!(check_group_id("--scaling-group-id", "asg-bp1abc").is_ok());
/// assert!(check_group_id("--scaling-group-id", "sg-bp1abc").is_err());
/// ```
pub fn check_group_id(flag: &str, id: &str) -> Result<(), BadArgument> {
    check_prefixed(flag, id, "asg-", t!("error.bad_id.group"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_of_every_shape_pass_and_typos_do_not() {
        for ok in [
            "cn-hangzhou",
            "ap-southeast-1",
            "cn-shanghai-finance-1",
            "cn-north-2-gov-1",
            "us-east-1",
            "eu-central-1",
        ] {
            assert!(check_region("--region", ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "cn",
            "cn-",
            "-cn",
            "cn--hangzhou",
            "CN-hangzhou",
            "cn hangzhou",
            "cn-hangzhou ",
            "1n-x",
            "cn-hang\u{00e9}",
        ] {
            let e = check_region("--region", bad).unwrap_err();
            assert_eq!(e.flag, "--region", "{bad}");
            assert!(e.to_string().starts_with("--region: "), "{e}");
        }
    }

    #[test]
    fn ids_need_their_prefix_and_no_blanks() {
        assert!(check_execution_id("EXECUTION_ID", "exec-1").is_ok());
        for bad in ["exec-", "exec", "asg-1", "exec-1/2", "exec-\u{3000}1", " exec-1"] {
            assert!(check_execution_id("EXECUTION_ID", bad).is_err(), "{bad}");
        }
        assert!(check_group_id("--scaling-group-id", "asg-doesnotexist").is_ok());
        assert!(check_group_id("--scaling-group-id", "asg-*").is_err());
    }
}
