//! How IOTPay's query endpoints find the record a request names: by the
//! gateway's id or by the merchant's own number. Shared by v1 (and
//! Autodebit) `query_order`, `query_refund` and V3 `cc_query`, which differ
//! only in which of the two they insist on and how they answer.

use crate::app::SharedApp;
use crate::config::Merchant;
use crate::iotpay::validate::Fields;
use crate::iotpay::wire::Reply;
use crate::store::iotpay::{Family, Order};

/// The longest id or number a query may name.
const MAX_LEN: usize = 30;

/// The gateway's id or the merchant's number a query names.
pub struct IdOrNo {
    id: Option<String>,
    no: Option<String>,
}

impl IdOrNo {
    /// v1 queries: exactly one of `id_field` / `no_field` (§7 / D15).
    pub fn exactly_one(f: &Fields<'_>, id_field: &str, no_field: &str) -> Result<Self, Reply> {
        let named = Self::read(f, id_field, no_field)?;
        if named.id.is_some() == named.no.is_some() {
            return Err(Reply::param(format!(
                "send exactly one of {id_field} / {no_field}"
            )));
        }
        Ok(named)
    }

    /// V3 queries: at least one of `id_field` / `no_field`; with both, the
    /// id decides.
    pub fn at_least_one(f: &Fields<'_>, id_field: &str, no_field: &str) -> Result<Self, Reply> {
        let named = Self::read(f, id_field, no_field)?;
        if named.id.is_none() && named.no.is_none() {
            return Err(Reply::param(format!("send one of {id_field} / {no_field}")));
        }
        Ok(named)
    }

    fn read(f: &Fields<'_>, id_field: &str, no_field: &str) -> Result<Self, Reply> {
        let id = f.opt(id_field, MAX_LEN)?;
        let no = f.opt(no_field, MAX_LEN)?;
        Ok(IdOrNo { id, no })
    }

    /// Whether a record with this gateway `id` and merchant `no` is the one
    /// named (by its id when the query sent one).
    pub fn matches(&self, id: &str, no: &str) -> bool {
        match (&self.id, &self.no) {
            (Some(want), _) => id == want,
            (None, Some(want)) => no == want,
            (None, None) => false,
        }
    }
}

/// The merchant's payment of one of `families` that `named` names; `0112`
/// when there is none.
pub fn find_order(
    app: &SharedApp,
    m: &Merchant,
    families: &[Family],
    named: &IdOrNo,
) -> Result<Order, Reply> {
    let store = app.store();
    store
        .orders
        .values()
        .find(|o| {
            o.mch_id == m.mch_id
                && o.family.is_some_and(|fam| families.contains(&fam))
                && named.matches(&o.pay_order_id, &o.mch_order_no)
        })
        .cloned()
        .ok_or_else(|| Reply::biz("0112", "merchant order id not exist"))
}
