//! A sheet as a rectangle of cells with its position in the workbook, the
//! common form every file format is read into.

use super::cells::Cell;

/// One sheet (or one CSV file) of cells, merged regions already filled.
#[derive(Debug, Clone, Default)]
pub struct Grid {
    /// Sheet name; empty for a CSV file.
    pub sheet: String,
    /// Cells row by row; rows may be shorter than the widest row.
    pub rows: Vec<Vec<Cell>>,
    /// 0-based sheet row of `rows[0]` (Excel shows it as `first_row + 1`).
    pub first_row: u32,
    /// 0-based sheet column of each row's first cell.
    pub first_col: u32,
    /// The workbook counts serials from 1904.
    pub date1904: bool,
    /// Notes about how the sheet was read (encoding, delimiter).
    pub notes: Vec<String>,
}

/// A merged region in grid coordinates (inclusive), value at the top left.
#[derive(Debug, Clone, Copy)]
pub struct Merge {
    pub first_row: usize,
    pub first_col: usize,
    pub last_row: usize,
    pub last_col: usize,
}

impl Grid {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        self.rows.get(row).and_then(|r| r.get(col)).unwrap_or(&EMPTY)
    }

    pub fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// The row number Excel shows for grid row `row`.
    pub fn excel_row(&self, row: usize) -> u32 {
        self.first_row + row as u32 + 1
    }

    /// Copies the value of each merged region's top-left cell into the
    /// region's other cells, so a customer merged over three rows is the
    /// customer of all three. Regions are in sheet coordinates.
    ///
    /// A region fills only the rows that hold something of their own (a
    /// value merged down over empty rows leaves them empty), clipped to the
    /// widest row (columns where no row has a value of its own hold nothing
    /// to read). The cells the fills would add are counted before any is
    /// made: more than `max_cells` in all, or far more than the sheet holds
    /// (a 5 KB file can declare `C2:XFD300000`), is `Err` with that count.
    pub fn fill_merged(&mut self, regions: &[Merge], max_cells: u64) -> Result<(), u64> {
        let (r0, c0) = (self.first_row as usize, self.first_col as usize);
        let width = self.width();
        let held: u64 = self.rows.iter().map(|r| r.len() as u64).sum();
        // rows with content before row i: any region's rows counted at once
        let has_content: Vec<bool> = self.rows.iter().map(|r| r.iter().any(|c| !c.is_empty())).collect();
        let mut before = Vec::with_capacity(self.rows.len() + 1);
        before.push(0u64);
        for &c in &has_content {
            before.push(before[before.len() - 1] + u64::from(c));
        }
        let clipped: Vec<(usize, usize, usize, usize)> = regions
            .iter()
            .filter(|m| m.first_row >= r0 && m.first_col >= c0 && m.first_col - c0 < width)
            .filter(|m| m.first_row - r0 < self.rows.len())
            .map(|m| {
                let bottom = (m.last_row - r0).min(self.rows.len() - 1);
                let right = (m.last_col - c0).min(width - 1);
                (m.first_row - r0, m.first_col - c0, bottom, right)
            })
            .collect();
        // a row can grow to the region's right edge: count that (an upper bound)
        let added: u64 = clipped
            .iter()
            .map(|&(top, _, bottom, right)| (before[bottom + 1] - before[top]) * (right as u64 + 1))
            .fold(0, u64::saturating_add);
        if held.saturating_add(added) > max_cells || added > held.saturating_mul(4).saturating_add(1_000_000) {
            return Err(held.saturating_add(added));
        }
        for (top, left, bottom, right) in clipped {
            let value = self.cell(top, left).clone();
            if value.is_empty() {
                continue;
            }
            for row in (top..=bottom).filter(|&r| has_content[r]) {
                let cells = &mut self.rows[row];
                if cells.len() <= right {
                    cells.resize(right + 1, Cell::Empty);
                }
                for cell in &mut cells[left..=right] {
                    if cell.is_empty() {
                        *cell = value.clone();
                    }
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merged_values_fill_the_region() {
        let t = |s: &str| Cell::Text(s.into());
        let mut g = Grid {
            rows: vec![vec![t("a"), t("x")], vec![Cell::Empty], vec![Cell::Empty, t("y")]],
            first_row: 4,
            ..Default::default()
        };
        assert!(g.fill_merged(&[Merge { first_row: 4, first_col: 0, last_row: 6, last_col: 0 }], 100).is_ok());
        assert_eq!(g.cell(1, 0), &Cell::Empty, "a row with nothing of its own stays blank");
        assert_eq!(g.cell(2, 0), &t("a"));
        assert_eq!(g.cell(2, 1), &t("y"));
        assert_eq!(g.excel_row(0), 5);
    }

    #[test]
    fn merges_are_clipped_and_counted_before_they_are_filled() {
        let t = |s: &str| Cell::Text(s.into());
        // a value in C2 merged to XFD300000, and one row far below
        let mut rows = vec![vec![Cell::Empty, Cell::Empty, t("x")]];
        rows.resize_with(299_998, Vec::new);
        rows.push(vec![t("last")]); // row 300000 (0-based 299999)
        let mut g = Grid { rows, first_row: 1, ..Default::default() };
        let huge = Merge { first_row: 1, first_col: 2, last_row: 299_999, last_col: 16_383 };
        // clipped to column C (the widest row) and to the two rows with
        // content: 2 cells, not 4.9 billion; the empty rows stay empty
        assert!(g.fill_merged(&[huge], 50_000_000).is_ok());
        assert!(g.rows[5].is_empty());
        assert_eq!(g.rows[299_998], vec![t("last"), Cell::Empty, t("x")]);
        // counted before filling: a region far larger than the sheet is
        // refused, and over max_cells too; nothing is made
        let mut wide = Grid { rows: vec![vec![t("x"); 3]; 200], ..Default::default() };
        wide.rows[1] = vec![t("y"); 16_384];
        let bomb = Merge { first_row: 0, first_col: 0, last_row: 199, last_col: 16_383 };
        assert_eq!(wide.clone().fill_merged(&[bomb], 50_000_000), Err(16_384 + 199 * 3 + 200 * 16_384));
        // (each row counted up to the region's right edge)
        assert!(wide.fill_merged(&[bomb], 1_000).is_err());
        assert_eq!(wide.rows[0].len(), 3, "nothing was filled");
        // a title merged across the table and a customer over three rows are fine
        let mut g = Grid { rows: vec![vec![t("title")], vec![t("a"), t("b"), t("c")]], ..Default::default() };
        let title = Merge { first_row: 0, first_col: 0, last_row: 0, last_col: 40 };
        assert!(g.fill_merged(&[title], 100).is_ok());
        assert_eq!(g.rows[0].len(), 3, "clipped to the widest row");
    }
}
