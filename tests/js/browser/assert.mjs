// A browser stand-in for node:assert/strict: the assertions the portable suites use, with strict semantics.
export class AssertionError extends Error {
  constructor(message) {
    super(message);
    this.name = "AssertionError";
  }
}

const show = (v) => {
  try {
    return typeof v === "string" ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
};

function isDeepEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  if (a instanceof Date) return a.getTime() === b.getTime();
  if (ArrayBuffer.isView(a)) return a.length === b.length && Array.prototype.every.call(a, (x, i) => Object.is(x, b[i]));
  if (a instanceof Map || a instanceof Set) return isDeepEqual([...a], [...b]);
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && isDeepEqual(a[k], b[k]));
}

function fail(message, fallback) {
  throw message instanceof Error ? message : new AssertionError(message ?? fallback);
}

function assert(value, message) {
  if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
}
assert.ok = assert;
assert.equal = (a, b, m) => Object.is(a, b) || fail(m, `${show(a)} !== ${show(b)}`);
assert.strictEqual = assert.equal;
assert.notEqual = (a, b, m) => !Object.is(a, b) || fail(m, `${show(a)} === ${show(b)}`);
assert.notStrictEqual = assert.notEqual;
assert.deepEqual = (a, b, m) => isDeepEqual(a, b) || fail(m, `not deep-equal:\n${show(a)}\n${show(b)}`);
assert.deepStrictEqual = assert.deepEqual;
assert.notDeepEqual = (a, b, m) => !isDeepEqual(a, b) || fail(m, `deep-equal: ${show(a)}`);
assert.notDeepStrictEqual = assert.notDeepEqual;
assert.match = (s, re, m) => re.test(s) || fail(m, `${show(s)} does not match ${re}`);
assert.doesNotMatch = (s, re, m) => !re.test(s) || fail(m, `${show(s)} matches ${re}`);
assert.fail = (m) => fail(m, "failed");

function checkThrown(e, expected, m) {
  if (expected === undefined) return;
  if (typeof expected === "function" && expected.prototype !== undefined && e instanceof expected) return;
  if (expected instanceof RegExp) return assert.match(String(e?.message ?? e), expected, m);
  if (typeof expected === "function") {
    if (expected(e) !== true) fail(m, "the validation function did not return true");
    return;
  }
  for (const [k, v] of Object.entries(expected)) {
    const ok = v instanceof RegExp ? v.test(e?.[k]) : isDeepEqual(e?.[k], v);
    if (!ok) fail(m, `thrown error's ${k} is ${show(e?.[k])}, expected ${show(v)}`);
  }
}

assert.throws = (fn, expected, m) => {
  try {
    fn();
  } catch (e) {
    checkThrown(e, expected, m);
    return;
  }
  fail(typeof expected === "string" ? expected : m, "expected the function to throw");
};
assert.doesNotThrow = (fn, m) => {
  try {
    fn();
  } catch (e) {
    fail(m, `threw ${e?.message}`);
  }
};
assert.rejects = async (p, expected, m) => {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    checkThrown(e, expected, m);
    return;
  }
  fail(m, "expected a rejection");
};
assert.strict = assert;

export default assert;
export const { ok, equal, strictEqual, notEqual, deepEqual, deepStrictEqual, throws, rejects, match } = assert;
