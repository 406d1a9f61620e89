//! §10 Cost of complaints (보상 및 경비 부담): cost per receipt month, the
//! cost Pareto of defect types and the customers that cost the most.

use super::months::Month;
use super::{round, Period};
use super::{BLANK, OTHER};
use polars::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;

/// The cost figures of one receipt month.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CostMonth {
    /// Sum over the month's complaints that have a cost; `None` when none
    /// has: "no cost recorded", never a 0 that reads as "no cost" (§10).
    pub cost_total: Option<f64>,
    /// Complaints with a cost (a no-charge 0 included).
    pub cost_count: u64,
    /// 2 decimals; `None` when no complaint has a cost.
    pub cost_mean: Option<f64>,
}

/// One defect type of the cost Pareto.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CostParetoRow {
    pub defect_type: String,
    pub cost: f64,
    /// Cumulative share of the positive total, 4 decimals.
    pub cum_share: f64,
    pub vital_few: bool,
}

/// A customer and its window cost.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CustomerCost {
    pub customer: String,
    pub cost: f64,
}

/// `cost` in summary.json when recorded.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct CostReport {
    pub currency: Option<String>,
    pub pareto_month: Vec<CostParetoRow>,
    pub pareto_window: Vec<CostParetoRow>,
    pub top_customers: Vec<CustomerCost>,
    /// §13: window cost per responsibility (귀책), when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub by_responsibility: Option<Vec<ResponsibilityCost>>,
}

/// A responsibility value's window cost (docs/metrics.md §13).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ResponsibilityCost {
    pub responsibility: String,
    pub cost: f64,
    /// Complaints of that value with a cost (a no-charge 0 included).
    pub count: u64,
}

/// Window cost per responsibility value, by cost descending then name.
pub fn by_responsibility(window: &DataFrame) -> anyhow::Result<Vec<ResponsibilityCost>> {
    let names = super::texts(window.column("responsibility")?)?;
    let costs = window.column("cost")?.f64()?;
    let mut sums: BTreeMap<String, (f64, u64)> = BTreeMap::new();
    for (n, c) in names.iter().zip(costs.iter()) {
        if let Some(c) = c {
            let e = sums.entry(n.unwrap_or(BLANK).to_string()).or_default();
            (e.0, e.1) = (e.0 + c, e.1 + 1);
        }
    }
    let mut out: Vec<ResponsibilityCost> = sums
        .into_iter()
        .map(|(responsibility, (cost, count))| ResponsibilityCost { responsibility, cost: round(cost, 2), count })
        .collect();
    out.sort_by(|a, b| b.cost.total_cmp(&a.cost).then_with(|| a.responsibility.cmp(&b.responsibility)));
    Ok(out)
}

/// Cost figures per month of the trend window.
pub fn monthly(judged: &DataFrame, period: &Period) -> anyhow::Result<BTreeMap<Month, CostMonth>> {
    let months = judged.column("month")?.i32()?;
    let costs = judged.column("cost")?.f64()?;
    let mut out: BTreeMap<Month, CostMonth> = period.window().map(|m| (m, CostMonth::default())).collect();
    for (m, c) in months.iter().zip(costs.iter()) {
        if let (Some(f), Some(c)) = (m.and_then(|m| out.get_mut(&Month(m))), c) {
            f.cost_total = Some(f.cost_total.unwrap_or(0.0) + c);
            f.cost_count += 1;
        }
    }
    for f in out.values_mut() {
        f.cost_mean = f.cost_total.map(|t| round(t / f.cost_count as f64, 2));
        f.cost_total = f.cost_total.map(|t| round(t, 2));
    }
    Ok(out)
}

/// Sums of `cost` by a text column over the rows that have a cost, blank
/// values as [`BLANK`].
fn totals(rows: &DataFrame, by: &str) -> anyhow::Result<Vec<(String, f64)>> {
    let names = super::texts(rows.column(by)?)?;
    let costs = rows.column("cost")?.f64()?;
    let mut sums: BTreeMap<String, f64> = BTreeMap::new();
    for (n, c) in names.iter().zip(costs.iter()) {
        if let Some(c) = c {
            *sums.entry(n.unwrap_or(BLANK).to_string()).or_default() += c;
        }
    }
    Ok(sums.into_iter().collect())
}

