//! Payment notifications: v1 (§6, form-encoded, D19), Credit Card V3 (§15.13,
//! JSON order object) and autodebit contract callbacks (§13.4, JSON), re-sent
//! with exponential back-off until the reply body is `success` (D20).

use std::time::{Duration, Instant};

use serde_json::{Map, Value};
use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::faults::NotifyPlan;
use crate::store::{status, Family, NotificationAttempt, Order};
use crate::util::now_ms;
use crate::wire;

/// What is being notified.
#[derive(Debug, Clone)]
enum Subject {
    Order(String),
    Contract(String),
}

/// One prepared notification.
struct Message {
    id: String,
    kind: &'static str,
    url: String,
    content_type: &'static str,
    body: String,
}

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

fn build(app: &SharedApp, subject: &Subject) -> Option<Message> {
    let store = app.store();
    match subject {
        Subject::Order(id) => {
            let o = store.orders.get(id)?;
            let merchant = app.merchants.get(&o.mch_id)?;
            let url = o.notify_url.clone()?;
            match o.family {
                Some(Family::CcV3) => {
                    let obj = wire::signed(crate::cc_v3::order_object(o), Some(merchant));
                    Some(Message {
                        id: id.clone(),
                        kind: "v3",
                        url,
                        content_type: "application/json;charset=UTF-8",
                        body: Value::Object(obj).to_string(),
                    })
                }
                _ => {
                    let fields = v1_fields(o, &merchant.key);
                    let body = form_urlencoded::Serializer::new(String::new())
                        .extend_pairs(fields.iter())
                        .finish();
                    Some(Message {
                        id: id.clone(),
                        kind: "v1",
                        url,
                        content_type: "application/x-www-form-urlencoded",
                        body,
                    })
                }
            }
        }
        Subject::Contract(id) => {
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
                id: id.clone(),
                kind: "contract",
                url: c.notify_url.clone(),
                content_type: "application/json;charset=UTF-8",
                body: Value::Object(m).to_string(),
            })
        }
    }
}

/// D20 for v1: the body, trimmed, is exactly `success`. V3 and contract
/// callbacks also accept `SUCCESS` (the PHP SDK's reply).
fn acknowledged(kind: &str, body: &str) -> bool {
    let t = body.trim();
    match kind {
        "v1" => t == "success",
        _ => t.eq_ignore_ascii_case("success"),
    }
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
    spawn(app, Subject::Order(pay_order_id.to_owned()), plan)
}

/// Schedules a contract status callback.
pub fn notify_contract(app: &SharedApp, contract_id: &str, trigger: &str) {
    let plan = app.faults().plan_notify(trigger);
    let _ = spawn(app, Subject::Contract(contract_id.to_owned()), plan);
}

fn spawn(app: &SharedApp, subject: Subject, plan: NotifyPlan) -> Option<oneshot::Receiver<()>> {
    let (tx, rx) = if plan.before_response {
        let (tx, rx) = oneshot::channel();
        (Some(tx), Some(rx))
    } else {
        (None, None)
    };
    tokio::spawn(deliver(app.clone(), subject, plan, tx));
    rx
}

struct Sent {
    status: Option<u16>,
    body: Option<String>,
    error: Option<String>,
    ms: u64,
}

async fn send(app: &SharedApp, msg: &Message) -> Sent {
    let started = Instant::now();
    let result = app
        .http
        .post(&msg.url)
        .header("Content-Type", msg.content_type)
        .body(msg.body.clone())
        .send()
        .await;
    let (status, body, error) = match result {
        Ok(resp) => {
            let status = resp.status().as_u16();
            match resp.text().await {
                Ok(text) => (Some(status), Some(truncate(text, 2048)), None),
                Err(e) => (Some(status), None, Some(e.to_string())),
            }
        }
        Err(e) => (None, None, Some(error_text(&e))),
    };
    Sent {
        status,
        body,
        error,
        ms: u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
    }
}

fn error_text(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timeout".to_owned()
    } else if e.is_connect() {
        "connect error".to_owned()
    } else {
        e.to_string()
    }
}

fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

fn record(
    app: &SharedApp,
    msg: &Message,
    attempt: u32,
    copy: u32,
    sent: Option<&Sent>,
    outcome: &str,
) {
    let mut store = app.store();
    let entry = NotificationAttempt {
        seq: store.next_notification_seq(),
        pay_order_id: msg.id.clone(),
        kind: msg.kind.to_owned(),
        url: msg.url.clone(),
        attempt,
        copy,
        time: now_ms(),
        duration_ms: sent.map_or(0, |s| s.ms),
        status_code: sent.and_then(|s| s.status),
        response_body: sent.and_then(|s| s.body.clone()),
        error: sent.and_then(|s| s.error.clone()),
        outcome: outcome.to_owned(),
        content_type: msg.content_type.to_owned(),
        request_body: msg.body.clone(),
    };
    tracing::info!(
        target: "iotpay_sandbox::notify",
        id = %entry.pay_order_id,
        kind = %entry.kind,
        url = %entry.url,
        attempt,
        copy,
        status = entry.status_code.map(i64::from).unwrap_or(-1),
        outcome,
        error = entry.error.as_deref().unwrap_or(""),
        ms = entry.duration_ms,
        "notification attempt"
    );
    store.notifications.push(entry);
}

fn update_order(app: &SharedApp, subject: &Subject, f: impl FnOnce(&mut Order)) {
    if let Subject::Order(id) = subject {
        let mut store = app.store();
        if let Some(o) = store.orders.get_mut(id) {
            f(o);
        }
    }
}

async fn deliver(
    app: SharedApp,
    subject: Subject,
    plan: NotifyPlan,
    mut first_done: Option<oneshot::Sender<()>>,
) {
    let Some(msg) = build(&app, &subject) else {
        if let Some(tx) = first_done.take() {
            let _ = tx.send(());
        }
        return;
    };
    if plan.drop {
        record(&app, &msg, 0, 1, None, "dropped");
        update_order(&app, &subject, |o| o.notify.dropped = true);
        app.persist();
        if let Some(tx) = first_done.take() {
            let _ = tx.send(());
        }
        return;
    }
    let max = app.settings.notify_max_attempts;
    for attempt in 1..=max {
        let sent = send(&app, &msg).await;
        let ok = sent
            .body
            .as_deref()
            .is_some_and(|b| acknowledged(msg.kind, b));
        let outcome = if ok {
            "success"
        } else if attempt == max {
            "gave_up"
        } else {
            "retry"
        };
        record(&app, &msg, attempt, 1, Some(&sent), outcome);
        update_order(&app, &subject, |o| {
            o.notify.attempts = attempt;
            if ok {
                o.notify.delivered = true;
                if o.status == status::PAID {
                    o.status = status::NOTIFIED;
                }
            } else if attempt == max {
                o.notify.gave_up = true;
            }
        });
        app.persist();
        if let Some(tx) = first_done.take() {
            let _ = tx.send(());
        }
        if ok || attempt == max {
            break;
        }
        let factor = 1u64 << (attempt - 1).min(16);
        let wait = app.settings.notify_backoff_ms.saturating_mul(factor);
        tokio::time::sleep(Duration::from_millis(wait.min(600_000))).await;
    }
    for copy in 2..=plan.copies {
        let sent = send(&app, &msg).await;
        record(&app, &msg, 1, copy, Some(&sent), "copy");
    }
    if plan.copies > 1 {
        app.persist();
    }
}

/// For tests and the admin API: whether an order's status says it was paid.
pub fn is_paid(o: &Order) -> bool {
    status::is_paid(o.status)
}
