// The npm package exactly as a user imports it in Node (ESM). Node-only (it reads pkg/package.json); the
// portable tests, which also run in Chromium, are the *.test.mjs files without ".node".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import init, { version } from "opscore";

test("Node import needs no explicit init, and calling init anyway is harmless", async () => {
  await init();
  assert.equal(version(), JSON.parse(readFileSync(new URL("../../pkg/package.json", import.meta.url))).version);
});
