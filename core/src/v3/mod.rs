//! The Credit Card API V3 (spec §15): request rules, the calls, the answer
//! layers, typed results and the JSON notification. Signing, transport and
//! the error model are the ones every family shares (`crate::client`,
//! `crate::response`, `crate::error`).

pub mod client;
pub mod endpoints;
pub mod notification;
pub mod response;
pub mod results;
pub mod validate;

pub use results::{CardInfo, CardOrder, CardSession, CardStatus};
