//! Ticket ids held as one text cut by offsets, instead of one string per ticket.
//!
//! 100,000 ids as 100,000 strings cost 100,000 allocations to read, to hash for the duplicate check and to free;
//! as one text with offsets they cost one allocation, and an id becomes a `String` only when a result names its
//! ticket (a worst offender, or a ticket in the per-ticket detail). The columnar input accepts ids in either form
//! ([`IdColumn`]); the table keeps them as [`Ids`].

use std::borrow::Cow;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::ticket_table::whole;
use crate::error::{Error, ErrorCode, Result, check, index_path};

/// The ids of tickets given as columns, in one of two forms.
#[derive(Debug, Clone, PartialEq)]
pub enum IdColumn {
    /// One string per ticket: `["INC-1", "INC-2"]`.
    List(Vec<String>),
    /// Every id in one text, cut by offsets: `{ text: "INC-1INC-2", offsets: [0, 5, 10] }`. Ticket `i`'s id is the
    /// text from `offsets[i]` to `offsets[i + 1]` (exclusive). Offsets count UTF-16 code units, as positions in a
    /// JS string do (for ASCII text, the same as bytes); there is one more offset than there are tickets, running
    /// from 0, never decreasing, to the text's length.
    Joined {
        /// The ids, one after another.
        text: String,
        /// One more entry than there are tickets: 0, then where each id ends.
        offsets: Vec<f64>,
    },
}

impl From<Vec<String>> for IdColumn {
    fn from(ids: Vec<String>) -> Self {
        IdColumn::List(ids)
    }
}

impl Serialize for IdColumn {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            IdColumn::List(v) => v.serialize(s),
            IdColumn::Joined { text, offsets } => {
                let mut m = s.serialize_map(Some(2))?;
                m.serialize_entry("text", text)?;
                m.serialize_entry("offsets", offsets)?;
                m.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for IdColumn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = IdColumn;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of id strings, or { text, offsets }")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<IdColumn, A::Error> {
                let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(check::MAX_ITEMS));
                while let Some(id) = seq.next_element::<String>()? {
                    out.push(id);
                }
                Ok(IdColumn::List(out))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<IdColumn, A::Error> {
                let (mut text, mut offsets) = (None, None);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "text" => text = Some(map.next_value::<String>()?),
                        "offsets" => offsets = Some(map.next_value::<Vec<f64>>()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                match (text, offsets) {
                    (Some(text), Some(offsets)) => Ok(IdColumn::Joined { text, offsets }),
                    (None, _) => Err(de::Error::missing_field("text")),
                    (_, None) => Err(de::Error::missing_field("offsets")),
                }
            }
        }
        d.deserialize_any(V)
    }
}

/// Ids ready for lookups: one text and `len + 1` byte offsets into it.
#[derive(Debug, Clone)]
pub(crate) struct Ids<'a> {
    text: Cow<'a, str>,
    ends: Vec<usize>,
}

