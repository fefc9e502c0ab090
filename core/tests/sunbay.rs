//! The SUNBAY client against scripted local servers (plain HTTP on loopback
//! and HTTPS with a test CA): the headers of §3.1 on the wire (Bearer,
//! 13-digit X-Timestamp, derived X-Client-Request-Id on POSTs and a random
//! one on GETs), the bodies, the query string, keep-alive, and every error
//! class (S/C/M/P/E codes, 5xx, timeout, malformed answers).

mod common;

use common::{scripted_server, Reply, Script, Seen, Server};
use iotpay_core::catalogue::Classification;
use iotpay_core::sunbay::{client, ids, Client, Config, TxStatus};
use iotpay_core::Error;
use serde_json::{json, Map, Value as Json};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";

fn config(s: &Server, timeout_ms: u64) -> Config {
    let mut c = Config::new("app_123456", "M1260231004", KEY).unwrap();
    c.set_base(&s.base).unwrap();
    c.set_timeouts(1000, timeout_ms).unwrap();
    c.ca_file = s.ca_file.clone();
    c
}

fn obj(v: Json) -> Map<String, Json> {
    v.as_object().cloned().unwrap()
}

fn ok(data: Json) -> Reply {
    Reply::Answer(
        200,
        json!({"code":"0","msg":"Success","traceId":"TRACE1","data":data}).to_string(),
    )
}

/// A SUNBAY-like server: answers by path, and S11 to a POST whose
/// X-Client-Request-Id it saw before (the 10-minute duplicate check).
fn sunbay_like() -> Script {
    let ids_seen = Arc::new(Mutex::new(Vec::<String>::new()));
    Arc::new(move |r: &Seen| {
        if r.method == "POST" {
            let id = r.header("x-client-request-id").unwrap_or("").to_string();
            let mut seen = ids_seen.lock().unwrap();
            if seen.contains(&id) {
                return Reply::Answer(
                    200,
                    r#"{"code":"S11","msg":"duplicate request","traceId":"T"}"#.into(),
                );
            }
            seen.push(id);
        }
        let body: Json = serde_json::from_slice(&r.body).unwrap_or(Json::Null);
        let path = r.target.split('?').next().unwrap_or("");
        match path {
            "/v1/checkout/create-session" => ok(json!({
                "sessionId":"cs_1","checkoutUrl":"https://pay.example/cs_1",
                "expiresAt":"2023-11-19T10:30:00+08:00",
                "transactionRequestId": body["transactionRequestId"]})),
            "/v1/checkout/expire-session" => ok(json!({
                "sessionId": body["sessionId"],"sessionStatus":"EXPIRED",
                "expiredAt":"2023-11-19T10:30:00+08:00"})),
            "/v1/checkout/sale" => ok(json!({"transactionId":"TXN_SALE",
                "transactionRequestId": body["transactionRequestId"],
                "referenceOrderId": body["referenceOrderId"]})),
            "/v1/checkout/refund" => ok(json!({"transactionId":"TXN_RF",
                "transactionRequestId": body["transactionRequestId"],
                "originalTransactionId":"TXN1","transactionStatus":"P","transactionType":"REFUND",
                "amount": body["amount"]})),
            "/v1/transaction/query" => ok(json!({"transactionId":"TXN1",
                "transactionRequestId":"WC12-1","referenceOrderId":"WC000012",
                "transactionStatus":"SUCCESS","transactionType":"SALE",
                "amount":{"orderAmount":"1234","taxAmount":100,"priceCurrency":"USD"},
                "maskedPan":"411111****1111"})),
            "/fault/5xx" => Reply::Answer(503, "busy".into()),
            _ => Reply::Answer(404, "".into()),
        }
    })
}

fn session_request(trid: &str) -> Map<String, Json> {
    obj(
        json!({"transactionRequestId":trid,"referenceOrderId":"WC000012","amount":1234,
               "currency":"USD","description":"Order 12","taxAmount":100,
               "notifyUrl":"https://shop.example/hook","merchantReturnUrl":"https://shop.example/back"}),
    )
}

fn assert_common_headers(r: &Seen) {
    assert_eq!(
        r.header("authorization"),
        Some(format!("Bearer {KEY}").as_str())
    );
    let ts = r.header("x-timestamp").unwrap();
    assert_eq!(ts.len(), 13);
    let ts: i64 = ts.parse().unwrap();
    assert!((ids::now_ms() - ts).abs() < 60_000);
}

