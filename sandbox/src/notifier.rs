//! Notification delivery shared by every provider: POST an already-built body
//! to a URL, record each attempt, and re-send with exponential back-off until
//! the provider's acknowledgement rule is met. What the body says and what
//! counts as an acknowledgement belong to the provider (`iotpay::notify`,
//! `sunbay::webhook`).

use std::time::{Duration, Instant};

use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::faults::NotifyPlan;
use crate::store::{Delivery, NotificationAttempt};
use crate::util::now_ms;

/// Headers computed for each attempt (e.g. a fresh timestamp and signature).
pub type HeaderFn = Box<dyn Fn() -> Vec<(String, String)> + Send + Sync>;

/// Told of each attempt's result (to update the provider's record).
pub type ProgressFn = Box<dyn Fn(&SharedApp, Progress) + Send + Sync>;

/// What the provider learns after each attempt (to update its record).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// A `notify_drop` fault: nothing was sent.
    Dropped,
    /// Attempt `attempt` was made; `delivered` when acknowledged, `gave_up`
    /// when it was the last one and was not.
    Attempt {
        attempt: u32,
        delivered: bool,
        gave_up: bool,
    },
}

impl Progress {
    /// Keeps `d` up to date, for IOTPay's notifications and SUNBAY's webhooks
    /// alike. Returns whether this attempt delivered the notification.
    pub fn record(self, d: &mut Delivery) -> bool {
        match self {
            Progress::Dropped => {
                d.dropped = true;
                false
            }
            Progress::Attempt {
                attempt,
                delivered,
                gave_up,
            } => {
                d.attempts = attempt;
                d.delivered |= delivered;
                d.gave_up |= gave_up;
                delivered
            }
        }
    }
}

/// One prepared notification.
pub struct Message {
    /// The subject's id, recorded with every attempt (`payOrderId` in the
    /// admin API's notification list).
    pub id: String,
    /// A short name of the notification's kind (`v1`, `v3`, `contract`, ...).
    pub kind: &'static str,
    pub url: String,
    pub content_type: &'static str,
    pub body: String,
    /// Extra headers, computed again for each attempt.
    pub headers: Option<HeaderFn>,
    /// Whether an answer (HTTP status, body) acknowledges the notification.
    pub acknowledged: fn(u16, &str) -> bool,
    /// Called after each attempt (and when the notification is dropped).
    pub on_progress: Option<ProgressFn>,
}

/// Schedules the delivery of `msg` under the notification faults `plan`.
/// Returns a receiver that resolves after the first attempt when the plan
/// asks for the notification to arrive before the synchronous answer.
pub fn spawn(app: &SharedApp, msg: Message, plan: NotifyPlan) -> Option<oneshot::Receiver<()>> {
    let (tx, rx) = if plan.before_response {
        let (tx, rx) = oneshot::channel();
        (Some(tx), Some(rx))
    } else {
        (None, None)
    };
    tokio::spawn(deliver(app.clone(), msg, plan, tx));
    rx
}

/// Holds the caller's answer until the first attempt of the notification
/// [`spawn`] returned `wait` for is done (`notify_before_response`), or
/// could no longer be: a second past the notification timeout. Every answer
/// that reports a payment (API, pay pages, admin API) waits the same way.
pub async fn await_first_attempt(app: &SharedApp, wait: Option<oneshot::Receiver<()>>) {
    if let Some(wait) = wait {
        let limit = Duration::from_millis(app.settings.notify_timeout_ms + 1000);
        let _ = tokio::time::timeout(limit, wait).await;
    }
}

struct Sent {
    headers: Vec<(String, String)>,
    status: Option<u16>,
    body: Option<String>,
    error: Option<String>,
    ms: u64,
}

async fn send(app: &SharedApp, msg: &Message) -> Sent {
    let started = Instant::now();
    let headers: Vec<(String, String)> = msg.headers.as_ref().map(|h| h()).unwrap_or_default();
    let mut req = app
        .http
        .post(&msg.url)
        .header("Content-Type", msg.content_type);
    for (k, v) in &headers {
        req = req.header(k, v);
    }
    let result = req.body(msg.body.clone()).send().await;
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
        headers,
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
        request_headers: sent
            .map(|s| s.headers.iter().cloned().collect())
            .unwrap_or_default(),
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

fn progress(app: &SharedApp, msg: &Message, p: Progress) {
    if let Some(f) = &msg.on_progress {
        f(app, p);
    }
}

async fn deliver(
    app: SharedApp,
    msg: Message,
    plan: NotifyPlan,
    mut first_done: Option<oneshot::Sender<()>>,
) {
    if plan.drop {
        record(&app, &msg, 0, 1, None, "dropped");
        progress(&app, &msg, Progress::Dropped);
        app.persist();
        if let Some(tx) = first_done.take() {
            let _ = tx.send(());
        }
        return;
    }
    if plan.delay_ms > 0 {
        tokio::time::sleep(Duration::from_millis(plan.delay_ms.min(600_000))).await;
    }
    let max = app.settings.notify_max_attempts;
    for attempt in 1..=max {
        let sent = send(&app, &msg).await;
        let ok = match (sent.status, sent.body.as_deref()) {
            (Some(status), Some(body)) => (msg.acknowledged)(status, body),
            _ => false,
        };
        let outcome = if ok {
            "success"
        } else if attempt == max {
            "gave_up"
        } else {
            "retry"
        };
        record(&app, &msg, attempt, 1, Some(&sent), outcome);
        progress(
            &app,
            &msg,
            Progress::Attempt {
                attempt,
                delivered: ok,
                gave_up: !ok && attempt == max,
            },
        );
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
