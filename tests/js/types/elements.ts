// tsc --strict over the elements entry point, as a portal's TypeScript would use it.
import { defineElements, formatDuration, OpscoreDowntime } from "opscore/elements";

defineElements();
const el: OpscoreDowntime = document.createElement("opscore-downtime");
el.setAttribute("target", "0.9995");
el.addEventListener("opscore-change", (e) => {
  const control: string = e.detail.control;
  console.log(control, e.detail.value, el.target, formatDuration(86.4));
});
el.document = { target: 0.999 };
void el.refresh();

const sc = document.createElement("opscore-scorecard");
sc.addEventListener("opscore-select", (e) => {
  const kind: "service" | "resource" | "team" = e.detail.kind;
  console.log(kind, e.detail.id);
});
const b = document.createElement("opscore-budget");
const r = document.createElement("opscore-runway");
document.body.append(sc, b, r);
