//! The request pipeline of every SUNBAY endpoint: faults before, the header
//! checks (S10, S02, C01, S11), parsing, the endpoint's processing, then the
//! envelope and the faults after. Business errors are HTTP 200 with their
//! code (the SDKs read a non-2xx status as a transport error).

use axum::http::{HeaderMap, Method};
use axum::response::Response;
use serde_json::{Map, Value};
use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::faults::RequestPlan;
use crate::notifier;
use crate::request_faults;
use crate::respond::LogInfo;
use crate::sunbay::codes;
use crate::sunbay::lifecycle;
use crate::sunbay::wire::{self, Outcome, Refusal, Shape};
use crate::util::now_ms;

/// What an endpoint's processing produced.
pub struct Processed {
    pub outcome: Outcome,
    /// Resolved after the first webhook attempt (`notify_before_response`).
    pub wait: Option<oneshot::Receiver<()>>,
}

impl From<Outcome> for Processed {
    fn from(outcome: Outcome) -> Self {
        Processed {
            outcome,
            wait: None,
        }
    }
}

/// An endpoint's processing: the parsed body (or query) and the fault plan.
pub type ProcessFn = fn(&SharedApp, &Map<String, Value>, &RequestPlan) -> Processed;

/// One SUNBAY request, as axum hands it over.
pub struct Incoming {
    pub method: Method,
    pub headers: HeaderMap,
    pub query: Option<String>,
    pub body: axum::body::Bytes,
}

/// Records a POST's `X-Client-Request-Id`; `S11` when seen in the last ten minutes.
fn claim_request_id(app: &SharedApp, id: &str, now: i64) -> Result<(), Refusal> {
    let mut store = app.store();
    let seen = &mut store.sunbay.client_request_ids;
    match seen.get(id) {
        Some(at) if now - *at < wire::REQUEST_ID_WINDOW_MS => Err(Refusal::new(
            codes::DUPLICATE_REQUEST,
            "X-Client-Request-Id was already used",
        )),
        _ => {
            seen.insert(id.to_owned(), now);
            Ok(())
        }
    }
}

/// Runs one SUNBAY API request end to end.
pub async fn serve(
    app: SharedApp,
    endpoint: &'static str,
    req: Incoming,
    process: ProcessFn,
) -> Response {
    let (plan, mut info) = match request_faults::before_request(&app, endpoint).await {
        Ok(go_on) => go_on,
        Err(answer) => return answer,
    };
    lifecycle::sweep(&app);
    let now = now_ms();
    let trace_id = format!("TRACE{}", app.random_hex(24).to_uppercase());
    let request_id = match wire::check_headers(&app.sunbay, &req.headers, now) {
        Ok(id) => id,
        Err(r) => return finish(&app, &plan, Err(r), info, &trace_id).await,
    };
    info.mch_id = Some(app.sunbay.merchant_id.clone());
    if req.method == Method::POST {
        if let Err(r) = claim_request_id(&app, &request_id, now) {
            return finish(&app, &plan, Err(r), info, &trace_id).await;
        }
        app.persist();
    }
    if let Some(code) = &plan.sunbay_code {
        let r = Refusal::new(code, "");
        return finish(&app, &plan, Err(r), info, &trace_id).await;
    }
    let parsed = if req.method == Method::POST {
        wire::parse_body(&req.body)
    } else {
        Ok(wire::parse_query(req.query.as_deref()))
    };
    let params = match parsed {
        Ok(p) => p,
        Err(r) => return finish(&app, &plan, Err(r), info, &trace_id).await,
    };
    if let Some(ms) = plan.process_later_ms {
        return request_faults::process_later(app, &plan, ms, info, move |app, later| {
            process(app, &params, later)
                .outcome
                .map_or_else(|r| r.code, |_| "0".to_owned())
        })
        .await;
    }
    let processed = process(&app, &params, &plan);
    notifier::await_first_attempt(&app, processed.wait).await;
    finish(&app, &plan, processed.outcome, info, &trace_id).await
}

fn outcome_name(outcome: &Outcome) -> &'static str {
    match outcome {
        Ok(_) => "0",
        // LogInfo wants a &'static str: the codes the simulator knows.
        Err(r) => [
            "S01", "S02", "S03", "S04", "S05", "S06", "S07", "S08", "S09", "S10", "S11", "C01",
            "C02", "C03", "C04", "C05", "C06", "C07", "C08", "C09", "C10", "C17", "C26", "C27",
            "M01", "M02", "M04", "P01", "E01", "E02", "E03",
        ]
        .into_iter()
        .find(|c| *c == r.code)
        .unwrap_or("C"),
    }
}

/// Renders the envelope and applies the after-processing faults.
async fn finish(
    app: &SharedApp,
    plan: &RequestPlan,
    mut outcome: Outcome,
    mut info: LogInfo,
    trace_id: &str,
) -> Response {
    info.outcome = outcome_name(&outcome);
    if let Ok(data) = &mut outcome {
        let shape = Shape {
            amounts_as_strings: plan.amounts_as_strings,
            status_long_names: plan.status_long_names,
        };
        wire::reshape(data, shape, &plan.omit_fields);
    }
    let text = Value::Object(wire::envelope(&outcome, trace_id)).to_string();
    request_faults::answer(app, plan, info, text).await
}

/// One axum handler per SUNBAY endpoint, run through [`serve`].
macro_rules! endpoint {
    ($fn_name:ident, $name:literal, $process:path) => {
        pub async fn $fn_name(
            axum::extract::State(app): axum::extract::State<$crate::app::SharedApp>,
            method: axum::http::Method,
            uri: axum::http::Uri,
            headers: axum::http::HeaderMap,
            body: axum::body::Bytes,
        ) -> axum::response::Response {
            let req = $crate::sunbay::api::Incoming {
                method,
                headers,
                query: uri.query().map(str::to_owned),
                body,
            };
            $crate::sunbay::api::serve(app, $name, req, $process).await
        }
    };
}
pub(crate) use endpoint;
