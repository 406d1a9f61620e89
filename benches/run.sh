#!/usr/bin/env bash
# Benchmark of `complaints report` against the raw calamine parse floor and a
# pandas baseline, on the same generated ledgers, in one run.
#
#   benches/run.sh                                # sizes 2000,100000,1000000, 3 runs each
#   benches/run.sh --sizes 2000,100000 --runs 5
#   benches/run.sh --pandas-runs-1m 1             # one pandas run at 1M (minutes each)
#   benches/run.sh --sizes 10000000               # 10M-row CSV peak-RSS check only
#
# Options:
#   --sizes A,B,..     ledger sizes in rows (default 2000,100000,1000000)
#   --runs N           timed runs per case; the table shows median and min (default 3)
#   --pandas-runs N    runs for the pandas cases (default: --runs)
#   --pandas-runs-1m N runs for the pandas cases at >= 1,000,000 rows (default:
#                      --pandas-runs; pandas+openpyxl takes ~6 min per run at 1M;
#                      0 skips the pandas cases at 1M)
#   --no-pandas        skip the pandas baseline
#   --no-build         use the binaries already in $CARGO_TARGET_DIR/release
#
# Environment:
#   BENCH_DIR          cache of generated ledgers and report outputs, outside the
#                      repository (default /tmp/complaints-bench); ledgers are
#                      generated once (`complaints sample --rows N --seed 1`) and
#                      reused — delete the folder after changing the generator
#   CARGO_TARGET_DIR   where the release build is (default <repo>/target)
#
# Cases, all timed as whole processes with /usr/bin/time (wall clock, peak RSS):
#   raw parse (cells)   examples/raw_parse.rs: calamine worksheet_cells_reader over
#                       every cell of the xlsx, nothing else — the floor
#   raw parse (range)   the same through worksheet_range (slower; shown for the record)
#   complaints xlsx     complaints report LEDGER.xlsx --out DIR (ingest, metrics,
#                       workbook, PNG/SVG charts, summary.json)
#   complaints csv      the same on the CSV export of the same ledger
#   complaints parquet  the same on the Parquet export of the same ledger
#   pandas+openpyxl     benches/pandas_baseline.py, pd.read_excel(engine="openpyxl"),
#                       report written with openpyxl
#   pandas+openpyxl→xlsxwriter
#                       the same, report written with pd.ExcelWriter(engine="xlsxwriter")
#                       and xlsxwriter's native charts (--writer xlsxwriter): the
#                       stronger pandas peer, openpyxl being a slow writer
#   pandas+calamine     the same with pd.read_excel(engine="calamine") (python-calamine)
#   pandas read_csv     the same with pd.read_csv
# At 10,000,000 rows only `complaints csv` runs (the peak-RSS target): it takes
# about 2 minutes a run and peaked at 3.4 GiB at the commit of benches/results.md.
#
# The pandas venv is benches/.venv (pandas, openpyxl, xlsxwriter, python-calamine);
# it is created on first use and needs PyPI then (an older venv without xlsxwriter
# gets it installed on the next run). Without python3 the pandas rows are skipped
# with a notice.
#
# Output: a Markdown table on stdout, also written to benches/results.md
# (overwritten) with the date, nproc, CPU, load average, versions and the git
# commit, and the size of the workbook (and data CSV) each size's report wrote.

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
SIZES="2000,100000,1000000"
RUNS=3
PANDAS_RUNS=""
PANDAS_RUNS_1M=""
DO_PANDAS=1
DO_BUILD=1
BENCH_DIR="${BENCH_DIR:-/tmp/complaints-bench}"
TARGET_DIR="${CARGO_TARGET_DIR:-$REPO/target}"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case "$1" in
        --sizes) SIZES="$2"; shift 2 ;;
        --sizes=*) SIZES="${1#*=}"; shift ;;
        --runs) RUNS="$2"; shift 2 ;;
        --runs=*) RUNS="${1#*=}"; shift ;;
        --pandas-runs) PANDAS_RUNS="$2"; shift 2 ;;
        --pandas-runs=*) PANDAS_RUNS="${1#*=}"; shift ;;
        --pandas-runs-1m) PANDAS_RUNS_1M="$2"; shift 2 ;;
        --pandas-runs-1m=*) PANDAS_RUNS_1M="${1#*=}"; shift ;;
        --no-pandas) DO_PANDAS=0; shift ;;
        --no-build) DO_BUILD=0; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "run.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done
