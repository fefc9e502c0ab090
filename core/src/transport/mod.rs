//! HTTPS transport shared by every call in a PHP worker process.
//!
//! A call runs entirely on the calling thread: a blocking HTTP/1.1 POST over
//! rustls on a kept-alive socket, then the answer read with the remaining
//! time as the socket's timeout. No runtime, no I/O thread, no hand-off —
//! the per-call cost over the loopback round trip is a few system calls.
//!
//! What is shared lives in one per-process [`ProcessState`]: the TLS
//! configurations (roots parsed once, TLS session cache) and the idle
//! kept-alive connections. Its mutex is held only to look up or build a TLS
//! configuration and to take or return an idle connection — never across
//! network I/O — so on threaded PHP (ZTS) calls from different threads run in
//! parallel and one hung call delays nobody else.
//!
//! PHP-FPM loads the extension in the master and forks workers afterwards, so
//! nothing exists before the first call; the state is tagged with the pid that
//! built it, and a call that finds itself in a different (forked) process
//! builds its own (closing its copies of the parent's idle sockets, which does
//! not disturb the parent's connections).
//!
//! An idle connection is checked before reuse (as curl does): older than the
//! idle timeout, or readable (the server closed it or sent something
//! unexpected) — it is dropped and another one taken or opened. A request is
//! sent again on a new connection only when a reused connection refused its
//! very first byte, so nothing that may have reached the server is repeated.

mod http1;
mod proxy;

pub use http1::{Method, MAX_BODY};

use crate::error::{Error, Result};
use http1::{Answer, ReadError, Wire};
use proxy::{Proxies, Proxy};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use std::io::{self, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use url::{Host, Url};

/// Idle connections older than this are not reused (servers commonly close
/// idle keep-alive connections after 60 s or more).
const IDLE_TIMEOUT: Duration = Duration::from_secs(50);
/// Idle connections kept per origin and TLS roots, and in all.
const MAX_IDLE_PER_ORIGIN: usize = 4;
const MAX_IDLE: usize = 16;

/// What identifies a client: its TLS roots and connect timeout.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientKey {
    pub ca_file: Option<PathBuf>,
    pub connect_timeout: Duration,
}

#[derive(Debug)]
pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

struct ProcessState {
    pid: u32,
    /// TLS configuration per CA file (`None`: the system roots only).
    tls: Vec<(Option<PathBuf>, Arc<rustls::ClientConfig>)>,
    idle: Vec<Idle>,
    /// The environment's HTTPS proxy, read when the state is built.
    proxies: Proxies,
}

struct Idle {
    since: Instant,
    conn: Conn,
}

/// Scheme, host and port of a connection.
#[derive(PartialEq, Eq)]
struct Origin {
    tls: bool,
    host: String,
    port: u16,
}

static STATE: Mutex<Option<ProcessState>> = Mutex::new(None);
static STATE_BUILDS: AtomicU64 = AtomicU64::new(0);
static TLS_BUILDS: AtomicU64 = AtomicU64::new(0);
static REQUESTS: AtomicU64 = AtomicU64::new(0);
static CONNECTIONS: AtomicU64 = AtomicU64::new(0);

/// Counters for tests and diagnostics: (per-process transport states built,
/// TLS configurations built, requests sent, connections opened).
pub fn stats() -> (u64, u64, u64, u64) {
    (
        STATE_BUILDS.load(Ordering::Relaxed),
        TLS_BUILDS.load(Ordering::Relaxed),
        REQUESTS.load(Ordering::Relaxed),
        CONNECTIONS.load(Ordering::Relaxed),
    )
}

/// Whether this process has built its transport state yet (false right
/// after module load and in a freshly forked child).
pub fn is_initialised() -> bool {
    matches!(&*lock(), Some(s) if s.pid == std::process::id())
}

fn lock() -> MutexGuard<'static, Option<ProcessState>> {
    STATE.lock().unwrap_or_else(|p| p.into_inner())
}

/// The state of process `pid` (this one: `std::process::id()`, a system
/// call, asked once per request), built on first use or after a fork.
fn state(guard: &mut Option<ProcessState>, pid: u32) -> &mut ProcessState {
    if guard.as_ref().map(|s| s.pid) != Some(pid) {
        // Inherited through fork (or first use): the idle sockets are this
        // process's copies of the parent's descriptors; closing them leaves
        // the parent's connections alone. Nothing is written to them.
        *guard = None;
        STATE_BUILDS.fetch_add(1, Ordering::Relaxed);
    }
    guard.get_or_insert_with(|| ProcessState {
        pid,
        tls: Vec::new(),
        idle: Vec::new(),
        proxies: Proxies::from_env(),
    })
}

