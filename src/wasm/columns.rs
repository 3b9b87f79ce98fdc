//! Columnar inputs read in bulk: a typed array crosses with one copy, an array of strings as one joined string and
//! a typed array of lengths. Anything else is left to [`super::from_js`], which reports a mistyped value by path.

use js_sys::{Array, Float32Array, Float64Array, Int32Array, Uint8Array, Uint16Array, Uint32Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::sla::tickets::{IdColumn, PauseColumns, PriorityColumn, TicketColumns};
use crate::team::dora::DeploymentColumns;
use crate::team::toil::ToilEntryColumns;

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    fn opscore_strings(value: &JsValue) -> JsValue;
}

#[wasm_bindgen(module = "/src/wasm/glue.js")]
extern "C" {
    fn opscore_ascii_ids(value: &JsValue) -> JsValue;
}

/// `obj[key]`, or `undefined`.
pub(crate) fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

/// The numbers of a typed array (Float64Array, Float32Array, Int32Array, Uint8/16/32Array), copied in one step.
pub(crate) fn numbers(v: &JsValue) -> Option<Vec<f64>> {
    if let Some(a) = v.dyn_ref::<Float64Array>() {
        return Some(a.to_vec());
    }
    let other = v.is_instance_of::<Uint32Array>()
        || v.is_instance_of::<Uint16Array>()
        || v.is_instance_of::<Uint8Array>()
        || v.is_instance_of::<Int32Array>()
        || v.is_instance_of::<Float32Array>();
    other.then(|| Float64Array::new(v).to_vec())
}

/// The strings of an array of strings, with one crossing. `None` when `v` is anything else, or when the lengths
/// and the joined text disagree (a lone surrogate at the end of one string pairing with the next).
pub(crate) fn strings(v: &JsValue) -> Option<Vec<String>> {
    let pair = opscore_strings(v).dyn_into::<Array>().ok()?;
    let joined = pair.get(0).as_string()?;
    let lens = pair.get(1).dyn_into::<Uint32Array>().ok()?.to_vec();
    if joined.is_ascii() {
        // One byte per UTF-16 unit: the lengths cut the joined text directly.
        let mut out = Vec::with_capacity(lens.len());
        let mut start = 0usize;
        for len in lens {
            let end = start.checked_add(len as usize)?;
            out.push(joined.get(start..end)?.to_string());
            start = end;
        }
        return (start == joined.len()).then_some(out);
    }
    let mut out = Vec::with_capacity(lens.len());
    let mut chars = joined.char_indices();
    let mut start = 0usize;
    for len in lens {
        let (mut units, mut end) = (0u32, start);
        while units < len {
            let (at, c) = chars.next()?;
            units += c.len_utf16() as u32;
            end = at + c.len_utf8();
        }
        if units != len {
            return None;
        }
        out.push(joined.get(start..end)?.to_string());
        start = end;
    }
    chars.next().is_none().then_some(out)
}

/// The ids of `n` tickets in bulk: an array of strings (`n` ASCII ones as one text and offsets, with no string per
/// id; any other length stays a list, for its error), or `{ text, offsets }` with `offsets` a typed array. `None`
/// for anything else, to leave it to serde.
pub(crate) fn ticket_ids(v: &JsValue, n: usize) -> Option<IdColumn> {
    let Some(list) = v.dyn_ref::<Array>() else {
        let text = get(v, "text").as_string()?;
        return Some(IdColumn::Joined { text, offsets: numbers(&get(v, "offsets"))? });
    };
    let pair = if list.length() as usize == n { opscore_ascii_ids(v) } else { JsValue::UNDEFINED };
    let Ok(pair) = pair.dyn_into::<Array>() else {
        return strings(v).map(IdColumn::List);
    };
    let bytes = pair.get(0).dyn_into::<Uint8Array>().ok()?.to_vec();
    let text = String::from_utf8(bytes).ok()?;
    Some(IdColumn::Joined { text, offsets: numbers(&pair.get(1))? })
}

/// An optional column: `Some(None)` when absent, `None` when present but not in a bulk form.
fn optional<T>(v: JsValue, read: impl Fn(&JsValue) -> Option<T>) -> Option<Option<T>> {
    if v.is_undefined() { Some(None) } else { read(&v).map(Some) }
}

