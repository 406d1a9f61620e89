//! The print rule every sheet follows (issue 27): A4 landscape, no printed
//! text below 8 pt, the header of a long table on every page. A sheet that
//! fits one page width at 80 % or more is fitted to the width (any number
//! of pages down); a wider one prints at 80 % over several pages across,
//! its first column repeated so that every page names its rows.

use super::FONT;
use rust_xlsxwriter::Worksheet;

/// The smallest print scale, in percent: the 10-pt body text prints at 8 pt.
pub(super) const MIN_SCALE: u16 = 80;

/// The printable width and height of A4 landscape with the default margins
/// (0.7" left and right, 0.75" top and bottom), in points.
pub(super) const PAGE_WIDTH_PT: f64 = 841.89 - 2.0 * 0.7 * 72.0;
pub(super) const PAGE_HEIGHT_PT: f64 = 595.28 - 2.0 * 0.75 * 72.0;

/// How much wider LibreOffice lays out the same columns than Excel (its
/// fallback for the workbook's font has wider digits; measured on the
/// sample's Resolution sheet): a layout that must hold in both divides the
/// page by it, or multiplies the columns.
pub(super) const LIBREOFFICE_WIDER: f64 = 1.25;

/// The width of a column of no set width (the workbook's default of 64 px).
pub(super) const DEFAULT_COLUMN_PT: f64 = 48.0;

/// A column `width` characters wide in points, as a spreadsheet lays it
/// out (7 px per character plus 5 px of padding; 0.75 pt per px).
pub(super) fn column_points(width: f64) -> f64 {
    let px = if width < 1.0 { (width * 12.0).round() } else { (width * 7.0).round() + 5.0 };
    px * 0.75
}

/// Where the first printed page ends at [`MIN_SCALE`], in Excel's points:
/// the right edge of the last column that prints whole on it when every
/// column is `wider` times its width in Excel (1.0 for Excel,
/// [`LIBREOFFICE_WIDER`] for LibreOffice). `widths` are the sheet's set
/// widths; the columns past them have the default width. A chart that must
/// not be cut at the page's edge ends before it.
pub(super) fn first_page_end_pt(widths: &[f64], wider: f64) -> f64 {
    first_page_columns(widths, wider).1
}

/// How many columns print whole on the first page (see
/// [`first_page_end_pt`]), and where they end.
pub(super) fn first_page_columns(widths: &[f64], wider: f64) -> (u16, f64) {
    let page = PAGE_WIDTH_PT * 100.0 / f64::from(MIN_SCALE) / wider;
    let mut end = 0.0;
    for c in 0..u16::MAX {
        let w = widths.get(usize::from(c)).map_or(DEFAULT_COLUMN_PT, |w| column_points(*w));
        if end + w > page {
            return (c, end);
        }
        end += w;
    }
    (u16::MAX, end)
}

/// The scale a sheet `width_pt` wide prints at when fitted to one page
/// width: at most 100 %.
pub(super) fn fit_scale(width_pt: f64) -> f64 {
    (100.0 * PAGE_WIDTH_PT / width_pt.max(1.0)).min(100.0)
}

/// Rows of `row_height_pt` on one printed page at `scale` percent (less the
/// repeated header row).
pub(super) fn rows_per_page(row_height_pt: f64, scale: f64) -> u32 {
    ((PAGE_HEIGHT_PT * 100.0 / scale.max(1.0)) / row_height_pt).floor().max(1.0) as u32 - 1
}

/// Page breaks for tables stacked down a sheet: each table starts a page
/// unless it fits under the one before (counted in default rows at full
/// scale, the fewest a page holds), so that none runs on to the next page
/// without its header when it fits a page at all.
pub(super) struct Stack {
    per_page: u32,
    used: u32,
    pub(super) breaks: Vec<u32>,
}

impl Stack {
    pub(super) fn new() -> Stack {
        Stack { per_page: rows_per_page(DEFAULT_ROW_PT, 100.0), used: u32::MAX, breaks: Vec::new() }
    }

    /// A table whose first row (its title) is `first` and that takes `rows`
    /// rows with the gap above it: breaks the page before it if needed.
    pub(super) fn place(&mut self, first: u32, rows: u32) {
        if self.used.saturating_add(rows) > self.per_page {
            self.breaks.push(first);
            self.used = 0;
        }
        self.used += rows;
    }
}

/// The margin (points) a chart keeps from the edge of a printed page.
pub(super) const CHART_EDGE_PT: f64 = 6.0;

/// The height of a row of the default 18 px, in points.
pub(super) const DEFAULT_ROW_PT: f64 = 13.5;

