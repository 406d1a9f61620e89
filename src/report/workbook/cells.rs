//! What every sheet shares: cell formats, typed cell values, a table
//! writer that fits column widths, print set-up, and (re-exported from
//! `chart_style`) native-chart styles.

pub(super) use super::chart_style::{
    chart_font, fill_format, line_format, new_chart, CHART_ROWS, CHART_WIDTH_PX, MIN_CHART_WIDTH_PX,
};
use super::{print, FONT};
use crate::report::labels::thousands;
use rust_xlsxwriter::{Chart, Format, FormatAlign, FormatBorder, Worksheet};
use unicode_width::UnicodeWidthStr;

/// Cell formats shared by every sheet.
pub(super) struct Formats {
    pub(super) title: Format,
    pub(super) subtitle: Format,
    pub(super) header: Format,
    pub(super) text: Format,
    /// A table's text cell that wraps (a text wider than a column grows).
    pub(super) wrap: Format,
    pub(super) int: Format,
    pub(super) dec: Format,
    pub(super) dec2: Format,
    pub(super) pct: Format,
    pub(super) date: Format,
    /// A title over a table, or a note: bold, no border.
    pub(super) bold: Format,
    /// A section title over a table: bold, no border, wrapped (merged over
    /// the table's columns by [`Sheet::section_title`]).
    pub(super) section: Format,
    pub(super) warn: Format,
    /// A text standing for a number, right-aligned ([`Value::Bound`]).
    pub(super) bound: Format,
    /// A warning note outside a table: the warning's colour, bold, no fill
    /// or border (a filled cell would end where the note runs on).
    pub(super) alert: Format,
    /// An amount of money: whole units with a thousands separator.
    pub(super) money: Format,
    /// The right of every printed page's header: the company (config
    /// `company`), the report's title and its as-of date.
    pub(super) page_header: String,
    /// What an empty table says under its header (`없음`, `None`).
    pub(super) none: String,
}

/// The colours of a highlighted (warning) cell.
const WARN_FILL: &str = "#FCE4D6";
const WARN_FONT: &str = "#9C0006";

impl Formats {
    pub(super) fn new() -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(10);
        // top-aligned: a row made tall by a wrapped description reads as one
        // line across, not shifted against the cells beside it
        let cell = base.clone().set_border(FormatBorder::Thin).set_border_color("#BFBFBF").set_align(FormatAlign::Top);
        // numbers and dates end a space short of their right border (`_)`),
        // so that one never runs into the text of the cell beside it
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
            bound: cell.clone().set_align(FormatAlign::Right).set_indent(1),
            wrap: cell.clone().set_text_wrap(),
            int: cell.clone().set_num_format("#,##0_)"),
            dec: cell.clone().set_num_format("#,##0.0_)"),
            dec2: cell.clone().set_num_format("#,##0.00_)"),
            pct: cell.clone().set_num_format("0.0%_)"),
            date: cell.clone().set_num_format("yyyy-mm-dd_)"),
            // a title over a table or a note: no border (a border through
            // a title that runs on into the next cells reads as a cut)
            bold: base.clone().set_bold(),
            section: base.clone().set_bold().set_text_wrap().set_align(FormatAlign::Bottom),
            money: cell.clone().set_num_format("#,##0_)"),
            alert: base.clone().set_bold().set_font_color(WARN_FONT),
            warn: cell.set_background_color(WARN_FILL).set_font_color(WARN_FONT),
            page_header: String::new(),
            none: String::new(),
        }
    }
}

/// A value for one table cell; its variant is its number format.
pub(super) enum Value {
    Text(String),
    /// A whole number, `#,##0`.
    Int(i64),
    /// One decimal, `#,##0.0` (blank when `None`).
    Dec(Option<f64>),
    /// Two decimals, `#,##0.00` (a rate per 1,000 units).
    Dec2(f64),
    /// A fraction as a percentage, `0.0%`.
    Pct(Option<f64>),
    Date(Option<chrono::NaiveDate>),
    /// An amount, `#,##0` (blank when `None`); fractions are kept in the
    /// cell, only the display rounds.
    Money(Option<f64>),
    /// A text standing for a number (`≥ 57.0 (28 open)`): right-aligned
    /// with the numbers of its column.
    Bound(String),
    Empty,
}

