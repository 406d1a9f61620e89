//! The exports of the systems complaints already live in (issue 17), read
//! with zero configuration: Jira, Zendesk, ServiceNow (CSV with field names
//! and Excel with labels), Salesforce (with its footer lines), Dynamics 365
//! (hidden system columns) and SAP QM (UTF-16 list file, English and Korean
//! headings). Each export is generated here from one set of complaints — the
//! truth — in the system's own headers, order, quoting and date forms (as
//! documented and seen in real exports; see docs/sources.md); the tests
//! assert the detected source, every complaint's id, dates, status, defect
//! type, product and customer, and the monthly figures against the truth.

use crate::common::*;
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rust_xlsxwriter::{Format, Workbook};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// One complaint as the system holds it.
#[derive(Debug, Clone)]
struct Truth {
    n: usize,
    received: NaiveDateTime,
    closed: Option<NaiveDateTime>,
    defect: &'static str,
    product: &'static str,
    customer: &'static str,
}

const DEFECTS: [&str; 4] = ["Crack", "Leak", "Label", "Noise"];
const PRODUCTS: [&str; 3] = ["P-200", "P-100", "Carton"];
const CUSTOMERS: [&str; 3] = ["ACME Corp", "Beta GmbH", "Gamma Ltd"];

/// 60 complaints from September 2024 to March 2025; two in three closed,
/// 1 to 20 days after receipt; received at all hours (12-hour clocks, days
/// and months over and under 12).
fn truth() -> Vec<Truth> {
    let start = NaiveDate::from_ymd_opt(2024, 9, 2).and_then(|d| d.and_hms_opt(8, 5, 0)).unwrap_or_default();
    (0..60)
        .map(|n| {
            let received = start + chrono::Duration::hours(n as i64 * 83 + (n as i64 % 7) * 3);
            let closed = (n % 3 != 0).then(|| received + chrono::Duration::hours(24 * (1 + n as i64 % 20) + 5));
            Truth {
                n,
                received,
                closed,
                defect: DEFECTS[n % 4],
                product: PRODUCTS[n % 3],
                customer: CUSTOMERS[(n / 2) % 3],
            }
        })
        .collect()
}

/// The report period: the month of the last receipt.
const PERIOD: &str = "2025-03";

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 31).unwrap_or_default()
}

/// Per receipt month: (received, closed as of the period end). Without
/// closed dates an export tells closure as of the day it was made (its
/// status), so every closed complaint counts.
fn monthly(truth: &[Truth], closed_dates: bool) -> BTreeMap<String, (u64, u64)> {
    let mut out = BTreeMap::new();
    for t in truth {
        let e = out.entry(t.received.format("%Y-%m").to_string()).or_insert((0, 0));
        e.0 += 1;
        e.1 += u64::from(t.closed.is_some_and(|c| !closed_dates || c.date() <= as_of()));
    }
    out
}

fn csv_line(cells: &[String], sep: &str, quote_all: bool) -> String {
    let cells: Vec<String> = cells
        .iter()
        .map(|c| {
            if quote_all || c.contains(sep) || c.contains('"') || c.contains('\n') {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.clone()
            }
        })
        .collect();
    cells.join(sep) + "\n"
}

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>], quote_all: bool, tail: &str) {
    let mut text = csv_line(&header.iter().map(|h| h.to_string()).collect::<Vec<_>>(), ",", quote_all);
    for r in rows {
        text.push_str(&csv_line(r, ",", quote_all));
    }
    text.push_str(tail);
    std::fs::write(path, text).expect("write");
}

/// `03/Mar/25 9:05 AM` (Jira's default: day, month name, 2-digit year, unpadded 12-hour clock)
fn jira_date(t: NaiveDateTime) -> String {
    t.format("%d/%b/%y %-I:%M %p").to_string()
}

/// `3/3/2025 9:05 AM` (en_US)
fn us_datetime(t: NaiveDateTime) -> String {
    t.format("%-m/%-d/%Y %-I:%M %p").to_string()
}

