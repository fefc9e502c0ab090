//! `POST /v1/checkout/create-session`, `/v1/checkout/expire-session` (D45)
//! and `/v1/checkout/sale` (wallet payments decided at once).

use serde_json::{Map, Value};

use crate::app::SharedApp;
use crate::faults::RequestPlan;
use crate::store::sunbay::{tx_status, tx_type, RequestUse, Session, Transaction};
use crate::sunbay::api::{endpoint, Processed};
use crate::sunbay::codes;
use crate::sunbay::lifecycle::{close_session, session_ttl_ms};
use crate::sunbay::objects::transaction_data;
use crate::sunbay::payments::settle;
use crate::sunbay::webhook;
use crate::sunbay::wire::{self, Fields, Outcome, Refusal};
use crate::util::{iso8601, now_ms};

endpoint!(
    create_session,
    "sunbay_create_session",
    process_create_session
);
endpoint!(
    expire_session,
    "sunbay_expire_session",
    process_expire_session
);
endpoint!(sale, "sunbay_sale", process_sale);

/// The hosted page of a session.
pub fn checkout_url(app: &SharedApp, session_id: &str) -> String {
    format!("{}/sunbay/checkout/{session_id}", app.public_url())
}

fn session_data(app: &SharedApp, s: &Session) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("sessionId".into(), s.session_id.clone().into());
    m.insert(
        "checkoutUrl".into(),
        checkout_url(app, &s.session_id).into(),
    );
    m.insert("expiresAt".into(), iso8601(s.expires_at).into());
    m.insert(
        "transactionRequestId".into(),
        s.transaction_request_id.clone().into(),
    );
    m.insert(
        "referenceOrderId".into(),
        s.reference_order_id.clone().into(),
    );
    m
}

fn duplicate(used: &RequestUse) -> Refusal {
    let what = match used {
        RequestUse::Session(_) => "a checkout session",
        RequestUse::Sale(_) => "a sale",
        RequestUse::Refund(_) => "a refund",
    };
    Refusal::new(
        codes::DUPLICATE_SERIAL,
        format!("transactionRequestId was already used by {what}"),
    )
}

fn do_create_session(app: &SharedApp, p: &Map<String, Value>) -> Outcome {
    let f = Fields::new(p);
    f.account(&app.sunbay)?;
    let request_id = f.request_id("transactionRequestId")?;
    let reference = f.reference_order_id()?;
    let amount = wire::online_amount(&f)?;
    let description = f.req("description", 128)?;
    let product_list = wire::product_list(&f, amount.order_amount)?;
    let notify_url = f.opt_url("notifyUrl")?;
    let return_url = f.opt_url("merchantReturnUrl")?;
    let billing = f.opt_bool("collectBillingAddress")?;
    let shipping = f.opt_bool("collectShippingAddress")?;
    let random = app.random_digits(6);
    let session = {
        let mut store = app.store();
        match store.sunbay.request_ids.get(&request_id).cloned() {
            // §5: the same transactionRequestId returns the first result.
            Some(RequestUse::Session(sid)) => {
                let s = store.sunbay.sessions.get(&sid).cloned();
                drop(store);
                return s
                    .map(|s| session_data(app, &s))
                    .ok_or_else(|| Refusal::new(codes::NOT_FOUND, "session"));
            }
            Some(other) => return Err(duplicate(&other)),
            None => {}
        }
        let now = now_ms();
        let ttl = i64::try_from(session_ttl_ms(app, &store.sunbay)).unwrap_or(i64::MAX);
        let id = store.next_id("CS", &random);
        let s = Session {
            session_id: id.clone(),
            transaction_request_id: request_id.clone(),
            reference_order_id: reference,
            description,
            amount,
            product_list,
            notify_url,
            merchant_return_url: return_url,
            collect_billing_address: billing,
            collect_shipping_address: shipping,
            created_at: now,
            expires_at: now.saturating_add(ttl),
            expired_at: None,
            expire_reason: None,
            transaction_id: None,
        };
        store.sunbay.sessions.insert(id.clone(), s.clone());
        store
            .sunbay
            .request_ids
            .insert(request_id, RequestUse::Session(id));
        s
    };
    app.persist();
    Ok(session_data(app, &session))
}

pub fn process_create_session(
    app: &SharedApp,
    p: &Map<String, Value>,
    _plan: &RequestPlan,
) -> Processed {
    do_create_session(app, p).into()
}

