//! Request bodies from the caller's fields: every field checked (type,
//! range, alphabet) before anything is sent, unknown fields refused, amounts
//! as integer minor units in an `amount` object with `priceCurrency` (§6,
//! D43), `appId` and `merchantId` from the configuration.

use super::config::Config;
use super::validate;
use crate::error::{Error, Result};
use crate::money::{check_minor, iso_currency, MAX_MINOR};
use serde_json::{Map, Value as Json};

/// A request ready to send: the JSON body and the operation's business key
/// (the request id is derived from it, D41), with what the answer is
/// checked or completed against.
#[derive(Debug, Clone)]
pub struct Built {
    pub body: Map<String, Json>,
    pub key: String,
    pub amount: Option<i64>,
    pub currency: Option<String>,
}

/// Reads the caller's fields, refusing wrong types by field name.
struct Input<'a>(&'a Map<String, Json>);

impl<'a> Input<'a> {
    fn only(&self, allowed: &[&str]) -> Result<()> {
        self.only_in(&[allowed])
    }

    /// `only` for fields allowed by any of several lists.
    fn only_in(&self, lists: &[&[&str]]) -> Result<()> {
        for k in self.0.keys() {
            if !lists.iter().any(|l| l.contains(&k.as_str())) {
                return Err(Error::validation(k.as_str(), "unknown field"));
            }
        }
        Ok(())
    }

    fn str_opt(&self, k: &str) -> Result<Option<&'a str>> {
        match self.0.get(k) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::String(s)) => Ok(Some(s.as_str())),
            Some(_) => Err(Error::validation(k, "must be a string")),
        }
    }

    fn str_req(&self, k: &str) -> Result<&'a str> {
        match self.str_opt(k)? {
            Some(s) if !s.is_empty() => Ok(s),
            _ => Err(Error::validation(k, "is required")),
        }
    }

    fn int_opt(&self, k: &str) -> Result<Option<i64>> {
        match self.0.get(k) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Number(n)) => n
                .as_i64()
                .map(Some)
                .ok_or_else(|| Error::validation(k, "must be an integer (minor units)")),
            Some(_) => Err(Error::validation(k, "must be an integer (minor units)")),
        }
    }

    fn bool_opt(&self, k: &str) -> Result<Option<bool>> {
        match self.0.get(k) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Bool(b)) => Ok(Some(*b)),
            Some(_) => Err(Error::validation(k, "must be a boolean")),
        }
    }
}

/// A free text SUNBAY shows or stores: at most `max` characters, no
/// control characters.
fn text(field: &str, v: &str, max: usize) -> Result<()> {
    if v.chars().count() > max {
        return Err(Error::validation(
            field,
            format!("must be at most {max} characters"),
        ));
    }
    if v.chars().any(char::is_control) {
        return Err(Error::validation(field, "must not hold control characters"));
    }
    Ok(())
}

/// A URL SUNBAY calls or sends the browser to: absolute http(s).
fn url(field: &str, v: &str) -> Result<()> {
    if v.len() > 512 {
        return Err(Error::validation(field, "must be at most 512 characters"));
    }
    match url::Url::parse(v) {
        Ok(u) if matches!(u.scheme(), "https" | "http") && u.host().is_some() => Ok(()),
        _ => Err(Error::validation(field, "must be an absolute http(s) URL")),
    }
}

fn non_negative(field: &str, v: i64) -> Result<i64> {
    if !(0..=MAX_MINOR).contains(&v) {
        return Err(Error::validation(
            field,
            "must be a non-negative number of minor units within range",
        ));
    }
    Ok(v)
}

/// The online amount object: `orderAmount` (+ `taxAmount`,
/// `surchargeAmount`) and `priceCurrency`.
fn amount_object(i: &Input<'_>, with_extras: bool) -> Result<(Map<String, Json>, i64, String)> {
    let order = check_minor(
        "amount",
        i.int_opt("amount")?
            .ok_or_else(|| Error::validation("amount", "is required (integer minor units)"))?,
    )?;
    let currency = i.str_req("currency")?;
    iso_currency("currency", currency)?;
    let mut a = Map::new();
    a.insert("orderAmount".into(), Json::from(order));
    a.insert("priceCurrency".into(), Json::from(currency));
    if with_extras {
        for k in ["taxAmount", "surchargeAmount"] {
            if let Some(v) = i.int_opt(k)? {
                a.insert(k.into(), Json::from(non_negative(k, v)?));
            }
        }
    }
    Ok((a, order, currency.to_string()))
}

