// The Data view: choose the sample, import files (drag-and-drop or the file picker) with a preview and
// row-numbered errors, list and remove imported data and choose where each is scored (a service or team of the
// organisation, a separate "Imported data" service, or not at all), export the scenario and results, and make a
// share link.
import { $, el, fillSelect, row } from "../dom.js";
import { MAX_IMPORT_BYTES } from "../io/limits.js";
import { deleteDataset, putDataset } from "../io/store.js";
import { download, resultsCsv, scenarioDocument } from "../io/export.js";
import { validateScenario } from "../state.js";
import { transferables } from "../engine/protocol.js";

const MAX_ERRORS_SHOWN = 200;
/** Kinds scored with a service, and with a team (engine/org-imports.js). */
const SERVICE_KINDS = new Set(["outages", "tickets", "series", "slos"]);
const TEAM_KINDS = new Set(["pages", "deployments"]);
/** The sample's support desk (engine/org.js SUPPORT_ID; not imported from there, which would bundle the mapping). */
const SUPPORT_ID = "support";

function newId() {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function mountData(app) {
  const report = $("import-report");
  const zone = $("drop-zone");
  const fileInput = $("import-file");
  const seedSelect = $("sample-seed");

  seedSelect.value = app.scenario().sample?.seed ?? "";
  seedSelect.addEventListener("change", () => app.setSample(seedSelect.value || null));

  /** How each import took part in the last scoring (from the overview's "opscore:scored" event), by id. */
  let scored = new Map();

  /** The "Scored with" choices for an import of `kind` (engine/org-imports.js `attach`). */
  function attachOptions(kind) {
    const org = app.summary();
    if (SERVICE_KINDS.has(kind)) {
      const services = (org?.services ?? []).map((s) => [s.id, s.name]);
      if (kind === "tickets" && org?.support?.tickets) services.push([SUPPORT_ID, "Customer support desk"]);
      return [["auto", kind === "tickets" ? "Automatically (the support desk, or the file's service column)" : "Automatically (the file's service column)"], ...services, ["new", "A separate “Imported data” service"], ["none", "Not scored"]];
    }
    if (TEAM_KINDS.has(kind)) {
      return [["auto", "The organisation's team"], ...(org?.teams ?? []).map((t) => [t.id, t.name]), ["new", "A separate “Imported team”"], ["none", "Not scored"]];
    }
    if (kind === "organisation") return [["auto", "Its services, resources and teams join the organisation"], ["none", "Not scored"]];
    return null;
  }

  function attachControl(r) {
    const options = attachOptions(r.kind);
    if (!options) return "Not scored (applied or previewed only)";
    const id = `attach-${r.id}`;
    const select = el("select", { id, dataset: { import: r.id } });
    fillSelect(select, options, r.attach ?? "auto");
    if (select.value !== (r.attach ?? "auto")) {
      // Attached to a service or team the organisation no longer has (another sample, say): say so, keep it.
      select.append(el("option", { value: r.attach }, `${r.attach} (not in the organisation)`));
      select.value = r.attach;
    }
    select.addEventListener("change", () => {
      app.updateScenario((s) => ({ ...s, imports: s.imports.map((x) => (x.id === r.id ? { ...x, attach: select.value } : x)) }));
      app.importsChanged();
    });
    return [el("label", { htmlFor: id, className: "visually-hidden" }, `Score ${r.name} with`), select];
  }

  function scoredText(r) {
    const u = scored.get(r.id);
    if (!u) return "–";
    const used = u.rows ? `${u.rows.toLocaleString("en")} row${u.rows === 1 ? "" : "s"} in ${u.attached.join(", ")}` : "Nothing scored";
    const text = u.skipped ? `${used}; ${u.skipped.toLocaleString("en")} left out (outside the scored period or unusable)` : used;
    // Why something was not scored (a value series, an SLO without data), without the file name repeated.
    const why = u.notes.map((n) => n.replace(`${r.name}: `, ""));
    return why.length ? `${text}. ${why.join(" ")}` : text;
  }

  function renderImports() {
    const imports = app.scenario().imports;
    $("imports-table").tBodies[0].replaceChildren(
      ...(imports.length
        ? imports.map((r) => {
            const remove = el("button", { type: "button", className: "remove" }, "Remove");
            remove.setAttribute("aria-label", `Remove ${r.name}`);
            remove.addEventListener("click", async () => {
              await deleteDataset(r.id).catch(() => {});
              await app.engine.call("data.drop", { id: r.id }).catch(() => {});
              app.updateScenario((s) => ({ ...s, imports: s.imports.filter((x) => x.id !== r.id) }));
              renderImports();
              app.importsChanged();
            });
            const tr = row([r.name, r.kind, r.rows.toLocaleString("en"), r.importedAt.slice(0, 16).replace("T", " ")]);
            tr.dataset.import = r.id;
            tr.append(el("td", {}, attachControl(r)), el("td", { className: "scored" }, scoredText(r)), el("td", {}, remove));
            return tr;
          })
        : [row(["Nothing imported yet.", "", "", "", "", ""])]),
    );
  }
  document.addEventListener("opscore:scored", (e) => {
    scored = new Map((e.detail?.imports ?? []).map((u) => [u.id, u]));
    for (const tr of $("imports-table").tBodies[0].rows) {
      const r = app.scenario().imports.find((x) => x.id === tr.dataset.import);
      if (r) tr.querySelector(".scored").textContent = scoredText(r);
    }
  });

  function renderReport(file, r) {
    const real = r.errors.filter((e) => !e.warning);
    const rowsWithErrors = new Set(real.filter((e) => e.row !== null).map((e) => e.row)).size;
    const summary = r.kind
      ? `${r.format.toUpperCase()} · ${r.kind}: ${r.kept.toLocaleString("en")} of ${r.total.toLocaleString("en")} kept` +
        (rowsWithErrors ? `; ${rowsWithErrors.toLocaleString("en")} row${rowsWithErrors === 1 ? "" : "s"} with errors left out` : "") +
        (real.length && !rowsWithErrors ? `; ${real.length} problem${real.length === 1 ? "" : "s"}` : "")
      : "Not imported";
    const box = el("section", { className: "report", dataset: { file: file.name, kind: r.kind ?? "", kept: String(r.kept) } }, [
      el("h4", {}, file.name),
      el("p", { className: "summary" }, summary),
    ]);
    for (const note of r.notes ?? []) box.append(el("p", { className: "note" }, note));
    if (r.errors.length) {
      const shown = r.errors.slice(0, MAX_ERRORS_SHOWN);
      const table = el("table", { className: "errors" }, [
        el("caption", {}, `Problems (${r.errors.length.toLocaleString("en")}${r.errors.length > shown.length ? `, first ${shown.length} shown` : ""})`),
        el("thead", {}, el("tr", {}, ["Row", "Line", "Column or path", "Problem"].map((h) => el("th", { scope: "col" }, h)))),
        el(
          "tbody",
          {},
          shown.map((e) =>
            row([e.row === null ? "–" : `Row ${e.row}`, e.line === null ? "–" : String(e.line), e.column || "–", e.warning ? `Warning: ${e.message}` : e.message], {
              className: e.warning ? "warning-row" : undefined,
            }),
          ),
        ),
      ]);
      box.append(el("div", { className: "table-wrap", tabIndex: 0, attrs: { role: "region", "aria-label": `Problems in ${file.name}` } }, table));
    }
    if (r.preview.length) {
      const table = el("table", { className: "preview" }, [
        el("caption", {}, `Preview: the first ${r.preview.length} of ${r.kept.toLocaleString("en")} kept`),
        el("thead", {}, el("tr", {}, r.columns.map((c) => el("th", { scope: "col" }, c)))),
        el("tbody", {}, r.preview.map((cells) => row(cells))),
      ]);
      box.append(el("div", { className: "table-wrap", tabIndex: 0, attrs: { role: "region", "aria-label": `Preview of ${file.name}` } }, table));
    }
    if (r.kind === "scenario") {
      const apply = el("button", { type: "button" }, "Apply this scenario");
      apply.addEventListener("click", () => {
        const { scenario, error } = validateScenario({ ...r.data, imports: app.scenario().imports });
        if (error) app.notify("error", `The scenario file could not be applied: ${error}`);
        else {
          app.replaceScenario(scenario);
          app.notify("info", `Applied the scenario from ${file.name}.`);
        }
      });
      box.append(apply);
    }
    return box;
  }

  async function importFiles(files) {
    const boxes = [];
    for (const file of files) {
      if (file.size > MAX_IMPORT_BYTES) {
        boxes.push(renderReport(file, { format: "file", kind: null, kept: 0, total: 0, columns: [], preview: [], errors: [{ row: null, line: null, column: "", message: `The file is ${(file.size / 1e6).toFixed(0)} MB; the limit is ${MAX_IMPORT_BYTES / 1e6} MB.` }] }));
        continue;
      }
      const text = await file.text();
      let r;
      try {
        r = await app.engine.call("data.parse", { name: file.name, text }, { onProgress: (p) => app.progress(`Reading ${file.name}: ${p.label}`, p.done / p.total) });
      } catch (e) {
        r = { format: "file", kind: null, kept: 0, total: 0, columns: [], preview: [], errors: [{ row: null, line: null, column: e.path ?? "", message: e.message }] };
      } finally {
        app.progress(null);
      }
      boxes.push(renderReport(file, r));
      if (r.kind && r.kind !== "scenario" && r.kept > 0) {
        const ref = { id: newId(), name: file.name, kind: r.kind, format: r.format, rows: r.kept, importedAt: new Date().toISOString(), attach: "auto" };
        try {
          await putDataset({ ...ref, data: r.data });
          app.updateScenario((s) => ({ ...s, imports: [...s.imports, ref] }));
          // Stored already, so the page no longer needs its copy: the buffers move to the worker, not copied.
          await app.engine.call("data.hold", { id: ref.id, data: r.data }, { transfer: transferables(r.data) });
        } catch (e) {
          app.notify("error", `${file.name} was read but could not be stored in this browser: ${e.message}`);
        }
      }
    }
    report.replaceChildren(...boxes);
    renderImports();
    app.importsChanged();
  }

  fileInput.addEventListener("change", () => {
    const files = [...fileInput.files];
    fileInput.value = "";
    if (files.length) importFiles(files);
  });
  zone.addEventListener("dragover", (e) => {
    e.preventDefault();
    zone.classList.add("dragging");
  });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragging");
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) importFiles(files);
  });
  // A file dropped anywhere else must not navigate the page away.
  window.addEventListener("dragover", (e) => e.preventDefault());
  window.addEventListener("drop", (e) => e.preventDefault());

  $("export-scenario").addEventListener("click", () => {
    download("opscore-scenario.json", `${JSON.stringify(scenarioDocument(app.scenario(), app.engineVersion()), null, 2)}\n`, "application/json");
  });
  $("export-results").addEventListener("click", () => download("opscore-results.csv", resultsCsv(app.results()), "text/csv"));
  $("share-link").addEventListener("click", async () => {
    const url = await app.shareUrl();
    const out = $("share-url");
    out.value = url;
    out.focus();
    out.select();
  });
  $("reset-scenario").addEventListener("click", () => {
    app.resetScenario();
    app.notify("info", "The scenario was reset to the default. Imported data is kept.");
  });

  renderImports();
  return {
    onScenario(s) {
      seedSelect.value = s.sample?.seed ?? "";
      renderImports();
    },
    onData: renderImports,
    importFiles,
  };
}
