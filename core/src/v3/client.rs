//! The V3 calls: the shared client fills `mchId` and `loginName` (V3 has no
//! `jobNo`), the rules run before anything is sent, the JSON body is posted
//! as is (D4), and every answer is checked to be about what was asked.

use super::endpoints;
use super::response;
use super::results::{CardInfo, CardOrder, CardSession};
use super::validate;
use crate::client::{Client, Family};
use crate::error::{Error, Result};
use crate::params::{Params, Value};
use serde_json::{Map, Value as Json};

impl Client {
    fn prepare_v3(&self, p: Params, with_login: bool) -> Result<Params> {
        self.prepare(p, with_login.then_some("loginName"))
    }

    /// Posts a V3 request and returns its `retData`.
    fn call_v3(&self, endpoint: &str, p: &Params) -> Result<Map<String, Json>> {
        let resp = self.send(Family::CcV3, endpoint, p)?;
        response::parse(resp.status, &resp.body, self.config().key.expose())
    }

    fn order(&self, endpoint: &str, p: &Params) -> Result<CardOrder> {
        let data = self.call_v3(endpoint, p)?;
        let o = CardOrder::from_map(data, Some(&self.config().mch_id))
            .map_err(|e| e.into_protocol(&format!("{endpoint} answer:")))?;
        self.check_mch_id(Some(&o.mch_id))?;
        Ok(o)
    }

    /// `cc_purchase` (§15.3): a one-time purchase on IOTPay's card page
    /// (redirect the customer to `redirect_url`) or in the embedded form
    /// (hand `secure_id` to the page, §15.5).
    pub fn cc_purchase(&self, params: Params) -> Result<CardSession> {
        let p = self.prepare_v3(params, true)?;
        validate::purchase(&p)?;
        let data = self.call_v3(endpoints::PURCHASE, &p)?;
        CardSession::from_map(data, endpoints::PURCHASE)
    }

    /// `cc_addcard` (§15.6): tokenises a card under the merchant's `cardId`
    /// on IOTPay's page or in the embedded form.
    pub fn cc_add_card(&self, params: Params) -> Result<CardSession> {
        let p = self.prepare_v3(params, true)?;
        validate::add_card(&p)?;
        let data = self.call_v3(endpoints::ADD_CARD, &p)?;
        CardSession::from_map(data, endpoints::ADD_CARD)
    }

    /// `cc_querycard` (§15.8). A `cardId` without a card is a
    /// `Gateway` error (`cardId is not binding`, code 0014).
    pub fn cc_query_card(&self, card_id: &str) -> Result<CardInfo> {
        let mut p = Params::new();
        p.set_str("cardId", card_id);
        let p = self.prepare_v3(p, false)?;
        validate::query_card(&p)?;
        let info = CardInfo::from_map(self.call_v3(endpoints::QUERY_CARD, &p)?);
        if info.card_id.as_deref().is_some_and(|c| c != card_id) {
            return Err(Error::Protocol(
                "cc_querycard answered about a different cardId".into(),
            ));
        }
        Ok(info)
    }

    /// `cc_purchasewithtoken` (§15.9): charges a stored card.
    pub fn cc_purchase_with_token(&self, params: Params) -> Result<CardOrder> {
        let p = self.prepare_v3(params, true)?;
        validate::purchase_with_token(&p)?;
        let o = self.order(endpoints::PURCHASE_WITH_TOKEN, &p)?;
        expect_payment(&p, &o)?;
        Ok(o)
    }

    /// `cc_directpurchase` (§15.7): card data collected by the merchant
    /// itself, for PCI DSS compliant merchants only. The card fields live
    /// in `params` until it is dropped; no message ever quotes them.
    pub fn cc_direct_purchase(&self, params: Params) -> Result<CardOrder> {
        let p = self.prepare_v3(params, true)?;
        validate::direct_purchase(&p)?;
        let o = self.order(endpoints::DIRECT_PURCHASE, &p)?;
        expect_payment(&p, &o)?;
        Ok(o)
    }

    /// `cc_purchasewithwallet` (§15.10): Apple Pay / Google Pay.
    pub fn cc_purchase_with_wallet(&self, params: Params) -> Result<CardOrder> {
        let p = self.prepare_v3(params, true)?;
        validate::purchase_with_wallet(&p)?;
        let o = self.order(endpoints::PURCHASE_WITH_WALLET, &p)?;
        expect_payment(&p, &o)?;
        Ok(o)
    }

