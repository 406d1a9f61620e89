//! The management-review workbook `complaint_report_<period>.xlsx`: nine
//! sheets a manager can use as they are — KPI summary with native charts,
//! trend, Pareto, resolution, overdue list, recurrence, control chart, the
//! window's complaints with provenance, and the data-quality reconciliation.

use super::labels::Labels;
use super::{Files, ReportContext, Writer};
use crate::metrics::Report;
use anyhow::Context as _;
use polars::prelude::{DataFrame, DataType};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLegendPosition, ChartLine, ChartLineDashType, ChartMarker, ChartMarkerType,
    ChartSolidFill, ChartType, ConditionalFormatCell, ConditionalFormatCellRule, ConditionalFormatDataBar,
    DocProperties, Format, FormatAlign, FormatBorder, Table, TableColumn, TableStyle, Workbook, Worksheet,
};
use unicode_width::UnicodeWidthStr;

pub struct WorkbookWriter;

/// `complaint_report_2025-10.xlsx`
pub fn file_name(report: &Report) -> String {
    format!("complaint_report_{}.xlsx", report.period)
}

/// The font of every cell: what Korean Excel has (Malgun Gothic); the
/// bundled chart font NanumGothic is the fallback LibreOffice finds.
const FONT: &str = "맑은 고딕";

impl Writer for WorkbookWriter {
    fn write(&self, ctx: &ReportContext, out: &mut Files) -> anyhow::Result<()> {
        let bytes = build(ctx).context("cannot build the workbook")?;
        out.write_bytes(&file_name(ctx.report), &bytes)?;
        // A window too big for one sheet: the whole window as CSV beside it.
        if ctx.report.window_table.height() > EXCEL_DATA_ROWS {
            let columns = crate::ingest::COLUMNS.iter().chain(&DATA_CSV_JUDGEMENTS).copied();
            let csv = super::table_csv::to_csv(&ctx.report.window_table.select(columns)?)?;
            out.write_bytes(&data_csv_name(ctx.report), &csv)?;
        }
        Ok(())
    }
}

/// Data rows an Excel sheet holds (1,048,576 rows less the header).
pub const EXCEL_DATA_ROWS: usize = 1_048_575;

/// Judgement columns of the window CSV (after the clean table's columns).
const DATA_CSV_JUDGEMENTS: [&str; 7] =
    ["ttr", "age", "on_time", "late", "overdue", "repeat", "recurrence_after_closure"];

/// The CSV of the trend window written when it does not fit the Data sheet.
pub fn data_csv_name(report: &Report) -> String {
    format!("data_{}.csv", report.period)
}

/// Sheet names in the report's language.
pub fn sheet_names(l: &Labels) -> [&'static str; 9] {
    if l.korean {
        ["요약", "추이", "파레토", "처리기간", "기한경과", "재발", "관리도", "데이터", "데이터 품질"]
    } else {
        ["Summary", "Trend", "Pareto", "Resolution", "Overdue", "Recurrence", "Control chart", "Data", "Data quality"]
    }
}

/// Cell formats shared by every sheet.
struct Formats {
    title: Format,
    subtitle: Format,
    header: Format,
    text: Format,
    int: Format,
    dec: Format,
    pct: Format,
    date: Format,
    bold: Format,
    warn: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        let cell = base.clone().set_border(FormatBorder::Thin).set_border_color("#BFBFBF");
        Formats {
            title: base.clone().set_bold().set_font_size(16),
            subtitle: base.clone().set_font_color("#595959"),
            header: cell
                .clone()
                .set_bold()
                .set_background_color("#DDEBF7")
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            text: cell.clone(),
            int: cell.clone().set_num_format("#,##0"),
            dec: cell.clone().set_num_format("#,##0.0"),
            pct: cell.clone().set_num_format("0.0%"),
            date: cell.clone().set_num_format("yyyy-mm-dd"),
            bold: cell.clone().set_bold(),
            warn: cell.set_background_color("#FCE4D6").set_font_color("#9C0006"),
        }
    }
}

/// A value for one table cell.
enum V {
    S(String),
    I(i64),
    F(Option<f64>),
    P(Option<f64>),
    D(Option<chrono::NaiveDate>),
    Empty,
}

fn s(x: impl Into<String>) -> V {
    V::S(x.into())
}

fn opt_i(x: Option<i64>) -> V {
    x.map_or(V::Empty, V::I)
}

/// Excel holds at most 32,767 characters in a cell; longer text (a pasted
/// e-mail thread, a 10 MB CSV field) is cut with a visible mark.
fn excel_text(t: &str) -> std::borrow::Cow<'_, str> {
    const MAX: usize = 32_767;
    if t.len() <= MAX || t.chars().count() <= MAX {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut cut: String = t.chars().take(MAX - 20).collect();
    cut.push_str(" …[truncated]");
    std::borrow::Cow::Owned(cut)
}

/// Writes cells and remembers the widest text per column, so columns fit
/// their content (Hangul counts double).
struct Sheet<'a> {
    ws: &'a mut Worksheet,
    f: &'a Formats,
    widths: Vec<f64>,
}

impl<'a> Sheet<'a> {
    fn new(ws: &'a mut Worksheet, f: &'a Formats) -> Sheet<'a> {
        Sheet { ws, f, widths: Vec::new() }
    }

    fn fit(&mut self, col: u16, text: &str) {
        let width = text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64 * 1.1 + 2.0;
        let c = col as usize;
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 8.0);
        }
        self.widths[c] = self.widths[c].max(width.min(60.0));
    }

    fn put(&mut self, row: u32, col: u16, v: &V) -> anyhow::Result<()> {
        let f = self.f;
        match v {
            V::S(t) => {
                self.fit(col, t);
                self.ws.write_string_with_format(row, col, excel_text(t), &f.text)?;
            }
            V::I(n) => {
                self.fit(col, &n.to_string());
                self.ws.write_number_with_format(row, col, *n as f64, &f.int)?;
            }
            V::F(Some(x)) => {
                self.fit(col, &format!("{x:.1}"));
                self.ws.write_number_with_format(row, col, *x, &f.dec)?;
            }
            V::P(Some(x)) => {
                self.fit(col, "100.0%");
                self.ws.write_number_with_format(row, col, *x, &f.pct)?;
            }
            V::D(Some(d)) => {
                self.fit(col, "2025-10-31");
                self.ws.write_datetime_with_format(row, col, d, &f.date)?;
            }
            V::F(None) | V::P(None) | V::D(None) | V::Empty => {
                self.ws.write_blank(row, col, &f.text)?;
            }
        }
        Ok(())
    }

    /// A header row at `row` from `col`, each header a column.
    fn header(&mut self, row: u32, col: u16, headers: &[&str]) -> anyhow::Result<()> {
        for (i, h) in headers.iter().enumerate() {
            let c = col + i as u16;
            self.fit(c, h.split(' ').max_by_key(|w| w.width()).unwrap_or(h));
            self.ws.write_string_with_format(row, c, *h, &self.f.header)?;
        }
        Ok(())
    }

    /// A table: header at `row`, then `rows`; returns the last row written.
    fn table(&mut self, row: u32, col: u16, headers: &[&str], rows: &[Vec<V>]) -> anyhow::Result<u32> {
        self.header(row, col, headers)?;
        for (i, r) in rows.iter().enumerate() {
            for (j, v) in r.iter().enumerate() {
                self.put(row + 1 + i as u32, col + j as u16, v)?;
            }
        }
        Ok(row + rows.len() as u32)
    }

    fn title(&mut self, title: &str, subtitle: &str) -> anyhow::Result<()> {
        self.ws.write_string_with_format(0, 0, title, &self.f.title)?;
        self.ws.write_string_with_format(1, 0, subtitle, &self.f.subtitle)?;
        self.ws.set_row_height(0, 24)?;
        Ok(())
    }

    /// Column widths, frozen header, print set-up. The header row is
    /// repeated on printed pages only where the sheet is one table (a second
    /// table below would get the wrong header).
    fn finish(self, freeze_row: u32, sheet_title: &str) -> anyhow::Result<()> {
        self.finish_with(freeze_row, sheet_title, false)
    }

    fn finish_with(self, freeze_row: u32, sheet_title: &str, repeat_header: bool) -> anyhow::Result<()> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w)?;
        }
        if freeze_row > 0 {
            self.ws.set_freeze_panes(freeze_row, 0)?;
            if repeat_header {
                self.ws.set_repeat_rows(freeze_row - 1, freeze_row - 1)?;
            }
        }
        print_setup(self.ws, sheet_title);
        Ok(())
    }
}

