//! Refund cases for a refund state machine (issue 8): refunds that stay in
//! progress and end as success or failure, refunds processed after a lost
//! answer, a Query Refund path that does not exist, a refund answer without
//! a status. All over real HTTP.

use std::time::Duration;

use serde_json::{json, Value};

use crate::common::*;

const N: &str = "http://127.0.0.1:9/notify";

async fn query(c: &Ctx, no: &str) -> Value {
    c.v1("query_refund", json!({"mchId": MCH, "mchRefundNo": no}))
        .await
}

async fn sleep_ms(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

async fn refunds_of(c: &Ctx, id: &str) -> Vec<Value> {
    c.order(id).await["refunds"].as_array().unwrap().clone()
}

#[tokio::test]
async fn pending_refund_becomes_success() {
    let c = start().await;
    let id = c.create_paid("RP-OK", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "refund_pending_ms": 300, "once": true}))
        .await;
    let r = c
        .v1("refund_order", refund_params(&id, "RP-OK-1", 600))
        .await;
    ok(&r);
    assert_eq!(r["status"], 1, "answered as refunding: {r}");
    assert!(r.get("refundSuccTime").is_none(), "{r}");
    let q = query(&c, "RP-OK-1").await;
    assert_eq!(q["status"], 1);
    // In progress, the amount is held: only 400 is left.
    comm_err(
        &c.v1("refund_order", refund_params(&id, "RP-OK-2", 401))
            .await,
        "0014",
    );
    // A repeat of the same refund reports its current state, and refunds nothing (D17).
    let again = c
        .v1("refund_order", refund_params(&id, "RP-OK-1", 600))
        .await;
    assert_eq!(again["refundOrderId"], r["refundOrderId"]);
    assert_eq!(again["status"], 1);

    sleep_ms(400).await;
    let q = query(&c, "RP-OK-1").await;
    assert_eq!(q["status"], 2, "{q}");
    assert!(q["refundSuccTime"].as_i64().is_some(), "{q}");
    assert_eq!(c.order(&id).await["refundedAmount"], 600);
    assert_eq!(refunds_of(&c, &id).await.len(), 1);
}

#[tokio::test]
async fn pending_refund_can_end_failed_and_frees_the_balance() {
    let c = start().await;
    let id = c.create_paid("RP-FAIL", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "refund_pending_ms": 200,
                       "refund_final_status": 3, "once": true}))
        .await;
    let r = c
        .v1("refund_order", refund_params(&id, "RP-FAIL-1", 1000))
        .await;
    assert_eq!(r["status"], 1);
    comm_err(
        &c.v1("refund_order", refund_params(&id, "RP-FAIL-X", 1))
            .await,
        "0014",
    );
    sleep_ms(300).await;
    let q = query(&c, "RP-FAIL-1").await;
    assert_eq!(q["status"], 3, "{q}");
    assert!(q.get("refundSuccTime").is_none(), "{q}");
    assert_eq!(c.order(&id).await["refundedAmount"], 0);
    // The same number still names the failed refund (D17)...
    assert_eq!(
        c.v1("refund_order", refund_params(&id, "RP-FAIL-1", 1000))
            .await["status"],
        3
    );
    // ...and a new refund may take the whole amount again.
    let r = c
        .v1("refund_order", refund_params(&id, "RP-FAIL-2", 1000))
        .await;
    assert_eq!(r["status"], 2, "{r}");
    assert_eq!(c.order(&id).await["refundedAmount"], 1000);
}

#[tokio::test]
async fn final_status_alone_fails_at_once() {
    let c = start().await;
    let id = c.create_paid("RF3", 500, N).await;
    c.set_fault(json!({"refund_final_status": 3, "once": true}))
        .await;
    // A rule with refund faults only is not spent by other endpoints.
    ok(&c
        .v1("query_order", json!({"mchId": MCH, "payOrderId": id}))
        .await);
    let r = c.v1("refund_order", refund_params(&id, "RF3-1", 500)).await;
    ok(&r);
    assert_eq!(r["status"], 3);
    assert_eq!(query(&c, "RF3-1").await["status"], 3);
    assert_eq!(
        c.v1("refund_order", refund_params(&id, "RF3-2", 500)).await["status"],
        2
    );
}

