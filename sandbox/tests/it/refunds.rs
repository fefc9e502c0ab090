//! Refund limits (D15–D17): partial refunds, never above what was paid, no
//! refund of an unpaid order, idempotent mchRefundNo, query_refund.

use serde_json::{json, Value};

use crate::common::*;

const N: &str = "http://127.0.0.1:9/notify";

/// The shared refund params, sent with a `device` as a web shop does.
fn refund(pay_order_id: &str, no: &str, amount: i64) -> Value {
    with(
        refund_params(pay_order_id, no, amount),
        "device",
        "WEB".into(),
    )
}

#[tokio::test]
async fn partial_refunds_never_exceed_paid_amount() {
    let c = start().await;
    let id = c.create_paid("RF-1", 1000, N).await;

    let r = c.v1("refund_order", refund(&id, "RN-1", 600)).await;
    ok(&r);
    assert_eq!(r["refundAmount"], 600);
    assert_eq!(r["status"], 2, "D16: refunds succeed at once");
    assert_eq!(r["payOrderId"], id.as_str());
    assert_eq!(r["mchRefundNo"], "RN-1");
    assert_eq!(r["currency"], "CAD");
    assert_eq!(r["mchId"], MCH);
    assert!(r["refundOrderId"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(r["refundSuccTime"].as_i64().is_some());

    // 600 + 500 > 1000: refused, names the limit.
    let r = c.v1("refund_order", refund(&id, "RN-2", 500)).await;
    comm_err(&r, "0014");
    let des = r["errCodeDes"].as_str().unwrap();
    assert!(des.contains("refundable amount 400"), "{des}");

    // Exactly the rest is fine; then nothing more.
    ok(&c.v1("refund_order", refund(&id, "RN-3", 400)).await);
    comm_err(&c.v1("refund_order", refund(&id, "RN-4", 1)).await, "0014");

    let o = c.order(&id).await;
    assert_eq!(o["refundedAmount"], 1000);
    assert_eq!(o["refunds"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn refund_of_unpaid_order_is_refused() {
    let c = start().await;
    let id = c.create("RF-UNPAID", 1000, N).await;
    let r = c.v1("refund_order", refund(&id, "RN-U", 100)).await;
    comm_err(&r, "0014");
    assert!(
        r["errCodeDes"].as_str().unwrap().contains("not paid"),
        "{r}"
    );
}

#[tokio::test]
async fn refund_field_rules() {
    let c = start().await;
    let id = c.create_paid("RF-F", 1000, N).await;
    comm_err(
        &c.v1(
            "refund_order",
            with(refund(&id, "RN-F1", 10), "loginName", "other".into()),
        )
        .await,
        "0014",
    );
    comm_err(
        &c.v1(
            "refund_order",
            with(refund(&id, "RN-F2", 10), "clientIp", Value::Null),
        )
        .await,
        "0014",
    );
    comm_err(&c.v1("refund_order", refund(&id, "RN-F3", 0)).await, "0014");
    comm_err(
        &c.v1(
            "refund_order",
            with(refund(&id, "RN-F4", 10), "currency", "USD".into()),
        )
        .await,
        "0014",
    );
    ok(&c
        .v1(
            "refund_order",
            with(refund(&id, "RN-F5", 10), "currency", "CAD".into()),
        )
        .await);
}

#[tokio::test]
async fn same_mch_refund_no_twice_returns_first_result() {
    let c = start().await;
    let id = c.create_paid("RF-IDEM", 1000, N).await;
    let first = c.v1("refund_order", refund(&id, "RN-IDEM", 300)).await;
    ok(&first);
    let again = c.v1("refund_order", refund(&id, "RN-IDEM", 300)).await;
    ok(&again);
    for k in [
        "refundOrderId",
        "refundAmount",
        "status",
        "refundSuccTime",
        "mchRefundNo",
    ] {
        assert_eq!(first[k], again[k], "{k}");
    }
    // Paid once.
    let o = c.order(&id).await;
    assert_eq!(o["refundedAmount"], 300);
    assert_eq!(o["refunds"].as_array().unwrap().len(), 1);

    // Same number, different amount or order: refused (D17).
    let r = c.v1("refund_order", refund(&id, "RN-IDEM", 301)).await;
    comm_err(&r, "0014");
    assert!(r["errCodeDes"].as_str().unwrap().contains("mchRefundNo"));
    let other = c.create_paid("RF-IDEM-2", 1000, N).await;
    comm_err(
        &c.v1("refund_order", refund(&other, "RN-IDEM", 300)).await,
        "0014",
    );
}

#[tokio::test]
async fn query_refund_by_either_id() {
    let c = start().await;
    let id = c.create_paid("RF-Q", 1000, N).await;
    let r = c.v1("refund_order", refund(&id, "RN-Q", 250)).await;
    let rid = r["refundOrderId"].as_str().unwrap().to_owned();
    let a = c
        .v1("query_refund", json!({"mchId": MCH, "refundOrderId": rid}))
        .await;
    ok(&a);
    let b = c
        .v1("query_refund", json!({"mchId": MCH, "mchRefundNo": "RN-Q"}))
        .await;
    ok(&b);
    for k in [
        "refundOrderId",
        "mchRefundNo",
        "payOrderId",
        "mchId",
        "refundAmount",
        "currency",
        "status",
        "refundSuccTime",
    ] {
        assert_eq!(a[k], r[k], "{k}");
        assert_eq!(b[k], r[k], "{k}");
    }
    comm_err(&c.v1("query_refund", json!({"mchId": MCH})).await, "0014");
}
