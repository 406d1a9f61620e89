//! Every text a report shows, in Korean and English, in one place: the
//! [`L`] catalogue. A mistyped label is a compile error; a text with
//! values takes them as `{0}`, `{1}` … ([`Labels::fmt`]).

use crate::cli::Lang;
use crate::ingest::fields::Field;
use crate::ingest::Ingested;
use crate::metrics::control_chart::{Direction, FlagReason};
use crate::metrics::trend::{BLANK, OTHER};

/// The label language of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub korean: bool,
}

macro_rules! catalogue {
    ($( $name:ident => $ko:literal, $en:literal; )*) => {
        /// A text of the report (Korean, English).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum L {
            $($name),*
        }

        impl L {
            /// Every label, for the catalogue's own tests.
            pub const ALL: &'static [L] = &[$(L::$name),*];

            /// (Korean, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self {
                    $(L::$name => ($ko, $en)),*
                }
            }
        }
    };
}

catalogue! {
    // the figures
    Received => "접수", "Received";
    Closed => "완료", "Closed";
    ClosedInMonth => "당월 완료", "Closed in the month";
    OnTime => "기한 내 처리", "On time";
    Late => "기한 초과 처리", "Late";
    Overdue => "기한 경과 미결", "Overdue";
    OpenWithinTarget => "처리 중(기한 내)", "Open within target";
    OnTimeRate => "기한 내 처리율", "On-time rate";
    OnTimeGoal => "처리율 목표", "On-time goal";
    Target => "목표", "Target";
    TtrMedian => "처리기간 중앙값(일)", "TTR median (days)";
    TtrMean => "처리기간 평균(일)", "TTR mean (days)";
    TtrP90 => "처리기간 90%(일)", "TTR p90 (days)";
    TtrMax => "처리기간 최대(일)", "TTR max (days)";
    Repeats => "반복 불만", "Repeats";
    RepeatRate => "반복률", "Repeat rate";
    RecurrencesAfterClosure => "종결 후 재발", "Recurrences after closure";
    RecurrenceAfterClosureRate => "종결 후 재발률", "Recurrence-after-closure rate";
    Month => "월", "Month";
    Count => "건수", "Count";
    MomChange => "전월 대비", "vs last month";
    MomPct => "전월 대비(%)", "vs last month (%)";
    YoyCount => "전년 동월", "Same month last year";
    YoyPct => "전년 동월 대비(%)", "vs last year (%)";
    Rolling3 => "3개월 이동평균", "3-month rolling mean";
    AgeDays => "경과일", "Age (days)";
    DaysPastTarget => "기한 초과일", "Days past target";
    CumCount => "누적 건수", "Cumulative count";
    CumShare => "누적 비율", "Cumulative share";
    VitalFew => "핵심 유형", "Vital few";
    Aging => "미결 경과일", "Open aging";
    Days => "일", "days";
    Centre => "중심선", "Centre";
    Ucl => "관리상한", "UCL";
    Lcl => "관리하한", "LCL";
    Signals => "이상 신호", "Signals";
    Flagged => "주의 불량유형", "Flagged defect types";
    Total => "합계", "Total";
    Source => "출처", "Source";
    File => "파일", "File";
    Sheet => "시트", "Sheet";
    Row => "행", "Row";
    Reason => "사유", "Reason";
    Reasons => "사유", "Reasons";
    Yes => "예", "yes";
    None => "없음", "none";
    // control-chart words
    AboveUcl => "관리상한 초과", "above UCL";
    BelowLcl => "관리하한 미만", "below LCL";
    NewType => "신규 유형", "new type";
    Rule2 => "9개월 이상 중심선 위", "9+ months above centre";
    Rule3 => "6개월 이상 연속 증가", "6+ months rising";
    Above => "중심선 위", "above centre";
    Below => "중심선 아래", "below centre";
    Increasing => "연속 증가", "increasing";
    Decreasing => "연속 감소", "decreasing";
    Rule => "규칙", "rule";
    // the fields (column headers)
    ComplaintId => "접수번호", "Complaint ID";
    ReceivedDate => "접수일", "Received date";
    Customer => "고객", "Customer";
    Product => "제품", "Product";
    Lot => "로트", "Lot";
    DefectType => "불량유형", "Defect type";
    Description => "불만내용", "Description";
    Channel => "접수경로", "Channel";
    Severity => "중요도", "Severity";
    Site => "사업장", "Site";
    Department => "담당부서", "Department";
    Owner => "담당자", "Owner";
    Cause => "원인", "Cause";
    Action => "조치내용", "Action";
    NotifiedDate => "통보일", "Notified";
    ReplyDueDate => "회신요청일", "Reply due";
    ClosedDate => "완료일", "Closed date";
    Status => "상태", "Status";
    CapaId => "시정조치번호", "CAPA";
    CapaDueDate => "시정조치기한", "CAPA due";
    CapaClosedDate => "시정조치완료일", "CAPA closed";
    CapaVerifiedDate => "효과확인일", "CAPA verified";
    Nonconforming => "부적합", "Nonconforming";
    Cost => "비용", "Cost";
    RowNo => "번호", "No.";
    ClosedFlag => "완료 여부", "Closed";
    DaysToClose => "처리기간(일)", "Days to close";
    // sheets
    SheetSummary => "요약", "Summary";
    SheetTrend => "추이", "Trend";
    SheetPareto => "파레토", "Pareto";
    SheetResolution => "처리기간", "Resolution";
    SheetOverdue => "기한경과", "Overdue";
    SheetRecurrence => "재발", "Recurrence";
    SheetControl => "관리도", "Control chart";
    SheetData => "데이터", "Data";
    SheetQuality => "데이터 품질", "Data quality";
    // titles and notes ({0}, {1} … are values)
    WorkbookTitle => "고객불만 월간 보고 {0}", "Monthly complaint report {0}";
    Subtitle => "기준일 {0} · 처리 목표 {1}일 · 추이 {2}개월 · 불만 {3}건 ({4}개 파일, {5}개 시트)", "As of {0} · target {1} days · {2}-month trend · {3} complaints ({4} files, {5} sheets)";
    SheetTitle => "{0} — {1}", "{0} — {1}";
    Metric => "지표", "Metric";
    ThisMonth => "이번 달", "This month";
    LastMonth => "전월", "Last month";
    SameMonthLastYear => "전년 동월", "Same month last year";
    OverdueNowAll => "기한 경과 미결 (전체)", "Overdue now (all months)";
    SummaryNote => "※ 이번 달 = {0}에 접수된 불만을 {1} 기준으로 판정. 기한 경과 = 미결이며 접수 후 {2}일 초과. 원본 행은 '{3}' 시트, 제외된 행은 '{4}' 시트 참조.", "Note: this month = complaints received in {0}, judged as of {1}. Overdue = open and older than {2} days. Source rows: sheet '{3}'; rows left out: sheet '{4}'.";
    ChartReceived => "월별 불만 접수 추이", "Complaints received per month";
    ChartOnTime => "기한 내 처리율 (목표 {0}일 이내)", "On-time rate (within {0} days)";
    ChartPareto => "불량유형 파레토 ({0})", "Pareto of defect types ({0})";
    BreakdownTitle => "{0} — {1}", "{0} — {1}";
    TrendWindow => "추이 기간", "Trend window";
    AsOf => "기준일", "as of";
    AgingTitle => "{0} ({1} {2})", "{0} ({1} {2})";
    DaysToCloseTitle => "처리기간 분포 (추이 기간 완료 건)", "Days to close (closed in the trend window)";
    ChartDaysToClose => "처리기간 분포 (목표 {0}일)", "Days to close (target {0} days)";
    OverdueTitle => "기한 경과 미결 목록 — {0}건 ({1} 기준, 접수 후 {2}일 초과)", "Overdue complaints — {0} (as of {1}, open more than {2} days)";
    NoOverdue => "기한 경과 미결 없음", "No overdue complaints";
    NotRecorded => "기록 없음", "not recorded";
    ClosureNotRecorded => "종결이 기록되지 않았습니다: 대장에 종결일·상태 열이 없습니다", "Closure not recorded: the ledgers have no closed-date or status column";
    ClosureNotRecordedFix => "처리기간·기한 내 처리율·기한 경과는 종결일 또는 상태 열이 있어야 계산됩니다", "Time to resolution, on-time rate and overdue need a closed-date or status column";
    RecurrenceSubtitle => "{0} · 재발 기준: {1}, {2}일 이내", "{0} · same problem = {1}, within {2} days";
    ChartRecurrenceRates => "월별 반복률 · 종결 후 재발률", "Repeat and recurrence-after-closure rates";
    RecurringProblems => "반복 문제 (추이 기간 2건 이상)", "Recurring problems (2+ in the trend window)";
    First => "최초 접수", "First";
    Last => "최근 접수", "Last";
    Customers => "고객 수", "Customers";
    RepeatsShort => "반복", "Repeats";
    AfterClosure => "종결 후 재발", "After closure";
    ControlSubtitle => "{0} · c 관리도 기준 기간 {1}", "{0} · c-chart baseline {1}";
    ChartControl => "월별 불만 건수 c 관리도", "c-chart of monthly complaints";
    NoControlLimits => "기준 기간이 6개월 미만이라 관리한계를 계산하지 않았습니다.", "Fewer than 6 baseline months: no control limits.";
    UChartCentre => "ū (기준 기간 출하 1,000개당 불만) = {0}", "ū (complaints per 1,000 units over the baseline) = {0}";
    UChartNoUnits => "※ 출하 수량이 없는 월(누락 또는 0): {0} — 해당 월은 건수만 표시, u와 관리한계 없음", "Warning: no units shipped (missing or 0) for {0}: their counts are kept, without u or limits";
    UChartTitle => "u 관리도 (출하 1,000개당 불만)", "u-chart (complaints per 1,000 units shipped)";
    UnitsShipped => "출하수량", "Units shipped";
    UPerThousand => "u (1,000개당)", "u (per 1,000)";
    AboveUclColumn => "관리상한 초과", "Above UCL";
    QualityTitle => "데이터 품질 — 읽은 행의 대사", "Data quality — every row accounted for";
    Item => "항목", "Item";
    Files => "파일", "Files";
    LedgerSheets => "원장 시트", "Ledger sheets";
    SheetsSkipped => "제외한 시트 (원장 아님)", "Sheets skipped (not ledgers)";
    RowsRead => "읽은 행", "Rows read";
    TitleRows => "  제목 행", "  Title rows";
    HeaderRowsIndented => "  머리글 행", "  Header rows";
    BlankRows => "  빈 행", "  Blank rows";
    SubtotalRows => "  소계/합계 행", "  Subtotal rows";
    NoteRows => "  비고 행", "  Note rows";
    DataRowsIndented => "  데이터 행", "  Data rows";
    AcceptedIndented => "    채택", "    Accepted";
    RejectedIndented => "    제외 (접수일 없음/오류)", "    Rejected (no usable received date)";
    DuplicatesMerged => "중복 병합 (같은 접수번호)", "Duplicates merged (same id)";
    Complaints => "불만 건수", "Complaints";
    IdConflicts => "접수번호 충돌", "Id conflicts";
    PossibleDuplicates => "중복 의심 (번호 없음, 동일 행)", "Possible duplicates (no id, identical rows)";
    UnreadableCells => "읽지 못한 셀 (경고)", "Unreadable cells (warnings)";
    ClosedBeforeReceived => "완료일이 접수일보다 빠름", "Closed before received";
    ClosedWithoutDate => "완료 표시, 완료일 없음", "Closed without a date";
    ReceivedAfterAsOf => "기준일 이후 접수 (제외)", "Received after the as-of date";
    DataSheetCapped => "데이터 시트: 추이 기간 불만 {0}건 중 처음 {1}건 (엑셀 행 한도). 전체는 {2}", "Data sheet: the first {1} of the window's {0} complaints (Excel's row limit); all of them are in {2}";
    PerFileAndSheet => "파일·시트별", "Per file and sheet";
    HeaderRows => "머리글 행", "Header rows";
    Data => "데이터", "Data";
    Accepted => "채택", "Accepted";
    Rejected => "제외", "Rejected";
    Note => "비고", "Note";
    RejectedRows => "제외된 행", "Rejected rows";
    OriginalCells => "원래 셀", "Original cells";
    UnreadableCellsTitle => "읽지 못한 셀 — 행은 채택, 해당 항목은 공란", "Unreadable cells — row kept, field left blank";
    Column => "열", "Column";
    Field => "항목", "Field";
    CellText => "셀 내용", "Cell text";
    IdConflictsTitle => "접수번호 충돌 — 마지막 입력 채택", "Id conflicts — last input wins";
    ValuesAndWhere => "값과 위치", "Values and where";
    CountWithTitle => "{0} ({1})", "{0} ({1})";
    // charts
    ChartDay => "{0}일", "{0} day";
    ChartDays => "{0}일", "{0} days";
    ChartBusinessDay => "{0}영업일", "{0} business day";
    ChartBusinessDays => "{0}영업일", "{0} business days";
    ChartDaysAdjective => "{0}일", "{0}-day";
    ChartBusinessDaysAdjective => "{0}영업일", "{0}-business-day";
    ChartMonthSpan => "{0} ~ {1}", "{0} – {1}";
    ChartComplaints => "건수", "Complaints";
    ChartComplaintsReceived => "접수 건수", "Complaints received";
    ChartNoComplaintsInPeriod => "이 기간에 접수된 불만이 없습니다", "No complaints were received in this period";
    ChartTrendTitle => "월별 불만 접수 추이 ({0})", "Complaints received per month ({0})";
    ChartParetoTitle => "불량유형별 파레토 ({0})", "Pareto of defect types ({0})";
    ChartParetoSubtitleOne => "총 {0}건 · 핵심 유형 {1}개가 {2}", "{0} complaints · the {1} vital few type makes up {2}";
    ChartParetoSubtitleMany => "총 {0}건 · 핵심 유형 {1}개가 {2}", "{0} complaints · the {1} vital few types make up {2}";
    ChartMoreTypes => "그 밖의 {0}개 유형", "{0} more types";
    ChartVitalFewLegend => "핵심 유형 (누적 80%까지)", "Vital few (up to 80% cumulative)";
    ChartOtherTypes => "기타 유형", "Other types";
    ChartNoComplaintsIn => "{0}에 접수된 불만이 없습니다", "No complaints were received in {0}";
    ChartGoal => "목표", "Goal";
    ChartOnTimeRateTitle => "월별 기한 내 처리율 ({0})", "On-time resolution rate per month ({0})";
    ChartOnTimeRateSubtitle => "접수월 기준 · 처리 기한 {0} · {1} 기준", "By month received · resolution target {0} · as of {1}";
    ChartNothingJudged => "아직 판정할 수 있는 불만이 없습니다", "No complaint can be judged yet";
    ChartTtrTitle => "처리기간 분포 ({0} 접수분)", "Time to resolution (complaints received {0})";
    ChartTtrSubtitle => "처리 완료 {0}건 · {1} 기준", "{0} closed complaints · as of {1}";
    ChartOnTimeWithin => "기한 내 (≤{0})", "On time (≤ {0})";
    ChartLateBeyond => "기한 초과 (>{0})", "Late (> {0})";
    ChartTtrDays => "처리기간 (일)", "Time to resolution (days)";
    ChartTtrBusinessDays => "처리기간 (영업일)", "Time to resolution (business days)";
    ChartNoneClosed => "처리 완료된 불만이 없습니다", "No complaint has been closed";
    ChartAgingTitle => "미결 불만 경과일 분포 ({0} 기준)", "Open complaints by age (as of {0})";
    ChartAgingSubtitle => "미결 {0}건 · 이 중 처리 기한({1}) 경과 {2}건", "{0} open · {2} past the {1} target";
    ChartWithinTarget => "기한 내 (≤{0})", "Within target (≤ {0})";
    ChartPastTarget => "기한 경과 (>{0})", "Past target (> {0})";
    ChartOpenComplaints => "미결 건수", "Open complaints";
    ChartAgeBucket => "{0}일", "{0}";
    ChartNoOpenComplaints => "미결 불만이 없습니다", "No open complaints";
    ChartControlTitle => "월별 불만 건수 관리도 ({0})", "Control chart of monthly complaints ({0})";
    ChartCChart => "c 관리도", "c-chart";
    ChartBaselineMonth => "기준 기간 {0} ({1}개월)", "baseline {0} ({1} month)";
    ChartBaselineMonths => "기준 기간 {0} ({1}개월)", "baseline {0} ({1} months)";
    ChartNoBaseline => "기준 기간 없음", "no baseline";
    ChartRunAbove => "중심선 위 연속", "run above centre";
    ChartRunBelow => "중심선 아래 연속", "run below centre";
    ChartRunRising => "연속 증가", "run rising";
    ChartRunFalling => "연속 감소", "run falling";
    ChartNoControlLimits => "기준 기간이 6개월 미만({0}개월)이라 관리한계를 계산하지 않았습니다", "Control limits not computed: fewer than 6 baseline months ({0})";
    ChartRecurrenceTitle => "월별 반복 불만 비율 ({0})", "Repeat complaint rates per month ({0})";
    ChartRecurrenceSubtitle => "반복: 같은 {0} 불만이 {1} 이내 재접수 · 종결 후 재발: 앞선 불만 종결 후 {1} 이내", "Repeat: same {0} within {1} · after closure: within {1} of the earlier one's closure";
    ChartKeySeparator => "·", " + ";
    ChartShareOfComplaints => "불만 중 비율 (%)", "Share of complaints (%)";
}

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

    /// The text of `label` in the report's language.
    pub fn get(&self, label: L) -> &'static str {
        let (ko, en) = label.texts();
        if self.korean {
            ko
        } else {
            en
        }
    }

    /// The text of `label` with `{0}`, `{1}` … replaced by `values`.
    pub fn fmt(&self, label: L, values: &[&dyn std::fmt::Display]) -> String {
        let mut text = self.get(label).to_string();
        for (i, v) in values.iter().enumerate() {
            text = text.replace(&format!("{{{i}}}"), &v.to_string());
        }
        text
    }

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

    /// A category as shown to people: `(blank)` → `(미기재)`, `Other` → `기타`.
    pub fn category<'a>(&self, value: &'a str) -> &'a str {
        match (value, self.korean) {
            (BLANK, true) => "(미기재)",
            (OTHER, true) => "기타",
            _ => value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_both_texts_with_the_same_values() {
        for l in L::ALL {
            let (ko, en) = l.texts();
            assert!(!ko.is_empty() && !en.is_empty(), "{l:?}");
            for i in 0..6 {
                let slot = format!("{{{i}}}");
                assert_eq!(ko.contains(&slot), en.contains(&slot), "{l:?} {slot}");
            }
        }
        let l = Labels { korean: true };
        assert_eq!(l.fmt(L::ChartOnTime, &[&10]), "기한 내 처리율 (목표 10일 이내)");
        assert_eq!(l.get(L::OnTimeRate), "기한 내 처리율");
        assert_eq!(l.field(Field::DefectType), "불량유형");
    }
}
