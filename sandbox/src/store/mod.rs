//! The sandbox's memory, shared by every provider: the records of each
//! provider (`iotpay`, `sunbay`), every notification attempt, and optional JSON
//! persistence (`--state-file`).

pub mod iotpay;
pub mod sunbay;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;
use crate::util::{compact_stamp, now_ms};

use self::iotpay::{refund_status, Card, CardSession, Contract, Family, Order, Refund};
use self::sunbay::SunbayState;

/// One notification attempt (or a dropped notification).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotificationAttempt {
    pub seq: u64,
    /// `payOrderId`, or the IOTPay contract id for contract callbacks.
    pub pay_order_id: String,
    /// `v1` (form), `v3` (JSON order object), `contract` (JSON callback).
    pub kind: String,
    pub url: String,
    pub attempt: u32,
    /// 1 for the notification itself, 2.. for duplicate copies.
    pub copy: u32,
    pub time: i64,
    pub duration_ms: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_code: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// `success`, `retry`, `gave_up`, `dropped`, `copy`.
    pub outcome: String,
    pub content_type: String,
    pub request_body: String,
    /// Headers the provider added to this attempt (SUNBAY's `X-Timestamp`,
    /// `X-Signature`, `X-Client-Request-Id`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub request_headers: BTreeMap<String, String>,
}

/// Where a record's notifications stand (IOTPay's `notify`, SUNBAY's
/// `webhook`): one shape for both, kept by `notifier::Progress::record`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Delivery {
    pub attempts: u32,
    pub delivered: bool,
    pub gave_up: bool,
    pub dropped: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Store {
    #[serde(default)]
    pub counter: u64,
    #[serde(default)]
    pub orders: BTreeMap<String, Order>,
    #[serde(default)]
    pub refunds: BTreeMap<String, Refund>,
    #[serde(default)]
    pub cards: Vec<Card>,
    #[serde(default)]
    pub card_sessions: BTreeMap<String, CardSession>,
    #[serde(default)]
    pub contracts: BTreeMap<String, Contract>,
    #[serde(default)]
    pub notifications: Vec<NotificationAttempt>,
    #[serde(default)]
    pub sunbay: SunbayState,
    #[serde(skip)]
    pub version: u64,
    /// (namespace, mchId, mchOrderNo) → payOrderId of the payment, for
    /// orders added with `insert_order`; trusted only while `indexed` equals
    /// `orders.len()` (otherwise `find_order` scans, as it always did).
    #[serde(skip)]
    order_index: HashMap<(u8, String, String), String>,
    #[serde(skip)]
    indexed: usize,
}

impl Store {
    /// A fresh id: prefix + UTC stamp + counter + random digits (<= 30 chars).
    pub fn next_id(&mut self, prefix: &str, random: &str) -> String {
        self.counter += 1;
        format!(
            "{prefix}{}{:06}{random}",
            compact_stamp(now_ms()),
            self.counter % 1_000_000
        )
    }

    pub fn touch(&mut self) {
        self.version += 1;
    }
    /// Makes every record whose time has come final (IOTPay's pending
    /// refunds). Evaluated lazily on every store access, so no timer has to
    /// survive a restart.
    pub fn settle_due(&mut self, now: i64) {
        self.settle_due_refunds(now);
    }

    pub fn next_notification_seq(&self) -> u64 {
        self.notifications.last().map_or(1, |n| n.seq + 1)
    }

    pub fn clear(&mut self) {
        let counter = self.counter;
        *self = Store {
            counter,
            version: self.version + 1,
            ..Store::default()
        };
    }
}

