//! An xlsx worksheet parsed on two cores. Its XML is cut, as it inflates,
//! into parts of about [`PART_BYTES`] at row boundaries; two workers parse
//! the parts (calamine's cells reader over each part, wrapped as
//! `<sheetData>…</sheetData>`) into rows, and the rows go to the sink in the
//! order of the sheet. A few parts are in flight at once, never the sheet.
//!
//! A part starts at a `<row … r="…">` that follows a `</row>`, so its rows
//! are numbered as the whole sheet numbers them and its cells without `r`
//! count from column A. Whatever a part cannot vouch for — a parse error,
//! a row out of order, a row too wide, no row boundary within
//! [`MAX_PART_BYTES`] (a sheet of white space, rows without `r`), a read
//! error — is not reported from the part: the sheet is read again from its
//! start by the sequential reader, the cells already delivered skipped, and
//! the sequential reader reports what it finds (the same error, at the same
//! place, as when a sheet is read in one piece).

use super::sink::{Row, RowSink};
use super::workbook_cells::{RowBuilder, SharedCells};
use calamine::XlsxCellContext;
use std::io::Read;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// A part's size: ~2,000 rows of a 17-column ledger.
pub const PART_BYTES: usize = 2 << 20;

/// A part that finds no row boundary within this size is not cut: the sheet
/// is read sequentially (which streams it in bounded memory).
pub const MAX_PART_BYTES: usize = 64 << 20;

/// Bytes inflated at a time.
const READ_BYTES: u64 = 256 << 10;

const OPEN: &[u8] = b"<sheetData>";
const CLOSE: &[u8] = b"</sheetData>";

/// How the parallel reading of a sheet ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Parts {
    /// Every cell delivered.
    Done,
    /// The sink wants no more rows of the sheet.
    Stopped,
    /// The sheet must be read sequentially from its start, its first
    /// `cells` cells (calamine's cells, empty ones included) skipped: they
    /// have been delivered.
    Sequential { cells: u64 },
}

/// Reads a sheet's XML in parts on two workers; rows go to `sink` through
/// `rows` (which holds the last row, not yet closed, when it returns).
pub fn read_sheet(
    xml: impl Read,
    ctx: XlsxCellContext<'_>,
    rows: &mut RowBuilder,
    sink: &mut RowSink,
    max_cells: u64,
    part_bytes: usize,
) -> Parts {
    std::thread::scope(|scope| {
        let (to_a, from_cutter_a) = sync_channel::<Job>(1);
        let (to_b, from_cutter_b) = sync_channel::<Job>(1);
        let (done_a, parsed_a) = sync_channel(1);
        let (done_b, parsed_b) = sync_channel(1);
        // the buffers of parts delivered, back to the cutter (fresh memory
        // for every part costs page faults)
        let (spare_tx, spare) = sync_channel::<Job>(4);
        for (name, parts, done) in [("parse-1", from_cutter_a, done_a), ("parse-2", from_cutter_b, done_b)] {
            crate::threads::spawn(scope, name, move || parse_parts(ctx, parts, done, max_cells));
        }
        let merger =
            crate::threads::spawn(scope, "parts-merge", move || deliver([parsed_a, parsed_b], rows, sink, spare_tx));
        let cut = cut(xml, [to_a, to_b], &spare, part_bytes);
        // a panic of the merger (none is known) is the sequential reader's to meet
        let delivered = merger.join().unwrap_or(Delivered::Failed { cells: 0 });
        match (cut, delivered) {
            (_, Delivered::Stopped) => Parts::Stopped,
            (_, Delivered::Failed { cells }) | (Cut::Sequential, Delivered::All { cells }) => {
                Parts::Sequential { cells }
            }
            (Cut::Whole | Cut::Stopped, Delivered::All { .. }) => Parts::Done,
        }
    })
}

/// A worker: parses the parts it is given, in turn, and passes on their
/// rows (`None` for a part it cannot vouch for).
fn parse_parts(ctx: XlsxCellContext<'_>, parts: Receiver<Job>, done: SyncSender<Option<Part>>, max_cells: u64) {
    let mut shared = SharedCells::default();
    for job in parts {
        let part = parse_part(ctx, job, &mut shared, max_cells);
        if done.send(part).is_err() {
            break;
        }
    }
}

