#!/usr/bin/env python3
"""Diplograph's in-memory figures from two builds of diplograph-bench, measured in one
run: `measure` (load, timelines, snapshot, diffs, relation graph) and `measure-jsonl`
(the native JSON-lines load, in a process of its own) alternate between the two
binaries, round after round, so that a slow spell of the machine falls on both; the
table gives each figure's median and the ratio after/before.

    python3 Benchmarks/compare.py BEFORE AFTER [--file GDELT.export.CSV] [--rounds 5]

`make bench-compare BEFORE=path/to/diplograph-bench` runs it against this tree's
release build on the bench's million-row file.
"""
import json
import os
import statistics
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIGURES = [  # workload, field, label, unit factor
    ("load", "seconds", "load + index 1M GDELT rows (s)", 1),
    ("load", "peak_mb", "peak memory after the load (MB)", 1),
    ("timeline-busiest", "microseconds", "busiest actor's timeline, 1 year (µs)", 1),
    ("timeline-typical", "microseconds", "typical actor's timeline, 1 year (µs)", 1),
    ("snapshot-90d", "milliseconds", "snapshot, 90-day window (ms)", 1),
    ("diff-5y", "milliseconds", "diff, 5 years apart (ms)", 1),
    ("diff-5y-read", "milliseconds", "  the same, every change read (ms)", 1),
    ("diff-1m", "milliseconds", "diff, 1 month apart (ms)", 1),
    ("diff-1m-read", "milliseconds", "  the same, every change read (ms)", 1),
    ("relation-graph", "seconds", "relation graph of 1M events (s)", 1),
    ("jsonl-load", "seconds", "native JSON lines, same events (s)", 1),
]


def records(command):
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return {r["workload"]: r for r in map(json.loads, (line for line in output.splitlines() if line.startswith("{")))}


def measure(binary, path):
    result = records([binary, "measure", "--file", path, "--skip-jsonl"])
    result.update(records([binary, "measure-jsonl", "--file", path + ".native.jsonl"]))
    return result


def main():
    arguments = sys.argv[1:]
    def option(name, default):
        if name in arguments:
            index = arguments.index(name)
            value = arguments[index + 1]
            del arguments[index:index + 2]
            return value
        return default
    path = option("--file", os.path.join(ROOT, ".build-bench", "gdelt-1000000.export.CSV"))
    rounds = int(option("--rounds", "5"))
    before, after = arguments[:2]
    if not os.path.exists(path + ".native.jsonl"):
        subprocess.run([after, "measure", "--file", path], check=True, capture_output=True)
    runs = {"before": [], "after": []}
    for round_number in range(rounds):
        # Alternate which goes first, too.
        order = [("before", before), ("after", after)] if round_number % 2 == 0 else [("after", after), ("before", before)]
        for name, binary in order:
            runs[name].append(measure(binary, path))
        print(f"round {round_number + 1} of {rounds} done", file=sys.stderr)
    print(f"{'figure (median of ' + str(rounds) + ' runs each, alternating)':46} {'before':>10} {'after':>10} {'after/before':>13}")
    print("-" * 82)
    for workload, field, label, _ in FIGURES:
        values = {name: [run[workload][field] for run in results if workload in run] for name, results in runs.items()}
        if not values["before"] or not values["after"]:
            continue
        old, new = statistics.median(values["before"]), statistics.median(values["after"])
        print(f"{label:46} {old:10.4g} {new:10.4g} {new / old:12.2f}×")
    print("every run, before → after:")
    for workload, field, label, _ in FIGURES[:1] + FIGURES[-1:]:
        print(f"  {label.strip()}: " + " ".join(f"{run[workload][field]:.3g}" for run in runs["before"])
              + " → " + " ".join(f"{run[workload][field]:.3g}" for run in runs["after"]))


main()
