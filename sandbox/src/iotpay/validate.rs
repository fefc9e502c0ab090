//! Request field rules, checked independently of any client: presence, JSON
//! type, length in UTF-8 bytes (D10), amount range (D14), URL rules (D11) and
//! currencies per channel (D13). Every failure is `0014` naming the field.

use serde_json::{Map, Value};

use crate::iotpay::wire::Reply;
use crate::util::UrlProblem;

/// D14: amounts are 1 … 2 147 483 647 minor units.
pub const MAX_AMOUNT: i64 = 2_147_483_647;

/// v1 General Order channels (§3.1).
pub const V1_CHANNELS: &[&str] = &[
    "WX_JSAPI",
    "WX_NATIVE",
    "WX_MICROPAY",
    "WX_APP",
    "ALIPAY_MOBILE",
    "ALIPAY_PC",
    "ALIPAY_WAP",
    "ALIPAY_QR",
    "ALIPAY_MICROPAY",
    "UPI_MICROPAY",
    "UPI_QR",
    "UPI_SEQ",
    "UPI_APP",
    "CC_PAX",
];

/// D13: currencies accepted on a v1 channel.
pub fn v1_currencies(channel: &str) -> &'static [&'static str] {
    match channel {
        "CC_PAX" | "UPI_MICROPAY" | "UPI_QR" => &["CAD"],
        "WX_JSAPI" | "WX_NATIVE" | "ALIPAY_WAP" | "ALIPAY_PC" | "UPI_SEQ" => &["CAD", "USD", "CNY"],
        _ => &["CAD", "USD"],
    }
}

pub fn is_micropay(channel: &str) -> bool {
    channel.ends_with("_MICROPAY")
}

/// Typed access to the fields of one request.
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
}

fn text(name: &str, v: &Value) -> Result<Option<String>, Reply> {
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        // A JSON integer where a string is documented (the doc's own barcode
        // sample sends `"mchOrderNo":1557771065`) is read as its decimal text.
        Value::Number(n) if n.is_i64() || n.is_u64() => Ok(Some(n.to_string())),
        _ => Err(Reply::param(format!("{name} must be a string"))),
    }
}

fn int(name: &str, v: &Value) -> Result<Option<i64>, Reply> {
    let bad = || Reply::param(format!("{name} must be an integer"));
    match v {
        Value::Null => Ok(None),
        Value::String(s) if s.is_empty() => Ok(None),
        Value::Number(n) => n.as_i64().map(Some).ok_or_else(bad),
        Value::String(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse::<i64>()
                .map(Some)
                .map_err(|_| Reply::param(format!("{name} is out of range")))
        }
        _ => Err(bad()),
    }
}

impl<'a> Fields<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Fields { map }
    }

    /// Optional string of at most `max` UTF-8 bytes; `""` counts as absent.
    pub fn opt(&self, name: &str, max: usize) -> Result<Option<String>, Reply> {
        let Some(v) = self.map.get(name) else {
            return Ok(None);
        };
        let s = text(name, v)?;
        if let Some(s) = &s {
            if s.len() > max {
                return Err(Reply::param(format!(
                    "{name} is longer than {max} bytes ({} bytes)",
                    s.len()
                )));
            }
        }
        Ok(s)
    }

    /// Required non-empty string of at most `max` UTF-8 bytes.
    pub fn req(&self, name: &str, max: usize) -> Result<String, Reply> {
        self.opt(name, max)?
            .ok_or_else(|| Reply::param(format!("{name} is required")))
    }

    /// Optional URL of at most `max` bytes, checked by [`url`] when sent:
    /// every endpoint's callback and return URLs follow the same rules.
    pub fn url_opt(
        &self,
        name: &str,
        max: usize,
        allow_query: bool,
    ) -> Result<Option<String>, Reply> {
        let u = self.opt(name, max)?;
        if let Some(u) = &u {
            url(name, u, allow_query)?;
        }
        Ok(u)
    }

    /// Required URL of at most `max` bytes, checked by [`url`].
    pub fn url_req(&self, name: &str, max: usize, allow_query: bool) -> Result<String, Reply> {
        let u = self.req(name, max)?;
        url(name, &u, allow_query)?;
        Ok(u)
    }

    pub fn int_opt(&self, name: &str) -> Result<Option<i64>, Reply> {
        match self.map.get(name) {
            None => Ok(None),
            Some(v) => int(name, v),
        }
    }

    /// Required amount in minor units within D14's range.
    pub fn amount(&self, name: &str) -> Result<i64, Reply> {
        let a = self
            .int_opt(name)?
            .ok_or_else(|| Reply::param(format!("{name} is required")))?;
        if !(1..=MAX_AMOUNT).contains(&a) {
            return Err(Reply::param(format!(
                "{name} must be between 1 and {MAX_AMOUNT}"
            )));
        }
        Ok(a)
    }

    pub fn has(&self, name: &str) -> bool {
        self.map
            .get(name)
            .is_some_and(|v| !v.is_null() && v.as_str() != Some(""))
    }
}

