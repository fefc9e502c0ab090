//! Typed answers of the Autodebit calls. §13 did not capture either answer
//! (Gap 16): what is read here, and what a success must carry, are our
//! readings (D52, D53).

use crate::decision::Observed;
use crate::error::{Error, Result};
use crate::response::{int_field, str_field};
use crate::v1::results::{nested_object, string_map, OrderStatus, STATUS_NOT_STATED};
use serde_json::{Map, Value as Json};

/// A contract's state (§13.4): 1 pending, 2 signed, 9 terminated. Only
/// signed may be debited; terminated is final.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractStatus {
    Pending,
    Signed,
    Terminated,
    Unknown(i64),
}

impl ContractStatus {
    pub fn from_code(c: i64) -> Self {
        match c {
            1 => ContractStatus::Pending,
            2 => ContractStatus::Signed,
            9 => ContractStatus::Terminated,
            other => ContractStatus::Unknown(other),
        }
    }

    pub fn code(self) -> i64 {
        match self {
            ContractStatus::Pending => 1,
            ContractStatus::Signed => 2,
            ContractStatus::Terminated => 9,
            ContractStatus::Unknown(c) => c,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ContractStatus::Pending => "pending",
            ContractStatus::Signed => "signed",
            ContractStatus::Terminated => "terminated",
            ContractStatus::Unknown(_) => "unknown",
        }
    }
}

/// The answer to contract signing: where the payer signs (D52).
#[derive(Debug, Clone)]
pub struct Contract {
    pub iotpay_contract_id: Option<String>,
    pub mch_contract_id: String,
    pub status: ContractStatus,
    /// The page where the payer signs: redirect to it (WX_JSAPI), show it as
    /// a QR code (WX_MWEB), or open it from the app.
    pub sign_url: Option<String>,
    /// For WX_APP: parameters for the WeChat SDK, when IOTPay sends them.
    pub sign_params: Vec<(String, String)>,
    pub raw: Map<String, Json>,
}

const URL_FIELDS: &[&str] = &["signUrl", "contractUrl", "url", "codeUrl", "payUrl"];

impl Contract {
    /// Reads the answer to a request for `mch_contract_id` on `channel`. An
    /// answer about another contract, or one without anything the payer
    /// could sign with, is a protocol error.
    pub fn from_map(raw: Map<String, Json>, mch_contract_id: &str, channel: &str) -> Result<Self> {
        if let Some(answered) = str_field(&raw, "mchContractId") {
            if answered != mch_contract_id {
                return Err(Error::Protocol(
                    "contract answer is about a different mchContractId".into(),
                ));
            }
        }
        let ret = nested_object(raw.get("retParams"));
        let sign_url = URL_FIELDS
            .iter()
            .find_map(|k| str_field(&raw, k))
            .or_else(|| {
                ret.as_ref()
                    .and_then(|m| URL_FIELDS.iter().find_map(|k| str_field(m, k)))
            });
        let sign_params = string_map(raw.get("payParams"));
        let status =
            ContractStatus::from_code(int_field(&raw, "status")?.unwrap_or(STATUS_NOT_STATED));
        let usable = sign_url.is_some() || (channel == "WX_APP" && !sign_params.is_empty());
        if !usable && status != ContractStatus::Signed {
            return Err(Error::Protocol(format!(
                "contract signing for {channel} succeeded without a signing URL"
            )));
        }
        Ok(Contract {
            iotpay_contract_id: str_field(&raw, "iotpayContractId"),
            mch_contract_id: mch_contract_id.to_string(),
            status,
            sign_url,
            sign_params,
            raw,
        })
    }
}

/// The answer to a debit (`contract/create_order`), checked against the
/// request (D53).
#[derive(Debug, Clone)]
pub struct DebitResult {
    pub pay_order_id: Option<String>,
    pub mch_id: String,
    pub mch_order_no: String,
    pub amount: i64,
    pub currency: String,
    /// What the answer stated: `Unknown(-1)` when nothing, and also when it
    /// did not state the amount and currency it took (D53).
    pub status: OrderStatus,
    /// The status code the answer carried, as sent.
    pub stated_status: Option<i64>,
    pub channel_order_no: Option<String>,
    pub pay_succ_time: Option<i64>,
    pub raw: Map<String, Json>,
}

