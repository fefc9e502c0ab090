//! `IotPay\Sunbay\*`: the SUNBAY Nexus client (core::sunbay), one class per
//! file. Its failures are the same `IotPay\Exception\*` classes as
//! IOTPay's, with `getProvider()` = `sunbay` (D39).

pub mod client;
pub mod config;
pub mod expired_session;
pub mod session;
pub mod transaction;
pub mod webhook;
pub mod webhook_event;

use crate::exceptions::guard_for;
use ext_php_rs::exception::PhpResult;
use iotpay_core::catalogue::Provider;
use iotpay_core::Error;

/// `guard` for every SUNBAY entry point.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T, Error>) -> PhpResult<T> {
    guard_for(Provider::Sunbay, f)
}
