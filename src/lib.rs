//! The PHP binding: converts between PHP values and `iotpay-core` types and
//! nothing else. Every entry point runs through `exceptions::guard`.

#![cfg_attr(windows, feature(abi_vectorcall))]

mod autodebit;
mod card_info;
mod card_notification;
mod card_order;
mod card_session;
mod client;
mod client_ip;
mod config;
mod debug;
mod decision;
mod exceptions;
mod money;
mod notification;
mod php_array;
mod qr;
mod results;
mod signer;
mod sunbay;

use ext_php_rs::prelude::*;
use ext_php_rs::zend::ModuleEntry;
use ext_php_rs::{info_table_end, info_table_row, info_table_start};

pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The PHP API's version, `MAJOR.MINOR`, which callers such as the WooCommerce
/// plugin check before they use the extension: MINOR grows when something is
/// added, MAJOR when something a caller may rely on is removed or changes
/// meaning. It is separate from the crate version so that a release that only
/// fixes bugs does not look incompatible to anyone.
pub const API_VERSION: &str = "1.1";

/// The API version this process reports. With IOTPAY_ENABLE_TEST_HOOKS=1,
/// IOTPAY_TEST_FAKE_API_VERSION replaces it, so the plugin's tests can show
/// WordPress an older or newer-incompatible extension without a second build.
/// Read once, when PHP loads the module.
fn reported_api_version() -> String {
    if std::env::var("IOTPAY_ENABLE_TEST_HOOKS").as_deref() == Ok("1") {
        if let Ok(fake) = std::env::var("IOTPAY_TEST_FAKE_API_VERSION") {
            if !fake.is_empty() && fake.len() <= 16 {
                return fake;
            }
        }
    }
    API_VERSION.to_owned()
}

extern "C" fn php_module_info(_module: *mut ModuleEntry) {
    info_table_start!();
    info_table_row!("iotpay support", "enabled");
    info_table_row!("version", VERSION);
    info_table_row!("API version", reported_api_version());
    info_table_row!(
        "build",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    info_table_row!("TLS", "rustls (verification always on)");
    info_table_row!(
        "v1 base URL (default)",
        iotpay_core::config::DEFAULT_V1_BASE
    );
    info_table_row!(
        "Credit Card V3 base URL (default)",
        iotpay_core::config::DEFAULT_CC_BASE
    );
    info_table_row!(
        "Autodebit base URL (default)",
        iotpay_core::config::DEFAULT_AUTODEBIT_BASE
    );
    info_table_end!();
}

/// Module start-up (MINIT). Runs in the PHP-FPM master before it forks, so it
/// only installs a panic hook: no runtime, no client, no socket.
unsafe extern "C" fn startup(_type: i32, _module_number: i32) -> i32 {
    // A caught panic becomes an InternalException; one line on stderr is
    // enough for the error log (the default hook may print a backtrace).
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!("iotpay: internal error at {location} (reported to PHP as IotPay\\Exception\\InternalException)");
    }));
    0
}

#[php_module]
pub fn get_module(module: ModuleBuilder) -> ModuleBuilder {
    module
        .name("iotpay")
        .version(VERSION)
        .constant(("IotPay\\VERSION", VERSION, &[]))
        .constant(("IotPay\\API_VERSION", reported_api_version(), &[]))
        .class::<exceptions::IotPayException>()
        .class::<exceptions::ValidationException>()
        .class::<exceptions::SignatureException>()
        .class::<exceptions::TransportException>()
        .class::<exceptions::ProtocolException>()
        .class::<exceptions::GatewayException>()
        .class::<exceptions::ConfigException>()
        .class::<exceptions::InternalException>()
        .class::<config::Config>()
        .class::<signer::Signer>()
        .class::<money::Money>()
        .class::<results::OrderStatus>()
        .class::<results::CreateOrderResult>()
        .class::<results::PayForSubmitResult>()
        .class::<results::OrderResult>()
        .class::<results::RefundResult>()
        .class::<card_order::CardOrder>()
        .class::<card_session::CardSession>()
        .class::<card_info::CardInfo>()
        .class::<client::Client>()
        .class::<notification::Notification>()
        .class::<card_notification::CardNotification>()
        .class::<decision::Decision>()
        .class::<autodebit::contract_status::ContractStatus>()
        .class::<autodebit::contract::Contract>()
        .class::<autodebit::debit_result::DebitResult>()
        .class::<autodebit::limits::Limits>()
        .class::<autodebit::contract_notification::ContractNotification>()
        .class::<autodebit::contract_decision::ContractDecision>()
        .class::<qr::Qr>()
        .class::<client_ip::ClientIp>()
        .class::<debug::Debug>()
        .class::<sunbay::config::Config>()
        .class::<sunbay::session::Session>()
        .class::<sunbay::expired_session::ExpiredSession>()
        .class::<sunbay::transaction::Transaction>()
        .class::<sunbay::webhook_event::WebhookEvent>()
        .class::<sunbay::webhook::Webhook>()
        .class::<sunbay::client::Client>()
        .startup_function(startup)
        .info_function(php_module_info)
}
