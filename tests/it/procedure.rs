//! The rest of the procedure (docs/metrics.md §8–§11) at the binary level:
//! customer notification, corrective action (CAPA), cost and targets by
//! class on a hand-computed ledger, and the `not_recorded` rule.

use crate::common::*;
use serde_json::{json, Value};
use std::path::Path;

/// Seven complaints; the comments are the hand computation for period
/// 2024-05 (as of 2024-05-31, target 10, notify target 10, window 90, key
/// product + defect type, trend window of 3 months: 2024-03..2024-05).
const LEDGER: &str = "\
complaint_id,received_date,closed_date,product,defect_type,customer,severity,notified_date,reply_due_date,capa_id,capa_due_date,capa_closed_date,capa_verified_date,nonconforming,cost
N1,2024-05-02,2024-05-10,P1,이물,C1,A,2024-05-08,2024-05-07,CAPA-1,2024-05-20,2024-05-15,,Y,120만원
N2,2024-05-03,2024-05-20,P2,외관,C2,b,,,,,,,N,무상
N3,2024-05-06,,P1,이물,C1,B,2024-05-09,, capa-1 ,2024-05-25,,,○,\"₩350,000\"
N4,2024-05-25,,P3,치수,C3,,,,,,,,확인중,
N5,2024-05-10,2024-05-12,P2,외관,C2,A,2024-05-04,,,,,,,1억 2천만원
N6,2024-04-10,2024-04-15,P1,이물,C1,,2024-04-12,,CAPA-0,2024-04-30,2024-04-20,2024-04-25,예,1000000
N7,2024-03-05,,P3,치수,C3,,,,,,,,N,
";
// Notification (deadline = reply due date, else received + 10):
//   N1 due 05-07, notified 05-08: late, 6 days     N2 closed 05-20, no notified date: not
//   N3 deadline 05-16, notified 05-09: on time, 3     recorded (never overdue, not judged)
//   N4 deadline 06-04: not yet judged               N7 open, deadline 03-15, none: overdue 77 days
//   N5 notified 05-04 before receipt 05-10: notified, never judged (negative_notify)
//   N6 deadline 04-20, notified 04-12: on time, 2
// CAPA-0 (N6): verified 04-25; N1 (P1/이물, not linked to it) came 12 days after its
//   completion 04-20: ineffective by N1. CAPA-1 (N1, N3 as " capa-1 "): due 05-20 vs
//   05-25 (a conflict; the latest, 05-25, counts), completed 05-15, not verified.
// Cost: May 1,200,000 + 0 + 350,000 + 120,000,000 (N4 blank) = 121,550,000 over 4.

fn run(dir: &Path, extra: &[&str]) -> (Value, String) {
    std::fs::write(dir.join("ledger.csv"), LEDGER).expect("write");
    let mut args = vec!["report", "ledger.csv", "--out", "out", "--period", "2024-05", "--months", "3", "--lang", "en"];
    args.extend_from_slice(extra);
    let o = run_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("summary.json")).expect("json");
    (s, stderr(&o))
}

fn month<'a>(s: &'a Value, m: &str) -> &'a Value {
    s["trend"].as_array().and_then(|t| t.iter().find(|r| r["month"] == m)).unwrap_or(&Value::Null)
}

