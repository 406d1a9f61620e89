#!/usr/bin/env python3
"""Runs the SQL files of this folder on a `complaints export` dataset with DuckDB
and/or Spark SQL (local mode) and compares every figure with the dataset's
_summary.json.

    python sql/run.py DATASET_DIR [--engines duckdb,spark] [--table FILE] [--shipments FILE]
    python sql/run.py DATASET_DIR --print month.sql     # just show one result

The parameters (period, as_of, window_start, notify_target_days,
recurrence_window, capa_trigger, whether defect_type is a key field, and the
data_quality flags closure_recorded and ttr_recorded) are read from
DATASET_DIR/_summary.json and written into each file's `params` CTE: a line
`<literal> AS <name>, -- @param <name>` gets the new literal, and a line ending
in `-- @list <name>` gets its `(VALUES ...) AS t(w)` list (the catch-all
words). Each engine sees
the dataset as a view named `complaints` (hive partitioning gives the
received_month column); the report's shipments file (--shipments, the
same file as the report's; docs/ledgers.md) is a second table `shipments`
(month, customer, product, units, line), empty without one.

Exit status: 0 when every figure matches, 1 on any mismatch or failed query,
2 on bad usage.
"""

import argparse
import datetime as dt
import decimal
import json
import os
import re
import sys
import time

SQL_DIR = os.path.dirname(os.path.abspath(__file__))
FILES = ["month.sql", "trend.sql", "pareto.sql", "aging.sql", "overdue.sql", "recurring_keys.sql",
         "recurring_without_capa.sql", "data_quality.sql", "ppm.sql", "responsibility.sql", "ytd.sql"]

# Decimals of the rounded figures (docs/metrics.md §7); every other number is
# compared exactly (counts, days, nearest-rank values, medians of whole days).
DECIMALS = {
    "on_time_rate": 4, "repeat_rate": 4, "recurrence_after_closure_rate": 4,
    "notify_on_time_rate": 4, "capa_coverage": 4, "cum_share": 4, "rolling3": 4,
    "mom_pct": 2, "yoy_pct": 2, "ttr_mean": 2, "cost_total": 2, "cost_mean": 2,
    "ppm": 2, "ppm_month": 2, "ppm_window": 2, "window": 2, "ytd_change_pct": 2, "ytd_goal": 1,
}

# Figures that depend on counting business days without the holiday list.
BUSINESS_DAY_FIGURES = {"notified_on_time", "notify_overdue", "notify_on_time_rate", "notify_judged",
                        "notify_days_median"}


# ---------------------------------------------------------------- parameters

def month_index(m):
    return int(m[:4]) * 12 + int(m[5:7]) - 1


def month_name(i):
    return f"{i // 12:04d}-{i % 12 + 1:02d}"


def params_of(summary, shipments=None):
    p = summary["params"]
    period = summary["period"]
    dq = summary.get("data_quality", {})
    out = {
        "period": ("str", period),
        "as_of": ("date", summary["as_of"]),
        "window_start": ("str", month_name(month_index(period) - (int(p.get("months", 12)) - 1))),
        "notify_target_days": ("int", int(p.get("notify_target_days", p.get("target_days", 10)))),
        "recurrence_window": ("int", int(p.get("recurrence_window", 90))),
        "capa_trigger": ("int", int(p.get("capa_trigger", 3))),
        "key_has_type": ("int", 1 if "defect_type" in p.get("recurrence_key", ["product", "defect_type"]) else 0),
        # which columns the ledgers had: not in the dataset, so a parameter (§3)
        "closure_recorded": ("bool", bool(dq.get("closure_recorded", True))),
        "ttr_recorded": ("bool", bool(dq.get("ttr_recorded", True))),
    }
    if "catch_all" in p:
        out["catch_all"] = ("list", list(p["catch_all"]))
    out["top"] = ("int", int(p.get("top", 10)))
    out["received_goal"] = ("num", p.get("received_goal"))
    out["has_customer"] = ("bool", bool(shipments and shipments["has_customer"]))
    out["has_product"] = ("bool", bool(shipments and shipments["has_product"]))
    return out


