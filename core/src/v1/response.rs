//! Reading a v1 answer: JSON object, signature when present (D9), then the
//! retCode/resCode layers (spec §1.5, D5/D6).

use crate::error::{Error, Result};
use crate::params::json_pairs;
use crate::sign;
use serde_json::{Map, Value as Json};

/// Known `retMsg` texts that carry no `errCode` (spec §14, D6).
const RET_MSG_CODES: &[(&str, &str)] = &[
    ("signature error", "0013"),
    ("signature failed", "0013"),
    ("signature fail", "0013"),
    ("post method required", "0011"),
    ("post data empty", "0012"),
    ("parameter error", "0014"),
    ("merchant not exist", "0015"),
    ("system error", "0010"),
];

/// Parses and checks a v1 response body. On success returns the whole object.
pub fn parse(status: u16, body: &[u8], key: &str) -> Result<Map<String, Json>> {
    if status >= 500 {
        return Err(Error::Transport {
            message: format!("IOTPay answered HTTP {status}"),
            timeout: false,
            connect: false,
            http_status: status,
        });
    }
    if !(200..300).contains(&status) {
        return Err(Error::HttpStatus(status));
    }
    let obj = match serde_json::from_slice::<Json>(body) {
        Ok(Json::Object(m)) => m,
        Ok(_) => return Err(Error::Protocol("response is not a JSON object".into())),
        Err(_) => return Err(Error::Protocol("response is not valid JSON".into())),
    };
    if let Some(received) = obj.get("sign") {
        let received = received
            .as_str()
            .ok_or_else(|| Error::Protocol("response sign is not a string".into()))?;
        let pairs = json_pairs(&obj);
        let ok = sign::verify_str_pairs(
            pairs
                .iter()
                .filter(|(k, _)| k != "sign")
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .chain(std::iter::once(("sign", received))),
            key,
        );
        if !ok {
            return Err(Error::Signature(
                "response signature does not verify".into(),
            ));
        }
    }
    let s = |k: &str| obj.get(k).and_then(Json::as_str).unwrap_or("").to_string();
    let ret_code = s("retCode");
    match ret_code.as_str() {
        "SUCCESS" => {}
        "FAIL" => {
            let msg = s("retMsg");
            let code = match s("errCode") {
                c if !c.is_empty() => c,
                _ => code_from_text(&msg).unwrap_or("FAIL").to_string(),
            };
            let text = if msg.is_empty() { s("errCodeDes") } else { msg };
            return Err(Error::gateway(&code, &text, status));
        }
        "" => return Err(Error::Protocol("response has no retCode".into())),
        other => {
            return Err(Error::Protocol(format!(
                "unknown retCode '{}'",
                truncate(other)
            )))
        }
    }
    match s("resCode").as_str() {
        "SUCCESS" => Ok(obj),
        "FAIL" => {
            let des = s("errCodeDes");
            let code = match s("errCode") {
                c if !c.is_empty() => c,
                _ => code_from_text(&des).unwrap_or("FAIL").to_string(),
            };
            Err(Error::gateway(&code, &des, status))
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

fn code_from_text(text: &str) -> Option<&'static str> {
    let t = text.trim().to_ascii_lowercase();
    RET_MSG_CODES.iter().find(|(m, _)| t == *m).map(|(_, c)| *c)
}

fn truncate(s: &str) -> String {
    s.chars().take(32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "k";

    fn signed(mut v: Map<String, Json>) -> Vec<u8> {
        let pairs = json_pairs(&v);
        let sig = sign::sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
        v.insert("sign".into(), Json::String(sig));
        serde_json::to_vec(&Json::Object(v)).unwrap()
    }

    fn obj(j: &str) -> Map<String, Json> {
        serde_json::from_str::<Json>(j)
            .unwrap()
            .as_object()
            .unwrap()
            .clone()
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
