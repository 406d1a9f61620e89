#!/usr/bin/env bash
# Benchmark of the history (docs/metrics.md §15) against the report run it
# belongs to, on a generated 1M-row CSV ledger:
#
#   benches/history.sh                 # 1,000,000 rows, 3 rounds
#   benches/history.sh --rows 100000 --runs 1
#
# Ledgers (cached in ${BENCH_DIR:-/tmp/complaints-bench}/history-N/): the tidy
# sample (`complaints sample --rows N --format csv`), then
# benches/history_ledgers.py derives sep.csv (the ledger as it stood for last
# month's report: every row received before the latest month) and oct.csv
# (the whole ledger with 1,000 rows deleted, 1,000 closed dates filled in,
# 1,000 defect types changed and 500 late entries of last month), and both
# without the id column (*_noid.csv: every complaint matched by content).
#
# Each round runs, with COMPLAINTS_TIMING=1 and /usr/bin/time:
#   report oct.csv --no-history                     the report alone
#   report sep.csv --history H, then oct.csv        September recorded; October
#                                                   compared with it and recorded
#   report oct.csv --history H again                the same inputs: nothing written
#   the same two runs on *_noid.csv
# and prints, per case, the medians of: the run's wall time, the snapshot
# (fingerprint + Parquet write), the comparison (base read + matching + edits +
# carried + the figures), peak RSS, and both as a share of the report alone.
set -euo pipefail
rows=1000000; runs=3
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    *) echo "usage: benches/history.sh [--rows N] [--runs N]" >&2; exit 2 ;;
  esac
done
repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${CARGO_TARGET_DIR:-$repo/target}/release/complaints
[ -x "$bin" ] || { echo "build first: cargo build --release" >&2; exit 2; }
dir=${BENCH_DIR:-/tmp/complaints-bench}/history-$rows
mkdir -p "$dir"; cd "$dir"
[ -f big.csv ] || "$bin" sample --rows "$rows" --format csv --out big.csv >/dev/null
[ -f oct_noid.csv ] || python3 "$repo/benches/history_ledgers.py" big.csv
run() { # name args...
  local name=$1; shift
  /usr/bin/time -v -o "$name.time" env COMPLAINTS_TIMING=1 "$bin" "$@" > "$name.out" 2> "$name.err"
}
for r in $(seq 1 "$runs"); do
  rm -rf h h2 out-*
  run "alone-$r" report oct.csv --no-history --out out-alone
  run "sep-$r" report sep.csv --history h --out out-sep
  run "oct-$r" report oct.csv --history h --out out-oct
  run "again-$r" report oct.csv --history h --out out-oct
  run "sepnoid-$r" report sep_noid.csv --history h2 --out out-sepnoid
  run "octnoid-$r" report oct_noid.csv --history h2 --out out-octnoid
done
python3 - "$runs" <<'PY'
import re, statistics, sys
runs = int(sys.argv[1])
def parse(name):
    t = open(f"{name}.time").read()
    m = re.search(r"Elapsed.*?: (?:(\d+):)?(\d+):(\d+\.\d+)", t)
    wall = (int(m.group(1) or 0) * 3600 + int(m.group(2)) * 60 + float(m.group(3)))
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", t).group(1)) / 1024
    laps = {}
    for line in open(f"{name}.err"):
        m = re.match(r"timing: +(.+?) +([\d.]+) s", line)
        if m:
            laps[m.group(1).strip()] = float(m.group(2))
    # "history compare" is the matching, edits and carried together (their own laps are parts of it)
    compare = sum(laps.get(k, 0) for k in ["history figures", "history base read", "history compare"])
    return wall, laps.get("history record", 0.0), compare, rss
med = lambda xs: statistics.median(xs)
alone = med([parse(f"alone-{r}")[0] for r in range(1, runs + 1)])
print(f"report alone (oct.csv, --no-history): {alone:.2f} s median of {runs}")
print("| case | wall s | snapshot s | compare s | peak RSS MB | snapshot / report alone | compare / report alone |")
print("|---|---:|---:|---:|---:|---:|---:|")
for case, label in [("sep", "September recorded (first snapshot)"), ("oct", "October: compared with September, recorded"),
                    ("again", "October again (unchanged: nothing written)"), ("sepnoid", "without ids: September recorded"),
                    ("octnoid", "without ids: October compared and recorded")]:
    vals = [parse(f"{case}-{r}") for r in range(1, runs + 1)]
    wall, snap, cmp, rss = (med([v[i] for v in vals]) for i in range(4))
    print(f"| {label} | {wall:.2f} | {snap:.2f} | {cmp:.2f} | {rss:.0f} | {snap / alone:.1%} | {cmp / alone:.1%} |")
PY
