//! One test per IOTPay error code (§14), in the documented places (D6).

use serde_json::{json, Value};

use crate::common::*;

#[tokio::test]
async fn e0011_post_method_required() {
    let c = start().await;
    let (status, text) = c.get_raw("/v1/create_order").await;
    assert_eq!(status, 200, "D8: protocol answers use HTTP 200");
    let v: Value = serde_json::from_str(&text).unwrap();
    comm_err(&v, "0011");
    assert_eq!(v["retMsg"], "post method required");
    assert!(v.get("resCode").is_none());
}

#[tokio::test]
async fn e0012_post_data_empty() {
    let c = start().await;
    for body in ["", "foo=bar", "params="] {
        let (status, text) = c.post_raw("/v1/query_order", body.to_owned()).await;
        assert_eq!(status, 200);
        let v: Value = serde_json::from_str(&text).unwrap();
        comm_err(&v, "0012");
    }
}

#[tokio::test]
async fn e0013_signature_error_bad_and_missing() {
    let c = start().await;
    let mut p = signed(json!({"mchId": MCH, "payOrderId": "P1"}));
    p["payOrderId"] = "P2".into(); // tampered after signing
    let r = c.send_v1("query_order", &p).await;
    comm_err(&r, "0013");
    assert!(r["retMsg"].as_str().unwrap().starts_with("signature error"));
    assert!(
        r.get("sign").is_none(),
        "an unauthenticated caller gets an unsigned 0013 (it could not verify it)"
    );

    let unsigned = json!({"mchId": MCH, "payOrderId": "P1"});
    let r = c.send_v1("query_order", &unsigned).await;
    comm_err(&r, "0013");

    // Signed with another key.
    let mut m = json!({"mchId": MCH, "payOrderId": "P1"})
        .as_object()
        .unwrap()
        .clone();
    let s = sign_with(&m, "some_other_key");
    m.insert("sign".into(), s.into());
    let r = c.send_v1("query_order", &Value::Object(m)).await;
    comm_err(&r, "0013");
}

#[tokio::test]
async fn e0014_unparsable_json() {
    let c = start().await;
    let (status, text) = c
        .post_raw("/v1/create_order", "params=%7Bnot json".into())
        .await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&text).unwrap();
    comm_err(&v, "0014");
    let (_, text) = c
        .post_raw("/v1/create_order", "params=%5B1%2C2%5D".into())
        .await;
    comm_err(&serde_json::from_str(&text).unwrap(), "0014");
}

/// 0014 for each field rule: the answer names the field.
#[tokio::test]
async fn e0014_field_rules_name_the_field() {
    let c = start().await;
    let n = "http://127.0.0.1:9/notify";
    let base = create_params("ORD-0014", 100, n);
    let long_subject = "测".repeat(22); // 22 chars, 66 UTF-8 bytes > 64 (D10)
    let cases: Vec<(Value, &str)> = vec![
        (with(base.clone(), "subject", Value::Null), "subject"),
        (
            with(base.clone(), "subject", long_subject.into()),
            "subject",
        ),
        (with(base.clone(), "body", "x".repeat(256).into()), "body"),
        (
            with(base.clone(), "mchOrderNo", "x".repeat(31).into()),
            "mchOrderNo",
        ),
        (with(base.clone(), "amount", 0.into()), "amount"),
        (
            with(base.clone(), "amount", 2_147_483_648i64.into()),
            "amount",
        ),
        (with(base.clone(), "amount", "12.50".into()), "amount"),
        (with(base.clone(), "amount", json!(1.5)), "amount"),
        (with(base.clone(), "clientIp", Value::Null), "clientIp"),
        // A full IPv6 address is 39 bytes: the spec's String(32) is kept
        // here; clients shorten it (D22).
        (
            with(
                base.clone(),
                "clientIp",
                "2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d".into(),
            ),
            "clientIp",
        ),
        (
            with(base.clone(), "notifyUrl", "https://m.example/n?x=1".into()),
            "notifyUrl",
        ),
        (
            with(base.clone(), "notifyUrl", "/notify".into()),
            "notifyUrl",
        ),
        (with(base.clone(), "jobNo", Value::Null), "jobNo"),
        (with(base.clone(), "jobNo", "someone_else".into()), "jobNo"),
        (
            with(base.clone(), "channelId", "WX_UNKNOWN".into()),
            "channelId",
        ),
        (with(base.clone(), "extra", Value::Null), "extra"),
        (
            with(base.clone(), "extra", json!({"productId": "1"})),
            "extra",
        ),
        (with(base.clone(), "currency", "EUR".into()), "currency"),
        (
            with(base.clone(), "device", "d".repeat(65).into()),
            "device",
        ),
    ];
    for (params, field) in cases {
        let r = c.v1("create_order", params.clone()).await;
        comm_err(&r, "0014");
        let des = r["errCodeDes"].as_str().unwrap();
        assert!(des.contains(field), "{field}: {des}");
    }
    // Exactly at the limits is fine.
    let p = with(base.clone(), "subject", "测".repeat(21).into());
    let p = with(p, "body", "b".repeat(255).into());
    let p = with(p, "amount", 2_147_483_647i64.into());
    ok(&c.v1("create_order", p).await);
}

