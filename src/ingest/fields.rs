//! The canonical ledger fields and the header synonyms of docs/ledgers.md.

use super::cells::normalize_header;
use serde::Serialize;
use std::collections::HashMap;

/// A canonical field of the clean complaint table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    ComplaintId,
    ReceivedDate,
    Customer,
    Product,
    Lot,
    DefectType,
    Description,
    Channel,
    Severity,
    Site,
    Department,
    Owner,
    Cause,
    Action,
    NotifiedDate,
    /// The customer's requested reply date (회신요청일).
    ReplyDueDate,
    ClosedDate,
    Status,
    CapaId,
    CapaDueDate,
    CapaClosedDate,
    CapaVerifiedDate,
    Nonconforming,
    Cost,
    /// A running row number (`No.`, `번호`): read to recognise template
    /// rows, never an id (numbers restart on every sheet).
    RowNo,
}

/// How a field's cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Date,
    Number,
}

/// The date fields, in table order; a record keeps its dates in this order.
pub const DATE_FIELDS: [Field; 7] = [
    Field::ReceivedDate,
    Field::NotifiedDate,
    Field::ReplyDueDate,
    Field::ClosedDate,
    Field::CapaDueDate,
    Field::CapaClosedDate,
    Field::CapaVerifiedDate,
];

/// How many fields are text (every field but the dates and the cost): the
/// value numbers a record keeps.
pub const TEXT_FIELDS: usize = Field::ALL.len() - DATE_FIELDS.len() - 1;

/// Each field's place among the text fields (`usize::MAX` for the others).
const TEXT_SLOTS: [usize; Field::ALL.len()] = {
    let mut slots = [usize::MAX; Field::ALL.len()];
    let mut next = 0;
    let mut i = 0;
    while i < Field::ALL.len() {
        let f = Field::ALL[i] as usize;
        let mut is_date = false;
        let mut j = 0;
        while j < DATE_FIELDS.len() {
            is_date |= DATE_FIELDS[j] as usize == f;
            j += 1;
        }
        if !is_date && f != Field::Cost as usize {
            slots[f] = next;
            next += 1;
        }
        i += 1;
    }
    assert!(next == TEXT_FIELDS);
    slots
};

impl Field {
    /// Every field in table order (RowNo last, it is not a table column).
    pub const ALL: [Field; 25] = [
        Field::ComplaintId,
        Field::ReceivedDate,
        Field::Customer,
        Field::Product,
        Field::Lot,
        Field::DefectType,
        Field::Description,
        Field::Channel,
        Field::Severity,
        Field::Site,
        Field::Department,
        Field::Owner,
        Field::Cause,
        Field::Action,
        Field::NotifiedDate,
        Field::ReplyDueDate,
        Field::ClosedDate,
        Field::Status,
        Field::CapaId,
        Field::CapaDueDate,
        Field::CapaClosedDate,
        Field::CapaVerifiedDate,
        Field::Nonconforming,
        Field::Cost,
        Field::RowNo,
    ];

    /// The snake_case name used in the table, JSON and the config file.
    pub fn name(self) -> &'static str {
        match self {
            Field::ComplaintId => "complaint_id",
            Field::ReceivedDate => "received_date",
            Field::Customer => "customer",
            Field::Product => "product",
            Field::Lot => "lot",
            Field::DefectType => "defect_type",
            Field::Description => "description",
            Field::Channel => "channel",
            Field::Severity => "severity",
            Field::Site => "site",
            Field::Department => "department",
            Field::Owner => "owner",
            Field::Cause => "cause",
            Field::Action => "action",
            Field::NotifiedDate => "notified_date",
            Field::ReplyDueDate => "reply_due_date",
            Field::ClosedDate => "closed_date",
            Field::Status => "status",
            Field::CapaId => "capa_id",
            Field::CapaDueDate => "capa_due_date",
            Field::CapaClosedDate => "capa_closed_date",
            Field::CapaVerifiedDate => "capa_verified_date",
            Field::Nonconforming => "nonconforming",
            Field::Cost => "cost",
            Field::RowNo => "row_no",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        let wanted = normalize_header(name);
        Field::ALL.into_iter().find(|f| normalize_header(f.name()) == wanted)
    }

    pub fn kind(self) -> FieldKind {
        if self.date_slot().is_some() {
            FieldKind::Date
        } else if self == Field::Cost {
            FieldKind::Number
        } else {
            FieldKind::Text
        }
    }

    /// The position of a text field among a record's value numbers (see
    /// [`TEXT_FIELDS`]); `None` for a date or the cost.
    pub fn text_slot(self) -> Option<usize> {
        Some(TEXT_SLOTS[self as usize]).filter(|&s| s != usize::MAX)
    }

    /// The position of a date field in [`DATE_FIELDS`] (and in a record's dates).
    pub fn date_slot(self) -> Option<usize> {
        DATE_FIELDS.iter().position(|f| *f == self)
    }

