//! Workbooks (xlsx, xlsm, xls, xlsb, ods) through calamine, into grids.

use super::cells::Cell;
use super::grid::{Grid, Merge};
use super::source::{Format, InputError};
use calamine::{Data, Dimensions, Range, Reader, SheetType};
use chrono::{NaiveDate, NaiveDateTime};
use std::io::{Cursor, Read, Seek};
use std::path::Path;

/// The sheets of one workbook, and the ones left out with the reason.
#[derive(Debug, Default)]
pub struct Workbook {
    pub sheets: Vec<Grid>,
    pub skipped: Vec<(String, String)>,
}

/// Reads every worksheet of a workbook held in `bytes`.
pub fn read_workbook(path: &Path, bytes: Vec<u8>, format: Format) -> Result<Workbook, InputError> {
    let cursor = Cursor::new(bytes);
    let open_failed = |e: &dyn std::fmt::Display| {
        let hint = if format == Format::Xls {
            "if it is password-protected, open it in Excel, remove the password and save it again; otherwise re-save it as .xlsx"
        } else {
            "the file is damaged or not a workbook: open it in Excel and save it again as .xlsx"
        };
        InputError::new(path, format!("the workbook cannot be opened ({e})"), hint)
    };
    match format {
        Format::Xlsx => {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_failed(&e))?;
            let date1904 = wb.has_1904_epoch();
            read_sheets(path, &mut wb, date1904, |wb, name| wb.merge_cells_by_sheet_name(name).unwrap_or_default())
        }
        Format::Xls => {
            let mut wb: calamine::Xls<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_failed(&e))?;
            let date1904 = wb.has_1904_epoch();
            read_sheets(path, &mut wb, date1904, |wb, name| wb.merge_cells_by_sheet_name(name).unwrap_or_default())
        }
        Format::Xlsb => {
            let mut wb: calamine::Xlsb<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_failed(&e))?;
            let date1904 = wb.has_1904_epoch();
            read_sheets(path, &mut wb, date1904, |_, _| Vec::new())
        }
        Format::Ods => {
            let mut wb: calamine::Ods<_> = calamine::open_workbook_from_rs(cursor).map_err(|e| open_failed(&e))?;
            read_sheets(path, &mut wb, false, |_, _| Vec::new())
        }
        Format::Text => Err(InputError::new(path, "not a workbook", "read it as CSV")),
    }
}

fn read_sheets<RS, R>(
    path: &Path,
    wb: &mut R,
    date1904: bool,
    merges: impl Fn(&mut R, &str) -> Vec<Dimensions>,
) -> Result<Workbook, InputError>
where
    RS: Read + Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let mut out = Workbook::default();
    let sheets: Vec<(String, SheetType)> = wb.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ)).collect();
    for (name, typ) in sheets {
        if typ != SheetType::WorkSheet {
            out.skipped.push((name, format!("{typ:?} (not a worksheet)")));
            continue;
        }
        let range = wb.worksheet_range(&name).map_err(|e| {
            InputError::new(
                path,
                format!("sheet '{name}' cannot be read ({e})"),
                "open the workbook in Excel, check the sheet and save it again",
            )
        })?;
        let regions: Vec<Merge> = merges(wb, &name)
            .into_iter()
            .map(|d| Merge {
                first_row: d.start.0 as usize,
                first_col: d.start.1 as usize,
                last_row: d.end.0 as usize,
                last_col: d.end.1 as usize,
            })
            .collect();
        let mut grid = grid_from_range(&name, &range, date1904);
        grid.fill_merged(&regions);
        out.sheets.push(grid);
    }
    Ok(out)
}

fn grid_from_range(name: &str, range: &Range<Data>, date1904: bool) -> Grid {
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
    Grid { sheet: name.to_string(), rows, first_row, first_col, date1904, notes: Vec::new() }
}

fn cell_from_data(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => super::cells::text_cell(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
                .and_then(|date| date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
                .map_or(Cell::BadDate(dt.as_f64()), Cell::DateTime)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::DateTimeIso(s) => iso_datetime(s).map_or_else(|| Cell::Text(s.clone()), Cell::DateTime),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

fn iso_datetime(s: &str) -> Option<NaiveDateTime> {
    s.parse::<NaiveDateTime>().ok().or_else(|| s.parse::<NaiveDate>().ok().and_then(|d| d.and_hms_opt(0, 0, 0)))
}
