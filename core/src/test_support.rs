//! Helpers the unit tests of several modules share.

use serde_json::{Map, Value as Json};

/// A JSON object literal as the map an answer is read from.
pub(crate) fn obj(j: &str) -> Map<String, Json> {
    serde_json::from_str(j).expect("a JSON object literal")
}