fn print_setup(ws: &mut Worksheet, title: &str) {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    ws.set_header(format!("&L&\"{FONT},Bold\"{title}"));
    ws.set_footer("&C&P / &N");
}

fn reasons(l: &Labels, codes: &[&str]) -> String {
    codes.iter().map(|c| l.t(c)).collect::<Vec<_>>().join(", ")
}

fn chart_font() -> rust_xlsxwriter::ChartFont {
    let mut f = rust_xlsxwriter::ChartFont::new();
    f.set_name(FONT);
    f
}

fn line_format(color: &str, dash: bool) -> ChartFormat {
    let mut line = ChartLine::new();
    line.set_color(color).set_width(2.25);
    if dash {
        line.set_dash_type(ChartLineDashType::Dash);
    }
    let mut format = ChartFormat::new();
    format.set_line(&line);
    format
}

fn fill_format(color: &str) -> ChartFormat {
    let mut format = ChartFormat::new();
    format.set_solid_fill(ChartSolidFill::new().set_color(color));
    format
}

fn new_chart(kind: ChartType, title: &str) -> Chart {
    let mut chart = Chart::new(kind);
    chart.title().set_name(title).set_font(chart_font().set_size(12).set_bold());
    chart.legend().set_position(ChartLegendPosition::Bottom).set_font(&chart_font());
    chart.x_axis().set_font(&chart_font());
    chart.y_axis().set_font(&chart_font());
    chart.set_width(640).set_height(320);
    chart
}

/// Rows a chart covers (320 px at the default 18 px row height, plus a gap).
const CHART_ROWS: u32 = 20;

/// Trend-sheet columns the charts refer to.
const TREND_HEADER_ROW: u32 = 3;
const COL_MONTH: u16 = 0;
const COL_RECEIVED: u16 = 1;
const COL_ROLLING: u16 = 6;
const COL_ON_TIME_RATE: u16 = 11;
const COL_GOAL: u16 = 12;

fn trend_chart(sheet: &str, l: &Labels, r: &Report) -> Chart {
    let (first, last) = (TREND_HEADER_ROW + 1, TREND_HEADER_ROW + r.trend.len() as u32);
    let title = if l.korean { "월별 불만 접수 추이" } else { "Complaints received per month" };
    let mut chart = new_chart(ChartType::Column, title);
    chart
        .add_series()
        .set_name((sheet, TREND_HEADER_ROW, COL_RECEIVED))
        .set_categories((sheet, first, COL_MONTH, last, COL_MONTH))
        .set_values((sheet, first, COL_RECEIVED, last, COL_RECEIVED))
        .set_format(&mut fill_format("#4472C4"))
        .set_gap(60);
    let mut line = Chart::new(ChartType::Line);
    line.add_series()
        .set_name((sheet, TREND_HEADER_ROW, COL_ROLLING))
        .set_categories((sheet, first, COL_MONTH, last, COL_MONTH))
        .set_values((sheet, first, COL_ROLLING, last, COL_ROLLING))
        .set_format(&mut line_format("#ED7D31", false));
    chart.combine(&line);
    chart.y_axis().set_name(l.t("count")).set_name_font(&chart_font());
    chart
}

fn on_time_chart(sheet: &str, l: &Labels, r: &Report) -> Chart {
    let (first, last) = (TREND_HEADER_ROW + 1, TREND_HEADER_ROW + r.trend.len() as u32);
    let title = if l.korean {
        format!("기한 내 처리율 (목표 {}일 이내)", r.params.target_days)
    } else {
        format!("On-time rate (within {} days)", r.params.target_days)
    };
    let mut chart = new_chart(ChartType::Line, &title);
    let mut marker = ChartMarker::new();
    marker.set_type(ChartMarkerType::Circle).set_size(6);
    chart
        .add_series()
        .set_name((sheet, TREND_HEADER_ROW, COL_ON_TIME_RATE))
        .set_categories((sheet, first, COL_MONTH, last, COL_MONTH))
        .set_values((sheet, first, COL_ON_TIME_RATE, last, COL_ON_TIME_RATE))
        .set_format(&mut line_format("#4472C4", false))
        .set_marker(&marker);
    chart
        .add_series()
        .set_name((sheet, TREND_HEADER_ROW, COL_GOAL))
        .set_categories((sheet, first, COL_MONTH, last, COL_MONTH))
        .set_values((sheet, first, COL_GOAL, last, COL_GOAL))
        .set_format(&mut line_format("#C00000", true));
    chart.y_axis().set_num_format("0%").set_min(0).set_max(1);
    chart
}

fn pareto_chart(sheet: &str, l: &Labels, header_row: u32, rows: usize, period: &str) -> Chart {
    let (first, last) = (header_row + 1, header_row + rows.max(1) as u32);
    let title = if l.korean {
        format!("불량유형 파레토 ({period})")
    } else {
        format!("Pareto of defect types ({period})")
    };
    let mut chart = new_chart(ChartType::Column, &title);
    chart
        .add_series()
        .set_name((sheet, header_row, 1))
        .set_categories((sheet, first, 0, last, 0))
        .set_values((sheet, first, 1, last, 1))
        .set_format(&mut fill_format("#4472C4"))
        .set_gap(40);
    let mut line = Chart::new(ChartType::Line);
    let mut marker = ChartMarker::new();
    marker.set_type(ChartMarkerType::Circle).set_size(5);
    line.add_series()
        .set_name((sheet, header_row, 3))
        .set_categories((sheet, first, 0, last, 0))
        .set_values((sheet, first, 3, last, 3))
        .set_format(&mut line_format("#ED7D31", false))
        .set_marker(&marker)
        .set_secondary_axis(true);
    chart.combine(&line);
    chart.y2_axis().set_num_format("0%").set_min(0).set_max(1).set_font(&chart_font());
    chart.y_axis().set_name(l.t("count")).set_name_font(&chart_font());
    chart
}

