//! Credit Card V3 (§15) and Autodebit (§13), basic flows.

use serde_json::{json, Value};

use crate::common::*;

fn purchase(no: &str, notify: &str) -> Value {
    json!({"mchId": MCH, "mchOrderNo": no, "amount": 1500, "currency": "CAD", "loginName": LOGIN,
           "channel": "PF_CC", "notifyUrl": notify, "returnUrl": "https://merchant.example/return"})
}

/// POSTs a signed Autodebit request (§13): the answer, whose signature verifies.
async fn contract_call(c: &Ctx, path: &str, p: Value) -> Value {
    let (status, text) = c.post_signed(path, p).await;
    assert_eq!(status, 200);
    let v: Value = serde_json::from_str(&text).unwrap();
    assert!(verifies(&v), "{v}");
    v
}

/// A contract-signing request (§13.1) for `id` in `currency`.
fn contract_req(id: &str, currency: &str, notify: &str) -> Value {
    json!({"mchId": MCH, "mchContractId": id, "channelId": "WX_JSAPI", "currency": currency,
        "notifyUrl": notify, "payerName": "Zhang San", "jobNo": LOGIN})
}

/// A debit (§13.2) of `amount` on contract `id`.
fn debit_req(no: &str, id: &str, currency: &str, amount: i64, notify: &str) -> Value {
    json!({"mchId": MCH, "mchOrderNo": no, "mchContractId": id,
        "channelId": "WX_JSAPI", "currency": currency, "amount": amount, "notifyUrl": notify,
        "body": "monthly box", "jobNo": LOGIN})
}

