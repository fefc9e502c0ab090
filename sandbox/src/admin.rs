//! Admin API for tests and people: inspect and drive orders, read
//! notification attempts, reset, and set faults. Never exposes merchant keys.

use std::collections::HashMap;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::app::SharedApp;
use crate::autodebit;
use crate::faults::FaultRule;
use crate::payments::{self, PayError};
use crate::store::{status, Order, Store};

fn error(code: StatusCode, msg: impl Into<String>) -> Response {
    (code, Json(json!({ "error": msg.into() }))).into_response()
}

/// An order as JSON, with its refunds and notification attempts.
pub fn order_view(store: &Store, o: &Order) -> Value {
    let mut v = serde_json::to_value(o).unwrap_or(Value::Null);
    let refunds: Vec<Value> = store
        .refunds
        .values()
        .filter(|r| r.pay_order_id == o.pay_order_id)
        .filter_map(|r| serde_json::to_value(r).ok())
        .collect();
    let v3_refunds: Vec<Value> = store
        .orders
        .values()
        .filter(|r| r.original_order_id.as_deref() == Some(o.pay_order_id.as_str()))
        .filter_map(|r| serde_json::to_value(r).ok())
        .collect();
    let notes: Vec<Value> = store
        .notifications
        .iter()
        .filter(|n| n.pay_order_id == o.pay_order_id)
        .filter_map(|n| serde_json::to_value(n).ok())
        .collect();
    if let Value::Object(m) = &mut v {
        let refunded: i64 = store.refunded_total(&o.pay_order_id) + o.refunded;
        m.insert("paid".into(), status::is_paid(o.status).into());
        m.insert("refundedAmount".into(), refunded.into());
        m.insert(
            "refunds".into(),
            Value::Array(refunds.into_iter().chain(v3_refunds).collect()),
        );
        m.insert("notifications".into(), Value::Array(notes));
    }
    v
}

/// `GET /admin/orders/{payOrderId}`
pub async fn get_order(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    let store = app.store();
    match store.orders.get(&id) {
        Some(o) => Json(order_view(&store, o)).into_response(),
        None => error(StatusCode::NOT_FOUND, format!("order {id} not found")),
    }
}

/// `GET /admin/orders?mchOrderNo=..&mchId=..&status=..`
pub async fn list_orders(
    State(app): State<SharedApp>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let store = app.store();
    let orders: Vec<Value> = store
        .orders
        .values()
        .filter(|o| q.get("mchOrderNo").is_none_or(|v| &o.mch_order_no == v))
        .filter(|o| q.get("mchId").is_none_or(|v| &o.mch_id == v))
        .filter(|o| q.get("status").is_none_or(|v| o.status.to_string() == *v))
        .map(|o| order_view(&store, o))
        .collect();
    Json(json!({ "orders": orders })).into_response()
}

async fn after_pay(
    app: &SharedApp,
    id: &str,
    wait: Option<tokio::sync::oneshot::Receiver<()>>,
) -> Response {
    if let Some(w) = wait {
        let limit = Duration::from_millis(app.settings.notify_timeout_ms + 1000);
        let _ = tokio::time::timeout(limit, w).await;
    }
    let store = app.store();
    match store.orders.get(id) {
        Some(o) => Json(order_view(&store, o)).into_response(),
        None => error(StatusCode::NOT_FOUND, format!("order {id} not found")),
    }
}

fn pay_error(e: PayError, id: &str) -> Response {
    match e {
        PayError::NotFound => error(StatusCode::NOT_FOUND, format!("order {id} not found")),
        PayError::Conflict(m) => error(StatusCode::CONFLICT, m),
    }
}

/// `POST /admin/orders/{payOrderId}/pay`
pub async fn pay_order(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    match payments::pay(&app, &id, "admin_pay") {
        Ok((_, wait)) => after_pay(&app, &id, wait).await,
        Err(e) => pay_error(e, &id),
    }
}