    /// `cc_void` (§15.11): cancels an unsettled payment. Keep `mchRefundNo`
    /// stable: after a timeout, query it (`cc_query` by that number) first.
    pub fn cc_void(&self, params: Params) -> Result<CardOrder> {
        let p = self.prepare_v3(params, true)?;
        validate::void(&p)?;
        let o = self.order(endpoints::VOID, &p)?;
        expect_reversal(&p, &o)?;
        Ok(o)
    }

    /// `cc_refund` (§15.11): refunds all or part of a settled payment.
    pub fn cc_refund(&self, params: Params) -> Result<CardOrder> {
        let p = self.prepare_v3(params, true)?;
        validate::refund(&p)?;
        let o = self.order(endpoints::REFUND, &p)?;
        expect_reversal(&p, &o)?;
        Ok(o)
    }

    /// `cc_query` (§15.12) by the merchant's number: a payment's
    /// `mchOrderNo`, or a refund's / void's `mchRefundNo` (D28).
    pub fn cc_query_by_mch_order_no(&self, mch_order_no: &str) -> Result<CardOrder> {
        self.cc_query("mchOrderNo", mch_order_no)
    }

    /// `cc_query` (§15.12) by IOTPay's transaction id.
    pub fn cc_query_by_pay_order_id(&self, pay_order_id: &str) -> Result<CardOrder> {
        self.cc_query("payOrderId", pay_order_id)
    }

    fn cc_query(&self, field: &str, id: &str) -> Result<CardOrder> {
        let mut p = Params::new();
        p.set_str(field, id);
        let p = self.prepare_v3(p, false)?;
        validate::query(&p)?;
        let o = self.order(endpoints::QUERY, &p)?;
        let answered = if field == "mchOrderNo" {
            &o.mch_order_no
        } else {
            &o.pay_order_id
        };
        // An answer about another transaction must never be taken for this one.
        if answered != id {
            return Err(Error::Protocol(format!(
                "cc_query answered about a different {field}"
            )));
        }
        Ok(o)
    }
}

fn differs(what: &str) -> Error {
    Error::Protocol(format!("answer has a different {what}"))
}

/// A purchase answer must be a payment of what was asked.
fn expect_payment(p: &Params, o: &CardOrder) -> Result<()> {
    if o.is_refund_record() {
        return Err(Error::Protocol(
            "purchase answered with a refund record".into(),
        ));
    }
    if p.get_str("mchOrderNo").as_deref() != Some(o.mch_order_no.as_str()) {
        return Err(differs("mchOrderNo"));
    }
    if p.get("amount") != Some(&Value::Int(o.amount)) {
        return Err(differs("amount"));
    }
    if p.get_str("currency").as_deref() != Some(o.currency.as_str()) {
        return Err(differs("currency"));
    }
    Ok(())
}

