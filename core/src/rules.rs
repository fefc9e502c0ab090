//! Request field rules shared by every API family: each endpoint lists its
//! fields (name, byte length, kind) and its required ones; `check_fields`
//! refuses anything else before a byte is sent (D10: lengths in UTF-8 bytes).
//!
//! No error built here quotes a value: card numbers, CVVs and expiry dates
//! pass through these checks (spec §15.7) and must never reach a message.

use crate::error::{Error, Result};
use crate::money;
use crate::params::{Params, Value};
use std::net::IpAddr;

#[derive(Clone, Copy)]
pub enum Kind {
    /// Free text up to N bytes.
    Text,
    /// Merchant-chosen identifier: ASCII letters, digits, `_` and `-`.
    Ident,
    /// Absolute http(s) URL.
    Url,
    /// Absolute http(s) URL without `?` (notifyUrl, D11).
    NotifyUrl,
    /// Positive amount in minor units.
    Amount,
    /// Any integer.
    Int,
    /// An IP address.
    Ip,
    /// One of a fixed set of values.
    OneOf(&'static [&'static str]),
    /// A card number: 12–19 digits passing the Luhn check.
    CardNumber,
    /// A card expiry date, `MMYY`.
    Expiry,
    /// A card verification value: 3 or 4 digits.
    Cvv,
    /// Base64 text (standard or URL-safe alphabet, `=` padding).
    Base64,
}

pub struct Rule {
    pub name: &'static str,
    pub max: usize,
    pub kind: Kind,
}

pub const fn r(name: &'static str, max: usize, kind: Kind) -> Rule {
    Rule { name, max, kind }
}

/// Every field must have a rule, every required field must be present, and
/// `sign` is never accepted from the caller.
pub fn check_fields(p: &Params, rules: &[Rule], required: &[&str]) -> Result<()> {
    for (name, value) in p.iter() {
        if name == "sign" {
            return Err(Error::validation(
                "sign",
                "is computed by the extension; do not pass it",
            ));
        }
        let rule = rules
            .iter()
            .find(|r| r.name == name)
            .ok_or_else(|| Error::validation(name.clone(), "unknown field"))?;
        check_value(rule, value)?;
    }
    for name in required {
        if p.get(name).is_none() {
            return Err(Error::validation(*name, "is required"));
        }
    }
    Ok(())
}

fn check_value(rule: &Rule, value: &Value) -> Result<()> {
    use Kind::*;
    let name = rule.name;
    match (rule.kind, value) {
        (Amount, Value::Int(i)) => money::check_minor(name, *i).map(|_| ()),
        (Amount, Value::Str(_)) => Err(Error::validation(
            name,
            "must be an integer number of minor units",
        )),
        (Int, Value::Int(_)) => Ok(()),
        (Int, Value::Str(s))
            if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.len() < 19 =>
        {
            Ok(())
        }
        (Int, Value::Str(_)) => Err(Error::validation(name, "must be an integer")),
        (_, Value::Int(_)) => Err(Error::validation(name, "must be a string")),
        (kind, Value::Str(s)) => {
            if s.is_empty() {
                return Err(Error::validation(name, "must not be empty"));
            }
            if s.len() > rule.max {
                return Err(Error::validation(
                    name,
                    format!("longer than {} bytes", rule.max),
                ));
            }
            if s.bytes().any(|b| b < 0x20 || b == 0x7f) {
                return Err(Error::validation(name, "contains control characters"));
            }
            match kind {
                Ident
                    if !s
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') =>
                {
                    Err(Error::validation(
                        name,
                        "may only contain letters, digits, '_' and '-'",
                    ))
                }
                Url => check_url(name, s, false),
                NotifyUrl => check_url(name, s, true),
                Ip => s
                    .parse::<IpAddr>()
                    .map(|_| ())
                    .map_err(|_| Error::validation(name, "must be an IP address")),
                OneOf(allowed) if !allowed.contains(&s.as_str()) => Err(Error::validation(
                    name,
                    format!("must be one of {}", allowed.join(", ")),
                )),
                CardNumber if !luhn_ok(s) => Err(Error::validation(
                    name,
                    "is not a card number (12 to 19 digits passing the Luhn check)",
                )),
                Expiry if !expiry_ok(s) => Err(Error::validation(name, "must be MMYY")),
                Cvv if !((3..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())) => {
                    Err(Error::validation(name, "must be 3 or 4 digits"))
                }
                Base64 if !base64_ok(s) => Err(Error::validation(name, "must be base64")),
                _ => Ok(()),
            }
        }
    }
}

