//! Parquet ledgers (a columnar export of a large history): the column names
//! are the header row, every table row a ledger row, so the same layout
//! rules apply (header synonyms, mappings, rejects, merging). Row numbers
//! count the header as row 1, as the table would show in a spreadsheet.
//!
//! Bounded by what the file holds, not by what it claims: the footer is
//! read first, and a file whose rows would take more memory once read than
//! the budget (`max_inflated_mb`), or with a row group of more than
//! `max_cells` cells, is refused before anything is decoded (a 342 KB file
//! can hold 30 million run-length-encoded rows); row groups are then
//! decoded a slice at a time.
//! A column this reader cannot decode (a type newer than it knows) is
//! left blank and named, instead of refusing the whole file.

use super::cells::{text_cell, Cell};
use super::sink::SheetMeta;
use super::sink::{Msg, RowSink};
use super::source::InputError;
use super::source::ReadLimits;
use chrono::{DateTime, NaiveDate, NaiveDateTime};
use polars::prelude::*;
use polars_io::prelude::ParquetReader;
use polars_io::SerReader;
use std::fs::File;
use std::path::Path;

/// How a Parquet table's note (shown by `check`) begins.
pub const NOTE: &str = "Parquet";

/// Reads a Parquet file and sends its rows to `sink`.
pub fn stream_parquet(path: &Path, file: File, limits: &ReadLimits, sink: &mut RowSink) -> Result<(), InputError> {
    let damaged = |e: &dyn std::fmt::Display| {
        InputError::new(
            path,
            format!("the Parquet file cannot be read ({e})"),
            "write the file again (any Parquet writer), or export the ledger as .csv or .xlsx",
        )
    };
    // Mapped and watched (polars would map it unwatched): a file cut short
    // while it is read is refused by name instead of ending the run.
    let map = super::mapping::WatchedMap::new(file).map_err(|e| damaged(&e))?;
    // the reader may fail, or panic, on the zeros of a file cut short
    let read =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_mapped(path, &map, limits, sink, &damaged)));
    if map.changed() {
        return Err(super::source::changed_error(path));
    }
    read.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// [`stream_parquet`] over the mapped file's bytes.
fn read_mapped(
    path: &Path,
    bytes: &[u8],
    limits: &ReadLimits,
    sink: &mut RowSink,
    damaged: &dyn Fn(&dyn std::fmt::Display) -> InputError,
) -> Result<(), InputError> {
    let handle = || std::io::Cursor::new(bytes);
    let mut reader = ParquetReader::new(handle());
    let metadata = reader.get_metadata().map_err(|e| damaged(&e))?.clone();
    let schema = reader.schema().map_err(|e| damaged(&e))?;
    let names: Vec<String> = schema.iter_values().map(|f| f.name.to_string()).collect();
    check_size(path, &metadata, names.len(), limits)?;
    // Which columns decode: each one is tried on its first row alone.
    let readable: Vec<bool> = names.iter().map(|name| column_decodes(bytes, name)).collect();
    let mut notes = vec![format!("{NOTE}, {} rows × {} columns", metadata.num_rows, names.len())];
    for (name, field) in names.iter().zip(schema.iter_values()).zip(&readable).filter(|(_, ok)| !**ok).map(|(x, _)| x) {
        notes.push(format!("column '{name}' ({:?}) cannot be decoded: left blank", field.dtype));
    }
    let projection: Vec<String> = names.iter().zip(&readable).filter(|(_, ok)| **ok).map(|(n, _)| n.clone()).collect();

    sink.send(Msg::Merges(false));
    sink.send(Msg::Sheet(SheetMeta { notes, format: super::source::Format::Parquet, ..Default::default() }));
    sink.row((0, names.iter().map(|n| text_cell(n)).collect()));
    let group_rows: Vec<usize> = metadata.row_groups.iter().map(|g| g.num_rows()).collect();
    let mut offset = 0usize;
    while offset < metadata.num_rows {
        // a slice at a time within a row group, so a large group (a few
        // bytes of run-length encoding can stand for millions of rows) is
        // never decoded whole
        let group_end = row_group_end(&group_rows, offset);
        let rows = (group_end - offset).min(SLICE_ROWS);
        let mut slice = ParquetReader::new(handle()).with_columns(Some(projection.clone()));
        slice.set_metadata(metadata.clone());
        let df = slice.with_slice(Some((offset, rows))).finish().map_err(|e| damaged(&e))?;
        let mut columns: Vec<Option<Box<dyn Iterator<Item = Cell> + '_>>> = Vec::with_capacity(names.len());
        for name in &names {
            columns.push(match df.column(name) {
                Ok(column) => Some(cells(column)),
                Err(_) => None, // not decodable: blank
            });
        }
        for row in 0..df.height() {
            let mut cells: Vec<Cell> =
                columns.iter_mut().map(|c| c.as_mut().and_then(Iterator::next).unwrap_or(Cell::Empty)).collect();
            while cells.last().is_some_and(Cell::is_empty) {
                cells.pop();
            }
            sink.row(((offset + row) as u32 + 1, cells));
            if sink.sheet_done() {
                break;
            }
        }
        offset += rows;
        if sink.sheet_done() {
            break;
        }
    }
    sink.send(Msg::End(Vec::new()));
    Ok(())
}

