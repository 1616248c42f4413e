#!/usr/bin/env bash
# The README's drawings of the bundled data, written into a folder: `make demo` writes
# them into Output/, and a test writes them into a temporary folder and compares the
# bytes with Output/ (every drawing names one font, DejaVu Sans, which `make`
# installs, so the same Graphviz lays them out the same on any machine).
#   Scripts/draw-demo.sh PROGRAM FOLDER
set -euo pipefail
program=$1
out=$2
mkdir -p "$out"
"$program" render --at 2023-06-27 --window 90d -o "$out/caucasus-2023-06-27.svg"
"$program" render --at 2023-06-27 --window 90d --focus ararat-mirzoyan --depth 1 -o "$out/mirzoyan-2023-06-27.svg"
"$program" diff 2023-01-01 2024-01-01 --window 365d -o "$out/diff-2023.svg" > "$out/diff-2023.txt"
"$program" render timeline --from 2022-10 --to 2023-12 -o "$out/timeline-2022-2023.svg"
"$program" render trend --pair armenia,azerbaijan --every 1q --from 2020 -o "$out/trend-armenia-azerbaijan.svg"
"$program" export --format html --from 2022-10 --to 2023-12 -o "$out/explorer.html"
