//! When a sheet is not read right — no column is recognised as the received
//! date, or key fields (closed date, id, status, defect type, product,
//! customer) are not mapped — the columns to propose for them, from the
//! words of their headers (src/ingest/vocabulary.toml) and from what they
//! hold: dates in nearly every row, a value unique in each row, a closed
//! date never before the received date of its row, a few values repeated
//! over many rows. A sheet without a header row is proposed by content
//! alone, its columns named by position (`column:Q`).

use super::cells::{normalize_key, Cell};
use super::dates::{parse_date_cell, DateContext, DateParse};
use super::fields::{Field, LANGUAGES};
use super::header::{name_score, Header, Mapping};
use super::source::column_letter;
use serde::Serialize;
use std::collections::HashMap;

/// The fields a proposal looks for, in the order they are given columns.
pub const KEY_FIELDS: [Field; 7] = [
    Field::ReceivedDate,
    Field::ClosedDate,
    Field::ComplaintId,
    Field::Status,
    Field::DefectType,
    Field::Product,
    Field::Customer,
];

/// The columns proposed for a sheet.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Proposal {
    /// The sheet has no header row: columns are named by position.
    pub by_position: bool,
    pub fields: Vec<ProposedField>,
}

/// One proposed mapping and the evidence for it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProposedField {
    pub field: Field,
    /// Column letter as `check` shows it.
    pub column: String,
    /// Header text (empty without a header row).
    pub header: String,
    /// What the mapping names: the header text, or `column:Q`.
    pub map_to: String,
    /// Why, in words.
    pub why: String,
}

/// Rows kept to judge columns by: the first rows and then an even spread
/// over the sheet (every 2nd, 4th, … row as it grows), at most twice this.
const SAMPLE_ROWS: usize = 1000;

/// A deterministic sample of a sheet's data rows, spread over the whole
/// sheet however long it is.
#[derive(Debug, Default)]
pub struct Sampler {
    pub rows: Vec<Vec<Cell>>,
    stride: usize,
    seen: usize,
}

impl Sampler {
    pub fn offer(&mut self, row: &[Cell]) {
        self.stride = self.stride.max(1);
        if self.seen.is_multiple_of(self.stride) {
            self.rows.push(row.to_vec());
            if self.rows.len() >= 2 * SAMPLE_ROWS {
                let kept: Vec<Vec<Cell>> = std::mem::take(&mut self.rows).into_iter().step_by(2).collect();
                self.rows = kept;
                self.stride *= 2;
            }
        }
        self.seen += 1;
    }
}

/// What a column of the sample holds.
#[derive(Debug, Clone, Default)]
pub struct ColumnStats {
    pub rows: usize,
    pub filled: usize,
    pub dates: usize,
    /// Distinct values (normalised, case ignored).
    pub distinct: usize,
    /// The most common value and how many rows hold it.
    pub top: (String, usize),
    /// Filled cells with a letter in them.
    pub letters: usize,
    /// Filled cells with a digit in them.
    pub digits: usize,
    pub mean_len: f64,
    /// Values that are open or closed words (`Closed`, `진행중`).
    pub status_words: usize,
}

impl ColumnStats {
    pub fn of(sample: &[Vec<Cell>], col: usize, ctx: &DateContext) -> ColumnStats {
        let rows = sample.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count();
        let mut s = ColumnStats { rows, ..Default::default() };
        let mut counts: HashMap<String, (usize, String)> = HashMap::new();
        let mut len = 0usize;
        for cell in sample.iter().filter_map(|r| r.get(col)).filter(|c| !c.is_empty()) {
            s.filled += 1;
            let text = cell.display();
            // a bare number of five digits reads as an Excel serial date,
            // but in a text file it is far likelier an id or an amount
            let whole = text.trim().split('.').next().unwrap_or("");
            let serial_like =
                !whole.is_empty() && whole.len() <= 6 && text.trim().bytes().all(|b| b.is_ascii_digit() || b == b'.');
            if !serial_like && matches!(parse_date_cell(cell, ctx), DateParse::Date(_)) {
                s.dates += 1;
            }
            len += text.chars().count();
            s.letters += usize::from(text.chars().any(char::is_alphabetic));
            s.digits += usize::from(text.chars().any(|c| c.is_ascii_digit()));
            s.status_words += usize::from(super::record::status_word(&text).is_some());
            let entry = counts.entry(normalize_key(&text)).or_insert_with(|| (0, text.trim().to_string()));
            entry.0 += 1;
        }
        s.distinct = counts.len();
        // the most common value as first written (ties: the first in order of keys)
        s.top = counts
            .into_iter()
            .max_by(|a, b| (a.1 .0, &b.0).cmp(&(b.1 .0, &a.0)))
            .map(|(_, (n, shown))| (shown, n))
            .unwrap_or_default();
        s.mean_len = if s.filled == 0 { 0.0 } else { len as f64 / s.filled as f64 };
        s
    }

