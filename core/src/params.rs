//! Request parameters as an ordered list of name/value pairs, and how they are
//! rendered for signing and for the JSON body.

use crate::error::{Error, Result};
use crate::sign::{self, Field, FieldValue};
use serde_json::{Map, Value as Json};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Str(String),
    Int(i64),
}

impl Value {
    pub fn as_field(&self) -> FieldValue<'_> {
        match self {
            Value::Str(s) => FieldValue::Str(s.as_bytes()),
            Value::Int(i) => FieldValue::Int(*i),
        }
    }
}

/// Ordered parameters; names are unique.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params(Vec<(String, Value)>);

impl Params {
    pub fn new() -> Self {
        Params(Vec::new())
    }

    pub fn iter(&self) -> impl Iterator<Item = &(String, Value)> {
        self.0.iter()
    }

    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// A string value; an integer is rendered in decimal.
    pub fn get_str(&self, name: &str) -> Option<String> {
        self.get(name).map(|v| match v {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
        })
    }

    /// Sets or replaces a value.
    pub fn set(&mut self, name: &str, value: Value) {
        if let Some(slot) = self.0.iter_mut().find(|(k, _)| k == name) {
            slot.1 = value;
        } else {
            self.0.push((name.to_string(), value));
        }
    }

    pub fn set_str(&mut self, name: &str, value: &str) {
        self.set(name, Value::Str(value.to_string()));
    }

    /// Adds a value, refusing a duplicate name.
    pub fn insert(&mut self, name: &str, value: Value) -> Result<()> {
        if self.get(name).is_some() {
            return Err(Error::validation(name, "given twice"));
        }
        self.0.push((name.to_string(), value));
        Ok(())
    }

    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let pos = self.0.iter().position(|(k, _)| k == name)?;
        Some(self.0.remove(pos).1)
    }

    /// Drops empty strings: IOTPay ignores them when signing and we never send them.
    pub fn drop_empty(&mut self) {
        self.0
            .retain(|(_, v)| !matches!(v, Value::Str(s) if s.is_empty()));
    }

    pub fn sign(&self, key: &str) -> String {
        let mut fields: Vec<Field<'_>> = self
            .0
            .iter()
            .map(|(k, v)| (k.as_bytes(), v.as_field()))
            .collect();
        let s = sign::sign(&mut fields, key.as_bytes());
        String::from_utf8_lossy(&s).into_owned()
    }

    /// The JSON object sent as `params=` (spec §2.6), with `sign` appended.
    pub fn to_signed_json(&self, key: &str) -> String {
        let mut out = Vec::new();
        self.write_signed_json(key, &mut out);
        // Only JSON text (UTF-8 from UTF-8 strings) was written.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Appends the signed JSON object to `out`, straight from the fields
    /// (no intermediate JSON value): the fields in order, then `sign` (where
    /// a `sign` field stands, in its place — validation refuses one anyway).
    pub fn write_signed_json(&self, key: &str, out: &mut Vec<u8>) {
        let sign = self.sign(key);
        out.push(b'{');
        let mut signed = false;
        for (i, (k, v)) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            json_str(out, k);
            out.push(b':');
            if k == "sign" {
                json_str(out, &sign);
                signed = true;
                continue;
            }
            match v {
                Value::Str(s) => json_str(out, s),
                // Writing into a Vec cannot fail.
                Value::Int(i) => {
                    let _ = std::io::Write::write_fmt(out, format_args!("{i}"));
                }
            }
        }
        if !signed {
            if !self.0.is_empty() {
                out.push(b',');
            }
            out.extend_from_slice(b"\"sign\":");
            json_str(out, &sign);
        }
        out.push(b'}');
    }
}

/// A JSON string literal, escaped exactly as serde_json escapes it.
fn json_str(out: &mut Vec<u8>, s: &str) {
    // Serializing a &str into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// `application/x-www-form-urlencoded` bytes for `value`, appended to `out`:
/// the same bytes as `form_urlencoded::byte_serialize` (alphanumerics and
/// `*-._` kept, space as `+`, everything else `%XX` in upper case).
pub fn form_encode_into(out: &mut Vec<u8>, value: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.reserve(value.len() + value.len() / 2);
    for &b in value {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b),
            b' ' => out.push(b'+'),
            _ => out.extend_from_slice(&[b'%', HEX[usize::from(b >> 4)], HEX[usize::from(b & 15)]]),
        }
    }
}

/// Renders a received JSON value for signature verification (SPEC-DECISIONS
/// D3). `None` means the field does not take part (null).
pub fn render_json_for_signing(v: &Json) -> Option<String> {
    match v {
        Json::Null => None,
        Json::String(s) => Some(s.clone()),
        Json::Bool(b) => Some(b.to_string()),
        Json::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

/// Flattens a received JSON object into string pairs for signing.
pub fn json_pairs(obj: &Map<String, Json>) -> Vec<(String, String)> {
    obj.iter()
        .filter_map(|(k, v)| render_json_for_signing(v).map(|s| (k.clone(), s)))
        .collect()
}

/// The first key that an object of this JSON text (at any depth) names more
/// than once. serde_json keeps the last value of a repeated key without a
/// word, so a body that says two things must be caught before it is read.
/// `None` also when the text is not JSON (the caller's parse reports that).
pub fn duplicate_json_key(text: &[u8]) -> Option<String> {
    serde_json::from_slice::<FirstDuplicate>(text).ok()?.0
}

struct FirstDuplicate(Option<String>);

impl<'de> serde::Deserialize<'de> for FirstDuplicate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_any(DuplicateVisitor)
    }
}