# ----------------------------------------------------------------- shipments

SHIPMENT_HEADERS = {  # docs/ledgers.md, side files: the headed form
    "month": ["month", "월", "년월", "출하월"],
    "units": ["units", "qty", "quantity", "수량", "출하수량", "납품수량"],
    "customer": ["customer", "고객", "고객사", "거래처", "납품처"],
    "product": ["product", "part", "part no", "제품", "품번", "품명"],
}


def key_text(s):
    """A name as the engine normalises text when read: NFKC, trimmed, inner spaces as one."""
    import unicodedata
    return " ".join(unicodedata.normalize("NFKC", s).split())


def read_shipments(path):
    """The shipments file as rows (month, customer, product, units, line): the old
    `YYYY-MM,units` form or a header naming month, units and optionally customer
    and/or product."""
    import csv
    with open(path, encoding="utf-8-sig", newline="") as f:
        lines = list(csv.reader(f))
    if not lines:
        return {"has_customer": False, "has_product": False, "rows": []}
    head = [" ".join(h.split()).lower() for h in lines[0]]
    col = {k: next((i for i, h in enumerate(head) if h in names), None) for k, names in SHIPMENT_HEADERS.items()}
    headed = col["month"] is not None and col["units"] is not None
    if not headed:
        col = {"month": 0, "units": 1, "customer": None, "product": None}
    rows = []
    for n, rec in enumerate(lines[1:] if headed else lines, start=2 if headed else 1):
        if not any(c.strip() for c in rec):
            continue
        cell = lambda k: rec[col[k]].strip() if col[k] is not None and col[k] < len(rec) else None
        rows.append((cell("month"), key_text(cell("customer")) if col["customer"] is not None else None,
                     key_text(cell("product")) if col["product"] is not None else None,
                     float(cell("units").replace(",", "")), n))
    return {"has_customer": col["customer"] is not None, "has_product": col["product"] is not None, "rows": rows}


def write_shipments_csv(shipments, path):
    """The shipments as a plain CSV with English headers, for the engines to read."""
    import csv
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["month", "customer", "product", "units", "line"])
        for r in (shipments or {}).get("rows", []):
            w.writerow(["" if v is None else v for v in r])


PARAM_LINE = re.compile(r"^(\s*(?:SELECT\s+)?)(\S.*?)(\s+AS\s+)(\w+)(\s*,?\s*--\s*@param\b.*)$", re.I)
LIST_LINE = re.compile(r"^(.*?)\(VALUES .*\) AS t\(w\)(.*--\s*@list\s+(\w+)\b.*)$", re.I)


def literal(kind, value):
    if kind == "int":
        return str(int(value))
    if kind == "bool":
        return "TRUE" if value else "FALSE"
    if kind == "num":
        return "CAST(NULL AS DOUBLE)" if value is None else f"CAST({float(value)!r} AS DOUBLE)"
    if kind == "list":  # one word a row; an empty list matches nothing (no key type is blank)
        words = [str(w).replace("'", "''") for w in value] or [""]
        return "(VALUES " + ", ".join(f"('{w}')" for w in words) + ") AS t(w)"
    text = str(value).replace("'", "''")
    return f"DATE '{text}'" if kind == "date" else f"'{text}'"


def substitute(sql, params):
    out = []
    for line in sql.splitlines():
        m = PARAM_LINE.match(line)
        if m and m.group(4) in params:
            kind, value = params[m.group(4)]
            line = m.group(1) + literal(kind, value) + m.group(3) + m.group(4) + m.group(5)
        m = LIST_LINE.match(line)
        if m and m.group(3) in params:
            kind, value = params[m.group(3)]
            line = m.group(1) + literal(kind, value) + m.group(2)
        out.append(line)
    return "\n".join(out)


