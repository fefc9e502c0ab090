//! `IotPay\ClientIp`: the payer's address for `clientIp` (SPEC-DECISIONS D21).

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::exceptions::guard;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use iotpay_core::client_ip;

#[php_class]
#[php(name = "IotPay\\ClientIp")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct ClientIp;

#[php_impl]
impl ClientIp {
    /// `remoteAddr` is `$_SERVER['REMOTE_ADDR']`; `X-Forwarded-For` is only
    /// read when the remote address is one of `trustedProxies` (IPs or CIDRs).
    /// The result always fits `clientIp` (32 bytes): an IPv6 address too long
    /// for it is returned as its /64 network prefix (SPEC-DECISIONS D22).
    #[php(optional = forwardedFor)]
    pub fn resolve(
        remoteAddr: &str,
        forwardedFor: Option<String>,
        trustedProxies: Option<Vec<String>>,
    ) -> PhpResult<String> {
        guard(|| {
            let proxies = client_ip::parse_proxies(&trustedProxies.unwrap_or_default())?;
            // Always something `clientIp` accepts (D22): a long IPv6 address
            // comes back as its /64 prefix.
            client_ip::resolve_sendable(remoteAddr, forwardedFor.as_deref(), &proxies)
        })
    }
}