#[test]
fn notification_by_the_customers_date() {
    let dir = tempdir();
    let (s, _) = run(dir.path(), &[]);
    assert_eq!(s["notification"]["status"], "ok");
    let m = &s["month"];
    // notified N1, N3, N5; on time N3; none overdue (N2 is closed); judged N1, N3
    assert_eq!(
        [
            &m["notified"],
            &m["notified_on_time"],
            &m["notify_overdue"],
            &m["notify_on_time_rate"],
            &m["notify_days_median"]
        ],
        [&json!(3), &json!(1), &json!(0), &json!(0.5), &json!(3.0)]
    );
    assert_eq!(s["data_quality"]["closed_without_notify_date"], 1);
    let april = month(&s, "2024-04");
    assert_eq!((april["notified_on_time"].clone(), april["notify_on_time_rate"].clone()), (json!(1), json!(1.0)));
    let march = month(&s, "2024-03");
    assert_eq!((march["notify_overdue"].clone(), march["notify_days_median"].clone()), (json!(1), Value::Null));
    let overdue: Vec<(String, String, i64)> = s["notification"]["overdue"]
        .as_array()
        .expect("list")
        .iter()
        .map(|o| {
            (
                o["complaint_id"].as_str().unwrap_or("").to_string(),
                o["deadline"].as_str().unwrap_or("").to_string(),
                o["days_past_deadline"].as_i64().unwrap_or(-1),
            )
        })
        .collect();
    // only open complaints: N2, closed without a notified date, is not on the list
    assert_eq!(overdue, [("N7".into(), "2024-03-15".into(), 77)]);
    assert_eq!(s["data_quality"]["negative_notify"], 1);

    // business days: N7's deadline 03-05 + 10 business days = 03-19, 53
    // past; N1 took 4 business days, N3 3
    let (s, _) = run(dir.path(), &["--business-days"]);
    let overdue: Vec<(String, i64)> = s["notification"]["overdue"]
        .as_array()
        .expect("list")
        .iter()
        .map(|o| (o["deadline"].as_str().unwrap_or("").to_string(), o["days_past_deadline"].as_i64().unwrap_or(-1)))
        .collect();
    assert_eq!(overdue, [("2024-03-19".into(), 53)]);
    assert_eq!(s["month"]["notify_days_median"], json!(3.0));

    // as of 2024-06-05: N4's deadline 06-04 has passed (May: 1 overdue)
    let (s, _) = run(dir.path(), &["--as-of", "2024-06-05"]);
    assert_eq!(s["month"]["notify_overdue"], 1);

    // a notify target of its own: 3 days → N3 (deadline 05-09) still on time,
    // the open N4's deadline 05-28 has passed
    let (s, _) = run(dir.path(), &["--notify-target-days", "3"]);
    assert_eq!(s["params"]["notify_target_days"], 3);
    let n4 =
        s["notification"]["overdue"].as_array().and_then(|l| l.iter().find(|o| o["complaint_id"] == "N4").cloned());
    assert_eq!(n4.map(|o| o["deadline"].clone()), Some(json!("2024-05-28")));
    assert_eq!(s["month"]["notified_on_time"], 1);
    // the overdue list holds open complaints only
    let ids: Vec<&str> = s["notification"]["overdue"]
        .as_array()
        .map(|l| l.iter().filter_map(|o| o["complaint_id"].as_str()).collect())
        .unwrap_or_default();
    assert_eq!(ids, ["N7", "N4"]);
}

