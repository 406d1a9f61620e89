#!/usr/bin/env bash
# sql/check.sh: do the SQL files of sql/ give the report's figures?
#
# Exports the sample ledgers (with their config data/sample/complaints.toml:
# the shipments file and the goals of §12-§14) and a generated ledger of N
# complaints with `complaints export`, runs every sql/*.sql with DuckDB and
# with Spark SQL in
# local mode (sql/run.py) and compares each figure with the export's
# _summary.json: counts exactly, rates to the decimals summary.json rounds to.
# Prints a table figure / engine / duckdb / spark and the times of
# `complaints report`, DuckDB and Spark. Exits 1 on any mismatch.
#
#   sql/check.sh                      # sample + 1,000,000 rows
#   sql/check.sh --rows 100000        # a smaller generated ledger
#   sql/check.sh --rows 0             # the sample only
#   sql/check.sh --engines duckdb     # without Spark
#
# Environment:
#   COMPLAINTS_BIN        the binary (default: $CARGO_TARGET_DIR/release/complaints,
#                         else target/release/complaints); it is not built here
#   COMPLAINTS_SQL_VENV   the Python venv (default: ~/.cache/complaints-sql-venv)
#   COMPLAINTS_SQL_WORK   work folder (default: a new temporary folder, removed at
#                         the end unless --keep)
#   SPARK_DRIVER_MEMORY   Spark driver memory (default 4g)
#   SPARK_SHUFFLE_PARTITIONS  spark.sql.shuffle.partitions (default 2 x cores)
set -uo pipefail

ROWS=1000000
ENGINES=duckdb,spark
KEEP=0
AS_OF=2025-10-31
usage() { sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="${2:?--rows needs a number}"; shift 2 ;;
    --rows=*) ROWS="${1#*=}"; shift ;;
    --engines) ENGINES="${2:?--engines needs a list}"; shift 2 ;;
    --engines=*) ENGINES="${1#*=}"; shift ;;
    --keep) KEEP=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "check.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
case "$ROWS" in ''|*[!0-9]*) echo "check.sh: --rows wants a whole number, got '$ROWS'" >&2; exit 2 ;; esac

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
cd "$REPO" || exit 2

# --- the binary (never built here) -----------------------------------------
if [ -n "${COMPLAINTS_BIN:-}" ]; then
  BIN="$COMPLAINTS_BIN"
elif [ -n "${CARGO_TARGET_DIR:-}" ] && [ -x "$CARGO_TARGET_DIR/release/complaints" ]; then
  BIN="$CARGO_TARGET_DIR/release/complaints"
else
  BIN="$REPO/target/release/complaints"
fi
if [ ! -x "$BIN" ]; then
  echo "check.sh: no complaints binary at $BIN: run 'cargo build --release' or set COMPLAINTS_BIN" >&2
  exit 2
