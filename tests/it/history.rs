//! The monthly cycle (docs/metrics.md §15): a September report recorded in
//! the history, the ledger edited afterwards (a late September entry, a
//! closed date filled in, a complaint re-classified, a row deleted) and
//! October's complaints added, then the October report's `changes` —
//! every item hand-computed below — with complaint ids and without; and
//! what the history folder does with repeated, changed, foreign and
//! damaged input.

use crate::common::*;
use calamine::{open_workbook, Data, Reader, Xlsx};
use serde_json::{json, Value};
use std::path::Path;

/// One ledger row: id, received, customer, product, defect type,
/// description, closed, reply due, notified, CAPA, CAPA due.
type Row = [&'static str; 11];

const HEADER: &str = "접수번호,접수일,고객사,제품,불량유형,불만내용,완료일,회신요청일,통보일,시정조치번호,시정조치기한";

/// The ledger when the September report is made (early October). Judged
/// as of 2025-09-30 with the 10-day target: overdue C-02 (77 d), C-04
/// (41 d), C-07 (12 d); notification overdue C-02 (deadline 07-25), C-04
/// (08-30), C-07 (its reply due 09-25); CAPA-01 open and past its due date;
/// PT-150 · 기능불량 has 3 complaints in the 90 days and no CAPA (C-02,
/// C-10, C-09) — the to-do list.
const SEPTEMBER: [Row; 10] = [
    [
        "C-01",
        "2025-07-03",
        "대원산업",
        "DT-100",
        "외관불량",
        "도어트림 도장 흠집",
        "2025-07-08",
        "",
        "2025-07-07",
        "CAPA-01",
        "2025-08-31",
    ],
    ["C-02", "2025-07-15", "세진모터스", "PT-150", "기능불량", "클립 체결 불량", "", "", "", "", ""],
    [
        "C-03",
        "2025-08-04",
        "대원산업",
        "DT-100",
        "외관불량",
        "표면 얼룩",
        "2025-08-10",
        "",
        "2025-08-09",
        "CAPA-01",
        "2025-08-31",
    ],
    ["C-04", "2025-08-20", "한빛정밀", "GB-300", "포장불량", "포장 파손", "", "", "", "", ""],
    ["C-05", "2025-09-02", "대원산업", "DT-100", "외관불량", "긁힘", "2025-09-09", "", "2025-09-05", "", ""],
    ["C-06", "2025-09-10", "세진모터스", "PT-150", "이물", "이물 혼입", "2025-09-15", "", "2025-09-12", "", ""],
    ["C-07", "2025-09-18", "동양정공", "DT-100", "외관불량", "색상 차이", "", "2025-09-25", "", "", ""],
    ["C-08", "2025-09-25", "한빛정밀", "GB-300", "포장불량", "라벨 오기", "", "", "", "", ""],
    ["C-09", "2025-09-28", "대원산업", "PT-150", "기능불량", "작동음", "2025-09-29", "", "2025-09-29", "", ""],
    [
        "C-10",
        "2025-08-12",
        "세진모터스",
        "PT-150",
        "기능불량",
        "체결 토크 부족",
        "2025-08-20",
        "",
        "2025-08-18",
        "",
        "",
    ],
];

/// The same ledger a month later: C-03 deleted, C-04's closed date filled
/// in, C-06 re-classified 이물 → 기능불량, C-11 entered late (received in
/// September), C-12 and C-13 received in October (C-12 with a CAPA for
/// PT-150 · 기능불량).
fn october() -> Vec<Row> {
    let mut rows: Vec<Row> = SEPTEMBER.iter().filter(|r| r[0] != "C-03").copied().collect();
    for r in &mut rows {
        match r[0] {
            "C-04" => r[6] = "2025-10-06",
            "C-06" => r[4] = "기능불량",
            _ => {}
        }
    }
    rows.extend([
        ["C-11", "2025-09-22", "동양정공", "GB-300", "치수불량", "치수 초과", "2025-10-02", "", "2025-10-01", "", ""],
        ["C-12", "2025-10-07", "세진모터스", "PT-150", "기능불량", "클립 이탈", "", "", "", "CAPA-02", "2025-11-30"],
        ["C-13", "2025-10-15", "대원산업", "DT-100", "외관불량", "도장 들뜸", "2025-10-20", "", "2025-10-18", "", ""],
    ]);
    rows
}

fn csv(rows: &[Row], ids: bool) -> String {
    let skip = usize::from(!ids);
    let mut s: String = HEADER.split(',').skip(skip).collect::<Vec<_>>().join(",") + "\n";
    for r in rows {
        s.push_str(&r[skip..].join(","));
        s.push('\n');
    }
    s
}

/// `complaints report ledger.csv ARGS` in `dir`.
fn report(dir: &Path, rows: &[Row], ids: bool, args: &[&str]) -> std::process::Output {
    std::fs::write(dir.join("ledger.csv"), csv(rows, ids)).expect("write the ledger");
    let mut all = vec!["report", "ledger.csv"];
    all.extend_from_slice(args);
    run_in(dir, &all)
}

fn summary(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("summary.json")).expect("json")
}

