//! One period's snapshot: the clean complaint table with its provenance
//! (`complaints.parquet`), the report's figures (`summary.json`, as the
//! report wrote it but without `changes`) and `snapshot.json`, which says
//! what they are and holds their fingerprints — so that recording the same
//! inputs and flags again adds nothing.

use crate::metrics::months::Month;
use crate::metrics::Report;
use chrono::NaiveDate;
use polars::prelude::*;
use polars_io::prelude::{ParquetReader, ParquetWriter};
use polars_io::SerReader;
use serde::{Deserialize, Serialize};
use std::io::Write;
use xxhash_rust::xxh3::Xxh3;

pub const TABLE_FILE: &str = "complaints.parquet";
pub const FIGURES_FILE: &str = "summary.json";
pub const META_FILE: &str = "snapshot.json";

/// `snapshot.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The reporting month, `YYYY-MM`.
    pub period: String,
    pub as_of: NaiveDate,
    /// Rows of the table: every complaint read, also those received after
    /// the as-of date.
    pub complaints: u64,
    /// xxh3-128 of the table's values and of the figures: equal
    /// fingerprints, the same snapshot.
    pub table_fingerprint: String,
    pub figures_fingerprint: String,
    pub written_by: String,
}

impl Meta {
    pub fn month(&self) -> Option<Month> {
        Month::parse(&self.period)
    }
}

/// A snapshot ready to be recorded.
pub struct Snapshot {
    pub meta: Meta,
    /// The clean table as it is: its dictionary-encoded columns are written
    /// as Parquet dictionary pages of strings, which DuckDB and Spark read
    /// as plain strings (a cast to strings first would double the time).
    table: DataFrame,
    figures: Vec<u8>,
}

impl Snapshot {
    /// The figures a snapshot records: `report`'s summary.json as the report
    /// writes it, taken before `changes` are added and before any masking.
    pub fn figures_of(report: &Report) -> anyhow::Result<Vec<u8>> {
        anyhow::ensure!(report.changes.is_none(), "internal error: a snapshot records the figures without changes");
        let mut figures = serde_json::to_vec_pretty(report)?;
        figures.push(b'\n');
        Ok(figures)
    }

    /// The snapshot of the clean `table` (as read, never masked) and the
    /// `figures` of its report of `period` as of `as_of`.
    pub fn new(table: &DataFrame, figures: Vec<u8>, period: Month, as_of: NaiveDate) -> anyhow::Result<Snapshot> {
        let table = table.clone();
        let meta = Meta {
            period: period.to_string(),
            as_of,
            complaints: table.height() as u64,
            table_fingerprint: format!("{:032x}", table_fingerprint(&table)?),
            figures_fingerprint: format!("{:032x}", xxhash_rust::xxh3::xxh3_128(&figures)),
            written_by: format!("complaints {}", env!("CARGO_PKG_VERSION")),
        };
        Ok(Snapshot { meta, table, figures })
    }

    /// Writes the three files into `dir` (a new folder).
    pub fn write(&self, dir: &std::path::Path) -> anyhow::Result<()> {
        let mut file = std::fs::File::create(dir.join(TABLE_FILE))?;
        ParquetWriter::new(&mut file)
            .with_compression(ParquetCompression::Zstd(None))
            .finish(&mut self.table.clone())
            .map_err(|e| anyhow::anyhow!("cannot write {TABLE_FILE}: {e}"))?;
        file.sync_all()?;
        for (name, bytes) in [(FIGURES_FILE, self.figures.clone()), (META_FILE, meta_bytes(&self.meta)?)] {
            let mut file = std::fs::File::create(dir.join(name))?;
            file.write_all(&bytes)?;
            file.sync_all()?;
        }
        Ok(())
    }
}

fn meta_bytes(meta: &Meta) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(meta)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A fingerprint of every value of `table`: each column's (name, type,
/// then every value with its kind and length, so that no two columns share
/// a byte stream) on two threads, then the column fingerprints in order.
fn table_fingerprint(table: &DataFrame) -> anyhow::Result<u128> {
    let columns = table.columns();
    let half = columns.len().div_ceil(2);
    let digests: Vec<anyhow::Result<Vec<u128>>> = std::thread::scope(|scope| {
        let handles: Vec<_> = columns
            .chunks(half.max(1))
            .map(|part| scope.spawn(move || part.iter().map(column_fingerprint).collect::<anyhow::Result<Vec<_>>>()))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(anyhow::anyhow!("internal error: fingerprinting crashed"))))
            .collect()
    });
    let mut all = Vec::with_capacity(columns.len() * 16);
    for part in digests {
        for d in part? {
            all.extend_from_slice(&d.to_le_bytes());
        }
    }
    Ok(xxhash_rust::xxh3::xxh3_128(&all))
}

fn column_fingerprint(column: &Column) -> anyhow::Result<u128> {
    let mut h = Xxh3::new();
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let put = |h: &mut Xxh3, buf: &mut Vec<u8>, bytes: Option<&[u8]>| {
        match bytes {
            None => buf.push(0),
            Some(b) => {
                buf.push(1);
                buf.extend_from_slice(&(b.len() as u64).to_le_bytes());
                buf.extend_from_slice(b);
            }
        }
        if buf.len() >= 1 << 16 {
            h.update(buf);
            buf.clear();
        }
    };
    put(&mut h, &mut buf, Some(column.name().as_bytes()));
    let s = column.as_materialized_series();
    // a text column has one kind whether its values are dictionary-encoded or not
    let kind = match s.dtype() {
        DataType::String | DataType::Categorical(_, _) => "text".to_string(),
        other => other.to_string(),
    };
    put(&mut h, &mut buf, Some(kind.as_bytes()));
    match s.dtype() {
        DataType::String => s.str()?.iter().for_each(|v| put(&mut h, &mut buf, v.map(str::as_bytes))),
        DataType::Categorical(_, _) if s.cat32().is_ok() => {
            s.cat32()?.iter_str().for_each(|v| put(&mut h, &mut buf, v.map(str::as_bytes)))
        }
        DataType::Date => s
            .date()?
            .physical()
            .iter()
            .for_each(|v| put(&mut h, &mut buf, v.map(i32::to_le_bytes).as_ref().map(|b| &b[..]))),
        DataType::Float64 => s
            .f64()?
            .iter()
            .for_each(|v| put(&mut h, &mut buf, v.map(|x| x.to_bits().to_le_bytes()).as_ref().map(|b| &b[..]))),
        DataType::UInt32 => {
            s.u32()?.iter().for_each(|v| put(&mut h, &mut buf, v.map(u32::to_le_bytes).as_ref().map(|b| &b[..])))
        }
        DataType::Boolean => {
            s.bool()?.iter().for_each(|v| put(&mut h, &mut buf, v.map(|b| [u8::from(b)]).as_ref().map(|b| &b[..])))
        }
        _ => {
            let text = s.cast(&DataType::String)?;
            text.str()?.iter().for_each(|v| put(&mut h, &mut buf, v.map(str::as_bytes)));
        }
    }
    h.update(&buf);
    Ok(h.digest128())
}

/// Reads a recorded table; an error says what is wrong with it.
pub fn read_table(path: &std::path::Path) -> anyhow::Result<DataFrame> {
    let file = std::fs::File::open(path)?;
    let table = ParquetReader::new(file).finish()?;
    for name in super::matching::columns_for_matching() {
        anyhow::ensure!(table.column(name).is_ok(), "it has no column '{name}'");
    }
    Ok(table)
}
