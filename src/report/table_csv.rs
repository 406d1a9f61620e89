//! The clean complaint table as CSV (UTF-8 with BOM, formula injection
//! neutralised): `complaints check --table FILE`, for people who want the
//! cleaned ledger itself and for tests that check every parsed value.

use super::rejects_csv::neutralise;
use crate::ingest::cells::format_number;
use crate::metrics::months::from_epoch_days;
use anyhow::bail;
use polars::prelude::*;

/// Writes every column of `table` as text into `out`: dates `YYYY-MM-DD`,
/// numbers without a needless `.0`, blanks empty. Row by row, so a table of
/// millions of rows costs one row of text at a time.
pub fn write_csv(table: &DataFrame, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    out.write_all(b"\xEF\xBB\xBF")?;
    let mut w = csv::Writer::from_writer(out);
    let names: Vec<String> = table.get_column_names().iter().map(|n| n.to_string()).collect();
    w.write_record(&names)?;
    let mut record: Vec<String> = vec![String::new(); names.len()];
    // in blocks of rows: dictionary-encoded text columns are cast to
    // strings a block at a time
    for start in (0..table.height()).step_by(BLOCK_ROWS) {
        let block = crate::metrics::with_strings(table.slice(start as i64, BLOCK_ROWS))?;
        write_block(&block, &mut record, &mut w)?;
    }
    w.flush()?;
    Ok(())
}

/// Rows written from one cast slice of the table.
const BLOCK_ROWS: usize = 65_536;

/// One column of a block, typed.
enum Col<'a> {
    Text(&'a StringChunked),
    Date(&'a Int32Chunked),
    Number(&'a Float64Chunked),
    Unsigned(&'a UInt32Chunked),
    Signed(&'a Int32Chunked),
    Flag(&'a BooleanChunked),
}

/// Writes the rows of `table` (text columns as strings).
fn write_block<W: std::io::Write>(
    table: &DataFrame,
    record: &mut [String],
    w: &mut csv::Writer<W>,
) -> anyhow::Result<()> {
    let mut columns: Vec<Col> = Vec::with_capacity(table.width());
    for column in table.columns() {
        let s = column.as_materialized_series();
        columns.push(match s.dtype() {
            DataType::String => Col::Text(s.str()?),
            DataType::Date => Col::Date(s.date()?.physical()),
            DataType::Float64 => Col::Number(s.f64()?),
            DataType::UInt32 => Col::Unsigned(s.u32()?),
            DataType::Int32 => Col::Signed(s.i32()?),
            DataType::Boolean => Col::Flag(s.bool()?),
            other => bail!("internal error: column '{}' has unexpected type {other}", s.name()),
        });
    }
    for row in 0..table.height() {
        for (cell, col) in record.iter_mut().zip(&columns) {
            cell.clear();
            match col {
                Col::Text(c) => cell.push_str(&neutralise(c.get(row).unwrap_or(""))),
                Col::Date(c) => {
                    if let Some(d) = c.get(row) {
                        cell.push_str(&from_epoch_days(d).to_string());
                    }
                }
                Col::Number(c) => {
                    if let Some(x) = c.get(row) {
                        cell.push_str(&format_number(x));
                    }
                }
                Col::Unsigned(c) => {
                    if let Some(x) = c.get(row) {
                        cell.push_str(&x.to_string());
                    }
                }
                Col::Signed(c) => {
                    if let Some(x) = c.get(row) {
                        cell.push_str(&x.to_string());
                    }
                }
                Col::Flag(c) => {
                    if let Some(x) = c.get(row) {
                        cell.push_str(if x { "true" } else { "false" });
                    }
                }
            }
        }
        w.write_record(&*record)?;
    }
    Ok(())
}
