//! `IotPay\Config`: credentials and client settings. The key is stored only
//! in Rust memory; no getter, property, `var_dump` or message shows it.

use crate::exceptions::guard;
use crate::php_array::{only_keys, opt_int, opt_str};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::config::{self, Config as CoreConfig};
use iotpay_core::Error;
use std::path::PathBuf;

const OPTIONS: &[&str] = &[
    "mchId",
    "key",
    "loginName",
    "baseUrl",
    "ccBaseUrl",
    "autodebitBaseUrl",
    "connectTimeoutMs",
    "timeoutMs",
    "caFile",
];

#[php_class]
#[php(name = "IotPay\\Config")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Config {
    pub(crate) inner: CoreConfig,
}

/// The connection options every provider's Config takes: connectTimeoutMs
/// (default 5 s), timeoutMs (default 30 s) and caFile (must be a readable file).
pub(crate) struct TransportOptions {
    pub connect_ms: u64,
    pub total_ms: u64,
    pub ca_file: Option<PathBuf>,
}

impl TransportOptions {
    pub(crate) fn read(o: &ZendHashTable) -> Result<Self, Error> {
        let ms = |k: &str, default: i64| -> Result<u64, Error> {
            let v = opt_int(o, k)?.unwrap_or(default);
            u64::try_from(v).map_err(|_| Error::validation(k, "must be positive"))
        };
        let ca_file = match opt_str(o, "caFile")? {
            Some(path) => {
                let p = PathBuf::from(&path);
                if !p.is_file() {
                    return Err(Error::Config(format!(
                        "caFile {path} is not a readable file"
                    )));
                }
                Some(p)
            }
            None => None,
        };
        Ok(TransportOptions {
            connect_ms: ms("connectTimeoutMs", 5_000)?,
            total_ms: ms("timeoutMs", 30_000)?,
            ca_file,
        })
    }
}

/// Defines the `#[php_impl]` of a provider's Config class holding its core
/// Config in `self.inner`: the getters of the connection options every
/// provider takes (TransportOptions), plus the class's own items; and
/// `debug_connection`, which adds them to `__debugInfo`. One definition,
/// so that IOTPay's and SUNBAY's Config show them alike. (ext-php-rs takes
/// one `#[php_impl]` block per class and does not expand macros inside it.)
macro_rules! connection_methods {
    ($ty:ident, { $($own:tt)* }) => {
        impl $ty {
            fn debug_connection(&self, ht: &mut ::ext_php_rs::types::ZendHashTable) {
                let _ = ht.insert("connectTimeoutMs", self.get_connect_timeout_ms());
                let _ = ht.insert("timeoutMs", self.get_timeout_ms());
                let _ = ht.insert("caFile", self.get_ca_file().unwrap_or_default().as_str());
            }
        }

        #[php_impl]
        impl $ty {
            $($own)*

            pub fn get_connect_timeout_ms(&self) -> i64 {
                i64::try_from(self.inner.connect_timeout.as_millis()).unwrap_or(i64::MAX)
            }

            pub fn get_timeout_ms(&self) -> i64 {
                i64::try_from(self.inner.timeout.as_millis()).unwrap_or(i64::MAX)
            }

            pub fn get_ca_file(&self) -> Option<String> {
                self.inner.ca_file.as_ref().map(|p| p.display().to_string())
            }
        }
    };
}
pub(crate) use connection_methods;

fn build(o: &ZendHashTable) -> Result<CoreConfig, Error> {
    only_keys(o, OPTIONS)?;
    let req = |k: &str| opt_str(o, k)?.ok_or_else(|| Error::validation(k, "is required"));
    let mut c = CoreConfig::new(
        &req("mchId")?,
        &req("key")?,
        &opt_str(o, "loginName")?.unwrap_or_default(),
    )?;
    if let Some(u) = opt_str(o, "baseUrl")? {
        c.v1_base = config::parse_base("baseUrl", &u)?;
    }
    if let Some(u) = opt_str(o, "ccBaseUrl")? {
        c.cc_base = config::parse_base("ccBaseUrl", &u)?;
    }
    if let Some(u) = opt_str(o, "autodebitBaseUrl")? {
        c.autodebit_base = config::parse_base("autodebitBaseUrl", &u)?;
    }
    let t = TransportOptions::read(o)?;
    c.set_timeouts(t.connect_ms, t.total_ms)?;
    c.ca_file = t.ca_file;
    Ok(c)
}

connection_methods!(Config, {
    /// Options: mchId, key, loginName, baseUrl, ccBaseUrl, autodebitBaseUrl,
    /// connectTimeoutMs, timeoutMs, caFile. Unknown options are refused.
    pub fn __construct(options: &ZendHashTable) -> PhpResult<Self> {
        guard(|| {
            Ok(Config {
                inner: build(options)?,
            })
        })
    }

    pub fn get_mch_id(&self) -> String {
        self.inner.mch_id.clone()
    }

    pub fn get_login_name(&self) -> String {
        self.inner.login_name.clone()
    }

    pub fn get_base_url(&self) -> String {
        self.inner.v1_base.to_string()
    }

    pub fn get_cc_base_url(&self) -> String {
        self.inner.cc_base.to_string()
    }

    pub fn get_autodebit_base_url(&self) -> String {
        self.inner.autodebit_base.to_string()
    }

    /// What `var_dump`/`print_r` show: everything but the key.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> ZBox<ZendHashTable> {
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("mchId", self.inner.mch_id.as_str());
        let _ = ht.insert("key", "[redacted]");
        let _ = ht.insert("loginName", self.inner.login_name.as_str());
        let _ = ht.insert("baseUrl", self.inner.v1_base.as_str());
        let _ = ht.insert("ccBaseUrl", self.inner.cc_base.as_str());
        let _ = ht.insert("autodebitBaseUrl", self.inner.autodebit_base.as_str());
        self.debug_connection(&mut ht);
        ht
    }
});
