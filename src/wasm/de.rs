//! One concrete serde `Deserializer` over `JsValue` that tracks the path of the value it is reading.
//!
//! Every nested value (struct field, map value, array element, enum payload) is read by the same type,
//! [`JsDeserializer`], so each `Deserialize` impl of the crate is compiled once: a generic path-tracking wrapper
//! around another deserializer would instantiate every impl and visitor again per wrapper layer. The path of the
//! value being read lives in one stack ([`PATH`]): a value's key or index is pushed before it is read and popped
//! after; an error takes the path as it is when the error is made (in `de::Error::custom`, which every serde error
//! goes through), which is the path of the innermost value being read, and the `a.b[3].c` string is only built
//! then. So no generic code has to look at an error on its way out.
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

std::thread_local! {
    /// The path from the root to the value being read (wasm has one thread; an input is read by one call).
    static PATH: RefCell<Vec<Segment>> = const { RefCell::new(Vec::new()) };
}

/// The path of the value being read; its functions are non-generic, so that every generic caller stays a call.
struct Path;

impl Path {
    /// The path as a string: `outages[3].end`; `""` at the root.
    fn render() -> String {
        PATH.with_borrow(|segments| {
            let mut out = String::new();
            for seg in segments {
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
        })
    }

    #[inline(never)]
    fn push(seg: Segment) {
        PATH.with_borrow_mut(|segments| segments.push(seg));
    }

    /// Leave the value just read (also after an error: the error already holds its path, and reading stops).
    #[inline(never)]
    fn pop() {
        PATH.with_borrow_mut(|segments| segments.pop());
    }

    #[inline(never)]
    fn clear() {
        PATH.with_borrow_mut(Vec::clear);
    }
}

/// A deserialization error: serde's message and the path where it arose. Boxed, so that every
/// `Result` that carries it stays small (the generic code that moves these results is the bulk of the
/// deserializer's size).
#[derive(Debug)]
pub struct DeError(Box<DeErrorInner>);

#[derive(Debug)]
struct DeErrorInner {
    message: String,
    path: String,
}

impl DeError {
    /// The message, as serde or a `Deserialize` impl wrote it.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// The path of the value that failed, such as `outages[3].end`; `""` for the input as a whole.
    pub fn path(&self) -> &str {
        &self.0.path
    }

    #[cold]
    #[inline(never)]
    fn unreadable() -> Self {
        de::Error::custom("could not read this value")
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::message_only(msg.to_string())
    }
}

impl DeError {
    #[inline(never)]
    fn message_only(message: String) -> Self {
        DeError(Box::new(DeErrorInner { message, path: Path::render() }))
    }
}

/// Read `value` as a `T`, tracking the path of every nested value.
pub fn deserialize<T: de::DeserializeOwned>(value: JsValue) -> Result<T, DeError> {
    Path::clear();
    T::deserialize(JsDeserializer::js(value))
}

/// A value to read: a JS value, a number already copied out of a numeric array, or a property whose getter threw
/// (any attempt to read it, but skipping it, fails with "could not read this value").
enum Val {
    Js(JsValue),
    Num(f64),
    Unreadable,
}

/// What a value is, found once by non-generic code (so the generic `deserialize_*` methods stay small).
enum Kind {
    Nullish,
    Bool(bool),
    Num(f64),
    Str(String),
    /// An array or a typed array.
    Seq,
    /// Any other object.
    Map,
    /// Anything else, with its `typeof`.
    Other(String),
}

/// The deserializer of one value, at the path held by [`PATH`].
pub struct JsDeserializer {
    value: Val,
}

impl JsDeserializer {
    fn js(value: JsValue) -> Self {
        JsDeserializer { value: Val::Js(value) }
    }

    fn is_nullish(&self) -> bool {
        match &self.value {
            Val::Js(v) => v.loose_eq(&JsValue::NULL),
            Val::Num(_) | Val::Unreadable => false,
        }
    }

    fn number(&self) -> Option<f64> {
        match &self.value {
            Val::Js(v) => v.as_f64(),
            Val::Num(x) => Some(*x),
            Val::Unreadable => None,
        }
    }

    /// The JS value, unless it is a number (which never is an object, array or string) or unreadable.
    fn js_value(&self) -> Option<&JsValue> {
        match &self.value {
            Val::Js(v) => Some(v),
            Val::Num(_) | Val::Unreadable => None,
        }
    }

    fn string(&self) -> Option<String> {
        self.js_value().and_then(JsValue::as_string)
    }

