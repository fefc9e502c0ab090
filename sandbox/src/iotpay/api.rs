//! The request pipeline shared by every API endpoint: faults before, parsing,
//! merchant + signature checks, the endpoint's own processing, then signing
//! and faults after.

use axum::http::Method;
use axum::response::Response;
use serde_json::{Map, Value};
use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::config::Merchant;
use crate::faults::RequestPlan;
use crate::iotpay::wire::{self, Reply};
use crate::notifier;
use crate::request_faults;
use crate::respond::LogInfo;

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
    let (plan, mut info) = match request_faults::before_request(&app, endpoint).await {
        Ok(go_on) => go_on,
        Err(answer) => return answer,
    };
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
        return request_faults::process_later(app, &plan, ms, info, move |app, later| {
            process(app, &merchant, &params, later)
                .reply
                .outcome()
                .to_owned()
        })
        .await;
    }
    let processed = process(&app, &merchant, &params, &plan);
    notifier::await_first_attempt(&app, processed.wait).await;
    let mut reply = processed.reply;
    if let Reply::Ok(fields) = &mut reply {
        plan.reshape(fields);
    }
    finish(&app, dialect, &plan, reply, Some(&merchant), info).await
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
    if plan.bad_signature {
        // A well-formed signature made with the wrong key.
        let mut unsigned = body.clone();
        unsigned.remove("sign");
        let wrong = wire::sign_map(&unsigned, "not-the-merchant-key");
        body.insert("sign".into(), wrong.into());
    }
    let text = Value::Object(body).to_string();
    request_faults::answer(app, plan, info, text).await
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