#[tokio::test]
async fn processed_later_after_a_502() {
    let c = start().await;
    let id = c.create_paid("PL-1", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "process_later_ms": 400, "once": true}))
        .await;
    let (status, body) = c
        .post_signed("/v1/refund_order", refund_params(&id, "PL-1-R", 300))
        .await;
    assert_eq!(status, 502);
    assert!(serde_json::from_str::<Value>(&body).is_err(), "{body}");
    // Not recorded yet: IOTPay says the refund does not exist.
    biz_err(&query(&c, "PL-1-R").await, "0112");
    assert_eq!(c.order(&id).await["refundedAmount"], 0);
    sleep_ms(600).await;
    let q = query(&c, "PL-1-R").await;
    ok(&q);
    assert_eq!(q["status"], 2);
    assert_eq!(q["refundAmount"], 300);
    assert_eq!(c.order(&id).await["refundedAmount"], 300);
}

#[tokio::test]
async fn resend_before_the_delay_is_processed_once() {
    let c = start().await;
    let id = c.create_paid("PL-2", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "process_later_ms": 300, "once": true}))
        .await;
    let p = signed(refund_params(&id, "PL-2-R", 700));
    let (status, _) = c.post_raw("/v1/refund_order", form_body(&p)).await;
    assert_eq!(status, 502);
    // The resend (same mchRefundNo) is processed now...
    let now = c.send_v1("refund_order", &p).await;
    ok(&now);
    assert_eq!(now["status"], 2);
    // ...and the delayed processing finds it done: one refund, paid once.
    sleep_ms(500).await;
    let list = refunds_of(&c, &id).await;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(c.order(&id).await["refundedAmount"], 700);
    assert_eq!(
        query(&c, "PL-2-R").await["refundOrderId"],
        now["refundOrderId"]
    );
}

#[tokio::test]
async fn resend_under_a_lasting_rule_is_delayed_too_and_still_once() {
    let c = start().await;
    let id = c.create_paid("PL-3", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "process_later_ms": 200}))
        .await;
    let p = signed(refund_params(&id, "PL-3-R", 400));
    for _ in 0..2 {
        let (status, _) = c.post_raw("/v1/refund_order", form_body(&p)).await;
        assert_eq!(status, 502);
    }
    sleep_ms(450).await;
    assert_eq!(refunds_of(&c, &id).await.len(), 1);
    assert_eq!(c.order(&id).await["refundedAmount"], 400);
}

#[tokio::test]
async fn processed_later_with_hang_gives_no_answer() {
    let c = start().await;
    let id = c.create_paid("PL-4", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "process_later_ms": 1200,
                       "hang_rate": 1.0, "once": true}))
        .await;
    let err = c
        .post_unanswered(
            "/v1/refund_order",
            form_body(&signed(refund_params(&id, "PL-4-R", 100))),
            500,
        )
        .await;
    assert!(err.is_timeout());
    // Unlike a plain hang, nothing was processed yet.
    biz_err(&query(&c, "PL-4-R").await, "0112");
    sleep_ms(1000).await;
    assert_eq!(query(&c, "PL-4-R").await["status"], 2);
}

#[tokio::test]
async fn query_refund_path_missing() {
    let c = start().await;
    let id = c.create_paid("QM-1", 1000, N).await;
    ok(&c
        .v1("refund_order", refund_params(&id, "QM-1-R", 100))
        .await);
    c.set_fault(json!({"endpoint": "query_refund", "http_status": 404}))
        .await;
    let (status, body) = c
        .post_signed(
            "/v1/query_refund",
            json!({"mchId": MCH, "mchRefundNo": "QM-1-R"}),
        )
        .await;
    assert_eq!(status, 404);
    assert!(body.contains("404 Not Found"), "{body}");
    assert!(serde_json::from_str::<Value>(&body).is_err());
    // Other endpoints are served.
    ok(&c
        .v1("query_order", json!({"mchId": MCH, "payOrderId": id}))
        .await);
}

