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

/// Rows searched for the header.
pub const SEARCH_ROWS: usize = 30;

/// Header text → field for one sheet: the user's explicit mappings first,
/// then the synonyms (built in, the user's, a source profile's).
pub struct Mapper<'a> {
    pub opts: &'a IngestOptions,
    pub synonyms: &'a SynonymTable,
}

impl Mapper<'_> {
    /// The field a header text names, and how firmly.
    pub fn field_of_text(&self, text: &str) -> Option<(Field, Strength)> {
        let key = normalize_header(text);
        if key.is_empty() {
            return None;
        }
        if let Some((f, _)) = self.opts.explicit.iter().find(|(_, h)| normalize_header(h) == key) {
            return Some((*f, Strength::Explicit));
        }
        self.synonyms.lookup_with_strength(text)
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
    keys: Vec<String>,
    /// The field the column names, and how firmly.
    pub candidate: Option<(Field, Strength)>,
}

/// The header block of a sheet: one row, or a parent row and its labels.
#[derive(Debug, Clone)]
pub struct Header {
    /// Rows of the block (relative to the sheet's first row), top first.
    pub rows: Vec<usize>,
    pub columns: Vec<HeaderColumn>,
}

impl Header {
    pub fn top(&self) -> usize {
        self.rows[0]
    }

    pub fn bottom(&self) -> usize {
        self.rows[self.rows.len() - 1]
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
/// most fields (at least two; the first such row on a tie), with a parent
/// row above or a label row below when one joins it.
pub fn find(head: &[Vec<Cell>], mapper: &Mapper) -> Option<Header> {
    let scores: Vec<usize> = head.iter().take(SEARCH_ROWS).map(|r| mapper.row_fields(r).len()).collect();
    let (h, _) =
        scores.iter().copied().enumerate().max_by_key(|&(i, s)| (s, usize::MAX - i)).filter(|&(_, s)| s >= 2)?;
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
    Some(Header { rows, columns })
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

/// The column to propose as the received date when no header names it:
/// among the columns whose values below the header are mostly dates, the
/// one whose name sounds most like a receipt (`Complaint Date` before
/// `Incident Date`, `Closed On` last), never an id-like or hidden system
/// column (`Id`, `Case Number`, `(Do Not Modify) Modified On`, `sys_…`).
pub fn propose_received_date(header: &Header, sample: &[Vec<Cell>], ctx: &DateContext) -> Option<usize> {
    let rows: Vec<&[Cell]> = sample.iter().map(Vec::as_slice).collect();
    let width = header.columns.len().max(sample.iter().map(Vec::len).max().unwrap_or(0));
    (0..width)
        .filter(|&col| date_share(&rows, col, ctx) > 0.5)
        .filter_map(|col| {
            let name = header.columns.get(col).map(|c| c.name.as_str()).unwrap_or("");
            name_score(name).map(|score| (score, col))
        })
        .max_by_key(|&(score, col)| (score, std::cmp::Reverse(col)))
        .map(|(_, col)| col)
}

/// How much a column name sounds like the date a complaint was received;
/// `None` for names that are never a received date.
fn name_score(name: &str) -> Option<i32> {
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
        let mapper = Mapper { opts: &opts, synonyms: &opts.synonyms };
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
        let mapper = Mapper { opts: &opts, synonyms: &opts.synonyms };
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
        let mapper = Mapper { opts: &opts, synonyms: &opts.synonyms };
        let head = vec![vec![t("Date received"), t("Status"), t("Channel"), t("Customer")]];
        let header = find(&head, &mapper).expect("a header");
        let m = claim(&header, &[], &DateContext::default(), 0);
        assert!(is_repeated_header(&[t("Date received"), t("Status"), t("Channel"), t("Customer")], &header, &m));
        assert!(is_repeated_header(&[t("DATE RECEIVED"), t("status"), Cell::Empty, Cell::Empty], &header, &m));
        // an unreadable date and words that are header words elsewhere: a data row
        assert!(!is_repeated_header(&[t("22-04-2015"), t("Closed"), t("Internet"), t("ACME")], &header, &m));
        assert!(!is_repeated_header(&[t("n/a"), t("Status"), t("Web"), t("ACME")], &header, &m));
    }

    #[test]
    fn the_proposal_ranks_names_and_never_takes_ids_or_system_columns() {
        let opts = mapper_opts();
        let mapper = Mapper { opts: &opts, synonyms: &opts.synonyms };
        let head = vec![vec![
            t("Id"),
            t("(Do Not Modify) Modified On"),
            t("Incident Date"),
            t("Customer"),
            t("Date of Complaint"),
            t("Closed On"),
            t("Product"),
        ]];
        let header = find(&head, &mapper).expect("a header");
        let row = |d: &str| vec![t("45296"), t(d), t(d), t("ACME"), t(d), t(d), t("X")];
        let sample = vec![row("2025-01-05"), row("2025-01-06"), row("2025-01-07")];
        assert_eq!(propose_received_date(&header, &sample, &DateContext::default()), Some(4));
        assert_eq!(name_score("Case Number"), None);
        assert_eq!(name_score("sys_created_on"), None);
        assert!(name_score("Complaint Date") > name_score("Incident Date"));
    }
}
