//! `IotPay\CardInfo`: a stored card as `Client::ccQueryCard()` tells it.
//! The answer's `cvv` is never kept (D29).

use crate::card_order::debug_array;
use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::v3;

#[php_class]
#[php(name = "IotPay\\CardInfo")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct CardInfo {
    inner: v3::CardInfo,
}

impl From<v3::CardInfo> for CardInfo {
    fn from(inner: v3::CardInfo) -> Self {
        CardInfo { inner }
    }
}

#[php_impl]
impl CardInfo {
    pub fn get_card_id(&self) -> Option<String> {
        self.inner.card_id.clone()
    }
    /// Masked (`432567******2266`).
    pub fn get_card_num(&self) -> Option<String> {
        self.inner.card_num.clone()
    }
    /// `cardType` as sent, if any.
    pub fn get_card_type(&self) -> Option<String> {
        self.inner.card_type.clone()
    }
    /// `V`, `M` or `D`: cardType, else read from the masked number (D28).
    pub fn get_brand(&self) -> Option<String> {
        self.inner.brand()
    }
    /// `MMYY`.
    pub fn get_expiry_date(&self) -> Option<String> {
        self.inner.expiry_date.clone()
    }
    pub fn get_holder(&self) -> Option<String> {
        self.inner.holder.clone()
    }
    /// The answer without `cvv`, number masked.
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
    /// What `var_dump`/`print_r` show: expiry date and holder redacted.
    #[php(name = "__debugInfo")]
    pub fn debug_info(&self) -> ZBox<ZendHashTable> {
        debug_array(&self.inner.raw)
    }
}
