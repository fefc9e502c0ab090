//! Plain-HTML pages a person (or a test) uses to pay, cancel, add a card or
//! sign an autodebit contract. No JavaScript on these pages: every action is
//! a form POST. The one script is the stand-in for IOTPay's embedded card
//! form (`/cc/iotpaycc.js`), which the shop's own page loads.

use std::collections::HashMap;

use axum::extract::{Form, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::app::SharedApp;
use crate::iotpay::autodebit;
use crate::iotpay::cc_v3;
use crate::iotpay::payments::{self, PayError};
use crate::store::iotpay::{status, Card, CardSession, Family, Order};
use crate::util::{format_minor, html_escape as esc, now_ms};

fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t} - IOTPay sandbox</title>\n<style>body{{font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em}}table{{border-collapse:collapse}}td,th{{text-align:left;padding:.2em .8em .2em 0}}form{{display:inline-block;margin:1em 1em 0 0}}button{{font-size:1.1em;padding:.4em 1.4em}}.note{{color:#666;font-size:.9em}}</style>\n</head>\n<body>\n<h1>{t}</h1>\n{body}\n<p class=\"note\">IOTPay sandbox &mdash; no real money moves.</p>\n</body>\n</html>\n",
        t = esc(title)
    )
}

fn html(status: StatusCode, title: &str, body: &str) -> Response {
    (status, Html(page(title, body))).into_response()
}

fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_owned())],
    )
        .into_response()
}

fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        "Order not found",
        "<p>No such order.</p>",
    )
}

/// A pay-page action the order's state refuses: the order page's 404 when
/// there is no such order, else 409 with the reason under `title`.
fn refused(e: PayError, title: &str) -> Response {
    match e {
        PayError::NotFound => not_found(),
        PayError::Conflict(msg) => html(
            StatusCode::CONFLICT,
            title,
            &format!("<p>{}</p>", esc(&msg)),
        ),
    }
}

/// The add-card session `secure_id` names while it can still add a card:
/// else the page that says why (404 unknown, 410 used), boxed as it is
/// large next to the session.
fn open_card_session(found: Option<&CardSession>) -> Result<CardSession, Box<Response>> {
    match found {
        None => Err(Box::new(html(
            StatusCode::NOT_FOUND,
            "Session not found",
            "<p>No such session.</p>",
        ))),
        Some(s) if s.done => Err(Box::new(html(
            StatusCode::GONE,
            "Card already added",
            "<p>This session was used.</p>",
        ))),
        Some(s) => Ok(s.clone()),
    }
}

fn status_text(s: i64) -> &'static str {
    match s {
        status::CREATED => "created, not paid",
        status::PAYING => "payment in progress",
        status::PAID => "paid",
        status::NOTIFIED => "paid (merchant notified)",
        4 => "cancelled by the system",
        status::CANCELLED_BY_USER => "cancelled by the user",
        _ => "unknown",
    }
}

fn payable(o: &Order) -> Option<&Order> {
    (o.pay_type.as_deref() != Some("refund")).then_some(o)
}

