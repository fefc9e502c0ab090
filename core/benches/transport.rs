//! B2 (Rust side): where the time of one API call goes. One create_order
//! against the sandbox over HTTPS (TLS verified, one kept-alive connection),
//! measured side by side, interleaved, in one process:
//!
//! - `floor`: rustls over a blocking std `TcpStream`, a hand-written HTTP/1.1
//!   request and a Content-Length read — the physical floor (one loopback
//!   round trip + the server's work), no HTTP library at all;
//! - `post`: `iotpay_core::transport::post` with a prebuilt signed body
//!   (blocking HTTP/1.1 over rustls on the calling thread, kept-alive pool);
//! - `call`: the whole `Client::create_order` (validate, sign, encode, post,
//!   parse, verify, typed result);
//! - `handoff`: the transport before issue 10, rebuilt here for comparison:
//!   reqwest on a one-worker multi-thread tokio runtime, the caller waiting
//!   in `block_on` (two thread wake-ups per call);
//! - `ct`: reqwest on a current-thread runtime driven by the caller (no
//!   hand-off, but the async HTTP stack);
//!
//! plus the CPU-only steps (building the signed body, parsing the answer).
//! Wall-clock p50/p95 per variant and the bench process's CPU time per call
//! (all its threads, from /proc), so the client-side overhead shows even when
//! the machine is noisy.
//!
//! Run: cargo bench -p iotpay-core --bench transport [-- N ROUNDS]
//! It starts target/release/iotpay-sandbox (build it first: `make build`),
//! or uses IOTPAY_SANDBOX_READY=<ready.json of a running sandbox>.

use iotpay_core::client::Client;
use iotpay_core::config::{parse_base, Config};
use iotpay_core::params::{Params, Value};
use iotpay_core::transport::{self, ClientKey};
use rustls::pki_types::pem::PemObject;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

const KEY: &str = "test_merchant_key";

