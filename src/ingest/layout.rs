//! Understanding one sheet: where the header is (one or two rows, anywhere in
//! the first 30), which column is which field, and what each row is — title,
//! header, blank, subtotal, note or data. Data rows become records or rejects.

use super::cells::{normalize_header, normalize_key, normalize_text, Cell};
use super::dates::{parse_date_cell, year_from_name, DateContext, DateParse};
use super::fields::Field;
use super::grid::Grid;
use super::record::{Records, RejectReason};
use super::source::{column_letter, InputError};
use super::{IngestLog, IngestOptions, Reject, Warning};
use serde::Serialize;
use std::collections::BTreeSet;

/// Rows searched for the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// How a column of a ledger sheet was understood.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnReport {
    pub column: String,
    pub header: String,
    pub field: Option<Field>,
    /// Why a column with a known header was left unmapped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Row counts of one sheet by kind. `rows_read` is their sum.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct RowCounts {
    pub rows_read: usize,
    pub title_rows: usize,
    pub header_rows: usize,
    pub blank_rows: usize,
    pub subtotal_rows: usize,
    pub note_rows: usize,
    pub data_rows: usize,
    pub accepted: usize,
    pub rejected: usize,
}

impl RowCounts {
    pub fn add(&mut self, o: &RowCounts) {
        self.rows_read += o.rows_read;
        self.title_rows += o.title_rows;
        self.header_rows += o.header_rows;
        self.blank_rows += o.blank_rows;
        self.subtotal_rows += o.subtotal_rows;
        self.note_rows += o.note_rows;
        self.data_rows += o.data_rows;
        self.accepted += o.accepted;
        self.rejected += o.rejected;
    }
}

/// What `check` prints for one sheet.
#[derive(Debug, Clone, Serialize)]
pub struct SheetReport {
    pub file: String,
    pub sheet: String,
    /// `None` for a ledger sheet, otherwise why the sheet was not read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
    /// Excel row numbers of the header row(s).
    pub header_rows: Vec<u32>,
    pub columns: Vec<ColumnReport>,
    pub counts: RowCounts,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// Column → field resolution for one sheet.
struct Mapper<'a> {
    opts: &'a IngestOptions,
}

impl Mapper<'_> {
    /// The field a header cell names: the user's explicit mapping first,
    /// then the synonyms.
    fn field_of(&self, cell: &Cell) -> Option<Field> {
        let Cell::Text(text) = cell else { return None };
        let key = normalize_header(text);
        if key.is_empty() {
            return None;
        }
        self.explicit_field(&key).or_else(|| self.opts.synonyms.lookup(text))
    }

    fn explicit_field(&self, header_key: &str) -> Option<Field> {
        self.opts.explicit.iter().find(|(_, h)| normalize_header(h) == header_key).map(|(f, _)| *f)
    }

    fn row_fields(&self, row: &[Cell]) -> BTreeSet<Field> {
        row.iter().filter_map(|c| self.field_of(c)).collect()
    }
}

/// What a row after the header is.
#[derive(Debug, PartialEq, Eq)]
enum RowKind {
    Blank,
    Header,
    Subtotal,
    Note,
    Data,
}

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
}

/// Reads one sheet held as a grid (see [`read_rows`]).
pub fn read_sheet(
    grid: &Grid,
    file: &str,
    opts: &IngestOptions,
    records: &mut Records,
    log: &mut IngestLog,
) -> Result<SheetReport, InputError> {
    let meta = SheetMeta {
        sheet: grid.sheet.clone(),
        first_col: grid.first_col,
        date1904: grid.date1904,
        notes: grid.notes.clone(),
    };
    let rows = grid.rows.iter().enumerate().map(|(i, r)| Ok((grid.first_row + i as u32, r.clone())));
    read_rows(&meta, rows, file, opts, records, log)
}

