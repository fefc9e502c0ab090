//! `IotPay\Sunbay\WebhookEvent`: a verified webhook's news.

use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::sunbay;

#[php_class]
#[php(name = "IotPay\\Sunbay\\WebhookEvent")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct WebhookEvent {
    inner: sunbay::WebhookEvent,
}

impl From<sunbay::WebhookEvent> for WebhookEvent {
    fn from(inner: sunbay::WebhookEvent) -> Self {
        WebhookEvent { inner }
    }
}

#[php_impl]
impl WebhookEvent {
    /// `X-Client-Request-Id`: the notification's id, for de-duplication.
    pub fn get_notification_id(&self) -> Option<String> {
        self.inner.notification_id.clone()
    }
    pub fn get_timestamp_ms(&self) -> i64 {
        self.inner.timestamp_ms
    }
    pub fn get_transaction_id(&self) -> Option<String> {
        self.inner.transaction_id.clone()
    }
    pub fn get_transaction_request_id(&self) -> Option<String> {
        self.inner.transaction_request_id.clone()
    }
    pub fn get_original_transaction_id(&self) -> Option<String> {
        self.inner.original_transaction_id.clone()
    }
    /// One letter (I P S F C) when the body states a status.
    pub fn get_status(&self) -> Option<&'static str> {
        self.inner.status.map(|s| s.letter())
    }
    pub fn get_type(&self) -> Option<String> {
        self.inner.tx_type.clone()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}
