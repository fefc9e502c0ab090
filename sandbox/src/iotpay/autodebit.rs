//! Autodebit / WeChat withholding (§13): contract signing, debits within the
//! WeChat limits, query, and contract callbacks.

use axum::body::Bytes;
use axum::extract::State;
use axum::http::Method;
use axum::response::Response;
use serde_json::{Map, Value};

use crate::app::SharedApp;
use crate::config::Merchant;
use crate::iotpay::api::{endpoint, run, Dialect, Processed};
use crate::iotpay::login::check_login;
use crate::iotpay::notify;
use crate::iotpay::payments::PaidFields;
use crate::iotpay::v1::query_order_in;
use crate::iotpay::validate::{self, Fields};
use crate::iotpay::wire::Reply;
use crate::store::iotpay::{status, Contract, Family, Order};
use crate::util::{day_and_month, now_ms};

/// WeChat's amount limit (§13: CAD 30) per transaction, per day and per
/// month, in minor units of the contract's currency, read as the extension
/// reads it (D55): 30 in CAD and CNY, 20 in USD.
pub fn limit_amount(currency: &str) -> i64 {
    if currency == "USD" {
        2000
    } else {
        3000
    }
}
/// The calendars whose days and months count (D56): UTC and China Standard
/// Time, as the extension's pre-flight check counts them.
pub const LIMIT_ZONES_MINUTES: [i64; 2] = [0, 8 * 60];
pub const MAX_DEBITS_PER_DAY: usize = 1;
pub const MAX_DEBITS_PER_MONTH: usize = 3;

const CHANNELS: &[&str] = &["WX_JSAPI", "WX_APP", "WX_MWEB"];
const CURRENCIES: &[&str] = &["CAD", "CNY", "USD"];

endpoint!(contract, "contract", Dialect::Form, process_contract);
endpoint!(
    create_order,
    "contract_create_order",
    Dialect::Form,
    process_debit
);
endpoint!(
    query_order,
    "contract_query_order",
    Dialect::Form,
    process_query
);

/// D51: a merchant contract id is letters, digits, `_` and `-`.
fn contract_id_chars(id: &str) -> Result<(), Reply> {
    if id
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        Ok(())
    } else {
        Err(Reply::param(
            "mchContractId may only contain letters, digits, '_' and '-'",
        ))
    }
}

/// D51: `extra`, when given, is a JSON object.
fn extra_object(extra: Option<&String>) -> Result<(), Reply> {
    match extra.map(|e| serde_json::from_str::<Value>(e)) {
        None | Some(Ok(Value::Object(_))) => Ok(()),
        _ => Err(Reply::param("extra must be a JSON object")),
    }
}

/// The URL of the sandbox page where the payer signs a contract.
pub fn sign_url(app: &SharedApp, id: &str) -> String {
    format!("{}/sign-contract/{id}", app.public_url())
}

pub fn contract_fields(app: &SharedApp, c: &Contract) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(
        "iotpayContractId".into(),
        c.iotpay_contract_id.clone().into(),
    );
    m.insert("mchContractId".into(), c.mch_contract_id.clone().into());
    m.insert("status".into(), c.status.into());
    if c.status == 1 {
        m.insert(
            "signUrl".into(),
            sign_url(app, &c.iotpay_contract_id).into(),
        );
    }
    m
}

