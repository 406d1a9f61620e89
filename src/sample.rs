//! Deterministic synthetic complaint ledgers.
//!
//! * [`write_legacy_samples`] writes the kind of messy ledgers a Korean
//!   manufacturer really keeps (a multi-sheet master workbook with title rows,
//!   two-row headers, merged cells, subtotals and mixed date forms; a CP949 CSV
//!   re-export from the sales system; a monthly workbook with month-day dates)
//!   and returns a [`SampleTruth`] that says exactly what was put into them.
//! * [`write_tidy`] writes a large one-header-row ledger with the canonical
//!   column names, for benchmarks.
//!
//! Everything is driven by a small seeded PRNG (splitmix64); the same seed
//! gives byte-identical files (no wall clock is read anywhere).

use std::collections::{BTreeMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{bail, Context, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Weekday};
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

/// What the generator put into the legacy sample, for tests to assert against.
///
/// All counts are taken from the loops that write the rows. The identity
/// `complaints == data_rows - rejected_missing_date - rejected_bad_date -
/// duplicates_merged` holds: rejected rows never share an id with another row,
/// and `complaints`/`duplicates_merged` are counted over accepted rows.
#[derive(Debug, Clone, serde::Serialize, PartialEq)]
pub struct SampleTruth {
    /// File names written, sorted.
    pub files: Vec<String>,
    /// Distinct complaints (distinct ids among rows with a usable received date).
    pub complaints: usize,
    /// Complaint rows written, including duplicate and rejected rows.
    pub data_rows: usize,
    /// Data rows whose received-date cell is blank.
    pub rejected_missing_date: usize,
    /// Data rows whose received-date cell is unparseable text such as `미상`.
    pub rejected_bad_date: usize,
    /// Rows whose complaint id already appeared in an earlier row or file.
    pub duplicates_merged: usize,
    /// Ids whose duplicate rows differ in customer, product, lot, defect type
    /// or received date (both values non-blank).
    pub id_conflicts: usize,
    /// Subtotal and total rows (`소계`, `합계`).
    pub subtotal_rows: usize,
    /// Note rows under a table (`※ ...`).
    pub note_rows: usize,
    /// Empty template rows carrying only a running number.
    pub template_rows: usize,
    /// First month with an accepted complaint, `YYYY-MM`.
    pub first_month: String,
    /// Last month with an accepted complaint, `YYYY-MM`.
    pub last_month: String,
}

/// Output format of [`write_tidy`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TidyFormat {
    /// One worksheet `Data`, written in constant-memory mode.
    Xlsx,
    /// UTF-8, comma separated, LF line ends.
    Csv,
    /// Apache Parquet: dates as Date columns, cost as a number, the rest text.
    Parquet,
}

/// File name of the quality team's master ledger.
pub const MASTER_FILE: &str = "2023-2025_고객불만_접수대장.xlsx";
/// File name of the sales team's CP949 re-export.
pub const SALES_FILE: &str = "영업팀_불만접수_2025상반기.csv";
/// File name of the October 2025 monthly ledger.
pub const OCTOBER_FILE: &str = "2025년_10월_불만접수.xlsx";

/// The 17 canonical columns of the tidy ledger, in order.
pub const TIDY_COLUMNS: [&str; 17] = [
    "complaint_id",
    "received_date",
    "customer",
    "product",
    "lot",
    "defect_type",
    "description",
    "channel",
    "severity",
    "site",
    "department",
    "owner",
    "cause",
    "action",
    "closed_date",
    "status",
    "cost",
];

// ---------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------

/// splitmix64: tiny, fast and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in 0..n (0 when n == 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in lo..=hi.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as usize) as i64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Index drawn with the given weights.
    fn weighted<T>(&mut self, items: &[T], weight: impl Fn(&T) -> u32) -> usize {
        let total: u64 = items.iter().map(|t| u64::from(weight(t))).sum();
        if total == 0 {
            return 0;
        }
        let mut x = ((u128::from(self.next_u64()) * u128::from(total)) >> 64) as u64;
        for (i, t) in items.iter().enumerate() {
            let w = u64::from(weight(t));
            if x < w {
                return i;
            }
            x -= w;
        }
        items.len() - 1
    }

    /// Partial Fisher-Yates: `k` distinct items of `v` in random order.
    fn sample(&mut self, v: &[usize], k: usize) -> Vec<usize> {
        let mut v = v.to_vec();
        let k = k.min(v.len());
        for i in 0..k {
            let j = i + self.below(v.len() - i);
            v.swap(i, j);
        }
        v.truncate(k);
        v
    }
}

// ---------------------------------------------------------------------------
// Value pools
// ---------------------------------------------------------------------------

const FONT: &str = "맑은 고딕";

struct Product {
    name: &'static str,
    weight: u32,
    plant: usize,
}

const PRODUCTS: [Product; 12] = [
    Product { name: "도어트림 DT-100", weight: 14, plant: 0 },
    Product { name: "콘솔박스 CB-200", weight: 12, plant: 1 },
    Product { name: "글로브박스 GB-300", weight: 9, plant: 0 },
    Product { name: "크래쉬패드 CP-400", weight: 10, plant: 1 },
    Product { name: "필러트림 PT-150", weight: 8, plant: 0 },
    Product { name: "범퍼커버 BC-500", weight: 9, plant: 1 },
    Product { name: "라디에이터그릴 RG-550", weight: 6, plant: 1 },
    Product { name: "에어벤트 AV-120", weight: 7, plant: 0 },
    Product { name: "컵홀더 CH-220", weight: 6, plant: 0 },
    Product { name: "시트백커버 SB-330", weight: 5, plant: 1 },
    Product { name: "스커프플레이트 SP-160", weight: 4, plant: 0 },
    Product { name: "휠하우스커버 WC-600", weight: 4, plant: 1 },
];

/// Index of the product whose foreign-matter problem spikes in October 2025.
const SPIKE_PRODUCT: usize = 1;

const PLANTS: [&str; 2] = ["1공장", "2공장"];

struct Customer {
    name: &'static str,
    weight: u32,
    products: &'static [usize],
}

const CUSTOMERS: [Customer; 15] = [
    Customer { name: "(주)한성오토", weight: 16, products: &[0, 1, 3, 7] },
    Customer { name: "대원산업", weight: 12, products: &[0, 2, 4, 8] },
    Customer { name: "세진모터스", weight: 10, products: &[1, 3, 5, 6] },
    Customer { name: "동양정공(주)", weight: 9, products: &[0, 1, 9] },
    Customer { name: "케이엠테크", weight: 8, products: &[2, 7, 8, 10] },
    Customer { name: "우진오토파츠", weight: 8, products: &[5, 6, 11] },
    Customer { name: "(주)신흥기공", weight: 7, products: &[0, 4, 10] },
    Customer { name: "삼우이엔지", weight: 6, products: &[1, 3, 8] },
    Customer { name: "대경산업(주)", weight: 6, products: &[3, 5, 9, 11] },
    Customer { name: "미래모빌리티", weight: 5, products: &[0, 1, 2, 7] },
    Customer { name: "한일화성", weight: 4, products: &[6, 9, 11] },
    Customer { name: "(주)태광오토텍", weight: 3, products: &[4, 7, 10] },
    Customer { name: "정일오토", weight: 3, products: &[1, 2, 8] },
    Customer { name: "광명기연", weight: 2, products: &[5, 11] },
    Customer { name: "보성부품(주)", weight: 2, products: &[3, 4, 9] },
];

/// (name, weight, code) — a Pareto-ish skew.
const DEFECTS: [(&str, u32, &str); 9] = [
    ("외관불량", 28, "D01"),
    ("치수불량", 17, "D02"),
    ("이물", 13, "D03"),
    ("변형", 11, "D04"),
    ("기능불량", 10, "D05"),
    ("포장불량", 8, "D06"),
    ("오배송", 5, "D07"),
    ("수량부족", 5, "D08"),
    ("기타", 3, "D09"),
];
const D_FOREIGN: usize = 2;
const D_DEFORM: usize = 3;

const DEFECT_NOTES: [&str; 9] = [
    "스크래치, 도장, 웰드라인 등 외관 결함",
    "규격 초과, 조립 간섭",
    "이물 혼입, 흑점",
    "휨, 수축, 뒤틀림",
    "체결, 작동, 잠금 불량",
    "박스 파손, 라벨 오류",
    "품번, 납품처 오류",
    "납품 수량 부족",
    "그 밖의 불만",
];

const DESCRIPTIONS: [&[&str]; 9] = [
    &["표면 스크래치 발생", "도장 색상 편차, 광택 불균일", "웰드라인 과다", "흑점 및 은줄 발생", "게이트 자국 돌출"],
    &[
        "체결 홀 위치 편차(0.6mm)",
        "조립 간섭으로 장착 불가",
        "전장 규격 초과",
        "클립 좌면 높이 미달",
        "평면도 불량, 단차 발생",
    ],
    &["표면 이물(검은 점) 혼입", "내부 이물 혼입, 고객 라인 정지", "먼지 및 실밥 부착", "수지 탄화물 혼입"],
    &["휨 변형으로 조립 불가", "싱크마크(수축) 발생", "고온 방치 후 변형", "리브 뒤틀림"],
    &["클립 체결력 부족", "힌지 작동 불량", "잠금 기능 불량", "조립 시 \"딱\" 소리 후 파손", "덮개 개폐 불량"],
    &["포장 박스 파손", "완충재 누락", "라벨 오부착", "적재 불량으로 제품 눌림"],
    &["타 품번 혼입 납품", "납품처 오배송", "사양(색상) 상이품 납품"],
    &["납품 수량 부족(2EA)", "박스당 입수 부족", "거래명세서 수량과 실물 불일치"],
    &["검사성적서 누락", "납기 지연에 대한 불만", "담당자 응대 불만"],
];

