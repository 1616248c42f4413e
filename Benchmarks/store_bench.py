#!/usr/bin/env python3
"""The SQLite store's figures (the issue "A persistent event store"), each beside its
anchor measured in the same run on the same file:

- ingest of the 1 M-row file into a new store, against `sqlite3`'s own `.import` of the
  file into a 61-column table, and against the SQL floor: the same number of events
  inserted into the store's own schema by one INSERT … SELECT inside SQLite (no parsing,
  no program between), which no ingest through that schema can beat;
- with `--scale ROWS`: ROWS rows ingested as 100 files, the time of each file, then the
  questions asked of the big store from a fresh process, with process start.

Run by `make bench` (1 M rows) and `make bench-store` (1 M, then 10 M as 100 files).
"""
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK = os.path.join(ROOT, ".build-bench")
CLI = os.path.join(ROOT, ".build", "release", "diplograph")
BENCH = os.path.join(ROOT, ".build", "release", "diplograph-bench")
SHARED_GDELT = os.path.join(os.path.dirname(ROOT), "shared", "data", "gdelt", "20191024143000.export.CSV")
LAST_DAY = 20_269  # the generator's last day, 2025-06-30


def wall(command):
    """Seconds and peak memory (MB) of one run of `command`, process start included."""
    started = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        print(f"{' '.join(command)} failed: {result.stderr[-400:]}", file=sys.stderr)
        return None, None
    return seconds, int(result.stderr.strip().splitlines()[-1]) / 1024


def median_wall(command, runs=5):
    times = [t for t in (wall(command)[0] for _ in range(runs)) if t is not None]
    return statistics.median(times) if times else None


def new_store(name):
    store = os.path.join(WORK, name)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(store + suffix):
            os.remove(store + suffix)
    return store


def ensure_sqlite3():
    if shutil.which("sqlite3") is None:
        print("installing the sqlite3 program for the store's anchors (apt-get install sqlite3)", file=sys.stderr)
        subprocess.run(["apt-get", "install", "-y", "-qq", "sqlite3"], check=False, capture_output=True)
    return shutil.which("sqlite3") is not None


def sqlite3_seconds(script):
    plain = new_store("anchor.sqlite")
    started = time.perf_counter()
    subprocess.run(["sqlite3", plain], input=script, text=True, capture_output=True)
    seconds = time.perf_counter() - started
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(plain + suffix):
            os.remove(plain + suffix)
    return seconds


def import_anchor(path):
    """`sqlite3 .import` of the file into a 61-column table."""
    columns = ", ".join(f"c{i} TEXT" for i in range(61))
    return sqlite3_seconds(f"CREATE TABLE events ({columns});\n.mode tabs\n.import {path} events\n")


def floor_anchor(store, events):
    """The store's schema (read from the store just made) filled with `events` events,
    each with two participants and one source, by INSERT … SELECT inside SQLite, in one
    transaction in WAL mode, as an ingest writes them: chronological, ids in random
    order, a source per four events."""
    schema = subprocess.run(["sqlite3", store, ".schema"], capture_output=True, text=True).stdout
    days = 3650
    script = f"""PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -262144;
{schema}
BEGIN;
INSERT INTO files (id, name, checksum, format, bytes, rows_read, events, ingested_at)
    VALUES (1, 'floor', '', 'gdelt', 0, {events}, {events}, '');
INSERT INTO sources (id, publisher, url, date, recorded) SELECT value, 'news' || (value % 5000) || '.example.com',
    'https://www.news' || (value % 5000) || '.example.com/2025/6/story-' || (value * 7919 % 100000000) || '.html',
    '2025-06-30', '2025-06-30' FROM generate_series(1, {events // 4});
INSERT INTO events SELECT value, 'gdelt-' || (1000000000 + value * 7919 % {events * 2 + 1}), 'statement', '2025-06-30',
    {LAST_DAY - days} + value * {days} / {events}, {LAST_DAY - days} + value * {days} / {events},
    'c' || (value * 7 % 200), 'c' || (value * 13 % 200), '', 'make statement (CAMEO 010)', NULL, NULL, NULL, NULL,
    1.9, 1, '{{"cameo":"010"}}', 1, 1 FROM generate_series(1, {events});
INSERT INTO participants SELECT actors, first_day, rowid, 'actor' FROM events;
INSERT INTO participants SELECT targets, first_day, rowid, 'target' FROM events;
INSERT INTO event_sources SELECT rowid, 0, 1 + rowid / 4 FROM events;
COMMIT;
"""
    return sqlite3_seconds(script)