fn iso_datetime(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

fn jira(path: &Path, truth: &[Truth]) {
    let header = [
        "Summary",
        "Issue key",
        "Issue id",
        "Issue Type",
        "Status",
        "Project key",
        "Project name",
        "Priority",
        "Resolution",
        "Assignee",
        "Reporter",
        "Created",
        "Updated",
        "Resolved",
        "Due date",
        "Component/s",
        "Component/s",
        "Labels",
        "Labels",
        "Description",
        "Custom field (Customer)",
        "Comment",
        "Status Category",
    ];
    let rows: Vec<Vec<String>> = truth
        .iter()
        .map(|t| {
            let done = t.closed.is_some();
            let (status, category) = if done {
                (["Done", "Closed", "Resolved"][t.n % 3], "Done")
            } else {
                (["Open", "In Progress", "To Do"][t.n % 3], if t.n % 2 == 0 { "To Do" } else { "In Progress" })
            };
            vec![
                format!("{} on {}", t.defect, t.product),
                format!("QC-{}", 100 + t.n),
                format!("{}", 10100 + t.n),
                t.defect.into(),
                status.into(),
                "QC".into(),
                "Quality Complaints".into(),
                "High".into(),
                if done { "Fixed".into() } else { String::new() },
                "Kim Minji".into(),
                t.customer.into(),
                jira_date(t.received),
                jira_date(t.closed.unwrap_or(t.received)),
                t.closed.map(jira_date).unwrap_or_default(),
                "20/Aug/25".into(),
                // multi-values: the product first, a second component on some
                t.product.into(),
                if t.n % 4 == 0 { "Housing".into() } else { String::new() },
                "field".into(),
                String::new(),
                "Customer reports a problem.\nPhotos attached.".into(),
                t.customer.into(),
                if t.n % 5 == 0 { format!("{};kim;Requested batch", jira_date(t.received)) } else { String::new() },
                category.into(),
            ]
        })
        .collect();
    write_csv(path, &header, &rows, false, ",,,,,,,,,,,,,,,,,,,,,,\n");
}

fn zendesk(path: &Path, truth: &[Truth]) {
    let header = [
        "Summation column",
        "Id",
        "Requester",
        "Requester id",
        "Requester email",
        "Assignee",
        "Group",
        "Subject",
        "Tags",
        "Status",
        "Priority",
        "Via",
        "Ticket type",
        "Created at",
        "Updated at",
        "Organization",
        "Due date",
        "Solved at",
        "Satisfaction Score",
        "Product [list]",
        "Defect Type [list]",
    ];
    let rows: Vec<Vec<String>> = truth
        .iter()
        .map(|t| {
            let status = match (t.closed, t.n % 4) {
                (Some(_), 0 | 1) => "Solved",
                (Some(_), _) => "Closed",
                (None, 0) => "New",
                (None, 1) => "Open",
                (None, 2) => "Pending",
                (None, _) => "On-hold",
            };
            vec![
                "1".into(),
                format!("{}", 48200 + t.n),
                "Jane Roe".into(),
                "381220011".into(),
                "jane@acme.example".into(),
                "Kim Minji".into(),
                "Quality".into(),
                format!("{} on {}", t.defect, t.product),
                format!("{} {}", t.defect.to_lowercase(), t.product.to_lowercase()),
                status.into(),
                "High".into(),
                "Mail".into(),
                "Incident".into(),
                iso_datetime(t.received),
                iso_datetime(t.closed.unwrap_or(t.received)),
                t.customer.into(),
                String::new(),
                t.closed.map(iso_datetime).unwrap_or_default(),
                "Offered".into(),
                t.product.into(),
                t.defect.into(),
            ]
        })
        .collect();
    write_csv(path, &header, &rows, false, "");
}

fn servicenow_state(t: &Truth) -> &'static str {
    match (t.closed, t.n % 3) {
        (Some(_), 0) => "Closed",
        (Some(_), _) => "Resolved",
        (None, 1) => "In Progress",
        (None, _) => "New",
    }
}

