//! Credit Card API V3 (§15): raw JSON requests, `retData` order objects and
//! JSON notifications. Basic but faithful: CAD only (D13), `loginName` is the
//! merchant's login, refunds never exceed what was paid.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::Method;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::app::SharedApp;
use crate::config::Merchant;
use crate::faults::RequestPlan;
use crate::iotpay::api::{endpoint, run, Dialect, Processed};
use crate::iotpay::cc_order::{order_object, ProcessorNumbers};
use crate::iotpay::login::check_login;
use crate::iotpay::lookup::{self, IdOrNo};
use crate::iotpay::notify;
use crate::iotpay::payments::PaidFields;
use crate::iotpay::validate::{self, Fields};
use crate::iotpay::wire::Reply;
use crate::store::iotpay::{status, Card, CardData, CardSession, Family, Order};
use crate::util::now_ms;

endpoint!(cc_purchase, "cc_purchase", Dialect::Json, process_purchase);
endpoint!(cc_addcard, "cc_addcard", Dialect::Json, process_addcard);
endpoint!(
    cc_directpurchase,
    "cc_directpurchase",
    Dialect::Json,
    planned process_direct
);
endpoint!(
    cc_querycard,
    "cc_querycard",
    Dialect::Json,
    process_querycard
);
endpoint!(
    cc_purchasewithtoken,
    "cc_purchasewithtoken",
    Dialect::Json,
    planned process_token
);
endpoint!(
    cc_purchasewithwallet,
    "cc_purchasewithwallet",
    Dialect::Json,
    planned process_wallet
);
endpoint!(cc_void, "cc_void", Dialect::Json, planned process_void);
endpoint!(
    cc_refund,
    "cc_refund",
    Dialect::Json,
    planned process_refund
);
endpoint!(cc_query, "cc_query", Dialect::Json, process_query);

const CC_CHANNELS: &[&str] = &["PF_CC", "UPI_EX"];

fn luhn_ok(num: &str) -> bool {
    if !(12..=19).contains(&num.len()) || !num.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = num
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

/// Masks a PAN as `432567******2266` and guesses its brand code.
pub fn card_data(num: &str, expiry: &str) -> CardData {
    let masked = if num.len() > 10 {
        format!(
            "{}{}{}",
            &num[..6],
            "*".repeat(num.len() - 10),
            &num[num.len() - 4..]
        )
    } else {
        "*".repeat(num.len())
    };
    let card_type = match num.as_bytes().first() {
        Some(b'4') => "V",
        Some(b'5') | Some(b'2') => "M",
        _ => "D",
    };
    CardData {
        card_num: masked,
        card_type: card_type.into(),
        expiry_date: expiry.into(),
    }
}

/// Validates a raw card as the Direct method and the card page receive it.
pub fn check_card(num: &str, expiry: &str, cvv: &str) -> Result<(), Reply> {
    if !luhn_ok(num) {
        return Err(Reply::param("cardNum is not a valid card number"));
    }
    let ok_expiry = expiry.len() == 4
        && expiry.bytes().all(|b| b.is_ascii_digit())
        && matches!(expiry[..2].parse::<u32>(), Ok(1..=12));
    if !ok_expiry {
        return Err(Reply::param("expiryDate must be MMYY"));
    }
    if !(3..=4).contains(&cvv.len()) || !cvv.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Reply::param("cvv must be 3 or 4 digits"));
    }
    Ok(())
}

struct Common {
    mch_order_no: String,
    amount: i64,
    currency: String,
    subject: Option<String>,
    body: Option<String>,
}

fn common(f: &Fields<'_>, m: &Merchant) -> Result<Common, Reply> {
    let mch_order_no = f.req("mchOrderNo", 30)?;
    let amount = f.amount("amount")?;
    let currency = f.req("currency", 3)?;
    validate::one_of("currency", &currency, &["CAD"])?;
    let login = f.req("loginName", 12)?;
    check_login("loginName", &login, m)?;
    let subject = f.opt("subject", 64)?;
    let body = f.opt("body", 250)?;
    Ok(Common {
        mch_order_no,
        amount,
        currency,
        subject,
        body,
    })
}