pub(super) fn text(x: impl Into<String>) -> Value {
    Value::Text(x.into())
}

pub(super) fn opt_int(x: Option<i64>) -> Value {
    x.map_or(Value::Empty, Value::Int)
}

/// Excel holds at most 32,767 characters in a cell; longer text (a pasted
/// e-mail thread, a 10 MB CSV field) is cut with a visible mark.
pub(super) fn excel_text(t: &str) -> std::borrow::Cow<'_, str> {
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
pub(super) struct Sheet<'a> {
    pub(super) ws: &'a mut Worksheet,
    pub(super) f: &'a Formats,
    pub(super) widths: Vec<f64>,
    /// Header cells written (row, column, text), so that a header row whose
    /// texts wrap gets the height for their lines once the widths are known.
    headers: Vec<(u32, u16, String)>,
    /// Section titles written (row, first column, columns spanned, text),
    /// made as tall as their wrapped lines like the headers.
    titles: Vec<(u32, u16, u16, String)>,
    /// The charts inserted (column, offset and width in px): a chart widens
    /// what prints as a column does.
    charts: Vec<(u16, u32, u32)>,
    /// Columns that start a printed page (tables side by side).
    pub(super) column_breaks: Vec<u16>,
    /// Rows that start a printed page (set when the sheet is finished).
    pub(super) row_breaks: Vec<u32>,
    /// Rows of a height of their own, in points.
    heights: std::collections::BTreeMap<u32, f64>,
    /// The sheet's title and subtitle (rows 0 and 1), when it has them: a
    /// sheet printed across pages carries them in its page header instead.
    heading: Option<(String, String)>,
    /// Columns printed, when not all: the columns from A to this one's
    /// left (a chart's helper table right of them stays on screen).
    pub(super) print_columns: Option<u16>,
    /// The last row printed, when not all.
    pub(super) print_last_row: Option<u32>,
    /// The tables written (header row, last row), in order.
    tables: Vec<(u32, u32)>,
    /// The columns that name a row, repeated on pages across (1: column A).
    pub(super) key_columns: u16,
}

