//! IOTPay protocol core: everything the PHP extension and the sandbox share,
//! with no PHP types, so `cargo test` exercises it directly.

pub mod catalogue;
pub mod error;
pub mod money;
pub mod sign;

pub use error::{Error, Result};
