//! The readers' end of the stream (ingest/stream.rs): what a format reader
//! sends — per sheet its `SheetMeta`, its rows in batches, its end — into a
//! bounded channel, and the layout's word back that a sheet is not wanted.
//! It comes before the readers (they write into it, as into an
//! `io::Write`), so no reader imports a later stage.

use super::cells::Cell;
use super::grid::{Grid, Merge};
use super::source::Format;
use std::sync::mpsc::SyncSender;

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
    /// A text file's delimiter (to show a rejected line as it was written).
    pub delimiter: Option<u8>,
    /// The rows the sheet says it has, when it says (room is reserved for
    /// its records; 0 when unknown).
    pub rows_hint: usize,
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

/// Sends a grid (a sheet of a workbook in `format`, read whole) as rows.
pub fn send_grid(sink: &mut RowSink, grid: Grid, format: Format) {
    sink.send(Msg::Sheet(SheetMeta {
        sheet: grid.sheet,
        first_col: grid.first_col,
        date1904: grid.date1904,
        notes: grid.notes,
        format,
        delimiter: None,
        rows_hint: 0,
    }));
    for (i, cells) in grid.rows.into_iter().enumerate() {
        sink.row((grid.first_row + i as u32, cells));
        if sink.sheet_done() {
            break;
        }
    }
    sink.send(Msg::End(Vec::new()));
}
