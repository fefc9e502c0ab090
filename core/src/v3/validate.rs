//! V3 request rules (spec §15.3–§15.12, SPEC-DECISIONS D10, D11, D13, D26).
//! Lengths are UTF-8 bytes; CAD only; unknown fields refused. Everything
//! here runs before any network call.

use crate::error::{Error, Result};
use crate::params::Params;
use crate::rules::{check_fields, exactly_one, r, Kind::*, Rule};

/// Processing channels a merchant request may name (spec §3.3, §15.14).
/// `CC_CA` / `CC_CG` only appear in wallet answers.
pub const CHANNELS: &[&str] = &["PF_CC", "UPI_EX"];
const WALLETS: &[&str] = &["ApplePay", "GooglePay"];

/// Largest `walletData` accepted: a base64 wallet token is a few KiB.
const WALLET_DATA_MAX: usize = 64 * 1024;

const PURCHASE_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchOrderNo", 30, Ident),
    r("amount", 0, Amount),
    r("currency", 3, Text),
    r("loginName", 12, Text),
    r("subject", 64, Text),
    r("body", 250, Text),
    r("channel", 10, OneOf(CHANNELS)),
    r("notifyUrl", 200, NotifyUrl),
    r("returnUrl", 200, Url),
    r("mchUserId", 30, Text),
];
const PURCHASE_REQUIRED: &[&str] = &[
    "mchId",
    "mchOrderNo",
    "amount",
    "currency",
    "loginName",
    "channel",
    "notifyUrl",
    "returnUrl",
];

const ADD_CARD_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("cardId", 30, Ident),
    r("loginName", 12, Text),
    r("channel", 10, OneOf(CHANNELS)),
    r("returnUrl", 200, Url),
];
const ADD_CARD_REQUIRED: &[&str] = &["mchId", "cardId", "loginName", "channel", "returnUrl"];

const DIRECT_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("loginName", 12, Text),
    r("channel", 10, OneOf(CHANNELS)),
    r("currency", 3, Text),
    r("mchOrderNo", 30, Ident),
    r("amount", 0, Amount),
    r("cardNum", 19, CardNumber),
    r("expiryDate", 4, Expiry),
    r("holder", 64, Text),
    r("cvv", 4, Cvv),
    r("subject", 64, Text),
    r("body", 250, Text),
    r("clientIp", 50, Ip),
    r("notifyUrl", 200, NotifyUrl),
];
const DIRECT_REQUIRED: &[&str] = &[
    "mchId",
    "loginName",
    "channel",
    "currency",
    "mchOrderNo",
    "amount",
    "cardNum",
    "expiryDate",
    "holder",
    "cvv",
];

const QUERY_CARD_FIELDS: &[Rule] = &[r("mchId", 30, Text), r("cardId", 30, Ident)];

const TOKEN_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("loginName", 12, Text),
    r("currency", 3, Text),
    r("mchOrderNo", 30, Ident),
    r("cardId", 30, Ident),
    r("amount", 0, Amount),
    r("subject", 64, Text),
    r("body", 250, Text),
    r("clientIp", 50, Ip),
    r("notifyUrl", 200, NotifyUrl),
    r("mchUserId", 30, Text),
];
const TOKEN_REQUIRED: &[&str] = &[
    "mchId",
    "loginName",
    "currency",
    "mchOrderNo",
    "cardId",
    "amount",
];

const WALLET_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchOrderNo", 30, Ident),
    r("amount", 0, Amount),
    r("currency", 3, Text),
    r("walletType", 10, OneOf(WALLETS)),
    r("walletData", WALLET_DATA_MAX, Base64),
    r("loginName", 12, Text),
    r("subject", 64, Text),
    r("body", 250, Text),
    r("notifyUrl", 200, NotifyUrl),
    // Sent by the PHP SDK, undocumented (§15.10).
    r("cardId", 30, Ident),
];
const WALLET_REQUIRED: &[&str] = &["mchId", "mchOrderNo", "amount", "currency", "loginName"];

const VOID_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchRefundNo", 30, Ident),
    r("loginName", 12, Text),
    r("payOrderId", 30, Text),
    r("notifyUrl", 200, NotifyUrl),
];
const VOID_REQUIRED: &[&str] = &["mchId", "mchRefundNo", "loginName", "payOrderId"];

