//! `IotPay\Autodebit\ContractDecision`: what a verified contract callback
//! means for the shop's record of the contract (core::autodebit::decision).

use super::contract_notification::ContractNotification;
use crate::exceptions::guard;
use crate::php_array::{only_keys, opt_int, opt_str};
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::autodebit::decision::{self, ContractExpected};
use iotpay_core::autodebit::ContractStatus;
use iotpay_core::Error;

#[php_class]
#[php(name = "IotPay\\Autodebit\\ContractDecision")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct ContractDecision {
    inner: decision::ContractDecision,
}

const EXPECTED_KEYS: &[&str] = &["mchContractId", "iotpayContractId", "mchId", "status"];

fn read_expected(e: &ZendHashTable) -> Result<ContractExpected, Error> {
    only_keys(e, EXPECTED_KEYS)?;
    let status = match opt_int(e, "status")? {
        None => None,
        Some(c @ (1 | 2 | 9)) => Some(ContractStatus::from_code(c)),
        Some(_) => {
            return Err(Error::validation(
                "status",
                "must be a ContractStatus code (1, 2 or 9) or null",
            ))
        }
    };
    Ok(ContractExpected {
        mch_contract_id: opt_str(e, "mchContractId")?
            .ok_or_else(|| Error::validation("mchContractId", "is required"))?,
        iotpay_contract_id: opt_str(e, "iotpayContractId")?,
        mch_id: opt_str(e, "mchId")?,
        status,
    })
}

#[php_impl]
impl ContractDecision {
    const ACTIVATE: &'static str = "activate";
    const ALREADY_ACTIVE: &'static str = "already_active";
    const TERMINATE: &'static str = "terminate";
    const ALREADY_TERMINATED: &'static str = "already_terminated";
    const PENDING: &'static str = "pending";
    const UNKNOWN_STATUS: &'static str = "unknown_status";
    const NOT_OURS: &'static str = "not_ours";
    const MISMATCH: &'static str = "mismatch";

    /// `expected`: mchContractId, and what you recorded: iotpayContractId
    /// (from the signing answer), mchId, status (a ContractStatus code, or
    /// null before any callback). A recorded 9 is final.
    pub fn decide(
        expected: &ZendHashTable,
        notification: &ContractNotification,
    ) -> PhpResult<Self> {
        guard(|| {
            Ok(ContractDecision {
                inner: decision::decide(&read_expected(expected)?, &notification.inner),
            })
        })
    }

    pub fn get_outcome(&self) -> &'static str {
        self.inner.outcome.name()
    }
    pub fn get_reason(&self) -> &'static str {
        self.inner.reason
    }
    /// For a mismatch: `mchId` or `iotpayContractId`.
    pub fn get_field(&self) -> Option<&'static str> {
        self.inner.field
    }
    /// Whether, once applied, the contract may be debited.
    pub fn is_usable(&self) -> bool {
        self.inner.outcome.usable()
    }
    /// Whether to record the contract as terminated (never debit it again).
    pub fn should_terminate(&self) -> bool {
        self.inner.outcome == decision::ContractOutcome::Terminate
    }
    /// Whether to answer the callback with `ContractNotification::ACK`.
    pub fn should_acknowledge(&self) -> bool {
        self.inner.outcome.acknowledge()
    }
    pub fn needs_attention(&self) -> bool {
        self.inner.outcome.needs_attention()
    }
}
