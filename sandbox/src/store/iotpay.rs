//! IOTPay records: orders (v1, Autodebit, Credit Card V3), v1 refunds,
//! tokenised cards, card sessions and autodebit contracts.

use serde::{Deserialize, Serialize};

use crate::store::Delivery;

/// Which API created an order. Order numbers are unique per merchant within
/// v1+Autodebit (same host family) and separately within Credit Card V3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    V1,
    Autodebit,
    CcV3,
}

impl Family {
    pub fn namespace(self) -> u8 {
        match self {
            Family::V1 | Family::Autodebit => 0,
            Family::CcV3 => 1,
        }
    }
}

/// v1 / autodebit order status (spec §7.2); V3 uses 0, 1, 2, 3, 9 likewise.
pub mod status {
    pub const CREATED: i64 = 0;
    pub const PAYING: i64 = 1;
    pub const PAID: i64 = 2;
    pub const NOTIFIED: i64 = 3;
    pub const CANCELLED_BY_USER: i64 = 9;

    pub fn is_paid(s: i64) -> bool {
        s == PAID || s == NOTIFIED
    }
}

/// Card data kept for a V3 order (masked; no CVV is ever stored).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardData {
    pub card_num: String,
    pub card_type: String,
    pub expiry_date: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub pay_order_id: String,
    pub family: Option<Family>,
    /// API call that created it (`create_order`, `payForSubmit`, `cc_purchase`, ...).
    pub endpoint: String,
    pub mch_id: String,
    pub mch_order_no: String,
    /// v1 `channelId`, V3 `channel`.
    pub channel_id: String,
    pub currency: String,
    pub amount: i64,
    pub status: i64,
    pub created_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_succ_time: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_order_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qrcode_pay: Option<i64>,
    // Credit Card V3
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_order_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<CardData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secure_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mch_user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_num: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_num: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trans_num: Option<String>,
    /// V3 refunds/voids already taken from this payment.
    #[serde(default)]
    pub refunded: i64,
    // Autodebit
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mch_contract_id: Option<String>,
    #[serde(default)]
    pub notify: Delivery,
}

/// A v1 refund (D15/D16).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Refund {
    pub refund_order_id: String,
    pub mch_refund_no: String,
    pub pay_order_id: String,
    pub mch_id: String,
    pub refund_amount: i64,
    pub currency: String,
    pub status: i64,
    pub created_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_succ_time: Option<i64>,
    pub client_ip: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    pub login_name: String,
    /// A refund left pending by the `refund_pending_ms` fault becomes final
    /// (`final_status`) on the first read at or after this time (epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_status: Option<i64>,
}

/// v1 refund status (D16).
pub mod refund_status {
    pub const REFUNDING: i64 = 1;
    pub const SUCCESS: i64 = 2;
    pub const FAILED: i64 = 3;
}

/// A tokenised V3 card (`cc_addcard`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub mch_id: String,
    pub card_id: String,
    pub channel: String,
    pub card: CardData,
    pub holder: String,
    pub created_at: i64,
}

/// A `cc_addcard` session waiting for the card page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardSession {
    pub secure_id: String,
    pub mch_id: String,
    pub card_id: String,
    pub channel: String,
    pub return_url: String,
    pub done: bool,
}

/// An autodebit contract (§13).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub iotpay_contract_id: String,
    pub mch_contract_id: String,
    pub mch_id: String,
    pub channel_id: String,
    pub currency: String,
    pub notify_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    pub payer_name: String,
    /// 1 pending, 2 signed, 9 terminated.
    pub status: i64,
    pub signed_at: i64,
    pub cancelled_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_id: Option<String>,
    /// `(time, amount)` of each debit, for the WeChat limits.
    #[serde(default)]
    pub debits: Vec<(i64, i64)>,
}
