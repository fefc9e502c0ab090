//! IOTPay admin routes: inspect and drive orders, refunds and contracts,
//! list merchants. Never exposes merchant keys.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::admin::error;
use crate::app::SharedApp;
use crate::iotpay::autodebit;
use crate::iotpay::payments::{self, PayError};
use crate::store::iotpay::{status, Contract, Order, Refund};
use crate::store::Store;

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
    crate::notifier::await_first_attempt(app, wait).await;
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

/// `GET /admin/refunds`
pub async fn refunds(State(app): State<SharedApp>) -> Response {
    let store = app.store();
    let list: Vec<&Refund> = store.refunds.values().collect();
    Json(json!({ "refunds": list })).into_response()
}

/// `GET /admin/contracts`
pub async fn contracts(State(app): State<SharedApp>) -> Response {
    let store = app.store();
    let list: Vec<&Contract> = store.contracts.values().collect();
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
