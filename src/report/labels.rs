//! Korean and English labels for sheets, tables, charts and the terminal.

use crate::cli::Lang;
use crate::ingest::Ingested;
use crate::metrics::trend::{BLANK, OTHER};

/// The label language of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub korean: bool,
}

/// (key, 한국어, English)
const TABLE: &[(&str, &str, &str)] = &[
    ("received", "접수", "Received"),
    ("closed", "완료", "Closed"),
    ("on_time", "기한 내 처리", "On time"),
    ("late", "기한 초과 처리", "Late"),
    ("overdue", "기한 경과 미결", "Overdue"),
    ("open_within_target", "처리 중(기한 내)", "Open within target"),
    ("on_time_rate", "기한 내 처리율", "On-time rate"),
    ("on_time_goal", "처리율 목표", "On-time goal"),
    ("target", "목표", "Target"),
    ("ttr_median", "처리기간 중앙값(일)", "TTR median (days)"),
    ("ttr_mean", "처리기간 평균(일)", "TTR mean (days)"),
    ("ttr_p90", "처리기간 90%(일)", "TTR p90 (days)"),
    ("ttr_max", "처리기간 최대(일)", "TTR max (days)"),
    ("repeats", "반복 불만", "Repeats"),
    ("repeat_rate", "반복률", "Repeat rate"),
    ("recurrences_after_closure", "종결 후 재발", "Recurrences after closure"),
    ("recurrence_after_closure_rate", "종결 후 재발률", "Recurrence-after-closure rate"),
    ("month", "월", "Month"),
    ("count", "건수", "Count"),
    ("mom_change", "전월 대비", "vs last month"),
    ("mom_pct", "전월 대비(%)", "vs last month (%)"),
    ("yoy_count", "전년 동월", "Same month last year"),
    ("yoy_pct", "전년 동월 대비(%)", "vs last year (%)"),
    ("rolling3", "3개월 이동평균", "3-month rolling mean"),
    ("defect_type", "불량유형", "Defect type"),
    ("product", "제품", "Product"),
    ("customer", "고객", "Customer"),
    ("channel", "접수경로", "Channel"),
    ("site", "사업장", "Site"),
    ("department", "담당부서", "Department"),
    ("owner", "담당자", "Owner"),
    ("status", "상태", "Status"),
    ("complaint_id", "접수번호", "Complaint ID"),
    ("received_date", "접수일", "Received date"),
    ("closed_date", "완료일", "Closed date"),
    ("age_days", "경과일", "Age (days)"),
    ("days_past_target", "기한 초과일", "Days past target"),
    ("cum_count", "누적 건수", "Cumulative count"),
    ("cum_share", "누적 비율", "Cumulative share"),
    ("vital_few", "핵심 유형", "Vital few"),
    ("aging", "미결 경과일", "Open aging"),
    ("days", "일", "days"),
    ("centre", "중심선", "Centre"),
    ("ucl", "관리상한", "UCL"),
    ("lcl", "관리하한", "LCL"),
    ("signals", "이상 신호", "Signals"),
    ("flagged", "주의 불량유형", "Flagged defect types"),
    ("total", "합계", "Total"),
    ("source", "출처", "Source"),
    ("file", "파일", "File"),
    ("sheet", "시트", "Sheet"),
    ("row", "행", "Row"),
    ("reason", "사유", "Reason"),
    ("above_ucl", "관리상한 초과", "above UCL"),
    ("below_lcl", "관리하한 미만", "below LCL"),
    ("new_type", "신규 유형", "new type"),
    ("rule2", "9개월 이상 중심선 위", "9+ months above centre"),
    ("rule3", "6개월 이상 연속 증가", "6+ months rising"),
    ("above", "중심선 위", "above centre"),
    ("below", "중심선 아래", "below centre"),
    ("increasing", "연속 증가", "increasing"),
    ("decreasing", "연속 감소", "decreasing"),
];

impl Labels {
    pub fn new(lang: Lang, ingested: &Ingested) -> Labels {
        let korean = match lang {
            Lang::Ko => true,
            Lang::En => false,
            Lang::Auto => ingested
                .sheets
                .iter()
                .flat_map(|s| &s.columns)
                .any(|c| c.field.is_some() && c.header.chars().any(|ch| ('가'..='힣').contains(&ch))),
        };
        Labels { korean }
    }

    /// The label of `key`; the key itself when there is none.
    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        TABLE.iter().find(|(k, _, _)| *k == key).map_or(key, |(_, ko, en)| if self.korean { ko } else { en })
    }

    /// A category as shown to people: `(blank)` → `(미기재)`, `Other` → `기타`.
    pub fn category<'a>(&self, value: &'a str) -> &'a str {
        match (value, self.korean) {
            (BLANK, true) => "(미기재)",
            (OTHER, true) => "기타",
            _ => value,
        }
    }
}
