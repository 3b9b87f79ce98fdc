//! The output path: one serde `Serializer` that writes a result into a compact byte buffer, and one small JS
//! function that turns the buffer into the JS value in a single pass.
//!
//! It replaces `serde_wasm_bindgen::Serializer` (`serialize_maps_as_objects(true)`) and gives the same shapes:
//! structs and maps are plain objects, sequences and tuples arrays, `None` and `()` `undefined` (a struct field
//! that is `None` is still present, with the value `undefined`), unit variants `"Variant"`, other variants
//! `{ Variant: payload }`, numbers JS numbers, bytes a `Uint8Array`, 128-bit integers a `BigInt`. Every value is a
//! few bytes appended by non-generic code, so the `Serialize` impl of each output type compiles to little more than
//! a call per field, and building a result costs one call into JS instead of one per field.
//!
//! Writing cannot fail, so the error type is uninhabited and the `?` after every field compiles to nothing. The
//! one way serde has to fail anyway, a `Serialize` impl calling `ser::Error::custom`, is a bug (no output type of
//! opscore does) and panics, which the panic hook reports. 64-bit integers become numbers: outputs only hold counts
//! and epoch milliseconds, far inside the range a JS number holds exactly (serde-wasm-bindgen threw beyond it).
//!
//! The buffer: a tag byte per value, then its payload (little-endian): [`UNDEF`], [`FALSE`], [`TRUE`],
//! [`NUM`] + f64, [`STR`] + u32 length + UTF-8, [`ARR`] values… [`END`], [`OBJ`] (key, value)… [`END`],
//! [`BYTES`] + u32 length + bytes, [`BIGINT`] + u32 length + decimal digits. Field and variant names are
//! `&'static str`s met again and again (100,000 tickets repeat the same dozen keys): the first time one is written as
//! [`NAME`] + u32 length + UTF-8, which the decoder also appends to its list of names, and afterwards as [`NAME_AT`]
//! + u32 index into that list, so each name becomes a JS string once per result.

use std::fmt;

use serde::ser::{self, Serialize};
use wasm_bindgen::prelude::*;

const UNDEF: u8 = 0;
const FALSE: u8 = 1;
const TRUE: u8 = 2;
const NUM: u8 = 3;
const STR: u8 = 4;
const ARR: u8 = 5;
const OBJ: u8 = 6;
const END: u8 = 7;
const BYTES: u8 = 8;
const BIGINT: u8 = 9;
const NAME: u8 = 10;
const NAME_AT: u8 = 11;

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    fn opscore_decode(bytes: &[u8]) -> JsValue;
}

/// Serialize `value` into a JS value.
pub(super) fn to_value<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let mut enc = Encoder::default();
    match value.serialize(&mut enc) {
        Ok(()) => enc.finish(),
        Err(never) => match never {},
    }
}

/// The error of a serializer that cannot fail: no value of this type exists.
#[derive(Debug)]
pub(super) enum SerError {}

impl fmt::Display for SerError {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        unrepresentable(&msg.to_string())
    }
}

/// A `Serialize` impl gave up: a bug in that impl, reported by the panic hook.
#[cold]
#[inline(never)]
#[allow(clippy::panic)]
fn unrepresentable(message: &str) -> ! {
    panic!("a result could not be represented in JS: {message}")
}

/// The buffer a result is written into.
#[derive(Default)]
pub(super) struct Encoder {
    buf: Vec<u8>,
    /// The names written so far, a direct-mapped cache keyed by address: (address, length, index in the
    /// decoder's list). A name evicted by another is simply written again under a new index.
    names: Vec<(usize, usize, u32)>,
    /// How many names the decoder's list holds.
    named: u32,
}

/// Slots of the name cache (a power of two).
const NAME_SLOTS: usize = 256;

impl Encoder {
    #[inline(never)]
    fn finish(self) -> JsValue {
        opscore_decode(&self.buf)
    }

    #[inline(never)]
    fn tag(&mut self, tag: u8) {
        self.buf.push(tag);
    }

    #[inline(never)]
    fn num(&mut self, x: f64) {
        self.buf.push(NUM);
        self.buf.extend_from_slice(&x.to_le_bytes());
    }

    #[inline(never)]
    fn sized(&mut self, tag: u8, bytes: &[u8]) {
        self.buf.push(tag);
        // Results are far below 4 GiB (the wasm memory itself is), so the length always fits.
        self.buf.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
        self.buf.extend_from_slice(bytes);
    }

    #[inline(never)]
    fn str(&mut self, s: &str) {
        self.sized(STR, s.as_bytes());
    }