    fn share(&self, n: usize) -> f64 {
        if self.rows == 0 {
            0.0
        } else {
            n as f64 / self.rows as f64
        }
    }

    /// Dates in nearly every row (the sample may hold a title or a note).
    fn dates_everywhere(&self) -> bool {
        self.rows > 0 && self.share(self.dates) >= 0.8
    }

    /// A column of dates where it is filled (a closed date is blank while open).
    fn dates_where_filled(&self) -> bool {
        self.filled > 0 && self.dates as f64 >= 0.9 * self.filled as f64
    }

    /// A value in (nearly) every row, each different: an id.
    fn unique(&self) -> bool {
        self.rows >= 2 && self.share(self.filled) >= 0.95 && self.distinct == self.filled && self.mean_len <= 40.0
    }

    /// A few values over many rows: a category (`Cobrança`, `이물`), not
    /// one value everywhere and not free text.
    pub fn categorical(&self) -> bool {
        self.filled >= 2
            && self.distinct >= 2
            && (self.top.1 as f64) < 0.95 * self.filled as f64
            && self.distinct as f64 <= (0.5 * self.filled as f64).clamp(3.0, 200.0)
            && self.letters as f64 >= 0.8 * self.filled as f64
            && self.dates == 0
    }

    /// In words: "12 values, the most common 'Cobrança' in 31 % of rows".
    pub fn values_in_words(&self) -> String {
        format!(
            "{} value{}, the most common '{}' in {} % of rows",
            self.distinct,
            if self.distinct == 1 { "" } else { "s" },
            self.top.0,
            (self.share(self.top.1) * 100.0).round()
        )
    }
}

/// Proposes columns for `wanted` fields among the columns `free` says may
/// be taken: by a word of the header that names the field and content
/// that fits it (with a header row), or by content alone (without one).
/// `received` is the column already read as the received date, if any.
pub fn propose(
    header: &Header,
    sample: &[Vec<Cell>],
    ctx: &DateContext,
    first_col: u32,
    wanted: &[Field],
    free: impl Fn(usize) -> bool,
    received: Option<usize>,
) -> Option<Proposal> {
    if wanted.is_empty() {
        return None;
    }
    let by_position = header.rows.is_empty();
    let width = header.columns.len().max(sample.iter().map(Vec::len).max().unwrap_or(0));
    let stats: Vec<ColumnStats> = (0..width).map(|c| ColumnStats::of(sample, c, ctx)).collect();
    let name = |c: usize| header.columns.get(c).map(|h| h.name.clone()).unwrap_or_default();
    let mut taken: Vec<usize> = received.into_iter().collect();
    let mut received = received;
    let mut out = Vec::new();
    for field in KEY_FIELDS.into_iter().filter(|f| wanted.contains(f)) {
        let best = (0..width)
            .filter(|&c| free(c) && !taken.contains(&c))
            .filter_map(|c| {
                let (score, why) = fit(field, &stats[c], &name(c), by_position, received, sample, c, ctx)?;
                Some((score, std::cmp::Reverse(c), why))
            })
            .max_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        let Some((_, std::cmp::Reverse(c), why)) = best else { continue };
        taken.push(c);
        if field == Field::ReceivedDate {
            received = Some(c);
        }
        let letter = column_letter(first_col as usize + c);
        let header_text = name(c);
        // a header text names the leftmost column holding it (cells merged
        // over two columns name both); other columns go by position
        let by_name = !by_position && !header_text.is_empty() && (0..c).all(|o| name(o) != header_text);
        let map_to = if by_name { header_text.clone() } else { format!("column:{letter}") };
        out.push(ProposedField { field, column: letter, header: header_text, map_to, why });
    }
    (!out.is_empty()).then_some(Proposal { by_position, fields: out })
}

/// The proposal for a sheet that cannot be read (no received date): every
/// key field the header does not name, among the columns not read as a
/// key field — and only if a column of dates can be the received date.
pub fn propose_unread(
    header: &Header,
    sample: &[Vec<Cell>],
    ctx: &DateContext,
    first_col: u32,
    mapping: &Mapping,
) -> Option<Proposal> {
    let wanted: Vec<Field> =
        KEY_FIELDS.into_iter().filter(|f| mapping.claimed.get(*f as usize).copied().flatten().is_none()).collect();
    let free = |c: usize| mapping.fields.get(c).copied().flatten().is_none_or(|f| !KEY_FIELDS.contains(&f));
    propose(header, sample, ctx, first_col, &wanted, free, None)
        .filter(|p| p.fields.first().is_some_and(|f| f.field == Field::ReceivedDate))
}

