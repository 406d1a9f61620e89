//! Sheet 1, the Summary: the month's KPI block against last month, the same
//! month last year and the goals, a note on where the figures come from,
//! and native charts of the trend, the on-time rate and the Pareto.

use super::cells::{opt_int, text, Sheet, Value, CHART_ROWS};
use super::monthly::{on_time_chart, received_chart, MonthlyTable, TREND_COLUMNS, TREND_HEADER_ROW};
use super::{pareto, Book};
use crate::metrics::trend::TrendMonth;
use crate::report::labels::L;
use rust_xlsxwriter::Worksheet;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, names) = (b.r(), b.l(), &b.names);
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(&b.title, &b.subtitle)?;
    let this = r.trend.last();
    let prev = r.trend.iter().rev().nth(1);
    let m = &r.month;
    let headers: Vec<&str> =
        [L::Metric, L::ThisMonth, L::LastMonth, L::SameMonthLastYear, L::Target].iter().map(|h| l.get(*h)).collect();
    let pick = |g: fn(&TrendMonth) -> Option<f64>, t: Option<&TrendMonth>| t.and_then(g);
    let flagged: Vec<String> = r
        .control_chart
        .flagged_defect_types
        .iter()
        .map(|x| format!("{} ({})", l.category(&x.defect_type), l.reasons(&x.reasons)))
        .collect();
    let target = Value::Int(r.params.target_days as i64);
    let recorded = r.data_quality.closure_recorded;
    // closure not recorded: "not recorded", never 0 % (docs/metrics.md §3)
    let closure = |v: Value| if recorded { v } else { text(l.get(L::NotRecorded)) };
    let rows = vec![
        vec![
            text(l.get(L::Received)),
            Value::Int(m.received as i64),
            opt_int(prev.map(|p| p.received as i64)),
            opt_int(this.and_then(|t| t.yoy_count).map(|y| y as i64)),
            Value::Empty,
        ],
        vec![
            text(l.get(L::OnTimeRate)),
            closure(Value::Pct(m.on_time_rate)),
            closure(Value::Pct(pick(|t| t.on_time_rate, prev))),
            Value::Empty,
            Value::Pct(Some(r.params.on_time_goal)),
        ],
        vec![
            text(l.get(L::TtrMedian)),
            closure(Value::Dec(m.ttr_median)),
            closure(Value::Dec(pick(|t| t.ttr_median, prev))),
            Value::Empty,
            Value::Int(r.params.target_days as i64),
        ],
        vec![
            text(l.get(L::TtrP90)),
            closure(Value::Dec(m.ttr_p90)),
            closure(Value::Dec(pick(|t| t.ttr_p90, prev))),
            Value::Empty,
            target,
        ],
        vec![
            text(l.get(L::OverdueNowAll)),
            closure(Value::Int(r.overdue.len() as i64)),
            Value::Empty,
            Value::Empty,
            Value::Int(0),
        ],
        vec![
            text(l.get(L::RepeatRate)),
            Value::Pct(m.repeat_rate),
            Value::Pct(pick(|t| t.repeat_rate, prev)),
            Value::Empty,
            Value::Empty,
        ],
        vec![
            text(l.get(L::RecurrenceAfterClosureRate)),
            Value::Pct(m.recurrence_after_closure_rate),
            Value::Pct(pick(|t| t.recurrence_after_closure_rate, prev)),
            Value::Empty,
            Value::Empty,
        ],
        vec![
            text(l.get(L::Flagged)),
            text(if flagged.is_empty() { l.get(L::None).to_string() } else { flagged.join("; ") }),
            Value::Empty,
            Value::Empty,
            Value::Empty,
        ],
    ];
    let last = sh.table(3, 0, &headers, &rows)?;
    // notes under the KPI block: where the figures come from
    let note = l.fmt(L::SummaryNote, &[&r.period, &r.as_of, &r.params.target_days, &names[7], &names[8]]);
    sh.ws.write_string_with_format(last + 2, 0, &note, &b.f.subtitle)?;
    let mut chart_row = last + 4;
    if !recorded {
        sh.ws.write_string_with_format(last + 3, 0, l.get(L::ClosureNotRecorded), &b.f.warn)?;
        chart_row += 1;
    }
    let trend = MonthlyTable::at(names[1], TREND_HEADER_ROW, &TREND_COLUMNS, r);
    sh.ws.insert_chart(chart_row, 0, &received_chart(b, &trend)?)?;
    if recorded {
        sh.ws.insert_chart(chart_row, 5, &on_time_chart(b, &trend)?)?;
    }
    sh.ws.insert_chart(chart_row + CHART_ROWS, 0, &pareto::chart(b, names[2], r.pareto_month.len()))?;
    sh.widths.resize(10, 8.0);
    sh.widths[0] = sh.widths[0].max(26.0);
    for w in sh.widths.iter_mut().skip(1) {
        *w = w.max(14.0);
    }
    sh.finish(0, names[0])
}
