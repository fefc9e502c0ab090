//! The fault steps every provider's API pipeline runs around its own protocol:
//! the faults drawn before anything is read (latency, `http_status`,
//! `error_5xx`), the `process_later_ms` queueing and the faults after
//! processing (`hang`, `process_then_5xx`, `malformed_json`). They are shared
//! so that a fault means the same on IOTPay's and SUNBAY's endpoints; each
//! pipeline keeps only its envelope, authentication and error codes.

use std::time::Duration;

use axum::response::Response;

use crate::app::SharedApp;
use crate::faults::RequestPlan;
use crate::respond::{html_error, json_answer, with_info, LogInfo};

/// Draws the request's fault plan, waits out its latency and answers the
/// faults that stand for a request that never reached the provider
/// (`http_status`, `error_5xx`): `Err` holds that answer, nothing processed.
/// `Ok` holds the plan and the log fields the pipeline goes on with.
pub async fn before_request(
    app: &SharedApp,
    endpoint: &'static str,
) -> Result<(RequestPlan, LogInfo), Response> {
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
        // What a server answers for a path it does not serve: not the
        // provider's protocol at all, and nothing processed.
        info.outcome = "HTTP_STATUS";
        return Err(with_info(html_error(code), info));
    }
    if let Some(code) = plan.error_5xx {
        // Never reached the provider: nothing recorded.
        info.outcome = "HTTP_5XX";
        return Err(with_info(html_error(code), info));
    }
    Ok((plan, info))
}

/// `process_later_ms`: nothing is recorded now; the caller gets a 502 (or no
/// answer, with `hang`) and `process` runs `ms` later with the same plan minus
/// this fault, as if the gateway had queued the request. A resend in between
/// is processed at once, and the delayed run then finds it done (D17 returns
/// the first refund), so nothing is done twice. `process` returns the outcome
/// it logs.
pub async fn process_later<F>(
    app: SharedApp,
    plan: &RequestPlan,
    ms: u64,
    mut info: LogInfo,
    process: F,
) -> Response
where
    F: FnOnce(&SharedApp, &RequestPlan) -> String + Send + 'static,
{
    let later = RequestPlan {
        process_later_ms: None,
        ..plan.clone()
    };
    let task_app = app.clone();
    let endpoint = info.endpoint;
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(ms)).await;
        let outcome = process(&task_app, &later);
        tracing::info!(
            target: "iotpay_sandbox::fault",
            endpoint,
            outcome,
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

/// Sends a processed request's JSON answer `text` through the faults after
/// processing: `hang` (no answer, then 504), `process_then_5xx` (500), or
/// `malformed_json` (the text cut in half).
pub async fn answer(app: &SharedApp, plan: &RequestPlan, info: LogInfo, text: String) -> Response {
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
    with_info(json_answer(text, plan.malformed_json), info)
}
