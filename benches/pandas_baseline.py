#!/usr/bin/env python3
"""pandas baseline for benches/run.sh: the monthly complaint report the way an
analyst would write it with pandas + openpyxl (or xlsxwriter for the output),
on the tidy ledgers of `complaints sample --rows N` (17 columns, English headers).

    pandas_baseline.py LEDGER.xlsx --engine openpyxl --out DIR   # pd.read_excel(engine="openpyxl")
    pandas_baseline.py LEDGER.xlsx --engine calamine --out DIR   # pd.read_excel(engine="calamine")
    pandas_baseline.py LEDGER.csv --out DIR                      # pd.read_csv
    pandas_baseline.py LEDGER.xlsx --writer xlsxwriter --out DIR # report written with xlsxwriter

Computes, following docs/metrics.md where it is cheap to do so: monthly
counts with MoM / YoY / 3-month rolling mean, per receipt month the on-time
rate against the 10-day target, TTR median and p90 (nearest rank), Pareto of
defect_type (month and 12-month window), open aging buckets and the overdue
list as of the period end, and repeats within 90 days by product+defect_type
(NFKC / trim / case-folded keys). Writes DIR/pandas_report.xlsx (Trend, Pareto,
Aging, Overdue and Data sheets; a bar chart of monthly counts, a line chart of
the on-time rate and a Pareto bar chart) and DIR/summary.json.

--writer picks how the workbook is written (the metrics do not change):
  openpyxl    pd.ExcelWriter(engine="openpyxl") and openpyxl.chart (default)
  xlsxwriter  pd.ExcelWriter(engine="xlsxwriter") and xlsxwriter's native chart
              API: the same sheets, tables and charts (same series, categories,
              titles, anchors and chart size); xlsxwriter writes much faster than
              openpyxl, so this is the stronger pandas peer

It is a baseline, not a second implementation: it does less than
`complaints report` (no header detection, no date repair, no control chart,
no breakdowns, no recurrence after closure, no PNG/SVG charts), which
favours pandas in the comparison. Phase times go to stderr.
"""

import argparse
import json
import math
import os
import sys
import time

import numpy as np
import pandas as pd

TARGET_DAYS = 10
WINDOW_MONTHS = 12
RECURRENCE_WINDOW = 90
CLOSED_WORDS = {"완료", "closed", "종결", "처리완료"}


def log(phase, t0):
    print(f"pandas_baseline: {phase} {time.perf_counter() - t0:.3f} s", file=sys.stderr)
    return time.perf_counter()


def norm_text(s: pd.Series) -> pd.Series:
    """docs/metrics.md text normalisation: NFKC, trim, collapse inner white space."""
    return s.astype("string").str.normalize("NFKC").str.strip().str.replace(r"\s+", " ", regex=True)