impl<'a> Sheet<'a> {
    pub(super) fn new(ws: &'a mut Worksheet, f: &'a Formats) -> Sheet<'a> {
        Sheet {
            ws,
            f,
            widths: Vec::new(),
            headers: Vec::new(),
            titles: Vec::new(),
            charts: Vec::new(),
            column_breaks: Vec::new(),
            row_breaks: Vec::new(),
            heights: Default::default(),
            heading: None,
            print_columns: None,
            print_last_row: None,
            tables: Vec::new(),
            key_columns: 1,
        }
    }

    /// Widens column `col` for `text`, to at most `width` characters (a
    /// longer text wraps: [`Sheet::put_wrapped`]).
    pub(super) fn fit_at_most(&mut self, col: u16, text: &str, width: f64) {
        let c = usize::from(col);
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 8.0);
        }
        self.widths[c] = self.widths[c].max(fitted_width(text).min(width));
    }

    pub(super) fn fit(&mut self, col: u16, text: &str) {
        let width = fitted_width(text);
        let c = col as usize;
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 8.0);
        }
        self.widths[c] = self.widths[c].max(width.min(MAX_WIDTH));
    }

    pub(super) fn put(&mut self, row: u32, col: u16, v: &Value) -> anyhow::Result<()> {
        self.put_with(row, col, v, false)
    }

    /// Widens column `col` for `v` as [`Sheet::put`] would, without writing
    /// (a sheet written in row order measures its columns first).
    pub(super) fn measure(&mut self, col: u16, v: &Value) {
        if let Some(text) = value_text(v) {
            self.fit(col, &text);
        }
    }

    /// Writes a text wrapped in a column at most `width` characters wide
    /// (its row made as tall as its lines, up to three),
    /// highlighted when `warn`: a long status or list of names that would
    /// otherwise push a table past the printed page.
    pub(super) fn put_wrapped(&mut self, row: u32, col: u16, t: &str, warn: bool, width: f64) -> anyhow::Result<()> {
        self.put_wrapped_in(row, col, t, warn, width, MAX_LINES + 1)
    }

    /// [`Sheet::put_wrapped`] in at most `max_lines` lines.
    pub(super) fn put_wrapped_in(
        &mut self,
        row: u32,
        col: u16,
        t: &str,
        warn: bool,
        width: f64,
        max_lines: usize,
    ) -> anyhow::Result<()> {
        self.fit_at_most(col, t, width);
        let lines = wrapped_lines(t, width).min(max_lines);
        let height = print::DEFAULT_ROW_PT * lines as f64;
        if height > self.heights.get(&row).copied().unwrap_or(print::DEFAULT_ROW_PT) {
            self.row_height(row, height)?;
        }
        let mut format = self.f.wrap.clone();
        if warn {
            format = format.set_background_color(WARN_FILL).set_font_color(WARN_FONT);
        }
        // longer: its start in whole lines (in LibreOffice's wider glyphs
        // too) and `…`, never a line cut through its middle
        let shown = start_in_lines(t, width / print::LIBREOFFICE_WIDER, max_lines);
        self.ws.write_string_with_format(row, col, excel_text(&shown), &format)?;
        Ok(())
    }

    /// Writes one cell, highlighted in the warning colours when `warn`.
    pub(super) fn put_with(&mut self, row: u32, col: u16, v: &Value, warn: bool) -> anyhow::Result<()> {
        let f = self.f;
        // a highlighted format only where asked (a clone per cell would
        // cost on the long lists)
        let hl = |base: &'a Format| -> std::borrow::Cow<'a, Format> {
            if warn {
                std::borrow::Cow::Owned(base.clone().set_background_color(WARN_FILL).set_font_color(WARN_FONT))
            } else {
                std::borrow::Cow::Borrowed(base)
            }
        };
        self.measure(col, v);
        match v {
            Value::Text(t) if fitted_width(t) > MAX_WIDTH => {
                // wider than a column grows: wrapped in the column of
                // MAX_WIDTH it makes, its row as tall as its lines (set
                // now, for a sheet written in row order) up to two — a
                // name whole; a pasted cell dump (Data quality) shows its
                // start without making every row of its table tall
                let lines = wrapped_lines(t, MAX_WIDTH).min(MAX_LINES);
                let height = print::DEFAULT_ROW_PT * lines as f64;
                if height > self.heights.get(&row).copied().unwrap_or(print::DEFAULT_ROW_PT) {
                    self.row_height(row, height)?;
                }
                // longer: its start, whole lines in LibreOffice's wider
                // glyphs too, and `…` (never a line cut through its middle)
                let shown = start_in_lines(t, MAX_WIDTH / print::LIBREOFFICE_WIDER, MAX_LINES);
                self.ws.write_string_with_format(row, col, excel_text(&shown), &hl(&f.wrap))?;
            }
            Value::Text(t) => {
                self.ws.write_string_with_format(row, col, excel_text(t), &hl(&f.text))?;
            }
            Value::Bound(t) => {
                self.ws.write_string_with_format(row, col, excel_text(t), &hl(&f.bound))?;
            }
            Value::Int(n) => {
                self.ws.write_number_with_format(row, col, *n as f64, &hl(&f.int))?;
            }
            Value::Dec(Some(x)) => {
                self.ws.write_number_with_format(row, col, *x, &hl(&f.dec))?;
            }
            Value::Dec2(x) => {
                self.ws.write_number_with_format(row, col, *x, &hl(&f.dec2))?;
            }
            Value::Pct(Some(x)) => {
                self.ws.write_number_with_format(row, col, *x, &hl(&f.pct))?;
            }
            Value::Date(Some(d)) => {
                self.ws.write_datetime_with_format(row, col, d, &hl(&f.date))?;
            }
            Value::Money(Some(x)) => {
                self.ws.write_number_with_format(row, col, *x, &hl(&f.money))?;
            }
            Value::Dec(None) | Value::Pct(None) | Value::Date(None) | Value::Money(None) | Value::Empty => {
                self.ws.write_blank(row, col, &hl(&f.text))?;
            }
        }
        Ok(())
    }

    /// A header row at `row` from `col`, each header a column.
    pub(super) fn header(&mut self, row: u32, col: u16, headers: &[&str]) -> anyhow::Result<()> {
        for (i, h) in headers.iter().enumerate() {
            let c = col + i as u16;
            self.fit(c, longest_word(h));
            self.ws.write_string_with_format(row, c, *h, &self.f.header)?;
            self.headers.push((row, c, h.to_string()));
        }
        Ok(())
    }

    /// A table: header at `row`, then `rows`; returns the last row written.
    pub(super) fn table(&mut self, row: u32, col: u16, headers: &[&str], rows: &[Vec<Value>]) -> anyhow::Result<u32> {
        self.table_wrapped(row, col, headers, rows, f64::INFINITY, 0)
    }

    /// A table as [`Sheet::table`], its texts wider than `width` characters
    /// wrapped in columns of that width — but in its first `whole` columns
    /// (a file name that names the row): tables of long reasons, pasted
    /// cells or long names, which would otherwise make every column wide.
    pub(super) fn table_wrapped(
        &mut self,
        row: u32,
        col: u16,
        headers: &[&str],
        rows: &[Vec<Value>],
        width: f64,
        whole: usize,
    ) -> anyhow::Result<u32> {
        self.header(row, col, headers)?;
        for (i, r) in rows.iter().enumerate() {
            let at = row + 1 + i as u32;
            for (j, v) in r.iter().enumerate() {
                match v {
                    Value::Text(t) if j >= whole && fitted_width(t) > width => {
                        self.put_wrapped_in(at, col + j as u16, t, false, width, WRAPPED_TABLE_LINES)?
                    }
                    _ => self.put(at, col + j as u16, v)?,
                }
            }
        }
        if rows.is_empty() && !self.f.none.is_empty() {
            self.ws.write_string_with_format(row + 1, col, &self.f.none, &self.f.text)?;
        }
        self.tables.push((row, row + rows.len() as u32));
        Ok(row + rows.len() as u32)
    }

    /// Inserts `chart` with its top left at (`row`, `col`), as wide as the
    /// printed page leaves right of the columns before it (a chart past the
    /// page's edge would shrink the whole sheet), between
    /// [`MIN_CHART_WIDTH_PX`] and [`CHART_WIDTH_PX`]; the print set-up
    /// counts its width.
    pub(super) fn chart(&mut self, row: u32, col: u16, chart: &mut Chart) -> anyhow::Result<()> {
        let room = (print::PAGE_WIDTH_PT - self.left_of(col)) / 0.75;
        let width = (room.max(0.0) as u32).clamp(MIN_CHART_WIDTH_PX, CHART_WIDTH_PX);
        chart.set_width(width);
        self.chart_with_offset(row, col, chart, 0, width)
    }

    /// Inserts `chart`, `width_px` wide, `x_px` right of (`row`, `col`).
    pub(super) fn chart_with_offset(
        &mut self,
        row: u32,
        col: u16,
        chart: &Chart,
        x_px: u32,
        width_px: u32,
    ) -> anyhow::Result<()> {
        self.ws.insert_chart_with_offset(row, col, chart, x_px, 0)?;
        self.charts.push((col, x_px, width_px));
        Ok(())
    }

    /// Sets the height of `row` in points (remembered for the print set-up).
    pub(super) fn row_height(&mut self, row: u32, height: f64) -> anyhow::Result<()> {
        self.ws.set_row_height(row, height)?;
        self.heights.insert(row, height);
        Ok(())
    }

    /// The height of the rows above `row`, in points.
    pub(super) fn height_above(&self, row: u32) -> f64 {
        (0..row).map(|r| self.height_of(r)).sum()
    }

    /// The height of `row` in points, as set or the default.
    pub(super) fn height_of(&self, row: u32) -> f64 {
        self.heights.get(&row).copied().unwrap_or(print::DEFAULT_ROW_PT)
    }

    /// The distance of column `col`'s left edge from column A, in points.
    pub(super) fn left_of(&self, col: u16) -> f64 {
        (0..col as usize)
            .map(|c| self.widths.get(c).map_or(print::DEFAULT_COLUMN_PT, |w| print::column_points(*w)))
            .sum()
    }

    /// The room (points) right of column `col`'s left edge to where the
    /// first printed page across ends at the smallest scale, in Excel's and
    /// in LibreOffice's wider columns (the smaller): what a chart beside a
    /// table may take without being cut at the page's edge — less a few
    /// points, since a chart's frame drawn on the column edge where a page
    /// across ends prints as a sliver on the next page.
    pub(super) fn page_room_right_of(&self, col: u16) -> f64 {
        [1.0, print::LIBREOFFICE_WIDER]
            .iter()
            .map(|&k| print::first_page_end_pt(&self.widths, k) - self.left_of(col))
            .fold(f64::INFINITY, f64::min)
            - print::CHART_EDGE_PT
    }

    /// The print set-up ([`print::setup`]) for the columns written and
    /// every chart; returns the scale.
    pub(super) fn print(&mut self, repeat_rows: Option<(u32, u32)>, sheet_title: &str) -> anyhow::Result<f64> {
        let charts = self.charts.iter().map(|(col, x, w)| self.left_of(*col) + f64::from(x + w) * 0.75);
        let charts_right_pt = charts.fold(0.0, f64::max);
        let printed = self.print_columns.map_or(self.widths.len(), |n| usize::from(n).min(self.widths.len()));
        let columns_pt: Vec<f64> = self.widths[..printed].iter().map(|w| print::column_points(*w)).collect();
        let layout = print::Layout {
            columns_pt: &columns_pt,
            charts_right_pt,
            repeat_rows,
            column_breaks: &self.column_breaks,
            chart_in_first_column: self.charts.iter().any(|(col, _, _)| *col == 0),
            heading: self.heading.as_ref().map(|(t, s)| (t.as_str(), s.as_str())),
            columns: self.print_columns,
            last_row: self.print_last_row,
            key_columns: self.key_columns,
        };
        print::setup(self.ws, &layout, sheet_title, &self.f.page_header)
    }

    /// A section title over the table at columns `col..col + span`,
    /// merged over them and wrapped, so that it stays inside the table's
    /// width and print area (its row made tall enough for its lines when
    /// the sheet is finished).
    pub(super) fn section_title(&mut self, row: u32, col: u16, span: u16, title: &str) -> anyhow::Result<()> {
        if span > 1 {
            self.ws.merge_range(row, col, row, col + span - 1, title, &self.f.section)?;
        } else {
            self.ws.write_string_with_format(row, col, title, &self.f.section)?;
        }
        self.titles.push((row, col, span, title.to_string()));
        Ok(())
    }

    /// A note first in the subtitle that a sheet printed across pages
    /// carries in its page header (what part of the sheet prints).
    pub(super) fn note_in_print_heading(&mut self, note: &str) {
        if let Some((_, subtitle)) = &mut self.heading {
            *subtitle = format!("{note} · {subtitle}");
        }
    }

    pub(super) fn title(&mut self, title: &str, subtitle: &str) -> anyhow::Result<()> {
        // the height first: a sheet written in row order has left row 0 by
        // the time row 1 is written
        self.row_height(0, 24.0)?;
        self.ws.write_string_with_format(0, 0, title, &self.f.title)?;
        self.ws.write_string_with_format(1, 0, subtitle, &self.f.subtitle)?;
        self.heading = Some((title.to_string(), subtitle.to_string()));
        Ok(())
    }

    /// Column widths, frozen header, print set-up. The header row is
    /// repeated on printed pages only where the sheet is one table (a second
    /// table below would get the wrong header).
    pub(super) fn finish(self, freeze_row: u32, sheet_title: &str) -> anyhow::Result<()> {
        self.finish_with(freeze_row, sheet_title, false)
    }

    /// Column widths and print set-up, the row `header` repeated at the top
    /// of the printed pages after its own; nothing frozen (the header is
    /// far down the sheet).
    pub(super) fn finish_repeating(mut self, header: u32, sheet_title: &str) -> anyhow::Result<()> {
        self.finish_layout()?;
        self.print(Some((header, header)), sheet_title)?;
        Ok(())
    }

    /// Column widths, the heights of wrapped headers and titles, page breaks.
    fn finish_layout(&mut self) -> anyhow::Result<()> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws.set_column_width(c as u16, *w)?;
        }
        self.keep_subtitle_on_first_page()?;
        self.fit_header_heights()?;
        // (a break before the first row is no break)
        self.row_breaks.retain(|r| *r > 0);
        self.row_breaks.sort_unstable();
        self.row_breaks.dedup();
        if !self.row_breaks.is_empty() {
            self.ws.set_page_breaks(&self.row_breaks)?;
        }
        Ok(())
    }

    /// A sheet whose last table runs past a printed page (the fewest rows a
    /// page holds) repeats that table's header on the pages after its own.
    pub(super) fn finish_with(self, freeze_row: u32, sheet_title: &str, repeat_header: bool) -> anyhow::Result<()> {
        let per_page = print::rows_per_page(print::DEFAULT_ROW_PT, 100.0);
        let long_last = self.tables.iter().max_by_key(|t| t.0).filter(|(h, last)| last - h + 4 > per_page);
        let repeat = if repeat_header && freeze_row > 0 { Some(freeze_row - 1) } else { long_last.map(|t| t.0) };
        self.finish_frozen(freeze_row, repeat, sheet_title)
    }

    /// Column widths, the rows above `freeze_row` frozen, and the row
    /// `repeat` at the top of every printed page after its own (the header
    /// of the long table further down, when it is not the first).
    pub(super) fn finish_frozen(
        mut self,
        freeze_row: u32,
        repeat: Option<u32>,
        sheet_title: &str,
    ) -> anyhow::Result<()> {
        self.finish_layout()?;
        if freeze_row > 0 {
            self.ws.set_freeze_panes(freeze_row, 0)?;
        }
        self.print(repeat.map(|r| (r, r)), sheet_title)?;
        Ok(())
    }

    /// Tables side by side, each printed on pages of its own: a subtitle
    /// running past the first table would print in pieces at the top of
    /// the others. It is wrapped over the first table's columns instead.
    fn keep_subtitle_on_first_page(&mut self) -> anyhow::Result<()> {
        let (Some(&first_break), Some((_, subtitle))) = (self.column_breaks.first(), self.heading.as_ref()) else {
            return Ok(());
        };
        if first_break < 2 {
            return Ok(());
        }
        let format = self.f.subtitle.clone().set_text_wrap().set_align(FormatAlign::Top);
        self.ws.merge_range(1, 0, 1, first_break - 1, subtitle, &format)?;
        self.titles.push((1, 0, first_break, subtitle.clone()));
        Ok(())
    }

    /// Makes each header row written so far as tall as its most wrapped
    /// text (a viewer that does not fit row heights itself would cut the
    /// lines off), for the widths known now. A sheet written in row order
    /// calls it before its later rows.
    pub(super) fn fit_header_heights(&mut self) -> anyhow::Result<()> {
        let mut lines: std::collections::BTreeMap<u32, usize> = std::collections::BTreeMap::new();
        for (row, col, text) in std::mem::take(&mut self.headers).iter() {
            let width = self.widths.get(*col as usize).copied().unwrap_or(8.0);
            // (wrapped sooner in LibreOffice's wider glyphs; a hidden column, 0 wide, has no say)
            let n = if width > 0.0 { wrapped_lines(text, width / print::LIBREOFFICE_WIDER) } else { 1 };
            let entry = lines.entry(*row).or_insert(1);
            *entry = (*entry).max(n);
        }
        for (row, col, span, text) in std::mem::take(&mut self.titles).iter() {
            // the columns' widths and their padding (5 px, about 0.7 of a character)
            let width: f64 =
                (*col..col + span).map(|c| self.widths.get(c as usize).copied().unwrap_or(8.43) + 0.7).sum::<f64>()
                    - 0.7;
            let entry = lines.entry(*row).or_insert(1);
            *entry = (*entry).max(wrapped_lines(text, width));
        }
        for (row, n) in lines {
            if n > 1 {
                self.row_height(row, HEADER_LINE_HEIGHT * n as f64 + 3.0)?;
            }
        }
        Ok(())
    }
}

