//! Reading PHP arrays without copying them. Signing walks the hash table's
//! buckets directly and borrows keys and string values from PHP's memory; API
//! calls convert once into the core's `Params`.

use ext_php_rs::ffi::{zend_string, Bucket};
use ext_php_rs::flags::DataType;
use ext_php_rs::types::{ZendHashTable, ZendStr, Zval};
use iotpay_core::params::{Params, Value};
use iotpay_core::sign::{Field, FieldValue};
use iotpay_core::{Error, Result};
use serde_json::{Map, Value as Json};

/// PHP's `HASH_FLAG_PACKED`: a list whose buckets have no keys.
const HASH_FLAG_PACKED: u32 = 1 << 2;

/// A borrowed view of one array entry.
pub enum Entry<'a> {
    Str(&'a [u8]),
    Long(i64),
    Null,
    Other(&'a Zval),
}

fn key_bytes<'a>(key: *mut zend_string) -> Option<&'a [u8]> {
    if key.is_null() {
        return None;
    }
    // SAFETY: a non-null bucket key is a live zend_string owned by the array,
    // which outlives the borrow ('a is tied to the array by the callers).
    Some(unsafe { &*(key as *const ZendStr) }.as_bytes())
}

fn entry(v: &Zval) -> Entry<'_> {
    let v = if v.is_indirect() {
        v.indirect().unwrap_or(v)
    } else {
        v
    };
    let v = v.dereference();
    match v.get_type() {
        DataType::String => v
            .zend_str()
            .map(|s| Entry::Str(s.as_bytes()))
            .unwrap_or(Entry::Other(v)),
        DataType::Long => v.long().map(Entry::Long).unwrap_or(Entry::Other(v)),
        DataType::Null => Entry::Null,
        _ => Entry::Other(v),
    }
}

/// Calls `f` for every string-keyed entry, borrowing from the table. Integer
/// keys are refused: IOTPay fields have names.
pub fn for_each<'a>(
    ht: &'a ZendHashTable,
    mut f: impl FnMut(&'a [u8], Entry<'a>) -> Result<()>,
) -> Result<()> {
    // SAFETY: we read the table's own bookkeeping and buckets without
    // modifying them; PHP does not run while this native call is executing.
    unsafe {
        let flags = ht.u.flags;
        let used = ht.nNumUsed as usize;
        if used == 0 {
            return Ok(());
        }
        if flags & HASH_FLAG_PACKED != 0 {
            return Err(Error::validation(
                "fields",
                "must be an array with string keys",
            ));
        }
        let data: *const Bucket = ht.__bindgen_anon_1.arData;
        for i in 0..used {
            let b = &*data.add(i);
            let val: &'a Zval = &b.val;
            if val.get_type() == DataType::Undef {
                continue;
            }
            let Some(k) = key_bytes(b.key) else {
                return Err(Error::validation(
                    b.h.to_string(),
                    "field names must be strings",
                ));
            };
            f(k, entry(val))?;
        }
    }
    Ok(())
}

fn name(k: &[u8]) -> String {
    String::from_utf8_lossy(k).into_owned()
}

/// Collects borrowed fields for signing. `sign` is returned separately.
pub fn fields<'a>(ht: &'a ZendHashTable) -> Result<(Vec<Field<'a>>, Option<&'a [u8]>)> {
    let mut out: Vec<Field<'a>> = Vec::with_capacity(ht.len());
    let mut sign = None;
    for_each(ht, |k, e| {
        match e {
            Entry::Str(s) if k == b"sign" => sign = Some(s),
            Entry::Str(s) => out.push((k, FieldValue::Str(s))),
            Entry::Long(n) => out.push((k, FieldValue::Int(n))),
            Entry::Null => {}
            Entry::Other(v) => return Err(refuse(k, v)),
        }
        Ok(())
    })?;
    Ok((out, sign))
}

fn refuse(k: &[u8], v: &Zval) -> Error {
    let what = match v.get_type() {
        DataType::Double => {
            "must be a string or an integer (amounts are integer minor units, never floats)"
        }
        DataType::True | DataType::False => "must be a string or an integer, not a boolean",
        DataType::Array => "must be a string or an integer, not an array",
        _ => "must be a string or an integer",
    };
    Error::validation(name(k), what)
}

/// Converts request parameters. `extra` may be given as an array; it is sent
/// as the JSON string IOTPay expects.
pub fn params(ht: &ZendHashTable) -> Result<Params> {
    let mut p = Params::new();
    for_each(ht, |k, e| {
        let key = std::str::from_utf8(k)
            .map_err(|_| Error::validation(name(k), "field name is not UTF-8"))?;
        match e {
            Entry::Str(s) => {
                let s = std::str::from_utf8(s)
                    .map_err(|_| Error::validation(key, "is not valid UTF-8"))?;
                p.insert(key, Value::Str(s.to_string()))
            }
            Entry::Long(n) => p.insert(key, Value::Int(n)),
            Entry::Null => Ok(()),
            Entry::Other(v) if key == "extra" && v.is_array() => {
                let json = to_json(v, 0)?;
                p.insert(key, Value::Str(json.to_string()))
            }
            Entry::Other(v) => Err(refuse(k, v)),
        }
    })?;
    Ok(p)
}

