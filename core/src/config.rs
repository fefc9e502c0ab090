//! Merchant credentials and client settings. The key is wrapped so that no
//! `Debug`, `Display` or error path can print it.

use crate::error::{Error, Result};
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;
use url::Url;

/// Production base URLs (spec §1.1).
pub const DEFAULT_V1_BASE: &str = "https://api.iotpaycloud.com/v1/";
pub const DEFAULT_CC_BASE: &str = "https://ccapi.iotpaycloud.com/v3/";
pub const DEFAULT_AUTODEBIT_BASE: &str = "https://apiv3.iotpaycloud.com/contract/";

/// A secret that never formats.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub mch_id: String,
    pub key: Secret,
    pub login_name: String,
    pub v1_base: Url,
    pub cc_base: Url,
    pub autodebit_base: Url,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    pub ca_file: Option<PathBuf>,
}

impl Config {
    pub fn new(mch_id: &str, key: &str, login_name: &str) -> Result<Self> {
        if mch_id.is_empty() || mch_id.len() > 30 {
            return Err(Error::validation("mchId", "must be 1 to 30 bytes"));
        }
        if key.is_empty() {
            return Err(Error::validation("key", "must not be empty"));
        }
        if login_name.len() > 50 {
            return Err(Error::validation("loginName", "must be at most 50 bytes"));
        }
        Ok(Config {
            mch_id: mch_id.to_string(),
            key: Secret::new(key),
            login_name: login_name.to_string(),
            v1_base: parse_base("baseUrl", DEFAULT_V1_BASE)?,
            cc_base: parse_base("ccBaseUrl", DEFAULT_CC_BASE)?,
            autodebit_base: parse_base("autodebitBaseUrl", DEFAULT_AUTODEBIT_BASE)?,
            connect_timeout: Duration::from_secs(5),
            timeout: Duration::from_secs(30),
            ca_file: None,
        })
    }

    pub fn set_timeouts(&mut self, connect_ms: u64, total_ms: u64) -> Result<()> {
        (self.connect_timeout, self.timeout) = check_timeouts(connect_ms, total_ms)?;
        Ok(())
    }
}

/// The connect and total timeouts every provider's client accepts.
pub fn check_timeouts(connect_ms: u64, total_ms: u64) -> Result<(Duration, Duration)> {
    if connect_ms == 0 || total_ms == 0 || connect_ms > 120_000 || total_ms > 300_000 {
        return Err(Error::validation(
            "timeout",
            "must be 1..120000 ms (connect) and 1..300000 ms (total)",
        ));
    }
    Ok((
        Duration::from_millis(connect_ms),
        Duration::from_millis(total_ms),
    ))
}

/// Parses a base URL: `https`, or `http` to a loopback host only. A trailing
/// slash is added so endpoint names join under it.
pub fn parse_base(field: &str, raw: &str) -> Result<Url> {
    let mut s = raw.trim().to_string();
    if !s.ends_with('/') {
        s.push('/');
    }
    let url = Url::parse(&s).map_err(|_| Error::validation(field, "not a valid URL"))?;
    check_scheme(field, &url)?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::validation(
            field,
            "must not have a query or fragment",
        ));
    }
    Ok(url)
}

/// TLS always, except to this machine (a local sandbox).
pub fn check_scheme(field: &str, url: &Url) -> Result<()> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(Error::validation(
            field,
            "plain http is only allowed to a loopback host",
        )),
        _ => Err(Error::validation(field, "scheme must be https")),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(a)) => a.is_loopback(),
        Some(url::Host::Ipv6(a)) => a.is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_never_formats() {
        let c = Config::new("10000701", "super_secret_key", "jack").unwrap();
        let dbg = format!("{c:?}");
        assert!(!dbg.contains("super_secret_key"));
        assert!(dbg.contains("[redacted]"));
    }

    #[test]
    fn base_url_rules() {
        assert!(parse_base("b", "https://api.iotpaycloud.com/v1").is_ok());
        assert_eq!(
            parse_base("b", "http://127.0.0.1:8080/v1")
                .unwrap()
                .as_str(),
            "http://127.0.0.1:8080/v1/"
        );
        assert!(parse_base("b", "http://localhost:1/v1/").is_ok());
        assert!(parse_base("b", "http://[::1]:1/").is_ok());
        assert!(parse_base("b", "http://example.com/v1/").is_err());
        assert!(parse_base("b", "http://127.0.0.1.example.com/").is_err());
        assert!(parse_base("b", "ftp://127.0.0.1/").is_err());
        assert!(parse_base("b", "https://x/?a=1").is_err());
    }

    #[test]
    fn config_validation() {
        assert!(Config::new("", "k", "").is_err());
        assert!(Config::new("1", "", "").is_err());
        let mut c = Config::new("1", "k", "").unwrap();
        assert!(c.set_timeouts(0, 10).is_err());
        assert!(c.set_timeouts(100, 200).is_ok());
    }
}
