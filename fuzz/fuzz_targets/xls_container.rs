//! The `.xls` container (compound file: header, DIFAT, FAT, directory,
//! mini stream) and the BIFF records behind it, through the patched
//! calamine the engine uses: never a panic, never unbounded memory
//! (libFuzzer's -rss_limit_mb catches a chain followed without end).
//! Seed: tests/fixtures/legacy.xls (`fuzz/seeds/xls_container/`).
#![no_main]
use calamine::{Reader, Xls};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(mut wb) = Xls::new(std::io::Cursor::new(data)) else { return };
    for name in wb.sheet_names() {
        if let Ok(range) = wb.worksheet_range(&name) {
            let (h, w) = range.get_size();
            assert!(h.saturating_mul(w) <= 65_536 * 256, "an .xls sheet is at most 65,536 × 256");
        }
        let _ = wb.merge_cells_by_sheet_name(&name);
    }
});
