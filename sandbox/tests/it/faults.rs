//! Faults on demand: each kind, endpoint scoping, `once`, clearing, and the
//! seed making them deterministic.

use std::time::{Duration, Instant};

use iotpay_sandbox::FaultRule;
use serde_json::{json, Value};

use crate::common::*;

const N: &str = "http://127.0.0.1:9/notify";

async fn order_exists(c: &Ctx, no: &str) -> bool {
    let v = c.admin_get(&format!("/admin/orders?mchOrderNo={no}")).await;
    !v["orders"].as_array().unwrap().is_empty()
}

/// A sandbox started with `--seed seed` and `rule` as its start-up fault.
async fn start_seeded(seed: u64, rule: FaultRule) -> Ctx {
    let mut cfg = test_config();
    cfg.seed = seed;
    cfg.faults = vec![rule];
    start_with(cfg).await
}

#[tokio::test]
async fn latency() {
    let c = start().await;
    c.set_fault(json!({"latency_ms": 300})).await;
    let t = Instant::now();
    ok(&c.v1("create_order", create_params("F-LAT", 100, N)).await);
    assert!(t.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn error_5xx_is_html_and_not_processed() {
    let c = start().await;
    c.set_fault(json!({"error_5xx_rate": 1.0})).await;
    let (status, body) = c
        .post_signed("/v1/create_order", create_params("F-5XX", 100, N))
        .await;
    assert!([500, 502, 503].contains(&status), "{status}");
    assert!(body.contains("<html>"));
    assert!(serde_json::from_str::<Value>(&body).is_err());
    assert!(!order_exists(&c, "F-5XX").await);
}

#[tokio::test]
async fn hang_processes_create_then_never_answers() {
    let c = start().await;
    c.set_fault(json!({"endpoint": "create_order", "hang_rate": 1.0, "once": true}))
        .await;
    let t = Instant::now();
    let err = c
        .post_unanswered(
            "/v1/create_order",
            form_body(&signed(create_params("F-HANG", 100, N))),
            800,
        )
        .await;
    assert!(err.is_timeout(), "{err}");
    assert!(t.elapsed() < Duration::from_secs(3));
    // "Timeout is not a failure": the order really exists.
    assert!(order_exists(&c, "F-HANG").await);
    let q = c
        .v1("query_order", json!({"mchId": MCH, "mchOrderNo": "F-HANG"}))
        .await;
    ok(&q);
    // The order lock is not held: other requests go through meanwhile, and the
    // once-rule is spent.
    ok(&c
        .v1("create_order", create_params("F-HANG-2", 100, N))
        .await);
}

#[tokio::test]
async fn hang_scoped_to_refund_processes_the_refund() {
    let c = start().await;
    let id = c.create_paid("F-RH", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "hang_rate": 1.0, "once": true}))
        .await;
    // Another endpoint is not affected.
    ok(&c
        .v1("query_order", json!({"mchId": MCH, "payOrderId": id}))
        .await);
    let p = signed(
        json!({"mchId": MCH, "mchRefundNo": "F-RH-1", "refundAmount": 400,
        "clientIp": "1.2.3.4", "loginName": LOGIN, "payOrderId": id}),
    );
    let err = c
        .post_unanswered("/v1/refund_order", form_body(&p), 800)
        .await;
    assert!(err.is_timeout());
    // The refund happened; retrying the same mchRefundNo returns it (D17).
    let q = c
        .v1(
            "query_refund",
            json!({"mchId": MCH, "mchRefundNo": "F-RH-1"}),
        )
        .await;
    ok(&q);
    let again = c.send_v1("refund_order", &p).await;
    ok(&again);
    assert_eq!(again["refundOrderId"], q["refundOrderId"]);
    assert_eq!(c.order(&id).await["refundedAmount"], 400);
}

#[tokio::test]
async fn process_then_5xx_creates_the_order() {
    let c = start().await;
    c.set_fault(json!({"process_then_5xx_rate": 1.0, "endpoint": "create_order"}))
        .await;
    let (status, body) = c
        .post_signed("/v1/create_order", create_params("F-P5", 100, N))
        .await;
    assert_eq!(status, 500);
    assert!(body.contains("500"));
    assert!(order_exists(&c, "F-P5").await);
}

