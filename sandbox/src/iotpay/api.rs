//! The request pipeline shared by every API endpoint: faults before, parsing,
//! merchant + signature checks, the endpoint's own processing, then signing
//! and faults after.

use std::time::Duration;

use axum::http::Method;
use axum::response::Response;
use serde_json::{Map, Value};
use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::config::Merchant;
use crate::faults::RequestPlan;
use crate::iotpay::wire::{self, Reply};
use crate::respond::{html_error, json_answer, with_info, LogInfo};

/// Which family's envelope to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// `params=` form body; `retCode`/`resCode`/`errCode` answer (v1, Autodebit).
    Form,
    /// Raw JSON body; `retCode`/`retMsg`/`retData` answer (Credit Card V3).
    Json,
}

/// What an endpoint's processing produced.
pub struct Processed {
    pub reply: Reply,
    /// Resolved once the first notification attempt is done, when a
    /// `notify_before_response` fault asks for the notification to go first.
    pub wait: Option<oneshot::Receiver<()>>,
}

impl From<Reply> for Processed {
    fn from(reply: Reply) -> Self {
        Processed { reply, wait: None }
    }
}

/// An endpoint's processing. It sees the request's fault plan for the faults
/// that change what is recorded (refund_order's `refund_pending_ms`, ...).
pub type ProcessFn = fn(&SharedApp, &Merchant, &Map<String, Value>, &RequestPlan) -> Processed;

/// Runs one API request end to end.
pub async fn serve(
    app: SharedApp,
    endpoint: &'static str,
    dialect: Dialect,
    method: Method,
    body: &[u8],
    process: ProcessFn,
) -> Response {
    app.count_request(endpoint);
    let plan = app.faults().plan_request(endpoint);
    if plan.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.latency_ms)).await;
    }
    let mut info = LogInfo {
        endpoint,
        fault: plan.describe(),
        ..LogInfo::default()
    };
    if let Some(code) = plan.http_status {
        // What a server answers for a path it does not serve: not IOTPay's
        // protocol at all, and nothing processed.
        info.outcome = "HTTP_STATUS";
        return with_info(html_error(code), info);
    }
    if let Some(code) = plan.error_5xx {
        info.outcome = "HTTP_5XX";
        return with_info(html_error(code), info);
    }
    if let Some(code) = plan.error_code.filter(|c| wire::is_comm_code(c)) {
        // A communication error is answered before the request is read, and
        // unsigned like every other `0011`–`0015`.
        return finish(&app, dialect, &plan, Reply::for_code(code), None, info).await;
    }
    let parsed = match dialect {
        Dialect::Form => wire::parse_params(&method, body),
        Dialect::Json => wire::parse_json_body(&method, body),
    };
    let params = match parsed {
        Ok(p) => p,
        Err(reply) => return finish(&app, dialect, &plan, reply, None, info).await,
    };
    let merchant = match wire::authenticate(&app.merchants, &params) {
        Ok(m) => m,
        Err(e) => {
            let (reply, merchant) = *e;
            info.mch_id = merchant.as_ref().map(|m| m.mch_id.clone());
            // A request whose signature failed did not prove it holds the key:
            // its `0013` answer is not signed, so a caller with a wrong key
            // reads the gateway code instead of a signature mismatch.
            return finish(&app, dialect, &plan, reply, None, info).await;
        }
    };
    info.mch_id = Some(merchant.mch_id.clone());
    if let Some(code) = plan.error_code {
        // A business error, signed for the authenticated merchant; the
        // request is not processed.
        return finish(
            &app,
            dialect,
            &plan,
            Reply::for_code(code),
            Some(&merchant),
            info,
        )
        .await;
    }
    if let Some(ms) = plan.process_later_ms {
        return process_later(app, merchant, params, plan, process, ms, info).await;
    }
    let processed = process(&app, &merchant, &params, &plan);
    if let Some(wait) = processed.wait {
        let limit = Duration::from_millis(app.settings.notify_timeout_ms + 1000);
        let _ = tokio::time::timeout(limit, wait).await;
    }
    let mut reply = processed.reply;
    if let Reply::Ok(fields) = &mut reply {
        plan.reshape(fields);
    }
    finish(&app, dialect, &plan, reply, Some(&merchant), info).await
}

