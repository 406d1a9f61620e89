//! 6. c-chart of monthly counts: centre line, limits, signal months.

use super::draw::{
    count_label, frame, hline, line_with_markers, mesh, month_labels, note, plot, rows_px, value_tags, x_labels, Fit,
    Legend, Swatch, Ticks,
};
use super::style::{ALERT, GOOD, MAIN, WARN};
use super::{month_span, Data};
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

/// What a control-chart signal means, short.
fn signal_text(s: &crate::metrics::control_chart::Signal, d: &Data) -> String {
    use crate::metrics::control_chart::Direction;
    let what = d.l.get(match s.direction {
        Direction::AboveUcl => L::AboveUcl,
        Direction::BelowLcl => L::BelowLcl,
        Direction::Above => L::ChartRunAbove,
        Direction::Below => L::ChartRunBelow,
        Direction::Increasing => L::ChartRunRising,
        Direction::Decreasing => L::ChartRunFalling,
    });
    match (s.months.first(), s.months.last()) {
        (Some(a), Some(b)) => format!("{what} {}", month_span(*a, *b, d.l)),
        _ => what.to_string(),
    }
}

/// 6. c-chart of monthly counts: centre line, limits, signal months.
pub(super) fn control_chart<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let cc = &d.r.control_chart;
    let n = t.len();
    let counts: Vec<Option<f64>> = t.iter().map(|m| Some(m.received as f64)).collect();
    let limits = match (cc.status, cc.centre, cc.ucl, cc.lcl) {
        (crate::metrics::control_chart::ChartStatus::Ok, Some(c), Some(u), Some(l)) => Some((c, u, l)),
        _ => None,
    };
    let signal: Vec<bool> = t.iter().map(|m| cc.signals.iter().any(|s| s.months.contains(&m.month))).collect();
    let title = d.l.fmt(L::ChartControlTitle, &[&d.span]);
    let nb = cc.baseline_months.len();
    let baseline = match (cc.baseline_months.first(), cc.baseline_months.last()) {
        (Some(a), Some(b)) => {
            let label = if nb == 1 { L::ChartBaselineMonth } else { L::ChartBaselineMonths };
            d.l.fmt(label, &[&month_span(*a, *b, d.l), &nb])
        }
        _ => d.l.get(L::ChartNoBaseline).to_string(),
    };
    let mut subtitle = format!("{} · {baseline}", d.l.get(L::ChartCChart));
    if !cc.signals.is_empty() {
        let signals: Vec<String> = cc.signals.iter().map(|s| signal_text(s, d)).collect();
        subtitle = format!("{subtitle} · {}: {}", d.l.get(L::Signals), signals.join(", "));
    }
    let mut legend = vec![Legend(Swatch::LineMarker(MAIN), d.l.get(L::ChartComplaintsReceived).to_string())];
    if let Some((c, u, l)) = limits {
        legend.push(Legend(Swatch::Line(GOOD), format!("{} {c:.1}", d.l.get(L::Centre))));
        legend.push(Legend(Swatch::Dashed(ALERT), format!("{} {u:.1}", d.l.get(L::Ucl))));
        legend.push(Legend(Swatch::Dashed(WARN), format!("{} {l:.1}", d.l.get(L::Lcl))));
    }
    if signal.iter().any(|s| *s) {
        legend.push(Legend(Swatch::Marker(ALERT), d.l.get(L::Signals).to_string()));
    }
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = counts.iter().flatten().copied().chain(limits.map(|l| l.1)).fold(0.0, f64::max);
    let ticks = Ticks::counts(max);
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, d.l.get(L::ChartComplaints), &count_label)?;
    if let Some((c, u, l)) = limits {
        hline(&mut chart, n, c, GOOD, false)?;
        hline(&mut chart, n, u, ALERT, true)?;
        hline(&mut chart, n, l, WARN, true)?;
    }
    line_with_markers(&mut chart, &counts, MAIN, 7)?;
    chart.draw_series(
        counts
            .iter()
            .zip(&signal)
            .enumerate()
            .filter(|(_, (_, s))| **s)
            .filter_map(|(i, (v, _))| v.map(|v| Circle::new((i as f64, v), 12, ALERT.filled()))),
    )?;
    let tags: Vec<(f64, f64, String)> =
        counts.iter().enumerate().filter_map(|(i, v)| v.map(|v| (i as f64, v, format!("{v:.0}")))).collect();
    let lines = limits.map_or(Vec::new(), |(c, u, l)| rows_px(&chart, &[c, u, l]));
    value_tags(root, &chart, &tags, 16, true, &lines)?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.get(L::Month))?;
    if limits.is_none() {
        let text = d.l.fmt(L::ChartNoControlLimits, &[&nb]);
        note(root, &chart, &text, true)?;
    }
    Ok(())
}