PANDAS_RUNS="${PANDAS_RUNS:-$RUNS}"
PANDAS_RUNS_1M="${PANDAS_RUNS_1M:-$PANDAS_RUNS}"
[[ "$PANDAS_RUNS_1M" =~ ^[0-9]+$ ]] || { echo "run.sh: --pandas-runs-1m must be a number, not '$PANDAS_RUNS_1M'" >&2; exit 2; }
for n in $RUNS $PANDAS_RUNS; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --runs/--pandas-runs must be a positive number, not '$n'" >&2; exit 2; }
done
IFS=',' read -r -a SIZE_LIST <<< "$SIZES"
for n in "${SIZE_LIST[@]}"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "run.sh: --sizes takes row counts like 2000,100000, not '$n'" >&2; exit 2; }
done
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time is needed for peak RSS (apt-get install time)" >&2; exit 2; }

note() { echo "run.sh: $*" >&2; }

# ---- build, then snapshot the binaries so a concurrent rebuild cannot change
# ---- what is measured half-way through a run
if [ "$DO_BUILD" = 1 ]; then
    note "building release binary and examples/raw_parse (CARGO_TARGET_DIR=$TARGET_DIR)"
    (cd "$REPO" && CARGO_TARGET_DIR="$TARGET_DIR" cargo build --release --quiet --bin complaints --example raw_parse)
fi
mkdir -p "$BENCH_DIR/bin" "$BENCH_DIR/out"
for b in "$TARGET_DIR/release/complaints" "$TARGET_DIR/release/examples/raw_parse"; do
    [ -x "$b" ] || { echo "run.sh: $b is missing; run without --no-build" >&2; exit 2; }
    cp -f "$b" "$BENCH_DIR/bin/"
done
BIN="$BENCH_DIR/bin/complaints"
RAW="$BENCH_DIR/bin/raw_parse"

# ---- what is measured: the commit the binaries were built from
commit="$(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo unknown)"
if [ -n "$(cd "$REPO" && git status --porcelain --untracked-files=no -- src Cargo.toml Cargo.lock 2>/dev/null)" ]; then
    commit="$commit + uncommitted changes in src/ or Cargo.*"
fi

# ---- pandas venv (checked again before each size: it lives in the work tree,
# ---- and a `git clean -X` elsewhere must not turn the pandas rows into failures)
PY=""
HAVE_PYCAL=0
HAVE_XLSXWRITER=0
VENV="${BENCH_VENV:-$HERE/.venv}"
ensure_venv() {
    PY=""
    [ "$DO_PANDAS" = 1 ] || return 0
    if ! command -v python3 >/dev/null 2>&1; then
        note "python3 not found: pandas baseline skipped"
        DO_PANDAS=0
        return 0
    fi
    if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import pandas, openpyxl" 2>/dev/null; then
        note "creating $VENV (pip install pandas openpyxl xlsxwriter python-calamine; needs PyPI once)"
        if python3 -m venv --clear "$VENV" && "$VENV/bin/pip" install --quiet --disable-pip-version-check pandas openpyxl; then
            XLSXWRITER_TRIED=1
            "$VENV/bin/pip" install --quiet --disable-pip-version-check xlsxwriter \
                || note "xlsxwriter could not be installed: the pandas+openpyxl→xlsxwriter row is skipped"
            "$VENV/bin/pip" install --quiet --disable-pip-version-check python-calamine \
                || note "python-calamine could not be installed: the pandas+calamine row is skipped"
        else
            note "could not create the venv / install pandas: pandas baseline skipped"
            DO_PANDAS=0
            return 0
        fi
    fi
    PY="$VENV/bin/python"
    HAVE_PYCAL=0
    if "$PY" -c "import python_calamine" 2>/dev/null; then HAVE_PYCAL=1; fi
    if ! "$PY" -c "import xlsxwriter" 2>/dev/null && [ -z "${XLSXWRITER_TRIED:-}" ]; then
        XLSXWRITER_TRIED=1  # a venv from before the xlsxwriter row: add it once
        note "installing xlsxwriter into $VENV (needs PyPI once)"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check xlsxwriter \
            || note "xlsxwriter could not be installed: the pandas+openpyxl→xlsxwriter row is skipped"
    fi
    HAVE_XLSXWRITER=0
    if "$PY" -c "import xlsxwriter" 2>/dev/null; then HAVE_XLSXWRITER=1; fi
}
ensure_venv