/// D45: a paid (or paying) session is refused (`C10`); otherwise the session
/// is `EXPIRED`, with its transaction id when one was created (an unpaid one
/// is closed). Expiring an expired session answers the same again.
pub fn process_expire_session(
    app: &SharedApp,
    p: &Map<String, Value>,
    _plan: &RequestPlan,
) -> Processed {
    let f = Fields::new(p);
    let result = (|| {
        f.account(&app.sunbay)?;
        let sid = f.req("sessionId", 64)?;
        let reason = f.opt("reason", 256)?;
        let mut store = app.store();
        let st = &mut store.sunbay;
        let s = st
            .sessions
            .get(&sid)
            .ok_or_else(|| Refusal::new(codes::NOT_FOUND, "no such session"))?;
        let tx = s
            .transaction_id
            .as_ref()
            .and_then(|id| st.transactions.get(id));
        match tx.map(|t| t.status.as_str()) {
            Some(tx_status::SUCCESS) => {
                return Err(Refusal::new(
                    codes::STATUS_NOT_ALLOWED,
                    "the session is paid",
                ))
            }
            Some(tx_status::PROCESSING) => {
                return Err(Refusal::new(
                    codes::STATUS_NOT_ALLOWED,
                    "a payment of the session is in progress",
                ))
            }
            _ => {}
        }
        let closed = close_session(st, &sid, now_ms(), reason);
        let s = st
            .sessions
            .get(&sid)
            .cloned()
            .ok_or_else(|| Refusal::new(codes::NOT_FOUND, "no such session"))?;
        drop(store);
        let mut m = Map::new();
        m.insert("sessionId".into(), s.session_id.clone().into());
        m.insert("sessionStatus".into(), "EXPIRED".into());
        if let Some(t) = &s.transaction_id {
            m.insert("transactionId".into(), t.clone().into());
        }
        m.insert(
            "transactionRequestId".into(),
            s.transaction_request_id.clone().into(),
        );
        m.insert(
            "expiredAt".into(),
            iso8601(s.expired_at.unwrap_or(s.expires_at)).into(),
        );
        Ok((m, closed))
    })();
    match result {
        Ok((m, closed)) => {
            app.persist();
            let wait = closed.and_then(|id| webhook::notify(app, &id, "sunbay_expire_session"));
            Processed {
                outcome: Ok(m),
                wait,
            }
        }
        Err(r) => Err(r).into(),
    }
}

const WALLETS: &[&str] = &["GOOGLE_PAY", "APPLE_PAY"];

/// Wallet sale: `S` at once (`F` when the wallet payload contains `DECLINE`,
/// or the status a `sunbay_status` fault asks for).
pub fn process_sale(app: &SharedApp, p: &Map<String, Value>, plan: &RequestPlan) -> Processed {
    let f = Fields::new(p);
    let checked = (|| {
        f.account(&app.sunbay)?;
        let request_id = f.request_id("transactionRequestId")?;
        let reference = f.reference_order_id()?;
        let description = f.req("description", 128)?;
        let amount = wire::online_amount(&f)?;
        wire::product_list(&f, amount.order_amount)?;
        let method = f.req("paymentMethod", 32)?;
        if !WALLETS.contains(&method.as_str()) {
            return Err(Refusal::param(
                "paymentMethod",
                "must be GOOGLE_PAY or APPLE_PAY",
            ));
        }
        let payload = f.req("cardEncryptedData", 65_536)?;
        f.opt("customerEmail", 128)?;
        f.opt("customerName", 128)?;
        for a in ["billingAddress", "shippingAddress"] {
            if f.raw(a).is_some_and(|v| !v.is_object()) {
                return Err(Refusal::param(a, "must be an object"));
            }
        }
        let notify_url = f.opt_url("notifyUrl")?;
        f.opt_url("merchantReturnUrl")?;
        Ok((
            request_id,
            reference,
            description,
            amount,
            method,
            payload,
            notify_url,
        ))
    })();
    let (request_id, reference, description, amount, method, payload, notify_url) = match checked {
        Ok(v) => v,
        Err(r) => return Err(r).into(),
    };
    let status = plan.sunbay_status.clone().unwrap_or_else(|| {
        if payload.to_ascii_uppercase().contains("DECLINE") {
            tx_status::FAIL.to_owned()
        } else {
            tx_status::SUCCESS.to_owned()
        }
    });
    let random = app.random_digits(6);
    let auth = app.random_digits(6);
    let rrn = app.random_digits(12);
    let (data, id) = {
        let mut store = app.store();
        match store.sunbay.request_ids.get(&request_id).cloned() {
            Some(RequestUse::Sale(id)) => {
                let data = store
                    .sunbay
                    .transactions
                    .get(&id)
                    .map(|t| transaction_data(&store.sunbay, t));
                return data
                    .ok_or_else(|| Refusal::new(codes::NOT_FOUND, "sale"))
                    .into();
            }
            Some(other) => return Err(duplicate(&other)).into(),
            None => {}
        }
        let now = now_ms();
        let id = store.next_id("TXN", &random);
        let mut t = Transaction {
            reference_order_id: Some(reference),
            description: Some(description),
            payment_method: Some(method.clone()),
            notify_url,
            masked_pan: Some(if method == "APPLE_PAY" {
                "537410****0454".to_owned()
            } else {
                "411111****1111".to_owned()
            }),
            ..Transaction::initial(id.clone(), request_id.clone(), tx_type::SALE, amount, now)
        };
        settle(&mut t, &status, auth, rrn, now);
        store.sunbay.transactions.insert(id.clone(), t);
        store
            .sunbay
            .request_ids
            .insert(request_id, RequestUse::Sale(id.clone()));
        let data = store
            .sunbay
            .transactions
            .get(&id)
            .map(|t| transaction_data(&store.sunbay, t))
            .unwrap_or_default();
        (data, id)
    };
    app.persist();
    let wait = if tx_status::is_final(&status) {
        webhook::notify(app, &id, "sunbay_sale")
    } else {
        None
    };
    Processed {
        outcome: Ok(data),
        wait,
    }
}
