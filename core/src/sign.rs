//! IOTPay MD5 request signing (spec §2).
//!
//! The canonical string is never materialised: sorted `k=v` pairs are streamed
//! straight into the MD5 state, so signing a PHP array costs one sort of
//! borrowed slices and one pass of hashing.

use md5::{Digest, Md5};
use subtle::ConstantTimeEq;

/// A field value as it appears in a request or notification. Integers are
/// rendered in plain decimal, exactly as a JSON number would be read back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldValue<'a> {
    Str(&'a [u8]),
    Int(i64),
}

impl<'a> FieldValue<'a> {
    fn is_empty(&self) -> bool {
        matches!(self, FieldValue::Str(s) if s.is_empty())
    }
}

impl<'a> From<&'a str> for FieldValue<'a> {
    fn from(s: &'a str) -> Self {
        FieldValue::Str(s.as_bytes())
    }
}

/// One `name=value` pair borrowed from the caller's memory.
pub type Field<'a> = (&'a [u8], FieldValue<'a>);

/// Upper-case hex MD5 signature.
pub type Signature = [u8; 32];

const SIGN: &[u8] = b"sign";

/// Orders of the canonical string. IOTPay's documentation says ASCII order; its
/// own PHP demo uses case-insensitive natural order (spec §2.2). We sign with
/// ASCII and only accept the PHP order as a fallback when verifying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortOrder {
    Ascii,
    PhpNatural,
}

/// Drops `sign`, empty strings, and sorts. `fields` is reordered in place so the
/// caller can reuse its buffer.
fn canonicalise(fields: &mut Vec<Field<'_>>, order: SortOrder) {
    fields.retain(|(k, v)| *k != SIGN && !v.is_empty());
    match order {
        SortOrder::Ascii => fields.sort_unstable_by(|a, b| a.0.cmp(b.0)),
        SortOrder::PhpNatural => fields.sort_by(|a, b| natural_case_insensitive(a.0, b.0)),
    }
}

fn feed_value(h: &mut Md5, v: &FieldValue<'_>) {
    match v {
        FieldValue::Str(s) => h.update(s),
        FieldValue::Int(i) => {
            let mut buf = itoa_buf();
            h.update(format_i64(*i, &mut buf));
        }
    }
}

fn itoa_buf() -> [u8; 20] {
    [0u8; 20]
}

fn format_i64(mut n: i64, buf: &mut [u8; 20]) -> &[u8] {
    // i64::MIN has 19 digits plus sign: 20 bytes.
    let neg = n < 0;
    let mut i = buf.len();
    loop {
        let d = (n % 10).unsigned_abs() as u8;
        i -= 1;
        buf[i] = b'0' + d;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if neg {
        i -= 1;
        buf[i] = b'-';
    }
    &buf[i..]
}

fn digest_sorted(fields: &[Field<'_>], key: &[u8]) -> Signature {
    let mut h = Md5::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            h.update(b"&");
        }
        h.update(k);
        h.update(b"=");
        feed_value(&mut h, v);
    }
    if !fields.is_empty() {
        h.update(b"&");
    }
    h.update(b"key=");
    h.update(key);
    let digest = h.finalize();
    let mut out = [0u8; 32];
    // hex::encode_to_slice only fails on a wrong output length, which is fixed here.
    let _ = hex::encode_to_slice(digest, &mut out);
    out.make_ascii_uppercase();
    out
}

/// Signs `fields` (any order; `sign` and empty values are ignored).
pub fn sign(fields: &mut Vec<Field<'_>>, key: &[u8]) -> Signature {
    canonicalise(fields, SortOrder::Ascii);
    digest_sorted(fields, key)
}

/// Signs with an explicit canonical order (for tests and tooling).
pub fn sign_with_order(fields: &mut Vec<Field<'_>>, key: &[u8], order: SortOrder) -> Signature {
    canonicalise(fields, order);
    digest_sorted(fields, key)
}

/// The canonical string without the key, for diagnostics. Never includes the key.
pub fn canonical_string(fields: &mut Vec<Field<'_>>) -> Vec<u8> {
    canonicalise(fields, SortOrder::Ascii);
    let mut out = Vec::new();
    for (i, (k, v)) in fields.iter().enumerate() {
        if i > 0 {
            out.push(b'&');
        }
        out.extend_from_slice(k);
        out.push(b'=');
        match v {
            FieldValue::Str(s) => out.extend_from_slice(s),
            FieldValue::Int(n) => {
                let mut buf = itoa_buf();
                out.extend_from_slice(format_i64(*n, &mut buf));
            }
        }
    }
    out
}

/// Constant-time, hex-case-insensitive comparison of a received signature.
pub fn signature_matches(expected: &Signature, received: &[u8]) -> bool {
    if received.len() != 32 {
        return false;
    }
    let mut upper = [0u8; 32];
    upper.copy_from_slice(received);
    upper.make_ascii_uppercase();
    bool::from(expected.ct_eq(&upper))
}

