//! Reading inputs into domain types, without serde's derived deserializers.
//!
//! serde's derive writes, for every input type, a field-name matcher, a visitor with one `Option` slot per field,
//! duplicate and missing-field checks and drop glue on every error exit. Compiled against the JS deserializer that
//! was ~185 KB of the wasm module (70 KB of the gzipped 327), more than any engine. Here each input type has a
//! [`Read`] impl of a few lines that asks an object for its fields by name ([`Obj::req`], [`Obj::opt`], ...), and
//! everything that is not specific to one type (finding a key, checking a type, building an error and its path)
//! is shared, non-generic code.
//!
//! A [`Source`] is a JSON-like value: the wasm boundary implements it for JS values (`src/wasm/source.rs`), and the
//! tests for `serde_json` values. The `Deserialize` derives stay on the input types for native Rust users, the
//! published JSON Schema (`--features schema`) and the tests; `tests/read.rs` checks that both readers give the
//! same value, or the same error code, path and message, on every input of a corpus.
//!
//! Errors are the ones serde's derive gave (the boundary's wording of them): `missing field `end``,
//! `invalid type: string "x", expected a number`, `unknown variant `x`, expected `a` or `b``, at the path of the
//! value (`outages[3].end`; a missing field at the path of its object).

mod budget;
mod capacity;
mod org;
mod sla;
mod team;
mod time;

use std::collections::BTreeMap;

use crate::error::{Error, ErrorCode, Result};

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// What a value is, for type checks and error messages.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// `null` or `undefined`.
    Nullish,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Num(f64),
    /// A string.
    Str(String),
    /// An array or a typed array.
    Seq,
    /// Any other object.
    Map,
    /// Anything else (a function, a symbol, a bigint), with its `typeof`.
    Other(String),
    /// A property whose getter threw.
    Unreadable,
}

/// A JSON-like input value: JS values at the wasm boundary, `serde_json` values in tests.
pub trait Source: Sized {
    /// What this value is.
    fn kind(&self) -> Kind;
    /// `null` or `undefined`.
    fn is_nullish(&self) -> bool;
    /// The number, if this is one.
    fn number(&self) -> Option<f64>;
    /// The boolean, if this is one.
    fn boolean(&self) -> Option<bool>;
    /// The string, if this is one.
    fn string(&self) -> Option<String>;
    /// All elements as numbers, when this is a typed array or an array whose every element is a number.
    fn numbers(&self) -> Option<Vec<f64>>;
    /// The elements, when this is an array (or a typed array).
    fn items(&self) -> Option<Vec<Self>>;
    /// The own keys and values, in order, when this is an object that is not an array.
    fn entries(&self) -> Option<Vec<(String, Self)>>;
}

/// A type read from a [`Source`].
pub trait Read: Sized {
    /// Read one value.
    fn read<S: Source>(v: S) -> Result<Self>;

    /// Read a list of values (numbers override this to copy a numeric array in one step).
    fn read_list<S: Source>(v: S) -> Result<Vec<Self>> {
        list(v, Self::read)
    }
}

/// Read `T` from `v`: the entry point.
pub fn read<T: Read, S: Source>(v: S) -> Result<T> {
    T::read(v)
}

/// Read a list with `f` for each element; an element's error gets its index on its path.
#[inline(never)]
pub fn list<S: Source, T>(v: S, f: fn(S) -> Result<T>) -> Result<Vec<T>> {
    let Some(items) = v.items() else {
        return Err(invalid_type(&v, "an array"));
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        match f(item) {
            Ok(x) => out.push(x),
            Err(e) => return Err(index(e, i)),
        }
    }
    Ok(out)
}

/// Prefix an error's path with a key.
#[cold]
#[inline(never)]
pub fn within(e: Error, key: &str) -> Error {
    e.within(key)
}

/// Prefix an error's path with an index.
#[cold]
#[inline(never)]
fn index(e: Error, i: usize) -> Error {
    e.within(&format!("[{i}]"))
}

