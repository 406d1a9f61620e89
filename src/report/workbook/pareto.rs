//! Sheet 3, Pareto: defect types of the month and of the trend window with
//! cumulative share and the vital few, and the month's Pareto chart.

use super::cells::{chart_font, fill_format, line_format, new_chart, text, Sheet, Value};
use super::Book;
use crate::metrics::pareto::ParetoRow;
use crate::report::labels::L;
use rust_xlsxwriter::{Chart, ChartMarker, ChartMarkerType, ChartType, Worksheet};

/// The header row of both Pareto tables.
const HEADER_ROW: u32 = 3;
/// Columns of a Pareto table the chart reads.
const COL_TYPE: u16 = 0;
const COL_COUNT: u16 = 1;
const COL_CUM_SHARE: u16 = 3;

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.names[2]);
    let mut sh = Sheet::new(ws, &b.f);
    sh.title(&b.sheet_title(name), &b.subtitle)?;
    let headers: Vec<&str> =
        [L::DefectType, L::Count, L::CumCount, L::CumShare, L::VitalFew].iter().map(|h| l.get(*h)).collect();
    let rows = |p: &[ParetoRow]| -> Vec<Vec<Value>> {
        p.iter()
            .map(|x| {
                vec![
                    text(l.category(&x.defect_type)),
                    Value::Int(x.count as i64),
                    Value::Int(x.cum_count as i64),
                    Value::Pct(Some(x.cum_share)),
                    text(if x.vital_few { "●" } else { "" }),
                ]
            })
            .collect()
    };
    let window = format!("{} ~ {}", r.trend.first().map(|t| t.month.to_string()).unwrap_or_default(), r.period);
    sh.ws.write_string_with_format(2, 0, format!("{} ({})", l.get(L::Month), r.period), &b.f.bold)?;
    sh.ws.write_string_with_format(2, 6, format!("{} ({window})", l.get(L::TrendWindow)), &b.f.bold)?;
    sh.table(HEADER_ROW, 0, &headers, &rows(&r.pareto_month))?;
    let last = sh.table(HEADER_ROW, 6, &headers, &rows(&r.pareto_window))?;
    let chart = chart(b, name, r.pareto_month.len());
    sh.ws.insert_chart(last.max(HEADER_ROW + r.pareto_month.len() as u32) + 2, 0, &chart)?;
    sh.finish(HEADER_ROW + 1, name)
}

/// The month's Pareto: counts as columns, the cumulative share as a line on
/// a secondary axis; `rows` of the month's table on `sheet`.
pub(super) fn chart(b: &Book, sheet: &str, rows: usize) -> Chart {
    let l = b.l();
    let (first, last) = (HEADER_ROW + 1, HEADER_ROW + rows.max(1) as u32);
    let mut chart = new_chart(ChartType::Column, &l.fmt(L::ChartPareto, &[&b.r().period]));
    chart
        .add_series()
        .set_name((sheet, HEADER_ROW, COL_COUNT))
        .set_categories((sheet, first, COL_TYPE, last, COL_TYPE))
        .set_values((sheet, first, COL_COUNT, last, COL_COUNT))
        .set_format(&mut fill_format("#4472C4"))
        .set_gap(40);
    let mut line = Chart::new(ChartType::Line);
    let mut marker = ChartMarker::new();
    marker.set_type(ChartMarkerType::Circle).set_size(5);
    line.add_series()
        .set_name((sheet, HEADER_ROW, COL_CUM_SHARE))
        .set_categories((sheet, first, COL_TYPE, last, COL_TYPE))
        .set_values((sheet, first, COL_CUM_SHARE, last, COL_CUM_SHARE))
        .set_format(&mut line_format("#ED7D31", false))
        .set_marker(&marker)
        .set_secondary_axis(true);
    chart.combine(&line);
    chart.y2_axis().set_num_format("0%").set_min(0).set_max(1).set_font(&chart_font());
    chart.y_axis().set_name(l.get(L::Count)).set_name_font(&chart_font());
    chart
}
