//! `complaints report` → summary.json: exact figures on a hand-computed
//! fixture (every edge case of docs/metrics.md at the binary level), on the real
//! Texas insurance ledger against an independent computation, and the
//! schema of docs/metrics.md §7.

use crate::common::*;
use serde_json::{json, Value};
use std::path::Path;

/// Eight complaints; the comments are the hand computation for period
/// 2024-05 (as of 2024-05-31, target 10, window 90, key product+defect).
const LEDGER: &str = "\
id,received,closed,status,product,defect,customer
A1,2024-03-05,2024-03-08,,P1,이물,C1
A2,2024-04-10,2024-04-25,,P1,이물,C2
A3,2024-05-02,2024-05-12,,P1,이물,C1
A4,2024-05-03,,완료,P2,외관,C3
A5,2024-05-06,2024-05-04,,P2,외관,C3
A6,2024-05-20,2024-06-02,,P3,치수,C1
A7,2024-05-25,,,P3,,C2
A8,2024-06-01,,,P1,이물,C1
";
// A3 ttr 10 = on time; repeat of A2 (22 d) and 7 d after A2 closed
// A4 closed by status without a date; A5 closed before receipt (negative TTR), repeat of A4
// A6 closed after as_of → open, age 11 → overdue; A7 open age 6, blank defect (never a repeat)
// A8 received after as_of → ignored by every metric
// Kaplan–Meier over A3 (closed after 10 d), A6 (open, 11 d) and A7 (open,
// 6 d), A4 and A5 left out: S(10) = 1 − 1/2 = 0.5 exactly, no later closure
// → median 10; S never reaches 0.1 → P90 at least the nearest-rank P90 of
// 6, 10, 11 = 11

fn report(dir: &Path, extra: &[&str]) -> Value {
    std::fs::write(dir.join("ledger.csv"), LEDGER).expect("write");
    std::fs::write(dir.join("map.toml"), "[columns]\ncomplaint_id = \"id\"\nreceived_date = \"received\"\nclosed_date = \"closed\"\ndefect_type = \"defect\"\n")
        .expect("write");
    let mut args = vec!["report", "ledger.csv", "--config", "map.toml", "--out", "out"];
    args.extend_from_slice(extra);
    let o = run_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("summary.json")).expect("json")
}