    /// A plain object (not an array, not null).
    fn object(&self) -> Option<&JsValue> {
        self.js_value().filter(|v| v.is_object() && !Array::is_array(v))
    }

    #[inline(never)]
    fn kind(&self) -> Kind {
        if self.is_nullish() {
            return Kind::Nullish;
        }
        if let Some(x) = self.number() {
            return Kind::Num(x);
        }
        let Some(v) = self.js_value() else {
            return Kind::Other("value".to_string());
        };
        if let Some(b) = v.as_bool() {
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

    #[cold]
    #[inline(never)]
    fn invalid_type(&self, exp: &dyn Expected) -> DeError {
        if let Val::Unreadable = self.value {
            return DeError::unreadable();
        }
        let kind = self.kind();
        let unexpected = match &kind {
            Kind::Nullish => Unexpected::Unit,
            Kind::Num(x) => Unexpected::Float(*x),
            Kind::Bool(b) => Unexpected::Bool(*b),
            Kind::Str(s) => Unexpected::Str(s),
            Kind::Seq => Unexpected::Seq,
            Kind::Map => Unexpected::Map,
            Kind::Other(t) => Unexpected::Other(t),
        };
        de::Error::invalid_type(unexpected, exp)
    }

    /// A whole, safe number, or `None`.
    #[inline(never)]
    fn whole(&self) -> Option<f64> {
        self.number().filter(|x| x.fract() == 0.0 && x.abs() <= MAX_SAFE)
    }

    /// A whole, safe number offered as an integer (negative ones as `i64`, so unsigned targets say "invalid
    /// value: integer `-1`"); serde's visitors check the range of the target type.
    fn integer<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.whole() {
            Some(x) if x < 0.0 => visitor.visit_i64(x as i64),
            Some(x) => visitor.visit_u64(x as u64),
            None => Err(self.invalid_type(&visitor)),
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

    /// The elements of an array (numbers copied in one step when they all are numbers).
    #[inline(never)]
    fn seq_access(&self) -> Option<SeqAccess> {
        let items = match self.numbers() {
            Some(numbers) => Items::Nums(numbers),
            None => Items::Js(self.js_value()?.dyn_ref::<Array>()?.clone()),
        };
        let len = match &items {
            Items::Nums(v) => u32::try_from(v.len()).unwrap_or(u32::MAX),
            Items::Js(a) => a.length(),
        };
        Some(SeqAccess { items, len, i: 0 })
    }

    fn map<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.object_access() {
            Some(access) => visitor.visit_map(access),
            None => Err(self.invalid_type(&visitor)),
        }
    }

    /// The keys and values of a plain object.
    #[inline(never)]
    fn object_access(&self) -> Option<ObjectAccess> {
        let obj = self.object()?;
        let keys = Object::keys(obj.unchecked_ref::<Object>());
        Some(ObjectAccess { len: keys.length(), keys, i: 0, obj: obj.clone(), pending: None })
    }

    /// An enum as `"Variant"` or `{ Variant: payload }`: the tag and the payload.
    #[inline(never)]
    fn enum_access(&self, exp: &dyn Expected) -> Result<EnumAccess, DeError> {
        if let Some(tag) = self.string() {
            return Ok(EnumAccess { tag, payload: None });
        }
        let Some(obj) = self.object() else {
            return Err(self.invalid_type(exp));
        };
        let keys = Object::keys(obj.unchecked_ref::<Object>());
        if keys.length() != 1 {
            return Err(de::Error::invalid_length(keys.length() as usize, &"an object with exactly one key"));
        }
        let key = keys.get(0);
        let payload = Reflect::get(obj, &key).map_err(|_| DeError::unreadable())?;
        let tag = key.as_string().unwrap_or_default();
        Ok(EnumAccess { tag, payload: Some(payload) })
    }

    /// The one character of a one-character string.
    #[inline(never)]
    fn char(&self) -> Option<char> {
        let s = self.string()?;
        let mut chars = s.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }
}

impl<'de> de::Deserializer<'de> for JsDeserializer {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.kind() {
            Kind::Num(x) if x.fract() == 0.0 && x.abs() <= MAX_SAFE => visitor.visit_i64(x as i64),
            Kind::Num(x) => visitor.visit_f64(x),
            Kind::Nullish => visitor.visit_unit(),
            Kind::Bool(b) => visitor.visit_bool(b),
            Kind::Str(s) => visitor.visit_string(s),
            Kind::Seq => self.deserialize_seq(visitor),
            Kind::Map => self.map(visitor),
            Kind::Other(_) => Err(self.invalid_type(&visitor)),
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
        match self.char() {
            Some(c) => visitor.visit_char(c),
            None => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.string() {
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
        match self.seq_access() {
            Some(access) => visitor.visit_seq(access),
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
        let access = self.enum_access(&visitor)?;
        visitor.visit_enum(access)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    /// Skips the value without looking at it (no recursion, no JS calls).
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// The elements of an array: JS values read one by one, or numbers already copied to Rust.
enum Items {
    Js(Array),
    Nums(Vec<f64>),
}

/// The elements of an array, read one by one.
struct SeqAccess {
    items: Items,
    len: u32,
    i: u32,
}

impl SeqAccess {
    /// The deserializer of the next element, with its index pushed on the path; `None` after the last.
    #[inline(never)]
    fn next_de(&mut self) -> Option<JsDeserializer> {
        if self.i >= self.len {
            return None;
        }
        let i = self.i;
        self.i += 1;
        let value = match &self.items {
            Items::Js(array) => Val::Js(array.get(i)),
            Items::Nums(numbers) => Val::Num(numbers.get(i as usize).copied().unwrap_or(f64::NAN)),
        };
        Path::push(Segment::Index(i as usize));
        Some(JsDeserializer { value })
    }
}

impl<'de> de::SeqAccess<'de> for SeqAccess {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DeError> {
        let Some(d) = self.next_de() else {
            return Ok(None);
        };
        let value = seed.deserialize(d);
        Path::pop();
        value.map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.i) as usize)
    }
}

/// The own enumerable keys of a plain object and their values.
struct ObjectAccess {
    obj: JsValue,
    keys: Array,
    len: u32,
    i: u32,
    /// The key whose value comes next, as JS (to read it) and as Rust (to read it as a key).
    pending: Option<(JsValue, String)>,
}

impl ObjectAccess {
    /// Move to the next key (now `pending`, and pushed on the path, so that an unknown field or a bad map key is
    /// reported at the key); `false` after the last.
    #[inline(never)]
    fn advance(&mut self) -> bool {
        if self.i >= self.len {
            return false;
        }
        let js_key = self.keys.get(self.i);
        self.i += 1;
        let key = js_key.as_string().unwrap_or_default();
        Path::push(Segment::Key(key.clone()));
        self.pending = Some((js_key, key));
        true
    }

    fn pending_key(&self) -> &str {
        self.pending.as_ref().map_or("", |(_, k)| k.as_str())
    }

    /// The deserializer of the pending key's value (its key is already on the path). Infallible, so that no
    /// instance of [`de::MapAccess::next_value_seed`] carries an error path of its own: a value that cannot be read
    /// fails when it is read.
    #[inline(never)]
    fn value_de(&mut self) -> JsDeserializer {
        let value = match self.pending.take() {
            Some((js_key, _)) => Reflect::get(&self.obj, &js_key).map_or(Val::Unreadable, Val::Js),
            // serde reads a key before its value; a visitor that does not is read as an unreadable value.
            None => Val::Unreadable,
        };
        JsDeserializer { value }
    }
}

impl<'de> de::MapAccess<'de> for ObjectAccess {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DeError> {
        if !self.advance() {
            return Ok(None);
        }
        seed.deserialize(de::value::StrDeserializer::<DeError>::new(self.pending_key())).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = seed.deserialize(self.value_de());
        Path::pop();
        value
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len.saturating_sub(self.i) as usize)
    }
}

/// An enum written as `"Variant"` (no payload) or `{ Variant: payload }`.
struct EnumAccess {
    tag: String,
    payload: Option<JsValue>,
}

impl EnumAccess {
    /// The deserializer of the payload, with the tag pushed on the path.
    #[inline(never)]
    fn payload_de(self) -> JsDeserializer {
        Path::push(Segment::Key(self.tag));
        JsDeserializer::js(self.payload.unwrap_or(JsValue::UNDEFINED))
    }
}

impl<'de> de::EnumAccess<'de> for EnumAccess {
    type Error = DeError;
    type Variant = EnumAccess;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), DeError> {
        let v = seed.deserialize(de::value::StrDeserializer::<DeError>::new(&self.tag))?;
        Ok((v, self))
    }
}

impl<'de> de::VariantAccess<'de> for EnumAccess {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        let value = seed.deserialize(self.payload_de());
        Path::pop();
        value
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        let value = de::Deserializer::deserialize_seq(self.payload_de(), visitor);
        Path::pop();
        value
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let value = self.payload_de().map(visitor);
        Path::pop();
        value
    }
}
