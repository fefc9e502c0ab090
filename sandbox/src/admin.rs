//! Admin API shared by every provider, for tests and people: read
//! notification attempts, reset, and set faults. Each provider adds its own
//! admin routes (`iotpay::admin`). Never exposes merchant keys.

use std::collections::HashMap;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::app::SharedApp;
use crate::faults::FaultRule;
use crate::store::NotificationAttempt;

/// A JSON error answer of the admin API.
pub fn error(code: StatusCode, msg: impl Into<String>) -> Response {
    (code, Json(json!({ "error": msg.into() }))).into_response()
}

/// `GET /admin/notifications?payOrderId=..`
pub async fn notifications(
    State(app): State<SharedApp>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let store = app.store();
    let list: Vec<&NotificationAttempt> = store
        .notifications
        .iter()
        .filter(|n| q.get("payOrderId").is_none_or(|v| &n.pay_order_id == v))
        .collect();
    Json(json!({ "notifications": list })).into_response()
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
