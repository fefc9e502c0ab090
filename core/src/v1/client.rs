//! The v1 calls: fill credentials, validate, sign, post, check the answer.

use super::endpoints;
use super::response;
use super::results::{CreateOrderResult, OrderInfo, PayForSubmitResult, RefundInfo};
use super::validate;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::params::{Params, Value};
use crate::transport::{self, ClientKey};
use serde_json::{Map, Value as Json};

pub struct Client {
    config: Config,
}

impl Client {
    pub fn new(config: Config) -> Self {
        Client { config }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sets `mchId` and the login-name field from the configuration; refuses a
    /// different merchant id given by the caller.
    fn prepare(&self, mut p: Params, login_field: Option<&str>) -> Result<Params> {
        p.drop_empty();
        match p.get_str("mchId") {
            Some(m) if m != self.config.mch_id => {
                return Err(Error::validation(
                    "mchId",
                    "differs from the configured merchant id",
                ));
            }
            Some(_) => {}
            None => p.set_str("mchId", &self.config.mch_id),
        }
        if let Some(field) = login_field {
            if p.get(field).is_none() && !self.config.login_name.is_empty() {
                p.set_str(field, &self.config.login_name);
            }
        }
        Ok(p)
    }

    fn call(&self, endpoint: &str, p: &Params) -> Result<Map<String, Json>> {
        let url = self
            .config
            .v1_base
            .join(endpoint)
            .map_err(|_| Error::Config("cannot join endpoint to base URL".into()))?;
        let json = p.to_signed_json(self.config.key.expose());
        let body: String = form_urlencoded::Serializer::new(String::new())
            .append_pair("params", &json)
            .finish();
        let key = ClientKey {
            ca_file: self.config.ca_file.clone(),
            connect_timeout: self.config.connect_timeout,
        };
        let resp = transport::post(
            &url,
            "application/x-www-form-urlencoded",
            body.into_bytes(),
            &key,
            self.config.timeout,
        )?;
        response::parse(resp.status, &resp.body, self.config.key.expose())
    }

    pub fn create_order(&self, params: Params) -> Result<CreateOrderResult> {
        let p = self.prepare(params, Some("jobNo"))?;
        validate::create_order(&p)?;
        CreateOrderResult::from_map(self.call(endpoints::CREATE_ORDER, &p)?)
    }

    pub fn pay_for_submit(&self, params: Params) -> Result<PayForSubmitResult> {
        let mut p = self.prepare(params, Some("jobNo"))?;
        if p.get("channelId").is_none() {
            p.set_str("channelId", "WX_JSAPI");
        }
        validate::pay_for_submit(&p)?;
        Ok(PayForSubmitResult::from_map(
            self.call(endpoints::PAY_FOR_SUBMIT, &p)?,
        ))
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
        let p = self.prepare(p, None)?;
        validate::query_order(&p)?;
        let info = OrderInfo::from_map(self.call(endpoints::QUERY_ORDER, &p)?)?;
        // An answer about another order must never be taken for this one.
        if field == "mchOrderNo" && info.mch_order_no != id {
            return Err(Error::Protocol(
                "query answered about a different mchOrderNo".into(),
            ));
        }
        if info.mch_id != self.config.mch_id {
            return Err(Error::Protocol(
                "query answered about a different merchant".into(),
            ));
        }
        Ok(info)
    }

    /// Refunds part or all of a paid order. `mchRefundNo` must be stable for a
    /// given refund so a retry cannot refund twice.
    pub fn refund_order(&self, params: Params) -> Result<RefundInfo> {
        let p = self.prepare(params, Some("loginName"))?;
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
        let p = self.prepare(p, None)?;
        validate::query_refund(&p)?;
        let info = RefundInfo::from_map(self.call(endpoints::QUERY_REFUND, &p)?)?;
        check_refund_echo(&p, &info)?;
        Ok(info)
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