fn build(ctx: &ReportContext) -> anyhow::Result<Vec<u8>> {
    let mut clock = std::time::Instant::now();
    let (r, l) = (ctx.report, ctx.labels);
    let f = Formats::new();
    let names = sheet_names(l);
    let mut wb = Workbook::new();
    // Deflate dominates saving a large Data sheet; level 1 is several times
    // faster for a file a few percent larger.
    wb.set_zip_compression_level(1);
    wb.set_default_format(&Format::new().set_font_name(FONT).set_font_size(10).set_font_charset(129), 18, 64)?;
    let period = r.period.to_string();
    let title = if l.korean {
        format!("고객불만 월간 보고 {period}")
    } else {
        format!("Monthly complaint report {period}")
    };
    let created = r.as_of.and_hms_opt(0, 0, 0).unwrap_or_default();
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title)
            .set_subject(format!("{period} (as of {})", r.as_of))
            .set_author("complaints")
            .set_keywords("complaints, management review, 경영검토")
            .set_creation_datetime(&created),
    );
    let subtitle = if l.korean {
        format!(
            "기준일 {} · 처리 목표 {}일 · 추이 {}개월 · 불만 {}건 ({}개 파일, {}개 시트)",
            r.as_of,
            r.params.target_days,
            r.params.months,
            r.data_quality.read.complaints,
            r.data_quality.read.files,
            r.data_quality.read.sheets
        )
    } else {
        format!(
            "As of {} · target {} days · {}-month trend · {} complaints ({} files, {} sheets)",
            r.as_of,
            r.params.target_days,
            r.params.months,
            r.data_quality.read.complaints,
            r.data_quality.read.files,
            r.data_quality.read.sheets
        )
    };

    summary_sheet(wb.add_worksheet().set_name(names[0])?, &f, ctx, &title, &subtitle, &names)?;
    trend_sheet(wb.add_worksheet().set_name(names[1])?, &f, ctx, &subtitle, names[1])?;
    pareto_sheet(wb.add_worksheet().set_name(names[2])?, &f, ctx, &subtitle, names[2])?;
    resolution_sheet(wb.add_worksheet().set_name(names[3])?, &f, ctx, &subtitle, names[3])?;
    overdue_sheet(wb.add_worksheet().set_name(names[4])?, &f, ctx, &subtitle)?;
    recurrence_sheet(wb.add_worksheet().set_name(names[5])?, &f, ctx, &subtitle, names[5])?;
    control_sheet(wb.add_worksheet().set_name(names[6])?, &f, ctx, &subtitle, names[6])?;
    crate::progress::lap(&mut clock, "  workbook sheets 1-7");
    let mut clock = std::time::Instant::now();
    data_sheet(wb.add_worksheet_with_constant_memory()?.set_name(names[7])?, &f, ctx)?;
    crate::progress::lap(&mut clock, "  workbook data sheet");
    quality_sheet(wb.add_worksheet().set_name(names[8])?, &f, ctx, &subtitle)?;
    let bytes = wb.save_to_buffer()?;
    crate::progress::lap(&mut clock, "  workbook save");
    Ok(bytes)
}

fn summary_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &ReportContext,
    title: &str,
    subtitle: &str,
    names: &[&str; 9],
) -> anyhow::Result<()> {
    let (r, l) = (ctx.report, ctx.labels);
    let mut sh = Sheet::new(ws, f);
    sh.title(title, subtitle)?;
    let this = r.trend.last();
    let prev = r.trend.iter().rev().nth(1);
    let m = &r.month;
    let headers: Vec<&str> = if l.korean {
        vec!["지표", "이번 달", "전월", "전년 동월", "목표"]
    } else {
        vec!["Metric", "This month", "Last month", "Same month last year", "Target"]
    };
    let pick = |g: fn(&crate::metrics::trend::TrendMonth) -> Option<f64>,
                t: Option<&crate::metrics::trend::TrendMonth>| t.and_then(g);
    let flagged: Vec<String> = r
        .control_chart
        .flagged_defect_types
        .iter()
        .map(|x| format!("{} ({})", l.category(&x.defect_type), reasons(l, &x.reasons)))
        .collect();
    let rows = vec![
        vec![
            s(l.t("received")),
            V::I(m.received as i64),
            opt_i(prev.map(|p| p.received as i64)),
            opt_i(this.and_then(|t| t.yoy_count).map(|y| y as i64)),
            V::Empty,
        ],
        vec![
            s(l.t("on_time_rate")),
            V::P(m.on_time_rate),
            V::P(pick(|t| t.on_time_rate, prev)),
            V::Empty,
            V::P(Some(r.params.on_time_goal)),
        ],
        vec![
            s(l.t("ttr_median")),
            V::F(m.ttr_median),
            V::F(pick(|t| t.ttr_median, prev)),
            V::Empty,
            V::I(r.params.target_days as i64),
        ],
        vec![
            s(l.t("ttr_p90")),
            V::F(m.ttr_p90),
            V::F(pick(|t| t.ttr_p90, prev)),
            V::Empty,
            V::I(r.params.target_days as i64),
        ],
        vec![
            s(if l.korean { "기한 경과 미결 (전체)" } else { "Overdue now (all months)" }),
            V::I(r.overdue.len() as i64),
            V::Empty,
            V::Empty,
            V::I(0),
        ],
        vec![s(l.t("repeat_rate")), V::P(m.repeat_rate), V::P(pick(|t| t.repeat_rate, prev)), V::Empty, V::Empty],
        vec![
            s(l.t("recurrence_after_closure_rate")),
            V::P(m.recurrence_after_closure_rate),
            V::P(pick(|t| t.recurrence_after_closure_rate, prev)),
            V::Empty,
            V::Empty,
        ],
        vec![
            s(l.t("flagged")),
            s(if flagged.is_empty() {
                if l.korean {
                    "없음".to_string()
                } else {
                    "none".to_string()
                }
            } else {
                flagged.join("; ")
            }),
            V::Empty,
            V::Empty,
            V::Empty,
        ],
    ];
    let last = sh.table(3, 0, &headers, &rows)?;
    // notes under the KPI block: where the figures come from
    let note = if l.korean {
        format!("※ 이번 달 = {}에 접수된 불만을 {} 기준으로 판정. 기한 경과 = 미결이며 접수 후 {}일 초과. 원본 행은 '{}' 시트, 제외된 행은 '{}' 시트 참조.", r.period, r.as_of, r.params.target_days, names[7], names[8])
    } else {
        format!("Note: this month = complaints received in {}, judged as of {}. Overdue = open and older than {} days. Source rows: sheet '{}'; rows left out: sheet '{}'.", r.period, r.as_of, r.params.target_days, names[7], names[8])
    };
    sh.ws.write_string_with_format(last + 2, 0, &note, &f.subtitle)?;
    let chart_row = last + 4;
    sh.ws.insert_chart(chart_row, 0, &trend_chart(names[1], l, r))?;
    sh.ws.insert_chart(chart_row, 5, &on_time_chart(names[1], l, r))?;
    sh.ws.insert_chart(
        chart_row + CHART_ROWS,
        0,
        &pareto_chart(names[2], l, PARETO_HEADER_ROW, r.pareto_month.len(), &r.period.to_string()),
    )?;
    sh.widths.resize(10, 8.0);
    sh.widths[0] = sh.widths[0].max(26.0);
    for w in sh.widths.iter_mut().skip(1) {
        *w = w.max(14.0);
    }
    sh.finish(0, names[0])?;
    Ok(())
}