/// The widest a column is made to fit its texts, in characters; a longer
/// text wraps.
const MAX_WIDTH: f64 = 60.0;

/// The most lines a text of [`Sheet::table_wrapped`] takes (a reason or a
/// note whole; a pasted row of cells its start).
const WRAPPED_TABLE_LINES: usize = 6;

/// The most lines a wrapped table text makes its row tall.
const MAX_LINES: usize = 2;

/// The widest word of a header, which its column is made as wide as: a
/// spreadsheet wraps a header at its spaces and after its hyphens.
pub(super) fn longest_word(header: &str) -> &str {
    header.split(' ').flat_map(|w| w.split_inclusive('-')).max_by_key(|w| w.width()).unwrap_or(header)
}

/// `text` whole when it wraps to at most `lines` lines `width` characters
/// wide; else its longest start that does with `…` after it.
fn start_in_lines(text: &str, width: f64, lines: usize) -> std::borrow::Cow<'_, str> {
    if wrapped_lines(text, width) <= lines {
        return std::borrow::Cow::Borrowed(text);
    }
    let ends: Vec<usize> = text.char_indices().map(|(i, _)| i).skip(1).collect();
    // the longest start that fits: fitting shrinks as the start grows
    let fits = |end: usize| wrapped_lines(&format!("{}…", &text[..end]), width) <= lines;
    let n = ends.partition_point(|&end| fits(end));
    let end = if n == 0 { 0 } else { ends[n - 1] };
    std::borrow::Cow::Owned(format!("{}…", text[..end].trim_end()))
}

