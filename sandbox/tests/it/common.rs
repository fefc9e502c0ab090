//! Helpers: start a sandbox in-process on a free loopback port, sign and send
//! v1 / V3 requests over real HTTP, verify answers, and run a notification
//! receiver with scripted replies.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::Router;
use iotpay_sandbox::{Config, Sandbox};
use serde_json::{json, Map, Value};

pub const MCH: &str = "10000701";
pub const KEY: &str = "test_merchant_key";
pub const LOGIN: &str = "jack123";

pub struct Ctx {
    pub sb: Sandbox,
    pub base: String,
    pub client: reqwest::Client,
}

pub fn test_config() -> Config {
    Config {
        notify_backoff_ms: 40,
        notify_max_attempts: 5,
        notify_timeout_ms: 2000,
        hang_max_ms: 5000,
        ..Config::default()
    }
}

pub async fn start() -> Ctx {
    start_with(test_config()).await
}

pub async fn start_with(cfg: Config) -> Ctx {
    let sb = iotpay_sandbox::start(cfg).await.expect("sandbox starts");
    let base = sb.http_url();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    Ctx { sb, base, client }
}

/// D3 rendering, written independently of the sandbox.
fn render(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        other => Some(serde_json::to_string(other).unwrap()),
    }
}

fn pairs(m: &Map<String, Value>) -> Vec<(String, String)> {
    m.iter()
        .filter_map(|(k, v)| render(v).map(|s| (k.clone(), s)))
        .collect()
}

pub fn sign_with(m: &Map<String, Value>, key: &str) -> String {
    let p = pairs(m);
    iotpay_core::sign::sign_str_pairs(
        p.iter()
            .filter(|(k, _)| k != "sign")
            .map(|(k, v)| (k.as_str(), v.as_str())),
        key,
    )
}

pub fn signed(v: Value) -> Value {
    let mut m = v.as_object().unwrap().clone();
    let s = sign_with(&m, KEY);
    m.insert("sign".into(), s.into());
    Value::Object(m)
}

/// True when the answer carries a `sign` that verifies with the merchant key.
pub fn verifies(v: &Value) -> bool {
    let m = v.as_object().unwrap();
    if !m.contains_key("sign") {
        return false;
    }
    let p = pairs(m);
    iotpay_core::sign::verify_str_pairs(p.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY)
}

pub fn form_body(params: &Value) -> String {
    form_urlencoded::Serializer::new(String::new())
        .append_pair("params", &params.to_string())
        .finish()
}

