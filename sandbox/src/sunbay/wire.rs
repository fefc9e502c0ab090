//! SUNBAY's wire format: the request headers (§3.1), the JSON envelope
//! (§3.2, D42), field rules (§5) and amount objects (§6, D43).

use axum::http::HeaderMap;
use serde_json::{Map, Value};

use crate::config::SunbayAccount;
use crate::store::sunbay::{tx_status, Amounts};
use crate::sunbay::codes;
use crate::sunbay::currency;

/// ±10 minutes (§3.1).
pub const TIMESTAMP_WINDOW_MS: i64 = 10 * 60 * 1000;
/// A POST's `X-Client-Request-Id` seen again within this is `S11` (§3.1).
pub const REQUEST_ID_WINDOW_MS: i64 = 10 * 60 * 1000;
/// Largest amount the simulator takes (`C08` above).
pub const MAX_AMOUNT: i64 = 100_000_000_000;

/// A SUNBAY error answer: a code and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: String,
    pub msg: String,
}

impl Refusal {
    pub fn new(code: &str, detail: impl AsRef<str>) -> Self {
        let detail = detail.as_ref();
        let msg = if detail.is_empty() {
            codes::message(code)
        } else {
            format!("{}: {detail}", codes::message(code))
        };
        Refusal {
            code: code.to_owned(),
            msg,
        }
    }

    /// `C01` naming the missing field.
    pub fn missing(field: &str) -> Self {
        Refusal::new(codes::PARAM_MISSING, field)
    }

    /// `C17` naming the field and the rule it breaks.
    pub fn param(field: &str, rule: &str) -> Self {
        Refusal::new(codes::PARAM_ERROR, format!("{field} {rule}"))
    }
}

/// What an endpoint answers: `data`, or a refusal.
pub type Outcome = Result<Map<String, Value>, Refusal>;

/// Answer-shape choices (faults) applied when `data` is rendered.
#[derive(Debug, Clone, Copy, Default)]
pub struct Shape {
    pub amounts_as_strings: bool,
    pub status_long_names: bool,
}

/// The §3.2 envelope: `code` (a string), `msg`, `traceId`, `data`.
pub fn envelope(outcome: &Outcome, trace_id: &str) -> Map<String, Value> {
    let mut m = Map::new();
    match outcome {
        Ok(data) => {
            m.insert("code".into(), codes::OK.into());
            m.insert("msg".into(), codes::message(codes::OK).into());
            m.insert("traceId".into(), trace_id.into());
            m.insert("data".into(), Value::Object(data.clone()));
        }
        Err(r) => {
            m.insert("code".into(), r.code.clone().into());
            m.insert("msg".into(), r.msg.clone().into());
            m.insert("traceId".into(), trace_id.into());
            m.insert("data".into(), Value::Object(Map::new()));
        }
    }
    m
}