fn servicenow_csv(path: &Path, truth: &[Truth]) {
    let header = [
        "number",
        "opened_at",
        "short_description",
        "caller_id",
        "priority",
        "state",
        "category",
        "assignment_group",
        "assigned_to",
        "resolved_at",
        "closed_at",
        "sys_updated_on",
        "company",
        "cmdb_ci",
    ];
    let rows: Vec<Vec<String>> = truth
        .iter()
        .map(|t| {
            vec![
                format!("INC00{}", 10200 + t.n),
                iso_datetime(t.received),
                format!("{} on {}", t.defect, t.product),
                "Buyer".into(),
                "2 - High".into(),
                servicenow_state(t).into(),
                t.defect.into(),
                "Quality Complaints".into(),
                "Lee Jun".into(),
                t.closed.map(iso_datetime).unwrap_or_default(),
                // closed a week after resolution, when the state says so
                t.closed
                    .filter(|_| servicenow_state(t) == "Closed")
                    .map(|c| iso_datetime(c + chrono::Duration::days(7)))
                    .unwrap_or_default(),
                iso_datetime(t.closed.unwrap_or(t.received)),
                t.customer.into(),
                t.product.into(),
            ]
        })
        .collect();
    write_csv(path, &header, &rows, true, "");
}

fn datetime_cell(ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, t: NaiveDateTime, f: &Format) {
    ws.write_datetime_with_format(r, c, t, f).expect("date");
}

fn servicenow_xlsx(path: &Path, truth: &[Truth]) {
    let header = [
        "Number",
        "Opened",
        "Short description",
        "Caller",
        "Priority",
        "State",
        "Category",
        "Assignment group",
        "Assigned to",
        "Resolved",
        "Closed",
        "Updated",
        "Company",
        "Configuration item",
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Page 1").expect("sheet");
    let f = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("w");
    }
    for (i, t) in truth.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, format!("INC00{}", 10200 + t.n)).expect("w");
        datetime_cell(ws, r, 1, t.received, &f);
        ws.write_string(r, 2, format!("{} on {}", t.defect, t.product)).expect("w");
        ws.write_string(r, 3, "Buyer").expect("w");
        ws.write_string(r, 4, "2 - High").expect("w");
        ws.write_string(r, 5, servicenow_state(t)).expect("w");
        ws.write_string(r, 6, t.defect).expect("w");
        ws.write_string(r, 7, "Quality Complaints").expect("w");
        ws.write_string(r, 8, "Lee Jun").expect("w");
        if let Some(c) = t.closed {
            datetime_cell(ws, r, 9, c, &f);
            if servicenow_state(t) == "Closed" {
                datetime_cell(ws, r, 10, c + chrono::Duration::days(7), &f);
            }
        }
        datetime_cell(ws, r, 11, t.closed.unwrap_or(t.received), &f);
        ws.write_string(r, 12, t.customer).expect("w");
        ws.write_string(r, 13, t.product).expect("w");
    }
    wb.save(path).expect("save");
}

fn salesforce(path: &Path, truth: &[Truth]) {
    let header = [
        "Case Owner",
        "Subject",
        "Case Number",
        "Account Name",
        "Contact Name",
        "Status",
        "Priority",
        "Case Origin",
        "Type",
        "Case Reason",
        "Product",
        "Date/Time Opened",
        "Date/Time Closed",
        "Closed",
        "Escalated",
        "Description",
    ];
    let rows: Vec<Vec<String>> = truth
        .iter()
        .map(|t| {
            vec![
                "Kim Minji".into(),
                format!("{} on {}", t.defect, t.product),
                format!("{:08}", 1026 + t.n),
                t.customer.into(),
                "Jane Roe".into(),
                if t.closed.is_some() { "Closed" } else { ["New", "Working", "Escalated"][t.n % 3] }.into(),
                "High".into(),
                "Email".into(),
                t.defect.into(),
                "Performance".into(),
                t.product.into(),
                us_datetime(t.received),
                t.closed.map(us_datetime).unwrap_or_default(),
                if t.closed.is_some() { "1" } else { "0" }.into(),
                "0".into(),
                String::new(),
            ]
        })
        .collect();
    let footer = "\n\n\"Cases with products\"\n\"Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.\"\n\
                  \"Confidential Information - Do Not Distribute\"\n\"Generated By:  Kim Minji  3/31/2025 5:02 PM\"\n\"ACME Quality\"\n";
    write_csv(path, &header, &rows, true, footer);
}

