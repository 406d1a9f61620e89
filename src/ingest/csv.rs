//! CSV/TXT ledgers: the encoding (decided by evidence, `encoding.rs`),
//! delimiter sniffing, then a grid.

use super::cells::Cell;
pub use super::encoding::TextEncoding as Encoding;
use super::grid::Grid;
use super::sink::{Msg, RowSink};
use super::sink::{Row, SheetMeta};
use super::source::InputError;
use std::borrow::Cow;
use std::path::Path;

/// Decodes the bytes of a text ledger by evidence (see `encoding.rs`).
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    let d = super::encoding::decode(bytes, None);
    (d.text, d.encoding)
}

/// Picks the delimiter among `, ; tab |` that splits the first lines into
/// the same number of fields most often (quotes respected). Only the first
/// 256 KB are looked at (a file's first line can be its whole length).
pub fn sniff_delimiter(text: &str) -> u8 {
    let mut head = text.len().min(256 << 10);
    while !text.is_char_boundary(head) {
        head -= 1;
    }
    let lines = records(&text[..head], 30);
    let mut best = (b',', 0usize, 0usize);
    for delim in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, delim)).collect();
        let Some(mode) = mode_nonzero(&counts) else {
            continue;
        };
        let agreeing = counts.iter().filter(|&&c| c == mode).count();
        if (agreeing, mode) > (best.1, best.2) {
            best = (delim, agreeing, mode);
        }
    }
    best.0
}

/// The first `n` non-blank records of `text`: lines, except that a line
/// break inside a quoted value continues the record (a cell holding
/// `line\nbreak` must not make its record look like two).
fn records(text: &str, n: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let record = text[start..i].trim_end_matches('\r');
                if !record.trim().is_empty() {
                    out.push(record);
                    if out.len() == n {
                        return out;
                    }
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if !text[start..].trim().is_empty() && !quoted {
        out.push(&text[start..]);
    }
    out
}

fn count_outside_quotes(line: &str, delim: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == delim && !quoted
        })
        .count()
}

fn mode_nonzero(counts: &[usize]) -> Option<usize> {
    let mut freq = std::collections::BTreeMap::new();
    for &c in counts.iter().filter(|&&c| c > 0) {
        *freq.entry(c).or_insert(0usize) += 1;
    }
    freq.into_iter().max_by_key(|&(c, n)| (n, c)).map(|(c, _)| c)
}

/// Reads a CSV/TXT ledger into one grid (a CSV is one sheet, named "").
pub fn read_csv(path: &Path, bytes: &[u8], limits: &super::ReadLimits) -> Result<Grid, InputError> {
    let (text, delimiter, notes) = prepare(bytes, limits);
    let mut rows = Vec::new();
    for_each_row(path, &text, delimiter, limits, |(_, cells), _| {
        rows.push(cells);
        true
    })?;
    Ok(Grid { rows, notes, ..Default::default() })
}

/// Reads a CSV/TXT ledger and sends its rows to `sink`.
pub fn stream_csv(path: &Path, bytes: &[u8], limits: &super::ReadLimits, sink: &mut RowSink) -> Result<(), InputError> {
    let (text, delimiter, notes) = prepare(bytes, limits);
    send_rows(path, &text, delimiter, notes, limits, sink, |_| {})
}

/// Sends a decoded text ledger as one sheet; `passed` hears, every 65,536
/// rows, the byte offset the parser has reached.
fn send_rows(
    path: &Path,
    text: &str,
    delimiter: u8,
    notes: Vec<String>,
    limits: &super::ReadLimits,
    sink: &mut RowSink,
    mut passed: impl FnMut(usize),
) -> Result<(), InputError> {
    sink.send(Msg::Merges(false));
    sink.send(Msg::Sheet(SheetMeta { notes, delimiter: Some(delimiter), ..Default::default() }));
    let mut rows = 0usize;
    for_each_row(path, text, delimiter, limits, |row, at| {
        rows += 1;
        if rows.is_multiple_of(65_536) {
            passed(at);
        }
        sink.row(row);
        !sink.sheet_done()
    })?;
    sink.send(Msg::End(Vec::new()));
    Ok(())
}