/// `productList`: `{name, amount, num}` items whose Σ amount × num equals
/// the order amount (§6).
fn product_list(v: &Json, order_amount: i64) -> Result<Json> {
    const F: &str = "productList";
    let items = v
        .as_array()
        .ok_or_else(|| Error::validation(F, "must be a list"))?;
    if items.is_empty() || items.len() > 100 {
        return Err(Error::validation(F, "must hold 1 to 100 items"));
    }
    let mut out = Vec::with_capacity(items.len());
    let mut sum: i64 = 0;
    for item in items {
        let m = item
            .as_object()
            .ok_or_else(|| Error::validation(F, "items must be arrays of name, amount, num"))?;
        let i = Input(m);
        i.only(&["name", "amount", "num"])
            .map_err(|_| Error::validation(F, "items may only hold name, amount and num"))?;
        let name = i
            .str_req("name")
            .map_err(|_| Error::validation(F, "item name is required"))?;
        text(F, name, 128)?;
        let amount = i
            .int_opt("amount")
            .ok()
            .flatten()
            .filter(|a| (0..=MAX_MINOR).contains(a))
            .ok_or_else(|| Error::validation(F, "item amount must be integer minor units"))?;
        let num = i
            .int_opt("num")
            .ok()
            .flatten()
            .filter(|n| (1..=1_000_000).contains(n))
            .ok_or_else(|| Error::validation(F, "item num must be a positive integer"))?;
        sum = amount
            .checked_mul(num)
            .and_then(|x| sum.checked_add(x))
            .ok_or_else(|| Error::validation(F, "item total too large"))?;
        let mut o = Map::new();
        o.insert("name".into(), Json::from(name));
        o.insert("amount".into(), Json::from(amount));
        o.insert("num".into(), Json::from(num));
        out.push(Json::Object(o));
    }
    if sum != order_amount {
        return Err(Error::validation(
            F,
            "the items' amount x num must add up to the amount",
        ));
    }
    Ok(Json::Array(out))
}

fn base(cfg: &Config) -> Map<String, Json> {
    let mut b = Map::new();
    b.insert("appId".into(), Json::from(cfg.app_id.as_str()));
    b.insert("merchantId".into(), Json::from(cfg.merchant_id.as_str()));
    b
}

/// The fields `checkout` reads, which create-session and sale both take.
const CHECKOUT_FIELDS: &[&str] = &[
    "transactionRequestId",
    "referenceOrderId",
    "amount",
    "currency",
    "description",
    "notifyUrl",
    "merchantReturnUrl",
    "taxAmount",
    "surchargeAmount",
    "productList",
];

/// The fields create-session and sale share, the request refused first when
/// it holds a field neither these nor the endpoint's `own` fields name.
fn checkout(cfg: &Config, i: &Input<'_>, own: &[&str]) -> Result<Built> {
    i.only_in(&[CHECKOUT_FIELDS, own])?;
    let trid = i.str_req("transactionRequestId")?;
    validate::transaction_request_id("transactionRequestId", trid)?;
    let reference = i.str_req("referenceOrderId")?;
    validate::reference_order_id("referenceOrderId", reference)?;
    let (amount, order, currency) = amount_object(i, true)?;
    let description = i.str_req("description")?;
    text("description", description, 128)?;
    let mut b = base(cfg);
    b.insert("transactionRequestId".into(), Json::from(trid));
    b.insert("referenceOrderId".into(), Json::from(reference));
    b.insert("amount".into(), Json::Object(amount));
    b.insert("description".into(), Json::from(description));
    if let Some(p) = i.0.get("productList").filter(|v| !v.is_null()) {
        b.insert("productList".into(), product_list(p, order)?);
    }
    for k in ["notifyUrl", "merchantReturnUrl"] {
        if let Some(u) = i.str_opt(k)? {
            url(k, u)?;
            b.insert(k.into(), Json::from(u));
        }
    }
    Ok(Built {
        body: b,
        key: trid.to_string(),
        amount: Some(order),
        currency: Some(currency),
    })
}

/// create-session's own fields, besides `CHECKOUT_FIELDS`.
const SESSION_FIELDS: &[&str] = &["collectBillingAddress", "collectShippingAddress"];

pub fn create_session(cfg: &Config, input: &Map<String, Json>) -> Result<Built> {
    let i = Input(input);
    let mut built = checkout(cfg, &i, SESSION_FIELDS)?;
    for k in ["collectBillingAddress", "collectShippingAddress"] {
        if let Some(v) = i.bool_opt(k)? {
            built.body.insert(k.into(), Json::Bool(v));
        }
    }
    Ok(built)
}

/// sale's own fields, besides `CHECKOUT_FIELDS`.
const SALE_FIELDS: &[&str] = &[
    "paymentMethod",
    "cardEncryptedData",
    "customerEmail",
    "customerName",
    "billingAddress",
    "shippingAddress",
];