/// A part's XML, and the (empty) vector its rows go into.
#[derive(Default)]
struct Job {
    xml: Vec<u8>,
    rows: Vec<Row>,
}

/// A part's rows (the last one possibly continued by the next part), the
/// number of cells calamine read from it, and its XML.
struct Part {
    job: Job,
    cells: u64,
}

fn parse_part(ctx: XlsxCellContext<'_>, mut job: Job, shared: &mut SharedCells, max_cells: u64) -> Option<Part> {
    let mut reader = ctx.cells_reader::<std::io::Cursor<&[u8]>>(&job.xml).ok()?;
    let mut builder = RowBuilder::default();
    let rows = &mut job.rows;
    let mut cells = 0;
    while let Some(c) = reader.next_cell().ok()? {
        cells += 1;
        let (at, cell) = shared.positioned(&c);
        builder.add(at, cell, max_cells, &mut |row| rows.push(row)).ok()?;
    }
    rows.extend(builder.finish());
    drop(reader);
    Some(Part { job, cells })
}

/// What the merger delivered.
enum Delivered {
    /// The rows of every part cut, of `cells` cells.
    All {
        cells: u64,
    },
    Stopped,
    /// A part could not be vouched for: the rows of the parts before it
    /// (`cells` cells) are delivered, none of it.
    Failed {
        cells: u64,
    },
}

/// The rows of the parts, in the order of the parts, to the sink.
fn deliver(
    parsed: [Receiver<Option<Part>>; 2],
    rows: &mut RowBuilder,
    sink: &mut RowSink,
    spare: SyncSender<Job>,
) -> Delivered {
    let mut cells = 0;
    for k in 0.. {
        let Ok(part) = parsed[k % 2].recv() else { break };
        let Some(mut part) = part else { return Delivered::Failed { cells } };
        // Rows within a part are in order (the worker checked): only the
        // first can be out of order with the row held before it, and it
        // fails before any row of the part is delivered. The sequential
        // reader reports it, at the same cell.
        let mut emit = |row| sink.row(row);
        for row in part.job.rows.drain(..) {
            if rows.add_row(row, &mut emit).is_err() {
                return Delivered::Failed { cells };
            }
        }
        let _ = spare.try_send(part.job); // (dropped when the cutter has enough)
        if sink.sheet_done() {
            return Delivered::Stopped;
        }
        cells += part.cells;
    }
    Delivered::All { cells }
}

/// How the cutting of a sheet's XML ended.
#[derive(Debug, PartialEq, Eq)]
enum Cut {
    /// Every part sent, the last one ending the sheet's data.
    Whole,
    /// A worker is gone (the merger stopped).
    Stopped,
    /// The XML cannot be cut (see the module's comment): the parts sent so
    /// far stand, the rest is the sequential reader's.
    Sequential,
}

/// Cuts the sheet's XML into parts at row boundaries, as it inflates, and
/// sends them to the two workers in turn. A part is what calamine reads as
/// a sheet: the first one starts with the sheet's own head, the next ones
/// with `<sheetData>`; all but the last end with `</sheetData>`, the last
/// one with the sheet's own end of its data.
fn cut(mut xml: impl Read, workers: [SyncSender<Job>; 2], spare: &Receiver<Job>, part_bytes: usize) -> Cut {
    let capacity = part_bytes.min(MAX_PART_BYTES) + 2 * READ_BYTES as usize;
    let mut part: Vec<u8> = Vec::with_capacity(capacity);
    // the buffers of parts delivered, reused
    let mut spare_rows: Vec<Vec<Row>> = Vec::new();
    let buffer = |spare_rows: &mut Vec<Vec<Row>>| match spare.try_recv() {
        Ok(Job { mut xml, rows }) => {
            spare_rows.push(rows);
            xml.clear();
            xml
        }
        Err(_) => Vec::with_capacity(capacity),
    };
    let mut scan = Scan { part_bytes, ..Scan::default() };
    let mut sent = 0;
    let mut eof = false;
    loop {
        if !eof && (part.len() < part_bytes || scan.wants_more) {
            match (&mut xml).take(READ_BYTES).read_to_end(&mut part) {
                Ok(0) => eof = true,
                Ok(_) => {}
                Err(_) => return Cut::Sequential, // reported by the sequential reader, at its place
            }
            if part.len() < part_bytes && !eof {
                continue;
            }
        }
        let last = match scan.next(&part, eof) {
            Next::Cut(at) => {
                let mut next = buffer(&mut spare_rows);
                next.extend_from_slice(OPEN);
                next.extend_from_slice(&part[at..]);
                part.truncate(at);
                part.extend_from_slice(CLOSE);
                scan = Scan::after(OPEN.len(), part_bytes);
                let job = Job { xml: std::mem::replace(&mut part, next), rows: spare_rows.pop().unwrap_or_default() };
                if workers[sent % 2].send(job).is_err() {
                    return Cut::Stopped;
                }
                sent += 1;
                continue;
            }
            Next::End(at) => {
                part.truncate(at);
                part.extend_from_slice(b"sheetData>");
                true
            }
            Next::Eof => true,
            Next::More if part.len() > MAX_PART_BYTES => return Cut::Sequential,
            Next::More => false,
        };
        if last {
            let job = Job { xml: part, rows: spare_rows.pop().unwrap_or_default() };
            return if workers[sent % 2].send(job).is_ok() { Cut::Whole } else { Cut::Stopped };
        }
    }
}