fn check_new(app: &SharedApp, mch_id: &str, no: &str) -> Result<(), Reply> {
    let store = app.store();
    match store.find_order(Family::CcV3.namespace(), mch_id, no) {
        Some(o) if status::is_paid(o.status) => Err(Reply::biz("0113", "order already paid")),
        Some(_) => Err(Reply::param(format!("mchOrderNo {no} already used"))),
        None => Ok(()),
    }
}

fn insert(app: &SharedApp, mut o: Order, prefix: &str, random: &str) -> Result<Order, Reply> {
    let mut store = app.store();
    if store
        .find_order(Family::CcV3.namespace(), &o.mch_id, &o.mch_order_no)
        .is_some()
    {
        return Err(Reply::param(format!(
            "mchOrderNo {} already used",
            o.mch_order_no
        )));
    }
    o.pay_order_id = store.next_id(prefix, random);
    store.insert_order(o.clone());
    Ok(o)
}

fn base_order(m: &Merchant, c: Common, endpoint: &str, channel: &str) -> Order {
    Order {
        family: Some(Family::CcV3),
        endpoint: endpoint.into(),
        mch_id: m.mch_id.clone(),
        mch_order_no: c.mch_order_no,
        channel_id: channel.into(),
        currency: c.currency,
        amount: c.amount,
        status: status::CREATED,
        created_at: now_ms(),
        subject: c.subject,
        body: c.body,
        pay_type: Some("pay".into()),
        ..Order::default()
    }
}

/// Creates an order that is paid at once and notifies when a URL was given.
/// A `cc_status` fault records it as failed (9, declined: no card charged,
/// no notification) or still open (0 / 1: paid or cancelled later on the
/// admin API, which notifies then).
fn instant_payment(
    app: &SharedApp,
    mut o: Order,
    endpoint: &'static str,
    plan: &RequestPlan,
) -> Result<Processed, Reply> {
    let random = app.random_digits(4);
    match plan.cc_status {
        Some(st) => o.status = st,
        None => PaidFields::draw(app, &o.channel_id).apply(&mut o, now_ms()),
    }
    let o = insert(app, o, "PC", &random)?;
    app.persist();
    let wait = if o.notify_url.is_some() && status::is_paid(o.status) {
        notify::notify_order(app, &o.pay_order_id, endpoint)
    } else {
        None
    };
    Ok(Processed {
        reply: Reply::Ok(order_object(&o)),
        wait,
    })
}

pub fn process_purchase(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let c = common(&f, m)?;
        let channel = f.req("channel", 10)?;
        validate::one_of("channel", &channel, CC_CHANNELS)?;
        let notify_url = f.url_req("notifyUrl", 200, false)?;
        let return_url = f.url_req("returnUrl", 200, true)?;
        let mch_user_id = f.opt("mchUserId", 30)?;
        check_new(app, &m.mch_id, &c.mch_order_no)?;
        let random = app.random_digits(4);
        let secure_id = app.random_hex(32);
        let mut o = base_order(m, c, "cc_purchase", &channel);
        o.notify_url = Some(notify_url);
        o.return_url = Some(return_url);
        o.mch_user_id = mch_user_id;
        o.secure_id = Some(secure_id.clone());
        let o = insert(app, o, "PC", &random)?;
        app.persist();
        let mut out = Map::new();
        out.insert("redirectUrl".into(), app.pay_url(&o.pay_order_id).into());
        out.insert("secureId".into(), secure_id.into());
        Ok(Reply::Ok(out).into())
    })
}

pub fn process_addcard(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let card_id = f.req("cardId", 30)?;
        let login = f.req("loginName", 12)?;
        check_login("loginName", &login, m)?;
        let channel = f.req("channel", 10)?;
        validate::one_of("channel", &channel, CC_CHANNELS)?;
        let return_url = f.url_req("returnUrl", 200, true)?;
        let secure_id = app.random_hex(32);
        {
            let mut store = app.store();
            if store
                .cards
                .iter()
                .any(|c| c.mch_id == m.mch_id && c.card_id == card_id)
            {
                return Err(Reply::param(format!(
                    "cardId {card_id} is already bound; use another cardId"
                )));
            }
            store.card_sessions.insert(
                secure_id.clone(),
                CardSession {
                    secure_id: secure_id.clone(),
                    mch_id: m.mch_id.clone(),
                    card_id,
                    channel,
                    return_url,
                    done: false,
                },
            );
        }
        app.persist();
        let mut out = Map::new();
        out.insert(
            "redirectUrl".into(),
            format!("{}/card/{secure_id}", app.public_url()).into(),
        );
        out.insert("secureId".into(), secure_id.into());
        Ok(Reply::Ok(out).into())
    })
}

