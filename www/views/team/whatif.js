// The what-if result: the score and each measure before → after, in words, from one teamHealth scenario.
import { el } from "../../dom.js";
import { patchChildren } from "../patch.js";
import { PART_LABELS, facts, num, pct, signed } from "./parts.js";

const arrow = (a, b, f) => (a === b || f(a) === f(b) ? `${f(a)} (unchanged)` : `${f(a)} → ${f(b)}`);

/**
 * Paint the scenario `w` (a HealthWhatIf) against the baseline report into `host`.
 * `asked`: the scenario as the controls set it ({rotationMembers, pageReduction, automate, shiftHours}).
 */
export function renderWhatIf(host, w, baseline, asked) {
  const b = w.before;
  const a = w.after;
  const rot = w.rotation;
  const changed = [];
  if (asked.rotationMembers !== baseline.rotation.members) changed.push(`${asked.rotationMembers} people in the rotation instead of ${baseline.rotation.members}`);
  if (asked.pageReduction > 0) changed.push(`${pct(asked.pageReduction, 0)} fewer pages`);
  if (asked.automate?.[0]?.fraction > 0) changed.push(`${pct(asked.automate[0].fraction, 0)} of "${asked.automate[0].category}" automated`);
  if (asked.shiftHours !== baseline.rotation.shiftHours) changed.push(`${num(asked.shiftHours, 0)}-hour shifts instead of ${num(baseline.rotation.shiftHours, 0)}-hour`);
  const items = [
    ["Scenario", changed.length ? changed.join("; ") : "the baseline (nothing changed)", "scenario"],
    ["Team-health score", `${num(w.score.score - w.scoreChange, 1)} → ${num(w.score.score, 1)} (${signed(w.scoreChange)} points)`, "score"],
  ];
  if (b.onCallShare !== undefined) {
    const within = a.onCallShare <= 0.25 + 1e-12;
    items.push([
      "Time on call, each person",
      `${arrow(b.onCallShare, a.onCallShare, (v) => pct(v))}${rot ? `: ${rot.rotation.rolesPerShift} of ${rot.rotation.members} people on call at once` : ""}; SRE guidance at most 25%: ${within ? "within" : "over"}`,
      "onCallShare",
    ]);
  }
  if (rot) {
    items.push([
      "Minimum rotation (SRE book)",
      `${rot.minimumMembers} people${rot.rotation.sites > 1 ? ` (${rot.minimumMembersPerSite} per site)` : ""}: ${rot.meetsMinimum ? "met" : `not met, ${rot.minimumMembers - rot.rotation.members} short`}`,
      "minimum",
    ]);
  }
  if (b.sleepPerResponderWeek !== undefined) items.push(["Sleep-hour pages per person-week", arrow(b.sleepPerResponderWeek, a.sleepPerResponderWeek, (v) => num(v, 2)), "sleep"]);
  if (b.busiestPerWeek !== undefined) items.push(["Busiest person's interruptions per week", arrow(b.busiestPerWeek, a.busiestPerWeek, (v) => num(v, 2)), "busiest"]);
  if (b.incidentsPer12Hours !== undefined) items.push(["Incidents per 12 hours", `${arrow(b.incidentsPer12Hours, a.incidentsPer12Hours, (v) => num(v, 2))} (SRE limit 2)`, "incidents"]);
  if (w.shift) {
    items.push([
      "Incidents per shift",
      `${num(w.shift.incidentsPerShift, 2)} in a ${num(w.shift.shiftHours, 0)}-hour shift, against the ${num(w.shift.capacityPerShift, 1)} it can absorb at 6 hours each: ${w.shift.overCapacity ? "over capacity" : "within capacity"}`,
      "shift",
    ]);
  }
  if (b.toilShare !== undefined) {
    items.push([
      "Time on toil",
      `${arrow(b.toilShare, a.toilShare, (v) => pct(v))} (cap 50%)${w.toilHoursFreedPerWeek !== undefined ? `; frees ${num(w.toilHoursFreedPerWeek, 1)} team hours a week for engineering` : ""}`,
      "toilShare",
    ]);
  }
  const moved = w.score.parts.filter((p) => {
    const before = baseline.score.parts.find((x) => x.part === p.part);
    return p.available && before && Math.abs(p.contribution - before.contribution) >= 0.05;
  });
  patchChildren(host, [
    facts(items, "facts whatif-facts"),
    el("p", { className: "note" }, moved.length ? `Parts that moved: ${moved.map((p) => PART_LABELS[p.part] ?? p.part).join(", ")} (see the What-if points column of the score breakdown).` : "No part of the score moved."),
  ]);
}