#[tokio::test]
async fn malformed_json() {
    let c = start().await;
    c.set_fault(json!({"malformed_json_rate": 1.0})).await;
    let (status, body) = c
        .post_signed("/v1/create_order", create_params("F-MJ", 100, N))
        .await;
    assert_eq!(status, 200);
    assert!(body.starts_with('{'));
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    assert!(order_exists(&c, "F-MJ").await);
}

#[tokio::test]
async fn bad_signature() {
    let c = start().await;
    c.set_fault(json!({"bad_signature_rate": 1.0, "once": true}))
        .await;
    let r = c
        .send_v1("create_order", &signed(create_params("F-BS", 100, N)))
        .await;
    ok(&r);
    assert_eq!(r["sign"].as_str().unwrap().len(), 32);
    assert!(!verifies(&r), "the signature must not verify");
    // once: the next answer is signed correctly again.
    let r = c
        .v1("query_order", json!({"mchId": MCH, "mchOrderNo": "F-BS"}))
        .await;
    ok(&r);
}

#[tokio::test]
async fn clear_and_list_faults() {
    let c = start().await;
    c.set_fault(json!([{"error_5xx_rate": 1.0}, {"endpoint": "query_order", "latency_ms": 10}]))
        .await;
    let v = c.admin_get("/admin/faults").await;
    assert_eq!(v["rules"].as_array().unwrap().len(), 2);
    c.clear_faults().await;
    ok(&c.v1("create_order", create_params("F-CLR", 100, N)).await);
    // Bad rules are refused with 400.
    for bad in [
        json!({"hang_rate": 2}),
        json!({"endpoint": "nope", "hang_rate": 1}),
        json!({"bogus": 1}),
        json!({}),
    ] {
        let (s, _) = c.admin_post("/admin/faults", Some(bad)).await;
        assert_eq!(s, 400);
    }
}

#[tokio::test]
async fn seed_makes_faults_deterministic() {
    async fn run(seed: u64) -> Vec<u16> {
        let c = start_seeded(
            seed,
            FaultRule {
                error_5xx_rate: Some(0.5),
                ..FaultRule::default()
            },
        )
        .await;
        let mut out = Vec::new();
        for i in 0..16 {
            let p = signed(json!({"mchId": MCH, "mchOrderNo": format!("S-{i}")}));
            out.push(c.post_raw("/v1/query_order", form_body(&p)).await.0);
        }
        out
    }
    let a = run(7).await;
    assert_eq!(a, run(7).await);
    assert!(a.contains(&200) && a.iter().any(|s| *s >= 500), "{a:?}");
}

#[tokio::test]
async fn notify_drop() {
    let c = start().await;
    let rx = receiver(&["success"]).await;
    c.set_fault(json!({"notify_drop": true, "once": true}))
        .await;
    let id = c.create_paid("F-ND", 100, &rx.url).await;
    let o = c
        .wait_order(&id, 5, |o| o["notify"]["dropped"] == true)
        .await;
    assert_eq!(o["status"], 2);
    assert_eq!(o["notifications"][0]["outcome"], "dropped");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rx.count(), 0);
    // Spent: the next payment is notified.
    c.create_paid("F-ND-2", 100, &rx.url).await;
    rx.wait_count(1, 5).await;
}

#[tokio::test]
async fn notify_duplicate() {
    let c = start().await;
    let rx = receiver(&["success"]).await;
    c.set_fault(json!({"notify_duplicate": 3})).await;
    c.create_paid("F-DUP", 100, &rx.url).await;
    let got = rx.wait_count(3, 5).await;
    assert!(
        got.iter().all(|g| g.body == got[0].body),
        "identical copies"
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(rx.count(), 3);
}

#[tokio::test]
async fn notify_before_response_for_micropay() {
    let c = start().await;
    let rx = receiver(&["success"]).await;
    c.set_fault(json!({"endpoint": "create_order", "notify_before_response": true}))
        .await;
    let p = with(
        create_params("F-NBR", 100, &rx.url),
        "channelId",
        "ALIPAY_MICROPAY".into(),
    );
    let p = with(p, "extra", Value::Null);
    let p = with(
        with(p, "codeType", "barcode".into()),
        "identityCode",
        "28763443825664394".into(),
    );
    let r = c.v1("create_order", p).await;
    ok(&r);
    assert_eq!(r["status"], 2);
    assert_eq!(
        rx.count(),
        1,
        "the paid notification arrived before the create answer"
    );

    // notify_out_of_order does the same for a pay-page payment.
    c.set_fault(json!({"endpoint": "pay_page", "notify_out_of_order": true}))
        .await;
    let id = c.create("F-OOO", 100, &rx.url).await;
    let resp = c
        .client
        .post(c.url(&format!("/pay/{id}/pay")))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(rx.count(), 2);
}

// ---- error_code: answer an IOTPay code without processing -----------------

/// The catalogue codes an `error_code` rule accepts, in catalogue order.
const CODES: &[&str] = &[
    "0010",
    "0011",
    "0012",
    "0013",
    "0014",
    "0015",
    "0110",
    "0111",
    "0112",
    "0113",
    "0118",
    "SYSTEMERROR",
];

fn is_comm(code: &str) -> bool {
    ["0011", "0012", "0013", "0014", "0015"].contains(&code)
}

fn catalogue_text(code: &str) -> &'static str {
    iotpay_core::catalogue::iotpay(code).unwrap().message
}