/// Verifies `received` against every field except `sign` (unknown fields
/// included). Tries ASCII order first, then the order of IOTPay's PHP demo.
pub fn verify(fields: &mut Vec<Field<'_>>, key: &[u8], received: &[u8]) -> bool {
    let ascii = sign(fields, key);
    if signature_matches(&ascii, received) {
        return true;
    }
    let php = sign_with_order(fields, key, SortOrder::PhpNatural);
    signature_matches(&php, received)
}

/// PHP's `ksort($a, SORT_NATURAL | SORT_FLAG_CASE)` order: case-insensitive,
/// runs of digits compared by numeric value.
pub fn natural_case_insensitive(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (ca, cb) = (a[i], b[j]);
        if ca.is_ascii_digit() && cb.is_ascii_digit() {
            let si = i;
            while i < a.len() && a[i].is_ascii_digit() {
                i += 1;
            }
            let sj = j;
            while j < b.len() && b[j].is_ascii_digit() {
                j += 1;
            }
            let na = trim_zeros(&a[si..i]);
            let nb = trim_zeros(&b[sj..j]);
            let ord = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
            if ord != Ordering::Equal {
                return ord;
            }
            continue;
        }
        let ord = ca.to_ascii_lowercase().cmp(&cb.to_ascii_lowercase());
        if ord != Ordering::Equal {
            return ord;
        }
        i += 1;
        j += 1;
    }
    (a.len() - i).cmp(&(b.len() - j)).then_with(|| a.cmp(b))
}

fn trim_zeros(d: &[u8]) -> &[u8] {
    let n = d.iter().take_while(|c| **c == b'0').count();
    &d[n..]
}

/// Convenience for owned string maps (notifications, responses, the sandbox).
pub fn sign_str_pairs<'a, I>(pairs: I, key: &str) -> String
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut fields: Vec<Field<'_>> = pairs
        .into_iter()
        .map(|(k, v)| (k.as_bytes(), FieldValue::Str(v.as_bytes())))
        .collect();
    let s = sign(&mut fields, key.as_bytes());
    String::from_utf8_lossy(&s).into_owned()
}

