//! The environment's HTTPS proxy, as reqwest (the transport before issue 10)
//! honoured it: `HTTPS_PROXY` / `https_proxy`, else `ALL_PROXY` /
//! `all_proxy`, minus the hosts in `NO_PROXY` / `no_proxy`. Read once per
//! process, with the rest of the transport state. HTTPS requests go through
//! an `http://` proxy with `CONNECT` (TLS end to end, verified against the
//! gateway's name as always); other proxy schemes are refused rather than
//! bypassed. Requests to this machine (plain http is only allowed there, and
//! the local sandbox) are never proxied.

use ipnet::IpNet;
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proxy {
    pub host: String,
    pub port: u16,
    /// `Proxy-Authorization` value (`Basic …`) from the URL's user info.
    pub authorization: Option<String>,
}

#[derive(Debug, Default)]
pub struct Proxies {
    /// `Err`: a proxy is configured but cannot be used (its message).
    https: Option<Result<Proxy, String>>,
    no_proxy: Vec<NoProxy>,
}

#[derive(Debug, PartialEq)]
enum NoProxy {
    All,
    Net(IpNet),
    Domain(String),
}

impl Proxies {
    pub fn from_env() -> Self {
        let var = |names: &[&str]| {
            names
                .iter()
                .find_map(|n| std::env::var(n).ok().filter(|v| !v.trim().is_empty()))
        };
        Self::parse(
            var(&["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]).as_deref(),
            var(&["NO_PROXY", "no_proxy"]).as_deref(),
        )
    }

    pub fn parse(https: Option<&str>, no_proxy: Option<&str>) -> Self {
        Proxies {
            https: https.map(parse_proxy),
            no_proxy: no_proxy.map(parse_no_proxy).unwrap_or_default(),
        }
    }

    /// The proxy for an HTTPS request to `host` (`ip` when it is an address).
    pub fn for_host(&self, host: &str, ip: Option<IpAddr>) -> Option<Result<&Proxy, &str>> {
        let p = self.https.as_ref()?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let bypass = self.no_proxy.iter().any(|n| match n {
            NoProxy::All => true,
            NoProxy::Net(net) => ip.is_some_and(|ip| net.contains(&ip)),
            NoProxy::Domain(d) => {
                host.eq_ignore_ascii_case(d)
                    || (host.len() > d.len()
                        && host[host.len() - d.len()..].eq_ignore_ascii_case(d)
                        && host.as_bytes()[host.len() - d.len() - 1] == b'.')
            }
        });
        if bypass {
            return None;
        }
        Some(p.as_ref().map_err(String::as_str))
    }
}

fn parse_proxy(raw: &str) -> Result<Proxy, String> {
    let raw = raw.trim();
    let with_scheme = if raw.contains("://") {
        raw.to_string()
    } else {
        format!("http://{raw}")
    };
    let url = url::Url::parse(&with_scheme)
        .map_err(|_| "the HTTPS proxy in the environment is not a URL".to_string())?;
    if url.scheme() != "http" {
        return Err(format!(
            "the environment's HTTPS proxy uses {}://; only http:// proxies are supported",
            url.scheme()
        ));
    }
    let host = url
        .host_str()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| "the HTTPS proxy in the environment has no host".to_string())?
        .to_string();
    let port = url.port().unwrap_or(80);
    let authorization = if url.username().is_empty() {
        None
    } else {
        let dec =
            |s: &str| percent_decode(s).ok_or_else(|| "bad user info in the proxy URL".to_string());
        let mut creds = dec(url.username())?;
        creds.push(b':');
        creds.extend(dec(url.password().unwrap_or(""))?);
        Some(format!("Basic {}", base64(&creds)))
    };
    Ok(Proxy {
        host,
        port,
        authorization,
    })
}

fn parse_no_proxy(raw: &str) -> Vec<NoProxy> {
    raw.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| {
            if e == "*" {
                return NoProxy::All;
            }
            let bare = e.trim_start_matches('[').trim_end_matches(']');
            if let Ok(net) = bare.parse::<IpNet>() {
                return NoProxy::Net(net);
            }
            if let Ok(ip) = bare.parse::<IpAddr>() {
                return NoProxy::Net(IpNet::from(ip));
            }
            NoProxy::Domain(
                e.trim_start_matches("*.")
                    .trim_start_matches('.')
                    .to_string(),
            )
        })
        .collect()
}

fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(out)
}

fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for c in data.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= c.len() {
                out.push(char::from(A[(n >> shift) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The `CONNECT` request for a tunnel to `host:port`.
pub fn write_connect(out: &mut Vec<u8>, authority: &str, proxy: &Proxy) {
    out.clear();
    out.extend_from_slice(b"CONNECT ");
    out.extend_from_slice(authority.as_bytes());
    out.extend_from_slice(b" HTTP/1.1\r\nhost: ");
    out.extend_from_slice(authority.as_bytes());
    if let Some(a) = &proxy.authorization {
        out.extend_from_slice(b"\r\nproxy-authorization: ");
        out.extend_from_slice(a.as_bytes());
    }
    out.extend_from_slice(b"\r\n\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("Aladdin:open sesame", "QWxhZGRpbjpvcGVuIHNlc2FtZQ=="),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn proxy_urls() {
        let p = parse_proxy("http://us%40er:p%3Ass@proxy.example:3128").unwrap();
        assert_eq!((p.host.as_str(), p.port), ("proxy.example", 3128));
        assert_eq!(p.authorization.as_deref(), Some("Basic dXNAZXI6cDpzcw=="));
        let p = parse_proxy("10.0.0.1:8080").unwrap();
        assert_eq!(
            (p.host.as_str(), p.port, p.authorization),
            ("10.0.0.1", 8080, None)
        );
        assert_eq!(parse_proxy("http://proxy").unwrap().port, 80);
        assert!(parse_proxy("socks5://proxy:1080")
            .unwrap_err()
            .contains("socks5"));
        assert!(parse_proxy("https://proxy:443").is_err());
    }

    #[test]
    fn no_proxy_matching() {
        let ps = Proxies::parse(
            Some("http://p:1"),
            Some(" example.com, .corp.test ,10.0.0.0/8, ::1, 192.0.2.7"),
        );
        let via = |h: &str| {
            let ip = h.trim_start_matches('[').trim_end_matches(']').parse().ok();
            ps.for_host(h, ip).is_some()
        };
        assert!(!via("example.com"));
        assert!(!via("API.Example.com"));
        assert!(via("badexample.com"));
        assert!(!via("x.corp.test"));
        assert!(!via("corp.test"));
        assert!(!via("10.1.2.3"));
        assert!(via("11.1.2.3"));
        assert!(!via("[::1]"));
        assert!(!via("192.0.2.7"));
        assert!(via("api.iotpaycloud.com"));
        let all = Proxies::parse(Some("http://p:1"), Some("*"));
        assert!(all.for_host("api.iotpaycloud.com", None).is_none());
        let none = Proxies::parse(None, Some("x"));
        assert!(none.for_host("api.iotpaycloud.com", None).is_none());
        let bad = Proxies::parse(Some("socks5://p:1"), None);
        assert!(matches!(bad.for_host("a.b", None), Some(Err(_))));
    }

    #[test]
    fn connect_request() {
        let mut out = b"old".to_vec();
        let p = parse_proxy("http://u:p@proxy:3128").unwrap();
        write_connect(&mut out, "api.iotpaycloud.com:443", &p);
        assert_eq!(
            out,
            b"CONNECT api.iotpaycloud.com:443 HTTP/1.1\r\nhost: api.iotpaycloud.com:443\r\nproxy-authorization: Basic dTpw\r\n\r\n"
        );
    }
}