const REFUND_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchRefundNo", 30, Ident),
    r("loginName", 12, Text),
    r("refundAmount", 0, Amount),
    r("payOrderId", 30, Text),
    r("notifyUrl", 200, NotifyUrl),
];
const REFUND_REQUIRED: &[&str] = &[
    "mchId",
    "mchRefundNo",
    "loginName",
    "refundAmount",
    "payOrderId",
];

const QUERY_FIELDS: &[Rule] = &[
    r("mchId", 30, Text),
    r("mchOrderNo", 30, Ident),
    r("payOrderId", 30, Text),
];

/// Credit Card V3 takes CAD only (spec §15, D13): anything else is refused
/// here, before it is sent.
fn cad_only(p: &Params) -> Result<()> {
    match p.get_str("currency").as_deref() {
        Some("CAD") => Ok(()),
        _ => Err(Error::validation(
            "currency",
            "Credit Card V3 accepts CAD only",
        )),
    }
}

pub fn purchase(p: &Params) -> Result<()> {
    check_fields(p, PURCHASE_FIELDS, PURCHASE_REQUIRED)?;
    cad_only(p)
}

pub fn add_card(p: &Params) -> Result<()> {
    check_fields(p, ADD_CARD_FIELDS, ADD_CARD_REQUIRED)
}

pub fn direct_purchase(p: &Params) -> Result<()> {
    check_fields(p, DIRECT_FIELDS, DIRECT_REQUIRED)?;
    cad_only(p)
}

pub fn query_card(p: &Params) -> Result<()> {
    check_fields(p, QUERY_CARD_FIELDS, &["mchId", "cardId"])
}

pub fn purchase_with_token(p: &Params) -> Result<()> {
    check_fields(p, TOKEN_FIELDS, TOKEN_REQUIRED)?;
    cad_only(p)
}

pub fn purchase_with_wallet(p: &Params) -> Result<()> {
    check_fields(p, WALLET_FIELDS, WALLET_REQUIRED)?;
    cad_only(p)
}

pub fn void(p: &Params) -> Result<()> {
    check_fields(p, VOID_FIELDS, VOID_REQUIRED)
}

pub fn refund(p: &Params) -> Result<()> {
    check_fields(p, REFUND_FIELDS, REFUND_REQUIRED)
}