/// Reads one sheet, row by row, into `records`, `log` and a report. Only the
/// first rows are held (to find the header); the rest stream through. A
/// sheet without a header is skipped (reported); a header without a
/// received-date column is an error the user must fix with a mapping.
pub fn read_rows(
    meta: &SheetMeta,
    mut rows: impl Iterator<Item = Result<Row, InputError>>,
    file: &str,
    opts: &IngestOptions,
    records: &mut Records,
    log: &mut IngestLog,
) -> Result<SheetReport, InputError> {
    let mapper = Mapper { opts };
    let mut report = SheetReport {
        file: file.to_string(),
        sheet: meta.sheet.clone(),
        skipped: None,
        header_rows: Vec::new(),
        columns: Vec::new(),
        counts: RowCounts::default(),
        notes: meta.notes.clone(),
    };
    let place = if meta.sheet.is_empty() { String::new() } else { format!(", sheet '{}'", meta.sheet) };

    // The first rows (blank ones included), one more than searched so a
    // second header row below the last searched row is seen.
    let mut first: Option<u32> = None;
    let mut head: Vec<Vec<Cell>> = Vec::new();
    let mut pending: Option<Row> = None;
    for row in rows.by_ref() {
        let (idx, cells) = row?;
        let base = *first.get_or_insert(idx);
        let rel = (idx - base) as usize;
        if rel > HEADER_SEARCH_ROWS {
            pending = Some((idx, cells));
            break;
        }
        head.resize_with(rel, Vec::new);
        head.push(cells);
    }
    let first = first.unwrap_or(0);
    let excel_row = |r: usize| first + r as u32 + 1;
    let cell = |r: usize, col: usize| -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        head.get(r).and_then(|row| row.get(col)).unwrap_or(&EMPTY)
    };

    let scores: Vec<usize> = head.iter().take(HEADER_SEARCH_ROWS).map(|r| mapper.row_fields(r).len()).collect();
    let best = scores.iter().copied().enumerate().max_by_key(|&(i, s)| (s, usize::MAX - i));
    let Some((h, _)) = best.filter(|&(_, s)| s >= 2) else {
        report.skipped = Some(if head.is_empty() {
            meta.notes.first().cloned().unwrap_or_else(|| "empty sheet".to_string())
        } else {
            "no header row in the first 30 rows (not a ledger)".to_string()
        });
        return Ok(report); // the caller skips the rest of the sheet
    };

    // A second header row above or below (a merged parent such as
    // `처리결과` over `완료일 | 조치내용`) joins the header block.
    // It holds text only, no date, and names a field in a column the main
    // header row leaves unnamed, or names two fields itself (a parent row
    // whose merged cells repeat the names below).
    let no_year = DateContext::default();
    let is_continuation = |r: usize| {
        let row = &head[r];
        let text_only = row.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(t) => super::dates::parse_date_text(t, &no_year).is_none(),
            _ => false,
        });
        let names_new_field = row
            .iter()
            .enumerate()
            .any(|(col, c)| mapper.field_of(c).is_some() && mapper.field_of(cell(h, col)).is_none());
        text_only && (names_new_field || mapper.row_fields(row).len() >= 2)
    };
    let mut block = vec![h];
    if h > 0 && is_continuation(h - 1) {
        block.insert(0, h - 1);
    }
    if h + 1 < head.len() && is_continuation(h + 1) {
        block.push(h + 1);
    }
    let (top, bottom) = (block[0], block[block.len() - 1]);

    // Columns: the lower header row names the field when it can; explicit
    // mappings claim their field before synonyms do; one column per field.
    let header_width = block.iter().map(|&r| head[r].len()).max().unwrap_or(0);
    let mut fields: Vec<Option<Field>> = vec![None; header_width];
    let mut claimed: Vec<Option<usize>> = vec![None; Field::ALL.len()];
    let header_names: Vec<String> = (0..header_width)
        .map(|col| {
            let mut texts: Vec<String> = Vec::new();
            for &r in &block {
                let t = normalize_text(&cell(r, col).display());
                if !t.is_empty() && !texts.contains(&t) {
                    texts.push(t);
                }
            }
            texts.join(" / ")
        })
        .collect();
    let candidates: Vec<(Option<Field>, bool)> = (0..header_width)
        .map(|col| {
            for &r in block.iter().rev() {
                let c = cell(r, col);
                if let Cell::Text(t) = c {
                    if let Some(f) = mapper.explicit_field(&normalize_header(t)) {
                        return (Some(f), true);
                    }
                }
                if let Some(f) = mapper.field_of(c) {
                    return (Some(f), false);
                }
            }
            (None, false)
        })
        .collect();
    for explicit_pass in [true, false] {
        for (col, &(field, explicit)) in candidates.iter().enumerate() {
            if let (Some(f), true) = (field, explicit == explicit_pass) {
                if claimed[f as usize].is_none() {
                    claimed[f as usize] = Some(col);
                    fields[col] = Some(f);
                }
            }
        }
    }
    report.header_rows = block.iter().map(|&r| excel_row(r)).collect();

    let Some(received_col) = claimed[Field::ReceivedDate as usize] else {
        // A code list or lookup table names fields too; it is a ledger with
        // an unrecognised date column only when one of its columns holds dates.
        let mut below: Vec<Vec<Cell>> = head.split_off(bottom + 1);
        if let Some((_, cells)) = pending.take() {
            below.push(cells);
        }
        for row in rows.by_ref() {
            below.push(row?.1);
        }
        let width = below.iter().map(Vec::len).max().unwrap_or(0).max(header_width);
        let date_column = (0..width).find(|&col| {
            let cells: Vec<&Cell> = below.iter().filter_map(|r| r.get(col)).filter(|c| !c.is_empty()).collect();
            let dates = cells.iter().filter(|c| matches!(parse_date_cell(c, &no_year), DateParse::Date(_))).count();
            !cells.is_empty() && dates * 2 > cells.len()
        });
        let Some(date_col) = date_column else {
            report.skipped = Some(format!(
                "header-like row {} but no received-date column and no column of dates (not a ledger)",
                excel_row(h)
            ));
            return Ok(report);
        };
        let header = header_names.get(date_col).cloned().unwrap_or_default();
        return Err(InputError::new(
            std::path::Path::new(file),
            format!(
                "{}header row {} has no column recognised as the received date, but column {} ('{}') holds dates",
                if place.is_empty() { String::new() } else { format!("{}: ", &place[2..]) },
                excel_row(h),
                column_letter(meta.first_col as usize + date_col),
                header
            ),
            &format!(
                "if that is the date each complaint was received, run with --map received_date=\"{header}\" (or put it under [columns] in a --config file)"
            ),
        ));
    };

    let ctx = DateContext {
        year_hint: year_from_name(&meta.sheet).or_else(|| year_from_name(file_stem(file))),
        date1904: meta.date1904,
        year_last: opts.year_last,
    };
    let mut sheet = SheetRows {
        file,
        meta,
        opts,
        mapper,
        source: records.add_source(file, &meta.sheet),
        first,
        top,
        bottom,
        row_no_cols: (0..header_width).filter(|&c| fields[c] == Some(Field::RowNo)).collect(),
        fields,
        header_names,
        received_col,
        ctx,
        counts: RowCounts::default(),
        has_data: Vec::new(),
    };
    for (r, cells) in head.iter().enumerate() {
        sheet.row(r, cells, records, log);
    }
    let mut next = head.len();
    for row in pending.into_iter().map(Ok).chain(rows) {
        let (idx, cells) = row?;
        let r = (idx - first) as usize;
        // rows left out between two rows are blank
        sheet.counts.blank_rows += r.saturating_sub(next);
        sheet.row(r, &cells, records, log);
        next = r + 1;
    }
    let counts = &mut sheet.counts;
    counts.rows_read = next;
    debug_assert_eq!(
        counts.rows_read,
        counts.title_rows
            + counts.header_rows
            + counts.blank_rows
            + counts.subtotal_rows
            + counts.note_rows
            + counts.data_rows
    );

    // The columns report: every header column, and unnamed columns that hold data.
    let width = header_width.max(sheet.has_data.len());
    for col in 0..width {
        let (field, _) = candidates.get(col).copied().unwrap_or((None, false));
        let mapped = sheet.fields.get(col).copied().flatten();
        let note = match (field, mapped) {
            (Some(f), None) => claimed[f as usize]
                .map(|c| format!("also looks like {}, which is column {} — ignored", f.name(), column_letter(c))),
            _ => None,
        };
        let header = sheet.header_names.get(col).cloned().unwrap_or_default();
        if header.is_empty() && mapped.is_none() && note.is_none() && !sheet.has_data.get(col).copied().unwrap_or(false)
        {
            continue;
        }
        report.columns.push(ColumnReport {
            column: column_letter(meta.first_col as usize + col),
            header,
            field: mapped,
            note,
        });
    }
    report.counts = sheet.counts;
    Ok(report)
}

