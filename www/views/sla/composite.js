// The SLA view's composite part: the checkout journey's dependency tree (sample/topology.js) scored by the engine's
// compositeAvailability in the worker (task "sla.composite"), shown as a nested list with each node's availability
// and each leaf's contribution, and a what-if control that sets one component's availability.
import { $, el, fillSelect, percent, row } from "../../dom.js";
import { parsePercent } from "../../format.js";
import { isSuperseded } from "../../engine/client.js";
import { registerWhatIf } from "../../whatif.js";
import { saveOverrides } from "./overrides.js";

const KEY = "sla.composite";
const KINDS = { serial: "serial: every part needed", parallel: "parallel: any one part suffices" };
/** The override is one string "component name=percent" (overrides are scalars); "" is none. */
registerWhatIf(KEY, { label: "Composite component availability (SLA view)", baseline: "", format: (v) => (v ? v.replace("=", " at ") + "%" : "none") });

function parseOverride(text) {
  const i = String(text ?? "").lastIndexOf("=");
  return i > 0 ? { name: text.slice(0, i), value: text.slice(i + 1) } : null;
}

/** Percentage points, signed, with enough digits to show a small gain. */
const points = (f) => `${f >= 0 ? "+" : "−"}${Number(Math.abs(f * 100).toPrecision(3))} pp`;

export function mountComposite(app) {
  const select = $("sla-component");
  const input = $("sla-component-availability");
  const tree = $("sla-composite-tree");
  const errorBox = $("sla-component-error");
  let leaves = [];
  let last = null;
  let seq = 0;
  let loaded = false;
  let wanted = parseOverride(app.scenario().overrides[KEY]);

  function baselineOf(name) {
    return leaves.find((l) => l.name === name)?.baseline;
  }

  function showError(e) {
    // The engine speaks in fractions; this control asks for a percentage, so say that first.
    errorBox.textContent = e.path?.endsWith(".availability")
      ? `Enter a percentage from 0 to 100, such as 99.95 (the engine says: ${e.message}).`
      : `${e.message} (${e.code} at ${e.path || "the input"})`;
    errorBox.dataset.code = e.code ?? "";
    errorBox.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }

  function recompute() {
    if (!loaded) return Promise.resolve();
    const name = select.value;
    const text = input.value.trim();
    const base = baselineOf(name);
    const changed = name && base !== undefined && text !== "" && text !== percentText(base);
    saveOverrides(app, { [KEY]: changed ? `${name}=${text}` : "" });
    const overrides = changed ? { [name]: parsePercent(text) } : name && text === "" ? { [name]: Number.NaN } : {};
    const mine = ++seq;
    return app.engine
      .whatIf("sla.composite", "sla.composite", { overrides })
      .then(
        (r) => {
          if (mine !== seq) return;
          errorBox.hidden = true;
          errorBox.textContent = "";
          input.removeAttribute("aria-invalid");
          show(r);
        },
        (e) => {
          if (isSuperseded(e) || mine !== seq) return;
          showError(e);
        },
      )
      .finally(() => {
        if (mine === seq) tree.dataset.renders = String(Number(tree.dataset.renders ?? 0) + 1);
      });
  }

  const percentText = (f) => String(Number((f * 100).toFixed(4)));

  function show(r) {
    last = r;
    const first = leaves.length === 0;
    leaves = r.leaves;
    if (first) {
      fillSelect(select, leaves.map((l) => [l.name, l.name]), wanted?.name ?? leaves[0]?.name);
      input.value = wanted && wanted.name === select.value ? wanted.value : percentText(baselineOf(select.value));
      wanted = null;
    }
    const { result, baseline } = r;
    const contribution = new Map(result.contributions.map((c) => [c.name, c]));
    const source = new Map(leaves.map((l) => [l.name, l]));
    const line = $("sla-composite-line");
    line.dataset.availability = String(result.availability);
    line.textContent = `${result.tree.name}: ${percent(result.availability, 4)}${
      result.availability !== baseline ? ` (baseline ${percent(baseline, 4)}, ${points(result.availability - baseline)})` : ""
    }. Best single improvement: ${result.bestImprovement} (one more nine adds ${points(contribution.get(result.bestImprovement)?.gainPerNine ?? 0)}).`;

    const node = (n) => {
      const c = contribution.get(n.name);
      const leaf = source.get(n.name);
      const parts = [el("span", { className: "tree-name" }, n.name), " ", el("span", { className: "tree-value" }, percent(n.availability, 4))];
      if (n.kind !== "leaf") parts.push(" ", el("span", { className: "note" }, `(${KINDS[n.kind] ?? n.kind})`));
      if (c) parts.push(" ", el("span", { className: "note" }, `one more nine: ${points(c.gainPerNine)} to the composite`));
      if (leaf?.changed) parts.push(" ", el("strong", {}, `what-if (measured ${percent(leaf.baseline, 4)})`));
      if (n.name === result.bestImprovement) parts.push(" ", el("strong", { className: "best" }, "Best single improvement"));
      if (leaf) parts.push(el("span", { className: "tree-source note" }, ` · ${leaf.source}`));
      const li = el("li", { dataset: { name: n.name, kind: n.kind, availability: String(n.availability) } }, parts);
      if (n.children) li.append(el("ul", { attrs: { "aria-label": `Parts of ${n.name}` } }, n.children.map(node)));
      return li;
    };
    tree.replaceChildren(node(result.tree));
    $("sla-contributions").tBodies[0].replaceChildren(
      ...result.contributions.map((c) => {
        const tr = row(
          [c.name, percent(c.availability, 4), percent(c.ifOneMoreNine, 4), points(c.gainPerNine), percent(c.ifPerfect, 4), percent(c.shareOfUnavailability, 1)],
          { header: true },
        );
        tr.dataset.name = c.name;
        return tr;
      }),
    );
  }

  select.addEventListener("change", () => {
    // A new component starts from its measured value: one what-if at a time.
    input.value = percentText(baselineOf(select.value) ?? 0);
    recompute();
  });
  input.addEventListener("input", recompute);
  $("sla-component-reset").addEventListener("click", () => {
    input.value = percentText(baselineOf(select.value) ?? 0);
    recompute();
  });
  $("sla-composite-form").addEventListener("submit", (e) => e.preventDefault());

  return {
    onData(summary) {
      loaded = Boolean(summary?.services?.length);
      if (!loaded) {
        tree.replaceChildren();
        $("sla-composite-line").textContent = "No services: load the sample to see the composite tree.";
        return;
      }
      recompute();
    },
    onScenario(scenario) {
      const w = parseOverride(scenario.overrides?.[KEY]);
      if (w && leaves.some((l) => l.name === w.name)) {
        select.value = w.name;
        input.value = w.value;
      } else if (leaves.length) input.value = percentText(baselineOf(select.value));
      recompute();
    },
    results() {
      if (!last) return [];
      const { result } = last;
      return [
        { section: "SLA composite", item: result.tree.name, measure: "Composite availability", value: result.availability, unit: "ratio" },
        ...result.contributions.flatMap((c) => [
          { section: "SLA composite", item: c.name, measure: "Availability", value: c.availability, unit: "ratio" },
          { section: "SLA composite", item: c.name, measure: "Gain per nine", value: c.gainPerNine, unit: "ratio" },
        ]),
      ];
    },
  };
}