/// Where the search for the end of a part has got to, in the part's bytes.
#[derive(Debug, Default)]
struct Scan {
    /// Where the sheet's data starts (after `<sheetData>`), once found.
    body: usize,
    /// Searched for the end of the data up to here.
    end_from: usize,
    /// Searched for a row to cut before up to here.
    row_from: usize,
    /// The last search needs more bytes to decide.
    wants_more: bool,
    /// The size from which a part is cut.
    part_bytes: usize,
}

/// What a part's bytes so far allow.
#[derive(Debug, PartialEq, Eq)]
enum Next {
    /// Cut before this byte (the `<` of a row).
    Cut(usize),
    /// The sheet's data ends at this byte (the `s` of `</sheetData>`).
    End(usize),
    /// The bytes end the sheet: the part is the last one as it is.
    Eof,
    /// Read more.
    More,
}

impl Scan {
    fn next(&mut self, part: &[u8], eof: bool) -> Next {
        self.wants_more = false;
        let finder = |needle: &'static [u8], from: usize| memchr::memmem::find(&part[from..], needle).map(|i| from + i);
        if self.body == 0 {
            match finder(OPEN, 0) {
                Some(at) => *self = Scan::after(at + OPEN.len(), self.part_bytes),
                None if eof => return Next::Eof,
                None => return self.more(),
            }
        }
        // The data's end (or the word anywhere in the data, which then ends
        // the part early: calamine's error on it sends the sheet to the
        // sequential reader).
        let end = finder(b"sheetData", self.end_from);
        self.end_from = part.len().saturating_sub(8).max(self.end_from);
        let mut from = self.row_from.max(self.part_bytes.min(part.len()));
        while let Some(at) = finder(b"<row", from) {
            if end.is_some_and(|end| end < at) {
                break;
            }
            match row_cut(part, at, self.body) {
                Some(true) => return Next::Cut(at),
                Some(false) => from = at + 4,
                None => {
                    self.row_from = at;
                    return match end {
                        Some(end) => Next::End(end),
                        None if eof => Next::Eof,
                        None => self.more(),
                    };
                }
            }
        }
        self.row_from = part.len().saturating_sub(3).max(from);
        match end {
            Some(end) => Next::End(end),
            None if eof => Next::Eof,
            None => self.more(),
        }
    }

    /// The search in a part whose data starts at `body`.
    fn after(body: usize, part_bytes: usize) -> Scan {
        Scan { body, end_from: body, row_from: body, wants_more: false, part_bytes }
    }

    fn more(&mut self) -> Next {
        self.wants_more = true;
        Next::More
    }
}

/// Whether the sheet can be cut before the `<row` at `at`: a row tag whose
/// first attribute is `r` (as every writer puts it), right after the
/// `</row>` of the row before (white space between). `None` when the tag's
/// end is not read yet.
fn row_cut(part: &[u8], at: usize, body: usize) -> Option<bool> {
    let tag_end = memchr::memchr(b'>', &part[at..])? + at;
    let tag = &part[at + 4..tag_end];
    let attrs = tag.trim_ascii_start();
    let has_r = attrs.len() < tag.len() && (attrs.starts_with(b"r=\"") || attrs.starts_with(b"r='"));
    let before = part[body..at].trim_ascii_end();
    Some(has_r && before.ends_with(b"</row>"))
}
