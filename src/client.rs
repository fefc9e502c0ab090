//! `IotPay\Client`: one method per v1 endpoint.

use crate::config::Config;
use crate::exceptions::guard;
use crate::php_array::params;
use crate::results::{CreateOrderResult, OrderResult, PayForSubmitResult, RefundResult};
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::transport;
use iotpay_core::v1;

#[php_class]
#[php(name = "IotPay\\Client")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Client {
    inner: v1::Client,
}

#[php_impl]
impl Client {
    pub fn __construct(config: &Config) -> Self {
        Client {
            inner: v1::Client::new(config.inner.clone()),
        }
    }

    /// `create_order` (spec §4). `mchId` and `jobNo` come from the config;
    /// `amount` is an integer in minor units; `extra` may be an array.
    pub fn create_order(&self, request: &ZendHashTable) -> PhpResult<CreateOrderResult> {
        guard(|| Ok(self.inner.create_order(params(request)?)?.into()))
    }

    /// `payForSubmit` (spec §5): WeChat in-app browser.
    pub fn pay_for_submit(&self, request: &ZendHashTable) -> PhpResult<PayForSubmitResult> {
        guard(|| Ok(self.inner.pay_for_submit(params(request)?)?.into()))
    }

    pub fn query_order_by_mch_order_no(&self, mch_order_no: &str) -> PhpResult<OrderResult> {
        guard(|| Ok(self.inner.query_order_by_mch_order_no(mch_order_no)?.into()))
    }

    pub fn query_order_by_pay_order_id(&self, pay_order_id: &str) -> PhpResult<OrderResult> {
        guard(|| Ok(self.inner.query_order_by_pay_order_id(pay_order_id)?.into()))
    }

    /// `refund_order` (spec §9). Keep `mchRefundNo` stable per refund: a retry
    /// with the same number is answered with the first result.
    pub fn refund_order(&self, request: &ZendHashTable) -> PhpResult<RefundResult> {
        guard(|| Ok(self.inner.refund_order(params(request)?)?.into()))
    }

    /// Query Refund (SPEC-DECISIONS D15).
    pub fn query_refund_by_mch_refund_no(&self, mch_refund_no: &str) -> PhpResult<RefundResult> {
        guard(|| {
            Ok(self
                .inner
                .query_refund_by_mch_refund_no(mch_refund_no)?
                .into())
        })
    }

    pub fn query_refund_by_refund_order_id(
        &self,
        refund_order_id: &str,
    ) -> PhpResult<RefundResult> {
        guard(|| {
            Ok(self
                .inner
                .query_refund_by_refund_order_id(refund_order_id)?
                .into())
        })
    }

    /// Per-process transport counters: pid, whether the runtime exists in this
    /// process, runtimes and clients built, requests sent.
    pub fn transport_stats() -> ZBox<ZendHashTable> {
        let (rt, cl, rq) = transport::stats();
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("pid", i64::from(std::process::id()));
        let _ = ht.insert("initialised", transport::is_initialised());
        let _ = ht.insert("runtimesBuilt", i64::try_from(rt).unwrap_or(i64::MAX));
        let _ = ht.insert("clientsBuilt", i64::try_from(cl).unwrap_or(i64::MAX));
        let _ = ht.insert("requests", i64::try_from(rq).unwrap_or(i64::MAX));
        ht
    }
}