#[test]
fn corrective_actions_status_effectiveness_and_the_to_do_list() {
    let dir = tempdir();
    let (s, _) = run(dir.path(), &[]);
    let c = &s["capa"];
    assert_eq!(c["status"], "ok");
    assert_eq!(
        [&c["opened_in_window"], &c["open"], &c["overdue"], &c["closed_unverified"], &c["verified"], &c["ineffective"]],
        [&json!(2), &json!(0), &json!(0), &json!(1), &json!(1), &json!(1)]
    );
    assert_eq!(c["coverage"], json!(0.4286)); // N1, N3, N6 of 7
    let list = c["list"].as_array().expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0],
        json!({"capa_id": "CAPA-0", "opened": "2024-04-10", "due": "2024-04-30", "closed": "2024-04-20",
               "verified": "2024-04-25", "status": "verified", "overdue": false, "complaints": 1,
               "keys": [["P1", "이물"]], "ineffective_by": "N1"})
    );
    assert_eq!(
        (list[1]["capa_id"].clone(), list[1]["due"].clone(), list[1]["status"].clone(), list[1]["complaints"].clone()),
        (json!("CAPA-1"), json!("2024-05-25"), json!("closed"), json!(2))
    );
    assert_eq!(list[1]["ineffective_by"], Value::Null);
    // the to-do list: no problem has 3 complaints without a CAPA in the 90
    // days to 05-31; with a trigger of 2, P2/외관 (N2, N5) and P3/치수 (N7,
    // N4), the later last complaint first
    assert_eq!(c["recurring_without_capa"], json!([]));
    let (s2, _) = run(dir.path(), &["--capa-trigger", "2"]);
    assert_eq!(
        s2["capa"]["recurring_without_capa"],
        json!([{"key": ["P3", "치수"], "count": 2, "first": "2024-03-05", "last": "2024-05-25", "customers": 1},
               {"key": ["P2", "외관"], "count": 2, "first": "2024-05-03", "last": "2024-05-10", "customers": 1}])
    );
    assert_eq!(s2["params"]["capa_trigger"], 2);
    // out of range: refused with the range
    let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "out3", "--capa-trigger", "1"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("from 2 to 1000"), "{}", stderr(&o));
    assert_eq!(s["data_quality"]["capa_conflicts"], 1);
    assert_eq!(
        [&month(&s, "2024-03")["capa_coverage"], &month(&s, "2024-04")["capa_coverage"], &s["month"]["capa_coverage"]],
        [&json!(0.0), &json!(1.0), &json!(0.4)]
    );
    // as of 2024-05-14, CAPA-1 (completed 05-15) is still open, and with its
    // due date 05-25 not yet overdue
    let (s, _) = run(dir.path(), &["--as-of", "2024-05-14"]);
    let list = s["capa"]["list"].as_array().cloned().unwrap_or_default();
    assert_eq!((list[1]["status"].clone(), list[1]["overdue"].clone()), (json!("open"), json!(false)));
}

#[test]
fn cost_in_every_spelling_pareto_and_top_customers() {
    let dir = tempdir();
    let (s, _) = run(dir.path(), &["--currency", "KRW"]);
    let m = &s["month"];
    assert_eq!(
        [&m["cost_total"], &m["cost_count"], &m["cost_mean"]],
        [&json!(121_550_000.0), &json!(4), &json!(30_387_500.0)]
    );
    // March: no cost written — no total, not a 0 (docs/metrics.md §10)
    assert_eq!(
        (
            month(&s, "2024-03")["cost_total"].clone(),
            month(&s, "2024-03")["cost_count"].clone(),
            month(&s, "2024-03")["cost_mean"].clone()
        ),
        (Value::Null, json!(0), Value::Null)
    );
    let c = &s["cost"];
    assert_eq!((c["status"].clone(), c["currency"].clone()), (json!("ok"), json!("KRW")));
    assert_eq!(
        c["pareto_month"],
        json!([{"defect_type": "외관", "cost": 120_000_000.0, "cum_share": 0.9872, "vital_few": true},
               {"defect_type": "이물", "cost": 1_550_000.0, "cum_share": 1.0, "vital_few": false}])
    );
    assert_eq!(
        c["top_customers"],
        json!([{"customer": "C2", "cost": 120_000_000.0}, {"customer": "C1", "cost": 2_550_000.0}])
    );
}

