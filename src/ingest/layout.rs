//! Understanding one sheet: where the header is and which column is which
//! field (`header.rs`), what each row is — title, header, blank, subtotal,
//! note or data — and the data rows as records or rejects. The day/month
//! order of each date column is decided from the column's own values once
//! the sheet is read.

use super::cells::Cell;
use super::dates::{
    decide_order, parse_date_cell, year_from_name, DateContext, DateParse, OrderEvidence, YearLastOrder,
};
use super::fields::{Field, FieldKind};
use super::grid::Grid;
use super::header::{self, Header, Mapper, Mapping};
use super::informative::{self, Contender, INFORMATIVE_FIELDS};
use super::profile::{Profile, SourceChoice};
use super::propose::{self, Proposal, Sampler, KEY_FIELDS};
use super::record::{IngestLog, Records, Reject, RejectReason, Warning};
use super::row_kind::{is_footer, is_note, is_running_number, is_subtotal, row_fingerprint};
pub use super::sheet_report::{header_columns, ColumnReport, DateOrderReport, RowCounts, SheetReport, SourceReport};
use super::sink::{Row, SheetMeta};
use super::source::{column_letter, Format, InputError};
use super::stream::{read_head, sample_below};
use super::IngestOptions;

/// What a row after the header is.
#[derive(Debug, PartialEq, Eq)]
enum RowKind {
    Blank,
    Header,
    Subtotal,
    Note,
    Data,
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
        format: Format::Text,
        delimiter: None,
        rows_hint: 0,
    };
    let rows = grid.rows.iter().enumerate().map(|(i, r)| Ok((grid.first_row + i as u32, r.clone())));
    read_rows(&meta, rows, file, opts, records, log)
}

/// One-text rows held as a possible closing block at most.
const MAX_HELD_TAIL: usize = 50;

/// Reads one sheet, row by row, into `records`, `log` and a report. Only the
/// first rows are held (to find the header); the rest stream through. A
/// sheet without a header is skipped (reported; the caller skips the rest
/// of its rows). A sheet without a recognised received-date column that
/// holds a column of dates is not read either, but its report carries the
/// columns to propose for every key field (the caller stops or goes on).
pub fn read_rows(
    meta: &SheetMeta,
    mut rows: impl Iterator<Item = Result<Row, InputError>>,
    file: &str,
    opts: &IngestOptions,
    records: &mut Records,
    log: &mut IngestLog,
) -> Result<SheetReport, InputError> {
    let mut report = SheetReport::new(file, meta);
    let (first, mut head, mut pending) = read_head(&mut rows)?;
    let excel_row = |r: usize| first + r as u32 + 1;

    // The system the export comes from, by its header (or as named).
    let profile = match &opts.source {
        SourceChoice::Named(name) => opts.profiles.iter().find(|p| &p.name == name), // `ledger`: none
        SourceChoice::Auto => {
            opts.profiles.iter().find(|p| head.iter().take(header::SEARCH_ROWS).any(|row| p.matches(row)))
        }
    };
    report.source = profile.map(|p| SourceReport {
        name: p.name.clone(),
        title: p.title.clone(),
        forced: opts.source != SourceChoice::Auto,
    });
    let mapper = Mapper { opts, synonyms: profile.map_or(&opts.synonyms, |p| &p.synonyms), first_col: meta.first_col };
    let ctx = DateContext {
        year_hint: year_from_name(&meta.sheet).or_else(|| year_from_name(file_stem(file))),
        date1904: meta.date1904,
        year_last: opts.year_last.or(profile.and_then(|p| p.year_last)).unwrap_or_default(),
    };
    let Some(header) = header::find(&head, &mapper) else {
        // No row of known names: a column of dates still makes it a ledger
        // whose columns nobody named (or a file without a header row).
        let header = header::unnamed(&head, &ctx);
        let empty = head.is_empty();
        let sample = sample_below(&mut head, &mut pending, &mut rows, header.body())?;
        report.proposal = propose::propose_unread(&header, &sample, &ctx, meta.first_col, &Mapping::default());
        report.skipped = Some(match (&report.proposal, empty) {
            (Some(_), _) if header.rows.is_empty() => {
                "no header row; no column is recognised as the received date".into()
            }
            (Some(_), _) => {
                format!("no column of header row {} is recognised as the received date", excel_row(header.top()))
            }
            (None, true) => meta.notes.first().cloned().unwrap_or_else(|| "empty sheet".to_string()),
            (None, false) => format!("no header row in the first {} rows (not a ledger)", header::SEARCH_ROWS),
        });
        return Ok(report);
    };
    report.header_rows = header.rows.iter().map(|&r| excel_row(r)).collect();
    let sample: Vec<&[Cell]> = head.iter().skip(header.body()).map(Vec::as_slice).collect();
    let mapping = header::claim(&header, &sample, &ctx, meta.first_col);

    let Some(received_col) = mapping.claimed[Field::ReceivedDate as usize] else {
        // A code list or lookup table names fields too; it is a ledger with
        // an unrecognised date column only when one of its columns holds dates.
        let sample = sample_below(&mut head, &mut pending, &mut rows, header.body())?;
        report.proposal = propose::propose_unread(&header, &sample, &ctx, meta.first_col, &mapping);
        report.columns = header_columns(&header, &mapping, meta.first_col);
        report.skipped = Some(if report.proposal.is_some() {
            format!(
                "no column of header row {} is recognised as the received date",
                excel_row(header.body().max(1) - 1)
            )
        } else {
            format!(
                "header-like row {} but no received-date column and no column of dates (not a ledger)",
                excel_row(header.top())
            )
        });
        return Ok(report);
    };

    let max_fields = meta.delimiter.and_then(|_| header::max_fields(&header, &head));
    records.reserve(meta.rows_hint, mapping.claimed[Field::ComplaintId as usize].is_some());
    let mut sheet = SheetRows::new(file, meta, opts, profile, records, first, header, mapping, received_col, ctx);
    sheet.max_fields = max_fields;
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
    sheet.release_tail(records, log); // the sheet ended without a footer line
    sheet.counts.rows_read = next;
    report.date_orders = sheet.settle_date_orders(records, &mut report.notes);
    sheet.settle_contests(records);
    report.proposal = sheet.propose_more(records);
    report.columns = sheet.column_reports();
    report.counts = sheet.counts;
    let c = &report.counts;
    debug_assert_eq!(
        c.rows_read,
        c.title_rows + c.header_rows + c.blank_rows + c.subtotal_rows + c.note_rows + c.data_rows
    );
    Ok(report)
}

