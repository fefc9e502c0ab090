//! The one rule that decides what a verified notification or a query answer
//! means for a shop order, for every API family. Pure: the caller supplies
//! what it knows and applies the outcome under its own lock.

use crate::sunbay::{Transaction, TxStatus};
use crate::v1::results::OrderStatus;
use crate::v3::results::{CardOrder, CardStatus};

/// What the shop knows about its order.
#[derive(Debug, Clone)]
pub struct Expected {
    pub mch_id: String,
    /// The attempt's merchant order number the shop currently waits on.
    pub current_mch_order_no: String,
    /// Earlier attempts for the same order (e.g. a QR code that expired).
    pub previous_mch_order_nos: Vec<String>,
    pub amount: i64,
    pub currency: String,
    /// Whether the order is already recorded as paid.
    pub already_paid: bool,
    /// The attempt that was recorded as paid, if any.
    pub paid_mch_order_no: Option<String>,
}

/// A transaction's status in either family's codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// v1 General Order (spec §7.2).
    Order(OrderStatus),
    /// Credit Card V3 (spec §15.2).
    Card(CardStatus),
    /// SUNBAY Nexus `transactionStatus` (sunbay.md §7, D42).
    Sunbay(TxStatus),
}

impl From<OrderStatus> for Status {
    fn from(s: OrderStatus) -> Self {
        Status::Order(s)
    }
}

impl From<CardStatus> for Status {
    fn from(s: CardStatus) -> Self {
        Status::Card(s)
    }
}

impl From<TxStatus> for Status {
    fn from(s: TxStatus) -> Self {
        Status::Sunbay(s)
    }
}

impl Status {
    /// The money is taken: v1 2 or 3; V3 2 or 3.
    fn is_paid(self) -> bool {
        match self {
            Status::Order(s) => s.is_paid(),
            Status::Card(s) => s.is_success(),
            Status::Sunbay(s) => s == TxStatus::Success,
        }
    }

    /// The attempt can no longer be paid, and says why.
    fn closed(self) -> Option<Outcome> {
        match self {
            Status::Order(s) if s.is_cancelled() => Some(Outcome::Cancelled),
            Status::Card(s) if s.is_failed() => Some(Outcome::Failed),
            Status::Sunbay(TxStatus::Fail) => Some(Outcome::Failed),
            Status::Sunbay(TxStatus::Closed) => Some(Outcome::Cancelled),
            _ => None,
        }
    }
}

/// What the provider says (from a verified notification or a query answer).
#[derive(Debug, Clone)]
pub struct Observed {
    /// `None` when the answer is about our own merchant by construction (a
    /// SUNBAY query is asked with our `merchantId`): nothing to compare.
    pub mch_id: Option<String>,
    pub mch_order_no: String,
    pub amount: i64,
    pub currency: String,
    pub status: Status,
    /// A V3 refund or void record (`payType` refund): never a payment.
    pub refund_record: bool,
}

impl From<&CardOrder> for Observed {
    fn from(o: &CardOrder) -> Self {
        Observed {
            mch_id: Some(o.mch_id.clone()),
            mch_order_no: o.mch_order_no.clone(),
            amount: o.amount,
            currency: o.currency.clone(),
            status: o.status.into(),
            refund_record: o.is_refund_record(),
        }
    }
}

