//! `IotPay\Signer`: spec §2 signing straight from a PHP array, borrowing its
//! keys and values (see docs/ARCHITECTURE.md, "the boundary").

use crate::exceptions::guard;
use crate::php_array::fields as borrowed_fields;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::sign;
use iotpay_core::Error;

#[php_class]
#[php(name = "IotPay\\Signer")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Signer;

fn check_key(key: &str) -> Result<(), Error> {
    if key.is_empty() {
        return Err(Error::validation("key", "must not be empty"));
    }
    Ok(())
}

#[php_impl]
impl Signer {
    /// Upper-case MD5 signature over every field but `sign`; empty and null
    /// values are skipped, `0` is kept.
    pub fn sign(fields: &ZendHashTable, key: &str) -> PhpResult<String> {
        guard(|| {
            check_key(key)?;
            let (mut f, _) = borrowed_fields(fields)?;
            let s = sign::sign(&mut f, key.as_bytes());
            Ok(String::from_utf8_lossy(&s).into_owned())
        })
    }

    /// Whether the array's own `sign` field matches (constant-time,
    /// hex-case-insensitive). False when `sign` is missing.
    pub fn verify(fields: &ZendHashTable, key: &str) -> PhpResult<bool> {
        guard(|| {
            check_key(key)?;
            let (mut f, received) = borrowed_fields(fields)?;
            Ok(match received {
                Some(r) => sign::verify(&mut f, key.as_bytes(), r),
                None => false,
            })
        })
    }

    /// The string that is hashed, without `&key=…` (for debugging signatures).
    pub fn canonical_string(fields: &ZendHashTable) -> PhpResult<String> {
        guard(|| {
            let (mut f, _) = borrowed_fields(fields)?;
            Ok(String::from_utf8_lossy(&sign::canonical_string(&mut f)).into_owned())
        })
    }
}
