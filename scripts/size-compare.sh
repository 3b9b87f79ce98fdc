#!/usr/bin/env bash
# Compare the release profile's opt-level "z" (what Cargo.toml uses) with "s": both built, bound and wasm-opt'ed
# the same way as scripts/build.sh, in a scratch target dir. Prints raw and gzipped sizes for each.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
out="$(mktemp -d)"
for level in z s; do
  CARGO_PROFILE_RELEASE_OPT_LEVEL=$level CARGO_TARGET_DIR="$ROOT/target/size-$level" \
    cargo build -q --release --target wasm32-unknown-unknown --lib
  wasm-bindgen --target web --out-dir "$out/$level" --out-name opscore \
    "$ROOT/target/size-$level/wasm32-unknown-unknown/release/opscore.wasm"
  "$ROOT/node_modules/.bin/wasm-opt" -Oz --converge --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    "$out/$level/opscore_bg.wasm" -o "$out/$level/opt.wasm"
  raw=$(wc -c < "$out/$level/opt.wasm"); gz=$(gzip -9 -c "$out/$level/opt.wasm" | wc -c)
  echo "opt-level $level: $raw bytes raw, $gz bytes gzipped"
done
rm -rf "$out"
