// A browser stand-in for the parts of node:test that the portable suites use: test/it, describe, before/after.
// Tests are collected on import and run in order by run().
const tests = [];
const beforeHooks = [];
const afterHooks = [];
let prefix = "";

export function test(name, optionsOrFn, maybeFn) {
  const fn = typeof optionsOrFn === "function" ? optionsOrFn : maybeFn;
  const skip = typeof optionsOrFn === "object" && optionsOrFn?.skip;
  tests.push({ name: prefix + name, fn, skip });
}
export const it = test;

export function describe(name, fn) {
  const outer = prefix;
  prefix = `${outer}${name} > `;
  try {
    fn();
  } finally {
    prefix = outer;
  }
}

export const before = (fn) => beforeHooks.push(fn);
export const after = (fn) => afterHooks.push(fn);

/** Run everything collected so far; returns [{name, ok, error?}]. */
export async function run() {
  const results = [];
  for (const h of beforeHooks.splice(0)) await h();
  for (const t of tests.splice(0)) {
    if (t.skip) {
      results.push({ name: t.name, ok: true, skipped: true });
      continue;
    }
    try {
      await t.fn({ name: t.name });
      results.push({ name: t.name, ok: true });
    } catch (e) {
      results.push({ name: t.name, ok: false, error: `${e?.name}: ${e?.message}\n${e?.stack ?? ""}` });
    }
  }
  for (const h of afterHooks.splice(0)) await h();
  return results;
}

export default test;
