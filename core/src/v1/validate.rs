//! Per-endpoint and per-channel request rules (spec §4–§9, SPEC-DECISIONS
//! D10–D14). Everything here runs before any network call.

use crate::channel::Channel;
use crate::error::{Error, Result};
use crate::money::Currency;
use crate::params::Params;
use crate::rules::{check_fields, exactly_one, r, Kind::*, Rule};

const CREATE_ORDER_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchOrderNo", 30, Ident),
    r("channelId", 24, Text),
    r("currency", 3, Text),
    r("amount", 0, Amount),
    r("clientIp", 32, Ip),
    r("device", 64, Text),
    r("osType", 10, Text),
    r("notifyUrl", 200, NotifyUrl),
    r("subject", 64, Text),
    r("body", 255, Text),
    r("param1", 64, Text),
    r("param2", 64, Text),
    r("extra", 512, Text),
    r("returnUrl", 200, Url),
    r("jobNo", 50, Text),
    r("remarks", 200, Text),
    // Barcode (merchant scan) fields.
    r("deviceId", 64, Text),
    r("codeType", 64, Text),
    r("identityCode", 64, Text),
    // Seen in the CC_PAX sample (spec §8).
    r("source", 64, Text),
    r("tip", 0, Int),
];

const CREATE_ORDER_REQUIRED: &[&str] = &[
    "mchId",
    "mchOrderNo",
    "channelId",
    "currency",
    "amount",
    "clientIp",
    "notifyUrl",
    "subject",
    "body",
    "jobNo",
];

const PAY_FOR_SUBMIT_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchOrderNo", 30, Ident),
    r("currency", 3, Text),
    r("qrcode_pay", 0, Int),
    r("channelId", 24, Text),
    r("amount", 0, Amount),
    r("clientIp", 32, Ip),
    r("returnUrl", 200, Url),
    r("notifyUrl", 200, NotifyUrl),
    r("subject", 64, Text),
    r("body", 255, Text),
    r("param1", 64, Text),
    r("param2", 64, Text),
    r("extra", 512, Text),
    r("jobNo", 50, Text),
    r("remarks", 200, Text),
    r("device", 64, Text),
];

const PAY_FOR_SUBMIT_REQUIRED: &[&str] = &[
    "mchId",
    "mchOrderNo",
    "currency",
    "channelId",
    "amount",
    "clientIp",
    "returnUrl",
    "notifyUrl",
    "subject",
    "body",
    "jobNo",
];

const REFUND_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchRefundNo", 30, Ident),
    r("refundAmount", 0, Amount),
    r("clientIp", 32, Ip),
    r("device", 64, Text),
    r("loginName", 32, Text),
    r("payOrderId", 64, Text),
    r("currency", 3, Text),
];

const REFUND_REQUIRED: &[&str] = &[
    "mchId",
    "mchRefundNo",
    "refundAmount",
    "clientIp",
    "loginName",
    "payOrderId",
];

const QUERY_ORDER_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("payOrderId", 30, Text),
    r("mchOrderNo", 30, Ident),
];
const QUERY_REFUND_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("refundOrderId", 64, Text),
    r("mchRefundNo", 30, Ident),
];

fn json_object(name: &str, s: &str) -> Result<serde_json::Map<String, serde_json::Value>> {
    match serde_json::from_str::<serde_json::Value>(s) {
        Ok(serde_json::Value::Object(m)) => Ok(m),
        _ => Err(Error::validation(name, "must be a JSON object string")),
    }
}

