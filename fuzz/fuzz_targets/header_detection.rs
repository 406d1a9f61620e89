//! Header detection and row classification on arbitrary grids (read from
//! the bytes as CSV): never a panic, and the row counts always add up.
#![no_main]
use complaints::ingest::csv::read_csv;
use complaints::ingest::layout::read_sheet;
use complaints::ingest::{IngestLog, IngestOptions, ReadLimits};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let limits = ReadLimits { max_inflated_bytes: 1 << 30, max_cells: 100_000 };
    let Ok(grid) = read_csv(Path::new("fuzz.csv"), data, &limits) else { return };
    let opts = IngestOptions::default();
    let mut records = complaints::ingest::record::Records::new();
    let mut log = IngestLog::default();
    if let Ok(report) = read_sheet(&grid, "fuzz.csv", &opts, &mut records, &mut log) {
        let c = &report.counts;
        assert_eq!(c.rows_read, c.title_rows + c.header_rows + c.blank_rows + c.subtotal_rows + c.note_rows + c.data_rows);
        assert_eq!(c.data_rows, c.accepted + c.rejected);
        assert_eq!(records.len(), c.accepted);
        assert_eq!(log.rejects.len(), c.rejected);
    }
});
