//! The V3 notification (spec §15.13, D29): IOTPay POSTs the order object
//! (§15.2) plus `sign` as a JSON body. Reading the body (size, JSON object,
//! a key given twice refused) is shared with v1 notifications; the signature
//! is checked like any V3 answer's, over every top-level field but `sign`,
//! in constant time; only then is the order object read.

use super::results::CardOrder;
use crate::error::{Error, Result};
use crate::notification::{json_object, trimmed_body};
use crate::response::verify_json;

/// The body that tells IOTPay the notification was taken (the PHP SDK's
/// reply, §15.13, D29).
pub const ACK: &str = "SUCCESS";
/// The body for a notification that was not taken (the PHP SDK's reply).
pub const NACK: &str = "FAIL";

/// Parses and verifies a V3 notification body. `content_type` is not
/// required to say JSON: the body must be a JSON object whatever it says.
pub fn parse(body: &[u8], content_type: &str, key: &str) -> Result<CardOrder> {
    let trimmed = trimmed_body(body)?;
    if trimmed.first() != Some(&b'{') {
        let what = if content_type.to_ascii_lowercase().contains("form") {
            "a V3 notification is a JSON object, not a form"
        } else {
            "a V3 notification is a JSON object"
        };
        return Err(Error::validation("notification", what));
    }
    let obj = json_object(trimmed)?;
    if !obj.get("sign").is_some_and(|s| s.is_string()) {
        return Err(Error::Signature("notification has no sign".into()));
    }
    if !verify_json(&obj, key) {
        return Err(Error::Signature(
            "notification signature does not verify".into(),
        ));
    }
    CardOrder::from_map(obj, None).map_err(|e| e.into_validation())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::json_pairs;
    use crate::sign;
    use serde_json::{Map, Value as Json};

    const KEY: &str = "test_merchant_key";
    const ORDER: &str = r#"{"payOrderId":"PC20240101231256043886634219","mchId":"10000701","mchOrderNo":"1234567890abc","currency":"CAD","amount":1500,"payType":"pay","refundable":1500,"status":2,"paySuccTime":"2021-04-07 19:44:51","cardNum":"432567******2266","cardType":"V","expiryDate":"0725","invoiceNum":"832828793487","authNum":"PPS009","transNum":"000108583539","channel":"PF_CC","capture":"Y"}"#;

    fn signed(j: &str) -> String {
        let mut m: Map<String, Json> = serde_json::from_str(j).unwrap();
        let pairs = json_pairs(&m);
        let s = sign::sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
        m.insert("sign".into(), Json::String(s));
        serde_json::to_string(&m).unwrap()
    }

    #[test]
    fn verified_order_object() {
        let body = signed(ORDER);
        let o = parse(body.as_bytes(), "application/json;charset=UTF-8", KEY).unwrap();
        assert_eq!(o.amount, 1500);
        assert!(o.is_paid());
        assert!(!o.raw.contains_key("sign"));
        // Any content type, surrounding whitespace, a lower-case sign.
        assert!(parse(format!(" {body}\n").as_bytes(), "", KEY).is_ok());
        let sig_at = body.find("\"sign\":\"").unwrap() + 8;
        let lower = format!("{}{}", &body[..sig_at], body[sig_at..].to_ascii_lowercase());
        assert!(parse(lower.as_bytes(), "text/plain", KEY).is_ok());
    }

    #[test]
    fn numbers_sent_as_strings_sign_the_same() {
        // D3: the signature covers the decimal text either way.
        let as_strings = ORDER
            .replace("\"amount\":1500", "\"amount\":\"1500\"")
            .replace("\"status\":2", "\"status\":\"2\"");
        let body = signed(&as_strings);
        let numbers = body
            .replace("\"amount\":\"1500\"", "\"amount\":1500")
            .replace("\"status\":\"2\"", "\"status\":2");
        assert!(parse(numbers.as_bytes(), "application/json", KEY).is_ok());
    }

    #[test]
    fn forged_altered_or_ambiguous_bodies_are_refused() {
        let body = signed(ORDER);
        let sig = |r: Result<CardOrder>| matches!(r, Err(Error::Signature(_)));
        assert!(sig(parse(
            body.replace("\"amount\":1500", "\"amount\":15").as_bytes(),
            "",
            KEY
        )));
        assert!(sig(parse(
            body.replace("\"status\":2", "\"status\":3").as_bytes(),
            "",
            KEY
        )));
        assert!(sig(parse(
            body.replace("\"payType\":\"pay\"", "\"payType\":\"refund\"")
                .as_bytes(),
            "",
            KEY
        )));
        assert!(sig(parse(body.as_bytes(), "", "another_key")));
        assert!(sig(parse(
            body.replace("{", "{\"injected\":\"1\",").as_bytes(),
            "",
            KEY
        )));
        assert!(sig(parse(ORDER.as_bytes(), "", KEY)), "unsigned");
        let dup = format!("{},\"amount\":1500}}", &body[..body.len() - 1]);
        match parse(dup.as_bytes(), "application/json", KEY) {
            Err(Error::Validation { field, reason }) => {
                assert_eq!(field, "amount");
                assert!(reason.contains("more than once"));
            }
            other => panic!("{other:?}"),
        }
        let form = "payOrderId=PC1&sign=X";
        assert!(matches!(
            parse(form.as_bytes(), "application/x-www-form-urlencoded", KEY),
            Err(Error::Validation { .. })
        ));
        assert!(parse(b"", "", KEY).is_err());
        assert!(parse(b"[1]", "", KEY).is_err());
        assert!(parse(&vec![b' '; 70 * 1024], "", KEY).is_err());
    }

    #[test]
    fn signed_but_unreadable_is_a_validation_error() {
        let body = signed(&ORDER.replace("\"amount\":1500", "\"amount\":\"15.00\""));
        match parse(body.as_bytes(), "", KEY) {
            Err(Error::Validation { field, .. }) => assert_eq!(field, "amount"),
            other => panic!("{other:?}"),
        }
        let body = signed(&ORDER.replace("\"mchId\":\"10000701\",", ""));
        match parse(body.as_bytes(), "", KEY) {
            Err(Error::Validation { field, .. }) => assert_eq!(field, "mchId"),
            other => panic!("{other:?}"),
        }
    }
}