/// Rows of a mapped file, from the line length of its first 64 KB (a little
/// over, to reserve once).
pub fn estimate_rows(map: &[u8]) -> usize {
    let head = &map[..map.len().min(64 << 10)];
    let lines = head.iter().filter(|&&b| b == b'\n').count().max(1);
    map.len() / (head.len() / lines).max(1) * 9 / 8
}

/// Reads a mapped CSV and sends its rows to `sink`. UTF-8 is checked a
/// chunk at a time and the parser reads in order, so pages behind both are
/// released as they go: the file never sits in memory whole. Other
/// encodings (CP949, mixed) are decoded in memory as usual.
pub fn stream_mapped(
    path: &Path,
    map: &memmap2::Mmap,
    limits: &super::ReadLimits,
    sink: &mut RowSink,
) -> Result<(), InputError> {
    let release = |upto: usize| {
        let upto = upto / 4096 * 4096;
        if upto > 0 {
            // SAFETY: the pages are re-read from the file if touched again;
            // nothing holds a reference into them across this call that
            // relies on their contents changing.
            unsafe {
                let _ = map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, 0, upto);
            }
        }
    };
    let bytes: &[u8] = map;
    // UTF-16 without a BOM and stray NULs are valid UTF-8 byte by byte:
    // decoded in memory, where they are told apart
    if limits.encoding.is_some()
        || super::encoding::utf16_without_bom(bytes).is_some()
        || memchr::memchr(0, bytes).is_some()
    {
        return stream_csv(path, bytes, limits, sink);
    }
    let body_start = if bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let mut start = body_start;
    while start < bytes.len() {
        let mut end = (start + (64 << 20)).min(bytes.len());
        // end the chunk where a character starts (not at a line end: one
        // line can be the whole file)
        while end < bytes.len() && end > start && (bytes[end] & 0xC0) == 0x80 {
            end -= 1;
        }
        if std::str::from_utf8(&bytes[start..end]).is_err() {
            return stream_csv(path, bytes, limits, sink);
        }
        release(end);
        start = end;
    }
    // SAFETY: every chunk was checked above; chunks end where a character
    // starts, so no character spans two of them.
    let text = unsafe { std::str::from_utf8_unchecked(&bytes[body_start..]) };
    let delimiter = sniff_delimiter(text);
    let encoding = if body_start > 0 { Encoding::Utf8Bom } else { Encoding::Utf8 };
    // the parser is past `at`; keep a margin for the blank-line check
    send_rows(path, text, delimiter, vec![note(encoding, delimiter)], limits, sink, |at| {
        release((body_start + at).saturating_sub(1 << 20))
    })
}

/// The decoded text, its delimiter and notes saying how it was read.
fn prepare<'a>(bytes: &'a [u8], limits: &super::ReadLimits) -> (Cow<'a, str>, u8, Vec<String>) {
    let decoded = super::encoding::decode(bytes, limits.encoding);
    let delimiter = sniff_delimiter(&decoded.text);
    let mut notes = vec![note(decoded.encoding, delimiter)];
    notes.extend(decoded.notes);
    (decoded.text, delimiter, notes)
}

/// How a text file was read, for `check`.
fn note(encoding: Encoding, delimiter: u8) -> String {
    let delimiter_name = match delimiter {
        b'\t' => "tab".to_string(),
        d => format!("'{}'", d as char),
    };
    format!("encoding {}, delimiter {delimiter_name}", encoding.label())
}

