//! `IotPay\Debug`: hooks the test suite uses to prove failure handling. They
//! do nothing unless IOTPAY_ENABLE_TEST_HOOKS=1 is in the environment.

use crate::exceptions::guard;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use iotpay_core::Error;

#[php_class]
#[php(name = "IotPay\\Debug")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Debug;

fn enabled() -> Result<(), Error> {
    if std::env::var("IOTPAY_ENABLE_TEST_HOOKS").as_deref() == Ok("1") {
        Ok(())
    } else {
        Err(Error::validation(
            "IOTPAY_ENABLE_TEST_HOOKS",
            "test hooks are disabled",
        ))
    }
}

#[php_impl]
impl Debug {
    /// Panics inside the extension, to prove PHP receives an exception.
    pub fn panic(message: &str) -> PhpResult<bool> {
        guard(|| {
            enabled()?;
            panic!("{}", message.chars().take(200).collect::<String>());
        })
    }
}