def p90_nearest_rank(values: pd.Series) -> float:
    v = np.sort(values.to_numpy(dtype="float64"))
    if len(v) == 0:
        return float("nan")
    return float(v[math.ceil(0.9 * len(v)) - 1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ledger")
    ap.add_argument("--engine", default="openpyxl", help="read_excel engine for xlsx: openpyxl or calamine")
    ap.add_argument("--writer", default="openpyxl", choices=["openpyxl", "xlsxwriter"],
                    help="ExcelWriter engine (and chart API) for the report workbook (default openpyxl)")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)

    t0 = time.perf_counter()
    if a.ledger.lower().endswith((".csv", ".txt")):
        df = pd.read_csv(a.ledger)
    else:
        df = pd.read_excel(a.ledger, engine=a.engine)
    t0 = log(f"read ({len(df)} rows)", t0)

    # ---- clean: dates, rejects, de-duplication by id (last wins) ----------
    data_rows = len(df)
    df["received"] = pd.to_datetime(df["received_date"], errors="coerce").dt.normalize()
    rejected = int(df["received"].isna().sum())
    df = df[df["received"].notna()].reset_index(drop=True)
    df["input_order"] = np.arange(len(df))
    with_id = df["complaint_id"].notna()
    dedup = df[with_id].drop_duplicates("complaint_id", keep="last")
    df = pd.concat([dedup, df[~with_id]]).sort_values("input_order", kind="stable").reset_index(drop=True)
    duplicates = data_rows - rejected - len(df)

    period = df["received"].max().to_period("M")
    as_of = period.to_timestamp(how="end").normalize()
    df = df[df["received"] <= as_of].copy()

    # ---- resolution ---------------------------------------------------------
    closed_dt = pd.to_datetime(df["closed_date"], errors="coerce").dt.normalize()
    status = df["status"].astype("string").str.strip().str.lower()
    closed_by_date = closed_dt.notna() & (closed_dt <= as_of)
    closed_no_date = closed_dt.isna() & status.isin(CLOSED_WORDS)
    df["closed"] = closed_by_date | closed_no_date
    ttr = (closed_dt - df["received"]).dt.days
    df["ttr"] = ttr.where(closed_by_date & (ttr >= 0))
    df["age"] = (as_of - df["received"]).dt.days
    df["on_time"] = df["ttr"].notna() & (df["ttr"] <= TARGET_DAYS)
    df["overdue"] = ~df["closed"] & (df["age"] > TARGET_DAYS)
    df["determinable"] = df["ttr"].notna() | df["overdue"]
    df["month"] = df["received"].dt.to_period("M")

    # ---- recurrence: repeat within 90 days by product + defect_type -------
    key_p = norm_text(df["product"]).str.casefold()
    key_d = norm_text(df["defect_type"]).str.casefold()
    has_key = key_p.fillna("").ne("") & key_d.fillna("").ne("")
    df["key"] = (key_p + "\x1f" + key_d).where(has_key)
    order = df.sort_values(["received", "input_order"], kind="stable")
    prev = order.groupby("key", sort=False)["received"].shift(1)
    df["repeat"] = ((order["received"] - prev).dt.days <= RECURRENCE_WINDOW).reindex(df.index).fillna(False)

    # ---- monthly trend over the whole range, then the window --------------
    months = pd.period_range(df["month"].min(), period, freq="M")
    g = df.groupby("month")
    trend = pd.DataFrame(index=months)
    trend["received"] = g.size().reindex(months, fill_value=0)
    trend["mom_change"] = trend["received"].diff()
    prev_count = trend["received"].shift(1)
    trend["mom_pct"] = (100 * trend["mom_change"] / prev_count.where(prev_count > 0)).round(2)
    trend["yoy_count"] = trend["received"].shift(12)
    trend["yoy_pct"] = (100 * (trend["received"] - trend["yoy_count"]) / trend["yoy_count"].where(trend["yoy_count"] > 0)).round(2)
    trend["rolling3"] = trend["received"].rolling(3, min_periods=1).mean().round(4)
    for col in ["closed", "on_time", "overdue", "determinable", "repeat"]:
        trend[col] = g[col].sum().reindex(months, fill_value=0)
    trend["on_time_rate"] = (trend["on_time"] / trend["determinable"].where(trend["determinable"] > 0)).round(4)
    closed_ttr = df[df["ttr"].notna()].groupby("month")["ttr"]
    trend["ttr_median"] = closed_ttr.median().reindex(months)
    trend["ttr_p90"] = closed_ttr.apply(p90_nearest_rank).reindex(months)
    trend["repeat_rate"] = (trend["repeat"] / trend["received"].where(trend["received"] > 0)).round(4)
    window_months = months[-WINDOW_MONTHS:]
    trend = trend.loc[window_months]
    trend.index = trend.index.astype(str)
    trend.index.name = "month"

    # ---- Pareto of defect_type --------------------------------------------
    df["defect"] = norm_text(df["defect_type"]).fillna("(blank)").replace("", "(blank)")
    in_window = df["month"] >= window_months[0]
    win = df[in_window]

    def pareto(frame):
        c = frame["defect"].value_counts().rename_axis("defect_type").reset_index(name="count")
        c = c.sort_values(["count", "defect_type"], ascending=[False, True], kind="stable").reset_index(drop=True)
        c["cum_count"] = c["count"].cumsum()
        c["cum_share"] = (c["cum_count"] / c["count"].sum()).round(4)
        c["vital_few"] = (c["cum_share"].shift(1, fill_value=0.0) < 0.8)
        return c

    pareto_month = pareto(df[df["month"] == period])
    pareto_window = pareto(win)

    # ---- open aging and the overdue list as of the period end -------------
    open_ = df[~df["closed"]]
    buckets = pd.cut(open_["age"], [-1, 5, 10, 20, 30, 60, np.inf], labels=["0-5", "6-10", "11-20", "21-30", "31-60", ">60"])
    aging = buckets.value_counts().reindex(["0-5", "6-10", "11-20", "21-30", "31-60", ">60"], fill_value=0)
    overdue = df[df["overdue"]].sort_values(["age", "complaint_id"], ascending=[False, True])
    overdue = overdue[["complaint_id", "received", "customer", "product", "defect_type", "owner", "department", "age"]].copy()
    overdue["days_past_target"] = overdue["age"] - TARGET_DAYS
    t0 = log("metrics", t0)

    # ---- summary.json -------------------------------------------------------
    m = trend.loc[str(period)]
    month_ttr = df[(df["month"] == period) & df["ttr"].notna()]["ttr"]
    summary = {
        "period": str(period),
        "as_of": as_of.date().isoformat(),
        "data": {"data_rows": data_rows, "rejected": rejected, "duplicates_merged": int(duplicates), "complaints": int(len(df))},
        "month": {
            "received": int(m["received"]),
            "on_time": int(m["on_time"]),
            "determinable": int(m["determinable"]),
            "on_time_rate": None if pd.isna(m["on_time_rate"]) else float(m["on_time_rate"]),
            "ttr_median": None if month_ttr.empty else float(month_ttr.median()),
            "ttr_p90": None if month_ttr.empty else p90_nearest_rank(month_ttr),
            "repeats": int(m["repeat"]),
        },
        "overdue_total": int(len(overdue)),
        "trend": json.loads(trend.reset_index().to_json(orient="records")),
        "pareto_month": json.loads(pareto_month.to_json(orient="records", force_ascii=False)),
        "aging": {k: int(v) for k, v in aging.items()},
    }
    with open(os.path.join(a.out, "summary.json"), "w", encoding="utf-8") as f:
        json.dump(summary, f, ensure_ascii=False, indent=1)

    # ---- the workbook ----------------------------------------------------------
    data_cols = [c for c in win.columns if c not in ("received", "input_order", "determinable", "month", "key", "defect")]
    path = os.path.join(a.out, "pandas_report.xlsx")
    n = len(trend)
    n_pareto = len(pareto_window)
    cols = {name: i + 1 for i, name in enumerate(trend.columns)}  # 0-based; column 0 is the month index
    titles = {
        "bar": "Complaints received per month",
        "line": f"On-time rate (≤ {TARGET_DAYS} days)",
        "pareto": "Pareto of defect types (12 months)",
    }
    with pd.ExcelWriter(path, engine=a.writer) as xw:
        trend.to_excel(xw, sheet_name="Trend")
        pareto_window.to_excel(xw, sheet_name="Pareto", index=False)
        aging.rename_axis("age_days").to_frame("open").to_excel(xw, sheet_name="Aging")
        overdue.to_excel(xw, sheet_name="Overdue", index=False)
        win[data_cols].to_excel(xw, sheet_name="Data", index=False)

        if a.writer == "openpyxl":
            from openpyxl.chart import BarChart, LineChart, Reference

            # openpyxl references are 1-based
            ws = xw.book["Trend"]
            bar = BarChart()
            bar.title = titles["bar"]
            bar.add_data(Reference(ws, min_col=cols["received"] + 1, min_row=1, max_row=n + 1), titles_from_data=True)
            bar.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
            ws.add_chart(bar, "A16")
            line = LineChart()
            line.title = titles["line"]
            line.add_data(Reference(ws, min_col=cols["on_time_rate"] + 1, min_row=1, max_row=n + 1), titles_from_data=True)
            line.set_categories(Reference(ws, min_col=1, min_row=2, max_row=n + 1))
            ws.add_chart(line, "J16")
            wp = xw.book["Pareto"]
            pbar = BarChart()
            pbar.title = titles["pareto"]
            pbar.add_data(Reference(wp, min_col=2, min_row=1, max_row=n_pareto + 1), titles_from_data=True)
            pbar.set_categories(Reference(wp, min_col=1, min_row=2, max_row=n_pareto + 1))
            wp.add_chart(pbar, "H2")
        else:
            # xlsxwriter's native charts, equivalent to the openpyxl ones above:
            # clustered vertical bars ("column") / a line, one series named by its
            # header cell, the first column as categories, legend on the right,
            # openpyxl's default chart size (15 × 7.5 cm), the same anchors.
            # xlsxwriter references are 0-based [sheet, first_row, first_col, last_row, last_col].
            book = xw.book
            size = {"width": 567, "height": 283}

            def chart(kind, title, sheet, val_col, last_row):
                c = book.add_chart({"type": kind})
                c.add_series({
                    "name": [sheet, 0, val_col],
                    "categories": [sheet, 1, 0, last_row, 0],
                    "values": [sheet, 1, val_col, last_row, val_col],
                })
                c.set_title({"name": title})
                c.set_legend({"position": "right"})
                c.set_size(size)
                return c

            ws = xw.sheets["Trend"]
            ws.insert_chart("A16", chart("column", titles["bar"], "Trend", cols["received"], n))
            ws.insert_chart("J16", chart("line", titles["line"], "Trend", cols["on_time_rate"], n))
            wp = xw.sheets["Pareto"]
            wp.insert_chart("H2", chart("column", titles["pareto"], "Pareto", 1, n_pareto))
    log(f"write xlsx ({a.writer})+json", t0)

    mm = summary["month"]
    rate = "n/a" if mm["on_time_rate"] is None else f"{100 * mm['on_time_rate']:.1f} %"
    print(
        f"pandas report {period}: received {mm['received']}, on time {rate} ({mm['on_time']} of {mm['determinable']}),"
        f" TTR median {mm['ttr_median']} p90 {mm['ttr_p90']}, overdue {len(overdue)}, repeats {mm['repeats']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
