//! The words for the domain's values: a field's column header, a signal's
//! direction, why a type is flagged, a rejected row's reason, a reader's
//! note, a handling-time estimate, a CAPA's status.

use super::{Labels, L};
use crate::ingest::fields::Field;
use crate::metrics::control_chart::{Direction, FlagReason};

impl Labels {
    /// The header of a field's column.
    pub fn field(&self, field: Field) -> &'static str {
        self.get(match field {
            Field::ComplaintId => L::ComplaintId,
            Field::ReceivedDate => L::ReceivedDate,
            Field::Customer => L::Customer,
            Field::Product => L::Product,
            Field::Lot => L::Lot,
            Field::DefectType => L::DefectType,
            Field::Description => L::Description,
            Field::Channel => L::Channel,
            Field::Severity => L::Severity,
            Field::Site => L::Site,
            Field::Department => L::Department,
            Field::Owner => L::Owner,
            Field::Cause => L::Cause,
            Field::Action => L::Action,
            Field::NotifiedDate => L::NotifiedDate,
            Field::ReplyDueDate => L::ReplyDueDate,
            Field::ClosedDate => L::ClosedDate,
            Field::Status => L::Status,
            Field::CapaId => L::CapaId,
            Field::CapaDueDate => L::CapaDueDate,
            Field::CapaClosedDate => L::CapaClosedDate,
            Field::CapaVerifiedDate => L::CapaVerifiedDate,
            Field::Nonconforming => L::Nonconforming,
            Field::Cost => L::Cost,
            Field::DefectQty => L::DefectQty,
            Field::Responsibility => L::Responsibility,
            Field::RowNo => L::RowNo,
        })
    }

    /// A signal's direction, in words.
    pub fn direction(&self, d: Direction) -> &'static str {
        self.get(match d {
            Direction::AboveUcl => L::AboveUcl,
            Direction::BelowLcl => L::BelowLcl,
            Direction::Above => L::Above,
            Direction::Below => L::Below,
            Direction::Increasing => L::Increasing,
            Direction::Decreasing => L::Decreasing,
        })
    }

    /// Why a defect type is flagged, in words (`관리상한 초과, 신규 유형`).
    pub fn reasons(&self, reasons: &[FlagReason]) -> String {
        let word = |r: &FlagReason| {
            self.get(match r {
                FlagReason::AboveUcl => L::AboveUcl,
                FlagReason::NewType => L::NewType,
                FlagReason::Rule2 => L::Rule2,
                FlagReason::Rule3 => L::Rule3,
            })
        };
        reasons.iter().map(word).collect::<Vec<_>>().join(", ")
    }

    /// A rejected row's reason in words (rejects.csv and `check` give its
    /// code, `missing_received_date`).
    pub fn reject_reason(&self, r: &crate::ingest::record::RejectReason) -> String {
        use crate::ingest::record::RejectReason;
        match (r, self.korean) {
            (RejectReason::MissingReceivedDate, false) => "No received date".to_string(),
            (RejectReason::BadReceivedDate(text), false) => format!("Received date not readable as a date: \"{text}\""),
            (RejectReason::TooManyFields { fields, expected, .. }, false) => {
                format!("{fields} fields where the header has {expected}: a delimiter inside a value not in quotes?")
            }
            (RejectReason::MissingReceivedDate, true) => "접수일 없음".to_string(),
            (RejectReason::BadReceivedDate(text), true) => format!("접수일을 날짜로 읽을 수 없음: \"{text}\""),
            (RejectReason::TooManyFields { fields, expected, .. }, true) => {
                format!("필드 수 {fields}개 (머리글 {expected}개): 따옴표 없는 값 안의 구분자?")
            }
        }
    }

    /// What the reader said about a cell or a sheet, in Korean for a Korean
    /// workbook: the reader's messages are few and fixed, the numbers and
    /// names in them are kept. A text not known here is shown as is.
    pub fn reader_note(&self, note: &str) -> String {
        if !self.korean {
            return note.to_string();
        }
        crate::report::reader_notes::korean(note).unwrap_or_else(|| note.to_string())
    }

    /// A handling-time estimate (§3) as shown: its value, or "≥ bound (n
    /// open)" when not reached, or "–".
    pub fn estimate(&self, e: crate::metrics::month::Estimate, open: Option<u64>) -> String {
        match (e.value, e.at_least) {
            (Some(v), _) => format!("{v:.1}"),
            (None, Some(b)) => self.fmt(L::TtrAtLeast, &[&format!("{b:.1}"), &open.unwrap_or(0)]),
            (None, None) => "–".to_string(),
        }
    }

    /// A CAPA's status in words; an open one past its due date says so, and
    /// one the problem came back after (ineffective, docs/metrics.md §9 —
    /// whatever its verification said) says that too.
    pub fn capa_status(&self, c: &crate::metrics::capa::Capa) -> String {
        use crate::metrics::capa::CapaStatus;
        let status = self.get(match c.status {
            CapaStatus::Open if c.overdue => L::CapaStatusOverdue,
            CapaStatus::Open => L::CapaStatusOpen,
            CapaStatus::Closed => L::CapaStatusClosed,
            CapaStatus::Verified => L::CapaStatusVerified,
        });
        match &c.ineffective_by {
            Some(_) => self.fmt(L::CapaStatusButRecurred, &[&status]),
            None => status.to_string(),
        }
    }
}
