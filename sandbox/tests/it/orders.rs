//! create_order per channel, payForSubmit, query_order, micropay, the pay
//! page and the admin API.

use serde_json::{json, Value};

use crate::common::*;

const N: &str = "http://127.0.0.1:9/notify";

fn channel(no: &str, ch: &str) -> Value {
    let p = with(create_params(no, 1234, N), "channelId", ch.into());
    with(p, "extra", Value::Null)
}

/// A pay link of a create_order answer: a string on the sandbox's pay page.
fn assert_link(v: &Value, pay_prefix: &str) {
    assert!(
        v.as_str().is_some_and(|u| u.starts_with(pay_prefix)),
        "{v} is not under {pay_prefix}"
    );
}

#[tokio::test]
async fn create_order_answers_per_channel() {
    let c = start().await;
    let pay_prefix = format!("{}/pay/", c.base);

    let r = c
        .v1("create_order", create_params("CH-NATIVE", 100, N))
        .await;
    ok(&r);
    let id = r["payOrderId"].as_str().unwrap();
    assert_eq!(r["codeUrl"], format!("{pay_prefix}{id}"));
    assert_eq!(r["mchOrderNo"], "CH-NATIVE");

    for ch in ["ALIPAY_QR", "UPI_QR"] {
        let r = c.v1("create_order", channel(&format!("CH-{ch}"), ch)).await;
        ok(&r);
        assert_link(&r["qr_code"], &pay_prefix);
    }
    let p = with(
        channel("CH-APC", "ALIPAY_PC"),
        "returnUrl",
        "https://m.example/back".into(),
    );
    let r = c.v1("create_order", p).await;
    ok(&r);
    assert_link(&r["retParams"]["alipayUrl"], &pay_prefix);
    // ALIPAY_WAP needs returnUrl and osType.
    let p = with(
        channel("CH-AWAP", "ALIPAY_WAP"),
        "returnUrl",
        "https://m.example/back".into(),
    );
    comm_err(&c.v1("create_order", p.clone()).await, "0014");
    let r = c.v1("create_order", with(p, "osType", "IOS".into())).await;
    ok(&r);
    // ALIPAY_PC without returnUrl is refused.
    comm_err(
        &c.v1("create_order", channel("CH-APC2", "ALIPAY_PC")).await,
        "0014",
    );

    let r = c.v1("create_order", channel("CH-SEQ", "UPI_SEQ")).await;
    ok(&r);
    assert_link(&r["retParams"]["unionpayUrl"], &pay_prefix);

    let mini = with(
        channel("CH-MINI", "WX_JSAPI"),
        "extra",
        r#"{"openId":"o2RvowBf7sOVJf8kJksUEMceaDqo","type":"minipay","appId":"wxabc"}"#.into(),
    );
    let r = c.v1("create_order", mini).await;
    ok(&r);
    let pp = &r["payParams"];
    for k in [
        "appId",
        "timeStamp",
        "nonceStr",
        "package",
        "signType",
        "paySign",
    ] {
        assert!(pp[k].as_str().is_some_and(|s| !s.is_empty()), "{k}: {r}");
    }
    assert_eq!(pp["appId"], "wxabc");
    // WX_APP needs its extra.
    comm_err(
        &c.v1("create_order", channel("CH-APP0", "WX_APP")).await,
        "0014",
    );
    let app = with(
        channel("CH-APP", "WX_APP"),
        "extra",
        r#"{"type":"apppay","appId":"wxapp"}"#.into(),
    );
    ok(&c.v1("create_order", app).await);
}

#[tokio::test]
async fn query_order_fields() {
    let c = start().await;
    let p = with(create_params("Q-1", 2865, N), "param2", "echo me".into());
    let id = c.v1("create_order", p).await["payOrderId"]
        .as_str()
        .unwrap()
        .to_owned();
    let r = c
        .v1("query_order", json!({"mchId": MCH, "mchOrderNo": "Q-1"}))
        .await;
    ok(&r);
    assert_eq!(r["payOrderId"], id.as_str());
    assert_eq!(r["status"], 0);
    assert_eq!(r["amount"], 2865);
    assert_eq!(r["currency"], "CAD");
    assert_eq!(r["channelId"], "WX_NATIVE");
    assert_eq!(r["param2"], "echo me");
    assert_eq!(r["notifyUrl"], N);
    assert!(r.get("paySuccTime").is_none());

    c.admin_post(&format!("/admin/orders/{id}/pay"), None).await;
    let r = c
        .v1("query_order", json!({"mchId": MCH, "payOrderId": id}))
        .await;
    ok(&r);
    assert!(r["status"] == 2 || r["status"] == 3, "{r}");
    assert!(r["paySuccTime"].as_i64().unwrap() > 1_600_000_000_000);
    assert!(r["channelOrderNo"].as_str().unwrap().starts_with("wx"));
}

#[tokio::test]
async fn micropay_nine_rule() {
    let c = start().await;
    let mp = |no: &str, code: &str| {
        let p = with(channel(no, "WX_MICROPAY"), "codeType", "barcode".into());
        with(p, "identityCode", code.into())
    };
    let r = c.v1("create_order", mp("MP-1", "134567890123456789")).await;
    ok(&r);
    assert_eq!(r["status"], 2, "paid at once: {r}");
    assert!(r["channelOrderNo"].is_string());
    let r = c.v1("create_order", mp("MP-2", "934567890123456789")).await;
    ok(&r);
    assert_eq!(r["status"], 1, "codes starting with 9 stay pending: {r}");
    // codeType / identityCode are required.
    comm_err(
        &c.v1("create_order", channel("MP-3", "WX_MICROPAY")).await,
        "0014",
    );
    let p = with(mp("MP-4", "1345"), "codeType", "qrcode".into());
    comm_err(&c.v1("create_order", p).await, "0014");
    // A paid micropay number cannot be reused.
    biz_err(
        &c.v1("create_order", mp("MP-1", "134567890123456789")).await,
        "0113",
    );
}

