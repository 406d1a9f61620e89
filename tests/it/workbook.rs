//! The workbook read back with calamine: sheet names, key cells equal to
//! summary.json, native chart parts and the Data table in the package.

use crate::common::*;
use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::Value;
use std::io::Read;
use std::path::Path;

fn report_into(dir: &Path, lang: &str) -> (Value, std::path::PathBuf) {
    let sample = repo().join("data/sample");
    let o = run_in(dir, &["report", sample.to_str().unwrap_or(""), "--out", "out", "--lang", lang]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("summary")).expect("json");
    let period = summary["period"].as_str().unwrap_or("").to_string();
    (summary, dir.join(format!("out/complaint_report_{period}.xlsx")))
}

pub(crate) fn num(d: &Data) -> f64 {
    match d {
        Data::Float(f) => *f,
        Data::Int(i) => *i as f64,
        other => panic!("not a number: {other:?}"),
    }
}

pub(crate) fn text(d: &Data) -> String {
    d.to_string()
}

#[test]
fn korean_workbook_matches_the_summary() {
    let dir = tempdir();
    let (s, path) = report_into(dir.path(), "ko");
    let mut wb: Xlsx<_> = open_workbook(&path).expect("xlsx opens");
    // the Cost and Corrective action sheets exist when the sample records them
    let recorded = |section: &str| s[section]["status"] == "ok";
    let mut names = vec!["요약", "추이", "파레토"];
    names.extend(recorded("cost").then_some("비용"));
    names.extend(["처리기간", "기한초과", "재발"]);
    names.extend(recorded("capa").then_some("시정조치"));
    names.extend(["관리도", "데이터", "데이터 품질"]);
    assert_eq!(wb.sheet_names(), names);

    summary_sheet_matches(&mut wb, &s);
    let trend = wb.worksheet_range("추이").expect("trend");
    let months = s["trend"].as_array().cloned().unwrap_or_default();
    for (i, m) in months.iter().enumerate() {
        let row = 4 + i;
        assert_eq!(text(&trend[(row, 0)]), m["month"].as_str().unwrap_or(""));
        assert_eq!(num(&trend[(row, 1)]), m["received"].as_f64().unwrap_or(-1.0));
    }

    overdue_sheet_matches(&mut wb, &s);

    // the Data sheet holds every complaint of the trend window, with its source row
    let data = wb.worksheet_range("데이터").expect("data");
    let window: f64 = months.iter().map(|m| m["received"].as_f64().unwrap_or(0.0)).sum();
    assert_eq!(data.height() as f64 - 1.0, window);
    assert_eq!(text(&data[(0, 0)]), "접수번호");
    assert_eq!(text(&data[(0, data.width() - 1)]), "행");

    let quality = wb.worksheet_range("데이터 품질").expect("quality");
    let data_rows =
        (0..quality.height()).find(|&r| text(&quality[(r, 0)]).trim() == "데이터 행").expect("data rows line");
    assert_eq!(num(&quality[(data_rows, 1)]), s["data_quality"]["data_rows"].as_f64().unwrap_or(-1.0));
    // the reader's reasons and notes are Korean on a Korean sheet
    let cells: Vec<String> = quality.rows().flat_map(|r| r.iter().map(text)).collect();
    for english in ["missing_received_date", "bad_received_date", "encoding ", "header-like", "left blank", "not a "] {
        assert!(!cells.iter().any(|c| c.contains(english)), "'{english}' on the Korean Data quality sheet");
    }
    assert!(cells.iter().any(|c| c.contains("인코딩 CP949")), "the CP949 ledger's note");
    assert!(cells.iter().any(|c| c.starts_with("접수일")), "a rejected row's reason");

    // native charts and the Data table are in the package
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(|n| n.to_string())).collect();
    let charts = names.iter().filter(|n| n.starts_with("xl/charts/chart") && n.ends_with(".xml")).count();
    // the Cost sheet adds the monthly cost chart and the cost Pareto; the
    // Control chart sheet one per flagged defect type (이물)
    let flagged = s["control_chart"]["flagged_defect_types"].as_array().map_or(0, Vec::len).min(5);
    assert_eq!(flagged, 1);
    assert_eq!(charts, if recorded("cost") { 12 } else { 10 } + flagged, "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("xl/tables/table")), "{names:?}");
    let mut chart1 = String::new();
    zip.by_name("xl/charts/chart1.xml").expect("chart1").read_to_string(&mut chart1).expect("read");
    assert!(chart1.contains("월별 불만 접수 추이"), "the first chart is the Korean trend chart");
}

type Book = Xlsx<std::io::BufReader<std::fs::File>>;

