//! The sandbox's memory: orders, refunds, cards, contracts and every
//! notification attempt, with optional JSON persistence (`--state-file`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::error::SandboxError;
use crate::util::{compact_stamp, now_ms};

/// Which API created an order. Order numbers are unique per merchant within
/// v1+Autodebit (same host family) and separately within Credit Card V3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Family {
    V1,
    Autodebit,
    CcV3,
}

impl Family {
    pub fn namespace(self) -> u8 {
        match self {
            Family::V1 | Family::Autodebit => 0,
            Family::CcV3 => 1,
        }
    }
}

/// v1 / autodebit order status (spec §7.2); V3 uses 0, 1, 2, 3, 9 likewise.
pub mod status {
    pub const CREATED: i64 = 0;
    pub const PAYING: i64 = 1;
    pub const PAID: i64 = 2;
    pub const NOTIFIED: i64 = 3;
    pub const CANCELLED_BY_USER: i64 = 9;

    pub fn is_paid(s: i64) -> bool {
        s == PAID || s == NOTIFIED
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct NotifyState {
    pub attempts: u32,
    pub delivered: bool,
    pub gave_up: bool,
    pub dropped: bool,
}

/// Card data kept for a V3 order (masked; no CVV is ever stored).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardData {
    pub card_num: String,
    pub card_type: String,
    pub expiry_date: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    pub pay_order_id: String,
    pub family: Option<Family>,
    /// API call that created it (`create_order`, `payForSubmit`, `cc_purchase`, ...).
    pub endpoint: String,
    pub mch_id: String,
    pub mch_order_no: String,
    /// v1 `channelId`, V3 `channel`.
    pub channel_id: String,
    pub currency: String,
    pub amount: i64,
    pub status: i64,
    pub created_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_succ_time: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_order_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub os_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notify_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param1: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub param2: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub extra: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_no: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qrcode_pay: Option<i64>,
    // Credit Card V3
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pay_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_order_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub card: Option<CardData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capture: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub secure_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mch_user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub invoice_num: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_num: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trans_num: Option<String>,
    /// V3 refunds/voids already taken from this payment.
    #[serde(default)]
    pub refunded: i64,
    // Autodebit
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mch_contract_id: Option<String>,
    #[serde(default)]
    pub notify: NotifyState,
}

/// A v1 refund (D15/D16).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Refund {
    pub refund_order_id: String,
    pub mch_refund_no: String,
    pub pay_order_id: String,
    pub mch_id: String,
    pub refund_amount: i64,
    pub currency: String,
    pub status: i64,
    pub created_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_succ_time: Option<i64>,
    pub client_ip: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device: Option<String>,
    pub login_name: String,
    /// A refund left pending by the `refund_pending_ms` fault becomes final
    /// (`final_status`) on the first read at or after this time (epoch ms).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle_at: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub final_status: Option<i64>,
}

/// v1 refund status (D16).
pub mod refund_status {
    pub const REFUNDING: i64 = 1;
    pub const SUCCESS: i64 = 2;
    pub const FAILED: i64 = 3;
}

/// A tokenised V3 card (`cc_addcard`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    pub mch_id: String,
    pub card_id: String,
    pub channel: String,
    pub card: CardData,
    pub holder: String,
    pub created_at: i64,
}

/// A `cc_addcard` session waiting for the card page.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CardSession {
    pub secure_id: String,
    pub mch_id: String,
    pub card_id: String,
    pub channel: String,
    pub return_url: String,
    pub done: bool,
}

/// An autodebit contract (§13).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub iotpay_contract_id: String,
    pub mch_contract_id: String,
    pub mch_id: String,
    pub channel_id: String,
    pub currency: String,
    pub notify_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub return_url: Option<String>,
    pub payer_name: String,
    /// 1 pending, 2 signed, 9 terminated.
    pub status: i64,
    pub signed_at: i64,
    pub cancelled_at: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contract_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub open_id: Option<String>,
    /// `(time, amount)` of each debit, for the WeChat limits.
    #[serde(default)]
    pub debits: Vec<(i64, i64)>,
}

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
}