#[test]
fn targets_by_class_and_the_nonconforming_scope() {
    let dir = tempdir();
    // all complaints judged: May N1 on time (8), N2 late (17), N3 overdue
    // (25), N4 within (6), N5 on time (2)
    let (s, warnings) = run(dir.path(), &[]);
    let m = &s["month"];
    assert_eq!(
        [&m["on_time"], &m["late"], &m["overdue"], &m["open_within_target"], &m["closed"]],
        [&json!(2), &json!(1), &json!(1), &json!(1), &json!(3)]
    );
    assert_eq!(s["params"]["target_scope"], "all");
    let _ = warnings;

    // nonconforming only: N1 (Y) on time, N3 (○) overdue; N4's "확인중" is
    // a warning and counts as no; closed and TTR statistics unchanged
    let (s, _) = run(dir.path(), &["--target-scope", "nonconforming"]);
    let m = &s["month"];
    assert_eq!(
        [&m["on_time"], &m["late"], &m["overdue"], &m["open_within_target"], &m["closed"], &m["on_time_rate"]],
        [&json!(1), &json!(0), &json!(1), &json!(0), &json!(3), &json!(0.5)]
    );
    assert_eq!(s["params"]["target_scope"], "nonconforming");
    assert_eq!(s["aging"]["21-30"], 1, "aging covers every open complaint");
    let check = check_json(dir.path(), &["ledger.csv"]);
    let warned = check["warnings"].as_array().cloned().unwrap_or_default();
    assert!(
        warned.iter().any(|w| w["field"] == "nonconforming" && w["text"] == "확인중"),
        "an unknown yes/no word is a warning: {warned:?}"
    );

    // per-class targets by severity: A 3 days, B 20 (case-folded), others 10
    std::fs::write(
        dir.path().join("targets.toml"),
        "[report.targets]\nfield = \"severity\"\ndays = { A = 3, B = 20 }\n",
    )
    .expect("write");
    let (s, _) = run(dir.path(), &["--config", "targets.toml"]);
    let m = &s["month"];
    // N1 (A) ttr 8 > 3 late; N2 (b) 17 ≤ 20 on time; N5 (A) 2 on time; N3 (B) age 25 > 20
    assert_eq!([&m["on_time"], &m["late"], &m["overdue"]], [&json!(2), &json!(1), &json!(1)]);
    let n3 = s["overdue"].as_array().and_then(|l| l.iter().find(|o| o["complaint_id"] == "N3").cloned());
    assert_eq!(n3.map(|o| o["days_past_target"].clone()), Some(json!(5)));
    assert_eq!(s["params"]["targets"], json!({"field": "severity", "days": {"a": 3, "b": 20}}));
    // a date field cannot class targets
    std::fs::write(dir.path().join("bad.toml"), "[report.targets]\nfield = \"closed_date\"\ndays = { A = 3 }\n")
        .expect("write");
    let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "out2", "--config", "bad.toml"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not a text field"), "{}", stderr(&o));
}

