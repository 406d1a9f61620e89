//! Finding a sheet's header and deciding which column is which field:
//! the header row (anywhere in the first 30 rows, with a parent row such as
//! `처리결과` over `완료일 | 조치내용`), each column's names, the claim of
//! each field by one column, and — when no column names the received date —
//! the column to propose for it.

use super::cells::{normalize_header, normalize_key, normalize_text, Cell};
use super::dates::{parse_date_cell, parse_date_text, DateContext, DateParse};
use super::fields::{Field, FieldKind, Strength, SynonymTable};
use super::source::column_letter;
use super::IngestOptions;
use std::collections::BTreeSet;

pub use super::stream::SEARCH_ROWS;

/// Header text → field for one sheet: the user's explicit mappings first,
/// then the synonyms (built in, the user's, a source profile's).
pub struct Mapper<'a> {
    pub opts: &'a IngestOptions,
    pub synonyms: &'a SynonymTable,
    /// 0-based sheet column of the rows' first cell (for `column:Q` mappings).
    pub first_col: u32,
}

/// The 0-based column a positional mapping names: `column:Q` (the letters
/// `check` shows) or `column:17` (counting from 1). `None` for a mapping
/// by header text.
pub fn positional_column(spec: &str) -> Option<usize> {
    let t = spec.trim();
    let rest = t.get(..7).filter(|p| p.eq_ignore_ascii_case("column:")).map(|_| t[7..].trim())?;
    if !rest.is_empty() && rest.len() <= 3 && rest.bytes().all(|b| b.is_ascii_alphabetic()) {
        let n = rest.bytes().fold(0usize, |n, b| n * 26 + usize::from(b.to_ascii_uppercase() - b'A') + 1);
        return Some(n - 1);
    }
    rest.parse::<usize>().ok().filter(|&n| (1..=16_384).contains(&n)).map(|n| n - 1)
}

impl Mapper<'_> {
    /// The field a header text names, and how firmly.
    pub fn field_of_text(&self, text: &str) -> Option<(Field, Strength)> {
        let key = normalize_header(text);
        if key.is_empty() {
            return None;
        }
        let by_text = |h: &&(Field, String)| positional_column(&h.1).is_none() && normalize_header(&h.1) == key;
        if let Some((f, _)) = self.opts.explicit.iter().find(by_text) {
            return Some((*f, Strength::Explicit));
        }
        self.synonyms.lookup_with_strength(text)
    }

    /// The fields mapped by position, as (column relative to the first cell, field).
    pub fn positional(&self) -> Vec<(usize, Field)> {
        self.opts
            .explicit
            .iter()
            .filter_map(|(f, h)| positional_column(h)?.checked_sub(self.first_col as usize).map(|c| (c, *f)))
            .collect()
    }

    pub fn field_of(&self, cell: &Cell) -> Option<(Field, Strength)> {
        match cell {
            Cell::Text(text) => self.field_of_text(text),
            _ => None,
        }
    }

    /// The distinct fields a row's cells name.
    pub fn row_fields(&self, row: &[Cell]) -> BTreeSet<Field> {
        row.iter().filter_map(|c| self.field_of(c).map(|(f, _)| f)).collect()
    }
}

/// One column of the header block.
#[derive(Debug, Clone, Default)]
pub struct HeaderColumn {
    /// As shown: the block's texts joined (`처리결과 / 완료일`).
    pub name: String,
    /// The header keys (normalised) the column answers to: each row's text
    /// and the parent joined with the label.
    pub keys: Vec<String>,
    /// The field the column names, and how firmly.
    pub candidate: Option<(Field, Strength)>,
}

/// The header block of a sheet: one row, or a parent row and its labels;
/// no row at all in a file without a header (columns mapped by position).
#[derive(Debug, Clone)]
pub struct Header {
    /// Rows of the block (relative to the sheet's first row), top first.
    pub rows: Vec<usize>,
    pub columns: Vec<HeaderColumn>,
}

impl Header {
    /// The first row of the block (0 without a header row).
    pub fn top(&self) -> usize {
        self.rows.first().copied().unwrap_or(0)
    }

    /// The first row below the block: where the data can start.
    pub fn body(&self) -> usize {
        self.rows.last().map_or(0, |r| r + 1)
    }

    /// The column's name, or its letter when it has none.
    pub fn column_name(&self, col: usize, first_col: u32) -> String {
        match self.columns.get(col) {
            Some(c) if !c.name.is_empty() => c.name.clone(),
            _ => column_letter(first_col as usize + col),
        }
    }
}