fn dynamics(path: &Path, truth: &[Truth]) {
    let header = [
        "(Do Not Modify) Case",
        "(Do Not Modify) Row Checksum",
        "(Do Not Modify) Modified On",
        "Case Title",
        "Case Number",
        "Priority",
        "Origin",
        "Customer",
        "Status",
        "Status Reason",
        "Created On",
        "Owner",
        "Product",
        "Case Type",
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Active Cases").expect("sheet");
    // date-only display, full date and time in the cell
    let f = Format::new().set_num_format("m/d/yyyy");
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("w");
    }
    for c in 0..3 {
        ws.set_column_hidden(c).expect("hidden");
    }
    for (i, t) in truth.iter().enumerate() {
        let r = i as u32 + 1;
        let (status, reason) = match (t.closed, t.n % 4) {
            (Some(_), 0) => ("Cancelled", "Merged"),
            (Some(_), _) => ("Resolved", "Problem Solved"),
            (None, 1) => ("Active", "On Hold"),
            (None, _) => ("Active", "In Progress"),
        };
        ws.write_string(r, 0, format!("5b1e4a2c-0f3d-ef11-8409-{:012x}", t.n)).expect("w");
        ws.write_string(r, 1, "Qm9XQ2hrMTIzNA==").expect("w");
        datetime_cell(ws, r, 2, t.closed.unwrap_or(t.received), &f);
        ws.write_string(r, 3, format!("{} on {}", t.defect, t.product)).expect("w");
        ws.write_string(r, 4, format!("CAS-{:05}-K7Q2W1", 1026 + t.n)).expect("w");
        ws.write_string(r, 5, "High").expect("w");
        ws.write_string(r, 6, "Email").expect("w");
        ws.write_string(r, 7, t.customer).expect("w");
        ws.write_string(r, 8, status).expect("w");
        ws.write_string(r, 9, reason).expect("w");
        datetime_cell(ws, r, 10, t.received, &f);
        ws.write_string(r, 11, "Kim Minji").expect("w");
        ws.write_string(r, 12, t.product).expect("w");
        ws.write_string(r, 13, t.defect).expect("w");
    }
    wb.save(path).expect("save");
}

/// SAP's "local file" list download: UTF-16LE with BOM, tab-separated, lines
/// above the header, `dd.mm.yyyy` dates with the time in a column of its
/// own, the system status as codes (NOCO = completed).
fn sap_local_file(path: &Path, truth: &[Truth], korean: bool) {
    let header: &[&str] = if korean {
        // the SAP GUI's Korean headings (candidates; not yet seen in a real export)
        &[
            "통지 유형",
            "통지",
            "통지일",
            "시간",
            "내역",
            "자재",
            "배치",
            "고객",
            "코드 그룹",
            "코딩",
            "우선순위",
            "완료일",
            "시스템 상태",
            "사용자 상태",
        ]
    } else {
        &[
            "Typ",
            "Notifctn",
            "Notif.date",
            "Time",
            "Description",
            "Material",
            "Batch",
            "Customer",
            "Code group",
            "Coding",
            "Priority",
            "Completion",
            "System status",
            "UserStatus",
        ]
    };
    let mut text = String::from(if korean { "통지: 목록\n\n\n" } else { "Notifications: List\n\n\n" });
    text.push_str(&header.join("\t"));
    text.push('\n');
    for t in truth {
        let row = [
            "Q1".to_string(),
            format!("{}", 300001234 + t.n),
            t.received.format("%d.%m.%Y").to_string(),
            t.received.format("%H:%M:%S").to_string(),
            format!("{} on {}", t.defect, t.product),
            t.product.to_string(),
            format!("B2502-{:02}", t.n % 30),
            t.customer.to_string(),
            "QM-DEF".to_string(),
            t.defect.to_string(),
            "2".to_string(),
            t.closed.map(|c| c.format("%d.%m.%Y").to_string()).unwrap_or_default(),
            if t.closed.is_some() { "NOCO ATCO" } else { ["OSNO", "NOPR OSTS"][t.n % 2] }.to_string(),
            "CRTD".to_string(),
        ];
        text.push_str(&row.join("\t"));
        text.push('\n');
    }
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(path, bytes).expect("write");
}

