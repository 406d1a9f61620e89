//! The Pareto sheet: defect types of the month and of the trend window with
//! cumulative share and the vital few, and the month's Pareto chart.

use super::cells::{
    chart_font, fill_format, line_format, longest_word, new_chart, text, text_width, Sheet, Value, CHART_ROWS,
    CHART_WIDTH_PX,
};
use super::{print, Book};
use crate::metrics::pareto::ParetoRow;
use crate::report::label_fit;
use crate::report::labels::L;
use rust_xlsxwriter::{Chart, ChartDataLabel, ChartLegendPosition, ChartMarker, ChartMarkerType, ChartType, Worksheet};
use unicode_width::UnicodeWidthStr;

/// The header row of both Pareto tables.
const HEADER_ROW: u32 = 3;
/// The chart's own table (right of the Pareto tables, not printed): the
/// largest types with short labels, the rest as one `Other` bar, and the
/// 80 % line.
const CHART_COL: u16 = 12;

/// The chart's top row: under the title.
const CHART_ROW: u32 = 2;
/// The header row of the month's table, under the chart.
const TABLES_ROW: u32 = CHART_ROW + CHART_ROWS + 2;

/// Where the trend window's table stands (header row, column): beside the
/// month's when both print on the page's width at 80 % (in LibreOffice's
/// wider columns too), else under it.
fn window_table_at(b: &Book) -> (u32, u16) {
    let (r, l) = (b.r(), b.l());
    let names = r.pareto_month.iter().chain(&r.pareto_window).map(|x| text_width(l.category(&x.defect_type)));
    let name = names.fold(text_width(longest_word(l.get(L::DefectType))), f64::max);
    let numbers: f64 = [L::Count, L::CumCount, L::CumShare, L::VitalFew]
        .iter()
        .map(|h| print::column_points(text_width(longest_word(l.get(*h))).max(text_width("100.0%")).max(8.0)))
        .sum();
    let table = print::column_points(name) + numbers;
    let page = print::PAGE_WIDTH_PT * 100.0 / f64::from(print::MIN_SCALE) / print::LIBREOFFICE_WIDER;
    let month_end = TABLES_ROW + r.pareto_month.len().max(1) as u32;
    if 2.0 * table + print::DEFAULT_COLUMN_PT <= page {
        (TABLES_ROW, 6)
    } else {
        (month_end + 3, 0)
    }
}

/// Bars on the chart: the largest types, the last bar the rest.
const CHART_BARS: usize = 10;
/// Display columns of a bar's label before it is shortened at a word
/// boundary with `…` (the full names stand in the tables under the chart):
/// 200 columns shared by the bars, 20 to 30 each — slanted, a label needs
/// no more room across than its line's height.
fn label_width(bars: usize) -> usize {
    (200 / bars.max(1)).clamp(20, 30)
}

/// One bar of the month's Pareto chart: label, count, cumulative share,
/// vital few.
type Bar = (String, u64, f64, bool);

