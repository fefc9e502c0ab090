//! `IotPay\Autodebit\DebitResult`: the answer to a debit, checked against
//! the request (D53). `IotPay\Decision::decide` takes it like a query answer.

use crate::php_array::object_to_array;
use crate::results::payment_methods;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::autodebit;

/// The amount is the one asked (an answer stating another is refused); the
/// status is -1 when the answer did not state it, or did not state the
/// amount and currency it took (then ask with `queryDebitByMchOrderNo` or
/// wait for the callback), so `isPaid()` means stated with both.
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

payment_methods!(DebitResult, inner, {
    pub fn get_pay_order_id(&self) -> Option<String> {
        self.inner.pay_order_id.clone()
    }
    /// Status 4 or 9.
    pub fn is_cancelled(&self) -> bool {
        self.inner.status.is_cancelled()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
});
