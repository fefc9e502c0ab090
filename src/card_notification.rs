//! `IotPay\CardNotification`: a verified V3 notification (spec §15.13).
//! Its body is the order object, so it has `IotPay\CardOrder`'s getters.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::card_order::{card_order_methods, CardOrder};
use crate::config::Config;
use crate::exceptions::guard;
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use iotpay_core::v3::{self, notification as core};

#[php_class]
#[php(name = "IotPay\\CardNotification")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct CardNotification {
    pub(crate) order: v3::CardOrder,
}

card_order_methods!(CardNotification, order, {
    /// The body to answer IOTPay with once the order is durably updated.
    const ACK: &'static str = core::ACK;
    /// The body for a notification that was not taken.
    const NACK: &'static str = core::NACK;

    /// Parses the raw JSON body and verifies its signature with the config's
    /// key. Throws SignatureException or ValidationException; nothing
    /// unverified is returned.
    #[php(optional = contentType)]
    pub fn from_request(
        config: &Config,
        body: BinarySlice<u8>,
        contentType: Option<String>,
    ) -> PhpResult<Self> {
        guard(|| {
            let order = core::parse(
                &body,
                contentType.as_deref().unwrap_or(""),
                config.inner.key.expose(),
            )?;
            Ok(CardNotification { order })
        })
    }

    /// The literal acknowledgement, `SUCCESS`.
    pub fn acknowledgement() -> &'static str {
        core::ACK
    }

    /// The order object as an `IotPay\CardOrder`.
    pub fn get_order(&self) -> CardOrder {
        self.order.clone().into()
    }
});