def load_sql(name, params):
    with open(os.path.join(SQL_DIR, name), encoding="utf-8") as f:
        return substitute(f.read(), params)


# ------------------------------------------------------------------- engines

def plain(v):
    """A result cell as JSON would hold it."""
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()[:10]
    return v


class DuckDB:
    name = "duckdb"

    def __init__(self, dataset, shipments_csv):
        t = time.perf_counter()
        import duckdb

        self.con = duckdb.connect()
        self.con.execute(f"SET threads = {os.cpu_count() or 1}")
        glob = os.path.join(dataset, "**", "*.parquet").replace("'", "''")
        self.con.execute(
            "CREATE VIEW complaints AS SELECT * FROM read_parquet("
            f"'{glob}', hive_partitioning = true, hive_types = {{'received_month': VARCHAR}})"
        )
        path = shipments_csv.replace("'", "''")
        self.con.execute(
            f"CREATE VIEW shipments AS SELECT * FROM read_csv('{path}', header = true, "
            "columns = {'month': 'VARCHAR', 'customer': 'VARCHAR', 'product': 'VARCHAR', "
            "'units': 'DOUBLE', 'line': 'INTEGER'})"
        )
        self.startup = time.perf_counter() - t
        self.version = duckdb.__version__

    def query(self, sql):
        cur = self.con.execute(sql)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, map(plain, row))) for row in cur.fetchall()]

    def close(self):
        self.con.close()


class Spark:
    name = "spark"

    def __init__(self, dataset, shipments_csv):
        t = time.perf_counter()
        from pyspark.sql import SparkSession

        cores = os.cpu_count() or 1
        self.spark = (
            SparkSession.builder.master(f"local[{cores}]")
            .appName("complaints-sql-check")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", os.environ.get("SPARK_SHUFFLE_PARTITIONS", str(max(2, cores * 2))))
            .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
            .config("spark.driver.memory", os.environ.get("SPARK_DRIVER_MEMORY", "4g"))
            .getOrCreate()
        )
        self.spark.sparkContext.setLogLevel("ERROR")
        self.spark.read.parquet(os.path.abspath(dataset)).createOrReplaceTempView("complaints")
        self.spark.read.csv(os.path.abspath(shipments_csv), header=True,
                            schema="month STRING, customer STRING, product STRING, units DOUBLE, line INT"
                            ).createOrReplaceTempView("shipments")
        self.startup = time.perf_counter() - t
        self.version = self.spark.version

    def query(self, sql):
        return [{k: plain(v) for k, v in row.asDict().items()} for row in self.spark.sql(sql).collect()]

    def close(self):
        self.spark.stop()


ENGINES = {"duckdb": DuckDB, "spark": Spark}


# ---------------------------------------------------------------- comparison