/// How well column `c` fits `field` (higher is better) and why; `None`
/// when it does not fit. A header word counts most; with a header row a
/// text field needs one (a US state column is few values too), without
/// a header row content is all there is.
#[allow(clippy::too_many_arguments)]
fn fit(
    field: Field,
    s: &ColumnStats,
    name: &str,
    by_position: bool,
    received: Option<usize>,
    sample: &[Vec<Cell>],
    c: usize,
    ctx: &DateContext,
) -> Option<(i32, String)> {
    let vocabulary = field.vocabulary();
    if vocabulary.ruled_out(name) {
        return None;
    }
    let word = vocabulary.word_in(name);
    let word_why = word.as_ref().map(|(lang, w)| {
        let language = LANGUAGES.iter().find(|(l, _)| l == lang).map_or(*lang, |(_, n)| *n);
        format!("the header word '{w}' ({language}); ")
    });
    // without a header, content tells a category but not whose it is
    // open and closed words in (nearly) every row tell a status by themselves
    let status_values = s.filled > 0 && s.status_words * 10 >= s.filled * 9;
    let needs_word = (!by_position && field != Field::ReceivedDate && !(field == Field::Status && status_values))
        || (by_position && matches!(field, Field::Product | Field::Customer));
    if needs_word && word.is_none() {
        return None;
    }
    let mut score = if word.is_some() { 10 } else { 0 };
    let pct = |n: usize| (s.share(n) * 100.0).round();
    let content = match field {
        Field::ReceivedDate => {
            // never an id-like or hidden system column (`Case Number`, `sys_…`)
            let by_name = if by_position { 0 } else { name_score(name)? };
            if !s.dates_everywhere() {
                return None;
            }
            score += by_name + (s.share(s.filled) * 2.0) as i32;
            format!("dates in {} % of rows", pct(s.dates))
        }
        Field::ClosedDate => {
            let rc = received?;
            if !s.dates_where_filled() {
                return None;
            }
            let (before, after) = order_against(sample, rc, c, ctx);
            if after == 0 || before * 50 > before + after {
                return None;
            }
            format!(
                "dates in {} % of rows, {} after the received date and {} before it",
                pct(s.dates),
                after,
                if before == 0 { "never".to_string() } else { format!("{before} times") }
            )
        }
        Field::ComplaintId => {
            if !s.unique() || s.dates > 0 || (by_position && s.digits * 10 < s.filled * 9) {
                return None;
            }
            format!("a different value in each of {} rows", s.filled)
        }
        Field::Status => {
            // a few values, one of them on every row is fine (all closed);
            // without a header, only open and closed words tell a status
            let few = s.filled > 0 && s.distinct <= 30 && s.dates == 0 && s.letters * 5 >= s.filled * 4;
            // one value that is no open or closed word is no status (a US state)
            let telling = s.status_words > 0 || s.categorical();
            if !few || !telling || (by_position && s.status_words * 2 < s.filled) {
                return None;
            }
            score += (10 * s.status_words / s.filled.max(1)) as i32;
            match s.status_words {
                0 => s.values_in_words(),
                n => format!("{}; open or closed words in {} % of rows", s.values_in_words(), pct(n)),
            }
        }
        // status words (`Closed with explanation`) are not a category of complaints
        _ if s.status_words * 2 >= s.filled.max(1) => return None,
        _ => {
            if !s.categorical() {
                return None;
            }
            // a middling number of values makes the most telling Pareto;
            // words (`AIR BAGS`, `Cobrança indevida`) tell more than codes
            score += if (3..=60).contains(&s.distinct) { 2 } else { 0 };
            score += i32::from(s.mean_len >= 6.0);
            s.values_in_words()
        }
    };
    Some((score, format!("{}{content}", word_why.unwrap_or_default())))
}

