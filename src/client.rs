//! `IotPay\Client`: one method per v1 endpoint.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::config::Config;
use crate::exceptions::guard;
use crate::php_array::params;
use crate::results::{CreateOrderResult, OrderResult, PayForSubmitResult, RefundResult};
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
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

    pub fn query_order_by_mch_order_no(&self, mchOrderNo: &str) -> PhpResult<OrderResult> {
        guard(|| Ok(self.inner.query_order_by_mch_order_no(mchOrderNo)?.into()))
    }

    pub fn query_order_by_pay_order_id(&self, payOrderId: &str) -> PhpResult<OrderResult> {
        guard(|| Ok(self.inner.query_order_by_pay_order_id(payOrderId)?.into()))
    }

    /// `refund_order` (spec §9). Keep `mchRefundNo` stable per refund: a retry
    /// with the same number is answered with the first result.
    pub fn refund_order(&self, request: &ZendHashTable) -> PhpResult<RefundResult> {
        guard(|| Ok(self.inner.refund_order(params(request)?)?.into()))
    }

    /// Query Refund (SPEC-DECISIONS D15).
    pub fn query_refund_by_mch_refund_no(&self, mchRefundNo: &str) -> PhpResult<RefundResult> {
        guard(|| {
            Ok(self
                .inner
                .query_refund_by_mch_refund_no(mchRefundNo)?
                .into())
        })
    }

    pub fn query_refund_by_refund_order_id(&self, refundOrderId: &str) -> PhpResult<RefundResult> {
        guard(|| {
            Ok(self
                .inner
                .query_refund_by_refund_order_id(refundOrderId)?
                .into())
        })
    }
}
