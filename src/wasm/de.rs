//! One concrete serde `Deserializer` over `JsValue` that tracks the path of the value it is reading.
//!
//! Every nested value (struct field, map value, array element, enum payload) is read by the same type,
//! [`JsDeserializer`], so each `Deserialize` impl of the crate is compiled once: a generic path-tracking wrapper
//! around another deserializer would instantiate every impl and visitor again per wrapper layer. The current path
//! lives in a shared [`PathStack`]; an error takes the path as it was when the error arose (the innermost value
//! that saw it fail), and the `a.b[3].c` string is only built then.
//!
//! Inputs: `undefined`/`null` (unit, `None`), booleans, numbers (safe integers are offered as integers, as
//! serde-wasm-bindgen does), strings, arrays, typed arrays and all-number arrays (copied to Rust in one step),
//! plain objects as maps and structs (own enumerable keys, so `deny_unknown_fields` works and unknown keys are
//! skipped without being read), and enums as `"Variant"` or `{ Variant: payload }`.

use std::cell::RefCell;
use std::fmt;

use js_sys::{Array, Float64Array, Object, Reflect};
use serde::de::{self, DeserializeSeed, Expected, Unexpected, Visitor};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen(inline_js = r#"
// A Float64Array with the numbers of `v` when `v` is a number typed array, or an array whose every element is a
// number (holes are not numbers); undefined otherwise. Stops at the first element that is not a number.
export function opscore_numbers(v) {
  if (v instanceof Float64Array) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== "number") return undefined;
    return Float64Array.from(v);
  }
  if (ArrayBuffer.isView(v) && !(v instanceof DataView) && !(v instanceof BigInt64Array) && !(v instanceof BigUint64Array)) {
    return Float64Array.from(v);
  }
  return undefined;
}
"#)]
extern "C" {
    fn opscore_numbers(value: &JsValue) -> JsValue;
}

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// One step of a path: an object key or an array index.
#[derive(Debug, Clone, PartialEq)]
enum Segment {
    Key(String),
    Index(usize),
}

/// The path from the root to the value being read, shared by every deserializer of one input.
#[derive(Debug, Default)]
pub struct PathStack(RefCell<Vec<Segment>>);

impl PathStack {
    /// An empty path (the root).
    pub fn new() -> Self {
        Self::default()
    }

