//! Workbooks (xlsx, xlsm, xls, xlsb, ods) through calamine, into grids.
//!
//! xlsx and xlsb sheets are streamed cell by cell (calamine's cells reader),
//! so a sheet whose used range spans 16,384 columns or a million empty rows
//! costs only its filled cells; zip archives are checked for their inflated
//! size before anything is decompressed. Both limits are configurable.

use super::cells::{text_cell, Cell, RepeatedTexts};
use super::grid::{Grid, Merge};
use super::sink::SheetMeta;
use super::sink::{send_grid, Msg, RowSink};
use super::source::ReadLimits;
use super::source::{merged_too_many, too_many_cells, Format, InputError, Opened, LIMIT_FIX};
use calamine::{Data, DataRef, Dimensions, Range, Reader, SheetType};
use chrono::{NaiveDate, NaiveDateTime};
use polars::prelude::PlHashMap;
use std::io::{Cursor, Read, Seek};
use std::path::Path;

/// Refuses zip-based workbooks whose entries inflate past the limit (a
/// small file that would expand to gigabytes), before decompressing.
fn check_inflated_size(path: &Path, reader: impl Read + Seek, limits: &ReadLimits) -> Result<(), InputError> {
    let Ok(mut archive) = zip::ZipArchive::new(reader) else {
        return Ok(()); // calamine reports the damage with its own message
    };
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        if let Ok(entry) = archive.by_index_raw(i) {
            total = total.saturating_add(entry.size());
        }
    }
    if total > limits.max_inflated_bytes {
        return Err(InputError::new(
            path,
            format!(
                "the workbook would inflate to {} MB, more than the limit of {} MB",
                total / 1_000_000,
                limits.max_inflated_bytes / 1_000_000
            ),
            LIMIT_FIX,
        ));
    }
    Ok(())
}

/// Whether any worksheet of an xlsx declares merged cells. calamine finds
/// merges by parsing a sheet's XML a second time; a byte search of the
/// inflated sheets is much cheaper and lets tidy exports skip that pass.
fn has_merged_cells(reader: impl Read + Seek) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(reader) else { return true };
    const NEEDLE: &[u8] = b"<mergeCell";
    let finder = memchr::memmem::Finder::new(NEEDLE);
    // Inflated a block at a time (a sheet's XML can be a gigabyte); a block
    // starts with the end of the last one so a tag split between them is seen.
    let mut buf = vec![0u8; 1 << 20];
    for i in 0..archive.len() {
        let Ok(mut entry) = archive.by_index(i) else { return true };
        let is_sheet = entry.name().is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        if !is_sheet {
            continue;
        }
        let mut kept = 0;
        loop {
            match entry.read(&mut buf[kept..]) {
                Ok(0) => break,
                Ok(n) => {
                    let filled = kept + n;
                    if finder.find(&buf[..filled]).is_some() {
                        return true;
                    }
                    kept = (NEEDLE.len() - 1).min(filled);
                    buf.copy_within(filled - kept..filled, 0);
                }
                Err(_) => return true,
            }
        }
    }
    false
}

