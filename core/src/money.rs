//! Money as integer minor units. Decimal strings are parsed exactly; floats are
//! never involved.

use crate::error::{Error, Result};
use std::fmt;
use std::str::FromStr;

/// Currencies IOTPay accepts (spec §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Currency {
    Cad,
    Usd,
    Cny,
}

impl Currency {
    pub const ALL: [Currency; 3] = [Currency::Cad, Currency::Usd, Currency::Cny];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Cad => "CAD",
            Currency::Usd => "USD",
            Currency::Cny => "CNY",
        }
    }

    /// Digits after the decimal point in the currency's minor unit.
    pub fn minor_digits(self) -> u32 {
        2
    }
}

impl FromStr for Currency {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "CAD" => Ok(Currency::Cad),
            "USD" => Ok(Currency::Usd),
            "CNY" => Ok(Currency::Cny),
            _ => Err(Error::validation(
                "currency",
                format!("unsupported currency '{}'", truncate(s)),
            )),
        }
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

fn truncate(s: &str) -> String {
    s.chars().take(16).collect()
}

/// Largest amount accepted anywhere: IOTPay's `amount` is a 32-bit int in
/// every SDK we know of, so anything above would be rejected or, worse, wrapped.
pub const MAX_MINOR: i64 = i32::MAX as i64;

/// Parses a non-negative decimal string (`"12.34"`, `"12.3"`, `"12"`, `".5"` is
/// refused) into minor units, exactly. Refuses signs, exponents, separators,
/// whitespace, more decimals than the currency has, and overflow.
pub fn parse_minor(input: &str, currency: Currency) -> Result<i64> {
    let err = |reason: &str| Error::validation("amount", reason.to_string());
    if input.is_empty() {
        return Err(err("empty amount"));
    }
    if input.len() > 40 {
        return Err(err("amount too long"));
    }
    let (int_part, frac_part) = match input.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (input, None),
    };
    if int_part.is_empty() || !int_part.bytes().all(|b| b.is_ascii_digit()) {
        return Err(err("not a plain non-negative decimal number"));
    }
    let digits = currency.minor_digits() as usize;
    let frac = match frac_part {
        None => "",
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(err("not a plain non-negative decimal number"))
        }
        Some(f) => f,
    };
    // Trailing zeros beyond the currency's precision are exact ("1.500" is 150).
    let frac_trimmed = frac.trim_end_matches('0');
    if frac_trimmed.len() > digits {
        return Err(err("more decimal places than the currency has"));
    }
    let mut value: i64 = 0;
    for b in int_part.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(i64::from(b - b'0')))
            .ok_or_else(|| err("amount too large"))?;
    }
    for i in 0..digits {
        let d = frac_trimmed
            .as_bytes()
            .get(i)
            .map(|b| i64::from(b - b'0'))
            .unwrap_or(0);
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d))
            .ok_or_else(|| err("amount too large"))?;
    }
    if value > MAX_MINOR {
        return Err(err("amount too large"));
    }
    Ok(value)
}

/// Formats minor units as a decimal string with the currency's precision.
pub fn format_minor(minor: i64, currency: Currency) -> String {
    let digits = currency.minor_digits();
    let scale = 10i64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let abs = minor.unsigned_abs();
    let scale_u = scale.unsigned_abs();
    format!(
        "{sign}{}.{:0width$}",
        abs / scale_u,
        abs % scale_u,
        width = digits as usize
    )
}

