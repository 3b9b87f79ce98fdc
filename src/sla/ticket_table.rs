//! Tickets in either of two input forms, prepared once into compact numeric columns for evaluation.
//!
//! - `tickets: Ticket[]`: one object per ticket — the readable form;
//! - `tickets: TicketColumns`: one array per field, times as epoch milliseconds (NaN for "none"), priorities as
//!   names or as indices into `priorityNames`, and pauses as flat arrays with per-ticket offsets — the fast form
//!   for long histories, because crossing into WebAssembly costs per object and per string, not per number.
//!
//! Both become a [`TicketTable`]: epoch-millisecond columns and interned priorities, which the evaluation reads
//! without touching a date library or allocating per ticket. Errors keep the form the caller used:
//! `tickets[17].createdAt` for objects, `tickets.createdAt[17]` for columns.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};

use super::ticket_ids::{IdColumn, Ids};
use super::tickets::Ticket;
use crate::error::{Error, ErrorCode, Result, check, index_path, join_path};
use crate::time::Timestamp;

/// The priority of each ticket: its name, or an index into [`TicketColumns::priority_names`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum PriorityColumn {
    /// One priority name per ticket, such as `"P1"`.
    Names(Vec<String>),
    /// One index into `priorityNames` per ticket (a whole number).
    Indices(Vec<f64>),
}

impl Default for PriorityColumn {
    fn default() -> Self {
        PriorityColumn::Names(Vec::new())
    }
}

