//! The JavaScript boundary: the only module that imports `wasm_bindgen`, `js_sys` or `serde_wasm_bindgen`.
//!
//! Each export takes plain JS objects, turns them into core types with [`from_js`] (which reports the path of a
//! mistyped field), calls the core, and turns the result back with [`to_js`]. Errors become real JS `Error`s
//! with `code` and `path` properties ([`to_js_error`]).

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorCode};

pub mod sla;
pub mod team;

#[wasm_bindgen(typescript_custom_section)]
const TS_COMMON: &'static str = r#"
/** An instant: an RFC 3339 string such as "2026-03-01T09:30:00Z", or epoch milliseconds. Outputs are always
 * RFC 3339 strings in UTC with milliseconds, such as "2026-03-01T09:30:00.000Z". */
export type Timestamp = string | number;

/** A half-open interval of time, [start, end). */
export interface Interval {
  start: Timestamp;
  end: Timestamp;
}

/** The stable codes carried by every error opscore throws. */
export type ErrorCode =
  | "not_finite" | "out_of_range" | "negative_duration" | "end_before_start" | "empty" | "too_large"
  | "overlap" | "unsorted" | "duplicate" | "invalid_type" | "missing_field" | "unknown_variant"
  | "invalid_timestamp" | "unknown_time_zone" | "unknown_reference" | "insufficient_data" | "infeasible"
  | "unsupported";

/** What every opscore function throws on bad input: a real Error with a stable `code` and the `path` of the
 * offending field (for example "outages[3].end"; "" for the input as a whole).
 * @example
 * try { allowedDowntime({ target: 1.5 }); }
 * catch (e) { if (isOpscoreError(e)) console.log(e.code, e.path); } // "out_of_range" "target"
 */
export interface OpscoreError extends Error {
  name: "OpscoreError";
  code: ErrorCode;
  path: string;
}
"#;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = error)]
    fn console_error(message: &str);
}

/// Runs once when the module is instantiated: a panic is a bug, so report it on the console before the trap.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error(&format!("opscore bug (please report it with the input that caused it): {info}"));
    }));
}

/// The version of the opscore engine, such as `"0.1.0"`.
///
/// @example
/// ```ts
/// console.log(version()); // "0.1.0"
/// ```
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Turn an opscore error into a JS `Error` named `OpscoreError` with `code` and `path` properties.
pub fn to_js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("OpscoreError");
    let obj: &JsValue = err.as_ref();
    // Reflect::set only fails on frozen or proxied objects; a fresh Error is neither.
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str("code"), &JsValue::from_str(e.code.as_str()));
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str("path"), &JsValue::from_str(&e.path));
    err.into()
}

/// Deserialize a JS value into a core input type. A mistyped or missing field gives an error with its path
/// (`outages[3].end`), prefixed by `root` when that is not empty.
pub fn from_js<T: DeserializeOwned>(value: JsValue, root: &str) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Err(to_js_error(Error::new(ErrorCode::MissingField, root, "expected an input object, got nothing")));
    }
    let de = serde_wasm_bindgen::Deserializer::from(value);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        // serde-wasm-bindgen's messages are JS Error strings: "Error: missing field `end`".
        let inner = e.into_inner().to_string();
        let inner = inner.trim_start_matches("Error: ");
        to_js_error(Error::from_serde(crate::error::join_path(root, &path), inner))
    })
}

/// Serialize a core result for JS: objects as plain objects (never `Map`s), absent options as `undefined`.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let ser = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&ser)
        .map_err(|e| to_js_error(Error::new(ErrorCode::InvalidType, "", format!("could not build the result: {e}"))))
}

/// Run a core computation on a JS input and return its result to JS.
pub fn call<I: DeserializeOwned, O: Serialize>(
    input: JsValue,
    f: impl FnOnce(&I) -> crate::Result<O>,
) -> Result<JsValue, JsValue> {
    let input: I = from_js(input, "")?;
    let out = f(&input).map_err(to_js_error)?;
    to_js(&out)
}
