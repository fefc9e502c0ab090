//! SUNBAY credentials and client settings. The API key and the webhook
//! signing secret are [`Secret`]s: no `Debug`, message or error shows them.

use crate::config::{check_timeouts, parse_base, Secret};
use crate::error::{Error, Result};
use std::path::PathBuf;
use std::time::Duration;
use url::Url;

/// Production host (sunbay.md §2, D40).
pub const PRODUCTION_BASE: &str = "https://open.sunbay.us";
/// SUNBAY's test-mode host (D40).
pub const SANDBOX_BASE: &str = "https://open.sunbay-uat.us";

#[derive(Debug, Clone)]
pub struct Config {
    pub app_id: String,
    pub merchant_id: String,
    pub api_key: Secret,
    pub webhook_secret: Option<Secret>,
    pub base: Url,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub ca_file: Option<PathBuf>,
    /// Added to this machine's clock for `X-Timestamp`: 0, except in tests
    /// that show what a shop whose clock is wrong gets (S02).
    pub clock_offset_ms: i64,
}

/// `appId` and `merchantId` are string(32) (§5) and travel in URLs and JSON:
/// visible ASCII only.
fn check_id(field: &str, v: &str) -> Result<()> {
    if v.is_empty() || v.len() > 32 {
        return Err(Error::validation(field, "must be 1 to 32 bytes"));
    }
    if !v.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::validation(
            field,
            "must be visible ASCII without spaces",
        ));
    }
    Ok(())
}

/// A secret goes into a header (the key) or an HMAC (the webhook secret):
/// non-empty, no control characters. The message never quotes it.
fn check_secret(field: &str, v: &str) -> Result<()> {
    if v.is_empty() {
        return Err(Error::validation(field, "must not be empty"));
    }
    if v.len() > 512 || v.bytes().any(|b| b.is_ascii_control()) {
        return Err(Error::validation(
            field,
            "must be at most 512 bytes without control characters",
        ));
    }
    Ok(())
}

impl Config {
    pub fn new(app_id: &str, merchant_id: &str, api_key: &str) -> Result<Self> {
        check_id("appId", app_id)?;
        check_id("merchantId", merchant_id)?;
        check_secret("apiKey", api_key)?;
        Ok(Config {
            app_id: app_id.to_string(),
            merchant_id: merchant_id.to_string(),
            api_key: Secret::new(api_key),
            webhook_secret: None,
            base: parse_base("baseUrl", PRODUCTION_BASE)?,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            ca_file: None,
            clock_offset_ms: 0,
        })
    }

    pub fn set_webhook_secret(&mut self, secret: &str) -> Result<()> {
        check_secret("webhookSecret", secret)?;
        self.webhook_secret = Some(Secret::new(secret));
        Ok(())
    }

    pub fn set_base(&mut self, raw: &str) -> Result<()> {
        self.base = parse_base("baseUrl", raw)?;
        Ok(())
    }

    pub fn set_timeouts(&mut self, connect_ms: u64, total_ms: u64) -> Result<()> {
        (self.connect_timeout, self.timeout) = check_timeouts(connect_ms, total_ms)?;
        Ok(())
    }

    /// The endpoint's URL under the base (`v1/checkout/refund`, ...).
    pub fn url(&self, path: &str) -> Result<Url> {
        self.base
            .join(path)
            .map_err(|_| Error::Config("cannot join endpoint to base URL".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_format() {
        let mut c = Config::new("app_1", "M1260231004", "sk_test_secret_key").unwrap();
        c.set_webhook_secret("whsec_very_secret").unwrap();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("sk_test_secret_key"));
        assert!(!dbg.contains("whsec_very_secret"));
        let e = Config::new("a", "M", "bad\nkey").unwrap_err();
        assert!(!e.to_string().contains("bad"));
        assert!(matches!(e, Error::Validation { ref field, .. } if field == "apiKey"));
    }

    #[test]
    fn ids_and_urls() {
        assert!(Config::new("", "M", "k").is_err());
        assert!(Config::new("a", &"M".repeat(33), "k").is_err());
        assert!(Config::new("a b", "M", "k").is_err());
        let mut c = Config::new("a", "M", "k").unwrap();
        assert_eq!(
            c.url("v1/checkout/sale").unwrap().as_str(),
            "https://open.sunbay.us/v1/checkout/sale"
        );
        assert!(c.set_base("http://example.com").is_err());
        c.set_base("http://127.0.0.1:9/").unwrap();
        assert_eq!(
            c.url("v1/transaction/query").unwrap().as_str(),
            "http://127.0.0.1:9/v1/transaction/query"
        );
        assert!(c.set_timeouts(0, 1).is_err());
    }
}
