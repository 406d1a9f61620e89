//! A workbook's cells as calamine streams them (xlsx, xlsb): each value
//! made a [`Cell`] once, and the cells, in stream order, gathered into rows.
//! Used alike by the sequential reader (ingest/excel.rs) and by the workers
//! that parse parts of an xlsx sheet (ingest/xlsx_parts.rs), so both make
//! the same rows and find the same faults.

use super::cells::{text_cell, Cell, RepeatedTexts};
use super::sink::Row;
use super::source::{too_many_cells, InputError};
use calamine::DataRef;
use chrono::{NaiveDate, NaiveDateTime};
use polars::prelude::PlHashMap;
use std::path::Path;

/// Text repeats (customers, products, types): one cell per distinct text,
/// cloned as a pointer. Shared strings are keyed by the address of
/// calamine's copy of the string (one `String` per table entry), so a lookup
/// hashes a number, not the text. Inline strings (written in the cells, as
/// streaming writers do) go through [`RepeatedTexts`], per column, within
/// its bounds.
#[derive(Default)]
pub struct SharedCells {
    shared: PlHashMap<(usize, usize), Cell>,
    inline: RepeatedTexts,
}

impl SharedCells {
    /// A calamine cell as (row, column) and its cell.
    pub fn positioned(&mut self, c: &calamine::Cell<DataRef<'_>>) -> ((u32, u32), Cell) {
        let at = c.get_position();
        (at, self.cell(at.1, c.get_value()))
    }

    /// The cell of a calamine value in column `col`.
    pub fn cell(&mut self, col: u32, value: &DataRef<'_>) -> Cell {
        match value {
            // keyed by address and length: every empty string may share one address
            DataRef::SharedString(s) => {
                self.shared.entry((s.as_ptr() as usize, s.len())).or_insert_with(|| text_cell(s)).clone()
            }
            DataRef::String(s) => self.inline.cell(col, s),
            other => cell_from_ref(other),
        }
    }
}

/// Why a sheet's cells do not make rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFault {
    /// A cell of `row` after one of the later row `after`.
    Order { row: u32, after: u32 },
    /// A row wider than the cells allowed at once.
    TooWide,
}

impl RowFault {
    pub fn error(self, path: &Path, sheet: &str, max_cells: u64) -> InputError {
        match self {
            RowFault::Order { row, after } => InputError::new(
                path,
                format!("sheet '{sheet}' lists row {} after row {}", row + 1, after + 1),
                "the file was not written by Excel: open it in Excel or LibreOffice and save it again",
            ),
            RowFault::TooWide => too_many_cells(path, sheet, max_cells),
        }
    }
}

/// A sheet's cells, which come in row order (empty cells skipped), gathered
/// into rows from column A; the row being filled is held until a cell of a
/// later row (or the end) closes it.
#[derive(Debug, Default)]
pub struct RowBuilder {
    current: Option<Row>,
    /// The width of the last row closed: the next row's first allocation.
    width: usize,
}

impl RowBuilder {
    /// Adds a cell at `(row, col)`; a row it closes goes to `emit`.
    pub fn add(
        &mut self,
        (row, col): (u32, u32),
        cell: Cell,
        max_cells: u64,
        emit: &mut impl FnMut(Row),
    ) -> Result<(), RowFault> {
        if cell.is_empty() {
            return Ok(());
        }
        self.close_before(row, emit)?;
        let width = self.width;
        let (_, cells) = self.current.get_or_insert_with(|| (row, Vec::with_capacity(width)));
        let c = col as usize;
        if cells.len() <= c {
            if c as u64 >= max_cells {
                return Err(RowFault::TooWide);
            }
            cells.resize(c + 1, Cell::Empty);
        }
        cells[c] = cell;
        Ok(())
    }

    /// Adds a row gathered elsewhere (by the worker that read the next part
    /// of the sheet): one row with the held row when they have the same
    /// number (the held row's cells overwritten by the row's filled ones).
    pub fn add_row(&mut self, (row, cells): Row, emit: &mut impl FnMut(Row)) -> Result<(), RowFault> {
        self.close_before(row, emit)?;
        match &mut self.current {
            Some((_, held)) => {
                if held.len() < cells.len() {
                    held.resize(cells.len(), Cell::Empty);
                }
                for (c, cell) in cells.into_iter().enumerate().filter(|(_, cell)| !cell.is_empty()) {
                    held[c] = cell;
                }
            }
            None => self.current = Some((row, cells)),
        }
        Ok(())
    }

    /// Closes the held row if `row` is a later one; a fault if it is earlier.
    fn close_before(&mut self, row: u32, emit: &mut impl FnMut(Row)) -> Result<(), RowFault> {
        match &self.current {
            Some((r, _)) if *r > row => Err(RowFault::Order { row, after: *r }),
            Some((r, _)) if *r < row => {
                let done = self.current.take().unwrap_or_default();
                self.width = done.1.len();
                emit(done);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// The held row, at the end of the sheet (or of a part of it).
    pub fn finish(&mut self) -> Option<Row> {
        self.current.take()
    }
}

pub fn date_cell(dt: &calamine::ExcelDateTime) -> Cell {
    if !dt.is_datetime() {
        return Cell::Number(dt.as_f64());
    }
    let (y, m, d, h, mi, s, _) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
        .and_then(|date| date.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
        .map_or(Cell::BadDate(dt.as_f64()), Cell::DateTime)
}

pub fn iso_cell(s: &str) -> Cell {
    s.parse::<NaiveDateTime>()
        .ok()
        .or_else(|| s.parse::<NaiveDate>().ok().and_then(|d| d.and_hms_opt(0, 0, 0)))
        .map_or_else(|| Cell::Text(s.into()), Cell::DateTime)
}

pub fn cell_from_ref(data: &DataRef) -> Cell {
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

    fn text(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn cells_make_rows_and_a_row_from_elsewhere_joins_the_held_one() {
        let mut rows = Vec::new();
        let mut b = RowBuilder::default();
        b.add((0, 1), text("a"), 100, &mut |r| rows.push(r)).unwrap();
        b.add((0, 2), Cell::Empty, 100, &mut |r| rows.push(r)).unwrap();
        b.add((2, 0), text("b"), 100, &mut |r| rows.push(r)).unwrap();
        assert_eq!(rows, vec![(0, vec![Cell::Empty, text("a")])]);
        // the next part's first row is row 2 again: one row
        b.add_row((2, vec![Cell::Empty, Cell::Empty, text("c")]), &mut |r| rows.push(r)).unwrap();
        b.add_row((3, vec![text("d")]), &mut |r| rows.push(r)).unwrap();
        assert_eq!(rows[1], (2, vec![text("b"), Cell::Empty, text("c")]));
        assert_eq!(b.add_row((1, vec![text("e")]), &mut |r| rows.push(r)), Err(RowFault::Order { row: 1, after: 3 }));
        assert_eq!(b.add((0, 0), text("f"), 100, &mut |r| rows.push(r)), Err(RowFault::Order { row: 0, after: 3 }));
        assert_eq!(b.add((3, 100), text("g"), 100, &mut |r| rows.push(r)), Err(RowFault::TooWide));
        assert_eq!(b.finish(), Some((3, vec![text("d")])));
    }
}
