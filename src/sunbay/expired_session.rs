//! `IotPay\Sunbay\ExpiredSession`: the answer to `expire-session`.

use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::sunbay;

#[php_class]
#[php(name = "IotPay\\Sunbay\\ExpiredSession")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct ExpiredSession {
    inner: sunbay::ExpiredSession,
}

impl From<sunbay::ExpiredSession> for ExpiredSession {
    fn from(inner: sunbay::ExpiredSession) -> Self {
        ExpiredSession { inner }
    }
}

#[php_impl]
impl ExpiredSession {
    pub fn get_session_id(&self) -> String {
        self.inner.session_id.clone()
    }
    /// `EXPIRED`.
    pub fn get_session_status(&self) -> String {
        self.inner.session_status.clone()
    }
    /// Null when no transaction was created: no payment can happen any more (D45).
    pub fn get_transaction_id(&self) -> Option<String> {
        self.inner.transaction_id.clone()
    }
    pub fn get_transaction_request_id(&self) -> Option<String> {
        self.inner.transaction_request_id.clone()
    }
    pub fn get_expired_at(&self) -> Option<String> {
        self.inner.expired_at.clone()
    }
    pub fn get_trace_id(&self) -> String {
        self.inner.trace_id.clone()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}
