#!/usr/bin/env bash
# Side-by-side: `promotion_audit --json` (Rust) against the same analysis in pandas +
# scipy + statsmodels + lifelines (benches/reference/promotion_reference.py) on one
# generated CSV. Reports wall time, CPU time (user + system) and peak memory (GNU time -v)
# and the ratios. On a shared machine CPU time is the fairer comparison.
#
#   benches/reference/promotion_compare.sh [ROWS] [PYTHON]
#
# ROWS defaults to 1000000; PYTHON to /work/venv/bin/python (needs numpy, pandas,
# scipy, statsmodels, lifelines).
set -euo pipefail
cd "$(dirname "$0")/../.."

rows="${1:-1000000}"
python="${2:-/work/venv/bin/python}"
dir="target/promotion-compare"
mkdir -p "$dir"
csv="$dir/promotion_${rows}.csv"

if [[ ! -s "$csv" ]]; then
    echo "generating $rows rows -> $csv"
    "$python" benches/reference/promotion_reference.py generate "$rows" "$csv"
fi
cargo build --quiet --release --example promotion_audit

measure() { # name, command...
    local name="$1"; shift
    /usr/bin/time -v "$@" >"$dir/$name.json" 2>"$dir/$name.time"
    local wall cpu rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/$name.time" |
        awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }')
    cpu=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$dir/$name.time")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$dir/$name.time")
    echo "$name $wall $cpu $rss"
}

rust=$(measure rust target/release/examples/promotion_audit --json "$csv")
py=$(measure python "$python" benches/reference/promotion_reference.py "$csv")
read -r _ rust_wall rust_cpu rust_rss <<<"$rust"
read -r _ py_wall py_cpu py_rss <<<"$py"

printf '%-8s %10s %10s %14s\n' "" "wall (s)" "CPU (s)" "peak RSS (MiB)"
printf '%-8s %10.2f %10.2f %14.1f\n' rust "$rust_wall" "$rust_cpu" "$(echo "$rust_rss / 1024" | bc -l)"
printf '%-8s %10.2f %10.2f %14.1f\n' python "$py_wall" "$py_cpu" "$(echo "$py_rss / 1024" | bc -l)"
printf 'speed-up: %.1fx wall, %.1fx CPU   memory: %.2f of Python\n' \
    "$(echo "$py_wall / $rust_wall" | bc -l)" "$(echo "$py_cpu / $rust_cpu" | bc -l)" \
    "$(echo "$rust_rss / $py_rss" | bc -l)"

# The two must agree on the headline numbers.
"$python" - "$dir/rust.json" "$dir/python.json" <<'PY'
import json, math, sys
r, p = (json.load(open(f)) for f in sys.argv[1:3])
for cr, cp in zip(r["comparisons"], p["comparisons"]):
    for key in ["impact_ratio", "z_statistic", "fisher_p_value", "adjusted_p_value"]:
        assert math.isclose(cr[key], cp[key], rel_tol=1e-6, abs_tol=1e-300), (key, cr[key], cp[key])
    assert math.isclose(cr["cmh"]["statistic"], cp["cmh"]["statistic"], rel_tol=1e-6)
    assert math.isclose(cr["logistic"]["odds_ratio"], cp["logistic"]["odds_ratio"], rel_tol=1e-5)
assert math.isclose(r["logrank"]["statistic"], p["logrank"]["statistic"], rel_tol=1e-6)
print("results agree (impact ratio, z, Fisher, Holm, CMH, logistic OR, log-rank)")
PY
