#!/usr/bin/env python3
"""The PostgreSQL store's figures (the issue "PostgreSQL for teams and beyond one
machine"), on a throw-away server of its own (Scripts/pg-server.sh: loopback, fsync off,
as for every figure here), each beside its anchor from the same run and file:

- ingest of the 1 M-row file into a new database, against `psql \\copy` of the raw file
  into a 61-column text table (logged and unlogged) on the same server;
- the fresh-process timeline (busiest actor, last year), 90-day snapshot and one-month
  diff of that store, against the SQLite store's on the same file (target: at most 2x);
- 16 clients (wrk) asking `diplograph serve` on the PostgreSQL store for timelines while
  another process ingests a second file (p99; target: at most 50 ms), beside the same
  load with no ingest.

Run by `make bench-postgres`.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import json
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_bench as serve  # noqa: E402  (Server, wrk)
import store_bench as store  # noqa: E402  (the shared helpers: wall, questions, row)

ROOT = store.ROOT
SCRIPT = os.path.join(ROOT, "Scripts", "pg-server.sh")


def psql(address, *arguments):
    return subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", address, *arguments],
                          check=True, capture_output=True, text=True).stdout


def copy_anchor(address, path, unlogged):
    table = "raw_unlogged" if unlogged else "raw"
    columns = ", ".join(f"c{i} text" for i in range(61))
    psql(address, "-c", f"CREATE {'UNLOGGED ' if unlogged else ''}TABLE {table} ({columns})")
    started = time.perf_counter()
    psql(address, "-c", f"\\copy {table} FROM '{path}' WITH (FORMAT text, DELIMITER E'\\t')")
    seconds = time.perf_counter() - started
    psql(address, "-c", f"DROP TABLE {table}")
    return seconds


def readers_during_ingest(address, second_file, cache_mb, clients=16):
    """/api/timeline of `diplograph serve` on the PostgreSQL store (with `cache_mb` MB of
    cached answers; 0: computed each time), one of the 50 busiest actors over the last
    month, at `clients` connections: p99 and requests/s while nothing else runs, then
    while `second_file` is ingested by another process (wrk stops before the ingest
    ends)."""
    server = serve.Server("--store", address, "--cache-mb", str(cache_mb))
    try:
        busiest = [node["id"] for node in json.loads(server.get("/api/nodes?q=&limit=50"))]
        month = (store.day(store.LAST_DAY - 30), store.day(store.LAST_DAY))
        script = serve.timeline_script(os.path.join(store.WORK, "postgres-timeline.lua"), busiest, month)
        url = server.address + "api/timeline"
        serve.wrk(url, clients, 2, script)  # warm-up
        idle_rate, idle_p99 = serve.wrk(url, clients, 5, script)
        started = time.perf_counter()
        ingest = subprocess.Popen([store.CLI, "ingest", second_file, "--store", address], stdout=subprocess.DEVNULL)
        time.sleep(0.5)
        busy_rate, busy_p99 = serve.wrk(url, clients, 4, script)
        overlapped = ingest.poll() is None
        ingest.wait()
        seconds = time.perf_counter() - started
        return idle_rate, idle_p99, busy_rate, busy_p99, seconds, overlapped
    finally:
        server.stop()


def main():
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 1_000_000
    path = os.path.join(store.WORK, f"gdelt-{rows}.export.CSV")
    if not os.path.exists(path):
        subprocess.run([store.BENCH, "generate", "--rows", str(rows), "--output", path], check=True)
    folder = tempfile.mkdtemp(prefix="diplograph-bench-pg-")
    port = 55000 + os.getpid() % 5000
    server = subprocess.run([SCRIPT, "start", os.path.join(folder, "server"), str(port)], check=True,
                            capture_output=True, text=True).stdout.strip()
    try:
        maintenance = server
        address = server.rsplit("/", 1)[0] + "/bench"
        psql(maintenance, "-c", "CREATE DATABASE bench")
        anchor = copy_anchor(address, path, unlogged=False)
        anchor_unlogged = copy_anchor(address, path, unlogged=True)
        ingest, memory = store.wall([store.CLI, "ingest", path, "--store", address])
        sqlite_store = store.new_store("postgres-bench-anchor.sqlite")
        sqlite_ingest = store.wall([store.CLI, "ingest", path, "--store", sqlite_store])[0]

        store.header(f"PostgreSQL store, {rows:,}-row file, server on loopback (fsync off)")
        store.row("ingest, s (anchor: psql \\copy into 61 text columns)", ingest, anchor, "<= anchor", ingest <= anchor)
        print(f"{'':58} psql \\copy unlogged: {anchor_unlogged:.2f} s; SQLite store ingest: {sqlite_ingest:.2f} s; "
              f"peak memory {memory:.0f} MB")

        actor = store.actors(sqlite_store)[0]
        mine = store.questions(address, [actor], runs=5)
        theirs = store.questions(sqlite_store, [actor], runs=5)
        for label, index in (("timeline, busiest actor, last year", 0), ("snapshot, 90-day window", 1),
                             ("diff, one month", 2)):
            pg_value = mine[index][actor] if index == 0 else mine[index]
            sqlite_value = theirs[index][actor] if index == 0 else theirs[index]
            store.row(f"{label}, s (anchor: SQLite store)", pg_value, sqlite_value, "<= 2x",
                      pg_value is not None and sqlite_value is not None and pg_value <= 2 * sqlite_value)

        for cache_mb, label, name, seed in ((0, "computed", "second", 7), (16, "cached, the default", "third", 8)):
            other = os.path.join(store.WORK, f"gdelt-{name}.export.CSV")
            if not os.path.exists(other):
                subprocess.run([store.BENCH, "generate", "--rows", str(rows // 4), "--output", other, "--seed", str(seed),
                                "--first-id", str(seed * 500_000_000)], check=True)
            idle_rate, idle_p99, busy_rate, busy_p99, second_ingest, overlapped = readers_during_ingest(
                address, other, cache_mb)
            store.row(f"serve /api/timeline, {label}: p99 during an ingest, ms (anchor: idle)", busy_p99, idle_p99,
                      "<= 50 ms", busy_p99 <= 50)
            print(f"{'':58} {busy_rate:.0f} requests/s during the ingest ({second_ingest:.1f} s, "
                  f"{'wrk inside it' if overlapped else 'ENDED BEFORE wrk: not measured under load'}), {idle_rate:.0f} idle")
    finally:
        subprocess.run([SCRIPT, "stop", os.path.join(folder, "server")])


if __name__ == "__main__":
    main()
