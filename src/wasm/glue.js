// The JS half of the boundary: every function the wasm module imports, in one module, so that a page loads one
// snippet file instead of one per function (a browser opened six parallel requests for six snippets, and the
// wasm-bindgen test runner's small server, with one idle keep-alive connection per worker, left two unanswered
// about one load in four). Each block says which Rust file calls it.

// ---- src/wasm/mod.rs
// Iterative, so it cannot overflow itself; never throws (a proxy or getter that throws is skipped). Returns "" when `value` nests at most `limit` levels, else the path of
// the first node past the limit. Long number arrays and typed arrays cost almost nothing.
export function opscore_too_deep(value, limit) {
  if (typeof value !== "object" || value === null) return "";
  const nodes = [[value, 1, -1, ""]];
  for (let i = 0; i < nodes.length; i++) {
    const [v, depth] = nodes[i];
    if (ArrayBuffer.isView(v)) continue;
    const isArray = Array.isArray(v);
    let keys;
    try { keys = isArray ? v.keys() : Object.keys(v); } catch { continue; }
    for (const key of keys) {
      // A getter that throws is read (and reported) only if its field is needed.
      let child;
      try { child = v[key]; } catch { continue; }
      if (typeof child !== "object" || child === null) continue;
      const step = isArray ? `[${key}]` : `.${key}`;
      if (depth + 1 > limit) {
        const parts = [step];
        for (let j = i; nodes[j][2] >= 0; j = nodes[j][2]) parts.push(nodes[j][3]);
        parts.reverse();
        const shown = parts.length > 12 ? [...parts.slice(0, 6), "…", ...parts.slice(-5)] : parts;
        return shown.join("").replace(/^\./, "");
      }
      nodes.push([child, depth + 1, i, step]);
    }
  }
  return "";
}

// ---- src/wasm/ser.rs
// ignoreBOM: a string that starts with U+FEFF keeps it (the default decoder would drop it as a byte-order mark).
const utf8 = new TextDecoder("utf-8", { ignoreBOM: true });
// codes[n]: one array of n char codes, reused for every short ASCII string of that length (timestamps, names).
const codes = [];
// The JS value encoded in `b` by src/wasm/ser.rs (read before wasm runs again: `b` is a view of its memory).
export function opscore_decode(b) {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const names = [];
  let p = 0;
  const text = () => {
    const n = view.getUint32(p, true);
    p += 4;
    const at = p;
    p += n;
    // A short ASCII string is built from its bytes directly: a result holds hundreds of timestamps, and a
    // TextDecoder call needs a fresh view of the bytes for each (garbage that makes the collector run more often).
    if (n <= 64) {
      const a = (codes[n] ??= new Array(n).fill(0));
      let i = 0;
      while (i < n && b[at + i] < 128) {
        a[i] = b[at + i];
        i++;
      }
      if (i === n) return String.fromCharCode.apply(null, a);
    }
    return utf8.decode(b.subarray(at, p));
  };
  const value = () => {
    switch (b[p++]) {
      case 0: return undefined;
      case 1: return false;
      case 2: return true;
      case 3: p += 8; return view.getFloat64(p - 8, true);
      case 4: return text();
      case 5: { const a = []; while (b[p] !== 7) a.push(value()); p++; return a; }
      case 6: { const o = {}; while (b[p] !== 7) { const k = value(); o[k] = value(); } p++; return o; }
      case 8: { const n = view.getUint32(p, true); p += 4 + n; return b.slice(p - n, p); }
      case 9: return BigInt(text());
      case 10: { const s = text(); names.push(s); return s; }
      case 11: p += 4; return names[view.getUint32(p - 4, true)];
    }
    throw new Error("opscore: corrupt result buffer");
  };
  return value();
}

// ---- src/wasm/source.rs
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

