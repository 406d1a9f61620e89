//! Property test: random ledgers with random layout problems (title rows,
//! blank, subtotal, note and repeated header rows, every date form, blank
//! and unreadable dates, repeated ids, CP949 or UTF-8, any delimiter) always
//! reconcile — data_rows = accepted + rejected, accepted = complaints +
//! duplicates_merged — with the counts the generator knows, and every
//! rejected row is in rejects.csv.

use crate::common::*;
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

        ttr_matches_the_table(&report, &received, &closed, as_of, business_days)?;

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

/// §3 Kaplan–Meier: a bound only where the value is not reached, and a
/// cohort without open complaints gets the classic median and the
/// nearest-rank P90 of its closures, computed here from the table.
fn ttr_matches_the_table(
    report: &complaints::metrics::Report,
    received: &[Option<chrono::NaiveDate>],
    closed: &[Option<chrono::NaiveDate>],
    as_of: chrono::NaiveDate,
    business_days: bool,
) -> Result<(), TestCaseError> {
    use complaints::metrics::months::Month;
    let days = |from: chrono::NaiveDate, to: chrono::NaiveDate| {
        if business_days {
            weekdays_between(from, to)
        } else {
            (to - from).num_days()
        }
    };
    for t in &report.trend {
        for (value, bound) in [(t.ttr_median, t.ttr_median_at_least), (t.ttr_p90, t.ttr_p90_at_least)] {
            prop_assert!(!(value.is_some() && bound.is_some()), "{} has a value and a bound", t.month);
        }
        if t.still_open() != Some(0) {
            continue;
        }
        let mut ttrs: Vec<i64> = Vec::new();
        for i in 0..received.len() {
            let (Some(r), Some(c)) = (received[i], closed[i]) else { continue };
            if Month::of(r) == t.month && c <= as_of && c >= r {
                ttrs.push(days(r, c));
            }
        }
        ttrs.sort_unstable();
        let n = ttrs.len();
        let median =
            (n > 0).then(|| if n % 2 == 1 { ttrs[n / 2] as f64 } else { (ttrs[n / 2 - 1] + ttrs[n / 2]) as f64 / 2.0 });
        let p90 = (n > 0).then(|| ttrs[(9 * n).div_ceil(10) - 1] as f64);
        prop_assert_eq!(
            (t.ttr_median, t.ttr_p90, t.ttr_median_at_least, t.ttr_p90_at_least),
            (median, p90, None, None),
            "{}",
            t.month
        );
    }
    Ok(())
}

/// Category texts a ledger can hold in any field the findings, headline, KPI
/// block and charts print: blank, catch-all, other scripts, right-to-left
/// with direction marks, a slot of the label templates, formula and markup
/// look-alikes, control characters, an emoji and a very long name.
const TEXTS: [&str; 14] = [
    "",
    "이물",
    "기타",
    "外観不良 (寸法)",
    "\u{202e}عيب\u{202c} פגם",
    "{1}{0}",
    "=HYPERLINK(\"http://x\",\"y\")",
    "<b>&amp;</b> \"quoted\"",
    "tab\tand\u{7}bell",
    "line\nbreak",
    "😀 emoji",
    "Société Générale",
    "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파하 very long name that goes on and on past any column width",
    "-",
];

/// One generated complaint: (month 0..=18, day, product, defect, customer,
/// closed after days (None: open; Some(None): closed by a word),
/// notified after days, a CAPA, a cost).
type Gen = (u32, u32, usize, usize, usize, Option<Option<u32>>, Option<u32>, bool, Option<u32>);

