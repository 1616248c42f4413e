#!/usr/bin/env python3
"""A GDELT 2.0 mirror on loopback, for `diplograph sync gdelt` tests and `make bench`.

    gdelt-mirror.py make DIR --source FILE [--source FILE ...] --files N [--start STAMP]
        Splits the rows of the source export files into N files of consecutive
        15-minute slots from STAMP (YYYYMMDDHHMMSS), each row's DATEADDED set to its
        file's slot, each file zipped as GDELT zips them
        (one member, STAMP.export.CSV), and writes masterfilelist.txt and
        lastupdate.txt in GDELT's format (size, MD5, address; the mentions and GKG
        files are listed too, as GDELT lists them, but not made).
    gdelt-mirror.py list DIR --upto K
        Lists only the first K files, as if the later ones were not published yet.
    gdelt-mirror.py serve DIR [--port 0] [--rate BYTES_PER_SECOND]
        Serves DIR over HTTP on 127.0.0.1 and prints "serving http://127.0.0.1:PORT/".
        Every GET is appended to DIR/_requests.log. DIR/_faults.json, read again
        whenever it changes, maps a file name to the answers of its next requests, in
        order, then "ok": "500", "404", "md5" (one byte changed), "short" (the last
        bytes left out), "truncate" (the full Content-Length announced, half sent, the
        connection closed), "stall" (half sent, then silence for a minute).
"""
import argparse
import hashlib
import http.server
import io
import json
import os
import signal
import sys
import threading
import time
import zipfile
from datetime import datetime, timedelta

GDELT = "http://data.gdeltproject.org/gdeltv2/"


def make(args):
    rows = []
    for source in args.source:
        with open(source, "rb") as handle:
            rows.extend(line for line in handle.read().split(b"\n") if line)
    os.makedirs(args.dir, exist_ok=True)
    start = datetime.strptime(args.start, "%Y%m%d%H%M%S")
    per_file = -(-len(rows) // args.files)
    stamps = []
    for index in range(args.files):
        stamp = (start + timedelta(minutes=15 * index)).strftime("%Y%m%d%H%M%S")
        # Each row's DATEADDED (the 60th column) says the slot it was published in.
        part = [stamped(row, stamp) for row in rows[index * per_file:(index + 1) * per_file]]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            member = zipfile.ZipInfo(stamp + ".export.CSV", date_time=(2019, 10, 24, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(member, b"\n".join(part) + b"\n")
        with open(os.path.join(args.dir, stamp + ".export.CSV.zip"), "wb") as handle:
            handle.write(buffer.getvalue())
        stamps.append(stamp)
    with open(os.path.join(args.dir, "_stamps.json"), "w") as handle:
        json.dump(stamps, handle)
    write_lists(args.dir, len(stamps))


def stamped(row, stamp):
    fields = row.split(b"\t")
    if len(fields) == 61:
        fields[59] = stamp.encode()
    return b"\t".join(fields)


def list_lines(folder, stamp):
    name = stamp + ".export.CSV.zip"
    with open(os.path.join(folder, name), "rb") as handle:
        data = handle.read()
    fake = hashlib.md5(stamp.encode()).hexdigest()
    return [f"{len(data)} {hashlib.md5(data).hexdigest()} {GDELT}{name}",
            f"{len(data) * 3} {fake} {GDELT}{stamp}.mentions.CSV.zip",
            f"{len(data) * 9} {fake} {GDELT}{stamp}.gkg.csv.zip"]


def write_lists(folder, upto):
    with open(os.path.join(folder, "_stamps.json")) as handle:
        stamps = json.load(handle)[:upto]
    lines = [line for stamp in stamps for line in list_lines(folder, stamp)]
    for name, chosen in (("masterfilelist.txt", lines), ("lastupdate.txt", lines[-3:])):
        temporary = os.path.join(folder, name + ".tmp")
        with open(temporary, "w") as handle:
            handle.write("".join(line + "\n" for line in chosen))
        os.replace(temporary, os.path.join(folder, name))


class Faults:
    def __init__(self, folder):
        self.path = os.path.join(folder, "_faults.json")
        self.lock = threading.Lock()
        self.stamp = None
        self.plan = {}
        self.counts = {}

    def next(self, name):
        with self.lock:
            try:
                stamp = os.stat(self.path).st_mtime_ns
            except FileNotFoundError:
                stamp = None
            if stamp != self.stamp:
                self.stamp = stamp
                self.counts = {}
                try:
                    with open(self.path) as handle:
                        self.plan = json.load(handle)
                except (FileNotFoundError, ValueError):
                    self.plan = {}
            count = self.counts.get(name, 0)
            self.counts[name] = count + 1
            answers = self.plan.get(name, [])
            return answers[count] if count < len(answers) else "ok"


def serve(args):
    folder = os.path.abspath(args.dir)
    faults = Faults(folder)
    log_lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def do_GET(self):
            name = self.path.split("?")[0].rsplit("/", 1)[-1]
            with log_lock, open(os.path.join(folder, "_requests.log"), "a") as log:
                log.write(name + "\n")
            fault = faults.next(name)
            path = os.path.join(folder, name)
            if fault in ("404", "500") or name.startswith("_") or not os.path.isfile(path):
                status = 500 if fault == "500" else 404
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            with open(path, "rb") as handle:
                data = handle.read()
            announced = len(data)
            if fault == "md5":
                data = data[:len(data) // 2] + bytes([data[len(data) // 2] ^ 0xFF]) + data[len(data) // 2 + 1:]
            elif fault == "short":
                data = data[:-100]
                announced = len(data)
            self.send_response(200)
            self.send_header("Content-Length", str(announced))
            self.end_headers()
            if fault in ("truncate", "stall"):
                self.wfile.write(data[:len(data) // 2])
                self.wfile.flush()
                if fault == "stall":
                    time.sleep(60)
                self.close_connection = True
                return
            if args.rate:
                chunk = max(1, args.rate // 20)
                for offset in range(0, len(data), chunk):
                    self.wfile.write(data[offset:offset + chunk])
                    self.wfile.flush()
                    time.sleep(0.05)
            else:
                self.wfile.write(data)

    # A parent's blocked signals are inherited: let SIGTERM and Ctrl-C stop the server.
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    print(f"serving http://127.0.0.1:{server.server_address[1]}/", flush=True)
    server.serve_forever()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    made = commands.add_parser("make")
    made.add_argument("dir")
    made.add_argument("--source", action="append", required=True)
    made.add_argument("--files", type=int, required=True)
    made.add_argument("--start", default="20191024000000")
    listed = commands.add_parser("list")
    listed.add_argument("dir")
    listed.add_argument("--upto", type=int, required=True)
    served = commands.add_parser("serve")
    served.add_argument("dir")
    served.add_argument("--port", type=int, default=0)
    served.add_argument("--rate", type=int, default=0)
    args = parser.parse_args()
    if args.command == "make":
        make(args)
    elif args.command == "list":
        write_lists(args.dir, args.upto)
    else:
        serve(args)


if __name__ == "__main__":
    sys.exit(main())