/// Reports May 2024 (in English) from `ledger`, mapped without a closed-date
/// column: the run's output and its summary.json.
fn report_without_closed_dates(dir: &Path, ledger: &str) -> (std::process::Output, Value) {
    std::fs::write(dir.join("ledger.csv"), ledger).expect("write");
    std::fs::write(
        dir.join("map.toml"),
        "[columns]\ncomplaint_id = \"id\"\nreceived_date = \"received\"\ndefect_type = \"defect\"\n",
    )
    .expect("write");
    let args = ["report", "ledger.csv", "--config", "map.toml", "--out", "out", "--period", "2024-05", "--lang", "en"];
    let o = run_in(dir, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let s = serde_json::from_slice(&std::fs::read(dir.join("out/summary.json")).expect("read")).expect("json");
    (o, s)
}

#[test]
fn hand_computed_month_with_every_edge_case() {
    let dir = tempdir();
    let s = report(dir.path(), &["--period", "2024-05"]);
    assert_eq!((s["period"].clone(), s["as_of"].clone()), (json!("2024-05"), json!("2024-05-31")));
    assert_eq!(
        s["month"],
        json!({"received": 5, "closed": 3, "on_time": 1, "late": 0, "overdue": 1, "open_within_target": 1,
               "on_time_rate": 0.5, "ttr_median": 10.0, "ttr_median_at_least": null, "ttr_mean": 10.0,
               "ttr_p90": null, "ttr_p90_at_least": 11.0, "ttr_max": 10,
               "repeats": 2, "repeat_rate": 0.4, "recurrences_after_closure": 1, "recurrence_after_closure_rate": 0.2,
               // §14: A1–A7 fall in 2024-01-01 … 2024-05-31; no 2023 data → last year unknown
               "ytd_received": 7, "ytd_received_last_year": null, "ytd_change_pct": null, "ytd_goal": null})
    );
    let trend = s["trend"].as_array().cloned().unwrap_or_default();
    assert_eq!(trend.len(), 12);
    assert_eq!(trend[0]["month"], "2023-06");
    // before the first month with data: zero, no change, no rolling mean
    assert_eq!(
        (trend[0]["received"].clone(), trend[0]["mom_change"].clone(), trend[0]["rolling3"].clone()),
        (json!(0), json!(null), json!(null))
    );
    let mar = &trend[9];
    assert_eq!(
        (mar["month"].clone(), mar["received"].clone(), mar["mom_change"].clone(), mar["rolling3"].clone()),
        (json!("2024-03"), json!(1), json!(null), json!(1.0))
    );
    let apr = &trend[10];
    assert_eq!(
        (apr["mom_change"].clone(), apr["mom_pct"].clone(), apr["on_time_rate"].clone()),
        (json!(0), json!(0.0), json!(0.0))
    );
    let may = &trend[11];
    assert_eq!(
        (may["mom_change"].clone(), may["mom_pct"].clone(), may["yoy_count"].clone(), may["rolling3"].clone()),
        (json!(4), json!(400.0), json!(null), json!(2.3333))
    );

    let pareto: Vec<(String, u64, f64, bool)> = s["pareto_month"]
        .as_array()
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    (
                        r["defect_type"].as_str().unwrap_or("").to_string(),
                        r["count"].as_u64().unwrap_or(0),
                        r["cum_share"].as_f64().unwrap_or(0.0),
                        r["vital_few"].as_bool().unwrap_or(false),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        pareto,
        vec![
            ("외관".into(), 2, 0.4, true),
            ("(blank)".into(), 1, 0.6, true),
            ("이물".into(), 1, 0.8, true),
            ("치수".into(), 1, 1.0, false)
        ]
    );
    assert_eq!(s["aging"], json!({"0-5": 0, "6-10": 1, "11-20": 1, "21-30": 0, "31-60": 0, ">60": 0}));
    assert_eq!(s["overdue"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        (
            s["overdue"][0]["complaint_id"].clone(),
            s["overdue"][0]["age_days"].clone(),
            s["overdue"][0]["days_past_target"].clone()
        ),
        (json!("A6"), json!(11), json!(1))
    );
    assert_eq!(s["control_chart"]["status"], "insufficient_history");
    let q = &s["data_quality"];
    assert_eq!(
        (
            q["negative_ttr"].clone(),
            q["closed_without_date"].clone(),
            q["after_as_of"].clone(),
            q["complaints"].clone()
        ),
        (json!(1), json!(1), json!(1), json!(8))
    );
    // recurring keys over the window: P1|이물 (A1, A2, A3) and P2|외관 (A4, A5)
    let keys: Vec<(Value, Value, Value, Value)> = s["recurring_keys"]
        .as_array()
        .map(|k| {
            k.iter()
                .map(|k| {
                    (k["key"].clone(), k["count"].clone(), k["repeats"].clone(), k["recurrences_after_closure"].clone())
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        keys,
        vec![
            (json!(["P1", "이물"]), json!(3), json!(2), json!(2)),
            (json!(["P2", "외관"]), json!(2), json!(1), json!(0))
        ]
    );
}

#[test]
fn business_days_with_a_holiday_file() {
    let dir = tempdir();
    std::fs::write(dir.path().join("holidays.txt"), "# 대체공휴일\n2024-05-06 어린이날 대체공휴일\n").expect("write");
    let s = report(dir.path(), &["--period", "2024-05", "--business-days", "--holidays", "holidays.txt"]);
    // A3 Thu 05-02 → Sun 05-12: 6 weekdays less the holiday = 5; A6 Mon 05-20 → 05-31: 9 weekdays, not overdue
    // Kaplan–Meier: A3 closed after 5, A6 and A7 (Sat 05-25: 5 weekdays) open:
    // S(5) = 2/3, the median not reached, at least the median of 5, 5, 9
    let m = &s["month"];
    assert_eq!(
        (
            m["on_time"].clone(),
            m["overdue"].clone(),
            m["open_within_target"].clone(),
            m["on_time_rate"].clone(),
            m["ttr_max"].clone(),
            m["ttr_median"].clone(),
            m["ttr_median_at_least"].clone()
        ),
        (json!(1), json!(0), json!(2), json!(1.0), json!(5), json!(null), json!(5.0))
    );
    assert_eq!(s["aging"], json!({"0-5": 1, "6-10": 1, "11-20": 0, "21-30": 0, "31-60": 0, ">60": 0}));
    assert_eq!(s["params"]["business_days"], true);
    assert_eq!(s["overdue"], json!([]));
}

#[test]
fn a_holiday_file_with_a_bom_implies_business_days_and_adds_to_the_configs() {
    // issue 16 items 1–3: a BOM is fine; --holidays alone counts business
    // days (with a note); the config's holidays and the file's are combined
    let dir = tempdir();
    std::fs::write(dir.path().join("holidays.txt"), "\u{feff}2024-05-06 어린이날 대체공휴일\n").expect("write");
    let explicit = report(dir.path(), &["--period", "2024-05", "--business-days", "--holidays", "holidays.txt"]);
    let implied = report(dir.path(), &["--period", "2024-05", "--holidays", "holidays.txt"]);
    assert_eq!(implied["month"], explicit["month"]);
    assert_eq!(
        (implied["params"]["business_days"].clone(), implied["month"]["ttr_max"].clone()),
        (json!(true), json!(5))
    );
    let o = run_in(
        dir.path(),
        &[
            "report",
            "ledger.csv",
            "--config",
            "map.toml",
            "--out",
            "out",
            "--period",
            "2024-05",
            "--holidays",
            "holidays.txt",
        ],
    );
    assert!(stderr(&o).contains("--holidays implies --business-days"), "{}", stderr(&o));

    // 2024-05-06 in the config, 2024-05-07 in the file: A3 (Thu 05-02 → Sun
    // 05-12) has 6 weekdays less both holidays = 4 business days
    let map = std::fs::read_to_string(dir.path().join("map.toml")).expect("map");
    std::fs::write(dir.path().join("both.toml"), format!("{map}\n[report]\nholidays = [\"2024-05-06\"]\n"))
        .expect("write");
    std::fs::write(dir.path().join("more.txt"), "2024-05-07\n").expect("write");
    let args = [
        "report",
        "ledger.csv",
        "--config",
        "both.toml",
        "--out",
        "out2",
        "--period",
        "2024-05",
        "--holidays",
        "more.txt",
    ];
    let o = run_in(dir.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out2/summary.json")).expect("summary")).expect("json");
    assert_eq!(s["month"]["ttr_max"], json!(4));
}

#[test]
fn recurrence_key_and_window_flags() {
    let dir = tempdir();
    let s = report(dir.path(), &["--period", "2024-05", "--recurrence-key", "customer"]);
    assert_eq!((s["month"]["repeats"].clone(), s["month"]["recurrences_after_closure"].clone()), (json!(4), json!(3)));
    assert_eq!(s["params"]["recurrence_key"], json!(["customer"]));
    let s = report(dir.path(), &["--period", "2024-05", "--recurrence-window", "20"]);
    assert_eq!((s["month"]["repeats"].clone(), s["month"]["recurrences_after_closure"].clone()), (json!(1), json!(1)));
}

#[test]
fn as_of_later_than_the_period() {
    let dir = tempdir();
    let s = report(dir.path(), &["--period", "2024-05", "--as-of", "2024-06-10"]);
    let m = &s["month"];
    assert_eq!(
        [
            &m["closed"],
            &m["on_time"],
            &m["late"],
            &m["overdue"],
            &m["open_within_target"],
            &m["on_time_rate"],
            &m["ttr_median"],
            &m["ttr_p90"],
            &m["ttr_p90_at_least"]
        ],
        // Kaplan–Meier: A3 closed after 10, A6 after 13, A7 open 16 days:
        // S(10) = 2/3, S(13) = 1/3 → median 13; P90 at least 16
        [
            &json!(4),
            &json!(1),
            &json!(1),
            &json!(1),
            &json!(0),
            &json!(0.3333),
            &json!(13.0),
            &json!(null),
            &json!(16.0)
        ]
    );
    // A8 (received 06-01) is open as of 06-10: in aging, not in the month
    assert_eq!(s["aging"], json!({"0-5": 0, "6-10": 1, "11-20": 1, "21-30": 0, "31-60": 0, ">60": 0}));
    assert_eq!(s["data_quality"]["after_as_of"], 0);
    // --as-of alone picks its month as the period
    let s = report(dir.path(), &["--as-of", "2024-04-30"]);
    assert_eq!((s["period"].clone(), s["month"]["received"].clone()), (json!("2024-04"), json!(1)));
}

#[test]
fn same_inputs_give_identical_bytes() {
    let dir = tempdir();
    report(dir.path(), &[]);
    let first = std::fs::read(dir.path().join("out/summary.json")).expect("read");
    report(dir.path(), &[]);
    assert_eq!(first, std::fs::read(dir.path().join("out/summary.json")).expect("read"));
    // default period: the month of the latest received date
    let s: Value = serde_json::from_slice(&first).expect("json");
    assert_eq!((s["period"].clone(), s["as_of"].clone()), (json!("2024-06"), json!("2024-06-30")));
}

#[test]
fn no_wall_clock_in_the_engine() {
    // Figures must not depend on the day of the run (docs/metrics.md).
    let src = repo().join("src");
    let mut stack = vec![src];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("read");
                for needle in ["Local::now", "Utc::now", "SystemTime::now", "today()"] {
                    assert!(!text.contains(needle), "{} uses {needle}", path.display());
                }
            }
        }
    }
}

#[test]
fn summary_has_every_key_of_the_metrics_schema() {
    // the example of docs/metrics.md, and the contract's schema when it is beside the checkout
    let mut schemas = Vec::new();
    for (path, required) in [(repo().join("docs/metrics.md"), true), (repo().join("../shared/METRICS.md"), false)] {
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert!(!required, "{} is missing", path.display());
            skipped(&format!("{} is absent — its schema is not checked", path.display()));
            continue;
        };
        let start = text.find("```json").expect("schema block") + "```json".len();
        let end = start + text[start..].find("```").expect("end of block");
        schemas.push(serde_json::from_str::<Value>(&text[start..end]).expect("the schema example is JSON"));
    }
    let dir = tempdir();
    // the sample as `complaints report` reads it: with its config (shipments,
    // goals), like the example of docs/metrics.md §7
    let sample = repo().join("data/sample");
    let config = sample.join(complaints::sample::SAMPLE_CONFIG);
    let o = run_in(
        dir.path(),
        &["report", sample.to_str().unwrap_or(""), "--config", config.to_str().unwrap_or(""), "--out", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let ours: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    fn keys_present(schema: &Value, ours: &Value, path: &str) {
        match (schema, ours) {
            (Value::Object(s), Value::Object(o)) => {
                for (k, v) in s {
                    // data_quality.rejected_by_reason's keys are the reason codes present
                    let child = o.get(k).unwrap_or_else(|| panic!("summary.json lacks {path}.{k}"));
                    if k != "rejected_by_reason" {
                        keys_present(v, child, &format!("{path}.{k}"));
                    }
                }
            }
            (Value::Array(s), Value::Array(o)) => {
                if let (Some(s0), Some(o0)) = (s.first(), o.first()) {
                    keys_present(s0, o0, &format!("{path}[]"));
                }
            }
            (Value::Array(_), other) => panic!("{path} should be an array, is {other}"),
            _ => {}
        }
    }
    for schema in &schemas {
        keys_present(schema, &ours, "");
    }
    // and the other way: every key summary.json writes is documented
    let docs = std::fs::read_to_string(repo().join("docs/metrics.md")).expect("docs/metrics.md");
    let mut undocumented = std::collections::BTreeSet::new();
    keys_documented(&ours, &docs, "", &mut undocumented);
    assert!(undocumented.is_empty(), "summary.json keys not in docs/metrics.md: {undocumented:?}");
}

/// Object keys whose children are named by the data (reason codes, field
/// names, customer names), not by the schema.
const DATA_KEYED: [&str; 2] = ["rejected_by_reason", "by_field"];

/// Collects the keys of `ours` (recursively) that docs/metrics.md never
/// names, as `key` or "key".
fn keys_documented(ours: &Value, docs: &str, path: &str, undocumented: &mut std::collections::BTreeSet<String>) {
    match ours {
        Value::Object(o) => {
            for (k, v) in o {
                // as `key`, "key", `parent.key`, or inside a `{a, key, b}` list of fields
                let forms =
                    [format!("`{k}`"), format!("\"{k}\""), format!(".{k}`"), format!(" {k},"), format!(" {k}}}")];
                if !forms.iter().any(|f| docs.contains(f.as_str())) {
                    undocumented.insert(format!("{path}.{k}"));
                }
                if !DATA_KEYED.contains(&k.as_str()) {
                    keys_documented(v, docs, &format!("{path}.{k}"), undocumented);
                }
            }
        }
        Value::Array(a) => {
            for v in a.iter().take(50) {
                keys_documented(v, docs, &format!("{path}[]"), undocumented);
            }
        }
        _ => {}
    }
}

/// Figures for the Texas insurance ledger computed independently by
/// tests/independent/tdi_figures.py (standard-library Python written from
/// docs/metrics.md alone; run it with the CSV path to reproduce these numbers).
#[test]
fn texas_insurance_ledger_matches_an_independent_computation() {
    let Some(real) = realdata() else { return };
    let dir = tempdir();
    let csv = real.join("tdi_texas_insurance_complaints_state_farm_2012_2025.csv");
    let config = repo().join("data/mappings/tdi_texas_insurance.toml");
    let o = run_in(
        dir.path(),
        &["report", csv.to_str().unwrap_or(""), "--config", config.to_str().unwrap_or(""), "--out", "out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    assert_eq!(
        (s["period"].clone(), s["as_of"].clone(), s["data_quality"]["complaints"].clone()),
        (json!("2025-07"), json!("2025-07-31"), json!(11165))
    );
    assert_eq!(
        s["month"],
        json!({"received": 29, "closed": 10, "on_time": 1, "late": 9, "overdue": 17, "open_within_target": 2,
               "on_time_rate": 0.037, "ttr_median": 21.0, "ttr_median_at_least": null, "ttr_mean": 16.6,
               "ttr_p90": null, "ttr_p90_at_least": 23.0, "ttr_max": 21,
               "repeats": 21, "repeat_rate": 0.7241, "recurrences_after_closure": 26, "recurrence_after_closure_rate": 0.8966,
               "ytd_received": 776, "ytd_received_last_year": 1211, "ytd_change_pct": -35.92, "ytd_goal": null})
    );
    // (month, received, mom_change, mom_pct, yoy_count, yoy_pct, rolling3, on_time_rate, ttr_median, repeats)
    let expected = [
        ("2024-08", 209, -10, -4.57, 140, 49.29, 197.6667, 0.0096, 90.0, 183),
        ("2024-09", 163, -46, -22.01, 139, 17.27, 197.0, 0.0, 126.0, 149),
        ("2024-10", 161, -2, -1.23, 124, 29.84, 177.6667, 0.0, 132.0, 137),
        ("2024-11", 120, -41, -25.47, 137, -12.41, 148.0, 0.0083, 139.0, 108),
        ("2024-12", 133, 13, 10.83, 158, -15.82, 138.0, 0.0226, 116.0, 107),
        ("2025-01", 147, 14, 10.53, 152, -3.29, 133.3333, 0.0, 114.0, 124),
        ("2025-02", 113, -34, -23.13, 178, -36.52, 131.0, 0.0177, 99.0, 100),
        ("2025-03", 141, 28, 24.78, 167, -15.57, 133.6667, 0.0071, 84.0, 120),
        ("2025-04", 164, 23, 16.31, 185, -11.35, 139.3333, 0.0061, 78.0, 143),
        ("2025-05", 128, -36, -21.95, 145, -11.72, 144.3333, 0.0078, 69.0, 114),
        ("2025-06", 54, -74, -57.81, 165, -67.27, 115.3333, 0.0185, 54.0, 44),
        ("2025-07", 29, -25, -46.3, 219, -86.76, 70.3333, 0.037, 21.0, 21),
    ];
    let trend = s["trend"].as_array().cloned().unwrap_or_default();
    assert_eq!(trend.len(), expected.len());
    for (t, e) in trend.iter().zip(expected) {
        let got = (
            t["month"].as_str().unwrap_or(""),
            t["received"].as_i64().unwrap_or(-1),
            t["mom_change"].as_i64().unwrap_or(-999),
            t["mom_pct"].as_f64().unwrap_or(f64::NAN),
            t["yoy_count"].as_i64().unwrap_or(-1),
            t["yoy_pct"].as_f64().unwrap_or(f64::NAN),
            t["rolling3"].as_f64().unwrap_or(f64::NAN),
            t["on_time_rate"].as_f64().unwrap_or(f64::NAN),
            t["ttr_median"].as_f64().unwrap_or(f64::NAN),
            t["repeats"].as_i64().unwrap_or(-1),
        );
        assert_eq!(got, e);
    }
    assert_eq!(s["aging"], json!({"0-5": 0, "6-10": 2, "11-20": 13, "21-30": 4, "31-60": 28, ">60": 60}));
    assert_eq!(s["overdue"].as_array().map(Vec::len), Some(105));
    let cc = &s["control_chart"];
    assert_eq!(
        (cc["centre"].clone(), cc["ucl"].clone(), cc["lcl"].clone()),
        (json!(148.625), json!(185.1986), json!(112.0514))
    );
    assert_eq!(
        s["pareto_month"][0],
        json!({"defect_type": "Cust Service Claim Handling; Delays (Claims Handling)", "count": 9, "cum_count": 9, "cum_share": 0.3103, "vital_few": true})
    );
}

#[test]
fn closure_not_recorded_makes_every_resolution_figure_null() {
    // docs/metrics.md §3: no closed-date and no status column. The same
    // ledger as above without those two columns.
    let dir = tempdir();
    let ledger: String = LEDGER
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            [f[0], f[1], f[4], f[5], f[6]].join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (o, s) = report_without_closed_dates(dir.path(), &ledger);
    assert_eq!(s["data_quality"]["closure_recorded"], json!(false));
    let m = &s["month"];
    for key in ["closed", "on_time", "late", "overdue", "open_within_target", "on_time_rate", "ttr_median", "ttr_p90"] {
        assert!(m[key].is_null(), "month.{key} = {}", m[key]);
    }
    // the rest of the month stays: 5 received in May, A5 repeats A4
    assert_eq!((m["received"].clone(), m["repeats"].clone()), (json!(5), json!(2)));
    for t in s["trend"].as_array().expect("trend") {
        for key in ["closed", "on_time", "overdue", "on_time_rate", "ttr_median", "closed_in_month"] {
            assert!(t[key].is_null(), "trend {}.{key} = {}", t["month"], t[key]);
        }
    }
    assert!(s["aging"].is_null(), "{}", s["aging"]);
    assert_eq!(s["overdue"], json!([]));
    // the headline says so instead of 0 %
    let out = stdout(&o);
    let on_time = out.lines().find(|l| l.trim_start().starts_with("On time")).unwrap_or_default();
    assert!(on_time.contains("not recorded") && !on_time.contains('%'), "{out}");
    assert!(out.contains("after closure: not recorded"), "{out}");
    // the same ledger with its closed dates: recorded
    let s = report(dir.path(), &["--period", "2024-05"]);
    assert_eq!(s["data_quality"]["closure_recorded"], json!(true));
}

#[test]
fn a_status_without_closed_dates_times_nothing() {
    // docs/metrics.md §3 [2026-12]: the ledger of the tests above with its
    // status column but without closed dates (A3, A5, A6 marked 완료)
    let dir = tempdir();
    let ledger: String = LEDGER
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split(',').collect();
            let status = match f[0] {
                "A1" | "A2" | "A3" | "A4" | "A5" => "완료",
                "id" => "status",
                _ => "처리중",
            };
            [f[0], f[1], status, f[4], f[5], f[6]].join(",")
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (o, s) = report_without_closed_dates(dir.path(), &ledger);
    assert_eq!(
        (s["data_quality"]["closure_recorded"].clone(), s["data_quality"]["ttr_recorded"].clone()),
        (json!(true), json!(false))
    );
    let m = &s["month"];
    // May: A3, A4, A5 closed by status; A6 (age 11) overdue; A7 (age 6) open within target
    assert_eq!(
        (m["received"].clone(), m["closed"].clone(), m["overdue"].clone(), m["open_within_target"].clone()),
        (json!(5), json!(3), json!(1), json!(1))
    );
    for key in [
        "on_time",
        "late",
        "on_time_rate",
        "ttr_median",
        "ttr_median_at_least",
        "ttr_mean",
        "ttr_p90",
        "ttr_p90_at_least",
        "ttr_max",
    ] {
        assert!(m[key].is_null(), "month.{key} = {}", m[key]);
        for t in s["trend"].as_array().expect("trend") {
            assert!(t[key].is_null(), "trend {}.{key} = {}", t["month"], t[key]);
        }
    }
    assert_eq!(s["ttr_histogram"], json!([]));
    assert_eq!(s["overdue"].as_array().map(Vec::len), Some(1));
    assert!(s["aging"].is_object());
    // the headline says so instead of "0.0 % — 0 of N judged"
    let out = stdout(&o);
    let on_time = out.lines().find(|l| l.trim_start().starts_with("On time")).unwrap_or_default();
    assert!(on_time.contains("closing dates not recorded") && !on_time.contains('%'), "{out}");
    assert!(out.contains("after closure: not recorded"), "{out}");
}

#[test]
fn a_flagged_blank_type_is_told_without_a_panic() {
    // issue 21 finding 1: the (blank) defect type flagged in the reporting
    // month made the findings panic
    let dir = tempdir();
    std::fs::write(
        dir.path().join("p.csv"),
        "received_date,customer\n2019-06-03,X\n2019-06-04,X\n2019-06-05,X\n2018-09-05,Y\n",
    )
    .expect("write");
    let o = run_in(dir.path(), &["report", "p.csv", "--period", "2019-06", "--out", "out", "--lang", "en"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("read")).expect("json");
    assert_eq!(s["control_chart"]["flagged_defect_types"][0]["defect_type"], "(blank)");
    assert!(stdout(&o).contains("flagged: (blank) 3"), "{}", stdout(&o));
}