fn complaint_strategy() -> impl Strategy<Value = Gen> {
    (
        0u32..18,
        1u32..=28,
        0..TEXTS.len(),
        0..TEXTS.len(),
        0..TEXTS.len(),
        proptest::option::weighted(0.8, proptest::option::weighted(0.9, 0u32..40)),
        proptest::option::weighted(0.7, 0u32..25),
        proptest::bool::weighted(0.15),
        proptest::option::weighted(0.3, 0u32..2_000_000),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: pipeline_cases().min(16), failure_persistence: None, ..ProptestConfig::default() })]

    /// A ledger whose categories are any text, with a spike of one of them
    /// in its last month (so that a type is flagged and its concentration
    /// told): `report` writes every file and the headline without a panic
    /// or a lost write, and the figures keep the [2026-12] rules — only open
    /// complaints are notification-overdue, closed ones without a notified
    /// date are counted as not recorded, the to-do list holds active
    /// problems of at least three complaints and no catch-all type, and a
    /// handling-time bound stands only where its value is not reached.
    #[test]
    fn any_category_text_goes_through_every_writer(
        rows in proptest::collection::vec(complaint_strategy(), 20..120),
        spike_type in 0..TEXTS.len(),
        spike_product in 0..TEXTS.len(),
        spike in 6usize..14,
        english in any::<bool>(),
    ) {
        use chrono::NaiveDate;
        let start = NaiveDate::from_ymd_opt(2023, 1, 1).expect("date");
        let day = |month: u32, d: u32| {
            start.checked_add_months(chrono::Months::new(month)).and_then(|m| m.with_day0(d - 1)).expect("date")
        };
        use chrono::Datelike;
        let mut all: Vec<Gen> = rows.clone();
        // the spike: the last month (2024-07), one type on one product, open
        all.extend((0..spike).map(|i| (18, 1 + i as u32, spike_product, spike_type, i % TEXTS.len(), None, None, false, None)));
        let as_of = day(18, 1).with_day(31).expect("date");
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(["complaint_id", "received_date", "closed_date", "status", "product", "defect_type", "customer",
            "owner", "department", "channel", "site", "notified_date", "capa_id", "cost"]).expect("header");
        let mut closed_without_notify = 0;
        let mut open_ids = std::collections::HashSet::new();
        for (i, (m, d, p, t, c, closed, notified, capa, cost)) in all.iter().enumerate() {
            let received = day(*m, *d);
            let closed_date = closed.flatten().map(|n| received + chrono::Duration::days(i64::from(n)));
            let is_closed = match closed {
                Some(Some(_)) => closed_date.is_some_and(|c| c <= as_of),
                Some(None) => true, // closed by a word
                None => false,
            };
            if is_closed && notified.is_none() {
                closed_without_notify += 1;
            }
            let id = format!("C-{i:04}");
            if !is_closed {
                open_ids.insert(id.clone());
            }
            let text = |k: usize| TEXTS[k].to_string();
            w.write_record([
                id,
                received.to_string(),
                closed_date.map(|c| c.to_string()).unwrap_or_default(),
                if matches!(closed, Some(None)) { "완료".to_string() } else { String::new() },
                text(*p), text(*t), text(*c), text((*p + 1) % TEXTS.len()), text((*t + 2) % TEXTS.len()),
                text((*c + 3) % TEXTS.len()), text((*p + 5) % TEXTS.len()),
                notified.map(|n| (received + chrono::Duration::days(i64::from(n))).to_string()).unwrap_or_default(),
                if *capa { format!("CAPA-{}", t % 3) } else { String::new() },
                cost.map(|c| c.to_string()).unwrap_or_default(),
            ]).expect("row");
        }
        let dir = tempdir();
        std::fs::write(dir.path().join("ledger.csv"), w.into_inner().expect("csv")).expect("write");
        let lang = if english { "en" } else { "ko" };
        let o = run_in(dir.path(), &["report", "ledger.csv", "--out", "out", "--lang", lang]);
        prop_assert!(o.status.success(), "{}", stderr(&o));
        prop_assert!(stdout(&o).contains("Complaint report 2024-07"), "{}", stdout(&o));
        let s: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dir.path().join("out/summary.json")).expect("summary")).expect("json");
        for t in s["trend"].as_array().expect("trend").iter().chain(std::iter::once(&s["month"])) {
            for key in ["ttr_median", "ttr_p90"] {
                let bound = &t[format!("{key}_at_least")];
                prop_assert!(t.get(format!("{key}_at_least")).is_some(), "the bound key is always there");
                prop_assert!(t[key].is_null() || bound.is_null(), "{key} has a value and a bound: {t}");
            }
        }
        for item in s["notification"]["overdue"].as_array().expect("notify list") {
            let id = item["complaint_id"].as_str().unwrap_or("");
            prop_assert!(open_ids.contains(id), "{id} is closed yet notification-overdue");
        }
        prop_assert_eq!(s["data_quality"]["closed_without_notify_date"].as_u64(), Some(closed_without_notify));
        for item in s["capa"]["recurring_without_capa"].as_array().expect("to-do list") {
            prop_assert!(item["count"].as_u64().unwrap_or(0) >= 3, "{item}");
            prop_assert_ne!(item["key"][1].as_str(), Some("기타"));
        }
        // the texts reach the page: nothing but escaped text in report.html
        let html = std::fs::read_to_string(dir.path().join("out/report.html")).expect("html");
        prop_assert!(!html.contains("<b>&amp;</b>"), "markup from a cell is escaped");
        prop_assert!(!html.chars().any(|c| c == '\u{7}'), "no control character in the page");
    }
}
