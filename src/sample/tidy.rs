//! Tidy writer: the large one-header-row benchmark ledger (CSV, xlsx,
//! Parquet).

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, Format, Workbook};

use super::dates::{add_days, excel_serial, fixed_datetime, ymd};
use super::draw::{draw_core, Core};
use super::rng::Rng;
use super::sales::push_csv_field;
use super::vocabulary::{
    ACTIONS, CAUSES, CHANNELS, CUSTOMERS, DEFECTS, DEPARTMENTS, DESCRIPTIONS, OWNERS, PLANTS, PRODUCTS, SEVERITIES,
};
use super::TIDY_COLUMNS;

/// Days covered by the tidy ledger: 2022-11-01 ..= 2025-10-31.
const TIDY_DAYS: usize = 1096;
/// Days of the date table before the first received date (lots) ...
const TABLE_BEFORE: usize = 64;
/// ... and after the last one (closed dates).
const TABLE_AFTER: usize = 80;

struct DayTable {
    text: Vec<[u8; 10]>,
    lot: Vec<[u8; 6]>,
    serial: Vec<f64>,
    month: Vec<u32>,
    year: Vec<i32>,
}

fn day_table(first: NaiveDate) -> DayTable {
    let n = TABLE_BEFORE + TIDY_DAYS + TABLE_AFTER;
    let mut t = DayTable {
        text: Vec::with_capacity(n),
        lot: Vec::with_capacity(n),
        serial: Vec::with_capacity(n),
        month: Vec::with_capacity(n),
        year: Vec::with_capacity(n),
    };
    for k in 0..n {
        let d = add_days(first, k as i64 - TABLE_BEFORE as i64);
        let (y, m, dd) = (d.year() as u32, d.month(), d.day());
        let digit = |v: u32| b'0' + (v % 10) as u8;
        t.text.push([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(dd / 10),
            digit(dd),
        ]);
        t.lot.push([digit(y / 10), digit(y), digit(m / 10), digit(m), digit(dd / 10), digit(dd)]);
        t.serial.push(excel_serial(d));
        t.month.push(m);
        t.year.push(d.year());
    }
    t
}

/// One tidy row, as indices into the pools and the day table.
struct TidyRow {
    day: usize,
    core: Core,
    closed_day: Option<usize>,
    status: &'static str,
}

struct TidyGen {
    rng: Rng,
    rows: usize,
    days: DayTable,
    last_day: usize,
    year_seq: u64,
    year: i32,
}

impl TidyGen {
    fn new(rows: usize, seed: u64) -> Result<Self> {
        let days = day_table(ymd(2022, 11, 1)?);
        Ok(TidyGen {
            rng: Rng::new(seed ^ 0x5449_4459), // "TIDY"
            rows,
            days,
            last_day: TABLE_BEFORE + TIDY_DAYS - 1,
            year_seq: 0,
            year: 0,
        })
    }

    fn row(&mut self, i: usize) -> TidyRow {
        let off = ((i as u128 * TIDY_DAYS as u128) / self.rows.max(1) as u128) as usize;
        let day = TABLE_BEFORE + off;
        let core = draw_core(&mut self.rng, self.days.month[day]);
        let age = self.last_day - day;
        let close = day + core.close_days as usize;
        let open = close > self.last_day || self.rng.chance(0.07);
        let status = if !open {
            "완료"
        } else if age <= 5 {
            "접수"
        } else {
            "처리중"
        };
        let year = self.days.year[day];
        if year != self.year {
            self.year = year;
            self.year_seq = 0;
        }
        self.year_seq += 1;
        TidyRow { day, core, closed_day: if open { None } else { Some(close) }, status }
    }

    /// `C-YYYY-NNNNNN` into `buf`, returning the used length.
    fn id(&self, buf: &mut [u8; 32]) -> usize {
        let mut n = 0;
        buf[0] = b'C';
        buf[1] = b'-';
        n += 2;
        n += put_digits(&mut buf[n..], self.year as u64, 4);
        buf[n] = b'-';
        n += 1;
        n += put_digits(&mut buf[n..], self.year_seq, 6);
        n
    }

    fn lot(&self, r: &TidyRow, buf: &mut [u8; 16]) -> usize {
        let production = r.day.saturating_sub(r.core.lot_back as usize);
        buf[0] = b'L';
        buf[1..7].copy_from_slice(&self.days.lot[production]);
        buf[7] = b'-';
        buf[8] = b'0' + r.core.lot_line;
        9
    }
}

