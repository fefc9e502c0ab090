//! `IotPay\Autodebit\ContractStatus`: a contract's state (§13.4).

use ext_php_rs::prelude::*;
use iotpay_core::autodebit::ContractStatus as Core;

#[php_class]
#[php(name = "IotPay\\Autodebit\\ContractStatus")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct ContractStatus {
    inner: Core,
}

#[php_impl]
impl ContractStatus {
    /// Reported when an answer carries no status.
    const UNKNOWN: i64 = -1;
    const PENDING: i64 = 1;
    const SIGNED: i64 = 2;
    const TERMINATED: i64 = 9;

    pub fn from_code(code: i64) -> Self {
        ContractStatus {
            inner: Core::from_code(code),
        }
    }
    pub fn get_code(&self) -> i64 {
        self.inner.code()
    }
    /// `pending`, `signed`, `terminated` or `unknown`.
    pub fn get_name(&self) -> &'static str {
        self.inner.name()
    }
    /// Only a signed contract may be debited.
    pub fn is_signed(&self) -> bool {
        self.inner == Core::Signed
    }
    /// Final: never debit it again.
    pub fn is_terminated(&self) -> bool {
        self.inner == Core::Terminated
    }
}
