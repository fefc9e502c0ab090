//! Time-driven changes: sessions that reach `expiresAt` (their unpaid
//! transaction is closed, `C`) and refunds left pending by a fault (final
//! at `settle_at`). Run before every SUNBAY request and page, and by a
//! ticker, so that a webhook goes out even when nobody asks.

use crate::app::SharedApp;
use crate::store::sunbay::{tx_status, SunbayState};
use crate::sunbay::webhook;
use crate::util::now_ms;

/// Expires session `sid` at `at`. Its transaction, if still `I`, is closed;
/// the id of a transaction that changed is returned (it needs a webhook).
pub fn close_session(
    state: &mut SunbayState,
    sid: &str,
    at: i64,
    reason: Option<String>,
) -> Option<String> {
    let s = state.sessions.get_mut(sid)?;
    if s.expired_at.is_none() {
        s.expired_at = Some(at);
        s.expire_reason = reason;
    }
    let tx_id = s.transaction_id.clone()?;
    let t = state.transactions.get_mut(&tx_id)?;
    if t.status == tx_status::INITIAL {
        t.status = tx_status::CLOSED.to_owned();
        t.complete_time = Some(at);
        t.result_msg = Some("session expired".to_owned());
        return Some(tx_id);
    }
    None
}

/// The current session lifetime (admin override, else the flag).
pub fn session_ttl_ms(app: &SharedApp, state: &SunbayState) -> u64 {
    state
        .session_ttl_ms
        .unwrap_or(app.settings.sunbay_session_ttl_ms)
}

/// Applies every change whose time has come and sends their webhooks.
pub fn sweep(app: &SharedApp) {
    let now = now_ms();
    let mut changed: Vec<(String, &'static str)> = Vec::new();
    {
        let mut store = app.store();
        let st = &mut store.sunbay;
        let due: Vec<(String, i64)> = st
            .sessions
            .values()
            .filter(|s| s.expired_at.is_none() && s.expires_at <= now)
            .map(|s| (s.session_id.clone(), s.expires_at))
            .collect();
        for (sid, at) in due {
            if let Some(tx) = close_session(st, &sid, at, None) {
                changed.push((tx, "sunbay_expiry"));
            }
        }
        for t in st.transactions.values_mut() {
            let Some(at) = t.settle_at.filter(|at| *at <= now) else {
                continue;
            };
            t.status = t
                .final_status
                .take()
                .unwrap_or_else(|| tx_status::SUCCESS.to_owned());
            t.complete_time = Some(at);
            t.settle_at = None;
            changed.push((t.transaction_id.clone(), "sunbay_refund"));
        }
        // The S11 window: forget request ids older than ten minutes.
        let horizon = now - crate::sunbay::wire::REQUEST_ID_WINDOW_MS;
        st.client_request_ids.retain(|_, at| *at > horizon);
    }
    if changed.is_empty() {
        return;
    }
    app.persist();
    for (id, trigger) in changed {
        let _ = webhook::notify(app, &id, trigger);
    }
}