impl DebitResult {
    /// `asked`: mchId, mchOrderNo, amount and currency of the request.
    pub fn from_map(
        raw: Map<String, Json>,
        mch_id: &str,
        mch_order_no: &str,
        amount: i64,
        currency: &str,
    ) -> Result<Self> {
        let differs = |field: &str, asked: &str| match str_field(&raw, field) {
            Some(v) if v != asked => Err(Error::Protocol(format!(
                "debit answer has a different {field}"
            ))),
            _ => Ok(()),
        };
        differs("mchId", mch_id)?;
        differs("mchOrderNo", mch_order_no)?;
        differs("currency", currency)?;
        let answered_amount = int_field(&raw, "amount")?;
        if answered_amount.is_some_and(|a| a != amount) {
            return Err(Error::Protocol(
                "debit answer has a different amount".into(),
            ));
        }
        let stated_status = int_field(&raw, "status")?;
        let confirmed = answered_amount.is_some() && str_field(&raw, "currency").is_some();
        let status = match stated_status {
            Some(s) if confirmed => OrderStatus::from_code(s),
            _ => OrderStatus::Unknown(STATUS_NOT_STATED),
        };
        Ok(DebitResult {
            pay_order_id: str_field(&raw, "payOrderId"),
            mch_id: mch_id.to_string(),
            mch_order_no: mch_order_no.to_string(),
            amount,
            currency: currency.to_string(),
            status,
            stated_status,
            channel_order_no: str_field(&raw, "channelOrderNo"),
            pay_succ_time: int_field(&raw, "paySuccTime")?,
            raw,
        })
    }
}

impl From<&DebitResult> for Observed {
    fn from(d: &DebitResult) -> Self {
        Observed {
            mch_id: Some(d.mch_id.clone()),
            mch_order_no: d.mch_order_no.clone(),
            amount: d.amount,
            currency: d.currency.clone(),
            status: d.status.into(),
            refund_record: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::obj;

    #[test]
    fn contract_answers() {
        let c = Contract::from_map(
            obj(r#"{"iotpayContractId":"CWJ1","mchContractId":"c1","status":1,"signUrl":"https://s/1"}"#),
            "c1",
            "WX_JSAPI",
        )
        .unwrap();
        assert_eq!(c.status, ContractStatus::Pending);
        assert_eq!(c.sign_url.as_deref(), Some("https://s/1"));
        let c = Contract::from_map(
            obj(r#"{"retParams":"{\"url\":\"https://s/2\"}"}"#),
            "c1",
            "WX_MWEB",
        )
        .unwrap();
        assert_eq!(c.sign_url.as_deref(), Some("https://s/2"));
        assert_eq!(c.status, ContractStatus::Unknown(-1));
        assert!(matches!(
            Contract::from_map(
                obj(r#"{"mchContractId":"c2","signUrl":"https://s"}"#),
                "c1",
                "WX_JSAPI"
            ),
            Err(Error::Protocol(_))
        ));
        assert!(matches!(
            Contract::from_map(obj(r#"{"status":1}"#), "c1", "WX_MWEB"),
            Err(Error::Protocol(_))
        ));
        let app =
            Contract::from_map(obj(r#"{"payParams":{"appid":"wx1"}}"#), "c1", "WX_APP").unwrap();
        assert_eq!(app.sign_params, vec![("appid".into(), "wx1".into())]);
    }

    #[test]
    fn debit_answers() {
        let full = r#"{"payOrderId":"P1","mchId":"M","mchOrderNo":"A","amount":100,"currency":"CAD","status":2}"#;
        let d = DebitResult::from_map(obj(full), "M", "A", 100, "CAD").unwrap();
        assert!(d.status.is_paid());
        // Paid, but the amount taken is not stated: not taken for paid.
        let d = DebitResult::from_map(
            obj(r#"{"payOrderId":"P1","status":2}"#),
            "M",
            "A",
            100,
            "CAD",
        )
        .unwrap();
        assert_eq!(d.status, OrderStatus::Unknown(-1));
        assert_eq!(d.stated_status, Some(2));
        for (bad, why) in [
            (full.replace("100", "99"), "amount"),
            (full.replace("CAD", "USD"), "currency"),
            (full.replace("\"A\"", "\"B\""), "mchOrderNo"),
            (full.replace("\"M\"", "\"N\""), "mchId"),
        ] {
            match DebitResult::from_map(obj(&bad), "M", "A", 100, "CAD") {
                Err(Error::Protocol(m)) => assert!(m.contains(why), "{m}"),
                other => panic!("{why}: {other:?}"),
            }
        }
    }
}
