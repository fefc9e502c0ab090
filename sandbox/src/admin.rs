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

/// Whether a record whose field is `value` passes the list filter `key` of
/// an admin query (no such parameter: every record does). The one rule of
/// every admin list, whichever provider's records it lists.
pub fn asked(q: &HashMap<String, String>, key: &str, value: Option<&str>) -> bool {
    q.get(key).is_none_or(|v| value == Some(v.as_str()))
}

/// The notification attempts of `kind` (every kind: `None`) whose subject
/// the query's `id_key` names, answered as `{ list_name: [...] }`: IOTPay's
/// notifications and SUNBAY's webhooks are listed alike.
pub fn attempts(
    app: &SharedApp,
    q: &HashMap<String, String>,
    kind: Option<&str>,
    id_key: &str,
    list_name: &str,
) -> Response {
    let store = app.store();
    let list: Vec<&NotificationAttempt> = store
        .notifications
        .iter()
        .filter(|n| kind.is_none_or(|k| n.kind == k))
        .filter(|n| asked(q, id_key, Some(&n.pay_order_id)))
        .collect();
    let mut answer = serde_json::Map::new();
    answer.insert(list_name.to_owned(), json!(list));
    Json(Value::Object(answer)).into_response()
}

/// `GET /admin/notifications?payOrderId=..`
pub async fn notifications(
    State(app): State<SharedApp>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    attempts(&app, &q, None, "payOrderId", "notifications")
}

/// `POST /admin/reset`: forgets every order, refund, card, contract and
/// notification, and restores the start-up fault rules.
pub async fn reset(State(app): State<SharedApp>) -> Response {
    app.store().clear();
    app.faults().reset();
    app.persist();
    Json(json!({ "ok": true })).into_response()
}

/// `GET /admin/requests`: how many requests each API endpoint received since
/// start-up, whatever their outcome (D58).
pub async fn requests(State(app): State<SharedApp>) -> Response {
    Json(json!({ "counts": app.request_counts() })).into_response()
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