/// Decimal digits of `v`, zero-padded to at least `width`; returns the length.
fn put_digits(out: &mut [u8], mut v: u64, width: usize) -> usize {
    let mut tmp = [0u8; 20];
    let mut k = 0;
    while v > 0 || k < width.max(1) {
        tmp[k] = b'0' + (v % 10) as u8;
        v /= 10;
        k += 1;
        if k == tmp.len() {
            break;
        }
    }
    for (o, t) in out.iter_mut().zip(tmp[..k].iter().rev()) {
        *o = *t;
    }
    k
}

fn csv_escaped(s: &str) -> String {
    let mut out = String::new();
    push_csv_field(&mut out, s);
    out
}

fn escaped_pool(pools: &[&[&str]]) -> Vec<Vec<String>> {
    pools.iter().map(|p| p.iter().map(|s| csv_escaped(s)).collect()).collect()
}

pub(super) fn write_tidy_csv(path: &Path, rows: usize, seed: u64) -> Result<()> {
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let desc = escaped_pool(&DESCRIPTIONS);
    let cause = escaped_pool(&CAUSES);
    let action = escaped_pool(&ACTIONS);
    let customers: Vec<String> = CUSTOMERS.iter().map(|c| csv_escaped(c.name)).collect();
    let products: Vec<String> = PRODUCTS.iter().map(|p| csv_escaped(p.name)).collect();
    let mut gen = TidyGen::new(rows, seed)?;
    let io = |e: std::io::Error| anyhow::Error::new(e).context(format!("writing {}", path.display()));
    w.write_all(TIDY_COLUMNS.join(",").as_bytes()).map_err(io)?;
    w.write_all(b"\n").map_err(io)?;
    let mut idb = [0u8; 32];
    let mut lotb = [0u8; 16];
    let mut numb = [0u8; 20];
    for i in 0..rows {
        let r = gen.row(i);
        let c = &r.core;
        let n = gen.id(&mut idb);
        let l = gen.lot(&r, &mut lotb);
        let parts: [&[u8]; 16] = [
            &idb[..n],
            b",",
            &gen.days.text[r.day],
            b",",
            customers[c.customer].as_bytes(),
            b",",
            products[c.product].as_bytes(),
            b",",
            &lotb[..l],
            b",",
            DEFECTS[c.defect].0.as_bytes(),
            b",",
            desc[c.defect][c.desc].as_bytes(),
            b",",
            CHANNELS[c.channel].0.as_bytes(),
            b",",
        ];
        for p in parts {
            w.write_all(p).map_err(io)?;
        }
        let parts: [&[u8]; 12] = [
            SEVERITIES[c.severity].0.as_bytes(),
            b",",
            PLANTS[PRODUCTS[c.product].plant].as_bytes(),
            b",",
            DEPARTMENTS[c.dept].as_bytes(),
            b",",
            OWNERS[c.dept][c.owner].as_bytes(),
            b",",
            cause[c.defect][c.cause].as_bytes(),
            b",",
            action[c.defect][c.action].as_bytes(),
            b",",
        ];
        for p in parts {
            w.write_all(p).map_err(io)?;
        }
        if let Some(d) = r.closed_day {
            w.write_all(&gen.days.text[d]).map_err(io)?;
        }
        w.write_all(b",").map_err(io)?;
        w.write_all(r.status.as_bytes()).map_err(io)?;
        w.write_all(b",").map_err(io)?;
        if let Some(cost) = c.cost {
            let k = put_digits(&mut numb, cost, 1);
            w.write_all(&numb[..k]).map_err(io)?;
        }
        w.write_all(b"\n").map_err(io)?;
    }
    w.flush().map_err(io)?;
    Ok(())
}

