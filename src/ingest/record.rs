//! Accepted ledger rows with typed fields and provenance, stored compactly:
//! each text value is kept once per field and rows hold its number.

pub use super::amounts::{parse_amount, parse_quantity};
use super::cells::{normalize_key, normalize_text, Cell};
use super::dates::{parse_date_cell_with_order, DateContext, DateParse, OrderEvidence};
use super::fields::{Field, FieldKind, DATE_FIELDS, NUMBER_FIELDS, TEXT_FIELDS};
use super::IngestOptions;
use chrono::NaiveDate;
use polars::prelude::PlHashMap;
use serde::Serialize;
use std::sync::Arc;

/// Why a data row was rejected (docs/metrics.md §6 reason codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RejectReason {
    MissingReceivedDate,
    /// The received-date cell as written.
    BadReceivedDate(String),
    /// A text file's line split into more fields than its header has (a
    /// delimiter inside an unquoted value shifts every column after it):
    /// the fields found, the header's, and the line as written.
    TooManyFields {
        fields: usize,
        expected: usize,
        line: String,
    },
}

impl RejectReason {
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::MissingReceivedDate => "missing_received_date",
            RejectReason::BadReceivedDate(_) => "bad_received_date",
            RejectReason::TooManyFields { .. } => "too_many_fields",
        }
    }

    /// `missing_received_date` or `bad_received_date: "<cell text>"`.
    pub fn describe(&self) -> String {
        match self {
            RejectReason::MissingReceivedDate => self.code().to_string(),
            RejectReason::BadReceivedDate(text) => format!("{}: \"{}\"", self.code(), text),
            RejectReason::TooManyFields { fields, expected, .. } => format!(
                "{}: {fields} fields where the header has {expected} (a delimiter inside a value that is not in quotes?)",
                self.code()
            ),
        }
    }
}

/// A rejected data row with the original cell texts.
#[derive(Debug, Clone, Serialize)]
pub struct Reject {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub reason: RejectReason,
    /// (column header or letter, cell text) of every filled cell.
    pub cells: Vec<(String, String)>,
    /// Which of `cells` is the customer (masked by `--redact`).
    #[serde(skip)]
    pub customer_cell: Option<usize>,
}

/// A cell that could not be read; its row was kept with the field blank.
#[derive(Debug, Clone, Serialize)]
pub struct Warning {
    pub file: String,
    pub sheet: String,
    pub row: u32,
    pub column: String,
    pub field: Field,
    pub text: String,
    pub message: String,
}

/// Rejects and warnings collected while reading.
#[derive(Debug, Default)]
pub struct IngestLog {
    pub rejects: Vec<Reject>,
    pub warnings: Vec<Warning>,
}

/// A data row with a usable received date. Text fields are value numbers
/// in [`Records`]' per-field pools (0 = blank).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Record {
    /// Value numbers of the text fields, in [`Field::text_slot`] order (a
    /// record is kept per row: at 10M rows every byte here is 10 MB).
    text: [u32; TEXT_FIELDS],
    /// The date fields, in the order of [`DATE_FIELDS`].
    pub dates: [Option<NaiveDate>; DATE_FIELDS.len()],
    /// The number fields (cost, defect quantity), each valid when its flag
    /// is set (an `Option<f64>` would take 16 bytes).
    numbers: [f64; NUMBER_FIELDS.len()],
    has_number: [bool; NUMBER_FIELDS.len()],
    /// Marked closed by a status column or a closed word (`완료`) where the
    /// closed date should be.
    pub closed_mark: bool,
    /// Index into [`Records::sources`].
    pub source: u32,
    pub source_row: u32,
    /// Hash of all the row's cells (mapped or not): rows without an id and
    /// with the same fingerprint are possible duplicates.
    pub fingerprint: u64,
}

impl Record {
    /// The value of a date field (`None` for a blank or a text field).
    pub fn date(&self, field: Field) -> Option<NaiveDate> {
        field.date_slot().and_then(|i| self.dates[i])
    }

    pub fn set_date(&mut self, field: Field, date: Option<NaiveDate>) {
        if let Some(i) = field.date_slot() {
            self.dates[i] = date;
        }
    }

    pub fn received_date(&self) -> Option<NaiveDate> {
        self.dates[0]
    }