/// POSTs `body` and returns the status and body. Never follows redirects.
pub fn post(
    url: &Url,
    content_type: &str,
    body: &[u8],
    key: &ClientKey,
    timeout: Duration,
) -> Result<HttpResponse> {
    request(
        &Request {
            method: Method::Post,
            url,
            headers: &[],
            content_type: Some(content_type),
            body,
        },
        key,
        timeout,
    )
}

/// One request of any provider: the method, the URL (a GET's query string
/// is part of it), headers the provider wants (e.g. SUNBAY's
/// `authorization: Bearer`), and for a POST its content type and body.
pub struct Request<'a> {
    pub method: Method,
    pub url: &'a Url,
    pub headers: &'a [(&'a str, &'a str)],
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

/// Sends `req` on a kept-alive connection and returns the status and body.
/// Never follows redirects.
pub fn request(req: &Request<'_>, key: &ClientKey, timeout: Duration) -> Result<HttpResponse> {
    let start = Instant::now();
    let deadline = start + timeout;
    let target = Target::of(req.url)?;
    let pid = std::process::id();
    REQUESTS.fetch_add(1, Ordering::Relaxed);
    let mut conn = take_idle(&target, key, pid);
    let mut reused = conn.is_some();
    loop {
        let mut c = match conn.take() {
            Some(c) => c,
            None => Conn::open(&target, key, pid, start, deadline)?,
        };
        http1::write_request(
            &mut c.out,
            req.method,
            target.host,
            target.explicit_port,
            target.path,
            req.headers,
            req.content_type,
            req.body,
        );
        match c.send(deadline) {
            Ok(()) => {}
            // A reused connection the server had already closed refused the
            // first byte: the request cannot have arrived. Once, on a new one.
            Err(SendError::Refused(_)) if reused => {
                reused = false;
                continue;
            }
            Err(SendError::Refused(e) | SendError::Partial(e)) => {
                return Err(transport_error(ReadError::from(e)));
            }
        }
        let mut buf = std::mem::take(&mut c.scratch);
        let answer = http1::read_answer(&mut c, &mut buf, deadline);
        c.scratch = buf;
        let Answer {
            status,
            body,
            reusable,
        } = answer.map_err(|e| match e {
            ReadError::TooLarge => Error::Protocol("response body larger than 1 MiB".into()),
            e => transport_error(e),
        })?;
        if reusable && !c.has_buffered_input() {
            put_idle(c, pid);
        }
        return Ok(HttpResponse { status, body });
    }
}

/// The parts of a URL a request needs, borrowed.
struct Target<'a> {
    tls: bool,
    host: &'a str,
    ip: Option<IpAddr>,
    port: u16,
    /// The port when the URL names it (it then goes into `Host`).
    explicit_port: Option<u16>,
    path: &'a str,
}

impl<'a> Target<'a> {
    fn of(url: &'a Url) -> Result<Self> {
        // The configuration refuses these already; the transport holds the
        // line too: TLS always, plain http to this machine only.
        crate::config::check_scheme("baseUrl", url)?;
        let tls = url.scheme() == "https";
        let (host, ip) = match url.host() {
            Some(Host::Domain(d)) => (d, None),
            Some(Host::Ipv4(a)) => (url.host_str().unwrap_or(""), Some(IpAddr::V4(a))),
            Some(Host::Ipv6(a)) => (url.host_str().unwrap_or(""), Some(IpAddr::V6(a))),
            None => return Err(Error::Config("base URL has no host".into())),
        };
        let port = url
            .port_or_known_default()
            .ok_or_else(|| Error::Config("base URL has no port".into()))?;
        let path = &url[url::Position::BeforePath..url::Position::AfterQuery];
        Ok(Target {
            tls,
            host,
            ip,
            port,
            explicit_port: url.port(),
            path: if path.is_empty() { "/" } else { path },
        })
    }

    fn matches(&self, c: &Conn, key: &ClientKey) -> bool {
        c.origin.tls == self.tls
            && c.origin.port == self.port
            && c.origin.host == self.host
            && c.ca_file == key.ca_file
    }
}

