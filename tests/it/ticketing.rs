//! Ticketing exports whose coarse classification column holds one value on
//! every row (issue 21): the defect type comes from the column that tells
//! complaints apart — Jira `Labels` over an `Issue Type` of "Complaint",
//! Dynamics `Case Reason` over a `Case Type` of "Problem", Salesforce `Case
//! Reason` over `Type`, Zendesk `Complaint category [list]` over `Ticket
//! type`, ServiceNow `subcategory` over `category` — and `check` says why. A
//! ServiceNow event log (one row per update) is the history of each
//! incident: its latest row is the complaint.

use crate::common::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

/// The classification each complaint truly has, and its coarse parent.
const REASONS: [(&str, &str); 6] = [
    ("Leak", "Hardware"),
    ("Crack", "Hardware"),
    ("Noise", "Hardware"),
    ("Login failure", "Software"),
    ("Wrong invoice", "Billing"),
    ("Late refund", "Billing"),
];

fn write_csv(path: &Path, header: &[&str], rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).expect("csv");
    w.write_record(header).expect("header");
    for r in rows {
        w.write_record(r).expect("row");
    }
    w.flush().expect("flush");
}

fn column<'a>(v: &'a Value, header: &str) -> &'a Value {
    let columns = v["sheets"][0]["columns"].as_array();
    columns.and_then(|c| c.iter().find(|c| c["header"] == header)).unwrap_or(&Value::Null)
}

/// Reads `file` with zero configuration; asserts the defect type comes from
/// `fine` (with a reason) over `coarse` (not used, with its reason), and
/// that each complaint's defect type is its true reason.
fn assert_taken(dir: &Path, file: &str, fine: &str, coarse: &str, why: &str) {
    let v = check_json(dir, &[file]);
    assert_eq!(column(&v, fine)["field"], "defect_type", "{file}: {v}");
    let reason = column(&v, fine)["why"].as_str().unwrap_or("");
    assert!(reason.contains(why), "{file}: {reason}");
    assert!(column(&v, coarse)["field"].is_null(), "{file}");
    assert!(column(&v, coarse)["note"].as_str().unwrap_or("").contains("defect_type is read from"), "{file}");
    let rows = clean_table(dir, &[file]);
    assert_eq!(rows.len(), 24, "{file}");
    for (i, r) in rows.iter().enumerate() {
        assert_eq!(r["defect_type"], REASONS[i % 6].0, "{file} row {i}");
    }
    let text = stdout(&run_in(dir, &["check", file]));
    assert!(text.contains("→ defect_type (taken because"), "{file}: {text}");
}

fn day(i: usize) -> (u32, u32) {
    (1 + (i % 5) as u32, 1 + (i * 7 % 27) as u32)
}

#[test]
fn the_column_that_tells_complaints_apart_is_the_defect_type() {
    let dir = tempdir();
    let n = 24;
    // Jira: Issue Type all "Complaint"; the classification in Labels (repeated header)
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            let (m, d) = day(i);
            vec![
                format!("QC-{}", 100 + i),
                format!("{}", 10_000 + i),
                format!("Customer reports issue {i}"),
                "Complaint".into(),
                "Done".into(),
                format!("{d:02}/{}/25 10:14 AM", ["Jan", "Feb", "Mar", "Apr", "May"][(m - 1) as usize]),
                REASONS[i % 6].0.into(),
                if i % 4 == 0 { "urgent".into() } else { String::new() },
                "ACME".into(),
            ]
        })
        .collect();
    let header = [
        "Issue key",
        "Issue id",
        "Summary",
        "Issue Type",
        "Status",
        "Created",
        "Labels",
        "Labels",
        "Custom field (Customer)",
    ];
    write_csv(&dir.path().join("jira.csv"), &header, &rows);
    assert_taken(dir.path(), "jira.csv", "Labels", "Issue Type", "'Complaint' on 100 % of rows");

    // Dynamics 365 and Salesforce: Case Type / Type all "Problem", Case Reason varied
    for (file, header) in [
        (
            "dynamics.csv",
            ["Case Number", "Case Title", "Case Type", "Case Reason", "Customer", "Created On", "Status Reason"],
        ),
        (
            "salesforce.csv",
            ["Case Number", "Subject", "Type", "Case Reason", "Account Name", "Date/Time Opened", "Status"],
        ),
    ] {
        let rows: Vec<Vec<String>> = (0..n)
            .map(|i| {
                let (m, d) = day(i);
                vec![
                    format!("CAS-{:05}", 2000 + i),
                    format!("Case {i}"),
                    "Problem".into(),
                    REASONS[i % 6].0.into(),
                    ["ACME", "Globex"][i % 2].into(),
                    format!("{m}/{d}/2025 9:30 AM"),
                    "Active".into(),
                ]
            })
            .collect();
        write_csv(&dir.path().join(file), &header, &rows);
        assert_taken(dir.path(), file, "Case Reason", header[2], "'Problem' on 100 % of rows");
    }

    // Zendesk: Ticket type all "Problem"; the category in a custom field
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            let (m, d) = day(i);
            vec![
                format!("{}", 5000 + i),
                "900".into(),
                format!("2025-{m:02}-{d:02} 08:00:00 +0900"),
                "open".into(),
                "Problem".into(),
                REASONS[i % 6].0.into(),
                "ACME".into(),
            ]
        })
        .collect();
    let header =
        ["Id", "Requester id", "Created at", "Status", "Ticket type", "Complaint category [list]", "Organization"];
    write_csv(&dir.path().join("zendesk.csv"), &header, &rows);
    assert_taken(dir.path(), "zendesk.csv", "Complaint category [list]", "Ticket type", "'Problem' on 100 % of rows");

    // ServiceNow: category and subcategory both vary; the subcategory is more specific
    let rows: Vec<Vec<String>> = (0..n)
        .map(|i| {
            let (m, d) = day(i);
            vec![
                format!("INC00{}", 10_000 + i),
                format!("2025-{m:02}-{d:02} 08:00:00"),
                "2".into(),
                REASONS[i % 6].1.into(),
                REASONS[i % 6].0.into(),
                format!("Short {i}"),
            ]
        })
        .collect();
    let header = ["number", "opened_at", "state", "category", "subcategory", "short_description"];
    write_csv(&dir.path().join("servicenow.csv"), &header, &rows);
    assert_taken(dir.path(), "servicenow.csv", "subcategory", "category", "more specific than column D 'category'");
}