const CAUSES: [&[&str]; 9] = [
    &["금형 표면 오염", "취출 시 취급 부주의", "도장 조건 변동"],
    &["금형 마모", "사출 조건(보압) 변동", "측정 기준 불일치"],
    &["원재료 건조기 청소 미흡", "분쇄재 혼입 관리 미흡", "작업장 청정도 관리 미흡"],
    &["냉각 시간 부족", "적재 방법 부적절", "금형 온도 편차"],
    &["부품 조립 누락", "스프링 사양 변경 미반영", "설계 공차 부적절"],
    &["포장 사양 미준수", "포장재 품질 저하", "라벨 출력 오류"],
    &["출하 검수 누락", "피킹 리스트 오류", "바코드 미스캔"],
    &["계수 오류", "출하 검수 누락", "포장 작업자 실수"],
    &["행정 처리 누락", "생산 계획 변경", "고객 요구사항 전달 누락"],
];

const ACTIONS: [&[&str]; 9] = [
    &["전수 선별 후 재납품", "금형 세척 및 한도견본 재교육", "불량품 교환, 출하검사 강화"],
    &["금형 수정 및 초품 재승인", "사출 조건 재설정, 전수 측정", "대체품 긴급 납품"],
    &["건조기 및 호퍼 청소 주기 단축", "이물 선별 후 재납품", "분쇄재 사용 중지"],
    &["냉각 시간 연장, 적재 지그 적용", "변형품 교환", "금형 온도 조건 표준화"],
    &["조립 공정 체크시트 적용", "부품 교환 및 원인 분석", "설계 변경(ECO) 요청"],
    &["포장 사양서 재교육", "포장재 공급업체 변경", "재포장 후 납품"],
    &["회수 후 정품 재납품", "출하 바코드 검수 도입", "피킹 절차 개정"],
    &["부족분 긴급 납품", "출하 전 중량 검수 도입", "계수기 점검"],
    &["성적서 재발행", "납기 관리 강화", "응대 교육 실시"],
];

const CHANNELS: [(&str, u32); 5] = [("전화", 34), ("메일", 24), ("온라인", 18), ("방문", 16), ("ARS", 8)];

const DEPARTMENTS: [&str; 4] = ["품질보증팀", "생산1팀", "생산2팀", "물류팀"];
const DEPT_QA: usize = 0;
const DEPT_LOGISTICS: usize = 3;

const OWNERS: [&[&str]; 4] =
    [&["김민수", "이지현", "박성훈"], &["최영호", "정은비", "오태식"], &["한상철", "윤서연"], &["조현우", "임수진"]];

const SEVERITIES: [(&str, u32); 3] = [("상", 12), ("중", 55), ("하", 33)];

/// Unparseable received-date texts; `{Y}` is replaced by the sheet's year.
const BAD_DATES: [&str; 4] = ["미상", "확인중", "{Y}.13.45", "{Y}.02.30"];

const NOTE_MASTER: &str = "※ 처리기간: 접수일로부터 10일 이내 (고객불만처리절차서 QP-14)";
const NOTE_OCTOBER: &str = "※ 9월 접수 누락분 및 미결 이월건 포함";

// ---------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------

/// `num_days_from_ce()` of 1899-12-30, day 0 of Excel's 1900 date system.
const EXCEL_EPOCH_CE: i64 = 693_594;

fn ymd(y: i32, m: u32, d: u32) -> Result<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d).with_context(|| format!("invalid date {y}-{m}-{d}"))
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    d.checked_add_signed(TimeDelta::days(n)).unwrap_or(d)
}

fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

fn excel_serial(d: NaiveDate) -> f64 {
    (i64::from(d.num_days_from_ce()) - EXCEL_EPOCH_CE) as f64
}

fn days_in_month(y: i32, m: u32) -> Result<i64> {
    let first = ymd(y, m, 1)?;
    let next = if m == 12 { ymd(y + 1, 1, 1)? } else { ymd(y, m + 1, 1)? };
    Ok(days_between(first, next))
}

fn fixed_datetime(y: i32, m: u32, d: u32) -> Result<NaiveDateTime> {
    ymd(y, m, d)?.and_hms_opt(9, 0, 0).context("invalid fixed workbook time")
}

/// Full date as text in one of the forms seen in hand-kept ledgers.
fn text_date(d: NaiveDate, form: usize) -> String {
    let (y, m, dd) = (d.year(), d.month(), d.day());
    match form % 7 {
        0 => format!("{y}.{m:02}.{dd:02}"),
        1 => format!("{y}.{m}.{dd}"),
        2 => format!("{y}. {m}. {dd}."),
        3 => format!("{y}/{m:02}/{dd:02}"),
        4 => format!("{y}{m:02}{dd:02}"),
        5 => format!("{:02}.{m:02}.{dd:02}", y % 100),
        _ => format!("{y}년 {m}월 {dd}일"),
    }
}

/// Month-day only text (the year comes from the sheet name).
fn month_day(d: NaiveDate, form: usize) -> String {
    let (m, dd) = (d.month(), d.day());
    match form % 3 {
        0 => format!("{m}/{dd}"),
        1 => format!("{m}월 {dd}일"),
        _ => format!("{m:02}-{dd:02}"),
    }
}

