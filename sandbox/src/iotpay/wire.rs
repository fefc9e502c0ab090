//! The wire format: reading `params=` requests, rendering values for the
//! signature (D3), and building (signed) IOTPay answers (D6, D8, D9).

use axum::http::Method;
use serde_json::{Map, Value};

use crate::config::{Merchant, Merchants};

/// An IOTPay answer before it is signed and serialised.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// Communication/validation error (`0011`–`0015`): `retCode=FAIL` (D6).
    Comm {
        code: &'static str,
        detail: Option<String>,
    },
    /// Business error: `retCode=SUCCESS`, `resCode=FAIL`, `errCode`, `errCodeDes` (D6).
    Biz { code: &'static str, detail: String },
    /// Success; the map holds the business fields.
    Ok(Map<String, Value>),
}

impl Reply {
    /// `0014` naming the offending field or rule.
    pub fn param(detail: impl Into<String>) -> Reply {
        Reply::Comm {
            code: "0014",
            detail: Some(detail.into()),
        }
    }

    pub fn comm(code: &'static str) -> Reply {
        Reply::Comm { code, detail: None }
    }

    pub fn biz(code: &'static str, detail: impl Into<String>) -> Reply {
        Reply::Biz {
            code,
            detail: detail.into(),
        }
    }

    /// The answer an `error_code` fault gives (D6): `0011`–`0015` as a
    /// communication error with the catalogue text, every other code as a
    /// business error whose `errCodeDes` is the catalogue text.
    pub fn for_code(code: &'static str) -> Reply {
        if is_comm_code(code) {
            Reply::comm(code)
        } else {
            Reply::biz(code, message(code))
        }
    }

    /// Short result for the request log: `SUCCESS` or the error code.
    pub fn outcome(&self) -> &'static str {
        match self {
            Reply::Ok(_) => "SUCCESS",
            Reply::Comm { code, .. } | Reply::Biz { code, .. } => code,
        }
    }
}

/// The communication codes (D6): answered `retCode=FAIL`, unsigned.
pub fn is_comm_code(code: &str) -> bool {
    matches!(code, "0011" | "0012" | "0013" | "0014" | "0015")
}

/// Catalogue text of an IOTPay code.
pub fn message(code: &str) -> &'static str {
    iotpay_core::catalogue::iotpay(code).map_or("error", |c| c.message)
}

fn comm_text(code: &str, detail: &Option<String>) -> String {
    match detail {
        Some(d) => format!("{}: {d}", message(code)),
        None => message(code).to_owned(),
    }
}

/// v1 / Autodebit answer body (unsigned).
pub fn v1_body(reply: &Reply) -> Map<String, Value> {
    let mut m = Map::new();
    match reply {
        Reply::Comm { code, detail } => {
            let text = comm_text(code, detail);
            m.insert("retCode".into(), "FAIL".into());
            m.insert("retMsg".into(), text.clone().into());
            m.insert("errCode".into(), (*code).into());
            m.insert("errCodeDes".into(), text.into());
        }
        Reply::Biz { code, detail } => {
            m.insert("retCode".into(), "SUCCESS".into());
            m.insert("resCode".into(), "FAIL".into());
            m.insert("errCode".into(), (*code).into());
            m.insert("errCodeDes".into(), detail.clone().into());
        }
        Reply::Ok(fields) => {
            m.insert("retCode".into(), "SUCCESS".into());
            m.insert("resCode".into(), "SUCCESS".into());
            for (k, v) in fields {
                m.insert(k.clone(), v.clone());
            }
        }
    }
    m
}

/// Credit Card V3 answer body (unsigned): `retCode`, `retMsg`, `retData`.
pub fn v3_body(reply: &Reply) -> Map<String, Value> {
    let mut m = Map::new();
    match reply {
        Reply::Comm { code, detail } => {
            m.insert("retCode".into(), "FAIL".into());
            m.insert("retMsg".into(), comm_text(code, detail).into());
            m.insert("errCode".into(), (*code).into());
        }
        Reply::Biz { code, detail } => {
            m.insert("retCode".into(), "FAIL".into());
            m.insert("retMsg".into(), detail.clone().into());
            m.insert("errCode".into(), (*code).into());
        }
        Reply::Ok(fields) => {
            m.insert("retCode".into(), "SUCCESS".into());
            m.insert("retData".into(), Value::Object(fields.clone()));
        }
    }
    m
}

/// D3 rendering of one value for the signature: strings raw, numbers in
/// decimal, booleans `true`/`false`, objects/arrays as compact JSON in received
/// order; `null` takes no part.
pub fn render(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(_) | Value::Object(_) => serde_json::to_string(v).ok(),
    }
}

fn rendered_pairs(map: &Map<String, Value>) -> Vec<(String, String)> {
    map.iter()
        .filter_map(|(k, v)| render(v).map(|s| (k.clone(), s)))
        .collect()
}

/// MD5 signature of every field of `map` except `sign` (§2, D2, D3).
pub fn sign_map(map: &Map<String, Value>, key: &str) -> String {
    let pairs = rendered_pairs(map);
    iotpay_core::sign::sign_str_pairs(
        pairs
            .iter()
            .filter(|(k, _)| k != "sign")
            .map(|(k, v)| (k.as_str(), v.as_str())),
        key,
    )
}

/// Verifies the `sign` field of `map`.
pub fn verify_map(map: &Map<String, Value>, key: &str) -> bool {
    match map.get("sign") {
        Some(Value::String(s)) if !s.is_empty() => {}
        _ => return false,
    }
    let pairs = rendered_pairs(map);
    iotpay_core::sign::verify_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), key)
}

