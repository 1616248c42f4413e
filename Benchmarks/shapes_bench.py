"""The million-row load on files shaped as real GDELT files are, and the speed at which
a long timeline is written. Part of `make bench` (see bench.py).

Shapes (`diplograph-bench generate --shape`): `classic`, the bench's file since the
first round (23 event codes, four rows per article of about 58 bytes, one DATEADDED);
`real`, shaped by the real 15-minute file in ../shared/data/gdelt (its event codes'
frequencies and every other CAMEO code rarely, rows per article and address lengths
drawn from it, a DATEADDED per 15-minute slot across the span); `url-per-row`, the same
with one article per row, the worst case for interning addresses. Each tool loads each
file LOAD_RUNS times in fresh processes, one tool after the other in each round; the
median counts.
"""
import json, os, subprocess, sys, time

SHARED = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "shared", "data", "gdelt")


def run(bench, cli, work, classic_path, rows, loaders, run_baseline, load_runs):
    """`loaders`: name → (code, *args after the path) of the baselines' load code."""
    like = os.path.join(SHARED, "20191024143000.export.CSV")
    if not os.path.exists(like):
        print("\nshapes: ../shared/data/gdelt is absent: the real and url-per-row shapes are not measured")
        return
    paths = {"classic": classic_path}
    for shape in ("real", "url-per-row"):
        path = os.path.join(work, f"gdelt-{rows}-{shape}.export.CSV")
        if not os.path.exists(path):
            print(f"generating {rows:,} rows shaped '{shape}' …", file=sys.stderr)
            subprocess.run([bench, "generate", "--rows", str(rows), "--shape", shape, "--like", like,
                            "--cameo", os.path.join(SHARED, "CAMEO.eventcodes.txt"), "--output", path],
                           check=True, capture_output=True)
        paths[shape] = path
    results = {}
    for shape, path in paths.items():
        figures = {"Diplograph": []}
        for _ in range(load_runs):
            line = subprocess.run([bench, "measure", "--file", path, "--skip-jsonl", "--load-only"], check=True,
                                  capture_output=True, text=True).stdout.splitlines()[0]
            load = json.loads(line)
            figures["Diplograph"].append((load["seconds"], load["peak_mb"]))
            for name, (code, *args) in loaders.items():
                result = run_baseline(name, code, path, *args, load_only=True)
                if "load" in result:
                    figures.setdefault(name, []).append((result["load"]["seconds"], result["load"]["peak_mb"]))
        results[shape] = {name: (sorted(v[0] for v in values)[len(values) // 2], max(v[1] for v in values))
                          for name, values in figures.items()}
    names = list(loaders)
    print()
    header = f"{'load + index, by shape of the file':36} {'Diplograph':>11} " + " ".join(f"{n:>10}" for n in names) \
        + f" {'best/ours':>9}  target"
    print(header)
    print("-" * len(header))
    for shape, figures in results.items():
        mine, peak = figures["Diplograph"]
        others = [figures.get(n, (None, None))[0] for n in names]
        known = [o for o in others if o is not None]
        ratio = f"{min(known) / mine:>8.1f}×" if known else f"{'—':>9}"
        cells = " ".join(f"{o:>10.3g}" if o is not None else f"{'—':>10}" for o in others)
        verdict = "met" if mine <= 1.0 and all(o is None or mine < o for o in others[1:]) else "NOT met"
        print(f"{'  ' + shape + ' (s)':36} {mine:>11.3g} {cells} {ratio}  ≤ 1 s, faster than DuckDB and Raphtory  {verdict}")
        peaks = " ".join(f"{figures.get(n, (None, None))[1]:>10.0f}" if n in figures else f"{'—':>10}" for n in names)
        print(f"{'  ' + shape + ' peak (MB)':36} {peak:>11.0f} {peaks} {'':>9}  ≤ 500 MB  {'met' if peak <= 500 else 'NOT met'}")
    print(f"(medians of {load_runs} loads in fresh processes; peak: the largest of them)")
    output_speed(bench, paths["real"])


def output_speed(bench, path):
    """One actor's whole timeline written to /dev/null in each format, in one process
    after one load (`diplograph-bench measure-output`: the median of five writes), as
    `timeline` writes it. (Timing two commands and subtracting the load varied by 2×
    on this shared machine.)"""
    results = [json.loads(line) for line in subprocess.run([bench, "measure-output", "--file", path, "--actor", "usa"],
                                                           check=True, capture_output=True, text=True).stdout.splitlines()]
    made = next(r for r in results if r["workload"] == "output-events-made")
    results = [r for r in results if r is not made]
    print()
    print(f"{'timeline --actor usa, written to /dev/null':44} {'bytes':>8} {'seconds':>8} {'MB/s':>7}  target")
    for result in results:
        format = result["workload"].removeprefix("output-")
        speed = result["megabytes_per_second"]
        target = "≥ 150 MB/s" if format in ("json", "csv") else "(no target)"
        verdict = "" if format not in ("json", "csv") else ("  met" if speed >= 150 else "  NOT met")
        print(f"{'  ' + format:44} {result['bytes'] / 1e6:>7.0f}M {result['seconds']:>8.2f} {speed:>7.0f}  {target}{verdict}")
    print(f"({results[0]['events']:,} events; the median of five writes each; making the events alone, "
          f"writing nothing: {made['seconds']:.2f} s)")