fn month_key(d: NaiveDate) -> String {
    format!("{:04}-{:02}", d.year(), d.month())
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

// ---------------------------------------------------------------------------
// One complaint's attributes
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
struct Core {
    customer: usize,
    product: usize,
    defect: usize,
    desc: usize,
    channel: usize,
    dept: usize,
    owner: usize,
    cause: usize,
    action: usize,
    severity: usize,
    close_days: i64,
    cost: Option<u64>,
    lot_back: i64,
    lot_line: u8,
}

fn pick_product(rng: &mut Rng, customer: usize) -> usize {
    let list = CUSTOMERS[customer].products;
    list[rng.weighted(list, |&p| PRODUCTS[p].weight)]
}

fn pick_defect(rng: &mut Rng, month: u32) -> usize {
    let summer = (6..=8).contains(&month);
    rng.weighted(&DEFECTS, |&(name, w, _)| if summer && name == DEFECTS[D_DEFORM].0 { w * 9 / 5 } else { w })
}

fn pick_department(rng: &mut Rng, defect: usize, product: usize) -> usize {
    let production = 1 + PRODUCTS[product].plant;
    match defect {
        5..=7 => DEPT_LOGISTICS,
        8 => DEPT_QA,
        1 | 4 => {
            if rng.chance(0.5) {
                DEPT_QA
            } else {
                production
            }
        }
        _ => {
            if rng.chance(0.15) {
                DEPT_QA
            } else {
                production
            }
        }
    }
}

fn draw_close_days(rng: &mut Rng) -> i64 {
    let r = rng.f64();
    if r < 0.02 {
        1
    } else if r < 0.80 {
        rng.range(2, 9)
    } else if r < 0.83 {
        10
    } else if r < 0.98 {
        rng.range(11, 30)
    } else {
        rng.range(31, 75)
    }
}

fn draw_cost(rng: &mut Rng) -> Option<u64> {
    if !rng.chance(0.3) {
        return None;
    }
    let r = rng.f64();
    let man = if r < 0.12 {
        0
    } else if r < 0.65 {
        rng.range(1, 30)
    } else if r < 0.92 {
        rng.range(30, 100)
    } else {
        rng.range(100, 250)
    };
    Some(man as u64 * 10_000)
}

/// Re-draws the handling fields that depend on defect and product.
fn rehandle(rng: &mut Rng, core: &mut Core) {
    core.desc = rng.below(DESCRIPTIONS[core.defect].len());
    core.cause = rng.below(CAUSES[core.defect].len());
    core.action = rng.below(ACTIONS[core.defect].len());
    core.dept = pick_department(rng, core.defect, core.product);
    core.owner = rng.below(OWNERS[core.dept].len());
}

fn draw_core(rng: &mut Rng, month: u32) -> Core {
    let customer = rng.weighted(&CUSTOMERS, |c| c.weight);
    let product = pick_product(rng, customer);
    let defect = pick_defect(rng, month);
    let mut core = Core {
        customer,
        product,
        defect,
        desc: 0,
        channel: rng.weighted(&CHANNELS, |c| c.1),
        dept: 0,
        owner: 0,
        cause: 0,
        action: 0,
        severity: rng.weighted(&SEVERITIES, |s| s.1),
        close_days: draw_close_days(rng),
        cost: draw_cost(rng),
        lot_back: rng.range(5, 60),
        lot_line: rng.range(1, 4) as u8,
    };
    rehandle(rng, &mut core);
    core
}

fn lot_code(production: NaiveDate, line: u8) -> String {
    format!("L{:02}{:02}{:02}-{}", production.year() % 100, production.month(), production.day(), line)
}

// ---------------------------------------------------------------------------
// The legacy complaint population
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Closed {
    Date(NaiveDate),
    DoneNoDate,
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Received,
    InProgress,
    Done,
}

impl Status {
    fn ledger_word(self) -> &'static str {
        match self {
            Status::Received => "접수",
            Status::InProgress => "처리중",
            Status::Done => "완료",
        }
    }

    fn sales_word(self) -> &'static str {
        match self {
            Status::Received => "접수",
            Status::InProgress => "처리중",
            Status::Done => "처리완료",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reexport {
    /// Identical in both files.
    Same,
    /// Open in the master ledger, closed in the sales export (an update).
    OpenInMaster,
    /// The master ledger's closed date is this many days earlier (an update).
    EarlierClose(i64),
    /// The sales export names another customer (a conflict).
    ConflictCustomer(usize),
    /// The sales export names another product (a conflict).
    ConflictProduct(usize),
}

/// The one special role a complaint plays in the sample (at most one each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Plain,
    SalesOnly,
    LateEntry,
    CarryOver,
    Overdue,
    Reexported(Reexport),
    RejectMissing,
    RejectBad(usize),
    ClosedBefore,
    DoneNoDate,
    DoubleEntry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dest {
    Master,
    October,
    SalesOnly,
}

#[derive(Debug, Clone)]
struct Complaint {
    id: String,
    received: NaiveDate,
    minute: u32,
    core: Core,
    lot: String,
    closed: Closed,
    open_status: Status,
    tag: Tag,
    dest: Dest,
    /// Rows in the vertically merged customer group starting here (0 = none).
    merge_len: u8,
    /// Inside (not at the top of) a merged customer group.
    in_merge: bool,
    /// When the row was entered (orders the October sheet).
    entry: NaiveDate,
}

impl Complaint {
    fn status(&self) -> Status {
        match self.closed {
            Closed::Open => self.open_status,
            _ => Status::Done,
        }
    }
}

struct Population {
    list: Vec<Complaint>,
}

/// 28 months: 2023-07 ..= 2025-10.
const MONTHS: usize = 28;

fn month_of(index: usize) -> (i32, u32) {
    let m0 = 6 + index as i32; // months after 2023-01
    (2023 + m0 / 12, (m0 % 12) as u32 + 1)
}

fn pick_day(rng: &mut Rng, first: NaiveDate, days: i64) -> NaiveDate {
    let mut d = add_days(first, rng.range(0, days - 1));
    for _ in 0..4 {
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        if !weekend || rng.chance(0.25) {
            break;
        }
        d = add_days(first, rng.range(0, days - 1));
    }
    d
}

fn new_complaint(rng: &mut Rng, received: NaiveDate, core: Core, as_of: NaiveDate) -> Complaint {
    let age = days_between(received, as_of);
    let mut closed_on = add_days(received, core.close_days);
    if closed_on > as_of && age > 30 {
        // Older open items are placed deliberately (see `assign_roles`).
        closed_on = add_days(as_of, -rng.range(0, 6));
    }
    let open = closed_on > as_of || (age <= 21 && rng.chance(0.3));
    let open_status = if age <= 5 && rng.chance(0.6) { Status::Received } else { Status::InProgress };
    Complaint {
        id: String::new(),
        received,
        minute: rng.range(510, 1080) as u32,
        lot: lot_code(add_days(received, -core.lot_back), core.lot_line),
        core,
        closed: if open { Closed::Open } else { Closed::Date(closed_on) },
        open_status,
        tag: Tag::Plain,
        dest: Dest::Master,
        merge_len: 0,
        in_merge: false,
        entry: received,
    }
}

fn generate_population(seed: u64) -> Result<Population> {
    let mut rng = Rng::new(seed);
    let as_of = ymd(2025, 10, 31)?;
    let oct1 = ymd(2025, 10, 1)?;
    let mut list: Vec<Complaint> = Vec::with_capacity(2200);

    // 1. Monthly volume with mild seasonality; an 이물 spike in the last month.
    for mi in 0..MONTHS {
        let (y, m) = month_of(mi);
        let first = ymd(y, m, 1)?;
        let days = days_in_month(y, m)?;
        let season = 7.0 * (std::f64::consts::TAU * (f64::from(m) - 4.0) / 12.0).sin();
        let noise = (rng.f64() + rng.f64() + rng.f64() - 1.5) * 6.0;
        let mut volume = (72.0 + season + noise).round().clamp(60.0, 85.0) as usize;
        let last = mi + 1 == MONTHS;
        if last {
            volume = volume * 9 / 10;
        }
        for _ in 0..volume {
            let day = pick_day(&mut rng, first, days);
            let core = draw_core(&mut rng, m);
            list.push(new_complaint(&mut rng, day, core, as_of));
        }
        if last {
            let share = f64::from(DEFECTS[D_FOREIGN].1) / f64::from(DEFECTS.iter().map(|d| d.1).sum::<u32>());
            let extra = (volume as f64 * share * 2.6).round() as usize;
            let lot_from = ymd(2025, 9, 22)?;
            for _ in 0..extra {
                // Later in the month more often: the problem grows.
                let off = ((days as f64) * rng.f64().sqrt()) as i64;
                let day = add_days(first, off.min(days - 1));
                let mut core = draw_core(&mut rng, m);
                core.defect = D_FOREIGN;
                let mut production = None;
                if rng.chance(0.7) {
                    let holders: Vec<usize> =
                        (0..CUSTOMERS.len()).filter(|&c| CUSTOMERS[c].products.contains(&SPIKE_PRODUCT)).collect();
                    core.customer = holders[rng.weighted(&holders, |&c| CUSTOMERS[c].weight)];
                    core.product = SPIKE_PRODUCT;
                    core.lot_line = 2;
                    let p = add_days(lot_from, rng.range(0, 11));
                    production = Some(p.min(add_days(day, -2)));
                }
                rehandle(&mut rng, &mut core);
                let mut c = new_complaint(&mut rng, day, core, as_of);
                if let Some(p) = production {
                    c.lot = lot_code(p, 2);
                }
                list.push(c);
            }
        }
    }
    list.sort_by_key(|c| (c.received, c.minute));
    let n = list.len();

    // 2. Recurrences: the same product+defect comes back soon after closing.
    let mut rewritten = vec![false; n];
    let sep1 = ymd(2025, 9, 1)?;
    for _ in 0..35 {
        let src = rng.below(n);
        let Closed::Date(done) = list[src].closed else {
            continue;
        };
        if list[src].received >= sep1 {
            continue;
        }
        let lo = add_days(done, 2);
        let hi = add_days(done, 21).min(add_days(oct1, -1));
        let cands: Vec<usize> =
            (0..n).filter(|&j| j != src && !rewritten[j] && list[j].received >= lo && list[j].received <= hi).collect();
        if cands.is_empty() {
            continue;
        }
        let j = cands[rng.below(cands.len())];
        let from = list[src].core;
        let mut core = list[j].core;
        if rng.chance(0.75) {
            core.customer = from.customer;
        }
        core.product = from.product;
        if !CUSTOMERS[core.customer].products.contains(&core.product) {
            core.customer = from.customer;
        }
        core.defect = from.defect;
        rehandle(&mut rng, &mut core);
        list[j].core = core;
        rewritten[j] = true;
    }

    // 3. Sales-only complaints (2025-01..06, only in the sales export).
    let h1_from = ymd(2025, 1, 1)?;
    let h1_to = ymd(2025, 6, 30)?;
    let h1: Vec<usize> = (0..n).filter(|&i| list[i].received >= h1_from && list[i].received <= h1_to).collect();
    for i in rng.sample(&h1, 40) {
        list[i].dest = Dest::SalesOnly;
        list[i].tag = Tag::SalesOnly;
    }
    for c in list.iter_mut() {
        if c.received >= oct1 {
            c.dest = Dest::October;
        }
    }

    // 4. Ids: C-YYYY-NNNN in order of receipt, S-2025-NNNN in the sales system.
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    let mut sales_no = rng.range(3, 9) as u32;
    for c in list.iter_mut() {
        if c.dest == Dest::SalesOnly {
            c.id = format!("S-{}-{:04}", c.received.year(), sales_no);
            sales_no += rng.range(1, 6) as u32;
        } else {
            let k = per_year.entry(c.received.year()).or_insert(0);
            *k += 1;
            c.id = format!("C-{}-{:04}", c.received.year(), k);
        }
    }

    let mut pop = Population { list };
    assign_roles(&mut pop, &mut rng)?;
    assign_merges(&mut pop, &mut rng)?;
    Ok(pop)
}

/// Indices of plain master-ledger complaints received in `from..=to`.
fn plain_master(pop: &Population, from: NaiveDate, to: NaiveDate) -> Vec<usize> {
    (0..pop.list.len())
        .filter(|&i| {
            let c = &pop.list[i];
            c.tag == Tag::Plain && c.dest == Dest::Master && c.received >= from && c.received <= to
        })
        .collect()
}

fn assign_roles(pop: &mut Population, rng: &mut Rng) -> Result<()> {
    let oct1 = ymd(2025, 10, 1)?;
    // Late-entered September complaints: only in the October file.
    for i in rng.sample(&plain_master(pop, ymd(2025, 9, 22)?, ymd(2025, 9, 30)?), 4) {
        let c = &mut pop.list[i];
        c.tag = Tag::LateEntry;
        c.dest = Dest::October;
        c.entry = add_days(c.received, rng.range(4, 10));
    }
    // Carried over: open in the master ledger, closed in October's file.
    for i in rng.sample(&plain_master(pop, ymd(2025, 9, 12)?, ymd(2025, 9, 30)?), 5) {
        let c = &mut pop.list[i];
        c.tag = Tag::CarryOver;
        let late = add_days(oct1, rng.range(0, 12));
        c.closed = Closed::Date(match c.closed {
            Closed::Date(d) => d.max(late),
            _ => late,
        });
    }
    // Overdue: 1-4 months old and still open.
    for i in rng.sample(&plain_master(pop, ymd(2025, 7, 1)?, ymd(2025, 9, 20)?), 8) {
        let c = &mut pop.list[i];
        c.tag = Tag::Overdue;
        c.closed = Closed::Open;
        c.open_status = Status::InProgress;
    }
    // Re-exported by sales: 180 of the 2025 H1 complaints.
    let h1: Vec<usize> = plain_master(pop, ymd(2025, 1, 1)?, ymd(2025, 6, 30)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    let (mut open_updates, mut late_updates, mut conflicts) = (0, 0, 0);
    for i in rng.sample(&h1, 180) {
        let c = &mut pop.list[i];
        let days = match c.closed {
            Closed::Date(d) => days_between(c.received, d),
            _ => 0,
        };
        let kind = if open_updates < 15 {
            open_updates += 1;
            Reexport::OpenInMaster
        } else if late_updates < 10 && days >= 3 {
            late_updates += 1;
            Reexport::EarlierClose(rng.range(1, (days - 1).min(5)))
        } else if conflicts < 3 {
            conflicts += 1;
            if conflicts == 2 {
                let list = CUSTOMERS[c.core.customer].products;
                let alt = list
                    .iter()
                    .copied()
                    .find(|&p| p != c.core.product)
                    .unwrap_or((c.core.product + 1) % PRODUCTS.len());
                Reexport::ConflictProduct(alt)
            } else {
                // Another customer that also buys this product.
                let alt = (1..CUSTOMERS.len())
                    .map(|k| (c.core.customer + k) % CUSTOMERS.len())
                    .find(|&a| CUSTOMERS[a].products.contains(&c.core.product))
                    .unwrap_or((c.core.customer + 1) % CUSTOMERS.len());
                Reexport::ConflictCustomer(alt)
            }
        } else {
            Reexport::Same
        };
        c.tag = Tag::Reexported(kind);
    }
    let all_from = ymd(2023, 7, 1)?;
    let master_to = ymd(2025, 9, 30)?;
    // Rejected rows: 2 blank received dates per year sheet, 4 unparseable.
    let mut bad_no = 0;
    for (year, missing, bad) in [(2023, 2, 1), (2024, 2, 2), (2025, 2, 1)] {
        let from = ymd(year, 1, 1)?.max(all_from);
        let to = ymd(year, 12, 31)?.min(master_to);
        let pool = plain_master(pop, from, to);
        let picked = rng.sample(&pool, missing + bad);
        for (k, &i) in picked.iter().enumerate() {
            pop.list[i].tag = if k < missing {
                Tag::RejectMissing
            } else {
                bad_no += 1;
                Tag::RejectBad((bad_no - 1) % BAD_DATES.len())
            };
        }
    }
    // Exactly two closed dates before the received date (data-entry errors).
    let pool: Vec<usize> = plain_master(pop, ymd(2024, 1, 1)?, ymd(2024, 12, 31)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    for i in rng.sample(&pool, 2) {
        let c = &mut pop.list[i];
        c.tag = Tag::ClosedBefore;
        c.closed = Closed::Date(add_days(c.received, -rng.range(1, 3)));
    }
    // Closed without a date: the closed-date cell says 완료.
    let pool: Vec<usize> = plain_master(pop, all_from, ymd(2025, 8, 31)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    for i in rng.sample(&pool, 10) {
        pop.list[i].tag = Tag::DoneNoDate;
        pop.list[i].closed = Closed::DoneNoDate;
    }
    // Entered twice in the master ledger.
    for i in rng.sample(&plain_master(pop, all_from, master_to), 3) {
        pop.list[i].tag = Tag::DoubleEntry;
    }
    Ok(())
}

/// Whether a complaint may sit in a vertically merged customer group.
fn mergeable(c: &Complaint) -> bool {
    !matches!(
        c.tag,
        Tag::DoubleEntry
            | Tag::RejectMissing
            | Tag::RejectBad(_)
            | Tag::Reexported(Reexport::ConflictCustomer(_))
            | Tag::Reexported(Reexport::ConflictProduct(_))
    )
}

fn assign_merges(pop: &mut Population, rng: &mut Rng) -> Result<()> {
    for (year, groups) in [(2023, 3usize), (2024, 4), (2025, 4)] {
        let rows = master_rows(pop, year);
        let mut used = vec![false; rows.len()];
        let mut made = 0;
        let mut tries = 0;
        while made < groups && tries < 500 && rows.len() > 4 {
            tries += 1;
            let len = rng.range(2, 3) as usize;
            let p = 1 + rng.below(rows.len() - len - 1);
            let month = pop.list[rows[p]].received.month();
            let ok = (p - 1..p + len + 1).all(|k| !used[k])
                && (p..p + len).all(|k| {
                    let c = &pop.list[rows[k]];
                    mergeable(c) && c.received.month() == month
                });
            if !ok {
                continue;
            }
            let customer = pop.list[rows[p]].core.customer;
            for &i in &rows[p + 1..p + len] {
                let mut core = pop.list[i].core;
                core.customer = customer;
                if !CUSTOMERS[customer].products.contains(&core.product) {
                    core.product = pick_product(rng, customer);
                    core.dept = pick_department(rng, core.defect, core.product);
                    core.owner = rng.below(OWNERS[core.dept].len());
                }
                let c = &mut pop.list[i];
                c.core = core;
                c.in_merge = true;
            }
            pop.list[rows[p]].merge_len = len as u8;
            for u in used.iter_mut().skip(p - 1).take(len + 2) {
                *u = true;
            }
            made += 1;
        }
        if made < groups {
            bail!("could not place merged customer cells on the {year} sheet");
        }
    }
    Ok(())
}

/// Master-ledger complaints of one year sheet, in row order.
fn master_rows(pop: &Population, year: i32) -> Vec<usize> {
    (0..pop.list.len()).filter(|&i| pop.list[i].dest == Dest::Master && pop.list[i].received.year() == year).collect()
}

// ---------------------------------------------------------------------------
// Truth bookkeeping
// ---------------------------------------------------------------------------

struct RowKey {
    id: String,
    customer: &'static str,
    product: &'static str,
    lot: String,
    defect: &'static str,
    /// None when the received-date cell is blank or unparseable.
    received: Option<NaiveDate>,
}

#[derive(Default)]
struct Tally {
    rows: Vec<RowKey>,
    rejected_missing: usize,
    rejected_bad: usize,
    subtotal: usize,
    note: usize,
    template: usize,
    files: Vec<String>,
}

impl Tally {
    fn record(&mut self, c: &Complaint, customer: usize, product: usize, received: Option<NaiveDate>) {
        self.rows.push(RowKey {
            id: c.id.clone(),
            customer: CUSTOMERS[customer].name,
            product: PRODUCTS[product].name,
            lot: c.lot.clone(),
            defect: DEFECTS[c.core.defect].0,
            received,
        });
    }

    fn finish(mut self) -> Result<SampleTruth> {
        self.files.sort();
        let mut seen: HashSet<&str> = HashSet::new();
        let mut duplicates = 0;
        let mut groups: BTreeMap<&str, Vec<&RowKey>> = BTreeMap::new();
        let mut first: Option<NaiveDate> = None;
        let mut last: Option<NaiveDate> = None;
        for row in &self.rows {
            groups.entry(row.id.as_str()).or_default().push(row);
            let Some(d) = row.received else { continue };
            first = Some(first.map_or(d, |f| f.min(d)));
            last = Some(last.map_or(d, |l| l.max(d)));
            if !seen.insert(row.id.as_str()) {
                duplicates += 1;
            }
        }
        let mut conflicts = 0;
        for rows in groups.values() {
            if rows.len() < 2 {
                continue;
            }
            if rows.iter().any(|r| r.received.is_none()) {
                bail!("a rejected row shares its id {} with another row", rows[0].id);
            }
            let differs = |f: &dyn Fn(&RowKey) -> String| {
                let vals: HashSet<String> = rows.iter().map(|r| f(r)).collect();
                vals.len() > 1
            };
            if differs(&|r| r.customer.to_string())
                || differs(&|r| r.product.to_string())
                || differs(&|r| r.lot.clone())
                || differs(&|r| r.defect.to_string())
                || differs(&|r| r.received.map(|d| d.to_string()).unwrap_or_default())
            {
                conflicts += 1;
            }
        }
        let (Some(first), Some(last)) = (first, last) else {
            bail!("no complaint rows were written");
        };
        Ok(SampleTruth {
            files: self.files,
            complaints: seen.len(),
            data_rows: self.rows.len(),
            rejected_missing_date: self.rejected_missing,
            rejected_bad_date: self.rejected_bad,
            duplicates_merged: duplicates,
            id_conflicts: conflicts,
            subtotal_rows: self.subtotal,
            note_rows: self.note,
            template_rows: self.template,
            first_month: month_key(first),
            last_month: month_key(last),
        })
    }
}

// ---------------------------------------------------------------------------
// Legacy writers
// ---------------------------------------------------------------------------

struct Styles {
    title: Format,
    plain: Format,
    approval: Format,
    sign: Format,
    header: Format,
    text: Format,
    center: Format,
    date: Format,
    serial: Format,
    money: Format,
    merged: Format,
    subtotal: Format,
    note: Format,
}

fn styles() -> Styles {
    let base = Format::new().set_font_name(FONT).set_font_size(10);
    let cell = base.clone().set_border(FormatBorder::Thin).set_align(FormatAlign::VerticalCenter);
    let center = cell.clone().set_align(FormatAlign::Center);
    Styles {
        title: base
            .clone()
            .set_font_size(18)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        plain: base.clone(),
        approval: center.clone().set_bold().set_background_color(0xF2F2F2),
        sign: center.clone(),
        header: center.clone().set_bold().set_text_wrap().set_background_color(0xD9E1F2),
        text: cell.clone(),
        date: center.clone().set_num_format("yyyy-mm-dd"),
        serial: center.clone(),
        money: cell.clone().set_num_format("#,##0"),
        merged: cell.clone(),
        subtotal: center.clone().set_bold().set_background_color(0xF2F2F2),
        note: base.clone().set_font_size(9).set_italic(),
        center,
    }
}

fn doc_properties(title: &str, created: &NaiveDateTime) -> DocProperties {
    DocProperties::new()
        .set_title(title)
        .set_author("품질경영팀")
        .set_company("(주)대성플라텍")
        .set_creation_datetime(created)
}

/// Writes a date as a date cell, a text form, or a bare serial number.
fn write_mixed_date(
    ws: &mut Worksheet,
    st: &Styles,
    rng: &mut Rng,
    (r, col): (u32, u16),
    d: NaiveDate,
    (p_text, p_serial): (f64, f64),
) -> Result<()> {
    let x = rng.f64();
    if x < p_serial {
        ws.write_number_with_format(r, col, excel_serial(d), &st.serial)?;
    } else if x < p_serial + p_text {
        let form = rng.below(7);
        ws.write_string_with_format(r, col, text_date(d, form), &st.center)?;
    } else {
        ws.write_number_with_format(r, col, excel_serial(d), &st.date)?;
    }
    Ok(())
}

const MASTER_HEADERS: [&str; 15] = [
    "No",
    "접수번호",
    "접수일",
    "고객사",
    "제품명",
    "로트번호",
    "불량유형",
    "불만내용",
    "접수경로",
    "담당부서",
    "담당자",
    "완료일",
    "조치내용",
    "상태",
    "비용",
];
const MASTER_WIDTHS: [f64; 15] = [5.0, 12.0, 11.5, 14.0, 19.0, 12.0, 9.0, 30.0, 8.0, 11.0, 8.0, 11.5, 28.0, 7.0, 11.0];
/// Columns of the master ledger that hold `처리결과`'s two sub-columns.
const COL_CLOSED: u16 = 11;
const COL_ACTION: u16 = 12;

/// What the master ledger shows for closing (updates make it lag the truth).
fn master_closing(c: &Complaint) -> (Closed, Status) {
    match c.tag {
        Tag::Reexported(Reexport::OpenInMaster) | Tag::CarryOver => (Closed::Open, Status::InProgress),
        Tag::Reexported(Reexport::EarlierClose(k)) => match c.closed {
            Closed::Date(d) => (Closed::Date(add_days(d, -k)), Status::Done),
            other => (other, c.status()),
        },
        _ => (c.closed, c.status()),
    }
}

fn write_master_row(
    ws: &mut Worksheet,
    st: &Styles,
    rng: &mut Rng,
    (r, no): (u32, u32),
    c: &Complaint,
    tally: &mut Tally,
) -> Result<()> {
    let core = &c.core;
    ws.write_number_with_format(r, 0, f64::from(no), &st.center)?;
    ws.write_string_with_format(r, 1, &c.id, &st.center)?;
    let received = match c.tag {
        Tag::RejectMissing => {
            ws.write_blank(r, 2, &st.center)?;
            tally.rejected_missing += 1;
            None
        }
        Tag::RejectBad(k) => {
            let text = BAD_DATES[k].replace("{Y}", &c.received.year().to_string());
            ws.write_string_with_format(r, 2, text, &st.center)?;
            tally.rejected_bad += 1;
            None
        }
        _ => {
            write_mixed_date(ws, st, rng, (r, 2), c.received, (0.10, 0.012))?;
            Some(c.received)
        }
    };
    if c.merge_len > 0 {
        let last = r + u32::from(c.merge_len) - 1;
        ws.merge_range(r, 3, last, 3, CUSTOMERS[core.customer].name, &st.merged)?;
    } else if !c.in_merge {
        ws.write_string_with_format(r, 3, CUSTOMERS[core.customer].name, &st.text)?;
    }
    ws.write_string_with_format(r, 4, PRODUCTS[core.product].name, &st.text)?;
    ws.write_string_with_format(r, 5, &c.lot, &st.center)?;
    ws.write_string_with_format(r, 6, DEFECTS[core.defect].0, &st.center)?;
    let desc = DESCRIPTIONS[core.defect][core.desc];
    let x = rng.f64();
    let desc = if x < 0.015 {
        format!("{desc}\n(고객 조립라인에서 발견)")
    } else if x < 0.03 {
        format!("{desc} ")
    } else {
        desc.to_string()
    };
    ws.write_string_with_format(r, 7, desc, &st.text)?;
    ws.write_string_with_format(r, 8, CHANNELS[core.channel].0, &st.center)?;
    ws.write_string_with_format(r, 9, DEPARTMENTS[core.dept], &st.center)?;
    ws.write_string_with_format(r, 10, OWNERS[core.dept][core.owner], &st.center)?;
    let (closed, status) = master_closing(c);
    match closed {
        Closed::Date(d) => write_mixed_date(ws, st, rng, (r, COL_CLOSED), d, (0.08, 0.01))?,
        Closed::DoneNoDate => {
            ws.write_string_with_format(r, COL_CLOSED, "완료", &st.center)?;
        }
        Closed::Open => {
            let x = rng.f64();
            if x < 0.35 {
                ws.write_string_with_format(r, COL_CLOSED, "진행중", &st.center)?;
            } else if x < 0.55 {
                ws.write_string_with_format(r, COL_CLOSED, "-", &st.center)?;
            } else {
                ws.write_blank(r, COL_CLOSED, &st.center)?;
            }
        }
    }
    if status == Status::Done {
        let action = ACTIONS[core.defect][core.action];
        ws.write_string_with_format(r, COL_ACTION, action, &st.text)?;
    } else if rng.chance(0.5) {
        ws.write_string_with_format(r, COL_ACTION, "원인 분석 중", &st.text)?;
    } else {
        ws.write_blank(r, COL_ACTION, &st.text)?;
    }
    ws.write_string_with_format(r, 13, status.ledger_word(), &st.center)?;
    match core.cost {
        Some(won) if rng.chance(0.25) => {
            ws.write_string_with_format(r, 14, thousands(won), &st.money)?;
        }
        Some(won) => {
            ws.write_number_with_format(r, 14, won as f64, &st.money)?;
        }
        None => {
            ws.write_blank(r, 14, &st.money)?;
        }
    }
    tally.record(c, core.customer, core.product, received);
    Ok(())
}

fn write_total_row(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    (label, count): (&str, usize),
    width: u16,
    tally: &mut Tally,
) -> Result<()> {
    ws.write_string_with_format(r, 0, label, &st.subtotal)?;
    ws.write_string_with_format(r, 1, format!("{count}건"), &st.subtotal)?;
    for col in 2..width {
        ws.write_blank(r, col, &st.subtotal)?;
    }
    tally.subtotal += 1;
    Ok(())
}

fn write_year_sheet(
    wb: &mut Workbook,
    st: &Styles,
    rng: &mut Rng,
    pop: &Population,
    year: i32,
    tally: &mut Tally,
) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name(format!("{year}년"))?;
    ws.set_landscape();
    ws.set_paper_size(9);
    for (col, w) in MASTER_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    // Title and approval box.
    ws.set_row_height(0, 32)?;
    ws.set_row_height(1, 36)?;
    ws.merge_range(0, 0, 0, 10, &format!("{year}년 고객불만 접수대장"), &st.title)?;
    ws.merge_range(0, 11, 1, 11, "결재", &st.approval)?;
    for (k, who) in ["담당", "검토", "승인"].iter().enumerate() {
        ws.write_string_with_format(0, 12 + k as u16, *who, &st.approval)?;
        ws.write_blank(1, 12 + k as u16, &st.sign)?;
    }
    ws.write_string_with_format(1, 0, "작성: 품질경영팀", &st.plain)?;
    // Two-row header.
    for (col, name) in MASTER_HEADERS.iter().enumerate() {
        let col = col as u16;
        if col == COL_CLOSED || col == COL_ACTION {
            ws.write_string_with_format(4, col, *name, &st.header)?;
        } else {
            ws.merge_range(3, col, 4, col, name, &st.header)?;
        }
    }
    ws.merge_range(3, COL_CLOSED, 3, COL_ACTION, "처리결과", &st.header)?;
    ws.set_freeze_panes(5, 2)?;

    let width = MASTER_HEADERS.len() as u16;
    let rows = master_rows(pop, year);
    let mut r: u32 = 5;
    let mut no: u32 = 1;
    let mut total = 0;
    let mut month_count = 0;
    for (k, &i) in rows.iter().enumerate() {
        let c = &pop.list[i];
        let copies = if c.tag == Tag::DoubleEntry { 2 } else { 1 };
        for _ in 0..copies {
            write_master_row(ws, st, rng, (r, no), c, tally)?;
            r += 1;
            no += 1;
            month_count += 1;
            total += 1;
        }
        let month_ends = rows.get(k + 1).is_none_or(|&j| pop.list[j].received.month() != c.received.month());
        if month_ends {
            write_total_row(ws, st, r, ("소계", month_count), width, tally)?;
            r += 1;
            month_count = 0;
        }
    }
    write_total_row(ws, st, r, ("합계", total), width, tally)?;
    r += 2;
    ws.write_string_with_format(r, 0, NOTE_MASTER, &st.note)?;
    tally.note += 1;
    r += 1;
    for _ in 0..5 {
        ws.write_number_with_format(r, 0, f64::from(no), &st.center)?;
        for col in 1..width {
            ws.write_blank(r, col, &st.text)?;
        }
        tally.template += 1;
        r += 1;
        no += 1;
    }
    Ok(())
}

fn write_code_sheet(wb: &mut Workbook, st: &Styles) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("코드표")?;
    for (col, w) in [8.0, 12.0, 30.0, 3.0, 11.0, 16.0, 8.0].iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    let bold = st.plain.clone().set_bold().set_font_size(11);
    ws.write_string_with_format(0, 0, "불량유형코드", &bold)?;
    for (col, h) in ["코드", "불량유형", "비고"].iter().enumerate() {
        ws.write_string_with_format(1, col as u16, *h, &st.header)?;
    }
    for (k, (name, _, code)) in DEFECTS.iter().enumerate() {
        let r = 2 + k as u32;
        ws.write_string_with_format(r, 0, *code, &st.center)?;
        ws.write_string_with_format(r, 1, *name, &st.text)?;
        ws.write_string_with_format(r, 2, DEFECT_NOTES[k], &st.text)?;
    }
    ws.write_string_with_format(0, 4, "제품코드", &bold)?;
    for (col, h) in ["제품코드", "제품명", "생산"].iter().enumerate() {
        ws.write_string_with_format(1, 4 + col as u16, *h, &st.header)?;
    }
    for (k, p) in PRODUCTS.iter().enumerate() {
        let r = 2 + k as u32;
        let (name, code) = p.name.split_once(' ').unwrap_or((p.name, ""));
        ws.write_string_with_format(r, 4, code, &st.center)?;
        ws.write_string_with_format(r, 5, name, &st.text)?;
        ws.write_string_with_format(r, 6, PLANTS[p.plant], &st.center)?;
    }
    Ok(())
}

fn write_guide_sheet(wb: &mut Workbook, st: &Styles) -> Result<()> {
    let ws = wb.add_worksheet();
    ws.set_name("작성요령")?;
    ws.set_column_width(0, 90)?;
    let lines = [
        "고객불만 접수대장 작성요령",
        "",
        "1. 접수번호는 C-연도-일련번호(4자리)로 부여한다. 예) C-2024-0153",
        "2. 접수일은 yyyy-mm-dd 형식으로 입력한다.",
        "3. 불량유형은 코드표의 분류를 따른다.",
        "4. 처리기간은 접수일로부터 10일 이내로 한다. (고객불만처리절차서 QP-14)",
        "5. 처리 완료 시 완료일과 조치내용을 반드시 기재하고 상태를 '완료'로 변경한다.",
        "6. 월별 소계와 연간 합계를 작성한다.",
        "7. 재발 건은 시정 및 예방조치 요구서를 발행한다.",
    ];
    let bold = st.plain.clone().set_bold().set_font_size(12);
    for (k, line) in lines.iter().enumerate() {
        let fmt = if k == 0 { &bold } else { &st.plain };
        if !line.is_empty() {
            ws.write_string_with_format(k as u32, 0, *line, fmt)?;
        }
    }
    Ok(())
}

fn write_master_file(path: &Path, pop: &Population, seed: u64, tally: &mut Tally) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x4D41_5354_4552); // "MASTER"
    let st = styles();
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties("2023-2025 고객불만 접수대장", &fixed_datetime(2025, 10, 1)?));
    for year in [2023, 2024, 2025] {
        write_year_sheet(&mut wb, &st, &mut rng, pop, year, tally)?;
    }
    write_code_sheet(&mut wb, &st)?;
    write_guide_sheet(&mut wb, &st)?;
    wb.save(path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

const OCTOBER_HEADERS: [&str; 13] = [
    "번호",
    "관리번호",
    "접수일자",
    "업체명",
    "품명",
    "제조번호",
    "불만분류",
    "접수내용",
    "접수방법",
    "처리부서",
    "처리자",
    "조치완료일",
    "진행상태",
];
const OCTOBER_WIDTHS: [f64; 13] = [5.0, 12.0, 10.0, 14.0, 19.0, 12.0, 9.0, 30.0, 9.0, 11.0, 8.0, 11.0, 9.0];

fn write_month_day(ws: &mut Worksheet, st: &Styles, rng: &mut Rng, (r, col): (u32, u16), d: NaiveDate) -> Result<()> {
    if rng.chance(0.35) {
        ws.write_number_with_format(r, col, excel_serial(d), &st.date)?;
    } else {
        let form = rng.below(3);
        ws.write_string_with_format(r, col, month_day(d, form), &st.center)?;
    }
    Ok(())
}

fn write_october_file(path: &Path, pop: &Population, seed: u64, tally: &mut Tally) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x004F_4354_4F42_4552); // "OCTOBER"
    let st = styles();
    let mut wb = Workbook::new();
    wb.set_properties(&doc_properties("2025년 10월 고객불만 접수현황", &fixed_datetime(2025, 10, 31)?));
    let ws = wb.add_worksheet();
    ws.set_name("2025년 10월")?;
    for (col, w) in OCTOBER_WIDTHS.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    let width = OCTOBER_HEADERS.len() as u16;
    ws.set_row_height(0, 28)?;
    ws.merge_range(0, 0, 0, width - 1, "2025년 10월 고객불만 접수현황", &st.title)?;
    for (col, name) in OCTOBER_HEADERS.iter().enumerate() {
        ws.write_string_with_format(2, col as u16, *name, &st.header)?;
    }
    ws.set_freeze_panes(3, 0)?;

    // Carried-over September items first, then rows in order of entry.
    let mut carried: Vec<&Complaint> = pop.list.iter().filter(|c| c.tag == Tag::CarryOver).collect();
    let mut rows: Vec<&Complaint> = pop.list.iter().filter(|c| c.dest == Dest::October).collect();
    carried.sort_by_key(|c| (c.received, c.minute));
    rows.sort_by_key(|c| (c.entry, c.minute));
    let mut r: u32 = 3;
    let mut count = 0;
    for (no, c) in carried.into_iter().chain(rows).enumerate() {
        let core = &c.core;
        ws.write_number_with_format(r, 0, (no + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, 1, &c.id, &st.center)?;
        write_month_day(ws, &st, &mut rng, (r, 2), c.received)?;
        ws.write_string_with_format(r, 3, CUSTOMERS[core.customer].name, &st.text)?;
        ws.write_string_with_format(r, 4, PRODUCTS[core.product].name, &st.text)?;
        ws.write_string_with_format(r, 5, &c.lot, &st.center)?;
        ws.write_string_with_format(r, 6, DEFECTS[core.defect].0, &st.center)?;
        let desc = DESCRIPTIONS[core.defect][core.desc];
        ws.write_string_with_format(r, 7, desc, &st.text)?;
        ws.write_string_with_format(r, 8, CHANNELS[core.channel].0, &st.center)?;
        ws.write_string_with_format(r, 9, DEPARTMENTS[core.dept], &st.center)?;
        ws.write_string_with_format(r, 10, OWNERS[core.dept][core.owner], &st.center)?;
        match c.closed {
            Closed::Date(d) => write_month_day(ws, &st, &mut rng, (r, 11), d)?,
            Closed::DoneNoDate => {
                ws.write_string_with_format(r, 11, "완료", &st.center)?;
            }
            Closed::Open => {
                if rng.chance(0.4) {
                    ws.write_string_with_format(r, 11, "진행중", &st.center)?;
                } else {
                    ws.write_blank(r, 11, &st.center)?;
                }
            }
        }
        ws.write_string_with_format(r, 12, c.status().ledger_word(), &st.center)?;
        tally.record(c, core.customer, core.product, Some(c.received));
        r += 1;
        count += 1;
    }
    write_total_row(ws, &st, r, ("합계", count), width, tally)?;
    r += 2;
    ws.write_string_with_format(r, 0, NOTE_OCTOBER, &st.note)?;
    tally.note += 1;
    wb.save(path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Appends one CSV field (quoted when it holds a comma, quote or line break).
fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn write_sales_file(path: &Path, pop: &Population, seed: u64, tally: &mut Tally) -> Result<()> {
    let mut rng = Rng::new(seed ^ 0x0053_414C_4553); // "SALES"
    let mut rows: Vec<&Complaint> =
        pop.list.iter().filter(|c| c.dest == Dest::SalesOnly || matches!(c.tag, Tag::Reexported(_))).collect();
    rows.sort_by_key(|c| (c.received, c.minute));
    let mut text =
        String::from("관리번호,등록일,거래처명,모델명,LOT,불만유형,내용,경로,처리부서,처리자,처리완료일,진행상태\r\n");
    for c in rows {
        let core = &c.core;
        let (mut customer, mut product) = (core.customer, core.product);
        match c.tag {
            Tag::Reexported(Reexport::ConflictCustomer(alt)) => customer = alt,
            Tag::Reexported(Reexport::ConflictProduct(alt)) => product = alt,
            _ => {}
        }
        let d = c.received;
        let registered = if rng.chance(0.15) {
            format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day())
        } else {
            format!("{:04}-{:02}-{:02} {:02}:{:02}", d.year(), d.month(), d.day(), c.minute / 60, c.minute % 60)
        };
        let closed = match c.closed {
            Closed::Date(d) => format!("{:04}/{:02}/{:02}", d.year(), d.month(), d.day()),
            _ => String::new(),
        };
        let fields = [
            c.id.as_str(),
            registered.as_str(),
            CUSTOMERS[customer].name,
            PRODUCTS[product].name,
            c.lot.as_str(),
            DEFECTS[core.defect].0,
            DESCRIPTIONS[core.defect][core.desc],
            CHANNELS[core.channel].0,
            DEPARTMENTS[core.dept],
            OWNERS[core.dept][core.owner],
            closed.as_str(),
            c.status().sales_word(),
        ];
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                text.push(',');
            }
            push_csv_field(&mut text, f);
        }
        text.push_str("\r\n");
        tally.record(c, customer, product, Some(d));
    }
    let (bytes, _, had_errors) = encoding_rs::EUC_KR.encode(&text);
    if had_errors {
        bail!("the sales export holds characters CP949 cannot encode");
    }
    std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// Writes the three legacy sample ledgers into `dir` and says what is in them.
///
/// Files (sorted by name): `2023-2025_고객불만_접수대장.xlsx` (year sheets
/// `2023년`, `2024년`, `2025년` plus the non-ledger sheets `코드표` and
/// `작성요령`), `2025년_10월_불만접수.xlsx` (sheet `2025년 10월`) and
/// `영업팀_불만접수_2025상반기.csv` (CP949). About 2,000 complaints received
/// 2023-07-01 ..= 2025-10-31. The same seed always gives the same bytes.
pub fn write_legacy_samples(dir: &Path, seed: u64) -> Result<SampleTruth> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let pop = generate_population(seed)?;
    let mut tally = Tally::default();
    write_master_file(&dir.join(MASTER_FILE), &pop, seed, &mut tally)?;
    tally.files.push(MASTER_FILE.to_string());
    write_october_file(&dir.join(OCTOBER_FILE), &pop, seed, &mut tally)?;
    tally.files.push(OCTOBER_FILE.to_string());
    write_sales_file(&dir.join(SALES_FILE), &pop, seed, &mut tally)?;
    tally.files.push(SALES_FILE.to_string());
    tally.finish()
}

