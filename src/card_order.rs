//! `IotPay\CardOrder`: the V3 order object (spec §15.2) of a purchase,
//! refund, void or query answer. Its getters are shared with
//! `IotPay\CardNotification`, whose body is the same object.

use crate::php_array::json_to_zval;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::v3;
use serde_json::{Map, Value as Json};

/// What `var_dump`/`print_r` show of card data: the masked number stays,
/// expiry date and holder never show (they stay readable through getters).
pub(crate) fn debug_array(raw: &Map<String, Json>) -> ZBox<ZendHashTable> {
    let mut ht = ZendHashTable::new();
    for (k, v) in raw {
        if matches!(k.as_str(), "expiryDate" | "holder") {
            let _ = ht.insert(k.as_str(), "[redacted]");
        } else {
            let _ = ht.insert(k.as_str(), json_to_zval(v));
        }
    }
    ht
}

/// Defines the `#[php_impl]` of a class holding a `v3::CardOrder` in
/// `self.$field`: the order object's getters, plus the class's own items.
/// (ext-php-rs takes one `#[php_impl]` block per class.)
macro_rules! card_order_methods {
    ($ty:ident, $field:ident, { $($own:tt)* }) => {
        #[php_impl]
        impl $ty {
            $($own)*

            /// IOTPay's transaction id (`PC…` payment, `RP…` refund/void).
            pub fn get_pay_order_id(&self) -> String {
                self.$field.pay_order_id.clone()
            }
            pub fn get_mch_id(&self) -> String {
                self.$field.mch_id.clone()
            }
            /// The merchant's number: a payment's `mchOrderNo`, a refund's
            /// or void's `mchRefundNo`.
            pub fn get_mch_order_no(&self) -> String {
                self.$field.mch_order_no.clone()
            }
            /// For a refund or void: the payment it reverses.
            pub fn get_original_order_id(&self) -> Option<String> {
                self.$field.original_order_id.clone()
            }
            /// Minor units.
            pub fn get_amount(&self) -> i64 {
                self.$field.amount
            }
            pub fn get_currency(&self) -> String {
                self.$field.currency.clone()
            }
            /// `pay` or `refund` (void and refund both), as sent.
            pub fn get_pay_type(&self) -> Option<String> {
                self.$field.pay_type.clone()
            }
            /// A refund or void record: never a payment.
            pub fn is_refund_record(&self) -> bool {
                self.$field.is_refund_record()
            }
            /// Minor units still refundable (0 on refund and void records).
            pub fn get_refundable(&self) -> Option<i64> {
                self.$field.refundable
            }
            /// 0 pending, 1 unknown, 2 success, 3 success (notified), 9
            /// failed; -1 when the answer stated none.
            pub fn get_status(&self) -> i64 {
                self.$field.status.code()
            }
            pub fn get_status_name(&self) -> &'static str {
                self.$field.status.name()
            }
            /// A payment that succeeded (status 2 or 3, not a refund record).
            pub fn is_paid(&self) -> bool {
                self.$field.is_paid()
            }
            /// Status 2 or 3: the payment, refund or void succeeded.
            pub fn is_success(&self) -> bool {
                self.$field.status.is_success()
            }
            /// Status 9: nothing was taken (or refunded).
            pub fn is_failed(&self) -> bool {
                self.$field.status.is_failed()
            }
            /// Neither success nor failure yet: query again later.
            pub fn is_pending(&self) -> bool {
                self.$field.status.is_pending()
            }
            /// As sent (`2021-04-07 19:44:51`); the time zone is not documented.
            pub fn get_pay_succ_time(&self) -> Option<String> {
                self.$field.pay_succ_time.clone()
            }
            /// Masked (`432567******2266`).
            pub fn get_card_num(&self) -> Option<String> {
                self.$field.card_num.clone()
            }
            /// `V` Visa, `M` Mastercard, `D` Interac.
            pub fn get_card_type(&self) -> Option<String> {
                self.$field.card_type.clone()
            }
            /// `MMYY`.
            pub fn get_expiry_date(&self) -> Option<String> {
                self.$field.expiry_date.clone()
            }
            pub fn get_invoice_num(&self) -> Option<String> {
                self.$field.invoice_num.clone()
            }
            pub fn get_auth_num(&self) -> Option<String> {
                self.$field.auth_num.clone()
            }
            pub fn get_trans_num(&self) -> Option<String> {
                self.$field.trans_num.clone()
            }
            /// `PF_CC`, `UPI_EX`, `CC_CA` (Apple Pay), `CC_CG` (Google Pay).
            pub fn get_channel(&self) -> Option<String> {
                self.$field.channel.clone()
            }
            pub fn get_capture(&self) -> Option<String> {
                self.$field.capture.clone()
            }
            /// The whole order object (no `sign`, no `cvv`, masked number).
            pub fn to_array(&self) -> ::ext_php_rs::boxed::ZBox<::ext_php_rs::types::ZendHashTable> {
                $crate::php_array::object_to_array(&self.$field.raw)
            }
            /// What `var_dump`/`print_r` show: the order object with the
            /// expiry date redacted.
            #[php(name = "__debugInfo")]
            pub fn debug_info(&self) -> ::ext_php_rs::boxed::ZBox<::ext_php_rs::types::ZendHashTable> {
                $crate::card_order::debug_array(&self.$field.raw)
            }
        }
    };
}
pub(crate) use card_order_methods;

#[php_class]
#[php(name = "IotPay\\CardOrder")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct CardOrder {
    pub(crate) inner: v3::CardOrder,
}

impl From<v3::CardOrder> for CardOrder {
    fn from(inner: v3::CardOrder) -> Self {
        CardOrder { inner }
    }
}

card_order_methods!(CardOrder, inner, {
    /// The answer stated no status: neither success nor failure; query it.
    const NOT_STATED: i64 = iotpay_core::v1::results::STATUS_NOT_STATED;
    const PENDING: i64 = 0;
    const UNKNOWN: i64 = 1;
    const SUCCESS: i64 = 2;
    const SUCCESS_NOTIFIED: i64 = 3;
    const FAILED: i64 = 9;
});
