//! Whole files through the reader (format sniffing, calamine, CSV): never a
//! panic, only data or an input error.
#![no_main]
use complaints::ingest::{ingest, IngestOptions, ReadLimits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("complaints-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("input.xlsx");
    if std::fs::write(&path, data).is_err() {
        return;
    }
    let opts = IngestOptions { limits: ReadLimits { max_inflated_bytes: 50_000_000, max_cells: 200_000 }, ..IngestOptions::default() };
    let _ = ingest(&[path], &opts, |_| {});
});