pub fn process_contract(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let mch_contract_id = f.req("mchContractId", 128)?;
        contract_id_chars(&mch_contract_id)?;
        let channel = f.req("channelId", 24)?;
        validate::one_of("channelId", &channel, CHANNELS)?;
        let currency = f.req("currency", 3)?;
        validate::one_of("currency", &currency, CURRENCIES)?;
        f.opt("clientIp", 32)?;
        f.opt("device", 50)?;
        let notify_url = f.url_req("notifyUrl", 1000, false)?;
        let payer_name = f.req("payerName", 32)?;
        if payer_name.chars().any(|c| c.len_utf8() == 4) {
            return Err(Reply::param(
                "payerName must not contain 4-byte UTF-8 characters",
            ));
        }
        if let Some(t) = f.opt("terminalType", 3)? {
            validate::one_of("terminalType", &t, &["WEB", "APP", "WAP"])?;
        }
        let extra = f.opt("extra", 512)?;
        extra_object(extra.as_ref())?;
        if channel == "WX_APP" && extra.is_none() {
            return Err(Reply::param("extra is required for channel WX_APP"));
        }
        let return_url = f.url_opt("returnUrl", 1000, false)?;
        let job_no = f.req("jobNo", 50)?;
        check_login("jobNo", &job_no, m)?;
        let random = app.random_digits(4);
        let c = {
            let mut store = app.store();
            if store
                .contracts
                .values()
                .any(|c| c.mch_id == m.mch_id && c.mch_contract_id == mch_contract_id)
            {
                return Err(Reply::param(format!(
                    "mchContractId {mch_contract_id} already used; a contract can be signed only once"
                )));
            }
            let id = store.next_id("CWJ", &random);
            let c = Contract {
                iotpay_contract_id: id.clone(),
                mch_contract_id,
                mch_id: m.mch_id.clone(),
                channel_id: channel,
                currency,
                notify_url,
                return_url,
                payer_name,
                status: 1,
                signed_at: 0,
                cancelled_at: 0,
                contract_id: None,
                open_id: None,
                debits: Vec::new(),
            };
            store.contracts.insert(id, c.clone());
            c
        };
        app.persist();
        Ok(Reply::Ok(contract_fields(app, &c)).into())
    })
}

/// Signs (2) or terminates (9) a contract and sends the callback.
pub fn set_contract_status(
    app: &SharedApp,
    id: &str,
    new_status: i64,
    trigger: &str,
) -> Result<Contract, String> {
    let wechat_id = app.random_digits(16);
    let open_id = format!("o{}", app.random_hex(27));
    let c = {
        let mut store = app.store();
        let c = store
            .contracts
            .get_mut(id)
            .ok_or_else(|| "contract not found".to_owned())?;
        match (c.status, new_status) {
            (1, 2) => {
                c.status = 2;
                c.signed_at = now_ms();
                c.contract_id = Some(wechat_id);
                c.open_id = Some(open_id);
            }
            (1 | 2, 9) => {
                c.status = 9;
                c.cancelled_at = now_ms();
            }
            (s, n) if s == n => return Ok(c.clone()),
            (s, n) => return Err(format!("contract status {s} cannot become {n}")),
        }
        c.clone()
    };
    app.persist();
    notify::notify_contract(app, id, trigger);
    Ok(c)
}

