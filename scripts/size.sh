#!/usr/bin/env bash
# Print the size of pkg/opscore_bg.wasm, raw and gzipped, and fail when the gzipped size is over the budget in
# size-budget.txt (bytes).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM="$ROOT/pkg/opscore_bg.wasm"
BUDGET="$(grep -Eo '^[0-9]+' "$ROOT/size-budget.txt" | head -n1)"
raw=$(wc -c < "$WASM")
gz=$(gzip -9 -c "$WASM" | wc -c)
awk -v r="$raw" -v g="$gz" -v b="$BUDGET" 'BEGIN {
  printf "wasm size: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB); budget %d bytes gzipped (%.1f KB)\n",
    r, r / 1024, g, g / 1024, b, b / 1024 }'
if [ "$gz" -gt "$BUDGET" ]; then
  echo "FAIL: the gzipped wasm is over its budget" >&2
  exit 1
fi