/// The second-level CFB directory of an encrypted OOXML file names this stream.
fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    let needle: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Reads every worksheet of a workbook and sends its rows to `sink` (xlsx
/// and xlsb streamed cell by cell, xls and ods by range). Zip-based
/// workbooks are read from the file through the zip's directory; an `.xls`
/// comes whole in memory.
pub fn stream_workbook(
    path: &Path,
    opened: Opened,
    format: Format,
    limits: &ReadLimits,
    sink: &mut RowSink,
) -> Result<(), InputError> {
    match opened {
        Opened::File(file) => {
            let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
            check_inflated_size(path, &mut reader, limits)?;
            // the merged-cell scan reads the file on another thread
            let scan = || std::fs::File::open(path).map(std::io::BufReader::new);
            stream_from(path, reader, scan, format, limits, sink)
        }
        Opened::Bytes(bytes) => {
            if is_encrypted_ooxml(&bytes) {
                return Err(InputError::new(
                    path,
                    "the workbook is password-protected (encrypted)",
                    "open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, clear it), save, and run again",
                ));
            }
            let scan = || Ok(Cursor::new(bytes.as_slice()));
            stream_from(path, Cursor::new(bytes.as_slice()), scan, format, limits, sink)
        }
        Opened::Mapped(map) => {
            let scan = || Ok(Cursor::new(&map[..]));
            stream_from(path, Cursor::new(&map[..]), scan, format, limits, sink)
        }
    }
}

fn stream_from<RS, S>(
    path: &Path,
    reader: RS,
    scan_reader: impl FnOnce() -> std::io::Result<S> + Send,
    format: Format,
    limits: &ReadLimits,
    sink: &mut RowSink,
) -> Result<(), InputError>
where
    RS: Read + Seek,
    S: Read + Seek,
{
    let cursor = reader;
    let open_failed = |e: &dyn std::fmt::Display| open_failed(path, format, e);
    let sheet_failed = |name: &str, e: &dyn std::fmt::Display| sheet_failed(path, name, e);
    match format {
        Format::Xlsx => {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_failed(&e))?;
            let date1904 = wb.has_1904_epoch();
            // Look for merged cells on the other core while the sheets stream.
            std::thread::scope(|scope| {
                let tx = sink.sender();
                let merge_scan = scope.spawn(move || {
                    let any = scan_reader().map_or(true, has_merged_cells);
                    let _ = tx.send(Msg::Merges(any));
                    any
                });
                let mut merge_scan = Some(merge_scan);
                let mut any_merges = None;
                for_each_worksheet(&mut wb, sink, |wb, sink, name| {
                    {
                        let mut reader = wb.worksheet_cells_reader(name).map_err(|e| sheet_failed(name, &e))?;
                        let rows = sheet_rows(&reader.dimensions());
                        let mut cells = CellMaker::default();
                        stream_cells(path, name, (format, date1904, rows), limits, sink, || {
                            reader.next_cell().map(|c| {
                                c.map(|c| {
                                    let (row, col) = c.get_position();
                                    ((row, col), cells.cell(col, c.get_value()))
                                })
                            })
                        })?;
                    }
                    let any =
                        *any_merges.get_or_insert_with(|| merge_scan.take().is_none_or(|h| h.join().unwrap_or(true)));
                    Ok(Some(if any {
                        merges(wb.merge_cells_by_sheet_name(name).unwrap_or_default())
                    } else {
                        Vec::new()
                    }))
                })
            })
        }
        Format::Xlsb => {
            let mut wb: calamine::Xlsb<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_failed(&e))?;
            let date1904 = wb.has_1904_epoch();
            sink.send(Msg::Merges(false));
            for_each_worksheet(&mut wb, sink, |wb, sink, name| {
                let mut reader = wb.worksheet_cells_reader(name).map_err(|e| sheet_failed(name, &e))?;
                let rows = sheet_rows(&reader.dimensions());
                stream_cells(path, name, (format, date1904, rows), limits, sink, || {
                    reader.next_cell().map(|c| c.map(|c| (c.get_position(), cell_from_ref(c.get_value()))))
                })?;
                Ok(Some(Vec::new()))
            })
        }
        Format::Xls => {
            let mut wb: calamine::Xls<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| match e {
                calamine::XlsError::SparseRange { .. } => InputError::new(
                    path,
                    format!("the workbook cannot be read: {e}"),
                    "a value sits far outside the table (or the file is damaged): open it in Excel, press Ctrl+End to find the last cell, delete what lies beyond the table and save again as .xlsx",
                ),
                e => open_failed(&e),
            })?;
            let date1904 = wb.has_1904_epoch();
            sink.send(Msg::Merges(false));
            for_each_worksheet(&mut wb, sink, |wb, sink, name| {
                let range = wb.worksheet_range(name).map_err(|e| sheet_failed(name, &e))?;
                let mut grid = grid_from_range(path, name, &range, date1904, limits)?;
                grid.fill_merged(&merges(wb.merge_cells_by_sheet_name(name).unwrap_or_default()), limits.max_cells)
                    .map_err(|cells| merged_too_many(path, name, cells, limits.max_cells))?;
                send_grid(sink, grid, Format::Xls);
                Ok(None)
            })
        }
        Format::Ods => {
            let mut wb: calamine::Ods<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| match e {
                calamine::OdsError::CellLimitExceeded { max, .. } => InputError::new(
                    path,
                    format!("a sheet holds more than {max} cells (an .ods sheet is read whole, up to that size)"),
                    "save the workbook as .xlsx or CSV (read row by row, without that limit) and run again",
                ),
                e => open_failed(&e),
            })?;
            sink.send(Msg::Merges(false));
            for_each_worksheet(&mut wb, sink, |wb, sink, name| {
                let range = wb.worksheet_range(name).map_err(|e| sheet_failed(name, &e))?;
                send_grid(sink, grid_from_range(path, name, &range, false, limits)?, Format::Ods);
                Ok(None)
            })
        }
        Format::Text | Format::Parquet => Err(InputError::new(path, "not a workbook", "read it as CSV or Parquet")),
    }
}