/// One column of a monthly table, by its label key.
fn trend_cell(key: &str, t: &crate::metrics::trend::TrendMonth, r: &Report) -> V {
    match key {
        "month" => s(t.month.to_string()),
        "received" => V::I(t.received as i64),
        "mom_change" => opt_i(t.mom_change),
        "mom_pct" => V::P(t.mom_pct.map(|p| p / 100.0)),
        "yoy_count" => opt_i(t.yoy_count.map(|y| y as i64)),
        "yoy_pct" => V::P(t.yoy_pct.map(|p| p / 100.0)),
        "rolling3" => V::F(t.rolling3),
        "closed" => V::I(t.closed as i64),
        "on_time" => V::I(t.on_time as i64),
        "late" => V::I(t.late as i64),
        "overdue" => V::I(t.overdue as i64),
        "open_within_target" => V::I(t.open_within_target as i64),
        "on_time_rate" => V::P(t.on_time_rate),
        "on_time_goal" => V::P(Some(r.params.on_time_goal)),
        "ttr_median" => V::F(t.ttr_median),
        "ttr_mean" => V::F(t.ttr_mean),
        "ttr_p90" => V::F(t.ttr_p90),
        "ttr_max" => opt_i(t.ttr_max),
        "repeats" => V::I(t.repeats as i64),
        "repeat_rate" => V::P(t.repeat_rate),
        "recurrences_after_closure" => V::I(t.recurrences_after_closure as i64),
        "recurrence_after_closure_rate" => V::P(t.recurrence_after_closure_rate),
        _ => V::Empty,
    }
}

/// A table with one row per trend month and the columns named by `keys`;
/// returns the last row written.
fn monthly_table(sh: &mut Sheet, row: u32, l: &Labels, r: &Report, keys: &[&str]) -> anyhow::Result<u32> {
    let headers: Vec<&str> = keys.iter().map(|k| l.t(k)).collect();
    let rows: Vec<Vec<V>> = r.trend.iter().map(|t| keys.iter().map(|k| trend_cell(k, t, r)).collect()).collect();
    sh.table(row, 0, &headers, &rows)
}

fn trend_sheet(ws: &mut Worksheet, f: &Formats, ctx: &ReportContext, subtitle: &str, name: &str) -> anyhow::Result<()> {
    let (r, l) = (ctx.report, ctx.labels);
    let mut sh = Sheet::new(ws, f);
    sh.title(&format!("{} — {}", name, r.period), subtitle)?;
    const COLUMNS: [&str; 20] = [
        "month",
        "received",
        "mom_change",
        "mom_pct",
        "yoy_count",
        "yoy_pct",
        "rolling3",
        "closed",
        "on_time",
        "late",
        "overdue",
        "on_time_rate",
        "on_time_goal",
        "ttr_median",
        "ttr_p90",
        "open_within_target",
        "repeats",
        "repeat_rate",
        "recurrences_after_closure",
        "recurrence_after_closure_rate",
    ];
    let mut row = monthly_table(&mut sh, TREND_HEADER_ROW, l, r, &COLUMNS)?;
    sh.ws.autofilter(TREND_HEADER_ROW, 0, row, COLUMNS.len() as u16 - 1)?;
    // charts under the table, side by side, so the sheet prints one page wide
    sh.ws.insert_chart(row + 2, 0, &trend_chart(name, l, r))?;
    sh.ws.insert_chart(row + 2, 8, &on_time_chart(name, l, r))?;
    row += 2 + CHART_ROWS;

    // breakdowns: top values per field, one column per month
    let months: Vec<String> = r.trend.iter().map(|t| t.month.to_string()).collect();
    for field in crate::metrics::trend::BREAKDOWN_FIELDS {
        let Some(rows) = r.breakdowns.get(field) else { continue };
        if rows.iter().all(|b| b.value == crate::metrics::trend::BLANK) {
            continue; // the ledgers have no such column
        }
        row += 3;
        sh.ws.write_string_with_format(row, 0, format!("{} — {}", l.t(field), l.t("total")), &f.bold)?;
        row += 1;
        let mut headers: Vec<&str> = vec![l.t(field), l.t("total")];
        headers.extend(months.iter().map(String::as_str));
        let body: Vec<Vec<V>> = rows
            .iter()
            .map(|b| {
                let mut v = vec![s(l.category(&b.value)), V::I(b.total as i64)];
                v.extend(b.months.iter().map(|n| V::I(*n as i64)));
                v
            })
            .collect();
        row = sh.table(row, 0, &headers, &body)?;
    }
    sh.finish(TREND_HEADER_ROW + 1, name)
}

const PARETO_HEADER_ROW: u32 = 3;

fn pareto_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &ReportContext,
    subtitle: &str,
    name: &str,
) -> anyhow::Result<()> {
    let (r, l) = (ctx.report, ctx.labels);
    let mut sh = Sheet::new(ws, f);
    sh.title(&format!("{} — {}", name, r.period), subtitle)?;
    let headers = [l.t("defect_type"), l.t("count"), l.t("cum_count"), l.t("cum_share"), l.t("vital_few")];
    let rows = |p: &[crate::metrics::pareto::ParetoRow]| -> Vec<Vec<V>> {
        p.iter()
            .map(|x| {
                vec![
                    s(l.category(&x.defect_type)),
                    V::I(x.count as i64),
                    V::I(x.cum_count as i64),
                    V::P(Some(x.cum_share)),
                    s(if x.vital_few { "●" } else { "" }),
                ]
            })
            .collect()
    };
    let window = format!("{} ~ {}", r.trend.first().map(|t| t.month.to_string()).unwrap_or_default(), r.period);
    sh.ws.write_string_with_format(2, 0, format!("{} ({})", l.t("month"), r.period), &f.bold)?;
    sh.ws.write_string_with_format(
        2,
        6,
        format!("{} ({window})", if l.korean { "추이 기간" } else { "Trend window" }),
        &f.bold,
    )?;
    sh.table(PARETO_HEADER_ROW, 0, &headers, &rows(&r.pareto_month))?;
    let last = sh.table(PARETO_HEADER_ROW, 6, &headers, &rows(&r.pareto_window))?;
    let chart = pareto_chart(name, l, PARETO_HEADER_ROW, r.pareto_month.len(), &r.period.to_string());
    sh.ws.insert_chart(last.max(PARETO_HEADER_ROW + r.pareto_month.len() as u32) + 2, 0, &chart)?;
    sh.finish(PARETO_HEADER_ROW + 1, name)
}