/// `GET /pay/{payOrderId}`
pub async fn show(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    let Some(o) = app.store().orders.get(&id).and_then(payable).cloned() else {
        return not_found();
    };
    let merchant = app
        .merchants
        .get(&o.mch_id)
        .map_or_else(|| o.mch_id.clone(), |m| m.display_name());
    let mut rows = vec![
        ("Merchant", format!("{} ({})", merchant, o.mch_id)),
        (
            "Amount",
            format!("{} {}", format_minor(o.amount), o.currency),
        ),
        ("Currency", o.currency.clone()),
        ("Subject", o.subject.clone().unwrap_or_default()),
        ("Channel", o.channel_id.clone()),
        ("Order", o.mch_order_no.clone()),
        ("Payment id", o.pay_order_id.clone()),
        ("Status", status_text(o.status).to_owned()),
    ];
    if let Some(b) = &o.body {
        rows.insert(4, ("Description", b.clone()));
    }
    let table: String = rows
        .iter()
        .map(|(k, v)| format!("<tr><th>{}</th><td>{}</td></tr>\n", esc(k), esc(v)))
        .collect();
    // A card page can also be declined (the card refused: V3 status 9), which
    // sends the browser back to the shop like a payment does.
    let decline = if o.family == Some(Family::CcV3) {
        format!(
            "\n<form method=\"post\" action=\"/pay/{id}/decline\"><button type=\"submit\" name=\"action\" value=\"decline\">Decline (card refused)</button></form>",
            id = esc(&o.pay_order_id)
        )
    } else {
        String::new()
    };
    let actions = match o.status {
        status::CREATED | status::PAYING => format!(
            "<form method=\"post\" action=\"/pay/{id}/pay\"><button type=\"submit\" name=\"action\" value=\"pay\">Pay</button></form>\n<form method=\"post\" action=\"/pay/{id}/cancel\"><button type=\"submit\" name=\"action\" value=\"cancel\">Cancel</button></form>{decline}",
            id = esc(&o.pay_order_id)
        ),
        s if status::is_paid(s) => "<p><strong>This order is paid.</strong></p>".to_owned(),
        _ => "<p><strong>This order was cancelled.</strong></p>".to_owned(),
    };
    html(
        StatusCode::OK,
        "Pay with IOTPay sandbox",
        &format!("<table>\n{table}</table>\n{actions}"),
    )
}

/// Where the browser goes after paying.
fn return_target(o: &Order) -> String {
    match (&o.return_url, o.family) {
        (Some(u), Some(Family::CcV3)) => {
            let q = form_urlencoded::Serializer::new(String::new())
                .append_pair("retCode", "SUCCESS")
                .append_pair("status", &o.status.to_string())
                .append_pair("mchOrderNo", &o.mch_order_no)
                .finish();
            let sep = if u.contains('?') { '&' } else { '?' };
            format!("{u}{sep}{q}")
        }
        (Some(u), _) => u.clone(),
        (None, _) => format!("/pay/{}/done", o.pay_order_id),
    }
}

/// `POST /pay/{payOrderId}/pay`: pays, then 303 to `returnUrl` (or the "paid" page).
pub async fn pay(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    match payments::pay(&app, &id, "pay_page") {
        Ok((o, wait)) => {
            crate::notifier::await_first_attempt(&app, wait).await;
            see_other(&return_target(&o))
        }
        Err(e) => refused(e, "Cannot pay"),
    }
}

/// `POST /pay/{payOrderId}/cancel`
pub async fn cancel(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    match payments::cancel(&app, &id) {
        Ok(o) => html(
            StatusCode::OK,
            "Payment cancelled",
            &format!(
                "<p>Order {} was cancelled. No money was taken.</p>",
                esc(&o.mch_order_no)
            ),
        ),
        Err(e) => refused(e, "Cannot cancel"),
    }
}

/// `POST /pay/{payOrderId}/decline`: a card page whose card is refused —
/// recorded as V3 status 9 (nothing charged, no notification), then 303 to
/// `returnUrl` with `status=9`, as IOTPay's hosted card page sends the
/// customer back.
pub async fn decline(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    let card = app
        .store()
        .orders
        .get(&id)
        .is_some_and(|o| o.family == Some(Family::CcV3));
    if !card {
        return not_found();
    }
    match payments::cancel(&app, &id) {
        Ok(o) => see_other(&return_target(&o)),
        Err(e) => refused(e, "Cannot decline"),
    }
}

/// `GET /pay/{payOrderId}/done`
pub async fn done(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    let Some(o) = app.store().orders.get(&id).and_then(payable).cloned() else {
        return not_found();
    };
    if !status::is_paid(o.status) {
        return see_other(&format!("/pay/{}", o.pay_order_id));
    }
    html(
        StatusCode::OK,
        "Payment complete",
        &format!(
            "<p>Paid {} {} for order {}.</p>",
            esc(&format_minor(o.amount)),
            esc(&o.currency),
            esc(&o.mch_order_no)
        ),
    )
}