// ---------------------------------------------------------------------------
// Tidy writer
// ---------------------------------------------------------------------------

/// Days covered by the tidy ledger: 2022-11-01 ..= 2025-10-31.
const TIDY_DAYS: usize = 1096;
/// Days of the date table before the first received date (lots) ...
const TABLE_BEFORE: usize = 64;
/// ... and after the last one (closed dates).
const TABLE_AFTER: usize = 80;

struct DayTable {
    text: Vec<[u8; 10]>,
    lot: Vec<[u8; 6]>,
    serial: Vec<f64>,
    month: Vec<u32>,
    year: Vec<i32>,
}

fn day_table(first: NaiveDate) -> DayTable {
    let n = TABLE_BEFORE + TIDY_DAYS + TABLE_AFTER;
    let mut t = DayTable {
        text: Vec::with_capacity(n),
        lot: Vec::with_capacity(n),
        serial: Vec::with_capacity(n),
        month: Vec::with_capacity(n),
        year: Vec::with_capacity(n),
    };
    for k in 0..n {
        let d = add_days(first, k as i64 - TABLE_BEFORE as i64);
        let (y, m, dd) = (d.year() as u32, d.month(), d.day());
        let digit = |v: u32| b'0' + (v % 10) as u8;
        t.text.push([
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(dd / 10),
            digit(dd),
        ]);
        t.lot.push([digit(y / 10), digit(y), digit(m / 10), digit(m), digit(dd / 10), digit(dd)]);
        t.serial.push(excel_serial(d));
        t.month.push(m);
        t.year.push(d.year());
    }
    t
}

