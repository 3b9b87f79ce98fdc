// Shared helpers for browser tests: a static file server on loopback, and Debian's Chromium driven by
// playwright-core (which downloads no browser of its own).
import { after, before } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdir, readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

/** Serve `dir` on 127.0.0.1 at a free port. Returns { url, close }. */
export async function serve(dir) {
  const base = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) throw new Error("outside root");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Launch Debian's Chromium headless. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROME_BIN ?? "/usr/bin/chromium",
    headless: true,
    args: ARGS,
  });
}

/** A new page that records console errors, page errors and requests leaving `origin`. */
export async function watchedPage(browser, origin, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = { console: [], foreign: [] };
  page.on("console", (m) => {
    if (m.type() === "error") problems.console.push(m.text());
  });
  page.on("pageerror", (e) => problems.console.push(`pageerror: ${e.message}`));
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("data:") && !u.startsWith("blob:")) problems.foreign.push(u);
  });
  return { page, problems, context };
}

/** Where the end-to-end tests write screenshots (CI keeps this folder). */
export const SHOTS = join(ROOT, "test-results", "screenshots");

/**
 * For a test file of the planning tool: serve `www/dist` and launch Chromium once for the file (node:test's
 * before/after). `app.server` and `app.browser` are set once it has started.
 */
export function plannerApp() {
  const app = { server: null, browser: null };
  before(async () => {
    app.server = await serve(join(ROOT, "www", "dist"));
    app.browser = await launch();
    await mkdir(SHOTS, { recursive: true });
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}

/** A page's end: no console errors, no request beyond its own origin; then its context is closed. */
export async function assertClean(w) {
  assert.deepEqual(w.problems.console, [], "console errors");
  assert.deepEqual(w.problems.foreign, [], "requests beyond the page's own origin");
  await w.context.close();
}
