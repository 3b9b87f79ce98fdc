// Worker tasks beyond the engine's own exports: the sample organisation and data import. The organisation
// itself stays in the worker (a year of per-minute buckets is tens of megabytes); the page gets summaries.
import { generateOrg, summarise } from "../sample/index.js";
import { parseImport } from "../io/import.js";
import { orgTasks } from "./tasks-org.js";
import { teamTasks } from "./tasks-team.js";
import { capacityTasks } from "./tasks-capacity.js";
import { slaTasks } from "./tasks-sla.js";
import { budgetTasks } from "./tasks-budget.js";
import { orgSources, sourcesSummary } from "./org-sources.js";

/** What the worker holds between calls: the sample organisation, and imported datasets by id. */
export const held = { org: null, seed: null, imports: {}, current: null };

/**
 * Task table: name → (input, ctx) => result. `ctx.progress(done, total, label)` reports progress to the page.
 * Every result is freshly allocated, so its buffers can be transferred.
 */
export const tasks = {
  ...orgTasks(held),
  ...teamTasks,
  ...capacityTasks(held),
  ...slaTasks(held),
  ...budgetTasks(held),
  /** Generate (or reuse) the sample organisation for `{seed}` and return its summary. */
  "sample.load"(input, ctx) {
    const seed = typeof input?.seed === "string" && input.seed ? input.seed : undefined;
    let generateMs = 0;
    if (!held.org || held.seed !== (seed ?? null)) {
      const t0 = performance.now();
      held.org = generateOrg({ seed, onProgress: ctx.progress });
      generateMs = performance.now() - t0;
      held.seed = seed ?? null;
    }
    return { ...summarise(held.org), timing: { generateMs } };
  },
  /**
   * What the detail views can choose beyond the sample: `{imports: [{id, name, kind, attach}]}` → the imported SLI
   * series (error-budget view) and the teams with imported pages or deployments (team view), merged as the
   * overview merges them (org-sources.js). The teams are then held for `{$ref: "current/teams/<id>"}`.
   */
  "org.sources"(input) {
    if (!held.org && !(input?.imports ?? []).some((r) => held.imports[r?.id])) return { asOf: null, budget: [], teams: [], notes: [] };
    return sourcesSummary(orgSources(held, input?.imports), held.org);
  },
  /** Keep an imported dataset `{id, data}` in the worker, for `{$ref: "imports/<id>/…"}` in later calls. */
  "data.hold"(input) {
    if (!input || typeof input.id !== "string") throw Object.assign(new Error("data.hold needs {id, data}"), { name: "OpscoreError", code: "invalid_type", path: "id" });
    held.imports[input.id] = input.data;
    return { held: Object.keys(held.imports).length };
  },
  /** Forget an imported dataset. */
  "data.drop"(input) {
    delete held.imports[input?.id];
    return { held: Object.keys(held.imports).length };
  },
  /** Drop the sample (when the scenario uses imported data only). */
  "sample.unload"() {
    held.org = null;
    held.seed = null;
    return null;
  },
  /** Parse an imported file: `{name, text}` → preview, row-numbered errors and the parsed data. */
  "data.parse"(input, ctx) {
    if (!input || typeof input.text !== "string") {
      throw Object.assign(new Error("data.parse needs {name, text}"), { name: "OpscoreError", code: "invalid_type", path: "text" });
    }
    return parseImport(String(input.name ?? "data"), input.text, { onProgress: ctx.progress, kind: input.kind });
  },
};