struct Sandbox {
    https: String,
    ca: PathBuf,
    child: Option<std::process::Child>,
    _dir: Option<PathBuf>,
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
        if let Some(d) = &self._dir {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

fn read_ready(ready: &Path) -> Option<String> {
    let text = std::fs::read_to_string(ready).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    Some(v.get("https")?.as_str()?.trim_end_matches('/').to_string())
}

fn sandbox() -> Sandbox {
    if let Ok(ready) = std::env::var("IOTPAY_SANDBOX_READY") {
        let ready = PathBuf::from(ready);
        let https = read_ready(&ready).expect("ready file with an https address");
        let ca = ready.with_file_name("ca.pem");
        return Sandbox {
            https,
            ca,
            child: None,
            _dir: None,
        };
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let bin = root.join("target/release/iotpay-sandbox");
    assert!(bin.exists(), "build the sandbox first: make build");
    let dir = std::env::temp_dir().join(format!("iotpay-tbench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ready = dir.join("ready.json");
    let ca = dir.join("ca.pem");
    let child = std::process::Command::new(bin)
        .args([
            "--http",
            "127.0.0.1:0",
            "--https",
            "127.0.0.1:0",
            "--ca-out",
        ])
        .arg(&ca)
        .arg("--ready-file")
        .arg(&ready)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start sandbox");
    let t = Instant::now();
    let https = loop {
        if let Some(h) = read_ready(&ready) {
            break h;
        }
        assert!(t.elapsed() < Duration::from_secs(20), "sandbox not ready");
        std::thread::sleep(Duration::from_millis(20));
    };
    Sandbox {
        https,
        ca,
        child: Some(child),
        _dir: Some(dir),
    }
}

fn order_params(i: u64) -> Params {
    let mut p = Params::new();
    let no = format!("TB{}x{}", std::process::id(), i);
    for (k, v) in [
        ("mchOrderNo", no.as_str()),
        ("channelId", "WX_NATIVE"),
        ("currency", "CAD"),
        ("clientIp", "203.0.113.9"),
        ("device", "WEB"),
        ("notifyUrl", "http://127.0.0.1:9/notify"),
        ("subject", "Bench order"),
        ("body", "Bench body"),
        ("extra", r#"{"productId":"B1"}"#),
    ] {
        p.set_str(k, v);
    }
    p.set("amount", Value::Int(1234));
    p
}

/// The full signed form body as the client sends it.
fn signed_body(i: u64) -> Vec<u8> {
    let mut p = order_params(i);
    p.set_str("mchId", "10000701");
    p.set_str("jobNo", "jack123");
    let mut json = Vec::with_capacity(512);
    p.write_signed_json(KEY, &mut json);
    let mut body = b"params=".to_vec();
    iotpay_core::params::form_encode_into(&mut body, &json);
    body
}

/// CPU time of this process so far (all its threads, so the I/O thread of
/// `handoff` counts), in ns.
fn cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec into `ts`.
    unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// The floor: one rustls session over one kept-alive blocking TCP socket.
struct Floor {
    stream: rustls::StreamOwned<rustls::ClientConnection, TcpStream>,
    host: String,
    buf: Vec<u8>,
}

impl Floor {
    fn connect(https: &str, ca: &Path) -> Floor {
        let url = url::Url::parse(https).unwrap();
        let host = url.host_str().unwrap().to_string();
        let port = url.port().unwrap();
        let mut roots = rustls::RootCertStore::empty();
        let pem = std::fs::read(ca).unwrap();
        for c in rustls::pki_types::CertificateDer::pem_slice_iter(&pem) {
            roots.add(c.unwrap()).unwrap();
        }
        let cfg = rustls::ClientConfig::builder_with_provider(Arc::new(
            rustls::crypto::ring::default_provider(),
        ))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
        let name = rustls::pki_types::ServerName::try_from(host.clone()).unwrap();
        let conn = rustls::ClientConnection::new(Arc::new(cfg), name).unwrap();
        let tcp = TcpStream::connect((host.as_str(), port)).unwrap();
        tcp.set_nodelay(true).unwrap();
        Floor {
            stream: rustls::StreamOwned::new(conn, tcp),
            host: format!("{host}:{port}"),
            buf: Vec::with_capacity(8192),
        }
    }

    fn post(&mut self, path: &str, body: &[u8]) -> (u16, Vec<u8>) {
        let mut req = Vec::with_capacity(256 + body.len());
        write!(
            req,
            "POST {path} HTTP/1.1\r\nhost: {}\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: {}\r\n\r\n",
            self.host,
            body.len()
        )
        .unwrap();
        req.extend_from_slice(body);
        self.stream.write_all(&req).unwrap();
        self.stream.flush().unwrap();
        self.buf.clear();
        let mut tmp = [0u8; 8192];
        loop {
            let n = self.stream.read(&mut tmp).unwrap();
            assert!(n > 0, "eof");
            self.buf.extend_from_slice(&tmp[..n]);
            if let Some(end) = self.buf.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&self.buf[..end]).unwrap().to_string();
                let status: u16 = head[9..12].parse().unwrap();
                let len: usize = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse().unwrap())
                    })
                    .expect("content-length");
                while self.buf.len() < end + 4 + len {
                    let n = self.stream.read(&mut tmp).unwrap();
                    assert!(n > 0, "eof");
                    self.buf.extend_from_slice(&tmp[..n]);
                }
                return (status, self.buf[end + 4..end + 4 + len].to_vec());
            }
        }
    }
}

fn pct(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((p / 100.0) * (v.len() - 1) as f64).floor() as usize]
}

