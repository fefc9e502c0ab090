//! `IotPay\Sunbay\Session`: a hosted payment page session.

use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::sunbay;

#[php_class]
#[php(name = "IotPay\\Sunbay\\Session")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Session {
    inner: sunbay::Session,
}

impl From<sunbay::Session> for Session {
    fn from(inner: sunbay::Session) -> Self {
        Session { inner }
    }
}

#[php_impl]
impl Session {
    /// Needed to expire the session (empty when SUNBAY sent none).
    pub fn get_session_id(&self) -> String {
        self.inner.session_id.clone()
    }
    /// Send the shopper's browser here.
    pub fn get_checkout_url(&self) -> String {
        self.inner.checkout_url.clone()
    }
    /// ISO 8601, as sent.
    pub fn get_expires_at(&self) -> String {
        self.inner.expires_at.clone()
    }
    /// `expiresAt` in Unix milliseconds, or null when it cannot be read.
    pub fn get_expires_at_ms(&self) -> Option<i64> {
        self.inner.expires_at_ms
    }
    pub fn get_transaction_request_id(&self) -> String {
        self.inner.transaction_request_id.clone()
    }
    pub fn get_trace_id(&self) -> String {
        self.inner.trace_id.clone()
    }
    /// The `X-Client-Request-Id` sent (the same for every re-send, D41).
    pub fn get_client_request_id(&self) -> String {
        self.inner.client_request_id.clone()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}
