//! Decimal → minor units: never panics, and whatever parses formats back to
//! the same number.
#![no_main]
use iotpay_core::money::{format_minor, parse_minor, Currency};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    if let Ok(v) = parse_minor(s, Currency::Cad) {
        assert!(v >= 0);
        assert_eq!(parse_minor(&format_minor(v, Currency::Cad), Currency::Cad), Ok(v));
    }
});