/// D13: currencies per channel.
#[tokio::test]
async fn e0014_currency_per_channel() {
    let c = start().await;
    let n = "http://127.0.0.1:9/notify";
    let mk = |no: &str, ch: &str, cur: &str| {
        let p = with(create_params(no, 100, n), "channelId", ch.into());
        with(p, "currency", cur.into())
    };
    // CNY only on WX_JSAPI, WX_NATIVE, ALIPAY_WAP, ALIPAY_PC, UPI_SEQ.
    let r = c.v1("create_order", mk("C1", "UPI_QR", "CNY")).await;
    comm_err(&r, "0014");
    assert!(r["errCodeDes"].as_str().unwrap().contains("currency"));
    // CAD only on UPI_QR.
    comm_err(
        &c.v1("create_order", mk("C2", "UPI_QR", "USD")).await,
        "0014",
    );
    comm_err(
        &c.v1("create_order", mk("C3", "ALIPAY_QR", "CNY")).await,
        "0014",
    );
    ok(&c.v1("create_order", mk("C4", "WX_NATIVE", "CNY")).await);
    ok(&c.v1("create_order", mk("C5", "ALIPAY_QR", "USD")).await);
    ok(&c.v1("create_order", mk("C6", "UPI_QR", "CAD")).await);
}

#[tokio::test]
async fn e0014_duplicate_mch_order_no() {
    let c = start().await;
    let n = "http://127.0.0.1:9/notify";
    c.create("DUP-1", 100, n).await;
    let r = c.v1("create_order", create_params("DUP-1", 100, n)).await;
    comm_err(&r, "0014");
    assert!(r["errCodeDes"].as_str().unwrap().contains("mchOrderNo"));
}

#[tokio::test]
async fn e0015_merchant_not_exist() {
    let c = start().await;
    let mut m = json!({"mchId": "99999999", "payOrderId": "P1"})
        .as_object()
        .unwrap()
        .clone();
    let s = sign_with(&m, KEY);
    m.insert("sign".into(), s.into());
    let r = c.send_v1("query_order", &Value::Object(m)).await;
    comm_err(&r, "0015");
    assert_eq!(r["retMsg"], "merchant not exist");
    assert!(r.get("sign").is_none(), "no key to sign with");
}

#[tokio::test]
async fn e0112_unknown_order_and_refund() {
    let c = start().await;
    let r = c
        .v1(
            "query_order",
            json!({"mchId": MCH, "payOrderId": "P00000000000000"}),
        )
        .await;
    biz_err(&r, "0112");
    let r = c
        .v1("query_order", json!({"mchId": MCH, "mchOrderNo": "nope"}))
        .await;
    biz_err(&r, "0112");
    let r = c
        .v1(
            "refund_order",
            json!({"mchId": MCH, "mchRefundNo": "R1", "refundAmount": 1, "clientIp": "1.2.3.4",
                   "loginName": LOGIN, "payOrderId": "P404"}),
        )
        .await;
    biz_err(&r, "0112");
    let r = c
        .v1("query_refund", json!({"mchId": MCH, "mchRefundNo": "nope"}))
        .await;
    biz_err(&r, "0112");
}

#[tokio::test]
async fn e0113_order_already_paid() {
    let c = start().await;
    let n = "http://127.0.0.1:9/notify";
    c.create_paid("PAID-1", 100, n).await;
    let r = c.v1("create_order", create_params("PAID-1", 100, n)).await;
    biz_err(&r, "0113");
    // payForSubmit with the same number: also 0113.
    let p = json!({"mchId": MCH, "mchOrderNo": "PAID-1", "currency": "CAD", "channelId": "WX_JSAPI",
        "amount": 100, "clientIp": "1.2.3.4", "returnUrl": "https://m.example/ok", "notifyUrl": n,
        "subject": "s", "body": "b", "jobNo": LOGIN});
    biz_err(&c.v1("payForSubmit", p).await, "0113");
}

#[tokio::test]
async fn query_needs_exactly_one_id() {
    let c = start().await;
    let r = c.v1("query_order", json!({"mchId": MCH})).await;
    comm_err(&r, "0014");
    let r = c
        .v1(
            "query_order",
            json!({"mchId": MCH, "payOrderId": "P1", "mchOrderNo": "X"}),
        )
        .await;
    comm_err(&r, "0014");
}

#[tokio::test]
async fn raw_unencoded_params_are_accepted() {
    let c = start().await;
    let p = signed(create_params("RAW+1&x", 100, "http://127.0.0.1:9/notify"));
    let (status, text) = c.post_raw("/v1/create_order", format!("params={p}")).await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&text).unwrap();
    ok(&v);
    assert_eq!(v["mchOrderNo"], "RAW+1&x");
}
