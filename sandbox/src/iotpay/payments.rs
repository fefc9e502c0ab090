//! Paying and cancelling orders (pay page, admin API, instant channels).

use tokio::sync::oneshot;

use crate::app::SharedApp;
use crate::iotpay::notify;
use crate::store::iotpay::{status, CardData, Family, Order};
use crate::util::now_ms;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PayError {
    NotFound,
    /// The order cannot move to the requested state (e.g. paying a cancelled order).
    Conflict(String),
}

/// A wallet-side transaction number in the style of the channel.
pub fn channel_order_no(app: &SharedApp, channel: &str) -> String {
    let stamp = crate::util::compact_stamp(now_ms());
    let digits = app.random_digits(12);
    if channel.starts_with("WX_") {
        format!("wx{stamp}{digits}")
    } else if channel.starts_with("ALIPAY_") {
        format!("{}{digits}", &stamp[..8])
    } else if channel.starts_with("UPI_") {
        format!("upi{stamp}{digits}")
    } else {
        format!("{stamp}{digits}")
    }
}

/// Randomness a payment needs, drawn before the store lock is taken.
pub struct PaidFields {
    pub channel_order_no: String,
    pub processor: crate::iotpay::cc_order::ProcessorNumbers,
}

impl PaidFields {
    pub fn draw(app: &SharedApp, channel: &str) -> Self {
        PaidFields {
            channel_order_no: channel_order_no(app, channel),
            processor: crate::iotpay::cc_order::ProcessorNumbers::draw(app),
        }
    }

    /// Status 2, `paySuccTime`, `channelOrderNo`; card and processor numbers
    /// for V3 orders (a test Visa when the hosted page was used).
    pub fn apply(self, o: &mut Order, when: i64) {
        o.status = status::PAID;
        o.pay_succ_time = Some(when);
        o.channel_order_no.get_or_insert(self.channel_order_no);
        if o.family == Some(Family::CcV3) {
            if o.card.is_none() {
                o.card = Some(CardData {
                    card_num: "424242******4242".into(),
                    card_type: "V".into(),
                    expiry_date: "1230".into(),
                });
            }
            self.processor.apply(o);
        }
    }
}

/// Marks an order paid and schedules its notification. Paying a paid order is
/// a no-op (no second notification).
pub fn pay(
    app: &SharedApp,
    pay_order_id: &str,
    trigger: &str,
) -> Result<(Order, Option<oneshot::Receiver<()>>), PayError> {
    // Randomness first: the rng lock is never taken under the store lock.
    let channel = {
        let store = app.store();
        let o = store
            .orders
            .get(pay_order_id)
            .filter(|o| o.pay_type.as_deref() != Some("refund"))
            .ok_or(PayError::NotFound)?;
        o.channel_id.clone()
    };
    let fields = PaidFields::draw(app, &channel);
    let paid = {
        let mut store = app.store();
        let o = store
            .orders
            .get_mut(pay_order_id)
            .ok_or(PayError::NotFound)?;
        if status::is_paid(o.status) {
            return Ok((o.clone(), None));
        }
        if o.status != status::CREATED && o.status != status::PAYING {
            return Err(PayError::Conflict(format!(
                "order status is {}, it cannot be paid",
                o.status
            )));
        }
        fields.apply(o, now_ms());
        o.clone()
    };
    app.persist();
    tracing::info!(
        target: "iotpay_sandbox::payment",
        pay_order_id,
        trigger,
        amount = paid.amount,
        "order paid"
    );
    let wait = notify::notify_order(app, pay_order_id, trigger);
    Ok((paid, wait))
}

/// Cancels an unpaid order (status 9, "cancelled by the user").
pub fn cancel(app: &SharedApp, pay_order_id: &str) -> Result<Order, PayError> {
    let o = {
        let mut store = app.store();
        let o = store
            .orders
            .get_mut(pay_order_id)
            .filter(|o| o.pay_type.as_deref() != Some("refund"))
            .ok_or(PayError::NotFound)?;
        match o.status {
            status::CREATED | status::PAYING => o.status = status::CANCELLED_BY_USER,
            status::CANCELLED_BY_USER => {}
            s => {
                return Err(PayError::Conflict(format!(
                    "order status is {s}, it cannot be cancelled"
                )))
            }
        }
        o.clone()
    };
    app.persist();
    Ok(o)
}