/// Applies the answer-shape faults to `data` (recursively into `amount`).
pub fn reshape(data: &mut Map<String, Value>, shape: Shape, omit: &[String]) {
    for name in omit {
        match name.split_once('.') {
            Some((outer, inner)) => {
                if let Some(Value::Object(o)) = data.get_mut(outer) {
                    o.shift_remove(inner);
                }
            }
            None => {
                data.shift_remove(name);
            }
        }
    }
    if shape.status_long_names {
        if let Some(Value::String(s)) = data.get_mut("transactionStatus") {
            *s = tx_status::long_name(s).to_owned();
        }
    }
    if shape.amounts_as_strings {
        if let Some(Value::Object(a)) = data.get_mut("amount") {
            for v in a.values_mut() {
                if let Value::Number(n) = v {
                    *v = Value::String(n.to_string());
                }
            }
        }
    }
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// §3.1: `Authorization: Bearer <key>` (S10), `X-Timestamp` 13 digits within
/// ±10 minutes (S02), `X-Client-Request-Id` present, at most 64 characters
/// (C01 / C17). Returns the request id.
pub fn check_headers(
    account: &SunbayAccount,
    headers: &HeaderMap,
    now: i64,
) -> Result<String, Refusal> {
    let auth = header(headers, "authorization").unwrap_or("");
    let key = auth.strip_prefix("Bearer ").unwrap_or("");
    // Constant-time compare: the sandbox should not teach a timing oracle either.
    if key.is_empty() || !ct_eq(key.as_bytes(), account.api_key.as_bytes()) {
        let detail = if auth.is_empty() {
            "Authorization header is missing"
        } else if key.is_empty() {
            "Authorization must be 'Bearer <api key>'"
        } else {
            "unknown API key"
        };
        return Err(Refusal::new(codes::AUTH_FAILED, detail));
    }
    let ts = header(headers, "x-timestamp").unwrap_or("");
    if ts.is_empty() {
        return Err(Refusal::new(codes::BAD_TIMESTAMP, "X-Timestamp is missing"));
    }
    if ts.len() != 13 || !ts.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Refusal::new(
            codes::BAD_TIMESTAMP,
            "X-Timestamp must be 13 digits (Unix time in ms)",
        ));
    }
    let t: i64 = ts
        .parse()
        .map_err(|_| Refusal::new(codes::BAD_TIMESTAMP, "X-Timestamp is not a number"))?;
    if (t - now).abs() > TIMESTAMP_WINDOW_MS {
        return Err(Refusal::new(
            codes::BAD_TIMESTAMP,
            "X-Timestamp is more than 10 minutes from server time",
        ));
    }
    let id = header(headers, "x-client-request-id").unwrap_or("").trim();
    if id.is_empty() {
        return Err(Refusal::missing("X-Client-Request-Id"));
    }
    if id.len() > 64 {
        return Err(Refusal::param(
            "X-Client-Request-Id",
            "must be at most 64 characters",
        ));
    }
    Ok(id.to_owned())
}

fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Reads fields of a request body (or of a GET's query, all strings).
pub struct Fields<'a> {
    map: &'a Map<String, Value>,
}

impl<'a> Fields<'a> {
    pub fn new(map: &'a Map<String, Value>) -> Self {
        Fields { map }
    }

    pub fn raw(&self, name: &str) -> Option<&'a Value> {
        self.map.get(name).filter(|v| !v.is_null())
    }

    /// An optional string of at most `max` bytes (`""` counts as absent).
    pub fn opt(&self, name: &str, max: usize) -> Result<Option<String>, Refusal> {
        match self.raw(name) {
            None => Ok(None),
            Some(Value::String(s)) if s.is_empty() => Ok(None),
            Some(Value::String(s)) if s.len() > max => Err(Refusal::param(
                name,
                &format!("must be at most {max} characters"),
            )),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Refusal::param(name, "must be a string")),
        }
    }

    pub fn req(&self, name: &str, max: usize) -> Result<String, Refusal> {
        self.opt(name, max)?.ok_or_else(|| Refusal::missing(name))
    }

    pub fn opt_bool(&self, name: &str) -> Result<bool, Refusal> {
        match self.raw(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(Refusal::param(name, "must be true or false")),
        }
    }

    /// `appId` and `merchantId` of the request: missing `C01`, another
    /// merchant `C03`, another application `M01`.
    pub fn account(&self, account: &SunbayAccount) -> Result<(), Refusal> {
        let app_id = self.req("appId", 32)?;
        let merchant_id = self.req("merchantId", 32)?;
        if merchant_id != account.merchant_id {
            return Err(Refusal::new(codes::NO_MERCHANT, merchant_id));
        }
        if app_id != account.app_id {
            return Err(Refusal::new(
                codes::APP_CONFIG,
                "appId is not the application of this API key",
            ));
        }
        Ok(())
    }

    /// `transactionRequestId`-like ids: `[A-Za-z0-9_-]`, 1–32 (§5, D41).
    pub fn request_id(&self, name: &str) -> Result<String, Refusal> {
        let v = self.req(name, 32)?;
        check_request_id(name, &v)?;
        Ok(v)
    }

    pub fn opt_request_id(&self, name: &str) -> Result<Option<String>, Refusal> {
        match self.opt(name, 32)? {
            Some(v) => {
                check_request_id(name, &v)?;
                Ok(Some(v))
            }
            None => Ok(None),
        }
    }

    /// `referenceOrderId`: `[A-Za-z0-9_\-|*]`, 6–32 (§5, D41).
    pub fn reference_order_id(&self) -> Result<String, Refusal> {
        let v = self.req("referenceOrderId", 32)?;
        if v.len() < 6
            || !v
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"_-|*".contains(&b))
        {
            return Err(Refusal::param(
                "referenceOrderId",
                "must be 6-32 characters of A-Z a-z 0-9 _ - | *",
            ));
        }
        Ok(v)
    }

    /// An optional http(s) URL (notifyUrl, merchantReturnUrl).
    pub fn opt_url(&self, name: &str) -> Result<Option<String>, Refusal> {
        let Some(v) = self.opt(name, 1024)? else {
            return Ok(None);
        };
        crate::util::check_http_url(&v, true)
            .map_err(|_| Refusal::param(name, "must be an absolute http(s) URL"))?;
        Ok(Some(v))
    }
}

