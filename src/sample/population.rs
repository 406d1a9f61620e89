//! The legacy complaint population: each complaint's attributes, the monthly
//! volumes, the chronic problems on top of them, and the special roles and
//! merged cells placed among them.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use chrono::{Datelike, NaiveDate, Weekday};

use super::catalogue::Catalogue;
use super::chronic::{day, part_index, CHRONIC};
use super::dates::{add_days, days_between, days_in_month, ymd};
use super::draw::{draw_sample_core, lot_code, pick_defect, rehandle, Core};
use super::rng::Rng;
use super::vocabulary::{BAD_DATES, DEFECTS, D_FOREIGN, SPIKE_PART};

// ---------------------------------------------------------------------------
// The legacy complaint population
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Closed {
    Date(NaiveDate),
    DoneNoDate,
    Open,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    Received,
    InProgress,
    Done,
}

impl Status {
    pub(super) fn ledger_word(self) -> &'static str {
        match self {
            Status::Received => "접수",
            Status::InProgress => "처리중",
            Status::Done => "완료",
        }
    }

    pub(super) fn sales_word(self) -> &'static str {
        match self {
            Status::Received => "접수",
            Status::InProgress => "처리중",
            Status::Done => "처리완료",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reexport {
    /// Identical in both files.
    Same,
    /// Open in the master ledger, closed in the sales export (an update).
    OpenInMaster,
    /// The master ledger's closed date is this many days earlier (an update).
    EarlierClose(i64),
    /// The sales export names another customer (a conflict).
    ConflictCustomer(usize),
    /// The sales export names another product (a conflict).
    ConflictProduct(usize),
}

/// The one special role a complaint plays in the sample (at most one each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    Plain,
    SalesOnly,
    LateEntry,
    CarryOver,
    Overdue,
    Reexported(Reexport),
    RejectMissing,
    RejectBad(usize),
    ClosedBefore,
    DoneNoDate,
    DoubleEntry,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dest {
    Master,
    October,
    SalesOnly,
}

#[derive(Debug, Clone)]
pub(super) struct Complaint {
    pub(super) id: String,
    pub(super) received: NaiveDate,
    pub(super) minute: u32,
    pub(super) core: Core,
    pub(super) lot: String,
    pub(super) closed: Closed,
    pub(super) open_status: Status,
    pub(super) tag: Tag,
    pub(super) dest: Dest,
    /// Rows in the vertically merged customer group starting here (0 = none).
    pub(super) merge_len: u8,
    /// Inside (not at the top of) a merged customer group.
    pub(super) in_merge: bool,
    /// When the row was entered (orders the October sheet).
    pub(super) entry: NaiveDate,
    /// One of the chronic problems (index into `CHRONIC`).
    pub(super) chronic: Option<usize>,
}

impl Complaint {
    pub(super) fn status(&self) -> Status {
        match self.closed {
            Closed::Open => self.open_status,
            _ => Status::Done,
        }
    }

    /// (customer, product) as the row the engine keeps shows them.
    pub(super) fn final_customer_product(&self) -> (usize, usize) {
        match self.tag {
            Tag::Reexported(Reexport::ConflictCustomer(alt)) => (alt, self.core.product),
            Tag::Reexported(Reexport::ConflictProduct(alt)) => (self.core.customer, alt),
            _ => (self.core.customer, self.core.product),
        }
    }

    /// The recurrence key (docs/metrics.md §4) as the engine sees it.
    pub(super) fn final_key(&self) -> (usize, usize) {
        (self.final_customer_product().1, self.core.defect)
    }
}

pub(super) struct Population {
    pub(super) list: Vec<Complaint>,
    /// The plant's part numbers (`Core::product` indexes its parts).
    pub(super) catalogue: Catalogue,
}

/// 28 months: 2023-07 ..= 2025-10.
pub(super) const MONTHS: usize = 28;
/// Complaints rewritten to repeat a problem soon after it was closed.
const COMEBACKS: usize = 10;

pub(super) fn month_of(index: usize) -> (i32, u32) {
    let m0 = 6 + index as i32; // months after 2023-01
    (2023 + m0 / 12, (m0 % 12) as u32 + 1)
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn pick_day(rng: &mut Rng, first: NaiveDate, days: i64) -> NaiveDate {
    let mut d = add_days(first, rng.range(0, days - 1));
    for _ in 0..4 {
        if !weekend(d) || rng.chance(0.25) {
            break;
        }
        d = add_days(first, rng.range(0, days - 1));
    }
    d
}

fn new_complaint(rng: &mut Rng, received: NaiveDate, core: Core, as_of: NaiveDate) -> Complaint {
    let age = days_between(received, as_of);
    let mut closed_on = add_days(received, core.close_days);
    if closed_on > as_of && age > 30 {
        // Older open items are placed deliberately (see `assign_roles`).
        closed_on = add_days(as_of, -rng.range(0, 6));
    }
    let open = closed_on > as_of || (age <= 21 && rng.chance(0.3));
    let open_status = if age <= 5 && rng.chance(0.6) { Status::Received } else { Status::InProgress };
    Complaint {
        id: String::new(),
        received,
        minute: rng.range(510, 1080) as u32,
        lot: lot_code(add_days(received, -core.lot_back), core.lot_line),
        core,
        closed: if open { Closed::Open } else { Closed::Date(closed_on) },
        open_status,
        tag: Tag::Plain,
        dest: Dest::Master,
        merge_len: 0,
        in_merge: false,
        entry: received,
        chronic: None,
    }
}

/// Every month's complaints by the plant's volumes (mild seasonality), and
/// in the last month a spike of foreign matter, mostly on one console box
/// from a few days' lots.
fn draw_months(rng: &mut Rng, cat: &Catalogue, as_of: NaiveDate) -> Result<Vec<Complaint>> {
    let spike = part_index(cat, SPIKE_PART)?;
    let mut list: Vec<Complaint> = Vec::with_capacity(2200);
    for mi in 0..MONTHS {
        let (y, m) = month_of(mi);
        let first = ymd(y, m, 1)?;
        let days = days_in_month(y, m)?;
        let season = 7.0 * (std::f64::consts::TAU * (f64::from(m) - 4.0) / 12.0).sin();
        let noise = (rng.f64() + rng.f64() + rng.f64() - 1.5) * 6.0;
        let mut volume = (72.0 + season + noise).round().clamp(60.0, 85.0) as usize;
        let last = mi + 1 == MONTHS;
        if last {
            volume = volume * 9 / 10;
        }
        for _ in 0..volume {
            let day = pick_day(rng, first, days);
            let core = draw_sample_core(rng, m, cat);
            list.push(new_complaint(rng, day, core, as_of));
        }
        if last {
            let share = f64::from(DEFECTS[D_FOREIGN].1) / f64::from(DEFECTS.iter().map(|d| d.1).sum::<u32>());
            let extra = (volume as f64 * share * 2.6).round() as usize;
            let lot_from = ymd(2025, 9, 22)?;
            for _ in 0..extra {
                // Later in the month more often: the problem grows.
                let off = ((days as f64) * rng.f64().sqrt()) as i64;
                let day = add_days(first, off.min(days - 1));
                let mut core = draw_sample_core(rng, m, cat);
                core.defect = D_FOREIGN;
                let mut production = None;
                if rng.chance(0.85) {
                    core.product = spike;
                    core.customer = cat.pick_customer(rng, spike);
                    core.lot_line = 2;
                    let p = add_days(lot_from, rng.range(0, 11));
                    production = Some(p.min(add_days(day, -2)));
                }
                let plant = cat.parts[core.product].plant;
                rehandle(rng, &mut core, plant);
                let mut c = new_complaint(rng, day, core, as_of);
                if let Some(p) = production {
                    c.lot = lot_code(p, 2);
                }
                list.push(c);
            }
        }
    }
    Ok(list)
}

/// The chronic problems' complaints: on each day of a problem's span (none
/// in its quiet days) a complaint with the chance that gives `per_month`,
/// a quarter of it on weekends.
fn add_chronic(list: &mut Vec<Complaint>, rng: &mut Rng, cat: &Catalogue, as_of: NaiveDate) -> Result<()> {
    for (k, ch) in CHRONIC.iter().enumerate() {
        let part = part_index(cat, ch.part)?;
        let quiet = ch.quiet.map(|(a, b)| Ok::<_, anyhow::Error>((day(a)?, day(b)?))).transpose()?;
        let (mut d, to) = (day(ch.from)?, day(ch.to)?);
        // 21.7 weekdays and 8.7 weekend days a month, the latter at 1/4.
        let per_weekday = ch.per_month / (21.7 + 8.7 * 0.25);
        while d <= to {
            let silent = quiet.is_some_and(|(a, b)| d >= a && d <= b);
            let p = if weekend(d) { per_weekday * 0.25 } else { per_weekday };
            if !silent && rng.chance(p) {
                let mut core = draw_sample_core(rng, d.month(), cat);
                core.product = part;
                core.customer = cat.pick_customer(rng, part);
                core.defect = ch.defect;
                rehandle(rng, &mut core, cat.parts[part].plant);
                let mut c = new_complaint(rng, d, core, as_of);
                c.chronic = Some(k);
                list.push(c);
            }
            d = add_days(d, 1);
        }
    }
    Ok(())
}

/// A few problems come back soon after closing: a complaint received 2-21
/// days after another one was closed is rewritten to its product and type.
fn add_comebacks(list: &mut [Complaint], rng: &mut Rng, cat: &Catalogue) -> Result<()> {
    let n = list.len();
    let mut rewritten = vec![false; n];
    let (sep1, oct1) = (ymd(2025, 9, 1)?, ymd(2025, 10, 1)?);
    for _ in 0..COMEBACKS {
        let src = rng.below(n);
        let Closed::Date(done) = list[src].closed else {
            continue;
        };
        if list[src].received >= sep1 {
            continue;
        }
        let lo = add_days(done, 2);
        let hi = add_days(done, 21).min(add_days(oct1, -1));
        let cands: Vec<usize> = (0..n)
            .filter(|&j| {
                let c = &list[j];
                j != src && !rewritten[j] && c.chronic.is_none() && c.received >= lo && c.received <= hi
            })
            .collect();
        if cands.is_empty() {
            continue;
        }
        let j = cands[rng.below(cands.len())];
        let from = list[src].core;
        let mut core = list[j].core;
        if rng.chance(0.75) || !cat.buys(core.customer, from.product) {
            core.customer = from.customer;
        }
        core.product = from.product;
        core.defect = from.defect;
        let plant = cat.parts[core.product].plant;
        rehandle(rng, &mut core, plant);
        list[j].core = core;
        rewritten[j] = true;
    }
    Ok(())
}

pub(super) fn generate_population(seed: u64) -> Result<Population> {
    let mut rng = Rng::new(seed);
    let as_of = ymd(2025, 10, 31)?;
    let oct1 = ymd(2025, 10, 1)?;
    let catalogue = Catalogue::new();
    let mut list = draw_months(&mut rng, &catalogue, as_of)?;
    add_chronic(&mut list, &mut rng, &catalogue, as_of)?;
    list.sort_by_key(|c| (c.received, c.minute));
    let n = list.len();
    add_comebacks(&mut list, &mut rng, &catalogue)?;

    // Sales-only complaints (2025-01..06, only in the sales export); the
    // chronic problems are the quality team's, in its master ledger.
    let h1_from = ymd(2025, 1, 1)?;
    let h1_to = ymd(2025, 6, 30)?;
    let h1: Vec<usize> = (0..n)
        .filter(|&i| list[i].chronic.is_none() && list[i].received >= h1_from && list[i].received <= h1_to)
        .collect();
    for i in rng.sample(&h1, 40) {
        list[i].dest = Dest::SalesOnly;
        list[i].tag = Tag::SalesOnly;
    }
    for c in list.iter_mut() {
        if c.received >= oct1 {
            c.dest = Dest::October;
        }
    }

    // Ids: C-YYYY-NNNN in order of receipt, S-2025-NNNN in the sales system.
    let mut per_year: BTreeMap<i32, u32> = BTreeMap::new();
    let mut sales_no = rng.range(3, 9) as u32;
    for c in list.iter_mut() {
        if c.dest == Dest::SalesOnly {
            c.id = format!("S-{}-{:04}", c.received.year(), sales_no);
            sales_no += rng.range(1, 6) as u32;
        } else {
            let k = per_year.entry(c.received.year()).or_insert(0);
            *k += 1;
            c.id = format!("C-{}-{:04}", c.received.year(), k);
        }
    }

    let mut pop = Population { list, catalogue };
    assign_roles(&mut pop, &mut rng)?;
    assign_merges(&mut pop, &mut rng)?;
    silence(&mut pop, &mut rng)?;
    Ok(pop)
}

/// Keeps other complaints of a chronic problem's part and type out of its
/// quiet days, and away for good once it is fixed (the same part, another
/// defect type): the quiet after a CAPA is real.
fn silence(pop: &mut Population, rng: &mut Rng) -> Result<()> {
    for (k, ch) in CHRONIC.iter().enumerate() {
        let part = part_index(&pop.catalogue, ch.part)?;
        let fixed = ch.fixed.map(day).transpose()?;
        let quiet = ch.quiet.map(|(a, b)| Ok::<_, anyhow::Error>((day(a)?, day(b)?))).transpose()?;
        for c in pop.list.iter_mut() {
            let r = c.received;
            let silent = fixed.is_some_and(|f| r >= f) || quiet.is_some_and(|(a, b)| r >= a && r <= b);
            if c.chronic == Some(k) || !silent || c.final_key() != (part, ch.defect) {
                continue;
            }
            while c.core.defect == ch.defect {
                c.core.defect = pick_defect(rng, r.month());
            }
            let plant = pop.catalogue.parts[c.core.product].plant;
            rehandle(rng, &mut c.core, plant);
        }
    }
    Ok(())
}

/// Indices of plain master-ledger complaints received in `from..=to`.
fn plain_master(pop: &Population, from: NaiveDate, to: NaiveDate) -> Vec<usize> {
    (0..pop.list.len())
        .filter(|&i| {
            let c = &pop.list[i];
            c.tag == Tag::Plain && c.dest == Dest::Master && c.received >= from && c.received <= to
        })
        .collect()
}

fn assign_roles(pop: &mut Population, rng: &mut Rng) -> Result<()> {
    let oct1 = ymd(2025, 10, 1)?;
    // Late-entered September complaints: only in the October file.
    for i in rng.sample(&plain_master(pop, ymd(2025, 9, 22)?, ymd(2025, 9, 30)?), 4) {
        let c = &mut pop.list[i];
        c.tag = Tag::LateEntry;
        c.dest = Dest::October;
        c.entry = add_days(c.received, rng.range(4, 10));
    }
    // Carried over: open in the master ledger, closed in October's file.
    for i in rng.sample(&plain_master(pop, ymd(2025, 9, 12)?, ymd(2025, 9, 30)?), 5) {
        let c = &mut pop.list[i];
        c.tag = Tag::CarryOver;
        let late = add_days(oct1, rng.range(0, 12));
        c.closed = Closed::Date(match c.closed {
            Closed::Date(d) => d.max(late),
            _ => late,
        });
    }
    // Overdue: 1-4 months old and still open.
    for i in rng.sample(&plain_master(pop, ymd(2025, 7, 1)?, ymd(2025, 9, 20)?), 8) {
        let c = &mut pop.list[i];
        c.tag = Tag::Overdue;
        c.closed = Closed::Open;
        c.open_status = Status::InProgress;
    }
    // Re-exported by sales: 180 of the 2025 H1 complaints.
    let h1: Vec<usize> = plain_master(pop, ymd(2025, 1, 1)?, ymd(2025, 6, 30)?)
        .into_iter()
        .filter(|&i| pop.list[i].chronic.is_none() && matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    let (mut open_updates, mut late_updates, mut conflicts) = (0, 0, 0);
    for i in rng.sample(&h1, 180) {
        let cat = &pop.catalogue;
        let c = &mut pop.list[i];
        let days = match c.closed {
            Closed::Date(d) => days_between(c.received, d),
            _ => 0,
        };
        let kind = if open_updates < 15 {
            open_updates += 1;
            Reexport::OpenInMaster
        } else if late_updates < 10 && days >= 3 {
            late_updates += 1;
            Reexport::EarlierClose(rng.range(1, (days - 1).min(5)))
        } else if conflicts < 3 {
            conflicts += 1;
            if conflicts == 2 {
                Reexport::ConflictProduct(cat.other_part(c.core.customer, c.core.product))
            } else {
                // Another customer that also buys this product.
                Reexport::ConflictCustomer(cat.other_customer(c.core.customer, c.core.product))
            }
        } else {
            Reexport::Same
        };
        c.tag = Tag::Reexported(kind);
    }
    let all_from = ymd(2023, 7, 1)?;
    let master_to = ymd(2025, 9, 30)?;
    // Rejected rows: 2 blank received dates per year sheet, 4 unparseable.
    let mut bad_no = 0;
    for (year, missing, bad) in [(2023, 2, 1), (2024, 2, 2), (2025, 2, 1)] {
        let from = ymd(year, 1, 1)?.max(all_from);
        let to = ymd(year, 12, 31)?.min(master_to);
        let pool = plain_master(pop, from, to);
        let picked = rng.sample(&pool, missing + bad);
        for (k, &i) in picked.iter().enumerate() {
            pop.list[i].tag = if k < missing {
                Tag::RejectMissing
            } else {
                bad_no += 1;
                Tag::RejectBad((bad_no - 1) % BAD_DATES.len())
            };
        }
    }
    // Exactly two closed dates before the received date (data-entry errors).
    let pool: Vec<usize> = plain_master(pop, ymd(2024, 1, 1)?, ymd(2024, 12, 31)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    for i in rng.sample(&pool, 2) {
        let c = &mut pop.list[i];
        c.tag = Tag::ClosedBefore;
        c.closed = Closed::Date(add_days(c.received, -rng.range(1, 3)));
    }
    // Closed without a date: the closed-date cell says 완료.
    let pool: Vec<usize> = plain_master(pop, all_from, ymd(2025, 8, 31)?)
        .into_iter()
        .filter(|&i| matches!(pop.list[i].closed, Closed::Date(_)))
        .collect();
    for i in rng.sample(&pool, 10) {
        pop.list[i].tag = Tag::DoneNoDate;
        pop.list[i].closed = Closed::DoneNoDate;
    }
    // Entered twice in the master ledger.
    for i in rng.sample(&plain_master(pop, all_from, master_to), 3) {
        pop.list[i].tag = Tag::DoubleEntry;
    }
    Ok(())
}

/// Whether a complaint may sit in a vertically merged customer group.
fn mergeable(c: &Complaint) -> bool {
    c.chronic.is_none()
        && !matches!(
            c.tag,
            Tag::DoubleEntry
                | Tag::RejectMissing
                | Tag::RejectBad(_)
                | Tag::Reexported(Reexport::ConflictCustomer(_))
                | Tag::Reexported(Reexport::ConflictProduct(_))
        )
}

fn assign_merges(pop: &mut Population, rng: &mut Rng) -> Result<()> {
    for (year, groups) in [(2023, 3usize), (2024, 4), (2025, 4)] {
        let rows = master_rows(pop, year);
        let mut used = vec![false; rows.len()];
        let mut made = 0;
        let mut tries = 0;
        while made < groups && tries < 500 && rows.len() > 4 {
            tries += 1;
            let len = rng.range(2, 3) as usize;
            let p = 1 + rng.below(rows.len() - len - 1);
            let month = pop.list[rows[p]].received.month();
            let ok = (p - 1..p + len + 1).all(|k| !used[k])
                && (p..p + len).all(|k| {
                    let c = &pop.list[rows[k]];
                    mergeable(c) && c.received.month() == month
                });
            if !ok {
                continue;
            }
            let customer = pop.list[rows[p]].core.customer;
            for &i in &rows[p + 1..p + len] {
                let mut core = pop.list[i].core;
                core.customer = customer;
                if !pop.catalogue.buys(customer, core.product) {
                    let Some(part) = pop.catalogue.pick_part_of(rng, customer) else {
                        bail!("customer {customer} buys no part");
                    };
                    core.product = part;
                    rehandle(rng, &mut core, pop.catalogue.parts[part].plant);
                }
                let c = &mut pop.list[i];
                c.core = core;
                c.in_merge = true;
            }
            pop.list[rows[p]].merge_len = len as u8;
            for u in used.iter_mut().skip(p - 1).take(len + 2) {
                *u = true;
            }
            made += 1;
        }
        if made < groups {
            bail!("could not place merged customer cells on the {year} sheet");
        }
    }
    Ok(())
}

/// Master-ledger complaints of one year sheet, in row order.
pub(super) fn master_rows(pop: &Population, year: i32) -> Vec<usize> {
    (0..pop.list.len()).filter(|&i| pop.list[i].dest == Dest::Master && pop.list[i].received.year() == year).collect()
}