# ---- ledgers (generated once, reused)
ledger() { # size format -> path; generated atomically
    local n="$1" fmt="$2" f="$BENCH_DIR/ledger_${1}_seed1.$2"
    if [ ! -s "$f" ]; then
        note "generating $f"
        local tmp="$BENCH_DIR/.tmp_gen_${n}.$fmt"
        "$BIN" sample --rows "$n" --seed 1 --format "$fmt" --out "$tmp" >/dev/null
        mv -f "$tmp" "$f"
    fi
    echo "$f"
}

# ---- timing: one line per run in $RESULTS: size<TAB>case<TAB>seconds<TAB>rss_kb<TAB>status
RESULTS="$BENCH_DIR/runs.tsv"
: > "$RESULTS"
LOG="$BENCH_DIR/last_run.log"
: > "$LOG"
# the workbook (and data CSV) the last `complaints xlsx` run of each size wrote
WORKBOOKS="$BENCH_DIR/workbooks.tsv"
: > "$WORKBOOKS"
# the machine may be shared (2 cores, other builds): its load goes in the table
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"

measure() { # size case runs -- command...
    local size="$1" case="$2" runs="$3"; shift 4
    local i t0 t1 rss status tf="$BENCH_DIR/.time"
    for ((i = 1; i <= runs; i++)); do
        rm -rf "$BENCH_DIR/out/current"
        t0=$(date +%s%N)
        if /usr/bin/time -f '%M' -o "$tf" "$@" >>"$LOG" 2>&1; then status=ok; else status=FAIL; fi
        t1=$(date +%s%N)
        rss=$(tail -n 1 "$tf" 2>/dev/null || echo 0)
        [[ "$rss" =~ ^[0-9]+$ ]] || rss=0
        printf '%s\t%s\t%s\t%s\t%s\n' "$size" "$case" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')" "$rss" "$status" >> "$RESULTS"
        note "$(printf '%9s %-18s run %d/%d %7.2f s %6d MB %s' "$size" "$case" "$i" "$runs" \
            "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1e9}')" $((rss / 1024)) "$status")"
        if [ "$status" = FAIL ]; then note "  failed: see $LOG"; break; fi
    done
}

