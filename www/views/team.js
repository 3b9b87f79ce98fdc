// The team view: the on-call roster across its time zones. Load, sleep-hour pages, DORA tiers, toil and survey
// scores join from the team engine.
import { $, row } from "../dom.js";

export function mountTeam(app) {
  return {
    onData(org) {
      const t = org?.teams[0];
      $("team-line").textContent = t
        ? `${t.name}: ${t.responders.length} people, ${t.pages.toLocaleString("en")} pages, ${t.shifts.toLocaleString("en")} shifts and ${t.deployments.toLocaleString("en")} deployments in the data.`
        : "No team data loaded.";
      $("team-roster").tBodies[0].replaceChildren(...(t?.responders ?? []).map((r) => row([r.name, r.site, r.timeZone], { header: true })));
    },
  };
}
