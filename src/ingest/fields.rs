//! The canonical ledger fields and the header synonyms of LEDGER_FORMATS.md.

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
    ClosedDate,
    Status,
    CapaId,
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

impl Field {
    /// Every field in table order (RowNo last, it is not a table column).
    pub const ALL: [Field; 21] = [
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
        Field::ClosedDate,
        Field::Status,
        Field::CapaId,
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
            Field::ClosedDate => "closed_date",
            Field::Status => "status",
            Field::CapaId => "capa_id",
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
        match self {
            Field::ReceivedDate | Field::NotifiedDate | Field::ClosedDate => FieldKind::Date,
            Field::Cost => FieldKind::Number,
            _ => FieldKind::Text,
        }
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
    /// conflict (METRICS.md §6); the others are lifecycle updates.
    pub fn is_identity(self) -> bool {
        matches!(self, Field::ReceivedDate | Field::Customer | Field::Product | Field::Lot | Field::DefectType)
    }

    /// The built-in header synonyms (Korean and English).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::ComplaintId => {
                &["접수번호", "관리번호", "불만번호", "접수No", "complaint id", "id", "ticket", "case no"]
            }
            Field::ReceivedDate => &[
                "접수일",
                "접수일자",
                "접수일시",
                "발생일",
                "발생일자",
                "등록일",
                "date received",
                "received",
                "opened",
                "created",
                "created date",
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
            ],
            Field::Status => &["상태", "진행상태", "처리상태", "status"],
            Field::CapaId => &["시정조치번호", "CAPA번호", "capa", "capa no"],
            Field::Nonconforming => &["부적합", "부적합여부", "nonconforming"],
            Field::Cost => &["비용", "손실금액", "보상금액", "cost", "amount"],
            Field::RowNo => &["No", "번호", "순번", "연번", "row", "#"],
        }
    }
}

/// Header text → field, built from the built-in synonyms, the canonical
/// names and the user's extra synonyms.
#[derive(Debug, Clone)]
pub struct SynonymTable {
    by_header: HashMap<String, Field>,
}

impl SynonymTable {
    pub fn new(extra: &[(Field, String)]) -> Self {
        let mut by_header = HashMap::new();
        for field in Field::ALL {
            by_header.insert(normalize_header(field.name()), field);
            for s in field.synonyms() {
                by_header.entry(normalize_header(s)).or_insert(field);
            }
        }
        // The user's synonyms win over built-in ones.
        for (field, text) in extra {
            by_header.insert(normalize_header(text), *field);
        }
        by_header.remove("");
        SynonymTable { by_header }
    }

    pub fn lookup(&self, header_text: &str) -> Option<Field> {
        self.by_header.get(&normalize_header(header_text)).copied()
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