OUT="$BENCH_DIR/out/current"
workbook_size() { # size: bytes of the workbook and data CSV in $OUT
    local wb csv
    # (no data CSV below --data-sheet-rows: ls fails, and pipefail with it)
    wb=$(ls "$OUT"/complaint_report_*.xlsx 2>/dev/null | head -n 1 || true)
    csv=$(ls "$OUT"/data_*.csv 2>/dev/null | head -n 1 || true)
    [ -n "$wb" ] || return 0
    printf '%s\t%s\t%s\n' "$1" "$(stat -c %s "$wb")" "$([ -n "$csv" ] && stat -c %s "$csv" || echo 0)" >> "$WORKBOOKS"
}
for n in "${SIZE_LIST[@]}"; do
    if [ "$n" -ge 10000000 ]; then
        csv=$(ledger "$n" csv)
        measure "$n" "complaints csv" "$RUNS" -- "$BIN" report "$csv" --out "$OUT"
        continue
    fi
    xlsx=$(ledger "$n" xlsx)
    csv=$(ledger "$n" csv)
    measure "$n" "raw parse (cells)" "$RUNS" -- "$RAW" "$xlsx" --mode cells
    measure "$n" "raw parse (range)" "$RUNS" -- "$RAW" "$xlsx" --mode range
    measure "$n" "complaints xlsx" "$RUNS" -- "$BIN" report "$xlsx" --out "$OUT"
    workbook_size "$n"
    measure "$n" "complaints csv" "$RUNS" -- "$BIN" report "$csv" --out "$OUT"
    parquet=$(ledger "$n" parquet)
    measure "$n" "complaints parquet" "$RUNS" -- "$BIN" report "$parquet" --out "$OUT"
    ensure_venv
    pr=$PANDAS_RUNS; [ "$n" -ge 1000000 ] && pr=$PANDAS_RUNS_1M
    if [ -n "$PY" ] && [ "$pr" -gt 0 ]; then
        measure "$n" "pandas+openpyxl" "$pr" -- "$PY" "$HERE/pandas_baseline.py" "$xlsx" --engine openpyxl --out "$OUT"
        if [ "$HAVE_XLSXWRITER" = 1 ]; then
            measure "$n" "pandas+openpyxl→xlsxwriter" "$pr" -- "$PY" "$HERE/pandas_baseline.py" "$xlsx" --engine openpyxl --writer xlsxwriter --out "$OUT"
        fi
        if [ "$HAVE_PYCAL" = 1 ]; then
            measure "$n" "pandas+calamine" "$pr" -- "$PY" "$HERE/pandas_baseline.py" "$xlsx" --engine calamine --out "$OUT"
        fi
        measure "$n" "pandas read_csv" "$pr" -- "$PY" "$HERE/pandas_baseline.py" "$csv" --out "$OUT"
    fi
done
rm -rf "$OUT" "$BENCH_DIR/.time"

# ---- the table
cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)"
pyver=""
if [ -n "$PY" ] && [ -x "$PY" ]; then
    pyver="$("$PY" -c 'import sys, pandas, openpyxl; v = "python %d.%d, pandas %s, openpyxl %s" % (sys.version_info[0], sys.version_info[1], pandas.__version__, openpyxl.__version__)
import importlib.metadata as m
for d in ("xlsxwriter", "python-calamine"):
    try: v += ", %s %s" % (d, m.version(d))
    except Exception: pass
print(v)' || true)"
fi

