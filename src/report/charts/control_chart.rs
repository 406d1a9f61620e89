//! 6. c-chart of monthly counts: centre line, limits, signal months.

use super::draw::{
    count_label, frame, hline, line_with_markers, mesh, month_labels, note, plot, value_tags, x_labels, Fit, Legend,
    Swatch, Ticks,
};
use super::style::{ALERT, GOOD, MAIN, WARN};
use super::{month_span, Data};
use plotters::coord::Shift;
use plotters::prelude::*;

/// What a control-chart signal means, short.
fn signal_text(s: &crate::metrics::control_chart::Signal, d: &Data) -> String {
    use crate::metrics::control_chart::Direction;
    let what = match s.direction {
        Direction::AboveUcl => d.tr("관리상한 초과", "above UCL"),
        Direction::BelowLcl => d.tr("관리하한 미만", "below LCL"),
        Direction::Above => d.tr("중심선 위 연속", "run above centre"),
        Direction::Below => d.tr("중심선 아래 연속", "run below centre"),
        Direction::Increasing => d.tr("연속 증가", "run rising"),
        Direction::Decreasing => d.tr("연속 감소", "run falling"),
    };
    match (s.months.first(), s.months.last()) {
        (Some(a), Some(b)) => format!("{what} {}", month_span(*a, *b, d.l.korean)),
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
    let title = if d.l.korean {
        format!("월별 불만 건수 관리도 ({})", d.span)
    } else {
        format!("Control chart of monthly complaints ({})", d.span)
    };
    let nb = cc.baseline_months.len();
    let baseline = match (cc.baseline_months.first(), cc.baseline_months.last(), d.l.korean) {
        (Some(a), Some(b), true) => format!("기준 기간 {} ({nb}개월)", month_span(*a, *b, true)),
        (Some(a), Some(b), false) => {
            format!("baseline {} ({nb} month{})", month_span(*a, *b, false), if nb == 1 { "" } else { "s" })
        }
        (_, _, true) => "기준 기간 없음".to_string(),
        (_, _, false) => "no baseline".to_string(),
    };
    let mut subtitle = format!("{} · {baseline}", d.tr("c 관리도", "c-chart"));
    if !cc.signals.is_empty() {
        let signals: Vec<String> = cc.signals.iter().map(|s| signal_text(s, d)).collect();
        subtitle = format!("{subtitle} · {}: {}", d.l.t("signals"), signals.join(", "));
    }
    let mut legend = vec![Legend(Swatch::LineMarker(MAIN), d.tr("접수 건수", "Complaints received").to_string())];
    if let Some((c, u, l)) = limits {
        legend.push(Legend(Swatch::Line(GOOD), format!("{} {c:.1}", d.l.t("centre"))));
        legend.push(Legend(Swatch::Dashed(ALERT), format!("{} {u:.1}", d.l.t("ucl"))));
        legend.push(Legend(Swatch::Dashed(WARN), format!("{} {l:.1}", d.l.t("lcl"))));
    }
    if signal.iter().any(|s| *s) {
        legend.push(Legend(Swatch::Marker(ALERT), d.l.t("signals").to_string()));
    }
    let area = frame(root, &title, Some(&subtitle), &legend)?;
    let max = counts.iter().flatten().copied().chain(limits.map(|l| l.1)).fold(0.0, f64::max);
    let ticks = Ticks::counts(max);
    let mut chart = plot(&area, n, &ticks, false, false)?;
    mesh(&mut chart, d.tr("건수", "Complaints"), &count_label)?;
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
    value_tags(root, &chart, &tags, 16, true)?;
    x_labels(root, &chart, n, &month_labels(d), Fit::Thin, d.l.t("month"))?;
    if limits.is_none() {
        let text = if d.l.korean {
            format!("기준 기간이 6개월 미만({nb}개월)이라 관리한계를 계산하지 않았습니다")
        } else {
            format!("Control limits not computed: fewer than 6 baseline months ({nb})")
        };
        note(root, &chart, &text, true)?;
    }
    Ok(())
}
