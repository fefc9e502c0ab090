//! Start-up and infrastructure errors. Protocol errors are not Rust errors:
//! they are IOTPay answers (see `wire::Reply`).

use thiserror::Error;

#[derive(Debug, Error)]
pub enum SandboxError {
    #[error("configuration: {0}")]
    Config(String),
    #[error("cannot bind {addr}: {source}")]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("I/O on {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("TLS set-up: {0}")]
    Tls(String),
    #[error("state file {path}: {reason}")]
    State { path: String, reason: String },
    #[error("HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

impl SandboxError {
    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        SandboxError::Io {
            path: path.display().to_string(),
            source,
        }
    }
}