def figures_of(name, rows, summary):
    """(figure, expected, got) triples of one file's result; expected is
    MISSING where summary.json has no such key (a section not recorded)."""
    out = []
    if name == "month.sql":
        exp = summary.get("month") or {}
        for col, v in (rows[0] if rows else {}).items():
            out.append((f"month.{col}", exp.get(col, MISSING), v))
    elif name == "trend.sql":
        by_month = {t["month"]: t for t in summary.get("trend", [])}
        got_months = [r["month"] for r in rows]
        out.append(("trend.months", [t["month"] for t in summary.get("trend", [])], got_months))
        for r in rows:
            exp = by_month.get(r["month"], {})
            for col, v in r.items():
                if col != "month":
                    out.append((f"trend[{r['month']}].{col}", exp.get(col, MISSING), v))
    elif name == "pareto.sql":
        for scope in ("month", "window"):
            exp = summary.get(f"pareto_{scope}", [])
            got = [r for r in rows if r["scope"] == scope]
            out.append((f"pareto_{scope}.length", len(exp), len(got)))
            for r in got:
                e = exp[r["pos"] - 1] if r["pos"] - 1 < len(exp) else {}
                for col in ("defect_type", "count", "cum_count", "cum_share", "vital_few"):
                    out.append((f"pareto_{scope}[{r['pos']}].{col}", e.get(col, MISSING), r[col]))
    elif name == "aging.sql":
        exp = summary.get("aging")
        for r in rows:
            out.append((f"aging.{r['bucket']}", exp.get(r["bucket"], MISSING) if exp else exp, r["count"]))
    elif name == "overdue.sql":
        exp = summary.get("overdue", [])
        out.append(("overdue.length", len(exp), len(rows)))
        for r in rows:
            e = exp[r["pos"] - 1] if r["pos"] - 1 < len(exp) else {}
            for col, v in r.items():
                if col != "pos":
                    out.append((f"overdue[{r['pos']}].{col}", e.get(col, MISSING), v))
    elif name == "recurring_keys.sql":
        exp = summary.get("recurring_keys", [])
        out.append(("recurring_keys.length", len(exp), len(rows)))
        for r in rows:
            e = exp[r["pos"] - 1] if r["pos"] - 1 < len(exp) else {}
            key = [r[c] for c in sorted((c for c in r if re.fullmatch(r"key_\d+", c)), key=lambda c: int(c[4:]))]
            out.append((f"recurring_keys[{r['pos']}].key", e.get("key", MISSING), key))
            for col in ("count", "first", "last", "customers", "repeats", "recurrences_after_closure"):
                out.append((f"recurring_keys[{r['pos']}].{col}", e.get(col, MISSING), r[col]))
    elif name == "recurring_without_capa.sql":
        # only when §9 is recorded: without a capa_id column every active key is listed
        capa = summary.get("capa") or {}
        exp = capa.get("recurring_without_capa", MISSING) if capa.get("status") == "ok" else MISSING
        fig = "capa.recurring_without_capa"
        out.append((f"{fig}.length", len(exp) if exp is not MISSING else MISSING, len(rows)))
        for r in rows:
            e = exp[r["pos"] - 1] if exp is not MISSING and r["pos"] - 1 < len(exp) else {}
            key = [r[c] for c in sorted((c for c in r if re.fullmatch(r"key_\d+", c)), key=lambda c: int(c[4:]))]
            out.append((f"{fig}[{r['pos']}].key", e.get("key", MISSING), key))
            for col in ("count", "first", "last", "customers"):
                out.append((f"{fig}[{r['pos']}].{col}", e.get(col, MISSING), r[col]))
    elif name == "ppm.sql":
        out.extend(ppm_figures(rows, summary))
    elif name == "responsibility.sql":
        out.extend(responsibility_figures(rows, summary))
    elif name == "ytd.sql":
        exp = summary.get("month") or {}
        for col, v in (rows[0] if rows else {}).items():
            out.append((f"month.{col}", exp.get(col, MISSING), v))
    elif name == "data_quality.sql":
        dq = summary.get("data_quality", {})
        for r in rows:
            f = r["figure"]
            if f == "complaints_minus_after_as_of":
                e = dq.get("complaints", 0) - dq.get("after_as_of", 0)
                out.append(("data_quality.complaints - after_as_of", e, r["value"]))
            elif f == "closed_without_notify_date" and (summary.get("notification") or {}).get("status") != "ok":
                # 0 in the report when §8 is not recorded; the dataset cannot tell
                out.append((f"data_quality.{f}", MISSING, r["value"]))
            else:
                out.append((f"data_quality.{f}", dq.get(f, MISSING), r["value"]))
    return out


