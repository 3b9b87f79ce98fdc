"""Real public series shipped inside PyPI packages (pmdarima, statsmodels), split into train and test.

Writes a JSON list of {name, freq, step, periods, h, train, test} to the path given as argv[1].
Monthly: h = 18; quarterly: h = 8; half-hourly (taylor): h = 336 (one week).
"""
import json
import sys

import numpy as np
import statsmodels.api as sm
from pmdarima import datasets as pm

MONTH = 30.4375 * 86400
QUARTER = 3 * MONTH


def entry(name, values, freq, step, periods, h):
    y = np.asarray(values, dtype=float)
    y = [float(v) for v in y[~np.isnan(y)]]  # ausbeer ends with a missing quarter
    return {"name": name, "freq": freq, "step": step, "periods": periods, "h": h, "train": y[:-h], "test": y[-h:]}


def main(out):
    series = []
    # Monthly.
    series.append(entry("airpassengers", pm.load_airpassengers(), "monthly", MONTH, [12], 18))
    series.append(entry("wineind", pm.load_wineind(), "monthly", MONTH, [12], 18))
    co2 = sm.datasets.co2.load_pandas().data["co2"].resample("MS").mean().dropna()
    series.append(entry("co2", co2.values, "monthly", MONTH, [12], 18))
    el = sm.datasets.elnino.load_pandas().data.drop(columns=["YEAR"]).values.reshape(-1)
    series.append(entry("elnino", el, "monthly", MONTH, [12], 18))
    # Quarterly.
    series.append(entry("ausbeer", pm.load_ausbeer(), "quarterly", QUARTER, [4], 8))
    series.append(entry("woolyrnq", pm.load_woolyrnq(), "quarterly", QUARTER, [4], 8))
    series.append(entry("austres", pm.load_austres(), "quarterly", QUARTER, [4], 8))
    macro = sm.datasets.macrodata.load_pandas().data
    for col in ["realgdp", "realcons", "realinv", "cpi", "m1", "unemp"]:
        series.append(entry(f"macro_{col}", macro[col].values, "quarterly", QUARTER, [4], 8))
    # Half-hourly electricity demand (England and Wales, 12 weeks from June 2000).
    series.append(entry("taylor", pm.load_taylor(), "half-hourly", 1800, [48, 336], 336))
    with open(out, "w") as f:
        json.dump(series, f)
    print(f"{len(series)} series -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
