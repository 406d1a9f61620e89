//! Files nobody here wrote, round 3 (issue 21): kinds of real public
//! exports the engine had never seen, each generated here with its truth —
//! a Korean vehicle-defect CSV whose only known header is the received
//! date, a Brazilian `;` CSV in Latin-1 with a `;` inside a company name, a
//! vehicle-defect text file without a header row, a Korean public-bike
//! fault log in CP949, a claims workbook saved as `.xls` that is really
//! `.xlsx`, a city's complaint register with a title block and a merged
//! category column, a telecom TSV whose dates are in two day/month orders,
//! Shift-JIS, UTF-16 and NUL-damaged text. Where `check` proposes columns,
//! the command it prints is run exactly as printed (by `sh`).

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

type Row = BTreeMap<String, String>;

/// Runs `complaints check --json` on `args`; (exit code, JSON).
fn check(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["check", "--json"];
    all.extend_from_slice(args);
    let o = run_in(dir, &all);
    (o.status.code(), serde_json::from_slice(&o.stdout).unwrap_or(Value::Null))
}

/// The command `check` proposes for `args`, run as printed with
/// `--table out.csv` added: its exit code and the clean table.
fn run_proposed(dir: &Path, args: &[&str]) -> (String, Option<i32>, Vec<Row>) {
    let (_, v) = check(dir, args);
    let command = v["proposed_command"].as_str().unwrap_or_default().to_string();
    assert!(!command.is_empty(), "check proposed no command: {v}");
    let table = dir.join("proposed_table.csv");
    let o = std::process::Command::new("sh")
        .current_dir(dir)
        .arg("-c")
        .arg(format!("{command} --table {}", table.display()))
        .output()
        .expect("sh runs");
    let rows = read_table(&table);
    (command, o.status.code(), rows)
}

fn read_table(path: &Path) -> Vec<Row> {
    let Ok(mut reader) = csv::Reader::from_path(path) else { return Vec::new() };
    let headers: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(|s| s.trim_start_matches('\u{feff}').to_string()).collect())
        .unwrap_or_default();
    reader.records().flatten().map(|r| headers.iter().cloned().zip(r.iter().map(str::to_string)).collect()).collect()
}

fn mapped(v: &Value, field: &str) -> Option<String> {
    let columns = v["sheets"][0]["columns"].as_array()?;
    columns.iter().find(|c| c["field"] == field).and_then(|c| c["header"].as_str()).map(str::to_string)
}

