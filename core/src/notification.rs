//! IOTPay's asynchronous payment notification (spec §6, D19): parsing from the
//! raw request, signature verification, typed fields.

use crate::error::{Error, Result};
use crate::params::{duplicate_json_key, json_pairs};
use crate::response::parse_int;
use crate::sign;
use crate::v1::results::OrderStatus;
use serde_json::{Map, Value as Json};

/// The body IOTPay must receive to stop re-sending (spec §6).
pub const ACK: &str = "success";

/// Largest notification body accepted; real ones are well under 2 KiB.
const MAX_NOTIFICATION: usize = 64 * 1024;

#[derive(Debug, Clone)]
pub struct Notification {
    pub pay_order_id: String,
    pub mch_id: String,
    pub mch_order_no: String,
    pub channel_id: Option<String>,
    pub currency: String,
    pub amount: i64,
    pub status: OrderStatus,
    pub channel_order_no: Option<String>,
    pub pay_succ_time: Option<i64>,
    pub param1: Option<String>,
    pub param2: Option<String>,
    pub back_type: Option<i64>,
    /// Every received field except `sign`, in received order.
    pub fields: Vec<(String, String)>,
}

/// Collects the fields of a notification from a raw request. Query-string
/// fields are merged with the body's; a name given twice is refused rather
/// than guessed.
pub fn collect_fields(
    body: &[u8],
    content_type: &str,
    query: &str,
) -> Result<Vec<(String, String)>> {
    if query.len() > MAX_NOTIFICATION {
        return Err(Error::validation("notification", "too large"));
    }
    let trimmed = trimmed_body(body)?;
    let mut out: Vec<(String, String)> = Vec::new();
    let push = |k: String, v: String, out: &mut Vec<(String, String)>| -> Result<()> {
        if out.iter().any(|(n, _)| *n == k) {
            return Err(Error::validation(
                k,
                "appears more than once in the notification",
            ));
        }
        out.push((k, v));
        Ok(())
    };
    let q = query.strip_prefix('?').unwrap_or(query);
    for (k, v) in form_urlencoded::parse(q.as_bytes()) {
        push(k.into_owned(), v.into_owned(), &mut out)?;
    }
    let ct = content_type.to_ascii_lowercase();
    let looks_json = ct.contains("json") || trimmed.first() == Some(&b'{');
    if !trimmed.is_empty() {
        if looks_json {
            for (k, v) in json_pairs(&json_object(trimmed)?) {
                push(k, v, &mut out)?;
            }
        } else {
            if std::str::from_utf8(trimmed).is_err() {
                return Err(Error::validation("notification", "body is not UTF-8"));
            }
            for (k, v) in form_urlencoded::parse(trimmed) {
                push(k.into_owned(), v.into_owned(), &mut out)?;
            }
        }
    }
    if out.is_empty() {
        return Err(Error::validation("notification", "no fields"));
    }
    Ok(out)
}

/// The body without surrounding whitespace, refused when too large.
pub(crate) fn trimmed_body(body: &[u8]) -> Result<&[u8]> {
    if body.len() > MAX_NOTIFICATION {
        return Err(Error::validation("notification", "too large"));
    }
    Ok(trim_ascii(body))
}

/// A JSON object body (v1 as one of its encodings, V3 always). A key given
/// twice, at any depth, is refused: parsing would silently keep the last
/// value, and a body that says two things must not be read (D19).
pub(crate) fn json_object(trimmed: &[u8]) -> Result<Map<String, Json>> {
    let v: Json = serde_json::from_slice(trimmed)
        .map_err(|_| Error::validation("notification", "body is not valid JSON"))?;
    if let Some(k) = duplicate_json_key(trimmed) {
        return Err(Error::validation(
            k,
            "appears more than once in the notification",
        ));
    }
    match v {
        Json::Object(m) => Ok(m),
        _ => Err(Error::validation(
            "notification",
            "JSON body is not an object",
        )),
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
        .map(|e| e + 1)
        .unwrap_or(start);
    &b[start..end]
}

/// Checks that the received fields carry a `sign` and that it verifies over
/// every field but `sign` (`what` names the message in the error). Shared
/// with the Autodebit contract callback, which IOTPay signs the same way.
pub(crate) fn check_signature(fields: &[(String, String)], key: &str, what: &str) -> Result<()> {
    if !fields.iter().any(|(k, _)| k == "sign") {
        return Err(Error::Signature(format!("{what} has no sign")));
    }
    if !sign::verify_str_pairs(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())), key) {
        return Err(Error::Signature(format!(
            "{what} signature does not verify"
        )));
    }
    Ok(())
}

