//! The contract status callback (§13.4): sent when a contract is signed and
//! when it is terminated. Read like a v1 notification (form, JSON or query
//! string; a field given twice refused), verified over every received field
//! but `sign`, and only then typed. A debit's payment callback is the §6
//! notification (`crate::notification`).

use super::results::ContractStatus;
use crate::error::{Error, Result};
use crate::notification::{check_signature, collect_fields, field};
use crate::response::parse_int;

/// The reply body for a callback that was taken (D54): the §6 reply.
pub const ACK: &str = "success";

#[derive(Debug, Clone)]
pub struct ContractNotification {
    pub iotpay_contract_id: String,
    pub mch_contract_id: String,
    pub status: ContractStatus,
    /// Epoch ms; `None` when absent or `0`.
    pub signed_at: Option<i64>,
    /// Epoch ms; `None` when absent or `0` (not terminated).
    pub cancelled_at: Option<i64>,
    /// WeChat's contract id.
    pub contract_id: Option<String>,
    pub open_id: Option<String>,
    /// §13.4's sample has none; checked when sent.
    pub mch_id: Option<String>,
    /// Every received field except `sign`.
    pub fields: Vec<(String, String)>,
}

pub fn verify(fields: Vec<(String, String)>, key: &str) -> Result<ContractNotification> {
    check_signature(&fields, key, "callback")?;
    let get = |k: &str| field(&fields, k);
    let req = |k: &str| get(k).ok_or_else(|| Error::validation(k, "missing from the callback"));
    let time = |k: &str| -> Result<Option<i64>> {
        match get(k) {
            None => Ok(None),
            Some(v) => match parse_int(&v) {
                Some(0) => Ok(None),
                Some(t) if t > 0 => Ok(Some(t)),
                _ => Err(Error::validation(k, "is not a time in epoch ms")),
            },
        }
    };
    let status = parse_int(&req("status")?)
        .ok_or_else(|| Error::validation("status", "is not an integer"))?;
    Ok(ContractNotification {
        iotpay_contract_id: req("iotpayContractId")?,
        mch_contract_id: req("mchContractId")?,
        status: ContractStatus::from_code(status),
        signed_at: time("signedAt")?,
        cancelled_at: time("cancelledAt")?,
        contract_id: get("contractId"),
        open_id: get("openId"),
        mch_id: get("mchId"),
        fields: fields.into_iter().filter(|(k, _)| k != "sign").collect(),
    })
}

pub fn parse(
    body: &[u8],
    content_type: &str,
    query: &str,
    key: &str,
) -> Result<ContractNotification> {
    verify(collect_fields(body, content_type, query)?, key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::json_pairs;
    use crate::sign;
    use serde_json::{Map, Value as Json};

    const KEY: &str = "test_merchant_key";
    const SAMPLE: &str = r#"{"iotpayContractId":"CWJ202508182305444","mchContractId":"b208c6dd-4f4e-4745-b17c-8d8a348f7064","status":"2","signedAt":"1755558434000","cancelledAt":"0","contractId":"2025081907667718","openId":"osirq1BQeEVY"}"#;

    fn signed(j: &str, key: &str) -> String {
        let mut m: Map<String, Json> = serde_json::from_str(j).unwrap();
        let pairs = json_pairs(&m);
        let s = sign::sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), key);
        m.insert("sign".into(), Json::String(s));
        serde_json::to_string(&m).unwrap()
    }

    #[test]
    fn the_spec_sample_signed() {
        let n = parse(signed(SAMPLE, KEY).as_bytes(), "application/json", "", KEY).unwrap();
        assert_eq!(n.status, ContractStatus::Signed);
        assert_eq!(n.signed_at, Some(1_755_558_434_000));
        assert_eq!(n.cancelled_at, None);
        assert_eq!(n.open_id.as_deref(), Some("osirq1BQeEVY"));
        assert!(n.fields.iter().all(|(k, _)| k != "sign"));
    }

    #[test]
    fn forged_and_altered_callbacks() {
        let body = signed(SAMPLE, KEY);
        assert!(matches!(
            parse(body.as_bytes(), "", "", "other"),
            Err(Error::Signature(_))
        ));
        let altered = body.replace("\"status\":\"2\"", "\"status\":\"9\"");
        assert!(matches!(
            parse(altered.as_bytes(), "", "", KEY),
            Err(Error::Signature(_))
        ));
        assert!(matches!(
            parse(SAMPLE.as_bytes(), "", "", KEY),
            Err(Error::Signature(_))
        ));
        // A payment callback is not a contract callback.
        let pay = signed(
            r#"{"payOrderId":"P1","mchId":"1","mchOrderNo":"A","amount":"1","currency":"CAD","status":"2"}"#,
            KEY,
        );
        match parse(pay.as_bytes(), "", "", KEY) {
            Err(Error::Validation { field, .. }) => assert_eq!(field, "iotpayContractId"),
            other => panic!("{other:?}"),
        }
    }
}
