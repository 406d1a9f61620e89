//! 7. Repeat rate and recurrence-after-closure rate per month.

use super::draw::{frame, line_with_markers, mesh, month_labels, note, plot, x_labels, Fit, Legend, Swatch, Ticks};
use super::style::{ACCENT, MAIN};
use super::Data;
use plotters::coord::Shift;
use plotters::prelude::*;

/// 7. Repeat rate and recurrence-after-closure rate per month.
pub(super) fn recurrence<DB: DrawingBackend>(root: &DrawingArea<DB, Shift>, d: &Data) -> DrawResult<(), DB> {
    let t = &d.r.trend;
    let n = t.len();
    let repeat: Vec<Option<f64>> = t.iter().map(|m| m.repeat_rate.map(|r| r * 100.0)).collect();
    let after: Vec<Option<f64>> = t.iter().map(|m| m.recurrence_after_closure_rate.map(|r| r * 100.0)).collect();
    let title = if d.l.korean {
        format!("월별 반복 불만 비율 ({})", d.span)
    } else {
        format!("Repeat complaint rates per month ({})", d.span)
    };
    let key: Vec<&str> = d.r.params.recurrence_key.iter().map(|f| d.l.t(f.name())).collect();
    let window = d.days(d.r.params.recurrence_window);
    let subtitle = if d.l.korean {
        format!(
            "반복: 같은 {} 불만이 {window} 이내 재접수 · 종결 후 재발: 앞선 불만 종결 후 {window} 이내",
            key.join("·")
        )
    } else {
        format!(
            "Repeat: same {} within {window} · after closure: within {window} of the earlier one's closure",
            key.join(" + ").to_lowercase()
        )
    };
    let legend = [
        Legend(Swatch::LineMarker(MAIN), d.l.t("repeat_rate").to_string()),
        Legend(Swatch::LineMarker(ACCENT), d.l.t("recurrence_after_closure_rate").to_string()),
    ];
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = repeat.iter().chain(&after).flatten().copied().fold(0.0, f64::max);
    let ticks = Ticks::percent(max);
    let mut chart = plot(&area, n, &ticks, false, false)?;
    let fmt = |v: &f64| format!("{}%", ticks.label(*v));
    mesh(&mut chart, d.tr("불만 중 비율 (%)", "Share of complaints (%)"), &fmt)?;
    line_with_markers(&mut chart, &repeat, MAIN, 7)?;
    line_with_markers(&mut chart, &after, ACCENT, 7)?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.t("month"))?;
    if repeat.iter().chain(&after).all(Option::is_none) {
        note(
            root,
            &chart,
            d.tr("이 기간에 접수된 불만이 없습니다", "No complaints were received in this period"),
            false,
        )?;
    }
    Ok(())
}