#[tokio::test]
async fn cc_purchase_hosted_page_json_notification_and_refunds() {
    let c = start().await;
    let rx = receiver(&["SUCCESS"]).await;
    let r = c.v3("cc_purchase", purchase("CC-1", &rx.url)).await;
    assert_eq!(r["retCode"], "SUCCESS", "{r}");
    let redirect = r["retData"]["redirectUrl"].as_str().unwrap().to_owned();
    assert!(r["retData"]["secureId"]
        .as_str()
        .is_some_and(|s| s.len() == 32));
    assert!(redirect.starts_with(&format!("{}/pay/PC", c.base)));

    // The customer pays on the hosted page; the browser returns with retCode/status.
    let resp = c
        .client
        .post(format!("{redirect}/pay"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    let loc = resp.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        loc.starts_with("https://merchant.example/return?retCode=SUCCESS&status=2"),
        "{loc}"
    );

    // JSON notification with the order object, signed.
    let got = rx.wait_count(1, 5).await;
    assert!(got[0].content_type.starts_with("application/json"));
    let n: Value = serde_json::from_str(&got[0].body).unwrap();
    assert!(verifies(&n), "{n}");
    assert_eq!(n["mchOrderNo"], "CC-1");
    assert_eq!(n["status"], 2);
    assert_eq!(n["payType"], "pay");
    assert_eq!(n["refundable"], 1500);
    assert!(n["cardNum"].as_str().unwrap().contains("******"));
    let id = n["payOrderId"].as_str().unwrap().to_owned();

    let q = c
        .v3("cc_query", json!({"mchId": MCH, "mchOrderNo": "CC-1"}))
        .await;
    assert_eq!(q["retData"]["payOrderId"], id.as_str());

    // Partial refund, then no more than the rest; a void is refused after it.
    let refund = |no: &str, amount: i64| {
        json!({"mchId": MCH, "mchRefundNo": no, "loginName": LOGIN,
        "refundAmount": amount, "payOrderId": id})
    };
    let r = c.v3("cc_refund", refund("CCR-1", 500)).await;
    assert_eq!(r["retCode"], "SUCCESS", "{r}");
    assert_eq!(r["retData"]["payType"], "refund");
    assert_eq!(r["retData"]["originalOrderId"], id.as_str());
    assert_eq!(r["retData"]["mchOrderNo"], "CCR-1");
    assert_eq!(r["retData"]["refundable"], 0);
    let again = c.v3("cc_refund", refund("CCR-1", 500)).await;
    assert_eq!(again["retData"]["payOrderId"], r["retData"]["payOrderId"]);
    let r = c.v3("cc_refund", refund("CCR-2", 1001)).await;
    assert_eq!(r["retCode"], "FAIL");
    let r = c
        .v3(
            "cc_void",
            json!({"mchId": MCH, "mchRefundNo": "CCV-1", "loginName": LOGIN, "payOrderId": id}),
        )
        .await;
    assert_eq!(r["retCode"], "FAIL");
    let q = c
        .v3("cc_query", json!({"mchId": MCH, "payOrderId": id}))
        .await;
    assert_eq!(q["retData"]["refundable"], 1000);
}

#[tokio::test]
async fn cc_rules() {
    let c = start().await;
    let n = "http://127.0.0.1:9/n";
    // CAD only (D13), loginName String(12), channel values.
    let r = c
        .v3(
            "cc_purchase",
            with(purchase("CC-R1", n), "currency", "USD".into()),
        )
        .await;
    assert_eq!(r["retCode"], "FAIL");
    assert_eq!(r["errCode"], "0014");
    assert!(r["retMsg"].as_str().unwrap().contains("currency"));
    let r = c
        .v3(
            "cc_purchase",
            with(purchase("CC-R2", n), "channel", "VISA".into()),
        )
        .await;
    assert_eq!(r["retCode"], "FAIL");
    // Unsigned V3 request.
    let r = c
        .client
        .post(c.url("/v3/cc_query"))
        .body(json!({"mchId": MCH, "payOrderId": "x"}).to_string())
        .send()
        .await
        .unwrap();
    let v: Value = serde_json::from_str(&r.text().await.unwrap()).unwrap();
    assert_eq!(v["retCode"], "FAIL");
    assert_eq!(v["errCode"], "0013");
}

#[tokio::test]
async fn cc_add_card_then_token_purchase_and_direct() {
    let c = start().await;
    let r = c
        .v3("cc_querycard", json!({"mchId": MCH, "cardId": "card-1"}))
        .await;
    assert_eq!(r["retCode"], "FAIL");
    assert_eq!(r["retMsg"], "cardId is not binding");

    let r = c
        .v3(
            "cc_addcard",
            json!({"mchId": MCH, "cardId": "card-1", "loginName": LOGIN,
        "channel": "PF_CC", "returnUrl": "https://merchant.example/card"}),
        )
        .await;
    let url = r["retData"]["redirectUrl"].as_str().unwrap().to_owned();
    let form = c
        .client
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("name=\"cardNum\""));
    let resp = c
        .client
        .post(format!("{url}/add"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("cardNum=4242424242424242&expiryDate=1129&holder=Test+Holder&cvv=123")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 303);
    assert_eq!(
        resp.headers()["location"],
        "https://merchant.example/card?retCode=SUCCESS"
    );

    let r = c
        .v3("cc_querycard", json!({"mchId": MCH, "cardId": "card-1"}))
        .await;
    assert_eq!(r["retData"]["cardNum"], "424242******4242");
    assert_eq!(r["retData"]["holder"], "Test Holder");

    let r = c
        .v3(
            "cc_purchasewithtoken",
            json!({"mchId": MCH, "loginName": LOGIN, "currency": "CAD",
        "mchOrderNo": "TOK-1", "cardId": "card-1", "amount": 250}),
        )
        .await;
    assert_eq!(r["retCode"], "SUCCESS", "{r}");
    assert_eq!(r["retData"]["status"], 2);
    assert_eq!(r["retData"]["cardType"], "V");

    let direct = json!({"mchId": MCH, "loginName": LOGIN, "channel": "PF_CC", "currency": "CAD",
        "mchOrderNo": "DIR-1", "amount": 300, "cardNum": "5555555555554444", "expiryDate": "0730",
        "holder": "x", "cvv": "786"});
    let r = c.v3("cc_directpurchase", direct.clone()).await;
    assert_eq!(r["retData"]["status"], 2);
    assert_eq!(r["retData"]["cardType"], "M");
    let r = c
        .v3(
            "cc_directpurchase",
            with(
                with(direct, "mchOrderNo", "DIR-2".into()),
                "cardNum",
                "5555555555554445".into(),
            ),
        )
        .await;
    assert_eq!(r["retCode"], "FAIL");

    let r = c.v3("cc_purchasewithwallet", json!({"mchId": MCH, "loginName": LOGIN, "currency": "CAD",
        "mchOrderNo": "WAL-1", "amount": 100, "walletType": "GooglePay", "walletData": "eyJ0b2tlbiI6MX0="})).await;
    assert_eq!(r["retData"]["channel"], "CC_CG");
    assert_eq!(r["retData"]["capture"], "Y");
    let r = c
        .v3(
            "cc_void",
            json!({"mchId": MCH, "mchRefundNo": "V-1", "loginName": LOGIN,
        "payOrderId": r["retData"]["payOrderId"]}),
        )
        .await;
    assert_eq!(r["retData"]["amount"], 100);
}

#[tokio::test]
async fn autodebit_contract_debit_limits_query_and_refund() {
    let c = start().await;
    let rx = receiver(&["success"]).await;
    let send = |path: &'static str, p: Value| contract_call(&c, path, p);
    let contract = contract_req("ct-1", "CAD", &rx.url);
    let r = send("/contract/", contract.clone()).await;
    ok(&r);
    assert_eq!(r["status"], 1);
    let cid = r["iotpayContractId"].as_str().unwrap().to_owned();
    let (_, page) = c.get_url(r["signUrl"].as_str().unwrap()).await;
    assert!(page.contains("Zhang San") && page.contains(">Sign</button>"));
    // Signing twice is refused.
    comm_err(&send("/contract/", contract).await, "0014");
    // D51: contract ids are letters, digits, '_' and '-'; extra is a JSON object.
    let mut odd = contract_req("ct 2", "CAD", &rx.url);
    comm_err(&send("/contract/", odd.clone()).await, "0014");
    odd["mchContractId"] = json!("ct-2");
    odd["extra"] = json!("not json");
    comm_err(&send("/contract/", odd).await, "0014");
    // Every request counted, whatever its outcome (D58).
    let counts = c.admin_get("/admin/requests").await;
    assert_eq!(counts["counts"]["contract"], 4);

    let debit = |no: &str, amount: i64| debit_req(no, "ct-1", "CAD", amount, &rx.url);
    // Not signed yet.
    comm_err(
        &send("/contract/create_order", debit("AD-0", 100)).await,
        "0014",
    );

    let (s, _) = c
        .admin_post(&format!("/admin/contracts/{cid}/sign"), None)
        .await;
    assert_eq!(s, 200);
    let got = rx.wait_count(1, 5).await;
    let cb: Value = serde_json::from_str(&got[0].body).unwrap();
    assert_eq!(cb["status"], "2");
    assert_eq!(cb["mchContractId"], "ct-1");
    assert!(verifies(&cb));

    // CAD 30 per transaction.
    comm_err(
        &send("/contract/create_order", debit("AD-1", 3001)).await,
        "0014",
    );
    let r = send("/contract/create_order", debit("AD-2", 1000)).await;
    ok(&r);
    assert_eq!(r["status"], 2);
    // D53: the answer states what was taken.
    assert_eq!(r["amount"], 1000);
    assert_eq!(r["currency"], "CAD");
    assert_eq!(r["mchId"], MCH);
    assert_eq!(r["mchOrderNo"], "AD-2");
    let id = r["payOrderId"].as_str().unwrap().to_owned();
    // One debit per day.
    let r = send("/contract/create_order", debit("AD-3", 100)).await;
    comm_err(&r, "0014");
    assert!(r["errCodeDes"].as_str().unwrap().contains("per day"));
    // Payment notification like §6.
    let got = rx.wait_count(2, 5).await;
    let pairs = form_pairs(&got[1].body);
    assert_eq!(get(&pairs, "payOrderId"), Some(id.as_str()));
    // Query, and refund through the v1 refund API.
    ok(&send(
        "/contract/query_order",
        json!({"mchId": MCH, "mchOrderNo": "AD-2"}),
    )
    .await);
    let r = c
        .v1(
            "refund_order",
            json!({"mchId": MCH, "mchRefundNo": "ADR-1", "refundAmount": 1000,
        "clientIp": "1.2.3.4", "loginName": LOGIN, "payOrderId": id}),
        )
        .await;
    ok(&r);
}

#[tokio::test]
async fn autodebit_usd_contract_is_limited_to_20_as_the_extension_reads_it() {
    let c = start().await;
    let rx = receiver(&["success"]).await;
    let r = contract_call(&c, "/contract/", contract_req("ct-usd", "USD", &rx.url)).await;
    ok(&r);
    let cid = r["iotpayContractId"].as_str().unwrap().to_owned();
    let (s, _) = c
        .admin_post(&format!("/admin/contracts/{cid}/sign"), None)
        .await;
    assert_eq!(s, 200);
    let debit = |no: &str, amount: i64| debit_req(no, "ct-usd", "USD", amount, &rx.url);
    // D55: US$20, never more than CAD 30.
    let r = contract_call(&c, "/contract/create_order", debit("ADU-1", 2001)).await;
    comm_err(&r, "0014");
    assert!(r["errCodeDes"]
        .as_str()
        .unwrap()
        .contains("per-transaction limit 2000"));
    let r = contract_call(&c, "/contract/create_order", debit("ADU-2", 2000)).await;
    ok(&r);
    assert_eq!(r["currency"], "USD");
}
