//! 1. Complaints received per month with the 3-month rolling mean.

use super::draw::{
    bars, count_label, frame, line_with_markers, mesh, month_labels, note, plot, value_tags, x_labels, Fit, Legend,
    Plot, Swatch, Ticks,
};
use super::style::{anchored, tinted, ACCENT, MAIN, VALUE_PX};
use super::Data;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

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
    tags_clear_of_line(root, &chart, &counts, &rolling)?;
    x_labels(root, &chart, t.len(), &month_labels(d), Fit::Thin, d.l.get(L::Month))?;
    if counts.iter().all(|c| *c == 0.0) {
        note(root, &chart, d.l.get(L::ChartNoComplaintsInPeriod), false)?;
    }
    Ok(())
}

/// The bars' count labels where the rolling-mean line does not run through
/// them: a label the line would cross stands inside the top of its bar, in
/// white, when the bar is wide and tall enough for it; the others above
/// their bars (on a white box, thinned when crowded).
fn tags_clear_of_line<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &Plot<DB>,
    counts: &[f64],
    line: &[Option<f64>],
) -> DrawResult<(), DB> {
    const GAP: i32 = 6;
    let inside = anchored(tinted(VALUE_PX, WHITE), HPos::Center, VPos::Top);
    let mut outside: Vec<(f64, f64, String)> = Vec::new();
    for (i, &v) in counts.iter().enumerate() {
        let text = format!("{v:.0}");
        let x = i as f64;
        let (px, py) = chart.backend_coord(&(x, v));
        let (w, h) = root.estimate_text_size(&text, &inside)?;
        let (w, h) = (w as i32, h as i32);
        // the label's box above the bar, and the line across its width
        let (top, bottom) = (py - GAP - h - 4, py - 1);
        let slot = chart.backend_coord(&(x + 1.0, v)).0 - px;
        let half = f64::from(w / 2 + 4) / f64::from(slot.max(1));
        let crosses = [-half, 0.0, half].iter().any(|dx| {
            line_at(line, x + dx).is_some_and(|y| {
                let ly = chart.backend_coord(&(x, y)).1;
                (top - 2..=bottom + 2).contains(&ly)
            })
        });
        let bar_w = chart.backend_coord(&(x + 0.31, v)).0 - chart.backend_coord(&(x - 0.31, v)).0;
        let bar_h = chart.backend_coord(&(x, 0.0)).1 - py;
        // inside the bar, under the line's marker when the line runs through
        // the bar's top (a marker is 6 px across the line)
        let under_marker = line_at(line, x).map_or(0, |y| chart.backend_coord(&(x, y)).1 + 6 + GAP);
        let top = (py + GAP).max(under_marker);
        if v > 0.0 && crosses && bar_w >= w + 6 && bar_h >= top - py + h + GAP {
            root.draw_text(&text, &inside, (px, top))?;
        } else {
            outside.push((x, v, text));
        }
    }
    value_tags(root, chart, &outside, GAP, false, &[])
}

/// The line's value at `x` (between two months: on the segment joining
/// them), if known there.
fn line_at(line: &[Option<f64>], x: f64) -> Option<f64> {
    if x < 0.0 {
        return None;
    }
    let i = x.floor() as usize;
    let t = x - i as f64;
    let a = (*line.get(i)?)?;
    if t == 0.0 {
        return Some(a);
    }
    let b = (*line.get(i + 1)?)?;
    Some(a + (b - a) * t)
}
