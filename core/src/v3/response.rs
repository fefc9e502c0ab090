//! Reading a V3 answer (spec §1.5): the shared envelope (HTTP status, JSON,
//! signature when present), then `retCode`: `SUCCESS` carries `retData`,
//! `FAIL` carries `retMsg` (and, from some servers, `errCode`; D27).

use crate::error::{Error, Result};
use crate::response::{envelope, failure_code, text, truncate};
use serde_json::{Map, Value as Json};

/// Parses and checks a V3 response body. On success returns `retData`.
pub fn parse(status: u16, body: &[u8], key: &str) -> Result<Map<String, Json>> {
    let obj = envelope(status, body, key)?;
    match text(&obj, "retCode").as_str() {
        "SUCCESS" => ret_data(&obj).ok_or_else(|| {
            Error::Protocol("retCode is SUCCESS but retData is missing or not an object".into())
        }),
        "FAIL" => Err(Error::gateway(
            &failure_code(&obj, "retMsg"),
            &text(&obj, "retMsg"),
            status,
        )),
        "" => Err(Error::Protocol("response has no retCode".into())),
        other => Err(Error::Protocol(format!(
            "unknown retCode '{}'",
            truncate(other)
        ))),
    }
}

/// `retData` as an object, or as a string holding one (the same tolerance
/// as for v1's `retParams`, D23; the signature covered what was received).
fn ret_data(obj: &Map<String, Json>) -> Option<Map<String, Json>> {
    match obj.get("retData")? {
        Json::Object(m) => Some(m.clone()),
        Json::String(s) => match serde_json::from_str::<Json>(s) {
            Ok(Json::Object(m)) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::json_pairs;
    use crate::sign;

    const KEY: &str = "k";

    fn signed(j: &str) -> Vec<u8> {
        let mut v: Map<String, Json> = serde_json::from_str(j).unwrap();
        let pairs = json_pairs(&v);
        let sig = sign::sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
        v.insert("sign".into(), Json::String(sig));
        serde_json::to_vec(&v).unwrap()
    }

    #[test]
    fn success_returns_ret_data() {
        let b = signed(r#"{"retCode":"SUCCESS","retData":{"payOrderId":"PC1","amount":1500}}"#);
        assert_eq!(parse(200, &b, KEY).unwrap()["amount"], 1500);
        let b = signed(r#"{"retCode":"SUCCESS","retData":"{\"payOrderId\":\"PC1\"}"}"#);
        assert_eq!(parse(200, &b, KEY).unwrap()["payOrderId"], "PC1");
        for j in [
            r#"{"retCode":"SUCCESS"}"#,
            r#"{"retCode":"SUCCESS","retData":"x"}"#,
            r#"{"retCode":"SUCCESS","retData":[1]}"#,
            r#"{"retData":{}}"#,
            r#"{"retCode":"MAYBE","retData":{}}"#,
        ] {
            assert!(
                matches!(parse(200, &signed(j), KEY), Err(Error::Protocol(_))),
                "{j}"
            );
        }
    }

    #[test]
    fn failures_carry_their_code() {
        let e = parse(
            200,
            br#"{"retCode":"FAIL","retMsg":"cardId is not binding"}"#,
            KEY,
        )
        .unwrap_err();
        match e {
            Error::Gateway { code, message, .. } => {
                assert_eq!(code, "0014");
                assert_eq!(message, "cardId is not binding");
            }
            other => panic!("{other:?}"),
        }
        let b = signed(r#"{"retCode":"FAIL","retMsg":"third party timeout","errCode":"0110"}"#);
        let e = parse(200, &b, KEY).unwrap_err();
        assert!(e.should_query_first());
        // Without a code or a known text: unknown, query first (D7).
        let e = parse(200, br#"{"retCode":"FAIL","retMsg":"Declined"}"#, KEY).unwrap_err();
        assert!(matches!(&e, Error::Gateway { code, .. } if code == "FAIL"));
        assert!(e.should_query_first());
    }

    #[test]
    fn tampered_ret_data_is_a_signature_error() {
        let b = signed(r#"{"retCode":"SUCCESS","retData":{"amount":1500,"status":9}}"#);
        let t = String::from_utf8(b)
            .unwrap()
            .replace("\"status\":9", "\"status\":2");
        assert!(matches!(
            parse(200, t.as_bytes(), KEY),
            Err(Error::Signature(_))
        ));
    }
}