/// `POST /admin/orders/{payOrderId}/cancel`
pub async fn cancel_order(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    match payments::cancel(&app, &id) {
        Ok(_) => after_pay(&app, &id, None).await,
        Err(e) => pay_error(e, &id),
    }
}

/// `GET /admin/notifications?payOrderId=..`
pub async fn notifications(
    State(app): State<SharedApp>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let store = app.store();
    let list: Vec<&crate::store::NotificationAttempt> = store
        .notifications
        .iter()
        .filter(|n| q.get("payOrderId").is_none_or(|v| &n.pay_order_id == v))
        .collect();
    Json(json!({ "notifications": list })).into_response()
}

/// `GET /admin/refunds`
pub async fn refunds(State(app): State<SharedApp>) -> Response {
    let store = app.store();
    let list: Vec<&crate::store::Refund> = store.refunds.values().collect();
    Json(json!({ "refunds": list })).into_response()
}

/// `GET /admin/contracts`
pub async fn contracts(State(app): State<SharedApp>) -> Response {
    let store = app.store();
    let list: Vec<&crate::store::Contract> = store.contracts.values().collect();
    Json(json!({ "contracts": list })).into_response()
}

/// `POST /admin/contracts/{iotpayContractId}/sign` and `/terminate`
pub async fn contract_sign(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    contract_set(&app, &id, 2)
}

pub async fn contract_terminate(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    contract_set(&app, &id, 9)
}

fn contract_set(app: &SharedApp, id: &str, s: i64) -> Response {
    match autodebit::set_contract_status(app, id, s, "admin_pay") {
        Ok(c) => Json(c).into_response(),
        Err(m) if m.contains("not found") => error(StatusCode::NOT_FOUND, m),
        Err(m) => error(StatusCode::CONFLICT, m),
    }
}

/// `GET /admin/merchants` (ids and login names only).
pub async fn merchants(State(app): State<SharedApp>) -> Response {
    let list: Vec<Value> = app
        .merchants
        .ids()
        .filter_map(|id| app.merchants.get(id))
        .map(|m| json!({ "mchId": m.mch_id, "loginName": m.login_name, "name": m.display_name() }))
        .collect();
    Json(json!({ "merchants": list })).into_response()
}

/// `POST /admin/reset`: forgets every order, refund, card, contract and
/// notification, and restores the start-up fault rules.
pub async fn reset(State(app): State<SharedApp>) -> Response {
    app.store().clear();
    app.faults().reset();
    app.persist();
    Json(json!({ "ok": true })).into_response()
}

/// `GET /admin/faults`
pub async fn get_faults(State(app): State<SharedApp>) -> Response {
    Json(json!({ "rules": app.faults().list() })).into_response()
}

/// `POST /admin/faults`: one rule object or an array of rules, appended.
pub async fn add_faults(State(app): State<SharedApp>, body: Bytes) -> Response {
    let parsed: Result<Value, _> = serde_json::from_slice(&body);
    let rules: Vec<FaultRule> = match parsed {
        Ok(Value::Array(items)) => {
            match items
                .into_iter()
                .map(serde_json::from_value)
                .collect::<Result<Vec<FaultRule>, _>>()
            {
                Ok(r) => r,
                Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
            }
        }
        Ok(v @ Value::Object(_)) => match serde_json::from_value(v) {
            Ok(r) => vec![r],
            Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
        },
        Ok(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "expected a rule object or an array",
            )
        }
        Err(e) => return error(StatusCode::BAD_REQUEST, e.to_string()),
    };
    let mut f = app.faults();
    for r in &rules {
        if let Err(e) = r.validate() {
            return error(StatusCode::BAD_REQUEST, e);
        }
    }
    for r in rules {
        if let Err(e) = f.add(r) {
            return error(StatusCode::BAD_REQUEST, e);
        }
    }
    Json(json!({ "rules": f.list() })).into_response()
}

/// `DELETE /admin/faults`: clears every rule (start-up rules included).
pub async fn clear_faults(State(app): State<SharedApp>) -> Response {
    app.faults().clear();
    Json(json!({ "rules": [] })).into_response()
}
