//! SUNBAY Nexus (`shared/spec/sunbay.md`, decisions D40–D47): the online
//! checkout endpoints, the transaction query, the hosted payment page, the
//! webhooks and SUNBAY's admin routes, on the same listeners as IOTPay.
//!
//! Layering (nothing imports upwards): `codes`, `currency` → `wire` →
//! `objects` → `webhook` → `lifecycle` → `payments` → `api` → `checkout`,
//! `refund`, `query` → `pages`, `admin`.

pub mod admin;
pub mod api;
pub mod checkout;
pub mod codes;
pub mod currency;
pub mod lifecycle;
pub mod objects;
pub mod pages;
pub mod payments;
pub mod query;
pub mod refund;
pub mod webhook;
pub mod wire;

use axum::routing::{get, post};
use axum::Router;

use crate::app::SharedApp;

/// Every SUNBAY route.
pub fn routes() -> Router<SharedApp> {
    Router::new()
        // Online checkout (§8.1) and query (§8.2)
        .route(
            "/v1/checkout/create-session",
            post(checkout::create_session),
        )
        .route(
            "/v1/checkout/expire-session",
            post(checkout::expire_session),
        )
        .route("/v1/checkout/sale", post(checkout::sale))
        .route("/v1/checkout/refund", post(refund::refund))
        .route("/v1/transaction/query", get(query::query))
        // Hosted payment page
        .route("/sunbay/checkout/{id}", get(pages::show))
        .route("/sunbay/checkout/{id}/pay", post(pages::pay))
        .route("/sunbay/checkout/{id}/decline", post(pages::decline))
        .route("/sunbay/checkout/{id}/cancel", post(pages::cancel))
        .route("/sunbay/checkout/{id}/done", get(pages::done))
        // Admin
        .route("/admin/sunbay/sessions", get(admin::sessions))
        .route("/admin/sunbay/sessions/{id}", get(admin::get_session))
        .route("/admin/sunbay/sessions/{id}/open", post(admin::open))
        .route("/admin/sunbay/sessions/{id}/pay", post(admin::pay))
        .route("/admin/sunbay/sessions/{id}/decline", post(admin::decline))
        .route("/admin/sunbay/sessions/{id}/cancel", post(admin::cancel))
        .route(
            "/admin/sunbay/sessions/{id}/processing",
            post(admin::processing),
        )
        .route("/admin/sunbay/sessions/{id}/expire", post(admin::expire))
        .route("/admin/sunbay/transactions", get(admin::transactions))
        .route(
            "/admin/sunbay/transactions/{id}",
            get(admin::get_transaction),
        )
        .route(
            "/admin/sunbay/transactions/{id}/settle",
            post(admin::settle),
        )
        .route("/admin/sunbay/webhooks", get(admin::webhooks))
        .route(
            "/admin/sunbay/settings",
            get(admin::get_settings).post(admin::set_settings),
        )
}