/// The most recently used healthy idle connection to the target, if any.
fn take_idle(target: &Target<'_>, key: &ClientKey, pid: u32) -> Option<Conn> {
    loop {
        let idle = {
            let mut guard = lock();
            let st = state(&mut guard, pid);
            let i = st.idle.iter().rposition(|i| target.matches(&i.conn, key))?;
            st.idle.swap_remove(i)
        };
        // Checked outside the lock; a dead one is dropped (closed) here.
        if idle.since.elapsed() < IDLE_TIMEOUT && idle.conn.is_idle_and_open() {
            return Some(idle.conn);
        }
    }
}

fn put_idle(conn: Conn, pid: u32) {
    let mut guard = lock();
    let st = state(&mut guard, pid);
    let same = st
        .idle
        .iter()
        .filter(|i| i.conn.origin == conn.origin && i.conn.ca_file == conn.ca_file)
        .count();
    if same >= MAX_IDLE_PER_ORIGIN || st.idle.len() >= MAX_IDLE {
        drop(guard);
        return; // closed here, outside the lock
    }
    st.idle.push(Idle {
        since: Instant::now(),
        conn,
    });
}

/// The TLS configuration for these roots, built once per process.
fn tls_config(ca_file: &Option<PathBuf>, pid: u32) -> Result<Arc<rustls::ClientConfig>> {
    {
        let mut guard = lock();
        let st = state(&mut guard, pid);
        if let Some((_, c)) = st.tls.iter().find(|(k, _)| k == ca_file) {
            return Ok(c.clone());
        }
    }
    // Built outside the lock (reads files); if two threads race, one wins.
    let built = Arc::new(build_tls(ca_file.as_deref())?);
    let mut guard = lock();
    let st = state(&mut guard, pid);
    if let Some((_, c)) = st.tls.iter().find(|(k, _)| k == ca_file) {
        return Ok(c.clone());
    }
    st.tls.push((ca_file.clone(), built.clone()));
    TLS_BUILDS.fetch_add(1, Ordering::Relaxed);
    Ok(built)
}

/// System roots plus the configured CA file; verification always on.
fn build_tls(ca_file: Option<&Path>) -> Result<rustls::ClientConfig> {
    let mut roots = rustls::RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    let (mut valid, mut invalid) = (0usize, 0usize);
    for c in native.certs {
        match roots.add(c) {
            Ok(()) => valid += 1,
            Err(_) => invalid += 1,
        }
    }
    if let Some(path) = ca_file {
        let pem = std::fs::read(path).map_err(|e| {
            Error::Config(format!(
                "cannot read CA file {}: {}",
                path.display(),
                e.kind()
            ))
        })?;
        let no_cert = || {
            Error::Config(format!(
                "CA file {} holds no PEM certificate",
                path.display()
            ))
        };
        let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&pem)
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| no_cert())?;
        if certs.is_empty() {
            return Err(no_cert());
        }
        for c in certs {
            roots
                .add(c)
                .map_err(|e| Error::Config(format!("CA file {}: {e}", path.display())))?;
        }
    } else if valid == 0 && invalid > 0 {
        return Err(Error::Config(
            "zero valid certificates found in the system root store".into(),
        ));
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut cfg = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| Error::Config(format!("cannot build TLS configuration: {e}")))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    cfg.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(cfg)
}

/// One kept-alive connection, TLS or plain (loopback only, checked by the
/// configuration), with its reused request and read buffers.
struct Conn {
    tcp: TcpStream,
    tls: Option<Box<rustls::ClientConnection>>,
    origin: Origin,
    ca_file: Option<PathBuf>,
    out: Vec<u8>,
    scratch: Vec<u8>,
    /// The socket's SO_RCVTIMEO / SO_SNDTIMEO as last set: changed only
    /// when longer than the time left (see `Conn::wait_at_most`).
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
}

enum SendError {
    /// Not one byte was accepted by the socket.
    Refused(io::Error),
    /// Some bytes may have left.
    Partial(io::Error),
}

