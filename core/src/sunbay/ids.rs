//! `X-Client-Request-Id` values (D41) and `X-Timestamp`.

use crate::error::{Error, Result};
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};
use std::time::{SystemTime, UNIX_EPOCH};

/// A POST's request id, derived from what the operation is about: a
/// name-based UUID (RFC 9562 version 8) over the SHA-256 of
/// `endpoint ":" key` (`key` = the `transactionRequestId`, or the
/// `sessionId` for expire-session). The same operation sent again, by any
/// worker, carries the same id, so SUNBAY's duplicate check (S11) stops a
/// second execution.
pub fn derived(endpoint: &str, key: &str) -> String {
    let mut input = Vec::with_capacity(endpoint.len() + 1 + key.len());
    input.extend_from_slice(endpoint.as_bytes());
    input.push(b':');
    input.extend_from_slice(key.as_bytes());
    let d = digest(&SHA256, &input);
    let mut b = [0u8; 16];
    b.copy_from_slice(&d.as_ref()[..16]);
    format_uuid(b, 0x80)
}

/// A GET's request id: a fresh random UUID version 4.
pub fn random() -> Result<String> {
    let mut b = [0u8; 16];
    SystemRandom::new()
        .fill(&mut b)
        .map_err(|_| Error::Internal("no system randomness".into()))?;
    Ok(format_uuid(b, 0x40))
}

/// Sets the version nibble and the RFC 9562 variant bits, then writes the
/// 8-4-4-4-12 lowercase form.
fn format_uuid(mut b: [u8; 16], version: u8) -> String {
    b[6] = (b[6] & 0x0f) | version;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Unix time in milliseconds: `X-Timestamp` is exactly 13 digits (§3.1).
pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_ids_are_stable_uuid_v8() {
        let a = derived("/v1/checkout/create-session", "WC12-1");
        assert_eq!(a, derived("/v1/checkout/create-session", "WC12-1"));
        assert_ne!(a, derived("/v1/checkout/create-session", "WC12-2"));
        assert_ne!(a, derived("/v1/checkout/refund", "WC12-1"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"));
        // SHA-256("/v1/checkout/sale:T1") = 4d0c2c0f..., computed independently.
        let expected = {
            let d = digest(&SHA256, b"/v1/checkout/sale:T1");
            let h = hex::encode(&d.as_ref()[..16]);
            let mut c: Vec<char> = h.chars().collect();
            c[12] = '8';
            let v = u8::from_str_radix(&h[16..17], 16).unwrap();
            c[16] = char::from_digit(u32::from((v & 0x3) | 0x8), 16).unwrap();
            let s: String = c.into_iter().collect();
            format!(
                "{}-{}-{}-{}-{}",
                &s[0..8],
                &s[8..12],
                &s[12..16],
                &s[16..20],
                &s[20..32]
            )
        };
        assert_eq!(derived("/v1/checkout/sale", "T1"), expected);
    }

    #[test]
    fn random_ids_are_v4_and_differ() {
        let a = random().unwrap();
        let b = random().unwrap();
        assert_ne!(a, b);
        assert_eq!(&a[14..15], "4");
        assert_eq!(now_ms().to_string().len(), 13);
    }
}
