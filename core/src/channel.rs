//! v1 channels (spec §3.1) and the currencies each accepts (SPEC-DECISIONS D13).

use crate::error::{Error, Result};
use crate::money::Currency;
use std::str::FromStr;

/// Defines `Channel`, `Channel::ALL` and `Channel::id` from one list, so
/// that a channel cannot be added to the enum and missed in the list that
/// parsing walks, or the other way round.
macro_rules! channels {
    ($($variant:ident => $id:literal,)*) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Channel {
            $($variant,)*
        }

        impl Channel {
            pub const ALL: &'static [Channel] = &[$(Channel::$variant,)*];

            pub fn id(self) -> &'static str {
                match self {
                    $(Channel::$variant => $id,)*
                }
            }
        }
    };
}

channels! {
    WxJsapi => "WX_JSAPI",
    WxNative => "WX_NATIVE",
    WxMicropay => "WX_MICROPAY",
    WxApp => "WX_APP",
    AlipayMobile => "ALIPAY_MOBILE",
    AlipayPc => "ALIPAY_PC",
    AlipayWap => "ALIPAY_WAP",
    AlipayQr => "ALIPAY_QR",
    AlipayMicropay => "ALIPAY_MICROPAY",
    UpiMicropay => "UPI_MICROPAY",
    UpiQr => "UPI_QR",
    UpiSeq => "UPI_SEQ",
    UpiApp => "UPI_APP",
    CcPax => "CC_PAX",
}

use Channel::*;

impl Channel {
    pub fn supports(self, currency: Currency) -> bool {
        match currency {
            Currency::Cad => true,
            Currency::Usd => !matches!(self, CcPax | UpiMicropay | UpiQr),
            Currency::Cny => matches!(self, WxJsapi | WxNative | AlipayWap | AlipayPc | UpiSeq),
        }
    }

    pub fn is_micropay(self) -> bool {
        matches!(self, WxMicropay | AlipayMicropay | UpiMicropay)
    }

    /// Refuses an unsupported currency before any network call.
    pub fn check_currency(self, currency: Currency) -> Result<()> {
        if self.supports(currency) {
            Ok(())
        } else {
            Err(Error::validation(
                "currency",
                format!("{} does not accept {}", self.id(), currency.code()),
            ))
        }
    }
}

impl FromStr for Channel {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Channel::ALL
            .iter()
            .copied()
            .find(|c| c.id() == s)
            .ok_or_else(|| Error::validation("channelId", "unknown channel"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for &c in Channel::ALL {
            assert_eq!(c.id().parse::<Channel>(), Ok(c));
        }
        assert_eq!(Channel::ALL.len(), 14);
        assert!("WX_MWEB".parse::<Channel>().is_err());
    }

    #[test]
    fn currency_rules() {
        assert!(WxNative.supports(Currency::Cny));
        assert!(!AlipayQr.supports(Currency::Cny));
        assert!(!CcPax.supports(Currency::Usd));
        assert!(UpiSeq.supports(Currency::Cny));
        assert!(WxNative.check_currency(Currency::Usd).is_ok());
        assert!(UpiQr.check_currency(Currency::Usd).is_err());
    }
}
