//! Date parsing: any text, any number, any sheet-name year — never a panic,
//! and a parsed date is always inside the plausible window.
#![no_main]
use complaints::ingest::cells::Cell;
use complaints::ingest::dates::{parse_date_cell, parse_date_text, year_from_name, DateContext, DateParse, YearLastOrder};
use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let year_hint = year_from_name(&text);
    for year_last in [YearLastOrder::Mdy, YearLastOrder::Dmy] {
        for date1904 in [false, true] {
            let ctx = DateContext { year_hint: year_hint.or(Some(2024)), date1904, year_last };
            if let Some(d) = parse_date_text(&text, &ctx) {
                assert!((1950..=2199).contains(&d.year()), "{text:?} → {d}");
            }
            if data.len() >= 8 {
                let n = f64::from_le_bytes(data[..8].try_into().unwrap_or([0; 8]));
                if let DateParse::Date(d) = parse_date_cell(&Cell::Number(n), &ctx) {
                    assert!((1950..=2199).contains(&d.year()), "{n} → {d}");
                }
            }
        }
    }
});