    /// A field or variant name: by index when the decoder already has it.
    #[inline(never)]
    fn name(&mut self, s: &'static str) {
        if self.names.is_empty() {
            self.names = vec![(0, 0, 0); NAME_SLOTS];
        }
        let (addr, len) = (s.as_ptr() as usize, s.len());
        let slot = (addr ^ (addr >> 8)) % NAME_SLOTS;
        match self.names.get(slot) {
            Some(&(a, l, index)) if a == addr && l == len => {
                self.buf.push(NAME_AT);
                self.buf.extend_from_slice(&index.to_le_bytes());
            }
            _ => {
                if let Some(entry) = self.names.get_mut(slot) {
                    *entry = (addr, len, self.named);
                }
                self.named += 1;
                self.sized(NAME, s.as_bytes());
            }
        }
    }

    /// `{ variant: ` — the payload and one extra [`END`] follow.
    #[inline(never)]
    fn variant(&mut self, variant: &'static str) {
        self.tag(OBJ);
        self.name(variant);
    }
}

impl ser::Serializer for &mut Encoder {
    type Ok = ();
    type Error = SerError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_bool(self, v: bool) -> Result<(), SerError> {
        self.tag(if v { TRUE } else { FALSE });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), SerError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_i16(self, v: i16) -> Result<(), SerError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_i32(self, v: i32) -> Result<(), SerError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_i64(self, v: i64) -> Result<(), SerError> {
        self.serialize_f64(v as f64)
    }

    fn serialize_u8(self, v: u8) -> Result<(), SerError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_u16(self, v: u16) -> Result<(), SerError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_u32(self, v: u32) -> Result<(), SerError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_u64(self, v: u64) -> Result<(), SerError> {
        self.serialize_f64(v as f64)
    }

    fn serialize_i128(self, v: i128) -> Result<(), SerError> {
        self.sized(BIGINT, v.to_string().as_bytes());
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), SerError> {
        self.sized(BIGINT, v.to_string().as_bytes());
        Ok(())
    }

    fn serialize_f32(self, v: f32) -> Result<(), SerError> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), SerError> {
        self.num(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), SerError> {
        self.str(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), SerError> {
        self.str(v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), SerError> {
        self.sized(BYTES, v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), SerError> {
        self.tag(UNDEF);
        Ok(())
    }

    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result<(), SerError> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), SerError> {
        self.tag(UNDEF);
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), SerError> {
        self.tag(UNDEF);
        Ok(())
    }

    fn serialize_unit_variant(self, _name: &'static str, _index: u32, variant: &'static str) -> Result<(), SerError> {
        self.name(variant);
        Ok(())
    }

    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _name: &'static str, value: &T) -> Result<(), SerError> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.variant(variant);
        value.serialize(&mut *self)?;
        self.tag(END);
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Self, SerError> {
        self.tag(ARR);
        Ok(self)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self, SerError> {
        self.tag(ARR);
        Ok(self)
    }

    fn serialize_tuple_struct(self, _name: &'static str, _len: usize) -> Result<Self, SerError> {
        self.tag(ARR);
        Ok(self)
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, SerError> {
        self.variant(variant);
        self.tag(ARR);
        Ok(self)
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Self, SerError> {
        self.tag(OBJ);
        Ok(self)
    }

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, SerError> {
        self.tag(OBJ);
        Ok(self)
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Self, SerError> {
        self.variant(variant);
        self.tag(OBJ);
        Ok(self)
    }
}

impl ser::SerializeSeq for &mut Encoder {
    type Ok = ();
    type Error = SerError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), SerError> {
        self.tag(END);
        Ok(())
    }
}

impl ser::SerializeTuple for &mut Encoder {
    type Ok = ();
    type Error = SerError;

    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), SerError> {
        self.tag(END);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for &mut Encoder {
    type Ok = ();
    type Error = SerError;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), SerError> {
        self.tag(END);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for &mut Encoder {
    type Ok = ();
    type Error = SerError;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), SerError> {
        self.tag(END);
        self.tag(END);
        Ok(())
    }
}

impl ser::SerializeMap for &mut Encoder {
    type Ok = ();
    type Error = SerError;

    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result<(), SerError> {
        key.serialize(&mut **self)
    }

    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result<(), SerError> {
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), SerError> {
        self.tag(END);
        Ok(())
    }
}

impl ser::SerializeStruct for &mut Encoder {
    type Ok = ();
    type Error = SerError;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), SerError> {
        self.name(key);
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), SerError> {
        self.tag(END);
        Ok(())
    }
}

impl ser::SerializeStructVariant for &mut Encoder {
    type Ok = ();
    type Error = SerError;

    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result<(), SerError> {
        self.name(key);
        value.serialize(&mut **self)
    }

    fn end(self) -> Result<(), SerError> {
        self.tag(END);
        self.tag(END);
        Ok(())
    }
}
