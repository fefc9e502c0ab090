//! `GET /v1/transaction/query` (§8.2): by `transactionId` (wins) or
//! `transactionRequestId`. A session whose page was never opened has no
//! transaction yet: `C07` (D45: not a failure).

use serde_json::{Map, Value};

use crate::app::SharedApp;
use crate::faults::RequestPlan;
use crate::sunbay::api::{endpoint, Processed};
use crate::sunbay::codes;
use crate::sunbay::objects::transaction_data;
use crate::sunbay::wire::{Fields, Outcome, Refusal};

endpoint!(query, "sunbay_query", process_query);

fn do_query(app: &SharedApp, p: &Map<String, Value>) -> Outcome {
    let f = Fields::new(p);
    f.account(&app.sunbay)?;
    let by_id = f.opt("transactionId", 64)?;
    let by_request = f.opt_request_id("transactionRequestId")?;
    if by_id.is_none() && by_request.is_none() {
        return Err(Refusal::missing("transactionId or transactionRequestId"));
    }
    let store = app.store();
    let st = &store.sunbay;
    let t = st
        .transaction_named(by_id.as_deref(), by_request.as_deref())
        .ok_or_else(|| Refusal::new(codes::NOT_FOUND, "no such transaction"))?;
    Ok(transaction_data(st, t))
}

pub fn process_query(app: &SharedApp, p: &Map<String, Value>, _plan: &RequestPlan) -> Processed {
    do_query(app, p).into()
}