/// Converts a PHP value to JSON (for `extra`). Floats are refused.
pub fn to_json(v: &Zval, depth: usize) -> Result<Json> {
    to_json_field(v, "extra", depth)
}

/// Converts a PHP value to JSON; a refusal names `field`. Floats are
/// refused (money is integer minor units).
pub fn to_json_field(v: &Zval, field: &str, depth: usize) -> Result<Json> {
    if depth > 16 {
        return Err(Error::validation(field, "nested too deeply"));
    }
    let v = v.dereference();
    match v.get_type() {
        DataType::Null => Ok(Json::Null),
        DataType::True => Ok(Json::Bool(true)),
        DataType::False => Ok(Json::Bool(false)),
        DataType::Long => Ok(Json::from(v.long().unwrap_or(0))),
        DataType::String => v
            .str()
            .map(|s| Json::String(s.to_string()))
            .ok_or_else(|| Error::validation(field, "is not valid UTF-8")),
        DataType::Array => {
            let Some(ht) = v.array() else {
                return Err(Error::validation(field, "unreadable array"));
            };
            if ht.has_sequential_keys() && !ht.is_empty() {
                let mut out = Vec::new();
                for item in ht.values() {
                    out.push(to_json_field(item, field, depth + 1)?);
                }
                return Ok(Json::Array(out));
            }
            let mut m = serde_json::Map::new();
            for (k, item) in ht.iter() {
                m.insert(k.to_string(), to_json_field(item, field, depth + 1)?);
            }
            Ok(Json::Object(m))
        }
        DataType::Double => Err(Error::validation(
            field,
            "must not be a float (amounts are integer minor units)",
        )),
        _ => Err(Error::validation(
            field,
            "may only hold strings, integers, booleans, null and arrays",
        )),
    }
}

/// A request array as a JSON object, each top-level value converted under
/// its own name (so a refusal names the field).
pub fn to_json_object(ht: &ZendHashTable) -> Result<serde_json::Map<String, Json>> {
    let mut m = serde_json::Map::new();
    for (k, item) in ht.iter() {
        let k = k.to_string();
        let v = to_json_field(item, &k, 1)?;
        m.insert(k, v);
    }
    Ok(m)
}

/// Reads an optional string option.
pub fn opt_str(ht: &ZendHashTable, key: &str) -> Result<Option<String>> {
    match ht.get(key).map(|v| v.dereference()) {
        None => Ok(None),
        Some(v) if v.is_null() => Ok(None),
        Some(v) => v
            .string()
            .map(Some)
            .ok_or_else(|| Error::validation(key, "must be a string")),
    }
}

/// Reads an optional integer option.
pub fn opt_int(ht: &ZendHashTable, key: &str) -> Result<Option<i64>> {
    match ht.get(key).map(|v| v.dereference()) {
        None => Ok(None),
        Some(v) if v.is_null() => Ok(None),
        Some(v) => v
            .long()
            .map(Some)
            .ok_or_else(|| Error::validation(key, "must be an integer")),
    }
}

/// Reads an optional bool option.
pub fn opt_bool(ht: &ZendHashTable, key: &str) -> Result<Option<bool>> {
    match ht.get(key).map(|v| v.dereference()) {
        None => Ok(None),
        Some(v) if v.is_null() => Ok(None),
        Some(v) => v
            .bool()
            .map(Some)
            .ok_or_else(|| Error::validation(key, "must be a boolean")),
    }
}

/// Refuses keys outside `allowed` (catches typos such as `notifyURL`).
pub fn only_keys(ht: &ZendHashTable, allowed: &[&str]) -> Result<()> {
    for (k, _) in ht.iter() {
        let k = k.to_string();
        if !allowed.contains(&k.as_str()) {
            return Err(Error::validation(k, "unknown option"));
        }
    }
    Ok(())
}

/// JSON → PHP array/scalars, for `toArray()` of results.
pub fn json_to_zval(v: &Json) -> Zval {
    let mut z = Zval::new();
    match v {
        Json::Null => z.set_null(),
        Json::Bool(b) => z.set_bool(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => z.set_long(i),
            None => {
                let _ = z.set_string(&n.to_string(), false);
            }
        },
        Json::String(s) => {
            let _ = z.set_string(s, false);
        }
        Json::Array(a) => {
            let mut ht = ZendHashTable::new();
            for item in a {
                let _ = ht.push(json_to_zval(item));
            }
            z.set_hashtable(ht);
        }
        Json::Object(m) => z.set_hashtable(object_to_array(m)),
    }
    z
}

/// A JSON object → PHP array (nested objects as arrays): `toArray()` of every
/// result, the whole answer for the fields no getter models.
pub fn object_to_array(m: &Map<String, Json>) -> ext_php_rs::boxed::ZBox<ZendHashTable> {
    let mut ht = ZendHashTable::new();
    for (k, item) in m {
        let _ = ht.insert(k.as_str(), json_to_zval(item));
    }
    ht
}

/// String pairs → PHP array, in order.
pub fn pairs_to_array(pairs: &[(String, String)]) -> ext_php_rs::boxed::ZBox<ZendHashTable> {
    let mut ht = ZendHashTable::new();
    for (k, v) in pairs {
        let _ = ht.insert(k.as_str(), v.as_str());
    }
    ht
}
