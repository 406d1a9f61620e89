//! One accepted ledger row with typed fields and provenance.

use super::cells::{normalize_key, normalize_text, Cell};
use super::dates::{parse_date_cell, DateContext, DateParse};
use super::fields::{Field, FieldKind};
use super::layout::status_word;
use super::IngestOptions;
use chrono::NaiveDate;
use serde::Serialize;

/// Why a data row was rejected (METRICS.md §6 reason codes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RejectReason {
    MissingReceivedDate,
    /// The received-date cell as written.
    BadReceivedDate(String),
}

impl RejectReason {
    pub fn code(&self) -> &'static str {
        match self {
            RejectReason::MissingReceivedDate => "missing_received_date",
            RejectReason::BadReceivedDate(_) => "bad_received_date",
        }
    }

    /// `missing_received_date` or `bad_received_date: "<cell text>"`.
    pub fn describe(&self) -> String {
        match self {
            RejectReason::MissingReceivedDate => self.code().to_string(),
            RejectReason::BadReceivedDate(text) => format!("{}: \"{}\"", self.code(), text),
        }
    }
}

/// A data row with a usable received date.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Text fields by `Field as usize` (date and number fields stay `None`).
    pub text: [Option<String>; Field::ALL.len()],
    pub received_date: Option<NaiveDate>,
    pub notified_date: Option<NaiveDate>,
    pub closed_date: Option<NaiveDate>,
    pub cost: Option<f64>,
    /// Marked closed by a status column or a closed word (`완료`) where the
    /// closed date should be.
    pub closed_mark: bool,
    pub source_file: String,
    pub source_sheet: String,
    pub source_row: u32,
    /// Hash of all the row's cells (mapped or not): rows without an id and
    /// with the same fingerprint are possible duplicates.
    pub fingerprint: u64,
}

impl Record {
    pub fn new(file: &str, sheet: &str, row: u32) -> Self {
        Record { source_file: file.to_string(), source_sheet: sheet.to_string(), source_row: row, ..Default::default() }
    }

    pub fn text(&self, field: Field) -> Option<&str> {
        self.text[field as usize].as_deref()
    }

    /// Stores one cell in `field`. `Err` carries the warning for a cell that
    /// could not be read (the field stays blank, the row is kept).
    pub fn set(
        &mut self,
        field: Field,
        cell: &Cell,
        ctx: &DateContext,
        opts: &IngestOptions,
    ) -> Result<(), &'static str> {
        if let Cell::Error(_) = cell {
            return Err("error value in the cell (#N/A, #REF! …); left blank");
        }
        match field.kind() {
            FieldKind::Date => {
                let parsed = parse_date_cell(cell, ctx);
                let date = match parsed {
                    DateParse::Date(d) => Some(d),
                    DateParse::Blank => None,
                    DateParse::Bad if field == Field::ClosedDate => match status_word(&cell.display()) {
                        Some(closed) => {
                            self.closed_mark |= closed;
                            None
                        }
                        None => return Err("not a date and not a status word; left blank (open)"),
                    },
                    DateParse::Bad => return Err("not a date; left blank"),
                };
                match field {
                    Field::ReceivedDate => self.received_date = date,
                    Field::NotifiedDate => self.notified_date = date,
                    _ => self.closed_date = date,
                }
            }
            FieldKind::Number => {
                let value = match cell {
                    Cell::Number(n) => Some(*n),
                    other => parse_amount(&other.display()),
                };
                self.cost = Some(value.ok_or("not a number; left blank")?);
            }
            FieldKind::Text => {
                let value = match cell {
                    Cell::Text(t) => text_value(field, t, opts),
                    other => text_value(field, &other.display(), opts),
                };
                self.put_text(field, value);
            }
        }
        Ok(())
    }

    /// Stores a text value made by [`text_value`] (a status word may mark
    /// the complaint closed).
    pub fn put_text(&mut self, field: Field, value: Option<String>) {
        if field == Field::Status && value.as_deref().and_then(status_word) == Some(true) {
            self.closed_mark = true;
        }
        self.text[field as usize] = value;
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

/// `1,200,000`, `₩35,000`, `35,000원`, `$1.5` → the number.
fn parse_amount(text: &str) -> Option<f64> {
    let cleaned: String =
        normalize_text(text).chars().filter(|c| !matches!(c, ',' | ' ' | '원' | '₩' | '$' | '€' | '\\')).collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_ledger_spellings() {
        assert_eq!(parse_amount("1,200,000"), Some(1_200_000.0));
        assert_eq!(parse_amount("₩35,000"), Some(35_000.0));
        assert_eq!(parse_amount("35,000원"), Some(35_000.0));
        assert_eq!(parse_amount("무상"), None);
    }

    #[test]
    fn closed_words_instead_of_dates() {
        let opts = IngestOptions::default();
        let ctx = DateContext::default();
        let mut r = Record::default();
        assert!(r.set(Field::ClosedDate, &Cell::Text("완료".into()), &ctx, &opts).is_ok());
        assert!(r.closed_mark && r.closed_date.is_none());
        let mut r = Record::default();
        assert!(r.set(Field::ClosedDate, &Cell::Text("진행중".into()), &ctx, &opts).is_ok());
        assert!(!r.closed_mark);
        assert!(r.set(Field::ClosedDate, &Cell::Text("다음주".into()), &ctx, &opts).is_err());
        assert!(r.set(Field::Status, &Cell::Text("처리완료".into()), &ctx, &opts).is_ok());
        assert!(r.closed_mark);
        assert!(r.set(Field::ComplaintId, &Cell::Number(101001242075.0), &ctx, &opts).is_ok());
        assert_eq!(r.text(Field::ComplaintId), Some("101001242075"));
    }
}
