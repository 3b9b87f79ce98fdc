//! Tickets given as objects, read in one JS pass into columns: the fast path of `tickets: Ticket[]`.
//!
//! The general path reads each ticket through the path-tracking deserializer: every key and every value is a
//! separate crossing into WebAssembly (about 5 µs a ticket). Here one JS function walks the array and fills typed
//! arrays, and the columns cross in a handful of copies; times given as strings cross as one text and are parsed by
//! [`Timestamp::parse`], the general reader's own parser (the usual `YYYY-MM-DDTHH:MM:SS[.fff]Z` shape by a faster
//! reader that gives the same answers). It takes only tickets whose every value is in a simple
//! form (string ids and priorities, times as whole epoch milliseconds or strings, pauses as plain objects, unknown
//! keys holding no object or array); for anything else, and for a time that does not parse or lies outside
//! 1900–2200, it returns `None`, and the caller reads the tickets the general way, so every error, its code, path
//! and message, is the general path's own.

use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::super::columns::{numbers, strings, ticket_ids};
use crate::sla::tickets::{IdColumn, PauseColumns, PriorityColumn, TicketColumns, TicketTable};
use crate::time::Timestamp;

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    fn opscore_ticket_rows(value: &JsValue) -> JsValue;
}

/// The columns of an array of simple ticket objects, or `None` (see the module docs).
pub(super) fn columns(v: &JsValue) -> Option<TicketColumns> {
    let parts = opscore_ticket_rows(v).dyn_into::<Array>().ok()?;
    let mut created_at = numbers(&parts.get(3))?;
    let mut response = numbers(&parts.get(4))?;
    let mut resolved = numbers(&parts.get(5))?;
    let mut start = numbers(&parts.get(7))?;
    let mut end = numbers(&parts.get(8))?;
    parse_times(&parts.get(9), &parts.get(10), [&mut created_at, &mut response, &mut resolved, &mut start, &mut end])?;
    Some(TicketColumns {
        ids: Some(ticket_ids(&parts.get(0), created_at.len())?),
        priority: PriorityColumn::Indices(numbers(&parts.get(1))?),
        priority_names: Some(strings(&parts.get(2))?),
        created_at,
        first_response_at: Some(response),
        resolved_at: Some(resolved),
        pauses: Some(PauseColumns { offsets: numbers(&parts.get(6))?, start, end: Some(end) }),
    })
}

/// Parse the times given as strings (RFC 3339, as the general reader would, with the same function) into their
/// places (`[column, row]` pairs); `None` when one does not parse, to leave its error to the general reader.
fn parse_times(strs: &JsValue, places: &JsValue, mut columns: [&mut Vec<f64>; 5]) -> Option<()> {
    let places = numbers(places)?;
    let count = places.len() / 2;
    if count == 0 {
        return Some(());
    }
    // The strings cross as one text (ASCII, as RFC 3339 is) with offsets, or one by one otherwise.
    let text = ticket_ids(strs, count)?;
    let list: Vec<&str> = match &text {
        IdColumn::List(v) => v.iter().map(String::as_str).collect(),
        IdColumn::Joined { text, offsets } if text.is_ascii() => offsets
            .windows(2)
            .map(|w| match w {
                [a, b] => text.get(*a as usize..*b as usize),
                _ => None,
            })
            .collect::<Option<_>>()?,
        IdColumn::Joined { .. } => return None,
    };
    if list.len() != count {
        return None;
    }
    for (s, place) in list.into_iter().zip(places.chunks_exact(2)) {
        let ms = match crate::sla::rfc3339::fast_millis(s) {
            Some(ms) => ms,
            None => Timestamp::parse(s, "").ok()?.millis(),
        };
        let [column, row] = place else { return None };
        *columns.get_mut(*column as usize)?.get_mut(*row as usize)? = ms as f64;
    }
    Some(())
}

/// The table of an array of simple ticket objects, with the object form's error paths (`tickets[3].priority`), or
/// `None` to leave the tickets to the general reader.
pub(super) fn table(cols: &TicketColumns) -> Option<TicketTable<'_>> {
    TicketTable::from_object_columns(cols)
}
