//! Small helpers: clock, calendar formatting, a seedable random generator and
//! HTML escaping. Kept dependency-free so the sandbox stays deterministic.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Civil date (UTC) for a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Broken-down UTC time of an epoch-milliseconds value.
pub struct Utc {
    pub year: i64,
    pub month: u32,
    pub day: u32,
    pub hour: u32,
    pub minute: u32,
    pub second: u32,
}

pub fn utc(ms: i64) -> Utc {
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    Utc {
        year,
        month,
        day,
        hour: (rem / 3600) as u32,
        minute: ((rem % 3600) / 60) as u32,
        second: (rem % 60) as u32,
    }
}

/// `yyyyMMddHHmmss` (UTC), used inside generated ids.
pub fn compact_stamp(ms: i64) -> String {
    let t = utc(ms);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// `yyyy-MM-dd HH:mm:ss` (UTC), the Credit Card V3 `paySuccTime` format.
pub fn datetime(ms: i64) -> String {
    let t = utc(ms);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02}",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// ISO 8601 with offset, `yyyy-MM-ddTHH:mm:ss+00:00` (UTC), SUNBAY's times.
pub fn iso8601(ms: i64) -> String {
    let t = utc(ms);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}+00:00",
        t.year, t.month, t.day, t.hour, t.minute, t.second
    )
}

/// Formats 32 random hex digits as a UUID version 4 (RFC 9562 variant).
pub fn uuid_v4(hex32: &str) -> String {
    let mut h: Vec<char> = hex32
        .chars()
        .chain(std::iter::repeat('0'))
        .take(32)
        .collect();
    h[12] = '4';
    h[16] = match h[16] {
        '0' | '4' | '8' | 'c' => '8',
        '1' | '5' | '9' | 'd' => '9',
        '2' | '6' | 'a' | 'e' => 'a',
        _ => 'b',
    };
    let s: String = h.into_iter().collect();
    format!(
        "{}-{}-{}-{}-{}",
        &s[0..8],
        &s[8..12],
        &s[12..16],
        &s[16..20],
        &s[20..32]
    )
}

/// Day number (UTC) and month number (`year*12+month`), for autodebit limits.
pub fn day_and_month(ms: i64) -> (i64, i64) {
    let t = utc(ms);
    (ms.div_euclid(86_400_000), t.year * 12 + i64::from(t.month))
}

/// SplitMix64: tiny, fast, and fully determined by its seed.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// True with probability `rate` (0 never consumes randomness, 1 always true).
    pub fn chance(&mut self, rate: f64) -> bool {
        if rate <= 0.0 {
            return false;
        }
        if rate >= 1.0 {
            return true;
        }
        self.next_f64() < rate
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }

    pub fn hex(&mut self, len: usize) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        (0..len)
            .map(|_| HEX[(self.next_u64() & 15) as usize] as char)
            .collect()
    }

    pub fn digits(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from(b'0' + (self.below(10) as u8)))
            .collect()
    }
}

/// Escapes text for HTML element content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `1234` cents → `12.34` (two minor digits for every currency the gateway takes).
pub fn format_minor(amount: i64) -> String {
    format_minor_digits(amount, 2)
}

/// Minor units → a decimal string with `digits` places (`1234`, 3 → `1.234`).
pub fn format_minor_digits(amount: i64, digits: u32) -> String {
    let sign = if amount < 0 { "-" } else { "" };
    let a = amount.unsigned_abs();
    if digits == 0 {
        return format!("{sign}{a}");
    }
    let scale = 10u64.pow(digits.min(9));
    format!(
        "{sign}{}.{:0width$}",
        a / scale,
        a % scale,
        width = digits.min(9) as usize
    )
}

/// Why a URL was refused by [`check_http_url`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlProblem {
    /// Not an absolute `http`/`https` URL with a host.
    NotHttp,
    /// Holds a `?` where none is allowed.
    HasQuery,
}

/// An absolute `http`/`https` URL with a host and no whitespace; with
/// `allow_query` false it may not hold `?` either (IOTPay D11).
pub fn check_http_url(value: &str, allow_query: bool) -> Result<(), UrlProblem> {
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(UrlProblem::NotHttp);
    }
    let parsed = url::Url::parse(value).map_err(|_| UrlProblem::NotHttp)?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(UrlProblem::NotHttp);
    }
    if !allow_query && value.contains('?') {
        return Err(UrlProblem::HasQuery);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar() {
        assert_eq!(datetime(0), "1970-01-01 00:00:00");
        assert_eq!(datetime(1_505_049_094_262), "2017-09-10 13:11:34");
        assert_eq!(compact_stamp(951_782_400_000), "20000229000000");
    }

    #[test]
    fn money() {
        assert_eq!(format_minor(2865), "28.65");
        assert_eq!(format_minor(5), "0.05");
    }

    #[test]
    fn rng_is_deterministic() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        assert_eq!(a.next_u64(), b.next_u64());
        assert!(!a.chance(0.0));
        assert!(a.chance(1.0));
    }
}