/// The cost Pareto of `rows`: cost by defect type, descending then by name;
/// cumulative share of the positive total; a type whose total is ≤ 0 comes
/// last and is never vital few (docs/metrics.md §10, §2).
pub fn pareto(rows: &DataFrame) -> anyhow::Result<Vec<CostParetoRow>> {
    let mut sums = totals(rows, "defect_type")?;
    sums.sort_by(|a, b| {
        let (pa, pb) = (a.1 > 0.0, b.1 > 0.0);
        pb.cmp(&pa).then(b.1.total_cmp(&a.1)).then_with(|| a.0.cmp(&b.0))
    });
    let total: f64 = sums.iter().map(|s| s.1.max(0.0)).sum();
    let mut cum = 0.0;
    Ok(sums
        .into_iter()
        .map(|(name, cost)| {
            let before = cum;
            cum += cost.max(0.0);
            CostParetoRow {
                defect_type: name,
                cost: round(cost, 2),
                cum_share: if total > 0.0 { round(cum / total, 4) } else { 0.0 },
                vital_few: cost > 0.0 && before < 0.8 * total,
            }
        })
        .collect())
}

/// The `top` customers by window cost (ties by name), the rest summed as
/// [`OTHER`].
pub fn top_customers(window: &DataFrame, top: usize) -> anyhow::Result<Vec<CustomerCost>> {
    let mut sums = totals(window, "customer")?;
    sums.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let rest: f64 = sums.iter().skip(top).map(|s| s.1).sum();
    let more = sums.len() > top;
    let mut out: Vec<CustomerCost> =
        sums.into_iter().take(top).map(|(customer, cost)| CustomerCost { customer, cost: round(cost, 2) }).collect();
    if more {
        out.push(CustomerCost { customer: OTHER.to_string(), cost: round(rest, 2) });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::super::{judge, Params};
    use super::*;

    fn with_costs(rows: &[Row], costs: &[Option<f64>]) -> DataFrame {
        let mut t = table(rows);
        t.with_column(Column::new("cost".into(), costs.to_vec())).ok();
        t
    }

    #[test]
    fn month_figures_pareto_and_top_customers() {
        let rows = [
            ("1", "2024-05-02", None, false, "p", "이물", "대원"),
            ("2", "2024-05-03", None, false, "p", "이물", "한성"),
            ("3", "2024-05-04", None, false, "p", "외관", "대원"),
            ("4", "2024-05-05", None, false, "p", "치수", "미래"),
            ("5", "2024-05-06", None, false, "p", "포장", "미래"),
            ("6", "2024-04-06", None, false, "p", "이물", "한성"),
        ];
        // 120만원, 무상 (0), blank, a credit of -50,000, 350,000; April 1,000,000
        let costs = [Some(1_200_000.0), Some(0.0), None, Some(-50_000.0), Some(350_000.0), Some(1_000_000.0)];
        let t = with_costs(&rows, &costs);
        let (period, params) = period("2024-05", None, 2);
        let j = judge(&t, &period, &params).unwrap_or_default();
        let m = monthly(&j, &period).unwrap_or_default();
        let may = &m[&Month::parse("2024-05").unwrap_or(Month(0))];
        // 1,200,000 + 0 − 50,000 + 350,000 over 4 complaints with a cost
        assert_eq!((may.cost_total, may.cost_count, may.cost_mean), (Some(1_500_000.0), 4, Some(375_000.0)));
        let april = &m[&Month::parse("2024-04").unwrap_or(Month(0))];
        assert_eq!((april.cost_total, april.cost_count), (Some(1_000_000.0), 1));
        // a month where no cost was written: no total, not a 0
        let (period3, _) = super::super::test_support::period("2024-05", None, 3);
        let march = monthly(&j, &period3).unwrap_or_default()[&Month::parse("2024-03").unwrap_or(Month(0))].clone();
        assert_eq!((march.cost_total, march.cost_count, march.cost_mean), (None, 0, None));
        let may_month = Month::parse("2024-05").unwrap_or(Month(0)).0;
        let may_rows = super::super::frame::months(&j, may_month, may_month).unwrap_or_default();
        let p = pareto(&may_rows).unwrap_or_default();
        let got: Vec<(&str, f64, f64, bool)> =
            p.iter().map(|r| (r.defect_type.as_str(), r.cost, r.cum_share, r.vital_few)).collect();
        // positive total 1,550,000: 이물 77.42 % (vital), 포장 the crossing one
        // (vital), 치수 −50,000 last and never vital; 외관 has no cost
        assert_eq!(
            got,
            [("이물", 1_200_000.0, 0.7742, true), ("포장", 350_000.0, 1.0, true), ("치수", -50_000.0, 1.0, false)]
        );
        let top = top_customers(&j, 2).unwrap_or_default();
        let got: Vec<(&str, f64)> = top.iter().map(|c| (c.customer.as_str(), c.cost)).collect();
        // 한성 1,000,000 + 0; 대원 1,200,000; 미래 300,000
        assert_eq!(got, [("대원", 1_200_000.0), ("한성", 1_000_000.0), (OTHER, 300_000.0)]);
        let _ = Params::default();
    }
}
