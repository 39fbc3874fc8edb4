//! UTC dates as Alibaba Cloud writes them (`2025-01-01T00:00:00Z`), from and to milliseconds
//! since the Unix epoch. Civil-date arithmetic after Howard Hinnant's `days_from_civil`.

/// Formats milliseconds since the Unix epoch as `YYYY-MM-DDThh:mm:ssZ`.
pub fn format_utc(ms: u64) -> String {
    let secs = ms / 1000;
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, (rem / 60) % 60, rem % 60)
}

/// Parses `YYYY-MM-DDThh:mm:ssZ` (fractional seconds allowed) into seconds since the epoch.
pub fn parse_utc(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' {
        return None;
    }
    if b[16] != b':' || *b.last()? != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) { s.parse().ok() } else { None }
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let tail = &text[19..text.len() - 1];
    if !(tail.is_empty()
        || (tail.starts_with('.') && tail[1..].bytes().all(|c| c.is_ascii_digit())))
    {
        return None;
    }
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    Some(days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_known_dates() {
        assert_eq!(format_utc(1_735_689_600_000), "2025-01-01T00:00:00Z");
        assert_eq!(parse_utc("2025-01-01T00:00:00Z"), Some(1_735_689_600));
        assert_eq!(parse_utc("2016-02-23T12:46:24Z"), Some(1_456_231_584));
        assert_eq!(format_utc(1_456_231_584_000), "2016-02-23T12:46:24Z");
        assert_eq!(parse_utc("2024-02-29T23:59:59.123Z"), Some(1_709_251_199));
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "",
            "2025-01-01",
            "2025-01-01 00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-01-01T00:00:00+08:00",
            "2025-01-01T00:00:00.Z9",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }
}
