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

/// Cases of the whole-pipeline property (a minute at most by default);
/// `PROPTEST_CASES=2000 cargo test --release --test properties` runs longer.
fn pipeline_cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(24)
}

/// Weekdays in (from, to], counted one by one (independent of the engine).
fn weekdays_between(from: chrono::NaiveDate, to: chrono::NaiveDate) -> i64 {
    use chrono::Datelike;
    let mut n = 0;
    let mut d = from;
    while d < to {
        d = d.succ_opt().expect("date");
        n += i64::from(d.weekday().num_days_from_monday() < 5);
    }
    n
}

proptest! {
    #![proptest_config(ProptestConfig { cases: pipeline_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Generated ledgers of random size through ingest and every metric with
    /// random flags: never a panic, the books balance, and every figure obeys
    /// its invariants (docs/metrics.md §3): on_time + late ≤ closed, rates in
    /// [0, 1], aging sums to the open complaints received on or before
    /// as_of, and the overdue list is exactly the open complaints older
    /// than the target, computed here from the clean table.
    #[test]
    fn the_whole_pipeline_holds_for_any_period_and_flags(
        seed in 0u64..10_000,
        rows in 50usize..2_500,
        period_at in 0.0f64..1.0,
        as_of_extra in 0i64..=60,
        as_of_inside in 0.0f64..1.0,
        months in 1u32..=36,
        target_days in 0u32..=60,
        business_days in any::<bool>(),
    ) {
        use chrono::Datelike;
        use complaints::metrics::{self, months::Month, Params};
        let dir = tempdir();
        let path = dir.path().join("ledger.csv");
        complaints::sample::write_tidy(&path, rows, seed, complaints::sample::TidyFormat::Csv).expect("tidy");
        let ingested = ingest(&[path], &IngestOptions::default(), |_| {}).expect("ingest");
        let q = &ingested.quality;
        prop_assert_eq!(q.rows.data_rows, q.rows.accepted + q.rows.rejected);
        prop_assert_eq!(q.rows.accepted, q.complaints + q.duplicates_merged);

        // the clean table, as plain values
        let t = &ingested.table;
        let dates = |name: &str| -> Vec<Option<chrono::NaiveDate>> {
            t.column(name).expect(name).date().expect("date").as_date_iter().collect()
        };
        let received = dates("received_date");
        let closed = dates("closed_date");
        let marked: Vec<bool> = t.column("closed_mark").expect("mark").bool().expect("bool").iter().map(|v| v.unwrap_or(false)).collect();
        let ids: Vec<String> = t.column("complaint_id").expect("id").str().expect("str").iter().map(|v| v.unwrap_or("").to_string()).collect();
        let first = received.iter().flatten().min().copied().expect("a complaint");
        let last = received.iter().flatten().max().copied().expect("a complaint");

        // a period within the data, an as-of date from its start to 60 days past its end
        let span = Month::of(last).0 - Month::of(first).0;
        let period = Month(Month::of(first).0 + (period_at * f64::from(span + 1)).floor().min(f64::from(span)) as i32);
        let inside = (period.last_day() - period.first_day()).num_days();
        let as_of = period.first_day() + chrono::Duration::days((as_of_inside * inside as f64) as i64 + as_of_extra);
        let params = Params { period: Some(period), as_of: Some(as_of), months, target_days, business_days, ..Params::default() };
        let report = metrics::compute(&ingested, &params).expect("metrics");

        prop_assert!(report.data_quality.closure_recorded); // the generated ledgers have closed dates
        for m in report.trend.iter().map(|t| &t.cohort).chain(std::iter::once(&report.month)) {
            let n = |x: Option<u64>| x.expect("closure recorded: every count is given");
            let (closed, on_time, late, overdue) = (n(m.closed), n(m.on_time), n(m.late), n(m.overdue));
            prop_assert!(on_time + late <= closed);
            prop_assert!(closed + overdue + n(m.open_within_target) <= m.received);
            let determinable = on_time + late + overdue;
            prop_assert_eq!(m.on_time_rate.is_some(), determinable > 0);
            for rate in [m.on_time_rate, m.repeat_rate, m.recurrence_after_closure_rate].into_iter().flatten() {
                prop_assert!((0.0..=1.0).contains(&rate), "{rate}");
            }
            if let Some(r) = m.on_time_rate {
                prop_assert!((r - on_time as f64 / determinable as f64).abs() <= 5.000_1e-5); // 4 decimals
            }
        }
        prop_assert_eq!(report.trend.len(), months as usize);

        // aging and the overdue list, independently
        let age = |r: chrono::NaiveDate| if business_days { weekdays_between(r, as_of) } else { (as_of - r).num_days() };
        let mut open = 0u64;
        let mut overdue: Vec<String> = Vec::new();
        for i in 0..t.height() {
            let Some(r) = received[i] else { continue };
            if r > as_of {
                continue;
            }
            let is_closed = match closed[i] {
                Some(c) => c <= as_of,
                None => marked[i],
            };
            if is_closed {
                continue;
            }
            open += 1;
            if age(r) > i64::from(target_days) {
                overdue.push(ids[i].clone());
            }
        }
        let aging: u64 = report.aging.clone().unwrap_or_default().buckets().iter().map(|b| b.1).sum();
        prop_assert_eq!(aging, open);
        let mut listed: Vec<String> = report.overdue.iter().map(|o| o.complaint_id.clone()).collect();
        // oldest first by received date, ties by id
        let order: Vec<(chrono::NaiveDate, String)> = report.overdue.iter().map(|o| (o.received_date, o.complaint_id.clone())).collect();
        let mut sorted = order.clone();
        sorted.sort();
        prop_assert_eq!(order, sorted);
        listed.sort();
        overdue.sort();
        prop_assert_eq!(listed, overdue);
        for o in &report.overdue {
            prop_assert_eq!(o.days_past_target, o.age_days - i64::from(target_days));
            prop_assert!(o.received_date.year() >= 2022);
        }
    }
}