#[test]
fn without_an_informative_column_check_proposes_one_that_works_as_printed() {
    let dir = tempdir();
    // Salesforce without Case Reason: the classification is in Subject (read as the description)
    let rows: Vec<Vec<String>> = (0..24)
        .map(|i| {
            let (m, d) = day(i);
            vec![format!("{:08}", 1000 + i), REASONS[i % 6].0.into(), "Problem".into(), format!("{m}/{d}/2025 9:30 AM")]
        })
        .collect();
    write_csv(&dir.path().join("sf.csv"), &["Case Number", "Subject", "Type", "Date/Time Opened"], &rows);
    let v = check_json(dir.path(), &["sf.csv"]);
    let command = v["proposed_command"].as_str().unwrap_or("").to_string();
    assert!(command.contains("--map defect_type=Subject"), "{v}");
    let why = v["sheets"][0]["proposal"]["fields"][0]["why"].as_str().unwrap_or("");
    assert!(why.contains("holds 'Problem' on 100 % of rows"), "{why}");
    let o = std::process::Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!("{command} --table t.csv"))
        .output()
        .expect("sh");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let table = std::fs::read_to_string(dir.path().join("t.csv")).expect("table");
    assert_eq!(table.matches(",Login failure,").count(), 4, "{table}");
}

/// A ServiceNow incident event log: one row per update, the state changing
/// New → Active → (Awaiting User Info) → Resolved → Closed; `?` for a
/// missing value, dates day-first.
#[test]
fn an_event_log_is_the_history_of_its_tickets() {
    let dir = tempdir();
    let header = [
        "number",
        "incident_state",
        "active",
        "reassignment_count",
        "sys_mod_count",
        "opened_at",
        "sys_updated_at",
        "category",
        "subcategory",
        "resolved_at",
        "closed_at",
    ];
    let mut rows = Vec::new();
    let mut truth: BTreeMap<String, (String, String)> = BTreeMap::new();
    for t in 0..32usize {
        let id = format!("INC{:07}", 1000 + t);
        let opened = format!("{}/3/2016 09:{:02}", 1 + t % 28, t % 60);
        let mut states = vec!["New", "Active", "Active"];
        if t % 3 == 0 {
            states.push("Awaiting User Info");
        }
        let closes = t % 8 != 7; // 4 incidents still open
        if closes {
            states.extend(["Resolved", "Closed"]);
        }
        // pad to 198 events in all: a few incidents get more updates
        let extra = usize::from(t < 26) + usize::from(t < 9);
        for _ in 0..extra {
            states.insert(1, "Active");
        }
        for (k, s) in states.iter().enumerate() {
            let resolved =
                if *s == "Resolved" || *s == "Closed" { format!("{}/3/2016 17:00", 2 + t % 27) } else { "?".into() };
            rows.push(vec![
                id.clone(),
                s.to_string(),
                (*s != "Closed").to_string(),
                "0".into(),
                k.to_string(),
                opened.clone(),
                format!("{}/3/2016 1{}:00", 1 + t % 28, k % 10),
                "Category 9".into(),
                format!("Subcategory {}", t % 5),
                resolved,
                if *s == "Closed" { format!("{}/3/2016 18:00", 2 + t % 27) } else { "?".into() },
            ]);
        }
        truth.insert(id, (states.last().copied().unwrap_or("").to_string(), format!("2016-03-{:02}", 1 + t % 28)));
    }
    assert_eq!(rows.len(), 198);
    write_csv(&dir.path().join("incident_event_log.csv"), &header, &rows);
    let text = stdout(&run_in(dir.path(), &["check", "incident_event_log.csv"]));
    assert!(text.contains("198 rows are the history of 32 tickets"), "{text}");
    let v = check_json(dir.path(), &["incident_event_log.csv"]);
    assert_eq!(v["data_quality"]["complaints"], 32);
    assert_eq!(v["data_quality"]["id_conflicts"], 0, "a ticket's own updates are not conflicts");
    let table = clean_table(dir.path(), &["incident_event_log.csv"]);
    for r in &table {
        let (state, received) = &truth[&r["complaint_id"]];
        assert_eq!((&r["status"], &r["received_date"]), (state, received), "{}", r["complaint_id"]);
        assert_eq!(r["closed_date"].is_empty(), state != "Closed", "{}", r["complaint_id"]);
    }
}
