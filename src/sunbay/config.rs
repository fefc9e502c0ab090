//! `IotPay\Sunbay\Config`: SUNBAY credentials and client settings. The API
//! key and the webhook secret stay in Rust memory; no getter, property,
//! `var_dump` or message shows them.

use super::guard;
use crate::config::{connection_methods, TransportOptions};
use crate::php_array::{only_keys, opt_str};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::sunbay::config::{self as core, Config as CoreConfig};
use iotpay_core::Error;

const OPTIONS: &[&str] = &[
    "appId",
    "merchantId",
    "apiKey",
    "webhookSecret",
    "baseUrl",
    "connectTimeoutMs",
    "timeoutMs",
    "caFile",
];

#[php_class]
#[php(name = "IotPay\\Sunbay\\Config")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Config {
    pub(crate) inner: CoreConfig,
}

fn build(o: &ZendHashTable) -> Result<CoreConfig, Error> {
    only_keys(o, OPTIONS)?;
    let req = |k: &str| opt_str(o, k)?.ok_or_else(|| Error::validation(k, "is required"));
    let mut c = CoreConfig::new(&req("appId")?, &req("merchantId")?, &req("apiKey")?)?;
    if let Some(s) = opt_str(o, "webhookSecret")? {
        c.set_webhook_secret(&s)?;
    }
    if let Some(u) = opt_str(o, "baseUrl")? {
        c.set_base(&u)?;
    }
    let t = TransportOptions::read(o)?;
    c.set_timeouts(t.connect_ms, t.total_ms)?;
    c.ca_file = t.ca_file;
    c.clock_offset_ms = test_clock_offset_ms();
    Ok(c)
}

/// With IOTPAY_ENABLE_TEST_HOOKS=1, IOTPAY_TEST_SUNBAY_CLOCK_OFFSET_MS moves
/// the `X-Timestamp` this configuration's client sends, so that the tests can
/// show what a shop whose clock is wrong gets from SUNBAY (S02). Never set
/// in production; without the hook switch it is ignored.
fn test_clock_offset_ms() -> i64 {
    if std::env::var("IOTPAY_ENABLE_TEST_HOOKS").as_deref() != Ok("1") {
        return 0;
    }
    std::env::var("IOTPAY_TEST_SUNBAY_CLOCK_OFFSET_MS")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|v| v.abs() <= 86_400_000)
        .unwrap_or(0)
}

connection_methods!(Config, {
    const PRODUCTION_BASE_URL: &'static str = core::PRODUCTION_BASE;
    const SANDBOX_BASE_URL: &'static str = core::SANDBOX_BASE;

    /// Options: appId, merchantId, apiKey, webhookSecret, baseUrl
    /// (default PRODUCTION_BASE_URL), connectTimeoutMs, timeoutMs, caFile.
    /// Unknown options are refused.
    pub fn __construct(options: &ZendHashTable) -> PhpResult<Self> {
        guard(|| {
            Ok(Config {
                inner: build(options)?,
            })
        })
    }

    pub fn get_app_id(&self) -> String {
        self.inner.app_id.clone()
    }

    pub fn get_merchant_id(&self) -> String {
        self.inner.merchant_id.clone()
    }

    pub fn get_base_url(&self) -> String {
        self.inner.base.to_string()
    }

    /// Whether webhooks can be verified with this configuration.
    pub fn has_webhook_secret(&self) -> bool {
        self.inner.webhook_secret.is_some()
    }

    /// What `var_dump`/`print_r` show: everything but the secrets.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> ZBox<ZendHashTable> {
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("appId", self.inner.app_id.as_str());
        let _ = ht.insert("merchantId", self.inner.merchant_id.as_str());
        let _ = ht.insert("apiKey", "[redacted]");
        let _ = ht.insert(
            "webhookSecret",
            if self.has_webhook_secret() {
                "[redacted]"
            } else {
                ""
            },
        );
        let _ = ht.insert("baseUrl", self.inner.base.as_str());
        self.debug_connection(&mut ht);
        ht
    }
});
