//! `IotPay\CardSession`: what `Client::ccPurchase()` and `ccAddCard()`
//! answer — IOTPay's hosted card page and the embedded form's session id.

use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::v3;

#[php_class]
#[php(name = "IotPay\\CardSession")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct CardSession {
    inner: v3::CardSession,
}

impl From<v3::CardSession> for CardSession {
    fn from(inner: v3::CardSession) -> Self {
        CardSession { inner }
    }
}

#[php_impl]
impl CardSession {
    /// Redirected integration: send the customer's browser here.
    pub fn get_redirect_url(&self) -> String {
        self.inner.redirect_url.clone()
    }
    /// Embedded integration: hand this to IOTPay's card form (iotpaycc.js).
    pub fn get_secure_id(&self) -> Option<String> {
        self.inner.secure_id.clone()
    }
    /// IOTPay's transaction id, when the answer carries one (not documented).
    pub fn get_pay_order_id(&self) -> Option<String> {
        self.inner.pay_order_id.clone()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}
