//! The hosted payment page a session's `checkoutUrl` points at: Pay (`S`),
//! Decline (`F`), Cancel (`C`), then back to `merchantReturnUrl` (the URL as
//! given: the shop must not rely on parameters SUNBAY might add, Gap 8). An
//! expired session's page refuses (410).

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};

use crate::app::SharedApp;
use crate::store::sunbay::{tx_status, Session, Transaction};
use crate::sunbay::currency;
use crate::sunbay::payments::{self, Action, PayError};
use crate::util::{format_minor_digits, html_escape as esc, iso8601};

fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{t} - SUNBAY sandbox</title>\n<style>body{{font-family:sans-serif;max-width:32em;margin:2em auto;padding:0 1em}}table{{border-collapse:collapse}}td,th{{text-align:left;padding:.2em .8em .2em 0}}form{{display:inline-block;margin:1em 1em 0 0}}button{{font-size:1.1em;padding:.4em 1.4em}}.note{{color:#666;font-size:.9em}}</style>\n</head>\n<body>\n<h1>{t}</h1>\n{body}\n<p class=\"note\">SUNBAY Nexus sandbox &mdash; no real money moves.</p>\n</body>\n</html>\n",
        t = esc(title)
    );
    (status, Html(html)).into_response()
}

fn money(amount: i64, code: &str) -> String {
    let digits = currency::exponent(code).unwrap_or(2);
    format!("{} {code}", format_minor_digits(amount, digits))
}

fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Session not found",
        "<p>No such checkout session.</p>",
    )
}

fn back_link(s: &Session) -> String {
    s.merchant_return_url
        .as_ref()
        .map(|u| {
            format!(
                "<p><a id=\"return\" href=\"{}\">Return to the merchant</a></p>",
                esc(u)
            )
        })
        .unwrap_or_default()
}

fn status_text(status: &str) -> &'static str {
    match status {
        tx_status::SUCCESS => "Payment successful",
        tx_status::FAIL => "Payment declined",
        tx_status::CLOSED => "Payment cancelled",
        tx_status::PROCESSING => "Payment processing",
        _ => "Waiting for payment",
    }
}

fn session(app: &SharedApp, sid: &str) -> Option<Session> {
    app.store().sunbay.sessions.get(sid).cloned()
}

fn expired_page(s: &Session) -> Response {
    page(
        StatusCode::GONE,
        "Session expired",
        &format!(
            "<p id=\"state\" data-state=\"expired\">This checkout session expired; no payment can be made with it.</p>{}",
            back_link(s)
        ),
    )
}

fn final_page(s: &Session, t: &Transaction) -> Response {
    page(
        StatusCode::OK,
        status_text(&t.status),
        &format!(
            "<p id=\"state\" data-state=\"{}\">{} &mdash; {}</p>{}",
            esc(&t.status),
            esc(status_text(&t.status)),
            esc(&money(t.amount.total(), &t.amount.currency)),
            back_link(s)
        ),
    )
}

