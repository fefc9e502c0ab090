//! `IotPay\Notification`: a verified payment notification.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::config::Config;
use crate::exceptions::guard;
use crate::php_array::pairs_to_array;
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::notification as core;

#[php_class]
#[php(name = "IotPay\\Notification")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Notification {
    pub(crate) inner: core::Notification,
}

#[php_impl]
impl Notification {
    /// The body to answer IOTPay with once the order is durably updated.
    const ACK: &'static str = core::ACK;

    /// Parses the raw request (form body, JSON body, and/or query string) and
    /// verifies its signature with the config's key. Throws
    /// SignatureException or ValidationException; nothing unverified is
    /// returned.
    #[php(optional = contentType)]
    pub fn from_request(
        config: &Config,
        body: BinarySlice<u8>,
        contentType: Option<String>,
        queryString: Option<String>,
    ) -> PhpResult<Self> {
        guard(|| {
            let n = core::parse(
                &body,
                contentType.as_deref().unwrap_or(""),
                queryString.as_deref().unwrap_or(""),
                config.inner.key.expose(),
            )?;
            Ok(Notification { inner: n })
        })
    }

    /// The literal acknowledgement, `success`.
    pub fn acknowledgement() -> &'static str {
        core::ACK
    }

    pub fn get_pay_order_id(&self) -> String {
        self.inner.pay_order_id.clone()
    }
    pub fn get_mch_id(&self) -> String {
        self.inner.mch_id.clone()
    }
    pub fn get_mch_order_no(&self) -> String {
        self.inner.mch_order_no.clone()
    }
    pub fn get_channel_id(&self) -> Option<String> {
        self.inner.channel_id.clone()
    }
    pub fn get_currency(&self) -> String {
        self.inner.currency.clone()
    }
    /// Minor units.
    pub fn get_amount(&self) -> i64 {
        self.inner.amount
    }
    /// The order status code (spec §7.2; `IotPay\OrderStatus` constants).
    pub fn get_status(&self) -> i64 {
        self.inner.status.code()
    }
    /// `paid`, `paid_notified`, ... (see `OrderStatus::getName()`).
    pub fn get_status_name(&self) -> &'static str {
        self.inner.status.name()
    }
    pub fn is_paid(&self) -> bool {
        self.inner.status.is_paid()
    }
    pub fn get_channel_order_no(&self) -> Option<String> {
        self.inner.channel_order_no.clone()
    }
    /// Epoch milliseconds.
    pub fn get_pay_succ_time(&self) -> Option<i64> {
        self.inner.pay_succ_time
    }
    pub fn get_param1(&self) -> Option<String> {
        self.inner.param1.clone()
    }
    pub fn get_param2(&self) -> Option<String> {
        self.inner.param2.clone()
    }
    pub fn get_back_type(&self) -> Option<i64> {
        self.inner.back_type
    }
    /// Every verified field (without `sign`).
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        pairs_to_array(&self.inner.fields)
    }
}