/// `process_later_ms`: nothing is recorded now; the caller gets a 502 (or no
/// answer, with `hang`) and the same request is processed `ms` later, as if
/// the gateway had queued it. A resend in between is processed at once, and
/// the delayed run then finds it done (D17 returns the first refund), so
/// nothing is refunded twice.
async fn process_later(
    app: SharedApp,
    merchant: Merchant,
    params: Map<String, Value>,
    plan: RequestPlan,
    process: ProcessFn,
    ms: u64,
    mut info: LogInfo,
) -> Response {
    let later = RequestPlan {
        process_later_ms: None,
        ..plan.clone()
    };
    let task_app = app.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        let done = process(&task_app, &merchant, &params, &later);
        tracing::info!(
            target: "iotpay_sandbox::fault",
            endpoint = info.endpoint,
            outcome = done.reply.outcome(),
            "delayed request processed"
        );
    });
    info.outcome = "PROCESS_LATER";
    if plan.hang {
        tokio::time::sleep(Duration::from_millis(app.settings.hang_max_ms)).await;
        return with_info(html_error(504), info);
    }
    with_info(html_error(502), info)
}

/// Serialises, signs and applies the after-processing faults.
async fn finish(
    app: &SharedApp,
    dialect: Dialect,
    plan: &RequestPlan,
    reply: Reply,
    merchant: Option<&Merchant>,
    mut info: LogInfo,
) -> Response {
    info.outcome = reply.outcome();
    let body = match dialect {
        Dialect::Form => wire::v1_body(&reply),
        Dialect::Json => wire::v3_body(&reply),
    };
    let mut body = wire::signed(body, merchant);
    if plan.hang {
        tracing::info!(
            target: "iotpay_sandbox::fault",
            endpoint = info.endpoint,
            outcome = info.outcome,
            hang_ms = app.settings.hang_max_ms,
            "request processed; hanging without an answer"
        );
        tokio::time::sleep(Duration::from_millis(app.settings.hang_max_ms)).await;
        return with_info(html_error(504), info);
    }
    if plan.process_then_5xx {
        return with_info(html_error(500), info);
    }
    if plan.bad_signature {
        // A well-formed signature made with the wrong key.
        let mut unsigned = body.clone();
        unsigned.remove("sign");
        let wrong = wire::sign_map(&unsigned, "not-the-merchant-key");
        body.insert("sign".into(), wrong.into());
    }
    let text = Value::Object(body).to_string();
    with_info(json_answer(text, plan.malformed_json), info)
}

/// One axum handler per endpoint: the raw body goes through [`serve`] in the
/// family's dialect. The call site must have `State`, `SharedApp`, `Method`,
/// `Bytes` and `Response` in scope.
macro_rules! endpoint {
    // `$process(app, merchant, params)`: processing that no fault changes.
    ($fn_name:ident, $name:literal, $dialect:expr, $process:path) => {
        pub async fn $fn_name(
            State(app): State<SharedApp>,
            method: Method,
            body: Bytes,
        ) -> Response {
            $crate::iotpay::api::serve(app, $name, $dialect, method, &body, |a, m, p, _| {
                $process(a, m, p)
            })
            .await
        }
    };
    // `$process(app, merchant, params, plan)`: processing that reads the plan.
    ($fn_name:ident, $name:literal, $dialect:expr, planned $process:path) => {
        pub async fn $fn_name(
            State(app): State<SharedApp>,
            method: Method,
            body: Bytes,
        ) -> Response {
            $crate::iotpay::api::serve(app, $name, $dialect, method, &body, $process).await
        }
    };
}
pub(crate) use endpoint;

/// Turns a refusal into the answer it stands for.
pub fn run(f: impl FnOnce() -> Result<Processed, Reply>) -> Processed {
    f().unwrap_or_else(Processed::from)
}
