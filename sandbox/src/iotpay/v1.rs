//! v1 General Order API (§4–§9, D15–D18): create_order, payForSubmit,
//! query_order, refund_order, query_refund.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::Method;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::app::SharedApp;
use crate::config::Merchant;
use crate::faults::RequestPlan;
use crate::iotpay::api::{endpoint, run, Dialect, Processed};
use crate::iotpay::login::check_login;
use crate::iotpay::lookup::{self, IdOrNo};
use crate::iotpay::notify;
use crate::iotpay::payments::PaidFields;
use crate::iotpay::validate::{self, Fields};
use crate::iotpay::wire::Reply;
use crate::store::iotpay::{refund_status, status, Family, Order, Refund};
use crate::util::now_ms;

endpoint!(
    create_order,
    "create_order",
    Dialect::Form,
    process_create_order
);
endpoint!(
    pay_for_submit,
    "payForSubmit",
    Dialect::Form,
    process_pay_for_submit
);
endpoint!(
    query_order,
    "query_order",
    Dialect::Form,
    process_query_order
);
endpoint!(
    refund_order,
    "refund_order",
    Dialect::Form,
    planned process_refund_order
);
endpoint!(
    query_refund,
    "query_refund",
    Dialect::Form,
    process_query_refund
);

/// Channel-specific `extra` rules (§4.2).
fn check_extra(channel: &str, extra: Option<&str>) -> Result<Option<Map<String, Value>>, Reply> {
    let need = |e: Option<&str>| {
        e.map(str::to_owned)
            .ok_or_else(|| Reply::param(format!("extra is required for channel {channel}")))
    };
    match channel {
        "WX_NATIVE" => {
            let e = validate::json_object("extra", &need(extra)?)?;
            validate::member(&e, "extra", "productId")?;
            Ok(Some(e))
        }
        "WX_JSAPI" => {
            let e = validate::json_object("extra", &need(extra)?)?;
            validate::member(&e, "extra", "openId")?;
            validate::member(&e, "extra", "appId")?;
            let t = validate::member(&e, "extra", "type")?;
            validate::one_of("extra.type", &t, &["minipay"])?;
            Ok(Some(e))
        }
        "WX_APP" => {
            let e = validate::json_object("extra", &need(extra)?)?;
            validate::member(&e, "extra", "appId")?;
            let t = validate::member(&e, "extra", "type")?;
            validate::one_of("extra.type", &t, &["apppay"])?;
            Ok(Some(e))
        }
        "CC_PAX" => {
            need(extra)?;
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// Refuses a reused `mchOrderNo` (D18): `0113` when paid, else `0014`.
fn check_new_order_no(app: &SharedApp, mch_id: &str, mch_order_no: &str) -> Result<(), Reply> {
    let store = app.store();
    match store.find_order(Family::V1.namespace(), mch_id, mch_order_no) {
        Some(o) if status::is_paid(o.status) => Err(Reply::biz(
            "0113",
            format!("order already paid (mchOrderNo {mch_order_no})"),
        )),
        Some(_) => Err(Reply::param(format!(
            "mchOrderNo {mch_order_no} already used"
        ))),
        None => Ok(()),
    }
}

/// Inserts a new order under the store lock, re-checking uniqueness there.
fn insert_order(app: &SharedApp, mut o: Order, random: &str) -> Result<Order, Reply> {
    let mut store = app.store();
    if let Some(existing) = store.find_order(Family::V1.namespace(), &o.mch_id, &o.mch_order_no) {
        return Err(if status::is_paid(existing.status) {
            Reply::biz(
                "0113",
                format!("order already paid (mchOrderNo {})", o.mch_order_no),
            )
        } else {
            Reply::param(format!("mchOrderNo {} already used", o.mch_order_no))
        });
    }
    o.pay_order_id = store.next_id("P", random);
    store.insert_order(o.clone());
    Ok(o)
}

fn pay_params(
    app: &SharedApp,
    m: &Merchant,
    channel: &str,
    extra: Option<&Map<String, Value>>,
    id: &str,
) -> Value {
    let app_id = extra
        .and_then(|e| e.get("appId"))
        .and_then(Value::as_str)
        .map_or_else(
            || format!("sandbox_{}", channel.to_ascii_lowercase()),
            str::to_owned,
        );
    let ts = (now_ms() / 1000).to_string();
    let nonce = app.random_hex(32);
    let package = if channel == "WX_APP" {
        "Sign=WXPay".to_owned()
    } else {
        format!("prepay_id=wx{id}")
    };
    let pairs = [
        ("appId", app_id.as_str()),
        ("timeStamp", ts.as_str()),
        ("nonceStr", nonce.as_str()),
        ("package", package.as_str()),
        ("signType", "MD5"),
    ];
    let pay_sign = iotpay_core::sign::sign_str_pairs(pairs, &m.key);
    let mut p = Map::new();
    for (k, v) in pairs {
        p.insert(k.into(), v.into());
    }
    p.insert("paySign".into(), pay_sign.into());
    Value::Object(p)
}

pub fn process_create_order(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let mch_order_no = f.req("mchOrderNo", 30)?;
        let channel = f.req("channelId", 24)?;
        validate::one_of("channelId", &channel, validate::V1_CHANNELS)?;
        let currency = f.req("currency", 3)?;
        validate::currency_for_channel(&channel, &currency, validate::v1_currencies(&channel))?;
        let amount = f.amount("amount")?;
        let client_ip = f.req("clientIp", 32)?;
        let device = f.opt("device", 64)?;
        let os_type = f.opt("osType", 10)?;
        if matches!(channel.as_str(), "ALIPAY_MOBILE" | "ALIPAY_WAP") && os_type.is_none() {
            return Err(Reply::param(format!(
                "osType is required for channel {channel}"
            )));
        }
        if let Some(os) = &os_type {
            validate::one_of("osType", os, &["IOS", "ANDROID"])?;
        }
        let notify_url = f.url_req("notifyUrl", 200, false)?;
        let subject = f.req("subject", 64)?;
        let body = f.req("body", 255)?;
        let param1 = f.opt("param1", 64)?;
        let param2 = f.opt("param2", 64)?;
        let extra = f.opt("extra", 512)?;
        let extra_obj = check_extra(&channel, extra.as_deref())?;
        let return_url = f.url_opt("returnUrl", 200, true)?;
        if matches!(channel.as_str(), "ALIPAY_PC" | "ALIPAY_WAP") && return_url.is_none() {
            return Err(Reply::param(format!(
                "returnUrl is required for channel {channel}"
            )));
        }
        let job_no = f.req("jobNo", 50)?;
        check_login("jobNo", &job_no, m)?;
        let remarks = f.opt("remarks", 200)?;
        let micropay = validate::is_micropay(&channel);
        let mut identity_code = None;
        if micropay {
            f.opt("deviceId", 64)?;
            let code_type = f.req("codeType", 64)?;
            validate::one_of("codeType", &code_type, &["barcode"])?;
            identity_code = Some(f.req("identityCode", 64)?);
        }
        check_new_order_no(app, &m.mch_id, &mch_order_no)?;

        // Micropay: paid at once unless the payment code starts with "9"
        // (then the customer "is still confirming": status 1).
        let instant = identity_code
            .as_deref()
            .is_some_and(|c| !c.starts_with('9'));
        let random = app.random_digits(4);
        let paid_fields = instant.then(|| PaidFields::draw(app, &channel));
        let mut order = Order {
            family: Some(Family::V1),
            endpoint: "create_order".into(),
            mch_id: m.mch_id.clone(),
            mch_order_no: mch_order_no.clone(),
            channel_id: channel.clone(),
            currency,
            amount,
            status: if micropay || channel == "CC_PAX" {
                status::PAYING
            } else {
                status::CREATED
            },
            created_at: now_ms(),
            client_ip: Some(client_ip),
            device,
            os_type,
            notify_url: Some(notify_url),
            return_url,
            subject: Some(subject),
            body: Some(body),
            param1,
            param2,
            extra,
            job_no: Some(job_no),
            remarks,
            identity_code,
            ..Order::default()
        };
        if let Some(pf) = paid_fields {
            pf.apply(&mut order, now_ms());
        }
        let order = insert_order(app, order, &random)?;
        app.persist();
        let id = order.pay_order_id.clone();

        let mut out = Map::new();
        out.insert("payOrderId".into(), id.clone().into());
        out.insert("mchOrderNo".into(), mch_order_no.into());
        let url = app.pay_url(&id);
        match channel.as_str() {
            "WX_NATIVE" => {
                out.insert("codeUrl".into(), url.into());
            }
            "ALIPAY_QR" | "UPI_QR" => {
                out.insert("qr_code".into(), url.into());
            }
            "ALIPAY_PC" | "ALIPAY_WAP" => {
                let mut rp = Map::new();
                rp.insert("alipayUrl".into(), url.into());
                out.insert("retParams".into(), Value::Object(rp));
            }
            "UPI_SEQ" => {
                let mut rp = Map::new();
                rp.insert("unionpayUrl".into(), url.into());
                out.insert("retParams".into(), Value::Object(rp));
            }
            "WX_JSAPI" | "WX_APP" | "UPI_APP" | "ALIPAY_MOBILE" => {
                out.insert(
                    "payParams".into(),
                    pay_params(app, m, &channel, extra_obj.as_ref(), &id),
                );
            }
            _ => {
                out.insert("status".into(), order.status.into());
                if let Some(c) = &order.channel_order_no {
                    out.insert("channelOrderNo".into(), c.clone().into());
                }
                if let Some(t) = order.pay_succ_time {
                    out.insert("paySuccTime".into(), t.into());
                }
            }
        }
        let wait = if instant {
            notify::notify_order(app, &id, "create_order")
        } else {
            None
        };
        Ok(Processed {
            reply: Reply::Ok(out),
            wait,
        })
    })
}

pub fn process_pay_for_submit(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let mch_order_no = f.req("mchOrderNo", 30)?;
        let currency = f.req("currency", 3)?;
        let qrcode_pay = f.int_opt("qrcode_pay")?;
        if let Some(q) = qrcode_pay {
            if q != 0 && q != 1 {
                return Err(Reply::param(
                    "qrcode_pay must be 1 (QR code mode) or absent",
                ));
            }
        }
        let channel = f.req("channelId", 24)?;
        validate::one_of("channelId", &channel, &["WX_JSAPI"])?;
        validate::currency_for_channel(&channel, &currency, &["CAD", "USD", "CNY"])?;
        let amount = f.amount("amount")?;
        let client_ip = f.req("clientIp", 32)?;
        let return_url = f.url_req("returnUrl", 200, true)?;
        let notify_url = f.url_req("notifyUrl", 200, false)?;
        let subject = f.req("subject", 64)?;
        let body = f.req("body", 255)?;
        f.opt("param1", 64)?;
        let param2 = f.opt("param2", 64)?;
        let extra = f.opt("extra", 512)?;
        let job_no = f.req("jobNo", 50)?;
        check_login("jobNo", &job_no, m)?;
        let remarks = f.opt("remarks", 200)?;
        f.opt("device", 64)?;
        check_new_order_no(app, &m.mch_id, &mch_order_no)?;

        let random = app.random_digits(4);
        let order = Order {
            family: Some(Family::V1),
            endpoint: "payForSubmit".into(),
            mch_id: m.mch_id.clone(),
            mch_order_no: mch_order_no.clone(),
            channel_id: channel,
            currency,
            amount,
            status: status::CREATED,
            created_at: now_ms(),
            client_ip: Some(client_ip),
            device: f.opt("device", 64)?,
            notify_url: Some(notify_url),
            return_url: Some(return_url),
            subject: Some(subject),
            body: Some(body),
            // IOTPay reports the merchant order number in param1 (§5).
            param1: Some(mch_order_no.clone()),
            param2,
            extra,
            job_no: Some(job_no),
            remarks,
            qrcode_pay,
            ..Order::default()
        };
        let order = insert_order(app, order, &random)?;
        app.persist();
        let url = app.pay_url(&order.pay_order_id);
        let mut out = Map::new();
        out.insert("payOrderId".into(), order.pay_order_id.clone().into());
        out.insert("mchOrderNo".into(), mch_order_no.into());
        out.insert("url".into(), url.clone().into());
        if qrcode_pay == Some(1) {
            out.insert("code_url".into(), url.into());
        }
        Ok(Reply::Ok(out).into())
    })
}