/// Rows decoded at once.
const SLICE_ROWS: usize = 1 << 17;

/// The first row after the row group that holds row `offset`.
fn row_group_end(group_rows: &[usize], offset: usize) -> usize {
    let mut end = 0;
    for rows in group_rows {
        end += rows;
        if end > offset {
            return end;
        }
    }
    end.max(offset + 1)
}

/// Whether the column `name` decodes (its first row read alone): the
/// reader may fail, or panic, on a type it does not know.
fn column_decodes(bytes: &[u8], name: &str) -> bool {
    let attempt = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        ParquetReader::new(std::io::Cursor::new(bytes))
            .with_columns(Some(vec![name.to_string()]))
            .with_slice(Some((0, 1)))
            .finish()
    }));
    matches!(attempt, Ok(Ok(_)))
}

/// What one row takes once read, whatever its columns: its record (128
/// bytes), its row of the clean table and its share of the lookups
/// (measured: 1M rows of 25 columns peak at 425–480 MB).
const ROW_BYTES: u64 = 256;
/// What one decoded value takes at least (a number, or a string's offset).
const CELL_BYTES: u64 = 8;

/// Refuses, from the footer alone, a file whose rows would take more memory
/// once decoded than the budget (`max_inflated_mb`, as for a zip-based
/// workbook) or whose row group holds more than `max_cells` cells: a few
/// bytes of run-length encoding can stand for millions of rows.
fn check_size(path: &Path, metadata: &FileMetadata, width: usize, limits: &ReadLimits) -> Result<(), InputError> {
    let width = width as u64;
    let mut decoded = 0u64;
    for (i, group) in metadata.row_groups.iter().enumerate() {
        let rows = group.num_rows() as u64;
        if rows.saturating_mul(width.max(1)) > limits.max_cells {
            return Err(InputError::new(
                path,
                format!(
                    "row group {} holds {rows} rows × {width} columns, more than max_cells ({})",
                    i + 1,
                    limits.max_cells
                ),
                "write the file with smaller row groups (e.g. 100,000 rows), or raise max_cells in the config's [read] table if it is genuine",
            ));
        }
        // text is at least as long decoded as in its uncompressed pages
        let pages: u64 = group.parquet_columns().iter().map(|c| c.uncompressed_size().max(0) as u64).sum();
        decoded = decoded.saturating_add(rows.saturating_mul(ROW_BYTES + CELL_BYTES * width)).saturating_add(pages);
    }
    if decoded > limits.max_inflated_bytes {
        return Err(InputError::new(
            path,
            format!(
                "its {} rows in {} row group{} would take about {} MB once read, more than the memory budget max_inflated_mb ({})",
                metadata.num_rows,
                metadata.row_groups.len(),
                if metadata.row_groups.len() == 1 { "" } else { "s" },
                decoded / 1_000_000,
                limits.max_inflated_bytes / 1_000_000
            ),
            "if the file is genuine, raise max_inflated_mb in the config's [read] table (a machine needs that much memory), or read a part of the history",
        ));
    }
    Ok(())
}

