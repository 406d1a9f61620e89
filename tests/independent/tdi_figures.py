#!/usr/bin/env python3
"""Independent computation of the docs/metrics.md figures for the Texas insurance
ledger (shared/realdata/tdi_texas_insurance_complaints_state_farm_2012_2025.csv),
written from docs/metrics.md alone with the standard library — no code shared with
the engine. Its output is pasted into tests/metrics.rs as the expected values.

Reading as data/mappings/tdi_texas_insurance.toml does: id = Complaint number,
received = Received date, closed = Closed date (M/D/YYYY), product = Coverage
type, defect_type = Reason complaint filed, customer = Complaint filed against.
Same id twice: the last row wins, at the first row's position.
Usage: python3 tdi_figures.py PATH_TO_CSV
"""
import csv, datetime as dt, json, math, statistics, sys
from collections import Counter, defaultdict

def d(s):
    s = s.strip()
    if not s:
        return None
    m, day, y = s.split('/')
    return dt.date(int(y), int(m), int(day))

def norm(s):
    return ' '.join((s or '').split())

rows = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
first_pos, last_row = {}, {}
for i, r in enumerate(rows):
    cid = r['Complaint number'].strip()
    first_pos.setdefault(cid, i)
    last_row[cid] = r
complaints = sorted(((first_pos[c], last_row[c]) for c in last_row), key=lambda x: x[0])
C = [dict(order=o, rd=d(r['Received date']), cd=d(r['Closed date']),
          product=norm(r['Coverage type']), defect=norm(r['Reason complaint filed']),
          customer=norm(r['Complaint filed against'])) for o, r in complaints]

