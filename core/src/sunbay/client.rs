//! The SUNBAY client: one method per endpoint, over the one transport
//! (kept-alive, on the calling thread, TLS always verified). Headers per
//! §3.1: `Authorization: Bearer`, a 13-digit `X-Timestamp`, and an
//! `X-Client-Request-Id` derived from the operation for a POST (the same on
//! every re-send, D41) or random for a GET.

use super::config::Config;
use super::ids;
use super::request::{self, Built};
use super::response::{self, Reply};
use super::results::{ExpiredSession, Session, Transaction};
use super::validate;
use crate::error::{Error, Result};
use crate::transport::{self, ClientKey, Method, Request};
use serde_json::{Map, Value as Json};

pub const CREATE_SESSION: &str = "/v1/checkout/create-session";
pub const EXPIRE_SESSION: &str = "/v1/checkout/expire-session";
pub const SALE: &str = "/v1/checkout/sale";
pub const REFUND: &str = "/v1/checkout/refund";
pub const QUERY: &str = "/v1/transaction/query";

pub struct Client {
    config: Config,
}

impl Client {
    pub fn new(config: Config) -> Self {
        Client { config }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// Sends one request with SUNBAY's headers and reads the envelope.
    fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: &[u8],
        request_id: &str,
    ) -> Result<Reply> {
        let mut url = self.config.url(path.trim_start_matches('/'))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let bearer = format!("Bearer {}", self.config.api_key.expose());
        let timestamp = (ids::now_ms() + self.config.clock_offset_ms).to_string();
        let headers = [
            ("authorization", bearer.as_str()),
            ("x-timestamp", timestamp.as_str()),
            ("x-client-request-id", request_id),
        ];
        let key = ClientKey {
            ca_file: self.config.ca_file.clone(),
            connect_timeout: self.config.connect_timeout,
        };
        let answer = transport::request(
            &Request {
                method,
                url: &url,
                headers: &headers,
                content_type: (method == Method::Post).then_some("application/json"),
                body,
            },
            &key,
            self.config.timeout,
        )?;
        response::read(answer.status, &answer.body)
    }

    /// POSTs a built body with the id derived from its business key.
    fn post(&self, path: &str, built: &Built) -> Result<(Reply, String)> {
        let body = serde_json::to_vec(&Json::Object(built.body.clone()))
            .map_err(|e| Error::Internal(format!("cannot encode request: {e}")))?;
        let id = ids::derived(path, &built.key);
        let reply = self.call(Method::Post, path, &[], &body, &id)?;
        Ok((reply, id))
    }

    /// The answer's `transactionRequestId`, when stated, must be ours.
    fn check_request_id(t: &Transaction, sent: &str) -> Result<()> {
        match &t.transaction_request_id {
            Some(r) if r != sent => Err(Error::Protocol(
                "SUNBAY answered about another transactionRequestId".into(),
            )),
            _ => Ok(()),
        }
    }

    /// `POST /v1/checkout/create-session`: a hosted-page session.
    pub fn create_session(&self, input: &Map<String, Json>) -> Result<Session> {
        let built = request::create_session(&self.config, input)?;
        let (reply, id) = self.post(CREATE_SESSION, &built)?;
        Session::from_reply(reply, &built.key, id)
    }

    /// `POST /v1/checkout/expire-session`.
    pub fn expire_session(&self, session_id: &str, reason: Option<&str>) -> Result<ExpiredSession> {
        let built = request::expire_session(&self.config, session_id, reason)?;
        let (reply, _) = self.post(EXPIRE_SESSION, &built)?;
        ExpiredSession::from_reply(reply, session_id)
    }

    /// `POST /v1/checkout/sale`: a wallet payment.
    pub fn sale(&self, input: &Map<String, Json>) -> Result<Transaction> {
        self.transaction_post(SALE, request::sale(&self.config, input)?)
    }

    /// `POST /v1/checkout/refund`.
    pub fn refund(&self, input: &Map<String, Json>) -> Result<Transaction> {
        self.transaction_post(REFUND, request::refund(&self.config, input)?)
    }

    fn transaction_post(&self, path: &str, built: Built) -> Result<Transaction> {
        let (reply, _) = self.post(path, &built)?;
        let sent = match (&built.amount, &built.currency) {
            (Some(a), Some(c)) => Some((*a, c.as_str())),
            _ => None,
        };
        let t = Transaction::from_reply(reply, sent)?;
        Self::check_request_id(&t, &built.key)?;
        Ok(t)
    }

    /// `GET /v1/transaction/query?transactionId=…`.
    pub fn query_by_transaction_id(&self, transaction_id: &str) -> Result<Transaction> {
        validate::provider_id("transactionId", transaction_id)?;
        let t = self.query("transactionId", transaction_id)?;
        if t.transaction_id != transaction_id {
            return Err(Error::Protocol(
                "SUNBAY answered about another transactionId".into(),
            ));
        }
        Ok(t)
    }

    /// `GET /v1/transaction/query?transactionRequestId=…`.
    pub fn query_by_transaction_request_id(&self, request_id: &str) -> Result<Transaction> {
        validate::transaction_request_id("transactionRequestId", request_id)?;
        let t = self.query("transactionRequestId", request_id)?;
        Self::check_request_id(&t, request_id)?;
        Ok(t)
    }

    fn query(&self, field: &str, value: &str) -> Result<Transaction> {
        let c = &self.config;
        let query = [
            ("appId", c.app_id.as_str()),
            ("merchantId", c.merchant_id.as_str()),
            (field, value),
        ];
        let reply = self.call(Method::Get, QUERY, &query, &[], &ids::random()?)?;
        Transaction::from_reply(reply, None)
    }
}
