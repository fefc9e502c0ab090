//! SUNBAY admin routes (tests and people): sessions and transactions, paying
//! / declining / cancelling a session without a browser, settling a
//! processing transaction, expiring a session now, the webhooks sent (with
//! their headers), and the session lifetime. Never shows the API key or the
//! webhook secret.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::admin::{asked, attempts, error};
use crate::app::SharedApp;
use crate::store::sunbay::{tx_status, Session, SunbayState, Transaction};
use crate::sunbay::lifecycle::{self, session_ttl_ms};
use crate::sunbay::objects::transaction_data;
use crate::sunbay::payments::{self, Action, PayError};
use crate::util::now_ms;

fn session_view(st: &SunbayState, s: &Session) -> Value {
    let mut v = serde_json::to_value(s).unwrap_or(Value::Null);
    let tx = s
        .transaction_id
        .as_ref()
        .and_then(|id| st.transactions.get(id));
    let state = if tx.is_some_and(|t| t.status == tx_status::SUCCESS) {
        "PAID"
    } else if s.expired_at.is_some() {
        "EXPIRED"
    } else if tx.is_some_and(|t| tx_status::is_final(&t.status)) {
        "COMPLETE"
    } else {
        "OPEN"
    };
    if let Value::Object(m) = &mut v {
        m.insert("state".into(), state.into());
        m.insert(
            "transaction".into(),
            tx.map_or(Value::Null, |t| Value::Object(transaction_data(st, t))),
        );
    }
    v
}

/// `GET /admin/sunbay/sessions?referenceOrderId=..&transactionRequestId=..`
pub async fn sessions(
    State(app): State<SharedApp>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    lifecycle::sweep(&app);
    let store = app.store();
    let st = &store.sunbay;
    let list: Vec<Value> = st
        .sessions
        .values()
        .filter(|s| asked(&q, "referenceOrderId", Some(&s.reference_order_id)))
        .filter(|s| asked(&q, "transactionRequestId", Some(&s.transaction_request_id)))
        .map(|s| session_view(st, s))
        .collect();
    Json(json!({ "sessions": list })).into_response()
}

/// `GET /admin/sunbay/sessions/{sessionId}`
pub async fn get_session(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    lifecycle::sweep(&app);
    let store = app.store();
    match store.sunbay.sessions.get(&id) {
        Some(s) => Json(session_view(&store.sunbay, s)).into_response(),
        None => error(StatusCode::NOT_FOUND, format!("session {id} not found")),
    }
}

fn pay_error(e: PayError, id: &str) -> Response {
    match e {
        PayError::NotFound => error(StatusCode::NOT_FOUND, format!("{id} not found")),
        PayError::Expired => error(StatusCode::GONE, format!("session {id} expired")),
        PayError::Final(s) => error(
            StatusCode::CONFLICT,
            format!("the transaction is already final ({s})"),
        ),
    }
}

async fn session_action(app: SharedApp, id: String, action: Action) -> Response {
    match payments::decide(&app, &id, action, "sunbay_admin_pay") {
        Ok((_, wait)) => {
            crate::notifier::await_first_attempt(&app, wait).await;
            get_session(State(app), Path(id)).await
        }
        Err(e) => pay_error(e, &id),
    }
}

/// `POST /admin/sunbay/sessions/{id}/pay` (`S`), `/decline` (`F`),
/// `/cancel` (`C`), `/processing` (`P`, settled later).
pub async fn pay(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    session_action(app, id, Action::Pay).await
}

pub async fn decline(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    session_action(app, id, Action::Decline).await
}

pub async fn cancel(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    session_action(app, id, Action::Cancel).await
}

pub async fn processing(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    session_action(app, id, Action::Processing).await
}

/// `POST /admin/sunbay/sessions/{id}/open`: what opening the page does
/// (the transaction is created, `I`).
pub async fn open(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    match payments::open(&app, &id) {
        Ok(_) => get_session(State(app), Path(id)).await,
        Err(e) => pay_error(e, &id),
    }
}

/// `POST /admin/sunbay/sessions/{id}/expire`: the session's time is up now
/// (as if `expiresAt` had passed; not `expire-session`).
pub async fn expire(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    {
        let mut store = app.store();
        let Some(s) = store.sunbay.sessions.get_mut(&id) else {
            return error(StatusCode::NOT_FOUND, format!("session {id} not found"));
        };
        s.expires_at = s.expires_at.min(now_ms());
    }
    app.persist();
    lifecycle::sweep(&app);
    get_session(State(app), Path(id)).await
}

