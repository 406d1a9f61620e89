//! 3. On-time rate per month of receipt against the goal.

use super::draw::{
    frame, hline, line_with_markers, mesh, month_labels, note, percent_tags, plot, rows_px, tag, value_tags, x_labels,
    x_span, Fit, Legend, Swatch, Ticks,
};
use super::style::{anchored, tinted, GOOD, LABEL_PX, MAIN};
use super::{percent, Data};
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// 3. On-time rate per month of receipt against the goal.
pub(super) fn on_time_rate<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let n = t.len();
    let rates: Vec<Option<f64>> = t.iter().map(|m| m.on_time_rate.map(|r| r * 100.0)).collect();
    let goal = d.r.params.on_time_goal;
    let goal_text = format!("{} {}", d.l.get(L::ChartGoal), percent(goal));
    let title = d.l.fmt(L::ChartOnTimeRateTitle, &[&d.span]);
    let target = d.days(d.r.params.target_days);
    let subtitle = d.l.fmt(L::ChartOnTimeRateSubtitle, &[&target, &d.r.as_of]);
    let legend = [
        Legend(Swatch::LineMarker(MAIN), d.l.get(L::OnTimeRate).to_string()),
        Legend(Swatch::Dashed(GOOD), goal_text.clone()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let ticks = Ticks { top: 108.0, step: 10.0, last: 100.0 };
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, &format!("{} (%)", d.l.get(L::OnTimeRate)), &|v| format!("{v:.0}%"))?;
    let goal_line = (goal.is_finite() && goal > 0.0).then(|| (goal * 100.0).min(100.0));
    if let Some(g) = goal_line {
        hline(&mut chart, n, g, GOOD, true)?;
    }
    line_with_markers(&mut chart, &rates, MAIN, 7)?;
    value_tags(root, &chart, &percent_tags(&rates), 12, true, &rows_px(&chart, goal_line.as_slice()))?;
    if let Some(g) = goal_line {
        let (x, y) = chart.backend_coord(&(x_span(n).1, g));
        tag(root, (x - 4, y - 8), &goal_text, &anchored(tinted(LABEL_PX, GOOD), HPos::Right, VPos::Bottom), false)?;
    }
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.get(L::Month))?;
    if rates.iter().all(Option::is_none) {
        note(root, &chart, d.l.get(L::ChartNothingJudged), false)?;
    }
    Ok(())
}
