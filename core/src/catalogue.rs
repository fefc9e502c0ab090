//! The provider error catalogue: IOTPay codes (spec §14) and SUNBAY Nexus codes
//! (sunbay.md §11), each with a message and what a caller should do next.

/// What a caller should do after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Classification {
    /// Nothing changed at the provider; the same request may be sent again.
    Retryable,
    /// The outcome is unknown; query the provider before any retry, reusing the
    /// same merchant order / refund number.
    QueryFirst,
    /// Retrying the same request will fail the same way.
    Final,
}

impl Classification {
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Retryable => "retryable",
            Classification::QueryFirst => "query_first",
            Classification::Final => "final",
        }
    }
}

/// Which provider an error comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    IotPay,
    Sunbay,
}

impl Provider {
    /// `iotpay` or `sunbay` (PHP `getProvider()`).
    pub fn as_str(self) -> &'static str {
        match self {
            Provider::IotPay => "iotpay",
            Provider::Sunbay => "sunbay",
        }
    }

    /// How messages name it.
    pub fn name(self) -> &'static str {
        match self {
            Provider::IotPay => "IOTPay",
            Provider::Sunbay => "SUNBAY",
        }
    }
}

/// One catalogue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeInfo {
    pub code: &'static str,
    pub message: &'static str,
    pub classification: Classification,
}

use Classification::*;

const IOTPAY: &[CodeInfo] = &[
    // A system error or timeout may have happened after the order was written.
    CodeInfo {
        code: "0010",
        message: "system error",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "0011",
        message: "post method required",
        classification: Final,
    },
    CodeInfo {
        code: "0012",
        message: "post data empty",
        classification: Final,
    },
    CodeInfo {
        code: "0013",
        message: "signature error",
        classification: Final,
    },
    CodeInfo {
        code: "0014",
        message: "parameter error",
        classification: Final,
    },
    CodeInfo {
        code: "0015",
        message: "merchant not exist",
        classification: Final,
    },
    CodeInfo {
        code: "0110",
        message: "third party timeout",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "0111",
        message: "third party exception",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "0112",
        message: "merchant order id not exist",
        classification: Final,
    },
    CodeInfo {
        code: "0113",
        message: "order already paid",
        classification: Final,
    },
    CodeInfo {
        code: "0118",
        message: "DB error",
        classification: QueryFirst,
    },
    // Business error code used in errCode (spec §1.5).
    CodeInfo {
        code: "SYSTEMERROR",
        message: "system error",
        classification: QueryFirst,
    },
];

const SUNBAY: &[CodeInfo] = &[
    CodeInfo {
        code: "S01",
        message: "invalid or non-whitelisted IP",
        classification: Final,
    },
    CodeInfo {
        code: "S02",
        message: "timestamp deviates more than 10 minutes",
        classification: Retryable,
    },
    CodeInfo {
        code: "S03",
        message: "signature verification failed",
        classification: Final,
    },
    CodeInfo {
        code: "S04",
        message: "rate limit exceeded",
        classification: Retryable,
    },
    CodeInfo {
        code: "S05",
        message: "decryption failed",
        classification: Final,
    },
    CodeInfo {
        code: "S06",
        message: "insufficient permissions",
        classification: Final,
    },
    CodeInfo {
        code: "S07",
        message: "TMK key missing or expired",
        classification: Final,
    },
    CodeInfo {
        code: "S08",
        message: "working key missing or expired",
        classification: Final,
    },
    CodeInfo {
        code: "S09",
        message: "login session expired",
        classification: Retryable,
    },
    CodeInfo {
        code: "S10",
        message: "authentication failed",
        classification: Final,
    },
    // A reused request id: the first request may have succeeded.
    CodeInfo {
        code: "S11",
        message: "duplicate request",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "C17",
        message: "parameter error",
        classification: Final,
    },
    CodeInfo {
        code: "C26",
        message: "concurrency error",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "C27",
        message: "concurrency error",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "M01",
        message: "application configuration error",
        classification: Final,
    },
    CodeInfo {
        code: "M02",
        message: "application configuration error",
        classification: Final,
    },
    CodeInfo {
        code: "M04",
        message: "application configuration error",
        classification: Final,
    },
    CodeInfo {
        code: "P01",
        message: "bank or channel exception",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "E01",
        message: "system error",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "E02",
        message: "system error",
        classification: QueryFirst,
    },
    CodeInfo {
        code: "E03",
        message: "system error",
        classification: QueryFirst,
    },
];

/// Looks up an IOTPay code (`0010`…`0118`, `SYSTEMERROR`).
pub fn iotpay(code: &str) -> Option<&'static CodeInfo> {
    IOTPAY.iter().find(|c| c.code == code)
}

/// Looks up a SUNBAY Nexus code. Undocumented C-codes are client errors and final.
pub fn sunbay(code: &str) -> Option<CodeInfo> {
    if let Some(c) = SUNBAY.iter().find(|c| c.code == code) {
        return Some(*c);
    }
    let b = code.as_bytes();
    if b.len() == 3 && b[0] == b'C' && b[1].is_ascii_digit() && b[2].is_ascii_digit() {
        return Some(CodeInfo {
            code: "C",
            message: "client error",
            classification: Final,
        });
    }
    None
}

/// Every IOTPay entry, for documentation and tests.
pub fn iotpay_all() -> &'static [CodeInfo] {
    IOTPAY
}

/// Every named SUNBAY entry.
pub fn sunbay_all() -> &'static [CodeInfo] {
    SUNBAY
}

/// Classification of a provider code we do not know: query first, because an
/// unknown failure may have happened after the provider committed the order.
pub fn classify_unknown() -> Classification {
    QueryFirst
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_iotpay_code_is_present() {
        for c in [
            "0010", "0011", "0012", "0013", "0014", "0015", "0110", "0111", "0112", "0113", "0118",
        ] {
            assert!(iotpay(c).is_some(), "{c}");
        }
        assert_eq!(iotpay("0013").map(|c| c.classification), Some(Final));
        assert_eq!(iotpay("0110").map(|c| c.classification), Some(QueryFirst));
        assert!(iotpay("0016").is_none());
    }

    #[test]
    fn sunbay_query_first_codes() {
        for c in ["P01", "E01", "E02", "E03"] {
            assert_eq!(sunbay(c).map(|c| c.classification), Some(QueryFirst), "{c}");
        }
        assert_eq!(sunbay("C05").map(|c| c.classification), Some(Final));
        assert_eq!(sunbay("S04").map(|c| c.classification), Some(Retryable));
        assert!(sunbay("X99").is_none());
    }
}
