// The npm package in a module Web Worker, and bundled by webpack 5, each loaded in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, launch, serve, watchedPage } from "./lib.mjs";

async function readOut(dir, path) {
  const server = await serve(dir);
  const browser = await launch();
  try {
    const { page, problems } = await watchedPage(browser, server.url);
    await page.goto(`${server.url}${path}`);
    await page.waitForFunction(() => document.getElementById("out").textContent.startsWith("{"));
    const out = JSON.parse(await page.textContent("#out"));
    assert.deepEqual(problems.console, []);
    assert.deepEqual(problems.foreign, []);
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

test("the package runs inside a module Web Worker", async () => {
  const out = await readOut(ROOT, "/tests/e2e/fixtures/worker/index.html");
  // 86 400 s × 0.001 = 86.4 s.
  assert.ok(Math.abs(out.day - 86.4) < 1e-9);
  assert.deepEqual(out.error, { isError: true, code: "out_of_range", path: "target" });
});

test("webpack 5 bundles the package and the bundle runs", async () => {
  const app = join(ROOT, "tests", "e2e", "webpack-app");
  execFileSync(join(ROOT, "node_modules", ".bin", "webpack"), ["--config", join(app, "webpack.config.mjs")], {
    cwd: ROOT,
    stdio: "pipe",
  });
  copyFileSync(join(app, "index.html"), join(app, "dist", "index.html"));
  const out = await readOut(join(app, "dist"), "/index.html");
  // 86 400 s × 0.01 = 864 s.
  assert.ok(Math.abs(out.day - 864) < 1e-9);
});