pub fn process_direct(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    plan: &RequestPlan,
) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let channel = f.req("channel", 10)?;
        validate::one_of("channel", &channel, CC_CHANNELS)?;
        let c = common(&f, m)?;
        let card_num = f.req("cardNum", 19)?;
        let expiry = f.req("expiryDate", 4)?;
        f.req("holder", 64)?;
        let cvv = f.req("cvv", 4)?;
        check_card(&card_num, &expiry, &cvv)?;
        f.opt("clientIp", 50)?;
        let notify_url = f.url_opt("notifyUrl", 200, false)?;
        check_new(app, &m.mch_id, &c.mch_order_no)?;
        let mut o = base_order(m, c, "cc_directpurchase", &channel);
        o.card = Some(card_data(&card_num, &expiry));
        o.notify_url = notify_url;
        instant_payment(app, o, "cc_directpurchase", plan)
    })
}

/// The card the merchant bound under `card_id` (cc_addcard); `0014` when
/// there is none, for a card query and a token payment alike.
fn bound_card(app: &SharedApp, m: &Merchant, card_id: &str) -> Result<Card, Reply> {
    app.store()
        .cards
        .iter()
        .find(|c| c.mch_id == m.mch_id && c.card_id == card_id)
        .cloned()
        .ok_or_else(|| Reply::biz("0014", "cardId is not binding"))
}

pub fn process_querycard(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let card_id = f.req("cardId", 30)?;
        let card = bound_card(app, m, &card_id)?;
        let mut out = Map::new();
        out.insert("cardId".into(), card.card_id.into());
        out.insert("cardNum".into(), card.card.card_num.into());
        out.insert("expiryDate".into(), card.card.expiry_date.into());
        out.insert("holder".into(), card.holder.into());
        Ok(Reply::Ok(out).into())
    })
}

pub fn process_token(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    plan: &RequestPlan,
) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let c = common(&f, m)?;
        let card_id = f.req("cardId", 30)?;
        f.opt("clientIp", 50)?;
        let notify_url = f.url_opt("notifyUrl", 200, false)?;
        let mch_user_id = f.opt("mchUserId", 30)?;
        let card = bound_card(app, m, &card_id)?;
        if card.channel == "UPI_EX" && notify_url.is_none() {
            return Err(Reply::param("notifyUrl is required for UPI_EX cards"));
        }
        check_new(app, &m.mch_id, &c.mch_order_no)?;
        let mut o = base_order(m, c, "cc_purchasewithtoken", &card.channel);
        o.card = Some(card.card);
        o.notify_url = notify_url;
        o.mch_user_id = mch_user_id;
        instant_payment(app, o, "cc_purchasewithtoken", plan)
    })
}

pub fn process_wallet(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    plan: &RequestPlan,
) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let c = common(&f, m)?;
        let wallet = f.opt("walletType", 10)?;
        let channel = match wallet.as_deref() {
            None | Some("ApplePay") => "CC_CA",
            Some("GooglePay") => "CC_CG",
            Some(other) => {
                return Err(Reply::param(format!(
                    "walletType {other:?} is not one of ApplePay, GooglePay"
                )))
            }
        };
        if let Some(d) = f.opt("walletData", 65_536)? {
            let b64 = d.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'-' | b'_')
            });
            if !b64 {
                return Err(Reply::param("walletData must be base64"));
            }
        }
        let notify_url = f.url_opt("notifyUrl", 200, false)?;
        check_new(app, &m.mch_id, &c.mch_order_no)?;
        let mut o = base_order(m, c, "cc_purchasewithwallet", channel);
        o.card = Some(CardData {
            card_num: "411111******1111".into(),
            card_type: "V".into(),
            expiry_date: "1230".into(),
        });
        o.notify_url = notify_url;
        instant_payment(app, o, "cc_purchasewithwallet", plan)
    })
}

