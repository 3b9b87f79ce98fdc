// The scenario: which sample is loaded, the what-if overrides, and references to imported data (the data itself
// lives in IndexedDB, in this browser only) with where each is scored (`attach`). It survives a reload
// (localStorage, versioned key), and travels as a URL (deflate-raw + base64url in the hash). A saved state that
// cannot be read is set aside under a backup key and reported, never crashed on.

export const SCENARIO_VERSION = 1;
export const STORAGE_KEY = `opscore.scenario.v${SCENARIO_VERSION}`;
export const BACKUP_KEY = `${STORAGE_KEY}.unreadable`;
export const SHARE_PARAM = "s";
export const DEFAULT_SEED = "opscore-sample-1";
const MAX_SAVED_CHARS = 512 * 1024;

/** A fresh scenario: the default sample, no overrides, no imports. */
export function defaultScenario() {
  return { version: SCENARIO_VERSION, sample: { seed: DEFAULT_SEED }, overrides: {}, imports: [] };
}

/** Override values may be finite numbers, short strings or booleans; keys are "view.control" names. */
const OVERRIDE_KEY = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9]+){1,3}$/;

/**
 * Where an import's rows are scored (engine/org-imports.js): "auto", "new", "none", or a service or team id.
 */
const ATTACH = /^[a-zA-Z0-9_.-]{1,64}$/;

/**
 * Check a parsed value is a scenario; returns `{scenario}` (a clean copy: unknown fields dropped) or
 * `{error: "where: what"}`. Used for saved state, shared links and imported scenario files alike.
 */
export function validateScenario(v) {
  const fail = (path, message) => ({ error: `${path}: ${message}` });
  if (!v || typeof v !== "object" || Array.isArray(v)) return fail("scenario", "not an object");
  if (v.version !== SCENARIO_VERSION) return fail("version", `expected ${SCENARIO_VERSION}, found ${JSON.stringify(v.version)}`);
  let sample = null;
  if (v.sample !== null) {
    if (!v.sample || typeof v.sample !== "object" || typeof v.sample.seed !== "string" || v.sample.seed.length === 0 || v.sample.seed.length > 64) {
      return fail("sample", "expected {seed} with a seed of 1-64 characters, or null");
    }
    sample = { seed: v.sample.seed };
  }
  if (!v.overrides || typeof v.overrides !== "object" || Array.isArray(v.overrides)) return fail("overrides", "not an object");
  const overrides = {};
  for (const [k, x] of Object.entries(v.overrides)) {
    if (!OVERRIDE_KEY.test(k)) return fail(`overrides.${k}`, "not a control name");
    const ok = (typeof x === "number" && Number.isFinite(x)) || typeof x === "boolean" || (typeof x === "string" && x.length <= 200);
    if (!ok) return fail(`overrides.${k}`, "not a finite number, a short string or a boolean");
    overrides[k] = x;
  }
  if (!Array.isArray(v.imports)) return fail("imports", "not a list");
  const imports = [];
  for (const [i, r] of v.imports.entries()) {
    if (!r || typeof r !== "object" || typeof r.id !== "string" || !/^[a-z0-9-]{1,64}$/.test(r.id)) return fail(`imports[${i}].id`, "missing or malformed");
    if (typeof r.name !== "string" || r.name.length > 300) return fail(`imports[${i}].name`, "missing or too long");
    imports.push({
      id: r.id,
      name: r.name,
      kind: typeof r.kind === "string" ? r.kind.slice(0, 40) : "unknown",
      format: typeof r.format === "string" ? r.format.slice(0, 40) : "unknown",
      rows: Number.isFinite(r.rows) ? r.rows : 0,
      importedAt: typeof r.importedAt === "string" ? r.importedAt.slice(0, 40) : "",
      attach: typeof r.attach === "string" && ATTACH.test(r.attach) ? r.attach : "auto",
    });
  }
  return { scenario: { version: SCENARIO_VERSION, sample, overrides, imports } };
}

/**
 * Read the saved scenario from `storage` (localStorage or anything with its interface). Returns
 * `{scenario, notice}`; `notice` is set when something was wrong: the unreadable text is moved to BACKUP_KEY and
 * a fresh scenario is used.
 */
export function loadScenario(storage) {
  let raw;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch (e) {
    return { scenario: defaultScenario(), notice: { kind: "storage", message: `Saved state is unavailable in this browser (${e.message}); changes will not survive a reload.` } };
  }
  if (raw === null || raw === undefined) return { scenario: defaultScenario(), notice: null };
  let why;
  try {
    const checked = validateScenario(JSON.parse(raw));
    if (checked.scenario) return { scenario: checked.scenario, notice: null };
    why = checked.error;
  } catch (e) {
    why = `not JSON (${e.message})`;
  }
  try {
    storage.setItem(BACKUP_KEY, raw);
    storage.removeItem(STORAGE_KEY);
  } catch {
    // Storage full or gone: the notice still tells the person; the fresh scenario overwrites on the next save.
  }
  return {
    scenario: defaultScenario(),
    notice: { kind: "corrupt", message: `Your saved scenario could not be read (${why}). It was set aside under "${BACKUP_KEY}" in this browser's storage, and the default scenario is loaded.` },
  };
}

/** Save the scenario; returns null or an error message (quota exceeded, storage disabled). */
export function saveScenario(storage, scenario) {
  try {
    const text = JSON.stringify(scenario);
    if (text.length > MAX_SAVED_CHARS) return "The scenario is too large to save.";
    storage.setItem(STORAGE_KEY, text);
    return null;
  } catch (e) {
    return `The scenario could not be saved: ${e.message}`;
  }
}

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("the link holds characters base64url does not use");
  const s = atob(text.replaceAll("-", "+").replaceAll("_", "/") + "===".slice((text.length + 3) % 4));
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

async function pipe(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/**
 * The scenario as a compact URL-safe string (deflate-raw, base64url). Imported data never goes into a link: only
 * the sample and the overrides travel; the imports list is left out.
 */
export async function encodeScenario(scenario) {
  const shared = { version: scenario.version, sample: scenario.sample, overrides: scenario.overrides, imports: [] };
  const bytes = new TextEncoder().encode(JSON.stringify(shared));
  return toBase64Url(await pipe(bytes, new CompressionStream("deflate-raw")));
}

/** Read a string from encodeScenario back: `{scenario}` or `{error}`; never throws. */
export async function decodeScenario(text) {
  try {
    if (text.length > 16_384) return { error: "the link is too long to be a scenario" };
    const bytes = await pipe(fromBase64Url(text), new DecompressionStream("deflate-raw"));
    if (bytes.length > MAX_SAVED_CHARS) return { error: "the link expands to too much data" };
    return validateScenario(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (e) {
    return { error: `the link is damaged (${e.message})` };
  }
}

/** Split a location hash "#/sla?s=…" into the view name and its parameters. */
export function parseHash(hash) {
  const h = String(hash ?? "").replace(/^#/, "");
  const [path, query = ""] = h.split("?", 2);
  const view = path.replace(/^\/+/, "").split("/")[0] || "";
  return { view, params: new URLSearchParams(query) };
}