/// IOTPay look-ups.
impl Store {
    pub fn find_order(&self, ns: u8, mch_id: &str, mch_order_no: &str) -> Option<&Order> {
        let matches = |o: &&Order| {
            o.mch_id == mch_id
                && o.mch_order_no == mch_order_no
                && o.family.map(Family::namespace) == Some(ns)
                && o.pay_type.as_deref() != Some("refund")
        };
        if self.indexed == self.orders.len() {
            let key = (ns, mch_id.to_owned(), mch_order_no.to_owned());
            match self
                .order_index
                .get(&key)
                .and_then(|id| self.orders.get(id))
            {
                Some(o) if matches(&o) => return Some(o),
                None => return None,
                Some(_) => {}
            }
        }
        self.orders.values().find(matches)
    }

    /// Adds an order under its payOrderId and indexes payments by number,
    /// so that `find_order` does not scan every order (a long benchmark
    /// creates tens of thousands).
    pub fn insert_order(&mut self, o: Order) {
        let in_sync = self.indexed == self.orders.len();
        if let (Some(f), false) = (o.family, o.pay_type.as_deref() == Some("refund")) {
            self.order_index
                .entry((f.namespace(), o.mch_id.clone(), o.mch_order_no.clone()))
                .or_insert_with(|| o.pay_order_id.clone());
        }
        self.orders.insert(o.pay_order_id.clone(), o);
        if in_sync {
            self.indexed = self.orders.len();
        }
    }

    /// Rebuilds the index (after loading a state file).
    pub fn reindex(&mut self) {
        self.order_index.clear();
        for o in self.orders.values() {
            if let (Some(f), false) = (o.family, o.pay_type.as_deref() == Some("refund")) {
                self.order_index
                    .entry((f.namespace(), o.mch_id.clone(), o.mch_order_no.clone()))
                    .or_insert_with(|| o.pay_order_id.clone());
            }
        }
        self.indexed = self.orders.len();
    }

    pub fn find_refund(&self, mch_id: &str, mch_refund_no: &str) -> Option<&Refund> {
        self.refunds
            .values()
            .find(|r| r.mch_id == mch_id && r.mch_refund_no == mch_refund_no)
    }

    /// Money refunded (status 2) from a v1 payment.
    pub fn refunded_total(&self, pay_order_id: &str) -> i64 {
        self.refunds
            .values()
            .filter(|r| r.pay_order_id == pay_order_id && r.status == refund_status::SUCCESS)
            .map(|r| r.refund_amount)
            .sum()
    }

    /// Money no longer refundable: refunds done or still in progress. A
    /// failed refund (status 3) gives its amount back.
    pub fn refund_reserved_total(&self, pay_order_id: &str) -> i64 {
        self.refunds
            .values()
            .filter(|r| r.pay_order_id == pay_order_id && r.status != refund_status::FAILED)
            .map(|r| r.refund_amount)
            .sum()
    }

    /// Makes pending refunds whose time has come final. Evaluated lazily on
    /// every store access, so no timer has to survive a restart.
    pub fn settle_due_refunds(&mut self, now: i64) {
        for r in self.refunds.values_mut() {
            let Some(at) = r.settle_at.filter(|at| *at <= now) else {
                continue;
            };
            r.status = r.final_status.take().unwrap_or(refund_status::SUCCESS);
            if r.status == refund_status::SUCCESS {
                r.refund_succ_time = Some(at);
            }
            r.settle_at = None;
        }
    }
}

/// Writes snapshots of the store to `--state-file` (write + rename, newest wins).
#[derive(Debug)]
pub struct Persister {
    path: PathBuf,
    last_written: Mutex<u64>,
}

impl Persister {
    pub fn new(path: PathBuf) -> Self {
        Persister {
            path,
            last_written: Mutex::new(0),
        }
    }