/// Adds `sign` computed with the merchant's key.
pub fn signed(mut map: Map<String, Value>, merchant: Option<&Merchant>) -> Map<String, Value> {
    if let Some(m) = merchant {
        map.remove("sign");
        let s = sign_map(&map, &m.key);
        map.insert("sign".into(), s.into());
    }
    map
}

/// Reads the JSON object out of a v1/Autodebit request body:
/// `params=<URL-encoded JSON>` or `params=<raw JSON>` (D4, spec §2.6).
pub fn parse_params(method: &Method, body: &[u8]) -> Result<Map<String, Value>, Reply> {
    if method != Method::POST {
        return Err(Reply::comm("0011"));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Reply::comm("0012"));
    }
    // Raw (un-encoded) JSON after `params=`, as the PHP demo sends it.
    if let Some(rest) = body.strip_prefix(b"params=") {
        let rest = trim_ascii(rest);
        if rest.first() == Some(&b'{') {
            if let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(rest) {
                return Ok(m);
            }
        }
    }
    let value = form_urlencoded::parse(body)
        .find(|(k, _)| k == "params")
        .map(|(_, v)| v.into_owned());
    let Some(value) = value.filter(|v| !v.trim().is_empty()) else {
        return Err(Reply::Comm {
            code: "0012",
            detail: Some("no params field".into()),
        });
    };
    parse_json_object(value.as_bytes())
}

/// Parses a raw JSON request body (Credit Card V3).
pub fn parse_json_body(method: &Method, body: &[u8]) -> Result<Map<String, Value>, Reply> {
    if method != Method::POST {
        return Err(Reply::comm("0011"));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Reply::comm("0012"));
    }
    parse_json_object(body)
}

fn parse_json_object(bytes: &[u8]) -> Result<Map<String, Value>, Reply> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Reply::param("params must be a JSON object")),
        Err(e) => Err(Reply::param(format!("params is not valid JSON ({e})"))),
    }
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |p| p + 1);
    &b[start..end.max(start)]
}

/// Finds the merchant and checks the signature: `0014` without `mchId`, `0015`
/// for an unknown one, `0013` for a missing or wrong `sign`. The merchant is
/// returned with a `0013` for the request log.
pub fn authenticate(
    merchants: &Merchants,
    params: &Map<String, Value>,
) -> Result<Merchant, Box<(Reply, Option<Merchant>)>> {
    let mch_id = match params.get("mchId") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Null) | None => {
            return Err(Box::new((Reply::param("mchId is required"), None)))
        }
        Some(Value::String(_)) => return Err(Box::new((Reply::param("mchId is required"), None))),
        Some(_) => return Err(Box::new((Reply::param("mchId must be a string"), None))),
    };
    let Some(merchant) = merchants.get(&mch_id) else {
        return Err(Box::new((Reply::comm("0015"), None)));
    };
    if !verify_map(params, &merchant.key) {
        let detail = if params.contains_key("sign") {
            None
        } else {
            Some("sign is missing".to_owned())
        };
        return Err(Box::new((
            Reply::Comm {
                code: "0013",
                detail,
            },
            Some(merchant.clone()),
        )));
    }
    Ok(merchant.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_encoded_params() {
        let raw = br#"params={"a":"x+y&z","b":1}"#;
        let m = parse_params(&Method::POST, raw).unwrap();
        assert_eq!(m["a"], "x+y&z");
        let enc = b"params=%7B%22a%22%3A%22x%2By%22%7D";
        let m = parse_params(&Method::POST, enc).unwrap();
        assert_eq!(m["a"], "x+y");
        assert_eq!(
            parse_params(&Method::GET, b"").unwrap_err().outcome(),
            "0011"
        );
        assert_eq!(
            parse_params(&Method::POST, b"").unwrap_err().outcome(),
            "0012"
        );
        assert_eq!(
            parse_params(&Method::POST, b"x=1").unwrap_err().outcome(),
            "0012"
        );
        assert_eq!(
            parse_params(&Method::POST, b"params={nope")
                .unwrap_err()
                .outcome(),
            "0014"
        );
    }

    #[test]
    fn d3_rendering_signs_nested_objects_compactly() {
        let v: Value =
            serde_json::from_str(r#"{"retParams":{"b":"2","a":1},"ok":true,"n":null,"amount":5}"#)
                .unwrap();
        let m = v.as_object().unwrap();
        let expected = iotpay_core::sign::sign_str_pairs(
            [
                ("retParams", r#"{"b":"2","a":1}"#),
                ("ok", "true"),
                ("amount", "5"),
            ],
            "k",
        );
        assert_eq!(sign_map(m, "k"), expected);
    }

    #[test]
    fn spec_vector_v2_via_json() {
        let j = r#"{"mchId":"10000701","mchOrderNo":"20160427210604000490","channelId":"WX_NATIVE","currency":"CAD","amount":100,"clientIp":"210.73.10.148","device":"WEB","notifyUrl":"http://xxx.com/notify.php","subject":"test product","body":"this product is for fun","extra":"{\"productId\":\"120989823\"}","jobNo":"jack123","param1":"","param2":"","sign":"6B46287A0731B0C2CA97290211170886"}"#;
        let v: Value = serde_json::from_str(j).unwrap();
        assert!(verify_map(v.as_object().unwrap(), "test_merchant_key"));
    }
}