/// A received field's value; an empty one counts as absent (IOTPay sends
/// unset fields empty).
pub(crate) fn field(fields: &[(String, String)], k: &str) -> Option<String> {
    fields
        .iter()
        .find(|(n, _)| n == k)
        .map(|(_, v)| v.clone())
        .filter(|v| !v.is_empty())
}

/// Verifies the signature over every received field but `sign`, then reads
/// the typed fields. Nothing is trusted before the signature verifies.
pub fn verify(fields: Vec<(String, String)>, key: &str) -> Result<Notification> {
    check_signature(&fields, key, "notification")?;
    let get = |k: &str| field(&fields, k);
    let req = |k: &str| get(k).ok_or_else(|| Error::validation(k, "missing from notification"));
    let int = |k: &str| -> Result<Option<i64>> {
        match get(k) {
            None => Ok(None),
            Some(v) => parse_int(&v)
                .map(Some)
                .ok_or_else(|| Error::validation(k, "is not an integer")),
        }
    };
    // A V3 refund or void record has every field a v1 payment notification
    // needs, status 2 included: read by this parser it would look paid.
    if get("payType").is_some_and(|t| t.eq_ignore_ascii_case("refund"))
        || get("originalOrderId").is_some()
    {
        return Err(Error::validation(
            "payType",
            "a Credit Card V3 refund or void record: read it with CardNotification",
        ));
    }
    let amount =
        int("amount")?.ok_or_else(|| Error::validation("amount", "missing from notification"))?;
    if amount < 0 {
        return Err(Error::validation("amount", "is negative"));
    }
    let status =
        int("status")?.ok_or_else(|| Error::validation("status", "missing from notification"))?;
    Ok(Notification {
        pay_order_id: req("payOrderId")?,
        mch_id: req("mchId")?,
        mch_order_no: req("mchOrderNo")?,
        channel_id: get("channelId"),
        currency: req("currency")?,
        amount,
        status: OrderStatus::from_code(status),
        channel_order_no: get("channelOrderNo"),
        pay_succ_time: int("paySuccTime")?,
        param1: get("param1"),
        param2: get("param2"),
        back_type: int("backType")?,
        fields: fields.into_iter().filter(|(k, _)| k != "sign").collect(),
    })
}