/// Calls `each` with every row (blank lines included) and the byte offset
/// where it starts, until it returns false.
fn for_each_row(
    path: &Path,
    text: &str,
    delimiter: u8,
    limits: &super::ReadLimits,
    mut each: impl FnMut(Row, usize) -> bool,
) -> Result<(), InputError> {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(LineCap::new(text.as_bytes()));
    let bytes = text.as_bytes();
    let mut row: u32 = 0;
    let mut record = ::csv::StringRecord::new();
    for i in 1.. {
        let more = reader.read_record(&mut record).map_err(|e| {
            if let Some(line) = reader.get_ref().too_long {
                return InputError::new(
                    path,
                    format!("line {line} is longer than {} MB", MAX_LINE_BYTES >> 20),
                    "this is not a ledger export (a spreadsheet row is far shorter): check the file, or re-export it",
                );
            }
            InputError::new(
                path,
                format!("record {i} cannot be read as CSV ({e})"),
                "check the quoting on that line or re-export the file",
            )
        })?;
        if !more {
            break;
        }
        // The csv reader skips blank lines, but a spreadsheet shows them as
        // rows: put them back so row numbers match what the user sees (a
        // quoted line break stays inside its row, as in Excel). The
        // reader's position is where it began looking for the record,
        // before the blank lines it skipped.
        let mut start = record.position().map_or(0, |p| p.byte() as usize).min(text.len());
        if start > 0 && bytes[start - 1] == b'\r' && bytes.get(start) == Some(&b'\n') {
            start += 1; // the rest of the previous record's CRLF
        }
        let blank_lines =
            bytes[start..].iter().take_while(|&&b| b == b'\n' || b == b'\r').filter(|&&b| b == b'\n').count();
        for _ in 0..blank_lines {
            if !each((row, Vec::new()), start) {
                return Ok(());
            }
            row += 1;
        }
        if record.len() as u64 > limits.max_cells {
            return Err(InputError::new(
                path,
                format!("record {i} holds more than {} cells", limits.max_cells),
                "if the file is genuine, raise max_cells in the config's [read] table",
            ));
        }
        let mut cells: Vec<Cell> = record.iter().map(super::cells::text_cell).collect();
        while cells.last().is_some_and(Cell::is_empty) {
            cells.pop();
        }
        if !each((row, cells), start) {
            return Ok(());
        }
        row += 1;
    }
    Ok(())
}

/// The longest line read: a spreadsheet row is far shorter (Excel holds
/// 32,767 characters a cell), and the CSV parser would hold a longer one
/// whole before it could be refused.
pub const MAX_LINE_BYTES: usize = 16 << 20;

/// Hands the text to the CSV parser and stops with an error at a line
/// longer than [`MAX_LINE_BYTES`], before the parser has buffered it.
struct LineCap<'a> {
    rest: &'a [u8],
    /// Bytes since the last line end.
    line_len: usize,
    line: usize,
    /// The 1-based line that was too long.
    too_long: Option<usize>,
}

impl<'a> LineCap<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCap { rest: text, line_len: 0, line: 1, too_long: None }
    }
}

