//! Reading a v1 answer: the shared envelope (HTTP status, JSON, signature
//! when present, D8/D9), then the retCode/resCode layers (spec §1.5, D5/D6).

use crate::error::{Error, Result};
use crate::response::{envelope, failure_code, text, truncate};
use serde_json::{Map, Value as Json};

/// Parses and checks a v1 response body. On success returns the whole object.
pub fn parse(status: u16, body: &[u8], key: &str) -> Result<Map<String, Json>> {
    let obj = envelope(status, body, key)?;
    match text(&obj, "retCode").as_str() {
        "SUCCESS" => {}
        "FAIL" => {
            let msg = text(&obj, "retMsg");
            let code = failure_code(&obj, "retMsg");
            let shown = if msg.is_empty() {
                text(&obj, "errCodeDes")
            } else {
                msg
            };
            return Err(Error::gateway(&code, &shown, status));
        }
        "" => return Err(Error::Protocol("response has no retCode".into())),
        other => {
            return Err(Error::Protocol(format!(
                "unknown retCode '{}'",
                truncate(other)
            )))
        }
    }
    match text(&obj, "resCode").as_str() {
        "SUCCESS" => Ok(obj),
        "FAIL" => {
            let des = text(&obj, "errCodeDes");
            Err(Error::gateway(
                &failure_code(&obj, "errCodeDes"),
                &des,
                status,
            ))
        }
        "" => Err(Error::Protocol(
            "retCode is SUCCESS but resCode is missing".into(),
        )),
        other => Err(Error::Protocol(format!(
            "unknown resCode '{}'",
            truncate(other)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::json_pairs;
    use crate::sign;
    use crate::test_support::obj;

    const KEY: &str = "k";

    fn signed(mut v: Map<String, Json>) -> Vec<u8> {
        let pairs = json_pairs(&v);
        let sig = sign::sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
        v.insert("sign".into(), Json::String(sig));
        serde_json::to_vec(&Json::Object(v)).unwrap()
    }

    #[test]
    fn success_needs_both_codes() {
        let b = signed(obj(
            r#"{"retCode":"SUCCESS","resCode":"SUCCESS","payOrderId":"P1","retParams":{"alipayUrl":"https://x"}}"#,
        ));
        assert!(parse(200, &b, KEY).is_ok());
        let b = signed(obj(r#"{"retCode":"SUCCESS"}"#));
        assert!(matches!(parse(200, &b, KEY), Err(Error::Protocol(_))));
    }

    #[test]
    fn business_failure_carries_code() {
        let b = signed(obj(
            r#"{"retCode":"SUCCESS","resCode":"FAIL","errCode":"0113","errCodeDes":"order already paid"}"#,
        ));
        match parse(200, &b, KEY) {
            Err(Error::Gateway { code, message, .. }) => {
                assert_eq!(code, "0113");
                assert_eq!(message, "order already paid");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn communication_failure_from_text() {
        let b = br#"{"retCode":"FAIL","retMsg":"Signature Failed"}"#;
        match parse(200, b, KEY) {
            Err(Error::Gateway { code, .. }) => assert_eq!(code, "0013"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn tampered_response_is_a_signature_error() {
        let b = signed(obj(
            r#"{"retCode":"SUCCESS","resCode":"SUCCESS","amount":100}"#,
        ));
        let t = String::from_utf8(b).unwrap().replace("100", "900");
        assert!(matches!(
            parse(200, t.as_bytes(), KEY),
            Err(Error::Signature(_))
        ));
    }

    #[test]
    fn malformed_and_5xx() {
        assert!(matches!(
            parse(200, b"<html>", KEY),
            Err(Error::Protocol(_))
        ));
        assert!(matches!(parse(200, b"[1]", KEY), Err(Error::Protocol(_))));
        // A path the server does not serve: the status is kept for the caller.
        let e = parse(404, b"<html>404 Not Found</html>", KEY).unwrap_err();
        assert_eq!(e, Error::HttpStatus(404));
        assert!(!e.is_retryable());
        assert!(matches!(
            parse(502, b"bad gateway", KEY),
            Err(Error::Transport {
                http_status: 502,
                ..
            })
        ));
    }
}