impl Conn {
    /// DNS (domains only), TCP connect and TLS handshake, all within the
    /// connect timeout and the call's deadline. Nothing is sent before the
    /// handshake completes, so every failure here is a connect failure.
    fn open(
        target: &Target<'_>,
        key: &ClientKey,
        pid: u32,
        start: Instant,
        deadline: Instant,
    ) -> Result<Conn> {
        let limit = deadline.min(start + key.connect_timeout);
        let tls = if target.tls {
            Some(tls_config(&key.ca_file, pid)?)
        } else {
            None
        };
        // HTTPS may go through the environment's proxy (a CONNECT tunnel).
        // Never for this machine (a local sandbox).
        let local = target.ip.is_some_and(|ip| ip.is_loopback())
            || target.host.eq_ignore_ascii_case("localhost");
        let proxy: Option<Proxy> = if target.tls && !local {
            let mut guard = lock();
            match state(&mut guard, pid)
                .proxies
                .for_host(target.host, target.ip)
            {
                Some(Ok(p)) => Some(p.clone()),
                Some(Err(why)) => return Err(Error::Config(why.to_string())),
                None => None,
            }
        } else {
            None
        };
        let (host, port) = match &proxy {
            Some(p) => (p.host.as_str(), p.port),
            None => (target.host, target.port),
        };
        let ip = match &proxy {
            Some(p) => p
                .host
                .trim_start_matches('[')
                .trim_end_matches(']')
                .parse()
                .ok(),
            None => target.ip,
        };
        let addrs = match ip {
            Some(ip) => vec![SocketAddr::new(ip, port)],
            None => resolve(host, port, limit)?,
        };
        let mut last = None;
        let mut tcp = None;
        for a in addrs {
            let Some(left) = remaining(limit) else {
                return Err(connect_timeout());
            };
            match TcpStream::connect_timeout(&a, left) {
                Ok(s) => {
                    tcp = Some(s);
                    break;
                }
                Err(e) => last = Some(e),
            }
        }
        let tcp = match (tcp, last) {
            (Some(t), _) => t,
            (None, Some(e)) if is_timeout(&e) => return Err(connect_timeout()),
            (None, Some(e)) => return Err(connect_error(&format!("could not connect: {e}"))),
            (None, None) => return Err(connect_error("could not connect: no address")),
        };
        let _ = tcp.set_nodelay(true);
        CONNECTIONS.fetch_add(1, Ordering::Relaxed);
        let mut conn = Conn {
            tcp,
            tls: None,
            origin: Origin {
                tls: target.tls,
                host: target.host.to_string(),
                port: target.port,
            },
            ca_file: key.ca_file.clone(),
            out: Vec::new(),
            scratch: Vec::new(),
            read_timeout: None,
            write_timeout: None,
        };
        if let Some(p) = &proxy {
            conn.tunnel(&format!("{}:{}", target.host, target.port), p, limit)?;
        }
        if let Some(cfg) = tls {
            let name = match target.ip {
                Some(ip) => ServerName::IpAddress(ip.into()),
                None => ServerName::try_from(target.host.to_string())
                    .map_err(|_| Error::Config("base URL host is not a valid TLS name".into()))?,
            };
            let mut tls = rustls::ClientConnection::new(cfg, name)
                .map_err(|e| connect_error(&format!("could not connect: {e}")))?;
            // A request is written whole, whatever its size.
            tls.set_buffer_limit(None);
            conn.tls = Some(Box::new(tls));
            conn.handshake(limit)?;
        }
        Ok(conn)
    }

    /// Asks the proxy for a tunnel to `authority` (before TLS: the proxy
    /// sees only the host and port, never the request).
    fn tunnel(&mut self, authority: &str, proxy: &Proxy, limit: Instant) -> Result<()> {
        let fail = |e: ReadError| match e {
            ReadError::Timeout => connect_timeout(),
            ReadError::Closed => {
                connect_error("could not connect: the proxy closed the connection")
            }
            ReadError::Io(e) => connect_error(&format!("could not connect: proxy: {e}")),
            ReadError::Malformed(m) => connect_error(&format!("could not connect: proxy: {m}")),
            ReadError::TooLarge => connect_error("could not connect: proxy answer too large"),
        };
        proxy::write_connect(&mut self.out, authority, proxy);
        let mut sent = 0;
        while sent < self.out.len() {
            let out = &self.out[sent..];
            let tcp = &self.tcp;
            let n = before(tcp, &mut self.write_timeout, false, limit, || {
                NoSigPipe(tcp).write(out)
            })
            .map_err(|e| fail(e.into()))?;
            if n == 0 {
                return Err(fail(ReadError::Closed));
            }
            sent += n;
        }
        let mut buf = std::mem::take(&mut self.scratch);
        let status = http1::read_tunnel_answer(self, &mut buf, limit);
        self.scratch = buf;
        match status.map_err(fail)? {
            200..=299 => Ok(()),
            s => Err(connect_error(&format!(
                "could not connect: the proxy answered HTTP {s} to CONNECT"
            ))),
        }
    }