pub fn process_debit(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    run(|| {
        let f = Fields::new(p);
        let mch_order_no = f.req("mchOrderNo", 30)?;
        let mch_contract_id = f.req("mchContractId", 128)?;
        contract_id_chars(&mch_contract_id)?;
        let channel = f.req("channelId", 24)?;
        validate::one_of("channelId", &channel, CHANNELS)?;
        let currency = f.req("currency", 3)?;
        validate::one_of("currency", &currency, CURRENCIES)?;
        let amount = f.amount("amount")?;
        let client_ip = f.opt("clientIp", 32)?;
        let device = f.opt("device", 50)?;
        let notify_url = f.url_req("notifyUrl", 1000, false)?;
        let body = f.req("body", 255)?;
        let extra = f.opt("extra", 512)?;
        extra_object(extra.as_ref())?;
        if matches!(channel.as_str(), "WX_APP" | "WX_MWEB") && extra.is_none() {
            return Err(Reply::param(format!(
                "extra is required for channel {channel}"
            )));
        }
        let return_url = f.url_opt("returnUrl", 1000, false)?;
        let job_no = f.req("jobNo", 50)?;
        check_login("jobNo", &job_no, m)?;
        let remarks = f.opt("remarks", 200)?;

        let random = app.random_digits(4);
        let paid = PaidFields::draw(app, &channel);
        let now = now_ms();
        let order = {
            let mut store = app.store();
            if let Some(o) =
                store.find_order(Family::Autodebit.namespace(), &m.mch_id, &mch_order_no)
            {
                return Err(if status::is_paid(o.status) {
                    Reply::biz(
                        "0113",
                        format!("order already paid (mchOrderNo {mch_order_no})"),
                    )
                } else {
                    Reply::param(format!("mchOrderNo {mch_order_no} already used"))
                });
            }
            let contract_key = store
                .contracts
                .iter()
                .find(|(_, c)| c.mch_id == m.mch_id && c.mch_contract_id == mch_contract_id)
                .map(|(k, _)| k.clone())
                .ok_or_else(|| {
                    Reply::param(format!("mchContractId {mch_contract_id} does not exist"))
                })?;
            if let Some(c) = store.contracts.get(&contract_key) {
                if c.status != 2 {
                    return Err(Reply::param(format!(
                        "contract {mch_contract_id} is not signed (status {})",
                        c.status
                    )));
                }
                if c.currency != currency {
                    return Err(Reply::param(format!(
                        "currency {currency} does not match the contract currency {}",
                        c.currency
                    )));
                }
                let limit = limit_amount(&currency);
                if amount > limit {
                    return Err(Reply::param(format!(
                        "amount {amount} exceeds the per-transaction limit {limit}"
                    )));
                }
                // D56: a limit broken in UTC or in China Standard Time is broken.
                for zone in LIMIT_ZONES_MINUTES {
                    let shift = |t: i64| day_and_month(t + zone * 60_000);
                    let (day, month) = shift(now);
                    // The amounts debited in the period (day or month) that
                    // `same` recognises from a debit's (day, month).
                    let debited_in = |same: &dyn Fn((i64, i64)) -> bool| -> Vec<i64> {
                        c.debits
                            .iter()
                            .filter(|(t, _)| same(shift(*t)))
                            .map(|(_, a)| *a)
                            .collect()
                    };
                    let today = debited_in(&|(d, _)| d == day);
                    let this_month = debited_in(&|(_, mo)| mo == month);
                    let zone_name = if zone == 0 { "UTC" } else { "China time" };
                    if today.len() >= MAX_DEBITS_PER_DAY {
                        return Err(Reply::param(format!(
                            "at most 1 debit per day on a contract ({zone_name})"
                        )));
                    }
                    let day_sum: i64 = today.iter().sum();
                    if day_sum + amount > limit {
                        return Err(Reply::param(format!(
                            "amount {amount} exceeds the daily limit {limit} ({zone_name})"
                        )));
                    }
                    if this_month.len() >= MAX_DEBITS_PER_MONTH {
                        return Err(Reply::param(format!(
                            "at most 3 debits per month on a contract ({zone_name})"
                        )));
                    }
                    let month_sum: i64 = this_month.iter().sum();
                    if month_sum + amount > limit {
                        return Err(Reply::param(format!(
                            "amount {amount} exceeds the monthly limit {limit} (already debited {month_sum}, {zone_name})"
                        )));
                    }
                }
            }
            let mut o = Order {
                family: Some(Family::Autodebit),
                endpoint: "contract_create_order".into(),
                mch_id: m.mch_id.clone(),
                mch_order_no: mch_order_no.clone(),
                channel_id: channel,
                currency,
                amount,
                status: status::CREATED,
                created_at: now,
                client_ip,
                device,
                notify_url: Some(notify_url),
                return_url,
                body: Some(body),
                extra,
                job_no: Some(job_no),
                remarks,
                mch_contract_id: Some(mch_contract_id),
                ..Order::default()
            };
            paid.apply(&mut o, now);
            o.pay_order_id = store.next_id("P", &random);
            store.insert_order(o.clone());
            if let Some(c) = store.contracts.get_mut(&contract_key) {
                c.debits.push((now, amount));
            }
            o
        };
        app.persist();
        let wait = notify::notify_order(app, &order.pay_order_id, "contract_create_order");
        let mut out = Map::new();
        // D53: the answer states what was taken, so a shop can believe its status.
        out.insert("payOrderId".into(), order.pay_order_id.clone().into());
        out.insert("mchId".into(), order.mch_id.clone().into());
        out.insert("mchOrderNo".into(), mch_order_no.into());
        out.insert("amount".into(), order.amount.into());
        out.insert("currency".into(), order.currency.clone().into());
        out.insert("status".into(), order.status.into());
        if let Some(c) = &order.channel_order_no {
            out.insert("channelOrderNo".into(), c.clone().into());
        }
        if let Some(t) = order.pay_succ_time {
            out.insert("paySuccTime".into(), t.into());
        }
        Ok(Processed {
            reply: Reply::Ok(out),
            wait,
        })
    })
}

pub fn process_query(app: &SharedApp, m: &Merchant, p: &Map<String, Value>) -> Processed {
    query_order_in(app, m, p, &[Family::Autodebit])
}
