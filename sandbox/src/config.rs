//! Merchants and run-time settings.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;
use crate::faults::FaultRule;

/// Merchant used when neither `--merchant` nor `--config` names one.
pub const DEFAULT_MCH_ID: &str = "10000701";
pub const DEFAULT_KEY: &str = "test_merchant_key";
pub const DEFAULT_LOGIN: &str = "jack123";

/// SUNBAY Nexus credentials the sandbox accepts when no flag overrides them.
pub const SUNBAY_APP_ID: &str = "app_sandbox";
pub const SUNBAY_MERCHANT_ID: &str = "M1260231004";
/// The example key of SUNBAY's own documentation (§3.1).
pub const SUNBAY_API_KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
/// The secret of the spec's HMAC vectors (§9).
pub const SUNBAY_WEBHOOK_SECRET: &str = "test_webhook_secret";
/// A hosted-page session lives 30 minutes (§8.1).
pub const SUNBAY_SESSION_TTL_MS: u64 = 30 * 60 * 1000;

/// The one SUNBAY Nexus application + merchant the sandbox serves.
#[derive(Clone, PartialEq, Eq)]
pub struct SunbayAccount {
    pub app_id: String,
    pub merchant_id: String,
    /// The Bearer API key. Never logged, never returned by the admin API.
    pub api_key: String,
    /// HMAC-SHA256 key of the webhooks. Never logged or returned either.
    pub webhook_secret: String,
}

impl Default for SunbayAccount {
    fn default() -> Self {
        SunbayAccount {
            app_id: SUNBAY_APP_ID.to_owned(),
            merchant_id: SUNBAY_MERCHANT_ID.to_owned(),
            api_key: SUNBAY_API_KEY.to_owned(),
            webhook_secret: SUNBAY_WEBHOOK_SECRET.to_owned(),
        }
    }
}

impl std::fmt::Debug for SunbayAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SunbayAccount")
            .field("app_id", &self.app_id)
            .field("merchant_id", &self.merchant_id)
            .field("api_key", &"<redacted>")
            .field("webhook_secret", &"<redacted>")
            .finish()
    }
}

/// One merchant account known to the sandbox.
#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Merchant {
    pub mch_id: String,
    /// MD5 signing key. Never logged, never returned by the admin API.
    pub key: String,
    pub login_name: String,
    #[serde(default)]
    pub name: Option<String>,
}

impl std::fmt::Debug for Merchant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merchant")
            .field("mch_id", &self.mch_id)
            .field("key", &"<redacted>")
            .field("login_name", &self.login_name)
            .field("name", &self.name)
            .finish()
    }
}

impl Merchant {
    pub fn new(mch_id: &str, key: &str, login_name: &str) -> Self {
        Merchant {
            mch_id: mch_id.to_owned(),
            key: key.to_owned(),
            login_name: login_name.to_owned(),
            name: None,
        }
    }

    pub fn default_merchant() -> Self {
        Merchant::new(DEFAULT_MCH_ID, DEFAULT_KEY, DEFAULT_LOGIN)
    }

    /// Parses `MCHID:KEY:LOGINNAME` (the key may not contain `:`).
    pub fn parse_spec(spec: &str) -> Result<Self, SandboxError> {
        let parts: Vec<&str> = spec.split(':').collect();
        match parts.as_slice() {
            [id, key, login] if !id.is_empty() && !key.is_empty() && !login.is_empty() => {
                Ok(Merchant::new(id, key, login))
            }
            _ => Err(SandboxError::Config(
                "--merchant expects MCHID:KEY:LOGINNAME".to_owned(),
            )),
        }
    }

    pub fn display_name(&self) -> String {
        self.name
            .clone()
            .unwrap_or_else(|| format!("Merchant {}", self.mch_id))
    }
}

/// The `--config FILE` format: `{"merchants":[{"mchId":..,"key":..,"loginName":..,"name":..}]}`
/// or a bare array of merchants.
#[derive(Deserialize)]
#[serde(untagged)]
enum ConfigFile {
    Object { merchants: Vec<Merchant> },
    List(Vec<Merchant>),
}

