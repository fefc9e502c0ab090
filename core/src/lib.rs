//! IOTPay protocol core: everything the PHP extension and the sandbox share,
//! with no PHP types, so `cargo test` exercises it directly.

pub mod autodebit;
pub mod catalogue;
pub mod channel;
pub mod client;
pub mod client_ip;
pub mod config;
pub mod decision;
pub mod error;
pub mod money;
pub mod notification;
pub mod params;
pub mod qr;
pub mod response;
pub mod rules;
pub mod sign;
pub mod sunbay;
#[cfg(test)]
mod test_support;
pub mod transport;
pub mod v1;
pub mod v3;

pub use error::{Error, Result};