    /// The value of a number field (`None` for a blank or another field).
    pub fn number(&self, field: Field) -> Option<f64> {
        field.number_slot().filter(|&i| self.has_number[i]).map(|i| self.numbers[i])
    }

    pub fn set_number(&mut self, field: Field, value: f64) {
        if let Some(i) = field.number_slot() {
            (self.numbers[i], self.has_number[i]) = (value, true);
        }
    }

    pub fn cost(&self) -> Option<f64> {
        self.number(Field::Cost)
    }

    /// The value number of a text field in this record's field pool (0 =
    /// blank, and for a field that is not text).
    pub fn text(&self, field: Field) -> u32 {
        field.text_slot().map_or(0, |i| self.text[i])
    }

    fn set_text(&mut self, field: Field, n: u32) {
        if let Some(i) = field.text_slot() {
            self.text[i] = n;
        }
    }
}

/// The distinct values of one text field, each stored once.
#[derive(Debug, Default)]
struct Pool {
    /// Value number − 1 → value.
    values: Vec<Arc<str>>,
    index: PlHashMap<Arc<str>, u32>,
    /// Raw cell text → value number, for fields whose values repeat
    /// (normalised once per distinct text).
    raw: PlHashMap<Arc<str>, u32>,
    /// For the status field: value number − 1 → a closed word.
    closed_word: Vec<bool>,
    /// Cell texts the reader shares between rows (see
    /// [`Records::put_text_cell`]), by address → value number; each entry
    /// holds its text, so the address stays its own.
    shared: PlHashMap<usize, (Arc<str>, u32)>,
}

/// Shared cell texts remembered per field at most (a column of mostly
/// different values stops adding to them).
const SHARED_PER_FIELD: usize = 1 << 16;

impl Pool {
    fn intern(&mut self, field: Field, value: Option<String>) -> u32 {
        let Some(value) = value else { return 0 };
        if let Some(&n) = self.index.get(value.as_str()) {
            return n;
        }
        if field == Field::Status {
            self.closed_word.push(status_word(&value) == Some(true));
        }
        let value: Arc<str> = value.into();
        self.values.push(value.clone());
        let n = self.values.len() as u32;
        self.index.insert(value, n);
        n
    }

    fn get(&self, n: u32) -> Option<&str> {
        n.checked_sub(1).map(|i| &*self.values[i as usize])
    }
}

/// Every accepted row of a run, in input order.
#[derive(Debug, Default)]
pub struct Records {
    pub rows: Vec<Record>,
    pools: Vec<Pool>,
    /// (file, sheet) of each source sheet.
    pub sources: Vec<(Arc<str>, Arc<str>)>,
}

