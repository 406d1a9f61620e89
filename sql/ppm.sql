-- ppm.sql: summary.json `ppm`, `month.ppm` and `trend[].ppm` (docs/metrics.md §12): defective
-- parts per million shipped, per month of the trend window, for the month and the window,
-- and per customer and per product.
--
-- Reads the view `complaints` (the dataset of `complaints export`) and a second table
-- `shipments` (month 'YYYY-MM', customer, product, units, line = its line in the file), the
-- shipments file of the report (run.py loads it; customer / product are NULL when the file
-- has no such column). PPM = SUM(defect_qty) / SUM(units) * 10^6, 2 decimals, NULL when the
-- units are 0 or missing; a complaint with an unknown (NULL) quantity adds nothing and is
-- counted in qty_unknown. Names compare after key normalisation: the dataset's texts are
-- normalised when read (NFKC, trimmed, inner spaces collapsed), run.py does the same to the
-- shipments file, and both are case-folded here with LOWER.
--
-- One row per figure group, `scope`:
--   'trend'    one per month of the window (name = the month): defect_qty_month,
--              units_month, ppm_month of that month (trend[].ppm; month.ppm for the period);
--   'total'    ppm_month (ppm.month), ppm_window (ppm.window), qty_unknown;
--   'customer' / 'product'  pos, name and the six figures of ppm.by_customer / by_product,
--              every name that shipped or complained in the window, sorted by ppm_window
--              descending (NULL last), then name in code-point order.
-- A name is shown as the shipments file writes it first, else as a complaint writes it:
-- the engine takes the first complaint in input order, which the dataset does not keep;
-- here the smallest spelling (the same when a name has one spelling).
WITH params AS (
  SELECT
    '2025-10' AS period,        -- @param period: reporting month YYYY-MM
    '2024-11' AS window_start,  -- @param window_start: first month of the trend window
    TRUE      AS has_customer,  -- @param has_customer: the shipments file has a customer column
    TRUE      AS has_product    -- @param has_product: the shipments file has a product column
),
p AS (
  SELECT
    CAST(SUBSTRING(period FROM 1 FOR 4) AS INTEGER) * 12 + CAST(SUBSTRING(period FROM 6 FOR 2) AS INTEGER) - 1 AS p_idx,
    CAST(SUBSTRING(window_start FROM 1 FOR 4) AS INTEGER) * 12 + CAST(SUBSTRING(window_start FROM 6 FOR 2) AS INTEGER) - 1 AS ws_idx
  FROM params
),
digits AS (
  SELECT i FROM (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9)) AS t(i)
),
win AS (  -- every month of the window as 'YYYY-MM'
  SELECT
    CAST(CAST(FLOOR(idx / 12) AS INTEGER) AS VARCHAR(4)) || '-'
      || SUBSTRING(CAST(101 + MOD(idx, 12) AS VARCHAR(3)) FROM 2 FOR 2) AS month
  FROM (
    SELECT p.ws_idx + a.i + 10 * b.i + 100 * c.i AS idx
    FROM p CROSS JOIN digits a CROSS JOIN digits b CROSS JOIN digits c
    WHERE p.ws_idx + a.i + 10 * b.i + 100 * c.i <= p.p_idx
  ) w
),
c AS (  -- the window's complaints; a blank name is the category '(blank)'
  SELECT
    x.received_month AS month,
    CAST(x.defect_qty AS DOUBLE) AS qty,
    COALESCE(NULLIF(x.customer, ''), '(blank)') AS customer,
    COALESCE(NULLIF(x.product, ''), '(blank)') AS product
  FROM complaints x CROSS JOIN params q
  WHERE x.received_month >= q.window_start AND x.received_month <= q.period
),
s AS (
  SELECT month, customer, product, CAST(units AS DOUBLE) AS units, line FROM shipments
),
monthly AS (
  SELECT
    w.month,
    COALESCE(cq.qty, CAST(0 AS DOUBLE)) AS qty,
    COALESCE(su.units, CAST(0 AS DOUBLE)) AS units
  FROM win w
  LEFT JOIN (SELECT month, SUM(COALESCE(qty, 0)) AS qty FROM c GROUP BY month) cq ON cq.month = w.month
  LEFT JOIN (SELECT month, SUM(units) AS units FROM s GROUP BY month) su ON su.month = w.month
),
named AS (  -- complaints and shipment lines of the window per dimension and name key
  SELECT 'customer' AS dim, LOWER(customer) AS k, month, COALESCE(qty, 0) AS qty, CAST(0 AS DOUBLE) AS units
  FROM c CROSS JOIN params q WHERE q.has_customer
  UNION ALL
  SELECT 'product', LOWER(product), month, COALESCE(qty, 0), CAST(0 AS DOUBLE)
  FROM c CROSS JOIN params q WHERE q.has_product
  UNION ALL
  SELECT 'customer', LOWER(s.customer), s.month, CAST(0 AS DOUBLE), s.units
  FROM s CROSS JOIN params q
  WHERE q.has_customer AND s.customer IS NOT NULL AND s.month >= q.window_start AND s.month <= q.period
  UNION ALL
  SELECT 'product', LOWER(s.product), s.month, CAST(0 AS DOUBLE), s.units
  FROM s CROSS JOIN params q
  WHERE q.has_product AND s.product IS NOT NULL AND s.month >= q.window_start AND s.month <= q.period
),
spelled AS (  -- how a name is shown: the shipments file's first spelling, else a complaint's
  SELECT dim, k, MIN(CASE WHEN rn = 1 THEN written END) AS shipped_as
  FROM (
    SELECT 'customer' AS dim, LOWER(customer) AS k, customer AS written,
           ROW_NUMBER() OVER (PARTITION BY LOWER(customer) ORDER BY line) AS rn
    FROM s WHERE customer IS NOT NULL
    UNION ALL
    SELECT 'product', LOWER(product), product,
           ROW_NUMBER() OVER (PARTITION BY LOWER(product) ORDER BY line)
    FROM s WHERE product IS NOT NULL
  ) f
  GROUP BY dim, k
),
complained_as AS (
  SELECT 'customer' AS dim, LOWER(customer) AS k, MIN(customer) AS written FROM c GROUP BY LOWER(customer)
  UNION ALL
  SELECT 'product', LOWER(product), MIN(product) FROM c GROUP BY LOWER(product)
),
figures AS (
  SELECT
    n.dim,
    COALESCE(sp.shipped_as, ca.written, n.k) AS name,
    n.defect_qty_month, n.units_month, n.defect_qty_window, n.units_window,
    CASE WHEN n.units_month > 0 THEN ROUND(n.defect_qty_month / n.units_month * 1000000, 2) END AS ppm_month,
    CASE WHEN n.units_window > 0 THEN ROUND(n.defect_qty_window / n.units_window * 1000000, 2) END AS ppm_window
  FROM (
    SELECT
      dim, k,
      SUM(CASE WHEN month = q.period THEN qty ELSE 0 END) AS defect_qty_month,
      SUM(CASE WHEN month = q.period THEN units ELSE 0 END) AS units_month,
      SUM(qty) AS defect_qty_window,
      SUM(units) AS units_window
    FROM named CROSS JOIN params q
    GROUP BY dim, k
  ) n
  LEFT JOIN spelled sp ON sp.dim = n.dim AND sp.k = n.k
  LEFT JOIN complained_as ca ON ca.dim = n.dim AND ca.k = n.k
)
SELECT
  'trend' AS scope, CAST(NULL AS INTEGER) AS pos, m.month AS name,
  m.qty AS defect_qty_month, m.units AS units_month,
  CASE WHEN m.units > 0 THEN ROUND(m.qty / m.units * 1000000, 2) END AS ppm_month,
  CAST(NULL AS DOUBLE) AS defect_qty_window, CAST(NULL AS DOUBLE) AS units_window,
  CAST(NULL AS DOUBLE) AS ppm_window, CAST(NULL AS BIGINT) AS qty_unknown