/// One tidy row, as indices into the pools and the day table.
struct TidyRow {
    day: usize,
    core: Core,
    closed_day: Option<usize>,
    status: &'static str,
}

struct TidyGen {
    rng: Rng,
    rows: usize,
    days: DayTable,
    last_day: usize,
    year_seq: u64,
    year: i32,
}

impl TidyGen {
    fn new(rows: usize, seed: u64) -> Result<Self> {
        let days = day_table(ymd(2022, 11, 1)?);
        Ok(TidyGen {
            rng: Rng::new(seed ^ 0x5449_4459), // "TIDY"
            rows,
            days,
            last_day: TABLE_BEFORE + TIDY_DAYS - 1,
            year_seq: 0,
            year: 0,
        })
    }

    fn row(&mut self, i: usize) -> TidyRow {
        let off = ((i as u128 * TIDY_DAYS as u128) / self.rows.max(1) as u128) as usize;
        let day = TABLE_BEFORE + off;
        let core = draw_core(&mut self.rng, self.days.month[day]);
        let age = self.last_day - day;
        let close = day + core.close_days as usize;
        let open = close > self.last_day || self.rng.chance(0.07);
        let status = if !open {
            "완료"
        } else if age <= 5 {
            "접수"
        } else {
            "처리중"
        };
        let year = self.days.year[day];
        if year != self.year {
            self.year = year;
            self.year_seq = 0;
        }
        self.year_seq += 1;
        TidyRow { day, core, closed_day: if open { None } else { Some(close) }, status }
    }

