//! What SUNBAY answers, typed: a transaction (query, sale, refund, webhook),
//! a hosted-page session, an expired session.

use super::response::{amount, text, Reply};
use super::time;
use crate::error::{Error, Result};
use serde_json::{Map, Value as Json};

/// `transactionStatus` (§7, D42): one letter or its long name; anything
/// else is pending — an unreadable status never completes or fails an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxStatus {
    Initial,
    Processing,
    Success,
    Fail,
    Closed,
}

impl TxStatus {
    pub fn parse(s: &str) -> TxStatus {
        match s.trim().to_ascii_uppercase().as_str() {
            "I" | "INITIAL" => TxStatus::Initial,
            "S" | "SUCCESS" => TxStatus::Success,
            "F" | "FAIL" | "FAILED" => TxStatus::Fail,
            "C" | "CLOSED" => TxStatus::Closed,
            _ => TxStatus::Processing,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            TxStatus::Initial => "I",
            TxStatus::Processing => "P",
            TxStatus::Success => "S",
            TxStatus::Fail => "F",
            TxStatus::Closed => "C",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(self, TxStatus::Success | TxStatus::Fail | TxStatus::Closed)
    }
}

#[derive(Debug, Clone)]
pub struct Transaction {
    pub transaction_id: String,
    pub transaction_request_id: Option<String>,
    pub reference_order_id: Option<String>,
    pub original_transaction_id: Option<String>,
    pub status: TxStatus,
    pub tx_type: Option<String>,
    /// The paid total (D43): `transAmount`, else the sum of the parts.
    pub amount: i64,
    pub order_amount: i64,
    pub currency: String,
    pub result_code: Option<String>,
    pub result_msg: Option<String>,
    pub masked_pan: Option<String>,
    pub create_time: Option<String>,
    pub complete_time: Option<String>,
    pub trace_id: Option<String>,
    /// Every field as received.
    pub raw: Map<String, Json>,
}

impl Transaction {
    /// Reads a transaction. `sent` is the amount and currency of the request
    /// this answers (sale, refund), used only when the answer states none;
    /// a query answer must state its own.
    pub fn from_fields(
        f: Map<String, Json>,
        trace_id: Option<String>,
        sent: Option<(i64, &str)>,
    ) -> Result<Self> {
        let transaction_id = text(&f, "transactionId")
            .ok_or_else(|| Error::Protocol("SUNBAY answer has no transactionId".into()))?;
        let (order_amount, paid, currency) = read_amount(&f)?;
        let order_amount = order_amount.or(sent.map(|s| s.0));
        let currency = currency.or(sent.map(|s| s.1.to_string()));
        let (order_amount, amount, currency) = match (order_amount, currency) {
            (Some(o), Some(c)) => (o, paid.unwrap_or(o), c),
            _ => {
                return Err(Error::Protocol(
                    "SUNBAY answer has no amount and currency".into(),
                ))
            }
        };
        let status = text(&f, "transactionStatus")
            .map(|s| TxStatus::parse(&s))
            .unwrap_or(TxStatus::Processing);
        Ok(Transaction {
            transaction_id,
            transaction_request_id: text(&f, "transactionRequestId"),
            reference_order_id: text(&f, "referenceOrderId"),
            original_transaction_id: text(&f, "originalTransactionId"),
            status,
            tx_type: text(&f, "transactionType").map(|t| t.to_ascii_uppercase()),
            amount,
            order_amount,
            currency,
            result_code: text(&f, "transactionResultCode"),
            result_msg: text(&f, "transactionResultMsg"),
            masked_pan: text(&f, "maskedPan"),
            create_time: text(&f, "createTime"),
            complete_time: text(&f, "completeTime"),
            trace_id,
            raw: f,
        })
    }

    pub fn from_reply(r: Reply, sent: Option<(i64, &str)>) -> Result<Self> {
        Transaction::from_fields(r.fields, r.trace_id, sent)
    }

