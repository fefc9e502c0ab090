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
        .post_raw(
            "/v1/create_order",
            form_body(&signed(create_params("F-5XX", 100, N))),
        )
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
        .client
        .post(c.url("/v1/create_order"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(form_body(&signed(create_params("F-HANG", 100, N))))
        .timeout(Duration::from_millis(800))
        .send()
        .await
        .expect_err("the sandbox never answers");
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
        .client
        .post(c.url("/v1/refund_order"))
        .body(form_body(&p))
        .timeout(Duration::from_millis(800))
        .send()
        .await
        .expect_err("hangs");
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
        .post_raw(
            "/v1/create_order",
            form_body(&signed(create_params("F-P5", 100, N))),
        )
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
        .post_raw(
            "/v1/create_order",
            form_body(&signed(create_params("F-MJ", 100, N))),
        )
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
    let r = c
        .client
        .delete(c.url("/admin/faults"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
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
        let mut cfg = test_config();
        cfg.seed = seed;
        cfg.faults = vec![FaultRule {
            error_5xx_rate: Some(0.5),
            ..FaultRule::default()
        }];
        let c = start_with(cfg).await;
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