    pub fn load(&self) -> Result<Store, SandboxError> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => serde_json::from_str::<Store>(&text)
                .map(|mut s| {
                    s.reindex();
                    s
                })
                .map_err(|e| SandboxError::State {
                    path: self.path.display().to_string(),
                    reason: e.to_string(),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Store::default()),
            Err(e) => Err(SandboxError::io(&self.path, e)),
        }
    }

    /// Writes `json` if `version` is newer than what is on disk.
    pub fn write(&self, version: u64, json: &[u8]) -> Result<(), SandboxError> {
        let mut last = self.last_written.lock().unwrap_or_else(|e| e.into_inner());
        if version <= *last {
            return Ok(());
        }
        let tmp = tmp_path(&self.path);
        std::fs::write(&tmp, json).map_err(|e| SandboxError::io(&tmp, e))?;
        std::fs::rename(&tmp, &self.path).map_err(|e| SandboxError::io(&self.path, e))?;
        *last = version;
        Ok(())
    }
}

/// `PATH.tmp-PID` beside `path`, for atomic replace.
pub fn tmp_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(format!(".tmp-{}", std::process::id()));
    path.with_file_name(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(id: &str, family: Family, no: &str, pay_type: Option<&str>) -> Order {
        Order {
            pay_order_id: id.into(),
            family: Some(family),
            mch_id: "m".into(),
            mch_order_no: no.into(),
            pay_type: pay_type.map(Into::into),
            ..Order::default()
        }
    }

    #[test]
    fn find_order_by_index_and_by_scan() {
        let mut s = Store::default();
        s.insert_order(order("P1", Family::V1, "A", None));
        s.insert_order(order("C1", Family::CcV3, "A", None));
        s.insert_order(order("R1", Family::CcV3, "B", Some("refund")));
        assert_eq!(
            s.find_order(0, "m", "A").map(|o| o.pay_order_id.as_str()),
            Some("P1")
        );
        assert_eq!(
            s.find_order(1, "m", "A").map(|o| o.pay_order_id.as_str()),
            Some("C1")
        );
        assert!(
            s.find_order(1, "m", "B").is_none(),
            "a refund record is not a payment"
        );
        assert!(s.find_order(0, "x", "A").is_none());
        // An order added behind the index's back is still found (by scan).
        s.orders
            .insert("P2".into(), order("P2", Family::V1, "Z", None));
        assert_eq!(
            s.find_order(0, "m", "Z").map(|o| o.pay_order_id.as_str()),
            Some("P2")
        );
        s.reindex();
        assert_eq!(
            s.find_order(0, "m", "Z").map(|o| o.pay_order_id.as_str()),
            Some("P2")
        );
        s.clear();
        assert!(s.find_order(0, "m", "A").is_none());
    }
    #[test]
    fn sunbay_state_survives_a_state_file_round_trip() {
        use super::sunbay::{Amounts, RequestUse, Session};
        let mut s = Store::default();
        s.sunbay.sessions.insert(
            "CS1".into(),
            Session {
                session_id: "CS1".into(),
                transaction_request_id: "r1".into(),
                reference_order_id: "ORDER_1".into(),
                description: "d".into(),
                amount: Amounts {
                    order_amount: 5,
                    currency: "JPY".into(),
                    ..Amounts::default()
                },
                product_list: None,
                notify_url: None,
                merchant_return_url: None,
                collect_billing_address: false,
                collect_shipping_address: false,
                created_at: 1,
                expires_at: 2,
                expired_at: None,
                expire_reason: None,
                transaction_id: None,
            },
        );
        s.sunbay
            .request_ids
            .insert("r1".into(), RequestUse::Session("CS1".into()));
        s.sunbay.client_request_ids.insert("id".into(), 7);
        let json = serde_json::to_string(&s).unwrap();
        let back: Store = serde_json::from_str(&json).unwrap();
        assert_eq!(back.sunbay.sessions["CS1"].amount.currency, "JPY");
        assert_eq!(
            back.sunbay.request_ids["r1"],
            RequestUse::Session("CS1".into())
        );
        assert_eq!(back.sunbay.client_request_ids["id"], 7);
        // A state file written before SUNBAY existed still loads.
        let old: Store = serde_json::from_str(r#"{"counter":3,"orders":{}}"#).unwrap();
        assert!(old.sunbay.sessions.is_empty());
    }
}