/// [`TicketColumns`] in bulk, or `None` to leave the whole object to serde.
fn bulk_ticket_columns(v: &JsValue) -> Option<TicketColumns> {
    let p = get(v, "priority");
    let priority = match numbers(&p) {
        Some(x) => PriorityColumn::Indices(x),
        None => PriorityColumn::Names(strings(&p)?),
    };
    let pauses = match get(v, "pauses") {
        p if p.is_undefined() => None,
        p => Some(PauseColumns {
            offsets: numbers(&get(&p, "offsets"))?,
            start: numbers(&get(&p, "start"))?,
            end: optional(get(&p, "end"), numbers)?,
        }),
    };
    let created_at = numbers(&get(v, "createdAt"))?;
    Some(TicketColumns {
        ids: optional(get(v, "ids"), |x| ticket_ids(x, created_at.len()))?,
        priority,
        priority_names: optional(get(v, "priorityNames"), strings)?,
        created_at,
        first_response_at: optional(get(v, "firstResponseAt"), numbers)?,
        resolved_at: optional(get(v, "resolvedAt"), numbers)?,
        pauses,
    })
}

/// Read ticket columns: in bulk when every column is a typed array or an array of strings, else through serde
/// (paths such as `tickets.createdAt[3]`).
pub(crate) fn ticket_columns(v: &JsValue) -> Result<TicketColumns, JsValue> {
    match bulk_ticket_columns(v) {
        Some(c) => Ok(c),
        None => super::from_js(v.clone(), "tickets"),
    }
}

/// Whether `v` holds tickets as columns (a plain object, not an array).
pub(crate) fn is_columns(v: &JsValue) -> bool {
    v.is_object() && !Array::is_array(v)
}

/// A shallow copy of `obj` without `key` (the caller's object is not touched).
pub(crate) fn without(obj: &JsValue, key: &str) -> JsValue {
    let copy = js_sys::Object::assign(&js_sys::Object::new(), obj.unchecked_ref());
    let _ = js_sys::Reflect::delete_property(&copy, &JsValue::from_str(key));
    copy.into()
}

/// [`DeploymentColumns`] in bulk when every column present is a typed array; `None` otherwise (also when `v` is not
/// an object), to leave them to serde.
pub(crate) fn deployment_columns(v: &JsValue) -> Option<DeploymentColumns> {
    if !is_columns(v) {
        return None;
    }
    let col = |key: &str| optional(get(v, key), numbers);
    Some(DeploymentColumns {
        at: numbers(&get(v, "at"))?,
        commit_offsets: col("commitOffsets")?,
        commit_times: col("commitTimes")?,
        lead_time_seconds: col("leadTimeSeconds")?,
        failed: col("failed")?,
        recovered_at: col("recoveredAt")?,
        rework: col("rework")?,
    })
}

/// [`ToilEntryColumns`] in bulk when every column present is a typed array (names as arrays of strings); `None`
/// otherwise, to leave them to serde.
pub(crate) fn toil_columns(v: &JsValue) -> Option<ToilEntryColumns> {
    if !is_columns(v) {
        return None;
    }
    Some(ToilEntryColumns {
        people: optional(get(v, "people"), strings)?,
        person: optional(get(v, "person"), numbers)?,
        week: numbers(&get(v, "week"))?,
        categories: strings(&get(v, "categories"))?,
        category: numbers(&get(v, "category"))?,
        hours: numbers(&get(v, "hours"))?,
        toil: optional(get(v, "toil"), numbers)?,
    })
}

/// When `read` takes `obj[key]` in bulk, a shallow copy of `obj` without it, and the columns; else `obj` as it is.
pub(crate) fn take<T>(obj: JsValue, key: &str, read: impl Fn(&JsValue) -> Option<T>) -> (JsValue, Option<T>) {
    if !obj.is_object() {
        return (obj, None);
    }
    match read(&get(&obj, key)) {
        Some(c) => (without(&obj, key), Some(c)),
        None => (obj, None),
    }
}

/// [`take`] one level down: `input[part][key]`, returning a shallow copy of `input` whose `part` lacks `key`.
pub(crate) fn take_in<T>(
    input: JsValue,
    part: &str,
    key: &str,
    read: impl Fn(&JsValue) -> Option<T>,
) -> (JsValue, Option<T>) {
    let inner = if input.is_object() { get(&input, part) } else { JsValue::UNDEFINED };
    match take(inner, key, read) {
        (rest, Some(c)) => {
            let copy = js_sys::Object::assign(&js_sys::Object::new(), input.unchecked_ref());
            let _ = js_sys::Reflect::set(&copy, &JsValue::from_str(part), &rest);
            (copy.into(), Some(c))
        }
        (_, None) => (input, None),
    }
}
