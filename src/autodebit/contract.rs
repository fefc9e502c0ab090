//! `IotPay\Autodebit\Contract`: the answer to contract signing (D52).

use crate::php_array::object_to_array;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::autodebit;

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

#[php_impl]
impl Contract {
    pub fn get_iotpay_contract_id(&self) -> Option<String> {
        self.inner.iotpay_contract_id.clone()
    }
    pub fn get_mch_contract_id(&self) -> String {
        self.inner.mch_contract_id.clone()
    }
    /// `ContractStatus` codes: 1 pending (the usual answer), 2 signed, 9
    /// terminated; -1 when the answer carries none.
    pub fn get_status(&self) -> i64 {
        self.inner.status.code()
    }
    pub fn get_status_name(&self) -> &'static str {
        self.inner.status.name()
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
}
