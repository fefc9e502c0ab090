//! `IotPay\Debug`: internal diagnostics for the extension's own tests and
//! benchmarks, not part of the supported API (the stubs and README mark it
//! `@internal`). `panic` does nothing unless IOTPAY_ENABLE_TEST_HOOKS=1 is in
//! the environment; `transportStats` only reads counters.

use crate::exceptions::guard;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::exception::PhpResult;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use iotpay_core::transport;
use iotpay_core::Error;

#[php_class]
#[php(name = "IotPay\\Debug")]
#[php(flags = ext_php_rs::flags::ClassFlags::Final)]
pub struct Debug;

fn enabled() -> Result<(), Error> {
    if std::env::var("IOTPAY_ENABLE_TEST_HOOKS").as_deref() == Ok("1") {
        Ok(())
    } else {
        Err(Error::validation(
            "IOTPAY_ENABLE_TEST_HOOKS",
            "test hooks are disabled",
        ))
    }
}

#[php_impl]
impl Debug {
    /// Panics inside the extension, to prove PHP receives an exception.
    pub fn panic(message: &str) -> PhpResult<bool> {
        guard(|| {
            enabled()?;
            panic!("{}", message.chars().take(200).collect::<String>());
        })
    }

    /// Per-process transport counters: pid, whether the transport state
    /// exists in this process, transport states built (`runtimesBuilt`: one
    /// per process, again after a fork; the name predates the move off the
    /// tokio runtime), TLS configurations built (`clientsBuilt`), requests
    /// sent, connections opened. Tests use them to prove laziness, reuse and
    /// fork safety; benchmarks to show reuse.
    pub fn transport_stats() -> ZBox<ZendHashTable> {
        let (st, tls, rq, conns) = transport::stats();
        let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
        let mut ht = ZendHashTable::new();
        let _ = ht.insert("pid", i64::from(std::process::id()));
        let _ = ht.insert("initialised", transport::is_initialised());
        let _ = ht.insert("runtimesBuilt", n(st));
        let _ = ht.insert("clientsBuilt", n(tls));
        let _ = ht.insert("requests", n(rq));
        let _ = ht.insert("connectionsOpened", n(conns));
        ht
    }
}
