//! A UTC time stamp as both signatures spell it, with no clock and no date crate.

use std::fmt;
use std::str::FromStr;

/// A UTC time to the second, formatted `YYYY-MM-DDThh:mm:ssZ`.
///
/// The core reads no clock: the caller passes the current time, usually as seconds since the
/// Unix epoch through [`UtcTime::from_unix_seconds`].
///
/// ```
/// use rolling_update_core::sign::UtcTime;
/// let t = UtcTime::from_unix_seconds(1_735_689_600).unwrap();
/// assert_eq!(t.to_string(), "2025-01-01T00:00:00Z");
/// assert_eq!("2025-01-01T00:00:00Z".parse::<UtcTime>().unwrap(), t);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UtcTime {
    unix_seconds: i64,
}

/// The first second of year 10000: four-digit years only.
const MAX_UNIX_SECONDS: i64 = 253_402_300_800;

impl UtcTime {
    /// The time `seconds` after 1970-01-01T00:00:00Z; `None` outside years 1970..=9999.
    pub fn from_unix_seconds(seconds: i64) -> Option<UtcTime> {
        (0..MAX_UNIX_SECONDS).contains(&seconds).then_some(UtcTime { unix_seconds: seconds })
    }

    /// Seconds since the Unix epoch.
    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    /// `(year, month, day, hour, minute, second)`.
    pub fn civil(self) -> (i64, u32, u32, u32, u32, u32) {
        let days = self.unix_seconds.div_euclid(86_400);
        let secs = self.unix_seconds.rem_euclid(86_400);
        let (year, month, day) = civil_from_days(days);
        // secs < 86400, so each part fits easily.
        let secs = secs as u32;
        (year, month, day, secs / 3600, secs / 60 % 60, secs % 60)
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The inverse: (year, month, day) to days since 1970-01-01.
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let month = i64::from(month);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl fmt::Display for UtcTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.civil();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

/// The text is not a `YYYY-MM-DDThh:mm:ssZ` time between 1970 and 9999.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseTimeError(String);

impl ParseTimeError {
    /// What went wrong, for a person.
    pub fn text(&self) -> crate::i18n::Text {
        crate::t!("sign.error.time", got = format!("{:?}", self.0))
    }
}

crate::display_as_text!(ParseTimeError);

impl std::error::Error for ParseTimeError {}

impl FromStr for UtcTime {
    type Err = ParseTimeError;

    fn from_str(text: &str) -> Result<UtcTime, ParseTimeError> {
        let err = || ParseTimeError(text.to_owned());
        let b = text.as_bytes();
        let shape_ok = b.len() == 20
            && b[4] == b'-'
            && b[7] == b'-'
            && b[10] == b'T'
            && b[13] == b':'
            && b[16] == b':'
            && b[19] == b'Z';
        if !shape_ok {
            return Err(err());
        }
        let num = |range: std::ops::Range<usize>| -> Result<u32, ParseTimeError> {
            let part = text.get(range).ok_or_else(err)?;
            if !part.bytes().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            part.parse().map_err(|_| err())
        };
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let month_days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return Err(err()),
        };
        if day == 0 || day > month_days || hour > 23 || minute > 59 || second > 59 {
            return Err(err());
        }
        let days = days_from_civil(i64::from(year), month, day);
        let seconds =
            days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
        UtcTime::from_unix_seconds(seconds).ok_or_else(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn formats_known_instants() {
        let t = |s| UtcTime::from_unix_seconds(s).unwrap().to_string();
        assert_eq!(t(0), "1970-01-01T00:00:00Z");
        assert_eq!(t(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(t(1_456_231_584), "2016-02-23T12:46:24Z");
        assert_eq!(t(MAX_UNIX_SECONDS - 1), "9999-12-31T23:59:59Z");
        assert!(UtcTime::from_unix_seconds(-1).is_none());
        assert!(UtcTime::from_unix_seconds(MAX_UNIX_SECONDS).is_none());
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "2025-02-29T00:00:00Z",
            "2025-01-01 00:00:00Z",
            "2025-01-01T24:00:00Z",
            "+025-01-01T00:00:00Z",
            "",
        ] {
            assert!(bad.parse::<UtcTime>().is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_and_parse_round_trip(secs in 0..MAX_UNIX_SECONDS) {
            let t = UtcTime::from_unix_seconds(secs).unwrap();
            prop_assert_eq!(t.to_string().parse::<UtcTime>().unwrap(), t);
        }
    }

    #[test]
    fn the_error_reads_in_chinese() {
        use crate::i18n::Lang;
        let err = "2025-13-01".parse::<UtcTime>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "expected a UTC time like 2025-01-01T00:00:00Z, got \"2025-13-01\""
        );
        assert!(
            err.text().render(Lang::ZhCn).starts_with("应为形如 2025-01-01T00:00:00Z 的 UTC 时间")
        );
    }
}