const ADDRESS_FIELDS: &[&str] = &["country", "state", "city", "line1", "line2", "postalCode"];

/// `checkout/sale` (§8.1): a wallet payment; `cardEncryptedData` is the
/// wallet's token exactly as the wallet returned it, passed through
/// untouched and never quoted in a message.
pub fn sale(cfg: &Config, input: &Map<String, Json>) -> Result<Built> {
    let i = Input(input);
    let mut built = checkout(cfg, &i, SALE_FIELDS)?;
    let method = i.str_req("paymentMethod")?;
    if !matches!(method, "GOOGLE_PAY" | "APPLE_PAY") {
        return Err(Error::validation(
            "paymentMethod",
            "must be GOOGLE_PAY or APPLE_PAY",
        ));
    }
    built
        .body
        .insert("paymentMethod".into(), Json::from(method));
    let token = i.str_req("cardEncryptedData")?;
    if token.len() > 64 * 1024 {
        return Err(Error::validation(
            "cardEncryptedData",
            "must be at most 64 KiB",
        ));
    }
    built
        .body
        .insert("cardEncryptedData".into(), Json::from(token));
    for k in ["customerEmail", "customerName"] {
        if let Some(v) = i.str_opt(k)? {
            text(k, v, 128)?;
            built.body.insert(k.into(), Json::from(v));
        }
    }
    for k in ["billingAddress", "shippingAddress"] {
        match input.get(k) {
            None | Some(Json::Null) => {}
            Some(Json::Object(m)) => {
                let a = Input(m);
                a.only(ADDRESS_FIELDS).map_err(|_| {
                    Error::validation(
                        k,
                        "may only hold country, state, city, line1, line2, postalCode",
                    )
                })?;
                let mut out = Map::new();
                for f in ADDRESS_FIELDS {
                    if let Some(v) = a
                        .str_opt(f)
                        .map_err(|_| Error::validation(k, "values must be strings"))?
                    {
                        text(k, v, 128)?;
                        out.insert((*f).into(), Json::from(v));
                    }
                }
                built.body.insert(k.into(), Json::Object(out));
            }
            Some(_) => return Err(Error::validation(k, "must be an array")),
        }
    }
    Ok(built)
}

const REFUND_FIELDS: &[&str] = &[
    "transactionRequestId",
    "originalTransactionId",
    "originalTransactionRequestId",
    "amount",
    "currency",
    "description",
    "notifyUrl",
];

/// `checkout/refund` (§8.1, D46): always an explicit amount; the original
/// by `originalTransactionId` when known, else by its request id.
pub fn refund(cfg: &Config, input: &Map<String, Json>) -> Result<Built> {
    let i = Input(input);
    i.only(REFUND_FIELDS)?;
    let trid = i.str_req("transactionRequestId")?;
    validate::transaction_request_id("transactionRequestId", trid)?;
    let mut b = base(cfg);
    b.insert("transactionRequestId".into(), Json::from(trid));
    let original_id = i
        .str_opt("originalTransactionId")?
        .filter(|s| !s.is_empty());
    let original_rid = i
        .str_opt("originalTransactionRequestId")?
        .filter(|s| !s.is_empty());
    match (original_id, original_rid) {
        (Some(id), _) => {
            validate::provider_id("originalTransactionId", id)?;
            b.insert("originalTransactionId".into(), Json::from(id));
        }
        (None, Some(rid)) => {
            validate::transaction_request_id("originalTransactionRequestId", rid)?;
            b.insert("originalTransactionRequestId".into(), Json::from(rid));
        }
        (None, None) => {
            return Err(Error::validation(
                "originalTransactionId",
                "originalTransactionId or originalTransactionRequestId is required",
            ))
        }
    }
    let (amount, order, currency) = amount_object(&i, false)?;
    b.insert("amount".into(), Json::Object(amount));
    if let Some(d) = i.str_opt("description")? {
        text("description", d, 128)?;
        b.insert("description".into(), Json::from(d));
    }
    if let Some(u) = i.str_opt("notifyUrl")? {
        url("notifyUrl", u)?;
        b.insert("notifyUrl".into(), Json::from(u));
    }
    Ok(Built {
        body: b,
        key: trid.to_string(),
        amount: Some(order),
        currency: Some(currency),
    })
}

