//! Result objects returned by `IotPay\Client`. Getters only; `toArray()` gives
//! the whole answer for fields not modelled.

use crate::php_array::{object_to_array, pairs_to_array};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::v1::{self, OrderStatus as CoreStatus, RefundStatus as CoreRefundStatus};

/// An order status (spec §7.2): 0 created, 1 paying, 2 paid, 3 paid and
/// notified, 4 cancelled by the system, 9 cancelled by the user.
#[php_class]
#[php(name = "IotPay\\OrderStatus")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct OrderStatus {
    inner: CoreStatus,
}

#[php_impl]
impl OrderStatus {
    /// Reported when an answer carries no status.
    const UNKNOWN: i64 = v1::results::STATUS_NOT_STATED;
    const CREATED: i64 = 0;
    const PAYING: i64 = 1;
    const PAID: i64 = 2;
    const PAID_NOTIFIED: i64 = 3;
    const CANCELLED_BY_SYSTEM: i64 = 4;
    const CANCELLED_BY_USER: i64 = 9;

    pub fn from_code(code: i64) -> Self {
        OrderStatus {
            inner: CoreStatus::from_code(code),
        }
    }
    pub fn get_code(&self) -> i64 {
        self.inner.code()
    }
    /// `created`, `paying`, `paid`, `paid_notified`, `cancelled_by_system`,
    /// `cancelled_by_user` or `unknown`.
    pub fn get_name(&self) -> &'static str {
        self.inner.name()
    }
    /// Status 2 or 3: the money is taken.
    pub fn is_paid(&self) -> bool {
        self.inner.is_paid()
    }
    pub fn is_pending(&self) -> bool {
        self.inner.is_pending()
    }
    pub fn is_cancelled(&self) -> bool {
        self.inner.is_cancelled()
    }
}

#[php_class]
#[php(name = "IotPay\\CreateOrderResult")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct CreateOrderResult {
    inner: v1::CreateOrderResult,
}

impl From<v1::CreateOrderResult> for CreateOrderResult {
    fn from(inner: v1::CreateOrderResult) -> Self {
        CreateOrderResult { inner }
    }
}

impl CreateOrderResult {
    fn status(&self) -> CoreStatus {
        self.inner
            .status
            .unwrap_or(CoreStatus::Unknown(v1::results::STATUS_NOT_STATED))
    }
}

#[php_impl]
impl CreateOrderResult {
    pub fn get_pay_order_id(&self) -> Option<String> {
        self.inner.pay_order_id.clone()
    }
    pub fn get_mch_order_no(&self) -> Option<String> {
        self.inner.mch_order_no.clone()
    }
    /// WX_NATIVE: the content of the QR code to show.
    pub fn get_code_url(&self) -> Option<String> {
        self.inner.code_url.clone()
    }
    /// ALIPAY_QR / UPI_QR: the content of the QR code to show.
    pub fn get_qr_code(&self) -> Option<String> {
        self.inner.qr_code.clone()
    }
    /// ALIPAY_PC / ALIPAY_WAP / UPI_SEQ: where to redirect the browser.
    pub fn get_redirect_url(&self) -> Option<String> {
        self.inner.redirect_url.clone()
    }
    /// Mini-program and app channels: the wallet SDK parameters.
    pub fn get_pay_params(&self) -> ZBox<ZendHashTable> {
        pairs_to_array(&self.inner.pay_params)
    }
    /// Barcode channels and CC_PAX report a status at once (spec §7.2
    /// codes); -1 (`OrderStatus::UNKNOWN`) when the answer carries none.
    pub fn get_status(&self) -> i64 {
        self.status().code()
    }
    pub fn get_status_name(&self) -> &'static str {
        self.status().name()
    }
    /// Barcode channels: paid at once (status 2 or 3).
    pub fn is_paid(&self) -> bool {
        self.status().is_paid()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}

#[php_class]
#[php(name = "IotPay\\PayForSubmitResult")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct PayForSubmitResult {
    inner: v1::PayForSubmitResult,
}

impl From<v1::PayForSubmitResult> for PayForSubmitResult {
    fn from(inner: v1::PayForSubmitResult) -> Self {
        PayForSubmitResult { inner }
    }
}

