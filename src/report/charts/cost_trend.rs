//! Chart 9, complaint cost per month of receipt (docs/metrics.md §10),
//! only when cost is recorded.

use super::draw::{
    frame, mesh, month_labels, note, plot_on, signed_axis, signed_bars, value_tags, x_labels, Fit, MoneyScale,
};
use super::style::{MAIN, WARN};
use super::Data;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

/// 9. Complaint cost per month of receipt.
pub(super) fn cost_trend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let n = t.len();
    // a month without any cost written is drawn as no bar and tagged "–"
    let costs: Vec<f64> = t.iter().map(|m| m.cost.as_ref().and_then(|c| c.cost_total).unwrap_or(0.0)).collect();
    let counts: Vec<u64> = t.iter().map(|m| m.cost.as_ref().map_or(0, |c| c.cost_count)).collect();
    let recorded: u64 = counts.iter().sum();
    let total: f64 = costs.iter().sum();
    let currency = d.r.cost.get().and_then(|c| c.currency.as_deref());
    let title = d.l.fmt(L::ChartCostTrendTitle, &[&d.span]);
    let subtitle = d.l.fmt(L::ChartCostTrendSubtitle, &[&d.l.amount(total, currency), &recorded]);
    let area = frame(root, &title, Some(&subtitle), &[])?;
    let scale = MoneyScale::of(costs.iter().map(|c| c.abs()).fold(0.0, f64::max));
    let scaled: Vec<f64> = costs.iter().map(|c| c / scale.divisor).collect();
    let (y, ticks) = signed_axis(&scaled);
    let mut chart = plot_on(&area, n, y, false, false)?;
    mesh(&mut chart, &scale.axis(d), &|v| ticks.label(*v))?;
    // a credit month (negative total) in the warning colour
    let coloured: Vec<(f64, RGBColor)> = scaled.iter().map(|v| (*v, if *v < 0.0 { WARN } else { MAIN })).collect();
    signed_bars(&mut chart, &coloured, 0.62)?;
    // a tag over every month: its cost (a no-charge month shows 0), or a
    // dash where no complaint of the month has a cost — not a zero
    let tags: Vec<(f64, f64, String)> = costs
        .iter()
        .zip(&counts)
        .enumerate()
        .map(|(i, (c, n))| {
            let text = if *n > 0 { scale.tag(*c) } else { "–".to_string() };
            (i as f64, (c / scale.divisor).max(0.0), text)
        })
        .collect();
    value_tags(root, &chart, &tags, 6, false, &[])?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.get(L::Month))?;
    if recorded == 0 {
        note(root, &chart, d.l.get(L::ChartNoCost), false)?;
    }
    Ok(())
}
