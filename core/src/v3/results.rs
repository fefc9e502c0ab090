//! Typed V3 answers: the order object (§15.2) of purchases, refunds, voids,
//! queries and notifications; the hosted/embedded session of `cc_purchase` /
//! `cc_addcard`; the stored card of `cc_querycard`.
//!
//! Card data is cleaned on the way in (D29): a `cvv` is dropped wherever it
//! appears (§15.8 lists one in `cc_querycard`'s answer) and a `cardNum` that
//! arrives unmasked is masked, so no copy of either is kept or shown.

use crate::error::{Error, Result};
use crate::response::{int_field, str_field};
use crate::v1::results::STATUS_NOT_STATED;
use serde_json::{Map, Value as Json};

/// The V3 transaction status (spec §15.2, D27).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardStatus {
    /// 0: not finished yet.
    Pending,
    /// 1: the processor's outcome is not known yet.
    Unknown,
    /// 2: succeeded.
    Success,
    /// 3: succeeded (and, per third-party types, the merchant was notified).
    SuccessNotified,
    /// 9: failed (declined, refused); nothing was taken.
    Failed,
    /// Any other code, or -1 when the answer stated none.
    Other(i64),
}

impl CardStatus {
    pub fn from_code(c: i64) -> Self {
        match c {
            0 => CardStatus::Pending,
            1 => CardStatus::Unknown,
            2 => CardStatus::Success,
            3 => CardStatus::SuccessNotified,
            9 => CardStatus::Failed,
            other => CardStatus::Other(other),
        }
    }

    pub fn code(self) -> i64 {
        match self {
            CardStatus::Pending => 0,
            CardStatus::Unknown => 1,
            CardStatus::Success => 2,
            CardStatus::SuccessNotified => 3,
            CardStatus::Failed => 9,
            CardStatus::Other(c) => c,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            CardStatus::Pending => "pending",
            CardStatus::Unknown => "unknown",
            CardStatus::Success => "success",
            CardStatus::SuccessNotified => "success_notified",
            CardStatus::Failed => "failed",
            CardStatus::Other(STATUS_NOT_STATED) => "not_stated",
            CardStatus::Other(_) => "unknown",
        }
    }

    /// 2 or 3 (spec §1.5: "status is 2 or 3").
    pub fn is_success(self) -> bool {
        matches!(self, CardStatus::Success | CardStatus::SuccessNotified)
    }

    /// 9.
    pub fn is_failed(self) -> bool {
        self == CardStatus::Failed
    }

    /// Neither success nor failure: 0, 1, an unknown code or none. The
    /// outcome is open; query again later (never book it either way).
    pub fn is_pending(self) -> bool {
        !self.is_success() && !self.is_failed()
    }
}

/// Masks a card number that arrived with more than its first six and last
/// four digits visible (`4325670000002266` → `432567******2266`). A number
/// that is already masked (or is not a card number) is kept as sent.
pub fn mask_pan(s: &str) -> String {
    let digits = s.bytes().filter(u8::is_ascii_digit).count();
    if digits <= 10 || s.contains('*') {
        return s.to_string();
    }
    let clean: String = s.chars().filter(char::is_ascii_digit).collect();
    format!(
        "{}{}{}",
        &clean[..6],
        "*".repeat(clean.len() - 10),
        &clean[clean.len() - 4..]
    )
}

/// Drops `sign` and any `cvv`, masks `cardNum` (D29). Every result and
/// notification keeps only what this returns.
fn clean(mut raw: Map<String, Json>) -> Map<String, Json> {
    raw.shift_remove("sign");
    raw.shift_remove("cvv");
    if let Some(Json::String(n)) = raw.get_mut("cardNum") {
        *n = mask_pan(n);
    }
    raw
}

/// A field that could not be read: the field and what is wrong with it.
/// Answers turn it into a protocol error, notifications into a validation
/// error (as for v1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: &'static str,
    pub reason: &'static str,
}

impl FieldError {
    pub fn into_protocol(self, what: &str) -> Error {
        Error::Protocol(format!("{what} {} {}", self.field, self.reason))
    }
    pub fn into_validation(self) -> Error {
        Error::validation(self.field, self.reason)
    }
}