    /// The path as a string: `outages[3].end`; `""` at the root.
    fn render(&self) -> String {
        let mut out = String::new();
        for seg in self.0.borrow().iter() {
            match seg {
                Segment::Key(k) if out.is_empty() => out.push_str(k),
                Segment::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Segment::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    /// Run `f` with `seg` pushed; an error from `f` that has no path yet takes this one. The stack is restored
    /// whatever `f` does. (The work is in non-generic helpers, so each instantiation stays a few instructions.)
    fn within<T>(&self, seg: Segment, f: impl FnOnce() -> Result<T, DeError>) -> Result<T, DeError> {
        let depth = self.enter(seg);
        let out = f().map_err(|e| self.attach(e));
        self.leave(depth);
        out
    }

    #[inline(never)]
    fn enter(&self, seg: Segment) -> usize {
        let mut stack = self.0.borrow_mut();
        let depth = stack.len();
        stack.push(seg);
        depth
    }

    #[inline(never)]
    fn attach(&self, e: DeError) -> DeError {
        e.at(self)
    }

    #[inline(never)]
    fn leave(&self, depth: usize) {
        self.0.borrow_mut().truncate(depth);
    }
}

/// A deserialization error: serde's message and, once known, the path where it arose.
#[derive(Debug)]
pub struct DeError {
    /// The message, as serde or a `Deserialize` impl wrote it.
    pub message: String,
    /// The path of the value that failed; `None` until the error leaves that value's deserializer.
    pub path: Option<String>,
}

impl DeError {
    /// Give the error the current path, unless an inner value already gave it one.
    fn at(mut self, path: &PathStack) -> Self {
        if self.path.is_none() {
            self.path = Some(path.render());
        }
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError { message: msg.to_string(), path: None }
    }
}

/// Read `value` as a `T`, tracking the path of every nested value.
pub fn deserialize<T: de::DeserializeOwned>(value: JsValue) -> Result<T, DeError> {
    let path = PathStack::new();
    T::deserialize(JsDeserializer { value: Val::Js(value), path: &path }).map_err(|e| e.at(&path))
}

/// A value to read: a JS value, or a number already copied out of a numeric array.
enum Val {
    Js(JsValue),
    Num(f64),
}

/// The deserializer of one value, at the path held by `path`.
pub struct JsDeserializer<'a> {
    value: Val,
    path: &'a PathStack,
}

impl<'a> JsDeserializer<'a> {
    fn js(value: JsValue, path: &'a PathStack) -> Self {
        JsDeserializer { value: Val::Js(value), path }
    }

    fn is_nullish(&self) -> bool {
        match &self.value {
            Val::Js(v) => v.loose_eq(&JsValue::NULL),
            Val::Num(_) => false,
        }
    }

    fn number(&self) -> Option<f64> {
        match &self.value {
            Val::Js(v) => v.as_f64(),
            Val::Num(x) => Some(*x),
        }
    }

    /// The JS value, unless it is a number (which never is an object, array or string).
    fn js_value(&self) -> Option<&JsValue> {
        match &self.value {
            Val::Js(v) => Some(v),
            Val::Num(_) => None,
        }
    }

    /// A plain object (not an array, not null).
    fn object(&self) -> Option<&JsValue> {
        self.js_value().filter(|v| v.is_object() && !Array::is_array(v))
    }

    #[cold]
    fn invalid_type(&self, exp: &dyn Expected) -> DeError {
        let text;
        let unexpected = if self.is_nullish() {
            Unexpected::Unit
        } else if let Some(x) = self.number() {
            Unexpected::Float(x)
        } else if let Some(v) = self.js_value() {
            if let Some(b) = v.as_bool() {
                Unexpected::Bool(b)
            } else if let Some(s) = v.as_string() {
                text = s;
                Unexpected::Str(&text)
            } else if Array::is_array(v) || js_sys::ArrayBuffer::is_view(v) {
                Unexpected::Seq
            } else if v.is_object() {
                Unexpected::Map
            } else {
                text = v.js_typeof().as_string().unwrap_or_default();
                Unexpected::Other(&text)
            }
        } else {
            Unexpected::Other("value")
        };
        de::Error::invalid_type(unexpected, exp)
    }

    /// A whole, safe number offered as an integer (negative ones as `i64`, so unsigned targets say "invalid
    /// value: integer `-1`"); serde's visitors check the range of the target type.
    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.number() {
            Some(x) if x.fract() == 0.0 && x.abs() <= MAX_SAFE => {
                if x < 0.0 {
                    visitor.visit_i64(x as i64)
                } else {
                    visitor.visit_u64(x as u64)
                }
            }
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    /// The numbers of a number typed array or an all-number array, copied in one step.
    fn numbers(&self) -> Option<Vec<f64>> {
        let v = self.js_value()?;
        if let Some(f) = v.dyn_ref::<Float64Array>() {
            return Some(f.to_vec());
        }
        if !v.is_object() {
            return None;
        }
        opscore_numbers(v).dyn_ref::<Float64Array>().map(Float64Array::to_vec)
    }

    fn map<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.object_access() {
            Some(access) => visitor.visit_map(access),
            None => Err(self.invalid_type(&visitor)),
        }
    }

    /// The keys and values of a plain object.
    #[inline(never)]
    fn object_access(&self) -> Option<ObjectAccess<'a>> {
        let obj = self.object()?;
        let keys = Object::keys(obj.unchecked_ref::<Object>());
        Some(ObjectAccess { len: keys.length(), keys, i: 0, obj: obj.clone(), pending: None, path: self.path })
    }
}

impl<'de> de::Deserializer<'de> for JsDeserializer<'_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if let Some(x) = self.number() {
            return if x.fract() == 0.0 && x.abs() <= MAX_SAFE {
                visitor.visit_i64(x as i64)
            } else {
                visitor.visit_f64(x)
            };
        }
        if self.is_nullish() {
            return visitor.visit_unit();
        }
        let Some(v) = self.js_value() else {
            return Err(self.invalid_type(&visitor));
        };
        if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(v) || js_sys::ArrayBuffer::is_view(v) {
            self.deserialize_seq(visitor)
        } else if v.is_object() {
            self.map(visitor)
        } else {
            Err(self.invalid_type(&visitor))
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.js_value().and_then(JsValue::as_bool) {
            Some(b) => visitor.visit_bool(b),
            None => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.number() {
            Some(x) => visitor.visit_f64(x),
            None => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.integer(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let s = self.js_value().and_then(JsValue::as_string);
        let mut chars = s.as_deref().unwrap_or_default().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => visitor.visit_char(c),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.js_value().and_then(JsValue::as_string) {
            Some(s) => visitor.visit_string(s),
            None => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_nullish() { visitor.visit_none() } else { visitor.visit_some(self) }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_nullish() { visitor.visit_unit() } else { Err(self.invalid_type(&visitor)) }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if let Some(numbers) = self.numbers() {
            return visitor.visit_seq(NumberAccess { numbers: numbers.into_iter(), i: 0, path: self.path });
        }
        match self.js_value().and_then(|v| v.dyn_ref::<Array>()) {
            Some(array) => {
                visitor.visit_seq(ArrayAccess { len: array.length(), array: array.clone(), i: 0, path: self.path })
            }
            None => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.map(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if let Some(tag) = self.js_value().and_then(JsValue::as_string) {
            return visitor.visit_enum(EnumAccess { tag, payload: None, path: self.path });
        }
        let Some(obj) = self.object() else {
            return Err(self.invalid_type(&visitor));
        };
        let keys = Object::keys(obj.unchecked_ref::<Object>());
        if keys.length() != 1 {
            return Err(de::Error::invalid_length(keys.length() as usize, &"an object with exactly one key"));
        }
        let key = keys.get(0);
        let payload = Reflect::get(obj, &key).map_err(|_| de::Error::custom("could not read this value"))?;
        let tag = key.as_string().unwrap_or_default();
        visitor.visit_enum(EnumAccess { tag, payload: Some(payload), path: self.path })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    /// Skips the value without looking at it (no recursion, no JS calls).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// The elements of a JS array, read one by one.
struct ArrayAccess<'a> {
    array: Array,
    len: u32,
    i: u32,
    path: &'a PathStack,
}

impl<'de> de::SeqAccess<'de> for ArrayAccess<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        if self.i >= self.len {
            return Ok(None);
        }
        let i = self.i;
        self.i += 1;
        let value = self.array.get(i);
        let path = self.path;
        path.within(Segment::Index(i as usize), || seed.deserialize(JsDeserializer::js(value, path))).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.i) as usize)
    }
}

/// The elements of a numeric array, already copied to Rust.
struct NumberAccess<'a> {
    numbers: std::vec::IntoIter<f64>,
    i: usize,
    path: &'a PathStack,
}

impl<'de> de::SeqAccess<'de> for NumberAccess<'_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(x) = self.numbers.next() else {
            return Ok(None);
        };
        let i = self.i;
        self.i += 1;
        let path = self.path;
        path.within(Segment::Index(i), || seed.deserialize(JsDeserializer { value: Val::Num(x), path })).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.numbers.len())
    }
}