#[tokio::test]
async fn pay_for_submit_url_and_code_url() {
    let c = start().await;
    let p = json!({"mchId": MCH, "mchOrderNo": "PFS-1", "currency": "CNY", "channelId": "WX_JSAPI",
        "amount": 100, "clientIp": "1.2.3.4", "returnUrl": "https://m.example/ok", "notifyUrl": N,
        "subject": "s", "body": "b", "jobNo": LOGIN, "qrcode_pay": 1});
    let r = c.v1("payForSubmit", p.clone()).await;
    ok(&r);
    let url = r["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/pay/", c.base)));
    assert_eq!(r["code_url"], url);
    let r = c
        .v1(
            "payForSubmit",
            with(
                with(p.clone(), "mchOrderNo", "PFS-2".into()),
                "qrcode_pay",
                Value::Null,
            ),
        )
        .await;
    ok(&r);
    assert!(r.get("code_url").is_none());
    // returnUrl is required; channel is fixed.
    comm_err(
        &c.v1(
            "payForSubmit",
            with(
                with(p.clone(), "mchOrderNo", "PFS-3".into()),
                "returnUrl",
                Value::Null,
            ),
        )
        .await,
        "0014",
    );
    comm_err(
        &c.v1(
            "payForSubmit",
            with(
                with(p, "mchOrderNo", "PFS-4".into()),
                "channelId",
                "WX_NATIVE".into(),
            ),
        )
        .await,
        "0014",
    );
}

#[tokio::test]
async fn pay_page_has_forms_and_paying_redirects_to_return_url() {
    let c = start().await;
    let p = with(
        channel("PAGE-1", "ALIPAY_PC"),
        "returnUrl",
        "https://merchant.example/thanks".into(),
    );
    let p = with(p, "subject", "Blue <teapot> & cups".into());
    let r = c.v1("create_order", p).await;
    let url = r["retParams"]["alipayUrl"].as_str().unwrap().to_owned();
    let id = r["payOrderId"].as_str().unwrap().to_owned();

    let page = c.client.get(&url).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(page.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = page.text().await.unwrap();
    assert!(
        html.contains(&format!("<form method=\"post\" action=\"/pay/{id}/pay\">")),
        "{html}"
    );
    assert!(html.contains(&format!("action=\"/pay/{id}/cancel\"")));
    assert!(html.contains(">Pay</button>") && html.contains(">Cancel</button>"));
    assert!(html.contains("12.34 CAD"), "amount formatted from cents");
    assert!(
        html.contains("Blue &lt;teapot&gt; &amp; cups"),
        "escaped subject"
    );
    assert!(html.contains(MCH));

    let r = c.client.post(format!("{url}/pay")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303);
    assert_eq!(r.headers()["location"], "https://merchant.example/thanks");
    let o = c.order(&id).await;
    assert_eq!(o["status"], 2);
    assert!(o["paySuccTime"].as_i64().is_some());
    assert!(o["channelOrderNo"].is_string());

    // Without returnUrl: the sandbox's own "paid" page.
    let id2 = c.create("PAGE-2", 500, N).await;
    let r = c
        .client
        .post(c.url(&format!("/pay/{id2}/pay")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 303);
    let loc = r.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(loc, format!("/pay/{id2}/done"));
    let (_, done) = c.get_raw(&loc).await;
    assert!(done.contains("Payment complete") && done.contains("5.00 CAD"));
}

#[tokio::test]
async fn cancel_sets_status_9_and_blocks_paying() {
    let c = start().await;
    let id = c.create("CANCEL-1", 100, N).await;
    let r = c
        .client
        .post(c.url(&format!("/pay/{id}/cancel")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(c.order(&id).await["status"], 9);
    let r = c
        .client
        .post(c.url(&format!("/pay/{id}/pay")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 409);
    let (status, _) = c.admin_post(&format!("/admin/orders/{id}/pay"), None).await;
    assert_eq!(status, 409);
    let q = c
        .v1("query_order", json!({"mchId": MCH, "payOrderId": id}))
        .await;
    assert_eq!(q["status"], 9);
    // Unknown ids: 404 page.
    let r = c.client.get(c.url("/pay/P-nope")).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 404);
}

#[tokio::test]
async fn admin_api() {
    let c = start().await;
    let id = c.create("ADM-1", 100, N).await;
    let list = c.admin_get("/admin/orders?mchOrderNo=ADM-1").await;
    assert_eq!(list["orders"].as_array().unwrap().len(), 1);
    assert_eq!(list["orders"][0]["payOrderId"], id.as_str());
    let (s, o) = c
        .admin_post(&format!("/admin/orders/{id}/cancel"), None)
        .await;
    assert_eq!(s, 200);
    assert_eq!(o["status"], 9);
    let (s, _) = c.admin_post("/admin/orders/P404/pay", None).await;
    assert_eq!(s, 404);
    let m = c.admin_get("/admin/merchants").await;
    assert_eq!(m["merchants"][0]["mchId"], MCH);
    assert!(!m.to_string().contains(KEY), "keys never leave the sandbox");
    let (s, _) = c.admin_post("/admin/reset", None).await;
    assert_eq!(s, 200);
    let list = c.admin_get("/admin/orders").await;
    assert!(list["orders"].as_array().unwrap().is_empty());
    // The number is free again after a reset.
    c.create("ADM-1", 100, N).await;
}