fn resolution_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &ReportContext,
    subtitle: &str,
    name: &str,
) -> anyhow::Result<()> {
    let (r, l) = (ctx.report, ctx.labels);
    let mut sh = Sheet::new(ws, f);
    sh.title(&format!("{} — {}", name, r.period), subtitle)?;
    let last = monthly_table(
        &mut sh,
        3,
        l,
        r,
        &[
            "month",
            "received",
            "closed",
            "on_time",
            "late",
            "overdue",
            "open_within_target",
            "on_time_rate",
            "ttr_median",
            "ttr_mean",
            "ttr_p90",
            "ttr_max",
        ],
    )?;

    // aging and the TTR histogram side by side below
    let top = last + 3;
    sh.ws.write_string_with_format(
        top - 1,
        0,
        format!("{} ({} {})", l.t("aging"), if l.korean { "기준일" } else { "as of" }, r.as_of),
        &f.bold,
    )?;
    let aging: Vec<Vec<V>> =
        r.aging.buckets().iter().map(|(b, n)| vec![s(format!("{b} {}", l.t("days"))), V::I(*n as i64)]).collect();
    let aging_last = sh.table(top, 0, &[l.t("aging"), l.t("count")], &aging)?;
    sh.ws.write_string_with_format(
        top - 1,
        3,
        if l.korean {
            "처리기간 분포 (추이 기간 완료 건)"
        } else {
            "Days to close (closed in the trend window)"
        },
        &f.bold,
    )?;
    let hist: Vec<Vec<V>> = r.ttr_histogram.iter().map(|(d, n)| vec![s(d.clone()), V::I(*n as i64)]).collect();
    let hist_last = sh.table(top, 3, &[l.t("days"), l.t("count")], &hist)?;

    let mut aging_chart = new_chart(ChartType::Column, l.t("aging"));
    aging_chart
        .add_series()
        .set_name((name, top, 1))
        .set_categories((name, top + 1, 0, aging_last, 0))
        .set_values((name, top + 1, 1, aging_last, 1))
        .set_format(&mut fill_format("#ED7D31"));
    aging_chart.legend().set_hidden();
    sh.ws.insert_chart(top, 6, &aging_chart)?;
    let title = if l.korean {
        format!("처리기간 분포 (목표 {}일)", r.params.target_days)
    } else {
        format!("Days to close (target {} days)", r.params.target_days)
    };
    let mut hist_chart = new_chart(ChartType::Column, &title);
    hist_chart
        .add_series()
        .set_name((name, top, 4))
        .set_categories((name, top + 1, 3, hist_last, 3))
        .set_values((name, top + 1, 4, hist_last, 4))
        .set_format(&mut fill_format("#4472C4"))
        .set_gap(20);
    hist_chart.legend().set_hidden();
    sh.ws.insert_chart(top + CHART_ROWS, 6, &hist_chart)?;
    sh.finish(4, name)
}

fn overdue_sheet(ws: &mut Worksheet, f: &Formats, ctx: &ReportContext, subtitle: &str) -> anyhow::Result<()> {
    let (r, l) = (ctx.report, ctx.labels);
    let mut sh = Sheet::new(ws, f);
    let title = if l.korean {
        format!(
            "기한 경과 미결 목록 — {}건 ({} 기준, 접수 후 {}일 초과)",
            r.overdue.len(),
            r.as_of,
            r.params.target_days
        )
    } else {
        format!(
            "Overdue complaints — {} (as of {}, open more than {} days)",
            r.overdue.len(),
            r.as_of,
            r.params.target_days
        )
    };
    sh.title(&title, subtitle)?;
    let headers = [
        l.t("complaint_id"),
        l.t("received_date"),
        l.t("age_days"),
        l.t("days_past_target"),
        l.t("customer"),
        l.t("product"),
        l.t("defect_type"),
        l.t("department"),
        l.t("owner"),
        l.t("status"),
        l.t("file"),
        l.t("sheet"),
        l.t("row"),
    ];
    let opt = |x: &Option<String>| s(x.clone().unwrap_or_default());
    let rows: Vec<Vec<V>> = r
        .overdue
        .iter()
        .map(|o| {
            vec![
                s(o.complaint_id.clone()),
                V::D(Some(o.received_date)),
                V::I(o.age_days),
                V::I(o.days_past_target),
                opt(&o.customer),
                opt(&o.product),
                opt(&o.defect_type),
                opt(&o.department),
                opt(&o.owner),
                opt(&o.status),
                s(o.source_file.clone()),
                s(o.source_sheet.clone()),
                V::I(i64::from(o.source_row)),
            ]
        })
        .collect();
    let last = sh.table(3, 0, &headers, &rows)?;
    if !rows.is_empty() {
        sh.ws.autofilter(3, 0, last, headers.len() as u16 - 1)?;
        // days past target: red when more than the target again, data bar for the size
        sh.ws.add_conditional_format(
            4,
            3,
            last,
            3,
            &ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::GreaterThan(r.params.target_days))
                .set_format(f.warn.clone()),
        )?;
        sh.ws.add_conditional_format(4, 3, last, 3, &ConditionalFormatDataBar::new().set_fill_color("#F4B183"))?;
    } else {
        sh.ws.write_string_with_format(
            4,
            0,
            if l.korean { "기한 경과 미결 없음" } else { "No overdue complaints" },
            &f.text,
        )?;
    }
    sh.finish_with(4, &title, true)
}

