//! v1 and V3 response parsing and the typed results never panic on any body.
#![no_main]
use iotpay_core::v1::response;
use iotpay_core::v1::{CreateOrderResult, OrderInfo, RefundInfo};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((b, rest)) => (if *b > 200 { 500 } else { 200 }, rest),
        None => (200, data),
    };
    let _ = response::parse(status, body, "k");
    let _ = iotpay_core::v3::response::parse(status, body, "k");
    if let Ok(serde_json::Value::Object(m)) = serde_json::from_slice::<serde_json::Value>(body) {
        let _ = CreateOrderResult::from_map(m.clone());
        let _ = OrderInfo::from_map(m.clone());
        let _ = RefundInfo::from_map(m.clone());
        let _ = iotpay_core::v3::CardOrder::from_map(m.clone(), Some("10000701"));
        let _ = iotpay_core::v3::CardSession::from_map(m.clone(), "cc_purchase");
        let _ = iotpay_core::v3::CardInfo::from_map(m).brand();
    }
});
