//! SUNBAY webhook verification and body reading (sunbay.md §9, D44, D48)
//! never panic, refuse only with a signature or protocol error, and accept
//! only what carries the body's real HMAC within the time window.
//!
//! Random bytes almost never hold a valid HMAC, so the harness computes one
//! (in every accepted encoding) unless the input asks for its own value:
//! that way the body parser behind the signature check is reached.
#![no_main]
use iotpay_core::sunbay::response::{fields_of, text};
use iotpay_core::sunbay::webhook::{self, WINDOW_MS};
use iotpay_core::sunbay::TxStatus;
use iotpay_core::Error;
use libfuzzer_sys::fuzz_target;
use ring::hmac;

const SECRET: &str = "test_webhook_secret";
const NOW: i64 = 1_701_234_567_890;

/// Standard Base64 with padding, written here independently of core's.
fn base64(bytes: &[u8]) -> String {
    const T: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = String::new();
    for &b in bytes {
        bits = (bits << 8) | u32::from(b);
        n += 8;
        while n >= 6 {
            n -= 6;
            out.push(T[((bits >> n) & 63) as usize] as char);
        }
    }
    if n > 0 {
        out.push(T[((bits << (6 - n)) & 63) as usize] as char);
    }
    while out.len() % 4 != 0 {
        out.push('=');
    }
    out
}

/// Every spelling of the body's HMAC the extension accepts (D44).
fn encodings(body: &[u8], secret: &str) -> [String; 3] {
    let mac = hmac::sign(&hmac::Key::new(hmac::HMAC_SHA256, secret.as_bytes()), body);
    let lower = hex::encode(mac.as_ref());
    [lower.to_ascii_uppercase(), base64(mac.as_ref()), lower]
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fuzz_target!(|data: &[u8]| {
    // Byte 0 picks the signature and timestamp the harness sends, byte 1
    // the header spellings; then `sig|ts|extra name|extra value|body`
    // separated by 0xFF (the body last, so it may hold 0xFF itself).
    let (flags, names, rest) = match data {
        [f, n, rest @ ..] => (*f, *n, rest),
        _ => return,
    };
    let mut parts: Vec<&[u8]> = rest.splitn(5, |b| *b == 0xFF).collect();
    let body = parts.pop().unwrap_or(&[]);
    parts.resize(4, &[]);
    let (own_sig, own_ts, extra_name, extra_value) = (parts[0], parts[1], parts[2], parts[3]);

    let [upper, b64, lower] = encodings(body, SECRET);
    let computed = match flags & 7 {
        0 => Some(lower.clone()),
        1 => Some(upper),
        2 => Some(b64),
        3 => Some(format!("sha256={lower}")),
        4 => Some(format!("SHA256={b64}")),
        5 => Some(format!(" {lower}\t")),
        _ => None,
    };
    let sig_value = computed.clone().unwrap_or_else(|| lossy(own_sig));
    let ts_value = match (flags >> 3) & 3 {
        0 => NOW.to_string(),
        // An offset of up to ±6.4 minutes: both sides of the window.
        1 => {
            let off = i64::from(i8::from_le_bytes([names])) * 3_000;
            (NOW + off).to_string()
        }
        2 => lossy(own_ts),
        _ => String::new(),
    };
    let sig_name = [
        "X-Signature",
        "x-sunbay-signature",
        "HTTP_X_SIGNATURE",
        "X-SIGNATURE",
    ][usize::from(names & 3)];
    let ts_name = ["X-Timestamp", "http_x_timestamp"][usize::from((names >> 2) & 1)];
    let mut headers = vec![
        (sig_name.to_string(), sig_value.clone()),
        (
            "X-Client-Request-Id".to_string(),
            "550e8400-e29b-41d4-a716-446655440000".to_string(),
        ),
    ];
    if (flags >> 3) & 3 != 3 {
        headers.push((ts_name.to_string(), ts_value.clone()));
    }
    // A header of the input's choosing: a second signature or timestamp, a
    // name in another case, or noise.
    let extra = flags & 0x80 != 0;
    if extra {
        headers.push((lossy(extra_name), lossy(extra_value)));
    }
    if names & 0x80 != 0 {
        headers.reverse();
    }

    let result = webhook::verify(body, &headers, SECRET, NOW);
    match &result {
        Ok(e) => {
            // Accepted: a header really carries the body's HMAC in an
            // accepted spelling (whatever the input supplied)...
            let real = encodings(body, SECRET);
            let carries = |v: &str| {
                let v = v.trim();
                let v = match v.get(..7) {
                    Some(p) if p.eq_ignore_ascii_case("sha256=") => &v[7..],
                    _ => v,
                };
                real.iter().any(|r| r == v)
            };
            assert!(
                headers.iter().any(|(_, v)| carries(v)),
                "forged signature accepted: {headers:?}"
            );
            // ... is stamped within the window ...
            assert!((NOW - e.timestamp_ms).abs() <= WINDOW_MS);
            assert!(headers
                .iter()
                .any(|(_, v)| v.trim() == e.timestamp_ms.to_string()));
            // ... and the event says what the body says.
            let top: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(body.trim_ascii()).expect("accepted body is a JSON object");
            let f = fields_of(&top).expect("accepted body has readable fields");
            assert_eq!(e.raw, f);
            assert_eq!(e.transaction_id, text(&f, "transactionId"));
            assert_eq!(
                e.status,
                text(&f, "transactionStatus").map(|s| TxStatus::parse(&s))
            );
            if let Some(s) = e.status {
                assert_eq!(TxStatus::parse(s.letter()), s);
            }
            // The same headers never verify another body or another secret.
            let mut altered = body.to_vec();
            match altered.first_mut() {
                Some(b) => *b ^= 1,
                None => altered.push(b' '),
            }
            assert!(matches!(
                webhook::verify(&altered, &headers, SECRET, NOW),
                Err(Error::Signature(_))
            ));
            assert!(matches!(
                webhook::verify(body, &headers, "another_secret", NOW),
                Err(Error::Signature(_))
            ));
        }
        Err(Error::Signature(_)) => {
            // A well-formed request with the real HMAC and a fresh timestamp
            // is never refused for its signature or timestamp.
            assert!(
                !(computed.is_some() && flags & 0x18 == 0 && !extra),
                "valid signature refused: {result:?}"
            );
        }
        Err(Error::Protocol(_)) => {}
        Err(other) => panic!("webhook refused with an unexpected error kind: {other:?}"),
    }
});
