//! Credit Card V3: the failures a merchant server must handle — IOTPay codes
//! on a named V3 endpoint, declined and still-open instant payments
//! (`cc_status`), and refund / void records notified like payments.

use serde_json::{json, Value};

use crate::common::*;

fn token_purchase(no: &str, amount: i64, notify: Option<&str>) -> Value {
    let mut v = json!({"mchId": MCH, "loginName": LOGIN, "currency": "CAD",
        "mchOrderNo": no, "cardId": "card-f", "amount": amount});
    if let Some(n) = notify {
        v = with(v, "notifyUrl", n.into());
    }
    v
}

fn direct(no: &str, notify: Option<&str>) -> Value {
    let mut v = json!({"mchId": MCH, "loginName": LOGIN, "channel": "PF_CC", "currency": "CAD",
        "mchOrderNo": no, "amount": 700, "cardNum": "4242424242424242", "expiryDate": "1230",
        "holder": "T", "cvv": "123"});
    if let Some(n) = notify {
        v = with(v, "notifyUrl", n.into());
    }
    v
}

async fn add_card(c: &Ctx, card_id: &str) {
    let r = c
        .v3(
            "cc_addcard",
            json!({"mchId": MCH, "cardId": card_id, "loginName": LOGIN,
                "channel": "PF_CC", "returnUrl": "https://merchant.example/card"}),
        )
        .await;
    let url = r["retData"]["redirectUrl"].as_str().unwrap().to_owned();
    let resp = c
        .client
        .post(format!("{url}/add"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("cardNum=4242424242424242&expiryDate=1129&holder=T&cvv=123")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
}

#[tokio::test]
async fn error_code_answers_a_named_v3_endpoint_only() {
    let c = start().await;
    add_card(&c, "card-f").await;
    c.set_fault(json!({"endpoint": "cc_purchasewithtoken", "error_code": "0110", "once": true}))
        .await;
    // Another V3 endpoint is untouched and does not spend the rule.
    let r = c
        .v3("cc_query", json!({"mchId": MCH, "mchOrderNo": "NOPE"}))
        .await;
    assert_eq!(r["errCode"], "0112", "{r}");
    let r = c
        .v3("cc_purchasewithtoken", token_purchase("TF-1", 100, None))
        .await;
    assert_eq!(r["retCode"], "FAIL", "{r}");
    assert_eq!(r["errCode"], "0110");
    assert_eq!(r["retMsg"], "third party timeout");
    assert!(r.get("retData").is_none());
    // Not processed: the number is still free and nothing was charged.
    let r = c
        .v3("cc_query", json!({"mchId": MCH, "mchOrderNo": "TF-1"}))
        .await;
    assert_eq!(r["errCode"], "0112");
    let r = c
        .v3("cc_purchasewithtoken", token_purchase("TF-1", 100, None))
        .await;
    assert_eq!(r["retData"]["status"], 2, "{r}");

    // A communication code is answered unsigned, before the request is read.
    c.set_fault(json!({"endpoint": "cc_refund", "error_code": "0013", "once": true}))
        .await;
    let resp = c
        .client
        .post(c.url("/v3/cc_refund"))
        .body(signed(json!({"mchId": MCH})).to_string())
        .send()
        .await
        .unwrap();
    let v: Value = serde_json::from_str(&resp.text().await.unwrap()).unwrap();
    assert_eq!(v["errCode"], "0013");
    assert!(v.get("sign").is_none(), "{v}");
}

#[tokio::test]
async fn declined_and_open_instant_payments() {
    let c = start().await;
    let rx = receiver(&["SUCCESS"]).await;
    c.set_fault(json!({"endpoint": "cc_directpurchase", "cc_status": 9, "once": true}))
        .await;
    let r = c
        .v3("cc_directpurchase", direct("DF-9", Some(&rx.url)))
        .await;
    assert_eq!(r["retCode"], "SUCCESS", "{r}");
    assert_eq!(r["retData"]["status"], 9);
    assert_eq!(r["retData"]["refundable"], 0);
    assert!(r["retData"].get("paySuccTime").is_none());
    let q = c
        .v3("cc_query", json!({"mchId": MCH, "mchOrderNo": "DF-9"}))
        .await;
    assert_eq!(q["retData"]["status"], 9);
    // A declined payment cannot be refunded or voided.
    let id = q["retData"]["payOrderId"].as_str().unwrap().to_owned();
    let r = c
        .v3(
            "cc_void",
            json!({"mchId": MCH, "mchRefundNo": "DF-9V", "loginName": LOGIN, "payOrderId": id}),
        )
        .await;
    assert_eq!(r["errCode"], "0014");

    // Status 1 (unknown) stays open until the admin API decides it.
    c.set_fault(json!({"cc_status": 1, "once": true})).await;
    let r = c
        .v3("cc_directpurchase", direct("DF-1", Some(&rx.url)))
        .await;
    assert_eq!(r["retData"]["status"], 1);
    let id = r["retData"]["payOrderId"].as_str().unwrap().to_owned();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        rx.count(),
        0,
        "neither a decline nor an open payment is notified"
    );
    let (s, _) = c.admin_post(&format!("/admin/orders/{id}/pay"), None).await;
    assert_eq!(s, 200);
    let got = rx.wait_count(1, 5).await;
    let n: Value = serde_json::from_str(&got[0].body).unwrap();
    assert!(verifies(&n));
    assert_eq!(n["mchOrderNo"], "DF-1");
    assert_eq!(n["status"], 2);
    assert!(n["authNum"].as_str().is_some());
}

#[tokio::test]
async fn refunds_and_voids_are_notified_as_refund_records() {
    let c = start().await;
    let rx = receiver(&["SUCCESS"]).await;
    let r = c.v3("cc_directpurchase", direct("DN-1", None)).await;
    let id = r["retData"]["payOrderId"].as_str().unwrap().to_owned();
    let refund = json!({"mchId": MCH, "mchRefundNo": "DN-1R", "loginName": LOGIN,
        "refundAmount": 200, "payOrderId": id, "notifyUrl": rx.url});
    let r = c.v3("cc_refund", refund.clone()).await;
    assert_eq!(r["retData"]["payType"], "refund", "{r}");
    let got = rx.wait_count(1, 5).await;
    assert!(got[0].content_type.starts_with("application/json"));
    let n: Value = serde_json::from_str(&got[0].body).unwrap();
    assert!(verifies(&n), "{n}");
    assert_eq!(n["payType"], "refund");
    assert_eq!(n["mchOrderNo"], "DN-1R");
    assert_eq!(n["originalOrderId"], id.as_str());
    assert_eq!(n["amount"], 200);
    assert_eq!(n["refundable"], 0);
    // The same refund sent again is the same record, not notified again.
    let again = c.v3("cc_refund", refund).await;
    assert_eq!(again["retData"]["payOrderId"], r["retData"]["payOrderId"]);

    let r = c.v3("cc_directpurchase", direct("DN-2", None)).await;
    let id2 = r["retData"]["payOrderId"].as_str().unwrap().to_owned();
    c.v3(
        "cc_void",
        json!({"mchId": MCH, "mchRefundNo": "DN-2V", "loginName": LOGIN,
            "payOrderId": id2, "notifyUrl": rx.url}),
    )
    .await;
    let got = rx.wait_count(2, 5).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(rx.count(), 2);
    let n: Value = serde_json::from_str(&got[1].body).unwrap();
    assert_eq!(n["payType"], "refund");
    assert_eq!(n["mchOrderNo"], "DN-2V");
    assert_eq!(n["amount"], 700);
    // Acknowledged: the refund record reads as status 3, like a payment.
    let q = c
        .v3("cc_query", json!({"mchId": MCH, "mchOrderNo": "DN-1R"}))
        .await;
    assert_eq!(q["retData"]["status"], 3);
}

/// A repeated `mchRefundNo` on `cc_refund` / `cc_void`: the first record
/// (D17, D28: the default) or, with `repeated_refund_no: refused`, `0014`
/// and nothing refunded (D35).
#[tokio::test]
async fn a_repeated_refund_number_is_answered_either_way() {
    let c = start().await;
    let r = c.v3("cc_directpurchase", direct("RN-1", None)).await;
    let id = r["retData"]["payOrderId"].as_str().unwrap().to_owned();
    let refund = json!({"mchId": MCH, "mchRefundNo": "RN-1R", "loginName": LOGIN,
        "refundAmount": 200, "payOrderId": id});
    let first = c.v3("cc_refund", refund.clone()).await;
    assert_eq!(first["retData"]["payType"], "refund", "{first}");
    let again = c.v3("cc_refund", refund.clone()).await;
    assert_eq!(
        again["retData"]["payOrderId"],
        first["retData"]["payOrderId"]
    );

    c.set_fault(json!({"repeated_refund_no": "refused"})).await;
    let refused = c.v3("cc_refund", refund).await;
    comm_err(&refused, "0014");
    assert!(refused.to_string().contains("already used"), "{refused}");
    assert_eq!(c.order(&id).await["refundedAmount"], 200);

    let r = c.v3("cc_directpurchase", direct("RN-2", None)).await;
    let id2 = r["retData"]["payOrderId"].as_str().unwrap().to_owned();
    let void = json!({"mchId": MCH, "mchRefundNo": "RN-2V", "loginName": LOGIN, "payOrderId": id2});
    assert_eq!(
        c.v3("cc_void", void.clone()).await["retData"]["amount"],
        700
    );
    comm_err(&c.v3("cc_void", void).await, "0014");
    assert_eq!(c.order(&id2).await["refundedAmount"], 700);
}