#[test]
fn sections_without_their_column_are_not_recorded() {
    let dir = tempdir();
    let ledger = "complaint_id,received_date,closed_date,product,defect_type\nA,2024-05-02,2024-05-05,P,이물\n";
    std::fs::write(dir.path().join("plain.csv"), ledger).expect("write");
    let o = run_in(dir.path(), &["report", "plain.csv", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    for section in ["notification", "capa", "cost"] {
        assert_eq!(s[section], json!({"status": "not_recorded"}), "{section}");
    }
    // no figure of theirs anywhere, not even a 0
    for key in ["notified", "notify_on_time_rate", "capa_coverage", "cost_total", "cost_count"] {
        assert!(s["month"].get(key).is_none(), "month.{key}");
        assert!(s["trend"][0].get(key).is_none(), "trend.{key}");
    }
    assert_eq!(
        (s["data_quality"]["negative_notify"].clone(), s["data_quality"]["capa_conflicts"].clone()),
        (json!(0), json!(0))
    );
}

#[test]
fn year_to_date_against_the_goal() {
    // docs/metrics.md §14: 1 January – 31 May 2024 holds all seven
    // complaints; the data start in March 2024, so last year's span (2023)
    // ends before them: null; the goal of 12 a year is 5.0 by May
    let dir = tempdir();
    std::fs::write(dir.path().join("goals.toml"), "[report.goals]\nreceived_per_year = 12\non_time_rate = 0.8\n")
        .expect("write");
    let (s, _) = run(dir.path(), &["--config", "goals.toml"]);
    let m = &s["month"];
    assert_eq!(
        [&m["ytd_received"], &m["ytd_received_last_year"], &m["ytd_change_pct"], &m["ytd_goal"]],
        [&json!(7), &Value::Null, &Value::Null, &json!(5.0)]
    );
    assert_eq!(s["params"]["on_time_goal"], json!(0.8));
    let headline =
        run_in(dir.path(), &["report", "ledger.csv", "--out", "out2", "--period", "2024-05", "--config", "goals.toml"]);
    let out = stdout(&headline);
    assert!(
        out.contains(
            "  Year            7   received since 1 January; same span last year –; goal 5 to date (12 a year)"
        ),
        "{out}"
    );
    // the Summary's KPI row: 7 against 5.0 is more than 10 % over: red
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("out2/complaint_report_2024-05.xlsx")).expect("xlsx");
    use calamine::Reader as _;
    let summary = wb.worksheet_range("Summary").expect("summary");
    let row =
        (0..summary.height()).find(|&r| summary[(r, 0)] == "Received this year to date").expect("the year-to-date row");
    assert_eq!(
        (summary[(row, 1)].to_string(), summary[(row, 4)].to_string(), summary[(row, 6)].to_string()),
        ("7".to_string(), "5".to_string(), "Alert".to_string())
    );
}

#[test]
fn the_main_issue_is_told_as_one_story() {
    // two 외관 complaints a month through 2024 (c-chart centre 2, UCL 6.2),
    // then 8 이물 in January 2025: 6 on CB-200, 5 from 현대, 3 carrying
    // CAPA-9 (due 02-15, owner 김철수 on those rows), one line stop (S-5)
    let mut ledger =
        String::from("complaint_id,received_date,product,defect_type,customer,owner,severity,capa_id,capa_due_date\n");
    for m in 1..=12 {
        for d in [3, 17] {
            ledger.push_str(&format!("H-{m:02}-{d},2024-{m:02}-{d:02},P1,외관,기아,이영희,중,,\n"));
        }
    }
    let spike = [
        ("S-1", "CB-200", "현대", "김철수", "중", "CAPA-9"),
        ("S-2", "CB-200", "현대", "김철수", "A", "capa-9"),
        ("S-3", "CB-200", "현대", "김철수", "중", "CAPA-9"),
        ("S-4", "CB-200", "현대", "박민수", "하", ""),
        ("S-5", "CB-200", "기아", "박민수", "라인 정지", ""),
        ("S-6", "CB-200", "GM", "박민수", "중", ""),
        ("S-7", "GB-300", "현대", "박민수", "중", ""),
        ("S-8", "GB-300", "르노", "박민수", "", ""),
    ];
    for (i, (id, p, c, o, s, capa)) in spike.iter().enumerate() {
        let due = if capa.is_empty() { "" } else { "2025-02-15" };
        ledger.push_str(&format!("{id},2025-01-{:02},{p},이물,{c},{o},{s},{capa},{due}\n", 6 + i));
    }
    let dir = tempdir();
    std::fs::write(dir.path().join("story.csv"), ledger).expect("write");
    let story = |lang: &str| -> String {
        let out = format!("out-{lang}");
        let o = run_in(dir.path(), &["report", "story.csv", "--out", &out, "--lang", lang]);
        assert!(o.status.success(), "{}", stderr(&o));
        let html = std::fs::read_to_string(dir.path().join(&out).join("report.html")).expect("html");
        let at = html.find("이물").expect("the 이물 finding");
        let end = at + html[at..].find("</li>").expect("end of the finding");
        html[at..end].replace("&amp;", "&")
    };
    assert_eq!(
        story("ko"),
        "이물 8건 (관리상한 0.0, 관리상한 초과, 신규 유형) — 6건이 CB-200, 고객 현대. 시정조치 CAPA-9 진행 중 (기한 2025-02-15, 담당 김철수). 라인 정지 1건: S-5."
    );
    assert_eq!(
        story("en"),
        "이물: 8 complaints against a control limit of 0.0 (above UCL, new type) — 6 of them on CB-200, customer 현대. Corrective action CAPA-9: open (due 2025-02-15, owner 김철수). 라인 정지: 1 (S-5)."
    );
    // every figure of it stands on a sheet: the CAPA with its due date on the
    // Corrective action sheet, the line stop among the Data sheet's rows
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out-en/summary.json")).expect("summary")).expect("json");
    let capa = &s["capa"]["list"][0];
    assert_eq!(
        (capa["capa_id"].clone(), capa["due"].clone(), capa["status"].clone()),
        (json!("CAPA-9"), json!("2025-02-15"), json!("open"))
    );
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("out-en/complaint_report_2025-01.xlsx")).expect("xlsx");
    use calamine::Reader as _;
    let data = wb.worksheet_range("Data").expect("data sheet");
    let line_stop = data.rows().find(|r| r.iter().any(|c| c == "S-5")).expect("S-5 on the Data sheet");
    assert!(line_stop.iter().any(|c| c == "라인 정지") && line_stop.iter().any(|c| c == "기아"), "{line_stop:?}");
    let by_product: u64 = s["breakdowns"]["product"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["value"] == "CB-200"))
        .and_then(|r| r["months"].as_array().and_then(|m| m.last()).and_then(Value::as_u64))
        .unwrap_or(0);
    assert_eq!(by_product, 6, "CB-200's January count on the Trend sheet's breakdown");
}

