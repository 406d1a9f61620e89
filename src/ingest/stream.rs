//! Reading a file on one core while its rows are understood on the other:
//! the format reader sends rows in batches over a bounded channel, the
//! layout reads them as they come. Only the first rows of a sheet are held
//! (to find the header), except in a workbook with merged cells, whose
//! sheets are held whole until the merged regions are known.

use super::cells::Cell;
use super::grid::{Grid, Merge};
use super::sink::{Msg, Row};
use super::source::InputError;
use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::Receiver;

/// Rows below the header looked at to propose columns when the received
/// date is not recognised.
const PROPOSAL_SAMPLE_ROWS: usize = 500;

/// Rows searched for the header (see `header.rs`).
pub const SEARCH_ROWS: usize = 30;

/// The first rows of a sheet (blank ones included, counted from the first
/// row that holds anything), one more than searched so a second header row
/// below the last searched row is seen; and the row after them, if any.
pub type Head = (u32, Vec<Vec<Cell>>, Option<Row>);

pub fn read_head(rows: &mut impl Iterator<Item = Result<Row, InputError>>) -> Result<Head, InputError> {
    let mut first: Option<u32> = None;
    let mut head: Vec<Vec<Cell>> = Vec::new();
    for row in rows.by_ref() {
        let (idx, cells) = row?;
        let base = *first.get_or_insert(idx);
        let rel = (idx - base) as usize;
        if rel > SEARCH_ROWS {
            return Ok((base, head, Some((idx, cells))));
        }
        head.resize_with(rel, Vec::new);
        head.push(cells);
    }
    Ok((first.unwrap_or(0), head, None))
}

/// The rows below the header (from row `body` of the head) and up to
/// `PROPOSAL_SAMPLE_ROWS` more of the stream, to propose columns from.
pub fn sample_below(
    head: &mut Vec<Vec<Cell>>,
    pending: &mut Option<Row>,
    rows: &mut impl Iterator<Item = Result<Row, InputError>>,
    body: usize,
) -> Result<Vec<Vec<Cell>>, InputError> {
    let mut below: Vec<Vec<Cell>> = head.split_off(body.min(head.len()));
    below.extend(pending.take().map(|(_, cells)| cells));
    for row in rows.by_ref().take(PROPOSAL_SAMPLE_ROWS) {
        below.push(row?.1);
    }
    Ok(below)
}

/// The rows of the current sheet on the layout's side of the channel.
pub struct SheetRows<'a> {
    rx: &'a Receiver<Msg>,
    /// Whether the file has merged cells, once known.
    merges: &'a mut Option<bool>,
    ready: VecDeque<Row>,
    /// Rows held until the merged regions are known.
    held: Vec<Row>,
    held_cells: u64,
    ended: bool,
    path: &'a Path,
    sheet: String,
    max_cells: u64,
}

impl<'a> SheetRows<'a> {
    pub fn new(
        rx: &'a Receiver<Msg>,
        merges: &'a mut Option<bool>,
        path: &'a Path,
        sheet: &str,
        max_cells: u64,
    ) -> Self {
        SheetRows {
            rx,
            merges,
            ready: VecDeque::new(),
            held: Vec::new(),
            held_cells: 0,
            ended: false,
            path,
            sheet: sheet.to_string(),
            max_cells,
        }
    }

    /// Reads what is left of the sheet (after an error or a skipped sheet).
    pub fn finish(mut self) {
        while !self.ended {
            self.receive_one();
        }
    }

    /// Takes one message off the channel.
    fn receive_one(&mut self) -> Option<InputError> {
        match self.rx.recv() {
            Err(_) => self.ended = true, // the reader stopped; it reports why
            Ok(Msg::Rows(batch)) => {
                if *self.merges == Some(false) {
                    self.ready.extend(batch);
                } else {
                    self.held_cells += batch.iter().map(|(_, cells)| cells.len() as u64 + 1).sum::<u64>();
                    self.held.extend(batch);
                    if self.held_cells > self.max_cells {
                        self.ended = true;
                        return Some(super::source::too_many_cells(self.path, &self.sheet, self.max_cells));
                    }
                }
            }
            Ok(Msg::Merges(any)) => {
                *self.merges = Some(any);
                if !any {
                    self.ready.extend(self.held.drain(..));
                }
            }
            Ok(Msg::End(merges)) => {
                self.ended = true;
                if !self.held.is_empty() {
                    let held = std::mem::take(&mut self.held);
                    match fill_merged(held, &merges, self.max_cells) {
                        Ok(rows) => self.ready.extend(rows),
                        Err(cells) => {
                            return Some(super::source::merged_too_many(self.path, &self.sheet, cells, self.max_cells))
                        }
                    }
                }
            }
            // a reader never starts a sheet before ending the last one
            Ok(Msg::Sheet(_) | Msg::Skipped(..)) => self.ended = true,
        }
        None
    }
}

impl Iterator for SheetRows<'_> {
    type Item = Result<Row, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.ready.pop_front() {
                return Some(Ok(row));
            }
            if self.ended {
                return None;
            }
            if let Some(e) = self.receive_one() {
                return Some(Err(e));
            }
        }
    }
}

/// Fills merged regions into rows held whole (rows left out become blank
/// rows); `Err` with the cells they would make (see [`Grid::fill_merged`]).
fn fill_merged(held: Vec<Row>, merges: &[Merge], max_cells: u64) -> Result<Vec<Row>, u64> {
    if merges.is_empty() {
        return Ok(held);
    }
    let first_row = held[0].0;
    let mut grid = Grid { first_row, ..Default::default() };
    for (idx, cells) in held {
        let r = (idx - first_row) as usize;
        grid.rows.resize_with(r, Vec::new);
        grid.rows.push(cells);
    }
    grid.fill_merged(merges, max_cells)?;
    Ok(grid.rows.into_iter().enumerate().map(|(i, cells)| (first_row + i as u32, cells)).collect())
}