impl<'a> Ids<'a> {
    /// The ids of `strs`, copied into one text.
    pub(crate) fn joined<'s>(strs: impl Iterator<Item = &'s str> + Clone) -> Ids<'a> {
        let (count, bytes) = strs.clone().fold((0usize, 0usize), |(c, b), s| (c + 1, b + s.len()));
        let mut text = String::with_capacity(bytes);
        let mut ends = Vec::with_capacity(count + 1);
        ends.push(0);
        for s in strs {
            text.push_str(s);
            ends.push(text.len());
        }
        Ids { text: Cow::Owned(text), ends }
    }

    /// The ids of `n` tickets given as a column. Errors (paths under `tickets.ids`): a list whose length is not
    /// `n`; offsets that are not `n + 1` whole numbers running from 0, never decreasing, to the text's length in
    /// UTF-16 code units, or that cut a character in two (`tickets.ids.offsets[5]`).
    pub(crate) fn from_column(column: &'a IdColumn, n: usize) -> Result<Self> {
        let (text, offsets) = match column {
            IdColumn::List(v) => {
                if v.len() != n {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        "tickets.ids",
                        format!(
                            "has {} entries but tickets.createdAt has {n}: every column needs one entry per ticket",
                            v.len()
                        ),
                    ));
                }
                return Ok(Ids::joined(v.iter().map(String::as_str)));
            }
            IdColumn::Joined { text, offsets } => (text.as_str(), offsets.as_slice()),
        };
        if offsets.len() != n + 1 {
            return Err(Error::new(
                ErrorCode::OutOfRange,
                "tickets.ids.offsets",
                format!(
                    "has {} entries but there are {n} tickets: give one more offset than tickets (0 first)",
                    offsets.len()
                ),
            ));
        }
        let ascii = text.is_ascii();
        let units = if ascii { text.len() } else { text.encode_utf16().count() };
        let mut chars = text.char_indices();
        let (mut unit, mut byte) = (0usize, 0usize);
        let mut ends = Vec::with_capacity(n + 1);
        let mut prev = 0usize;
        for (i, &x) in offsets.iter().enumerate() {
            let ok = whole(x, units).filter(|&k| k >= prev && (i > 0 || k == 0) && (i < n || k == units));
            let Some(k) = ok else {
                return Err(Error::new(
                    ErrorCode::OutOfRange,
                    index_path("tickets.ids.offsets", i),
                    format!(
                        "offsets run from 0, never decreasing, to the length of tickets.ids.text ({units} UTF-16 code \
                         units); got {} after {prev}",
                        crate::num::Num(x)
                    ),
                ));
            };
            if ascii {
                ends.push(k);
            } else {
                while unit < k {
                    let Some((at, c)) = chars.next() else { break };
                    unit += c.len_utf16();
                    byte = at + c.len_utf8();
                }
                if unit != k {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        index_path("tickets.ids.offsets", i),
                        format!("{k} falls between the two UTF-16 code units of one character of tickets.ids.text"),
                    ));
                }
                ends.push(byte);
            }
            prev = k;
        }
        Ok(Ids { text: Cow::Borrowed(text), ends })
    }

    /// Ticket `i`'s id.
    pub(crate) fn get(&self, i: usize) -> Option<&str> {
        let (&a, &b) = (self.ends.get(i)?, self.ends.get(i + 1)?);
        self.text.get(a..b)
    }

    /// How many ids there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len().saturating_sub(1)
    }

    /// The first position whose id appeared before it. An open-addressing table of positions (linear probing, at
    /// most two thirds full) over the ids' slices of the one text: no string is copied or allocated, and this costs
    /// about a fifth of a general hash set of `&str` in the size-optimised WebAssembly build.
    pub(crate) fn first_duplicate(&self) -> Option<usize> {
        let n = self.len();
        if n < 2 {
            return None;
        }
        let size = (n + n / 2).next_power_of_two();
        let (bits, mask) = (size.trailing_zeros(), size - 1);
        // (position + 1, low bits of the hash) per slot; position 0 marks an empty slot.
        let mut table: Vec<(u32, u32)> = vec![(0, 0); size];
        for i in 0..n {
            let id = self.get(i).unwrap_or_default();
            let h = hash(id.as_bytes());
            let tag = h as u32;
            let mut at = (h.wrapping_mul(MIX) >> (64 - bits)) as usize;
            while let Some(slot) = table.get_mut(at) {
                if slot.0 == 0 {
                    // Positions beyond u32 are beyond check::MAX_ITEMS, so never reached.
                    *slot = (u32::try_from(i + 1).unwrap_or(u32::MAX), tag);
                    break;
                }
                if slot.1 == tag && self.get(slot.0 as usize - 1) == Some(id) {
                    return Some(i);
                }
                at = (at + 1) & mask;
            }
        }
        None
    }

    /// The same ids owning their text.
    pub(crate) fn into_owned(self) -> Ids<'static> {
        Ids { text: Cow::Owned(self.text.into_owned()), ends: self.ends }
    }
}

const MIX: u64 = 0x9e37_79b9_7f4a_7c15;

/// A fast hash of a short byte string, eight bytes at a time (a collision only costs a comparison).
fn hash(bytes: &[u8]) -> u64 {
    let mut h = bytes.len() as u64;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h ^ u64::from_le_bytes(w)).wrapping_mul(MIX).rotate_left(29);
    }
    let tail = chunks.remainder().iter().rev().fold(0u64, |w, &b| (w << 8) | u64::from(b));
    h = (h ^ tail).wrapping_mul(MIX);
    h ^ (h >> 32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str, offsets: &[f64]) -> IdColumn {
        IdColumn::Joined { text: text.into(), offsets: offsets.to_vec() }
    }

    #[test]
    fn joined_ids_are_cut_by_utf16_offsets() {
        // "é" is 1 UTF-16 unit (2 bytes); "😀" is 2 units (4 bytes): "aé" = 2 units, "😀" = 2, "b" = 1.
        let c = joined("aé😀b", &[0.0, 2.0, 4.0, 5.0]);
        let ids = Ids::from_column(&c, 3).unwrap();
        assert_eq!((ids.get(0), ids.get(1), ids.get(2), ids.get(3)), (Some("aé"), Some("😀"), Some("b"), None));
        let e = Ids::from_column(&joined("a😀", &[0.0, 2.0, 3.0]), 2).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::OutOfRange, "tickets.ids.offsets[1]"));
    }

    #[test]
    fn the_first_repeated_id_is_found() {
        // Ids of 0 to 20 bytes (the hash reads 8 at a time, then the rest), each once, then one of them again.
        let mut list: Vec<String> = (0..2000).map(|i| format!("{}{i}", "x".repeat(i % 21))).collect();
        let ids = Ids::joined(list.iter().map(String::as_str));
        assert_eq!(ids.first_duplicate(), None);
        list.insert(1500, list[700].clone());
        assert_eq!(Ids::joined(list.iter().map(String::as_str)).first_duplicate(), Some(1500));
        let ids = Ids::joined(["", "a", ""].into_iter());
        assert_eq!(ids.first_duplicate(), Some(2));
    }

    #[test]
    fn empty_ids_are_ids() {
        let c = joined("ab", &[0.0, 0.0, 2.0]);
        let ids = Ids::from_column(&c, 2).unwrap();
        assert_eq!((ids.get(0), ids.get(1)), (Some(""), Some("ab")));
        assert_eq!(ids.first_duplicate(), None);
    }
}
