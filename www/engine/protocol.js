// The message protocol between the page and the engine worker, shared by both sides (and by the Node tests).
//
//   page → worker   {id, fn, input}
//   worker → page   {id, type: "progress", done, total, label}
//                   {id, type: "result", result}
//                   {id, type: "error", error: {name, code, path, message}}
//
// `fn` names an opscore export ("allowedDowntime") or a worker task ("sample.load"). Results travel with their
// ArrayBuffers transferred, not copied: every result is freshly built for the caller, so nothing in the worker
// keeps using a buffer it has handed over.

/** A structured, cloneable error from anything thrown: OpscoreError keeps its code and path. */
export function toWireError(e) {
  if (e && typeof e === "object") {
    return {
      name: typeof e.name === "string" ? e.name : "Error",
      code: typeof e.code === "string" ? e.code : "internal",
      path: typeof e.path === "string" ? e.path : "",
      message: typeof e.message === "string" ? e.message : String(e),
    };
  }
  return { name: "Error", code: "internal", path: "", message: String(e) };
}

/** The wire error back as a real Error with `code` and `path`, as the engine throws them. */
export function fromWireError(w) {
  const e = new Error(w.message);
  e.name = w.name;
  e.code = w.code;
  e.path = w.path;
  return e;
}

/**
 * The distinct ArrayBuffers under `value` (typed arrays, DataViews, buffers), for postMessage's transfer list.
 * Walks plain objects and arrays to `depth` levels; skips shared and already-detached buffers.
 */
export function transferables(value, depth = 6, found = new Set()) {
  if (value === null || typeof value !== "object" || depth < 0) return [...found];
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.buffer.byteLength > 0) found.add(value.buffer);
  } else if (value instanceof ArrayBuffer) {
    if (value.byteLength > 0) found.add(value);
  } else if (Array.isArray(value)) {
    // Long arrays of numbers hold no buffers; look only at arrays that could hold objects.
    for (let i = 0; i < value.length && i < 10_000; i++) if (value[i] && typeof value[i] === "object") transferables(value[i], depth - 1, found);
  } else {
    for (const k of Object.keys(value)) transferables(value[k], depth - 1, found);
  }
  return [...found];
}
