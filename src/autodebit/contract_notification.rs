//! `IotPay\Autodebit\ContractNotification`: a verified contract status
//! callback (§13.4). A debit's payment callback is an `IotPay\Notification`.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase (fromRequest's, from callback_methods!); ext-php-rs has no
// renaming for them.
#![allow(non_snake_case)]

use super::contract::contract_methods;
use crate::notification::callback_methods;
use crate::php_array::pairs_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::autodebit::{notification as core, ContractStatus};

#[php_class]
#[php(name = "IotPay\\Autodebit\\ContractNotification")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct ContractNotification {
    pub(crate) inner: core::ContractNotification,
}

callback_methods!(contract_methods, ContractNotification, core, {
    pub fn get_iotpay_contract_id(&self) -> String {
        self.inner.iotpay_contract_id.clone()
    }
    pub fn is_signed(&self) -> bool {
        self.inner.status == ContractStatus::Signed
    }
    pub fn is_terminated(&self) -> bool {
        self.inner.status == ContractStatus::Terminated
    }
    /// Epoch ms, or null.
    pub fn get_signed_at(&self) -> Option<i64> {
        self.inner.signed_at
    }
    /// Epoch ms, or null when not terminated.
    pub fn get_cancelled_at(&self) -> Option<i64> {
        self.inner.cancelled_at
    }
    /// WeChat's contract id.
    pub fn get_contract_id(&self) -> Option<String> {
        self.inner.contract_id.clone()
    }
    pub fn get_open_id(&self) -> Option<String> {
        self.inner.open_id.clone()
    }
    pub fn get_mch_id(&self) -> Option<String> {
        self.inner.mch_id.clone()
    }
    /// Every verified field (without `sign`).
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        pairs_to_array(&self.inner.fields)
    }
});
