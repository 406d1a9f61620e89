//! §12 Defect PPM against shipments: defective parts per million shipped —
//! the figure an automotive customer rates its supplier by — per month of the
//! trend window, for the window, and per customer and per part.

use super::months::Month;
use super::{round, Period};
use crate::ingest::cells::normalize_key;
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// One line of the shipments file: units shipped in a month, to a customer
/// and of a product when the file has those columns (normalised keys).
#[derive(Debug, Clone, PartialEq)]
pub struct Shipment {
    pub month: Month,
    pub customer: Option<String>,
    pub product: Option<String>,
    pub units: f64,
}

/// The shipments file (`--shipments`, docs/metrics.md §5, §12).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Shipments {
    pub rows: Vec<Shipment>,
    /// The file has a customer / product column (a header names it).
    pub has_customer: bool,
    pub has_product: bool,
    /// A normalised customer or product key → its spelling in the file.
    pub names: BTreeMap<String, String>,
}

impl Shipments {
    /// Units per month over every customer and product (the u-chart's n).
    pub fn by_month(&self) -> BTreeMap<Month, f64> {
        let mut out = BTreeMap::new();
        for r in &self.rows {
            *out.entry(r.month).or_default() += r.units;
        }
        out
    }
}

/// The PPM of one month (`month.ppm`, `trend[].ppm`), when recorded; the
/// quantities behind it are for the sheets.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct PpmMonth {
    pub ppm: Option<f64>,
    #[serde(skip)]
    pub defect_qty: f64,
    #[serde(skip)]
    pub units: f64,
}

/// The figures of one customer or product.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct PpmFigures {
    pub defect_qty_month: f64,
    pub units_month: f64,
    pub ppm_month: Option<f64>,
    pub defect_qty_window: f64,
    pub units_window: f64,
    pub ppm_window: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CustomerPpm {
    pub customer: String,
    #[serde(flatten)]
    pub figures: PpmFigures,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProductPpm {
    pub product: String,
    #[serde(flatten)]
    pub figures: PpmFigures,
}

/// `ppm` in summary.json when recorded.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct PpmReport {
    pub month: Option<f64>,
    pub window: Option<f64>,
    /// Trend-window complaints whose defect quantity is unknown (blank or
    /// unreadable): they add nothing to a numerator.
    pub qty_unknown: u64,
    /// Worst first (PPM of the window descending, null last), then name.
    pub by_customer: Vec<CustomerPpm>,
    pub by_product: Vec<ProductPpm>,
}

/// Σ defect_qty / Σ units × 10⁶, 2 decimals; `None` without units.
pub fn ppm(qty: f64, units: f64) -> Option<f64> {
    (units > 0.0).then(|| round(qty / units * 1e6, 2))
}

/// One complaint of the trend window as the PPM needs it (normalised keys).
struct QtyRow {
    month: Month,
    customer: String,
    product: String,
    qty: Option<f64>,
}

/// Defect quantities of the trend window's complaints, with the spellings
/// of the keys as first written.
struct Quantities {
    rows: Vec<QtyRow>,
    names: BTreeMap<String, String>,
}

fn quantities(window: &DataFrame) -> anyhow::Result<Quantities> {
    let months = window.column("month")?.i32()?;
    let qty = window.column("defect_qty")?.f64()?;
    let customers = super::texts(window.column("customer")?)?;
    let products = super::texts(window.column("product")?)?;
    let mut names = BTreeMap::new();
    let mut key = |v: Option<&str>| {
        let written = v.unwrap_or(super::BLANK);
        let k = normalize_key(written);
        names.entry(k.clone()).or_insert_with(|| written.to_string());
        k
    };
    let rows = (0..window.height())
        .map(|i| QtyRow {
            month: Month(months.get(i).unwrap_or(0)),
            customer: key(customers.get(i)),
            product: key(products.get(i)),
            qty: qty.get(i),
        })
        .collect();
    Ok(Quantities { rows, names })
}

