//! The Credit Card V3 order object (§15.2) and the processor numbers of a
//! card payment: read by the V3 endpoints, the payment path, the pages and
//! the V3 notification alike, so they live below all of them.

use serde_json::{Map, Value};

use crate::app::SharedApp;
use crate::store::iotpay::{status, Order};
use crate::util::datetime;

/// Invoice / authorisation / processor numbers of a card payment.
#[derive(Debug, Clone)]
pub struct ProcessorNumbers {
    invoice_num: String,
    auth_num: String,
    trans_num: String,
}

impl ProcessorNumbers {
    pub fn draw(app: &SharedApp) -> Self {
        ProcessorNumbers {
            invoice_num: app.random_digits(12),
            auth_num: format!("SBX{}", app.random_digits(3)),
            trans_num: app.random_digits(12),
        }
    }

    pub fn apply(self, o: &mut Order) {
        o.invoice_num.get_or_insert(self.invoice_num);
        o.auth_num.get_or_insert(self.auth_num);
        o.trans_num.get_or_insert(self.trans_num);
        o.capture.get_or_insert_with(|| "Y".to_owned());
    }
}

/// The §15.2 order object.
pub fn order_object(o: &Order) -> Map<String, Value> {
    let mut m = Map::new();
    let is_refund = o.pay_type.as_deref() == Some("refund");
    m.insert("payOrderId".into(), o.pay_order_id.clone().into());
    m.insert("mchId".into(), o.mch_id.clone().into());
    m.insert("mchOrderNo".into(), o.mch_order_no.clone().into());
    if let Some(v) = &o.original_order_id {
        m.insert("originalOrderId".into(), v.clone().into());
    }
    m.insert("currency".into(), o.currency.clone().into());
    m.insert("amount".into(), o.amount.into());
    m.insert(
        "payType".into(),
        o.pay_type.clone().unwrap_or_else(|| "pay".into()).into(),
    );
    let refundable = if !is_refund && status::is_paid(o.status) {
        o.amount - o.refunded
    } else {
        0
    };
    m.insert("refundable".into(), refundable.into());
    m.insert("status".into(), o.status.into());
    if let Some(t) = o.pay_succ_time {
        m.insert("paySuccTime".into(), datetime(t).into());
    }
    if let Some(c) = &o.card {
        m.insert("cardNum".into(), c.card_num.clone().into());
        m.insert("cardType".into(), c.card_type.clone().into());
        m.insert("expiryDate".into(), c.expiry_date.clone().into());
    }
    for (k, v) in [
        ("invoiceNum", &o.invoice_num),
        ("authNum", &o.auth_num),
        ("transNum", &o.trans_num),
    ] {
        if let Some(v) = v {
            m.insert(k.into(), v.clone().into());
        }
    }
    m.insert("channel".into(), o.channel_id.clone().into());
    if let Some(c) = &o.capture {
        m.insert("capture".into(), c.clone().into());
    }
    m
}
