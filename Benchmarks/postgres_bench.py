#!/usr/bin/env python3
"""The PostgreSQL store's figures (the issue "PostgreSQL for teams and beyond one
machine"), on a throw-away server of its own (Scripts/pg-server.sh: loopback, fsync off,
as for every figure here), each beside its anchor from the same run and file:

- ingest of the 1 M-row file into a new database, against `psql \\copy` of the raw file
  into a 61-column text table (logged and unlogged) on the same server;
- the fresh-process timeline (busiest actor, last year), 90-day snapshot and one-month
  diff of that store, against the SQLite store's on the same file (target: at most 2x);
- 16 clients asking timelines of the PostgreSQL store while an ingest of a second file
  runs (p99; target: at most 50 ms).

Run by `make bench-postgres`.
"""
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
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


def readers_during_ingest(address, actor, second_file, clients=16):
    """p99 and count of timelines answered while `second_file` is ingested."""
    latencies = []
    lock = threading.Lock()
    done = threading.Event()

    def ask():
        while not done.is_set():
            started = time.perf_counter()
            subprocess.run([store.CLI, "timeline", "--store", address, "--actor", actor, "--from",
                            store.day(store.LAST_DAY - 30), "--to", store.day(store.LAST_DAY), "--format", "csv"],
                           capture_output=True, check=True)
            with lock:
                latencies.append(time.perf_counter() - started)

    threads = [threading.Thread(target=ask) for _ in range(clients)]
    for thread in threads:
        thread.start()
    ingest_seconds = store.wall([store.CLI, "ingest", second_file, "--store", address])[0]
    done.set()
    for thread in threads:
        thread.join()
    ordered = sorted(latencies)
    return ordered[int(len(ordered) * 0.99) - 1] * 1000 if ordered else None, len(ordered), ingest_seconds


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

        second = os.path.join(store.WORK, "gdelt-second.export.CSV")
        if not os.path.exists(second):
            subprocess.run([store.BENCH, "generate", "--rows", str(rows // 4), "--output", second, "--seed", "7",
                            "--first-id", "3000000000"],
                           check=True)
        p99, answered, second_ingest = readers_during_ingest(address, actor, second)
        store.row(f"16 readers during an ingest ({answered} timelines in {second_ingest:.1f} s): p99, ms",
                  p99, "—", "<= 50 ms", p99 is not None and p99 <= 50)
    finally:
        subprocess.run([SCRIPT, "stop", os.path.join(folder, "server")])


if __name__ == "__main__":
    main()
