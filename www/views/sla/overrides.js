// Saving the SLA view's what-if values in the scenario. A saved scenario (and a share link) holds only what differs
// from the baseline, and each value is a short string (state.js rejects one over 200 characters), so a value equal
// to its control's baseline is removed rather than stored, and an over-long one is not saved (the previous one stays).
import { baselineOf } from "../../whatif.js";

/** The longest override value a saved scenario accepts (state.js). */
export const MAX_OVERRIDE = 200;

/** Store `values` ({key: string}) in the scenario's overrides; returns the keys too long to save. */
export function saveOverrides(app, values) {
  const tooLong = [];
  app.updateScenario((s) => {
    const overrides = { ...s.overrides };
    for (const [k, v] of Object.entries(values)) {
      if (v === baselineOf(k)) delete overrides[k];
      else if (typeof v === "string" && v.length > MAX_OVERRIDE) tooLong.push(k);
      else overrides[k] = v;
    }
    return { ...s, overrides };
  });
  return tooLong;
}