fn every_endpoint(tls: bool) {
    let (server, seen) = scripted_server(tls, sunbay_like());
    let c = Client::new(config(&server, 3000));

    let s = c.create_session(&session_request("WC12-1")).unwrap();
    assert_eq!(s.checkout_url, "https://pay.example/cs_1");
    assert_eq!(s.session_id, "cs_1");
    assert_eq!(s.expires_at_ms, Some(1_700_361_000_000));
    assert_eq!(s.trace_id, "TRACE1");
    let r = seen.lock().unwrap()[0].clone();
    assert_eq!(r.method, "POST");
    assert_eq!(r.target, "/v1/checkout/create-session");
    assert_common_headers(&r);
    assert_eq!(r.header("content-type"), Some("application/json"));
    let id = ids::derived(client::CREATE_SESSION, "WC12-1");
    assert_eq!(r.header("x-client-request-id"), Some(id.as_str()));
    assert_eq!(s.client_request_id, id);
    let body: Json = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body["appId"], "app_123456");
    assert_eq!(body["merchantId"], "M1260231004");
    assert_eq!(
        body["amount"],
        json!({"orderAmount":1234,"priceCurrency":"USD","taxAmount":100})
    );
    // The secret is in the Authorization header only.
    assert!(!String::from_utf8_lossy(&r.body).contains(KEY));

    // The same operation again (a retry after an unknown outcome): the same
    // id, so SUNBAY's duplicate check answers S11 — query first.
    let e = c.create_session(&session_request("WC12-1")).unwrap_err();
    assert!(
        matches!(&e, Error::Gateway { code, classification: Classification::QueryFirst, .. } if code == "S11")
    );
    assert!(e.should_query_first());
    assert_eq!(
        seen.lock().unwrap()[1].header("x-client-request-id"),
        Some(id.as_str())
    );

    let t = c.query_by_transaction_request_id("WC12-1").unwrap();
    assert_eq!(t.status, TxStatus::Success);
    assert_eq!(
        (t.amount, t.order_amount, t.currency.as_str()),
        (1334, 1234, "USD")
    );
    assert_eq!(t.masked_pan.as_deref(), Some("411111****1111"));
    let t2 = c.query_by_transaction_id("TXN1").unwrap();
    assert_eq!(t2.transaction_id, "TXN1");
    {
        let all = seen.lock().unwrap();
        let (q1, q2) = (&all[2], &all[3]);
        assert_eq!(q1.method, "GET");
        assert_eq!(
            q1.target,
            "/v1/transaction/query?appId=app_123456&merchantId=M1260231004&transactionRequestId=WC12-1"
        );
        assert_eq!(
            q2.target,
            "/v1/transaction/query?appId=app_123456&merchantId=M1260231004&transactionId=TXN1"
        );
        assert_common_headers(q1);
        assert_eq!(q1.header("content-type"), None);
        assert_eq!(q1.header("content-length"), None);
        let (a, b) = (
            q1.header("x-client-request-id").unwrap(),
            q2.header("x-client-request-id").unwrap(),
        );
        assert_ne!(a, b, "a GET gets a fresh id");
        assert_eq!(&a[14..15], "4");
    }

    let sale = c
        .sale(&obj(
            json!({"transactionRequestId":"WC12-2","referenceOrderId":"WC000012",
            "amount":1234,"currency":"USD","description":"Order 12","paymentMethod":"APPLE_PAY",
            "cardEncryptedData":"{\"data\":\"opaque==\",\"version\":\"EC_v1\"}"}),
        ))
        .unwrap();
    assert_eq!(sale.transaction_id, "TXN_SALE");
    assert_eq!(sale.status, TxStatus::Processing);
    assert_eq!((sale.amount, sale.currency.as_str()), (1234, "USD"));
    let sale_body: Json = serde_json::from_slice(&seen.lock().unwrap()[4].body).unwrap();
    assert_eq!(
        sale_body["cardEncryptedData"],
        "{\"data\":\"opaque==\",\"version\":\"EC_v1\"}"
    );

    let rf = c
        .refund(&obj(
            json!({"transactionRequestId":"WC12-r1","originalTransactionId":"TXN1",
            "amount":500,"currency":"USD"}),
        ))
        .unwrap();
    assert_eq!(
        (rf.amount, rf.status, rf.is_refund_record()),
        (500, TxStatus::Processing, true)
    );
    assert_eq!(
        seen.lock().unwrap()[5].header("x-client-request-id"),
        Some(ids::derived(client::REFUND, "WC12-r1").as_str())
    );

    let x = c.expire_session("cs_1", Some("order cancelled")).unwrap();
    assert_eq!(
        (x.session_id.as_str(), x.transaction_id.as_deref()),
        ("cs_1", None)
    );

    // Seven calls on one kept-alive connection.
    assert_eq!(server.accepted(), 1);
}

#[test]
fn every_endpoint_over_http() {
    every_endpoint(false);
}

