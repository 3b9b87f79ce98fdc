// How the scenario's what-if overrides reach the organisation the overview scores. A view whose control maps onto
// the organisation document registers a mapping here, next to its registerWhatIf (whatif.js):
//
//   registerOrgWhatIf((key) => key === "capacity.growth.checkoutDb",
//                     (value, key, add) => add.resource("checkout-db", { growth: value }));
//
// `add.service(id, {slaTarget, sloTarget})`, `add.outage(serviceId, {start, end, errorRatio})`,
// `add.resource(id, {capacityAdded, growth})` and `add.team(id, {rotationMembers, pageReduction, automate})`
// build the plain object the worker applies (engine/org-whatif.js documents each field). The overview then scores
// the organisation under every registered what-if, and its comparison with the baseline shows what each changed.
// Values equal to the control's registered baseline are skipped, so a reset control changes nothing.
import { baselineOf } from "./whatif.js";

const mappings = [];

/** Map overrides whose key passes `match(key)` onto the organisation with `apply(value, key, add, overrides)`. */
export function registerOrgWhatIf(match, apply) {
  mappings.push({ match, apply });
}

/** The organisation what-if object (engine/org-whatif.js) for a scenario's overrides. */
export function orgWhatIf(overrides) {
  const whatIf = { services: {}, resources: {}, teams: {} };
  const into = (part) => (id, patch) => {
    if (typeof id !== "string" || !id) return;
    whatIf[part][id] = { ...whatIf[part][id], ...patch };
  };
  const add = {
    service: into("services"),
    resource: into("resources"),
    team: into("teams"),
    outage(id, outage) {
      if (typeof id !== "string" || !id) return;
      const s = (whatIf.services[id] ??= {});
      s.outages = [...(s.outages ?? []), outage];
    },
  };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === baselineOf(key)) continue;
    for (const m of mappings) if (m.match(key)) m.apply(value, key, add, overrides);
  }
  return whatIf;
}

/**
 * The hypothetical outage override: one string "service start minutes errorPercent" (such as
 * "checkout 2026-10-25T14:00Z 30 100"), since overrides are scalars. `""` is none.
 */
export function parseOutage(text) {
  const parts = String(text ?? "").trim().split(/\s+/);
  if (parts.length !== 4) return null;
  const [service, start, minutes, pct] = parts;
  const s = Date.parse(start);
  const m = Number(minutes);
  const p = Number(pct);
  if (!Number.isFinite(s) || !(m > 0) || !(p > 0 && p <= 100)) return null;
  return { service, start: new Date(s).toISOString(), end: new Date(s + m * 60000).toISOString(), minutes: m, errorPercent: p };
}

/** The override string for a hypothetical outage (see parseOutage). */
export const outageText = ({ service, start, minutes, errorPercent }) => `${service} ${start} ${minutes} ${errorPercent}`;
