//! WeChat's withholding limits (spec §13) as a value the caller can read,
//! and the pre-flight check that refuses a debit IOTPay is sure to refuse,
//! before anything is sent (D55, D56).
//!
//! The extension keeps no history: the caller passes every successful debit
//! on the contract (refunded ones included — §13: a refund does not give the
//! count back).

use crate::error::{Error, Result};

/// One earlier successful debit on the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PastDebit {
    /// When it was paid, epoch milliseconds.
    pub time_ms: i64,
    /// Minor units.
    pub amount: i64,
}

/// Per-contract limits, in minor units of the contract's currency (D55).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub per_debit: i64,
    pub per_day_amount: i64,
    pub per_month_amount: i64,
    pub debits_per_day: usize,
    pub debits_per_month: usize,
}

/// The calendars whose days and months count, as offsets from UTC in
/// minutes: UTC and China Standard Time (WeChat Pay's own). A debit is
/// refused when it would break a limit in either (D56).
pub const ZONES_MINUTES: [i64; 2] = [0, 8 * 60];

const DAY_MS: i64 = 86_400_000;

impl Limits {
    /// §13: CAD 30 per transaction, per day and per month; at most one
    /// debit a day and three a month.
    pub const WECHAT: Limits = Limits {
        per_debit: 3000,
        per_day_amount: 3000,
        per_month_amount: 3000,
        debits_per_day: 1,
        debits_per_month: 3,
    };

    /// The limits for a USD contract: §13 states CAD 30 and no exchange
    /// rate is known, so US$20 — below CAD 30 while US$1 is worth at most
    /// CAD 1.50 (it has stayed between 0.95 and 1.46 since 2007). Reading
    /// CAD 30 as US$30 would let through debits WeChat may refuse, and a
    /// refusal may still count against the contract's period (D55).
    pub const WECHAT_USD: Limits = Limits {
        per_debit: 2000,
        per_day_amount: 2000,
        per_month_amount: 2000,
        ..Limits::WECHAT
    };

    /// WeChat's limits for a contract in `currency` (D55): CAD as §13
    /// states it; CNY as 30 in its own units (stricter than CAD 30, so it
    /// refuses only debits IOTPay might have taken, never the reverse); USD
    /// as [`Limits::WECHAT_USD`]. Any other currency has no autodebit.
    pub fn wechat_for(currency: &str) -> Result<Limits> {
        match currency {
            "CAD" | "CNY" => Ok(Limits::WECHAT),
            "USD" => Ok(Limits::WECHAT_USD),
            _ => Err(Error::validation(
                "currency",
                "WeChat auto-debit takes CAD, CNY or USD",
            )),
        }
    }

    /// Whether an amount could ever be debited (the per-debit limit only):
    /// a product whose renewal does not fit cannot use auto-debit.
    pub fn allows_amount(&self, amount: i64) -> bool {
        amount > 0 && amount <= self.per_debit
    }

    /// Refuses a debit of `amount` at `now_ms` that would break a limit,
    /// given the contract's earlier successful debits. The error's field
    /// names the limit: `limit.perDebit`, `limit.perDay`,
    /// `limit.perDayAmount`, `limit.perMonth`, `limit.perMonthAmount`.
    pub fn check(&self, amount: i64, now_ms: i64, history: &[PastDebit]) -> Result<()> {
        if amount <= 0 {
            return Err(Error::validation("amount", "must be positive"));
        }
        for d in history {
            if d.time_ms <= 0 || d.amount < 0 {
                return Err(Error::validation(
                    "history",
                    "each debit needs a positive time (epoch ms) and a non-negative amount",
                ));
            }
        }
        if amount > self.per_debit {
            return Err(Error::validation(
                "limit.perDebit",
                format!(
                    "amount {amount} is above the per-debit limit {}",
                    self.per_debit
                ),
            ));
        }
        for zone in ZONES_MINUTES {
            let off = zone * 60_000;
            let day = |t: i64| (t + off).div_euclid(DAY_MS);
            let month = |t: i64| month_index(day(t));
            let (today, this_month) = (day(now_ms), month(now_ms));
            let same_day: Vec<i64> = history
                .iter()
                .filter(|d| day(d.time_ms) == today)
                .map(|d| d.amount)
                .collect();
            let same_month: Vec<i64> = history
                .iter()
                .filter(|d| month(d.time_ms) == this_month)
                .map(|d| d.amount)
                .collect();
            let zone_name = zone_name(zone);
            if same_day.len() >= self.debits_per_day {
                return Err(Error::validation(
                    "limit.perDay",
                    format!(
                        "{} debit(s) already on this day ({zone_name}); the limit is {}",
                        same_day.len(),
                        self.debits_per_day
                    ),
                ));
            }
            let day_sum: i64 = same_day.iter().sum();
            if day_sum.saturating_add(amount) > self.per_day_amount {
                return Err(Error::validation(
                    "limit.perDayAmount",
                    format!(
                        "{day_sum} already debited on this day ({zone_name}); {amount} more is above {}",
                        self.per_day_amount
                    ),
                ));
            }
            if same_month.len() >= self.debits_per_month {
                return Err(Error::validation(
                    "limit.perMonth",
                    format!(
                        "{} debit(s) already in this month ({zone_name}); the limit is {}",
                        same_month.len(),
                        self.debits_per_month
                    ),
                ));
            }
            let month_sum: i64 = same_month.iter().sum();
            if month_sum.saturating_add(amount) > self.per_month_amount {
                return Err(Error::validation(
                    "limit.perMonthAmount",
                    format!(
                        "{month_sum} already debited in this month ({zone_name}); {amount} more is above {}",
                        self.per_month_amount
                    ),
                ));
            }
        }
        Ok(())
    }
}

