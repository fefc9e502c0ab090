//! The payer's IP address for `clientIp` (SPEC-DECISIONS D21). The remote
//! address is the truth unless it is a proxy the shop trusts; only then is
//! `X-Forwarded-For` read, from the right, past every trusted hop.

use crate::error::{Error, Result};
use ipnet::IpNet;
use std::net::IpAddr;

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

/// IPv4-mapped IPv6 addresses are reported as IPv4 (fits `clientIp`'s 32 bytes).
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    }
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