impl Ctx {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// POSTs `body` as a form to `path`, returns (HTTP status, text).
    pub async fn post_raw(&self, path: &str, body: String) -> (u16, String) {
        let r = self
            .client
            .post(self.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// GETs `path` on the sandbox, returns (HTTP status, text).
    pub async fn get_raw(&self, path: &str) -> (u16, String) {
        self.get_url(&self.url(path)).await
    }

    /// GETs an absolute URL (a page link the sandbox handed out), returns
    /// (HTTP status, text).
    pub async fn get_url(&self, url: &str) -> (u16, String) {
        let r = self.client.get(url).send().await.unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    /// Signs `params` and POSTs them as a form to `path`; (HTTP status,
    /// text) unchecked, for the faults that change the HTTP answer itself.
    pub async fn post_signed(&self, path: &str, params: Value) -> (u16, String) {
        self.post_raw(path, form_body(&signed(params))).await
    }

    /// POSTs a form that a `hang` fault leaves unanswered: the client's error
    /// once it stops waiting after `wait_ms`.
    pub async fn post_unanswered(&self, path: &str, body: String, wait_ms: u64) -> reqwest::Error {
        self.client
            .post(self.url(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(body)
            .timeout(Duration::from_millis(wait_ms))
            .send()
            .await
            .expect_err("the sandbox never answers")
    }

    /// Sends already-signed params to a v1 endpoint; asserts HTTP 200 + JSON.
    pub async fn send_v1(&self, endpoint: &str, params: &Value) -> Value {
        let (status, text) = self
            .post_raw(&format!("/v1/{endpoint}"), form_body(params))
            .await;
        assert_eq!(status, 200, "{text}");
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"))
    }

    /// Signs and sends; asserts the answer's signature.
    pub async fn v1(&self, endpoint: &str, params: Value) -> Value {
        let r = self.send_v1(endpoint, &signed(params)).await;
        assert!(verifies(&r), "answer signature does not verify: {r}");
        r
    }

    pub async fn v3(&self, endpoint: &str, params: Value) -> Value {
        let r = self
            .client
            .post(self.url(&format!("/v3/{endpoint}")))
            .header("Content-Type", "application/json;charset=UTF-8")
            .body(signed(params).to_string())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
        assert!(verifies(&v), "V3 answer signature does not verify: {v}");
        v
    }

    pub async fn admin_get(&self, path: &str) -> Value {
        let r = self.client.get(self.url(path)).send().await.unwrap();
        assert!(r.status().is_success(), "{path}: {}", r.status());
        serde_json::from_str(&r.text().await.unwrap()).unwrap()
    }

    pub async fn admin_post(&self, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut req = self.client.post(self.url(path));
        if let Some(b) = body {
            req = req
                .header("Content-Type", "application/json")
                .body(b.to_string());
        }
        let r = req.send().await.unwrap();
        let status = r.status().as_u16();
        let text = r.text().await.unwrap_or_default();
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    pub async fn set_fault(&self, rule: Value) {
        let (status, body) = self.admin_post("/admin/faults", Some(rule)).await;
        assert_eq!(status, 200, "{body}");
    }

    /// Removes every fault rule (`DELETE /admin/faults`).
    pub async fn clear_faults(&self) {
        let r = self
            .client
            .delete(self.url("/admin/faults"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
    }

    /// Creates a WX_NATIVE order and returns its payOrderId.
    pub async fn create(&self, mch_order_no: &str, amount: i64, notify_url: &str) -> String {
        let r = self
            .v1(
                "create_order",
                create_params(mch_order_no, amount, notify_url),
            )
            .await;
        ok(&r);
        r["payOrderId"].as_str().unwrap().to_owned()
    }

    /// Creates and pays an order through the admin API.
    pub async fn create_paid(&self, mch_order_no: &str, amount: i64, notify_url: &str) -> String {
        let id = self.create(mch_order_no, amount, notify_url).await;
        let (status, _) = self
            .admin_post(&format!("/admin/orders/{id}/pay"), None)
            .await;
        assert_eq!(status, 200);
        id
    }

    pub async fn order(&self, id: &str) -> Value {
        self.admin_get(&format!("/admin/orders/{id}")).await
    }

    /// Polls the admin view until `pred` holds (or panics after `secs`).
    pub async fn wait_order(&self, id: &str, secs: u64, pred: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let o = self.order(id).await;
            if pred(&o) {
                return o;
            }
            assert!(Instant::now() < deadline, "condition not reached: {o}");
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
}

pub fn create_params(mch_order_no: &str, amount: i64, notify_url: &str) -> Value {
    json!({
        "mchId": MCH,
        "mchOrderNo": mch_order_no,
        "channelId": "WX_NATIVE",
        "currency": "CAD",
        "amount": amount,
        "clientIp": "210.73.10.148",
        "device": "WEB",
        "notifyUrl": notify_url,
        "subject": "test product",
        "body": "this product is for fun",
        "extra": "{\"productId\":\"120989823\"}",
        "jobNo": LOGIN,
    })
}

/// v1 `refund_order` params: refund `amount` of `pay_order_id` as `no`.
pub fn refund_params(pay_order_id: &str, no: &str, amount: i64) -> Value {
    json!({"mchId": MCH, "mchRefundNo": no, "refundAmount": amount, "clientIp": "210.73.10.148",
           "loginName": LOGIN, "payOrderId": pay_order_id})
}

pub fn with(mut v: Value, key: &str, value: Value) -> Value {
    let m = v.as_object_mut().unwrap();
    if value.is_null() {
        m.remove(key);
    } else {
        m.insert(key.into(), value);
    }
    v
}

pub fn ok(r: &Value) {
    assert_eq!(r["retCode"], "SUCCESS", "{r}");
    assert_eq!(r["resCode"], "SUCCESS", "{r}");
}

/// A communication error (D6): retCode FAIL + errCode.
pub fn comm_err(r: &Value, code: &str) {
    assert_eq!(r["retCode"], "FAIL", "{r}");
    assert_eq!(r["errCode"], code, "{r}");
    assert!(r["retMsg"].as_str().is_some_and(|s| !s.is_empty()), "{r}");
}

/// A business error (D6): retCode SUCCESS, resCode FAIL + errCode/errCodeDes.
pub fn biz_err(r: &Value, code: &str) {
    assert_eq!(r["retCode"], "SUCCESS", "{r}");
    assert_eq!(r["resCode"], "FAIL", "{r}");
    assert_eq!(r["errCode"], code, "{r}");
    assert!(
        r["errCodeDes"].as_str().is_some_and(|s| !s.is_empty()),
        "{r}"
    );
}

/// One request the receiver got.
#[derive(Debug, Clone)]
pub struct Received {
    pub content_type: String,
    pub body: String,
    pub at: Instant,
}

/// A notification receiver answering each request with the next scripted
/// body (the last one repeats).
pub struct Receiver {
    pub url: String,
    pub got: Arc<Mutex<Vec<Received>>>,
}

#[derive(Clone)]
struct RecvState {
    got: Arc<Mutex<Vec<Received>>>,
    script: Arc<Vec<String>>,
}

async fn receive(State(s): State<RecvState>, headers: HeaderMap, body: Bytes) -> String {
    let mut got = s.got.lock().unwrap();
    got.push(Received {
        content_type: headers
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned(),
        body: String::from_utf8_lossy(&body).into_owned(),
        at: Instant::now(),
    });
    let i = (got.len() - 1).min(s.script.len() - 1);
    s.script[i].clone()
}

pub async fn receiver(script: &[&str]) -> Receiver {
    let got = Arc::new(Mutex::new(Vec::new()));
    let state = RecvState {
        got: got.clone(),
        script: Arc::new(script.iter().map(|s| s.to_string()).collect()),
    };
    let app = Router::new()
        .route("/notify", post(receive))
        .with_state(state);
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(l, app).await;
    });
    Receiver {
        url: format!("http://{addr}/notify"),
        got,
    }
}

impl Receiver {
    pub fn count(&self) -> usize {
        self.got.lock().unwrap().len()
    }

    pub fn all(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }

    pub async fn wait_count(&self, n: usize, secs: u64) -> Vec<Received> {
        let deadline = Instant::now() + Duration::from_secs(secs);
        while self.count() < n {
            assert!(
                Instant::now() < deadline,
                "receiver got {} of {n}",
                self.count()
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        self.all()
    }
}

/// Parses a form-encoded notification into ordered pairs.
pub fn form_pairs(body: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(body.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn get<'a>(pairs: &'a [(String, String)], k: &str) -> Option<&'a str> {
    pairs.iter().find(|(a, _)| a == k).map(|(_, v)| v.as_str())
}