/// A SUNBAY transaction: its `transactionRequestId` is the attempt's number
/// (D45) and its paid total the amount (D43).
impl From<&Transaction> for Observed {
    fn from(t: &Transaction) -> Self {
        Observed {
            mch_id: None,
            mch_order_no: t.transaction_request_id.clone().unwrap_or_default(),
            amount: t.amount,
            currency: t.currency.clone(),
            status: t.status.into(),
            refund_record: t.is_refund_record(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Record the payment now.
    Complete,
    /// This payment is already recorded; acknowledge and change nothing.
    AlreadySettled,
    /// The order was already paid by another attempt and this one is paid too:
    /// the customer paid twice. Acknowledge, change nothing, flag for a refund.
    DuplicatePayment,
    /// Not paid yet; nothing to do.
    Pending,
    /// This attempt was cancelled at IOTPay; the order may take a new attempt.
    Cancelled,
    /// This card attempt failed at IOTPay (V3 status 9, e.g. declined);
    /// nothing was taken and the order may take a new attempt.
    Failed,
    /// A V3 refund or void record: it never completes an order. Acknowledge;
    /// the caller matches it to its refund (`mchOrderNo` = its `mchRefundNo`).
    RefundRecord,
    /// An earlier attempt that is not paid; acknowledge, change nothing.
    Superseded,
    /// Not an attempt of this order; reject.
    NotOurs,
    /// Merchant, amount or currency differ; reject, change nothing, flag.
    Mismatch,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    pub reason: String,
    /// Which field differed, for `Mismatch`.
    pub field: Option<&'static str>,
}

impl Outcome {
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Complete => "complete",
            Outcome::AlreadySettled => "already_settled",
            Outcome::DuplicatePayment => "duplicate_payment",
            Outcome::Pending => "pending",
            Outcome::Cancelled => "cancelled",
            Outcome::Failed => "failed",
            Outcome::RefundRecord => "refund_record",
            Outcome::Superseded => "superseded",
            Outcome::NotOurs => "not_ours",
            Outcome::Mismatch => "mismatch",
        }
    }

    /// Whether a notification with this outcome gets IOTPay's `success`.
    pub fn acknowledge(self) -> bool {
        !matches!(self, Outcome::NotOurs | Outcome::Mismatch)
    }

    /// Whether a person should look at the order.
    pub fn needs_attention(self) -> bool {
        matches!(self, Outcome::DuplicatePayment | Outcome::Mismatch)
    }
}

fn decision(outcome: Outcome, reason: impl Into<String>) -> Decision {
    Decision {
        outcome,
        reason: reason.into(),
        field: None,
    }
}

pub fn decide(e: &Expected, o: &Observed) -> Decision {
    if o.mch_id.as_ref().is_some_and(|m| *m != e.mch_id) {
        return Decision {
            field: Some("mchId"),
            ..decision(Outcome::Mismatch, "merchant id differs")
        };
    }
    // Before any attempt or amount matching: a refund's number and amount
    // are its own, and whatever its status it is money going back.
    if o.refund_record {
        return decision(
            Outcome::RefundRecord,
            "a refund or void record, not a payment",
        );
    }
    let is_current = o.mch_order_no == e.current_mch_order_no;
    let is_previous = e.previous_mch_order_nos.contains(&o.mch_order_no);
    if !is_current && !is_previous {
        return decision(
            Outcome::NotOurs,
            "merchant order number is not an attempt of this order",
        );
    }
    if o.currency != e.currency {
        return Decision {
            field: Some("currency"),
            ..decision(Outcome::Mismatch, "currency differs")
        };
    }
    if o.amount != e.amount {
        return Decision {
            field: Some("amount"),
            ..decision(Outcome::Mismatch, "amount differs")
        };
    }
    if o.status.is_paid() {
        if e.already_paid {
            return match &e.paid_mch_order_no {
                Some(paid) if *paid != o.mch_order_no => decision(
                    Outcome::DuplicatePayment,
                    "order already paid by another attempt",
                ),
                _ => decision(Outcome::AlreadySettled, "payment already recorded"),
            };
        }
        // A paid earlier attempt still pays the order: money taken is never ignored.
        return decision(
            Outcome::Complete,
            if is_current {
                "paid"
            } else {
                "paid through an earlier attempt"
            },
        );
    }
    if e.already_paid {
        return decision(
            Outcome::AlreadySettled,
            "order already paid; this attempt is not",
        );
    }
    if !is_current {
        return decision(Outcome::Superseded, "earlier attempt, not paid");
    }
    let at = match o.status {
        Status::Sunbay(_) => "SUNBAY",
        _ => "IOTPay",
    };
    match o.status.closed() {
        Some(Outcome::Failed) => decision(Outcome::Failed, format!("card payment failed at {at}")),
        Some(closed) => decision(closed, format!("attempt cancelled at {at}")),
        None => decision(Outcome::Pending, "not paid yet"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected() -> Expected {
        Expected {
            mch_id: "M1".into(),
            current_mch_order_no: "WC1-2".into(),
            previous_mch_order_nos: vec!["WC1-1".into()],
            amount: 1234,
            currency: "CAD".into(),
            already_paid: false,
            paid_mch_order_no: None,
        }
    }

    fn observed(status: i64) -> Observed {
        Observed {
            mch_id: Some("M1".into()),
            mch_order_no: "WC1-2".into(),
            amount: 1234,
            currency: "CAD".into(),
            status: OrderStatus::from_code(status).into(),
            refund_record: false,
        }
    }

    /// One row of an exhaustive table: the attempt and merchant the answer
    /// names, its amount and currency, and whether (and by which attempt)
    /// the shop already records the order paid.
    #[derive(Debug, Clone, Copy)]
    struct Case {
        att: &'static str,
        mid: &'static str,
        amt: i64,
        cur: &'static str,
        paid: bool,
        by: Option<&'static str>,
    }

    impl Case {
        fn expected(self) -> Expected {
            let mut e = expected();
            e.already_paid = self.paid;
            e.paid_mch_order_no = self.by.map(str::to_string);
            e
        }

        /// The outcome both tables expect once the merchant is ours (and a
        /// card record is a payment), written out independently of
        /// `decide`: `paid_status` when the status says paid, `closed` the
        /// outcome of a status that closes the attempt unpaid.
        fn want(self, paid_status: bool, closed: Option<Outcome>) -> Outcome {
            if self.att != "OTHER" && (self.cur != "CAD" || self.amt != 1234) {
                Outcome::Mismatch
            } else if self.att == "OTHER" {
                Outcome::NotOurs
            } else if paid_status {
                match (self.paid, self.by) {
                    (false, _) => Outcome::Complete,
                    (true, Some(p)) if p != self.att => Outcome::DuplicatePayment,
                    _ => Outcome::AlreadySettled,
                }
            } else if self.paid {
                Outcome::AlreadySettled
            } else if self.att != "WC1-2" {
                Outcome::Superseded
            } else {
                closed.unwrap_or(Outcome::Pending)
            }
        }

        fn observed(self, status: Status, refund_record: bool) -> Observed {
            Observed {
                mch_id: Some(self.mid.into()),
                mch_order_no: self.att.into(),
                amount: self.amt,
                currency: self.cur.into(),
                status,
                refund_record,
            }
        }
    }

    /// Every combination of the inputs both exhaustive tables vary besides
    /// the status: the current, an earlier and a foreign attempt, our and
    /// another merchant, `amounts`, CAD and USD, `paid_states`.
    fn cases(amounts: &[i64], paid_states: &[(bool, Option<&'static str>)]) -> Vec<Case> {
        let mut out = Vec::new();
        for att in ["WC1-2", "WC1-1", "OTHER"] {
            for mid in ["M1", "M2"] {
                for &amt in amounts {
                    for cur in ["CAD", "USD"] {
                        for &(paid, by) in paid_states {
                            out.push(Case {
                                att,
                                mid,
                                amt,
                                cur,
                                paid,
                                by,
                            });
                        }
                    }
                }
            }
        }
        out
    }

    /// Every combination of the inputs that matter, checked against the rules
    /// written out independently below.
    #[test]
    fn exhaustive_table() {
        let statuses = [0, 1, 2, 3, 4, 9, 7];
        let paid_states = [
            (false, None),
            (true, Some("WC1-2")),
            (true, Some("WC1-1")),
            (true, None),
        ];
        let mut n = 0;
        for &st in &statuses {
            for c in cases(&[1234, 1233, 0], &paid_states) {
                let d = decide(
                    &c.expected(),
                    &c.observed(OrderStatus::from_code(st).into(), false),
                );
                let want = if c.mid != "M1" {
                    Outcome::Mismatch
                } else {
                    c.want(
                        st == 2 || st == 3,
                        matches!(st, 4 | 9).then_some(Outcome::Cancelled),
                    )
                };
                assert_eq!(d.outcome, want, "{st} {c:?}");
                assert_eq!(
                    d.outcome.acknowledge(),
                    !matches!(want, Outcome::NotOurs | Outcome::Mismatch)
                );
                n += 1;
            }
        }
        assert_eq!(n, 7 * 3 * 2 * 3 * 2 * 4);
    }

    #[test]
    fn named_cases() {
        assert_eq!(decide(&expected(), &observed(2)).outcome, Outcome::Complete);
        assert_eq!(decide(&expected(), &observed(3)).outcome, Outcome::Complete);
        let mut o = observed(2);
        o.amount = 1;
        let d = decide(&expected(), &o);
        assert_eq!((d.outcome, d.field), (Outcome::Mismatch, Some("amount")));
        assert!(d.outcome.needs_attention());
        let mut e = expected();
        e.already_paid = true;
        e.paid_mch_order_no = Some("WC1-2".into());
        assert_eq!(decide(&e, &observed(2)).outcome, Outcome::AlreadySettled);
        let mut o = observed(2);
        o.mch_order_no = "WC1-1".into();
        assert_eq!(
            decide(&expected(), &o).reason,
            "paid through an earlier attempt"
        );
    }

    /// Every combination for V3 card statuses, pay and refund records,
    /// checked against the rules written out independently: the v1 rules
    /// with status 9 meaning `failed`, and a refund record never completing.
    #[test]
    fn exhaustive_card_table() {
        let statuses = [0, 1, 2, 3, 9, 7, -1];
        let paid_states = [(false, None), (true, Some("WC1-2")), (true, Some("WC1-1"))];
        let mut n = 0;
        for &st in &statuses {
            for refund in [false, true] {
                for c in cases(&[1234, 1233], &paid_states) {
                    let d = decide(
                        &c.expected(),
                        &c.observed(CardStatus::from_code(st).into(), refund),
                    );
                    let want = if c.mid != "M1" {
                        Outcome::Mismatch
                    } else if refund {
                        Outcome::RefundRecord
                    } else {
                        c.want(st == 2 || st == 3, (st == 9).then_some(Outcome::Failed))
                    };
                    assert_eq!(d.outcome, want, "{st} {refund} {c:?}");
                    assert!(!(refund && d.outcome == Outcome::Complete));
                    assert_eq!(
                        d.outcome.acknowledge(),
                        !matches!(want, Outcome::NotOurs | Outcome::Mismatch)
                    );
                    n += 1;
                }
            }
        }
        assert_eq!(n, 7 * 2 * 3 * 2 * 2 * 2 * 3);
    }

    #[test]
    fn card_orders_feed_the_same_rule() {
        let order = |j: &str| CardOrder::from_map(serde_json::from_str(j).unwrap(), None).unwrap();
        let paid = order(
            r#"{"payOrderId":"PC1","mchId":"M1","mchOrderNo":"WC1-2","currency":"CAD","amount":1234,"payType":"pay","status":2}"#,
        );
        assert_eq!(
            decide(&expected(), &(&paid).into()).outcome,
            Outcome::Complete
        );
        // A full refund of that payment: same amount, its own number, status 2.
        let refund = order(
            r#"{"payOrderId":"RP1","mchId":"M1","mchOrderNo":"WC1-2","originalOrderId":"PC1","currency":"CAD","amount":1234,"payType":"refund","refundable":0,"status":2}"#,
        );
        let d = decide(&expected(), &(&refund).into());
        assert_eq!(d.outcome, Outcome::RefundRecord);
        assert!(d.outcome.acknowledge() && !d.outcome.needs_attention());
        let declined = order(
            r#"{"payOrderId":"PC2","mchId":"M1","mchOrderNo":"WC1-2","currency":"CAD","amount":1234,"status":9}"#,
        );
        assert_eq!(
            decide(&expected(), &(&declined).into()).outcome,
            Outcome::Failed
        );
    }
    #[test]
    fn sunbay_transactions_feed_the_same_rule() {
        let tx = |status: &str, trid: &str, amount: i64, ty: &str| {
            let j = serde_json::json!({"transactionId":"T","transactionRequestId":trid,
                "transactionStatus":status,"transactionType":ty,
                "amount":{"orderAmount":amount,"priceCurrency":"CAD"}});
            Transaction::from_fields(j.as_object().cloned().unwrap(), None, None).unwrap()
        };
        let d = |t: &Transaction, e: &Expected| decide(e, &t.into()).outcome;
        let e = expected();
        // No merchant id in a SUNBAY answer: nothing to compare, never a mismatch.
        assert_eq!(d(&tx("S", "WC1-2", 1234, "SALE"), &e), Outcome::Complete);
        assert_eq!(
            d(&tx("SUCCESS", "WC1-1", 1234, "SALE"), &e),
            Outcome::Complete
        );
        assert_eq!(d(&tx("F", "WC1-2", 1234, "SALE"), &e), Outcome::Failed);
        assert_eq!(d(&tx("C", "WC1-2", 1234, "SALE"), &e), Outcome::Cancelled);
        assert_eq!(d(&tx("I", "WC1-2", 1234, "SALE"), &e), Outcome::Pending);
        assert_eq!(d(&tx("P", "WC1-2", 1234, "SALE"), &e), Outcome::Pending);
        assert_eq!(d(&tx("weird", "WC1-2", 1234, "SALE"), &e), Outcome::Pending);
        assert_eq!(d(&tx("F", "WC1-1", 1234, "SALE"), &e), Outcome::Superseded);
        assert_eq!(d(&tx("S", "WC9-1", 1234, "SALE"), &e), Outcome::NotOurs);
        assert_eq!(d(&tx("S", "WC1-2", 1200, "SALE"), &e), Outcome::Mismatch);
        assert_eq!(
            d(&tx("S", "WC1-2", 1234, "REFUND"), &e),
            Outcome::RefundRecord
        );
        let paid = Expected {
            already_paid: true,
            paid_mch_order_no: Some("WC1-1".into()),
            ..expected()
        };
        assert_eq!(
            d(&tx("S", "WC1-2", 1234, "SALE"), &paid),
            Outcome::DuplicatePayment
        );
        assert_eq!(
            d(&tx("S", "WC1-1", 1234, "SALE"), &paid),
            Outcome::AlreadySettled
        );
    }
}