/// A transaction as the admin API shows it: its API view plus its webhook
/// record, in the list and on its own.
fn transaction_view(st: &SunbayState, t: &Transaction) -> Value {
    let mut v = Value::Object(transaction_data(st, t));
    v["webhook"] = serde_json::to_value(&t.webhook).unwrap_or(Value::Null);
    v
}

/// `GET /admin/sunbay/transactions?transactionRequestId=..&referenceOrderId=..&type=..`
pub async fn transactions(
    State(app): State<SharedApp>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    lifecycle::sweep(&app);
    let store = app.store();
    let st = &store.sunbay;
    let list: Vec<Value> = st
        .transactions
        .values()
        .filter(|t| asked(&q, "transactionRequestId", Some(&t.transaction_request_id)))
        .filter(|t| asked(&q, "referenceOrderId", t.reference_order_id.as_deref()))
        .filter(|t| asked(&q, "type", Some(&t.transaction_type)))
        .map(|t| transaction_view(st, t))
        .collect();
    Json(json!({ "transactions": list })).into_response()
}

/// `GET /admin/sunbay/transactions/{transactionId}`
pub async fn get_transaction(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    lifecycle::sweep(&app);
    let store = app.store();
    let st = &store.sunbay;
    match st.transactions.get(&id) {
        Some(t) => Json(transaction_view(st, t)).into_response(),
        None => error(StatusCode::NOT_FOUND, format!("transaction {id} not found")),
    }
}

/// `POST /admin/sunbay/transactions/{id}/settle` `{"status":"S"|"F"|"C"}`:
/// decides a processing (or initial) sale or refund.
pub async fn settle(State(app): State<SharedApp>, Path(id): Path<String>, body: Bytes) -> Response {
    let status = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v["status"].as_str().map(str::to_owned))
        .unwrap_or_else(|| tx_status::SUCCESS.to_owned());
    if !tx_status::is_final(&status) {
        return error(StatusCode::BAD_REQUEST, "status must be S, F or C");
    }
    match payments::settle_transaction(&app, &id, &status, "sunbay_admin_pay") {
        Ok((_, wait)) => {
            crate::notifier::await_first_attempt(&app, wait).await;
            get_transaction(State(app), Path(id)).await
        }
        Err(e) => pay_error(e, &id),
    }
}

/// `GET /admin/sunbay/webhooks?transactionId=..`: every webhook attempt,
/// with the body and the headers sent.
pub async fn webhooks(
    State(app): State<SharedApp>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    attempts(&app, &q, Some("sunbay"), "transactionId", "webhooks")
}

fn settings_view(app: &SharedApp) -> Value {
    let store = app.store();
    json!({
        "appId": app.sunbay.app_id,
        "merchantId": app.sunbay.merchant_id,
        "sessionTtlMs": session_ttl_ms(app, &store.sunbay),
    })
}

/// `GET /admin/sunbay/settings`
pub async fn get_settings(State(app): State<SharedApp>) -> Response {
    Json(settings_view(&app)).into_response()
}

/// `POST /admin/sunbay/settings` `{"sessionTtlMs": N}` (N ≥ 1; `null` = the
/// flag's value). Applies to sessions created afterwards; reset forgets it.
pub async fn set_settings(State(app): State<SharedApp>, body: Bytes) -> Response {
    let v: Value = match serde_json::from_slice(&body) {
        Ok(v @ Value::Object(_)) => v,
        _ => return error(StatusCode::BAD_REQUEST, "expected a JSON object"),
    };
    let ttl = match v.get("sessionTtlMs") {
        Some(Value::Null) => None,
        Some(n) => match n.as_u64().filter(|n| *n >= 1) {
            Some(n) => Some(n),
            None => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "sessionTtlMs must be an integer >= 1",
                )
            }
        },
        None => return error(StatusCode::BAD_REQUEST, "sessionTtlMs is required"),
    };
    app.store().sunbay.session_ttl_ms = ttl;
    app.persist();
    Json(settings_view(&app)).into_response()
}
