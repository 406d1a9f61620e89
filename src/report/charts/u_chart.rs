//! The u-chart: complaints per 1,000 units shipped per month of the trend
//! window (`--shipments`), the centre ū, the month's own limits (they widen
//! when fewer units shipped) and the months above the UCL marked.

use super::draw::{
    frame, hline, line_with_markers, mesh, month_labels, note, plot, rows_px, value_tags, x_labels, Fit, Legend,
    Swatch, Ticks,
};
use super::style::{stroke, ALERT, GOOD, MAIN, WARN};
use super::Data;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

pub(super) fn u_chart<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let Some(uc) = &d.r.control_chart.u_chart else { return Ok(()) };
    let t = &d.r.trend;
    let n = t.len();
    // the window's months, in the order of the x axis
    let point = |m| uc.points.iter().find(|p| p.month == m);
    let u: Vec<Option<f64>> = t.iter().map(|m| point(m.month).and_then(|p| p.u)).collect();
    let ucl: Vec<Option<f64>> = t.iter().map(|m| point(m.month).and_then(|p| p.ucl)).collect();
    let lcl: Vec<Option<f64>> = t.iter().map(|m| point(m.month).and_then(|p| p.lcl)).collect();
    let above: Vec<bool> = t.iter().map(|m| point(m.month).is_some_and(|p| p.above_ucl)).collect();
    let title = format!("{} ({})", d.l.get(L::UChartTitle), d.span);
    // the bundled font has no `ū`: the chart says "mean u"
    let subtitle = match uc.centre {
        Some(c) => d.l.fmt(L::UChartMean, &[&format!("{c:.2}")]),
        None => d.l.get(L::ChartNoBaseline).to_string(),
    };
    let mut legend = vec![Legend(Swatch::LineMarker(MAIN), "u".to_string())];
    if let Some(c) = uc.centre {
        legend.push(Legend(Swatch::Line(GOOD), d.l.fmt(L::UChartMean, &[&format!("{c:.2}")])));
        legend.push(Legend(Swatch::Dashed(ALERT), d.l.get(L::Ucl).to_string()));
        legend.push(Legend(Swatch::Dashed(WARN), d.l.get(L::Lcl).to_string()));
    }
    if above.iter().any(|a| *a) {
        legend.push(Legend(Swatch::Marker(ALERT), d.l.get(L::AboveUcl).to_string()));
    }
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = u.iter().chain(&ucl).flatten().copied().fold(0.0, f64::max);
    let ticks = Ticks::rates(max);
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, d.l.get(L::UChartAxis), &|v: &f64| format!("{v:.2}"))?;
    if let Some(c) = uc.centre {
        hline(&mut chart, n, c, GOOD, false)?;
    }
    // each month's limits as a step around its point
    for (limits, colour) in [(&ucl, ALERT), (&lcl, WARN)] {
        for (i, v) in limits.iter().enumerate() {
            if let Some(v) = v {
                let ends = [(i as f64 - 0.4, *v), (i as f64 + 0.4, *v)];
                chart.draw_series(DashedLineSeries::new(ends, 10, 7, stroke(colour, 3)))?;
            }
        }
    }
    line_with_markers(&mut chart, &u, MAIN, 7)?;
    chart.draw_series(
        u.iter()
            .zip(&above)
            .enumerate()
            .filter(|(_, (_, a))| **a)
            .filter_map(|(i, (v, _))| v.map(|v| Circle::new((i as f64, v), 12, ALERT.filled()))),
    )?;
    let tags: Vec<(f64, f64, String)> =
        u.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v, format!("{v:.2}")))).collect();
    value_tags(root, &chart, &tags, 16, true, &rows_px(&chart, uc.centre.as_slice()))?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.get(L::Month))?;
    if !uc.months_without_units.is_empty() {
        let months: Vec<String> = uc.months_without_units.iter().map(ToString::to_string).collect();
        note(root, &chart, &d.l.fmt(L::UChartNoUnits, &[&months.join(", ")]), true)?;
    }
    Ok(())
}
