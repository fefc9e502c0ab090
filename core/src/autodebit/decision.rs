//! What a verified contract callback means for the shop's record of the
//! contract (D57). Pure, like `crate::decision`: the caller supplies what
//! it recorded and applies the outcome under its own lock. Terminated is
//! final: nothing arriving later makes a terminated contract usable again.

use super::notification::ContractNotification;
use super::results::ContractStatus;

/// What the shop recorded about its contract.
#[derive(Debug, Clone)]
pub struct ContractExpected {
    pub mch_contract_id: String,
    /// IOTPay's id from the signing answer, when recorded.
    pub iotpay_contract_id: Option<String>,
    /// The merchant the contract was signed with; checked when the callback
    /// names one.
    pub mch_id: Option<String>,
    /// The recorded state; `None` when nothing beyond the request is known.
    pub status: Option<ContractStatus>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContractOutcome {
    /// Signed: record it; the contract may be debited from now on.
    Activate,
    /// Already recorded as signed (a repeated callback, or a late "pending").
    AlreadyActive,
    /// Terminated: record it; never debit this contract again.
    Terminate,
    /// Already recorded as terminated; whatever this callback says, it stays so.
    AlreadyTerminated,
    /// Still waiting for the payer.
    Pending,
    /// A status §13.4 does not list; reject so IOTPay sends it again, flag.
    UnknownStatus,
    /// Not this contract; reject.
    NotOurs,
    /// Merchant or IOTPay contract id differ; reject, change nothing, flag.
    Mismatch,
}

impl ContractOutcome {
    pub fn name(self) -> &'static str {
        match self {
            ContractOutcome::Activate => "activate",
            ContractOutcome::AlreadyActive => "already_active",
            ContractOutcome::Terminate => "terminate",
            ContractOutcome::AlreadyTerminated => "already_terminated",
            ContractOutcome::Pending => "pending",
            ContractOutcome::UnknownStatus => "unknown_status",
            ContractOutcome::NotOurs => "not_ours",
            ContractOutcome::Mismatch => "mismatch",
        }
    }

    /// Whether to answer the callback with `success`.
    pub fn acknowledge(self) -> bool {
        !matches!(
            self,
            ContractOutcome::NotOurs | ContractOutcome::Mismatch | ContractOutcome::UnknownStatus
        )
    }

    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            ContractOutcome::Mismatch | ContractOutcome::UnknownStatus
        )
    }

    /// Whether, once the outcome is applied, the contract may be debited.
    pub fn usable(self) -> bool {
        matches!(
            self,
            ContractOutcome::Activate | ContractOutcome::AlreadyActive
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractDecision {
    pub outcome: ContractOutcome,
    pub reason: &'static str,
    /// Which field differed, for `Mismatch`.
    pub field: Option<&'static str>,
}

fn d(outcome: ContractOutcome, reason: &'static str) -> ContractDecision {
    ContractDecision {
        outcome,
        reason,
        field: None,
    }
}

pub fn decide(e: &ContractExpected, n: &ContractNotification) -> ContractDecision {
    if let (Some(want), Some(got)) = (&e.mch_id, &n.mch_id) {
        if want != got {
            return ContractDecision {
                field: Some("mchId"),
                ..d(ContractOutcome::Mismatch, "merchant id differs")
            };
        }
    }
    if n.mch_contract_id != e.mch_contract_id {
        return d(ContractOutcome::NotOurs, "not this contract");
    }
    if let Some(want) = &e.iotpay_contract_id {
        if *want != n.iotpay_contract_id {
            return ContractDecision {
                field: Some("iotpayContractId"),
                ..d(ContractOutcome::Mismatch, "IOTPay contract id differs")
            };
        }
    }
    if e.status == Some(ContractStatus::Terminated) {
        return d(
            ContractOutcome::AlreadyTerminated,
            "contract already terminated; it stays terminated",
        );
    }
    let signed = e.status == Some(ContractStatus::Signed);
    match n.status {
        ContractStatus::Terminated => d(ContractOutcome::Terminate, "contract terminated"),
        ContractStatus::Signed if signed => {
            d(ContractOutcome::AlreadyActive, "signing already recorded")
        }
        ContractStatus::Signed => d(ContractOutcome::Activate, "contract signed"),
        ContractStatus::Pending if signed => d(
            ContractOutcome::AlreadyActive,
            "a late pending callback; the contract is signed",
        ),
        ContractStatus::Pending => d(ContractOutcome::Pending, "waiting for the payer"),
        ContractStatus::Unknown(_) => d(
            ContractOutcome::UnknownStatus,
            "contract status not in the spec",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(status: i64, mch_contract_id: &str, mch_id: Option<&str>) -> ContractNotification {
        ContractNotification {
            iotpay_contract_id: "CWJ1".into(),
            mch_contract_id: mch_contract_id.into(),
            status: ContractStatus::from_code(status),
            signed_at: None,
            cancelled_at: None,
            contract_id: None,
            open_id: None,
            mch_id: mch_id.map(str::to_string),
            fields: Vec::new(),
        }
    }

    /// Every combination, against the rules written out independently.
    #[test]
    fn exhaustive_table() {
        use ContractOutcome::*;
        let recorded = [
            None,
            Some(ContractStatus::Pending),
            Some(ContractStatus::Signed),
            Some(ContractStatus::Terminated),
        ];
        let mut n = 0;
        for status in [1, 2, 9, 5] {
            for rec in recorded {
                for cid in ["c1", "c2"] {
                    for mid in [None, Some("M1"), Some("M2")] {
                        for iot in [None, Some("CWJ1"), Some("CWJ2")] {
                            let e = ContractExpected {
                                mch_contract_id: "c1".into(),
                                iotpay_contract_id: iot.map(str::to_string),
                                mch_id: Some("M1".into()),
                                status: rec,
                            };
                            let got = decide(&e, &note(status, cid, mid)).outcome;
                            let want = if mid == Some("M2") {
                                Mismatch
                            } else if cid != "c1" {
                                NotOurs
                            } else if iot == Some("CWJ2") {
                                Mismatch
                            } else if rec == Some(ContractStatus::Terminated) {
                                AlreadyTerminated
                            } else {
                                let signed = rec == Some(ContractStatus::Signed);
                                match status {
                                    9 => Terminate,
                                    2 | 1 if signed => AlreadyActive,
                                    2 => Activate,
                                    1 => Pending,
                                    _ => UnknownStatus,
                                }
                            };
                            assert_eq!(got, want, "{status} {rec:?} {cid} {mid:?} {iot:?}");
                            // Terminated is final.
                            if rec == Some(ContractStatus::Terminated) {
                                assert!(!got.usable());
                            }
                            n += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(n, 4 * 4 * 2 * 3 * 3);
    }
}
