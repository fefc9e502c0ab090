//! SUNBAY Nexus records: hosted-page sessions, transactions (sales and
//! refunds), the `transactionRequestId` index and the `X-Client-Request-Id`s
//! seen in the last ten minutes.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::store::Delivery;

/// `transactionStatus` letters (§7).
pub mod tx_status {
    pub const INITIAL: &str = "I";
    pub const PROCESSING: &str = "P";
    pub const SUCCESS: &str = "S";
    pub const FAIL: &str = "F";
    pub const CLOSED: &str = "C";

    pub fn is_final(s: &str) -> bool {
        matches!(s, SUCCESS | FAIL | CLOSED)
    }

    /// The long name some SDK comments and the webhook page use (D42).
    pub fn long_name(s: &str) -> &'static str {
        match s {
            INITIAL => "INITIAL",
            PROCESSING => "PROCESSING",
            SUCCESS => "SUCCESS",
            FAIL => "FAIL",
            _ => "CLOSED",
        }
    }
}

/// `transactionType` values the online API produces.
pub mod tx_type {
    pub const SALE: &str = "SALE";
    pub const REFUND: &str = "REFUND";
}

/// An amount object (§6) in minor units.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Amounts {
    pub order_amount: i64,
    #[serde(default)]
    pub tax_amount: i64,
    #[serde(default)]
    pub surcharge_amount: i64,
    #[serde(default)]
    pub tip_amount: i64,
    pub currency: String,
}

impl Amounts {
    /// `transAmount`: what the shopper pays (or gets back).
    pub fn total(&self) -> i64 {
        self.order_amount + self.tax_amount + self.surcharge_amount + self.tip_amount
    }
}

/// A hosted-payment-page session (`create-session`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub session_id: String,
    pub transaction_request_id: String,
    pub reference_order_id: String,
    pub description: String,
    pub amount: Amounts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product_list: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merchant_return_url: Option<String>,
    #[serde(default)]
    pub collect_billing_address: bool,
    #[serde(default)]
    pub collect_shipping_address: bool,
    pub created_at: i64,
    pub expires_at: i64,
    /// Set when the session expired (by time or `expire-session`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expired_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expire_reason: Option<String>,
    /// The transaction created when the shopper opened the page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transaction_id: Option<String>,
}

/// Delivery state of a transaction's webhooks.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WebhookState {
    /// Webhooks scheduled (one per final state reached).
    pub events: u32,
    /// The attempts of all of them, flattened: the admin API shows
    /// `attempts`, `delivered`, ... beside `events`.
    #[serde(flatten)]
    pub delivery: Delivery,
}

/// A sale (hosted page or wallet) or a refund.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Transaction {
    pub transaction_id: String,
    pub transaction_request_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference_order_id: Option<String>,
    pub transaction_type: String,
    pub status: String,
    pub amount: Amounts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attach: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_transaction_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_transaction_request_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_id: Option<String>,
    /// `CARD` (hosted page), `GOOGLE_PAY`, `APPLE_PAY`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    pub create_time: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complete_time: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub masked_pan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rrn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_msg: Option<String>,
    /// A refund left `P` by the `refund_pending_ms` fault becomes
    /// `final_status` at this time (epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_status: Option<String>,
    #[serde(default)]
    pub webhook: WebhookState,
}

/// What a `transactionRequestId` was used for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "kind", content = "id")]
pub enum RequestUse {
    Session(String),
    Sale(String),
    Refund(String),
}

/// Everything SUNBAY keeps.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SunbayState {
    #[serde(default)]
    pub sessions: BTreeMap<String, Session>,
    #[serde(default)]
    pub transactions: BTreeMap<String, Transaction>,
    /// `transactionRequestId` → its first use (§5: a repeat gets the first result).
    #[serde(default)]
    pub request_ids: BTreeMap<String, RequestUse>,
    /// `X-Client-Request-Id` of each POST → when it was seen (S11 window).
    #[serde(default)]
    pub client_request_ids: BTreeMap<String, i64>,
    /// Session lifetime set on the admin API (ms); `None` = the flag's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session_ttl_ms: Option<u64>,
}

impl Transaction {
    /// A new transaction in `I` (initial), nothing about it known yet: what a
    /// hosted-page sale, a wallet sale and a refund all start as before each
    /// adds its own details (and `settle` its outcome).
    pub fn initial(
        transaction_id: String,
        transaction_request_id: String,
        transaction_type: &str,
        amount: Amounts,
        create_time: i64,
    ) -> Self {
        Transaction {
            transaction_id,
            transaction_request_id,
            reference_order_id: None,
            transaction_type: transaction_type.to_owned(),
            status: tx_status::INITIAL.to_owned(),
            amount,
            description: None,
            attach: None,
            original_transaction_id: None,
            original_transaction_request_id: None,
            session_id: None,
            payment_method: None,
            notify_url: None,
            create_time,
            complete_time: None,
            masked_pan: None,
            auth_code: None,
            rrn: None,
            result_code: None,
            result_msg: None,
            settle_at: None,
            final_status: None,
            webhook: WebhookState::default(),
        }
    }
}

impl SunbayState {
    /// The transaction a `transactionRequestId` stands for, if one exists
    /// (a session's only once the shopper opened its page).
    pub fn transaction_by_request_id(&self, id: &str) -> Option<&Transaction> {
        let tx_id = match self.request_ids.get(id)? {
            RequestUse::Session(sid) => self.sessions.get(sid)?.transaction_id.as_ref()?,
            RequestUse::Sale(t) | RequestUse::Refund(t) => t,
        };
        self.transactions.get(tx_id)
    }

    /// The transaction a request names by `transactionId` or by
    /// `transactionRequestId`; the id wins when both are sent (§5). A query
    /// and a refund's original transaction are found alike.
    pub fn transaction_named(
        &self,
        id: Option<&str>,
        request_id: Option<&str>,
    ) -> Option<&Transaction> {
        match id {
            Some(id) => self.transactions.get(id),
            None => request_id.and_then(|r| self.transaction_by_request_id(r)),
        }
    }

    /// Money refunded or being refunded from a sale (refunds not failed or closed).
    pub fn refund_reserved(&self, sale_id: &str) -> i64 {
        self.refunds_of(sale_id)
            .filter(|r| r.status != tx_status::FAIL && r.status != tx_status::CLOSED)
            .map(|r| r.amount.total())
            .sum()
    }

    /// Money refunded (`S`) from a sale.
    pub fn refunded(&self, sale_id: &str) -> i64 {
        self.refunds_of(sale_id)
            .filter(|r| r.status == tx_status::SUCCESS)
            .map(|r| r.amount.total())
            .sum()
    }

    pub fn refunds_of<'a>(&'a self, sale_id: &'a str) -> impl Iterator<Item = &'a Transaction> {
        self.transactions.values().filter(move |t| {
            t.transaction_type == tx_type::REFUND
                && t.original_transaction_id.as_deref() == Some(sale_id)
        })
    }
}