fn zone_name(minutes: i64) -> &'static str {
    if minutes == 0 {
        "UTC"
    } else {
        "China Standard Time"
    }
}

/// `year * 12 + month - 1` of a day counted from 1970-01-01 (the civil
/// calendar, proleptic Gregorian).
fn month_index(days: i64) -> i64 {
    // H. Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    year * 12 + month - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    const L: Limits = Limits::WECHAT;
    /// 2026-03-15 12:00:00 UTC (20:00 in China).
    const NOON: i64 = 1_773_576_000_000;
    const HOUR: i64 = 3_600_000;

    fn field(r: Result<()>) -> String {
        match r {
            Err(Error::Validation { field, .. }) => field,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    fn d(time_ms: i64, amount: i64) -> PastDebit {
        PastDebit { time_ms, amount }
    }

    #[test]
    fn civil_months() {
        assert_eq!(month_index(0), 1970 * 12);
        // 2026-03-15 and 2026-02-28 / 2026-03-01 / 2024-02-29.
        assert_eq!(month_index(NOON / DAY_MS), 2026 * 12 + 2);
        assert_eq!(month_index(20_512), 2026 * 12 + 1);
        assert_eq!(month_index(20_513), 2026 * 12 + 2);
        assert_eq!(month_index(19_782), 2024 * 12 + 1);
        assert_eq!(month_index(-1), 1969 * 12 + 11);
    }

    #[test]
    fn per_debit() {
        assert!(L.check(3000, NOON, &[]).is_ok());
        assert_eq!(field(L.check(3001, NOON, &[])), "limit.perDebit");
        assert!(L.allows_amount(3000) && !L.allows_amount(3001) && !L.allows_amount(0));
    }

    #[test]
    fn one_a_day_in_utc_or_china() {
        // Same UTC day.
        assert_eq!(
            field(L.check(500, NOON, &[d(NOON - 11 * HOUR, 500)])),
            "limit.perDay"
        );
        // 13:00 UTC the day before = 21:00 China the day before: another day
        // in both calendars.
        assert!(L.check(500, NOON, &[d(NOON - 23 * HOUR, 500)]).is_ok());
        // 17:00 UTC the day before = 01:00 China today: same China day.
        assert_eq!(
            field(L.check(500, NOON, &[d(NOON - 19 * HOUR, 500)])),
            "limit.perDay"
        );
        assert!(L.check(500, NOON, &[d(NOON - 25 * HOUR, 500)]).is_ok());
    }

    #[test]
    fn three_a_month_and_the_monthly_amount() {
        let days = |n: i64| NOON - n * DAY_MS;
        let h = [d(days(2), 500), d(days(5), 500), d(days(9), 500)];
        assert_eq!(field(L.check(500, NOON, &h)), "limit.perMonth");
        assert!(L.check(500, NOON, &h[..2]).is_ok());
        let big = [d(days(2), 2000)];
        assert_eq!(field(L.check(1001, NOON, &big)), "limit.perMonthAmount");
        assert!(L.check(1000, NOON, &big).is_ok());
        // Last month's debits do not count.
        let old = [d(days(20), 3000), d(days(25), 3000), d(days(30), 3000)];
        assert!(L.check(3000, NOON, &old).is_ok());
    }

    #[test]
    fn month_boundary_in_either_zone() {
        // 2026-03-31 20:00 UTC = 2026-04-01 04:00 China: a debit then is in
        // March (UTC) and April (China); one on 2026-04-10 shares China's April.
        let mar31 = 1_774_987_200_000;
        let apr10 = mar31 + 10 * DAY_MS;
        let h = [
            d(mar31, 100),
            d(mar31 + 2 * DAY_MS, 100),
            d(mar31 + 4 * DAY_MS, 100),
        ];
        assert_eq!(field(L.check(100, apr10, &h)), "limit.perMonth");
    }

    #[test]
    fn bad_history() {
        assert_eq!(field(L.check(100, NOON, &[d(0, 1)])), "history");
        assert_eq!(field(L.check(100, NOON, &[d(1, -1)])), "history");
        assert_eq!(field(L.check(0, NOON, &[])), "amount");
    }

    #[test]
    fn each_currency_has_limits_that_never_exceed_cad_30() {
        let cad = Limits::wechat_for("CAD").unwrap();
        assert_eq!(cad, Limits::WECHAT);
        assert_eq!(Limits::wechat_for("CNY").unwrap(), Limits::WECHAT);
        let usd = Limits::wechat_for("USD").unwrap();
        assert!(usd.allows_amount(2000) && !usd.allows_amount(2001));
        assert_eq!(field(usd.check(2001, NOON, &[])), "limit.perDebit");
        assert_eq!((usd.debits_per_day, usd.debits_per_month), (1, 3));
        for other in ["EUR", "cad", ""] {
            assert!(matches!(
                Limits::wechat_for(other),
                Err(Error::Validation { ref field, .. }) if field == "currency"
            ));
        }
    }
}
