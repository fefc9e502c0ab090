//! `IotPay\Decision`: what a verified notification or query answer means for a
//! shop order (core::decision).

use crate::autodebit::debit_result::DebitResult;
use crate::card_notification::CardNotification;
use crate::card_order::CardOrder;
use crate::exceptions::guard;
use crate::notification::Notification;
use crate::php_array::{only_keys, opt_bool, opt_int, opt_str};
use crate::results::OrderResult;
use crate::sunbay::transaction::Transaction as SunbayTransaction;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendHashTable, Zval};
use iotpay_core::decision::{self, Expected, Observed, Outcome};
use iotpay_core::Error;

#[php_class]
#[php(name = "IotPay\\Decision")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Decision {
    inner: decision::Decision,
}

const EXPECTED_KEYS: &[&str] = &[
    "mchId",
    "mchOrderNo",
    "previousMchOrderNos",
    "amount",
    "currency",
    "alreadyPaid",
    "paidMchOrderNo",
];

/// `mchId` may be left out for a SUNBAY transaction: a query answer is for
/// our own merchant by construction.
fn read_expected(e: &ZendHashTable, mch_id_required: bool) -> Result<Expected, Error> {
    only_keys(e, EXPECTED_KEYS)?;
    let req = |k: &str| opt_str(e, k)?.ok_or_else(|| Error::validation(k, "is required"));
    let mut previous = Vec::new();
    if let Some(v) = e.get("previousMchOrderNos") {
        let arr = v
            .array()
            .ok_or_else(|| Error::validation("previousMchOrderNos", "must be an array"))?;
        for item in arr.values() {
            previous
                .push(item.string().ok_or_else(|| {
                    Error::validation("previousMchOrderNos", "must hold strings")
                })?);
        }
    }
    Ok(Expected {
        mch_id: if mch_id_required {
            req("mchId")?
        } else {
            opt_str(e, "mchId")?.unwrap_or_default()
        },
        current_mch_order_no: req("mchOrderNo")?,
        previous_mch_order_nos: previous,
        amount: opt_int(e, "amount")?
            .ok_or_else(|| Error::validation("amount", "is required (integer minor units)"))?,
        currency: req("currency")?,
        already_paid: opt_bool(e, "alreadyPaid")?.unwrap_or(false),
        paid_mch_order_no: opt_str(e, "paidMchOrderNo")?,
    })
}

fn read_observed(o: &Zval) -> Result<Observed, Error> {
    if let Some(n) = o.extract::<&Notification>() {
        let n = &n.inner;
        return Ok(Observed {
            mch_id: Some(n.mch_id.clone()),
            mch_order_no: n.mch_order_no.clone(),
            amount: n.amount,
            currency: n.currency.clone(),
            status: n.status.into(),
            refund_record: false,
        });
    }
    if let Some(r) = o.extract::<&OrderResult>() {
        let r = &r.inner;
        return Ok(Observed {
            mch_id: Some(r.mch_id.clone()),
            mch_order_no: r.mch_order_no.clone(),
            amount: r.amount,
            currency: r.currency.clone(),
            status: r.status.into(),
            refund_record: false,
        });
    }
    if let Some(n) = o.extract::<&CardNotification>() {
        return Ok((&n.order).into());
    }
    if let Some(c) = o.extract::<&CardOrder>() {
        return Ok((&c.inner).into());
    }
    if let Some(d) = o.extract::<&DebitResult>() {
        return Ok((&d.inner).into());
    }
    if let Some(t) = o.extract::<&SunbayTransaction>() {
        return Ok((&t.inner).into());
    }
    Err(Error::validation(
        "observed",
        "must be an IotPay\\Notification, OrderResult, CardNotification, CardOrder, Autodebit\\DebitResult or Sunbay\\Transaction",
    ))
}

#[php_impl]
impl Decision {
    const COMPLETE: &'static str = "complete";
    const ALREADY_SETTLED: &'static str = "already_settled";
    const DUPLICATE_PAYMENT: &'static str = "duplicate_payment";
    const PENDING: &'static str = "pending";
    const CANCELLED: &'static str = "cancelled";
    const FAILED: &'static str = "failed";
    const REFUND_RECORD: &'static str = "refund_record";
    const SUPERSEDED: &'static str = "superseded";
    const NOT_OURS: &'static str = "not_ours";
    const MISMATCH: &'static str = "mismatch";

    /// `expected`: mchId, mchOrderNo (current attempt), previousMchOrderNos,
    /// amount (minor units), currency, alreadyPaid, paidMchOrderNo.
    /// `observed`: a verified Notification or CardNotification, or an
    /// OrderResult or CardOrder (a query answer), an Autodebit\DebitResult
    /// (a debit is a payment: its callback is a Notification, its query an
    /// OrderResult), or a Sunbay\Transaction (a query answer; for SUNBAY,
    /// mchOrderNo is the attempt's transactionRequestId and mchId may be left out).
    pub fn decide(expected: &ZendHashTable, observed: &Zval) -> PhpResult<Self> {
        guard(|| {
            let observed = read_observed(observed)?;
            let expected = read_expected(expected, observed.mch_id.is_some())?;
            Ok(Decision {
                inner: decision::decide(&expected, &observed),
            })
        })
    }

    pub fn get_outcome(&self) -> &'static str {
        self.inner.outcome.name()
    }
    pub fn get_reason(&self) -> String {
        self.inner.reason.clone()
    }
    /// For a mismatch: `mchId`, `amount` or `currency`.
    pub fn get_field(&self) -> Option<&'static str> {
        self.inner.field
    }
    pub fn should_complete(&self) -> bool {
        self.inner.outcome == Outcome::Complete
    }
    /// Whether to answer the notification with `success`.
    pub fn should_acknowledge(&self) -> bool {
        self.inner.outcome.acknowledge()
    }
    pub fn needs_attention(&self) -> bool {
        self.inner.outcome.needs_attention()
    }
}
