//! §13's request rules, applied before any network activity: lengths in
//! UTF-8 bytes (D10), URLs without `?` (notifyUrl and returnUrl), `payerName`
//! without 4-byte UTF-8 characters, `extra` where the channel needs it
//! (D51).

use crate::error::{Error, Result};
use crate::params::Params;
use crate::rules::{check_fields, exactly_one, r, Kind::*, Rule};

/// §3.2: the only channels of the family.
pub const CHANNELS: &[&str] = &["WX_JSAPI", "WX_APP", "WX_MWEB"];
/// §13.1 / §13.2: the currencies listed for the family.
pub const CURRENCIES: &[&str] = &["CAD", "CNY", "USD"];

const SIGN_CONTRACT_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchContractId", 128, Ident),
    r("channelId", 24, OneOf(CHANNELS)),
    r("currency", 3, OneOf(CURRENCIES)),
    r("clientIp", 32, Ip),
    r("device", 50, Text),
    r("notifyUrl", 1000, NotifyUrl),
    r("payerName", 32, Text),
    r("terminalType", 3, OneOf(&["WEB", "APP", "WAP"])),
    r("extra", 512, Text),
    r("returnUrl", 1000, NotifyUrl),
    r("jobNo", 50, Text),
];

const SIGN_CONTRACT_REQUIRED: &[&str] = &[
    "mchId",
    "mchContractId",
    "channelId",
    "currency",
    "notifyUrl",
    "payerName",
    "jobNo",
];

const DEBIT_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchOrderNo", 30, Ident),
    r("mchContractId", 128, Ident),
    r("channelId", 24, OneOf(CHANNELS)),
    r("currency", 3, OneOf(CURRENCIES)),
    r("amount", 0, Amount),
    r("clientIp", 32, Ip),
    r("device", 50, Text),
    r("notifyUrl", 1000, NotifyUrl),
    r("body", 255, Text),
    r("extra", 512, Text),
    r("returnUrl", 1000, NotifyUrl),
    r("jobNo", 50, Text),
    r("remarks", 200, Text),
];

const DEBIT_REQUIRED: &[&str] = &[
    "mchId",
    "mchOrderNo",
    "mchContractId",
    "channelId",
    "currency",
    "amount",
    "notifyUrl",
    "body",
    "jobNo",
];

const QUERY_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("payOrderId", 30, Text),
    r("mchOrderNo", 30, Ident),
];

/// `POST contract/` (§13.1).
pub fn sign_contract(p: &Params) -> Result<()> {
    check_fields(p, SIGN_CONTRACT_FIELDS, SIGN_CONTRACT_REQUIRED)?;
    payer_name(p)?;
    // §13.1: `extra` is required for the app channel (and for a mini
    // program, which the request itself cannot tell from H5).
    extra(p, &["WX_APP"])
}

/// `POST contract/create_order` (§13.2).
pub fn debit(p: &Params) -> Result<()> {
    check_fields(p, DEBIT_FIELDS, DEBIT_REQUIRED)?;
    // §13.2: required for the app and the PC QR channels; for WX_JSAPI
    // leaving it out means H5 / official account.
    extra(p, &["WX_APP", "WX_MWEB"])
}

/// `POST contract/query_order` (§13.3): exactly one of the two ids.
pub fn query(p: &Params) -> Result<()> {
    check_fields(p, QUERY_FIELDS, &["mchId"])?;
    exactly_one(p, "payOrderId", "mchOrderNo")
}

/// §13.1 says UTF-8 characters that are not "3-byte" are unsupported; the
/// reading that leaves names in Chinese usable is: no 4-byte characters
/// (emoji, rare CJK extensions), D51.
fn payer_name(p: &Params) -> Result<()> {
    let name = p.get_str("payerName").unwrap_or_default();
    if name.chars().any(|c| c.len_utf8() == 4) {
        return Err(Error::validation(
            "payerName",
            "must not contain 4-byte UTF-8 characters (such as emoji)",
        ));
    }
    Ok(())
}

