#!/usr/bin/env bash
# Install whatever is missing, build the engine, and serve the planning tool on http://127.0.0.1:5173/.
# Default: a production build served by `vite preview`. With --dev: Vite's dev server with hot reload.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

setup_build
bash scripts/build.sh
if [ "${1:-}" = "--dev" ]; then
  say "serving the planning tool (dev server); press Ctrl-C to stop"
  exec npx --no-install vite
fi
say "building the planning tool (www/ -> www/dist)"
npx --no-install vite build --logLevel warn
say "serving the planning tool; open the address below, press Ctrl-C to stop"
exec npx --no-install vite preview
