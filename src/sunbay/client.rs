//! `IotPay\Sunbay\Client`: one method per SUNBAY endpoint (core::sunbay::Client).

// Rust parameter names are the PHP parameter names (named arguments), which
// are camelCase; ext-php-rs has no renaming for them.
#![allow(non_snake_case)]

use super::config::Config;
use super::expired_session::ExpiredSession;
use super::guard;
use super::session::Session;
use super::transaction::Transaction;
use crate::php_array::to_json_object;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::sunbay;

#[php_class]
#[php(name = "IotPay\\Sunbay\\Client")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Client {
    inner: sunbay::Client,
}

#[php_impl]
impl Client {
    pub fn __construct(config: &Config) -> Self {
        Client {
            inner: sunbay::Client::new(config.inner.clone()),
        }
    }

    /// `POST /v1/checkout/create-session`: transactionRequestId,
    /// referenceOrderId, amount (int minor units), currency, description,
    /// notifyUrl?, merchantReturnUrl?, taxAmount?, surchargeAmount?,
    /// productList?, collectBillingAddress?, collectShippingAddress?.
    pub fn create_session(&self, request: &ZendHashTable) -> PhpResult<Session> {
        guard(|| Ok(self.inner.create_session(&to_json_object(request)?)?.into()))
    }

    /// `POST /v1/checkout/expire-session`.
    #[php(optional = reason)]
    pub fn expire_session(
        &self,
        sessionId: &str,
        reason: Option<String>,
    ) -> PhpResult<ExpiredSession> {
        guard(|| {
            Ok(self
                .inner
                .expire_session(sessionId, reason.as_deref())?
                .into())
        })
    }

    /// `POST /v1/checkout/sale`: a Google Pay / Apple Pay payment;
    /// `cardEncryptedData` is passed through untouched.
    pub fn sale(&self, request: &ZendHashTable) -> PhpResult<Transaction> {
        guard(|| Ok(self.inner.sale(&to_json_object(request)?)?.into()))
    }

    /// `POST /v1/checkout/refund`: transactionRequestId (one per refund,
    /// reused on every re-send), originalTransactionId or
    /// originalTransactionRequestId, amount, currency, description?, notifyUrl?.
    pub fn refund(&self, request: &ZendHashTable) -> PhpResult<Transaction> {
        guard(|| Ok(self.inner.refund(&to_json_object(request)?)?.into()))
    }

    /// `GET /v1/transaction/query` by SUNBAY's transaction id.
    pub fn query_by_transaction_id(&self, transactionId: &str) -> PhpResult<Transaction> {
        guard(|| Ok(self.inner.query_by_transaction_id(transactionId)?.into()))
    }

    /// `GET /v1/transaction/query` by our request id (the attempt's or refund's number).
    pub fn query_by_transaction_request_id(
        &self,
        transactionRequestId: &str,
    ) -> PhpResult<Transaction> {
        guard(|| {
            Ok(self
                .inner
                .query_by_transaction_request_id(transactionRequestId)?
                .into())
        })
    }
}