/// The reference of complaint `id` in a ledger without ids: where it is read.
fn at(rows: &[Row], id: &str) -> String {
    let i = rows.iter().position(|r| r[0] == id).expect("in the ledger");
    format!("ledger.csv#!{}", i + 2)
}

/// `changes` as hand-computed; `reference(then?, id)` names a complaint.
fn expected(reference: &dyn Fn(bool, &str) -> String, by: &str, by_id: u64, by_content: u64) -> Value {
    let item = |then: bool, id: &str, received: &str, customer: &str, defect: &str, late: Option<bool>| {
        let rows: Vec<Row> = if then { SEPTEMBER.to_vec() } else { october() };
        let i = rows.iter().position(|r| r[0] == id).expect("in the ledger");
        let mut v = json!({"complaint_id": reference(then, id), "received_date": received, "customer": customer,
                           "defect_type": defect, "source_file": "ledger.csv", "source_sheet": "", "source_row": i + 2});
        if let Some(late) = late {
            v["late_entry"] = json!(late);
        }
        v
    };
    let edit = |id: &str, received: &str, field: &str, then: Value, now: Value, by: &str| json!({"complaint_id": reference(false, id), "received_date": received, "field": field, "then": then, "now": now, "matched_by": by});
    let overdue = |id: &str, received: &str, customer: &str, product: &str, defect: &str, age: i64, now: Value| {
        json!({"complaint_id": reference(true, id), "received_date": received, "customer": customer, "product": product,
               "defect_type": defect, "department": null, "owner": null, "age_days": age, "now": now})
    };
    let notify = |id: &str, received: &str, deadline: &str, customer: &str, past: i64, now: Value| {
        json!({"complaint_id": reference(true, id), "received_date": received, "deadline": deadline, "customer": customer,
               "owner": null, "days_past_deadline": past, "now": now})
    };
    json!({
        "base": {"period": "2025-09", "as_of": "2025-09-30", "complaints": 10, "params_changed": []},
        "matched": {"by_id": by_id, "by_content": by_content},
        "restated": [
            // August: C-03 deleted, C-04 closed late (47 d): on time 1 of 2
            {"month": "2025-08", "received": {"then": 3, "now": 2}, "on_time_rate": {"then": 0.6667, "now": 0.5},
             "overdue": {"then": 1, "now": 0}},
            // September: C-11 entered late (closed in 10 d, on time), C-08 now overdue
            {"month": "2025-09", "received": {"then": 5, "now": 6}, "closed": {"then": 3, "now": 4},
             "on_time_rate": {"then": 0.75, "now": 0.6667}, "overdue": {"then": 1, "now": 2}}
        ],
        "added": [
            item(false, "C-11", "2025-09-22", "동양정공", "치수불량", Some(true)),
            item(false, "C-12", "2025-10-07", "세진모터스", "기능불량", Some(false)),
            item(false, "C-13", "2025-10-15", "대원산업", "외관불량", Some(false)),
        ],
        "removed": [item(true, "C-03", "2025-08-04", "대원산업", "외관불량", None)],
        "edited": [
            edit("C-04", "2025-08-20", "closed_date", Value::Null, json!("2025-10-06"), by),
            edit("C-06", "2025-09-10", "defect_type", json!("이물"), json!("기능불량"), if by == "id" { "id" } else { "similar" }),
        ],
        "carried": {
            "overdue": [
                overdue("C-02", "2025-07-15", "세진모터스", "PT-150", "기능불량", 77, json!({"status": "open", "age_days": 108, "overdue": true})),
                overdue("C-04", "2025-08-20", "한빛정밀", "GB-300", "포장불량", 41, json!({"status": "closed", "closed_date": "2025-10-06"})),
                overdue("C-07", "2025-09-18", "동양정공", "DT-100", "외관불량", 12, json!({"status": "open", "age_days": 43, "overdue": true})),
            ],
            "notify_overdue": [
                notify("C-02", "2025-07-15", "2025-07-25", "세진모터스", 67, json!({"status": "overdue", "days_past_deadline": 98})),
                notify("C-04", "2025-08-20", "2025-08-30", "한빛정밀", 31, json!({"status": "closed", "closed_date": "2025-10-06"})),
                notify("C-07", "2025-09-18", "2025-09-25", "동양정공", 5, json!({"status": "overdue", "days_past_deadline": 36})),
            ],
            "capa_open": [{"capa_id": "CAPA-01", "opened": "2025-07-03", "due": "2025-08-31", "status": "open", "overdue": true,
                           "now": {"status": "open", "days_open": 120, "overdue": true}}],
            "recurring_without_capa": [{"key": ["PT-150", "기능불량"], "count": 3, "first": "2025-07-15", "last": "2025-09-28",
                                        "now": {"status": "capa", "capa_id": "CAPA-02", "capa_status": "open"}}]
        }
    })
}

