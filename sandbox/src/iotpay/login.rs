//! The merchant login check shared by v1, Credit Card V3 and Autodebit.

use crate::config::Merchant;
use crate::iotpay::wire::Reply;

/// `jobNo` / `loginName` must be the merchant's login name (D12).
pub fn check_login(field: &str, value: &str, m: &Merchant) -> Result<(), Reply> {
    if value == m.login_name {
        Ok(())
    } else {
        Err(Reply::param(format!(
            "{field} {value:?} is not a login name of merchant {}",
            m.mch_id
        )))
    }
}