pub fn check_url(name: &str, s: &str, no_query: bool) -> Result<()> {
    let u = url::Url::parse(s).map_err(|_| Error::validation(name, "must be an absolute URL"))?;
    if !matches!(u.scheme(), "http" | "https") || u.host().is_none() {
        return Err(Error::validation(name, "must be an http(s) URL"));
    }
    if no_query && s.contains('?') {
        return Err(Error::validation(name, "must not contain '?'"));
    }
    Ok(())
}

/// Exactly one of two alternative identifiers (a query by either id).
pub fn exactly_one(p: &Params, a: &str, b: &str) -> Result<()> {
    match (p.get(a).is_some(), p.get(b).is_some()) {
        (true, false) | (false, true) => Ok(()),
        _ => Err(Error::validation(
            a,
            format!("give exactly one of {a} and {b}"),
        )),
    }
}

/// 12–19 digits with a valid Luhn check digit: every real card number has
/// one, so a typo is caught before anything is sent.
pub fn luhn_ok(num: &str) -> bool {
    if !(12..=19).contains(&num.len()) || !num.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = num
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            match (i % 2 == 1, d * 2) {
                (true, x) if x > 9 => x - 9,
                (true, x) => x,
                (false, _) => d,
            }
        })
        .sum();
    sum % 10 == 0
}

/// `MMYY` with a month 01–12 (spec §15.7 samples `0725`; Gap 17).
fn expiry_ok(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && matches!(s[..2].parse::<u32>(), Ok(1..=12))
}

fn base64_ok(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    s.len() - body.len() <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn() {
        assert!(luhn_ok("4242424242424242"));
        assert!(luhn_ok("5555555555554444"));
        assert!(!luhn_ok("4242424242424241"));
        assert!(!luhn_ok("42424242424"));
        assert!(!luhn_ok("4242 4242 4242 4242"));
    }

    #[test]
    fn card_kinds_never_quote_the_value() {
        const PAN: &str = "4242424242424241";
        let rules = [
            r("cardNum", 19, Kind::CardNumber),
            r("expiryDate", 4, Kind::Expiry),
            r("cvv", 4, Kind::Cvv),
        ];
        for (field, bad) in [
            ("cardNum", PAN),
            ("expiryDate", "1399"),
            ("cvv", "98x"),
            ("cvv", "98765"),
            ("cardNum", "42424242424242424242424"),
        ] {
            let mut p = Params::new();
            p.set_str(field, bad);
            let e = check_fields(&p, &rules, &[]).unwrap_err();
            assert!(!format!("{e} {e:?}").contains(bad), "{e:?}");
            assert!(matches!(e, Error::Validation { field: f, .. } if f == field));
        }
        let mut p = Params::new();
        p.set_str("cardNum", "4242424242424242");
        p.set_str("expiryDate", "0130");
        p.set_str("cvv", "1234");
        assert!(check_fields(&p, &rules, &[]).is_ok());
    }

    #[test]
    fn one_of_and_base64() {
        let rules = [
            r("channel", 10, Kind::OneOf(&["PF_CC", "UPI_EX"])),
            r("walletData", 100, Kind::Base64),
        ];
        let mut p = Params::new();
        p.set_str("channel", "UPI_EX");
        p.set_str("walletData", "eyJ0b2tlbiI6MX0=");
        assert!(check_fields(&p, &rules, &[]).is_ok());
        p.set_str("walletData", "not base64!");
        assert!(check_fields(&p, &rules, &[]).is_err());
        p.set_str("walletData", "eyJ0");
        p.set_str("channel", "VISA");
        let e = check_fields(&p, &rules, &[]).unwrap_err();
        assert!(e.to_string().contains("PF_CC, UPI_EX"), "{e}");
    }
}
