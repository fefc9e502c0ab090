//! The transport against local servers (plain HTTP on loopback and HTTPS
//! with a test CA): concurrency without serialisation (one hung call does
//! not hold up the others — the ZTS case), keep-alive reuse, a server that
//! closes idle connections, timeouts, the answer cap, redirects not
//! followed, TLS verification.
//!
//! The servers (tests/common) are small std-thread HTTP/1.1 servers, so
//! that each behaviour (hang, slow, close when idle, oversize) is exact.

mod common;

use common::{http_server, https_server, listener, Server};
use iotpay_core::transport::{self, ClientKey};
use iotpay_core::Error;
use std::path::PathBuf;
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};
use url::Url;

fn is_timeout(e: &Error) -> bool {
    matches!(
        e,
        Error::Transport {
            timeout: true,
            connect: false,
            ..
        }
    )
}

/// The ZTS case: threads share the transport. A call that hangs until its
/// timeout must not hold up calls on other threads, and concurrent calls
/// must overlap rather than queue.
fn hung_call_does_not_block_others(sb: Server) {
    let sb = Arc::new(sb);
    let t0 = Instant::now();
    let hung = {
        let sb = sb.clone();
        thread::spawn(move || {
            let r = sb.post("/hang", Duration::from_millis(2500));
            (r, t0.elapsed())
        })
    };
    thread::sleep(Duration::from_millis(100)); // the hung call is in flight
    let threads = 4;
    let barrier = Arc::new(Barrier::new(threads));
    let fast: Vec<_> = (0..threads)
        .map(|_| {
            let sb = sb.clone();
            let barrier = barrier.clone();
            thread::spawn(move || {
                barrier.wait();
                let t = Instant::now();
                for _ in 0..25 {
                    assert_eq!(
                        sb.post("/fast", Duration::from_secs(5)).unwrap(),
                        (200, "ok hello".to_string())
                    );
                }
                // Four calls of 300 ms each, at the same time.
                assert_eq!(sb.post("/slow", Duration::from_secs(5)).unwrap().0, 200);
                t.elapsed()
            })
        })
        .collect();
    let fast_done: Vec<Duration> = fast.into_iter().map(|h| h.join().unwrap()).collect();
    let all_fast = t0.elapsed();
    for d in &fast_done {
        // 25 fast calls and one 300 ms call per thread; serialised they
        // would wait for the hung call (2.5 s) and for each other's slow
        // calls (4 x 300 ms).
        assert!(*d < Duration::from_millis(1100), "a thread took {d:?}");
    }
    assert!(all_fast < Duration::from_millis(2000), "{all_fast:?}");
    assert!(
        !hung.is_finished(),
        "the hung call ended early: the test proves nothing"
    );
    let (r, took) = hung.join().unwrap();
    let e = r.unwrap_err();
    assert!(is_timeout(&e), "{e:?}");
    assert!(
        took >= Duration::from_millis(2500) && took < Duration::from_millis(4000),
        "the hung call took {took:?}"
    );
}

#[test]
fn zts_hung_call_does_not_block_others_http() {
    hung_call_does_not_block_others(http_server());
}

#[test]
fn zts_hung_call_does_not_block_others_https() {
    hung_call_does_not_block_others(https_server());
}

fn keep_alive(sb: Server) {
    for _ in 0..20 {
        assert_eq!(sb.post("/fast", Duration::from_secs(5)).unwrap().0, 200);
    }
    assert_eq!(sb.accepted(), 1, "one connection for 20 sequential calls");
    let (status, body) = sb.post("/chunked", Duration::from_secs(5)).unwrap();
    assert_eq!((status, body.as_str()), (200, "ok chunk"));
    assert_eq!(sb.post("/fast", Duration::from_secs(5)).unwrap().0, 200);
    assert_eq!(sb.accepted(), 1, "a chunked answer keeps the connection");
}

#[test]
fn keep_alive_http() {
    keep_alive(http_server());
}

#[test]
fn keep_alive_https() {
    keep_alive(https_server());
}

/// A server closes the kept-alive connection while it is idle: the next
/// call notices before sending and opens a new one, without an error.
fn idle_close(sb: Server) {
    for i in 0..5 {
        assert_eq!(sb.post("/once", Duration::from_secs(5)).unwrap().0, 200);
        thread::sleep(Duration::from_millis(150));
        assert_eq!(sb.accepted(), i + 1);
    }
}

#[test]
fn idle_close_http() {
    idle_close(http_server());
}

#[test]
fn idle_close_https() {
    idle_close(https_server());
}