/// `GET /card/{secureId}`: the hosted add-card form (V3 `cc_addcard`).
pub async fn card_form(State(app): State<SharedApp>, Path(secure_id): Path<String>) -> Response {
    let found = open_card_session(app.store().card_sessions.get(&secure_id));
    let s = match found {
        Ok(s) => s,
        Err(page) => return *page,
    };
    let body = format!(
        "<p>Card id {card} for merchant {mch}</p>\n<form method=\"post\" action=\"/card/{sid}/add\">\n<p><label>Card number <input name=\"cardNum\" value=\"4242424242424242\"></label></p>\n<p><label>Expiry (MMYY) <input name=\"expiryDate\" value=\"1230\"></label></p>\n<p><label>Holder <input name=\"holder\" value=\"Test Holder\"></label></p>\n<p><label>CVV <input name=\"cvv\" value=\"123\"></label></p>\n<button type=\"submit\">Add card</button>\n</form>",
        card = esc(&s.card_id),
        mch = esc(&s.mch_id),
        sid = esc(&s.secure_id)
    );
    html(StatusCode::OK, "Add a card", &body)
}

/// `POST /card/{secureId}/add`: stores the card, then 303 to `returnUrl`.
pub async fn card_add(
    State(app): State<SharedApp>,
    Path(secure_id): Path<String>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let (num, expiry, holder, cvv) = (get("cardNum"), get("expiryDate"), get("holder"), get("cvv"));
    let check = cc_v3::check_card(&num, &expiry, &cvv).map_err(|r| match r {
        crate::iotpay::wire::Reply::Comm { detail, .. } => detail.unwrap_or_default(),
        other => other.outcome().to_owned(),
    });
    let target = {
        let mut store = app.store();
        let s = match open_card_session(store.card_sessions.get(&secure_id)) {
            Ok(s) => s,
            Err(page) => return *page,
        };
        let sep = if s.return_url.contains('?') { '&' } else { '?' };
        match check {
            Ok(()) => {
                store.cards.push(Card {
                    mch_id: s.mch_id.clone(),
                    card_id: s.card_id.clone(),
                    channel: s.channel.clone(),
                    card: cc_v3::card_data(&num, &expiry),
                    holder: if holder.is_empty() {
                        "Card Holder".into()
                    } else {
                        holder
                    },
                    created_at: now_ms(),
                });
                if let Some(x) = store.card_sessions.get_mut(&secure_id) {
                    x.done = true;
                }
                format!("{}{sep}retCode=SUCCESS", s.return_url)
            }
            Err(msg) => {
                let q = form_urlencoded::Serializer::new(String::new())
                    .append_pair("retCode", "FAIL")
                    .append_pair("retMsg", &msg)
                    .finish();
                format!("{}{sep}{q}", s.return_url)
            }
        }
    };
    app.persist();
    see_other(&target)
}

/// `GET /sign-contract/{iotpayContractId}`
pub async fn contract_form(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    let Some(c) = app.store().contracts.get(&id).cloned() else {
        return html(
            StatusCode::NOT_FOUND,
            "Contract not found",
            "<p>No such contract.</p>",
        );
    };
    let actions = if c.status == 1 {
        format!(
            "<form method=\"post\" action=\"/sign-contract/{id}/sign\"><button type=\"submit\">Sign</button></form>\n<form method=\"post\" action=\"/sign-contract/{id}/cancel\"><button type=\"submit\">Cancel</button></form>",
            id = esc(&id)
        )
    } else {
        format!("<p>Contract status: {}</p>", c.status)
    };
    html(
        StatusCode::OK,
        "Sign an autodebit contract",
        &format!(
            "<p>{} asks {} to allow automatic debits in {} (WeChat limits: CAD 30 per debit, 1 per day, 3 per month).</p>\n{actions}",
            esc(&app.merchants.get(&c.mch_id).map_or_else(|| c.mch_id.clone(), |m| m.display_name())),
            esc(&c.payer_name),
            esc(&c.currency)
        ),
    )
}

async fn contract_action(app: SharedApp, id: String, new_status: i64) -> Response {
    match autodebit::set_contract_status(&app, &id, new_status, "pay_page") {
        Ok(c) => match (&c.return_url, new_status) {
            (Some(u), 2) => see_other(u),
            _ => html(
                StatusCode::OK,
                if new_status == 2 {
                    "Contract signed"
                } else {
                    "Contract cancelled"
                },
                &format!(
                    "<p>Contract {} status {}.</p>",
                    esc(&c.mch_contract_id),
                    c.status
                ),
            ),
        },
        Err(msg) => html(
            StatusCode::CONFLICT,
            "Contract",
            &format!("<p>{}</p>", esc(&msg)),
        ),
    }
}