fn reverse(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    void: bool,
    plan: &RequestPlan,
) -> Result<Processed, Reply> {
    let f = Fields::new(p);
    let mch_refund_no = f.req("mchRefundNo", 30)?;
    let login = f.req("loginName", 12)?;
    check_login("loginName", &login, m)?;
    let requested = if void {
        None
    } else {
        Some(f.amount("refundAmount")?)
    };
    let original_id = f.req("payOrderId", 30)?;
    let notify_url = f.url_opt("notifyUrl", 200, false)?;
    let random = app.random_digits(4);
    let processor = ProcessorNumbers::draw(app);
    let record = {
        let mut store = app.store();
        if let Some(prev) = store.orders.values().find(|o| {
            o.family == Some(Family::CcV3)
                && o.mch_id == m.mch_id
                && o.pay_type.as_deref() == Some("refund")
                && o.mch_order_no == mch_refund_no
        }) {
            if plan.refuse_repeated_refund_no {
                return Err(Reply::param(format!(
                    "mchRefundNo {mch_refund_no} already used"
                )));
            }
            let same_amount = requested.is_none_or(|a| a == prev.amount);
            if prev.original_order_id.as_deref() == Some(original_id.as_str()) && same_amount {
                return Ok(Reply::Ok(order_object(prev)).into());
            }
            return Err(Reply::param(format!(
                "mchRefundNo {mch_refund_no} already used for another refund"
            )));
        }
        let orig = store
            .orders
            .get(&original_id)
            .filter(|o| {
                o.family == Some(Family::CcV3)
                    && o.mch_id == m.mch_id
                    && o.pay_type.as_deref() != Some("refund")
            })
            .ok_or_else(|| Reply::biz("0112", "merchant order id not exist"))?
            .clone();
        if !status::is_paid(orig.status) {
            return Err(Reply::param(format!(
                "transaction {original_id} is not paid (status {})",
                orig.status
            )));
        }
        let refundable = orig.amount - orig.refunded;
        let amount = match requested {
            None if orig.refunded > 0 => {
                return Err(Reply::param(
                    "a partly refunded transaction cannot be voided; use cc_refund",
                ))
            }
            None => orig.amount,
            Some(a) if a > refundable => {
                return Err(Reply::param(format!(
                    "refundAmount {a} exceeds the refundable amount {refundable}"
                )))
            }
            Some(a) => a,
        };
        let now = now_ms();
        let mut rec = Order {
            family: Some(Family::CcV3),
            endpoint: if void { "cc_void" } else { "cc_refund" }.into(),
            mch_id: m.mch_id.clone(),
            mch_order_no: mch_refund_no,
            channel_id: orig.channel_id.clone(),
            currency: orig.currency.clone(),
            amount,
            status: status::PAID,
            created_at: now,
            pay_succ_time: Some(now),
            pay_type: Some("refund".into()),
            original_order_id: Some(original_id.clone()),
            card: orig.card.clone(),
            notify_url,
            ..Order::default()
        };
        processor.apply(&mut rec);
        rec.pay_order_id = store.next_id("RP", &random);
        store.insert_order(rec.clone());
        if let Some(o) = store.orders.get_mut(&original_id) {
            o.refunded += amount;
        }
        rec
    };
    app.persist();
    // The order object is also the notification body (§15.2), and the SDK
    // sends a notifyUrl with voids and refunds (§15.11): the record is
    // notified like a payment (payType refund), once, when it is created.
    let wait = if record.notify_url.is_some() {
        notify::notify_order(
            app,
            &record.pay_order_id,
            if void { "cc_void" } else { "cc_refund" },
        )
    } else {
        None
    };
    Ok(Processed {
        reply: Reply::Ok(order_object(&record)),
        wait,
    })
}

pub fn process_void(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    plan: &RequestPlan,
) -> Processed {
    run(|| reverse(app, m, p, true, plan))
}

pub fn process_refund(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    plan: &RequestPlan,
) -> Processed {
    run(|| reverse(app, m, p, false, plan))
}

pub fn process_query(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let named = IdOrNo::at_least_one(&Fields::new(p), "payOrderId", "mchOrderNo")?;
        let o = lookup::find_order(app, m, &[Family::CcV3], &named)?;
        Ok(Reply::Ok(order_object(&o)).into())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_masking() {
        assert!(luhn_ok("4242424242424242"));
        assert!(!luhn_ok("4242424242424241"));
        assert_eq!(
            card_data("4325670000002266", "1123").card_num,
            "432567******2266"
        );
        assert!(check_card("4242424242424242", "1330", "123").is_err());
        assert!(check_card("4242424242424242", "1230", "123").is_ok());
    }
}
