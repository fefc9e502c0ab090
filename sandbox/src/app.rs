//! Shared application state.

use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use crate::config::{Config, Merchants, SunbayAccount};
use crate::error::SandboxError;
use crate::faults::Faults;
use crate::store::{Persister, Store};
use crate::util::Rng;

/// Notification and fault timing.
#[derive(Debug, Clone)]
pub struct Settings {
    pub notify_backoff_ms: u64,
    pub notify_max_attempts: u32,
    pub notify_timeout_ms: u64,
    pub hang_max_ms: u64,
    /// SUNBAY hosted-page session lifetime unless the admin API overrides it.
    pub sunbay_session_ttl_ms: u64,
}

#[derive(Debug)]
pub struct App {
    pub merchants: Merchants,
    pub sunbay: SunbayAccount,
    pub settings: Settings,
    store: Mutex<Store>,
    faults: Mutex<Faults>,
    /// Ids and nonces draw from their own generator, so the fault sequence
    /// depends only on the seed and the requests that can fault.
    ids: Mutex<Rng>,
    persister: Option<Persister>,
    public_url: RwLock<String>,
    pub http: reqwest::Client,
}

pub type SharedApp = Arc<App>;

impl App {
    pub fn new(config: &Config) -> Result<SharedApp, SandboxError> {
        let merchants = Merchants::new(&config.merchants)?;
        let persister = config.state_file.clone().map(Persister::new);
        let store = match &persister {
            Some(p) => p.load()?,
            None => Store::default(),
        };
        for rule in &config.faults {
            rule.validate().map_err(SandboxError::Config)?;
        }
        let http = reqwest::Client::builder()
            .timeout(Duration::from_millis(config.notify_timeout_ms))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Arc::new(App {
            merchants,
            sunbay: config.sunbay.clone(),
            settings: Settings {
                notify_backoff_ms: config.notify_backoff_ms,
                notify_max_attempts: config.notify_max_attempts.max(1),
                notify_timeout_ms: config.notify_timeout_ms,
                hang_max_ms: config.hang_max_ms,
                sunbay_session_ttl_ms: config.sunbay_session_ttl_ms,
            },
            store: Mutex::new(store),
            faults: Mutex::new(Faults::new(config.faults.clone(), config.seed)),
            ids: Mutex::new(Rng::new(config.seed ^ 0x05EE_D1D5)),
            persister,
            public_url: RwLock::new(String::new()),
            http,
        }))
    }

    /// The order store. Never held across an `.await`. Pending refunds whose
    /// time has come are settled first, so every reader sees them final.
    pub fn store(&self) -> MutexGuard<'_, Store> {
        let mut s = self.store.lock().unwrap_or_else(|e| e.into_inner());
        s.settle_due(crate::util::now_ms());
        s
    }

    /// The fault rules. Never taken while the store lock is held.
    pub fn faults(&self) -> MutexGuard<'_, Faults> {
        self.faults.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn ids(&self) -> MutexGuard<'_, Rng> {
        self.ids.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Seeded random digits (ids) and hex (nonces).
    pub fn random_digits(&self, n: usize) -> String {
        self.ids().digits(n)
    }

    pub fn random_hex(&self, n: usize) -> String {
        self.ids().hex(n)
    }

    pub fn set_public_url(&self, url: &str) {
        let mut g = self.public_url.write().unwrap_or_else(|e| e.into_inner());
        *g = url.trim_end_matches('/').to_owned();
    }

    pub fn public_url(&self) -> String {
        self.public_url
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The sandbox pay page of an order: the target of every QR code and redirect.
    pub fn pay_url(&self, pay_order_id: &str) -> String {
        format!("{}/pay/{pay_order_id}", self.public_url())
    }

    /// Writes the store to `--state-file` when one is configured.
    pub fn persist(&self) {
        let Some(p) = &self.persister else {
            return;
        };
        let (version, json) = {
            let mut s = self.store();
            s.touch();
            (s.version, serde_json::to_vec_pretty(&*s))
        };
        match json {
            Ok(bytes) => {
                if let Err(e) = p.write(version, &bytes) {
                    tracing::error!(error = %e, "state file write failed");
                }
            }
            Err(e) => tracing::error!(error = %e, "state serialisation failed"),
        }
    }
}