/// A workbook that cannot be opened, with what to do for its format.
fn open_failed(path: &Path, format: Format, e: &dyn std::fmt::Display) -> InputError {
    let hint = if format == Format::Xls {
        "the .xls container is damaged, or the workbook is password-protected: open it in Excel (remove a password if it asks for one) and save it again as .xlsx"
    } else {
        "the file is damaged or not a workbook: open it in Excel and save it again as .xlsx"
    };
    InputError::new(path, format!("the workbook cannot be opened ({e})"), hint)
}

fn sheet_failed(path: &Path, name: &str, e: &dyn std::fmt::Display) -> InputError {
    InputError::new(
        path,
        format!("sheet '{name}' cannot be read ({e})"),
        "open the workbook in Excel, check the sheet and save it again",
    )
}

fn merges(dims: Vec<Dimensions>) -> Vec<Merge> {
    dims.into_iter()
        .map(|d| Merge {
            first_row: d.start.0 as usize,
            first_col: d.start.1 as usize,
            last_row: d.end.0 as usize,
            last_col: d.end.1 as usize,
        })
        .collect()
}

/// Runs `read` for every worksheet in workbook order; other sheet types
/// (charts, macros) are sent as skipped. A streaming `read` sends the sheet's
/// start and rows and returns its merged regions, then the end is sent; a
/// `read` that sends the whole sheet itself returns `None`.
fn for_each_worksheet<RS, R>(
    wb: &mut R,
    sink: &mut RowSink,
    mut read: impl FnMut(&mut R, &mut RowSink, &str) -> Result<Option<Vec<Merge>>, InputError>,
) -> Result<(), InputError>
where
    RS: Read + Seek,
    R: Reader<RS>,
{
    let sheets: Vec<(String, SheetType)> = wb.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ)).collect();
    for (name, typ) in sheets {
        if sink.stopped {
            break;
        }
        if typ != SheetType::WorkSheet {
            sink.send(Msg::Skipped(name, format!("{typ:?} (not a worksheet)")));
            continue;
        }
        if let Some(merges) = read(wb, sink, &name)? {
            sink.send(Msg::End(merges));
        }
    }
    Ok(())
}

/// Calamine's values as cells: a shared string made a cell once per entry
/// of the table (keyed by the address of calamine's copy, so a lookup
/// hashes a number, not the text), an inline text once per distinct text
/// of its column while the column's texts repeat.
#[derive(Default)]
struct CellMaker {
    shared: PlHashMap<(usize, usize), Cell>,
    inline: RepeatedTexts,
}

impl CellMaker {
    fn cell(&mut self, col: u32, value: &DataRef<'_>) -> Cell {
        match value {
            DataRef::SharedString(s) => {
                self.shared.entry((s.as_ptr() as usize, s.len())).or_insert_with(|| text_cell(s)).clone()
            }
            DataRef::String(s) => self.inline.cell(col, s),
            other => cell_from_ref(other),
        }
    }
}

/// The rows a sheet's dimension claims (a hint for the layout, which
/// reserves room for them; Excel's limit at most).
fn sheet_rows(dims: &Dimensions) -> usize {
    let rows = if dims.start.0 <= dims.end.0 { dims.end.0 - dims.start.0 + 1 } else { 0 };
    (rows as usize).min(1 << 20)
}

