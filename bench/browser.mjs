// Shared by the benchmarks that drive the built planning tool in headless Chromium.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "../tests/e2e/lib.mjs";

/** The built planning tool (www/dist); exits with a hint when it has not been built. */
export function builtDist() {
  const dist = join(ROOT, "www", "dist");
  if (!existsSync(join(dist, "index.html"))) {
    console.error("www/dist is missing: run `npx vite build` (after scripts/build.sh) first.");
    process.exit(1);
  }
  return dist;
}

/** The nearest-rank `q` quantile of `xs`. */
export function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