struct DuplicateVisitor;

impl<'de> serde::de::Visitor<'de> for DuplicateVisitor {
    type Value = FirstDuplicate;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> std::result::Result<Self::Value, E> {
        Ok(FirstDuplicate(None))
    }
    fn visit_i64<E>(self, _: i64) -> std::result::Result<Self::Value, E> {
        Ok(FirstDuplicate(None))
    }
    fn visit_u64<E>(self, _: u64) -> std::result::Result<Self::Value, E> {
        Ok(FirstDuplicate(None))
    }
    fn visit_f64<E>(self, _: f64) -> std::result::Result<Self::Value, E> {
        Ok(FirstDuplicate(None))
    }
    fn visit_str<E>(self, _: &str) -> std::result::Result<Self::Value, E> {
        Ok(FirstDuplicate(None))
    }
    fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
        Ok(FirstDuplicate(None))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(
        self,
        mut a: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(FirstDuplicate(d)) = a.next_element()? {
            found = found.or(d);
        }
        Ok(FirstDuplicate(found))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(
        self,
        mut a: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut seen = std::collections::HashSet::new();
        let mut found = None;
        while let Some(k) = a.next_key::<String>()? {
            let FirstDuplicate(nested) = a.next_value()?;
            if found.is_none() && seen.contains(&k) {
                found = Some(k.clone());
            }
            seen.insert(k);
            found = found.or(nested);
        }
        Ok(FirstDuplicate(found))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn json_body_matches_spec_vector() {
        let mut p = Params::new();
        p.set_str("c", "cat");
        p.set_str("a", "apple");
        p.set_str("b", "boat");
        p.set_str("d", "");
        p.drop_empty();
        let j = p.to_signed_json("test_merchant_key");
        assert_eq!(
            j,
            r#"{"c":"cat","a":"apple","b":"boat","sign":"2AB3BD87C0C7E54A330EB499006C2657"}"#
        );
    }

    /// The JSON the old code built through a serde_json Map.
    fn map_json(p: &Params, key: &str) -> String {
        let mut m = Map::new();
        for (k, v) in p.iter() {
            let j = match v {
                Value::Str(s) => Json::String(s.clone()),
                Value::Int(i) => Json::from(*i),
            };
            m.insert(k.clone(), j);
        }
        m.insert("sign".into(), Json::String(p.sign(key)));
        Json::Object(m).to_string()
    }

    proptest! {
        #[test]
        fn streamed_json_and_form_match_serde_and_form_urlencoded(
            fields in proptest::collection::vec(("[a-zA-Z]{1,8}|sign", prop_oneof![
                "\\PC*".prop_map(Value::Str),
                any::<i64>().prop_map(Value::Int),
            ]), 0..12)
        ) {
            let mut p = Params::new();
            for (k, v) in fields {
                p.set(&k, v);
            }
            let j = p.to_signed_json("k3y");
            prop_assert_eq!(&j, &map_json(&p, "k3y"));
            let mut form = Vec::new();
            form_encode_into(&mut form, j.as_bytes());
            let expected: String = form_urlencoded::byte_serialize(j.as_bytes()).collect();
            prop_assert_eq!(String::from_utf8(form).unwrap(), expected);
        }
    }

    #[test]
    fn duplicate_json_keys_are_found_at_any_depth() {
        assert_eq!(duplicate_json_key(br#"{"a":1,"b":2}"#), None);
        assert_eq!(
            duplicate_json_key(br#"{"a":1,"b":2,"a":1}"#).as_deref(),
            Some("a")
        );
        assert_eq!(
            duplicate_json_key(br#"{"x":[{"k":1,"k":2}],"y":"z"}"#).as_deref(),
            Some("k")
        );
        // Escapes are compared decoded: "a" and "\u0061" are the same key.
        assert_eq!(
            duplicate_json_key(br#"{"a":1,"\u0061":2}"#).as_deref(),
            Some("a")
        );
        assert_eq!(duplicate_json_key(b"{not json"), None);
        assert_eq!(duplicate_json_key(br#"[1,"a",null,true,1.5]"#), None);
    }

    #[test]
    fn duplicate_insert_refused() {
        let mut p = Params::new();
        p.insert("a", Value::Int(1)).unwrap();
        assert!(p.insert("a", Value::Int(2)).is_err());
    }

    #[test]
    fn nested_values_render_compact() {
        let v: Json =
            serde_json::from_str(r#"{"x":{"b":1,"a":"q"},"n":null,"t":true,"i":5}"#).unwrap();
        let pairs = json_pairs(v.as_object().unwrap());
        assert_eq!(
            pairs,
            vec![
                ("x".to_string(), r#"{"b":1,"a":"q"}"#.to_string()),
                ("t".to_string(), "true".to_string()),
                ("i".to_string(), "5".to_string())
            ]
        );
    }
}