/// Finds the header block in the first rows of a sheet: the row naming the
/// most fields (at least two; the first such row on a tie) — or, when no
/// row names two, a row naming the received date above a column of dates
/// (a date column alone is a ledger) — with a parent row above or a label
/// row below when one joins it. Columns mapped by position (`column:Q`)
/// read their field whatever their header says; with such a mapping of
/// the received date a file without a header row is read from its first
/// row (see `headerless`).
pub fn find(head: &[Vec<Cell>], mapper: &Mapper) -> Option<Header> {
    let Some(h) = header_row(head, mapper) else {
        return headerless(head, mapper);
    };
    let cell = |r: usize, col: usize| -> &Cell {
        static EMPTY: Cell = Cell::Empty;
        head.get(r).and_then(|row| row.get(col)).unwrap_or(&EMPTY)
    };
    // A second header row holds text only, no date, and names a field in a
    // column the main row leaves unnamed, or names two fields itself (a
    // parent row whose merged cells repeat the names below).
    let no_year = DateContext::default();
    let is_continuation = |r: usize| {
        let row = &head[r];
        let text_only = row.iter().all(|c| match c {
            Cell::Empty => true,
            Cell::Text(t) => parse_date_text(t, &no_year).is_none(),
            _ => false,
        });
        let names_new_field = row
            .iter()
            .enumerate()
            .any(|(col, c)| mapper.field_of(c).is_some() && mapper.field_of(cell(h, col)).is_none());
        text_only && (names_new_field || mapper.row_fields(row).len() >= 2)
    };
    let mut rows = vec![h];
    if h > 0 && is_continuation(h - 1) {
        rows.insert(0, h - 1);
    }
    if h + 1 < head.len() && is_continuation(h + 1) {
        rows.push(h + 1);
    }
    let width = rows.iter().map(|&r| head[r].len()).max().unwrap_or(0);
    let columns = (0..width)
        .map(|col| {
            let texts: Vec<String> = rows
                .iter()
                .map(|&r| normalize_text(&cell(r, col).display()))
                .filter(|t| !t.is_empty())
                .fold(Vec::new(), |mut v, t| {
                    if !v.contains(&t) {
                        v.push(t);
                    }
                    v
                });
            column(&texts, mapper)
        })
        .collect();
    let mut header = Header { rows, columns };
    apply_positional(&mut header, mapper);
    Some(header)
}

/// The row of the header: the one naming the most fields, at least two (the
/// first on a tie); else the first naming only the received date — mapped
/// by the user, or by a full name (not `Date`) above a column holding dates.
fn header_row(head: &[Vec<Cell>], mapper: &Mapper) -> Option<usize> {
    let named: Vec<BTreeSet<Field>> = head.iter().take(SEARCH_ROWS).map(|r| mapper.row_fields(r)).collect();
    let (h, best) = named.iter().enumerate().max_by_key(|&(i, f)| (f.len(), usize::MAX - i))?;
    if best.len() >= 2 {
        return Some(h);
    }
    named.iter().enumerate().position(|(r, fields)| {
        if !fields.contains(&Field::ReceivedDate) {
            return false;
        }
        let row = &head[r];
        let Some(col) = row.iter().position(|c| mapper.field_of(c).is_some_and(|(f, _)| f == Field::ReceivedDate))
        else {
            return false;
        };
        let strength = mapper.field_of(&row[col]).map(|(_, s)| s);
        // `Date` alone is too weak a name to make a ledger (a holiday list)
        if strength == Some(Strength::Weak) {
            return false;
        }
        let below: Vec<&[Cell]> = head.iter().skip(r + 1).map(Vec::as_slice).collect();
        strength == Some(Strength::Explicit) || date_share(&below, col, &DateContext::default()) >= 0.5
    })
}

/// Positional mappings (`column:Q`) name their columns, over any header text.
fn apply_positional(header: &mut Header, mapper: &Mapper) {
    for (col, field) in mapper.positional() {
        if header.columns.len() <= col {
            header.columns.resize_with(col + 1, HeaderColumn::default);
        }
        header.columns[col].candidate = Some((field, Strength::Explicit));
    }
}