/// What a date column's year-last values said about their order, and the
/// records whose value either order reads (fixed once the order is known).
#[derive(Debug, Default)]
struct DateColumn {
    day_first: usize,
    month_first: usize,
    /// (record index, field) of values read in the provisional order.
    undecidable: Vec<(usize, Field)>,
}

/// One ledger sheet being read: what its columns are and what was counted.
struct SheetRows<'a> {
    file: &'a str,
    meta: &'a SheetMeta,
    opts: &'a IngestOptions,
    profile: Option<&'a Profile>,
    /// Per status value number: a closed word of the profile.
    closed_status: std::collections::HashMap<u32, bool>,
    /// The last row below the header was blank.
    after_blank: bool,
    /// A report footer line has been read: one-text rows after it are notes.
    in_footer: bool,
    /// One-text rows after a blank row, held until it is clear whether
    /// they close the report (notes) or are data.
    held_tail: Vec<(usize, Vec<Cell>)>,
    source: u32,
    first: u32,
    header: Header,
    mapping: Mapping,
    received_col: usize,
    row_no_cols: Vec<usize>,
    /// Per mapped date column, the evidence of its day/month order.
    date_cols: Vec<(usize, DateColumn)>,
    ctx: DateContext,
    counts: RowCounts,
    /// Columns holding data below the header.
    has_data: Vec<bool>,
    /// Index of the sheet's first record in `records`.
    first_record: usize,
    /// Data rows spread over the sheet, to propose columns from.
    sampler: Sampler,
    /// Other columns naming a breakdown field, with the values they give.
    contenders: Vec<Contender>,
    /// Per column, why it reads its field rather than another column.
    why: Vec<Option<String>>,
    /// A text file's number of fields a line may have (see [`max_fields`]).
    max_fields: Option<usize>,
}

