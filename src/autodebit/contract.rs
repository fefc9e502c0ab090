//! `IotPay\Autodebit\Contract`: the answer to contract signing (D52).

use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::autodebit;

/// Its status is usually 1 (pending): the payer has yet to sign.
#[php_class]
#[php(name = "IotPay\\Autodebit\\Contract")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Contract {
    inner: autodebit::Contract,
}

impl From<autodebit::Contract> for Contract {
    fn from(inner: autodebit::Contract) -> Self {
        Contract { inner }
    }
}

/// Defines the `#[php_impl]` of a class holding a contract's state as IOTPay
/// states it in `self.$field` (the signing answer, the contract callback):
/// the getters both have, plus the class's own items. (ext-php-rs takes one
/// `#[php_impl]` block per class and does not expand macros inside it.)
macro_rules! contract_methods {
    ($ty:ident, $field:ident, { $($own:tt)* }) => {
        #[php_impl]
        impl $ty {
            $($own)*

            pub fn get_mch_contract_id(&self) -> String {
                self.$field.mch_contract_id.clone()
            }
            /// `ContractStatus` codes: 1 pending, 2 signed, 9 terminated;
            /// -1 when the answer carries none.
            pub fn get_status(&self) -> i64 {
                self.$field.status.code()
            }
            pub fn get_status_name(&self) -> &'static str {
                self.$field.status.name()
            }
        }
    };
}
pub(crate) use contract_methods;

contract_methods!(Contract, inner, {
    pub fn get_iotpay_contract_id(&self) -> Option<String> {
        self.inner.iotpay_contract_id.clone()
    }
    /// Where the payer signs: redirect to it (WX_JSAPI), show it as a QR
    /// code (WX_MWEB) or open it from the app (WX_APP).
    pub fn get_sign_url(&self) -> Option<String> {
        self.inner.sign_url.clone()
    }
    /// WX_APP: WeChat SDK parameters, when IOTPay sends them.
    pub fn get_sign_params(&self) -> ZBox<ZendHashTable> {
        crate::php_array::pairs_to_array(&self.inner.sign_params)
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
});
