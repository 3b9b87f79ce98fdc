// The page's side of the engine worker: promise-based calls, progress, and latest-wins coalescing for what-if
// controls (a fast slider never queues stale work: per key, at most one call runs and one waits; a newer request
// replaces the waiting one, whose promise rejects with an AbortError).
import { fromWireError } from "./protocol.js";

/** Start the engine worker (Vite bundles worker.js and its imports, the wasm included, as a module worker). */
export function startEngineWorker() {
  return new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "opscore-engine" });
}

/** An AbortError for a what-if request that a newer one replaced before it ran. */
export function supersededError() {
  const e = new Error("Superseded by a newer request");
  e.name = "AbortError";
  return e;
}

/** True when a rejection only means "a newer request replaced this one" (callers ignore it). */
export const isSuperseded = (e) => e?.name === "AbortError";

/**
 * Wrap a worker (anything with postMessage / onmessage / onerror / terminate).
 * - `call(fn, input, {onProgress, transfer})` → Promise of the result; rejects with the engine's Error
 *   (name, code, path, message). `transfer` lists ArrayBuffers to move rather than copy.
 * - `whatIf(key, fn, input, options)`: as call, coalesced per key (see above).
 * - `pending()`: how many calls are outstanding; `terminate()`.
 */
export function createEngine(worker) {
  let nextId = 1;
  const calls = new Map();
  const lanes = new Map();

  worker.onmessage = (event) => {
    const msg = event.data;
    const entry = calls.get(msg?.id);
    if (!entry) return;
    if (msg.type === "progress") {
      entry.onProgress?.({ done: msg.done, total: msg.total, label: msg.label });
      return;
    }
    calls.delete(msg.id);
    if (msg.type === "result") entry.resolve(msg.result);
    else entry.reject(fromWireError(msg.error ?? { name: "Error", code: "internal", path: "", message: "Malformed reply" }));
  };
  const failAll = (message) => {
    for (const entry of calls.values()) entry.reject(fromWireError({ name: "EngineError", code: "worker_failed", path: "", message }));
    calls.clear();
  };
  worker.onerror = (event) => {
    event.preventDefault?.();
    failAll(`The engine worker failed: ${event.message ?? "unknown error"}`);
  };
  worker.onmessageerror = () => failAll("A reply from the engine worker could not be read.");

  function call(fn, input, { onProgress, transfer = [] } = {}) {
    return new Promise((resolve, reject) => {
      const id = nextId++;
      calls.set(id, { resolve, reject, onProgress });
      worker.postMessage({ id, fn, input }, transfer);
    });
  }

  function whatIf(key, fn, input, options = {}) {
    let lane = lanes.get(key);
    if (!lane) lanes.set(key, (lane = { running: false, waiting: null }));
    return new Promise((resolve, reject) => {
      const job = { fn, input, options, resolve, reject };
      if (!lane.running) return run(lane, job);
      lane.waiting?.reject(supersededError());
      lane.waiting = job;
    });
  }

  function run(lane, job) {
    lane.running = true;
    call(job.fn, job.input, job.options)
      .then(job.resolve, job.reject)
      .finally(() => {
        lane.running = false;
        const next = lane.waiting;
        lane.waiting = null;
        if (next) run(lane, next);
      });
  }

  return {
    call,
    whatIf,
    pending: () => calls.size,
    terminate() {
      failAll("The engine was stopped.");
      worker.terminate();
    },
  };
}
