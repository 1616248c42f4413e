#!/usr/bin/env python3
"""`diplograph serve`'s figures (the issue "See it move"), with Debian's wrk over loopback,
each beside its anchor measured in the same run:

- /api/timeline for one actor over one year, first page (limit 100), the actor drawn at
  random from the 50 most active, on the 1 M-row bench file, at 64 connections
  (targets: at least 5,000 requests/s, p99 at most 25 ms), computed each time
  (`--cache-mb 0`) and answered from the cache (the default: 50 distinct questions);
  anchor: /healthz, the server's floor, at the same concurrency;
- /healthz's p99 at 4 connections while 16 clients ask for uncached drawings
  (target: at most 10 ms); anchor: the same without the drawings;
- resident memory after 2,000 and after 20,000 uncached drawings (distinct dates and
  windows of Data/; target: at most 1.2 times), with the default cache (16 MB) and with
  none, which shows what the server itself keeps;
- the exported page for Data/ from 2022-10 to 2023-12 (target: at most 1.5 MB).

Run by `make bench` after the other figures, and alone by `make bench-serve`.
"""
import json
import os
import re
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CLI = os.path.join(ROOT, ".build", "release", "diplograph")
WORK = os.path.join(ROOT, ".build-bench")
YEAR = ("2024-07-01", "2025-06-30")  # the generator's last year


class Server:
    def __init__(self, *arguments):
        self.process = subprocess.Popen([CLI, "serve", "--port", "0", *arguments], stdout=subprocess.PIPE,
                                        stderr=subprocess.DEVNULL, text=True)
        line = self.process.stdout.readline()
        self.address = re.search(r"http://\S+", line).group(0)

    def get(self, path):
        with urllib.request.urlopen(self.address + path.lstrip("/"), timeout=120) as response:
            return response.read()

    def resident_mb(self):
        status = open(f"/proc/{self.process.pid}/status").read()
        return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def wrk(url, connections, seconds, script=None):
    """Requests per second and the 99th percentile latency in ms."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    if script:
        command += ["-s", script]
    output = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    value, unit = re.search(r"\s99%\s+([\d.]+)(us|ms|s)", output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"   note: {errors.group(1)} answers were not 2xx", file=sys.stderr)
    return rate, p99


def timeline_script(path, actors, days):
    """A wrk script at `path` asking /api/timeline of one of `actors` at random over
    `days` (first, last)."""
    with open(path, "w") as lua:
        names = ", ".join('"' + urllib.parse.quote(actor, safe="") + '"' for actor in actors)
        lua.write("local actors = {" + names + "}\n"
                  "request = function()\n"
                  "  local actor = actors[math.random(#actors)]\n"
                  f'  return wrk.format("GET", "/api/timeline?actor=" .. actor .. "&from={days[0]}&to={days[1]}")\n'
                  "end\n")
    return path


def row(label, mine, anchor, target, met):
    verdict = "" if mine is None else ("  met" if met else "  NOT met")
    print(f"{label:58} {mine:>11.4g} {anchor if isinstance(anchor, str) else f'{anchor:.4g}':>9}  {target}{verdict}")


def header(title):
    print()
    print(f"{title:58} {'Diplograph':>11} {'anchor':>9}  target")
    print("-" * 110)


def timeline(rows):
    path = os.path.join(WORK, f"gdelt-{rows}.export.CSV")
    header(f"serve, {rows:,} rows: /api/timeline, one actor, one year, 100 events")
    for cache, label in (("0", "computed"), ("16", "cached")):
        server = Server("--data", path, "--cache-mb", cache)
        try:
            busiest = [node["id"] for node in json.loads(server.get("/api/nodes?q=&limit=50"))]
            script = timeline_script(os.path.join(WORK, "timeline.lua"), busiest, YEAR)
            wrk(server.address + "api/timeline", 64, 3, script)  # warm-up
            rate, p99 = wrk(server.address + "api/timeline", 64, 10, script)
            floor, floor_p99 = wrk(server.address + "healthz", 64, 10)
            row(f"{label}: requests/s at 64 connections (anchor: /healthz)", rate, floor, ">= 5,000", rate >= 5000)
            row(f"{label}: p99 latency, ms (anchor: /healthz)", p99, floor_p99, "<= 25 ms", p99 <= 25)
        finally:
            server.stop()


def healthz_under_drawings():
    server = Server("--data", os.path.join(ROOT, "Data"))
    try:
        quiet_rate, quiet = wrk(server.address + "healthz", 4, 5)
        stop = threading.Event()
        drawn = [0]

        def draw(worker):
            day = 8024 + worker * 700
            while not stop.is_set():
                day += 1
                at = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
                server.get(f"/api/graph.svg?at={at}&window=365d")
                drawn[0] += 1

        clients = [threading.Thread(target=draw, args=(index,)) for index in range(16)]
        for client in clients:
            client.start()
        time.sleep(1)
        _, busy = wrk(server.address + "healthz", 4, 10)
        stop.set()
        for client in clients:
            client.join()
        header("serve, Data/: /healthz while 16 clients draw")
        row(f"/healthz p99, ms, during {drawn[0]} uncached drawings (anchor: idle)", busy, quiet, "<= 10 ms", busy <= 10)
    finally:
        server.stop()


def memory():
    header("serve, Data/: resident MB after uncached drawings")
    for cache in ("16", "0"):
        server = Server("--data", os.path.join(ROOT, "Data"), "--cache-mb", cache)
        try:
            marks = {}
            for index in range(20_000):
                day = 8024 + index // 2
                at = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
                server.get(f"/api/graph.svg?at={at}&window={'30d' if index % 2 else '90d'}")
                if index + 1 in (2_000, 20_000):
                    marks[index + 1] = server.resident_mb()
            ratio = marks[20_000] / marks[2_000]
            row(f"--cache-mb {cache}: after 20,000 (anchor: after 2,000)", marks[20_000], marks[2_000],
                "<= 1.2x", ratio <= 1.2)
            print(f"{'':58} ratio {ratio:.3f}")
        finally:
            server.stop()


def page_size():
    page = os.path.join(WORK, "explorer.html")
    subprocess.run([CLI, "export", "--format", "html", "--from", "2022-10", "--to", "2023-12", "-o", page],
                   check=True, capture_output=True, cwd=ROOT)
    size = os.path.getsize(page) / 1e6
    header("export --format html, Data/, 2022-10 to 2023-12")
    row("size, MB", size, "—", "<= 1.5 MB", size <= 1.5)


def run(rows):
    timeline(rows)
    healthz_under_drawings()
    memory()
    page_size()


if __name__ == "__main__":
    rows = int(sys.argv[sys.argv.index("--rows") + 1]) if "--rows" in sys.argv else 1_000_000
    run(rows)
