//! `POST /v1/checkout/refund` (§8.1, D46): partial and repeated refunds of a
//! paid sale, never more than was paid (`C09`); only a sale in `S` (`C10`).

use serde_json::{Map, Value};

use crate::app::SharedApp;
use crate::faults::RequestPlan;
use crate::store::sunbay::{tx_status, tx_type, RequestUse, Transaction};
use crate::sunbay::api::{endpoint, Processed};
use crate::sunbay::codes;
use crate::sunbay::objects::transaction_data;
use crate::sunbay::payments::settle;
use crate::sunbay::webhook;
use crate::sunbay::wire::{self, Fields, Refusal};
use crate::util::now_ms;

endpoint!(refund, "sunbay_refund", process_refund);

/// The status a refund is recorded with: `S` (or `F` with
/// `refund_final_status` 3) at once, or `P` for `refund_pending_ms`.
fn planned(plan: &RequestPlan, now: i64) -> (String, Option<i64>, Option<String>) {
    let final_status = if plan.refund_final_status == Some(3) {
        tx_status::FAIL
    } else {
        tx_status::SUCCESS
    };
    match plan.refund_pending_ms {
        Some(ms) => (
            tx_status::PROCESSING.to_owned(),
            Some(now.saturating_add(i64::try_from(ms).unwrap_or(i64::MAX))),
            Some(final_status.to_owned()),
        ),
        None => (final_status.to_owned(), None, None),
    }
}

pub fn process_refund(app: &SharedApp, p: &Map<String, Value>, plan: &RequestPlan) -> Processed {
    let f = Fields::new(p);
    let checked = (|| {
        f.account(&app.sunbay)?;
        let request_id = f.request_id("transactionRequestId")?;
        let original_id = f.opt("originalTransactionId", 64)?;
        let original_request_id = f.opt_request_id("originalTransactionRequestId")?;
        if original_id.is_none() && original_request_id.is_none() {
            return Err(Refusal::missing(
                "originalTransactionId or originalTransactionRequestId",
            ));
        }
        let amount = wire::refund_amount(&f)?;
        let description = f.opt("description", 128)?;
        let attach = f.opt("attach", 512)?;
        let notify_url = f.opt_url("notifyUrl")?;
        Ok((
            request_id,
            original_id,
            original_request_id,
            amount,
            description,
            attach,
            notify_url,
        ))
    })();
    let (request_id, original_id, original_request_id, amount, description, attach, notify_url) =
        match checked {
            Ok(v) => v,
            Err(r) => return Err(r).into(),
        };
    let random = app.random_digits(6);
    let now = now_ms();
    let (status, settle_at, final_status) = planned(plan, now);
    let result = (|| {
        let mut store = app.store();
        match store.sunbay.request_ids.get(&request_id).cloned() {
            // §5 / D46: a re-sent refund gets the first refund back.
            Some(RequestUse::Refund(id)) => {
                let st = &store.sunbay;
                let t = st
                    .transactions
                    .get(&id)
                    .ok_or_else(|| Refusal::new(codes::NOT_FOUND, "refund"))?;
                return Ok((transaction_data(st, t), None));
            }
            Some(_) => {
                return Err(Refusal::new(
                    codes::DUPLICATE_SERIAL,
                    "transactionRequestId was already used by another operation",
                ))
            }
            None => {}
        }
        let st = &store.sunbay;
        // originalTransactionId wins when both are sent (§5).
        let original = st
            .transaction_named(original_id.as_deref(), original_request_id.as_deref())
            .ok_or_else(|| Refusal::new(codes::NOT_FOUND, "no such original transaction"))?;
        if original.transaction_type != tx_type::SALE {
            return Err(Refusal::new(
                codes::STATUS_NOT_ALLOWED,
                "only a sale can be refunded",
            ));
        }
        if original.status != tx_status::SUCCESS {
            return Err(Refusal::new(
                codes::STATUS_NOT_ALLOWED,
                format!("the original transaction is {}", original.status),
            ));
        }
        if original.amount.currency != amount.currency {
            return Err(Refusal::param(
                "amount.priceCurrency",
                "must be the original transaction's currency",
            ));
        }
        let reserved = st.refund_reserved(&original.transaction_id);
        if reserved + amount.total() > original.amount.total() {
            return Err(Refusal::new(
                codes::OVER_REFUND,
                format!(
                    "{} requested, {} refundable",
                    amount.total(),
                    original.amount.total() - reserved
                ),
            ));
        }
        let original_tx_id = original.transaction_id.clone();
        let original_tx_request_id = original.transaction_request_id.clone();
        let id = store.next_id("TXN", &random);
        let mut t = Transaction {
            description,
            attach,
            original_transaction_id: Some(original_tx_id),
            original_transaction_request_id: Some(original_tx_request_id),
            notify_url,
            settle_at,
            final_status,
            ..Transaction::initial(id.clone(), request_id.clone(), tx_type::REFUND, amount, now)
        };
        settle(&mut t, &status, String::new(), String::new(), now);
        store.sunbay.transactions.insert(id.clone(), t);
        store
            .sunbay
            .request_ids
            .insert(request_id, RequestUse::Refund(id.clone()));
        let st = &store.sunbay;
        let data = st
            .transactions
            .get(&id)
            .map(|t| transaction_data(st, t))
            .unwrap_or_default();
        Ok((data, Some(id)))
    })();
    match result {
        Ok((data, created)) => {
            let mut wait = None;
            if let Some(id) = created {
                app.persist();
                if tx_status::is_final(&status) {
                    wait = webhook::notify(app, &id, "sunbay_refund");
                }
            }
            Processed {
                outcome: Ok(data),
                wait,
            }
        }
        Err(r) => Err(r).into(),
    }
}
