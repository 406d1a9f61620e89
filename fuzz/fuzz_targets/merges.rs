//! Merged-region filling and sheet dimensions on arbitrary grids and
//! regions (what a workbook declares, not what it holds): never a panic,
//! nothing filled when the fill is refused, and an accepted fill adds no
//! more cells than it counted (bounded by max_cells).
#![no_main]
use complaints::ingest::cells::Cell;
use complaints::ingest::grid::{Grid, Merge};
use libfuzzer_sys::fuzz_target;

// small enough for ~10k executions a second: the bound is what is tested,
// not its size
const MAX_CELLS: u64 = 10_000;

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    // header: first row, first column, then rows described by one byte each
    // (its low bits = row width, 0 = empty row), then regions of 8 bytes
    let first_row = u32::from(data[0]);
    let first_col = u32::from(data[1]);
    let n_rows = usize::from(data[2]).min(64) * 2;
    let mut rest = &data[3..];
    let mut rows = Vec::with_capacity(n_rows);
    for i in 0..n_rows {
        let width = rest.get(i % rest.len().max(1)).map_or(0, |b| usize::from(b & 0x1f));
        rows.push((0..width).map(|c| if (c + i) % 3 == 0 { Cell::Empty } else { Cell::Text("v".into()) }).collect());
    }
    let mut grid = Grid { rows, first_row, first_col, ..Default::default() };
    let mut regions = Vec::new();
    while rest.len() >= 8 && regions.len() < 64 {
        let n = |i: usize| u16::from_le_bytes([rest[i], rest[i + 1]]) as usize;
        let (r0, c0, r1, c1) = (n(0), n(2) % 16_384, n(4), n(6) % 16_384);
        regions.push(Merge { first_row: r0.min(r1), first_col: c0.min(c1), last_row: r0.max(r1), last_col: c0.max(c1) });
        rest = &rest[8..];
    }
    let before: u64 = grid.rows.iter().map(|r| r.len() as u64).sum();
    let snapshot = grid.rows.clone();
    match grid.fill_merged(&regions, MAX_CELLS) {
        Ok(()) => {
            let after: u64 = grid.rows.iter().map(|r| r.len() as u64).sum();
            assert!(after <= MAX_CELLS.max(before), "{before} -> {after}");
            assert_eq!(grid.rows.len(), snapshot.len(), "no row is added");
        }
        Err(counted) => {
            let added = counted - before;
            assert!(counted > MAX_CELLS || added > before * 4 + 1_000_000, "refused {counted} ({before} held)");
            assert_eq!(grid.rows, snapshot, "a refused fill changes nothing");
        }
    }
});