def ppm_figures(rows, summary):
    """§12: trend[].ppm and month.ppm, ppm.month/window/qty_unknown, the two lists;
    compared only when summary.json has `ppm` with status ok."""
    out = []
    sec = summary.get("ppm") or {}
    ok = sec.get("status") == "ok"
    trend = {t["month"]: t for t in summary.get("trend", [])}
    for r in rows:
        if r["scope"] == "trend":
            m = r["name"]
            out.append((f"trend[{m}].ppm", trend.get(m, {}).get("ppm", MISSING) if ok else MISSING, r["ppm_month"]))
            if m == summary.get("period"):
                out.append(("month.ppm", (summary.get("month") or {}).get("ppm", MISSING) if ok else MISSING,
                            r["ppm_month"]))
        elif r["scope"] == "total":
            out.append(("ppm.month", sec.get("month", MISSING) if ok else MISSING, r["ppm_month"]))
            out.append(("ppm.window", sec.get("window", MISSING) if ok else MISSING, r["ppm_window"]))
            out.append(("ppm.qty_unknown", sec.get("qty_unknown", MISSING) if ok else MISSING, r["qty_unknown"]))
    for dim, key in (("customer", "by_customer"), ("product", "by_product")):
        got = [r for r in rows if r["scope"] == dim]
        exp = sec.get(key, MISSING) if ok else MISSING
        fig = f"ppm.{key}"
        out.append((f"{fig}.length", len(exp) if exp is not MISSING else MISSING, len(got)))
        for r in got:
            e = exp[r["pos"] - 1] if exp is not MISSING and r["pos"] - 1 < len(exp) else {}
            out.append((f"{fig}[{r['pos']}].{dim}", e.get(dim, MISSING), r["name"]))
            for col in ("defect_qty_month", "units_month", "ppm_month", "defect_qty_window", "units_window",
                        "ppm_window"):
                out.append((f"{fig}[{r['pos']}].{col}", e.get(col, MISSING), r[col]))
    return out


def responsibility_figures(rows, summary):
    """§13: breakdowns.responsibility (value, total, months) and cost.by_responsibility."""
    out = []
    exp = (summary.get("breakdowns") or {}).get("responsibility", MISSING)
    kept = {}
    for r in rows:
        if r["scope"] == "breakdown":
            k = kept.setdefault(r["pos"], {"value": r["value"], "total": r["total"], "months": []})
            k["months"].append(r["cnt"])  # ordered by month in the SQL
    out.append(("breakdowns.responsibility.length", len(exp) if exp is not MISSING else MISSING, len(kept)))
    for pos in sorted(kept):
        e = exp[pos - 1] if exp is not MISSING and pos - 1 < len(exp) else {}
        for col in ("value", "total", "months"):
            out.append((f"breakdowns.responsibility[{pos}].{col}", e.get(col, MISSING), kept[pos][col]))
    cost = summary.get("cost") or {}
    exp = cost.get("by_responsibility", MISSING) if cost.get("status") == "ok" else MISSING
    got = [r for r in rows if r["scope"] == "cost"]
    out.append(("cost.by_responsibility.length", len(exp) if exp is not MISSING else MISSING, len(got)))
    for r in got:
        e = exp[r["pos"] - 1] if exp is not MISSING and r["pos"] - 1 < len(exp) else {}
        out.append((f"cost.by_responsibility[{r['pos']}].responsibility", e.get("responsibility", MISSING), r["value"]))
        out.append((f"cost.by_responsibility[{r['pos']}].cost", e.get("cost", MISSING), r["cost"]))
        out.append((f"cost.by_responsibility[{r['pos']}].count", e.get("count", MISSING), r["cnt"]))
    return out


class Missing:
    def __repr__(self):
        return "(absent)"


MISSING = Missing()


def same(figure, expected, got):
    if expected is MISSING:
        return None  # not compared: the engine did not report it
    if expected is None or got is None:
        return expected is None and got is None
    if isinstance(expected, bool) or isinstance(got, bool):
        return bool(expected) == bool(got) and isinstance(expected, bool) == isinstance(got, bool)
    if isinstance(expected, (int, float)) and isinstance(got, (int, float)):
        key = figure.rsplit(".", 1)[-1]
        d = DECIMALS.get(key)
        if d is None:
            return float(expected) == float(got)
        return abs(round(float(got), d) - float(expected)) < 10 ** -(d + 3)
    return expected == got