fn check_request_id(name: &str, v: &str) -> Result<(), Refusal> {
    if !v
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Err(Refusal::param(
            name,
            "must be 1-32 characters of A-Z a-z 0-9 _ -",
        ));
    }
    Ok(())
}

/// An integer amount field in minor units: a JSON integer (never a float or
/// a string: the client must send exact minor units).
fn minor(obj: &Map<String, Value>, name: &str, required: bool) -> Result<Option<i64>, Refusal> {
    let field = format!("amount.{name}");
    match obj.get(name) {
        None | Some(Value::Null) if required => Err(Refusal::missing(&field)),
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(v) if v < 0 => Err(Refusal::new(codes::AMOUNT_RANGE, format!("{field} < 0"))),
            Some(v) if v > MAX_AMOUNT => Err(Refusal::new(
                codes::AMOUNT_RANGE,
                format!("{field} too large"),
            )),
            Some(v) => Ok(Some(v)),
            None => Err(Refusal::param(&field, "must be an integer in minor units")),
        },
        Some(_) => Err(Refusal::param(&field, "must be an integer in minor units")),
    }
}

fn amount_object<'a>(f: &Fields<'a>) -> Result<&'a Map<String, Value>, Refusal> {
    match f.raw("amount") {
        None => Err(Refusal::missing("amount")),
        Some(Value::Object(o)) => Ok(o),
        Some(_) => Err(Refusal::param("amount", "must be an object")),
    }
}

fn price_currency(obj: &Map<String, Value>) -> Result<String, Refusal> {
    match obj.get("priceCurrency") {
        None | Some(Value::Null) => Err(Refusal::missing("amount.priceCurrency")),
        Some(Value::String(c)) if currency::exponent(c).is_some() => Ok(c.clone()),
        Some(_) => Err(Refusal::param(
            "amount.priceCurrency",
            "must be an ISO 4217 alpha code",
        )),
    }
}

/// The online amount object (create-session, sale): `orderAmount` ≥ 1,
/// optional `taxAmount`, `surchargeAmount`, `priceCurrency`.
pub fn online_amount(f: &Fields<'_>) -> Result<Amounts, Refusal> {
    let obj = amount_object(f)?;
    let currency = price_currency(obj)?;
    let order = minor(obj, "orderAmount", true)?.unwrap_or(0);
    if order < 1 {
        return Err(Refusal::new(
            codes::AMOUNT_RANGE,
            "amount.orderAmount must be at least 1",
        ));
    }
    let a = Amounts {
        order_amount: order,
        tax_amount: minor(obj, "taxAmount", false)?.unwrap_or(0),
        surcharge_amount: minor(obj, "surchargeAmount", false)?.unwrap_or(0),
        tip_amount: 0,
        currency,
    };
    if a.total() > MAX_AMOUNT {
        return Err(Refusal::new(codes::AMOUNT_RANGE, "amount too large"));
    }
    Ok(a)
}

