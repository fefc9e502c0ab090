//! Command-line flags.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Parser, ValueEnum};

use crate::config::{load_merchants_file, Config, Merchant, SunbayAccount};
use crate::error::SandboxError;
use crate::faults::FaultRule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// Local simulator of the IOTPay payment gateway and of SUNBAY Nexus.
///
/// SUNBAY Nexus (same listeners, paths /v1/checkout/* and /v1/transaction/query)
/// accepts by default: appId `app_sandbox`, merchantId `M1260231004`,
/// API key (Bearer) `sk_test_4eC39HqLyjWDarjtT1zdp7dc`; it signs webhooks with
/// the secret `test_webhook_secret`. The --sunbay-* flags override them.
#[derive(Debug, Parser)]
#[command(name = "iotpay-sandbox", version, about, long_about = None)]
pub struct Args {
    /// HTTP bind address (port 0 = pick a free port).
    #[arg(long, default_value = "127.0.0.1:0", value_name = "ADDR")]
    pub http: SocketAddr,
    /// Also serve HTTPS here, with a certificate generated at start.
    #[arg(long, value_name = "ADDR")]
    pub https: Option<SocketAddr>,
    /// Write the PEM of the CA that signed the HTTPS certificate here.
    #[arg(long, value_name = "PATH")]
    pub ca_out: Option<PathBuf>,
    /// After binding, write {"http":"http://..","https":"https://.."} here (atomically).
    #[arg(long, value_name = "PATH")]
    pub ready_file: Option<PathBuf>,
    /// A merchant as MCHID:KEY:LOGINNAME (repeatable).
    #[arg(long = "merchant", value_name = "MCHID:KEY:LOGINNAME")]
    pub merchants: Vec<String>,
    /// JSON file: {"merchants":[{"mchId":..,"key":..,"loginName":..,"name":..}]}.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Seed of every random choice (faults, ids, nonces).
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Keep orders, refunds, cards, contracts and notifications in this JSON file.
    #[arg(long, value_name = "PATH")]
    pub state_file: Option<PathBuf>,
    /// Base URL of pay-page links (default: the HTTP address).
    #[arg(long, value_name = "URL")]
    pub public_url: Option<String>,
    /// First notification retry delay; doubles after each failed attempt.
    #[arg(long, default_value_t = 200)]
    pub notify_backoff_ms: u64,
    /// Attempts per notification before giving up.
    #[arg(long, default_value_t = 8)]
    pub notify_max_attempts: u32,
    /// Timeout of one notification request.
    #[arg(long, default_value_t = 5000)]
    pub notify_timeout_ms: u64,
    /// How long a hung request is held before the sandbox drops it.
    #[arg(long, default_value_t = 300_000)]
    pub hang_max_ms: u64,
    /// Fault: delay every API answer.
    #[arg(long)]
    pub latency_ms: Option<u64>,
    /// Fault: answer 500/502/503 (HTML) without processing, with this probability.
    #[arg(long)]
    pub error_5xx_rate: Option<f64>,
    /// Fault: process, then never answer.
    #[arg(long)]
    pub hang_rate: Option<f64>,
    /// Fault: process, then answer truncated JSON.
    #[arg(long)]
    pub malformed_json_rate: Option<f64>,
    /// Fault: process, then sign the answer with a wrong key.
    #[arg(long)]
    pub bad_signature_rate: Option<f64>,
    /// Fault: process, then answer 500.
    #[arg(long = "process-then-5xx-rate")]
    pub process_then_5xx_rate: Option<f64>,
    /// Fault: answer v1 requests with this IOTPay code (0010..0015, 0110..0113,
    /// 0118, SYSTEMERROR) without processing them.
    #[arg(long, value_name = "CODE")]
    pub error_code: Option<String>,
    /// Probability of the --error-code answer [default: 1].
    #[arg(long, value_name = "R", requires = "error_code")]
    pub error_rate: Option<f64>,
    /// Fault: never send notifications.
    #[arg(long)]
    pub notify_drop: bool,
    /// Fault: send each notification this many times.
    #[arg(long, value_name = "N")]
    pub notify_duplicate: Option<u32>,
    /// Fault: deliver the paid notification before the answer that reports the payment.
    #[arg(long)]
    pub notify_out_of_order: bool,
    /// Fault: same as --notify-out-of-order.
    #[arg(long)]
    pub notify_before_response: bool,
    /// A fault rule as JSON, e.g. '{"endpoint":"refund_order","hang_rate":1}' (repeatable).
    #[arg(long = "fault", value_name = "JSON")]
    pub faults: Vec<String>,
    /// SUNBAY Nexus appId accepted [default: app_sandbox].
    #[arg(long, value_name = "ID")]
    pub sunbay_app_id: Option<String>,
    /// SUNBAY Nexus merchantId accepted [default: M1260231004].
    #[arg(long, value_name = "ID")]
    pub sunbay_merchant_id: Option<String>,
    /// SUNBAY Nexus API key (Bearer) accepted [default: sk_test_4eC39HqLyjWDarjtT1zdp7dc].
    #[arg(long, value_name = "KEY")]
    pub sunbay_api_key: Option<String>,
    /// Secret the SUNBAY webhooks are signed with (HMAC-SHA256) [default: test_webhook_secret].
    #[arg(long, value_name = "SECRET")]
    pub sunbay_webhook_secret: Option<String>,
    /// Lifetime of a SUNBAY hosted-page session, in seconds (POST
    /// /admin/sunbay/settings {"sessionTtlMs":..} overrides it at run time).
    #[arg(long, default_value_t = 1800, value_name = "SECS")]
    pub sunbay_session_ttl_secs: u64,
    /// Log line format.
    #[arg(long, value_enum, default_value_t = LogFormat::Text)]
    pub log_format: LogFormat,
}

