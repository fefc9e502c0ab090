//! `IotPay\Qr`: QR codes rendered in-process (no web service).

use crate::exceptions::guard;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use iotpay_core::qr;

#[php_class]
#[php(name = "IotPay\\Qr")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Qr;

#[php_impl]
impl Qr {
    /// A standalone SVG document at least `size` pixels square (default 256).
    #[php(optional = size)]
    pub fn svg(data: &str, size: Option<i64>) -> PhpResult<String> {
        let size = u32::try_from(size.unwrap_or(256).clamp(64, 2048)).unwrap_or(256);
        guard(|| qr::svg(data, size))
    }

    /// Unicode half-block rendering for terminals.
    pub fn text(data: &str) -> PhpResult<String> {
        guard(|| qr::text(data))
    }
}