TABLE="$BENCH_DIR/results.md"
{
    echo "# complaints benchmark"
    echo
    echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "- commit: $commit"
    echo "- nproc: $(nproc) · CPU: ${cpu:-unknown} · RAM: $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "- $(rustc --version 2>/dev/null || echo 'rustc unknown') · ${pyver:-pandas baseline not run}"
    echo "- command: benches/run.sh --sizes $SIZES --runs $RUNS$([ "$PANDAS_RUNS" != "$RUNS" ] && echo " --pandas-runs $PANDAS_RUNS")$([ "$PANDAS_RUNS_1M" != "$PANDAS_RUNS" ] && echo " --pandas-runs-1m $PANDAS_RUNS_1M")"
    echo "- ledgers: \`complaints sample --rows N --seed 1\` (17 columns), cached in $BENCH_DIR"
    LOAD_END="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)"
    # a 1-minute load above the cores at either end: others shared them
    if awk -v a="${LOAD_START%% *}" -v b="${LOAD_END%% *}" -v n="$(nproc)" 'BEGIN { exit !(a + 0 > n || b + 0 > n) }'; then
        LOAD_NOTE=" — above nproc: other processes shared the cores, every time here is an upper bound"
    else
        LOAD_NOTE=" (this run's own processes count in it)"
    fi
    echo "- load average (1, 5, 15 min) at the start: $LOAD_START, at the end: $LOAD_END$LOAD_NOTE"
    echo
    echo "Wall time of the whole process (median and min over the runs; runs per case in"
    echo "brackets), peak RSS the largest of the runs. *ratio vs raw parse* = this median ÷"
    echo "the raw calamine parse (cells reader) of the same xlsx. *ratio vs pandas* = the"
    echo "pandas median ÷ this median, i.e. how many times faster (complaints xlsx against"
    echo "pandas+openpyxl / pandas+openpyxl→xlsxwriter, pandas+calamine in brackets;"
    echo "complaints csv against pandas read_csv)."
    echo
    awk -F'\t' -v sizes="$SIZES" '
    function median(k,   n, i, j, t, a) {
        n = split(vals[k], a, " ")
        for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function fmt_ratio(x) { return x >= 100 ? sprintf("%.0f×", x) : (x >= 10 ? sprintf("%.1f×", x) : sprintf("%.2f×", x)) }
    $5 == "ok" {
        k = $1 SUBSEP $2
        vals[k] = (k in vals) ? vals[k] " " $3 : $3
        cnt[k]++
        if (!(k in mn) || $3 + 0 < mn[k]) mn[k] = $3 + 0
        if ($4 + 0 > rss[k]) rss[k] = $4 + 0
        seen[k] = 1
    }
    $5 == "FAIL" { failed[$1 SUBSEP $2] = 1 }
    END {
        ncases = split("raw parse (cells)|raw parse (range)|complaints xlsx|complaints csv|complaints parquet|pandas+openpyxl|pandas+openpyxl→xlsxwriter|pandas+calamine|pandas read_csv", cases, "|")
        print "| size | case | median s | min s | peak RSS MB | ratio vs raw parse | ratio vs pandas |"
        print "|---:|---|---:|---:|---:|---:|---:|"
        nsz = split(sizes, sz, ",")
        for (s = 1; s <= nsz; s++) {
            n = sz[s]
            for (c = 1; c <= ncases; c++) {
                k = n SUBSEP cases[c]
                if (k in failed && !(k in seen)) { printf "| %s | %s | FAILED | | | | |\n", n, cases[c]; continue }
                if (!(k in seen)) continue
                med[k] = median(k)
            }
            raw = (n SUBSEP "raw parse (cells)") in med ? med[n SUBSEP "raw parse (cells)"] : 0
            for (c = 1; c <= ncases; c++) {
                name = cases[c]; k = n SUBSEP name
                if (!(k in med)) continue
                rr = "–"; rp = "–"
                if (raw > 0 && name !~ /csv/ && name != "raw parse (cells)") rr = fmt_ratio(med[k] / raw)
                if (name == "complaints xlsx") {
                    po = n SUBSEP "pandas+openpyxl"; px = n SUBSEP "pandas+openpyxl→xlsxwriter"; pc = n SUBSEP "pandas+calamine"
                    if (po in med) rp = fmt_ratio(med[po] / med[k])
                    if (px in med) rp = rp " / " fmt_ratio(med[px] / med[k])
                    if (pc in med) rp = rp " (" fmt_ratio(med[pc] / med[k]) ")"
                }
                if (name == "complaints csv" && ((n SUBSEP "pandas read_csv") in med)) rp = fmt_ratio(med[n SUBSEP "pandas read_csv"] / med[k])
                label = n + 0 >= 1000000 ? sprintf("%gM", n / 1000000) : (n + 0 >= 1000 ? sprintf("%gk", n / 1000) : n)
                printf "| %s | %s [%d] | %.3f | %.3f | %.0f | %s | %s |\n", label, name, cnt[k], med[k], mn[k], rss[k] / 1024, rr, rp
            }
        }
        # targets
        print ""
        print "Targets:"
        print ""
        t_line("1M-row xlsx report ≤ 1.3 × raw calamine parse", 1000000, "complaints xlsx", "raw parse (cells)", "le", 1.3, "ratio")
        t_both("100k-row xlsx report ≥ 20× faster than both pandas baselines (pandas+openpyxl, pandas+openpyxl→xlsxwriter)", 100000, "pandas+openpyxl", "pandas+openpyxl→xlsxwriter", "complaints xlsx", 20)
        t_line("1M-row csv report ≥ 10× faster than pandas read_csv", 1000000, "pandas read_csv", "complaints csv", "ge", 10, "speedup")
        t_abs("2k-row xlsx full report < 0.3 s wall (median)", 2000, "complaints xlsx", "s")
        t_abs("2k-row csv full report < 0.3 s wall (median)", 2000, "complaints csv", "s")
        t_abs("1M-row csv report peak RSS < 1 GiB", 1000000, "complaints csv", "rss1")
        t_abs("10M-row csv report peak RSS < 4 GiB", 10000000, "complaints csv", "rss")
    }
    function t_line(what, n, a, b, op, lim, kind,   ka, kb, r, ok) {
        ka = n SUBSEP a; kb = n SUBSEP b
        if (!(ka in med) || !(kb in med)) { printf "- %s: not measured in this run\n", what; return }
        r = med[ka] / med[kb]
        ok = (op == "le") ? r <= lim : r >= lim
        printf "- %s: %s (%.2f×)\n", what, ok ? "**met**" : "**missed**", r
    }
    function t_both(what, n, a1, a2, b, lim,   k1, k2, kb, r1, r2) {
        k1 = n SUBSEP a1; k2 = n SUBSEP a2; kb = n SUBSEP b
        if (!(k1 in med) || !(k2 in med) || !(kb in med)) { printf "- %s: not measured in this run\n", what; return }
        r1 = med[k1] / med[kb]; r2 = med[k2] / med[kb]
        printf "- %s: %s (%.2f× / %.2f×)\n", what, (r1 >= lim && r2 >= lim) ? "**met**" : "**missed**", r1, r2
    }
    function t_abs(what, n, c, kind,   k, ok, v) {
        k = n SUBSEP c
        if (!(k in med)) { printf "- %s: not measured in this run\n", what; return }
        if (kind == "s") { v = med[k]; ok = v < 0.3; printf "- %s: %s (%.3f s)\n", what, ok ? "**met**" : "**missed**", v }
        else if (kind == "rss1") { v = rss[k] / 1048576; ok = v < 1; printf "- %s: %s (%.2f GiB)\n", what, ok ? "**met**" : "**missed**", v }
        else { v = rss[k] / 1048576; ok = v < 4; printf "- %s: %s (%.2f GiB)\n", what, ok ? "**met**" : "**missed**", v }
    }
    ' "$RESULTS"
    if [ -s "$WORKBOOKS" ]; then
        echo
        echo "Workbook written by the last \`complaints xlsx\` run (the Data sheet holds at most"
        echo "100,000 rows; a larger trend window goes whole to data_<period>.csv beside it):"
        echo
        echo "| size | workbook MB | data CSV MB |"
        echo "|---:|---:|---:|"
        awk -F'\t' '{ printf "| %s | %.1f | %s |\n", $1, $2 / 1e6, ($3 > 0 ? sprintf("%.1f", $3 / 1e6) : "–") }' "$WORKBOOKS"
        echo
        awk -F'\t' '$1 == 1000000 { v = $2 / 1e6; printf "- 1M-row workbook ≤ 30 MB: %s (%.1f MB)\n", v <= 30 ? "**met**" : "**missed**", v; found = 1 }
            END { if (!found) print "- 1M-row workbook ≤ 30 MB: not measured in this run" }' "$WORKBOOKS"
    fi
} > "$TABLE"

cp -f "$TABLE" "$HERE/results.md"
cat "$TABLE"
note "written to benches/results.md (raw runs: $RESULTS, command output: $LOG)"
