//! v1, V3 and Autodebit response parsing and the typed results never panic
//! on any body; a debit answer read as paid stated the amount and currency
//! asked, and a contract answer is about the contract asked.
#![no_main]
use iotpay_core::v1::response;
use iotpay_core::autodebit::{Contract, ContractStatus, DebitResult};
use iotpay_core::v1::results::OrderStatus;
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
        let _ = iotpay_core::v3::CardInfo::from_map(m.clone()).brand();
        autodebit(m);
    }
});

/// The Autodebit answers (§13, D52, D53), read as `autodebit::client` does.
fn autodebit(m: serde_json::Map<String, serde_json::Value>) {
    let (mch_id, order_no, amount, currency) = ("10000701", "WC1-1", 100, "CAD");
    match DebitResult::from_map(m.clone(), mch_id, order_no, amount, currency) {
        Ok(d) => {
            assert_eq!((d.mch_order_no.as_str(), d.amount, d.currency.as_str()), (order_no, amount, currency));
            if d.status != OrderStatus::Unknown(-1) {
                // A stated status counts only with the amount and currency it took.
                let raw_amount = match m.get("amount") {
                    Some(serde_json::Value::Number(n)) => n.as_i64(),
                    Some(serde_json::Value::String(s)) => s.parse().ok(),
                    _ => None,
                };
                assert_eq!(raw_amount, Some(amount), "{m:?}");
                assert!(m.contains_key("currency"), "{m:?}");
            }
        }
        Err(iotpay_core::Error::Protocol(_)) => {}
        Err(e) => panic!("debit answer refused with {e:?}"),
    }
    for channel in ["WX_JSAPI", "WX_MWEB", "WX_APP"] {
        match Contract::from_map(m.clone(), "c-1", channel) {
            Ok(c) => {
                assert_eq!(c.mch_contract_id, "c-1");
                assert!(
                    c.sign_url.is_some()
                        || c.status == ContractStatus::Signed
                        || (channel == "WX_APP" && !c.sign_params.is_empty())
                );
                assert_eq!(ContractStatus::from_code(c.status.code()), c.status);
            }
            Err(iotpay_core::Error::Protocol(_)) => {}
            Err(e) => panic!("contract answer refused with {e:?}"),
        }
    }
}
