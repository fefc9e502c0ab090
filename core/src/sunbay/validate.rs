//! Identifier rules checked before anything is sent (sunbay.md §5, D41).
//! A refusal names the field and never quotes the value.

use crate::error::{Error, Result};

/// `transactionRequestId`: `[A-Za-z0-9_-]`, 1–32 bytes.
pub fn transaction_request_id(field: &str, v: &str) -> Result<()> {
    if v.is_empty() || v.len() > 32 {
        return Err(Error::validation(field, "must be 1 to 32 characters"));
    }
    if !v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Error::validation(
            field,
            "may only hold letters, digits, '_' and '-'",
        ));
    }
    Ok(())
}

/// `referenceOrderId`: `[A-Za-z0-9_\-|*]`, 6–32 bytes.
pub fn reference_order_id(field: &str, v: &str) -> Result<()> {
    if v.len() < 6 || v.len() > 32 {
        return Err(Error::validation(field, "must be 6 to 32 characters"));
    }
    if !v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'|' | b'*'))
    {
        return Err(Error::validation(
            field,
            "may only hold letters, digits, '_', '-', '|' and '*'",
        ));
    }
    Ok(())
}

/// A SUNBAY-issued id we send back (`transactionId`, `sessionId`):
/// string(64), visible ASCII (it goes into a URL or JSON as is).
pub fn provider_id(field: &str, v: &str) -> Result<()> {
    if v.is_empty() || v.len() > 64 {
        return Err(Error::validation(field, "must be 1 to 64 characters"));
    }
    if !v.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(Error::validation(
            field,
            "must be visible ASCII without spaces",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_ids() {
        assert!(transaction_request_id("t", "WC12-1_a").is_ok());
        assert!(transaction_request_id("t", &"a".repeat(32)).is_ok());
        for bad in ["", "a b", "a|b", "a*b", "é", &"a".repeat(33)] {
            assert!(transaction_request_id("t", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reference_order_ids() {
        assert!(reference_order_id("r", "WC0001").is_ok());
        assert!(reference_order_id("r", "A|B*C_D-E").is_ok());
        for bad in ["WC001", "WC 0001", "WC0001.", &"a".repeat(33), "WC00é1"] {
            let e = reference_order_id("referenceOrderId", bad).unwrap_err();
            assert!(matches!(&e, Error::Validation { field, .. } if field == "referenceOrderId"));
            assert!(bad.len() < 6 || !e.to_string().contains(bad), "{bad}");
        }
    }
}
