//! `IotPay\Exception\*`: one class per failure kind, and the conversion from
//! the core's error. Exceptions are built here, not by the engine, so their
//! trace never holds call arguments (the merchant key is one).

use ext_php_rs::convert::IntoZval;
use ext_php_rs::exception::{PhpException, PhpResult};
use ext_php_rs::ffi::{zend_class_entry, zend_object, zend_string};
use ext_php_rs::flags::ZvalTypeFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::{ZendObject, ZendStr, Zval};
use ext_php_rs::zend::{ce, ExecutorGlobals};
use iotpay_core::catalogue::{self, Classification, Provider};
use iotpay_core::Error;
use std::os::raw::{c_char, c_int};

// None of these classes implements `Default`: ext-php-rs would then build
// every object of the class from that default, with the class's own entry,
// and `new MyException()` for a PHP subclass would come out as the parent
// class. Objects are built by `build` (thrown by the extension) or by the
// constructors below (`new` in PHP), which take `\Exception`'s arguments.

/// Defines one exception class: the struct (its `provider` plus its own
/// fields) and its one `#[php_impl]` block with what every class of the tree
/// has — `getProvider()` and the constructor taking `\Exception`'s arguments
/// (its own fields start from the given values) — plus its own methods.
/// Each class needs both: ext-php-rs binds a method to its own Rust struct,
/// so a subclass does not inherit the parent's Rust methods, and takes one
/// `#[php_impl]` block per class without expanding macros inside it.
macro_rules! exception_class {
    (
        $(#[$doc:meta])*
        $ty:ident, $name:tt, extends($($parent:tt)*),
        { $($field:ident: $fty:ty = $init:expr),* $(,)? },
        { $($own:tt)* }
    ) => {
        $(#[$doc])*
        #[php_class]
        #[php(name = $name)]
        #[php(extends($($parent)*))]
        pub struct $ty {
            provider: Provider,
            $($field: $fty,)*
        }

        #[php_impl]
        impl $ty {
            /// `iotpay` or `sunbay`: the provider whose call failed.
            pub fn get_provider(&self) -> &'static str {
                self.provider.as_str()
            }
            #[php(defaults(message = String::new(), code = 0))]
            pub fn __construct(
                message: String,
                code: i64,
                previous: Option<&ZendObject>,
            ) -> PhpResult<Self> {
                construct(&message, code, previous)?;
                Ok($ty {
                    provider: Provider::IotPay,
                    $($field: $init,)*
                })
            }
            $($own)*
        }
    };
}

exception_class! {
    /// Base class: `catch (IotPayException $e)` catches everything this extension throws.
    IotPayException, "IotPay\\Exception\\IotPayException",
    extends(ce = ce::exception, stub = "\\Exception"),
    {},
    {}
}

exception_class! {
    /// Input refused before anything was sent.
    ValidationException, "IotPay\\Exception\\ValidationException", extends(IotPayException),
    { field: String = String::new() },
    {
        /// The request field (or option) that was refused.
        pub fn get_field(&self) -> String {
            self.field.clone()
        }
    }
}

exception_class! {
    /// A response or notification signature did not verify.
    SignatureException, "IotPay\\Exception\\SignatureException", extends(IotPayException),
    {},
    {
        /// A forged or altered answer says nothing about the order: query it.
        pub fn should_query_first(&self) -> bool {
            true
        }
    }
}

exception_class! {
    /// The network failed, timed out, or IOTPay answered with a 5xx. Built
    /// in PHP it describes an unknown outcome: not a timeout, not retryable,
    /// query first, no HTTP status.
    TransportException, "IotPay\\Exception\\TransportException", extends(IotPayException),
    { timeout: bool = false, connect: bool = false, http_status: u16 = 0 },
    {
        pub fn is_timeout(&self) -> bool {
            self.timeout
        }
        /// True only when the connection could not be made: nothing was sent.
        pub fn is_retryable(&self) -> bool {
            self.connect
        }
        /// The request may have been processed: query before any retry.
        pub fn should_query_first(&self) -> bool {
            !self.connect
        }
        /// HTTP status of a non-protocol answer (5xx), or 0.
        pub fn get_http_status(&self) -> i64 {
            i64::from(self.http_status)
        }
    }
}

exception_class! {
    /// The answer was not the documented protocol (bad JSON, missing fields, an
    /// HTTP status other than 2xx/5xx such as 404).
    ProtocolException, "IotPay\\Exception\\ProtocolException", extends(IotPayException),
    { http_status: u16 = 0 },
    {
        pub fn should_query_first(&self) -> bool {
            true
        }
        /// Sending the same request again would get the same answer.
        pub fn is_retryable(&self) -> bool {
            false
        }
        /// The HTTP status when it was neither 2xx nor 5xx (e.g. 404: the path
        /// is not served), else 0.
        pub fn get_http_status(&self) -> i64 {
            i64::from(self.http_status)
        }
    }
}

exception_class! {
    /// The provider (IOTPay or SUNBAY) refused the request; carries its code.
    /// Built in PHP it carries no provider code; like any unknown code it is
    /// classified `query_first` (D7).
    GatewayException, "IotPay\\Exception\\GatewayException", extends(IotPayException),
    {
        provider_code: String = String::new(),
        provider_message: String = String::new(),
        classification: String = catalogue::classify_unknown().as_str().to_string(),
    },
    {
        /// The provider's code: IOTPay's `0010`…`0118`, `SYSTEMERROR`, or `FAIL`
        /// when none was given; SUNBAY's S/C/M/P/E code.
        pub fn get_provider_code(&self) -> String {
            self.provider_code.clone()
        }
        pub fn get_provider_message(&self) -> String {
            self.provider_message.clone()
        }
        /// `retryable`, `query_first` or `final`.
        pub fn get_classification(&self) -> String {
            self.classification.clone()
        }
        pub fn is_retryable(&self) -> bool {
            self.classification == Classification::Retryable.as_str()
        }
        pub fn should_query_first(&self) -> bool {
            self.classification == Classification::QueryFirst.as_str()
        }
    }
}

exception_class! {
    /// Settings that cannot work (unreadable CA file, ...).
    ConfigException, "IotPay\\Exception\\ConfigException", extends(IotPayException),
    {},
    {}
}

exception_class! {
    /// A bug in the extension (a caught Rust panic). The PHP process goes on.
    InternalException, "IotPay\\Exception\\InternalException", extends(IotPayException),
    {},
    {}
}

// Zend API not wrapped by ext-php-rs; stable since PHP 8.0.
extern "C" {
    fn zend_update_property_ex(
        scope: *mut zend_class_entry,
        object: *mut zend_object,
        name: *mut zend_string,
        value: *mut Zval,
    );
    fn zend_fetch_debug_backtrace(
        return_value: *mut Zval,
        skip_last: c_int,
        options: c_int,
        limit: c_int,
    );
    fn zend_get_executed_filename() -> *const c_char;
    fn zend_get_executed_lineno() -> u32;
}

const DEBUG_BACKTRACE_IGNORE_ARGS: c_int = 2;

fn set_prop(obj: *mut zend_object, name: &str, mut value: Zval) {
    let mut name = ZendStr::new(name, false);
    let scope = (ce::exception() as *const zend_class_entry).cast_mut();
    // SAFETY: obj is a live exception object we just created; scope is the
    // Exception class, which declares these properties.
    unsafe { zend_update_property_ex(scope, obj, &raw mut *name, &raw mut value) };
}

/// `new X(string $message = "", int $code = 0, ?\Throwable $previous = null)`:
/// fills `\Exception`'s properties of the object being constructed, as
/// `\Exception::__construct` would, plus the caller's file, line and an
/// argument-free trace (the object did not get them from the engine: its
/// creation bypasses `\Exception`'s own).
fn construct(message: &str, code: i64, previous: Option<&ZendObject>) -> PhpResult<()> {
    if let Some(p) = &previous {
        if !p.instance_of(ce::throwable()) {
            return Err(PhpException::new(
                "Argument #3 ($previous) must be of type ?Throwable".into(),
                0,
                ce::type_error(),
            ));
        }
    }
    // SAFETY: inside a constructor call the engine's current frame is that
    // call, and its `This` is the object under construction (null-checked).
    let obj: Option<*mut zend_object> = unsafe {
        let ex = ExecutorGlobals::get().current_execute_data;
        ex.as_mut()
            .and_then(|ex| ex.This.object_mut())
            .map(|o| -> *mut zend_object { o })
    };
    let obj =
        obj.ok_or_else(|| PhpException::from_message("no object under construction".into()))?;
    let mut m = Zval::new();
    m.set_string(message, false)
        .map_err(|_| PhpException::from_message("message is not a valid string".into()))?;
    set_prop(obj, "message", m);
    let mut c = Zval::new();
    c.set_long(code);
    set_prop(obj, "code", c);
    if let Some(p) = previous {
        // A borrowed view of the caller's object: the property write takes
        // its own reference, so this zval must not release one when dropped.
        let mut z = std::mem::ManuallyDrop::new(Zval::new());
        z.u1.type_info = ZvalTypeFlags::ObjectEx.bits();
        z.value.obj = std::ptr::from_ref(p).cast_mut();
        let scope = (ce::exception() as *const zend_class_entry).cast_mut();
        let mut name = ZendStr::new("previous", false);
        // SAFETY: obj is the live object under construction; `previous` is
        // a private property of \Exception, written in its scope.
        unsafe { zend_update_property_ex(scope, obj, &raw mut *name, &raw mut *z) };
    }
    // Skip the constructor's own frame, as for `new \Exception()`.
    locate(obj, 1);
    Ok(())
}

/// Builds the PHP exception object: message, code, the caller's file and line,
/// and a trace without arguments.
fn build<T: ext_php_rs::class::RegisteredClass>(
    state: T,
    message: &str,
    code: i64,
) -> PhpException {
    let fallback = || PhpException::from_message(message.to_string());
    let mut zv = match ext_php_rs::types::ZendClassObject::new(state).into_zval(false) {
        Ok(z) => z,
        Err(_) => return fallback(),
    };
    let Some(obj) = zv.object_mut() else {
        return fallback();
    };
    let obj: *mut zend_object = obj;
    let mut m = Zval::new();
    if m.set_string(message, false).is_err() {
        return fallback();
    }
    set_prop(obj, "message", m);
    let mut c = Zval::new();
    c.set_long(code);
    set_prop(obj, "code", c);
    locate(obj, 0);
    PhpException::from_message(message.to_string()).with_object(zv)
}

/// Sets `file` and `line` to the calling PHP code and `trace` to a backtrace
/// without arguments (the merchant key can be one), skipping `skip` frames.
fn locate(obj: *mut zend_object, skip: c_int) {
    // SAFETY: plain reads of the executor state; null-checked.
    unsafe {
        let file = zend_get_executed_filename();
        if !file.is_null() {
            if let Ok(s) = std::ffi::CStr::from_ptr(file).to_str() {
                let mut f = Zval::new();
                if f.set_string(s, false).is_ok() {
                    set_prop(obj, "file", f);
                }
            }
        }
        let mut l = Zval::new();
        l.set_long(i64::from(zend_get_executed_lineno()));
        set_prop(obj, "line", l);
        let mut trace = Zval::new();
        zend_fetch_debug_backtrace(&raw mut trace, skip, DEBUG_BACKTRACE_IGNORE_ARGS, 0);
        if trace.is_array() {
            set_prop(obj, "trace", trace);
        }
    }
}

/// Exception codes (`getCode()`), stable across versions.
pub mod codes {
    pub const VALIDATION: i64 = 1;
    pub const SIGNATURE: i64 = 2;
    pub const TRANSPORT: i64 = 3;
    pub const PROTOCOL: i64 = 4;
    pub const GATEWAY: i64 = 5;
    pub const CONFIG: i64 = 6;
    pub const INTERNAL: i64 = 7;
}

/// The exception for an error of a call to `provider` (a gateway error
/// names its own provider).
pub fn to_php_for(e: Error, provider: Provider) -> PhpException {
    let msg = e.to_string();
    match e {
        Error::Validation { field, .. } => build(
            ValidationException { field, provider },
            &msg,
            codes::VALIDATION,
        ),
        Error::Signature(_) => build(SignatureException { provider }, &msg, codes::SIGNATURE),
        Error::Transport {
            timeout,
            connect,
            http_status,
            ..
        } => build(
            TransportException {
                provider,
                timeout,
                connect,
                http_status,
            },
            &msg,
            codes::TRANSPORT,
        ),
        Error::Protocol(_) => build(
            ProtocolException {
                provider,
                http_status: 0,
            },
            &msg,
            codes::PROTOCOL,
        ),
        Error::HttpStatus(http_status) => build(
            ProtocolException {
                provider,
                http_status,
            },
            &msg,
            codes::PROTOCOL,
        ),
        Error::Gateway {
            provider,
            code,
            message,
            classification,
            ..
        } => build(
            GatewayException {
                provider,
                provider_code: code,
                provider_message: message,
                classification: classification.as_str().to_string(),
            },
            &msg,
            codes::GATEWAY,
        ),
        Error::Config(_) => build(ConfigException { provider }, &msg, codes::CONFIG),
        Error::Internal(_) => build(InternalException { provider }, &msg, codes::INTERNAL),
    }
}

/// Runs a binding body; a core error becomes its exception and a panic becomes
/// an `InternalException` instead of unwinding into the engine.
pub fn guard<T>(f: impl FnOnce() -> Result<T, Error>) -> PhpResult<T> {
    guard_for(Provider::IotPay, f)
}

/// `guard` for a call to `provider` (`getProvider()` of what it throws).
pub fn guard_for<T>(provider: Provider, f: impl FnOnce() -> Result<T, Error>) -> PhpResult<T> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(to_php_for(e, provider)),
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic payload".into());
            Err(to_php_for(
                Error::Internal(format!("panic: {what}")),
                provider,
            ))
        }
    }
}
