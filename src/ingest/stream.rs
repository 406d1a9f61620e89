//! Reading a file on one core while its rows are understood on the other:
//! the format reader sends rows in batches over a bounded channel, the
//! layout reads them as they come. Only the first rows of a sheet are held
//! (to find the header), except in a workbook with merged cells, whose
//! sheets are held whole until the merged regions are known.

use super::cells::Cell;
use super::grid::{Grid, Merge};
use super::source::{Format, InputError};
use std::collections::VecDeque;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender};

/// A sheet's rows as the readers deliver them: 0-based sheet row and its
/// cells from column `first_col`. Rows in order; rows left out are blank.
pub type Row = (u32, Vec<Cell>);

/// Where a sheet's rows come from.
#[derive(Debug, Clone, Default)]
pub struct SheetMeta {
    /// Sheet name; empty for a CSV file.
    pub sheet: String,
    /// 0-based sheet column of each row's first cell.
    pub first_col: u32,
    /// The workbook counts serials from 1904.
    pub date1904: bool,
    /// Notes about how the sheet was read (encoding, delimiter).
    pub notes: Vec<String>,
    /// The file's format (a CSV or Parquet table is one sheet without a name).
    pub format: Format,
}

/// Rows per message: large enough that the channel costs nothing per row.
const BATCH: usize = 512;

/// What a reader sends, in order: per sheet `Sheet`, `Rows`…, `End`;
/// `Merges` once per file, anywhere.
#[derive(Debug)]
pub enum Msg {
    Sheet(SheetMeta),
    Rows(Vec<Row>),
    /// End of the current sheet, with its merged regions (sheet coordinates)
    /// when the file has any.
    End(Vec<Merge>),
    /// Whether the file has merged cells at all.
    Merges(bool),
    /// A sheet that is not read: (name, why).
    Skipped(String, String),
}

/// The reader's end of the channel. A failed send means the layout side
/// stopped (it reports its own error), so the reader stops too.
pub struct RowSink {
    tx: SyncSender<Msg>,
    batch: Vec<Row>,
    pub stopped: bool,
    /// Sheets started so far (1 = the first).
    sheet_no: u32,
    skip: SkipSignal,
}

/// The layout's word to the reader that it needs no more rows of a sheet
/// (one that is not a ledger): the number of that sheet, 0 for none.
#[derive(Debug, Clone, Default)]
pub struct SkipSignal(std::sync::Arc<std::sync::atomic::AtomicU32>);

impl SkipSignal {
    pub fn skip(&self, sheet_no: u32) {
        self.0.store(sheet_no, std::sync::atomic::Ordering::Relaxed);
    }

    fn is(&self, sheet_no: u32) -> bool {
        self.0.load(std::sync::atomic::Ordering::Relaxed) == sheet_no
    }
}

impl RowSink {
    pub fn new(tx: SyncSender<Msg>, skip: SkipSignal) -> Self {
        RowSink { tx, batch: Vec::with_capacity(BATCH), stopped: false, sheet_no: 0, skip }
    }

    /// No more rows of the current sheet are wanted: the layout stopped,
    /// or it skips the sheet (the reader goes on with the next one).
    pub fn sheet_done(&self) -> bool {
        self.stopped || self.skip.is(self.sheet_no)
    }

    pub fn sender(&self) -> SyncSender<Msg> {
        self.tx.clone()
    }

    pub fn send(&mut self, msg: Msg) {
        self.flush();
        if let Msg::Sheet(_) = msg {
            self.sheet_no += 1;
        }
        if !self.stopped && self.tx.send(msg).is_err() {
            self.stopped = true;
        }
    }

    pub fn row(&mut self, row: Row) {
        if self.skip.is(self.sheet_no) {
            return;
        }
        self.batch.push(row);
        if self.batch.len() >= BATCH {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.batch.is_empty() {
            return;
        }
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        if !self.stopped && self.tx.send(Msg::Rows(batch)).is_err() {
            self.stopped = true;
        }
    }
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

/// Sends a grid (a sheet of a workbook in `format`, read whole) as rows.
pub fn send_grid(sink: &mut RowSink, grid: Grid, format: Format) {
    sink.send(Msg::Sheet(SheetMeta {
        sheet: grid.sheet,
        first_col: grid.first_col,
        date1904: grid.date1904,
        notes: grid.notes,
        format,
    }));
    for (i, cells) in grid.rows.into_iter().enumerate() {
        sink.row((grid.first_row + i as u32, cells));
        if sink.sheet_done() {
            break;
        }
    }
    sink.send(Msg::End(Vec::new()));
}