/// The month's Pareto as bars: at most [`CHART_BARS`], short labels, the
/// rest summed as `Other (n)`.
fn bars(p: &[ParetoRow], l: &crate::report::labels::Labels) -> Vec<Bar> {
    let width = label_width(p.len().min(CHART_BARS));
    let bar = |x: &ParetoRow| {
        let label = label_fit::shorten_words(l.category(&x.defect_type), width).into_owned();
        (label, x.count, x.cum_share, x.vital_few)
    };
    crate::report::pareto_bars(p, CHART_BARS, bar, |n| format!("{} ({n})", l.category(crate::metrics::OTHER)))
}

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
    let window_at = window_table_at(b);
    // the chart first, under the title; its own table right of it, on
    // screen only (short labels, the tail as Other, the 80 % line)
    let mut chart = chart(b, name, CHART_WIDTH_PX);
    sh.chart(CHART_ROW, 0, &mut chart)?;
    let bars = bars(&r.pareto_month, l);
    let chart_headers = [
        l.get(L::DefectType),
        l.get(L::Count),
        l.get(L::CumShare),
        "80%",
        l.get(L::ChartVitalFewLegend),
        l.get(L::ChartOtherTypes),
    ];
    sh.section_title(HEADER_ROW - 1, CHART_COL, 6, l.get(L::ChartData))?;
    let chart_rows: Vec<Vec<Value>> = bars
        .iter()
        .map(|x| {
            let n = || Value::Int(x.1 as i64);
            let split = if x.3 { [n(), Value::Empty] } else { [Value::Empty, n()] };
            let mut row = vec![text(x.0.clone()), n(), Value::Pct(Some(x.2)), Value::Pct(Some(0.8))];
            row.extend(split);
            row
        })
        .collect();
    sh.table(HEADER_ROW, CHART_COL, &chart_headers, &chart_rows)?;
    sh.print_columns = Some(CHART_COL - 1);
    // then the tables, their section titles over them (five columns each,
    // no border through them); printed, their header on every page after
    // the first (the two tables have the same columns)
    let month_title = format!("{} ({})", l.get(L::Month), r.period);
    sh.section_title(TABLES_ROW - 1, 0, 5, &month_title)?;
    sh.section_title(window_at.0 - 1, window_at.1, 5, &format!("{} ({window})", l.fmt(L::TrendWindow, &[])))?;
    let month_last = sh.table(TABLES_ROW, 0, &headers, &rows(&r.pareto_month))?;
    sh.table(window_at.0, window_at.1, &headers, &rows(&r.pareto_window))?;
    // printed, the window's long tail stays on screen
    let shares: Vec<f64> = r.pareto_window.iter().map(|x| x.cum_share).collect();
    let printed = printed_rows(&shares);
    let mut title = name.to_string();
    if printed < shares.len() {
        sh.print_last_row = Some((window_at.0 + printed as u32).max(month_last));
        let share = format!("{:.0} %", PRINTED_SHARE * 100.0);
        let note = l.fmt(L::ParetoPrinted, &[&share, &printed, &shares.len()]);
        sh.note_in_print_heading(&note);
        title = format!("{name} · {note}");
    }
    sh.finish_repeating(TABLES_ROW, &title)
}

/// The trend window's table prints its types up to this cumulative share
/// of complaints (the vital few and the next), at least [`PRINTED_MIN`]
/// rows: a window of hundreds of types (free-text reasons) printed pages
/// of types with a handful of complaints each.
const PRINTED_SHARE: f64 = 0.9;
const PRINTED_MIN: usize = 20;

/// How many rows of a Pareto table of these cumulative shares print.
fn printed_rows(cum_shares: &[f64]) -> usize {
    let reach = cum_shares.iter().position(|s| *s >= PRINTED_SHARE - 1e-9).map_or(cum_shares.len(), |i| i + 1);
    reach.max(PRINTED_MIN).min(cum_shares.len())
}

/// The month's Pareto: counts as columns (the vital few darker, each with
/// its count), the cumulative share as a line on a secondary axis with the
/// 80 % line; read from the chart table of the Pareto sheet `sheet`, for a
/// chart `width_px` wide.
///
/// The bars stand in the lower half of the plot and the cumulative line in
/// the upper, so that no count label sits under the line; the legend stands
/// under the title, clear of the category labels, which slant or stand
/// upright when they do not fit side by side.
pub(super) fn chart(b: &Book, sheet: &str, width_px: u32) -> Chart {
    let l = b.l();
    let bars = bars(&b.r().pareto_month, l);
    let table = ParetoTable {
        sheet,
        header_row: HEADER_ROW,
        category: CHART_COL,
        value: CHART_COL + 1,
        cum_share: CHART_COL + 2,
        rows: bars.len(),
        value_format: None,
        vital_few_split: Some((CHART_COL + 4, [bars.iter().any(|x| x.3), bars.iter().any(|x| !x.3)])),
        counts: bars.iter().map(|x| x.1 as f64).collect(),
        line_80: Some(CHART_COL + 3),
    };
    let mut chart = combo_chart(&table, &l.fmt(L::ChartPareto, &[&b.r().period]), l.get(L::Count));
    chart.set_width(width_px);
    // a plot about 130 px narrower than the chart (both value axes); 7 px a
    // display column and 14 px a line at the charts' 10 pt
    let slot = (f64::from(width_px) - 130.0).max(1.0) / bars.len().max(1) as f64;
    let widest = bars.iter().map(|x| x.0.width()).max().unwrap_or(0) as f64 * 7.0;
    let word = bars.iter().flat_map(|x| x.0.split_whitespace()).map(|w| w.width()).max().unwrap_or(0) as f64 * 7.0;
    let rotation = label_fit::label_rotation(widest, word, slot, 14.0);
    chart.x_axis().set_font(chart_font().set_rotation(rotation));
    chart
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
    /// The first of two columns holding the bars' values split in the vital
    /// few and the others (each blank where the other holds the value):
    /// two series, darker and lighter, each in the legend, every bar
    /// labelled with its value (a series with no bar left out of the
    /// chart and its legend: which have some); `None` for plain bars of
    /// `value`.
    pub(super) vital_few_split: Option<(u16, [bool; 2])>,
    /// The bars' values when they are counts (never negative): the bars
    /// then stand in the lower half of the plot and the cumulative line in
    /// the upper ([`label_fit::pareto_count_axis`]); empty for the usual
    /// axes.
    pub(super) counts: Vec<f64>,
    /// The column of a constant 80 % for the Pareto line.
    pub(super) line_80: Option<u16>,
}