    /// A refund or void: money going back, never a payment.
    pub fn is_refund_record(&self) -> bool {
        matches!(self.tx_type.as_deref(), Some("REFUND" | "VOID"))
    }
}

/// `(orderAmount, paid total, currency)` from the `amount` object (or a
/// bare integer `amount` with `priceCurrency` beside it).
fn read_amount(f: &Map<String, Json>) -> Result<(Option<i64>, Option<i64>, Option<String>)> {
    let currency_of = |m: &Map<String, Json>| {
        text(m, "priceCurrency")
            .or_else(|| text(m, "pricingCurrency"))
            .or_else(|| text(m, "currency"))
    };
    match f.get("amount") {
        Some(Json::Object(a)) => {
            let order = amount(a, "orderAmount")?;
            let paid = match amount(a, "transAmount")? {
                Some(t) => Some(t),
                None => {
                    let mut sum = order;
                    for k in ["taxAmount", "surchargeAmount", "tipAmount"] {
                        if let Some(v) = amount(a, k)? {
                            sum = sum.and_then(|s| s.checked_add(v));
                        }
                    }
                    sum
                }
            };
            Ok((order, paid, currency_of(a).or_else(|| currency_of(f))))
        }
        Some(Json::Null) | None => Ok((None, None, currency_of(f))),
        Some(_) => {
            let order = amount(f, "amount")?;
            Ok((order, order, currency_of(f)))
        }
    }
}

/// A hosted-page session (`create-session`).
#[derive(Debug, Clone)]
pub struct Session {
    pub session_id: String,
    pub checkout_url: String,
    pub expires_at: String,
    pub expires_at_ms: Option<i64>,
    pub transaction_request_id: String,
    pub trace_id: String,
    pub client_request_id: String,
    pub raw: Map<String, Json>,
}

impl Session {
    pub fn from_reply(r: Reply, sent_trid: &str, client_request_id: String) -> Result<Self> {
        let f = r.fields;
        let checkout_url = text(&f, "checkoutUrl")
            .ok_or_else(|| Error::Protocol("SUNBAY session has no checkoutUrl".into()))?;
        // The text is what the payer's browser is sent to, so it must be an
        // absolute http(s) URL as written: the parser alone would also take
        // `http:/host`, and drop tabs, newlines and surrounding spaces.
        let prefix = |p: &str| {
            checkout_url
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        };
        let as_written = (prefix("https://") || prefix("http://"))
            && !checkout_url
                .bytes()
                .any(|b| b.is_ascii_control() || b == b' ');
        match url::Url::parse(&checkout_url) {
            Ok(u) if as_written && matches!(u.scheme(), "https" | "http") => {}
            _ => {
                return Err(Error::Protocol(
                    "SUNBAY checkoutUrl is not an http(s) URL".into(),
                ))
            }
        }
        if let Some(t) = text(&f, "transactionRequestId") {
            if t != sent_trid {
                return Err(Error::Protocol(
                    "SUNBAY session is for another transactionRequestId".into(),
                ));
            }
        }
        let expires_at = text(&f, "expiresAt").unwrap_or_default();
        Ok(Session {
            session_id: text(&f, "sessionId").unwrap_or_default(),
            checkout_url,
            expires_at_ms: time::parse_ms(&expires_at),
            expires_at,
            transaction_request_id: sent_trid.to_string(),
            trace_id: r.trace_id.unwrap_or_default(),
            client_request_id,
            raw: f,
        })
    }
}

/// The answer to `expire-session`: no `transactionId` means no payment
/// was started and none can be any more (D45).
#[derive(Debug, Clone)]
pub struct ExpiredSession {
    pub session_id: String,
    pub session_status: String,
    pub transaction_id: Option<String>,
    pub transaction_request_id: Option<String>,
    pub expired_at: Option<String>,
    pub trace_id: String,
    pub raw: Map<String, Json>,
}

impl ExpiredSession {
    pub fn from_reply(r: Reply, sent_session_id: &str) -> Result<Self> {
        let f = r.fields;
        let session_id = text(&f, "sessionId").unwrap_or_else(|| sent_session_id.to_string());
        if session_id != sent_session_id {
            return Err(Error::Protocol("SUNBAY expired another session".into()));
        }
        Ok(ExpiredSession {
            session_id,
            session_status: text(&f, "sessionStatus").unwrap_or_else(|| "EXPIRED".into()),
            transaction_id: text(&f, "transactionId"),
            transaction_request_id: text(&f, "transactionRequestId"),
            expired_at: text(&f, "expiredAt"),
            trace_id: r.trace_id.unwrap_or_default(),
            raw: f,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn fields(v: Json) -> Map<String, Json> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn statuses() {
        for (s, l) in [
            ("S", "S"),
            ("SUCCESS", "S"),
            ("success", "S"),
            ("F", "F"),
            ("FAILED", "F"),
            ("FAIL", "F"),
            ("C", "C"),
            ("CLOSED", "C"),
            ("I", "I"),
            ("INITIAL", "I"),
            ("P", "P"),
            ("PROCESSING", "P"),
            ("X", "P"),
            ("", "P"),
        ] {
            assert_eq!(TxStatus::parse(s).letter(), l, "{s}");
        }
        assert!(TxStatus::Closed.is_final() && !TxStatus::Initial.is_final());
    }

    #[test]
    fn query_answer_amounts() {
        let t = Transaction::from_fields(
            fields(json!({"transactionId":"T1","transactionRequestId":"R1","transactionStatus":"S",
                          "transactionType":"SALE",
                          "amount":{"orderAmount":"1000","taxAmount":80,"surchargeAmount":20,"priceCurrency":"USD"}})),
            None,
            None,
        )
        .unwrap();
        assert_eq!((t.amount, t.order_amount), (1100, 1000));
        assert_eq!(t.currency, "USD");
        let t = Transaction::from_fields(
            fields(json!({"transactionId":"T1","amount":{"orderAmount":1000,"transAmount":1234,"priceCurrency":"JPY"}})),
            None,
            None,
        )
        .unwrap();
        assert_eq!(t.amount, 1234);
        assert_eq!(t.status, TxStatus::Processing);
        for bad in [
            json!({"transactionId":"T1","amount":{"orderAmount":10.5,"priceCurrency":"USD"}}),
            json!({"transactionId":"T1","amount":{"orderAmount":"10.50","priceCurrency":"USD"}}),
            json!({"transactionId":"T1","amount":{"orderAmount":-1,"priceCurrency":"USD"}}),
            json!({"transactionId":"T1"}),
            json!({"amount":{"orderAmount":1,"priceCurrency":"USD"}}),
        ] {
            assert!(
                matches!(
                    Transaction::from_fields(fields(bad.clone()), None, None),
                    Err(Error::Protocol(_))
                ),
                "{bad}"
            );
        }
        // A refund answer without an amount is about the amount sent.
        let t = Transaction::from_fields(
            fields(
                json!({"transactionId":"RF1","transactionStatus":"P","transactionType":"REFUND"}),
            ),
            None,
            Some((500, "USD")),
        )
        .unwrap();
        assert_eq!((t.amount, t.currency.as_str()), (500, "USD"));
        assert!(t.is_refund_record());
    }

    #[test]
    fn session_answer() {
        let r = Reply {
            fields: fields(
                json!({"sessionId":"cs_1","checkoutUrl":"https://pay.example/cs_1",
                                  "expiresAt":"2023-11-19T10:30:00+08:00","transactionRequestId":"R1"}),
            ),
            trace_id: Some("tr".into()),
        };
        let s = Session::from_reply(r.clone(), "R1", "id".into()).unwrap();
        assert_eq!(s.expires_at_ms, Some(1_700_361_000_000));
        assert!(Session::from_reply(r, "R2", "id".into()).is_err());
        let r = Reply {
            fields: fields(json!({"checkoutUrl":"javascript:x"})),
            trace_id: None,
        };
        assert!(Session::from_reply(r, "R1", "id".into()).is_err());
    }

    /// Found by the `sunbay_response` fuzz target: the URL parser reads
    /// `http:/host/…` as `http://host/…` and drops tabs, newlines and
    /// surrounding spaces, but the text kept (and sent to the payer's
    /// browser) was the one received, whose meaning then depends on the
    /// page it is opened from. Only an absolute http(s) URL as written is
    /// taken.
    #[test]
    fn checkout_url_must_be_absolute_as_written() {
        let session = |url: &str| {
            Session::from_reply(
                Reply {
                    fields: fields(json!({ "checkoutUrl": url })),
                    trace_id: None,
                },
                "R1",
                "id".into(),
            )
        };
        for bad in [
            "http:/pay.example/cs_1",
            "https:pay.example/cs_1",
            " https://pay.example/cs_1",
            "https://pay.example/cs_1\r\nX: y",
            "https://pay.exa\tmple/cs_1",
            "\u{0}https://pay.example/cs_1",
        ] {
            assert!(matches!(session(bad), Err(Error::Protocol(_))), "{bad:?}");
        }
        for good in [
            "https://pay.example/cs_1",
            "HTTP://127.0.0.1:8089/sunbay/checkout/cs_1",
        ] {
            assert_eq!(session(good).unwrap().checkout_url, good);
        }
    }
}