/// The Korean Summary sheet: the findings first, then the KPI block.
fn summary_sheet_matches(wb: &mut Book, s: &Value) {
    let summary = wb.worksheet_range("요약").expect("summary sheet");
    // the findings first: what the month is about, in sentences
    assert_eq!(text(&summary[(3, 0)]), "주요 이슈");
    assert_eq!(text(&summary[(4, 0)]), "• 이물 31건 (관리상한 18.7 초과) — 19건이 콘솔박스 CB-200, 고객 대원산업. 시정조치 CAPA-2025-031 진행 중 (기한 미정, 담당 윤서연).");
    assert_eq!(
        text(&summary[(5, 0)]),
        "• 처리 기한(10일) 초과 미결 25건. 최장 경과: C-2025-0475 (92일 경과, 담당 윤서연)."
    );
    // who they wait on (the printed Overdue sheet may show only the oldest)
    assert_eq!(text(&summary[(6, 0)]), "• 부서별 기한 초과: 생산2팀 11건 · 품질보증팀 7건 · 물류팀 5건 · 생산1팀 2건.");
    assert_eq!(text(&summary[(7, 0)]), "• 기한 내 처리율 68.2 % (66건 중 45건), 목표 90.0 % 미달.");
    // then the KPI block: this month, last month, last year, goal, change, state, counts
    let header = row_of(&summary, 0, "지표");
    let headers: Vec<String> = (0..8).map(|c| text(&summary[(header, c)])).collect();
    assert_eq!(headers, ["지표", "당월", "전월", "전년 동월", "목표", "증감", "상태", "근거 (건)"]);
    assert_eq!(text(&summary[(header + 1, 0)]), "접수");
    assert_eq!(num(&summary[(header + 1, 1)]), s["month"]["received"].as_f64().unwrap_or(-1.0));
    assert_eq!(num(&summary[(header + 1, 2)]), 81.0);
    assert_eq!(num(&summary[(header + 1, 3)]), 77.0);
    assert_eq!((text(&summary[(header + 1, 5)]), text(&summary[(header + 1, 6)])), ("▲ 증가".into(), "주의".into()));
    // the year so far against the same span last year (no goal configured)
    assert_eq!(text(&summary[(header + 2, 0)]), "연간 누계 접수 (1월~당월)");
    assert_eq!(num(&summary[(header + 2, 1)]), s["month"]["ytd_received"].as_f64().unwrap_or(-1.0));
    assert_eq!(num(&summary[(header + 2, 3)]), s["month"]["ytd_received_last_year"].as_f64().unwrap_or(-1.0));
    let header = header + 1;
    let on_time = header + 2;
    assert_eq!(num(&summary[(on_time, 1)]), s["month"]["on_time_rate"].as_f64().unwrap_or(-1.0));
    assert_eq!(num(&summary[(on_time, 4)]), 0.9);
    assert_eq!(
        (text(&summary[(on_time, 5)]), text(&summary[(on_time, 6)]), text(&summary[(on_time, 7)])),
        ("▼ 감소".into(), "경고".into(), "45 / 66".into())
    );
    assert_eq!(num(&summary[(header + 3, 1)]), s["month"]["ttr_median"].as_f64().unwrap_or(-1.0));
    assert_eq!(text(&summary[(header + 4, 0)]), "처리기간 P90 (일)");
    assert_eq!(num(&summary[(header + 5, 1)]), s["overdue"].as_array().map_or(-1.0, |o| o.len() as f64));
}

/// The Korean Overdue sheet: the list of summary.json's `overdue` and the
/// count per department beside it.
fn overdue_sheet_matches(wb: &mut Book, s: &Value) {
    let overdue = wb.worksheet_range("기한초과").expect("overdue");
    let list = s["overdue"].as_array().cloned().unwrap_or_default();
    assert!(!list.is_empty());
    let headers: Vec<String> = (0..14).map(|c| text(&overdue[(3, c)])).collect();
    assert_eq!(
        headers,
        [
            "접수번호",
            "접수일",
            "처리 기한",
            "경과일",
            "기한 초과일",
            "고객",
            "제품",
            "불량유형",
            "불만내용",
            "조치내용",
            "담당부서",
            "담당자",
            "상태",
            "출처"
        ]
    );
    for (i, o) in list.iter().enumerate() {
        assert_eq!(text(&overdue[(4 + i, 0)]), o["complaint_id"].as_str().unwrap_or(""));
        assert_eq!(num(&overdue[(4 + i, 4)]), o["days_past_target"].as_f64().unwrap_or(-1.0));
        assert_eq!(text(&overdue[(4 + i, 8)]), o["description"].as_str().unwrap_or(""));
        let owner = o["owner"].as_str().unwrap_or("담당 미지정");
        assert_eq!(text(&overdue[(4 + i, 11)]), owner);
    }
    // due = received + the 10-day target
    let (received, due) = (list[0]["received_date"].as_str().unwrap_or(""), list[0]["due_date"].as_str().unwrap_or(""));
    let day = |d: &str| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
    assert_eq!((day(due) - day(received)).num_days(), 10);
    // the count per department below the list (from column B: column A
    // repeats on the pages across) adds up to the list
    let below = row_of(&overdue, 1, "부서별 기한 초과") + 2;
    let counted: f64 =
        (below..overdue.height()).filter_map(|r| overdue.get((r, 2)).filter(|v| **v != Data::Empty).map(num)).sum();
    assert_eq!(counted, list.len() as f64);
}