/// A sheet whose received date is mapped by position and that has no row
/// of recognised header names: a file without a header row, read from its
/// first row — unless its first row holds text where the rows below hold
/// dates, a header of names nobody recognised (then that row is the header).
fn headerless(head: &[Vec<Cell>], mapper: &Mapper) -> Option<Header> {
    let positional = mapper.positional();
    let &(received, _) = positional.iter().find(|(_, f)| *f == Field::ReceivedDate)?;
    let first = head.iter().position(|r| r.iter().any(|c| !c.is_empty()))?;
    let ctx = DateContext::default();
    let first_is_date =
        head[first].get(received).is_some_and(|c| matches!(parse_date_cell(c, &ctx), DateParse::Date(_)));
    let below: Vec<&[Cell]> = head.iter().skip(first + 1).map(Vec::as_slice).collect();
    let names_row = !first_is_date
        && matches!(head[first].get(received), Some(Cell::Text(_)))
        && date_share(&below, received, &ctx) >= 0.5;
    let mut header = if names_row {
        let columns = head[first]
            .iter()
            .map(|c| {
                let name = normalize_text(&c.display());
                HeaderColumn { keys: vec![normalize_header(&name)], name, candidate: None }
            })
            .collect();
        Header { rows: vec![first], columns }
    } else {
        Header { rows: Vec::new(), columns: Vec::new() }
    };
    apply_positional(&mut header, mapper);
    Some(header)
}

/// A column from its texts, top first. A parent joined with its label
/// names the column when that joined name is a synonym (`시정조치` +
/// `완료일` = `시정조치완료일`), else the label (`처리결과` + `완료일` →
/// `완료일`), else the parent.
fn column(texts: &[String], mapper: &Mapper) -> HeaderColumn {
    let name = texts.join(" / ");
    let mut keys: Vec<String> = texts.iter().map(|t| normalize_header(t)).collect();
    let joined = (texts.len() >= 2).then(|| texts.concat());
    if let Some(j) = &joined {
        keys.push(normalize_header(j));
    }
    let explicit = std::iter::once(name.as_str())
        .chain(joined.as_deref())
        .chain(texts.iter().rev().map(String::as_str))
        .find_map(|t| mapper.field_of_text(t).filter(|(_, s)| *s == Strength::Explicit));
    let candidate = explicit
        .or_else(|| joined.as_deref().and_then(|j| mapper.field_of_text(j)))
        .or_else(|| texts.iter().rev().find_map(|t| mapper.field_of_text(t)));
    HeaderColumn { name, keys, candidate }
}

/// Which column reads each field of a sheet.
#[derive(Debug, Clone, Default)]
pub struct Mapping {
    /// Per column, the field it reads.
    pub fields: Vec<Option<Field>>,
    /// Per field (by `Field as usize`), the column that reads it.
    pub claimed: Vec<Option<usize>>,
    /// Per column that reads a field, the columns with the same header
    /// that hold more values of it (Jira's repeated `Component/s`): the
    /// first non-blank value is used.
    pub alternates: Vec<Vec<usize>>,
    /// Per column, why a column with a known header is not used.
    pub notes: Vec<Option<String>>,
}

/// The header of a sheet whose header names no known field, to propose
/// columns by: the first row of two or more texts (no dates, no numbers)
/// above rows that hold dates where it holds text — names nobody
/// recognised (`DataAbertura`) — or, without such a row, no header row
/// at all (columns go by position).
pub fn unnamed(head: &[Vec<Cell>], ctx: &DateContext) -> Header {
    let is_text =
        |c: &Cell| matches!(c, Cell::Text(t) if parse_date_text(t, ctx).is_none() && t.trim().parse::<f64>().is_err());
    for (r, row) in head.iter().enumerate().take(SEARCH_ROWS) {
        let texts: BTreeSet<String> = row.iter().filter(|c| is_text(c)).map(|c| normalize_text(&c.display())).collect();
        if texts.len() < 2 || row.iter().any(|c| !c.is_empty() && !is_text(c)) {
            continue;
        }
        let below: Vec<&[Cell]> = head.iter().skip(r + 1).map(Vec::as_slice).collect();
        if (0..row.len()).any(|col| is_text(&row[col]) && date_share(&below, col, ctx) >= 0.5) {
            let columns = row
                .iter()
                .map(|c| {
                    let name = normalize_text(&c.display());
                    HeaderColumn { keys: vec![normalize_header(&name)], name, candidate: None }
                })
                .collect();
            return Header { rows: vec![r], columns };
        }
    }
    Header { rows: Vec::new(), columns: Vec::new() }
}