// ---- src/wasm/columns.rs
// [joined, UTF-16 lengths] of an array whose every element is a string; undefined otherwise.
export function opscore_strings(v) {
  if (!Array.isArray(v)) return undefined;
  const lens = new Uint32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const s = v[i];
    if (typeof s !== "string") return undefined;
    lens[i] = s.length;
  }
  return [v.join(""), lens];
}

// ---- src/wasm/columns.rs
// [bytes, offsets] of an array of ASCII strings: their text one after another as a Uint8Array, and a Uint32Array
// of where each starts (one more entry than strings, 0 first). undefined for anything else, non-ASCII text included.
// (Cheaper than join(""), and than handing over a string: wasm-bindgen would copy it character by character again.)
export function opscore_ascii_ids(v) {
  if (!Array.isArray(v)) return undefined;
  const n = v.length;
  const offsets = new Uint32Array(n + 1);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = v[i];
    if (typeof s !== "string") return undefined;
    total += s.length;
    offsets[i + 1] = total;
  }
  if (total > 0xffffffff) return undefined;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const s = v[i];
    for (let k = 0; k < s.length; k++) {
      const c = s.charCodeAt(k);
      if (c > 127) return undefined;
      bytes[at++] = c;
    }
  }
  return [bytes, offsets];
}

// ---- src/wasm/sla/ticket_rows.rs
// Plain ticket objects as columns: [ids, priority indices, priority names, createdAt, firstResponseAt, resolvedAt,
// pause offsets, pause starts, pause ends, time strings, their places] (times as Float64Arrays, NaN for none; a
// time given as a string is NaN there, and its place is [column 0–4, row] in the last two); undefined as soon as one
// value is not in the simple form (the general reader then reports it).
const plain = (o) => typeof o === "object" && o !== null && Object.getPrototypeOf(o) === Object.prototype;
const nested = (x) => typeof x === "object" && x !== null;
export function opscore_ticket_rows(v) {
  if (!Array.isArray(v)) return undefined;
  const n = v.length;
  const created = new Float64Array(n), response = new Float64Array(n), resolved = new Float64Array(n);
  const priority = new Uint32Array(n), pauseOffsets = new Uint32Array(n + 1);
  const ids = new Array(n), names = [], index = new Map(), start = [], end = [], strs = [], places = [];
  // A time: whole epoch milliseconds, or a string for Rust to parse (NaN until then); undefined otherwise.
  const time = (x, column, row) => {
    if (Number.isInteger(x)) return x;
    if (typeof x !== "string") return undefined;
    strs.push(x);
    places.push(column, row);
    return NaN;
  };
  for (let i = 0; i < n; i++) {
    const t = v[i];
    if (!plain(t)) return undefined;
    let id, p, c, r = NaN, s = NaN;
    for (const k in t) {
      const x = t[k];
      switch (k) {
        case "id": if (typeof x !== "string") return undefined; id = x; break;
        case "priority": if (typeof x !== "string") return undefined; p = x; break;
        case "createdAt": c = time(x, 0, i); if (c === undefined) return undefined; break;
        case "firstResponseAt": if (x != null) { r = time(x, 1, i); if (r === undefined) return undefined; } break;
        case "resolvedAt": if (x != null) { s = time(x, 2, i); if (s === undefined) return undefined; } break;
        case "pauses":
          if (!Array.isArray(x)) return undefined;
          for (let j = 0; j < x.length; j++) {
            const q = x[j];
            if (!plain(q)) return undefined;
            let a, b = NaN;
            const row = start.length;
            for (const kk in q) {
              const y = q[kk];
              if (kk === "start") { a = time(y, 3, row); if (a === undefined) return undefined; }
              else if (kk === "end") { if (y != null) { b = time(y, 4, row); if (b === undefined) return undefined; } }
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
  return [ids, priority, names, created, response, resolved, pauseOffsets, Float64Array.from(start), Float64Array.from(end),
    strs, Uint32Array.from(places)];
}