fi
case "$BIN" in */debug/*) echo "notice: $BIN is a debug build: its times are not the release build's" ;; esac

# --- Python, DuckDB, Spark ---------------------------------------------------
VENV="${COMPLAINTS_SQL_VENV:-$HOME/.cache/complaints-sql-venv}"
PY="$VENV/bin/python"
if [ ! -x "$PY" ]; then
  echo "== creating the venv $VENV"
  python3 -m venv "$VENV" || { echo "check.sh: cannot create a venv with python3 -m venv" >&2; exit 2; }
fi
want_spark=0
case ",$ENGINES," in *,spark,*) want_spark=1 ;; esac
if ! "$PY" -c 'import duckdb' 2>/dev/null; then
  echo "== pip install duckdb"
  "$PY" -m pip install --quiet --disable-pip-version-check duckdb || { echo "check.sh: pip could not install duckdb" >&2; exit 2; }
fi
SPARK_SKIPPED=""
if [ "$want_spark" = 1 ]; then
  if ! "$PY" -c 'import pyspark' 2>/dev/null; then
    echo "== pip install pyspark"
    "$PY" -m pip install --quiet --disable-pip-version-check pyspark || SPARK_SKIPPED="pip could not install pyspark"
  fi
  if [ -z "$SPARK_SKIPPED" ] && ! command -v java >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
      echo "== apt-get install default-jre-headless (Spark needs Java 17 or later)"
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
    fi
    command -v java >/dev/null 2>&1 || SPARK_SKIPPED="no java: install a JRE 17+ (apt-get install -y default-jre-headless)"
  fi
  if [ -n "$SPARK_SKIPPED" ]; then
    echo "NOTICE: Spark is SKIPPED: $SPARK_SKIPPED"
    ENGINES="$(echo ",$ENGINES," | sed 's/,spark,/,/g; s/^,//; s/,$//')"
    [ -n "$ENGINES" ] || { echo "check.sh: no engine left to run" >&2; exit 1; }
  fi
fi

# --- work folder -------------------------------------------------------------
if [ -n "${COMPLAINTS_SQL_WORK:-}" ]; then
  WORK="$COMPLAINTS_SQL_WORK"; mkdir -p "$WORK"
else
  WORK="$(mktemp -d "${TMPDIR:-/tmp}/complaints-sql.XXXXXX")"
  [ "$KEEP" = 1 ] || trap 'rm -rf "$WORK"' EXIT
fi
TIMES="$WORK/times.jsonl"
: > "$TIMES"
FAILED=0

seconds() {  # seconds LOG CMD...: runs CMD, output to LOG, prints the wall time
  local log="$1"; shift
  local t0 t1
  t0=$(date +%s.%N)
  if ! "$@" > "$log" 2>&1; then
    echo "check.sh: failed: $* (see below)" >&2
    tail -20 "$log" >&2
    return 1
  fi
  t1=$(date +%s.%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }'
}

check() {  # check LABEL SHIPMENTS|- INPUTS...: SHIPMENTS is the shipments file the inputs' config names
  local label="$1" ship="$2"; shift 2
  local ship_args=()
  [ "$ship" != "-" ] && ship_args=(--shipments "$ship")
  local ds="$WORK/$label" t_export t_report
  echo
  echo "== $label: complaints export $* --as-of $AS_OF"
  t_export=$(seconds "$WORK/$label-export.log" "$BIN" export "$@" --out "$ds" --as-of "$AS_OF") || { FAILED=1; return; }
  echo "   export ${t_export} s; $(head -1 "$WORK/$label-export.log")"
  echo "== $label: complaints report $* --as-of $AS_OF"
  t_report=$(seconds "$WORK/$label-report.log" "$BIN" report "$@" --out "$WORK/$label-report" --as-of "$AS_OF") || { FAILED=1; return; }
  echo "   report ${t_report} s"
  echo "{\"label\": \"$label\", \"engine\": \"complaints\", \"report\": $t_report, \"export\": $t_export}" >> "$TIMES"
  "$PY" "$HERE/run.py" "$ds" --engines "$ENGINES" --label "$label" --table "$WORK/$label-figures.txt" \
      --timings-json "$TIMES" "${ship_args[@]}" 2> "$WORK/$label-run.err"
  local rc=$?
  if [ $rc -ne 0 ]; then
    FAILED=1
    echo "check.sh: run.py exited $rc on $label; its stderr (last lines):"
    grep -v '^WARNING\|^Using Spark\|^Setting default\|^To adjust\|WARN ' "$WORK/$label-run.err" | tail -20
  fi
}

SHIPMENTS="$(sed -n 's/^shipments *= *"\(.*\)".*/\1/p' data/sample/complaints.toml)"
check sample "data/sample/$SHIPMENTS" data/sample --config data/sample/complaints.toml

if [ "$ROWS" -gt 0 ]; then
  BIG="$WORK/big_${ROWS}.csv"
  echo
  echo "== generating $ROWS complaints: complaints sample --rows $ROWS --format csv"
  "$BIN" sample --rows "$ROWS" --format csv --out "$BIG" > "$WORK/sample-gen.log" 2>&1 \
    || { echo "check.sh: complaints sample failed:"; tail -5 "$WORK/sample-gen.log"; exit 1; }
  check "rows_$ROWS" - "$BIG"
fi

# --- times -------------------------------------------------------------------
echo
echo "== times (seconds, wall clock, $(nproc 2>/dev/null || echo '?') cores)"
"$PY" - "$TIMES" <<'EOF'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
labels = list(dict.fromkeys(r["label"] for r in rows))
print(f"  {'dataset':<16}{'report':>9}{'export':>9}{'duckdb':>9}{'(queries)':>10}{'spark':>9}{'(start)':>9}{'(queries)':>10}")
for lab in labels:
    by = {r["engine"]: r for r in rows if r["label"] == lab}
    c, d, s = by.get("complaints", {}), by.get("duckdb"), by.get("spark")
    cell = lambda v: f"{v:9.2f}" if isinstance(v, (int, float)) else f"{'-':>9}"
    print(f"  {lab:<16}{cell(c.get('report'))}{cell(c.get('export'))}"
          f"{cell(d and d['total'])}{cell(d and d['queries']):>10}"
          f"{cell(s and s['total'])}{cell(s and s['startup'])}{cell(s and s['queries']):>10}")
print("  report = `complaints report` (every output: workbook, charts, summary.json); export = the dataset;")
print("  duckdb/spark = connect or start the session, then run the SQL files and fetch their rows")
EOF
[ -n "$SPARK_SKIPPED" ] && echo "NOTICE: Spark was SKIPPED: $SPARK_SKIPPED"
[ "$KEEP" = 1 ] && echo "work folder kept: $WORK"
if [ "$FAILED" != 0 ]; then
  echo "check.sh: FAILED (see the mismatches above)"
  exit 1
fi
echo "check.sh: every figure of the SQL equals summary.json"
