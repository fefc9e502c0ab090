//! ISO 8601 date-times as SUNBAY sends them (`2023-11-19T10:30:00+08:00`,
//! §7 timeExpire, §8.1 expiresAt) to Unix milliseconds.

/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)` to Unix ms; `None` for
/// anything else (the text is kept as sent for the caller).
pub fn parse_ms(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, min, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || min > 59 || sec > 60 {
        return None;
    }
    let mut i = 19;
    let mut millis = 0i64;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
        let frac = &s[start..i.min(start + 3)];
        millis = frac.parse::<i64>().ok()? * 10i64.pow(3 - frac.len() as u32);
    }
    let offset_s = match &s[i..] {
        "Z" | "z" => 0,
        rest if rest.len() == 6 || rest.len() == 5 => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = rest[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || (rest.len() == 6 && rest.as_bytes()[3] != b':') {
                return None;
            }
            let h: i64 = digits.get(0..2)?.parse().ok()?;
            let m: i64 = digits.get(2..4)?.parse().ok()?;
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + hour * 3600 + min * 60 + sec) - offset_s) * 1000 + millis)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples() {
        assert_eq!(parse_ms("1970-01-01T00:00:00Z"), Some(0));
        // 2023-11-19T02:30:00Z = 1700361000 s.
        assert_eq!(
            parse_ms("2023-11-19T10:30:00+08:00"),
            Some(1_700_361_000_000)
        );
        assert_eq!(
            parse_ms("2023-11-19T02:30:00.250Z"),
            Some(1_700_361_000_250)
        );
        assert_eq!(
            parse_ms("2023-11-18T21:30:00-0500"),
            Some(1_700_361_000_000)
        );
        assert_eq!(parse_ms("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
        for bad in [
            "",
            "2023-11-19",
            "2023-13-19T10:30:00Z",
            "2023-11-19T10:30:00",
            "x023-11-19T10:30:00Z",
            "2023-11-19T10:30:00+8",
        ] {
            assert_eq!(parse_ms(bad), None, "{bad}");
        }
    }
}