/// The text a column is fitted to for `v` (`None` for a blank).
fn value_text(v: &Value) -> Option<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    Some(match v {
        Value::Text(t) | Value::Bound(t) => Cow::Borrowed(t.as_str()),
        Value::Int(n) => Cow::Owned(n.to_string()),
        Value::Dec(Some(x)) => Cow::Owned(format!("{x:.1}")),
        Value::Dec2(x) => Cow::Owned(format!("{x:.2}")),
        Value::Pct(Some(_)) => Cow::Borrowed("100.0%"),
        Value::Date(Some(_)) => Cow::Borrowed("2025-10-31"),
        Value::Money(Some(x)) => Cow::Owned(thousands(*x)),
        Value::Dec(None) | Value::Pct(None) | Value::Date(None) | Value::Money(None) | Value::Empty => return None,
    })
}

/// The width (characters) [`Sheet::measure`] fits a column to for `v`.
pub(super) fn value_width(v: &Value) -> Option<f64> {
    value_text(v).map(|t| text_width(&t))
}

/// The width (characters) [`Sheet::fit`] gives a column for `text`.
pub(super) fn text_width(text: &str) -> f64 {
    fitted_width(text).min(MAX_WIDTH)
}

/// The width, in characters, a column needs for `text` (Hangul counts
/// double, with some room).
pub(super) fn fitted_width(text: &str) -> f64 {
    text.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) as f64 * 1.1 + 2.0
}

