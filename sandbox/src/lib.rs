//! IOTPay sandbox: a local HTTP(S) server that behaves like the IOTPay gateway
//! (spec `shared/spec/iotpay.md`, decisions `docs/SPEC-DECISIONS.md`).
//!
//! Start it in-process with [`start`] (tests) or as the `iotpay-sandbox` binary.

pub mod admin;
pub mod api;
pub mod app;
pub mod autodebit;
pub mod cc_v3;
pub mod cli;
pub mod config;
pub mod error;
pub mod faults;
pub mod notifier;
pub mod pages;
pub mod payments;
pub mod server;
pub mod store;
pub mod tls;
pub mod util;
pub mod v1;
pub mod validate;
pub mod wire;

pub use config::{Config, Merchant};
pub use error::SandboxError;
pub use faults::FaultRule;
pub use server::{start, Sandbox};