/// The V3 order object (spec §15.2): a payment (`payType` `pay`) or a refund
/// or void record (`payType` `refund`, `mchOrderNo` = the `mchRefundNo`,
/// `originalOrderId` = the payment's id).
#[derive(Debug, Clone)]
pub struct CardOrder {
    pub pay_order_id: String,
    pub mch_id: String,
    pub mch_order_no: String,
    pub original_order_id: Option<String>,
    pub currency: String,
    pub amount: i64,
    pub pay_type: Option<String>,
    pub refundable: Option<i64>,
    pub status: CardStatus,
    /// As sent (`2021-04-07 19:44:51`); its time zone is not documented (Gap 17).
    pub pay_succ_time: Option<String>,
    /// Masked.
    pub card_num: Option<String>,
    pub card_type: Option<String>,
    pub expiry_date: Option<String>,
    pub invoice_num: Option<String>,
    pub auth_num: Option<String>,
    pub trans_num: Option<String>,
    pub channel: Option<String>,
    pub capture: Option<String>,
    /// The whole object as received, cleaned (no `sign`, no `cvv`, masked PAN).
    pub raw: Map<String, Json>,
}

impl CardOrder {
    /// Reads an order object. `mch_id` fills a missing `mchId` (an answer
    /// to our own signed request); `None` makes it required (a notification).
    pub fn from_map(
        raw: Map<String, Json>,
        mch_id: Option<&str>,
    ) -> std::result::Result<Self, FieldError> {
        let raw = clean(raw);
        let req = |field: &'static str| {
            str_field(&raw, field).ok_or(FieldError {
                field,
                reason: "is missing",
            })
        };
        let int = |field: &'static str| {
            int_field(&raw, field).map_err(|_| FieldError {
                field,
                reason: "is not an integer",
            })
        };
        let amount = int("amount")?.ok_or(FieldError {
            field: "amount",
            reason: "is missing",
        })?;
        if amount < 0 {
            return Err(FieldError {
                field: "amount",
                reason: "is negative",
            });
        }
        // An answer that does not state the outcome is neither success nor
        // failure (as for v1 refunds, D16).
        let status = CardStatus::from_code(int("status")?.unwrap_or(STATUS_NOT_STATED));
        let mch_id = match (str_field(&raw, "mchId"), mch_id) {
            (Some(m), _) => m,
            (None, Some(m)) => m.to_string(),
            (None, None) => req("mchId")?,
        };
        Ok(CardOrder {
            pay_order_id: req("payOrderId")?,
            mch_id,
            mch_order_no: req("mchOrderNo")?,
            original_order_id: str_field(&raw, "originalOrderId"),
            currency: req("currency")?,
            amount,
            pay_type: str_field(&raw, "payType"),
            refundable: int("refundable")?,
            status,
            pay_succ_time: str_field(&raw, "paySuccTime"),
            card_num: str_field(&raw, "cardNum"),
            card_type: str_field(&raw, "cardType"),
            expiry_date: str_field(&raw, "expiryDate"),
            invoice_num: str_field(&raw, "invoiceNum"),
            auth_num: str_field(&raw, "authNum"),
            trans_num: str_field(&raw, "transNum"),
            channel: str_field(&raw, "channel"),
            capture: str_field(&raw, "capture"),
            raw,
        })
    }

    /// A refund or void record, never a payment: `payType` is `refund`, or
    /// it names an original payment (`originalOrderId` is only set on those,
    /// §15.2). Such a record never completes an order (D30).
    pub fn is_refund_record(&self) -> bool {
        self.pay_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("refund"))
            || self.original_order_id.is_some()
    }

    /// A payment that succeeded: the money is taken.
    pub fn is_paid(&self) -> bool {
        self.status.is_success() && !self.is_refund_record()
    }
}

/// What `cc_purchase` and `cc_addcard` answer: the hosted page and, for the
/// embedded form, the session id (spec §15.3, §15.5, §15.6).
#[derive(Debug, Clone)]
pub struct CardSession {
    pub redirect_url: String,
    pub secure_id: Option<String>,
    /// Not documented in the answer; kept when a server sends it.
    pub pay_order_id: Option<String>,
    pub raw: Map<String, Json>,
}

