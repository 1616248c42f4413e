#!/usr/bin/env bash
# `make demo`: the served explorer at 2023-06-27 (365-day window), photographed in
# Chromium through Selenium.
#   Scripts/explorer-screenshot.sh PROGRAM PNG
set -euo pipefail
program=$1
png=$2
log=$(mktemp)
"$program" serve --port 0 > "$log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 200); do
    grep -q "http://" "$log" && break
    kill -0 "$server" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.05
done
address=$(grep -o 'http://[^ ]*' "$log")
python3 "$(dirname "$0")/../Tests/Browser/explorer_browser.py" --screenshot "$address" "$png"
