//! `IotPay\Autodebit\Limits`: WeChat's withholding limits (§13) as a value,
//! and the pre-flight check `IotPay\Client::debit` applies (D55, D56).

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::exceptions::guard;
use crate::php_array::{only_keys, opt_int};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::autodebit::limits::{self, Limits as Core, PastDebit};
use iotpay_core::Error;

/// The caller's record of earlier successful debits on one contract: a list
/// of `['time' => epoch ms, 'amount' => minor units]`.
pub(crate) fn read_history(ht: &ZendHashTable) -> Result<Vec<PastDebit>, Error> {
    let mut out = Vec::with_capacity(ht.len());
    for v in ht.values() {
        let item = v
            .array()
            .ok_or_else(|| Error::validation("history", "each debit must be an array"))?;
        only_keys(item, &["time", "amount"])?;
        let get = |k: &str| {
            opt_int(item, k)?.ok_or_else(|| {
                Error::validation("history", format!("each debit needs an integer '{k}'"))
            })
        };
        out.push(PastDebit {
            time_ms: get("time")?,
            amount: get("amount")?,
        });
    }
    Ok(out)
}

/// Now, epoch milliseconds.
pub(crate) fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[php_class]
#[php(name = "IotPay\\Autodebit\\Limits")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Limits {
    inner: Core,
}

#[php_impl]
impl Limits {
    /// CAD's (and CNY's) limits in minor units; USD's are lower (D55):
    /// read a contract's from `wechat($currency)`.
    const PER_DEBIT: i64 = Core::WECHAT.per_debit;
    const PER_DAY_AMOUNT: i64 = Core::WECHAT.per_day_amount;
    const PER_MONTH_AMOUNT: i64 = Core::WECHAT.per_month_amount;
    const DEBITS_PER_DAY: i64 = Core::WECHAT.debits_per_day as i64;
    const DEBITS_PER_MONTH: i64 = Core::WECHAT.debits_per_month as i64;

    /// The limits of a contract in `currency` (default CAD): §13 states
    /// CAD 30 per debit, per day and per month, one debit a day and three a
    /// month; CNY gets 30 in its own units and USD 20 (D55: never above
    /// CAD 30). Any other currency is a `ValidationException` on `currency`.
    #[php(optional = currency)]
    pub fn wechat(currency: Option<String>) -> PhpResult<Self> {
        guard(|| {
            Ok(Limits {
                inner: Core::wechat_for(currency.as_deref().unwrap_or("CAD"))?,
            })
        })
    }

    pub fn get_per_debit(&self) -> i64 {
        self.inner.per_debit
    }
    pub fn get_per_day_amount(&self) -> i64 {
        self.inner.per_day_amount
    }
    pub fn get_per_month_amount(&self) -> i64 {
        self.inner.per_month_amount
    }
    pub fn get_debits_per_day(&self) -> i64 {
        i64::try_from(self.inner.debits_per_day).unwrap_or(i64::MAX)
    }
    pub fn get_debits_per_month(&self) -> i64 {
        i64::try_from(self.inner.debits_per_month).unwrap_or(i64::MAX)
    }
    /// The calendars whose days and months count, as minutes east of UTC:
    /// UTC and China Standard Time (D56).
    pub fn get_calendar_offsets_minutes(&self) -> Vec<i64> {
        limits::ZONES_MINUTES.to_vec()
    }

    /// Whether a single debit of `amount` (minor units) fits at all: a
    /// renewal that does not can never be auto-debited.
    pub fn allows_amount(&self, amount: i64) -> bool {
        self.inner.allows_amount(amount)
    }

    /// Throws `ValidationException` (getField(): `limit.perDebit`,
    /// `limit.perDay`, `limit.perDayAmount`, `limit.perMonth`,
    /// `limit.perMonthAmount`) when a debit of `amount` at `nowMs` (default:
    /// now) would break a limit, given `history`: every earlier successful
    /// debit on the contract, `[['time' => epoch ms, 'amount' => minor units], …]`.
    #[php(optional = nowMs)]
    pub fn check(
        &self,
        amount: i64,
        history: &ZendHashTable,
        nowMs: Option<i64>,
    ) -> PhpResult<bool> {
        guard(|| {
            self.inner.check(
                amount,
                nowMs.unwrap_or_else(now_ms),
                &read_history(history)?,
            )?;
            Ok(true)
        })
    }

    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> ZBox<ZendHashTable> {
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("perDebit", self.inner.per_debit);
        let _ = ht.insert("perDayAmount", self.inner.per_day_amount);
        let _ = ht.insert("perMonthAmount", self.inner.per_month_amount);
        let _ = ht.insert("debitsPerDay", self.get_debits_per_day());
        let _ = ht.insert("debitsPerMonth", self.get_debits_per_month());
        ht
    }
}
