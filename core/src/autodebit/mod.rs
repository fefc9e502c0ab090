//! Autodebit (spec §13): WeChat withholding contracts. A payer signs a
//! contract once (`sign_contract`); the merchant then debits it
//! (`debit`, `contract/create_order`) within WeChat's limits (`limits`),
//! asks about a debit (`query_debit_*`, `contract/query_order`) and receives
//! two callbacks: the contract's status (`notification`) and each debit's
//! payment (the §6 notification, `crate::notification`). Signing, the
//! `params=` body, transport and errors are the ones every family shares.

pub mod client;
pub mod decision;
pub mod endpoints;
pub mod limits;
pub mod notification;
pub mod results;
pub mod validate;

pub use decision::{ContractDecision, ContractExpected, ContractOutcome};
pub use limits::{Limits, PastDebit};
pub use notification::ContractNotification;
pub use results::{Contract, ContractStatus, DebitResult};