/// D11: an absolute `http`/`https` URL with a host; `notifyUrl` may not hold `?`.
pub fn url(name: &str, value: &str, allow_query: bool) -> Result<(), Reply> {
    match crate::util::check_http_url(value, allow_query) {
        Ok(()) => Ok(()),
        Err(UrlProblem::HasQuery) => Err(Reply::param(format!("{name} must not contain '?'"))),
        Err(UrlProblem::NotHttp) => Err(Reply::param(format!(
            "{name} must be an absolute http(s) URL"
        ))),
    }
}

pub fn one_of(name: &str, value: &str, allowed: &[&str]) -> Result<(), Reply> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(Reply::param(format!(
            "{name} {value:?} is not one of {}",
            allowed.join(", ")
        )))
    }
}

/// D13 check with a message naming channel and currency.
pub fn currency_for_channel(channel: &str, currency: &str, allowed: &[&str]) -> Result<(), Reply> {
    if allowed.contains(&currency) {
        Ok(())
    } else {
        Err(Reply::param(format!(
            "currency {currency} is not accepted on channel {channel} (accepted: {})",
            allowed.join(", ")
        )))
    }
}

/// Parses a JSON-object string field (`extra`), naming the field on failure.
pub fn json_object(name: &str, value: &str) -> Result<Map<String, Value>, Reply> {
    match serde_json::from_str::<Value>(value) {
        Ok(Value::Object(m)) => Ok(m),
        _ => Err(Reply::param(format!("{name} must be a JSON object string"))),
    }
}

/// A non-empty string member of a parsed `extra` object.
pub fn member(extra: &Map<String, Value>, name: &str, key: &str) -> Result<String, Reply> {
    match extra.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        _ => Err(Reply::param(format!("{name}.{key} is required"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(j: &str) -> Map<String, Value> {
        serde_json::from_str::<Value>(j)
            .unwrap()
            .as_object()
            .unwrap()
            .clone()
    }

    #[test]
    fn lengths_are_bytes() {
        let mut m = Map::new();
        m.insert("s".into(), "测".repeat(22).into()); // 22 chars, 66 bytes
        let f = Fields::new(&m);
        assert!(f.req("s", 64).is_err());
        assert!(f.req("s", 66).is_ok());
    }

    #[test]
    fn amounts() {
        for (j, ok) in [
            (r#"{"a":1}"#, true),
            (r#"{"a":"2147483647"}"#, true),
            (r#"{"a":2147483648}"#, false),
            (r#"{"a":0}"#, false),
            (r#"{"a":-1}"#, false),
            (r#"{"a":1.5}"#, false),
            (r#"{"a":"1.00"}"#, false),
            (r#"{"a":"abc"}"#, false),
            (r#"{"a":true}"#, false),
            (r#"{}"#, false),
        ] {
            let m = fields(j);
            assert_eq!(Fields::new(&m).amount("a").is_ok(), ok, "{j}");
        }
    }

    #[test]
    fn urls() {
        assert!(url("u", "https://x.example/n", false).is_ok());
        assert!(url("u", "http://localhost", false).is_ok());
        assert!(url("u", "https://x.example/n?a=1", false).is_err());
        assert!(url("u", "https://x.example/n?a=1", true).is_ok());
        assert!(url("u", "/relative", true).is_err());
        assert!(url("u", "ftp://x.example/", true).is_err());
    }

    #[test]
    fn d13() {
        assert_eq!(v1_currencies("UPI_QR"), &["CAD"]);
        assert!(v1_currencies("WX_NATIVE").contains(&"CNY"));
        assert!(!v1_currencies("WX_MICROPAY").contains(&"CNY"));
    }
}