/// Reads an export with zero configuration and checks it against the truth.
/// `closed_dates`: the export carries closed dates.
fn assert_reads(file: &str, write: fn(&Path, &[Truth]), source: &str, id: fn(usize) -> String, closed_dates: bool) {
    let dir = tempdir();
    let truth = truth();
    write(&dir.path().join(file), &truth);
    let v = check_json(dir.path(), &[file]);
    let sheet = &v["sheets"][0];
    assert_eq!(sheet["source"]["name"], source, "{file}: detected source");
    let q = &v["data_quality"];
    assert_eq!((q["accepted"].clone(), q["rejected"].clone()), (60.into(), 0.into()), "{file}: {q}");
    let table = clean_table(dir.path(), &[file]);
    let by: BTreeMap<String, &BTreeMap<String, String>> =
        table.iter().map(|r| (r["complaint_id"].clone(), r)).collect();
    for t in &truth {
        let row = by.get(&id(t.n)).unwrap_or_else(|| panic!("{file}: {} missing", id(t.n)));
        let day = |d: NaiveDateTime| d.date().to_string();
        assert_eq!(row["received_date"], day(t.received), "{file} {}", id(t.n));
        if closed_dates {
            assert_eq!(row["closed_date"], t.closed.map(day).unwrap_or_default(), "{file} {}", id(t.n));
        }
        assert_eq!(
            row["closed_mark"] == "true" || !row["closed_date"].is_empty(),
            t.closed.is_some(),
            "{file} {}",
            id(t.n)
        );
        assert_eq!(row["defect_type"], t.defect, "{file} {}", id(t.n));
        assert_eq!(row["product"], t.product, "{file} {}", id(t.n));
        assert_eq!(row["customer"], t.customer, "{file} {}", id(t.n));
    }
    // the monthly figures of the report
    let o = run_in(dir.path(), &["report", file, "--period", PERIOD, "--months", "7", "--out", "out"]);
    assert!(o.status.success(), "{file}: {}", stderr(&o));
    let summary: Value =
        serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("summary")).expect("json");
    let want = monthly(&truth, closed_dates);
    for row in summary["trend"].as_array().expect("trend") {
        let month = row["month"].as_str().unwrap_or("");
        let (received, closed) = want.get(month).copied().unwrap_or((0, 0));
        assert_eq!(row["received"], received, "{file} {month} received");
        assert_eq!(row["closed"], closed, "{file} {month} closed");
    }
}

#[test]
fn jira_csv_export() {
    assert_reads("jira.csv", jira, "jira", |n| format!("QC-{}", 100 + n), true);
}

#[test]
fn zendesk_csv_export() {
    assert_reads("zendesk.csv", zendesk, "zendesk", |n| format!("{}", 48200 + n), true);
}

#[test]
fn servicenow_csv_and_excel_exports() {
    let id = |n| format!("INC00{}", 10200 + n);
    assert_reads("incident.csv", servicenow_csv, "servicenow", id, true);
    assert_reads("incident.xlsx", servicenow_xlsx, "servicenow", id, true);
}

