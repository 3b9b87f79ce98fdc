// The planning tool: loads the engine, recomputes on every keystroke.
import init, { allowedDowntime, version } from "opscore";
import { formatDuration, parsePercent } from "./format.js";

const PERIODS = [
  ["day", "Day"],
  ["week", "Week"],
  ["month", "Month"],
  ["quarter", "Quarter"],
  ["year", "Year"],
];

const TARGET_MESSAGES = {
  out_of_range: "Enter a percentage above 0 and below 100, such as 99.9. (100% allows no downtime at all.)",
  not_finite: "Enter a number, such as 99.9.",
  invalid_type: "Enter a number, such as 99.9.",
};

const $ = (id) => document.getElementById(id);

function renderDowntime() {
  const errorBox = $("target-error");
  const tbody = $("downtime-table").querySelector("tbody");
  const input = $("target");
  try {
    const table = allowedDowntime({ target: parsePercent(input.value), convention: $("convention").value });
    const rows = PERIODS.map(([key, label]) => {
      const tr = document.createElement("tr");
      tr.dataset.period = key;
      const a = table[key];
      for (const text of [label, formatDuration(a.allowedSeconds), a.allowedSeconds.toFixed(1)]) {
        const cell = document.createElement(tr.children.length === 0 ? "th" : "td");
        if (tr.children.length === 0) cell.scope = "row";
        cell.textContent = text;
        tr.append(cell);
      }
      return tr;
    });
    tbody.replaceChildren(...rows);
    errorBox.hidden = true;
    errorBox.textContent = "";
    input.removeAttribute("aria-invalid");
  } catch (e) {
    // The engine speaks in fractions; this page asks for percentages, so target errors are worded by their code.
    errorBox.textContent = e.path === "target" ? (TARGET_MESSAGES[e.code] ?? e.message) : e.message;
    errorBox.dataset.code = e.code ?? "";
    errorBox.hidden = false;
    input.setAttribute("aria-invalid", "true");
  }
}

async function main() {
  await init();
  $("engine-version").textContent = `opscore engine ${version()}`;
  $("target").addEventListener("input", renderDowntime);
  $("convention").addEventListener("change", renderDowntime);
  $("downtime-form").addEventListener("submit", (e) => e.preventDefault());
  renderDowntime();
  document.body.dataset.ready = "true";
}

main().catch((e) => {
  $("target-error").textContent = `The engine failed to load: ${e.message}`;
  $("target-error").hidden = false;
});
