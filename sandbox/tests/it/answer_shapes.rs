//! Answer-shape faults (D23): `retParams` as a JSON string, and fields
//! omitted from a successful answer. Both are signed after the change, so
//! only the shape differs.

use iotpay_core::channel::Channel;
use iotpay_core::v1::CreateOrderResult;
use serde_json::{json, Value};

use crate::common::*;

const N: &str = "http://127.0.0.1:9/notify";

fn alipay_pc(no: &str) -> Value {
    let p = with(create_params(no, 100, N), "channelId", "ALIPAY_PC".into());
    let p = with(p, "extra", Value::Null);
    with(p, "returnUrl", "https://shop.example/return".into())
}

fn parsed(r: &Value) -> CreateOrderResult {
    CreateOrderResult::from_map(r.as_object().unwrap().clone()).unwrap()
}

#[tokio::test]
async fn ret_params_as_string() {
    let c = start().await;
    c.set_fault(json!({"endpoint": "create_order", "ret_params_as_string": true, "once": true}))
        .await;
    let r = c.v1("create_order", alipay_pc("AS-RP-1")).await;
    ok(&r);
    let s = r["retParams"].as_str().expect("retParams is a string");
    let inner: Value = serde_json::from_str(s).unwrap();
    let url = inner["alipayUrl"].as_str().unwrap();
    assert!(url.contains("/pay/"), "{url}");
    // The extension's parser reads the same URL either way.
    assert_eq!(parsed(&r).redirect_url.as_deref(), Some(url));
    // `once`: the next answer has the documented object again.
    let r = c.v1("create_order", alipay_pc("AS-RP-2")).await;
    assert!(r["retParams"].is_object(), "{r}");
}

#[tokio::test]
async fn omit_fields_from_a_success() {
    let c = start().await;
    c.set_fault(
        json!({"endpoint": "create_order", "omit_fields": ["codeUrl", "retParams"], "once": true}),
    )
    .await;
    // Another endpoint does not spend the rule.
    biz_err(
        &c.v1("query_order", json!({"mchId": MCH, "mchOrderNo": "NONE"}))
            .await,
        "0112",
    );
    let r = c.v1("create_order", create_params("AS-OM-1", 100, N)).await;
    ok(&r);
    assert!(r.get("codeUrl").is_none(), "{r}");
    assert!(r["payOrderId"].as_str().is_some());
    assert!(parsed(&r).require_payment_data(Channel::WxNative).is_err());
    // The order exists all the same: only the answer lost the field.
    let q = c
        .v1(
            "query_order",
            json!({"mchId": MCH, "mchOrderNo": "AS-OM-1"}),
        )
        .await;
    ok(&q);
    let r = c.v1("create_order", create_params("AS-OM-2", 100, N)).await;
    assert!(r["codeUrl"].as_str().is_some(), "{r}");
}

#[tokio::test]
async fn omit_fields_leaves_failures_alone() {
    let c = start().await;
    c.set_fault(json!({"omit_fields": ["errCode"]})).await;
    // Only successful answers are reshaped.
    biz_err(
        &c.v1("query_order", json!({"mchId": MCH, "mchOrderNo": "NONE"}))
            .await,
        "0112",
    );
}

#[tokio::test]
async fn answer_shape_rules_are_checked() {
    let c = start().await;
    for bad in [
        json!({"omit_fields": []}),
        json!({"omit_fields": ["sign"]}),
        json!({"omit_fields": [""]}),
        json!({"omit_fields": "codeUrl"}),
        json!({"ret_params_as_string": "yes"}),
    ] {
        let (s, _) = c.admin_post("/admin/faults", Some(bad.clone())).await;
        assert_eq!(s, 400, "{bad}");
    }
    let v = c.admin_get("/admin/faults").await;
    assert!(v["rules"].as_array().unwrap().is_empty());
}
