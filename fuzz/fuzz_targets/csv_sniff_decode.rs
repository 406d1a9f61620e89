//! CSV decoding (UTF-8/BOM/UTF-16/CP949/mixed), delimiter sniffing and
//! reading: never a panic, whatever the bytes.
#![no_main]
use complaints::ingest::csv::{decode, read_csv, sniff_delimiter};
use complaints::ingest::ReadLimits;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let (text, _) = decode(data);
    let d = sniff_delimiter(&text);
    assert!([b',', b';', b'\t', b'|'].contains(&d));
    let limits = ReadLimits { max_inflated_bytes: 1 << 30, max_cells: 100_000 };
    let _ = read_csv(Path::new("fuzz.csv"), data, &limits);
});
