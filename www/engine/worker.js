// The engine's Web Worker: loads the opscore wasm once, then runs each request {id, fn, input} by name, either an
// opscore export or a task from tasks.js, and answers with the result (buffers transferred) or a structured error.
// Inputs may point at data the worker holds with {$ref: "org/services/checkout/sli"} (see refs.js), so a what-if
// call over a year of per-minute buckets sends a few bytes.
import init, * as opscore from "opscore";
import { held, tasks } from "./tasks.js";
import { resolveRefs } from "./refs.js";
import { toWireError, transferables } from "./protocol.js";

const NOT_CALLABLE = new Set(["default", "initSync"]);
const ready = init();

function resolve(fn) {
  if (typeof fn !== "string") return null;
  if (Object.hasOwn(tasks, fn)) return tasks[fn];
  if (!NOT_CALLABLE.has(fn) && !fn.startsWith("__") && typeof opscore[fn] === "function") return (input) => opscore[fn](input);
  return null;
}

self.onmessage = async (event) => {
  const { id, fn, input } = event.data ?? {};
  try {
    await ready;
    const run = resolve(fn);
    if (!run) {
      throw Object.assign(new Error(`The engine has no function named ${JSON.stringify(fn)}.`), {
        name: "OpscoreError",
        code: "unsupported",
        path: "fn",
      });
    }
    let last = 0;
    const progress = (done, total, label) => {
      // At most one progress message per 50 ms, plus the last one.
      const now = performance.now();
      if (done < total && now - last < 50) return;
      last = now;
      self.postMessage({ id, type: "progress", done, total, label });
    };
    // {$ref: "org/…"}, {$ref: "imports/<id>/…"} and {$ref: "current/…"} in the input become the data the worker holds.
    // "current/teams/<id>": a team of the organisation with its imported data merged (org-sources.js).
    const resolved = resolveRefs(input, { org: held.org, imports: held.imports, current: held.current?.refs });
    const result = await run(resolved, { progress });
    self.postMessage({ id, type: "result", result }, transferables(result));
  } catch (e) {
    self.postMessage({ id, type: "error", error: toWireError(e) });
  }
};
