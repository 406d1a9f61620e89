//! 1. Complaints received per month with the 3-month rolling mean.

use super::draw::{
    bar_tags, bars, count_label, frame, line_with_markers, mesh, month_labels, note, plot, x_labels, Fit, Legend,
    Swatch, Ticks,
};
use super::style::{ACCENT, MAIN};
use super::Data;
use plotters::coord::Shift;
use plotters::prelude::*;

/// 1. Complaints received per month with the 3-month rolling mean.
pub(super) fn trend<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let counts: Vec<f64> = t.iter().map(|m| m.received as f64).collect();
    let rolling: Vec<Option<f64>> = t.iter().map(|m| m.rolling3).collect();
    let max = counts.iter().chain(rolling.iter().flatten()).fold(0.0, |a: f64, b| a.max(*b));
    let title = if d.l.korean {
        format!("월별 불만 접수 추이 ({})", d.span)
    } else {
        format!("Complaints received per month ({})", d.span)
    };
    let legend = [
        Legend(Swatch::Bar(MAIN), d.tr("접수 건수", "Complaints received").to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.t("rolling3").to_string()),
    ];
    let area = frame(root, &title, None, &legend)?;
    let ticks = Ticks::counts(max);
    let mut chart = plot(&area, t.len(), &ticks, false, false)?;
    mesh(&mut chart, d.tr("건수", "Complaints"), &count_label)?;
    let coloured: Vec<(f64, RGBColor)> = counts.iter().map(|c| (*c, MAIN)).collect();
    bars(&mut chart, &coloured, 0.62)?;
    line_with_markers(&mut chart, &rolling, ACCENT, 6)?;
    bar_tags(root, &chart, &counts, true)?;
    x_labels(root, &chart, t.len(), &month_labels(d), Fit::Thin, d.l.t("month"))?;
    if counts.iter().all(|c| *c == 0.0) {
        note(
            root,
            &chart,
            d.tr("이 기간에 접수된 불만이 없습니다", "No complaints were received in this period"),
            false,
        )?;
    }
    Ok(())
}