pub(super) fn write_tidy_xlsx(path: &Path, rows: usize, seed: u64) -> Result<()> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_title("complaints").set_creation_datetime(&fixed_datetime(2025, 10, 31)?),
    );
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0");
    let mut gen = TidyGen::new(rows, seed)?;
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name("Data")?;
    let widths = [14.0, 11.0, 14.0, 20.0, 11.0, 9.0, 28.0, 7.0, 6.0, 7.0, 11.0, 8.0, 22.0, 26.0, 11.0, 7.0, 11.0];
    for (col, w) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    for (col, name) in TIDY_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *name, &header)?;
    }
    let mut idb = [0u8; 32];
    let mut lotb = [0u8; 16];
    for i in 0..rows {
        let row = u32::try_from(i + 1).context("too many rows for one worksheet")?;
        let r = gen.row(i);
        let c = &r.core;
        let n = gen.id(&mut idb);
        let l = gen.lot(&r, &mut lotb);
        let id = std::str::from_utf8(&idb[..n]).context("complaint id")?;
        let lot = std::str::from_utf8(&lotb[..l]).context("lot")?;
        ws.write_string(row, 0, id)?;
        ws.write_number_with_format(row, 1, gen.days.serial[r.day], &date)?;
        ws.write_string(row, 2, CUSTOMERS[c.customer].name)?;
        ws.write_string(row, 3, PRODUCTS[c.product].name)?;
        ws.write_string(row, 4, lot)?;
        ws.write_string(row, 5, DEFECTS[c.defect].0)?;
        ws.write_string(row, 6, DESCRIPTIONS[c.defect][c.desc])?;
        ws.write_string(row, 7, CHANNELS[c.channel].0)?;
        ws.write_string(row, 8, SEVERITIES[c.severity].0)?;
        ws.write_string(row, 9, PLANTS[PRODUCTS[c.product].plant])?;
        ws.write_string(row, 10, DEPARTMENTS[c.dept])?;
        ws.write_string(row, 11, OWNERS[c.dept][c.owner])?;
        ws.write_string(row, 12, CAUSES[c.defect][c.cause])?;
        ws.write_string(row, 13, ACTIONS[c.defect][c.action])?;
        if let Some(d) = r.closed_day {
            ws.write_number_with_format(row, 14, gen.days.serial[d], &date)?;
        }
        ws.write_string(row, 15, r.status)?;
        if let Some(cost) = c.cost {
            ws.write_number_with_format(row, 16, cost as f64, &money)?;
        }
    }
    wb.save(path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// The CSV ledger as typed columns, written as Parquet (the same rows).
pub(super) fn write_tidy_parquet(path: &Path, rows: usize, seed: u64) -> Result<()> {
    use polars::prelude::*;
    let tmp = tempfile::NamedTempFile::new()?;
    write_tidy_csv(tmp.path(), rows, seed)?;
    let mut reader = csv::ReaderBuilder::new().from_path(tmp.path())?;
    let mut text: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows); TIDY_COLUMNS.len()];
    for record in reader.records() {
        for (column, value) in text.iter_mut().zip(record?.iter()) {
            column.push((!value.is_empty()).then(|| value.to_string()));
        }
    }
    let epoch = NaiveDate::default();
    let columns: Vec<Column> = TIDY_COLUMNS
        .iter()
        .zip(text)
        .map(|(&name, values)| match name {
            "received_date" | "closed_date" => Column::new(
                name.into(),
                values
                    .iter()
                    .map(|v| {
                        v.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()).map(|d| (d - epoch).num_days() as i32)
                    })
                    .collect::<Vec<_>>(),
            )
            .cast(&DataType::Date),
            "cost" => Ok(Column::new(
                name.into(),
                values.iter().map(|v| v.as_deref().and_then(|c| c.parse::<f64>().ok())).collect::<Vec<_>>(),
            )),
            _ => Ok(Column::new(name.into(), values)),
        })
        .collect::<PolarsResult<_>>()?;
    let mut df = DataFrame::new(rows, columns)?;
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    polars_io::prelude::ParquetWriter::new(file).finish(&mut df)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample::tests::cell;
    use crate::sample::{write_tidy, TidyFormat};
    use calamine::{open_workbook, Data, Reader, Xlsx};

    #[test]
    fn tidy_files_read_back() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let csv = dir.path().join("tidy.csv");
        write_tidy(&csv, 2000, 1, TidyFormat::Csv)?;
        let text = std::fs::read_to_string(&csv)?;
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(TIDY_COLUMNS.join(",").as_str()));
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 2000);
        assert!(rows[0].contains(",2022-11-01,"));
        assert!(rows[1999].contains(",2025-10-31,") || rows[1999].contains(",2025-10-30,"));
        let open = rows.iter().filter(|r| !r.contains(",완료,")).count();
        assert!((80..=260).contains(&open), "{open}");

        let xlsx = dir.path().join("tidy.xlsx");
        write_tidy(&xlsx, 300, 1, TidyFormat::Xlsx)?;
        let mut wb: Xlsx<_> = open_workbook(&xlsx)?;
        assert_eq!(wb.sheet_names(), ["Data"]);
        let range = wb.worksheet_range("Data")?;
        assert_eq!(range.height(), 301);
        let header: Vec<String> = (0..17).map(|c| cell(&range, 0, c)).collect();
        assert_eq!(header, TIDY_COLUMNS);
        assert!(matches!(range.get_value((1, 1)), Some(Data::DateTime(_))));
        assert_eq!(cell(&range, 1, 0), "C-2022-000001");
        Ok(())
    }
}
