#!/usr/bin/env bash
# Print opscore's wasm size beside the per-module wasm files of @bsull/augurs (a dev dependency), raw and
# gzipped (gzip -9), in bytes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
row() { printf '%-28s %9d %9d\n' "$1" "$(wc -c < "$2")" "$(gzip -9 -c "$2" | wc -c)"; }
printf '%-28s %9s %9s\n' module raw gzipped
row "opscore (all engines)" "$ROOT/pkg/opscore_bg.wasm"
for f in "$ROOT"/node_modules/@bsull/augurs/*_bg.wasm; do
  row "augurs $(basename "$f" _bg.wasm)" "$f"
done