/// The §12 figures: the PPM of every month of the trend window (for
/// `trend[].ppm` and `month.ppm`) and the `ppm` section.
pub fn ppm_report(
    window: &DataFrame,
    shipments: &Shipments,
    period: &Period,
) -> anyhow::Result<(BTreeMap<Month, PpmMonth>, PpmReport)> {
    let q = quantities(window)?;
    let in_window = |m: Month| m >= period.window_start && m <= period.month;
    let units = shipments.by_month();
    let mut qty_by_month: BTreeMap<Month, f64> = BTreeMap::new();
    for r in &q.rows {
        *qty_by_month.entry(r.month).or_default() += r.qty.unwrap_or(0.0);
    }
    let monthly: BTreeMap<Month, PpmMonth> = period
        .window()
        .map(|m| {
            let (defect_qty, units) =
                (qty_by_month.get(&m).copied().unwrap_or(0.0), units.get(&m).copied().unwrap_or(0.0));
            (m, PpmMonth { ppm: ppm(defect_qty, units), defect_qty, units })
        })
        .collect();
    let total = |f: &dyn Fn(&Month) -> bool| -> (f64, f64) {
        let qty = q.rows.iter().filter(|r| f(&r.month)).map(|r| r.qty.unwrap_or(0.0)).sum();
        let units = shipments.rows.iter().filter(|r| f(&r.month)).map(|r| r.units).sum();
        (qty, units)
    };
    let (month_qty, month_units) = total(&|m| *m == period.month);
    let (window_qty, window_units) = total(&|m| in_window(*m));
    let by = |pick: fn(&QtyRow) -> &String, shipped: fn(&Shipment) -> Option<&String>| {
        breakdown(&q, shipments, period, pick, shipped)
    };
    let report = PpmReport {
        month: ppm(month_qty, month_units),
        window: ppm(window_qty, window_units),
        qty_unknown: q.rows.iter().filter(|r| r.qty.is_none()).count() as u64,
        by_customer: if shipments.has_customer {
            by(|r| &r.customer, |s| s.customer.as_ref())
                .into_iter()
                .map(|(customer, figures)| CustomerPpm { customer, figures })
                .collect()
        } else {
            Vec::new()
        },
        by_product: if shipments.has_product {
            by(|r| &r.product, |s| s.product.as_ref())
                .into_iter()
                .map(|(product, figures)| ProductPpm { product, figures })
                .collect()
        } else {
            Vec::new()
        },
    };
    Ok((monthly, report))
}