fn keys(r: &Value) -> Vec<&str> {
    let mut k: Vec<&str> = r.as_object().unwrap().keys().map(String::as_str).collect();
    k.sort_unstable();
    k
}

/// D6 shape of an `error_code` answer: `0011`–`0015` as an unsigned
/// communication error, every other code as a signed business error; the
/// texts are exactly the catalogue's.
fn assert_code_answer(r: &Value, code: &str) {
    let text = catalogue_text(code);
    if is_comm(code) {
        comm_err(r, code);
        assert_eq!(r["retMsg"], text, "{r}");
        assert_eq!(r["errCodeDes"], text, "{r}");
        assert_eq!(
            keys(r),
            ["errCode", "errCodeDes", "retCode", "retMsg"],
            "{r}"
        );
    } else {
        biz_err(r, code);
        assert_eq!(r["errCodeDes"], text, "{r}");
        assert_eq!(
            keys(r),
            ["errCode", "errCodeDes", "resCode", "retCode", "sign"],
            "{r}"
        );
        assert!(verifies(r), "signed with the merchant key: {r}");
    }
}

fn pay_for_submit_params(no: &str) -> Value {
    json!({"mchId": MCH, "mchOrderNo": no, "currency": "CAD", "channelId": "WX_JSAPI",
        "amount": 100, "clientIp": "1.2.3.4", "returnUrl": "https://m.example/ok", "notifyUrl": N,
        "subject": "s", "body": "b", "jobNo": LOGIN})
}

async fn refund_count(c: &Ctx) -> usize {
    c.admin_get("/admin/refunds").await["refunds"]
        .as_array()
        .unwrap()
        .len()
}

/// Every v1 endpoint answers `code` while the rule is set, and nothing is
/// created or refunded; once the rule is gone the very same requests succeed.
async fn error_code_case(code: &str) {
    let c = start().await;
    let tag = format!("EC{code}");
    let paid = c.create_paid(&format!("{tag}-PAID"), 1000, N).await;
    ok(&c
        .v1(
            "refund_order",
            refund_params(&paid, &format!("{tag}-R0"), 100),
        )
        .await);

    c.set_fault(json!({"error_code": code})).await;
    let rules = c.admin_get("/admin/faults").await;
    assert_eq!(rules["rules"], json!([{"error_code": code}]));

    let new_order = format!("{tag}-NEW");
    let new_pfs = format!("{tag}-PFS");
    let requests = [
        ("create_order", create_params(&new_order, 100, N)),
        ("payForSubmit", pay_for_submit_params(&new_pfs)),
        (
            "refund_order",
            refund_params(&paid, &format!("{tag}-R1"), 200),
        ),
        ("query_order", json!({"mchId": MCH, "payOrderId": paid})),
        (
            "query_refund",
            json!({"mchId": MCH, "mchRefundNo": format!("{tag}-R0")}),
        ),
    ];
    for (endpoint, params) in &requests {
        let r = c.send_v1(endpoint, &signed(params.clone())).await;
        assert_code_answer(&r, code);
    }
    // Nothing was created or refunded.
    assert!(!order_exists(&c, &new_order).await);
    assert!(!order_exists(&c, &new_pfs).await);
    let o = c.order(&paid).await;
    assert_eq!(o["refundedAmount"], 100);
    assert_eq!(o["status"], 2);
    assert_eq!(refund_count(&c).await, 1);
    let all = c.admin_get("/admin/orders").await;
    assert_eq!(all["orders"].as_array().unwrap().len(), 1);

    // Without the rule the same requests are processed normally (so they were
    // valid, and no mchOrderNo / mchRefundNo was used up).
    c.clear_faults().await;
    for (endpoint, params) in requests {
        ok(&c.v1(endpoint, params).await);
    }
    assert!(order_exists(&c, &new_order).await);
    assert!(order_exists(&c, &new_pfs).await);
    assert_eq!(c.order(&paid).await["refundedAmount"], 300);
    assert_eq!(refund_count(&c).await, 2);
}

