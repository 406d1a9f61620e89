//! Parquet ledgers (a columnar export of a large history): the column names
//! are the header row, every table row a ledger row, so the same layout
//! rules apply (header synonyms, mappings, rejects, merging). Row numbers
//! count the header as row 1, as the table would show in a spreadsheet.

use super::cells::{text_cell, Cell};
use super::layout::SheetMeta;
use super::source::InputError;
use super::stream::{Msg, RowSink};
use chrono::{DateTime, NaiveDate};
use polars::prelude::*;
use std::path::Path;

/// How a Parquet table's note (shown by `check`) begins.
pub const NOTE: &str = "Parquet";

/// Reads a Parquet file held in `bytes` and sends its rows to `sink`.
pub fn stream_parquet(path: &Path, bytes: Vec<u8>, sink: &mut RowSink) -> Result<(), InputError> {
    let df = ParquetReader::new(std::io::Cursor::new(bytes)).finish().map_err(|e| {
        InputError::new(
            path,
            format!("the Parquet file cannot be read ({e})"),
            "write the file again (any Parquet writer), or export the ledger as .csv or .xlsx",
        )
    })?;
    let mut columns: Vec<Box<dyn Iterator<Item = Cell> + '_>> = Vec::with_capacity(df.width());
    for column in df.columns() {
        columns.push(cells(column).map_err(|e| {
            InputError::new(
                path,
                format!("column '{}' cannot be read ({e})", column.name()),
                "write it as text, a number or a date",
            )
        })?);
    }
    sink.send(Msg::Merges(false));
    sink.send(Msg::Sheet(SheetMeta {
        notes: vec![format!("{NOTE}, {} rows × {} columns", df.height(), df.width())],
        ..Default::default()
    }));
    sink.row((0, df.get_column_names().iter().map(|n| text_cell(n)).collect()));
    for row in 0..df.height() {
        let mut cells: Vec<Cell> = columns.iter_mut().map(|c| c.next().unwrap_or(Cell::Empty)).collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        sink.row((row as u32 + 1, cells));
        if sink.stopped {
            return Ok(());
        }
    }
    sink.send(Msg::End(Vec::new()));
    Ok(())
}

/// A column as cells: text, numbers, dates, date-times, booleans; anything
/// else as its text.
fn cells(column: &Column) -> PolarsResult<Box<dyn Iterator<Item = Cell> + '_>> {
    let series = column.as_materialized_series();
    let epoch = NaiveDate::default(); // 1970-01-01
    Ok(match series.dtype() {
        DataType::String => Box::new(series.str()?.iter().map(|v| v.map_or(Cell::Empty, text_cell))),
        DataType::Boolean => Box::new(series.bool()?.iter().map(|v| v.map_or(Cell::Empty, Cell::Bool))),
        DataType::Date => Box::new(series.date()?.physical().iter().map(move |v| {
            v.and_then(|d| epoch.checked_add_signed(chrono::Duration::days(i64::from(d))))
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map_or(Cell::Empty, Cell::DateTime)
        })),
        DataType::Datetime(unit, _) => {
            let unit = *unit;
            Box::new(series.datetime()?.physical().iter().map(move |v| {
                let dt = v.and_then(|v| match unit {
                    TimeUnit::Nanoseconds => Some(DateTime::from_timestamp_nanos(v)),
                    TimeUnit::Microseconds => DateTime::from_timestamp_micros(v),
                    TimeUnit::Milliseconds => DateTime::from_timestamp_millis(v),
                });
                dt.map_or(Cell::Empty, |dt| Cell::DateTime(dt.naive_utc()))
            }))
        }
        dtype if dtype.is_primitive_numeric() => {
            let numbers = series.cast(&DataType::Float64)?;
            let values: Vec<Option<f64>> = numbers.f64()?.iter().collect();
            Box::new(values.into_iter().map(|v| v.map_or(Cell::Empty, Cell::Number)))
        }
        _ => {
            let text = series.cast(&DataType::String)?;
            let values: Vec<Option<String>> = text.str()?.iter().map(|v| v.map(str::to_string)).collect();
            Box::new(values.into_iter().map(|v| v.map_or(Cell::Empty, |s| text_cell(&s))))
        }
    })
}