/// Decides which column reads each field: the user's mapping first, then a
/// synonym before a weak one (`Date received` before `Date`); between
/// columns of equal standing for a date field, one whose values below the
/// header are dates before one that holds none (`Date/Time Closed` before a
/// 0/1 `Closed` checkbox), then the leftmost. `sample` is the rows below
/// the header among the first rows of the sheet.
pub fn claim(header: &Header, sample: &[&[Cell]], ctx: &DateContext, first_col: u32) -> Mapping {
    let width = header.columns.len();
    let mut m = Mapping {
        fields: vec![None; width],
        claimed: vec![None; Field::ALL.len()],
        alternates: vec![Vec::new(); width],
        notes: vec![None; width],
    };
    for field in Field::ALL {
        let mut candidates: Vec<(usize, Strength)> = header
            .columns
            .iter()
            .enumerate()
            .filter_map(|(col, c)| c.candidate.filter(|(f, _)| *f == field).map(|(_, s)| (col, s)))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        let holds_dates = |col: usize| field.kind() == FieldKind::Date && date_share(sample, col, ctx) >= 0.5;
        candidates.sort_by_key(|&(col, strength)| (std::cmp::Reverse((strength, holds_dates(col))), col));
        let (winner, _) = candidates[0];
        m.fields[winner] = Some(field);
        m.claimed[field as usize] = Some(winner);
        let winner_key = normalize_header(&header.columns[winner].name);
        for &(col, _) in &candidates[1..] {
            if field.kind() == FieldKind::Text && normalize_header(&header.columns[col].name) == winner_key {
                m.alternates[winner].push(col);
                m.notes[col] = Some(format!(
                    "repeats '{}' of column {}: the first non-blank value of these columns is used",
                    header.columns[winner].name,
                    column_letter(first_col as usize + winner)
                ));
            } else {
                m.notes[col] = Some(format!(
                    "also looks like {}, which is column {} — ignored",
                    field.name(),
                    column_letter(first_col as usize + winner)
                ));
            }
        }
    }
    m
}

/// The share of the non-empty cells of column `col` in `sample` that are dates.
fn date_share(sample: &[&[Cell]], col: usize, ctx: &DateContext) -> f64 {
    let cells: Vec<&Cell> = sample.iter().filter_map(|r| r.get(col)).filter(|c| !c.is_empty()).collect();
    if cells.is_empty() {
        return 0.0;
    }
    let dates = cells.iter().filter(|c| matches!(parse_date_cell(c, ctx), DateParse::Date(_))).count();
    dates as f64 / cells.len() as f64
}

/// Whether `row` repeats the header (a report export prints it on every
/// page): its cells repeat the header's own texts in at least half of the
/// mapped columns. A data row whose received date cannot be read is not
/// one, whatever words its cells hold.
pub fn is_repeated_header(row: &[Cell], header: &Header, mapping: &Mapping) -> bool {
    let mapped: Vec<usize> = (0..mapping.fields.len()).filter(|&c| mapping.fields[c].is_some()).collect();
    let repeats = mapped
        .iter()
        .filter(|&&c| match row.get(c) {
            Some(Cell::Text(t)) => {
                let key = normalize_header(t);
                !key.is_empty() && header.columns[c].keys.contains(&key)
            }
            _ => false,
        })
        .count();
    !mapped.is_empty() && repeats > 0 && repeats * 2 >= mapped.len()
}

/// How much a column name sounds like the date a complaint was received;
/// `None` for names that are never a received date.
pub fn name_score(name: &str) -> Option<i32> {
    let key = normalize_key(name);
    let compact = normalize_header(name);
    let system = ["do not modify", "checksum", "sys_", "sys id", "sysid", "row version"];
    if system.iter().any(|s| key.contains(s)) {
        return None;
    }
    let id_like = ["id", "no", "number", "key", "code", "ref", "num"];
    let words: Vec<&str> = key.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if compact.is_empty() || words.last().is_some_and(|w| id_like.contains(w)) || key.trim() == "#" {
        return None;
    }
    let has = |list: &[&str]| list.iter().any(|w| key.contains(w));
    let mut score = 0;
    if has(&["date", "time", "일", "날짜", "when"]) {
        score += 1;
    }
    if has(&[
        "receiv", "complain", "open", "creat", "report", "submit", "logged", "접수", "신고", "발생", "등록", "민원",
        "불만",
    ]) {
        score += 3;
    }
    if has(&[
        "close", "resolv", "due", "modif", "updat", "incident", "complet", "ship", "birth", "완료", "종결", "기한",
        "수정", "변경", "마감", "출하", "통보", "회신",
    ]) {
        score -= 3;
    }
    Some(score)
}

