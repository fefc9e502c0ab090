//! IOTPay sandbox: a local HTTP(S) server that behaves like the IOTPay gateway
//! (spec `shared/spec/iotpay.md`) and like SUNBAY Nexus (`shared/spec/sunbay.md`),
//! decisions in `docs/SPEC-DECISIONS.md`.
//!
//! Start it in-process with [`start`] (tests) or as the `iotpay-sandbox` binary.

// Shared infrastructure.
pub mod admin;
pub mod app;
pub mod cli;
pub mod config;
pub mod error;
pub mod faults;
pub mod notifier;
pub mod request_faults;
pub mod respond;
pub mod server;
pub mod store;
pub mod tls;
pub mod util;

// Providers.
pub mod iotpay;
pub mod sunbay;

pub use config::{Config, Merchant};
pub use error::SandboxError;
pub use faults::FaultRule;
pub use server::{start, Sandbox};
