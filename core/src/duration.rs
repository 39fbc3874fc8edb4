//! The `--timeout` value of `wait`: seconds, or a duration such as `90s`, `30m`, `2h` or
//! `1h30m`.

use std::time::Duration;

use crate::i18n::Text;
use crate::t;

/// A `--timeout` value that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DurationError {
    /// What was given.
    pub text: String,
    /// What is wrong with it.
    pub reason: Text,
}

impl DurationError {
    /// The error for a person, in any language (`Display` is its English).
    pub fn text(&self) -> Text {
        t!("duration.invalid", text = self.text, reason: self.reason.clone())
    }
}

crate::display_as_text!(DurationError);

impl std::error::Error for DurationError {}

/// Parses bare seconds (`600`) or number-unit pairs with units `s`, `m`, `h`, `d` (`1h30m`).
/// Zero is refused: a timeout that has always passed is a mistake.
///
/// ```
/// use std::time::Duration;
/// use rolling_update_core::duration::parse_duration;
/// assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
/// assert_eq!(parse_duration("30m").unwrap(), Duration::from_secs(1800));
/// assert_eq!(parse_duration("1h30m").unwrap(), Duration::from_secs(5400));
/// assert!(parse_duration("2x").is_err());
/// ```
pub fn parse_duration(text: &str) -> Result<Duration, DurationError> {
    let err = |reason: Text| DurationError { text: text.to_owned(), reason };
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(err(t!("duration.reason.empty")));
    }
    let mut total: u64 = 0;
    let mut digits = String::new();
    let mut saw_unit = false;
    for c in trimmed.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
            continue;
        }
        let unit = match c.to_ascii_lowercase() {
            's' => 1,
            'm' => 60,
            'h' => 3_600,
            'd' => 86_400,
            _ => return Err(err(t!("duration.reason.unknown_unit"))),
        };
        if digits.is_empty() {
            return Err(err(t!("duration.reason.unit_first")));
        }
        let n: u64 = digits.parse().map_err(|_| err(t!("duration.reason.too_large")))?;
        total = n
            .checked_mul(unit)
            .and_then(|s| total.checked_add(s))
            .ok_or_else(|| err(t!("duration.reason.too_large")))?;
        digits.clear();
        saw_unit = true;
    }
    if !digits.is_empty() {
        if saw_unit {
            return Err(err(t!("duration.reason.no_unit")));
        }
        total = digits.parse().map_err(|_| err(t!("duration.reason.too_large")))?;
    }
    if total == 0 {
        return Err(err(t!("duration.reason.zero")));
    }
    Ok(Duration::from_secs(total))
}

/// A duration for people: `1h05m`, `3m20s`, `45s`.
pub fn format_duration(d: Duration) -> String {
    let s = d.as_secs();
    match (s / 3_600, (s % 3_600) / 60, s % 60) {
        (0, 0, sec) => format!("{sec}s"),
        (0, m, sec) => format!("{m}m{sec:02}s"),
        (h, m, _) => format!("{h}h{m:02}m"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        for (text, secs) in
            [("90", 90), ("90s", 90), ("30m", 1800), ("2h", 7200), ("1h30m", 5400), ("1d", 86400)]
        {
            assert_eq!(parse_duration(text), Ok(Duration::from_secs(secs)), "{text}");
        }
        assert_eq!(parse_duration(" 2H "), Ok(Duration::from_secs(7200)));
    }

    #[test]
    fn refuses_nonsense() {
        for text in ["", "0", "0s", "m", "5x", "-5", "1h30", "1.5h", "99999999999999999999"] {
            assert!(parse_duration(text).is_err(), "{text}");
        }
    }

    #[test]
    fn formats_for_people() {
        assert_eq!(format_duration(Duration::from_secs(45)), "45s");
        assert_eq!(format_duration(Duration::from_secs(200)), "3m20s");
        assert_eq!(format_duration(Duration::from_secs(3900)), "1h05m");
    }

    #[test]
    fn errors_read_in_chinese() {
        use crate::i18n::Lang;
        let err = parse_duration("1h30").unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid duration `1h30`: a number after a unit needs its own unit (write seconds, or \
             e.g. 90s, 30m, 2h, 1h30m)"
        );
        assert!(err.text().render(Lang::ZhCn).contains("`1h30`：单位之后的数字也需要自己的单位"));
    }
}