#[test]
fn every_endpoint_over_https() {
    every_endpoint(true);
}

/// One server whose answer to everything is set per case: the process
/// keeps at most 16 idle connections, and one origin keeps this test from
/// crowding out the keep-alive tests running beside it.
fn settable() -> (Server, Arc<Mutex<(u16, String)>>) {
    let answer = Arc::new(Mutex::new((200u16, String::new())));
    let a = answer.clone();
    let server = scripted_server(
        false,
        Arc::new(move |_| {
            let (status, body) = a.lock().unwrap().clone();
            Reply::Answer(status, body)
        }),
    )
    .0;
    (server, answer)
}

fn query_err(s: &Server, timeout_ms: u64) -> Error {
    Client::new(config(s, timeout_ms))
        .query_by_transaction_request_id("WC12-1")
        .unwrap_err()
}

#[test]
fn every_error_class() {
    let (server, answer) = settable();
    let fixed = |status: u16, body: &str| {
        *answer.lock().unwrap() = (status, body.to_string());
        &server
    };
    for (code, class) in [
        ("S01", Classification::Final),
        ("S02", Classification::Retryable),
        ("S04", Classification::Retryable),
        ("S10", Classification::Final),
        ("S11", Classification::QueryFirst),
        ("C01", Classification::Final),
        ("C09", Classification::Final),
        ("C17", Classification::Final),
        ("C26", Classification::QueryFirst),
        ("M01", Classification::Final),
        ("P01", Classification::QueryFirst),
        ("E01", Classification::QueryFirst),
        ("E03", Classification::QueryFirst),
        ("Z42", Classification::QueryFirst),
    ] {
        let s = fixed(
            200,
            &format!(r#"{{"code":"{code}","msg":"m {code}","traceId":"t"}}"#),
        );
        match query_err(s, 2000) {
            Error::Gateway {
                code: c,
                classification,
                message,
                ..
            } => {
                assert_eq!((c.as_str(), classification), (code, class));
                assert_eq!(message, format!("m {code}"));
            }
            e => panic!("{code}: {e:?}"),
        }
    }
    let e = query_err(fixed(502, "<html>bad gateway</html>"), 2000);
    assert!(
        matches!(
            e,
            Error::Transport {
                http_status: 502,
                ..
            }
        ) && e.should_query_first()
    );
    for bad in [
        "not json",
        "[]",
        r#"{"code":0}"#,
        r#"{"msg":"x"}"#,
        r#"{"code":"0","data":{"transactionId":"T"}}"#,
    ] {
        let e = query_err(fixed(200, bad), 2000);
        assert!(matches!(e, Error::Protocol(_)), "{bad}: {e:?}");
        assert!(e.should_query_first());
    }
    let e = query_err(fixed(404, ""), 2000);
    assert_eq!(e, Error::HttpStatus(404));
    let hang = scripted_server(false, Arc::new(|_| Reply::Hang)).0;
    let t0 = std::time::Instant::now();
    let e = query_err(&hang, 300);
    assert!(
        matches!(
            e,
            Error::Transport {
                timeout: true,
                connect: false,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.should_query_first());
    assert!(t0.elapsed() < Duration::from_secs(3));
}

#[test]
fn nothing_is_sent_for_refused_input() {
    let (server, seen) = scripted_server(false, sunbay_like());
    let c = Client::new(config(&server, 2000));
    for (field, v) in [
        ("referenceOrderId", json!("WC1")),
        ("transactionRequestId", json!("has space")),
        ("amount", json!(12.34)),
        ("currency", json!("XYZ")),
    ] {
        let mut r = session_request("WC12-9");
        r.insert(field.into(), v);
        let e = c.create_session(&r).unwrap_err();
        assert!(
            matches!(&e, Error::Validation { field: f, .. } if f == field),
            "{e:?}"
        );
    }
    assert!(c.query_by_transaction_id("").is_err());
    assert!(c.expire_session("with space", None).is_err());
    assert!(seen.lock().unwrap().is_empty());
}

/// A configured clock offset (the tests' stand-in for a shop whose clock is
/// wrong) moves X-Timestamp and nothing else.
#[test]
fn clock_offset_moves_the_timestamp() {
    let (server, seen) = scripted_server(false, sunbay_like());
    let mut cfg = config(&server, 2000);
    cfg.clock_offset_ms = -660_000;
    Client::new(cfg).query_by_transaction_id("TXN1").unwrap();
    let ts: i64 = seen.lock().unwrap()[0]
        .header("x-timestamp")
        .unwrap()
        .parse()
        .unwrap();
    let off = ids::now_ms() - ts;
    assert!((659_000..=661_000).contains(&off), "{off}");
}