/// Sends a sheet's cells, which come in row order (empty cells skipped), as
/// rows from column A; rows without a filled cell are left out. With the
/// workbook's format and date epoch, the rows the sheet claims (a hint).
fn stream_cells<E: std::fmt::Display>(
    path: &Path,
    sheet: &str,
    (format, date1904, rows_hint): (Format, bool, usize),
    limits: &ReadLimits,
    sink: &mut RowSink,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Cell)>, E>,
) -> Result<(), InputError> {
    sink.send(Msg::Sheet(SheetMeta {
        sheet: sheet.to_string(),
        first_col: 0,
        date1904,
        notes: Vec::new(),
        format,
        delimiter: None,
        rows_hint,
    }));
    // each row's cells in one allocation: as wide as the last row
    let mut width = 0;
    let mut current: Option<(u32, Vec<Cell>)> = None;
    loop {
        let item = next().map_err(|e| {
            InputError::new(
                path,
                format!("sheet '{sheet}' cannot be read ({e})"),
                "the file is damaged: open it in Excel and save it again",
            )
        })?;
        let Some(((row, col), cell)) = item else { break };
        if cell.is_empty() {
            continue;
        }
        if current.as_ref().is_some_and(|(r, _)| *r != row) {
            let (r, cells) = current.take().unwrap_or_default();
            if row < r {
                return Err(InputError::new(
                    path,
                    format!("sheet '{sheet}' lists row {} after row {}", row + 1, r + 1),
                    "the file was not written by Excel: open it in Excel or LibreOffice and save it again",
                ));
            }
            width = cells.len();
            sink.row((r, cells));
            if sink.sheet_done() {
                return Ok(());
            }
        }
        let (_, cells) = current.get_or_insert_with(|| (row, Vec::with_capacity(width)));
        let c = col as usize;
        if cells.len() <= c {
            if c as u64 >= limits.max_cells {
                return Err(too_many_cells(path, sheet, limits.max_cells));
            }
            cells.resize(c + 1, Cell::Empty);
        }
        cells[c] = cell;
    }
    if let Some(row) = current {
        sink.row(row);
    }
    Ok(())
}

fn grid_from_range(
    path: &Path,
    name: &str,
    range: &Range<Data>,
    date1904: bool,
    limits: &ReadLimits,
) -> Result<Grid, InputError> {
    let (h, w) = range.get_size();
    if (h as u64).saturating_mul(w as u64) > limits.max_cells {
        return Err(too_many_cells(path, name, limits.max_cells));
    }
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    let rows = range
        .rows()
        .map(|row| {
            let mut cells: Vec<Cell> = row.iter().map(cell_from_data).collect();
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect();
    Ok(Grid { sheet: name.to_string(), rows, first_row, first_col, date1904, notes: Vec::new() })
}

fn date_cell(dt: &calamine::ExcelDateTime) -> Cell {
    if !dt.is_datetime() {
        return Cell::Number(dt.as_f64());
    }
    let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
        .and_then(|date| date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
        .map_or(Cell::BadDate(dt.as_f64()), Cell::DateTime)
}

fn iso_cell(s: &str) -> Cell {
    s.parse::<NaiveDateTime>()
        .ok()
        .or_else(|| s.parse::<NaiveDate>().ok().and_then(|d| d.and_hms_opt(0, 0, 0)))
        .map_or_else(|| Cell::Text(s.into()), Cell::DateTime)
}

fn cell_from_data(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Error(e.to_string().into()),
        Data::DateTime(dt) => date_cell(dt),
        Data::DateTimeIso(s) => iso_cell(s),
        Data::DurationIso(s) => Cell::Text(s.as_str().into()),
    }
}

fn cell_from_ref(data: &DataRef) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => text_cell(s),
        DataRef::SharedString(s) => text_cell(s),
        DataRef::Int(i) => Cell::Number(*i as f64),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Bool(b) => Cell::Bool(*b),
        DataRef::Error(e) => Cell::Error(e.to_string().into()),
        DataRef::DateTime(dt) => date_cell(dt),
        DataRef::DateTimeIso(s) => iso_cell(s),
        DataRef::DurationIso(s) => Cell::Text(s.as_str().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with_sheet(xml: &[u8]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).expect("start");
        zip.write_all(xml).expect("write");
        zip.finish().expect("finish");
        out.into_inner()
    }

    #[test]
    fn merged_cells_are_found_wherever_the_tag_falls() {
        for at in [0, (1 << 20) - 5, 1 << 20, 3 << 20] {
            let mut xml = vec![b' '; at];
            xml.extend_from_slice(b"<mergeCells><mergeCell ref=\"A1:B2\"/></mergeCells>");
            xml.extend(std::iter::repeat_n(b' ', 1000));
            assert!(has_merged_cells(Cursor::new(zip_with_sheet(&xml))), "at {at}");
        }
        assert!(!has_merged_cells(Cursor::new(zip_with_sheet(&vec![b' '; 3 << 20]))));
    }
}