#[tokio::test]
async fn http_status_is_not_processed() {
    let c = start().await;
    let id = c.create_paid("QM-2", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "http_status": 404, "once": true}))
        .await;
    let (status, _) = c
        .post_signed("/v1/refund_order", refund_params(&id, "QM-2-R", 100))
        .await;
    assert_eq!(status, 404);
    biz_err(&query(&c, "QM-2-R").await, "0112");
    assert_eq!(c.order(&id).await["refundedAmount"], 0);
}

#[tokio::test]
async fn refund_answer_without_status() {
    let c = start().await;
    let id = c.create_paid("NS-1", 1000, N).await;
    c.set_fault(json!({"endpoint": "refund_order", "omit_fields": ["status"], "once": true}))
        .await;
    let r = c
        .v1("refund_order", refund_params(&id, "NS-1-R", 100))
        .await;
    ok(&r);
    assert!(r.get("status").is_none(), "{r}");
    assert!(r["refundOrderId"].as_str().is_some());
    // The refund itself was made.
    assert_eq!(query(&c, "NS-1-R").await["status"], 2);
}

#[tokio::test]
async fn refund_rules_are_checked() {
    let c = start().await;
    for bad in [
        json!({"endpoint": "create_order", "refund_pending_ms": 10}),
        json!({"endpoint": "query_refund", "process_later_ms": 10}),
        json!({"refund_final_status": 1}),
        json!({"refund_final_status": 9}),
        json!({"http_status": 200}),
        json!({"http_status": 302}),
        json!({"http_status": 600}),
        json!({"refund_pending_ms": -1}),
    ] {
        let (s, _) = c.admin_post("/admin/faults", Some(bad.clone())).await;
        assert_eq!(s, 400, "{bad}");
    }
    c.set_fault(json!({"refund_pending_ms": 10, "refund_final_status": 2, "process_later_ms": 5}))
        .await;
    c.set_fault(json!({"http_status": 404})).await;
}

/// A repeated `mchRefundNo` on `refund_order`: the first result (D17, the
/// default, and `repeated_refund_no: first_result`) or `0014` with
/// `repeated_refund_no: refused` (D35); a new number is unaffected.
#[tokio::test]
async fn a_repeated_refund_number_is_answered_either_way() {
    let c = start().await;
    let id = c.create_paid("RN-V1", 1000, N).await;
    let first = c
        .v1("refund_order", refund_params(&id, "RN-V1-1", 300))
        .await;
    ok(&first);
    c.set_fault(
        json!({"endpoint": "refund_order", "repeated_refund_no": "first_result", "once": true}),
    )
    .await;
    let again = c
        .v1("refund_order", refund_params(&id, "RN-V1-1", 300))
        .await;
    assert_eq!(again["refundOrderId"], first["refundOrderId"]);
    c.set_fault(json!({"endpoint": "refund_order", "repeated_refund_no": "refused"}))
        .await;
    let refused = c
        .v1("refund_order", refund_params(&id, "RN-V1-1", 300))
        .await;
    comm_err(&refused, "0014");
    assert!(refused.to_string().contains("already used"), "{refused}");
    assert_eq!(c.order(&id).await["refundedAmount"], 300);
    ok(&c
        .v1("refund_order", refund_params(&id, "RN-V1-2", 200))
        .await);
    assert_eq!(c.order(&id).await["refundedAmount"], 500);
    // Refused as a rule: an unknown value or another endpoint.
    let (s, _) = c
        .admin_post(
            "/admin/faults",
            Some(json!({"repeated_refund_no": "maybe"})),
        )
        .await;
    assert_eq!(s, 400);
    let (s, _) = c
        .admin_post(
            "/admin/faults",
            Some(json!({"endpoint": "query_refund", "repeated_refund_no": "refused"})),
        )
        .await;
    assert_eq!(s, 400);
}