impl Records {
    pub fn new() -> Self {
        Records { rows: Vec::new(), pools: Field::ALL.iter().map(|_| Pool::default()).collect(), sources: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Registers a sheet; its number goes into [`Record::source`].
    pub fn add_source(&mut self, file: &str, sheet: &str) -> u32 {
        self.sources.push((file.into(), sheet.into()));
        (self.sources.len() - 1) as u32
    }

    /// A new record of `source` at sheet row `row`.
    pub fn record(&self, source: u32, row: u32) -> Record {
        Record { source, source_row: row, ..Default::default() }
    }

    /// The text of `field` in record `i`.
    pub fn text(&self, i: usize, field: Field) -> Option<&str> {
        self.value(field, self.rows[i].text(field))
    }

    /// Every distinct value of `field`; value number `n` is `[n - 1]`.
    pub fn pool_values(&self, field: Field) -> Vec<&str> {
        self.pools[field as usize].values.iter().map(|v| &**v).collect()
    }

    /// The text of value number `n` of `field`.
    pub fn value(&self, field: Field, n: u32) -> Option<&str> {
        self.pools[field as usize].get(n)
    }

    pub fn source_file(&self, i: usize) -> &str {
        &self.sources[self.rows[i].source as usize].0
    }

    pub fn source_sheet(&self, i: usize) -> &str {
        &self.sources[self.rows[i].source as usize].1
    }

    /// Stores `value` as the text of `field` in `record`.
    pub fn put_text(&mut self, record: &mut Record, field: Field, value: Option<String>) {
        let n = self.pools[field as usize].intern(field, value);
        self.put_number(record, field, n);
    }

    fn put_number(&self, record: &mut Record, field: Field, n: u32) {
        record.set_text(field, n);
        if field == Field::Status && n > 0 && self.pools[field as usize].closed_word[n as usize - 1] {
            record.closed_mark = true;
        }
    }

    /// Gives record `i` value number `n` (of this run's pool) for `field`.
    pub fn replace_text(&mut self, i: usize, field: Field, n: u32) {
        let mut record = self.rows[i];
        self.put_number(&mut record, field, n);
        self.rows[i] = record;
    }

    /// The value number of a cell text of a field whose values repeat:
    /// each distinct cell text is normalised once per run.
    fn repeating_number(&mut self, field: Field, raw: &Arc<str>, opts: &IngestOptions) -> u32 {
        let pool = &mut self.pools[field as usize];
        match pool.raw.get(&**raw) {
            Some(&n) => n,
            None => {
                let n = pool.intern(field, text_value(field, raw, opts));
                pool.raw.insert(raw.clone(), n);
                n
            }
        }
    }

    /// Stores a text cell. A cell text the reader shares between rows (one
    /// allocation per distinct text of a column, see `RepeatedTexts`) is
    /// known by its address after its first row: no hashing of the text,
    /// no normalising, whatever the field.
    fn put_text_cell(&mut self, record: &mut Record, field: Field, raw: &Arc<str>, opts: &IngestOptions) {
        let key = Arc::as_ptr(raw).cast::<u8>() as usize;
        let n = match self.pools[field as usize].shared.get(&key) {
            Some(&(_, n)) => n,
            None => {
                // another holder than this row's cell: the reader shares it
                let shared = Arc::strong_count(raw) > 1;
                let n = if field.repeats() {
                    self.repeating_number(field, raw, opts)
                } else {
                    self.pools[field as usize].intern(field, text_value(field, raw, opts))
                };
                let pool = &mut self.pools[field as usize];
                if shared && pool.shared.len() < SHARED_PER_FIELD {
                    pool.shared.insert(key, (raw.clone(), n));
                }
                n
            }
        };
        self.put_number(record, field, n);
    }

    /// Room for `rows` more records (what a sheet says it has), and for as
    /// many ids when it has an id column (ids mostly differ): one
    /// allocation each instead of doubling, every doubling a copy into
    /// fresh memory the kernel has to clear.
    pub fn reserve(&mut self, rows: usize, ids: bool) {
        self.rows.reserve(rows);
        if ids {
            let pool = &mut self.pools[Field::ComplaintId as usize];
            pool.values.reserve(rows);
            pool.index.reserve(rows);
        }
    }

    /// Stores one cell in `field` of `record`. `Err` carries the warning for
    /// a cell that could not be read (the field stays blank, the row is
    /// kept); `Ok(Some(_))` what a year-last date says about the day/month
    /// order (the sheet may read the column the other way once it has seen
    /// all its values).
    pub fn set(
        &mut self,
        record: &mut Record,
        field: Field,
        cell: &Cell,
        ctx: &DateContext,
        opts: &IngestOptions,
    ) -> Result<Option<OrderEvidence>, &'static str> {
        if let Cell::Error(_) = cell {
            return Err("error value in the cell (#N/A, #REF!, #SPILL! …); left blank");
        }
        let mut evidence = None;
        match field.kind() {
            FieldKind::Date => {
                let (parsed, order) = parse_date_cell_with_order(cell, ctx);
                evidence = order;
                let date = match parsed {
                    DateParse::Date(d) => Some(d),
                    DateParse::Blank => None,
                    DateParse::Bad if field == Field::ClosedDate => match status_word(&cell.display()) {
                        Some(closed) => {
                            record.closed_mark |= closed;
                            None
                        }
                        None => return Err("not a date and not a status word; left blank (open)"),
                    },
                    DateParse::Bad => return Err("not a date; left blank"),
                };
                record.set_date(field, date);
            }
            FieldKind::Number if field == Field::DefectQty => {
                let value = match cell {
                    Cell::Number(n) => Some(*n),
                    other => parse_quantity(&other.display())?,
                };
                match value {
                    Some(q) if q < 0.0 => return Err("a negative quantity; left blank (unknown)"),
                    Some(q) => record.set_number(field, q),
                    None => {}
                }
            }
            FieldKind::Number => {
                let value = match cell {
                    Cell::Number(n) => Some(*n),
                    other => parse_amount(&other.display()),
                };
                record.set_number(field, value.ok_or("not an amount; left blank")?);
            }
            FieldKind::Text => {
                match cell {
                    Cell::Text(t) => self.put_text_cell(record, field, t, opts),
                    other => self.put_text(record, field, text_value(field, &other.display(), opts)),
                }
                // the word is kept as written; an unknown one counts as no
                if field == Field::Nonconforming && yes_no(&cell.display()).is_none() {
                    return Err("not a yes/no word (Y, N, 예, 아니오, ○, X, 해당, 비해당 …); counted as no");
                }
            }
        }
        Ok(evidence)
    }

    /// Frees the lookups of text to value number once every value is in:
    /// the numbers and values stay (a few hundred MB at 10M unique ids,
    /// freed before the table is built).
    pub fn finish_reading(&mut self) {
        for pool in &mut self.pools {
            pool.index = PlHashMap::default();
            pool.raw = PlHashMap::default();
            pool.shared = PlHashMap::default();
        }
    }

    /// Running numbers become ids (see `ingest`): copies each record's
    /// running number into its id.
    pub fn use_row_numbers_as_ids(&mut self) {
        for i in 0..self.rows.len() {
            let no = self.text(i, Field::RowNo).map(str::to_string);
            let mut record = self.rows[i];
            self.put_text(&mut record, Field::ComplaintId, no);
            self.rows[i] = record;
        }
    }
}

/// A text field's value: normalised, mapped through the user's value
/// synonyms, `None` when blank. Pure, so callers may cache it per cell text.
pub fn text_value(field: Field, raw: &str, opts: &IngestOptions) -> Option<String> {
    let mut text = normalize_text(raw);
    if let Some(synonyms) = opts.value_synonyms.get(&field) {
        if let Some(canonical) = synonyms.get(&normalize_key(&text)) {
            text = canonical.clone();
        }
    }
    (!text.is_empty()).then_some(text)
}

/// A nonconforming cell's yes/no word (docs/metrics.md §11), matched
/// case-insensitively: `Some(true)` yes, `Some(false)` no (blank included),
/// `None` for any other word (a warning; it counts as no).
pub fn yes_no(text: &str) -> Option<bool> {
    const YES: [&str; 12] = ["y", "yes", "예", "o", "○", "●", "v", "✓", "해당", "부적합", "true", "1"];
    const NO: [&str; 10] = ["n", "no", "아니오", "x", "×", "비해당", "적합", "false", "0", ""];
    let key = normalize_key(text);
    if YES.contains(&key.as_str()) {
        Some(true)
    } else if NO.contains(&key.as_str()) {
        Some(false)
    } else {
        None
    }
}

/// Closed/open words in a closed-date or status cell (docs/ledgers.md):
/// `Some(true)` closed, `Some(false)` open, `None` not a status word.
pub fn status_word(text: &str) -> Option<bool> {
    const CLOSED: [&str; 11] =
        ["완료", "종결", "처리완료", "조치완료", "해결", "처리됨", "closed", "resolved", "solved", "done", "complete"];
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
    fn a_record_takes_136_bytes() {
        // kept per data row: 10M rows at 136 bytes are 1.4 GB of the reading's
        // peak (168 bytes before text slots only for text fields and the
        // numbers without an Option; 128 before the defect quantity and
        // responsibility of issue 26)
        assert!(std::mem::size_of::<Record>() <= 136, "{} bytes", std::mem::size_of::<Record>());
        let mut r = Record::default();
        assert_eq!((r.cost(), r.number(Field::DefectQty)), (None, None));
        r.set_number(Field::Cost, 0.0);
        assert_eq!((r.cost(), r.number(Field::DefectQty)), (Some(0.0), None));
        assert_eq!(r.text(Field::ReceivedDate), 0, "a date has no value number");
    }

    #[test]
    fn status_words() {
        assert_eq!(status_word("완료"), Some(true));
        assert_eq!(status_word(" 처리완료 "), Some(true));
        assert_eq!(status_word("Closed with explanation"), Some(true));
        assert_eq!(status_word("완료(회신)"), Some(true));
        assert_eq!(status_word("완료예정"), None);
        assert_eq!(status_word("Solved"), Some(true));
        assert_eq!(status_word("해결"), Some(true));
        assert_eq!(status_word("처리됨"), Some(true));
        assert_eq!(status_word("Pending"), Some(false));
        assert_eq!(status_word("미완료"), Some(false));
        assert_eq!(status_word("진행중"), Some(false));
        assert_eq!(status_word("In progress"), Some(false));
        assert_eq!(status_word("-"), Some(false));
        assert_eq!(status_word("N/A"), Some(false));
        assert_eq!(status_word("2024-01-05"), None);
    }

    #[test]
    fn yes_no_words() {
        for w in ["Y", "yes", "예", "○", "●", "✓", "해당", "부적합", "TRUE", "1", " y "] {
            assert_eq!(yes_no(w), Some(true), "{w}");
        }
        for w in ["N", "No", "아니오", "X", "×", "비해당", "적합", "false", "0", ""] {
            assert_eq!(yes_no(w), Some(false), "{w}");
        }
        for w in ["확인중", "?", "부적합품"] {
            assert_eq!(yes_no(w), None, "{w}");
        }
    }

    #[test]
    fn closed_words_instead_of_dates() {
        let opts = IngestOptions::default();
        let ctx = DateContext::default();
        let mut store = Records::new();
        let mut r = Record::default();
        assert!(store.set(&mut r, Field::Nonconforming, &Cell::Text("○".into()), &ctx, &opts).is_ok());
        assert!(store.set(&mut r, Field::Nonconforming, &Cell::Number(1.0), &ctx, &opts).is_ok());
        assert!(store.set(&mut r, Field::Nonconforming, &Cell::Text("확인중".into()), &ctx, &opts).is_err());
        assert_ne!(r.text(Field::Nonconforming), 0, "an unknown word is kept as written");
        assert!(store.set(&mut r, Field::ClosedDate, &Cell::Text("완료".into()), &ctx, &opts).is_ok());
        assert!(r.closed_mark && r.date(Field::ClosedDate).is_none());
        let mut r = Record::default();
        assert!(store.set(&mut r, Field::ClosedDate, &Cell::Text("진행중".into()), &ctx, &opts).is_ok());
        assert!(!r.closed_mark);
        assert!(store.set(&mut r, Field::ClosedDate, &Cell::Text("다음주".into()), &ctx, &opts).is_err());
        assert!(store.set(&mut r, Field::Status, &Cell::Text("처리완료".into()), &ctx, &opts).is_ok());
        assert!(r.closed_mark);
        assert!(store.set(&mut r, Field::ComplaintId, &Cell::Number(101001242075.0), &ctx, &opts).is_ok());
        store.rows.push(r);
        assert_eq!(store.text(0, Field::ComplaintId), Some("101001242075"));
    }

    #[test]
    fn values_are_stored_once_per_field() {
        let opts = IngestOptions::default();
        let ctx = DateContext::default();
        let mut store = Records::new();
        for raw in ["대원산업", " 대원산업 ", "대원산업"] {
            let mut r = Record::default();
            let cell = Cell::Text(raw.into());
            assert!(store.set(&mut r, Field::Customer, &cell, &ctx, &opts).is_ok());
            assert!(store.set(&mut r, Field::Description, &cell, &ctx, &opts).is_ok());
            store.rows.push(r);
        }
        assert_eq!(store.pools[Field::Customer as usize].values.len(), 1);
        // a text the reader shares is known by its address after its first row
        let shared: Arc<str> = " 대원산업 ".into(); // held here and by each cell
        for field in [Field::Customer, Field::Description] {
            let known = store.pools[field as usize].shared.len();
            for _ in 0..2 {
                let mut r = Record::default();
                assert!(store.set(&mut r, field, &Cell::Text(shared.clone()), &ctx, &opts).is_ok());
                assert_eq!(store.value(field, r.text(field)), Some("대원산업"));
            }
            assert_eq!(store.pools[field as usize].shared.len(), known + 1);
        }
        assert_eq!(store.pools[Field::Description as usize].values.len(), 1);
        assert_eq!(store.text(1, Field::Customer), Some("대원산업"));
        assert_eq!(store.text(2, Field::Lot), None);
    }
}