/// A column as cells: text, numbers, dates, date-times (a zoned one at its
/// local date and time, as written), booleans; anything else as its text.
fn cells(column: &Column) -> Box<dyn Iterator<Item = Cell> + '_> {
    let series = column.as_materialized_series();
    let epoch = NaiveDate::default(); // 1970-01-01
    let typed: Option<Box<dyn Iterator<Item = Cell> + '_>> = match series.dtype() {
        DataType::String => {
            series.str().ok().map(|s| Box::new(s.iter().map(|v| v.map_or(Cell::Empty, text_cell))) as Box<_>)
        }
        DataType::Boolean => {
            series.bool().ok().map(|s| Box::new(s.iter().map(|v| v.map_or(Cell::Empty, Cell::Bool))) as Box<_>)
        }
        DataType::Date => series.date().ok().map(|s| {
            Box::new(s.physical().iter().map(move |v| {
                v.and_then(|d| epoch.checked_add_signed(chrono::Duration::days(i64::from(d))))
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map_or(Cell::Empty, Cell::DateTime)
            })) as Box<_>
        }),
        DataType::Datetime(unit, zone) => {
            let (unit, zone) = (*unit, zone.as_ref().map(|z| z.to_string()));
            series.datetime().ok().map(|s| {
                Box::new(s.physical().iter().map(move |v| {
                    let utc = v.and_then(|v| match unit {
                        TimeUnit::Nanoseconds => Some(DateTime::from_timestamp_nanos(v)),
                        TimeUnit::Microseconds => DateTime::from_timestamp_micros(v),
                        TimeUnit::Milliseconds => DateTime::from_timestamp_millis(v),
                    });
                    utc.map_or(Cell::Empty, |utc| Cell::DateTime(local(utc, zone.as_deref())))
                })) as Box<_>
            })
        }
        dtype if dtype.is_primitive_numeric() => series.cast(&DataType::Float64).ok().and_then(|numbers| {
            let values: Vec<Option<f64>> = numbers.f64().ok()?.iter().collect();
            Some(Box::new(values.into_iter().map(|v| v.map_or(Cell::Empty, Cell::Number))) as Box<_>)
        }),
        _ => None,
    };
    typed.unwrap_or_else(|| {
        // durations, lists, structs, binary …: their text, as polars prints it
        Box::new(series.iter().map(|v| match v {
            AnyValue::Null => Cell::Empty,
            v => text_cell(&v.to_string()),
        }))
    })
}

/// A UTC instant as the wall-clock time of its column's zone (an IANA name
/// such as `Asia/Seoul`, or an offset such as `+09:00`): 07:00 KST on
/// 1 January is 1 January, not the UTC date 31 December.
fn local(utc: DateTime<chrono::Utc>, zone: Option<&str>) -> NaiveDateTime {
    let Some(zone) = zone else { return utc.naive_utc() };
    if let Ok(tz) = zone.parse::<chrono_tz::Tz>() {
        return utc.with_timezone(&tz).naive_local();
    }
    if let Ok(offset) = zone.parse::<chrono::FixedOffset>() {
        return utc.with_timezone(&offset).naive_local();
    }
    utc.naive_utc()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoned_instants_keep_their_local_date() {
        // 2024-12-31 22:00 UTC = 2025-01-01 07:00 in Seoul
        let utc = DateTime::from_timestamp(1_735_682_400, 0).unwrap_or_default();
        assert_eq!(local(utc, Some("Asia/Seoul")).to_string(), "2025-01-01 07:00:00");
        assert_eq!(local(utc, Some("+09:00")).to_string(), "2025-01-01 07:00:00");
        assert_eq!(local(utc, Some("UTC")).to_string(), "2024-12-31 22:00:00");
        assert_eq!(local(utc, None).to_string(), "2024-12-31 22:00:00");
    }
}
