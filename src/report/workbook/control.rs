//! The Control chart sheet: monthly counts against the c-chart's centre and
//! limits with the signals, the flagged defect types, and — with shipments
//! — the u-chart of complaints per 1,000 units.

use super::cells::{fill_format, line_format, new_chart, text, Sheet, Value, CHART_ROWS, MIN_CHART_WIDTH_PX};
use super::Book;
use crate::metrics::control_chart::ChartStatus;
use crate::metrics::months::Month;
use crate::report::labels::L;
use rust_xlsxwriter::{Chart, ChartFormat, ChartMarker, ChartMarkerType, ChartType, Worksheet};

pub(super) fn write(ws: &mut Worksheet, b: &Book) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetControl));
    let cc = &r.control_chart;
    let mut sh = Sheet::new(ws, &b.f);
    let baseline = match (cc.baseline_months.first(), cc.baseline_months.last()) {
        (Some(a), Some(z)) => format!("{a} ~ {z} ({})", cc.baseline_months.len()),
        _ => "-".to_string(),
    };
    sh.title(&b.sheet_title(name), &l.fmt(L::ControlSubtitle, &[&b.subtitle, &baseline]))?;
    let signal_of = |m: &Month| -> String {
        cc.signals
            .iter()
            .filter(|s| s.months.contains(m))
            .map(|s| format!("{} {} ({})", l.get(L::Rule), s.rule, l.direction(s.direction)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // the last column repeats a signal month's count: the chart marks it
    let headers: Vec<&str> = [L::Month, L::Count, L::Centre, L::Ucl, L::Lcl, L::Signals, L::SignalMonths]
        .iter()
        .map(|h| l.get(*h))
        .collect();
    let rows: Vec<Vec<Value>> = r
        .trend
        .iter()
        .map(|t| {
            let signal = signal_of(&t.month);
            let mark = if signal.is_empty() { Value::Empty } else { Value::Int(t.received as i64) };
            vec![
                text(t.month.to_string()),
                Value::Int(t.received as i64),
                Value::Dec(cc.centre),
                Value::Dec(cc.ucl),
                Value::Dec(cc.lcl),
                text(signal),
                mark,
            ]
        })
        .collect();
    let last = sh.table(3, 0, &headers, &rows)?;
    let mut chart = new_chart(ChartType::Line, l.get(L::ChartControl));
    let lines = [(1u16, "#4472C4", false), (2, "#70AD47", false), (3, "#C00000", true), (4, "#ED7D31", true)];
    control_lines(&mut chart, name, 3, last, &lines, Some(6));
    // beside the table when both fit the page's width, else under it (a
    // chart past the page's edge prints split over two pages); column A's
    // width comes from the flagged types' names below: measured first
    for x in &cc.flagged_defect_types {
        sh.fit(0, l.category(&x.defect_type));
    }
    let mut row = if sh.left_of(8) + f64::from(MIN_CHART_WIDTH_PX) * 0.75 <= super::print::PAGE_WIDTH_PT {
        sh.chart(3, 8, &mut chart)?;
        last + 3
    } else {
        sh.chart(last + 2, 0, &mut chart)?;
        last + 3 + CHART_ROWS
    };
    if cc.status != ChartStatus::Ok {
        sh.ws.write_string_with_format(row, 0, l.get(L::NoControlLimits), &b.f.alert)?;
        row += 2;
    }
    let mut row = flagged_table(&mut sh, b, row)?;
    // printed: a table (with its chart) starts a page unless it fits under
    // the one before
    let mut stack = super::print::Stack::new();
    stack.place(0, row.max(3 + CHART_ROWS) + 1);
    if let Some(uc) = &cc.u_chart {
        row += 3;
        stack.place(row - 1, uc.points.len().max(CHART_ROWS as usize) as u32 + 4);
        sh.ws.write_string_with_format(row - 1, 0, l.get(L::UChartTitle), &b.f.bold)?;
        let headers: Vec<&str> =
            [L::Month, L::Count, L::UnitsShipped, L::UPerThousand, L::UCentre, L::Ucl, L::Lcl, L::AboveUclColumn]
                .iter()
                .map(|h| l.get(*h))
                .collect();
        let rows: Vec<Vec<Value>> = uc
            .points
            .iter()
            .map(|p| {
                vec![
                    text(p.month.to_string()),
                    Value::Int(p.count as i64),
                    // units shipped are whole; rates per 1,000 units are
                    // small (0.11): two decimals, or every month reads 0.1
                    Value::Money(p.units),
                    rate(p.u),
                    rate(uc.centre),
                    rate(p.ucl),
                    rate(p.lcl),
                    if p.above_ucl { rate(p.u) } else { Value::Empty },
                ]
            })
            .collect();
        let header = row;
        let last = sh.table(row, 0, &headers, &rows)?;
        // the native u-chart beside its table: u, ū, the month's limits,
        // the months above the UCL marked
        let mut chart = new_chart(ChartType::Line, l.get(L::UChartTitle));
        let lines = [(3u16, "#4472C4", false), (4, "#70AD47", false), (5, "#C00000", true), (6, "#ED7D31", true)];
        control_lines(&mut chart, name, header, last, &lines, Some(7));
        chart.y_axis().set_num_format("0.00");
        sh.chart(header, 9, &mut chart)?;
        let centre = uc.centre.map_or("–".to_string(), |c| format!("{c:.4}"));
        sh.ws.write_string_with_format(last + 1, 0, l.fmt(L::UChartCentre, &[&centre]), &b.f.subtitle)?;
        if !uc.months_without_units.is_empty() {
            let months: Vec<String> = uc.months_without_units.iter().map(ToString::to_string).collect();
            sh.ws.write_string_with_format(last + 2, 0, l.fmt(L::UChartNoUnits, &[&months.join(", ")]), &b.f.alert)?;
        }
        row = last + 3;
    }
    flagged_charts(&mut sh, b, row + 3, &mut stack)?;
    sh.row_breaks.extend(stack.breaks);
    sh.finish(4, name)
}

/// Flagged defect types charted (the first ones, by count).
const FLAGGED_CHARTS: usize = 5;

/// A chart per flagged defect type from row `top`: its monthly counts over
/// the trend window against its own centre and UCL, each beside its table.
fn flagged_charts(sh: &mut Sheet, b: &Book, top: u32, stack: &mut super::print::Stack) -> anyhow::Result<()> {
    let (r, l, name) = (b.r(), b.l(), b.name(L::SheetControl));
    let Some(types) = r.breakdowns.get("defect_type") else { return Ok(()) };
    let mut row = top;
    for f in r.control_chart.flagged_defect_types.iter().take(FLAGGED_CHARTS) {
        // the breakdown holds the top types' months; a type beyond it has none
        let Some(series) = types.iter().find(|t| t.value == f.defect_type) else { continue };
        let title = l.fmt(L::FlaggedTypeChart, &[&l.category(&f.defect_type), &f.count, &format!("{:.1}", f.ucl)]);
        stack.place(row - 1, r.trend.len().max(CHART_ROWS as usize) as u32 + 3);
        sh.ws.write_string_with_format(row - 1, 0, &title, &b.f.bold)?;
        let headers: Vec<&str> = [L::Month, L::Count, L::Centre, L::Ucl].iter().map(|h| l.get(*h)).collect();
        let rows: Vec<Vec<Value>> = r
            .trend
            .iter()
            .zip(&series.months)
            .map(|(t, n)| {
                vec![
                    text(t.month.to_string()),
                    Value::Int(*n as i64),
                    Value::Dec(Some(f.centre)),
                    Value::Dec(Some(f.ucl)),
                ]
            })
            .collect();
        let last = sh.table(row, 0, &headers, &rows)?;
        let mut chart = new_chart(ChartType::Line, &title);
        let lines = [(1u16, "#4472C4", false), (2, "#70AD47", false), (3, "#C00000", true)];
        control_lines(&mut chart, name, row, last, &lines, None);
        sh.chart(row, 5, &mut chart)?;
        row = last.max(row + CHART_ROWS) + 3;
    }
    Ok(())
}

/// Lines of a control chart from a table at `header`..=`last` of `sheet`
/// (column 0 the months): `(column, colour, dashed)`, the first with
/// markers, and `signals` a column of values shown as large red markers only.
fn control_lines(
    chart: &mut Chart,
    sheet: &str,
    header: u32,
    last: u32,
    lines: &[(u16, &str, bool)],
    signals: Option<u16>,
) {
    // (the months slanted for the narrowest the chart is made)
    super::monthly::month_labels(chart, last.saturating_sub(header) as usize, MIN_CHART_WIDTH_PX);
    let mut marker = ChartMarker::new();
    marker.set_type(ChartMarkerType::Circle).set_size(6);
    for (i, &(col, color, dash)) in lines.iter().enumerate() {
        let series = chart.add_series();
        series
            .set_name((sheet, header, col))
            .set_categories((sheet, header + 1, 0, last, 0))
            .set_values((sheet, header + 1, col, last, col))
            .set_format(&mut line_format(color, dash));
        if i == 0 {
            series.set_marker(&marker);
        }
    }
    let Some(signals) = signals else { return };
    let mut red = ChartMarker::new();
    red.set_type(ChartMarkerType::Circle).set_size(10).set_format(&mut fill_format("#C00000"));
    chart
        .add_series()
        .set_name((sheet, header, signals))
        .set_categories((sheet, header + 1, 0, last, 0))
        .set_values((sheet, header + 1, signals, last, signals))
        .set_format(ChartFormat::new().set_no_line())
        .set_marker(&red);
}

/// The flagged defect types' table with its title on `row`; returns its
/// last row.
fn flagged_table(sh: &mut Sheet, b: &Book, row: u32) -> anyhow::Result<u32> {
    let (l, cc) = (b.l(), &b.r().control_chart);
    sh.ws.write_string_with_format(row, 0, l.get(L::Flagged), &b.f.bold)?;
    let flagged: Vec<Vec<Value>> = cc
        .flagged_defect_types
        .iter()
        .map(|x| {
            vec![
                text(l.category(&x.defect_type)),
                Value::Int(x.count as i64),
                Value::Dec(Some(x.centre)),
                Value::Dec(Some(x.ucl)),
                text(l.reasons(&x.reasons)),
            ]
        })
        .collect();
    let headers: Vec<&str> =
        [L::DefectType, L::Count, L::Centre, L::Ucl, L::Reasons].iter().map(|h| l.get(*h)).collect();
    sh.table(row + 1, 0, &headers, &flagged)
}

/// A u-chart rate (complaints per 1,000 units) to two decimals; blank when
/// unknown.
fn rate(x: Option<f64>) -> Value {
    x.map_or(Value::Empty, Value::Dec2)
}
