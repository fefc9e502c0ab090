//! Routes, listeners (HTTP and HTTPS serve the same app), the ready file and
//! the one-line-per-request log.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::path::Path;
use std::time::{Duration, Instant};

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::serve::ListenerExt;
use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::{App, SharedApp};
use crate::config::Config;
use crate::error::SandboxError;
use crate::respond::LogInfo;
use crate::store::tmp_path;
use crate::{admin, iotpay, sunbay, tls};

/// Every route of the sandbox: each provider's, then the shared admin ones.
pub fn router(app: SharedApp) -> Router {
    Router::new()
        .merge(iotpay::routes())
        .merge(sunbay::routes())
        // Admin (every provider)
        .route("/admin/notifications", get(admin::notifications))
        .route("/admin/reset", post(admin::reset))
        .route(
            "/admin/faults",
            get(admin::get_faults)
                .post(admin::add_faults)
                .delete(admin::clear_faults),
        )
        .route("/healthz", get(|| async { "ok" }))
        .route("/", get(index))
        .fallback(|| async { (StatusCode::NOT_FOUND, "not found\n") })
        .layer(middleware::from_fn(log_request))
        .with_state(app)
}

async fn index() -> Response {
    Html(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>IOTPay sandbox</title></head><body>\
<h1>IOTPay sandbox</h1><p>v1: POST /v1/create_order, /v1/payForSubmit, /v1/query_order, /v1/refund_order, /v1/query_refund.</p>\
<p>Credit Card V3: POST /v3/cc_*. Autodebit: POST /contract/, /contract/create_order, /contract/query_order.</p>\
<h2>SUNBAY Nexus</h2><p>POST /v1/checkout/create-session, /v1/checkout/expire-session, /v1/checkout/sale, /v1/checkout/refund; GET /v1/transaction/query. Admin: <a href=\"/admin/sunbay/sessions\">/admin/sunbay/sessions</a>, <a href=\"/admin/sunbay/transactions\">/admin/sunbay/transactions</a>, <a href=\"/admin/sunbay/webhooks\">/admin/sunbay/webhooks</a>.</p>\
<p>Admin: GET <a href=\"/admin/orders\">/admin/orders</a>, <a href=\"/admin/notifications\">/admin/notifications</a>, <a href=\"/admin/faults\">/admin/faults</a>.</p></body></html>",
    )
    .into_response()
}

/// One structured log line per request (never any key or body).
async fn log_request(req: Request, next: Next) -> Response {
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let started = Instant::now();
    let resp = next.run(req).await;
    let info = resp
        .extensions()
        .get::<LogInfo>()
        .cloned()
        .unwrap_or_default();
    tracing::info!(
        target: "iotpay_sandbox::request",
        %method,
        %path,
        status = resp.status().as_u16(),
        ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        endpoint = info.endpoint,
        mch_id = info.mch_id.as_deref().unwrap_or(""),
        outcome = info.outcome,
        fault = info.fault.unwrap_or(""),
        "request"
    );
    resp
}

/// A running sandbox.
pub struct Sandbox {
    pub app: SharedApp,
    pub http_addr: SocketAddr,
    pub https_addr: Option<SocketAddr>,
    /// PEM of the CA behind the HTTPS certificate.
    pub ca_pem: Option<String>,
    shutdown: watch::Sender<bool>,
    tasks: Vec<JoinHandle<()>>,
}

fn url_host(addr: SocketAddr) -> String {
    let ip = match addr.ip() {
        IpAddr::V4(v) if v.is_unspecified() => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(v) if v.is_unspecified() => IpAddr::V6(Ipv6Addr::LOCALHOST),
        ip => ip,
    };
    SocketAddr::new(ip, addr.port()).to_string()
}

impl Sandbox {
    pub fn http_url(&self) -> String {
        format!("http://{}", url_host(self.http_addr))
    }

    pub fn https_url(&self) -> Option<String> {
        self.https_addr.map(|a| format!("https://{}", url_host(a)))
    }

    /// Runs until every listener has stopped.
    pub async fn wait(mut self) {
        for t in self.tasks.drain(..) {
            let _ = t.await;
        }
    }

