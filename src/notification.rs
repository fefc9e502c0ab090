//! `IotPay\Notification`: a verified payment notification.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase (fromRequest's, from callback_methods!); ext-php-rs has no
// renaming for them.
#![allow(non_snake_case)]

use crate::config::Config;
use crate::exceptions::guard;
use crate::php_array::pairs_to_array;
use crate::results::payment_methods;
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

/// Defines a class holding a callback IOTPay sends the v1 way (parsed and
/// verified by `$core::parse`, answered with `$core::ACK`) in `self.inner`:
/// the constant `ACK`, `fromRequest()` (throws SignatureException or
/// ValidationException; nothing unverified is returned) and
/// `acknowledgement()`, plus the class's own items, all handed to `$methods!`
/// — the macro that makes the class's one `#[php_impl]` block with the
/// getters it shares with other classes. One definition, so that the
/// payment notification and the contract callback are taken alike.
macro_rules! callback_methods {
    ($methods:ident, $ty:ident, $core:ident, { $($own:tt)* }) => {
        $methods!($ty, inner, {
            /// The body to answer IOTPay with once what the callback says
            /// is durably saved.
            const ACK: &'static str = $core::ACK;

            #[php(optional = contentType)]
            pub fn from_request(
                config: &$crate::config::Config,
                body: ::ext_php_rs::binary_slice::BinarySlice<u8>,
                contentType: Option<String>,
                queryString: Option<String>,
            ) -> ::ext_php_rs::exception::PhpResult<Self> {
                let inner = $crate::notification::from_raw_request(
                    $core::parse,
                    config,
                    &body,
                    contentType,
                    queryString,
                )?;
                Ok($ty { inner })
            }

            /// The literal acknowledgement, `success`.
            pub fn acknowledgement() -> &'static str {
                $core::ACK
            }

            $($own)*
        });
    };
}
pub(crate) use callback_methods;

callback_methods!(payment_methods, Notification, core, {
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