fn main() {
    let args: Vec<u64> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let n = args.first().copied().unwrap_or(300);
    let rounds = args.get(1).copied().unwrap_or(3);
    let sb = sandbox();
    let url = url::Url::parse(&format!("{}/v1/create_order", sb.https)).unwrap();
    let key = ClientKey {
        ca_file: Some(sb.ca.clone()),
        connect_timeout: Duration::from_secs(5),
    };
    let mut cfg = Config::new("10000701", KEY, "jack123").unwrap();
    cfg.v1_base = parse_base("baseUrl", &format!("{}/v1/", sb.https)).unwrap();
    cfg.ca_file = Some(sb.ca.clone());
    let client = Client::new(cfg);
    let mut floor = Floor::connect(&sb.https, &sb.ca);
    let reqwest_client = || {
        let pem = std::fs::read(&sb.ca).unwrap();
        let mut b = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(4);
        for c in reqwest::Certificate::from_pem_bundle(&pem).unwrap() {
            b = b.add_root_certificate(c);
        }
        b.build().unwrap()
    };
    let mt_rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let ct_rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    // Built inside their runtimes (as the old transport did).
    let mt_client = mt_rt.block_on(async { reqwest_client() });
    let ct_client = ct_rt.block_on(async { reqwest_client() });
    let reqwest_post = |rt: &tokio::runtime::Runtime, client: &reqwest::Client, body: Vec<u8>| {
        let r = rt.block_on(async {
            let resp = client
                .post(url.clone())
                .header("content-type", "application/x-www-form-urlencoded")
                .timeout(Duration::from_secs(30))
                .body(body)
                .send()
                .await
                .unwrap();
            let s = resp.status().as_u16();
            (s, resp.bytes().await.unwrap())
        });
        assert!(r.0 == 200 && !r.1.is_empty());
    };

    let mut seq = 0u64;
    let mut next = || {
        seq += 1;
        seq
    };
    type Variant<'a> = Box<dyn FnMut(u64) + 'a>;
    let mut variants: Vec<(&str, Variant)> = vec![
        (
            "floor",
            Box::new(|i| {
                let body = signed_body(i);
                let (s, b) = floor.post("/v1/create_order", &body);
                assert!(s == 200 && !b.is_empty());
            }),
        ),
        (
            "post",
            Box::new(|i| {
                let body = signed_body(i);
                let r = transport::post(
                    &url,
                    "application/x-www-form-urlencoded",
                    &body,
                    &key,
                    Duration::from_secs(30),
                )
                .unwrap();
                assert!(r.status == 200 && !r.body.is_empty());
            }),
        ),
        (
            "handoff",
            Box::new(|i| reqwest_post(&mt_rt, &mt_client, signed_body(i))),
        ),
        (
            "ct",
            Box::new(|i| reqwest_post(&ct_rt, &ct_client, signed_body(i))),
        ),
        (
            "call",
            Box::new(|i| {
                let r = client.create_order(order_params(i)).unwrap();
                assert!(r.code_url.is_some());
            }),
        ),
    ];
    if let Ok(only) = std::env::var("IOTPAY_BENCH_ONLY") {
        variants.retain(|(name, _)| only.split(',').any(|o| o == *name));
    }
    // Warm-up: connections, TLS sessions, runtime.
    for (_, f) in variants.iter_mut() {
        for _ in 0..20 {
            f(next());
        }
    }
    let mut wall: Vec<Vec<f64>> = vec![Vec::new(); variants.len()];
    let mut cpu: Vec<u64> = vec![0; variants.len()];
    // Round robin, one call of each variant in turn, in a shuffled order
    // (seeded): they share the noise and none always follows the same one.
    let mut order: Vec<usize> = (0..variants.len()).collect();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..rounds * n {
        for k in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(k, (rng % (k as u64 + 1)) as usize);
        }
        for &vi in &order {
            let f = &mut variants[vi].1;
            let i = next();
            let c0 = cpu_ns();
            let t = Instant::now();
            f(i);
            wall[vi].push(t.elapsed().as_nanos() as f64 / 1000.0);
            cpu[vi] += cpu_ns() - c0;
        }
    }
    // CPU-only steps, for the breakdown.
    let m = if std::env::var("IOTPAY_BENCH_ONLY").is_ok() {
        1
    } else {
        20_000u64
    };
    let t = Instant::now();
    for i in 0..m {
        std::hint::black_box(signed_body(i));
    }
    let body_us = t.elapsed().as_nanos() as f64 / m as f64 / 1000.0;
    let answer = {
        let body = signed_body(next());
        transport::post(
            &url,
            "application/x-www-form-urlencoded",
            &body,
            &key,
            Duration::from_secs(30),
        )
        .unwrap()
        .body
    };
    let t = Instant::now();
    for _ in 0..m {
        std::hint::black_box(
            iotpay_core::v1::response::parse(200, std::hint::black_box(&answer), KEY).unwrap(),
        );
    }
    let parse_us = t.elapsed().as_nanos() as f64 / m as f64 / 1000.0;

    println!(
        "B2 (Rust) create_order over HTTPS to the sandbox, {} calls each, shuffled round robin, one kept-alive connection each",
        n * rounds
    );
    println!(
        "{:<8} {:>9} {:>9} {:>12} {:>10}",
        "variant", "p50 us", "p95 us", "cpu us/call", "p50/floor"
    );
    let floor_p50 = pct(&mut wall[0].clone(), 50.0); // the first variant run
    for (vi, (name, _)) in variants.iter().enumerate() {
        let p50 = pct(&mut wall[vi], 50.0);
        let p95 = pct(&mut wall[vi], 95.0);
        let c = cpu[vi] as f64 / (n * rounds) as f64 / 1000.0;
        println!(
            "{name:<8} {p50:>9.1} {p95:>9.1} {c:>12.1} {:>9.2}x",
            p50 / floor_p50
        );
    }
    println!(
        "cpu-only: signed form body {body_us:.2} us, parse+verify answer ({} bytes) {parse_us:.2} us",
        answer.len()
    );
}