/// The §7 answer fields of an order, plus `payOrderId` and `status`.
pub fn order_fields(o: &Order) -> Map<String, Value> {
    let mut m = Map::new();
    let mut s = |k: &str, v: &Option<String>| {
        if let Some(v) = v.as_ref().filter(|v| !v.is_empty()) {
            m.insert(k.into(), v.clone().into());
        }
    };
    s("payOrderId", &Some(o.pay_order_id.clone()));
    s("mchId", &Some(o.mch_id.clone()));
    s("mchOrderNo", &Some(o.mch_order_no.clone()));
    s("channelId", &Some(o.channel_id.clone()));
    s("currency", &Some(o.currency.clone()));
    s("clientIp", &o.client_ip);
    s("device", &o.device);
    s("notifyUrl", &o.notify_url);
    s("subject", &o.subject);
    s("body", &o.body);
    s("param1", &o.param1);
    s("param2", &o.param2);
    s("extra", &o.extra);
    s("channelOrderNo", &o.channel_order_no);
    m.insert("amount".into(), o.amount.into());
    if let Some(t) = o.pay_succ_time {
        m.insert("paySuccTime".into(), t.into());
    }
    m.insert("status".into(), o.status.into());
    m
}

pub fn process_query_order(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    query_order_in(app, m, p, &[Family::V1, Family::Autodebit])
}