pub fn load_merchants_file(path: &std::path::Path) -> Result<Vec<Merchant>, SandboxError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| SandboxError::Config(format!("cannot read {}: {e}", path.display())))?;
    let parsed: ConfigFile = serde_json::from_str(&text)
        .map_err(|e| SandboxError::Config(format!("bad config {}: {e}", path.display())))?;
    Ok(match parsed {
        ConfigFile::Object { merchants } | ConfigFile::List(merchants) => merchants,
    })
}

/// Everything the server needs to start.
#[derive(Debug, Clone)]
pub struct Config {
    pub http: SocketAddr,
    pub https: Option<SocketAddr>,
    pub ca_out: Option<PathBuf>,
    pub ready_file: Option<PathBuf>,
    pub merchants: Vec<Merchant>,
    pub seed: u64,
    pub state_file: Option<PathBuf>,
    /// Base of pay-page links; `None` = the bound HTTP address.
    pub public_url: Option<String>,
    pub notify_backoff_ms: u64,
    pub notify_max_attempts: u32,
    pub notify_timeout_ms: u64,
    /// How long a "hang" fault holds a request before giving up on it.
    pub hang_max_ms: u64,
    /// Fault rules active from the start (flags, `--fault`).
    pub faults: Vec<FaultRule>,
    /// The SUNBAY Nexus application the SUNBAY routes serve.
    pub sunbay: SunbayAccount,
    /// Lifetime of a SUNBAY hosted-page session (admin API can override).
    pub sunbay_session_ttl_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            http: SocketAddr::from(([127, 0, 0, 1], 0)),
            https: None,
            ca_out: None,
            ready_file: None,
            merchants: vec![Merchant::default_merchant()],
            seed: 0,
            state_file: None,
            public_url: None,
            notify_backoff_ms: 200,
            notify_max_attempts: 8,
            notify_timeout_ms: 5000,
            hang_max_ms: 300_000,
            faults: Vec::new(),
            sunbay: SunbayAccount::default(),
            sunbay_session_ttl_ms: SUNBAY_SESSION_TTL_MS,
        }
    }
}

/// Merchants indexed by `mchId`.
#[derive(Debug, Clone, Default)]
pub struct Merchants {
    by_id: BTreeMap<String, Merchant>,
}

impl Merchants {
    pub fn new(list: &[Merchant]) -> Result<Self, SandboxError> {
        let mut by_id = BTreeMap::new();
        for m in list {
            if m.mch_id.is_empty() || m.key.is_empty() || m.login_name.is_empty() {
                return Err(SandboxError::Config(
                    "a merchant needs mchId, key and loginName".to_owned(),
                ));
            }
            if by_id.insert(m.mch_id.clone(), m.clone()).is_some() {
                return Err(SandboxError::Config(format!(
                    "merchant {} given twice",
                    m.mch_id
                )));
            }
        }
        Ok(Merchants { by_id })
    }

    pub fn get(&self, mch_id: &str) -> Option<&Merchant> {
        self.by_id.get(mch_id)
    }

    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.by_id.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merchant_spec_and_config_file() {
        let m = Merchant::parse_spec("1:k:bob").unwrap();
        assert_eq!((m.mch_id.as_str(), m.login_name.as_str()), ("1", "bob"));
        assert!(Merchant::parse_spec("1:k").is_err());
        assert!(
            !format!("{m:?}").contains("\"k\""),
            "Debug never shows the key"
        );

        let dir = std::env::temp_dir().join(format!("iotpay-sbx-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let a = dir.join("a.json");
        std::fs::write(
            &a,
            r#"{"merchants":[{"mchId":"1","key":"k","loginName":"l","name":"Shop"}]}"#,
        )
        .unwrap();
        assert_eq!(load_merchants_file(&a).unwrap()[0].display_name(), "Shop");
        let b = dir.join("b.json");
        std::fs::write(&b, r#"[{"mchId":"2","key":"k","loginName":"l"}]"#).unwrap();
        assert_eq!(load_merchants_file(&b).unwrap()[0].mch_id, "2");
        assert!(
            Merchants::new(&[Merchant::new("1", "k", "l"), Merchant::new("1", "k", "l")]).is_err()
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}
