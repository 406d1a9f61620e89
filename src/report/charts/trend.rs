//! 1. Complaints received per month with the 3-month rolling mean.

use super::draw::{
    bar_tags, bars, count_label, frame, line_with_markers, mesh, month_labels, note, plot, x_labels, Fit, Legend,
    Swatch, Ticks,
};
use super::style::{ACCENT, MAIN};
use super::Data;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

/// 1. Complaints received per month with the 3-month rolling mean.
pub(super) fn trend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let counts: Vec<f64> = t.iter().map(|m| m.received as f64).collect();
    let rolling: Vec<Option<f64>> = t.iter().map(|m| m.rolling3).collect();
    let max = counts.iter().chain(rolling.iter().flatten()).fold(0.0, |a: f64, b| a.max(*b));
    let title = d.l.fmt(L::ChartTrendTitle, &[&d.span]);
    let legend = [
        Legend(Swatch::Bar(MAIN), d.l.get(L::ChartComplaintsReceived).to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.get(L::Rolling3).to_string()),
    ];
    let area = frame(root, &title, None, &legend)?;
    let ticks = Ticks::counts(max);
    let mut chart = plot(&area, t.len(), &ticks, false, false)?;
    mesh(&mut chart, d.l.get(L::ChartComplaints), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> = counts.iter().map(|c| (*c, MAIN)).collect();
    bars(&mut chart, &coloured, 0.62)?;
    line_with_markers(&mut chart, &rolling, ACCENT, 6)?;
    bar_tags(root, &chart, &counts, true)?;
    x_labels(root, &chart, t.len(), &month_labels(d), Fit::Thin, d.l.get(L::Month))?;
    if counts.iter().all(|c| *c == 0.0) {
        note(root, &chart, d.l.get(L::ChartNoComplaintsInPeriod), false)?;
    }
    Ok(())
}