/// The online refund amount object: `priceCurrency`, `orderAmount` and/or
/// `totalAmount` (which must then equal the sum), `taxAmount`,
/// `surchargeAmount`, `tipAmount`. An omitted `amount` is refused (`C01`):
/// the simulator never guesses "full refund" (D46).
pub fn refund_amount(f: &Fields<'_>) -> Result<Amounts, Refusal> {
    let obj = amount_object(f)?;
    let currency = price_currency(obj)?;
    let total = minor(obj, "totalAmount", false)?;
    let order = minor(obj, "orderAmount", total.is_none())?;
    let mut a = Amounts {
        order_amount: order.unwrap_or(0),
        tax_amount: minor(obj, "taxAmount", false)?.unwrap_or(0),
        surcharge_amount: minor(obj, "surchargeAmount", false)?.unwrap_or(0),
        tip_amount: minor(obj, "tipAmount", false)?.unwrap_or(0),
        currency,
    };
    if let Some(t) = total {
        if order.is_none() {
            a.order_amount = t - a.tax_amount - a.surcharge_amount - a.tip_amount;
        }
        if a.order_amount < 0 || a.total() != t {
            return Err(Refusal::param(
                "amount.totalAmount",
                "must equal orderAmount + taxAmount + surchargeAmount + tipAmount",
            ));
        }
    }
    if a.total() < 1 {
        return Err(Refusal::new(
            codes::AMOUNT_RANGE,
            "the refund amount must be at least 1",
        ));
    }
    Ok(a)
}

/// `productList`: items `{name, amount, num}`; Σ amount × num = orderAmount (§6).
pub fn product_list(f: &Fields<'_>, order_amount: i64) -> Result<Option<Value>, Refusal> {
    let Some(v) = f.raw("productList") else {
        return Ok(None);
    };
    let Value::Array(items) = v else {
        return Err(Refusal::param("productList", "must be an array"));
    };
    let mut sum: i64 = 0;
    for (i, item) in items.iter().enumerate() {
        let Value::Object(o) = item else {
            return Err(Refusal::param("productList", "items must be objects"));
        };
        let name = format!("productList[{i}]");
        match o.get("name") {
            Some(Value::String(s)) if !s.is_empty() && s.len() <= 128 => {}
            _ => return Err(Refusal::param(&name, "needs a name (1-128 characters)")),
        }
        let amount = o.get("amount").and_then(Value::as_i64).filter(|a| *a >= 0);
        let num = o.get("num").and_then(Value::as_i64).filter(|n| *n >= 1);
        let (Some(amount), Some(num)) = (amount, num) else {
            return Err(Refusal::param(
                &name,
                "needs an integer amount >= 0 and an integer num >= 1",
            ));
        };
        sum = amount
            .checked_mul(num)
            .and_then(|x| sum.checked_add(x))
            .ok_or_else(|| Refusal::new(codes::AMOUNT_RANGE, "productList total too large"))?;
    }
    if sum != order_amount {
        return Err(Refusal::param(
            "productList",
            "amounts x nums must add up to amount.orderAmount",
        ));
    }
    Ok(Some(v.clone()))
}

/// Amount object as answered (D43): integers, `transAmount` the total.
pub fn amount_json(a: &Amounts) -> Value {
    let mut m = Map::new();
    m.insert("orderAmount".into(), a.order_amount.into());
    m.insert("taxAmount".into(), a.tax_amount.into());
    m.insert("surchargeAmount".into(), a.surcharge_amount.into());
    if a.tip_amount != 0 {
        m.insert("tipAmount".into(), a.tip_amount.into());
    }
    m.insert("transAmount".into(), a.total().into());
    m.insert("priceCurrency".into(), a.currency.clone().into());
    Value::Object(m)
}

/// Parses a JSON request body: an object, else `C02`.
pub fn parse_body(body: &[u8]) -> Result<Map<String, Value>, Refusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::new(codes::BAD_JSON, "the body is empty"));
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Refusal::new(
            codes::BAD_JSON,
            "the body must be a JSON object",
        )),
        Err(e) => Err(Refusal::new(codes::BAD_JSON, e.to_string())),
    }
}

/// A GET's query string as a map of strings.
pub fn parse_query(query: Option<&str>) -> Map<String, Value> {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect()
}
