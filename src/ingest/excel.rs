//! Workbooks (xlsx, xlsm, xls, xlsb, ods) through calamine, into grids.
//!
//! xlsx and xlsb sheets are streamed cell by cell (calamine's cells reader),
//! so a sheet whose used range spans 16,384 columns or a million empty rows
//! costs only its filled cells; zip archives are checked for their inflated
//! size before anything is decompressed. Both limits are configurable.

use super::cells::{text_cell, Cell};
use super::grid::{Grid, Merge};
use super::sink::SheetMeta;
use super::sink::{send_grid, Msg, RowSink};
use super::source::ReadLimits;
use super::source::{merged_too_many, too_many_cells, Format, InputError, Opened, LIMIT_FIX};
use super::workbook_cells::{date_cell, iso_cell, RowBuilder, SharedCells};
use super::xlsx_parts::{self, Parts};
use calamine::{Data, Dimensions, Range, Reader, SheetType};
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
                let merge_scan = crate::threads::spawn(scope, "merge-scan", move || {
                    let any = scan_reader().map_or(true, has_merged_cells);
                    let _ = tx.send(Msg::Merges(any));
                    any
                });
                let mut merge_scan = Some(merge_scan);
                let mut any_merges = None;
                for_each_worksheet(&mut wb, sink, |wb, sink, name| {
                    read_xlsx_sheet_in_parts(wb, path, name, date1904, limits, sink, xlsx_parts::PART_BYTES)?;
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
                start_sheet(sink, name, (format, date1904, sheet_rows(&reader.dimensions())));
                let mut shared = SharedCells::default();
                let mut rows = RowBuilder::default();
                stream_cells(path, name, limits, sink, &mut rows, || {
                    reader.next_cell().map(|c| c.map(|c| shared.positioned(&c)))
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

/// Reads an xlsx worksheet: in parts of about `part_bytes` on two cores
/// (ingest/xlsx_parts.rs, [`xlsx_parts::PART_BYTES`] but in tests), and
/// sequentially from where the parts cannot be vouched for.
fn read_xlsx_sheet_in_parts<RS: Read + Seek>(
    wb: &mut calamine::Xlsx<RS>,
    path: &Path,
    name: &str,
    date1904: bool,
    limits: &ReadLimits,
    sink: &mut RowSink,
    part_bytes: usize,
) -> Result<(), InputError> {
    // the dimension the sheet's head claims (the head read once more: a few bytes)
    let rows_hint = wb.worksheet_cells_reader(name).map_or(0, |r| sheet_rows(&r.dimensions()));
    start_sheet(sink, name, (Format::Xlsx, date1904, rows_hint));
    let mut rows = RowBuilder::default();
    let skip = {
        let (xml, ctx) = wb.worksheet_xml_parts(name).map_err(|e| sheet_failed(path, name, &e))?;
        match xlsx_parts::read_sheet(xml, ctx, &mut rows, sink, limits.max_cells, part_bytes) {
            Parts::Stopped => return Ok(()),
            Parts::Done => {
                if let Some(row) = rows.finish() {
                    sink.row(row);
                }
                return Ok(());
            }
            Parts::Sequential { cells } => cells,
        }
    };
    let mut reader = wb.worksheet_cells_reader(name).map_err(|e| sheet_failed(path, name, &e))?;
    for _ in 0..skip {
        reader.next_cell().map_err(|e| damaged(path, name, &e))?;
    }
    let mut shared = SharedCells::default();
    stream_cells(path, name, limits, sink, &mut rows, || reader.next_cell().map(|c| c.map(|c| shared.positioned(&c))))
}

/// The start of a streamed sheet, its rows from column A.
fn start_sheet(sink: &mut RowSink, sheet: &str, (format, date1904, rows_hint): (Format, bool, usize)) {
    sink.send(Msg::Sheet(SheetMeta {
        sheet: sheet.to_string(),
        first_col: 0,
        date1904,
        notes: Vec::new(),
        format,
        delimiter: None,
        rows_hint,
    }));
}

/// The rows a sheet's dimension claims (a hint for the layout, which
/// reserves room for them; Excel's limit at most).
fn sheet_rows(dims: &Dimensions) -> usize {
    let rows = if dims.start.0 <= dims.end.0 { dims.end.0 - dims.start.0 + 1 } else { 0 };
    (rows as usize).min(1 << 20)
}

fn damaged(path: &Path, sheet: &str, e: &dyn std::fmt::Display) -> InputError {
    InputError::new(
        path,
        format!("sheet '{sheet}' cannot be read ({e})"),
        "the file is damaged: open it in Excel and save it again",
    )
}

/// Sends a sheet's cells, which come in row order (empty cells skipped), as
/// rows from column A (after the rows `rows` has gathered already); rows
/// without a filled cell are left out.
fn stream_cells<E: std::fmt::Display>(
    path: &Path,
    sheet: &str,
    limits: &ReadLimits,
    sink: &mut RowSink,
    rows: &mut RowBuilder,
    mut next: impl FnMut() -> Result<Option<((u32, u32), Cell)>, E>,
) -> Result<(), InputError> {
    while let Some((at, cell)) = next().map_err(|e| damaged(path, sheet, &e))? {
        let mut sent = false;
        rows.add(at, cell, limits.max_cells, &mut |row| {
            sink.row(row);
            sent = true;
        })
        .map_err(|fault| fault.error(path, sheet, limits.max_cells))?;
        if sent && sink.sheet_done() {
            return Ok(());
        }
    }
    if let Some(row) = rows.finish() {
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

    /// A workbook (shared strings `s0`…`s9`) whose sheet's data is `rows`.
    fn workbook(rows: &str) -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for i in 0..10u16 {
            ws.write_string(0, i, format!("s{i}")).expect("write");
        }
        let bytes = wb.save_to_buffer().expect("save");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).expect("entry");
            let name = entry.name().expect("name").to_string();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).expect("read");
            if name == "xl/worksheets/sheet1.xml" {
                content = format!(
                    r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>{rows}</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>"#
                )
                .into_bytes();
            }
            zip.start_file(name.as_str(), zip::write::SimpleFileOptions::default()).expect("start");
            zip.write_all(&content).expect("write");
        }
        zip.finish().expect("finish");
        out.into_inner()
    }

    /// The rows of the workbook's sheet and the error, read in parts of
    /// `part_bytes` (`None`: calamine's cells reader alone, as before parts).
    fn read(bytes: &[u8], part_bytes: Option<usize>) -> (Vec<super::super::sink::Row>, Option<String>) {
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).expect("open");
        let (tx, rx) = std::sync::mpsc::sync_channel(1 << 16);
        let mut sink = RowSink::new(tx, Default::default());
        let limits = ReadLimits { max_cells: 100, ..Default::default() };
        let (path, name) = (Path::new("t.xlsx"), wb.sheet_names()[0].clone());
        let result = match part_bytes {
            Some(p) => read_xlsx_sheet_in_parts(&mut wb, path, &name, false, &limits, &mut sink, p),
            None => wb.worksheet_cells_reader(&name).map_err(|e| sheet_failed(path, &name, &e)).and_then(|mut r| {
                start_sheet(&mut sink, &name, (Format::Xlsx, false, 0));
                let mut shared = SharedCells::default();
                stream_cells(path, &name, &limits, &mut sink, &mut RowBuilder::default(), || {
                    r.next_cell().map(|c| c.map(|c| shared.positioned(&c)))
                })
            }),
        };
        sink.send(Msg::End(Vec::new()));
        drop(sink);
        let rows = rx.iter().flat_map(|m| if let Msg::Rows(rows) = m { rows } else { Vec::new() }).collect();
        (rows, result.err().map(|e| e.to_string()))
    }

    fn same_in_parts(rows: &str) {
        let bytes = workbook(rows);
        let whole = read(&bytes, None);
        assert!(!whole.0.is_empty() || whole.1.is_some());
        for part_bytes in [1, 13, 64, 150, 400, 1000, 1 << 20] {
            assert_eq!(read(&bytes, Some(part_bytes)), whole, "parts of {part_bytes} bytes");
        }
    }

    #[test]
    fn a_sheet_read_in_parts_gives_the_cells_read_whole() {
        let mut rows = String::new();
        for r in 0..40 {
            let n = 3 * r + 2;
            rows += &format!(
                r#"<row r="{n}" spans="1:4"><c r="A{n}" t="s"><v>{}</v></c><c r="C{n}"><v>{r}.5</v></c></row>
                <row r="{}"><c r="B{}" t="inlineStr"><is><t>x {r}</t></is></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row>"#,
                r % 10,
                n + 1,
                n + 1
            );
            match r % 8 {
                // rows and cells without numbers count on from the last ones
                0 => rows += r#"<row><c><v>1</v></c><c r="D1"><v>2</v></c><c><v>3</v></c></row>"#,
                // a comment that looks like rows, a text that names the data's end
                1 => {
                    rows += r#"<!-- </row><row r="900"><c r="A900"><v>9</v></c></row> --><row r="999"><c r="A999" t="inlineStr"><is><t>sheetData</t></is></c></row>"#
                }
                // a number that is not the row's first attribute; empty rows
                2 => rows += &format!(r#"<row spans="1:3" r="{}"><c><v>7</v></c></row><row r="{}"/>"#, n + 2, n + 2),
                _ => {}
            }
        }
        same_in_parts(&rows);
        // the same row twice, in two parts
        same_in_parts(
            r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1"><c r="C1"><v>3</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#,
        );
    }

    #[test]
    fn a_sheet_read_in_parts_fails_where_it_fails_read_whole() {
        let before = r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row>"#;
        let after = r#"<row r="8"><c r="A8"><v>1</v></c></row><row r="9"><c r="A9"><v>2</v></c></row>"#;
        for bad in [
            r#"<row r="1"><c r="A1"><v>0</v></c></row>"#, // out of order
            r#"<row r="3"><c r="A3"><v>0</v></c><c r="ZZ3"><v>0</v></c></row>"#, // too wide
            r#"<row r="3"><c r="A3"><v>0</v></row><row r="4"><c r="A4"><v>1</v></c></row>"#, // no </c>
            r#"<row r="3"><c r="A3" t="s"><v>99</v></c></row>"#, // no such shared string
        ] {
            let bytes = workbook(&format!("{before}{bad}{after}"));
            let whole = read(&bytes, None);
            assert!(whole.1.is_some(), "{bad}");
            for part_bytes in [1, 13, 64, 150, 1 << 20] {
                assert_eq!(read(&bytes, Some(part_bytes)), whole, "{bad}: parts of {part_bytes} bytes");
            }
        }
        // a row number calamine reads its own way: the parts read it the same
        let odd = r#"<row r="3"><c r="A3"><v>1</v></c></row><row r="x4"><c><v>1</v></c></row>"#;
        let bytes = workbook(&format!("{before}{odd}{after}"));
        let whole = read(&bytes, None);
        for part_bytes in [1, 13, 64, 150, 1 << 20] {
            assert_eq!(read(&bytes, Some(part_bytes)), whole, "parts of {part_bytes} bytes");
        }
    }

    #[test]
    fn a_tidy_sheet_is_read_in_parts_to_its_end() {
        let rows: String = (1..300)
            .map(|n| format!(r#"<row r="{n}"><c r="A{n}"><v>{n}</v></c><c r="B{n}" t="s"><v>{}</v></c></row>"#, n % 10))
            .collect();
        let bytes = workbook(&rows);
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes)).expect("open");
        let (tx, rx) = std::sync::mpsc::sync_channel(1 << 16);
        let mut sink = RowSink::new(tx, Default::default());
        start_sheet(&mut sink, "Sheet1", (Format::Xlsx, false, 0));
        let mut rows = RowBuilder::default();
        let (xml, ctx) = wb.worksheet_xml_parts("Sheet1").expect("sheet");
        // parts of ~64 bytes: a part per row, none read again sequentially
        assert_eq!(xlsx_parts::read_sheet(xml, ctx, &mut rows, &mut sink, 100, 64), Parts::Done);
        sink.row(rows.finish().expect("the last row"));
        sink.send(Msg::End(Vec::new()));
        drop(sink);
        let got: Vec<_> = rx.iter().flat_map(|m| if let Msg::Rows(rows) = m { rows } else { Vec::new() }).collect();
        assert_eq!(got.len(), 299);
        assert_eq!(got[298], (298, vec![Cell::Number(299.0), Cell::Text("s9".into())]));
        assert_eq!(read(&bytes, Some(64)), read(&bytes, None));
    }
}
