#!/usr/bin/env python3
"""`sync gdelt`'s figures (the issue "Follow GDELT as it publishes"), on a GDELT mirror
on loopback (Scripts/gdelt-mirror.py):

- one day of files (96 files of 2,000 generated rows, their event days shaped as in a
  real GDELT file: mostly that day, a few a week, a month or a year before) synced
  into a copy of the 1 M-row store, end to end, against the anchor of ingesting the
  same 96 unzipped files by hand into another copy (what the sync adds: the list,
  downloads, MD5s, unzipping); and the same with events spread over the year before,
  the worst case for the store's indices;
- a sync with nothing new, from lastupdate.txt (a cron run between publications) and
  from the master list with --since.

Run by `make bench` after the store's figures, and alone by `make bench-sync`.
"""
import os
import shutil
import statistics
import subprocess
import sys
import zipfile

import store_bench
from store_bench import CLI, BENCH, WORK, header, median_wall, row, wall

SCRIPT = os.path.join(os.path.dirname(store_bench.ROOT), os.path.basename(store_bench.ROOT), "Scripts", "gdelt-mirror.py")
FILES, ROWS_PER_FILE = 96, 2_000
NEWS_DAY = 20_270  # 2025-07-01, the day after the 1 M-row file's last


def copy_store(source, name):
    target = store_bench.new_store(name)
    # The source's writer has exited: its WAL is checkpointed, the main file is whole.
    shutil.copyfile(source, target)
    return target


def mirror(shape):
    """The mirror of one day of files: `news` shaped as GDELT's files are (their events
    mostly of that day), `spread` with events spread over the year before (the worst
    case for the store's indices: every file touches every part of them)."""
    folder = os.path.join(WORK, f"mirror-day-{shape}")
    rows = os.path.join(WORK, f"gdelt-day-{shape}-{FILES * ROWS_PER_FILE}.export.CSV")
    if not os.path.exists(rows):
        days = ["--news-day", str(NEWS_DAY)] if shape == "news" else ["--years", "1"]
        subprocess.run([BENCH, "generate", "--rows", str(FILES * ROWS_PER_FILE), "--seed", "7", "--first-id", "3000000000",
                        *days, "--output", rows], check=True, capture_output=True)
    if not os.path.exists(os.path.join(folder, "masterfilelist.txt")):
        subprocess.run([sys.executable, SCRIPT, "make", folder, "--source", rows, "--files", str(FILES),
                        "--start", "20250701000000"], check=True)
    unzipped = os.path.join(folder, "unzipped")
    if not os.path.isdir(unzipped):
        for name in sorted(n for n in os.listdir(folder) if n.endswith(".zip")):
            zipfile.ZipFile(os.path.join(folder, name)).extractall(unzipped)
    return folder, unzipped


def measure(store, shape, runs):
    """Medians of `runs` day syncs and as many ingests by hand, each into a copy of
    `store`; then the empty syncs on the last copy."""
    folder, unzipped = mirror(shape)
    server = subprocess.Popen([sys.executable, SCRIPT, "serve", folder], stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().split()[-1]
        sync = [CLI, "sync", "gdelt", "--base-url", url]
        day = ["--since", "2025-07-01", "--until", "2025-07-01"]
        synced, by_hand = [], []
        for _ in range(runs):
            target = copy_store(store, "sync.sqlite")
            synced.append(wall(sync + day + ["--store", target])[0])
            by_hand.append(wall([CLI, "ingest", unzipped, "--store", copy_store(store, "by-hand.sqlite")])[0])
        empty = (median_wall(sync + ["--store", target], 7), median_wall(sync + day + ["--store", target], 7))
    finally:
        server.kill()
    median = lambda values: statistics.median(values) if all(v is not None for v in values) else None
    return median(synced), median(by_hand), empty


def run(store):
    """`store`: the 1 M-row store the store's figures made (not changed: copies are)."""
    if not os.path.exists(store):
        print(f"sync bench: no store at {store}; run `make bench` first", file=sys.stderr)
        return
    news, news_by_hand, (nothing_latest, nothing_master) = measure(store, "news", 3)
    spread, spread_by_hand, _ = measure(store, "spread", 1)
    header(f"sync gdelt ({FILES} files of {ROWS_PER_FILE:,} rows into the 1 M-row store; anchor: the same files "
           "unzipped and ingested by hand)")
    row("one day of files, as GDELT's (s)", news, news_by_hand, "≤ 15 s", news is not None and news <= 15)
    row("  the same with events spread over a year (s)", spread, spread_by_hand, "(the worst case; no target)", True)
    row("nothing new, from lastupdate.txt (s)", nothing_latest, None, "≤ 0.5 s",
        nothing_latest is not None and nothing_latest <= 0.5)
    row("nothing new, from the master list with --since (s)", nothing_master, None, "≤ 0.5 s",
        nothing_master is not None and nothing_master <= 0.5)
    print("(each sync and ingest into its own copy of the store; medians of 3 day syncs (1 spread), 7 empty ones)")


if __name__ == "__main__":
    run(sys.argv[1] if len(sys.argv) > 1 else os.path.join(WORK, "store-1000000.sqlite"))
