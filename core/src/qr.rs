//! QR codes rendered locally: SVG for pages, Unicode blocks for terminals.

use crate::error::{Error, Result};
use qrcode::render::{svg, unicode};
use qrcode::{EcLevel, QrCode};

fn code(data: &str) -> Result<QrCode> {
    if data.is_empty() {
        return Err(Error::validation("data", "must not be empty"));
    }
    QrCode::with_error_correction_level(data.as_bytes(), EcLevel::M)
        .map_err(|_| Error::validation("data", "too long for a QR code"))
}

/// A standalone SVG document, at least `min_size` pixels square.
pub fn svg(data: &str, min_size: u32) -> Result<String> {
    let size = min_size.clamp(64, 2048);
    Ok(code(data)?
        .render::<svg::Color<'_>>()
        .min_dimensions(size, size)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .quiet_zone(true)
        .build())
}

/// Two modules per character cell, for a terminal.
pub fn text(data: &str) -> Result<String> {
    Ok(code(data)?
        .render::<unicode::Dense1x2>()
        .dark_color(unicode::Dense1x2::Light)
        .light_color(unicode::Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders() {
        let s = svg("weixin://wxpay/bizpayurl?pr=abc", 200).unwrap();
        assert!(s.starts_with("<?xml") && s.contains("<svg"));
        let t = text("hello").unwrap();
        assert!(t.lines().count() > 10);
        assert!(svg("", 200).is_err());
        assert!(svg(&"x".repeat(5000), 200).is_err());
    }
}
