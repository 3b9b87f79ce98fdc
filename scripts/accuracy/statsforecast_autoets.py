"""statsforecast AutoETS on each series (season_length = the shortest period), with 80% and 95% intervals.

Reads the dataset JSON (argv[1]) and writes {name: {mean, lo80, hi80, lo95, hi95, model, seconds}} to argv[2].
"""
import json
import sys
import time

import numpy as np
from statsforecast.models import AutoETS


def main(src, out):
    data = json.load(open(src))
    res = {}
    # Warm up numba's JIT so compile time is not charged to the first series.
    AutoETS(season_length=4).forecast(y=np.arange(1.0, 41.0), h=2, level=[80, 95])
    for s in data:
        y = np.asarray(s["train"], dtype=float)
        t0 = time.perf_counter()
        m = AutoETS(season_length=s["periods"][0])
        f = m.forecast(y=y, h=s["h"], level=[80, 95], fitted=False)
        sec = time.perf_counter() - t0
        res[s["name"]] = {
            "mean": f["mean"].tolist(),
            "lo80": f["lo-80"].tolist(),
            "hi80": f["hi-80"].tolist(),
            "lo95": f["lo-95"].tolist(),
            "hi95": f["hi-95"].tolist(),
            "seconds": sec,
        }
        print(f"{s['name']}: {sec*1000:.0f} ms", file=sys.stderr)
    json.dump(res, open(out, "w"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