def day(ordinal):
    return time.strftime("%Y-%m-%d", time.gmtime(ordinal * 86400))


def actors(store):
    """The busiest actor and a typical one (the median of the hundred busiest)."""
    ranked = subprocess.run(["sqlite3", store, "SELECT node_id FROM participants WHERE role = 'actor' "
                             "GROUP BY node_id ORDER BY count(*) DESC LIMIT 100"], capture_output=True, text=True).stdout.split()
    return (ranked[0], ranked[len(ranked) // 2]) if ranked else ("usa", "usa")


def questions(store, actor, runs=5):
    """Wall times (process start included) of the issue's questions."""
    timeline = {who: median_wall([CLI, "timeline", "--store", store, "--actor", who, "--from", day(LAST_DAY - 365),
                                  "--to", day(LAST_DAY), "--format", "csv"], runs) for who in actor}
    snapshot = median_wall([CLI, "render", "--store", store, "--at", day(LAST_DAY), "--window", "90d", "--top", "200",
                            "--format", "dot"], max(3, runs // 2))
    diff = median_wall([CLI, "diff", day(LAST_DAY - 30), day(LAST_DAY), "--store", store], 3)
    diff_json = median_wall([CLI, "diff", day(LAST_DAY - 30), day(LAST_DAY), "--store", store, "--format", "json"], 3)
    real = again = None
    if os.path.exists(SHARED_GDELT):
        real = wall([CLI, "ingest", SHARED_GDELT, "--store", store])[0]
        again = wall([CLI, "ingest", SHARED_GDELT, "--store", store])[0]
    return timeline, snapshot, diff, diff_json, real, again


def row(label, mine, other, target, met):
    verdict = "" if mine is None else ("  met" if met else "  NOT met")
    mine_text = f"{mine:>11.3g}" if mine is not None else f"{'—':>11}"
    other_text = f"{other:>9.3g}" if other else f"{'—':>9}"
    print(f"{label:50} {mine_text} {other_text}  {target}{verdict}")


def header(title):
    print()
    print(f"{title:50} {'Diplograph':>11} {'anchor':>9}  target")
    print("-" * 110)


def one_file(path, rows):
    """The file ingested into a new store, with its anchors; then the questions."""
    anchors = ensure_sqlite3()
    store = new_store(f"store-{rows}.sqlite")
    ingest, peak = wall([CLI, "ingest", path, "--store", store])
    size = os.path.getsize(store) / os.path.getsize(path) if ingest else None
    events = int(subprocess.run(["sqlite3", store, "SELECT count(*) FROM events"], capture_output=True, text=True)
                 .stdout.strip() or 0) if anchors and ingest else 0
    imported = import_anchor(path) if anchors else None
    floor = floor_anchor(store, events) if anchors and events else None
    actor = actors(store) if anchors else ("usa", "usa")
    timeline, snapshot, diff, diff_json, real, again = questions(store, actor)
    header(f"store workload ({rows:,} rows, one file)")
    row("ingest into a new SQLite store (s)", ingest, imported, "≤ 5 s; ≥ 3.5× sqlite3 .import (the anchor)",
        ingest is not None and ingest <= 5 and (imported is None or imported / ingest >= 3.5))
    row(f"  the SQL floor: {events:,} events by INSERT … SELECT (s)", floor, None, "(no ingest through this schema is faster)",
        True)
    row("  peak memory (MB)", peak, None, "≤ 600 MB", peak is not None and peak <= 600)
    row("  store size / file size", size, None, "≤ 0.6", size is not None and size <= 0.6)
    print_questions(store, actor, timeline, snapshot, diff, diff_json, real, again, scale=" (at 10 M rows)")


def scaled(rows, files=100, chronological=True):
    """`rows` rows as `files` files ingested one by one into one store; then the
    questions. Chronological: the rows sorted by day before they are cut, as a feed
    delivers them (each GDELT file holds mostly the latest days, each ICEWS release
    its weeks); otherwise in the generator's order, every file spread over all ten
    years (the worst case: every file touches every part of the store's indices)."""
    path = os.path.join(WORK, f"gdelt-{rows}.export.CSV")
    if not os.path.exists(path):
        print(f"generating {rows:,} GDELT-shaped rows (seed 42) …", file=sys.stderr)
        subprocess.run([BENCH, "generate", "--rows", str(rows), "--output", path], check=True)
    order = "by-day" if chronological else "spread"
    if chronological:
        sorted_path = path + ".by-day"
        if not os.path.exists(sorted_path):
            subprocess.run(f"LC_ALL=C sort -t '\t' -k2,2 -s -S 4G -o '{sorted_path}' '{path}'", shell=True, check=True)
        path = sorted_path
    folder = os.path.join(WORK, f"files-{rows}-{order}")
    per_file = rows // files
    if not os.path.isdir(folder) or len(os.listdir(folder)) != files:
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        with open(path, "rb") as source:
            for index in range(files):
                with open(os.path.join(folder, f"part-{index:03}.export.CSV"), "wb") as part:
                    for _ in range(per_file):
                        part.write(source.readline())
    store = new_store(f"store-{rows}-in-{files}-{order}.sqlite")
    times = []
    for name in sorted(os.listdir(folder)):
        seconds, _ = wall([CLI, "ingest", os.path.join(folder, name), "--store", store])
        times.append(seconds)
        print(f"  {name}: {seconds:.2f} s", file=sys.stderr)
    first, last = statistics.median(times[:10]), statistics.median(times[-10:])
    actor = actors(store)
    timeline, snapshot, diff, diff_json, real, again = questions(store, actor, runs=3)
    header(f"store workload ({rows:,} rows as {files} files, {'cut by day' if chronological else 'each over all days'})")
    print_questions(store, actor, timeline, snapshot, diff, diff_json, real, again,
                    ingest=(times, first, last, os.path.getsize(store) / os.path.getsize(path)))


def print_questions(store, actor, timeline, snapshot, diff, diff_json, real, again, ingest=None, scale=""):
    if ingest:
        times, first, last, size = ingest
        row("ingest, all files (s)", sum(times), None, "", True)
        row("  median of the first ten files (s)", first, None, "", True)
        row("  median of the last ten files (s)", last, first, "≤ 1.5× the first ten's (the anchor)", last <= 1.5 * first)
        row("  store size / files' size", size, None, "≤ 0.6", size <= 0.6)
    for who, what in zip(actor, ("the busiest", "a typical actor")):
        row(f"one actor's year ({who}, {what}), fresh process (s)", timeline[who], None, "≤ 0.05 s" + scale,
            timeline[who] is not None and timeline[who] <= 0.05)
    row("90-day snapshot, top 200, DOT (s)", snapshot, None, "≤ 0.5 s" + scale, snapshot is not None and snapshot <= 0.5)
    row("one-month diff, cumulative, text (s)", diff, None, "≤ 0.5 s" + scale, diff is not None and diff <= 0.5)
    row("  the same as JSON (s)", diff_json, None, "(every event id of every changed relation)", True)
    row("a real 15-minute GDELT file into it (s)", real, None, "≤ 0.2 s", real is not None and real <= 0.2)
    row("  the same file again (s)", again, None, "≤ 0.05 s, no change", again is not None and again <= 0.05)


def questions_only(store):
    """The questions asked of an existing store (a copy of it takes the real file)."""
    copy = new_store("questions.sqlite")
    shutil.copyfile(store, copy)
    actor = actors(copy)
    answers = questions(copy, actor, runs=3)
    header(f"questions of {os.path.basename(store)}")
    print_questions(copy, actor, *answers)
    os.remove(copy)


def main():
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 1_000_000
    path = os.path.join(WORK, f"gdelt-{rows}.export.CSV")
    if not os.path.exists(path):
        subprocess.run([BENCH, "generate", "--rows", str(rows), "--output", path], check=True)
    if "--questions" in sys.argv:
        questions_only(sys.argv[sys.argv.index("--questions") + 1])
        return
    if "--skip-one-file" not in sys.argv:
        one_file(path, rows)
    if "--scale" in sys.argv:
        scaled(int(sys.argv[sys.argv.index("--scale") + 1]), chronological="--spread" not in sys.argv)


if __name__ == "__main__":
    main()