impl Args {
    /// The flag-level fault rule, if any fault flag was given.
    fn flag_rule(&self) -> Option<FaultRule> {
        let r = FaultRule {
            endpoint: None,
            once: false,
            latency_ms: self.latency_ms,
            error_5xx_rate: self.error_5xx_rate,
            hang_rate: self.hang_rate,
            malformed_json_rate: self.malformed_json_rate,
            bad_signature_rate: self.bad_signature_rate,
            process_then_5xx_rate: self.process_then_5xx_rate,
            error_code: self.error_code.clone(),
            error_rate: self.error_rate,
            notify_drop: self.notify_drop.then_some(true),
            notify_duplicate: self.notify_duplicate,
            notify_out_of_order: self.notify_out_of_order.then_some(true),
            notify_before_response: self.notify_before_response.then_some(true),
            // Answer-shape and refund faults have no flag of their own: use --fault.
            ..FaultRule::default()
        };
        (r != FaultRule::default()).then_some(r)
    }

    pub fn into_config(self) -> Result<Config, SandboxError> {
        let mut merchants: Vec<Merchant> = Vec::new();
        if let Some(path) = &self.config {
            merchants.extend(load_merchants_file(path)?);
        }
        for spec in &self.merchants {
            merchants.push(Merchant::parse_spec(spec)?);
        }
        if merchants.is_empty() {
            merchants.push(Merchant::default_merchant());
        }
        let mut faults: Vec<FaultRule> = self.flag_rule().into_iter().collect();
        for rule in &faults {
            rule.validate()
                .map_err(|e| SandboxError::Config(format!("fault flags: {e}")))?;
        }
        for text in &self.faults {
            let rule: FaultRule = serde_json::from_str(text)
                .map_err(|e| SandboxError::Config(format!("--fault {text}: {e}")))?;
            rule.validate()
                .map_err(|e| SandboxError::Config(format!("--fault {text}: {e}")))?;
            faults.push(rule);
        }
        if let Some(u) = &self.public_url {
            crate::util::check_http_url(u, true)
                .map_err(|_| SandboxError::Config("--public-url must be an http(s) URL".into()))?;
        }
        let mut sunbay = SunbayAccount::default();
        for (value, slot, flag) in [
            (&self.sunbay_app_id, &mut sunbay.app_id, "--sunbay-app-id"),
            (
                &self.sunbay_merchant_id,
                &mut sunbay.merchant_id,
                "--sunbay-merchant-id",
            ),
            (
                &self.sunbay_api_key,
                &mut sunbay.api_key,
                "--sunbay-api-key",
            ),
            (
                &self.sunbay_webhook_secret,
                &mut sunbay.webhook_secret,
                "--sunbay-webhook-secret",
            ),
        ] {
            if let Some(v) = value {
                if v.is_empty() || v.len() > 128 || v.chars().any(char::is_whitespace) {
                    return Err(SandboxError::Config(format!(
                        "{flag} must be 1-128 characters without spaces"
                    )));
                }
                v.clone_into(slot);
            }
        }
        if self.sunbay_session_ttl_secs == 0 {
            return Err(SandboxError::Config(
                "--sunbay-session-ttl-secs must be at least 1".into(),
            ));
        }
        if self.ca_out.is_some() && self.https.is_none() {
            return Err(SandboxError::Config("--ca-out needs --https".into()));
        }
        Ok(Config {
            http: self.http,
            https: self.https,
            ca_out: self.ca_out,
            ready_file: self.ready_file,
            merchants,
            seed: self.seed,
            state_file: self.state_file,
            public_url: self.public_url,
            notify_backoff_ms: self.notify_backoff_ms,
            notify_max_attempts: self.notify_max_attempts,
            notify_timeout_ms: self.notify_timeout_ms,
            hang_max_ms: self.hang_max_ms,
            faults,
            sunbay,
            sunbay_session_ttl_ms: self.sunbay_session_ttl_secs.saturating_mul(1000),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(args: &[&str]) -> Result<Config, SandboxError> {
        let argv = std::iter::once("iotpay-sandbox").chain(args.iter().copied());
        Args::try_parse_from(argv).unwrap().into_config()
    }

    #[test]
    fn error_code_flags() {
        let c = config(&["--error-code", "0110", "--error-rate", "0.25"]).unwrap();
        assert_eq!(c.faults.len(), 1);
        assert_eq!(c.faults[0].error_code.as_deref(), Some("0110"));
        assert_eq!(c.faults[0].error_rate, Some(0.25));
        let c = config(&["--error-code", "SYSTEMERROR"]).unwrap();
        assert_eq!(c.faults[0].error_rate, None);
        let e = config(&["--error-code", "9999"]).unwrap_err().to_string();
        assert!(e.contains("unknown error_code"), "{e}");
        assert!(config(&["--error-code", "0010", "--error-rate", "2"]).is_err());
        // --error-rate alone is refused by the parser.
        assert!(Args::try_parse_from(["iotpay-sandbox", "--error-rate", "1"]).is_err());
    }
}
