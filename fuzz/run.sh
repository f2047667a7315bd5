#!/usr/bin/env bash
# One fuzz run, as recorded in docs/TESTING.md: `fuzz/run.sh TARGET SECONDS [libFuzzer flags]`.
# Runs at the lowest priority with one job on the target's corpus (and the JSON
# dictionary for json_types), keeps libFuzzer's log in fuzz/logs/, and prints the
# line for the table of runs: target, seconds, executions, corpus size, crashes.
set -euo pipefail
cd "$(dirname "$0")"
target=$1; seconds=$2; shift 2
mkdir -p "corpus/$target" logs
dict=()
[ "$target" = json_types ] && dict=(-dict=dicts/json.dict)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
log="logs/$target-$stamp.log"
status=0
nice -n 19 cargo +nightly fuzz run "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -jobs=1 -print_final_stats=1 "${dict[@]}" "$@" >"$log.cargo" 2>&1 || status=$?
cat fuzz-0.log >>"$log" 2>/dev/null || true
execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
crash=$(grep -o "Test unit written to [^ ]*" "$log" | sed 's/Test unit written to //' || true)
echo "$target | ${seconds} s | execs ${execs} | corpus $(ls "corpus/$target" | wc -l) | exit ${status} | ${crash:-no crash} | $log"