    /// `C-YYYY-NNNNNN` into `buf`, returning the used length.
    fn id(&self, buf: &mut [u8; 32]) -> usize {
        let mut n = 0;
        buf[0] = b'C';
        buf[1] = b'-';
        n += 2;
        n += put_digits(&mut buf[n..], self.year as u64, 4);
        buf[n] = b'-';
        n += 1;
        n += put_digits(&mut buf[n..], self.year_seq, 6);
        n
    }

    fn lot(&self, r: &TidyRow, buf: &mut [u8; 16]) -> usize {
        let production = r.day.saturating_sub(r.core.lot_back as usize);
        buf[0] = b'L';
        buf[1..7].copy_from_slice(&self.days.lot[production]);
        buf[7] = b'-';
        buf[8] = b'0' + r.core.lot_line;
        9
    }
}

/// Decimal digits of `v`, zero-padded to at least `width`; returns the length.
fn put_digits(out: &mut [u8], mut v: u64, width: usize) -> usize {
    let mut tmp = [0u8; 20];
    let mut k = 0;
    while v > 0 || k < width.max(1) {
        tmp[k] = b'0' + (v % 10) as u8;
        v /= 10;
        k += 1;
        if k == tmp.len() {
            break;
        }
    }
    for (o, t) in out.iter_mut().zip(tmp[..k].iter().rev()) {
        *o = *t;
    }
    k
}

