//! SUNBAY webhooks (§9, D44): HMAC-SHA256 over the raw body bytes with the
//! webhook signing secret, compared in constant time; the signature read
//! from `X-Signature` (or `X-Sunbay-Signature`) as lowercase hex, uppercase
//! hex or standard Base64, with an optional `sha256=` prefix; `X-Timestamp`
//! 13 digits within ±5 minutes. Nothing in the body is read before the
//! signature verifies; a body naming a key twice is refused. The event is
//! news only: the order is decided from a `transaction/query` answer.

use super::response::{fields_of, text};
use super::results::TxStatus;
use crate::error::{Error, Result};
use crate::notification::{json_object, trimmed_body};
use ring::hmac;
use serde_json::{Map, Value as Json};
use subtle::ConstantTimeEq;

/// How far `X-Timestamp` may be from now.
pub const WINDOW_MS: i64 = 5 * 60 * 1000;

#[derive(Debug, Clone)]
pub struct WebhookEvent {
    pub notification_id: Option<String>,
    pub timestamp_ms: i64,
    pub transaction_id: Option<String>,
    pub transaction_request_id: Option<String>,
    pub original_transaction_id: Option<String>,
    pub status: Option<TxStatus>,
    pub tx_type: Option<String>,
    pub raw: Map<String, Json>,
}

