//! `IotPay\Sunbay\Webhook`: verifies a SUNBAY webhook (D44).

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use super::config::Config;
use super::guard;
use super::webhook_event::WebhookEvent;
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ArrayKey, ZendHashTable};
use iotpay_core::sunbay::{ids, webhook};
use iotpay_core::Error;

#[php_class]
#[php(name = "IotPay\\Sunbay\\Webhook")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Webhook;

#[php_impl]
impl Webhook {
    /// Verifies the raw body against `X-Signature` (or `X-Sunbay-Signature`)
    /// with the config's webhook secret and checks `X-Timestamp` (±5 min
    /// of `nowMs`, default now). `headers`: name => value, names in any
    /// case, `$_SERVER` style (`HTTP_X_SIGNATURE`) accepted; non-string
    /// entries are ignored. The event is news only: decide from a query.
    #[php(optional = nowMs)]
    pub fn verify(
        rawBody: BinarySlice<u8>,
        headers: &ZendHashTable,
        config: &Config,
        nowMs: Option<i64>,
    ) -> PhpResult<WebhookEvent> {
        guard(|| {
            let secret = config.inner.webhook_secret.as_ref().ok_or_else(|| {
                Error::Config("the SUNBAY configuration has no webhookSecret".into())
            })?;
            let mut pairs = Vec::new();
            for (k, v) in headers.iter() {
                // `$_SERVER` also holds numbered and non-string entries (argv).
                if matches!(k, ArrayKey::Long(_)) {
                    continue;
                }
                if let Some(v) = v.dereference().str() {
                    pairs.push((k.to_string(), v.to_string()));
                }
            }
            let now = nowMs.unwrap_or_else(ids::now_ms);
            Ok(webhook::verify(&rawBody, &pairs, secret.expose(), now)?.into())
        })
    }
}