/// `extra`, when given, is a JSON object string; `needed_by` lists the
/// channels that cannot go without it.
fn extra(p: &Params, needed_by: &[&str]) -> Result<()> {
    let channel = p.get_str("channelId").unwrap_or_default();
    match p.get_str("extra") {
        None if needed_by.contains(&channel.as_str()) => Err(Error::validation(
            "extra",
            format!("is required for channel {channel}"),
        )),
        None => Ok(()),
        Some(s) => match serde_json::from_str::<serde_json::Value>(&s) {
            Ok(serde_json::Value::Object(_)) => Ok(()),
            _ => Err(Error::validation("extra", "must be a JSON object string")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Value;

    fn contract() -> Params {
        let mut p = Params::new();
        for (k, v) in [
            ("mchId", "10000701"),
            ("mchContractId", "2177aac8-1c3e-4291-97e0-f63f69b34cb6"),
            ("channelId", "WX_JSAPI"),
            ("currency", "CAD"),
            ("notifyUrl", "https://shop.example/notify"),
            ("payerName", "Zhang San"),
            ("jobNo", "jack123"),
        ] {
            p.set_str(k, v);
        }
        p
    }

    fn debit_req() -> Params {
        let mut p = Params::new();
        for (k, v) in [
            ("mchId", "10000701"),
            ("mchOrderNo", "WC1-1"),
            ("mchContractId", "c-1"),
            ("channelId", "WX_JSAPI"),
            ("currency", "CAD"),
            ("notifyUrl", "https://shop.example/notify"),
            ("body", "Renewal"),
            ("jobNo", "jack123"),
        ] {
            p.set_str(k, v);
        }
        p.set("amount", Value::Int(1000));
        p
    }

    fn field(r: Result<()>) -> String {
        match r {
            Err(Error::Validation { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn contract_rules() {
        assert!(sign_contract(&contract()).is_ok());
        let mut p = contract();
        p.set_str("mchContractId", &"a".repeat(129));
        assert_eq!(field(sign_contract(&p)), "mchContractId");
        p.set_str("mchContractId", &"a".repeat(128));
        assert!(sign_contract(&p).is_ok());
        let mut p = contract();
        p.set_str("payerName", "Zhang 😀");
        assert_eq!(field(sign_contract(&p)), "payerName");
        p.set_str("payerName", "张三"); // 3-byte characters are fine
        assert!(sign_contract(&p).is_ok());
        p.set_str("payerName", &"张".repeat(11)); // 33 bytes
        assert_eq!(field(sign_contract(&p)), "payerName");
        let mut p = contract();
        p.set_str("notifyUrl", "https://shop.example/notify?x=1");
        assert_eq!(field(sign_contract(&p)), "notifyUrl");
        let mut p = contract();
        p.set_str("returnUrl", "https://shop.example/back?x=1");
        assert_eq!(field(sign_contract(&p)), "returnUrl");
        let mut p = contract();
        p.set_str("channelId", "WX_APP");
        assert_eq!(field(sign_contract(&p)), "extra");
        p.set_str("extra", r#"{"appId":"wx1"}"#);
        assert!(sign_contract(&p).is_ok());
        p.set_str("extra", "not json");
        assert_eq!(field(sign_contract(&p)), "extra");
        let mut p = contract();
        p.set_str("channelId", "WX_NATIVE");
        assert_eq!(field(sign_contract(&p)), "channelId");
        let mut p = contract();
        p.set_str("currency", "EUR");
        assert_eq!(field(sign_contract(&p)), "currency");
        let mut p = contract();
        p.remove("jobNo");
        assert_eq!(field(sign_contract(&p)), "jobNo");
    }

    #[test]
    fn debit_rules() {
        assert!(debit(&debit_req()).is_ok());
        for ch in ["WX_APP", "WX_MWEB"] {
            let mut p = debit_req();
            p.set_str("channelId", ch);
            assert_eq!(field(debit(&p)), "extra");
            p.set_str("extra", r#"{"appId":"wx1"}"#);
            assert!(debit(&p).is_ok());
        }
        let mut p = debit_req();
        p.set_str("amount", "10.00");
        assert_eq!(field(debit(&p)), "amount");
        let mut p = debit_req();
        p.remove("mchContractId");
        assert_eq!(field(debit(&p)), "mchContractId");
        let mut p = debit_req();
        p.set_str("notifyUrl", "https://x.example/n?a=b");
        assert_eq!(field(debit(&p)), "notifyUrl");
        let mut p = debit_req();
        p.set_str("body", &"b".repeat(256));
        assert_eq!(field(debit(&p)), "body");
    }
}
