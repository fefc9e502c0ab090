//! HTTPS through the environment's proxy (CONNECT), as the transport before
//! issue 10 (reqwest) did. Its own test binary: the environment is read
//! once per process, when the transport state is built on the first call.

mod common;

use common::https_server_for;
use iotpay_core::transport::{self, ClientKey};
use iotpay_core::Error;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;
use url::Url;

/// A CONNECT proxy that sends every tunnel to 127.0.0.1 (so test names need
/// no DNS) and records each request head; `deny.test` gets a 407.
fn proxy() -> (u16, Arc<Mutex<Vec<String>>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    thread::spawn(move || {
        for client in l.incoming().flatten() {
            let log = log.clone();
            thread::spawn(move || {
                let mut r = BufReader::new(client.try_clone().unwrap());
                let mut head = String::new();
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    if line == "\r\n" {
                        break;
                    }
                    head.push_str(&line);
                }
                log.lock().unwrap().push(head.clone());
                let authority = head.split_whitespace().nth(1).unwrap_or("").to_string();
                let mut client = client;
                if authority.starts_with("deny.test") {
                    let _ = client.write_all(
                        b"HTTP/1.1 407 Proxy Authentication Required\r\ncontent-length: 0\r\n\r\n",
                    );
                    return;
                }
                let port = authority.rsplit(':').next().unwrap();
                let upstream = TcpStream::connect(format!("127.0.0.1:{port}")).unwrap();
                client
                    .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
                    .unwrap();
                let (mut a, mut b) = (upstream.try_clone().unwrap(), client.try_clone().unwrap());
                thread::spawn(move || {
                    let _ = std::io::copy(&mut b, &mut a);
                });
                let mut up = upstream;
                let _ = std::io::copy(&mut up, &mut client);
            });
        }
    });
    (port, seen)
}

#[test]
fn https_goes_through_the_environments_proxy() {
    let (port, seen) = proxy();
    // Set before the first call of this process; edition 2021: safe here,
    // no other thread reads the environment yet.
    std::env::set_var("HTTPS_PROXY", format!("http://us%40er:pw@127.0.0.1:{port}"));
    std::env::set_var("NO_PROXY", "example.org, .skip.test");
    let sb = https_server_for("iotpay.test");
    for _ in 0..3 {
        assert_eq!(
            sb.post("/fast", Duration::from_secs(5)).unwrap(),
            (200, "ok hello".to_string())
        );
    }
    {
        let seen = seen.lock().unwrap();
        assert_eq!(seen.len(), 1, "one tunnel, kept alive: {seen:?}");
        let head = &seen[0];
        assert!(
            head.starts_with(&format!("CONNECT iotpay.test:{} HTTP/1.1\r\n", sb.port)),
            "{head}"
        );
        // "us@er:pw"
        assert!(
            head.contains("proxy-authorization: Basic dXNAZXI6cHc=\r\n"),
            "{head}"
        );
        assert!(!head.contains("/fast"), "the proxy never sees the request");
    }
    // TLS is still verified end to end: another CA fails through the proxy.
    let other = https_server_for("iotpay.test");
    let key = ClientKey {
        ca_file: other.ca_file.clone(),
        connect_timeout: Duration::from_secs(2),
    };
    let url = Url::parse(&format!("https://iotpay.test:{}/fast", sb.port)).unwrap();
    match transport::post(&url, "text/plain", b"x", &key, Duration::from_secs(5)) {
        Err(Error::Transport {
            message,
            connect: true,
            ..
        }) => assert!(message.contains("certificate"), "{message}"),
        other => panic!("{other:?}"),
    }
    // A refusal by the proxy is a connect failure (nothing was sent).
    let url = Url::parse("https://deny.test:443/fast").unwrap();
    match transport::post(&url, "text/plain", b"x", &key, Duration::from_secs(5)) {
        Err(Error::Transport {
            message,
            connect: true,
            timeout: false,
            ..
        }) => assert!(message.contains("407"), "{message}"),
        other => panic!("{other:?}"),
    }
    // NO_PROXY: direct (and this name does not resolve: a connect error).
    let before = seen.lock().unwrap().len();
    let url = Url::parse("https://api.skip.test:443/fast").unwrap();
    assert!(matches!(
        transport::post(&url, "text/plain", b"x", &key, Duration::from_secs(5)),
        Err(Error::Transport { connect: true, .. })
    ));
    assert_eq!(seen.lock().unwrap().len(), before, "bypassed the proxy");
    // This machine is never proxied.
    let local = https_server_for("127.0.0.1");
    assert_eq!(local.post("/fast", Duration::from_secs(5)).unwrap().0, 200);
    assert_eq!(seen.lock().unwrap().len(), before);
}