/// How many of a list's rows, of these heights in points, print on `pages`
/// pages down at the smallest scale, below the title rows on the first page
/// and a repeated header of up to three lines on every page.
pub(super) fn rows_on_pages(heights: &[f64], pages: u32) -> usize {
    const TITLE_PT: f64 = 24.0 + 2.0 * DEFAULT_ROW_PT;
    const HEADER_PT: f64 = 3.0 * DEFAULT_ROW_PT + 3.0;
    let page = PAGE_HEIGHT_PT * 100.0 / f64::from(MIN_SCALE);
    let (mut n, mut used) = (1, TITLE_PT + HEADER_PT);
    for (i, h) in heights.iter().enumerate() {
        if used + h > page {
            n += 1;
            used = HEADER_PT;
            if n > pages {
                return i;
            }
        }
        used += h;
    }
    heights.len()
}

/// The print set-up of a sheet that is not printed as a report (the Data
/// sheet: its print area is its header row), with the page header and
/// footer of the others.
pub(super) fn setup_reference(ws: &mut Worksheet, title: &str, right: &str) {
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    header_footer(ws, title, right);
}

fn header_footer(ws: &mut Worksheet, title: &str, right: &str) {
    header_footer_with(ws, None, title, right);
}

/// The rows of a sheet's title and subtitle.
const HEADING_ROWS: u32 = 2;
/// The last row and column of a worksheet (a print area of whole rows).
const LAST_ROW: u32 = 1_048_575;
const LAST_COLUMN: u16 = 16_383;

/// The last column printed.
fn last_column(layout: &Layout) -> u16 {
    layout.columns.map_or(LAST_COLUMN, |n| n.saturating_sub(1))
}

/// The last row printed.
fn last_row(layout: &Layout) -> u32 {
    layout.last_row.unwrap_or(LAST_ROW)
}

/// The page header and footer: the sheet's name on the left of the header,
/// `right` on its right, the page number in the footer; given `heading`,
/// the header holds the sheet's title over its subtitle and `right` moves
/// to the footer's left (the subtitle's line would run into it). Excel
/// keeps a header of at most 255 characters (and drops a longer one): the
/// subtitle is cut to fit, with an ellipsis.
fn header_footer_with(ws: &mut Worksheet, heading: Option<(&str, &str)>, name: &str, right: &str) {
    // `&` starts a header code: a literal one is doubled
    let esc = |s: &str| s.replace('&', "&&");
    let right = esc(right);
    let header = match heading {
        None => format!("&L&\"{FONT},Bold\"{}&R{right}", esc(name)),
        Some((title, subtitle)) => {
            let head = format!("&L&\"{FONT},Bold\"{}\n&\"{FONT},Regular\"", esc(title));
            let tail = String::new();
            let room = 255usize.saturating_sub(head.encode_utf16().count() + tail.encode_utf16().count());
            let mut sub = esc(subtitle);
            if sub.encode_utf16().count() > room {
                let mut cut = String::new();
                for ch in sub.chars() {
                    if cut.encode_utf16().count() + ch.len_utf16() + 1 > room {
                        break;
                    }
                    cut.push(ch);
                }
                // never end on half of a doubled `&`
                if cut.chars().rev().take_while(|c| *c == '&').count() % 2 == 1 {
                    cut.pop();
                }
                cut.push('…');
                sub = cut;
            }
            format!("{head}{sub}{tail}")
        }
    };
    ws.set_header(header);
    if heading.is_some() {
        // (the subtitle's line would run into a right section of the header)
        ws.set_footer(format!("&L{right}&C&P / &N"));
    } else {
        ws.set_footer("&C&P / &N");
    }
}

/// How a sheet prints, as its writer knows it.
pub(super) struct Layout<'a> {
    /// The width of each column in points.
    pub(super) columns_pt: &'a [f64],
    /// The right edge of the rightmost chart, in points.
    pub(super) charts_right_pt: f64,
    /// Rows (first, last) printed at the top of every page.
    pub(super) repeat_rows: Option<(u32, u32)>,
    /// Columns that start a printed page (tables side by side, each on
    /// pages of its own).
    pub(super) column_breaks: &'a [u16],
    /// A chart is anchored in column A: repeating the column on pages
    /// across would print a sliver of the chart on each.
    pub(super) chart_in_first_column: bool,
    /// The title and subtitle in rows 0 and 1, if the sheet has them.
    pub(super) heading: Option<(&'a str, &'a str)>,
    /// The columns printed (from A), when not all.
    pub(super) columns: Option<u16>,
    /// The last row printed, when not all (a long list prints its first rows).
    pub(super) last_row: Option<u32>,
    /// The columns (from A) that name a row, repeated on pages across.
    pub(super) key_columns: u16,
}

