//! Every text a report shows, in Korean and English, in one place: the
//! [`L`] catalogue. A mistyped label is a compile error; a text with
//! values takes them as `{0}`, `{1}` … ([`Labels::fmt`]).

use crate::ingest::Ingested;
use crate::metrics::{BLANK, OTHER};

mod domain;
mod lang;
mod style;
pub use lang::{Lang, DEFAULT_MONTHS};
pub use style::{not_terse, thousands};

/// The label language of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub korean: bool,
    /// The trend window in months (`--months`): a label names it as
    /// `{w}` ("최근 {w}개월").
    pub months: u32,
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
    // the month's findings (report/findings.rs): short sentences, most important first
    FindingTruncated => "데이터 종료 {0}: 최근 14일 접수 {1}건 (기준 기간 비율로는 약 {2}건). 전월·전년 대비 변화와 하향 신호 표시 생략.", "The data end on {0}: the last 14 days hold {1} complaints where about {2} were expected. Changes against last month and last year and signals on the low side are withheld.";
    FindingClosedOnly => "최근 14일 접수 {0}건 중 미결 없음: 종결 건만 추출된 자료일 가능성. 전월·전년 대비 변화와 하향 신호 표시 생략.", "No complaint is open although {0} were received in the last 14 days: the data may hold closed complaints only. Changes against last month and last year and signals on the low side are withheld.";
    FindingMonthAbove => "당월 접수 {0}건, 관리상한 {1} 초과.", "{0} complaints were received, above the control limit of {1}.";
    FindingFlaggedAbove => "{0} {1}건 (관리상한 {2} 초과){3}.", "{0}: {1} complaints, above the control limit of {2}{3}.";
    FindingFlagged => "{0} {1}건 (관리상한 {2}, {3}){4}.", "{0}: {1} complaints against a control limit of {2} ({3}){4}.";
    FindingTopType => "당월 최다 유형 {0} {1}건 (전체의 {2}){3}.", "The month's largest defect type: {0}, {1} complaints ({2} of all){3}.";
    StoryConcentrated => " — {0}건이 {1}", " — {0} of them on {1}";
    StoryCustomer => ", 고객 {0}", ", customer {0}";
    StoryCustomerOnly => " — 고객 {0} {1}건", " — {1} of them from {0}";
    StoryCapa => "시정조치 {0} {1} ({2}).", "Corrective action {0}: {1} ({2}).";
    StoryCapaDue => "기한 {0}", "due {0}";
    StoryCapaNoDue => "기한 미정", "no due date";
    StoryCapaOwner => ", 담당 {0}", ", owner {0}";
    StoryNoCapa => "시정조치 없음.", "No corrective action is linked to them.";
    StorySevere => "{0} {1}건: {2}.", "{0}: {1} ({2}).";
    FindingMoreFlagged => "그 밖에 관리 이탈 유형 {0}개 (관리도 시트 참조).", "{0} more defect {0|type is|types are} flagged (see the Control chart sheet).";
    FindingOverdue => "처리 기한({1}) 초과 미결 {0}건. 최장 경과: {2} ({3}일 경과, 담당 {4}).", "{0} {0|complaint is|complaints are} open past the target of {1}; the oldest, {2}, is {3} {3|day|days} old ({4}).";
    FindingNoOverdue => "처리 기한 초과 미결 없음.", "No complaint is open past its target.";
    NoOwner => "담당 미지정", "no owner";
    DueDate => "처리 기한", "Due";
    OverdueByDepartment => "부서별 기한 초과", "Overdue by department";
    FindingOverdueByDepartment => "부서별 기한 초과: {0}.", "Overdue by department: {0}.";
    FindingOtherDepartments => "그 외 {0}개 부서 {1}건", "{0} other {0|department|departments} {1}";
    FindingDepartmentCount => "{0} {1}건", "{0} {1}";
    ParetoPrinted => "인쇄 범위: 추이 기간 표는 누적 {0}까지 {1}개 유형 / 전체 {2}개 (나머지는 화면에서 확인)", "Printed: the trend window's types up to {0} of its complaints, {1} of {2} (the rest on screen)";
    OverduePrinted => "인쇄 범위: 가장 오래된 {0}건 / 전체 {1}건 (전체 목록과 부서별 건수는 화면에서 확인)", "Printed: the {0} oldest of {1} (the whole list and the count per department on screen)";
    OverdueNoOwner => "담당자 없는 기한 초과 {0}건", "{0} overdue without an owner";
    FindingBelowGoal => "기한 내 처리율 {0} ({2}건 중 {1}건), 목표 {3} 미달.", "On-time resolution is {0} ({1} of {2}), below the goal of {3}.";
    FindingNotify => "당월 고객 통보 기한 준수율 {0}, 기한 초과 미통보 누적 {1}건 (가장 오래된 기한 {2}).", "Customers were told on time in {0} of this month's judged cases; {1} replies are overdue and not yet sent (oldest deadline {2}).";
    FindingRecurring => "최다 반복 문제: {0} — 최근 {w}개월 {1}건 (반복 {2}건).", "The most recurring problem: {0} — {1} complaints in the trend window, {2} of them repeats.";
    FindingCapa => "시정조치 진행 {0}건 (기한 초과 {1}건), 유효성 미흡 {2}건, 시정조치 없는 반복 문제 {3}건 (최근 {4}일 {5}건 이상).", "Corrective actions: {0} open ({1} overdue), {2} ineffective; {3} active recurring problems have none ({5}+ complaints in the last {4} days).";
    FindingTtrNotRecorded => "종결일 미기록 — 상태 열로 완료 {0}건만 판정, 기한 내 처리율·처리기간 산출 불가.", "Closing dates not recorded: a status marks {0} complaints closed, but on-time rate and days to close cannot be computed.";
    FindingP90Late => "처리기간 P90(90%가 처리되는 기간) {0}일, 목표 {1} 초과 (미결 {2}건 포함 추정).", "90 % of this month's complaints take up to {0} days to close, past the target of {1} (estimate counting the {2} still open).";
    FindingP90AtLeast => "처리기간 P90(90%가 처리되는 기간) {0}일 이상, 목표 {1} 초과 — 당월 {2}건 중 {3}건 미결.", "90 % of this month's complaints take at least {0} days to close, past the target of {1}: {3} of the {2} are still open.";
    RepeatsNotRecorded => "반복 판정 불가 — {0} 항목 기록 없음", "Repeats not judged — no {0} recorded";
    AfterClosureNotRecorded => "종결 후 재발 판정 불가 — 완료일 기록 없음", "Recurrence after closure not judged — no closing dates recorded";
    FindingRepeatsCoarse => "반복 기준({0})이 넓어 월 {1}건 중 거의 모두가 반복으로 판정됨 — 실제 재발을 가리려면 기준 필드를 늘릴 것 (--recurrence-key, 예: customer,product,defect_type) 또는 기간을 줄일 것 (--recurrence-window).", "Nearly every one of the month's {1} complaints repeats a {0} problem: the key is too coarse to single out problems that came back — add a field to it (--recurrence-key, e.g. customer,product,defect_type) or shorten the window (--recurrence-window).";
    FindingRepeats => "당월 {0}건 중 {1}건이 최근 {2}일 내 같은 {3} 불만의 반복.", "{1} of this month's {0} complaints repeat a {3} problem seen in the last {2} days.";
    FindingAfterClosureExceeds => "종결 후 재발 {0}건 — 종결 후 {1}일 이내 재접수 (앞선 접수가 {1}일 넘어도 포함, 반복보다 많을 수 있음).", "{0} came back within {1} days of the same problem's closing — more than the repeats, as the earlier complaint may be older.";
    TtrAtLeast => "≥ {0} (미결 {1}건)", "≥ {0} ({1} open)";
    TtrEstimateNote => "※ 처리기간 P90 = 90%가 처리되는 기간. 중앙값·P90은 미결 건을 경과일까지 포함한 추정 (Kaplan–Meier). 미결이 많아 추정이 안 되면 \"≥ 하한 (미결 n건)\"으로 표시.", "Note: TTR P90 = the days within which 90 % close. The median and P90 count the open complaints up to their age (Kaplan–Meier estimate); where too many are still open they show \"≥ bound (n open)\".";
    ClosingDatesNotRecorded => "종결일 미기록", "Closing dates not recorded";
    ClosingDatesNotRecordedFix => "상태 열로 완료 여부만 판정 — 기한 내 처리율·처리기간은 종결일 열이 있어야 산출", "A status says closed or open; on-time rate and days to close need a closed-date column";
    FindingYtdOverGoal => "연간 누계 접수 {0}건, 목표 {1}건 초과 (연 {2}건 기준, 전년 동기 {3}).", "Complaints received this year: {0}, above the goal of {1} to date (a year's goal of {2}; same span last year {3}).";
    FindingYtdWithinGoal => "연간 누계 접수 {0}건, 목표 {1}건 이내 (연 {2}건 기준, 전년 동기 {3}).", "Complaints received this year: {0}, within the goal of {1} to date (a year's goal of {2}; same span last year {3}).";
    YtdReceived => "연간 누계 접수 (1월~당월)", "Received this year to date";
    Ppm => "불량 PPM (출하 백만 개당)", "Defect PPM (per million shipped)";
    FindingPpmOverGoal => "당월 불량 PPM {0}, 목표 {1} 초과 — 최고 {2} {3} PPM (최근 {w}개월).", "Defect PPM this month {0}, above the goal of {1}; the worst customer {2} at {3} PPM over the trend window.";
    FindingPpmWithinGoal => "당월 불량 PPM {0}, 목표 {1} 이내 — 최고 {2} {3} PPM (최근 {w}개월).", "Defect PPM this month {0}, within the goal of {1}; the worst customer {2} at {3} PPM over the trend window.";
    FindingPpmNoShipments => "출하 실적 없는 {0}의 불량 {1}개 — 출하 파일 누락 여부 확인 필요 ({2}).", "Defective parts of {0} without any shipment: {1} — check the shipments file ({2}).";
    FindingPpmQtyUnknown => "불량수량 미기재 {0}건 — PPM에서 제외.", "{0} {0|complaint has|complaints have} no defect quantity and add nothing to the PPM.";
    FindingResponsibility => "당월 불만 {0}가 {1} 귀책 ({3}건 중 {2}건).", "{0} of this month's complaints are attributed to {1} ({2} of {3}).";
    SheetPpm => "PPM", "PPM";
    PpmTitleMonthly => "월별 불량 PPM", "Defect PPM per month";
    PpmByCustomer => "고객별 불량 PPM (나쁜 순)", "Defect PPM by customer (worst first)";
    PpmByProduct => "품번별 불량 PPM (나쁜 순)", "Defect PPM by part (worst first)";
    PpmMonth => "당월 PPM", "PPM this month";
    PpmWindow => "최근 {w}개월 PPM", "PPM, trend window";
    QtyMonth => "당월 불량수량", "Defective this month";
    UnitsMonth => "당월 출하수량", "Shipped this month";
    QtyWindow => "최근 {w}개월 불량수량", "Defective, trend window";
    UnitsWindow => "최근 {w}개월 출하수량", "Shipped, trend window";
    PpmGoal => "PPM 목표", "PPM goal";
    NoShipments => "출하 실적 없음", "no shipments";
    PpmSubtitle => "{0} · PPM = 불량수량 합 ÷ 출하수량 합 × 1,000,000 · 불량수량 미기재 {1}건 제외", "{0} · PPM = defective parts ÷ parts shipped × 1,000,000 · {1} complaints without a quantity add nothing";
    ChartPpmTitle => "고객별 불량 PPM ({0})", "Defect PPM by customer ({0})";
    ChartPpmMonthlyTitle => "월별 불량 PPM ({0})", "Defect PPM per month ({0})";
    ChartPpmSubtitle => "최근 {w}개월 전체 {0} PPM · 목표 {1}", "{0} PPM over the trend window · goal {1}";
    CostByResponsibility => "귀책별 비용 (최근 {w}개월)", "Cost by responsibility (trend window)";
    Findings => "주요 이슈", "Key issues";
    KpiTitle => "주요 지표", "Key figures";
    ChartData => "차트 데이터 (상위 유형 + 기타)", "Chart data (largest types + Other)";
    Change => "증감", "Change";
    State => "상태", "State";
    Basis => "근거 (건)", "Counts";
    RagRed => "경고", "Alert";
    RagAmber => "주의", "Watch";
    RagGreen => "양호", "Good";
    ArrowUp => "▲ 증가", "▲ up";
    ArrowDown => "▼ 감소", "▼ down";
    ArrowFlat => "▶ 동일", "▶ same";
    HtmlFooter => "고객불만 월간 보고 {0} · 기준일 {1} · 모든 수치의 원본 행은 통합문서의 데이터 시트에서 확인", "Monthly complaint report {0} · as of {1} · every figure traces to its source rows in the workbook's Data sheet";
    FindingCost => "당월 불만 비용 {0} (전월 {1}){2}.", "Complaint cost this month: {0} (last month {1}){2}.";
    FindingCostNone => "당월 비용 기록 없음 (전월 {0}){1}.", "No complaint cost recorded this month (last month {0}){1}.";
    FindingUAboveUcl => "출하 1,000개당 불만 {0}건, 관리상한 {1} 초과 (평균 {2}).", "Complaints per 1,000 units shipped rose to {0}, above the control limit of {1} (mean {2}).";
    FindingCostTop => ", 최대 유형 {0}", "; the largest type is {0}";
    FindingCostTopWindow => ", 최근 {w}개월 최대 유형 {0}", "; the largest type in the trend window is {0}";
    // the figures
    Received => "접수", "Received";
    Closed => "완료", "Closed";
    ClosedInMonth => "당월 완료", "Closed in the month";
    OnTime => "기한 내 처리", "On time";
    Late => "기한 초과 처리", "Late";
    Overdue => "기한 초과 미결", "Overdue";
    OpenWithinTarget => "처리 중(기한 내)", "Open within target";
    OnTimeRate => "기한 내 처리율", "On-time rate";
    OnTimeGoal => "처리율 목표", "On-time goal";
    Target => "목표", "Target";
    TtrMedian => "처리기간 중앙값 (일)", "TTR median (days)";
    TtrMean => "처리기간 평균 (일)", "TTR mean (days)";
    TtrP90 => "처리기간 P90 (일)", "TTR P90 (days)";
    TtrMax => "처리기간 최대 (일)", "TTR max (days)";
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
    VitalFew => "중점관리 유형", "Vital few";
    Aging => "미결 경과일", "Open aging";
    Days => "일", "days";
    Centre => "중심선", "Centre";
    Ucl => "관리상한", "UCL";
    Lcl => "관리하한", "LCL";
    Signals => "이상 신호", "Signals";
    Flagged => "관리 이탈 유형", "Flagged defect types";
    Total => "합계", "Total";
    Source => "출처", "Source";
    SourceRow => "원본 행", "Source row";
    SourceFileOfAll => "원본 파일 (전 행 공통): {0}", "Source file (of every row): {0}";
    File => "파일", "File";
    Sheet => "시트", "Sheet";
    Row => "행", "Row";
    Reason => "사유", "Reason";
    Reasons => "사유", "Reasons";
    Yes => "예", "yes";
    No => "아니오", "no";
    None => "없음", "None";
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
    DefectQty => "불량수량", "Defective qty";
    Responsibility => "귀책", "Responsibility";
    RowNo => "번호", "No.";
    ClosedFlag => "완료 여부", "Closed";
    DaysToClose => "처리기간 (일)", "Days to close";
    // sheets
    SheetSummary => "요약", "Summary";
    SheetTrend => "추이", "Trend";
    SheetPareto => "파레토", "Pareto";
    SheetResolution => "처리기간", "Resolution";
    SheetOverdue => "기한초과", "Overdue";
    SheetRecurrence => "재발", "Recurrence";
    SheetControl => "관리도", "Control chart";
    SheetData => "데이터", "Data";
    SheetQuality => "데이터 품질", "Data quality";
    // titles and notes ({0}, {1} … are values)
    WorkbookTitle => "고객불만 월간 보고 {0}", "Monthly complaint report {0}";
    Subtitle => "기준일 {0} · 처리 목표 {1} · 최근 {2}개월 불만 {3}건 (대장 전체 {4}건, {5}개 파일, {6}개 시트)", "As of {0} · target {1} · {3} complaints in the {2}-month trend ({4} in the ledgers, {5} {5|file|files}, {6} {6|sheet|sheets})";
    SheetTitle => "{0} — {1}", "{0} — {1}";
    Metric => "지표", "Metric";
    ThisMonth => "당월", "This month";
    LastMonth => "전월", "Last month";
    SameMonthLastYear => "전년 동월", "Same month last year";
    OverdueNowAll => "기한 초과 미결 (전체)", "Overdue now (all months)";
    SummaryNote => "※ 당월 = {0}에 접수된 불만을 {1} 기준으로 판정. 기한 초과 = 미결이며 접수 후 {2} 초과. 원본 행은 '{3}' 시트, 제외된 행은 '{4}' 시트 참조.", "Note: this month = complaints received in {0}, judged as of {1}. Overdue = open and older than {2}. Source rows: sheet '{3}'; rows left out: sheet '{4}'.";
    ChartReceived => "월별 불만 접수 추이", "Complaints received per month";
    ChartOnTime => "기한 내 처리율 (목표 {0} 이내)", "On-time rate (within {0})";
    ChartPareto => "불량유형 파레토 ({0})", "Pareto of defect types ({0})";
    BreakdownTitle => "{0} — {1}", "{0} — {1}";
    TrendWindow => "최근 {w}개월", "Trend window";
    AsOf => "기준일", "as of";
    AgingTitle => "{0} ({1} {2})", "{0} ({1} {2})";
    DaysToCloseTitle => "처리기간 분포 (최근 {w}개월 완료 건)", "Days to close (closed in the trend window)";
    ChartDaysToClose => "처리기간 분포 (목표 {0})", "Days to close (target {0})";
    OverdueTitle => "기한 초과 미결 목록 — {0}건 ({1} 기준, 접수 후 {2} 초과)", "Overdue complaints — {0} (as of {1}, open more than {2})";
    NoOverdue => "기한 초과 미결 없음", "No overdue complaints";
    NotRecorded => "기록 없음", "not recorded";
    ClosureNotRecorded => "종결 미기록: 대장에 종결일·상태 열 없음", "Closure not recorded: the ledgers have no closed-date or status column";
    ClosureNotRecordedFix => "처리기간·기한 내 처리율·기한 초과 산출에 종결일 또는 상태 열 필요", "Time to resolution, on-time rate and overdue need a closed-date or status column";
    RecurrenceSubtitle => "{0} · 재발 기준: {1}, {2}일 이내", "{0} · same problem = {1}, within {2} days";
    ChartRecurrenceRates => "월별 반복률 · 종결 후 재발률", "Repeat and recurrence-after-closure rates";
    RecurringProblems => "반복 문제 (최근 {w}개월 2건 이상)", "Recurring problems (2+ in the trend window)";
    First => "최초 접수", "First";
    Last => "최근 접수", "Last";
    Customers => "고객 수", "Customers";
    RepeatsShort => "반복", "Repeats";
    AfterClosure => "종결 후 재발", "After closure";
    ControlSubtitle => "{0} · c 관리도 기준 기간 {1}", "{0} · c-chart baseline {1}";
    ChartControl => "월별 불만 건수 c 관리도", "c-chart of monthly complaints";
    NoControlLimits => "기준 기간 6개월 미만 — 관리한계 미산출.", "Fewer than 6 baseline months: no control limits.";
    UChartCentre => "ū (기준 기간 출하 1,000개당 불만) = {0}", "ū (complaints per 1,000 units over the baseline) = {0}";
    UChartNoUnits => "※ 출하 수량이 없는 월(누락 또는 0): {0} — 해당 월은 건수만 표시, u와 관리한계 없음", "Warning: no units shipped (missing or 0) for {0}: their counts are kept, without u or limits";
    UChartMean => "평균 u {0} (기준 기간)", "mean u {0} (baseline)";
    UChartAxis => "출하 1,000개당 불만", "Complaints per 1,000 units";
    UChartTitle => "u 관리도 (출하 1,000개당 불만)", "u-chart (complaints per 1,000 units shipped)";
    UnitsShipped => "출하수량", "Units shipped";
    UPerThousand => "u (1,000개당)", "u (per 1,000)";
    FlaggedTypeChart => "관리 이탈 유형 {0}: 당월 {1}건, 관리상한 {2}", "Flagged: {0} — {1} this month against a UCL of {2}";
    SignalMonths => "신호 월 건수", "Count in a signal month";
    UCentre => "평균 u", "Mean u";
    AboveUclColumn => "관리상한 초과", "Above UCL";
    QualityTitle => "데이터 품질 — 읽은 행의 대사", "Data quality — every row accounted for";
    Item => "항목", "Item";
    Files => "파일", "Files";
    LedgerSheets => "대장 시트", "Ledger sheets";
    SheetsSkipped => "제외한 시트 (대장 아님)", "Sheets skipped (not ledgers)";
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
    IdConflicts => "접수번호 충돌", "ID conflicts";
    PossibleDuplicates => "중복 의심 (번호 없음, 동일 행)", "Possible duplicates (no id, identical rows)";
    UnreadableCells => "읽지 못한 셀 (경고)", "Unreadable cells (warnings)";
    ClosedBeforeReceived => "완료일이 접수일보다 빠름", "Closed before received";
    ClosedWithoutDate => "완료 표시, 완료일 없음", "Closed without a date";
    ClosedWithoutNotifyDate => "완료, 통보일 없음 (통보 미기록)", "Closed without a notification date (not recorded)";
    ReceivedAfterAsOf => "기준일 이후 접수 (제외)", "Received after the as-of date";
    DataSheetCapped => "데이터 시트: 최근 {w}개월 불만 {0}건 중 {1}건 (보고월 불만, 미결 전부, 나머지는 최근 순). 전체 {0}건과 원본 행은 통합문서 옆 {2}에 수록", "Data sheet: {1} of the window's {0} complaints (the reporting month's, every open one, then the newest of the rest). All {0}, with their source rows, are in {2} beside this workbook";
    DataSheetPrinted => "인쇄 범위: {0}행 중 처음 {1}행, {2}개 열 중 {3}개 (나머지는 화면에서 확인)", "Printed: the first {1} of {0} rows, {3} of {2} columns (the rest on screen)";
    PerFileAndSheet => "파일·시트별", "Per file and sheet";
    HeaderRows => "머리글 행", "Header rows";
    Data => "데이터", "Data";
    Accepted => "채택", "Accepted";
    Rejected => "제외", "Rejected";
    Note => "비고", "Note";
    RejectedRows => "제외된 행", "Rejected rows";
    OriginalCells => "원래 셀", "Original cells";
    UnreadableCellsTitle => "읽지 못한 셀 — 행은 채택, 항목 처리는 비고 참조", "Unreadable cells — row kept, the field as the note says";
    Column => "열", "Column";
    Field => "항목", "Field";
    CellText => "셀 내용", "Cell text";
    IdConflictsTitle => "접수번호 충돌 — 마지막 입력 채택", "ID conflicts — last input wins";
    ValuesAndWhere => "값과 위치", "Values and where";
    CountWithTitle => "{0} ({1})", "{0} ({1})";
    // charts
    ChartAgingAxis => "경과일 (적색: 목표 {0} 초과)", "Days open (red: past the target of {0})";
    ChartDaysToCloseAxis => "처리일수 (주황: 목표 {0} 초과)", "Days to close (orange: past the target of {0})";
    ChartDay => "{0}일", "{0} day";
    ChartDays => "{0}일", "{0} days";
    ChartBusinessDay => "{0}영업일", "{0} business day";
    ChartBusinessDays => "{0}영업일", "{0} business days";
    ChartDaysAdjective => "{0}일", "{0}-day";
    ChartBusinessDaysAdjective => "{0}영업일", "{0}-business-day";
    ChartMonthSpan => "{0} ~ {1}", "{0} – {1}";
    ChartComplaints => "건수", "Complaints";
    ChartComplaintsReceived => "접수 건수", "Complaints received";
    ChartNoComplaintsInPeriod => "이 기간 접수 불만 없음", "No complaints were received in this period";
    ChartTrendTitle => "월별 불만 접수 추이 ({0})", "Complaints received per month ({0})";
    ChartParetoTitle => "불량유형별 파레토 ({0})", "Pareto of defect types ({0})";
    ChartParetoSubtitleOne => "총 {0}건 · 중점관리 유형 {1}개가 {2}", "{0} complaints · the {1} vital few type makes up {2}";
    ChartParetoSubtitleMany => "총 {0}건 · 중점관리 유형 {1}개가 {2}", "{0} complaints · the {1} vital few types make up {2}";
    ChartMoreTypes => "그 밖의 {0}개 유형", "{0} more {0|type|types}";
    ChartVitalFewLegend => "중점관리 유형 (누적 80%까지)", "Vital few (up to 80% cumulative)";
    ChartOtherTypes => "기타 유형", "Other types";
    ChartNoComplaintsIn => "{0} 접수 불만 없음", "No complaints were received in {0}";
    ChartGoal => "목표", "Goal";
    ChartOnTimeRateTitle => "월별 기한 내 처리율 ({0})", "On-time resolution rate per month ({0})";
    ChartOnTimeRateSubtitle => "접수월 기준 · 처리 기한 {0} · {1} 기준", "By month received · resolution target {0} · as of {1}";
    ChartNothingJudged => "판정 가능한 불만 없음", "No complaint can be judged yet";
    ChartTtrTitle => "처리기간 분포 ({0} 접수분)", "Time to resolution (complaints received {0})";
    ChartTtrSubtitle => "처리 완료 {0}건 · {1} 기준", "{0} closed complaints · as of {1}";
    ChartOnTimeWithin => "기한 내 (≤{0})", "On time (≤ {0})";
    ChartLateBeyond => "기한 초과 (>{0})", "Late (> {0})";
    ChartTtrDays => "처리기간 (일)", "Time to resolution (days)";
    ChartTtrBusinessDays => "처리기간 (영업일)", "Time to resolution (business days)";
    ChartNoneClosed => "처리 완료 불만 없음", "No complaint has been closed";
    ChartAgingTitle => "미결 불만 경과일 분포 ({0} 기준)", "Open complaints by age (as of {0})";
    ChartAgingSubtitle => "미결 {0}건 · 이 중 처리 기한({1}) 초과 {2}건", "{0} open · {2} past the {1} target";
    ChartWithinTarget => "기한 내 (≤{0})", "Within target (≤ {0})";
    ChartPastTarget => "기한 초과 (>{0})", "Past target (> {0})";
    ChartOpenComplaints => "미결 건수", "Open complaints";
    ChartAgeBucket => "{0}일", "{0}";
    ChartNoOpenComplaints => "미결 불만 없음", "No open complaints";
    ChartControlTitle => "월별 불만 건수 관리도 ({0})", "Control chart of monthly complaints ({0})";
    ChartCChart => "c 관리도", "c-chart";
    ChartBaselineMonth => "기준 기간 {0} ({1}개월)", "baseline {0} ({1} month)";
    ChartBaselineMonths => "기준 기간 {0} ({1}개월)", "baseline {0} ({1} months)";
    ChartNoBaseline => "기준 기간 없음", "no baseline";
    ChartRunAbove => "중심선 위 연속", "run above centre";
    ChartRunBelow => "중심선 아래 연속", "run below centre";
    ChartRunRising => "연속 증가", "run rising";
    ChartRunFalling => "연속 감소", "run falling";
    ChartNoControlLimits => "기준 기간 6개월 미만({0}개월) — 관리한계 미산출", "Control limits not computed: fewer than 6 baseline months ({0})";
    ChartRecurrenceTitle => "월별 반복 불만 비율 ({0})", "Repeat complaint rates per month ({0})";
    ChartRecurrenceSubtitle => "반복: 같은 {0} 불만이 {1} 이내 재접수 · 종결 후 재발: 앞선 불만 종결 후 {1} 이내", "Repeat: same {0} within {1} · after closure: within {1} of the earlier one's closure";
    ChartKeySeparator => "·", " + ";
    ChartShareOfComplaints => "불만 중 비율 (%)", "Share of complaints (%)";
    // §8 customer notification
    Notified => "통보", "Notified";
    NotifiedOnTime => "기한 내 통보", "Notified on time";
    NotifyOverdue => "통보 기한 초과", "Notification overdue";
    NotifyOnTimeRate => "기한 내 통보율", "Notification on-time rate";
    NotifyDaysMedian => "통보기간 중앙값 (일)", "Days to notify, median";
    NotifyMonthlyNote => "고객 통보: 통보 기한 = 회신요청일, 없으면 접수 후 {0}. 기한 내 통보율 = 기한 내 통보 / (통보 + 통보 기한 초과), 접수일보다 빠른 통보일은 제외.", "Customer notification: the deadline is the reply due date, else {0} after receipt. On-time rate = notified on time / (notified + notification overdue); a notified date before receipt is not judged.";
    NotifyOverdueTitle => "고객 통보 기한 초과 — {0}건 ({1} 기준, 기한이 오래된 순)", "Customer notification overdue — {0} (as of {1}, oldest deadline first)";
    Deadline => "통보 기한", "Deadline";
    DaysPastDeadline => "기한 초과일", "Days past deadline";
    NoNotifyOverdue => "통보 기한 초과 없음", "No notification is overdue";
    NotifiedBeforeReceived => "통보일이 접수일보다 빠름", "Notified before received";
    // §9 corrective action
    SheetCapa => "시정조치", "Corrective action";
    CapaWithoutTitle => "시정조치 없는 반복 문제 — {0}건 (최근 {1}일 {2}건 이상, {3} 기준)", "Recurring problems without CAPA — {0} ({2}+ complaints in the {1} days to {3})";
    CapaSubtitle => "{0} · 반복 문제 = 같은 {1} 불만이 최근 {w}개월 2건 이상 · 유효성 미흡 = 조치 완료 후 {2}일 이내 같은 문제 재접수", "{0} · recurring problem = 2+ complaints with the same {1} in the trend window · ineffective = the problem came back within {2} days of completion";
    CapaCountsTitle => "시정조치 현황 ({0} 기준)", "CAPA counts (as of {0})";
    CapaOpenedInWindow => "최근 {w}개월 발행", "Opened in the trend window";
    CapaOpen => "진행 중 (기한 초과 포함)", "Open (overdue included)";
    CapaOverdue => "  기한 초과", "  Overdue";
    CapaClosedUnverified => "완료 · 효과 미확인", "Closed, not verified";
    CapaVerified => "효과 확인", "Verified";
    CapaIneffective => "유효성 미흡 (완료 후 재발)", "Ineffective (the problem came back)";
    CapaCoverage => "적용률 (최근 {w}개월 불만)", "Coverage (trend-window complaints)";
    CapaListTitle => "시정조치 목록 — {0}건 (발행일 순)", "CAPA list — {0} (by date opened)";
    CapaOpened => "발행일", "Opened";
    CapaDue => "조치기한", "Due";
    CapaClosed => "완료일", "Closed";
    CapaVerifiedOn => "효과확인일", "Verified";
    CapaStatusOpen => "진행 중", "open";
    CapaStatusOverdue => "진행 중 · 기한 초과", "open, overdue";
    CapaStatusClosed => "완료 · 효과 미확인", "closed, not verified";
    CapaStatusVerified => "효과 확인", "verified";
    CapaStatusButRecurred => "{0} → 재발 (유효성 미흡)", "{0}, but recurred (ineffective)";
    CapaProblems => "대상 문제", "Problems";
    CapaIneffectiveBy => "재발 불만 (유효성 미흡)", "Came back as (ineffective)";
    CapaConflicts => "시정조치 날짜 불일치", "CAPA date conflicts";
    OpenCapas => "진행 중 시정조치", "Open CAPAs";
    OverdueCapas => "기한 초과 시정조치", "Overdue CAPAs";
    IneffectiveCapas => "유효성 미흡 시정조치", "Ineffective CAPAs";
    WithoutCapa => "시정조치 없는 반복 문제", "Recurring problems without CAPA";
    // §10 cost
    SheetCost => "비용", "Cost";
    CostTotal => "비용 합계", "Cost total";
    CostCount => "비용 기록 건수", "Complaints with a cost";
    CostMean => "건당 평균 비용", "Mean cost";
    CostWithCurrency => "{0} ({1})", "{0} ({1})";
    CostSubtitle => "{0} · 비용 = 불만 1건의 보상·처리 비용, 접수월 기준", "{0} · cost = a complaint's compensation or handling cost, by month received";
    CostMonthlyTitle => "월별 비용", "Cost per month";
    ChartCostMonthly => "월별 불만 비용", "Complaint cost per month";
    CostParetoTitle => "불량유형별 비용 — {0}", "Cost by defect type — {0}";
    CountParetoTitle => "불량유형별 건수 — {0}", "Complaints by defect type — {0}";
    TopCustomersByCost => "고객별 비용 (최근 {w}개월 상위 {0})", "Cost by customer (top {0}, trend window)";
    NoCostRecorded => "비용 기록 없음", "no cost recorded";
    NoCostIn => "{0} 접수 불만 중 비용 기록 없음", "No complaint received in {0} has a cost";
    ComplaintCost => "불만 비용", "Complaint cost";
    ChartCostTrendTitle => "월별 불만 비용 ({0})", "Complaint cost per month ({0})";
    ChartCostTrendSubtitle => "최근 {w}개월 합계 {0} · 비용 기록 {1}건 · 접수월 기준", "Trend-window total {0} · {1} complaints with a cost · by month received";
    ChartCostAxis => "비용 ({0})", "Cost ({0})";
    ChartMoneyUnit => "{0} {1}", "{1} {0}";
    ChartMoneyNoCurrency => "{0}, 통화 미지정", "{0}, currency not set";
    ChartThousands => "천", "thousands";
    ChartMillions => "백만", "millions";
    ChartNoCost => "비용 기록 불만 없음", "No complaint has a cost";
    ChartAboveGoal => "목표 초과", "Above the goal";
    ChartCostParetoTitle => "불량유형별 비용 파레토 ({0})", "Cost Pareto of defect types ({0})";
    ChartCostParetoSubtitleOne => "총 비용 {0} · 중점관리 유형 {1}개가 {2}", "Total cost {0} · the {1} vital few type makes up {2}";
    ChartCostParetoSubtitleMany => "총 비용 {0} · 중점관리 유형 {1}개가 {2}", "Total cost {0} · the {1} vital few types make up {2}";
    ChartCapaTitle => "시정조치 현황 ({0} 기준)", "Corrective actions (as of {0})";
    ChartCapaSubtitle => "시정조치 {0}건 · 최근 {w}개월 적용률 {1} · 시정조치 없는 반복 문제 {2}건", "{0} CAPAs · trend-window coverage {1} · {2} active recurring problems without CAPA";
    ChartCapaOpen => "진행 중 (기한 내)", "Open, within due";
    ChartCapaOverdue => "진행 중 (기한 초과)", "Open, overdue";
    ChartCapaClosed => "완료 (효과 미확인)", "Closed, not verified";
    ChartCapaVerified => "효과 확인", "Verified";
    ChartCapaIneffective => "유효성 미흡 (재발)", "Ineffective (came back)";
    ChartCapaCount => "시정조치 건수", "CAPAs";
    ChartNoCapa => "시정조치 없음", "No corrective action yet";
    // §15 the changes since the last report (history/, the Changes sheet): 개조식, noun endings
    SheetChanges => "변경 이력", "Changes";
    FindingChanges => "지난 보고({0}, {1} 기준) 이후 변경: {2} (변경 이력 시트 참조).", "Since the last report ({0}, as of {1}): {2} (see the Changes sheet).";
    ChangesReceived => "{0} 접수 {1}→{2}건", "{0} received {1} → {2}";
    ChangesMoreMonths => "그 밖에 접수 재집계 {0}개월", "more months with received restated: {0}";
    ChangesOtherMonths => "처리 현황 재집계 {0}개월", "months with handling figures restated: {0}";
    ChangesLate => "늦은 등록 {0}건", "late entries: {0}";
    ChangesRemoved => "삭제 {0}건", "removed: {0}";
    ChangesEdited => "수정 {0}건({1}개 항목)", "complaints edited: {0} (fields: {1})";
    FindingCarried => "{0} 보고 조치 현황: {1}.", "The {0} report's to-do list now: {1}.";
    CarriedOverduePart => "기한 초과 미결 {0}건 중 {1}건 완료", "{1} of {0} overdue complaints closed";
    CarriedNotifyPart => "통보 기한 초과 {0}건 중 {1}건 통보", "{1} of {0} overdue replies sent";
    CarriedCapaPart => "진행 중 시정조치 {0}건 중 {1}건 완료", "{1} of {0} open CAPAs completed";
    CarriedKeysPart => "시정조치 없는 반복 문제 {0}건 중 {1}건 조치", "{1} of {0} recurring problems without CAPA got one";
    ChangesSubtitle => "{0} 보고({1} 기준, 불만 {2}건) 대비 · 일치 {3}건(접수번호 {4}, 내용 {5})", "Against the {0} report (as of {1}, {2} complaints) · {3} matched ({4} by id, {5} by content)";
    ChangesParams => "※ {0} 보고와 다른 설정: {1} — 일부 차이는 설정 변경 때문", "Note: the {0} report used other settings ({1}): some differences come from them";
    RestatedTitle => "재집계된 월 — {0}개월 (지난 보고 값 → 현재 값)", "Restated months — {0} (as reported then and now)";
    AddedTitle => "추가된 불만 — {0}건 (늦은 등록 {1}건)", "Added complaints — {0} ({1} late entries)";
    RemovedTitle => "삭제된 불만 — {0}건", "Removed complaints — {0}";
    EditedTitle => "수정된 항목 — 불만 {0}건, {1}개 항목", "Edited fields — {1} in {0} complaints";
    CarriedOverdueTitle => "{0} 보고의 기한 초과 미결 — {1}건", "Overdue complaints of the {0} report — {1}";
    CarriedNotifyTitle => "{0} 보고의 통보 기한 초과 — {1}건", "Overdue replies of the {0} report — {1}";
    CarriedCapaTitle => "{0} 보고의 진행 중 시정조치 — {1}건", "Open CAPAs of the {0} report — {1}";
    CarriedKeysTitle => "{0} 보고의 시정조치 없는 반복 문제 — {1}건", "Recurring problems without CAPA of the {0} report — {1}";
    Then => "지난 보고", "Then";
    Now => "현재", "Now";
    LateEntry => "늦은 등록", "Late entry";
    MatchedBy => "일치 기준", "Matched by";
    MatchedById => "접수번호", "id";
    MatchedByContent => "내용", "content";
    MatchedBySimilar => "내용(1개 항목 차이)", "content but one field";
    AgeThen => "당시 경과일", "Age then";
    StatusNow => "현재 상태", "Status now";
    NowClosed => "완료 {0}", "closed {0}";
    NowClosedNoDate => "완료(일자 미기록)", "closed (no date)";
    NowOpen => "미결 {0}일 경과", "open, {0} days";
    NowOpenOverdue => "미결 {0}일 경과(기한 초과)", "open, {0} days (overdue)";
    NowRemoved => "대장에서 삭제", "no longer in the ledgers";
    NowNotified => "통보 {0}", "notified {0}";
    NowNotifyOverdue => "미통보, 기한 {0}일 초과", "not notified, {0} days past the deadline";
    NowWithoutCapa => "시정조치 없음(최근 {0}건, 마지막 {1})", "still without CAPA ({0} complaints, last {1})";
    NowGotCapa => "시정조치 {0}({1})", "CAPA {0} ({1})";
    NowInactive => "목록 제외(발행 기준 미달)", "off the list (below the trigger)";
    ChangesCapped => "※ {0}건 중 처음 {1}건 표시 — 전체는 summary.json의 changes", "Showing the first {1} of {0}: all of them are in summary.json (changes)";
}

