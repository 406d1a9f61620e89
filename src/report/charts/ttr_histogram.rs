//! 4. Time-to-resolution histogram with the target line.

use super::draw::{bar_tags, bars, count_label, frame, mesh, note, plot, tag, x_labels, Fit, Legend, Swatch, Ticks};
use super::style::{anchored, stroke, tinted, ALERT, LABEL_PX, MAIN, WARN};
use super::Data;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

/// 4. Time-to-resolution histogram with the target line.
pub(super) fn ttr_histogram<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let h = &d.r.ttr_histogram;
    let n = h.len();
    let target = d.r.params.target_days;
    let target_text = format!("{} {}", d.l.get(L::Target), d.days(target));
    let closed: u64 = h.iter().map(|(_, c)| c).sum();
    let title = d.l.fmt(L::ChartTtrTitle, &[&d.span]);
    let subtitle = d.l.fmt(L::ChartTtrSubtitle, &[&closed, &d.r.as_of]);
    let within = d.l.fmt(L::ChartOnTimeWithin, &[&d.days(target)]);
    let late = d.l.fmt(L::ChartLateBeyond, &[&d.days(target)]);
    let legend = [
        Legend(Swatch::Bar(MAIN), within),
        Legend(Swatch::Bar(WARN), late),
        Legend(Swatch::Dashed(ALERT), target_text.clone()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let values: Vec<f64> = h.iter().map(|(_, c)| *c as f64).collect();
    let ticks = Ticks::counts(values.iter().copied().fold(0.0, f64::max));
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, d.l.get(L::ChartComplaints), &count_label)?;
    // One bar per day 0–30, the last one `>30`.
    let coloured: Vec<(f64, RGBColor)> = h
        .iter()
        .map(|(label, c)| {
            let late = label.parse::<u32>().map_or(target < 30, |day| day > target);
            (*c as f64, if late { WARN } else { MAIN })
        })
        .collect();
    bars(&mut chart, &coloured, 0.8)?;
    if n > 0 {
        let x = (target as f64 + 0.5).min(n as f64 - 1.5).max(-0.5);
        chart.draw_series(DashedLineSeries::new([(x, 0.0), (x, ticks.top)], 14, 9, stroke(ALERT, 3)))?;
        let (px, py) = chart.backend_coord(&(x, ticks.top));
        tag(
            root,
            (px + 10, py + 34),
            &target_text,
            &anchored(tinted(LABEL_PX, ALERT), HPos::Left, VPos::Bottom),
            false,
        )?;
    }
    bar_tags(root, &chart, &values, false, &[])?;
    let labels: Vec<(usize, String)> = h
        .iter()
        .enumerate()
        .filter(|(i, (label, _))| i % 5 == 0 || label.parse::<u32>().is_err())
        .map(|(i, (label, _))| (i, label.clone()))
        .collect();
    let x_desc = d.l.get(if d.r.params.business_days { L::ChartTtrBusinessDays } else { L::ChartTtrDays });
    x_labels(root, &chart, n, &labels, Fit::Thin, x_desc)?;
    if closed == 0 {
        note(root, &chart, d.l.get(L::ChartNoneClosed), false)?;
    }
    Ok(())
}