fn extra_has(p: &Params, keys: &[(&str, Option<&str>)]) -> Result<()> {
    let raw = p
        .get_str("extra")
        .ok_or_else(|| Error::validation("extra", "is required for this channel"))?;
    let m = json_object("extra", &raw)?;
    for (k, want) in keys {
        match (m.get(*k).and_then(|v| v.as_str()), want) {
            (None, _) | (Some(""), _) => {
                return Err(Error::validation(
                    "extra",
                    format!("must contain a non-empty \"{k}\""),
                ));
            }
            (Some(v), Some(w)) if v != *w => {
                return Err(Error::validation(
                    "extra",
                    format!("\"{k}\" must be \"{w}\""),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn currency_of(p: &Params) -> Result<Currency> {
    p.get_str("currency")
        .ok_or_else(|| Error::validation("currency", "is required"))?
        .parse()
}

/// create_order: field rules, then the channel's own requirements.
pub fn create_order(p: &Params) -> Result<Channel> {
    check_fields(p, CREATE_ORDER_FIELDS, CREATE_ORDER_REQUIRED)?;
    let channel: Channel = p.get_str("channelId").unwrap_or_default().parse()?;
    channel.check_currency(currency_of(p)?)?;
    match channel {
        Channel::WxNative => extra_has(p, &[("productId", None)])?,
        Channel::WxJsapi => extra_has(
            p,
            &[("openId", None), ("type", Some("minipay")), ("appId", None)],
        )?,
        Channel::WxApp => extra_has(p, &[("type", Some("apppay")), ("appId", None)])?,
        Channel::AlipayPc => require(p, "returnUrl")?,
        Channel::AlipayWap => {
            require(p, "returnUrl")?;
            os_type(p)?;
        }
        Channel::AlipayMobile => os_type(p)?,
        Channel::CcPax => {
            require(p, "extra")?;
            if p.get_str("notifyUrl").as_deref() != Some("http://localhost") {
                return Err(Error::validation(
                    "notifyUrl",
                    "must be http://localhost for CC_PAX",
                ));
            }
        }
        c if c.is_micropay() => {
            if p.get_str("codeType").as_deref() != Some("barcode") {
                return Err(Error::validation(
                    "codeType",
                    "must be \"barcode\" for barcode channels",
                ));
            }
            let code = p.get_str("identityCode").unwrap_or_default();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(Error::validation(
                    "identityCode",
                    "must be the digits read from the customer's code",
                ));
            }
        }
        _ => {}
    }
    if channel != Channel::WxJsapi && p.get("extra").is_some() && channel != Channel::CcPax {
        json_object("extra", &p.get_str("extra").unwrap_or_default())?;
    }
    Ok(channel)
}

fn require(p: &Params, name: &str) -> Result<()> {
    if p.get(name).is_none() {
        return Err(Error::validation(name, "is required for this channel"));
    }
    Ok(())
}

fn os_type(p: &Params) -> Result<()> {
    match p.get_str("osType").as_deref() {
        Some("IOS") | Some("ANDROID") => Ok(()),
        _ => Err(Error::validation(
            "osType",
            "must be IOS or ANDROID for this channel",
        )),
    }
}

/// payForSubmit (WeChat in-app browser, spec §5).
pub fn pay_for_submit(p: &Params) -> Result<()> {
    check_fields(p, PAY_FOR_SUBMIT_FIELDS, PAY_FOR_SUBMIT_REQUIRED)?;
    if p.get_str("channelId").as_deref() != Some("WX_JSAPI") {
        return Err(Error::validation("channelId", "must be WX_JSAPI"));
    }
    if p.get("param1").is_some() {
        return Err(Error::validation(
            "param1",
            "must be left empty: IOTPay puts mchOrderNo there",
        ));
    }
    if let Some(q) = p.get_str("qrcode_pay") {
        if q != "1" {
            return Err(Error::validation("qrcode_pay", "may only be 1"));
        }
    }
    Channel::WxJsapi.check_currency(currency_of(p)?)
}

pub fn refund(p: &Params) -> Result<()> {
    check_fields(p, REFUND_FIELDS, REFUND_REQUIRED)?;
    if p.get("currency").is_some() {
        currency_of(p)?;
    }
    Ok(())
}

pub fn query_order(p: &Params) -> Result<()> {
    check_fields(p, QUERY_ORDER_FIELDS, &["mchId"])?;
    exactly_one(p, "payOrderId", "mchOrderNo")
}

pub fn query_refund(p: &Params) -> Result<()> {
    check_fields(p, QUERY_REFUND_FIELDS, &["mchId"])?;
    exactly_one(p, "refundOrderId", "mchRefundNo")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Value;

    fn base(channel: &str) -> Params {
        let mut p = Params::new();
        for (k, v) in [
            ("mchId", "10000701"),
            ("mchOrderNo", "WC123-1"),
            ("channelId", channel),
            ("currency", "CAD"),
            ("clientIp", "203.0.113.9"),
            ("notifyUrl", "https://shop.example/notify"),
            ("subject", "Order 123"),
            ("body", "2 items"),
            ("jobNo", "jack123"),
        ] {
            p.set_str(k, v);
        }
        p.set("amount", Value::Int(1234));
        p
    }

    fn err_field(r: Result<Channel>) -> String {
        match r {
            Err(Error::Validation { field, .. }) => field,
            other => panic!("expected validation error, got {other:?}"),
        }
    }

    #[test]
    fn wx_native_needs_product_id() {
        let mut p = base("WX_NATIVE");
        assert_eq!(err_field(create_order(&p)), "extra");
        p.set_str("extra", r#"{"productId":""}"#);
        assert_eq!(err_field(create_order(&p)), "extra");
        p.set_str("extra", r#"{"productId":"123"}"#);
        assert_eq!(create_order(&p), Ok(Channel::WxNative));
    }

    #[test]
    fn alipay_wap_needs_return_url_and_os_type() {
        let mut p = base("ALIPAY_WAP");
        assert_eq!(err_field(create_order(&p)), "returnUrl");
        p.set_str("returnUrl", "https://shop.example/return");
        assert_eq!(err_field(create_order(&p)), "osType");
        p.set_str("osType", "IOS");
        assert!(create_order(&p).is_ok());
        let mut p = base("ALIPAY_PC");
        assert_eq!(err_field(create_order(&p)), "returnUrl");
        p.set_str("returnUrl", "https://shop.example/return");
        assert!(create_order(&p).is_ok());
    }

    #[test]
    fn micropay_needs_barcode_fields() {
        let mut p = base("WX_MICROPAY");
        assert_eq!(err_field(create_order(&p)), "codeType");
        p.set_str("codeType", "barcode");
        assert_eq!(err_field(create_order(&p)), "identityCode");
        p.set_str("identityCode", "134567890123456789");
        assert!(create_order(&p).is_ok());
    }

    #[test]
    fn cc_pax_rules() {
        let mut p = base("CC_PAX");
        p.set_str("extra", "CC_API");
        assert_eq!(err_field(create_order(&p)), "notifyUrl");
        p.set_str("notifyUrl", "http://localhost");
        assert!(create_order(&p).is_ok());
        p.set_str("currency", "USD");
        assert_eq!(err_field(create_order(&p)), "currency");
    }

    #[test]
    fn lengths_types_and_unknowns() {
        let mut p = base("UPI_SEQ");
        p.set_str("subject", &"x".repeat(65));
        assert_eq!(err_field(create_order(&p)), "subject");
        let mut p = base("UPI_SEQ");
        p.set_str("subject", &"测".repeat(22)); // 66 bytes
        assert_eq!(err_field(create_order(&p)), "subject");
        let mut p = base("UPI_SEQ");
        p.set_str("amount", "12.34");
        assert_eq!(err_field(create_order(&p)), "amount");
        let mut p = base("UPI_SEQ");
        p.set("amount", Value::Int(0));
        assert_eq!(err_field(create_order(&p)), "amount");
        let mut p = base("UPI_SEQ");
        p.set_str("notifyURL", "x");
        assert_eq!(err_field(create_order(&p)), "notifyURL");
        let mut p = base("UPI_SEQ");
        p.set_str("notifyUrl", "https://shop.example/notify?x=1");
        assert_eq!(err_field(create_order(&p)), "notifyUrl");
        let mut p = base("UPI_SEQ");
        p.set_str("mchOrderNo", "a b");
        assert_eq!(err_field(create_order(&p)), "mchOrderNo");
        let mut p = base("UPI_SEQ");
        p.set_str("clientIp", "not-an-ip");
        assert_eq!(err_field(create_order(&p)), "clientIp");
        let mut p = base("UPI_SEQ");
        p.remove("subject");
        assert_eq!(err_field(create_order(&p)), "subject");
    }

    #[test]
    fn currency_refused_before_any_call() {
        let mut p = base("ALIPAY_QR");
        p.set_str("currency", "CNY");
        assert_eq!(err_field(create_order(&p)), "currency");
        p.set_str("currency", "EUR");
        assert_eq!(err_field(create_order(&p)), "currency");
    }

    #[test]
    fn query_needs_exactly_one_id() {
        let mut p = Params::new();
        p.set_str("mchId", "1");
        assert!(query_order(&p).is_err());
        p.set_str("mchOrderNo", "A1");
        assert!(query_order(&p).is_ok());
        p.set_str("payOrderId", "P1");
        assert!(query_order(&p).is_err());
    }

    #[test]
    fn pay_for_submit_rules() {
        let mut p = base("WX_JSAPI");
        p.set_str("returnUrl", "https://shop.example/r");
        assert!(pay_for_submit(&p).is_ok());
        p.set_str("param1", "x");
        assert!(pay_for_submit(&p).is_err());
        p.remove("param1");
        p.set_str("currency", "CNY");
        assert!(pay_for_submit(&p).is_ok());
    }
}