def show(v):
    if v is MISSING:
        return "(absent)"
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, list):
        return f"[{len(v)} items]" if len(v) > 3 else json.dumps(v, ensure_ascii=False)
    if isinstance(v, float) and v.is_integer():
        return f"{v:.1f}"
    return str(v)


# ---------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dataset", help="folder written by `complaints export`")
    ap.add_argument("--engines", default="duckdb,spark", help="comma list of duckdb, spark (default both)")
    ap.add_argument("--table", help="also write the full comparison table to this file")
    ap.add_argument("--print", dest="show_file", metavar="FILE.sql", help="print one file's result and exit")
    ap.add_argument("--quiet", action="store_true", help="print only mismatches, per-section counts and times")
    ap.add_argument("--timings-json", help="append the engines' times to this JSON-lines file")
    ap.add_argument("--label", default="", help="name of the dataset in the output (e.g. sample, 1M)")
    ap.add_argument("--shipments", help="the report's shipments file (§12 PPM): the table `shipments`")
    args = ap.parse_args()

    summary_path = os.path.join(args.dataset, "_summary.json")
    if not os.path.exists(summary_path):
        print(f"run.py: {summary_path} not found: is {args.dataset} a `complaints export` folder?", file=sys.stderr)
        return 2
    with open(summary_path, encoding="utf-8") as f:
        summary = json.load(f)
    shipments = read_shipments(args.shipments) if args.shipments else None
    params = params_of(summary, shipments)
    import tempfile
    ship_dir = tempfile.mkdtemp(prefix="complaints-shipments-")
    ship_csv = os.path.join(ship_dir, "shipments.csv")
    write_shipments_csv(shipments, ship_csv)
    import atexit
    import shutil
    atexit.register(shutil.rmtree, ship_dir, True)
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    bad = [e for e in engines if e not in ENGINES]
    if bad or not engines:
        print(f"run.py: unknown engine(s) {bad}; use duckdb, spark", file=sys.stderr)
        return 2

    if args.show_file:
        eng = ENGINES[engines[0]](args.dataset, ship_csv)
        for row in eng.query(load_sql(args.show_file, params)):
            print(json.dumps(row, ensure_ascii=False))
        eng.close()
        return 0

    label = args.label or os.path.basename(os.path.normpath(args.dataset))
    print(f"== {label}: {args.dataset}  (period {params['period'][1]}, as_of {params['as_of'][1]}, "
          f"window {params['window_start'][1]}..{params['period'][1]}, "
          f"notify_target_days {params['notify_target_days'][1]})")

    results = {}   # engine -> file -> rows
    timings = {}   # engine -> {"startup": s, file: s, "total": s}
    failures = []
    for e in engines:
        t0 = time.perf_counter()
        eng = ENGINES[e](args.dataset, ship_csv)
        timings[e] = {"startup": eng.startup}
        results[e] = {}
        for name in FILES:
            sql = load_sql(name, params)
            t = time.perf_counter()
            try:
                results[e][name] = eng.query(sql)
            except Exception as err:  # report and go on with the other files
                failures.append(f"{e} {name}: {str(err).splitlines()[0][:300]}")
                results[e][name] = None
            timings[e][name] = time.perf_counter() - t
        timings[e]["queries"] = sum(timings[e][n] for n in FILES)
        timings[e]["total"] = time.perf_counter() - t0
        timings[e]["version"] = eng.version
        eng.close()

    # one row per figure: engine's value and each SQL engine's
    rows = {}      # figure -> {"engine": v, e: v}
    order = []
    for e in engines:
        for name in FILES:
            if results[e][name] is None:
                continue
            for fig, exp, got in figures_of(name, results[e][name], summary):
                if fig not in rows:
                    rows[fig] = {"engine": exp, "file": name}
                    order.append(fig)
                rows[fig][e] = got

    # §8 with business days: the reply deadline and notify_days need the holiday
    # list, which the dataset does not carry; the SQL counts calendar days.
    business_days = bool(summary.get("params", {}).get("business_days"))
    if business_days:
        print("  notice: the report counted business days; notified_on_time, notify_overdue, "
              "notify_on_time_rate, notify_judged and notify_days_median need its holiday list "
              "and are not compared")
        for fig in order:
            if fig.rsplit(".", 1)[-1] in BUSINESS_DAY_FIGURES:
                rows[fig]["engine"] = MISSING

    mismatches = []
    compared = {e: 0 for e in engines}
    skipped = 0
    per_section = {}
    table = []
    for fig in order:
        r = rows[fig]
        marks = []
        for e in engines:
            if e not in r:
                ok = False  # the file failed in this engine, or the row is missing
            else:
                ok = same(fig, r["engine"], r[e])
            if ok is None:
                marks.append("-")
                continue
            compared[e] += 1
            marks.append("ok" if ok else "MISMATCH")
            if not ok:
                mismatches.append((fig, e))
        if all(m == "-" for m in marks):
            skipped += 1
        sec = r["file"]
        s = per_section.setdefault(sec, [0, 0])
        s[0] += 1
        s[1] += sum(1 for m in marks if m == "MISMATCH")
        table.append([fig, show(r["engine"])] + [show(r.get(e, "(no result)")) for e in engines] + [" ".join(marks)])

    head = ["figure", "engine"] + engines + ["check"]
    widths = [max(len(head[i]), *(len(t[i]) for t in table)) if table else len(head[i]) for i in range(len(head))]
    widths = [min(w, 48) for w in widths]

    def fmt(cells):
        return "  ".join(str(c)[:48].ljust(w) for c, w in zip(cells, widths)).rstrip()

    brief_sections = ("month.", "aging.", "data_quality.", "pareto_month", "trend.months", "overdue.length",
                      "pareto_window.length", "capa.recurring_without_capa.length", "ppm.month", "ppm.window",
                      "ppm.qty_unknown", "ppm.by_customer.length", "ppm.by_customer[1].", "ppm.by_product.length",
                      "ppm.by_product[1].", "breakdowns.responsibility.length", "breakdowns.responsibility[1].",
                      "cost.by_responsibility.length", "cost.by_responsibility[1].")
    lines_all = [fmt(head), fmt(["-" * w for w in widths])] + [fmt(t) for t in table]
    if args.table:
        with open(args.table, "w", encoding="utf-8") as f:
            f.write("\n".join(lines_all) + "\n")
    print(fmt(head))
    print(fmt(["-" * w for w in widths]))
    for t in table:
        brief = t[0].startswith(brief_sections)
        bad_row = "MISMATCH" in t[-1]
        if bad_row or (brief and not args.quiet):
            print(fmt(t))
    print()
    for sec in FILES:
        if sec in per_section:
            n, bad_n = per_section[sec]
            print(f"  {sec:<26} {n:5d} figures  {bad_n} mismatches")
    if args.table:
        print(f"  (every figure: {args.table})")
    print()
    print(f"  {'time (s)':<26}" + "".join(f"{e:>10}" for e in engines))
    for k in ["startup"] + FILES + ["queries", "total"]:
        print(f"  {k:<26}" + "".join(f"{timings[e][k]:10.2f}" for e in engines))
    print("  versions: " + ", ".join(f"{e} {timings[e]['version']}" for e in engines))
    if args.timings_json:
        with open(args.timings_json, "a", encoding="utf-8") as f:
            for e in engines:
                f.write(json.dumps({"label": label, "engine": e, **timings[e]}) + "\n")

    for msg in failures:
        print(f"FAILED {msg}")
    total_bad = len(mismatches) + len(failures)
    counts = ", ".join(f"{e} {compared[e]} compared" for e in engines)
    if total_bad:
        print(f"RESULT {label}: {len(mismatches)} mismatches, {len(failures)} failed queries ({counts})")
        return 1
    print(f"RESULT {label}: all figures equal ({counts}; {skipped} not compared: absent from summary.json or not reproducible)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
