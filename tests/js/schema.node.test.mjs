// The published JSON Schema of the organisation document (opscore/org.schema.json, generated from the Rust types by
// tests/schema.rs) checked with a standard validator (Ajv, draft 2020-12): real documents pass, and broken documents
// fail at the same place the engine's validateOrg reports. Node only (reads the package's files).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { validateOrg } from "opscore";
import { generateOrg } from "../../www/sample/index.js";
import { asOfOf, orgDocument } from "../../www/engine/org.js";

const require = createRequire(import.meta.url);
// Resolved through the package's exports map, as a user would.
const schema = JSON.parse(readFileSync(require.resolve("opscore/org.schema.json"), "utf8"));

const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, strictTuples: false });
addFormats(ajv);
// schemars' numeric width hints ("double", "uint32", …) are annotations, not constraints JSON can check.
for (const f of ["double", "float", "uint", "uint8", "uint16", "uint32", "uint64", "int32", "int64", "uint"]) ajv.addFormat(f, true);
const validate = ajv.compile(schema);

/** JSON as a file would hold it: typed arrays become arrays and NaN becomes null. */
const asJson = (doc) => JSON.parse(JSON.stringify(doc, (_, v) => (ArrayBuffer.isView(v) ? Array.from(v) : v)));
/** Ajv's "/services/0/sla/target" as the engine writes it: "services[0].sla.target". */
const enginePath = (p) => p.split("/").slice(1).reduce((acc, k) => (/^\d+$/.test(k) ? `${acc}[${k}]` : acc ? `${acc}.${k}` : k), "");

const asOf = "2026-03-15T00:00:00Z";
const base = () => ({
  $schema: "https://json-schema.org/draft/2020-12/schema",
  version: 1,
  name: "Acme",
  services: [
    {
      id: "api",
      team: "core",
      sla: { target: 0.999, period: { unit: "month" }, outages: [{ start: "2026-03-02T10:00:00Z", end: "2026-03-02T10:10:00Z" }] },
      slos: [{ name: "availability", slo: { objective: 0.999, window: "28d" }, series: { start: "2026-03-01T00:00:00Z", step: 3600, good: [99, 100, null], total: [100, 100, null] } }],
      incidents: { incidents: [{ start: "2026-03-02T10:00:00Z", resolvedAt: "2026-03-02T10:10:00Z", severity: "sev2" }] },
    },
  ],
  teams: [{ id: "core", name: "Core", toil: { shares: [{ week: "2026-03-02T00:00:00Z", toilFraction: 0.1 }] } }],
});

test("the schema is draft 2020-12, describes version 1, and compiles in Ajv's strict mode", () => {
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.deepEqual(schema.properties.version.const, 1);
  assert.deepEqual([...schema.required].sort(), ["name", "version"]);
});

test("documents the engine accepts pass the schema", () => {
  const docs = {
    "a small organisation": base(),
    "examples/org.json": JSON.parse(readFileSync(new URL("../../examples/org.json", import.meta.url), "utf8")),
    "the planning tool's sample": asJson(orgDocument(generateOrg())),
  };
  for (const [name, doc] of Object.entries(docs)) {
    const at = name === "the planning tool's sample" ? asOfOf(generateOrg()) : asOf;
    assert.equal(validateOrg(doc, at).valid, true, `${name}: the engine accepts it`);
    assert.equal(validate(doc), true, `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
  }
});

// [what is broken, how, the path both the schema and the engine report]
const broken = [
  ["missing version", (d) => delete d.version, ""],
  ["version as a string", (d) => (d.version = "1"), "version"],
  ["a future version", (d) => (d.version = 2), "version"],
  ["unknown top-level field", (d) => (d.servics = []), ""],
  ["services not a list", (d) => (d.services = { api: {} }), "services"],
  ["service without id", (d) => delete d.services[0].id, "services[0]"],
  ["target as a string", (d) => (d.services[0].sla.target = "99.9%"), "services[0].sla.target"],
  ["outage end as a boolean", (d) => (d.services[0].sla.outages[0].end = true), "services[0].sla.outages[0].end"],
  ["an unknown period unit", (d) => (d.services[0].sla.period.unit = "fortnight"), "services[0].sla.period.unit"],
  ["toil share as a string", (d) => (d.teams[0].toil.shares[0].toilFraction = "10%"), "teams[0].toil.shares[0].toilFraction"],
  ["SLI counts as strings", (d) => (d.services[0].slos[0].series.good[0] = "99"), "services[0].slos[0].series.good[0]"],
  ["a team id as a number", (d) => (d.teams[0].id = 7), "teams[0].id"],
];

for (const [what, breakIt, path] of broken) {
  test(`the schema rejects a broken document (${what}) where the engine does: "${path}"`, () => {
    const doc = base();
    breakIt(doc);
    const engine = validateOrg(doc, asOf);
    assert.equal(engine.valid, false);
    assert.equal(validate(doc), false, "the schema accepts it");
    const paths = validate.errors.map((e) => enginePath(e.instancePath));
    assert.ok(paths.includes(path), `schema errors at ${JSON.stringify(paths)}, wanted "${path}"`);
    // The engine's first error is at the same field (or, for an array element, inside it).
    assert.ok(engine.errors[0].path === path || engine.errors[0].path.startsWith(path.replace(/\[\d+\]$/, "")), engine.errors[0].path);
  });
}
