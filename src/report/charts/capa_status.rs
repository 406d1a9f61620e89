//! Chart 8, corrective actions by status as of the as-of date
//! (docs/metrics.md §9), only when CAPA is recorded; the ineffective ones,
//! which overlap the statuses, beside them after a divider.

use super::draw::{bar_tags, bars, count_label, frame, mesh, note, plot, x_labels, Fit, Ticks};
use super::style::{stroke, ALERT, AXIS, GOOD, LIGHT, MAIN, WARN};
use super::{percent, Data};
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

/// 8. Corrective actions by status.
pub(super) fn capa_status<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let capa = d.r.capa.get().cloned().unwrap_or_default();
    // every CAPA opened by the as-of date is open, closed or verified
    let total = capa.open + capa.closed_unverified + capa.verified;
    let bars_of = [
        (L::ChartCapaOpen, capa.open.saturating_sub(capa.overdue), MAIN),
        (L::ChartCapaOverdue, capa.overdue, ALERT),
        (L::ChartCapaClosed, capa.closed_unverified, LIGHT),
        (L::ChartCapaVerified, capa.verified, GOOD),
        (L::ChartCapaIneffective, capa.ineffective, WARN),
    ];
    let n = bars_of.len();
    let title = d.l.fmt(L::ChartCapaTitle, &[&d.r.as_of]);
    let coverage = capa.coverage.map_or("–".to_string(), percent);
    let subtitle = d.l.fmt(L::ChartCapaSubtitle, &[&total, &coverage, &capa.recurring_without_capa.len()]);
    let area = frame(root, &title, Some(&subtitle), &[])?;
    let values: Vec<f64> = bars_of.iter().map(|b| b.1 as f64).collect();
    let ticks = Ticks::counts(values.iter().copied().fold(0.0, f64::max));
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, d.l.get(L::ChartCapaCount), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> = bars_of.iter().map(|b| (b.1 as f64, b.2)).collect();
    bars(&mut chart, &coloured, 0.62)?;
    // the four statuses add up to every CAPA; "ineffective" cuts across them
    let divider = n as f64 - 1.5;
    chart.draw_series(DashedLineSeries::new([(divider, 0.0), (divider, ticks.top)], 10, 8, stroke(AXIS, 2)))?;
    bar_tags(root, &chart, &values, total > 0, &[])?;
    let labels: Vec<(usize, String)> = bars_of.iter().enumerate().map(|(i, b)| (i, d.l.get(b.0).to_string())).collect();
    x_labels(root, &chart, n, &labels, Fit::Stagger, d.l.get(L::Status))?;
    if total == 0 {
        note(root, &chart, d.l.get(L::ChartNoCapa), false)?;
    }
    Ok(())
}
