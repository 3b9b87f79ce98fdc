// A webpack 5 user's code: the package imported by name.
import init, { allowedDowntime } from "opscore";

await init();
const t = allowedDowntime({ target: 0.99 });
document.getElementById("out").textContent = JSON.stringify({ day: t.day.allowedSeconds });
