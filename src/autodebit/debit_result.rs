//! `IotPay\Autodebit\DebitResult`: the answer to a debit, checked against
//! the request (D53). `IotPay\Decision::decide` takes it like a query answer.

use crate::results::raw_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::autodebit;

#[php_class]
#[php(name = "IotPay\\Autodebit\\DebitResult")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct DebitResult {
    pub(crate) inner: autodebit::DebitResult,
}

impl From<autodebit::DebitResult> for DebitResult {
    fn from(inner: autodebit::DebitResult) -> Self {
        DebitResult { inner }
    }
}

#[php_impl]
impl DebitResult {
    pub fn get_pay_order_id(&self) -> Option<String> {
        self.inner.pay_order_id.clone()
    }
    pub fn get_mch_id(&self) -> String {
        self.inner.mch_id.clone()
    }
    pub fn get_mch_order_no(&self) -> String {
        self.inner.mch_order_no.clone()
    }
    /// Minor units (as asked; an answer stating another amount is refused).
    pub fn get_amount(&self) -> i64 {
        self.inner.amount
    }
    pub fn get_currency(&self) -> String {
        self.inner.currency.clone()
    }
    /// `IotPay\OrderStatus` codes; -1 when the answer did not state the
    /// status, or did not state the amount and currency it took (then ask
    /// with `queryDebitByMchOrderNo` or wait for the callback).
    pub fn get_status(&self) -> i64 {
        self.inner.status.code()
    }
    pub fn get_status_name(&self) -> &'static str {
        self.inner.status.name()
    }
    /// Status 2 or 3, stated with the amount and currency: the money is taken.
    pub fn is_paid(&self) -> bool {
        self.inner.status.is_paid()
    }
    /// Status 4 or 9.
    pub fn is_cancelled(&self) -> bool {
        self.inner.status.is_cancelled()
    }
    pub fn get_channel_order_no(&self) -> Option<String> {
        self.inner.channel_order_no.clone()
    }
    /// Epoch milliseconds.
    pub fn get_pay_succ_time(&self) -> Option<i64> {
        self.inner.pay_succ_time
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        raw_array(&self.inner.raw)
    }
}