/// How serde wrote an unexpected value: ``floating point `1.5` ``, `string "x"`, `unit value`, `map`.
fn unexpected(kind: &Kind) -> String {
    match kind {
        Kind::Nullish => "unit value".to_string(),
        Kind::Bool(b) => format!("boolean `{b}`"),
        Kind::Num(x) => format!("floating point `{}`", with_point(*x)),
        Kind::Str(s) => format!("string {s:?}"),
        Kind::Seq => "sequence".to_string(),
        Kind::Map => "map".to_string(),
        Kind::Other(t) => t.clone(),
        Kind::Unreadable => "a value that could not be read".to_string(),
    }
}

/// A number as serde writes it in messages: with a decimal point when finite (`5.0`, `1.5`, `NaN`).
fn with_point(x: f64) -> String {
    let s = crate::num::fmt_f64(x);
    if x.is_finite() && !s.contains('.') { format!("{s}.0") } else { s }
}

/// `invalid type: <what v is>, expected <expected>`; "could not read this value" for a throwing getter.
#[cold]
#[inline(never)]
pub fn invalid_type<S: Source>(v: &S, expected: &str) -> Error {
    kind_error(v.kind(), expected)
}

/// [`invalid_type`] for a [`Kind`] already known.
#[cold]
#[inline(never)]
pub fn kind_error(kind: Kind, expected: &str) -> Error {
    if kind == Kind::Unreadable {
        return Error::new(ErrorCode::InvalidType, "", "could not read this value");
    }
    Error::new(ErrorCode::InvalidType, "", format!("invalid type: {}, expected {expected}", unexpected(&kind)))
}

/// `missing field `key``, at the object's path.
#[cold]
#[inline(never)]
fn missing(key: &str) -> Error {
    Error::new(ErrorCode::MissingField, "", format!("missing field `{key}`"))
}

/// serde's list of allowed names: `` `a` ``, `` `a` or `b` ``, `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", quoted.join(", "))
        }
    }
}

/// `unknown variant `x`, expected ...`.
#[cold]
#[inline(never)]
fn unknown_variant(tag: &str, names: &[&str]) -> Error {
    let message = if names.is_empty() {
        format!("unknown variant `{tag}`, there are no variants")
    } else {
        format!("unknown variant `{tag}`, expected {}", one_of(names))
    };
    Error::new(ErrorCode::UnknownVariant, "", message)
}

/// An object's fields, taken out one by one by name.
pub struct Obj<S> {
    entries: Vec<(String, Option<S>)>,
}

impl<S: Source> Obj<S> {
    /// The fields of `v`, which must be an object (not an array); `expected` names the type for the error
    /// (`"an object: struct Page"`).
    pub fn new(v: S, expected: &str) -> Result<Self> {
        match v.entries() {
            Some(entries) => Ok(Obj { entries: entries.into_iter().map(|(k, v)| (k, Some(v))).collect() }),
            None => Err(invalid_type(&v, expected)),
        }
    }

    /// Take the value of `key`, if the object has it.
    pub fn take(&mut self, key: &str) -> Option<S> {
        self.entries.iter_mut().find(|(k, _)| k == key).and_then(|(_, v)| v.take())
    }

    /// A required field.
    #[inline(never)]
    pub fn req<T: Read>(&mut self, key: &str) -> Result<T> {
        match self.take(key) {
            Some(v) => T::read(v).map_err(|e| within(e, key)),
            None => Err(missing(key)),
        }
    }

    /// An optional field: absent, `null` and `undefined` are `None`.
    #[inline(never)]
    pub fn opt<T: Read>(&mut self, key: &str) -> Result<Option<T>> {
        match self.take(key) {
            Some(v) if !v.is_nullish() => T::read(v).map(Some).map_err(|e| within(e, key)),
            _ => Ok(None),
        }
    }

    /// A field with a default when absent (a present `null` is read as the type, as serde does).
    #[inline(never)]
    pub fn or_default<T: Read + Default>(&mut self, key: &str) -> Result<T> {
        self.or_else(key, T::default)
    }

