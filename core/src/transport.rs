//! HTTPS transport shared by every call in a PHP worker process.
//!
//! PHP-FPM loads the extension in the master and forks workers afterwards, so
//! nothing network-related may exist before the first call: the tokio runtime
//! and the reqwest clients are built lazily, remembered with the pid that built
//! them, and rebuilt if a call finds itself in a different (forked) process.
//! Within one worker they are reused, so TLS connections stay alive across PHP
//! requests.

use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::Duration;
use url::Url;

/// Largest response body we read; IOTPay answers are a few KiB.
const MAX_BODY: usize = 1 << 20;

/// What identifies a client: its TLS roots and connect timeout.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClientKey {
    pub ca_file: Option<PathBuf>,
    pub connect_timeout: Duration,
}

pub struct HttpResponse {
    pub status: u16,
    pub body: Vec<u8>,
}

struct ProcessState {
    pid: u32,
    runtime: tokio::runtime::Runtime,
    clients: HashMap<ClientKey, reqwest::Client>,
}

static STATE: Mutex<Option<ProcessState>> = Mutex::new(None);
static RUNTIME_BUILDS: AtomicU64 = AtomicU64::new(0);
static CLIENT_BUILDS: AtomicU64 = AtomicU64::new(0);
static REQUESTS: AtomicU64 = AtomicU64::new(0);

/// Counters for tests and diagnostics: (runtimes built, clients built, requests sent).
pub fn stats() -> (u64, u64, u64) {
    (
        RUNTIME_BUILDS.load(Ordering::Relaxed),
        CLIENT_BUILDS.load(Ordering::Relaxed),
        REQUESTS.load(Ordering::Relaxed),
    )
}

/// Whether this process has built its runtime yet (false right after module load).
pub fn is_initialised() -> bool {
    let guard = STATE.lock().unwrap_or_else(|p| p.into_inner());
    matches!(&*guard, Some(s) if s.pid == std::process::id())
}

fn build_runtime() -> Result<tokio::runtime::Runtime> {
    // One I/O thread per worker process: it keeps pooled keep-alive
    // connections serviced between PHP requests (a closed idle connection is
    // noticed before it is reused, instead of failing a POST after writing
    // it). It never touches PHP; the PHP thread only waits in block_on.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .max_blocking_threads(2)
        .thread_name("iotpay-io")
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("cannot start I/O runtime: {e}")))?;
    RUNTIME_BUILDS.fetch_add(1, Ordering::Relaxed);
    Ok(rt)
}

fn build_client(key: &ClientKey) -> Result<reqwest::Client> {
    let mut b = reqwest::Client::builder()
        .connect_timeout(key.connect_timeout)
        .pool_idle_timeout(Duration::from_secs(50))
        .pool_max_idle_per_host(4)
        .redirect(reqwest::redirect::Policy::none())
        .user_agent(concat!("iotpay-php/", env!("CARGO_PKG_VERSION")))
        .tls_built_in_root_certs(true);
    if let Some(path) = &key.ca_file {
        let pem = std::fs::read(path).map_err(|e| {
            Error::Config(format!(
                "cannot read CA file {}: {}",
                path.display(),
                e.kind()
            ))
        })?;
        let certs = reqwest::Certificate::from_pem_bundle(&pem).map_err(|_| {
            Error::Config(format!(
                "CA file {} holds no PEM certificate",
                path.display()
            ))
        })?;
        if certs.is_empty() {
            return Err(Error::Config(format!(
                "CA file {} holds no PEM certificate",
                path.display()
            )));
        }
        for c in certs {
            b = b.add_root_certificate(c);
        }
    }
    let c = b
        .build()
        .map_err(|e| Error::Config(format!("cannot build HTTPS client: {e}")))?;
    CLIENT_BUILDS.fetch_add(1, Ordering::Relaxed);
    Ok(c)
}

/// POSTs `body` and returns the status and body. Never follows redirects.
pub fn post(
    url: &Url,
    content_type: &str,
    body: Vec<u8>,
    key: &ClientKey,
    timeout: Duration,
) -> Result<HttpResponse> {
    let mut guard = STATE.lock().unwrap_or_else(|p| p.into_inner());
    let pid = std::process::id();
    if guard.as_ref().map(|s| s.pid) != Some(pid) {
        // The state (if any) was inherited from the parent through fork: its
        // runtime's threads and sockets belong to the parent. Dropping it would
        // touch them, so it is leaked deliberately.
        if let Some(old) = guard.take() {
            std::mem::forget(old);
        }
        *guard = Some(ProcessState {
            pid,
            runtime: build_runtime()?,
            clients: HashMap::new(),
        });
    }
    let state = guard
        .as_mut()
        .ok_or_else(|| Error::Internal("transport state missing".into()))?;
    if !state.clients.contains_key(key) {
        let c = build_client(key)?;
        state.clients.insert(key.clone(), c);
    }
    let client = state
        .clients
        .get(key)
        .cloned()
        .ok_or_else(|| Error::Internal("client missing".into()))?;
    REQUESTS.fetch_add(1, Ordering::Relaxed);
    let fut = async move {
        let resp = client
            .post(url.clone())
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .timeout(timeout)
            .body(body)
            .send()
            .await
            .map_err(map_reqwest)?;
        let status = resp.status().as_u16();
        let mut resp = resp;
        let mut buf = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(map_reqwest)? {
            if buf.len() + chunk.len() > MAX_BODY {
                return Err(Error::Protocol("response body larger than 1 MiB".into()));
            }
            buf.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, body: buf })
    };
    state.runtime.block_on(fut)
}

fn map_reqwest(e: reqwest::Error) -> Error {
    // reqwest's Display can include the URL but never the body; the key is
    // never in a URL.
    let timeout = e.is_timeout();
    let connect = e.is_connect();
    let mut message = if timeout {
        "request timed out".to_string()
    } else if connect {
        "could not connect".to_string()
    } else {
        "request failed".to_string()
    };
    let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    let mut depth = 0;
    while let Some(s) = src {
        if depth == 3 {
            break;
        }
        message.push_str(": ");
        message.push_str(&s.to_string());
        src = s.source();
        depth += 1;
    }
    Error::Transport {
        message,
        timeout,
        connect,
        http_status: 0,
    }
}
