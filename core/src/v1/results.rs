//! Typed results of v1 calls. Each keeps the full answer for fields we do not
//! model.

use crate::channel::Channel;
use crate::error::{Error, Result};
pub(crate) use crate::response::{int_field, str_field};
use serde_json::{Map, Value as Json};

/// Order status (spec §7.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderStatus {
    Created,
    Paying,
    Paid,
    PaidNotified,
    CancelledBySystem,
    CancelledByUser,
    Unknown(i64),
}

impl OrderStatus {
    pub fn from_code(c: i64) -> Self {
        match c {
            0 => OrderStatus::Created,
            1 => OrderStatus::Paying,
            2 => OrderStatus::Paid,
            3 => OrderStatus::PaidNotified,
            4 => OrderStatus::CancelledBySystem,
            9 => OrderStatus::CancelledByUser,
            other => OrderStatus::Unknown(other),
        }
    }

    pub fn code(self) -> i64 {
        match self {
            OrderStatus::Created => 0,
            OrderStatus::Paying => 1,
            OrderStatus::Paid => 2,
            OrderStatus::PaidNotified => 3,
            OrderStatus::CancelledBySystem => 4,
            OrderStatus::CancelledByUser => 9,
            OrderStatus::Unknown(c) => c,
        }
    }

    /// 2 or 3: the money is taken.
    pub fn is_paid(self) -> bool {
        matches!(self, OrderStatus::Paid | OrderStatus::PaidNotified)
    }

    /// 4 or 9: the order can no longer be paid.
    pub fn is_cancelled(self) -> bool {
        matches!(
            self,
            OrderStatus::CancelledBySystem | OrderStatus::CancelledByUser
        )
    }

    /// 0 or 1: still open.
    pub fn is_pending(self) -> bool {
        matches!(self, OrderStatus::Created | OrderStatus::Paying)
    }

    pub fn name(self) -> &'static str {
        match self {
            OrderStatus::Created => "created",
            OrderStatus::Paying => "paying",
            OrderStatus::Paid => "paid",
            OrderStatus::PaidNotified => "paid_notified",
            OrderStatus::CancelledBySystem => "cancelled_by_system",
            OrderStatus::CancelledByUser => "cancelled_by_user",
            OrderStatus::Unknown(_) => "unknown",
        }
    }
}

/// The status code reported when an answer carries no status at all.
pub const STATUS_NOT_STATED: i64 = -1;

/// Refund status (SPEC-DECISIONS D16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefundStatus {
    Created,
    Refunding,
    Success,
    Failed,
    Unknown(i64),
}

impl RefundStatus {
    pub fn from_code(c: i64) -> Self {
        match c {
            0 => RefundStatus::Created,
            1 => RefundStatus::Refunding,
            2 => RefundStatus::Success,
            3 => RefundStatus::Failed,
            other => RefundStatus::Unknown(other),
        }
    }
    pub fn code(self) -> i64 {
        match self {
            RefundStatus::Created => 0,
            RefundStatus::Refunding => 1,
            RefundStatus::Success => 2,
            RefundStatus::Failed => 3,
            RefundStatus::Unknown(c) => c,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            RefundStatus::Created => "created",
            RefundStatus::Refunding => "refunding",
            RefundStatus::Success => "success",
            RefundStatus::Failed => "failed",
            RefundStatus::Unknown(_) => "unknown",
        }
    }
}

/// A nested object of an answer (`retParams`, `payParams`), sent either as a
/// JSON object (spec §4.3) or as a JSON-encoded string holding one (seen in
/// the wild, D23). Anything else is not an object. Shared with the
/// Autodebit answers, which nest their parameters the same way.
pub(crate) fn nested_object(v: Option<&Json>) -> Option<Map<String, Json>> {
    match v? {
        Json::Object(m) => Some(m.clone()),
        Json::String(s) => match serde_json::from_str::<Json>(s) {
            Ok(Json::Object(m)) => Some(m),
            _ => None,
        },
        _ => None,
    }
}