/// In how many sample rows column `c` holds a date before, and after, the
/// date in column `rc` (equal dates count as neither).
fn order_against(sample: &[Vec<Cell>], rc: usize, c: usize, ctx: &DateContext) -> (usize, usize) {
    let date = |row: &Vec<Cell>, col: usize| match row.get(col).map(|cell| parse_date_cell(cell, ctx)) {
        Some(DateParse::Date(d)) => Some(d),
        _ => None,
    };
    let mut counts = (0, 0);
    for row in sample {
        if let (Some(r), Some(d)) = (date(row, rc), date(row, c)) {
            if d < r {
                counts.0 += 1;
            } else if d > r {
                counts.1 += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::header::HeaderColumn;

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    fn header(names: &[&str]) -> Header {
        Header {
            rows: vec![0],
            columns: names.iter().map(|n| HeaderColumn { name: n.to_string(), ..Default::default() }).collect(),
        }
    }

    #[test]
    fn headers_in_portuguese_by_their_words_and_content() {
        let h = header(&["DataAbertura", "DataArquivamento", "UF", "strRazaoSocial", "DescricaoProblema", "Atendida"]);
        let problems = ["Cobrança indevida", "Produto com vício", "Entrega"];
        let states = ["SP", "RJ", "MG", "BA"];
        let sample: Vec<Vec<Cell>> = (0..40)
            .map(|i| {
                vec![
                    t(&format!("2019-0{}-{:02}", 1 + i % 3, 1 + i % 20)),
                    t(&format!("2019-0{}-{:02}", 4 + i % 3, 1 + i % 20)),
                    t(states[i % 4]),
                    t(&format!("Empresa {}", i % 7)),
                    t(problems[i % 3]),
                    t(if i % 2 == 0 { "S" } else { "N" }),
                ]
            })
            .collect();
        let p = propose(&h, &sample, &DateContext::default(), 0, &KEY_FIELDS, |_| true, None).expect("a proposal");
        let got: Vec<(Field, &str)> = p.fields.iter().map(|f| (f.field, f.map_to.as_str())).collect();
        assert_eq!(
            got,
            [
                (Field::ReceivedDate, "DataAbertura"),
                (Field::ClosedDate, "DataArquivamento"),
                (Field::DefectType, "DescricaoProblema"),
                (Field::Customer, "strRazaoSocial"),
            ]
        );
        assert!(p.fields[0].why.contains("'abertura' (Portuguese)"), "{}", p.fields[0].why);
    }

    #[test]
    fn without_a_header_row_columns_are_proposed_by_position_and_content() {
        let h = Header { rows: Vec::new(), columns: Vec::new() };
        let sample: Vec<Vec<Cell>> = (0..30)
            .map(|i| {
                vec![
                    t(&format!("{}", 900_000 + i)),
                    t(["FORD", "TOYOTA", "KIA"][i % 3]),
                    t(&format!("201901{:02}", 1 + i % 28)),
                    t(["ENGINE", "AIR BAGS", "BRAKES", "STEERING"][i % 4]),
                    t(&format!("201903{:02}", 1 + i % 28)),
                ]
            })
            .collect();
        let p = propose(&h, &sample, &DateContext::default(), 0, &KEY_FIELDS, |_| true, None).expect("a proposal");
        let got: Vec<(Field, &str)> = p.fields.iter().map(|f| (f.field, f.map_to.as_str())).collect();
        assert_eq!(
            got[..3],
            [(Field::ReceivedDate, "column:C"), (Field::ClosedDate, "column:E"), (Field::ComplaintId, "column:A")]
        );
        assert!(p.by_position);
    }

    #[test]
    fn the_received_date_by_name_and_never_an_id_or_system_column() {
        let opts = crate::ingest::IngestOptions::default();
        let mapper = crate::ingest::header::Mapper { opts: &opts, synonyms: &opts.synonyms, first_col: 0 };
        let head = vec![vec![
            t("Id"),
            t("(Do Not Modify) Modified On"),
            t("Incident Date"),
            t("Customer"),
            t("Logged On"),
            t("Closed On"),
            t("Product"),
        ]];
        let header = crate::ingest::header::find(&head, &mapper).expect("a header");
        let row = |d: &str| vec![t("45296"), t(d), t(d), t("ACME"), t(d), t(d), t("X")];
        let sample = vec![row("2025-01-05"), row("2025-01-06"), row("2025-01-07")];
        let p = propose(&header, &sample, &DateContext::default(), 0, &[Field::ReceivedDate], |c| c != 5, None);
        assert_eq!(p.map(|p| p.fields[0].map_to.clone()), Some("Logged On".to_string()));
        assert_eq!(name_score("Case Number"), None);
        assert_eq!(name_score("sys_created_on"), None);
        assert!(name_score("Complaint Date") > name_score("Incident Date"));
    }

    #[test]
    fn the_sample_spreads_over_the_whole_sheet() {
        let mut s = Sampler::default();
        for i in 0..100_000 {
            s.offer(&[Cell::Number(f64::from(i))]);
        }
        assert!(s.rows.len() < 2 * SAMPLE_ROWS && s.rows.len() >= SAMPLE_ROWS);
        let last = s.rows.last().map(|r| r[0].display()).unwrap_or_default();
        assert!(last.parse::<u32>().unwrap_or(0) > 99_000, "{last}");
    }
}