/// ISO 4217 currencies whose minor unit is not 2 digits (SUNBAY sends any
/// ISO currency in minor units, sunbay.md §6, D43).
const EXPONENT_0: &[&str] = &[
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
const EXPONENT_3: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
const EXPONENT_4: &[&str] = &["CLF", "UYW"];
/// The active ISO 4217 currencies with a 2-digit minor unit.
const EXPONENT_2: &[&str] = &[
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
    "BGN", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF",
    "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR",
    "FJD", "FKP", "GBP", "GEL", "GHS", "GIP", "GMD", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF",
    "IDR", "ILS", "INR", "IRR", "JMD", "KES", "KGS", "KHR", "KPW", "KYD", "KZT", "LAK", "LBP",
    "LKR", "LRD", "LSL", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR",
    "MWK", "MXN", "MYR", "MZN", "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "PAB", "PEN", "PGK",
    "PHP", "PKR", "PLN", "QAR", "RON", "RSD", "RUB", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD",
    "SHP", "SLE", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TOP",
    "TRY", "TTD", "TWD", "TZS", "UAH", "USD", "UYU", "UZS", "VES", "WST", "XCD", "YER", "ZAR",
    "ZMW", "ZWG",
];

/// The number of minor-unit digits of an ISO 4217 alphabetic code
/// (uppercase, as ISO writes it), or `None` for a code that is not an
/// active currency: an amount in it cannot be converted and is refused
/// before anything is sent.
pub fn iso_exponent(code: &str) -> Option<u32> {
    let known = |list: &[&str]| list.contains(&code);
    if known(EXPONENT_2) {
        Some(2)
    } else if known(EXPONENT_0) {
        Some(0)
    } else if known(EXPONENT_3) {
        Some(3)
    } else if known(EXPONENT_4) {
        Some(4)
    } else {
        None
    }
}

/// Checks an ISO currency code for a request field (`currency`): its
/// exponent, or a `Validation` error naming the field.
pub fn iso_currency(field: &str, code: &str) -> Result<u32> {
    iso_exponent(code).ok_or_else(|| {
        Error::validation(field, format!("unsupported currency '{}'", truncate(code)))
    })
}

/// Validates an amount already in minor units (positive, within range).
pub fn check_minor(field: &str, minor: i64) -> Result<i64> {
    if minor <= 0 {
        return Err(Error::validation(
            field,
            "must be a positive number of minor units",
        ));
    }
    if minor > MAX_MINOR {
        return Err(Error::validation(field, "amount too large"));
    }
    Ok(minor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn exact_parsing() {
        let c = Currency::Cad;
        assert_eq!(parse_minor("12.34", c), Ok(1234));
        assert_eq!(parse_minor("12.3", c), Ok(1230));
        assert_eq!(parse_minor("12", c), Ok(1200));
        assert_eq!(parse_minor("0.10", c), Ok(10));
        assert_eq!(parse_minor("1.500", c), Ok(150));
        assert_eq!(parse_minor("0", c), Ok(0));
        assert_eq!(parse_minor("28.65", c), Ok(2865));
    }

    #[test]
    fn float_trap_cases_are_exact() {
        let c = Currency::Usd;
        let a = parse_minor("0.1", c).unwrap();
        let b = parse_minor("0.2", c).unwrap();
        assert_eq!(a + b, parse_minor("0.3", c).unwrap());
        assert!(parse_minor("1.005", c).is_err());
        assert_eq!(parse_minor("19.99", c), Ok(1999));
        assert_eq!(parse_minor("4.35", c), Ok(435));
        assert_eq!(parse_minor("1.15", c), Ok(115));
    }

    #[test]
    fn refusals() {
        let c = Currency::Cad;
        for bad in [
            "", "-1", "+1", "1e3", "NaN", "inf", "1,000.00", " 1", "1 ", ".5", "5.", "1.2.3",
            "0x10", "١٢",
        ] {
            assert!(parse_minor(bad, c).is_err(), "{bad:?}");
        }
        assert!(parse_minor("1.234", c).is_err());
        assert!(parse_minor("99999999999999999999999", c).is_err());
        assert!(parse_minor("21474836.48", c).is_err());
        assert_eq!(parse_minor("21474836.47", c), Ok(MAX_MINOR));
    }

    #[test]
    fn currencies() {
        assert_eq!("CAD".parse::<Currency>(), Ok(Currency::Cad));
        assert!("cad".parse::<Currency>().is_err());
        assert!("EUR".parse::<Currency>().is_err());
        assert_eq!(format_minor(1234, Currency::Cad), "12.34");
        assert_eq!(format_minor(5, Currency::Cad), "0.05");
        assert_eq!(format_minor(-5, Currency::Cad), "-0.05");
    }

    #[test]
    fn iso_exponents() {
        assert_eq!(iso_exponent("USD"), Some(2));
        assert_eq!(iso_exponent("CAD"), Some(2));
        assert_eq!(iso_exponent("JPY"), Some(0));
        assert_eq!(iso_exponent("KWD"), Some(3));
        assert_eq!(iso_exponent("CLF"), Some(4));
        assert_eq!(iso_exponent("usd"), None);
        assert_eq!(iso_exponent("XXX"), None);
        assert_eq!(iso_exponent(""), None);
        assert!(iso_currency("currency", "ABC").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5000))]
        #[test]
        fn random_decimals_round_trip(minor in 0i64..=MAX_MINOR) {
            let s = format_minor(minor, Currency::Cad);
            prop_assert_eq!(parse_minor(&s, Currency::Cad), Ok(minor));
        }

        #[test]
        fn sums_are_exact(a in 0i64..1_000_000, b in 0i64..1_000_000) {
            let sa = format_minor(a, Currency::Cad);
            let sb = format_minor(b, Currency::Cad);
            let sum = parse_minor(&sa, Currency::Cad).unwrap() + parse_minor(&sb, Currency::Cad).unwrap();
            prop_assert_eq!(sum, a + b);
        }

        #[test]
        fn never_panics(s in "\\PC{0,30}") {
            let _ = parse_minor(&s, Currency::Cad);
        }
    }
}
