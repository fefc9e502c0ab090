//! One error type for the whole core. Each variant maps to one PHP exception
//! class in the binding layer. Messages never contain the merchant key.

use crate::catalogue::{self, Classification, Provider};

#[derive(Debug, thiserror::Error, Clone, PartialEq, Eq)]
pub enum Error {
    /// Input refused before anything was sent.
    #[error("invalid {field}: {reason}")]
    Validation { field: String, reason: String },

    /// A signature on a response or notification did not verify.
    #[error("signature mismatch: {0}")]
    Signature(String),

    /// The request may or may not have reached the provider.
    /// `connect` is true only when nothing can have been sent; `http_status` is
    /// the status of an answer that was not a protocol answer (5xx), else 0.
    #[error("transport error: {message}")]
    Transport {
        message: String,
        timeout: bool,
        connect: bool,
        http_status: u16,
    },

    /// The provider answered with something that is not the documented protocol.
    #[error("malformed response: {0}")]
    Protocol(String),

    /// An HTTP status that is neither a protocol answer (2xx) nor a server
    /// failure (5xx, a `Transport` error), e.g. 404 from a path the gateway
    /// does not serve (D8). Reported like `Protocol`, with the status.
    #[error("malformed response: unexpected HTTP status {0}")]
    HttpStatus(u16),

    /// The provider refused the request.
    #[error("{} error {code}: {message}", provider.name())]
    Gateway {
        provider: Provider,
        code: String,
        message: String,
        classification: Classification,
        http_status: u16,
    },

    /// Configuration that cannot work (bad URL, unreadable CA file, ...).
    #[error("configuration error: {0}")]
    Config(String),

    /// A bug: a panic caught at the PHP boundary.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn validation(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Validation {
            field: field.into(),
            reason: reason.into(),
        }
    }

    /// Builds a gateway error from IOTPay's code and text, using the catalogue.
    pub fn gateway(code: &str, text: &str, http_status: u16) -> Self {
        Self::provider_gateway(
            Provider::IotPay,
            catalogue::iotpay(code).copied(),
            code,
            text,
            http_status,
        )
    }

    /// Builds a gateway error from a SUNBAY Nexus code (S/C/M/P/E, §11) and
    /// its `msg`, using the catalogue; an unknown code is "query first".
    pub fn sunbay_gateway(code: &str, text: &str, http_status: u16) -> Self {
        Self::provider_gateway(
            Provider::Sunbay,
            catalogue::sunbay(code),
            code,
            text,
            http_status,
        )
    }

    /// A provider's refusal, read the same way for every provider: the
    /// catalogue's classification of its code (an unknown code is "query
    /// first"), the provider's own text, or the catalogue's when it sent none.
    fn provider_gateway(
        provider: Provider,
        info: Option<catalogue::CodeInfo>,
        code: &str,
        text: &str,
        http_status: u16,
    ) -> Self {
        let classification = info
            .map(|i| i.classification)
            .unwrap_or_else(catalogue::classify_unknown);
        let message = match (text.is_empty(), info) {
            (false, _) => text.to_string(),
            (true, Some(i)) => i.message.to_string(),
            (true, None) => "unknown error".to_string(),
        };
        Error::Gateway {
            provider,
            code: code.to_string(),
            message,
            classification,
            http_status,
        }
    }

    /// Whether sending the same request again is safe and may succeed.
    pub fn is_retryable(&self) -> bool {
        match self {
            // Nothing was sent when the connection could not be made.
            Error::Transport { connect, .. } => *connect,
            Error::Gateway { classification, .. } => *classification == Classification::Retryable,
            _ => false,
        }
    }

    /// Whether the outcome is unknown and the caller must query before retrying.
    pub fn should_query_first(&self) -> bool {
        match self {
            // A connect failure means nothing was sent; anything later is unknown.
            Error::Transport { connect, .. } => !connect,
            Error::Gateway { classification, .. } => *classification == Classification::QueryFirst,
            Error::Protocol(_) | Error::HttpStatus(_) | Error::Signature(_) => true,
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gateway_uses_catalogue_message_when_empty() {
        let e = Error::gateway("0015", "", 200);
        assert_eq!(e.to_string(), "IOTPay error 0015: merchant not exist");
        assert!(!e.should_query_first());
        let e = Error::gateway("0110", "third party timeout", 200);
        assert!(e.should_query_first());
        let e = Error::gateway("WHATEVER", "", 200);
        assert!(e.should_query_first());
    }

    #[test]
    fn sunbay_gateway_classification() {
        let e = Error::sunbay_gateway("S11", "", 200);
        assert_eq!(e.to_string(), "SUNBAY error S11: duplicate request");
        assert!(e.should_query_first());
        assert!(Error::sunbay_gateway("E02", "x", 200).should_query_first());
        assert!(Error::sunbay_gateway("Z99", "", 200).should_query_first());
        let c = Error::sunbay_gateway("C09", "refund exceeds", 200);
        assert!(!c.should_query_first() && !c.is_retryable());
        assert!(Error::sunbay_gateway("S04", "", 200).is_retryable());
    }

    #[test]
    fn transport_connect_failure_is_not_ambiguous() {
        let e = Error::Transport {
            message: "refused".into(),
            timeout: false,
            connect: true,
            http_status: 0,
        };
        assert!(!e.should_query_first());
        let e = Error::Transport {
            message: "timed out".into(),
            timeout: true,
            connect: false,
            http_status: 0,
        };
        assert!(e.should_query_first());
    }
}
