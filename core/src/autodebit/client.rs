//! The Autodebit calls over the one client: credentials filled (`mchId`,
//! `jobNo` from the login name, like v1), §13's rules and the limits checked
//! before anything is sent, the answer read with v1's layers (§13.3: the same
//! retCode/resCode layering) and checked to be about what was asked.

use super::endpoints;
use super::limits::{Limits, PastDebit};
use super::results::{Contract, DebitResult};
use super::validate;
use crate::client::{Client, Family};
use crate::error::{Error, Result};
use crate::params::{Params, Value};
use crate::v1::response;
use crate::v1::results::OrderInfo;
use serde_json::{Map, Value as Json};

impl Client {
    fn call_autodebit(&self, endpoint: &str, p: &Params) -> Result<Map<String, Json>> {
        let resp = self.send(Family::Autodebit, endpoint, p)?;
        response::parse(resp.status, &resp.body, self.config().key.expose())
    }

    /// Contract signing (§13.1): the answer says where the payer signs.
    pub fn sign_contract(&self, params: Params) -> Result<Contract> {
        let p = self.prepare_v1(params, Some("jobNo"))?;
        validate::sign_contract(&p)?;
        let id = p.get_str("mchContractId").unwrap_or_default();
        let channel = p.get_str("channelId").unwrap_or_default();
        let raw = self.call_autodebit(endpoints::SIGN_CONTRACT, &p)?;
        self.check_mch_id(crate::response::str_field(&raw, "mchId").as_deref())?;
        Contract::from_map(raw, &id, &channel)
    }

    /// A debit on a signed contract (§13.2). The per-debit limit of the
    /// debit's currency is always checked; with `history` (every earlier
    /// successful debit on the contract) the day and month limits too, at
    /// `now_ms` (D55, D56). A refusal is a validation error naming the
    /// limit; nothing is sent.
    pub fn debit(
        &self,
        params: Params,
        history: Option<&[PastDebit]>,
        now_ms: i64,
    ) -> Result<DebitResult> {
        let p = self.prepare_v1(params, Some("jobNo"))?;
        validate::debit(&p)?;
        let amount = match p.get("amount") {
            Some(Value::Int(a)) => *a,
            _ => return Err(Error::validation("amount", "is required")),
        };
        let currency = p.get_str("currency").unwrap_or_default();
        Limits::wechat_for(&currency)?.check(amount, now_ms, history.unwrap_or(&[]))?;
        let mch_order_no = p.get_str("mchOrderNo").unwrap_or_default();
        let raw = self.call_autodebit(endpoints::CREATE_ORDER, &p)?;
        DebitResult::from_map(raw, &self.config().mch_id, &mch_order_no, amount, &currency)
    }

    pub fn query_debit_by_mch_order_no(&self, mch_order_no: &str) -> Result<OrderInfo> {
        self.query_debit("mchOrderNo", mch_order_no)
    }

    pub fn query_debit_by_pay_order_id(&self, pay_order_id: &str) -> Result<OrderInfo> {
        self.query_debit("payOrderId", pay_order_id)
    }

    /// `contract/query_order` (§13.3): answered like v1's query (§7).
    fn query_debit(&self, field: &str, id: &str) -> Result<OrderInfo> {
        let mut p = Params::new();
        p.set_str(field, id);
        let p = self.prepare(p, None)?;
        validate::query(&p)?;
        let info = OrderInfo::from_map(self.call_autodebit(endpoints::QUERY_ORDER, &p)?)?;
        let differs = match field {
            "mchOrderNo" => info.mch_order_no != id,
            _ => info.pay_order_id.as_deref().is_some_and(|got| got != id),
        };
        if differs {
            return Err(Error::Protocol(format!(
                "debit query answered about a different {field}"
            )));
        }
        self.check_mch_id(Some(&info.mch_id))?;
        Ok(info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    /// A client whose every call fails to connect: a refusal before the
    /// network shows up as a validation error instead.
    fn offline() -> Client {
        let mut c = Config::new("10000701", "k", "jack123").unwrap();
        c.autodebit_base = crate::config::parse_base("b", "http://127.0.0.1:1/contract/").unwrap();
        c.set_timeouts(500, 1000).unwrap();
        Client::new(c)
    }

    fn debit(amount: i64) -> Params {
        let mut p = Params::new();
        for (k, v) in [
            ("mchOrderNo", "WC1-1"),
            ("mchContractId", "c-1"),
            ("channelId", "WX_JSAPI"),
            ("currency", "CAD"),
            ("notifyUrl", "https://shop.example/notify"),
            ("body", "Renewal"),
        ] {
            p.set_str(k, v);
        }
        p.set("amount", Value::Int(amount));
        p
    }

    const NOW: i64 = 1_773_576_000_000;

    #[test]
    fn limits_refuse_before_the_network() {
        let c = offline();
        let field = |r: Result<DebitResult>| match r {
            Err(Error::Validation { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(c.debit(debit(3001), None, NOW)), "limit.perDebit");
        let today = [PastDebit {
            time_ms: NOW - 1000,
            amount: 100,
        }];
        assert_eq!(
            field(c.debit(debit(100), Some(&today), NOW)),
            "limit.perDay"
        );
        // Within the limits: it goes to the network (and finds nobody).
        assert!(matches!(
            c.debit(debit(3000), None, NOW),
            Err(Error::Transport { connect: true, .. })
        ));
    }

    #[test]
    fn job_no_comes_from_the_config() {
        let mut cfg = Config::new("10000701", "k", "").unwrap();
        cfg.autodebit_base =
            crate::config::parse_base("b", "http://127.0.0.1:1/contract/").unwrap();
        let c = Client::new(cfg);
        match c.debit(debit(100), None, NOW) {
            Err(Error::Validation { field, .. }) => assert_eq!(field, "jobNo"),
            other => panic!("{other:?}"),
        }
    }
}
