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
    pub fn fill_merged(&mut self, regions: &[Merge]) {
        let (r0, c0) = (self.first_row as usize, self.first_col as usize);
        for m in regions {
            if m.first_row < r0 || m.first_col < c0 {
                continue;
            }
            let (top, left) = (m.first_row - r0, m.first_col - c0);
            let value = self.cell(top, left).clone();
            if value.is_empty() {
                continue;
            }
            let bottom = (m.last_row - r0).min(self.rows.len().saturating_sub(1));
            for row in top..=bottom {
                let cells = &mut self.rows[row];
                let right = m.last_col - c0;
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
        g.fill_merged(&[Merge { first_row: 4, first_col: 0, last_row: 6, last_col: 0 }]);
        assert_eq!(g.cell(1, 0), &t("a"));
        assert_eq!(g.cell(2, 0), &t("a"));
        assert_eq!(g.cell(2, 1), &t("y"));
        assert_eq!(g.excel_row(0), 5);
    }
}
