//! The IOTPay gateway: v1 General Order, Credit Card V3 and Autodebit
//! endpoints, the hosted pages, notifications and IOTPay's admin routes.
//!
//! Layering (nothing imports upwards): `wire` → `validate` → `lookup`,
//! `login`, `api` → `cc_order` → `notify` → `payments` → `v1` → `cc_v3`,
//! `autodebit` → `pages`, `admin`.

pub mod admin;
pub mod api;
pub mod autodebit;
pub mod cc_order;
pub mod cc_v3;
pub mod login;
pub mod lookup;
pub mod notify;
pub mod pages;
pub mod payments;
pub mod v1;
pub mod validate;
pub mod wire;

use axum::routing::{any, get, post};
use axum::Router;

use crate::app::SharedApp;

/// Every IOTPay route.
pub fn routes() -> Router<SharedApp> {
    Router::new()
        // v1 General Order (§4–§10)
        .route("/v1/create_order", any(v1::create_order))
        .route("/v1/payForSubmit", any(v1::pay_for_submit))
        .route("/v1/query_order", any(v1::query_order))
        .route("/v1/refund_order", any(v1::refund_order))
        .route("/v1/query_refund", any(v1::query_refund))
        // Credit Card V3 (§15)
        .route("/v3/cc_purchase", any(cc_v3::cc_purchase))
        .route("/v3/cc_addcard", any(cc_v3::cc_addcard))
        .route("/v3/cc_addCard", any(cc_v3::cc_addcard))
        .route("/v3/cc_directpurchase", any(cc_v3::cc_directpurchase))
        .route("/v3/cc_querycard", any(cc_v3::cc_querycard))
        .route("/v3/cc_purchasewithtoken", any(cc_v3::cc_purchasewithtoken))
        .route(
            "/v3/cc_purchasewithwallet",
            any(cc_v3::cc_purchasewithwallet),
        )
        .route("/v3/cc_void", any(cc_v3::cc_void))
        .route("/v3/cc_refund", any(cc_v3::cc_refund))
        .route("/v3/cc_query", any(cc_v3::cc_query))
        // Autodebit (§13)
        .route("/contract", any(autodebit::contract))
        .route("/contract/", any(autodebit::contract))
        .route("/contract/create_order", any(autodebit::create_order))
        .route("/contract/query_order", any(autodebit::query_order))
        // Pages
        .route("/pay/{id}", get(pages::show))
        .route("/pay/{id}/pay", post(pages::pay))
        .route("/pay/{id}/cancel", post(pages::cancel))
        .route("/pay/{id}/decline", post(pages::decline))
        .route("/pay/{id}/done", get(pages::done))
        .route("/cc/iotpaycc.js", get(pages::iotpaycc_js))
        .route("/cc/pay", post(pages::embedded_pay))
        .route("/card/{sid}", get(pages::card_form))
        .route("/card/{sid}/add", post(pages::card_add))
        .route("/sign-contract/{id}", get(pages::contract_form))
        .route("/sign-contract/{id}/sign", post(pages::contract_sign))
        .route("/sign-contract/{id}/cancel", post(pages::contract_cancel))
        // Admin
        .route("/admin/orders", get(admin::list_orders))
        .route("/admin/orders/{id}", get(admin::get_order))
        .route("/admin/orders/{id}/pay", post(admin::pay_order))
        .route("/admin/orders/{id}/cancel", post(admin::cancel_order))
        .route("/admin/refunds", get(admin::refunds))
        .route("/admin/contracts", get(admin::contracts))
        .route("/admin/contracts/{id}/sign", post(admin::contract_sign))
        .route(
            "/admin/contracts/{id}/terminate",
            post(admin::contract_terminate),
        )
        .route("/admin/merchants", get(admin::merchants))
}
