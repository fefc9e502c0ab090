//! `IotPay\Money`: exact decimal ↔ minor-unit conversion.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::exceptions::guard;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use iotpay_core::channel::Channel;
use iotpay_core::money::{self, Currency};

#[php_class]
#[php(name = "IotPay\\Money")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Money;

#[php_impl]
impl Money {
    /// `"12.34"` → 1234. Refuses signs, exponents, separators, excess decimals
    /// and overflow. Pass amounts as strings: a PHP float is already inexact.
    pub fn to_minor(amount: &str, currency: &str) -> PhpResult<i64> {
        guard(|| money::parse_minor(amount, currency.parse::<Currency>()?))
    }

    /// 1234 → `"12.34"`.
    pub fn from_minor(minor: i64, currency: &str) -> PhpResult<String> {
        guard(|| Ok(money::format_minor(minor, currency.parse::<Currency>()?)))
    }

    /// Whether `channelId` accepts `currency` (SPEC-DECISIONS D13).
    pub fn is_supported(channelId: &str, currency: &str) -> PhpResult<bool> {
        guard(|| {
            let ch: Channel = channelId.parse()?;
            Ok(match currency.parse::<Currency>() {
                Ok(c) => ch.supports(c),
                Err(_) => false,
            })
        })
    }

    /// Currencies the channel accepts.
    pub fn currencies_for(channelId: &str) -> PhpResult<Vec<String>> {
        guard(|| {
            let ch: Channel = channelId.parse()?;
            Ok(Currency::ALL
                .iter()
                .filter(|c| ch.supports(**c))
                .map(|c| c.code().to_string())
                .collect())
        })
    }
}
