//! Tickets given as objects, read in one JS pass into columns: the fast path of `tickets: Ticket[]`.
//!
//! The general path reads each ticket through the path-tracking deserializer: every key and every value is a
//! separate crossing into WebAssembly (about 5 µs a ticket). Here one JS function walks the array and fills typed
//! arrays, and the columns cross in a handful of copies. It takes only tickets whose every value is already in the
//! form the engine keeps (string ids and priorities, whole epoch milliseconds, pauses as plain objects); for
//! anything else (RFC 3339 strings, a missing or mistyped field, an unknown key holding an object or array, a time
//! outside 1900–2200) it returns `None`, and the caller reads the tickets the general way, so every error, its code,
//! path and message, is the general path's own.

use js_sys::Array;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use super::super::columns::{numbers, strings, ticket_ids};
use crate::sla::tickets::{PauseColumns, PriorityColumn, TicketColumns, TicketTable};

#[wasm_bindgen(inline_js = r#"
// Plain ticket objects as columns: [ids, priority indices, priority names, createdAt, firstResponseAt, resolvedAt,
// pause offsets, pause starts, pause ends] (times as Float64Arrays, NaN for none); undefined as soon as one value is
// not in the simple form (the general reader then reports it).
const plain = (o) => typeof o === "object" && o !== null && Object.getPrototypeOf(o) === Object.prototype;
const nested = (x) => typeof x === "object" && x !== null;
export function opscore_ticket_rows(v) {
  if (!Array.isArray(v)) return undefined;
  const n = v.length;
  const created = new Float64Array(n), response = new Float64Array(n), resolved = new Float64Array(n);
  const priority = new Uint32Array(n), pauseOffsets = new Uint32Array(n + 1);
  const ids = new Array(n), names = [], index = new Map(), start = [], end = [];
  for (let i = 0; i < n; i++) {
    const t = v[i];
    if (!plain(t)) return undefined;
    let id, p, c, r = NaN, s = NaN;
    for (const k in t) {
      const x = t[k];
      switch (k) {
        case "id": if (typeof x !== "string") return undefined; id = x; break;
        case "priority": if (typeof x !== "string") return undefined; p = x; break;
        case "createdAt": if (!Number.isInteger(x)) return undefined; c = x; break;
        case "firstResponseAt": if (x != null) { if (!Number.isInteger(x)) return undefined; r = x; } break;
        case "resolvedAt": if (x != null) { if (!Number.isInteger(x)) return undefined; s = x; } break;
        case "pauses":
          if (!Array.isArray(x)) return undefined;
          for (let j = 0; j < x.length; j++) {
            const q = x[j];
            if (!plain(q)) return undefined;
            let a, b = NaN;
            for (const kk in q) {
              const y = q[kk];
              if (kk === "start") { if (!Number.isInteger(y)) return undefined; a = y; }
              else if (kk === "end") { if (y != null) { if (!Number.isInteger(y)) return undefined; b = y; } }
              else if (nested(y)) return undefined;
            }
            if (a === undefined) return undefined;
            start.push(a);
            end.push(b);
          }
          break;
        default: if (nested(x)) return undefined;
      }
    }
    if (id === undefined || p === undefined || c === undefined) return undefined;
    let k = index.get(p);
    if (k === undefined) { k = names.length; index.set(p, k); names.push(p); }
    ids[i] = id; priority[i] = k; created[i] = c; response[i] = r; resolved[i] = s;
    pauseOffsets[i + 1] = start.length;
  }
  return [ids, priority, names, created, response, resolved, pauseOffsets, Float64Array.from(start), Float64Array.from(end)];
}
"#)]
extern "C" {
    fn opscore_ticket_rows(value: &JsValue) -> JsValue;
}

/// The columns of an array of simple ticket objects, or `None` (see the module docs).
pub(super) fn columns(v: &JsValue) -> Option<TicketColumns> {
    let parts = opscore_ticket_rows(v).dyn_into::<Array>().ok()?;
    let created_at = numbers(&parts.get(3))?;
    Some(TicketColumns {
        ids: Some(ticket_ids(&parts.get(0), created_at.len())?),
        priority: PriorityColumn::Indices(numbers(&parts.get(1))?),
        priority_names: Some(strings(&parts.get(2))?),
        created_at,
        first_response_at: Some(numbers(&parts.get(4))?),
        resolved_at: Some(numbers(&parts.get(5))?),
        pauses: Some(PauseColumns {
            offsets: numbers(&parts.get(6))?,
            start: numbers(&parts.get(7))?,
            end: Some(numbers(&parts.get(8))?),
        }),
    })
}

/// The table of an array of simple ticket objects, with the object form's error paths (`tickets[3].priority`), or
/// `None` to leave the tickets to the general reader.
pub(super) fn table(cols: &TicketColumns) -> Option<TicketTable<'_>> {
    TicketTable::from_object_columns(cols)
}
