#!/usr/bin/env bash
# Install whatever is missing, then run every test: formatting, lints (host and wasm32), native tests, wasm
# boundary tests in Node and Chromium, the package build and size budget, JS tests of pkg/ and its types, and
# end-to-end tests of the planning tool. Runs every stage, then prints a summary; exits non-zero if any failed.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
set +e
cd "$ROOT"

setup_build || exit 1
setup_browser || exit 1
export WASM_BINDGEN_TEST_TIMEOUT=120

passed=()
failed=()
stage() {
  local name="$1"
  shift
  say "[$name] $*"
  local t0=$SECONDS
  if "$@"; then
    passed+=("$name")
    say "[$name] ok ($((SECONDS - t0)) s)"
  else
    failed+=("$name")
    printf '\033[1;31m==> [%s] FAILED (%d s)\033[0m\n' "$name" "$((SECONDS - t0))"
  fi
}

# The boundary tests in headless Chromium. Until 2026-11-22 about one run in three or four hung: the page requested
# the six inline JS snippets at once, and the test runner's small HTTP server left two of the six requests
# unanswered (seen in chromedriver's network log), so the page never loaded and no test ran. The JS functions now
# live in one module (src/wasm/glue.js): 20 runs in a row passed, where 5 of 12 had hung earlier the same day. As a
# guard, each attempt is still capped at 150 s (the tests take seconds), and an attempt in which no test ran is
# tried once more; a test that ran and failed is never retried.
wasm_chromium() {
  local log rc attempt
  log="$(mktemp)"
  for attempt in 1 2; do
    timeout 150 cargo test --target wasm32-unknown-unknown --test web_browser --locked 2>&1 | tee "$log"
    rc=${PIPESTATUS[0]}
    if [ "$rc" -eq 0 ] || { [ "$rc" -ne 124 ] && ! grep -q "Failed to detect test as having been run" "$log"; }; then
      break
    fi
    # The hung runner, its chromedriver and their headless Chromium (started for this stage only).
    pkill -f "wasm-bindgen-test-runner .*web_browser" 2>/dev/null
    pkill -f "chromedriver --port" 2>/dev/null
    pkill -f "chromium.*--headless" 2>/dev/null
    sleep 1
    [ "$attempt" -eq 1 ] && say "[wasm-chromium] the browser never ran the tests (a renderer hang); trying once more"
  done
  rm -f "$log"
  return "$rc"
}

stage fmt cargo fmt --check
stage clippy-host cargo clippy --all-targets --all-features --locked -- -D warnings
stage clippy-wasm cargo clippy --target wasm32-unknown-unknown --lib --test web --test web_browser --locked -- -D warnings
stage native-tests cargo test --locked
stage json-schema cargo test --features schema --test schema --locked
stage wasm-node cargo test --target wasm32-unknown-unknown --test web --locked
stage wasm-chromium wasm_chromium
stage build-pkg bash scripts/build.sh
stage wasm-size bash scripts/size.sh
stage js-node node --test tests/js/
stage types npx --no-install tsc -p tests/js/tsconfig.json
stage npm-pack bash scripts/pack-check.sh
stage vite-build npx --no-install vite build --logLevel warn
stage browser-e2e node --test tests/e2e/

echo
echo "stages passed: ${passed[*]:-none}"
[ ${#failed[@]} -gt 0 ] && echo "stages FAILED: ${failed[*]}"
echo "test stages: ${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
