//! The v1 calls: fill credentials, validate, sign, post, check the answer.
//! The client itself (credentials, signing, transport) is `crate::client`.

use super::endpoints;
use super::response;
use super::results::{CreateOrderResult, OrderInfo, PayForSubmitResult, RefundInfo};
use super::validate;
pub use crate::client::Client;
use crate::client::Family;
use crate::client_ip;
use crate::error::{Error, Result};
use crate::params::{Params, Value};
use serde_json::{Map, Value as Json};

impl Client {
    /// `prepare` plus the v1 rule that a valid `clientIp` always fits (D22).
    pub(crate) fn prepare_v1(&self, p: Params, login_field: Option<&str>) -> Result<Params> {
        let mut p = self.prepare(p, login_field)?;
        sendable_client_ip(&mut p);
        Ok(p)
    }

    fn call(&self, endpoint: &str, p: &Params) -> Result<Map<String, Json>> {
        let resp = self.send(Family::V1, endpoint, p)?;
        response::parse(resp.status, &resp.body, self.config().key.expose())
    }

    pub fn create_order(&self, params: Params) -> Result<CreateOrderResult> {
        let p = self.prepare_v1(params, Some("jobNo"))?;
        let channel = validate::create_order(&p)?;
        let r = CreateOrderResult::from_map(self.call(endpoints::CREATE_ORDER, &p)?)?;
        r.require_payment_data(channel)?;
        Ok(r)
    }

    pub fn pay_for_submit(&self, params: Params) -> Result<PayForSubmitResult> {
        let mut p = self.prepare_v1(params, Some("jobNo"))?;
        if p.get("channelId").is_none() {
            p.set_str("channelId", "WX_JSAPI");
        }
        validate::pay_for_submit(&p)?;
        let r = PayForSubmitResult::from_map(self.call(endpoints::PAY_FOR_SUBMIT, &p)?);
        r.require_payment_data()?;
        Ok(r)
    }

    pub fn query_order_by_mch_order_no(&self, mch_order_no: &str) -> Result<OrderInfo> {
        self.query_order("mchOrderNo", mch_order_no)
    }

    pub fn query_order_by_pay_order_id(&self, pay_order_id: &str) -> Result<OrderInfo> {
        self.query_order("payOrderId", pay_order_id)
    }

    fn query_order(&self, field: &str, id: &str) -> Result<OrderInfo> {
        let mut p = Params::new();
        p.set_str(field, id);
        let p = self.prepare_v1(p, None)?;
        validate::query_order(&p)?;
        let info = OrderInfo::from_map(self.call(endpoints::QUERY_ORDER, &p)?)?;
        // An answer about another order must never be taken for this one.
        if field == "mchOrderNo" && info.mch_order_no != id {
            return Err(Error::Protocol(
                "query answered about a different mchOrderNo".into(),
            ));
        }
        self.check_mch_id(Some(&info.mch_id))?;
        Ok(info)
    }

    /// Refunds part or all of a paid order. `mchRefundNo` must be stable for a
    /// given refund so a retry cannot refund twice.
    pub fn refund_order(&self, params: Params) -> Result<RefundInfo> {
        let p = self.prepare_v1(params, Some("loginName"))?;
        validate::refund(&p)?;
        let info = RefundInfo::from_map(self.call(endpoints::REFUND_ORDER, &p)?)?;
        check_refund_echo(&p, &info)?;
        Ok(info)
    }

    pub fn query_refund_by_mch_refund_no(&self, mch_refund_no: &str) -> Result<RefundInfo> {
        self.query_refund("mchRefundNo", mch_refund_no)
    }

    pub fn query_refund_by_refund_order_id(&self, refund_order_id: &str) -> Result<RefundInfo> {
        self.query_refund("refundOrderId", refund_order_id)
    }

    fn query_refund(&self, field: &str, id: &str) -> Result<RefundInfo> {
        let mut p = Params::new();
        p.set_str(field, id);
        let p = self.prepare_v1(p, None)?;
        validate::query_refund(&p)?;
        let info = RefundInfo::from_map(self.call(endpoints::QUERY_REFUND, &p)?)?;
        check_refund_echo(&p, &info)?;
        Ok(info)
    }
}

/// A valid address in `clientIp` never makes a request fail: one longer than
/// the documented 32 bytes (a full IPv6 address) is shortened first (D22).
/// Anything that is not an address is left for validation to refuse.
fn sendable_client_ip(p: &mut Params) {
    if let Some(Value::Str(s)) = p.get("clientIp") {
        if let Some(ip) = client_ip::sendable_str(s) {
            p.set_str("clientIp", &ip);
        }
    }
}

/// The answer must be about the refund we asked for.
fn check_refund_echo(p: &Params, info: &RefundInfo) -> Result<()> {
    if let (Some(asked), Some(got)) = (p.get_str("mchRefundNo"), info.mch_refund_no.as_ref()) {
        if &asked != got {
            return Err(Error::Protocol(
                "refund answer is about a different mchRefundNo".into(),
            ));
        }
    }
    if let (Some(Value::Int(asked)), Some(got)) = (p.get("refundAmount"), info.refund_amount) {
        if *asked != got {
            return Err(Error::Protocol(
                "refund answer has a different amount".into(),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const LONG_V6: &str = "2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d";

    /// A client whose every call fails to connect: what it refuses before
    /// the network shows up as a validation error instead.
    fn offline() -> Client {
        let mut c = Config::new("10000701", "k", "jack123").unwrap();
        c.v1_base = crate::config::parse_base("baseUrl", "http://127.0.0.1:1/v1/").unwrap();
        c.set_timeouts(500, 1000).unwrap();
        Client::new(c)
    }

    fn order(ip: &str) -> Params {
        let mut p = Params::new();
        for (k, v) in [
            ("mchOrderNo", "WC1-1"),
            ("channelId", "UPI_QR"),
            ("currency", "CAD"),
            ("clientIp", ip),
            ("notifyUrl", "https://shop.example/notify"),
            ("subject", "s"),
            ("body", "b"),
        ] {
            p.set_str(k, v);
        }
        p.set("amount", Value::Int(100));
        p
    }

    fn refund(ip: &str) -> Params {
        let mut p = Params::new();
        p.set_str("mchRefundNo", "R1");
        p.set_str("payOrderId", "P1");
        p.set_str("clientIp", ip);
        p.set("refundAmount", Value::Int(100));
        p
    }

    fn reached_network<T: std::fmt::Debug>(r: Result<T>) -> bool {
        match r {
            Err(Error::Transport { connect, .. }) => connect,
            Err(Error::Validation { field, reason }) => {
                panic!("refused before sending: {field}: {reason}")
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn a_full_ipv6_client_address_is_never_refused() {
        let c = offline();
        assert!(reached_network(c.create_order(order(LONG_V6))));
        assert!(reached_network(c.refund_order(refund(LONG_V6))));
        let mut p = order(LONG_V6);
        p.set_str("channelId", "WX_JSAPI");
        p.set_str("returnUrl", "https://shop.example/r");
        assert!(reached_network(c.pay_for_submit(p)));
    }

    #[test]
    fn a_string_that_is_not_an_ip_is_still_refused() {
        let c = offline();
        for bad in ["not-an-ip", "2607:fea8::zz", "1.2.3.4.5", "fe80::1%eth0"] {
            match c.create_order(order(bad)) {
                Err(Error::Validation { field, .. }) => assert_eq!(field, "clientIp", "{bad}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