fn recurrence_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &ReportContext,
    subtitle: &str,
    name: &str,
) -> anyhow::Result<()> {
    let (r, l) = (ctx.report, ctx.labels);
    let mut sh = Sheet::new(ws, f);
    let key: Vec<&str> = r.params.recurrence_key.iter().map(|k| l.t(k.name())).collect();
    let key_text = key.join(" + ");
    let subtitle2 = if l.korean {
        format!("{subtitle} · 재발 기준: {key_text}, {}일 이내", r.params.recurrence_window)
    } else {
        format!("{subtitle} · same problem = {key_text}, within {} days", r.params.recurrence_window)
    };
    sh.title(&format!("{} — {}", name, r.period), &subtitle2)?;
    let last = monthly_table(
        &mut sh,
        3,
        l,
        r,
        &["month", "received", "repeats", "repeat_rate", "recurrences_after_closure", "recurrence_after_closure_rate"],
    )?;
    let mut chart = new_chart(
        ChartType::Line,
        if l.korean { "월별 반복률 · 종결 후 재발률" } else { "Repeat and recurrence-after-closure rates" },
    );
    for (col, color) in [(3u16, "#4472C4"), (5, "#C00000")] {
        chart
            .add_series()
            .set_name((name, 3, col))
            .set_categories((name, 4, 0, last, 0))
            .set_values((name, 4, col, last, col))
            .set_format(&mut line_format(color, false));
    }
    chart.y_axis().set_num_format("0%").set_min(0).set_max(1);
    sh.ws.insert_chart(3, 7, &chart)?;

    let top = last + 3;
    sh.ws.write_string_with_format(
        top - 1,
        0,
        if l.korean {
            "반복 문제 (추이 기간 2건 이상)"
        } else {
            "Recurring problems (2+ in the trend window)"
        },
        &f.bold,
    )?;
    let mut headers: Vec<&str> = key.clone();
    let rest = if l.korean {
        ["건수", "최초 접수", "최근 접수", "고객 수", "반복", "종결 후 재발"]
    } else {
        ["Count", "First", "Last", "Customers", "Repeats", "After closure"]
    };
    headers.extend(rest);
    let rows: Vec<Vec<V>> = r
        .recurring_keys
        .iter()
        .map(|k| {
            let mut v: Vec<V> = k.key.iter().map(|x| s(x.clone())).collect();
            v.extend([
                V::I(k.count as i64),
                V::D(Some(k.first)),
                V::D(Some(k.last)),
                V::I(k.customers as i64),
                V::I(k.repeats as i64),
                V::I(k.recurrences_after_closure as i64),
            ]);
            v
        })
        .collect();
    let last = sh.table(top, 0, &headers, &rows)?;
    if !rows.is_empty() {
        sh.ws.autofilter(top, 0, last, headers.len() as u16 - 1)?;
    }
    sh.finish(4, name)
}