#[test]
fn english_labels_and_identical_bytes_on_a_second_run() {
    let dir = tempdir();
    let (s, path) = report_into(dir.path(), "en");
    let wb: Xlsx<_> = open_workbook(&path).expect("xlsx opens");
    let recorded = |section: &str| s[section]["status"] == "ok";
    let mut names = vec!["Summary", "Trend", "Pareto"];
    names.extend(recorded("cost").then_some("Cost"));
    names.extend(["Resolution", "Overdue", "Recurrence"]);
    names.extend(recorded("capa").then_some("Corrective action"));
    names.extend(["Control chart", "Data", "Data quality"]);
    assert_eq!(wb.sheet_names(), names);
    let first = std::fs::read(&path).expect("read");
    let (_, again) = report_into(dir.path(), "en");
    assert!(first == std::fs::read(again).expect("read"), "the workbook bytes change between runs");
}

#[test]
fn auto_language_follows_the_ledger_headers() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("en.csv"),
        "Complaint ID,Date received,Product,Issue\nA,2024-05-01,X,Noise\nB,2024-05-03,X,Noise\n",
    )
    .expect("write");
    let o = run_in(dir.path(), &["report", "en.csv", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let wb: Xlsx<_> = open_workbook(dir.path().join("out/complaint_report_2024-05.xlsx")).expect("xlsx");
    assert_eq!(wb.sheet_names()[0], "Summary");
}

/// A small ledger that records customer notification, CAPA and cost
/// (docs/metrics.md §8–§10), period 2025-10: a recurring problem with a
/// verified CAPA that came back (CA-01, ineffective by C-103), an open CAPA
/// past its due date (CA-02), an open one within it (CA-03), one closed but
/// not verified (CA-04), two recurring problems without any CAPA, late and
/// overdue replies to the customer, one notified before it was received
/// (C-113), and costs written as `1,200,000원`, `120만원`, `무상`, `없음`.
const LEDGER: &str = "\
접수번호,접수일,고객사,제품,불량유형,담당자,종결일,회신요청일,통보일,시정조치번호,조치기한,시정조치완료일,효과확인일,보상금액
C-101,2025-03-04,대원산업,DT-100,이물,김철수,2025-03-12,2025-03-10,2025-03-09,CA-01,2025-04-30,2025-05-15,2025-06-30,\"1,200,000원\"
C-102,2025-04-08,한성오토,DT-100,이물,김철수,2025-04-15,,2025-04-14,CA-01,2025-04-30,2025-05-15,2025-06-30,120만원
C-103,2025-07-10,대원산업,DT-100,이물,이영희,2025-07-20,,2025-07-25,,,,,\"800,000\"
C-104,2025-08-05,미래모빌리티,BC-500,외관불량,박민수,2025-08-20,2025-08-12,2025-08-11,CA-02,2025-09-30,,,무상
C-105,2025-09-02,미래모빌리티,BC-500,외관불량,박민수,,2025-09-09,,CA-02,2025-09-30,,,\"2,500,000원\"
C-106,2025-09-15,세진모터스,CP-400,치수불량,이영희,2025-09-25,,2025-09-22,,,,,\"300,000\"
C-107,2025-09-28,세진모터스,CP-400,치수불량,이영희,,,,,,,,\"450,000\"
C-108,2025-10-03,대경산업(주),CP-400,치수불량,김철수,,2025-10-10,,,,,,\"1,500,000\"
C-109,2025-10-06,우진오토파츠,XR-7,기능불량,박민수,2025-10-20,,2025-10-14,CA-03,2025-12-31,,,\"3,000,000원\"
C-110,2025-10-08,대원산업,XR-7,기능불량,박민수,,,2025-10-30,CA-03,2025-12-31,,,\"2,000,000\"
C-111,2025-10-09,한성오토,DT-100,포장불량,김철수,2025-10-17,2025-10-15,2025-10-16,,,,,\"150,000\"
C-112,2025-10-10,한성오토,DT-100,포장불량,김철수,,2025-10-20,,,,,,없음
C-113,2025-10-14,대원산업,BC-500,변형,이영희,2025-10-22,,2025-10-13,CA-04,2025-11-30,2025-10-28,,\"700,000\"
C-114,2025-10-20,삼우이엔지,BC-500,오배송,박민수,,,,,,,,
C-115,2025-10-27,케이엠테크,CP-400,이물,김철수,,,,,,,,\"90,000\"
C-116,2025-06-11,동양정공(주),XR-7,외관불량,이영희,2025-06-19,2025-06-18,2025-06-18,CA-05,2025-07-31,2025-07-20,2025-08-31,\"600,000\"
C-117,2025-05-02,(주)신흥기공,BC-500,변형,김철수,2025-05-12,,2025-05-20,,,,,\"400,000\"
C-118,2024-12-05,대원산업,DT-100,기타,박민수,2024-12-10,,2024-12-09,,,,,\"50,000\"
";

/// Runs `report` on `csv` (written as ledger.csv) with `flags`; returns the
/// summary, the workbook, the headline and the chart files written.
fn report_ledger(
    dir: &Path,
    csv: &str,
    flags: &[&str],
) -> (Value, Xlsx<std::io::BufReader<std::fs::File>>, String, Vec<String>) {
    std::fs::write(dir.join("ledger.csv"), csv).expect("write");
    let mut args = vec!["report", "ledger.csv", "--out", "out"];
    args.extend_from_slice(flags);
    let o = run_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("summary")).expect("json");
    let wb: Xlsx<_> = open_workbook(dir.join("out/complaint_report_2025-10.xlsx")).expect("xlsx");
    let mut charts: Vec<String> = std::fs::read_dir(dir.join("out/charts"))
        .expect("charts")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    charts.sort();
    (summary, wb, stdout(&o), charts)
}

