//! Endpoint names under the V3 base URL (spec §15.1). One doc version spells
//! the add-card path `cc_addCard`; the SDK and the iOS README use
//! `cc_addcard`, which is what is sent.

pub const PURCHASE: &str = "cc_purchase";
pub const ADD_CARD: &str = "cc_addcard";
pub const DIRECT_PURCHASE: &str = "cc_directpurchase";
pub const QUERY_CARD: &str = "cc_querycard";
pub const PURCHASE_WITH_TOKEN: &str = "cc_purchasewithtoken";
pub const PURCHASE_WITH_WALLET: &str = "cc_purchasewithwallet";
pub const VOID: &str = "cc_void";
pub const REFUND: &str = "cc_refund";
pub const QUERY: &str = "cc_query";
