"""From a tidy ledger (complaints sample --rows N --format csv): the ledger as
it stood for the previous month's report (sep.csv: rows received before the
last month), and the ledger a month later (oct.csv: the whole file, with
1,000 rows deleted, 1,000 closed dates filled in, 1,000 defect types changed
and 500 late entries of the previous month); *_noid.csv without the id column."""
import csv, random, sys
src = sys.argv[1]
random.seed(28)
rows = list(csv.reader(open(src, encoding="utf-8")))
header, body = rows[0], rows[1:]
rd = header.index("received_date"); cd = header.index("closed_date"); st = header.index("status"); dt = header.index("defect_type")
last = max(r[rd] for r in body)[:7]
y, m = map(int, last.split("-"))
prev = f"{y}-{m-1:02d}" if m > 1 else f"{y-1}-12"
sep = [r for r in body if r[rd][:7] < last]
old = [i for i, r in enumerate(body) if r[rd][:7] < prev]
deleted = set(random.sample(old, 1000))
open_rows = [i for i, r in enumerate(body) if not r[cd] and r[rd][:7] <= prev and i not in deleted]
filled = set(random.sample(open_rows, min(1000, len(open_rows))))
types = sorted({r[dt] for r in body})
reclass = set(random.sample([i for i in old if i not in deleted and i not in filled], 1000))
octo = []
for i, r in enumerate(body):
    if i in deleted:
        continue
    r = list(r)
    if i in filled:
        r[cd] = r[rd]  # closed the day it was received (any date after works)
        r[st] = "완료" if r[st] else r[st]
    if i in reclass:
        r[dt] = next(t for t in types if t != r[dt])
    octo.append(r)
late_src = [r for r in body if r[rd][:7] == prev][:500]
for k, r in enumerate(late_src):
    r = list(r); r[0] = f"LATE-{k:04d}"; octo.append(r)
def write(name, rows, drop_id):
    with open(name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        for r in [header] + rows:
            w.writerow(r[1:] if drop_id else r)
for name, rs in [("sep", sep), ("oct", octo)]:
    write(f"{name}.csv", rs, False); write(f"{name}_noid.csv", rs, True)
print("last", last, "prev", prev, "sep", len(sep), "oct", len(octo), "deleted", len(deleted), "filled", len(filled), "reclass", len(reclass), "late", len(late_src))