    /// Text fields whose values repeat across rows (categories and names),
    /// worth normalising once per distinct value.
    pub fn repeats(self) -> bool {
        matches!(
            self,
            Field::Customer
                | Field::Product
                | Field::DefectType
                | Field::Channel
                | Field::Severity
                | Field::Site
                | Field::Department
                | Field::Owner
                | Field::Status
                | Field::Nonconforming
        )
    }

    /// Fields whose disagreement between two records of one id is a
    /// conflict (docs/metrics.md §6); the others are lifecycle updates.
    pub fn is_identity(self) -> bool {
        matches!(self, Field::ReceivedDate | Field::Customer | Field::Product | Field::Lot | Field::DefectType)
    }

    /// The built-in header synonyms (Korean and English), docs/ledgers.md.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::ComplaintId => &[
                "접수번호",
                "관리번호",
                "불만번호",
                "접수No",
                "complaint id",
                "id",
                "ticket",
                "ticket #",
                "ticket no",
                "complaint number",
                "case no",
                "case number",
                "reference",
            ],
            Field::ReceivedDate => &[
                "접수일",
                "접수일자",
                "접수일시",
                "발생일",
                "발생일자",
                "등록일",
                "신고일",
                "민원접수일",
                "date received",
                "received",
                "opened",
                "created",
                "created date",
                "complaint date",
                "date opened",
                "open date",
                "report date",
                "created at",
                "created on",
                "opened at",
                "date/time opened",
            ],
            Field::Customer => &[
                "고객",
                "고객명",
                "고객사",
                "거래처",
                "거래처명",
                "업체명",
                "customer",
                "company",
                "client",
                "account",
            ],
            Field::Product => {
                &["제품", "제품명", "품명", "품목", "모델", "모델명", "품번", "product", "item", "model", "part"]
            }
            Field::Lot => &["로트", "로트번호", "LOT", "제조번호", "lot no", "batch"],
            Field::DefectType => &[
                "불량유형",
                "불만유형",
                "유형",
                "불량구분",
                "불만분류",
                "분류",
                "defect type",
                "category",
                "issue",
                "complaint type",
                "type",
            ],
            Field::Description => &[
                "불만내용",
                "불량내용",
                "내용",
                "접수내용",
                "현상",
                "description",
                "details",
                "complaint",
                "narrative",
            ],
            Field::Channel => &["접수경로", "접수방법", "경로", "channel", "submitted via", "source"],
            Field::Severity => &["중요도", "등급", "심각도", "severity", "priority"],
            Field::Site => &["공장", "사업장", "라인", "site", "plant", "line"],
            Field::Department => &["담당부서", "처리부서", "부서", "department", "team", "agency"],
            Field::Owner => &["담당자", "처리자", "owner", "assignee", "handler"],
            Field::Cause => &["원인", "원인분석", "발생원인", "cause", "root cause"],
            Field::Action => &["조치내용", "처리내용", "조치사항", "action", "resolution", "response"],
            Field::NotifiedDate => &["통보일", "회신일", "고객통보일", "notified", "reply date"],
            Field::ReplyDueDate => {
                &["회신요청일", "회신기한", "통보기한", "요청기한", "reply due", "response due", "due date"]
            }
            Field::ClosedDate => &[
                "완료일",
                "완료일자",
                "처리완료일",
                "종결일",
                "조치완료일",
                "closed",
                "closed date",
                "date closed",
                "resolved",
                "resolved date",
                "resolution date",
                "closed at",
                "resolved at",
                "closed on",
                "resolved on",
                "date/time closed",
            ],
            Field::Status => &["상태", "진행상태", "처리상태", "status"],
            Field::CapaId => &["시정조치번호", "CAPA번호", "capa", "capa no"],
            Field::CapaDueDate => &["시정조치기한", "조치기한", "capa due", "capa due date"],
            Field::CapaClosedDate => &["시정조치완료일", "CAPA완료일", "capa closed", "capa completed"],
            Field::CapaVerifiedDate => {
                &["효과확인일", "유효성확인일", "효과성확인일", "capa verified", "effectiveness check"]
            }
            Field::Nonconforming => &["부적합", "부적합여부", "nonconforming"],
            Field::Cost => {
                &["비용", "손실금액", "보상금액", "클레임금액", "클레임비용", "cost", "amount", "claim amount"]
            }
            Field::RowNo => &["No", "번호", "순번", "연번", "row"],
        }
    }

    /// Header names that name this field only when no other column of the
    /// sheet names it more precisely (`Date` beside `Date received`).
    fn weak_synonyms(self) -> &'static [&'static str] {
        match self {
            Field::ReceivedDate => &["date", "일자", "날짜"],
            _ => &[],
        }
    }
}