/// A claim ledger with quantities, responsibility and cost, and shipments
/// by month × customer × part (docs/metrics.md §12–§14), period 2024-03.
const CLAIMS: &str = "\
접수번호,접수일,품번,불량유형,고객사,불량수량,귀책,비용
Q1,2023-03-10,P-1,이물,현대,10,자사,100000
Q2,2024-01-15,P-1,이물,현대,\"1,200 EA\",자사,
Q3,2024-02-29,P-2,외관,기아,35개,협력사,50000
Q4,2024-03-05,P-1,이물,현대,5,자사,무상
Q5,2024-03-06,P-2,외관,GM,3,물류,
Q6,2024-03-07,P-1,외관,현대,,자사,
Q7,2024-03-08,P-3,이물,기아,다수,,200000
";
const SHIPMENTS: &str = "\
month,customer,product,units
2024-01,현대,P-1,100000
2024-02,기아,P-2,50000
2024-03,현대,P-1,200000
2024-03,기아,P-2,60000
2024-03,기아,P-2,40000
2024-03,기아,P-3,100000
";

#[test]
fn ppm_responsibility_and_the_year_against_the_goals() {
    let dir = tempdir();
    std::fs::write(dir.path().join("claims.csv"), CLAIMS).expect("write");
    std::fs::write(dir.path().join("shipments.csv"), SHIPMENTS).expect("write");
    std::fs::write(dir.path().join("goals.toml"), "[report.goals]\nreceived_per_year = 24\nppm = 100\n")
        .expect("write");
    let args = ["report", "claims.csv", "--shipments", "shipments.csv", "--config", "goals.toml", "--out", "out"];
    let o = run_in(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    let p = &s["ppm"];
    assert_eq!(p["status"], "ok");
    // Q2 1,200 EA / 100,000 in January; Q3 35개 / 50,000 on 29 February;
    // March: Q4 5 + Q5 3 (Q6 blank, Q7 "다수" unreadable: unknown) / 400,000
    let months: Vec<(Value, Value)> =
        s["trend"].as_array().expect("trend").iter().skip(9).map(|t| (t["month"].clone(), t["ppm"].clone())).collect();
    assert_eq!(
        months,
        [(json!("2024-01"), json!(12000.0)), (json!("2024-02"), json!(700.0)), (json!("2024-03"), json!(20.0))]
    );
    // the window: 1,243 / 550,000 = 2,260 PPM; two quantities unknown
    assert_eq!(
        (p["month"].clone(), p["window"].clone(), p["qty_unknown"].clone()),
        (json!(20.0), json!(2260.0), json!(2))
    );
    let customers: Vec<(Value, Value, Value, Value, Value)> = p["by_customer"]
        .as_array()
        .expect("by_customer")
        .iter()
        .map(|c| {
            (
                c["customer"].clone(),
                c["ppm_month"].clone(),
                c["defect_qty_window"].clone(),
                c["units_window"].clone(),
                c["ppm_window"].clone(),
            )
        })
        .collect();
    assert_eq!(
        customers,
        [
            // 현대: March 5 / 200,000; the window 1,205 / 300,000
            (json!("현대"), json!(25.0), json!(1205.0), json!(300000.0), json!(4016.67)),
            // 기아: March nothing known / 200,000 (two rows of P-2 summed); the window 35 / 250,000
            (json!("기아"), json!(0.0), json!(35.0), json!(250000.0), json!(140.0)),
            // GM complained without any shipment: shown, PPM null
            (json!("GM"), Value::Null, json!(3.0), json!(0.0), Value::Null),
        ]
    );
    let products: Vec<(Value, Value)> = p["by_product"]
        .as_array()
        .expect("by_product")
        .iter()
        .map(|x| (x["product"].clone(), x["ppm_window"].clone()))
        .collect();
    assert_eq!(products, [(json!("P-1"), json!(4016.67)), (json!("P-2"), json!(253.33)), (json!("P-3"), json!(0.0))]);
    // §13: the window's responsibility breakdown, and cost by responsibility
    let resp: Vec<(Value, Value)> = s["breakdowns"]["responsibility"]
        .as_array()
        .expect("responsibility breakdown")
        .iter()
        .map(|b| (b["value"].clone(), b["total"].clone()))
        .collect();
    assert_eq!(
        resp,
        [
            (json!("자사"), json!(3)),
            (json!("(blank)"), json!(1)),
            (json!("물류"), json!(1)),
            (json!("협력사"), json!(1))
        ]
    );
    assert_eq!(
        s["cost"]["by_responsibility"],
        json!([{"responsibility": "(blank)", "cost": 200000.0, "count": 1},
               {"responsibility": "협력사", "cost": 50000.0, "count": 1},
               {"responsibility": "자사", "cost": 0.0, "count": 1}])
    );
    // §14: 1 January – 31 March 2024 (29 February included) against 2023's span (Q1)
    let m = &s["month"];
    assert_eq!(
        [&m["ytd_received"], &m["ytd_received_last_year"], &m["ytd_change_pct"], &m["ytd_goal"]],
        [&json!(6), &json!(1), &json!(500.0), &json!(6.0)]
    );
    // the quantity "다수" is a warning with its row
    let check = check_json(dir.path(), &["claims.csv"]);
    let warned = check["warnings"].as_array().cloned().unwrap_or_default();
    assert!(warned.iter().any(|w| w["field"] == "defect_qty" && w["text"] == "다수"), "{warned:?}");
    // told: the month's PPM within its goal, the customer without shipments, 자사 holding half the month
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).expect("html");
    for sentence in [
        "당월 불량 PPM 20.0, 목표 100 이내 — 최고 현대 4016.7 PPM (최근 12개월).",
        "출하 실적 없는 GM의 불량 3개 — 출하 파일 누락 여부 확인 필요 (1).",
        "당월 불만 50.0 %가 자사 귀책 (4건 중 2건).",
    ] {
        assert!(html.contains(sentence), "{sentence} in the findings");
    }
    assert!(stdout(&o).contains("  PPM          20.0   defective parts per million shipped this month (trend window 2260.0); worst customer 현대 4016.7; goal 100"), "{}", stdout(&o));
    // the PPM sheet: the month's row and the customers worst first; the chart images
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(dir.path().join("out/complaint_report_2024-03.xlsx")).expect("xlsx");
    use calamine::Reader as _;
    assert!(wb.sheet_names().contains(&"PPM".to_string()));
    let sheet = wb.worksheet_range("PPM").expect("ppm sheet");
    let march = sheet.rows().find(|r| r.first().is_some_and(|c| c == "2024-03")).expect("March row");
    assert_eq!(
        (march[1].to_string(), march[2].to_string(), march[3].to_string()),
        ("8".into(), "400000".into(), "20".into())
    );
    let gm = sheet.rows().find(|r| r.first().is_some_and(|c| c == "GM")).expect("GM row");
    assert_eq!((gm[6].to_string(), gm[7].to_string()), (String::new(), "출하 실적 없음".to_string()));
    assert!(dir.path().join("out/charts/ppm.png").is_file() && dir.path().join("out/charts/ppm.svg").is_file());
}

