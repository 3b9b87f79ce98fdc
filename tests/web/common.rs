//! Helpers for boundary tests: build JS inputs from JSON text, read properties back.
#![allow(dead_code)]

use wasm_bindgen::{JsCast, JsValue};

/// A JS value from JSON text (so a test states its input as a user would write it).
pub(crate) fn js(json: &str) -> JsValue {
    js_sys::JSON::parse(json).unwrap()
}

/// `obj[a][b]...` as an f64.
pub(crate) fn num(obj: &JsValue, path: &[&str]) -> f64 {
    get(obj, path).as_f64().unwrap_or_else(|| panic!("{path:?} is not a number"))
}

/// `obj[a][b]...` as a string.
pub(crate) fn string(obj: &JsValue, path: &[&str]) -> String {
    get(obj, path).as_string().unwrap_or_else(|| panic!("{path:?} is not a string"))
}

/// `obj[a][b]...`.
pub(crate) fn get(obj: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(obj.clone(), |o, k| js_sys::Reflect::get(&o, &JsValue::from_str(k)).unwrap())
}

/// Assert that `err` is a JS Error named OpscoreError with this code and path.
pub(crate) fn assert_error(err: JsValue, code: &str, path: &str) {
    assert!(err.is_instance_of::<js_sys::Error>(), "not an Error: {err:?}");
    assert_eq!(string(&err, &["name"]), "OpscoreError");
    assert_eq!(string(&err, &["code"]), code, "message: {}", string(&err, &["message"]));
    assert_eq!(string(&err, &["path"]), path);
}