impl Labels {
    /// English labels, for unit tests of what is told.
    #[cfg(test)]
    pub fn english() -> Labels {
        Labels { korean: false, months: DEFAULT_MONTHS }
    }

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
        Labels { korean, months: DEFAULT_MONTHS }
    }

    /// The text of `label` in the report's language.
    /// (A label that names the trend window, `{w}`, goes through
    /// [`Labels::fmt`].)
    pub fn get(&self, label: L) -> &'static str {
        let text = self.template(label);
        debug_assert!(!text.contains("{w}"), "{label:?} names the trend window: use Labels::fmt");
        text
    }

    fn template(&self, label: L) -> &'static str {
        let (ko, en) = label.texts();
        if self.korean {
            ko
        } else {
            en
        }
    }

    /// The text of `label` with `{0}`, `{1}` … replaced by `values`.
    /// `{w}` is the trend window in months.
    pub fn fmt(&self, label: L, values: &[&dyn std::fmt::Display]) -> String {
        // one pass over the template: a value that holds `{1}` (a defect
        // type can be any text) is never substituted again
        let template = self.template(label);
        let mut text = String::with_capacity(template.len() + 16 * values.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            if let Some(tail) = after.strip_prefix("w}") {
                text.push_str(&self.months.to_string());
                rest = tail;
                continue;
            }
            // `{0}` is a value; `{0|file|files}` the word for its number
            let slot = after.find('}').and_then(|close| {
                let mut parts = after[..close].split('|');
                Some((parts.next()?.parse::<usize>().ok()?, parts.next(), parts.next(), close))
            });
            match slot.and_then(|(i, one, many, close)| Some((values.get(i)?, one, many, close))) {
                Some((v, one, many, close)) => {
                    let v = v.to_string();
                    match (one, many) {
                        (Some(one), Some(many)) => text.push_str(if v == "1" { one } else { many }),
                        _ => text.push_str(&v),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    text.push('{');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        text
    }

    /// The handling target as words: `10일` / `10영업일`, `10 days` /
    /// `10 business days` (`--business-days`).
    pub fn target_days(&self, p: &crate::metrics::Params) -> String {
        let label = match (p.business_days, p.target_days) {
            (false, 1) => L::ChartDay,
            (false, _) => L::ChartDays,
            (true, 1) => L::ChartBusinessDay,
            (true, _) => L::ChartBusinessDays,
        };
        self.fmt(label, &[&p.target_days])
    }

    /// An amount as the reports write it: whole units with thousands
    /// separators, then the currency when one is configured
    /// (`12,340,000 KRW`).
    pub fn amount(&self, x: f64, currency: Option<&str>) -> String {
        match currency {
            Some(c) => format!("{} {c}", thousands(x)),
            None => thousands(x),
        }
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
mod tests;