/// The row of `sheet` whose column `col` reads `label`.
pub(crate) fn row_of(sheet: &calamine::Range<Data>, col: usize, label: &str) -> usize {
    (0..sheet.height()).find(|&r| text(&sheet[(r, col)]) == label).unwrap_or_else(|| panic!("no row '{label}'"))
}

#[test]
fn notification_capa_and_cost_are_shown_when_recorded() {
    let dir = tempdir();
    let (s, mut wb, headline, charts) = report_ledger(dir.path(), LEDGER, &["--lang", "ko"]);
    for section in ["notification", "capa", "cost"] {
        assert_eq!(s[section]["status"], "ok", "{section}");
    }
    assert_eq!(
        wb.sheet_names(),
        [
            "요약",
            "추이",
            "파레토",
            "비용",
            "처리기간",
            "기한초과",
            "재발",
            "시정조치",
            "관리도",
            "데이터",
            "데이터 품질"
        ]
    );

    capa_sheet_matches(&mut wb, &s);
    cost_sheet_matches(&mut wb, &s);

    // Resolution: the notification columns of the monthly table and the overdue list
    let res = wb.worksheet_range("처리기간").expect("resolution");
    // (the table's columns in blocks one under another, each led by the
    // month, as many as fit the printed page's width: found by header)
    let last_month = |header: &str| -> f64 {
        let (r, c) = (3..80)
            .flat_map(|r| (0..30).map(move |c| (r, c)))
            .find(|&(r, c)| res.get((r, c)).is_some_and(|v| text(v) == header))
            .unwrap_or_else(|| panic!("no header {header}"));
        assert_eq!(text(&res[(r, 0)]), "월", "the block of {header} leads with the month");
        num(&res[(r + 12, c)])
    };
    let got: Vec<f64> =
        ["통보", "기한 내 통보", "통보 기한 초과", "기한 내 통보율", "통보기간 중앙값 (일)"].map(last_month).to_vec();
    assert_eq!(got, [4.0, 1.0, 3.0, 0.1667, 8.0]);
    let overdue = s["notification"]["overdue"].as_array().cloned().unwrap_or_default();
    let first = row_of(&res, 0, "C-105");
    for (i, o) in overdue.iter().enumerate() {
        assert_eq!(text(&res[(first + i, 0)]), o["complaint_id"].as_str().unwrap_or(""));
        assert_eq!(num(&res[(first + i, 3)]), o["days_past_deadline"].as_f64().unwrap_or(-1.0));
        assert_eq!(text(&res[(first + i, 8)]), "ledger.csv");
    }
    assert_eq!(text(&res[(first - 1, 2)]), "통보 기한");
    assert_eq!((num(&res[(first, 3)]), num(&res[(first, 7)])), (52.0, 6.0));

    // Summary: one KPI row per recorded figure
    let summary = wb.worksheet_range("요약").expect("summary");
    let kpi = |label: &str| -> (Data, Data) {
        let r = row_of(&summary, 0, label);
        (summary[(r, 1)].clone(), summary[(r, 2)].clone())
    };
    assert_eq!(num(&kpi("기한 내 통보율").0), 0.1667);
    assert_eq!(num(&kpi("기한 내 통보율").1), 0.3333);
    assert_eq!(num(&kpi("진행 중 시정조치").0), 2.0);
    assert_eq!(num(&kpi("기한 초과 시정조치").0), 1.0);
    assert_eq!(num(&kpi("유효성 미흡 시정조치").0), 1.0);
    assert_eq!(num(&kpi("시정조치 없는 반복 문제").0), 1.0);
    assert_eq!((num(&kpi("불만 비용").0), num(&kpi("불만 비용").1)), (7_440_000.0, 3_250_000.0));
    let quality = wb.worksheet_range("데이터 품질").expect("quality");
    assert_eq!(num(&quality[(row_of(&quality, 0, "통보일이 접수일보다 빠름"), 1)]), 1.0);
    assert_eq!(num(&quality[(row_of(&quality, 0, "시정조치 날짜 불일치"), 1)]), 0.0);
    // every closed complaint of this ledger has its notification date
    assert_eq!(num(&quality[(row_of(&quality, 0, "완료, 통보일 없음 (통보 미기록)"), 1)]), 0.0);

    // the three charts of the sections, in PNG and SVG
    assert_eq!(charts.len(), 20, "{charts:?}");
    for name in ["capa_status", "cost_trend", "cost_pareto"] {
        for ext in ["png", "svg"] {
            assert!(charts.contains(&format!("{name}.{ext}")), "{name}.{ext} in {charts:?}");
        }
    }
    // the headline: a line per section, the image count
    for line in [
        "  Notified     16.7 %   1 of 6 judged replies on time; 5 overdue as of 2025-10-31 (oldest deadline 2025-09-09: C-105)\n",
        "  CAPA            2   open (1 overdue), 1 ineffective; 1 active recurring problems without CAPA (3+ complaints in the last 90 days)\n",
        "  Cost        7,440,000   this month (last month 3,250,000); top type 기능불량\n",
        ", charts/ (20 images)\n",
    ] {
        assert!(headline.contains(line), "{line:?} in\n{headline}");
    }
}

