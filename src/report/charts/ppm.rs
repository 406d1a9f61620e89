//! Chart 12, defect PPM (docs/metrics.md §12), only when defect quantities
//! and shipments are given: the trend window's PPM per customer, worst
//! first, against the PPM goal — or per month when the shipments file has
//! no customer column.

use super::draw::{
    bars, frame, hline, mesh, month_labels, note, plot, rows_px, too_wide, value_tags, x_labels, Fit, Legend, Swatch,
    Ticks,
};
use super::style::{ALERT, MAIN, WARN, Y_AREA};
use super::Data;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Customers drawn (worst first); the Excel sheet lists all of them.
const MAX_BARS: usize = 10;

/// 12. Defect PPM by customer (or per month) against the goal.
pub(super) fn ppm<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let Some(p) = d.r.ppm.get() else { return Ok(()) };
    let goal = d.r.params.ppm_goal;
    let by_customer = !p.by_customer.is_empty();
    // (label, PPM) per bar; a customer without shipments has no PPM and no bar
    let points: Vec<(String, Option<f64>)> = if by_customer {
        p.by_customer
            .iter()
            .take(MAX_BARS)
            .map(|c| (d.l.category(&c.customer).to_string(), c.figures.ppm_window))
            .collect()
    } else {
        let months = month_labels(d);
        d.r.trend.iter().zip(months).map(|(t, (_, m))| (m, t.ppm.as_ref().and_then(|p| p.ppm))).collect()
    };
    let n = points.len();
    let title = d.l.fmt(if by_customer { L::ChartPpmTitle } else { L::ChartPpmMonthlyTitle }, &[&d.span]);
    let num = |v: Option<f64>| v.map_or("–".to_string(), |v| format!("{v:.1}"));
    let subtitle = d.l.fmt(L::ChartPpmSubtitle, &[&num(p.window), &num(goal)]);
    let mut legend = vec![Legend(Swatch::Bar(MAIN), d.l.fmt(L::PpmWindow, &[]))];
    if goal.is_some() {
        legend.push(Legend(Swatch::Bar(WARN), d.l.get(L::ChartAboveGoal).to_string()));
        legend.push(Legend(Swatch::Dashed(ALERT), d.l.get(L::PpmGoal).to_string()));
    }
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = points.iter().filter_map(|x| x.1).chain(goal).fold(0.0, f64::max);
    let ticks = Ticks::rates(max);
    let labels: Vec<(usize, String)> = points.iter().enumerate().map(|(i, x)| (i, x.0.clone())).collect();
    let two_rows = by_customer && too_wide(root, &labels, area.dim_in_pixel().0 as i32 - 2 * Y_AREA as i32)?;
    let mut chart = plot(&area, n, &ticks, two_rows, false)?;
    mesh(&mut chart, d.l.get(L::Ppm), &|v| ticks.label(*v))?;
    let coloured: Vec<(f64, RGBColor)> = points
        .iter()
        .map(|(_, v)| {
            let v = v.unwrap_or(0.0);
            (v, if goal.is_some_and(|g| v > g) { WARN } else { MAIN })
        })
        .collect();
    bars(&mut chart, &coloured, 0.62)?;
    if let Some(g) = goal {
        hline(&mut chart, n, g, ALERT, true)?;
    }
    // every bar's value; "–" where there were no shipments (never a 0)
    let tags: Vec<(f64, f64, String)> =
        points.iter().enumerate().map(|(i, (_, v))| (i as f64, v.unwrap_or(0.0), num(*v))).collect();
    value_tags(root, &chart, &tags, 6, false, &rows_px(&chart, goal.as_slice()))?;
    let (fit, desc) = if by_customer { (Fit::Stagger, L::Customer) } else { (Fit::Thin, L::Month) };
    x_labels(root, &chart, n, &labels, fit, d.l.get(desc))?;
    if points.iter().all(|x| x.1.is_none()) {
        note(root, &chart, d.l.get(L::NoShipments), false)?;
    }
    Ok(())
}