impl<'a> SheetRows<'a> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        file: &'a str,
        meta: &'a SheetMeta,
        opts: &'a IngestOptions,
        profile: Option<&'a Profile>,
        records: &mut Records,
        first: u32,
        header: Header,
        mapping: Mapping,
        received_col: usize,
        ctx: DateContext,
    ) -> Self {
        let width = mapping.fields.len();
        // a user's mapping is never second-guessed
        let contenders = INFORMATIVE_FIELDS
            .into_iter()
            .filter_map(|f| Some((f, mapping.claimed[f as usize]?)))
            .filter(|&(_, w)| header.columns[w].candidate.is_some_and(|(_, s)| s != super::fields::Strength::Explicit))
            .flat_map(|(f, w)| {
                let columns = &header.columns;
                (0..width)
                    .filter(move |&c| c != w && columns[c].candidate.is_some_and(|(cf, _)| cf == f))
                    .map(move |col| Contender { field: f, col, values: Vec::new() })
            })
            .collect();
        SheetRows {
            file,
            meta,
            opts,
            profile,
            closed_status: Default::default(),
            after_blank: false,
            in_footer: false,
            held_tail: Vec::new(),
            source: records.add_source(file, &meta.sheet),
            first,
            row_no_cols: (0..width).filter(|&c| mapping.fields[c] == Some(Field::RowNo)).collect(),
            date_cols: (0..width)
                .filter(|&c| mapping.fields[c].is_some_and(|f| f.kind() == FieldKind::Date))
                .map(|c| (c, DateColumn::default()))
                .collect(),
            header,
            mapping,
            received_col,
            ctx,
            counts: RowCounts::default(),
            has_data: Vec::new(),
            first_record: records.len(),
            sampler: Sampler::default(),
            contenders,
            why: vec![None; width],
            max_fields: None,
        }
    }

    /// A text line as written, from its cells (quoted where needed).
    fn line_of(&self, row: &[Cell]) -> String {
        let d = char::from(self.meta.delimiter.unwrap_or(b','));
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                let t = c.display();
                if t.contains([d, '"', '\n', '\r']) {
                    format!("\"{}\"", t.replace('"', "\"\""))
                } else {
                    t
                }
            })
            .collect();
        cells.join(&d.to_string())
    }

    /// The header text of a column, or its letter.
    fn column_name(&self, c: usize) -> String {
        self.header.column_name(c, self.meta.first_col)
    }

    /// Classifies row `r` (relative to the first row) and reads it.
    fn row(&mut self, r: usize, row: &[Cell], records: &mut Records, log: &mut IngestLog) {
        // Template rows carry only a pre-filled running number: blank too.
        let is_blank = row
            .iter()
            .enumerate()
            .all(|(c, cell)| cell.is_empty() || (self.row_no_cols.contains(&c) && is_running_number(cell)));
        if r < self.header.top() {
            if is_blank {
                self.counts.blank_rows += 1;
            } else {
                self.counts.title_rows += 1;
            }
            return;
        }
        if r < self.header.body() {
            self.counts.header_rows += 1;
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
        let received_cell = self.cell(row, self.received_col).unwrap_or(&EMPTY);
        let dated = matches!(parse_date_cell(received_cell, &self.ctx), DateParse::Date(_));
        let kind = if is_blank {
            RowKind::Blank
        } else if dated {
            RowKind::Data
        } else if header::is_repeated_header(row, &self.header, &self.mapping) {
            RowKind::Header
        } else if is_subtotal(row) {
            RowKind::Subtotal
        } else if is_note(row) {
            RowKind::Note
        } else {
            RowKind::Data
        };
        // A report's closing block (Salesforce: blank lines, the report name,
        // `Copyright …`, `Confidential …`, `Generated By: …`, the company):
        // one-text rows after a blank row wait until a footer line shows
        // they are notes, or a later row shows they are data.
        let one_text = || {
            let mut texts = row.iter().filter(|c| !c.is_empty());
            let first = texts.next();
            first.is_some() && texts.all(|c| Some(c) == first)
        };
        let kind = match kind {
            // after a footer line, the block's last lines (the company) too
            RowKind::Data if !dated && self.in_footer && one_text() => RowKind::Note,
            kind => kind,
        };
        let may_close = self.after_blank || !self.held_tail.is_empty();
        if kind == RowKind::Data && !dated && may_close && one_text() && self.held_tail.len() < MAX_HELD_TAIL {
            self.held_tail.push((r, row.to_vec()));
            return;
        }
        self.in_footer |= kind == RowKind::Note && is_footer(row);
        match kind {
            // only a report's footer closes the block (not a ※ note)
            RowKind::Note if !self.held_tail.is_empty() && is_footer(row) => {
                self.counts.note_rows += self.held_tail.len();
                self.held_tail.clear();
            }
            RowKind::Blank => {}
            _ => self.release_tail(records, log),
        }
        self.after_blank = kind == RowKind::Blank;
        match kind {
            RowKind::Blank => self.counts.blank_rows += 1,
            RowKind::Header => self.counts.header_rows += 1,
            RowKind::Subtotal => self.counts.subtotal_rows += 1,
            RowKind::Note => self.counts.note_rows += 1,
            RowKind::Data => self.data_row(r, row, records, log),
        }
    }

    /// Rows held as a possible closing block that turned out not to be one:
    /// data rows after all.
    fn release_tail(&mut self, records: &mut Records, log: &mut IngestLog) {
        for (r, row) in std::mem::take(&mut self.held_tail) {
            self.data_row(r, &row, records, log);
        }
    }

    /// A data row: a record, or a reject when its received date is missing
    /// or unreadable.
    fn data_row(&mut self, r: usize, row: &[Cell], records: &mut Records, log: &mut IngestLog) {
        static EMPTY: Cell = Cell::Empty;
        let received_cell = self.cell(row, self.received_col).unwrap_or(&EMPTY);
        let received = parse_date_cell(received_cell, &self.ctx);
        self.counts.data_rows += 1;
        self.sampler.offer(row);
        let excel_row = self.first + r as u32 + 1;
        // more fields than the header: every column after the extra one is shifted
        let too_wide = self.max_fields.filter(|&w| row.len() > w).map(|expected| RejectReason::TooManyFields {
            fields: row.len(),
            expected,
            line: self.line_of(row),
        });
        let reason = too_wide.or(match received {
            DateParse::Date(_) => None,
            DateParse::Blank => Some(RejectReason::MissingReceivedDate),
            DateParse::Bad => Some(RejectReason::BadReceivedDate(received_cell.display())),
        });
        if let Some(reason) = reason {
            self.counts.rejected += 1;
            let filled: Vec<(usize, &Cell)> = row.iter().enumerate().filter(|(_, c)| !c.is_empty()).collect();
            log.rejects.push(Reject {
                file: self.file.to_string(),
                sheet: self.meta.sheet.clone(),
                row: excel_row,
                reason,
                cells: filled.iter().map(|&(c, cell)| (self.column_name(c), cell.display())).collect(),
                customer_cell: filled
                    .iter()
                    .position(|&(c, _)| self.mapping.fields.get(c) == Some(&Some(Field::Customer))),
            });
            return;
        }
        self.counts.accepted += 1;
        let index = records.rows.len();
        let mut record = records.record(self.source, excel_row);
        for (c, field) in self.mapping.fields.iter().enumerate() {
            let Some(field) = *field else { continue };
            let Some(cell) = self.cell(row, c) else { continue };
            match records.set(&mut record, field, cell, &self.ctx, self.opts) {
                Ok(None) => {}
                Ok(Some(evidence)) => {
                    if let Some((_, col)) = self.date_cols.iter_mut().find(|(dc, _)| *dc == c) {
                        match evidence {
                            OrderEvidence::DayFirst => col.day_first += 1,
                            OrderEvidence::MonthFirst => col.month_first += 1,
                            OrderEvidence::Either => col.undecidable.push((index, field)),
                        }
                    }
                }
                Err(message) => log.warnings.push(Warning {
                    file: self.file.to_string(),
                    sheet: self.meta.sheet.clone(),
                    row: excel_row,
                    column: column_letter(self.meta.first_col as usize + c),
                    field,
                    text: cell.display(),
                    message: message.to_string(),
                }),
            }
        }
        if let Some(profile) = self.profile {
            // the system's own closed words (Jira's Done, SAP's NOCO)
            let status = record.text(Field::Status);
            if status != 0 {
                let closed = *self
                    .closed_status
                    .entry(status)
                    .or_insert_with(|| records.value(Field::Status, status).is_some_and(|s| profile.is_closed(s)));
                record.closed_mark |= closed;
            }
        }
        for k in 0..self.contenders.len() {
            let (field, col) = (self.contenders[k].field, self.contenders[k].col);
            let value = match row.get(col) {
                Some(cell) if !cell.is_empty() => {
                    let mut other = record;
                    let _ = records.set(&mut other, field, cell, &self.ctx, self.opts);
                    other.text(field)
                }
                _ => 0,
            };
            self.contenders[k].values.push(value);
        }
        if record.text(Field::ComplaintId) == 0 {
            // only rows without an id can be "possible duplicates"
            record.fingerprint = row_fingerprint(row);
        }
        records.rows.push(record);
    }

    /// The non-empty cell a column reads in `row`: its own, or the first
    /// non-blank one of the columns that repeat its header (multi-values).
    fn cell<'r>(&self, row: &'r [Cell], c: usize) -> Option<&'r Cell> {
        std::iter::once(c)
            .chain(self.mapping.alternates.get(c).into_iter().flatten().copied())
            .filter_map(|col| row.get(col))
            .find(|cell| !cell.is_empty())
    }

    /// Decides the day/month order of each date column from its values,
    /// re-reads the values either order reads when the column's order is
    /// not the provisional one, and says why in the report (and in a note
    /// when the column holds both orders).
    fn settle_date_orders(&mut self, records: &mut Records, notes: &mut Vec<String>) -> Vec<DateOrderReport> {
        let provisional = self.ctx.year_last;
        let mut out = Vec::new();
        for (c, col) in &self.date_cols {
            let undecidable = col.undecidable.len();
            if col.day_first + col.month_first + undecidable == 0 {
                continue;
            }
            let order = decide_order(col.day_first, col.month_first, provisional);
            if order != provisional {
                for &(i, field) in &col.undecidable {
                    let swapped = records.rows[i].date(field).and_then(|d| {
                        use chrono::Datelike;
                        chrono::NaiveDate::from_ymd_opt(d.year(), d.day(), d.month())
                    });
                    records.rows[i].set_date(field, swapped);
                }
            }
            let name = |o: YearLastOrder| if o == YearLastOrder::Dmy { "day-first" } else { "month-first" };
            let reason = match (col.day_first, col.month_first) {
                (0, 0) => format!(
                    "no value tells: all {undecidable} read {} ([read] year_last)",
                    name(order)
                ),
                (d, 0) => format!("{d} values have a first part over 12, none a second part over 12"),
                (0, m) => format!("{m} values have a second part over 12, none a first part over 12"),
                (d, m) => format!(
                    "mixed: {d} values read day-first and {m} month-first by their own parts, {undecidable} undecidable read {} (the {})",
                    name(order),
                    if d == m { "configured order on a tie" } else { "majority" }
                ),
            };
            let field = self.mapping.fields[*c].unwrap_or(Field::ReceivedDate);
            let column = column_letter(self.meta.first_col as usize + c);
            if col.day_first > 0 && col.month_first > 0 {
                notes
                    .push(format!("warning: column {column} ({}) holds dates in both orders — {reason}", field.name()));
            }
            out.push(DateOrderReport {
                column,
                field,
                order: name(order),
                day_first: col.day_first,
                month_first: col.month_first,
                undecidable,
                reason,
            });
        }
        out
    }

    /// Of several columns naming a breakdown field, the one that tells
    /// complaints apart reads it (see `informative.rs`).
    fn settle_contests(&mut self, records: &mut Records) {
        let first_col = self.meta.first_col as usize;
        for field in INFORMATIVE_FIELDS {
            let Some(current) = self.mapping.claimed[field as usize] else { continue };
            let name = |c: usize| {
                (column_letter(first_col + c), self.header.columns.get(c).map(|h| h.name.clone()).unwrap_or_default())
            };
            let Some(choice) = informative::settle(records, self.first_record, field, current, &self.contenders, name)
            else {
                continue;
            };
            let m = &mut self.mapping;
            m.fields[current] = None;
            m.fields[choice.winner] = Some(field);
            m.claimed[field as usize] = Some(choice.winner);
            m.alternates[current].clear();
            m.notes[choice.winner] = None;
            for (col, why) in choice.losers {
                m.notes[col] = Some(why);
            }
            self.why[choice.winner] = Some(choice.why);
        }
    }

    /// Columns to propose for the key fields this sheet's header does not
    /// name, or names by a column with one value on (nearly) every row.
    fn propose_more(&self, records: &Records) -> Option<Proposal> {
        let mut why_not: Vec<(Field, String)> = Vec::new();
        let mut wanted: Vec<Field> = Vec::new();
        for field in KEY_FIELDS {
            match self.mapping.claimed[field as usize] {
                None => wanted.push(field),
                Some(col) if INFORMATIVE_FIELDS.contains(&field) => {
                    if let Some(one) = informative::one_value(records, self.first_record, field) {
                        wanted.push(field);
                        why_not.push((
                            field,
                            format!("column {} holds {one}", column_letter(self.meta.first_col as usize + col)),
                        ));
                    }
                }
                Some(_) => {}
            }
        }
        let mapping = &self.mapping;
        let free = |c: usize| {
            mapping.fields.get(c).copied().flatten().is_none_or(|f| !KEY_FIELDS.contains(&f) && f != Field::RowNo)
        };
        let mut proposal = propose::propose(
            &self.header,
            &self.sampler.rows,
            &self.ctx,
            self.meta.first_col,
            &wanted,
            free,
            Some(self.received_col),
        )?;
        for p in &mut proposal.fields {
            if let Some((_, instead)) = why_not.iter().find(|(f, _)| *f == p.field) {
                p.why = format!("{instead}; {}", p.why);
            }
        }
        Some(proposal)
    }

    /// Every header column, and unnamed columns that hold data.
    fn column_reports(&self) -> Vec<ColumnReport> {
        let width = self.header.columns.len().max(self.has_data.len());
        (0..width)
            .filter_map(|col| {
                let mapped = self.mapping.fields.get(col).copied().flatten();
                let note = self.mapping.notes.get(col).cloned().flatten();
                let header = self.header.columns.get(col).map(|c| c.name.clone()).unwrap_or_default();
                let has_data = self.has_data.get(col).copied().unwrap_or(false);
                if header.is_empty() && mapped.is_none() && note.is_none() && !has_data {
                    return None;
                }
                Some(ColumnReport {
                    column: column_letter(self.meta.first_col as usize + col),
                    header,
                    field: mapped,
                    note,
                    why: self.why.get(col).cloned().flatten(),
                })
            })
            .collect()
    }
}