#[test]
fn a_received_date_column_alone_is_a_ledger() {
    let dir = tempdir();
    // a Korean vehicle-defect report: 접수일자 beside three unknown columns
    let mut text = String::from("제작사,차명,결함장치,접수일자\n");
    for i in 0..30 {
        text.push_str(&format!(
            "{},{},{},2024-0{}-{:02}\n",
            ["현대", "기아"][i % 2],
            ["아반떼", "K5", "쏘렌토"][i % 3],
            ["엔진", "제동장치", "조향장치", "에어백"][i % 4],
            1 + i % 6,
            1 + i
        ));
    }
    std::fs::write(dir.path().join("결함신고.csv"), text).expect("write");
    let (code, v) = check(dir.path(), &["결함신고.csv"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!((v["data_quality"]["accepted"].as_u64(), v["data_quality"]["rejected"].as_u64()), (Some(30), Some(0)));
    assert_eq!(mapped(&v, "received_date").as_deref(), Some("접수일자"));
    // the header words propose the rest, and the command reads them as printed
    let (command, code, rows) = run_proposed(dir.path(), &["결함신고.csv"]);
    assert_eq!(code, Some(0), "{command}");
    assert!(command.contains("--map defect_type=결함장치"), "{command}");
    assert_eq!(rows.iter().filter(|r| r["defect_type"] == "엔진").count(), 8);

    // a date column under a header nobody knows, mapped by hand, is enough too
    std::fs::write(dir.path().join("log.csv"), "Zeitpunkt,Notiz\n2024-03-01,a\n2024-03-02,b\n").expect("write");
    let (code, v) = check(dir.path(), &["log.csv", "--map", "received_date=Zeitpunkt"]);
    assert_eq!((code, v["data_quality"]["accepted"].as_u64()), (Some(0), Some(2)));
    // and a file that is no ledger says so without naming a sheet a CSV does not have
    std::fs::write(dir.path().join("notes.csv"), "a,b\nx,y\n").expect("write");
    let o = run_in(dir.path(), &["check", "notes.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no ledger found —") && !stderr(&o).contains("sheets ''"), "{}", stderr(&o));
}

/// A Brazilian consumer-complaints CSV (`;`, Latin-1, Procon style): the
/// truth is (opened, archived, company, problem) per row; row 7's company
/// holds an unquoted `;`.
fn procon(path: &Path, opened: &str, archived: &str) -> Vec<(String, String, &'static str)> {
    let problems = ["Cobrança indevida", "Produto com vício", "Não entrega do produto", "Garantia"];
    let mut text = format!("Região;UF;{opened};{archived};strRazaoSocial;Tipo;DescricaoProblema;Atendida\n");
    let mut truth = Vec::new();
    for i in 0..40u32 {
        let (m, d) = (1 + i % 6, 1 + i % 27);
        let (o, a) = (format!("2019-{m:02}-{d:02}"), format!("2019-{:02}-{d:02}", m + 2));
        let company = if i == 6 { "Lojas Silva; Filial Centro".to_string() } else { format!("Empresa {} S.A.", i % 5) };
        text.push_str(&format!(
            "Sudeste;SP;{o} 10:41:47.000;{a} 09:02:11.000;{company};1;{};S\n",
            problems[i as usize % 4]
        ));
        if i != 6 {
            truth.push((o, a, problems[i as usize % 4]));
        }
    }
    std::fs::write(path, encoding_rs::WINDOWS_1252.encode(&text).0).expect("write");
    truth
}

#[test]
fn a_brazilian_semicolon_csv_in_latin1_with_a_shifted_row() {
    let dir = tempdir();
    // zero configuration: DataAbertura / DataArquivamento are names of the fields
    let truth = procon(&dir.path().join("procon.csv"), "DataAbertura", "DataArquivamento");
    let o = run_in(dir.path(), &["check", "procon.csv"]);
    assert!(stdout(&o).contains("encoding Windows1252"), "{}", stdout(&o));
    let (code, v) = check(dir.path(), &["procon.csv"]);
    assert_eq!(code, Some(0), "{v}");
    assert_eq!(v["data_quality"]["rejected_by_reason"]["too_many_fields"], 1, "the row with a ';' in its company");
    assert_eq!(v["rejects"][0]["row"], 8);
    // every other row read right: dates, closed date, problem (proposed, run as printed)
    let (command, code, rows) = run_proposed(dir.path(), &["procon.csv"]);
    assert_eq!(code, Some(0), "{command}");
    assert!(command.contains("--map defect_type=DescricaoProblema"), "{command}");
    let got: Vec<(String, String, String)> =
        rows.iter().map(|r| (r["received_date"].clone(), r["closed_date"].clone(), r["defect_type"].clone())).collect();
    let want: Vec<(String, String, String)> =
        truth.iter().map(|(o, a, p)| (o.clone(), a.clone(), p.to_string())).collect();
    assert_eq!(got, want);
    // the original line is in rejects.csv
    let o = run_in(dir.path(), &["report", "procon.csv", "--out", "out"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let rejects = std::fs::read_to_string(dir.path().join("out/rejects.csv")).expect("rejects");
    assert!(
        rejects.contains("too_many_fields") && rejects.contains("Lojas Silva; Filial Centro;1;Não entrega do produto"),
        "{rejects}"
    );

    // headers nobody named: the proposal, its config, and both read the same
    procon(&dir.path().join("procon2.csv"), "DtAbertura", "DtArquivamento");
    let o = run_in(dir.path(), &["check", "procon2.csv", "--write-config", "procon2.toml"]);
    assert_eq!(o.status.code(), Some(2), "not read without the mapping");
    let config = std::fs::read_to_string(dir.path().join("procon2.toml")).expect("config written");
    assert!(config.contains("received_date = \"DtAbertura\"") && config.contains("# "), "{config}");
    let (command, code, rows) = run_proposed(dir.path(), &["procon2.csv"]);
    assert_eq!((code, rows.len()), (Some(0), 39), "{command}");
    assert_eq!(read_table_with_config(dir.path(), "procon2.csv", "procon2.toml"), rows.len());
}

fn read_table_with_config(dir: &Path, file: &str, config: &str) -> usize {
    let rows = clean_table(dir, &[file, "--config", config]);
    rows.len()
}

#[test]
fn a_vehicle_defect_file_without_a_header_row() {
    let dir = tempdir();
    // tab-separated like a public defect-complaint flat file: id, report no,
    // maker, make, model, year, crash, failure date (often blank), …,
    // component, city, state, VIN, date added, date received, …, narrative
    let mut text = String::new();
    let mut truth = Vec::new();
    for i in 0..60u32 {
        let fail = if i % 5 == 0 { String::new() } else { format!("2018{:02}15", 1 + i % 9) };
        let added = format!("2019{:02}{:02}", 1 + i % 12, 1 + i % 27);
        let component = ["ENGINE AND ENGINE COOLING", "AIR BAGS", "SERVICE BRAKES", "STEERING", "ELECTRICAL SYSTEM"]
            [i as usize % 5];
        let cells = [
            format!("{}", 1_500_000 + i),
            format!("{}", 11_000_000 + i / 2),
            "FORD MOTOR COMPANY".to_string(),
            "FORD".to_string(),
            ["F-150", "FOCUS", "ESCAPE"][i as usize % 3].to_string(),
            "2012".to_string(),
            "N".to_string(),
            fail,
            "N".to_string(),
            "0".to_string(),
            component.to_string(),
            "AKRON".to_string(),
            "OH".to_string(),
            "1FAHP3F2".to_string(),
            added.clone(),
            String::new(),
            format!("THE VEHICLE STALLED WHILE DRIVING ({i})"),
        ];
        text.push_str(&cells.join("\t"));
        text.push('\n');
        truth.push((format!("{}-{}-{}", &added[..4], &added[4..6], &added[6..]), component));
    }
    std::fs::write(dir.path().join("FLAT_CMPL.txt"), text).expect("write");
    let o = run_in(dir.path(), &["check", "FLAT_CMPL.txt"]);
    assert_eq!(o.status.code(), Some(2), "not read without a mapping");
    assert!(stdout(&o).contains("--map received_date=column:O"), "positional names: {}", stdout(&o));
    let (command, code, rows) = run_proposed(dir.path(), &["FLAT_CMPL.txt"]);
    assert_eq!(code, Some(0), "{command}");
    let got: Vec<(String, &str)> =
        rows.iter().map(|r| (r["received_date"].clone(), r["defect_type"].as_str())).collect();
    let want: Vec<(String, &str)> = truth.iter().map(|(d, c)| (d.clone(), *c)).collect();
    assert_eq!(got, want, "{command}");
    assert_eq!(rows[0]["complaint_id"], "1500000");
}

#[test]
fn a_korean_fault_log_in_cp949() {
    let dir = tempdir();
    // a public-bike fault log: bike number, reported at, fault category
    let mut text = String::from("자전거번호,등록일시,구분명\n");
    let faults = ["단말기", "체인", "페달", "안장", "타이어", "기타"];
    for i in 0..48 {
        text.push_str(&format!(
            "SPB-{:05},2023-0{}-{:02} {:02}:15,{}\n",
            1000 + i % 17,
            1 + i % 9,
            1 + i % 28,
            i % 24,
            faults[i % 6]
        ));
    }
    std::fs::write(dir.path().join("따릉이_고장신고.csv"), encoding_rs::EUC_KR.encode(&text).0).expect("write");
    let (code, v) = check(dir.path(), &["따릉이_고장신고.csv"]);
    assert_eq!((code, v["data_quality"]["accepted"].as_u64()), (Some(0), Some(48)), "{v}");
    assert!(v["sheets"][0]["notes"][0].as_str().unwrap_or("").starts_with("encoding Cp949"));
    let (command, code, rows) = run_proposed(dir.path(), &["따릉이_고장신고.csv"]);
    assert_eq!(code, Some(0), "{command}");
    assert_eq!(rows.iter().filter(|r| r["defect_type"] == "체인").count(), 8, "{command}");
    assert!(rows.iter().all(|r| r["complaint_id"].is_empty()), "a bike number repeats: not an id");
}

#[test]
fn a_claims_workbook_saved_as_xls_that_is_really_xlsx() {
    let dir = tempdir();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Claims").expect("sheet");
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "Warranty claims — supplier quality").expect("w");
    ws.write_string(1, 0, "Exported 2024-07-02").expect("w");
    for (c, h) in
        ["Claim Number", "Date Received", "Dealer", "Part Number", "Failure Mode", "Claim Status"].iter().enumerate()
    {
        ws.write_string(3, c as u16, *h).expect("w");
    }
    let modes = ["Leak", "Noise", "Crack", "Corrosion"];
    for i in 0..24u32 {
        let r = 4 + i;
        ws.write_string(r, 0, format!("WC-{:05}", 700 + i)).expect("w");
        let d = chrono::NaiveDate::from_ymd_opt(2024, 1 + i % 6, 1 + i).unwrap_or_default();
        ws.write_datetime_with_format(r, 1, d, &date).expect("w");
        ws.write_string(r, 2, ["Hyundai Motor", "Kia"][i as usize % 2]).expect("w");
        ws.write_string(r, 3, format!("PN-{}", 100 + i % 4)).expect("w");
        ws.write_string(r, 4, modes[i as usize % 4]).expect("w");
        ws.write_string(r, 5, if i % 3 == 0 { "Open" } else { "Closed" }).expect("w");
    }
    std::fs::write(dir.path().join("claims.xls"), wb.save_to_buffer().expect("buffer")).expect("write");
    let (code, v) = check(dir.path(), &["claims.xls"]);
    assert_eq!((code, v["data_quality"]["accepted"].as_u64()), (Some(0), Some(24)), "{v}");
    for (field, header) in [
        ("complaint_id", "Claim Number"),
        ("product", "Part Number"),
        ("defect_type", "Failure Mode"),
        ("status", "Claim Status"),
    ] {
        assert_eq!(mapped(&v, field).as_deref(), Some(header), "{field}");
    }
    let rows = clean_table(dir.path(), &["claims.xls"]);
    assert_eq!(rows.iter().filter(|r| r["defect_type"] == "Crack").count(), 6);
    // the dealer who filed the claim is proposed as the customer, and the command works
    let (command, code, rows) = run_proposed(dir.path(), &["claims.xls"]);
    assert_eq!(code, Some(0), "{command}");
    assert!(command.ends_with("--map customer=Dealer"), "{command}");
    assert_eq!(rows.iter().filter(|r| r["customer"] == "Kia").count(), 12);
}

/// A city's complaint register: a title block, the header on row 4 with
/// `Category Code and Description` merged over a code and a description
/// column, `Complaint Register` as the id.
pub fn city_register(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Register").expect("sheet");
    let plain = rust_xlsxwriter::Format::new();
    let date = rust_xlsxwriter::Format::new().set_num_format("d/mm/yyyy");
    ws.merge_range(0, 0, 0, 6, "City of Riverton — Customer Complaints Register", &plain).expect("m");
    ws.merge_range(1, 0, 1, 6, "1 July 2018 to 30 September 2018", &plain).expect("m");
    let headers =
        [(0, "Complaint Register"), (1, "Date Received"), (4, "Suburb"), (5, "Action Officer"), (6, "Date Completed")];
    for (c, h) in headers {
        ws.write_string(3, c, h).expect("w");
    }
    ws.merge_range(3, 2, 3, 3, "Category Code and Description", &plain).expect("m");
    let categories = [
        ("R01", "Roads - Potholes"),
        ("W02", "Waste - Missed Bin"),
        ("A03", "Animals - Barking Dog"),
        ("P04", "Parks - Mowing"),
    ];
    for i in 0..36u32 {
        let r = 4 + i;
        let (code, name) = categories[(i % 4) as usize];
        ws.write_string(r, 0, format!("CR{:05}", 18_000 + i)).expect("w");
        let d = chrono::NaiveDate::from_ymd_opt(2018, 7 + i % 3, 1 + i % 28).unwrap_or_default();
        ws.write_datetime_with_format(r, 1, d, &date).expect("w");
        ws.write_string(r, 2, code).expect("w");
        ws.write_string(r, 3, name).expect("w");
        ws.write_string(r, 4, ["Northside", "Eastwood", "Hillcrest"][(i % 3) as usize]).expect("w");
        ws.write_string(r, 5, "J. Smith").expect("w");
        ws.write_datetime_with_format(r, 6, d + chrono::Duration::days(i64::from(i % 9)), &date).expect("w");
    }
    wb.save(path).expect("save");
}

#[test]
fn a_city_register_with_a_title_block_and_a_merged_category() {
    let dir = tempdir();
    let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    city_register(&dir.path().join("register.xlsx"));
    std::fs::copy(fixtures.join("city_register.xls"), dir.path().join("register.xls")).expect("fixture");
    for file in ["register.xlsx", "register.xls"] {
        let (code, v) = check(dir.path(), &[file]);
        assert_eq!((code, v["data_quality"]["accepted"].as_u64()), (Some(0), Some(36)), "{file}: {v}");
        assert_eq!(mapped(&v, "complaint_id").as_deref(), Some("Complaint Register"), "{file}");
        assert_eq!(v["sheets"][0]["header_rows"], serde_json::json!([4]), "{file}");
        let (command, code, rows) = run_proposed(dir.path(), &[file]);
        assert_eq!(code, Some(0), "{command}");
        // the description beside the code, by position (both columns carry the merged header)
        assert!(command.contains("--map defect_type=column:D"), "{command}");
        assert_eq!(rows.iter().filter(|r| r["defect_type"] == "Waste - Missed Bin").count(), 9, "{file}");
        assert_eq!(rows.len(), 36);
    }
}

/// `cargo test --test it unfamiliar::regenerate_city_register_xls -- --ignored`
/// writes tests/fixtures/city_register.xls with LibreOffice.
#[test]
#[ignore]
fn regenerate_city_register_xls() {
    let dir = tempdir();
    let xlsx = dir.path().join("city_register.xlsx");
    city_register(&xlsx);
    let status = std::process::Command::new("soffice")
        .args(["--headless", "--convert-to", "xls:MS Excel 97", "--outdir"])
        .arg(std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .arg(&xlsx)
        .status()
        .expect("soffice runs");
    assert!(status.success());
}

#[test]
fn shift_jis_utf16_without_bom_and_stray_nuls_are_read() {
    let dir = tempdir();
    let ja = "受付日,顧客,不具合区分\n2024-01-05,大和工業,異物\n2024-01-06,さくら電機,外観不良\n";
    std::fs::write(dir.path().join("ja.csv"), encoding_rs::SHIFT_JIS.encode(ja).0).expect("write");
    let fr = "Date de réception;Client;Catégorie\n05/01/2024;Société Générale;Défaut d'aspect\n";
    std::fs::write(dir.path().join("fr.csv"), encoding_rs::WINDOWS_1252.encode(fr).0).expect("write");
    let be: Vec<u8> = "received_date,customer\n2024-01-05,ACME\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
    std::fs::write(dir.path().join("be.csv"), be).expect("write");
    std::fs::write(dir.path().join("nul.csv"), b"received_date,customer\n2024-01-05,AC\x00ME\n2024-01-06,Beta\n")
        .expect("write");
    for (file, customer) in
        [("ja.csv", "大和工業"), ("fr.csv", "Société Générale"), ("be.csv", "ACME"), ("nul.csv", "ACME")]
    {
        let rows = clean_table(dir.path(), &[file]);
        assert_eq!(rows[0]["customer"], customer, "{file}");
    }
    let (_, v) = check(dir.path(), &["nul.csv"]);
    let notes = v["sheets"][0]["notes"].to_string();
    assert!(notes.contains("NUL bytes removed from line 2"), "{notes}");
    // naming the encoding overrides the evidence
    let latin = "Date received;Customer\n2024-01-05;Société Générale\n";
    std::fs::write(dir.path().join("latin.csv"), encoding_rs::WINDOWS_1252.encode(latin).0).expect("write");
    assert_eq!(clean_table(dir.path(), &["latin.csv"])[0]["customer"], "Société Générale");
    let rows = clean_table(dir.path(), &["latin.csv", "--encoding", "cp949"]);
    assert_ne!(rows[0]["customer"], "Société Générale");
}

#[test]
fn one_typo_or_a_few_misread_dates_do_not_move_the_report() {
    let dir = tempdir();
    let mut text = String::from("received_date,customer\n");
    for (m, n) in [(4, 40), (5, 38), (6, 41)] {
        for k in 0..n {
            text.push_str(&format!("2019-{m:02}-{:02},X{k}\n", 1 + k % 28));
        }
    }
    text.push_str("2075-03-01,Typo\n");
    std::fs::write(dir.path().join("typo.csv"), text).expect("write");
    let (_, v) = check(dir.path(), &["typo.csv"]);
    let caveat = v["period_caveat"].as_str().unwrap_or("");
    assert!(caveat.contains("default period 2019-06, not 2075-03") && caveat.contains("typo.csv row 121"), "{caveat}");
    assert!(caveat.contains("--period 2075-03"), "{caveat}");
    let warning = &v["warnings"][0];
    assert_eq!((warning["row"].as_u64(), warning["text"].as_str()), (Some(121), Some("2075-03-01")));
    let o = run_in(dir.path(), &["report", "typo.csv", "--out", "out"]);
    assert!(stdout(&o).starts_with("Complaint report 2019-06"), "{}", stdout(&o));
    assert!(stdout(&o).contains("Caveat      default period 2019-06, not 2075-03"), "{}", stdout(&o));

    // a telecom TSV written month-first, with a few rows day-first from
    // another office: those land in July–December and must not make the period
    let mut tsv = String::from("Complaint ID\tDate Received\tService Type\tComplaint Category\tStatus\n");
    let mut id = 0;
    for m in 1..=6u32 {
        for k in 0..60u32 {
            id += 1;
            let d = 13 + k % 15; // day over 12: month-first by its own parts
            tsv.push_str(&format!("T{id:05}\t{m:02}/{d:02}/2015\tMobile\tBilling\tClosed\n"));
        }
    }
    for (d, m) in [(7, 3), (9, 5), (11, 2), (12, 4)] {
        id += 1; // 07/03/2015 meant 7 March; the column reads it as 3 July
        tsv.push_str(&format!("T{id:05}\t{d:02}/{m:02}/2015\tFixed\tNetwork\tOpen\n"));
    }
    std::fs::write(dir.path().join("telecom.tsv"), tsv).expect("write");
    let o = run_in(dir.path(), &["report", "telecom.tsv", "--out", "out2"]);
    let out = stdout(&o);
    assert!(out.starts_with("Complaint report 2015-06"), "{out}");
    assert!(out.contains("not 2015-07 … 2015-12: 4 complaints"), "{out}");
}

#[test]
fn a_sheet_of_dates_beside_a_ledger_is_auxiliary_but_a_named_one_is_never_left_out() {
    let dir = tempdir();
    let build = |path: &Path, second_header: [&str; 3]| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name("2024년").expect("sheet");
        for (c, h) in ["접수번호", "접수일", "고객사"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("w");
        }
        for r in 1..=3u32 {
            ws.write_string(r, 0, format!("C-{r}")).expect("w");
            ws.write_string(r, 1, format!("2024-03-0{r}")).expect("w");
            ws.write_string(r, 2, "대원").expect("w");
        }
        let ws = wb.add_worksheet().set_name("기타").expect("sheet");
        for (c, h) in second_header.iter().enumerate() {
            ws.write_string(0, c as u16, *h).expect("w");
        }
        for r in 1..=3u32 {
            ws.write_string(r, 0, format!("2024-05-0{r}")).expect("w");
            ws.write_string(r, 1, "어린이날").expect("w");
            ws.write_string(r, 2, "x").expect("w");
        }
        wb.save(path).expect("save");
    };
    // a holiday list: dates under `날짜`, no header naming a field
    build(&dir.path().join("holidays.xlsx"), ["날짜", "명칭", "비고"]);
    let (code, v) = check(dir.path(), &["holidays.xlsx"]);
    assert_eq!((code, v["data_quality"]["accepted"].as_u64()), (Some(0), Some(3)), "{v}");
    assert!(v["sheets"][1]["skipped"].as_str().unwrap_or("").contains("beside a ledger sheet"), "{v}");
    // a second ledger whose dates nobody named stops the run with the proposal
    build(&dir.path().join("two.xlsx"), ["Logged", "고객사", "제품명"]);
    let o = run_in(dir.path(), &["report", "two.xlsx", "--out", "out"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("sheet '기타'") && stderr(&o).contains("--map received_date=\"Logged\""),
        "{}",
        stderr(&o)
    );
}