/// `checkout/expire-session` (§8.1).
pub fn expire_session(cfg: &Config, session_id: &str, reason: Option<&str>) -> Result<Built> {
    validate::provider_id("sessionId", session_id)?;
    let mut b = base(cfg);
    b.insert("sessionId".into(), Json::from(session_id));
    if let Some(r) = reason.filter(|r| !r.is_empty()) {
        text("reason", r, 128)?;
        b.insert("reason".into(), Json::from(r));
    }
    Ok(Built {
        body: b,
        key: session_id.to_string(),
        amount: None,
        currency: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cfg() -> Config {
        Config::new("app_1", "M1260231004", "sk").unwrap()
    }

    fn obj(v: Json) -> Map<String, Json> {
        v.as_object().cloned().unwrap()
    }

    fn session_input() -> Json {
        json!({"transactionRequestId":"WC12-1","referenceOrderId":"WC000012","amount":1234,
               "currency":"USD","description":"Order 12","notifyUrl":"https://shop.example/hook",
               "taxAmount":100,"productList":[{"name":"Mug","amount":617,"num":2}],
               "collectBillingAddress":true})
    }

    #[test]
    fn create_session_body() {
        let b = create_session(&cfg(), &obj(session_input())).unwrap();
        assert_eq!(b.key, "WC12-1");
        assert_eq!(
            Json::Object(b.body),
            json!({"appId":"app_1","merchantId":"M1260231004","transactionRequestId":"WC12-1",
                   "referenceOrderId":"WC000012",
                   "amount":{"orderAmount":1234,"priceCurrency":"USD","taxAmount":100},
                   "description":"Order 12","productList":[{"name":"Mug","amount":617,"num":2}],
                   "notifyUrl":"https://shop.example/hook","collectBillingAddress":true})
        );
    }

    fn refused(input: Json, field: &str) {
        let e = create_session(&cfg(), &obj(input)).unwrap_err();
        assert!(
            matches!(&e, Error::Validation { field: f, .. } if f == field),
            "{e:?} for {field}"
        );
    }

    #[test]
    fn create_session_refusals() {
        let with = |k: &str, v: Json| {
            let mut i = session_input();
            i[k] = v;
            i
        };
        refused(with("amount", json!(12.5)), "amount");
        refused(with("amount", json!("12")), "amount");
        refused(with("amount", json!(0)), "amount");
        refused(with("currency", json!("ABC")), "currency");
        refused(with("referenceOrderId", json!("WC12")), "referenceOrderId");
        refused(
            with("transactionRequestId", json!("a b")),
            "transactionRequestId",
        );
        refused(
            with("productList", json!([{"name":"Mug","amount":600,"num":2}])),
            "productList",
        );
        refused(with("notifyUrl", json!("javascript:alert(1)")), "notifyUrl");
        refused(with("notifyURL", json!("https://x")), "notifyURL");
        refused(
            with("collectShippingAddress", json!(1)),
            "collectShippingAddress",
        );
        refused(with("taxAmount", json!(-1)), "taxAmount");
        refused(with("description", json!("")), "description");
    }

    #[test]
    fn sale_passes_the_token_through() {
        let mut i = session_input();
        i.as_object_mut().unwrap().remove("collectBillingAddress");
        i["paymentMethod"] = json!("GOOGLE_PAY");
        i["cardEncryptedData"] =
            json!("{\"signature\":\"MEUC\\u003d\",\"protocolVersion\":\"ECv2\"}");
        i["billingAddress"] = json!({"country":"US","postalCode":"10001"});
        let b = sale(&cfg(), &obj(i.clone())).unwrap();
        assert_eq!(b.body["cardEncryptedData"], i["cardEncryptedData"]);
        assert_eq!(b.body["paymentMethod"], "GOOGLE_PAY");
        i["paymentMethod"] = json!("CARD");
        assert!(sale(&cfg(), &obj(i)).is_err());
    }

    #[test]
    fn refund_body() {
        let b = refund(
            &cfg(),
            &obj(
                json!({"transactionRequestId":"WC12-r1","originalTransactionRequestId":"WC12-1",
                        "amount":500,"currency":"JPY"}),
            ),
        )
        .unwrap();
        assert_eq!(
            b.body["amount"],
            json!({"orderAmount":500,"priceCurrency":"JPY"})
        );
        assert_eq!(b.body["originalTransactionRequestId"], "WC12-1");
        let both = refund(
            &cfg(),
            &obj(
                json!({"transactionRequestId":"WC12-r1","originalTransactionId":"TXN1",
                        "originalTransactionRequestId":"WC12-1","amount":500,"currency":"USD"}),
            ),
        )
        .unwrap();
        assert_eq!(both.body["originalTransactionId"], "TXN1");
        assert!(!both.body.contains_key("originalTransactionRequestId"));
        let e = refund(
            &cfg(),
            &obj(json!({"transactionRequestId":"WC12-r1","amount":500,"currency":"USD"})),
        )
        .unwrap_err();
        assert!(matches!(e, Error::Validation { .. }));
    }
}
