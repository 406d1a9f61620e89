//! What `check` shows of each sheet read: the header, how every column was
//! understood, the rows by kind, the order of each date column, the source
//! system, and the columns proposed when the header does not name them.

use super::fields::Field;
use super::header::{Header, Mapping};
use super::propose::Proposal;
use super::sink::SheetMeta;
use super::source::column_letter;
use super::source::Format;
use serde::Serialize;

/// How a column of a ledger sheet was understood.
#[derive(Debug, Clone, Serialize)]
pub struct ColumnReport {
    pub column: String,
    pub header: String,
    pub field: Option<Field>,
    /// Why a column with a known header was left unmapped.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Why a mapped column reads its field when others named it too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
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

/// How a date column with year-last numeric dates (`05/01/2024`) was read.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct DateOrderReport {
    pub column: String,
    pub field: Field,
    /// `day-first` or `month-first`.
    pub order: &'static str,
    /// Values whose first part is over 12 (only day-first reads them).
    pub day_first: usize,
    /// Values whose second part is over 12.
    pub month_first: usize,
    /// Values both orders read; read in `order`.
    pub undecidable: usize,
    /// Why, in words.
    pub reason: String,
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
    /// The file's format.
    pub format: Format,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// The day/month order of each date column with year-last dates.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub date_orders: Vec<DateOrderReport>,
    /// The source profile that read the sheet (`jira`, `sapqm` …), when
    /// its header showed one or `--source` named it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<SourceReport>,
    /// Columns proposed for fields the sheet's header does not name (or
    /// names by an uninformative column), when a column fits them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposal: Option<Proposal>,
}

impl SheetReport {
    /// The report of a sheet before anything is known but where it is from.
    pub fn new(file: &str, meta: &SheetMeta) -> SheetReport {
        SheetReport {
            file: file.to_string(),
            sheet: meta.sheet.clone(),
            skipped: None,
            header_rows: Vec::new(),
            columns: Vec::new(),
            counts: RowCounts::default(),
            format: meta.format,
            notes: meta.notes.clone(),
            date_orders: Vec::new(),
            source: None,
            proposal: None,
        }
    }
}

/// Which system's export a sheet looks like.
#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    pub name: String,
    pub title: String,
    /// Named by `--source` (or the config) rather than recognised.
    pub forced: bool,
}

/// The header's columns and how they were claimed (a sheet not read).
pub fn header_columns(header: &Header, mapping: &Mapping, first_col: u32) -> Vec<ColumnReport> {
    header
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.name.is_empty())
        .map(|(col, c)| ColumnReport {
            column: column_letter(first_col as usize + col),
            header: c.name.clone(),
            field: mapping.fields.get(col).copied().flatten(),
            note: mapping.notes.get(col).cloned().flatten(),
            why: None,
        })
        .collect()
}
