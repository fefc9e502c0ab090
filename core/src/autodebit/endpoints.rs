//! Endpoint names under the Autodebit base URL
//! (`https://apiv3.iotpaycloud.com/contract/`). Contract signing is posted
//! to the base itself (§13.1).

pub const SIGN_CONTRACT: &str = "";
pub const CREATE_ORDER: &str = "create_order";
pub const QUERY_ORDER: &str = "query_order";