/// The height in points of one line of a 10-point header.
const HEADER_LINE_HEIGHT: f64 = 13.5;

/// How many lines `text` takes in a column `width` characters wide, its
/// words wrapped as a spreadsheet wraps them (Hangul counts double).
pub(super) fn wrapped_lines(text: &str, width: f64) -> usize {
    // what a line holds, in unicode-width columns: a Hangul syllable (two
    // columns) is about 1.8 character widths in Malgun Gothic at 10 pt
    let room = ((width - 0.5) / 0.9).max(1.0);
    let mut lines = 0;
    for paragraph in text.lines() {
        let mut used = 0.0;
        lines += 1;
        // (a line breaks at a space and after a hyphen: the pieces after a
        // hyphen follow it with no space)
        let pieces = paragraph
            .split(' ')
            .filter(|w| !w.is_empty())
            .flat_map(|w| w.split_inclusive('-').enumerate().map(|(i, p)| (p, if i == 0 { 1.0 } else { 0.0 })));
        for (word, space) in pieces {
            let w = word.width() as f64;
            if used > 0.0 && used + space + w > room {
                lines += 1;
                used = 0.0;
            }
            used += if used > 0.0 { space + w } else { w };
            // a word longer than a line breaks inside itself
            while used > room {
                lines += 1;
                used -= room;
            }
        }
    }
    lines.max(1)
}

