//! What the shopper (hosted page) or the admin API does to a session:
//! open it (its transaction is created, `I`), pay (`S`), decline (`F`),
//! cancel (`C`), or leave it processing (`P`); and settling a processing
//! transaction. Each final state sends the webhook.

use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::store::sunbay::{tx_status, tx_type, Transaction};
use crate::sunbay::{lifecycle, webhook};
use crate::util::now_ms;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayError {
    NotFound,
    /// The session expired before the shopper acted.
    Expired,
    /// The transaction is already final (its status).
    Final(String),
}

/// What the shopper chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Pay,
    Decline,
    Cancel,
    /// Admin only: the bank has not answered yet.
    Processing,
}

/// The session's transaction, created (`I`) on first use. Refused once the
/// session expired.
pub fn open(app: &SharedApp, sid: &str) -> Result<Transaction, PayError> {
    lifecycle::sweep(app);
    let random = app.random_digits(6);
    let mut store = app.store();
    let now = now_ms();
    let st = &mut store.sunbay;
    let s = st.sessions.get(sid).ok_or(PayError::NotFound)?;
    if let Some(t) = s
        .transaction_id
        .as_ref()
        .and_then(|id| st.transactions.get(id))
    {
        return Ok(t.clone());
    }
    if s.expired_at.is_some() {
        return Err(PayError::Expired);
    }
    let s = s.clone();
    let id = store.next_id("TXN", &random);
    let t = Transaction {
        reference_order_id: Some(s.reference_order_id.clone()),
        description: Some(s.description.clone()),
        session_id: Some(s.session_id.clone()),
        payment_method: Some("CARD".to_owned()),
        notify_url: s.notify_url.clone(),
        ..Transaction::initial(
            id.clone(),
            s.transaction_request_id.clone(),
            tx_type::SALE,
            s.amount.clone(),
            now,
        )
    };
    let st = &mut store.sunbay;
    if let Some(sess) = st.sessions.get_mut(sid) {
        sess.transaction_id = Some(id.clone());
    }
    st.transactions.insert(id, t.clone());
    drop(store);
    app.persist();
    Ok(t)
}

/// Sets a non-final transaction's outcome (card details, codes, times).
pub fn settle(t: &mut Transaction, status: &str, auth: String, rrn: String, now: i64) {
    t.status = status.to_owned();
    match status {
        tx_status::SUCCESS => {
            if t.transaction_type == tx_type::SALE && t.masked_pan.is_none() {
                t.masked_pan = Some("424242****4242".to_owned());
            }
            if t.transaction_type == tx_type::SALE {
                t.auth_code.get_or_insert(auth);
                t.rrn.get_or_insert(rrn);
            }
            t.result_code = Some("00".to_owned());
            t.result_msg = Some("Approved".to_owned());
        }
        tx_status::FAIL => {
            t.result_code = Some("05".to_owned());
            t.result_msg = Some("Do not honor".to_owned());
        }
        tx_status::CLOSED => {
            t.result_msg = Some("closed by the shopper".to_owned());
        }
        _ => {}
    }
    if tx_status::is_final(status) {
        t.complete_time = Some(now);
    }
}

/// The shopper's (or the admin's) choice on session `sid`.
pub fn decide(
    app: &SharedApp,
    sid: &str,
    action: Action,
    trigger: &str,
) -> Result<(Transaction, Option<oneshot::Receiver<()>>), PayError> {
    let opened = open(app, sid)?;
    let expired = app
        .store()
        .sunbay
        .sessions
        .get(sid)
        .is_some_and(|s| s.expired_at.is_some());
    // An expired session refuses, unless the shopper had already decided
    // (paid or declined) before it expired.
    let decided = opened.status == tx_status::SUCCESS || opened.status == tx_status::FAIL;
    if expired && !decided {
        return Err(PayError::Expired);
    }
    if tx_status::is_final(&opened.status) {
        return Err(PayError::Final(opened.status));
    }
    let status = match action {
        Action::Pay => tx_status::SUCCESS,
        Action::Decline => tx_status::FAIL,
        Action::Cancel => tx_status::CLOSED,
        Action::Processing => tx_status::PROCESSING,
    };
    settle_transaction(app, &opened.transaction_id, status, trigger)
}

/// Moves a non-final transaction (`I` or `P`) to `status`; webhook when final.
pub fn settle_transaction(
    app: &SharedApp,
    id: &str,
    status: &str,
    trigger: &str,
) -> Result<(Transaction, Option<oneshot::Receiver<()>>), PayError> {
    let auth = app.random_digits(6);
    let rrn = app.random_digits(12);
    let t = {
        let mut store = app.store();
        let t = store
            .sunbay
            .transactions
            .get_mut(id)
            .ok_or(PayError::NotFound)?;
        if tx_status::is_final(&t.status) {
            return Err(PayError::Final(t.status.clone()));
        }
        t.settle_at = None;
        t.final_status = None;
        settle(t, status, auth, rrn, now_ms());
        t.clone()
    };
    app.persist();
    tracing::info!(
        target: "iotpay_sandbox::payment",
        transaction_id = %t.transaction_id,
        status = %t.status,
        trigger,
        "sunbay transaction"
    );
    let wait = if tx_status::is_final(status) {
        webhook::notify(app, id, trigger)
    } else {
        None
    };
    Ok((t, wait))
}
