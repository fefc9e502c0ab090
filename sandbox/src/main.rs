//! `iotpay-sandbox`: run the IOTPay and SUNBAY Nexus simulator until Ctrl-C / SIGTERM.

use clap::Parser;
use iotpay_sandbox::cli::{Args, LogFormat};
use tracing_subscriber::EnvFilter;

fn init_logging(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Json => builder.json().flatten_event(true).init(),
        LogFormat::Text => builder.with_ansi(false).init(),
    }
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

fn main() -> std::process::ExitCode {
    let args = Args::parse();
    init_logging(args.log_format);
    let config = match args.into_config() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("iotpay-sandbox: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("iotpay-sandbox: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    runtime.block_on(async move {
        match iotpay_sandbox::start(config).await {
            Ok(sandbox) => {
                println!("iotpay-sandbox listening on {}", sandbox.http_url());
                if let Some(u) = sandbox.https_url() {
                    println!("iotpay-sandbox listening on {u}");
                }
                shutdown_signal().await;
                tracing::info!("shutting down");
                sandbox.shutdown().await;
                std::process::ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("iotpay-sandbox: {e}");
                std::process::ExitCode::FAILURE
            }
        }
    })
}