    fn handshake(&mut self, limit: Instant) -> Result<()> {
        let Conn {
            tcp,
            tls,
            read_timeout,
            write_timeout,
            ..
        } = self;
        let Some(tls) = tls.as_deref_mut() else {
            return Ok(());
        };
        let fail = |e: io::Error| {
            if is_timeout(&e) {
                connect_timeout()
            } else {
                connect_error(&format!("could not connect: TLS handshake: {e}"))
            }
        };
        while tls.is_handshaking() {
            if tls.wants_write() {
                before(tcp, write_timeout, false, limit, || {
                    tls.write_tls(&mut NoSigPipe(tcp))
                })
                .map_err(fail)?;
                continue;
            }
            let n = before(tcp, read_timeout, true, limit, || tls.read_tls(&mut &*tcp))
                .map_err(fail)?;
            if n == 0 {
                return Err(connect_error(
                    "could not connect: TLS handshake: connection closed",
                ));
            }
            if let Err(e) = tls.process_new_packets() {
                // Tell the server why (best effort), e.g. an unknown issuer.
                let _ = tls.write_tls(&mut NoSigPipe(tcp));
                return Err(connect_error(&format!("could not connect: {e}")));
            }
        }
        Ok(())
    }

    /// Writes `self.out` (the whole request).
    fn send(&mut self, deadline: Instant) -> std::result::Result<(), SendError> {
        let Conn {
            tcp,
            tls,
            out,
            write_timeout,
            ..
        } = self;
        let fail = |first: bool, e| {
            if first {
                SendError::Refused(e)
            } else {
                SendError::Partial(e)
            }
        };
        let mut first = true;
        match tls.as_deref_mut() {
            None => {
                let mut buf = &out[..];
                while !buf.is_empty() {
                    let n = before(tcp, write_timeout, false, deadline, || {
                        NoSigPipe(tcp).write(buf)
                    })
                    .map_err(|e| fail(first, e))?;
                    if n == 0 {
                        return Err(fail(first, io::ErrorKind::WriteZero.into()));
                    }
                    buf = &buf[n..];
                    first = false;
                }
            }
            Some(tls) => {
                tls.writer().write_all(out).map_err(SendError::Refused)?;
                while tls.wants_write() {
                    let n = before(tcp, write_timeout, false, deadline, || {
                        tls.write_tls(&mut NoSigPipe(tcp))
                    })
                    .map_err(|e| fail(first, e))?;
                    if n == 0 {
                        return Err(fail(first, io::ErrorKind::WriteZero.into()));
                    }
                    first = false;
                }
            }
        }
        Ok(())
    }

    /// Whether TLS holds received bytes nobody asked for.
    fn has_buffered_input(&mut self) -> bool {
        match self.tls.as_deref_mut() {
            Some(t) => t.process_new_packets().map_or(true, |s| {
                s.plaintext_bytes_to_read() > 0 || s.peer_has_closed()
            }),
            None => false,
        }
    }

    /// An idle connection is healthy when nothing is waiting to be read: a
    /// readable socket means the server closed it (or sent something we
    /// did not ask for). One non-blocking peek.
    fn is_idle_and_open(&self) -> bool {
        if self.tls.as_deref().is_some_and(|t| t.wants_write()) {
            return false;
        }
        let mut b = [0u8; 1];
        // SAFETY: `recv` writes at most `b.len()` bytes into `b`, a live
        // stack buffer; the descriptor is owned by `self.tcp` and open.
        let r = unsafe {
            libc::recv(
                self.tcp.as_raw_fd(),
                b.as_mut_ptr().cast(),
                b.len(),
                libc::MSG_PEEK | libc::MSG_DONTWAIT,
            )
        };
        r < 0 && matches!(io::Error::last_os_error().kind(), io::ErrorKind::WouldBlock)
    }
}

impl Wire for Conn {
    fn read_some(&mut self, buf: &mut [u8], deadline: Instant) -> io::Result<usize> {
        let Conn {
            tcp,
            tls,
            read_timeout,
            ..
        } = self;
        let Some(tls) = tls.as_deref_mut() else {
            return before(tcp, read_timeout, true, deadline, || (&*tcp).read(buf));
        };
        loop {
            match tls.reader().read(buf) {
                // Ok(0): the server's close_notify.
                Ok(n) => return Ok(n),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {}
                Err(e) => return Err(e),
            }
            // 0 is the end of the stream; rustls reports it from reader().
            before(tcp, read_timeout, true, deadline, || {
                tls.read_tls(&mut &*tcp)
            })?;
            tls.process_new_packets()
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
            // E.g. an answer to a key update.
            while tls.wants_write() {
                tls.write_tls(&mut NoSigPipe(tcp))?;
            }
        }
    }
}

