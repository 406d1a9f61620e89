//! `complaints check` on fixture ledgers covering each layout problem of
//! docs/ledgers.md: exact row counts, rejects with reasons, dedup results
//! and parsed values (read back from `check --table`).

use crate::common::*;
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn sheet<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["sheets"].as_array().and_then(|s| s.iter().find(|s| s["sheet"] == name)).unwrap_or_else(|| panic!("sheet {name}"))
}

fn by_id(rows: &[BTreeMap<String, String>]) -> BTreeMap<String, BTreeMap<String, String>> {
    rows.iter().map(|r| (r["complaint_id"].clone(), r.clone())).collect()
}

#[test]
fn legacy_workbook_rows_are_counted_by_kind() {
    let dir = tempdir();
    legacy_xlsx(&dir.path().join("legacy.xlsx"));
    let v = check_json(dir.path(), &["legacy.xlsx"]);

    let s2024 = sheet(&v, "2024년");
    assert_eq!(s2024["header_rows"], json!([4, 5]));
    assert_eq!(
        s2024["counts"],
        json!({"rows_read": 20, "title_rows": 2, "header_rows": 2, "blank_rows": 4, "subtotal_rows": 2,
               "note_rows": 1, "data_rows": 9, "accepted": 7, "rejected": 2})
    );
    let closed_col = s2024["columns"].as_array().and_then(|c| c.iter().find(|c| c["column"] == "G")).cloned();
    assert_eq!(closed_col, Some(json!({"column": "G", "header": "처리결과 / 완료일", "field": "closed_date"})));

    let s2023 = sheet(&v, "2023년");
    assert_eq!(s2023["counts"]["header_rows"], 2, "the repeated header row is a header row");
    assert_eq!(s2023["counts"]["data_rows"], 2);
    assert!(sheet(&v, "코드표")["skipped"].as_str().is_some_and(|s| s.contains("not a ledger")));

    let q = &v["data_quality"];
    assert_eq!((q["files"].clone(), q["sheets"].clone(), q["sheets_skipped"].clone()), (json!(1), json!(2), json!(1)));
    assert_eq!((q["data_rows"].clone(), q["accepted"].clone(), q["rejected"].clone()), (json!(11), json!(9), json!(2)));
    assert_eq!(q["rejected_by_reason"], json!({"bad_received_date": 1, "missing_received_date": 1}));
    assert_eq!(q["complaints"], 9);

    let rejects = v["rejects"].as_array().cloned().unwrap_or_default();
    assert_eq!(rejects.len(), 2);
    assert_eq!((rejects[0]["row"].clone(), rejects[0]["reason"].clone()), (json!(11), json!("MissingReceivedDate")));
    assert_eq!(
        (rejects[1]["row"].clone(), rejects[1]["reason"].clone()),
        (json!(12), json!({"BadReceivedDate": "미상"}))
    );
    assert!(rejects[1]["cells"].as_array().is_some_and(|c| c.contains(&json!(["접수번호", "C-006"]))));

    let warnings: Vec<(u64, String, String)> = v["warnings"]
        .as_array()
        .map(|w| {
            w.iter()
                .map(|w| {
                    (
                        w["row"].as_u64().unwrap_or(0),
                        w["field"].as_str().unwrap_or("").to_string(),
                        w["text"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        warnings,
        vec![(13, "customer".to_string(), "#N/A".to_string()), (13, "closed_date".to_string(), "다음주".to_string()),]
    );
}

#[test]
fn legacy_workbook_values_are_parsed() {
    let dir = tempdir();
    legacy_xlsx(&dir.path().join("legacy.xlsx"));
    let rows = clean_table(dir.path(), &["legacy.xlsx"]);
    let t = by_id(&rows);
    let get = |id: &str, f: &str| t[id][f].clone();
    // date cell, text forms, serial number, month-day with the sheet's year, yyyymmdd, 24.01.22, Korean
    let received: Vec<(&str, &str)> = [
        ("C-001", "2024-01-05"),
        ("C-002", "2024-01-08"),
        ("C-003", "2024-01-09"),
        ("C-004", "2024-01-15"),
        ("C-007", "2024-01-20"),
        ("C-008", "2024-01-22"),
        ("C-009", "2024-01-25"),
        ("C-101", "2023-12-01"),
        ("C-102", "2023-12-20"),
    ]
    .to_vec();
    for (id, date) in &received {
        assert_eq!(get(id, "received_date"), *date, "{id}");
    }
    // merged customer filled down; #N/A left blank
    assert_eq!(
        (get("C-002", "customer"), get("C-003", "customer"), get("C-007", "customer")),
        ("(주)한성".into(), "(주)한성".into(), "".into())
    );
    // full width and spaces normalised, line break folded
    assert_eq!(get("C-003", "product"), "CB-200");
    assert_eq!(get("C-002", "description"), "포장 파손");
    // closed dates, closed words, status column
    assert_eq!((get("C-001", "closed_date"), get("C-001", "closed_mark")), ("2024-01-10".into(), "true".into()));
    assert_eq!((get("C-002", "closed_date"), get("C-002", "closed_mark")), ("".into(), "true".into()));
    assert_eq!((get("C-003", "closed_date"), get("C-003", "closed_mark")), ("".into(), "false".into()));
    assert_eq!(get("C-004", "closed_date"), "2024-01-20");
    assert_eq!(get("C-009", "closed_mark"), "true");
    // numbers as text, formula cached values, the no-charge word 무상 = 0 (docs/metrics.md §10)
    assert_eq!(
        (get("C-001", "cost"), get("C-002", "cost"), get("C-008", "cost"), get("C-004", "cost")),
        ("1200000".into(), "1200000".into(), "2000".into(), "0".into())
    );
    // provenance
    assert_eq!((get("C-001", "source_sheet"), get("C-001", "source_row")), ("2024년".into(), "6".into()));
    assert_eq!((get("C-102", "source_sheet"), get("C-102", "source_row")), ("2023년".into(), "4".into()));
    assert_eq!(rows.len(), 9);
}

#[test]
fn three_files_merge_by_id_last_input_wins() {
    let dir = tempdir();
    legacy_xlsx(&dir.path().join("legacy.xlsx"));
    sales_cp949_tsv(&dir.path().join("sales.tsv"));
    english_pipe_csv(&dir.path().join("english.csv"));
    let v = check_json(dir.path(), &["legacy.xlsx", "sales.tsv", "english.csv"]);
    let q = &v["data_quality"];
    assert_eq!(
        [
            &q["files"],
            &q["sheets"],
            &q["data_rows"],
            &q["accepted"],
            &q["rejected"],
            &q["complaints"],
            &q["duplicates_merged"],
            &q["id_conflicts"]
        ],
        [&json!(3), &json!(4), &json!(16), &json!(14), &json!(2), &json!(12), &json!(2), &json!(1)]
    );
    let english =
        v["sheets"].as_array().and_then(|s| s.iter().find(|s| s["file"] == "english.csv")).cloned().unwrap_or_default();
    assert_eq!(english["counts"]["subtotal_rows"], 1);
    assert!(english["notes"].to_string().contains("Utf8Bom") && english["notes"].to_string().contains("'|'"));
    let sales =
        v["sheets"].as_array().and_then(|s| s.iter().find(|s| s["file"] == "sales.tsv")).cloned().unwrap_or_default();
    assert!(sales["notes"].to_string().contains("Cp949") && sales["notes"].to_string().contains("tab"));

    let conflicts = v["id_conflicts"].as_array().cloned().unwrap_or_default();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0]["complaint_id"].clone(), conflicts[0]["field"].clone()),
        (json!("C-004"), json!("customer"))
    );

    let rows = clean_table(dir.path(), &["legacy.xlsx", "sales.tsv", "english.csv"]);
    let t = by_id(&rows);
    // the update from the re-export wins, at the first occurrence's position
    assert_eq!((t["C-003"]["closed_date"].as_str(), t["C-003"]["status"].as_str()), ("2024-01-15", "처리완료"));
    assert_eq!((t["C-003"]["source_file"].as_str(), t["C-003"]["input_order"].as_str()), ("sales.tsv", "2"));
    assert_eq!(t["C-004"]["customer"], "삼우");
    assert_eq!(t["C-201"]["received_date"], "2024-01-05");
    assert_eq!((t["E-2"]["received_date"].as_str(), t["E-2"]["closed_mark"].as_str()), ("2024-02-10", "false"));
    assert_eq!(t["E-1"]["closed_date"], "2024-02-05");
    let order: Vec<&str> = rows.iter().map(|r| r["complaint_id"].as_str()).collect();
    assert_eq!(order[..4], ["C-001", "C-002", "C-003", "C-004"]);
}

#[test]
fn a_folder_is_read_in_name_order() {
    let dir = tempdir();
    let folder = dir.path().join("ledgers");
    std::fs::create_dir(&folder).expect("mkdir");
    english_pipe_csv(&folder.join("b.csv"));
    legacy_xlsx(&folder.join("a.xlsx"));
    std::fs::write(folder.join("~$a.xlsx"), b"lock").expect("lock file");
    std::fs::write(folder.join("notes.md"), b"# not a ledger").expect("notes");
    let v = check_json(dir.path(), &["ledgers"]);
    let files: Vec<&str> =
        v["sheets"].as_array().map(|s| s.iter().filter_map(|s| s["file"].as_str()).collect()).unwrap_or_default();
    assert_eq!(files, ["a.xlsx", "a.xlsx", "a.xlsx", "b.csv"]);
}

#[test]
fn excel_1904_date_system() {
    let dir = tempdir();
    workbook_1904(&dir.path().join("mac.xlsx"));
    let rows = clean_table(dir.path(), &["mac.xlsx"]);
    let dates: Vec<&str> = rows.iter().map(|r| r["received_date"].as_str()).collect();
    assert_eq!(dates, ["2024-01-05", "2024-01-05"]);
}

#[test]
fn columns_mapped_by_flag_and_config() {
    let dir = tempdir();
    std::fs::write(
        dir.path().join("odd.csv"),
        "CASE,OPEN_DT,Customer,Type\nX1,2024-03-01,ACME,Noise\nX2,2024-03-02,ACME,Noise\n",
    )
    .expect("write");
    // without a mapping: exit 2 and the message names the date column and the fix
    let o = run_in(dir.path(), &["check", "odd.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("odd.csv") && err.contains("OPEN_DT") && err.contains("--map received_date=\"OPEN_DT\""),
        "{err}"
    );
    // with --map
    let v = check_json(dir.path(), &["odd.csv", "--map", "received_date=OPEN_DT", "--map", "complaint_id=CASE"]);
    assert_eq!(v["data_quality"]["complaints"], 2);
    // with a config file: explicit mapping, extra synonym and value synonym
    std::fs::write(
        dir.path().join("map.toml"),
        "[columns]\nreceived_date = \"OPEN_DT\"\n[synonyms]\ncomplaint_id = [\"case\"]\n[values.defect_type]\n\"noise\" = \"소음\"\n",
    )
    .expect("write");
    let rows = clean_table(dir.path(), &["odd.csv", "--config", "map.toml"]);
    assert_eq!((rows[0]["complaint_id"].as_str(), rows[0]["defect_type"].as_str()), ("X1", "소음"));
}

#[test]
fn unusable_input_exits_2_naming_the_file() {
    let dir = tempdir();
    let cases: [(&str, &[u8], &str); 4] = [
        ("empty.xlsx", b"", "empty"),
        ("garbage.xlsx", &[0u8, 159, 146, 150, 0, 1, 2, 3], "neither a spreadsheet"),
        ("broken.xlsx", b"PK\x03\x04 this is not really a zip", "cannot be opened"),
        ("notes.csv", "just some words\nand more words\n".as_bytes(), "no ledger found"),
    ];
    for (name, bytes, expected) in cases {
        std::fs::write(dir.path().join(name), bytes).expect("write");
        let o = run_in(dir.path(), &["check", name]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(name) && err.contains(expected), "{name}: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    let o = run_in(dir.path(), &["check", "missing.xlsx"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn every_received_date_invalid_exits_2_after_listing_rejects() {
    let dir = tempdir();
    std::fs::write(dir.path().join("bad.csv"), "접수번호,접수일,고객\nA,미상,대원\nB,,한성\n").expect("write");
    let o = run_in(dir.path(), &["check", "bad.csv"]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    assert!(out.contains("bad_received_date: \"미상\"") && out.contains("missing_received_date"), "{out}");
}

#[test]
fn xls_and_ods_fixtures_read_like_the_xlsx() {
    // tests/fixtures/legacy.{xls,ods} are legacy_xlsx() converted by LibreOffice
    // (see regenerate_format_fixtures below).
    let fixtures = repo().join("tests/fixtures");
    for name in ["legacy.xls", "legacy.ods"] {
        let v = check_json(&fixtures, &[name]);
        let q = &v["data_quality"];
        assert_eq!(
            (q["data_rows"].clone(), q["accepted"].clone(), q["rejected"].clone()),
            (json!(11), json!(9), json!(2)),
            "{name}"
        );
        assert_eq!(sheet(&v, "2024년")["header_rows"], json!([4, 5]), "{name}");
    }
    // .xls keeps merged regions (the customer merged over three rows fills down)
    let dir = tempdir();
    std::fs::copy(fixtures.join("legacy.xls"), dir.path().join("legacy.xls")).expect("copy");
    let t = by_id(&clean_table(dir.path(), &["legacy.xls"]));
    assert_eq!(t["C-003"]["customer"], "(주)한성");
    assert_eq!(t["C-003"]["received_date"], "2024-01-09");
}

#[test]
fn parquet_reads_like_the_same_ledger_as_csv_and_xlsx() {
    // The generator writes the same complaints in every format.
    let dir = tempdir();
    for format in ["csv", "parquet", "xlsx"] {
        let out = format!("t.{format}");
        let o = run_in(dir.path(), &["sample", "--rows", "700", "--seed", "5", "--format", format, "--out", &out]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let csv = check_json(dir.path(), &["t.csv"]);
    let parquet = check_json(dir.path(), &["t.parquet"]);
    assert_eq!(parquet["data_quality"], csv["data_quality"]);
    assert_eq!(parquet["data_quality"]["complaints"], json!(700));
    assert_eq!(sheet(&parquet, "")["header_rows"], json!([1]));
    // every cleaned value equal, row numbers included (the header is row 1)
    let strip = |rows: Vec<BTreeMap<String, String>>| -> Vec<BTreeMap<String, String>> {
        rows.into_iter()
            .map(|mut r| {
                r.remove("source_file");
                r
            })
            .collect()
    };
    let from_csv = strip(clean_table(dir.path(), &["t.csv"]));
    assert_eq!(strip(clean_table(dir.path(), &["t.parquet"])), from_csv);
    assert_eq!(strip(clean_table(dir.path(), &["t.xlsx"])).len(), from_csv.len());
    // a damaged Parquet file is an input error naming the file
    let bytes = std::fs::read(dir.path().join("t.parquet")).expect("read");
    std::fs::write(dir.path().join("broken.parquet"), &bytes[..bytes.len() / 2]).expect("write");
    let o = run_in(dir.path(), &["check", "broken.parquet"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("broken.parquet") && stderr(&o).contains("Parquet"), "{}", stderr(&o));
}

/// Rewrites tests/fixtures/legacy.{xls,ods} with LibreOffice; run by hand:
/// `cargo test --test it ingest::regenerate_format_fixtures -- --ignored`.
#[test]
#[ignore]
fn regenerate_format_fixtures() {
    let fixtures = repo().join("tests/fixtures");
    std::fs::create_dir_all(&fixtures).expect("mkdir");
    let dir = tempdir();
    let xlsx = dir.path().join("legacy.xlsx");
    legacy_xlsx(&xlsx);
    for (filter, ext) in [("xls:MS Excel 97", "xls"), ("ods", "ods")] {
        let status = std::process::Command::new("soffice")
            .args(["--headless", "--convert-to", filter, "--outdir"])
            .arg(&fixtures)
            .arg(&xlsx)
            .status()
            .expect("soffice runs");
        assert!(status.success(), "{ext}");
    }
}
