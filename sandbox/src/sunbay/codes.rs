//! The codes the SUNBAY simulator answers (§11) and their texts. The
//! C-code numbers are the simulator's own reading (D47): nothing outside the
//! sandbox may branch on them.

pub const OK: &str = "0";
/// Timestamp missing, malformed or more than ±10 minutes off.
pub const BAD_TIMESTAMP: &str = "S02";
/// Authentication failed (Bearer key).
pub const AUTH_FAILED: &str = "S10";
/// `X-Client-Request-Id` of a POST seen again within 10 minutes.
pub const DUPLICATE_REQUEST: &str = "S11";
pub const PARAM_MISSING: &str = "C01";
pub const BAD_JSON: &str = "C02";
pub const NO_MERCHANT: &str = "C03";
pub const DUPLICATE_SERIAL: &str = "C04";
pub const NOT_FOUND: &str = "C07";
pub const AMOUNT_RANGE: &str = "C08";
pub const OVER_REFUND: &str = "C09";
pub const STATUS_NOT_ALLOWED: &str = "C10";
pub const PARAM_ERROR: &str = "C17";
/// appId not the application of the key.
pub const APP_CONFIG: &str = "M01";

/// The text of a code, as `msg`.
pub fn message(code: &str) -> String {
    let own = match code {
        OK => Some("Success"),
        PARAM_MISSING => Some("parameter missing"),
        BAD_JSON => Some("JSON format error"),
        NO_MERCHANT => Some("merchant does not exist or is disabled"),
        DUPLICATE_SERIAL => Some("duplicate request serial number"),
        "C05" => Some("transaction locked"),
        "C06" => Some("order already paid"),
        NOT_FOUND => Some("order does not exist"),
        AMOUNT_RANGE => Some("amount out of range"),
        OVER_REFUND => Some("refund exceeds refundable amount"),
        STATUS_NOT_ALLOWED => Some("transaction status does not allow the operation"),
        PARAM_ERROR => Some("parameter error"),
        _ => None,
    };
    match own {
        Some(m) => m.to_owned(),
        None => iotpay_core::catalogue::sunbay(code)
            .map_or("error", |c| c.message)
            .to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_text() {
        for c in [
            "S01", "S02", "S11", "C01", "C10", "C17", "C26", "M04", "P01", "E03",
        ] {
            assert_ne!(message(c), "error", "{c}");
        }
    }
}