/// How firmly a header names its field: a weak synonym that yields to a
/// firmer one, a built-in or user synonym, a column of a source profile (its
/// rank: the profile's first choice is 0), or the user's explicit mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    Weak,
    Synonym,
    /// A profile's column; a lower rank is a firmer choice.
    Profile(std::cmp::Reverse<u8>),
    Explicit,
}

/// Header text → field, built from the built-in synonyms, the canonical
/// names and the user's extra synonyms; a source profile adds its columns,
/// headers never to read and suffixes to drop (`Product [list]`).
#[derive(Debug, Clone)]
pub struct SynonymTable {
    by_header: HashMap<String, (Field, Strength)>,
    ignored: std::collections::HashSet<String>,
    suffixes: Vec<String>,
}

impl SynonymTable {
    pub fn new(extra: &[(Field, String)]) -> Self {
        let mut by_header = HashMap::new();
        for field in Field::ALL {
            by_header.insert(normalize_header(field.name()), (field, Strength::Synonym));
            for s in field.synonyms() {
                by_header.entry(normalize_header(s)).or_insert((field, Strength::Synonym));
            }
            for s in field.weak_synonyms() {
                by_header.entry(normalize_header(s)).or_insert((field, Strength::Weak));
            }
        }
        let mut table = SynonymTable { by_header, ignored: Default::default(), suffixes: Vec::new() };
        table.extend(extra);
        table
    }

    /// Adds synonyms (the user's), which win over built-in ones.
    pub fn extend(&mut self, extra: &[(Field, String)]) {
        for (field, text) in extra {
            self.by_header.insert(normalize_header(text), (*field, Strength::Synonym));
        }
        self.by_header.remove("");
    }

    /// This table with a source profile's columns (field → header names in
    /// order of preference), headers it never reads, and header suffixes
    /// it drops before looking a name up.
    pub fn with_profile(&self, columns: &[(Field, Vec<String>)], ignore: &[String], suffixes: &[String]) -> Self {
        let mut table = self.clone();
        for (field, headers) in columns {
            for (rank, h) in headers.iter().enumerate() {
                let rank = u8::try_from(rank).unwrap_or(u8::MAX);
                table.by_header.insert(normalize_header(h), (*field, Strength::Profile(std::cmp::Reverse(rank))));
            }
        }
        table.ignored.extend(ignore.iter().map(|h| normalize_header(h)));
        table.suffixes.extend(suffixes.iter().map(|s| normalize_header(s)));
        table.by_header.remove("");
        table
    }

    pub fn lookup(&self, header_text: &str) -> Option<Field> {
        self.lookup_with_strength(header_text).map(|(f, _)| f)
    }

    pub fn lookup_with_strength(&self, header_text: &str) -> Option<(Field, Strength)> {
        let key = normalize_header(header_text);
        if self.ignored.contains(&key) {
            return None;
        }
        self.by_header.get(&key).copied().or_else(|| {
            let stem = self.suffixes.iter().find_map(|s| key.strip_suffix(s.as_str()))?;
            self.by_header.get(stem).copied()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synonyms_match_ignoring_case_space_punctuation_width() {
        let t = SynonymTable::new(&[]);
        assert_eq!(t.lookup("접수 일자"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Date Received"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("received_date"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Received date"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("ＬＯＴ"), Some(Field::Lot));
        assert_eq!(t.lookup("Lot No."), Some(Field::Lot));
        assert_eq!(t.lookup("No."), Some(Field::RowNo));
        assert_eq!(t.lookup("Complaint Type"), Some(Field::DefectType));
        assert_eq!(t.lookup("Date submitted"), None);
        // names seen in real exports (docs/ledgers.md)
        assert_eq!(t.lookup("Complaint Date"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Ticket #"), Some(Field::ComplaintId));
        assert_eq!(t.lookup("Case Number"), Some(Field::ComplaintId));
        assert_eq!(t.lookup("Created at"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Date/Time Opened"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("Date/Time Closed"), Some(Field::ClosedDate));
        assert_eq!(t.lookup("회신요청일"), Some(Field::ReplyDueDate));
        assert_eq!(t.lookup("시정조치완료일"), Some(Field::CapaClosedDate));
        assert_eq!(t.lookup("클레임 금액"), Some(Field::Cost));
        assert_eq!(t.lookup_with_strength("Date"), Some((Field::ReceivedDate, Strength::Weak)));
    }

    #[test]
    fn user_synonyms_extend_and_override() {
        let t = SynonymTable::new(&[(Field::ReceivedDate, "OPEN_DT".into()), (Field::Channel, "Type".into())]);
        assert_eq!(t.lookup("open dt"), Some(Field::ReceivedDate));
        assert_eq!(t.lookup("TYPE"), Some(Field::Channel));
    }

    #[test]
    fn every_field_has_a_distinct_name() {
        for f in Field::ALL {
            assert_eq!(Field::from_name(f.name()), Some(f));
        }
    }
}
