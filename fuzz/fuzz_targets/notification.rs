//! Notification parsing and verification (v1, V3 and Autodebit contract
//! callbacks) never panic, and
//! whatever verifies really carries a signature made with the key.
#![no_main]
use iotpay_core::notification;
use libfuzzer_sys::fuzz_target;

const KEY: &str = "test_merchant_key";

fuzz_target!(|data: &[u8]| {
    // First byte picks the content type, then body and query split on 0xFF.
    let (ct, rest) = match data.split_first() {
        Some((b, rest)) => (if b % 2 == 0 { "application/json" } else { "application/x-www-form-urlencoded" }, rest),
        None => ("", data),
    };
    let mut parts = rest.splitn(2, |b| *b == 0xFF);
    let body = parts.next().unwrap_or(&[]);
    let query = std::str::from_utf8(parts.next().unwrap_or(&[])).unwrap_or("");
    if let Ok(n) = notification::parse(body, ct, query, KEY) {
        // A verified notification re-verifies from its own fields.
        let sign = iotpay_core::sign::sign_str_pairs(n.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
        let mut with_sign: Vec<(String, String)> = n.fields.clone();
        with_sign.push(("sign".into(), sign));
        assert!(notification::verify(with_sign, KEY).is_ok());
    }
    if let Ok(o) = iotpay_core::v3::notification::parse(body, ct, KEY) {
        // A verified V3 notification keeps no sign and no cvv.
        assert!(!o.raw.contains_key("sign") && !o.raw.contains_key("cvv"));
    }
    if let Ok(c) = iotpay_core::autodebit::notification::parse(body, ct, query, KEY) {
        // A verified contract callback keeps no sign and re-verifies from its fields.
        assert!(c.fields.iter().all(|(k, _)| k != "sign"));
        let sign = iotpay_core::sign::sign_str_pairs(c.fields.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
        let mut with_sign: Vec<(String, String)> = c.fields.clone();
        with_sign.push(("sign".into(), sign));
        assert!(iotpay_core::autodebit::notification::verify(with_sign, KEY).is_ok());
    }
});
