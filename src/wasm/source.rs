//! JS values as a [`Source`] for the core's input readers ([`crate::read`]).
//!
//! Objects are read by their own enumerable keys (`Object.keys`), so inherited and polluted prototype properties
//! are never seen, and unknown keys cost one `Reflect.get` and nothing more. A property whose getter throws is
//! [`Js::Unreadable`]: skipping it is fine, reading it fails with "could not read this value". Typed arrays and
//! all-number arrays are copied to Rust in one step ([`Source::numbers`]).

use js_sys::{Array, Float64Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::read::{Kind, Source};

#[wasm_bindgen]
extern "C" {
    /// `Object.keys`, which a proxy can make throw.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(obj: &JsValue) -> Result<Array, JsValue>;
}

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    fn opscore_numbers(value: &JsValue) -> JsValue;
}

/// A JS value to read.
pub(super) enum Js {
    /// A value.
    Val(JsValue),
    /// A property whose getter threw.
    Unreadable,
}

impl Js {
    fn value(&self) -> Option<&JsValue> {
        match self {
            Js::Val(v) => Some(v),
            Js::Unreadable => None,
        }
    }

    /// A plain object (not an array, not null).
    fn object(&self) -> Option<&JsValue> {
        self.value().filter(|v| v.is_object() && !Array::is_array(v))
    }
}

impl Source for Js {
    fn kind(&self) -> Kind {
        let Some(v) = self.value() else {
            return Kind::Unreadable;
        };
        if v.is_undefined() || v.is_null() {
            Kind::Nullish
        } else if let Some(x) = v.as_f64() {
            Kind::Num(x)
        } else if let Some(b) = v.as_bool() {
            Kind::Bool(b)
        } else if let Some(s) = v.as_string() {
            Kind::Str(s)
        } else if Array::is_array(v) || js_sys::ArrayBuffer::is_view(v) {
            Kind::Seq
        } else if v.is_object() {
            Kind::Map
        } else {
            Kind::Other(v.js_typeof().as_string().unwrap_or_default())
        }
    }

    fn is_nullish(&self) -> bool {
        self.value().is_some_and(|v| v.loose_eq(&JsValue::NULL))
    }

    fn number(&self) -> Option<f64> {
        self.value().and_then(JsValue::as_f64)
    }

    fn boolean(&self) -> Option<bool> {
        self.value().and_then(JsValue::as_bool)
    }

    fn string(&self) -> Option<String> {
        self.value().and_then(JsValue::as_string)
    }

    fn numbers(&self) -> Option<Vec<f64>> {
        let v = self.value()?;
        if let Some(f) = v.dyn_ref::<Float64Array>() {
            return Some(f.to_vec());
        }
        if !v.is_object() {
            return None;
        }
        opscore_numbers(v).dyn_ref::<Float64Array>().map(Float64Array::to_vec)
    }

    fn items(&self) -> Option<Vec<Self>> {
        let v = self.value()?;
        if let Some(a) = v.dyn_ref::<Array>() {
            return Some(a.iter().map(Js::Val).collect());
        }
        if js_sys::ArrayBuffer::is_view(v) {
            return self.numbers().map(|x| x.into_iter().map(|x| Js::Val(JsValue::from_f64(x))).collect());
        }
        None
    }

    fn entries(&self) -> Option<Vec<(String, Self)>> {
        let obj = self.object()?;
        let keys = object_keys(obj).ok()?;
        Some(
            keys.iter()
                .map(|k| {
                    let value = Reflect::get(obj, &k).map_or(Js::Unreadable, Js::Val);
                    (k.as_string().unwrap_or_default(), value)
                })
                .collect(),
        )
    }
}