fn csv_escaped(s: &str) -> String {
    let mut out = String::new();
    push_csv_field(&mut out, s);
    out
}

fn escaped_pool(pools: &[&[&str]]) -> Vec<Vec<String>> {
    pools.iter().map(|p| p.iter().map(|s| csv_escaped(s)).collect()).collect()
}

fn write_tidy_csv(path: &Path, rows: usize, seed: u64) -> Result<()> {
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let desc = escaped_pool(&DESCRIPTIONS);
    let cause = escaped_pool(&CAUSES);
    let action = escaped_pool(&ACTIONS);
    let customers: Vec<String> = CUSTOMERS.iter().map(|c| csv_escaped(c.name)).collect();
    let products: Vec<String> = PRODUCTS.iter().map(|p| csv_escaped(p.name)).collect();
    let mut gen = TidyGen::new(rows, seed)?;
    let io = |e: std::io::Error| anyhow::Error::new(e).context(format!("writing {}", path.display()));
    w.write_all(TIDY_COLUMNS.join(",").as_bytes()).map_err(io)?;
    w.write_all(b"\n").map_err(io)?;
    let mut idb = [0u8; 32];
    let mut lotb = [0u8; 16];
    let mut numb = [0u8; 20];
    for i in 0..rows {
        let r = gen.row(i);
        let c = &r.core;
        let n = gen.id(&mut idb);
        let l = gen.lot(&r, &mut lotb);
        let parts: [&[u8]; 16] = [
            &idb[..n],
            b",",
            &gen.days.text[r.day],
            b",",
            customers[c.customer].as_bytes(),
            b",",
            products[c.product].as_bytes(),
            b",",
            &lotb[..l],
            b",",
            DEFECTS[c.defect].0.as_bytes(),
            b",",
            desc[c.defect][c.desc].as_bytes(),
            b",",
            CHANNELS[c.channel].0.as_bytes(),
            b",",
        ];
        for p in parts {
            w.write_all(p).map_err(io)?;
        }
        let parts: [&[u8]; 12] = [
            SEVERITIES[c.severity].0.as_bytes(),
            b",",
            PLANTS[PRODUCTS[c.product].plant].as_bytes(),
            b",",
            DEPARTMENTS[c.dept].as_bytes(),
            b",",
            OWNERS[c.dept][c.owner].as_bytes(),
            b",",
            cause[c.defect][c.cause].as_bytes(),
            b",",
            action[c.defect][c.action].as_bytes(),
            b",",
        ];
        for p in parts {
            w.write_all(p).map_err(io)?;
        }
        if let Some(d) = r.closed_day {
            w.write_all(&gen.days.text[d]).map_err(io)?;
        }
        w.write_all(b",").map_err(io)?;
        w.write_all(r.status.as_bytes()).map_err(io)?;
        w.write_all(b",").map_err(io)?;
        if let Some(cost) = c.cost {
            let k = put_digits(&mut numb, cost, 1);
            w.write_all(&numb[..k]).map_err(io)?;
        }
        w.write_all(b"\n").map_err(io)?;
    }
    w.flush().map_err(io)?;
    Ok(())
}

fn write_tidy_xlsx(path: &Path, rows: usize, seed: u64) -> Result<()> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new().set_title("complaints").set_creation_datetime(&fixed_datetime(2025, 10, 31)?),
    );
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("#,##0");
    let mut gen = TidyGen::new(rows, seed)?;
    let ws = wb.add_worksheet_with_constant_memory()?;
    ws.set_name("Data")?;
    let widths = [14.0, 11.0, 14.0, 20.0, 11.0, 9.0, 28.0, 7.0, 6.0, 7.0, 11.0, 8.0, 22.0, 26.0, 11.0, 7.0, 11.0];
    for (col, w) in widths.iter().enumerate() {
        ws.set_column_width(col as u16, *w)?;
    }
    for (col, name) in TIDY_COLUMNS.iter().enumerate() {
        ws.write_string_with_format(0, col as u16, *name, &header)?;
    }
    let mut idb = [0u8; 32];
    let mut lotb = [0u8; 16];
    for i in 0..rows {
        let row = u32::try_from(i + 1).context("too many rows for one worksheet")?;
        let r = gen.row(i);
        let c = &r.core;
        let n = gen.id(&mut idb);
        let l = gen.lot(&r, &mut lotb);
        let id = std::str::from_utf8(&idb[..n]).context("complaint id")?;
        let lot = std::str::from_utf8(&lotb[..l]).context("lot")?;
        ws.write_string(row, 0, id)?;
        ws.write_number_with_format(row, 1, gen.days.serial[r.day], &date)?;
        ws.write_string(row, 2, CUSTOMERS[c.customer].name)?;
        ws.write_string(row, 3, PRODUCTS[c.product].name)?;
        ws.write_string(row, 4, lot)?;
        ws.write_string(row, 5, DEFECTS[c.defect].0)?;
        ws.write_string(row, 6, DESCRIPTIONS[c.defect][c.desc])?;
        ws.write_string(row, 7, CHANNELS[c.channel].0)?;
        ws.write_string(row, 8, SEVERITIES[c.severity].0)?;
        ws.write_string(row, 9, PLANTS[PRODUCTS[c.product].plant])?;
        ws.write_string(row, 10, DEPARTMENTS[c.dept])?;
        ws.write_string(row, 11, OWNERS[c.dept][c.owner])?;
        ws.write_string(row, 12, CAUSES[c.defect][c.cause])?;
        ws.write_string(row, 13, ACTIONS[c.defect][c.action])?;
        if let Some(d) = r.closed_day {
            ws.write_number_with_format(row, 14, gen.days.serial[d], &date)?;
        }
        ws.write_string(row, 15, r.status)?;
        if let Some(cost) = c.cost {
            ws.write_number_with_format(row, 16, cost as f64, &money)?;
        }
    }
    wb.save(path).with_context(|| format!("writing {}", path.display()))?;
    Ok(())
}

