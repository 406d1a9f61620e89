//! The Pareto sheet: defect types of the month and of the trend window with
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
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetPareto));
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
    let table = ParetoTable {
        sheet,
        header_row: HEADER_ROW,
        category: COL_TYPE,
        value: COL_COUNT,
        cum_share: COL_CUM_SHARE,
        rows,
        value_format: None,
    };
    combo_chart(&table, &l.fmt(L::ChartPareto, &[&b.r().period]), l.get(L::Count))
}

/// Where a Pareto table stands, for [`combo_chart`].
pub(super) struct ParetoTable<'a> {
    pub(super) sheet: &'a str,
    pub(super) header_row: u32,
    /// Columns of the categories, the values and the cumulative share.
    pub(super) category: u16,
    pub(super) value: u16,
    pub(super) cum_share: u16,
    pub(super) rows: usize,
    /// The value axis' number format (`#,##0` for amounts).
    pub(super) value_format: Option<&'a str>,
}

/// A Pareto chart of a table: the values as columns, the cumulative share
/// as a line on a secondary axis (0–100 %).
pub(super) fn combo_chart(t: &ParetoTable, title: &str, value_axis: &str) -> Chart {
    let (first, last) = (t.header_row + 1, t.header_row + t.rows.max(1) as u32);
    let (sheet, cat) = (t.sheet, t.category);
    let mut chart = new_chart(ChartType::Column, title);
    chart
        .add_series()
        .set_name((sheet, t.header_row, t.value))
        .set_categories((sheet, first, cat, last, cat))
        .set_values((sheet, first, t.value, last, t.value))
        .set_format(&mut fill_format("#4472C4"))
        .set_gap(40);
    let mut line = Chart::new(ChartType::Line);
    let mut marker = ChartMarker::new();
    marker.set_type(ChartMarkerType::Circle).set_size(5);
    line.add_series()
        .set_name((sheet, t.header_row, t.cum_share))
        .set_categories((sheet, first, cat, last, cat))
        .set_values((sheet, first, t.cum_share, last, t.cum_share))
        .set_format(&mut line_format("#ED7D31", false))
        .set_marker(&marker)
        .set_secondary_axis(true);
    chart.combine(&line);
    chart.y2_axis().set_num_format("0%").set_min(0).set_max(1).set_font(&chart_font());
    chart.y_axis().set_name(value_axis).set_name_font(&chart_font());
    if let Some(format) = t.value_format {
        chart.y_axis().set_num_format(format);
    }
    chart
}