pub async fn contract_sign(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    contract_action(app, id, 2).await
}

pub async fn contract_cancel(State(app): State<SharedApp>, Path(id): Path<String>) -> Response {
    contract_action(app, id, 9).await
}

/// The sandbox's stand-in for IOTPay's embedded card form script (§15.5):
/// its own code (`sandbox/assets/iotpaycc.js`), served where IOTPay serves
/// the real one (`/cc/iotpaycc.js` on the card API's host).
pub async fn iotpaycc_js() -> Response {
    (
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                "application/javascript; charset=utf-8",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        include_str!("../../assets/iotpaycc.js"),
    )
        .into_response()
}

/// The card number the stand-in form declines (status 9, nothing charged).
pub const DECLINED_CARD: &str = "4000000000000002";

/// An answer to the stand-in form's fetch: JSON, readable from the shop's page.
fn embedded_answer(body: serde_json::Value) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body.to_string(),
    )
        .into_response()
}

fn embedded_refusal(msg: &str) -> Response {
    embedded_answer(serde_json::json!({ "retCode": "FAIL", "retMsg": msg }))
}

/// `POST /cc/pay` (form: `secureId`, `cardNum`, `expiryDate`, `cvv`,
/// `holder`): the stand-in form's card for the `cc_purchase` with that
/// secureId. A card that cannot be read changes nothing (`retCode` FAIL, no
/// `retData`); the decline card records status 9 (no notification, as the
/// hosted page's Decline); any other card pays the order once and notifies —
/// a second submission of a paid purchase changes nothing. The answer's
/// `retData` is the order object plus `redirectUrl` (the purchase's
/// `returnUrl` with `retCode` and `status`).
pub async fn embedded_pay(
    State(app): State<SharedApp>,
    Form(form): Form<HashMap<String, String>>,
) -> Response {
    let get = |k: &str| form.get(k).map(|s| s.trim().to_owned()).unwrap_or_default();
    let (sid, num, expiry, cvv) = (
        get("secureId"),
        get("cardNum"),
        get("expiryDate"),
        get("cvv"),
    );
    let id = app
        .store()
        .orders
        .values()
        .find(|o| {
            o.family == Some(Family::CcV3)
                && o.endpoint == "cc_purchase"
                && !sid.is_empty()
                && o.secure_id.as_deref() == Some(sid.as_str())
        })
        .map(|o| o.pay_order_id.clone());
    let Some(id) = id else {
        return embedded_refusal("secureId is not valid");
    };
    if let Err(r) = cc_v3::check_card(&num, &expiry, &cvv) {
        let msg = match r {
            crate::iotpay::wire::Reply::Comm { detail, .. } => detail.unwrap_or_default(),
            other => other.outcome().to_owned(),
        };
        return embedded_refusal(&msg);
    }
    {
        let mut store = app.store();
        if let Some(o) = store.orders.get_mut(&id) {
            if o.status == status::CREATED || o.status == status::PAYING {
                o.card = Some(cc_v3::card_data(&num, &expiry));
            }
        }
    }
    let decided = if num == DECLINED_CARD {
        payments::cancel(&app, &id)
    } else {
        match payments::pay(&app, &id, "embedded_form") {
            Ok((o, wait)) => {
                crate::notifier::await_first_attempt(&app, wait).await;
                Ok(o)
            }
            Err(e) => Err(e),
        }
    };
    let o = match decided {
        Ok(o) => app
            .store()
            .orders
            .get(&o.pay_order_id)
            .cloned()
            .unwrap_or(o),
        Err(PayError::NotFound) => return embedded_refusal("secureId is not valid"),
        Err(PayError::Conflict(msg)) => return embedded_refusal(&msg),
    };
    let paid = status::is_paid(o.status);
    let mut data = crate::iotpay::cc_order::order_object(&o);
    data.insert("redirectUrl".into(), return_target(&o).into());
    embedded_answer(serde_json::json!({
        "retCode": if paid { "SUCCESS" } else { "FAIL" },
        "retMsg": if paid { "" } else { "Declined" },
        "retData": data,
    }))
}
