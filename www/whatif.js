// The what-if controls that differ from the baseline. Each view registers its controls here (the scenario key,
// a label, the baseline value and how to show a value); the Overview lists every change with a reset button, so a
// manager can see at a glance what the scenario assumes. Selections (which service a chart shows) are not
// what-ifs and are not registered.

const registry = new Map();

/** Register a what-if control: key "view.control", label, baseline value, optional format(value) → text. */
export function registerWhatIf(key, { label, baseline, format = String }) {
  registry.set(key, { key, label, baseline, format });
}

/** The registered controls whose value in `overrides` differs from their baseline. */
export function changesFrom(overrides) {
  const out = [];
  for (const w of registry.values()) {
    if (Object.hasOwn(overrides, w.key) && overrides[w.key] !== w.baseline) {
      out.push({ key: w.key, label: w.label, value: w.format(overrides[w.key]), baseline: w.format(w.baseline) });
    }
  }
  return out;
}

/** The baseline value of a registered control (undefined if unknown). */
export const baselineOf = (key) => registry.get(key)?.baseline;
