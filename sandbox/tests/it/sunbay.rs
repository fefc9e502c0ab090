//! SUNBAY Nexus over real HTTP: header checks (S10, S02, C01, S11), sessions
//! and the hosted page, sales, refunds (partial, repeated, C09, C10),
//! expire-session (D45), session expiry, webhooks (signature, retry until
//! 200, headers) and SUNBAY faults.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use serde_json::{json, Value};

use crate::common::*;

const APP_ID: &str = "app_sandbox";
const MERCHANT: &str = "M1260231004";
const API_KEY: &str = "sk_test_4eC39HqLyjWDarjtT1zdp7dc";
const SECRET: &str = "test_webhook_secret";

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

fn uid(prefix: &str) -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{prefix}{}{}",
        now_ms() % 100_000_000,
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Headers of a well-formed request; `edit` may change them.
fn headers() -> Vec<(String, String)> {
    vec![
        ("Authorization".into(), format!("Bearer {API_KEY}")),
        ("X-Timestamp".into(), now_ms().to_string()),
        ("X-Client-Request-Id".into(), uid("rid-")),
    ]
}

impl Ctx {
    async fn sunbay_raw(
        &self,
        method: &str,
        path: &str,
        hdrs: &[(String, String)],
        body: Option<&Value>,
    ) -> (u16, String) {
        let mut req = if method == "GET" {
            self.client.get(self.url(path))
        } else {
            self.client.post(self.url(path))
        };
        for (k, v) in hdrs {
            req = req.header(k.as_str(), v.as_str());
        }
        if let Some(b) = body {
            req = req
                .header("Content-Type", "application/json")
                .body(b.to_string());
        }
        let r = req.send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    async fn sunbay(&self, path: &str, body: Value) -> Value {
        let (status, text) = self.sunbay_raw("POST", path, &headers(), Some(&body)).await;
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    async fn sunbay_query(&self, key: &str, value: &str) -> Value {
        let path =
            format!("/v1/transaction/query?appId={APP_ID}&merchantId={MERCHANT}&{key}={value}");
        let (status, text) = self.sunbay_raw("GET", &path, &headers(), None).await;
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap()
    }

    /// Creates a session; returns its `data`.
    async fn session(&self, request_id: &str, amount: i64, notify: Option<&str>) -> Value {
        let mut body = session_body(request_id, amount);
        if let Some(n) = notify {
            body["notifyUrl"] = n.into();
        }
        let r = self.sunbay("/v1/checkout/create-session", body).await;
        assert_eq!(r["code"], "0", "{r}");
        r["data"].clone()
    }

    /// Creates a session and pays it on the admin API; returns the transaction id.
    async fn paid(&self, request_id: &str, amount: i64, notify: Option<&str>) -> String {
        let d = self.session(request_id, amount, notify).await;
        let sid = d["sessionId"].as_str().unwrap();
        let (status, v) = self
            .admin_post(&format!("/admin/sunbay/sessions/{sid}/pay"), None)
            .await;
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["transaction"]["transactionStatus"], "S", "{v}");
        v["transaction"]["transactionId"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Refunds `amount` of the transaction `original`; with `notify`, its
    /// webhook goes there.
    async fn refund(
        &self,
        request_id: &str,
        original: &str,
        amount: i64,
        notify: Option<&str>,
    ) -> Value {
        let mut body = json!({
            "appId": APP_ID, "merchantId": MERCHANT,
            "transactionRequestId": request_id,
            "originalTransactionId": original,
            "amount": {"orderAmount": amount, "priceCurrency": "USD"},
        });
        if let Some(n) = notify {
            body["notifyUrl"] = n.into();
        }
        self.sunbay("/v1/checkout/refund", body).await
    }
}

fn session_body(request_id: &str, amount: i64) -> Value {
    json!({
        "appId": APP_ID,
        "merchantId": MERCHANT,
        "transactionRequestId": request_id,
        "referenceOrderId": "ORDER_1001",
        "amount": {"orderAmount": amount, "priceCurrency": "USD", "taxAmount": 100},
        "description": "Order 1001",
        "merchantReturnUrl": "http://shop.example/return?order=1001",
    })
}

fn code(r: &Value, c: &str) {
    assert_eq!(r["code"], c, "{r}");
    assert!(r["code"].is_string(), "code is a string: {r}");
    assert!(r["traceId"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
    assert!(r["msg"].as_str().is_some_and(|t| !t.is_empty()), "{r}");
}

/// One webhook the receiver got.
#[derive(Debug, Clone)]
struct Hook {
    headers: HeaderMap,
    body: String,
}

#[derive(Clone)]
struct HookState {
    got: Arc<Mutex<Vec<Hook>>>,
    statuses: Arc<Vec<u16>>,
}

async fn hook(State(s): State<HookState>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let mut got = s.got.lock().unwrap();
    got.push(Hook {
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    });
    let i = (got.len() - 1).min(s.statuses.len() - 1);
    StatusCode::from_u16(s.statuses[i]).unwrap()
}

struct Hooks {
    url: String,
    got: Arc<Mutex<Vec<Hook>>>,
}

/// A webhook receiver answering each request with the next status (the last repeats).
async fn hooks(statuses: &[u16]) -> Hooks {
    let got = Arc::new(Mutex::new(Vec::new()));
    let state = HookState {
        got: got.clone(),
        statuses: Arc::new(statuses.to_vec()),
    };
    let app = Router::new().route("/hook", post(hook)).with_state(state);
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(l, app).await;
    });
    Hooks {
        url: format!("http://{addr}/hook"),
        got,
    }
}

impl Hooks {
    fn all(&self) -> Vec<Hook> {
        self.got.lock().unwrap().clone()
    }

    async fn wait(&self, n: usize, secs: u64) -> Vec<Hook> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while self.all().len() < n {
            assert!(
                Instant::now() < deadline,
                "got {} webhooks of {n}",
                self.all().len()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.all()
    }
}

/// Verifies a webhook the way a merchant must (D44), independently of the
/// sandbox's signer.
fn verify(h: &Hook) -> Value {
    let sig = h.headers["x-signature"].to_str().unwrap();
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, SECRET.as_bytes());
    let raw = hex::decode(sig).expect("lowercase hex");
    assert_eq!(sig, sig.to_lowercase());
    ring::hmac::verify(&key, h.body.as_bytes(), &raw).expect("signature verifies");
    let ts: i64 = h.headers["x-timestamp"].to_str().unwrap().parse().unwrap();
    assert!((ts - now_ms()).abs() < 60_000);
    assert_eq!(h.headers["x-timestamp"].len(), 13);
    assert!(!h.headers["x-client-request-id"].is_empty());
    serde_json::from_str(&h.body).unwrap()
}

#[tokio::test]
async fn header_checks() {
    let c = start().await;
    let body = session_body(&uid("hdr"), 1000);
    let path = "/v1/checkout/create-session";
    let with = |name: &str, value: Option<&str>| -> Vec<(String, String)> {
        let mut h = headers();
        h.retain(|(k, _)| k != name);
        if let Some(v) = value {
            h.push((name.to_owned(), v.to_owned()));
        }
        h
    };
    let cases: Vec<(Vec<(String, String)>, &str)> = vec![
        (with("Authorization", None), "S10"),
        (with("Authorization", Some("Bearer sk_test_wrong")), "S10"),
        (with("Authorization", Some(API_KEY)), "S10"),
        (with("X-Timestamp", None), "S02"),
        (with("X-Timestamp", Some("170123456789")), "S02"),
        (
            with("X-Timestamp", Some(&(now_ms() / 1000).to_string())),
            "S02",
        ),
        (
            with("X-Timestamp", Some(&(now_ms() - 11 * 60_000).to_string())),
            "S02",
        ),
        (
            with("X-Timestamp", Some(&(now_ms() + 11 * 60_000).to_string())),
            "S02",
        ),
        (with("X-Client-Request-Id", None), "C01"),
        (with("X-Client-Request-Id", Some(&"x".repeat(65))), "C17"),
    ];
    for (h, expected) in cases {
        let (status, text) = c.sunbay_raw("POST", path, &h, Some(&body)).await;
        assert_eq!(status, 200);
        let r: Value = serde_json::from_str(&text).unwrap();
        code(&r, expected);
    }
    // Nothing was created by the refused requests.
    let v = c.admin_get("/admin/sunbay/sessions").await;
    assert_eq!(v["sessions"].as_array().unwrap().len(), 0, "{v}");
    // 9 minutes off is inside the window.
    let h = with("X-Timestamp", Some(&(now_ms() - 9 * 60_000).to_string()));
    let (_, text) = c.sunbay_raw("POST", path, &h, Some(&body)).await;
    code(&serde_json::from_str(&text).unwrap(), "0");
}

#[tokio::test]
async fn reused_request_id_is_s11_for_post_only() {
    let c = start().await;
    let h = headers();
    let path = "/v1/checkout/create-session";
    let (_, first) = c
        .sunbay_raw("POST", path, &h, Some(&session_body(&uid("a"), 500)))
        .await;
    code(&serde_json::from_str(&first).unwrap(), "0");
    // Same X-Client-Request-Id, another operation: S11, nothing created.
    let other = uid("b");
    let (_, second) = c
        .sunbay_raw("POST", path, &h, Some(&session_body(&other, 500)))
        .await;
    code(&serde_json::from_str(&second).unwrap(), "S11");
    let v = c
        .admin_get(&format!(
            "/admin/sunbay/sessions?transactionRequestId={other}"
        ))
        .await;
    assert_eq!(v["sessions"].as_array().unwrap().len(), 0);
    // A GET may repeat its id.
    let q = format!(
        "/v1/transaction/query?appId={APP_ID}&merchantId={MERCHANT}&transactionRequestId=nothing"
    );
    let hg = headers();
    for _ in 0..2 {
        let (_, t) = c.sunbay_raw("GET", &q, &hg, None).await;
        code(&serde_json::from_str(&t).unwrap(), "C07");
    }
}

#[tokio::test]
async fn hosted_page_pay_sends_a_signed_webhook_and_query_says_s() {
    let c = start().await;
    let hk = hooks(&[200]).await;
    let rid = uid("pay");
    let d = c.session(&rid, 1999, Some(&hk.url)).await;
    let sid = d["sessionId"].as_str().unwrap();
    let url = d["checkoutUrl"].as_str().unwrap();
    assert!(url.ends_with(&format!("/sunbay/checkout/{sid}")), "{d}");
    assert_eq!(d["transactionRequestId"], rid.as_str());
    let exp = d["expiresAt"].as_str().unwrap();
    assert!(exp.ends_with("+00:00") && exp.len() == 25, "{exp}");
    // Before the page is opened there is no transaction (D45).
    code(&c.sunbay_query("transactionRequestId", &rid).await, "C07");
    // The same transactionRequestId returns the first session.
    let again = c.session(&rid, 5, None).await;
    assert_eq!(again["sessionId"], sid);
    // The page, as a browser sees it.
    let page = c.client.get(url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("20.99 USD"), "{html}");
    assert!(html.contains("id=\"pay\""));
    let q = c.sunbay_query("transactionRequestId", &rid).await;
    code(&q, "0");
    assert_eq!(q["data"]["transactionStatus"], "I");
    // Pay: 303 to merchantReturnUrl exactly as given.
    let r = c.client.post(format!("{url}/pay")).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(
        r.headers()["location"],
        "http://shop.example/return?order=1001"
    );
    let q = c.sunbay_query("transactionRequestId", &rid).await;
    let data = &q["data"];
    assert_eq!(data["transactionStatus"], "S", "{q}");
    assert_eq!(data["transactionType"], "SALE");
    assert_eq!(data["amount"]["orderAmount"], 1999);
    assert_eq!(data["amount"]["taxAmount"], 100);
    assert_eq!(data["amount"]["transAmount"], 2099);
    assert_eq!(data["amount"]["priceCurrency"], "USD");
    assert_eq!(data["referenceOrderId"], "ORDER_1001");
    assert!(data["maskedPan"].as_str().unwrap().contains("****"));
    let tx = data["transactionId"].as_str().unwrap();
    assert_eq!(c.sunbay_query("transactionId", tx).await["data"], *data);
    // The webhook: signed, the transaction as query's data.
    let got = hk.wait(1, 5).await;
    let body = verify(&got[0]);
    assert_eq!(body, *data);
    assert!(got[0].headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    // Paying again is refused; the page shows the outcome.
    let r = c.client.post(format!("{url}/pay")).send().await.unwrap();
    assert_eq!(r.status(), 409);
    let (_, html) = c.get_url(url).await;
    assert!(html.contains("data-state=\"S\""), "{html}");
    // The admin API lists the webhook with its headers.
    let w = c
        .admin_get(&format!("/admin/sunbay/webhooks?transactionId={tx}"))
        .await;
    let w = &w["webhooks"][0];
    assert_eq!(w["statusCode"], 200);
    assert_eq!(w["outcome"], "success");
    assert_eq!(
        w["requestHeaders"]["X-Signature"],
        got[0].headers["x-signature"].to_str().unwrap()
    );
}

#[tokio::test]
async fn decline_and_cancel_are_f_and_c_with_webhooks() {
    let c = start().await;
    let hk = hooks(&[200]).await;
    for (action, status) in [("decline", "F"), ("cancel", "C")] {
        let rid = uid(action);
        let d = c.session(&rid, 700, Some(&hk.url)).await;
        let url = d["checkoutUrl"].as_str().unwrap();
        let r = c
            .client
            .post(format!("{url}/{action}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 303);
        let q = c.sunbay_query("transactionRequestId", &rid).await;
        assert_eq!(q["data"]["transactionStatus"], status, "{q}");
    }
    let got = hk.wait(2, 5).await;
    let statuses: Vec<String> = got
        .iter()
        .map(|h| verify(h)["transactionStatus"].as_str().unwrap().to_owned())
        .collect();
    assert!(statuses.contains(&"F".to_owned()) && statuses.contains(&"C".to_owned()));
}

#[tokio::test]
async fn webhook_is_retried_until_http_200() {
    let c = start().await;
    // 500, a 202 (not 200), then 200.
    let hk = hooks(&[500, 202, 200]).await;
    let tx = c.paid(&uid("retry"), 300, Some(&hk.url)).await;
    let got = hk.wait(3, 10).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(hk.all().len(), 3, "no attempt after the 200");
    // One notification: the same id and body on every attempt, each signed.
    let ids: Vec<_> = got
        .iter()
        .map(|h| h.headers["x-client-request-id"].clone())
        .collect();
    assert!(ids.iter().all(|i| *i == ids[0]));
    assert!(got.iter().all(|h| h.body == got[0].body));
    for h in &got {
        verify(h);
    }
    let t = c
        .admin_get(&format!("/admin/sunbay/transactions/{tx}"))
        .await;
    assert_eq!(t["webhook"]["attempts"], 3, "{t}");
    assert_eq!(t["webhook"]["delivered"], true);
}

#[tokio::test]
async fn refunds_partial_repeated_over_and_not_paid() {
    let c = start().await;
    let hk = hooks(&[200]).await;
    let rid = uid("sale");
    let tx = c.paid(&rid, 1000, None).await; // 1000 + 100 tax = 1100 paid
                                             // Partial refund with a webhook.
    let r1 = c
        .sunbay(
            "/v1/checkout/refund",
            json!({
                "appId": APP_ID, "merchantId": MERCHANT,
                "transactionRequestId": "rf-1",
                "originalTransactionRequestId": rid,
                "amount": {"orderAmount": 400, "priceCurrency": "USD"},
                "notifyUrl": hk.url,
            }),
        )
        .await;
    code(&r1, "0");
    let d1 = &r1["data"];
    assert_eq!(d1["transactionType"], "REFUND");
    assert_eq!(d1["transactionStatus"], "S");
    assert_eq!(d1["originalTransactionId"], tx.as_str());
    assert_eq!(d1["amount"]["transAmount"], 400);
    let got = hk.wait(1, 5).await;
    assert_eq!(verify(&got[0])["transactionId"], d1["transactionId"]);
    // The same refund again: the first result, nothing refunded twice.
    let again = c.refund("rf-1", &tx, 400, None).await;
    assert_eq!(again["data"]["transactionId"], d1["transactionId"]);
    // A second partial refund, then more than what is left: C09.
    code(&c.refund("rf-2", &tx, 600, None).await, "0");
    let q = c.sunbay_query("transactionId", &tx).await;
    assert_eq!(q["data"]["relatedTransactionStatus"], "PART_REFUNDED");
    code(&c.refund("rf-3", &tx, 101, None).await, "C09");
    code(&c.refund("rf-4", &tx, 100, None).await, "0");
    let q = c.sunbay_query("transactionId", &tx).await;
    assert_eq!(q["data"]["relatedTransactionStatus"], "REFUNDED");
    code(&c.refund("rf-5", &tx, 1, None).await, "C09");
    // totalAmount must add up; a float amount is refused.
    let bad = c
        .sunbay(
            "/v1/checkout/refund",
            json!({"appId": APP_ID, "merchantId": MERCHANT, "transactionRequestId": "rf-6",
                   "originalTransactionId": tx,
                   "amount": {"orderAmount": 1.5, "priceCurrency": "USD"}}),
        )
        .await;
    code(&bad, "C17");
    let no_amount = c
        .sunbay(
            "/v1/checkout/refund",
            json!({"appId": APP_ID, "merchantId": MERCHANT, "transactionRequestId": "rf-7",
                   "originalTransactionId": tx}),
        )
        .await;
    code(&no_amount, "C01");
    // A refund of a declined sale: C10; of nothing: C07.
    let d = c.session(&uid("dec"), 500, None).await;
    let sid = d["sessionId"].as_str().unwrap();
    let (_, v) = c
        .admin_post(&format!("/admin/sunbay/sessions/{sid}/decline"), None)
        .await;
    let declined = v["transaction"]["transactionId"].as_str().unwrap();
    code(&c.refund("rf-8", declined, 100, None).await, "C10");
    code(&c.refund("rf-9", "TXN_NOPE", 100, None).await, "C07");
    // The refund's own query.
    let q = c.sunbay_query("transactionRequestId", "rf-2").await;
    assert_eq!(q["data"]["transactionType"], "REFUND");
    assert_eq!(q["data"]["amount"]["transAmount"], 600);
}

#[tokio::test]
async fn pending_refund_then_success_via_fault() {
    let c = start().await;
    let hk = hooks(&[200]).await;
    let tx = c.paid(&uid("pend"), 800, None).await;
    c.set_fault(json!({"endpoint": "sunbay_refund", "once": true, "refund_pending_ms": 400}))
        .await;
    let r = c.refund("pr-1", &tx, 300, Some(&hk.url)).await;
    assert_eq!(r["data"]["transactionStatus"], "P", "{r}");
    assert!(r["data"].get("completeTime").is_none());
    // The pending amount is reserved: 600 more would exceed 900.
    code(&c.refund("pr-2", &tx, 601, None).await, "C09");
    let got = hk.wait(1, 5).await;
    let body = verify(&got[0]);
    assert_eq!(body["transactionStatus"], "S");
    assert!(body["completeTime"].is_string());
    let q = c.sunbay_query("transactionRequestId", "pr-1").await;
    assert_eq!(q["data"]["transactionStatus"], "S");
}

#[tokio::test]
async fn expire_session_paid_unpaid_failed() {
    let c = start().await;
    let expire = |sid: &str| json!({"appId": APP_ID, "merchantId": MERCHANT, "sessionId": sid, "reason": "order cancelled"});
    // Unpaid, never opened: EXPIRED without a transaction id; the page refuses.
    let d = c.session(&uid("exp"), 100, None).await;
    let sid = d["sessionId"].as_str().unwrap();
    let r = c.sunbay("/v1/checkout/expire-session", expire(sid)).await;
    code(&r, "0");
    assert_eq!(r["data"]["sessionStatus"], "EXPIRED");
    assert!(r["data"].get("transactionId").is_none(), "{r}");
    assert!(r["data"]["expiredAt"].is_string());
    let page = c
        .client
        .get(d["checkoutUrl"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 410);
    let r2 = c.sunbay("/v1/checkout/expire-session", expire(sid)).await;
    assert_eq!(r2["data"], r["data"], "expiring again answers the same");
    // Paid: C10, still paid.
    let rid = uid("exp-paid");
    let d = c.session(&rid, 100, None).await;
    let sid = d["sessionId"].as_str().unwrap();
    c.admin_post(&format!("/admin/sunbay/sessions/{sid}/pay"), None)
        .await;
    code(
        &c.sunbay("/v1/checkout/expire-session", expire(sid)).await,
        "C10",
    );
    assert_eq!(
        c.sunbay_query("transactionRequestId", &rid).await["data"]["transactionStatus"],
        "S"
    );
    // Declined: EXPIRED with its transaction id.
    let d = c.session(&uid("exp-f"), 100, None).await;
    let sid = d["sessionId"].as_str().unwrap();
    let (_, v) = c
        .admin_post(&format!("/admin/sunbay/sessions/{sid}/decline"), None)
        .await;
    let r = c.sunbay("/v1/checkout/expire-session", expire(sid)).await;
    assert_eq!(
        r["data"]["transactionId"],
        v["transaction"]["transactionId"]
    );
    // Opened, not paid: EXPIRED with the transaction id, which is now C.
    let rid = uid("exp-i");
    let d = c.session(&rid, 100, None).await;
    let sid = d["sessionId"].as_str().unwrap();
    c.admin_post(&format!("/admin/sunbay/sessions/{sid}/open"), None)
        .await;
    let r = c.sunbay("/v1/checkout/expire-session", expire(sid)).await;
    assert!(r["data"]["transactionId"].is_string(), "{r}");
    assert_eq!(
        c.sunbay_query("transactionRequestId", &rid).await["data"]["transactionStatus"],
        "C"
    );
    // Unknown session: C07.
    code(
        &c.sunbay("/v1/checkout/expire-session", expire("CS_NOPE"))
            .await,
        "C07",
    );
}

#[tokio::test]
async fn session_expires_by_time() {
    let c = start().await;
    let hk = hooks(&[200]).await;
    let (status, v) = c
        .admin_post(
            "/admin/sunbay/settings",
            Some(json!({"sessionTtlMs": 1500})),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["sessionTtlMs"], 1500);
    let rid = uid("ttl");
    let d = c.session(&rid, 100, Some(&hk.url)).await;
    let url = d["checkoutUrl"].as_str().unwrap().to_owned();
    // Opened (transaction I), then the time runs out.
    assert_eq!(c.client.get(&url).send().await.unwrap().status(), 200);
    tokio::time::sleep(Duration::from_millis(1700)).await;
    let r = c.client.post(format!("{url}/pay")).send().await.unwrap();
    assert_eq!(r.status(), 410);
    assert_eq!(c.client.get(&url).send().await.unwrap().status(), 410);
    let q = c.sunbay_query("transactionRequestId", &rid).await;
    assert_eq!(q["data"]["transactionStatus"], "C", "{q}");
    assert_eq!(verify(&hk.wait(1, 5).await[0])["transactionStatus"], "C");
    // Never opened: no transaction, the ticker expires it without a request.
    let d = c.session(&uid("ttl2"), 100, None).await;
    let sid = d["sessionId"].as_str().unwrap();
    tokio::time::sleep(Duration::from_millis(2000)).await;
    let s = c.admin_get(&format!("/admin/sunbay/sessions/{sid}")).await;
    assert_eq!(s["state"], "EXPIRED", "{s}");
    assert!(s["transaction"].is_null());
}

#[tokio::test]
async fn sale_wallet_and_repeated_request_id() {
    let c = start().await;
    let sale = |rid: &str, payload: &str| {
        json!({"appId": APP_ID, "merchantId": MERCHANT, "transactionRequestId": rid,
               "referenceOrderId": "ORDER_2002", "description": "wallet",
               "amount": {"orderAmount": 1234, "priceCurrency": "JPY"},
               "paymentMethod": "GOOGLE_PAY", "cardEncryptedData": payload})
    };
    let r = c
        .sunbay("/v1/checkout/sale", sale("s-1", "{\"token\":1}"))
        .await;
    code(&r, "0");
    assert_eq!(r["data"]["transactionStatus"], "S");
    assert_eq!(r["data"]["amount"]["transAmount"], 1234);
    let again = c.sunbay("/v1/checkout/sale", sale("s-1", "other")).await;
    assert_eq!(again["data"]["transactionId"], r["data"]["transactionId"]);
    let declined = c
        .sunbay("/v1/checkout/sale", sale("s-2", "DECLINE me"))
        .await;
    assert_eq!(declined["data"]["transactionStatus"], "F");
    // The request id of a sale cannot be a session's.
    code(
        &c.sunbay("/v1/checkout/create-session", session_body("s-1", 10))
            .await,
        "C04",
    );
    let mut bad = sale("s-3", "x");
    bad["paymentMethod"] = "CARD".into();
    code(&c.sunbay("/v1/checkout/sale", bad).await, "C17");
}

#[tokio::test]
async fn request_field_checks() {
    let c = start().await;
    let path = "/v1/checkout/create-session";
    let edit = |k: &str, v: Value| {
        let mut b = session_body(&uid("f"), 100);
        if v.is_null() {
            b.as_object_mut().unwrap().remove(k);
        } else {
            b[k] = v;
        }
        b
    };
    let cases = [
        (edit("appId", Value::Null), "C01"),
        (edit("merchantId", "M0000000000".into()), "C03"),
        (edit("appId", "app_other".into()), "M01"),
        (edit("transactionRequestId", "has space".into()), "C17"),
        (edit("transactionRequestId", "x".repeat(33).into()), "C17"),
        (edit("referenceOrderId", "short".into()), "C17"),
        (edit("description", Value::Null), "C01"),
        (edit("amount", json!({"orderAmount": 100})), "C01"),
        (
            edit(
                "amount",
                json!({"orderAmount": "100", "priceCurrency": "USD"}),
            ),
            "C17",
        ),
        (
            edit("amount", json!({"orderAmount": 0, "priceCurrency": "USD"})),
            "C08",
        ),
        (
            edit("amount", json!({"orderAmount": 10, "priceCurrency": "usd"})),
            "C17",
        ),
        (
            edit(
                "productList",
                json!([{"name": "a", "amount": 30, "num": 3}]),
            ),
            "C17",
        ),
        (edit("notifyUrl", "not a url".into()), "C17"),
    ];
    for (body, expected) in cases {
        let r = c.sunbay(path, body.clone()).await;
        assert_eq!(r["code"], expected, "{body} -> {r}");
    }
    let ok = edit(
        "productList",
        json!([{"name": "a", "amount": 25, "num": 4}]),
    );
    code(&c.sunbay(path, ok).await, "0");
    let (_, text) = c.sunbay_raw("POST", path, &headers(), None).await;
    code(&serde_json::from_str(&text).unwrap(), "C02");
}

#[tokio::test]
async fn faults_on_sunbay_endpoints() {
    let c = start().await;
    // Any catalogue code, without processing.
    c.set_fault(json!({"endpoint": "sunbay_create_session", "once": true, "sunbay_code": "S04"}))
        .await;
    let rid = uid("flt");
    code(
        &c.sunbay("/v1/checkout/create-session", session_body(&rid, 100))
            .await,
        "S04",
    );
    assert_eq!(
        c.admin_get(&format!(
            "/admin/sunbay/sessions?transactionRequestId={rid}"
        ))
        .await["sessions"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    // Unknown codes are refused by the admin API.
    let (status, _) = c
        .admin_post("/admin/faults", Some(json!({"sunbay_code": "X99"})))
        .await;
    assert_eq!(status, 400);
    // Processed, then 500: the session exists; the same transactionRequestId
    // (new request id) returns it.
    c.set_fault(
        json!({"endpoint": "sunbay_create_session", "once": true, "process_then_5xx_rate": 1}),
    )
    .await;
    let (status, _) = c
        .sunbay_raw(
            "POST",
            "/v1/checkout/create-session",
            &headers(),
            Some(&session_body(&rid, 100)),
        )
        .await;
    assert_eq!(status, 500);
    let d = c.session(&rid, 100, None).await;
    assert!(d["sessionId"].is_string());
    // Malformed JSON, 5xx before processing.
    c.set_fault(json!({"endpoint": "sunbay_query", "once": true, "malformed_json_rate": 1}))
        .await;
    let q = format!(
        "/v1/transaction/query?appId={APP_ID}&merchantId={MERCHANT}&transactionRequestId={rid}"
    );
    let (_, text) = c.sunbay_raw("GET", &q, &headers(), None).await;
    assert!(serde_json::from_str::<Value>(&text).is_err(), "{text}");
    c.set_fault(json!({"endpoint": "sunbay_query", "once": true, "error_5xx_rate": 1}))
        .await;
    let (status, _) = c.sunbay_raw("GET", &q, &headers(), None).await;
    assert!(status >= 500);
    // Answer shapes the client must read (D42, D43).
    let tx = c.paid(&uid("shape"), 500, None).await;
    c.set_fault(
        json!({"endpoint": "sunbay_query", "once": true, "amounts_as_strings": true,
                       "status_long_names": true, "omit_fields": ["amount.transAmount"]}),
    )
    .await;
    let r = c.sunbay_query("transactionId", &tx).await;
    assert_eq!(r["data"]["transactionStatus"], "SUCCESS", "{r}");
    assert_eq!(r["data"]["amount"]["orderAmount"], "500");
    assert!(r["data"]["amount"].get("transAmount").is_none());
    // A sale left processing, then settled on the admin API.
    c.set_fault(json!({"endpoint": "sunbay_sale", "once": true, "sunbay_status": "P"}))
        .await;
    let s = c
        .sunbay(
            "/v1/checkout/sale",
            json!({"appId": APP_ID, "merchantId": MERCHANT, "transactionRequestId": uid("p"),
                   "referenceOrderId": "ORDER_3003", "description": "wallet",
                   "amount": {"orderAmount": 10, "priceCurrency": "USD"},
                   "paymentMethod": "APPLE_PAY", "cardEncryptedData": "tok"}),
        )
        .await;
    assert_eq!(s["data"]["transactionStatus"], "P");
    let id = s["data"]["transactionId"].as_str().unwrap();
    let (status, v) = c
        .admin_post(
            &format!("/admin/sunbay/transactions/{id}/settle"),
            Some(json!({"status": "S"})),
        )
        .await;
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["transactionStatus"], "S");
}

#[tokio::test]
async fn webhook_faults_drop_duplicate_delay() {
    let c = start().await;
    let hk = hooks(&[200]).await;
    c.set_fault(json!({"endpoint": "sunbay_webhook", "once": true, "notify_drop": true}))
        .await;
    let dropped = c.paid(&uid("drop"), 100, Some(&hk.url)).await;
    c.set_fault(json!({"endpoint": "sunbay_admin_pay", "once": true, "notify_duplicate": 3}))
        .await;
    let dup = c.paid(&uid("dup"), 100, Some(&hk.url)).await;
    let got = hk.wait(3, 5).await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(hk.all().len(), 3);
    for h in &got {
        assert_eq!(verify(h)["transactionId"], dup.as_str());
        assert_eq!(
            h.headers["x-client-request-id"],
            got[0].headers["x-client-request-id"]
        );
    }
    let t = c
        .admin_get(&format!("/admin/sunbay/transactions/{dropped}"))
        .await;
    assert_eq!(t["webhook"]["dropped"], true, "{t}");
    // Out of order: the sale's webhook held back, the refund's overtakes it.
    c.set_fault(json!({"endpoint": "sunbay_admin_pay", "once": true, "notify_delay_ms": 2000}))
        .await;
    let sale = c.paid(&uid("late"), 1000, Some(&hk.url)).await;
    let r = c.refund(&uid("rf"), &sale, 10, Some(&hk.url)).await;
    code(&r, "0");
    let got = hk.wait(5, 5).await;
    assert_eq!(verify(&got[3])["transactionType"], "REFUND");
    assert_eq!(verify(&got[4])["transactionId"], sale.as_str());
    // Before the answer: the refund's webhook has arrived when the answer does.
    c.set_fault(json!({"endpoint": "sunbay_refund", "once": true, "notify_out_of_order": true}))
        .await;
    let r = c.refund(&uid("rf"), &sale, 10, Some(&hk.url)).await;
    assert_eq!(hk.all().len(), 6, "webhook before the answer: {r}");
}

#[tokio::test]
async fn reset_forgets_sunbay() {
    let c = start().await;
    c.session(&uid("r"), 100, None).await;
    c.admin_post("/admin/sunbay/settings", Some(json!({"sessionTtlMs": 5})))
        .await;
    c.admin_post("/admin/reset", None).await;
    let v = c.admin_get("/admin/sunbay/sessions").await;
    assert_eq!(v["sessions"].as_array().unwrap().len(), 0);
    let s = c.admin_get("/admin/sunbay/settings").await;
    assert_eq!(s["sessionTtlMs"], 1_800_000);
    assert!(s.get("apiKey").is_none() && !s.to_string().contains(API_KEY));
}