    /// A field with `default` when absent (the struct-wide `#[serde(default)]`).
    #[inline(never)]
    pub fn or<T: Read>(&mut self, key: &str, default: T) -> Result<T> {
        match self.take(key) {
            Some(v) => T::read(v).map_err(|e| within(e, key)),
            None => Ok(default),
        }
    }

    /// A required field read by `f`.
    #[inline(never)]
    pub fn req_with<T>(&mut self, key: &str, f: fn(S) -> Result<T>) -> Result<T> {
        match self.take(key) {
            Some(v) => f(v).map_err(|e| within(e, key)),
            None => Err(missing(key)),
        }
    }

    /// A field with `f()` when absent.
    #[inline(never)]
    pub fn or_else<T: Read>(&mut self, key: &str, f: fn() -> T) -> Result<T> {
        match self.take(key) {
            Some(v) => T::read(v).map_err(|e| within(e, key)),
            None => Ok(f()),
        }
    }

    /// A field read by `f`; `None` when absent.
    #[inline(never)]
    pub fn with<T>(&mut self, key: &str, f: fn(S) -> Result<T>) -> Result<Option<T>> {
        match self.take(key) {
            Some(v) => f(v).map(Some).map_err(|e| within(e, key)),
            None => Ok(None),
        }
    }

    /// Fail on the first key that is not one of `names`: `unknown field `x`, expected one of ...` at that key.
    pub fn deny_unknown(&self, names: &[&str]) -> Result<()> {
        match self.entries.iter().find(|(k, _)| !names.contains(&k.as_str())) {
            Some((k, _)) => Err(unknown_field(k, names)),
            None => Ok(()),
        }
    }
}

/// `unknown field `x`, expected ...`, at the field.
#[cold]
#[inline(never)]
fn unknown_field(key: &str, names: &[&str]) -> Error {
    let message = if names.is_empty() {
        format!("unknown field `{key}`, there are no fields")
    } else {
        format!("unknown field `{key}`, expected {}", one_of(names))
    };
    Error::new(ErrorCode::InvalidType, key, message)
}

/// The index of an enum's variant written as `"name"` (or `{ name: ... }`, as serde accepts for a unit variant).
/// `expected` names the enum (`"enum Urgency"`).
pub fn tag<S: Source>(v: S, expected: &str, names: &[&str]) -> Result<usize> {
    let name = match v.string() {
        Some(s) => s,
        None => match v.entries() {
            Some(entries) if entries.len() == 1 => entries.into_iter().next().map(|(k, _)| k).unwrap_or_default(),
            Some(entries) => return Err(one_key(entries.len())),
            None => return Err(invalid_type(&v, expected)),
        },
    };
    names.iter().position(|n| *n == name).ok_or_else(|| unknown_variant(&name, names))
}

/// An enum written as an object must have exactly one key.
#[cold]
#[inline(never)]
fn one_key(n: usize) -> Error {
    Error::new(ErrorCode::InvalidType, "", format!("invalid length {n}, expected an object with exactly one key"))
}

/// An enum's tag and, for `{ tag: payload }`, its payload.
pub fn tag_payload<S: Source>(v: S, expected: &str, names: &[&str]) -> Result<(usize, Option<S>)> {
    if let Some(s) = v.string() {
        let i = names.iter().position(|n| *n == s).ok_or_else(|| unknown_variant(&s, names))?;
        return Ok((i, None));
    }
    match v.entries() {
        Some(entries) if entries.len() == 1 => {
            let mut it = entries.into_iter();
            let Some((k, payload)) = it.next() else { return Err(one_key(0)) };
            let i = names.iter().position(|n| *n == k).ok_or_else(|| unknown_variant(&k, names))?;
            Ok((i, Some(payload)))
        }
        Some(entries) => Err(one_key(entries.len())),
        None => Err(invalid_type(&v, expected)),
    }
}

/// A unit-variant enum read from its camelCase names: `read_enum!(Urgency, "enum Urgency", High = "high", ...)`.
macro_rules! read_enum {
    ($ty:ty, $expected:literal, $($variant:ident = $name:literal),+ $(,)?) => {
        impl $crate::read::Read for $ty {
            fn read<S: $crate::read::Source>(v: S) -> $crate::Result<Self> {
                const NAMES: &[&str] = &[$($name),+];
                const ALL: &[$ty] = &[$(<$ty>::$variant),+];
                let i = $crate::read::tag(v, $expected, NAMES)?;
                ALL.get(i).copied().ok_or_else(|| $crate::read::kind_error($crate::read::Kind::Nullish, $expected))
            }
        }
    };
}
pub(crate) use read_enum;