/// How many fields a line of a text file may have: as many as its header
/// names — or as most of the first rows below it have, when those are
/// wider (a header that leaves its last columns unnamed).
pub fn max_fields(header: &Header, head: &[Vec<Cell>]) -> Option<usize> {
    let rows: Vec<usize> = head.iter().skip(header.body()).map(Vec::len).filter(|&n| n > 0).collect();
    let mut counts = std::collections::BTreeMap::new();
    for &n in &rows {
        *counts.entry(n).or_insert(0usize) += 1;
    }
    let modal = counts.iter().max_by_key(|&(n, k)| (k, n)).map_or(0, |(&n, _)| n);
    let named = if header.rows.is_empty() { 0 } else { header.columns.len() };
    let wider = rows.iter().filter(|&&n| n > named).count();
    let width = if wider * 2 > rows.len() { modal.max(named) } else { named };
    (width > 0).then_some(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn mapper_opts() -> IngestOptions {
        IngestOptions::default()
    }

    #[test]
    fn a_parent_joined_with_its_label_names_the_column_when_it_is_a_synonym() {
        let opts = mapper_opts();
        let mapper = Mapper { opts: &opts, synonyms: &opts.synonyms, first_col: 0 };
        let head = vec![
            vec![
                t("접수일"),
                t("고객"),
                t("처리결과"),
                t("처리결과"),
                t("시정조치"),
                t("시정조치"),
                t("시정조치"),
                t("시정조치"),
            ],
            vec![
                t("접수일"),
                t("고객"),
                t("완료일"),
                t("조치내용"),
                t("번호"),
                t("기한"),
                t("완료일"),
                t("효과확인일"),
            ],
        ];
        let header = find(&head, &mapper).expect("a header");
        assert_eq!(header.rows, [0, 1]);
        let fields: Vec<Option<Field>> = header.columns.iter().map(|c| c.candidate.map(|(f, _)| f)).collect();
        assert_eq!(
            fields,
            [
                Some(Field::ReceivedDate),
                Some(Field::Customer),
                Some(Field::ClosedDate),
                Some(Field::Action),
                Some(Field::CapaId),
                Some(Field::CapaDueDate),
                Some(Field::CapaClosedDate),
                Some(Field::CapaVerifiedDate),
            ]
        );
    }

    #[test]
    fn a_date_column_wins_over_a_checkbox_and_a_synonym_over_a_weak_one() {
        let opts = mapper_opts();
        let mapper = Mapper { opts: &opts, synonyms: &opts.synonyms, first_col: 0 };
        let head = vec![
            vec![
                t("Case Number"),
                t("Date"),
                t("Date Received"),
                t("Closed"),
                t("Date/Time Closed"),
                t("Product"),
                t("Product"),
            ],
            vec![t("00001"), t("2025-03-01"), t("2025-03-01"), t("1"), t("3/12/2025 10:14 AM"), t("A"), t("B")],
            vec![t("00002"), t("2025-03-02"), t("2025-03-02"), t("0"), Cell::Empty, Cell::Empty, t("C")],
        ];
        let header = find(&head, &mapper).expect("a header");
        let sample: Vec<&[Cell]> = head[1..].iter().map(Vec::as_slice).collect();
        let m = claim(&header, &sample, &DateContext::default(), 0);
        assert_eq!(m.claimed[Field::ReceivedDate as usize], Some(2), "Date Received, not Date");
        assert_eq!(m.claimed[Field::ClosedDate as usize], Some(4), "the date column, not the checkbox");
        assert_eq!(m.claimed[Field::ComplaintId as usize], Some(0));
        assert_eq!(m.claimed[Field::Product as usize], Some(5));
        assert_eq!(m.alternates[5], [6], "a repeated Product column holds more values (Jira multi-values)");
        assert!(m.notes[3].as_deref().is_some_and(|n| n.contains("closed_date")));
    }

    #[test]
    fn repeated_headers_repeat_the_headers_own_texts() {
        let opts = mapper_opts();
        let mapper = Mapper { opts: &opts, synonyms: &opts.synonyms, first_col: 0 };
        let head = vec![vec![t("Date received"), t("Status"), t("Channel"), t("Customer")]];
        let header = find(&head, &mapper).expect("a header");
        let m = claim(&header, &[], &DateContext::default(), 0);
        assert!(is_repeated_header(&[t("Date received"), t("Status"), t("Channel"), t("Customer")], &header, &m));
        assert!(is_repeated_header(&[t("DATE RECEIVED"), t("status"), Cell::Empty, Cell::Empty], &header, &m));
        // an unreadable date and words that are header words elsewhere: a data row
        assert!(!is_repeated_header(&[t("22-04-2015"), t("Closed"), t("Internet"), t("ACME")], &header, &m));
        assert!(!is_repeated_header(&[t("n/a"), t("Status"), t("Web"), t("ACME")], &header, &m));
    }
}
