//! Endpoint names under the v1 base URL. Query Refund is an assumption
//! (docs/SPEC-DECISIONS.md D15): it is kept here, in one place.

pub const CREATE_ORDER: &str = "create_order";
pub const PAY_FOR_SUBMIT: &str = "payForSubmit";
pub const QUERY_ORDER: &str = "query_order";
pub const REFUND_ORDER: &str = "refund_order";
pub const QUERY_REFUND: &str = "query_refund";