#[test]
fn salesforce_report_with_its_footer() {
    assert_reads("cases.csv", salesforce, "salesforce", |n| format!("{:08}", 1026 + n), true);
    let dir = tempdir();
    salesforce(&dir.path().join("cases.csv"), &truth());
    let v = check_json(dir.path(), &["cases.csv"]);
    assert_eq!(v["data_quality"]["note_rows"], 5, "the report name, copyright, confidential, generated by, company");
    assert_eq!(v["data_quality"]["rejected"], 0);
}

#[test]
fn dynamics_365_case_export() {
    // Dynamics' case view has no resolved date: closure comes from Status
    assert_reads("cases.xlsx", dynamics, "dynamics", |n| format!("CAS-{:05}-K7Q2W1", 1026 + n), false);
}

#[test]
fn sap_qm_notification_lists_in_english_and_korean() {
    let id = |n| format!("{}", 300001234 + n);
    assert_reads("notifications.xls", |p, t| sap_local_file(p, t, false), "sapqm", id, true);
    assert_reads("통지목록.txt", |p, t| sap_local_file(p, t, true), "sapqm", id, true);
}

#[test]
fn check_names_the_source_and_a_flag_can_force_one() {
    let dir = tempdir();
    jira(&dir.path().join("jira.csv"), &truth());
    let text = stdout(&run_in(dir.path(), &["check", "jira.csv"]));
    assert!(text.contains("looks like a Jira CSV export (--source jira)"), "{text}");
    assert!(text.contains("repeats 'Component/s'"), "{text}");
    // read as a plain ledger, Jira's `Issue key` is no id
    let v = check_json(dir.path(), &["jira.csv", "--source", "ledger"]);
    assert_eq!(v["sheets"][0]["source"], Value::Null);
    let o = run_in(dir.path(), &["check", "jira.csv", "--source", "jiraa"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--source 'jiraa' is not a known source"), "{}", stderr(&o));
}

#[test]
fn a_users_own_profile_in_the_config() {
    let dir = tempdir();
    let text = "Complaint No;Logged;Client;Item;Fault;Done on;State\n\
                A-1;2025-03-03;ACME;P-1;Crack;2025-03-05;fertig\n\
                A-2;2025-03-04;Beta;P-2;Leak;;offen\n\
                A-3;2025-03-06;ACME;P-1;Crack;;fertig\n";
    std::fs::write(dir.path().join("acme.csv"), text).expect("write");
    std::fs::write(
        dir.path().join("acme.toml"),
        r#"
[profiles.acme_qms]
title = "ACME QMS export"
detect = [["Complaint No", "Logged"]]
closed = ["fertig"]

[profiles.acme_qms.columns]
complaint_id = ["Complaint No"]
received_date = ["Logged"]
closed_date = ["Done on"]
customer = ["Client"]
product = ["Item"]
defect_type = ["Fault"]
status = ["State"]
"#,
    )
    .expect("write");
    let v = check_json(dir.path(), &["acme.csv", "--config", "acme.toml"]);
    assert_eq!(v["sheets"][0]["source"]["name"], "acme_qms");
    assert_eq!(v["data_quality"]["accepted"], 3);
    let t = clean_table(dir.path(), &["acme.csv", "--config", "acme.toml"]);
    let closed: Vec<(&str, &str)> = t.iter().map(|r| (r["complaint_id"].as_str(), r["closed_mark"].as_str())).collect();
    // `fertig` is this system's closed word
    assert_eq!(closed, [("A-1", "true"), ("A-2", "false"), ("A-3", "true")]);
    assert_eq!(t[0]["closed_date"], "2025-03-05");
    assert_eq!(t[2]["defect_type"], "Crack");
}

#[test]
fn the_received_month_of_each_truth_is_in_the_window() {
    // the generators' truth spans the report's seven months
    let months: Vec<String> = monthly(&truth(), true).into_keys().collect();
    assert_eq!(months.first().map(String::as_str), Some("2024-09"));
    assert_eq!(months.last().map(String::as_str), Some(PERIOD));
    assert!(truth().iter().any(|t| t.received.day() > 12) && truth().iter().any(|t| t.received.month() < 12));
}