    /// Stops accepting, gives open requests a moment, then aborts the rest.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        let deadline = tokio::time::Instant::now() + Duration::from_secs(2);
        for t in self.tasks.drain(..) {
            let abort = t.abort_handle();
            if tokio::time::timeout_at(deadline, t).await.is_err() {
                abort.abort();
            }
        }
    }
}

async fn bind(addr: SocketAddr) -> Result<TcpListener, SandboxError> {
    TcpListener::bind(addr)
        .await
        .map_err(|source| SandboxError::Bind { addr, source })
}

fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), SandboxError> {
    let tmp = tmp_path(path);
    std::fs::write(&tmp, contents).map_err(|e| SandboxError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| SandboxError::io(path, e))
}

/// Binds the listeners, writes the CA and ready files, and starts serving.
pub async fn start(config: Config) -> Result<Sandbox, SandboxError> {
    let app = App::new(&config)?;
    let http_listener = bind(config.http).await?;
    let http_addr = http_listener
        .local_addr()
        .map_err(|source| SandboxError::Bind {
            addr: config.http,
            source,
        })?;
    let (shutdown, rx) = watch::channel(false);
    let rx_tick = rx.clone();
    let signal = |mut rx: watch::Receiver<bool>| async move {
        let _ = rx.wait_for(|v| *v).await;
    };
    let mut tasks = Vec::new();

    let mut https_addr = None;
    let mut ca_pem = None;
    if let Some(addr) = config.https {
        let material = tls::generate()?;
        let tcp = bind(addr).await?;
        let listener = tls::TlsListener::new(tcp, material.server_config.clone())
            .map_err(|source| SandboxError::Bind { addr, source })?;
        https_addr = Some(
            axum::serve::Listener::local_addr(&listener)
                .map_err(|source| SandboxError::Bind { addr, source })?,
        );
        if let Some(path) = &config.ca_out {
            write_atomic(path, material.ca_pem.as_bytes())?;
        }
        ca_pem = Some(material.ca_pem);
        let router = router(app.clone());
        let sig = signal(rx.clone());
        tasks.push(tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, router)
                .with_graceful_shutdown(sig)
                .await
            {
                tracing::error!(error = %e, "https listener stopped");
            }
        }));
    }

    let sandbox_http = format!("http://{}", url_host(http_addr));
    app.set_public_url(config.public_url.as_deref().unwrap_or(&sandbox_http));
    let router = router(app.clone());
    let sig = signal(rx);
    let http_listener = http_listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    tasks.push(tokio::spawn(async move {
        if let Err(e) = axum::serve(http_listener, router)
            .with_graceful_shutdown(sig)
            .await
        {
            tracing::error!(error = %e, "http listener stopped");
        }
    }));

    // SUNBAY's time-driven changes (session expiry, pending refunds) send
    // their webhooks even when no request comes in.
    let tick_app = app.clone();
    let mut tick_stop = rx_tick;
    tasks.push(tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_millis(250));
        loop {
            tokio::select! {
                _ = every.tick() => sunbay::lifecycle::sweep(&tick_app),
                _ = tick_stop.wait_for(|v| *v) => break,
            }
        }
    }));

    let sandbox = Sandbox {
        app,
        http_addr,
        https_addr,
        ca_pem,
        shutdown,
        tasks,
    };
    if let Some(path) = &config.ready_file {
        let mut ready = serde_json::Map::new();
        ready.insert("http".into(), sandbox.http_url().into());
        if let Some(u) = sandbox.https_url() {
            ready.insert("https".into(), u.into());
        }
        let text = serde_json::Value::Object(ready).to_string();
        write_atomic(path, text.as_bytes())?;
    }
    tracing::info!(
        http = %sandbox.http_url(),
        https = sandbox.https_url().as_deref().unwrap_or(""),
        public_url = %sandbox.app.public_url(),
        merchants = %sandbox.app.merchants.ids().collect::<Vec<_>>().join(","),
        "IOTPay sandbox listening"
    );
    Ok(sandbox)
}