#[test]
fn the_monthly_cycle_with_complaint_ids() {
    let dir = tempdir();
    let d = dir.path();
    let o = report(d, &SEPTEMBER, true, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("History     recorded 2025-09 in reports/history; no earlier report in it to compare with"),
        "{}",
        stdout(&o)
    );
    let september = summary(&d.join("reports/2025-09/summary.json"));
    assert!(september.get("changes").is_none(), "nothing to compare with: no changes key");
    // the snapshot's figures are the report's summary.json, byte for byte
    assert_eq!(
        std::fs::read(d.join("reports/history/period=2025-09/summary.json")).expect("snapshot figures"),
        std::fs::read(d.join("reports/2025-09/summary.json")).expect("report")
    );

    let o = report(d, &october(), true, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = summary(&d.join("reports/2025-10/summary.json"));
    let reference = |_: bool, id: &str| id.to_string();
    let want = expected(&reference, "id", 9, 0);
    for key in ["base", "matched", "restated", "added", "removed", "edited", "carried"] {
        assert_eq!(s["changes"][key], want[key], "changes.{key}");
    }
    assert_eq!(s["changes"], want);
    let out = stdout(&o);
    assert!(out.contains("  Changes     since 2025-09 (as of 2025-09-30): 2025-08 received 3 → 2; 2025-09 received 5 → 6; 3 added (1 late entry), 1 removed, 2 fields edited in 2 complaints\n"), "{out}");
    assert!(out.contains("  To-do       of the 2025-09 report: 1 of 3 overdue complaints closed; 0 of 3 overdue replies sent; 0 of 1 open CAPAs completed; 1 of 1 recurring problems got a CAPA\n"), "{out}");
    assert!(out.contains("History     recorded 2025-10 in reports/history; compared with 2025-09"), "{out}");
    // the findings, in the ledger's language (Korean headers)
    let html = std::fs::read_to_string(d.join("reports/2025-10/report.html")).expect("html");
    assert!(html.contains("지난 보고(2025-09, 2025-09-30 기준) 이후 변경: 2025-08 접수 3→2건, 2025-09 접수 5→6건, 늦은 등록 1건, 삭제 1건, 수정 2건(2개 항목) (변경 이력 시트 참조)."), "{html}");
    assert!(html.contains("2025-09 보고 조치 현황: 기한 초과 미결 3건 중 1건 완료, 통보 기한 초과 3건 중 0건 통보, 진행 중 시정조치 1건 중 0건 완료, 시정조치 없는 반복 문제 1건 중 1건 조치."), "{html}");

    // the Changes sheet, second, read back
    let mut wb: Xlsx<_> = open_workbook(d.join("reports/2025-10/complaint_report_2025-10.xlsx")).expect("workbook");
    assert_eq!(wb.sheet_names()[..3], ["요약", "변경 이력", "추이"]);
    let sheet = wb.worksheet_range("변경 이력").expect("sheet");
    let rows: Vec<String> = sheet
        .rows()
        .map(|r| {
            let cells = r.iter().map(|c| match c {
                Data::Float(f) => f.to_string(),
                Data::DateTime(d) => d.as_datetime().map(|x| x.date().to_string()).unwrap_or_default(),
                c => c.to_string(),
            });
            cells.collect::<Vec<_>>().join("|")
        })
        .collect();
    assert_eq!(
        rows[1].trim_end_matches('|'),
        "2025-09 보고(2025-09-30 기준, 불만 10건) 대비 · 일치 9건(접수번호 9, 내용 0)"
    );
    for line in [
        "재집계된 월 — 2개월 (지난 보고 값 → 현재 값)||||",
        "2025-08|접수|3|2|-1",
        "2025-09|기한 초과 미결|1|2|1",
        "추가된 불만 — 3건 (늦은 등록 1건)|||||",
        "수정된 항목 — 불만 2건, 2개 항목|||||",
        "C-06|2025-09-10|불량유형|이물|기능불량|접수번호",
        "C-02|2025-07-15|세진모터스|기능불량||77|미결 108일 경과(기한 초과)",
        "C-04|2025-08-20|2025-08-30|한빛정밀||31|완료 2025-10-06",
        "CAPA-01|2025-07-03|2025-08-31|미결 120일 경과(기한 초과)",
        "PT-150|기능불량|3|2025-09-28|시정조치 CAPA-02(진행 중)",
    ] {
        assert!(rows.iter().any(|r| r.trim_end_matches('|') == line.trim_end_matches('|')), "{line} in {rows:#?}");
    }
    // the figures never depend on the history: the same run without it
    // writes the same summary.json but for `changes`
    let o = run_in(d, &["report", "ledger.csv", "--no-history", "--out", "plain"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("History"), "--no-history says nothing: {}", stdout(&o));
    // and a run without history has no Changes sheet
    let plain: Xlsx<_> = open_workbook(d.join("plain/complaint_report_2025-10.xlsx")).expect("workbook");
    assert_eq!(plain.sheet_names()[..2], ["요약", "추이"]);
    let mut with = s.clone();
    with.as_object_mut().map(|m| m.remove("changes"));
    assert_eq!(summary(&d.join("plain/summary.json")), with);
    assert_eq!(
        std::fs::read(d.join("reports/history/period=2025-10/summary.json")).expect("snapshot"),
        std::fs::read(d.join("plain/summary.json")).expect("plain")
    );
}

#[test]
fn the_monthly_cycle_without_ids() {
    let dir = tempdir();
    let d = dir.path();
    let o = report(d, &SEPTEMBER, false, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = report(d, &october(), false, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = summary(&d.join("reports/2025-10/summary.json"));
    let september = SEPTEMBER.to_vec();
    let october = october();
    let reference = |then: bool, id: &str| at(if then { &september } else { &october }, id);
    // 9 complaints found again by their content: C-04 with its closed date
    // filled in, C-06 with its defect type changed (the only row alike)
    let want = expected(&reference, "content", 0, 9);
    for key in ["base", "matched", "restated", "added", "removed", "edited", "carried"] {
        assert_eq!(s["changes"][key], want[key], "changes.{key}");
    }
    assert_eq!(s["changes"], want);
}

#[test]
fn recording_is_idempotent_and_a_changed_ledger_replaces_its_period() {
    let dir = tempdir();
    let d = dir.path();
    assert!(report(d, &SEPTEMBER, true, &[]).status.success());
    let o = report(d, &october(), true, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let snapshot = d.join("reports/history/period=2025-10");
    let before: Vec<Vec<u8>> = ["complaints.parquet", "summary.json", "snapshot.json"]
        .iter()
        .map(|f| std::fs::read(snapshot.join(f)).expect("file"))
        .collect();
    let first = summary(&d.join("reports/2025-10/summary.json"));
    // the same ledger and flags (another language: no figure changes): nothing written
    let o = report(d, &october(), true, &["--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("History     2025-10 is already recorded in reports/history with the same ledgers and flags: nothing added; compared with 2025-09"),
        "{}",
        stdout(&o)
    );
    let after: Vec<Vec<u8>> = ["complaints.parquet", "summary.json", "snapshot.json"]
        .iter()
        .map(|f| std::fs::read(snapshot.join(f)).expect("file"))
        .collect();
    assert!(before == after, "an unchanged snapshot is not rewritten");
    let html = std::fs::read_to_string(d.join("reports/2025-10/report.html")).expect("html");
    assert!(html.contains("Since the last report (2025-09, as of 2025-09-30): 2025-08 received 3 → 2, 2025-09 received 5 → 6, late entries: 1, removed: 1, complaints edited: 2 (fields: 2) (see the Changes sheet)."), "{html}");
    assert!(html.contains("The 2025-09 report&#39;s to-do list now: 1 of 3 overdue complaints closed, 0 of 3 overdue replies sent, 0 of 1 open CAPAs completed, 1 of 1 recurring problems without CAPA got one."), "{html}");
    assert_eq!(summary(&d.join("reports/2025-10/summary.json"))["changes"], first["changes"]);
    // another complaint: the period's snapshot is replaced, and says so
    let mut more = october();
    more.push(["C-14", "2025-10-20", "대원산업", "GB-300", "포장불량", "테이프 들뜸", "", "", "", "", ""]);
    let o = report(d, &more, true, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "History     replaced the 2025-10 snapshot in reports/history: the ledgers changed since it was recorded"
        ),
        "{}",
        stdout(&o)
    );
    let meta = summary(&snapshot.join("snapshot.json"));
    assert_eq!(meta["complaints"], 13);
    // other flags, same ledger: the figures changed
    let o = report(d, &more, true, &["--target-days", "7"]);
    assert!(
        stdout(&o).contains(
            "replaced the 2025-10 snapshot in reports/history: the flags (same ledgers), so the figures changed"
        ),
        "{}",
        stdout(&o)
    );
    let s = summary(&d.join("reports/2025-10/summary.json"));
    assert_eq!(s["changes"]["base"]["params_changed"], json!(["notify_target_days", "target_days"]));
    let manifest = summary(&d.join("reports/history/complaints-history.json"));
    assert_eq!(manifest["format"], "complaints-history");
    let periods: Vec<&str> =
        manifest["snapshots"].as_array().expect("list").iter().filter_map(|s| s["period"].as_str()).collect();
    assert_eq!(periods, ["2025-09", "2025-10"]);
}

#[test]
fn where_the_history_goes() {
    let dir = tempdir();
    let d = dir.path();
    // a custom --out and no history: nothing recorded, said once
    let o = report(d, &SEPTEMBER, true, &["--out", "sep"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o).matches("--history").count(), 1, "{}", stdout(&o));
    assert!(stdout(&o).contains("History     not recorded: --out is not the default"), "{}", stdout(&o));
    assert!(!d.join("reports").exists());
    // named with --history (or in the config): recorded there
    let o = report(d, &SEPTEMBER, true, &["--out", "sep", "--history", "hist"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(d.join("hist/period=2025-09/complaints.parquet").is_file());
    std::fs::write(d.join("c.toml"), "[report]\nhistory = \"hist\"\nout = \"oct\"\n").expect("config");
    let o = report(d, &october(), true, &["--config", "c.toml"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(summary(&d.join("oct/summary.json"))["changes"]["base"]["period"], "2025-09");
    // --compare-to picks the base: the October snapshot just recorded
    let o = report(d, &october(), true, &["--config", "c.toml", "--compare-to", "2025-10", "--out", "again"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let again = summary(&d.join("again/summary.json"));
    assert_eq!(again["changes"]["base"]["period"], "2025-10");
    assert_eq!((again["changes"]["added"].clone(), again["changes"]["edited"].clone()), (json!([]), json!([])));
    // flags the history cannot serve stop the run before anything is written
    for (args, says) in [
        (
            &["--history", "hist", "--compare-to", "2025-07", "--out", "x"][..],
            "holds no report of that month (it holds 2025-09, 2025-10)",
        ),
        (&["--out", "x", "--compare-to", "2025-09"][..], "--compare-to needs a history"),
        (&["--history", "x/h", "--out", "x"][..], "inside one another"),
        (&["--compare-to", "2025-13"][..], "is not a month"),
    ] {
        let o = report(d, &october(), true, args);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert!(!d.join("x").exists(), "{args:?}");
    }
    // a history folder is never read as a ledger
    let o = run_in(d, &["check", "hist"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("history of complaint reports"), "{}", stderr(&o));
}

#[test]
fn a_foreign_or_damaged_history_never_costs_the_report() {
    let dir = tempdir();
    let d = dir.path();
    // a folder of other files is not taken over
    std::fs::create_dir_all(d.join("mine")).expect("dir");
    std::fs::write(d.join("mine/notes.txt"), "my notes").expect("file");
    let o = report(d, &SEPTEMBER, true, &["--out", "sep", "--history", "mine"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("cannot use the history 'mine': it holds 'notes.txt' but no complaints-history.json"),
        "{}",
        stderr(&o)
    );
    assert!(stdout(&o).contains("History     mine not used: the report was written without changes"), "{}", stdout(&o));
    assert!(d.join("sep/summary.json").is_file(), "the report is written");
    assert_eq!(std::fs::read_dir(d.join("mine")).expect("dir").count(), 1, "nothing added to it");
    // a damaged snapshot is named, and the report is still written
    assert!(report(d, &SEPTEMBER, true, &["--out", "sep", "--history", "h"]).status.success());
    std::fs::write(d.join("h/period=2025-09/complaints.parquet"), b"PAR1 not really").expect("damage");
    let o = report(d, &october(), true, &["--out", "oct", "--history", "h"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("period=2025-09/complaints.parquet"), "{}", stderr(&o));
    assert!(summary(&d.join("oct/summary.json")).get("changes").is_none());
    assert!(d.join("h/period=2025-10/snapshot.json").is_file(), "this month is still recorded");
    // a manifest that is not one
    std::fs::write(d.join("h/complaints-history.json"), "{}").expect("damage");
    let o = report(d, &october(), true, &["--out", "oct", "--history", "h"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("complaints-history.json': it is not a history manifest"), "{}", stderr(&o));
    assert!(d.join("oct/summary.json").is_file());
}

#[test]
fn redact_masks_the_customers_of_the_changes() {
    let dir = tempdir();
    let d = dir.path();
    assert!(report(d, &SEPTEMBER, true, &[]).status.success());
    let o = report(d, &october(), true, &["--redact"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = std::fs::read_to_string(d.join("reports/2025-10/summary.json")).expect("summary");
    for name in ["대원산업", "세진모터스", "한빛정밀", "동양정공"] {
        assert!(!text.contains(name), "{name} is masked");
    }
    // the history keeps what was read: next month compares like with like
    let snapshot = std::fs::read_to_string(d.join("reports/history/period=2025-10/summary.json")).expect("snapshot");
    assert!(snapshot.contains("대원산업"));
}