#[cfg(test)]
mod tests {
    use super::{text, wrapped_lines, Formats, Sheet, MAX_WIDTH};
    use crate::report::workbook::print::DEFAULT_ROW_PT;

    #[test]
    fn a_text_wider_than_a_column_grows_wraps_in_a_taller_row() {
        let mut ws = rust_xlsxwriter::Worksheet::new();
        let f = Formats::new();
        let mut sh = Sheet::new(&mut ws, &f);
        // CFPB: 81 columns, cut at the column's 60 before; now two lines
        let long = "Problem with a credit reporting company's investigation into an existing problem";
        sh.put(5, 0, &text(long)).unwrap_or_else(|e| panic!("{e}"));
        sh.put(6, 0, &text("Managing an account")).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sh.widths[0], MAX_WIDTH);
        assert_eq!(sh.heights.get(&5), Some(&(2.0 * DEFAULT_ROW_PT)));
        assert_eq!(sh.heights.get(&6), None);
    }

    #[test]
    fn a_long_text_shows_its_start_in_whole_lines() {
        let long = "가나다 ".repeat(40);
        let shown = super::start_in_lines(&long, 20.0, 2);
        assert!(shown.ends_with('…') && super::wrapped_lines(&shown, 20.0) <= 2, "{shown}");
        assert!(shown.chars().count() > 10, "{shown}");
        assert_eq!(super::start_in_lines("short", 20.0, 2), "short");
    }

    #[test]
    fn header_lines() {
        assert_eq!(wrapped_lines("월", 8.0), 1);
        assert_eq!(wrapped_lines("기한 내 통보율", 8.0), 2);
        assert_eq!(wrapped_lines("통보기간 중앙값 (일)", 13.0), 2);
        assert_eq!(wrapped_lines("Notification on-time rate", 12.0), 2);
        assert_eq!(wrapped_lines("Complaints with a cost", 30.0), 1);
        assert_eq!(wrapped_lines("처리기간중앙값처리기간중앙값", 8.0), 4);
    }
}