/// `--redact` masks the customers wherever the report shows them, the PPM
/// figures by customer included (summary.json, every part of the workbook
/// — cells and the native charts' caches —, the page and the chart images).
#[test]
fn redact_masks_the_customers_of_every_output() {
    let dir = tempdir();
    std::fs::write(dir.path().join("claims.csv"), CLAIMS).expect("write");
    std::fs::write(dir.path().join("shipments.csv"), SHIPMENTS).expect("write");
    let args = ["report", "claims.csv", "--shipments", "shipments.csv", "--redact", "--out", "out"];
    let o = run_in(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut stack = vec![dir.path().join("out")];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("out").flatten() {
            let p = e.path();
            let name = p.display().to_string();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xlsx") {
                let mut zip = zip::ZipArchive::new(std::fs::File::open(&p).expect("xlsx")).expect("zip");
                for i in 0..zip.len() {
                    let mut part = zip.by_index(i).expect("part");
                    let mut text = String::new();
                    let part_name = format!("{name}:{}", part.name().unwrap_or_default());
                    if std::io::Read::read_to_string(&mut part, &mut text).is_ok() {
                        texts.push((part_name, text));
                    }
                }
            } else if let Ok(text) = std::fs::read_to_string(&p) {
                texts.push((name, text));
            }
        }
    }
    assert!(texts.iter().any(|(n, _)| n.ends_with("summary.json")) && texts.iter().any(|(n, _)| n.contains("chart")));
    let ppm: Value =
        serde_json::from_str(&texts.iter().find(|(n, _)| n.ends_with("summary.json")).expect("json").1).expect("json");
    assert_eq!(ppm["ppm"]["by_customer"].as_array().map(Vec::len), Some(3), "the PPM by customer is there, masked");
    for (name, text) in &texts {
        for customer in ["현대", "기아"] {
            assert!(!text.contains(customer), "{name} shows the customer {customer}");
        }
    }
}

/// A ledger that begins in the reporting month has no last month: the
/// headline says "–", not a count of 0 (the figure is unknown, not zero).
#[test]
fn no_last_month_before_the_ledgers_begin() {
    let dir = tempdir();
    std::fs::write(dir.path().join("one.csv"), "접수일자,고객\n2024-01-03,a\n2024-01-09,b\n").expect("write");
    let o = run_in(dir.path(), &["report", "one.csv", "--out", "out"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let printed = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(printed.contains("last month –"), "{printed}");
    // and where the ledgers do cover last month, its count stands, 0 included
    std::fs::write(dir.path().join("two.csv"), "접수일자,고객\n2023-11-03,a\n2024-01-09,b\n").expect("write");
    let o = run_in(dir.path(), &["report", "two.csv", "--out", "out2"]);
    let printed = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(&o));
    assert!(printed.contains("last month 0"), "{printed}");
}