/// Verifies owned string pairs that include their own `sign` field.
pub fn verify_str_pairs<'a, I>(pairs: I, key: &str) -> bool
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let mut received: Option<&[u8]> = None;
    let mut fields: Vec<Field<'_>> = Vec::new();
    for (k, v) in pairs {
        if k == "sign" {
            received = Some(v.as_bytes());
        } else {
            fields.push((k.as_bytes(), FieldValue::Str(v.as_bytes())));
        }
    }
    match received {
        Some(r) => verify(&mut fields, key.as_bytes(), r),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const KEY: &str = "test_merchant_key";

    fn sign_json(json: &str) -> String {
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        let obj = v.as_object().unwrap();
        let owned: Vec<(String, String)> = obj
            .iter()
            .map(|(k, v)| {
                let s = match v {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (k.clone(), s)
            })
            .collect();
        sign_str_pairs(owned.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY)
    }

    #[test]
    fn spec_vector_v1() {
        assert_eq!(
            sign_json(r#"{"c":"cat","a":"apple","b":"boat","d":""}"#),
            "2AB3BD87C0C7E54A330EB499006C2657"
        );
    }

    #[test]
    fn spec_vector_v2_create_order() {
        let j = r#"{"mchId":"10000701","mchOrderNo":"20160427210604000490","channelId":"WX_NATIVE","currency":"CAD","amount":"100","clientIp":"210.73.10.148","device":"WEB","notifyUrl":"http://xxx.com/notify.php","subject":"test product","body":"this product is for fun","extra":"{\"productId\":\"120989823\"}","jobNo":"jack123","param1":"","param2":""}"#;
        assert_eq!(sign_json(j), "6B46287A0731B0C2CA97290211170886");
    }

    #[test]
    fn spec_vector_v3_notify() {
        let j = r#"{"payOrderId":"P20160427210604000490","mchId":"20001222","mchOrderNo":"20160427210604000490","channelId":"WX_NATIVE","currency":"CAD","amount":"100","status":"2","clientIp":"210.73.10.148","device":"WEB","subject":"product title","body":"product description","channelOrderNo":"wx2016081611532915ae15beab0167893571","param1":"","param2":"","paySuccTime":"1505049094262","backType":"2"}"#;
        assert_eq!(sign_json(j), "3677837E9B7858B4E771ACE021625D59");
    }

    #[test]
    fn spec_vector_v4_zero_and_utf8() {
        assert_eq!(
            sign_json(r#"{"mchId":"10000701","tip":"0","subject":"测试商品","amount":"1"}"#),
            "67F2FA57A0AE8C6C0ED277C60963696A"
        );
    }

    #[test]
    fn spec_vector_v5_both_orders() {
        let mut f: Vec<Field<'_>> = vec![
            (b"payerName", "Zhang San".into()),
            (b"payOrderId", "P1".into()),
            (b"mchId", "10000701".into()),
        ];
        assert_eq!(
            &sign_with_order(&mut f.clone(), KEY.as_bytes(), SortOrder::Ascii),
            b"83C71FD41940FC5FFA8D58F4CA0E073D"
        );
        assert_eq!(
            &sign_with_order(&mut f, KEY.as_bytes(), SortOrder::PhpNatural),
            b"A802C2BEB1910871100C20FE6BDD438F"
        );
    }

    #[test]
    fn spec_vector_v5b_accepted_on_verify_only() {
        let mut f: Vec<Field<'_>> = vec![
            (b"payerName", "Zhang San".into()),
            (b"payOrderId", "P1".into()),
            (b"mchId", "10000701".into()),
        ];
        assert!(verify(
            &mut f,
            KEY.as_bytes(),
            b"a802c2beb1910871100c20fe6bdd438f"
        ));
    }

    #[test]
    fn spec_vector_v6_int_amount() {
        let mut f: Vec<Field<'_>> = vec![
            (b"mchId", "10000701".into()),
            (b"mchOrderNo", "1234567890abc".into()),
            (b"amount", FieldValue::Int(1500)),
            (b"currency", "CAD".into()),
            (b"loginName", "jack123".into()),
            (b"channel", "PF_CC".into()),
            (b"notifyUrl", "https://example.com/notify".into()),
            (b"returnUrl", "https://example.com/return".into()),
        ];
        assert_eq!(
            &sign(&mut f, KEY.as_bytes()),
            b"A6DE2DB3E355B86E6C8F0A18B73E98DA"
        );
    }

    #[test]
    fn sign_field_is_ignored_and_verify_is_case_insensitive() {
        let mut f: Vec<Field<'_>> = vec![(b"a", "1".into()), (b"sign", "whatever".into())];
        let s = sign(&mut f.clone(), b"k");
        let lower = String::from_utf8(s.to_vec()).unwrap().to_lowercase();
        assert!(verify(&mut f, b"k", lower.as_bytes()));
        assert!(!verify(&mut f, b"k", b"short"));
    }

    #[test]
    fn canonical_string_excludes_key() {
        let mut f: Vec<Field<'_>> = vec![(b"b", "2".into()), (b"a", FieldValue::Int(-7))];
        assert_eq!(canonical_string(&mut f), b"a=-7&b=2");
    }

    #[test]
    fn int_formatting_extremes() {
        let mut b = itoa_buf();
        assert_eq!(format_i64(i64::MIN, &mut b), b"-9223372036854775808");
        let mut b = itoa_buf();
        assert_eq!(format_i64(0, &mut b), b"0");
    }

    proptest! {
        #[test]
        fn order_does_not_matter(mut pairs in proptest::collection::btree_map("[a-zA-Z0-9_]{1,12}", "[ -~]{0,20}", 1..16)
            .prop_map(|m| m.into_iter().collect::<Vec<_>>()), seed in any::<u64>()) {
            let a = sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
            // deterministic shuffle
            let n = pairs.len();
            let mut s = seed;
            for i in (1..n).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                pairs.swap(i, (s >> 33) as usize % (i + 1));
            }
            let b = sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
            prop_assert_eq!(a, b);
        }

        #[test]
        fn any_single_byte_change_breaks_verification(
            pairs in proptest::collection::btree_map("[a-zA-Z]{1,8}", "[a-zA-Z0-9]{1,12}", 1..10)
                .prop_map(|m| m.into_iter().collect::<Vec<_>>()),
            which in any::<prop::sample::Index>(),
            pos in any::<prop::sample::Index>(),
            delta in 1u8..=255,
        ) {
            let sig = sign_str_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), KEY);
            let mut tampered: Vec<(String, Vec<u8>)> = pairs.iter().map(|(k, v)| (k.clone(), v.clone().into_bytes())).collect();
            let i = which.index(tampered.len());
            let p = pos.index(tampered[i].1.len());
            tampered[i].1[p] = tampered[i].1[p].wrapping_add(delta);
            let mut f: Vec<Field<'_>> = tampered.iter().map(|(k, v)| (k.as_bytes(), FieldValue::Str(v.as_slice()))).collect();
            prop_assert!(!verify(&mut f, KEY.as_bytes(), sig.as_bytes()));
            let mut orig: Vec<Field<'_>> = pairs.iter().map(|(k, v)| (k.as_bytes(), FieldValue::Str(v.as_bytes()))).collect();
            prop_assert!(verify(&mut orig, KEY.as_bytes(), sig.as_bytes()));
        }
    }
}