FROM monthly m
UNION ALL
SELECT
  'total', CAST(NULL AS INTEGER), CAST(NULL AS VARCHAR(1)),
  SUM(CASE WHEN m.month = q.period THEN m.qty ELSE 0 END),
  SUM(CASE WHEN m.month = q.period THEN m.units ELSE 0 END),
  CASE WHEN SUM(CASE WHEN m.month = q.period THEN m.units ELSE 0 END) > 0
       THEN ROUND(SUM(CASE WHEN m.month = q.period THEN m.qty ELSE 0 END)
                  / SUM(CASE WHEN m.month = q.period THEN m.units ELSE 0 END) * 1000000, 2) END,
  SUM(m.qty), SUM(m.units),
  CASE WHEN SUM(m.units) > 0 THEN ROUND(SUM(m.qty) / SUM(m.units) * 1000000, 2) END,
  (SELECT COUNT(*) FROM c WHERE qty IS NULL)
FROM monthly m CROSS JOIN params q
UNION ALL
SELECT
  dim,
  CAST(ROW_NUMBER() OVER (PARTITION BY dim ORDER BY CASE WHEN ppm_window IS NULL THEN 1 ELSE 0 END,
                                                    ppm_window DESC, name) AS INTEGER),
  name, defect_qty_month, units_month, ppm_month, defect_qty_window, units_window, ppm_window,
  CAST(NULL AS BIGINT)
FROM figures
ORDER BY scope, pos, name
