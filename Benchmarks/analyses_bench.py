#!/usr/bin/env python3
"""The analyses' figures (the issue "The questions analysts ask of a relationship"),
each beside pandas on the same file, measured in the same run:

- in-process (diplograph-bench measure-analyses): the busiest dyad's monthly trend over
  the whole file (ten years), the last year's dyad ranking, with the year before
  compared, and a timeline read with and without --known-at;
- pandas on the frame of the columns those questions read (loaded once, not timed):
  the dyad's rows grouped by month (counts, QuadClass, Goldstein, distinct URLs), the
  year's rows grouped by sorted country pair, and the two years merged;
- from a fresh process, process start included, against a store when one is given
  (`--store`): trend, dyads and contacts.

Usage: analyses_bench.py --file GDELT_FILE [--store STORE]
"""
import json
import os
import subprocess
import sys
import textwrap

import store_bench

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, ".build", "release", "diplograph-bench")
CLI = os.path.join(ROOT, ".build", "release", "diplograph")
LAST_DAY = 20_269  # the generator's last day, 2025-06-30

PANDAS = """
import json, sys, time
import pandas as pd
path, first, second, year_start, year_end, before_start = sys.argv[1], sys.argv[2], sys.argv[3], *map(int, sys.argv[4:7])
df = pd.read_csv(path, sep="\\t", header=None, usecols=[1, 7, 17, 29, 30, 60], dtype={7: str, 17: str, 60: str})
df.columns = ["day", "a", "b", "quad", "goldstein", "url"]
def median(fn, n=5):
    times = []
    for _ in range(n):
        t = time.perf_counter(); result = fn(); times.append(time.perf_counter() - t)
    return sorted(times)[n // 2], result
def trend():
    hit = df[((df.a == first) & (df.b == second)) | ((df.a == second) & (df.b == first))]
    month = hit.day // 100
    grouped = hit.groupby(month)
    return grouped.agg(events=("day", "size"), tone_sum=("goldstein", "sum"), tone_mean=("goldstein", "mean"),
                       sources=("url", "nunique")).join(pd.crosstab(month, hit.quad))
def ranking(start, end):
    year = df[(df.day >= start) & (df.day <= end) & df.a.notna() & df.b.notna() & (df.a != df.b)]
    low = year.a.where(year.a < year.b, year.b)
    high = year.b.where(year.a < year.b, year.a)
    return year.groupby([low, high]).goldstein.agg(["size", "sum", "mean"])
seconds, frame = median(trend, 9)
print(json.dumps({"workload": "trend", "milliseconds": seconds * 1e3, "months": len(frame), "rows": int(frame.events.sum())}))
seconds, ranked = median(lambda: ranking(year_start, year_end).nlargest(20, "size"))
print(json.dumps({"workload": "dyads", "milliseconds": seconds * 1e3}))
def compare():
    now, before = ranking(year_start, year_end), ranking(before_start, year_start - 1)
    merged = now.join(before, how="outer", lsuffix="_now", rsuffix="_before").fillna(0)
    merged["change"] = merged["sum_now"] - merged["sum_before"]
    return merged.reindex(merged.change.abs().sort_values(ascending=False).index).head(20)
seconds, _ = median(compare)
print(json.dumps({"workload": "dyads-compare", "milliseconds": seconds * 1e3}))
"""


def yyyymmdd(days):
    import datetime
    return int((datetime.date(1970, 1, 1) + datetime.timedelta(days=days)).strftime("%Y%m%d"))


def run(path, store=None):
    ours = {r["workload"]: r for r in map(json.loads, subprocess.run([BENCH, "measure-analyses", "--file", path],
                                                                     check=True, capture_output=True, text=True).stdout.splitlines())}
    first, second = ours["trend-dyad-monthly"]["pair"].upper().split(",")
    pandas = {}
    result = subprocess.run([sys.executable, "-c", textwrap.dedent(PANDAS), path, first, second,
                             *map(str, [yyyymmdd(LAST_DAY - 364), yyyymmdd(LAST_DAY), yyyymmdd(LAST_DAY - 729)])],
                            capture_output=True, text=True)
    if result.returncode == 0:
        pandas = {r["workload"]: r for r in map(json.loads, (l for l in result.stdout.splitlines() if l.startswith("{")))}
    else:
        print(f"pandas failed: {result.stderr[-400:]}", file=sys.stderr)

    store_bench.header(f"analyses, in-process ({os.path.basename(path)})")
    trend = ours["trend-dyad-monthly"]["milliseconds"]
    anchor = pandas.get("trend", {}).get("milliseconds")
    store_bench.row(f"monthly trend of {first}–{second}, 10 years (ms)", trend, anchor, "≤ 5 ms; ≥ 50× pandas groupby",
                    trend <= 5 and (anchor is None or anchor / trend >= 50))
    ranking = ours["dyads-year"]["milliseconds"]
    store_bench.row("a year's dyad ranking (ms)", ranking, pandas.get("dyads", {}).get("milliseconds"), "≤ 100 ms", ranking <= 100)
    compared = ours["dyads-year-compare"]["milliseconds"]
    store_bench.row("  with --compare the year before (ms)", compared, pandas.get("dyads-compare", {}).get("milliseconds"),
                    "≤ 200 ms", compared <= 200)
    known = ours["timeline-known-at"]
    store_bench.row(f"--known-at over a timeline read whole (×, {known['events']} events)", known["ratio"], None, "≤ 2×",
                    known["ratio"] <= 2)
    if anchor:
        print(f"(pandas: {pandas['trend']['rows']} rows of the dyad in {pandas['trend']['months']} months; "
              f"Diplograph: {ours['trend-dyad-monthly']['events']} events after same-day merging)")
    if store and os.path.exists(store):
        pair = f"{first.lower()},{second.lower()}"
        year = [store_bench.day(LAST_DAY - 364), store_bench.day(LAST_DAY)]
        store_bench.header(f"analyses, fresh process, store {os.path.basename(store)}")
        for label, command in [
            (f"trend --pair {pair} (s)", ["trend", "--pair", pair, "--format", "csv"]),
            ("dyads, the last year (s)", ["dyads", "--from", year[0], "--to", year[1]]),
            ("dyads --compare the year before (s)", ["dyads", "--from", year[0], "--to", year[1], "--compare",
                                                      f"{store_bench.day(LAST_DAY - 729)}..{store_bench.day(LAST_DAY - 365)}"]),
            (f"contacts --pair {pair} (s)", ["contacts", "--pair", pair]),
        ]:
            seconds = store_bench.median_wall([CLI, *command, "--store", store], 3)
            store_bench.row(label, seconds, None, "≤ 0.1 s", seconds is not None and seconds <= 0.1)


if __name__ == "__main__":
    run(sys.argv[sys.argv.index("--file") + 1], sys.argv[sys.argv.index("--store") + 1] if "--store" in sys.argv else None)