/// One ledger sheet being read: what its columns are and what was counted.
struct SheetRows<'a> {
    file: &'a str,
    meta: &'a SheetMeta,
    opts: &'a IngestOptions,
    mapper: Mapper<'a>,
    source: u32,
    first: u32,
    /// Header block, as row numbers relative to the first row.
    top: usize,
    bottom: usize,
    fields: Vec<Option<Field>>,
    header_names: Vec<String>,
    received_col: usize,
    row_no_cols: Vec<usize>,
    ctx: DateContext,
    counts: RowCounts,
    /// Columns holding data below the header.
    has_data: Vec<bool>,
}

impl SheetRows<'_> {
    /// The header text of a column, or its letter.
    fn column_name(&self, c: usize) -> String {
        match self.header_names.get(c) {
            Some(h) if !h.is_empty() => h.clone(),
            _ => column_letter(self.meta.first_col as usize + c),
        }
    }

    /// Classifies row `r` (relative to the first row) and reads it.
    fn row(&mut self, r: usize, row: &[Cell], records: &mut Records, log: &mut IngestLog) {
        let counts = &mut self.counts;
        // Template rows carry only a pre-filled running number: blank too.
        let is_blank = row
            .iter()
            .enumerate()
            .all(|(c, cell)| cell.is_empty() || (self.row_no_cols.contains(&c) && is_running_number(cell)));
        if r < self.top {
            if is_blank {
                counts.blank_rows += 1;
            } else {
                counts.title_rows += 1;
            }
            return;
        }
        if r <= self.bottom {
            counts.header_rows += 1;
            return;
        }
        if self.has_data.len() < row.len() {
            self.has_data.resize(row.len(), false);
        }
        for (c, cell) in row.iter().enumerate() {
            if !self.has_data[c] && !cell.is_empty() {
                self.has_data[c] = true;
            }
        }
        static EMPTY: Cell = Cell::Empty;
        let received_cell = row.get(self.received_col).unwrap_or(&EMPTY);
        let received = parse_date_cell(received_cell, &self.ctx);
        let kind = if is_blank {
            RowKind::Blank
        } else if matches!(received, DateParse::Date(_)) {
            RowKind::Data
        } else if self.mapper.row_fields(row).len() >= 2 {
            RowKind::Header
        } else if is_subtotal(row) {
            RowKind::Subtotal
        } else if is_note(row) {
            RowKind::Note
        } else {
            RowKind::Data
        };
        match kind {
            RowKind::Blank => counts.blank_rows += 1,
            RowKind::Header => counts.header_rows += 1,
            RowKind::Subtotal => counts.subtotal_rows += 1,
            RowKind::Note => counts.note_rows += 1,
            RowKind::Data => {
                counts.data_rows += 1;
                let excel_row = self.first + r as u32 + 1;
                let reason = match received {
                    DateParse::Date(_) => None,
                    DateParse::Blank => Some(RejectReason::MissingReceivedDate),
                    DateParse::Bad => Some(RejectReason::BadReceivedDate(received_cell.display())),
                };
                if let Some(reason) = reason {
                    counts.rejected += 1;
                    let filled: Vec<(usize, &Cell)> = row.iter().enumerate().filter(|(_, c)| !c.is_empty()).collect();
                    log.rejects.push(Reject {
                        file: self.file.to_string(),
                        sheet: self.meta.sheet.clone(),
                        row: excel_row,
                        reason,
                        cells: filled.iter().map(|&(c, cell)| (self.column_name(c), cell.display())).collect(),
                        customer_cell: filled
                            .iter()
                            .position(|&(c, _)| self.fields.get(c) == Some(&Some(Field::Customer))),
                    });
                    return;
                }
                counts.accepted += 1;
                let mut record = records.record(self.source, excel_row);
                for (c, field) in self.fields.iter().enumerate() {
                    let Some(field) = *field else { continue };
                    let Some(cell) = row.get(c).filter(|cell| !cell.is_empty()) else { continue };
                    if let Err(message) = records.set(&mut record, field, cell, &self.ctx, self.opts) {
                        log.warnings.push(Warning {
                            file: self.file.to_string(),
                            sheet: self.meta.sheet.clone(),
                            row: excel_row,
                            column: column_letter(self.meta.first_col as usize + c),
                            field,
                            text: cell.display(),
                            message: message.to_string(),
                        });
                    }
                }
                if record.text[Field::ComplaintId as usize] == 0 {
                    // only rows without an id can be "possible duplicates"
                    record.fingerprint = row_fingerprint(row);
                }
                records.rows.push(record);
            }
        }
    }
}

