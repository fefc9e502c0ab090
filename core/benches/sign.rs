//! B1 (Rust side): signing and verifying a 14-field create_order payload
//! against raw MD5 over the same canonical bytes, measured side by side in one
//! run. Shows how close canonicalisation gets to the hashing limit.
//! Run: cargo bench -p iotpay-core --bench sign

use iotpay_core::sign::{self, Field, FieldValue};
use md5::{Digest, Md5};
use std::hint::black_box;
use std::time::Instant;

fn fields() -> Vec<Field<'static>> {
    vec![
        (b"mchId", FieldValue::Str(b"10000701")),
        (b"mchOrderNo", FieldValue::Str(b"20160427210604000490")),
        (b"channelId", FieldValue::Str(b"WX_NATIVE")),
        (b"currency", FieldValue::Str(b"CAD")),
        (b"amount", FieldValue::Int(100)),
        (b"clientIp", FieldValue::Str(b"210.73.10.148")),
        (b"device", FieldValue::Str(b"WEB")),
        (b"notifyUrl", FieldValue::Str(b"http://xxx.com/notify.php")),
        (b"subject", FieldValue::Str(b"test product")),
        (b"body", FieldValue::Str(b"this product is for fun")),
        (b"extra", FieldValue::Str(br#"{"productId":"120989823"}"#)),
        (b"jobNo", FieldValue::Str(b"jack123")),
        (b"param1", FieldValue::Str(b"")),
        (b"param2", FieldValue::Str(b"")),
    ]
}

fn best_ns(iters: u32, mut f: impl FnMut()) -> f64 {
    let mut best = f64::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        for _ in 0..iters {
            f();
        }
        best = best.min(t.elapsed().as_nanos() as f64 / f64::from(iters));
    }
    best
}

fn main() {
    let key = b"test_merchant_key";
    let base = fields();
    let mut canonical = sign::canonical_string(&mut base.clone());
    canonical.extend_from_slice(b"&key=test_merchant_key");
    let sig = sign::sign(&mut base.clone(), key);
    assert_eq!(&sig, b"6B46287A0731B0C2CA97290211170886");
    let n = 200_000;
    let mut buf = base.clone();
    let sign_ns = best_ns(n, || {
        buf.clear();
        buf.extend_from_slice(&base);
        black_box(sign::sign(black_box(&mut buf), key));
    });
    let verify_ns = best_ns(n, || {
        buf.clear();
        buf.extend_from_slice(&base);
        black_box(sign::verify(black_box(&mut buf), key, &sig));
    });
    let md5_ns = best_ns(n, || {
        black_box(Md5::digest(black_box(&canonical)));
    });
    println!(
        "B1 (Rust only), 14-field create_order, {} bytes hashed, best of 7 x {n}",
        canonical.len()
    );
    println!("{:<28} {:>8.0} ns/op", "raw MD5 of canonical bytes", md5_ns);
    println!(
        "{:<28} {:>8.0} ns/op  ({:.2}x MD5)",
        "sign (sort + stream + hex)",
        sign_ns,
        sign_ns / md5_ns
    );
    println!(
        "{:<28} {:>8.0} ns/op  ({:.2}x MD5)",
        "verify (incl. constant-time)",
        verify_ns,
        verify_ns / md5_ns
    );
}
