//! Property test: random ledgers with random layout problems (title rows,
//! blank, subtotal, note and repeated header rows, every date form, blank
//! and unreadable dates, repeated ids, CP949 or UTF-8, any delimiter) always
//! reconcile — data_rows = accepted + rejected, accepted = complaints +
//! duplicates_merged — with the counts the generator knows, and every
//! rejected row is in rejects.csv.

mod common;

use common::*;
use complaints::ingest::{ingest, IngestOptions};
use proptest::prelude::*;
use std::collections::HashSet;

#[derive(Debug, Clone)]
enum Date {
    Iso,
    Dotted,
    Korean,
    Compact,
    Blank,
    Bad(&'static str),
}

#[derive(Debug, Clone)]
enum Row {
    Data { id: Option<u8>, date: Date, day: u32, customer: bool },
    Blank,
    Subtotal,
    Note,
    RepeatedHeader,
}

fn date_strategy() -> impl Strategy<Value = Date> {
    prop_oneof![
        4 => Just(Date::Iso),
        2 => Just(Date::Dotted),
        2 => Just(Date::Korean),
        2 => Just(Date::Compact),
        1 => Just(Date::Blank),
        1 => prop_oneof![Just("미상"), Just("확인중"), Just("2024.13.45")].prop_map(Date::Bad),
    ]
}

fn row_strategy() -> impl Strategy<Value = Row> {
    prop_oneof![
        10 => (proptest::option::of(0u8..40), date_strategy(), 1u32..28, any::<bool>())
            .prop_map(|(id, date, day, customer)| Row::Data { id, date, day, customer }),
        1 => Just(Row::Blank),
        1 => Just(Row::Subtotal),
        1 => Just(Row::Note),
        1 => Just(Row::RepeatedHeader),
    ]
}

#[derive(Debug, Clone)]
struct Ledger {
    titles: usize,
    rows: Vec<Row>,
    delimiter: char,
    cp949: bool,
}

fn ledger_strategy() -> impl Strategy<Value = Ledger> {
    (
        0usize..4,
        proptest::collection::vec(row_strategy(), 1..60),
        prop_oneof![Just(','), Just(';'), Just('\t'), Just('|')],
        any::<bool>(),
    )
        .prop_map(|(titles, rows, delimiter, cp949)| Ledger { titles, rows, delimiter, cp949 })
}

/// What the ledger must read as: (data rows, rejected, complaints, duplicates, rejected source rows).
fn expected(l: &Ledger) -> (usize, usize, usize, usize, Vec<u32>) {
    let (mut data, mut rejected, mut complaints, mut dups) = (0, 0, 0, 0);
    let mut seen = HashSet::new();
    let mut rejected_rows = Vec::new();
    for (i, r) in l.rows.iter().enumerate() {
        let Row::Data { id, date, .. } = r else { continue };
        data += 1;
        if matches!(date, Date::Blank | Date::Bad(_)) {
            rejected += 1;
            rejected_rows.push((l.titles + 2 + i) as u32);
            continue;
        }
        match id {
            Some(id) if !seen.insert(*id) => dups += 1,
            _ => complaints += 1,
        }
    }
    (data, rejected, complaints, dups, rejected_rows)
}

fn render(l: &Ledger) -> Vec<u8> {
    let d = l.delimiter.to_string();
    let mut lines: Vec<String> = Vec::new();
    for t in 0..l.titles {
        lines.push(if t == 0 {
            "2024년 고객불만 접수대장".to_string()
        } else {
            format!("작성: 품질팀{d}{d}검토")
        });
    }
    let header = ["접수번호", "접수일", "고객", "불만내용"].join(&d);
    lines.push(header.clone());
    for (i, r) in l.rows.iter().enumerate() {
        let line = match r {
            Row::Data { id, date, day, customer } => {
                let date = match date {
                    Date::Iso => format!("2024-03-{day:02}"),
                    Date::Dotted => format!("2024. 3. {day}."),
                    Date::Korean => format!("2024년 3월 {day}일"),
                    Date::Compact => format!("202403{day:02}"),
                    Date::Blank => String::new(),
                    Date::Bad(t) => t.to_string(),
                };
                let id = id.map(|n| format!("C-{n:03}")).unwrap_or_default();
                let customer = if *customer { "대원산업" } else { "" };
                [id, date, customer.to_string(), format!("불만 {i}")].join(&d)
            }
            Row::Blank => String::new(),
            Row::Subtotal => ["소계".to_string(), "3건".to_string()].join(&d),
            Row::Note => "※ 처리기간 10일 이내".to_string(),
            Row::RepeatedHeader => header.clone(),
        };
        lines.push(line);
    }
    let text = lines.join("\r\n") + "\r\n";
    if l.cp949 {
        encoding_rs::EUC_KR.encode(&text).0.into_owned()
    } else {
        text.into_bytes()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_ledgers_always_reconcile(l in ledger_strategy()) {
        let (data, rejected, complaints, dups, _) = expected(&l);
        prop_assume!(data > rejected); // a ledger with nothing readable is the exit-2 case, tested elsewhere
        let dir = tempdir();
        let path = dir.path().join("ledger.csv");
        std::fs::write(&path, render(&l)).expect("write");
        let got = ingest(&[path], &IngestOptions::default(), |_| {}).expect("ingest");
        let q = &got.quality;
        prop_assert_eq!(q.rows.data_rows, q.rows.accepted + q.rows.rejected);
        prop_assert_eq!(q.rows.accepted, q.complaints + q.duplicates_merged);
        prop_assert_eq!((q.rows.data_rows, q.rows.rejected, q.complaints, q.duplicates_merged), (data, rejected, complaints, dups));
        prop_assert_eq!(got.table.height(), complaints);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn every_rejected_row_is_in_rejects_csv(l in ledger_strategy()) {
        let (data, rejected, _, _, rejected_rows) = expected(&l);
        prop_assume!(data > rejected);
        let dir = tempdir();
        std::fs::write(dir.path().join("ledger.csv"), render(&l)).expect("write");
        let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "out"]);
        prop_assert!(o.status.success(), "{}", stderr(&o));
        let mut reader = csv::Reader::from_path(dir.path().join("out/rejects.csv")).expect("rejects.csv");
        let rows: Vec<u32> = reader.records().map(|r| r.expect("record")[2].parse::<u32>().expect("row number")).collect();
        prop_assert_eq!(rows, rejected_rows);
    }
}