ym = lambda x: x.year * 12 + x.month - 1
latest = max(c['rd'] for c in C)
period = ym(latest)
as_of = (dt.date(latest.year + latest.month // 12, latest.month % 12 + 1, 1) - dt.timedelta(days=1))
C = [c for c in C if c['rd'] <= as_of]
TARGET, WINDOW = 10, 90
for c in C:
    c['closed'] = c['cd'] is not None and c['cd'] <= as_of
    c['ttr'] = (c['cd'] - c['rd']).days if c['closed'] and c['cd'] >= c['rd'] else None
    c['age'] = None if c['closed'] else (as_of - c['rd']).days

# recurrence: order by (received, input order)
key = lambda c: None if not c['product'] or not c['defect'] else (c['product'].lower(), c['defect'].lower())
ordered = sorted(C, key=lambda c: (c['rd'], c['order']))
seen = defaultdict(list)
for c in ordered:
    k = key(c)
    c['repeat'] = c['rac'] = False
    if k is None:
        continue
    earlier = seen[k]
    c['repeat'] = any((c['rd'] - p['rd']).days <= WINDOW for p in earlier)
    c['rac'] = any(p['cd'] is not None and p['cd'] < c['rd'] and (c['rd'] - p['cd']).days <= WINDOW for p in earlier)
    earlier.append(c)

def p90(v):
    v = sorted(v)
    return float(v[math.ceil(0.9 * len(v)) - 1]) if v else None

def km(cs):
    """Kaplan-Meier median and P90 with the open complaints censored at their
    age (docs/metrics.md section 3), and the bounds when not reached."""
    events = [c['ttr'] for c in cs if c['ttr'] is not None]
    spells = events + [c['age'] for c in cs if c['age'] is not None]
    s, curve = 1.0, []
    for t in sorted(set(events)):
        at_risk = sum(1 for x in spells if x >= t)
        s *= 1 - events.count(t) / at_risk
        curve.append((t, s))
    median = None
    for i, (t, v) in enumerate(curve):
        if v <= 0.5 + 1e-9:
            exact = abs(v - 0.5) <= 1e-9 and i + 1 < len(curve)
            median = (t + curve[i + 1][0]) / 2 if exact else float(t)
            break
    p = next((float(t) for t, v in curve if v <= 0.1 + 1e-9), None)
    median_bound = float(statistics.median(spells)) if median is None and spells else None
    p90_bound = p90(spells) if p is None else None
    return median, median_bound, p, p90_bound

def figures(cs):
    ttrs = [c['ttr'] for c in cs if c['ttr'] is not None]
    on_time = sum(1 for t in ttrs if t <= TARGET)
    late = sum(1 for t in ttrs if t > TARGET)
    overdue = sum(1 for c in cs if c['age'] is not None and c['age'] > TARGET)
    det = on_time + late + overdue
    n = len(cs)
    est = km(cs)
    return dict(received=n, closed=sum(c['closed'] for c in cs), on_time=on_time, late=late, overdue=overdue,
                open_within_target=sum(1 for c in cs if c['age'] is not None and c['age'] <= TARGET),
                on_time_rate=round(on_time / det, 4) if det else None,
                ttr_median=est[0], ttr_median_at_least=est[1],
                ttr_mean=round(sum(ttrs) / len(ttrs), 2) if ttrs else None, ttr_p90=est[2], ttr_p90_at_least=est[3],
                ttr_max=max(ttrs) if ttrs else None, repeats=sum(c['repeat'] for c in cs),
                repeat_rate=round(sum(c['repeat'] for c in cs) / n, 4) if n else None,
                recurrences_after_closure=sum(c['rac'] for c in cs),
                recurrence_after_closure_rate=round(sum(c['rac'] for c in cs) / n, 4) if n else None)

by_month = defaultdict(list)
for c in C:
    by_month[ym(c['rd'])].append(c)
first = min(by_month)
cnt = lambda m: len(by_month.get(m, []))
label = lambda m: f"{m // 12:04d}-{m % 12 + 1:02d}"
trend = []
for m in range(period - 11, period + 1):
    prev = m - 1
    mom = cnt(m) - cnt(prev) if m >= first and prev >= first else None
    yoy = cnt(m - 12) if m - 12 >= first else None
    recent = [cnt(x) for x in (m, m - 1, m - 2) if x >= first]
    f = figures(by_month.get(m, []))
    trend.append(dict(month=label(m), received=cnt(m), mom_change=mom,
                      mom_pct=round(100 * mom / cnt(prev), 2) if mom is not None and cnt(prev) else None,
                      yoy_count=yoy, yoy_pct=round(100 * (cnt(m) - yoy) / yoy, 2) if yoy else None,
                      rolling3=round(sum(recent) / len(recent), 4) if recent else None,
                      on_time_rate=f['on_time_rate'], ttr_median=f['ttr_median'],
                      ttr_median_at_least=f['ttr_median_at_least'], repeats=f['repeats']))

month_rows = by_month.get(period, [])
# §14: year to date (the span ends at the period's end, so last year's span
# ends at the end of the same month); null when it ends before the data start
ytd = sum(cnt(m) for m in range(period - period % 12, period + 1))
last = period - 12
ytd_last = sum(cnt(m) for m in range(last - last % 12, last + 1)) if last >= first else None
month_figures = figures(month_rows)
month_figures.update(ytd_received=ytd, ytd_received_last_year=ytd_last,
                     ytd_change_pct=round(100 * (ytd - ytd_last) / ytd_last, 2) if ytd_last else None,
                     ytd_goal=None)
pareto = sorted(Counter(c['defect'] or '(blank)' for c in month_rows).items(), key=lambda x: (-x[1], x[0]))
aging = Counter()
for c in C:
    if c['age'] is None:
        continue
    a = c['age']
    aging['0-5' if a <= 5 else '6-10' if a <= 10 else '11-20' if a <= 20 else '21-30' if a <= 30 else '31-60' if a <= 60 else '>60'] += 1
base = [cnt(m) for m in range(max(first, period - 24), period)]
centre = sum(base) / len(base)
print(json.dumps(dict(period=label(period), as_of=str(as_of), complaints=len(C), month=month_figures,
                      trend=trend, pareto_month_top3=pareto[:3], aging=aging,
                      overdue=sum(1 for c in C if c['age'] is not None and c['age'] > TARGET),
                      centre=round(centre, 4), ucl=round(centre + 3 * math.sqrt(centre), 4),
                      lcl=round(max(0, centre - 3 * math.sqrt(centre)), 4)), indent=1, ensure_ascii=False))