/// The Corrective action sheet of LEDGER: the to-do list, the counts
/// beside it, then every CAPA.
fn capa_sheet_matches(wb: &mut Book, s: &Value) {
    let capa = wb.worksheet_range("시정조치").expect("capa sheet");
    assert_eq!(text(&capa[(0, 0)]), "시정조치 — 2025-10");
    // the active problems only: CP-400 치수불량 has 3 complaints without a
    // CAPA in the 90 days to 10-31; DT-100 포장불량's 2 are below the trigger
    assert_eq!(text(&capa[(2, 0)]), "시정조치 없는 반복 문제 — 1건 (최근 90일 3건 이상, 2025-10-31 기준)");
    let headers: Vec<String> = (0..6).map(|c| text(&capa[(3, c)])).collect();
    assert_eq!(headers, ["제품", "불량유형", "건수", "최초 접수", "최근 접수", "고객 수"]);
    assert_eq!(
        (text(&capa[(4, 0)]), text(&capa[(4, 1)]), num(&capa[(4, 2)]), num(&capa[(4, 5)])),
        ("CP-400".into(), "치수불량".into(), 3.0, 2.0)
    );
    assert_eq!(text(&capa[(5, 0)]), "");
    let counts: Vec<f64> = (4..11).map(|r| num(&capa[(r, 8)])).collect();
    // opened in the window, open, overdue, closed not verified, verified, ineffective, coverage
    assert_eq!(counts, [5.0, 2.0, 1.0, 1.0, 2.0, 1.0, 0.4444]);
    assert_eq!(text(&capa[(9, 7)]), "유효성 미흡 (완료 후 재발)");
    assert_eq!(text(&capa[(3, 10)]), "시정조치번호");
    let list = s["capa"]["list"].as_array().cloned().unwrap_or_default();
    assert_eq!(list.len(), 5);
    for (i, c) in list.iter().enumerate() {
        assert_eq!(text(&capa[(4 + i, 10)]), c["capa_id"].as_str().unwrap_or(""));
        assert_eq!(num(&capa[(4 + i, 16)]), c["complaints"].as_f64().unwrap_or(-1.0));
        assert_eq!(text(&capa[(4 + i, 18)]), c["ineffective_by"].as_str().unwrap_or(""));
    }
    // verified, yet the problem came back: the status says both
    assert_eq!((text(&capa[(4, 10)]), text(&capa[(4, 11)])), ("CA-01".into(), "효과 확인 → 재발 (유효성 미흡)".into()));
    assert_eq!(text(&capa[(4, 17)]), "DT-100·이물");
    let ca02 = row_of(&capa, 10, "CA-02");
    assert_eq!(text(&capa[(ca02, 11)]), "진행 중 · 기한 초과");
}

/// The Cost sheet of LEDGER: the monthly table over the window, then the
/// Paretos side by side.
fn cost_sheet_matches(wb: &mut Book, s: &Value) {
    let cost = wb.worksheet_range("비용").expect("cost sheet");
    assert_eq!(
        (text(&cost[(3, 0)]), text(&cost[(3, 1)]), text(&cost[(3, 2)]), text(&cost[(3, 3)])),
        ("월".into(), "비용 합계".into(), "비용 기록 건수".into(), "건당 평균 비용".into())
    );
    let months = s["trend"].as_array().cloned().unwrap_or_default();
    for (i, m) in months.iter().enumerate() {
        assert_eq!(text(&cost[(4 + i, 0)]), m["month"].as_str().unwrap_or(""));
        // a month without any cost written is blank, not 0 (docs/metrics.md §10)
        match m["cost_total"].as_f64() {
            Some(total) => assert_eq!(num(&cost[(4 + i, 1)]), total),
            None => assert_eq!(cost[(4 + i, 1)], Data::Empty, "{}", m["month"]),
        }
        assert_eq!(num(&cost[(4 + i, 2)]), m["cost_count"].as_f64().unwrap_or(-1.0));
    }
    assert_eq!(num(&cost[(15, 1)]), 7_440_000.0); // 2025-10
    let pareto = row_of(&cost, 0, "불량유형") + 1;
    assert_eq!((text(&cost[(pareto, 0)]), num(&cost[(pareto, 1)])), ("기능불량".into(), 5_000_000.0));
    assert_eq!((text(&cost[(pareto, 5)]), num(&cost[(pareto, 6)])), ("이물".into(), 4.0)); // the count Pareto beside

    // the month's under the count Pareto (its header the second 불량유형 of column F)
    let month = (pareto..cost.height()).find(|&r| text(&cost[(r, 5)]) == "불량유형").expect("the month's Pareto") + 1;
    assert_eq!((text(&cost[(month, 5)]), num(&cost[(month, 6)])), ("기능불량".into(), 5_000_000.0));
    let customers = row_of(&cost, 0, "고객") + 1;
    assert_eq!((text(&cost[(customers, 0)]), num(&cost[(customers, 1)])), ("대원산업".into(), 4_750_000.0));
}