/// `GET /sunbay/checkout/{sessionId}`: opening the page creates the
/// session's transaction (`I`).
pub async fn show(State(app): State<SharedApp>, Path(sid): Path<String>) -> Response {
    let t = match payments::open(&app, &sid) {
        Ok(t) => t,
        Err(PayError::NotFound) => return not_found(),
        Err(_) => {
            return match session(&app, &sid) {
                Some(s) => expired_page(&s),
                None => not_found(),
            }
        }
    };
    let Some(s) = session(&app, &sid) else {
        return not_found();
    };
    let decided = t.status == tx_status::SUCCESS || t.status == tx_status::FAIL;
    if s.expired_at.is_some() && !decided {
        return expired_page(&s);
    }
    if tx_status::is_final(&t.status) || t.status == tx_status::PROCESSING {
        return final_page(&s, &t);
    }
    let a = &s.amount;
    let mut rows = vec![
        ("Merchant", app.sunbay.merchant_id.clone()),
        ("Description", s.description.clone()),
        ("Order", s.reference_order_id.clone()),
        ("Amount", money(a.order_amount, &a.currency)),
    ];
    if a.tax_amount > 0 {
        rows.push(("Tax", money(a.tax_amount, &a.currency)));
    }
    if a.surcharge_amount > 0 {
        rows.push(("Surcharge", money(a.surcharge_amount, &a.currency)));
    }
    rows.push(("Total", money(a.total(), &a.currency)));
    rows.push(("Expires", iso8601(s.expires_at)));
    rows.push(("Card", "4242 4242 4242 4242 (test card)".to_owned()));
    let table: String = rows
        .iter()
        .map(|(k, v)| format!("<tr><th>{}</th><td>{}</td></tr>\n", esc(k), esc(v)))
        .collect();
    let products: String = s
        .product_list
        .as_ref()
        .and_then(|v| v.as_array())
        .map(|items| {
            let li: String = items
                .iter()
                .map(|i| {
                    format!(
                        "<li>{} &times; {}</li>",
                        esc(i["name"].as_str().unwrap_or("")),
                        i["num"].as_i64().unwrap_or(0)
                    )
                })
                .collect();
            format!("<ul>{li}</ul>")
        })
        .unwrap_or_default();
    let id = esc(&s.session_id);
    let actions = format!(
        "<form method=\"post\" action=\"/sunbay/checkout/{id}/pay\"><button id=\"pay\" type=\"submit\">Pay</button></form>\n<form method=\"post\" action=\"/sunbay/checkout/{id}/decline\"><button id=\"decline\" type=\"submit\">Decline (card refused)</button></form>\n<form method=\"post\" action=\"/sunbay/checkout/{id}/cancel\"><button id=\"cancel\" type=\"submit\">Cancel</button></form>"
    );
    page(
        StatusCode::OK,
        "Pay with SUNBAY sandbox",
        &format!("<table>\n{table}</table>\n{products}\n{actions}"),
    )
}

async fn act(app: SharedApp, sid: String, action: Action) -> Response {
    match payments::decide(&app, &sid, action, "sunbay_pay_page") {
        Ok((_, wait)) => {
            crate::notifier::await_first_attempt(&app, wait).await;
            let Some(s) = session(&app, &sid) else {
                return not_found();
            };
            let target = s
                .merchant_return_url
                .clone()
                .unwrap_or_else(|| format!("/sunbay/checkout/{sid}/done"));
            (StatusCode::SEE_OTHER, [(header::LOCATION, target)]).into_response()
        }
        Err(PayError::NotFound) => not_found(),
        Err(PayError::Expired) => match session(&app, &sid) {
            Some(s) => expired_page(&s),
            None => not_found(),
        },
        Err(PayError::Final(status)) => page(
            StatusCode::CONFLICT,
            "Already decided",
            &format!(
                "<p id=\"state\" data-state=\"{}\">{}</p>",
                esc(&status),
                esc(status_text(&status))
            ),
        ),
    }
}

pub async fn pay(State(app): State<SharedApp>, Path(sid): Path<String>) -> Response {
    act(app, sid, Action::Pay).await
}

pub async fn decline(State(app): State<SharedApp>, Path(sid): Path<String>) -> Response {
    act(app, sid, Action::Decline).await
}

pub async fn cancel(State(app): State<SharedApp>, Path(sid): Path<String>) -> Response {
    act(app, sid, Action::Cancel).await
}

/// `GET /sunbay/checkout/{sessionId}/done`: where a session without
/// `merchantReturnUrl` ends.
pub async fn done(State(app): State<SharedApp>, Path(sid): Path<String>) -> Response {
    let Some(s) = session(&app, &sid) else {
        return not_found();
    };
    let t = s
        .transaction_id
        .as_ref()
        .and_then(|id| app.store().sunbay.transactions.get(id).cloned());
    match t {
        Some(t) => final_page(&s, &t),
        None => expired_page(&s),
    }
}
