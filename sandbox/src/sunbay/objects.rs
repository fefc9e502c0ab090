//! The transaction object SUNBAY answers with (query's `data`, §8.2), also
//! the body of every webhook (D44) and the `data` of sale and refund.

use serde_json::{Map, Value};

use crate::store::sunbay::{tx_type, SunbayState, Transaction};
use crate::sunbay::wire::amount_json;
use crate::util::iso8601;

/// `relatedTransactionStatus` of a sale: what refunds did to it.
fn related_status(state: &SunbayState, t: &Transaction) -> Option<&'static str> {
    if t.transaction_type != tx_type::SALE {
        return None;
    }
    let refunded = state.refunded(&t.transaction_id);
    if refunded == 0 {
        None
    } else if refunded >= t.amount.total() {
        Some("REFUNDED")
    } else {
        Some("PART_REFUNDED")
    }
}

pub fn transaction_data(state: &SunbayState, t: &Transaction) -> Map<String, Value> {
    let mut m = Map::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.to_owned(), v);
        }
    };
    put("transactionId", Some(t.transaction_id.clone().into()));
    put(
        "transactionRequestId",
        Some(t.transaction_request_id.clone().into()),
    );
    put(
        "referenceOrderId",
        t.reference_order_id.clone().map(Into::into),
    );
    put(
        "originalTransactionId",
        t.original_transaction_id.clone().map(Into::into),
    );
    put(
        "originalTransactionRequestId",
        t.original_transaction_request_id.clone().map(Into::into),
    );
    put("transactionType", Some(t.transaction_type.clone().into()));
    put("transactionStatus", Some(t.status.clone().into()));
    put("amount", Some(amount_json(&t.amount)));
    put("createTime", Some(iso8601(t.create_time).into()));
    put("completeTime", t.complete_time.map(|c| iso8601(c).into()));
    put("maskedPan", t.masked_pan.clone().map(Into::into));
    if t.masked_pan.is_some() {
        put("cardNetworkType", Some("CREDIT".into()));
    }
    put("paymentMethodId", t.payment_method.clone().map(Into::into));
    put("authCode", t.auth_code.clone().map(Into::into));
    put("rrn", t.rrn.clone().map(Into::into));
    put(
        "transactionResultCode",
        t.result_code.clone().map(Into::into),
    );
    put("transactionResultMsg", t.result_msg.clone().map(Into::into));
    put("description", t.description.clone().map(Into::into));
    put("attach", t.attach.clone().map(Into::into));
    put(
        "relatedTransactionStatus",
        related_status(state, t).map(Into::into),
    );
    m
}
