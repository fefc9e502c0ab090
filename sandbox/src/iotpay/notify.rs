//! IOTPay notifications: v1 (§6, form-encoded, D19), Credit Card V3 (§15.13,
//! JSON order object) and autodebit contract callbacks (§13.4, JSON). The
//! bodies are built here; the shared notifier delivers them and re-sends
//! until the reply body is `success` (D20).

use serde_json::{Map, Value};
use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::iotpay::cc_order::order_object;
use crate::iotpay::wire;
use crate::notifier::{self, Message, ProgressFn};
use crate::store::iotpay::{status, Family, Order};

/// v1 notification fields (§6), all as strings, signed with the merchant key.
pub fn v1_fields(o: &Order, key: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            f.push((k.to_owned(), v));
        }
    };
    put("payOrderId", Some(o.pay_order_id.clone()));
    put("mchId", Some(o.mch_id.clone()));
    put("mchOrderNo", Some(o.mch_order_no.clone()));
    put("channelId", Some(o.channel_id.clone()));
    put("currency", Some(o.currency.clone()));
    put("amount", Some(o.amount.to_string()));
    put("status", Some(status::PAID.to_string()));
    put("clientIp", o.client_ip.clone());
    put("device", o.device.clone());
    put("subject", o.subject.clone());
    put("body", o.body.clone());
    put("channelOrderNo", o.channel_order_no.clone());
    put("param1", o.param1.clone());
    put("param2", o.param2.clone());
    put("paySuccTime", o.pay_succ_time.map(|t| t.to_string()));
    put("backType", Some("2".to_owned()));
    let sign =
        iotpay_core::sign::sign_str_pairs(f.iter().map(|(k, v)| (k.as_str(), v.as_str())), key);
    f.push(("sign".to_owned(), sign));
    f
}

/// D20 for v1: the body, trimmed, is exactly `success`.
fn v1_acknowledged(_status: u16, body: &str) -> bool {
    body.trim() == "success"
}

/// V3 and contract callbacks also accept `SUCCESS` (the PHP SDK's reply).
fn json_acknowledged(_status: u16, body: &str) -> bool {
    body.trim().eq_ignore_ascii_case("success")
}

/// Keeps the order's delivery state (and status 2 → 3 once delivered).
fn order_progress(id: String) -> ProgressFn {
    Box::new(move |app, p| {
        let mut store = app.store();
        let Some(o) = store.orders.get_mut(&id) else {
            return;
        };
        if p.record(&mut o.notify) && o.status == status::PAID {
            o.status = status::NOTIFIED;
        }
    })
}

fn order_message(app: &SharedApp, id: &str) -> Option<Message> {
    let store = app.store();
    let o = store.orders.get(id)?;
    let merchant = app.merchants.get(&o.mch_id)?;
    let url = o.notify_url.clone()?;
    let (kind, content_type, body, acknowledged): (_, _, _, fn(u16, &str) -> bool) = match o.family
    {
        Some(Family::CcV3) => {
            let obj = wire::signed(order_object(o), Some(merchant));
            (
                "v3",
                "application/json;charset=UTF-8",
                Value::Object(obj).to_string(),
                json_acknowledged,
            )
        }
        _ => {
            let fields = v1_fields(o, &merchant.key);
            let body = form_urlencoded::Serializer::new(String::new())
                .extend_pairs(fields.iter())
                .finish();
            (
                "v1",
                "application/x-www-form-urlencoded",
                body,
                v1_acknowledged,
            )
        }
    };
    Some(Message {
        id: id.to_owned(),
        kind,
        url,
        content_type,
        body,
        headers: None,
        acknowledged,
        on_progress: Some(order_progress(id.to_owned())),
    })
}

fn contract_message(app: &SharedApp, id: &str) -> Option<Message> {
    let store = app.store();
    let c = store.contracts.get(id)?;
    let merchant = app.merchants.get(&c.mch_id)?;
    let mut m = Map::new();
    m.insert(
        "iotpayContractId".into(),
        c.iotpay_contract_id.clone().into(),
    );
    m.insert("mchContractId".into(), c.mch_contract_id.clone().into());
    m.insert("status".into(), c.status.to_string().into());
    m.insert("signedAt".into(), c.signed_at.to_string().into());
    m.insert("cancelledAt".into(), c.cancelled_at.to_string().into());
    if let Some(v) = &c.contract_id {
        m.insert("contractId".into(), v.clone().into());
    }
    if let Some(v) = &c.open_id {
        m.insert("openId".into(), v.clone().into());
    }
    let m = wire::signed(m, Some(merchant));
    Some(Message {
        id: id.to_owned(),
        kind: "contract",
        url: c.notify_url.clone(),
        content_type: "application/json;charset=UTF-8",
        body: Value::Object(m).to_string(),
        headers: None,
        acknowledged: json_acknowledged,
        on_progress: None,
    })
}

/// Schedules the notification of a paid order. `trigger` names the endpoint
/// (or `pay_page` / `admin_pay`) for fault scoping. Returns a receiver that
/// resolves after the first attempt when the faults ask for the notification
/// to arrive before the synchronous answer.
pub fn notify_order(
    app: &SharedApp,
    pay_order_id: &str,
    trigger: &str,
) -> Option<oneshot::Receiver<()>> {
    let plan = app.faults().plan_notify(trigger);
    let msg = order_message(app, pay_order_id)?;
    notifier::spawn(app, msg, plan)
}

/// Schedules a contract status callback.
pub fn notify_contract(app: &SharedApp, contract_id: &str, trigger: &str) {
    let plan = app.faults().plan_notify(trigger);
    if let Some(msg) = contract_message(app, contract_id) {
        let _ = notifier::spawn(app, msg, plan);
    }
}

/// For tests and the admin API: whether an order's status says it was paid.
pub fn is_paid(o: &Order) -> bool {
    status::is_paid(o.status)
}
