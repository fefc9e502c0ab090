//! `IotPay\Notification`: a verified payment notification.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::config::Config;
use crate::exceptions::guard;
use crate::php_array::pairs_to_array;
use crate::results::payment_methods;
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::notification as core;

/// Reads a callback the v1 way (form body, JSON body and/or query string;
/// the PHP arguments as given) and verifies it with the config's key through
/// `parse`. IOTPay's payment notification and the autodebit contract callback
/// arrive alike and differ only in the fields their `parse` types.
pub(crate) fn from_raw_request<T>(
    parse: fn(&[u8], &str, &str, &str) -> iotpay_core::Result<T>,
    config: &Config,
    body: &[u8],
    content_type: Option<String>,
    query_string: Option<String>,
) -> PhpResult<T> {
    guard(|| {
        parse(
            body,
            content_type.as_deref().unwrap_or(""),
            query_string.as_deref().unwrap_or(""),
            config.inner.key.expose(),
        )
    })
}

#[php_class]
#[php(name = "IotPay\\Notification")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Notification {
    pub(crate) inner: core::Notification,
}

payment_methods!(Notification, inner, {
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
        let inner = from_raw_request(core::parse, config, &body, contentType, queryString)?;
        Ok(Notification { inner })
    }

    /// The literal acknowledgement, `success`.
    pub fn acknowledgement() -> &'static str {
        core::ACK
    }

    pub fn get_pay_order_id(&self) -> String {
        self.inner.pay_order_id.clone()
    }
    pub fn get_channel_id(&self) -> Option<String> {
        self.inner.channel_id.clone()
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
});
