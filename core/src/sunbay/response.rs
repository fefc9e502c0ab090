//! SUNBAY's answer envelope (§3.2, D42): `{code, msg, traceId, data}`.
//! `code` is a string and `"0"` means only "accepted"; any other code is a
//! gateway error classified by the catalogue. HTTP ≥ 500 is an unknown
//! outcome (a transport error), an unreadable body a protocol error.

use crate::error::{Error, Result};
use crate::params::duplicate_json_key;
use crate::response::truncate;
use serde_json::{Map, Value as Json};

/// An accepted answer: its fields (`data`'s, else the top level's, as the
/// SDKs read them) and the trace id to quote to support.
#[derive(Debug, Clone)]
pub struct Reply {
    pub fields: Map<String, Json>,
    pub trace_id: Option<String>,
}

pub fn read(status: u16, body: &[u8]) -> Result<Reply> {
    if status >= 500 {
        return Err(Error::Transport {
            message: format!("SUNBAY answered HTTP {status}"),
            timeout: false,
            connect: false,
            http_status: status,
        });
    }
    let ok = (200..300).contains(&status);
    // Outside 2xx only a readable envelope with a code says more than the status.
    let unreadable = |what: &str| {
        if ok {
            Error::Protocol(what.to_string())
        } else {
            Error::HttpStatus(status)
        }
    };
    let top = match serde_json::from_slice::<Json>(body) {
        Ok(Json::Object(m)) => m,
        Ok(_) => return Err(unreadable("SUNBAY answer is not a JSON object")),
        Err(_) => return Err(unreadable("SUNBAY answer is not valid JSON")),
    };
    if let Some(k) = duplicate_json_key(body) {
        return Err(Error::Protocol(format!(
            "SUNBAY answer names {} more than once",
            truncate(&k)
        )));
    }
    let code = match top.get("code") {
        Some(Json::String(c)) => c.clone(),
        Some(_) => return Err(unreadable("SUNBAY answer code is not a string")),
        None => return Err(unreadable("SUNBAY answer has no code")),
    };
    if code != "0" {
        let msg = top.get("msg").and_then(Json::as_str).unwrap_or("");
        return Err(Error::sunbay_gateway(
            &truncate(&code),
            &msg.chars().take(200).collect::<String>(),
            status,
        ));
    }
    if !ok {
        return Err(Error::HttpStatus(status));
    }
    let trace_id = top
        .get("traceId")
        .and_then(Json::as_str)
        .map(str::to_string);
    Ok(Reply {
        fields: fields_of(&top)?,
        trace_id,
    })
}

/// The transaction fields of an envelope or a webhook body: `data`'s when
/// it is an object, completed by the top level's (D42).
pub fn fields_of(top: &Map<String, Json>) -> Result<Map<String, Json>> {
    let mut out = match top.get("data") {
        None | Some(Json::Null) => Map::new(),
        Some(Json::Object(d)) => d.clone(),
        Some(_) => {
            return Err(Error::Protocol(
                "SUNBAY answer data is not an object".into(),
            ))
        }
    };
    for (k, v) in top {
        if !matches!(k.as_str(), "code" | "msg" | "traceId" | "data") && !out.contains_key(k) {
            out.insert(k.clone(), v.clone());
        }
    }
    Ok(out)
}

/// A text field: a non-empty string (a number is read as its digits).
pub fn text(m: &Map<String, Json>, k: &str) -> Option<String> {
    match m.get(k)? {
        Json::String(s) if !s.is_empty() => Some(s.clone()),
        Json::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An amount (D43): a JSON integer or a string of ASCII digits, never
/// negative, never a decimal (it would not be minor units).
pub fn amount(m: &Map<String, Json>, k: &str) -> Result<Option<i64>> {
    let bad = || Error::Protocol(format!("SUNBAY amount {k} is not integer minor units"));
    match m.get(k) {
        None | Some(Json::Null) => Ok(None),
        Some(Json::Number(n)) => match n.as_i64() {
            Some(v) if v >= 0 => Ok(Some(v)),
            _ => Err(bad()),
        },
        Some(Json::String(s)) => {
            if s.is_empty() || s.len() > 18 || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            s.parse().map(Some).map_err(|_| bad())
        }
        Some(_) => Err(bad()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::Classification;

    #[test]
    fn accepted_reads_data_then_top_level() {
        let r = read(
            200,
            br#"{"code":"0","msg":"Success","traceId":"T1","data":{"transactionId":"X"},"extra":1}"#,
        )
        .unwrap();
        assert_eq!(r.trace_id.as_deref(), Some("T1"));
        assert_eq!(text(&r.fields, "transactionId").as_deref(), Some("X"));
        assert_eq!(r.fields["extra"], 1);
    }

    #[test]
    fn codes_and_statuses() {
        let e = read(200, br#"{"code":"S11","msg":"duplicate","traceId":"t"}"#).unwrap_err();
        assert!(e.should_query_first());
        assert!(matches!(&e, Error::Gateway { code, .. } if code == "S11"));
        let e = read(200, br#"{"code":"C09","msg":"refund exceeds"}"#).unwrap_err();
        assert!(matches!(
            e,
            Error::Gateway {
                classification: Classification::Final,
                ..
            }
        ));
        let e = read(401, br#"{"code":"S10","msg":"auth"}"#).unwrap_err();
        assert!(matches!(&e, Error::Gateway { code, http_status: 401, .. } if code == "S10"));
        assert!(read(200, br#"{"code":"Q77"}"#)
            .unwrap_err()
            .should_query_first());
        // A numeric code is not the protocol (D42).
        assert!(matches!(
            read(200, br#"{"code":0}"#),
            Err(Error::Protocol(_))
        ));
        assert!(matches!(read(200, b"<html>"), Err(Error::Protocol(_))));
        assert_eq!(read(404, b"nope").unwrap_err(), Error::HttpStatus(404));
        let e = read(503, br#"{"code":"0"}"#).unwrap_err();
        assert!(e.should_query_first());
        assert!(matches!(
            e,
            Error::Transport {
                http_status: 503,
                ..
            }
        ));
        assert!(matches!(
            read(200, br#"{"code":"0","data":{"a":1,"a":2}}"#),
            Err(Error::Protocol(_))
        ));
    }

    #[test]
    fn amounts() {
        let m: Map<String, Json> = serde_json::from_str(
            r#"{"a":100,"b":"250","c":"1.50","d":-1,"e":1.5,"f":"","g":null}"#,
        )
        .unwrap();
        assert_eq!(amount(&m, "a"), Ok(Some(100)));
        assert_eq!(amount(&m, "b"), Ok(Some(250)));
        for k in ["c", "d", "e", "f"] {
            assert!(amount(&m, k).is_err(), "{k}");
        }
        assert_eq!(amount(&m, "g"), Ok(None));
        assert_eq!(amount(&m, "zz"), Ok(None));
    }
}