#[test]
fn english_sheets_name_the_currency() {
    let dir = tempdir();
    let (_, mut wb, headline, _) = report_ledger(dir.path(), LEDGER, &["--lang", "en", "--currency", "KRW"]);
    let names = wb.sheet_names();
    assert!(names.contains(&"Cost".to_string()) && names.contains(&"Corrective action".to_string()), "{names:?}");
    let cost = wb.worksheet_range("Cost").expect("cost");
    assert_eq!((text(&cost[(3, 1)]), text(&cost[(3, 3)])), ("Cost total (KRW)".into(), "Mean cost (KRW)".into()));
    let capa = wb.worksheet_range("Corrective action").expect("capa");
    let ca02 = row_of(&capa, 10, "CA-02");
    assert_eq!(text(&capa[(ca02, 11)]), "open, overdue");
    let summary = wb.worksheet_range("Summary").expect("summary");
    let r = row_of(&summary, 0, "Complaint cost (KRW)");
    assert_eq!(num(&summary[(r, 1)]), 7_440_000.0);
    assert!(headline.contains("  Cost        7,440,000 KRW   this month (last month 3,250,000 KRW)"), "{headline}");
}

#[test]
fn sections_not_recorded_leave_no_sheet_kpi_chart_or_line() {
    // the same ledger without the notification and CAPA columns: cost only
    let keep = |line: &str| -> String {
        let cells: Vec<&str> = line.splitn(14, ',').collect();
        let mut out: Vec<&str> = cells[..7].to_vec();
        out.push(cells[13]);
        out.join(",")
    };
    let cost_only: String = LEDGER.lines().map(|l| keep(l) + "\n").collect();
    assert!(cost_only.starts_with("접수번호,접수일,고객사,제품,불량유형,담당자,종결일,보상금액\n"), "{cost_only}");
    let dir = tempdir();
    let (s, mut wb, headline, charts) = report_ledger(dir.path(), &cost_only, &["--lang", "ko"]);
    assert_eq!(
        (s["notification"]["status"].as_str(), s["capa"]["status"].as_str()),
        (Some("not_recorded"), Some("not_recorded"))
    );
    assert_eq!(
        wb.sheet_names(),
        ["요약", "추이", "파레토", "비용", "처리기간", "기한초과", "재발", "관리도", "데이터", "데이터 품질"]
    );
    let summary = wb.worksheet_range("요약").expect("summary");
    let labels: Vec<String> = (0..summary.height()).map(|r| text(&summary[(r, 0)])).collect();
    assert!(labels.contains(&"불만 비용".to_string()), "{labels:?}");
    for absent in ["기한 내 통보율", "진행 중 시정조치", "기한 초과 시정조치", "유효성 미흡 시정조치"]
    {
        assert!(!labels.contains(&absent.to_string()), "{absent} in {labels:?}");
    }
    let res = wb.worksheet_range("처리기간").expect("resolution");
    let all: Vec<String> = res.rows().flat_map(|r| r.iter().map(text)).collect();
    assert!(!all.iter().any(|c| c.contains("통보")), "notification on the Resolution sheet");
    let quality = wb.worksheet_range("데이터 품질").expect("quality");
    let all: Vec<String> = quality.rows().flat_map(|r| r.iter().map(text)).collect();
    assert!(!all.iter().any(|c| c.contains("통보일") || c.contains("시정조치")), "{all:?}");
    assert_eq!(charts.len(), 18, "{charts:?}");
    assert!(!charts.iter().any(|c| c.starts_with("capa_status")), "{charts:?}");
    assert!(!headline.contains("Notified") && !headline.contains("CAPA"), "{headline}");
    assert!(headline.contains("  Cost ") && headline.contains("charts/ (18 images)"), "{headline}");

    // and without the cost column either: the nine sheets and seven charts of before
    let bare: String = cost_only.lines().map(|l| l.rsplit_once(',').map_or(l, |x| x.0).to_string() + "\n").collect();
    let dir = tempdir();
    let (s, wb, headline, charts) = report_ledger(dir.path(), &bare, &["--lang", "en"]);
    assert_eq!(s["cost"]["status"], "not_recorded");
    assert_eq!(
        wb.sheet_names(),
        ["Summary", "Trend", "Pareto", "Resolution", "Overdue", "Recurrence", "Control chart", "Data", "Data quality"]
    );
    assert_eq!(charts.len(), 14, "{charts:?}");
    assert!(!charts.iter().any(|c| c.starts_with("cost_")), "{charts:?}");
    assert!(!headline.contains("  Cost ") && headline.contains("charts/ (14 images)"), "{headline}");
}

/// The part `name` of the xlsx package as text.
fn part(path: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("open")).expect("zip");
    let mut out = String::new();
    zip.by_name(name).unwrap_or_else(|_| panic!("no {name}")).read_to_string(&mut out).expect("read");
    out
}

