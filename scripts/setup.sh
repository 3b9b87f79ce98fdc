#!/usr/bin/env bash
# Idempotent set-up, sourced by serve.sh and test.sh. Each step checks first and skips what is already there.
#   setup_build   the wasm32 target, wasm-bindgen-cli at the Cargo.lock version, npm packages
#   setup_browser Debian's chromium and chromium-driver (tests only)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

wasm_bindgen_version() {
  # The exact wasm-bindgen version pinned in Cargo.lock: the CLI must match it.
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

setup_rust() {
  command -v cargo >/dev/null || { echo "cargo is missing: install Rust with rustup first" >&2; exit 1; }
  if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "wasm32 target: present"
  else
    say "wasm32 target: installing"
    rustup target add wasm32-unknown-unknown
  fi
  local want have
  want="$(wasm_bindgen_version)"
  have="$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)"
  if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null; then
    say "wasm-bindgen-cli $want: present"
  else
    say "wasm-bindgen-cli $want: installing (about 2-3 minutes; not --locked, see shared/TOOLCHAIN.md)"
    cargo install wasm-bindgen-cli --version "$want"
  fi
}

setup_npm() {
  cd "$ROOT"
  # npm ci when node_modules is missing or older than the lockfile.
  if [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    say "npm packages: present"
  else
    say "npm packages: installing"
    npm ci --no-audit --no-fund
  fi
}

setup_build() {
  setup_rust
  setup_npm
}

setup_browser() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium and chromedriver: present"
  else
    say "chromium and chromedriver: installing from Debian (about 30 s)"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
  export CHROMEDRIVER=/usr/bin/chromedriver
  export CHROME_BIN=/usr/bin/chromium
}
