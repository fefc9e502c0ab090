//! The v1 General Order API (spec §4–§11): request validation, the calls, and
//! typed results.

pub mod client;
pub mod endpoints;
pub mod response;
pub mod results;
pub mod validate;

pub use client::Client;
pub use results::{
    CreateOrderResult, OrderInfo, OrderStatus, PayForSubmitResult, RefundInfo, RefundStatus,
};