/// The print set-up of a sheet: A4 landscape, the page header and
/// numbered footer, the rows `repeat_rows` on every page. One block of
/// columns is fitted to the page width when that keeps 80 %; a wider one
/// prints at 80 % over pages across, its first column repeated (unless a
/// chart is anchored in it). Blocks
/// split by column breaks print at the scale that fits the widest of them
/// (80 % at least). Returns the scale the sheet prints at.
pub(super) fn setup(ws: &mut Worksheet, layout: &Layout, title: &str, right: &str) -> anyhow::Result<f64> {
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    let mut across = false;
    let scale = if layout.column_breaks.is_empty() {
        let width = layout.columns_pt.iter().sum::<f64>().max(layout.charts_right_pt);
        let fitted = fit_scale(width);
        if fitted >= f64::from(MIN_SCALE) {
            ws.set_print_fit_to_pages(1, 0);
            fitted
        } else {
            // too wide: pages across, read left to right with the row names
            ws.set_print_scale(MIN_SCALE);
            ws.set_page_order(false); // over, then down
            if !layout.chart_in_first_column {
                ws.set_repeat_columns(0, layout.key_columns.max(1) - 1)?;
            }
            // the title cells overflow into columns a page across does not
            // print: the repeated column A would show them cut. The page
            // header names every page instead (below)
            across = layout.heading.is_some();
            f64::from(MIN_SCALE)
        }
    } else {
        // a spreadsheet ignores manual breaks when fitting: a fixed scale
        let mut edges: Vec<usize> = vec![0];
        edges.extend(layout.column_breaks.iter().map(|c| *c as usize));
        edges.push(layout.columns_pt.len());
        let widest = edges
            .windows(2)
            .map(|w| layout.columns_pt[w[0].min(w[1])..w[1].max(w[0])].iter().sum::<f64>())
            .fold(0.0, f64::max);
        // (a fixed scale is not fitted again by the spreadsheet: the widest
        // block must fit in LibreOffice's wider columns too)
        let scale = fit_scale(widest * LIBREOFFICE_WIDER).clamp(f64::from(MIN_SCALE), 100.0).floor();
        ws.set_print_scale(scale as u16);
        ws.set_vertical_page_breaks(&layout.column_breaks.iter().map(|c| u32::from(*c)).collect::<Vec<_>>())?;
        scale
    };
    // the rows and columns printed, when not the whole sheet (a print
    // across leaves out the title rows its page header names)
    if across || layout.columns.is_some() || layout.last_row.is_some() {
        let first_row = if across { HEADING_ROWS } else { 0 };
        ws.set_print_area(first_row, 0, last_row(layout), last_column(layout))?;
    }
    if let Some((first, last)) = layout.repeat_rows {
        ws.set_repeat_rows(first, last)?;
    }
    header_footer_with(ws, layout.heading.filter(|_| across), title, right);
    Ok(scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_scales() {
        // 8.43 characters are the default 64 px = 48 pt
        assert_eq!(column_points(8.43), DEFAULT_COLUMN_PT);
        // 10 columns of 20 characters: 10 × 145 px × 0.75 = 1,087.5 pt;
        // 741.1 / 1,087.5 = 68 % — too small, so printed at 80 % across pages
        assert_eq!(10.0 * column_points(20.0), 1087.5);
        assert!((fit_scale(1087.5) - 68.15).abs() < 0.01);
        assert_eq!(fit_scale(300.0), 100.0);
        // 487.3 pt at 80 % hold 609 pt: 45 rows of 13.5 pt, one the header
        assert_eq!(rows_per_page(13.5, 80.0), 44);
    }

    #[test]
    fn a_list_prints_the_rows_its_pages_hold() {
        // a page at 80 %: 609.1 pt; the first holds the title (51 pt) and
        // the header (43.5 pt): 38 rows of 13.5 pt; the next 41 each
        assert_eq!(rows_on_pages(&[13.5; 200], 1), 38);
        assert_eq!(rows_on_pages(&[13.5; 200], 3), 38 + 41 + 41);
        assert_eq!(rows_on_pages(&[13.5; 50], 3), 50);
        // rows of three lines (43.5 pt): 11 on the first page, 13 on the next
        assert_eq!(rows_on_pages(&[43.5; 100], 2), 11 + 13);
        assert_eq!(rows_on_pages(&[], 3), 0);
    }

    #[test]
    fn the_first_page_ends_at_a_column_edge() {
        // the page at 80 %: 741.1 / 0.8 = 926.4 pt. Columns of 20 characters
        // (108.75 pt): 8 fit (870 pt), the 9th would end at 978.75
        assert_eq!(first_page_end_pt(&[20.0; 12], 1.0), 870.0);
        // 25 % wider in LibreOffice: 926.4 / 1.25 = 741.1 pt of Excel's
        // widths, 6 columns (652.5 pt)
        assert_eq!(first_page_end_pt(&[20.0; 12], LIBREOFFICE_WIDER), 652.5);
        // past the set widths the default 48 pt columns: 2 × 108.75 + 14 × 48
        assert_eq!(first_page_end_pt(&[20.0; 2], 1.0), 217.5 + 14.0 * 48.0);
        assert_eq!(first_page_columns(&[20.0; 12], LIBREOFFICE_WIDER), (6, 652.5));
    }
}