fn file_stem(file: &str) -> &str {
    std::path::Path::new(file).file_stem().and_then(|s| s.to_str()).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(rows: Vec<Vec<&str>>) -> (RowCounts, usize) {
        let grid = Grid {
            rows: rows.into_iter().map(|r| r.into_iter().map(crate::ingest::cells::text_cell).collect()).collect(),
            ..Default::default()
        };
        let (mut records, mut log) = (Records::new(), IngestLog::default());
        let report = read_sheet(&grid, "t.csv", &IngestOptions::default(), &mut records, &mut log);
        (report.map(|r| r.counts).unwrap_or_default(), log.rejects.len())
    }

    #[test]
    fn a_closing_block_is_notes_only_before_a_report_footer() {
        let header = vec!["접수번호", "접수일", "고객", "불만내용"];
        // a row with only a description and no date after a blank row is
        // a rejected data row, even when a ※ note follows
        let (counts, rejects) = read(vec![
            header.clone(),
            vec!["C-1", "2024-03-01", "대원", "x"],
            vec![],
            vec!["", "", "", "불만 3"],
            vec!["※ 처리기간 10일 이내"],
        ]);
        assert_eq!((counts.data_rows, counts.rejected, counts.note_rows, rejects), (2, 1, 1, 1));
        // a report's name and company around its footer lines are notes
        let (counts, rejects) = read(vec![
            header,
            vec!["C-1", "2024-03-01", "대원", "x"],
            vec![],
            vec!["Cases with products"],
            vec!["Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved."],
            vec!["Confidential Information - Do Not Distribute"],
            vec!["ACME Quality"],
        ]);
        assert_eq!((counts.data_rows, counts.rejected, counts.note_rows, rejects), (1, 0, 4, 0));
    }
}