fn control_sheet(
    ws: &mut Worksheet,
    f: &Formats,
    ctx: &ReportContext,
    subtitle: &str,
    name: &str,
) -> anyhow::Result<()> {
    let (r, l) = (ctx.report, ctx.labels);
    let cc = &r.control_chart;
    let mut sh = Sheet::new(ws, f);
    let baseline = match (cc.baseline_months.first(), cc.baseline_months.last()) {
        (Some(a), Some(b)) => format!("{a} ~ {b} ({})", cc.baseline_months.len()),
        _ => "-".to_string(),
    };
    let subtitle2 = if l.korean {
        format!("{subtitle} · c 관리도 기준 기간 {baseline}")
    } else {
        format!("{subtitle} · c-chart baseline {baseline}")
    };
    sh.title(&format!("{} — {}", name, r.period), &subtitle2)?;
    let signal_of = |m: &crate::metrics::months::Month| -> String {
        cc.signals
            .iter()
            .filter(|s| s.months.contains(m))
            .map(|s| format!("{} {} ({})", if l.korean { "규칙" } else { "rule" }, s.rule, l.t(s.direction)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let headers = [l.t("month"), l.t("count"), l.t("centre"), l.t("ucl"), l.t("lcl"), l.t("signals")];
    let rows: Vec<Vec<V>> = r
        .trend
        .iter()
        .map(|t| {
            vec![
                s(t.month.to_string()),
                V::I(t.received as i64),
                V::F(cc.centre),
                V::F(cc.ucl),
                V::F(cc.lcl),
                s(signal_of(&t.month)),
            ]
        })
        .collect();
    let last = sh.table(3, 0, &headers, &rows)?;
    let mut chart =
        new_chart(ChartType::Line, if l.korean { "월별 불만 건수 c 관리도" } else { "c-chart of monthly complaints" });
    let mut marker = ChartMarker::new();
    marker.set_type(ChartMarkerType::Circle).set_size(6);
    for (col, color, dash) in
        [(1u16, "#4472C4", false), (2, "#70AD47", false), (3, "#C00000", true), (4, "#C00000", true)]
    {
        let series = chart.add_series();
        series
            .set_name((name, 3, col))
            .set_categories((name, 4, 0, last, 0))
            .set_values((name, 4, col, last, col))
            .set_format(&mut line_format(color, dash));
        if col == 1 {
            series.set_marker(&marker);
        }
    }
    sh.ws.insert_chart(3, 7, &chart)?;
    let mut row = last + 3;
    if cc.status != "ok" {
        sh.ws.write_string_with_format(
            row,
            0,
            if l.korean {
                "기준 기간이 6개월 미만이라 관리한계를 계산하지 않았습니다."
            } else {
                "Fewer than 6 baseline months: no control limits."
            },
            &f.warn,
        )?;
        row += 2;
    }
    sh.ws.write_string_with_format(row, 0, l.t("flagged"), &f.bold)?;
    let flagged: Vec<Vec<V>> = cc
        .flagged_defect_types
        .iter()
        .map(|x| {
            vec![
                s(l.category(&x.defect_type)),
                V::I(x.count as i64),
                V::F(Some(x.centre)),
                V::F(Some(x.ucl)),
                s(reasons(l, &x.reasons)),
            ]
        })
        .collect();
    let reason = if l.korean { "사유" } else { "Reasons" };
    let mut row =
        sh.table(row + 1, 0, &[l.t("defect_type"), l.t("count"), l.t("centre"), l.t("ucl"), reason], &flagged)?;
    if let Some(points) = &cc.u_chart {
        row += 3;
        let title = if l.korean {
            "u 관리도 (출하 1,000개당 불만)"
        } else {
            "u-chart (complaints per 1,000 units shipped)"
        };
        sh.ws.write_string_with_format(row - 1, 0, title, &f.bold)?;
        let headers = if l.korean {
            ["월", "건수", "출하수량", "u (1,000개당)", "관리상한", "관리하한", "관리상한 초과"]
        } else {
            ["Month", "Count", "Units shipped", "u (per 1,000)", "UCL", "LCL", "Above UCL"]
        };
        let yes = if l.korean { "예" } else { "yes" };
        let rows: Vec<Vec<V>> = points
            .iter()
            .map(|p| {
                vec![
                    s(p.month.to_string()),
                    V::I(p.count as i64),
                    V::F(p.units),
                    V::F(p.u),
                    V::F(p.ucl),
                    V::F(p.lcl),
                    s(if p.above_ucl { yes } else { "" }),
                ]
            })
            .collect();
        sh.table(row, 0, &headers, &rows)?;
    }
    sh.finish(4, name)
}

/// Cells up to which the Data sheet is an Excel table (10,000 rows × 30).
/// rust_xlsxwriter checks a table for overlaps by hashing every cell of it
/// (0.2 s per million cells here); bigger windows get a plain header row
/// with filters, which a manager uses the same way.
const TABLE_MAX_CELLS: u64 = 300_000;

/// The window's complaints with judgements and provenance, as an Excel
/// table (filters, banded rows). Written in constant-memory mode, rows in order.
/// Rows of the Data sheet measured for its column widths.
const WIDTH_SAMPLE_ROWS: usize = 2_000;

/// Excel's serial of 1970-01-01 (serials count days from 1899-12-30).
const EXCEL_EPOCH_OFFSET: f64 = 25_569.0;

fn data_sheet(ws: &mut Worksheet, f: &Formats, ctx: &ReportContext) -> anyhow::Result<()> {
    let l = ctx.labels;
    let df: &DataFrame = &ctx.report.window_table;
    let columns: [(&str, &str); 30] = [
        ("complaint_id", l.t("complaint_id")),
        ("received_date", l.t("received_date")),
        ("customer", l.t("customer")),
        ("product", l.t("product")),
        ("lot", if l.korean { "로트" } else { "Lot" }),
        ("defect_type", l.t("defect_type")),
        ("description", if l.korean { "불만내용" } else { "Description" }),
        ("channel", l.t("channel")),
        ("severity", if l.korean { "중요도" } else { "Severity" }),
        ("site", l.t("site")),
        ("department", l.t("department")),
        ("owner", l.t("owner")),
        ("cause", if l.korean { "원인" } else { "Cause" }),
        ("action", if l.korean { "조치내용" } else { "Action" }),
        ("notified_date", if l.korean { "통보일" } else { "Notified" }),
        ("closed_date", l.t("closed_date")),
        ("status", l.t("status")),
        ("capa_id", if l.korean { "시정조치번호" } else { "CAPA" }),
        ("nonconforming", if l.korean { "부적합" } else { "Nonconforming" }),
        ("cost", if l.korean { "비용" } else { "Cost" }),
        ("closed", if l.korean { "완료 여부" } else { "Closed" }),
        ("ttr", if l.korean { "처리기간(일)" } else { "Days to close" }),
        ("age", l.t("age_days")),
        ("on_time", l.t("on_time")),
        ("overdue", l.t("overdue")),
        ("repeat", l.t("repeats")),
        ("recurrence_after_closure", l.t("recurrences_after_closure")),
        ("source_file", l.t("file")),
        ("source_sheet", l.t("sheet")),
        ("source_row", l.t("row")),
    ];
    let yes = if l.korean { "예" } else { "yes" };
    // Borrow every column once; widths must be set before rows are streamed
    // in constant-memory mode, so text widths are measured first.
    enum Col<'a> {
        Text(Vec<Option<&'a str>>),
        Date(Vec<Option<i32>>),
        Flag(Vec<Option<bool>>),
        Number(Vec<Option<f64>>),
    }
    let mut cols: Vec<Col> = Vec::with_capacity(columns.len());
    for (name, _) in &columns {
        let series = df.column(name)?.as_materialized_series();
        cols.push(match series.dtype() {
            DataType::String => Col::Text(series.str()?.iter().collect()),
            DataType::Date => Col::Date(series.date()?.physical().iter().collect()),
            DataType::Boolean => Col::Flag(series.bool()?.iter().collect()),
            DataType::Float64 => Col::Number(series.f64()?.iter().collect()),
            DataType::Int32 => Col::Number(series.i32()?.iter().map(|v| v.map(f64::from)).collect()),
            DataType::UInt32 => Col::Number(series.u32()?.iter().map(|v| v.map(f64::from)).collect()),
            other => anyhow::bail!("internal error: Data column {name} has type {other}"),
        });
    }
    let mut sh = Sheet::new(ws, f);
    for (c, (_, header)) in columns.iter().enumerate() {
        sh.fit(c as u16, header);
        sh.fit(c as u16, "2025-10-31");
        // widths from the first rows: enough to size a column, and cheap
        if let Col::Text(values) = &cols[c] {
            for t in values.iter().take(WIDTH_SAMPLE_ROWS).flatten() {
                sh.fit(c as u16, t);
            }
        }
    }
    for (c, w) in sh.widths.iter().enumerate() {
        sh.ws.set_column_width(c as u16, w.min(40.0))?;
    }
    // Dates take their format from the column: a format per cell costs a
    // format lookup per cell.
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, col) in cols.iter().enumerate() {
        if let Col::Date(_) = col {
            sh.ws.set_column_format(c as u16, &date)?;
        }
    }
    // Excel's row limit: the first rows of a bigger window (all of it is
    // in the CSV written beside the workbook, see the Data quality sheet).
    let n = df.height().min(EXCEL_DATA_ROWS) as u32;
    let last_col = columns.len() as u16 - 1;
    // The header row first: constant-memory sheets take rows in order. Up to
    // TABLE_MAX_CELLS an Excel table (filters, banded rows); beyond, a plain
    // header with filters, because rust_xlsxwriter registers every cell of a
    // table (seconds and hundreds of MB at a million rows).
    if u64::from(n) * columns.len() as u64 <= TABLE_MAX_CELLS {
        let table_columns: Vec<TableColumn> =
            columns.iter().map(|(_, h)| TableColumn::new().set_header(*h).set_header_format(&f.header)).collect();
        let table = Table::new().set_columns(&table_columns).set_style(TableStyle::Medium2).set_name("Complaints");
        sh.ws.add_table(0, 0, n.max(1), last_col, &table)?;
    } else {
        for (c, (_, header)) in columns.iter().enumerate() {
            sh.ws.write_string_with_format(0, c as u16, *header, &f.header)?;
        }
        sh.ws.autofilter(0, 0, n, last_col)?;
    }
    // No cell carries a format of its own (the table style draws the grid,
    // dates take the column's), which keeps the writer from hashing a
    // format per cell.
    for row in 0..n as usize {
        let r = row as u32 + 1;
        for (c, col) in cols.iter().enumerate() {
            let c = c as u16;
            match col {
                Col::Text(v) => {
                    if let Some(t) = v[row] {
                        sh.ws.write_string(r, c, excel_text(t))?;
                    }
                }
                Col::Date(v) => {
                    if let Some(d) = v[row] {
                        sh.ws.write_number(r, c, f64::from(d) + EXCEL_EPOCH_OFFSET)?;
                    }
                }
                Col::Flag(v) => {
                    if v[row] == Some(true) {
                        sh.ws.write_string(r, c, yes)?;
                    }
                }
                Col::Number(v) => {
                    if let Some(x) = v[row] {
                        sh.ws.write_number(r, c, x)?;
                    }
                }
            }
        }
    }
    sh.ws.set_freeze_panes(1, 1)?;
    sh.ws.set_repeat_rows(0, 0)?;
    print_setup(sh.ws, l.t("source"));
    Ok(())
}

fn quality_sheet(ws: &mut Worksheet, f: &Formats, ctx: &ReportContext, subtitle: &str) -> anyhow::Result<()> {
    let (r, l, ing) = (ctx.report, ctx.labels, ctx.ingested);
    let q = &r.data_quality;
    let rows_q = &q.read.rows;
    let mut sh = Sheet::new(ws, f);
    sh.title(
        if l.korean { "데이터 품질 — 읽은 행의 대사" } else { "Data quality — every row accounted for" },
        subtitle,
    )?;
    let k = |ko: &'static str, en: &'static str| if l.korean { ko } else { en };
    let recon: Vec<(&str, usize)> = vec![
        (k("파일", "Files"), q.read.files),
        (k("원장 시트", "Ledger sheets"), q.read.sheets),
        (k("제외한 시트 (원장 아님)", "Sheets skipped (not ledgers)"), q.read.sheets_skipped),
        (k("읽은 행", "Rows read"), rows_q.rows_read),
        (k("  제목 행", "  Title rows"), rows_q.title_rows),
        (k("  머리글 행", "  Header rows"), rows_q.header_rows),
        (k("  빈 행", "  Blank rows"), rows_q.blank_rows),
        (k("  소계/합계 행", "  Subtotal rows"), rows_q.subtotal_rows),
        (k("  비고 행", "  Note rows"), rows_q.note_rows),
        (k("  데이터 행", "  Data rows"), rows_q.data_rows),
        (k("    채택", "    Accepted"), rows_q.accepted),
        (k("    제외 (접수일 없음/오류)", "    Rejected (no usable received date)"), rows_q.rejected),
        (k("중복 병합 (같은 접수번호)", "Duplicates merged (same id)"), q.read.duplicates_merged),
        (k("불만 건수", "Complaints"), q.read.complaints),
        (k("접수번호 충돌", "Id conflicts"), q.read.id_conflicts),
        (
            k("중복 의심 (번호 없음, 동일 행)", "Possible duplicates (no id, identical rows)"),
            q.read.possible_duplicates,
        ),
        (k("읽지 못한 셀 (경고)", "Unreadable cells (warnings)"), q.read.warnings),
        (k("완료일이 접수일보다 빠름", "Closed before received"), q.negative_ttr as usize),
        (k("완료 표시, 완료일 없음", "Closed without a date"), q.closed_without_date as usize),
        (k("기준일 이후 접수 (제외)", "Received after the as-of date"), q.after_as_of as usize),
    ];
    let rows: Vec<Vec<V>> = recon.iter().map(|(a, b)| vec![s(*a), V::I(*b as i64)]).collect();
    let mut row = sh.table(3, 0, &[k("항목", "Item"), l.t("count")], &rows)?;
    let ok = rows_q.data_rows == rows_q.accepted + rows_q.rejected
        && rows_q.accepted == q.read.complaints + q.read.duplicates_merged;
    row += 1;
    sh.ws.write_string_with_format(
        row,
        0,
        format!(
            "{} {} = {} + {}, {} = {} + {}",
            if ok { "✔" } else { "✘" },
            rows_q.data_rows,
            rows_q.accepted,
            rows_q.rejected,
            rows_q.accepted,
            q.read.complaints,
            q.read.duplicates_merged
        ),
        &f.bold,
    )?;
    let window = r.window_table.height();
    if window > EXCEL_DATA_ROWS {
        row += 1;
        let note = if l.korean {
            format!(
                "데이터 시트: 추이 기간 불만 {window}건 중 처음 {EXCEL_DATA_ROWS}건 (엑셀 행 한도). 전체는 {}",
                data_csv_name(r)
            )
        } else {
            format!(
                "Data sheet: the first {EXCEL_DATA_ROWS} of the window's {window} complaints (Excel's row limit); all of them are in {}",
                data_csv_name(r)
            )
        };
        sh.ws.write_string_with_format(row, 0, note, &f.bold)?;
    }

    row += 3;
    sh.ws.write_string_with_format(row - 1, 0, k("파일·시트별", "Per file and sheet"), &f.bold)?;
    let headers = [
        l.t("file"),
        l.t("sheet"),
        k("머리글 행", "Header rows"),
        k("읽은 행", "Rows read"),
        k("데이터", "Data"),
        k("채택", "Accepted"),
        k("제외", "Rejected"),
        k("비고", "Note"),
    ];
    let per_sheet: Vec<Vec<V>> = ing
        .sheets
        .iter()
        .map(|sr| {
            let hr: Vec<String> = sr.header_rows.iter().map(u32::to_string).collect();
            vec![
                s(sr.file.clone()),
                s(sr.sheet.clone()),
                s(hr.join("-")),
                V::I(sr.counts.rows_read as i64),
                V::I(sr.counts.data_rows as i64),
                V::I(sr.counts.accepted as i64),
                V::I(sr.counts.rejected as i64),
                s(sr.skipped.clone().unwrap_or_else(|| sr.notes.join("; "))),
            ]
        })
        .collect();
    row = sh.table(row, 0, &headers, &per_sheet)?;

    row += 3;
    sh.ws.write_string_with_format(
        row - 1,
        0,
        format!("{} ({})", k("제외된 행", "Rejected rows"), ing.rejects.len()),
        &f.bold,
    )?;
    let headers = [l.t("file"), l.t("sheet"), l.t("row"), l.t("reason"), k("원래 셀", "Original cells")];
    let rejects: Vec<Vec<V>> = ing
        .rejects
        .iter()
        .map(|x| {
            let cells: Vec<String> = x.cells.iter().map(|(h, v)| format!("{h}={v}")).collect();
            vec![
                s(x.file.clone()),
                s(x.sheet.clone()),
                V::I(i64::from(x.row)),
                s(x.reason.describe()),
                s(cells.join("; ")),
            ]
        })
        .collect();
    row = sh.table(row, 0, &headers, &rejects)?;

    row += 3;
    sh.ws.write_string_with_format(
        row - 1,
        0,
        format!(
            "{} ({})",
            k("읽지 못한 셀 — 행은 채택, 해당 항목은 공란", "Unreadable cells — row kept, field left blank"),
            ing.warnings.len()
        ),
        &f.bold,
    )?;
    let headers = [
        l.t("file"),
        l.t("sheet"),
        l.t("row"),
        k("열", "Column"),
        k("항목", "Field"),
        k("셀 내용", "Cell text"),
        l.t("reason"),
    ];
    let warnings: Vec<Vec<V>> = ing
        .warnings
        .iter()
        .map(|w| {
            vec![
                s(w.file.clone()),
                s(w.sheet.clone()),
                V::I(i64::from(w.row)),
                s(w.column.clone()),
                s(l.t(w.field.name())),
                s(w.text.clone()),
                s(w.message.clone()),
            ]
        })
        .collect();
    row = sh.table(row, 0, &headers, &warnings)?;

    row += 3;
    sh.ws.write_string_with_format(
        row - 1,
        0,
        format!(
            "{} ({})",
            k("접수번호 충돌 — 마지막 입력 채택", "Id conflicts — last input wins"),
            ing.conflicts.len()
        ),
        &f.bold,
    )?;
    let headers = [l.t("complaint_id"), k("항목", "Field"), k("값과 위치", "Values and where")];
    let conflicts: Vec<Vec<V>> = ing
        .conflicts
        .iter()
        .map(|c| {
            let values: Vec<String> = c.values.iter().map(|(v, at)| format!("\"{v}\" @ {at}")).collect();
            vec![s(c.complaint_id.clone()), s(l.t(c.field.name())), s(values.join("  vs  "))]
        })
        .collect();
    sh.table(row, 0, &headers, &conflicts)?;
    let title = if l.korean { "데이터 품질" } else { "Data quality" };
    sh.finish(0, title)
}