impl Read for f64 {
    fn read<S: Source>(v: S) -> Result<Self> {
        v.number().ok_or_else(|| invalid_type(&v, "a number"))
    }

    fn read_list<S: Source>(v: S) -> Result<Vec<Self>> {
        match v.numbers() {
            Some(x) => Ok(x),
            None => list(v, f64::read),
        }
    }
}

impl Read for bool {
    fn read<S: Source>(v: S) -> Result<Self> {
        v.boolean().ok_or_else(|| invalid_type(&v, "true or false"))
    }
}

impl Read for String {
    fn read<S: Source>(v: S) -> Result<Self> {
        v.string().ok_or_else(|| invalid_type(&v, "a string"))
    }
}

/// A whole number in `0..=max`, with serde's messages: a fraction is an invalid type, a negative or too large
/// whole number an invalid value.
#[inline(never)]
fn whole<S: Source>(v: &S, max: f64) -> Result<f64> {
    const EXPECTED: &str = "a whole number ≥ 0";
    match v.number() {
        Some(x) if x.fract() == 0.0 && x.abs() <= MAX_SAFE => {
            if (0.0..=max).contains(&x) {
                Ok(x)
            } else {
                Err(Error::new(
                    ErrorCode::InvalidType,
                    "",
                    format!("invalid value: integer `{}`, expected {EXPECTED}", x as i64),
                ))
            }
        }
        _ => Err(invalid_type(v, EXPECTED)),
    }
}

impl Read for u32 {
    fn read<S: Source>(v: S) -> Result<Self> {
        whole(&v, f64::from(u32::MAX)).map(|x| x as u32)
    }
}

impl Read for usize {
    fn read<S: Source>(v: S) -> Result<Self> {
        // usize is 32 bits in wasm32.
        whole(&v, usize::MAX as f64).map(|x| x as usize)
    }
}

impl<T: Read> Read for Option<T> {
    fn read<S: Source>(v: S) -> Result<Self> {
        if v.is_nullish() { Ok(None) } else { T::read(v).map(Some) }
    }
}

impl<T: Read> Read for Vec<T> {
    fn read<S: Source>(v: S) -> Result<Self> {
        T::read_list(v)
    }
}

impl<T: Read> Read for BTreeMap<String, T> {
    fn read<S: Source>(v: S) -> Result<Self> {
        let Some(entries) = v.entries() else {
            return Err(invalid_type(&v, "a map"));
        };
        let mut out = BTreeMap::new();
        for (k, item) in entries {
            let x = T::read(item).map_err(|e| within(e, &k))?;
            out.insert(k, x);
        }
        Ok(out)
    }
}

/// A column of numbers in which `null` stands for NaN (`[1, null, 3]` is `[1, NaN, 3]`); absent or `null` as a
/// whole is `None`. The reader of the fields serde reads with [`crate::columns::nan_for_null`].
pub fn nan_for_null<S: Source>(v: S) -> Result<Option<Vec<f64>>> {
    if v.is_nullish() {
        return Ok(None);
    }
    if let Some(x) = v.numbers() {
        return Ok(Some(x));
    }
    let x: Vec<Option<f64>> = Read::read(v)?;
    Ok(Some(x.into_iter().map(|x| x.unwrap_or(f64::NAN)).collect()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_wording() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b"]), "`a` or `b`");
        assert_eq!(one_of(&["a", "b", "c"]), "one of `a`, `b`, `c`");
        assert_eq!(with_point(5.0), "5.0");
        assert_eq!(with_point(1.5), "1.5");
        assert_eq!(with_point(f64::NAN), "NaN");
        assert_eq!(unexpected(&Kind::Str("a\"b".into())), "string \"a\\\"b\"");
    }
}
