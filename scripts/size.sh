#!/usr/bin/env bash
# Print the size of pkg/opscore_bg.wasm, raw and gzipped; fail when the gzipped size is over the enforced ceiling
# (line 1 of size-budget.txt), and report how far it is from the target (line 2).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WASM="$ROOT/pkg/opscore_bg.wasm"
CEILING="$(grep -Eo '^[0-9]+' "$ROOT/size-budget.txt" | sed -n 1p)"
TARGET="$(grep -Eo '^[0-9]+' "$ROOT/size-budget.txt" | sed -n 2p)"
raw=$(wc -c < "$WASM")
gz=$(gzip -9 -c "$WASM" | wc -c)
awk -v r="$raw" -v g="$gz" -v c="$CEILING" -v t="$TARGET" 'BEGIN {
  printf "wasm size: %d bytes raw (%.1f KB), %d bytes gzipped (%.1f KB)\n", r, r / 1024, g, g / 1024
  printf "enforced ceiling: %d bytes gzipped (%.1f KB)\n", c, c / 1024
  if (g <= t) printf "target %.1f KB gzipped: met\n", t / 1024
  else printf "target %.1f KB gzipped: NOT met, over by %.1f KB\n", t / 1024, (g - t) / 1024 }'
if [ "$gz" -gt "$CEILING" ]; then
  echo "FAIL: the gzipped wasm grew past its enforced ceiling" >&2
  exit 1
fi