/// A void or refund answer is the record of that reversal (§15.11):
/// `payType` refund, `mchOrderNo` = the `mchRefundNo`, `originalOrderId` =
/// the payment, and for a refund the amount asked.
fn expect_reversal(p: &Params, o: &CardOrder) -> Result<()> {
    if o.pay_type
        .as_deref()
        .is_some_and(|t| !t.eq_ignore_ascii_case("refund"))
    {
        return Err(Error::Protocol(
            "refund or void answered with a payment record".into(),
        ));
    }
    if p.get_str("mchRefundNo").as_deref() != Some(o.mch_order_no.as_str()) {
        return Err(differs("mchRefundNo"));
    }
    if let Some(orig) = &o.original_order_id {
        if p.get_str("payOrderId").as_deref() != Some(orig.as_str()) {
            return Err(differs("originalOrderId"));
        }
    }
    if let Some(Value::Int(asked)) = p.get("refundAmount") {
        if *asked != o.amount {
            return Err(differs("amount"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse_base, Config};

    const PAN: &str = "4242424242424242";

    /// A client whose every call fails to connect: what it refuses before
    /// the network shows up as a validation error instead.
    fn offline(login: &str) -> Client {
        let mut c = Config::new("10000701", "k", login).unwrap();
        c.cc_base = parse_base("ccBaseUrl", "http://127.0.0.1:1/v3/").unwrap();
        c.set_timeouts(500, 1000).unwrap();
        Client::new(c)
    }

    fn direct() -> Params {
        let mut p = Params::new();
        for (k, v) in [
            ("mchOrderNo", "D1"),
            ("channel", "PF_CC"),
            ("currency", "CAD"),
            ("cardNum", PAN),
            ("expiryDate", "1230"),
            ("holder", "Test Holder"),
            ("cvv", "987"),
        ] {
            p.set_str(k, v);
        }
        p.set("amount", Value::Int(300));
        p
    }

    fn refused<T: std::fmt::Debug>(r: Result<T>) -> (String, String) {
        match r {
            Err(Error::Validation { field, reason }) => (field, reason),
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn login_name_comes_from_the_config_as_login_name() {
        let c = offline("jack123");
        match c.cc_direct_purchase(direct()) {
            Err(Error::Transport { connect: true, .. }) => {}
            other => panic!("expected to reach the network, got {other:?}"),
        }
        let (field, _) = refused(offline("").cc_direct_purchase(direct()));
        assert_eq!(field, "loginName");
        let (field, _) = refused(offline("a-login-of-13").cc_direct_purchase(direct()));
        assert_eq!(field, "loginName");
    }

    #[test]
    fn refusals_never_quote_card_data() {
        let c = offline("jack123");
        for (f, v) in [
            ("cardNum", "4242424242424241"),
            ("cvv", "98"),
            ("expiryDate", "1399"),
            ("currency", "USD"),
        ] {
            let mut p = direct();
            p.set_str(f, v);
            let e = c.cc_direct_purchase(p).unwrap_err();
            let shown = format!("{e} {e:?}");
            for secret in [PAN, "987", "1230", v] {
                assert!(!shown.contains(secret), "{shown}");
            }
        }
        let mut p = direct();
        p.set_str("mchId", "other");
        assert_eq!(refused(c.cc_direct_purchase(p)).0, "mchId");
    }

    fn order(j: &str) -> CardOrder {
        CardOrder::from_map(serde_json::from_str(j).unwrap(), Some("10000701")).unwrap()
    }

    #[test]
    fn answers_must_be_about_what_was_asked() {
        let p = direct();
        let ok = order(
            r#"{"payOrderId":"PC1","mchOrderNo":"D1","amount":300,"currency":"CAD","payType":"pay","status":2}"#,
        );
        assert!(expect_payment(&p, &ok).is_ok());
        for bad in [
            r#"{"payOrderId":"PC1","mchOrderNo":"D2","amount":300,"currency":"CAD","status":2}"#,
            r#"{"payOrderId":"PC1","mchOrderNo":"D1","amount":3000,"currency":"CAD","status":2}"#,
            r#"{"payOrderId":"PC1","mchOrderNo":"D1","amount":300,"currency":"USD","status":2}"#,
            r#"{"payOrderId":"PC1","mchOrderNo":"D1","amount":300,"currency":"CAD","payType":"refund","status":2}"#,
        ] {
            assert!(
                matches!(expect_payment(&p, &order(bad)), Err(Error::Protocol(_))),
                "{bad}"
            );
        }
        let mut r = Params::new();
        r.set_str("mchRefundNo", "R1");
        r.set_str("payOrderId", "PC1");
        r.set("refundAmount", Value::Int(100));
        let rec = order(
            r#"{"payOrderId":"RP1","mchOrderNo":"R1","originalOrderId":"PC1","amount":100,"currency":"CAD","payType":"refund","refundable":0,"status":2}"#,
        );
        assert!(expect_reversal(&r, &rec).is_ok());
        for bad in [
            r#"{"payOrderId":"RP1","mchOrderNo":"R2","originalOrderId":"PC1","amount":100,"currency":"CAD","payType":"refund"}"#,
            r#"{"payOrderId":"RP1","mchOrderNo":"R1","originalOrderId":"PC9","amount":100,"currency":"CAD","payType":"refund"}"#,
            r#"{"payOrderId":"RP1","mchOrderNo":"R1","originalOrderId":"PC1","amount":99,"currency":"CAD","payType":"refund"}"#,
            r#"{"payOrderId":"RP1","mchOrderNo":"R1","amount":100,"currency":"CAD","payType":"pay"}"#,
        ] {
            assert!(
                matches!(expect_reversal(&r, &order(bad)), Err(Error::Protocol(_))),
                "{bad}"
            );
        }
    }
}
