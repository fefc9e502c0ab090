//! `IotPay\Client`: one method per endpoint of the v1 General Order API, of
//! the Credit Card API V3 (the `cc*` methods) and of Autodebit (contracts and
//! debits, see `crate::autodebit`), over one core client.

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use crate::autodebit::contract::Contract;
use crate::autodebit::debit_result::DebitResult;
use crate::autodebit::limits::{now_ms, read_history};
use crate::card_info::CardInfo;
use crate::card_order::CardOrder;
use crate::card_session::CardSession;
use crate::config::Config;
use crate::exceptions::guard;
use crate::php_array::params;
use crate::results::{CreateOrderResult, OrderResult, PayForSubmitResult, RefundResult};
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::client;

#[php_class]
#[php(name = "IotPay\\Client")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Client {
    inner: client::Client,
}

#[php_impl]
impl Client {
    pub fn __construct(config: &Config) -> Self {
        Client {
            inner: client::Client::new(config.inner.clone()),
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

    // ---- Credit Card API V3 (spec §15) ---------------------------------

    /// `cc_purchase` (§15.3, §15.5): hosted page (`getRedirectUrl()`) or
    /// embedded form (`getSecureId()`). `mchId` and `loginName` come from
    /// the config; CAD only.
    pub fn cc_purchase(&self, request: &ZendHashTable) -> PhpResult<CardSession> {
        guard(|| Ok(self.inner.cc_purchase(params(request)?)?.into()))
    }

    /// `cc_addcard` (§15.6): tokenise a card under the merchant's `cardId`.
    pub fn cc_add_card(&self, request: &ZendHashTable) -> PhpResult<CardSession> {
        guard(|| Ok(self.inner.cc_add_card(params(request)?)?.into()))
    }

    /// `cc_querycard` (§15.8).
    pub fn cc_query_card(&self, cardId: &str) -> PhpResult<CardInfo> {
        guard(|| Ok(self.inner.cc_query_card(cardId)?.into()))
    }

    /// `cc_purchasewithtoken` (§15.9).
    pub fn cc_purchase_with_token(&self, request: &ZendHashTable) -> PhpResult<CardOrder> {
        guard(|| Ok(self.inner.cc_purchase_with_token(params(request)?)?.into()))
    }

    /// `cc_directpurchase` (§15.7): PCI DSS compliant merchants only. The
    /// card data is copied once into Rust and never shown in any message,
    /// trace or dump.
    pub fn cc_direct_purchase(&self, request: &ZendHashTable) -> PhpResult<CardOrder> {
        guard(|| Ok(self.inner.cc_direct_purchase(params(request)?)?.into()))
    }

    /// `cc_purchasewithwallet` (§15.10): Apple Pay / Google Pay.
    pub fn cc_purchase_with_wallet(&self, request: &ZendHashTable) -> PhpResult<CardOrder> {
        guard(|| Ok(self.inner.cc_purchase_with_wallet(params(request)?)?.into()))
    }

    /// `cc_void` (§15.11).
    pub fn cc_void(&self, request: &ZendHashTable) -> PhpResult<CardOrder> {
        guard(|| Ok(self.inner.cc_void(params(request)?)?.into()))
    }

    /// `cc_refund` (§15.11).
    pub fn cc_refund(&self, request: &ZendHashTable) -> PhpResult<CardOrder> {
        guard(|| Ok(self.inner.cc_refund(params(request)?)?.into()))
    }

    /// `cc_query` (§15.12) by the merchant's number (a payment's
    /// `mchOrderNo` or a refund's / void's `mchRefundNo`).
    pub fn cc_query_by_mch_order_no(&self, mchOrderNo: &str) -> PhpResult<CardOrder> {
        guard(|| Ok(self.inner.cc_query_by_mch_order_no(mchOrderNo)?.into()))
    }

    /// `cc_query` (§15.12) by IOTPay's transaction id.
    pub fn cc_query_by_pay_order_id(&self, payOrderId: &str) -> PhpResult<CardOrder> {
        guard(|| Ok(self.inner.cc_query_by_pay_order_id(payOrderId)?.into()))
    }

    // ---- Autodebit (spec §13) -------------------------------------------

    /// Contract signing (§13.1): `mchContractId`, `channelId` (WX_JSAPI,
    /// WX_APP, WX_MWEB), `currency`, `payerName`, `notifyUrl`, … `mchId` and
    /// `jobNo` come from the config. The answer says where the payer signs.
    pub fn sign_contract(&self, request: &ZendHashTable) -> PhpResult<Contract> {
        guard(|| Ok(self.inner.sign_contract(params(request)?)?.into()))
    }

    /// A debit on a signed contract (§13.2, `contract/create_order`). The
    /// per-debit limit is always checked; with `history` (every earlier
    /// successful debit on this contract, `[['time' => epoch ms, 'amount' =>
    /// minor units], …]`) the day and month limits too. A debit over a limit
    /// throws `ValidationException` naming it (`limit.*`) and sends nothing.
    #[php(optional = history)]
    pub fn debit(
        &self,
        request: &ZendHashTable,
        history: Option<&ZendHashTable>,
    ) -> PhpResult<DebitResult> {
        guard(|| {
            let p = params(request)?;
            let h = history.map(read_history).transpose()?;
            Ok(self.inner.debit(p, h.as_deref(), now_ms())?.into())
        })
    }

    /// `contract/query_order` (§13.3) by the debit's `mchOrderNo`.
    pub fn query_debit_by_mch_order_no(&self, mchOrderNo: &str) -> PhpResult<OrderResult> {
        guard(|| Ok(self.inner.query_debit_by_mch_order_no(mchOrderNo)?.into()))
    }

    /// `contract/query_order` (§13.3) by IOTPay's `payOrderId`.
    pub fn query_debit_by_pay_order_id(&self, payOrderId: &str) -> PhpResult<OrderResult> {
        guard(|| Ok(self.inner.query_debit_by_pay_order_id(payOrderId)?.into()))
    }
}
