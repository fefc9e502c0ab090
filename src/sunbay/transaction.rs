//! `IotPay\Sunbay\Transaction`: a payment or refund as SUNBAY reports it
//! (query, sale, refund). `code "0"` only said "accepted": the outcome is
//! the status (D42).

use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::sunbay::{self, TxStatus};

#[php_class]
#[php(name = "IotPay\\Sunbay\\Transaction")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Transaction {
    pub(crate) inner: sunbay::Transaction,
}

impl From<sunbay::Transaction> for Transaction {
    fn from(inner: sunbay::Transaction) -> Self {
        Transaction { inner }
    }
}

#[php_impl]
impl Transaction {
    const INITIAL: &'static str = "I";
    const PROCESSING: &'static str = "P";
    const SUCCESS: &'static str = "S";
    const FAIL: &'static str = "F";
    const CLOSED: &'static str = "C";

    pub fn get_transaction_id(&self) -> String {
        self.inner.transaction_id.clone()
    }
    pub fn get_transaction_request_id(&self) -> Option<String> {
        self.inner.transaction_request_id.clone()
    }
    pub fn get_reference_order_id(&self) -> Option<String> {
        self.inner.reference_order_id.clone()
    }
    pub fn get_original_transaction_id(&self) -> Option<String> {
        self.inner.original_transaction_id.clone()
    }
    /// One letter, I P S F C; an unknown status reads as P (D42).
    pub fn get_status(&self) -> &'static str {
        self.inner.status.letter()
    }
    /// S, F or C.
    pub fn is_final(&self) -> bool {
        self.inner.status.is_final()
    }
    pub fn is_success(&self) -> bool {
        self.inner.status == TxStatus::Success
    }
    /// SALE, REFUND, VOID, …
    pub fn get_type(&self) -> Option<String> {
        self.inner.tx_type.clone()
    }
    /// The paid total in minor units: transAmount, else the sum of the parts (D43).
    pub fn get_amount(&self) -> i64 {
        self.inner.amount
    }
    pub fn get_order_amount(&self) -> i64 {
        self.inner.order_amount
    }
    pub fn get_currency(&self) -> String {
        self.inner.currency.clone()
    }
    pub fn get_result_code(&self) -> Option<String> {
        self.inner.result_code.clone()
    }
    pub fn get_result_msg(&self) -> Option<String> {
        self.inner.result_msg.clone()
    }
    pub fn get_masked_pan(&self) -> Option<String> {
        self.inner.masked_pan.clone()
    }
    pub fn get_create_time(&self) -> Option<String> {
        self.inner.create_time.clone()
    }
    pub fn get_complete_time(&self) -> Option<String> {
        self.inner.complete_time.clone()
    }
    pub fn get_trace_id(&self) -> Option<String> {
        self.inner.trace_id.clone()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}