/// One element of a priority column, before the column knows its kind.
enum Cell {
    Name(String),
    Index(f64),
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a priority name or an index into priorityNames")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Cell, E> {
                Ok(Cell::Name(v.to_string()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> std::result::Result<Cell, E> {
                Ok(Cell::Name(v))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Cell, E> {
                Ok(Cell::Index(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Cell, E> {
                Ok(Cell::Index(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Cell, E> {
                Ok(Cell::Index(v as f64))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for PriorityColumn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PriorityColumn;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an array of priority names, or of indices into priorityNames")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<PriorityColumn, A::Error> {
                let cap = seq.size_hint().unwrap_or(0).min(check::MAX_ITEMS);
                let (mut names, mut indices) = (Vec::new(), Vec::new());
                while let Some(cell) = seq.next_element::<Cell>()? {
                    match cell {
                        Cell::Name(s) if indices.is_empty() => names.push(s),
                        Cell::Index(x) if names.is_empty() => indices.push(x),
                        _ => {
                            return Err(de::Error::custom("the priority column mixes names and indices; use one kind"));
                        }
                    }
                    if names.len() + indices.len() == 1 {
                        names.reserve(cap);
                        indices.reserve(cap);
                    }
                }
                Ok(if names.is_empty() { PriorityColumn::Indices(indices) } else { PriorityColumn::Names(names) })
            }
        }
        d.deserialize_seq(V)
    }
}

/// Pauses as flat arrays: the pauses of ticket `i` are entries `offsets[i]` to `offsets[i + 1]` (exclusive) of
/// `start` and `end`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PauseColumns {
    /// One more entry than there are tickets: 0, then a running count of pauses.
    pub offsets: Vec<f64>,
    /// Pause starts, epoch milliseconds.
    pub start: Vec<f64>,
    /// Pause ends, epoch milliseconds; NaN (or null) for a pause still running. Absent: every pause is running.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    pub end: Option<Vec<f64>>,
}

/// Tickets as columns: every array has one entry per ticket, in the same order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TicketColumns {
    /// Unique ticket ids, as a list or as one text with offsets. Absent: tickets are named by their row number
    /// (`"0"`, `"1"`, …) in results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<IdColumn>,
    /// Each ticket's priority, by name or by index into `priority_names`.
    pub priority: PriorityColumn,
    /// The priority names that an index column refers to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_names: Option<Vec<String>>,
    /// When each ticket was opened, epoch milliseconds.
    pub created_at: Vec<f64>,
    /// The first response, epoch milliseconds; NaN (or null) for none yet.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    pub first_response_at: Option<Vec<f64>>,
    /// The resolution, epoch milliseconds; NaN (or null) for none yet.
    #[serde(default, deserialize_with = "crate::columns::nan_for_null", skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<Vec<f64>>,
    /// The pauses of every ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pauses: Option<PauseColumns>,
}

/// "No instant" in a millisecond column.
pub(crate) const NONE: i64 = i64::MIN;

/// Which input form the tickets came in, for error paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    Rows,
    Columns,
}

/// FNV-1a: a fast hasher for ids and priority names (a collision only costs time, never correctness).
#[derive(Default)]
pub(crate) struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A hash map with [`Fnv`].
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Tickets prepared for evaluation: epoch-millisecond columns ([`NONE`] for "none"), priorities interned, pauses
/// flat. Build one with [`TicketTable::from_tickets`] or [`TicketTable::from_columns`]; evaluate it with
/// [`super::tickets::ticket_sla_table`] as often as needed.
#[derive(Debug, Clone)]
pub struct TicketTable<'a> {
    pub(crate) form: Form,
    /// Ticket ids; `None` for columns without ids (row numbers stand in).
    pub(crate) ids: Option<Ids<'a>>,
    /// Distinct priority names.
    pub(crate) names: Vec<Cow<'a, str>>,
    /// Per ticket, an index into `names`.
    pub(crate) priority: Vec<u32>,
    pub(crate) created: Vec<i64>,
    pub(crate) response: Vec<i64>,
    pub(crate) resolved: Vec<i64>,
    /// `len + 1` offsets into the pause columns.
    pub(crate) pause_off: Vec<u32>,
    pub(crate) pause_start: Vec<i64>,
    pub(crate) pause_end: Vec<i64>,
    /// The earliest and latest instant in the table (epoch ms).
    pub(crate) span: (i64, i64),
    /// The first ticket whose id an earlier ticket already has.
    pub(crate) first_duplicate: Option<usize>,
}

fn interned<'a>(name: Cow<'a, str>, map: &mut FnvMap<Cow<'a, str>, u32>, names: &mut Vec<Cow<'a, str>>) -> u32 {
    if let Some(&k) = map.get(&name) {
        return k;
    }
    let k = names.len() as u32;
    names.push(name.clone());
    map.insert(name, k);
    k
}

/// Epoch milliseconds of a column value: finite and inside 1900–2200, else the error of [`Timestamp`].
fn millis(x: f64, path: impl FnOnce() -> String) -> Result<i64> {
    // Whole milliseconds (the usual case) need no rounding, which WebAssembly does in a library call.
    let whole = x as i64;
    if whole as f64 == x && Timestamp::millis_in_range(whole) {
        return Ok(whole);
    }
    let r = x.round();
    if x.is_finite() && r.abs() < 1e15 && Timestamp::millis_in_range(r as i64) {
        Ok(r as i64)
    } else {
        Timestamp::from_millis_f64(x, &path()).map(Timestamp::millis)
    }
}

/// A whole number in `0..=max`, or `None`.
pub(super) fn whole(x: f64, max: usize) -> Option<usize> {
    let k = x as usize; // saturating; NaN becomes 0, which then differs from x
    (k as f64 == x && k <= max).then_some(k)
}

impl<'a> TicketTable<'a> {
    /// How many tickets the table holds.
    pub fn len(&self) -> usize {
        self.created.len()
    }

    /// Whether the table holds no tickets.
    pub fn is_empty(&self) -> bool {
        self.created.is_empty()
    }

    /// Prepare tickets given as objects. Their contents are checked when evaluated, as [`super::tickets::ticket_sla`]
    /// does; this cannot fail.
    pub fn from_tickets(tickets: &'a [Ticket]) -> Self {
        let n = tickets.len();
        let mut map = FnvMap::default();
        let mut t = TicketTable {
            form: Form::Rows,
            ids: Some(Ids::joined(tickets.iter().map(|x| x.id.as_str()))),
            names: Vec::new(),
            priority: Vec::with_capacity(n),
            created: Vec::with_capacity(n),
            response: Vec::with_capacity(n),
            resolved: Vec::with_capacity(n),
            pause_off: Vec::with_capacity(n + 1),
            pause_start: Vec::new(),
            pause_end: Vec::new(),
            span: (i64::MAX, i64::MIN),
            first_duplicate: None,
        };
        t.pause_off.push(0);
        let mut span = (i64::MAX, i64::MIN);
        let mut widen = |ms: i64| {
            span = (span.0.min(ms), span.1.max(ms));
            ms
        };
        for x in tickets {
            t.priority.push(interned(Cow::Borrowed(x.priority.as_str()), &mut map, &mut t.names));
            t.created.push(widen(x.created_at.millis()));
            t.response.push(x.first_response_at.map_or(NONE, |v| widen(v.millis())));
            t.resolved.push(x.resolved_at.map_or(NONE, |v| widen(v.millis())));
            for p in &x.pauses {
                t.pause_start.push(widen(p.start.millis()));
                t.pause_end.push(p.end.map_or(NONE, |v| widen(v.millis())));
            }
            t.pause_off.push(u32::try_from(t.pause_start.len()).unwrap_or(u32::MAX));
        }
        t.span = span;
        t.first_duplicate = t.ids.as_ref().and_then(Ids::first_duplicate);
        t
    }

    /// Prepare tickets given as columns. Errors (paths under `tickets`): a column whose length differs from
    /// `createdAt`'s (`tickets.resolvedAt`); a time that is not finite or outside 1900–2200
    /// (`tickets.createdAt[17]`); priority indices without `priorityNames`, or not naming one
    /// (`tickets.priority[3]`); pause offsets that do not run from 0 up to the number of pauses
    /// (`tickets.pauses.offsets[5]`). The rest is checked when evaluated, as for objects.
    pub fn from_columns(c: &'a TicketColumns) -> Result<Self> {
        let n = c.created_at.len();
        check::max_len(n, "tickets.createdAt")?;
        let same = |len: usize, field: &str| -> Result<()> {
            if len == n {
                return Ok(());
            }
            Err(Error::new(
                ErrorCode::OutOfRange,
                join_path("tickets", field),
                format!("has {len} entries but tickets.createdAt has {n}: every column needs one entry per ticket"),
            ))
        };
        let ids = match &c.ids {
            Some(column) => Some(Ids::from_column(column, n)?),
            None => None,
        };
        let mut map = FnvMap::default();
        let mut names = Vec::new();
        let priority: Vec<u32> = match (&c.priority, &c.priority_names) {
            (PriorityColumn::Names(v), None) => {
                same(v.len(), "priority")?;
                v.iter().map(|s| interned(Cow::Borrowed(s.as_str()), &mut map, &mut names)).collect()
            }
            (PriorityColumn::Names(v), Some(_)) if !v.is_empty() => {
                return Err(Error::new(
                    ErrorCode::InvalidType,
                    "tickets.priorityNames",
                    "priorityNames goes with a priority column of indices; this one holds names",
                ));
            }
            (PriorityColumn::Names(_), Some(list)) | (PriorityColumn::Indices(_), Some(list)) => {
                let v = match &c.priority {
                    PriorityColumn::Indices(v) => v.as_slice(),
                    PriorityColumn::Names(_) => &[],
                };
                same(v.len(), "priority")?;
                check::max_len(list.len(), "tickets.priorityNames")?;
                let ks: Vec<u32> =
                    list.iter().map(|s| interned(Cow::Borrowed(s.as_str()), &mut map, &mut names)).collect();
                let mut out = Vec::with_capacity(n);
                for (i, &x) in v.iter().enumerate() {
                    match whole(x, list.len()).and_then(|k| ks.get(k)) {
                        Some(&k) => out.push(k),
                        None => {
                            return Err(Error::new(
                                ErrorCode::UnknownReference,
                                index_path("tickets.priority", i),
                                format!(
                                    "{} is not an index of tickets.priorityNames (0 to {})",
                                    crate::num::Num(x),
                                    list.len().saturating_sub(1)
                                ),
                            ));
                        }
                    }
                }
                out
            }
            (PriorityColumn::Indices(v), None) => {
                if v.is_empty() && n == 0 {
                    Vec::new()
                } else {
                    return Err(Error::new(
                        ErrorCode::MissingField,
                        "tickets.priorityNames",
                        "a priority column of indices needs priorityNames, the names the indices refer to",
                    ));
                }
            }
        };
        let mut span = (i64::MAX, i64::MIN);
        let mut widen = |ms: i64| {
            span = (span.0.min(ms), span.1.max(ms));
            ms
        };
        let mut created = Vec::with_capacity(n);
        for (i, &x) in c.created_at.iter().enumerate() {
            created.push(widen(millis(x, || index_path("tickets.createdAt", i))?));
        }
        let mut optional = |col: &Option<Vec<f64>>, field: &str| -> Result<Vec<i64>> {
            let Some(v) = col else { return Ok(vec![NONE; n]) };
            same(v.len(), field)?;
            let mut out = Vec::with_capacity(n);
            for (i, &x) in v.iter().enumerate() {
                out.push(if x.is_nan() {
                    NONE
                } else {
                    widen(millis(x, || index_path(&join_path("tickets", field), i))?)
                });
            }
            Ok(out)
        };
        let response = optional(&c.first_response_at, "firstResponseAt")?;
        let resolved = optional(&c.resolved_at, "resolvedAt")?;
        let (mut pause_off, mut pause_start, mut pause_end) = (Vec::with_capacity(n + 1), Vec::new(), Vec::new());
        match &c.pauses {
            None => pause_off.resize(n + 1, 0),
            Some(p) => {
                let m = p.start.len();
                check::max_len(m, "tickets.pauses.start")?;
                if p.offsets.len() != n + 1 {
                    return Err(Error::new(
                        ErrorCode::OutOfRange,
                        "tickets.pauses.offsets",
                        format!(
                            "has {} entries but there are {n} tickets: give one more offset than tickets (0 first)",
                            p.offsets.len()
                        ),
                    ));
                }
                let mut prev = 0usize;
                for (i, &x) in p.offsets.iter().enumerate() {
                    let ok = whole(x, m).filter(|&k| k >= prev && (i > 0 || k == 0) && (i < n || k == m));
                    let Some(k) = ok else {
                        return Err(Error::new(
                            ErrorCode::OutOfRange,
                            index_path("tickets.pauses.offsets", i),
                            format!(
                                "offsets run from 0, never decreasing, to the number of pauses ({m}); got {} after {prev}",
                                crate::num::Num(x)
                            ),
                        ));
                    };
                    prev = k;
                    pause_off.push(k as u32);
                }
                for (k, &x) in p.start.iter().enumerate() {
                    pause_start.push(widen(millis(x, || index_path("tickets.pauses.start", k))?));
                }
                match &p.end {
                    None => pause_end.resize(m, NONE),
                    Some(v) => {
                        if v.len() != m {
                            return Err(Error::new(
                                ErrorCode::OutOfRange,
                                "tickets.pauses.end",
                                format!("has {} entries but tickets.pauses.start has {m}", v.len()),
                            ));
                        }
                        for (k, &x) in v.iter().enumerate() {
                            pause_end.push(if x.is_nan() {
                                NONE
                            } else {
                                widen(millis(x, || index_path("tickets.pauses.end", k))?)
                            });
                        }
                    }
                }
            }
        }
        Ok(TicketTable {
            form: Form::Columns,
            first_duplicate: ids.as_ref().and_then(Ids::first_duplicate),
            ids,
            names,
            priority,
            created,
            response,
            resolved,
            pause_off,
            pause_start,
            pause_end,
            span,
        })
    }

    /// Prepare tickets that were given as objects but arrive as columns (a reader that copied the objects' fields
    /// into columns, as the JS binding does): evaluation errors then name fields the object way,
    /// `tickets[17].priority`. `None` when the columns fail any check of [`TicketTable::from_columns`] (a time
    /// outside 1900–2200, say): the objects must then be read the usual way, for that error in the object form.
    pub fn from_object_columns(c: &'a TicketColumns) -> Option<Self> {
        let mut t = Self::from_columns(c).ok()?;
        t.form = Form::Rows;
        Some(t)
    }

    /// The same table owning its strings, to keep beyond the input (the `TicketSet` of the JS API does).
    pub fn into_owned(self) -> TicketTable<'static> {
        let own = |v: Vec<Cow<'a, str>>| -> Vec<Cow<'static, str>> {
            v.into_iter().map(|s| Cow::Owned(s.into_owned())).collect()
        };
        TicketTable {
            form: self.form,
            ids: self.ids.map(Ids::into_owned),
            names: own(self.names),
            priority: self.priority,
            created: self.created,
            response: self.response,
            resolved: self.resolved,
            pause_off: self.pause_off,
            pause_start: self.pause_start,
            pause_end: self.pause_end,
            span: self.span,
            first_duplicate: self.first_duplicate,
        }
    }

    /// Ticket `i`'s id: its own, or its row number.
    pub(crate) fn id(&self, i: usize) -> String {
        match self.ids.as_ref().and_then(|v| v.get(i)) {
            Some(s) => s.to_string(),
            None => i.to_string(),
        }
    }

    /// The path of field `field` of ticket `i`: `tickets[i].field` or `tickets.field[i]`.
    pub(crate) fn path(&self, i: usize, field: &str) -> String {
        match self.form {
            Form::Rows => join_path(&index_path("tickets", i), field),
            Form::Columns => index_path(&join_path("tickets", field), i),
        }
    }

    /// The path of field `field` (`start` or `end`) of pause `j` of ticket `i`.
    pub(crate) fn pause_path(&self, i: usize, j: usize, field: &str) -> String {
        match self.form {
            Form::Rows => join_path(&index_path(&self.path(i, "pauses"), j), field),
            Form::Columns => {
                let k = self.pause_off.get(i).map_or(0, |&o| o as usize) + j;
                index_path(&join_path("tickets.pauses", field), k)
            }
        }
    }
}
