//! The JavaScript boundary: the only module that imports `wasm_bindgen` or `js_sys`.
//!
//! Each export takes plain JS objects, turns them into core types with [`from_js`] (which reports the path of a
//! mistyped field), calls the core, and turns the result back with [`to_js`]. Errors become real JS `Error`s
//! with `code` and `path` properties ([`to_js_error`]).

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorCode};
use crate::read::Read;

pub mod budget;
pub mod capacity;
mod columns;
pub mod org;
mod ser;
pub mod sla;
mod source;
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
 * catch (e) { const err = e as OpscoreError; console.log(err.code, err.path); } // "out_of_range" "target"
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

/// How deeply an input may nest (objects and arrays), checked before deserialization: serde recurses once per
/// level, and a hostile, very deep document would otherwise exhaust the wasm stack and trap.
pub const MAX_NESTING: u32 = 128;

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    fn opscore_too_deep(value: &JsValue, limit: u32) -> String;
}

/// Install, once, a panic hook that reports a panic on the console before the trap: a panic is a bug, and the
/// message says where. Called by [`from_js`], which every export goes through, so nothing extra is exported.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error(&format!("opscore bug (please report it with the input that caused it): {info}"));
        }));
    });
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

/// Seconds in words for people, as opscore's own texts write them: `"3d 15h 39m 30s"`, `"43m 50s"`; under ten
/// seconds with two decimals (`"8.64s"`); `"–"` for NaN or infinities.
///
/// @example
/// ```ts
/// formatDuration(2629.746); // "43m 50s"
/// formatDuration(8.64); // "8.64s"
/// ```
#[wasm_bindgen(js_name = formatDuration)]
pub fn format_duration(seconds: f64) -> String {
    crate::time::format_duration(seconds)
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

/// Read a JS value into a core input type with its [`Read`] impl. A mistyped, missing or unknown field gives an
/// error with its path (`outages[3].end`), prefixed by `root` when that is not empty.
pub fn from_js<T: Read>(value: JsValue, root: &str) -> Result<T, JsValue> {
    parse_js(value, root).map_err(to_js_error)
}

/// A JS value as the core's input readers see it ([`crate::read::Source`]), for reading with
/// [`crate::read`]'s helpers directly.
pub fn source(value: JsValue) -> impl crate::read::Source {
    source::Js::Val(value)
}

/// [`from_js`], returning the core error (for callers that report errors as data).
pub fn parse_js<T: Read>(value: JsValue, root: &str) -> Result<T, Error> {
    check_input(&value, root)?;
    T::read(source::Js::Val(value)).map_err(|e| read_error(root, e))
}

/// The checks every input gets before it is read (kept out of the generic [`parse_js`], which is compiled once per
/// input type): the panic hook, a missing input, and nesting deeper than [`MAX_NESTING`].
#[inline(never)]
fn check_input(value: &JsValue, root: &str) -> Result<(), Error> {
    install_panic_hook();
    if value.is_undefined() || value.is_null() {
        return Err(Error::new(ErrorCode::MissingField, root, "expected an input object, got nothing"));
    }
    let deep = opscore_too_deep(value, MAX_NESTING);
    if !deep.is_empty() {
        return Err(Error::new(
            ErrorCode::TooLarge,
            crate::error::join_path(root, &deep),
            format!("the input nests more than {MAX_NESTING} levels of objects and arrays here"),
        ));
    }
    Ok(())
}

/// A deserializer error as a core error, its path under `root`.
#[cold]
#[inline(never)]
fn read_error(root: &str, e: Error) -> Error {
    e.within(root)
}

/// Serialize a core result for JS ([`ser`]): objects as plain objects (never `Map`s), absent options as
/// `undefined`.
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    Ok(ser::to_value(value))
}

/// Run a core computation on a JS input and return its result to JS.
pub fn call<I: Read, O: Serialize>(input: JsValue, f: impl FnOnce(&I) -> crate::Result<O>) -> Result<JsValue, JsValue> {
    let input: I = from_js(input, "")?;
    let out = f(&input).map_err(to_js_error)?;
    to_js(&out)
}