impl ObjectAccess<'_> {
    /// The next key, as JS and as Rust (the generic `MapAccess` methods stay small).
    #[inline(never)]
    fn next_key(&mut self) -> Option<(JsValue, String)> {
        if self.i >= self.len {
            return None;
        }
        let js_key = self.keys.get(self.i);
        self.i += 1;
        let key = js_key.as_string().unwrap_or_default();
        Some((js_key, key))
    }

    #[inline(never)]
    fn value_of(&self, js_key: &JsValue) -> Result<JsValue, DeError> {
        Reflect::get(&self.obj, js_key).map_err(|_| de::Error::custom("could not read this value"))
    }
}

/// The own enumerable keys of a plain object and their values.
struct ObjectAccess<'a> {
    obj: JsValue,
    keys: Array,
    len: u32,
    i: u32,
    /// The key whose value comes next (as JS, to read it, and as Rust, for the path).
    pending: Option<(JsValue, String)>,
    path: &'a PathStack,
}

impl<'de> de::MapAccess<'de> for ObjectAccess<'_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        let Some((js_key, key)) = self.next_key() else {
            return Ok(None);
        };
        match seed.deserialize(de::value::StrDeserializer::<DeError>::new(&key)) {
            Ok(out) => {
                self.pending = Some((js_key, key));
                Ok(Some(out))
            }
            // An unknown field or a bad map key: its path includes the key.
            Err(e) => self.path.within(Segment::Key(key), || Err(e)),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((js_key, key)) = self.pending.take() else {
            return Err(de::Error::custom("a map value was read before its key"));
        };
        let path = self.path;
        path.within(Segment::Key(key), || seed.deserialize(JsDeserializer::js(self.value_of(&js_key)?, path)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.i) as usize)
    }
}

/// An enum written as `"Variant"` (no payload) or `{ Variant: payload }`.
struct EnumAccess<'a> {
    tag: String,
    payload: Option<JsValue>,
    path: &'a PathStack,
}

impl<'de, 'a> de::EnumAccess<'de> for EnumAccess<'a> {
    type Error = DeError;
    type Variant = EnumAccess<'a>;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let v = seed.deserialize(de::value::StrDeserializer::<DeError>::new(&self.tag))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for EnumAccess<'_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        let path = self.path;
        let payload = self.payload.unwrap_or(JsValue::UNDEFINED);
        path.within(Segment::Key(self.tag), || seed.deserialize(JsDeserializer::js(payload, path)))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        let path = self.path;
        let payload = self.payload.unwrap_or(JsValue::UNDEFINED);
        path.within(Segment::Key(self.tag), || {
            de::Deserializer::deserialize_seq(JsDeserializer::js(payload, path), visitor)
        })
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let path = self.path;
        let payload = self.payload.unwrap_or(JsValue::UNDEFINED);
        path.within(Segment::Key(self.tag), || JsDeserializer::js(payload, path).map(visitor))
    }
}