impl CardSession {
    /// A success without the hosted page's URL cannot be used: a protocol
    /// error (as D23 for v1).
    pub fn from_map(raw: Map<String, Json>, endpoint: &str) -> Result<Self> {
        let raw = clean(raw);
        let redirect_url = str_field(&raw, "redirectUrl")
            .ok_or_else(|| Error::Protocol(format!("{endpoint} succeeded without redirectUrl")))?;
        Ok(CardSession {
            redirect_url,
            secure_id: str_field(&raw, "secureId"),
            pay_order_id: str_field(&raw, "payOrderId"),
            raw,
        })
    }
}

/// A stored card as `cc_querycard` tells it (spec §15.8). Its `cvv` is
/// dropped (D29).
#[derive(Debug, Clone)]
pub struct CardInfo {
    pub card_id: Option<String>,
    /// Masked.
    pub card_num: Option<String>,
    /// As sent (`V`, `M`, `D`); §15.8 does not list it.
    pub card_type: Option<String>,
    pub expiry_date: Option<String>,
    pub holder: Option<String>,
    pub raw: Map<String, Json>,
}

impl CardInfo {
    pub fn from_map(raw: Map<String, Json>) -> Self {
        let raw = clean(raw);
        CardInfo {
            card_id: str_field(&raw, "cardId"),
            card_num: str_field(&raw, "cardNum"),
            card_type: str_field(&raw, "cardType"),
            expiry_date: str_field(&raw, "expiryDate"),
            holder: str_field(&raw, "holder"),
            raw,
        }
    }