/// A tidy one-header-row ledger of `rows` complaints for benchmarks (fast;
/// xlsx written in constant-memory mode).
///
/// Columns are [`TIDY_COLUMNS`]; received dates are spread evenly over
/// 2022-11-01 ..= 2025-10-31 in row order; dates are real date cells in xlsx
/// and `YYYY-MM-DD` in CSV (UTF-8, comma, LF); about 8 % of rows are open.
/// The same `rows` and `seed` always give the same bytes.
pub fn write_tidy(path: &Path, rows: usize, seed: u64, format: TidyFormat) -> Result<()> {
    match format {
        TidyFormat::Csv => write_tidy_csv(path, rows, seed),
        TidyFormat::Xlsx => write_tidy_xlsx(path, rows, seed),
        TidyFormat::Parquet => write_tidy_parquet(path, rows, seed),
    }
}

/// The CSV ledger as typed columns, written as Parquet (the same rows).
fn write_tidy_parquet(path: &Path, rows: usize, seed: u64) -> Result<()> {
    use polars::prelude::*;
    let tmp = tempfile::NamedTempFile::new()?;
    write_tidy_csv(tmp.path(), rows, seed)?;
    let mut reader = csv::ReaderBuilder::new().from_path(tmp.path())?;
    let mut text: Vec<Vec<Option<String>>> = vec![Vec::with_capacity(rows); TIDY_COLUMNS.len()];
    for record in reader.records() {
        for (column, value) in text.iter_mut().zip(record?.iter()) {
            column.push((!value.is_empty()).then(|| value.to_string()));
        }
    }
    let epoch = NaiveDate::default();
    let columns: Vec<Column> = TIDY_COLUMNS
        .iter()
        .zip(text)
        .map(|(&name, values)| match name {
            "received_date" | "closed_date" => Column::new(
                name.into(),
                values
                    .iter()
                    .map(|v| {
                        v.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()).map(|d| (d - epoch).num_days() as i32)
                    })
                    .collect::<Vec<_>>(),
            )
            .cast(&DataType::Date),
            "cost" => Ok(Column::new(
                name.into(),
                values.iter().map(|v| v.as_deref().and_then(|c| c.parse::<f64>().ok())).collect::<Vec<_>>(),
            )),
            _ => Ok(Column::new(name.into(), values)),
        })
        .collect::<PolarsResult<_>>()?;
    let mut df = DataFrame::new(rows, columns)?;
    let file = File::create(path).with_context(|| format!("creating {}", path.display()))?;
    ParquetWriter::new(file).finish(&mut df)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{open_workbook, Data, Reader, Xlsx};

    const SEED: u64 = 20251031;

    fn cell(range: &calamine::Range<Data>, r: u32, c: u32) -> String {
        match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Empty) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }

    #[test]
    fn excel_serial_matches_excel() -> Result<()> {
        assert_eq!(excel_serial(ymd(2024, 1, 5)?), 45296.0);
        assert_eq!(excel_serial(ymd(1900, 3, 1)?), 61.0);
        Ok(())
    }

    #[test]
    fn same_seed_same_bytes() -> Result<()> {
        let a = tempfile::tempdir()?;
        let b = tempfile::tempdir()?;
        let ta = write_legacy_samples(a.path(), SEED)?;
        let tb = write_legacy_samples(b.path(), SEED)?;
        assert_eq!(ta, tb);
        for f in &ta.files {
            assert_eq!(std::fs::read(a.path().join(f))?, std::fs::read(b.path().join(f))?, "{f}");
        }
        for (name, fmt) in [("t.csv", TidyFormat::Csv), ("t.xlsx", TidyFormat::Xlsx)] {
            write_tidy(&a.path().join(name), 500, 7, fmt)?;
            write_tidy(&b.path().join(name), 500, 7, fmt)?;
            assert_eq!(std::fs::read(a.path().join(name))?, std::fs::read(b.path().join(name))?);
        }
        let c = tempfile::tempdir()?;
        let tc = write_legacy_samples(c.path(), SEED + 1)?;
        assert_ne!(std::fs::read(a.path().join(SALES_FILE))?, std::fs::read(c.path().join(SALES_FILE))?);
        assert!((1900..=2200).contains(&tc.complaints));
        Ok(())
    }

    #[test]
    fn legacy_truth_is_consistent() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let t = write_legacy_samples(dir.path(), SEED)?;
        let mut names: Vec<String> = std::fs::read_dir(dir.path())?
            .map(|e| e.map(|e| e.file_name().to_string_lossy().into_owned()))
            .collect::<std::io::Result<_>>()?;
        names.sort();
        assert_eq!(names, t.files);
        assert_eq!(t.files.len(), 3);
        assert!((1900..=2200).contains(&t.complaints), "{}", t.complaints);
        assert_eq!(t.complaints, t.data_rows - t.rejected_missing_date - t.rejected_bad_date - t.duplicates_merged);
        assert_eq!(t.rejected_missing_date, 6);
        assert_eq!(t.rejected_bad_date, 4);
        assert_eq!(t.id_conflicts, 3);
        assert_eq!(t.duplicates_merged, 180 + 3 + 5);
        assert_eq!(t.note_rows, 4);
        assert_eq!(t.template_rows, 15);
        assert_eq!(t.subtotal_rows, 6 + 12 + 9 + 3 + 1);
        assert_eq!(t.first_month, "2023-07");
        assert_eq!(t.last_month, "2025-10");
        Ok(())
    }

    #[test]
    fn master_workbook_reads_back() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let t = write_legacy_samples(dir.path(), SEED)?;
        let mut wb: Xlsx<_> = open_workbook(dir.path().join(MASTER_FILE))?;
        assert_eq!(wb.sheet_names(), ["2023년", "2024년", "2025년", "코드표", "작성요령"]);
        let mut id_rows = 0;
        for sheet in ["2023년", "2024년", "2025년"] {
            let range = wb.worksheet_range(sheet)?;
            let year = &sheet[..4];
            assert_eq!(cell(&range, 0, 0), format!("{year}년 고객불만 접수대장"));
            assert_eq!(cell(&range, 0, 12), "담당");
            assert_eq!(cell(&range, 0, 14), "승인");
            assert_eq!(cell(&range, 1, 0), "작성: 품질경영팀");
            let row4: Vec<String> = (0..15).map(|c| cell(&range, 3, c)).collect();
            assert_eq!(
                row4,
                [
                    "No",
                    "접수번호",
                    "접수일",
                    "고객사",
                    "제품명",
                    "로트번호",
                    "불량유형",
                    "불만내용",
                    "접수경로",
                    "담당부서",
                    "담당자",
                    "처리결과",
                    "",
                    "상태",
                    "비용"
                ]
            );
            let row5: Vec<String> = (0..15).map(|c| cell(&range, 4, c)).collect();
            let mut expect = vec![String::new(); 15];
            expect[11] = "완료일".into();
            expect[12] = "조치내용".into();
            assert_eq!(row5, expect);
            assert_eq!(cell(&range, 5, 0), "1");
            let mut subtotals = 0;
            for r in 5..range.end().map_or(0, |e| e.0 + 1) {
                let id = cell(&range, r, 1);
                if id.starts_with(&format!("C-{year}-")) {
                    id_rows += 1;
                }
                if cell(&range, r, 0) == "소계" {
                    subtotals += 1;
                    assert!(id.ends_with('건'));
                }
            }
            assert!(subtotals >= 6);
            let merges = wb.merge_cells_by_sheet_name(sheet)?;
            assert!(merges.iter().any(|m| m.start.1 == 3 && m.end.0 > m.start.0 && m.start.0 >= 5));
        }
        let mut oct: Xlsx<_> = open_workbook(dir.path().join(OCTOBER_FILE))?;
        assert_eq!(oct.sheet_names(), ["2025년 10월"]);
        let range = oct.worksheet_range("2025년 10월")?;
        assert_eq!(cell(&range, 2, 0), "번호");
        assert_eq!(cell(&range, 2, 12), "진행상태");
        let oct_rows =
            (3..range.end().map_or(0, |e| e.0 + 1)).filter(|&r| cell(&range, r, 1).starts_with("C-")).count();
        let bytes = std::fs::read(dir.path().join(SALES_FILE))?;
        let (text, _, bad) = encoding_rs::EUC_KR.decode(&bytes);
        assert!(!bad);
        assert!(text.starts_with("관리번호,등록일,거래처명,모델명,LOT,"));
        let csv_rows = text.matches("\r\n").count() - 1;
        assert!((200..=240).contains(&csv_rows), "{csv_rows}");
        assert_eq!(id_rows + oct_rows + csv_rows, t.data_rows);
        Ok(())
    }

    #[test]
    fn tidy_files_read_back() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let csv = dir.path().join("tidy.csv");
        write_tidy(&csv, 2000, 1, TidyFormat::Csv)?;
        let text = std::fs::read_to_string(&csv)?;
        let mut lines = text.lines();
        assert_eq!(lines.next(), Some(TIDY_COLUMNS.join(",").as_str()));
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), 2000);
        assert!(rows[0].contains(",2022-11-01,"));
        assert!(rows[1999].contains(",2025-10-31,") || rows[1999].contains(",2025-10-30,"));
        let open = rows.iter().filter(|r| !r.contains(",완료,")).count();
        assert!((80..=260).contains(&open), "{open}");

        let xlsx = dir.path().join("tidy.xlsx");
        write_tidy(&xlsx, 300, 1, TidyFormat::Xlsx)?;
        let mut wb: Xlsx<_> = open_workbook(&xlsx)?;
        assert_eq!(wb.sheet_names(), ["Data"]);
        let range = wb.worksheet_range("Data")?;
        assert_eq!(range.height(), 301);
        let header: Vec<String> = (0..17).map(|c| cell(&range, 0, c)).collect();
        assert_eq!(header, TIDY_COLUMNS);
        assert!(matches!(range.get_value((1, 1)), Some(Data::DateTime(_))));
        assert_eq!(cell(&range, 1, 0), "C-2022-000001");
        Ok(())
    }
}