/// Parses and verifies in one step.
pub fn parse(body: &[u8], content_type: &str, query: &str, key: &str) -> Result<Notification> {
    verify(collect_fields(body, content_type, query)?, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "test_merchant_key";
    // Spec §2.5 V3, form-encoded.
    const V3: &str = "payOrderId=P20160427210604000490&mchId=20001222&mchOrderNo=20160427210604000490&channelId=WX_NATIVE&currency=CAD&amount=100&status=2&clientIp=210.73.10.148&device=WEB&subject=product+title&body=product%20description&channelOrderNo=wx2016081611532915ae15beab0167893571&param1=&param2=&paySuccTime=1505049094262&backType=2&sign=3677837E9B7858B4E771ACE021625D59";

    #[test]
    fn spec_vector_form_body() {
        let n = parse(V3.as_bytes(), "application/x-www-form-urlencoded", "", KEY).unwrap();
        assert_eq!(n.amount, 100);
        assert!(n.status.is_paid());
        assert_eq!(n.mch_order_no, "20160427210604000490");
        assert_eq!(n.pay_succ_time, Some(1505049094262));
        assert!(n.fields.iter().all(|(k, _)| k != "sign"));
    }

    #[test]
    fn spec_vector_query_string_and_json() {
        assert!(parse(b"", "", V3, KEY).is_ok());
        let fields = collect_fields(V3.as_bytes(), "", "").unwrap();
        let mut m = serde_json::Map::new();
        for (k, v) in fields {
            m.insert(k, serde_json::Value::String(v));
        }
        let json = serde_json::to_vec(&m).unwrap();
        assert!(parse(&json, "application/json", "", KEY).is_ok());
    }

    #[test]
    fn tampering_and_forgery_are_refused() {
        let altered = V3.replace("amount=100", "amount=1");
        assert!(matches!(
            parse(altered.as_bytes(), "", "", KEY),
            Err(Error::Signature(_))
        ));
        assert!(matches!(
            parse(V3.as_bytes(), "", "", "other_key"),
            Err(Error::Signature(_))
        ));
        let unsigned = V3.split("&sign=").next().unwrap();
        assert!(matches!(
            parse(unsigned.as_bytes(), "", "", KEY),
            Err(Error::Signature(_))
        ));
        let extra = format!("{V3}&injected=1");
        assert!(matches!(
            parse(extra.as_bytes(), "", "", KEY),
            Err(Error::Signature(_))
        ));
    }

    #[test]
    fn duplicates_and_garbage_are_refused() {
        let dup = format!("{V3}&amount=100");
        assert!(matches!(
            parse(dup.as_bytes(), "", "", KEY),
            Err(Error::Validation { .. })
        ));
        assert!(matches!(
            parse(V3.as_bytes(), "", "amount=100", KEY),
            Err(Error::Validation { .. })
        ));
        assert!(parse(b"{not json", "application/json", "", KEY).is_err());
        // A JSON key twice, even with the same (signed) value.
        let fields = collect_fields(V3.as_bytes(), "", "").unwrap();
        let mut m = serde_json::Map::new();
        for (k, v) in fields {
            m.insert(k, serde_json::Value::String(v));
        }
        let json = serde_json::to_string(&m).unwrap();
        assert!(parse(json.as_bytes(), "application/json", "", KEY).is_ok());
        let dup = format!("{},\"amount\":\"100\"}}", &json[..json.len() - 1]);
        match parse(dup.as_bytes(), "application/json", "", KEY) {
            Err(Error::Validation { field, .. }) => assert_eq!(field, "amount"),
            other => panic!("{other:?}"),
        }
        assert!(parse(b"", "", "", KEY).is_err());
        assert!(parse(&[0xff, 0xfe, b'=', b'1'], "", "", KEY).is_err());
    }

    #[test]
    fn lowercase_sign_accepted() {
        let lower = V3.replace(
            "3677837E9B7858B4E771ACE021625D59",
            "3677837e9b7858b4e771ace021625d59",
        );
        assert!(parse(lower.as_bytes(), "", "", KEY).is_ok());
    }

    #[test]
    fn a_card_refund_record_is_not_a_payment_notification() {
        let mut fields = collect_fields(V3.as_bytes(), "", "").unwrap();
        fields.retain(|(k, _)| k != "sign");
        for extra in [("payType", "refund"), ("originalOrderId", "PC1")] {
            let mut f = fields.clone();
            f.push((extra.0.into(), extra.1.into()));
            let sig = sign::sign_str_pairs(f.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
            f.push(("sign".into(), sig));
            match verify(f, KEY) {
                Err(Error::Validation { field, .. }) => assert_eq!(field, "payType"),
                other => panic!("{extra:?}: {other:?}"),
            }
        }
        let mut f = fields.clone();
        f.push(("payType".into(), "pay".into()));
        let sig = sign::sign_str_pairs(f.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
        f.push(("sign".into(), sig));
        assert!(verify(f, KEY).is_ok());
    }
}
