#!/usr/bin/env bash
# Run the benchmarks and print their numbers: criterion natively (benches/*.rs), then the wasm build in Node
# (bench/*.mjs, which import the package exactly as users do). Not part of the test command: numbers on a shared
# 2-core machine vary, so no test ever asserts on time. Pass a name to run one domain: scripts/bench.sh sla
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"
setup_build
bash scripts/build.sh
only="${1:-}"
for b in benches/*.rs; do
  name="$(basename "$b" .rs)"
  [ -n "$only" ] && [ "$name" != "$only" ] && continue
  say "native: cargo bench --bench $name"
  cargo bench --bench "$name" -- --warm-up-time 1 --measurement-time 3
done
for b in bench/*.mjs; do
  [ -e "$b" ] || continue
  name="$(basename "$b" .mjs)"
  [ -n "$only" ] && [ "$name" != "$only" ] && continue
  say "wasm in Node $(node --version): node $b"
  node "$b"
done