/// A Pareto chart of a table: the values as columns, the cumulative share
/// as a line on a secondary axis (0–100 %).
pub(super) fn combo_chart(t: &ParetoTable, title: &str, value_axis: &str) -> Chart {
    let (first, last) = (t.header_row + 1, t.header_row + t.rows.max(1) as u32);
    let (sheet, cat) = (t.sheet, t.category);
    let mut chart = new_chart(ChartType::Column, title);
    match t.vital_few_split {
        None => {
            chart
                .add_series()
                .set_name((sheet, t.header_row, t.value))
                .set_categories((sheet, first, cat, last, cat))
                .set_values((sheet, first, t.value, last, t.value))
                .set_format(&mut fill_format("#4472C4"))
                .set_gap(40);
        }
        Some((split, some)) => {
            let series = [(split, "#1F4E79"), (split + 1, "#9DC3E6")];
            for (_, (col, colour)) in some.iter().zip(series).filter(|(some, _)| **some) {
                chart
                    .add_series()
                    .set_name((sheet, t.header_row, col))
                    .set_categories((sheet, first, cat, last, cat))
                    .set_values((sheet, first, col, last, col))
                    .set_format(&mut fill_format(colour))
                    .set_gap(40)
                    .set_overlap(100)
                    .set_data_label(ChartDataLabel::new().show_value().set_font(&chart_font()));
            }
        }
    }
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
    if let Some(col) = t.line_80 {
        line.add_series()
            .set_name((sheet, t.header_row, col))
            .set_categories((sheet, first, cat, last, cat))
            .set_values((sheet, first, col, last, col))
            .set_format(&mut line_format("#C00000", true))
            .set_secondary_axis(true);
    }
    chart.combine(&line);
    chart.legend().set_position(ChartLegendPosition::Top);
    let max = t.counts.iter().copied().fold(0.0, f64::max);
    if max > 0.0 && t.counts.iter().all(|c| *c >= 0.0) {
        // the bars in the lower half, the line in the upper (its axis from
        // −100 %, the negative half and 0 % unlabelled: a 0 % at mid-height read
        // as the bars' zero): a value label never under it
        let (top, step) = label_fit::pareto_count_axis(max);
        chart.y_axis().set_min(0).set_max(top).set_major_unit(step);
        chart.y2_axis().set_num_format("0%;;").set_min(-1).set_max(1).set_major_unit(0.5);
    } else {
        chart.y2_axis().set_num_format("0%").set_min(0).set_max(1);
    }
    chart.y2_axis().set_font(&chart_font());
    chart.y_axis().set_name(value_axis).set_name_font(&chart_font());
    if let Some(format) = t.value_format {
        chart.y_axis().set_num_format(format);
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_table_prints_up_to_ninety_percent_and_twenty_rows_at_least() {
        // 100 types of 1 % each: 90 % is reached at the 90th
        let even: Vec<f64> = (1..=100).map(|k| f64::from(k) / 100.0).collect();
        assert_eq!(printed_rows(&even), 90);
        // a steep head: 90 % at the 3rd, but 20 rows print
        let steep: Vec<f64> =
            [0.5, 0.8, 0.9].into_iter().chain((1..=40).map(|k| 0.9 + f64::from(k) * 0.0025)).collect();
        assert_eq!(printed_rows(&steep), 20);
        // short tables print whole
        assert_eq!(printed_rows(&[0.6, 1.0]), 2);
        assert_eq!(printed_rows(&[]), 0);
    }
}
