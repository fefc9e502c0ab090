//! Local servers for the transport tests.
#![allow(dead_code)]

use iotpay_core::transport::{self, ClientKey, MAX_BODY};
use iotpay_core::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;
use url::Url;

pub struct Server {
    pub base: String,
    /// Connections accepted so far.
    pub accepted: Arc<AtomicUsize>,
    pub ca_file: Option<PathBuf>,
    pub port: u16,
}

/// Serves one connection: requests until the client closes. Routes:
/// `/fast` answers at once, `/slow` after 300 ms, `/hang` never (holds the
/// connection 10 s), `/big` announces MAX_BODY + 1 bytes, `/chunked` sends
/// its answer in chunks, `/redirect` is a 302, `/once` answers and then
/// closes the idle connection 50 ms later.
pub fn serve<S: Read + Write>(s: S) {
    let mut r = BufReader::new(s);
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let path = line.split_whitespace().nth(1).unwrap_or("").to_string();
        let mut len = 0usize;
        loop {
            let mut h = String::new();
            if r.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            if h == "\r\n" {
                break;
            }
            if let Some(v) = h.to_ascii_lowercase().strip_prefix("content-length:") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let w = r.get_mut();
        let answer = |w: &mut S, status: &str, extra: &str, b: &[u8]| {
            let head = format!(
                "HTTP/1.1 {status}\r\ncontent-length: {}\r\n{extra}\r\n",
                b.len()
            );
            let mut all = head.into_bytes();
            all.extend_from_slice(b);
            w.write_all(&all).and_then(|_| w.flush())
        };
        let echo = format!("ok {}", String::from_utf8_lossy(&body));
        let ok = match path.as_str() {
            "/fast" => answer(w, "200 OK", "", echo.as_bytes()),
            "/slow" => {
                thread::sleep(Duration::from_millis(300));
                answer(w, "200 OK", "", echo.as_bytes())
            }
            "/hang" => {
                thread::sleep(Duration::from_secs(10));
                return;
            }
            "/big" => {
                let head = format!(
                    "HTTP/1.1 200 OK\r\ncontent-length: {}\r\n\r\n",
                    MAX_BODY + 1
                );
                let _ = w.write_all(head.as_bytes());
                let _ = w.write_all(&vec![b'x'; 64 << 10]);
                let _ = w.flush();
                thread::sleep(Duration::from_millis(200));
                return;
            }
            "/chunked" => w
                .write_all(b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n3\r\nok \r\n")
                .and_then(|_| w.flush())
                .and_then(|_| w.write_all(b"5\r\nchunk\r\n0\r\n\r\n"))
                .and_then(|_| w.flush()),
            "/redirect" => answer(w, "302 Found", "location: https://example.com/\r\n", b""),
            "/once" => {
                let _ = answer(w, "200 OK", "", echo.as_bytes());
                thread::sleep(Duration::from_millis(50));
                return;
            }
            _ => answer(w, "404 Not Found", "", b""),
        };
        if ok.is_err() {
            return;
        }
    }
}

pub fn listener() -> (TcpListener, u16) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

pub fn http_server() -> Server {
    let (l, port) = listener();
    let accepted = Arc::new(AtomicUsize::new(0));
    let a = accepted.clone();
    thread::spawn(move || {
        for s in l.incoming().flatten() {
            a.fetch_add(1, Ordering::SeqCst);
            thread::spawn(move || serve(s));
        }
    });
    Server {
        base: format!("http://127.0.0.1:{port}"),
        accepted,
        ca_file: None,
        port,
    }
}

pub fn https_server() -> Server {
    https_server_for("127.0.0.1")
}

/// An HTTPS server on 127.0.0.1 whose certificate (its own CA) names `name`.
pub fn https_server_for(name: &str) -> Server {
    let ck = rcgen::generate_simple_self_signed(vec![name.to_string()]).unwrap();
    let dir = std::env::temp_dir().join(format!(
        "iotpay-transport-test-{}-{}",
        std::process::id(),
        rand_suffix()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let ca = dir.join("ca.pem");
    std::fs::write(&ca, ck.cert.pem()).unwrap();
    let cfg = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![ck.cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(ck.signing_key.serialize_der().into()),
    )
    .unwrap();
    let cfg = Arc::new(cfg);
    let (l, port) = listener();
    let accepted = Arc::new(AtomicUsize::new(0));
    let a = accepted.clone();
    thread::spawn(move || {
        for s in l.incoming().flatten() {
            a.fetch_add(1, Ordering::SeqCst);
            let cfg = cfg.clone();
            thread::spawn(move || {
                let conn = rustls::ServerConnection::new(cfg).unwrap();
                serve(rustls::StreamOwned::new(conn, s));
            });
        }
    });
    Server {
        base: format!("https://{name}:{port}"),
        accepted,
        ca_file: Some(ca),
        port,
    }
}

fn rand_suffix() -> u64 {
    static N: AtomicUsize = AtomicUsize::new(0);
    N.fetch_add(1, Ordering::SeqCst) as u64
}

impl Server {
    pub fn post(&self, path: &str, timeout: Duration) -> Result<(u16, String), Error> {
        let url = Url::parse(&format!("{}{path}", self.base)).unwrap();
        let key = ClientKey {
            ca_file: self.ca_file.clone(),
            connect_timeout: Duration::from_secs(2),
        };
        transport::post(&url, "text/plain", b"hello", &key, timeout)
            .map(|r| (r.status, String::from_utf8_lossy(&r.body).into_owned()))
    }

    pub fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }
}