#[test]
fn total_timeout_is_honoured() {
    let sb = https_server();
    let t = Instant::now();
    let e = sb.post("/hang", Duration::from_millis(300)).unwrap_err();
    assert!(is_timeout(&e), "{e:?}");
    assert!(
        t.elapsed() < Duration::from_millis(1500),
        "{:?}",
        t.elapsed()
    );
    // The timed-out connection is not reused; the next call works.
    assert_eq!(sb.post("/fast", Duration::from_secs(5)).unwrap().0, 200);
    assert_eq!(sb.accepted(), 2);
}

/// The socket timeout one call leaves behind never decides the next call's:
/// a short one is waited again, a long one is shortened.
#[test]
fn socket_timeouts_carry_over_safely() {
    let sb = https_server();
    // Connect and handshake first, with time to spare (a busy CI machine can
    // take longer than the short deadline below for a TLS handshake alone).
    assert_eq!(sb.post("/fast", Duration::from_secs(5)).unwrap().0, 200);
    assert_eq!(sb.post("/fast", Duration::from_millis(150)).unwrap().0, 200);
    // The socket now times out after at most ~150 ms; this answer takes 300 ms.
    assert_eq!(sb.post("/slow", Duration::from_secs(5)).unwrap().0, 200);
    // And after a 5 s call, a 200 ms deadline still holds.
    let t = Instant::now();
    let e = sb.post("/hang", Duration::from_millis(200)).unwrap_err();
    assert!(is_timeout(&e), "{e:?}");
    assert!(
        t.elapsed() < Duration::from_millis(600),
        "{:?}",
        t.elapsed()
    );
    assert_eq!(sb.accepted(), 1, "all on one connection until the timeout");
}

#[test]
fn answer_cap_and_no_redirects() {
    let sb = https_server();
    match sb.post("/big", Duration::from_secs(5)) {
        Err(Error::Protocol(m)) => assert!(m.contains("1 MiB"), "{m}"),
        other => panic!("{other:?}"),
    }
    let (status, _) = sb.post("/redirect", Duration::from_secs(5)).unwrap();
    assert_eq!(status, 302, "a redirect is returned, never followed");
}

#[test]
fn connection_refused_is_a_connect_error() {
    let (l, port) = listener();
    drop(l);
    let sb = Server {
        base: format!("http://127.0.0.1:{port}"),
        accepted: Arc::new(AtomicUsize::new(0)),
        ca_file: None,
        port,
    };
    match sb.post("/fast", Duration::from_secs(5)) {
        Err(Error::Transport {
            connect: true,
            timeout: false,
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn tls_is_verified() {
    let sb = https_server();
    // Another CA: the server's certificate is not trusted.
    let other = https_server();
    let untrusted = Server {
        base: sb.base.clone(),
        accepted: sb.accepted.clone(),
        ca_file: other.ca_file.clone(),
        port: sb.port,
    };
    match untrusted.post("/fast", Duration::from_secs(5)) {
        Err(Error::Transport {
            message,
            connect: true,
            ..
        }) => assert!(message.contains("certificate"), "{message}"),
        other => panic!("{other:?}"),
    }
    // No CA file: the system roots do not know the test CA either.
    let system = Server {
        base: sb.base.clone(),
        accepted: sb.accepted.clone(),
        ca_file: None,
        port: sb.port,
    };
    assert!(matches!(
        system.post("/fast", Duration::from_secs(5)),
        Err(Error::Transport { connect: true, .. })
    ));
    assert_eq!(sb.post("/fast", Duration::from_secs(5)).unwrap().0, 200);
}

#[test]
fn plain_http_only_to_loopback() {
    let url = Url::parse("http://192.0.2.1/v1/create_order").unwrap();
    let key = ClientKey {
        ca_file: None,
        connect_timeout: Duration::from_secs(1),
    };
    assert!(matches!(
        transport::post(&url, "text/plain", b"x", &key, Duration::from_secs(1)),
        Err(Error::Validation { .. })
    ));
}

#[test]
fn unreadable_ca_file_is_a_config_error() {
    let sb = https_server();
    let bad = Server {
        base: sb.base.clone(),
        accepted: sb.accepted.clone(),
        ca_file: Some(PathBuf::from("/nonexistent/ca.pem")),
        port: sb.port,
    };
    assert!(matches!(
        bad.post("/fast", Duration::from_secs(5)),
        Err(Error::Config(_))
    ));
}

#[test]
fn nothing_is_built_before_the_first_call_of_this_test_binary() {
    // Module load is tested from PHP; here: the counters move only on calls.
    let (_, _, before, _) = transport::stats();
    let sb = http_server();
    sb.post("/fast", Duration::from_secs(5)).unwrap();
    let (states, _, after, _) = transport::stats();
    assert!(states >= 1 && after > before);
    assert!(transport::is_initialised());
}