#[test]
fn printing_gives_the_report_with_company_period_and_page_numbers() {
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let args = ["report", sample.to_str().unwrap_or(""), "--out", "out", "--lang", "en", "--company", "Daesung & Co."];
    let o = run_in(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let path = dir.path().join("out/complaint_report_2025-10.xlsx");
    let book = part(&path, "xl/workbook.xml");
    // the Summary on one page; the Data sheet prints one page: its header and
    // the first 41 rows of the 6 columns that fit A4 at 80 % (in LibreOffice's
    // wider columns too); the overdue list repeats its header on every page
    assert!(book.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">Summary!$A$1:$H$"), "{book}");
    assert!(book.contains(">Data!$A$1:$F$42</definedName>"), "{book}");
    let data = part(&path, "xl/worksheets/sheet10.xml");
    assert!(data.contains("Data · Printed: the first 41 of "), "{data:.3000}");
    assert!(book.contains("<definedName name=\"_xlnm.Print_Titles\""), "{book}");
    assert!(book.contains("Overdue!$4:$4</definedName>"), "{book}");
    // a sheet of several tables: the long list starts a page and repeats its
    // header; the breakdowns start pages of their own
    assert!(book.contains(">Recurrence!$"), "{book}");
    for sheet in [2, 7] {
        let xml = part(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(xml.contains("<rowBreaks"), "sheet{sheet} has no page break");
    }
    let summary = part(&path, "xl/worksheets/sheet1.xml");
    // fitted to one page, or (findings and KPI block on the first page, the
    // charts on the second) at a fixed scale of 80 % or more
    let fixed: Option<u32> = summary.split("scale=\"").nth(1).and_then(|x| x.split('"').next()?.parse().ok());
    assert!(
        summary.contains("<fitToPage/>") || summary.contains("fitToPage=\"1\"") || fixed.is_some_and(|s| s >= 80),
        "summary fits a page or prints at 80 % or more: {fixed:?}"
    );
    assert!(summary.contains("orientation=\"landscape\"") && summary.contains("paperSize=\"9\""), "A4 landscape");
    // every page names the company and the period (in the header, or in the
    // footer of a sheet printed across pages, whose header holds its title
    // and subtitle); pages are numbered
    for sheet in 1..=9 {
        let xml = part(&path, &format!("xl/worksheets/sheet{sheet}.xml"));
        assert!(
            xml.contains("Daesung &amp;&amp; Co. · Monthly complaint report 2025-10 · 2025-10-31"),
            "sheet{sheet}: {xml:.300}"
        );
        assert!(xml.contains("&amp;C&amp;P / &amp;N</oddFooter>"), "sheet{sheet}");
    }
}

/// The numbers inside `<tag>…</tag>` of `xml` after `from`, in order.
fn anchor(xml: &str, at: &str) -> (u32, u64, u32, u64) {
    let n = |tag: &str| -> u64 {
        let open = format!("<xdr:{tag}>");
        let i = at.find(&open).map(|i| i + open.len()).unwrap_or_else(|| panic!("no {tag} in {xml:.200}"));
        at[i..at[i..].find('<').map_or(at.len(), |j| i + j)].parse().expect("number")
    };
    (n("col") as u32, n("colOff"), n("row") as u32, n("rowOff"))
}

#[test]
fn no_chart_covers_a_filled_cell() {
    let dir = tempdir();
    let (_, path) = report_into(dir.path(), "ko");
    let mut wb: Xlsx<_> = open_workbook(&path).expect("xlsx");
    let names = wb.sheet_names();
    let mut checked = 0;
    for (i, name) in names.iter().enumerate() {
        let rels = format!("xl/worksheets/_rels/sheet{}.xml.rels", i + 1);
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
        let Ok(mut entry) = zip.by_name(&rels) else { continue };
        let mut rels = String::new();
        entry.read_to_string(&mut rels).expect("read");
        let Some(at) = rels.find("../drawings/drawing") else { continue };
        let file = &rels[at + 3..at + 3 + rels[at + 3..].find('"').expect("target end")];
        let drawing = part(&path, &format!("xl/{file}"));
        let cells = wb.worksheet_range(name).expect("sheet");
        // the sheet's page breaks: a break at `id` starts a page at that row
        let sheet_xml = part(&path, &format!("xl/worksheets/sheet{}.xml", i + 1));
        let breaks: Vec<u32> = sheet_xml
            .split("<brk id=\"")
            .skip(1)
            .filter_map(|b| b.split('"').next().and_then(|n| n.parse().ok()))
            .collect();
        for anchor_xml in drawing.split("<xdr:twoCellAnchor").skip(1) {
            let from = &anchor_xml[anchor_xml.find("<xdr:from>").expect("from")..];
            let to = &anchor_xml[anchor_xml.find("<xdr:to>").expect("to")..];
            let (c0, _, r0, _) = anchor(&drawing, from);
            let (c1, c1_off, r1, r1_off) = anchor(&drawing, to);
            // a chart ending at offset 0 of a cell does not cover it
            let c1 = if c1_off == 0 { c1.saturating_sub(1) } else { c1 };
            let r1 = if r1_off == 0 { r1.saturating_sub(1) } else { r1 };
            for b in &breaks {
                assert!(!(r0 < *b && *b <= r1), "{name}: a page break at row {b} cuts the chart at rows {r0}–{r1}");
            }
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if let Some(v) = cells.get_value((r, c)) {
                        assert!(
                            *v == Data::Empty || v.to_string().is_empty(),
                            "{name}: a chart anchored at row {r0} col {c0} covers {v:?} at row {r} col {c}"
                        );
                    }
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 10, "only {checked} charts found");
}

#[test]
fn business_days_are_named_where_they_count_and_only_there() {
    // the handling target counts business days with --business-days; the
    // recurrence window stays in calendar days (docs/metrics.md §4)
    let dir = tempdir();
    let sample = repo().join("data/sample");
    let args = ["report", sample.to_str().unwrap_or(""), "--out", "out", "--lang", "en", "--business-days"];
    let o = run_in(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("out");
    let recurrence = std::fs::read_to_string(out.join("charts/recurrence.svg")).expect("svg");
    assert!(recurrence.contains("within 90 days") && !recurrence.contains("business"), "recurrence chart");
    let mut wb: Xlsx<_> = open_workbook(out.join("complaint_report_2025-10.xlsx")).expect("xlsx");
    let overdue = wb.worksheet_range("Overdue").expect("overdue");
    assert!(text(&overdue[(0, 0)]).ends_with("open more than 10 business days)"), "{}", text(&overdue[(0, 0)]));
    // the due date counts 10 business days: two weekends at least
    let s: Value = serde_json::from_slice(&std::fs::read(out.join("summary.json")).expect("summary")).expect("json");
    let day = |k: &str| {
        chrono::NaiveDate::parse_from_str(s["overdue"][0][k].as_str().unwrap_or(""), "%Y-%m-%d").expect("date")
    };
    assert!((day("due_date") - day("received_date")).num_days() >= 14, "{}", s["overdue"][0]);
    let summary = wb.worksheet_range("Summary").expect("summary");
    assert!(text(&summary[(1, 0)]).contains("target 10 business days"), "{}", text(&summary[(1, 0)]));
    let all: Vec<String> = summary.rows().flat_map(|r| r.iter().map(text)).collect();
    assert!(all.iter().any(|c| c.contains("older than 10 business days")), "the note under the KPI block");
    assert!(all.iter().any(|c| c.contains("past the target of 10 business days")), "the overdue finding");
}

/// The chart part whose title holds `title`.
fn chart_xml(path: &Path, title: &str) -> String {
    (1..=40)
        .filter_map(|i| {
            let mut zip = zip::ZipArchive::new(std::fs::File::open(path).ok()?).ok()?;
            let mut xml = String::new();
            zip.by_name(&format!("xl/charts/chart{i}.xml")).ok()?.read_to_string(&mut xml).ok()?;
            Some(xml)
        })
        .find(|xml| xml.contains(title))
        .unwrap_or_else(|| panic!("no chart titled {title}"))
}

#[test]
fn native_charts_carry_their_labels_lines_and_colours() {
    let dir = tempdir();
    let (_, path) = report_into(dir.path(), "ko");
    // Pareto: at most 10 bars (9 types + Other), counts on the bars, the
    // vital few darker than the rest — two series, each in the legend —, the
    // cumulative line and the 80 % line
    let pareto = chart_xml(&path, "불량유형 파레토 (2025-10)");
    assert!(pareto.contains("<c:dLbls>") && pareto.contains("<c:showVal val=\"1\"/>"), "value labels");
    assert!(pareto.contains("1F4E79") && pareto.contains("9DC3E6"), "vital few coloured");
    assert!(pareto.contains("$P$4"), "the 80 % series reads the chart table's 80% column: {pareto:.300}");
    assert!(pareto.contains("중점관리 유형 (누적 80%까지)") && pareto.contains("<c:overlap val=\"100\"/>"), "legend");
    assert_eq!(pareto.matches("<c:ser>").count(), 4, "vital few, the others, cumulative share, 80 %");
    // trend: a count the rolling line runs through stands inside its bar
    let trend = chart_xml(&path, "월별 불만 접수 추이");
    assert!(trend.contains("<c:dLblPos val=\"inEnd\"/>") && trend.contains("FFFFFF"), "labels inside: {trend:.400}");
    // c-chart: UCL and LCL in two colours, signal months as markers
    let control = chart_xml(&path, "월별 불만 건수 c 관리도");
    assert!(control.contains("C00000") && control.contains("ED7D31"), "UCL red, LCL orange");
    assert_eq!(control.matches("<c:ser>").count(), 5, "count, centre, UCL, LCL, signal months");
    // aging within/past the target; the histogram around the target
    let aging = chart_xml(&path, "<a:t>미결 경과일</a:t>");
    assert!(aging.contains("<c:dPt>") && aging.contains("70AD47") && aging.contains("C00000"), "aging colours");
    let hist = chart_xml(&path, "처리기간 분포 (목표 10일)");
    assert!(hist.contains("<c:dPt>") && hist.contains("ED7D31") && hist.contains("4472C4"), "histogram colours");
    // a chart per flagged defect type
    chart_xml(&path, "관리 이탈 유형 이물: 당월 31건, 관리상한 18.7");
}