macro_rules! error_code_tests {
    ($($name:ident => $code:literal),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                error_code_case($code).await;
            }
        )*
    };
}

error_code_tests! {
    error_code_0010_system_error => "0010",
    error_code_0011_post_method_required => "0011",
    error_code_0012_post_data_empty => "0012",
    error_code_0013_signature_error => "0013",
    error_code_0014_parameter_error => "0014",
    error_code_0015_merchant_not_exist => "0015",
    error_code_0110_third_party_timeout => "0110",
    error_code_0111_third_party_exception => "0111",
    error_code_0112_order_id_not_exist => "0112",
    error_code_0113_order_already_paid => "0113",
    error_code_0118_db_error => "0118",
    error_code_systemerror => "SYSTEMERROR",
}

#[test]
fn error_code_tests_cover_the_catalogue() {
    let all: Vec<&str> = iotpay_core::catalogue::iotpay_all()
        .iter()
        .map(|c| c.code)
        .collect();
    assert_eq!(all, CODES);
}

#[tokio::test]
async fn error_code_scoped_once_and_not_on_v3() {
    let c = start().await;
    let paid = c.create_paid("EC-SC", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "error_code": "0111", "once": true}))
        .await;
    // Other endpoints, V3 included, are not affected and do not spend the rule.
    ok(&c
        .v1("query_order", json!({"mchId": MCH, "payOrderId": paid}))
        .await);
    let v3 = c
        .v3(
            "cc_purchase",
            json!({"mchId": MCH, "mchOrderNo": "EC-V3", "amount": 1500, "currency": "CAD",
                "loginName": LOGIN, "channel": "PF_CC", "notifyUrl": N,
                "returnUrl": "https://merchant.example/return"}),
        )
        .await;
    assert_eq!(v3["retCode"], "SUCCESS", "{v3}");
    let r = c
        .send_v1(
            "refund_order",
            &signed(refund_params(&paid, "EC-SC-1", 300)),
        )
        .await;
    assert_code_answer(&r, "0111");
    assert_eq!(refund_count(&c).await, 0);
    // Spent: the retry of the same refund is processed.
    let r = c
        .v1("refund_order", refund_params(&paid, "EC-SC-1", 300))
        .await;
    ok(&r);
    assert_eq!(c.order(&paid).await["refundedAmount"], 300);
    assert!(c.admin_get("/admin/faults").await["rules"]
        .as_array()
        .unwrap()
        .is_empty());

    // An unscoped rule answers v1 but leaves V3 alone.
    c.set_fault(json!({"error_code": "0010"})).await;
    let v3 = c
        .v3("cc_query", json!({"mchId": MCH, "mchOrderNo": "EC-V3"}))
        .await;
    assert_eq!(v3["retCode"], "SUCCESS", "{v3}");
    assert_code_answer(
        &c.v1("query_order", json!({"mchId": MCH, "payOrderId": paid}))
            .await,
        "0010",
    );
}

#[tokio::test]
async fn error_code_business_answer_needs_an_authenticated_request() {
    let c = start().await;
    c.set_fault(json!({"error_code": "0118"})).await;
    // A business answer is signed, so a request that does not authenticate
    // gets its real (unsigned) communication error.
    let unsigned = json!({"mchId": MCH, "mchOrderNo": "X"});
    let r = c.send_v1("query_order", &unsigned).await;
    comm_err(&r, "0013");
    assert!(r.get("sign").is_none());
    let r = c
        .send_v1(
            "query_order",
            &signed(json!({"mchId": "99999999", "mchOrderNo": "X"})),
        )
        .await;
    comm_err(&r, "0015");

    // A communication code answers before the request is read, even a GET.
    c.clear_faults().await;
    c.set_fault(json!({"error_code": "0013"})).await;
    let (status, text) = c.get_raw("/v1/create_order").await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert_code_answer(&v, "0013");
}