/// Figures per name (customer or product) of every name that shipped or
/// complained in the trend window, worst first: PPM of the window
/// descending (null last), then name.
fn breakdown(
    q: &Quantities,
    shipments: &Shipments,
    period: &Period,
    pick: fn(&QtyRow) -> &String,
    shipped: fn(&Shipment) -> Option<&String>,
) -> Vec<(String, PpmFigures)> {
    let in_window = |m: Month| m >= period.window_start && m <= period.month;
    let mut sums: BTreeMap<&str, PpmFigures> = BTreeMap::new();
    for r in q.rows.iter().filter(|r| in_window(r.month)) {
        let f = sums.entry(pick(r).as_str()).or_default();
        let qty = r.qty.unwrap_or(0.0);
        f.defect_qty_window += qty;
        if r.month == period.month {
            f.defect_qty_month += qty;
        }
    }
    for s in shipments.rows.iter().filter(|s| in_window(s.month)) {
        let Some(name) = shipped(s) else { continue };
        let f = sums.entry(name.as_str()).or_default();
        f.units_window += s.units;
        if s.month == period.month {
            f.units_month += s.units;
        }
    }
    let shown =
        |key: &str| shipments.names.get(key).or_else(|| q.names.get(key)).cloned().unwrap_or_else(|| key.to_string());
    let mut out: Vec<(String, PpmFigures)> = sums
        .into_iter()
        .map(|(key, mut f)| {
            f.ppm_month = ppm(f.defect_qty_month, f.units_month);
            f.ppm_window = ppm(f.defect_qty_window, f.units_window);
            (shown(key), f)
        })
        .collect();
    out.sort_by(|a, b| match (a.1.ppm_window, b.1.ppm_window) {
        (Some(x), Some(y)) => y.total_cmp(&x).then_with(|| a.0.cmp(&b.0)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => a.0.cmp(&b.0),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{judge, Params};
    use super::*;

    fn shipment(month: &str, customer: Option<&str>, product: Option<&str>, units: f64) -> Shipment {
        Shipment {
            month: Month::parse(month).unwrap_or(Month(0)),
            customer: customer.map(normalize_key),
            product: product.map(normalize_key),
            units,
        }
    }

    #[test]
    fn ppm_per_month_customer_and_part() {
        let rows = [
            ("1", "2024-04-03", None, false, "P-1", "이물", "Hyundai"),
            ("2", "2024-05-02", None, false, "P-1", "이물", "Hyundai"),
            ("3", "2024-05-10", None, false, "P-2", "외관", "hyundai "),
            ("4", "2024-05-12", None, false, "P-2", "외관", "Kia"),
            ("5", "2024-05-20", None, false, "P-3", "외관", "GM"), // GM never shipped to
            ("6", "2024-05-21", None, false, "P-1", "외관", "Kia"), // quantity unknown
        ];
        let mut t = table(&rows);
        let qty = [Some(5.0), Some(12.0), Some(3.0), Some(1.0), Some(2.0), None];
        t.with_column(Column::new("defect_qty".into(), qty.to_vec())).ok();
        let (period, params) = period("2024-05", None, 2);
        let j = judge(&t, &period, &params).unwrap_or_default();
        let shipments = Shipments {
            rows: vec![
                shipment("2024-04", Some("Hyundai"), Some("P-1"), 100_000.0),
                shipment("2024-05", Some("Hyundai"), Some("P-1"), 150_000.0),
                shipment("2024-05", Some("Hyundai"), Some("P-2"), 50_000.0),
                shipment("2024-05", Some("Kia"), Some("P-2"), 40_000.0),
                shipment("2024-05", Some("Renault"), Some("P-1"), 10_000.0), // shipped, no complaint
            ],
            has_customer: true,
            has_product: true,
            names: [("hyundai", "Hyundai"), ("kia", "Kia"), ("renault", "Renault"), ("p-1", "P-1"), ("p-2", "P-2")]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        };
        let (monthly, r) = ppm_report(&j, &shipments, &period).unwrap_or_default();
        // April 5 / 100,000 = 50 PPM; May (12 + 3 + 1 + 2) / 250,000 = 72 PPM
        let m = |s: &str| monthly[&Month::parse(s).unwrap_or(Month(0))].ppm;
        assert_eq!((m("2024-04"), m("2024-05")), (Some(50.0), Some(72.0)));
        // window 23 / 350,000 = 65.71
        assert_eq!((r.month, r.window, r.qty_unknown), (Some(72.0), Some(65.71), 1));
        type Row<'a> = (&'a str, f64, f64, Option<f64>, Option<f64>);
        let customers: Vec<Row> = r
            .by_customer
            .iter()
            .map(|c| {
                let f = &c.figures;
                (c.customer.as_str(), f.defect_qty_window, f.units_window, f.ppm_month, f.ppm_window)
            })
            .collect();
        assert_eq!(
            customers,
            [
                // Hyundai: May 15 / 200,000 = 75; window 20 / 300,000 = 66.67
                ("Hyundai", 20.0, 300_000.0, Some(75.0), Some(66.67)),
                ("Kia", 1.0, 40_000.0, Some(25.0), Some(25.0)),
                ("Renault", 0.0, 10_000.0, Some(0.0), Some(0.0)),
                // complaints without shipments: shown, not dropped, PPM null
                ("GM", 2.0, 0.0, None, None),
            ]
        );
        let products: Vec<(&str, Option<f64>)> =
            r.by_product.iter().map(|p| (p.product.as_str(), p.figures.ppm_window)).collect();
        // P-2: 4 / 90,000 = 44.44; P-1: 17 / 260,000 = 65.38; P-3 no shipments
        assert_eq!(products, [("P-1", Some(65.38)), ("P-2", Some(44.44)), ("P-3", None)]);
        // a two-column file: overall only
        let plain = Shipments { has_customer: false, has_product: false, ..shipments.clone() };
        let (_, r) = ppm_report(&j, &plain, &period).unwrap_or_default();
        assert_eq!((r.window, r.by_customer.len(), r.by_product.len()), (Some(65.71), 0, 0));
        let _ = Params::default();
    }
}