/// A nested object's fields as strings (non-string values as their JSON
/// text): the wallet SDK parameters of v1 and Autodebit answers.
pub(crate) fn string_map(v: Option<&Json>) -> Vec<(String, String)> {
    nested_object(v)
        .map(|m| {
            m.into_iter()
                .map(|(k, v)| {
                    let s = match v {
                        Json::String(s) => s,
                        other => other.to_string(),
                    };
                    (k, s)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[derive(Debug, Clone)]
pub struct CreateOrderResult {
    pub pay_order_id: Option<String>,
    pub mch_order_no: Option<String>,
    /// WX_NATIVE: content for a QR code.
    pub code_url: Option<String>,
    /// ALIPAY_QR, UPI_QR: content for a QR code.
    pub qr_code: Option<String>,
    /// ALIPAY_PC/WAP, UPI_SEQ: where to send the browser.
    pub redirect_url: Option<String>,
    /// Mini-program / app channels: parameters for the wallet SDK.
    pub pay_params: Vec<(String, String)>,
    /// Barcode channels may answer with a status right away.
    pub status: Option<OrderStatus>,
    pub raw: Map<String, Json>,
}

impl CreateOrderResult {
    pub fn from_map(raw: Map<String, Json>) -> Result<Self> {
        let redirect_url = nested_object(raw.get("retParams")).and_then(|p| {
            ["alipayUrl", "unionpayUrl", "payUrl", "url"]
                .iter()
                .find_map(|k| str_field(&p, k))
        });
        Ok(CreateOrderResult {
            pay_order_id: str_field(&raw, "payOrderId"),
            mch_order_no: str_field(&raw, "mchOrderNo"),
            code_url: str_field(&raw, "codeUrl"),
            qr_code: str_field(&raw, "qr_code").or_else(|| str_field(&raw, "qrCode")),
            redirect_url,
            pay_params: string_map(raw.get("payParams")),
            status: int_field(&raw, "status")?.map(OrderStatus::from_code),
            raw,
        })
    }
}

impl CreateOrderResult {
    /// A success answer must carry what the channel's customer needs: the QR
    /// content for the QR channels, the payment page URL for the redirect
    /// channels. Without it the shop could only show an empty page or loop,
    /// so it is a protocol error (D23).
    pub fn require_payment_data(&self, channel: Channel) -> Result<()> {
        use Channel::*;
        let missing = match channel {
            WxNative | AlipayQr | UpiQr if self.code_url.is_none() && self.qr_code.is_none() => {
                "a QR code (codeUrl / qr_code)"
            }
            AlipayPc | AlipayWap | UpiSeq if self.redirect_url.is_none() => {
                "a payment URL (retParams)"
            }
            _ => return Ok(()),
        };
        Err(Error::Protocol(format!(
            "create_order for {} succeeded without {missing}",
            channel.id()
        )))
    }
}

#[derive(Debug, Clone)]
pub struct PayForSubmitResult {
    pub url: Option<String>,
    pub code_url: Option<String>,
    pub pay_order_id: Option<String>,
    pub raw: Map<String, Json>,
}

impl PayForSubmitResult {
    pub fn from_map(raw: Map<String, Json>) -> Self {
        PayForSubmitResult {
            url: str_field(&raw, "url"),
            code_url: str_field(&raw, "code_url").or_else(|| str_field(&raw, "codeUrl")),
            pay_order_id: str_field(&raw, "payOrderId"),
            raw,
        }
    }

    /// The WeChat browser must be sent somewhere: a success without `url` is
    /// a protocol error (D23).
    pub fn require_payment_data(&self) -> Result<()> {
        if self.url.is_none() {
            return Err(Error::Protocol(
                "payForSubmit succeeded without a payment URL (url)".into(),
            ));
        }
        Ok(())
    }
}

/// What `query_order` tells about one order.
#[derive(Debug, Clone)]
pub struct OrderInfo {
    pub pay_order_id: Option<String>,
    pub mch_id: String,
    pub mch_order_no: String,
    pub channel_id: Option<String>,
    pub currency: String,
    pub amount: i64,
    pub status: OrderStatus,
    pub channel_order_no: Option<String>,
    pub pay_succ_time: Option<i64>,
    pub raw: Map<String, Json>,
}

impl OrderInfo {
    pub fn from_map(raw: Map<String, Json>) -> Result<Self> {
        let req = |k: &str| {
            str_field(&raw, k).ok_or_else(|| Error::Protocol(format!("order answer lacks {k}")))
        };
        Ok(OrderInfo {
            pay_order_id: str_field(&raw, "payOrderId"),
            mch_id: req("mchId")?,
            mch_order_no: req("mchOrderNo")?,
            channel_id: str_field(&raw, "channelId"),
            currency: req("currency")?,
            amount: int_field(&raw, "amount")?
                .ok_or_else(|| Error::Protocol("order answer lacks amount".into()))?,
            status: OrderStatus::from_code(
                int_field(&raw, "status")?
                    .ok_or_else(|| Error::Protocol("order answer lacks status".into()))?,
            ),
            channel_order_no: str_field(&raw, "channelOrderNo"),
            pay_succ_time: int_field(&raw, "paySuccTime")?,
            raw,
        })
    }
}

/// A refund as told by `refund_order` and `query_refund` (D15/D16).
#[derive(Debug, Clone)]
pub struct RefundInfo {
    pub refund_order_id: Option<String>,
    pub mch_refund_no: Option<String>,
    pub pay_order_id: Option<String>,
    pub refund_amount: Option<i64>,
    pub currency: Option<String>,
    pub status: RefundStatus,
    pub refund_succ_time: Option<i64>,
    pub raw: Map<String, Json>,
}

impl RefundInfo {
    pub fn from_map(raw: Map<String, Json>) -> Result<Self> {
        // A refund answer without a status was accepted by IOTPay but its
        // outcome is not stated: neither success nor failure (nor a claim
        // that it is in progress). The caller has to query it (D16).
        let status =
            RefundStatus::from_code(int_field(&raw, "status")?.unwrap_or(STATUS_NOT_STATED));
        Ok(RefundInfo {
            refund_order_id: str_field(&raw, "refundOrderId"),
            mch_refund_no: str_field(&raw, "mchRefundNo"),
            pay_order_id: str_field(&raw, "payOrderId"),
            refund_amount: int_field(&raw, "refundAmount")?,
            currency: str_field(&raw, "currency"),
            status,
            refund_succ_time: int_field(&raw, "refundSuccTime")?,
            raw,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::obj;

    #[test]
    fn status_codes() {
        assert!(OrderStatus::from_code(2).is_paid());
        assert!(OrderStatus::from_code(3).is_paid());
        assert!(!OrderStatus::from_code(1).is_paid());
        assert!(OrderStatus::from_code(9).is_cancelled());
        assert_eq!(OrderStatus::from_code(7), OrderStatus::Unknown(7));
    }

    #[test]
    fn create_result_channels() {
        let r = CreateOrderResult::from_map(obj(
            r#"{"payOrderId":"P1","retParams":{"alipayUrl":"https://a"}}"#,
        ))
        .unwrap();
        assert_eq!(r.redirect_url.as_deref(), Some("https://a"));
        let r = CreateOrderResult::from_map(obj(r#"{"payParams":{"appId":"wx1","timeStamp":1}}"#))
            .unwrap();
        assert_eq!(
            r.pay_params,
            vec![
                ("appId".into(), "wx1".into()),
                ("timeStamp".into(), "1".into())
            ]
        );
        let r = CreateOrderResult::from_map(obj(r#"{"qr_code":"q","status":"2"}"#)).unwrap();
        assert_eq!(r.qr_code.as_deref(), Some("q"));
        assert_eq!(r.status, Some(OrderStatus::Paid));
    }

    #[test]
    fn ret_params_as_a_json_string() {
        // Implementations in the wild send retParams JSON-encoded (D23).
        let r = CreateOrderResult::from_map(obj(
            r#"{"payOrderId":"P1","retParams":"{\"alipayUrl\":\"https://a\"}"}"#,
        ))
        .unwrap();
        assert_eq!(r.redirect_url.as_deref(), Some("https://a"));
        let r = CreateOrderResult::from_map(obj(
            r#"{"retParams":"{\"unionpayUrl\":\"https://u\"}","payParams":"{\"appId\":\"wx1\"}"}"#,
        ))
        .unwrap();
        assert_eq!(r.redirect_url.as_deref(), Some("https://u"));
        assert_eq!(r.pay_params, vec![("appId".into(), "wx1".into())]);
        // Not a JSON object: no URL (and no guess).
        let r = CreateOrderResult::from_map(obj(r#"{"retParams":"https://x"}"#)).unwrap();
        assert_eq!(r.redirect_url, None);
    }

    #[test]
    fn payment_data_is_required_per_channel() {
        use crate::channel::Channel;
        let protocol = |j: &str, c: Channel| {
            let r = CreateOrderResult::from_map(obj(j)).unwrap();
            match r.require_payment_data(c) {
                Err(Error::Protocol(m)) => m,
                other => panic!("{j} {c:?}: {other:?}"),
            }
        };
        let m = protocol(r#"{"payOrderId":"P1"}"#, Channel::WxNative);
        assert!(m.contains("WX_NATIVE") && m.contains("codeUrl"), "{m}");
        protocol(r#"{"payOrderId":"P1","codeUrl":""}"#, Channel::AlipayQr);
        protocol(r#"{"payOrderId":"P1"}"#, Channel::UpiQr);
        let m = protocol(r#"{"payOrderId":"P1","retParams":{}}"#, Channel::AlipayWap);
        assert!(m.contains("ALIPAY_WAP") && m.contains("retParams"), "{m}");
        protocol(r#"{"payOrderId":"P1"}"#, Channel::AlipayPc);
        protocol(r#"{"payOrderId":"P1","retParams":"{}"}"#, Channel::UpiSeq);
        let ok = |j: &str, c: Channel| {
            CreateOrderResult::from_map(obj(j))
                .unwrap()
                .require_payment_data(c)
                .unwrap()
        };
        ok(r#"{"codeUrl":"weixin://x"}"#, Channel::WxNative);
        ok(r#"{"qr_code":"https://q"}"#, Channel::UpiQr);
        ok(
            r#"{"retParams":{"alipayUrl":"https://a"}}"#,
            Channel::AlipayPc,
        );
        // Channels that carry no URL are not checked.
        ok(r#"{"status":2}"#, Channel::WxMicropay);
        ok(r#"{"payOrderId":"P1"}"#, Channel::WxApp);
    }

    #[test]
    fn pay_for_submit_needs_its_url() {
        let r = PayForSubmitResult::from_map(obj(r#"{"payOrderId":"P1"}"#));
        match r.require_payment_data() {
            Err(Error::Protocol(m)) => assert!(m.contains("url"), "{m}"),
            other => panic!("{other:?}"),
        }
        let r = PayForSubmitResult::from_map(obj(r#"{"url":"https://p"}"#));
        assert!(r.require_payment_data().is_ok());
    }

    #[test]
    fn order_info_accepts_string_or_number_amounts() {
        let o = OrderInfo::from_map(obj(
            r#"{"mchId":"1","mchOrderNo":"A","currency":"CAD","amount":"100","status":3}"#,
        ))
        .unwrap();
        assert_eq!(o.amount, 100);
        assert!(o.status.is_paid());
        assert!(OrderInfo::from_map(obj(
            r#"{"mchId":"1","mchOrderNo":"A","currency":"CAD","amount":"1.5","status":3}"#
        ))
        .is_err());
        assert!(OrderInfo::from_map(obj(
            r#"{"mchId":"1","mchOrderNo":"A","currency":"CAD","status":3}"#
        ))
        .is_err());
    }

    #[test]
    fn refund_without_status_is_not_success() {
        let r = RefundInfo::from_map(obj(r#"{"refundOrderId":"R1"}"#)).unwrap();
        assert_eq!(r.status, RefundStatus::Unknown(STATUS_NOT_STATED));
        assert_eq!(r.status.name(), "unknown");
    }
}
