//! SUNBAY Nexus Open API client (sunbay.md, SPEC-DECISIONS D39–D47): the
//! online checkout endpoints, the transaction query and webhook
//! verification, over the one transport and the one error model. Nothing
//! here is shared with IOTPay's signing or answer layers: SUNBAY
//! authenticates with a Bearer key and answers in its own envelope.

pub mod client;
pub mod config;
pub mod ids;
pub mod request;
pub mod response;
pub mod results;
pub mod time;
pub mod validate;
pub mod webhook;

pub use client::Client;
pub use config::Config;
pub use results::{ExpiredSession, Session, Transaction, TxStatus};
pub use webhook::WebhookEvent;
