//! SUNBAY answers (sunbay.md §3.2, §6–§8, D42, D43, D48): the envelope and
//! the typed transaction, session and expired session read from it never
//! panic, fail only with the error kinds the PHP layer maps, and whatever
//! reads is consistent with the body (code "0", 2xx, integer minor units).
#![no_main]
use iotpay_core::sunbay::response::{self, fields_of};
use iotpay_core::sunbay::time;
use iotpay_core::sunbay::{ExpiredSession, Session, Transaction, TxStatus};
use iotpay_core::Error;
use libfuzzer_sys::fuzz_target;
use serde_json::{Map, Value as Json};

/// Statuses with something to tell apart: 2xx, 3xx, 4xx with and without an
/// envelope, 5xx (always a transport error, D48), and nonsense.
const STATUSES: [u16; 16] = [
    200, 200, 200, 201, 204, 299, 300, 400, 401, 404, 429, 499, 500, 502, 599, 0,
];
/// What a sale or refund request sent (`None`: a query, which must state it).
const SENT: [Option<(i64, &str)>; 4] = [
    None,
    Some((500, "USD")),
    Some((0, "JPY")),
    Some((i64::MAX, "CAD")),
];

fn check_transaction(t: &Transaction, sent: Option<(i64, &str)>) {
    assert!(!t.transaction_id.is_empty());
    assert!(!t.currency.is_empty());
    assert!(
        t.amount >= 0 && t.order_amount >= 0,
        "negative amount: {t:?}"
    );
    assert_eq!(TxStatus::parse(t.status.letter()), t.status);
    if sent.is_none() {
        // A query answer stated its own amount.
        assert!(t.raw.contains_key("amount"));
    }
    if let Some(ty) = &t.tx_type {
        assert_eq!(ty, &ty.to_ascii_uppercase());
    }
}

fuzz_target!(|data: &[u8]| {
    let (sel, body) = match data.split_first() {
        Some((b, rest)) => (*b, rest),
        None => return,
    };
    let status = STATUSES[usize::from(sel & 15)];
    let sent = SENT[usize::from((sel >> 4) & 3)];

    match response::read(status, body) {
        Ok(reply) => {
            assert!((200..300).contains(&status));
            let top: Map<String, Json> =
                serde_json::from_slice(body).expect("accepted answer is an object");
            assert_eq!(top.get("code"), Some(&Json::String("0".into())));
            assert_eq!(
                reply.trace_id.as_deref(),
                top.get("traceId").and_then(Json::as_str)
            );
            match Transaction::from_reply(reply.clone(), sent) {
                Ok(t) => check_transaction(&t, sent),
                Err(Error::Protocol(_)) => {}
                Err(e) => panic!("transaction refused with {e:?}"),
            }
            match Session::from_reply(reply.clone(), "R1", "id".into()) {
                Ok(s) => {
                    // The page the payer is sent to: an http(s) URL as a
                    // whole, with nothing a URL parser would silently drop.
                    let u = s.checkout_url.to_ascii_lowercase();
                    assert!(
                        u.starts_with("https://") || u.starts_with("http://"),
                        "{s:?}"
                    );
                    assert!(
                        !s.checkout_url
                            .bytes()
                            .any(|b| b.is_ascii_control() || b == b' '),
                        "checkoutUrl with control characters or spaces: {:?}",
                        s.checkout_url
                    );
                    assert_eq!(s.transaction_request_id, "R1");
                    assert_eq!(s.expires_at_ms, time::parse_ms(&s.expires_at));
                }
                Err(Error::Protocol(_)) => {}
                Err(e) => panic!("session refused with {e:?}"),
            }
            match ExpiredSession::from_reply(reply, "cs_1") {
                Ok(x) => assert_eq!(x.session_id, "cs_1"),
                Err(Error::Protocol(_)) => {}
                Err(e) => panic!("expired session refused with {e:?}"),
            }
        }
        Err(Error::Transport { http_status, .. }) => {
            assert!(status >= 500 && http_status == status)
        }
        Err(Error::Gateway {
            code,
            message,
            http_status,
            ..
        }) => {
            assert!(status < 500 && http_status == status);
            assert!(code != "0" && code.chars().count() <= 32);
            assert!(message.chars().count() <= 200);
        }
        Err(Error::HttpStatus(s)) => assert!(s == status && !(200..300).contains(&status)),
        Err(Error::Protocol(_)) => assert!(status < 500),
        Err(e) => panic!("answer refused with {e:?}"),
    }

    // Webhook bodies and odd envelopes: the transaction reader on its own.
    if let Ok(Json::Object(top)) = serde_json::from_slice::<Json>(body) {
        if let Ok(f) = fields_of(&top) {
            match Transaction::from_fields(f, None, sent) {
                Ok(t) => check_transaction(&t, sent),
                Err(Error::Protocol(_)) => {}
                Err(e) => panic!("transaction refused with {e:?}"),
            }
        }
    }

    // The date-time reader (expiresAt, timeExpire) on the raw text.
    if body.len() <= 64 {
        if let Ok(s) = std::str::from_utf8(body) {
            let _ = time::parse_ms(s);
        }
    }
});
