#!/usr/bin/env bash
# Runs each fuzz target for a bounded time from the seed corpus in Fuzz/corpus/<target>
# (copied into .build-fuzz/corpus/<target>, where the corpus grows between runs), then
# prints one line per target: runs, executions per second, coverage, crashes.
# A crash or broken check is saved in .build-fuzz/crashes/<target>/; copy it into
# Fuzz/regressions/<target>/ so that `make test` replays it from then on.
#   usage: Fuzz/run.sh SECONDS TARGET…
set -u
seconds=$1; shift
binary=.build-fuzz/release/diplograph-fuzz
found=0
summary=()
for target in "$@"; do
    corpus=.build-fuzz/corpus/$target
    crashes=.build-fuzz/crashes/$target
    mkdir -p "$corpus" "$crashes"
    cp -n Fuzz/corpus/"$target"/* "$corpus"/ 2>/dev/null
    if [ -d Fuzz/regressions/"$target" ]; then cp -n Fuzz/regressions/"$target"/* "$corpus"/ 2>/dev/null; fi
    case $target in
        date) max_len=64 ;;
        label) max_len=512 ;;
        *) max_len=8192 ;;
    esac
    log=.build-fuzz/$target.log
    echo "fuzzing $target for ${seconds} s (log: $log)"
    # Leak checking is off here (libgvc keeps one-time allocations); `make valgrind`
    # checks leaks. A run over 10 s or 2 GB counts as a finding (a hang or a bomb).
    DIPLOGRAPH_FUZZ_TARGET=$target ASAN_OPTIONS=detect_leaks=0 "$binary" \
        -max_total_time="$seconds" -max_len="$max_len" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$crashes/" "$corpus" >"$log" 2>&1
    status=$?
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$')
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$')
    coverage=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*')
    count=$(find "$crashes" -type f | wc -l)
    summary+=("$(printf '%-11s %12s %10s %9s %8s' "$target" "${runs:-?}" "${speed:-?}" "${coverage:-?}" "$count")")
    if [ "$status" -ne 0 ] || [ "$count" -ne 0 ]; then
        found=1
        grep -m1 -E 'Fatal error|ERROR:|SUMMARY' "$log" | sed 's/^/    /'
    fi
done
echo
printf '%-11s %12s %10s %9s %8s\n' target runs "exec/s" coverage crashes
printf '%s\n' "${summary[@]}"
if [ "$found" -ne 0 ]; then
    echo "crashes are in .build-fuzz/crashes/; reproduce with .build/debug/diplograph-fuzz TARGET FILE"
    exit 1
fi