fn is_running_number(cell: &Cell) -> bool {
    match cell {
        Cell::Number(_) => true,
        Cell::Text(t) => t.trim().chars().all(|c| c.is_ascii_digit()),
        _ => false,
    }
}

/// A hash of every cell of a row, mapped or not, to spot identical rows.
fn row_fingerprint(row: &[Cell]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for cell in row {
        cell.display().hash(&mut hasher);
    }
    hasher.finish()
}

fn file_stem(file: &str) -> &str {
    std::path::Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

/// `합계`, `소계`, `Total` … in the first filled cell, or alone in any cell.
fn is_subtotal(row: &[Cell]) -> bool {
    const ANYWHERE: [&str; 6] = ["합계", "소계", "총계", "누계", "subtotal", "grandtotal"];
    const EXACT: [&str; 4] = ["계", "합", "total", "sum"];
    let texts: Vec<String> = row
        .iter()
        .filter_map(|c| match c {
            Cell::Text(t) => Some(normalize_header(t)),
            _ => None,
        })
        .collect();
    let first = row.iter().find(|c| !c.is_empty()).map(|c| normalize_header(&c.display())).unwrap_or_default();
    ANYWHERE.iter().any(|w| first.contains(w))
        || first.starts_with("total")
        || texts.iter().any(|t| ANYWHERE.contains(&t.as_str()) || EXACT.contains(&t.as_str()))
}

/// A note under the table: `※ 처리기간 10일 이내`, `* note …`, `비고: …`.
fn is_note(row: &[Cell]) -> bool {
    let Some(Cell::Text(first)) = row.iter().find(|c| !c.is_empty()) else {
        return false;
    };
    let t = normalize_key(first);
    ['※', '*', '■', '□', '▶', '☞', '►', '•', '◆', '◇', '☆', '★'].iter().any(|m| t.starts_with(*m))
        || ["note", "주)", "주:", "비고", "참고", "remark"].iter().any(|w| t.starts_with(w))
}

/// Closed/open words in a closed-date or status cell (LEDGER_FORMATS.md):
/// `Some(true)` closed, `Some(false)` open, `None` not a status word.
pub fn status_word(text: &str) -> Option<bool> {
    const CLOSED: [&str; 8] = ["완료", "종결", "처리완료", "조치완료", "closed", "resolved", "done", "complete"];
    const OPEN: [&str; 14] = [
        "접수",
        "처리중",
        "진행중",
        "미결",
        "미완료",
        "보류",
        "대기",
        "open",
        "in progress",
        "pending",
        "n/a",
        "na",
        "assigned",
        "started",
    ];
    let t = normalize_key(text);
    let starts_word =
        |w: &str| t.strip_prefix(w).is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()));
    if CLOSED.iter().any(|w| starts_word(w)) || t == "completed" {
        Some(true)
    } else if t.is_empty() || OPEN.iter().any(|w| starts_word(w)) || super::dates::is_blank_text(&t) {
        Some(false)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_words() {
        assert_eq!(status_word("완료"), Some(true));
        assert_eq!(status_word(" 처리완료 "), Some(true));
        assert_eq!(status_word("Closed with explanation"), Some(true));
        assert_eq!(status_word("완료(회신)"), Some(true));
        assert_eq!(status_word("완료예정"), None);
        assert_eq!(status_word("미완료"), Some(false));
        assert_eq!(status_word("진행중"), Some(false));
        assert_eq!(status_word("In progress"), Some(false));
        assert_eq!(status_word("-"), Some(false));
        assert_eq!(status_word("N/A"), Some(false));
        assert_eq!(status_word("2024-01-05"), None);
    }

    #[test]
    fn subtotals_and_notes() {
        let t = |s: &str| Cell::Text(s.into());
        assert!(is_subtotal(&[Cell::Empty, t("소계"), t("63건")]));
        assert!(is_subtotal(&[t("합 계")]));
        assert!(is_subtotal(&[t("Total"), Cell::Number(5.0)]));
        assert!(is_subtotal(&[t("10월 소계")]));
        assert!(!is_subtotal(&[Cell::Number(1.0), t("대원산업"), t("외관불량")]));
        assert!(is_note(&[t("※ 처리기간 10일 이내")]));
        assert!(!is_note(&[t("(주)한성오토")]));
    }
}
