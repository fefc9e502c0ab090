//! Local servers for the transport tests.
#![allow(dead_code)]

use iotpay_core::transport::{self, ClientKey, MAX_BODY};
use iotpay_core::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
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
    while let Some(Seen {
        target: path, body, ..
    }) = read_request(&mut r)
    {
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

/// Accepts connections on a fresh listener, counting them, each served on
/// its own thread by `serve_one`: every test server runs so.
fn spawn_server(
    host: &str,
    ca_file: Option<PathBuf>,
    serve_one: impl Fn(TcpStream) + Send + Sync + 'static,
) -> Server {
    let (l, port) = listener();
    let accepted = Arc::new(AtomicUsize::new(0));
    let a = accepted.clone();
    let serve_one = Arc::new(serve_one);
    thread::spawn(move || {
        for s in l.incoming().flatten() {
            a.fetch_add(1, Ordering::SeqCst);
            let serve_one = serve_one.clone();
            thread::spawn(move || serve_one(s));
        }
    });
    let scheme = if ca_file.is_some() { "https" } else { "http" };
    Server {
        base: format!("{scheme}://{host}:{port}"),
        accepted,
        ca_file,
        port,
    }
}

pub fn http_server() -> Server {
    spawn_server("127.0.0.1", None, serve)
}

pub fn https_server() -> Server {
    https_server_for("127.0.0.1")
}

/// An HTTPS server on 127.0.0.1 whose certificate (its own CA) names `name`.
pub fn https_server_for(name: &str) -> Server {
    let (cfg, ca) = tls_for(name);
    spawn_server(name, Some(ca), move |s| {
        let conn = rustls::ServerConnection::new(cfg.clone()).unwrap();
        serve(rustls::StreamOwned::new(conn, s));
    })
}

/// A server configuration with a fresh self-signed certificate for `name`,
/// and the PEM file of that certificate (the client's CA file).
pub fn tls_for(name: &str) -> (Arc<rustls::ServerConfig>, PathBuf) {
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
    (Arc::new(cfg), ca)
}

/// One request as a scripted server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub target: String,
    /// Header names in lower case, in received order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Reads one request (line, headers, body); `None` once the client has
/// closed the connection or sent less body than it announced. Both test
/// servers read their requests so.
fn read_request<S: Read>(r: &mut BufReader<S>) -> Option<Seen> {
    let mut line = String::new();
    if r.read_line(&mut line).unwrap_or(0) == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or("").to_string();
    let target = parts.next().unwrap_or("").to_string();
    let mut headers = Vec::new();
    let mut len = 0usize;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).unwrap_or(0) == 0 {
            return None;
        }
        if h == "\r\n" {
            break;
        }
        if let Some((k, v)) = h.trim_end().split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            if k == "content-length" {
                len = v.trim().parse().unwrap_or(0);
            }
            headers.push((k, v.trim().to_string()));
        }
    }
    let mut body = vec![0; len];
    r.read_exact(&mut body).ok()?;
    Some(Seen {
        method,
        target,
        headers,
        body,
    })
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What a scripted server answers: a status and a body, or nothing (hold
/// the connection for 10 s).
pub enum Reply {
    Answer(u16, String),
    Hang,
}

pub type Script = Arc<dyn Fn(&Seen) -> Reply + Send + Sync>;

/// A keep-alive HTTP/1.1 server (TLS when `tls`) that records every
/// request and answers as `script` says.
pub fn scripted_server(tls: bool, script: Script) -> (Server, Arc<std::sync::Mutex<Vec<Seen>>>) {
    let seen = Arc::new(std::sync::Mutex::new(Vec::new()));
    let rec = seen.clone();
    let tls_cfg = tls.then(|| tls_for("127.0.0.1"));
    let ca_file = tls_cfg.as_ref().map(|(_, ca)| ca.clone());
    let cfg = tls_cfg.map(|(c, _)| c);
    let server = spawn_server("127.0.0.1", ca_file, move |s| match &cfg {
        Some(cfg) => {
            let conn = rustls::ServerConnection::new(cfg.clone()).unwrap();
            serve_script(rustls::StreamOwned::new(conn, s), &script, &rec);
        }
        None => serve_script(s, &script, &rec),
    });
    (server, seen)
}

fn serve_script<S: Read + Write>(s: S, script: &Script, rec: &std::sync::Mutex<Vec<Seen>>) {
    let mut r = BufReader::new(s);
    while let Some(seen) = read_request(&mut r) {
        rec.lock().unwrap().push(seen.clone());
        match script(&seen) {
            Reply::Hang => {
                thread::sleep(Duration::from_secs(10));
                return;
            }
            Reply::Answer(status, b) => {
                let w = r.get_mut();
                let all = format!(
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{b}",
                    b.len()
                );
                if w.write_all(all.as_bytes()).and_then(|_| w.flush()).is_err() {
                    return;
                }
            }
        }
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