    /// The brand code (`V`, `M`, `D`): `cardType` when sent, else read from
    /// the visible first digits of the masked number (4 Visa; 51–55 and
    /// 2221–2720 Mastercard). `None` when neither tells (D28).
    pub fn brand(&self) -> Option<String> {
        if let Some(t) = &self.card_type {
            return Some(t.clone());
        }
        let n = self.card_num.as_deref()?;
        let prefix = |len: usize| -> Option<u32> {
            let p = n.get(..len)?;
            p.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| p.parse().ok())
                .flatten()
        };
        if prefix(1) == Some(4) {
            return Some("V".into());
        }
        if prefix(2).is_some_and(|p| (51..=55).contains(&p))
            || prefix(4).is_some_and(|p| (2221..=2720).contains(&p))
        {
            return Some("M".into());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::obj;

    const PAYMENT: &str = r#"{"payOrderId":"PC20240101231256043886634219","mchId":"10000701","mchOrderNo":"1234567890abc","originalOrderId":"","currency":"CAD","amount":1500,"payType":"pay","refundable":1500,"status":2,"paySuccTime":"2021-04-07 19:44:51","cardNum":"432567******2266","cardType":"V","expiryDate":"0725","invoiceNum":"832828793487","authNum":"PPS009","transNum":"000108583539","channel":"PF_CC","capture":"Y"}"#;

    #[test]
    fn spec_order_object() {
        let o = CardOrder::from_map(obj(PAYMENT), None).unwrap();
        assert_eq!(o.amount, 1500);
        assert_eq!(o.refundable, Some(1500));
        assert!(o.is_paid());
        assert!(!o.is_refund_record());
        assert_eq!(o.original_order_id, None);
        assert_eq!(o.card_num.as_deref(), Some("432567******2266"));
        assert_eq!(o.pay_succ_time.as_deref(), Some("2021-04-07 19:44:51"));
        assert_eq!(o.channel.as_deref(), Some("PF_CC"));
    }

    #[test]
    fn refund_records_are_never_payments() {
        let mut m = obj(PAYMENT);
        m.insert("payType".into(), "refund".into());
        let o = CardOrder::from_map(m, None).unwrap();
        assert!(o.is_refund_record());
        assert!(o.status.is_success());
        assert!(!o.is_paid());
        let mut m = obj(PAYMENT);
        m.insert("originalOrderId".into(), "PC1".into());
        assert!(!CardOrder::from_map(m, None).unwrap().is_paid());
        let mut m = obj(PAYMENT);
        m.insert("payType".into(), "REFUND".into());
        assert!(CardOrder::from_map(m, None).unwrap().is_refund_record());
    }

    #[test]
    fn statuses() {
        for (code, name, success, failed) in [
            (0, "pending", false, false),
            (1, "unknown", false, false),
            (2, "success", true, false),
            (3, "success_notified", true, false),
            (9, "failed", false, true),
            (7, "unknown", false, false),
            (-1, "not_stated", false, false),
        ] {
            let s = CardStatus::from_code(code);
            assert_eq!(s.code(), code);
            assert_eq!(s.name(), name);
            assert_eq!(s.is_success(), success, "{code}");
            assert_eq!(s.is_failed(), failed, "{code}");
            assert_eq!(s.is_pending(), !success && !failed, "{code}");
        }
        let mut m = obj(PAYMENT);
        m.shift_remove("status");
        let o = CardOrder::from_map(m, None).unwrap();
        assert_eq!(o.status.code(), -1);
        assert!(!o.is_paid() && o.status.is_pending());
        let mut m = obj(PAYMENT);
        m.insert("status".into(), "3".into());
        assert!(CardOrder::from_map(m, None).unwrap().is_paid());
    }

    #[test]
    fn required_fields_and_mch_id() {
        for f in ["payOrderId", "mchOrderNo", "amount", "currency", "mchId"] {
            let mut m = obj(PAYMENT);
            m.shift_remove(f);
            assert_eq!(CardOrder::from_map(m, None).unwrap_err().field, f);
        }
        let mut m = obj(PAYMENT);
        m.shift_remove("mchId");
        assert_eq!(CardOrder::from_map(m, Some("M9")).unwrap().mch_id, "M9");
        let mut m = obj(PAYMENT);
        m.insert("amount".into(), "15.00".into());
        assert_eq!(
            CardOrder::from_map(m, None).unwrap_err(),
            FieldError {
                field: "amount",
                reason: "is not an integer"
            }
        );
    }

    #[test]
    fn cvv_dropped_and_pan_masked_everywhere() {
        let mut m = obj(PAYMENT);
        m.insert("cardNum".into(), "4325670000002266".into());
        m.insert("cvv".into(), "786".into());
        m.insert("sign".into(), "X".into());
        let o = CardOrder::from_map(m, None).unwrap();
        assert_eq!(o.card_num.as_deref(), Some("432567******2266"));
        let all = serde_json::to_string(&o.raw).unwrap();
        assert!(!all.contains("4325670000002266") && !all.contains("786"));
        assert!(!o.raw.contains_key("sign"));
        let c = CardInfo::from_map(obj(
            r#"{"cardId":"604567999","cardNum":"4325670000002266","expiryDate":"1123","holder":"Jack","cvv":"123"}"#,
        ));
        assert_eq!(c.card_num.as_deref(), Some("432567******2266"));
        assert!(!c.raw.contains_key("cvv"));
        assert_eq!(mask_pan("12345"), "12345");
        assert_eq!(mask_pan("5555 5555 5555 4444"), "555555******4444");
    }

    #[test]
    fn brands() {
        let brand = |num: &str, t: Option<&str>| {
            let mut m = Map::new();
            m.insert("cardNum".into(), num.into());
            if let Some(t) = t {
                m.insert("cardType".into(), t.into());
            }
            CardInfo::from_map(m).brand()
        };
        assert_eq!(brand("432567******2266", None).as_deref(), Some("V"));
        assert_eq!(brand("555555******4444", None).as_deref(), Some("M"));
        assert_eq!(brand("222300******0008", None).as_deref(), Some("M"));
        assert_eq!(brand("450644******0001", Some("D")).as_deref(), Some("D"));
        assert_eq!(brand("621234******0001", None), None);
        assert_eq!(brand("******", None), None);
    }

    #[test]
    fn sessions_need_their_url() {
        let s = CardSession::from_map(
            obj(r#"{"redirectUrl":"https://cc/purchase?key=abc","secureId":"abc"}"#),
            "cc_purchase",
        )
        .unwrap();
        assert_eq!(s.secure_id.as_deref(), Some("abc"));
        let e = CardSession::from_map(obj(r#"{"secureId":"abc"}"#), "cc_addcard").unwrap_err();
        assert!(matches!(e, Error::Protocol(m) if m.contains("cc_addcard")));
    }
}