pub fn query_order_in(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    families: &[Family],
) -> Processed {
    run(|| {
        let named = IdOrNo::exactly_one(&Fields::new(p), "payOrderId", "mchOrderNo")?;
        let o = lookup::find_order(app, m, families, &named)?;
        Ok(Reply::Ok(order_fields(&o)).into())
    })
}

/// D15 answer fields of a refund.
pub fn refund_fields(r: &Refund) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("refundOrderId".into(), r.refund_order_id.clone().into());
    m.insert("mchRefundNo".into(), r.mch_refund_no.clone().into());
    m.insert("payOrderId".into(), r.pay_order_id.clone().into());
    m.insert("mchId".into(), r.mch_id.clone().into());
    m.insert("refundAmount".into(), r.refund_amount.into());
    m.insert("currency".into(), r.currency.clone().into());
    m.insert("status".into(), r.status.into());
    if let Some(t) = r.refund_succ_time {
        m.insert("refundSuccTime".into(), t.into());
    }
    m
}

pub fn process_refund_order(
    app: &SharedApp,
    m: &Merchant,
    p: &Map<String, Value>,
    plan: &RequestPlan,
) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let mch_refund_no = f.req("mchRefundNo", 30)?;
        let refund_amount = f.amount("refundAmount")?;
        let client_ip = f.req("clientIp", 32)?;
        let device = f.opt("device", 64)?;
        let login_name = f.req("loginName", 32)?;
        check_login("loginName", &login_name, m)?;
        let pay_order_id = f.req("payOrderId", 64)?;
        let currency = f.opt("currency", 3)?;
        let random = app.random_digits(4);

        let refund = {
            let mut store = app.store();
            // D17: a repeated mchRefundNo returns the first result, unchanged
            // (or, with the `repeated_refund_no: refused` fault, is refused).
            if let Some(r) = store.find_refund(&m.mch_id, &mch_refund_no) {
                if plan.refuse_repeated_refund_no {
                    return Err(Reply::param(format!(
                        "mchRefundNo {mch_refund_no} already used"
                    )));
                }
                if r.pay_order_id == pay_order_id && r.refund_amount == refund_amount {
                    return Ok(Reply::Ok(refund_fields(r)).into());
                }
                return Err(Reply::param(format!(
                    "mchRefundNo {mch_refund_no} already used for a refund of {} on {}",
                    r.refund_amount, r.pay_order_id
                )));
            }
            let order = store
                .orders
                .get(&pay_order_id)
                .filter(|o| {
                    o.mch_id == m.mch_id
                        && matches!(o.family, Some(Family::V1) | Some(Family::Autodebit))
                })
                .ok_or_else(|| Reply::biz("0112", "merchant order id not exist"))?;
            if let Some(c) = &currency {
                if c != &order.currency {
                    return Err(Reply::param(format!(
                        "currency {c} does not match the order currency {}",
                        order.currency
                    )));
                }
            }
            if !status::is_paid(order.status) {
                return Err(Reply::param(format!(
                    "order {pay_order_id} is not paid (status {}); only paid orders can be refunded",
                    order.status
                )));
            }
            // Refunds still in progress hold their amount; failed ones do not.
            let refunded = store.refund_reserved_total(&pay_order_id);
            let refundable = order.amount - refunded;
            if refund_amount > refundable {
                return Err(Reply::param(format!(
                    "refundAmount {refund_amount} exceeds the refundable amount {refundable} (paid {}, already refunded {refunded})",
                    order.amount
                )));
            }
            let currency = order.currency.clone();
            let now = now_ms();
            let (status, refund_succ_time, settle_at, final_status) =
                match (plan.refund_pending_ms, plan.refund_final_status) {
                    (Some(ms), fin) => (
                        refund_status::REFUNDING,
                        None,
                        Some(now.saturating_add(i64::try_from(ms).unwrap_or(i64::MAX))),
                        Some(fin.unwrap_or(refund_status::SUCCESS)),
                    ),
                    (None, Some(refund_status::FAILED)) => {
                        (refund_status::FAILED, None, None, None)
                    }
                    _ => (refund_status::SUCCESS, Some(now), None, None),
                };
            let refund = Refund {
                refund_order_id: store.next_id("R", &random),
                mch_refund_no,
                pay_order_id,
                mch_id: m.mch_id.clone(),
                refund_amount,
                currency,
                status,
                created_at: now,
                refund_succ_time,
                client_ip,
                device,
                login_name,
                settle_at,
                final_status,
            };
            store
                .refunds
                .insert(refund.refund_order_id.clone(), refund.clone());
            refund
        };
        app.persist();
        Ok(Reply::Ok(refund_fields(&refund)).into())
    })
}

pub fn process_query_refund(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let named = IdOrNo::exactly_one(&Fields::new(p), "refundOrderId", "mchRefundNo")?;
        let store = app.store();
        let found = store
            .refunds
            .values()
            .find(|r| r.mch_id == m.mch_id && named.matches(&r.refund_order_id, &r.mch_refund_no));
        match found {
            Some(r) => Ok(Reply::Ok(refund_fields(r)).into()),
            None => Err(Reply::biz("0112", "refund order not exist")),
        }
    })
}
