#!/usr/bin/env bash
# Inspect what `npm pack` would publish from pkg/: the expected files, and no source maps, tests or sources.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT/pkg"
files=$(npm pack --dry-run --json 2>/dev/null | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    for (const f of JSON.parse(s)[0].files) console.log(f.path);
  });')
echo "npm pack would publish:"; echo "$files" | sed 's/^/  /'
for want in package.json README.md LICENSE opscore.js opscore.d.ts opscore_bg.wasm node.js elements.js elements.d.ts org.schema.json; do
  echo "$files" | grep -qx "$want" || { echo "FAIL: $want is missing from the package" >&2; exit 1; }
done
if echo "$files" | grep -E '\.map$|\.rs$|(^|/)tests?/|\.test\.' >/dev/null; then
  echo "FAIL: source maps, sources or tests would be published" >&2
  exit 1
fi