/// Runs one blocking socket operation so that it ends by `deadline`. The
/// socket's timeout is only ever shortened (a system call) when it is
/// longer than the time left, or much shorter; otherwise it stays as set by
/// an earlier call, so a kept-alive call normally changes nothing. A wait
/// that ends early (a timeout shorter than the time left) is simply waited
/// again.
fn before<T>(
    tcp: &TcpStream,
    current: &mut Option<Duration>,
    read: bool,
    deadline: Instant,
    mut op: impl FnMut() -> io::Result<T>,
) -> io::Result<T> {
    loop {
        let left = remaining(deadline).ok_or(io::ErrorKind::TimedOut)?;
        if !current.is_some_and(|t| t <= left && t >= left / 4) {
            // A bit under the time left, so that the next calls (which start
            // with the full timeout again) can keep it.
            let t = if left > Duration::from_millis(4) {
                left - left / 4
            } else {
                left
            };
            if read {
                tcp.set_read_timeout(Some(t))?;
            } else {
                tcp.set_write_timeout(Some(t))?;
            }
            *current = Some(t);
        }
        match op() {
            Err(e) if is_timeout(&e) || e.kind() == io::ErrorKind::Interrupted => continue,
            r => return r,
        }
    }
}

/// Writes through `send(MSG_NOSIGNAL)` (std's `TcpStream::write`) only:
/// `writev`, which rustls would use, raises SIGPIPE on a connection the
/// server closed, and PHP does not always ignore that signal.
struct NoSigPipe<'a>(&'a TcpStream);

impl Write for NoSigPipe<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        (&*self.0).write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Resolves a domain within `limit`: getaddrinfo cannot be interrupted, so it
/// runs on a short-lived thread that is abandoned if it takes too long. Only
/// new connections to a domain resolve; kept-alive calls never do.
fn resolve(host: &str, port: u16, limit: Instant) -> Result<Vec<SocketAddr>> {
    let left = remaining(limit).ok_or_else(connect_timeout)?;
    let (tx, rx) = std::sync::mpsc::channel();
    let name = host.to_string();
    let spawned = std::thread::Builder::new()
        .name("iotpay-dns".into())
        .spawn(move || {
            let _ = tx.send((name.as_str(), port).to_socket_addrs().map(Vec::from_iter));
        });
    let r = match spawned {
        Ok(_) => match rx.recv_timeout(left) {
            Ok(r) => r,
            Err(_) => return Err(connect_timeout()),
        },
        // No thread to be had: resolve here.
        Err(_) => (host, port).to_socket_addrs().map(Vec::from_iter),
    };
    match r {
        Ok(a) if !a.is_empty() => Ok(a),
        Ok(_) => Err(connect_error("could not connect: dns: no address")),
        Err(e) => Err(connect_error(&format!("could not connect: dns: {e}"))),
    }
}

fn remaining(deadline: Instant) -> Option<Duration> {
    deadline
        .checked_duration_since(Instant::now())
        .filter(|d| !d.is_zero())
}

fn is_timeout(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock
    )
}

fn connect_error(message: &str) -> Error {
    Error::Transport {
        message: message.to_string(),
        timeout: false,
        connect: true,
        http_status: 0,
    }
}

fn connect_timeout() -> Error {
    Error::Transport {
        message: "request timed out: could not connect in time".into(),
        timeout: true,
        connect: true,
        http_status: 0,
    }
}

/// A failure after the request may have been sent.
fn transport_error(e: ReadError) -> Error {
    let (timeout, message) = match e {
        ReadError::Timeout => (true, "request timed out".to_string()),
        ReadError::Closed => (
            false,
            "request failed: connection closed before the answer was complete".to_string(),
        ),
        ReadError::Io(e) => (false, format!("request failed: {e}")),
        ReadError::Malformed(what) => (false, format!("request failed: malformed answer: {what}")),
        ReadError::TooLarge => (false, "response body larger than 1 MiB".to_string()),
    };
    Error::Transport {
        message,
        timeout,
        connect: false,
        http_status: 0,
    }
}
