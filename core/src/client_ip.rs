//! The payer's IP address for `clientIp` (SPEC-DECISIONS D21). The remote
//! address is the truth unless it is a proxy the shop trusts; only then is
//! `X-Forwarded-For` read, from the right, past every trusted hop.
//!
//! `clientIp` is String(32) (spec §4.1, §9) but a full IPv6 address takes up
//! to 39 bytes; [`sendable`] shortens any address to what fits (D22).

use crate::error::{Error, Result};
use ipnet::IpNet;
use std::net::{IpAddr, Ipv6Addr};

/// `clientIp`'s documented length (spec §4.1, §5, §9).
pub const MAX_LEN: usize = 32;

pub fn parse_proxies(list: &[String]) -> Result<Vec<IpNet>> {
    list.iter()
        .map(|s| {
            let s = s.trim();
            s.parse::<IpNet>()
                .or_else(|_| s.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| {
                    Error::validation(
                        "trustedProxies",
                        format!(
                            "'{}' is not an IP or CIDR",
                            s.chars().take(45).collect::<String>()
                        ),
                    )
                })
        })
        .collect()
}

fn trusted(ip: &IpAddr, proxies: &[IpNet]) -> bool {
    proxies.iter().any(|n| n.contains(ip))
}

fn parse_hop(s: &str) -> Option<IpAddr> {
    let s = s.trim();
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    // "1.2.3.4:5678" or "[::1]:80"
    if let Ok(sa) = s.parse::<std::net::SocketAddr>() {
        return Some(sa.ip());
    }
    None
}

pub fn resolve(
    remote_addr: &str,
    forwarded_for: Option<&str>,
    proxies: &[IpNet],
) -> Result<IpAddr> {
    let remote = parse_hop(remote_addr)
        .ok_or_else(|| Error::validation("remoteAddr", "is not an IP address"))?;
    let remote = canonical(remote);
    if !trusted(&remote, proxies) {
        return Ok(remote);
    }
    let Some(xff) = forwarded_for else {
        return Ok(remote);
    };
    let mut last_trusted = remote;
    for hop in xff.rsplit(',') {
        match parse_hop(hop).map(canonical) {
            Some(ip) if trusted(&ip, proxies) => last_trusted = ip,
            Some(ip) => return Ok(ip),
            // A garbled hop ends what we can believe; the last proxy we trust
            // is the best we know.
            None => return Ok(last_trusted),
        }
    }
    Ok(last_trusted)
}

/// [`resolve`], as the text to send in `clientIp`.
pub fn resolve_sendable(
    remote_addr: &str,
    forwarded_for: Option<&str>,
    proxies: &[IpNet],
) -> Result<String> {
    resolve(remote_addr, forwarded_for, proxies).map(sendable)
}

/// IPv4-mapped IPv6 addresses are reported as IPv4 (fits `clientIp`'s 32 bytes).
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
}

/// The `clientIp` text for an address, at most [`MAX_LEN`] bytes (D22):
/// IPv4 as is; IPv4-mapped IPv6 as the IPv4; other IPv6 in RFC 5952 form
/// (Rust's `Display`), or, when that is longer than 32 bytes, its /64
/// network prefix. The prefix still names the customer's network, which is
/// what a risk check can use; refusing the customer would be worse.
pub fn sendable(ip: IpAddr) -> String {
    match canonical(ip) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => {
            let full = v6.to_string();
            if full.len() <= MAX_LEN {
                return full;
            }
            let prefix = u128::from(v6) & !u128::from(u64::MAX);
            // At most four groups and "::": 21 bytes.
            Ipv6Addr::from(prefix).to_string()
        }
    }
}

/// A `clientIp` given by the caller, made sendable when it is an address.
/// `None` when it is not one: validation refuses it as before.
pub fn sendable_str(s: &str) -> Option<String> {
    s.parse::<IpAddr>().ok().map(sendable)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(list: &[&str]) -> Vec<IpNet> {
        parse_proxies(&list.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn untrusted_remote_ignores_header() {
        let ip = resolve("198.51.100.7", Some("1.2.3.4"), &p(&["10.0.0.0/8"])).unwrap();
        assert_eq!(ip.to_string(), "198.51.100.7");
    }

    #[test]
    fn walks_from_the_right_past_trusted_hops() {
        let proxies = p(&["10.0.0.0/8", "192.0.2.1"]);
        let ip = resolve(
            "10.0.0.5",
            Some("6.6.6.6, 203.0.113.9, 192.0.2.1"),
            &proxies,
        )
        .unwrap();
        assert_eq!(ip.to_string(), "203.0.113.9");
        let ip = resolve("10.0.0.5", None, &proxies).unwrap();
        assert_eq!(ip.to_string(), "10.0.0.5");
        let ip = resolve("10.0.0.5", Some("garbage"), &proxies).unwrap();
        assert_eq!(ip.to_string(), "10.0.0.5");
        let ip = resolve("::ffff:10.0.0.5", Some("203.0.113.9:4431"), &proxies).unwrap();
        assert_eq!(ip.to_string(), "203.0.113.9");
    }

    #[test]
    fn bad_input() {
        assert!(resolve("nope", None, &[]).is_err());
        assert!(parse_proxies(&["10.0.0.0/33".to_string()]).is_err());
    }
}

#[cfg(test)]
mod sendable_tests {
    use super::*;

    fn s(ip: &str) -> String {
        sendable(ip.parse().unwrap())
    }

    #[test]
    fn every_valid_address_fits_client_ip() {
        assert_eq!(s("203.0.113.9"), "203.0.113.9");
        assert_eq!(s("::ffff:203.0.113.9"), "203.0.113.9");
        assert_eq!(s("2001:DB8:0:0:0:0:0:1"), "2001:db8::1");
        assert_eq!(s("2001:db8:0:0:1:0:0:1"), "2001:db8::1:0:0:1");
        // 39 bytes: only the /64 network prefix fits in 32.
        assert_eq!(
            s("2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d"),
            "2607:fea8:4b21:a500::"
        );
        // 32 bytes exactly: kept whole. (RFC 5952 never writes "::" for a
        // single zero group, so "…:19c3:0:1" is 33 bytes and gets the prefix.)
        assert_eq!(
            s("2607:fea8:4b21:a500:8d2f:19c3:0:1"),
            "2607:fea8:4b21:a500::"
        );
        let edge = "2607:fea8:4b21:a500:8d2f:19c:5:b";
        assert_eq!(edge.len(), 32);
        assert_eq!(s(edge), edge);
        for ip in ["ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "1:2:3:4:5:6:7:8"] {
            assert!(s(ip).len() <= 32, "{ip}");
        }
    }

    #[test]
    fn resolve_returns_a_sendable_address() {
        let ip = resolve_sendable("2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d", None, &[]).unwrap();
        assert_eq!(ip, "2607:fea8:4b21:a500::");
        let proxies = parse_proxies(&["10.0.0.0/8".to_string()]).unwrap();
        let ip = resolve_sendable(
            "10.0.0.1",
            Some("2607:fea8:4b21:a500:8d2f:19c3:5e7a:b04d"),
            &proxies,
        )
        .unwrap();
        assert_eq!(ip, "2607:fea8:4b21:a500::");
    }
}
