//! Notifications (§6, D19, D20): form-encoded, signed, backType 2, retried
//! with back-off until the body is exactly `success`, then status 3.

use std::collections::HashSet;

use serde_json::Value;

use crate::common::*;

#[tokio::test]
async fn retries_until_success_then_status_3() {
    let c = start().await;
    let rx = receiver(&["fail", "FAIL", " success\n"]).await;
    let id = c.create_paid("NT-1", 2865, &rx.url).await;
    let got = rx.wait_count(3, 10).await;
    let o = c.wait_order(&id, 5, |o| o["status"] == 3).await;
    assert_eq!(o["notify"]["attempts"], 3);
    assert_eq!(o["notify"]["delivered"], true);

    // Form-encoded, signed, and the §6 fields.
    let n = &got[0];
    assert_eq!(n.content_type, "application/x-www-form-urlencoded");
    let pairs = form_pairs(&n.body);
    let keys: HashSet<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(keys.len(), pairs.len(), "no field twice");
    assert_eq!(get(&pairs, "payOrderId"), Some(id.as_str()));
    assert_eq!(get(&pairs, "mchId"), Some(MCH));
    assert_eq!(get(&pairs, "mchOrderNo"), Some("NT-1"));
    assert_eq!(get(&pairs, "amount"), Some("2865"));
    assert_eq!(get(&pairs, "currency"), Some("CAD"));
    assert_eq!(get(&pairs, "status"), Some("2"));
    assert_eq!(get(&pairs, "backType"), Some("2"));
    assert_eq!(get(&pairs, "channelId"), Some("WX_NATIVE"));
    assert!(get(&pairs, "paySuccTime").unwrap().parse::<i64>().is_ok());
    assert!(get(&pairs, "channelOrderNo").is_some());
    assert!(iotpay_core::sign::verify_str_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        KEY
    ));
    // Back-off grows: the second gap is longer than the first.
    let gap1 = got[1].at - got[0].at;
    let gap2 = got[2].at - got[1].at;
    assert!(gap2 > gap1, "{gap1:?} then {gap2:?}");

    // Every attempt is recorded.
    let all = c
        .admin_get(&format!("/admin/notifications?payOrderId={id}"))
        .await;
    let list = all["notifications"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    let outcomes: Vec<&str> = list
        .iter()
        .map(|n| n["outcome"].as_str().unwrap())
        .collect();
    assert_eq!(outcomes, ["retry", "retry", "success"]);
    for n in list {
        assert_eq!(n["url"], rx.url.as_str());
        assert_eq!(n["statusCode"], 200);
        assert!(n["time"].as_i64().is_some());
        assert!(n["requestBody"].as_str().unwrap().contains("backType=2"));
    }
    assert_eq!(list[0]["responseBody"], "fail");
    // Exactly once more is not sent after success.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(rx.count(), 3);
}

#[tokio::test]
async fn gives_up_after_max_attempts() {
    let c = start().await; // notify_max_attempts = 5
    let rx = receiver(&["nope"]).await;
    let id = c.create_paid("NT-2", 100, &rx.url).await;
    rx.wait_count(5, 10).await;
    let o = c
        .wait_order(&id, 5, |o| o["notify"]["gaveUp"] == true)
        .await;
    assert_eq!(o["status"], 2, "not notified: stays 2");
    let list = o["notifications"].as_array().unwrap();
    assert_eq!(list.last().unwrap()["outcome"], "gave_up");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(rx.count(), 5);
}

#[tokio::test]
async fn pay_for_submit_notification_carries_mch_order_no_in_param1() {
    let c = start().await;
    let rx = receiver(&["success"]).await;
    let p = serde_json::json!({"mchId": MCH, "mchOrderNo": "NT-PFS", "currency": "CAD", "channelId": "WX_JSAPI",
        "amount": 100, "clientIp": "1.2.3.4", "returnUrl": "https://m.example/ok", "notifyUrl": rx.url,
        "subject": "s", "body": "b", "jobNo": LOGIN});
    let r = c.v1("payForSubmit", p).await;
    let id = r["payOrderId"].as_str().unwrap();
    c.admin_post(&format!("/admin/orders/{id}/pay"), None).await;
    let got = rx.wait_count(1, 5).await;
    let pairs = form_pairs(&got[0].body);
    assert_eq!(get(&pairs, "param1"), Some("NT-PFS"));
    assert_eq!(get(&pairs, "channelId"), Some("WX_JSAPI"));
    let _: Value = c.wait_order(id, 5, |o| o["status"] == 3).await;
}