#[php_impl]
impl PayForSubmitResult {
    /// Redirect the WeChat in-app browser here.
    pub fn get_url(&self) -> Option<String> {
        self.inner.url.clone()
    }
    /// With `qrcode_pay` = 1: the QR content.
    pub fn get_code_url(&self) -> Option<String> {
        self.inner.code_url.clone()
    }
    pub fn get_pay_order_id(&self) -> Option<String> {
        self.inner.pay_order_id.clone()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}

/// Defines the `#[php_impl]` of a class holding one v1 payment as IOTPay
/// states it in `self.$field` (a `v1::OrderInfo`, a `Notification`, a
/// `DebitResult`: the same §7 fields under the same names): the getters
/// every such class has, plus the class's own items. One definition, so
/// that the query answer, the notification and the debit answer cannot
/// drift apart in what they say of a payment. (ext-php-rs takes one
/// `#[php_impl]` block per class and does not expand macros inside it.)
macro_rules! payment_methods {
    ($ty:ident, $field:ident, { $($own:tt)* }) => {
        #[php_impl]
        impl $ty {
            $($own)*

            pub fn get_mch_id(&self) -> String {
                self.$field.mch_id.clone()
            }
            pub fn get_mch_order_no(&self) -> String {
                self.$field.mch_order_no.clone()
            }
            pub fn get_currency(&self) -> String {
                self.$field.currency.clone()
            }
            /// Minor units.
            pub fn get_amount(&self) -> i64 {
                self.$field.amount
            }
            /// The order status code (spec §7.2; `IotPay\OrderStatus`
            /// constants).
            pub fn get_status(&self) -> i64 {
                self.$field.status.code()
            }
            /// `created`, `paying`, `paid`, `paid_notified`,
            /// `cancelled_by_system`, `cancelled_by_user` or `unknown`.
            pub fn get_status_name(&self) -> &'static str {
                self.$field.status.name()
            }
            /// Status 2 or 3: the money is taken.
            pub fn is_paid(&self) -> bool {
                self.$field.status.is_paid()
            }
            pub fn get_channel_order_no(&self) -> Option<String> {
                self.$field.channel_order_no.clone()
            }
            /// Epoch milliseconds.
            pub fn get_pay_succ_time(&self) -> Option<i64> {
                self.$field.pay_succ_time
            }
        }
    };
}
pub(crate) use payment_methods;

#[php_class]
#[php(name = "IotPay\\OrderResult")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct OrderResult {
    pub(crate) inner: v1::OrderInfo,
}

impl From<v1::OrderInfo> for OrderResult {
    fn from(inner: v1::OrderInfo) -> Self {
        OrderResult { inner }
    }
}

payment_methods!(OrderResult, inner, {
    pub fn get_pay_order_id(&self) -> Option<String> {
        self.inner.pay_order_id.clone()
    }
    pub fn get_channel_id(&self) -> Option<String> {
        self.inner.channel_id.clone()
    }
    /// Status 0 or 1: still open.
    pub fn is_pending(&self) -> bool {
        self.inner.status.is_pending()
    }
    /// Status 4 or 9: can no longer be paid.
    pub fn is_cancelled(&self) -> bool {
        self.inner.status.is_cancelled()
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
});

#[php_class]
#[php(name = "IotPay\\RefundResult")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct RefundResult {
    inner: v1::RefundInfo,
}

impl From<v1::RefundInfo> for RefundResult {
    fn from(inner: v1::RefundInfo) -> Self {
        RefundResult { inner }
    }
}

#[php_impl]
impl RefundResult {
    /// The answer stated no status: neither success nor failure; query it.
    const UNKNOWN: i64 = v1::results::STATUS_NOT_STATED;
    const CREATED: i64 = 0;
    const REFUNDING: i64 = 1;
    const SUCCESS: i64 = 2;
    const FAILED: i64 = 3;

    pub fn get_refund_order_id(&self) -> Option<String> {
        self.inner.refund_order_id.clone()
    }
    pub fn get_mch_refund_no(&self) -> Option<String> {
        self.inner.mch_refund_no.clone()
    }
    pub fn get_pay_order_id(&self) -> Option<String> {
        self.inner.pay_order_id.clone()
    }
    /// Minor units.
    pub fn get_refund_amount(&self) -> Option<i64> {
        self.inner.refund_amount
    }
    pub fn get_currency(&self) -> Option<String> {
        self.inner.currency.clone()
    }
    /// 0 created, 1 refunding, 2 success, 3 failed (SPEC-DECISIONS D16);
    /// -1 (`UNKNOWN`) when the answer stated none.
    pub fn get_status(&self) -> i64 {
        self.inner.status.code()
    }
    pub fn get_status_name(&self) -> &'static str {
        self.inner.status.name()
    }
    pub fn is_success(&self) -> bool {
        self.inner.status == CoreRefundStatus::Success
    }
    pub fn is_failed(&self) -> bool {
        self.inner.status == CoreRefundStatus::Failed
    }
    /// Epoch milliseconds.
    pub fn get_refund_succ_time(&self) -> Option<i64> {
        self.inner.refund_succ_time
    }
    pub fn to_array(&self) -> ZBox<ZendHashTable> {
        object_to_array(&self.inner.raw)
    }
}
