#!/usr/bin/env bash
# Build the npm package in pkg/: release wasm, wasm-bindgen (--target web), then wasm-opt -Oz (npm's binaryen).
# --converge repeats -Oz until the module stops shrinking; --low-memory-unused lets binaryen fold small constant
# offsets into loads and stores (rustc puts the 1 MB stack first, so the low 1 KB is only reached by a stack
# that has already overflowed). Together they save ~4.3 KB gzipped (measured with scripts/size.sh).
# Skips the bindgen and wasm-opt steps when pkg/ is already newer than the compiled module.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

say "cargo build --release (wasm32)"
cargo build --release --target wasm32-unknown-unknown --lib
RAW="${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/opscore.wasm"

# The organisation document's JSON Schema, generated from the Rust types (tests/schema.rs keeps it current).
cp schema/org.schema.json pkg/org.schema.json

if [ -f pkg/opscore_bg.wasm ] && [ pkg/opscore_bg.wasm -nt "$RAW" ] && [ pkg/opscore.js -nt "$RAW" ]; then
  say "pkg/: up to date"
  exit 0
fi

say "wasm-bindgen --target web -> pkg/"
# Snippets of an earlier build would otherwise stay in pkg/ (and in the npm package) after their Rust code moved.
rm -rf pkg/snippets
# wasm-bindgen writes a package.json of its own (with the repo root's npm dependencies, because src/wasm/glue.js is
# a local JS module); pkg/package.json is ours, so it is kept.
KEEP="$(mktemp)"
cp pkg/package.json "$KEEP"
wasm-bindgen --target web --out-dir pkg --out-name opscore "$RAW"
cat "$KEEP" > pkg/package.json && rm -f "$KEEP"

WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
if [ -x "$WASM_OPT" ]; then
  say "wasm-opt -Oz (binaryen $("$WASM_OPT" --version | awk '{print $3}'))"
  "$WASM_OPT" -Oz --converge --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-reference-types --enable-multivalue --enable-mutable-globals \
    pkg/opscore_bg.wasm -o pkg/opscore_bg.wasm.opt
  mv pkg/opscore_bg.wasm.opt pkg/opscore_bg.wasm
else
  say "wasm-opt not found (run npm ci): the module is left unoptimised"
fi
touch pkg/opscore.js pkg/opscore_bg.wasm
