//! 7. Repeat rate and recurrence-after-closure rate per month.

use super::draw::{frame, line_with_markers, mesh, month_labels, note, plot, x_labels, Fit, Legend, Swatch, Ticks};
use super::style::{ACCENT, MAIN};
use super::Data;
use crate::report::labels::L;
use plotters::coord::Shift;
use plotters::prelude::*;

/// 7. Repeat rate and recurrence-after-closure rate per month.
pub(super) fn recurrence<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let n = t.len();
    // what the ledgers cannot give is not drawn as 0: no line, and a note
    let not_judged = crate::report::repeats_not_recorded(d.r, d.l);
    let timed = not_judged.is_none() && d.r.data_quality.ttr_recorded;
    let repeat: Vec<Option<f64>> =
        t.iter().map(|m| m.repeat_rate.filter(|_| not_judged.is_none()).map(|r| r * 100.0)).collect();
    let after: Vec<Option<f64>> =
        t.iter().map(|m| m.recurrence_after_closure_rate.filter(|_| timed).map(|r| r * 100.0)).collect();
    let title = d.l.fmt(L::ChartRecurrenceTitle, &[&d.span]);
    let key: Vec<&str> = d.r.params.recurrence_key.iter().map(|f| d.l.field(*f)).collect();
    // Field names in lower case mid-sentence (the Korean ones have no case).
    let key = key.join(d.l.get(L::ChartKeySeparator)).to_lowercase();
    let window = d.calendar_days(d.r.params.recurrence_window);
    let subtitle = d.l.fmt(L::ChartRecurrenceSubtitle, &[&key, &window]);
    let mut legend = vec![Legend(Swatch::LineMarker(MAIN), d.l.get(L::RepeatRate).to_string())];
    if timed {
        legend.push(Legend(Swatch::LineMarker(ACCENT), d.l.get(L::RecurrenceAfterClosureRate).to_string()));
    }
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = repeat.iter().chain(&after).flatten().copied().fold(0.0, f64::max);
    let ticks = Ticks::percent(max);
    let mut chart = plot(&area, n, &ticks, false, false)?;
    let fmt = |v: &f64| format!("{}%", ticks.label(*v));
    mesh(&mut chart, d.l.get(L::ChartShareOfComplaints), &fmt)?;
    line_with_markers(&mut chart, &repeat, MAIN, 7)?;
    line_with_markers(&mut chart, &after, ACCENT, 7)?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.get(L::Month))?;
    if let Some(text) = &not_judged {
        note(root, &chart, text, false)?;
    } else if repeat.iter().chain(&after).all(Option::is_none) {
        note(root, &chart, d.l.get(L::ChartNoComplaintsInPeriod), false)?;
    }
    Ok(())
}