#[tokio::test]
async fn error_rate_is_seeded() {
    async fn run(seed: u64) -> Vec<String> {
        let c = start_seeded(
            seed,
            FaultRule {
                error_code: Some("SYSTEMERROR".into()),
                error_rate: Some(0.5),
                ..FaultRule::default()
            },
        )
        .await;
        let mut out = Vec::new();
        for i in 0..16 {
            let r = c
                .v1("create_order", create_params(&format!("ER-{i}"), 100, N))
                .await;
            if r["resCode"] == "SUCCESS" {
                assert!(order_exists(&c, &format!("ER-{i}")).await);
            } else {
                assert_code_answer(&r, "SYSTEMERROR");
                assert!(!order_exists(&c, &format!("ER-{i}")).await);
            }
            out.push(r["errCode"].as_str().unwrap_or("OK").to_owned());
        }
        out
    }
    let a = run(11).await;
    assert_eq!(a, run(11).await);
    assert!(a.iter().any(|s| s == "OK") && a.iter().any(|s| s == "SYSTEMERROR"));

    // error_rate 0: never.
    let c = start().await;
    c.set_fault(json!({"error_code": "0010", "error_rate": 0}))
        .await;
    ok(&c.v1("create_order", create_params("ER-0", 100, N)).await);
}

#[tokio::test]
async fn error_code_rules_are_checked() {
    let c = start().await;
    for bad in [
        json!({"error_code": "9999"}),
        json!({"error_code": ""}),
        json!({"error_code": "systemerror"}),
        json!({"error_code": "S01"}),
        json!({"error_code": 14}),
        json!({"error_rate": 1}),
        json!({"error_code": "0010", "error_rate": 1.5}),
        json!({"error_code": "0010", "error_rate": -0.1}),
        json!({"error_code": "0010", "endpoint": "contract"}),
        json!({"error_code": "0010", "endpoint": "pay_page"}),
        json!({"cc_status": 2}),
        json!({"cc_status": 9, "endpoint": "cc_purchase"}),
        json!([{"error_code": "0010"}, {"error_code": "0016"}]),
    ] {
        let (s, body) = c.admin_post("/admin/faults", Some(bad.clone())).await;
        assert_eq!(s, 400, "{bad} -> {body}");
        assert!(body["error"].as_str().is_some_and(|e| !e.is_empty()));
    }
    assert!(c.admin_get("/admin/faults").await["rules"]
        .as_array()
        .unwrap()
        .is_empty());
    let (s, body) = c
        .admin_post(
            "/admin/faults",
            Some(json!({"endpoint": "query_refund", "error_code": "0112", "error_rate": 0.25})),
        )
        .await;
    assert_eq!(s, 200);
    assert_eq!(
        body["rules"],
        json!([{"endpoint": "query_refund", "error_code": "0112", "error_rate": 0.25}])
    );
}

#[tokio::test]
async fn error_code_flag() {
    let dir = crate::binary::temp_dir("error-code");
    let p = crate::binary::launch(&dir, "error-code", &["--error-code", "0110"]).await;
    let base = p.ready["http"].as_str().unwrap().to_owned();
    let (status, text) = {
        let r = reqwest::Client::new()
            .post(format!("{base}/v1/create_order"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body(form_body(&signed(create_params("EC-BIN", 100, N))))
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    };
    assert_eq!(status, 200);
    assert_code_answer(&serde_json::from_str(&text).unwrap(), "0110");
    let log_path = p.stderr.clone();
    drop(p);
    let log = std::fs::read_to_string(log_path).unwrap();
    assert!(
        log.lines()
            .any(|l| l.contains("\"fault\":\"error_code\"") && l.contains("\"outcome\":\"0110\"")),
        "{log}"
    );

    let out = std::process::Command::new(env!("CARGO_BIN_EXE_iotpay-sandbox"))
        .args(["--error-code", "0016"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown error_code"));
    let _ = std::fs::remove_dir_all(&dir);
}
