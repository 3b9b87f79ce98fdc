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
