//! Raw parse floor for the benchmark (benches/run.sh): calamine reading every
//! cell of an xlsx workbook and nothing else — no header detection, no dates,
//! no table, no report. `complaints report` on the same file can never be
//! faster than this, so it is the denominator of the "ratio vs raw parse".
//!
//! ```sh
//! cargo build --release --example raw_parse
//! raw_parse ledger.xlsx                 # cells reader (the default, the faster one)
//! raw_parse ledger.xlsx --mode range    # worksheet_range (whole sheet as a Range<Data>)
//! raw_parse ledger.xlsx --mode both     # both, one after the other, with their times
//! ```
//!
//! The workbook is read into memory first and opened from a cursor, as
//! `complaints` does (src/ingest/excel.rs). Every cell's value is touched
//! (non-empty cells counted, string lengths and numbers summed) so nothing is
//! optimised away; the totals are printed with the time of the parse.

use std::io::Cursor;
use std::time::Instant;

use calamine::{Data, DataRef, Reader, Xlsx};

#[derive(Default, Debug)]
struct Tally {
    sheets: usize,
    cells: u64,
    non_empty: u64,
    string_bytes: u64,
    number_sum: f64,
}

impl Tally {
    fn touch_ref(&mut self, v: &DataRef<'_>) {
        self.cells += 1;
        match v {
            DataRef::Empty => return,
            DataRef::SharedString(s) => self.string_bytes += s.len() as u64,
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => {
                self.string_bytes += s.len() as u64
            }
            DataRef::Float(f) => self.number_sum += f,
            DataRef::Int(i) => self.number_sum += *i as f64,
            DataRef::DateTime(d) => self.number_sum += d.as_f64(),
            DataRef::Bool(b) => self.number_sum += *b as u8 as f64,
            DataRef::Error(_) => {}
        }
        self.non_empty += 1;
    }

    fn touch(&mut self, v: &Data) {
        self.cells += 1;
        match v {
            Data::Empty => return,
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => self.string_bytes += s.len() as u64,
            Data::Float(f) => self.number_sum += f,
            Data::Int(i) => self.number_sum += *i as f64,
            Data::DateTime(d) => self.number_sum += d.as_f64(),
            Data::Bool(b) => self.number_sum += *b as u8 as f64,
            Data::Error(_) => {}
        }
        self.non_empty += 1;
    }
}

/// Every worksheet through `Xlsx::worksheet_cells_reader`: cells are streamed
/// from the sheet XML one at a time, shared strings borrowed, no grid built.
fn parse_cells(bytes: &[u8]) -> Result<Tally, Box<dyn std::error::Error>> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))?;
    let mut t = Tally::default();
    for name in wb.sheet_names() {
        let mut reader = wb.worksheet_cells_reader(&name)?;
        t.sheets += 1;
        while let Some(cell) = reader.next_cell()? {
            t.touch_ref(cell.get_value());
        }
    }
    Ok(t)
}

/// Every worksheet through `Reader::worksheet_range`: calamine collects the
/// cells, then builds the dense `Range<Data>` (owned strings) that we walk.
fn parse_range(bytes: &[u8]) -> Result<Tally, Box<dyn std::error::Error>> {
    let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))?;
    let mut t = Tally::default();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name)?;
        t.sheets += 1;
        for v in range.used_cells().map(|(_, _, v)| v) {
            t.touch(v);
        }
        // count the dense grid's empty slots too, so `cells` compares with `non_empty`
        t.cells += (range.get_size().0 * range.get_size().1) as u64 - range.used_cells().count() as u64;
    }
    Ok(t)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut mode = "cells".to_string();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--mode" => mode = args.next().unwrap_or_default(),
            "-h" | "--help" => {
                eprintln!("usage: raw_parse FILE.xlsx [--mode cells|range|both]");
                return;
            }
            _ => path = Some(a),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: raw_parse FILE.xlsx [--mode cells|range|both]");
        std::process::exit(2);
    };
    let modes: &[&str] = match mode.as_str() {
        "cells" => &["cells"],
        "range" => &["range"],
        "both" => &["cells", "range"],
        other => {
            eprintln!("unknown --mode {other} (cells, range or both)");
            std::process::exit(2);
        }
    };
    let start = Instant::now();
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(2);
    });
    let read_s = start.elapsed().as_secs_f64();
    for m in modes {
        let t0 = Instant::now();
        let result = if *m == "cells" { parse_cells(&bytes) } else { parse_range(&bytes) };
        let t = result.unwrap_or_else(|e| {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        });
        println!(
            "mode={m} secs={:.3} file_read_secs={read_s:.3} sheets={} cells={} non_empty={} string_bytes={} number_sum={:.1}",
            t0.elapsed().as_secs_f64(),
            t.sheets,
            t.cells,
            t.non_empty,
            t.string_bytes,
            t.number_sum
        );
    }
}