pub fn query(p: &Params) -> Result<()> {
    check_fields(p, QUERY_FIELDS, &["mchId"])?;
    exactly_one(p, "payOrderId", "mchOrderNo")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Value;

    fn params(pairs: &[(&str, &str)], amount: Option<(&str, i64)>) -> Params {
        let mut p = Params::new();
        for (k, v) in pairs {
            p.set_str(k, v);
        }
        if let Some((k, v)) = amount {
            p.set(k, Value::Int(v));
        }
        p
    }

    fn purchase_req() -> Params {
        params(
            &[
                ("mchId", "10000701"),
                ("mchOrderNo", "1234567890abc"),
                ("currency", "CAD"),
                ("loginName", "jack123"),
                ("channel", "PF_CC"),
                ("notifyUrl", "https://example.com/notify"),
                ("returnUrl", "https://example.com/return"),
            ],
            Some(("amount", 1500)),
        )
    }

    fn direct_req() -> Params {
        params(
            &[
                ("mchId", "10000701"),
                ("mchOrderNo", "604567999"),
                ("currency", "CAD"),
                ("loginName", "jack123"),
                ("channel", "UPI_EX"),
                ("cardNum", "4242424242424242"),
                ("expiryDate", "0725"),
                ("holder", "test"),
                ("cvv", "786"),
                ("clientIp", "192.77.33.56"),
            ],
            Some(("amount", 1500)),
        )
    }

    fn field(r: Result<()>) -> String {
        match r {
            Err(Error::Validation { field, .. }) => field,
            other => panic!("expected a validation error, got {other:?}"),
        }
    }

    #[test]
    fn spec_samples_pass() {
        assert!(purchase(&purchase_req()).is_ok());
        assert!(direct_purchase(&direct_req()).is_ok());
        let mut p = purchase_req();
        p.set_str("mchUserId", "mybuyer1");
        p.set_str("subject", "s");
        p.set_str("body", &"b".repeat(250));
        assert!(purchase(&p).is_ok());
    }

    #[test]
    fn cad_only_before_sending() {
        for cur in ["USD", "CNY", "cad", "EUR"] {
            let mut p = purchase_req();
            p.set_str("currency", cur);
            assert_eq!(field(purchase(&p)), "currency", "{cur}");
            let mut p = direct_req();
            p.set_str("currency", cur);
            assert_eq!(field(direct_purchase(&p)), "currency", "{cur}");
        }
    }

    #[test]
    fn byte_lengths_per_section_15() {
        let over = |f: &str, n: usize| {
            let mut p = purchase_req();
            p.set_str(f, &"é".repeat(n.div_ceil(2)));
            field(purchase(&p))
        };
        // 250 bytes for body (not 255 as v1), 64 for subject: counted in bytes.
        assert_eq!(over("body", 251), "body");
        assert_eq!(over("subject", 65), "subject");
        let mut p = purchase_req();
        p.set_str("loginName", "thirteen-char");
        assert_eq!(field(purchase(&p)), "loginName");
        let mut p = purchase_req();
        p.set_str("mchOrderNo", &"A".repeat(31));
        assert_eq!(field(purchase(&p)), "mchOrderNo");
        let mut p = purchase_req();
        p.set_str("notifyUrl", &format!("https://e.com/{}", "n".repeat(190)));
        assert_eq!(field(purchase(&p)), "notifyUrl");
        let mut p = direct_req();
        p.set_str("clientIp", "2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d");
        assert!(
            direct_purchase(&p).is_ok(),
            "a full IPv6 address fits 50 bytes"
        );
    }

    #[test]
    fn fields_and_kinds() {
        let mut p = purchase_req();
        p.set_str("channel", "CC_CA");
        assert_eq!(field(purchase(&p)), "channel");
        let mut p = purchase_req();
        p.set_str("jobNo", "jack123");
        assert_eq!(field(purchase(&p)), "jobNo", "V3 uses loginName, not jobNo");
        let mut p = purchase_req();
        p.set_str("amount", "1500");
        assert_eq!(field(purchase(&p)), "amount");
        let mut p = purchase_req();
        p.remove("returnUrl");
        assert_eq!(field(purchase(&p)), "returnUrl");
        let mut p = purchase_req();
        p.set_str("notifyUrl", "https://e.com/n?x=1");
        assert_eq!(field(purchase(&p)), "notifyUrl");
        for (f, bad) in [
            ("cardNum", "4242424242424241"),
            ("expiryDate", "1325"),
            ("cvv", "12"),
            ("holder", ""),
        ] {
            let mut p = direct_req();
            p.set_str(f, bad);
            if bad.is_empty() {
                p.remove(f);
            }
            assert_eq!(field(direct_purchase(&p)), f, "{f}");
        }
    }

    #[test]
    fn reversals_queries_wallets() {
        let mut v = params(
            &[
                ("mchId", "1"),
                ("mchRefundNo", "R1234567890abc"),
                ("loginName", "jack_chen"),
                ("payOrderId", "PC20240101215009579871439079"),
            ],
            None,
        );
        assert!(void(&v).is_ok());
        assert_eq!(field(refund(&v)), "refundAmount");
        v.set("refundAmount", Value::Int(100));
        assert!(refund(&v).is_ok());
        assert_eq!(field(void(&v)), "refundAmount", "a void takes no amount");
        let mut q = params(&[("mchId", "1")], None);
        assert!(query(&q).is_err());
        q.set_str("payOrderId", "PC1");
        assert!(query(&q).is_ok());
        q.set_str("mchOrderNo", "A1");
        assert!(query(&q).is_err());
        let mut w = params(
            &[
                ("mchId", "1"),
                ("mchOrderNo", "W1"),
                ("currency", "CAD"),
                ("loginName", "jack123"),
                ("walletType", "GooglePay"),
                ("walletData", "eyJ0b2tlbiI6MX0="),
            ],
            Some(("amount", 100)),
        );
        assert!(purchase_with_wallet(&w).is_ok());
        w.set_str("walletType", "SamsungPay");
        assert_eq!(field(purchase_with_wallet(&w)), "walletType");
    }
}