/// A header by name, case-insensitively, also in `$_SERVER` form
/// (`HTTP_X_SIGNATURE`). A name given twice with different values is refused.
pub fn header<'a>(headers: &'a [(String, String)], name: &str) -> Result<Option<&'a str>> {
    let want = name.to_ascii_lowercase();
    let mut found: Option<&str> = None;
    for (k, v) in headers {
        let k = k.to_ascii_lowercase().replace('_', "-");
        let k = k.strip_prefix("http-").unwrap_or(&k);
        if k == want {
            match found {
                Some(prev) if prev != v => {
                    return Err(Error::Signature(format!("{name} header given twice")))
                }
                _ => found = Some(v.as_str()),
            }
        }
    }
    Ok(found)
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(B64[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Whether `given` is the HMAC-SHA256 of `body` under `secret` in one of the
/// accepted encodings. Every comparison is constant-time.
pub fn signature_matches(body: &[u8], secret: &str, given: &str) -> bool {
    let given = given.trim();
    let given = match given.get(..7) {
        Some(p) if p.eq_ignore_ascii_case("sha256=") => &given[7..],
        _ => given,
    };
    let key = hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes());
    let mac = hmac::sign(&key, body);
    let lower = hex::encode(mac.as_ref());
    let upper = lower.to_ascii_uppercase();
    let b64 = base64(mac.as_ref());
    let g = given.as_bytes();
    // Every candidate is compared, whichever matches: no early exit.
    let ok = g.ct_eq(lower.as_bytes()) | g.ct_eq(upper.as_bytes()) | g.ct_eq(b64.as_bytes());
    bool::from(ok)
}

pub fn verify(
    body: &[u8],
    headers: &[(String, String)],
    secret: &str,
    now_ms: i64,
) -> Result<WebhookEvent> {
    // The size limit first; the signature is over the bytes as received.
    trimmed_body(body).map_err(|_| Error::Protocol("webhook body too large".into()))?;
    let given = match header(headers, "X-Signature")? {
        Some(s) => Some(s),
        None => header(headers, "X-Sunbay-Signature")?,
    }
    .ok_or_else(|| Error::Signature("webhook has no X-Signature header".into()))?;
    if !signature_matches(body, secret, given) {
        return Err(Error::Signature("webhook signature does not verify".into()));
    }
    let ts = header(headers, "X-Timestamp")?
        .ok_or_else(|| Error::Signature("webhook has no X-Timestamp header".into()))?
        .trim();
    if ts.len() != 13 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Error::Signature(
            "webhook X-Timestamp is not 13 digits".into(),
        ));
    }
    let ts: i64 = ts
        .parse()
        .map_err(|_| Error::Signature("webhook X-Timestamp is not 13 digits".into()))?;
    if (now_ms - ts).abs() > WINDOW_MS {
        return Err(Error::Signature(
            "webhook X-Timestamp is more than 5 minutes from now".into(),
        ));
    }
    let trimmed = trimmed_body(body)?;
    let top = json_object(trimmed).map_err(|e| match e {
        Error::Validation { field, reason } if reason.contains("more than once") => {
            Error::Protocol(format!(
                "webhook body names {} more than once",
                crate::response::truncate(&field)
            ))
        }
        _ => Error::Protocol("webhook body is not a JSON object".into()),
    })?;
    let f = fields_of(&top)?;
    Ok(WebhookEvent {
        notification_id: header(headers, "X-Client-Request-Id")?.map(str::to_string),
        timestamp_ms: ts,
        transaction_id: text(&f, "transactionId"),
        transaction_request_id: text(&f, "transactionRequestId"),
        original_transaction_id: text(&f, "originalTransactionId"),
        status: text(&f, "transactionStatus").map(|s| TxStatus::parse(&s)),
        tx_type: text(&f, "transactionType").map(|t| t.to_ascii_uppercase()),
        raw: f,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // sunbay.md §9's computed vectors.
    const SECRET: &str = "test_webhook_secret";
    const BODY: &[u8] = br#"{"transactionId":"TXN20231119001","transactionStatus":"S"}"#;
    const HEX: &str = "155142760d073ae62dadc3c3a4706d8d77c295c6ec5fe7cee6af766931c39fcb";
    const B64_SIG: &str = "FVFCdg0HOuYtrcPDpHBtjXfClcbsX+fO5q92aTHDn8s=";
    const NOW: i64 = 1_701_234_567_890;

    fn headers(sig_name: &str, sig: &str, ts: i64) -> Vec<(String, String)> {
        vec![
            (sig_name.to_string(), sig.to_string()),
            ("X-Timestamp".into(), ts.to_string()),
            (
                "X-Client-Request-Id".into(),
                "550e8400-e29b-41d4-a716-446655440000".into(),
            ),
        ]
    }

    #[test]
    fn spec_vectors_in_every_encoding() {
        assert_eq!(BODY.len(), 58);
        for sig in [
            HEX.to_string(),
            HEX.to_ascii_uppercase(),
            B64_SIG.to_string(),
            format!("sha256={HEX}"),
            format!("SHA256={B64_SIG}"),
        ] {
            for name in ["X-Signature", "x-sunbay-signature", "HTTP_X_SIGNATURE"] {
                let e = verify(BODY, &headers(name, &sig, NOW), SECRET, NOW).unwrap();
                assert_eq!(e.transaction_id.as_deref(), Some("TXN20231119001"));
                assert_eq!(e.status, Some(TxStatus::Success));
                assert_eq!(e.timestamp_ms, NOW);
                assert_eq!(
                    e.notification_id.as_deref(),
                    Some("550e8400-e29b-41d4-a716-446655440000")
                );
            }
        }
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
    }

    #[test]
    fn refusals() {
        let sig = |e: Result<WebhookEvent>| matches!(e, Err(Error::Signature(_)));
        // `body` with the signature `value` in header `name`, sent at `ts`,
        // checked with `secret` at NOW: refused as a signature error.
        let refused = |body: &[u8], name: &str, value: &str, ts: i64, secret: &str| {
            sig(verify(body, &headers(name, value, ts), secret, NOW))
        };
        let altered = br#"{"transactionId":"TXN20231119001","transactionStatus":"F"}"#;
        assert!(refused(altered, "X-Signature", HEX, NOW, SECRET));
        assert!(refused(BODY, "X-Signature", HEX, NOW, "other_secret"));
        assert!(refused(
            BODY,
            "X-Signature",
            HEX,
            NOW - WINDOW_MS - 1,
            SECRET
        ));
        assert!(refused(
            BODY,
            "X-Signature",
            HEX,
            NOW + WINDOW_MS + 1,
            SECRET
        ));
        assert!(verify(
            BODY,
            &headers("X-Signature", HEX, NOW - WINDOW_MS),
            SECRET,
            NOW
        )
        .is_ok());
        assert!(refused(BODY, "X-Other", HEX, NOW, SECRET));
        assert!(refused(BODY, "X-Signature", &HEX[..63], NOW, SECRET));
        // Mixed case is none of the accepted encodings.
        let mixed = format!("{}{}", &HEX[..32], HEX[32..].to_ascii_uppercase());
        assert!(refused(BODY, "X-Signature", &mixed, NOW, SECRET));
        let mut h = headers("X-Signature", HEX, NOW);
        h[1].1 = "170123456789".into();
        assert!(sig(verify(BODY, &h, SECRET, NOW)));
        h.remove(1);
        assert!(sig(verify(BODY, &h, SECRET, NOW)));
    }

    #[test]
    fn duplicated_keys_refused_after_a_valid_signature() {
        let body = br#"{"transactionId":"T1","transactionStatus":"F","transactionStatus":"S"}"#;
        let key = hmac::Key::new(hmac::HMAC_SHA256, SECRET.as_bytes());
        let sig = hex::encode(hmac::sign(&key, body).as_ref());
        let e = verify(body, &headers("X-Signature", &sig, NOW), SECRET, NOW).unwrap_err();
        assert!(
            matches!(&e, Error::Protocol(m) if m.contains("transactionStatus")),
            "{e:?}"
        );
        let sig = hex::encode(hmac::sign(&key, b"[1]").as_ref());
        assert!(matches!(
            verify(b"[1]", &headers("X-Signature", &sig, NOW), SECRET, NOW),
            Err(Error::Protocol(_))
        ));
    }
}
