//! What every IOTPay answer must be before any family reads it (D8, D9): an
//! HTTP 2xx JSON object whose `sign`, when present, verifies. The families
//! then read their own result layers (v1: retCode/resCode, V3: retCode/retData).

use crate::error::{Error, Result};
use crate::params::json_pairs;
use crate::sign;
use serde_json::{Map, Value as Json};

/// Known failure texts that come without a code (spec §14, D6), mapped to
/// the code they stand for. `cardId is not binding` is the one V3 text the
/// spec records (§1.5, §15.8): a request about a card that does not exist.
const TEXT_CODES: &[(&str, &str)] = &[
    ("signature error", "0013"),
    ("signature failed", "0013"),
    ("signature fail", "0013"),
    ("post method required", "0011"),
    ("post data empty", "0012"),
    ("parameter error", "0014"),
    ("merchant not exist", "0015"),
    ("system error", "0010"),
    ("cardid is not binding", "0014"),
];

/// HTTP status, JSON object, signature. Returns the whole object.
pub fn envelope(status: u16, body: &[u8], key: &str) -> Result<Map<String, Json>> {
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
        if received.as_str().is_none() {
            return Err(Error::Protocol("response sign is not a string".into()));
        }
        if !verify_json(&obj, key) {
            return Err(Error::Signature(
                "response signature does not verify".into(),
            ));
        }
    }
    Ok(obj)
}

/// Whether a received JSON object's own `sign` verifies over every other
/// top-level field (D3 rendering; constant-time comparison). False without
/// a string `sign`.
pub fn verify_json(obj: &Map<String, Json>, key: &str) -> bool {
    let Some(received) = obj.get("sign").and_then(Json::as_str) else {
        return false;
    };
    let pairs = json_pairs(obj);
    sign::verify_str_pairs(
        pairs
            .iter()
            .filter(|(k, _)| k != "sign")
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .chain(std::iter::once(("sign", received))),
        key,
    )
}

/// A string field of an answer; `""` when absent or not a string.
pub fn text(obj: &Map<String, Json>, k: &str) -> String {
    obj.get(k).and_then(Json::as_str).unwrap_or("").to_string()
}

/// The provider code of a failure: `errCode` when given, else the code a
/// known text stands for, else `FAIL` (classified query first, D7).
pub fn failure_code(obj: &Map<String, Json>, text_field: &str) -> String {
    match text(obj, "errCode") {
        c if !c.is_empty() => c,
        _ => code_from_text(&text(obj, text_field))
            .unwrap_or("FAIL")
            .to_string(),
    }
}

pub fn code_from_text(text: &str) -> Option<&'static str> {
    let t = text.trim().to_ascii_lowercase();
    TEXT_CODES.iter().find(|(m, _)| t == *m).map(|(_, c)| *c)
}

/// A field of an answer as text: a non-empty string, or a number in decimal.
pub fn str_field(m: &Map<String, Json>, k: &str) -> Option<String> {
    match m.get(k)? {
        Json::String(s) if !s.is_empty() => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An integer sent as a JSON number or a digit string.
pub fn int_field(m: &Map<String, Json>, k: &str) -> Result<Option<i64>> {
    match m.get(k) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Number(n)) => n
            .as_i64()
            .map(Some)
            .ok_or_else(|| Error::Protocol(format!("{k} is not an integer"))),
        Some(Json::String(s)) if s.is_empty() => Ok(None),
        Some(Json::String(s)) => parse_int(s)
            .map(Some)
            .ok_or_else(|| Error::Protocol(format!("{k} is not an integer"))),
        Some(_) => Err(Error::Protocol(format!("{k} is not an integer"))),
    }
}

pub fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || digits.len() > 18 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A received value quoted in a message: short, so an answer cannot fill a log.
pub fn truncate(s: &str) -> String {
    s.chars().take(32).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_and_json() {
        assert_eq!(
            envelope(404, b"x", "k").unwrap_err(),
            Error::HttpStatus(404)
        );
        assert!(matches!(
            envelope(503, b"x", "k"),
            Err(Error::Transport {
                http_status: 503,
                ..
            })
        ));
        assert!(matches!(envelope(200, b"[]", "k"), Err(Error::Protocol(_))));
        assert!(matches!(
            envelope(200, br#"{"sign":1}"#, "k"),
            Err(Error::Protocol(_))
        ));
        assert!(envelope(200, br#"{"retCode":"FAIL"}"#, "k").is_ok());
    }

    #[test]
    fn known_texts() {
        assert_eq!(code_from_text(" Signature Failed "), Some("0013"));
        assert_eq!(code_from_text("cardId is not binding"), Some("0014"));
        assert_eq!(code_from_text("declined"), None);
    }
}