impl std::io::Read for LineCap<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.rest.len());
        let chunk = &self.rest[..n];
        let mut from = 0;
        for end in memchr::memchr_iter(b'\n', chunk) {
            self.line_len += end - from;
            if self.line_len > MAX_LINE_BYTES {
                break;
            }
            self.line_len = 0;
            self.line += 1;
            from = end + 1;
        }
        if self.line_len <= MAX_LINE_BYTES {
            self.line_len += n - from;
        }
        if self.line_len > MAX_LINE_BYTES {
            self.too_long = Some(self.line);
            return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "line too long"));
        }
        buf[..n].copy_from_slice(chunk);
        self.rest = &self.rest[n..];
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_cp949_and_bom() {
        let (cp949, _, _) = encoding_rs::EUC_KR.encode("접수일,고객\n2024-01-05,대원산업\n");
        let (text, enc) = decode(&cp949);
        assert_eq!(enc, Encoding::Cp949);
        assert!(text.starts_with("접수일,고객"));
        let bom = [b"\xEF\xBB\xBF".as_slice(), "접수일".as_bytes()].concat();
        let (text, enc) = decode(&bom);
        assert_eq!((text.as_ref(), enc), ("접수일", Encoding::Utf8Bom));
    }

    #[test]
    fn mixed_encodings_decode_line_by_line() {
        let (cp949, _, _) = encoding_rs::EUC_KR.encode("2024-01-06,한성\n");
        let bytes = [b"2024-01-05,\xEB\x8C\x80\xEC\x9B\x90\n".as_slice(), &cp949].concat();
        let (text, enc) = decode(&bytes);
        assert_eq!(enc, Encoding::Mixed);
        assert_eq!(text, "2024-01-05,대원\n2024-01-06,한성\n");
    }

    #[test]
    fn blank_lines_stay_rows_and_quoted_breaks_stay_in_their_row() {
        for text in
            ["a,b\n\n1,\"x\ny\"\n\n2,z\n", "a,b\r\n\r\n1,\"x\r\ny\"\r\n\r\n2,z\r\n", "\na,b\n\n1,\"x\ny\"\n\n2,z"]
        {
            let g =
                read_csv(Path::new("t.csv"), text.as_bytes(), &super::super::ReadLimits::default()).unwrap_or_default();
            let firsts: Vec<String> = g.rows.iter().map(|r| r.first().map(Cell::display).unwrap_or_default()).collect();
            let expected: &[&str] =
                if text.starts_with('\n') { &["", "a", "", "1", "", "2"] } else { &["a", "", "1", "", "2"] };
            assert_eq!(firsts, expected, "{text:?}");
        }
    }

    #[test]
    fn mapped_files_give_the_rows_of_the_file_read_in_memory() {
        let (cp949, _, _) = encoding_rs::EUC_KR.encode("a,b\n한성,1\n");
        let cases: [&[u8]; 3] =
            [b"\xEF\xBB\xBFa,b\r\n\r\n1,\"x\r\ny\"\r\n\r\n2,z\r\n", "id;고객\n\n1;대원\n2;한성".as_bytes(), &cp949];
        for bytes in cases {
            let dir = tempfile::tempdir().expect("dir");
            let path = dir.path().join("t.csv");
            std::fs::write(&path, bytes).expect("write");
            let file = std::fs::File::open(&path).expect("open");
            // SAFETY: a private temporary file nobody else writes
            let map = unsafe { memmap2::Mmap::map(&file) }.expect("map");
            let (tx, rx) = std::sync::mpsc::sync_channel(1024);
            let mut sink = RowSink::new(tx, Default::default());
            stream_mapped(&path, &map, &super::super::ReadLimits::default(), &mut sink).expect("read");
            drop(sink);
            let mut rows = Vec::new();
            let mut notes = Vec::new();
            for msg in rx {
                match msg {
                    Msg::Rows(batch) => rows.extend(batch.into_iter().map(|(_, cells)| cells)),
                    Msg::Sheet(meta) => notes = meta.notes,
                    _ => {}
                }
            }
            let grid = read_csv(&path, bytes, &super::super::ReadLimits::default()).expect("read in memory");
            assert_eq!(rows, grid.rows);
            assert_eq!(notes, grid.notes);
        }
    }

    #[test]
    fn a_line_longer_than_the_cap_is_refused_before_it_is_buffered() {
        let long = format!("a,b\n1,{}\n", "x".repeat(MAX_LINE_BYTES + 1));
        let err = read_csv(Path::new("t.csv"), long.as_bytes(), &super::super::ReadLimits::default());
        assert!(err.is_err_and(|e| e.message.contains("line 2 is longer than 16 MB")));
        let fits = format!("a,b\n1,{}\n2,y\n", "x".repeat(MAX_LINE_BYTES - 10));
        let grid = read_csv(Path::new("t.csv"), fits.as_bytes(), &super::super::ReadLimits::default());
        assert_eq!(grid.map(|g| g.rows.len()).unwrap_or(0), 3);
    }

    #[test]
    fn sniffs_delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n1\t\"x,y,z\"\n"), b'\t');
        assert_eq!(sniff_delimiter("a|b\n1|2\n"), b'|');
        assert_eq!(sniff_delimiter("a,\"b;c\"\n1,2\n"), b',');
        // a quoted value over two lines, and tabs inside values that are
        // not quoted: the records still agree on the commas
        let text = "id,date,product,type\n1,2024-01-02,\"line\nbreak\",tab\there\n2,2024-01-03,\"two\nlines\",x\n\
                    3,2024-01-04,p,tab\tagain\n";
        assert_eq!(sniff_delimiter(text), b',');
    }
}
